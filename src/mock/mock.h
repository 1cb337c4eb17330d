#ifndef TPM_MOCK_MOCK_H
#define TPM_MOCK_MOCK_H

/*
 * A mock interview as a state machine (DESIGN.md, the `mock` piece): the
 * phases of a scenario with a countdown each, pause and resume, hints,
 * overruns and the interviewer moving the candidate on, follow-up
 * questions, clarifying questions, and the notes, each line remembering
 * the phase it was written in.  No curses, no SQLite, no clock: every
 * function that depends on time takes now_ms, a reading of the monotonic
 * clock (clock_mono_ms()), so that tests drive it with a fake clock.
 *
 * Time counts only while the session runs: not while paused by the user
 * (mock_pause()), nor while the process is stopped with Ctrl-Z (the ui
 * calls mock_suspend() before stopping and mock_unsuspend() after SIGCONT).
 *
 * The ui's contract (htop's reactions): every call that changes the
 * session returns a set of enum mock_event bits, and the ui calls
 * mock_tick(m, now) at least once a second while the screen shows the
 * session.  The bits say what to do:
 *
 *   MOCK_EV_SAVE      write the session to the store now (mock_snapshot()
 *                     and store_mock_save()): every 5 s while running, and
 *                     on every phase change, pause, suspend and end
 *   MOCK_EV_REDRAW    a displayed figure changed (a second passed, ...)
 *   MOCK_EV_OVERRUN   the current phase's time just ran out
 *   MOCK_EV_BELL      ring the terminal bell once (only with bell on)
 *   MOCK_EV_PHASE     the current phase changed
 *   MOCK_EV_ADVANCED  the interviewer moved the candidate on after the
 *                     grace period; mock_notice() has the one-line notice
 *   MOCK_EV_FOLLOWUP  a follow-up question is now put: mock_followup()
 *   MOCK_EV_ENDED     the session is over: go to coverage and scoring
 *
 * Strings returned by these functions are borrowed from the mock (or from
 * the scenario, which must outlive it) and stay valid until the next call
 * that changes the same data, or mock_release().
 */

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/vec.h"
#include "loader/loader.h"
#include "sched/sched.h"

struct store;
struct store_mock;
struct match_pattern;
struct arena;

enum mock_event {
	MOCK_EV_SAVE = 1 << 0,
	MOCK_EV_REDRAW = 1 << 1,
	MOCK_EV_OVERRUN = 1 << 2,
	MOCK_EV_BELL = 1 << 3,
	MOCK_EV_PHASE = 1 << 4,
	MOCK_EV_ADVANCED = 1 << 5,
	MOCK_EV_FOLLOWUP = 1 << 6,
	MOCK_EV_ENDED = 1 << 7,
};

/* How often a running session asks to be saved. */
#define MOCK_SAVE_EVERY_MS 5000
/* What +2 min adds. */
#define MOCK_EXTEND_MS (2 * 60 * 1000)
/* mock_grace_seconds' default: one minute. */
#define MOCK_GRACE_DEFAULT_S 60
/* Limits that keep a paste or a resumed record from growing without end. */
#define MOCK_MAX_NOTES_BYTES (256u << 10)
#define MOCK_MAX_QUESTIONS 200

/* How a session is set up; zero is the defaults except for grace. */
struct mock_opts {
	int minutes;		/* whole length; 0: the scenario's own */
	int grace_s;		/* overrun before moving on; setting
				   mock_grace_seconds (0 moves on at once) */
	int bell;		/* ring once per overrun; setting mock_bell,
				   and off with --quiet */
	unsigned flags;		/* enum mock_flags */
	const char *candidate;	/* interviewer mode: for whom (copied);
				   may be NULL */
};

enum mock_flags {
	/*
	 * Someone else runs the mock and scores it: the key points are a
	 * checklist they tick as the candidate makes them, the coverage is
	 * the ticks, and the record says who scored it and for whom.
	 */
	MOCK_INTERVIEWER = 1 << 0,
};

