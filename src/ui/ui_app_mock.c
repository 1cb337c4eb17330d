/*
 * The mock interview's screens wired to the data: the picker from the
 * library and the store, the running session on the mock state machine
 * (mock/mock.h) with its saves, then coverage, rubric scoring and the
 * result.  The pure screens are ui_mpick.c, ui_mrun.c, ui_mcover.c,
 * ui_mscore.c and ui_mresult.c.
 *
 * The notes pad (ui_notes.c) is where the notes live while the session
 * runs; they are copied into the mock, with each line's phase, before
 * every save and every use (a question, the coverage).
 */
#include "ui/ui_app.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/xmalloc.h"
#include "mock/mock.h"
#include "queue/queue_settings.h"
#include "store/store.h"
#include "ui/ui_mcover.h"
#include "ui/ui_mpick.h"
#include "ui/ui_mresult.h"
#include "ui/ui_mrun.h"
#include "ui/ui_mscore.h"

#define APP_MOCK_MAX_CHOICES 200

struct app_mock {
	const struct scenario *sc;
	const struct rubric *rub;
	struct mock m;
	int m_on;
	struct mpick pick;
	int pick_on;
	struct mrun run;
	int run_on;
	struct mcover cover;
	int cover_on;
	struct vec covers;		/* of struct mock_cover */
	struct mscore score;
	int score_on;
	struct mresult result;
	int result_on;
	char *save_error;		/* the last save's, shown once */
	/* The story picker's choices, in its order (a new story after). */
	const struct story *choices[APP_MOCK_MAX_CHOICES];
	size_t n_choices;
};

static int64_t mono(const struct app *a)
{
	return clock_mono_ms(a->env->clock);
}

static struct app_mock *am_of(struct app *a)
{
	if (!a->mock) {
		a->mock = xcalloc(1, sizeof(*a->mock));
		vec_init(&a->mock->covers, sizeof(struct mock_cover));
	}
	return a->mock;
}

static void close_screens(struct app_mock *am)
{
	if (am->pick_on)
		mpick_release(&am->pick);
	if (am->run_on)
		mrun_release(&am->run);
	if (am->cover_on)
		mcover_release(&am->cover);
	if (am->score_on)
		mscore_release(&am->score);
	if (am->result_on)
		mresult_release(&am->result);
	am->pick_on = am->run_on = am->cover_on = am->score_on = 0;
	am->result_on = 0;
}

/* Ends what a session holds: its screens and the state machine. */
static void session_close(struct app_mock *am)
{
	close_screens(am);
	if (am->m_on)
		mock_release(&am->m);
	am->m_on = 0;
	am->sc = NULL;
	am->rub = NULL;
	am->covers.len = 0;
}

void app_mock_release(struct app *a)
{
	if (!a->mock)
		return;
	session_close(a->mock);
	vec_release(&a->mock->covers);
	xfree(a->mock->save_error);
	xfree(a->mock);
	a->mock = NULL;
}

/* ---- Notes and saving -------------------------------------------------- */

/* Copies the notes pad into the mock, each line with its phase. */
static void sync_notes(struct app_mock *am)
{
	struct mock *m = &am->m;
	size_t n = notes_count(&am->run.notes);

	for (size_t i = 0; i < n; i++) {
		const struct notes_line *l = notes_line(&am->run.notes, i);

		if (i < mock_notes_count(m))
			mock_note_set(m, i, l->text.s, l->text.len);
		else
			mock_note_insert(m, i, l->text.s, l->text.len);
		if (i < mock_notes_count(m))
			((struct mock_note *)vec_at(&m->notes, i))->phase =
				l->phase;
	}
	while (mock_notes_count(m) > n)
		mock_note_remove(m, mock_notes_count(m) - 1);
}

/*
 * Saves the session as it stands, with the coverage once it is known and
 * with scores[] and comments[] when they are given.  Returns 0, or -1
 * with the store's message kept for the screen.
 */
static int save(struct app *a, const int *scores, const char *const *comments,
		const unsigned char *caps_on)
{
	struct app_mock *am = a->mock;
	struct mock_result res = {
		am->covers.items, am->covers.len, am->rub, scores, comments,
		caps_on,
	};
	int ret;

	if (am->run_on)
		sync_notes(am);
	ret = mock_save_result(&am->m, a->env->st,
			       clock_utc_ms(a->env->clock), &res);
	xfree(am->save_error);
	am->save_error = NULL;
	if (ret < 0) {
		struct buf b;

		buf_init(&b);
		buf_addf(&b, "not saved: %s", store_errmsg(a->env->st));
		am->save_error = buf_detach(&b, NULL);
		return -1;
	}
	return 0;
}

