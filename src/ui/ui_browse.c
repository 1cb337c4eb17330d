#include "ui/ui_browse.h"

#include <stdio.h>
#include <string.h>

#include "core/xmalloc.h"
#include "queue/queue_search.h"
#include "ui/ui_card.h"
#include "ui/ui_keys.h"

void browse_init(struct browse *b, const struct ui_matcher *matcher)
{
	memset(b, 0, sizeof(*b));
	b->matcher = matcher;
	b->sort = BROWSE_BY_DUE;
	vec_init(&b->rows, sizeof(struct browse_row));
	ui_input_init(&b->input);
}

void browse_release(struct browse *b)
{
	vec_release(&b->rows);
	xfree(b->shown);
	xfree(b->filter);
	xfree(b->status);
	ui_input_release(&b->input);
	memset(b, 0, sizeof(*b));
}

void browse_clear(struct browse *b)
{
	b->rows.len = 0;
	b->n_shown = 0;
}

struct browse_row *browse_add_row(struct browse *b)
{
	return vec_push(&b->rows);
}

void browse_set_status(struct browse *b, const char *msg, int error)
{
	xfree(b->status);
	b->status = msg ? xstrdup(msg) : NULL;
	b->status_error = error;
}

static struct browse_row *row_at(const struct browse *b, size_t i)
{
	return vec_at(&b->rows, i);
}

struct browse_row *browse_selected(struct browse *b)
{
	return b->sel < b->n_shown ? row_at(b, b->shown[b->sel]) : NULL;
}

const char *browse_state_name(const struct browse_row *r, int64_t now)
{
	static const char *const names[] = { "new", "learning", "review",
					     "relearning" };

	if (r->leech && r->suspended)
		return "leech";
	if (r->suspended)
		return "suspended";
	if (r->buried_until > now)
		return "buried";
	return (unsigned)r->mem.state < 4 ? names[r->mem.state] : "?";
}

/* The order of the state column: as a card progresses, then set aside. */
static int state_rank(const struct browse_row *r, int64_t now)
{
	static const int rank[] = { 0, 1, 3, 2 };

	if (r->suspended)
		return r->leech ? 6 : 5;
	if (r->buried_until > now)
		return 4;
	return (unsigned)r->mem.state < 4 ? rank[r->mem.state] : 7;
}

static int cmp_num(double a, double b)
{
	return (a > b) - (a < b);
}

static int compare(const struct browse *b, size_t i, size_t j)
{
	const struct browse_row *x = row_at(b, i), *y = row_at(b, j);
	int c = 0;

	switch (b->sort) {
	case BROWSE_BY_ID:
		break;
	case BROWSE_BY_DECK:
		c = strcmp(x->item->card->deck->id.s,
			   y->item->card->deck->id.s);
		break;
	case BROWSE_BY_STATE:
		c = state_rank(x, b->now) - state_rank(y, b->now);
		break;
	case BROWSE_BY_DUE: {
		/* Never studied sorts after everything due. */
		int xn = x->mem.state == FSRS_NEW, yn = y->mem.state == FSRS_NEW;

		c = xn != yn ? xn - yn : cmp_num((double)x->mem.due,
						 (double)y->mem.due);
		break;
	}
	case BROWSE_BY_STABILITY:
		c = cmp_num(x->mem.stability, y->mem.stability);
		break;
	case BROWSE_BY_LAPSES:
		c = x->mem.lapses - y->mem.lapses;
		break;
	default:
		break;
	}
	if (!c)
		c = strcmp(x->item->key, y->item->key);
	return b->reverse ? -c : c;
}

/* A stable merge sort of shown[] (qsort has no context argument in C). */
static void sort_shown(struct browse *b)
{
	size_t n = b->n_shown, *a = b->shown, *tmp;

	if (n < 2)
		return;
	tmp = xreallocarray(NULL, n, sizeof(*tmp));
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n;
			size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, k = lo;

			while (i < mid && j < hi)
				tmp[k++] = compare(b, a[j], a[i]) < 0 ? a[j++]
								      : a[i++];
			while (i < mid)
				tmp[k++] = a[i++];
			while (j < hi)
				tmp[k++] = a[j++];
		}
		memcpy(a, tmp, n * sizeof(*a));
	}
	xfree(tmp);
}

