/* Rubric self-scoring: state, keys, handler and view. */
#include "ui/ui_mscore.h"

#include <stdio.h>
#include <string.h>

#include "core/xmalloc.h"
#include "ui/ui_keys.h"

static const struct ui_binding score_bindings[] = {
	{ '1', MSCORE_A_1, "score 1" },
	{ '2', MSCORE_A_2, "score 2" },
	{ '3', MSCORE_A_3, "score 3" },
	{ '4', MSCORE_A_4, "score 4" },
	{ UI_KEY_RIGHT, MSCORE_A_NEXT, "next criterion" },
	{ '\t', MSCORE_A_NEXT, NULL },
	{ 'l', MSCORE_A_NEXT, NULL },
	{ UI_KEY_LEFT, MSCORE_A_PREV, "previous criterion" },
	{ 'h', MSCORE_A_PREV, NULL },
	{ 'c', MSCORE_A_COMMENT, "write a one-line comment" },
	{ UI_KEY_ENTER, MSCORE_A_CONFIRM, "confirm and save every score" },
	UI_SCROLL_KEYS,
	UI_HELP_KEYS,
	{ 'q', UI_A_BACK, "leave without saving; score later" },
};

static const struct ui_binding comment_bindings[] = {
	{ UI_KEY_ENTER, UI_A_SUBMIT, "keep the comment" },
	{ UI_KEY_ESC, UI_A_CANCEL, "put the comment back as it was" },
	UI_EDIT_KEYS,
	{ UI_KEY_F1, UI_A_HELP, "these keys" },
};

static const struct ui_binding caps_bindings[] = {
	{ '1', MSCORE_A_CAP, "mark red-flag signal 1 as seen, or not "
			     "(2-9: the others)" },
	{ '2', MSCORE_A_CAP + 1, NULL },
	{ '3', MSCORE_A_CAP + 2, NULL },
	{ '4', MSCORE_A_CAP + 3, NULL },
	{ '5', MSCORE_A_CAP + 4, NULL },
	{ '6', MSCORE_A_CAP + 5, NULL },
	{ '7', MSCORE_A_CAP + 6, NULL },
	{ '8', MSCORE_A_CAP + 7, NULL },
	{ '9', MSCORE_A_CAP + 8, NULL },
	{ UI_KEY_ENTER, MSCORE_A_CONFIRM, "confirm and save every score" },
	{ UI_KEY_LEFT, MSCORE_A_PREV, "back to the criteria" },
	{ UI_KEY_ESC, MSCORE_A_PREV, NULL },
	UI_HELP_KEYS,
	{ 'q', UI_A_BACK, "leave without saving; score later" },
};

static const struct ui_binding confirm_bindings[] = {
	{ 'y', MSCORE_A_YES, "save the scores" },
	{ UI_KEY_ENTER, MSCORE_A_YES, NULL },
	{ 'n', MSCORE_A_NO, "not yet" },
	{ UI_KEY_ESC, MSCORE_A_NO, NULL },
	{ UI_KEY_F1, UI_A_HELP, "these keys" },
};

const struct ui_keymap mscore_keys = UI_KEYMAP("rubric scoring",
					       score_bindings);
const struct ui_keymap mscore_comment_keys = UI_TEXT_KEYMAP(
	"rubric scoring, comment", comment_bindings);
const struct ui_keymap mscore_confirm_keys = UI_KEYMAP(
	"rubric scoring, saving", confirm_bindings);
const struct ui_keymap mscore_caps_keys = UI_KEYMAP(
	"rubric scoring, red-flag signals", caps_bindings);

void mscore_init(struct mscore *s, const char *title)
{
	memset(s, 0, sizeof(*s));
	s->title = xstrdup(title);
	vec_init(&s->crits, sizeof(struct mscore_crit));
	vec_init(&s->caps, sizeof(struct mscore_cap));
}

void mscore_add_cap(struct mscore *s, const char *label, double max)
{
	struct mscore_cap *c = vec_push(&s->caps);

	c->label = xstrdup(label);
	c->max = max;
	c->on = 0;
}