/* What a session run by an interviewer is recorded as scored by. */
#define MOCK_SCORED_BY_INTERVIEWER "interviewer"

/* The whole-session view of one phase. */
struct mock_phase {
	const struct phase *src;	/* the scenario's */
	int minutes;			/* planned, after --minutes */
	int64_t planned_ms;		/* minutes, plus every +2 min */
	int64_t used_ms;		/* time counted in this phase */
	size_t hints_shown;		/* of src->hints */
	int overran;			/* its time ran out while current */
};

/* A line of notes and the phase (index) it was written in. */
struct mock_note {
	char *text;			/* one line, no '\n'; the mock's */
	int phase;
};

/* A follow-up the interviewer puts, in order of its slot. */
struct mock_followup {
	size_t index;			/* in scenario->follow_ups */
	int phase;			/* due in this phase, */
	int64_t at_ms;			/* this far into it (planned) */
	int asked;			/* put to the candidate */
	int64_t asked_elapsed_ms;	/* session time when put */
};

/* A clarifying question the candidate asked. */
struct mock_question {
	char *text;			/* the mock's */
	int clarification;		/* index in scenario->clarifications,
					   or -1: the neutral reply */
	int phase;
	int64_t elapsed_ms;
};

/* The neutral reply to a question no clarification matches. */
#define MOCK_NEUTRAL_REPLY "State your assumption and go on."

enum mock_run {
	MOCK_RUNNING,
	MOCK_PAUSED,		/* by the user */
	MOCK_ENDED,
};

struct mock {
	const struct scenario *scenario;
	struct mock_opts opts;
	struct mock_phase *phases;
	size_t n_phases;
	size_t cur;			/* the current phase */
	enum mock_run run;
	int suspended;			/* stopped with Ctrl-Z */
	int64_t total_ms;		/* every phase's planned_ms */
	int64_t elapsed_ms;		/* counted time, whole session */
	int64_t last_now;		/* when time was last counted */
	int64_t last_save;		/* now_ms of the last MOCK_EV_SAVE */
	int64_t last_second;		/* for MOCK_EV_REDRAW */
	size_t hints_used;
	struct vec notes;		/* struct mock_note */
	struct vec followups;		/* struct mock_followup */
	int followup_shown;		/* index in followups, or -1 */
	struct vec questions;		/* struct mock_question */
	struct match_pattern **asks;	/* compiled clarification asks */
	size_t n_asks;
	struct buf notice;		/* the last interviewer notice */
	int64_t started_utc_ms;		/* wall clock at the start */
	int64_t ended_utc_ms;		/* at the first save once over */
	int64_t store_id;		/* the session's row, 0 until saved */
	/* Interviewer mode: every phase's key points then red flags, in
	 * phase order (as mock_coverage()), 1 when ticked. */
	unsigned char *checked;
	size_t n_points;
	char *candidate;
	/* Behavioural rounds: per phase (question), the story told. */
	const struct story **told;	/* NULL: a new story, or none */
	unsigned char *told_set;	/* 1 once one is chosen */
};

/*
 * Phase lengths for a session of minutes (0: the scenario's own): each
 * phase's minutes scaled in proportion and rounded to whole minutes so
 * that they add up to minutes exactly (largest remainder), each at
 * least 1.  out has s->n_phases elements.
 */
void mock_scale_minutes(const struct scenario *s, int minutes, int *out);

/*
 * Starts a session of scenario s at now_ms (monotonic) and utc_ms (wall,
 * only recorded).  s must outlive m.  The first phase runs at once.
 * Clarification asks that do not compile (lint reports those) never
 * match.  Release with mock_release().
 */
void mock_init(struct mock *m, const struct scenario *s,
	       const struct mock_opts *opts, int64_t now_ms, int64_t utc_ms);
void mock_release(struct mock *m);

