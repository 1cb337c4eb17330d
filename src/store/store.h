#ifndef TPM_STORE_STORE_H
#define TPM_STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "sched/sched.h"

/*
 * The user's progress in one SQLite database: the memory state of every
 * study item (table card_state), one row per review (review_log) and the
 * settings.  The schema is documented in store_migrate.c, next to the SQL
 * that creates it, and in the README.
 *
 * Durability: WAL with synchronous=FULL, so a transaction that returned 0
 * from store_tx_commit() survives a crash or power loss.  Errors are
 * negative enum tpm_err; after any error store_errmsg() holds one line
 * "PATH: message" for the user, and nothing was changed (a failed
 * transaction is rolled back).  A struct store is not thread-safe.
 */
struct store;

enum store_open_flags {
	/*
	 * The caller will write.  A read-only file or directory fails at
	 * once with TPM_EREADONLY instead of at the first write.
	 */
	STORE_WRITE = 1 << 0,
	/*
	 * Create the file, and its missing parent directories (mode 0700),
	 * when it does not exist.  Without it a missing file is opened as an
	 * empty in-memory database: read-only verbs work on a fresh machine
	 * and leave no file behind.
	 */
	STORE_CREATE = 1 << 1,
};

/*
 * Opens the database at path (the path is copied); ":memory:" is a
 * writable scratch database that vanishes at store_free().  Checks the schema
 * version before writing anything: a file from a newer tpmtrain fails with
 * TPM_ETOONEW and is left untouched; an older one is first copied to
 * "PATH.vN.bak" with SQLite's online backup API (N the old version) and
 * then migrated in one transaction.
 *
 * Always sets *out, even on failure, so that store_errmsg() can explain;
 * the caller frees it with store_free() in both cases (SQLite's
 * sqlite3_open() contract).  Returns 0, or TPM_EBUSY, TPM_EREADONLY,
 * TPM_ECORRUPT (garbage or a damaged file), TPM_EFORMAT (a SQLite file of
 * another program), TPM_ETOONEW, TPM_EFULL, TPM_EIO or TPM_ENOMEM.
 */
int store_open(struct store **out, const char *path, unsigned flags);

/* Closes the database (checkpointing the WAL).  NULL is a no-op. */
void store_free(struct store *st);

/* "PATH: message" for the last error; "" if there was none.  Borrowed. */
const char *store_errmsg(const struct store *st);

/* The path given to store_open().  Borrowed. */
const char *store_path(const struct store *st);

/* 1 when the database is in memory (a missing file without STORE_CREATE). */
int store_is_memory(const struct store *st);

/* How long a write waits for another process's lock; default 5000 ms. */
void store_set_busy_timeout(struct store *st, int ms);

/* The schema version this build writes (PRAGMA user_version). */
int store_schema_version(void);

/*
 * Transactions.  store_tx_begin() takes the write lock at once (BEGIN
 * IMMEDIATE), so a locked database fails here with TPM_EBUSY before any
 * change is made.  store_tx_commit() returns 0 only once the data is on
 * disk; on failure it rolls back.  store_tx_rollback() is safe to call
 * after a failed commit or outside a transaction.
 */
int store_tx_begin(struct store *st);
int store_tx_commit(struct store *st);
void store_tx_rollback(struct store *st);

/*
 * A read transaction, so that several reads see one state of the file:
 * store_read_end() ends it.  Inside a transaction already, both do
 * nothing.  Returns 0 or a store error.
 */
int store_read_begin(struct store *st);
void store_read_end(struct store *st);

/* ---- card states --------------------------------------------------- */

/* The stored state of one study item (a row of card_state). */
struct store_card {
	struct fsrs_card fsrs;
	int64_t buried_until;	/* ms; hidden from the queue until then */
	int suspended;		/* 1: never in the queue until unsuspended */
	int leech;		/* 1: lapsed leech_threshold times */
};

