/*
 * The mock session's state machine, driven by a fake monotonic clock (now
 * values in ms), its record in an in-memory store, coverage, and scoring
 * over a known history.  Every expected figure is worked out in the
 * comment next to it.
 */
#include "test_util.h"

#include "core/arena.h"
#include "core/err.h"
#include "loader/loader.h"
#include "mock/mock.h"
#include "store/store.h"

#define MIN (60 * 1000)
#define SEC 1000

/*
 * Three phases, 5 + 10 + 5 = 20 minutes; two hints in the first, one in
 * the second; two follow-ups, so both go in the last phase: at its start
 * and half-way through it (2:30 into it).
 */
static const char scenario_yaml[] =
	"scenario: test-mock\n"
	"kind: system-design\n"
	"title: Test mock\n"
	"prompt: Design a thing.\n"
	"rubric: test-rubric\n"
	"phases:\n"
	"  - name: Clarify\n"
	"    minutes: 5\n"
	"    hints: [Ask about users., Ask about traffic.]\n"
	"    key_points:\n"
	"      - label: users\n"
	"        pattern: '\\busers?\\b'\n"
	"  - name: Design\n"
	"    minutes: 10\n"
	"    hints: [Draw the boxes.]\n"
	"    key_points:\n"
	"      - label: cache\n"
	"        pattern: '\\bcach(e|ing)\\b'\n"
	"      - label: load balancer\n"
	"        pattern: '\\b(lb|load balancer)\\b'\n"
	"  - name: Risks\n"
	"    minutes: 5\n"
	"    key_points:\n"
	"      - label: rollback\n"
	"        pattern: '\\broll\\s?back\\b'\n"
	"    red_flags:\n"
	"      - label: launch to everyone\n"
	"        pattern: '\\blaunch\\w*\\s+(to\\s+)?(everyone|all)\\b'\n"
	"follow_ups:\n"
	"  - What if traffic grows tenfold?\n"
	"  - How would you roll it out?\n"
	"clarifications:\n"
	"  - ask: '\\b(how many|number of)\\s+users\\b'\n"
	"    answer: Ten million daily users.\n"
	"    example: How many users are there?\n";

/* Weights 2 and 1; its own bands. */
static const char rubric_yaml[] =
	"rubric: test-rubric\n"
	"title: Test rubric\n"
	"criteria:\n"
	"  - id: design\n"
	"    name: Design\n"
	"    weight: 2\n"
	"    levels: [d1, d2, d3, d4]\n"
	"    tags: [architecture, x]\n"
	"  - id: risks\n"
	"    name: Risks\n"
	"    weight: 1\n"
	"    levels: [r1, r2, r3, r4]\n"
	"    tags: [risk, x]\n"
	"caps:\n"
	"  - {label: blames others, max: 49}\n"
	"  - {label: ethics, max: 10}\n"
	"bands:\n"
	"  - label: great\n"
	"    min: 80\n"
	"  - label: fine\n"
	"    min: 40\n"
	"  - label: poor\n"
	"    min: 0\n";

struct fx {
	struct library lib;
	const struct scenario *s;
	const struct rubric *r;
	struct mock m;
	struct mock_opts opts;
};

static void load(struct fx *f)
{
	struct diag_list dl;

	memset(f, 0, sizeof(*f));
	library_init(&f->lib);
	diag_list_init(&dl);
	library_load_buffer(&f->lib, "s.yaml", scenario_yaml,
			    strlen(scenario_yaml), &dl);
	library_load_buffer(&f->lib, "r.yaml", rubric_yaml,
			    strlen(rubric_yaml), &dl);
	assert_int_equal(dl.items.len, 0);
	diag_list_release(&dl);
	f->s = library_find_scenario(&f->lib, "test-mock");
	f->r = library_find_rubric(&f->lib, "test-rubric");
	assert_non_null(f->s);
	assert_non_null(f->r);
	f->opts.grace_s = 60;
	f->opts.bell = 1;
}

/* Loads the content and starts a session at now 0. */
static void start(struct fx *f)
{
	load(f);
	mock_init(&f->m, f->s, &f->opts, 0, 1700000000000);
}

static void finish(struct fx *f)
{
	mock_release(&f->m);
	library_release(&f->lib);
}

static void mock_starts_on_the_first_phase(void **state)
{
	struct fx f;
	char t[16];

	(void)state;
	start(&f);
	assert_int_equal(f.m.cur, 0);
	assert_false(mock_paused(&f.m));
	assert_false(mock_ended(&f.m));
	assert_int_equal(mock_phase_left_ms(&f.m), 5 * MIN);
	assert_int_equal(mock_session_left_ms(&f.m), 20 * MIN);
	mock_format_ms(mock_phase_left_ms(&f.m), t);
	assert_string_equal(t, "5:00");
	/* 1.5 s counted: 4:58.5 left shows as 4:59 (a second not over). */
	mock_tick(&f.m, 1500);
	mock_format_ms(mock_phase_left_ms(&f.m), t);
	assert_string_equal(t, "4:59");
	mock_format_ms(-42 * SEC, t);
	assert_string_equal(t, "+0:42");
	assert_null(mock_followup(&f.m));
	assert_string_equal(mock_notice(&f.m), "");
	finish(&f);
}

static void mock_scales_minutes_in_proportion(void **state)
{
	struct fx f;
	int m[3];

	(void)state;
	load(&f);
	/* 5/10/5 of 20 -> 45: 11.25, 22.5, 11.25; floors 11+22+11 = 44,
	 * the largest remainder (22.5) takes the last minute. */
	mock_scale_minutes(f.s, 45, m);
	assert_int_equal(m[0], 11);
	assert_int_equal(m[1], 23);
	assert_int_equal(m[2], 11);
	/* 60: exactly 15, 30, 15. */
	mock_scale_minutes(f.s, 60, m);
	assert_int_equal(m[0] + m[1] + m[2], 60);
	assert_int_equal(m[1], 30);
	/* 0: the file's own. */
	mock_scale_minutes(f.s, 0, m);
	assert_int_equal(m[1], 10);
	f.opts.minutes = 45;
	mock_init(&f.m, f.s, &f.opts, 0, 0);
	assert_int_equal(mock_session_left_ms(&f.m), 45 * MIN);
	assert_int_equal(mock_phase_left_ms(&f.m), 11 * MIN);
	finish(&f);
}

