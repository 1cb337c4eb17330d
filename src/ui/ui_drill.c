#include "ui/ui_drill.h"

#include <stdio.h>
#include <string.h>

#include "core/xmalloc.h"
#include "match/match.h"
#include "ui/ui_card.h"
#include "ui/ui_keys.h"
#include "queue/queue_session.h"

/* Card text sits three cells in, as in the sketches. */
#define INDENT 3

void drill_init(struct drill *d, const char *scope, int cram,
		const struct ui_matcher *matcher)
{
	memset(d, 0, sizeof(*d));
	d->scope = xstrdup(scope);
	d->cram = cram;
	d->matcher = matcher;
	ui_input_init(&d->answer);
	vec_init(&d->points, sizeof(struct drill_point));
	vec_init(&d->leeches, sizeof(char *));
}

void drill_release(struct drill *d)
{
	for (size_t i = 0; i < d->leeches.len; i++)
		xfree(*(char **)vec_at(&d->leeches, i));
	vec_release(&d->leeches);
	vec_release(&d->points);
	ui_input_release(&d->answer);
	xfree(d->scope);
	xfree(d->status);
	xfree(d->end_note);
	memset(d, 0, sizeof(*d));
}

void drill_set_status(struct drill *d, const char *msg, int error)
{
	xfree(d->status);
	d->status = msg ? xstrdup(msg) : NULL;
	d->status_error = error;
}

static int is_typed(const struct drill *d)
{
	return d->item && d->item->card->type == CARD_TYPED;
}

void drill_show(struct drill *d, const struct item *item,
		const long left[3], long done, int64_t now)
{
	d->item = item;
	d->preview_at = 0;
	memcpy(d->left, left, sizeof(d->left));
	d->done = done;
	d->phase = DRILL_QUESTION;
	d->typing = is_typed(d);
	ui_input_clear(&d->answer);
	d->points.len = 0;
	d->scroll = 0;
	d->reveal_scroll = 0;
	d->shown_at = now;
	d->n_shown++;
	if (!d->started_at)
		d->started_at = now;
}

void drill_set_preview(struct drill *d, const struct fsrs_review preview[4],
		       int64_t at)
{
	memcpy(d->preview, preview, sizeof(d->preview));
	d->preview_at = at;
}

void drill_finish(struct drill *d, const char *note, int64_t now)
{
	d->item = NULL;
	d->phase = DRILL_END;
	d->typing = 0;
	d->scroll = 0;
	d->ended_at = now;
	if (!d->started_at)
		d->started_at = now;
	xfree(d->end_note);
	d->end_note = note ? xstrdup(note) : NULL;
}

void drill_count_grade(struct drill *d, enum fsrs_rating rating)
{
	d->n_graded++;
	d->n_again += rating == FSRS_AGAIN;
}

void drill_uncount_grade(struct drill *d, enum fsrs_rating rating)
{
	if (d->n_graded > 0)
		d->n_graded--;
	if (rating == FSRS_AGAIN && d->n_again > 0)
		d->n_again--;
}

void drill_add_leech(struct drill *d, const char *key)
{
	*(char **)vec_push(&d->leeches) = xstrdup(key);
}

/* ---- Keys -------------------------------------------------------------- */

/* Commands that work whether the answer is shown or not. */
#define CARD_COMMANDS \
	{ 'u', DRILL_A_UNDO, "undo the last grade, bury or suspension" }, \
	{ 'b', DRILL_A_BURY, "bury: skip the card until tomorrow" }, \
	{ 's', DRILL_A_SUSPEND, \
	  "suspend: never show the card until unsuspended" }, \
	{ 'e', DRILL_A_EDIT, "edit the card in $EDITOR" }, \
	{ 'p', DRILL_A_PRIMER, "read the primer the card refers to" }, \
	UI_SCROLL_KEYS, \
	UI_HELP_KEYS, \
	{ 'q', UI_A_QUIT, "end the session" }, \
	{ UI_KEY_ESC, DRILL_A_ESC, "twice: end the session" }

static const struct ui_binding front_bindings[] = {
	{ ' ', DRILL_A_REVEAL, "show the answer" },
	{ UI_KEY_ENTER, DRILL_A_REVEAL, NULL },
	{ 'i', DRILL_A_TYPE, "type the answer (typed cards)" },
	CARD_COMMANDS,
};

