#include "sched/sched.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "core/err.h"
#include "sched/sched_int.h"

/*
 * FSRS-6 as ts-fsrs 5.4.2 computes it (src/sched/SPEC.md).  Every
 * expression keeps the reference's operand order and its rounding points
 * (round8, Math.round), because the test vectors are matched bit for bit
 * and a reordered product can move a stability across a rounding boundary.
 */

#define S_MIN 0.001
#define S_MAX 36500.0
#define INIT_S_MAX 100.0
#define MS_PER_MIN INT64_C(60000)
#define MAX_STEP_MIN (FSRS_MAX_INTERVAL * 1440)
#define DEFAULT_RETENTION 0.9

static const double default_w[FSRS_N_WEIGHTS] = {
	0.212, 1.2931, 2.3065, 8.2956,		/* initial S per grade */
	6.4133, 0.8334, 3.0194, 0.001,		/* difficulty */
	1.8722, 0.1666, 0.796,			/* recall S */
	1.4835, 0.0614, 0.2629, 1.6483,		/* lapse S */
	0.6014, 1.8729,				/* hard penalty, easy bonus */
	0.5425, 0.0912, 0.0658,			/* short-term S */
	0.1542,					/* decay */
};

/*
 * Math.max, Math.min and clamp() for numbers that are never NaN here;
 * fmax() and fmin() are library calls on x86-64.
 */
static double dmax(double a, double b)
{
	return a > b ? a : b;
}

static double dmin(double a, double b)
{
	return a < b ? a : b;
}

static double clamp(double x, double lo, double hi)
{
	return dmin(dmax(x, lo), hi);
}

/* JS `x || 0` for a number: NaN (and -0) become 0. */
static double or_zero(double x)
{
	return isnan(x) ? 0 : x;
}

/*
 * clipParameters(): clamps the first n weights (17, 19 or 21) into the
 * reference's bounds.  With several relearning steps, w17 and w18 get a
 * lower ceiling, so that a lapse followed by those same-day steps cannot
 * end above the stability before the lapse: the post-lapse stability
 * (taken at D 1, S 1, R 0.7) times e^(steps * w17 * w18) stays <= 1
 * (fsrs-rs parameter_clipper.rs).
 */