static void mock_phase_overruns_then_moves_on_after_grace(void **state)
{
	struct fx f;
	unsigned ev;
	char t[16];

	(void)state;
	start(&f);
	ev = mock_tick(&f.m, 5 * MIN - 1);
	assert_false(ev & MOCK_EV_OVERRUN);
	assert_false(mock_overrun(&f.m));
	/* At 5:00 the phase has run out: one overrun, one bell. */
	ev = mock_tick(&f.m, 5 * MIN);
	assert_true(ev & MOCK_EV_OVERRUN);
	assert_true(ev & MOCK_EV_BELL);
	assert_true(mock_overrun(&f.m));
	assert_int_equal(f.m.cur, 0);
	/* 42 s over: +0:42, and no second bell. */
	ev = mock_tick(&f.m, 5 * MIN + 42 * SEC);
	assert_false(ev & (MOCK_EV_BELL | MOCK_EV_OVERRUN));
	mock_format_ms(mock_phase_left_ms(&f.m), t);
	assert_string_equal(t, "+0:42");
	/* The grace is 60 s: at 6:00 the interviewer moves on. */
	ev = mock_tick(&f.m, 6 * MIN - 1);
	assert_int_equal(f.m.cur, 0);
	ev = mock_tick(&f.m, 6 * MIN);
	assert_true(ev & MOCK_EV_ADVANCED);
	assert_true(ev & MOCK_EV_PHASE);
	assert_true(ev & MOCK_EV_SAVE);
	assert_int_equal(f.m.cur, 1);
	assert_string_equal(mock_notice(&f.m), "Time is up for Clarify: the "
			    "interviewer moves you on to Design.");
	/* Phase 1 starts with its full 10 minutes. */
	assert_int_equal(mock_phase_left_ms(&f.m), 10 * MIN);
	assert_int_equal(f.m.phases[0].used_ms, 6 * MIN);
	finish(&f);
}

static void mock_bell_off_still_marks_the_overrun(void **state)
{
	struct fx f;
	unsigned ev;

	(void)state;
	load(&f);
	f.opts.bell = 0;
	f.opts.grace_s = 0;
	mock_init(&f.m, f.s, &f.opts, 0, 0);
	/* Grace 0: the overrun and the move happen at the same instant. */
	ev = mock_tick(&f.m, 5 * MIN);
	assert_true(ev & MOCK_EV_OVERRUN);
	assert_false(ev & MOCK_EV_BELL);
	assert_true(ev & MOCK_EV_ADVANCED);
	assert_int_equal(f.m.cur, 1);
	finish(&f);
}

static void mock_next_phase_on_key(void **state)
{
	struct fx f;
	unsigned ev;

	(void)state;
	start(&f);
	ev = mock_next_phase(&f.m, 1 * MIN);
	assert_true(ev & MOCK_EV_PHASE);
	assert_true(ev & MOCK_EV_SAVE);
	assert_false(ev & MOCK_EV_ADVANCED);
	assert_int_equal(f.m.cur, 1);
	assert_int_equal(f.m.phases[0].used_ms, 1 * MIN);
	/* The time saved stays in the session: 19 minutes left. */
	assert_int_equal(mock_session_left_ms(&f.m), 19 * MIN);
	assert_int_equal(mock_phase_left_ms(&f.m), 10 * MIN);
	mock_next_phase(&f.m, 2 * MIN);
	assert_int_equal(f.m.cur, 2);
	/* On the last phase the countdown is the session's: 18 min. */
	assert_int_equal(mock_phase_left_ms(&f.m), 18 * MIN);
	assert_int_equal(mock_next_phase(&f.m, 3 * MIN) & MOCK_EV_PHASE, 0);
	assert_int_equal(f.m.cur, 2);
	finish(&f);
}

static void mock_pause_stops_the_clock(void **state)
{
	struct fx f;
	unsigned ev;

	(void)state;
	start(&f);
	mock_tick(&f.m, 10 * SEC);
	ev = mock_pause(&f.m, 10 * SEC);
	assert_true(ev & MOCK_EV_SAVE);
	assert_true(mock_paused(&f.m));
	/* A minute paused counts nothing. */
	mock_tick(&f.m, 70 * SEC);
	assert_int_equal(f.m.elapsed_ms, 10 * SEC);
	mock_resume(&f.m, 70 * SEC);
	assert_false(mock_paused(&f.m));
	mock_tick(&f.m, 80 * SEC);
	/* 10 s before the pause + 10 s after. */
	assert_int_equal(f.m.elapsed_ms, 20 * SEC);
	assert_int_equal(mock_phase_left_ms(&f.m), 5 * MIN - 20 * SEC);
	finish(&f);
}

static void mock_ctrl_z_time_is_not_counted(void **state)
{
	struct fx f;
	unsigned ev;

	(void)state;
	start(&f);
	ev = mock_suspend(&f.m, 10 * SEC);
	assert_true(ev & MOCK_EV_SAVE);
	/* Stopped for 15 minutes; a tick meanwhile changes nothing. */
	mock_tick(&f.m, 5 * MIN);
	mock_unsuspend(&f.m, 15 * MIN);
	ev = mock_tick(&f.m, 15 * MIN + 10 * SEC);
	assert_false(ev & MOCK_EV_OVERRUN);
	assert_int_equal(f.m.elapsed_ms, 20 * SEC);
	assert_int_equal(f.m.cur, 0);
	/* The user's pause survives a stop. */
	mock_pause(&f.m, 15 * MIN + 10 * SEC);
	mock_suspend(&f.m, 16 * MIN);
	mock_unsuspend(&f.m, 17 * MIN);
	assert_true(mock_paused(&f.m));
	finish(&f);
}

static void mock_extend_adds_two_minutes(void **state)
{
	struct fx f;
	unsigned ev;

	(void)state;
	start(&f);
	ev = mock_extend(&f.m, 4 * MIN);
	assert_true(ev & MOCK_EV_SAVE);
	/* 5 - 4 + 2 = 3 minutes left; the session is 22 minutes now. */
	assert_int_equal(mock_phase_left_ms(&f.m), 3 * MIN);
	assert_int_equal(mock_session_left_ms(&f.m), 18 * MIN);
	assert_false(mock_tick(&f.m, 7 * MIN - 1) & MOCK_EV_OVERRUN);
	assert_true(mock_tick(&f.m, 7 * MIN) & MOCK_EV_BELL);
	/* +2 min during the overrun: time again, and a new bell later. */
	mock_extend(&f.m, 7 * MIN + 30 * SEC);
	assert_false(mock_overrun(&f.m));
	assert_int_equal(mock_phase_left_ms(&f.m), 90 * SEC);
	assert_true(mock_tick(&f.m, 9 * MIN) & MOCK_EV_BELL);
	finish(&f);
}

static void mock_reveals_hints_one_at_a_time(void **state)
{
	struct fx f;

	(void)state;
	start(&f);
	assert_int_equal(mock_hints_left(&f.m), 2);
	assert_string_equal(mock_reveal_hint(&f.m), "Ask about users.");
	assert_int_equal(mock_hints_left(&f.m), 1);
	assert_string_equal(mock_hint(&f.m, 0), "Ask about users.");
	assert_null(mock_hint(&f.m, 1));
	assert_string_equal(mock_reveal_hint(&f.m), "Ask about traffic.");
	assert_int_equal(mock_hints_left(&f.m), 0);
	assert_null(mock_reveal_hint(&f.m));
	assert_int_equal(f.m.hints_used, 2);
	mock_next_phase(&f.m, MIN);
	assert_int_equal(mock_hints_left(&f.m), 1);
	assert_string_equal(mock_reveal_hint(&f.m), "Draw the boxes.");
	assert_int_equal(f.m.hints_used, 3);
	mock_next_phase(&f.m, 2 * MIN);
	assert_int_equal(mock_hints_left(&f.m), 0);
	assert_null(mock_reveal_hint(&f.m));
	finish(&f);
}

