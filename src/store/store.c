/*
 * Opening and closing the progress database, transactions and errors.
 * The tables are reached through store_card.c and store_settings.c; the
 * schema lives in store_migrate.c.
 */
#include "store/store.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/path.h"
#include "core/xmalloc.h"
#include "store/store_int.h"

#define STORE_BUSY_MS 5000

int store_map_rc(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE:
		return 0;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return TPM_EBUSY;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return TPM_EREADONLY;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return TPM_ECORRUPT;
	case SQLITE_FULL:
		return TPM_EFULL;
	case SQLITE_NOMEM:
		return TPM_ENOMEM;
	case SQLITE_TOOBIG:
		return TPM_ETOOBIG;
	case SQLITE_CONSTRAINT:
	case SQLITE_MISMATCH:
	case SQLITE_RANGE:
		return TPM_EINVAL;
	default:
		return TPM_EIO;
	}
}

int store_failf(struct store *st, int err, const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b);
	buf_addf(&b, "%s: ", st->path);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	xfree(st->errmsg);
	st->errmsg = buf_detach(&b, NULL);
	return err;
}

/* "-shm" or "-wal" if that file beside path exists and is not a file. */
static const char *beside_not_file(const char *path)
{
	static const char *const ends[] = { "-shm", "-wal" };
	struct stat sb;
	struct buf b;
	const char *bad = NULL;

	buf_init(&b);
	for (int i = 0; i < 2 && !bad; i++) {
		buf_clear(&b);
		buf_addf(&b, "%s%s", path, ends[i]);
		if (stat(b.s, &sb) == 0 && !S_ISREG(sb.st_mode))
			bad = ends[i];
	}
	buf_release(&b);
	return bad;
}

int store_fail(struct store *st, int rc)
{
	int err;
	const char *detail;

	if (rc == SQLITE_OK)
		rc = SQLITE_ERROR;
	err = store_map_rc(rc);
	/*
	 * SQLite says "read-only" when it cannot use the -shm or -wal file
	 * beside the database, even when that is not a file at all (a
	 * directory in its place): say which.
	 */
	if (err == TPM_EREADONLY && st->path) {
		const char *bad = beside_not_file(st->path);

		if (bad)
			return store_failf(st, TPM_EIO, "its %s file is not a "
					   "file (a directory?); nothing was "
					   "changed", bad);
	}
	/* Some write paths report a full or read-only disk as an I/O error. */
	if (err == TPM_EIO && st->db) {
		int sys = sqlite3_system_errno(st->db);

		if (sys == ENOSPC || sys == EDQUOT)
			err = TPM_EFULL;
		else if (sys == EROFS || sys == EACCES || sys == EPERM)
			err = TPM_EREADONLY;
	}
	switch (err) {
	case TPM_EBUSY:
	case TPM_EREADONLY:
	case TPM_EFULL:
	case TPM_ENOMEM:
		/* SQLite's words would only repeat ours. */
		return store_failf(st, err, "%s", tpm_strerror(err));
	default:
		break;
	}
	if ((rc & 0xff) == SQLITE_CANTOPEN && st->db &&
	    sqlite3_system_errno(st->db))
		return store_failf(st, err, "cannot open the database (%s)",
				   strerror(sqlite3_system_errno(st->db)));
	/* A handle that failed to open may have no message of its own. */
	detail = st->db ? sqlite3_errmsg(st->db) : NULL;
	if (!detail || !*detail || !strcmp(detail, "not an error"))
		detail = sqlite3_errstr(rc);
	return store_failf(st, err, "%s (SQLite: %s)", tpm_strerror(err),
			   detail);
}

int store_exec(struct store *st, const char *sql)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : store_fail(st, rc);
}

int store_pragma_int(struct store *st, const char *name, int64_t *out)
{
	struct buf sql;
	sqlite3_stmt *stmt = NULL;
	int rc;

	buf_init(&sql);
	buf_addf(&sql, "PRAGMA %s", name);
	rc = sqlite3_prepare_v2(st->db, sql.s, -1, &stmt, NULL);
	buf_release(&sql);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(stmt, 0);
			rc = SQLITE_OK;
		}
	}
	if (rc != SQLITE_OK) {
		int err = store_fail(st, rc);

		sqlite3_finalize(stmt);
		return err;
	}
	sqlite3_finalize(stmt);
	return 0;
}

/* The directory part of path ("." for a bare name). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/*
 * Whether the user can change the file: its write permission bits and
 * access().  The bits are checked as well because root passes access()
 * for any file, yet a file the user made read-only must stay untouched.
 * SQLite also needs to create the -wal file beside it.
 */
static int is_writable(const char *path, const struct stat *sb)
{
	char *dir;
	int ok;

	if (!(sb->st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) ||
	    access(path, W_OK) < 0)
		return 0;
	dir = dir_of(path);
	ok = access(dir, W_OK) == 0;
	xfree(dir);
	return ok;
}

