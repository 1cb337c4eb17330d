/*
 * Building today's session (see queue.h for what it shows).
 *
 * Cost: one ordered scan of card_state merged with the library's items
 * sorted by key (both in strcmp order, so the join goes forward only,
 * galloping past the items with no row, and hashes nothing); when the
 * review set is known (struct queue_known), the scan covers only the
 * rows it leaves open; then one index range over today's review_log rows
 * for the daily counts, then a pass over the items in library order that
 * skips the known reviews not read a word of bits at a time.  The review
 * log is never scanned.
 */
#include "queue/queue.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/err.h"
#include "core/xmalloc.h"

#define MS_PER_HOUR 3600000LL

/*
 * A card_state row the build read, as it needs it.  Only the rows read
 * are kept, not a record per item: on a large library with the review
 * set known that is a few thousand rows against 150,000 items, and
 * touching per-item pages cost more than the work done in them.
 */
struct queue_row {
	int64_t due;
	uint32_t i;			/* into lib->items */
	unsigned char state;		/* enum fsrs_state */
	unsigned char hidden;		/* suspended, or buried until later */
};

/* The per-item bit sets of struct queue's bits block. */
enum { BITS_HAS, BITS_SEEN, BITS_USED, N_BITS };

static size_t n_words(const struct queue *q)
{
	return (q->cap + 63) / 64;
}

static uint64_t *bits_of(const struct queue *q, int set)
{
	return q->bits + (size_t)set * n_words(q);
}

static int bit_get(const uint64_t *bits, size_t i)
{
	return (int)(bits[i / 64] >> (i % 64) & 1);
}

static void bit_set(uint64_t *bits, size_t i)
{
	bits[i / 64] |= UINT64_C(1) << (i % 64);
}

void study_day_at(const struct clock *c, int64_t now, int hour,
		  struct study_day *out)
{
	int64_t off = (int64_t)clock_tz_offset_s(c, now) * 1000;
	int64_t roll = hour * MS_PER_HOUR;
	int64_t day = floor_div(now + off - roll, MS_PER_DAY);
	int64_t start_local = day * MS_PER_DAY + roll;
	int64_t end_local = start_local + MS_PER_DAY;

	/*
	 * Local times back to UTC with the offset in force at each instant
	 * (estimated with now's offset first), so the day that a DST change
	 * falls in is 23 or 25 hours long, as on the wall clock.
	 */
	out->start = start_local -
		     (int64_t)clock_tz_offset_s(c, start_local - off) * 1000;
	out->end = end_local -
		   (int64_t)clock_tz_offset_s(c, end_local - off) * 1000;
	out->number = day;
}

/* A candidate entry: an index into lib->items, its sort key, and its
 * state. */
struct queue_cand {
	int64_t due;
	uint32_t i;
	unsigned char state;		/* enum fsrs_state */
};

/* The candidate lists of struct queue. */
enum { CAND_NOW, CAND_REVIEW, CAND_NEW, CAND_LATER, N_CAND };
_Static_assert(N_CAND == QUEUE_N_CAND, "a vec per candidate list");

static void add_cand(struct queue *q, int list, int64_t due, size_t i,
		     enum fsrs_state state)
{
	*(struct queue_cand *)vec_push(&q->cand[list]) =
		(struct queue_cand){ due, (uint32_t)i, (unsigned char)state };
}

void queue_init(struct queue *q, const struct library *lib)
{
	const struct library_order *o = library_order(lib);
	size_t n = lib->n_items;

	memset(q, 0, sizeof(*q));
	q->lib = lib;
	q->cap = n;
	q->by_key = o->by_key;
	q->card_first = o->card_first;
	q->bits = xcalloc(N_BITS * n_words(q) + 1, sizeof(*q->bits));
	vec_init(&q->rows, sizeof(struct queue_row));
	vec_init(&q->rows_by_item, sizeof(struct queue_row));
	for (size_t k = 0; k < N_CAND; k++)
		vec_init(&q->cand[k], sizeof(struct queue_cand));
	vec_init(&q->entry_mem, sizeof(struct queue_entry));
	q->deck_new_done = xcalloc(lib->n_decks + 1, sizeof(long));
	q->deck_scratch = xcalloc(lib->n_decks + 1, sizeof(long));
	q->known.review = xcalloc(n / 64 + 1, sizeof(uint64_t));
	q->keys = (struct key_table){ n ? &lib->items[0].key : NULL,
				      sizeof(*lib->items) };
}

