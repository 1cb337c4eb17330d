#ifndef TPM_UI_UI_BROWSE_H
#define TPM_UI_UI_BROWSE_H

/*
 * The browse screen: every study item in a table (id, deck, state, due,
 * stability, lapses), sorted by any column, filtered by a PCRE2 pattern
 * over the front, back, cloze text and tags; enter shows the whole card.
 * Plain state, pure handler and view; ui_app.c fills the rows and carries
 * out suspend, unsuspend, forget and edit.
 */

#include <stddef.h>
#include <stdint.h>

#include "core/vec.h"
#include "loader/loader.h"
#include "sched/sched.h"
#include "ui/ui_int.h"

struct browse_row {
	const struct item *item;	/* borrowed from the library */
	struct fsrs_card mem;
	int suspended, leech;
	int64_t buried_until;
};

enum browse_sort {
	BROWSE_BY_ID,
	BROWSE_BY_DECK,
	BROWSE_BY_STATE,
	BROWSE_BY_DUE,
	BROWSE_BY_STABILITY,
	BROWSE_BY_LAPSES,
	BROWSE_N_SORTS
};

enum browse_request {
	BROWSE_REQ_NONE,
	BROWSE_REQ_SUSPEND,
	BROWSE_REQ_UNSUSPEND,	/* or unbury: back to study */
	BROWSE_REQ_FORGET,
	BROWSE_REQ_EDIT,
	BROWSE_REQ_PRIMER,	/* open the card's primer in the reader */
};

struct browse {
	const struct ui_matcher *matcher;
	int64_t now;			/* for "due in 3d"; set by the app */
	int64_t day_start;		/* today's, for prop:due; the app's */
	const char *base_dir;		/* file names are shown relative to
					 * it (the working directory) */
	struct vec rows;		/* of struct browse_row */
	size_t *shown;			/* row indexes, filtered and sorted */
	size_t n_shown;
	enum browse_sort sort;
	int reverse;
	char *filter;			/* the pattern in force, or NULL */
	long n_limit;			/* rows the pattern gave up on */
	long n_unsearched;		/* rows past the filter's budget */

	int filtering;			/* typing a pattern */
	struct ui_input input;
	int card;			/* showing the selected card */
	int card_scroll, card_lines, card_rows;
	int confirm;			/* asking before forget */
	size_t sel, top;		/* in shown[] */
	int rows_shown;
	char *status;
	int status_error;

	enum browse_request req;
	size_t req_row;			/* index into rows */
};

void browse_init(struct browse *b, const struct ui_matcher *matcher);
void browse_release(struct browse *b);

/* Drops every row (before the app refills them after a reload). */
void browse_clear(struct browse *b);

/* A new zeroed row for the app to fill; valid until the next add. */
struct browse_row *browse_add_row(struct browse *b);

/*
 * Filters and sorts the rows again, after the app added or changed some,
 * keeping the selection on the same item when it is still shown.
 */
void browse_refresh(struct browse *b);

/*
 * Applies query (NULL or "" shows every row): search terms
 * (queue_search.h) and a pattern of the rest.  Returns 0, or -1 when a
 * term is bad or the pattern does not compile: the message is then in
 * the status line and the previous filter stays.
 */
int browse_set_filter(struct browse *b, const char *query);

void browse_set_status(struct browse *b, const char *msg, int error);

/* The row under the selection, or NULL when none is shown. */
struct browse_row *browse_selected(struct browse *b);

/* The state column of a row: "new", "review", "suspended", "leech"... */
const char *browse_state_name(const struct browse_row *r, int64_t now);

/* The browser's own actions (besides enum ui_action's). */
enum browse_action {
	BROWSE_A_OPEN = UI_A_SCREEN,	/* show the selected card */
	BROWSE_A_FILTER,
	BROWSE_A_SORT,
	BROWSE_A_REVERSE,
	BROWSE_A_SUSPEND,
	BROWSE_A_UNSUSPEND,
	BROWSE_A_FORGET,
	BROWSE_A_EDIT,
	BROWSE_A_PRIMER,
	BROWSE_A_YES,
	BROWSE_A_NO,
};

/* The tables: the list, typing a pattern, one card, forget's question. */
extern const struct ui_keymap browse_keys;
extern const struct ui_keymap browse_filter_keys;
extern const struct ui_keymap browse_card_keys;
extern const struct ui_keymap browse_confirm_keys;

/* The table in force now. */
const struct ui_keymap *browse_keymap(const struct browse *b);

/*
 * Handles one action of browse_keymap()'s table (cp for UI_A_CHAR);
 * returns enum ui_effect bits.
 */
int browse_handle(struct browse *b, int a, uint32_t cp, int64_t now);

void browse_view(struct browse *b, struct ui_view *v);

#endif
