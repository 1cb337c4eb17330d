/*
 * sched_bench: the workload of the reference's oracle/bench.mjs in C, so the
 * two throughputs compare like for like.  1000 cards, default parameters;
 * review i goes to card i % 1000 at its due time (+0..3 days late for Review
 * cards) with a rating drawn in advance by the same LCG (Again 10%, Hard
 * 15%, Good 60%, Easy 15%); a card is reset to New after 40 reviews.  The
 * workload of N reviews is run from fresh cards again and again until
 * --seconds have passed, so a round is long enough to time; only the
 * review loop is timed.  The checksum (the sum of all scheduled days of
 * one pass) must equal the reference's: it is the same computation, fuzz
 * included.
 *
 * Usage: sched_bench [--fuzz] [--repeat] [--seconds S] [N=100000]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* One pass over the workload from new cards; returns its checksum. */
static int64_t pass(const struct fsrs_params *p, int preview, long n,
		    const unsigned char *ratings, const unsigned char *late)
{
	static struct fsrs_card cards[CARDS];
	static int64_t nows[CARDS];
	int64_t checksum = 0;

	for (int c = 0; c < CARDS; c++) {
		fsrs_card_new(&cards[c], T0);
		nows[c] = T0;
	}
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
			fsrs_preview(p, card, now, all);
			out = all[ratings[i] - 1];
		} else {
			fsrs_review(p, card, ratings[i], now, &out);
		}
		*card = out.card;
		checksum += out.card.scheduled_days;
		nows[c] = now;
	}
	return checksum;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: sched_bench [--fuzz] [--repeat] [--seconds S] [N]\n");
	return 2;
}

int main(int argc, char **argv)
{
	long n = 100000, passes = 0;
	int fuzz = 0, preview = 0;
	double min_sec = 1, start, sec;
	unsigned char *ratings, *late;
	struct fsrs_params p;
	int64_t checksum;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--fuzz"))
			fuzz = 1;
		else if (!strcmp(argv[i], "--repeat"))
			preview = 1;
		else if (!strcmp(argv[i], "--seconds") && i + 1 < argc)
			min_sec = atof(argv[++i]);
		else if ((n = atol(argv[i])) <= 0)
			return usage();
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
	fsrs_params_default(&p);
	p.enable_fuzz = fuzz;
	start = seconds();
	do {
		checksum = pass(&p, preview, n, ratings, late);
		passes++;
	} while ((sec = seconds() - start) < min_sec);
	printf("C %s fuzz %s: N=%ld passes=%ld time=%.3fs reviews/s=%.0f "
	       "checksum=%lld\n", preview ? "repeat()" : "next()",
	       fuzz ? "on" : "off", n, passes, sec, n * passes / sec,
	       (long long)checksum);
	free(ratings);
	free(late);
	return 0;
}
