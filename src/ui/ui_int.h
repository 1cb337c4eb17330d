#ifndef TPM_UI_UI_INT_H
#define TPM_UI_UI_INT_H

/*
 * The interface's internals that do not touch the terminal: the view model
 * (lines of styled spans), text sanitising and measuring, word wrapping,
 * Markdown rendering, the key tables and the line editor.  Everything here
 * is plain data and pure functions, unit-tested without a terminal; only
 * ui_term.c turns a view into curses calls (tmux: grid.c and screen-write.c
 * hold the model, only tty*.c writes).
 *
 * Widths are in terminal cells, measured with wcwidth(), so the caller must
 * have set LC_CTYPE to a UTF-8 locale (main() does; the tests pick C.UTF-8).
 */

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/vec.h"

/* ---- The view model ---------------------------------------------------- */

/*
 * What a span of text is, not how it looks: ui_term.c maps each role to
 * colours and attributes for the terminal at hand (8 colours, monochrome
 * or NO_COLOR), so screens never name a colour.
 */
enum ui_role {
	UI_R_TEXT,
	UI_R_DIM,	/* secondary: labels, counts, separators */
	UI_R_TITLE,	/* screen titles, table headers */
	UI_R_RULE,	/* horizontal rules */
	UI_R_KEY,	/* a key name in a hint: "q" in "q quit" */
	UI_R_SELECTED,	/* the selected row */
	UI_R_MARK,	/* list bullets, quote bars */
	UI_R_CODE,	/* inline code and code blocks */
	UI_R_LINK,
	UI_R_ESCAPE,	/* a control character shown visibly */
	UI_R_CLOZE,	/* a cloze deletion, hidden or revealed */
	UI_R_AGAIN,
	UI_R_HARD,
	UI_R_GOOD,
	UI_R_EASY,
	UI_R_OK,	/* a key point covered */
	UI_R_MISS,	/* a key point missed */
	UI_R_ERROR,
	UI_R_BAR,	/* the filled part of a progress bar */
	UI_R_INPUT,	/* text the user types */
	UI_R_COUNT_
};

/* Emphasis from the text itself (Markdown), on top of the role. */
enum ui_attr {
	UI_BOLD = 1 << 0,
	UI_ITALIC = 1 << 1,
	UI_UNDERLINE = 1 << 2,
	UI_REVERSE = 1 << 3,
};

/* A run of sanitised UTF-8 in one style; off/len index ui_text.bytes. */
struct ui_span {
	size_t off;
	size_t len;
	int width;		/* cells */
	uint8_t role;		/* enum ui_role */
	uint8_t attr;		/* enum ui_attr */
};

struct ui_line {
	size_t span;		/* index of the first span */
	size_t n_spans;
	int width;		/* cells */
};

/*
 * Lines of styled spans.  Text is sanitised on the way in (see
 * ui_text_add()), so whatever a view holds is safe to send to a terminal.
 */
struct ui_text {
	struct buf bytes;
	struct vec spans;	/* of struct ui_span */
	struct vec lines;	/* of struct ui_line */
};

void ui_text_init(struct ui_text *t);
void ui_text_release(struct ui_text *t);
/* Empties t and keeps its storage, so a redraw allocates nothing. */
void ui_text_clear(struct ui_text *t);

static inline size_t ui_text_n_lines(const struct ui_text *t)
{
	return t->lines.len;
}

const struct ui_line *ui_text_line(const struct ui_text *t, size_t i);
const struct ui_span *ui_text_span(const struct ui_text *t, size_t i);

/* Starts a new, empty line; later adds go to it. */
void ui_text_newline(struct ui_text *t);

/*
 * Appends s[0..len) to the last line (starting one if there is none),
 * sanitised: control characters, invalid UTF-8, bidirectional overrides
 * and characters of unknown width are shown visibly in UI_R_ESCAPE (see
 * ui_escape()); tabs and newlines become spaces.  Returns the cells added.
 */
int ui_text_add(struct ui_text *t, enum ui_role role, unsigned attr,
		const char *s, size_t len);
int ui_text_adds(struct ui_text *t, enum ui_role role, unsigned attr,
		 const char *s);
__attribute__((format(printf, 4, 5)))
int ui_text_addf(struct ui_text *t, enum ui_role role, unsigned attr,
		 const char *fmt, ...);

/* Appends n spaces in the given style. */
void ui_text_pad(struct ui_text *t, enum ui_role role, unsigned attr, int n);

enum ui_align { UI_LEFT, UI_RIGHT, UI_CENTER };

