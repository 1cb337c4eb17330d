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
#include "core/xmalloc.h"
#include "sched/sched.h"

/*
 * tpmtrain replay: runs review histories (card_id,review_time,rating lines)
 * through the scheduler and prints the card's state after every review, so
 * a history can be checked against the reference or a parameter set tried
 * on a real log.
 */

#define VERB "replay"
#define MAX_LINE 65536	/* bytes */
/* JavaScript's Date range (1e8 days either side of 1970), as the reference. */
#define MAX_TIME_MS INT64_C(8640000000000000)
#define MAX_IVL_DAYS 36500

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

/* The cards seen so far, by id: open addressing with linear probing. */
struct card_slot {
	char *id;		/* NULL for an empty slot */
	struct fsrs_card card;
};

struct card_map {
	struct card_slot *slots;
	size_t cap;		/* a power of two */
	size_t len;
};

static void card_map_init(struct card_map *m)
{
	m->cap = 1024;
	m->len = 0;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
}

static void card_map_release(struct card_map *m)
{
	for (size_t i = 0; i < m->cap; i++)
		xfree(m->slots[i].id);
	xfree(m->slots);
	m->slots = NULL;
	m->cap = m->len = 0;
}

/* FNV-1a. */
static size_t hash_str(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	return (size_t)h;
}

/* The slot holding id, or the empty slot where it would go. */
static struct card_slot *card_map_slot(struct card_slot *slots, size_t cap,
				       const char *id)
{
	size_t i = hash_str(id) & (cap - 1);

	while (slots[i].id && strcmp(slots[i].id, id))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

/* The card id, or NULL if it has not been seen. */
static struct fsrs_card *card_map_find(struct card_map *m, const char *id)
{
	struct card_slot *s = card_map_slot(m->slots, m->cap, id);

	return s->id ? &s->card : NULL;
}

/* Adds id (not yet in m) and returns its zeroed card. */
static struct fsrs_card *card_map_add(struct card_map *m, const char *id)
{
	struct card_slot *s;

	if ((m->len + 1) * 10 > m->cap * 7) {	/* keep the load under 70% */
		size_t cap = m->cap * 2;
		struct card_slot *slots = xcalloc(cap, sizeof(*slots));

		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].id)
				*card_map_slot(slots, cap, m->slots[i].id) =
					m->slots[i];
		xfree(m->slots);
		m->slots = slots;
		m->cap = cap;
	}
	s = card_map_slot(m->slots, m->cap, id);
	s->id = xstrdup(id);
	m->len++;
	return &s->card;
}

/*
 * Reads one line, without its "\n" or "\r\n", into line.  Returns 0 at the
 * end of the input, else 1; a line longer than MAX_LINE bytes is cut there
 * and *too_long set.
 */
static int read_line(FILE *f, struct buf *line, int *too_long)
{
	int c;

	buf_clear(line);
	*too_long = 0;
	while ((c = getc(f)) != EOF && c != '\n') {
		if (line->len < MAX_LINE)
			buf_addch(line, (char)c);
		else
			*too_long = 1;
	}
	if (c == EOF && !line->len && !*too_long)
		return 0;
	if (line->len && line->s[line->len - 1] == '\r')
		buf_setlen(line, line->len - 1);
	return 1;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Splits a CSV line in place into fields (RFC 4180 quotes, inside one
 * line), trimming blanks around each.  Fills at most max pointers and
 * returns the number of fields, which may be more than max, or -1 for an
 * unclosed quote or text after a closing quote.
 */
static int split_csv(char *s, char **fields, int max)
{
	int n = 0;

	for (;;) {
		char *start, *out, end;

		while (is_blank(*s))
			s++;
		if (*s == '"') {
			start = out = ++s;
			for (;;) {
				if (!*s)
					return -1;
				if (*s == '"' && s[1] != '"')
					break;
				if (*s == '"')	/* "" stands for " */
					s++;
				*out++ = *s++;
			}
			for (s++; is_blank(*s); s++)
				;
			if (*s && *s != ',')
				return -1;
		} else {
			start = s;
			while (*s && *s != ',')
				s++;
			for (out = s; out > start && is_blank(out[-1]); out--)
				;
		}
		end = *s;	/* out may be s: read it before the NUL */
		*out = '\0';
		if (n < max)
			fields[n] = start;
		n++;
		if (!end)
			return n;
		s++;
	}
}

/* Writes s as one CSV field, quoted if it needs to be. */
static void put_csv_field(FILE *out, const char *s)
{
	size_t len = strlen(s);

	if (!strpbrk(s, ",\"\r\n") &&
	    !(len && (is_blank(s[0]) || is_blank(s[len - 1])))) {
		fputs(s, out);
		return;
	}
	putc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', out);
		putc(*s, out);
	}
	putc('"', out);
}

