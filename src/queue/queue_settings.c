/* Study settings: defaults, parsing and validation, formatting. */
#include "queue/queue_settings.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "loader/loader.h"
#include "store/store.h"

enum setting_id {
	SET_RETENTION,
	SET_WEIGHTS,
	SET_LEARNING_STEPS,
	SET_RELEARNING_STEPS,
	SET_MAXIMUM_INTERVAL,
	SET_NEW_PER_DAY,
	SET_NEW_PER_DECK,
	SET_NEW_ORDER,
	SET_REVIEWS_PER_DAY,
	SET_ROLLOVER_HOUR,
	SET_LEARN_AHEAD,
	SET_LEECH_THRESHOLD,
	SET_LEECH_ACTION,
	SET_MOCK_GRACE_SECONDS,
	SET_MOCK_BELL,
	SET_FOCUS_THRESHOLD,
	SET_COUNT
};

struct setting_info {
	const char *key;
	const char *help;
	int min, max;		/* for integers */
	size_t offset;		/* of an int field in struct settings */
};

#define INT_FIELD(f) offsetof(struct settings, f)

static const struct setting_info infos[SET_COUNT] = {
	[SET_RETENTION] = { "retention",
			    "the chance of recall at which a card comes due, "
			    "0.70 to 0.99", 0, 0, 0 },
	[SET_WEIGHTS] = { "weights",
			  "21 FSRS-6 weights, as an FSRS optimizer gives them "
			  "(17 or 19 are converted)",
			  0, 0, 0 },
	[SET_LEARNING_STEPS] = { "learning_steps",
				 "steps for a new card: '1m 10m' (m, h or d; "
				 "'' for none)", 0, 0, 0 },
	[SET_RELEARNING_STEPS] = { "relearning_steps",
				   "steps after a lapse, as learning_steps", 0, 0, 0 },
	[SET_MAXIMUM_INTERVAL] = { "maximum_interval",
				   "the longest interval in days, 1 to 36500", 1,
				   FSRS_MAX_INTERVAL, INT_FIELD(maximum_interval) },
	[SET_NEW_PER_DAY] = { "new_per_day", "new cards a day, 0 to 9999", 0, 9999,
			      INT_FIELD(new_per_day) },
	[SET_NEW_PER_DECK] = { "new_per_deck",
				"new cards a day from any one deck, 0 to 9999 "
				"(0: no limit but new_per_day)", 0, 9999,
				INT_FIELD(new_per_deck) },
	[SET_NEW_ORDER] = { "new_order",
			    "the order of new cards: interleave (a card from "
			    "each deck in turn), deck (deck after deck) or "
			    "random (shuffled, the same all day)", 0, 0, 0 },
	[SET_REVIEWS_PER_DAY] = { "reviews_per_day", "reviews a day, 0 to 99999", 0,
				  99999, INT_FIELD(reviews_per_day) },
	[SET_ROLLOVER_HOUR] = { "rollover_hour",
				"the local hour a study day starts at, 0 to 23",
				0, 23, INT_FIELD(rollover_hour) },
	[SET_LEARN_AHEAD] = { "learn_ahead",
			      "minutes a learning step may come early when "
			      "nothing else is due", 0, 1440,
			      INT_FIELD(learn_ahead) },
	[SET_LEECH_THRESHOLD] = { "leech_threshold",
				  "lapses that make a card a leech (0: never)",
				  0, 999, INT_FIELD(leech_threshold) },
	[SET_LEECH_ACTION] = { "leech_action",
			       "what a leech gets: suspend or tag", 0,
			       0, 0 },
	[SET_MOCK_GRACE_SECONDS] = { "mock_grace_seconds",
				     "seconds a mock phase may run over before "
				     "the interviewer moves on, 0 to 3600",
				     0, 3600, INT_FIELD(mock_grace_seconds) },
	[SET_FOCUS_THRESHOLD] = { "focus_threshold",
				  "a rubric criterion averaging this or less "
				  "over its last three mocks is a focus, 1.0 "
				  "to 4.0", 0, 0, 0 },
	[SET_MOCK_BELL] = { "mock_bell",
			    "1 rings the terminal bell when a mock phase runs "
			    "out, 0 never", 0, 1, INT_FIELD(mock_bell) },
};

