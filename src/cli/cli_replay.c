#include "cli/cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/jsnum.h"
#include "core/lines.h"
#include "core/quote.h"
#include "sched/sched.h"
#include "sched/sched_replay.h"

/*
 * tpmtrain replay: runs review histories (card_id,review_time,rating lines)
 * through the scheduler and prints the card's state after every review, so
 * a history can be checked against the reference or a parameter set tried
 * on a real log.
 */

#define VERB "replay"

static const char usage_text[] =
	"usage: tpmtrain replay [OPTIONS] [FILE|-]\n"
	"\n"
	"Runs review histories through the FSRS-6 scheduler and prints the\n"
	"card's state after every review, as CSV on standard output.\n"
	"\n"
	"Input (FILE, or standard input for - or none): one review per line,\n"
	"  card_id,review_time,rating\n"
	"review_time is Unix milliseconds or ISO 8601 UTC (2025-01-31T09:00Z);\n"
	"rating is 1-4 or again, hard, good, easy.  Each card's reviews must\n"
	"be in time order; cards may interleave.  A first line naming the\n"
	"columns is skipped, and so are blank lines.\n"
	"\n"
	"Output: card_id,review_time,rating,state,stability,difficulty,\n"
	"retrievability,scheduled_days,due (times in Unix ms; retrievability\n"
	"before the review, empty for a new card).  A bad line is reported as\n"
	"FILE:LINE: error: ... on standard error and skipped; the exit status\n"
	"is then 1.\n"
	"\n"
	"options:\n"
	"  --retention R            desired retention, 0 < R <= 1 (0.9)\n"
	"  --weights W0,...,W20     FSRS-6 weights; 17 or 19 older ones are\n"
	"                           migrated; all are clipped as FSRS does\n"
	"  --learning-steps LIST    e.g. 1m,10m (the default); '' for none\n"
	"  --relearning-steps LIST  e.g. 10m (the default); '' for none\n"
	"  --no-short-term          no steps and no same-day stability\n"
	"  --max-interval DAYS      longest interval, 1-36500 (36500)\n"
	"  --fuzz                   spread intervals as FSRS does (seeded by\n"
	"                           the review, so repeatable)\n"
	"  --help                   show this help\n";

/* Adds s as one CSV field, quoted if it needs to be. */
static void add_csv_field(struct buf *b, const char *s)
{
	size_t len = strlen(s);

	if (!strpbrk(s, ",\"\r\n") &&
	    !(len && (strchr(" \t", s[0]) || strchr(" \t", s[len - 1])))) {
		buf_add(b, s, len);
		return;
	}
	buf_addch(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addch(b, '"');
		buf_addch(b, *s);
	}
	buf_addch(b, '"');
}

/* Reports a bad input line the way compilers do. */
static void line_error(const char *file, unsigned long line,
		       const struct buf *msg)
{
	struct buf q;

	buf_init(&q);
	quote_add(&q, file, strlen(file), 200);
	fprintf(stderr, "%s:%lu: error: %s\n", q.s, line, msg->s);
	buf_release(&q);
}

/* Puts a comma and x as String(x) writes it at o; returns the end. */
static char *put_number(char *o, double x)
{
	*o++ = ',';
	return o + js_number_string(x, o);
}

static char *put_int(char *o, long long v)
{
	*o++ = ',';
	return o + js_int_string(v, o);
}

/* Every field after the id: at most this long. */
#define TAIL_MAX (4 * JS_INT_MAX + 3 * JS_NUMBER_MAX + 32)

/*
 * Writes one review's row.  Built by hand and written whole: a million
 * rows through printf spent a third of replay's time parsing the format.
 */
static void print_review(struct buf *row, const struct replay_row *rr)
{
	const struct fsrs_review *r = &rr->review;
	char tail[TAIL_MAX], *o = tail;
	const char *state = fsrs_state_name(r->card.state);
	size_t n = strlen(state);

	o = put_int(o, rr->t);
	o = put_int(o, rr->rating);
	*o++ = ',';
	memcpy(o, state, n);
	o = put_number(o + n, r->card.stability);
	o = put_number(o, r->card.difficulty);
	if (r->has_r)
		o = put_number(o, r->retrievability);
	else
		*o++ = ',';
	o = put_int(o, r->card.scheduled_days);
	o = put_int(o, r->card.due);
	*o++ = '\n';
	buf_clear(row);
	add_csv_field(row, rr->id);
	buf_add(row, tail, (size_t)(o - tail));
	fwrite(row->s, 1, row->len, stdout);
}

/* Writes the rows the engine has run; -1 once standard output failed. */
static int print_rows(struct replay *r, struct buf *out)
{
	const struct replay_row *rows;
	size_t n = replay_take(r, &rows);

	for (size_t i = 0; i < n; i++)
		print_review(out, &rows[i]);
	return ferror(stdout) ? -1 : 0;
}

/* Replays every line of in; returns the number of bad lines. */
static unsigned long replay_stream(const struct fsrs_params *p, FILE *in,
				   const char *file)
{
	struct replay r;
	struct line_reader lr;
	struct buf err, out;
	char *line;
	size_t len;
	unsigned long lineno = 0, bad = 0;
	int too_long;

	replay_init(&r, p);
	line_reader_init(&lr, in, REPLAY_MAX_LINE);
	buf_init(&err);
	buf_init(&out);
	printf("card_id,review_time,rating,state,stability,difficulty,"
	       "retrievability,scheduled_days,due\n");
	while (line_reader_next(&lr, &line, &len, &too_long)) {
		int rc;

		lineno++;
		buf_clear(&err);
		rc = replay_line(&r, line, len, too_long, &err);
		/* Nobody sees the rest: stop (cli_main() says why). */
		if (print_rows(&r, &out) < 0)
			goto out;
		if (rc < 0) {
			line_error(file, lineno, &err);
			bad++;
		}
	}
	replay_finish(&r);
	print_rows(&r, &out);
out:
	buf_release(&out);
	buf_release(&err);
	line_reader_release(&lr);
	replay_release(&r);
	return bad;
}