static const struct ui_binding back_bindings[] = {
	{ '1', DRILL_A_AGAIN, "again: forgotten, show it again soon" },
	{ 'a', DRILL_A_AGAIN, NULL },
	{ '2', DRILL_A_HARD, "hard: recalled with difficulty" },
	{ 'h', DRILL_A_HARD, NULL },
	{ '3', DRILL_A_GOOD, "good: recalled" },
	{ 'g', DRILL_A_GOOD, NULL },
	{ ' ', DRILL_A_GOOD, NULL },
	{ UI_KEY_ENTER, DRILL_A_GOOD, NULL },
	{ '4', DRILL_A_EASY, "easy: recalled at once" },
	/* Not 'e': that edits the card, which is wanted most once the
	 * answer is on screen. */
	{ 'E', DRILL_A_EASY, NULL },
	CARD_COMMANDS,
};

static const struct ui_binding type_bindings[] = {
	{ UI_KEY_ENTER, UI_A_SUBMIT, "check the answer" },
	{ UI_KEY_ESC, UI_A_BACK,
	  "leave the answer line (for u, b, s, e, q); twice: end the session" },
	UI_EDIT_KEYS,
	{ UI_KEY_F1, UI_A_HELP, "these keys" },
};

static const struct ui_binding end_bindings[] = {
	{ UI_KEY_ENTER, UI_A_BACK, "done" },
	{ 'q', UI_A_BACK, NULL },
	{ UI_KEY_ESC, UI_A_BACK, NULL },
	{ 'c', DRILL_A_CRAM,
	  "cram: practise the weakest cards, schedule unchanged" },
	{ 'u', DRILL_A_UNDO, "undo the last grade, bury or suspension" },
	UI_HELP_KEYS,
};

const struct ui_keymap drill_front_keys = UI_KEYMAP("drill, question",
						    front_bindings);
const struct ui_keymap drill_back_keys = UI_KEYMAP("drill, answer shown",
						   back_bindings);
const struct ui_keymap drill_type_keys =
	UI_TEXT_KEYMAP("drill, typing an answer", type_bindings);
const struct ui_keymap drill_end_keys = UI_KEYMAP("drill, session over",
						  end_bindings);

const struct ui_keymap *drill_keymap(const struct drill *d)
{
	if (d->phase == DRILL_END)
		return &drill_end_keys;
	if (d->phase == DRILL_ANSWER)
		return &drill_back_keys;
	return d->typing ? &drill_type_keys : &drill_front_keys;
}

static int request(struct drill *d, enum drill_request r)
{
	d->req = r;
	return UI_SAVE | UI_REDRAW;
}

/* Checks the typed answer against each pattern of kp. */
static void check_list(struct drill *d, const struct key_point_list *kp,
		       int red_flag, int *limits)
{
	const struct ui_matcher *m = d->matcher;
	struct buf err;

	buf_init(&err);
	for (size_t i = 0; i < kp->n; i++) {
		struct drill_point *p = vec_push(&d->points);
		void *re;

		p->label = kp->v[i].label.s;
		p->red_flag = red_flag;
		p->result = DRILL_BAD_PATTERN;
		if (!m || !kp->v[i].pattern.s)
			continue;
		/* The answer's budget is spent: the rest are cut off. */
		if (*limits >= MATCH_MAX_LIMIT_HITS) {
			p->result = DRILL_GAVE_UP;
			continue;
		}
		buf_clear(&err);
		re = m->compile(m->ctx, kp->v[i].pattern.s, &err);
		if (!re)
			continue;
		p->result = m->exec(m->ctx, re, d->answer.text.s,
				    d->answer.text.len);
		if (p->result < 0) {
			p->result = DRILL_GAVE_UP;
			(*limits)++;
		}
		m->free(m->ctx, re);
	}
	buf_release(&err);
}

/* The key points, then the red flags (only raised ones are shown). */
static void check_points(struct drill *d)
{
	int limits = 0;

	d->points.len = 0;
	check_list(d, &d->item->card->key_points, 0, &limits);
	check_list(d, &d->item->card->red_flags, 1, &limits);
}

