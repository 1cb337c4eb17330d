#ifndef TPM_CORE_ARENA_H
#define TPM_CORE_ARENA_H

#include <stddef.h>

/*
 * A bump allocator: many small allocations freed together (the loaded
 * library is arena-owned, so dropping a load is one arena_release()).
 */
struct arena_block;

struct arena {
	struct arena_block *head;
	size_t used;		/* bytes used in head */
	size_t total;		/* bytes requested from malloc, for benchmarks */
};

void arena_init(struct arena *a);
void arena_release(struct arena *a);
/* size bytes aligned for any type; never NULL; valid until arena_release(). */
void *arena_alloc(struct arena *a, size_t size);
/*
 * Makes room for size bytes more in one block, when a caller knows a
 * big fill is coming: one huge-page mapping instead of a run of growing
 * blocks, each faulted in 4 KiB at a time.
 */
void arena_reserve(struct arena *a, size_t size);
void *arena_calloc(struct arena *a, size_t nmemb, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void *arena_memdup(struct arena *a, const void *p, size_t size);

#endif
