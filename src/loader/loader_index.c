/*
 * Lookups by id: one open-addressing hash table over every kind of id,
 * built on the first lookup after a load.
 */
#include "loader/loader.h"

#include <stdint.h>
#include <string.h>

#include "core/xmalloc.h"
#include "loader/loader_int.h"

enum index_kind { IX_DECK, IX_CARD, IX_ITEM, IX_RUBRIC, IX_SCENARIO };

struct index_entry {
	const char *key;	/* NULL: an empty slot */
	const void *value;
	uint32_t hash;
	uint32_t kind;
};

static uint32_t hash_key(const char *s, enum index_kind kind)
{
	uint32_t h = 2166136261u ^ (uint32_t)kind;	/* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static struct index_entry *slot_for(struct library_state *st,
				    enum index_kind kind, const char *key,
				    uint32_t h)
{
	size_t i = h & st->index_mask;

	for (;; i = (i + 1) & st->index_mask) {
		struct index_entry *e = &st->index[i];

		if (!e->key || (e->hash == h && e->kind == kind &&
				!strcmp(e->key, key)))
			return e;
	}
}

/* Adds key unless it is there: with duplicates, the first one wins. */
static void insert(struct library_state *st, enum index_kind kind,
		   const char *key, const void *value)
{
	uint32_t h = hash_key(key, kind);
	struct index_entry *e = slot_for(st, kind, key, h);

	if (e->key)
		return;
	e->key = key;
	e->value = value;
	e->hash = h;
	e->kind = kind;
}

static void build_index(struct library *lib)
{
	struct library_state *st = lib->state;
	size_t n = lib->n_decks + lib->n_items + lib->n_rubrics +
		   lib->n_scenarios, cap = 16;

	for (size_t i = 0; i < lib->n_decks; i++)
		n += lib->decks[i].n_cards;
	while (cap < 2 * n)	/* at most half full */
		cap *= 2;
	st->index = xcalloc(cap, sizeof(*st->index));
	st->index_mask = cap - 1;
	for (size_t i = 0; i < lib->n_decks; i++) {
		const struct deck *d = &lib->decks[i];

		insert(st, IX_DECK, d->id.s, d);
		for (size_t k = 0; k < d->n_cards; k++)
			insert(st, IX_CARD, d->cards[k].id.s, &d->cards[k]);
	}
	for (size_t i = 0; i < lib->n_items; i++)
		insert(st, IX_ITEM, lib->items[i].key, &lib->items[i]);
	for (size_t i = 0; i < lib->n_rubrics; i++)
		insert(st, IX_RUBRIC, lib->rubrics[i].id.s, &lib->rubrics[i]);
	for (size_t i = 0; i < lib->n_scenarios; i++)
		insert(st, IX_SCENARIO, lib->scenarios[i].id.s,
		       &lib->scenarios[i]);
}

size_t library_index_bytes(const struct library_state *st)
{
	return st->index ? (st->index_mask + 1) * sizeof(*st->index) : 0;
}

void library_index_drop(struct library_state *st)
{
	xfree(st->index);
	st->index = NULL;
	st->index_mask = 0;
}

static const void *find(struct library *lib, enum index_kind kind,
			const char *key)
{
	struct index_entry *e;

	if (!lib->state || !key)
		return NULL;
	if (!lib->state->index)
		build_index(lib);
	e = slot_for(lib->state, kind, key, hash_key(key, kind));
	return e->key ? e->value : NULL;
}

const struct card *library_find_card(struct library *lib, const char *id)
{
	return find(lib, IX_CARD, id);
}

const struct item *library_find_item(struct library *lib, const char *key)
{
	return find(lib, IX_ITEM, key);
}

const struct deck *library_find_deck(struct library *lib, const char *id)
{
	return find(lib, IX_DECK, id);
}

const struct rubric *library_find_rubric(struct library *lib, const char *id)
{
	return find(lib, IX_RUBRIC, id);
}

const struct scenario *library_find_scenario(struct library *lib,
					     const char *id)
{
	return find(lib, IX_SCENARIO, id);
}

static int list_has(const struct lstr_list *l, const char *tag)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].s, tag))
			return 1;
	return 0;
}

int item_has_tag(const struct item *item, const char *tag)
{
	const struct card *c = item->card;

	return list_has(&c->tags, tag) || (c->deck &&
					   list_has(&c->deck->tags, tag));
}