/*
 * The work one filter may cost, in total: after the pattern gives up (a
 * match limit) on this many cards, the rest are not searched; between
 * slices of this many rows, a person may cancel it.  (a+)+$ over 20,000
 * cards froze the interface for 150 s.
 */
#define FILTER_MAX_LIMITED 32
#define FILTER_SLICE 64

/* 1 if re matches s, 0 if not, -1 if a match limit stopped it. */
static int field_match(const struct browse *b, void *re, const char *s)
{
	int r;

	if (!s)
		return 0;
	r = b->matcher->exec(b->matcher->ctx, re, s, strlen(s));
	return r < 0 ? -1 : r > 0;
}

/* As field_match() over a row's texts and tags; a limit ends the row. */
static int row_match(const struct browse *b, void *re,
		     const struct browse_row *r)
{
	const struct card *c = r->item->card;
	const char *texts[] = { c->front.s, c->back.s, c->text.s };
	int m = 0;

	for (size_t i = 0; i < 3 && !m; i++)
		m = field_match(b, re, texts[i]);
	for (size_t i = 0; i < c->tags.n && !m; i++)
		m = field_match(b, re, c->tags.v[i].s);
	for (size_t i = 0; c->deck && i < c->deck->tags.n && !m; i++)
		m = field_match(b, re, c->deck->tags.v[i].s);
	return m;
}

static int cancelled(const struct browse *b)
{
	return b->matcher->cancelled &&
	       b->matcher->cancelled(b->matcher->ctx);
}

/* 1 if row r passes q's search terms (q NULL: no terms). */
static int terms_match(const struct browse *b, const struct search *q,
		       const struct browse_row *r)
{
	struct search_facts f = { r->item, &r->mem, r->suspended, r->leech,
				  r->buried_until };

	return !q || search_match(q, &f, b->now, b->day_start);
}

/*
 * Recomputes shown[] with q's terms and re (NULL: every row), within the
 * budget above.  Returns 0, or -1 when cancelled (shown[] is then
 * partial).
 */
static int select_rows(struct browse *b, const struct search *q, void *re)
{
	const struct browse_row *keep = browse_selected(b);
	const struct item *keep_item = keep ? keep->item : NULL;

	b->shown = xreallocarray(b->shown, b->rows.len ? b->rows.len : 1,
				 sizeof(*b->shown));
	b->n_shown = 0;
	b->n_limit = 0;
	b->n_unsearched = 0;
	for (size_t i = 0; i < b->rows.len; i++) {
		int m = 1;

		if (re && i % FILTER_SLICE == FILTER_SLICE - 1 && cancelled(b))
			return -1;
		if (re && b->n_limit >= FILTER_MAX_LIMITED) {
			b->n_unsearched = (long)(b->rows.len - i);
			break;
		}
		m = terms_match(b, q, row_at(b, i));
		if (m && re)
			m = row_match(b, re, row_at(b, i));
		if (m < 0)
			b->n_limit++;
		else if (m)
			b->shown[b->n_shown++] = i;
	}
	sort_shown(b);
	b->sel = 0;
	for (size_t i = 0; keep_item && i < b->n_shown; i++) {
		if (row_at(b, b->shown[i])->item == keep_item) {
			b->sel = i;
			break;
		}
	}
	return 0;
}

/* Says in the status line what a limit or the budget left out. */
static void limit_status(struct browse *b)
{
	char msg[160];

	if (b->n_unsearched)
		snprintf(msg, sizeof(msg), "the pattern gave up on %ld cards "
			 "(match limit); %ld more not searched", b->n_limit,
			 b->n_unsearched);
	else
		snprintf(msg, sizeof(msg), "the pattern gave up on %ld "
			 "card%s (match limit)", b->n_limit,
			 b->n_limit == 1 ? "" : "s");
	browse_set_status(b, msg, 1);
}