void mscore_release(struct mscore *s)
{
	for (size_t i = 0; i < s->crits.len; i++) {
		struct mscore_crit *c = mscore_crit(s, i);

		xfree(c->name);
		for (int k = 0; k < 4; k++)
			xfree(c->levels[k]);
		for (int k = 0; k < 3; k++)
			xfree(c->guidance[k]);
		ui_input_release(&c->comment);
		for (size_t e = 0; e < c->evidence.len; e++)
			xfree(((struct mscore_ev *)vec_at(&c->evidence, e))
				      ->text);
		vec_release(&c->evidence);
	}
	vec_release(&s->crits);
	for (size_t i = 0; i < s->caps.len; i++)
		xfree(((struct mscore_cap *)vec_at(&s->caps, i))->label);
	vec_release(&s->caps);
	xfree(s->title);
	xfree(s->comment_before);
	xfree(s->status);
	memset(s, 0, sizeof(*s));
}

struct mscore_crit *mscore_crit(const struct mscore *s, size_t i)
{
	return vec_at(&s->crits, i);
}

struct mscore_crit *mscore_add(struct mscore *s, const char *name,
			       double weight, const char *const levels[4])
{
	struct mscore_crit *c = vec_push(&s->crits);

	c->name = xstrdup(name);
	c->weight = weight;
	for (int k = 0; k < 4; k++)
		c->levels[k] = xstrdup(levels[k] ? levels[k] : "");
	ui_input_init(&c->comment);
	c->comment.max = 500;
	vec_init(&c->evidence, sizeof(struct mscore_ev));
	return c;
}

void mscore_set_guidance(struct mscore_crit *c, const char *const g[3])
{
	for (int k = 0; k < 3; k++) {
		xfree(c->guidance[k]);
		c->guidance[k] = g[k] ? xstrdup(g[k]) : NULL;
	}
}

void mscore_add_evidence(struct mscore_crit *c, enum mscore_evidence kind,
			 const char *text)
{
	struct mscore_ev *e = vec_push(&c->evidence);

	e->kind = kind;
	e->text = xstrdup(text);
}

const struct ui_keymap *mscore_keymap(const struct mscore *s)
{
	if (s->editing)
		return &mscore_comment_keys;
	if (s->confirming)
		return &mscore_confirm_keys;
	return s->caps_open ? &mscore_caps_keys : &mscore_keys;
}

static void set_status(struct mscore *s, const char *msg)
{
	xfree(s->status);
	s->status = msg ? xstrdup(msg) : NULL;
}

static int move_to(struct mscore *s, size_t i)
{
	if (i >= s->crits.len || i == s->cur)
		return 0;
	s->cur = i;
	s->scroll = 0;
	return UI_REDRAW;
}

static int comment_key(struct mscore *s, int act, uint32_t cp)
{
	struct mscore_crit *c = mscore_crit(s, s->cur);

	if (act == UI_A_SUBMIT || act == UI_A_CANCEL) {
		if (act == UI_A_CANCEL)
			ui_input_set(&c->comment, s->comment_before);
		s->editing = 0;
		return UI_REDRAW;
	}
	return ui_input_edit(&c->comment, act, cp) ? UI_REDRAW : 0;
}

/* Enter: every criterion scored asks to save; else go to the first not. */
static int confirm(struct mscore *s)
{
	size_t done = 0, first = s->crits.len;
	char msg[80];

	for (size_t i = 0; i < s->crits.len; i++) {
		if (mscore_crit(s, i)->score)
			done++;
		else if (first == s->crits.len)
			first = i;
	}
	if (done == s->crits.len) {
		/* The red-flag signals come before saving, once seen. */
		if (s->caps.len && !s->caps_open)
			s->caps_open = 1;
		else
			s->confirming = 1;
		return UI_REDRAW;
	}
	snprintf(msg, sizeof(msg), "%zu of %zu criteria scored: score this "
		 "one with 1-4", done, s->crits.len);
	set_status(s, msg);
	move_to(s, first);
	return UI_REDRAW;
}

