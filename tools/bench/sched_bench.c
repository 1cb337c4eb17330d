/*
 * sched_bench: the workload of the reference's oracle/bench.mjs in C, so the
 * two throughputs compare like for like.  1000 cards, default parameters,
 * fuzz off; review i goes to card i % 1000 at its due time (+0..3 days late
 * for Review cards) with a rating drawn in advance by the same LCG (Again
 * 10%, Hard 15%, Good 60%, Easy 15%); a card is reset to New after 40
 * reviews.  Only the review loop is timed.  The checksum (the sum of all
 * scheduled days) must equal the reference's: it is the same computation.
 *
 * Usage: sched_bench [N=1000000]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sched/sched.h"

#define CARDS 1000
#define DAY INT64_C(86400000)
#define T0 INT64_C(1735689600000)	/* Date.UTC(2025, 0, 1) */

static uint32_t lcg = 12345;

/* rnd() of bench.mjs: Math.imul(seed, 1103515245) + 12345, as uint32. */
static double rnd(void)
{
	lcg = lcg * 1103515245u + 12345u;
	return lcg / 4294967296.0;
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One pass over the workload; preview selects repeat() instead of next(). */
static void run(const char *label, int preview, long n,
		const unsigned char *ratings, const unsigned char *late)
{
	static struct fsrs_card cards[CARDS];
	static int64_t nows[CARDS];
	struct fsrs_params p;
	int64_t checksum = 0;
	double start, sec;

	fsrs_params_default(&p);
	for (int c = 0; c < CARDS; c++) {
		fsrs_card_new(&cards[c], T0);
		nows[c] = T0;
	}
	start = seconds();
	for (long i = 0; i < n; i++) {
		int c = (int)(i % CARDS);
		struct fsrs_card *card = &cards[c];
		struct fsrs_review out, all[4];
		int64_t now, due;

		if (card->reps >= 40)
			fsrs_card_new(card, nows[c]);
		due = card->due;
		now = card->state == FSRS_REVIEW ? due + late[i] * DAY : due;
		if (now < nows[c])
			now = nows[c];
		if (preview) {
			fsrs_preview(&p, card, now, all);
			out = all[ratings[i] - 1];
		} else {
			fsrs_review(&p, card, ratings[i], now, &out);
		}
		*card = out.card;
		checksum += out.card.scheduled_days;
		nows[c] = now;
	}
	sec = seconds() - start;
	printf("%s: N=%ld time=%.3fs reviews/s=%.0f checksum=%lld\n", label, n,
	       sec, n / sec, (long long)checksum);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	unsigned char *ratings, *late;

	if (n <= 0) {
		fprintf(stderr, "usage: sched_bench [N]\n");
		return 2;
	}
	ratings = malloc((size_t)n);
	late = malloc((size_t)n);
	if (!ratings || !late) {
		fprintf(stderr, "sched_bench: out of memory\n");
		return 1;
	}
	for (long i = 0; i < n; i++) {
		double u = rnd();

		ratings[i] = u < 0.1 ? 1 : u < 0.25 ? 2 : u < 0.85 ? 3 : 4;
		late[i] = (unsigned char)(rnd() * 4);
	}
	printf("tpmtrain sched (C), FSRS-6 as ts-fsrs 5.4.2\n");
	run("next()  (one grade)", 0, n, ratings, late);
	run("repeat()(all 4 grades, pick one)", 1, n, ratings, late);
	free(ratings);
	free(late);
	return 0;
}
