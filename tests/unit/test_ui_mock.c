/*
 * The mock interview's screens as plain data: picker, running session,
 * coverage, rubric scoring and result, driven through their handlers and
 * checked through their views, with no terminal and no clock.
 */
#include "test_util.h"

#include <locale.h>

#include "core/buf.h"
#include "core/xmalloc.h"
#include "ui/ui_int.h"
#include "ui/ui_mcover.h"
#include "ui/ui_mpick.h"
#include "ui/ui_mresult.h"
#include "ui/ui_mrun.h"
#include "ui/ui_mscore.h"

#define NOW 1000

/* The view as text, each line's trailing blanks cut; checks its size. */
static char *dump_view(const struct ui_view *v)
{
	struct buf b;

	assert_int_equal(ui_view_used(v), v->rows);
	buf_init(&b);
	for (int i = 0; i < v->rows; i++) {
		size_t start = b.len;

		assert_true(ui_text_line_width(&v->text, (size_t)i) <= v->cols);
		ui_text_line_str(&v->text, (size_t)i, &b);
		while (b.len > start && b.s[b.len - 1] == ' ')
			buf_setlen(&b, b.len - 1);
		buf_addch(&b, '\n');
	}
	return buf_detach(&b, NULL);
}

#define assert_has(s, want) do { \
	if (!strstr(s, want)) \
		fprintf(stderr, "got:\n%s", s); \
	assert_non_null(strstr(s, want)); \
} while (0)

#define assert_lacks(s, want) assert_null(strstr(s, want))

static void run_fill(struct mrun *r)
{
	mrun_init(r, "mock · Design a URL shortener", "system design · 45 min",
		  "Design a service that turns long URLs into short links.");
	mrun_add_phase(r, "Clarify requirements", 300000, 300000);
	mrun_add_phase(r, "High-level design", 900000, 120000);
	mrun_add_phase(r, "Program plan", 600000, 0);
	r->cur = 1;
	r->phase_left_ms = 780000;
	snprintf(r->left, sizeof(r->left), "13:00");
	r->elapsed_ms = 420000;
	r->total_ms = 1800000;
	r->hints_left = 2;
}

static char *run_view(struct mrun *r, int rows, int cols, struct ui_view *v)
{
	ui_view_begin(v, rows, cols);
	mrun_view(r, v);
	return dump_view(v);
}

static void mrun_shows_phase_countdown_bar_and_keys(void **state)
{
	struct mrun r;
	struct ui_view v;
	char *s;

	(void)state;
	ui_view_init(&v);
	run_fill(&r);
	s = run_view(&r, 24, 80, &v);
	assert_has(s, " mock · Design a URL shortener");
	assert_has(s, "system design · 45 min\n");
	assert_has(s, " phase 2 of 3   High-level design");
	assert_has(s, "13:00 left\n");
	assert_has(s, "✓ Clarify requirements");
	assert_has(s, "▶ High-level design");
	assert_has(s, "· Program plan");
	assert_has(s, " 7:00 of 30:00\n");
	assert_has(s, "^G hint (2 left)");
	assert_has(s, "^E end");
	assert_has(s, "^R ask this line");
	xfree(s);
	/* Over time: the count goes up, with a marker that needs no colour. */
	r.phase_left_ms = -42000;
	snprintf(r.left, sizeof(r.left), "+0:42");
	s = run_view(&r, 24, 80, &v);
	assert_has(s, "! +0:42 over\n");
	xfree(s);
	r.paused = 1;
	s = run_view(&r, 24, 80, &v);
	assert_has(s, "paused · +0:42 over\n");
	assert_has(s, "^P resume");
	xfree(s);
	mrun_release(&r);
	ui_view_release(&v);
}

/* The folded prompt is its first line as shown: no Markdown marks. */
static void mrun_folded_prompt_is_rendered(void **state)
{
	struct mrun r;
	struct ui_view v;
	char *s;

	(void)state;
	ui_view_init(&v);
	mrun_init(&r, "mock · ambiguity", "behavioural · 24 min",
		  "A round on **ambiguity** and `unclear` goals.\n\n"
		  "1. Tell me about a goal.\n");
	s = run_view(&r, 24, 80, &v);
	assert_has(s, "A round on ambiguity and unclear goals.");
	assert_lacks(s, "**");
	assert_lacks(s, "`");
	xfree(s);
	mrun_release(&r);
	ui_view_release(&v);
}

