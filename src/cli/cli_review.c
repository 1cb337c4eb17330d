/* tpmtrain review --batch: grades from standard input, for scripts. */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <string.h>

#include "core/buf.h"
#include "core/quote.h"
#include "core/vec.h"
#include "loader/loader.h"
#include "queue/queue.h"
#include "store/store.h"

#define INPUT_NAME "<stdin>"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: tpmtrain review --batch [--decks DIR]...\n"
		"\n"
		"Grades cards now, one 'CARD_ID RATING' a line on standard "
		"input\n"
		"(RATING 1-4 or again, hard, good, easy; blank lines and lines\n"
		"starting with # are skipped).  Each grade is saved before its\n"
		"line 'CARD_ID STATE DUE' is printed (DUE in ISO 8601 UTC).  A "
		"bad\n"
		"line is reported with its number and skipped, and the exit\n"
		"status is then 1.\n"
		"\n"
		"  --batch       required: the interactive review is "
		"'tpmtrain drill'\n"
		"  --decks DIR   read decks from DIR instead of the shipped decks\n"
		"                and $XDG_DATA_HOME/tpmtrain/decks (repeatable)\n");
}

/* A field of a line and the column (from 1) where it starts. */
struct field {
	char *s;
	unsigned col;
};

/* Splits line in place at blanks into up to max fields; returns count. */
static size_t split(char *line, struct field *f, size_t max)
{
	size_t n = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			return n;
		if (n < max) {
			f[n].s = p;
			f[n].col = (unsigned)(p - line) + 1;
		}
		n++;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
	}
}

/* Reports a bad input line as "<stdin>:LINE:COL: error: MSG". */
__attribute__((format(printf, 3, 4)))
static void line_error(size_t line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%zu:%u: error: ", INPUT_NAME, line, col);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* A line may hold an id and a rating: 4 KiB is plenty, and bounds it. */
#define MAX_LINE 4096
/*
 * "Did you mean" scans every card: for so many bad lines only, so that a
 * file of unknown ids against a large library stays quick.
 */
#define MAX_SUGGESTIONS 20

struct batch {
	struct library *lib;
	struct store *st;
	struct settings s;
	struct cli_env *env;
	int bad;		/* some line was bad */
	int suggestions;	/* did-you-mean scans done */
};

/*
 * Grades one line.  Returns 0, or -1 when the store failed and the batch
 * must stop (reported).
 */
static int grade_line(struct batch *b, char *text, size_t lineno)
{
	struct field f[3];
	const struct item *item;
	enum fsrs_rating rating;
	struct queue_grade_result res;
	struct buf q;
	char due[TIME_ISO_MAX];
	size_t n = split(text, f, 3);

	if (!n || f[0].s[0] == '#')
		return 0;
	buf_init(&q);
	if (n != 2) {
		line_error(lineno, n > 2 ? f[2].col : 1,
			   "want 'CARD_ID RATING', got %zu field%s", n,
			   n == 1 ? "" : "s");
		b->bad = 1;
		goto out;
	}
	item = library_find_item(b->lib, f[0].s);
	if (!item) {
		const struct card *card = library_find_card(b->lib, f[0].s);
		struct suggest sg;

		quote_add(&q, f[0].s, strlen(f[0].s), 60);
		suggest_init(&sg, f[0].s);
		for (size_t i = 0; b->suggestions < MAX_SUGGESTIONS &&
				   i < b->lib->n_items; i++) {
			/* A cloze card's id: its first deletion is meant. */
			if (card && b->lib->items[i].card == card) {
				sg.best = b->lib->items[i].key;
				break;
			}
			suggest_consider(&sg, b->lib->items[i].key);
		}
		b->suggestions++;
		line_error(lineno, f[0].col, "unknown card '%s'%s%s%s", q.s,
			   sg.best ? " (did you mean '" : "",
			   sg.best ? sg.best : "", sg.best ? "'?)" : "");
		b->bad = 1;
		goto out;
	}
	if (fsrs_parse_rating(f[1].s, &rating) < 0) {
		quote_add(&q, f[1].s, strlen(f[1].s), 60);
		line_error(lineno, f[1].col,
			   "bad rating '%s' (want 1-4 or again, hard, good, "
			   "easy)", q.s);
		b->bad = 1;
		goto out;
	}
	if (queue_grade(b->st, &b->s, item->key, rating,
			clock_utc_ms(&b->env->clock), -1, &res) < 0) {
		cli_error("%s", store_errmsg(b->st));
		fprintf(stderr, "tpmtrain: stopped at %s line %zu; every grade "
				"printed before it was saved\n",
			INPUT_NAME, lineno);
		buf_release(&q);
		return -1;
	}
	/* Saved: only now may the user see it. */
	time_format_iso(res.review.after.fsrs.due, due);
	printf("%s %s %s\n", item->key,
	       fsrs_state_name(res.review.after.fsrs.state), due);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		cli_output_error();
		fprintf(stderr, "tpmtrain: stopped at %s line %zu, whose grade "
				"was saved but not shown\n", INPUT_NAME, lineno);
		buf_release(&q);
		return -1;
	}
out:
	buf_release(&q);
	return 0;
}

