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

static int deck_has_tag(const struct deck *d, const char *tag)
{
	if (list_has(&d->tags, tag))
		return 1;
	for (size_t k = 0; k < d->n_cards; k++)
		if (list_has(&d->cards[k].tags, tag))
			return 1;
	return 0;
}

/*
 * Whether some card, or its deck, carries tag; -1 if there are no decks.
 * A rejected deck or card counts: its own problem is reported already,
 * and fixing it is what will make the tag train something.
 */
static int library_has_tag(const struct lint *l, const char *tag)
{
	const struct library *lib = l->lib;
	int decks = lib->n_decks > 0;

	for (size_t i = 0; i < lib->n_decks; i++)
		if (deck_has_tag(&lib->decks[i], tag))
			return 1;
	for (size_t i = 0; i < l->n_rejected; i++) {
		const struct rejected *r = &l->rejected[i];

		if (r->kind == REJECTED_DECK) {
			decks = 1;
			if (deck_has_tag(r->deck, tag))
				return 1;
		} else if (r->kind == REJECTED_CARD &&
			   list_has(&r->card->tags, tag)) {
			return 1;
		}
	}
	return decks ? 0 : -1;
}

void lint_criterion(struct lint *l, const struct criterion *c)
{
	/*
	 * A weak score raises the cards with these tags; one no card has
	 * raises nothing.  Without decks (linting content/ alone) there is
	 * nothing to say.
	 */
	for (size_t t = 0; t < c->tags.n; t++)
		if (library_has_tag(l, c->tags.v[t].s) == 0)
			diag_add(l->dl, DIAG_WARNING, c->tags.v[t].pos,
				 "no card has tag '%s'", c->tags.v[t].s);
	lint_text(l, &c->name, "name");
	lint_text_list(l, &c->levels, "levels");
}

void lint_rubric(struct lint *l, const struct rubric *r)
{
	for (size_t k = 0; k < r->n_criteria; k++)
		lint_criterion(l, &r->criteria[k]);
	lint_text(l, &r->title, "title");
	lint_text(l, &r->description, "description");
}

/*
 * A scenario's rubric must be loaded.  A rejected rubric counts, as its
 * own problem is reported already.
 */
static void lint_rubric_ref(struct lint *l, const struct lstr *id)
{
	struct library *lib = l->lib;
	struct suggest sg;
	char *q;

	if (library_find_rubric(lib, id->s))
		return;
	for (size_t i = 0; i < l->n_rejected; i++) {
		const struct rejected *r = &l->rejected[i];

		if (r->kind == REJECTED_RUBRIC && r->rubric->id.s &&
		    !strcmp(r->rubric->id.s, id->s))
			return;
	}
	suggest_init(&sg, id->s);
	for (size_t k = 0; k < lib->n_rubrics; k++)
		suggest_consider(&sg, lib->rubrics[k].id.s);
	q = loader_quote_dup(id->s, strlen(id->s));
	if (sg.best)
		diag_add(l->dl, DIAG_ERROR, id->pos, "unknown rubric '%s' (did "
			 "you mean '%s'?)", q, sg.best);
	else
		diag_add(l->dl, DIAG_ERROR, id->pos, "unknown rubric '%s'", q);
	xfree(q);
}

void lint_phase(struct lint *l, const struct phase *p)
{
	for (size_t i = 0; i < p->key_points.n; i++)
		lint_key_point(l, &p->key_points.v[i], NULL);
	lint_text(l, &p->name, "name");
	lint_text_list(l, &p->hints, "hints");
}

void lint_scenario(struct lint *l, const struct scenario *s)
{
	if (s->rubric.s)
		lint_rubric_ref(l, &s->rubric);
	for (size_t k = 0; k < s->n_phases; k++)
		lint_phase(l, &s->phases[k]);
	lint_refs(l, &s->refs);
	lint_text(l, &s->title, "title");
	lint_text(l, &s->prompt, "prompt");
	lint_text_list(l, &s->follow_ups, "follow_ups");
	lint_text_list(l, &s->refs, "refs");
}