/*
 * Counts the time since the last call (unless paused, suspended or
 * ended) and handles what it brings: overruns, moving on after the grace,
 * follow-ups, the end.  Returns enum mock_event bits.
 */
unsigned mock_tick(struct mock *m, int64_t now_ms);

/* Pause and resume by the user; each counts time up to now_ms first. */
unsigned mock_pause(struct mock *m, int64_t now_ms);
unsigned mock_resume(struct mock *m, int64_t now_ms);
/* 1 when paused. */
int mock_paused(const struct mock *m);

/* Around a Ctrl-Z stop: the stopped time is not counted. */
unsigned mock_suspend(struct mock *m, int64_t now_ms);
unsigned mock_unsuspend(struct mock *m, int64_t now_ms);

/*
 * The candidate moves on to the next phase (on the last one: nothing,
 * returns 0; end the session with mock_end()).
 */
unsigned mock_next_phase(struct mock *m, int64_t now_ms);

/* +2 min: the current phase, and so the session, get two minutes more. */
unsigned mock_extend(struct mock *m, int64_t now_ms);

/*
 * Shows the current phase's next hint and returns it, or NULL when none
 * is left.  Counts it in hints_used.
 */
const char *mock_reveal_hint(struct mock *m);
/* The current phase's hints left to reveal. */
size_t mock_hints_left(const struct mock *m);
/* The current phase's hints revealed so far: i < phases[cur].hints_shown. */
const char *mock_hint(const struct mock *m, size_t i);

/* Ends the session now (the ui asked for a confirmation). */
unsigned mock_end(struct mock *m, int64_t now_ms);
int mock_ended(const struct mock *m);

/*
 * Figures for the screen, as of the last call that counted time.
 * Remaining time of the current phase (negative: an overrun, shown as
 * +m:ss); on the last phase it is the time left in the whole session.
 */
int64_t mock_phase_left_ms(const struct mock *m);
int64_t mock_session_left_ms(const struct mock *m);
/* 1 while the current phase has run out (the overrun marker). */
int mock_overrun(const struct mock *m);
/* The interviewer's last one-line notice ("" if none). */
const char *mock_notice(const struct mock *m);

/*
 * Formats ms as "m:ss" (or "mm:ss", "h:mm:ss"); a negative value as an
 * overrun, "+m:ss".  out must hold 16 bytes.
 */
void mock_format_ms(int64_t ms, char out[16]);

/*
 * The follow-up on show (text), or NULL; mock_followup_dismiss() hides
 * it, and the next one due is put at the next tick.
 */
const char *mock_followup(const struct mock *m);
unsigned mock_followup_dismiss(struct mock *m, int64_t now_ms);

/*
 * Sends a question (a notes line) to the interviewer: the answer of the
 * first clarification whose ask matches it, or MOCK_NEUTRAL_REPLY.
 * Records it either way.  Returns the answer (borrowed; never NULL).
 */
const char *mock_ask(struct mock *m, const char *question);
/* The answer of question q (a clarification's or the neutral reply). */
const char *mock_question_answer(const struct mock *m,
				 const struct mock_question *q);

/*
 * Notes.  The editor is the ui's; the mock keeps what it shows, one line
 * per element, each with its phase.  A line that is inserted belongs to
 * the current phase; a line whose text is set keeps its phase.
 * mock_notes_set_text() replaces every line (after $EDITOR): a line equal
 * to an old line keeps that line's phase (the first unused one, in
 * order), any other gets the current phase.  Text over
 * MOCK_MAX_NOTES_BYTES in total is cut: returns TPM_ETOOBIG then, else 0.
 */
size_t mock_notes_count(const struct mock *m);
const struct mock_note *mock_note_at(const struct mock *m, size_t i);
int mock_note_set(struct mock *m, size_t i, const char *text, size_t len);
int mock_note_insert(struct mock *m, size_t i, const char *text, size_t len);
void mock_note_remove(struct mock *m, size_t i);
int mock_notes_set_text(struct mock *m, const char *text, size_t len);
/* Every line joined with '\n', appended to out. */
void mock_notes_text(const struct mock *m, struct buf *out);

