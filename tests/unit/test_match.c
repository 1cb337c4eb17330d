#include "test_util.h"

#include <time.h>

#include "core/err.h"
#include "loader/loader.h"
#include "match/match.h"

static struct match_pattern *compile(const char *pat, unsigned flags)
{
	struct match_pattern *p = NULL;
	struct match_error err;

	assert_int_equal(match_pattern_compile(&p, pat, strlen(pat), flags,
					       &err), 0);
	return p;
}

static int find(const struct match_pattern *p, const char *text)
{
	return match_pattern_find(p, text, strlen(text), NULL, NULL);
}

static void match_reports_compile_errors_with_offset(void **state)
{
	struct match_pattern *p = (void *)1;
	struct match_error err;

	(void)state;
	assert_int_equal(match_pattern_compile(&p, "\\bfoo(", 6, 0, &err),
			 TPM_EFORMAT);
	assert_ptr_equal(p, (void *)1);	/* untouched on error */
	assert_string_equal(err.msg, "missing closing parenthesis");
	assert_int_equal(err.offset, 6);
	assert_int_equal(match_pattern_compile(&p, "a[b", 3, 0, &err),
			 TPM_EFORMAT);
	assert_string_equal(err.msg,
			    "missing terminating ] for character class");
	assert_int_equal(err.offset, 3);
	/* \C could split a UTF-8 character: not allowed. */
	assert_int_equal(match_pattern_compile(&p, "a\\Cb", 4, 0, &err),
			 TPM_EFORMAT);
	assert_int_equal(err.offset, 3);
	assert_int_equal(match_pattern_compile(&p, "(", 1, 0, NULL),
			 TPM_EFORMAT);
}

static void match_is_caseless_unicode_multiline(void **state)
{
	struct match_pattern *p;
	size_t start, end;

	(void)state;
	p = compile("caf\xc3\xa9", 0);
	assert_int_equal(match_pattern_find(p, "Un CAF\xc3\x89 noir", 13,
					    &start, &end), 1);
	assert_int_equal(start, 3);
	assert_int_equal(end, 8);
	match_pattern_free(p);

	/* \b and \w know non-ASCII letters (UCP). */
	p = compile("\\bna\\w+ve\\b", 0);
	assert_int_equal(find(p, "a na\xc3\xafve plan"), 1);
	assert_int_equal(find(p, "xna\xc3\xafve"), 0);
	match_pattern_free(p);

	p = compile("^risks?$", 0);
	assert_int_equal(find(p, "notes:\nRisks\nmore"), 1);
	match_pattern_free(p);

	/* '.' crosses lines: key points are about words being near. */
	p = compile("\\breads?\\b.{0,10}\\bwrites?\\b", MATCH_NO_JIT);
	assert_int_equal(find(p, "- reads\n- writes"), 1);
	assert_int_equal(find(p, "reads, then a long way to writes"), 0);
	match_pattern_free(p);
}

static void match_literal_mode(void **state)
{
	struct match_pattern *p;

	(void)state;
	p = compile("C++ (x", MATCH_LITERAL);
	assert_int_equal(find(p, "we use c++ (x) here"), 1);
	assert_int_equal(find(p, "we use C (x"), 0);
	match_pattern_free(p);
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A catastrophic pattern stops at the limit, fast, JIT or not. */
static void match_limits_stop_catastrophic_patterns(void **state)
{
	static const char *const pats[] = {
		"(a+)+$",
		"(*LIMIT_MATCH=4000000000)(a|aa)+$",	/* cannot raise it */
		"^(\\w+\\s?)*$",
	};
	char text[64];
	struct timespec t0;

	(void)state;
	memset(text, 'a', 40);
	strcpy(text + 40, "!");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t i = 0; i < 3; i++) {
		for (unsigned flags = 0; flags <= MATCH_NO_JIT;
		     flags += MATCH_NO_JIT) {
			struct match_pattern *p = compile(pats[i], flags);

			assert_int_equal(find(p, text), TPM_ETOOBIG);
			match_pattern_free(p);
		}
	}
	assert_true(seconds_since(&t0) < 5.0);
}

static void match_rejects_invalid_text(void **state)
{
	struct match_pattern *p = compile("x", 0);

	(void)state;
	assert_int_equal(match_pattern_find(p, "a\xff x", 4, NULL, NULL),
			 TPM_EFORMAT);
	assert_int_equal(match_pattern_find(p, NULL, 0, NULL, NULL), 0);
	match_pattern_free(p);
}

