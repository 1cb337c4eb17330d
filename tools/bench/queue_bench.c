/*
 * Queue benchmark (store/queue issue): generates a library of N cards
 * (YAML decks of 1,000 cards: basic, reverse and cloze with two deletions,
 * so that a card's items are siblings) and a progress database with M
 * review log rows over its items in a scratch directory, then measures
 *   - the bare SQLite reads of the rows a full build needs (the ordered
 *     card_state scan and today's review_log range), on a plain
 *     connection;
 *   - queue_build(): today's session over the whole library, reading
 *     every state, as a start without the known review set does;
 *   - queue_build() knowing the review set, as a start with it saved
 *     does (struct queue_known);
 * in turn, R rounds each, and prints the medians (wall and CPU time) and
 * the medians of each round's CPU time ratios to the bare reads.  Before
 * timing, the session it builds with the daily limits lifted is checked
 * against the one the bare reads imply (check_session()), and the two
 * ways' sessions against each other.
 * Goal: under 100 ms, and reading every state, at most 1.3 times the
 * bare reads.
 *
 * usage: queue_bench DIR [N_CARDS] [N_LOG] [ROUNDS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/diag.h"
#include "loader/loader.h"
#include "queue/queue.h"
#include "store/store.h"

#define CARDS_PER_DECK 1000
#define NOW 1795424400000LL	/* 2026-11-23T09:00:00Z */
#define MIN_MS 60000LL
#define DAY_MS 86400000LL

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this thread: unlike wall time, not stretched by load. */
static double cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "queue_bench: %s\n", what);
	exit(1);
}

/* A fixed generator, so every run builds the same data. */
static uint64_t rng = 88172645463325252ULL;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static void write_decks(const char *dir, int n_cards)
{
	char path[4200];

	mkdir(dir, 0755);
	for (int d = 0; d * CARDS_PER_DECK < n_cards; d++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/deck%04d.yaml", dir, d);
		f = fopen(path, "w");
		if (!f)
			die("cannot write the decks");
		fprintf(f, "deck: bench-%d\ntitle: Bench deck %d\ncards:\n", d,
			d);
		for (int i = 0; i < CARDS_PER_DECK &&
				d * CARDS_PER_DECK + i < n_cards; i++) {
			int id = d * CARDS_PER_DECK + i;

			if (i % 4 == 2)
				fprintf(f, "  - id: q%06d\n    type: cloze\n"
					"    text: A {{c1::program}} is a set "
					"of {{c2::projects}} (%d).\n", id, i);
			else
				fprintf(f, "  - id: q%06d\n%s"
					"    front: What does a write-through "
					"cache trade away (%d)?\n"
					"    back: Write latency.\n", id,
					i % 4 == 1 ? "    type: reverse\n" : "",
					i);
		}
		fclose(f);
	}
}

/*
 * A history for most items, as a user studying for about two years
 * would have: a tenth of the items still new, the rest reviewed about
 * n_log / n_intro times each, their intervals now running from a day to
 * a year (so a few hundred fall due today, some late), one in a thousand
 * lapsed earlier today and relearning, one in a hundred suspended.
 */
static void write_db(const char *path, const struct library *lib, long n_log)
{
	long n_intro = (long)lib->n_items - (long)lib->n_items / 10;
	struct store *st;
	struct store_review r;
	const char *key;
	long done = 0;

	unlink(path);
	if (store_open(&st, path, STORE_WRITE | STORE_CREATE) < 0 ||
	    store_tx_begin(st) < 0)
		die(store_errmsg(st));
	for (long c = 0; c < n_intro; c++) {
		long reps = (n_log - done) / (n_intro - c);
		int32_t ivl = 1 + (int32_t)rnd(365);
		/* Most were last seen ivl days ago or less; a few are late. */
		int64_t last = NOW - (1 + (int64_t)rnd((uint32_t)ivl + 2)) *
					     DAY_MS + rnd(DAY_MS / 4);
		int64_t t = last - (int64_t)(reps - 1) * 2 * DAY_MS;

		key = lib->items[c * 10 / 9].key;
		memset(&r, 0, sizeof(r));
		r.key = key;
		r.duration_ms = 3000 + rnd(20000);
		for (long k = 0; k < reps; k++, t += 2 * DAY_MS) {
			r.before = r.after;
			r.reviewed_at = k == reps - 1 ? last : t;
			r.rating = (enum fsrs_rating)(1 + rnd(4));
			r.after.fsrs.state = FSRS_REVIEW;
			r.after.fsrs.stability = 1.0 + rnd(300);
			r.after.fsrs.difficulty = 1.0 + rnd(9);
			r.after.fsrs.last_review = r.reviewed_at;
			r.after.fsrs.scheduled_days = ivl;
			r.after.fsrs.due = r.reviewed_at + ivl * DAY_MS;
			r.after.fsrs.reps = (int32_t)k + 1;
			if (k == reps - 1 && rnd(1000) == 0) {
				/* Seen earlier today, now in (re)learning. */
				r.reviewed_at = NOW - rnd(4 * 60) * MIN_MS;
				r.after.fsrs.last_review = r.reviewed_at;
				r.after.fsrs.state = FSRS_RELEARNING;
				r.after.fsrs.due = NOW + rnd(60) * MIN_MS;
			}
			if (store_review_add(st, &r) < 0)
				die(store_errmsg(st));
		}
		done += reps;
		if (rnd(100) == 0 && store_card_set_suspended(st, key, 1) < 0)
			die(store_errmsg(st));
	}
	if (store_tx_commit(st) < 0)
		die(store_errmsg(st));
	store_free(st);
}

