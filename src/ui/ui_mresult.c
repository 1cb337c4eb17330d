/* A mock's result: state, keys, handler and view. */
#include "ui/ui_mresult.h"

#include <stdio.h>
#include <string.h>

#include "core/xmalloc.h"
#include "ui/ui_keys.h"

static const struct ui_binding result_bindings[] = {
	{ 'r', MRESULT_A_REPORT, "write the report to send a mentor" },
	{ 'd', MRESULT_A_DRILL,
	  "drill with the focus criteria's cards first (or the weakest's)" },
	UI_SCROLL_KEYS,
	UI_HELP_KEYS,
	{ UI_KEY_ENTER, UI_A_BACK, "home" },
	{ 'q', UI_A_BACK, NULL },
	{ UI_KEY_ESC, UI_A_BACK, NULL },
};

const struct ui_keymap mresult_keys = UI_KEYMAP("mock interview, result",
						result_bindings);

void mresult_init(struct mresult *r, const char *title, double pct,
		  const char *band)
{
	memset(r, 0, sizeof(*r));
	r->title = xstrdup(title);
	r->pct = pct;
	r->band = xstrdup(band ? band : "");
	vec_init(&r->crits, sizeof(struct mresult_crit));
	vec_init(&r->missed, sizeof(char *));
	vec_init(&r->flags, sizeof(char *));
	vec_init(&r->phases, sizeof(struct mresult_phase));
}

static void strings_release(struct vec *v)
{
	for (size_t i = 0; i < v->len; i++)
		xfree(*(char **)vec_at(v, i));
	vec_release(v);
}

void mresult_release(struct mresult *r)
{
	for (size_t i = 0; i < r->crits.len; i++)
		xfree(((struct mresult_crit *)vec_at(&r->crits, i))->name);
	vec_release(&r->crits);
	strings_release(&r->missed);
	strings_release(&r->flags);
	vec_release(&r->phases);
	xfree(r->title);
	xfree(r->band);
	xfree(r->weak);
	xfree(r->status);
	memset(r, 0, sizeof(*r));
}

struct mresult_crit *mresult_add_crit(struct mresult *r, const char *name,
				      int score, double avg5)
{
	struct mresult_crit *c = vec_push(&r->crits);

	c->name = xstrdup(name);
	c->score = score;
	c->avg5 = avg5;
	return c;
}

void mresult_add_missed(struct mresult *r, const char *label)
{
	*(char **)vec_push(&r->missed) = xstrdup(label);
}

void mresult_add_flag(struct mresult *r, const char *label)
{
	*(char **)vec_push(&r->flags) = xstrdup(label);
}

void mresult_add_phase(struct mresult *r, int64_t used_ms,
		       int64_t planned_ms)
{
	struct mresult_phase *p = vec_push(&r->phases);

	p->used_ms = used_ms;
	p->planned_ms = planned_ms;
}

void mresult_set_status(struct mresult *r, const char *msg)
{
	xfree(r->status);
	r->status = msg ? xstrdup(msg) : NULL;
}

int mresult_handle(struct mresult *r, int act, int64_t now_ms)
{
	int step = ui_scroll_step(act, r->body_rows > 2 ? r->body_rows - 1 : 1);

	(void)now_ms;
	r->req = MRESULT_REQ_NONE;
	if (step) {
		r->scroll += step;
		return UI_REDRAW;
	}
	switch (act) {
	case MRESULT_A_REPORT:
		r->req = MRESULT_REQ_REPORT;
		return UI_SAVE | UI_REDRAW;
	case MRESULT_A_DRILL:
		if (!r->weak) {
			mresult_set_status(r, "no cards are tagged for the "
					   "weakest criteria");
			return UI_REDRAW;
		}
		r->req = MRESULT_REQ_DRILL;
		return UI_SAVE | UI_REDRAW;
	case UI_A_BACK:
		return UI_QUIT;
	default:
		return 0;
	}
}

/* ---- View -------------------------------------------------------------- */

static void crit_table(const struct mresult *r, struct ui_text *t, int w)
{
	const struct ui_glyphs *g = ui_glyphs();
	int nw = w - 8 - 13 - 2 - MRESULT_TREND - 2;

	if (nw > 40)
		nw = 40;
	ui_text_newline(t);
	ui_text_pad(t, UI_R_TEXT, 0, 2);
	ui_text_fit(t, UI_R_DIM, 0, "criterion", 9, nw, UI_LEFT);
	ui_text_fit(t, UI_R_DIM, 0, "score", 5, 8, UI_RIGHT);
	ui_text_fit(t, UI_R_DIM, 0, "last 5 avg", 10, 13, UI_RIGHT);
	ui_text_pad(t, UI_R_TEXT, 0, 3);
	ui_text_adds(t, UI_R_DIM, 0, "trend");
	for (size_t i = 0; i < r->crits.len; i++) {
		const struct mresult_crit *c = vec_at(&r->crits, i);
		char s[16];
		enum ui_role role = c->avg5 < 0 || c->score >= c->avg5
					    ? UI_R_TEXT : UI_R_MISS;

		ui_text_newline(t);
		ui_text_pad(t, UI_R_TEXT, 0, 2);
		ui_text_fit(t, UI_R_TEXT, 0, c->name, strlen(c->name), nw,
			    UI_LEFT);
		snprintf(s, sizeof(s), "%d", c->score);
		ui_text_fit(t, role, UI_BOLD, s, strlen(s), 8, UI_RIGHT);
		if (c->avg5 < 0)
			snprintf(s, sizeof(s), "-");
		else
			snprintf(s, sizeof(s), "%.1f", c->avg5);
		ui_text_fit(t, UI_R_DIM, 0, s, strlen(s), 13, UI_RIGHT);
		ui_text_pad(t, UI_R_TEXT, 0, 3);
		for (size_t k = 0; k < c->n_trend; k++) {
			int sc = c->trend[k];

			if (sc >= 1 && sc <= 4)
				ui_text_adds(t, k + 1 == c->n_trend
						     ? UI_R_BAR : UI_R_MARK,
					     0, g->spark[sc - 1]);
		}
	}
}

