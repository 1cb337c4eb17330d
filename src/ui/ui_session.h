#ifndef TPM_UI_UI_SESSION_H
#define TPM_UI_UI_SESSION_H

/*
 * The order of one drill session after it started: the queue gives the
 * session once (queue_build() reads every state, which is right at the
 * start and too slow after each grade with 100,000 cards); from then on
 * this moves through it in constant time per grade, brings back the
 * learning steps that fall due within the learn-ahead window, and undoes
 * grades in reverse order.  Pure: no store, no clock.
 */

#include <stddef.h>
#include <stdint.h>

#include "core/vec.h"
#include "loader/loader.h"
#include "sched/sched.h"

enum session_kind {
	SESSION_LEARN,		/* (re)learning */
	SESSION_REVIEW,
	SESSION_NEW,
};

struct session_entry {
	const struct item *item;	/* borrowed from the library */
	enum session_kind kind;
	int64_t due;			/* ms; 0 for a new item */
	int done;			/* graded or dropped */
};

struct drill_session {
	struct vec main;	/* of struct session_entry, in study order */
	size_t pos;		/* entries before it are all done */
	struct vec pending;	/* learning steps back in this session */
	struct vec history;	/* grades, for undo */
	int64_t learn_ahead_ms;
	int cram;		/* practice: an again comes back at the end */
	long left[3];		/* by enum session_kind, not yet done */
	long graded;		/* grades given (less those undone) */
	int cur_src;		/* where the current entry is: 0 none */
	size_t cur_idx;
};

void session_init(struct drill_session *s, int64_t learn_ahead_ms, int cram);
void session_release(struct drill_session *s);

/* Appends an entry to the session's order (before it starts). */
void session_add(struct drill_session *s, const struct item *item,
		 enum session_kind kind, int64_t due);

/*
 * The entry to show now, or NULL when the session is over.  It stays the
 * current one until graded, dropped or undone: a learning step that falls
 * due comes next, not in the middle of an answer.  Order: learning steps
 * due by now (earliest first), then the queue's order, then the learning
 * steps still ahead, earliest first.  The pointer is valid until the next
 * call on s.
 */
const struct session_entry *session_current(struct drill_session *s,
					    int64_t now);

/*
 * The current entry was graded and now has state and due.  It comes back
 * in this session if it is (re)learning and due within the learn-ahead
 * window (or, cramming, if the rating was again).
 */
void session_graded(struct drill_session *s, enum fsrs_rating rating,
		    enum fsrs_state state, int64_t due, int64_t now);

/* The item of the last grade that undo would take back, or NULL. */
const struct item *session_last_graded(const struct drill_session *s);

/* The current entry leaves the session without a grade (bury, suspend). */
void session_drop(struct drill_session *s);

/*
 * Undoes the last grade: the item leaves the pending steps if the grade
 * put it there and becomes the current entry again.  Returns the item and
 * sets *rating (if not NULL) to the grade it had, or returns NULL when
 * there is no grade to undo.
 */
const struct item *session_undo(struct drill_session *s,
				enum fsrs_rating *rating);

/*
 * After the library was loaded again: points every entry at the item of
 * the same key from find (which returns NULL for one that is gone).  Gone
 * entries leave the session; if a graded one is gone, the undo history is
 * dropped, since the grades could no longer be matched with the store's.
 * The current entry stays current if it survived.
 */
void session_remap(struct drill_session *s,
		   const struct item *(*find)(void *ctx, const char *key),
		   void *ctx);

/* Entries left to study, all kinds. */
long session_left(const struct drill_session *s);

#endif
