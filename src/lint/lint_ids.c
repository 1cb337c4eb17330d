/*
 * Ids unique across the library.  The lookup index keeps the first of
 * equal ids, so a value that is not what the index finds for its own id
 * is a duplicate, and the index names the first.
 *
 * Item keys need no check of their own: a card id cannot contain '#', so
 * "ID#reverse" and "ID#c2" collide only when card ids do.
 */
#include "lint/lint_int.h"

#include <string.h>

#include "core/xmalloc.h"

static void duplicate(struct lint *l, const char *what, const struct lstr *id,
		      const struct lstr *first)
{
	char *q = loader_quote_dup(id->s, strlen(id->s));

	if (first->pos.file && id->pos.file &&
	    !strcmp(first->pos.file, id->pos.file))
		diag_add(l->dl, DIAG_ERROR, id->pos, "duplicate %s id '%s' "
			 "(first defined at line %u)", what, q,
			 first->pos.line);
	else
		diag_add(l->dl, DIAG_ERROR, id->pos, "duplicate %s id '%s' "
			 "(first defined at %s:%u)", what, q, first->pos.file,
			 first->pos.line);
	xfree(q);
}

void lint_ids(struct lint *l)
{
	struct library *lib = l->lib;

	for (size_t i = 0; i < lib->n_decks; i++) {
		const struct deck *d = &lib->decks[i];
		const struct deck *fd = library_find_deck(lib, d->id.s);

		if (fd != d)
			duplicate(l, "deck", &d->id, &fd->id);
		for (size_t k = 0; k < d->n_cards; k++) {
			const struct card *c = &d->cards[k];
			const struct card *fc = library_find_card(lib, c->id.s);

			if (fc != c)
				duplicate(l, "card", &c->id, &fc->id);
		}
	}
	for (size_t i = 0; i < lib->n_rubrics; i++) {
		const struct rubric *r = &lib->rubrics[i];
		const struct rubric *fr = library_find_rubric(lib, r->id.s);

		if (fr != r)
			duplicate(l, "rubric", &r->id, &fr->id);
		for (size_t k = 0; k < r->n_criteria; k++)
			for (size_t j = 0; j < k; j++)
				if (!strcmp(r->criteria[j].id.s,
					    r->criteria[k].id.s)) {
					duplicate(l, "criterion",
						  &r->criteria[k].id,
						  &r->criteria[j].id);
					break;
				}
	}
	for (size_t i = 0; i < lib->n_scenarios; i++) {
		const struct scenario *s = &lib->scenarios[i];
		const struct scenario *fs = library_find_scenario(lib, s->id.s);

		if (fs != s)
			duplicate(l, "scenario", &s->id, &fs->id);
	}
}