static void mock_ends_when_the_time_is_over(void **state)
{
	struct fx f;
	unsigned ev;

	(void)state;
	start(&f);
	mock_next_phase(&f.m, 0);
	mock_next_phase(&f.m, 0);
	ev = mock_tick(&f.m, 20 * MIN - 1);
	assert_false(ev & MOCK_EV_ENDED);
	/* The last phase never overruns: its countdown is the session's. */
	assert_false(mock_overrun(&f.m));
	ev = mock_tick(&f.m, 20 * MIN);
	assert_true(ev & MOCK_EV_ENDED);
	assert_true(ev & MOCK_EV_SAVE);
	assert_true(mock_ended(&f.m));
	/* Once. */
	assert_false(mock_tick(&f.m, 21 * MIN) & MOCK_EV_ENDED);
	assert_int_equal(f.m.elapsed_ms, 20 * MIN);
	finish(&f);
}

static void mock_long_gap_moves_through_every_boundary(void **state)
{
	struct fx f;
	unsigned ev;

	(void)state;
	start(&f);
	/*
	 * One tick 30 minutes on: phase 0 gets 5 + 1 grace = 6 min, phase 1
	 * 10 + 1 = 11 min, the last phase what is left of 20: 3 min.
	 */
	ev = mock_tick(&f.m, 30 * MIN);
	assert_true(ev & MOCK_EV_ENDED);
	assert_true(ev & MOCK_EV_ADVANCED);
	assert_int_equal(f.m.phases[0].used_ms, 6 * MIN);
	assert_int_equal(f.m.phases[1].used_ms, 11 * MIN);
	assert_int_equal(f.m.phases[2].used_ms, 3 * MIN);
	assert_int_equal(f.m.elapsed_ms, 20 * MIN);
	/* The first follow-up was put at the last phase's start. */
	assert_string_equal(mock_followup(&f.m),
			    "What if traffic grows tenfold?");
	finish(&f);
}

static void mock_end_on_key(void **state)
{
	struct fx f;

	(void)state;
	start(&f);
	assert_true(mock_end(&f.m, 3 * MIN) & MOCK_EV_ENDED);
	assert_true(mock_ended(&f.m));
	assert_int_equal(f.m.elapsed_ms, 3 * MIN);
	assert_null(mock_reveal_hint(&f.m));
	finish(&f);
}

static void mock_puts_follow_ups_in_the_last_phase(void **state)
{
	struct fx f;
	unsigned ev;

	(void)state;
	start(&f);
	/* Nothing in the first two phases. */
	assert_false(mock_tick(&f.m, 4 * MIN) & MOCK_EV_FOLLOWUP);
	mock_next_phase(&f.m, 4 * MIN);
	assert_false(mock_tick(&f.m, 8 * MIN) & MOCK_EV_FOLLOWUP);
	/* The first at the start of the last phase. */
	ev = mock_next_phase(&f.m, 8 * MIN);
	assert_true(ev & MOCK_EV_FOLLOWUP);
	assert_string_equal(mock_followup(&f.m),
			    "What if traffic grows tenfold?");
	mock_followup_dismiss(&f.m, 9 * MIN);
	assert_null(mock_followup(&f.m));
	/* The second half-way through it: 8:00 + 2:30 = 10:30. */
	assert_false(mock_tick(&f.m, 10 * MIN + 29 * SEC) & MOCK_EV_FOLLOWUP);
	ev = mock_tick(&f.m, 10 * MIN + 30 * SEC);
	assert_true(ev & MOCK_EV_FOLLOWUP);
	assert_string_equal(mock_followup(&f.m), "How would you roll it out?");
	finish(&f);
}

static void mock_follow_ups_wait_for_a_dismissal(void **state)
{
	struct fx f;
	unsigned ev;

	(void)state;
	start(&f);
	mock_next_phase(&f.m, 0);
	mock_next_phase(&f.m, 0);
	assert_non_null(mock_followup(&f.m));
	/* Due at 2:30, but the first is still on show. */
	ev = mock_tick(&f.m, 3 * MIN);
	assert_false(ev & MOCK_EV_FOLLOWUP);
	assert_string_equal(mock_followup(&f.m),
			    "What if traffic grows tenfold?");
	/* Dismissing it puts the next one at once. */
	ev = mock_followup_dismiss(&f.m, 3 * MIN);
	assert_true(ev & MOCK_EV_FOLLOWUP);
	assert_string_equal(mock_followup(&f.m), "How would you roll it out?");
	assert_false(mock_followup_dismiss(&f.m, 3 * MIN) & MOCK_EV_FOLLOWUP);
	assert_null(mock_followup(&f.m));
	finish(&f);
}

static void mock_asks_for_saves_every_five_seconds(void **state)
{
	struct fx f;

	(void)state;
	start(&f);
	assert_false(mock_tick(&f.m, 4999) & MOCK_EV_SAVE);
	assert_true(mock_tick(&f.m, 5000) & MOCK_EV_SAVE);
	assert_false(mock_tick(&f.m, 9999) & MOCK_EV_SAVE);
	assert_true(mock_tick(&f.m, 10000) & MOCK_EV_SAVE);
	/* A phase change saves and restarts the 5 s. */
	assert_true(mock_next_phase(&f.m, 12000) & MOCK_EV_SAVE);
	assert_false(mock_tick(&f.m, 16999) & MOCK_EV_SAVE);
	assert_true(mock_tick(&f.m, 17000) & MOCK_EV_SAVE);
	/* Paused: still every 5 s, as notes may be typed. */
	assert_true(mock_pause(&f.m, 18000) & MOCK_EV_SAVE);
	assert_true(mock_tick(&f.m, 23000) & MOCK_EV_SAVE);
	finish(&f);
}

static void mock_notes_remember_their_phase(void **state)
{
	struct fx f;
	struct buf b;

	(void)state;
	start(&f);
	assert_int_equal(mock_note_insert(&f.m, 0, "10M users", 9), 0);
	mock_next_phase(&f.m, MIN);
	mock_note_insert(&f.m, 1, "LB -> app -> cache", 18);
	/* Editing a line keeps its phase. */
	mock_note_set(&f.m, 0, "10M users, 100:1 reads", 22);
	assert_int_equal(mock_notes_count(&f.m), 2);
	assert_int_equal(mock_note_at(&f.m, 0)->phase, 0);
	assert_int_equal(mock_note_at(&f.m, 1)->phase, 1);
	/* Back from $EDITOR: kept lines keep theirs, a new one is phase 1. */
	mock_notes_set_text(&f.m, "intro\n10M users, 100:1 reads\n"
			    "LB -> app -> cache\n", 48);
	assert_int_equal(mock_notes_count(&f.m), 3);
	assert_string_equal(mock_note_at(&f.m, 0)->text, "intro");
	assert_int_equal(mock_note_at(&f.m, 0)->phase, 1);
	assert_int_equal(mock_note_at(&f.m, 1)->phase, 0);
	assert_int_equal(mock_note_at(&f.m, 2)->phase, 1);
	mock_note_remove(&f.m, 0);
	buf_init(&b);
	mock_notes_text(&f.m, &b);
	assert_string_equal(b.s, "10M users, 100:1 reads\nLB -> app -> cache");
	buf_release(&b);
	finish(&f);
}