/*
 * The session as a record for the store, and back.  mock_snapshot()
 * fills rec with pointers into m (valid until m changes); rec->id is
 * m->store_id.  mock_restore() rebuilds a session from a saved record
 * of scenario s with its timers where they stood, counting from now_ms;
 * a paused session stays paused.  Returns 0, or TPM_ECORRUPT when rec
 * does not fit s (another phase count), m then untouched.
 */
void mock_snapshot(const struct mock *m, struct arena *a,
		   struct store_mock *rec);
int mock_restore(struct mock *m, const struct scenario *s,
		 const struct mock_opts *opts, const struct store_mock *rec,
		 int64_t now_ms);

/*
 * What the session ended with, for mock_save_result(): the coverage
 * (from mock_coverage(); covers may be NULL when n_covers is 0) and the
 * scores (scores NULL: not scored yet).
 */
struct mock_result {
	const struct mock_cover *covers;
	size_t n_covers;
	const struct rubric *rubric;	/* the scenario's */
	const int *scores;		/* 1-4 per criterion, or NULL */
	const char *const *comments;	/* per criterion; may be NULL */
	const unsigned char *caps_on;	/* per rubric cap, 1 applied; may
					 * be NULL: none */
};

/*
 * Saves the session now (on MOCK_EV_SAVE): mock_snapshot() and
 * store_mock_save() in one transaction, keeping the row's id in
 * m->store_id.  mock_save_result() saves it with its coverage and
 * scores (scored when every criterion has a score): call it when the
 * coverage is known and again when the candidate confirms the scores.
 * utc_ms is the wall clock, kept as the end once the session is over.
 * Returns 0 or the store's error (store_errmsg() explains).
 */
int mock_save(struct mock *m, struct store *st, int64_t utc_ms);
int mock_save_result(struct mock *m, struct store *st, int64_t utc_ms,
		     const struct mock_result *res);

/*
 * Continues the newest running session of st (--resume): reads it and
 * rebuilds it from its scenario in lib with mock_restore().  Returns 0;
 * TPM_ENOENT when no session is running; TPM_ECORRUPT when its scenario
 * is no longer in lib or no longer has the same phases; or the store's
 * error.
 */
int mock_resume_latest(struct mock *m, struct library *lib, struct store *st,
		       const struct mock_opts *opts, int64_t now_ms);

/* ---- the interviewer's checklist ----------------------------------- */

/*
 * Ticks (or unticks) point i of phase: its key points first, then its red
 * flags (a red flag ticked is one the candidate raised).  Returns the new
 * state, 1 or 0, or -1 when there is no such point or the session is not
 * an interviewer's.
 */
int mock_check(struct mock *m, size_t phase, size_t i);
int mock_checked(const struct mock *m, size_t phase, size_t i);

/*
 * The coverage as ticked, in mock_coverage()'s order and form (no note
 * lines): fills out (cleared first) and returns the key points ticked
 * less one per red flag ticked (never below 0).
 */
size_t mock_checked_coverage(const struct mock *m, struct vec *out);

/* ---- coverage ------------------------------------------------------ */

/* One key point (or red flag) checked against the notes. */
struct mock_cover {
	int phase;			/* of the scenario */
	const char *label;		/* borrowed from the scenario */
	int covered;			/* 1 covered (a red flag: raised) */
	int red_flag;			/* a warning sign, not a point */
	int limit;			/* a match limit stopped the search */
	long line;			/* the covering note line, or -1 */
};

