#include "core/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <string.h>

#include "core/xmalloc.h"

#define ARENA_BLOCK 65536

struct arena_block {
	struct arena_block *next;
	size_t cap;
	alignas(max_align_t) unsigned char data[];
};

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
	a->total = 0;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;

	while (b) {
		struct arena_block *next = b->next;

		xfree(b);
		b = next;
	}
	arena_init(a);
}

static void arena_new_block(struct arena *a, size_t size)
{
	size_t cap = size > ARENA_BLOCK / 4 ? size : ARENA_BLOCK;
	struct arena_block *b = xmalloc(sizeof(*b) + cap);

	b->cap = cap;
	/* A large allocation gets its own block behind the head, so the
	 * head's free space is not thrown away. */
	if (cap != ARENA_BLOCK && a->head) {
		b->next = a->head->next;
		a->head->next = b;
		a->total += sizeof(*b) + cap;
		return;
	}
	b->next = a->head;
	a->head = b;
	a->used = 0;
	a->total += sizeof(*b) + cap;
}

static void *arena_alloc_aligned(struct arena *a, size_t size, size_t align)
{
	size_t off = (a->used + align - 1) & ~(align - 1);

	if (size > SIZE_MAX / 2)
		xmalloc_oom(size);
	if (!a->head || off + size > a->head->cap) {
		struct arena_block *old = a->head;

		arena_new_block(a, size);
		if (a->head == old)	/* a dedicated block was linked in */
			return old->next->data;
		off = 0;
	}
	a->used = off + size;
	return a->head->data + off;
}

void *arena_alloc(struct arena *a, size_t size)
{
	return arena_alloc_aligned(a, size, alignof(max_align_t));
}

void *arena_calloc(struct arena *a, size_t nmemb, size_t size)
{
	void *p;

	if (size && nmemb > SIZE_MAX / size)
		xmalloc_oom(SIZE_MAX);
	p = arena_alloc(a, nmemb * size);
	memset(p, 0, nmemb * size);
	return p;
}

void *arena_memdup(struct arena *a, const void *p, size_t size)
{
	void *q = arena_alloc(a, size);

	memcpy(q, p, size);
	return q;
}

/* Strings need no alignment; packing them keeps the library small. */
char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc_aligned(a, n + 1, 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}
