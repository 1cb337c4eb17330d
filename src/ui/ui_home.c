#include "ui/ui_home.h"

#include <stdio.h>
#include <string.h>

#include "core/xmalloc.h"
#include "ui/ui_keys.h"

void home_init(struct home *h)
{
	memset(h, 0, sizeof(*h));
	vec_init(&h->decks, sizeof(struct home_row));
	vec_init(&h->tags, sizeof(struct home_row));
}

static void rows_release(struct vec *rows)
{
	for (size_t i = 0; i < rows->len; i++) {
		struct home_row *r = vec_at(rows, i);

		xfree(r->id);
		xfree(r->label);
	}
	rows->len = 0;
}

void home_clear_rows(struct home *h)
{
	rows_release(&h->decks);
	rows_release(&h->tags);
	h->req_deck = h->req_tag = NULL;
}

void home_release(struct home *h)
{
	home_clear_rows(h);
	vec_release(&h->decks);
	vec_release(&h->tags);
	xfree(h->date);
	xfree(h->next_mock);
	xfree(h->resume);
	xfree(h->left_out);
	xfree(h->focus);
	xfree(h->status);
	memset(h, 0, sizeof(*h));
}

struct home_row *home_add_row(struct home *h, int tag, const char *id,
			      const char *label)
{
	struct home_row *r = vec_push(tag ? &h->tags : &h->decks);

	r->id = id ? xstrdup(id) : NULL;
	r->label = xstrdup(label);
	return r;
}

void home_set(char **field, const char *s)
{
	xfree(*field);
	*field = s ? xstrdup(s) : NULL;
}

void home_set_status(struct home *h, const char *msg, int error)
{
	home_set(&h->status, msg);
	h->status_error = error;
}

/* ---- Keys -------------------------------------------------------------- */

static const struct ui_binding home_bindings[] = {
	UI_MOVE_KEYS,
	{ UI_KEY_ENTER, HOME_A_OPEN, "drill the selected decks" },
	{ ' ', HOME_A_OPEN, NULL },
	{ 't', HOME_A_TAGS, "choose a tag to drill" },
	{ 'm', HOME_A_MOCK, "choose a mock interview (the one due first)" },
	{ 'r', HOME_A_RESUME, "continue the unfinished mock interview" },
	{ 'f', HOME_A_FOCUS, "drill the focus criteria's cards first" },
	{ 'b', HOME_A_BROWSE, "browse all cards" },
	{ 's', HOME_A_STATS, "statistics" },
	{ 'S', HOME_A_STORIES, "your story bank: competencies by stories" },
	UI_HELP_KEYS,
	{ 'q', UI_A_QUIT, "quit" },
};

static const struct ui_binding home_tag_bindings[] = {
	UI_MOVE_KEYS,
	{ UI_KEY_ENTER, HOME_A_OPEN, "drill the cards with the selected tag" },
	{ ' ', HOME_A_OPEN, NULL },
	{ 't', UI_A_BACK, "back to the decks" },
	{ UI_KEY_ESC, UI_A_BACK, NULL },
	UI_HELP_KEYS,
	{ 'q', UI_A_QUIT, "quit" },
};

const struct ui_keymap home_keys = UI_KEYMAP("home", home_bindings);
const struct ui_keymap home_tag_keys = UI_KEYMAP("home, tags",
						 home_tag_bindings);

const struct ui_keymap *home_keymap(const struct home *h)
{
	return h->tags_mode ? &home_tag_keys : &home_keys;
}

static const struct vec *rows_of(const struct home *h)
{
	return h->tags_mode ? &h->tags : &h->decks;
}