/* 1 if path-wal exists with content: a read needs the WAL then. */
static int has_wal(const char *path)
{
	struct buf wal;
	struct stat sb;
	int found;

	buf_init(&wal);
	buf_addf(&wal, "%s-wal", path);
	found = !stat(wal.s, &sb) && sb.st_size > 0;
	buf_release(&wal);
	return found;
}

/*
 * A "file:" URI for path with query (SQLite URI filenames): every byte
 * but unreserved ones is percent-encoded, so '?', '#' and '%' in a path
 * cannot be taken for URI syntax.
 */
static char *file_uri(const char *path, const char *query)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._~-", *p)) {
			buf_addch(&b, (char)*p);
		} else {
			buf_addch(&b, '%');
			buf_addch(&b, hex[*p >> 4]);
			buf_addch(&b, hex[*p & 15]);
		}
	}
	buf_addf(&b, "?%s", query);
	return buf_detach(&b, NULL);
}

/*
 * Opens the SQLite handle.  A read-only file is opened immutable when it
 * has no WAL to replay, so that reading it creates no -wal or -shm files
 * beside it (which would then be read-only too and trouble the next
 * writer).
 */
static int open_handle(struct store *st, unsigned flags)
{
	int oflags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
	struct stat sb;
	char *uri;
	int rc;

	if (!strcmp(st->path, ":memory:")) {
		/* A scratch database, for tests and dry runs. */
		uri = xstrdup(":memory:");
		oflags |= SQLITE_OPEN_READWRITE;
	} else if (stat(st->path, &sb) < 0) {
		if (errno != ENOENT)
			return store_failf(st, TPM_EIO,
					   "cannot open the database (%s)",
					   strerror(errno));
		if (!(flags & STORE_CREATE)) {
			st->memory = 1;
			uri = xstrdup(":memory:");
			oflags |= SQLITE_OPEN_READWRITE;
		} else {
			if (path_make_parents(st->path) < 0)
				return store_failf(st, errno == EROFS ||
								errno == EACCES
							       ? TPM_EREADONLY
							       : TPM_EIO,
						   "cannot create its directory "
						   "(%s)", strerror(errno));
			uri = file_uri(st->path, "mode=rwc");
			oflags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
		}
	} else if (!S_ISREG(sb.st_mode)) {
		return store_failf(st, TPM_EIO,
				   "cannot open the database (not a file)");
	} else if (!is_writable(st->path, &sb)) {
		if (flags & STORE_WRITE)
			return store_failf(st, TPM_EREADONLY,
					   "%s; nothing was changed",
					   tpm_strerror(TPM_EREADONLY));
		st->readonly = 1;
		uri = file_uri(st->path, has_wal(st->path) ? "mode=ro"
							   : "immutable=1");
		oflags |= SQLITE_OPEN_READONLY;
	} else {
		uri = file_uri(st->path, "mode=rw");
		oflags |= SQLITE_OPEN_READWRITE;
	}
	rc = sqlite3_open_v2(uri, &st->db, oflags, NULL);
	xfree(uri);
	if (rc != SQLITE_OK)
		return store_fail(st, rc);
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	return 0;
}

/*
 * Checks what the file holds before anything is written: a tpmtrain
 * database of this or an older version, an empty file, or something to
 * refuse.
 */
static int check_version(struct store *st, int64_t *version)
{
	int64_t app_id, tables;
	sqlite3_stmt *stmt;
	int rc, ret;

	ret = store_pragma_int(st, "user_version", version);
	if (ret < 0)
		return ret;
	ret = store_pragma_int(st, "application_id", &app_id);
	if (ret < 0)
		return ret;
	if (app_id != STORE_APP_ID) {
		rc = sqlite3_prepare_v2(st->db,
					"SELECT count(*) FROM sqlite_schema",
					-1, &stmt, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(stmt);
		if (rc != SQLITE_ROW) {
			sqlite3_finalize(stmt);
			return store_fail(st, rc);
		}
		tables = sqlite3_column_int64(stmt, 0);
		sqlite3_finalize(stmt);
		if (tables || app_id || *version)
			return store_failf(st, TPM_EFORMAT,
					   "not a tpmtrain database (a SQLite "
					   "file of another program); "
					   "nothing was changed");
	}
	if (*version > STORE_SCHEMA_VERSION)
		return store_failf(st, TPM_ETOONEW,
				   "%s (schema version %lld; this tpmtrain "
				   "reads up to %d); nothing was changed",
				   tpm_strerror(TPM_ETOONEW),
				   (long long)*version, STORE_SCHEMA_VERSION);
	return 0;
}

/* WAL with synchronous=FULL: a commit is on disk when it returns. */
static int set_journal(struct store *st)
{
	sqlite3_stmt *stmt;
	const unsigned char *mode;
	int rc, wal;

	rc = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode=WAL", -1, &stmt,
				NULL);
	/*
	 * The switch needs the file to itself, and SQLite does not wait for
	 * it through the busy handler (other processes opening the file at
	 * the same time hold read locks for a moment): wait here, as long.
	 */
	for (int waited = 0; rc == SQLITE_OK; waited += 10) {
		rc = sqlite3_step(stmt);
		if ((rc & 0xff) != SQLITE_BUSY || waited >= STORE_BUSY_MS)
			break;
		sqlite3_reset(stmt);
		sqlite3_sleep(10);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(stmt);
		return store_fail(st, rc);
	}
	mode = sqlite3_column_text(stmt, 0);
	wal = mode && (!strcmp((const char *)mode, "wal") ||
		       !strcmp((const char *)mode, "memory"));
	sqlite3_finalize(stmt);
	if (!wal)
		return store_failf(st, TPM_EIO,
				   "cannot switch the database to WAL mode");
	/*
	 * A small page cache: a start reads every card_state page once, and
	 * SQLite's default 2 MB would only be fresh memory to fault in; the
	 * system already caches the file, so a page read again costs a copy.
	 */
	return store_exec(st, "PRAGMA synchronous=FULL; PRAGMA cache_size=-256");
}