static int caps_key(struct mscore *s, int act)
{
	size_t k = (size_t)(act - MSCORE_A_CAP);

	if (act == MSCORE_A_PREV) {
		s->caps_open = 0;
		return UI_REDRAW;
	}
	if (act == MSCORE_A_CONFIRM)
		return confirm(s);
	if (act == UI_A_BACK)
		return UI_QUIT;
	if (act < MSCORE_A_CAP || act > MSCORE_A_CAP_LAST)
		return 0;
	if (k >= s->caps.len) {
		set_status(s, "no such signal");
		return UI_REDRAW;
	}
	((struct mscore_cap *)vec_at(&s->caps, k))->on ^= 1;
	return UI_REDRAW;
}

int mscore_handle(struct mscore *s, int act, uint32_t cp, int64_t now_ms)
{
	int step = ui_scroll_step(act, s->body_rows > 2 ? s->body_rows - 1 : 1);
	int fx = 0;

	(void)now_ms;
	if (s->editing)
		return comment_key(s, act, cp);
	if (s->confirming) {
		s->confirming = 0;
		return act == MSCORE_A_YES ? UI_SAVE | UI_REDRAW : UI_REDRAW;
	}
	if (s->status) {
		set_status(s, NULL);
		fx = UI_REDRAW;
	}
	if (s->caps_open)
		return fx | caps_key(s, act);
	if (step) {
		s->scroll += step;
		return UI_REDRAW;
	}
	switch (act) {
	case MSCORE_A_1:
	case MSCORE_A_2:
	case MSCORE_A_3:
	case MSCORE_A_4:
		mscore_crit(s, s->cur)->score = act - MSCORE_A_1 + 1;
		return UI_REDRAW;
	case MSCORE_A_NEXT:
		return fx | move_to(s, s->cur + 1);
	case MSCORE_A_PREV:
		return s->cur ? fx | move_to(s, s->cur - 1) : fx;
	case MSCORE_A_COMMENT:
		xfree(s->comment_before);
		s->comment_before = xstrdup(mscore_crit(s, s->cur)->comment.text.s);
		s->editing = 1;
		return UI_REDRAW;
	case MSCORE_A_CONFIRM:
		return confirm(s);
	case UI_A_BACK:
		return UI_QUIT;
	default:
		return fx;
	}
}

/* ---- View -------------------------------------------------------------- */

/* Wide terminals: every criterion in a table, the current one marked. */
static void table(const struct mscore *s, struct ui_text *t, int w)
{
	int nw = w - 4 - 8 - 7 - 2 - 30;

	if (nw > 40)
		nw = 40;
	ui_text_newline(t);
	ui_text_pad(t, UI_R_TEXT, 0, 2);
	ui_text_fit(t, UI_R_DIM, 0, "criterion", 9, nw, UI_LEFT);
	ui_text_fit(t, UI_R_DIM, 0, "weight", 6, 8, UI_RIGHT);
	ui_text_fit(t, UI_R_DIM, 0, "score", 5, 7, UI_RIGHT);
	ui_text_pad(t, UI_R_TEXT, 0, 2);
	ui_text_adds(t, UI_R_DIM, 0, "comment");
	for (size_t i = 0; i < s->crits.len; i++) {
		const struct mscore_crit *c = mscore_crit(s, i);
		int cur = i == s->cur;
		enum ui_role role = cur ? UI_R_SELECTED : UI_R_TEXT;
		char num[16];

		ui_text_newline(t);
		if (cur)
			ui_text_adds(t, UI_R_SELECTED, 0, ui_glyphs()->select);
		else
			ui_text_pad(t, UI_R_TEXT, 0, 1);
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		ui_text_fit(t, role, 0, c->name, strlen(c->name), nw, UI_LEFT);
		snprintf(num, sizeof(num), "%g", c->weight);
		ui_text_fit(t, UI_R_DIM, 0, num, strlen(num), 8, UI_RIGHT);
		snprintf(num, sizeof(num), "%s", c->score ? "" : "-");
		if (c->score)
			snprintf(num, sizeof(num), "%d", c->score);
		ui_text_fit(t, role, 0, num, strlen(num), 7, UI_RIGHT);
		ui_text_pad(t, UI_R_TEXT, 0, 2);
		ui_text_fit(t, UI_R_DIM, 0, c->comment.text.s,
			    c->comment.text.len, w - nw - 19, UI_LEFT);
	}
	ui_text_newline(t);
}