/* select_rows(), but a cancel leaves the rows as they were. */
static int cancellable_select(struct browse *b, const struct search *q,
			      void *re)
{
	size_t n = b->n_shown, sel = b->sel;
	long limit = b->n_limit, unsearched = b->n_unsearched;
	size_t *shown = xreallocarray(NULL, n ? n : 1, sizeof(*shown));

	if (n)	/* b->shown is NULL before the first filter */
		memcpy(shown, b->shown, n * sizeof(*shown));
	if (select_rows(b, q, re) == 0) {
		xfree(shown);
		return 0;
	}
	if (n)
		memcpy(b->shown, shown, n * sizeof(*shown));
	b->n_shown = n;
	b->sel = sel;
	b->n_limit = limit;
	b->n_unsearched = unsearched;
	xfree(shown);
	return -1;
}

/* Says "bad WHAT: MSG" in the status line. */
static void bad_filter(struct browse *b, const char *what, const char *msg)
{
	struct buf m;

	buf_init(&m);
	buf_addf(&m, "bad %s: %s", what, msg);
	browse_set_status(b, m.s, 1);
	buf_release(&m);
}

int browse_set_filter(struct browse *b, const char *query)
{
	struct search q;
	struct buf err;
	void *re = NULL;
	int ret = 0;

	search_init(&q);
	buf_init(&err);
	if (query && *query && search_parse(&q, query, &err) < 0) {
		bad_filter(b, "search", err.s);
		ret = -1;
	} else if (q.pattern && *q.pattern) {
		re = b->matcher->compile(b->matcher->ctx, q.pattern, &err);
		if (!re) {
			bad_filter(b, "pattern", err.s);
			ret = -1;
		}
	}
	buf_release(&err);
	if (ret == 0 && cancellable_select(b, query && *query ? &q : NULL,
					   re) < 0) {
		browse_set_status(b, "filter cancelled", 1);
		ret = -1;
	}
	if (ret == 0) {
		xfree(b->filter);
		b->filter = query && *query ? xstrdup(query) : NULL;
		if (b->n_limit)
			limit_status(b);
	}
	if (re)
		b->matcher->free(b->matcher->ctx, re);
	search_release(&q);
	return ret;
}

void browse_refresh(struct browse *b)
{
	char *f = b->filter ? xstrdup(b->filter) : NULL;

	/* The pattern compiled before; if it no longer does, show all. */
	if (browse_set_filter(b, f) < 0)
		browse_set_filter(b, NULL);
	xfree(f);
}

/* ---- Keys -------------------------------------------------------------- */

static const struct ui_binding list_bindings[] = {
	UI_MOVE_KEYS,
	{ UI_KEY_ENTER, BROWSE_A_OPEN, "show the card" },
	{ '/', BROWSE_A_FILTER,
	  "filter: deck: tag: id: is: prop: terms (- negates) and a "
	  "PCRE2 pattern over text and tags" },
	{ 'o', BROWSE_A_SORT, "sort by the next column" },
	{ 'r', BROWSE_A_REVERSE, "reverse the order" },
	{ 's', BROWSE_A_SUSPEND, "suspend the card" },
	{ 'u', BROWSE_A_UNSUSPEND, "unsuspend or unbury the card" },
	{ 'f', BROWSE_A_FORGET,
	  "forget: make the card new again (asks first)" },
	UI_HELP_KEYS,
	{ 'q', UI_A_BACK, "back" },
	{ UI_KEY_ESC, UI_A_BACK, NULL },
};

static const struct ui_binding filter_bindings[] = {
	{ UI_KEY_ENTER, UI_A_SUBMIT, "apply the filter (empty: show all)" },
	{ UI_KEY_ESC, UI_A_CANCEL, "keep the previous filter" },
	UI_EDIT_KEYS,
	{ UI_KEY_F1, UI_A_HELP, "these keys" },
};

static const struct ui_binding card_bindings[] = {
	UI_SCROLL_KEYS,
	{ 's', BROWSE_A_SUSPEND, "suspend the card" },
	{ 'u', BROWSE_A_UNSUSPEND, "unsuspend or unbury the card" },
	{ 'f', BROWSE_A_FORGET,
	  "forget: make the card new again (asks first)" },
	{ 'e', BROWSE_A_EDIT, "edit the card in $EDITOR" },
	{ 'p', BROWSE_A_PRIMER, "read the primer the card refers to" },
	UI_HELP_KEYS,
	{ 'q', UI_A_BACK, "back to the list" },
	{ UI_KEY_ESC, UI_A_BACK, NULL },
	{ UI_KEY_ENTER, UI_A_BACK, NULL },
};

