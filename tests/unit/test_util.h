#ifndef TPM_TESTS_TEST_UTIL_H
#define TPM_TESTS_TEST_UTIL_H

/* What every cmocka test file needs, in the order cmocka wants it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/*
 * rel under the repository root, so tests find fixtures wherever they run
 * from (the Makefile sets TPM_TEST_ROOT).  The result is a static buffer,
 * valid until the next call.
 */
static inline const char *test_path(const char *rel)
{
	static char path[4096];
	const char *root = getenv("TPM_TEST_ROOT");

	snprintf(path, sizeof(path), "%s/%s", root ? root : ".", rel);
	return path;
}

#endif