static void levels(const struct mscore_crit *c, struct ui_text *t, int w)
{
	for (int k = 0; k < 4; k++) {
		int chosen = c->score == k + 1;
		char first[16];
		struct ui_wrap wr;

		snprintf(first, sizeof(first), "%s %d  ",
			 chosen ? ui_glyphs()->select : " ", k + 1);
		ui_wrap_begin(&wr, t, w, first, "     ",
			      chosen ? UI_R_SELECTED : UI_R_KEY);
		ui_wrap_add(&wr, chosen ? UI_R_SELECTED : UI_R_TEXT,
			    chosen ? UI_BOLD : 0, c->levels[k],
			    strlen(c->levels[k]));
		ui_wrap_end(&wr);
	}
}

/* The bar at each TPM level: what a strong answer looks like there. */
static void guidance(const struct mscore_crit *c, struct ui_text *t, int w)
{
	static const char *const heads[3] = { "  senior     ", "  staff      ",
					      "  principal  " };

	if (!c->guidance[0] && !c->guidance[1] && !c->guidance[2])
		return;
	ui_rule_text(t, w + 1, "the bar by level", UI_R_DIM, NULL);
	for (int k = 0; k < 3; k++) {
		struct ui_wrap wr;

		if (!c->guidance[k])
			continue;
		ui_wrap_begin(&wr, t, w, heads[k], "             ", UI_R_DIM);
		ui_wrap_add(&wr, UI_R_TEXT, 0, c->guidance[k],
			    strlen(c->guidance[k]));
		ui_wrap_end(&wr);
	}
}

static void evidence(const struct mscore_crit *c, struct ui_text *t, int w)
{
	const struct ui_glyphs *g = ui_glyphs();

	if (!c->evidence.len)
		return;
	ui_rule_text(t, w + 1, "evidence from the session", UI_R_DIM, NULL);
	for (size_t i = 0; i < c->evidence.len; i++) {
		const struct mscore_ev *e = vec_at(&c->evidence, i);
		static const enum ui_role roles[] = { UI_R_OK, UI_R_MISS,
						      UI_R_ERROR, UI_R_MARK };
		const char *mark = e->kind == MSCORE_EV_COVERED ? g->check
				   : e->kind == MSCORE_EV_MISSED ? g->cross
				   : e->kind == MSCORE_EV_FLAG	  ? g->warn
								  : "?";

		ui_text_newline(t);
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		ui_text_adds(t, roles[e->kind], 0, mark);
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		ui_text_fit(t, UI_R_TEXT, 0, e->text, strlen(e->text), w - 4,
			    UI_LEFT);
	}
}

static void footer(struct mscore *s, struct ui_view *v)
{
	static const struct ui_hint keys[] = {
		{ "1-4", "score", 0 },
		{ "←/→", "criterion", 0 },
		{ "c", "comment", 0 },
		{ "enter", "confirm", 0 },
		{ "q", "later", 0 },
		{ "?", "keys", 0 },
	};
	static const struct ui_hint edit[] = {
		{ "enter", "keep", 0 },
		{ "esc", "put back", 0 },
		{ "F1", "keys", 0 },
	};
	static const struct ui_hint yesno[] = {
		{ "y", "save the scores", 0 },
		{ "n", "not yet", 0 },
		{ "F1", "keys", 0 },
	};

	if (s->confirming)
		ui_view_rule(v, "save these scores?", UI_R_ERROR, NULL);
	else
		ui_view_rule(v, s->status, UI_R_HARD, NULL);
	static const struct ui_hint caps[] = {
		{ "1-9", "seen or not", 0 },
		{ "←", "criteria", 0 },
		{ "enter", "confirm", 0 },
		{ "q", "later", 0 },
		{ "?", "keys", 0 },
	};

	if (s->editing)
		ui_view_hints(v, edit, 3);
	else if (s->confirming)
		ui_view_hints(v, yesno, 3);
	else if (s->caps_open)
		ui_view_hints(v, caps, sizeof(caps) / sizeof(caps[0]));
	else
		ui_view_hints(v, keys, sizeof(keys) / sizeof(keys[0]));
}

