/* Card states and the review log. */
#include "store/store.h"

#include <string.h>

#include "core/err.h"
#include "core/xmalloc.h"
#include "store/store_int.h"

/* Steps a statement expected to give one integer. */
static int step_int(struct store *st, sqlite3_stmt *s, int64_t *out)
{
	int rc = sqlite3_step(s);
	int ret = 0;

	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	else
		ret = store_fail(st, rc);
	sqlite3_reset(s);
	return ret;
}

static void bind_text(sqlite3_stmt *s, int i, const char *text)
{
	sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
}

/* Reads the CARD_COLS columns starting at column i. */
static void read_card(sqlite3_stmt *s, int i, struct store_card *c)
{
	memset(c, 0, sizeof(*c));
	c->fsrs.state = (enum fsrs_state)sqlite3_column_int(s, i);
	c->fsrs.due = sqlite3_column_int64(s, i + 1);
	c->fsrs.stability = sqlite3_column_double(s, i + 2);
	c->fsrs.difficulty = sqlite3_column_double(s, i + 3);
	c->fsrs.last_review = sqlite3_column_int64(s, i + 4);
	c->fsrs.scheduled_days = sqlite3_column_int(s, i + 5);
	c->fsrs.learning_step = sqlite3_column_int(s, i + 6);
	c->fsrs.reps = sqlite3_column_int(s, i + 7);
	c->fsrs.lapses = sqlite3_column_int(s, i + 8);
	c->suspended = sqlite3_column_int(s, i + 9) != 0;
	c->buried_until = sqlite3_column_int64(s, i + 10);
	c->leech = sqlite3_column_int(s, i + 11) != 0;
}

int store_card_get(struct store *st, const char *key, struct store_card *out)
{
	sqlite3_stmt *s;
	int rc, ret = 0;

	s = store_stmt(st, STMT_CARD_GET, &ret);
	if (!s)
		return ret;
	bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		read_card(s, 0, out);
	} else if (rc == SQLITE_DONE) {
		memset(out, 0, sizeof(*out));
		out->fsrs.state = FSRS_NEW;
		ret = TPM_ENOENT;
	} else {
		ret = store_fail(st, rc);
	}
	sqlite3_reset(s);
	return ret;
}

/* Calls fn for each row of s, a scan of SCAN_COLS (store_stmt.c). */
static int scan_rows(struct store *st, sqlite3_stmt *s,
		     int (*fn)(void *ctx, const struct store_scan_row *row),
		     void *ctx)
{
	struct store_scan_row row;
	int rc, ret = 0;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		row.key = (const char *)sqlite3_column_text(s, 0);
		row.key_len = (size_t)sqlite3_column_bytes(s, 0);
		row.state = (enum fsrs_state)sqlite3_column_int(s, 1);
		row.due = sqlite3_column_int64(s, 2);
		row.last_review = sqlite3_column_int64(s, 3);
		row.buried_until = sqlite3_column_int64(s, 4);
		row.suspended = sqlite3_column_int(s, 5) != 0;
		if (!row.key)
			continue;	/* NOT NULL; only out of memory */
		ret = fn(ctx, &row);
		if (ret)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = store_fail(st, rc);
	sqlite3_reset(s);
	return ret;
}

int store_card_scan(struct store *st,
		    int (*fn)(void *ctx, const struct store_scan_row *row),
		    void *ctx)
{
	int ret = 0;
	sqlite3_stmt *s = store_stmt(st, STMT_CARD_SCAN, &ret);

	return s ? scan_rows(st, s, fn, ctx) : ret;
}

int store_card_scan_open(struct store *st, int64_t due_before,
			 int64_t reviewed_since,
			 int (*fn)(void *ctx, const struct store_scan_row *row),
			 void *ctx)
{
	int ret = 0;
	sqlite3_stmt *s = store_stmt(st, STMT_CARD_SCAN_OPEN, &ret);

	if (!s)
		return ret;
	sqlite3_bind_int64(s, 1, due_before);
	sqlite3_bind_int64(s, 2, reviewed_since);
	return scan_rows(st, s, fn, ctx);
}

int store_review_stamp(struct store *st, uint64_t *stamp, int64_t *seq)
{
	int rc, ret = 0;
	sqlite3_stmt *s = store_stmt(st, STMT_REVIEW_STAMP, &ret);

	if (!s)
		return ret;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*stamp = (uint64_t)sqlite3_column_int64(s, 0);
		*seq = sqlite3_column_int64(s, 1);
	} else {
		ret = store_fail(st, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc);
	}
	sqlite3_reset(s);
	return ret;
}

