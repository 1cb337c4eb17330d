/*
 * String(x) through double-conversion, the library V8's own number
 * formatting comes from: its ECMAScript converter is Number::toString to
 * the letter, and it finds the shortest digits with integer arithmetic
 * (Grisu, falling back to bignums when Grisu cannot decide) instead of
 * printing and reading back, which made the fuzz seed the scheduler's
 * main cost.  The only C++ in tpmtrain: no exceptions, no allocation.
 */
#include "core/jsnum.h"

#include <double-conversion/double-to-string.h>

using double_conversion::DoubleToStringConverter;
using double_conversion::StringBuilder;

size_t js_number_string(double x, char out[JS_NUMBER_MAX])
{
	StringBuilder sb(out, JS_NUMBER_MAX);
	size_t len;

	DoubleToStringConverter::EcmaScriptConverter().ToShortest(x, &sb);
	len = (size_t)sb.position();
	sb.Finalize();
	return len;
}
