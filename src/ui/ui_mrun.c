/*
 * The running mock interview's screen: state, key tables, handler, view.
 */
#include "ui/ui_mrun.h"

#include <stdio.h>
#include <string.h>

#include "core/xmalloc.h"
#include "mock/mock.h"
#include "ui/ui_keys.h"

/* ---- Keys -------------------------------------------------------------- */

/*
 * The notes' editing keys.  Not UI_EDIT_KEYS: ^E ends the interview here,
 * and the notes have lines to move over.
 */
#define NOTES_KEYS \
	{ UI_KEY_ENTER, UI_A_NEWLINE, "new line" }, \
	{ UI_KEY_LEFT, UI_A_LEFT, "cursor left" }, \
	{ UI_CTRL('b'), UI_A_LEFT, NULL }, \
	{ UI_KEY_RIGHT, UI_A_RIGHT, "cursor right" }, \
	{ UI_CTRL('f'), UI_A_RIGHT, NULL }, \
	{ UI_KEY_UP, UI_A_UP, "cursor up a row" }, \
	{ UI_KEY_DOWN, UI_A_DOWN, "cursor down a row" }, \
	{ UI_KEY_PGUP, UI_A_PGUP, "page up" }, \
	{ UI_KEY_PGDN, UI_A_PGDN, "page down" }, \
	{ UI_ALT('b'), UI_A_WORD_LEFT, "word left" }, \
	{ UI_ALT('f'), UI_A_WORD_RIGHT, "word right" }, \
	{ UI_KEY_HOME, UI_A_HOME, "start of line" }, \
	{ UI_CTRL('a'), UI_A_HOME, NULL }, \
	{ UI_KEY_END, UI_A_END, "end of line" }, \
	{ UI_ALT('<'), UI_A_TOP, "start of the notes" }, \
	{ UI_ALT('>'), UI_A_BOTTOM, "end of the notes" }, \
	{ UI_KEY_BACKSPACE, UI_A_BACKSPACE, "delete back" }, \
	{ UI_CTRL('h'), UI_A_BACKSPACE, NULL }, \
	{ UI_KEY_DELETE, UI_A_DELETE, "delete forward" }, \
	{ UI_CTRL('d'), UI_A_DELETE, NULL }, \
	{ UI_CTRL('w'), UI_A_DEL_WORD, "delete the word before" }, \
	{ UI_ALT(0x7f), UI_A_DEL_WORD, NULL }, \
	{ UI_CTRL('u'), UI_A_KILL_START, "delete to the start of the line" }, \
	{ UI_CTRL('k'), UI_A_KILL_END, "delete to the end of the line" }

#define SESSION_KEYS(hint, ask) \
	{ UI_CTRL('p'), MRUN_A_PAUSE, "pause or resume the clock" }, \
	{ UI_CTRL('n'), MRUN_A_NEXT, "move on to the next phase" }, \
	{ UI_CTRL('t'), MRUN_A_EXTEND, "two more minutes for this phase" }, \
	{ UI_CTRL('g'), MRUN_A_HINT, hint }, \
	{ UI_CTRL('e'), MRUN_A_END, "end the interview (asks first)" }, \
	{ UI_CTRL('o'), MRUN_A_PROMPT, \
	  "show the whole prompt, the facts and the hints" }, \
	{ UI_CTRL('r'), MRUN_A_ASK, ask }, \
	{ UI_CTRL('x'), MRUN_A_EDITOR, \
	  "edit the notes in $VISUAL or $EDITOR" }, \
	{ UI_KEY_ESC, MRUN_A_DISMISS, "dismiss the message above the notes" }, \
	{ UI_CTRL('y'), MRUN_A_STORY, \
	  "behavioural: choose the story being told" }

static const struct ui_binding run_bindings[] = {
	SESSION_KEYS("reveal the phase's next hint",
		     "ask the interviewer the notes line under the cursor"),
	NOTES_KEYS,
	{ UI_KEY_F1, UI_A_HELP, "these keys" },
};