/* ---- Choosing ---------------------------------------------------------- */

static const char *kind_label(int kind)
{
	static const char *const names[] = {
		[SCENARIO_SYSTEM_DESIGN] = "system design",
		[SCENARIO_BEHAVIOURAL] = "behavioural",
		[SCENARIO_PROGRAM_EXECUTION] = "program execution",
	};

	return kind < 0 ? "every kind" : names[kind];
}


static int fill_pick(struct app *a)
{
	struct mpick *p = &a->mock->pick;
	struct vec picks;
	int ret;

	vec_init(&picks, sizeof(struct mock_pick));
	mpick_clear(p, kind_label(p->kind));
	ret = mock_pick_list(a->lib, a->env->st, p->kind, &a->params,
			     app_now_ms(a), &picks);
	for (size_t i = 0; ret == 0 && i < picks.len; i++) {
		const struct mock_pick *k = vec_at(&picks, i);
		char last[16] = "never", score[16] = "", due[16] = "now";

		if (k->last_done)
			app_day_label(a, k->last_done, last);
		if (!k->last_done)
			snprintf(due, sizeof(due), "new");
		else if (!k->due)
			app_day_label(a, k->card.due, due);
		if (k->last_score >= 0)
			snprintf(score, sizeof(score), "%.0f%%", k->last_score);
		mpick_add(p, k->scenario->id.s, k->scenario->title.s,
			  kind_label((int)k->scenario->kind), due, last, score);
	}
	vec_release(&picks);
	if (ret < 0)
		app_notice(a, "mock interview", store_errmsg(a->env->st));
	return ret;
}

int app_mock_pick(struct app *a, int kind)
{
	struct app_mock *am = am_of(a);

	session_close(am);
	mpick_init(&am->pick, kind);
	am->pick_on = 1;
	if (fill_pick(a) < 0)
		return -1;
	a->screen = &app_mpick_screen;
	return 0;
}

/* ---- The running session ----------------------------------------------- */

/*
 * Interviewer mode: the current phase's points, as ticked, and all its
 * hints, those given marked.
 */
static void sync_checks(struct app_mock *am)
{
	const struct phase *ph = am->m.phases[am->m.cur].src;
	size_t n_kp = ph->key_points.n;
	struct buf b;

	mrun_clear_hints(&am->run);
	buf_init(&b);
	for (size_t i = 0; i < ph->hints.n; i++) {
		buf_clear(&b);
		buf_addf(&b, "%s%s", i < am->m.phases[am->m.cur].hints_shown
					     ? "given: " : "",
			 ph->hints.v[i].s);
		mrun_add_hint(&am->run, b.s);
	}
	buf_release(&b);

	mrun_clear_checks(&am->run);
	for (size_t i = 0; i < n_kp + ph->red_flags.n; i++)
		mrun_add_check(&am->run, i < n_kp
				       ? ph->key_points.v[i].label.s
				       : ph->red_flags.v[i - n_kp].label.s,
			       i >= n_kp, mock_checked(&am->m, am->m.cur, i));
}

/*
 * The question on show, when the phase has one (a behavioural round
 * always shows one: its phase's name if nothing else), and in a
 * behavioural round its answer clock and its story.
 */
static void sync_question(struct app_mock *am)
{
	const struct mock *m = &am->m;
	const struct phase *ph = m->phases[m->cur].src;
	const struct story *story;
	const char *told = NULL, *q = ph->question.s;

	if (mock_told(m, m->cur, &story))
		told = story ? story->title.s : "a new story, not in the bank";
	if (!q && am->run.behavioural)
		q = ph->name.s;
	mrun_set_question(&am->run, q, told);
	am->run.answer_ms = mock_answer_ms(m, m->cur);
	am->run.used_ms = m->phases[m->cur].used_ms;
}

/* ^Y: the bank's stories for the question, then a new one. */
static unsigned story_choices(struct app *a)
{
	struct app_mock *am = a->mock;
	struct buf label;

	am->n_choices = mock_story_choices(&am->m, a->lib, am->choices,
					   APP_MOCK_MAX_CHOICES);
	buf_init(&label);
	for (size_t i = 0; i < am->n_choices; i++) {
		const struct story *s = am->choices[i];

		buf_clear(&label);
		buf_addf(&label, "%s · %s", s->title.s, s->id.s);
		mrun_add_story_choice(&am->run, label.s);
	}
	buf_release(&label);
	mrun_add_story_choice(&am->run, "a new story, not in the bank");
	if (!am->n_choices)
		mrun_set_status(&am->run, "no story bank yet: tpmtrain "
			       "stories edit makes one");
	return MOCK_EV_REDRAW;
}