static void mrun_notes_take_letters_and_show_the_cursor(void **state)
{
	struct mrun r;
	struct ui_view v;
	char *s;

	(void)state;
	ui_view_init(&v);
	run_fill(&r);
	assert_ptr_equal(mrun_keymap(&r), &mrun_keys);
	/* Letters are text here, even q and ?; F1 is the help. */
	assert_int_equal(ui_key_action(&mrun_keys, 'q'), UI_A_CHAR);
	assert_int_equal(ui_key_action(&mrun_keys, '?'), UI_A_CHAR);
	assert_int_equal(ui_key_action(&mrun_keys, UI_KEY_F1), UI_A_HELP);
	assert_int_equal(ui_key_action(&mrun_keys, UI_KEY_ENTER),
			 UI_A_NEWLINE);
	assert_int_equal(mrun_handle(&r, UI_A_CHAR, 'L', NOW), UI_REDRAW);
	mrun_handle(&r, UI_A_CHAR, 'B', NOW);
	mrun_handle(&r, UI_A_NEWLINE, 0, NOW);
	mrun_handle(&r, UI_A_CHAR, 'x', NOW);
	s = run_view(&r, 24, 80, &v);
	assert_has(s, " ── notes ───");
	assert_has(s, "\n LB\n x\n");
	xfree(s);
	/* The cursor after the x, in the notes pane. */
	assert_int_equal(v.cursor_col, 2);
	assert_int_equal(v.cursor_row, 9);
	mrun_release(&r);
	ui_view_release(&v);
}

static void mrun_session_keys_ask_the_app(void **state)
{
	struct mrun r;
	struct ui_view v;
	char *s;

	(void)state;
	ui_view_init(&v);
	run_fill(&r);
	assert_int_equal(mrun_handle(&r, MRUN_A_PAUSE, 0, NOW),
			 UI_SAVE | UI_REDRAW);
	assert_int_equal(r.req, MRUN_REQ_PAUSE);
	mrun_handle(&r, MRUN_A_NEXT, 0, NOW);
	assert_int_equal(r.req, MRUN_REQ_NEXT);
	mrun_handle(&r, MRUN_A_EXTEND, 0, NOW);
	assert_int_equal(r.req, MRUN_REQ_EXTEND);
	mrun_handle(&r, MRUN_A_HINT, 0, NOW);
	assert_int_equal(r.req, MRUN_REQ_HINT);
	mrun_handle(&r, MRUN_A_EDITOR, 0, NOW);
	assert_int_equal(r.req, MRUN_REQ_EDITOR);
	/* Asking needs a question on the line. */
	assert_int_equal(mrun_handle(&r, MRUN_A_ASK, 0, NOW), UI_REDRAW);
	assert_int_equal(r.req, MRUN_REQ_NONE);
	assert_string_equal(r.status,
			    "write the question on a line of the notes, then ^R");
	mrun_handle(&r, UI_A_CHAR, '?', NOW);
	assert_null(r.status);
	mrun_handle(&r, MRUN_A_ASK, 0, NOW);
	assert_int_equal(r.req, MRUN_REQ_ASK);
	/* No hint left, or no phase after this one: said, nothing asked. */
	r.hints_left = 0;
	assert_int_equal(mrun_handle(&r, MRUN_A_HINT, 0, NOW), UI_REDRAW);
	assert_int_equal(r.req, MRUN_REQ_NONE);
	assert_string_equal(r.status, "no hints left in this phase");
	r.cur = 2;
	mrun_handle(&r, MRUN_A_NEXT, 0, NOW);
	assert_int_equal(r.req, MRUN_REQ_NONE);
	assert_string_equal(r.status,
			    "this is the last phase: ^E ends the interview");
	/* The band: shown until dismissed, and the app hears of it. */
	mrun_set_band(&r, MRUN_BAND_FOLLOWUP, "What if traffic grows tenfold?");
	s = run_view(&r, 24, 80, &v);
	assert_has(s, " ── the interviewer asks ──");
	assert_has(s, "\n   What if traffic grows tenfold?\n");
	xfree(s);
	mrun_handle(&r, MRUN_A_DISMISS, 0, NOW);
	assert_int_equal(r.req, MRUN_REQ_DISMISS);
	assert_int_equal(r.band, MRUN_BAND_NONE);
	assert_int_equal(mrun_handle(&r, MRUN_A_DISMISS, 0, NOW), 0);
	mrun_release(&r);
	ui_view_release(&v);
}

