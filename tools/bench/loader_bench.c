/*
 * Loader benchmark (foundation issue): generates a library of N cards in
 * decks of 1,000 cards, then measures
 *   - time: library_load() of the whole library against libyaml's bare
 *     event scan of the same files (read, parse every event, discard), the
 *     floor for any loader built on libyaml; best of R rounds each;
 *   - memory: the loader's peak resident memory above a baseline process,
 *     as a ratio to the files' total size.
 *
 * usage: loader_bench DIR [N_CARDS] [ROUNDS]   (generates into DIR)
 *        loader_bench --generate DIR N_CARDS   (only generates)
 *        loader_bench --peak DIR | --peak-baseline DIR   (internal)
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

#include "core/diag.h"
#include "loader/loader.h"

#define CARDS_PER_DECK 1000

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One card of each type in turn, with realistic lengths and Markdown. */
static void write_card(FILE *f, int deck, int i)
{
	switch (i % 4) {
	case 0:
		fprintf(f,
			"  - id: d%d-c%d\n"
			"    front: What does a write-through cache trade away "
			"in program %d?\n"
			"    back: |\n"
			"      Write latency: every write goes to the cache and "
			"the store before\n"
			"      it is acknowledged. In return, reads after writes "
			"are never **stale**.\n"
			"    tags: [caching, system-design]\n",
			deck, i, i);
		break;
	case 1:
		fprintf(f,
			"  - id: d%d-c%d\n"
			"    type: reverse\n"
			"    front: Critical path %d\n"
			"    back: The longest chain of dependent tasks; it sets "
			"the earliest finish date.\n"
			"    tags: [planning]\n",
			deck, i, i);
		break;
	case 2:
		fprintf(f,
			"  - id: d%d-c%d\n"
			"    type: cloze\n"
			"    text: A {{c1::program}} is a set of related "
			"{{c2::projects::plural noun}} number %d.\n"
			"    tags: [program-management]\n",
			deck, i, i);
		break;
	default:
		fprintf(f,
			"  - id: d%d-c%d\n"
			"    type: typed\n"
			"    front: Name the three sides of the iron triangle "
			"(%d).\n"
			"    back: Scope, time and cost.\n"
			"    key_points:\n"
			"      - label: scope\n"
			"        pattern: '\\bscope\\b'\n"
			"      - label: time\n"
			"        pattern: '\\b(time|schedule)\\b'\n"
			"      - label: cost\n"
			"        pattern: '\\b(cost|budget)\\b'\n"
			"    tags: [pm-fundamentals]\n",
			deck, i, i);
	}
}

static long generate(const char *dir, int n_cards)
{
	long total = 0;
	char path[4096];

	mkdir(dir, 0755);
	for (int d = 0; d * CARDS_PER_DECK < n_cards; d++) {
		FILE *f;
		struct stat st;

		snprintf(path, sizeof(path), "%s/deck%04d.yaml", dir, d);
		f = fopen(path, "w");
		if (!f) {
			perror(path);
			exit(1);
		}
		fprintf(f, "deck: bench-%d\ntitle: Bench deck %d\n"
			   "description: Generated for the loader benchmark.\n"
			   "tags: [bench]\ncards:\n", d, d);
		for (int i = 0; i < CARDS_PER_DECK &&
				d * CARDS_PER_DECK + i < n_cards; i++)
			write_card(f, d, i);
		fclose(f);
		stat(path, &st);
		total += st.st_size;
	}
	return total;
}

