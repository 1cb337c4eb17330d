#ifndef TPM_LINT_LINT_INT_H
#define TPM_LINT_LINT_INT_H

#include "core/diag.h"
#include "loader/loader.h"
#include "loader/loader_rejected.h"

struct lint {
	struct library *lib;
	struct diag_list *dl;
	const struct rejected *rejected;	/* library_rejected() */
	size_t n_rejected;
};

/* Ids used twice, among library and rejected objects alike (see lint.h). */
void lint_ids(struct lint *l);

struct match_pattern;

/*
 * The checks of one object and of the valid objects inside it.  The object
 * may be a rejected one (loader_rejected.h), so any of its values may be
 * absent: each check runs when its inputs are there.  r is the card's
 * record if it is rejected, else NULL.  answer, when not NULL, is a model
 * answer that a key point should match (its card's back).
 */
void lint_deck(struct lint *l, const struct deck *d);
void lint_card(struct lint *l, const struct card *c,
	       const struct rejected *r);
/*
 * pat compiled for a one-off check (free it with match_pattern_free()), or
 * NULL after an "invalid pattern" error placed inside it.
 */
struct match_pattern *lint_compile_pattern(struct lint *l,
					   const struct lstr *pat);
void lint_key_point(struct lint *l, const struct key_point *kp,
		    const struct lstr *answer);
void lint_red_flag(struct lint *l, const struct key_point *rf,
		   const struct lstr *answer);
void lint_rubric(struct lint *l, const struct rubric *r);
void lint_criterion(struct lint *l, const struct criterion *c);
void lint_scenario(struct lint *l, const struct scenario *s);
void lint_phase(struct lint *l, const struct phase *p);
void lint_clarification(struct lint *l, const struct clarification *c);
void lint_band(struct lint *l, const struct band *b);
void lint_story(struct lint *l, const struct story *s);

void lint_refs(struct lint *l, const struct lstr_list *refs);

/* Text hygiene of a value (or each item), named key in messages. */
void lint_text(struct lint *l, const struct lstr *v, const char *key);
void lint_text_list(struct lint *l, const struct lstr_list *list,
		    const char *key);

#endif
