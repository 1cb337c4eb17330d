/*
 * Weak criteria drive the drill (issue 12): a rubric criterion whose
 * average over its last MOCK_FOCUS_OF scored sessions is at or under the
 * threshold is a focus, until the average rises above it.
 */
#include "mock/mock.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "loader/loader.h"

double mock_recent_avg(const struct mock_trend *t)
{
	size_t n = t->n < MOCK_FOCUS_OF ? t->n : MOCK_FOCUS_OF;
	double sum = 0;

	for (size_t k = 0; k < n; k++)
		sum += t->scores[k];
	return n ? sum / (double)n : -1;
}

/* The cards (not items) of lib with any of c's tags. */
static size_t cards_training(const struct library *lib,
			     const struct criterion *c)
{
	const struct card *last = NULL;
	size_t n = 0;

	for (size_t i = 0; i < lib->n_items; i++) {
		const struct item *it = &lib->items[i];

		if (it->card == last)
			continue;
		for (size_t t = 0; t < c->tags.n; t++) {
			if (item_has_tag(it, c->tags.v[t].s)) {
				last = it->card;
				n++;
				break;
			}
		}
	}
	return n;
}

/* The weakest first; on a tie, library and rubric order. */
static int cmp_focus(const void *a, const void *b)
{
	const struct mock_focus *x = a, *y = b;

	if (x->avg != y->avg)
		return x->avg < y->avg ? -1 : 1;
	if (x->rubric != y->rubric)
		return x->rubric < y->rubric ? -1 : 1;
	return (x->criterion > y->criterion) - (x->criterion < y->criterion);
}

int mock_focus_list(struct library *lib, struct store *st, double threshold,
		    struct vec *out)
{
	int ret = 0;

	out->len = 0;
	for (size_t r = 0; ret == 0 && r < lib->n_rubrics; r++) {
		const struct rubric *rb = &lib->rubrics[r];
		struct mock_trend *t = xcalloc(rb->n_criteria + 1, sizeof(*t));

		ret = mock_trends(st, rb, 0, t);
		for (size_t i = 0; ret == 0 && i < rb->n_criteria; i++) {
			double avg = mock_recent_avg(&t[i]);
			struct mock_focus *f;

			if (avg < 0 || avg > threshold)
				continue;
			f = vec_push(out);
			f->rubric = rb;
			f->criterion = &rb->criteria[i];
			f->avg = avg;
			f->n_cards = cards_training(lib, f->criterion);
		}
		xfree(t);
	}
	if (ret == 0 && out->len > 1)
		qsort(out->items, out->len, sizeof(struct mock_focus),
		      cmp_focus);
	return ret;
}

size_t mock_focus_tags(const struct vec *focus, const char **tags, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < focus->len; i++) {
		const struct criterion *c =
			((const struct mock_focus *)vec_at(focus, i))->criterion;

		for (size_t k = 0; k < c->tags.n && n < max; k++) {
			size_t j = 0;

			while (j < n && strcmp(tags[j], c->tags.v[k].s))
				j++;
			if (j == n)
				tags[n++] = c->tags.v[k].s;
		}
	}
	return n;
}