static const struct ui_binding confirm_bindings[] = {
	{ 'y', BROWSE_A_YES, "yes" },
	{ 'n', BROWSE_A_NO, "no" },
	{ UI_KEY_ESC, BROWSE_A_NO, NULL },
	{ 'q', BROWSE_A_NO, NULL },
};

const struct ui_keymap browse_keys = UI_KEYMAP("browse", list_bindings);
const struct ui_keymap browse_filter_keys =
	UI_TEXT_KEYMAP("browse, typing a pattern", filter_bindings);
const struct ui_keymap browse_card_keys = UI_KEYMAP("card", card_bindings);
const struct ui_keymap browse_confirm_keys = UI_KEYMAP("question",
						       confirm_bindings);

const struct ui_keymap *browse_keymap(const struct browse *b)
{
	if (b->confirm)
		return &browse_confirm_keys;
	if (b->filtering)
		return &browse_filter_keys;
	return b->card ? &browse_card_keys : &browse_keys;
}

static int scroll_card(struct browse *b, int delta)
{
	int max = b->card_lines - b->card_rows, to = b->card_scroll + delta;

	if (to > max)
		to = max;
	if (to < 0)
		to = 0;
	if (to == b->card_scroll)
		return 0;
	b->card_scroll = to;
	return UI_REDRAW;
}

static int request(struct browse *b, enum browse_request r)
{
	if (!b->n_shown)
		return 0;
	b->req = r;
	b->req_row = b->shown[b->sel];
	return UI_SAVE | UI_REDRAW;
}

/* Actions on the selected card, from the list or the card view. */
static int card_action(struct browse *b, int a)
{
	switch (a) {
	case BROWSE_A_SUSPEND:
		return request(b, BROWSE_REQ_SUSPEND);
	case BROWSE_A_UNSUSPEND:
		return request(b, BROWSE_REQ_UNSUSPEND);
	case BROWSE_A_EDIT:
		return request(b, BROWSE_REQ_EDIT);
	case BROWSE_A_PRIMER:
		return request(b, BROWSE_REQ_PRIMER);
	case BROWSE_A_FORGET: {
		const struct browse_row *r = browse_selected(b);
		struct buf msg;

		if (!r)
			return 0;
		/* Never studied: nothing to forget, nothing to ask. */
		if (r->mem.state == FSRS_NEW && !r->mem.reps) {
			browse_set_status(b, "this card is new: there is "
					  "nothing to forget", 1);
			return UI_REDRAW;
		}
		buf_init(&msg);
		buf_addf(&msg, "forget %s (y/n)? its schedule starts over; "
			 "its review log is kept", r->item->key);
		browse_set_status(b, msg.s, 0);
		buf_release(&msg);
		b->confirm = 1;
		return UI_REDRAW;
	}
	default:
		return 0;
	}
}