static const struct ui_binding story_bindings[] = {
	UI_MOVE_KEYS,
	{ UI_KEY_ENTER, MRUN_A_PICK, "tell this story for the question" },
	{ UI_KEY_ESC, MRUN_A_STORY, "back to the notes" },
	{ UI_CTRL('y'), MRUN_A_STORY, NULL },
	{ UI_CTRL('p'), MRUN_A_PAUSE, "pause or resume the clock" },
	UI_HELP_KEYS,
};

/* Run for a candidate: alt-1 to alt-9 tick the checklist. */
static const struct ui_binding interviewer_bindings[] = {
	{ UI_ALT('1'), MRUN_A_CHECK,
	  "tick or untick the phase's point 1 (alt-2 to alt-9: the others)" },
	{ UI_ALT('2'), MRUN_A_CHECK + 1, NULL },
	{ UI_ALT('3'), MRUN_A_CHECK + 2, NULL },
	{ UI_ALT('4'), MRUN_A_CHECK + 3, NULL },
	{ UI_ALT('5'), MRUN_A_CHECK + 4, NULL },
	{ UI_ALT('6'), MRUN_A_CHECK + 5, NULL },
	{ UI_ALT('7'), MRUN_A_CHECK + 6, NULL },
	{ UI_ALT('8'), MRUN_A_CHECK + 7, NULL },
	{ UI_ALT('9'), MRUN_A_CHECK + 8, NULL },
	SESSION_KEYS("give the candidate the phase's next hint",
		     "the answer to the candidate's question on this line"),
	NOTES_KEYS,
	{ UI_KEY_F1, UI_A_HELP, "these keys" },
};

static const struct ui_binding prompt_bindings[] = {
	UI_SCROLL_KEYS,
	{ UI_CTRL('o'), MRUN_A_PROMPT, "back to the notes" },
	{ UI_KEY_ESC, MRUN_A_PROMPT, NULL },
	{ UI_KEY_ENTER, MRUN_A_PROMPT, NULL },
	{ 'q', MRUN_A_PROMPT, NULL },
	{ UI_CTRL('p'), MRUN_A_PAUSE, "pause or resume the clock" },
	UI_HELP_KEYS,
};

static const struct ui_binding confirm_bindings[] = {
	{ 'y', MRUN_A_YES, "end the interview and go to scoring" },
	{ 'n', MRUN_A_NO, "keep going" },
	{ UI_KEY_ESC, MRUN_A_NO, NULL },
	{ UI_KEY_F1, UI_A_HELP, "these keys" },
};

const struct ui_keymap mrun_keys = UI_TEXT_KEYMAP("mock interview",
						  run_bindings);
const struct ui_keymap mrun_interviewer_keys = UI_TEXT_KEYMAP(
	"mock interview, interviewer", interviewer_bindings);
const struct ui_keymap mrun_story_keys = UI_KEYMAP(
	"mock interview, your story", story_bindings);
const struct ui_keymap mrun_prompt_keys = UI_KEYMAP("mock interview, prompt",
						    prompt_bindings);
const struct ui_keymap mrun_confirm_keys = UI_KEYMAP(
	"mock interview, ending", confirm_bindings);

const struct ui_keymap *mrun_keymap(const struct mrun *r)
{
	if (r->confirm_end)
		return &mrun_confirm_keys;
	if (r->story_open)
		return &mrun_story_keys;
	if (r->prompt_open)
		return &mrun_prompt_keys;
	return r->interviewer ? &mrun_interviewer_keys : &mrun_keys;
}

/* ---- State ------------------------------------------------------------- */

/* The first line of Markdown md as shown, unwrapped: no ** or ` left. */
static char *first_line(const char *md)
{
	struct ui_text t;
	struct buf b;

	ui_text_init(&t);
	buf_init(&b);
	ui_md_render(&t, md, strlen(md), 1 << 14, 0);
	if (ui_text_n_lines(&t))
		ui_text_line_str(&t, 0, &b);
	ui_text_release(&t);
	return buf_detach(&b, NULL);
}

