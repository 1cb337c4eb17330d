#ifndef TPM_QUEUE_QUEUE_H
#define TPM_QUEUE_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "core/clock.h"
#include "core/keysort.h"
#include "core/vec.h"
#include "loader/loader.h"
#include "queue/queue_settings.h"
#include "sched/sched.h"
#include "store/store.h"

/*
 * Today's study session: which study items to show now, in order, given
 * the library, the stored states, the settings and the clock.  Pure logic
 * over the store's data: no SQL here, no wall clock (the caller's struct
 * clock gives now and the local time zone).
 *
 * What the queue shows, in this order:
 *   1. (re)learning items whose step is due now, earliest first;
 *   (with a focus in the filter, its items first within 2. and 3.)
 *   2. review items due before the next rollover, most overdue first, up
 *      to reviews_per_day minus the reviews already done today;
 *   3. new items in the order of new_order (by default a card from each
 *      deck in turn, each deck in its own order), up to new_per_day minus
 *      the new items already started today, and from one deck up to
 *      new_per_deck (when set) minus those of it started today;
 *   4. (re)learning items due within learn_ahead minutes, so that a
 *      session does not stop for a step a few minutes away.
 * Suspended items, items buried until later, and the siblings of an item
 * reviewed today (the reverse or the other cloze deletions of one card)
 * are left out; at most one new or review item per card is shown a day.
 * States whose item is no longer in the library keep their history but
 * are not shown (n_orphans counts them).
 */

/* The study day that contains now: [start, end) in UTC ms. */
struct study_day {
	int64_t start;
	int64_t end;
	int64_t number;		/* local date of the day, days since 1970 */
};

/*
 * The study day rolls over at hour (0-23) local time, with the local
 * offset from c at the instants concerned (so a DST change is honoured).
 */
void study_day_at(const struct clock *c, int64_t now, int hour,
		  struct study_day *out);

enum queue_kind {
	QUEUE_LEARNING,		/* (re)learning, step due */
	QUEUE_REVIEW,
	QUEUE_NEW,
};

struct queue_entry {
	const struct item *item;	/* borrowed from the library */
	enum queue_kind kind;
	enum fsrs_state state;
	int64_t due;			/* ms; 0 for a new item */
};

/* Which items to study: none given means all. */
struct queue_filter {
	const char *const *decks;	/* deck ids */
	size_t n_decks;
	const char *const *tags;	/* an item with any of them */
	size_t n_tags;
	/*
	 * Order only (drill --focus): items with any of these tags come
	 * first among the reviews, and among the new items, within the
	 * daily limits; nothing else changes.
	 */
	const char *const *focus;
	size_t n_focus;
};

/*
 * What a full scan of card_state found that holds until the store's
 * review stamp changes (store_review_stamp()): which items have a row in
 * the review state, and how many rows belong to no item.  Knowing it,
 * queue_build() reads only the other rows and the review rows due or
 * reviewed today (store_card_scan_open()): on a large library, a few
 * thousand rows rather than every one.  When the stamp has moved, the
 * review journal's keys changed since (store_review_changes()) bring it
 * up to date, so a grade costs no full scan.  queue_known_load() and
 * queue_known_save() keep it between starts.
 */
struct queue_known {
	int valid;
	int learnt;		/* since loaded or saved: worth saving */
	uint64_t stamp;
	int64_t seq;		/* the journal's change at that stamp */
	uint64_t *review;	/* a bit per library item, in lib->items order */
	size_t n_orphans;
};

#define QUEUE_N_CAND 4		/* queue_build()'s candidate lists */

struct queue {
	/* The session from the last queue_build(), in study order. */
	struct queue_entry *entries;
	size_t n;
	size_t n_learning, n_review, n_new;
	struct study_day day;
	int64_t new_done;		/* new items started today */
	long *deck_new_done;		/* of them, per library deck (counted
					 * only when new_per_deck is set) */
	int64_t reviews_done;		/* review items graded today */
	/* The first learning step after the learn-ahead window; 0 none. */
	int64_t next_learning;
	size_t n_orphans;		/* states of items not in the library */
	size_t n_read;			/* card_state rows the build read */
	int read_all;			/* it read every row */
	size_t n_followed;		/* journal changes it followed */
	struct queue_known known;

	/* Private: the library's items sorted by key (library_order()). */
	const struct library *lib;
	struct key_table keys;		/* the items' keys */
	const struct key_ref *by_key;	/* i: into lib->items */
	const uint32_t *card_first;	/* first item index of each card */
	/* What the build read: the card_state rows of items (struct
	 * queue_row), in scan order and in item order, and three bits
	 * per item (queue.c). */
	struct vec rows, rows_by_item;
	uint64_t *bits;
	/* queue_build()'s candidates (struct queue_cand): learning steps
	 * due now, reviews, new items, steps within learn_ahead; and the
	 * entries' room.  They grow to what a build needs: most of a big
	 * library is none of them on a given day. */
	struct vec cand[QUEUE_N_CAND];
	struct vec entry_mem;
	long *deck_scratch;		/* per deck, for queue_build() */
	size_t cap;
};

/*
 * Counts into q->deck_new_done the new items of each deck started today
 * (q->day, from the last queue_build()), when s->new_per_deck is set.
 * Returns 0 or a store error.
 */
int queue_count_new_by_deck(struct queue *q, struct store *st,
		      const struct settings *s);

/*
 * Prepares q for lib, which must outlive it and not change: the items in
 * key order (library_order()) let each queue_build() join them with the
 * stored states in one ordered pass.
 */
void queue_init(struct queue *q, const struct library *lib);
void queue_release(struct queue *q);

