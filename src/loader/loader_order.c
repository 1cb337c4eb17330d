/*
 * The library's order (see loader.h): its items sorted by key with
 * keysort(), each item's card's first item, its tags numbered in sorted
 * order, and its cards' refs.  Built on the first library_order() after a
 * load, dropped with the lookup index.
 */
#include "loader/loader.h"

#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/vec.h"
#include "core/xmalloc.h"
#include "loader/loader_int.h"

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Adds every tag of l to m (valued 1 for now) and, when new, to out. */
static void collect(struct strmap *m, const struct lstr_list *l,
		    struct vec *out)
{
	for (size_t i = 0; i < l->n; i++) {
		void **slot = strmap_insert(m, l->v[i].s);

		if (!*slot) {
			*slot = out;	/* any non-NULL value: seen */
			*(const char **)vec_push(out) = l->v[i].s;
		}
	}
}

/* o->tags: every tag of lib's decks and study items sorted, once;
 * o->tag_ix maps each to its index + 1. */
static void number_tags(struct library_order *o, const struct library *lib)
{
	struct strmap *m = &o->tag_ix;
	struct vec tags;

	vec_init(&tags, sizeof(char *));
	for (size_t i = 0; i < lib->n_decks; i++)
		collect(m, &lib->decks[i].tags, &tags);
	for (size_t i = 0; i < lib->n_items; i++)
		if (!i || lib->items[i].tags != lib->items[i - 1].tags)
			collect(m, lib->items[i].tags, &tags);
	if (tags.len)
		qsort(tags.items, tags.len, sizeof(char *), cmp_str);
	for (size_t i = 0; i < tags.len; i++)
		*strmap_insert(m, *(const char **)vec_at(&tags, i)) =
			(void *)(uintptr_t)(i + 1);
	o->n_tags = tags.len;
	o->tags = vec_detach(&tags, NULL);
}

/* o->refs: every card's refs sorted, once (cards a deferred load could
 * not decode have none). */
static void collect_refs(struct library_order *o, const struct library *lib)
{
	struct library_state *st = lib->state;
	struct strmap m;
	struct vec refs;

	strmap_init(&m);
	vec_init(&refs, sizeof(char *));
	for (size_t i = 0; i < lib->n_decks; i++) {
		if (loader_cards_pending(st, &lib->decks[i]))
			continue;
		for (size_t c = 0; c < lib->decks[i].n_cards; c++)
			collect(&m, &lib->decks[i].cards[c].refs, &refs);
	}
	if (refs.len)
		qsort(refs.items, refs.len, sizeof(char *), cmp_str);
	o->n_refs = refs.len;
	o->refs = vec_detach(&refs, NULL);
	strmap_release(&m);
}

/* Where each item's card starts: a card's items are consecutive. */
static void card_first(struct library_order *o, const struct library *lib)
{
	uint32_t *first = xmalloc((lib->n_items + 1) * sizeof(*first));

	for (size_t i = 0; i < lib->n_items; i++)
		first[i] = i && lib->items[i].card == lib->items[i - 1].card
				   ? first[i - 1]
				   : (uint32_t)i;
	o->card_first = first;
}

static void by_key(struct library_order *o, const struct library *lib)
{
	size_t n = lib->n_items;
	struct key_ref *v = xmalloc((n + 1) * sizeof(*v));
	struct key_ref *scratch = xmalloc((n + 1) * sizeof(*scratch));
	struct key_table keys = { n ? &lib->items[0].key : NULL,
				  sizeof(*lib->items) };

	key_refs_fill(v, n, &keys);
	keysort(v, n, scratch, &keys);
	xfree(scratch);
	o->by_key = v;
}

/* o->keys_hash: each key with its NUL, so that no two lists collide by
 * where they split. */
static void hash_keys(struct library_order *o, const struct library *lib)
{
	uint64_t h = lib->n_items;

	for (size_t k = 0; k < lib->n_items; k++) {
		const char *key = lib->items[o->by_key[k].i].key;

		h = (h ^ hash64(key, strlen(key) + 1)) *
		    UINT64_C(0x9e3779b97f4a7c15);
	}
	o->keys_hash = h;
}

const struct library_order *library_order(const struct library *lib)
{
	/* The order is a cache: making it changes nothing a caller sees. */
	struct library_state *st = library_state_get((struct library *)lib);
	struct library_order *o;

	if (st->order)
		return st->order;
	library_cards((struct library *)lib);
	o = xcalloc(1, sizeof(*o));
	strmap_init(&o->tag_ix);
	number_tags(o, lib);
	collect_refs(o, lib);
	card_first(o, lib);
	by_key(o, lib);
	hash_keys(o, lib);
	st->order = o;
	return o;
}

long library_tag_index(const struct library_order *o, const char *tag)
{
	return (long)(uintptr_t)strmap_get(&o->tag_ix, tag) - 1;
}

void library_order_drop(struct library_state *st)
{
	struct library_order *o = st->order;

	if (!o)
		return;
	if (!o->borrowed) {
		xfree((void *)o->by_key);
		xfree((void *)o->card_first);
	}
	xfree((void *)o->tags);
	xfree((void *)o->refs);
	strmap_release(&o->tag_ix);
	xfree(o);
	st->order = NULL;
}