void mrun_init(struct mrun *r, const char *title, const char *subtitle,
	       const char *prompt)
{
	memset(r, 0, sizeof(*r));
	r->title = xstrdup(title);
	r->subtitle = xstrdup(subtitle);
	r->prompt = xstrdup(prompt);
	r->prompt_line = first_line(prompt);
	vec_init(&r->phases, sizeof(struct mrun_phase));
	vec_init(&r->facts, sizeof(char *));
	vec_init(&r->hints, sizeof(char *));
	vec_init(&r->checks, sizeof(struct mrun_check));
	vec_init(&r->followups, sizeof(char *));
	vec_init(&r->story_choices, sizeof(char *));
	notes_init(&r->notes, 0);
}

static void strings_release(struct vec *v)
{
	for (size_t i = 0; i < v->len; i++)
		xfree(*(char **)vec_at(v, i));
	vec_release(v);
}

void mrun_clear_phases(struct mrun *r)
{
	for (size_t i = 0; i < r->phases.len; i++)
		xfree(((struct mrun_phase *)vec_at(&r->phases, i))->name);
	r->phases.len = 0;
}

void mrun_set_question(struct mrun *r, const char *question,
		       const char *story)
{
	xfree(r->question);
	xfree(r->story);
	r->question = question ? xstrdup(question) : NULL;
	r->story = story ? xstrdup(story) : NULL;
}

void mrun_add_story_choice(struct mrun *r, const char *label)
{
	*(char **)vec_push(&r->story_choices) = xstrdup(label);
}

void mrun_clear_checks(struct mrun *r)
{
	for (size_t i = 0; i < r->checks.len; i++)
		xfree(((struct mrun_check *)vec_at(&r->checks, i))->label);
	r->checks.len = 0;
}

void mrun_add_check(struct mrun *r, const char *label, int red_flag,
		    int ticked)
{
	struct mrun_check *c = vec_push(&r->checks);

	c->label = xstrdup(label);
	c->red_flag = red_flag;
	c->ticked = ticked;
}

void mrun_release(struct mrun *r)
{
	mrun_clear_checks(r);
	vec_release(&r->checks);
	mrun_clear_phases(r);
	vec_release(&r->phases);
	strings_release(&r->facts);
	strings_release(&r->hints);
	strings_release(&r->followups);
	strings_release(&r->story_choices);
	xfree(r->question);
	xfree(r->story);
	notes_release(&r->notes);
	xfree(r->title);
	xfree(r->subtitle);
	xfree(r->prompt);
	xfree(r->prompt_line);
	xfree(r->band_text);
	xfree(r->status);
	memset(r, 0, sizeof(*r));
}

void mrun_add_phase(struct mrun *r, const char *name, int64_t planned_ms,
		    int64_t used_ms)
{
	struct mrun_phase *p = vec_push(&r->phases);

	p->name = xstrdup(name);
	p->planned_ms = planned_ms;
	p->used_ms = used_ms;
}

void mrun_add_fact(struct mrun *r, const char *question, const char *answer)
{
	struct buf b;

	buf_init(&b);
	buf_addf(&b, "%s → %s", question, answer);
	*(char **)vec_push(&r->facts) = buf_detach(&b, NULL);
}

void mrun_clear_hints(struct mrun *r)
{
	strings_release(&r->hints);
	vec_init(&r->hints, sizeof(char *));
}

void mrun_add_hint(struct mrun *r, const char *hint)
{
	*(char **)vec_push(&r->hints) = xstrdup(hint);
}

void mrun_add_followup(struct mrun *r, const char *question)
{
	*(char **)vec_push(&r->followups) = xstrdup(question);
}

void mrun_set_band(struct mrun *r, enum mrun_band kind, const char *text)
{
	xfree(r->band_text);
	r->band = text ? kind : MRUN_BAND_NONE;
	r->band_text = text && kind != MRUN_BAND_NONE ? xstrdup(text) : NULL;
	if (!r->band_text)
		r->band = MRUN_BAND_NONE;
}

void mrun_set_status(struct mrun *r, const char *msg)
{
	xfree(r->status);
	r->status = msg ? xstrdup(msg) : NULL;
}

/* ---- Keys -------------------------------------------------------------- */

static int request(struct mrun *r, enum mrun_request req)
{
	r->req = req;
	return UI_SAVE | UI_REDRAW;
}

