#include "test_util.h"

#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "queue/queue.h"
#include "stats/stats.h"
#include "store/store.h"

/* 2026-11-23T09:00:00Z; with UTC and the rollover at 04:00, today's study
 * day is [04:00Z today, 04:00Z tomorrow). */
#define T0 1795424400000LL
#define HOUR 3600000LL
#define DAY 86400000LL
#define ROLL 4

struct fixture {
	struct store *st;
	struct clock_fake fake;
	struct clock clock;
};

static int setup(void **state)
{
	struct fixture *f = test_calloc(1, sizeof(*f));

	assert_int_equal(store_open(&f->st, ":memory:",
				    STORE_WRITE | STORE_CREATE), 0);
	f->fake.utc_ms = T0;
	clock_init_fake(&f->clock, &f->fake);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	store_free(f->st);
	test_free(f);
	return 0;
}

/* A review of key at t, from state before (FSRS_NEW: a new card). */
static void review(struct fixture *f, const char *key, int64_t t,
		   enum fsrs_state before)
{
	struct store_review r;

	memset(&r, 0, sizeof(r));
	r.key = key;
	r.reviewed_at = t;
	r.rating = FSRS_GOOD;
	r.duration_ms = -1;
	r.before.fsrs.state = before;
	r.after.fsrs.state = FSRS_REVIEW;
	r.after.fsrs.last_review = t;
	r.after.fsrs.due = t + 3 * DAY;
	assert_int_equal(store_tx_begin(f->st), 0);
	assert_int_equal(store_review_add(f->st, &r), 0);
	assert_int_equal(store_tx_commit(f->st), 0);
}

static long streak(struct fixture *f, int64_t now)
{
	long days = -1;

	assert_int_equal(stats_streak(f->st, &f->clock, ROLL, now, &days), 0);
	return days;
}

static void stats_streak_counts_days_in_a_row(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(streak(f, T0), 0);
	/* Yesterday only: alive until today is over. */
	review(f, "a", T0 - DAY, FSRS_NEW);
	assert_int_equal(streak(f, T0), 1);
	/* Several reviews a day count once. */
	review(f, "b", T0 - DAY + HOUR, FSRS_NEW);
	review(f, "a", T0 - 2 * DAY, FSRS_REVIEW);
	assert_int_equal(streak(f, T0), 2);
	review(f, "c", T0 - HOUR, FSRS_NEW);
	assert_int_equal(streak(f, T0), 3);
	/* A gap ends it: four days ago does not join. */
	review(f, "d", T0 - 4 * DAY, FSRS_NEW);
	assert_int_equal(streak(f, T0), 3);
	/* Two days without a review: over. */
	assert_int_equal(streak(f, T0 + 2 * DAY), 0);
}

/* Days roll over at the rollover hour, not at midnight. */
static void stats_streak_follows_the_rollover(void **state)
{
	struct fixture *f = *state;

	/* 03:00Z today belongs to yesterday's study day, and 05:00Z
	 * yesterday to the same one: one day, not two. */
	review(f, "a", T0 - 6 * HOUR, FSRS_NEW);
	review(f, "b", T0 - DAY - 4 * HOUR, FSRS_NEW);
	assert_int_equal(streak(f, T0), 1);
	/* 03:00Z yesterday is the study day before. */
	review(f, "c", T0 - DAY - 6 * HOUR, FSRS_NEW);
	assert_int_equal(streak(f, T0), 2);
}


/* The streak by brute force over the review times at[0..n) (-1: undone). */
static long streak_of(const struct clock *c, const int64_t *at, size_t n,
		      int64_t now)
{
	struct study_day day;
	long days = 0;
	int today = 1;

	study_day_at(c, now, ROLL, &day);
	for (;;) {
		int any = 0;

		for (size_t i = 0; i < n && !any; i++)
			any = at[i] >= day.start && at[i] < day.end;
		if (!any && !today)
			return days;
		days += any;
		today = 0;
		study_day_at(c, day.start - 1, ROLL, &day);
	}
}

static uint64_t lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

/*
 * In zones on the quarter hour (the quarter table) and off it (the log
 * itself), with grades taken back: the walk finds what counting finds.
 */