/* Copies the session's figures into the screen. */
static void sync_view(struct app_mock *am)
{
	struct mrun *r = &am->run;
	struct mock *m = &am->m;

	mrun_clear_phases(r);
	for (size_t i = 0; i < m->n_phases; i++)
		mrun_add_phase(r, m->phases[i].src->name.s,
			       m->phases[i].planned_ms, m->phases[i].used_ms);
	r->cur = m->cur;
	r->phase_left_ms = mock_phase_left_ms(m);
	mock_format_ms(r->phase_left_ms, r->left);
	r->elapsed_ms = m->elapsed_ms;
	r->total_ms = m->total_ms;
	r->paused = mock_paused(m);
	r->hints_left = mock_hints_left(m);
	notes_set_phase(&r->notes, (int)m->cur);
	if (r->interviewer)
		sync_checks(am);
	sync_question(am);
	if (am->save_error) {
		mrun_set_status(r, am->save_error);
		xfree(am->save_error);
		am->save_error = NULL;
	}
}

static void open_run(struct app *a)
{
	struct app_mock *am = a->mock;
	const struct scenario *s = am->sc;
	char sub[64];
	int minutes = 0;

	for (size_t i = 0; i < am->m.n_phases; i++)
		minutes += am->m.phases[i].minutes;
	snprintf(sub, sizeof(sub), "%s · %d min", kind_label((int)s->kind),
		 minutes);
	{
		struct buf title;

		buf_init(&title);
		if (am->m.opts.flags & MOCK_INTERVIEWER)
			buf_addf(&title, "interviewing %s · %s",
				 am->m.candidate ? am->m.candidate
						 : "a candidate",
				 s->title.s);
		else
			buf_addf(&title, "mock · %s", s->title.s);
		mrun_init(&am->run, title.s, sub, s->prompt.s);
		buf_release(&title);
	}
	am->run_on = 1;
	am->run.behavioural = s->kind == SCENARIO_BEHAVIOURAL;
	if (am->m.opts.flags & MOCK_INTERVIEWER) {
		am->run.interviewer = 1;
		for (size_t i = 0; i < s->follow_ups.n; i++)
			mrun_add_followup(&am->run, s->follow_ups.v[i].s);
	}
	/* The notes, facts and hints a resumed session had. */
	notes_clear(&am->run.notes);
	for (size_t i = 0; i < mock_notes_count(&am->m); i++) {
		const struct mock_note *n = mock_note_at(&am->m, i);

		notes_append_line(&am->run.notes, n->text, strlen(n->text),
				  n->phase);
	}
	am->run.notes.row = notes_count(&am->run.notes) - 1;
	am->run.notes.col = notes_line(&am->run.notes, am->run.notes.row)
				    ->text.len;
	for (size_t i = 0; i < am->m.questions.len; i++) {
		const struct mock_question *q = vec_at(&am->m.questions, i);

		if (q->clarification >= 0)
			mrun_add_fact(&am->run, q->text,
				      mock_question_answer(&am->m, q));
	}
	for (size_t i = 0; i < am->m.phases[am->m.cur].hints_shown; i++)
		mrun_add_hint(&am->run, mock_hint(&am->m, i));
	if (mock_followup(&am->m))
		mrun_set_band(&am->run, MRUN_BAND_FOLLOWUP,
			      mock_followup(&am->m));
	sync_view(am);
	a->screen = &app_mrun_screen;
}

static struct mock_opts opts_of(const struct app *a)
{
	struct mock_opts o = { 0 };

	o.minutes = a->env->mock_minutes;
	o.grace_s = a->env->settings->mock_grace_seconds;
	o.bell = a->env->settings->mock_bell && !a->env->mock_quiet;
	if (a->env->mock_interviewer) {
		o.flags |= MOCK_INTERVIEWER;
		o.candidate = a->env->mock_candidate;
	}
	return o;
}

static int set_scenario(struct app *a, const struct scenario *s)
{
	struct app_mock *am = a->mock;

	am->sc = s;
	am->rub = library_find_rubric(a->lib, s->rubric.s);
	if (!am->rub) {
		struct buf b;

		buf_init(&b);
		buf_addf(&b, "The scenario %s names the rubric %s, which is "
			 "not loaded: `tpmtrain lint` says more.", s->id.s,
			 s->rubric.s);
		app_notice(a, "mock interview", b.s);
		buf_release(&b);
		return -1;
	}
	return 0;
}