const struct item *queue_find_item(const struct queue *q, const char *key,
				   size_t len)
{
	size_t lo = 0, hi = q->lib ? q->lib->n_items : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct item *it = &q->lib->items[q->by_key[mid].i];
		int c = strncmp(it->key, key, len);

		/* Equal for len bytes: the longer key sorts after. */
		if (!c)
			c = it->key[len] != '\0';
		if (!c)
			return it;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void queue_release(struct queue *q)
{
	xfree(q->bits);
	vec_release(&q->rows);
	vec_release(&q->rows_by_item);
	for (size_t k = 0; k < N_CAND; k++)
		vec_release(&q->cand[k]);
	vec_release(&q->entry_mem);
	xfree(q->deck_new_done);
	xfree(q->deck_scratch);
	xfree(q->known.review);
	memset(q, 0, sizeof(*q));
}

int queue_filter_match(const struct queue_filter *f, const struct item *item)
{
	int ok;

	if (!f)
		return 1;
	if (f->n_decks) {
		ok = 0;
		for (size_t i = 0; i < f->n_decks && !ok; i++)
			ok = !strcmp(item->deck->id.s, f->decks[i]);
		if (!ok)
			return 0;
	}
	if (f->n_tags) {
		ok = 0;
		for (size_t i = 0; i < f->n_tags && !ok; i++)
			ok = item_has_tag(item, f->tags[i]);
		if (!ok)
			return 0;
	}
	return 1;
}

/* The merge join of the scan with q->by_key. */
struct merge {
	struct queue *q;
	size_t pos;
	int64_t now;
	size_t review_orphans;	/* of q->n_orphans, those in review */
};

/* by_key[pos] against the key with head head: <0, 0 or >0 as strcmp. */
static int ref_cmp(const struct queue *q, size_t pos, uint64_t head,
		   const char *key)
{
	const struct key_ref *r = &q->by_key[pos];

	if (r->head != head)
		return r->head < head ? -1 : 1;
	return key_cmp(r->head, key_at(&q->keys, r->i), head, key);
}

/*
 * The first position from pos whose key is not before key, and in *c
 * how it compares (1 at the end): a gallop then a binary search, so that
 * a scan of a few rows of a large library touches a few of its keys, and
 * a scan of all of them about one each.
 */
static size_t seek_key(const struct queue *q, size_t pos, uint64_t head,
		       const char *key, int *c)
{
	size_t lo = pos, hi, step = 1;

	*c = pos < q->cap ? ref_cmp(q, pos, head, key) : 1;
	if (*c >= 0)
		return pos;
	/* by_key[lo] is before key; find hi that is not, or the end. */
	while (lo + step < q->cap && ref_cmp(q, lo + step, head, key) < 0) {
		lo += step;
		step *= 2;
	}
	hi = lo + step < q->cap ? lo + step : q->cap;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (ref_cmp(q, mid, head, key) < 0)
			lo = mid;
		else
			hi = mid;
	}
	*c = hi < q->cap ? ref_cmp(q, hi, head, key) : 1;
	return hi;
}

