#include "test_util.h"

#include <jansson.h>
#include <limits.h>
#include <math.h>

#include "core/err.h"
#include "core/jsnum.h"
#include "sched/sched.h"
#include "sched/sched_int.h"

/*
 * The scheduler against the reference, ts-fsrs 5.4.2: the public vectors
 * (tests/fixtures/sched, fuzz off; src/sched/SPEC.md says where they come
 * from) and reference_extra.json, which
 * tools/sched/gen-fixtures.sh computes with ts-fsrs itself (fuzzed
 * histories, Alea outputs, String(x), weight migration, fuzz ranges).
 */

#define DAY INT64_C(86400000)

/* The largest relative errors seen in S, D and R, for the report. */
struct max_err {
	double s, d, r;
	size_t reviews;
};

static double rel_err(double got, double want)
{
	return want == 0 ? fabs(got) : fabs(got - want) / fabs(want);
}

static json_t *load_json(const char *rel)
{
	json_error_t err;
	json_t *j = json_load_file(test_path(rel), 0, &err);

	if (!j)
		fail_msg("%s:%d: %s", rel, err.line, err.text);
	return j;
}

static void expect_int(const char *id, size_t k, const char *what,
		       long long got, long long want)
{
	if (got != want)
		fail_msg("%s review %zu: %s is %lld, the reference has %lld",
			 id, k + 1, what, got, want);
}

static void expect_close(const char *id, size_t k, const char *what,
			 double got, double want, double *max)
{
	double e = rel_err(got, want);

	if (e > 1e-6)
		fail_msg("%s review %zu: %s is %.17g, the reference has %.17g",
			 id, k + 1, what, got, want);
	if (e > *max)
		*max = e;
}

/* Steps as JSON strings ["1m","10m"], read through fsrs_parse_steps(). */
static size_t json_steps(json_t *arr, int32_t *out)
{
	char list[256] = "";
	size_t i;
	json_t *v;
	int n;

	json_array_foreach(arr, i, v) {
		strcat(list, i ? "," : "");
		strcat(list, json_string_value(v));
	}
	n = fsrs_parse_steps(list, out, FSRS_MAX_STEPS);
	assert_true(n >= 0);
	assert_int_equal(n, json_array_size(arr));
	return (size_t)n;
}

/*
 * The history's parameters, with its w_input through the clipping of
 * fsrs_params_set_weights(); the result must equal the reference's w.
 */
static void json_params(json_t *h, struct fsrs_params *p)
{
	json_t *jp = json_object_get(h, "params");
	json_t *win = json_object_get(h, "w_input");
	json_t *w = json_object_get(h, "w");
	const char *id = json_string_value(json_object_get(h, "id"));

	fsrs_params_default(p);
	p->request_retention =
		json_real_value(json_object_get(jp, "request_retention"));
	p->maximum_interval = (int32_t)json_integer_value(
		json_object_get(jp, "maximum_interval"));
	p->enable_fuzz = json_is_true(json_object_get(jp, "enable_fuzz"));
	p->enable_short_term =
		json_is_true(json_object_get(jp, "enable_short_term"));
	p->n_learning_steps = json_steps(
		json_object_get(jp, "learning_steps"), p->learning_steps);
	p->n_relearning_steps = json_steps(
		json_object_get(jp, "relearning_steps"), p->relearning_steps);
	if (json_is_array(win)) {
		double in[FSRS_N_WEIGHTS];

		assert_int_equal(json_array_size(win), FSRS_N_WEIGHTS);
		for (size_t i = 0; i < FSRS_N_WEIGHTS; i++)
			in[i] = json_number_value(json_array_get(win, i));
		assert_int_equal(fsrs_params_set_weights(p, in, FSRS_N_WEIGHTS),
				 0);
	} else {
		fsrs_params_clip(p);
	}
	for (size_t i = 0; i < FSRS_N_WEIGHTS; i++) {
		double want = json_number_value(json_array_get(w, i));

		if (p->w[i] != want)
			fail_msg("%s: w%zu is %.17g, the reference has %.17g",
				 id, i, p->w[i], want);
	}
}

