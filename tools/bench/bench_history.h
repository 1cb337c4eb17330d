/*
 * A long review history for the benchmarks (home_bench, startup_bench):
 * write_db() fills a progress database as two years of daily study would.
 * Included by each benchmark; die() is the includer's.
 */
#ifndef TPM_BENCH_HISTORY_H
#define TPM_BENCH_HISTORY_H

#include <string.h>
#include <unistd.h>

#include "loader/loader.h"
#include "store/store.h"

static void die(const char *what);

#define NOW 1795424400000LL	/* 2026-11-23T09:00:00Z */
#define MIN_MS 60000LL
#define DAY_MS 86400000LL

/*
 * per_day reviews on each of the last days days (today's before NOW, at
 * 06:00 UTC on), going round the library's items: a streak of days days.
 * Each item is scheduled for the day before its turn comes round again,
 * so that about per_day reviews are due today, as in a steady state.
 */
static void write_db(const char *path, const struct library *lib, int days,
		     int per_day)
{
	int64_t ivl = ((int64_t)lib->n_items + per_day - 1) / per_day - 1;
	struct store_review r;
	struct store *st;
	size_t next = 0;

	unlink(path);
	if (store_open(&st, path, STORE_WRITE | STORE_CREATE) < 0 ||
	    store_tx_begin(st) < 0)
		die(store_errmsg(st));
	for (int d = days - 1; d >= 0; d--) {
		int64_t day = NOW - NOW % DAY_MS - (int64_t)d * DAY_MS;

		for (int i = 0; i < per_day; i++) {
			memset(&r, 0, sizeof(r));
			r.key = lib->items[next++ % lib->n_items].key;
			r.reviewed_at = day + 6 * 60 * MIN_MS +
					(int64_t)i * 10 * 1000;
			r.rating = FSRS_GOOD;
			r.duration_ms = 4000;
			r.after.fsrs.state = FSRS_REVIEW;
			r.after.fsrs.stability = (double)ivl;
			r.after.fsrs.difficulty = 5;
			r.after.fsrs.last_review = r.reviewed_at;
			r.after.fsrs.scheduled_days = (int32_t)ivl;
			r.after.fsrs.due = r.reviewed_at + ivl * DAY_MS;
			r.after.fsrs.reps = 1;
			if (store_review_add(st, &r) < 0)
				die(store_errmsg(st));
		}
	}
	if (store_tx_commit(st) < 0)
		die(store_errmsg(st));
	store_free(st);
}

#endif