static int session_key(struct mrun *r, int act)
{
	size_t len;

	switch (act) {
	case MRUN_A_PAUSE:
		return request(r, MRUN_REQ_PAUSE);
	case MRUN_A_NEXT:
		if (r->cur + 1 >= r->phases.len) {
			mrun_set_status(r, "this is the last phase: ^E ends "
				       "the interview");
			return UI_REDRAW;
		}
		return request(r, MRUN_REQ_NEXT);
	case MRUN_A_EXTEND:
		return request(r, MRUN_REQ_EXTEND);
	case MRUN_A_HINT:
		if (!r->hints_left) {
			mrun_set_status(r, "no hints left in this phase");
			return UI_REDRAW;
		}
		return request(r, MRUN_REQ_HINT);
	case MRUN_A_ASK:
		notes_current(&r->notes, &len);
		if (!len) {
			mrun_set_status(r, "write the question on a line of "
				       "the notes, then ^R");
			return UI_REDRAW;
		}
		return request(r, MRUN_REQ_ASK);
	case MRUN_A_EDITOR:
		return request(r, MRUN_REQ_EDITOR);
	case MRUN_A_END:
		r->confirm_end = 1;
		return UI_REDRAW;
	case MRUN_A_STORY:
		if (!r->behavioural) {
			mrun_set_status(r, "stories are for behavioural "
				       "rounds");
			return UI_REDRAW;
		}
		strings_release(&r->story_choices);
		vec_init(&r->story_choices, sizeof(char *));
		r->story_sel = 0;
		r->story_open = 1;
		return request(r, MRUN_REQ_STORIES);
	case MRUN_A_DISMISS:
		if (r->band == MRUN_BAND_NONE)
			return 0;
		mrun_set_band(r, MRUN_BAND_NONE, NULL);
		return request(r, MRUN_REQ_DISMISS);
	default:
		if (act < MRUN_A_CHECK || act > MRUN_A_CHECK_LAST ||
		    !r->interviewer)
			return 0;
		r->req_index = (size_t)(act - MRUN_A_CHECK);
		if (r->req_index >= r->checks.len) {
			mrun_set_status(r, "this phase has no such point");
			return UI_REDRAW;
		}
		return request(r, MRUN_REQ_CHECK);
	}
}

/* The story picker's keys: move, pick, close. */
static int story_key(struct mrun *r, int act)
{
	int moved = ui_list_move(&r->story_sel, r->story_choices.len, 5, act);

	if (moved >= 0)
		return moved;
	switch (act) {
	case MRUN_A_STORY:
		r->story_open = 0;
		return UI_REDRAW;
	case MRUN_A_PICK:
		r->story_open = 0;
		r->req_index = r->story_sel;
		return request(r, MRUN_REQ_STORY);
	case MRUN_A_PAUSE:
		return request(r, MRUN_REQ_PAUSE);
	default:
		return 0;
	}
}

int mrun_handle(struct mrun *r, int act, uint32_t cp, int64_t now_ms)
{
	int fx = 0;

	(void)now_ms;
	r->req = MRUN_REQ_NONE;
	if (r->status) {
		mrun_set_status(r, NULL);
		fx = UI_REDRAW;
	}
	if (r->confirm_end) {
		if (act == MRUN_A_YES) {
			r->confirm_end = 0;
			return request(r, MRUN_REQ_END);
		}
		if (act == MRUN_A_NO) {
			r->confirm_end = 0;
			return UI_REDRAW;
		}
		return fx;
	}
	if (r->story_open)
		return fx | story_key(r, act);
	if (r->prompt_open) {
		int step = ui_scroll_step(act, r->prompt_rows > 2
					       ? r->prompt_rows - 1 : 1);

		if (step) {
			r->prompt_scroll += step;
			return UI_REDRAW;
		}
		if (act == MRUN_A_PROMPT) {
			r->prompt_open = 0;
			return UI_REDRAW;
		}
		return fx | session_key(r, act);
	}
	if (act == MRUN_A_PROMPT) {
		r->prompt_open = 1;
		r->prompt_scroll = 0;
		return UI_REDRAW;
	}
	if (act >= UI_A_SCREEN)
		return fx | session_key(r, act);
	return fx | (notes_edit(&r->notes, act, cp) ? UI_REDRAW : 0);
}