/*
 * Checks the notes (lines with their phases) against every phase's key
 * points, case-insensitively under the match limits the drill uses.  A
 * key point is covered by a note of any phase (a point made early still
 * counts); line is the first line where a match starts.  Fills out (a
 * vec of struct mock_cover, cleared first) in phase order, each phase's
 * red flags (red_flag 1, covered = raised) after its key points; returns
 * the number of key points covered less one per red flag raised (never
 * below 0).
 */
size_t mock_coverage(const struct scenario *s, const struct mock_note *notes,
		     size_t n_notes, struct vec *out);

/* ---- scoring ------------------------------------------------------- */

/* A band: from min percent up, the hire signal label. */
struct mock_band {
	const char *label;
	double min;
};

/* The default bands, highest first: 85 strong hire, 70 hire, 50 lean no
 * hire, 0 no hire (README "Mock interviews"). */
extern const struct mock_band mock_default_bands[4];

/*
 * The weighted score of scores[0..r->n_criteria) (each 1-4) as a
 * percentage: sum(weight * score) / sum(weight * 4) * 100.  A score
 * outside 1-4 counts as missing: returns -1 if any is.
 */
double mock_weighted_score(const struct rubric *r, const int *scores);

/*
 * The weakest criteria's card tags, for the result's "drill weak cards":
 * the tags of every criterion with the lowest score of scores[] (if it is
 * under 4), each tag once, in rubric order, at most max into tags[]
 * (borrowed from the rubric).  Returns how many.
 */
size_t mock_weak_tags(const struct rubric *r, const int *scores,
		      const char **tags, size_t max);

/* The band label for pct: the rubric's bands, or the defaults. */
const char *mock_band_label(const struct rubric *r, double pct);

/*
 * A criterion's past scores in sessions of the same rubric, newest
 * first (up to MOCK_TREND_MAX), and the average of the last five.
 */
#define MOCK_TREND_MAX 10
#define MOCK_AVG_OF 5
struct mock_trend {
	const char *criterion;		/* borrowed from the rubric */
	int scores[MOCK_TREND_MAX];	/* newest first */
	size_t n;
	double avg5;			/* of scores[0..min(n,5)); 0: n 0 */
};

/*
 * Fills trends[0..r->n_criteria) from the scored sessions of rubric r in
 * st, older than session before_id (0: all), newest first.  Returns 0 or
 * the store's error.
 */
int mock_trends(struct store *st, const struct rubric *r, int64_t before_id,
		struct mock_trend *trends);

/*
 * Fill a record (from mock_snapshot()) with the scoring and the coverage,
 * allocating in a.  mock_record_scores(): scores[i] (1-4) and comments[i]
 * (NULL or "" for none; comments may be NULL) of r's criteria, with the
 * level descriptor chosen, the weighted score capped by the rubric's caps
 * whose caps_on[k] is set (caps_on may be NULL), the band of that score,
 * and the state scored (unscored if a score is missing).
 * mock_record_coverage(): the
 * coverage from mock_coverage() over notes, each covering line's text.
 * Strings are borrowed: they must live until the record is saved.
 */
void mock_record_scores(struct store_mock *rec, struct arena *a,
			const struct rubric *r, const int *scores,
			const char *const *comments,
			const unsigned char *caps_on);

/*
 * pct capped by every cap of r applied (caps_on[k] set; caps_on may be
 * NULL): at most the lowest of their max.
 */
double mock_capped_score(const struct rubric *r, double pct,
			 const unsigned char *caps_on);
void mock_record_coverage(struct store_mock *rec, struct arena *a,
			  const struct mock_cover *covers, size_t n,
			  const struct mock_note *notes, size_t n_notes);

/* The average of t's last MOCK_FOCUS_OF scores; -1 without any. */
double mock_recent_avg(const struct mock_trend *t);

/* ---- weak criteria drive the drill ---------------------------------- */

struct mock_focus {
	const struct rubric *rubric;
	const struct criterion *criterion;
	double avg;			/* of its last MOCK_FOCUS_OF scores */
	size_t n_cards;			/* cards with one of its tags */
};