static void mock_answers_clarifying_questions(void **state)
{
	struct fx f;
	const struct mock_question *q;

	(void)state;
	start(&f);
	assert_string_equal(mock_ask(&f.m, "how many USERS do we expect?"),
			    "Ten million daily users.");
	assert_string_equal(mock_ask(&f.m, "what is the budget?"),
			    MOCK_NEUTRAL_REPLY);
	assert_int_equal(f.m.questions.len, 2);
	q = vec_at(&f.m.questions, 0);
	assert_int_equal(q->clarification, 0);
	q = vec_at(&f.m.questions, 1);
	assert_int_equal(q->clarification, -1);
	assert_string_equal(q->text, "what is the budget?");
	finish(&f);
}

static void mock_resumes_from_a_saved_state(void **state)
{
	struct fx f;
	struct store *st;
	struct store_mock rec, back;
	struct arena a;
	struct mock m2;
	unsigned ev;

	(void)state;
	start(&f);
	mock_note_insert(&f.m, 0, "how many users?", 15);
	mock_ask(&f.m, "how many users?");
	mock_reveal_hint(&f.m);
	mock_tick(&f.m, 3 * MIN);
	mock_next_phase(&f.m, 3 * MIN);
	mock_note_insert(&f.m, 1, "LB | cache <b>", 14);
	mock_extend(&f.m, 4 * MIN);
	mock_tick(&f.m, 4 * MIN + 30 * SEC);

	assert_int_equal(store_open(&st, ":memory:", STORE_WRITE), 0);
	arena_init(&a);
	mock_snapshot(&f.m, &a, &rec);
	assert_int_equal(rec.state, STORE_MOCK_RUNNING);
	assert_int_equal(store_mock_save(st, &rec), 0);
	assert_true(rec.id > 0);
	f.m.store_id = rec.id;
	/* A second save replaces the first: still one session. */
	mock_snapshot(&f.m, &a, &rec);
	assert_int_equal(store_mock_save(st, &rec), 0);
	assert_int_equal(store_mock_latest(st, 1, &back.id), 0);
	assert_int_equal(back.id, rec.id);
	assert_int_equal(store_mock_get(st, rec.id, &a, &back), 0);
	assert_string_equal(back.scenario, "test-mock");
	assert_int_equal(back.n_notes, 2);
	assert_string_equal(back.notes[1].text, "LB | cache <b>");
	assert_int_equal(back.notes[1].phase, 1);
	assert_int_equal(back.n_questions, 1);
	assert_string_equal(back.questions[0].answer,
			    "Ten million daily users.");

	/* The process died; a new one resumes at a new clock, 1,000 s. */
	assert_int_equal(mock_restore(&m2, f.s, &f.opts, &back, 1000 * SEC),
			 0);
	assert_int_equal(m2.cur, 1);
	/* 3:00 in phase 0, 1:30 in phase 1 (12 min planned with +2). */
	assert_int_equal(m2.elapsed_ms, 4 * MIN + 30 * SEC);
	assert_int_equal(m2.phases[0].used_ms, 3 * MIN);
	assert_int_equal(m2.phases[0].hints_shown, 1);
	assert_int_equal(m2.hints_used, 1);
	assert_int_equal(mock_phase_left_ms(&m2), 10 * MIN + 30 * SEC);
	assert_int_equal(mock_session_left_ms(&m2),
			 22 * MIN - 4 * MIN - 30 * SEC);
	assert_int_equal(mock_notes_count(&m2), 2);
	assert_int_equal(mock_note_at(&m2, 0)->phase, 0);
	assert_int_equal(m2.questions.len, 1);
	/* Time goes on from where it stood. */
	mock_tick(&m2, 1000 * SEC + 30 * SEC);
	assert_int_equal(m2.elapsed_ms, 5 * MIN);
	/* The phase runs out 10:30 later, at its +2 min end. */
	ev = mock_tick(&m2, 1000 * SEC + 30 * SEC + 10 * MIN);
	assert_true(ev & MOCK_EV_OVERRUN);

	/* A record of another scenario shape is refused. */
	back.n_phases = 2;
	assert_int_equal(mock_restore(&m2, f.s, &f.opts, &back, 0),
			 TPM_ECORRUPT);
	mock_release(&m2);
	arena_release(&a);
	store_free(st);
	finish(&f);
}

static void mock_saves_and_resumes_through_the_store(void **state)
{
	struct fx f;
	struct store *st;
	struct store_mock back;
	struct arena a;
	struct mock m2;
	struct vec cov;
	struct mock_result res = { 0 };
	int scores[] = { 3, 2 };
	const char *comments[] = { "clear | <b>bold</b>", "" };

	(void)state;
	start(&f);
	assert_int_equal(store_open(&st, ":memory:", STORE_WRITE), 0);
	assert_int_equal(mock_resume_latest(&m2, &f.lib, st, &f.opts, 0),
			 TPM_ENOENT);
	mock_note_insert(&f.m, 0, "10M users", 9);
	mock_tick(&f.m, 2 * MIN);
	assert_int_equal(mock_save(&f.m, st, 1700000120000), 0);
	assert_int_equal(f.m.store_id, 1);
	/* Resumed at another clock: 2 minutes counted, 3 left in phase 0. */
	assert_int_equal(mock_resume_latest(&m2, &f.lib, st, &f.opts,
					    50 * MIN), 0);
	assert_int_equal(m2.store_id, 1);
	assert_int_equal(mock_phase_left_ms(&m2), 3 * MIN);
	assert_string_equal(mock_note_at(&m2, 0)->text, "10M users");
	mock_release(&m2);

	/* The end, then coverage, then the scores: one row all along. */
	mock_end(&f.m, 3 * MIN);
	assert_int_equal(mock_save(&f.m, st, 1700000180000), 0);
	vec_init(&cov, sizeof(struct mock_cover));
	mock_coverage(f.s, vec_at(&f.m.notes, 0), mock_notes_count(&f.m),
		      &cov);
	res.covers = cov.items;
	res.n_covers = cov.len;
	assert_int_equal(mock_save_result(&f.m, st, 1700000200000, &res), 0);
	res.rubric = f.r;
	res.scores = scores;
	res.comments = comments;
	assert_int_equal(mock_save_result(&f.m, st, 1700000300000, &res), 0);
	assert_int_equal(f.m.store_id, 1);
	arena_init(&a);
	assert_int_equal(store_mock_get(st, 1, &a, &back), 0);
	assert_int_equal(back.state, STORE_MOCK_SCORED);
	/* (2*3 + 1*2) / 12 = 66.67%: "fine" (40 to 80). */
	assert_float_equal(back.score, 200.0 / 3, 1e-9);
	assert_string_equal(back.band, "fine");
	/* The end is the first save after it, not the scoring. */
	assert_int_equal(back.ended_at, 1700000180000);
	assert_int_equal(back.elapsed_ms, 3 * MIN);
	assert_int_equal(back.n_coverage, 5);
	assert_string_equal(back.coverage[0].line, "10M users");
	/* The red flag is stored as one, not as a point. */
	assert_false(back.coverage[3].red_flag);
	assert_true(back.coverage[4].red_flag);
	assert_null(back.coverage[1].line);
	assert_string_equal(back.scores[0].level, "d3");
	assert_string_equal(back.scores[0].comment, "clear | <b>bold</b>");
	assert_null(back.scores[1].comment);
	/* Nothing left to resume. */
	assert_int_equal(mock_resume_latest(&m2, &f.lib, st, &f.opts, 0),
			 TPM_ENOENT);
	vec_release(&cov);
	arena_release(&a);
	store_free(st);
	finish(&f);
}