void settings_default(struct settings *s)
{
	struct fsrs_params p;

	memset(s, 0, sizeof(*s));
	fsrs_params_default(&p);
	s->retention = p.request_retention;
	s->n_weights = 0;
	memcpy(s->learning_steps, p.learning_steps,
	       sizeof(s->learning_steps));
	s->n_learning_steps = p.n_learning_steps;
	memcpy(s->relearning_steps, p.relearning_steps,
	       sizeof(s->relearning_steps));
	s->n_relearning_steps = p.n_relearning_steps;
	s->maximum_interval = p.maximum_interval;
	s->new_per_day = 20;
	s->reviews_per_day = 200;
	s->rollover_hour = 4;
	s->learn_ahead = 20;
	s->leech_threshold = 8;
	s->mock_grace_seconds = 60;
	s->mock_bell = 1;
	s->leech_action = LEECH_SUSPEND;
	s->new_order = NEW_ORDER_INTERLEAVE;
	s->focus_threshold = 2.5;
}

/* The words of the settings that take one, in enum order. */
static const char *const leech_actions[] = { "suspend", "tag", NULL };
static const char *const new_orders[] = { "interleave", "deck", "random",
					  NULL };

/* Parses one of names into *out; err lists them when it is none. */
static int parse_word(const char *v, const char *const *names, int *out,
		      struct buf *err)
{
	for (int i = 0; names[i]; i++) {
		if (!strcmp(v, names[i])) {
			*out = i;
			return 0;
		}
	}
	buf_adds(err, "want ");
	for (int i = 0; names[i]; i++)
		buf_addf(err, "%s%s", i ? names[i + 1] ? ", " : " or " : "",
			 names[i]);
	return TPM_EINVAL;
}

void settings_fsrs_params(const struct settings *s, struct fsrs_params *p)
{
	fsrs_params_default(p);
	p->request_retention = s->retention;
	p->maximum_interval = s->maximum_interval;
	p->enable_fuzz = 1;
	memcpy(p->learning_steps, s->learning_steps,
	       sizeof(p->learning_steps));
	p->n_learning_steps = s->n_learning_steps;
	memcpy(p->relearning_steps, s->relearning_steps,
	       sizeof(p->relearning_steps));
	p->n_relearning_steps = s->n_relearning_steps;
	/* Clipping depends on the relearning steps: apply the weights last. */
	if (!s->n_weights ||
	    fsrs_params_set_weights(p, s->weights, s->n_weights) < 0)
		fsrs_params_clip(p);
}

static int find_key(const char *key)
{
	for (int i = 0; i < SET_COUNT; i++)
		if (!strcmp(infos[i].key, key))
			return i;
	return -1;
}

const char *settings_key(size_t i)
{
	return i < SET_COUNT ? infos[i].key : NULL;
}

const char *settings_help(const char *key)
{
	int id = find_key(key);

	return id < 0 ? NULL : infos[id].help;
}

const char *settings_suggest(const char *key)
{
	size_t len = strlen(key);
	const char *prefixed = NULL;
	int n_prefixed = 0;
	struct suggest sg;

	suggest_init(&sg, key);
	for (int i = 0; i < SET_COUNT; i++) {
		suggest_consider(&sg, infos[i].key);
		if (len >= 3 && !strncmp(infos[i].key, key, len)) {
			prefixed = infos[i].key;
			n_prefixed++;
		}
	}
	if (sg.best)
		return sg.best;
	/* "new" for new_per_day: a unique start of a key is meant. */
	return n_prefixed == 1 ? prefixed : NULL;
}