/*
 * The focus criteria of lib's rubrics in st: each whose average over its
 * last MOCK_FOCUS_OF scored sessions is at or under threshold, the
 * weakest first, into out (a vec of struct mock_focus, cleared first).
 * A focus ends when the average rises above it.  Returns 0 or the
 * store's error.
 */
int mock_focus_list(struct library *lib, struct store *st, double threshold,
		    struct vec *out);

/* The focus criteria's card tags, each once, at most max into tags. */
size_t mock_focus_tags(const struct vec *focus, const char **tags,
		       size_t max);

/* ---- choosing a scenario ------------------------------------------- */

/*
 * Each scenario is scheduled as a card is (issue 12): every scored session
 * reviews it with the rating its weighted score maps to, on the rubric's
 * own band edges: under 50% (no hire) Again, under 70% (lean no hire)
 * Hard, under 85% (hire) Good, 85% and over (strong hire) Easy.
 */
enum fsrs_rating mock_score_rating(double pct);

struct mock_done {
	int64_t at;			/* when it ended, UTC ms */
	double score;			/* weighted, percent */
};

/* The schedule after the scored sessions done[0..n), oldest first. */
void mock_schedule(const struct fsrs_params *p, const struct mock_done *done,
		   size_t n, struct fsrs_card *out);

/* A rubric's weakness: the lowest average of a criterion's last
 * MOCK_FOCUS_OF scores; MOCK_NO_WEAKNESS when none was scored. */
#define MOCK_FOCUS_OF 3
#define MOCK_NO_WEAKNESS 4.0

struct mock_pick {
	const struct scenario *scenario;
	int64_t last_done;		/* UTC ms it last started; 0 never */
	double last_score;		/* percent, -1 if never scored */
	int n_scored;
	struct fsrs_card card;		/* its schedule, if n_scored */
	int due;			/* due now, or never scored */
	int64_t due_at;			/* its due time (never scored: when
					 * last done, 0 never) */
	double weakness;		/* of its rubric, 1-4 */
};

/*
 * The scenarios of lib (of kind, or every kind when kind < 0) in the
 * order to do them at now, scheduled with p: those due first (never
 * scored counts as due), the one whose rubric has the weakest criterion
 * first among them, then the longest overdue; then the rest, the soonest
 * due first.  The first is the one to preselect.  Fills out (a vec of
 * struct mock_pick, cleared first).  Returns 0 or the store's error.
 */
int mock_pick_list(struct library *lib, struct store *st, int kind,
		   const struct fsrs_params *p, int64_t now, struct vec *out);

/*
 * The home screen's next mock, the first of mock_pick_list(), into *out:
 * returns 1, 0 when there is no scenario, or the store's error.
 */
int mock_next(struct library *lib, struct store *st,
	      const struct fsrs_params *p, int64_t now, struct mock_pick *out);

/* ---- behavioural rounds -------------------------------------------- */

/*
 * Of a behavioural question's slot, the answer itself (the rest is for
 * follow-ups): the 2-3 minute STAR answer interviewers expect, up to
 * three minutes, and half the slot when that is shorter.
 */
#define MOCK_ANSWER_MS (3 * 60 * 1000)
#define MOCK_WRAP_UP_MS (2 * 60 * 1000)	/* time to reach the result */
int64_t mock_answer_ms(const struct mock *m, size_t phase);

/*
 * The story the candidate tells for the current question: one of the
 * bank's, or NULL for a new story.  mock_told() says whether one was
 * chosen for phase (1, *story set) or not (0).
 */
void mock_tell(struct mock *m, const struct story *story);
int mock_told(const struct mock *m, size_t phase, const struct story **story);

/*
 * The competencies phase's question asks about: a built round's phase's
 * own tags, else its scenario's, less the kind's ("behavioural",
 * "star"), appended space-separated to out.
 */
void mock_question_competencies(const struct mock *m, size_t phase,
				struct buf *out);

