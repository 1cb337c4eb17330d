#ifndef TPM_UI_UI_APP_H
#define TPM_UI_UI_APP_H

/*
 * The interface's run loop and its wiring to the data, split by screen:
 * ui_app.c (the loop, overlays, editing a card), ui_app_home.c,
 * ui_app_drill.c and ui_app_browse.c, which fill the pure screens from the
 * library, the store and the queue and carry out their requests.
 * Internal to src/ui.
 */

#include <stdint.h>

#include "loader/loader.h"
#include "queue/queue.h"
#include "sched/sched.h"
#include "ui/ui.h"
#include "ui/ui_browse.h"
#include "ui/ui_drill.h"
#include "ui/ui_home.h"
#include "ui/ui_int.h"
#include "queue/queue_session.h"

struct app;
struct store_scan_row;

/*
 * A screen as the run loop sees it.  Each screen's ui_app_S.c defines one
 * (app_home_screen...), wiring the pure screen of ui_S.c, which owns its
 * actions and key tables, to the data: a new screen is its own files and
 * one of these, with no case added to the loop or to a central enum.
 */
struct app_screen {
	/* The key table in force now; `?` shows its help. */
	const struct ui_keymap *(*keymap)(const struct app *a);
	/*
	 * Handles action act of that table (key is the key pressed, for
	 * UI_A_CHAR), carries out what it asks for, committing to the store,
	 * and returns enum ui_effect bits: UI_QUIT leaves the screen.
	 */
	int (*handle)(struct app *a, int act, int key);
	/* Fills v, begun at the terminal's size. */
	void (*view)(struct app *a, struct ui_view *v);
	/*
	 * Optional (NULL for screens without a clock).  tick: called at
	 * least every UI_TICK_MS while the screen is on view, returns enum
	 * ui_effect bits.  suspend: stopped = 1 before the process stops
	 * (Ctrl-Z) or ends on a signal, so that the screen saves what it
	 * must; stopped = 0 once it runs again.
	 */
	int (*tick)(struct app *a);
	void (*suspend)(struct app *a, int stopped);
};

/* A ticking screen's timers are looked at this often, at least. */
#define UI_TICK_MS 250

extern const struct app_screen app_home_screen;
extern const struct app_screen app_drill_screen;
extern const struct app_screen app_browse_screen;
extern const struct app_screen app_mpick_screen;
extern const struct app_screen app_mrun_screen;
extern const struct app_screen app_mcover_screen;
extern const struct app_screen app_mscore_screen;
extern const struct app_screen app_mresult_screen;

/*
 * The terminal as the app uses it: its size, and drawing a whole view
 * (v is valid only during the call).  ui_run() passes ui_term.c's; tests
 * pass a fake, so that the app's flows run in cmocka with an in-memory
 * store and a fake clock, as the screens do with struct ui_matcher.
 */
struct app_term {
	void (*size)(void *ctx, int *rows, int *cols);
	void (*draw)(void *ctx, const struct ui_view *v);
	void *ctx;
	void (*bell)(void *ctx);	/* may be NULL: no bell */
};

struct app_mock;

struct app {
	const struct ui_env *env;
	struct app_term term;
	struct library *lib;		/* the library in use */
	struct library *own;		/* one loaded here after an edit */
	struct lint_left_out left_out;	/* what errors left out of lib */
	struct fsrs_params params;
	struct ui_matcher matcher;
	struct queue queue;
	struct ui_view view;
	const struct app_screen *screen;	/* the one on view */
	const struct app_screen *start;	/* leaving it quits */
	struct home home;
	struct drill drill;
	int drill_on;
	struct queue_session session;
	/* The grades of the card on screen, planned when its answer showed;
	 * kept: the plan of the grade last undone, for kept_item. */
	struct queue_plan plan, kept;
	const struct item *kept_item;
	char *drill_deck, *drill_tag;	/* the drill's scope */
	int drill_focus;		/* focus_tags first */
	const char *focus_tags[32];	/* borrowed from the rubrics */
	size_t n_focus_tags;
	struct browse browse;
	int browse_on;
	char *cwd;			/* file names are shown from here */
	int help, help_scroll;
	char *notice_title, *notice;
	int notice_scroll;
	int quit;
	int dirty;
	int pasting;			/* between bracketed-paste markers */
	struct app_mock *mock;		/* ui_app_mock.c's, or NULL */
};

