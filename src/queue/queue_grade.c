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

/* Computes the grade inside the open transaction and saves it. */
static int grade_in_tx(struct store *st, const struct settings *s,
		       struct store_review *r, int *leech)
{
	struct fsrs_params p;
	struct fsrs_review out;
	struct fsrs_card card;
	int ret;

	ret = store_card_get(st, r->key, &r->before);
	if (ret < 0 && ret != TPM_ENOENT)
		return ret;
	card = r->before.fsrs;
	if (card.state == FSRS_NEW)
		card.due = r->reviewed_at;	/* a new card is due now */
	settings_fsrs_params(s, &p);
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

int queue_grade(struct store *st, const struct settings *s, const char *key,
		enum fsrs_rating rating, int64_t now, int64_t duration_ms,
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
	ret = grade_in_tx(st, s, &res.review, &res.leech);
	if (ret < 0) {
		store_tx_rollback(st);
		return ret;
	}
	ret = store_tx_commit(st);
	if (ret == 0 && out)
		*out = res;
	return ret;
}

int queue_bury(struct store *st, const struct settings *s, const char *key,
	       const struct clock *c)
{
	struct study_day day;

	study_day_at(c, clock_utc_ms(c), s->rollover_hour, &day);
	return store_card_bury(st, key, day.end);
}