static void mrun_end_asks_first(void **state)
{
	struct mrun r;
	struct ui_view v;
	char *s;

	(void)state;
	ui_view_init(&v);
	run_fill(&r);
	assert_int_equal(mrun_handle(&r, MRUN_A_END, 0, NOW), UI_REDRAW);
	assert_int_equal(r.req, MRUN_REQ_NONE);
	assert_ptr_equal(mrun_keymap(&r), &mrun_confirm_keys);
	s = run_view(&r, 24, 80, &v);
	assert_has(s, "end the interview now?");
	assert_has(s, "y end and score");
	xfree(s);
	/* No cursor while asking: keys are not typed into the notes. */
	assert_int_equal(v.cursor_row, -1);
	mrun_handle(&r, MRUN_A_NO, 0, NOW);
	assert_int_equal(r.req, MRUN_REQ_NONE);
	assert_ptr_equal(mrun_keymap(&r), &mrun_keys);
	mrun_handle(&r, MRUN_A_END, 0, NOW);
	assert_int_equal(mrun_handle(&r, MRUN_A_YES, 0, NOW),
			 UI_SAVE | UI_REDRAW);
	assert_int_equal(r.req, MRUN_REQ_END);
	mrun_release(&r);
	ui_view_release(&v);
}

static void mrun_prompt_shows_whole_with_facts_and_hints(void **state)
{
	struct mrun r;
	struct ui_view v;
	char *s;

	(void)state;
	ui_view_init(&v);
	run_fill(&r);
	mrun_add_fact(&r, "How many users?", "Ten million a day.");
	mrun_add_hint(&r, "Think about the id scheme.");
	mrun_handle(&r, MRUN_A_PROMPT, 0, NOW);
	assert_ptr_equal(mrun_keymap(&r), &mrun_prompt_keys);
	s = run_view(&r, 24, 80, &v);
	assert_has(s, "   Design a service that turns long URLs into short "
		   "links.\n");
	assert_has(s, "How many users? → Ten million a day.");
	assert_has(s, "Think about the id scheme.");
	assert_lacks(s, "── notes");
	xfree(s);
	mrun_handle(&r, MRUN_A_PROMPT, 0, NOW);
	assert_ptr_equal(mrun_keymap(&r), &mrun_keys);
	/* Wide: the facts and hints sit beside the notes. */
	s = run_view(&r, 40, 120, &v);
	assert_has(s, "── facts ──");
	assert_has(s, "- How many users? → Ten million a\n");
	xfree(s);
	mrun_release(&r);
	ui_view_release(&v);
}

static void score_fill(struct mscore *s)
{
	static const char *const lv[3][4] = {
		{ "Asks nothing.", "Asks a little.", "Sizes the load.",
		  "Sets targets." },
		{ "No design.", "Boxes.", "Paths.", "Clean boundaries." },
		{ "No plan.", "Tasks.", "Milestones.", "Rollout." },
	};
	struct mscore_crit *c;

	mscore_init(s, "Test system design");
	c = mscore_add(s, "Requirements", 2, lv[0]);
	mscore_add_evidence(c, MSCORE_EV_COVERED, "users and load");
	mscore_add_evidence(c, MSCORE_EV_FACT, "How many? → Ten million.");
	c = mscore_add(s, "Design", 1, lv[1]);
	mscore_add_evidence(c, MSCORE_EV_MISSED, "rate limiting");
	mscore_add(s, "Program plan", 1, lv[2]);
}

static char *score_view(struct mscore *sc, int rows, int cols,
			struct ui_view *v)
{
	ui_view_begin(v, rows, cols);
	mscore_view(sc, v);
	return dump_view(v);
}