static struct key_point kp(const char *label, const char *pattern)
{
	struct key_point k;

	memset(&k, 0, sizeof(k));
	k.label.s = label;
	k.pattern.s = pattern;
	return k;
}

static void match_set_reports_coverage(void **state)
{
	struct key_point kps[4];
	struct match_hit hits[4];
	struct match_set set;
	const char *notes = "First check the cache.\nOn a miss, read the DB.";

	(void)state;
	kps[0] = kp("cache first", "\\bcache\\b");
	kps[1] = kp("database", "\\b(database|db)\\b");
	kps[2] = kp("invalidate", "\\binvalidat(e|ion)\\b");
	kps[3] = kp("broken", "(unclosed");
	match_set_init(&set, kps, 4);
	assert_int_equal(match_set_check(&set, notes, strlen(notes), hits), 2);
	assert_int_equal(hits[0].cover, MATCH_COVERED);
	assert_int_equal(hits[0].start, 16);
	assert_int_equal(hits[0].end, 21);
	assert_int_equal(hits[1].cover, MATCH_COVERED);
	assert_int_equal(hits[1].start, 43);
	assert_int_equal(hits[2].cover, MATCH_MISSED);
	assert_int_equal(hits[3].cover, MATCH_INVALID);
	match_set_release(&set);
	assert_int_equal(set.n, 0);

	kps[0] = kp("slow", "(a+)+$");
	match_set_init(&set, kps, 1);
	assert_int_equal(match_set_check(&set, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
					 30, hits), 0);
	assert_int_equal(hits[0].cover, MATCH_LIMIT);
	match_set_release(&set);
}

/*
 * One answer's check has a budget: after MATCH_MAX_LIMIT_HITS searches
 * stopped at a limit, the points left are cut off, not searched (a card
 * of 3,000 such points froze the drill for 15.7 s on one answer).
 */
static void match_set_stops_after_the_answer_budget(void **state)
{
	struct key_point kps[64];
	struct match_hit hits[64];
	struct match_set set;
	const char *text = "hello world aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";

	(void)state;
	kps[0] = kp("hello", "hello");
	for (int i = 1; i < 63; i++)
		kps[i] = kp("slow", "(a+)+$");
	kps[63] = kp("world", "world");
	match_set_init(&set, kps, 64);
	assert_int_equal(match_set_check(&set, text, strlen(text), hits), 1);
	assert_int_equal(hits[0].cover, MATCH_COVERED);
	for (int i = 1; i < 64; i++)
		assert_int_equal(hits[i].cover, MATCH_LIMIT);
	match_set_release(&set);
}

static void match_card_searches_text_and_tags(void **state)
{
	struct lstr deck_tag = { "system-design", { NULL, 0, 0 } };
	struct lstr card_tag = { "caching", { NULL, 0, 0 } };
	struct deck deck;
	struct card card;
	struct match_pattern *p;

	(void)state;
	memset(&deck, 0, sizeof(deck));
	memset(&card, 0, sizeof(card));
	deck.tags.v = &deck_tag;
	deck.tags.n = 1;
	card.tags.v = &card_tag;
	card.tags.n = 1;
	card.deck = &deck;
	card.front.s = "What does write-through trade away?";
	card.back.s = "Write latency.";

	p = compile("latency", MATCH_LITERAL);
	assert_true(match_card(p, &card));
	match_pattern_free(p);
	p = compile("^cach", 0);
	assert_true(match_card(p, &card));
	match_pattern_free(p);
	p = compile("system-design", MATCH_LITERAL);
	assert_true(match_card(p, &card));
	match_pattern_free(p);
	p = compile("databases", MATCH_LITERAL);
	assert_false(match_card(p, &card));
	match_pattern_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(match_reports_compile_errors_with_offset),
		cmocka_unit_test(match_is_caseless_unicode_multiline),
		cmocka_unit_test(match_literal_mode),
		cmocka_unit_test(match_limits_stop_catastrophic_patterns),
		cmocka_unit_test(match_rejects_invalid_text),
		cmocka_unit_test(match_set_reports_coverage),
		cmocka_unit_test(match_set_stops_after_the_answer_budget),
		cmocka_unit_test(match_card_searches_text_and_tags),
	};

	return cmocka_run_group_tests_name("match", tests, NULL, NULL);
}