/*
 * Reads the state of item key into *out.  Returns 0, or TPM_ENOENT when
 * the item has never been studied, suspended or buried: *out is then a
 * new card (all zero, state FSRS_NEW).  Other errors leave *out untouched.
 */
int store_card_get(struct store *st, const char *key, struct store_card *out);

/*
 * One row of store_card_scan(): only what building a queue needs.  key
 * and the row are valid during the callback only.
 */
struct store_scan_row {
	const char *key;
	size_t key_len;
	enum fsrs_state state;
	int64_t due;
	int64_t last_review;	/* 0 = never */
	int64_t buried_until;
	int suspended;
};

/*
 * Calls fn for every row of card_state in key order (bytewise, as
 * strcmp()), stopping early if fn returns non-zero, which is then
 * returned.  Returns 0 or a negative tpm_err.
 */
int store_card_scan(struct store *st,
		    int (*fn)(void *ctx, const struct store_scan_row *row),
		    void *ctx);

/*
 * store_card_scan() of only the rows a queue needs when it knows which
 * items have a review-state row (see store_review_stamp()): every row not
 * in the review state, and the review-state rows due before due_before or
 * reviewed at or after reviewed_since.  In key order, like it.
 */
int store_card_scan_open(struct store *st, int64_t due_before,
			 int64_t reviewed_since,
			 int (*fn)(void *ctx, const struct store_scan_row *row),
			 void *ctx);

/*
 * A value that changes whenever the set of keys with a review-state row
 * does (a row added, removed, or moved into or out of the review state),
 * and only then, whoever writes: a trigger sets it to a new random value.
 * What a full scan found of that set holds while the stamp is the same.
 * *seq is the number of the newest change in the review journal (below).
 */
int store_review_stamp(struct store *st, uint64_t *stamp, int64_t *seq);

/*
 * The review journal: the same triggers number each change of the review
 * set and keep, for the newest 4096, the key changed and the stamp after
 * it.  store_review_changes() calls fn for each key changed after change
 * since, in order, with whether the key has a review-state row now (a key
 * may come more than once), and sets *last to the newest change's number.
 * TPM_ENOENT when the journal cannot tell: it no longer holds change since
 * with the stamp the caller knew after it (trimmed past it, or another
 * history, as in a restored copy), or more than max changes follow it.
 * Call it in a read transaction with the stamp's read.
 */
int store_review_changes(struct store *st, int64_t since, uint64_t stamp,
			 size_t max,
			 int (*fn)(void *ctx, const char *key, int in_review),
			 void *ctx, int64_t *last);

/* Counts of card_state rows, for statistics and tests. */
int store_card_count(struct store *st, int64_t *n);

/*
 * Sets or clears the suspended flag; bury hides the item until the
 * instant until (ms; 0 unburies).  forget resets the item to new, keeping
 * its review log, its reps and lapses counts and its flags (as ts-fsrs
 * forget() and Anki's "reset" do by default).  Each is its own
 * transaction unless one is open.  An item with no row gets one.
 */
int store_card_set_suspended(struct store *st, const char *key, int on);
int store_card_bury(struct store *st, const char *key, int64_t until);
int store_card_forget(struct store *st, const char *key);

/* ---- the review log ------------------------------------------------ */

/* One grade: the log row and the state change it records. */
struct store_review {
	int64_t id;			/* review_log.id; set by add */
	const char *key;		/* borrowed */
	int64_t reviewed_at;		/* ms */
	enum fsrs_rating rating;
	int32_t elapsed_days;
	int64_t duration_ms;		/* time to answer; -1 unknown */
	struct store_card before;	/* kept in the log so undo is exact */
	struct store_card after;
};

/*
 * Appends the log row of r and writes r->after as the item's state; sets
 * r->id.  Must run inside a transaction, so that both or neither are
 * saved (the caller reads the state before, computes the grade and calls
 * this between store_tx_begin() and store_tx_commit()).
 */
int store_review_add(struct store *st, struct store_review *r);

