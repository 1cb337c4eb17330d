/* Rubrics and mock scenarios. */
#include "lint/lint_int.h"

#include <string.h>

#include "core/xmalloc.h"

static int list_has(const struct lstr_list *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].s, s))
			return 1;
	return 0;
}

/* Whether some card, or its deck, carries tag. */
static int library_has_tag(const struct library *lib, const char *tag)
{
	for (size_t i = 0; i < lib->n_decks; i++) {
		const struct deck *d = &lib->decks[i];

		if (list_has(&d->tags, tag))
			return 1;
		for (size_t k = 0; k < d->n_cards; k++)
			if (list_has(&d->cards[k].tags, tag))
				return 1;
	}
	return 0;
}

void lint_rubrics(struct lint *l)
{
	const struct library *lib = l->lib;

	for (size_t i = 0; i < lib->n_rubrics; i++) {
		const struct rubric *r = &lib->rubrics[i];

		for (size_t k = 0; k < r->n_criteria; k++) {
			const struct criterion *c = &r->criteria[k];

			if (c->levels.n != 4)
				diag_add(l->dl, DIAG_ERROR, c->levels.pos,
					 "expected 4 levels (for scores 1 to "
					 "4), found %zu", c->levels.n);
			/*
			 * A weak score raises the cards with these tags;
			 * one no card has raises nothing.  Without decks
			 * (linting content/ alone) there is nothing to say.
			 */
			for (size_t t = 0; lib->n_decks && t < c->tags.n; t++)
				if (!library_has_tag(lib, c->tags.v[t].s))
					diag_add(l->dl, DIAG_WARNING,
						 c->tags.v[t].pos, "no card "
						 "has tag '%s'",
						 c->tags.v[t].s);
		}
	}
}

void lint_scenarios(struct lint *l)
{
	struct library *lib = l->lib;

	for (size_t i = 0; i < lib->n_scenarios; i++) {
		const struct scenario *s = &lib->scenarios[i];

		if (!library_find_rubric(lib, s->rubric.s)) {
			struct suggest sg;
			char *q = loader_quote_dup(s->rubric.s,
						   strlen(s->rubric.s));

			suggest_init(&sg, s->rubric.s);
			for (size_t k = 0; k < lib->n_rubrics; k++)
				suggest_consider(&sg, lib->rubrics[k].id.s);
			if (sg.best)
				diag_add(l->dl, DIAG_ERROR, s->rubric.pos,
					 "unknown rubric '%s' (did you mean "
					 "'%s'?)", q, sg.best);
			else
				diag_add(l->dl, DIAG_ERROR, s->rubric.pos,
					 "unknown rubric '%s'", q);
			xfree(q);
		}
		for (size_t k = 0; k < s->n_phases; k++)
			lint_key_points(l, &s->phases[k].key_points, NULL);
		lint_refs(l, &s->refs);
	}
}