/* ---- View -------------------------------------------------------------- */

static const struct mrun_phase *phase_at(const struct mrun *r, size_t i)
{
	return vec_at(&r->phases, i);
}

/*
 * A behavioural question's clock: the answer's own time first ("answer
 * 1:42 left", "wrap up" once two minutes are gone), then the rest of the
 * slot as follow-up time.
 */
static void answer_clock(const struct mrun *r, char *out, size_t size)
{
	char t[16];

	if (r->used_ms < r->answer_ms) {
		mock_format_ms(r->answer_ms - r->used_ms, t);
		snprintf(out, size, "answer %s left%s", t,
			 r->used_ms >= MOCK_WRAP_UP_MS ? " · wrap up" : "");
	} else {
		snprintf(out, size, "follow-ups %s left", r->left);
	}
}

/* "phase 2 of 5   High-level design          11:42 left" */
static void phase_line(const struct mrun *r, struct ui_view *v)
{
	struct ui_text *t = &v->text;
	const struct mrun_phase *p = r->phases.len ? phase_at(r, r->cur) : NULL;
	const char *left = r->left;
	char head[48], right[40];
	int over = r->phase_left_ms < 0, rw, lw;

	snprintf(head, sizeof(head), "phase %zu of %zu", r->cur + 1,
		 r->phases.len);
	if (r->paused)
		snprintf(right, sizeof(right), "paused · %s %s", left,
			 over ? "over" : "left");
	else if (r->behavioural && !over)
		answer_clock(r, right, sizeof(right));
	else if (over)
		/* The marker says it without colour: ! and the word. */
		snprintf(right, sizeof(right), "! %s over", left);
	else
		snprintf(right, sizeof(right), "%s left", left);
	rw = ui_str_width(right, strlen(right));
	ui_text_newline(t);
	ui_text_pad(t, UI_R_TEXT, 0, 1);
	ui_text_adds(t, UI_R_TITLE, UI_BOLD, head);
	ui_text_pad(t, UI_R_TEXT, 0, 3);
	lw = v->cols - 2 - ui_str_width(head, strlen(head)) - 3 - rw - 2;
	if (p && lw > 0)
		ui_text_fit(t, UI_R_TEXT, 0, p->name, strlen(p->name), lw,
			    UI_LEFT);
	else if (lw > 0)
		ui_text_pad(t, UI_R_TEXT, 0, lw);
	ui_text_pad(t, UI_R_TEXT, 0, 2);
	ui_text_adds(t, over ? UI_R_ERROR : r->paused ? UI_R_HARD : UI_R_TEXT,
		     over || r->paused ? UI_BOLD : 0, right);
}

/* The phases in a row: ✓ done, ▶ current, · to come. */
static void phase_strip(const struct mrun *r, struct ui_view *v)
{
	struct ui_text *t = &v->text;
	const struct ui_glyphs *g = ui_glyphs();
	int n = (int)r->phases.len, slot;

	ui_text_newline(t);
	if (!n)
		return;
	slot = (v->cols - 2) / n;
	ui_text_pad(t, UI_R_TEXT, 0, 1);
	for (int i = 0; i < n; i++) {
		const struct mrun_phase *p = phase_at(r, (size_t)i);
		int is_cur = (size_t)i == r->cur;
		int done = (size_t)i < r->cur;

		if (slot < 4)
			break;
		ui_text_adds(t, is_cur ? UI_R_SELECTED : done ? UI_R_OK
							      : UI_R_DIM,
			     is_cur ? UI_BOLD : 0,
			     is_cur ? g->select : done ? g->check : g->dot);
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		ui_text_fit(t, is_cur ? UI_R_SELECTED : UI_R_DIM,
			    is_cur ? UI_BOLD : 0, p->name, strlen(p->name),
			    slot - 3, UI_LEFT);
		ui_text_pad(t, UI_R_TEXT, 0, 1);
	}
}

