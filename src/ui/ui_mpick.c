/* The mock picker: state, keys, handler and view. */
#include "ui/ui_mpick.h"

#include <string.h>

#include "core/xmalloc.h"
#include "ui/ui_keys.h"

static const struct ui_binding pick_bindings[] = {
	UI_MOVE_KEYS,
	{ UI_KEY_ENTER, MPICK_A_START, "start the selected mock interview" },
	{ ' ', MPICK_A_START, NULL },
	{ '\t', MPICK_A_KIND, "show the next kind (system design, ...)" },
	{ 'f', MPICK_A_KIND, NULL },
	UI_HELP_KEYS,
	{ 'q', UI_A_BACK, "back" },
	{ UI_KEY_ESC, UI_A_BACK, NULL },
};

const struct ui_keymap mpick_keys = UI_KEYMAP("mock interview, choosing",
					      pick_bindings);

void mpick_init(struct mpick *p, int kind)
{
	memset(p, 0, sizeof(*p));
	vec_init(&p->rows, sizeof(struct mpick_row));
	p->kind = kind;
}

void mpick_clear(struct mpick *p, const char *kind_label)
{
	for (size_t i = 0; i < p->rows.len; i++) {
		struct mpick_row *r = vec_at(&p->rows, i);

		xfree(r->id);
		xfree(r->title);
		xfree(r->kind);
		xfree(r->due);
		xfree(r->last);
		xfree(r->score);
	}
	p->rows.len = 0;
	p->sel = p->top = 0;
	xfree(p->kind_label);
	p->kind_label = kind_label ? xstrdup(kind_label) : NULL;
}

void mpick_release(struct mpick *p)
{
	mpick_clear(p, NULL);
	vec_release(&p->rows);
}

void mpick_add(struct mpick *p, const char *id, const char *title,
	       const char *kind, const char *due, const char *last,
	       const char *score)
{
	struct mpick_row *r = vec_push(&p->rows);

	r->due = xstrdup(due);
	r->id = xstrdup(id);
	r->title = xstrdup(title);
	r->kind = xstrdup(kind);
	r->last = xstrdup(last);
	r->score = xstrdup(score);
}

const struct mpick_row *mpick_selected(const struct mpick *p)
{
	return p->rows.len ? vec_at(&p->rows, p->sel) : NULL;
}

int mpick_next_kind(int k, int n_kinds)
{
	return k + 1 >= n_kinds ? -1 : k + 1;
}

int mpick_handle(struct mpick *p, int act, int64_t now_ms)
{
	long page = p->rows_shown > 1 ? p->rows_shown - 1 : 1;
	int moved = ui_list_move(&p->sel, p->rows.len, page, act);

	(void)now_ms;
	p->req = MPICK_REQ_NONE;
	if (moved >= 0)
		return moved;
	switch (act) {
	case MPICK_A_START:
		if (!p->rows.len)
			return 0;
		p->req = MPICK_REQ_START;
		return UI_SAVE | UI_REDRAW;
	case MPICK_A_KIND:
		p->req = MPICK_REQ_KIND;
		return UI_SAVE | UI_REDRAW;
	case UI_A_BACK:
	case UI_A_QUIT:
		return UI_QUIT;
	default:
		return 0;
	}
}

static void row_line(struct ui_text *t, const struct mpick_row *r, int sel,
		     int tw, int cols)
{
	enum ui_role role = sel ? UI_R_SELECTED : UI_R_TEXT;

	ui_text_newline(t);
	ui_text_pad(t, UI_R_TEXT, 0, 1);
	if (sel)
		ui_text_adds(t, UI_R_SELECTED, 0, ui_glyphs()->select);
	else
		ui_text_pad(t, UI_R_TEXT, 0, 1);
	ui_text_pad(t, UI_R_TEXT, 0, 1);
	ui_text_fit(t, role, 0, r->title, strlen(r->title), tw, UI_LEFT);
	if (cols >= 100)
		ui_text_fit(t, UI_R_DIM, 0, r->kind, strlen(r->kind), 20,
			    UI_LEFT);
	ui_text_fit(t, !strcmp(r->due, "now") ? UI_R_HARD : role, 0, r->due,
		    strlen(r->due), 8, UI_LEFT);
	ui_text_fit(t, sel ? role : UI_R_DIM, 0, r->last, strlen(r->last), 10,
		    UI_LEFT);
	ui_text_fit(t, role, 0, r->score, strlen(r->score), 6, UI_RIGHT);
}

void mpick_view(struct mpick *p, struct ui_view *v)
{
	struct ui_text *t = &v->text;
	int tw = v->cols - 3 - 24 - (v->cols >= 100 ? 20 : 0) - 1;
	int n;
	static const struct ui_hint h[] = {
		{ "enter", "start", 0 },
		{ "tab", "next kind", 0 },
		{ "q", "back", 0 },
		{ "?", "keys", 0 },
	};

	ui_view_title(v, "mock · choose a scenario",
		      p->kind_label ? p->kind_label : "every kind");
	ui_view_rule(v, NULL, UI_R_RULE, NULL);
	ui_text_newline(t);
	ui_text_pad(t, UI_R_TEXT, 0, 3);
	ui_text_fit(t, UI_R_DIM, 0, "scenario", 8, tw, UI_LEFT);
	if (v->cols >= 100)
		ui_text_fit(t, UI_R_DIM, 0, "kind", 4, 20, UI_LEFT);
	ui_text_fit(t, UI_R_DIM, 0, "due", 3, 8, UI_LEFT);
	ui_text_fit(t, UI_R_DIM, 0, "last done", 9, 10, UI_LEFT);
	ui_text_fit(t, UI_R_DIM, 0, "score", 5, 6, UI_RIGHT);
	n = v->rows - ui_view_used(v) - 2;
	p->rows_shown = n;
	if (p->sel < p->top)
		p->top = p->sel;
	if (n > 0 && p->sel >= p->top + (size_t)n)
		p->top = p->sel - (size_t)n + 1;
	if (!p->rows.len) {
		ui_text_newline(t);
		ui_text_pad(t, UI_R_TEXT, 0, 3);
		ui_text_adds(t, UI_R_DIM, 0,
			     "No scenario of this kind: tab shows another.");
	}
	for (int k = 0; k < n && p->top + (size_t)k < p->rows.len; k++) {
		size_t i = p->top + (size_t)k;

		row_line(t, vec_at(&p->rows, i), i == p->sel, tw, v->cols);
	}
	while (ui_view_used(v) < v->rows - 2)
		ui_text_newline(t);
	ui_view_rule(v, NULL, UI_R_RULE, NULL);
	ui_view_hints(v, h, sizeof(h) / sizeof(h[0]));
	ui_view_end(v);
}
