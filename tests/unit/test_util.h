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

#include "core/buf.h"
#include "core/diag.h"
#include "core/xmalloc.h"

/*
 * The whole of a file, or NULL if it cannot be opened; *len (if not NULL)
 * gets its size.  Free with xfree().
 */
static inline char *test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[4096];
	size_t n;

	if (!f)
		return NULL;
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_detach(&b, len);
}

/* Every diagnostic of dl as "file:line:col: level: msg" lines; xfree(). */
static inline char *test_diag_text(const struct diag_list *dl)
{
	struct buf out;

	buf_init(&out);
	for (size_t i = 0; i < dl->items.len; i++) {
		char *s = diag_format_text(diag_list_at(dl, i), 0);

		buf_addf(&out, "%s\n", s);
		xfree(s);
	}
	return buf_detach(&out, NULL);
}

#endif