/* The whole session: a bar, then "14:18 of 45:00". */
static void session_bar(const struct mrun *r, struct ui_view *v)
{
	struct ui_text *t = &v->text;
	const struct ui_glyphs *g = ui_glyphs();
	char el[16], tot[16], tail[40];
	int w, full;

	ui_format_duration(r->elapsed_ms, el);
	ui_format_duration(r->total_ms, tot);
	snprintf(tail, sizeof(tail), " %s of %s", el, tot);
	w = v->cols - 2 - ui_str_width(tail, strlen(tail));
	full = r->total_ms > 0 ? (int)((double)w * (double)r->elapsed_ms /
				       (double)r->total_ms) : 0;
	if (full > w)
		full = w;
	ui_text_newline(t);
	ui_text_pad(t, UI_R_TEXT, 0, 1);
	for (int i = 0; i < w; i++)
		ui_text_adds(t, i < full ? UI_R_BAR : UI_R_DIM, 0,
			     i < full ? g->bar_full : g->bar_empty);
	ui_text_adds(t, UI_R_DIM, 0, tail);
}

static const char *band_label(enum mrun_band b, int interviewer)
{
	switch (b) {
	case MRUN_BAND_FOLLOWUP:
		return interviewer ? "ask the candidate" : "the interviewer asks";
	case MRUN_BAND_ANSWER:
		return interviewer ? "the answer to give" : "the interviewer answers";
	case MRUN_BAND_NOTICE:
		return interviewer ? "time" : "the interviewer";
	case MRUN_BAND_HINT:
		return interviewer ? "the hint to give" : "hint";
	default:
		return "";
	}
}

/* The band: a labelled rule and up to max lines of text. */
static void band(const struct mrun *r, struct ui_view *v, int max)
{
	struct ui_text body;
	size_t n;

	ui_view_rule(v, band_label(r->band, r->interviewer), UI_R_TITLE,
		     "esc dismisses");
	ui_text_init(&body);
	ui_wrap_text(&body, v->cols - 4, UI_R_TEXT, r->band_text,
		     strlen(r->band_text));
	n = ui_text_n_lines(&body);
	ui_view_body(v, &body, 0, (int)(n < (size_t)max ? n : (size_t)max), 3);
	ui_text_release(&body);
}

/*
 * The side column at wide terminals: facts obtained and hints shown, and
 * for an interviewer the follow-ups to ask.
 */
static void side_text(const struct mrun *r, struct ui_text *t, int w)
{
	const struct vec *lists[3] = { &r->facts, &r->hints, &r->followups };
	static const char *const heads[3] = { "facts",
					      "hints · ^G gives the next",
					      "follow-ups to ask" };
	int n = r->interviewer ? 3 : 2;

	for (int k = 0; k < n; k++) {
		ui_rule_text(t, w + 2, k == 1 && !r->interviewer ? "hints"
								 : heads[k],
			     UI_R_TITLE, NULL);
		if (!lists[k]->len) {
			ui_text_newline(t);
			ui_text_adds(t, UI_R_DIM, 0,
				     k == 2 ? " none in this scenario"
				     : k && r->interviewer ? " none in this phase"
				     : k ? " none revealed"
					 : " none asked yet");
		}
		for (size_t i = 0; i < lists[k]->len; i++) {
			const char *s = *(char **)vec_at(lists[k], i);
			struct ui_wrap wr;

			ui_wrap_begin(&wr, t, w, " - ", "   ", UI_R_MARK);
			ui_wrap_add(&wr, UI_R_TEXT, 0, s, strlen(s));
			ui_wrap_end(&wr);
		}
		ui_text_newline(t);
	}
}

/* Interviewer mode: the phase's points, "1 [x] label", red flags marked. */
static void checklist(const struct mrun *r, struct ui_view *v)
{
	struct ui_text *t = &v->text;

	ui_view_rule(v, "key points · alt-1 to alt-9 tick them", UI_R_TITLE,
		     NULL);
	if (!r->checks.len) {
		ui_text_newline(t);
		ui_text_adds(t, UI_R_DIM, 0, "  none in this phase");
	}
	for (size_t i = 0; i < r->checks.len; i++) {
		const struct mrun_check *c = vec_at(&r->checks, i);

		ui_text_newline(t);
		ui_text_addf(t, UI_R_KEY, UI_BOLD, " %zu ", i + 1);
		ui_text_adds(t, c->ticked ? (c->red_flag ? UI_R_ERROR
							 : UI_R_OK)
					  : UI_R_DIM,
			     c->ticked ? UI_BOLD : 0,
			     c->ticked ? "[x] " : "[ ] ");
		if (c->red_flag)
			ui_text_adds(t, UI_R_ERROR, 0, "red flag: ");
		ui_text_fit(t, UI_R_TEXT, 0, c->label, strlen(c->label),
			    v->cols - 20, UI_LEFT);
	}
}