/*
 * Input text for a message: at most 40 bytes (cut at a UTF-8 boundary),
 * control characters shown as '?', so no input reaches the terminal raw.
 */
static const char *shown(const char *s, char out[48])
{
	size_t n = strlen(s), i;

	if (n > 40) {
		n = 40;
		while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++)
		out[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?'
								 : s[i];
	strcpy(out + i, s[n] ? "..." : "");
	return out;
}

/* Ids are echoed to the output, which may be a terminal. */
static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* Reports a bad input line the way compilers do. */
__attribute__((format(printf, 3, 4)))
static void line_error(const char *file, unsigned long line,
		       const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%lu: error: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Unix milliseconds or ISO 8601 UTC, within MAX_TIME_MS of 1970. */
static int parse_time(const char *s, int64_t *ms)
{
	const char *p = s + (*s == '-');
	int64_t v = 0;

	if (!isdigit((unsigned char)*p) || strchr(p, '-') || strchr(p, ':')) {
		if (time_parse_iso(s, &v) < 0)
			return TPM_EFORMAT;
	} else {
		for (; isdigit((unsigned char)*p); p++) {
			if (v > MAX_TIME_MS)
				return TPM_EINVAL;
			v = v * 10 + (*p - '0');
		}
		if (*p)
			return TPM_EFORMAT;
		if (*s == '-')
			v = -v;
	}
	if (v > MAX_TIME_MS || v < -MAX_TIME_MS)
		return TPM_EINVAL;
	*ms = v;
	return 0;
}

static void print_review(const char *id, int64_t t, enum fsrs_rating g,
			 const struct fsrs_review *r)
{
	char s[FSRS_NUMBER_MAX], d[FSRS_NUMBER_MAX], rr[FSRS_NUMBER_MAX] = "";

	fsrs_format_number(r->card.stability, s);
	fsrs_format_number(r->card.difficulty, d);
	if (r->has_r)
		fsrs_format_number(r->retrievability, rr);
	put_csv_field(stdout, id);
	printf(",%lld,%d,%s,%s,%s,%s,%ld,%lld\n", (long long)t, (int)g,
	       fsrs_state_name(r->card.state), s, d, rr,
	       (long)r->card.scheduled_days, (long long)r->card.due);
}

static int is_header(char **f)
{
	return !strcasecmp(f[0], "card_id") &&
	       !strcasecmp(f[1], "review_time") && !strcasecmp(f[2], "rating");
}

/*
 * Replays one line split into n fields f.  Returns 0, or -1 after
 * reporting a bad line (the card's state is then unchanged).
 */
static int replay_fields(const struct fsrs_params *p, struct card_map *cards,
			 char **f, int n, const char *file,
			 unsigned long lineno)
{
	char q[48], a[21], b[21];
	struct fsrs_card *card;
	struct fsrs_review r;
	enum fsrs_rating g;
	int64_t t;

	if (n < 0) {
		line_error(file, lineno, "unclosed quote or text after a "
			   "closing quote");
		return -1;
	}
	if (n != 3) {
		line_error(file, lineno, "expected 3 fields (card_id,"
			   "review_time,rating), found %d", n);
		return -1;
	}
	if (!*f[0]) {
		line_error(file, lineno, "empty card id");
		return -1;
	}
	if (has_control(f[0])) {
		line_error(file, lineno, "card id '%s' contains a control "
			   "character", shown(f[0], q));
		return -1;
	}
	switch (parse_time(f[1], &t)) {
	case 0:
		break;
	case TPM_EINVAL:
		line_error(file, lineno, "review time '%s' is out of range",
			   shown(f[1], q));
		return -1;
	default:
		line_error(file, lineno, "bad review time '%s' (expected "
			   "Unix milliseconds or ISO 8601 UTC such as "
			   "2025-01-31T09:00:00Z)", shown(f[1], q));
		return -1;
	}
	if (fsrs_parse_rating(f[2], &g) < 0) {
		line_error(file, lineno, "bad rating '%s' (expected 1-4 or "
			   "again, hard, good, easy)", shown(f[2], q));
		return -1;
	}
	card = card_map_find(cards, f[0]);
	if (card && t < card->last_review) {
		time_format_iso(t, a);
		time_format_iso(card->last_review, b);
		line_error(file, lineno, "card '%s' reviewed at %s, before its "
			   "previous review at %s", shown(f[0], q), a, b);
		return -1;
	}
	if (!card) {
		card = card_map_add(cards, f[0]);
		fsrs_card_new(card, t);
	}
	fsrs_review(p, card, g, t, &r);
	*card = r.card;
	print_review(f[0], t, g, &r);
	return 0;
}

/* Replays every line of in; returns the number of bad lines. */
static unsigned long replay_stream(const struct fsrs_params *p, FILE *in,
				   const char *file)
{
	struct card_map cards;
	struct buf line;
	unsigned long lineno = 0, bad = 0;
	int too_long, first = 1;

	card_map_init(&cards);
	buf_init(&line);
	printf("card_id,review_time,rating,state,stability,difficulty,"
	       "retrievability,scheduled_days,due\n");
	while (read_line(in, &line, &too_long)) {
		char *f[3];
		char *s = line.s;
		int n;

		lineno++;
		while (is_blank(*s))
			s++;
		if (too_long || memchr(line.s, '\0', line.len)) {
			if (too_long)
				line_error(file, lineno, "line longer than %d "
					   "bytes", MAX_LINE);
			else
				line_error(file, lineno, "line contains a NUL "
					   "byte");
			bad++;
			first = 0;
			continue;
		}
		if (!*s)
			continue;
		n = split_csv(s, f, 3);
		/* The header, on the first line that is not blank. */
		if (first && n == 3 && is_header(f))
			continue;
		first = 0;
		if (replay_fields(p, &cards, f, n, file, lineno) < 0)
			bad++;
	}
	buf_release(&line);
	card_map_release(&cards);
	return bad;
}

static int parse_weights(const char *s, double *w, size_t *n)
{
	char *end;
	size_t k = 0;

	for (;;) {
		double v;

		while (isspace((unsigned char)*s))
			s++;
		errno = 0;
		v = strtod(s, &end);
		if (end == s || !isfinite(v) || errno == ERANGE)
			return TPM_EFORMAT;
		if (k == FSRS_N_WEIGHTS)
			return TPM_ETOOBIG;
		w[k++] = v;
		for (s = end; isspace((unsigned char)*s); s++)
			;
		if (!*s)
			break;
		if (*s++ != ',')
			return TPM_EFORMAT;
	}
	*n = k;
	return 0;
}

/* Parses a steps option; returns 0, or EXIT_USAGE after saying why. */
static int parse_steps_option(const char *opt, const char *arg,
			      int32_t *steps, size_t *n)
{
	int r = fsrs_parse_steps(arg, steps, FSRS_MAX_STEPS);
	char q[48];

	if (r == TPM_EINVAL)
		return cli_usage_error(VERB, "%s: steps must be from 1m to "
				       "36500d, not as in '%s'", opt,
				       shown(arg, q));
	if (r == TPM_ETOOBIG)
		return cli_usage_error(VERB, "%s: at most %d steps", opt,
				       FSRS_MAX_STEPS);
	if (r < 0)
		return cli_usage_error(VERB, "%s: bad steps '%s' (expected a "
				       "list such as 1m,10m,1h,1d)", opt,
				       shown(arg, q));
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
	char q[48];
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
						       shown(optarg, q));
			break;
		case OPT_WEIGHTS:
			switch (parse_weights(optarg, w, &n_w)) {
			case 0:
				break;
			case TPM_ETOOBIG:
				return cli_usage_error(VERB, "--weights: more "
						       "than %d values",
						       FSRS_N_WEIGHTS);
			default:
				return cli_usage_error(VERB, "--weights: "
						       "expected numbers "
						       "separated by commas, "
						       "not '%s'",
						       shown(optarg, q));
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
			    v > MAX_IVL_DAYS)
				return cli_usage_error(VERB, "--max-interval "
						       "must be a whole number "
						       "of days from 1 to "
						       "36500, not '%s'",
						       shown(optarg, q));
			p.maximum_interval = (int32_t)v;
			break;
		}
		case OPT_FUZZ:
			p.enable_fuzz = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		case ':':
			return cli_usage_error(VERB, "option '%s' needs a "
					       "value", argv[optind - 1]);
		default:
			return cli_usage_error(VERB, "unknown option '%s'",
					       argv[optind - 1]);
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
	if (fflush(stdout) || ferror(stdout)) {
		cli_error("cannot write the output: %s", strerror(errno));
		return EXIT_DATA;
	}
	return bad ? EXIT_DATA : EXIT_OK;
}
