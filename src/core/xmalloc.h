#ifndef TPM_CORE_XMALLOC_H
#define TPM_CORE_XMALLOC_H

#include <stddef.h>

/*
 * Allocation that cannot fail: on exhaustion the fatal hook runs (the ui sets
 * one that restores the terminal) and the process aborts.  Under UNIT_TESTING
 * these route through cmocka's allocator, so a leak fails the test.
 */
void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows an array of nmemb elements of size bytes; checks the multiplication. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
/*
 * As xreallocarray(), for an array about to be filled (its first old_size
 * bytes are kept): from 2 MiB it is placed and marked for huge pages, one
 * fault per 2 MiB rather than per 4 KiB, which on some virtual machines is
 * most of the cost of filling it.  Free it with xfree().
 */
void *xreallocarray_huge(void *ptr, size_t old_size, size_t nmemb,
			 size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
void xfree(void *ptr);

/* Runs the fatal hook, reports the failed size and aborts. */
_Noreturn void xmalloc_oom(size_t size);

/* Called once before aborting on out-of-memory; NULL for none. */
void xmalloc_set_fatal_hook(void (*hook)(void));

#endif
