#include "sched/sched_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sched/sched.h"

/*
 * Interval fuzz exactly as ts-fsrs draws it: the Alea generator seeded with a
 * string that holds a JavaScript-formatted double.  Both halves must copy JS
 * to the last bit, or a fuzzed interval differs by a day from the reference.
 * The JS number formatting lives here too, with Number.prototype.toFixed(8),
 * which the migration of old weights uses.
 */

/* JS ToUint32: truncate, then reduce modulo 2^32 into [0, 2^32). */
static double to_uint32(double x)
{
	double m = fmod(trunc(x), 4294967296.0);

	return m < 0 ? m + 4294967296.0 : m;
}

/* JS ToInt32: as ToUint32, then into [-2^31, 2^31). */
static double to_int32(double x)
{
	double m = to_uint32(x);

	return m >= 2147483648.0 ? m - 4294967296.0 : m;
}

/*
 * Mash from alea.ts.  The hash state n lives on across calls: Alea mashes
 * " " three times and then the seed three times with the same n, so each of
 * the six calls returns a different value.
 */
static double mash(double *n, const char *data)
{
	for (const unsigned char *p = (const unsigned char *)data; *p; p++) {
		double h;

		*n += *p;
		h = 0.02519603282416938 * *n;
		*n = to_uint32(h);
		h -= *n;
		h *= *n;
		*n = to_uint32(h);
		h -= *n;
		*n += h * 4294967296.0;
	}
	return to_uint32(*n) * 2.3283064365386963e-10;
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
	char num[FSRS_NUMBER_MAX];

	fsrs_format_number(d_times_s, num);
	snprintf(out, FSRS_SEED_MAX, "%lld_%ld_%s", (long long)now, (long)reps,
		 num);
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

/* Splits printf's "d.ddde+XX" into digits "dddd" and n with x = 0.dddd e n. */
static size_t split_e(const char *buf, char *digits, int *n)
{
	size_t k = 0;

	for (; *buf != 'e'; buf++)
		if (*buf != '.')
			digits[k++] = *buf;
	digits[k] = '\0';
	*n = atoi(buf + 1) + 1;
	return k;
}

/*
 * The fast path of shortest_digits() for 0 < x < 1e7: if x printed with 8
 * decimals reads back as x, those digits without their zeros are the
 * shortest.  Any shorter decimal that reads back lies within an ulp of x,
 * and an ulp there is below half of 1e-8, so it would be the nearest
 * 8-decimal number, which is what printf gives.  Every S, D and R of the
 * scheduler is such a number (round8).  Returns the digit count, or 0.
 */
static size_t fixed8_digits(double x, char digits[24], int *n)
{
	char buf[40];
	const char *q, *dot;
	size_t k = 0;

	snprintf(buf, sizeof(buf), "%.8f", x);
	if (strtod(buf, NULL) != x)
		return 0;
	dot = strchr(buf, '.');
	for (q = buf; q < dot; q++)
		if (k || *q != '0')
			digits[k++] = *q;
	*n = (int)k;		/* the digits before the point */
	for (q = dot + 1; *q; q++) {
		if (k || *q != '0')
			digits[k++] = *q;
		else		/* 0.00ddd: each zero moves the point */
			(*n)--;
	}
	while (k > 1 && digits[k - 1] == '0')
		k--;
	digits[k] = '\0';
	return k;
}

/* The closest p-digit decimal to x, if it reads back as x. */
static int round_trips(double x, int p, char *buf, size_t size)
{
	snprintf(buf, size, "%.*e", p - 1, x);
	return strtod(buf, NULL) == x;
}

/*
 * Finds the shortest decimal digits with x = 0.digits * 10^n that read back
 * as x, the closest to x if several (ECMA-262 Number::toString step 5), for
 * finite x > 0.  printf's %.*e gives the closest p-digit decimal for each
 * p; once one reads back, so do all longer ones, so a binary search finds
 * the least p.  For a power of two that fails: the gap below x is half
 * the gap above, so the closest p digits may fall out below while the next
 * p-digit decimal up still reads back as x, and a closer p + 1 digits below
 * may not.  Those few doubles take a linear search with that check.
 * Returns the number of digits, without trailing zeros.
 */
static size_t shortest_digits(double x, char digits[24], int *n)
{
	char buf[40];
	int exp2, p;
	size_t k;

	if (x < 1e7 && (k = fixed8_digits(x, digits, n)))
		return k;
	if (frexp(x, &exp2) != 0.5) {
		int lo = 1, hi = 17;	/* 17 digits always read back */

		while (lo < hi) {
			int mid = (lo + hi) / 2;

			if (round_trips(x, mid, buf, sizeof(buf)))
				hi = mid;
			else
				lo = mid + 1;
		}
		round_trips(x, hi, buf, sizeof(buf));
		k = split_e(buf, digits, n);
	} else {
		for (p = 1; p <= 17; p++) {
			int carry;

			if (round_trips(x, p, buf, sizeof(buf))) {
				k = split_e(buf, digits, n);
				break;
			}
			k = split_e(buf, digits, n);
			if (strtod(buf, NULL) > x)
				continue;
			/* Try the next p-digit decimal up: digits * 10^(n-k). */
			carry = digits_increment(digits, k);
			snprintf(buf, sizeof(buf), "%se%d", digits, *n - (int)k);
			if (strtod(buf, NULL) == x) {
				k += (size_t)carry;
				*n += carry;
				break;
			}
		}
	}
	while (k > 1 && digits[k - 1] == '0')
		k--;
	digits[k] = '\0';
	return k;
}

static char *put(char *o, const char *s, size_t len)
{
	memcpy(o, s, len);
	return o + len;
}

static char *put_zeros(char *o, int count)
{
	for (; count > 0; count--)
		*o++ = '0';
	return o;
}

size_t fsrs_format_number(double x, char out[FSRS_NUMBER_MAX])
{
	char digits[24];
	char *o = out;
	size_t k;
	int n, len;

	if (isnan(x))
		return (size_t)snprintf(out, FSRS_NUMBER_MAX, "NaN");
	if (x == 0)	/* -0 too */
		return (size_t)snprintf(out, FSRS_NUMBER_MAX, "0");
	if (x < 0)
		*o++ = '-';
	if (isinf(x)) {
		o = put(o, "Infinity", 8);
		*o = '\0';
		return (size_t)(o - out);
	}
	k = shortest_digits(fabs(x), digits, &n);
	len = (int)k;
	if (len <= n && n <= 21) {
		/* An integer: digits then zeros, up to 21 places. */
		o = put_zeros(put(o, digits, k), n - len);
	} else if (0 < n && n <= 21) {
		o = put(o, digits, (size_t)n);
		*o++ = '.';
		o = put(o, digits + n, k - (size_t)n);
	} else if (-6 < n && n <= 0) {
		o = put_zeros(put(o, "0.", 2), -n);
		o = put(o, digits, k);
	} else {
		*o++ = digits[0];
		if (k > 1) {
			*o++ = '.';
			o = put(o, digits + 1, k - 1);
		}
		o += snprintf(o, 8, "e%c%d", n - 1 < 0 ? '-' : '+',
			      abs(n - 1));
	}
	*o = '\0';
	return (size_t)(o - out);
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