/*
 * The reads queue_build() needs, on a plain SQLite connection opened as
 * the store opens its own (no mutex: one thread).
 */
struct bare {
	sqlite3 *db;
	sqlite3_stmt *scan, *day;
};

static void bare_open(struct bare *b, const char *path)
{
	if (sqlite3_open_v2(path, &b->db,
			    SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) ||
	    sqlite3_prepare_v2(b->db,
			       "SELECT card_id, state, due, last_review, "
			       "buried_until, suspended FROM card_state "
			       "ORDER BY card_id",
			       -1, &b->scan, NULL) ||
	    sqlite3_prepare_v2(b->db,
			       "SELECT state_before, count(*) FROM review_log "
			       "WHERE reviewed_at >= ?1 GROUP BY state_before",
			       -1, &b->day, NULL))
		die("cannot open the database for the bare scan");
}

/* Reads every column it needs, as the queue does; returns a checksum. */
static int64_t bare_run(struct bare *b, int64_t day_start)
{
	int64_t sum = 0;

	while (sqlite3_step(b->scan) == SQLITE_ROW) {
		const unsigned char *key = sqlite3_column_text(b->scan, 0);

		sum += sqlite3_column_bytes(b->scan, 0) + key[0];
		sum += sqlite3_column_int(b->scan, 1);
		sum += sqlite3_column_int64(b->scan, 2);
		sum += sqlite3_column_int64(b->scan, 3);
		sum += sqlite3_column_int64(b->scan, 4);
		sum += sqlite3_column_int(b->scan, 5);
	}
	sqlite3_reset(b->scan);
	sqlite3_bind_int64(b->day, 1, day_start);
	while (sqlite3_step(b->day) == SQLITE_ROW)
		sum += sqlite3_column_int64(b->day, 1);
	sqlite3_reset(b->day);
	return sum;
}

/* What the bare scan says of one item. */
struct bare_item {
	int has, state, hidden, seen_today;
	int64_t due;
};

/* 1 if another item of the card [a, b) than i was reviewed today. */
static int other_seen(const struct bare_item *v, size_t a, size_t b,
		      size_t i)
{
	for (size_t j = a; j < b; j++)
		if (j != i && v[j].seen_today)
			return 1;
	return 0;
}

/*
 * The session the bare reads imply with no daily limit, counted card by
 * card from the scan's rows (FSRS states: 1, 3 learning; 2 review): a
 * learning step due by now + learn_ahead, each; else one review due
 * before the day ends, or else one new item, of a card none of whose
 * other items was reviewed today; nothing suspended or buried.  Dies if
 * the queue built from the same database says otherwise.
 */
