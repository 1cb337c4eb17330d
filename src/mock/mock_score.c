/* The weighted score, the hire bands and the trends per criterion. */
#include "mock/mock.h"

#include <string.h>

#include "core/arena.h"
#include "loader/loader.h"
#include "store/store.h"

const struct mock_band mock_default_bands[4] = {
	{ "strong hire", 85 },
	{ "hire", 70 },
	{ "lean no hire", 50 },
	{ "no hire", 0 },
};

double mock_weighted_score(const struct rubric *r, const int *scores)
{
	double got = 0, best = 0;

	for (size_t i = 0; i < r->n_criteria; i++) {
		double w = r->criteria[i].weight;

		if (scores[i] < 1 || scores[i] > 4)
			return -1;
		got += w * scores[i];
		best += w * 4;
	}
	return best > 0 ? got / best * 100 : -1;
}

size_t mock_weak_tags(const struct rubric *r, const int *scores,
		      const char **tags, size_t max)
{
	int low = 4;
	size_t n = 0;

	for (size_t i = 0; i < r->n_criteria; i++)
		if (scores[i] >= 1 && scores[i] < low)
			low = scores[i];
	if (low >= 4)
		return 0;
	for (size_t i = 0; i < r->n_criteria; i++) {
		const struct lstr_list *t = &r->criteria[i].tags;

		if (scores[i] != low)
			continue;
		for (size_t k = 0; k < t->n && n < max; k++) {
			size_t j = 0;

			while (j < n && strcmp(tags[j], t->v[k].s))
				j++;
			if (j == n)
				tags[n++] = t->v[k].s;
		}
	}
	return n;
}

const char *mock_band_label(const struct rubric *r, double pct)
{
	const struct mock_band *def = mock_default_bands;

	if (r && r->n_bands) {
		for (size_t i = 0; i < r->n_bands; i++)
			if (pct >= r->bands[i].min)
				return r->bands[i].label.s;
		return r->bands[r->n_bands - 1].label.s;
	}
	for (size_t i = 0; i < 4; i++)
		if (pct >= def[i].min)
			return def[i].label;
	return def[3].label;
}

static int add_score(void *ctx, int64_t id, int score)
{
	struct mock_trend *t = ctx;

	(void)id;
	if (t->n < MOCK_TREND_MAX)
		t->scores[t->n++] = score;
	return t->n >= MOCK_TREND_MAX;
}

int mock_trends(struct store *st, const struct rubric *r, int64_t before_id,
		struct mock_trend *trends)
{
	for (size_t i = 0; i < r->n_criteria; i++) {
		struct mock_trend *t = &trends[i];
		size_t k, n;
		int ret, sum = 0;

		memset(t, 0, sizeof(*t));
		t->criterion = r->criteria[i].id.s;
		ret = store_mock_scores(st, r->id.s, t->criterion, before_id,
					MOCK_TREND_MAX, add_score, t);
		if (ret < 0)
			return ret;
		n = t->n < MOCK_AVG_OF ? t->n : MOCK_AVG_OF;
		for (k = 0; k < n; k++)
			sum += t->scores[k];
		t->avg5 = n ? (double)sum / (double)n : 0;
	}
	return 0;
}

double mock_capped_score(const struct rubric *r, double pct,
			 const unsigned char *caps_on)
{
	for (size_t k = 0; caps_on && k < r->n_caps; k++)
		if (caps_on[k] && pct > r->caps[k].max)
			pct = r->caps[k].max;
	return pct;
}

/* The caps applied, as the record keeps them. */
static void record_caps(struct store_mock *rec, struct arena *a,
			const struct rubric *r, const unsigned char *caps_on)
{
	struct store_mock_cap *c = arena_calloc(a, r->n_caps + 1, sizeof(*c));
	size_t n = 0;

	for (size_t k = 0; caps_on && k < r->n_caps; k++)
		if (caps_on[k])
			c[n++] = (struct store_mock_cap){ r->caps[k].label.s,
							  r->caps[k].max };
	rec->caps = c;
	rec->n_caps = n;
}

void mock_record_scores(struct store_mock *rec, struct arena *a,
			const struct rubric *r, const int *scores,
			const char *const *comments,
			const unsigned char *caps_on)
{
	struct store_mock_score *sc = arena_calloc(a, r->n_criteria + 1,
						   sizeof(*sc));

	for (size_t i = 0; i < r->n_criteria; i++) {
		const struct criterion *c = &r->criteria[i];

		sc[i].criterion = c->id.s;
		sc[i].name = c->name.s;
		sc[i].weight = c->weight;
		sc[i].score = scores[i];
		sc[i].level = scores[i] >= 1 && scores[i] <= 4
				      ? c->levels.v[scores[i] - 1].s
				      : NULL;
		sc[i].comment = comments && comments[i] && *comments[i]
					? comments[i]
					: NULL;
	}
	rec->scores = sc;
	rec->n_scores = r->n_criteria;
	rec->score = mock_weighted_score(r, scores);
	if (rec->score >= 0) {
		rec->score = mock_capped_score(r, rec->score, caps_on);
		record_caps(rec, a, r, caps_on);
	}
	rec->band = rec->score >= 0 ? mock_band_label(r, rec->score) : NULL;
	rec->state = rec->score >= 0 ? STORE_MOCK_SCORED : STORE_MOCK_UNSCORED;
}

void mock_record_coverage(struct store_mock *rec, struct arena *a,
			  const struct mock_cover *covers, size_t n,
			  const struct mock_note *notes, size_t n_notes)
{
	struct store_mock_cover *c = arena_calloc(a, n + 1, sizeof(*c));

	for (size_t i = 0; i < n; i++) {
		c[i].phase = covers[i].phase;
		c[i].label = covers[i].label;
		c[i].covered = covers[i].covered;
		c[i].red_flag = covers[i].red_flag;
		c[i].line = covers[i].line >= 0 &&
					    (size_t)covers[i].line < n_notes
				    ? notes[covers[i].line].text
				    : NULL;
	}
	rec->coverage = c;
	rec->n_coverage = n;
}