/*
 * Builds today's session at clock_utc_ms(c) into q (replacing the last
 * one).  f may be NULL.  Reads only card_state (all of it, or with
 * q->known holding, the rows it leaves open) and today's range of the
 * review log's time index, in one read transaction.  Returns 0 or a
 * store error (see store_errmsg()); q is then empty.
 */
int queue_build(struct queue *q, struct store *st, const struct settings *s,
		const struct queue_filter *f, const struct clock *c);

/*
 * The known set (struct queue_known) in the file at path, kept between
 * starts: queue_known_load() takes it when it is q's library's and
 * whole (0), and otherwise leaves q as it was (-1: the first build scans
 * every row).  queue_known_save() writes it when the last full scan
 * learnt it (0 when there is nothing to write or path is NULL; -1 with
 * errno when it could not be written).  Both are best effort: the file is
 * a cache, and a queue is the same with it or without.
 */
int queue_known_load(struct queue *q, const char *path);
int queue_known_save(struct queue *q, const char *path);

/* The file's bytes, for tests: encode into out; decode as load. */
void queue_known_encode(const struct queue *q, struct buf *out);
int queue_known_decode(struct queue *q, const void *data, size_t len);

/*
 * The item of q's library with key key[0..len) (not NUL-terminated), or
 * NULL: a binary search of the items in key order.
 */
const struct item *queue_find_item(const struct queue *q, const char *key,
				   size_t len);

/* 1 if item passes f (decks and tags). */
int queue_filter_match(const struct queue_filter *f, const struct item *item);

/* What a drill would hold today, by kind. */
struct queue_count {
	long n_new, n_learning, n_review;
};

/*
 * Today's counts per deck and per tag, with one meaning wherever they are
 * shown (the home screen, `tpmtrain due`): a deck's row is what a drill of
 * that deck alone would hold now, its session with the daily limits
 * applied to it alone; a tag's row likewise; total is what a drill of
 * everything in the filter would hold.  So when a limit bites the rows add
 * up to more than the total: with 20 new cards left for today, every deck
 * with new cards shows 20 new, and so does the total.  With new_per_deck,
 * each deck's new cards count up to what it leaves of that deck, and the
 * total's and a tag's are the sums of their decks' so capped.
 */
struct queue_counts {
	struct queue_count total;
	struct queue_count *decks;	/* one per library deck, in order */
	const char *const *tags;	/* every tag on a deck or card, sorted,
					 * once each; borrowed from the library */
	struct queue_count *by_tag;	/* one per tags[] */
	size_t n_decks, n_tags;
	const struct deck *deck_base;	/* private: the library's decks */
};

void queue_counts_init(struct queue_counts *qc);
void queue_counts_release(struct queue_counts *qc);

/*
 * Fills qc (replacing what it held) for q's library at clock_utc_ms(c),
 * counting only items that pass f (NULL: all): one queue_build() without
 * the daily limits, each count then capped at what the limits of s leave
 * today, rather than a build per row.  q then holds that unlimited
 * session (its new items in library order, whatever new_order says),
 * with today's figures (day, new_done, reviews_done, next_learning) as
 * queue_build() sets them.  Returns 0, or a store error
 * (store_errmsg()) with every count 0.
 */
int queue_counts(struct queue_counts *qc, struct queue *q, struct store *st,
		 const struct settings *s, const struct queue_filter *f,
		 const struct clock *c);

/* What queue_grade() did. */
struct queue_grade_result {
	struct store_review review;	/* the saved log row and states */
	int leech;			/* the grade made the item a leech */
};

/*
 * Grades item key at now with rating, with the scheduler parameters and
 * leech rule of s, and saves the log row and the new state in one
 * transaction: when this returns 0 the grade is on disk.  duration_ms is
 * the time taken to answer, -1 if unknown.  A lapse that reaches the
 * leech threshold, and every half threshold after, marks the item a leech
 * and (leech_action suspend) suspends it, as Anki does.  Errors are the
 * store's; nothing is saved then.
 */
int queue_grade(struct store *st, const struct settings *s, const char *key,
		enum fsrs_rating rating, int64_t now, int64_t duration_ms,
		struct queue_grade_result *out);

/*
 * What each grade would do to an item, worked out once when its answer is
 * shown (as Anki does): the intervals on the grade keys are then the ones
 * saved, whenever the key is pressed, though the fuzz depends on the time.
 */
struct queue_plan {
	int valid;			/* 0: no plan */
	struct fsrs_card from;		/* the stored state planned from */
	int64_t at;			/* when */
	struct fsrs_review next[4];	/* Again..Easy */
};

/*
 * Plans key's four grades at now with the scheduler parameters of s into
 * *out; or, when kept (may be NULL) is a plan for key from the state key
 * still has (one shown before an undo), copies it, so that the same
 * intervals show again.  Returns 0, or a store error with *out untouched.
 */
int queue_plan(struct store *st, const struct settings *s, const char *key,
	       int64_t now, const struct queue_plan *kept,
	       struct queue_plan *out);

/*
 * As queue_grade(), saving plan's outcome for rating when plan is valid
 * and key's stored state is still the one it was planned from (graded
 * elsewhere since, the grade is worked out again at now).  The log keeps
 * now.
 */
int queue_grade_planned(struct store *st, const struct settings *s,
			const char *key, const struct queue_plan *plan,
			enum fsrs_rating rating, int64_t now,
			int64_t duration_ms, struct queue_grade_result *out);

/* Hides key until the next rollover ("bury until tomorrow"). */
int queue_bury(struct store *st, const struct settings *s, const char *key,
	       const struct clock *c);

#endif