static void check_session(const struct library *lib, struct bare *b,
			  const struct queue *q, int64_t now, int64_t ahead)
{
	struct bare_item *v = calloc(lib->n_items, sizeof(*v));
	size_t learning = 0, review = 0, fresh = 0, a = 0;

	while (sqlite3_step(b->scan) == SQLITE_ROW) {
		const struct item *it = library_find_item(
			(struct library *)lib,
			(const char *)sqlite3_column_text(b->scan, 0));
		struct bare_item *x = it ? &v[it - lib->items] : NULL;

		if (!x)
			continue;
		x->has = 1;
		x->state = sqlite3_column_int(b->scan, 1);
		x->due = sqlite3_column_int64(b->scan, 2);
		x->seen_today = sqlite3_column_int64(b->scan, 3) >=
				q->day.start;
		x->hidden = sqlite3_column_int64(b->scan, 4) > now ||
			    sqlite3_column_int(b->scan, 5);
	}
	sqlite3_reset(b->scan);
	while (a < lib->n_items) {
		size_t e = a, i;
		int used = 0;

		while (e < lib->n_items && lib->items[e].card ==
						   lib->items[a].card)
			e++;
		for (i = a; i < e; i++)
			if (!v[i].hidden && (v[i].state == 1 || v[i].state == 3) &&
			    v[i].due <= ahead) {
				learning++;
				used = 1;
			}
		for (i = a; i < e && !used; i++)
			if (!v[i].hidden && v[i].state == 2 &&
			    v[i].due < q->day.end && !other_seen(v, a, e, i)) {
				review++;
				used = 1;
			}
		for (i = a; i < e && !used; i++)
			if (!v[i].hidden && (!v[i].has || !v[i].state) &&
			    !other_seen(v, a, e, i)) {
				fresh++;
				used = 1;
			}
		a = e;
	}
	free(v);
	printf("check: with no daily limit, %zu learning, %zu review, %zu new "
	       "by the bare reads; the queue has %zu, %zu, %zu\n", learning,
	       review, fresh, q->n_learning, q->n_review, q->n_new);
	if (learning != q->n_learning || review != q->n_review ||
	    fresh != q->n_new)
		die("the queue differs from the session the bare reads imply");
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Wall and CPU seconds of each round, and each round's CPU time ratio
 * to the bare reads of the same round. */
struct series {
	double *wall, *cpu, *ratio;
};

static void series_init(struct series *x, int rounds)
{
	x->wall = calloc((size_t)rounds, sizeof(double));
	x->cpu = calloc((size_t)rounds, sizeof(double));
	x->ratio = calloc((size_t)rounds, sizeof(double));
}

static void series_free(struct series *x)
{
	free(x->wall);
	free(x->cpu);
	free(x->ratio);
}

/*
 * queue_build() into x's round r: as a start with the known review set
 * saved runs it (known), or as one without, which reads every state.
 */
static void time_build(struct series *x, int r, struct queue *q,
		       struct store *st, const struct settings *s,
		       const struct clock *clk, int known)
{
	double t0, c0;

	/* As loaded from the file, or as without one. */
	q->known.valid = known;
	q->known.learnt = 0;
	t0 = now_s();
	c0 = cpu_s();
	if (queue_build(q, st, s, NULL, clk) < 0)
		die(store_errmsg(st));
	x->cpu[r] = cpu_s() - c0;
	x->wall[r] = now_s() - t0;
	if (known && q->known.learnt)
		die("the known review set was not used");
}

static void report(const char *what, struct series *x, int rounds)
{
	printf("%-21s %7.1f  %7.1f ms, %5.2f x the bare reads\n", what,
	       median(x->wall, rounds) * 1e3, median(x->cpu, rounds) * 1e3,
	       median(x->ratio, rounds));
}

/* The session built one way, as "kind:key" words. */
static char *session_of(struct queue *q, struct store *st,
			const struct settings *s, const struct clock *clk,
			int known)
{
	struct series x;
	struct buf b;

	series_init(&x, 1);
	time_build(&x, 0, q, st, s, clk, known);
	series_free(&x);
	buf_init(&b);
	for (size_t i = 0; i < q->n; i++)
		buf_addf(&b, "%d:%s ", (int)q->entries[i].kind,
			 q->entries[i].item->key);
	return buf_detach(&b, NULL);
}

int main(int argc, char **argv)
{
	char decks[4096], db[4096];
	const char *paths[1] = { decks };
	struct library lib;
	struct diag_list dl;
	struct clock_fake fake = { 0 };
	struct clock clk;
	struct settings s;
	struct store *st;
	struct queue q;
	struct bare b;
	int n_cards, rounds;
	long n_log;
	double t0, c0, t_load, t_gen, t_init;
	struct series bare, full, known;
	char *want, *got;
	int64_t sum = 0, rows = 0;

	if (argc < 2) {
		fprintf(stderr,
			"usage: queue_bench DIR [N_CARDS] [N_LOG] [ROUNDS]\n");
		return 2;
	}
	n_cards = argc > 2 ? atoi(argv[2]) : 100000;
	n_log = argc > 3 ? atol(argv[3]) : 1000000;
	rounds = argc > 4 ? atoi(argv[4]) : 21;
	if (n_cards < 10 || rounds < 1)
		die("want N_CARDS >= 10, ROUNDS >= 1");
	snprintf(decks, sizeof(decks), "%s/decks", argv[1]);
	snprintf(db, sizeof(db), "%s/progress.db", argv[1]);

	t0 = now_s();
	write_decks(decks, n_cards);
	t_gen = now_s() - t0;

	t0 = now_s();
	library_init(&lib);
	diag_list_init(&dl);
	if (library_load(&lib, paths, 1, NULL, &dl) < 0 || dl.errors) {
		diag_list_print(&dl, stderr, DIAG_FORMAT_TEXT, 0);
		die("the generated decks do not load");
	}
	t_load = now_s() - t0;
	if (n_log < (long)lib.n_items)
		die("want N_LOG >= the items of N_CARDS cards");
	t0 = now_s();
	write_db(db, &lib, n_log);
	t_gen += now_s() - t0;

	fake.utc_ms = NOW;
	clock_init_fake(&clk, &fake);
	settings_default(&s);
	if (store_open(&st, db, 0) < 0)
		die(store_errmsg(st));
	store_card_count(st, &rows);
	t0 = now_s();
	queue_init(&q, &lib);
	t_init = now_s() - t0;
	bare_open(&b, db);

	/* The check, with the limits lifted; it warms the caches too. */
	s.new_per_day = s.reviews_per_day = INT32_MAX / 2;
	s.new_per_deck = 0;
	if (queue_build(&q, st, &s, NULL, &clk) < 0)
		die(store_errmsg(st));
	check_session(&lib, &b, &q, NOW, NOW + (int64_t)s.learn_ahead * MIN_MS);
	settings_default(&s);
	/* The known review set changes nothing: the same session either way
	 * (it warms the caches for every side alike too). */
	want = session_of(&q, st, &s, &clk, 0);
	got = session_of(&q, st, &s, &clk, 1);
	if (strcmp(want, got))
		die("the known review set changed the session");
	free(want);
	free(got);
	bare_run(&b, q.day.start);
	series_init(&bare, rounds);
	series_init(&full, rounds);
	series_init(&known, rounds);
	for (int r = 0; r < rounds; r++) {
		t0 = now_s();
		c0 = cpu_s();
		sum += bare_run(&b, q.day.start);
		bare.cpu[r] = cpu_s() - c0;
		bare.wall[r] = now_s() - t0;
		bare.ratio[r] = 1;
		/* Each pair's CPU time ratio: they ran back to back, and time
		 * spent waiting for a busy machine's cores is not theirs. */
		time_build(&full, r, &q, st, &s, &clk, 0);
		full.ratio[r] = full.cpu[r] / bare.cpu[r];
		time_build(&known, r, &q, st, &s, &clk, 1);
		known.ratio[r] = known.cpu[r] / bare.cpu[r];
	}

	printf("data: %d cards (%zu study items, %lld with a state), %ld log "
	       "rows; generated in %.1f s\n", n_cards, lib.n_items,
	       (long long)rows, n_log, t_gen);
	printf("library_load:         %7.1f ms (once per run)\n",
	       t_load * 1e3);
	printf("queue_init:           %7.1f ms (once per library)\n",
	       t_init * 1e3);
	printf("medians of %d rounds:  wall      CPU\n", rounds);
	report("bare SQLite reads:", &bare, rounds);
	report("queue_build, all:", &full, rounds);
	report("queue_build, known:", &known, rounds);
	printf("goals: under 100 ms; reading all, at most 1.3 x the bare "
	       "reads\n");
	printf("session: %zu learning, %zu review, %zu new; %zu orphans; %zu "
	       "states read knowing the review set (checksum %lld)\n",
	       q.n_learning, q.n_review, q.n_new, q.n_orphans, q.n_read,
	       (long long)(sum & 0xffff));
	series_free(&bare);
	series_free(&full);
	series_free(&known);
	sqlite3_finalize(b.scan);
	sqlite3_finalize(b.day);
	sqlite3_close(b.db);
	queue_release(&q);
	store_free(st);
	library_release(&lib);
	diag_list_release(&dl);
	return 0;
}
