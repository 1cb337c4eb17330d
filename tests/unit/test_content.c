/*
 * The shipped content as a candidate relies on it: lint-clean, the decks,
 * rubrics, scenarios and primers the content issue promises, rubric
 * criteria that really point at cards, and key-point patterns that accept
 * a strong answer and reject unrelated text.
 */
#include "test_util.h"

#include <sys/stat.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/vec.h"
#include "core/xmalloc.h"
#include "lint/lint.h"
#include "loader/loader.h"
#include "match/match.h"
#include "mock/mock.h"

struct shipped {
	struct library lib;
	struct diag_list dl;
};

static int load_shipped(void **state)
{
	struct shipped *s = xcalloc(1, sizeof(*s));
	char decks[4096], content[4096];
	const char *paths[] = { decks, content };

	snprintf(decks, sizeof(decks), "%s", test_path("decks"));
	snprintf(content, sizeof(content), "%s", test_path("content"));
	library_init(&s->lib);
	diag_list_init(&s->dl);
	if (library_load(&s->lib, paths, 2, content, &s->dl) < 0)
		return -1;
	lint_library(&s->lib, &s->dl);
	diag_list_sort(&s->dl);
	/* The decks' lookup map is built here, outside the tests, whose
	 * own allocations cmocka counts. */
	library_find_deck(&s->lib, "");
	*state = s;
	return 0;
}

static int free_shipped(void **state)
{
	struct shipped *s = *state;

	library_release(&s->lib);
	diag_list_release(&s->dl);
	xfree(s);
	return 0;
}

static void content_is_lint_clean_even_strict(void **state)
{
	struct shipped *s = *state;

	for (size_t i = 0; i < s->dl.items.len; i++) {
		char *line = diag_format_text(diag_list_at(&s->dl, i), 1);

		print_message("%s\n", line);
		xfree(line);
	}
	assert_int_equal(s->dl.errors, 0);
	assert_int_equal(s->dl.warnings, 0);
}

static void content_has_the_promised_decks_and_cards(void **state)
{
	static const char *const names[] = {
		"tpm-role", "pm-fundamentals", "system-design", "behavioural",
		"technical-foundations", "genai-programs", "security-privacy",
		"planning-governance",
	};
	struct shipped *s = *state;
	size_t cards = 0;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct deck *d = library_find_deck(&s->lib, names[i]);

		if (!d)
			fail_msg("deck '%s' is missing", names[i]);
		print_message("%-22s %3zu cards\n", names[i], d->n_cards);
		assert_true(d->n_cards >= 20);
	}
	for (size_t i = 0; i < s->lib.n_decks; i++)
		cards += s->lib.decks[i].n_cards;
	print_message("%zu cards, %zu study items\n", cards, s->lib.n_items);
	assert_true(cards >= 550);
}

static void content_every_card_has_tags(void **state)
{
	struct shipped *s = *state;

	for (size_t i = 0; i < s->lib.n_decks; i++) {
		const struct deck *d = &s->lib.decks[i];

		for (size_t j = 0; j < d->n_cards; j++)
			if (!d->cards[j].tags.n && !d->tags.n)
				fail_msg("card '%s' has no tags",
					 d->cards[j].id.s);
	}
}

static int card_has_any_tag(const struct card *c, const struct lstr_list *tags)
{
	for (size_t i = 0; i < tags->n; i++)
		for (size_t j = 0; j < c->tags.n; j++)
			if (!strcmp(tags->v[i].s, c->tags.v[j].s))
				return 1;
	for (size_t i = 0; i < tags->n; i++)
		for (size_t j = 0; j < c->deck->tags.n; j++)
			if (!strcmp(tags->v[i].s, c->deck->tags.v[j].s))
				return 1;
	return 0;
}

static void content_rubric_tags_reach_five_cards(void **state)
{
	static const char *const names[] = { "tpm-system-design",
					     "behavioural-star",
					     "program-execution" };
	struct shipped *s = *state;

	for (size_t r = 0; r < sizeof(names) / sizeof(names[0]); r++)
		if (!library_find_rubric(&s->lib, names[r]))
			fail_msg("rubric '%s' is missing", names[r]);
	for (size_t r = 0; r < s->lib.n_rubrics; r++) {
		const struct rubric *rb = &s->lib.rubrics[r];

		for (size_t c = 0; c < rb->n_criteria; c++) {
			const struct criterion *cr = &rb->criteria[c];
			size_t n = 0;

			for (size_t d = 0; d < s->lib.n_decks; d++)
				for (size_t k = 0; k < s->lib.decks[d].n_cards;
				     k++)
					n += card_has_any_tag(
						&s->lib.decks[d].cards[k],
						&cr->tags);
			if (n < 5)
				fail_msg("%s/%s: its tags match %zu cards",
					 rb->id.s, cr->id.s, n);
			assert_int_equal(cr->levels.n, 4);
		}
	}
}

