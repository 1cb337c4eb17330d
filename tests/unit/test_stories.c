/*
 * The story bank against the competencies (mock_story_matrix()): a
 * fixture bank of three stories over two behavioural scenarios' tags, with
 * rehearsals in an in-memory store, checked cell by cell.
 */
#include "test_util.h"

#include "core/buf.h"
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
	"phases: [{name: Q1, minutes: 6}]\n"
	"tags: [behavioural, star, conflict, influence, stakeholders]\n";
static const char scenario_b_yaml[] =
	"scenario: beh-b\n"
	"kind: behavioural\n"
	"title: B\n"
	"prompt: Tell me.\n"
	"rubric: r\n"
	"phases: [{name: Q1, minutes: 6}]\n"
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

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(stories_matrix_cell_by_cell),
		cmocka_unit_test(stories_matrix_without_stories),
	};

	return cmocka_run_group_tests_name("stories", tests, NULL, NULL);
}
