#include "lint/lint.h"

#include "lint/lint_int.h"

void lint_library(struct library *lib, struct diag_list *dl)
{
	struct lint l = { lib, dl };

	lint_ids(&l);
	lint_cards(&l);
	lint_rubrics(&l);
	lint_scenarios(&l);
	lint_text(&l);
}
