#include "sched/sched_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsnum.h"
#include "sched/sched.h"

/*
 * Interval fuzz exactly as ts-fsrs draws it: the Alea generator seeded with a
 * string that holds a JavaScript-formatted double.  Both halves must copy JS
 * to the last bit, or a fuzzed interval differs by a day from the reference.
 * The seed's number is String(x) (core/jsnum.cc); Number.prototype.toFixed(8),
 * which the migration of old weights uses, lives here.
 */

/*
 * JS ToUint32: truncate, then reduce modulo 2^32 into [0, 2^32).  Alea's
 * values are never negative and stay far below 2^64, where converting
 * through uint64_t truncates and reduces exactly as fmod() does, at a
 * fraction of its cost (fmod was the fuzz path's largest one).
 */
static double to_uint32(double x)
{
	double m;

	if (x >= 0 && x < 18446744073709551616.0)
		return (double)(uint32_t)(uint64_t)x;
	m = fmod(trunc(x), 4294967296.0);
	return m < 0 ? m + 4294967296.0 : m;
}

/* JS ToInt32: as ToUint32, then into [-2^31, 2^31). */
static double to_int32(double x)
{
	double m = to_uint32(x);

	return m >= 2147483648.0 ? m - 4294967296.0 : m;
}

/*
 * One step of Mash, from alea.ts, on state n with byte b.  n stays below
 * 2^33 (a uint32 plus a fraction times 2^32), so each h is under 2^28 and
 * its ToUint32 is a plain truncation, TRUNC: through int64_t on any
 * machine, or one SSE4.1 instruction, which shortens the chain by a third.
 */
#define MASH_STEP(TRUNC, n, b)						\
	do {								\
		double h_, a_;						\
									\
		(n) += (b);						\
		h_ = 0.02519603282416938 * (n);				\
		a_ = TRUNC(h_);						\
		h_ = (h_ - a_) * a_;					\
		a_ = TRUNC(h_);						\
		(n) = a_ + (h_ - a_) * 4294967296.0;			\
	} while (0)

/*
 * Mash's loop over the bytes at p, from state n: the fuzz path's cost,
 * about 36 bytes a review, each a chain of dependent multiplications and
 * truncations.
 */
#define MASH_LOOP(TRUNC)						\
	for (; *p; p++)							\
		MASH_STEP(TRUNC, n, *p);				\
	return n

/*
 * Four loops side by side while all four strings have bytes left: the
 * chains are independent, so the CPU runs their steps at once and four
 * cost little more than one.  Each p is left where its string goes on.
 */
#define MASH4_LOOP(TRUNC)						\
	for (; *p[0] && *p[1] && *p[2] && *p[3];			\
	     p[0]++, p[1]++, p[2]++, p[3]++) {				\
		MASH_STEP(TRUNC, n[0], *p[0]);				\
		MASH_STEP(TRUNC, n[1], *p[1]);				\
		MASH_STEP(TRUNC, n[2], *p[2]);				\
		MASH_STEP(TRUNC, n[3], *p[3]);				\
	}

#define TRUNC_INT64(h) ((double)(int64_t)(h))

double mash_bytes_portable(double n, const unsigned char *p)
{
	MASH_LOOP(TRUNC_INT64);
}

void mash4_portable(double n[4], const unsigned char *p[4])
{
	MASH4_LOOP(TRUNC_INT64);
}

#if MASH_SSE41
__attribute__((target("sse4.1")))
double mash_bytes_sse41(double n, const unsigned char *p)
{
	MASH_LOOP(__builtin_trunc);
}

__attribute__((target("sse4.1")))
void mash4_sse41(double n[4], const unsigned char *p[4])
{
	MASH4_LOOP(__builtin_trunc);
}
#endif

int mash_use_sse41 = -1;

static int use_sse41(void)
{
#if MASH_SSE41
	if (mash_use_sse41 < 0)
		mash_use_sse41 = __builtin_cpu_supports("sse4.1") != 0;
	return mash_use_sse41;
#else
	return 0;
#endif
}

static double mash_bytes(double n, const unsigned char *p)
{
#if MASH_SSE41
	if (use_sse41())
		return mash_bytes_sse41(n, p);
#endif
	return mash_bytes_portable(n, p);
}

/* Mash's output for hash state n. */
static double mash_out(double n)
{
	return to_uint32(n) * 2.3283064365386963e-10;
}

/*
 * Mash: the hash state n lives on across calls: Alea mashes " " three
 * times and then the seed three times with the same n, so each of the six
 * calls returns a different value.
 */
static double mash(double *state, const char *data)
{
	*state = mash_bytes(*state, (const unsigned char *)data);
	return mash_out(*state);
}

void alea_init(struct alea *a, const char *seed)
{
	double n = 4022871197.0;

	a->c = 1;
	a->s0 = mash(&n, " ");
	a->s1 = mash(&n, " ");
	a->s2 = mash(&n, " ");
	a->s0 -= mash(&n, seed);
	if (a->s0 < 0)
		a->s0 += 1;
	a->s1 -= mash(&n, seed);
	if (a->s1 < 0)
		a->s1 += 1;
	a->s2 -= mash(&n, seed);
	if (a->s2 < 0)
		a->s2 += 1;
}

