/*
 * Home screen benchmark (issue 8, item 2): the time from an opened library
 * and database to the first drawn home screen (app_init() and app_draw()
 * through the app's terminal seam, as `tpmtrain` does after loading), on a
 * two-year streak of D days at R reviews a day over the library in LIBDIR,
 * paired in each round with the bare SQLite scan of the same log rows
 * (every reviewed_at, newest first, on a plain connection), and the
 * return to it (app_home_refresh() and app_draw(), as on leaving a drill):
 * with nothing graded, after a lapse (a card leaves the review set: the
 * queue follows the review journal), and after a lapse with the queue's
 * known set dropped (every card state is read, as before the journal).
 * The library's order (library_order()) is built once after the load, as
 * the load path does, and timed apart.  Prints the medians of the rounds
 * and the streak the screen shows.  Goal: under 50 ms.
 *
 * usage: home_bench LIBDIR DB [DAYS] [PER_DAY] [ROUNDS]
 *        (LIBDIR from loader_bench; DB is written)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>

#include "core/clock.h"
#include "core/diag.h"
#include "loader/loader.h"
#include "queue/queue.h"
#include "queue/queue_settings.h"
#include "store/store.h"
#include "ui/ui_app.h"

#include "bench_history.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "home_bench: %s\n", what);
	exit(1);
}

static void fake_size(void *ctx, int *rows, int *cols)
{
	(void)ctx;
	*rows = 24;
	*cols = 80;
}

static void fake_draw(void *ctx, const struct ui_view *v)
{
	*(size_t *)ctx += ui_text_n_lines(&v->text);
}

/* The bare scan: every log row's time, newest first; a checksum. */
static int64_t bare_run(sqlite3_stmt *scan)
{
	int64_t sum = 0;

	while (sqlite3_step(scan) == SQLITE_ROW)
		sum += sqlite3_column_int64(scan, 0);
	sqlite3_reset(scan);
	return sum;
}

/* A lapse of a card in review: it leaves the review set. */
static void lapse(struct store *st, const struct settings *s,
		  const struct library *lib, int k)
{
	const char *key = lib->items[(size_t)k * 101 % lib->n_items].key;

	if (queue_grade(st, s, key, FSRS_AGAIN, NOW, -1, NULL) < 0)
		die(store_errmsg(st));
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

int main(int argc, char **argv)
{
	const char *paths[1];
	struct library lib;
	struct diag_list dl;
	struct clock_fake fake = { 0 };
	struct clock clk;
	struct settings s;
	struct store *st;
	struct ui_env env;
	struct app a;
	size_t lines = 0;
	struct app_term term = { fake_size, fake_draw, &lines, NULL };
	sqlite3 *db;
	sqlite3_stmt *scan;
	int days, per_day, rounds;
	long streak = 0;
	double t0, t_load, t_order, t_gen, *th, *tb, *tr, *tj, *tf;
	int64_t sum = 0, n_log = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: home_bench LIBDIR DB [DAYS] [PER_DAY] "
			"[ROUNDS]\n");
		return 2;
	}
	days = argc > 3 ? atoi(argv[3]) : 730;
	per_day = argc > 4 ? atoi(argv[4]) : 300;
	rounds = argc > 5 ? atoi(argv[5]) : 11;
	if (days < 1 || per_day < 1 || rounds < 1)
		die("want DAYS, PER_DAY and ROUNDS >= 1");

	paths[0] = argv[1];
	t0 = now_s();
	library_init(&lib);
	diag_list_init(&dl);
	if (library_load(&lib, paths, 1, NULL, &dl) < 0 || dl.errors ||
	    !lib.n_items) {
		diag_list_print(&dl, stderr, DIAG_FORMAT_TEXT, 0);
		die("the library does not load");
	}
	t_load = now_s() - t0;
	t0 = now_s();
	library_order(&lib);
	t_order = now_s() - t0;
	t0 = now_s();
	write_db(argv[2], &lib, days, per_day);
	t_gen = now_s() - t0;

	fake.utc_ms = NOW;
	clock_init_fake(&clk, &fake);
	settings_default(&s);
	if (store_open(&st, argv[2], STORE_WRITE) < 0)
		die(store_errmsg(st));
	store_review_count(st, NULL, &n_log);
	if (sqlite3_open_v2(argv[2], &db,
			    SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) ||
	    sqlite3_prepare_v2(db, "SELECT reviewed_at FROM review_log "
			       "ORDER BY reviewed_at DESC", -1, &scan, NULL))
		die("cannot open the database for the bare scan");
	env = (struct ui_env){ .lib = &lib, .st = st, .settings = &s,
			       .clock = &clk };

	th = calloc((size_t)rounds, sizeof(*th));
	tb = calloc((size_t)rounds, sizeof(*tb));
	tr = calloc((size_t)rounds, sizeof(*tr));
	tj = calloc((size_t)rounds, sizeof(*tj));
	tf = calloc((size_t)rounds, sizeof(*tf));
	/* Warm SQLite's and the system's caches for both sides alike. */
	bare_run(scan);
	for (int r = 0; r < rounds; r++) {
		t0 = now_s();
		sum += bare_run(scan);
		tb[r] = now_s() - t0;
		t0 = now_s();
		if (app_init(&a, &env, &term) < 0)
			die(store_errmsg(st));
		app_draw(&a);
		th[r] = now_s() - t0;
		t0 = now_s();
		if (app_home_refresh(&a) < 0)
			die(store_errmsg(st));
		app_draw(&a);
		tr[r] = now_s() - t0;
		lapse(st, &s, &lib, 2 * r);
		t0 = now_s();
		if (app_home_refresh(&a) < 0 || a.queue.read_all)
			die("the journal was not followed");
		app_draw(&a);
		tj[r] = now_s() - t0;
		lapse(st, &s, &lib, 2 * r + 1);
		a.queue.known.valid = 0;
		t0 = now_s();
		if (app_home_refresh(&a) < 0)
			die(store_errmsg(st));
		app_draw(&a);
		tf[r] = now_s() - t0;
		streak = a.home.streak;
		app_release(&a);
	}

	printf("data: %zu study items, %lld log rows (%d days x %d); "
	       "library loaded in %.0f ms (its order in %.1f ms of it), "
	       "log written in %.1f s\n",
	       lib.n_items, (long long)n_log, days, per_day,
	       (t_load + t_order) * 1e3, t_order * 1e3, t_gen);
	printf("medians of %d rounds (wall):\n", rounds);
	printf("bare SQLite scan of the log rows: %8.1f ms\n",
	       median(tb, rounds) * 1e3);
	printf("first drawn home screen:          %8.1f ms (goal < 50)\n",
	       median(th, rounds) * 1e3);
	printf("return to the home screen:        %8.1f ms\n",
	       median(tr, rounds) * 1e3);
	printf("  after a lapse, the journal:     %8.1f ms\n",
	       median(tj, rounds) * 1e3);
	printf("  after a lapse, every state:     %8.1f ms\n",
	       median(tf, rounds) * 1e3);
	printf("streak shown: %ld days (checksum %lld, %zu lines drawn)\n",
	       streak, (long long)(sum & 0xffff), lines);
	free(th);
	free(tb);
	free(tr);
	free(tj);
	free(tf);
	sqlite3_finalize(scan);
	sqlite3_close(db);
	store_free(st);
	library_release(&lib);
	diag_list_release(&dl);
	return streak == days ? 0 : 1;
}
