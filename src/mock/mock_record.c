/* The session as the store keeps it, and back (for --resume). */
#include "mock/mock.h"

#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/xmalloc.h"
#include "loader/loader.h"
#include "mock/mock_int.h"
#include "store/store.h"

static void snapshot_phases(const struct mock *m, struct arena *a,
			    struct store_mock *rec)
{
	struct store_mock_phase *ph = arena_calloc(a, m->n_phases + 1,
						   sizeof(*ph));

	for (size_t i = 0; i < m->n_phases; i++) {
		ph[i].name = m->phases[i].src->name.s;
		ph[i].minutes = m->phases[i].minutes;
		ph[i].planned_ms = m->phases[i].planned_ms;
		ph[i].used_ms = m->phases[i].used_ms;
		ph[i].hints_used = (int)m->phases[i].hints_shown;
	}
	rec->phases = ph;
	rec->n_phases = m->n_phases;
}

static void snapshot_notes(const struct mock *m, struct arena *a,
			   struct store_mock *rec)
{
	struct store_mock_note *n = arena_calloc(a, m->notes.len + 1,
						 sizeof(*n));

	for (size_t i = 0; i < m->notes.len; i++) {
		const struct mock_note *src = vec_at(&m->notes, i);

		n[i].text = src->text;
		n[i].phase = src->phase;
	}
	rec->notes = n;
	rec->n_notes = m->notes.len;
}

static void snapshot_asked(const struct mock *m, struct arena *a,
			   struct store_mock *rec)
{
	struct store_mock_followup *f = arena_calloc(a, m->followups.len + 1,
						     sizeof(*f));
	struct store_mock_question *q = arena_calloc(a, m->questions.len + 1,
						     sizeof(*q));
	size_t n = 0;

	for (size_t i = 0; i < m->followups.len; i++) {
		const struct mock_followup *src = vec_at(&m->followups, i);

		if (!src->asked)
			continue;
		f[n].index = (int)src->index;
		f[n].text = m->scenario->follow_ups.v[src->index].s;
		f[n].phase = src->phase;
		f[n].elapsed_ms = src->asked_elapsed_ms;
		n++;
	}
	rec->followups = f;
	rec->n_followups = n;
	for (size_t i = 0; i < m->questions.len; i++) {
		const struct mock_question *src = vec_at(&m->questions, i);

		q[i].text = src->text;
		q[i].answer = mock_question_answer(m, src);
		q[i].clarification = src->clarification;
		q[i].phase = src->phase;
		q[i].elapsed_ms = src->elapsed_ms;
	}
	rec->questions = q;
	rec->n_questions = m->questions.len;
}

/* The stories told in a behavioural round, each with its question's
 * competencies. */
static void snapshot_told(const struct mock *m, struct arena *a,
			  struct store_mock *rec)
{
	struct store_mock_story *t = arena_calloc(a, m->n_phases + 1,
						  sizeof(*t));
	const struct story *story;
	size_t n = 0;
	struct buf comps;

	buf_init(&comps);
	for (size_t i = 0; i < m->n_phases; i++) {
		if (!mock_told(m, i, &story))
			continue;
		buf_clear(&comps);
		mock_question_competencies(m, i, &comps);
		t[n].phase = (int)i;
		t[n].story = story ? story->id.s : "";
		t[n].title = story ? story->title.s : "a new story";
		t[n].competencies = arena_strdup(a, comps.s ? comps.s : "");
		n++;
	}
	buf_release(&comps);
	rec->stories = t;
	rec->n_stories = n;
}

/* Who scores it and for whom, and the ticks so far as its coverage. */
static void snapshot_checked(const struct mock *m, struct arena *a,
			     struct store_mock *rec)
{
	struct vec covers;

	rec->scored_by = MOCK_SCORED_BY_INTERVIEWER;
	rec->candidate = m->candidate;
	vec_init(&covers, sizeof(struct mock_cover));
	mock_checked_coverage(m, &covers);
	mock_record_coverage(rec, a, covers.items, covers.len, NULL, 0);
	vec_release(&covers);
}

