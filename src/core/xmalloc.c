#include "core/xmalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#ifdef UNIT_TESTING
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#define raw_malloc(n) test_malloc(n)
#define raw_calloc(n, s) test_calloc(n, s)
#define raw_realloc(p, n) test_realloc(p, n)
#define raw_free(p) test_free(p)
#else
#define raw_malloc(n) malloc(n)
#define raw_calloc(n, s) calloc(n, s)
#define raw_realloc(p, n) realloc(p, n)
#define raw_free(p) free(p)
#endif

static void (*fatal_hook)(void);

void xmalloc_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

void xmalloc_oom(size_t size)
{
	if (fatal_hook)
		fatal_hook();
	fprintf(stderr, "tpmtrain: fatal: out of memory allocating %zu bytes\n",
		size);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = raw_malloc(size ? size : 1);

	if (!p)
		xmalloc_oom(size);
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = raw_calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		xmalloc_oom(nmemb * size);
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = raw_realloc(ptr, size ? size : 1);

	if (!p)
		xmalloc_oom(size);
	return p;
}

void *xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size)
		xmalloc_oom(SIZE_MAX);
	return xrealloc(ptr, nmemb * size);
}

#define HUGE_PAGE ((size_t)2 << 20)

void *xreallocarray_huge(void *ptr, size_t old_size, size_t nmemb,
			 size_t size)
{
#ifndef UNIT_TESTING	/* cmocka's allocator cannot align */
	size_t len;
	void *p;

	if (size && nmemb > SIZE_MAX / size)
		xmalloc_oom(SIZE_MAX);
	len = nmemb * size;
	if (len >= HUGE_PAGE && len <= SIZE_MAX - HUGE_PAGE) {
		len = (len + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
		if (posix_memalign(&p, HUGE_PAGE, len))
			xmalloc_oom(len);
#ifdef MADV_HUGEPAGE
		madvise(p, len, MADV_HUGEPAGE);
#endif
		if (ptr)
			memcpy(p, ptr, old_size < len ? old_size : len);
		free(ptr);
		return p;
	}
#endif
	(void)old_size;
	return xreallocarray(ptr, nmemb, size);
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void xfree(void *ptr)
{
	if (ptr)
		raw_free(ptr);
}
