/*
 * The schema, one step per version, and the forward migrations between
 * them.  PRAGMA user_version holds the version; a database is migrated
 * only after a full copy of it was saved with SQLite's online backup API,
 * and each migration is one transaction, so a failure leaves the old
 * database as it was.  Never edit a step that has shipped: add one.
 *
 * Times are Unix milliseconds, UTC (datetime(due / 1000, 'unixepoch')).
 * card_id is the study item key: "id", "id#reverse", "id#c2".
 */
#include "store/store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xmalloc.h"

static const char *const schema_steps[STORE_SCHEMA_VERSION] = {
	/* 1: card states and the review log. */
	"CREATE TABLE card_state (\n"
	"  card_id TEXT PRIMARY KEY NOT NULL,\n"
	"  state INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),\n"
	"  due INTEGER NOT NULL,\n"
	"  stability REAL NOT NULL,\n"
	"  difficulty REAL NOT NULL,\n"
	"  last_review INTEGER NOT NULL,\n"
	"  scheduled_days INTEGER NOT NULL,\n"
	"  learning_step INTEGER NOT NULL,\n"
	"  reps INTEGER NOT NULL,\n"
	"  lapses INTEGER NOT NULL,\n"
	"  suspended INTEGER NOT NULL DEFAULT 0,\n"
	"  buried_until INTEGER NOT NULL DEFAULT 0,\n"
	"  leech INTEGER NOT NULL DEFAULT 0\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE INDEX card_state_due ON card_state (due);\n"
	"CREATE TABLE review_log (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  card_id TEXT NOT NULL,\n"
	"  reviewed_at INTEGER NOT NULL,\n"
	"  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),\n"
	"  state_before INTEGER NOT NULL,\n"
	"  state_after INTEGER NOT NULL,\n"
	"  stability REAL NOT NULL,\n"
	"  difficulty REAL NOT NULL,\n"
	"  elapsed_days INTEGER NOT NULL,\n"
	"  scheduled_days INTEGER NOT NULL,\n"
	"  due INTEGER NOT NULL,\n"
	"  duration_ms INTEGER,\n"
	"  prev_stability REAL NOT NULL,\n"
	"  prev_difficulty REAL NOT NULL,\n"
	"  prev_due INTEGER NOT NULL,\n"
	"  prev_last_review INTEGER NOT NULL,\n"
	"  prev_scheduled_days INTEGER NOT NULL,\n"
	"  prev_learning_step INTEGER NOT NULL,\n"
	"  prev_reps INTEGER NOT NULL,\n"
	"  prev_lapses INTEGER NOT NULL,\n"
	"  prev_suspended INTEGER NOT NULL,\n"
	"  prev_leech INTEGER NOT NULL\n"
	") STRICT;\n"
	"CREATE INDEX review_log_card ON review_log (card_id, reviewed_at);\n"
	"CREATE INDEX review_log_time ON review_log (reviewed_at);\n",

	/* 2: settings, as text; their meaning is in queue_settings.c. */
	"CREATE TABLE settings (\n"
	"  key TEXT PRIMARY KEY NOT NULL,\n"
	"  value TEXT NOT NULL\n"
	") STRICT, WITHOUT ROWID;\n",

	/*
	 * 3: mock interview sessions.  A session row and its children, in
	 * the order shown (idx); phase is an index into the session's
	 * phases.  Titles, criterion names, weights and level descriptors
	 * are copied in, so a report of an old session needs no content
	 * file.  state: 0 running, 1 unscored, 2 scored; score is a
	 * percentage, NULL until scored.  Times in ms; elapsed_ms and
	 * used_ms count only the time the session ran (not paused).
	 */
	"CREATE TABLE mock_session (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  scenario TEXT NOT NULL,\n"
	"  title TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL,\n"
	"  rubric TEXT NOT NULL,\n"
	"  prompt TEXT NOT NULL,\n"
	"  minutes INTEGER NOT NULL,\n"
	"  started_at INTEGER NOT NULL,\n"
	"  ended_at INTEGER NOT NULL DEFAULT 0,\n"
	"  state INTEGER NOT NULL CHECK (state BETWEEN 0 AND 2),\n"
	"  elapsed_ms INTEGER NOT NULL,\n"
	"  cur_phase INTEGER NOT NULL,\n"
	"  paused INTEGER NOT NULL,\n"
	"  hints_used INTEGER NOT NULL,\n"
	"  score REAL,\n"
	"  band TEXT\n"
	") STRICT;\n"
	"CREATE INDEX mock_session_started ON mock_session (started_at);\n"
	"CREATE INDEX mock_session_rubric ON mock_session (rubric, state);\n"
	"CREATE TABLE mock_phase (\n"
	"  session INTEGER NOT NULL,\n"
	"  idx INTEGER NOT NULL,\n"
	"  name TEXT NOT NULL,\n"
	"  minutes INTEGER NOT NULL,\n"
	"  planned_ms INTEGER NOT NULL,\n"
	"  used_ms INTEGER NOT NULL,\n"
	"  hints_used INTEGER NOT NULL,\n"
	"  PRIMARY KEY (session, idx)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE mock_note (\n"
	"  session INTEGER NOT NULL,\n"
	"  idx INTEGER NOT NULL,\n"
	"  text TEXT NOT NULL,\n"
	"  phase INTEGER NOT NULL,\n"
	"  PRIMARY KEY (session, idx)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE mock_followup (\n"
	"  session INTEGER NOT NULL,\n"
	"  idx INTEGER NOT NULL,\n"
	"  followup INTEGER NOT NULL,\n"
	"  text TEXT NOT NULL,\n"
	"  phase INTEGER NOT NULL,\n"
	"  elapsed_ms INTEGER NOT NULL,\n"
	"  PRIMARY KEY (session, idx)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE mock_question (\n"
	"  session INTEGER NOT NULL,\n"
	"  idx INTEGER NOT NULL,\n"
	"  text TEXT NOT NULL,\n"
	"  answer TEXT NOT NULL,\n"
	"  clarification INTEGER NOT NULL,\n"
	"  phase INTEGER NOT NULL,\n"
	"  elapsed_ms INTEGER NOT NULL,\n"
	"  PRIMARY KEY (session, idx)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE mock_coverage (\n"
	"  session INTEGER NOT NULL,\n"
	"  idx INTEGER NOT NULL,\n"
	"  phase INTEGER NOT NULL,\n"
	"  label TEXT NOT NULL,\n"
	"  covered INTEGER NOT NULL,\n"
	"  red_flag INTEGER NOT NULL,\n"
	"  line TEXT,\n"
	"  PRIMARY KEY (session, idx)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE mock_score (\n"
	"  session INTEGER NOT NULL,\n"
	"  idx INTEGER NOT NULL,\n"
	"  criterion TEXT NOT NULL,\n"
	"  name TEXT NOT NULL,\n"
	"  weight REAL NOT NULL,\n"
	"  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 4),\n"
	"  level TEXT,\n"
	"  comment TEXT,\n"
	"  PRIMARY KEY (session, idx)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE INDEX mock_score_criterion ON mock_score (criterion);\n",

	/*
	 * 4: who scored a session (NULL: the candidate, else the
	 * interviewer) and for whom (interviewer mode's candidate name),
	 * and the stories told in a behavioural round: per question
	 * (phase), the story's id ('' for one not in the bank), its title
	 * and the competencies the question asks about, space-separated; and
	 * the rubric's red-flag caps the scorer applied (the score is
	 * already capped).
	 */
	"ALTER TABLE mock_session ADD COLUMN scored_by TEXT;\n"
	"ALTER TABLE mock_session ADD COLUMN candidate TEXT;\n"
	"CREATE TABLE mock_story (\n"
	"  session INTEGER NOT NULL,\n"
	"  idx INTEGER NOT NULL,\n"
	"  phase INTEGER NOT NULL,\n"
	"  story TEXT NOT NULL,\n"
	"  title TEXT NOT NULL,\n"
	"  competencies TEXT NOT NULL,\n"
	"  PRIMARY KEY (session, idx)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE INDEX mock_story_story ON mock_story (story);\n"
	"CREATE TABLE mock_cap (\n"
	"  session INTEGER NOT NULL,\n"
	"  idx INTEGER NOT NULL,\n"
	"  label TEXT NOT NULL,\n"
	"  max REAL NOT NULL,\n"
	"  PRIMARY KEY (session, idx)\n"
	") STRICT, WITHOUT ROWID;\n",

	/*
	 * 5: what lets a queue skip the review-state rows that are not due
	 * (queue.c): the other rows (a partial index), the rows by when they
	 * are due and by when they were last reviewed, each index holding
	 * every column the queue reads (a row is then one index entry, not a
	 * seek in the table too), and a stamp that changes, to a new random
	 * value, whenever the set of review-state rows does.
	 */
	"CREATE INDEX card_state_open ON card_state (card_id, state, due, "
	"last_review, buried_until, suspended) WHERE state != 2;\n"
	"DROP INDEX card_state_due;\n"
	"CREATE INDEX card_state_due ON card_state (due, state, last_review, "
	"buried_until, suspended);\n"
	"CREATE INDEX card_state_reviewed ON card_state (last_review, state, "
	"due, buried_until, suspended);\n"
	"CREATE TABLE review_stamp (\n"
	"  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"  stamp INTEGER NOT NULL\n"
	") STRICT;\n"
	"INSERT INTO review_stamp VALUES (1, random());\n"
	"CREATE TRIGGER review_stamp_insert AFTER INSERT ON card_state "
	"WHEN new.state = 2 BEGIN "
	"UPDATE review_stamp SET stamp = random(); END;\n"
	"CREATE TRIGGER review_stamp_delete AFTER DELETE ON card_state "
	"WHEN old.state = 2 BEGIN "
	"UPDATE review_stamp SET stamp = random(); END;\n"
	"CREATE TRIGGER review_stamp_update AFTER UPDATE OF card_id, state "
	"ON card_state WHEN (old.state = 2) != (new.state = 2) OR "
	"(new.state = 2 AND old.card_id != new.card_id) BEGIN "
	"UPDATE review_stamp SET stamp = random(); END;\n"
	/*
	 * And the quarter hours (reviewed_at / 900000) with a review, so
	 * that the streak walks back over a small table: every study day
	 * starts on a quarter hour.  A quarter is dropped with its last
	 * review: the BETWEEN is an index range (review_log_time) around it,
	 * wide enough for the division's rounding toward zero before 1970;
	 * the test after it is exact.
	 */
	"CREATE TABLE review_quarter (q INTEGER PRIMARY KEY) STRICT;\n"
	"INSERT INTO review_quarter SELECT DISTINCT reviewed_at / 900000 "
	"FROM review_log;\n"
	"CREATE TRIGGER review_quarter_insert AFTER INSERT ON review_log "
	"BEGIN INSERT OR IGNORE INTO review_quarter "
	"VALUES (new.reviewed_at / 900000); END;\n"
	"CREATE TRIGGER review_quarter_delete AFTER DELETE ON review_log "
	"WHEN NOT EXISTS (SELECT 1 FROM review_log WHERE reviewed_at "
	"BETWEEN old.reviewed_at / 900000 * 900000 - 899999 AND "
	"old.reviewed_at / 900000 * 900000 + 899999 AND "
	"reviewed_at / 900000 = old.reviewed_at / 900000) "
	"BEGIN DELETE FROM review_quarter "
	"WHERE q = old.reviewed_at / 900000; END;\n"
	"CREATE TRIGGER review_quarter_update AFTER UPDATE OF reviewed_at "
	"ON review_log BEGIN "
	"INSERT OR IGNORE INTO review_quarter "
	"VALUES (new.reviewed_at / 900000); "
	"DELETE FROM review_quarter WHERE q = old.reviewed_at / 900000 "
	"AND NOT EXISTS (SELECT 1 FROM review_log WHERE reviewed_at "
	"BETWEEN old.reviewed_at / 900000 * 900000 - 899999 AND "
	"old.reviewed_at / 900000 * 900000 + 899999 AND "
	"reviewed_at / 900000 = old.reviewed_at / 900000); END;\n",

	/*
	 * 6: the review journal: a row per change of the review set, with
	 * the stamp after it, so that a queue that knew the set at one
	 * stamp catches up by the keys changed since rather than reading
	 * every row.  The first row is the stamp the journal starts from;
	 * the newest 4096 are kept.  The stamp's triggers are replaced by
	 * ones that also write the journal.
	 */
	"CREATE TABLE review_journal (\n"
	"  seq INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  card_id TEXT NOT NULL,\n"
	"  stamp INTEGER NOT NULL\n"
	") STRICT;\n"
	"INSERT INTO review_journal (card_id, stamp) "
	"SELECT '', stamp FROM review_stamp;\n"
	"DROP TRIGGER review_stamp_insert;\n"
	"DROP TRIGGER review_stamp_delete;\n"
	"DROP TRIGGER review_stamp_update;\n"
	"CREATE TRIGGER review_stamp_insert AFTER INSERT ON card_state "
	"WHEN new.state = 2 BEGIN "
	"UPDATE review_stamp SET stamp = random(); "
	"INSERT INTO review_journal (card_id, stamp) "
	"SELECT new.card_id, stamp FROM review_stamp; "
	"DELETE FROM review_journal WHERE seq <= "
	"(SELECT max(seq) FROM review_journal) - 4096; END;\n"
	"CREATE TRIGGER review_stamp_delete AFTER DELETE ON card_state "
	"WHEN old.state = 2 BEGIN "
	"UPDATE review_stamp SET stamp = random(); "
	"INSERT INTO review_journal (card_id, stamp) "
	"SELECT old.card_id, stamp FROM review_stamp; "
	"DELETE FROM review_journal WHERE seq <= "
	"(SELECT max(seq) FROM review_journal) - 4096; END;\n"
	"CREATE TRIGGER review_stamp_update AFTER UPDATE OF card_id, state "
	"ON card_state WHEN (old.state = 2) != (new.state = 2) OR "
	"((old.state = 2 OR new.state = 2) AND old.card_id != new.card_id) "
	"BEGIN "
	"UPDATE review_stamp SET stamp = random(); "
	"INSERT INTO review_journal (card_id, stamp) "
	"SELECT old.card_id, stamp FROM review_stamp "
	"WHERE old.card_id != new.card_id; "
	"INSERT INTO review_journal (card_id, stamp) "
	"SELECT new.card_id, stamp FROM review_stamp; "
	"DELETE FROM review_journal WHERE seq <= "
	"(SELECT max(seq) FROM review_journal) - 4096; END;\n",
};

