#ifndef TPM_SCHED_REPLAY_H
#define TPM_SCHED_REPLAY_H

#include <stdint.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/strmap.h"
#include "sched/sched.h"

struct buf;

/*
 * The replay engine: review histories as CSV lines (card_id,review_time,
 * rating; RFC 4180 quotes inside a line; times in Unix milliseconds or
 * ISO 8601 UTC; ratings 1-4 or again/hard/good/easy) run through the
 * scheduler, one line at a time, each card's state kept by id.  It reads
 * and decides; writing the results is the caller's.
 */

#define REPLAY_MAX_LINE 65536	/* bytes; a longer line is an error */
#define REPLAY_MAX_TIME_MS INT64_C(8640000000000000)	/* JS Date's range */

/* REPLAY_BATCH reviews are run together: their fuzz hashes side by side. */
#define REPLAY_BATCH 8

/* One replayed review; id is valid until replay_release(). */
struct replay_row {
	const char *id;
	int64_t t;
	enum fsrs_rating rating;
	struct fsrs_review review;
};

struct replay_card;

struct replay {
	const struct fsrs_params *params;
	struct strmap by_id;		/* id -> struct replay_card */
	struct arena mem;		/* the ids and cards */
	int started;			/* a line other than blanks was seen */
	/* Reviews read and not yet run, and rows run and not yet taken. */
	struct replay_card *queued[REPLAY_BATCH];
	struct replay_row queue[REPLAY_BATCH], done[REPLAY_BATCH];
	size_t n_queued, n_done;
};

enum replay_result {
	REPLAY_SKIP = 0,	/* a blank line or the header */
	REPLAY_ROW = 1,		/* a review, queued */
};

void replay_init(struct replay *r, const struct fsrs_params *p);
void replay_release(struct replay *r);

/*
 * Replays one line of len bytes, NUL-terminated, as line_reader_next()
 * gives it (it is split in place).  Returns REPLAY_ROW when its review
 * is queued, REPLAY_SKIP, or TPM_EFORMAT with a one-line reason in err
 * (every input quoted with quote_add()); a bad line changes no card.
 * The reviews queued before a bad line are run first, so that their rows
 * can be written before it is reported.  Take the rows run (if any)
 * after every call.
 */
int replay_line(struct replay *r, char *line, size_t len, int too_long,
		struct buf *err);

/* Runs the reviews still queued, at the end of the input. */
void replay_finish(struct replay *r);

/*
 * The rows run since the last take, in input order: their number, and
 * *rows, valid until the next replay_line() or replay_finish().
 */
size_t replay_take(struct replay *r, const struct replay_row **rows);

/* Parses Unix milliseconds or ISO 8601 UTC within REPLAY_MAX_TIME_MS of
 * 1970: 0, TPM_EINVAL out of range, TPM_EFORMAT not a time. */
int replay_parse_time(const char *s, int64_t *ms);

#endif
