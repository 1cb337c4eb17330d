/* The replay engine: CSV review histories through the scheduler. */
#include "sched/sched_replay.h"

#include <assert.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/quote.h"
#include "sched/sched_int.h"

/* A card by id: its state, and whether a queued review will change it. */
struct replay_card {
	struct fsrs_card card;
	const char *id;
	int queued;
};

void replay_init(struct replay *r, const struct fsrs_params *p)
{
	r->params = p;
	strmap_init(&r->by_id);
	arena_init(&r->mem);
	r->started = 0;
	r->n_queued = r->n_done = 0;
}

void replay_release(struct replay *r)
{
	strmap_release(&r->by_id);
	arena_release(&r->mem);
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

/* Ids are echoed to the output, which may be a terminal. */
static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

int replay_parse_time(const char *s, int64_t *ms)
{
	const char *p = s + (*s == '-');
	int64_t v = 0;

	if (!isdigit((unsigned char)*p) || strchr(p, '-') || strchr(p, ':')) {
		if (time_parse_iso(s, &v) < 0)
			return TPM_EFORMAT;
	} else {
		for (; isdigit((unsigned char)*p); p++) {
			if (v > REPLAY_MAX_TIME_MS)
				return TPM_EINVAL;
			v = v * 10 + (*p - '0');
		}
		if (*p)
			return TPM_EFORMAT;
		if (*s == '-')
			v = -v;
	}
	if (v > REPLAY_MAX_TIME_MS || v < -REPLAY_MAX_TIME_MS)
		return TPM_EINVAL;
	*ms = v;
	return 0;
}

static int is_header(char **f)
{
	return !strcasecmp(f[0], "card_id") &&
	       !strcasecmp(f[1], "review_time") && !strcasecmp(f[2], "rating");
}

/* Appends "TEXT 'VALUE' TAIL" to err with VALUE quoted; TPM_EFORMAT. */
static int fail_on(struct buf *err, const char *text, const char *value,
		   const char *tail)
{
	buf_adds(err, text);
	buf_adds(err, " '");
	quote_add(err, value, strlen(value), 40);
	buf_addf(err, "'%s", tail);
	return TPM_EFORMAT;
}

/* The time and rating of fields f, checked; 0 or TPM_EFORMAT. */
static int parse_review(char **f, int64_t *t, enum fsrs_rating *g,
			struct buf *err)
{
	switch (replay_parse_time(f[1], t)) {
	case 0:
		break;
	case TPM_EINVAL:
		return fail_on(err, "review time", f[1], " is out of range");
	default:
		return fail_on(err, "bad review time", f[1],
			       " (expected Unix milliseconds or ISO 8601 UTC "
			       "such as 2025-01-31T09:00:00Z)");
	}
	if (fsrs_parse_rating(f[2], g) < 0)
		return fail_on(err, "bad rating", f[2],
			       " (expected 1-4 or again, hard, good, easy)");
	return 0;
}

/* Checks fields f (n of them) as one review line; 0 or TPM_EFORMAT. */
static int check_fields(char **f, int n, struct buf *err)
{
	if (n < 0) {
		buf_adds(err, "unclosed quote or text after a closing quote");
		return TPM_EFORMAT;
	}
	if (n != 3) {
		buf_addf(err, "expected 3 fields (card_id,review_time,rating), "
			      "found %d", n);
		return TPM_EFORMAT;
	}
	if (!*f[0]) {
		buf_adds(err, "empty card id");
		return TPM_EFORMAT;
	}
	if (has_control(f[0]))
		return fail_on(err, "card id", f[0],
			       " contains a control character");
	return 0;
}

/*
 * Runs the queued reviews, in input order, into the rows not yet taken.
 * Each queued card appears once, so their fuzz draws are independent and
 * are hashed side by side: most of a fuzzed review's time otherwise.
 */
static void run_queued(struct replay *r)
{
	double u[REPLAY_BATCH] = { 0 };
	size_t n = r->n_queued;

	/* The rows run last must have been taken. */
	assert(r->n_done + n <= REPLAY_BATCH);
	if (r->params->enable_fuzz) {
		char seeds[REPLAY_BATCH][FSRS_SEED_MAX];
		const char *sp[REPLAY_BATCH] = { NULL };

		for (size_t i = 0; i < n; i++) {
			fsrs_card_seed(seeds[i], &r->queued[i]->card,
				       r->queue[i].t);
			sp[i] = seeds[i];
		}
		alea_first_n(sp, u, n);
	}
	for (size_t i = 0; i < n; i++) {
		struct replay_card *c = r->queued[i];
		struct replay_row *row = &r->done[r->n_done++];

		*row = r->queue[i];
		fsrs_review_drawn(r->params, &c->card, row->rating, row->t,
				  u[i], &row->review);
		c->card = row->review.card;
		c->queued = 0;
	}
	r->n_queued = 0;
}

/* A bad line: the reviews before it are run first; TPM_EFORMAT. */
static int bad_line(struct replay *r)
{
	run_queued(r);
	return TPM_EFORMAT;
}

static struct replay_card *card_add(struct replay *r, const char *id,
				    int64_t t)
{
	struct replay_card *c = arena_calloc(&r->mem, 1, sizeof(*c));

	c->id = arena_strdup(&r->mem, id);
	*strmap_insert(&r->by_id, c->id) = c;
	fsrs_card_new(&c->card, t);
	return c;
}

int replay_line(struct replay *r, char *line, size_t len, int too_long,
		struct buf *err)
{
	char *f[3], *s = line;
	char a[TIME_ISO_MAX], b[TIME_ISO_MAX];
	struct replay_card *card;
	struct replay_row *row;
	int64_t t;
	enum fsrs_rating g;
	int n, first = !r->started;

	if (too_long || memchr(line, '\0', len)) {
		r->started = 1;
		if (too_long)
			buf_addf(err, "line longer than %d bytes",
				 REPLAY_MAX_LINE);
		else
			buf_adds(err, "line contains a NUL byte");
		return bad_line(r);
	}
	while (is_blank(*s))
		s++;
	if (!*s)
		return REPLAY_SKIP;
	r->started = 1;
	n = split_csv(s, f, 3);
	/* The header, on the first line that is not blank. */
	if (first && n == 3 && is_header(f))
		return REPLAY_SKIP;
	if (check_fields(f, n, err) < 0 || parse_review(f, &t, &g, err) < 0)
		return bad_line(r);
	card = strmap_get(&r->by_id, f[0]);
	/* Its state must be up to date, to check and to queue it. */
	if (card && card->queued)
		run_queued(r);
	if (card && t < card->card.last_review) {
		time_format_iso(t, a);
		time_format_iso(card->card.last_review, b);
		fail_on(err, "card", f[0], "");
		buf_addf(err, " reviewed at %s, before its previous review "
			      "at %s", a, b);
		return bad_line(r);
	}
	if (!card)
		card = card_add(r, f[0], t);
	card->queued = 1;
	r->queued[r->n_queued] = card;
	row = &r->queue[r->n_queued++];
	row->id = card->id;
	row->t = t;
	row->rating = g;
	if (r->n_queued == REPLAY_BATCH)
		run_queued(r);
	return REPLAY_ROW;
}

void replay_finish(struct replay *r)
{
	run_queued(r);
}

size_t replay_take(struct replay *r, const struct replay_row **rows)
{
	size_t n = r->n_done;

	*rows = r->done;
	r->n_done = 0;
	return n;
}