static long long jint(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* Replays one history, asserting every review; returns its review count. */
static void replay_history(json_t *h, struct max_err *m)
{
	const char *id = json_string_value(json_object_get(h, "id"));
	json_t *reviews = json_object_get(h, "reviews");
	struct fsrs_params p;
	struct fsrs_card card;
	json_t *rv;
	size_t k;

	json_params(h, &p);
	fsrs_card_new(&card, jint(json_array_get(reviews, 0), "t"));
	json_array_foreach(reviews, k, rv) {
		struct fsrs_review out;
		json_t *r = json_object_get(rv, "retrievability");
		json_t *r_at = json_object_get(rv, "r_at");

		fsrs_review(&p, &card, (enum fsrs_rating)jint(rv, "rating"),
			    jint(rv, "t"), &out);
		expect_int(id, k, "state_before", out.state_before,
			   jint(rv, "state_before"));
		expect_int(id, k, "elapsed_days", out.elapsed_days,
			   jint(rv, "elapsed_days"));
		expect_int(id, k, "state", out.card.state, jint(rv, "state"));
		expect_int(id, k, "learning_steps", out.card.learning_step,
			   jint(rv, "learning_steps"));
		expect_int(id, k, "scheduled_days", out.card.scheduled_days,
			   jint(rv, "scheduled_days"));
		expect_int(id, k, "due", out.card.due, jint(rv, "due"));
		expect_int(id, k, "reps", out.card.reps, jint(rv, "reps"));
		expect_int(id, k, "lapses", out.card.lapses, jint(rv, "lapses"));
		expect_int(id, k, "last_review", out.card.last_review,
			   jint(rv, "t"));
		expect_close(id, k, "stability", out.card.stability,
			     json_number_value(json_object_get(rv, "stability")),
			     &m->s);
		expect_close(id, k, "difficulty", out.card.difficulty,
			     json_number_value(json_object_get(rv, "difficulty")),
			     &m->d);
		if (r) {	/* the public vectors: R before the review */
			expect_int(id, k, "has_r", out.has_r, !json_is_null(r));
			if (!json_is_null(r))
				expect_close(id, k, "retrievability",
					     out.retrievability,
					     json_number_value(r), &m->r);
		}
		if (r_at)	/* reference_extra: R shown later */
			expect_close(id, k, "get_retrievability",
				     fsrs_retrievability(&p, &out.card,
							 json_integer_value(r_at)),
				     json_number_value(json_object_get(rv, "r")),
				     &m->r);
		card = out.card;
		m->reviews++;
	}
}

static void sched_public_vectors_match_reference(void **state)
{
	FILE *f = fopen(test_path("tests/fixtures/sched/vectors_public.jsonl"),
			"r");
	struct max_err m = { 0 };
	char line[1 << 16];
	size_t histories = 0;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		json_error_t err;
		json_t *h = json_loads(line, 0, &err);

		assert_non_null(h);
		replay_history(h, &m);
		json_decref(h);
		histories++;
	}
	fclose(f);
	assert_int_equal(histories, 200);
	assert_int_equal(m.reviews, 2213);
	printf("# public vectors: %zu reviews; largest relative error: "
	       "S %.3g, D %.3g, R %.3g\n", m.reviews, m.s, m.d, m.r);
}

static json_t *extra;

static int load_extra(void **state)
{
	(void)state;
	extra = load_json("tests/fixtures/sched/reference_extra.json");
	return extra ? 0 : -1;
}

static int free_extra(void **state)
{
	(void)state;
	json_decref(extra);
	return 0;
}

static void sched_fuzzed_histories_match_reference(void **state)
{
	json_t *hs = json_object_get(extra, "histories");
	struct max_err m = { 0 };
	size_t i, fuzzed = 0;
	json_t *h;

	(void)state;
	assert_true(json_array_size(hs) >= 60);
	json_array_foreach(hs, i, h) {
		json_t *rv;
		size_t k;

		assert_true(json_is_true(json_object_get(
			json_object_get(h, "params"), "enable_fuzz")));
		replay_history(h, &m);
		json_array_foreach(json_object_get(h, "reviews"), k, rv)
			fuzzed += jint(rv, "scheduled_days") > 2;
	}
	/* Enough intervals past 2.5 days that the fuzz really ran. */
	assert_true(fuzzed > 1000);
	printf("# fuzzed histories: %zu reviews (%zu fuzzed); largest "
	       "relative error: S %.3g, D %.3g, R %.3g\n",
	       m.reviews, fuzzed, m.s, m.d, m.r);
}

