/*
 * Lookups by id: one string map per kind of id, each built on the first
 * lookup of its kind after a load.
 */
#include "loader/loader.h"

#include <stdlib.h>
#include <string.h>

#include "loader/loader_int.h"

/*
 * Adds key unless it is there: with duplicates, the first one wins.  The
 * keys are arena strings, which outlive the index.  The maps' values are
 * not const, but find() hands them back as const.
 */
static void add(struct strmap *m, const char *key, const void *value)
{
	void **slot = strmap_insert(m, key);

	if (!*slot)
		*slot = (void *)value;
}

/* The map of one kind of id; the cards' waits for library_cards(). */
static void build_index(struct library *lib, enum index_kind kind)
{
	struct strmap *m = &lib->state->index[kind];
	size_t n = 0;

	switch (kind) {
	case IX_DECK:
		strmap_reserve(m, lib->n_decks);
		for (size_t i = 0; i < lib->n_decks; i++)
			add(m, lib->decks[i].id.s, &lib->decks[i]);
		break;
	case IX_CARD:
		/* A card not decoded (the cache damaged) is not found. */
		library_cards(lib);
		for (size_t i = 0; i < lib->n_decks; i++)
			n += lib->decks[i].n_cards;
		strmap_reserve(m, n);
		for (size_t i = 0; i < lib->n_decks; i++) {
			const struct deck *d = &lib->decks[i];

			if (loader_cards_pending(lib->state, d))
				continue;
			for (size_t k = 0; k < d->n_cards; k++)
				add(m, d->cards[k].id.s, &d->cards[k]);
		}
		break;
	case IX_ITEM:
		strmap_reserve(m, lib->n_items);
		for (size_t i = 0; i < lib->n_items; i++)
			add(m, lib->items[i].key, &lib->items[i]);
		break;
	case IX_RUBRIC:
		strmap_reserve(m, lib->n_rubrics);
		for (size_t i = 0; i < lib->n_rubrics; i++)
			add(m, lib->rubrics[i].id.s, &lib->rubrics[i]);
		break;
	case IX_SCENARIO:
		strmap_reserve(m, lib->n_scenarios);
		for (size_t i = 0; i < lib->n_scenarios; i++)
			add(m, lib->scenarios[i].id.s, &lib->scenarios[i]);
		break;
	case IX_N:
		return;
	}
	lib->state->indexed |= 1u << kind;
}

size_t library_index_bytes(const struct library_state *st)
{
	size_t n = 0;

	for (int k = 0; k < IX_N; k++)
		n += st->index[k].cap * sizeof(*st->index[k].slots);
	return n;
}

void library_index_drop(struct library_state *st)
{
	for (int k = 0; k < IX_N; k++)
		strmap_release(&st->index[k]);
	st->indexed = 0;
	library_order_drop(st);
}

static const void *find(struct library *lib, enum index_kind kind,
			const char *key)
{
	if (!lib->state || !key)
		return NULL;
	if (!(lib->state->indexed & (1u << kind)))
		build_index(lib, kind);
	return strmap_get(&lib->state->index[kind], key);
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
	return list_has(item->tags, tag) ||
	       (item->deck && list_has(&item->deck->tags, tag));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* 1 if tag is in out[0..n). */
static int seen(const char **out, size_t n, const char *tag)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(out[i], tag))
			return 1;
	return 0;
}

int tag_is_competency(const char *tag)
{
	return strcmp(tag, "behavioural") && strcmp(tag, "star");
}

size_t library_competencies(const struct library *lib, const char **out,
			    size_t max)
{
	const char *all[LIBRARY_MAX_COMPETENCIES];
	size_t n = 0, total = 0;

	for (size_t i = 0; i < lib->n_scenarios; i++) {
		const struct scenario *s = &lib->scenarios[i];

		if (s->kind != SCENARIO_BEHAVIOURAL)
			continue;
		for (size_t t = 0; t < s->tags.n; t++) {
			const char *tag = s->tags.v[t].s;

			if (!tag_is_competency(tag) || seen(all, n, tag))
				continue;
			total++;
			if (n < LIBRARY_MAX_COMPETENCIES)
				all[n++] = tag;
		}
	}
	if (n)
		qsort(all, n, sizeof(*all), cmp_str);
	memcpy(out, all, (n < max ? n : max) * sizeof(*out));
	return total;
}
