/*
 * Every statement the store runs after opening, in one table, prepared
 * once per connection on first use.  The schema they read is in
 * store_migrate.c.
 */
#include "store/store_int.h"

#include "core/err.h"

/* The columns of a card_state row, in the order store_card.c reads them. */
#define CARD_COLS                                                   \
	"state, due, stability, difficulty, last_review, scheduled_days, " \
	"learning_step, reps, lapses, suspended, buried_until, leech"

/* What a queue reads of a row (store_scan_row). */
#define SCAN_COLS "card_id, state, due, last_review, buried_until, suspended"

/* A row for an item that has none yet: a new card. */
#define NEW_CARD_VALUES "?1, 0, 0, 0.0, 0.0, 0, 0, 0, 0, 0"
#define NEW_CARD_COLS                                                     \
	"card_id, state, due, stability, difficulty, last_review, "       \
	"scheduled_days, learning_step, reps, lapses"

static const char *const stmt_sql[STMT_COUNT] = {
	[STMT_CARD_GET] = "SELECT " CARD_COLS
			  " FROM card_state WHERE card_id = ?1",
	/* The queue's whole read of card_state: see queue.c. */
	[STMT_CARD_SCAN] = "SELECT " SCAN_COLS " FROM card_state "
			   "ORDER BY card_id",
	/*
	 * The rows a queue cannot skip (queue.c): all but the review-state
	 * ones, and of those, the ones due before ?1 or reviewed since ?2;
	 * each part an index range (named: without statistics, SQLite
	 * would rather scan the table in key order than sort a few rows).
	 */
	[STMT_CARD_SCAN_OPEN] = "SELECT " SCAN_COLS " FROM card_state WHERE "
				"state != 2 UNION ALL SELECT " SCAN_COLS
				" FROM card_state INDEXED BY card_state_due "
				"WHERE state = 2 AND due < ?1 UNION ALL "
				"SELECT " SCAN_COLS " FROM card_state "
				"INDEXED BY card_state_reviewed WHERE "
				"state = 2 AND "
				"last_review >= ?2 AND due >= ?1 ORDER BY 1",
	[STMT_REVIEW_STAMP] = "SELECT stamp, (SELECT max(seq) FROM "
			      "review_journal) FROM review_stamp",
	/* The journal from change ?1 on, each key with whether it is in
	 * the review state now (its row may be gone). */
	[STMT_REVIEW_CHANGES] = "SELECT j.seq, j.stamp, j.card_id, "
				"c.state = 2 FROM review_journal AS j "
				"LEFT JOIN card_state AS c USING (card_id) "
				"WHERE j.seq >= ?1 ORDER BY j.seq LIMIT ?2",
	[STMT_CARD_PUT] =
		"INSERT INTO card_state (card_id, " CARD_COLS ") "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
		"?13) ON CONFLICT (card_id) DO UPDATE SET "
		"state = excluded.state, due = excluded.due, "
		"stability = excluded.stability, "
		"difficulty = excluded.difficulty, "
		"last_review = excluded.last_review, "
		"scheduled_days = excluded.scheduled_days, "
		"learning_step = excluded.learning_step, "
		"reps = excluded.reps, lapses = excluded.lapses, "
		"suspended = excluded.suspended, "
		"buried_until = excluded.buried_until, leech = excluded.leech",
	[STMT_CARD_DELETE] = "DELETE FROM card_state WHERE card_id = ?1",
	[STMT_CARD_SUSPEND] =
		"INSERT INTO card_state (" NEW_CARD_COLS ", suspended) "
		"VALUES (" NEW_CARD_VALUES ", ?2) ON CONFLICT (card_id) "
		"DO UPDATE SET suspended = excluded.suspended",
	[STMT_CARD_BURY] =
		"INSERT INTO card_state (" NEW_CARD_COLS ", buried_until) "
		"VALUES (" NEW_CARD_VALUES ", ?2) ON CONFLICT (card_id) "
		"DO UPDATE SET buried_until = excluded.buried_until",
	[STMT_CARD_FORGET] =
		"INSERT INTO card_state (" NEW_CARD_COLS ") "
		"VALUES (" NEW_CARD_VALUES ") ON CONFLICT (card_id) "
		"DO UPDATE SET state = 0, due = 0, stability = 0.0, "
		"difficulty = 0.0, last_review = 0, scheduled_days = 0, "
		"learning_step = 0",
	[STMT_CARD_COUNT] = "SELECT count(*) FROM card_state",
	[STMT_LOG_ADD] =
		"INSERT INTO review_log (card_id, reviewed_at, rating, "
		"state_before, state_after, stability, difficulty, "
		"elapsed_days, scheduled_days, due, duration_ms, "
		"prev_stability, prev_difficulty, prev_due, prev_last_review, "
		"prev_scheduled_days, prev_learning_step, prev_reps, "
		"prev_lapses, prev_suspended, prev_leech) VALUES (?1, ?2, ?3, "
		"?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
		"?17, ?18, ?19, ?20, ?21)",
	[STMT_LOG_GET] =
		"SELECT id, card_id, reviewed_at, rating, elapsed_days, "
		"duration_ms, state_before, prev_due, prev_stability, "
		"prev_difficulty, prev_last_review, prev_scheduled_days, "
		"prev_learning_step, prev_reps, prev_lapses, prev_suspended, "
		"prev_leech FROM review_log WHERE id = ?1",
	/* A later grade of the same card (review_log_card, then the id). */
	[STMT_LOG_LATER] = "SELECT 1 FROM review_log WHERE card_id = ?1 AND "
			   "id > ?2 LIMIT 1",
	[STMT_LOG_DELETE] = "DELETE FROM review_log WHERE id = ?1",
	/* An index range over today's rows (review_log_time). */
	[STMT_LOG_DAY] = "SELECT state_before, count(*) FROM review_log "
			 "WHERE reviewed_at >= ?1 GROUP BY state_before",
	/* The same range: the items started since, for per-deck limits. */
	[STMT_LOG_DAY_NEW] = "SELECT card_id FROM review_log WHERE "
			     "reviewed_at >= ?1 AND state_before = 0",
	[STMT_LOG_COUNT] = "SELECT count(*) FROM review_log",
	[STMT_LOG_COUNT_KEY] =
		"SELECT count(*) FROM review_log WHERE card_id = ?1",
	/* One seek each: review_log_time, review_quarter's key. */
	[STMT_LOG_ANY] = "SELECT 1 FROM review_log WHERE reviewed_at >= ?1 "
			 "AND reviewed_at < ?2 LIMIT 1",
	[STMT_QUARTER_ANY] = "SELECT 1 FROM review_quarter WHERE q >= ?1 "
			     "AND q < ?2 LIMIT 1",
	[STMT_SETTING_GET] = "SELECT value FROM settings WHERE key = ?1",
	[STMT_SETTING_SET] =
		"INSERT INTO settings (key, value) VALUES (?1, ?2) "
		"ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	[STMT_SETTING_UNSET] = "DELETE FROM settings WHERE key = ?1",
	[STMT_SETTING_EACH] = "SELECT key, value FROM settings ORDER BY key",
};

int store_step_done(struct store *st, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);
	int ret = rc == SQLITE_DONE ? 0 : store_fail(st, rc);

	sqlite3_reset(s);
	return ret;
}

int store_step_row(struct store *st, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? TPM_ENOENT : store_fail(st, rc);
}

sqlite3_stmt *store_stmt(struct store *st, enum store_stmt_id id, int *err)
{
	sqlite3_stmt **s = &st->stmt[id];
	int rc;

	if (!*s) {
		rc = sqlite3_prepare_v3(st->db, stmt_sql[id], -1,
					SQLITE_PREPARE_PERSISTENT, s, NULL);
		if (rc != SQLITE_OK) {
			*err = store_fail(st, rc);
			*s = NULL;
			return NULL;
		}
	}
	sqlite3_reset(*s);
	sqlite3_clear_bindings(*s);
	return *s;
}
