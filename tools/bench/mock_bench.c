/*
 * Mock session benchmark: what a running mock costs while the candidate
 * types, on the shipped URL-shortener scenario with a notes pad of N lines
 * (about 50 bytes each; the default 2,000 lines is some 100 KB, far more
 * than 45 minutes of typing):
 *   - mock_tick(): CPU per call (the ui calls it several times a second);
 *   - the 5-second save: mock_snapshot() + store_mock_save() into a
 *     database file, fsync included (WAL, synchronous=FULL): wall time;
 *   - mock_coverage() of every phase's key points over the whole pad.
 * R rounds each; prints the medians.
 * Goals: a tick under 1 microsecond; a save under 50 ms, so the editor
 * never waits on it; coverage under 100 ms.
 *
 * usage: mock_bench DIR CONTENT_DIR [N_LINES] [ROUNDS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/vec.h"
#include "loader/loader.h"
#include "mock/mock.h"
#include "store/store.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "mock_bench: %s\n", what);
	exit(1);
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_d);
	return v[n / 2];
}

/* Terse notes of the kind people type, none of them a key point. */
static void fill_notes(struct mock *m, int n)
{
	static const char *const words[] = {
		"svc", "->", "api", "gw", "shard", "by", "id", "p50", "ok",
		"team", "q3", "?", "tbd", "x2", "owner", "ask", "deps", "v1",
	};
	char line[128];

	for (int i = 0; i < n; i++) {
		size_t len = 0;

		len += (size_t)snprintf(line, sizeof(line), "- %d", i);
		for (int w = 0; w < 9; w++)
			len += (size_t)snprintf(line + len, sizeof(line) - len,
						" %s", words[(i * 7 + w * 3) %
							     18]);
		mock_note_insert(m, (size_t)i, line, len);
	}
}

int main(int argc, char **argv)
{
	const char *dir, *content;
	int n_lines, rounds;
	struct library lib;
	struct diag_list dl;
	const struct scenario *s;
	struct mock_opts opts = { .grace_s = 60, .bell = 1 };
	struct mock m;
	struct store *st;
	char path[4096], mocks[4096], rubrics[4096];
	const char *paths[2] = { mocks, rubrics };
	double *t, tick_ns, save_ms, cover_ms;
	struct vec cov;
	struct buf text;
	int64_t now = 0;

	if (argc < 3)
		die("usage: mock_bench DIR CONTENT_DIR [N_LINES] [ROUNDS]");
	dir = argv[1];
	content = argv[2];
	n_lines = argc > 3 ? atoi(argv[3]) : 2000;
	rounds = argc > 4 ? atoi(argv[4]) : 21;
	if (n_lines < 1 || rounds < 1)
		die("bad N_LINES or ROUNDS");
	snprintf(mocks, sizeof(mocks), "%s/mocks", content);
	snprintf(rubrics, sizeof(rubrics), "%s/rubrics", content);
	library_init(&lib);
	diag_list_init(&dl);
	if (library_load(&lib, paths, 2, content, &dl) < 0 || dl.errors)
		die("cannot load the shipped content");
	s = library_find_scenario(&lib, "mock-url-shortener");
	if (!s)
		die("no mock-url-shortener scenario");
	mock_init(&m, s, &opts, 0, 1795424400000LL);
	fill_notes(&m, n_lines);
	snprintf(path, sizeof(path), "%s/progress.db", dir);
	if (store_open(&st, path, STORE_WRITE | STORE_CREATE) < 0)
		die(store_errmsg(st));
	t = calloc((size_t)rounds, sizeof(*t));

	/* Ticks 1 ms apart: 21 rounds of 100,000 run 35 minutes in. */
	for (int r = 0; r < rounds; r++) {
		double c0 = cpu_s();

		for (int i = 0; i < 100000; i++)
			mock_tick(&m, now += 1);
		t[r] = (cpu_s() - c0) / 100000 * 1e9;
	}
	tick_ns = median(t, rounds);

	for (int r = 0; r < rounds; r++) {
		struct store_mock rec;
		struct arena a;
		double w0 = now_s();

		arena_init(&a);
		mock_snapshot(&m, &a, &rec);
		if (store_mock_save(st, &rec) < 0)
			die(store_errmsg(st));
		m.store_id = rec.id;
		t[r] = (now_s() - w0) * 1e3;
		arena_release(&a);
	}
	save_ms = median(t, rounds);

	vec_init(&cov, sizeof(struct mock_cover));
	for (int r = 0; r < rounds; r++) {
		double c0 = cpu_s();

		mock_coverage(s, vec_at(&m.notes, 0), mock_notes_count(&m),
			      &cov);
		t[r] = (cpu_s() - c0) * 1e3;
	}
	cover_ms = median(t, rounds);

	buf_init(&text);
	mock_notes_text(&m, &text);
	printf("mock, %d note lines (%zu bytes), median of %d:\n", n_lines,
	       text.len, rounds);
	buf_release(&text);
	printf("  mock_tick:           %.0f ns CPU (goal < 1000)\n", tick_ns);
	printf("  save (fsync'd):      %.2f ms wall (goal < 50)\n", save_ms);
	printf("  coverage, %zu points: %.2f ms CPU (goal < 100)\n", cov.len,
	       cover_ms);
	vec_release(&cov);
	free(t);
	store_free(st);
	mock_release(&m);
	diag_list_release(&dl);
	library_release(&lib);
	return 0;
}