int home_handle(struct home *h, int a, int64_t now_ms)
{
	long page = h->rows_shown > 1 ? h->rows_shown - 1 : 1;
	int fx = 0, moved;

	(void)now_ms;
	if (h->status) {
		home_set_status(h, NULL, 0);
		fx = UI_REDRAW;
	}
	h->req = HOME_REQ_NONE;
	moved = ui_list_move(&h->sel[h->tags_mode], rows_of(h)->len, page, a);
	if (moved >= 0)
		return fx | moved;
	switch (a) {
	case HOME_A_OPEN: {
		const struct vec *rows = rows_of(h);
		const struct home_row *r;

		if (!rows->len)
			return fx;
		r = vec_at(rows, h->sel[h->tags_mode]);
		h->req = HOME_REQ_DRILL;
		h->req_deck = h->tags_mode ? NULL : r->id;
		h->req_tag = h->tags_mode ? r->id : NULL;
		return fx | UI_SAVE | UI_REDRAW;
	}
	case HOME_A_TAGS:
		if (!h->tags.len) {
			home_set_status(h, "no deck or card has tags", 0);
			return UI_REDRAW;
		}
		h->tags_mode = !h->tags_mode;
		return UI_REDRAW;
	case UI_A_BACK:
		if (!h->tags_mode)
			return fx;
		h->tags_mode = 0;
		return UI_REDRAW;
	case HOME_A_RESUME:
		if (!h->resume) {
			home_set_status(h, "no unfinished mock interview", 0);
			return UI_REDRAW;
		}
		h->req = HOME_REQ_RESUME;
		return fx | UI_SAVE | UI_REDRAW;
	case HOME_A_MOCK:
		h->req = HOME_REQ_MOCK;
		return fx | UI_SAVE | UI_REDRAW;
	case HOME_A_FOCUS:
		h->req = HOME_REQ_FOCUS;
		return fx | UI_SAVE | UI_REDRAW;
	case HOME_A_BROWSE:
		h->req = HOME_REQ_BROWSE;
		return fx | UI_SAVE | UI_REDRAW;
	case HOME_A_STATS:
		h->req = HOME_REQ_STATS;
		return fx | UI_SAVE | UI_REDRAW;
	case HOME_A_STORIES:
		h->req = HOME_REQ_STORIES;
		return fx | UI_SAVE | UI_REDRAW;
	case UI_A_QUIT:
		return UI_QUIT;
	default:
		return fx;
	}
}

/* Width of the name column: the longest label, within limits. */
static int name_width(const struct vec *rows, int cols)
{
	int w = 16;

	for (size_t i = 0; i < rows->len; i++) {
		const struct home_row *r = vec_at(rows, i);
		int lw = ui_str_width(r->label, strlen(r->label)) + 2;

		if (lw > w)
			w = lw;
	}
	if (w > cols - 22)
		w = cols - 22;
	return w;
}

static void count_cell(struct ui_text *t, long n, int width, int selected)
{
	char s[24];

	snprintf(s, sizeof(s), "%ld", n);
	ui_text_fit(t, selected ? UI_R_SELECTED : n ? UI_R_TEXT : UI_R_DIM, 0,
		    s, strlen(s), width, UI_RIGHT);
}

static void table(struct home *h, struct ui_view *v, int n_rows)
{
	const struct vec *rows = rows_of(h);
	size_t sel = h->sel[h->tags_mode], *top = &h->top[h->tags_mode];
	int nw = name_width(rows, v->cols);
	struct ui_text *t = &v->text;

	if (sel < *top)
		*top = sel;
	if (n_rows > 0 && sel >= *top + (size_t)n_rows)
		*top = sel - (size_t)n_rows + 1;
	ui_text_newline(t);
	ui_text_pad(t, UI_R_TEXT, 0, 3);
	ui_text_fit(t, UI_R_DIM, 0, h->tags_mode ? "tag" : "deck",
		    h->tags_mode ? 3 : 4, nw, UI_LEFT);
	ui_text_fit(t, UI_R_DIM, 0, "new", 3, 5, UI_RIGHT);
	ui_text_fit(t, UI_R_DIM, 0, "learn", 5, 7, UI_RIGHT);
	ui_text_fit(t, UI_R_DIM, 0, "due", 3, 6, UI_RIGHT);
	for (int k = 0; k < n_rows; k++) {
		size_t i = *top + (size_t)k;
		const struct home_row *r;
		int s;

		ui_text_newline(t);
		if (i >= rows->len)
			continue;
		r = vec_at(rows, i);
		s = i == sel;
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		if (s)
			ui_text_adds(t, UI_R_SELECTED, 0, ui_glyphs()->select);
		else
			ui_text_pad(t, UI_R_TEXT, 0, 1);
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		ui_text_fit(t, s ? UI_R_SELECTED : UI_R_TEXT, 0, r->label,
			    strlen(r->label), nw, UI_LEFT);
		count_cell(t, r->n_new, 5, s);
		count_cell(t, r->n_learn, 7, s);
		count_cell(t, r->n_due, 6, s);
	}
}

