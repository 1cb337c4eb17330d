#include "test_util.h"

#include "core/buf.h"
#include "core/diag.h"
#include "core/xmalloc.h"
#include "lint/lint.h"
#include "loader/loader.h"

#include "fixture_run.h"

/* Every case in tests/fixtures/lint, with its exact lines. */
static void lint_fixtures_report_exact_diagnostics(void **state)
{
	size_t failed = 0, n;

	(void)state;
	n = run_fixtures("tests/fixtures/lint", &failed);
	assert_true(n >= 16);
	assert_int_equal(failed, 0);
}

/* Lints what lib holds after loading the buffers; one line each. */
static char *lint_lines(struct library *lib, const char *const *names,
			const char *const *texts, size_t n)
{
	struct diag_list dl;
	char *out;

	diag_list_init(&dl);
	for (size_t i = 0; i < n; i++)
		library_load_buffer(lib, names[i], texts[i], strlen(texts[i]),
				    &dl);
	lint_library(lib, &dl);
	diag_list_sort(&dl);
	out = test_diag_text(&dl);
	diag_list_release(&dl);
	return out;
}

static void lint_finds_duplicates_across_loads(void **state)
{
	const char *names[] = { "a.yaml", "b.yaml" };
	const char *texts[] = {
		"deck: a\ntitle: A\ncards:\n"
		"  - {id: x, front: q, back: a}\n"
		"  - {id: y, front: q, back: a}\n",
		"deck: b\ntitle: B\ncards:\n"
		"  - {id: z, front: q, back: a}\n"
		"  - {id: x, type: cloze, text: '{{c1::q}}'}\n"
		"  - {id: z, front: q, back: a}\n",
	};
	struct library lib;
	char *out;

	(void)state;
	library_init(&lib);
	out = lint_lines(&lib, names, texts, 2);
	assert_string_equal(out,
		"b.yaml:5:10: error: duplicate card id 'x' (first defined at "
		"a.yaml:4)\n"
		"b.yaml:6:10: error: duplicate card id 'z' (first defined at "
		"line 4)\n");
	/* Lookups give the first of equal ids. */
	assert_string_equal(library_find_card(&lib, "x")->deck->id.s, "a");
	assert_int_equal(library_find_item(&lib, "x")->variant, 0);
	xfree(out);
	library_release(&lib);
}

/* A buffer has no file to read again: the library keeps a copy. */
static void lint_locates_inside_buffers(void **state)
{
	const char *names[] = { "mem.yaml" };
	const char *texts[] = {
		"deck: mem\ntitle: \"T\\t\\u00e9 \\e[2J\"\ncards:\n"
		"  - id: one\n"
		"    front: |\n"
		"      clean\n"
		"      then \xc3\xa2\xe2\x82\xac\xe2\x84\xa2 here\n"
		"    back: A\n"
		"    refs: [../up.md]\n"
		"    key_points:\n"
		"      - {label: l, pattern: \"\\\\d+(\"}\n",
	};
	struct library lib;
	char *out;

	(void)state;
	library_init(&lib);
	out = lint_lines(&lib, names, texts, 1);
	assert_string_equal(out,
		"mem.yaml:2:19: warning: terminal escape sequence '\\e[2J' in "
		"'title'\n"
		"mem.yaml:7:12: warning: mojibake '\xc3\xa2\xe2\x82\xac\xe2\x84"
		"\xa2' for '\xe2\x80\x99' in 'front' (UTF-8 read as "
		"Windows-1252)\n"
		"mem.yaml:9:12: error: ref '../up.md' is not a relative path "
		"inside the content directory\n"
		"mem.yaml:11:35: error: invalid pattern: missing closing "
		"parenthesis\n");
	xfree(out);
	library_release(&lib);
}

/*
 * Rejected objects are checked, and their ids, tags and rubric ids count
 * as those of library objects do; a file cut short gives nothing to lint.
 */