static void sched_alea_matches_reference(void **state)
{
	json_t *cases = json_object_get(extra, "alea");
	struct alea a;
	size_t i;
	json_t *c;

	(void)state;
	/* The value seedrandom's README gives for alea('hello.'). */
	alea_init(&a, "hello.");
	assert_true(alea_next(&a) == 0.4783254903741181);
	assert_true(alea_first("hello.") == 0.4783254903741181);
	assert_true(json_array_size(cases) >= 8);
	json_array_foreach(cases, i, c) {
		json_t *next = json_object_get(c, "next");

		alea_init(&a, json_string_value(json_object_get(c, "seed")));
		for (size_t k = 0; k < json_array_size(next); k++) {
			double want = json_real_value(json_array_get(next, k));
			double got = alea_next(&a);

			if (got != want)
				fail_msg("alea('%s') output %zu is %.17g, "
					 "the reference has %.17g",
					 json_string_value(json_object_get(
						 c, "seed")),
					 k + 1, got, want);
		}
	}
}

static int sse41_here(void)
{
#if MASH_SSE41
	return __builtin_cpu_supports("sse4.1") != 0;
#else
	return 0;
#endif
}

/*
 * The first output alone, as a fuzzed interval draws it, is the first of
 * the whole generator's, on seeds of every shape the scheduler makes.
 */
static void sched_alea_first_is_the_first_output(void **state)
{
	char seed[FSRS_SEED_MAX];
	uint32_t x = 7;

	(void)state;
	for (int i = 0; i < 100000; i++) {
		struct alea a;

		x = x * 1103515245u + 12345u;
		fuzz_seed(seed, INT64_C(1735689600000) + (int64_t)x * 991,
			  (int32_t)(x % 50), (x % 10000000) / 991.0);
		alea_init(&a, seed);
		assert_true(alea_first(seed) == alea_next(&a));
	}
}

/* Mash's loop the fast way this CPU has, else the portable way. */
static double mash_fast(double n, const char *seed)
{
	const unsigned char *p = (const unsigned char *)seed;

#if MASH_SSE41
	if (sse41_here())
		return mash_bytes_sse41(n, p);
#endif
	return mash_bytes_portable(n, p);
}

/* Both ways of Mash's loop give the same bits, on every seed shape. */
static void sched_mash_ways_agree(void **state)
{
	char seed[FSRS_SEED_MAX];
	uint32_t x = 1;

	(void)state;
	for (int i = 0; i < 100000; i++) {
		double n = 4022871197.0;

		x = x * 1103515245u + 12345u;
		fuzz_seed(seed, INT64_C(1735689600000) + (int64_t)x * 997,
			  (int32_t)(x % 100), (x % 1000000) / 997.0);
		assert_true(mash_bytes_portable(
				    n, (const unsigned char *)seed) ==
			    mash_fast(n, seed));
	}
	/* And the reference's output, each way this CPU has. */
	for (int way = 0; way <= sse41_here(); way++) {
		struct alea a;

		mash_use_sse41 = way;
		alea_init(&a, "hello.");
		assert_true(alea_next(&a) == 0.4783254903741181);
	}
	mash_use_sse41 = -1;
}

/*
 * Seeds hashed four side by side give alea_first() of each, both ways of
 * Mash's loop, for counts that do not fill the last four and seeds of
 * unequal length (each goes on alone where the others end).
 */
