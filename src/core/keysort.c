/*
 * An LSD radix sort of the heads, a byte a pass (passes in which every
 * head has the same byte are skipped), then each run of equal heads whose
 * keys go on past them sorted likewise by the keys' next 8 bytes: an MSD
 * radix sort 8 bytes a level.  Short runs take an insertion sort.
 */
#include "core/keysort.h"

#include <string.h>

uint64_t key_head(const char *s)
{
	uint64_t h = 0;
	int i = 0;

	for (; i < 8 && s[i]; i++)
		h = h << 8 | (unsigned char)s[i];
	/* Shifting a 64-bit value by 64 is undefined: "" is all zero. */
	return i ? h << (8 * (8 - i)) : 0;
}

int key_cmp(uint64_t ha, const char *a, uint64_t hb, const char *b)
{
	if (ha != hb)
		return ha < hb ? -1 : 1;
	/* Equal heads with a zero low byte: both keys end inside them. */
	if (!(ha & 0xff))
		return 0;
	return strcmp(a + 8, b + 8);
}

/* Insertion sort of a short run by the keys from byte depth on. */
static void sort_short(struct key_ref *v, size_t n,
		       const struct key_table *keys, size_t depth)
{
	for (size_t i = 1; i < n; i++) {
		struct key_ref x = v[i];
		const char *kx = key_at(keys, x.i) + depth;
		size_t j = i;

		for (; j > 0; j--) {
			int c = strcmp(key_at(keys, v[j - 1].i) + depth, kx);

			if (c <= 0)
				break;
			v[j] = v[j - 1];
		}
		v[j] = x;
	}
}

/* One stable counting pass on byte shift/8 of the heads, from src to dst. */
static void radix_pass(const struct key_ref *src, struct key_ref *dst,
		       size_t n, unsigned shift)
{
	size_t count[256] = { 0 }, at = 0;

	for (size_t i = 0; i < n; i++)
		count[src[i].head >> shift & 0xff]++;
	for (int b = 0; b < 256; b++) {
		size_t c = count[b];

		count[b] = at;
		at += c;
	}
	for (size_t i = 0; i < n; i++)
		dst[count[src[i].head >> shift & 0xff]++] = src[i];
}

/* The byte positions in which some heads differ, as a mask of bits. */
static unsigned varying_bytes(const struct key_ref *v, size_t n)
{
	uint64_t diff = 0;
	unsigned mask = 0;

	for (size_t i = 1; i < n; i++)
		diff |= v[i].head ^ v[0].head;
	for (unsigned b = 0; b < 8; b++)
		if (diff >> (8 * b) & 0xff)
			mask |= 1u << b;
	return mask;
}

static void sort_level(struct key_ref *v, size_t n, struct key_ref *scratch,
		       const struct key_table *keys, size_t depth);

/*
 * Sorts each run of equal heads whose keys go on past them by their next
 * 8 bytes, as a level of its own (so keys sharing long prefixes stay
 * O(n) a level), then gives the run its heads back.
 */
static void sort_runs(struct key_ref *v, size_t n, struct key_ref *scratch,
		      const struct key_table *keys, size_t depth)
{
	for (size_t i = 0, j; i < n; i = j) {
		uint64_t head = v[i].head;

		for (j = i + 1; j < n && v[j].head == head; j++)
			;
		if (j - i < 2 || !(head & 0xff))
			continue;
		if (j - i <= 16) {
			sort_short(v + i, j - i, keys, depth + 8);
			continue;
		}
		for (size_t k = i; k < j; k++)
			v[k].head = key_head(key_at(keys, v[k].i) + depth + 8);
		sort_level(v + i, j - i, scratch, keys, depth + 8);
		for (size_t k = i; k < j; k++)
			v[k].head = head;
	}
}

static void sort_level(struct key_ref *v, size_t n, struct key_ref *scratch,
		       const struct key_table *keys, size_t depth)
{
	struct key_ref *src = v, *dst = scratch;
	unsigned mask = varying_bytes(v, n);

	for (unsigned b = 0; b < 8; b++) {
		struct key_ref *t;

		if (!(mask & 1u << b))
			continue;
		radix_pass(src, dst, n, 8 * b);
		t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
	sort_runs(v, n, scratch, keys, depth);
}

void keysort(struct key_ref *v, size_t n, struct key_ref *scratch,
	     const struct key_table *keys)
{
	if (n > 1)
		sort_level(v, n, scratch, keys, 0);
}

void key_refs_fill(struct key_ref *v, size_t n, const struct key_table *keys)
{
	for (size_t i = 0; i < n; i++) {
		if (i + 16 < n)
			__builtin_prefetch(key_at(keys, (uint32_t)(i + 16)));
		v[i] = (struct key_ref){ key_head(key_at(keys, (uint32_t)i)),
					 (uint32_t)i };
	}
}