static int reveal(struct drill *d)
{
	d->phase = DRILL_ANSWER;
	d->typing = 0;
	if (is_typed(d))
		check_points(d);
	d->reveal_scroll = 1;
	d->req = DRILL_REQ_REVEAL;
	return UI_SAVE | UI_REDRAW;
}

static int grade(struct drill *d, enum fsrs_rating r, int64_t now)
{
	d->req_rating = r;
	d->req_duration_ms = now - d->shown_at;
	return request(d, DRILL_REQ_GRADE);
}

static int scroll(struct drill *d, int delta)
{
	int max = d->body_lines - d->body_rows;
	int to = d->scroll + delta;

	if (to > max)
		to = max;
	if (to < 0)
		to = 0;
	if (to == d->scroll)
		return 0;
	d->scroll = to;
	return UI_REDRAW;
}

/*
 * Esc means one thing on every card: a step out, so that one Esc never
 * ends a session by surprise (a typed card starts in its answer line).
 */
static int step_out(struct drill *d, int armed)
{
	if (armed && !d->typing)
		return request(d, DRILL_REQ_END);
	d->typing = 0;
	d->esc_armed = 1;
	drill_set_status(d, "esc again or q: end the session", 0);
	return UI_REDRAW;
}

int drill_handle(struct drill *d, int a, uint32_t cp, int64_t now)
{
	int page = d->body_rows > 2 ? d->body_rows - 1 : 1;
	int fx = d->status ? UI_REDRAW : 0;
	int armed = d->esc_armed;

	drill_set_status(d, NULL, 0);
	d->req = DRILL_REQ_NONE;
	d->esc_armed = 0;
	if (d->typing) {
		if (ui_input_edit(&d->answer, a, cp))
			return UI_REDRAW;
		if (a == UI_A_SUBMIT)
			return reveal(d);
		if (a == UI_A_BACK)
			return step_out(d, armed);
		return fx;
	}
	if (ui_scroll_step(a, page))
		return fx | scroll(d, ui_scroll_step(a, page));
	if (d->phase == DRILL_END) {
		switch (a) {
		case UI_A_BACK:
			return UI_QUIT;
		case DRILL_A_CRAM:
			return request(d, DRILL_REQ_CRAM);
		case DRILL_A_UNDO:
			return request(d, DRILL_REQ_UNDO);
		default:
			return fx;
		}
	}
	switch (a) {
	case DRILL_A_REVEAL:
		return d->phase == DRILL_QUESTION ? reveal(d) : fx;
	case DRILL_A_TYPE:
		if (d->phase != DRILL_QUESTION || !is_typed(d))
			return fx;
		d->typing = 1;
		return UI_REDRAW;
	case DRILL_A_AGAIN:
	case DRILL_A_HARD:
	case DRILL_A_GOOD:
	case DRILL_A_EASY:
		if (d->phase != DRILL_ANSWER)
			return fx;
		return grade(d, (enum fsrs_rating)(FSRS_AGAIN +
						   (a - DRILL_A_AGAIN)), now);
	case DRILL_A_UNDO:
		return request(d, DRILL_REQ_UNDO);
	case DRILL_A_BURY:
		return request(d, DRILL_REQ_BURY);
	case DRILL_A_SUSPEND:
		return request(d, DRILL_REQ_SUSPEND);
	case DRILL_A_EDIT:
		return request(d, DRILL_REQ_EDIT);
	case DRILL_A_PRIMER:
		return request(d, DRILL_REQ_PRIMER);
	case DRILL_A_ESC:
		return step_out(d, armed);
	case UI_A_QUIT:
		return request(d, DRILL_REQ_END);
	default:
		return fx;
	}
}

/* ---- The view ---------------------------------------------------------- */

/* Appends every line of src to dst, indented. */
static void add_indented(struct ui_text *dst, const struct ui_text *src,
			 int indent)
{
	for (size_t i = 0; i < ui_text_n_lines(src); i++) {
		ui_text_newline(dst);
		if (ui_text_line_width(src, i))
			ui_text_pad(dst, UI_R_TEXT, 0, indent);
		ui_text_append_line(dst, src, i);
	}
}

