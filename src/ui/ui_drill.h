#ifndef TPM_UI_UI_DRILL_H
#define TPM_UI_UI_DRILL_H

/*
 * The drill screen: a card's question, its answer on space, the four
 * grades with the interval each would give, and at the end a summary.
 * Plain state, pure handler and view (STYLE rules 12-13): ui_app.c gives
 * it the cards and carries out what it asks for (a grade, an undo...),
 * committing to the store before the next draw.
 */

#include <stdint.h>

#include "core/vec.h"
#include "loader/loader.h"
#include "sched/sched.h"
#include "ui/ui_int.h"

enum drill_phase {
	DRILL_QUESTION,
	DRILL_ANSWER,
	DRILL_END,		/* the summary, or nothing to study */
};

enum drill_request {
	DRILL_REQ_NONE,
	DRILL_REQ_REVEAL,	/* the answer shows: plan the grades */
	DRILL_REQ_GRADE,	/* req_rating, req_duration_ms */
	DRILL_REQ_UNDO,
	DRILL_REQ_BURY,
	DRILL_REQ_SUSPEND,
	DRILL_REQ_EDIT,
	DRILL_REQ_PRIMER,	/* open the card's primer in the reader */
	DRILL_REQ_CRAM,
	DRILL_REQ_END,		/* the user ends the session early */
};

#define DRILL_BAD_PATTERN (-1)
#define DRILL_GAVE_UP (-2)

/* A key point of a typed card, and whether the answer covered it. */
struct drill_point {
	const char *label;	/* borrowed from the library */
	int result;		/* 1 covered, 0 missed, DRILL_BAD_PATTERN
				 * or DRILL_GAVE_UP (a match limit) */
	int red_flag;		/* a warning sign: result 1 = raised */
};

struct drill {
	/* Set once by the app. */
	char *scope;			/* "all decks", "system-design" */
	int cram;
	const struct ui_matcher *matcher;

	/* The card on screen (NULL at the end), set by drill_show(). */
	const struct item *item;
	struct fsrs_review preview[4];	/* Again..Easy, once revealed */
	int64_t preview_at;		/* when it was worked out; 0 none */
	int64_t shown_at;
	long left[3];			/* learning, review, new */
	long done;

	/* The screen's own state. */
	enum drill_phase phase;
	int typing;			/* a typed card's answer line has keys */
	int esc_armed;			/* the last key was Esc: another ends */
	struct ui_input answer;
	struct vec points;		/* of struct drill_point */
	int scroll;
	int body_lines, body_rows;	/* from the last view, for paging */
	int answer_line;		/* where the answer starts in the body */
	int reveal_scroll;		/* scroll to it at the next view */
	char *status;
	int status_error;

	/* Session figures for the summary. */
	int64_t started_at, ended_at;
	long n_shown, n_graded, n_again;
	struct vec leeches;		/* of char *, owned */
	char *end_note;			/* "17 due tomorrow" or why empty */

	/* What the app must do after UI_SAVE. */
	enum drill_request req;
	enum fsrs_rating req_rating;
	int64_t req_duration_ms;
};

void drill_init(struct drill *d, const char *scope, int cram,
		const struct ui_matcher *matcher);
void drill_release(struct drill *d);

/*
 * Puts item on screen with its question showing.  left counts what is still to
 * study by enum queue_kind, done how many grades were given.
 */
void drill_show(struct drill *d, const struct item *item,
		const long left[3], long done, int64_t now);

/*
 * The outcome of each grade, worked out at at when the answer was shown
 * (DRILL_REQ_REVEAL): the grade keys show these intervals.
 */
void drill_set_preview(struct drill *d, const struct fsrs_review preview[4],
		       int64_t at);

/*
 * Ends the session: the summary, with note under it (what is due
 * tomorrow, or why there was nothing to study).  Copies note.
 */
void drill_finish(struct drill *d, const char *note, int64_t now);

/* A grade was saved: counts it for the summary. */
void drill_count_grade(struct drill *d, enum fsrs_rating rating);

/* An undo was saved: takes back the last counted grade. */
void drill_uncount_grade(struct drill *d, enum fsrs_rating rating);

/* Adds a leech to the summary's list (copied). */
void drill_add_leech(struct drill *d, const char *key);

/* A one-line message on the rule above the keys; NULL clears it. */
void drill_set_status(struct drill *d, const char *msg, int error);

/* The drill's own actions (besides enum ui_action's). */
enum drill_action {
	DRILL_A_REVEAL = UI_A_SCREEN,
	DRILL_A_AGAIN,		/* the grades, in enum fsrs_rating order */
	DRILL_A_HARD,
	DRILL_A_GOOD,
	DRILL_A_EASY,
	DRILL_A_UNDO,
	DRILL_A_BURY,
	DRILL_A_SUSPEND,
	DRILL_A_EDIT,
	DRILL_A_TYPE,		/* into the answer line */
	DRILL_A_CRAM,
	DRILL_A_ESC,		/* steps out: of the line, then the session */
	DRILL_A_PRIMER,
};

/* The tables: question, answer shown, typing an answer, summary. */
extern const struct ui_keymap drill_front_keys;
extern const struct ui_keymap drill_back_keys;
extern const struct ui_keymap drill_type_keys;
extern const struct ui_keymap drill_end_keys;

/* The table in force now. */
const struct ui_keymap *drill_keymap(const struct drill *d);

/*
 * Handles one action of drill_keymap()'s table; cp is the character for
 * UI_A_CHAR.  Returns enum ui_effect bits; with UI_SAVE, d->req says
 * what to do.
 */
int drill_handle(struct drill *d, int a, uint32_t cp, int64_t now);

/* Fills v (rows x cols set by ui_view_begin()); keeps the scroll in range. */
void drill_view(struct drill *d, struct ui_view *v);

#endif
