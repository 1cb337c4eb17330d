/*
 * The story bank: every text clean, and every competency one that the
 * behavioural scenarios ask about (when any are loaded: a story bank linted
 * alone has nothing to check them against).
 */
#include "lint/lint_int.h"

#include <string.h>

#include "core/quote.h"
#include "core/xmalloc.h"

static void lint_competency(struct lint *l, const struct lstr *c,
			    const char *const *known, size_t n)
{
	struct suggest sg;
	char *q;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(known[i], c->s))
			return;
	suggest_init(&sg, c->s);
	for (size_t i = 0; i < n; i++)
		suggest_consider(&sg, known[i]);
	q = quote_dup(c->s, strlen(c->s));
	if (sg.best)
		diag_add(l->dl, DIAG_ERROR, c->pos, "unknown competency '%s' "
			 "(did you mean '%s'?)", q, sg.best);
	else
		diag_add(l->dl, DIAG_ERROR, c->pos, "unknown competency '%s': "
			 "use a tag of a behavioural scenario "
			 "(tpmtrain stories matrix lists them)", q);
	xfree(q);
}

void lint_story(struct lint *l, const struct story *s)
{
	const char *known[LIBRARY_MAX_COMPETENCIES];
	size_t n = library_competencies(l->lib, known,
					LIBRARY_MAX_COMPETENCIES);

	if (n > LIBRARY_MAX_COMPETENCIES)
		n = LIBRARY_MAX_COMPETENCIES;
	for (size_t i = 0; n && i < s->competencies.n; i++)
		lint_competency(l, &s->competencies.v[i], known, n);
	if (s->id.s && s->result.s && !s->metrics.n)
		diag_add(l->dl, DIAG_WARNING, s->pos, "story '%s' has no "
			 "metrics: give its result in numbers", s->id.s);
	lint_text(l, &s->title, "title");
	lint_text(l, &s->situation, "situation");
	lint_text(l, &s->task, "task");
	lint_text(l, &s->action, "action");
	lint_text(l, &s->result, "result");
	lint_text_list(l, &s->metrics, "metrics");
}
