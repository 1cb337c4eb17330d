#ifndef TPM_LINT_LINT_INT_H
#define TPM_LINT_LINT_INT_H

#include "core/diag.h"
#include "loader/loader.h"

struct lint {
	struct library *lib;
	struct diag_list *dl;
};

/* Each adds the problems of one kind of check (see lint.h). */
void lint_ids(struct lint *l);
void lint_cards(struct lint *l);
void lint_rubrics(struct lint *l);
void lint_scenarios(struct lint *l);
void lint_text(struct lint *l);

/*
 * Shared by cards and scenarios.  answer, when not NULL, is a model answer
 * that every point should match (a card's back).
 */
void lint_key_points(struct lint *l, const struct key_point_list *kps,
		     const struct lstr *answer);
void lint_refs(struct lint *l, const struct lstr_list *refs);

#endif
