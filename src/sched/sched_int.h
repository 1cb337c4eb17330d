#ifndef TPM_SCHED_SCHED_INT_H
#define TPM_SCHED_SCHED_INT_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "sched/sched.h"

/*
 * Internals of the scheduler shared by sched.c, sched_fuzz.c and the unit
 * tests.  Each helper copies one JavaScript operation that ts-fsrs relies on,
 * because matching the reference bit for bit needs its rounding, not C's.
 */

/*
 * JS Math.round(): halves round toward +infinity, so -2.5 gives -2 where C's
 * round() gives -3 (D0(4) is negative with the default weights).  x - r is
 * exact for every double, so no tie is misread.
 */
static inline double js_round(double x)
{
	double r = floor(x);

	/* Added, not branched on: the branch would be a coin toss. */
	return r + (double)(x - r >= 0.5);
}

/* ts-fsrs roundTo(x, 8): Math.round(x * 1e8) / 1e8. */
static inline double round8(double x)
{
	return js_round(x * 1e8) / 1e8;
}

/*
 * +x.toFixed(8): x rounded to 8 decimals from its exact binary value, halves
 * away from zero (glibc's printf rounds them to even), read back as a double.
 */
double js_fixed8(double x);

/*
 * The state of Johannes Baagøe's Alea generator, as ts-fsrs's alea.ts keeps
 * it: everything in doubles, with JS's uint32/int32 conversions.
 */
struct alea {
	double s0, s1, s2, c;
};

/*
 * Mash's loop (sched_fuzz.c), the same two ways: portable, and with SSE4.1
 * where the compiler can target it; mash_use_sse41 chooses (-1: ask the
 * CPU on first use; the tests set 0 or 1 to run each).
 */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define MASH_SSE41 1
double mash_bytes_sse41(double n, const unsigned char *p);
void mash4_sse41(double n[4], const unsigned char *p[4]);
#else
#define MASH_SSE41 0
#endif
double mash_bytes_portable(double n, const unsigned char *p);
/* Four loops side by side while every p[j] has bytes; each p[j] is moved
 * to where its string goes on. */
void mash4_portable(double n[4], const unsigned char *p[4]);
extern int mash_use_sse41;

/* Seeds a from the bytes of seed (an ASCII string, as JS String(seed)). */
void alea_init(struct alea *a, const char *seed);

/* The next output, in [0, 1). */
double alea_next(struct alea *a);

/*
 * The first output of Alea seeded with seed, which is all a fuzzed
 * interval draws.  It depends on s0 alone (alea_next() only moves s1 and
 * s2 along), and s0 on the first of alea_init()'s three passes over the
 * seed, so the other two, two thirds of the hashing, are not made.
 */
double alea_first(const char *seed);

/*
 * alea_first() of k seeds into out, their hashes four at a time side by
 * side: one hash is a chain of dependent steps, which leaves the CPU idle
 * in between, and independent chains fill that time.
 */
void alea_first_n(const char *const *seeds, double *out, size_t k);

/*
 * The fuzz range of get_fuzz_range() for an interval of ivl days reviewed
 * after elapsed days, capped at max_ivl.
 */
void fuzz_range(int32_t ivl, int32_t elapsed, int32_t max_ivl, int32_t *lo,
		int32_t *hi);

/*
 * ts-fsrs apply_fuzz(): ivl unchanged below 2.5 days, else a day in
 * fuzz_range() picked by u, the first Alea output of the review's seed.
 */
int32_t fuzz_apply(int32_t ivl, int32_t elapsed, int32_t max_ivl, double u);

/*
 * The seed string of DefaultInitSeedStrategy: "<now>_<reps>_<D*S>" where
 * reps counts this review and D, S are the state before it.  out has at
 * least FSRS_SEED_MAX bytes.
 */
#define FSRS_SEED_MAX 80
void fuzz_seed(char *out, int64_t now, int32_t reps, double d_times_s);

/* The seed of card c reviewed at now, as fsrs_review() hashes it. */
void fsrs_card_seed(char *out, const struct fsrs_card *c, int64_t now);

/*
 * fsrs_review() with its fuzz draw u made by the caller: alea_first() of
 * fsrs_card_seed(), so that the draws of several reviews can be hashed
 * side by side (alea_first_n()).  u is unused when fuzz is off.
 */
void fsrs_review_drawn(const struct fsrs_params *p, const struct fsrs_card *c,
		       enum fsrs_rating rating, int64_t now, double u,
		       struct fsrs_review *out);

#endif