/* "✓ time   ✗ scope" flowed over lines, then "2 of 3" at the right. */
static void points_lines(struct drill *d, struct ui_text *body, int cols)
{
	const struct ui_glyphs *g = ui_glyphs();
	int covered = 0, col = 0, width;
	char total[32];
	size_t n = 0;

	/* Each red flag raised takes back one covered point (README). */
	for (size_t i = 0; i < d->points.len; i++) {
		const struct drill_point *p = vec_at(&d->points, i);

		if (!p->red_flag)
			n++;
		covered += p->result == 1 ? (p->red_flag ? -1 : 1) : 0;
	}
	if (covered < 0)
		covered = 0;
	snprintf(total, sizeof(total), "%d of %zu", covered, n);
	/* Room is kept on every line for the total. */
	width = cols - 2 * INDENT - (int)strlen(total) - 2;
	ui_text_newline(body);
	ui_text_pad(body, UI_R_TEXT, 0, INDENT);
	for (size_t i = 0; i < d->points.len; i++) {
		const struct drill_point *p = vec_at(&d->points, i);
		const char *label = p->label ? p->label : "?";
		enum ui_role role = p->red_flag ? UI_R_ERROR
				    : p->result == 1 ? UI_R_OK : UI_R_MISS;
		const char *why = p->result == DRILL_BAD_PATTERN
				  ? " (bad pattern)"
				  : p->result == DRILL_GAVE_UP ? " (match limit)"
							       : "";
		const char *mark = p->red_flag ? g->warn
				   : p->result == 1 ? g->check : g->cross;
		int w = 2 + ui_str_width(label, strlen(label)) +
			(int)strlen(why);

		if (p->red_flag && p->result != 1)
			continue;	/* a red flag not raised says nothing */
		if (col && col + 3 + w > width) {
			ui_text_newline(body);
			ui_text_pad(body, UI_R_TEXT, 0, INDENT);
			col = 0;
		} else if (col) {
			ui_text_pad(body, UI_R_TEXT, 0, 3);
			col += 3;
		}
		ui_text_adds(body, role, UI_BOLD, mark);
		ui_text_pad(body, UI_R_TEXT, 0, 1);
		ui_text_adds(body, role, 0, label);
		ui_text_adds(body, UI_R_ERROR, 0, why);
		col += w;
	}
	/* The total ends where card text does, INDENT from the edge. */
	ui_text_pad(body, UI_R_TEXT, 0, (cols - INDENT) - (INDENT + col) -
		    (int)strlen(total));
	ui_text_adds(body, UI_R_DIM, 0, total);
}

/* One "label   value" line of the summary. */
static void summary_row(struct ui_text *body, const char *label,
			const char *value, enum ui_role role, int cols)
{
	ui_text_newline(body);
	ui_text_pad(body, UI_R_TEXT, 0, INDENT);
	ui_text_fit(body, UI_R_DIM, 0, label, strlen(label), 14, UI_LEFT);
	ui_text_fit(body, role, 0, value, strlen(value),
		    cols - 2 * INDENT - 14, UI_LEFT);
}

/* The summary at the end of a session, or why there was nothing. */
static void summary_lines(struct drill *d, struct ui_text *body, int cols)
{
	char tmp[64];
	struct buf b;

	buf_init(&b);
	ui_text_newline(body);
	ui_text_newline(body);
	ui_text_pad(body, UI_R_TEXT, 0, INDENT);
	if (!d->n_shown) {
		buf_addf(&b, "Nothing to study in %s right now.", d->scope);
		ui_text_fit(body, UI_R_TITLE, UI_BOLD, b.s, b.len,
			    cols - 2 * INDENT, UI_LEFT);
	} else {
		ui_text_adds(body, UI_R_TITLE, UI_BOLD,
			     d->cram ? "Cram over; the schedule is unchanged."
				     : "Session over.");
		ui_text_newline(body);
		snprintf(tmp, sizeof(tmp), "%ld", d->n_graded);
		summary_row(body, "cards", tmp, UI_R_TEXT, cols);
		ui_format_duration(d->ended_at - d->started_at, tmp);
		summary_row(body, "time", tmp, UI_R_TEXT, cols);
		if (d->n_graded)
			snprintf(tmp, sizeof(tmp), "%ld (%ld%%)", d->n_again,
				 (d->n_again * 100 + d->n_graded / 2) /
				 d->n_graded);
		else
			snprintf(tmp, sizeof(tmp), "-");
		summary_row(body, "again", tmp, UI_R_TEXT, cols);
	}
	if (d->leeches.len) {
		buf_clear(&b);
		for (size_t i = 0; i < d->leeches.len; i++)
			buf_addf(&b, "%s%s", i ? ", " : "",
				 *(char **)vec_at(&d->leeches, i));
		summary_row(body, "leeches", b.s, UI_R_ERROR, cols);
	}
	if (d->end_note) {
		struct ui_text note;

		ui_text_init(&note);
		ui_text_newline(body);
		ui_md_render(&note, d->end_note, strlen(d->end_note),
			     ui_text_width(cols, INDENT), 0);
		add_indented(body, &note, INDENT);
		ui_text_release(&note);
	}
	buf_release(&b);
}

