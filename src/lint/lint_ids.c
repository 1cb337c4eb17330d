/*
 * Ids unique across the library.  A rejected object's id counts too (a
 * card left out for a typo in one key is no less a second 'x', or the
 * first): every id, of library and rejected objects alike, goes into one
 * array sorted by kind, id and where it was loaded.  In each run of equal
 * ids, the first loaded is the original and every other one is reported.
 *
 * Item keys need no check of their own: a card id cannot contain '#', so
 * "ID#reverse" and "ID#c2" collide only when card ids do.
 */
#include "lint/lint_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/quote.h"
#include "core/vec.h"
#include "core/xmalloc.h"

enum id_kind {
	ID_DECK, ID_CARD, ID_RUBRIC, ID_CRITERION, ID_SCENARIO, ID_STORY
};

static const char *const id_what[] = {
	[ID_DECK] = "deck",
	[ID_CARD] = "card",
	[ID_RUBRIC] = "rubric",
	[ID_CRITERION] = "criterion",
	[ID_SCENARIO] = "scenario",
	[ID_STORY] = "story",
};

struct id_use {
	const struct lstr *id;
	enum id_kind kind;
	size_t scope;		/* criteria: their rubric's file; else 0 */
	size_t order;		/* the file's place in load order */
};

static void add(struct vec *ids, enum id_kind kind, const struct lstr *id,
		size_t order)
{
	struct id_use *u;

	if (!id->s)		/* a rejected object's bad or missing id */
		return;
	u = vec_push(ids);
	u->id = id;
	u->kind = kind;
	/* Criteria are unique within their rubric, the one of their file. */
	u->scope = kind == ID_CRITERION ? order : 0;
	u->order = order;
}

static int cmp_size(size_t a, size_t b)
{
	return a < b ? -1 : a > b;
}

static int same_id(const struct id_use *a, const struct id_use *b)
{
	return a->kind == b->kind && a->scope == b->scope &&
	       !strcmp(a->id->s, b->id->s);
}

/* Equal ids together, in load order: file, then place in the file. */
static int cmp_use(const void *pa, const void *pb)
{
	const struct id_use *a = pa, *b = pb;
	int c;

	if ((c = cmp_size(a->kind, b->kind)) ||
	    (c = cmp_size(a->scope, b->scope)) ||
	    (c = strcmp(a->id->s, b->id->s)) ||
	    (c = cmp_size(a->order, b->order)) ||
	    (c = cmp_size(a->id->pos.line, b->id->pos.line)))
		return c;
	return cmp_size(a->id->pos.col, b->id->pos.col);
}

static void add_deck(struct vec *ids, const struct deck *d, size_t order)
{
	add(ids, ID_DECK, &d->id, order);
	for (size_t i = 0; i < d->n_cards; i++)
		add(ids, ID_CARD, &d->cards[i].id, order);
}

static void add_rubric(struct vec *ids, const struct rubric *r, size_t order)
{
	add(ids, ID_RUBRIC, &r->id, order);
	for (size_t i = 0; i < r->n_criteria; i++)
		add(ids, ID_CRITERION, &r->criteria[i].id, order);
}

static void add_rejected(struct vec *ids, const struct rejected *r,
			 size_t order)
{
	switch (r->kind) {
	case REJECTED_DECK:
		add_deck(ids, r->deck, order);
		break;
	case REJECTED_CARD:
		add(ids, ID_CARD, &r->card->id, order);
		break;
	case REJECTED_RUBRIC:
		add_rubric(ids, r->rubric, order);
		break;
	case REJECTED_CRITERION:
		add(ids, ID_CRITERION, &r->criterion->id, order);
		break;
	case REJECTED_SCENARIO:
		add(ids, ID_SCENARIO, &r->scenario->id, order);
		break;
	case REJECTED_STORY:
		add(ids, ID_STORY, &r->story->id, order);
		break;
	case REJECTED_STORY_BANK:
		for (size_t i = 0; i < r->story_bank->n_stories; i++)
			add(ids, ID_STORY, &r->story_bank->stories[i].id,
			    order);
		break;
	case REJECTED_KEY_POINT:
	case REJECTED_PHASE:
	case REJECTED_CLARIFICATION:
	case REJECTED_BAND:
	case REJECTED_CAP:
		break;		/* no id */
	}
}

static void duplicate(struct lint *l, const char *what, const struct lstr *id,
		      const struct lstr *first)
{
	char *q = quote_dup(id->s, strlen(id->s));

	if (!strcmp(first->pos.file, id->pos.file))
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
	const struct library *lib = l->lib;
	struct vec ids;
	struct id_use *u;

	vec_init(&ids, sizeof(struct id_use));
	for (size_t i = 0; i < lib->n_decks; i++)
		add_deck(&ids, &lib->decks[i],
			 library_file_order(lib, lib->decks[i].file));
	for (size_t i = 0; i < lib->n_rubrics; i++)
		add_rubric(&ids, &lib->rubrics[i],
			   library_file_order(lib, lib->rubrics[i].file));
	for (size_t i = 0; i < lib->n_scenarios; i++)
		add(&ids, ID_SCENARIO, &lib->scenarios[i].id,
		    library_file_order(lib, lib->scenarios[i].file));
	for (size_t i = 0; i < lib->n_stories; i++)
		add(&ids, ID_STORY, &lib->stories[i].id,
		    library_file_order(lib, lib->stories[i].file));
	for (size_t i = 0; i < l->n_rejected; i++)
		add_rejected(&ids, &l->rejected[i],
			     library_file_order(lib, l->rejected[i].file));
	if (ids.len > 1)
		qsort(ids.items, ids.len, sizeof(struct id_use), cmp_use);
	u = ids.items;
	for (size_t i = 0, j; i < ids.len; i = j)
		for (j = i + 1; j < ids.len && same_id(&u[i], &u[j]); j++)
			duplicate(l, id_what[u[j].kind], u[j].id, u[i].id);
	vec_release(&ids);
}
