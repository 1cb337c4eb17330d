#ifndef TPM_UI_UI_HOME_H
#define TPM_UI_UI_HOME_H

/*
 * The home screen: the decks (or tags) with what each has to study, the
 * next mock interview, today's progress.  Plain state, a pure key handler
 * and a view, like every screen (STYLE rules 12-13); ui_app.c fills the
 * data and carries out the requests.
 */

#include <stdint.h>

#include "core/vec.h"
#include "ui/ui_int.h"

/* One row of the table: a deck, a tag, or every deck at once. */
struct home_row {
	char *id;		/* deck id or tag; NULL for all decks */
	char *label;		/* what the row shows */
	long n_new, n_learn, n_due;
};

enum home_request {
	HOME_REQ_NONE,
	HOME_REQ_DRILL,		/* deck or tag in req_deck / req_tag */
	HOME_REQ_MOCK,
	HOME_REQ_RESUME,
	HOME_REQ_FOCUS,		/* drill --focus */
	HOME_REQ_BROWSE,
	HOME_REQ_STATS,
	HOME_REQ_STORIES,
};

struct home {
	/* Filled by the app; the struct owns the rows and strings. */
	struct vec decks;	/* of struct home_row; [0] is all decks */
	struct vec tags;	/* of struct home_row */
	char *date;		/* "Mon 23 Nov" */
	long streak;		/* days in a row with reviews, up to today */
	long reviewed_today, new_today;
	int ever;		/* anything ever reviewed: 0 on a first run */
	char *next_mock;	/* "Design a URL shortener · system design" */
	char *resume;		/* an unfinished mock's title, or NULL */
	char *left_out;		/* what errors left out of study, or NULL */
	char *focus;		/* the focus criteria, or NULL */
	char *status;		/* a one-line message, or NULL */
	int status_error;

	/* The screen's own state. */
	int tags_mode;
	size_t sel[2], top[2];	/* per mode: selected row, first shown */
	int rows_shown;		/* table rows in the last view */

	/* What the app must do after UI_SAVE. */
	enum home_request req;
	const char *req_deck;	/* borrowed from the rows */
	const char *req_tag;
};

void home_init(struct home *h);
void home_release(struct home *h);

/* Drops the rows (before the app refills them after a reload). */
void home_clear_rows(struct home *h);

/* Adds a row to the decks (tag = 0) or tags list; id may be NULL. */
struct home_row *home_add_row(struct home *h, int tag, const char *id,
			      const char *label);

/* Replaces a string field (date, next_mock, left_out...) with a copy of s. */
void home_set(char **field, const char *s);

/* Sets the status line; error shows it in the error style. */
void home_set_status(struct home *h, const char *msg, int error);

/* The home screen's own actions (besides enum ui_action's). */
enum home_action {
	HOME_A_OPEN = UI_A_SCREEN,	/* drill the selected row */
	HOME_A_TAGS,
	HOME_A_MOCK,
	HOME_A_RESUME,
	HOME_A_BROWSE,
	HOME_A_STATS,
	HOME_A_STORIES,
	HOME_A_FOCUS,
};

/* The tables: the decks, and the tags (tags_mode). */
extern const struct ui_keymap home_keys;
extern const struct ui_keymap home_tag_keys;

/* The table in force now. */
const struct ui_keymap *home_keymap(const struct home *h);

/*
 * Handles one action of home_keymap()'s table; returns enum ui_effect
 * bits.
 */
int home_handle(struct home *h, int a, int64_t now_ms);

/* Fills v (rows x cols already set by ui_view_begin()). */
void home_view(struct home *h, struct ui_view *v);

#endif
