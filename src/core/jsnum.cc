/*
 * String(x) through double-conversion, the library V8's own number
 * formatting comes from: its ECMAScript converter is Number::toString to
 * the letter, and it finds the shortest digits with integer arithmetic
 * (Grisu, falling back to bignums when Grisu cannot decide) instead of
 * printing and reading back, which made the fuzz seed the scheduler's
 * main cost.  The only C++ in tpmtrain: no exceptions, no allocation.
 */
#include "core/jsnum.h"

#include <string.h>

#include <double-conversion/double-to-string.h>

using double_conversion::DoubleToStringConverter;
using double_conversion::StringBuilder;

/*
 * The fast path for numbers of at most 8 decimals, which is what the
 * scheduler's S, D and R are (rounded to 8 places): if m / 1e8 is x for
 * an integer m of at most 15 digits, the digits of m are x's shortest.
 * The division is correctly rounded, so m * 10^-8 reads back as x; and no
 * shorter decimal can, as two decimals of at most 15 significant digits
 * (DBL_DIG) never read back as one double.  From 1e-6 up to 1e7, String()
 * lays such an x out without an exponent.  Returns 0 where it does not
 * apply.
 */
static size_t fixed8_string(double x, char *out)
{
	double a = x < 0 ? -x : x, r;
	long long m, ipart, frac;
	size_t len = 0;
	int places = 8;

	if (!(a >= 1e-6 && a < 1e7))
		return 0;
	r = a * 1e8 + 0.5;
	m = (long long)r;
	if ((double)m / 1e8 != a)
		return 0;
	if (x < 0)
		out[len++] = '-';
	ipart = m / 100000000;
	frac = m % 100000000;
	len += js_int_string(ipart, out + len);
	if (!frac)
		return len;
	while (frac % 10 == 0) {
		frac /= 10;
		places--;
	}
	out[len++] = '.';
	for (int i = places - 1; i >= 0; i--) {
		out[len + (size_t)i] = (char)('0' + frac % 10);
		frac /= 10;
	}
	len += (size_t)places;
	out[len] = '\0';
	return len;
}

/* Any double, by double-conversion. */
static size_t shortest_string(double x, char *out)
{
	StringBuilder sb(out, JS_NUMBER_MAX);
	size_t len;

	DoubleToStringConverter::EcmaScriptConverter().ToShortest(x, &sb);
	len = (size_t)sb.position();
	sb.Finalize();
	return len;
}

size_t js_number_string(double x, char out[JS_NUMBER_MAX])
{
	size_t len = fixed8_string(x, out);

	return len ? len : shortest_string(x, out);
}

/* Two digits at a time: half the divisions of one at a time. */
static const char digit_pairs[] =
	"00010203040506070809101112131415161718192021222324252627282930313233"
	"34353637383940414243444546474849505152535455565758596061626364656667"
	"6869707172737475767778798081828384858687888990919293949596979899";

size_t js_int_string(long long v, char *out)
{
	char tmp[JS_INT_MAX];
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v
				     : (unsigned long long)v;
	size_t k = sizeof(tmp), len = 0;

	for (; u >= 100; u /= 100) {
		k -= 2;
		memcpy(tmp + k, digit_pairs + 2 * (u % 100), 2);
	}
	if (u >= 10) {
		k -= 2;
		memcpy(tmp + k, digit_pairs + 2 * u, 2);
	} else {
		tmp[--k] = (char)('0' + u);
	}
	if (v < 0)
		out[len++] = '-';
	memcpy(out + len, tmp + k, sizeof(tmp) - k);
	len += sizeof(tmp) - k;
	out[len] = '\0';
	return len;
}