/*
 * lib's stories in the order to offer for the current question: those
 * that claim one of its competencies first, each part in bank order; at
 * most max into out.  Returns how many.
 */
size_t mock_story_choices(const struct mock *m, const struct library *lib,
			  const struct story **out, size_t max);

/* A built round's scenario ids start with this (then the competencies,
 * comma-separated): --resume builds it again from them. */
#define MOCK_ROUND_PREFIX "round:"
#define MOCK_ROUND_QUESTIONS 4
#define MOCK_ROUND_MAX_COMPETENCIES 6

/*
 * A behavioural round built from the questions that ask about the n
 * competencies comps (each a tag of a behavioural scenario of lib): the
 * first unused question of a scenario with each competency in turn,
 * MOCK_ROUND_QUESTIONS in all (or one per competency, when more), scored
 * with the first such scenario's rubric.  The scenario is added to lib
 * (library_add_scenario()) unless it is there already, and *out points
 * at it.  Returns 0, or TPM_ENOENT when a competency has no question
 * (*bad is its index), or TPM_EINVAL for n 0 or over
 * MOCK_ROUND_MAX_COMPETENCIES.
 */
int mock_build_round(struct library *lib, const char *const *comps, size_t n,
		     const struct scenario **out, size_t *bad);

/*
 * A built round's id back to its round: builds it into lib again from
 * the competencies in id.  Returns mock_build_round()'s result, or
 * TPM_EINVAL when id is not a round's.
 */
int mock_rebuild_round(struct library *lib, const char *id,
		       const struct scenario **out);

/* ---- the story bank against the competencies ------------------------ */

/* A story used for more competencies than this is stretched thin. */
#define MOCK_STORY_STRETCH 3

enum mock_cell {
	MOCK_CELL_NONE,			/* the story does not claim it */
	MOCK_CELL_CLAIMED,		/* claimed, never rehearsed for it */
	MOCK_CELL_REHEARSED,		/* told for a question that asks it */
};

struct mock_story_row {
	const struct story *story;	/* the library's */
	size_t n_competencies;		/* known ones it claims */
	int stretched;			/* n_competencies > MOCK_STORY_STRETCH */
	double last_score;		/* its newest scored rehearsal, -1 */
	int64_t last_at;		/* when that session started, UTC ms */
};

/*
 * Competencies (rows) by stories (columns, the bank's order).  A cell is
 * rehearsed when the story was told, in a scored session, for a question
 * that asks about the competency (whether or not the story claims it),
 * with that session's score (the newest such).
 */
struct mock_story_matrix {
	const char *competencies[LIBRARY_MAX_COMPETENCIES];
	size_t n_competencies;
	struct mock_story_row *rows;
	size_t n_rows;
	unsigned char *cells;		/* [c * n_rows + s]: enum mock_cell */
	double *scores;			/* [c * n_rows + s], -1 not rehearsed */
	size_t *n_stories;		/* per competency: cells not NONE */
};

/*
 * Fills m from lib's competencies (library_competencies()) and stories and
 * the rehearsals in st.  Returns 0 or the store's error (m then empty);
 * release m either way.
 */
int mock_story_matrix(const struct library *lib, struct store *st,
		      struct mock_story_matrix *m);
void mock_story_matrix_release(struct mock_story_matrix *m);

/*
 * The matrix as text: a grid of one line per competency, a column per
 * story (numbered), each cell mark[enum mock_cell] or the score; "no
 * story" after a competency without one; then a line per story with its
 * id, title, competencies, "stretched" and its last rehearsal.  day(ctx)
 * formats a UTC ms time for the last rehearsal into out[16].
 */
void mock_story_matrix_text(const struct mock_story_matrix *m,
			    const char *const mark[3],
			    void (*day)(void *ctx, int64_t utc_ms,
					char out[16]),
			    void *ctx, struct buf *out);

#endif