void mock_snapshot(const struct mock *m, struct arena *a,
		   struct store_mock *rec)
{
	const struct scenario *s = m->scenario;
	int minutes = 0;

	memset(rec, 0, sizeof(*rec));
	rec->id = m->store_id;
	rec->scenario = s->id.s;
	rec->title = s->title.s;
	rec->kind = scenario_kind_name(s->kind);
	rec->rubric = s->rubric.s;
	rec->prompt = s->prompt.s;
	for (size_t i = 0; i < m->n_phases; i++)
		minutes += m->phases[i].minutes;
	rec->minutes = minutes;
	rec->started_at = m->started_utc_ms;
	rec->state = m->run == MOCK_ENDED ? STORE_MOCK_UNSCORED
					  : STORE_MOCK_RUNNING;
	rec->elapsed_ms = m->elapsed_ms;
	rec->cur_phase = (int)m->cur;
	rec->paused = m->run == MOCK_PAUSED;
	rec->hints_used = (int)m->hints_used;
	rec->score = -1;
	snapshot_phases(m, a, rec);
	snapshot_notes(m, a, rec);
	snapshot_asked(m, a, rec);
	snapshot_told(m, a, rec);
	if (m->opts.flags & MOCK_INTERVIEWER)
		snapshot_checked(m, a, rec);
}

/* Checks that rec can be the record of a session of s. */
static int record_fits(const struct scenario *s, const struct store_mock *rec)
{
	if (rec->n_phases != s->n_phases || rec->cur_phase < 0 ||
	    (size_t)rec->cur_phase >= s->n_phases || rec->elapsed_ms < 0)
		return 0;
	for (size_t i = 0; i < rec->n_phases; i++)
		if (rec->phases[i].planned_ms <= 0 ||
		    rec->phases[i].used_ms < 0 ||
		    rec->phases[i].hints_used < 0 ||
		    (size_t)rec->phases[i].hints_used > s->phases[i].hints.n)
			return 0;
	return 1;
}

static void restore_phases(struct mock *m, const struct store_mock *rec)
{
	m->total_ms = 0;
	for (size_t i = 0; i < m->n_phases; i++) {
		struct mock_phase *ph = &m->phases[i];
		const struct store_mock_phase *src = &rec->phases[i];

		ph->minutes = src->minutes;
		ph->planned_ms = src->planned_ms;
		ph->used_ms = src->used_ms;
		ph->hints_shown = (size_t)src->hints_used;
		/* A past overrun rang already; so did the current one. */
		ph->overran = ph->used_ms >= ph->planned_ms;
		m->total_ms += ph->planned_ms;
		m->hints_used += ph->hints_shown;
	}
}

static void restore_asked(struct mock *m, const struct store_mock *rec)
{
	for (size_t i = 0; i < rec->n_followups; i++)
		for (size_t k = 0; k < m->followups.len; k++) {
			struct mock_followup *f = vec_at(&m->followups, k);

			if ((int)f->index != rec->followups[i].index)
				continue;
			f->asked = 1;
			f->asked_elapsed_ms = rec->followups[i].elapsed_ms;
		}
	for (size_t i = 0; i < rec->n_questions; i++) {
		const struct store_mock_question *q = &rec->questions[i];
		int c = q->clarification;

		if (c >= 0 && (size_t)c >= m->scenario->clarifications.n)
			c = -1;
		mock_question_add(m, q->text ? q->text : "", c, q->phase,
				  q->elapsed_ms);
	}
}