/* Reads a whole file, as the loader does, so both sides pay for the I/O. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	char *data;

	if (!f || fstat(fileno(f), &st)) {
		perror(path);
		exit(1);
	}
	data = malloc((size_t)st.st_size + 1);
	*len = fread(data, 1, (size_t)st.st_size, f);
	fclose(f);
	return data;
}

static long scan_file(const char *path)
{
	yaml_parser_t parser;
	yaml_event_t event;
	size_t len;
	char *data = slurp(path, &len);
	long events = 0;
	int done = 0;

	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			fprintf(stderr, "%s: yaml error\n", path);
			exit(1);
		}
		done = event.type == YAML_STREAM_END_EVENT;
		events++;
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	free(data);
	return events;
}

static int is_yaml(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 5 && !strcmp(e->d_name + n - 5, ".yaml");
}

static long bare_scan(const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, is_yaml, alphasort);
	long events = 0;
	char path[4096];

	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		events += scan_file(path);
		free(names[i]);
	}
	free(names);
	return events;
}

static size_t load(const char *dir)
{
	struct library lib;
	struct diag_list dl;
	const char *paths[] = { dir };
	size_t items;

	library_init(&lib);
	diag_list_init(&dl);
	if (library_load(&lib, paths, 1, NULL, &dl) < 0 || dl.errors) {
		diag_list_print(&dl, stderr, DIAG_FORMAT_TEXT, 0);
		exit(1);
	}
	items = lib.n_items;
	library_release(&lib);
	diag_list_release(&dl);
	return items;
}

static long peak_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmHWM:", 6))
			kb = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	return kb;
}

/* Runs this program again in a fresh process and reads its peak RSS. */
static long child_peak_kb(const char *self, const char *mode,
			  const char *dir)
{
	char cmd[8192];
	FILE *p;
	long kb = -1;

	snprintf(cmd, sizeof(cmd), "'%s' %s '%s'", self, mode, dir);
	p = popen(cmd, "r");
	if (!p || fscanf(p, "%ld", &kb) != 1)
		kb = -1;
	if (p)
		pclose(p);
	return kb;
}

int main(int argc, char **argv)
{
	const char *dir;
	int n_cards, rounds;
	long bytes, events = 0;
	double best_scan = 1e30, best_load = 1e30;
	size_t items = 0;
	long base_kb, load_kb;

	if (argc == 3 && !strcmp(argv[1], "--peak")) {
		load(argv[2]);
		printf("%ld\n", peak_kb());
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "--generate")) {
		generate(argv[2], atoi(argv[3]));
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "--peak-baseline")) {
		printf("%ld\n", peak_kb());
		return 0;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: loader_bench DIR [N_CARDS] [ROUNDS]\n");
		return 2;
	}
	dir = argv[1];
	n_cards = argc > 2 ? atoi(argv[2]) : 100000;
	rounds = argc > 3 ? atoi(argv[3]) : 5;
	bytes = generate(dir, n_cards);
	printf("library: %d cards, %.1f MB in %d files\n", n_cards,
	       (double)bytes / 1e6, (n_cards + CARDS_PER_DECK - 1) /
	       CARDS_PER_DECK);
	/* Warm the page cache so both sides read from memory. */
	bare_scan(dir);
	for (int r = 0; r < rounds; r++) {
		double t0 = now_s(), t1, t2;

		events = bare_scan(dir);
		t1 = now_s();
		items = load(dir);
		t2 = now_s();
		if (t1 - t0 < best_scan)
			best_scan = t1 - t0;
		if (t2 - t1 < best_load)
			best_load = t2 - t1;
	}
	base_kb = child_peak_kb(argv[0], "--peak-baseline", dir);
	load_kb = child_peak_kb(argv[0], "--peak", dir);
	printf("libyaml bare event scan: %.1f ms (%ld events)\n",
	       best_scan * 1e3, events);
	printf("library_load:            %.1f ms (%zu study items)\n",
	       best_load * 1e3, items);
	printf("time ratio:   %.2f (goal <= 1.5)\n", best_load / best_scan);
	printf("peak memory:  %.1f MB above a %.1f MB baseline\n",
	       (double)(load_kb - base_kb) / 1024, (double)base_kb / 1024);
	printf("memory ratio: %.2f of the files' size (goal <= 3)\n",
	       (double)(load_kb - base_kb) * 1024 / (double)bytes);
	return 0;
}
