/*
 * The mock session's state machine: time, phases, hints, overruns and
 * the interviewer's moves.  Notes and questions are in mock_notes.c, the
 * record for the store in mock_record.c.
 */
#include "mock/mock.h"

#include <string.h>

#include "core/xmalloc.h"
#include "loader/loader.h"
#include "match/match.h"
#include "mock/mock_int.h"

void mock_scale_minutes(const struct scenario *s, int minutes, int *out)
{
	int64_t own = 0, given = 0;
	size_t n = s->n_phases;

	for (size_t i = 0; i < n; i++)
		own += s->phases[i].minutes;
	if (minutes <= 0 || own <= 0) {
		for (size_t i = 0; i < n; i++)
			out[i] = s->phases[i].minutes;
		return;
	}
	/*
	 * Largest remainder: floor every share, then give the minutes left
	 * to the phases with the largest fractions (the earliest on a tie),
	 * so that the phases add up to exactly what was asked.
	 */
	for (size_t i = 0; i < n; i++) {
		out[i] = (int)(s->phases[i].minutes * (int64_t)minutes / own);
		given += out[i];
	}
	while (given < minutes) {
		size_t best = 0;
		int64_t best_rem = -1;

		for (size_t i = 0; i < n; i++) {
			int64_t rem = s->phases[i].minutes * (int64_t)minutes -
				      out[i] * own;

			if (rem > best_rem) {
				best_rem = rem;
				best = i;
			}
		}
		out[best]++;
		given++;
	}
	/* A phase never disappears: a very short session runs over. */
	for (size_t i = 0; i < n; i++)
		if (out[i] < 1)
			out[i] = 1;
}

/*
 * The follow-ups' slots: the start of a phase and half-way through it,
 * in the last phases, two per phase, as many phases as the follow-ups
 * need; the last follow-up comes half-way through the last phase.
 */
void mock_plan_followups(struct mock *m)
{
	const struct scenario *s = m->scenario;
	size_t n = s->follow_ups.n, phases, slots, first;

	m->followups.len = 0;
	m->followup_shown = -1;
	if (!n || !m->n_phases)
		return;
	phases = (n + 1) / 2;
	if (phases > m->n_phases)
		phases = m->n_phases;
	slots = 2 * phases;
	first = slots - (n < slots ? n : slots);
	for (size_t k = first; k < slots; k++) {
		struct mock_followup *f = vec_push(&m->followups);
		size_t p = m->n_phases - phases + k / 2;

		f->index = k - first;
		f->phase = (int)p;
		f->at_ms = k % 2 ? m->phases[p].planned_ms / 2 : 0;
	}
}

void mock_init(struct mock *m, const struct scenario *s,
	       const struct mock_opts *opts, int64_t now_ms, int64_t utc_ms)
{
	int *minutes = xcalloc(s->n_phases ? s->n_phases : 1, sizeof(int));

	memset(m, 0, sizeof(*m));
	m->scenario = s;
	if (opts)
		m->opts = *opts;
	m->n_phases = s->n_phases;
	m->phases = xcalloc(m->n_phases ? m->n_phases : 1,
			    sizeof(*m->phases));
	mock_scale_minutes(s, m->opts.minutes, minutes);
	for (size_t i = 0; i < m->n_phases; i++) {
		m->phases[i].src = &s->phases[i];
		m->phases[i].minutes = minutes[i];
		m->phases[i].planned_ms = (int64_t)minutes[i] * 60000;
		m->total_ms += m->phases[i].planned_ms;
	}
	xfree(minutes);
	vec_init(&m->notes, sizeof(struct mock_note));
	vec_init(&m->followups, sizeof(struct mock_followup));
	vec_init(&m->questions, sizeof(struct mock_question));
	buf_init(&m->notice);
	m->n_asks = s->clarifications.n;
	m->asks = xcalloc(m->n_asks ? m->n_asks : 1, sizeof(*m->asks));
	for (size_t i = 0; i < m->n_asks; i++) {
		const struct lstr *ask = &s->clarifications.v[i].ask;

		if (match_pattern_compile(&m->asks[i], ask->s, strlen(ask->s),
					  0, NULL) < 0)
			m->asks[i] = NULL;
	}
	mock_plan_followups(m);
	m->run = m->n_phases ? MOCK_RUNNING : MOCK_ENDED;
	m->last_now = m->last_save = now_ms;
	m->started_utc_ms = utc_ms;
	if (m->opts.flags & MOCK_INTERVIEWER) {
		for (size_t i = 0; i < m->n_phases; i++)
			m->n_points += s->phases[i].key_points.n +
				       s->phases[i].red_flags.n;
		m->checked = xcalloc(m->n_points + 1, 1);
		m->candidate = opts->candidate ? xstrdup(opts->candidate)
					       : NULL;
	}
	m->opts.candidate = NULL;	/* not kept: m->candidate is */
	m->told = xcalloc(m->n_phases + 1, sizeof(*m->told));
	m->told_set = xcalloc(m->n_phases + 1, 1);
}

