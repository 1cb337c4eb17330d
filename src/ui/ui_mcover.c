/* The coverage screen: state, keys, handler and view. */
#include "ui/ui_mcover.h"

#include <stdio.h>
#include <string.h>

#include "core/xmalloc.h"
#include "ui/ui_keys.h"

static const struct ui_binding cover_bindings[] = {
	{ UI_KEY_ENTER, MCOVER_A_SCORE, "score yourself on the rubric" },
	UI_SCROLL_KEYS,
	UI_HELP_KEYS,
	{ 'q', UI_A_BACK, "score later: the session waits on the home screen" },
};

const struct ui_keymap mcover_keys = UI_KEYMAP("mock interview, coverage",
					       cover_bindings);

void mcover_init(struct mcover *c, const char *title)
{
	memset(c, 0, sizeof(*c));
	c->title = xstrdup(title);
	vec_init(&c->phases, sizeof(char *));
	vec_init(&c->rows, sizeof(struct mcover_row));
}

void mcover_release(struct mcover *c)
{
	for (size_t i = 0; i < c->phases.len; i++)
		xfree(*(char **)vec_at(&c->phases, i));
	for (size_t i = 0; i < c->rows.len; i++) {
		struct mcover_row *r = vec_at(&c->rows, i);

		xfree(r->label);
		xfree(r->line);
	}
	vec_release(&c->phases);
	vec_release(&c->rows);
	xfree(c->title);
	memset(c, 0, sizeof(*c));
}

void mcover_add_phase(struct mcover *c, const char *name)
{
	*(char **)vec_push(&c->phases) = xstrdup(name);
}

void mcover_add(struct mcover *c, int phase, const char *label, int covered,
		int red_flag, int limit, const char *line)
{
	struct mcover_row *r = vec_push(&c->rows);

	r->phase = phase;
	r->label = xstrdup(label);
	r->covered = covered;
	r->red_flag = red_flag;
	r->limit = limit;
	r->line = line ? xstrdup(line) : NULL;
}

void mcover_counts(const struct mcover *c, size_t *covered, size_t *total,
		   size_t *flags)
{
	*covered = *total = *flags = 0;
	for (size_t i = 0; i < c->rows.len; i++) {
		const struct mcover_row *r = vec_at(&c->rows, i);

		if (r->red_flag) {
			*flags += r->covered != 0;
			continue;
		}
		(*total)++;
		*covered += r->covered != 0;
	}
}

int mcover_handle(struct mcover *c, int act, int64_t now_ms)
{
	int step = ui_scroll_step(act, c->body_rows > 2 ? c->body_rows - 1 : 1);

	(void)now_ms;
	if (step) {
		c->scroll += step;
		return UI_REDRAW;
	}
	if (act == MCOVER_A_SCORE)
		return UI_SAVE | UI_REDRAW;
	if (act == UI_A_BACK)
		return UI_QUIT;
	return 0;
}

/* "✓ label      the note line" */
static void point_line(struct ui_text *t, const struct mcover_row *r, int w)
{
	const struct ui_glyphs *g = ui_glyphs();
	int lw = w / 2 - 6 > 12 ? w / 2 - 6 : 12, flag = 0;
	const char *mark;
	enum ui_role role;

	if (r->red_flag) {
		mark = r->covered ? g->warn : g->dot;
		role = r->covered ? UI_R_ERROR : UI_R_DIM;
	} else {
		mark = r->covered ? g->check : g->cross;
		role = r->covered ? UI_R_OK : UI_R_MISS;
	}
	ui_text_newline(t);
	ui_text_pad(t, UI_R_TEXT, 0, 2);
	ui_text_adds(t, role, 0, mark);
	ui_text_pad(t, UI_R_TEXT, 0, 1);
	if (r->red_flag && r->covered) {
		ui_text_adds(t, UI_R_ERROR, 0, "red flag: ");
		flag = 10;
	}
	ui_text_fit(t, r->covered || !r->red_flag ? UI_R_TEXT : UI_R_DIM, 0,
		    r->label, strlen(r->label), lw - flag, UI_LEFT);
	ui_text_pad(t, UI_R_TEXT, 0, 2);
	if (r->line)
		ui_text_fit(t, UI_R_DIM, 0, r->line, strlen(r->line),
			    w - lw - 6, UI_LEFT);
	else if (r->limit)
		ui_text_adds(t, UI_R_ERROR, 0, "match limit reached");
	else if (!r->covered && !r->red_flag)
		ui_text_adds(t, UI_R_MISS, 0, "missed");
}

void mcover_view(struct mcover *c, struct ui_view *v)
{
	struct ui_text body;
	size_t covered, total, flags;
	char right[64];
	int w = v->cols - 2, n;
	static const struct ui_hint h[] = {
		{ "enter", "score the rubric", 0 },
		{ "q", "score later", 0 },
		{ "?", "keys", 0 },
	};

	mcover_counts(c, &covered, &total, &flags);
	if (flags)
		snprintf(right, sizeof(right), "%zu of %zu covered · %zu red "
			 "flag%s", covered, total, flags, flags == 1 ? "" : "s");
	else
		snprintf(right, sizeof(right), "%zu of %zu covered", covered,
			 total);
	ui_view_title(v, c->title, right);
	ui_view_rule(v, NULL, UI_R_RULE, NULL);
	ui_text_init(&body);
	for (size_t p = 0; p < c->phases.len; p++) {
		const char *name = *(char **)vec_at(&c->phases, p);

		ui_text_newline(&body);
		ui_text_addf(&body, UI_R_TITLE, UI_BOLD, "phase %zu · ", p + 1);
		ui_text_fit(&body, UI_R_TITLE, UI_BOLD, name, strlen(name),
			    w - 12, UI_LEFT);
		for (size_t i = 0; i < c->rows.len; i++) {
			const struct mcover_row *r = vec_at(&c->rows, i);

			if ((size_t)r->phase == p)
				point_line(&body, r, w - 1);
		}
	}
	n = v->rows - ui_view_used(v) - 2;
	c->body_rows = n;
	if (c->scroll > (int)ui_text_n_lines(&body) - n)
		c->scroll = (int)ui_text_n_lines(&body) - n;
	if (c->scroll < 0)
		c->scroll = 0;
	ui_view_body(v, &body, (size_t)c->scroll, n, 1);
	ui_text_release(&body);
	ui_view_rule(v, NULL, UI_R_RULE, NULL);
	ui_view_hints(v, h, sizeof(h) / sizeof(h[0]));
	ui_view_end(v);
}