/*
 * The question, the answer line of a typed card and the answer.  Sets
 * *cursor_line to the body line of the text cursor when typing.
 */
static void card_lines(struct drill *d, struct ui_text *body, int cols,
		       int *cursor_line, int *cursor_col)
{
	int width = ui_text_width(cols, INDENT);
	struct ui_text t;

	ui_text_init(&t);
	ui_text_newline(body);
	ui_card_question(&t, d->item, width);
	add_indented(body, &t, INDENT);
	ui_text_newline(body);
	if (is_typed(d)) {
		ui_rule_text(body, cols, "your answer", UI_R_DIM, NULL);
		if (d->phase == DRILL_QUESTION) {
			int before = (int)ui_text_n_lines(body), row, col;

			ui_input_view(&d->answer, body, cols - INDENT, "   ",
				      &row, &col);
			if (d->typing) {
				*cursor_line = before + row;
				*cursor_col = col;
			} else {
				ui_text_newline(body);
				ui_text_pad(body, UI_R_TEXT, 0, INDENT);
				ui_text_adds(body, UI_R_DIM, 0,
					     "i to type, space to see the "
					     "answer");
			}
		} else {
			ui_text_clear(&t);
			if (d->answer.text.len)
				ui_wrap_text(&t, width, UI_R_INPUT,
					     d->answer.text.s,
					     d->answer.text.len);
			else
				ui_wrap_text(&t, width, UI_R_DIM,
					     "(no answer)", 11);
			add_indented(body, &t, INDENT);
			if (d->points.len) {
				ui_rule_text(body, cols, "key points",
					     UI_R_DIM, NULL);
				points_lines(d, body, cols);
			}
		}
	}
	if (d->phase == DRILL_ANSWER) {
		d->answer_line = (int)ui_text_n_lines(body);
		ui_rule_text(body, cols, "answer", UI_R_DIM, NULL);
		ui_text_clear(&t);
		ui_card_answer(&t, d->item, width);
		add_indented(body, &t, INDENT);
	}
	ui_text_release(&t);
}

static void footer(struct drill *d, struct ui_view *v)
{
	static const struct ui_hint typing[] = {
		{ "enter", "check", 0 },
		{ "esc", "leave the line", 0 },
		{ "^W", "delete word", 0 },
		{ "F1", "keys", 0 },
	};
	static const struct ui_hint question[] = {
		{ "space", "answer", 0 },
		{ "u", "undo", 0 },
		{ "b", "bury", 0 },
		{ "s", "suspend", 0 },
		{ "e", "edit", 0 },
		{ "q", "end", 0 },
		{ "?", "keys", 0 },
	};
	static const struct ui_hint end[] = {
		{ "enter", "done", 0 },
		{ "c", "cram", 0 },
		{ "u", "undo", 0 },
		{ "?", "keys", 0 },
	};
	static const char *const names[4] = { "Again", "Hard", "Good",
					      "Easy" };
	static const char *const keys[4] = { "1", "2", "3", "4" };
	static const enum ui_role roles[4] = { UI_R_AGAIN, UI_R_HARD,
					       UI_R_GOOD, UI_R_EASY };
	char labels[4][32];
	struct ui_hint answer[6];

	if (d->phase == DRILL_END) {
		ui_view_hints(v, end, 4);
		return;
	}
	if (d->phase == DRILL_QUESTION) {
		if (d->typing)
			ui_view_hints(v, typing, 4);
		else
			ui_view_hints(v, question, 7);
		return;
	}
	for (int i = 0; i < 4; i++) {
		char iv[16];

		ui_format_interval(d->preview[i].card.due - d->preview_at, iv);
		if (d->cram || !d->preview_at)
			snprintf(labels[i], sizeof(labels[i]), "%s", names[i]);
		else
			snprintf(labels[i], sizeof(labels[i]), "%s %s",
				 names[i], iv);
		answer[i].key = keys[i];
		answer[i].label = labels[i];
		answer[i].role = roles[i];
	}
	answer[4] = (struct ui_hint){ "u", "undo", 0 };
	answer[5] = (struct ui_hint){ "?", "keys", 0 };
	ui_view_hints(v, answer, 6);
}

