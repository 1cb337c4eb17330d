/* Grading an item and burying it: the writes a study session makes. */
#include "queue/queue.h"

#include <string.h>

#include "core/err.h"

/* Anki's rule: at the threshold, then every half threshold after it. */
static int is_leech(int threshold, int32_t lapses)
{
	int step = threshold / 2 > 1 ? threshold / 2 : 1;

	return threshold > 0 && lapses >= threshold &&
	       (lapses - threshold) % step == 0;
}

/* The item's state to schedule from at now: a new card is due now. */
static int schedulable(struct store *st, const char *key, int64_t now,
		       struct store_card *stored, struct fsrs_card *card)
{
	int ret = store_card_get(st, key, stored);

	if (ret < 0 && ret != TPM_ENOENT)
		return ret;
	*card = stored->fsrs;
	if (card->state == FSRS_NEW)
		card->due = now;
	return 0;
}

/* 1 if a is the state b was: new cards have nothing to tell apart. */
static int same_card(const struct fsrs_card *a, const struct fsrs_card *b)
{
	if (a->state == FSRS_NEW && b->state == FSRS_NEW)
		return 1;
	return a->state == b->state && a->stability == b->stability &&
	       a->difficulty == b->difficulty && a->due == b->due &&
	       a->last_review == b->last_review &&
	       a->scheduled_days == b->scheduled_days &&
	       a->learning_step == b->learning_step && a->reps == b->reps &&
	       a->lapses == b->lapses;
}

int queue_plan(struct store *st, const struct settings *s, const char *key,
	       int64_t now, const struct queue_plan *kept,
	       struct queue_plan *out)
{
	struct store_card stored;
	struct fsrs_params p;
	struct fsrs_card card;
	int ret = schedulable(st, key, now, &stored, &card);

	if (ret < 0)
		return ret;
	if (kept && kept->valid && same_card(&card, &kept->from)) {
		*out = *kept;
		return 0;
	}
	settings_fsrs_params(s, &p);
	out->valid = 1;
	out->from = card;
	out->at = now;
	fsrs_preview(&p, &card, now, out->next);
	return 0;
}

/*
 * Computes the grade inside the open transaction, or takes it from plan
 * (may be NULL) when the state is the planned one, and saves it.
 */
static int grade_in_tx(struct store *st, const struct settings *s,
		       const struct queue_plan *plan, struct store_review *r,
		       int *leech)
{
	struct fsrs_params p;
	struct fsrs_review out;
	struct fsrs_card card;
	int ret;

	ret = schedulable(st, r->key, r->reviewed_at, &r->before, &card);
	if (ret < 0)
		return ret;
	settings_fsrs_params(s, &p);
	if (plan && plan->valid && same_card(&card, &plan->from))
		out = plan->next[r->rating - FSRS_AGAIN];
	else
		fsrs_review(&p, &card, r->rating, r->reviewed_at, &out);
	r->elapsed_days = out.elapsed_days;
	r->after = r->before;
	r->after.fsrs = out.card;
	*leech = out.card.lapses > r->before.fsrs.lapses &&
		 is_leech(s->leech_threshold, out.card.lapses);
	if (*leech) {
		r->after.leech = 1;
		if (s->leech_action == LEECH_SUSPEND)
			r->after.suspended = 1;
	}
	return store_review_add(st, r);
}

/* Grades key at now, from plan when it still holds (plan may be NULL). */
static int grade(struct store *st, const struct settings *s, const char *key,
		 const struct queue_plan *plan, enum fsrs_rating rating,
		 int64_t now, int64_t duration_ms,
		 struct queue_grade_result *out)
{
	struct queue_grade_result res;
	int ret;

	memset(&res, 0, sizeof(res));
	res.review.key = key;
	res.review.reviewed_at = now;
	res.review.rating = rating;
	res.review.duration_ms = duration_ms;
	ret = store_tx_begin(st);
	if (ret < 0)
		return ret;
	ret = grade_in_tx(st, s, plan, &res.review, &res.leech);
	if (ret < 0) {
		store_tx_rollback(st);
		return ret;
	}
	ret = store_tx_commit(st);
	if (ret == 0 && out)
		*out = res;
	return ret;
}

int queue_grade(struct store *st, const struct settings *s, const char *key,
		enum fsrs_rating rating, int64_t now, int64_t duration_ms,
		struct queue_grade_result *out)
{
	return grade(st, s, key, NULL, rating, now, duration_ms, out);
}

int queue_grade_planned(struct store *st, const struct settings *s,
			const char *key, const struct queue_plan *plan,
			enum fsrs_rating rating, int64_t now,
			int64_t duration_ms, struct queue_grade_result *out)
{
	return grade(st, s, key, plan, rating, now, duration_ms, out);
}

int queue_bury(struct store *st, const struct settings *s, const char *key,
	       const struct clock *c)
{
	struct study_day day;

	study_day_at(c, clock_utc_ms(c), s->rollover_hour, &day);
	return store_card_bury(st, key, day.end);
}
