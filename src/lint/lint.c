#include "lint/lint.h"

#include "lint/lint_int.h"

/* A rejected object: what was read of it gets the same checks. */
static void lint_rejected(struct lint *l, const struct rejected *r)
{
	switch (r->kind) {
	case REJECTED_DECK:
		lint_deck(l, r->deck);
		break;
	case REJECTED_CARD:
		lint_card(l, r->card, r);
		break;
	case REJECTED_KEY_POINT:
		/* Which card it belongs to is not kept: no back to match. */
		lint_key_point(l, r->key_point, NULL);
		break;
	case REJECTED_RUBRIC:
		lint_rubric(l, r->rubric);
		break;
	case REJECTED_CRITERION:
		lint_criterion(l, r->criterion);
		break;
	case REJECTED_SCENARIO:
		lint_scenario(l, r->scenario);
		break;
	case REJECTED_PHASE:
		lint_phase(l, r->phase);
		break;
	case REJECTED_CLARIFICATION:
		lint_clarification(l, r->clarification);
		break;
	case REJECTED_BAND:
		lint_band(l, r->band);
		break;
	case REJECTED_CAP:
		lint_text(l, &r->cap->label, "label");
		break;
	case REJECTED_STORY:
		lint_story(l, r->story);
		break;
	case REJECTED_STORY_BANK:
		for (size_t i = 0; i < r->story_bank->n_stories; i++)
			lint_story(l, &r->story_bank->stories[i]);
		break;
	}
}

void lint_library(struct library *lib, struct diag_list *dl)
{
	struct lint l = { lib, dl, NULL, 0 };

	l.rejected = library_rejected(lib, &l.n_rejected);
	lint_ids(&l);
	for (size_t i = 0; i < lib->n_decks; i++)
		lint_deck(&l, &lib->decks[i]);
	for (size_t i = 0; i < lib->n_rubrics; i++)
		lint_rubric(&l, &lib->rubrics[i]);
	for (size_t i = 0; i < lib->n_scenarios; i++)
		lint_scenario(&l, &lib->scenarios[i]);
	for (size_t i = 0; i < lib->n_stories; i++)
		lint_story(&l, &lib->stories[i]);
	for (size_t i = 0; i < l.n_rejected; i++)
		lint_rejected(&l, &l.rejected[i]);
}