int app_mock_start(struct app *a, const char *id)
{
	struct app_mock *am = am_of(a);
	const struct scenario *s = library_find_scenario(a->lib, id);
	struct mock_opts o = opts_of(a);

	session_close(am);
	if (!s || set_scenario(a, s) < 0)
		return -1;
	mock_init(&am->m, s, &o, mono(a), clock_utc_ms(a->env->clock));
	am->m_on = 1;
	open_run(a);
	/* The interviewer reads the prompt out first. */
	am->run.prompt_open = am->run.interviewer;
	/* A row at once, so that a crash in the first seconds is resumable. */
	save(a, NULL, NULL, NULL);
	sync_view(am);
	return 0;
}

static void open_cover(struct app *a);

/* The clock is over (or the candidate ended it): coverage next. */
static void finish(struct app *a)
{
	struct app_mock *am = a->mock;

	if (!mock_ended(&am->m))
		mock_end(&am->m, mono(a));
	sync_notes(am);
	if (am->m.opts.flags & MOCK_INTERVIEWER)
		mock_checked_coverage(&am->m, &am->covers);
	else
		mock_coverage(am->sc, vec_at(&am->m.notes, 0),
			      mock_notes_count(&am->m), &am->covers);
	save(a, NULL, NULL, NULL);
	open_cover(a);
}

/* Carries out what the state machine's events ask for. */
static int events(struct app *a, unsigned ev)
{
	struct app_mock *am = a->mock;
	int fx = 0;

	if (ev & MOCK_EV_ENDED) {
		finish(a);
		return UI_REDRAW;
	}
	if (ev & MOCK_EV_SAVE)
		save(a, NULL, NULL, NULL);
	if ((ev & MOCK_EV_BELL) && a->term.bell)
		a->term.bell(a->term.ctx);
	if (ev & MOCK_EV_ADVANCED)
		mrun_set_band(&am->run, MRUN_BAND_NOTICE, mock_notice(&am->m));
	if ((ev & MOCK_EV_FOLLOWUP) && mock_followup(&am->m))
		mrun_set_band(&am->run, MRUN_BAND_FOLLOWUP,
			      mock_followup(&am->m));
	if (ev & MOCK_EV_PHASE) {
		/* The hints on show were the last phase's. */
		for (size_t i = 0; i < am->run.hints.len; i++)
			xfree(*(char **)vec_at(&am->run.hints, i));
		am->run.hints.len = 0;
	}
	if (ev)
		fx = UI_REDRAW;
	sync_view(am);
	return fx;
}

/* The notes through $VISUAL or $EDITOR, in a private temporary file. */
static void edit_notes(struct app *a)
{
	struct app_mock *am = a->mock;
	const char *dir = getenv("TMPDIR");
	struct buf path, text;
	FILE *f;
	int fd, st, ok;

	buf_init(&path);
	buf_init(&text);
	buf_addf(&path, "%s/tpmtrain-notes-XXXXXX.md", dir && *dir ? dir
								: "/tmp");
	fd = mkstemps(path.s, 3);
	if (fd < 0) {
		mrun_set_status(&am->run, "no temporary file for the editor");
		goto out;
	}
	notes_text(&am->run.notes, &text);
	buf_addch(&text, '\n');
	ok = write(fd, text.s, text.len) == (ssize_t)text.len;
	ok = close(fd) == 0 && ok;
	if (!ok) {
		mrun_set_status(&am->run, "could not write the notes for the "
			       "editor");
		goto gone;
	}
	st = app_run_editor(path.s, (unsigned)am->run.notes.row + 1);
	if (st != 0) {
		mrun_set_status(&am->run, st < 0 ? "the editor did not run "
				"(set $EDITOR): the notes are as they were"
				: "the editor failed: the notes are as they "
				  "were");
		goto gone;
	}
	buf_clear(&text);
	f = fopen(path.s, "rb");
	if (f) {
		char chunk[4096];
		size_t n;

		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 &&
		       text.len < NOTES_MAX_BYTES * 2)
			buf_add(&text, chunk, n);
		ok = !ferror(f);
		fclose(f);
	}
	if (!f || !ok)
		mrun_set_status(&am->run, "could not read the notes back");
	else if (notes_set_text(&am->run.notes, text.s, text.len) < 0)
		mrun_set_status(&am->run, "the notes were too long: the end "
			       "was cut");
	else
		mrun_set_status(&am->run, "notes taken back from the editor");
gone:
	unlink(path.s);
out:
	buf_release(&path);
	buf_release(&text);
}

