#ifndef TPM_CORE_JSNUM_H
#define TPM_CORE_JSNUM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Formats x as JavaScript's String(x) does: the shortest digits that read
 * back as x (the closest of them, ties to even), laid out as 13.5, 0.0001,
 * 1.2e-7, 1e+21, NaN or -Infinity; -0 is "0".  The reference scheduler's
 * fuzz seed holds such a string, and replay prints S, D and R this way.
 * Writes a NUL-terminated string to out and returns its length.
 */
#define JS_NUMBER_MAX 32
size_t js_number_string(double x, char out[JS_NUMBER_MAX]);

/* The decimal digits of v (String() of an integer), NUL-terminated; out
 * has at least JS_INT_MAX bytes.  Returns the length. */
#define JS_INT_MAX 21
size_t js_int_string(long long v, char *out);

#ifdef __cplusplus
}
#endif

#endif