/*
 * Appends s in exactly width cells: padded with spaces to the alignment,
 * or cut at a character boundary and ended with an ellipsis when longer.
 */
void ui_text_fit(struct ui_text *t, enum ui_role role, unsigned attr,
		 const char *s, size_t len, int width, enum ui_align align);

/* Pads the last line with spaces in the given style up to width cells. */
void ui_text_fill(struct ui_text *t, enum ui_role role, unsigned attr,
		  int width);

/* Appends a copy of line i of src to dst as a new line. */
void ui_text_copy_line(struct ui_text *dst, const struct ui_text *src,
		       size_t i);
/* Appends the spans of line i of src to the last line of dst. */
void ui_text_append_line(struct ui_text *dst, const struct ui_text *src,
			 size_t i);

/* Appends the bytes of line i (no styles) to out, for tests and dumps. */
void ui_text_line_str(const struct ui_text *t, size_t i, struct buf *out);

/* The cells of line i. */
int ui_text_line_width(const struct ui_text *t, size_t i);

/* ---- Characters -------------------------------------------------------- */

/*
 * The cells a code point takes on screen: 0 (combining), 1 or 2 (CJK,
 * most emoji); -1 for one that must not reach the terminal raw (C0/C1
 * controls, DEL, bidi overrides, anything wcwidth() does not know).
 */
int ui_cp_width(uint32_t cp);

/*
 * The visible stand-in for such a code point: caret notation for C0 and
 * DEL (ESC is ^[), <U+XXXX> otherwise.  For an invalid byte pass
 * cp = UI_BAD_BYTE | byte, shown as \xFF.  Writes a NUL-terminated string
 * of printable ASCII into out and returns its length.
 */
#define UI_BAD_BYTE 0x80000000u
size_t ui_escape(uint32_t cp, char out[16]);

/*
 * Decodes the character at s (len > 0 bytes): its code point, or
 * UI_BAD_BYTE | byte for a byte that does not start valid UTF-8.  Returns
 * the bytes consumed, at least 1.
 */
size_t ui_decode(const char *s, size_t len, uint32_t *cp);

/* The display width of s[0..len) once sanitised. */
int ui_str_width(const char *s, size_t len);

/*
 * The symbols screens draw with: Unicode, or ASCII stand-ins when the locale
 * is not UTF-8 (then wcwidth() knows no other character either, and all
 * non-ASCII text is shown as <U+XXXX>).  Set once at start-up.
 */
struct ui_glyphs {
	const char *hrule, *bar_full, *bar_empty, *select, *check, *cross,
		*ellipsis, *dot, *bullet, *quote, *up, *down, *warn;
	const char *spark[4];	/* a trend line's scores 1 to 4 */
};

const struct ui_glyphs *ui_glyphs(void);
void ui_glyphs_set_ascii(int ascii);

/* ---- Wrapping ---------------------------------------------------------- */

/*
 * Lays out styled text into lines of at most width cells.  Lines break at
 * spaces, after a hyphen inside a word, and around wide (CJK, emoji)
 * characters; a word is split only when it is longer than a whole line.
 * Each line starts with a prefix: first on the first line, cont on the
 * others (list bullets and their hanging indent, quote bars).
 */
struct ui_wrap_glyph {
	size_t off, len;	/* in ui_wrap.word_bytes */
	int width;
	uint8_t role, attr;
};

struct ui_wrap {
	struct ui_text *out;
	int width;
	const char *first, *cont;
	enum ui_role prefix_role;
	int col;		/* cells used on the open line; -1: none open */
	int line_start;		/* cells of the open line's prefix */
	int lines;		/* lines opened so far */
	int space;		/* a space is pending before the next word */
	uint8_t space_role, space_attr;
	int keep_spaces;	/* code: spaces are kept, not collapsed */
	struct buf word_bytes;	/* the word being gathered */
	struct vec word;	/* of struct ui_wrap_glyph */
	int word_width;
	int after_wide;		/* a break may follow the last glyph */
	int joining;		/* the last glyph was a zero-width joiner */
};

/*
 * Starts wrapping into out.  first and cont are borrowed until
 * ui_wrap_end() and must be plain printable text (NULL for none).
 */
void ui_wrap_begin(struct ui_wrap *w, struct ui_text *out, int width,
		   const char *first, const char *cont,
		   enum ui_role prefix_role);
/* Adds text; newlines in it are hard line breaks. */
void ui_wrap_add(struct ui_wrap *w, enum ui_role role, unsigned attr,
		 const char *s, size_t len);
/* Ends the current line here. */
void ui_wrap_break(struct ui_wrap *w);
/* Flushes the last word; at least one line has then been written. */
void ui_wrap_end(struct ui_wrap *w);

