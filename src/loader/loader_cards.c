/*
 * A deck's cards in the compiled library (loader_cache.c says where): in
 * its record, an index of what counting needs (the deck's distinct tag
 * lists, its items' keys, and a fixed record per item), and the cards
 * themselves in a blob of their own, hashed, at the end of the file.  A
 * start that only counts takes the items from the index and leaves the
 * blob for library_cards(), which checks its hash and that its cards are
 * what the index said.
 */
#include "loader/loader_codec.h"

#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/hash.h"
#include "core/strmap.h"
#include "core/vec.h"
#include "core/xmalloc.h"
#include "loader/loader.h"

/* A tag list as one string: the key that finds an equal one. */
static void tags_key(struct buf *b, const struct lstr_list *l)
{
	buf_clear(b);
	for (size_t i = 0; i < l->n; i++) {
		buf_adds(b, l->v[i].s);
		buf_addch(b, '\n');	/* in no tag */
	}
}

/* The deck's distinct tag lists, numbered in order of first use. */
static void put_tag_sets(struct buf *b, const struct card *cards, size_t n,
			 uint32_t *set)
{
	struct strmap seen;
	struct arena keys;
	struct buf key, out;
	uint32_t n_sets = 0;

	strmap_init(&seen);
	arena_init(&keys);
	buf_init(&key);
	buf_init(&out);
	for (size_t k = 0; k < n; k++) {
		const struct lstr_list *l = &cards[k].tags;
		void **slot;

		tags_key(&key, l);
		slot = strmap_insert(&seen, arena_strndup(&keys, key.s,
							  key.len));
		if (!*slot) {
			*slot = (void *)(uintptr_t)++n_sets;
			codec_put_varint(&out, l->n);
			for (size_t i = 0; i < l->n; i++)
				codec_put_str(&out, l->v[i].s,
					      strlen(l->v[i].s));
		}
		set[k] = (uint32_t)(uintptr_t)*slot - 1;
	}
	codec_put_varint(b, n_sets);
	buf_add(b, out.s, out.len);
	buf_release(&out);
	buf_release(&key);
	arena_release(&keys);
	strmap_release(&seen);
}

/* An item of a deck's index: its key, card, tag list, variant. */
struct index_rec {
	const char *key;
	size_t card;			/* in the deck */
	size_t set;			/* the card's tag list */
	int variant;
};

/*
 * An item's record in the index, a few bytes: how many cards on from the
 * last item's its card is, then for the first item of a card its tag
 * list, then its variant + 1, then the length of its key, the next in the
 * keys.
 */
static void put_rec(struct buf *b, size_t card_step, size_t set, int variant,
		    size_t key_len, int first)
{
	codec_put_varint(b, card_step);
	if (card_step || first)
		codec_put_varint(b, set);
	codec_put_varint(b, (uint64_t)(variant + 1));
	codec_put_varint(b, key_len);
}

/* Reads the index's records in turn (put_rec()). */
struct rec_reader {
	struct cursor c;
	const struct deck_index *ix;
	size_t key;			/* the next key's offset */
	size_t n_read;
	struct index_rec r;
};

static void rec_reader_init(struct rec_reader *rd, const struct deck_index *ix)
{
	*rd = (struct rec_reader){ .c = { ix->recs, ix->recs + ix->recs_len,
					  0 },
				   .ix = ix };
}

/* The next record into rd->r, each field in bounds; 0, or -1 if bad. */
static int rec_next(struct rec_reader *rd)
{
	const struct deck_index *ix = rd->ix;
	uint64_t step = codec_get_varint(&rd->c), set = rd->r.set, variant,
		 len;

	if (step || !rd->n_read)
		set = codec_get_varint(&rd->c);
	variant = codec_get_varint(&rd->c);
	len = codec_get_varint(&rd->c);
	/* The key and its NUL in the keys. */
	if (rd->c.bad || len >= ix->keys_len - rd->key ||
	    ix->keys[rd->key + len] || set >= ix->n_sets ||
	    step > SIZE_MAX - rd->r.card || variant > LOADER_MAX_VARIANTS)
		return -1;
	rd->r.variant = (int)variant - 1;
	rd->r.key = ix->keys + rd->key;
	rd->key += (size_t)len + 1;
	rd->r.card += (size_t)step;
	rd->r.set = (size_t)set;
	rd->n_read++;
	return 0;
}