/* "   label       text" with the label in a fixed column. */
static void info_line(struct ui_view *v, const char *label, const char *text,
		      enum ui_role role)
{
	struct ui_text *t = &v->text;

	ui_text_newline(t);
	ui_text_pad(t, UI_R_TEXT, 0, 3);
	ui_text_fit(t, UI_R_DIM, 0, label, strlen(label), 12, UI_LEFT);
	ui_text_fit(t, role, 0, text, strlen(text), v->cols - 16, UI_LEFT);
}

void home_view(struct home *h, struct ui_view *v)
{
	static const struct ui_hint deck_hints[] = {
		{ "enter", "drill", 0 },
		{ "t", "by tag", 0 },
		{ "m", "mock", 0 },
		{ "b", "browse", 0 },
		{ "s", "stats", 0 },
		{ "q", "quit", 0 },
		{ "?", "keys", 0 },
	};
	static const struct ui_hint tag_hints[] = {
		{ "enter", "drill this tag", 0 },
		{ "t", "decks", 0 },
		{ "q", "quit", 0 },
		{ "?", "keys", 0 },
	};
	struct ui_text *t = &v->text;
	char right[96], today[96];
	int n_rows;

	snprintf(right, sizeof(right), "%s", h->date ? h->date : "");
	if (h->streak > 0)
		snprintf(right + strlen(right), sizeof(right) - strlen(right),
			 " %s streak %ld day%s", ui_glyphs()->dot, h->streak,
			 h->streak == 1 ? "" : "s");
	ui_view_title(v, "tpmtrain", right);
	ui_view_rule(v, NULL, UI_R_RULE, NULL);
	/* Footer: rule, next mock, today, [left out], [status], rule,
	 * hints. */
	n_rows = v->rows - 3 - 5 - (h->status ? 1 : 0) - (h->left_out ? 1 : 0) -
		 (h->focus ? 1 : 0);
	h->rows_shown = n_rows;
	table(h, v, n_rows);
	ui_view_rule(v, NULL, UI_R_RULE, NULL);
	if (h->resume) {
		char line[256];

		snprintf(line, sizeof(line), "%s %s r continues it", h->resume,
			 ui_glyphs()->dot);
		info_line(v, "unfinished", line, UI_R_HARD);
	} else {
		info_line(v, "next mock", h->next_mock ? h->next_mock
				: "none yet: scenarios go in content/mocks",
			  h->next_mock ? UI_R_TEXT : UI_R_DIM);
	}
	if (h->focus)
		info_line(v, "focus", h->focus, UI_R_HARD);
	if (!h->ever && !h->reviewed_today) {
		static const char first[] = "First time here? Press enter "
			"to drill your first cards, ? for every key.";

		ui_text_newline(t);
		ui_text_pad(t, UI_R_TEXT, 0, 3);
		ui_text_fit(t, UI_R_TITLE, UI_BOLD, first, sizeof(first) - 1,
			    v->cols - 4, UI_LEFT);
	} else {
		snprintf(today, sizeof(today), "%ld reviewed %s %ld new",
			 h->reviewed_today, ui_glyphs()->dot, h->new_today);
		info_line(v, "today", today, UI_R_TEXT);
	}
	if (h->left_out) {
		ui_text_newline(t);
		ui_text_pad(t, UI_R_TEXT, 0, 3);
		ui_text_fit(t, UI_R_ERROR, 0, h->left_out, strlen(h->left_out),
			    v->cols - 4, UI_LEFT);
	}
	if (h->status) {
		ui_text_newline(t);
		ui_text_pad(t, UI_R_TEXT, 0, 3);
		ui_text_fit(t, h->status_error ? UI_R_ERROR : UI_R_TEXT, 0,
			    h->status, strlen(h->status), v->cols - 4,
			    UI_LEFT);
	}
	ui_view_rule(v, NULL, UI_R_RULE, NULL);
	if (h->tags_mode)
		ui_view_hints(v, tag_hints, 4);
	else
		ui_view_hints(v, deck_hints, 7);
	ui_view_end(v);
}
