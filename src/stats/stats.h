#ifndef TPM_STATS_STATS_H
#define TPM_STATS_STATS_H

/*
 * Study statistics from the store: the streak of study days, today's and
 * all-time review counts, the studied items by state, and the summary the
 * statistics page shows.  Uses the store and the queue's study days; no
 * terminal, no wall clock (the caller gives the clock and now).
 */

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/clock.h"
#include "store/store.h"

/*
 * The days in a row with at least one review, ending with the study day
 * of now, or with the day before when today has none yet (the streak is
 * alive until the day is over).  Days are study days: they roll over at
 * rollover_hour local time in c's time zone.  One pass back over the
 * days, one seek each in a small table (store_reviewed_between()), so a
 * two-year streak costs 730 seeks in a few cached pages, whatever the
 * reviews a day.
 * Returns 0 with *days set, or a store error (store_errmsg()), *days then
 * untouched.
 */
int stats_streak(struct store *st, const struct clock *c, int rollover_hour,
		 int64_t now, long *days);

struct stats_summary {
	/* stats_read(): */
	int64_t today_total;	/* reviews today */
	int64_t today_new;	/* of them, of items that were new */
	int ever;		/* 1 if any review is stored: not a first run */
	long streak;		/* stats_streak() */
	/* stats_read_states() adds: */
	int64_t all_time;	/* reviews ever */
	long by_state[4];	/* stored items by enum fsrs_state */
	long suspended;
};

/*
 * Reads today's counts (the study day of now), whether anything was ever
 * reviewed and the streak into out, zeroing the rest: what the home screen
 * shows, in a few index seeks a day of the streak.  Returns 0, or a store error with *out
 * untouched.
 */
int stats_read(struct stats_summary *out, struct store *st,
	       const struct clock *c, int rollover_hour, int64_t now);

/*
 * Adds the all-time count, the stored items by state and the suspended
 * count to out: one scan of every item's state and a count of the log.  Returns 0, or a store error with *out
 * untouched.
 */
int stats_read_states(struct stats_summary *out, struct store *st);

/*
 * Appends to out the statistics page's text for s, a line per figure,
 * with n_items the study items in the library ("cards: 120 in the decks;
 * ...").
 */
void stats_format(const struct stats_summary *s, size_t n_items,
		  struct buf *out);

#endif
