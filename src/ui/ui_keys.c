/*
 * Finding a key's action in a screen's table, and the help page generated
 * from the same table, so `?` always tells the truth.  Each screen's
 * tables live in its own file (ui_home.c, ui_drill.c, ui_browse.c); the
 * overlays' are here.
 */
#include "ui/ui_keys.h"

#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

static const struct ui_binding help_bindings[] = {
	UI_SCROLL_KEYS,
};

/* Any other key closes the help, so that it never traps anyone. */
const struct ui_keymap ui_help_keys = {
	"keys", help_bindings, UI_N_BINDINGS(help_bindings), UI_A_BACK,
	"close",
};

static const struct ui_binding notice_bindings[] = {
	UI_SCROLL_KEYS,
	{ UI_KEY_ENTER, UI_A_BACK, "dismiss" },
	{ UI_KEY_ESC, UI_A_BACK, NULL },
	{ 'q', UI_A_BACK, NULL },
	{ ' ', UI_A_BACK, NULL },
};

const struct ui_keymap ui_notice_keys = UI_KEYMAP("message", notice_bindings);

int ui_key_action(const struct ui_keymap *map, int key)
{
	for (size_t i = 0; i < map->n; i++)
		if (map->b[i].key == key)
			return map->b[i].action;
	if (map->other != UI_A_CHAR)
		return map->other;
	if (key >= 0x20 && key < 0x110000 && key != 0x7f &&
	    ui_cp_width((uint32_t)key) >= 0)
		return UI_A_CHAR;
	return UI_A_NONE;
}

int ui_keymap_takes_text(const struct ui_keymap *map)
{
	return map->other == UI_A_CHAR;
}

int ui_paste_action(int key, int multiline, uint32_t *cp)
{
	if (key == UI_KEY_ENTER || key == '\r' || key == '\t') {
		*cp = ' ';
		return multiline && key != '\t' ? UI_A_NEWLINE : UI_A_CHAR;
	}
	if (key >= 0x20 && key < 0x110000 && key != 0x7f &&
	    ui_cp_width((uint32_t)key) >= 0) {
		*cp = (uint32_t)key;
		return UI_A_CHAR;
	}
	return UI_A_NONE;
}

int ui_scroll_step(int action, int page)
{
	switch (action) {
	case UI_A_UP:
		return -1;
	case UI_A_DOWN:
		return 1;
	case UI_A_PGUP:
		return -page;
	case UI_A_PGDN:
		return page;
	default:
		return 0;
	}
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
		[UI_KEY_PASTE_BEGIN - UI_KEY_UP] = "paste",
		[UI_KEY_PASTE_END - UI_KEY_UP] = "paste end",
	};

	if (key & UI_KEY_ALT) {
		/* Only plain characters are bound with alt. */
		char base[16];

		ui_key_name(key & ~UI_KEY_ALT, base);
		snprintf(out, 16, "M-%.12s", base);
	} else if (key >= UI_KEY_UP && key <= UI_KEY_PASTE_END) {
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

/* One help line: the keys in 18 cells, then what they do. */
static void help_line(struct ui_text *out, const char *keys, size_t len,
		      const char *help, int width)
{
	ui_text_newline(out);
	ui_text_pad(out, UI_R_TEXT, 0, 2);
	ui_text_fit(out, UI_R_KEY, UI_BOLD, keys, len, 18, UI_LEFT);
	ui_text_pad(out, UI_R_TEXT, 0, 1);
	ui_text_fit(out, UI_R_TEXT, 0, help, strlen(help), width - 21,
		    UI_LEFT);
}

void ui_keymap_help(const struct ui_keymap *m, struct ui_text *out,
		    int width)
{
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
		help_line(out, keys.s, keys.len, m->b[i].help, width);
	}
	if (m->other_help)
		help_line(out, "others", 6, m->other_help, width);
	buf_release(&keys);
}
