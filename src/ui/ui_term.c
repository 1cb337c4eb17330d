/*
 * The only file that calls curses.  Roles become colours and attributes
 * here, chosen for the terminal at hand: default background kept
 * (use_default_colors), eight colours at most, none under NO_COLOR or on a
 * monochrome terminal, where attributes alone keep every role apart.
 */
#include "ui/ui_term.h"

#include <curses.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "core/err.h"
#include "core/xmalloc.h"

static SCREEN *screen;
static int active;
static volatile sig_atomic_t interrupted, stop_asked;
/*
 * Every signal whose default ends the program without a core dump, and
 * ^\ (SIGQUIT): each makes the loop save what the screen holds and leave
 * with the terminal restored, never in raw mode.
 */
static const int quit_signals[] = {
	SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGALRM, SIGUSR1, SIGUSR2,
	SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
};
#define N_QUIT_SIGNALS (sizeof(quit_signals) / sizeof(quit_signals[0]))
static struct sigaction old_quit[N_QUIT_SIGNALS], old_tstp;
static int pasting;

/*
 * Curses codes for the bracketed-paste markers, far above the codes
 * ncurses gives to keys it finds in terminfo's extended capabilities.
 */
#define KEY_PASTE_BEGIN (KEY_MAX + 0x400)
#define KEY_PASTE_END (KEY_MAX + 0x401)

/*
 * Bracketed paste (xterm, tmux, most terminals): the terminal wraps pasted
 * text in ESC[200~ and ESC[201~, so that a pasted newline or escape is
 * text and not a key.  Written straight out, after curses' own output.
 */
static void set_bracketed_paste(int on)
{
	static const char seq_on[] = "\033[?2004h", seq_off[] = "\033[?2004l";

	fflush(stdout);
	if (write(STDOUT_FILENO, on ? seq_on : seq_off, sizeof(seq_on) - 1) < 0)
		return;	/* a terminal without it pastes as typed keys */
}

struct role_style {
	short fg;		/* a curses colour, or -1 for the default */
	attr_t color_attr;	/* with colours */
	attr_t mono_attr;	/* without */
};

/*
 * Only the eight ANSI colours, and never white or black text, so that the
 * roles read on light and dark backgrounds alike.  Attributes do the work
 * when there is no colour: the escape role is reversed in both, so a
 * visible "^[" cannot be mistaken for text that says ^[.
 */
static const struct role_style role_styles[UI_R_COUNT_] = {
	[UI_R_TEXT] = { -1, A_NORMAL, A_NORMAL },
	[UI_R_DIM] = { -1, A_DIM, A_DIM },
	[UI_R_TITLE] = { -1, A_BOLD, A_BOLD },
	[UI_R_RULE] = { COLOR_BLUE, A_NORMAL, A_DIM },
	[UI_R_KEY] = { COLOR_CYAN, A_BOLD, A_BOLD },
	[UI_R_SELECTED] = { -1, A_BOLD, A_BOLD },
	[UI_R_MARK] = { COLOR_CYAN, A_NORMAL, A_NORMAL },
	[UI_R_CODE] = { COLOR_GREEN, A_NORMAL, A_NORMAL },
	[UI_R_LINK] = { COLOR_BLUE, A_NORMAL, A_NORMAL },
	[UI_R_ESCAPE] = { COLOR_MAGENTA, A_REVERSE, A_REVERSE },
	[UI_R_CLOZE] = { COLOR_CYAN, A_BOLD, A_BOLD | A_UNDERLINE },
	[UI_R_AGAIN] = { COLOR_RED, A_NORMAL, A_NORMAL },
	[UI_R_HARD] = { COLOR_YELLOW, A_NORMAL, A_NORMAL },
	[UI_R_GOOD] = { COLOR_GREEN, A_NORMAL, A_NORMAL },
	[UI_R_EASY] = { COLOR_BLUE, A_NORMAL, A_NORMAL },
	[UI_R_OK] = { COLOR_GREEN, A_BOLD, A_BOLD },
	[UI_R_MISS] = { COLOR_RED, A_BOLD, A_NORMAL },
	[UI_R_ERROR] = { COLOR_RED, A_BOLD, A_BOLD | A_REVERSE },
	[UI_R_BAR] = { COLOR_GREEN, A_NORMAL, A_NORMAL },
	[UI_R_INPUT] = { -1, A_BOLD, A_BOLD },
};