/*
 * A deck's cards: their count and the index a start that only counts
 * reads (the tag lists, the items' keys one after another, then a record
 * per item, put_rec()), then where their blob is in blobs (offset,
 * length, hash): the cards encoded with schema s.
 */
void loader_put_cards(struct buf *b, struct buf *blobs,
		      const struct schema *s, const struct card *cards,
		      size_t n)
{
	uint32_t *set = xmalloc((n ? n : 1) * sizeof(*set));
	int v[LOADER_MAX_VARIANTS];
	size_t start = blobs->len, n_items = 0;
	struct buf keys, recs;

	buf_init(&keys);
	buf_init(&recs);
	codec_put_varint(b, n);
	put_tag_sets(b, cards, n, set);
	for (size_t k = 0, last = 0; k < n; k++) {
		size_t n_var = loader_card_variants(&cards[k], v);

		for (size_t i = 0; i < n_var; i++) {
			size_t at = keys.len;

			loader_variant_key(&keys, cards[k].id.s, v[i]);
			buf_addch(&keys, '\0');
			put_rec(&recs, k - last, set[k], v[i], keys.len - at - 1,
				!n_items);
			last = k;
			n_items++;
		}
	}
	codec_put_varint(b, n_items);
	codec_put_varint(b, keys.len);
	buf_add(b, keys.s, keys.len);
	codec_put_varint(b, recs.len);
	buf_add(b, recs.s, recs.len);
	for (size_t k = 0; k < n; k++)
		codec_put_obj(blobs, s, &cards[k], NULL);
	codec_put_varint(b, start);
	codec_put_varint(b, blobs->len - start);
	codec_put_u64(b, hash64(blobs->s + start, blobs->len - start));
	buf_release(&recs);
	buf_release(&keys);
	xfree(set);
}

/* The deck's tag lists, each valid tags, into the arena; NULL if bad. */
static struct lstr_list *get_tag_sets(struct cursor *c, struct arena *a,
				      size_t *n_sets)
{
	uint64_t n = codec_get_varint(c);
	struct lstr_list *sets;

	if (c->bad || n > (uint64_t)(c->end - c->p)) {
		c->bad = 1;
		return NULL;
	}
	sets = arena_calloc(a, n ? n : 1, sizeof(*sets));
	for (uint64_t i = 0; i < n && !c->bad; i++) {
		uint64_t k = codec_get_varint(c);
		struct lstr *v;

		if (k > (uint64_t)(c->end - c->p) / 2) {
			c->bad = 1;
			break;
		}
		sets[i].v = v = k ? arena_calloc(a, k, sizeof(*v)) : NULL;
		sets[i].n = (size_t)k;
		for (uint64_t t = 0; t < k && !c->bad; t++) {
			v[t].s = codec_get_str(c);
			if (v[t].s && !loader_id_valid(FK_TAG_LIST, v[t].s,
						       strlen(v[t].s)))
				c->bad = 1;
		}
	}
	*n_sets = (size_t)n;
	return c->bad ? NULL : sets;
}

/* Reads the index loader_put_cards() wrote, bounds-checked; 0 or -1. */
static int get_index(struct cursor *c, struct arena *a,
		     struct deck_index *ix)
{
	uint64_t n_items, keys_len, recs_len;