/* The notes, and beside them at wide terminals the side column. */
static void notes_pane(struct mrun *r, struct ui_view *v, int rows)
{
	int side = v->cols >= 110 ? 36 : 0;
	int w = v->cols - 2 - (side ? side + 3 : 0);
	struct ui_text notes, col;
	int crow, ccol, top = ui_view_used(v);

	ui_text_init(&notes);
	ui_text_init(&col);
	notes_view(&r->notes, &notes, w, rows, &crow, &ccol);
	if (side)
		side_text(r, &col, side);
	for (int i = 0; i < rows; i++) {
		ui_text_newline(&v->text);
		ui_text_pad(&v->text, UI_R_TEXT, 0, 1);
		ui_text_append_line(&v->text, &notes, (size_t)i);
		if (!side || (size_t)i >= ui_text_n_lines(&col))
			continue;
		ui_text_fill(&v->text, UI_R_TEXT, 0, 1 + w + 2);
		ui_text_append_line(&v->text, &col, (size_t)i);
	}
	if (!r->prompt_open && !r->confirm_end) {
		v->cursor_row = top + crow;
		v->cursor_col = 1 + ccol;
	}
	ui_text_release(&notes);
	ui_text_release(&col);
}

/* ^O: the prompt whole, then the facts and hints, scrolled. */
static void prompt_pane(struct mrun *r, struct ui_view *v, int rows)
{
	struct ui_text body;
	int w = ui_text_width(v->cols, 3), n;

	ui_text_init(&body);
	ui_md_render(&body, r->prompt, strlen(r->prompt), w, 0);
	ui_text_newline(&body);
	side_text(r, &body, w);
	n = (int)ui_text_n_lines(&body);
	if (r->prompt_scroll > n - rows)
		r->prompt_scroll = n - rows;
	if (r->prompt_scroll < 0)
		r->prompt_scroll = 0;
	r->prompt_rows = rows;
	ui_view_body(v, &body, (size_t)r->prompt_scroll, rows, 3);
	ui_text_release(&body);
}

/* "Q2 of 4  Tell me about ..." (the line goes on with ^O), then below
 * it, in a behavioural round, the story told. */
static void question_lines(const struct mrun *r, struct ui_view *v)
{
	struct ui_text *t = &v->text;
	const char *q = r->question ? r->question : "";
	char head[32];

	snprintf(head, sizeof(head), "Q%zu of %zu  ", r->cur + 1,
		 r->phases.len);
	ui_text_adds(t, UI_R_TITLE, UI_BOLD, head);
	ui_text_fit(t, UI_R_TEXT, UI_BOLD, q, strlen(q),
		    v->cols - 7 - ui_str_width(head, strlen(head)), UI_LEFT);
	/* The ^O after it closes the first line; the story goes below. */
	ui_text_pad(t, UI_R_TEXT, 0, 2);
	ui_text_adds(t, UI_R_KEY, UI_BOLD, "^O");
	if (!r->behavioural)
		return;
	ui_text_newline(t);
	ui_text_pad(t, UI_R_TEXT, 0, 1);
	ui_text_adds(t, UI_R_DIM, 0, "story: ");
	if (r->story) {
		int w = ui_str_width(r->story, strlen(r->story));

		ui_text_fit(t, UI_R_TEXT, 0, r->story, strlen(r->story),
			    w < v->cols - 30 ? w : v->cols - 30, UI_LEFT);
	}
	else
		ui_text_adds(t, UI_R_DIM, 0, "none chosen");
	ui_text_pad(t, UI_R_TEXT, 0, 2);
	ui_text_adds(t, UI_R_KEY, UI_BOLD, "^Y");
	ui_text_adds(t, UI_R_DIM, 0, " chooses");
}