static attr_t role_attr[UI_R_COUNT_];

static void setup_colors(void)
{
	const char *no_color = getenv("NO_COLOR");
	int colors = has_colors() && !(no_color && *no_color);

	if (colors && start_color() == ERR)
		colors = 0;
	/* Without default-colour support, curses assumes white on black. */
	if (colors && use_default_colors() == ERR)
		assume_default_colors(COLOR_WHITE, COLOR_BLACK);
	for (int r = 0; r < UI_R_COUNT_; r++) {
		const struct role_style *s = &role_styles[r];

		if (!colors) {
			role_attr[r] = s->mono_attr;
			continue;
		}
		role_attr[r] = s->color_attr;
		if (s->fg >= 0 && r < COLOR_PAIRS) {
			init_pair((short)(r + 1), s->fg, -1);
			role_attr[r] |= COLOR_PAIR(r + 1);
		}
	}
}

static attr_t span_attr(const struct ui_span *sp)
{
	attr_t a = sp->role < UI_R_COUNT_ ? role_attr[sp->role] : A_NORMAL;

	if (sp->attr & UI_BOLD)
		a |= A_BOLD;
	if (sp->attr & UI_ITALIC)
		a |= A_ITALIC;
	if (sp->attr & UI_UNDERLINE)
		a |= A_UNDERLINE;
	if (sp->attr & UI_REVERSE)
		a |= A_REVERSE;
	return a;
}

static void on_quit_signal(int sig)
{
	interrupted = sig;
}

/* Ctrl-Z: the loop saves first, then stops through ui_term_suspend(). */
static void on_stop_signal(int sig)
{
	(void)sig;
	stop_asked = 1;
}

static void restore_signals(void)
{
	for (size_t i = 0; i < N_QUIT_SIGNALS; i++)
		sigaction(quit_signals[i], &old_quit[i], NULL);
	sigaction(SIGTSTP, &old_tstp, NULL);
}

/* The x-alloc fatal hook: the message must land on a sane terminal. */
static void fatal_hook(void)
{
	ui_term_stop();
}

int ui_term_start(void)
{
	struct sigaction sa;
	const char *cup;

	if (active)
		return 0;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return TPM_EINVAL;
	/* Ours before curses starts, so that it leaves them alone (it only
	 * installs its own where the disposition is the default). */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_quit_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocked read returns at once. */
	for (size_t i = 0; i < N_QUIT_SIGNALS; i++)
		sigaction(quit_signals[i], &sa, &old_quit[i]);
	sa.sa_handler = on_stop_signal;
	sigaction(SIGTSTP, &sa, &old_tstp);
	interrupted = stop_asked = 0;
	set_escdelay(25);
	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		restore_signals();
		return TPM_EINVAL;
	}
	active = 1;
	xmalloc_set_fatal_hook(fatal_hook);
	/* A terminal that cannot move its cursor (TERM=dumb) cannot show a
	 * screen: better a clear message than a scroll of fragments. */
	cup = tigetstr("cup");
	if (!cup || cup == (char *)-1) {
		ui_term_stop();
		return TPM_EINVAL;
	}
	/* cbreak, not raw: Ctrl-C and Ctrl-Z still send their signals. */
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	scrollok(stdscr, FALSE);
	leaveok(stdscr, FALSE);
	curs_set(0);
	/* The whole screen is drawn at first, whatever a killed program
	 * left on it. */
	clearok(curscr, TRUE);
	setup_colors();
	define_key("\033[200~", KEY_PASTE_BEGIN);
	define_key("\033[201~", KEY_PASTE_END);
	pasting = 0;
	set_bracketed_paste(1);
	return 0;
}

void ui_term_stop(void)
{
	if (!active)
		return;
	active = 0;
	set_bracketed_paste(0);
	curs_set(1);
	endwin();
	delscreen(screen);
	screen = NULL;
	xmalloc_set_fatal_hook(NULL);
	restore_signals();
}

int ui_term_stop_asked(void)
{
	return stop_asked;
}

