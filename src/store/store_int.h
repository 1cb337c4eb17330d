#ifndef TPM_STORE_STORE_INT_H
#define TPM_STORE_STORE_INT_H

/*
 * Internals of the store, shared by its files and by its unit tests (which
 * reach the SQLite handle to simulate faults, e.g. a full disk through
 * PRAGMA max_page_count).  Nothing outside src/store/ and tests includes
 * this.
 */
#include <sqlite3.h>

#include "store/store.h"

/* STRICT tables appeared in SQLite 3.37. */
#if SQLITE_VERSION_NUMBER < 3037000
#error "tpmtrain needs SQLite 3.37 or newer"
#endif

/* PRAGMA application_id: "TPMt", so another program's file is refused. */
#define STORE_APP_ID 0x54504d74

/* The schema version this build writes; see store_migrate.c. */
#define STORE_SCHEMA_VERSION 6

/* Prepared once per connection, on first use. */
enum store_stmt_id {
	STMT_CARD_GET,
	STMT_CARD_SCAN,
	STMT_CARD_SCAN_OPEN,
	STMT_REVIEW_STAMP,
	STMT_REVIEW_CHANGES,
	STMT_CARD_PUT,
	STMT_CARD_DELETE,
	STMT_CARD_SUSPEND,
	STMT_CARD_BURY,
	STMT_CARD_FORGET,
	STMT_CARD_COUNT,
	STMT_LOG_ADD,
	STMT_LOG_GET,
	STMT_LOG_LATER,
	STMT_LOG_DELETE,
	STMT_LOG_DAY,
	STMT_LOG_DAY_NEW,
	STMT_LOG_COUNT,
	STMT_LOG_COUNT_KEY,
	STMT_LOG_ANY,
	STMT_QUARTER_ANY,
	STMT_SETTING_GET,
	STMT_SETTING_SET,
	STMT_SETTING_UNSET,
	STMT_SETTING_EACH,
	STMT_COUNT
};

struct store {
	sqlite3 *db;
	char *path;
	char *errmsg;		/* "PATH: message", or NULL */
	int memory;		/* a missing file opened in memory */
	int readonly;
	int in_tx;		/* between store_tx_begin and commit */
	int in_read;		/* between store_read_begin and end */
	char *undo_key;		/* storage for store_review_undo()'s out */
	sqlite3_stmt *stmt[STMT_COUNT];
};

/*
 * Records a failure: maps the SQLite result code rc to a tpm_err, sets
 * st->errmsg to "PATH: <tpm_strerror> (<SQLite's message>)" and returns
 * the tpm_err.  rc SQLITE_OK is treated as SQLITE_ERROR.
 */
int store_fail(struct store *st, int rc);

/* Sets st->errmsg to "PATH: " + the formatted text and returns err. */
__attribute__((format(printf, 3, 4)))
int store_failf(struct store *st, int err, const char *fmt, ...);

/* The tpm_err for a SQLite result code (extended codes allowed). */
int store_map_rc(int rc);

/*
 * The cached statement id, reset and with its bindings cleared; NULL
 * (and st->errmsg set, *err the code) if it could not be prepared.
 */
sqlite3_stmt *store_stmt(struct store *st, enum store_stmt_id id, int *err);

/*
 * Steps a statement that returns no rows and resets it, so that no
 * statement is left holding a read snapshot.  Returns 0 or store_fail().
 */
int store_step_done(struct store *st, sqlite3_stmt *s);

/*
 * Steps s for its one row: 1 when there is one (read it, then reset or
 * finalize s), TPM_ENOENT when there is none, else the store's error.
 */
int store_step_row(struct store *st, sqlite3_stmt *s);

/* Runs SQL text with no result rows; returns 0 or store_fail(). */
int store_exec(struct store *st, const char *sql);

/* Reads an integer PRAGMA such as user_version. */
int store_pragma_int(struct store *st, const char *name, int64_t *out);

/*
 * Schema: brings a database of schema version (its user_version; 0 for an
 * empty one) to the current one, inside the caller's write transaction:
 * an older one is backed up first, to progress.db.vN.bak through a
 * temporary file of this process that is renamed only when complete.  The
 * caller has refused newer versions.  Returns 0 or a negative tpm_err.
 */
int store_migrate(struct store *st, int version);

/*
 * Runs the schema steps from version from to version to (0 <= from < to
 * <= STORE_SCHEMA_VERSION) on db and sets user_version and the
 * application_id, in the caller's transaction.  Returns a SQLite result
 * code.  Tests use it to build a database as an older version wrote it.
 */
int store_schema_apply(sqlite3 *db, int from, int to);

/* The backup path for a migration from version: "PATH.vN.bak". */
char *store_backup_path(const char *path, int version);

#endif