/*
 * What alea_init() makes of its three " " before the seed, the same for
 * every seed: s0 (Mash(" ") from a fresh state) and the hash state after
 * them.  The tests check them against alea_init() on 100,000 seeds.
 */
#define SPACE_S0 0x1.ba063fa4p-1
#define SPACES_N 0x1.d5dc2886p+31

/* Alea's first output from the hash state n after the seed's first pass. */
static double first_output(double n)
{
	double s0 = SPACE_S0 - mash_out(n), t;

	if (s0 < 0)
		s0 += 1;
	t = 2091639 * s0 + 2.3283064365386963e-10;	/* c is 1 */
	return t - to_int32(t);
}

double alea_first(const char *seed)
{
	return first_output(mash_bytes(SPACES_N, (const unsigned char *)seed));
}

void alea_first_n(const char *const *seeds, double *out, size_t k)
{
	size_t i = 0;

	for (; i + 4 <= k; i += 4) {
		double n[4] = { SPACES_N, SPACES_N, SPACES_N, SPACES_N };
		const unsigned char *p[4];

		for (int j = 0; j < 4; j++)
			p[j] = (const unsigned char *)seeds[i + j];
#if MASH_SSE41
		if (use_sse41())
			mash4_sse41(n, p);
		else
#endif
			mash4_portable(n, p);
		/* The tails differ by a few bytes: one at a time. */
		for (int j = 0; j < 4; j++)
			out[i + j] = first_output(mash_bytes(n[j], p[j]));
	}
	for (; i < k; i++)
		out[i] = alea_first(seeds[i]);
}

double alea_next(struct alea *a)
{
	double t = 2091639 * a->s0 + a->c * 2.3283064365386963e-10;

	a->s0 = a->s1;
	a->s1 = a->s2;
	a->c = to_int32(t);
	a->s2 = t - a->c;
	return a->s2;
}

void fuzz_range(int32_t ivl, int32_t elapsed, int32_t max_ivl, int32_t *lo,
		int32_t *hi)
{
	/* FUZZ_RANGES of ts-fsrs, summed in the same order. */
	static const struct {
		double start, end, factor;
	} ranges[] = {
		{ 2.5, 7, 0.15 },
		{ 7, 20, 0.1 },
		{ 20, INFINITY, 0.05 },
	};
	double delta = 1, x = ivl;
	int32_t min_ivl, max_ivl_f;

	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		delta += ranges[i].factor *
			 fmax(fmin(x, ranges[i].end) - ranges[i].start, 0);
	x = fmin(x, max_ivl);
	min_ivl = (int32_t)fmax(2, js_round(x - delta));
	max_ivl_f = (int32_t)fmin(js_round(x + delta), max_ivl);
	/* x > elapsed, so elapsed + 1 cannot overflow. */
	if (x > elapsed && min_ivl <= elapsed)
		min_ivl = elapsed + 1;
	if (min_ivl > max_ivl_f)
		min_ivl = max_ivl_f;
	*lo = min_ivl;
	*hi = max_ivl_f;
}

int32_t fuzz_apply(int32_t ivl, int32_t elapsed, int32_t max_ivl, double u)
{
	int32_t lo, hi;

	if (ivl < 2.5)
		return ivl;
	fuzz_range(ivl, elapsed, max_ivl, &lo, &hi);
	return (int32_t)floor(u * (hi - lo + 1) + lo);
}

void fuzz_seed(char *out, int64_t now, int32_t reps, double d_times_s)
{
	char *o = out + js_int_string(now, out);

	*o++ = '_';
	o += js_int_string(reps, o);
	*o++ = '_';
	js_number_string(d_times_s, o);
}

/*
 * Adds one unit in the last place to the k decimal digits in digits,
 * carrying; returns 1 if the carry added a leading digit.
 */
static int digits_increment(char *digits, size_t k)
{
	for (size_t i = k; i-- > 0;) {
		if (digits[i] != '9') {
			digits[i]++;
			return 0;
		}
		digits[i] = '0';
	}
	memmove(digits + 1, digits, k + 1);
	digits[0] = '1';
	return 1;
}

double js_fixed8(double x)
{
	char buf[128], *dot;
	size_t k;
	int carry;

	/* toFixed() falls back to String(x) from 1e21 up: x reads back. */
	if (!(fabs(x) < 1e21))
		return x;
	/*
	 * 60 decimals hold the exact value far enough: no double within range
	 * lies closer than 1e-60 to a tie without being one.
	 */
	snprintf(buf, sizeof(buf), "%.60f", fabs(x));
	dot = strchr(buf, '.');
	/* Halves round up: the ninth decimal alone decides. */
	carry = dot[9] >= '5';
	memmove(dot, dot + 1, 8);
	dot[8] = '\0';
	k = strlen(buf);
	if (carry)
		digits_increment(buf, k);
	strcat(buf, "e-8");
	return x < 0 ? -strtod(buf, NULL) : strtod(buf, NULL);
}
