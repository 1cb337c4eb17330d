#ifndef TPM_SCHED_SCHED_H
#define TPM_SCHED_SCHED_H

#include <stddef.h>
#include <stdint.h>

/*
 * FSRS-6, exactly as the reference implementation ts-fsrs 5.4.2 computes it
 * (src/sched/SPEC.md).  Pure functions: no I/O, no clock, no globals.
 * Times are Unix milliseconds (UTC); the caller passes "now".
 */

enum fsrs_rating {
	FSRS_AGAIN = 1,
	FSRS_HARD = 2,
	FSRS_GOOD = 3,
	FSRS_EASY = 4,
};

enum fsrs_state {
	FSRS_NEW = 0,
	FSRS_LEARNING = 1,
	FSRS_REVIEW = 2,
	FSRS_RELEARNING = 3,
};

#define FSRS_N_WEIGHTS 21
#define FSRS_MAX_INTERVAL 36500	/* days: the longest interval there is */
#define FSRS_MAX_STEPS 16

/* The memory state of one study item. */
struct fsrs_card {
	enum fsrs_state state;
	double stability;	/* days; 0 when new */
	double difficulty;	/* 1..10; 0 when new */
	int64_t due;		/* ms */
	int64_t last_review;	/* ms; 0 = never (a new card) */
	int32_t scheduled_days;
	int32_t learning_step;	/* index into the (re)learning steps */
	int32_t reps;
	int32_t lapses;
};

/*
 * The scheduler's settings.  Fill them with fsrs_params_default() and the
 * setters below; the fields may also be set directly, and then, as in the
 * reference, request_retention 0 and maximum_interval 0 mean the defaults.
 * At most FSRS_MAX_STEPS steps of each kind are used.
 */
struct fsrs_params {
	double w[FSRS_N_WEIGHTS];	/* clipped by fsrs_params_set_weights() */
	double request_retention;	/* (0, 1], default 0.9 */
	int32_t maximum_interval;	/* days >= 1, default 36500 */
	int enable_fuzz;
	int enable_short_term;
	int32_t learning_steps[FSRS_MAX_STEPS];	/* minutes */
	size_t n_learning_steps;
	int32_t relearning_steps[FSRS_MAX_STEPS];
	size_t n_relearning_steps;
	/*
	 * Private: terms of w and the retention that every review needs,
	 * worked out by the functions below so that a review does not
	 * recompute them.  A review checks the inputs they came from and
	 * recomputes them itself if the fields were changed directly.
	 */
	struct fsrs_derived {
		double w4, w5, w20, retention;	/* derived from these */
		double factor, im, d0_easy;
	} derived;
};

/* What one review did: the new card and the log facts around it. */
struct fsrs_review {
	struct fsrs_card card;		/* after the review */
	enum fsrs_state state_before;
	int32_t elapsed_days;		/* UTC calendar days since last review */
	double retrievability;		/* before the review; see has_r */
	int has_r;			/* 0 for a new card (no R) */
};

/*
 * The reference defaults: default weights, retention 0.9, maximum interval
 * 36500, short-term on, learning steps 1m 10m, relearning 10m, fuzz off.
 */
void fsrs_params_default(struct fsrs_params *p);

/*
 * Sets the weights from n values, migrating FSRS-4.5/5 sets (17 or 19
 * values) as the reference does, then clipping each to the reference's
 * bounds.  The bounds of w17, w18 and w19 depend on p's relearning steps
 * and enable_short_term, so set those first.  Returns 0, or TPM_EINVAL for
 * any other count or a value that is not finite (p is untouched).
 */
int fsrs_params_set_weights(struct fsrs_params *p, const double *w, size_t n);

/*
 * Re-applies the clipping, e.g. after the steps or short-term changed, and
 * refreshes the private terms (reviews are faster after fields were set
 * directly; they are right either way).
 */
void fsrs_params_clip(struct fsrs_params *p);

/*
 * Parses a steps list such as "1m,10m" or "1m 1h 1d" (empty for none) into
 * minutes: each step is a positive whole number of minutes (m), hours (h) or
 * days (d), at most 36500 days.  Returns the count, or TPM_EFORMAT for a
 * malformed step, TPM_EINVAL for a zero or too long one, TPM_ETOOBIG for
 * more than max steps; out is then unspecified.
 */
int fsrs_parse_steps(const char *s, int32_t *out, size_t max);

/*
 * Parses weights such as "0.212, 1.2931 ..." into w (room for
 * FSRS_N_WEIGHTS): numbers separated by a comma, spaces or both, as steps
 * are.  Sets *n to the count read and returns 0; or TPM_EFORMAT when
 * number *n + 1 is not a finite number, TPM_ETOOBIG for more than
 * FSRS_N_WEIGHTS.  The count (17, 19 or 21) is the caller's to check.
 */
int fsrs_parse_weights(const char *s, double *w, size_t *n);

/* A new card, due at now. */
void fsrs_card_new(struct fsrs_card *c, int64_t now);

/*
 * Reviews card c at time now with rating (1 to 4: anything else is a bug
 * in the caller) and writes the outcome to *out.  c, a card from
 * fsrs_card_new() or an earlier review, is not modified; out may not alias
 * c.  With p->enable_fuzz, the
 * interval is fuzzed with the reference's seed and PRNG, so the result is
 * still a pure function of the inputs.  Days elapsed are counted in UTC
 * calendar days, as the reference does.  A review before c's last review
 * (a clock set back) counts as a same-day review, and a memory state out of
 * range (the reference throws) is first clamped into range.
 */
void fsrs_review(const struct fsrs_params *p, const struct fsrs_card *c,
		 enum fsrs_rating rating, int64_t now, struct fsrs_review *out);

/*
 * The outcome of each of the four ratings at now, out[0] for Again to
 * out[3] for Easy (for "Again 10m  Hard 1d  Good 3d  Easy 9d").
 */
void fsrs_preview(const struct fsrs_params *p, const struct fsrs_card *c,
		  int64_t now, struct fsrs_review out[4]);

/*
 * Retrievability of c at now, for display: whole days since the last
 * review, as the reference's get_retrievability().  0 for a new card.
 */
double fsrs_retrievability(const struct fsrs_params *p,
			   const struct fsrs_card *c, int64_t now);

const char *fsrs_state_name(enum fsrs_state s);	/* "new", "learning"... */
const char *fsrs_rating_name(enum fsrs_rating r);	/* "again", ... */

/* Parses 1-4 or again/hard/good/easy (any case).  0 or TPM_EFORMAT. */
int fsrs_parse_rating(const char *s, enum fsrs_rating *out);

#endif