static int parse_int(const char *v, long min, long max, long *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	/* strtol() skips leading blanks; trailing ones are refused: both. */
	if (end == v || *end || isspace((unsigned char)*v) || errno ||
	    n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

/* A number from lo to hi into *out; err names the range (its format). */
static int parse_number(const char *v, double lo, double hi,
			const char *range, double *out, struct buf *err)
{
	char *end;
	double r;

	errno = 0;
	r = strtod(v, &end);
	/* Blanks around the number are refused at both ends alike. */
	if (end == v || *end || isspace((unsigned char)*v) || errno ||
	    !isfinite(r) || r < lo || r > hi) {
		buf_addf(err, "want a number from %s", range);
		return TPM_EINVAL;
	}
	*out = r;
	return 0;
}

static int parse_steps(int32_t *steps, size_t *n, const char *v,
		       struct buf *err)
{
	int32_t tmp[FSRS_MAX_STEPS];
	int ret = fsrs_parse_steps(v, tmp, FSRS_MAX_STEPS);

	if (ret == TPM_ETOOBIG) {
		buf_addf(err, "want at most %d steps", FSRS_MAX_STEPS);
		return TPM_EINVAL;
	}
	if (ret == TPM_EINVAL) {
		buf_adds(err, "want steps from 1m to 36500d");
		return TPM_EINVAL;
	}
	if (ret < 0) {
		buf_adds(err, "want steps such as '1m 10m' (a number and m "
			      "for minutes, h for hours or d for days)");
		return TPM_EINVAL;
	}
	memcpy(steps, tmp, sizeof(tmp));
	*n = (size_t)ret;
	return 0;
}

/* A number as short as it can be and still read back the same. */
static void add_number(struct buf *out, double x)
{
	char tmp[32];

	for (int prec = 6; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, x);
		if (strtod(tmp, NULL) == x)
			break;
	}
	buf_adds(out, tmp);
}

/*
 * strict refuses weights the scheduler would clip.  The database's value
 * is read without it: the clipping bounds move with the relearning steps,
 * and a later change of those must not make the settings unreadable.
 */
static int parse_weights(struct settings *s, const char *v, struct buf *err,
			 int strict)
{
	double w[FSRS_N_WEIGHTS];
	struct fsrs_params p;
	size_t n = 0;
	int ret = fsrs_parse_weights(v, w, &n);

	if (ret == TPM_EFORMAT) {
		buf_addf(err, "weight %zu is not a number", n + 1);
		return TPM_EINVAL;
	}
	if (ret < 0 || (n != 17 && n != 19 && n != 21)) {
		buf_addf(err, "want 21 numbers (or 17 or 19 from FSRS-4.5 or "
			      "FSRS-5), got %s%zu", ret < 0 ? "more than " : "",
			 n);
		return TPM_EINVAL;
	}
	/* Out-of-range weights would be clipped without a word: refuse. */
	settings_fsrs_params(s, &p);
	if (fsrs_params_set_weights(&p, w, n) < 0) {
		buf_adds(err, "want 21 finite numbers");
		return TPM_EINVAL;
	}
	for (size_t i = 0; strict && n == FSRS_N_WEIGHTS && i < n; i++) {
		if (p.w[i] != w[i]) {
			buf_addf(err, "weight w%zu = ", i);
			add_number(err, w[i]);
			buf_adds(err, " is out of range (the nearest allowed "
				      "is ");
			add_number(err, p.w[i]);
			buf_adds(err, ")");
			return TPM_EINVAL;
		}
	}
	memcpy(s->weights, w, n * sizeof(*w));
	s->n_weights = n;
	return 0;
}

/* The int setting id of s (infos[id].offset is set). */
static int *int_field(struct settings *s, int id)
{
	return (int *)((char *)s + infos[id].offset);
}

static int int_value(const struct settings *s, int id)
{
	return *(const int *)((const char *)s + infos[id].offset);
}

static int parse_value(struct settings *s, const char *key, const char *value,
		       struct buf *err, int strict)
{
	int id = find_key(key);
	struct settings t;
	long n;
	int word;
	int ret = 0;

	if (id < 0)
		return TPM_ENOENT;
	t = *s;
	switch (id) {
	case SET_RETENTION:
		/* Below 0.7 reviews come too late to be useful; at 1 never. */
		ret = parse_number(value, 0.7, 0.99, "0.70 to 0.99",
				   &t.retention, err);
		break;
	case SET_FOCUS_THRESHOLD:
		ret = parse_number(value, 1, 4, "1.0 to 4.0",
				   &t.focus_threshold, err);
		break;
	case SET_WEIGHTS:
		ret = parse_weights(&t, value, err, strict);
		break;
	case SET_LEARNING_STEPS:
		ret = parse_steps(t.learning_steps, &t.n_learning_steps, value,
				  err);
		break;
	case SET_RELEARNING_STEPS:
		ret = parse_steps(t.relearning_steps, &t.n_relearning_steps,
				  value, err);
		break;
	case SET_LEECH_ACTION:
		ret = parse_word(value, leech_actions, &word, err);
		if (ret == 0)
			t.leech_action = (enum leech_action)word;
		break;
	case SET_NEW_ORDER:
		ret = parse_word(value, new_orders, &word, err);
		if (ret == 0)
			t.new_order = (enum new_order)word;
		break;
	default:
		if (parse_int(value, infos[id].min, infos[id].max, &n) < 0) {
			buf_addf(err, "want a whole number from %d to %d",
				 infos[id].min, infos[id].max);
			ret = TPM_EINVAL;
			break;
		}
		*int_field(&t, id) = (int)n;
		break;
	}
	if (ret == 0)
		*s = t;
	return ret;
}

int settings_parse(struct settings *s, const char *key, const char *value,
		   struct buf *err)
{
	return parse_value(s, key, value, err, 1);
}

static void format_steps(const int32_t *steps, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n; i++) {
		int32_t m = steps[i];

		if (i)
			buf_addch(out, ' ');
		if (m % 1440 == 0)
			buf_addf(out, "%dd", (int)(m / 1440));
		else if (m % 60 == 0)
			buf_addf(out, "%dh", (int)(m / 60));
		else
			buf_addf(out, "%dm", (int)m);
	}
}