/* Wraps plain text in one role: ui_wrap_begin/add/end in one call. */
void ui_wrap_text(struct ui_text *out, int width, enum ui_role role,
		  const char *s, size_t len);

/*
 * Card text is wrapped at most this wide however wide the terminal is:
 * lines much longer than this are hard to read.
 */
#define UI_TEXT_MAX 76

/* The width to wrap card text at in a screen cols wide, margin each side. */
static inline int ui_text_width(int cols, int margin)
{
	int w = cols - 2 * margin;

	return w > UI_TEXT_MAX ? UI_TEXT_MAX : w;
}

/* ---- Markdown ---------------------------------------------------------- */

enum ui_md_flags {
	/*
	 * U+E000 and U+E001 (private use) open and close a cloze deletion,
	 * drawn in UI_R_CLOZE.  Callers that set it must have removed those
	 * characters from the deck text first (ui_cloze_render() does).
	 */
	UI_MD_CLOZE = 1 << 0,
};

#define UI_CLOZE_OPEN "\xee\x80\x80"	/* U+E000 */
#define UI_CLOZE_CLOSE "\xee\x80\x81"	/* U+E001 */

/*
 * Renders CommonMark text md[0..len) as lines of at most width cells
 * appended to out: paragraphs, headings (bold), emphasis, inline code and
 * code blocks (UI_R_CODE), bullet and numbered lists, block quotes,
 * thematic breaks, links shown as their text followed by the address when
 * it differs.  Blocks are separated by one blank line; nothing is
 * appended for empty input.  Raw HTML is shown as text.
 */
void ui_md_render(struct ui_text *out, const char *md, size_t len, int width,
		  unsigned flags);

/* ---- Keys and actions -------------------------------------------------- */

/*
 * A key: a Unicode code point (control keys as their C0 code: ^W is 0x17,
 * enter is '\n', escape 0x1b), or one of these, above the Unicode range.
 * ui_term.c translates curses' codes into them, so the tables below stay
 * free of curses.
 */
enum ui_key {
	UI_KEY_UP = 0x110000,
	UI_KEY_DOWN,
	UI_KEY_LEFT,
	UI_KEY_RIGHT,
	UI_KEY_HOME,
	UI_KEY_END,
	UI_KEY_PGUP,
	UI_KEY_PGDN,
	UI_KEY_BACKSPACE,
	UI_KEY_DELETE,
	UI_KEY_F1,
	UI_KEY_RESIZE,
	/* Bracketed paste: what comes between is text, never a command. */
	UI_KEY_PASTE_BEGIN,
	UI_KEY_PASTE_END,
	UI_KEY_ALT = 1 << 24,	/* or-ed with a code point: M-b */
};

#define UI_KEY_CTRL(c) ((c) & 0x1f)
#define UI_KEY_ESC 0x1b
#define UI_KEY_ENTER '\n'

/*
 * What a key asks for.  These are the actions many screens share, so that
 * the shared handlers (ui_list_move(), ui_input_edit(), the help and
 * notice overlays) understand them.  A screen's own actions are its own
 * enum in its own header, numbered from UI_A_SCREEN (enum home_action,
 * enum drill_action...), so that a new screen adds its actions without
 * touching this list.  Handlers take an action as an int for that reason.
 */
enum ui_action {
	UI_A_NONE,
	UI_A_UP,
	UI_A_DOWN,
	UI_A_PGUP,
	UI_A_PGDN,
	UI_A_TOP,
	UI_A_BOTTOM,
	UI_A_BACK,	/* leave this screen or mode */
	UI_A_QUIT,
	UI_A_HELP,
	/* line editing */
	UI_A_CHAR,	/* the key is a printable code point */
	UI_A_SUBMIT,
	UI_A_CANCEL,
	UI_A_LEFT,
	UI_A_RIGHT,
	UI_A_WORD_LEFT,
	UI_A_WORD_RIGHT,
	UI_A_HOME,
	UI_A_END,
	UI_A_BACKSPACE,
	UI_A_DELETE,
	UI_A_DEL_WORD,
	UI_A_KILL_START,
	UI_A_KILL_END,
	UI_A_NEWLINE,	/* enter in the notes: a new line */
	UI_A_SCREEN = 64	/* a screen's own actions start here */
};

struct ui_binding {
	int key;
	int action;		/* enum ui_action or the screen's own */
	const char *help;	/* on the first binding of an action */
};

