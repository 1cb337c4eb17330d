/*
 * Whole-screen views and the pieces every screen shares: title lines,
 * rules, key hints, progress bars, the help and too-small screens, and
 * the cursor movement of their lists.
 */
#include "ui/ui_int.h"

#include <stdio.h>
#include <string.h>

void ui_view_init(struct ui_view *v)
{
	ui_text_init(&v->text);
	v->rows = v->cols = 0;
	v->cursor_row = v->cursor_col = -1;
}

void ui_view_release(struct ui_view *v)
{
	ui_text_release(&v->text);
}

void ui_view_begin(struct ui_view *v, int rows, int cols)
{
	ui_text_clear(&v->text);
	v->rows = rows;
	v->cols = cols;
	v->cursor_row = v->cursor_col = -1;
}

void ui_view_end(struct ui_view *v)
{
	while (ui_view_used(v) < v->rows)
		ui_text_newline(&v->text);
	if (ui_view_used(v) > v->rows)
		v->text.lines.len = (size_t)v->rows;
}

int ui_list_move(size_t *sel, size_t n, long page, int a)
{
	long to = (long)*sel;

	switch (a) {
	case UI_A_UP:
		to--;
		break;
	case UI_A_DOWN:
		to++;
		break;
	case UI_A_PGUP:
		to -= page;
		break;
	case UI_A_PGDN:
		to += page;
		break;
	case UI_A_TOP:
		to = 0;
		break;
	case UI_A_BOTTOM:
		to = (long)n - 1;
		break;
	default:
		return -1;
	}
	if (!n)
		return 0;
	if (to < 0)
		to = 0;
	if (to >= (long)n)
		to = (long)n - 1;
	if ((size_t)to == *sel)
		return 0;
	*sel = (size_t)to;
	return UI_REDRAW;
}

void ui_view_title(struct ui_view *v, const char *left, const char *right)
{
	struct ui_text *t = &v->text;
	int rw = right ? ui_str_width(right, strlen(right)) : 0;
	int lw = v->cols - 2 - (rw ? rw + 2 : 0);

	ui_text_newline(t);
	ui_text_pad(t, UI_R_TEXT, 0, 1);
	if (lw > 0)
		ui_text_fit(t, UI_R_TITLE, UI_BOLD, left, strlen(left), lw,
			    UI_LEFT);
	if (rw) {
		ui_text_pad(t, UI_R_TEXT, 0, 2);
		ui_text_fit(t, UI_R_DIM, 0, right, strlen(right),
			    v->cols - 2 - (lw > 0 ? lw + 2 : 0), UI_RIGHT);
	}
}

static void rule_run(struct ui_text *t, int n)
{
	const char *g = ui_glyphs()->hrule;

	while (n-- > 0)
		ui_text_adds(t, UI_R_RULE, 0, g);
}

void ui_view_rule(struct ui_view *v, const char *label, enum ui_role role,
		  const char *right)
{
	ui_rule_text(&v->text, v->cols, label, role, right);
}

void ui_rule_text(struct ui_text *t, int cols, const char *label,
		  enum ui_role role, const char *right)
{
	int left = cols - 2, w;

	ui_text_newline(t);
	ui_text_pad(t, UI_R_TEXT, 0, 1);
	if (label && *label && left > 6) {
		w = ui_str_width(label, strlen(label));
		if (w > left - 6)
			w = left - 6;
		rule_run(t, 2);
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		ui_text_fit(t, role, 0, label, strlen(label), w, UI_LEFT);
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		left -= w + 4;
	}
	if (right && *right && left > 8) {
		w = ui_str_width(right, strlen(right));
		if (w > left - 4)
			w = left - 4;
		rule_run(t, left - w - 4);
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		ui_text_fit(t, UI_R_DIM, 0, right, strlen(right), w, UI_LEFT);
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		left = 2;
	}
	rule_run(t, left);
}

static int hint_width(const struct ui_hint *h)
{
	return ui_str_width(h->key, strlen(h->key)) + 1 +
	       ui_str_width(h->label, strlen(h->label));
}

void ui_view_hints(struct ui_view *v, const struct ui_hint *h, size_t n)
{
	struct ui_text *t = &v->text;
	int room = v->cols - 2, used = 0;
	size_t keep = 0;

	/* The last hint (keys) first, then as many as fit in order. */
	if (n)
		room -= hint_width(&h[n - 1]);
	while (keep + 1 < n && used + hint_width(&h[keep]) + 3 <= room) {
		used += hint_width(&h[keep]) + 3;
		keep++;
	}
	ui_text_newline(t);
	for (size_t i = 0; i < n; i++) {
		if (i < keep || i == n - 1) {
			ui_text_pad(t, UI_R_TEXT, 0, i ? 3 : 1);
			ui_text_adds(t, UI_R_KEY, UI_BOLD, h[i].key);
			ui_text_pad(t, UI_R_TEXT, 0, 1);
			ui_text_adds(t, h[i].role, 0, h[i].label);
		}
	}
}

void ui_view_bar(struct ui_text *t, int width, long done, long total)
{
	int full = total > 0 ? (int)((double)width * (double)done /
				     (double)total) : 0;

	if (full > width)
		full = width;
	for (int i = 0; i < width; i++)
		ui_text_adds(t, i < full ? UI_R_BAR : UI_R_DIM, 0,
			     i < full ? ui_glyphs()->bar_full
				      : ui_glyphs()->bar_empty);
	ui_text_addf(t, UI_R_DIM, 0, " %ld/%ld", done, total);
}

