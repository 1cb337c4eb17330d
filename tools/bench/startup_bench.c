/*
 * Start-up benchmark (issue 14): the whole command as a user starts it,
 * process and all, on the library in DATADIR/decks and a long review
 * history in DB (written on the first run):
 *   - `tpmtrain due`, from exec to exit (its table to /dev/null);
 *   - `tpmtrain` in a terminal (a pty, 100x30), from exec to the first
 *     home screen on it (the streak line drawn), then q;
 *   - `tpmtrain due` with the cache after another process moved a card
 *     into or out of review (the queue follows the review journal);
 *   - `tpmtrain due` with the cache but not the queue's known review set
 *     (every card state is read, as on a first start);
 * the first two each with the compiled-library cache (warmed first: one
 * start writes it, a second, two seconds later, once the files are older
 * than the racy window) and without it (TPMTRAIN_CACHE=off), interleaved
 * in every round so a noisy moment hurts both.  Prints medians and spreads.
 *
 * With --pair, the goal's comparison in one run: `due` and the first home
 * screen, with the cache, on library B and on library A in turn in every
 * round, and the median of the rounds' ratios B/A.
 *
 * usage: startup_bench TPMTRAIN DATADIR DB HOME [ROUNDS] [DAYS] [PER_DAY]
 *        startup_bench --pair TPMTRAIN ROUNDS A_DATADIR A_DB A_HOME
 *                      B_DATADIR B_DB B_HOME
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/diag.h"
#include "loader/loader.h"

#include "bench_history.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "startup_bench: %s\n", what);
	exit(1);
}

static const char *bin;

/* The environment of every start: cache on or off. */
static void set_env(int cache)
{
	if (cache)
		unsetenv("TPMTRAIN_CACHE");
	else
		setenv("TPMTRAIN_CACHE", "off", 1);
}