static void lint_checks_rejected_objects(void **state)
{
	const char *names[] = { "a.yaml", "b.yaml", "r.yaml", "m.yaml",
				"cut.yaml" };
	const char *texts[] = {
		/* x is rejected (no back), and the first x. */
		"deck: a\ntitle: A\ncards:\n"
		"  - id: x\n"
		"    type: typed\n"
		"    front: q\n"
		"    tags: [only-rejected]\n"
		"    key_points: [{label: l, pattern: 'a[b'}]\n",
		"deck: b\ntitle: B\ncards:\n"
		"  - {id: x, front: q, back: a}\n",
		/* A rubric without a title still has its id. */
		"rubric: r\ncriteria:\n"
		"  - {id: c, name: C, weight: 1, levels: [a, b, c, d], "
		"tags: [only-rejected, none]}\n",
		"scenario: m\nkind: behavioural\ntitle: T\nprompt: P\n"
		"rubric: r\nphases: [{name: N, minutes: 5}]\n",
		"deck: cut\ntitle: C\ncards:\n"
		"  - {id: y, front: q, key_points: [{label: l, pattern: '('}]"
		"}\n"
		"  - {id: z, front: [\n",
	};
	struct library lib;
	char *out;

	(void)state;
	library_init(&lib);
	out = lint_lines(&lib, names, texts, 5);
	assert_string_equal(out,
		"a.yaml:4:5: error: missing required key 'back'\n"
		"a.yaml:8:42: error: invalid pattern: missing terminating ] "
		"for character class\n"
		"b.yaml:4:10: error: duplicate card id 'x' (first defined at "
		"a.yaml:4)\n"
		/* Not y's pattern: the file is not read to its end. */
		"cut.yaml:4:5: error: missing required key 'back'\n"
		"cut.yaml:5:20: error: expected a string for 'front', found a "
		"list\n"
		"cut.yaml:6:1: error: did not find expected node content\n"
		"r.yaml:1:1: error: missing required key 'title'\n"
		"r.yaml:3:77: warning: no card has tag 'none'\n");
	assert_ptr_equal(library_find_card(&lib, "x"),
			 &lib.decks[0].cards[0]);
	xfree(out);
	library_release(&lib);
}

/* The study items of lib, keys space-separated (xfree()). */
static char *item_keys(const struct library *lib)
{
	struct buf b;

	buf_init(&b);
	for (size_t i = 0; i < lib->n_items; i++)
		buf_addf(&b, "%s%s", i ? " " : "", lib->items[i].key);
	return buf_detach(&b, NULL);
}

/*
 * A broken deck locks nobody out (issue 9 items 2 and 3): each card with
 * an error is left out of study and the rest stays; of duplicate ids the
 * first is studied; a typed card without key points or with a pattern
 * that does not compile is left out, not half-used; a file that is not
 * YAML is left out whole.  An error in one card is not charged to its
 * neighbours, rejected ones included.
 */
static void lint_leave_out_keeps_the_good_cards(void **state)
{
	const char *names[] = { "a.yaml", "b.yaml", "c.yaml" };
	const char *texts[] = {
		"deck: a\ntitle: A\ncards:\n"
		"  - {id: x, front: q, back: a}\n"
		"  - {id: y, type: reverse, front: q, back: a}\n",
		"deck: b\ntitle: B\ncards:\n"
		"  - {id: fine, front: q, back: a}\n"
		"  - {id: typo, fornt: q, back: a}\n"
		"  - {id: after-typo, front: q, back: a}\n"
		"  - {id: x, front: dup, back: a}\n"
		"  - {id: no-points, type: typed, front: q, back: a}\n"
		"  - id: bad-pattern\n"
		"    type: typed\n"
		"    front: q\n"
		"    back: a\n"
		"    key_points: [{label: l, pattern: 'a('}]\n"
		"  - {id: last, type: cloze, text: '{{c1::q}} and {{c2::r}}'}\n",
		"deck: [unclosed\n",
	};
	struct lint_left_out lo;
	struct library lib;
	struct diag_list dl;
	struct buf text;
	char *keys;

	(void)state;
	library_init(&lib);
	diag_list_init(&dl);
	for (size_t i = 0; i < 3; i++)
		library_load_buffer(&lib, names[i], texts[i], strlen(texts[i]),
				    &dl);
	lint_leave_out(&lib, &dl, &lo);
	keys = item_keys(&lib);
	assert_string_equal(keys, "x y y#reverse fine after-typo last#c1 "
			    "last#c2");
	assert_string_equal(library_find_item(&lib, "x")->card->front.s, "q");
	assert_int_equal(lo.cards, 4);
	assert_int_equal(lo.files, 1);
	assert_int_equal(lo.errors, dl.errors);
	buf_init(&text);
	lint_left_out_text(&lo, &text);
	assert_string_equal(text.s, "4 cards and 1 file left out because of "
			    "errors: tpmtrain lint");
	buf_release(&text);
	xfree(keys);
	diag_list_release(&dl);
	library_release(&lib);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lint_fixtures_report_exact_diagnostics),
		cmocka_unit_test(lint_finds_duplicates_across_loads),
		cmocka_unit_test(lint_locates_inside_buffers),
		cmocka_unit_test(lint_checks_rejected_objects),
		cmocka_unit_test(lint_leave_out_keeps_the_good_cards),
	};

	return cmocka_run_group_tests_name("lint", tests, NULL, NULL);
}