void ui_term_suspend(void)
{
	struct sigaction dfl, mine;

	stop_asked = 0;
	def_prog_mode();
	set_bracketed_paste(0);
	endwin();
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &mine);
	raise(SIGTSTP);
	/* Here again after SIGCONT (fg). */
	sigaction(SIGTSTP, &mine, NULL);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	set_bracketed_paste(1);
}

void ui_term_bell(void)
{
	beep();
}

int ui_term_active(void)
{
	return active;
}

void ui_term_size(int *rows, int *cols)
{
	getmaxyx(stdscr, *rows, *cols);
}

void ui_term_draw(const struct ui_view *v)
{
	const struct ui_text *t = &v->text;

	erase();
	for (size_t i = 0; i < ui_text_n_lines(t) && (int)i < v->rows; i++) {
		const struct ui_line *l = ui_text_line(t, i);

		move((int)i, 0);
		for (size_t k = 0; k < l->n_spans; k++) {
			const struct ui_span *sp = ui_text_span(t, l->span + k);

			attrset(span_attr(sp));
			/* The views keep within the width; the bottom-right
			 * cell returns ERR though it is drawn. */
			addnstr(t->bytes.s + sp->off, (int)sp->len);
		}
	}
	attrset(A_NORMAL);
	if (v->cursor_row >= 0) {
		move(v->cursor_row, v->cursor_col);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

static int translate(int r, wint_t wch)
{
	if (r == KEY_CODE_YES) {
		switch (wch) {
		case KEY_UP: return UI_KEY_UP;
		case KEY_DOWN: return UI_KEY_DOWN;
		case KEY_LEFT: return UI_KEY_LEFT;
		case KEY_RIGHT: return UI_KEY_RIGHT;
		case KEY_HOME: return UI_KEY_HOME;
		case KEY_END: return UI_KEY_END;
		case KEY_PPAGE: return UI_KEY_PGUP;
		case KEY_NPAGE: return UI_KEY_PGDN;
		case KEY_BACKSPACE: return UI_KEY_BACKSPACE;
		case KEY_DC: return UI_KEY_DELETE;
		case KEY_F(1): return UI_KEY_F1;
		case KEY_RESIZE: return UI_KEY_RESIZE;
		case KEY_ENTER: return UI_KEY_ENTER;
		case KEY_PASTE_BEGIN: return UI_KEY_PASTE_BEGIN;
		case KEY_PASTE_END: return UI_KEY_PASTE_END;
		default: return 0;
		}
	}
	if (wch == '\r')
		return UI_KEY_ENTER;
	if (wch == 0x7f)
		return UI_KEY_BACKSPACE;
	return (int)wch;
}

int ui_term_read(int timeout_ms)
{
	wint_t wch;
	int r, key;

	if (interrupted || stop_asked)
		return 0;
	timeout(timeout_ms);
	r = get_wch(&wch);
	if (r == ERR)
		return 0;
	key = translate(r, wch);
	if (key == UI_KEY_PASTE_BEGIN || key == UI_KEY_PASTE_END)
		pasting = key == UI_KEY_PASTE_BEGIN;
	/* A pasted escape is a character of the paste, not Meta. */
	if (key == UI_KEY_ESC && !pasting) {
		/* Meta sends ESC then the key: Alt-b is one key. */
		timeout(0);
		r = get_wch(&wch);
		if (r == OK && wch != UI_KEY_ESC)
			return UI_KEY_ALT | (int)wch;
		if (r == OK)
			unget_wch(wch);
		else if (r == KEY_CODE_YES)
			ungetch((int)wch);
	}
	return key;
}

int ui_term_cancel_pending(void)
{
	wint_t wch;
	int r;

	if (interrupted)
		return 1;
	if (!active)
		return 0;
	timeout(0);
	r = get_wch(&wch);
	if (r == OK && wch == UI_KEY_ESC)
		return 1;
	if (r == OK)
		unget_wch(wch);
	else if (r == KEY_CODE_YES)
		ungetch((int)wch);
	return 0;
}

int ui_term_interrupted(void)
{
	return interrupted;
}

int ui_term_escape(int (*fn)(void *ctx), void *ctx)
{
	int ret;

	def_prog_mode();
	set_bracketed_paste(0);
	endwin();
	ret = fn(ctx);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	set_bracketed_paste(1);
	return ret;
}