static void stats_streak_exact_in_any_zone_after_undo(void **state)
{
	static const int32_t zones[] = { 0, 19800, 20700, -12600, 1172 };
	struct fixture *f = *state;
	int64_t at[300], ids[300];
	struct store *keep = f->st;
	uint64_t seed = 7;
	size_t n = 0;

	/* A store of the test's own: cmocka counts what undo keeps in it. */
	assert_int_equal(store_open(&f->st, ":memory:",
				    STORE_WRITE | STORE_CREATE), 0);
	for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		f->fake.tz_offset_s = zones[z];
		for (int round = 0; round < 40; round++) {
			struct study_day day;
			struct store_review r;
			int64_t t;
			size_t k;

			/* Within 20 minutes of a day's start: where a quarter
			 * hour could fall on both sides. */
			study_day_at(&f->clock, T0 - (int64_t)(lcg(&seed) % 12) *
						       DAY, ROLL, &day);
			t = day.start + ((int64_t)(lcg(&seed) % 41) - 20) * 60000;

			memset(&r, 0, sizeof(r));
			r.key = "k";
			r.reviewed_at = t;
			r.rating = FSRS_GOOD;
			r.after.fsrs.state = FSRS_REVIEW;
			r.after.fsrs.last_review = t;
			assert_int_equal(store_tx_begin(f->st), 0);
			assert_int_equal(store_review_add(f->st, &r), 0);
			assert_int_equal(store_tx_commit(f->st), 0);
			at[n] = t;
			ids[n++] = r.id;
			/* Undo the newest grade, as the interface would. */
			k = n - 1;
			if (lcg(&seed) % 3 == 0) {
				assert_int_equal(store_review_undo(f->st,
								   ids[k],
								   NULL), 0);
				at[k] = -1;
			}
			assert_int_equal(streak(f, T0),
					 streak_of(&f->clock, at, n, T0));
		}
	}
	store_free(f->st);
	f->st = keep;
}
/* A long streak of many reviews a day is counted whole. */
static void stats_streak_of_two_years(void **state)
{
	struct fixture *f = *state;
	char key[16];

	assert_int_equal(store_tx_begin(f->st), 0);
	for (int d = 0; d < 730; d++) {
		for (int i = 0; i < 3; i++) {
			struct store_review r;

			memset(&r, 0, sizeof(r));
			snprintf(key, sizeof(key), "k%d", i);
			r.key = key;
			r.reviewed_at = T0 - (int64_t)d * DAY - i * HOUR;
			r.rating = FSRS_GOOD;
			r.after.fsrs.state = FSRS_REVIEW;
			assert_int_equal(store_review_add(f->st, &r), 0);
		}
	}
	assert_int_equal(store_tx_commit(f->st), 0);
	assert_int_equal(streak(f, T0), 730);
}

static void stats_read_and_format(void **state)
{
	struct fixture *f = *state;
	struct stats_summary s;
	struct buf out;

	review(f, "a", T0 - 2 * DAY, FSRS_NEW);
	review(f, "a", T0 - HOUR, FSRS_REVIEW);
	review(f, "b", T0 - 2 * HOUR, FSRS_NEW);
	review(f, "c", T0 - 3 * HOUR, FSRS_NEW);
	assert_int_equal(store_card_set_suspended(f->st, "c", 1), 0);
	assert_int_equal(stats_read(&s, f->st, &f->clock, ROLL, T0), 0);
	assert_int_equal(s.today_total, 3);
	assert_int_equal(s.today_new, 2);
	assert_int_equal(s.ever, 1);
	assert_int_equal(s.streak, 1);
	assert_int_equal(s.all_time, 0);
	assert_int_equal(s.by_state[FSRS_REVIEW], 0);
	assert_int_equal(stats_read_states(&s, f->st), 0);
	assert_int_equal(s.all_time, 4);
	assert_int_equal(s.by_state[FSRS_REVIEW], 3);
	assert_int_equal(s.suspended, 1);
	buf_init(&out);
	stats_format(&s, 10, &out);
	assert_string_equal(out.s,
			    "today: 3 reviews, 2 of them new cards\n"
			    "all time: 4 reviews\n"
			    "cards: 10 in the decks; 3 studied (0 learning, "
			    "3 review, 0 relearning), 1 suspended\n"
			    "streak: 1 day\n");
	buf_release(&out);
}

/* The home screen's first run is one with nothing ever reviewed. */
static void stats_read_knows_a_first_run(void **state)
{
	struct fixture *f = *state;
	struct stats_summary s;

	assert_int_equal(stats_read(&s, f->st, &f->clock, ROLL, T0), 0);
	assert_int_equal(s.ever, 0);
	assert_int_equal(s.streak, 0);
	/* A review long ago: no streak and nothing today, but not new. */
	review(f, "a", T0 - 30 * DAY, FSRS_NEW);
	assert_int_equal(stats_read(&s, f->st, &f->clock, ROLL, T0), 0);
	assert_int_equal(s.ever, 1);
	assert_int_equal(s.streak, 0);
	assert_int_equal(s.today_total, 0);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(stats_streak_counts_days_in_a_row),
		T(stats_streak_follows_the_rollover),
		T(stats_streak_of_two_years),
		T(stats_streak_exact_in_any_zone_after_undo),
		T(stats_read_and_format),
		T(stats_read_knows_a_first_run),
	};

	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