static void sched_alea_first_n_is_alea_first(void **state)
{
	char seed[11][FSRS_SEED_MAX];
	const char *sp[11];
	double u[11];
	uint32_t x = 5;

	(void)state;
	for (int way = 0; way <= sse41_here(); way++) {
		mash_use_sse41 = way;
		for (int round = 0; round < 10000; round++) {
			size_t k = 1 + round % 11;

			for (size_t i = 0; i < k; i++) {
				x = x * 1103515245u + 12345u;
				fuzz_seed(seed[i], INT64_C(17356896) *
						   (1 + x % 100000),
					  (int32_t)(x % 1000), (x % 9999) / 7.0);
				sp[i] = seed[i];
			}
			alea_first_n(sp, u, k);
			for (size_t i = 0; i < k; i++)
				assert_true(u[i] == alea_first(sp[i]));
		}
	}
	mash_use_sse41 = -1;
}

static double from_bits(const char *hex)
{
	uint64_t u = strtoull(hex, NULL, 16);
	double x;

	memcpy(&x, &u, sizeof(x));
	return x;
}

static void sched_format_number_matches_js(void **state)
{
	json_t *cases = json_object_get(extra, "js_string");
	char out[JS_NUMBER_MAX];
	size_t i;
	json_t *c;

	(void)state;
	assert_true(json_array_size(cases) > 4000);
	json_array_foreach(cases, i, c) {
		const char *want = json_string_value(json_object_get(c, "s"));
		const char *bits = json_string_value(json_object_get(c, "bits"));
		size_t len = js_number_string(from_bits(bits), out);

		if (strcmp(out, want))
			fail_msg("String(0x%s) is '%s', we wrote '%s'", bits,
				 want, out);
		assert_int_equal(len, strlen(want));
	}
	js_number_string(NAN, out);
	assert_string_equal(out, "NaN");
	js_number_string(-INFINITY, out);
	assert_string_equal(out, "-Infinity");
}

/*
 * The formatter against node itself on a million doubles: random bit
 * patterns, D*S products as the fuzz seed has them, short decimals and the
 * neighbours of powers of two and ten (tools/sched/js-string-corpus.mjs).
 * TPM_JSNUM_SEED picks another corpus; without node the test is skipped.
 */
static void sched_format_number_matches_node_on_random_doubles(void **state)
{
	const char *seed = getenv("TPM_JSNUM_SEED");
	char cmd[4200], line[128], out[JS_NUMBER_MAX];
	size_t lines = 0, wrong = 0;
	FILE *p;

	(void)state;
	if (system("command -v node >/dev/null 2>&1") != 0)
		skip();
	snprintf(cmd, sizeof(cmd), "node '%s' 1000000 %s",
		 test_path("tools/sched/js-string-corpus.mjs"),
		 seed ? seed : "1");
	p = popen(cmd, "r");
	assert_non_null(p);
	while (fgets(line, sizeof(line), p)) {
		char *want = strchr(line, ' ');

		assert_non_null(want);
		*want++ = '\0';
		want[strcspn(want, "\n")] = '\0';
		lines++;
		js_number_string(from_bits(line), out);
		if (strcmp(out, want) && wrong++ < 10)
			print_message("String(0x%s) is '%s', we wrote '%s'\n",
				      line, want, out);
	}
	assert_int_equal(pclose(p), 0);
	print_message("# %zu doubles compared with node, %zu differ\n", lines,
		      wrong);
	assert_int_equal(lines, 1000000);
	assert_int_equal(wrong, 0);
}

/* Integers as String() writes them: every length, both signs, the ends. */
static void sched_format_int_as_js(void **state)
{
	static const struct {
		long long v;
		const char *s;
	} cases[] = {
		{ 0, "0" }, { 7, "7" }, { 10, "10" }, { 99, "99" },
		{ 100, "100" }, { 1005, "1005" }, { -1, "-1" }, { -10, "-10" },
		{ 1735689600000LL, "1735689600000" },
		{ -8640000000000000LL, "-8640000000000000" },
		{ LLONG_MAX, "9223372036854775807" },
		{ LLONG_MIN, "-9223372036854775808" },
	};
	char out[JS_INT_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(js_int_string(cases[i].v, out),
				 strlen(cases[i].s));
		assert_string_equal(out, cases[i].s);
	}
}

