/*
 * The key tables: which key does what on each screen.  The help screen is
 * generated from the same tables, so `?` always tells the truth.
 */
#include "ui/ui_int.h"

#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

#define CTRL(c) UI_KEY_CTRL(c)
#define ALT(c) (UI_KEY_ALT | (c))

/* Moving in a list or a scrolled text, shared by several maps. */
#define MOVE_KEYS \
	{ UI_KEY_UP, UI_A_UP, "move up" }, \
	{ 'k', UI_A_UP, NULL }, \
	{ UI_KEY_DOWN, UI_A_DOWN, "move down" }, \
	{ 'j', UI_A_DOWN, NULL }, \
	{ UI_KEY_PGUP, UI_A_PGUP, "page up" }, \
	{ CTRL('b'), UI_A_PGUP, NULL }, \
	{ UI_KEY_PGDN, UI_A_PGDN, "page down" }, \
	{ CTRL('f'), UI_A_PGDN, NULL }, \
	{ UI_KEY_HOME, UI_A_TOP, "first" }, \
	{ 'g', UI_A_TOP, NULL }, \
	{ UI_KEY_END, UI_A_BOTTOM, "last" }, \
	{ 'G', UI_A_BOTTOM, NULL }

#define SCROLL_KEYS \
	{ UI_KEY_UP, UI_A_UP, "scroll up" }, \
	{ 'k', UI_A_UP, NULL }, \
	{ UI_KEY_DOWN, UI_A_DOWN, "scroll down" }, \
	{ 'j', UI_A_DOWN, NULL }, \
	{ UI_KEY_PGUP, UI_A_PGUP, "page up" }, \
	{ UI_KEY_PGDN, UI_A_PGDN, "page down" }

#define HELP_KEYS \
	{ '?', UI_A_HELP, "these keys" }, \
	{ UI_KEY_F1, UI_A_HELP, NULL }

/* Editing a line of text (answers, patterns). */
#define EDIT_KEYS \
	{ UI_KEY_LEFT, UI_A_LEFT, "cursor left" }, \
	{ CTRL('b'), UI_A_LEFT, NULL }, \
	{ UI_KEY_RIGHT, UI_A_RIGHT, "cursor right" }, \
	{ CTRL('f'), UI_A_RIGHT, NULL }, \
	{ ALT('b'), UI_A_WORD_LEFT, "word left" }, \
	{ ALT('f'), UI_A_WORD_RIGHT, "word right" }, \
	{ UI_KEY_HOME, UI_A_HOME, "start of line" }, \
	{ CTRL('a'), UI_A_HOME, NULL }, \
	{ UI_KEY_END, UI_A_END, "end of line" }, \
	{ CTRL('e'), UI_A_END, NULL }, \
	{ UI_KEY_BACKSPACE, UI_A_BACKSPACE, "delete back" }, \
	{ CTRL('h'), UI_A_BACKSPACE, NULL }, \
	{ UI_KEY_DELETE, UI_A_DELETE, "delete forward" }, \
	{ CTRL('d'), UI_A_DELETE, NULL }, \
	{ CTRL('w'), UI_A_DEL_WORD, "delete the word before" }, \
	{ ALT(0x7f), UI_A_DEL_WORD, NULL }, \
	{ CTRL('u'), UI_A_KILL_START, "delete to the start" }, \
	{ CTRL('k'), UI_A_KILL_END, "delete to the end" }

static const struct ui_binding map_home[] = {
	MOVE_KEYS,
	{ UI_KEY_ENTER, UI_A_OPEN, "drill the selected decks" },
	{ ' ', UI_A_OPEN, NULL },
	{ 't', UI_A_TAGS, "choose a tag to drill" },
	{ 'm', UI_A_MOCK, "start the recommended mock interview" },
	{ 'b', UI_A_BROWSE, "browse all cards" },
	{ 's', UI_A_STATS, "statistics" },
	HELP_KEYS,
	{ 'q', UI_A_QUIT, "quit" },
};

static const struct ui_binding map_home_tags[] = {
	MOVE_KEYS,
	{ UI_KEY_ENTER, UI_A_OPEN, "drill the cards with the selected tag" },
	{ ' ', UI_A_OPEN, NULL },
	{ 't', UI_A_BACK, "back to the decks" },
	{ UI_KEY_ESC, UI_A_BACK, NULL },
	HELP_KEYS,
	{ 'q', UI_A_QUIT, "quit" },
};

/* Commands that work whether the answer is shown or not. */
#define CARD_COMMANDS \
	{ 'u', UI_A_UNDO, "undo the last grade" }, \
	{ 'b', UI_A_BURY, "bury: skip the card until tomorrow" }, \
	{ 's', UI_A_SUSPEND, "suspend: never show the card until unsuspended" }, \
	{ 'e', UI_A_EDIT, "edit the card in $EDITOR" }, \
	SCROLL_KEYS, \
	HELP_KEYS, \
	{ 'q', UI_A_QUIT, "end the session" }, \
	{ UI_KEY_ESC, UI_A_QUIT, NULL }