/* ^Y: the bank's stories, those for the question first, and a new one. */
static void story_pane(struct mrun *r, struct ui_view *v, int rows)
{
	struct ui_text *t = &v->text;
	const struct ui_glyphs *g = ui_glyphs();

	ui_view_rule(v, "which story are you telling?", UI_R_TITLE,
		     "enter tells it");
	for (size_t i = 0; i < r->story_choices.len && (int)i < rows - 1;
	     i++) {
		const char *c = *(char **)vec_at(&r->story_choices, i);
		int sel = i == r->story_sel;

		ui_text_newline(t);
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		ui_text_adds(t, sel ? UI_R_SELECTED : UI_R_TEXT,
			     sel ? UI_BOLD : 0, sel ? g->select : " ");
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		ui_text_fit(t, sel ? UI_R_SELECTED : UI_R_TEXT, 0, c,
			    strlen(c), v->cols - 4, UI_LEFT);
	}
}

static void footer(const struct mrun *r, struct ui_view *v)
{
	char hint[32];

	if (r->confirm_end) {
		static const struct ui_hint h[] = {
			{ "y", "end and score", 0 },
			{ "n", "keep going", 0 },
			{ "F1", "keys", 0 },
		};

		ui_view_rule(v, "end the interview now?", UI_R_ERROR, NULL);
		ui_text_newline(&v->text);
		ui_view_hints(v, h, sizeof(h) / sizeof(h[0]));
		return;
	}
	snprintf(hint, sizeof(hint), "hint (%zu left)", r->hints_left);
	{
		const struct ui_hint session[] = {
			{ "^P", r->paused ? "resume" : "pause", 0 },
			{ "^N", "next phase", 0 },
			{ "^T", "+2 min", 0 },
			{ "^G", hint, r->hints_left ? 0 : UI_R_DIM },
			{ "^E", "end", 0 },
		};
		const struct ui_hint notes[] = {
			{ "^O", r->prompt_open ? "notes" : "prompt", 0 },
			{ r->interviewer ? "M-1..9" : "^R",
			  r->interviewer ? "tick" : "ask this line", 0 },
			{ "^X", "editor", 0 },
			{ "esc", "dismiss", r->band ? 0 : UI_R_DIM },
			{ "F1", "keys", 0 },
		};

		ui_view_rule(v, r->status, UI_R_HARD, NULL);
		ui_view_hints(v, session, sizeof(session) / sizeof(session[0]));
		ui_view_hints(v, notes, sizeof(notes) / sizeof(notes[0]));
	}
}

void mrun_view(struct mrun *r, struct ui_view *v)
{
	struct ui_text *t = &v->text;
	int rows;

	ui_view_title(v, r->title, r->subtitle);
	ui_view_rule(v, NULL, UI_R_RULE, NULL);
	phase_line(r, v);
	phase_strip(r, v);
	session_bar(r, v);
	ui_view_rule(v, NULL, UI_R_RULE, NULL);
	if (!r->prompt_open) {
		ui_text_newline(t);
		ui_text_pad(t, UI_R_TEXT, 0, 1);
		if (r->question) {
			question_lines(r, v);
		} else {
			ui_text_fit(t, UI_R_TEXT, 0, r->prompt_line,
				    strlen(r->prompt_line), v->cols - 7,
				    UI_LEFT);
			ui_text_pad(t, UI_R_TEXT, 0, 2);
			ui_text_adds(t, UI_R_KEY, UI_BOLD, "^O");
		}
		if (r->band)
			band(r, v, v->rows >= 30 ? 4 : 2);
		if (r->interviewer)
			checklist(r, v);
		if (!r->story_open)
			ui_view_rule(v, r->interviewer ? "your observations"
						       : "notes",
				     UI_R_TITLE, NULL);
	}
	rows = v->rows - ui_view_used(v) - 3;
	if (rows < 1)
		rows = 1;
	if (r->story_open)
		story_pane(r, v, rows);
	else if (r->prompt_open)
		prompt_pane(r, v, rows);
	else
		notes_pane(r, v, rows);
	footer(r, v);
	ui_view_end(v);
}