static void sched_weights_migrate_and_clip_as_reference(void **state)
{
	json_t *cases = json_object_get(extra, "migrate");
	size_t i, counts[22] = { 0 };
	json_t *c;

	(void)state;
	json_array_foreach(cases, i, c) {
		json_t *win = json_object_get(c, "w_input");
		json_t *w = json_object_get(c, "w");
		size_t n = json_array_size(win);
		struct fsrs_params p;
		double in[FSRS_N_WEIGHTS];

		fsrs_params_default(&p);
		p.enable_short_term =
			json_is_true(json_object_get(c, "enable_short_term"));
		p.n_relearning_steps = json_steps(
			json_object_get(c, "relearning_steps"),
			p.relearning_steps);
		for (size_t k = 0; k < n; k++)
			in[k] = json_number_value(json_array_get(win, k));
		assert_int_equal(fsrs_params_set_weights(&p, in, n), 0);
		for (size_t k = 0; k < FSRS_N_WEIGHTS; k++) {
			double want = json_number_value(json_array_get(w, k));

			if (p.w[k] != want)
				fail_msg("migrate case %zu (%zu weights): w%zu "
					 "is %.17g, the reference has %.17g",
					 i, n, k, p.w[k], want);
		}
		counts[n]++;
	}
	assert_true(counts[17] > 0 && counts[19] > 0 && counts[21] > 0);
}

static void sched_set_weights_rejects_bad_input(void **state)
{
	struct fsrs_params p, before;
	double w[FSRS_N_WEIGHTS] = { 0 };

	(void)state;
	fsrs_params_default(&p);
	before = p;
	assert_int_equal(fsrs_params_set_weights(&p, w, 20), TPM_EINVAL);
	assert_int_equal(fsrs_params_set_weights(&p, w, 0), TPM_EINVAL);
	memcpy(w, before.w, sizeof(w));
	w[3] = NAN;
	assert_int_equal(fsrs_params_set_weights(&p, w, 21), TPM_EINVAL);
	w[3] = INFINITY;
	assert_int_equal(fsrs_params_set_weights(&p, w, 21), TPM_EINVAL);
	assert_memory_equal(&p, &before, sizeof(p));
}

static void sched_defaults_are_the_reference_defaults(void **state)
{
	static const double w[FSRS_N_WEIGHTS] = {
		0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,
		1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014,
		1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
	};
	struct fsrs_params p;

	(void)state;
	fsrs_params_default(&p);
	assert_memory_equal(p.w, w, sizeof(w));
	assert_true(p.request_retention == 0.9);
	assert_int_equal(p.maximum_interval, 36500);
	assert_false(p.enable_fuzz);
	assert_true(p.enable_short_term);
	assert_int_equal(p.n_learning_steps, 2);
	assert_int_equal(p.learning_steps[0], 1);
	assert_int_equal(p.learning_steps[1], 10);
	assert_int_equal(p.n_relearning_steps, 1);
	assert_int_equal(p.relearning_steps[0], 10);
}

static void sched_fuzz_range_matches_reference(void **state)
{
	json_t *cases = json_object_get(extra, "fuzz_range");
	size_t i;
	json_t *c;

	(void)state;
	assert_true(json_array_size(cases) > 100);
	json_array_foreach(cases, i, c) {
		int32_t lo, hi;

		fuzz_range((int32_t)jint(c, "ivl"), (int32_t)jint(c, "elapsed"),
			   (int32_t)jint(c, "max"), &lo, &hi);
		if (lo != jint(c, "lo") || hi != jint(c, "hi"))
			fail_msg("fuzz range of %lld days (elapsed %lld, max "
				 "%lld) is [%d, %d], the reference has "
				 "[%lld, %lld]", jint(c, "ivl"),
				 jint(c, "elapsed"), jint(c, "max"), lo, hi,
				 jint(c, "lo"), jint(c, "hi"));
	}
}

/*
 * One interval from each fuzz band, with its range worked out by hand from
 * SPEC.md section 6: delta = 1 + 0.15 (min(ivl,7) - 2.5) + 0.10 (min(ivl,20)
 * - 7) + 0.05 (ivl - 20), range [round(ivl - delta), round(ivl + delta)].
 * Over many seeds, every fuzzed interval stays in range and both ends occur.
 */
