#ifndef TPM_UI_UI_H
#define TPM_UI_UI_H

/*
 * The terminal interface: the home screen, drills and the card browser.
 * `tpmtrain` with no verb and `tpmtrain drill` come here.  This is the only
 * piece that calls curses; everything it shows comes from the library, the
 * store and the queue, and every grade is committed to the store before
 * the next screen is drawn.
 */

#include "core/buf.h"
#include "core/clock.h"
#include "core/diag.h"
#include "lint/lint.h"

struct library;
struct settings;
struct store;

struct ui_env {
	struct library *lib;		/* loaded; the caller's, left as is */
	struct store *st;		/* opened with STORE_WRITE */
	const struct settings *settings;
	const struct clock *clock;
	/* Where the queue keeps its known set (queue_known_load()); may be
	 * NULL. */
	const char *known_path;
	/*
	 * Loads the decks again into lib (initialised, empty) after the user
	 * edited one, with every diagnostic in dl; returns 0 or a tpm_err.
	 * The interface keeps the old library when there are more errors
	 * than it had (an edit broke something).
	 */
	int (*load)(void *ctx, struct library *lib, struct diag_list *dl);
	void *load_ctx;
	/*
	 * The file to edit for a card in file (load_ctx its ctx): file, or
	 * a copy the edit goes to instead (a shipped deck); a new string, or
	 * NULL with why in err.  NULL: file itself.
	 */
	char *(*edit_file)(void *ctx, const char *file, struct buf *err);
	/* What errors left out of lib, updated by each load; may be NULL. */
	const struct lint_left_out *left_out;
	/* Start in a drill (the drill verb) rather than on the home screen;
	 * deck and tag (either may be NULL) choose its cards. */
	int drill;
	const char *deck;
	const char *tag;
	int focus;		/* drill --focus: the focus criteria first */
	/*
	 * The mock verb (cli/cli_mock.c): start in a mock rather than on
	 * the home screen.  mock_scenario is a scenario id the verb checked
	 * is in lib, or NULL for the picker, of mock_kind (an enum
	 * scenario_kind, or -1 for every kind).  mock_resume continues the
	 * newest running session (store_mock_latest(st, 1, ...); the verb
	 * checked there is one).  mock_minutes (0: the scenario's own) and
	 * mock_quiet (no bell, whatever the mock_bell setting) set up the
	 * session's struct mock_opts.
	 */
	int mock;
	const char *mock_scenario;
	int mock_kind;
	int mock_resume;
	int mock_minutes;
	int mock_quiet;
	/*
	 * --interviewer: a mentor or a peer runs the mock for
	 * mock_candidate (may be NULL): the key points are their checklist
	 * and they score it (MOCK_INTERVIEWER).
	 */
	int mock_interviewer;
	const char *mock_candidate;
	/* --competency: the verb builds a behavioural round of these
	 * (mock_build_round()) and names it in mock_scenario. */
	const char *const *mock_competencies;
	size_t n_mock_competencies;
	/*
	 * Writes the report of mock session id (Markdown, as `tpmtrain
	 * report ID` does) to a file, the path of which goes in path;
	 * returns 0, or a negative tpm_err with one line in err.  NULL if
	 * there is no report writer.
	 */
	int (*report)(void *ctx, int64_t id, struct buf *path,
		      struct buf *err);
	void *report_ctx;
};

/*
 * Runs the interface until the user quits, or SIGINT, SIGTERM or SIGHUP
 * asks it to.  Returns 0; TPM_EINVAL when there is no terminal to run in
 * (err says so); or the store's error if the progress could not be read
 * at the start (err has store_errmsg()).  Errors later on are shown in the
 * interface, and nothing already graded is lost.
 */
int ui_run(const struct ui_env *env, struct buf *err);

#endif