static const struct ui_binding map_drill_front[] = {
	{ ' ', UI_A_REVEAL, "show the answer" },
	{ UI_KEY_ENTER, UI_A_REVEAL, NULL },
	{ 'i', UI_A_TYPE, "type the answer (typed cards)" },
	CARD_COMMANDS,
};

static const struct ui_binding map_drill_back[] = {
	{ '1', UI_A_AGAIN, "again: forgotten, show it again soon" },
	{ 'a', UI_A_AGAIN, NULL },
	{ '2', UI_A_HARD, "hard: recalled with difficulty" },
	{ 'h', UI_A_HARD, NULL },
	{ '3', UI_A_GOOD, "good: recalled" },
	{ 'g', UI_A_GOOD, NULL },
	{ ' ', UI_A_GOOD, NULL },
	{ UI_KEY_ENTER, UI_A_GOOD, NULL },
	{ '4', UI_A_EASY, "easy: recalled at once" },
	/* Not 'e': that edits the card, which is wanted most once the
	 * answer is on screen. */
	{ 'E', UI_A_EASY, NULL },
	CARD_COMMANDS,
};

static const struct ui_binding map_drill_type[] = {
	{ UI_KEY_ENTER, UI_A_SUBMIT, "check the answer" },
	{ UI_KEY_ESC, UI_A_BACK, "leave the answer line (for u, b, s, e, q)" },
	EDIT_KEYS,
	{ UI_KEY_F1, UI_A_HELP, "these keys" },
};

static const struct ui_binding map_drill_end[] = {
	{ UI_KEY_ENTER, UI_A_BACK, "done" },
	{ 'q', UI_A_BACK, NULL },
	{ UI_KEY_ESC, UI_A_BACK, NULL },
	{ 'c', UI_A_CRAM, "cram: practise the weakest cards, schedule unchanged" },
	{ 'u', UI_A_UNDO, "undo the last grade" },
	HELP_KEYS,
};

static const struct ui_binding map_browse[] = {
	MOVE_KEYS,
	{ UI_KEY_ENTER, UI_A_OPEN, "show the card" },
	{ '/', UI_A_FILTER, "filter by a pattern (PCRE2) over text and tags" },
	{ 'o', UI_A_SORT, "sort by the next column" },
	{ 'r', UI_A_REVERSE, "reverse the order" },
	{ 's', UI_A_SUSPEND, "suspend the card" },
	{ 'u', UI_A_UNSUSPEND, "unsuspend the card" },
	{ 'f', UI_A_FORGET, "forget: make the card new again (asks first)" },
	HELP_KEYS,
	{ 'q', UI_A_BACK, "back" },
	{ UI_KEY_ESC, UI_A_BACK, NULL },
};

static const struct ui_binding map_browse_filter[] = {
	{ UI_KEY_ENTER, UI_A_SUBMIT, "apply the pattern (empty: show all)" },
	{ UI_KEY_ESC, UI_A_CANCEL, "keep the previous filter" },
	EDIT_KEYS,
	{ UI_KEY_F1, UI_A_HELP, "these keys" },
};

static const struct ui_binding map_card[] = {
	SCROLL_KEYS,
	{ 's', UI_A_SUSPEND, "suspend the card" },
	{ 'u', UI_A_UNSUSPEND, "unsuspend the card" },
	{ 'f', UI_A_FORGET, "forget: make the card new again (asks first)" },
	{ 'e', UI_A_EDIT, "edit the card in $EDITOR" },
	HELP_KEYS,
	{ 'q', UI_A_BACK, "back to the list" },
	{ UI_KEY_ESC, UI_A_BACK, NULL },
	{ UI_KEY_ENTER, UI_A_BACK, NULL },
};

static const struct ui_binding map_confirm[] = {
	{ 'y', UI_A_YES, "yes" },
	{ 'n', UI_A_NO, "no" },
	{ UI_KEY_ESC, UI_A_NO, NULL },
	{ 'q', UI_A_NO, NULL },
};

static const struct ui_binding map_notice[] = {
	{ UI_KEY_ENTER, UI_A_BACK, "dismiss" },
	{ UI_KEY_ESC, UI_A_BACK, NULL },
	{ 'q', UI_A_BACK, NULL },
	{ ' ', UI_A_BACK, NULL },
};

#define MAP(m, title, text) { m, sizeof(m) / sizeof(m[0]), title, text }

