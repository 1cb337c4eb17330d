/*
 * The run loop: one key at a time is turned into an action by the current
 * screen's table, handled by the pure screen, and what it asks for is
 * carried out and committed to the store before the next draw.  Also the
 * overlays (help, notices) and editing a card in $EDITOR.  The wiring of
 * each screen to the data is in ui_app_home.c, ui_app_drill.c and
 * ui_app_browse.c; the terminal is ui_term.c's.
 */
#include "ui/ui_app.h"

#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/err.h"
#include "core/quote.h"
#include "core/xmalloc.h"
#include "match/match.h"
#include "queue/queue_settings.h"
#include "store/store.h"
#include "ui/ui_term.h"

int64_t app_now_ms(const struct app *a)
{
	return clock_utc_ms(a->env->clock);
}

/* ---- Matching, through match/ ------------------------------------------ */

static void *m_compile(void *ctx, const char *pattern, struct buf *err)
{
	struct match_pattern *p;
	struct match_error e;
	size_t col = 1;

	(void)ctx;
	if (match_pattern_compile(&p, pattern, strlen(pattern), 0, &e) == 0)
		return p;
	/* The offset is in bytes; people count characters. */
	for (size_t i = 0; i < e.offset && pattern[i]; i++)
		col += ((unsigned char)pattern[i] & 0xc0) != 0x80;
	buf_addf(err, "%s at column %zu", e.msg, col);
	return NULL;
}

static int m_exec(void *ctx, void *re, const char *s, size_t len)
{
	(void)ctx;
	return match_pattern_find(re, s, len, NULL, NULL);
}

static void m_free(void *ctx, void *re)
{
	(void)ctx;
	match_pattern_free(re);
}

static int m_cancelled(void *ctx)
{
	(void)ctx;
	return ui_term_cancel_pending();
}

/* ---- Overlays ---------------------------------------------------------- */

void app_notice(struct app *a, const char *title, const char *md)
{
	xfree(a->notice_title);
	xfree(a->notice);
	a->notice_title = xstrdup(title);
	a->notice = xstrdup(md);
	a->notice_scroll = 0;
}

int app_open_primer(struct app *a, const struct lstr_list *refs,
		    struct buf *msg)
{
	struct buf text, title;
	int ret;

	if (!refs->n) {
		buf_adds(msg, "this card names no primer");
		return -1;
	}
	buf_init(&text);
	ret = library_read_ref(a->lib->content_dir, refs->v[0].s, &text);
	if (ret < 0) {
		buf_adds(msg, "primer ");
		quote_add(msg, refs->v[0].s, strlen(refs->v[0].s), 60);
		buf_addf(msg, ": %s", tpm_strerror(ret));
	} else {
		buf_init(&title);
		buf_adds(&title, "primer · ");
		quote_add(&title, refs->v[0].s, strlen(refs->v[0].s), 60);
		app_notice(a, title.s, text.len ? text.s : "");
		buf_release(&title);
	}
	buf_release(&text);
	return ret < 0 ? -1 : 0;
}

/* "23 Nov" in the local zone. */
void app_day_label(const struct app *a, int64_t utc_ms, char out[16])
{
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr",
					   "May", "Jun", "Jul", "Aug",
					   "Sep", "Oct", "Nov", "Dec" };
	int64_t local = utc_ms + (int64_t)clock_tz_offset_s(a->env->clock,
							    utc_ms) * 1000;
	int64_t y;
	unsigned m, d;

	civil_from_days(floor_div(local, MS_PER_DAY), &y, &m, &d);
	snprintf(out, 16, "%u %s", d, mon[m - 1]);
}

static void notice_close(struct app *a)
{
	xfree(a->notice_title);
	xfree(a->notice);
	a->notice_title = a->notice = NULL;
}

/*
 * The library item of a row of store_card_scan(), or NULL for a state
 * whose item is no longer in the library.  key holds the key's copy.
 */
const struct item *app_row_item(const struct app *a,
				   const struct store_scan_row *row,
				   struct buf *key)
{
	buf_clear(key);
	buf_add(key, row->key, row->key_len);
	return library_find_item(a->lib, key->s);
}

/* ---- Editing a card ---------------------------------------------------- */

struct editor_run {
	const char *file;
	unsigned line;
	int status;
};

/*
 * $VISUAL or $EDITOR (default vi) +LINE FILE, through sh as git does, so
 * that EDITOR="code --wait" works.  Ctrl-C and Ctrl-\ are the editor's
 * while it runs: ignored here, and set back to default in the child.
 */
