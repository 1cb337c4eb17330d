/*
 * Behavioural rounds (issue 12): a question at a time, each answered with
 * a story from the bank (or a new one), and rounds built from the
 * questions that ask about chosen competencies.
 */
#include "mock/mock.h"

#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/xmalloc.h"
#include "loader/loader.h"

int64_t mock_answer_ms(const struct mock *m, size_t phase)
{
	int64_t half = m->phases[phase].planned_ms / 2;

	return half < MOCK_ANSWER_MS ? half : MOCK_ANSWER_MS;
}

void mock_tell(struct mock *m, const struct story *story)
{
	if (m->cur >= m->n_phases)
		return;
	m->told[m->cur] = story;
	m->told_set[m->cur] = 1;
}

int mock_told(const struct mock *m, size_t phase, const struct story **story)
{
	if (phase >= m->n_phases || !m->told_set[phase])
		return 0;
	*story = m->told[phase];
	return 1;
}

static const struct lstr_list *question_tags(const struct mock *m,
					     size_t phase)
{
	const struct phase *ph = m->phases[phase].src;

	return ph->tags.n ? &ph->tags : &m->scenario->tags;
}

void mock_question_competencies(const struct mock *m, size_t phase,
				struct buf *out)
{
	const struct lstr_list *tags = question_tags(m, phase);
	size_t n = 0;

	for (size_t i = 0; i < tags->n; i++)
		if (tag_is_competency(tags->v[i].s))
			buf_addf(out, "%s%s", n++ ? " " : "", tags->v[i].s);
}

static int claims_one(const struct story *s, const struct lstr_list *tags)
{
	for (size_t i = 0; i < s->competencies.n; i++)
		for (size_t t = 0; t < tags->n; t++)
			if (tag_is_competency(tags->v[t].s) &&
			    !strcmp(s->competencies.v[i].s, tags->v[t].s))
				return 1;
	return 0;
}

size_t mock_story_choices(const struct mock *m, const struct library *lib,
			  const struct story **out, size_t max)
{
	const struct lstr_list *tags = question_tags(m, m->cur);
	size_t n = 0;

	for (int pass = 1; pass >= 0; pass--)
		for (size_t i = 0; i < lib->n_stories && n < max; i++)
			if (claims_one(&lib->stories[i], tags) == pass)
				out[n++] = &lib->stories[i];
	return n;
}

/* ---- building a round ------------------------------------------------ */

static int has_tag(const struct scenario *s, const char *tag)
{
	for (size_t i = 0; i < s->tags.n; i++)
		if (!strcmp(s->tags.v[i].s, tag))
			return 1;
	return 0;
}

struct picked {
	const struct scenario *from;
	size_t phase;
};

static int was_picked(const struct picked *p, size_t n,
		      const struct scenario *s, size_t phase)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].from == s && p[i].phase == phase)
			return 1;
	return 0;
}

/* The first question not yet picked that asks about comp; 0 or -1. */
static int pick(const struct library *lib, const char *comp,
		struct picked *p, size_t *n)
{
	for (size_t i = 0; i < lib->n_scenarios; i++) {
		const struct scenario *s = &lib->scenarios[i];

		if (s->kind != SCENARIO_BEHAVIOURAL || !has_tag(s, comp) ||
		    !strncmp(s->id.s, MOCK_ROUND_PREFIX,
			     strlen(MOCK_ROUND_PREFIX)))
			continue;
		for (size_t k = 0; k < s->n_phases; k++) {
			if (was_picked(p, *n, s, k))
				continue;
			p[(*n)++] = (struct picked){ s, k };
			return 0;
		}
	}
	return -1;
}

static char *joined(struct arena *a, const char *head,
		    const char *const *comps, size_t n, const char *sep)
{
	struct buf b;
	char *s;

	buf_init(&b);
	buf_adds(&b, head);
	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%s%s", i ? sep : "", comps[i]);
	s = arena_strdup(a, b.s);
	buf_release(&b);
	return s;
}

