#ifndef TPM_QUEUE_QUEUE_SESSION_H
#define TPM_QUEUE_QUEUE_SESSION_H

/*
 * The order of one drill session after it started: the queue gives the
 * session once (queue_build() reads every state, which is right at the
 * start and too slow after each grade with 100,000 cards); from then on
 * this moves through it in constant time per grade, brings back the
 * learning steps that fall due within the learn-ahead window, and undoes
 * grades in reverse order.  Pure: no store, no clock.  The kinds are
 * the queue's (enum queue_kind).
 */

#include <stddef.h>
#include <stdint.h>

#include "core/vec.h"
#include "loader/loader.h"
#include "queue/queue.h"
#include "sched/sched.h"

struct queue_session_entry {
	const struct item *item;	/* borrowed from the library */
	enum queue_kind kind;
	int64_t due;			/* ms; 0 for a new item */
	int done;			/* graded or dropped */
};

struct queue_session {
	struct vec main;	/* of struct queue_session_entry, in order */
	size_t pos;		/* entries before it are all done */
	struct vec pending;	/* learning steps back in this session */
	struct vec history;	/* grades, for undo */
	int64_t learn_ahead_ms;
	int cram;		/* practice: an again comes back at the end */
	long left[3];		/* by enum queue_kind, not yet done */
	long graded;		/* grades given (less those undone) */
	int cur_src;		/* where the current entry is: 0 none */
	size_t cur_idx;
};

void queue_session_init(struct queue_session *s, int64_t learn_ahead_ms,
			int cram);
void queue_session_release(struct queue_session *s);

/* Appends an entry to the session's order (before it starts). */
void queue_session_add(struct queue_session *s, const struct item *item,
		       enum queue_kind kind, int64_t due);

/*
 * The entry to show now, or NULL when the session is over.  It stays the
 * current one until graded, dropped or undone: a learning step that falls
 * due comes next, not in the middle of an answer.  Order: learning steps
 * due by now (earliest first), then the queue's order, then the learning
 * steps still ahead, earliest first.  The pointer is valid until the next
 * call on s.
 */
const struct queue_session_entry *
queue_session_current(struct queue_session *s, int64_t now);

/*
 * The current entry was graded and now has state and due.  It comes back
 * in this session if it is (re)learning and due within the learn-ahead
 * window (or, cramming, if the rating was again).
 */
void queue_session_graded(struct queue_session *s, enum fsrs_rating rating,
			  enum fsrs_state state, int64_t due, int64_t now);

/*
 * As queue_session_graded(), but when stays is 0 (the grade suspended the
 * item: a leech) it never comes back in this session.
 */
void queue_session_graded_in(struct queue_session *s, enum fsrs_rating rating,
			     enum fsrs_state state, int64_t due, int64_t now,
			     int stays);

/* The item of the last grade that undo would take back, or NULL. */
const struct item *queue_session_last_graded(const struct queue_session *s);

/* Keeps plan with the last grade, for an undo to show again. */
void queue_session_keep_plan(struct queue_session *s,
			     const struct queue_plan *plan);

/* The current entry leaves the session without a grade (bury, suspend). */
void queue_session_drop(struct queue_session *s);

/*
 * Undoes the last grade: the item leaves the pending steps if the grade
 * put it there and becomes the current entry again.  Returns the item and
 * sets *rating and *plan (either may be NULL) to the grade it had and the
 * plan kept with it, or returns NULL when there is no grade to undo.
 */
const struct item *queue_session_undo(struct queue_session *s,
				      enum fsrs_rating *rating,
				      struct queue_plan *plan);

/*
 * After the library was loaded again: points every entry at the item of
 * the same key from find (which returns NULL for one that is gone).  Gone
 * entries leave the session; if a graded one is gone, the undo history is
 * dropped, since the grades could no longer be matched with the store's.
 * The current entry stays current if it survived.
 */
void queue_session_remap(struct queue_session *s,
			 const struct item *(*find)(void *ctx, const char *key),
			 void *ctx);

/* Entries left to study, all kinds. */
long queue_session_left(const struct queue_session *s);

/* ---- Filling a session, and undo against the store (queue_study.c) --- */

/* Appends the entries of q's last queue_build(), in its order. */
void queue_session_fill(struct queue_session *s, const struct queue *q);

/*
 * Cramming: appends every studied item (not new, not suspended) of q's
 * library in f's scope (f may be NULL), weakest first: lowest
 * retrievability at now under p, ties in key order.  Reads every stored
 * state once.  Returns 0, or a store error (store_errmsg()) after which s
 * holds nothing more.
 */
int queue_session_fill_cram(struct queue_session *s, const struct queue *q,
			    struct store *st, const struct fsrs_params *p,
			    const struct queue_filter *f, int64_t now);

/*
 * The studied items (not new, not suspended) of q's library in f's scope
 * (f may be NULL) due before until, into *n.  Returns 0 or a store error;
 * *n is then untouched.
 */
int queue_count_due_before(const struct queue *q, struct store *st,
			   const struct queue_filter *f, int64_t until,
			   long *n);

/*
 * Grades the session's current entry in the store (queue_grade_planned()
 * with plan, which may be NULL) and in s: a grade that suspends the item
 * (a leech) takes it out of the session.  The plan is kept for an undo
 * (struct queue_undo).  Returns 0 with *res filled, or a store error with
 * s unchanged.
 */
int queue_session_grade(struct queue_session *s, struct store *st,
			const struct settings *set,
			const struct queue_plan *plan, enum fsrs_rating rating,
			int64_t now, int64_t duration_ms,
			struct queue_grade_result *res);

/* What queue_session_undo_grade() did. */
enum queue_undo_result {
	QUEUE_UNDO_NOTHING,	/* no grade in this session to undo */
	QUEUE_UNDO_DONE,	/* this session's last grade is undone */
	QUEUE_UNDO_ELSEWHERE,	/* the store's last grade was another
				 * process's: that one was undone */
};

struct queue_undo {
	enum queue_undo_result result;
	const struct item *item;	/* DONE: the item graded again */
	enum fsrs_rating rating;	/* the grade taken back */
	int was_leech;			/* DONE: the grade made a leech */
	struct store_review review;	/* the log row undone (not cramming);
					 * key valid until the next call on
					 * the store */
	struct queue_plan plan;		/* DONE: the plan the grade used */
};

/*
 * Undoes the session's last grade: in the store (unless cramming, which
 * saved nothing) and in s, which shows the item again.  When the store's
 * newest grade is not this session's last (another tpmtrain graded
 * since), that is what the store undid: s keeps its grades and out says
 * QUEUE_UNDO_ELSEWHERE.  Returns 0 with *out filled, or a store error
 * (store_errmsg()) with s unchanged.
 */
int queue_session_undo_grade(struct queue_session *s, struct store *st,
			     struct queue_undo *out);

#endif
