#ifndef TPM_UI_UI_KEYS_H
#define TPM_UI_UI_KEYS_H

/*
 * The groups of bindings screens share, for writing a screen's key tables
 * (struct ui_keymap, ui_int.h) in the screen's own file:
 *
 *	static const struct ui_binding my_bindings[] = {
 *		UI_MOVE_KEYS,
 *		{ 'x', MY_A_EXPLODE, "what x does, for the help" },
 *		UI_HELP_KEYS,
 *		{ 'q', UI_A_BACK, "back" },
 *	};
 *	const struct ui_keymap my_keys = UI_KEYMAP("my screen", my_bindings);
 *
 * Each group binds only shared actions (enum ui_action), which
 * ui_list_move(), ui_scroll_step() and ui_input_edit() understand.
 * Internal to src/ui.
 */

#include "ui/ui_int.h"

#define UI_CTRL(c) UI_KEY_CTRL(c)
#define UI_ALT(c) (UI_KEY_ALT | (c))

/* Moving in a list. */
#define UI_MOVE_KEYS \
	{ UI_KEY_UP, UI_A_UP, "move up" }, \
	{ 'k', UI_A_UP, NULL }, \
	{ UI_KEY_DOWN, UI_A_DOWN, "move down" }, \
	{ 'j', UI_A_DOWN, NULL }, \
	{ UI_KEY_PGUP, UI_A_PGUP, "page up" }, \
	{ UI_CTRL('b'), UI_A_PGUP, NULL }, \
	{ UI_KEY_PGDN, UI_A_PGDN, "page down" }, \
	{ UI_CTRL('f'), UI_A_PGDN, NULL }, \
	{ UI_KEY_HOME, UI_A_TOP, "first" }, \
	{ 'g', UI_A_TOP, NULL }, \
	{ UI_KEY_END, UI_A_BOTTOM, "last" }, \
	{ 'G', UI_A_BOTTOM, NULL }

/* Scrolling a page of text. */
#define UI_SCROLL_KEYS \
	{ UI_KEY_UP, UI_A_UP, "scroll up" }, \
	{ 'k', UI_A_UP, NULL }, \
	{ UI_KEY_DOWN, UI_A_DOWN, "scroll down" }, \
	{ 'j', UI_A_DOWN, NULL }, \
	{ UI_KEY_PGUP, UI_A_PGUP, "page up" }, \
	{ UI_KEY_PGDN, UI_A_PGDN, "page down" }

#define UI_HELP_KEYS \
	{ '?', UI_A_HELP, "these keys" }, \
	{ UI_KEY_F1, UI_A_HELP, NULL }

/* Editing a line of text (answers, patterns); use with UI_TEXT_KEYMAP. */
#define UI_EDIT_KEYS \
	{ UI_KEY_LEFT, UI_A_LEFT, "cursor left" }, \
	{ UI_CTRL('b'), UI_A_LEFT, NULL }, \
	{ UI_KEY_RIGHT, UI_A_RIGHT, "cursor right" }, \
	{ UI_CTRL('f'), UI_A_RIGHT, NULL }, \
	{ UI_ALT('b'), UI_A_WORD_LEFT, "word left" }, \
	{ UI_ALT('f'), UI_A_WORD_RIGHT, "word right" }, \
	{ UI_KEY_HOME, UI_A_HOME, "start of line" }, \
	{ UI_CTRL('a'), UI_A_HOME, NULL }, \
	{ UI_KEY_END, UI_A_END, "end of line" }, \
	{ UI_CTRL('e'), UI_A_END, NULL }, \
	{ UI_KEY_BACKSPACE, UI_A_BACKSPACE, "delete back" }, \
	{ UI_CTRL('h'), UI_A_BACKSPACE, NULL }, \
	{ UI_KEY_DELETE, UI_A_DELETE, "delete forward" }, \
	{ UI_CTRL('d'), UI_A_DELETE, NULL }, \
	{ UI_CTRL('w'), UI_A_DEL_WORD, "delete the word before" }, \
	{ UI_ALT(0x7f), UI_A_DEL_WORD, NULL }, \
	{ UI_CTRL('u'), UI_A_KILL_START, "delete to the start" }, \
	{ UI_CTRL('k'), UI_A_KILL_END, "delete to the end" }

#define UI_N_BINDINGS(b) (sizeof(b) / sizeof((b)[0]))

/* A table whose other keys do nothing. */
#define UI_KEYMAP(title, b) { title, b, UI_N_BINDINGS(b), UI_A_NONE, NULL }

/* A table whose other printable keys are typed text. */
#define UI_TEXT_KEYMAP(title, b) \
	{ title, b, UI_N_BINDINGS(b), UI_A_CHAR, "typed as text" }

#endif