/* `tpmtrain due` from exec to exit; dies unless it succeeds. */
static double time_due(void)
{
	double t0 = now_s();
	int status;
	pid_t pid = fork();

	if (pid < 0)
		die("fork failed");
	if (!pid) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		execl(bin, "tpmtrain", "due", (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		die("tpmtrain due failed");
	return now_s() - t0;
}

/* Reads the pty until marker shows (or 60 s pass); 0 if it did. */
static int wait_for(int fd, const char *marker)
{
	char buf[65536];
	size_t have = 0;
	double end = now_s() + 60;

	while (now_s() < end) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;

		if (poll(&p, 1, 1000) <= 0)
			continue;
		n = read(fd, buf + have, sizeof(buf) - 1 - have);
		if (n <= 0)
			return -1;
		have += (size_t)n;
		buf[have] = '\0';
		if (strstr(buf, marker))
			return 0;
		if (have > sizeof(buf) / 2) {	/* keep the tail */
			memmove(buf, buf + have - 256, 256);
			have = 256;
		}
	}
	return -1;
}

/* `tpmtrain` in a terminal from exec to its first home screen. */
static double time_home(void)
{
	struct winsize ws = { 30, 100, 0, 0 };
	double t0 = now_s(), t;
	int fd, status;
	pid_t pid = forkpty(&fd, NULL, NULL, &ws);

	if (pid < 0)
		die("forkpty failed");
	if (!pid) {
		setenv("TERM", "xterm-256color", 1);
		execl(bin, "tpmtrain", (char *)NULL);
		_exit(127);
	}
	if (wait_for(fd, "streak") < 0)
		die("no home screen with a streak within 60 s");
	t = now_s() - t0;
	if (write(fd, "q", 1) != 1)
		die("cannot type q");
	for (int i = 0; i < 50 && waitpid(pid, &status, WNOHANG) == 0; i++)
		usleep(100000);
	if (waitpid(pid, &status, WNOHANG) == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	close(fd);
	return t;
}

/*
 * Forgets the queue's known review set (queue-*.known in the cache), as a
 * grade that moves a card into or out of review does: the next start
 * reads every card state.
 */
static void forget_known(const char *home)
{
	char pattern[4096];
	glob_t g;

	snprintf(pattern, sizeof(pattern), "%s/.cache/tpmtrain/queue-*.known",
		 home);
	if (glob(pattern, 0, NULL, &g) != 0)
		return;
	for (size_t i = 0; i < g.gl_pathc; i++)
		unlink(g.gl_pathv[i]);
	globfree(&g);
}

/*
 * Moves one card out of the review state, or back into it, as a grade in
 * another program does: straight in SQL, so that the same run works on
 * any schema version's database (the triggers are the file's).
 */
static void move_one(const char *db)
{
	static const char sql[] =
		"UPDATE card_state SET state = 3 - state WHERE card_id = "
		"(SELECT min(card_id) FROM card_state WHERE state = 2) OR "
		"card_id = (SELECT min(card_id) FROM card_state WHERE "
		"state = 1)";
	sqlite3 *h;

	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_busy_timeout(h, 5000) != SQLITE_OK ||
	    sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(sqlite3_errmsg(h));
	sqlite3_close(h);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of v[0..n), which it sorts. */
static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void report(const char *what, double *v, int n)
{
	double m = median(v, n);

	printf("  %-26s %8.1f ms (%.1f-%.1f)\n", what, m * 1e3, v[0] * 1e3,
	       v[n - 1] * 1e3);
}

/* The history, written once per library: its items are needed. */
static void make_history(const char *datadir, const char *db, int days,
			 int per_day)
{
	char decks[4096];
	const char *paths[1] = { decks };
	struct library lib;
	struct diag_list dl;

	if (access(db, F_OK) == 0)
		return;
	snprintf(decks, sizeof(decks), "%s/decks", datadir);
	library_init(&lib);
	diag_list_init(&dl);
	if (library_load(&lib, paths, 1, NULL, &dl) < 0 || !lib.n_items)
		die("the library does not load");
	write_db(db, &lib, days, per_day);
	library_release(&lib);
	diag_list_release(&dl);
}

/* The starts that follow read this library, this database, this home. */
static void use_library(const char *datadir, const char *db, const char *home)
{
	setenv("TPMTRAIN_DATA_DIR", datadir, 1);
	setenv("TPMTRAIN_DB", db, 1);
	setenv("HOME", home, 1);
}

/* Writes the history and warms the cache past its racy window. */
static void prepare(const char *datadir, const char *db, const char *home,
		    int days, int per_day)
{
	make_history(datadir, db, days, per_day);
	use_library(datadir, db, home);
	set_env(1);
	time_due();
	sleep(3);
	time_due();
}

/* --pair: argv[0] TPMTRAIN, ROUNDS, then A's and B's DATADIR DB HOME. */
static int pair(int argc, char **argv)
{
	static const char *const what[] = { "due", "first home" };
	int rounds = argc == 8 ? atoi(argv[1]) : 0;
	double *v[2][3], ratio;

	if (rounds < 1)
		die("usage: startup_bench --pair TPMTRAIN ROUNDS A_DATADIR "
		    "A_DB A_HOME B_DATADIR B_DB B_HOME");
	bin = argv[0];
	prepare(argv[2], argv[3], argv[4], 730, 300);
	prepare(argv[5], argv[6], argv[7], 730, 300);
	for (int k = 0; k < 2; k++)
		for (int j = 0; j < 3; j++)
			v[k][j] = calloc((size_t)rounds, sizeof(double));
	for (int r = 0; r < rounds; r++) {
		for (int k = 0; k < 2; k++) {
			double (*start)(void) = k ? time_home : time_due;

			use_library(argv[5], argv[6], argv[7]);
			v[k][1][r] = start();
			use_library(argv[2], argv[3], argv[4]);
			v[k][0][r] = start();
			v[k][2][r] = v[k][1][r] / v[k][0][r];
		}
	}
	printf("paired, with the cache, medians of %d rounds "
	       "(lowest-highest):\n", rounds);
	for (int k = 0; k < 2; k++) {
		char label[64];

		snprintf(label, sizeof(label), "%s, A", what[k]);
		report(label, v[k][0], rounds);
		snprintf(label, sizeof(label), "%s, B", what[k]);
		report(label, v[k][1], rounds);
		ratio = median(v[k][2], rounds);
		printf("  %-26s %8.2fx (%.2f-%.2f)\n", "  B / A, per round",
		       ratio, v[k][2][0], v[k][2][rounds - 1]);
		for (int j = 0; j < 3; j++)
			free(v[k][j]);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int rounds, days, per_day;
	double *v[6];

	setenv("TPMTRAIN_NOW", "2026-11-23T09:00:00Z", 1);
	unsetenv("XDG_CACHE_HOME");
	unsetenv("XDG_DATA_HOME");
	if (argc > 1 && !strcmp(argv[1], "--pair"))
		return pair(argc - 2, argv + 2);

	if (argc < 5) {
		fprintf(stderr, "usage: startup_bench TPMTRAIN DATADIR DB HOME "
			"[ROUNDS] [DAYS] [PER_DAY]\n");
		return 2;
	}
	bin = argv[1];
	rounds = argc > 5 ? atoi(argv[5]) : 5;
	days = argc > 6 ? atoi(argv[6]) : 730;
	per_day = argc > 7 ? atoi(argv[7]) : 300;
	if (rounds < 1 || days < 1 || per_day < 1)
		die("want ROUNDS, DAYS and PER_DAY >= 1");
	prepare(argv[2], argv[3], argv[4], days, per_day);
	for (int k = 0; k < 6; k++)
		v[k] = calloc((size_t)rounds, sizeof(double));
	for (int r = 0; r < rounds; r++) {
		set_env(0);
		v[0][r] = time_due();
		set_env(1);
		v[1][r] = time_due();
		set_env(0);
		v[2][r] = time_home();
		set_env(1);
		v[3][r] = time_home();
		move_one(argv[3]);
		v[4][r] = time_due();
		forget_known(argv[4]);
		v[5][r] = time_due();
	}
	printf("medians of %d rounds (lowest-highest):\n", rounds);
	report("due, no cache", v[0], rounds);
	report("due, cache", v[1], rounds);
	report("first home, no cache", v[2], rounds);
	report("first home, cache", v[3], rounds);
	report("due, cache, after a grade", v[4], rounds);
	report("due, cache, set unknown", v[5], rounds);
	for (int k = 0; k < 6; k++)
		free(v[k]);
	return 0;
}
