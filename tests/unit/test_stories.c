/*
 * The story bank against the competencies (mock_story_matrix()): a
 * fixture bank of three stories over two behavioural scenarios' tags, with
 * rehearsals in an in-memory store, checked cell by cell.
 */
#include "test_util.h"

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/diag.h"
#include "loader/loader.h"
#include "mock/mock.h"
#include "store/store.h"

/* Competencies: conflict, influence, stakeholders (from the first) and
 * deadlines, risk (from the second); behavioural and star are not. */
static const char scenarios_yaml[] =
	"scenario: beh-a\n"
	"kind: behavioural\n"
	"title: A\n"
	"prompt: Tell me.\n"
	"rubric: r\n"
	"phases: [{name: A1, question: Two teams?, minutes: 6},\n"
	"         {name: A2, minutes: 4}]\n"
	"follow_ups: [And then?]\n"
	"tags: [behavioural, star, conflict, influence, stakeholders]\n";
static const char scenario_b_yaml[] =
	"scenario: beh-b\n"
	"kind: behavioural\n"
	"title: B\n"
	"prompt: Tell me.\n"
	"rubric: r\n"
	"phases: [{name: B1, minutes: 6}, {name: B2, minutes: 6}]\n"
	"tags: [behavioural, deadlines, risk, star]\n";
/* ledger claims two; launch claims four (stretched); mentor one that is
 * not a competency (lint's error), so none. */
static const char stories_yaml[] =
	"stories:\n"
	"  - {id: ledger, title: Ledger, situation: s, task: t, action: a,\n"
	"     result: r, competencies: [conflict, stakeholders]}\n"
	"  - {id: launch, title: Launch, situation: s, task: t, action: a,\n"
	"     result: r, competencies: [deadlines, risk, influence,\n"
	"     stakeholders]}\n"
	"  - {id: mentor, title: Mentor, situation: s, task: t, action: a,\n"
	"     result: r, competencies: [mentoring]}\n";

static void load(struct library *lib)
{
	struct diag_list dl;

	library_init(lib);
	diag_list_init(&dl);
	library_load_buffer(lib, "a.yaml", scenarios_yaml,
			    strlen(scenarios_yaml), &dl);
	library_load_buffer(lib, "b.yaml", scenario_b_yaml,
			    strlen(scenario_b_yaml), &dl);
	library_load_buffer(lib, "stories.yaml", stories_yaml,
			    strlen(stories_yaml), &dl);
	assert_int_equal(dl.errors, 0);
	diag_list_release(&dl);
}

/* A scored session at started_at telling stories[] for questions. */
static void session(struct store *st, int64_t started_at, double score,
		    const struct store_mock_story *told, size_t n)
{
	struct store_mock r = {
		.scenario = "beh-a", .title = "A", .kind = "behavioural",
		.rubric = "r", .prompt = "P", .minutes = 6,
		.started_at = started_at, .ended_at = started_at + 1,
		.state = STORE_MOCK_SCORED, .score = score, .band = "hire",
		.stories = told, .n_stories = n,
	};

	assert_int_equal(store_mock_save(st, &r), 0);
}

static enum mock_cell cell(const struct mock_story_matrix *m, const char *c,
			   size_t s)
{
	for (size_t i = 0; i < m->n_competencies; i++)
		if (!strcmp(m->competencies[i], c))
			return (enum mock_cell)m->cells[i * m->n_rows + s];
	fail_msg("no competency %s", c);
	return MOCK_CELL_NONE;
}

static double score(const struct mock_story_matrix *m, const char *c,
		    size_t s)
{
	for (size_t i = 0; i < m->n_competencies; i++)
		if (!strcmp(m->competencies[i], c))
			return m->scores[i * m->n_rows + s];
	return -2;
}

static void day(void *ctx, int64_t utc_ms, char out[16])
{
	(void)ctx;
	snprintf(out, 16, "t=%lld", (long long)utc_ms);
}