static void mock_resume_after_time_over_goes_to_scoring(void **state)
{
	struct fx f;
	struct store_mock rec;
	struct store_mock_phase *phases;
	struct arena a;
	struct mock m2;

	(void)state;
	start(&f);
	mock_tick(&f.m, 19 * MIN);
	arena_init(&a);
	mock_snapshot(&f.m, &a, &rec);
	/* Saved as running with its time over (killed at the end). */
	phases = arena_memdup(&a, rec.phases, 3 * sizeof(*phases));
	rec.elapsed_ms = 20 * MIN;
	phases[2].used_ms = rec.elapsed_ms - phases[0].used_ms -
			    phases[1].used_ms;
	rec.phases = phases;
	assert_int_equal(mock_restore(&m2, f.s, &f.opts, &rec, 0), 0);
	assert_true(mock_tick(&m2, 1) & MOCK_EV_ENDED);
	mock_release(&m2);
	/* Saved as unscored: ended at once. */
	rec.state = STORE_MOCK_UNSCORED;
	assert_int_equal(mock_restore(&m2, f.s, &f.opts, &rec, 0), 0);
	assert_true(mock_ended(&m2));
	mock_release(&m2);
	arena_release(&a);
	finish(&f);
}

static void mock_coverage_per_phase(void **state)
{
	struct fx f;
	struct vec cov;
	const struct mock_cover *c;
	size_t n;

	(void)state;
	start(&f);
	mock_note_insert(&f.m, 0, "- 10M USERS/day", 15);
	mock_note_insert(&f.m, 1, "- clients -> LB -> app", 22);
	mock_note_insert(&f.m, 2, "- Caching hot keys", 18);
	vec_init(&cov, sizeof(struct mock_cover));
	n = mock_coverage(f.s, vec_at(&f.m.notes, 0), mock_notes_count(&f.m),
			  &cov);
	/* users, cache, load balancer covered; rollback missed. */
	assert_int_equal(n, 3);
	assert_int_equal(cov.len, 5);
	c = vec_at(&cov, 0);
	assert_int_equal(c->phase, 0);
	assert_string_equal(c->label, "users");
	assert_true(c->covered);
	assert_int_equal(c->line, 0);
	c = vec_at(&cov, 1);
	assert_string_equal(c->label, "cache");
	assert_int_equal(c->line, 2);
	c = vec_at(&cov, 2);
	assert_string_equal(c->label, "load balancer");
	assert_int_equal(c->line, 1);
	c = vec_at(&cov, 3);
	assert_int_equal(c->phase, 2);
	assert_false(c->covered);
	assert_int_equal(c->line, -1);
	/* The phase's red flag follows its points, not raised. */
	c = vec_at(&cov, 4);
	assert_int_equal(c->phase, 2);
	assert_true(c->red_flag);
	assert_false(c->covered);
	vec_release(&cov);
	finish(&f);
}

/* A red flag raised shows with its line and takes back a covered point. */
static void mock_coverage_red_flag_counts_against(void **state)
{
	struct fx f;
	struct vec cov;
	const struct mock_cover *c;
	size_t n;

	(void)state;
	start(&f);
	mock_note_insert(&f.m, 0, "- 10M users, LB, cache", 22);
	mock_note_insert(&f.m, 1, "- then launch to everyone at once", 33);
	vec_init(&cov, sizeof(struct mock_cover));
	n = mock_coverage(f.s, vec_at(&f.m.notes, 0), mock_notes_count(&f.m),
			  &cov);
	/* Three points covered, one red flag raised: 3 - 1. */
	assert_int_equal(n, 2);
	assert_int_equal(cov.len, 5);
	c = vec_at(&cov, 4);
	assert_true(c->red_flag);
	assert_true(c->covered);
	assert_string_equal(c->label, "launch to everyone");
	assert_int_equal(c->line, 1);
	/* Never below zero: a red flag alone covers nothing. */
	mock_note_set(&f.m, 0, "launch to all", 13);
	n = mock_coverage(f.s, vec_at(&f.m.notes, 0), mock_notes_count(&f.m),
			  &cov);
	assert_int_equal(n, 0);
	vec_release(&cov);
	finish(&f);
}

static void mock_weighted_score_and_bands(void **state)
{
	struct fx f;
	int s1[] = { 3, 2 }, s2[] = { 4, 4 }, s3[] = { 1, 1 }, bad[] = { 0, 2 };
	struct rubric plain;

	(void)state;
	load(&f);
	/* (2*3 + 1*2) / (2*4 + 1*4) = 8/12 = 66.67% -> fine (40..80). */
	assert_float_equal(mock_weighted_score(f.r, s1), 200.0 / 3, 1e-9);
	assert_string_equal(mock_band_label(f.r, 200.0 / 3), "fine");
	/* 12/12 = 100% -> great. */
	assert_float_equal(mock_weighted_score(f.r, s2), 100, 1e-9);
	assert_string_equal(mock_band_label(f.r, 100), "great");
	/* 3/12 = 25% -> poor. */
	assert_float_equal(mock_weighted_score(f.r, s3), 25, 1e-9);
	assert_string_equal(mock_band_label(f.r, 25), "poor");
	assert_string_equal(mock_band_label(f.r, 80), "great");
	assert_true(mock_weighted_score(f.r, bad) < 0);
	/* Without bands, the defaults: 85 / 70 / 50 / 0. */
	plain = *f.r;
	plain.n_bands = 0;
	assert_string_equal(mock_band_label(&plain, 85), "strong hire");
	assert_string_equal(mock_band_label(&plain, 84.9), "hire");
	assert_string_equal(mock_band_label(&plain, 70), "hire");
	assert_string_equal(mock_band_label(&plain, 200.0 / 3),
			    "lean no hire");
	assert_string_equal(mock_band_label(&plain, 49.9), "no hire");
	finish(&f);
}