/*
 * Sets a up for env (which must outlive it) and term (copied) on its first
 * screen: for env->drill the drill of env->deck and env->tag, otherwise
 * the home screen with its figures read.  Draws nothing.  Returns 0, or
 * TPM_EIO when the home screen's figures could not be read (the reason is
 * store_errmsg(env->st)).  Release a with app_release() in any case.
 */
int app_init(struct app *a, const struct ui_env *env,
	     const struct app_term *term);
void app_release(struct app *a);

/*
 * The screen's clock (struct app_screen's tick, drawing what changed),
 * and its saving around a stop or the end on a signal (suspend); both do
 * nothing for a screen without them.
 */
void app_tick(struct app *a);
void app_suspend(struct app *a, int stopped);

/* Draws the screen (or overlay) on view through a->term. */
void app_draw(struct app *a);

/* Now, on the clock the interface was given. */
int64_t app_now_ms(const struct app *a);

/* A full-screen message (copied), closed by enter. */
void app_notice(struct app *a, const char *title, const char *text);

/* "23 Nov": the local date of utc_ms. */
void app_day_label(const struct app *a, int64_t utc_ms, char out[16]);

/*
 * Opens the first of refs (a card's) in the reader, a scrollable notice:
 * 0, or -1 with why not in msg (no ref, a file that cannot be read).
 */
int app_open_primer(struct app *a, const struct lstr_list *refs,
		    struct buf *msg);

/* A path shown from the working directory when it is inside it. */
const char *app_shown_path(const struct app *a, const char *path);

/*
 * The library item of a row of store_card_scan(), or NULL for a state
 * whose item is no longer in the library; key holds a copy of the key.
 */
const struct item *app_row_item(const struct app *a,
				const struct store_scan_row *row,
				struct buf *key);

/*
 * Runs $VISUAL or $EDITOR (default vi) on file at line with the terminal
 * given back, ignoring SIGINT and SIGQUIT meanwhile as git does (they are
 * the editor's).  Returns the editor's exit status, or -1 if it did not
 * run.
 */
int app_run_editor(const char *file, unsigned line);
/* The same outside the interface (the terminal is not curses'). */
int app_editor_exec(const char *file, unsigned line);

/* Opens the item's file in $EDITOR at its line, then loads the decks again. */
void app_edit(struct app *a, const struct item *it);

/*
 * One key, from its arrival to the screen it leads to (ui_app.c); a
 * function of its own so that callgrind measures exactly this.
 */
void ui_app_key(struct app *a, int key);

/*
 * ui_app_home.c: the home screen's figures, statistics.  Refresh returns
 * 0, or -1 after a store error (shown in the status line).
 */
int app_home_refresh(struct app *a);

/*
 * ui_app_mock.c: the mock screens.  app_mock_pick() opens the picker of
 * kind (-1: every kind); app_mock_start() starts scenario id (which must
 * be in the library); app_mock_resume() continues the newest unfinished
 * session (its timers where they stood, or its scoring when its time is
 * over).  Each returns 0, or -1 with a notice saying why.  Before the
 * home screen shows, app_mock_home() fills its mock lines.
 */
int app_mock_pick(struct app *a, int kind);
int app_mock_start(struct app *a, const char *id);
int app_mock_resume(struct app *a);
void app_mock_home(struct app *a);
void app_mock_release(struct app *a);

/* ui_app_drill.c: a drill over a deck or tag (either may be NULL). */
void app_drill_start(struct app *a, const char *deck, const char *tag,
		     int cram);
/*
 * A drill of everything with the focus criteria's cards first (their due
 * reviews, then their new cards); -1, with why on the home screen, when
 * no criterion is a focus.
 */
int app_drill_focus(struct app *a);
/* Shows the session's current card, or the summary when it ran out. */
void app_drill_next(struct app *a);

/* ui_app_browse.c */
void app_browse_open(struct app *a);

#endif