static void stories_matrix_cell_by_cell(void **state)
{
	static const struct store_mock_story older[] = {
		{ 0, "ledger", "Ledger", "conflict influence" },
	};
	static const struct store_mock_story newer[] = {
		{ 0, "ledger", "Ledger", "conflict" },
		{ 1, "", "told off the cuff", "deadlines" },
	};
	static const char *const mark[3] = { ".", "o", "" };
	struct mock_story_matrix m;
	struct library lib;
	struct store *st;
	struct buf out;

	(void)state;
	load(&lib);
	assert_int_equal(store_open(&st, ":memory:", STORE_WRITE), 0);
	session(st, 1000, 40, older, 1);
	session(st, 2000, 80, newer, 2);
	assert_int_equal(mock_story_matrix(&lib, st, &m), 0);

	assert_int_equal(m.n_competencies, 5);
	assert_string_equal(m.competencies[0], "conflict");
	assert_string_equal(m.competencies[4], "stakeholders");
	assert_int_equal(m.n_rows, 3);
	/* ledger: conflict told twice, the newer scored 80; influence told
	 * once (40) though not claimed; stakeholders claimed only. */
	assert_int_equal(cell(&m, "conflict", 0), MOCK_CELL_REHEARSED);
	assert_true(score(&m, "conflict", 0) == 80);
	assert_int_equal(cell(&m, "influence", 0), MOCK_CELL_REHEARSED);
	assert_true(score(&m, "influence", 0) == 40);
	assert_int_equal(cell(&m, "stakeholders", 0), MOCK_CELL_CLAIMED);
	assert_int_equal(cell(&m, "deadlines", 0), MOCK_CELL_NONE);
	assert_int_equal(cell(&m, "risk", 0), MOCK_CELL_NONE);
	/* launch: four claims, never told (the off-the-cuff story is not
	 * the bank's); stretched. */
	assert_int_equal(cell(&m, "conflict", 1), MOCK_CELL_NONE);
	assert_int_equal(cell(&m, "deadlines", 1), MOCK_CELL_CLAIMED);
	assert_int_equal(cell(&m, "influence", 1), MOCK_CELL_CLAIMED);
	assert_int_equal(cell(&m, "risk", 1), MOCK_CELL_CLAIMED);
	assert_int_equal(cell(&m, "stakeholders", 1), MOCK_CELL_CLAIMED);
	assert_true(m.rows[1].stretched);
	assert_true(m.rows[1].last_score < 0);
	/* mentor: its one competency is not one; a column of nothing. */
	for (size_t c = 0; c < m.n_competencies; c++)
		assert_int_equal(m.cells[c * m.n_rows + 2], MOCK_CELL_NONE);
	assert_int_equal(m.rows[2].n_competencies, 0);
	assert_false(m.rows[0].stretched);
	assert_true(m.rows[0].last_score == 80);
	assert_int_equal(m.rows[0].last_at, 2000);
	/* Stories per competency: conflict 1, deadlines 1, influence 2,
	 * risk 1, stakeholders 2; none without one. */
	assert_int_equal(m.n_stories[0], 1);
	assert_int_equal(m.n_stories[2], 2);

	buf_init(&out);
	mock_story_matrix_text(&m, mark, day, NULL, &out);
	assert_string_equal(out.s,
		"competency      1    2    3\n"
		"conflict      80%    .    .\n"
		"deadlines       .    o    .\n"
		"influence     40%    o    .\n"
		"risk            .    o    .\n"
		"stakeholders    o    o    .\n"
		"\n"
		"   1  ledger  Ledger  2 competencies  last rehearsed t=2000: "
		"80%\n"
		"   2  launch  Launch  4 competencies (stretched)  never "
		"rehearsed\n"
		"   3  mentor  Mentor  0 competencies  never rehearsed\n");
	buf_release(&out);
	mock_story_matrix_release(&m);
	store_free(st);
	library_release(&lib);
}

/* No behavioural scenario: no competencies, and the text says so. */
static void stories_matrix_without_stories(void **state)
{
	static const char *const mark[3] = { ".", "o", "" };
	struct mock_story_matrix m;
	struct library lib;
	struct diag_list dl;
	struct store *st;
	struct buf out;

	(void)state;
	library_init(&lib);
	diag_list_init(&dl);
	library_load_buffer(&lib, "a.yaml", scenarios_yaml,
			    strlen(scenarios_yaml), &dl);
	diag_list_release(&dl);
	assert_int_equal(store_open(&st, ":memory:", STORE_WRITE), 0);
	assert_int_equal(mock_story_matrix(&lib, st, &m), 0);
	buf_init(&out);
	mock_story_matrix_text(&m, mark, day, NULL, &out);
	assert_string_equal(out.s,
		"competency  \n"
		"conflict      no story\n"
		"influence     no story\n"
		"stakeholders  no story\n"
		"\n"
		"no stories yet: tpmtrain stories edit makes the bank\n");
	buf_release(&out);
	mock_story_matrix_release(&m);
	store_free(st);
	library_release(&lib);
}

/*
 * A round for conflict and deadlines: their questions in turn, A1 B1 A2
 * B2; each question's competencies are its scenario's; the stories that
 * claim one come first; the story told per question is saved with them
 * and comes back on resume, the round built again from its id.
 */