static int merge_row(void *vctx, const struct store_scan_row *row)
{
	struct merge *m = vctx;
	struct queue *q = m->q;
	uint64_t head = key_head(row->key);
	size_t i;
	int c;

	q->n_read++;
	m->pos = seek_key(q, m->pos, head, row->key, &c);
	if (m->pos == q->cap || c != 0) {
		q->n_orphans++;	/* its card left the decks */
		m->review_orphans += row->state == FSRS_REVIEW;
		return 0;
	}
	i = q->by_key[m->pos++].i;
	*(struct queue_row *)vec_push(&q->rows) = (struct queue_row){
		.due = row->due, .i = (uint32_t)i,
		.state = (unsigned char)row->state,
		.hidden = row->suspended || row->buried_until > m->now };
	bit_set(bits_of(q, BITS_HAS), i);
	if (row->last_review >= q->day.start)
		bit_set(bits_of(q, BITS_SEEN), i);
	return 0;
}

/* Takes the known set from the full scan just made. */
static void learn_known(struct queue *q, uint64_t stamp, int64_t seq,
			size_t review_orphans)
{
	const struct queue_row *rows = q->rows.items;
	uint64_t *bits = q->known.review;

	memset(bits, 0, n_words(q) * sizeof(*bits));
	for (size_t k = 0; k < q->rows.len; k++)
		if (rows[k].state == FSRS_REVIEW)
			bit_set(bits, rows[k].i);
	q->known = (struct queue_known){ .valid = 1, .learnt = 1,
					 .stamp = stamp, .seq = seq,
					 .review = bits,
					 .n_orphans = review_orphans };
}

/* Past this many changes, reading every row is about as quick. */
#define QUEUE_FOLLOW_MAX 2048

/* One key of the journal: its item's bit as the key is now. */
static int follow_change(void *ctx, const char *key, int in_review)
{
	struct queue *q = ctx;
	const struct item *it = queue_find_item(q, key, strlen(key));
	size_t i;
	uint64_t bit;

	/* An orphan's change moves the orphan count: a scan counts it. */
	if (!it)
		return TPM_ENOENT;
	i = (size_t)(it - q->lib->items);
	bit = UINT64_C(1) << (i % 64);
	if (in_review)
		q->known.review[i / 64] |= bit;
	else
		q->known.review[i / 64] &= ~bit;
	q->n_followed++;
	return 0;
}

/*
 * Brings the known set from its stamp to stamp (change seq) by the keys
 * the journal says changed; 0, or TPM_ENOENT (the set is then dropped)
 * when the journal cannot tell, or a store error.
 */
static int follow_journal(struct queue *q, struct store *st, uint64_t stamp,
			  int64_t seq)
{
	int64_t last;
	int ret = store_review_changes(st, q->known.seq, q->known.stamp,
				       QUEUE_FOLLOW_MAX, follow_change, q,
				       &last);

	if (ret == 0 && last != seq)
		ret = TPM_ENOENT;	/* not the state the stamp is of */
	if (ret < 0) {
		q->known.valid = 0;
		return ret;
	}
	q->known.stamp = stamp;
	q->known.seq = seq;
	q->known.learnt = 1;
	return 0;
}

/*
 * Reads the stored states into q->rows: only the rows the known set
 * leaves open when it holds (brought up to date from the journal if need
 * be), every row otherwise (and the known set is then learnt from them).
 */
static int read_rows(struct queue *q, struct store *st, int64_t now)
{
	struct merge m = { q, 0, now, 0 };
	uint64_t stamp;
	int64_t seq;
	int ret = store_review_stamp(st, &stamp, &seq);

	if (ret == 0 && q->known.valid && q->known.stamp != stamp)
		ret = follow_journal(q, st, stamp, seq);
	if (ret < 0 && ret != TPM_ENOENT)
		return ret;
	if (q->known.valid) {
		ret = store_card_scan_open(st, q->day.end, q->day.start,
					   merge_row, &m);
		/* The review orphans it read are among the known ones. */
		q->n_orphans += q->known.n_orphans - m.review_orphans;
		return ret;
	}
	q->read_all = 1;
	ret = store_card_scan(st, merge_row, &m);
	if (ret == 0)
		learn_known(q, stamp, seq, m.review_orphans);
	return ret;
}

static void add_entry(struct queue *q, const struct queue_cand *c,
		      enum queue_kind kind)
{
	struct queue_entry *e = &q->entries[q->n++];