static int run_editor(void *ctx)
{
	struct editor_run *r = ctx;
	const char *ed = getenv("VISUAL");
	struct sigaction ign, old_int, old_quit;
	char line[24];
	struct buf cmd;
	pid_t pid;
	int st;

	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	snprintf(line, sizeof(line), "+%u", r->line ? r->line : 1);
	buf_init(&cmd);
	buf_addf(&cmd, "%s \"$@\"", ed);
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd.s, ed, line, r->file,
		      (char *)NULL);
		_exit(127);
	}
	buf_release(&cmd);
	r->status = -1;
	if (pid > 0) {
		pid_t w;

		while ((w = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
			;
		if (w == pid)
			r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	return r->status;
}

int app_run_editor(const char *file, unsigned line)
{
	struct editor_run r = { file, line, 0 };

	ui_term_escape(run_editor, &r);
	return r.status == 127 ? -1 : r.status;
}

int app_editor_exec(const char *file, unsigned line)
{
	struct editor_run r = { file, line, 0 };

	run_editor(&r);
	return r.status == 127 ? -1 : r.status;
}

/* A path (or a diagnostic starting with one) shown from the working
 * directory when it is inside it. */
const char *app_shown_path(const struct app *a, const char *path)
{
	size_t n = a->cwd ? strlen(a->cwd) : 0;

	if (n && !strncmp(path, a->cwd, n) && path[n] == '/')
		return path + n + 1;
	return path;
}

static const struct item *find_item(void *ctx, const char *key)
{
	return library_find_item(ctx, key);
}

/*
 * Loads the decks again after an edit.  With errors, the old library stays
 * and the errors are shown; otherwise every screen moves to the new one.
 */
static int reload(struct app *a)
{
	struct library *fresh = xmalloc(sizeof(*fresh));
	struct diag_list dl;
	struct buf msg;
	int ret;

	library_init(fresh);
	diag_list_init(&dl);
	ret = a->env->load(a->env->load_ctx, fresh, &dl);
	/* Errors there before the edit leave their cards out as at the
	 * start; more mean the edit broke something. */
	if (ret < 0 || dl.errors > a->left_out.errors) {
		buf_init(&msg);
		buf_adds(&msg, "The decks did not load, so the cards keep "
			 "their old text until these are fixed:\n\n");
		diag_list_sort(&dl);
		for (size_t i = 0; i < dl.items.len; i++) {
			char *line = diag_format_text(diag_list_at(&dl, i), 0);

			buf_addf(&msg, "%s\n", app_shown_path(a, line));
			xfree(line);
		}
		if (ret < 0 && !dl.items.len)
			buf_addf(&msg, "%s\n", tpm_strerror(ret));
		app_notice(a, "edit: the decks have errors", msg.s);
		buf_release(&msg);
		library_release(fresh);
		xfree(fresh);
		diag_list_release(&dl);
		return -1;
	}
	diag_list_release(&dl);
	if (a->env->left_out)
		a->left_out = *a->env->left_out;
	if (a->drill_on) {
		queue_session_remap(&a->session, find_item, fresh);
		a->kept_item = NULL;	/* the old library's */
	}
	queue_known_save(&a->queue, a->env->known_path);
	queue_release(&a->queue);
	queue_init(&a->queue, fresh);
	queue_known_load(&a->queue, a->env->known_path);
	if (a->own) {
		library_release(a->own);
		xfree(a->own);
	}
	a->own = a->lib = fresh;
	app_home_refresh(a);
	if (a->browse_on)
		app_browse_open(a);
	return 0;
}

/*
 * The file to edit for it: its own, or the user's copy of a shipped deck,
 * so that an edit never changes the installation.  NULL with why in msg.
 */
static char *file_to_edit(struct app *a, const struct item *it,
			  struct buf *msg)
{
	const char *file = it->card->pos.file;

	if (!a->env->edit_file)
		return xstrdup(file);
	return a->env->edit_file(a->env->load_ctx, file, msg);
}

void app_edit(struct app *a, const struct item *it)
{
	struct buf msg;
	char *file;
	int ok = 0, status = -1, copied;

	if (!it->card->pos.file)
		return;
	buf_init(&msg);
	file = file_to_edit(a, it, &msg);
	/* The reload may free it. */
	copied = file && strcmp(file, it->card->pos.file);
	if (file) {
		status = app_run_editor(file, it->card->pos.line);
		if (status < 0)
			buf_addf(&msg, "the editor did not run (set $EDITOR)");
		ok = reload(a) == 0;
	}
	if (ok && !msg.len)
		buf_addf(&msg, "reloaded %s%s", app_shown_path(a, file),
			 copied ? " (your copy of the shipped deck)" : "");
	if (a->screen == &app_drill_screen) {
		/* The same card again, with its new text; after errors
		 * nothing changed and the screen stays as it was. */
		if (ok && a->drill.phase != DRILL_END)
			app_drill_next(a);
		drill_set_status(&a->drill, msg.s, status != 0);
	} else {
		browse_set_status(&a->browse, msg.s, status != 0);
	}
	xfree(file);
	buf_release(&msg);
}

/* ---- The loop ---------------------------------------------------------- */

static const struct ui_keymap *current_map(const struct app *a)
{
	return a->notice ? &ui_notice_keys : a->screen->keymap(a);
}

static int too_small(const struct app *a)
{
	int rows, cols;

	a->term.size(a->term.ctx, &rows, &cols);
	return rows < UI_MIN_ROWS || cols < UI_MIN_COLS;
}

void app_draw(struct app *a)
{
	struct ui_view *v = &a->view;
	int rows, cols;

	a->term.size(a->term.ctx, &rows, &cols);
	ui_view_begin(v, rows, cols);
	if (too_small(a))
		ui_view_too_small(v);
	else if (a->help)
		ui_view_help(v, current_map(a), &a->help_scroll);
	else if (a->notice)
		ui_view_notice(v, a->notice_title, a->notice,
			       &a->notice_scroll);
	else
		a->screen->view(a, v);
	a->term.draw(a->term.ctx, v);
}

/* Leaves the current screen for home, or quits when there is none. */
static void leave(struct app *a)
{
	if (a->screen == a->start) {
		a->quit = 1;
		return;
	}
	a->screen = &app_home_screen;
	app_home_refresh(a);
}

/*
 * A key on the help or notice page, act from its table: scrolling, or
 * UI_A_BACK, which closes it (*open = 0).
 */
static void overlay_key(int act, int *open, int *scroll)
{
	int step = ui_scroll_step(act, 10);

	if (step)
		*scroll += step;
	else if (act == UI_A_BACK)
		*open = 0;
}

/*
 * A key between the bracketed-paste markers: text for a screen that takes
 * text, nothing for any other, so that pasting on the wrong screen can
 * never run commands.
 */
static int pasted_action(struct app *a, int key, uint32_t *cp)
{
	const struct ui_keymap *map = current_map(a);

	if (a->help || a->notice || !ui_keymap_takes_text(map))
		return UI_A_NONE;
	/* A table whose enter makes a new line takes pasted lines. */
	return ui_paste_action(key, ui_key_action(map, UI_KEY_ENTER) ==
					    UI_A_NEWLINE, cp);
}

static void on_key(struct app *a, int key)
{
	int act, fx;
	uint32_t cp = (uint32_t)key;

	a->dirty = 1;
	if (key == UI_KEY_PASTE_BEGIN || key == UI_KEY_PASTE_END) {
		a->pasting = key == UI_KEY_PASTE_BEGIN;
		a->dirty = 0;
		return;
	}
	if (key == UI_KEY_RESIZE || too_small(a))
		return;
	if (a->help && !a->pasting) {
		act = ui_key_action(&ui_help_keys, key);
		overlay_key(act, &a->help, &a->help_scroll);
		return;
	}
	act = a->pasting ? pasted_action(a, key, &cp)
			 : ui_key_action(current_map(a), key);
	if (a->notice) {
		int open = 1;

		overlay_key(act, &open, &a->notice_scroll);
		if (!open)
			notice_close(a);
		return;
	}
	if (act == UI_A_HELP) {
		a->help = 1;
		a->help_scroll = 0;
		return;
	}
	if (act == UI_A_NONE) {
		a->dirty = 0;
		return;
	}
	fx = a->screen->handle(a, act, (int)cp);
	if (fx & UI_QUIT)
		leave(a);
	a->dirty = fx != 0;
}

/*
 * One key, from its arrival to the screen it leads to: whatever it asks
 * for is committed to the store before the draw.  (A function of its own
 * so that callgrind can measure exactly this: --toggle-collect=ui_app_key.)
 */
__attribute__((noinline))
void ui_app_key(struct app *a, int key)
{
	on_key(a, key);
	if (a->dirty && !a->quit) {
		app_draw(a);
		a->dirty = 0;
	}
}

void app_tick(struct app *a)
{
	int fx;

	if (!a->screen->tick || a->quit)
		return;
	fx = a->screen->tick(a);
	if (fx & UI_QUIT)
		leave(a);
	if (fx && !a->quit)
		app_draw(a);
}

void app_suspend(struct app *a, int stopped)
{
	if (a->screen->suspend)
		a->screen->suspend(a, stopped);
}

void app_release(struct app *a)
{
	if (a->drill_on) {
		drill_release(&a->drill);
		queue_session_release(&a->session);
	}
	if (a->browse_on)
		browse_release(&a->browse);
	app_mock_release(a);
	home_release(&a->home);
	queue_known_save(&a->queue, a->env->known_path);
	queue_release(&a->queue);
	ui_view_release(&a->view);
	notice_close(a);
	xfree(a->drill_deck);
	xfree(a->drill_tag);
	xfree(a->cwd);
	if (a->own) {
		library_release(a->own);
		xfree(a->own);
	}
}

int app_init(struct app *a, const struct ui_env *env,
	     const struct app_term *term)
{
	char cwd[4096];

	memset(a, 0, sizeof(*a));
	a->env = env;
	a->term = *term;
	a->lib = env->lib;
	if (env->left_out)
		a->left_out = *env->left_out;
	a->screen = &app_home_screen;
	a->start = env->drill ? &app_drill_screen : &app_home_screen;
	/* Without a UTF-8 locale the terminal cannot show other characters:
	 * the views then draw with ASCII and show the rest as <U+XXXX>. */
	ui_glyphs_set_ascii(strcmp(nl_langinfo(CODESET), "UTF-8") != 0);
	a->matcher = (struct ui_matcher){ m_compile, m_exec, m_free, NULL,
					  m_cancelled };
	settings_fsrs_params(env->settings, &a->params);
	a->cwd = getcwd(cwd, sizeof(cwd)) ? xstrdup(cwd) : NULL;
	queue_init(&a->queue, a->lib);
	queue_known_load(&a->queue, env->known_path);
	home_init(&a->home);
	ui_view_init(&a->view);
	if (env->drill && env->focus && app_drill_focus(a) < 0) {
		/* Nothing to focus on: the plain drill, saying why. */
		app_drill_start(a, NULL, NULL, 0);
		drill_set_status(&a->drill, a->home.status, 0);
		return 0;
	}
	if (env->drill) {
		if (!env->focus)
			app_drill_start(a, env->deck, env->tag, 0);
		return 0;
	}
	if (app_home_refresh(a) < 0)
		return TPM_EIO;
	/* The mock verb: leaving its screens goes home, as from m. */
	if (env->mock && env->mock_resume)
		app_mock_resume(a);
	else if (env->mock && env->mock_scenario)
		app_mock_start(a, env->mock_scenario);
	else if (env->mock)
		app_mock_pick(a, env->mock_kind);
	return 0;
}

/*
 * The cards of a deferred load (library_cards()), decoded once the first
 * screen is up, before the first key is read.  A cache damaged where its
 * first checks could not see is read again, as after an edit; -1 if even
 * that fails.
 */
static int app_cards(struct app *a)
{
	if (!library_cards_deferred(a->lib) || library_cards(a->lib) == 0)
		return 0;
	return reload(a);
}

/* ---- The terminal ------------------------------------------------------ */

static void term_size(void *ctx, int *rows, int *cols)
{
	(void)ctx;
	ui_term_size(rows, cols);
}

static void term_draw(void *ctx, const struct ui_view *v)
{
	(void)ctx;
	ui_term_draw(v);
}

static void term_bell(void *ctx)
{
	(void)ctx;
	ui_term_bell();
}

/* Why there is no interface: no terminal, or one that cannot show it. */
static void no_term(struct buf *err)
{
	const char *term = getenv("TERM");

	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		buf_addf(err, "the terminal TERM=%s cannot show the interface; "
			 "the verbs (tpmtrain --help) work without it",
			 term ? term : "");
	else
		buf_adds(err, "the interface needs a terminal; the verbs "
			 "(tpmtrain --help) work without one");
}

int ui_run(const struct ui_env *env, struct buf *err)
{
	static const struct app_term term = { term_size, term_draw, NULL,
					      term_bell };
	struct app a;
	int ret;

	/* Read the progress before taking the terminal, so that a damaged
	 * database is reported on a sane one. */
	ret = app_init(&a, env, &term);
	if (ret < 0) {
		buf_adds(err, store_errmsg(env->st));
		goto out;
	}
	ret = ui_term_start();
	if (ret < 0) {
		no_term(err);
		goto out;
	}
	app_draw(&a);
	if (app_cards(&a) < 0) {
		ui_term_stop();
		buf_adds(err, "the library cache was damaged and the decks "
			 "did not load again; `tpmtrain lint` shows why");
		ret = -1;
		goto out;
	}
	while (!a.quit && !ui_term_interrupted()) {
		int key = ui_term_read(a.screen->tick ? UI_TICK_MS : 1000);

		if (ui_term_stop_asked()) {
			app_suspend(&a, 1);
			ui_term_suspend();
			app_suspend(&a, 0);
			app_draw(&a);
		}
		if (key)
			ui_app_key(&a, key);
		app_tick(&a);
	}
	/* A signal that quits (ui_term.c lists them): save what the screen
	 * holds, then go. */
	if (!a.quit)
		app_suspend(&a, 1);
	ui_term_stop();
	ret = 0;
out:
	app_release(&a);
	return ret;
}