/*
 * Undoes grade id (store_review.id): deletes its review_log row and
 * restores the state the item had before it, flags included, in one
 * transaction (an item that had no row before loses it again); other
 * rows, another process's grades of other items among them, stay.  Fills
 * *out (out->key points into storage valid until the next call on st)
 * when out is not NULL.  TPM_ENOENT when there is no such row,
 * TPM_ESTALE, nothing changed, when the item was graded again since (by
 * another process: undoing this one would lose that grade).
 */
int store_review_undo(struct store *st, int64_t id, struct store_review *out);

/* Grades since an instant, for the daily limits. */
struct store_day_counts {
	int64_t new_cards;	/* reviews of items that were new */
	int64_t reviews;	/* reviews of items in the review state */
	int64_t total;
};

/* Counts the log rows with reviewed_at >= since (ms) by an index range. */
int store_day_counts(struct store *st, int64_t since,
		     struct store_day_counts *out);

/*
 * Calls fn with the key (valid during the call) of each item first
 * studied since the instant since (ms): a review of it while new, by the
 * same index range.  Stops early if fn returns non-zero, which is then
 * returned; else 0 or a negative tpm_err.
 */
int store_day_new_keys(struct store *st, int64_t since,
		       int (*fn)(void *ctx, const char *key), void *ctx);

/*
 * Whether any review was made in [start, end) (ms), into *yes.  When both
 * ends are on a quarter hour, as every study day's are in every time zone
 * of today, one seek in review_quarter, a small table of the quarter
 * hours with reviews that triggers keep (store_migrate.c), so that walking
 * back over two years of days stays in a few cached pages; otherwise one
 * seek in the review log's time index.  Returns 0 or a negative tpm_err.
 */
int store_reviewed_between(struct store *st, int64_t start, int64_t end,
			   int *yes);

/* Number of review_log rows, optionally of one key (NULL for all). */
int store_review_count(struct store *st, const char *key, int64_t *n);

/* ---- settings ------------------------------------------------------ */

/*
 * Raw text settings; meaning and validation live with their users (see
 * queue/queue_settings.c).  get returns TPM_ENOENT for an unset key and
 * leaves out untouched; otherwise *out is a new string for xfree().
 */
int store_setting_get(struct store *st, const char *key, char **out);
int store_setting_set(struct store *st, const char *key, const char *value);
/* Removes key; not an error if it was unset. */
int store_setting_unset(struct store *st, const char *key);
/* Calls fn for every stored setting in key order; see store_card_scan. */
int store_setting_each(struct store *st,
		       int (*fn)(void *ctx, const char *key,
				 const char *value),
		       void *ctx);

/* ---- mock sessions ------------------------------------------------- */

/*
 * One mock interview as saved (tables mock_session and its children, see
 * store_migrate.c).  What the report needs is copied in (titles, criterion
 * names, weights and level descriptors), so that a report of an old
 * session does not depend on today's content files.
 */
enum store_mock_state {
	STORE_MOCK_RUNNING = 0,		/* in progress, or interrupted */
	STORE_MOCK_UNSCORED = 1,	/* the clock is over; not scored */
	STORE_MOCK_SCORED = 2,
};

struct store_mock_phase {
	const char *name;
	int minutes;			/* planned, after scaling */
	int64_t planned_ms;		/* with every +2 min */
	int64_t used_ms;
	int hints_used;
};

struct store_mock_note {
	const char *text;		/* one line */
	int phase;
};

/* A follow-up the interviewer put. */
struct store_mock_followup {
	int index;			/* in the scenario's follow_ups */
	const char *text;
	int phase;
	int64_t elapsed_ms;		/* session time when put */
};

struct store_mock_question {
	const char *text;
	const char *answer;		/* the interviewer's reply */
	int clarification;		/* its index, or -1: neutral reply */
	int phase;
	int64_t elapsed_ms;
};

struct store_mock_cover {
	int phase;
	const char *label;
	int covered;
	int red_flag;			/* a warning sign, not a key point */
	const char *line;		/* the covering note line, or NULL */
};