	e->item = &q->lib->items[c->i];
	e->kind = kind;
	e->state = (enum fsrs_state)c->state;
	e->due = kind == QUEUE_NEW ? 0 : c->due;
}

/* 1 if another item of item i's card was reviewed today. */
static int sibling_seen_today(const struct queue *q, size_t i)
{
	const struct item *items = q->lib->items;
	const uint64_t *seen = bits_of(q, BITS_SEEN);
	size_t first = q->card_first[i];

	for (size_t j = first; j < q->cap && items[j].card == items[i].card;
	     j++)
		if (j != i && bit_get(seen, j))
			return 1;
	return 0;
}

static int cmp_cand(const void *a, const void *b)
{
	const struct queue_cand *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static size_t deck_of(const struct queue *q, uint32_t i)
{
	return (size_t)(q->lib->items[i].deck - q->lib->decks);
}

/*
 * Appends entries of one kind from the candidates, in their order: at
 * most limit, none of a card that already has an entry today, and when
 * per_deck is set, at most per_deck less deck_new_done from one deck.
 */
static void take(struct queue *q, const struct queue_cand *cand, size_t n_cand,
		 enum queue_kind kind, int64_t limit, long per_deck)
{
	uint64_t *used = bits_of(q, BITS_USED);
	long *taken = q->deck_scratch;

	if (per_deck)
		memset(taken, 0, q->lib->n_decks * sizeof(*taken));
	for (size_t k = 0; k < n_cand && limit > 0; k++) {
		uint32_t i = cand[k].i;
		size_t d = deck_of(q, i);

		if (bit_get(used, q->card_first[i]) ||
		    (per_deck && taken[d] + q->deck_new_done[d] >= per_deck))
			continue;
		bit_set(used, q->card_first[i]);
		if (per_deck)
			taken[d]++;
		add_entry(q, &cand[k], kind);
		limit--;
	}
}

/* A card from each deck in turn, each deck's cards in their order. */
static void interleave(struct queue *q, struct queue_cand *fresh, size_t n)
{
	const struct item *items = q->lib->items;
	long *rank = q->deck_scratch;
	size_t n_decks = q->lib->n_decks;

	memset(rank, 0, n_decks * sizeof(*rank));
	for (size_t k = 0; k < n; k++) {
		uint32_t i = fresh[k].i;
		size_t d = deck_of(q, i);

		/* A card's items are consecutive: they share its turn. */
		if (k && items[fresh[k - 1].i].card != items[i].card)
			rank[deck_of(q, fresh[k - 1].i)]++;
		fresh[k].due = (int64_t)rank[d] * (int64_t)n_decks +
			       (int64_t)d;
	}
	if (n)
		qsort(fresh, n, sizeof(*fresh), cmp_cand);
}

/* splitmix64: a seeded, portable shuffle. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Shuffled with the study day as seed: the same order all day. */
static void shuffle(struct queue *q, struct queue_cand *fresh, size_t n)
{
	uint64_t state = (uint64_t)q->day.number;

	for (size_t k = n; k > 1; k--) {
		size_t j = (size_t)(next_random(&state) % k);
		struct queue_cand t = fresh[k - 1];

		fresh[k - 1] = fresh[j];
		fresh[j] = t;
	}
}

static void order_new(struct queue *q, struct queue_cand *fresh, size_t n,
		      enum new_order order)
{
	if (order == NEW_ORDER_INTERLEAVE)
		interleave(q, fresh, n);
	else if (order == NEW_ORDER_RANDOM)
		shuffle(q, fresh, n);
}

static int has_focus(const struct queue_filter *f, const struct item *it)
{
	for (size_t i = 0; f && i < f->n_focus; i++)
		if (item_has_tag(it, f->focus[i]))
			return 1;
	return 0;
}

/*
 * The candidates with a focus tag first, each part in its order (a
 * stable partition): focus orders the session, it changes nothing else.
 */
static void focus_first(struct queue *q, struct queue_cand *cand, size_t n,
			const struct queue_filter *f)
{
	struct queue_cand *rest;
	size_t k = 0, r = 0;

	if (!f || !f->n_focus || n < 2)
		return;
	rest = xmalloc(n * sizeof(*rest));
	for (size_t i = 0; i < n; i++) {
		if (has_focus(f, &q->lib->items[cand[i].i]))
			cand[k++] = cand[i];
		else
			rest[r++] = cand[i];
	}
	memcpy(cand + k, rest, r * sizeof(*rest));
	xfree(rest);
}

static int count_deck_new(void *ctx, const char *key)
{
	struct queue *q = ctx;
	const struct item *it = queue_find_item(q, key, strlen(key));

	if (it)
		q->deck_new_done[it->deck - q->lib->decks]++;
	return 0;
}

int queue_count_new_by_deck(struct queue *q, struct store *st,
			     const struct settings *s)
{
	memset(q->deck_new_done, 0, q->lib->n_decks * sizeof(long));
	if (!s->new_per_deck)
		return 0;
	return store_day_new_keys(st, q->day.start, count_deck_new, q);
}

/*
 * The rows read, from scan order into item order: each goes where the
 * count of items before it with a row says (a rank in the bits of
 * BITS_HAS), so that one pass over the items meets them in turn.
 */
static const struct queue_row *rows_in_item_order(struct queue *q)
{
	const uint64_t *has = bits_of(q, BITS_HAS);
	const struct queue_row *rows = q->rows.items;
	struct queue_row *out;
	uint32_t *rank, before = 0;

	if (!q->rows.len)
		return NULL;
	rank = xmalloc(n_words(q) * sizeof(*rank));
	for (size_t w = 0; w < n_words(q); w++) {
		rank[w] = before;
		before += (uint32_t)__builtin_popcountll(has[w]);
	}
	q->rows_by_item.len = 0;
	out = vec_push_n(&q->rows_by_item, q->rows.len);
	for (size_t k = 0; k < q->rows.len; k++) {
		size_t i = rows[k].i;
		uint64_t below = (UINT64_C(1) << (i % 64)) - 1;

		out[rank[i / 64] +
		    (size_t)__builtin_popcountll(has[i / 64] & below)] = rows[k];
	}
	xfree(rank);
	return out;
}

/* Item i, with its row r (NULL: none, a new item), into q->cand. */
static void classify(struct queue *q, size_t i, const struct queue_row *r,
		     int64_t now, int64_t ahead)
{
	enum fsrs_state state = r ? (enum fsrs_state)r->state : FSRS_NEW;

	switch (state) {
	case FSRS_LEARNING:
	case FSRS_RELEARNING:
		/* Steps go on whatever the siblings did. */
		if (r->due <= ahead) {
			add_cand(q, r->due <= now ? CAND_NOW : CAND_LATER,
				 r->due, i, state);
			bit_set(bits_of(q, BITS_USED), q->card_first[i]);
		} else if (!q->next_learning || r->due < q->next_learning) {
			q->next_learning = r->due;
		}
		break;
	case FSRS_REVIEW:
		if (r->due < q->day.end && !sibling_seen_today(q, i))
			add_cand(q, CAND_REVIEW, r->due, i, state);
		break;
	default:
		if (!sibling_seen_today(q, i))
			add_cand(q, CAND_NEW, 0, i, FSRS_NEW);
		break;
	}
}

/*
 * Sorts the items the filter passes into q->cand by what they are today:
 * learning steps due now or within learn_ahead (until ahead), reviews
 * due today, new items; leaving out hidden items and, for a review or a
 * new item, one whose sibling was reviewed today.  An item the known set
 * has in review and the scan did not read is not due today: skipped
 * without a look.
 */
static void find_candidates(struct queue *q, const struct queue_filter *f,
			    int64_t now, int64_t ahead)
{
	const uint64_t *has = bits_of(q, BITS_HAS);
	const struct queue_row *r = rows_in_item_order(q);

	for (size_t k = 0; k < N_CAND; k++)
		q->cand[k].len = 0;
	for (size_t w = 0; w < n_words(q); w++) {
		uint64_t look = ~(q->known.review[w] & ~has[w]);

		if (w == n_words(q) - 1 && q->cap % 64)
			look &= (UINT64_C(1) << (q->cap % 64)) - 1;
		for (; look; look &= look - 1) {
			size_t i = w * 64 + (size_t)__builtin_ctzll(look);
			const struct queue_row *row =
				bit_get(has, i) ? r++ : NULL;

			if ((row && row->hidden) ||
			    !queue_filter_match(f, &q->lib->items[i]))
				continue;
			classify(q, i, row, now, ahead);
		}
	}
}

/* Appends the candidates of list as entries of kind, in their order. */
static void add_all(struct queue *q, int list, enum queue_kind kind)
{
	const struct queue_cand *cand = q->cand[list].items;

	for (size_t k = 0; k < q->cand[list].len; k++)
		add_entry(q, &cand[k], kind);
}

static void sort_cand(struct vec *v)
{
	if (v->len)
		qsort(v->items, v->len, sizeof(struct queue_cand), cmp_cand);
}

/* The session from the candidates, in the order queue.h gives. */
static void make_session(struct queue *q, const struct settings *s,
			 const struct queue_filter *f)
{
	struct vec *rev = &q->cand[CAND_REVIEW], *fresh = &q->cand[CAND_NEW];
	size_t room = 0, from;

	for (size_t k = 0; k < N_CAND; k++)
		room += q->cand[k].len;
	vec_reserve(&q->entry_mem, room ? room : 1);
	q->entries = q->entry_mem.items;

	/* The learning steps due now, earliest first. */
	sort_cand(&q->cand[CAND_NOW]);
	add_all(q, CAND_NOW, QUEUE_LEARNING);
	q->n_learning = q->n;

	sort_cand(rev);
	focus_first(q, rev->items, rev->len, f);
	from = q->n;
	take(q, rev->items, rev->len, QUEUE_REVIEW,
	     s->reviews_per_day - q->reviews_done, 0);
	q->n_review = q->n - from;

	from = q->n;
	order_new(q, fresh->items, fresh->len, s->new_order);
	focus_first(q, fresh->items, fresh->len, f);
	take(q, fresh->items, fresh->len, QUEUE_NEW,
	     s->new_per_day - q->new_done, s->new_per_deck);
	q->n_new = q->n - from;

	sort_cand(&q->cand[CAND_LATER]);
	add_all(q, CAND_LATER, QUEUE_LEARNING);
	q->n_learning += q->cand[CAND_LATER].len;
}

int queue_build(struct queue *q, struct store *st, const struct settings *s,
		const struct queue_filter *f, const struct clock *c)
{
	int64_t now = clock_utc_ms(c);
	struct store_day_counts dc;
	int ret;

	q->n = q->n_learning = q->n_review = q->n_new = 0;
	q->n_orphans = q->n_read = q->n_followed = 0;
	q->read_all = 0;
	q->next_learning = 0;
	study_day_at(c, now, s->rollover_hour, &q->day);
	memset(q->bits, 0, N_BITS * n_words(q) * sizeof(*q->bits));
	q->rows.len = 0;
	/* One state of the file for every read. */
	ret = store_read_begin(st);
	if (ret == 0)
		ret = read_rows(q, st, now);
	if (ret == 0)
		ret = store_day_counts(st, q->day.start, &dc);
	if (ret == 0)
		ret = queue_count_new_by_deck(q, st, s);
	store_read_end(st);
	if (ret < 0) {
		q->n_orphans = 0;
		return ret;
	}
	q->new_done = dc.new_cards;
	q->reviews_done = dc.reviews;
	find_candidates(q, f, now, now + (int64_t)s->learn_ahead * 60000);
	make_session(q, s, f);
	return 0;
}