static void content_has_the_promised_scenarios(void **state)
{
	struct shipped *s = *state;
	size_t kinds[3] = { 0 };

	for (size_t i = 0; i < s->lib.n_scenarios; i++) {
		const struct scenario *sc = &s->lib.scenarios[i];
		int minutes = 0;

		for (size_t p = 0; p < sc->n_phases; p++)
			minutes += sc->phases[p].minutes;
		kinds[sc->kind]++;
		/* Behavioural: one story (10-30) or a deep probe (to 45). */
		if (sc->kind == SCENARIO_BEHAVIOURAL) {
			if (minutes < 10 || minutes > 45)
				fail_msg("%s: %d minutes", sc->id.s, minutes);
		} else if (minutes < 45 || minutes > 60) {
			fail_msg("%s: %d minutes, not 45-60", sc->id.s,
				 minutes);
		}
	}
	print_message("scenarios: %zu system design, %zu program execution, "
		      "%zu behavioural\n", kinds[SCENARIO_SYSTEM_DESIGN],
		      kinds[SCENARIO_PROGRAM_EXECUTION],
		      kinds[SCENARIO_BEHAVIOURAL]);
	assert_true(kinds[SCENARIO_SYSTEM_DESIGN] >= 12);
	assert_true(kinds[SCENARIO_PROGRAM_EXECUTION] >= 6);
	assert_true(kinds[SCENARIO_BEHAVIOURAL] >= 9);
}

static void content_has_the_ten_primers(void **state)
{
	static const char *const names[] = {
		"caching", "databases", "messaging", "apis", "reliability",
		"estimation", "program-planning", "risk", "agile",
		"behavioural-answers",
	};
	char rel[256];
	struct stat st;

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(rel, sizeof(rel), "content/primers/%s.md", names[i]);
		if (stat(test_path(rel), &st) || st.st_size < 1000)
			fail_msg("primer %s is missing or too short", rel);
	}
}

/*
 * The checks below print every problem and return how many they found, so
 * that one run shows a content author all of them.
 */

/*
 * Points of kps whose cover of text is not want: MATCH_COVERED for a model
 * answer, MATCH_MISSED for unrelated text.
 */
static size_t count_wrong(const char *what, const struct key_point_list *kps,
			  const char *text, size_t len, enum match_cover want)
{
	struct match_set set;
	struct match_hit *hits = xcalloc(kps->n ? kps->n : 1, sizeof(*hits));
	size_t bad = 0;

	match_set_init(&set, kps->v, kps->n);
	match_set_check(&set, text, len, hits);
	for (size_t i = 0; i < kps->n; i++) {
		if (hits[i].cover == want)
			continue;
		if (want == MATCH_COVERED)
			print_error("%s: key point '%s' misses its model "
				    "answer\n", what, kps->v[i].label.s);
		else
			print_error("%s: key point '%s' matches unrelated "
				    "text: '%.*s'\n", what, kps->v[i].label.s,
				    (int)(hits[i].end - hits[i].start),
				    text + hits[i].start);
		bad++;
	}
	match_set_release(&set);
	xfree(hits);
	return bad;
}

static void content_scenario_points_match_model_answers(void **state)
{
	struct shipped *s = *state;
	size_t ulen, points = 0, bad = 0;
	char *unrelated = test_read_file(
		test_path("tests/fixtures/content/unrelated.txt"), &ulen);

	assert_non_null(unrelated);

	for (size_t i = 0; i < s->lib.n_scenarios; i++) {
		const struct scenario *sc = &s->lib.scenarios[i];
		char rel[512];
		size_t len;
		char *answer;

		snprintf(rel, sizeof(rel),
			 "tests/fixtures/content/answers/%s.txt", sc->id.s);
		answer = test_read_file(test_path(rel), &len);
		if (!answer)
			fail_msg("scenario '%s' has no model answer %s",
				 sc->id.s, rel);
		for (size_t p = 0; p < sc->n_phases; p++) {
			const struct key_point_list *kps =
				&sc->phases[p].key_points;

			bad += count_wrong(sc->id.s, kps, answer, len,
					   MATCH_COVERED);
			bad += count_wrong(sc->id.s, kps, unrelated, ulen,
					   MATCH_MISSED);
			points += kps->n;
		}
		xfree(answer);
	}
	print_message("%zu scenario key points checked\n", points);
	xfree(unrelated);
	assert_int_equal(bad, 0);
}