int mock_restore(struct mock *m, const struct scenario *s,
		 const struct mock_opts *opts, const struct store_mock *rec,
		 int64_t now_ms)
{
	struct mock_opts o = opts ? *opts : (struct mock_opts){ 0 };

	if (!record_fits(s, rec))
		return TPM_ECORRUPT;
	o.minutes = 0;
	if (rec->scored_by) {
		o.flags |= MOCK_INTERVIEWER;
		o.candidate = rec->candidate;
	}
	mock_init(m, s, &o, now_ms, rec->started_at);
	/* The ticks were saved as the coverage, in the same order. */
	for (size_t i = 0; m->checked && i < m->n_points &&
			   i < rec->n_coverage; i++)
		m->checked[i] = rec->coverage[i].covered != 0;
	restore_phases(m, rec);
	m->cur = (size_t)rec->cur_phase;
	m->elapsed_ms = rec->elapsed_ms;
	m->store_id = rec->id;
	/* The slots depend on the planned times, which +2 min may change. */
	mock_plan_followups(m);
	restore_asked(m, rec);
	for (size_t i = 0; i < rec->n_notes; i++) {
		struct mock_note *n;

		if (mock_notes_bytes(m) >= MOCK_MAX_NOTES_BYTES)
			break;
		n = vec_push(&m->notes);
		n->text = xstrdup(rec->notes[i].text ? rec->notes[i].text : "");
		n->phase = rec->notes[i].phase >= 0 &&
					   (size_t)rec->notes[i].phase <
						   m->n_phases
				   ? rec->notes[i].phase
				   : (int)m->cur;
	}
	if (rec->state != STORE_MOCK_RUNNING) {
		m->run = MOCK_ENDED;
		m->ended_utc_ms = rec->ended_at;
	}
	else if (rec->paused)
		m->run = MOCK_PAUSED;
	return 0;
}

int mock_save_result(struct mock *m, struct store *st, int64_t utc_ms,
		     const struct mock_result *res)
{
	struct store_mock rec;
	struct arena a;
	int ret;

	arena_init(&a);
	mock_snapshot(m, &a, &rec);
	/* The end is when it was first saved as over, not each save. */
	if (m->run == MOCK_ENDED && !m->ended_utc_ms)
		m->ended_utc_ms = utc_ms;
	rec.ended_at = m->ended_utc_ms;
	if (res && res->n_covers)
		mock_record_coverage(&rec, &a, res->covers, res->n_covers,
				     m->notes.items, m->notes.len);
	if (res && res->scores && res->rubric)
		mock_record_scores(&rec, &a, res->rubric, res->scores,
				   res->comments, res->caps_on);
	ret = store_mock_save(st, &rec);
	if (!ret)
		m->store_id = rec.id;
	arena_release(&a);
	return ret;
}

int mock_save(struct mock *m, struct store *st, int64_t utc_ms)
{
	return mock_save_result(m, st, utc_ms, NULL);
}

/* The stories told, found again in the bank by id ("" a new one). */
static void restore_told(struct mock *m, const struct library *lib,
			 const struct store_mock *rec)
{
	for (size_t i = 0; i < rec->n_stories; i++) {
		const struct store_mock_story *t = &rec->stories[i];
		size_t phase = (size_t)t->phase;

		if (t->phase < 0 || phase >= m->n_phases || !t->story)
			continue;
		m->told_set[phase] = 1;
		m->told[phase] = NULL;
		for (size_t k = 0; *t->story && k < lib->n_stories; k++)
			if (!strcmp(lib->stories[k].id.s, t->story))
				m->told[phase] = &lib->stories[k];
	}
}

int mock_resume_latest(struct mock *m, struct library *lib, struct store *st,
		       const struct mock_opts *opts, int64_t now_ms)
{
	const struct scenario *s;
	struct store_mock rec;
	struct arena a;
	int64_t id;
	int ret;

	ret = store_mock_latest(st, 1, &id);
	if (ret < 0)
		return ret;
	arena_init(&a);
	ret = store_mock_get(st, id, &a, &rec);
	if (!ret) {
		/* A built round is built again from its competencies. */
		s = library_find_scenario(lib, rec.scenario);
		if (!s && mock_rebuild_round(lib, rec.scenario, &s) < 0)
			s = NULL;
		ret = s ? mock_restore(m, s, opts, &rec, now_ms)
			: TPM_ECORRUPT;
	}
	if (!ret)
		restore_told(m, lib, &rec);
	arena_release(&a);
	return ret;
}
