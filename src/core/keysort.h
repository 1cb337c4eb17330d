#ifndef TPM_CORE_KEYSORT_H
#define TPM_CORE_KEYSORT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Sorting many strings in strcmp order without strcmp's cache misses: each
 * string's first 8 bytes, read big-endian into an integer (its head),
 * order as strcmp orders them, so a radix sort on the heads does nearly
 * all the work and only strings with equal heads are compared in full.
 */

/* The head of s: its first 8 bytes big-endian, zero after its end. */
uint64_t key_head(const char *s);

/* strcmp(a, b)'s sign, given their heads ha and hb. */
int key_cmp(uint64_t ha, const char *a, uint64_t hb, const char *b);

/*
 * Where the keys are: key i is the pointer at byte i * stride from first,
 * as the key members of an array of structures are.
 */
struct key_table {
	const char *const *first;
	size_t stride;
};

static inline const char *key_at(const struct key_table *t, uint32_t i)
{
	return *(const char *const *)((const char *)t->first +
				      (size_t)i * t->stride);
}

/* 16 bytes: on a large library the pages touched cost more than the work. */
struct key_ref {
	uint64_t head;		/* key_head() of key i */
	uint32_t i;
};

/*
 * Sorts v[0..n) in strcmp order of their keys in keys, stably; scratch
 * holds n elements.  Time O(n) plus a comparison sort of each run
 * of equal heads whose keys go on past them; no allocation.
 */
void keysort(struct key_ref *v, size_t n, struct key_ref *scratch,
	     const struct key_table *keys);

/*
 * Fills v[0..n) with the heads of keys 0..n-1, prefetching the keys
 * ahead: the pass is bound by cache misses on a large library.
 */
void key_refs_fill(struct key_ref *v, size_t n, const struct key_table *keys);

#endif