static void mscore_one_criterion_with_levels_and_evidence(void **state)
{
	struct mscore sc;
	struct ui_view v;
	char *s;

	(void)state;
	ui_view_init(&v);
	score_fill(&sc);
	s = score_view(&sc, 24, 80, &v);
	assert_has(s, " rubric · Test system design · 1 of 3 · Requirements");
	assert_has(s, "weight 2\n");
	assert_has(s, "\n   1  Asks nothing.\n   2  Asks a little.\n"
		   "   3  Sizes the load.\n   4  Sets targets.\n");
	assert_has(s, "evidence from the session");
	assert_has(s, "  ✓ users and load\n");
	assert_has(s, "  ? How many? → Ten million.\n");
	assert_has(s, "1-4 score");
	xfree(s);
	mscore_handle(&sc, MSCORE_A_3, 0, NOW);
	s = score_view(&sc, 24, 80, &v);
	assert_has(s, "\n ▶ 3  Sizes the load.\n");
	xfree(s);
	/* Wide: every criterion in a table above. */
	s = score_view(&sc, 40, 120, &v);
	assert_has(s, "criterion");
	assert_has(s, "▶ Requirements");
	assert_has(s, "  Design  ");
	xfree(s);
	mscore_release(&sc);
	ui_view_release(&v);
}

static void mscore_back_and_forth_then_confirm(void **state)
{
	struct mscore sc;
	struct ui_view v;
	char *s;

	(void)state;
	ui_view_init(&v);
	score_fill(&sc);
	mscore_handle(&sc, MSCORE_A_2, 0, NOW);
	/* A comment, then one put back with esc. */
	mscore_handle(&sc, MSCORE_A_COMMENT, 0, NOW);
	assert_ptr_equal(mscore_keymap(&sc), &mscore_comment_keys);
	mscore_handle(&sc, UI_A_CHAR, 'o', NOW);
	mscore_handle(&sc, UI_A_CHAR, 'k', NOW);
	mscore_handle(&sc, UI_A_SUBMIT, 0, NOW);
	assert_string_equal(mscore_crit(&sc, 0)->comment.text.s, "ok");
	mscore_handle(&sc, MSCORE_A_COMMENT, 0, NOW);
	mscore_handle(&sc, UI_A_CHAR, '!', NOW);
	s = score_view(&sc, 24, 80, &v);
	assert_has(s, "   comment: ok!\n");
	xfree(s);
	assert_true(v.cursor_row > 0);
	mscore_handle(&sc, UI_A_CANCEL, 0, NOW);
	assert_string_equal(mscore_crit(&sc, 0)->comment.text.s, "ok");
	/* Not every criterion scored: enter goes to the first missing. */
	mscore_handle(&sc, MSCORE_A_NEXT, 0, NOW);
	mscore_handle(&sc, MSCORE_A_NEXT, 0, NOW);
	assert_int_equal(sc.cur, 2);
	assert_int_equal(mscore_handle(&sc, MSCORE_A_NEXT, 0, NOW), 0);
	mscore_handle(&sc, MSCORE_A_4, 0, NOW);
	assert_int_equal(mscore_handle(&sc, MSCORE_A_CONFIRM, 0, NOW),
			 UI_REDRAW);
	assert_int_equal(sc.cur, 1);
	assert_string_equal(sc.status, "2 of 3 criteria scored: score this "
			    "one with 1-4");
	mscore_handle(&sc, MSCORE_A_1, 0, NOW);
	/* Back to change the first: nothing saved yet. */
	mscore_handle(&sc, MSCORE_A_PREV, 0, NOW);
	mscore_handle(&sc, MSCORE_A_3, 0, NOW);
	assert_int_equal(mscore_crit(&sc, 0)->score, 3);
	assert_int_equal(mscore_handle(&sc, MSCORE_A_CONFIRM, 0, NOW),
			 UI_REDRAW);
	assert_ptr_equal(mscore_keymap(&sc), &mscore_confirm_keys);
	assert_int_equal(mscore_handle(&sc, MSCORE_A_NO, 0, NOW), UI_REDRAW);
	mscore_handle(&sc, MSCORE_A_CONFIRM, 0, NOW);
	assert_int_equal(mscore_handle(&sc, MSCORE_A_YES, 0, NOW),
			 UI_SAVE | UI_REDRAW);
	assert_int_equal(mscore_handle(&sc, UI_A_BACK, 0, NOW), UI_QUIT);
	mscore_release(&sc);
	ui_view_release(&v);
}