int store_review_changes(struct store *st, int64_t since, uint64_t stamp,
			 size_t max,
			 int (*fn)(void *ctx, const char *key, int in_review),
			 void *ctx, int64_t *last)
{
	int rc = SQLITE_DONE, ret = 0;
	sqlite3_stmt *s = store_stmt(st, STMT_REVIEW_CHANGES, &ret);
	size_t n = 0;

	if (!s)
		return ret;
	if (max > (size_t)INT32_MAX)
		max = INT32_MAX;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int64(s, 2, (int64_t)max + 2);
	*last = since;
	while (!ret && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t seq = sqlite3_column_int64(s, 0);
		const char *key = (const char *)sqlite3_column_text(s, 2);

		/* The change the caller knew must open the range; past
		 * max changes, a scan is as quick. */
		if (!n++ ? seq != since ||
			   (uint64_t)sqlite3_column_int64(s, 1) != stamp
			 : n > max + 1)
			ret = TPM_ENOENT;
		else if (n > 1 && key)
			ret = fn(ctx, key, sqlite3_column_int(s, 3));
		*last = seq;
	}
	if (!ret && !n)
		ret = TPM_ENOENT;	/* trimmed past it, or never there */
	else if (!ret && rc != SQLITE_DONE)
		ret = store_fail(st, rc);
	sqlite3_reset(s);
	return ret;
}

int store_card_count(struct store *st, int64_t *n)
{
	int ret = 0;
	sqlite3_stmt *s = store_stmt(st, STMT_CARD_COUNT, &ret);

	return s ? step_int(st, s, n) : ret;
}

/* Writes c as the state of key (STMT_CARD_PUT). */
static int card_put(struct store *st, const char *key,
		    const struct store_card *c)
{
	sqlite3_stmt *s;
	int ret = 0;

	s = store_stmt(st, STMT_CARD_PUT, &ret);
	if (!s)
		return ret;
	bind_text(s, 1, key);
	sqlite3_bind_int(s, 2, (int)c->fsrs.state);
	sqlite3_bind_int64(s, 3, c->fsrs.due);
	sqlite3_bind_double(s, 4, c->fsrs.stability);
	sqlite3_bind_double(s, 5, c->fsrs.difficulty);
	sqlite3_bind_int64(s, 6, c->fsrs.last_review);
	sqlite3_bind_int(s, 7, c->fsrs.scheduled_days);
	sqlite3_bind_int(s, 8, c->fsrs.learning_step);
	sqlite3_bind_int(s, 9, c->fsrs.reps);
	sqlite3_bind_int(s, 10, c->fsrs.lapses);
	sqlite3_bind_int(s, 11, c->suspended);
	sqlite3_bind_int64(s, 12, c->buried_until);
	sqlite3_bind_int(s, 13, c->leech);
	return store_step_done(st, s);
}

/* Runs one of the single-row flag statements for key. */
static int card_flag(struct store *st, enum store_stmt_id id, const char *key,
		     int has_value, int64_t value)
{
	sqlite3_stmt *s;
	int ret = 0;

	s = store_stmt(st, id, &ret);
	if (!s)
		return ret;
	bind_text(s, 1, key);
	if (has_value)
		sqlite3_bind_int64(s, 2, value);
	return store_step_done(st, s);
}

int store_card_set_suspended(struct store *st, const char *key, int on)
{
	return card_flag(st, STMT_CARD_SUSPEND, key, 1, on != 0);
}

int store_card_bury(struct store *st, const char *key, int64_t until)
{
	return card_flag(st, STMT_CARD_BURY, key, 1, until);
}

int store_card_forget(struct store *st, const char *key)
{
	return card_flag(st, STMT_CARD_FORGET, key, 0, 0);
}