int browse_handle(struct browse *b, int a, uint32_t cp, int64_t now)
{
	int page = b->rows_shown > 1 ? b->rows_shown - 1 : 1;
	int fx = b->status ? UI_REDRAW : 0, moved;

	b->now = now;
	b->req = BROWSE_REQ_NONE;
	if (b->confirm) {
		b->confirm = 0;
		browse_set_status(b, NULL, 0);
		if (a == BROWSE_A_YES)
			return request(b, BROWSE_REQ_FORGET);
		browse_set_status(b, "not forgotten", 0);
		return UI_REDRAW;
	}
	if (b->filtering) {
		if (ui_input_edit(&b->input, a, cp))
			return UI_REDRAW;
		if (a == UI_A_SUBMIT) {
			browse_set_status(b, NULL, 0);
			if (browse_set_filter(b, b->input.text.s) == 0)
				b->filtering = 0;
			return UI_REDRAW;
		}
		if (a == UI_A_CANCEL) {
			b->filtering = 0;
			browse_set_status(b, NULL, 0);
			return UI_REDRAW;
		}
		return 0;
	}
	browse_set_status(b, NULL, 0);
	if (b->card) {
		int step = ui_scroll_step(a, b->card_rows - 1);

		if (step)
			return fx | scroll_card(b, step);
		if (a != UI_A_BACK)
			return fx | card_action(b, a);
		b->card = 0;
		return UI_REDRAW;
	}
	moved = ui_list_move(&b->sel, b->n_shown, page, a);
	if (moved >= 0)
		return fx | moved;
	switch (a) {
	case BROWSE_A_OPEN:
		if (!b->n_shown)
			return fx;
		b->card = 1;
		b->card_scroll = 0;
		return UI_REDRAW;
	case BROWSE_A_FILTER:
		b->filtering = 1;
		ui_input_set(&b->input, b->filter ? b->filter : "");
		return UI_REDRAW;
	case BROWSE_A_SORT:
		b->sort = (enum browse_sort)((b->sort + 1) % BROWSE_N_SORTS);
		browse_refresh(b);
		return UI_REDRAW;
	case BROWSE_A_REVERSE:
		b->reverse = !b->reverse;
		browse_refresh(b);
		return UI_REDRAW;
	case UI_A_BACK:
		return UI_QUIT;
	default:
		return fx | card_action(b, a);
	}
}

/* ---- The view ---------------------------------------------------------- */

static const char *const sort_names[BROWSE_N_SORTS] = {
	"id", "deck", "state", "due", "stab", "lapses",
};

static void due_cell(const struct browse_row *r, int64_t now, char out[16])
{
	char iv[16];

	if (r->mem.state == FSRS_NEW && !r->mem.last_review) {
		snprintf(out, 16, "-");
	} else if (r->mem.due <= now) {
		snprintf(out, 16, "now");
	} else {
		ui_format_interval(r->mem.due - now, iv);
		snprintf(out, 16, "in %.12s", iv);
	}
}

static void stability_cell(double s, char out[16])
{
	if (s <= 0)
		snprintf(out, 16, "-");
	else if (s < 100)
		snprintf(out, 16, "%.1fd", s);
	else if (s < 1000)
		snprintf(out, 16, "%.0fd", s);
	else
		snprintf(out, 16, "%.1fy", s / 365.25);
}

/*
 * Column widths: id, deck and the question share what the fixed columns
 * leave, the question shrinking first and going below 12 cells.  Each
 * column ends with a space, so that neighbours never run together.
 */
struct columns {
	int id, deck, question;
};

#define W_STATE 11
#define W_DUE 10
#define W_STAB 7
#define W_LAPSES 7		/* the last: no space after it */

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/*
 * The widest id and deck id of all rows, plus a space each: of all, so
 * that the columns stay put as filters change.
 */
static void widest(const struct browse *b, int *id, int *deck)
{
	*id = 3;
	*deck = 5;
	for (size_t i = 0; i < b->rows.len; i++) {
		const struct item *it = row_at(b, i)->item;
		int k = (int)strlen(it->key) + 1;
		int d = (int)strlen(it->card->deck->id.s) + 1;

		*id = k > *id ? k : *id;
		*deck = d > *deck ? d : *deck;
	}
}

static struct columns columns(const struct browse *b, int cols)
{
	struct columns c;
	int flex = cols - 3 - 1 - W_STATE - W_DUE - W_STAB - W_LAPSES;
	int need_id, need_deck;

	widest(b, &need_id, &need_deck);
	c.id = clamp(need_id, 8, 28);
	c.deck = clamp(need_deck, 6, 16);
	c.question = flex - c.id - c.deck;
	if (c.question < 12) {
		c.question = 0;
		c.deck = flex * 2 / 5;
		c.id = flex - c.deck;
	}
	return c;
}

/*
 * An id cut in the middle when too long, so that items of one card
 * ("sd-cap-theorem", "sd-cap-theorem#reverse") stay apart: ids are ASCII
 * (the loader's id syntax), cut with one ellipsis.
 */