/* Parses a steps option; returns 0, or EXIT_USAGE after saying why. */
static int parse_steps_option(const char *opt, const char *arg,
			      int32_t *steps, size_t *n)
{
	int r = fsrs_parse_steps(arg, steps, FSRS_MAX_STEPS);

	if (r == TPM_EINVAL)
		return cli_usage_error(VERB, "%s: steps must be from 1m to "
				       "36500d, not as in '%s'", opt,
				       arg);
	if (r == TPM_ETOOBIG)
		return cli_usage_error(VERB, "%s: at most %d steps", opt,
				       FSRS_MAX_STEPS);
	if (r < 0)
		return cli_usage_error(VERB, "%s: bad steps '%s' (expected a "
				       "list such as 1m,10m,1h,1d)", opt,
				       arg);
	*n = (size_t)r;
	return 0;
}

int cmd_replay(int argc, char **argv, struct cli_env *env)
{
	enum {
		OPT_RETENTION = 256, OPT_WEIGHTS, OPT_LEARNING,
		OPT_RELEARNING, OPT_NO_SHORT, OPT_MAX_IVL, OPT_FUZZ,
	};
	static const struct option opts[] = {
		{ "retention", required_argument, NULL, OPT_RETENTION },
		{ "weights", required_argument, NULL, OPT_WEIGHTS },
		{ "learning-steps", required_argument, NULL, OPT_LEARNING },
		{ "relearning-steps", required_argument, NULL,
		  OPT_RELEARNING },
		{ "no-short-term", no_argument, NULL, OPT_NO_SHORT },
		{ "max-interval", required_argument, NULL, OPT_MAX_IVL },
		{ "fuzz", no_argument, NULL, OPT_FUZZ },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct fsrs_params p;
	double w[FSRS_N_WEIGHTS];
	size_t n_w = 0;
	const char *path = "-", *file;
	unsigned long bad;
	FILE *in;
	int c;

	(void)env;
	fsrs_params_default(&p);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		char *end;

		switch (c) {
		case OPT_RETENTION:
			errno = 0;
			p.request_retention = strtod(optarg, &end);
			if (end == optarg || *end || errno ||
			    !(p.request_retention > 0 &&
			      p.request_retention <= 1))
				return cli_usage_error(VERB, "--retention must "
						       "be a number in (0, 1],"
						       " not '%s'",
						       optarg);
			break;
		case OPT_WEIGHTS:
			switch (fsrs_parse_weights(optarg, w, &n_w)) {
			case 0:
				break;
			case TPM_ETOOBIG:
				return cli_usage_error(VERB, "--weights: more "
						       "than %d values",
						       FSRS_N_WEIGHTS);
			default:
				return cli_usage_error(VERB, "--weights: "
						       "expected numbers "
						       "separated by commas "
						       "or spaces, not '%s'",
						       optarg);
			}
			if (n_w != 17 && n_w != 19 && n_w != 21)
				return cli_usage_error(VERB, "--weights: "
						       "expected 17, 19 or 21 "
						       "values, found %zu",
						       n_w);
			break;
		case OPT_LEARNING:
			if (parse_steps_option("--learning-steps", optarg,
					       p.learning_steps,
					       &p.n_learning_steps))
				return EXIT_USAGE;
			break;
		case OPT_RELEARNING:
			if (parse_steps_option("--relearning-steps", optarg,
					       p.relearning_steps,
					       &p.n_relearning_steps))
				return EXIT_USAGE;
			break;
		case OPT_NO_SHORT:
			p.enable_short_term = 0;
			break;
		case OPT_MAX_IVL: {
			long v;

			errno = 0;
			v = strtol(optarg, &end, 10);
			if (end == optarg || *end || errno || v < 1 ||
			    v > FSRS_MAX_INTERVAL)
				return cli_usage_error(VERB, "--max-interval "
						       "must be a whole number "
						       "of days from 1 to "
						       "36500, not '%s'",
						       optarg);
			p.maximum_interval = (int32_t)v;
			break;
		}
		case OPT_FUZZ:
			p.enable_fuzz = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		default:
			return cli_option_error(VERB, c, argv);
		}
	}
	if (argc - optind > 1)
		return cli_usage_error(VERB, "expected at most one FILE, "
				       "found %d", argc - optind);
	if (optind < argc)
		path = argv[optind];
	/*
	 * The weights' bounds depend on the steps and short-term: set them
	 * last.  Their count and values were checked above.
	 */
	if (n_w)
		fsrs_params_set_weights(&p, w, n_w);
	else
		fsrs_params_clip(&p);

	if (!strcmp(path, "-")) {
		in = stdin;
		file = "<stdin>";
	} else {
		in = fopen(path, "r");
		file = path;
		if (!in) {
			cli_error("cannot open '%s': %s", path,
				  strerror(errno));
			return EXIT_DATA;
		}
	}
	bad = replay_stream(&p, in, file);
	if (ferror(in)) {
		cli_error("cannot read '%s': %s", file, strerror(errno));
		bad++;
	}
	if (in != stdin)
		fclose(in);
	return bad ? EXIT_DATA : EXIT_OK;
}