int store_review_add(struct store *st, struct store_review *r)
{
	const struct fsrs_card *b = &r->before.fsrs, *a = &r->after.fsrs;
	sqlite3_stmt *s;
	int ret = 0;

	/* Both rows or neither: refuse to run outside a transaction. */
	if (!st->in_tx)
		return store_failf(st, TPM_EINVAL,
				   "a review must be saved in a transaction");
	s = store_stmt(st, STMT_LOG_ADD, &ret);
	if (!s)
		return ret;
	bind_text(s, 1, r->key);
	sqlite3_bind_int64(s, 2, r->reviewed_at);
	sqlite3_bind_int(s, 3, (int)r->rating);
	sqlite3_bind_int(s, 4, (int)b->state);
	sqlite3_bind_int(s, 5, (int)a->state);
	sqlite3_bind_double(s, 6, a->stability);
	sqlite3_bind_double(s, 7, a->difficulty);
	sqlite3_bind_int(s, 8, r->elapsed_days);
	sqlite3_bind_int(s, 9, a->scheduled_days);
	sqlite3_bind_int64(s, 10, a->due);
	if (r->duration_ms >= 0)
		sqlite3_bind_int64(s, 11, r->duration_ms);
	sqlite3_bind_double(s, 12, b->stability);
	sqlite3_bind_double(s, 13, b->difficulty);
	sqlite3_bind_int64(s, 14, b->due);
	sqlite3_bind_int64(s, 15, b->last_review);
	sqlite3_bind_int(s, 16, b->scheduled_days);
	sqlite3_bind_int(s, 17, b->learning_step);
	sqlite3_bind_int(s, 18, b->reps);
	sqlite3_bind_int(s, 19, b->lapses);
	sqlite3_bind_int(s, 20, r->before.suspended);
	sqlite3_bind_int(s, 21, r->before.leech);
	ret = store_step_done(st, s);
	if (ret < 0)
		return ret;
	r->id = sqlite3_last_insert_rowid(st->db);
	return card_put(st, r->key, &r->after);
}

/*
 * A state no different from having no row: undoing the first grade of an
 * item removes its row, so the undo is exact.
 */
static int is_blank(const struct store_card *c)
{
	return c->fsrs.state == FSRS_NEW && !c->fsrs.reps &&
	       !c->fsrs.lapses && !c->suspended && !c->leech &&
	       !c->buried_until;
}

/* Reads log row id into *r (key copied to st->undo_key). */
static int log_get(struct store *st, int64_t id, struct store_review *r)
{
	struct store_card *b = &r->before;
	sqlite3_stmt *s;
	int rc, ret = 0;

	s = store_stmt(st, STMT_LOG_GET, &ret);
	if (!s)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		ret = rc == SQLITE_DONE ? TPM_ENOENT : store_fail(st, rc);
		if (ret == TPM_ENOENT)
			store_failf(st, ret, "no review %lld to undo",
				    (long long)id);
		sqlite3_reset(s);
		return ret;
	}
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(s, 0);
	xfree(st->undo_key);
	st->undo_key = xstrdup((const char *)sqlite3_column_text(s, 1));
	r->key = st->undo_key;
	r->reviewed_at = sqlite3_column_int64(s, 2);
	r->rating = (enum fsrs_rating)sqlite3_column_int(s, 3);
	r->elapsed_days = sqlite3_column_int(s, 4);
	r->duration_ms = sqlite3_column_type(s, 5) == SQLITE_NULL
				 ? -1
				 : sqlite3_column_int64(s, 5);
	b->fsrs.state = (enum fsrs_state)sqlite3_column_int(s, 6);
	b->fsrs.due = sqlite3_column_int64(s, 7);
	b->fsrs.stability = sqlite3_column_double(s, 8);
	b->fsrs.difficulty = sqlite3_column_double(s, 9);
	b->fsrs.last_review = sqlite3_column_int64(s, 10);
	b->fsrs.scheduled_days = sqlite3_column_int(s, 11);
	b->fsrs.learning_step = sqlite3_column_int(s, 12);
	b->fsrs.reps = sqlite3_column_int(s, 13);
	b->fsrs.lapses = sqlite3_column_int(s, 14);
	b->suspended = sqlite3_column_int(s, 15) != 0;
	b->leech = sqlite3_column_int(s, 16) != 0;
	sqlite3_reset(s);
	return 0;
}