/*
 * check_version() in one read transaction: its three reads then see one
 * state of the file, not a table created by another process between the
 * application id and the count (which looked like another program's file).
 */
static int check_version_read(struct store *st, int64_t *version)
{
	int ret = store_exec(st, "BEGIN");

	if (ret < 0)
		return ret;
	ret = check_version(st, version);
	sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	return ret;
}

/*
 * Creates or upgrades the schema as one writer: the version is read again
 * inside a write transaction, so of several processes opening one
 * database at once, one creates or migrates it and the others wait (the
 * busy timeout) and then find it current.  Read outside only, two of them
 * both saw an empty file and both created the tables.
 */
static int make_current(struct store *st)
{
	int64_t version = 0;
	int ret = check_version_read(st, &version);

	/* Current: nothing to write, so no need to wait for other writers. */
	if (ret < 0 || version == STORE_SCHEMA_VERSION)
		return ret < 0 ? ret : set_journal(st);
	ret = store_tx_begin(st);
	if (ret < 0)
		return ret;
	ret = check_version(st, &version);
	if (ret == 0 && version < STORE_SCHEMA_VERSION)
		ret = store_migrate(st, (int)version);
	if (ret < 0) {
		store_tx_rollback(st);
		return ret;
	}
	ret = store_tx_commit(st);
	if (ret < 0)
		return ret;
	/* WAL cannot be turned on inside a transaction. */
	return set_journal(st);
}

int store_open(struct store **out, const char *path, unsigned flags)
{
	struct store *st = xcalloc(1, sizeof(*st));
	int64_t version = 0;
	int ret;

	*out = st;
	st->path = xstrdup(path);
	ret = open_handle(st, flags);
	if (ret < 0)
		return ret;
	if (!st->readonly) {
		ret = make_current(st);
	} else {
		ret = check_version_read(st, &version);
		if (ret == 0 && version < STORE_SCHEMA_VERSION)
			return store_failf(st, TPM_EREADONLY,
					   "%s and needs upgrading from schema "
					   "version %lld; nothing was changed",
					   tpm_strerror(TPM_EREADONLY),
					   (long long)version);
	}
	/* Writes to a database that is thrown away at close would be lost. */
	if (ret == 0 && st->memory)
		ret = store_exec(st, "PRAGMA query_only = 1");
	return ret;
}

void store_free(struct store *st)
{
	if (!st)
		return;
	for (int i = 0; i < STMT_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	/* Closing the last connection checkpoints and removes the WAL. */
	sqlite3_close_v2(st->db);
	xfree(st->path);
	xfree(st->errmsg);
	xfree(st->undo_key);
	xfree(st);
}

const char *store_errmsg(const struct store *st)
{
	return st->errmsg ? st->errmsg : "";
}

const char *store_path(const struct store *st)
{
	return st->path;
}

int store_is_memory(const struct store *st)
{
	return st->memory;
}

void store_set_busy_timeout(struct store *st, int ms)
{
	sqlite3_busy_timeout(st->db, ms);
}

int store_schema_version(void)
{
	return STORE_SCHEMA_VERSION;
}

int store_tx_begin(struct store *st)
{
	int ret;

	if (st->readonly)
		return store_failf(st, TPM_EREADONLY, "%s",
				   tpm_strerror(TPM_EREADONLY));
	ret = store_exec(st, "BEGIN IMMEDIATE");
	if (ret == 0)
		st->in_tx = 1;
	return ret;
}

int store_tx_commit(struct store *st)
{
	int ret = store_exec(st, "COMMIT");

	if (ret < 0) {
		store_tx_rollback(st);
		return ret;
	}
	st->in_tx = 0;
	return 0;
}

void store_tx_rollback(struct store *st)
{
	/* After some errors SQLite has already rolled back by itself. */
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = 0;
}

int store_read_begin(struct store *st)
{
	int ret;

	if (st->in_tx)
		return 0;
	ret = store_exec(st, "BEGIN");
	if (ret == 0)
		st->in_read = 1;
	return ret;
}

void store_read_end(struct store *st)
{
	if (!st->in_read)
		return;
	sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	st->in_read = 0;
}