void settings_format(const struct settings *s, const char *key,
		     struct buf *out)
{
	int id = find_key(key);
	struct fsrs_params p;

	switch (id) {
	case SET_RETENTION:
		add_number(out, s->retention);
		break;
	case SET_FOCUS_THRESHOLD:
		add_number(out, s->focus_threshold);
		break;
	case SET_WEIGHTS:
		/* As given; the defaults are FSRS-6's. */
		if (s->n_weights) {
			for (size_t i = 0; i < s->n_weights; i++) {
				if (i)
					buf_adds(out, ", ");
				add_number(out, s->weights[i]);
			}
		} else {
			fsrs_params_default(&p);
			for (size_t i = 0; i < FSRS_N_WEIGHTS; i++) {
				if (i)
					buf_adds(out, ", ");
				add_number(out, p.w[i]);
			}
		}
		break;
	case SET_LEARNING_STEPS:
		format_steps(s->learning_steps, s->n_learning_steps, out);
		break;
	case SET_RELEARNING_STEPS:
		format_steps(s->relearning_steps, s->n_relearning_steps, out);
		break;
	case SET_LEECH_ACTION:
		buf_adds(out, leech_actions[s->leech_action]);
		break;
	case SET_NEW_ORDER:
		buf_adds(out, new_orders[s->new_order]);
		break;
	default:
		if (id >= 0)
			buf_addf(out, "%d", int_value(s, id));
		break;
	}
}

int settings_is_default(const struct settings *s, const char *key)
{
	struct settings d;
	struct buf a, b;
	int same;

	settings_default(&d);
	buf_init(&a);
	buf_init(&b);
	settings_format(s, key, &a);
	settings_format(&d, key, &b);
	same = !strcmp(a.s, b.s);
	buf_release(&a);
	buf_release(&b);
	return same;
}

struct load_ctx {
	struct settings *s;
	struct buf *err;
	const char *path;
};

static int load_one(void *vctx, const char *key, const char *value)
{
	struct load_ctx *ctx = vctx;
	struct buf why;
	int ret;

	buf_init(&why);
	ret = parse_value(ctx->s, key, value, &why, 0);
	if (ret == TPM_EINVAL) {
		buf_addf(ctx->err,
			 "%s: setting '%s' has a bad value '%s' (%s); set it "
			 "with 'tpmtrain config %s VALUE'",
			 ctx->path, key, value, why.s, key);
		ret = TPM_EFORMAT;
	} else if (ret == TPM_ENOENT) {
		ret = 0;	/* from a newer tpmtrain: not ours to judge */
	}
	buf_release(&why);
	return ret;
}

int settings_load(struct settings *s, struct store *st, struct buf *err)
{
	struct settings t;
	struct load_ctx ctx = { &t, err, store_path(st) };
	int ret;

	settings_default(&t);
	/*
	 * Stored in key order, so learning_steps and relearning_steps come
	 * before weights, whose clipping depends on them.
	 */
	ret = store_setting_each(st, load_one, &ctx);
	if (ret < 0 && ret != TPM_EFORMAT)
		buf_adds(err, store_errmsg(st));
	if (ret == 0)
		*s = t;
	return ret;
}