/* "label: a, b, c" wrapped under a hanging indent. */
static void list_line(struct ui_text *t, int w, const char *head,
		      const struct vec *items, enum ui_role role)
{
	struct ui_wrap wr;

	ui_wrap_begin(&wr, t, w, NULL, "    ", UI_R_DIM);
	ui_wrap_add(&wr, UI_R_DIM, 0, head, strlen(head));
	for (size_t i = 0; i < items->len; i++) {
		const char *s = *(char **)vec_at(items, i);

		if (i)
			ui_wrap_add(&wr, UI_R_DIM, 0, ", ", 2);
		ui_wrap_add(&wr, role, 0, s, strlen(s));
	}
	ui_wrap_end(&wr);
}

static void phases_line(const struct mresult *r, struct ui_text *t, int w)
{
	struct ui_wrap wr;

	ui_wrap_begin(&wr, t, w, NULL, "    ", UI_R_DIM);
	ui_wrap_add(&wr, UI_R_DIM, 0, "time per phase: ", 16);
	for (size_t i = 0; i < r->phases.len; i++) {
		const struct mresult_phase *p = vec_at(&r->phases, i);
		char u[16], pl[16], s[40];

		ui_format_duration(p->used_ms, u);
		ui_format_duration(p->planned_ms, pl);
		if (i) {
			ui_wrap_add(&wr, UI_R_DIM, 0, " ", 1);
			ui_wrap_add(&wr, UI_R_DIM, 0, ui_glyphs()->dot,
				    strlen(ui_glyphs()->dot));
			ui_wrap_add(&wr, UI_R_DIM, 0, " ", 1);
		}
		snprintf(s, sizeof(s), "%s of %s", u, pl);
		ui_wrap_add(&wr, p->used_ms > p->planned_ms ? UI_R_HARD
							    : UI_R_TEXT,
			    0, s, strlen(s));
	}
	ui_wrap_end(&wr);
}

static void body(const struct mresult *r, struct ui_text *t, int w)
{
	char s[160];

	crit_table(r, t, w);
	ui_rule_text(t, w + 1, NULL, UI_R_RULE, NULL);
	ui_text_newline(t);
	snprintf(s, sizeof(s), "key points covered %zu of %zu", r->covered,
		 r->total);
	ui_text_adds(t, UI_R_TEXT, 0, s);
	if (r->missed.len)
		list_line(t, w, "missed: ", &r->missed, UI_R_MISS);
	if (r->flags.len)
		list_line(t, w, "red flags: ", &r->flags, UI_R_ERROR);
	phases_line(r, t, w);
	ui_text_newline(t);
	snprintf(s, sizeof(s), "hints used %ld   follow-ups asked %ld   "
		 "questions asked %ld, answered %ld", r->hints, r->followups,
		 r->questions, r->answered);
	ui_text_adds(t, UI_R_TEXT, 0, s);
}

void mresult_view(struct mresult *r, struct ui_view *v)
{
	struct ui_text b;
	char right[64];
	int n;
	static const struct ui_hint h[] = {
		{ "r", "report", 0 },
		{ "d", "drill weak cards", 0 },
		{ "enter", "home", 0 },
		{ "?", "keys", 0 },
	};

	snprintf(right, sizeof(right), "score %.0f%% · %s", r->pct, r->band);
	ui_view_title(v, r->title, right);
	ui_view_rule(v, NULL, UI_R_RULE, NULL);
	ui_text_init(&b);
	body(r, &b, v->cols - 3);
	n = v->rows - ui_view_used(v) - 2;
	r->body_rows = n;
	if (r->scroll > (int)ui_text_n_lines(&b) - n)
		r->scroll = (int)ui_text_n_lines(&b) - n;
	if (r->scroll < 0)
		r->scroll = 0;
	ui_view_body(v, &b, (size_t)r->scroll, n, 1);
	ui_text_release(&b);
	ui_view_rule(v, r->status, UI_R_HARD, NULL);
	ui_view_hints(v, h, sizeof(h) / sizeof(h[0]));
	ui_view_end(v);
}