static void mpick_lists_preselects_and_cycles_kinds(void **state)
{
	struct mpick p;
	struct ui_view v;
	char *s;

	(void)state;
	ui_view_init(&v);
	mpick_init(&p, -1);
	mpick_clear(&p, "every kind");
	mpick_add(&p, "a", "Design a chat service", "system design", "new",
		  "never", "");
	mpick_add(&p, "b", "Tell me about a conflict", "behavioural",
		  "5 Dec", "20 Nov", "71%");
	ui_view_begin(&v, 24, 80);
	mpick_view(&p, &v);
	s = dump_view(&v);
	assert_has(s, " ▶ Design a chat service");
	assert_has(s, "   Tell me about a conflict");
	assert_has(s, "5 Dec   20 Nov       71%\n");
	assert_has(s, "new     never\n");
	xfree(s);
	assert_int_equal(mpick_handle(&p, UI_A_DOWN, NOW), UI_REDRAW);
	assert_int_equal(mpick_handle(&p, MPICK_A_START, NOW),
			 UI_SAVE | UI_REDRAW);
	assert_int_equal(p.req, MPICK_REQ_START);
	assert_string_equal(mpick_selected(&p)->id, "b");
	mpick_handle(&p, MPICK_A_KIND, NOW);
	assert_int_equal(p.req, MPICK_REQ_KIND);
	assert_int_equal(mpick_next_kind(-1, 3), 0);
	assert_int_equal(mpick_next_kind(2, 3), -1);
	assert_int_equal(mpick_handle(&p, UI_A_BACK, NOW), UI_QUIT);
	mpick_release(&p);
	ui_view_release(&v);
}

static void mcover_marks_covered_missed_and_red_flags(void **state)
{
	struct mcover c;
	struct ui_view v;
	size_t cov, tot, flags;
	char *s;

	(void)state;
	ui_view_init(&v);
	mcover_init(&c, "coverage · Design a link shortener");
	mcover_add_phase(&c, "Clarify");
	mcover_add_phase(&c, "Design");
	mcover_add(&c, 0, "users", 1, 0, 0, "users: 10M/day");
	mcover_add(&c, 1, "rate limiting", 0, 0, 0, NULL);
	mcover_add(&c, 1, "no capacity math", 1, 1, 0, "just add servers");
	mcover_add(&c, 1, "single point of failure", 0, 1, 0, NULL);
	mcover_counts(&c, &cov, &tot, &flags);
	assert_int_equal(cov, 1);
	assert_int_equal(tot, 2);
	assert_int_equal(flags, 1);
	ui_view_begin(&v, 24, 80);
	mcover_view(&c, &v);
	s = dump_view(&v);
	assert_has(s, "1 of 2 covered · 1 red flag\n");
	assert_has(s, " phase 1 · Clarify\n   ✓ users");
	assert_has(s, "users: 10M/day\n");
	assert_has(s, "   ✗ rate limiting");
	assert_has(s, "   ⚠ red flag: no capacity math");
	assert_has(s, "   · single point of failure\n");
	xfree(s);
	assert_int_equal(mcover_handle(&c, MCOVER_A_SCORE, NOW),
			 UI_SAVE | UI_REDRAW);
	assert_int_equal(mcover_handle(&c, UI_A_BACK, NOW), UI_QUIT);
	mcover_release(&c);
	ui_view_release(&v);
}

static void mresult_scores_averages_trends(void **state)
{
	struct mresult r;
	struct mresult_crit *c;
	struct ui_view v;
	char *s;

	(void)state;
	ui_view_init(&v);
	mresult_init(&r, "result · Design a link shortener · 23 Nov · 44:10",
		     71.25, "hire");
	c = mresult_add_crit(&r, "Requirements", 4, 3.2);
	c->trend[0] = 2;
	c->trend[1] = 3;
	c->trend[2] = 4;
	c->n_trend = 3;
	c = mresult_add_crit(&r, "Trade-offs", 2, -1);
	c->trend[0] = 2;
	c->n_trend = 1;
	r.covered = 7;
	r.total = 9;
	mresult_add_missed(&r, "rate limiting");
	mresult_add_missed(&r, "abuse and spam");
	mresult_add_phase(&r, 310000, 300000);
	mresult_add_phase(&r, 1000000, 900000);
	r.hints = 1;
	r.followups = 2;
	r.questions = 3;
	r.answered = 2;
	ui_view_begin(&v, 24, 80);
	mresult_view(&r, &v);
	s = dump_view(&v);
	assert_has(s, "score 71% · hire\n");
	assert_has(s, "   Requirements                                   4"
		   "          3.2   ▄▆█\n");
	assert_has(s, "   Trade-offs                                     2"
		   "            -   ▄\n");
	assert_has(s, " key points covered 7 of 9\n");
	assert_has(s, " missed: rate limiting, abuse and spam\n");
	assert_has(s, " time per phase: 5:10 of 5:00 · 16:40 of 15:00\n");
	assert_has(s, "hints used 1   follow-ups asked 2   questions asked 3, "
		   "answered 2\n");
	xfree(s);
	/* d without a weak tag says so; with one it asks the app. */
	assert_int_equal(mresult_handle(&r, MRESULT_A_DRILL, NOW), UI_REDRAW);
	assert_non_null(r.status);
	r.weak = xstrdup("trade-offs");
	assert_int_equal(mresult_handle(&r, MRESULT_A_DRILL, NOW),
			 UI_SAVE | UI_REDRAW);
	assert_int_equal(r.req, MRESULT_REQ_DRILL);
	mresult_handle(&r, MRESULT_A_REPORT, NOW);
	assert_int_equal(r.req, MRESULT_REQ_REPORT);
	assert_int_equal(mresult_handle(&r, UI_A_BACK, NOW), UI_QUIT);
	mresult_release(&r);
	ui_view_release(&v);
}