/* A story told for one question of a behavioural round. */
struct store_mock_story {
	int phase;
	const char *story;		/* its id; "" not from the bank */
	const char *title;
	const char *competencies;	/* the question's, space-separated */
};

/* A rubric's red-flag cap the scorer applied: the score is at most max. */
struct store_mock_cap {
	const char *label;
	double max;
};

struct store_mock_score {
	const char *criterion;		/* id */
	const char *name;
	double weight;
	int score;			/* 1-4 */
	const char *level;		/* the descriptor of that score */
	const char *comment;		/* NULL if none */
};

struct store_mock {
	int64_t id;			/* 0 until first saved */
	const char *scenario;		/* id */
	const char *title;
	const char *kind;		/* "system-design", ... */
	const char *rubric;		/* id */
	const char *prompt;
	int minutes;			/* planned length */
	int64_t started_at;		/* UTC ms */
	int64_t ended_at;		/* UTC ms; 0 while running */
	enum store_mock_state state;
	int64_t elapsed_ms;		/* counted time */
	int cur_phase;
	int paused;
	int hints_used;
	double score;			/* percent; -1 unscored */
	const char *band;		/* NULL unscored */
	const char *scored_by;		/* NULL: the candidate; else who */
	const char *candidate;		/* interviewer mode: for whom */
	const struct store_mock_phase *phases;
	size_t n_phases;
	const struct store_mock_note *notes;
	size_t n_notes;
	const struct store_mock_followup *followups;
	size_t n_followups;
	const struct store_mock_question *questions;
	size_t n_questions;
	const struct store_mock_cover *coverage;
	size_t n_coverage;
	const struct store_mock_score *scores;
	size_t n_scores;
	const struct store_mock_story *stories;
	size_t n_stories;
	const struct store_mock_cap *caps;
	size_t n_caps;
};

/*
 * Saves rec whole, in one transaction (its own unless one is open):
 * inserts it when rec->id is 0 and sets rec->id, else replaces the
 * stored session rec->id and every row that belongs to it.  Strings may
 * be NULL where the comments say so; others must be set.
 */
int store_mock_save(struct store *st, struct store_mock *rec);

/*
 * Reads session id into *out, every string and array allocated in a
 * (the caller's arena; release it to free them).  TPM_ENOENT when there
 * is no such session.
 */
struct arena;
int store_mock_get(struct store *st, int64_t id, struct arena *a,
		   struct store_mock *out);

/*
 * With running_only, the newest session not yet scored: still running,
 * or over but unscored (the one --resume continues, at the scoring for
 * the latter); else the newest of any state.  Sets *id, or returns
 * TPM_ENOENT when there is none.
 */
int store_mock_latest(struct store *st, int running_only, int64_t *id);

/*
 * Sessions newest first (by start, then id), summaries only: the arrays
 * of the row passed to fn are empty.  kind NULL for every kind.  The row
 * is valid during the call; stops when fn returns non-zero (returned).
 */
int store_mock_each(struct store *st, const char *kind,
		    int (*fn)(void *ctx, const struct store_mock *row),
		    void *ctx);

/* A story told in a scored session (store_story_each()). */
struct store_story_row {
	const char *story;		/* id */
	const char *competencies;	/* the question's, space-separated */
	double score;			/* the session's, percent */
	int64_t started_at;
	int64_t session;
};

/*
 * Every story told in a scored session, newest session first; the row is
 * valid during the call.  Stops when fn returns non-zero (returned).
 */
int store_story_each(struct store *st,
		     int (*fn)(void *ctx, const struct store_story_row *row),
		     void *ctx);

/*
 * Scores of criterion in scored sessions of rubric, newest first, of
 * sessions older than before_id (0: all): calls fn with each session id
 * and score until fn returns non-zero or limit rows were given.
 */
int store_mock_scores(struct store *st, const char *rubric,
		      const char *criterion, int64_t before_id, int limit,
		      int (*fn)(void *ctx, int64_t id, int score),
		      void *ctx);

#endif
