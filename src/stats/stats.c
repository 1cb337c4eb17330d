/*
 * The streak walks back from today over the study days, one seek each
 * (store_reviewed_between()) until a day without a review.
 */
#include "stats/stats.h"

#include <stdint.h>
#include <string.h>

#include "core/err.h"
#include "queue/queue.h"

int stats_streak(struct store *st, const struct clock *c, int rollover_hour,
		 int64_t now, long *days)
{
	struct study_day day;
	long n = 0;
	int any = 0, ret;

	study_day_at(c, now, rollover_hour, &day);
	ret = store_reviewed_between(st, day.start, day.end, &any);
	/* No review today yet: the streak may end yesterday. */
	for (int today = 1; ret == 0 && (any || today); today = 0) {
		n += any;
		study_day_at(c, day.start - 1, rollover_hour, &day);
		ret = store_reviewed_between(st, day.start, day.end, &any);
	}
	if (ret == 0)
		*days = n;
	return ret;
}

int stats_read(struct stats_summary *out, struct store *st,
	       const struct clock *c, int rollover_hour, int64_t now)
{
	struct stats_summary s;
	struct store_day_counts day;
	struct study_day today;
	int ever = 0, ret;

	memset(&s, 0, sizeof(s));
	study_day_at(c, now, rollover_hour, &today);
	ret = store_day_counts(st, today.start, &day);
	if (ret == 0)
		ret = store_reviewed_between(st, INT64_MIN, INT64_MAX, &ever);
	s.ever = ever;
	if (ret == 0)
		ret = stats_streak(st, c, rollover_hour, now, &s.streak);
	if (ret < 0)
		return ret;
	s.today_total = day.total;
	s.today_new = day.new_cards;
	*out = s;
	return 0;
}

static int count_state(void *ctx, const struct store_scan_row *row)
{
	struct stats_summary *s = ctx;

	if ((unsigned)row->state < 4)
		s->by_state[row->state]++;
	s->suspended += row->suspended != 0;
	return 0;
}

int stats_read_states(struct stats_summary *out, struct store *st)
{
	struct stats_summary s = *out;
	int ret;

	memset(s.by_state, 0, sizeof(s.by_state));
	s.suspended = 0;
	ret = store_review_count(st, NULL, &s.all_time);
	if (ret == 0)
		ret = store_card_scan(st, count_state, &s);
	if (ret == 0)
		*out = s;
	return ret;
}

void stats_format(const struct stats_summary *s, size_t n_items,
		  struct buf *out)
{
	long studied = s->by_state[FSRS_LEARNING] + s->by_state[FSRS_REVIEW] +
		       s->by_state[FSRS_RELEARNING];

	buf_addf(out,
		 "today: %lld reviews, %lld of them new cards\n"
		 "all time: %lld reviews\n"
		 "cards: %zu in the decks; %ld studied (%ld learning, "
		 "%ld review, %ld relearning), %ld suspended\n"
		 "streak: %ld day%s\n",
		 (long long)s->today_total, (long long)s->today_new,
		 (long long)s->all_time, n_items, studied,
		 s->by_state[FSRS_LEARNING], s->by_state[FSRS_REVIEW],
		 s->by_state[FSRS_RELEARNING], s->suspended, s->streak,
		 s->streak == 1 ? "" : "s");
}