static void mock_weak_tags_of_the_lowest_criteria(void **state)
{
	struct fx f;
	const char *tags[4];
	int low_risk[] = { 3, 2 }, tie[] = { 2, 2 }, top[] = { 4, 4 };

	(void)state;
	load(&f);
	/* Risks (2) is the weakest: its tags. */
	assert_int_equal(mock_weak_tags(f.r, low_risk, tags, 4), 2);
	assert_string_equal(tags[0], "risk");
	assert_string_equal(tags[1], "x");
	/* A tie: both criteria's tags, x once. */
	assert_int_equal(mock_weak_tags(f.r, tie, tags, 4), 3);
	assert_string_equal(tags[0], "architecture");
	assert_string_equal(tags[1], "x");
	assert_string_equal(tags[2], "risk");
	assert_int_equal(mock_weak_tags(f.r, tie, tags, 1), 1);
	/* Nothing is weak at 4. */
	assert_int_equal(mock_weak_tags(f.r, top, tags, 4), 0);
	finish(&f);
}

/* Saves a scored session of the test rubric started at t, scores a, b. */
static int64_t scored(struct store *st, struct fx *f, int64_t t, int a,
		      int b, enum store_mock_state state)
{
	struct store_mock rec;
	struct arena ar;
	struct mock m;
	int scores[2] = { a, b };

	arena_init(&ar);
	mock_init(&m, f->s, &f->opts, 0, t);
	mock_end(&m, MIN);
	mock_snapshot(&m, &ar, &rec);
	mock_record_scores(&rec, &ar, f->r, scores, NULL, NULL);
	rec.state = state;
	assert_int_equal(store_mock_save(st, &rec), 0);
	mock_release(&m);
	arena_release(&ar);
	return rec.id;
}

static void mock_last_five_averages_from_history(void **state)
{
	struct fx f;
	struct store *st;
	struct mock_trend t[2];
	int64_t id[7], newest;

	(void)state;
	load(&f);
	assert_int_equal(store_open(&st, ":memory:", STORE_WRITE), 0);
	/*
	 * Seven scored sessions, oldest first, design scores 1 2 3 4 2 3 4
	 * and risks 4 4 4 4 1 1 2; plus one unscored (not counted).
	 */
	int d[] = { 1, 2, 3, 4, 2, 3, 4 }, r[] = { 4, 4, 4, 4, 1, 1, 2 };

	for (int i = 0; i < 7; i++)
		id[i] = scored(st, &f, 1000 + i, d[i], r[i],
			       STORE_MOCK_SCORED);
	scored(st, &f, 2000, 1, 1, STORE_MOCK_UNSCORED);
	assert_int_equal(mock_trends(st, f.r, 0, t), 0);
	/* Newest first: design 4 3 2 4 3 2 1; the last five 4+3+2+4+3 = 16,
	 * 16 / 5 = 3.2. */
	assert_int_equal(t[0].n, 7);
	assert_int_equal(t[0].scores[0], 4);
	assert_int_equal(t[0].scores[6], 1);
	assert_float_equal(t[0].avg5, 3.2, 1e-9);
	/* Risks newest first 2 1 1 4 4: 12 / 5 = 2.4. */
	assert_float_equal(t[1].avg5, 2.4, 1e-9);
	/* Before the newest session: design 3 2 4 3 2 = 14 / 5 = 2.8. */
	newest = id[6];
	assert_int_equal(mock_trends(st, f.r, newest, t), 0);
	assert_int_equal(t[0].n, 6);
	assert_float_equal(t[0].avg5, 2.8, 1e-9);
	/* Before the second: only design 1 -> average 1.0 of one. */
	assert_int_equal(mock_trends(st, f.r, id[1], t), 0);
	assert_int_equal(t[0].n, 1);
	assert_float_equal(t[0].avg5, 1.0, 1e-9);
	/* Before the first: none, average 0. */
	assert_int_equal(mock_trends(st, f.r, id[0], t), 0);
	assert_int_equal(t[0].n, 0);
	assert_float_equal(t[0].avg5, 0, 1e-9);
	store_free(st);
	finish(&f);
}

/* The score-to-rating mapping, on the default bands' edges. */
static void mock_score_maps_to_a_rating(void **state)
{
	(void)state;
	assert_int_equal(mock_score_rating(0), FSRS_AGAIN);
	assert_int_equal(mock_score_rating(49.99), FSRS_AGAIN);
	assert_int_equal(mock_score_rating(50), FSRS_HARD);
	assert_int_equal(mock_score_rating(69.99), FSRS_HARD);
	assert_int_equal(mock_score_rating(70), FSRS_GOOD);
	assert_int_equal(mock_score_rating(84.99), FSRS_GOOD);
	assert_int_equal(mock_score_rating(85), FSRS_EASY);
	assert_int_equal(mock_score_rating(100), FSRS_EASY);
}

/* A scenario's schedule is a card's over its scored sessions. */
static void mock_schedule_over_a_known_history(void **state)
{
	const int64_t day = 86400000;
	struct mock_done done[3] = { { 1000, 60 }, { 1000 + 3 * day, 90 },
				     { 1000 + 20 * day, 40 } };
	struct fsrs_params p;
	struct fsrs_card got, want;
	struct fsrs_review r;

	(void)state;
	fsrs_params_default(&p);
	p.enable_fuzz = 1;
	mock_schedule(&p, done, 0, &got);
	assert_int_equal(got.state, FSRS_NEW);
	/* 60% is hard, 90% easy, 40% again: as a card graded so. */
	fsrs_card_new(&want, 1000);
	fsrs_review(&p, &want, FSRS_HARD, done[0].at, &r);
	want = r.card;
	fsrs_review(&p, &want, FSRS_EASY, done[1].at, &r);
	want = r.card;
	mock_schedule(&p, done, 2, &got);
	assert_int_equal(got.state, FSRS_REVIEW);
	assert_int_equal(got.due, want.due);
	assert_true(got.due > done[1].at + 2 * day);
	fsrs_review(&p, &want, FSRS_AGAIN, done[2].at, &r);
	mock_schedule(&p, done, 3, &got);
	assert_int_equal(got.state, FSRS_RELEARNING);
	assert_int_equal(got.lapses, 1);
	assert_int_equal(got.due, r.card.due);
}

static const char other_rubric[] =
	"rubric: test-rubric-2\n"
	"title: Other rubric\n"
	"criteria:\n"
	"  - id: star\n"
	"    name: STAR\n"
	"    weight: 1\n"
	"    levels: [s1, s2, s3, s4]\n"
	"    tags: [behavioural]\n";

/*
 * Scenarios due come first, the one whose rubric has the weakest
 * criterion first among them; one scored well waits for its due date.
 */