/*
 * A key table: every key one screen (in one mode) reacts to, and the help
 * `?` shows for it, which is generated from the table so that it cannot
 * drift from what the keys do.  A screen defines its tables in its own
 * file, with the binding groups of ui_keys.h for what screens share.
 * other is the action of any key not bound (UI_A_NONE: ignored); with
 * UI_A_CHAR only printable code points are typed text, other keys are
 * ignored.  other_help says what other keys do in the help ("typed as
 * text"); NULL with UI_A_NONE.
 */
struct ui_keymap {
	const char *title;		/* "drill, answer shown" */
	const struct ui_binding *b;
	size_t n;
	int other;
	const char *other_help;
};

/* The action key has in map (a binding, else map->other, see above). */
int ui_key_action(const struct ui_keymap *map, int key);

/* 1 if map takes typed text (printable keys are UI_A_CHAR). */
int ui_keymap_takes_text(const struct ui_keymap *map);

/*
 * What a pasted key is in a map that takes text: UI_A_CHAR with *cp the
 * character (a tab is a space; so is a newline when multiline is 0),
 * UI_A_NEWLINE for a newline in multi-line text, or UI_A_NONE: an escape,
 * another control character or a special key in a paste is dropped, so
 * pasted text can never act as a command.
 */
int ui_paste_action(int key, int multiline, uint32_t *cp);

/*
 * Appends to out one line per action of map, in table order: its keys and
 * what it does ("  1  a        again: forgotten, see it soon"), each at most
 * width cells, and a line for map->other_help.  Every binding appears, so
 * the help cannot drift from what the keys do.
 */
void ui_keymap_help(const struct ui_keymap *map, struct ui_text *out,
		    int width);

/*
 * The overlays' tables (ui_keys.c): the help page (scrolling, any other
 * key closes it) and a notice (scrolling, UI_A_BACK closes it).
 */
extern const struct ui_keymap ui_help_keys;
extern const struct ui_keymap ui_notice_keys;

/*
 * The lines a scrolling action moves a page of text by: -1 or 1 for up
 * and down, -page or page for page up and down, 0 for any other action.
 */
int ui_scroll_step(int action, int page);

/* A key's name as the help shows it: "enter", "^W", "M-b", "up", "q". */
void ui_key_name(int key, char out[16]);

/* ---- The line editor --------------------------------------------------- */

/*
 * One line of UTF-8 text and a cursor, for typed answers and patterns.  The
 * cursor moves over whole characters with their combining marks; control
 * characters cannot be inserted.
 */
struct ui_input {
	struct buf text;
	size_t cursor;		/* byte offset, on a character boundary */
	size_t max;		/* bytes the text may reach */
};

#define UI_INPUT_MAX 4000

/*
 * Moving over whole characters (a base and its combining marks) in
 * s[0..len): the start of the one before byte offset i, the end of the one
 * at i; and over words as ^W and M-b/M-f do: back over spaces then the
 * word, forward over spaces then the word.
 */
size_t ui_char_prev(const char *s, size_t len, size_t i);
size_t ui_char_next(const char *s, size_t len, size_t i);
size_t ui_word_start(const char *s, size_t len, size_t i);
size_t ui_word_end(const char *s, size_t len, size_t i);

/*
 * Editing a buffer of text: ui_buf_remove() removes bytes [from, to);
 * ui_buf_insert_cp() inserts the printable code point cp at byte offset
 * at if its UTF-8 takes at most room bytes, and returns the bytes
 * inserted (0 for a control character or no room).
 */
void ui_buf_remove(struct buf *b, size_t from, size_t to);
size_t ui_buf_insert_cp(struct buf *b, size_t at, uint32_t cp, size_t room);

void ui_input_init(struct ui_input *in);
void ui_input_release(struct ui_input *in);
void ui_input_clear(struct ui_input *in);
/* Replaces the text and puts the cursor at its end. */
void ui_input_set(struct ui_input *in, const char *s);

/*
 * Applies an editing action (cp is the character for UI_A_CHAR).  Returns
 * 1 if the text or the cursor changed, 0 if the action did nothing or is
 * not an editing action.
 */
int ui_input_edit(struct ui_input *in, int a, uint32_t cp);

/*
 * Appends the text to out as lines of at most width cells, broken between
 * characters, each starting with prefix (plain text, may be NULL), and
 * sets *row (counted from the first line appended) and *col to where the
 * cursor is.
 */
void ui_input_view(const struct ui_input *in, struct ui_text *out, int width,
		   const char *prefix, int *row, int *col);

/* ---- Screens ----------------------------------------------------------- */

/*
 * What handling a key changed, for the run loop (htop's Htop_Reaction): it
 * commits UI_SAVE requests to the store before it draws again.
 */