static void stories_round_built_told_and_resumed(void **state)
{
	static const char *const comps[] = { "conflict", "deadlines" };
	static const char *const none[] = { "conflict", "haggling" };
	const struct scenario *round, *again;
	const struct story *choices[8], *told;
	struct mock m, back;
	struct store_mock rec;
	struct library lib;
	struct store *st;
	struct arena a;
	struct buf b;
	size_t bad = 99, n;

	(void)state;
	load(&lib);
	assert_int_equal(mock_build_round(&lib, none, 2, &round, &bad),
			 TPM_ENOENT);
	assert_int_equal(bad, 1);
	assert_int_equal(mock_build_round(&lib, comps, 2, &round, &bad), 0);
	assert_string_equal(round->id.s, "round:conflict,deadlines");
	assert_string_equal(round->title.s,
			    "Behavioural round: conflict, deadlines");
	assert_int_equal(round->n_phases, 4);
	assert_string_equal(round->phases[0].name.s, "A1");
	assert_string_equal(round->phases[1].name.s, "B1");
	assert_string_equal(round->phases[2].name.s, "A2");
	assert_string_equal(round->phases[3].name.s, "B2");
	assert_string_equal(round->phases[0].question.s, "Two teams?");
	assert_string_equal(round->rubric.s, "r");
	/* Built twice, it is the same one. */
	assert_int_equal(mock_build_round(&lib, comps, 2, &again, &bad), 0);
	assert_ptr_equal(again, library_find_scenario(&lib, round->id.s));

	round = library_find_scenario(&lib, "round:conflict,deadlines");
	mock_init(&m, round, NULL, 0, 1000);
	/* 6 minutes: a 3-minute answer; 4 minutes: half, 2. */
	assert_int_equal(mock_answer_ms(&m, 0), 3 * 60000);
	assert_int_equal(mock_answer_ms(&m, 2), 2 * 60000);
	buf_init(&b);
	mock_question_competencies(&m, 1, &b);
	assert_string_equal(b.s, "deadlines risk");
	buf_release(&b);
	/* Question 2 (deadlines): launch claims it, ledger and mentor not. */
	mock_next_phase(&m, 1000);
	n = mock_story_choices(&m, &lib, choices, 8);
	assert_int_equal(n, 3);
	assert_string_equal(choices[0]->id.s, "launch");
	assert_string_equal(choices[1]->id.s, "ledger");
	assert_string_equal(choices[2]->id.s, "mentor");
	assert_false(mock_told(&m, 1, &told));
	mock_tell(&m, choices[0]);
	mock_next_phase(&m, 2000);
	mock_tell(&m, NULL);		/* a new story for A2 */
	assert_true(mock_told(&m, 1, &told));
	assert_ptr_equal(told, choices[0]);
	assert_true(mock_told(&m, 2, &told));
	assert_null(told);

	assert_int_equal(store_open(&st, ":memory:", STORE_WRITE), 0);
	assert_int_equal(mock_save(&m, st, 5000), 0);
	arena_init(&a);
	assert_int_equal(store_mock_get(st, m.store_id, &a, &rec), 0);
	assert_int_equal(rec.n_stories, 2);
	assert_int_equal(rec.stories[0].phase, 1);
	assert_string_equal(rec.stories[0].story, "launch");
	assert_string_equal(rec.stories[0].competencies, "deadlines risk");
	assert_string_equal(rec.stories[1].story, "");
	assert_string_equal(rec.stories[1].title, "a new story");
	assert_string_equal(rec.stories[1].competencies,
			    "conflict influence stakeholders");
	arena_release(&a);
	mock_release(&m);
	/* A fresh library has no round: resuming builds it again. */
	library_release(&lib);
	load(&lib);
	assert_null(library_find_scenario(&lib, "round:conflict,deadlines"));
	assert_int_equal(mock_resume_latest(&back, &lib, st, NULL, 0), 0);
	assert_string_equal(back.scenario->id.s, "round:conflict,deadlines");
	assert_true(mock_told(&back, 1, &told));
	assert_string_equal(told->id.s, "launch");
	assert_true(mock_told(&back, 2, &told));
	assert_null(told);
	assert_false(mock_told(&back, 0, &told));
	mock_release(&back);
	store_free(st);
	library_release(&lib);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(stories_matrix_cell_by_cell),
		cmocka_unit_test(stories_matrix_without_stories),
		cmocka_unit_test(stories_round_built_told_and_resumed),
	};

	return cmocka_run_group_tests_name("stories", tests, NULL, NULL);
}