static void sched_fuzz_bands_stay_in_range_and_cover_ends(void **state)
{
	static const struct {
		int32_t ivl, lo, hi;
	} bands[] = {
		{ 1, 1, 1 }, { 2, 2, 2 },	/* below 2.5: unchanged */
		{ 3, 2, 4 },	/* delta 1.075 */
		{ 5, 4, 6 },	/* delta 1.375 */
		{ 10, 8, 12 },	/* delta 1.975 */
		{ 20, 17, 23 },	/* delta 2.975 */
		{ 100, 93, 107 },	/* delta 6.975 */
		{ 1000, 948, 1052 },	/* delta 51.975 */
	};

	(void)state;
	for (size_t b = 0; b < sizeof(bands) / sizeof(bands[0]); b++) {
		int32_t seen_lo = INT32_MAX, seen_hi = INT32_MIN;

		for (int i = 0; i < 2000; i++) {
			char seed[FSRS_SEED_MAX];
			struct alea a;
			int32_t f;

			fuzz_seed(seed, INT64_C(1735689600000) + i * 60000, i,
				  i * 0.37);
			alea_init(&a, seed);
			f = fuzz_apply(bands[b].ivl, 0, 36500, alea_next(&a));
			if (f < bands[b].lo || f > bands[b].hi)
				fail_msg("%d days fuzzed to %d, outside "
					 "[%d, %d]", bands[b].ivl, f,
					 bands[b].lo, bands[b].hi);
			seen_lo = f < seen_lo ? f : seen_lo;
			seen_hi = f > seen_hi ? f : seen_hi;
		}
		assert_int_equal(seen_lo, bands[b].lo);
		assert_int_equal(seen_hi, bands[b].hi);
	}
}

static void sched_fuzz_seed_has_reference_shape(void **state)
{
	char seed[FSRS_SEED_MAX];

	(void)state;
	fuzz_seed(seed, INT64_C(1760287885000), 1, 0);
	assert_string_equal(seed, "1760287885000_1_0");
	/* The products as node prints them: String(5.11217071 * 1.2931)... */
	fuzz_seed(seed, INT64_C(1760305045000), 2, 5.11217071 * 1.2931);
	assert_string_equal(seed, "1760305045000_2_6.610547945101");
	fuzz_seed(seed, INT64_C(1760305225000), 3, 8.37863212 * 0.45140292);
	assert_string_equal(seed, "1760305225000_3_3.7821390045737906");
	fuzz_seed(seed, INT64_C(-86400000), 1, 1.2e-7);
	assert_string_equal(seed, "-86400000_1_1.2e-7");
}

static void sched_js_rounding_rules(void **state)
{
	(void)state;
	/* Math.round: halves toward +infinity. */
	assert_true(js_round(-2.5) == -2);
	assert_true(js_round(2.5) == 3);
	assert_true(js_round(-4.5000001) == -5);
	assert_true(js_round(0.49999999999999994) == 0);
	assert_true(round8(-4.770964795) == -4.77096479);
	/* toFixed(8) rounds exact halves up (1/512 = 0.001953125). */
	assert_true(js_fixed8(0.001953125) == 0.00195313);
	assert_true(js_fixed8(-0.001953125) == -0.00195313);
	assert_true(js_fixed8(8.26390000000001) == 8.2639);
	assert_true(js_fixed8(0.99999999999) == 1);
	assert_true(js_fixed8(99999999.999999999) == 100000000);
}

static void sched_parse_steps_accepts_lists(void **state)
{
	int32_t s[FSRS_MAX_STEPS];

	(void)state;
	assert_int_equal(fsrs_parse_steps("", s, FSRS_MAX_STEPS), 0);
	assert_int_equal(fsrs_parse_steps("  ", s, FSRS_MAX_STEPS), 0);
	assert_int_equal(fsrs_parse_steps("1m,10m", s, FSRS_MAX_STEPS), 2);
	assert_int_equal(s[0], 1);
	assert_int_equal(s[1], 10);
	assert_int_equal(fsrs_parse_steps("10m 1h, 2d ,3h", s, 4), 4);
	assert_int_equal(s[0], 10);
	assert_int_equal(s[1], 60);
	assert_int_equal(s[2], 2880);
	assert_int_equal(s[3], 180);
	assert_int_equal(fsrs_parse_steps("36500d", s, 1), 1);
	assert_int_equal(s[0], 36500 * 1440);
}