static void id_cell(struct ui_text *t, enum ui_role role, const char *key,
		    int width)
{
	size_t len = strlen(key);
	size_t head, tail;

	if ((int)len <= width || width < 5) {
		ui_text_fit(t, role, 0, key, len, width, UI_LEFT);
		return;
	}
	head = (size_t)(width - 1) / 2;
	tail = (size_t)(width - 1) - head;
	ui_text_add(t, role, 0, key, head);
	ui_text_adds(t, UI_R_DIM, 0, ui_glyphs()->ellipsis);
	ui_text_add(t, role, 0, key + len - tail, tail);
}

/* Appends s less Markdown's emphasis and code marks, for one line. */
static void add_plain(struct buf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != '*' && s[i] != '`')
			buf_addch(out, s[i]);
}

/* The item's question on one line: its front, back or cloze text. */
static void question_line(const struct item *it, struct buf *out)
{
	const struct card *c = it->card;
	size_t at = 0, from = 0;
	struct cloze_deletion del;
	const char *q;

	if (c->type != CARD_CLOZE) {
		q = it->variant == ITEM_REVERSE && c->back.s ? c->back.s
							      : c->front.s;
		if (q)
			add_plain(out, q, strlen(q));
		return;
	}
	if (!c->text.s)
		return;
	while (cloze_next(c->text.s, &at, &del)) {
		add_plain(out, c->text.s + from, del.start - from);
		if (del.num == it->variant)
			buf_adds(out, "[...]");
		else
			add_plain(out, c->text.s + del.answer, del.answer_len);
		from = del.end;
	}
	add_plain(out, c->text.s + from, strlen(c->text.s + from));
}

static void header_cell(struct ui_text *t, const struct browse *b,
			enum browse_sort s, int width, enum ui_align align)
{
	char name[24];

	if (b->sort == s)
		snprintf(name, sizeof(name), "%s%s", sort_names[s],
			 b->reverse ? ui_glyphs()->up : ui_glyphs()->down);
	else
		snprintf(name, sizeof(name), "%s", sort_names[s]);
	ui_text_fit(t, b->sort == s ? UI_R_TITLE : UI_R_DIM, 0, name,
		    strlen(name), width, align);
}

static void table(struct browse *b, struct ui_view *v, int n_rows)
{
	struct columns c = columns(b, v->cols);
	struct ui_text *t = &v->text;
	struct buf q;

	buf_init(&q);
	if (b->sel < b->top)
		b->top = b->sel;
	if (n_rows > 0 && b->sel >= b->top + (size_t)n_rows)
		b->top = b->sel - (size_t)n_rows + 1;
	ui_text_newline(t);
	ui_text_pad(t, UI_R_TEXT, 0, 3);
	header_cell(t, b, BROWSE_BY_ID, c.id, UI_LEFT);
	if (c.question)
		ui_text_fit(t, UI_R_DIM, 0, "question", 8, c.question,
			    UI_LEFT);
	header_cell(t, b, BROWSE_BY_DECK, c.deck, UI_LEFT);
	header_cell(t, b, BROWSE_BY_STATE, W_STATE, UI_LEFT);
	header_cell(t, b, BROWSE_BY_DUE, W_DUE, UI_LEFT);
	header_cell(t, b, BROWSE_BY_STABILITY, W_STAB - 1, UI_RIGHT);
	ui_text_pad(t, UI_R_TEXT, 0, 1);
	header_cell(t, b, BROWSE_BY_LAPSES, W_LAPSES, UI_RIGHT);
	for (int k = 0; k < n_rows; k++) {
		size_t i = b->top + (size_t)k;
		const struct browse_row *r;
		enum ui_role role;
		char due[16], stab[16], lapses[16];
		const char *state;
		int s;

		ui_text_newline(t);
		if (i >= b->n_shown)
			continue;
		r = row_at(b, b->shown[i]);
		s = i == b->sel;
		role = s ? UI_R_SELECTED : UI_R_TEXT;
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		if (s)
			ui_text_adds(t, UI_R_SELECTED, 0, ui_glyphs()->select);
		else
			ui_text_pad(t, UI_R_TEXT, 0, 1);
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		id_cell(t, role, r->item->key, c.id - 1);
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		if (c.question) {
			buf_clear(&q);
			question_line(r->item, &q);
			ui_text_fit(t, role, 0, q.s, q.len, c.question - 1,
				    UI_LEFT);
			ui_text_pad(t, UI_R_TEXT, 0, 1);
		}
		ui_text_fit(t, role, 0, r->item->card->deck->id.s,
			    strlen(r->item->card->deck->id.s), c.deck - 1,
			    UI_LEFT);
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		state = browse_state_name(r, b->now);
		ui_text_fit(t, r->suspended ? UI_R_ERROR : role, 0, state,
			    strlen(state), W_STATE - 1, UI_LEFT);
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		due_cell(r, b->now, due);
		ui_text_fit(t, role, 0, due, strlen(due), W_DUE - 1, UI_LEFT);
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		stability_cell(r->mem.stability, stab);
		ui_text_fit(t, role, 0, stab, strlen(stab), W_STAB - 1,
			    UI_RIGHT);
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		snprintf(lapses, sizeof(lapses), "%d", (int)r->mem.lapses);
		ui_text_fit(t, r->mem.lapses ? role : UI_R_DIM, 0, lapses,
			    strlen(lapses), W_LAPSES, UI_RIGHT);
	}
	buf_release(&q);
}