	ix->sets = get_tag_sets(c, a, &ix->n_sets);
	n_items = codec_get_varint(c);
	keys_len = codec_get_varint(c);
	if (!ix->sets || c->bad || keys_len > (uint64_t)(c->end - c->p))
		return -1;
	ix->keys = (const char *)c->p;
	ix->keys_len = (size_t)keys_len;
	c->p += keys_len;
	recs_len = codec_get_varint(c);
	/* A record is three bytes or more, a key one. */
	if (c->bad || recs_len > (uint64_t)(c->end - c->p) ||
	    n_items > recs_len / 3 || n_items > keys_len)
		return -1;
	ix->recs = c->p;
	ix->recs_len = (size_t)recs_len;
	ix->n_items = (size_t)n_items;
	c->p += recs_len;
	return 0;
}

/*
 * Adds the items of ix, for the n cards, to the library: each field in
 * bounds, the cards in order, and every record and key of ix used.  What
 * the keys say is checked when the cards are decoded.  0 or -1.
 */
static int add_indexed_items(struct loader *ld, const struct deck_index *ix,
			     struct card *cards, size_t n)
{
	struct item *it = vec_push_n(&ld->st->items, ix->n_items);
	struct rec_reader rd;

	rec_reader_init(&rd, ix);
	for (size_t i = 0; i < ix->n_items; i++) {
		if (rec_next(&rd) < 0 || rd.r.card >= n)
			return -1;
		it[i] = (struct item){ .key = rd.r.key,
				       .card = &cards[rd.r.card],
				       .tags = &ix->sets[rd.r.set],
				       .variant = rd.r.variant };
	}
	return rd.c.p == rd.c.end && rd.key == ix->keys_len ? 0 : -1;
}

static int same_tags(const struct lstr_list *a, const struct lstr_list *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].s, b->v[i].s))
			return 0;
	return 1;
}

/* 1 if the decoded cards have the items, keys and tags ix says. */
static int index_matches(const struct deck_index *ix,
			 const struct card *cards, size_t n)
{
	int v[LOADER_MAX_VARIANTS];
	struct rec_reader rd;
	struct buf key;
	int ok = 1;

	buf_init(&key);
	rec_reader_init(&rd, ix);
	for (size_t k = 0; k < n && ok; k++) {
		size_t n_var = loader_card_variants(&cards[k], v);

		for (size_t j = 0; j < n_var && ok; j++) {
			ok = rd.n_read < ix->n_items && rec_next(&rd) == 0;
			buf_clear(&key);
			loader_variant_key(&key, cards[k].id.s, v[j]);
			ok = ok && rd.r.card == k && rd.r.variant == v[j] &&
			     !strcmp(rd.r.key, key.s) &&
			     same_tags(&ix->sets[rd.r.set], &cards[k].tags);
		}
	}
	buf_release(&key);
	return ok && rd.n_read == ix->n_items;
}

/*
 * Decodes p's blob into its cards, checking its hash, each card as the
 * loader would have it, and that they are what the index said; 0 or -1.
 */
static int decode_cards(struct pending_cards *p, const struct schema *s,
			struct arena *a)
{
	struct decoder d = { { p->blob, p->blob + p->blob_len, 0 }, a,
			     p->file, NULL, NULL, NULL, 0 };

	if (hash64(p->blob, p->blob_len) != p->blob_hash)
		return -1;
	memset(p->cards, 0, p->n * sizeof(*p->cards));
	for (size_t k = 0; k < p->n && !d.c.bad; k++)
		codec_get_obj(&d, s, &p->cards[k]);
	return !d.c.bad && d.c.p == d.c.end &&
	       index_matches(&p->ix, p->cards, p->n) ? 0 : -1;
}

/* The cards' schema: the deck's cards field's elements. */
static const struct schema *card_schema(void)
{
	const struct schema *deck = loader_top_schemas[SRC_DECK - 1];

	for (unsigned i = 0; i < deck->n_fields; i++)
		if (deck->fields[i].kind == FK_OBJ_LIST &&
		    deck->fields[i].elem->kind == REJECTED_CARD)
			return deck->fields[i].elem;
	return NULL;
}