static unsigned ask(struct app *a)
{
	struct app_mock *am = a->mock;
	const struct mock_question *q;
	const char *answer;
	size_t len;
	char *line;
	const char *cur = notes_current(&am->run.notes, &len);

	line = xstrndup(cur, len);
	answer = mock_ask(&am->m, line);
	q = am->m.questions.len ? vec_at(&am->m.questions,
					 am->m.questions.len - 1) : NULL;
	mrun_set_band(&am->run, MRUN_BAND_ANSWER, answer);
	if (q && q->clarification >= 0)
		mrun_add_fact(&am->run, line, answer);
	xfree(line);
	return MOCK_EV_SAVE | MOCK_EV_REDRAW;
}

static unsigned run_request(struct app *a)
{
	struct app_mock *am = a->mock;
	struct mock *m = &am->m;
	int64_t now = mono(a);
	const char *hint;

	switch (am->run.req) {
	case MRUN_REQ_PAUSE:
		return mock_paused(m) ? mock_resume(m, now) : mock_pause(m, now);
	case MRUN_REQ_NEXT:
		return mock_next_phase(m, now);
	case MRUN_REQ_EXTEND:
		mrun_set_status(&am->run, "two more minutes for this phase");
		return mock_extend(m, now);
	case MRUN_REQ_HINT:
		hint = mock_reveal_hint(m);
		if (!hint)
			return 0;
		mrun_add_hint(&am->run, hint);
		mrun_set_band(&am->run, MRUN_BAND_HINT, hint);
		return MOCK_EV_SAVE | MOCK_EV_REDRAW;
	case MRUN_REQ_ASK:
		return ask(a);
	case MRUN_REQ_EDITOR:
		edit_notes(a);
		return MOCK_EV_SAVE | MOCK_EV_REDRAW;
	case MRUN_REQ_END:
		return mock_end(m, now);
	case MRUN_REQ_DISMISS:
		return mock_followup(m) ? mock_followup_dismiss(m, now) : 0;
	case MRUN_REQ_CHECK:
		if (mock_check(m, m->cur, am->run.req_index) < 0)
			return 0;
		return MOCK_EV_SAVE | MOCK_EV_REDRAW;
	case MRUN_REQ_STORIES:
		return story_choices(a);
	case MRUN_REQ_STORY:
		mock_tell(m, am->run.req_index < am->n_choices
				     ? am->choices[am->run.req_index]
				     : NULL);
		return MOCK_EV_SAVE | MOCK_EV_REDRAW;
	default:
		return 0;
	}
}

/* ---- After the clock --------------------------------------------------- */

static void open_cover(struct app *a)
{
	struct app_mock *am = a->mock;
	const struct mock *m = &am->m;

	close_screens(am);
	{
		struct buf t;

		buf_init(&t);
		buf_addf(&t, "coverage · %s", am->sc->title.s);
		mcover_init(&am->cover, t.s);
		buf_release(&t);
	}
	am->cover_on = 1;
	for (size_t i = 0; i < m->n_phases; i++)
		mcover_add_phase(&am->cover, m->phases[i].src->name.s);
	for (size_t i = 0; i < am->covers.len; i++) {
		const struct mock_cover *c = vec_at(&am->covers, i);
		const char *line = c->line >= 0 && (size_t)c->line <
						mock_notes_count(m)
					   ? mock_note_at(m, (size_t)c->line)->text
					   : NULL;

		mcover_add(&am->cover, c->phase, c->label, c->covered,
			   c->red_flag, c->limit, line);
	}
	a->screen = &app_mcover_screen;
}

