#include "core/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "core/xmalloc.h"

#define ARENA_BLOCK 65536
/* Blocks grow with the arena up to this, so a big library is a few big
 * blocks rather than thousands of small ones. */
#define ARENA_BLOCK_MAX ((size_t)16 << 20)
/* From this size a block is mapped on its own, on huge pages where the
 * kernel offers them: a fault per 2 MiB instead of per 4 KiB, which is
 * most of the cost of filling a big library on some virtual machines. */
#define HUGE_BLOCK ((size_t)2 << 20)
#define HUGE_PAGE ((size_t)2 << 20)

struct arena_block {
	struct arena_block *next;
	size_t cap;
	unsigned char *data;	/* after the header, or a mapping's */
	void *map;		/* the mapping holding a huge block, or NULL */
	size_t map_len;
	alignas(max_align_t) unsigned char inline_data[];
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

		if (b->map)
			munmap(b->map, b->map_len);
		xfree(b);
		b = next;
	}
	arena_init(a);
}

/*
 * A block of cap bytes on huge pages, or NULL if it cannot be mapped.
 * Its header is apart: a page is zeroed only when an allocation touches
 * it, and a block reserved for a fill that never comes costs nothing.
 */
static struct arena_block *huge_block(size_t cap)
{
	size_t len = cap + HUGE_PAGE;
	unsigned char *map = mmap(NULL, len, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char *data;
	struct arena_block *b;

	if (map == MAP_FAILED)
		return NULL;
	/* Aligned, so the whole block can be huge pages. */
	data = map + (HUGE_PAGE - (uintptr_t)map % HUGE_PAGE) % HUGE_PAGE;
#ifdef MADV_HUGEPAGE
	madvise(data, len - (size_t)(data - map), MADV_HUGEPAGE);
#endif
	b = xmalloc(sizeof(*b));
	b->data = data;
	b->map = map;
	b->map_len = len;
	b->cap = cap;
	return b;
}

/* A block of cap bytes from malloc. */
static struct arena_block *small_block(size_t cap)
{
	struct arena_block *b = xmalloc(sizeof(*b) + cap);

	b->data = b->inline_data;
	b->map = NULL;
	b->cap = cap;
	return b;
}

/* Makes b the head: allocations go on from its start. */
static void push_head(struct arena *a, struct arena_block *b)
{
	b->next = a->head;
	a->head = b;
	a->used = 0;
	a->total += sizeof(*b) + b->cap;
}

static void arena_new_block(struct arena *a, size_t size)
{
	size_t grown = a->total < ARENA_BLOCK_MAX ? a->total
						  : ARENA_BLOCK_MAX;
	size_t base = grown > ARENA_BLOCK ? grown : ARENA_BLOCK;
	size_t cap = size > base / 4 ? size : base;
	struct arena_block *b = NULL;

	if (cap >= HUGE_BLOCK)
		b = huge_block(cap);
	if (!b)
		b = small_block(cap);
	/* A large allocation gets its own block behind the head, so the
	 * head's free space is not thrown away. */
	if (cap != base && a->head) {
		b->next = a->head->next;
		a->head->next = b;
		a->total += sizeof(*b) + cap;
		return;
	}
	push_head(a, b);
}

void arena_reserve(struct arena *a, size_t size)
{
	struct arena_block *b;

	if ((a->head && a->head->cap - a->used >= size) || size > SIZE_MAX / 2)
		return;
	b = size < HUGE_BLOCK ? small_block(size) : huge_block(size);
	/* A hint: if it cannot be mapped, the arena grows as it would have. */
	if (b)
		push_head(a, b);
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