/* The round's scenario, its arrays in lib's arena. */
static struct scenario round_of(struct library *lib, const char *const *comps,
				size_t n, const struct picked *p, size_t n_q)
{
	struct arena *a = &lib->arena;
	struct scenario s;
	struct phase *ph = arena_calloc(a, n_q, sizeof(*ph));
	struct lstr *fu = arena_calloc(a, n_q, sizeof(*fu));
	struct lstr *tags = arena_calloc(a, n + 1, sizeof(*tags));
	size_t n_fu = 0;

	memset(&s, 0, sizeof(s));
	s.id.s = joined(a, MOCK_ROUND_PREFIX, comps, n, ",");
	s.kind = SCENARIO_BEHAVIOURAL;
	s.title.s = joined(a, "Behavioural round: ", comps, n, ", ");
	s.prompt.s = "A behavioural round built from the questions that ask "
		     "about the competencies you chose.\n\nAnswer each "
		     "question with one real story in STAR form in **two to "
		     "three minutes**; the rest of each slot is for "
		     "follow-up questions. The questions come one at a "
		     "time.\n";
	s.rubric = p[0].from->rubric;
	for (size_t i = 0; i < n_q; i++) {
		ph[i] = p[i].from->phases[p[i].phase];
		ph[i].tags = p[i].from->tags;
		/* Each source's first follow-up, once. */
		if (p[i].from->follow_ups.n &&
		    (i == 0 || p[i].from != p[i - 1].from))
			fu[n_fu++] = p[i].from->follow_ups.v[0];
	}
	s.phases = ph;
	s.n_phases = n_q;
	s.follow_ups = (struct lstr_list){ fu, n_fu, { 0 } };
	tags[0].s = "behavioural";
	for (size_t i = 0; i < n; i++)
		tags[i + 1].s = comps[i];
	s.tags = (struct lstr_list){ tags, n + 1, { 0 } };
	s.file = "(built round)";
	return s;
}

int mock_build_round(struct library *lib, const char *const *comps, size_t n,
		     const struct scenario **out, size_t *bad)
{
	struct picked p[MOCK_ROUND_MAX_COMPETENCIES];
	size_t want = n > MOCK_ROUND_QUESTIONS ? n : MOCK_ROUND_QUESTIONS;
	size_t n_q = 0, stuck = 0;
	const char *owned[MOCK_ROUND_MAX_COMPETENCIES];
	struct scenario s;
	char *id;

	if (!n || n > MOCK_ROUND_MAX_COMPETENCIES)
		return TPM_EINVAL;
	for (size_t i = 0; i < n; i++)
		owned[i] = arena_strdup(&lib->arena, comps[i]);
	/* Each competency in turn, until the round is full or none has a
	 * question left. */
	for (size_t i = 0; n_q < want && stuck < n; i = (i + 1) % n) {
		if (pick(lib, owned[i], p, &n_q) == 0) {
			stuck = 0;
			continue;
		}
		if (n_q < n) {	/* its first question: there is none */
			*bad = i;
			return TPM_ENOENT;
		}
		stuck++;
	}
	id = joined(&lib->arena, MOCK_ROUND_PREFIX, owned, n, ",");
	*out = library_find_scenario(lib, id);
	if (*out)
		return 0;
	s = round_of(lib, owned, n, p, n_q);
	*out = library_add_scenario(lib, &s);
	return 0;
}

int mock_rebuild_round(struct library *lib, const char *id,
		       const struct scenario **out)
{
	const char *comps[MOCK_ROUND_MAX_COMPETENCIES];
	size_t n = 0, len = strlen(MOCK_ROUND_PREFIX), bad;
	char *copy, *tok, *save;
	int ret;

	if (strncmp(id, MOCK_ROUND_PREFIX, len))
		return TPM_EINVAL;
	copy = xstrdup(id + len);
	for (tok = strtok_r(copy, ",", &save); tok && n < MOCK_ROUND_MAX_COMPETENCIES;
	     tok = strtok_r(NULL, ",", &save))
		comps[n++] = tok;
	ret = tok ? TPM_EINVAL : mock_build_round(lib, comps, n, out, &bad);
	xfree(copy);
	return ret;
}