static void clip_weights(const double *in, size_t n, size_t n_relearning,
			 int short_term, double *out)
{
	double bounds[FSRS_N_WEIGHTS][2] = {
		{ S_MIN, INIT_S_MAX }, { S_MIN, INIT_S_MAX },
		{ S_MIN, INIT_S_MAX }, { S_MIN, INIT_S_MAX },
		{ 1, 10 }, { 0.001, 4 }, { 0.001, 4 }, { 0.001, 0.75 },
		{ 0, 4.5 }, { 0, 0.8 }, { 0.001, 3.5 },
		{ 0.001, 5 }, { 0.001, 0.25 }, { 0.001, 0.9 }, { 0, 4 },
		{ 0, 1 }, { 1, 6 },
		{ 0, 2 }, { 0, 2 }, { short_term ? 0.01 : 0, 0.8 },
		{ 0.1, 0.8 },
	};

	if (n_relearning > 1 && n > 18) {
		double w11 = clamp(or_zero(in[11]), bounds[11][0],
				   bounds[11][1]);
		double w13 = clamp(or_zero(in[13]), bounds[13][0],
				   bounds[13][1]);
		double w14 = clamp(or_zero(in[14]), bounds[14][0],
				   bounds[14][1]);
		double v = -(log(w11) + log(pow(2, w13) - 1) + w14 * 0.3) /
			   (double)n_relearning;
		double ceiling = clamp(round8(sqrt(dmax(v, 0))), 0.01, 2);

		bounds[17][1] = ceiling;
		bounds[18][1] = ceiling;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = clamp(or_zero(in[i]), bounds[i][0], bounds[i][1]);
}

static size_t n_steps(size_t n)
{
	return n < FSRS_MAX_STEPS ? n : FSRS_MAX_STEPS;
}

/* init_difficulty(): D0(G), unclamped and to 8 decimals. */
static double init_difficulty(const double *w, int g)
{
	return round8(w[4] - exp((g - 1) * w[5]) + 1);
}

/* `request_retention || 0.9`: 0 (or NaN) means the default. */
static double or_default(double retention)
{
	return retention == 0 || isnan(retention) ? DEFAULT_RETENTION
						  : retention;
}

/* computeDecayFactor(): 0.9^(-1/w20) - 1 to 8 decimals. */
static double decay_factor(double w20)
{
	return round8(exp(1 / -w20 * log(0.9)) - 1);
}

/*
 * The terms of the weights and the retention that do not change from one
 * review to the next: the decay factor, the interval modifier and
 * D0(Easy), each exactly as the reference computes them.
 */
static void derive(const double *w, double retention, struct fsrs_derived *d)
{
	double decay = -w[20];

	d->w4 = w[4];
	d->w5 = w[5];
	d->w20 = w[20];
	d->retention = retention;
	d->factor = decay_factor(w[20]);
	d->im = round8((pow(retention, 1 / decay) - 1) / d->factor);
	d->d0_easy = init_difficulty(w, FSRS_EASY);
}

void fsrs_params_default(struct fsrs_params *p)
{
	memset(p, 0, sizeof(*p));
	p->request_retention = DEFAULT_RETENTION;
	p->maximum_interval = FSRS_MAX_INTERVAL;
	p->enable_fuzz = 0;
	p->enable_short_term = 1;
	p->learning_steps[0] = 1;
	p->learning_steps[1] = 10;
	p->n_learning_steps = 2;
	p->relearning_steps[0] = 10;
	p->n_relearning_steps = 1;
	memcpy(p->w, default_w, sizeof(p->w));
	fsrs_params_clip(p);
}

void fsrs_params_clip(struct fsrs_params *p)
{
	clip_weights(p->w, FSRS_N_WEIGHTS, n_steps(p->n_relearning_steps),
		     p->enable_short_term, p->w);
	derive(p->w, or_default(p->request_retention), &p->derived);
}

int fsrs_params_set_weights(struct fsrs_params *p, const double *w, size_t n)
{
	double m[FSRS_N_WEIGHTS];

	if (n != 17 && n != 19 && n != 21)
		return TPM_EINVAL;
	for (size_t i = 0; i < n; i++)
		if (!isfinite(w[i]))
			return TPM_EINVAL;
	/* migrateParameters(): clip the given length, then extend it. */
	clip_weights(w, n, n_steps(p->n_relearning_steps),
		     p->enable_short_term, m);
	if (n == 17) {
		/* FSRS-4.5 difficulty in FSRS-5 terms, to 8 decimals. */
		m[4] = js_fixed8(m[5] * 2 + m[4]);
		m[5] = js_fixed8(log(m[5] * 3 + 1) / 3);
		m[6] = js_fixed8(m[6] + 0.5);
		m[17] = 0;
		m[18] = 0;
	}
	if (n < 21) {
		m[19] = 0;
		m[20] = 0.5;	/* the FSRS-5 decay */
	}
	/* prepare_parameters() clips the 21 again: w19 0 may become 0.01. */
	clip_weights(m, FSRS_N_WEIGHTS, n_steps(p->n_relearning_steps),
		     p->enable_short_term, p->w);
	derive(p->w, or_default(p->request_retention), &p->derived);
	return 0;
}

static const char *skip_space(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

int fsrs_parse_steps(const char *s, int32_t *out, size_t max)
{
	size_t n = 0;

	for (s = skip_space(s); *s; s = skip_space(s)) {
		int64_t v = 0;
		const char *start;

		/* Steps are separated by a comma, spaces or both. */
		if (n > 0 && *s == ',')
			s = skip_space(s + 1);
		for (start = s; isdigit((unsigned char)*s); s++)
			if (v <= MAX_STEP_MIN)	/* no overflow */
				v = v * 10 + (*s - '0');
		if (s == start)
			return TPM_EFORMAT;
		switch (*s++) {
		case 'm':
			break;
		case 'h':
			v *= 60;
			break;
		case 'd':
			v *= 1440;
			break;
		default:
			return TPM_EFORMAT;
		}
		if (*s && *s != ',' && !isspace((unsigned char)*s))
			return TPM_EFORMAT;
		if (v <= 0 || v > MAX_STEP_MIN)
			return TPM_EINVAL;
		if (n == max)
			return TPM_ETOOBIG;
		out[n++] = (int32_t)v;
	}
	return (int)n;
}

int fsrs_parse_weights(const char *s, double *w, size_t *n)
{
	size_t k = 0;

	for (s = skip_space(s); *s; s = skip_space(s)) {
		char *end;
		double v;

		/* Like steps: separated by a comma, spaces or both. */
		if (k > 0 && *s == ',')
			s = skip_space(s + 1);
		errno = 0;
		v = strtod(s, &end);
		if (end == s || errno == ERANGE || !isfinite(v) ||
		    (*end && *end != ',' && !isspace((unsigned char)*end))) {
			*n = k;
			return TPM_EFORMAT;
		}
		if (k == FSRS_N_WEIGHTS) {
			*n = k;
			return TPM_ETOOBIG;
		}
		w[k++] = v;
		s = end;
	}
	*n = k;
	return 0;
}

void fsrs_card_new(struct fsrs_card *c, int64_t now)
{
	memset(c, 0, sizeof(*c));
	c->state = FSRS_NEW;
	c->due = now;
}

/*
 * What one review at now shares between the four grades, as ts-fsrs's
 * AbstractScheduler.init() and the FSRS constructor work it out.  The terms
 * that do not depend on the grade are computed once per review, in the
 * reference's operand order, so sharing them changes no bit of the result.
 */
struct sched_run {
	const struct fsrs_params *p;
	const struct fsrs_card *c;
	int64_t now;
	int32_t elapsed;	/* UTC calendar days since the last review */
	int32_t max_ivl;
	int is_new;		/* S = D = 0: initial S and D */
	int short_term;		/* a same-day review with short-term on */
	double s, d;		/* the memory state before, in range */
	double decay, factor;	/* of the forgetting curve */
	double im;		/* interval modifier for the retention */
	double r;		/* R(elapsed, S), unless is_new */
	double u;		/* the fuzz draw of this review */
	double d0_easy;		/* D0(Easy), unclamped */
	double short_base;	/* S^-w19, for short_term */
	double recall_base;	/* e^w8 (11 - D) S^-w9 (e^(w10 (1 - R)) - 1) */
	int have_recall_base;
	double next_s[4];	/* S' per grade once computed, else 0 */
};

static int64_t utc_day(int64_t ms)
{
	return ms / MS_PER_DAY - (ms % MS_PER_DAY < 0);
}

/* forgetting_curve(): (1 + factor * t / S)^decay to 8 decimals. */
static double forgetting_curve(double decay, double factor, double t,
			       double s)
{
	return round8(pow(1 + factor * t / s, decay));
}

/* Sets run up for card c at now; u is the fuzz draw, or NULL to make it. */
static void run_init(struct sched_run *run, const struct fsrs_params *p,
		     const struct fsrs_card *c, int64_t now, const double *u)
{
	const double *w = p->w;
	double retention = p->request_retention;
	const struct fsrs_derived *dv;
	struct fsrs_derived fresh;

	/* Field by field: a memset of the whole struct shows in profiles. */
	run->p = p;
	run->c = c;
	run->now = now;
	run->elapsed = 0;
	run->short_term = 0;
	run->s = run->d = run->r = run->u = 0;
	run->have_recall_base = 0;
	for (int g = 0; g < 4; g++)
		run->next_s[g] = 0;
	if (c->state != FSRS_NEW && c->last_review) {
		int64_t days = utc_day(now) - utc_day(c->last_review);

		/* A clock set back counts as the same day. */
		run->elapsed = days <= 0	   ? 0
			       : days < INT32_MAX ? (int32_t)days
						  : INT32_MAX;
	}
	run->max_ivl = p->maximum_interval ? p->maximum_interval
					   : FSRS_MAX_INTERVAL;
	/* Room for the + 1s of the ordering of grades. */
	if (run->max_ivl > INT32_MAX - 4)
		run->max_ivl = INT32_MAX - 4;
	retention = or_default(retention);
	run->decay = -w[20];
	dv = &p->derived;
	if (dv->w20 != w[20] || dv->w4 != w[4] || dv->w5 != w[5] ||
	    dv->retention != retention) {
		/* Fields were set directly since the last setter. */
		derive(w, retention, &fresh);
		dv = &fresh;
	}
	run->factor = dv->factor;
	run->im = dv->im;
	run->d0_easy = dv->d0_easy;
	run->is_new = c->stability == 0 && c->difficulty == 0;
	if (!run->is_new) {
		run->s = dmax(c->stability, S_MIN);
		run->d = clamp(c->difficulty, 1, 10);
		run->r = forgetting_curve(run->decay, run->factor,
					  run->elapsed, run->s);
		run->short_term = run->elapsed == 0 && p->enable_short_term;
		if (run->short_term)
			run->short_base = pow(run->s, -w[19]);
	}
	if (p->enable_fuzz && u) {
		run->u = *u;
	} else if (p->enable_fuzz) {
		char seed[FSRS_SEED_MAX];

		fsrs_card_seed(seed, c, now);
		run->u = alea_first(seed);
	}
}

/* next_difficulty(): linear damping, then mean reversion to D0(Easy). */
static double next_difficulty(const struct sched_run *run, int g)
{
	const double *w = run->p->w;
	double d = run->d;
	double delta_d = -w[6] * (g - 3);
	double next_d = d + round8(delta_d * (10 - d) / 9);

	return clamp(round8(w[7] * run->d0_easy + (1 - w[7]) * next_d), 1, 10);
}

/* next_state(): the stability after grade g. */
static double compute_stability(struct sched_run *run, int g)
{
	const double *w = run->p->w;
	double s = run->s;

	if (run->is_new)
		return dmax(w[g - 1], 0.1);
	if (run->short_term) {
		/* Same-day review: short-term stability. */
		double sinc = run->short_base * exp(w[17] * (g - 3 + w[18]));

		if (g >= FSRS_HARD)
			sinc = dmax(sinc, 1);
		return round8(clamp(s * sinc, S_MIN, S_MAX));
	}
	if (g == FSRS_AGAIN) {
		double sf = round8(clamp(w[11] * pow(run->d, -w[12]) *
					 (pow(s + 1, w[13]) - 1) *
					 exp((1 - run->r) * w[14]),
					 S_MIN, S_MAX));
		double w17 = 0, w18 = 0;

		if (run->p->enable_short_term) {
			w17 = w[17];
			w18 = w[18];
		}
		return clamp(round8(s / exp(w17 * w18)), S_MIN, sf);
	}
	if (!run->have_recall_base) {
		run->recall_base = exp(w[8]) * (11 - run->d) * pow(s, -w[9]) *
				   (exp((1 - run->r) * w[10]) - 1);
		run->have_recall_base = 1;
	}
	return round8(clamp(s * (1 + run->recall_base *
				 (g == FSRS_HARD ? w[15] : 1) *
				 (g == FSRS_EASY ? w[16] : 1)),
			    S_MIN, S_MAX));
}

/* Review states need other grades' stabilities: each is computed once. */
static double next_stability(struct sched_run *run, int g)
{
	if (!run->next_s[g - 1])	/* S' >= S_MIN > 0 */
		run->next_s[g - 1] = compute_stability(run, g);
	return run->next_s[g - 1];
}

/* next_interval(): whole days for stability s, fuzzed if enabled. */
static int32_t next_interval(const struct sched_run *run, double s)
{
	double ivl = dmin(dmax(1, js_round(s * run->im)), run->max_ivl);

	if (!run->p->enable_fuzz)
		return (int32_t)ivl;
	return fuzz_apply((int32_t)ivl, run->elapsed, run->max_ivl, run->u);
}

/*
 * BasicLearningStepsStrategy(): the minutes of the (re)learning step that
 * grade g leads to (0 for none: the card graduates) and the step index
 * after it.  Review and Relearning cards use the relearning steps.
 */
static int32_t step_minutes(const struct fsrs_params *p,
			    const struct fsrs_card *c, int g, int32_t *next)
{
	int relearn = c->state == FSRS_REVIEW || c->state == FSRS_RELEARNING;
	const int32_t *steps = relearn ? p->relearning_steps
				       : p->learning_steps;
	size_t n = n_steps(relearn ? p->n_relearning_steps
				   : p->n_learning_steps);
	int32_t cur = c->learning_step;

	*next = 0;
	if (n == 0 || (cur >= 0 && (size_t)cur >= n))
		return 0;
	if (c->state == FSRS_REVIEW)
		return g == FSRS_AGAIN ? steps[cur > 0 ? cur : 0] : 0;
	switch (g) {
	case FSRS_AGAIN:
		return steps[0];
	case FSRS_HARD:
		/* Hard repeats the step; its delay mixes the first two. */
		*next = cur;
		if (n == 1)
			return (int32_t)js_round(steps[0] * 1.5);
		return (int32_t)js_round((steps[0] + (double)steps[1]) / 2);
	case FSRS_GOOD:
		if (cur + 1 >= 0 && (size_t)(cur + 1) < n && steps[cur + 1]) {
			*next = cur + 1;
			return steps[cur + 1];
		}
		return 0;
	default:
		return 0;
	}
}

/*
 * applyLearningSteps(): puts card out (already holding its new memory
 * state) on the step that grade g leads to, or graduates it to Review.
 */
static void apply_steps(const struct sched_run *run, int g,
			enum fsrs_state to_state, struct fsrs_card *out)
{
	int32_t next;
	int32_t m = step_minutes(run->p, run->c, g, &next);

	if (m < 0)
		m = 0;
	if (next < 0)
		next = 0;
	if (m > 0 && m < 1440) {
		out->learning_step = next;
		out->scheduled_days = 0;
		out->state = to_state;
		out->due = run->now + m * MS_PER_MIN;
	} else if (m >= 1440) {
		/* A step of a day or more is already a review. */
		out->state = FSRS_REVIEW;
		out->learning_step = next;
		out->due = run->now + m * MS_PER_MIN;
		out->scheduled_days = m / 1440;
	} else {
		int32_t ivl = next_interval(run, out->stability);

		out->state = FSRS_REVIEW;
		out->learning_step = 0;
		out->scheduled_days = ivl;
		out->due = run->now + ivl * MS_PER_DAY;
	}
}

/* The card after grade g, with stability s: memory state and counters. */
static void next_card(const struct sched_run *run, int g, double s,
		      struct fsrs_card *out)
{
	*out = *run->c;
	out->reps++;
	out->last_review = run->now;
	out->stability = s;
	out->difficulty = run->is_new
		? clamp(init_difficulty(run->p->w, g), 1, 10)
		: next_difficulty(run, g);
}

static void set_days(const struct sched_run *run, struct fsrs_card *out,
		     int32_t ivl)
{
	out->state = FSRS_REVIEW;
	out->learning_step = 0;
	out->scheduled_days = ivl;
	out->due = run->now + ivl * MS_PER_DAY;
}

static int32_t max_i32(int32_t a, int32_t b)
{
	return a > b ? a : b;
}

static int32_t min_i32(int32_t a, int32_t b)
{
	return a < b ? a : b;
}

/*
 * BasicScheduler.reviewState(): Again goes to the relearning steps; Hard,
 * Good and Easy get intervals forced into Hard < Good < Easy, which is why
 * a Good review also needs the Hard stability.  The constraint may push
 * Good and Easy past the maximum interval, as in the reference.
 */
static void basic_review_state(struct sched_run *run, int g,
			       struct fsrs_card *out)
{
	double s = next_stability(run, g);
	int32_t hard, good;

	next_card(run, g, s, out);
	if (g == FSRS_AGAIN) {
		apply_steps(run, g, FSRS_RELEARNING, out);
		out->lapses++;
		return;
	}
	hard = next_interval(run, g == FSRS_HARD ? s
				  : next_stability(run, FSRS_HARD));
	good = next_interval(run, g == FSRS_GOOD ? s
				  : next_stability(run, FSRS_GOOD));
	hard = min_i32(hard, good);
	good = max_i32(good, hard + 1);
	if (g == FSRS_HARD)
		set_days(run, out, hard);
	else if (g == FSRS_GOOD)
		set_days(run, out, good);
	else
		set_days(run, out, max_i32(next_interval(run, s), good + 1));
}

/*
 * LongTermScheduler: no steps; every grade goes to Review with intervals
 * forced into Again < Hard < Good < Easy.  Grade g depends on the grades
 * below it (and Again on Hard), so those are computed too.
 */
static void long_term(struct sched_run *run, int g, struct fsrs_card *out)
{
	int32_t ivl[4];
	int top = g > FSRS_HARD ? g : FSRS_HARD;
	double s = 0;

	for (int k = FSRS_AGAIN; k <= top; k++) {
		double sk = next_stability(run, k);

		ivl[k - 1] = next_interval(run, sk);
		if (k == g)
			s = sk;
	}
	ivl[0] = min_i32(ivl[0], ivl[1]);
	for (int k = 1; k < top; k++)
		ivl[k] = max_i32(ivl[k], ivl[k - 1] + 1);
	next_card(run, g, s, out);
	set_days(run, out, ivl[g - 1]);
	if (g == FSRS_AGAIN && run->c->state != FSRS_NEW)
		out->lapses++;
}

static void review_one(struct sched_run *run, int g, struct fsrs_review *out)
{
	const struct fsrs_card *c = run->c;

	out->state_before = c->state;
	out->elapsed_days = run->elapsed;
	out->has_r = c->state != FSRS_NEW;
	out->retrievability = out->has_r ? run->r : 0;
	if (!run->p->enable_short_term) {
		long_term(run, g, &out->card);
	} else if (c->state == FSRS_REVIEW) {
		basic_review_state(run, g, &out->card);
	} else {
		next_card(run, g, next_stability(run, g), &out->card);
		apply_steps(run, g,
			    c->state == FSRS_NEW ? FSRS_LEARNING : c->state,
			    &out->card);
	}
}

void fsrs_review(const struct fsrs_params *p, const struct fsrs_card *c,
		 enum fsrs_rating rating, int64_t now, struct fsrs_review *out)
{
	struct sched_run run;

	assert(rating >= FSRS_AGAIN && rating <= FSRS_EASY);
	run_init(&run, p, c, now, NULL);
	review_one(&run, rating, out);
}

void fsrs_card_seed(char *out, const struct fsrs_card *c, int64_t now)
{
	fuzz_seed(out, now, c->reps + 1, c->difficulty * c->stability);
}

void fsrs_review_drawn(const struct fsrs_params *p, const struct fsrs_card *c,
		       enum fsrs_rating rating, int64_t now, double u,
		       struct fsrs_review *out)
{
	struct sched_run run;

	run_init(&run, p, c, now, &u);
	review_one(&run, rating, out);
}

void fsrs_preview(const struct fsrs_params *p, const struct fsrs_card *c,
		  int64_t now, struct fsrs_review out[4])
{
	struct sched_run run;

	run_init(&run, p, c, now, NULL);
	for (int g = FSRS_AGAIN; g <= FSRS_EASY; g++)
		review_one(&run, g, &out[g - 1]);
}

double fsrs_retrievability(const struct fsrs_params *p,
			   const struct fsrs_card *c, int64_t now)
{
	int64_t diff = now - c->last_review;
	int64_t days = diff / MS_PER_DAY - (diff % MS_PER_DAY < 0);

	if (c->state == FSRS_NEW)
		return 0;
	/* get_retrievability() reads S to 8 decimals first. */
	return forgetting_curve(-p->w[20], decay_factor(p->w[20]),
				days > 0 ? (double)days : 0,
				dmax(js_fixed8(c->stability), S_MIN));
}

const char *fsrs_state_name(enum fsrs_state s)
{
	switch (s) {
	case FSRS_NEW:
		return "new";
	case FSRS_LEARNING:
		return "learning";
	case FSRS_REVIEW:
		return "review";
	case FSRS_RELEARNING:
		return "relearning";
	}
	return "unknown";
}

static const char *const rating_names[] = { "again", "hard", "good", "easy" };

const char *fsrs_rating_name(enum fsrs_rating r)
{
	if (r < FSRS_AGAIN || r > FSRS_EASY)
		return "unknown";
	return rating_names[r - 1];
}

int fsrs_parse_rating(const char *s, enum fsrs_rating *out)
{
	if (s[0] >= '1' && s[0] <= '4' && !s[1]) {
		*out = (enum fsrs_rating)(s[0] - '0');
		return 0;
	}
	for (int i = 0; i < 4; i++) {
		if (!strcasecmp(s, rating_names[i])) {
			*out = (enum fsrs_rating)(i + 1);
			return 0;
		}
	}
	return TPM_EFORMAT;
}