enum ui_effect {
	UI_REDRAW = 1 << 0,	/* the view changed */
	UI_SAVE = 1 << 1,	/* a request waits in the state: do it now */
	UI_QUIT = 1 << 2,	/* leave this screen */
};

/*
 * Moves the cursor *sel of a list of n rows for a navigation action: one
 * row up or down, page rows for page up and down, to the first or last
 * row for top and bottom, never past an end.  Returns UI_REDRAW if *sel
 * changed, else 0; returns -1, touching nothing, for any other action,
 * which is the caller's to handle.
 */
int ui_list_move(size_t *sel, size_t n, long page, int a);

/*
 * A whole screen as plain data: exactly rows lines, each at most cols
 * cells, and where the cursor goes.  Screens fill it with S_view(); only
 * ui_term.c draws it.
 */
struct ui_view {
	struct ui_text text;
	int rows, cols;
	int cursor_row, cursor_col;	/* -1: hidden */
};

void ui_view_init(struct ui_view *v);
void ui_view_release(struct ui_view *v);
/* Empties v for a screen of rows x cols. */
void ui_view_begin(struct ui_view *v, int rows, int cols);
/* Pads with empty lines, or drops the excess, to exactly rows lines. */
void ui_view_end(struct ui_view *v);

/* The number of lines written so far. */
static inline int ui_view_used(const struct ui_view *v)
{
	return (int)ui_text_n_lines(&v->text);
}

/* A title line: left at column 1, right ending one cell from the edge. */
void ui_view_title(struct ui_view *v, const char *left, const char *right);

/*
 * A rule across the screen with one cell of margin, optionally carrying
 * a label at its left ("── answer ───") in role, and right text at its end.
 */
void ui_view_rule(struct ui_view *v, const char *label, enum ui_role role,
		  const char *right);

/* The same rule as a line of its own in t, cols wide (inside a body). */
void ui_rule_text(struct ui_text *t, int cols, const char *label,
		  enum ui_role role, const char *right);

/* A key hint for a footer: "q" and "quit". */
struct ui_hint {
	const char *key;
	const char *label;
	enum ui_role role;	/* of the label; 0 is UI_R_TEXT */
};

/*
 * A footer line of hints, three spaces apart, in the order given; hints
 * that do not fit are left out from the end, except the last (usually
 * "? keys"), which always stays.
 */
void ui_view_hints(struct ui_view *v, const struct ui_hint *h, size_t n);

/*
 * A progress bar of width cells, done of total filled, then " done/total".
 */
void ui_view_bar(struct ui_text *t, int width, long done, long total);

/* Copies lines [from, from + n) of body into v, indented by indent. */
void ui_view_body(struct ui_view *v, const struct ui_text *body, size_t from,
		  int n, int indent);

/*
 * The full-screen help for map: every key and what it does, scrolled by
 * *scroll (clamped here).
 */
void ui_view_help(struct ui_view *v, const struct ui_keymap *map,
		  int *scroll);

/* The screen shown when the terminal is smaller than UI_MIN_COLS x UI_MIN_ROWS. */
#define UI_MIN_COLS 40
#define UI_MIN_ROWS 12
void ui_view_too_small(struct ui_view *v);

/*
 * A message over the whole screen (lint errors after an edit, statistics):
 * a title, then text whose lines are wrapped as paragraphs with a hanging
 * indent, scrolled by *scroll.
 */
void ui_view_notice(struct ui_view *v, const char *title, const char *text,
		    int *scroll);

/* ---- Formatting -------------------------------------------------------- */

/* An interval as the grade buttons show it: "10m", "3h", "9d", "2.1mo". */
void ui_format_interval(int64_t ms, char out[16]);

/* A duration as minutes and seconds: "4:05", "72:10". */
void ui_format_duration(int64_t ms, char out[16]);

/*
 * Pattern matching as the match piece offers it, through function
 * pointers so that the screens can be tested with a fake (STYLE rule 17).
 * compile returns a handle, or NULL with a one-line message in err
 * ("missing closing parenthesis at column 4").  exec returns 1 for a match,
 * 0 for none, or a negative tpm_err (match limit reached).
 */
struct ui_matcher {
	void *(*compile)(void *ctx, const char *pattern, struct buf *err);
	int (*exec)(void *ctx, void *re, const char *s, size_t len);
	void (*free)(void *ctx, void *re);
	void *ctx;
	/*
	 * Optional: 1 when the person asked to stop a long search (Esc, or
	 * a signal to quit).  Asked between slices of a search over many
	 * cards, so that it can be interrupted.
	 */
	int (*cancelled)(void *ctx);
};

#endif
