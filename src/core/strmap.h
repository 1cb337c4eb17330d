#ifndef TPM_CORE_STRMAP_H
#define TPM_CORE_STRMAP_H

#include <stddef.h>
#include <stdint.h>

/*
 * A hash table from NUL-terminated strings to pointers (git strmap):
 * open addressing with linear probing and FNV-1a, kept at most half full
 * by doubling.
 *
 * Ownership: keys are borrowed.  The map stores the caller's pointer, not
 * a copy, so a key must stay alive and unchanged while it is in the map;
 * keys that live in an arena (the loader's ids) cost nothing, and a
 * caller whose key is in a buffer it reuses stores a copy it owns (in an
 * arena, say).  Values are the caller's too: the map frees neither.
 */
struct strmap_entry {
	const char *key;	/* NULL for an empty slot */
	void *value;
	uint32_t hash;
};

struct strmap {
	struct strmap_entry *slots;	/* NULL until the first insert */
	size_t cap;			/* 0 or a power of two */
	size_t len;			/* keys in the map */
};

void strmap_init(struct strmap *m);
/* Frees the table, not the keys or values; m is as after strmap_init(). */
void strmap_release(struct strmap *m);

/* Makes room for n keys in all, so inserting up to n does not grow it. */
void strmap_reserve(struct strmap *m, size_t n);

/* The value for key, or NULL if key is not in the map. */
void *strmap_get(const struct strmap *m, const char *key);

/*
 * The value slot for key, adding key with a NULL value if it is not in
 * the map yet: for a map of non-NULL values, *slot == NULL says the key
 * is new, and the caller stores its value there.  The pointer is valid
 * until the next strmap_insert(), strmap_reserve() or strmap_release().
 */
void **strmap_insert(struct strmap *m, const char *key);

#endif