/* TPM_ESTALE if r's item was graded after r, else 0. */
static int graded_since(struct store *st, const struct store_review *r)
{
	sqlite3_stmt *s;
	int rc, ret = 0;

	s = store_stmt(st, STMT_LOG_LATER, &ret);
	if (!s)
		return ret;
	bind_text(s, 1, r->key);
	sqlite3_bind_int64(s, 2, r->id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		ret = store_failf(st, TPM_ESTALE, "%s was graded again since",
				  r->key);
	else if (rc != SQLITE_DONE)
		ret = store_fail(st, rc);
	sqlite3_reset(s);
	return ret;
}

/* The body of store_review_undo(), inside its transaction. */
static int undo_in_tx(struct store *st, int64_t id, struct store_review *r)
{
	sqlite3_stmt *s;
	int ret;

	ret = log_get(st, id, r);
	if (ret == 0)
		ret = graded_since(st, r);
	if (ret < 0)
		return ret;
	ret = store_card_get(st, r->key, &r->after);
	if (ret < 0 && ret != TPM_ENOENT)
		return ret;
	/* A grade never changes buried_until, so undo keeps it. */
	r->before.buried_until = r->after.buried_until;
	s = store_stmt(st, STMT_LOG_DELETE, &ret);
	if (!s)
		return ret;
	sqlite3_bind_int64(s, 1, r->id);
	ret = store_step_done(st, s);
	if (ret < 0)
		return ret;
	if (!is_blank(&r->before))
		return card_put(st, r->key, &r->before);
	s = store_stmt(st, STMT_CARD_DELETE, &ret);
	if (!s)
		return ret;
	bind_text(s, 1, r->key);
	return store_step_done(st, s);
}

int store_review_undo(struct store *st, int64_t id, struct store_review *out)
{
	struct store_review r = { 0 };
	int ret;

	ret = store_tx_begin(st);
	if (ret < 0)
		return ret;
	ret = undo_in_tx(st, id, &r);
	if (ret < 0) {
		store_tx_rollback(st);
		return ret;
	}
	ret = store_tx_commit(st);
	if (ret == 0 && out)
		*out = r;
	return ret;
}

int store_day_counts(struct store *st, int64_t since,
		     struct store_day_counts *out)
{
	struct store_day_counts c = { 0, 0, 0 };
	sqlite3_stmt *s;
	int rc, ret = 0;

	s = store_stmt(st, STMT_LOG_DAY, &ret);
	if (!s)
		return ret;
	sqlite3_bind_int64(s, 1, since);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t n = sqlite3_column_int64(s, 1);

		switch (sqlite3_column_int(s, 0)) {
		case FSRS_NEW:
			c.new_cards += n;
			break;
		case FSRS_REVIEW:
			c.reviews += n;
			break;
		default:
			break;
		}
		c.total += n;
	}
	if (rc != SQLITE_DONE)
		ret = store_fail(st, rc);
	sqlite3_reset(s);
	if (ret == 0)
		*out = c;
	return ret;
}

int store_day_new_keys(struct store *st, int64_t since,
		       int (*fn)(void *ctx, const char *key), void *ctx)
{
	sqlite3_stmt *s;
	int rc, ret = 0;

	s = store_stmt(st, STMT_LOG_DAY_NEW, &ret);
	if (!s)
		return ret;
	sqlite3_bind_int64(s, 1, since);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(s, 0);

		if (key && (ret = fn(ctx, key)) != 0)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = store_fail(st, rc);
	sqlite3_reset(s);
	return ret;
}

#define QUARTER_MS 900000

int store_reviewed_between(struct store *st, int64_t start, int64_t end,
			   int *yes)
{
	/* review_quarter's integer division rounds toward zero: before
	 * 1970 its quarters are not the clock's. */
	int quarters = start >= 0 && start % QUARTER_MS == 0 &&
		       end % QUARTER_MS == 0;
	sqlite3_stmt *s;
	int ret = 0;

	s = store_stmt(st, quarters ? STMT_QUARTER_ANY : STMT_LOG_ANY, &ret);
	if (!s)
		return ret;
	sqlite3_bind_int64(s, 1, quarters ? start / QUARTER_MS : start);
	sqlite3_bind_int64(s, 2, quarters ? end / QUARTER_MS : end);
	ret = store_step_row(st, s);
	if (ret > 0 || ret == TPM_ENOENT) {
		*yes = ret > 0;
		ret = 0;
	}
	sqlite3_reset(s);
	return ret;
}

int store_review_count(struct store *st, const char *key, int64_t *n)
{
	sqlite3_stmt *s;
	int ret = 0;

	s = store_stmt(st, key ? STMT_LOG_COUNT_KEY : STMT_LOG_COUNT, &ret);
	if (!s)
		return ret;
	if (key)
		bind_text(s, 1, key);
	return step_int(st, s, n);
}
