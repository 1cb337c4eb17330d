#include "core/strmap.h"

#include <assert.h>
#include <string.h>

#include "core/xmalloc.h"

#define MIN_CAP 16

/* 32-bit FNV-1a: simple, and good enough for short ids. */
static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/*
 * The slot holding key, or the empty slot where it would go.  The table
 * is never full, so the probe ends.  Comparing the stored hash first
 * skips most strcmp() calls on a collision.
 */
static struct strmap_entry *find_slot(struct strmap_entry *slots, size_t cap,
				      const char *key, uint32_t h)
{
	size_t mask = cap - 1;

	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct strmap_entry *e = &slots[i];

		if (!e->key || (e->hash == h && !strcmp(e->key, key)))
			return e;
	}
}

/* Moves every entry into a new table of cap slots. */
static void rehash(struct strmap *m, size_t cap)
{
	struct strmap_entry *slots = xcalloc(cap, sizeof(*slots));

	for (size_t i = 0; i < m->cap; i++) {
		const struct strmap_entry *e = &m->slots[i];

		if (e->key)
			*find_slot(slots, cap, e->key, e->hash) = *e;
	}
	xfree(m->slots);
	m->slots = slots;
	m->cap = cap;
}

void strmap_init(struct strmap *m)
{
	m->slots = NULL;
	m->cap = 0;
	m->len = 0;
}

void strmap_release(struct strmap *m)
{
	xfree(m->slots);
	strmap_init(m);
}

void strmap_reserve(struct strmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : MIN_CAP;

	while (cap / 2 < n)	/* at most half full: short probes */
		cap *= 2;
	if (cap != m->cap)
		rehash(m, cap);
}

void *strmap_get(const struct strmap *m, const char *key)
{
	const struct strmap_entry *e;

	assert(key);
	if (!m->cap)
		return NULL;
	e = find_slot(m->slots, m->cap, key, hash_str(key));
	return e->key ? e->value : NULL;
}

void **strmap_insert(struct strmap *m, const char *key)
{
	struct strmap_entry *e = NULL;
	uint32_t h;

	assert(key);
	h = hash_str(key);
	if (m->cap)
		e = find_slot(m->slots, m->cap, key, h);
	if (e && e->key)
		return &e->value;
	if (m->len + 1 > m->cap / 2) {
		strmap_reserve(m, m->len + 1);
		e = find_slot(m->slots, m->cap, key, h);
	}
	e->key = key;
	e->hash = h;
	m->len++;
	return &e->value;
}