static void sched_parse_steps_rejects_bad_lists(void **state)
{
	static const struct {
		const char *s;
		int err;
	} bad[] = {
		{ "10", TPM_EFORMAT }, { "m", TPM_EFORMAT },
		{ "1m,", TPM_EFORMAT }, { ",1m", TPM_EFORMAT },
		{ "1m,,10m", TPM_EFORMAT }, { "1x", TPM_EFORMAT },
		{ "1mm", TPM_EFORMAT }, { "-1m", TPM_EFORMAT },
		{ "1.5h", TPM_EFORMAT }, { "1 m", TPM_EFORMAT },
		{ "0m", TPM_EINVAL }, { "36501d", TPM_EINVAL },
		{ "99999999999999999999m", TPM_EINVAL },
		{ "1m 2m 3m", TPM_ETOOBIG },
	};
	int32_t s[FSRS_MAX_STEPS];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (fsrs_parse_steps(bad[i].s, s, 2) != bad[i].err)
			fail_msg("steps '%s' gave %d, expected %d", bad[i].s,
				 fsrs_parse_steps(bad[i].s, s, 2), bad[i].err);
}

static void sched_parse_rating_and_names(void **state)
{
	static const char *const good[] = { "1", "again", "Hard", "GOOD",
					    "4", "easy" };
	static const int want[] = { 1, 1, 2, 3, 4, 4 };
	static const char *const bad[] = { "0", "5", "", "12", "goo",
					   "good ", " 1", "again!" };
	enum fsrs_rating r;

	(void)state;
	for (size_t i = 0; i < 6; i++) {
		assert_int_equal(fsrs_parse_rating(good[i], &r), 0);
		assert_int_equal(r, want[i]);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(fsrs_parse_rating(bad[i], &r), TPM_EFORMAT);
	assert_string_equal(fsrs_rating_name(FSRS_AGAIN), "again");
	assert_string_equal(fsrs_rating_name(FSRS_EASY), "easy");
	assert_string_equal(fsrs_state_name(FSRS_NEW), "new");
	assert_string_equal(fsrs_state_name(FSRS_RELEARNING), "relearning");
}

static void expect_same_review(const struct fsrs_review *a,
			       const struct fsrs_review *b)
{
	assert_int_equal(a->card.state, b->card.state);
	assert_true(a->card.stability == b->card.stability);
	assert_true(a->card.difficulty == b->card.difficulty);
	assert_int_equal(a->card.due, b->card.due);
	assert_int_equal(a->card.last_review, b->card.last_review);
	assert_int_equal(a->card.scheduled_days, b->card.scheduled_days);
	assert_int_equal(a->card.learning_step, b->card.learning_step);
	assert_int_equal(a->card.reps, b->card.reps);
	assert_int_equal(a->card.lapses, b->card.lapses);
	assert_int_equal(a->state_before, b->state_before);
	assert_int_equal(a->elapsed_days, b->elapsed_days);
	assert_int_equal(a->has_r, b->has_r);
	assert_true(a->retrievability == b->retrievability);
}

/* fsrs_preview() gives, for each grade, what fsrs_review() gives. */
static void sched_preview_matches_review(void **state)
{
	struct fsrs_params p;
	struct fsrs_card c;
	int64_t now = INT64_C(1735689600000);

	(void)state;
	fsrs_params_default(&p);
	p.enable_fuzz = 1;
	fsrs_card_new(&c, now);
	for (int step = 0; step < 12; step++) {
		struct fsrs_review all[4], one;

		fsrs_preview(&p, &c, now, all);
		for (int g = FSRS_AGAIN; g <= FSRS_EASY; g++) {
			fsrs_review(&p, &c, g, now, &one);
			expect_same_review(&one, &all[g - 1]);
		}
		/* Intervals grow with the grade once the card is in review. */
		if (c.state == FSRS_REVIEW)
			assert_true(all[1].card.scheduled_days <
					    all[2].card.scheduled_days &&
				    all[2].card.scheduled_days <
					    all[3].card.scheduled_days);
		c = all[2 + step % 2].card;
		now = c.due;
	}
}

/*
 * A clock set back must not produce a negative elapsed time (the reference
 * throws): the review counts as a same-day one.
 */
static void sched_review_before_last_counts_as_same_day(void **state)
{
	struct fsrs_params p;
	struct fsrs_card c;
	struct fsrs_review a, b, same_day;
	int64_t t = INT64_C(1735689600000);

	(void)state;
	fsrs_params_default(&p);
	fsrs_card_new(&c, t);
	fsrs_review(&p, &c, FSRS_GOOD, t + 10 * DAY, &a);
	fsrs_review(&p, &a.card, FSRS_GOOD, t + 3 * DAY, &b);
	assert_int_equal(b.elapsed_days, 0);
	assert_true(b.retrievability == 1);
	fsrs_review(&p, &a.card, FSRS_GOOD, t + 10 * DAY + 1000, &same_day);
	assert_true(b.card.stability == same_day.card.stability);
	assert_true(fsrs_retrievability(&p, &b.card, t) == 1);
}

/*
 * Fields set directly, without the setters, take effect at once: the terms
 * the setters precompute are checked against the fields they came from.
 */
static void sched_fields_set_directly_take_effect(void **state)
{
	struct fsrs_params direct, set;
	struct fsrs_card c;
	struct fsrs_review a, b;
	int64_t t = INT64_C(1735689600000);

	(void)state;
	fsrs_params_default(&direct);
	fsrs_card_new(&c, t);
	fsrs_review(&direct, &c, FSRS_EASY, t, &a);
	c = a.card;
	/* Easy on a new card: S = w3 = 8.2956, 8 days at 0.9 retention. */
	assert_int_equal(c.scheduled_days, 8);
	fsrs_review(&direct, &c, FSRS_GOOD, c.due, &a);
	direct.request_retention = 0.8;
	direct.w[20] = 0.3;
	direct.w[4] = 5;
	fsrs_review(&direct, &c, FSRS_GOOD, c.due, &b);
	set = direct;
	fsrs_params_clip(&set);
	fsrs_review(&set, &c, FSRS_GOOD, c.due, &a);
	expect_same_review(&a, &b);
	assert_true(a.card.scheduled_days > 8 * 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sched_public_vectors_match_reference),
		cmocka_unit_test(sched_fuzzed_histories_match_reference),
		cmocka_unit_test(sched_alea_matches_reference),
		cmocka_unit_test(sched_mash_ways_agree),
		cmocka_unit_test(sched_alea_first_is_the_first_output),
		cmocka_unit_test(sched_alea_first_n_is_alea_first),
		cmocka_unit_test(sched_format_number_matches_js),
		cmocka_unit_test(sched_format_number_matches_node_on_random_doubles),
		cmocka_unit_test(sched_format_int_as_js),
		cmocka_unit_test(sched_weights_migrate_and_clip_as_reference),
		cmocka_unit_test(sched_fuzz_range_matches_reference),
		cmocka_unit_test(sched_set_weights_rejects_bad_input),
		cmocka_unit_test(sched_defaults_are_the_reference_defaults),
		cmocka_unit_test(sched_fuzz_bands_stay_in_range_and_cover_ends),
		cmocka_unit_test(sched_fuzz_seed_has_reference_shape),
		cmocka_unit_test(sched_js_rounding_rules),
		cmocka_unit_test(sched_parse_steps_accepts_lists),
		cmocka_unit_test(sched_parse_steps_rejects_bad_lists),
		cmocka_unit_test(sched_parse_rating_and_names),
		cmocka_unit_test(sched_preview_matches_review),
		cmocka_unit_test(sched_review_before_last_counts_as_same_day),
		cmocka_unit_test(sched_fields_set_directly_take_effect),
	};

	return cmocka_run_group_tests_name("sched", tests, load_extra,
					   free_extra);
}
