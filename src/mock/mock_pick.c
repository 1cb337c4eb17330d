/*
 * Which scenario to do next: each scenario is an FSRS item of its own,
 * reviewed by each scored session with the rating its weighted score
 * maps to (mock_score_rating()); the picker's and the home screen's order
 * puts the scenarios due first, the one training the weakest criteria
 * first among them.
 */
#include "mock/mock.h"

#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "core/xmalloc.h"
#include "loader/loader.h"
#include "store/store.h"

enum fsrs_rating mock_score_rating(double pct)
{
	if (pct < 50)
		return FSRS_AGAIN;
	if (pct < 70)
		return FSRS_HARD;
	if (pct < 85)
		return FSRS_GOOD;
	return FSRS_EASY;
}

void mock_schedule(const struct fsrs_params *p, const struct mock_done *done,
		   size_t n, struct fsrs_card *out)
{
	struct fsrs_review r;

	fsrs_card_new(out, n ? done[0].at : 0);
	for (size_t i = 0; i < n; i++) {
		fsrs_review(p, out, mock_score_rating(done[i].score),
			    done[i].at, &r);
		*out = r.card;
	}
}

/* One scored session, for the schedule of its pick. */
struct scored {
	size_t pick;
	struct mock_done done;
};

struct collect {
	struct vec *picks;
	struct strmap by_id;	/* scenario id -> its pick's index + 1 */
	struct vec scored;	/* of struct scored */
};

static struct mock_pick *pick_of(struct collect *c, const char *scenario,
				 size_t *at)
{
	uintptr_t i = (uintptr_t)strmap_get(&c->by_id, scenario);

	if (!i)
		return NULL;	/* a scenario no longer in the library */
	*at = i - 1;
	return vec_at(c->picks, i - 1);
}

static int note_session(void *ctx, const struct store_mock *row)
{
	struct collect *c = ctx;
	struct mock_pick *p;
	struct scored *s;
	size_t at;

	p = pick_of(c, row->scenario, &at);
	if (!p)
		return 0;
	if (row->started_at > p->last_done)
		p->last_done = row->started_at;
	if (row->state != STORE_MOCK_SCORED || row->score < 0)
		return 0;
	/* Newest first: the first scored one seen is the last. */
	if (!p->n_scored++)
		p->last_score = row->score;
	s = vec_push(&c->scored);
	s->pick = at;
	s->done.at = row->ended_at ? row->ended_at : row->started_at;
	s->done.score = row->score;
	return 0;
}

static int cmp_scored(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;

	if (x->pick != y->pick)
		return x->pick < y->pick ? -1 : 1;
	return (x->done.at > y->done.at) - (x->done.at < y->done.at);
}

/* Each pick's schedule from its scored sessions, oldest first. */
static void schedule_all(struct collect *c, const struct fsrs_params *p)
{
	struct scored *s = c->scored.items;
	struct mock_done *done;
	size_t n = c->scored.len;

	if (n)
		qsort(s, n, sizeof(*s), cmp_scored);
	done = xcalloc(n + 1, sizeof(*done));
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i; j < n && s[j].pick == s[i].pick; j++)
			done[j - i] = s[j].done;
		mock_schedule(p, done, j - i,
			      &((struct mock_pick *)vec_at(c->picks,
							   s[i].pick))->card);
	}
	xfree(done);
}

/*
 * How weak the scenario's rubric is: the lowest average of a criterion's
 * last three scores; MOCK_NO_WEAKNESS without any.
 */
static int weakness(struct library *lib, struct store *st,
		    const struct scenario *s, double *out)
{
	const struct rubric *r = library_find_rubric(lib, s->rubric.s);
	struct mock_trend *t;
	int ret;

	*out = MOCK_NO_WEAKNESS;
	if (!r || !r->n_criteria)
		return 0;
	t = xcalloc(r->n_criteria, sizeof(*t));
	ret = mock_trends(st, r, 0, t);
	for (size_t i = 0; ret == 0 && i < r->n_criteria; i++) {
		double avg = mock_recent_avg(&t[i]);

		if (avg >= 0 && avg < *out)
			*out = avg;
	}
	xfree(t);
	return ret;
}

/*
 * Due first: the weakest first among them, then the longest overdue (a
 * never scored one counts as due since it was never done), library order
 * on a tie.  Then the rest, the soonest due first.
 */
static int cmp_pick(const void *a, const void *b)
{
	const struct mock_pick *x = a, *y = b;

	if (x->due != y->due)
		return y->due - x->due;
	if (x->due && x->weakness != y->weakness)
		return x->weakness < y->weakness ? -1 : 1;
	if (x->due_at != y->due_at)
		return x->due_at < y->due_at ? -1 : 1;
	return x->scenario < y->scenario ? -1 : x->scenario > y->scenario;
}

int mock_pick_list(struct library *lib, struct store *st, int kind,
		   const struct fsrs_params *p, int64_t now, struct vec *out)
{
	struct collect c = { out, { 0 }, { 0 } };
	int ret;

	out->len = 0;
	strmap_init(&c.by_id);
	vec_init(&c.scored, sizeof(struct scored));
	for (size_t i = 0; i < lib->n_scenarios; i++) {
		const struct scenario *s = &lib->scenarios[i];
		struct mock_pick *pk;

		if (kind >= 0 && (int)s->kind != kind)
			continue;
		pk = vec_push(out);
		pk->scenario = s;
		pk->last_score = -1;
		*strmap_insert(&c.by_id, s->id.s) = (void *)(uintptr_t)out->len;
	}
	ret = store_mock_each(st, NULL, note_session, &c);
	if (ret == 0)
		schedule_all(&c, p);
	for (size_t i = 0; ret == 0 && i < out->len; i++) {
		struct mock_pick *pk = vec_at(out, i);

		pk->due_at = pk->n_scored ? pk->card.due : pk->last_done;
		pk->due = !pk->n_scored || pk->card.due <= now;
		ret = weakness(lib, st, pk->scenario, &pk->weakness);
	}
	vec_release(&c.scored);
	strmap_release(&c.by_id);
	if (ret < 0)
		return ret;
	if (out->len > 1)
		qsort(out->items, out->len, sizeof(struct mock_pick),
		      cmp_pick);
	return 0;
}

int mock_next(struct library *lib, struct store *st,
	      const struct fsrs_params *p, int64_t now, struct mock_pick *out)
{
	struct vec picks;
	int ret;

	vec_init(&picks, sizeof(struct mock_pick));
	ret = mock_pick_list(lib, st, -1, p, now, &picks);
	if (ret == 0 && picks.len) {
		*out = *(struct mock_pick *)vec_at(&picks, 0);
		ret = 1;
	}
	vec_release(&picks);
	return ret;
}