/* Pasted keys are text or nothing, never commands. */
static void ui_paste_keys_are_text(void **state)
{
	uint32_t cp = 0;

	(void)state;
	assert_int_equal(ui_paste_action('a', 0, &cp), UI_A_CHAR);
	assert_int_equal(cp, 'a');
	assert_int_equal(ui_paste_action(UI_KEY_ENTER, 0, &cp), UI_A_CHAR);
	assert_int_equal(cp, ' ');
	assert_int_equal(ui_paste_action('\r', 1, &cp), UI_A_NEWLINE);
	assert_int_equal(ui_paste_action('\t', 1, &cp), UI_A_CHAR);
	assert_int_equal(cp, ' ');
	assert_int_equal(ui_paste_action(UI_KEY_ESC, 1, &cp), UI_A_NONE);
	assert_int_equal(ui_paste_action(UI_KEY_CTRL('e'), 1, &cp), UI_A_NONE);
	assert_int_equal(ui_paste_action(UI_KEY_UP, 1, &cp), UI_A_NONE);
	assert_int_equal(ui_paste_action(0x30ad, 0, &cp), UI_A_CHAR);
	assert_true(ui_keymap_takes_text(&mrun_keys));
	assert_false(ui_keymap_takes_text(&mscore_keys));
}

/* Every mock screen keeps within each terminal size allowed. */
static void mock_screens_fit_every_size(void **state)
{
	static const int sizes[][2] = { { 12, 40 }, { 24, 80 }, { 40, 120 },
					{ 13, 41 } };
	struct ui_view v;
	struct mrun r;
	struct mscore sc;

	(void)state;
	ui_view_init(&v);
	run_fill(&r);
	score_fill(&sc);
	for (int i = 0; i < 30; i++) {
		static const char text[] = "a long note line that wraps ";

		for (const char *p = text; *p; p++)
			mrun_handle(&r, UI_A_CHAR, (uint32_t)*p, NOW);
		mrun_handle(&r, UI_A_NEWLINE, 0, NOW);
	}
	mrun_set_band(&r, MRUN_BAND_ANSWER, "A long answer that goes on and "
		      "on over several lines at forty columns, and more.");
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		for (int mode = 0; mode < 3; mode++) {
			r.prompt_open = mode == 1;
			r.confirm_end = mode == 2;
			xfree(run_view(&r, sizes[k][0], sizes[k][1], &v));
		}
		xfree(score_view(&sc, sizes[k][0], sizes[k][1], &v));
	}
	mrun_release(&r);
	mscore_release(&sc);
	ui_view_release(&v);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test(f)
		T(mrun_shows_phase_countdown_bar_and_keys),
		T(mrun_folded_prompt_is_rendered),
		T(mrun_notes_take_letters_and_show_the_cursor),
		T(mrun_session_keys_ask_the_app),
		T(mrun_end_asks_first),
		T(mrun_prompt_shows_whole_with_facts_and_hints),
		T(mscore_one_criterion_with_levels_and_evidence),
		T(mscore_back_and_forth_then_confirm),
		T(mpick_lists_preselects_and_cycles_kinds),
		T(mcover_marks_covered_missed_and_red_flags),
		T(mresult_scores_averages_trends),
		T(ui_paste_keys_are_text),
		T(mock_screens_fit_every_size),
#undef T
	};

	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		return 1;
	return cmocka_run_group_tests_name("ui_mock", tests, NULL, NULL);
}