/* A file name relative to b->base_dir when it is inside it. */
static const char *shown_path(const struct browse *b, const char *path)
{
	size_t n = b->base_dir ? strlen(b->base_dir) : 0;

	if (n && !strncmp(path, b->base_dir, n) && path[n] == '/')
		return path + n + 1;
	return path;
}

static const struct ui_hint confirm_hints[] = {
	{ "y", "forget", 0 },
	{ "n", "keep", 0 },
	{ "?", "keys", 0 },
};

/* "label     value" for the card view's facts. */
static void fact(struct ui_text *t, const char *label, const char *value,
		 int cols)
{
	ui_text_newline(t);
	ui_text_pad(t, UI_R_TEXT, 0, 3);
	ui_text_fit(t, UI_R_DIM, 0, label, strlen(label), 10, UI_LEFT);
	ui_text_fit(t, UI_R_TEXT, 0, value, strlen(value), cols - 16,
		    UI_LEFT);
}

static void card_view(struct browse *b, struct ui_view *v)
{
	static const struct ui_hint hints[] = {
		{ "s", "suspend", 0 },
		{ "u", "unsuspend", 0 },
		{ "f", "forget", 0 },
		{ "e", "edit", 0 },
		{ "q", "back", 0 },
		{ "?", "keys", 0 },
	};
	const struct browse_row *r = browse_selected(b);
	const struct item *it = r->item;
	const struct card *c = it->card;
	int width = ui_text_width(v->cols, 3), rows = v->rows - 4;
	struct ui_text body, t;
	char title[160], due[16], stab[16];
	struct buf s;

	ui_text_init(&body);
	ui_text_init(&t);
	buf_init(&s);
	ui_card_question(&t, it, width);
	ui_text_newline(&body);
	for (size_t i = 0; i < ui_text_n_lines(&t); i++) {
		ui_text_newline(&body);
		ui_text_pad(&body, UI_R_TEXT, 0, 3);
		ui_text_append_line(&body, &t, i);
	}
	ui_text_newline(&body);
	ui_rule_text(&body, v->cols, "answer", UI_R_DIM, NULL);
	ui_text_clear(&t);
	ui_card_answer(&t, it, width);
	for (size_t i = 0; i < ui_text_n_lines(&t); i++) {
		ui_text_newline(&body);
		ui_text_pad(&body, UI_R_TEXT, 0, 3);
		ui_text_append_line(&body, &t, i);
	}
	ui_rule_text(&body, v->cols, "about", UI_R_DIM, NULL);
	fact(&body, "deck", c->deck->id.s, v->cols);
	buf_addf(&s, "%s%s", card_type_name(c->type),
		 it->variant == ITEM_REVERSE ? ", back to front" : "");
	fact(&body, "type", s.s, v->cols);
	buf_clear(&s);
	ui_item_tags(it, &s);
	fact(&body, "tags", s.len ? s.s : "-", v->cols);
	buf_clear(&s);
	buf_addf(&s, "%s:%u:%u", c->pos.file ? shown_path(b, c->pos.file)
					      : "?", c->pos.line, c->pos.col);
	fact(&body, "file", s.s, v->cols);
	buf_clear(&s);
	buf_adds(&s, browse_state_name(r, b->now));
	if (r->mem.last_review) {
		due_cell(r, b->now, due);
		buf_addf(&s, " %s due %s", ui_glyphs()->dot, due);
	}
	fact(&body, "state", s.s, v->cols);
	buf_clear(&s);
	if (r->mem.last_review) {
		stability_cell(r->mem.stability, stab);
		buf_addf(&s, "stability %s %s difficulty %.1f %s %d review%s "
			 "%s %d lapse%s", stab, ui_glyphs()->dot,
			 r->mem.difficulty, ui_glyphs()->dot,
			 (int)r->mem.reps, r->mem.reps == 1 ? "" : "s",
			 ui_glyphs()->dot, (int)r->mem.lapses,
			 r->mem.lapses == 1 ? "" : "s");
	} else {
		buf_adds(&s, "not studied yet");
	}
	fact(&body, "memory", s.s, v->cols);

	b->card_lines = (int)ui_text_n_lines(&body);
	b->card_rows = rows;
	if (b->card_scroll > b->card_lines - rows)
		b->card_scroll = b->card_lines - rows;
	if (b->card_scroll < 0)
		b->card_scroll = 0;
	snprintf(title, sizeof(title), "card %s %s", ui_glyphs()->dot, it->key);
	ui_view_title(v, title, NULL);
	ui_view_rule(v, NULL, UI_R_RULE, NULL);
	ui_view_body(v, &body, (size_t)b->card_scroll, rows, 0);
	ui_view_rule(v, b->status, b->status_error ? UI_R_ERROR : UI_R_TEXT,
		     b->card_scroll + rows < b->card_lines ? "more" : NULL);
	if (b->confirm)
		ui_view_hints(v, confirm_hints, 3);
	else
		ui_view_hints(v, hints, 6);
	buf_release(&s);
	ui_text_release(&t);
	ui_text_release(&body);
}