/*
 * A deck's cards (loader_put_cards()): the items from the index, then the
 * cards from their blob, at once or, deferred, when library_cards() asks.
 */
void loader_get_cards(struct decoder *d, const struct field *f, void *obj)
{
	uint64_t n = codec_get_varint(&d->c), off, len;
	struct pending_cards p = { .file = d->file };
	struct vec *items = &d->ld->st->items;
	size_t first = items->len;

	if (get_index(&d->c, d->arena, &p.ix) < 0) {
		d->c.bad = 1;
		return;
	}
	off = codec_get_varint(&d->c);
	len = codec_get_varint(&d->c);
	codec_get_raw(&d->c, &p.blob_hash, sizeof(p.blob_hash));
	/* Each card takes some bytes of the blob: n is bounded by it. */
	if (d->c.bad || !d->blobs ||
	    off > (uint64_t)(d->blobs_end - d->blobs) ||
	    len > (uint64_t)(d->blobs_end - d->blobs) - off ||
	    n > len / codec_min_bytes(f->elem)) {
		d->c.bad = 1;
		return;
	}
	p.blob = d->blobs + off;
	p.blob_len = (size_t)len;
	p.n = (size_t)n;
	/* Not touched until decoded: a deferred start never pays for them. */
	p.cards = n ? arena_alloc(&d->ld->st->cards, p.n * sizeof(*p.cards))
		    : NULL;
	*AT(obj, f->off, struct card *) = p.cards;
	*AT(obj, f->n_off, size_t) = p.n;
	if (add_indexed_items(d->ld, &p.ix, p.cards, p.n) < 0) {
		d->c.bad = 1;
		return;
	}
	d->ld->items_added = 1;
	if (d->defer) {
		*(struct pending_cards *)vec_push(&d->ld->st->pending) = p;
		return;
	}
	if (decode_cards(&p, f->elem, d->arena) < 0)
		d->c.bad = 1;
	for (size_t i = first; i < items->len; i++) {
		struct item *it = vec_at(items, i);

		it->tags = &it->card->tags;	/* with their positions */
	}
}

int loader_cards_pending(const struct library_state *st, const struct deck *d)
{
	for (size_t i = 0; i < st->pending.len; i++) {
		const struct pending_cards *p = vec_at(&st->pending, i);

		if (p->cards == d->cards && !p->done)
			return 1;
	}
	return 0;
}

int library_cards(struct library *lib)
{
	struct library_state *st = lib->state;
	const struct schema *s = card_schema();
	size_t bytes = 0;
	int ret = 0;

	if (!st || !st->pending.len)
		return 0;
	for (size_t i = 0; i < st->pending.len; i++) {
		struct pending_cards *p = vec_at(&st->pending, i);

		bytes += p->blob_len;
		if (!p->done)
			codec_populate(p->blob, p->blob_len);
	}
	arena_reserve(&lib->arena, bytes / 2);	/* the cards' lists */
	for (size_t i = 0; i < st->pending.len; i++) {
		struct pending_cards *p = vec_at(&st->pending, i);

		if (!p->done && decode_cards(p, s, &lib->arena) < 0)
			ret = TPM_ECORRUPT;
		else
			p->done = 1;
	}
	if (ret < 0)
		return ret;
	st->pending.len = 0;
	for (size_t i = 0; i < st->decks.len; i++) {
		struct deck *d = vec_at(&st->decks, i);

		for (size_t k = 0; k < d->n_cards; k++)
			((struct card *)&d->cards[k])->deck = d;
	}
	/* The cards' own lists, with their positions, from now on. */
	for (size_t i = 0; i < st->items.len; i++) {
		struct item *it = vec_at(&st->items, i);

		it->tags = &it->card->tags;
	}
	return 0;
}

int library_cards_deferred(const struct library *lib)
{
	return lib->state && lib->state->pending.len;
}