void ui_view_body(struct ui_view *v, const struct ui_text *body, size_t from,
		  int n, int indent)
{
	for (int k = 0; k < n; k++) {
		size_t i = from + (size_t)k;

		ui_text_newline(&v->text);
		if (i < ui_text_n_lines(body) && ui_text_line_width(body, i)) {
			ui_text_pad(&v->text, UI_R_TEXT, 0, indent);
			ui_text_append_line(&v->text, body, i);
		}
	}
}

/* Clamps *scroll so that a body of n lines fills a window of h lines. */
static void clamp_scroll(int *scroll, int n, int h)
{
	if (*scroll > n - h)
		*scroll = n - h;
	if (*scroll < 0)
		*scroll = 0;
}

/* A titled page of body lines with a one-line footer. */
static void page(struct ui_view *v, const char *title,
		 const struct ui_text *body, int *scroll,
		 const struct ui_hint *hints, size_t n_hints)
{
	int h = v->rows - 4, n = (int)ui_text_n_lines(body);
	char more[32] = "";

	clamp_scroll(scroll, n, h);
	if (n > h)
		snprintf(more, sizeof(more), "%s%s %d/%d",
			 *scroll ? ui_glyphs()->up : " ",
			 *scroll + h < n ? ui_glyphs()->down : " ",
			 *scroll + h < n ? *scroll + h : n, n);
	ui_view_title(v, title, NULL);
	ui_view_rule(v, NULL, UI_R_RULE, NULL);
	ui_view_body(v, body, (size_t)*scroll, h, 0);
	ui_view_rule(v, NULL, UI_R_RULE, more);
	ui_view_hints(v, hints, n_hints);
}

void ui_view_help(struct ui_view *v, const struct ui_keymap *map,
		  int *scroll)
{
	static const struct ui_hint hints[] = {
		{ "j k", "scroll", 0 },
		{ "any other key", "close", 0 },
	};
	struct ui_text body;
	char title[64];

	ui_text_init(&body);
	ui_keymap_help(map, &body, v->cols);
	snprintf(title, sizeof(title), "keys %s %s", ui_glyphs()->dot,
		 map->title);
	page(v, title, &body, scroll, hints, 2);
	ui_text_release(&body);
	ui_view_end(v);
}

void ui_view_notice(struct ui_view *v, const char *title, const char *text,
		    int *scroll)
{
	static const struct ui_hint hints[] = {
		{ "j k", "scroll", 0 },
		{ "enter", "close", 0 },
	};
	struct ui_text body;

	ui_text_init(&body);
	/* Each line is a paragraph; its continuation lines hang under it,
	 * so that one diagnostic reads as one.  A line that fits is kept as
	 * it is, its spacing with it: a table stays a table. */
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		struct ui_wrap w;

		if (ui_str_width(text, n) <= v->cols - 4) {
			ui_text_newline(&body);
			ui_text_adds(&body, UI_R_TEXT, 0, "  ");
			ui_text_add(&body, UI_R_TEXT, 0, text, n);
		} else {
			ui_wrap_begin(&w, &body, v->cols - 2, "  ", "      ",
				      UI_R_TEXT);
			ui_wrap_add(&w, UI_R_TEXT, 0, text, n);
			ui_wrap_end(&w);
		}
		text += n + (nl != NULL);
	}
	page(v, title, &body, scroll, hints, 2);
	ui_text_release(&body);
	ui_view_end(v);
}

void ui_view_too_small(struct ui_view *v)
{
	static const char msg[] = "terminal too small";
	char need[48];
	int mid = (v->rows - 1) / 2;

	snprintf(need, sizeof(need), "need %dx%d, have %dx%d", UI_MIN_COLS,
		 UI_MIN_ROWS, v->cols, v->rows);
	for (int r = 0; r < mid; r++)
		ui_text_newline(&v->text);
	ui_text_newline(&v->text);
	ui_text_fit(&v->text, UI_R_TITLE, UI_BOLD, msg, sizeof(msg) - 1,
		    v->cols, UI_CENTER);
	if (v->rows > mid + 1) {
		ui_text_newline(&v->text);
		ui_text_fit(&v->text, UI_R_DIM, 0, need, strlen(need), v->cols,
			    UI_CENTER);
	}
	ui_view_end(v);
}

void ui_format_interval(int64_t ms, char out[16])
{
	double min = (double)ms / 60000.0, days = min / 1440.0;

	if (min < 1)
		snprintf(out, 16, "<1m");
	else if (min < 59.5)
		snprintf(out, 16, "%.0fm", min);
	else if (min < 1440 - 30)
		snprintf(out, 16, "%.0fh", min / 60);
	else if (days < 30.5)
		snprintf(out, 16, "%.0fd", days);
	else if (days < 365)
		snprintf(out, 16, "%.1fmo", days / 30.4375);
	else
		snprintf(out, 16, "%.1fy", days / 365.25);
	/* "2.0mo" says no more than "2mo". */
	{
		char *dot = strstr(out, ".0");

		if (dot)
			memmove(dot, dot + 2, strlen(dot + 2) + 1);
	}
}

void ui_format_duration(int64_t ms, char out[16])
{
	/* Capped at 9999 minutes: a session left open for a week says so. */
	int s = ms < 0 ? 0 : ms > 599999000 ? 599999 : (int)(ms / 1000);

	snprintf(out, 16, "%d:%02d", s / 60, s % 60);
}
