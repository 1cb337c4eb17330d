/*
 * Today's counts per deck and tag (see queue.h for what they mean): the
 * entries of one session built without the daily limits are counted into
 * their deck's and tags' rows, and each row is then capped at what the
 * limits leave today.  Tags are the library's numbered ones
 * (library_order()).
 */
#include "queue/queue.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/vec.h"
#include "core/xmalloc.h"

void queue_counts_init(struct queue_counts *qc)
{
	memset(qc, 0, sizeof(*qc));
}

void queue_counts_release(struct queue_counts *qc)
{
	xfree(qc->decks);
	xfree(qc->by_tag);
	queue_counts_init(qc);
}

static void count_add(struct queue_count *n, enum queue_kind kind)
{
	if (kind == QUEUE_LEARNING)
		n->n_learning++;
	else if (kind == QUEUE_REVIEW)
		n->n_review++;
	else
		n->n_new++;
}

static int list_has(const struct lstr_list *l, const char *tag)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].s, tag))
			return 1;
	return 0;
}

/*
 * Counts e into its tags' rows, a tag on the card and its deck once; a
 * new entry's (tag, deck) pairs go to pairs when a per-deck limit needs
 * them (NULL otherwise).
 */
static void count_tags(struct queue_counts *qc, const struct library_order *o,
		       const struct queue_entry *e, struct vec *pairs)
{
	const struct lstr_list *own = e->item->tags;
	const struct lstr_list *lists[2] = { own, &e->item->deck->tags };
	uint64_t deck = (uint64_t)(e->item->deck - qc->deck_base);
	int pair = pairs && e->kind == QUEUE_NEW;

	if (pair)
		*(uint64_t *)vec_push(pairs) = deck;
	for (int k = 0; k < 2; k++) {
		for (size_t t = 0; t < lists[k]->n; t++) {
			const char *tag = lists[k]->v[t].s;
			long at = library_tag_index(o, tag);

			if (at < 0 || (k == 1 && list_has(own, tag)))
				continue;
			count_add(&qc->by_tag[at], e->kind);
			if (pair)
				*(uint64_t *)vec_push(pairs) =
					(uint64_t)(at + 1) << 32 | deck;
		}
	}
}

static void cap(struct queue_count *n, long new_left, long reviews_left)
{
	if (n->n_new > new_left)
		n->n_new = new_left;
	if (n->n_review > reviews_left)
		n->n_review = reviews_left;
}

/* What new_per_deck leaves of deck d today; LONG_MAX without a limit. */
static long deck_left(const struct queue *q, const struct settings *s,
		      size_t d)
{
	long left = s->new_per_deck - q->deck_new_done[d];

	if (!s->new_per_deck)
		return LONG_MAX;
	return left < 0 ? 0 : left;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/*
 * The new counts under new_per_deck: each deck's capped at what it leaves
 * today, the total and each tag's the sum of their decks' capped counts.
 * pairs holds (tag index + 1) << 32 | deck for every tag of every new
 * entry, and 0 << 32 | deck for the entry itself.
 */
static void cap_per_deck(struct queue_counts *qc, const struct queue *q,
			 const struct settings *s, struct vec *pairs)
{
	uint64_t *p = pairs->items;

	for (size_t d = 0; d < qc->n_decks; d++)
		if (qc->decks[d].n_new > deck_left(q, s, d))
			qc->decks[d].n_new = deck_left(q, s, d);
	if (!s->new_per_deck)
		return;
	qc->total.n_new = 0;
	for (size_t i = 0; i < qc->n_tags; i++)
		qc->by_tag[i].n_new = 0;
	if (pairs->len)
		qsort(p, pairs->len, sizeof(*p), cmp_u64);
	for (size_t i = 0, j; i < pairs->len; i = j) {
		size_t tag = (size_t)(p[i] >> 32), d = (size_t)(p[i] & 0xffffffff);
		long run, left = deck_left(q, s, d);

		for (j = i + 1; j < pairs->len && p[j] == p[i]; j++)
			;
		run = (long)(j - i) < left ? (long)(j - i) : left;
		if (tag)
			qc->by_tag[tag - 1].n_new += run;
		else
			qc->total.n_new += run;
	}
}

/* Caps every row at what today's limits leave. */
static void cap_all(struct queue_counts *qc, const struct queue *q,
		    const struct settings *s, struct vec *pairs)
{
	long new_left = s->new_per_day - (long)q->new_done;
	long reviews_left = s->reviews_per_day - (long)q->reviews_done;

	new_left = new_left < 0 ? 0 : new_left;
	reviews_left = reviews_left < 0 ? 0 : reviews_left;
	cap_per_deck(qc, q, s, pairs);
	cap(&qc->total, new_left, reviews_left);
	for (size_t i = 0; i < qc->n_decks; i++)
		cap(&qc->decks[i], new_left, reviews_left);
	for (size_t i = 0; i < qc->n_tags; i++)
		cap(&qc->by_tag[i], new_left, reviews_left);
}

int queue_counts(struct queue_counts *qc, struct queue *q, struct store *st,
		 const struct settings *s, const struct queue_filter *f,
		 const struct clock *c)
{
	const struct library *lib = q->lib;
	const struct library_order *o = library_order(lib);
	struct settings lifted = *s;
	struct vec pairs;
	int ret;

	queue_counts_release(qc);
	vec_init(&pairs, sizeof(uint64_t));
	qc->tags = o->tags;
	qc->n_tags = o->n_tags;
	qc->n_decks = lib->n_decks;
	qc->deck_base = lib->decks;
	qc->decks = xcalloc(lib->n_decks + 1, sizeof(*qc->decks));
	qc->by_tag = xcalloc(qc->n_tags + 1, sizeof(*qc->by_tag));
	lifted.new_per_day = lifted.reviews_per_day = 1 << 30;
	/* The per-deck limit too: each row applies it to its own cards. */
	lifted.new_per_deck = 0;
	/* Counts do not depend on the order of the new items (a card's
	 * items share its deck and tags): they are not sorted, which on a
	 * large library with few cards studied is most of the work. */
	lifted.new_order = NEW_ORDER_DECK;
	ret = queue_build(q, st, &lifted, f, c);
	if (ret == 0 && s->new_per_deck)
		ret = queue_count_new_by_deck(q, st, s);
	for (size_t i = 0; ret == 0 && i < q->n; i++) {
		const struct queue_entry *e = &q->entries[i];

		count_add(&qc->total, e->kind);
		count_add(&qc->decks[e->item->deck - lib->decks],
			  e->kind);
		count_tags(qc, o, e, s->new_per_deck ? &pairs : NULL);
	}
	if (ret == 0)
		cap_all(qc, q, s, &pairs);
	vec_release(&pairs);
	return ret;
}