void mock_release(struct mock *m)
{
	for (size_t i = 0; i < m->notes.len; i++)
		xfree(((struct mock_note *)vec_at(&m->notes, i))->text);
	for (size_t i = 0; i < m->questions.len; i++)
		xfree(((struct mock_question *)vec_at(&m->questions, i))->text);
	for (size_t i = 0; i < m->n_asks; i++)
		match_pattern_free(m->asks[i]);
	xfree(m->asks);
	xfree(m->phases);
	xfree(m->checked);
	xfree(m->candidate);
	xfree(m->told);
	xfree(m->told_set);
	vec_release(&m->notes);
	vec_release(&m->followups);
	vec_release(&m->questions);
	buf_release(&m->notice);
	memset(m, 0, sizeof(*m));
}

static int is_last(const struct mock *m)
{
	return m->cur + 1 >= m->n_phases;
}

static unsigned set_ended(struct mock *m)
{
	if (m->run == MOCK_ENDED)
		return 0;
	m->run = MOCK_ENDED;
	return MOCK_EV_ENDED | MOCK_EV_SAVE | MOCK_EV_REDRAW;
}

/* Puts the next follow-up that is due, if none is on show. */
static unsigned put_followup(struct mock *m)
{
	const struct mock_phase *ph = &m->phases[m->cur];

	if (m->followup_shown >= 0)
		return 0;
	for (size_t i = 0; i < m->followups.len; i++) {
		struct mock_followup *f = vec_at(&m->followups, i);

		if (f->asked)
			continue;
		if ((size_t)f->phase > m->cur ||
		    ((size_t)f->phase == m->cur && ph->used_ms < f->at_ms))
			return 0;
		f->asked = 1;
		f->asked_elapsed_ms = m->elapsed_ms;
		m->followup_shown = (int)i;
		return MOCK_EV_FOLLOWUP | MOCK_EV_REDRAW | MOCK_EV_SAVE;
	}
	return 0;
}

static unsigned enter_phase(struct mock *m, size_t next)
{
	m->cur = next;
	return MOCK_EV_PHASE | MOCK_EV_SAVE | MOCK_EV_REDRAW | put_followup(m);
}

/* What the time counted so far brings, at this instant. */
static unsigned check(struct mock *m)
{
	struct mock_phase *ph = &m->phases[m->cur];
	int64_t grace = (int64_t)m->opts.grace_s * 1000;
	unsigned ev = 0;

	if (m->run == MOCK_ENDED)
		return 0;
	if (m->elapsed_ms >= m->total_ms)
		return set_ended(m);
	if (!is_last(m) && ph->used_ms >= ph->planned_ms && !ph->overran) {
		ph->overran = 1;
		ev |= MOCK_EV_OVERRUN | MOCK_EV_REDRAW;
		if (m->opts.bell)
			ev |= MOCK_EV_BELL;
	}
	if (!is_last(m) && ph->used_ms >= ph->planned_ms + grace) {
		buf_clear(&m->notice);
		buf_addf(&m->notice, m->opts.flags & MOCK_INTERVIEWER
					     ? "Time is up for %s: move the "
					       "candidate on to %s."
					     : "Time is up for %s: the "
					       "interviewer moves you on to %s.",
			 ph->src->name.s, m->phases[m->cur + 1].src->name.s);
		ev |= enter_phase(m, m->cur + 1) | MOCK_EV_ADVANCED;
	}
	return ev | put_followup(m);
}