static int run_batch(struct batch *b)
{
	struct buf line;
	size_t lineno = 0;
	int ret = EXIT_OK, too_long;

	buf_init(&line);
	while (buf_read_line(&line, stdin, MAX_LINE, &too_long)) {
		const char *nul = memchr(line.s, '\0', line.len);

		lineno++;
		/* A NUL would end the line early: the rest would be lost. */
		if (nul || too_long) {
			if (nul)
				line_error(lineno, (unsigned)(nul - line.s) + 1,
					   "a NUL byte; nothing saved for this "
					   "line");
			else
				line_error(lineno, MAX_LINE + 1,
					   "line longer than %d bytes; nothing "
					   "saved for it", MAX_LINE);
			b->bad = 1;
			continue;
		}
		if (grade_line(b, line.s, lineno) < 0) {
			ret = EXIT_DATA;
			break;
		}
	}
	if (ret == EXIT_OK && ferror(stdin)) {
		cli_error("%s: cannot read", INPUT_NAME);
		ret = EXIT_DATA;
	}
	buf_release(&line);
	return ret == EXIT_OK && b->bad ? EXIT_DATA : ret;
}

int cmd_review(int argc, char **argv, struct cli_env *env)
{
	static const struct option opts[] = {
		{ "batch", no_argument, NULL, 'b' },
		{ "decks", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct batch b = { 0 };
	struct library lib;
	struct vec dirs;
	int c, batch = 0, ret = EXIT_OK;

	vec_init(&dirs, sizeof(char *));
	opterr = 0;
	while (ret == EXIT_OK &&
	       (c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			batch = 1;
			break;
		case 'd':
			*(char **)vec_push(&dirs) = optarg;
			break;
		case 'h':
			usage(stdout);
			ret = -1;
			break;
		default:
			ret = cli_option_error("review", c, argv);
			break;
		}
	}
	if (ret == EXIT_OK && optind < argc)
		ret = cli_usage_error("review", "unexpected argument '%s'",
				      argv[optind]);
	if (ret == EXIT_OK && !batch)
		ret = cli_usage_error("review", "needs --batch (the "
						"interactive review is "
						"'tpmtrain drill')");
	if (ret != EXIT_OK)
		goto out;
	ret = cli_load_library(&(struct cli_library_src){
		.env = env, .decks = dirs.items, .n_decks = dirs.len,
	}, &lib);
	if (ret != EXIT_OK)
		goto out;
	b.lib = &lib;
	b.env = env;
	ret = cli_open_store(env, STORE_WRITE | STORE_CREATE, &b.st, &b.s);
	if (ret == EXIT_OK)
		ret = run_batch(&b);
	store_free(b.st);
	library_release(&lib);
out:
	vec_release(&dirs);
	return ret < 0 ? EXIT_OK : ret;
}