/* The progress bar, and the card's tags and deck at the right. */
static void bar_line(struct drill *d, struct ui_view *v)
{
	long total = d->done + d->left[0] + d->left[1] + d->left[2];
	int bw = v->cols / 2 - 10;
	struct ui_text *t = &v->text;
	struct buf b;
	int room;

	ui_text_newline(t);
	if (d->phase == DRILL_END)
		return;
	ui_text_pad(t, UI_R_TEXT, 0, 1);
	ui_view_bar(t, bw > 40 ? 40 : bw, d->done, total);
	room = v->cols - 1 - ui_text_line_width(t, ui_text_n_lines(t) - 1) -
	       2;
	buf_init(&b);
	ui_item_tags(d->item, &b);
	if (b.len)
		buf_addf(&b, " %s ", ui_glyphs()->dot);
	buf_adds(&b, d->item->card->deck ? d->item->card->deck->id.s : "");
	ui_text_pad(t, UI_R_TEXT, 0, 2);
	ui_text_fit(t, UI_R_DIM, 0, b.s, b.len, room, UI_RIGHT);
	buf_release(&b);
}

void drill_view(struct drill *d, struct ui_view *v)
{
	int rows = v->rows - 5, cursor_line = -1, cursor_col = 0, max;
	char left[96], more[32] = "";
	struct ui_text body;

	ui_text_init(&body);
	if (d->phase == DRILL_END)
		summary_lines(d, &body, v->cols);
	else
		card_lines(d, &body, v->cols, &cursor_line, &cursor_col);
	d->body_lines = (int)ui_text_n_lines(&body);
	d->body_rows = rows;
	max = d->body_lines - rows;
	if (d->reveal_scroll) {
		/* Show as much of the answer as fits, from its rule. */
		d->scroll = max < d->answer_line ? max : d->answer_line;
		d->reveal_scroll = 0;
	}
	if (cursor_line >= 0 && cursor_line >= d->scroll + rows)
		d->scroll = cursor_line - rows + 1;
	if (d->scroll > max)
		d->scroll = max;
	if (d->scroll < 0)
		d->scroll = 0;

	snprintf(left, sizeof(left), "%s %s %s", d->cram ? "cram" : "drill",
		 ui_glyphs()->dot, d->scope);
	if (d->phase == DRILL_END) {
		ui_view_title(v, left, NULL);
	} else {
		char right[96];

		snprintf(right, sizeof(right), "%ld new %s %ld learn %s %ld due",
			 d->left[QUEUE_NEW], ui_glyphs()->dot,
			 d->left[QUEUE_LEARNING], ui_glyphs()->dot,
			 d->left[QUEUE_REVIEW]);
		ui_view_title(v, left, right);
	}
	ui_view_rule(v, NULL, UI_R_RULE, NULL);
	ui_view_body(v, &body, (size_t)d->scroll, rows, 0);
	if (d->scroll + rows < d->body_lines)
		snprintf(more, sizeof(more), "%s more", ui_glyphs()->down);
	else if (d->scroll)
		snprintf(more, sizeof(more), "%s more", ui_glyphs()->up);
	ui_view_rule(v, d->status, d->status_error ? UI_R_ERROR : UI_R_TEXT,
		     more);
	footer(d, v);
	bar_line(d, v);
	if (cursor_line >= d->scroll && cursor_line < d->scroll + rows) {
		v->cursor_row = 2 + cursor_line - d->scroll;
		v->cursor_col = cursor_col;
	}
	ui_text_release(&body);
	ui_view_end(v);
}