/* How much time may pass before check() has something to do. */
static int64_t next_boundary(const struct mock *m)
{
	const struct mock_phase *ph = &m->phases[m->cur];
	int64_t grace = (int64_t)m->opts.grace_s * 1000;
	int64_t step = m->total_ms - m->elapsed_ms, t;

	if (!is_last(m)) {
		t = ph->used_ms < ph->planned_ms ? ph->planned_ms - ph->used_ms
						 : ph->planned_ms + grace -
						   ph->used_ms;
		if (t > 0 && t < step)
			step = t;
	}
	if (m->followup_shown < 0) {
		for (size_t i = 0; i < m->followups.len; i++) {
			const struct mock_followup *f =
				vec_at(&m->followups, i);

			if (f->asked || (size_t)f->phase != m->cur)
				continue;
			t = f->at_ms - ph->used_ms;
			if (t > 0 && t < step)
				step = t;
			break;
		}
	}
	return step;
}

/*
 * Counts the time from the last reading to now, in steps that stop at
 * every instant where something happens, so that a long gap (a slow
 * redraw, a resumed laptop) still rings, moves on and asks in order.
 */
static unsigned count(struct mock *m, int64_t now_ms)
{
	int64_t delta = now_ms - m->last_now;
	unsigned ev = 0;

	m->last_now = now_ms;
	if (m->run != MOCK_RUNNING || m->suspended || delta <= 0)
		return 0;
	ev |= check(m);
	while (delta > 0 && m->run == MOCK_RUNNING) {
		int64_t step = next_boundary(m);

		if (step > delta)
			step = delta;
		if (step <= 0)
			break;
		m->elapsed_ms += step;
		m->phases[m->cur].used_ms += step;
		delta -= step;
		ev |= check(m);
	}
	return ev;
}

/* MOCK_EV_SAVE restarts the 5 s save clock. */
static unsigned saved(struct mock *m, int64_t now_ms, unsigned ev)
{
	if (ev & MOCK_EV_SAVE)
		m->last_save = now_ms;
	return ev;
}

unsigned mock_tick(struct mock *m, int64_t now_ms)
{
	int64_t second = m->elapsed_ms / 1000;
	unsigned ev = count(m, now_ms);

	if (m->run == MOCK_RUNNING && !m->suspended)
		ev |= check(m);
	if (m->elapsed_ms / 1000 != second)
		ev |= MOCK_EV_REDRAW;
	if (m->run != MOCK_ENDED &&
	    now_ms - m->last_save >= MOCK_SAVE_EVERY_MS)
		ev |= MOCK_EV_SAVE;
	return saved(m, now_ms, ev);
}

unsigned mock_pause(struct mock *m, int64_t now_ms)
{
	unsigned ev = count(m, now_ms);

	if (m->run != MOCK_RUNNING)
		return saved(m, now_ms, ev);
	m->run = MOCK_PAUSED;
	return saved(m, now_ms, ev | MOCK_EV_SAVE | MOCK_EV_REDRAW);
}

unsigned mock_resume(struct mock *m, int64_t now_ms)
{
	if (m->run != MOCK_PAUSED)
		return 0;
	m->run = MOCK_RUNNING;
	m->last_now = now_ms;
	return MOCK_EV_REDRAW;
}

int mock_paused(const struct mock *m)
{
	return m->run == MOCK_PAUSED;
}

unsigned mock_suspend(struct mock *m, int64_t now_ms)
{
	unsigned ev = count(m, now_ms);

	m->suspended = 1;
	return saved(m, now_ms, ev | MOCK_EV_SAVE);
}

unsigned mock_unsuspend(struct mock *m, int64_t now_ms)
{
	m->suspended = 0;
	m->last_now = now_ms;
	return MOCK_EV_REDRAW;
}

unsigned mock_next_phase(struct mock *m, int64_t now_ms)
{
	unsigned ev = count(m, now_ms);

	if (m->run == MOCK_ENDED || is_last(m))
		return saved(m, now_ms, ev);
	buf_clear(&m->notice);
	return saved(m, now_ms, ev | enter_phase(m, m->cur + 1));
}

