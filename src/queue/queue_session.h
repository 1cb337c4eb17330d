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

/* What a session did to an entry, that undo takes back. */
enum queue_action {
	QUEUE_DID_GRADE,
	QUEUE_DID_BURY,
	QUEUE_DID_SUSPEND,
};

struct queue_step {
	const struct item *item;
	enum queue_action action;
	enum fsrs_rating rating;	/* GRADE */
	int64_t review_id;		/* GRADE: its log row; 0 cramming */
	struct queue_plan plan;		/* GRADE: what the keys showed */
	int64_t buried_until;		/* BURY, SUSPEND: the flags before */
	int suspended;
};

/* The last step undo would take back into *out; 0 if there is none. */
int queue_session_last(const struct queue_session *s, struct queue_step *out);

/* Keeps with the last grade its plan (may be NULL) and log row id. */
void queue_session_record(struct queue_session *s,
			  const struct queue_plan *plan, int64_t review_id);

/*
 * The current entry leaves the session without a grade: it was buried or
 * suspended (action), and had the flags buried_until and suspended before.
 */
void queue_session_drop(struct queue_session *s, enum queue_action action,
			int64_t buried_until, int suspended);

/*
 * Undoes the last step, in s only: the item leaves the pending steps if a
 * grade put it there and becomes the current entry again.  Returns the
 * item, or NULL when there is nothing to undo.
 */
const struct item *queue_session_undo(struct queue_session *s);

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

/*
 * Buries (until the next rollover) or suspends the session's current
 * entry in the store, and takes it out of s, so that undo can put it
 * back.  Returns 0, or a store error with s unchanged.
 */
int queue_session_bury(struct queue_session *s, struct store *st,
		       const struct settings *set, const struct clock *c,
		       int64_t now);
int queue_session_suspend(struct queue_session *s, struct store *st,
			  int64_t now);

/* What queue_session_undo_last() did. */
enum queue_undo_result {
	QUEUE_UNDO_NOTHING,	/* nothing in this session to undo */
	QUEUE_UNDO_DONE,	/* this session's last step is undone */
	QUEUE_UNDO_REFUSED,	/* the item was graded elsewhere since the
				 * grade: nothing changed */
};

struct queue_undo {
	enum queue_undo_result result;
	struct queue_step step;		/* what was (or would be) undone */
	int was_leech;			/* DONE: the grade made a leech */
};

/*
 * Undoes the session's last step: a grade by its own log row (unless
 * cramming, which saved nothing), so that another process's grades of
 * other items stay; a bury or a suspension by restoring the flags.  A
 * grade of an item graded again elsewhere since is refused.  Returns 0
 * with *out filled, or a store error (store_errmsg()) with s unchanged.
 */
int queue_session_undo_last(struct queue_session *s, struct store *st,
			    struct queue_undo *out);

#endif