int store_schema_apply(sqlite3 *db, int from, int to)
{
	char sql[96];
	int rc = SQLITE_OK;

	for (int v = from; v < to && rc == SQLITE_OK; v++)
		rc = sqlite3_exec(db, schema_steps[v], NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	snprintf(sql, sizeof(sql),
		 "PRAGMA user_version = %d; PRAGMA application_id = %d", to,
		 STORE_APP_ID);
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}


char *store_backup_path(const char *path, int version)
{
	struct buf b;

	buf_init(&b);
	buf_addf(&b, "%s.v%d.bak", path, version);
	return buf_detach(&b, NULL);
}

/* Makes a rename in dir durable. */
static void sync_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path + 1))
			  : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	xfree(dir);
}

/*
 * Copies the whole database to bak through a temporary file that is
 * renamed into place only when complete, so a failed backup never
 * leaves a file that looks like a good one.
 */
static int backup_to(struct store *st, const char *bak)
{
	struct buf tmp;
	sqlite3 *src = NULL, *dest = NULL;
	sqlite3_backup *b;
	int rc, err = 0;

	/* Its own name: another process's half-written copy is not ours. */
	buf_init(&tmp);
	buf_addf(&tmp, "%s.%ld.tmp", bak, (long)getpid());
	unlink(tmp.s);
	/*
	 * The copy is read through a second connection: st's holds the write
	 * lock (so nobody else migrates meanwhile), and SQLite will not back
	 * up from a connection in the middle of a write transaction.
	 */
	rc = sqlite3_open_v2(st->path, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_open_v2(tmp.s, &dest, SQLITE_OPEN_READWRITE |
				     SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK) {
		b = sqlite3_backup_init(dest, "main", src, "main");
		if (b) {
			rc = sqlite3_backup_step(b, -1);
			rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
			sqlite3_backup_finish(b);
		} else {
			rc = sqlite3_errcode(dest);
		}
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_close(dest);
	else
		sqlite3_close(dest);
	sqlite3_close(src);
	if (rc == SQLITE_OK && rename(tmp.s, bak) < 0)
		err = store_failf(st, TPM_EIO,
				  "cannot back up to %s before upgrading (%s); "
				  "nothing was changed", bak, strerror(errno));
	if (rc != SQLITE_OK) {
		err = store_map_rc(rc);
		store_failf(st, err,
			    "cannot back up to %s before upgrading (%s); "
			    "nothing was changed", bak,
			    err == TPM_EIO ? sqlite3_errstr(rc)
					   : tpm_strerror(err));
	}
	if (err < 0)
		unlink(tmp.s);
	else
		sync_dir_of(bak);
	buf_release(&tmp);
	return err;
}

int store_migrate(struct store *st, int version)
{
	int rc;

	/* The backup comes before the first byte changes. */
	if (version > 0) {
		char *bak = store_backup_path(st->path, version);
		int ret = backup_to(st, bak);

		xfree(bak);
		if (ret < 0)
			return ret;
	}
	rc = store_schema_apply(st->db, version, STORE_SCHEMA_VERSION);
	return rc == SQLITE_OK ? 0 : store_fail(st, rc);
}