/* Lower-case words of s of four letters or more, as 5-letter stems. */
static int shares_word(const char *a, const char *b)
{
	char wa[6], wb[6];

	for (const char *p = a; *p;) {
		size_t n = 0;

		while (*p && !isalpha((unsigned char)*p))
			p++;
		while (isalpha((unsigned char)p[n]))
			n++;
		if (n >= 4) {
			snprintf(wa, sizeof(wa), "%.5s", p);
			for (char *c = wa; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			for (const char *q = b; *q;) {
				size_t k = 0;

				while (*q && !isalpha((unsigned char)*q))
					q++;
				while (isalpha((unsigned char)q[k]))
					k++;
				if (k >= 4) {
					snprintf(wb, sizeof(wb), "%.5s", q);
					for (char *c = wb; *c; c++)
						*c = (char)tolower(
							(unsigned char)*c);
					if (!strcmp(wa, wb))
						return 1;
				}
				q += k;
			}
		}
		p += n;
	}
	return 0;
}

/*
 * The evidence beside each criterion: the key points of the phases whose
 * names share a word with the criterion's ("Clarify requirements" and
 * "Requirements and scoping"), and the facts asked for the criterion
 * about requirements.  Evidence, not a score: the candidate decides.
 */
static void add_evidence(struct app_mock *am, struct mscore_crit *sc,
			 const struct criterion *c)
{
	const struct mock *m = &am->m;
	int is_req = shares_word(c->name.s, "requirements") ||
		     shares_word(c->id.s, "requirements");

	for (size_t i = 0; i < am->covers.len; i++) {
		const struct mock_cover *k = vec_at(&am->covers, i);
		const char *phase = m->phases[k->phase].src->name.s;

		if (!shares_word(phase, c->name.s) &&
		    !shares_word(phase, c->id.s))
			continue;
		if (k->red_flag && !k->covered)
			continue;
		mscore_add_evidence(sc, k->red_flag ? MSCORE_EV_FLAG
				    : k->covered ? MSCORE_EV_COVERED
						 : MSCORE_EV_MISSED,
				    k->label);
	}
	for (size_t i = 0; is_req && i < m->questions.len; i++) {
		const struct mock_question *q = vec_at(&m->questions, i);
		struct buf b;

		buf_init(&b);
		buf_addf(&b, "%s → %s", q->text, mock_question_answer(m, q));
		mscore_add_evidence(sc, MSCORE_EV_FACT, b.s);
		buf_release(&b);
	}
}

static void open_score(struct app *a)
{
	struct app_mock *am = a->mock;
	const struct rubric *r = am->rub;

	close_screens(am);
	mscore_init(&am->score, r->title.s);
	am->score_on = 1;
	for (size_t i = 0; i < r->n_criteria; i++) {
		const struct criterion *c = &r->criteria[i];
		const char *levels[4] = { NULL, NULL, NULL, NULL };
		struct mscore_crit *sc;

		for (size_t k = 0; k < 4 && k < c->levels.n; k++)
			levels[k] = c->levels.v[k].s;
		sc = mscore_add(&am->score, c->name.s, c->weight, levels);
		mscore_set_guidance(sc, (const char *const[3]){
			c->senior.s, c->staff.s, c->principal.s });
		add_evidence(am, sc, c);
	}
	for (size_t k = 0; k < r->n_caps; k++)
		mscore_add_cap(&am->score, r->caps[k].label.s,
			       r->caps[k].max);
	a->screen = &app_mscore_screen;
}

static void open_result(struct app *a);

/* Which of the rubric's red-flag caps the scorer marked seen (xfree()). */
static unsigned char *caps_seen(const struct mscore *s)
{
	unsigned char *on = xcalloc(s->caps.len + 1, 1);

	for (size_t k = 0; k < s->caps.len; k++)
		on[k] = (unsigned char)((const struct mscore_cap *)vec_at(
					&s->caps, k))->on;
	return on;
}

/* The candidate confirmed: the scores go to the store, then the result. */
static void save_scores(struct app *a)
{
	struct app_mock *am = a->mock;
	size_t n = am->score.crits.len;
	int *scores = xcalloc(n + 1, sizeof(int));
	const char **comments = xcalloc(n + 1, sizeof(char *));
	unsigned char *caps_on = caps_seen(&am->score);

	for (size_t i = 0; i < n; i++) {
		const struct mscore_crit *c = mscore_crit(&am->score, i);

		scores[i] = c->score;
		comments[i] = c->comment.text.s;
	}
	if (save(a, scores, comments, caps_on) < 0) {
		xfree(am->score.status);
		am->score.status = xstrdup(am->save_error);
	} else {
		open_result(a);
	}
	xfree(scores);
	xfree(comments);
	xfree(caps_on);
}

/*
 * The first of the weakest criteria's tags that some card has, or NULL:
 * what d drills.
 */
static const char *weak_tag(struct app *a, const int *scores)
{
	const char *tags[32];
	size_t n = mock_weak_tags(a->mock->rub, scores, tags, 32);

	for (size_t k = 0; k < n; k++)
		for (size_t it = 0; it < a->lib->n_items; it++)
			if (item_has_tag(&a->lib->items[it], tags[k]))
				return tags[k];
	return NULL;
}

static void result_figures(struct app *a, const int *scores)
{
	struct app_mock *am = a->mock;
	struct mresult *res = &am->result;
	const struct mock *m = &am->m;
	const struct rubric *r = am->rub;
	struct mock_trend *tr = xcalloc(r->n_criteria + 1, sizeof(*tr));
	const char *weak = weak_tag(a, scores);

	if (mock_trends(a->env->st, r, m->store_id, tr) < 0)
		mresult_set_status(res, store_errmsg(a->env->st));
	for (size_t i = 0; i < r->n_criteria; i++) {
		struct mresult_crit *c = mresult_add_crit(
			res, r->criteria[i].name.s, scores[i],
			tr[i].n ? tr[i].avg5 : -1);
		size_t n = tr[i].n < MRESULT_TREND - 1 ? tr[i].n
						       : MRESULT_TREND - 1;

		/* Oldest first, ending with this session. */
		for (size_t k = 0; k < n; k++)
			c->trend[k] = tr[i].scores[n - 1 - k];
		c->trend[n] = scores[i];
		c->n_trend = n + 1;
	}
	xfree(tr);
	for (size_t i = 0; i < am->covers.len; i++) {
		const struct mock_cover *k = vec_at(&am->covers, i);

		if (k->red_flag) {
			if (k->covered)
				mresult_add_flag(res, k->label);
			continue;
		}
		res->total++;
		if (k->covered)
			res->covered++;
		else
			mresult_add_missed(res, k->label);
	}
	for (size_t i = 0; i < m->n_phases; i++)
		mresult_add_phase(res, m->phases[i].used_ms,
				  m->phases[i].planned_ms);
	res->hints = (long)m->hints_used;
	for (size_t i = 0; i < m->followups.len; i++)
		res->followups +=
			((struct mock_followup *)vec_at(&m->followups, i))
				->asked != 0;
	res->questions = (long)m->questions.len;
	for (size_t i = 0; i < m->questions.len; i++)
		res->answered += ((struct mock_question *)vec_at(
					  &m->questions, i))->clarification >= 0;
	res->weak = weak ? xstrdup(weak) : NULL;
}

static void open_result(struct app *a)
{
	struct app_mock *am = a->mock;
	size_t n = am->score.crits.len;
	int *scores = xcalloc(n + 1, sizeof(int));
	unsigned char *caps_on = caps_seen(&am->score);
	double pct;
	char day[16], dur[16];
	struct buf t;

	for (size_t i = 0; i < n; i++)
		scores[i] = mscore_crit(&am->score, i)->score;
	/* The red-flag signals seen cap the score, and are listed. */
	pct = mock_capped_score(am->rub, mock_weighted_score(am->rub, scores),
				caps_on);
	app_day_label(a, am->m.started_utc_ms, day);
	mock_format_ms(am->m.elapsed_ms, dur);
	buf_init(&t);
	buf_addf(&t, "result · %s · %s · %s", am->sc->title.s, day, dur);
	close_screens(am);
	mresult_init(&am->result, t.s, pct, mock_band_label(am->rub, pct));
	for (size_t k = 0; k < am->rub->n_caps; k++) {
		if (!caps_on[k])
			continue;
		buf_clear(&t);
		buf_addf(&t, "%s (caps the score at %.0f%%)",
			 am->rub->caps[k].label.s, am->rub->caps[k].max);
		mresult_add_flag(&am->result, t.s);
	}
	am->result_on = 1;
	buf_release(&t);
	xfree(caps_on);
	result_figures(a, scores);
	xfree(scores);
	a->screen = &app_mresult_screen;
}

/* ---- Resuming ---------------------------------------------------------- */

int app_mock_resume(struct app *a)
{
	struct app_mock *am = am_of(a);
	struct mock_opts o = opts_of(a);
	int ret;

	session_close(am);
	ret = mock_resume_latest(&am->m, a->lib, a->env->st, &o, mono(a));
	if (ret < 0) {
		app_notice(a, "mock interview",
			   ret == TPM_ENOENT ? "No unfinished mock interview "
					       "to continue."
			   : ret == TPM_ECORRUPT
				   ? "The unfinished session's scenario is no "
				     "longer in the library as it was: it "
				     "cannot continue."
				   : store_errmsg(a->env->st));
		return -1;
	}
	am->m_on = 1;
	if (set_scenario(a, am->m.scenario) < 0) {
		session_close(am);
		return -1;
	}
	open_run(a);
	/* Its time was over, or it ended before the scores: score it. */
	if (mock_ended(&am->m) || mock_session_left_ms(&am->m) <= 0)
		finish(a);
	return 0;
}

void app_mock_home(struct app *a)
{
	struct store_mock rec;
	struct arena ar;
	int64_t id;

	home_set(&a->home.resume, NULL);
	if (store_mock_latest(a->env->st, 1, &id) < 0)
		return;
	arena_init(&ar);
	if (store_mock_get(a->env->st, id, &ar, &rec) == 0)
		home_set(&a->home.resume, rec.title);
	arena_release(&ar);
}

/* ---- The screens ------------------------------------------------------- */

static const struct ui_keymap *pick_keymap(const struct app *a)
{
	(void)a;
	return &mpick_keys;
}

static int pick_handle(struct app *a, int act, int key)
{
	struct mpick *p = &a->mock->pick;
	int fx = mpick_handle(p, act, mono(a));

	(void)key;
	if (!(fx & UI_SAVE))
		return fx;
	if (p->req == MPICK_REQ_KIND) {
		p->kind = mpick_next_kind(p->kind, 3);
		fill_pick(a);
	} else if (p->req == MPICK_REQ_START) {
		char *id = xstrdup(mpick_selected(p)->id);

		app_mock_start(a, id);
		xfree(id);
	}
	return fx;
}

static void pick_view(struct app *a, struct ui_view *v)
{
	mpick_view(&a->mock->pick, v);
}

const struct app_screen app_mpick_screen = {
	pick_keymap, pick_handle, pick_view, NULL, NULL,
};

static const struct ui_keymap *run_keymap(const struct app *a)
{
	return mrun_keymap(&a->mock->run);
}

static int run_handle(struct app *a, int act, int key)
{
	struct app_mock *am = a->mock;
	int fx = mrun_handle(&am->run, act, (uint32_t)key, mono(a));

	if (fx & UI_SAVE) {
		fx &= ~UI_SAVE;
		fx |= events(a, run_request(a));
	}
	return fx;
}

static void run_view(struct app *a, struct ui_view *v)
{
	mrun_view(&a->mock->run, v);
}

static int run_tick(struct app *a)
{
	return events(a, mock_tick(&a->mock->m, mono(a)));
}

static void run_suspend(struct app *a, int stopped)
{
	struct mock *m = &a->mock->m;

	if (stopped)
		events(a, mock_suspend(m, mono(a)) | MOCK_EV_SAVE);
	else
		events(a, mock_unsuspend(m, mono(a)));
}

const struct app_screen app_mrun_screen = {
	run_keymap, run_handle, run_view, run_tick, run_suspend,
};

static const struct ui_keymap *cover_keymap(const struct app *a)
{
	(void)a;
	return &mcover_keys;
}

static int cover_handle(struct app *a, int act, int key)
{
	int fx = mcover_handle(&a->mock->cover, act, mono(a));

	(void)key;
	if (fx & UI_SAVE)
		open_score(a);
	return fx;
}

static void cover_view(struct app *a, struct ui_view *v)
{
	mcover_view(&a->mock->cover, v);
}

const struct app_screen app_mcover_screen = {
	cover_keymap, cover_handle, cover_view, NULL, NULL,
};

static const struct ui_keymap *score_keymap(const struct app *a)
{
	return mscore_keymap(&a->mock->score);
}

static int score_handle(struct app *a, int act, int key)
{
	int fx = mscore_handle(&a->mock->score, act, (uint32_t)key, mono(a));

	if (fx & UI_SAVE)
		save_scores(a);
	return fx;
}

static void score_view(struct app *a, struct ui_view *v)
{
	mscore_view(&a->mock->score, v);
}

const struct app_screen app_mscore_screen = {
	score_keymap, score_handle, score_view, NULL, NULL,
};

static const struct ui_keymap *result_keymap(const struct app *a)
{
	(void)a;
	return &mresult_keys;
}

static void report(struct app *a)
{
	struct app_mock *am = a->mock;
	struct buf path, err;

	buf_init(&path);
	buf_init(&err);
	if (!a->env->report) {
		mresult_set_status(&am->result, "no report writer in this "
				   "build");
	} else if (a->env->report(a->env->report_ctx, am->m.store_id, &path,
				  &err) < 0) {
		mresult_set_status(&am->result, err.s);
	} else {
		struct buf msg;

		buf_init(&msg);
		buf_addf(&msg, "report written to %s",
			 app_shown_path(a, path.s));
		mresult_set_status(&am->result, msg.s);
		buf_release(&msg);
	}
	buf_release(&path);
	buf_release(&err);
}

static int result_handle(struct app *a, int act, int key)
{
	struct mresult *r = &a->mock->result;
	int fx = mresult_handle(r, act, mono(a));

	(void)key;
	if (!(fx & UI_SAVE))
		return fx;
	if (r->req == MRESULT_REQ_REPORT) {
		report(a);
	} else if (r->req == MRESULT_REQ_DRILL) {
		char *tag = xstrdup(r->weak);

		/* The focus criteria's cards first (this session counts);
		 * with none under the threshold, the weakest one's cards. */
		session_close(a->mock);
		if (app_drill_focus(a) < 0) {
			home_set_status(&a->home, NULL, 0);
			app_drill_start(a, NULL, tag, 0);
		}
		xfree(tag);
	}
	return fx;
}

static void result_view(struct app *a, struct ui_view *v)
{
	mresult_view(&a->mock->result, v);
}

const struct app_screen app_mresult_screen = {
	result_keymap, result_handle, result_view, NULL, NULL,
};
