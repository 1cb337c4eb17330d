/* Rubrics and mock scenarios. */
#include "lint/lint_int.h"

#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/quote.h"
#include "core/xmalloc.h"
#include "match/match.h"

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
	lint_text(l, &c->senior, "senior");
	lint_text(l, &c->staff, "staff");
	lint_text(l, &c->principal, "principal");
}

/*
 * Bands are read from the top down, so their minimums must fall, and
 * the last must start at 0 so that every score has a band.
 */
static void lint_bands(struct lint *l, const struct rubric *r)
{
	for (size_t k = 0; k < r->n_bands; k++) {
		const struct band *b = &r->bands[k];

		lint_band(l, b);
		if (k > 0 && !(b->min < r->bands[k - 1].min))
			diag_add(l->dl, DIAG_ERROR, b->min_pos, "band minimum "
				 "%g is not below the band before it (%g); "
				 "list bands from the highest down", b->min,
				 r->bands[k - 1].min);
	}
	if (r->n_bands && r->bands[r->n_bands - 1].min != 0)
		diag_add(l->dl, DIAG_ERROR,
			 r->bands[r->n_bands - 1].min_pos, "the last band "
			 "must have 'min: 0', so that every score has a band");
}

void lint_band(struct lint *l, const struct band *b)
{
	lint_text(l, &b->label, "label");
}

void lint_rubric(struct lint *l, const struct rubric *r)
{
	for (size_t k = 0; k < r->n_criteria; k++)
		lint_criterion(l, &r->criteria[k]);
	lint_bands(l, r);
	for (size_t k = 0; k < r->n_caps; k++)
		lint_text(l, &r->caps[k].label, "label");
	lint_text(l, &r->title, "title");
	lint_text(l, &r->description, "description");
}

/*
 * A scenario linted on its own (`lint --content DIR FILE`) names a rubric
 * that is not loaded; the content folder's rubrics/ID.yaml stands for it,
 * as in the shipped layout.  Only plain ids are looked up, never a path.
 */
static int rubric_in_content(const struct library *lib, const char *id)
{
	struct buf path;
	struct stat st;
	int found;

	if (!lib->content_dir || !*id ||
	    strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(id))
		return 0;
	buf_init(&path);
	buf_addf(&path, "%s/rubrics/%s.yaml", lib->content_dir, id);
	found = stat(path.s, &st) == 0 && S_ISREG(st.st_mode);
	buf_release(&path);
	return found;
}

/*
 * A scenario's rubric must be loaded (or be in the content folder).  A
 * rejected rubric counts, as its own problem is reported already.
 */
static void lint_rubric_ref(struct lint *l, const struct lstr *id)
{
	struct library *lib = l->lib;
	struct suggest sg;
	char *q;

	if (library_find_rubric(lib, id->s) || rubric_in_content(lib, id->s))
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
	q = quote_dup(id->s, strlen(id->s));
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
	for (size_t i = 0; i < p->red_flags.n; i++)
		lint_red_flag(l, &p->red_flags.v[i], NULL);
	lint_text(l, &p->name, "name");
	lint_text(l, &p->question, "question");
	lint_text_list(l, &p->hints, "hints");
}

/*
 * A clarification's ask compiles and matches its own example question, so
 * that a plausible question gets the answer.
 */
void lint_clarification(struct lint *l, const struct clarification *c)
{
	const struct lstr *ask = &c->ask;
	struct match_pattern *p;
	char *q;

	lint_text(l, &c->answer, "answer");
	lint_text(l, &c->example, "example");
	if (!ask->s)
		return;
	p = lint_compile_pattern(l, ask);
	if (!p)
		return;
	if (match_pattern_find(p, "", 0, NULL, NULL) > 0)
		diag_add(l->dl, DIAG_ERROR, ask->pos, "'ask' matches empty "
			 "text, so it answers every question");
	else if (c->example.s && match_pattern_find(p, c->example.s,
			strlen(c->example.s), NULL, NULL) <= 0) {
		q = quote_dup(c->example.s, strlen(c->example.s));
		diag_add(l->dl, DIAG_ERROR, c->example.pos, "'ask' does not "
			 "match its example '%s'", q);
		xfree(q);
	}
	match_pattern_free(p);
}

void lint_scenario(struct lint *l, const struct scenario *s)
{
	for (size_t k = 0; k < s->clarifications.n; k++)
		lint_clarification(l, &s->clarifications.v[k]);
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