unsigned mock_extend(struct mock *m, int64_t now_ms)
{
	unsigned ev = count(m, now_ms);
	struct mock_phase *ph = &m->phases[m->cur];

	if (m->run == MOCK_ENDED)
		return saved(m, now_ms, ev);
	ph->planned_ms += MOCK_EXTEND_MS;
	m->total_ms += MOCK_EXTEND_MS;
	/* Time again: the next overrun is a new one, with its bell. */
	if (ph->used_ms < ph->planned_ms)
		ph->overran = 0;
	return saved(m, now_ms, ev | MOCK_EV_REDRAW | MOCK_EV_SAVE);
}

size_t mock_hints_left(const struct mock *m)
{
	const struct mock_phase *ph;

	if (!m->n_phases)
		return 0;
	ph = &m->phases[m->cur];
	return ph->src->hints.n - ph->hints_shown;
}

const char *mock_reveal_hint(struct mock *m)
{
	struct mock_phase *ph;

	if (!mock_hints_left(m) || m->run == MOCK_ENDED)
		return NULL;
	ph = &m->phases[m->cur];
	m->hints_used++;
	return ph->src->hints.v[ph->hints_shown++].s;
}

const char *mock_hint(const struct mock *m, size_t i)
{
	const struct mock_phase *ph = &m->phases[m->cur];

	return i < ph->hints_shown ? ph->src->hints.v[i].s : NULL;
}

unsigned mock_end(struct mock *m, int64_t now_ms)
{
	unsigned ev = count(m, now_ms);

	return saved(m, now_ms, ev | set_ended(m));
}

int mock_ended(const struct mock *m)
{
	return m->run == MOCK_ENDED;
}

int64_t mock_phase_left_ms(const struct mock *m)
{
	const struct mock_phase *ph;

	if (!m->n_phases)
		return 0;
	if (is_last(m))
		return mock_session_left_ms(m);
	ph = &m->phases[m->cur];
	return ph->planned_ms - ph->used_ms;
}

int64_t mock_session_left_ms(const struct mock *m)
{
	int64_t left = m->total_ms - m->elapsed_ms;

	return left > 0 ? left : 0;
}

int mock_overrun(const struct mock *m)
{
	return m->n_phases && !is_last(m) && m->run != MOCK_ENDED &&
	       mock_phase_left_ms(m) <= 0;
}

const char *mock_notice(const struct mock *m)
{
	return m->notice.s;
}

void mock_format_ms(int64_t ms, char out[16])
{
	int over = ms < 0;
	int64_t s = (over ? -ms : ms) / 1000;
	unsigned h, m, sec;

	/* Time left rounds up, so 0:00 shows only when it is over. */
	if (!over && ms % 1000)
		s++;
	/* Past 99:59:59 the figure stops: no session runs that long. */
	if (s > 99 * 3600 + 59 * 60 + 59)
		s = 99 * 3600 + 59 * 60 + 59;
	h = (unsigned)(s / 3600) % 100u;
	m = (unsigned)(s / 60 % 60) % 60u;
	sec = (unsigned)(s % 60) % 60u;
	if (h)
		snprintf(out, 16, "%s%u:%02u:%02u", over ? "+" : "", h, m,
			 sec);
	else
		snprintf(out, 16, "%s%u:%02u", over ? "+" : "", m, sec);
}

const char *mock_followup(const struct mock *m)
{
	const struct mock_followup *f;

	if (m->followup_shown < 0)
		return NULL;
	f = vec_at(&m->followups, (size_t)m->followup_shown);
	return m->scenario->follow_ups.v[f->index].s;
}

unsigned mock_followup_dismiss(struct mock *m, int64_t now_ms)
{
	unsigned ev = count(m, now_ms);

	if (m->followup_shown < 0)
		return saved(m, now_ms, ev);
	m->followup_shown = -1;
	ev |= MOCK_EV_REDRAW;
	if (m->run != MOCK_ENDED)
		ev |= put_followup(m);
	return saved(m, now_ms, ev);
}