/* The red-flag page: each signal, ticked when seen, and what it caps. */
static void caps_view(struct mscore *s, struct ui_view *v)
{
	struct ui_text body;
	char left[256];

	snprintf(left, sizeof(left), "rubric · %s · red-flag signals",
		 s->title);
	ui_view_title(v, left, NULL);
	ui_view_rule(v, NULL, UI_R_RULE, NULL);
	ui_text_init(&body);
	ui_text_newline(&body);
	ui_text_adds(&body, UI_R_TEXT, 0, "Did any of these happen? Each one "
		     "caps the result, whatever the sum.");
	ui_text_newline(&body);
	for (size_t i = 0; i < s->caps.len; i++) {
		const struct mscore_cap *c = vec_at(&s->caps, i);

		ui_text_newline(&body);
		ui_text_addf(&body, UI_R_KEY, UI_BOLD, " %zu ", i + 1);
		ui_text_adds(&body, c->on ? UI_R_ERROR : UI_R_DIM,
			     c->on ? UI_BOLD : 0, c->on ? "[x] " : "[ ] ");
		ui_text_fit(&body, UI_R_TEXT, 0, c->label, strlen(c->label),
			    v->cols - 40, UI_LEFT);
		ui_text_addf(&body, UI_R_DIM, 0, "  at most %.0f%%", c->max);
	}
	ui_view_body(v, &body, 0, v->rows - ui_view_used(v) - 3, 1);
	ui_text_release(&body);
	footer(s, v);
	ui_view_end(v);
}

void mscore_view(struct mscore *s, struct ui_view *v)
{
	struct mscore_crit *c = s->crits.len ? mscore_crit(s, s->cur) : NULL;
	struct ui_text body, *t = &v->text;
	char left[256], right[32];
	int w = v->cols - 3, n, crow = 0, ccol = 0;

	if (!c) {
		ui_view_end(v);
		return;
	}
	if (s->caps_open) {
		caps_view(s, v);
		return;
	}
	snprintf(left, sizeof(left), "rubric · %s · %zu of %zu · %s", s->title,
		 s->cur + 1, s->crits.len, c->name);
	snprintf(right, sizeof(right), "weight %g", c->weight);
	ui_view_title(v, left, right);
	ui_view_rule(v, NULL, UI_R_RULE, NULL);
	ui_text_init(&body);
	if (v->cols >= 110)
		table(s, &body, w);
	levels(c, &body, ui_text_width(v->cols, 1));
	evidence(c, &body, w);
	guidance(c, &body, ui_text_width(v->cols, 1));
	/* The body scrolls; the comment line stays above the keys. */
	n = v->rows - ui_view_used(v) - 4;
	s->body_rows = n;
	if (s->scroll > (int)ui_text_n_lines(&body) - n)
		s->scroll = (int)ui_text_n_lines(&body) - n;
	if (s->scroll < 0)
		s->scroll = 0;
	ui_view_body(v, &body, (size_t)s->scroll, n, 1);
	ui_text_release(&body);
	ui_view_rule(v, NULL, UI_R_RULE, NULL);
	ui_text_init(&body);
	ui_input_view(&c->comment, &body, v->cols - 3, "comment: ", &crow,
		      &ccol);
	ui_text_newline(t);
	ui_text_pad(t, UI_R_TEXT, 0, 3);
	/* The comment's last row: where one types. */
	ui_text_append_line(t, &body, (size_t)crow);
	if (s->editing) {
		v->cursor_row = ui_view_used(v) - 1;
		v->cursor_col = 3 + ccol;
	}
	ui_text_release(&body);
	footer(s, v);
	ui_view_end(v);
}
