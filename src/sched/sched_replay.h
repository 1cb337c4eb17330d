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

struct replay {
	const struct fsrs_params *params;
	struct strmap by_id;		/* id -> struct fsrs_card */
	struct arena mem;		/* the ids and cards */
	int started;			/* a line other than blanks was seen */
};

/* One replayed review; id is valid until the next replay_line(). */
struct replay_row {
	const char *id;
	int64_t t;
	enum fsrs_rating rating;
	struct fsrs_review review;
};

enum replay_result {
	REPLAY_SKIP = 0,	/* a blank line or the header */
	REPLAY_ROW = 1,		/* *out holds a review */
};

void replay_init(struct replay *r, const struct fsrs_params *p);
void replay_release(struct replay *r);

/*
 * Replays one line of len bytes, NUL-terminated, as line_reader_next()
 * gives it (it is split in place).  Returns REPLAY_ROW with *out filled, REPLAY_SKIP, or
 * TPM_EFORMAT with a one-line reason in err (every input quoted with
 * quote_add()); a bad line changes no card.
 */
int replay_line(struct replay *r, char *line, size_t len, int too_long,
		struct replay_row *out, struct buf *err);

/* Parses Unix milliseconds or ISO 8601 UTC within REPLAY_MAX_TIME_MS of
 * 1970: 0, TPM_EINVAL out of range, TPM_EFORMAT not a time. */
int replay_parse_time(const char *s, int64_t *ms);

#endif