void browse_view(struct browse *b, struct ui_view *v)
{
	static const struct ui_hint hints[] = {
		{ "enter", "card", 0 },
		{ "/", "filter", 0 },
		{ "o", "sort", 0 },
		{ "r", "reverse", 0 },
		{ "s", "suspend", 0 },
		{ "u", "unsuspend", 0 },
		{ "f", "forget", 0 },
		{ "q", "back", 0 },
		{ "?", "keys", 0 },
	};
	char left[96], right[160];
	int n_rows;

	if (b->card && browse_selected(b)) {
		card_view(b, v);
		ui_view_end(v);
		return;
	}
	b->card = 0;
	if (b->filter)
		snprintf(left, sizeof(left), "browse %s %zu of %zu cards",
			 ui_glyphs()->dot, b->n_shown, b->rows.len);
	else
		snprintf(left, sizeof(left), "browse %s %zu cards",
			 ui_glyphs()->dot, b->rows.len);
	snprintf(right, sizeof(right), "%s%s%s", b->filter ? "/" : "",
		 b->filter ? b->filter : "", b->filter ? "/" : "");
	ui_view_title(v, left, right);
	ui_view_rule(v, NULL, UI_R_RULE, NULL);
	n_rows = v->rows - 6;
	b->rows_shown = n_rows;
	table(b, v, n_rows);
	if (b->filtering && !b->status)
		ui_view_rule(v, "pattern (PCRE2) over text and tags: enter "
			     "applies, esc cancels", UI_R_DIM, NULL);
	else
		ui_view_rule(v, b->status, b->status_error ? UI_R_ERROR
							   : UI_R_TEXT, NULL);
	if (b->filtering) {
		/* A pattern longer than the line shows the part with the
		 * cursor. */
		struct ui_text in;
		int row, col;

		ui_text_init(&in);
		ui_input_view(&b->input, &in, v->cols - 1, " / ", &row, &col);
		v->cursor_row = ui_view_used(v);
		v->cursor_col = col;
		ui_text_copy_line(&v->text, &in, (size_t)row);
		ui_text_release(&in);
	} else if (b->confirm) {
		ui_view_hints(v, confirm_hints, 3);
	} else {
		ui_view_hints(v, hints, 9);
	}
	ui_view_end(v);
}