static const struct keymap {
	const struct ui_binding *b;
	size_t n;
	const char *title;
	int text;		/* printable keys are typed text */
} maps[UI_MAP_COUNT_] = {
	[UI_MAP_HOME] = MAP(map_home, "home", 0),
	[UI_MAP_HOME_TAGS] = MAP(map_home_tags, "home, tags", 0),
	[UI_MAP_DRILL_FRONT] = MAP(map_drill_front, "drill, question", 0),
	[UI_MAP_DRILL_BACK] = MAP(map_drill_back, "drill, answer shown", 0),
	[UI_MAP_DRILL_TYPE] = MAP(map_drill_type, "drill, typing an answer",
				  1),
	[UI_MAP_DRILL_END] = MAP(map_drill_end, "drill, session over", 0),
	[UI_MAP_BROWSE] = MAP(map_browse, "browse", 0),
	[UI_MAP_BROWSE_FILTER] = MAP(map_browse_filter,
				     "browse, typing a pattern", 1),
	[UI_MAP_CARD] = MAP(map_card, "card", 0),
	[UI_MAP_CONFIRM] = MAP(map_confirm, "question", 0),
	[UI_MAP_NOTICE] = MAP(map_notice, "message", 0),
};

enum ui_action ui_key_action(enum ui_keymap map, int key)
{
	const struct keymap *m = &maps[map];

	for (size_t i = 0; i < m->n; i++)
		if (m->b[i].key == key)
			return m->b[i].action;
	if (m->text && key >= 0x20 && key < 0x110000 && key != 0x7f &&
	    ui_cp_width((uint32_t)key) >= 0)
		return UI_A_CHAR;
	return UI_A_NONE;
}

const char *ui_keymap_title(enum ui_keymap map)
{
	return maps[map].title;
}

void ui_key_name(int key, char out[16])
{
	static const char *const names[] = {
		[UI_KEY_UP - UI_KEY_UP] = "up",
		[UI_KEY_DOWN - UI_KEY_UP] = "down",
		[UI_KEY_LEFT - UI_KEY_UP] = "left",
		[UI_KEY_RIGHT - UI_KEY_UP] = "right",
		[UI_KEY_HOME - UI_KEY_UP] = "home",
		[UI_KEY_END - UI_KEY_UP] = "end",
		[UI_KEY_PGUP - UI_KEY_UP] = "pgup",
		[UI_KEY_PGDN - UI_KEY_UP] = "pgdn",
		[UI_KEY_BACKSPACE - UI_KEY_UP] = "backspace",
		[UI_KEY_DELETE - UI_KEY_UP] = "del",
		[UI_KEY_F1 - UI_KEY_UP] = "F1",
		[UI_KEY_RESIZE - UI_KEY_UP] = "resize",
	};

	if (key & UI_KEY_ALT) {
		/* Only plain characters are bound with alt. */
		char base[16];

		ui_key_name(key & ~UI_KEY_ALT, base);
		snprintf(out, 16, "M-%.12s", base);
	} else if (key >= UI_KEY_UP && key <= UI_KEY_RESIZE) {
		snprintf(out, 16, "%s", names[key - UI_KEY_UP]);
	} else if (key == UI_KEY_ENTER) {
		snprintf(out, 16, "enter");
	} else if (key == UI_KEY_ESC) {
		snprintf(out, 16, "esc");
	} else if (key == ' ') {
		snprintf(out, 16, "space");
	} else if (key == 0x7f) {
		snprintf(out, 16, "backspace");
	} else if (key >= 0 && key < 0x20) {
		snprintf(out, 16, "^%c", key + 0x40);
	} else {
		char u[4];
		size_t n = utf8_encode((uint32_t)key, u);

		snprintf(out, 16, "%.*s", (int)n, u);
	}
}

void ui_keymap_help(enum ui_keymap map, struct ui_text *out, int width)
{
	const struct keymap *m = &maps[map];
	char name[16];
	struct buf keys;

	buf_init(&keys);
	for (size_t i = 0; i < m->n; i++) {
		if (!m->b[i].help)
			continue;
		buf_clear(&keys);
		for (size_t k = 0; k < m->n; k++) {
			if (m->b[k].action != m->b[i].action)
				continue;
			ui_key_name(m->b[k].key, name);
			if (keys.len)
				buf_addch(&keys, ' ');
			buf_adds(&keys, name);
		}
		ui_text_newline(out);
		ui_text_pad(out, UI_R_TEXT, 0, 2);
		ui_text_fit(out, UI_R_KEY, UI_BOLD, keys.s, keys.len, 18,
			    UI_LEFT);
		ui_text_pad(out, UI_R_TEXT, 0, 1);
		ui_text_fit(out, UI_R_TEXT, 0, m->b[i].help,
			    strlen(m->b[i].help), width - 21, UI_LEFT);
	}
	if (m->text) {
		ui_text_newline(out);
		ui_text_pad(out, UI_R_TEXT, 0, 2);
		ui_text_fit(out, UI_R_KEY, UI_BOLD, "others", 6, 18, UI_LEFT);
		ui_text_pad(out, UI_R_TEXT, 0, 1);
		ui_text_fit(out, UI_R_TEXT, 0, "typed as text", 13, width - 21,
			    UI_LEFT);
	}
	buf_release(&keys);
}