static void mock_picks_the_due_and_weakest_first(void **state)
{
	static const char second[] =
		"scenario: test-other\n"
		"kind: behavioural\n"
		"title: Other\n"
		"prompt: Tell me.\n"
		"rubric: test-rubric-2\n"
		"phases:\n"
		"  - name: Answer\n"
		"    minutes: 5\n";
	const int64_t day = 86400000;
	struct fx f;
	struct store *st;
	struct diag_list dl;
	struct vec picks;
	struct fsrs_params p;
	struct mock_pick next;
	const struct mock_pick *pk;
	const struct scenario *mock_s, *other_s;
	const struct rubric *mock_r;

	(void)state;
	load(&f);
	diag_list_init(&dl);
	library_load_buffer(&f.lib, "o.yaml", second, strlen(second), &dl);
	library_load_buffer(&f.lib, "r2.yaml", other_rubric,
			    strlen(other_rubric), &dl);
	assert_int_equal(dl.errors, 0);
	diag_list_release(&dl);
	mock_s = library_find_scenario(&f.lib, "test-mock");
	other_s = library_find_scenario(&f.lib, "test-other");
	mock_r = library_find_rubric(&f.lib, "test-rubric");
	fsrs_params_default(&p);
	p.enable_fuzz = 1;
	assert_int_equal(store_open(&st, ":memory:", STORE_WRITE), 0);
	vec_init(&picks, sizeof(struct mock_pick));
	/* Nothing done: both new, in library order. */
	assert_int_equal(mock_pick_list(&f.lib, st, -1, &p, 5000, &picks), 0);
	assert_int_equal(picks.len, 2);
	pk = vec_at(&picks, 0);
	assert_ptr_equal(pk->scenario, mock_s);
	assert_true(pk->due);
	assert_int_equal(pk->last_done, 0);
	/* test-mock scored 4/4 (100%, easy): due in days; the other first. */
	f.s = mock_s;
	f.r = mock_r;
	scored(st, &f, 5000, 4, 4, STORE_MOCK_SCORED);
	assert_int_equal(mock_pick_list(&f.lib, st, -1, &p, 6000, &picks), 0);
	pk = vec_at(&picks, 0);
	assert_ptr_equal(pk->scenario, other_s);
	pk = vec_at(&picks, 1);
	assert_false(pk->due);
	assert_int_equal(pk->n_scored, 1);
	assert_float_equal(pk->last_score, 100, 1e-9);
	assert_true(pk->card.due > 5000 + 2 * day);
	/* test-other scored 1/4 (25%, again): due in minutes, weak. */
	f.s = other_s;
	f.r = library_find_rubric(&f.lib, "test-rubric-2");
	{
		struct store_mock rec;
		struct arena ar;
		struct mock m;
		int one = 1;

		arena_init(&ar);
		mock_init(&m, f.s, &f.opts, 0, 7000);
		mock_end(&m, MIN);
		mock_snapshot(&m, &ar, &rec);
		mock_record_scores(&rec, &ar, f.r, &one, NULL, NULL);
		rec.state = STORE_MOCK_SCORED;
		assert_int_equal(store_mock_save(st, &rec), 0);
		mock_release(&m);
		arena_release(&ar);
	}
	/* A month on both are due: the weaker rubric's first, though the
	 * other is overdue longer. */
	assert_int_equal(mock_next(&f.lib, st, &p, 40 * day, &next), 1);
	assert_ptr_equal(next.scenario, other_s);
	assert_true(next.due);
	assert_float_equal(next.weakness, 1, 1e-9);
	assert_int_equal(mock_pick_list(&f.lib, st, -1, &p, 40 * day, &picks),
			 0);
	pk = vec_at(&picks, 1);
	assert_ptr_equal(pk->scenario, mock_s);
	assert_true(pk->due);
	assert_float_equal(pk->weakness, 4, 1e-9);
	/* Filtered by kind. */
	assert_int_equal(mock_pick_list(&f.lib, st, SCENARIO_SYSTEM_DESIGN,
					&p, 6000, &picks), 0);
	assert_int_equal(picks.len, 1);
	vec_release(&picks);
	store_free(st);
	finish(&f);
}

/*
 * A criterion averaging focus_threshold or less over its last three
 * scored sessions is a focus; it ends when the average rises above.
 */
static void mock_focus_starts_and_ends(void **state)
{
	struct fx f;
	struct store *st;
	struct vec focus;
	const struct mock_focus *fo;
	const char *tags[8];

	(void)state;
	load(&f);
	assert_int_equal(store_open(&st, ":memory:", STORE_WRITE), 0);
	vec_init(&focus, sizeof(struct mock_focus));
	assert_int_equal(mock_focus_list(&f.lib, st, 2.5, &focus), 0);
	assert_int_equal(focus.len, 0);
	/* Design 3 then 2 (2.5: a focus), risks 4 and 4. */
	scored(st, &f, 1000, 3, 4, STORE_MOCK_SCORED);
	scored(st, &f, 2000, 2, 4, STORE_MOCK_SCORED);
	assert_int_equal(mock_focus_list(&f.lib, st, 2.5, &focus), 0);
	assert_int_equal(focus.len, 1);
	fo = vec_at(&focus, 0);
	assert_string_equal(fo->criterion->id.s, "design");
	assert_float_equal(fo->avg, 2.5, 1e-9);
	assert_int_equal(mock_focus_tags(&focus, tags, 8), 2);
	assert_string_equal(tags[0], "architecture");
	assert_string_equal(tags[1], "x");
	/* An unscored session counts for nothing. */
	scored(st, &f, 2500, 4, 4, STORE_MOCK_UNSCORED);
	assert_int_equal(mock_focus_list(&f.lib, st, 2.5, &focus), 0);
	assert_int_equal(focus.len, 1);
	/* Design 4 next: its last three 4 2 3 average 3.0, above: the focus
	 * ends.  Risks 1 4 4 average 3.0 too: a focus only at 3.0. */
	scored(st, &f, 3000, 4, 1, STORE_MOCK_SCORED);
	assert_int_equal(mock_focus_list(&f.lib, st, 2.5, &focus), 0);
	assert_int_equal(focus.len, 0);
	assert_int_equal(mock_focus_list(&f.lib, st, 3.0, &focus), 0);
	assert_int_equal(focus.len, 2);
	fo = vec_at(&focus, 1);
	assert_string_equal(fo->criterion->id.s, "risks");
	assert_int_equal(fo->n_cards, 0);
	vec_release(&focus);
	store_free(st);
	finish(&f);
}

/*
 * Red-flag caps: all 4s is 100% and "great"; blames others caps it at 49
 * ("fine"), and with ethics too the lowest cap, 10 ("poor"), wins.  The
 * caps applied are saved with the session.
 */