/*
 * Reads FILE's lines into notes as a candidate types them in a mock (every
 * line in phase 0: coverage counts a point made in any phase); returns
 * the number of lines.  The lines point into text.
 */
static size_t split_notes(char *text, struct mock_note *notes, size_t max)
{
	size_t n = 0;

	for (char *line = strtok(text, "\n"); line && n < max;
	     line = strtok(NULL, "\n"))
		notes[n++] = (struct mock_note){ line, 0 };
	return n;
}

/*
 * Notes as people type them under the clock (tests/fixtures/content/
 * notes/ID.txt: shorthand, bullets, arrows, a third of a model answer's
 * length) cover every key point of their scenario, through the coverage
 * the mock screen shows.
 */
static void content_scenario_points_match_terse_notes(void **state)
{
	struct shipped *s = *state;
	size_t points = 0, missed = 0;

	for (size_t i = 0; i < s->lib.n_scenarios; i++) {
		const struct scenario *sc = &s->lib.scenarios[i];
		struct mock_note notes[256];
		char rel[512];
		size_t len, model_len, n, covered;
		char *text, *model;
		struct vec cov;

		snprintf(rel, sizeof(rel),
			 "tests/fixtures/content/notes/%s.txt", sc->id.s);
		text = test_read_file(test_path(rel), &len);
		if (!text)
			fail_msg("scenario '%s' has no terse notes %s",
				 sc->id.s, rel);
		snprintf(rel, sizeof(rel),
			 "tests/fixtures/content/answers/%s.txt", sc->id.s);
		model = test_read_file(test_path(rel), &model_len);
		assert_non_null(model);
		/* Terse: at most half the model answer. */
		if (len * 2 > model_len)
			fail_msg("%s: notes of %zu bytes are not terse beside "
				 "a model answer of %zu", sc->id.s, len,
				 model_len);
		n = split_notes(text, notes, 256);
		vec_init(&cov, sizeof(struct mock_cover));
		covered = mock_coverage(sc, notes, n, &cov);
		for (size_t k = 0; k < cov.len; k++) {
			const struct mock_cover *c = vec_at(&cov, k);

			if (c->red_flag)
				continue;
			points++;
			if (!c->covered) {
				print_error("%s: terse notes miss key point "
					    "'%s'\n", sc->id.s, c->label);
				missed++;
			}
		}
		print_message("%-36s %zu of %zu key points\n", sc->id.s,
			      covered, cov.len);
		vec_release(&cov);
		xfree(text);
		xfree(model);
	}
	print_message("%zu scenario key points checked against terse "
		      "notes\n", points);
	assert_int_equal(missed, 0);
	assert_true(points >= 400);
}

/*
 * A typed card's own back is a model answer for its key points.  (Unrelated
 * text is not tried here: a typed card's point is one term checked inside
 * an answer to its question, and "salt" is a fine point for a password card
 * even though a recipe has salt in it.)
 */
static void content_typed_points_match_their_backs(void **state)
{
	struct shipped *s = *state;
	size_t cards = 0, bad = 0;

	for (size_t d = 0; d < s->lib.n_decks; d++) {
		for (size_t k = 0; k < s->lib.decks[d].n_cards; k++) {
			const struct card *c = &s->lib.decks[d].cards[k];

			if (c->type != CARD_TYPED)
				continue;
			bad += count_wrong(c->id.s, &c->key_points,
					   c->back.s, strlen(c->back.s),
					   MATCH_COVERED);
			cards++;
		}
	}
	print_message("%zu typed cards checked\n", cards);
	assert_int_equal(bad, 0);
	assert_true(cards >= 30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(content_is_lint_clean_even_strict),
		cmocka_unit_test(content_has_the_promised_decks_and_cards),
		cmocka_unit_test(content_every_card_has_tags),
		cmocka_unit_test(content_rubric_tags_reach_five_cards),
		cmocka_unit_test(content_has_the_promised_scenarios),
		cmocka_unit_test(content_has_the_ten_primers),
		cmocka_unit_test(content_scenario_points_match_model_answers),
		cmocka_unit_test(content_scenario_points_match_terse_notes),
		cmocka_unit_test(content_typed_points_match_their_backs),
	};

	return cmocka_run_group_tests_name("content", tests, load_shipped,
					   free_shipped);
}