static void mock_red_flag_caps_the_score(void **state)
{
	static const unsigned char none[2] = { 0, 0 }, blame[2] = { 1, 0 },
				   both[2] = { 1, 1 };
	int fours[2] = { 4, 4 };
	struct store_mock rec, back;
	struct store *st;
	struct arena ar;
	struct fx f;

	(void)state;
	start(&f);
	assert_int_equal(f.r->n_caps, 2);
	assert_float_equal(mock_capped_score(f.r, 100, none), 100, 1e-9);
	assert_float_equal(mock_capped_score(f.r, 100, NULL), 100, 1e-9);
	assert_float_equal(mock_capped_score(f.r, 100, blame), 49, 1e-9);
	assert_float_equal(mock_capped_score(f.r, 30, blame), 30, 1e-9);
	assert_float_equal(mock_capped_score(f.r, 100, both), 10, 1e-9);
	arena_init(&ar);
	mock_end(&f.m, MIN);
	mock_snapshot(&f.m, &ar, &rec);
	mock_record_scores(&rec, &ar, f.r, fours, NULL, blame);
	assert_float_equal(rec.score, 49, 1e-9);
	assert_string_equal(rec.band, "fine");
	assert_int_equal(rec.n_caps, 1);
	assert_int_equal(store_open(&st, ":memory:", STORE_WRITE), 0);
	assert_int_equal(store_mock_save(st, &rec), 0);
	assert_int_equal(store_mock_get(st, rec.id, &ar, &back), 0);
	assert_int_equal(back.n_caps, 1);
	assert_string_equal(back.caps[0].label, "blames others");
	assert_float_equal(back.caps[0].max, 49, 1e-9);
	assert_float_equal(back.score, 49, 1e-9);
	mock_record_scores(&rec, &ar, f.r, fours, NULL, both);
	assert_string_equal(rec.band, "poor");
	mock_record_scores(&rec, &ar, f.r, fours, NULL, NULL);
	assert_string_equal(rec.band, "great");
	assert_int_equal(rec.n_caps, 0);
	store_free(st);
	arena_release(&ar);
	finish(&f);
}

/*
 * Interviewer mode: the points are a checklist; the ticks are the
 * coverage, saved with who scored it and for whom, and back on resume.
 * The scenario has 1 + 2 + (1 + 1 red flag) = 5 points.
 */
static void mock_interviewer_ticks_are_the_coverage(void **state)
{
	struct store_mock rec, back;
	struct mock_cover *c;
	struct store *st;
	struct vec covers;
	struct arena a;
	struct mock r;
	struct fx f;

	(void)state;
	load(&f);
	f.opts.flags = MOCK_INTERVIEWER;
	f.opts.candidate = "Ana <3";
	mock_init(&f.m, f.s, &f.opts, 0, 1700000000000);
	assert_int_equal(f.m.n_points, 5);
	assert_string_equal(f.m.candidate, "Ana <3");
	/* Design's second point (load balancer); Risks' red flag. */
	assert_int_equal(mock_check(&f.m, 1, 1), 1);
	assert_int_equal(mock_check(&f.m, 2, 1), 1);
	assert_int_equal(mock_check(&f.m, 0, 0), 1);
	assert_int_equal(mock_check(&f.m, 0, 0), 0);	/* untick */
	assert_int_equal(mock_check(&f.m, 0, 1), -1);	/* no such point */
	assert_int_equal(mock_check(&f.m, 3, 0), -1);	/* no such phase */
	assert_true(mock_checked(&f.m, 1, 1));
	assert_false(mock_checked(&f.m, 1, 0));
	vec_init(&covers, sizeof(struct mock_cover));
	/* One key point ticked, one red flag raised: 1 - 1 = 0. */
	assert_int_equal(mock_checked_coverage(&f.m, &covers), 0);
	assert_int_equal(covers.len, 5);
	c = vec_at(&covers, 2);
	assert_string_equal(c->label, "load balancer");
	assert_true(c->covered);
	assert_int_equal(c->line, -1);
	c = vec_at(&covers, 4);
	assert_true(c->red_flag && c->covered);

	/* Saved mid-session: scored by the interviewer, for Ana. */
	assert_int_equal(store_open(&st, ":memory:", STORE_WRITE), 0);
	assert_int_equal(mock_save(&f.m, st, 1700000001000), 0);
	arena_init(&a);
	assert_int_equal(store_mock_get(st, f.m.store_id, &a, &back), 0);
	assert_string_equal(back.scored_by, "interviewer");
	assert_string_equal(back.candidate, "Ana <3");
	assert_int_equal(back.n_coverage, 5);
	assert_true(back.coverage[2].covered);
	assert_false(back.coverage[3].covered);
	/* Resumed: the ticks and the candidate are back. */
	assert_int_equal(mock_restore(&r, f.s, NULL, &back, 0), 0);
	assert_true(r.opts.flags & MOCK_INTERVIEWER);
	assert_string_equal(r.candidate, "Ana <3");
	assert_true(mock_checked(&r, 1, 1));
	assert_true(mock_checked(&r, 2, 1));
	assert_false(mock_checked(&r, 0, 0));
	mock_release(&r);
	/* A candidate's own session has no checklist and no scorer. */
	mock_snapshot(&f.m, &a, &rec);
	assert_string_equal(rec.scored_by, "interviewer");
	mock_release(&f.m);
	f.opts.flags = 0;
	mock_init(&f.m, f.s, &f.opts, 0, 1700000000000);
	assert_int_equal(mock_check(&f.m, 0, 0), -1);
	mock_snapshot(&f.m, &a, &rec);
	assert_null(rec.scored_by);
	assert_null(rec.candidate);
	assert_int_equal(rec.n_coverage, 0);
	arena_release(&a);
	vec_release(&covers);
	store_free(st);
	finish(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mock_starts_on_the_first_phase),
		cmocka_unit_test(mock_scales_minutes_in_proportion),
		cmocka_unit_test(mock_phase_overruns_then_moves_on_after_grace),
		cmocka_unit_test(mock_bell_off_still_marks_the_overrun),
		cmocka_unit_test(mock_next_phase_on_key),
		cmocka_unit_test(mock_pause_stops_the_clock),
		cmocka_unit_test(mock_ctrl_z_time_is_not_counted),
		cmocka_unit_test(mock_extend_adds_two_minutes),
		cmocka_unit_test(mock_reveals_hints_one_at_a_time),
		cmocka_unit_test(mock_ends_when_the_time_is_over),
		cmocka_unit_test(mock_long_gap_moves_through_every_boundary),
		cmocka_unit_test(mock_end_on_key),
		cmocka_unit_test(mock_puts_follow_ups_in_the_last_phase),
		cmocka_unit_test(mock_follow_ups_wait_for_a_dismissal),
		cmocka_unit_test(mock_asks_for_saves_every_five_seconds),
		cmocka_unit_test(mock_notes_remember_their_phase),
		cmocka_unit_test(mock_answers_clarifying_questions),
		cmocka_unit_test(mock_resumes_from_a_saved_state),
		cmocka_unit_test(mock_saves_and_resumes_through_the_store),
		cmocka_unit_test(mock_resume_after_time_over_goes_to_scoring),
		cmocka_unit_test(mock_coverage_per_phase),
		cmocka_unit_test(mock_coverage_red_flag_counts_against),
		cmocka_unit_test(mock_weighted_score_and_bands),
		cmocka_unit_test(mock_weak_tags_of_the_lowest_criteria),
		cmocka_unit_test(mock_last_five_averages_from_history),
		cmocka_unit_test(mock_score_maps_to_a_rating),
		cmocka_unit_test(mock_focus_starts_and_ends),
		cmocka_unit_test(mock_schedule_over_a_known_history),
		cmocka_unit_test(mock_picks_the_due_and_weakest_first),
		cmocka_unit_test(mock_interviewer_ticks_are_the_coverage),
		cmocka_unit_test(mock_red_flag_caps_the_score),
	};

	return cmocka_run_group_tests_name("mock", tests, NULL, NULL);
}
