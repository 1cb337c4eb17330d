#include "test_util.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/xmalloc.h"
#include "store/store.h"
#include "store/store_int.h"

/* Each test gets its own directory with a database path in it. */
struct fixture {
	char dir[64];
	char path[128];
	struct store *st;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	strcpy(f->dir, "/tmp/tpm-store-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/progress.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[200];

	store_free(f->st);
	snprintf(cmd, sizeof(cmd), "chmod -R u+w %s; rm -rf %s", f->dir,
		 f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

/* The whole file, for comparing bytes before and after a fault. */
struct bytes {
	char *data;
	size_t len;
};

static struct bytes slurp(const char *path)
{
	struct bytes b = { NULL, 0 };
	FILE *fp = fopen(path, "rb");
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	b.len = (size_t)n;
	b.data = malloc(b.len + 1);
	assert_int_equal(fread(b.data, 1, b.len, fp), b.len);
	fclose(fp);
	return b;
}

static void assert_unchanged(struct bytes before, const char *path)
{
	struct bytes after = slurp(path);

	assert_int_equal(after.len, before.len);
	assert_memory_equal(after.data, before.data, before.len);
	free(after.data);
	free(before.data);
}

static int exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

/* "PATH: tail", as store_errmsg() must give it. */
static void assert_msg(const struct store *st, const char *path,
		       const char *tail)
{
	char want[512];

	snprintf(want, sizeof(want), "%s: %s", path, tail);
	assert_string_equal(store_errmsg(st), want);
}

/* A review of key from state before at time t, rated rating. */
static void make_review(struct store_review *r, const char *key,
			const struct store_card *before, int64_t t,
			enum fsrs_rating rating)
{
	memset(r, 0, sizeof(*r));
	r->key = key;
	r->reviewed_at = t;
	r->rating = rating;
	r->duration_ms = 4200;
	r->before = *before;
	r->after = *before;
	r->after.fsrs.state = FSRS_LEARNING;
	r->after.fsrs.stability = 2.3065;
	r->after.fsrs.difficulty = 2.118;
	r->after.fsrs.due = t + 600000;
	r->after.fsrs.last_review = t;
	r->after.fsrs.learning_step = 1;
	r->after.fsrs.reps = before->fsrs.reps + 1;
}

/* Opens f->path for writing, creating it. */
static struct store *open_rw(struct fixture *f)
{
	assert_int_equal(store_open(&f->st, f->path,
				    STORE_WRITE | STORE_CREATE), 0);
	return f->st;
}

/*
 * Closes the store inside the test: cmocka counts what is still
 * allocated when the test body returns as leaked.
 */
static void close_st(struct fixture *f)
{
	store_free(f->st);
	f->st = NULL;
}

/* Grades key once (new -> learning) in its own transaction. */
/* Grades key good at t; *id (if not NULL) gets its log row. */
static int grade_id(struct store *st, const char *key, int64_t t, int64_t *id)
{
	struct store_card before;
	struct store_review r;
	int ret;

	ret = store_tx_begin(st);
	if (ret < 0)
		return ret;
	ret = store_card_get(st, key, &before);
	if (ret < 0 && ret != TPM_ENOENT) {
		store_tx_rollback(st);
		return ret;
	}
	make_review(&r, key, &before, t, FSRS_GOOD);
	ret = store_review_add(st, &r);
	if (ret < 0) {
		store_tx_rollback(st);
		return ret;
	}
	if (id)
		*id = r.id;
	return store_tx_commit(st);
}

static int grade(struct store *st, const char *key, int64_t t)
{
	return grade_id(st, key, t, NULL);
}

/* A closed database at f->path holding one graded card "a". */
static void make_db(struct fixture *f)
{
	open_rw(f);
	assert_int_equal(grade(f->st, "a", 1000000), 0);
	close_st(f);
}

static int64_t pragma(struct store *st, const char *name)
{
	int64_t v = -1;

	assert_int_equal(store_pragma_int(st, name, &v), 0);
	return v;
}

static void store_creates_current_schema_in_wal(void **state)
{
	struct fixture *f = *state;
	struct store *st;
	struct stat sb;
	char mode[16];
	sqlite3_stmt *s;

	snprintf(f->path, sizeof(f->path), "%s/new/sub/progress.db", f->dir);
	st = open_rw(f);
	assert_true(exists(f->path));
	assert_int_equal(stat(f->path, &sb), 0);
	snprintf(f->path, sizeof(f->path), "%s/new", f->dir);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	assert_int_equal(pragma(st, "user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(pragma(st, "application_id"), STORE_APP_ID);
	assert_int_equal(pragma(st, "synchronous"), 2);	/* FULL */
	assert_int_equal(sqlite3_prepare_v2(st->db, "PRAGMA journal_mode",
					    -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	snprintf(mode, sizeof(mode), "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	assert_string_equal(mode, "wal");
	assert_int_equal(store_schema_version(), 6);
	assert_false(store_is_memory(st));
	close_st(f);
}

static void store_missing_file_is_empty_and_not_created(void **state)
{
	struct fixture *f = *state;
	struct store_card c;
	int64_t n = -1;

	snprintf(f->path, sizeof(f->path), "%s/none/progress.db", f->dir);
	assert_int_equal(store_open(&f->st, f->path, 0), 0);
	assert_true(store_is_memory(f->st));
	assert_int_equal(store_card_get(f->st, "a", &c), TPM_ENOENT);
	assert_int_equal(c.fsrs.state, FSRS_NEW);
	assert_int_equal(store_card_count(f->st, &n), 0);
	assert_int_equal(n, 0);
	/* A write would vanish at close, so it is refused. */
	assert_int_equal(store_setting_set(f->st, "k", "v"), TPM_EREADONLY);
	close_st(f);
	snprintf(f->path, sizeof(f->path), "%s/none", f->dir);
	assert_false(exists(f->path));
}

static void store_review_roundtrip_and_undo_exact(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_rw(f);
	struct store_card before, got, orig;
	struct store_review r, u;
	int64_t n, first_b, first_c, other;
	char want[64];

	/* Card b has a history and is suspended, so undo restores flags. */
	assert_int_equal(grade_id(st, "b", 1000, &first_b), 0);
	assert_int_equal(store_card_set_suspended(st, "b", 1), 0);
	assert_int_equal(store_card_get(st, "b", &orig), 0);
	assert_true(orig.suspended);

	assert_int_equal(store_tx_begin(st), 0);
	assert_int_equal(store_card_get(st, "b", &before), 0);
	make_review(&r, "b", &before, 5000, FSRS_AGAIN);
	r.after.fsrs.state = FSRS_RELEARNING;
	r.after.fsrs.lapses = 1;
	r.after.leech = 1;
	r.elapsed_days = 3;
	assert_int_equal(store_review_add(st, &r), 0);
	assert_int_equal(store_tx_commit(st), 0);
	assert_true(r.id > 0);
	assert_int_equal(store_card_get(st, "b", &got), 0);
	assert_int_equal(got.fsrs.state, FSRS_RELEARNING);
	assert_int_equal(got.fsrs.reps, 2);
	assert_true(got.leech);

	/* Not the first: a later grade of b stands in the way. */
	assert_int_equal(store_review_undo(st, first_b, &u), TPM_ESTALE);
	assert_msg(st, f->path, "b was graded again since");
	/* Another item's grade since is no obstacle, and stays. */
	assert_int_equal(grade_id(st, "x", 6000, &other), 0);
	assert_int_equal(store_review_undo(st, r.id, &u), 0);
	assert_int_equal(store_review_count(st, "x", &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(u.key, "b");
	assert_int_equal(u.id, r.id);
	assert_int_equal(u.rating, FSRS_AGAIN);
	assert_int_equal(u.reviewed_at, 5000);
	assert_int_equal(u.elapsed_days, 3);
	assert_int_equal(u.duration_ms, 4200);
	assert_int_equal(store_card_get(st, "b", &got), 0);
	assert_memory_equal(&got, &orig, sizeof(got));
	assert_int_equal(store_review_count(st, "b", &n), 0);
	assert_int_equal(n, 1);

	/*
	 * Undoing a first grade leaves no row, as before it: undo goes back
	 * to the state before the grade, so the later suspend goes too.
	 */
	assert_int_equal(store_review_undo(st, first_b, NULL), 0);
	assert_int_equal(store_card_get(st, "b", &got), TPM_ENOENT);
	assert_int_equal(grade_id(st, "c", 7000, &first_c), 0);
	assert_int_equal(store_review_undo(st, first_c, NULL), 0);
	assert_int_equal(store_card_get(st, "c", &got), TPM_ENOENT);
	assert_int_equal(store_review_undo(st, other, NULL), 0);
	assert_int_equal(store_review_count(st, NULL, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_review_undo(st, first_c, NULL), TPM_ENOENT);
	snprintf(want, sizeof(want), "no review %lld to undo",
		 (long long)first_c);
	assert_msg(st, f->path, want);
	close_st(f);
}

static void store_review_needs_transaction(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_rw(f);
	struct store_card c = { 0 };
	struct store_review r;
	int64_t n = -1;

	make_review(&r, "a", &c, 1, FSRS_GOOD);
	assert_int_equal(store_review_add(st, &r), TPM_EINVAL);
	assert_int_equal(store_review_count(st, NULL, &n), 0);
	assert_int_equal(n, 0);
	close_st(f);
}

/* A scan callback collecting keys. */
static int collect(void *ctx, const struct store_scan_row *row)
{
	char *keys = ctx;

	strcat(keys, row->key);
	strcat(keys, row->suspended ? "(s)," : ",");
	return 0;
}

static void store_scan_in_key_order_and_flags(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_rw(f);
	struct store_card c;
	char keys[256] = "";

	assert_int_equal(grade(st, "zeta", 10), 0);
	assert_int_equal(grade(st, "alpha#c2", 20), 0);
	assert_int_equal(grade(st, "alpha", 30), 0);
	assert_int_equal(store_card_set_suspended(st, "mid", 1), 0);
	assert_int_equal(store_card_bury(st, "alpha#c10", 99), 0);
	assert_int_equal(store_card_scan(st, collect, keys), 0);
	assert_string_equal(keys, "alpha,alpha#c10,alpha#c2,mid(s),zeta,");
	assert_int_equal(store_card_get(st, "alpha#c10", &c), 0);
	assert_int_equal(c.buried_until, 99);
	assert_int_equal(c.fsrs.state, FSRS_NEW);
	/* Forget: new again, counts and log kept. */
	assert_int_equal(store_card_forget(st, "zeta"), 0);
	assert_int_equal(store_card_get(st, "zeta", &c), 0);
	assert_int_equal(c.fsrs.state, FSRS_NEW);
	assert_int_equal(c.fsrs.due, 0);
	assert_true(c.fsrs.stability == 0.0);
	assert_int_equal(c.fsrs.last_review, 0);
	assert_int_equal(c.fsrs.reps, 1);
	close_st(f);
}

static void store_day_counts_by_state_before(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_rw(f);
	struct store_day_counts dc;
	struct store_card c;
	struct store_review r;

	assert_int_equal(grade(st, "a", 100), 0);	/* yesterday */
	assert_int_equal(grade(st, "b", 2000), 0);	/* new, today */
	assert_int_equal(store_tx_begin(st), 0);
	assert_int_equal(store_card_get(st, "a", &c), 0);
	c.fsrs.state = FSRS_REVIEW;
	make_review(&r, "a", &c, 3000, FSRS_GOOD);
	assert_int_equal(store_review_add(st, &r), 0);
	assert_int_equal(store_tx_commit(st), 0);
	assert_int_equal(store_day_counts(st, 1000, &dc), 0);
	assert_int_equal(dc.new_cards, 1);
	assert_int_equal(dc.reviews, 1);
	assert_int_equal(dc.total, 2);
	close_st(f);
}

static int collect_setting(void *ctx, const char *key, const char *value)
{
	char *out = ctx;

	strcat(out, key);
	strcat(out, "=");
	strcat(out, value);
	strcat(out, ";");
	return 0;
}

static void store_settings_roundtrip(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_rw(f);
	char *v = NULL, all[128] = "";

	assert_int_equal(store_setting_get(st, "retention", &v), TPM_ENOENT);
	assert_null(v);
	assert_int_equal(store_setting_set(st, "retention", "0.85"), 0);
	assert_int_equal(store_setting_set(st, "new_per_day", "5"), 0);
	assert_int_equal(store_setting_set(st, "retention", "0.8"), 0);
	assert_int_equal(store_setting_get(st, "retention", &v), 0);
	assert_string_equal(v, "0.8");
	xfree(v);
	assert_int_equal(store_setting_each(st, collect_setting, all), 0);
	assert_string_equal(all, "new_per_day=5;retention=0.8;");
	assert_int_equal(store_setting_unset(st, "retention"), 0);
	assert_int_equal(store_setting_unset(st, "retention"), 0);
	assert_int_equal(store_setting_get(st, "retention", &v), TPM_ENOENT);
	close_st(f);
}

/* ---- faults: each names the file and leaves its bytes alone -------- */

/* Runs SQL on path through a plain SQLite connection. */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}


/* Writes key's state as state, due at due, reviewed at last (a grade). */
static void put_review(struct store *st, const char *key,
		       enum fsrs_state state, int64_t due, int64_t last,
		       int64_t *id)
{
	struct store_card before;
	struct store_review r;
	int ret = store_card_get(st, key, &before);

	assert_true(ret == 0 || ret == TPM_ENOENT);
	make_review(&r, key, &before, last, FSRS_GOOD);
	r.after.fsrs.state = state;
	r.after.fsrs.due = due;
	assert_int_equal(store_tx_begin(st), 0);
	assert_int_equal(store_review_add(st, &r), 0);
	assert_int_equal(store_tx_commit(st), 0);
	if (id)
		*id = r.id;
}

/* 1 if the review stamp moved since *last, which it then holds. */
static int stamp_moved(struct store *st, uint64_t *last)
{
	uint64_t now = 0;
	int64_t seq;

	assert_int_equal(store_review_stamp(st, &now, &seq), 0);
	if (now == *last)
		return 0;
	*last = now;
	return 1;
}

static void store_review_stamp_follows_the_review_set(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_rw(f);
	uint64_t stamp = 0;
	int64_t id;

	stamp_moved(st, &stamp);
	/* Rows outside the review state leave it. */
	put_review(st, "a", FSRS_LEARNING, 100, 10, NULL);
	assert_false(stamp_moved(st, &stamp));
	assert_int_equal(store_card_set_suspended(st, "new", 1), 0);
	assert_int_equal(store_card_bury(st, "b", 99), 0);
	assert_false(stamp_moved(st, &stamp));
	/* Into the review state, by a grade or an insert: it moves. */
	put_review(st, "a", FSRS_REVIEW, 200, 20, NULL);
	assert_true(stamp_moved(st, &stamp));
	put_review(st, "c", FSRS_REVIEW, 300, 30, &id);
	assert_true(stamp_moved(st, &stamp));
	/* A review to a review, flags: the set is the same. */
	put_review(st, "a", FSRS_REVIEW, 900, 40, NULL);
	assert_int_equal(store_card_set_suspended(st, "a", 1), 0);
	assert_int_equal(store_card_bury(st, "a", 999), 0);
	assert_false(stamp_moved(st, &stamp));
	/* Out of it: a lapse, a forget, an undo that deletes the row. */
	put_review(st, "a", FSRS_RELEARNING, 950, 50, NULL);
	assert_true(stamp_moved(st, &stamp));
	put_review(st, "a", FSRS_REVIEW, 960, 60, NULL);
	assert_true(stamp_moved(st, &stamp));
	assert_int_equal(store_card_forget(st, "a"), 0);
	assert_true(stamp_moved(st, &stamp));
	assert_int_equal(store_review_undo(st, id, NULL), 0);
	assert_true(stamp_moved(st, &stamp));
	/* Another program's write moves it too: it is the file's. */
	put_review(st, "d", FSRS_LEARNING, 100, 10, NULL);
	stamp_moved(st, &stamp);
	close_st(f);
	raw_exec(f->path, "UPDATE card_state SET state = 2 "
			  "WHERE card_id = 'd'");
	st = open_rw(f);
	assert_true(stamp_moved(st, &stamp));
	raw_exec(f->path, "UPDATE card_state SET card_id = 'e' "
			  "WHERE card_id = 'd'");
	assert_true(stamp_moved(st, &stamp));
	close_st(f);
}

/* Appends "key:in_review," to the string ctx. */
static int collect_change(void *ctx, const char *key, int in_review)
{
	char *keys = ctx;

	sprintf(keys + strlen(keys), "%s:%d,", key, in_review);
	return 0;
}

struct mark {
	uint64_t stamp;
	int64_t seq;
};

static struct mark mark_now(struct store *st)
{
	struct mark m;

	assert_int_equal(store_review_stamp(st, &m.stamp, &m.seq), 0);
	return m;
}

/* The journal's changes since m, as collect_change() writes them. */
static int changes_since(struct store *st, struct mark m, size_t max,
			 char *keys)
{
	struct mark now = mark_now(st);
	int64_t last = -1;
	int ret;

	keys[0] = '\0';
	ret = store_review_changes(st, m.seq, m.stamp, max, collect_change,
				   keys, &last);
	if (ret == 0)
		assert_int_equal(last, now.seq);
	return ret;
}

static void store_review_journal_names_each_change(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_rw(f);
	struct mark start = mark_now(st), m;
	char keys[65536];
	int64_t id;

	/* A new file's journal starts at its stamp, with no change. */
	assert_int_equal(changes_since(st, start, 10, keys), 0);
	assert_string_equal(keys, "");
	put_review(st, "a", FSRS_LEARNING, 100, 10, NULL);
	assert_int_equal(store_card_set_suspended(st, "b", 1), 0);
	assert_int_equal(changes_since(st, start, 10, keys), 0);
	assert_string_equal(keys, "");
	put_review(st, "a", FSRS_REVIEW, 200, 20, NULL);
	put_review(st, "c", FSRS_REVIEW, 300, 30, &id);
	m = mark_now(st);
	put_review(st, "a", FSRS_RELEARNING, 400, 40, NULL);
	assert_int_equal(store_card_forget(st, "c"), 0);
	put_review(st, "c", FSRS_REVIEW, 500, 50, NULL);
	/* Each key with whether it is in review now, not then. */
	assert_int_equal(changes_since(st, start, 10, keys), 0);
	assert_string_equal(keys, "a:0,c:1,a:0,c:1,c:1,");
	assert_int_equal(changes_since(st, m, 10, keys), 0);
	assert_string_equal(keys, "a:0,c:1,c:1,");
	/* More than max: the caller scans instead. */
	assert_int_equal(changes_since(st, m, 2, keys), TPM_ENOENT);
	assert_int_equal(changes_since(st, m, 3, keys), 0);
	/* A stamp that is not the journal's at that change: another
	 * history (a restored copy), so it cannot say. */
	m.stamp++;
	assert_int_equal(changes_since(st, m, 10, keys), TPM_ENOENT);
	/* Another program's raw write of a key is journalled both ways. */
	m = mark_now(st);
	close_st(f);
	raw_exec(f->path, "UPDATE card_state SET card_id = 'd' "
			  "WHERE card_id = 'c'");
	st = open_rw(f);
	assert_int_equal(changes_since(st, m, 10, keys), 0);
	assert_string_equal(keys, "c:0,d:1,");
	/* The newest 4096 are kept: a mark trimmed past cannot follow. */
	for (int i = 0; i < 2100; i++) {
		put_review(st, "e", FSRS_REVIEW, 1000 + i, 60, NULL);
		put_review(st, "e", FSRS_RELEARNING, 1000 + i, 60, NULL);
	}
	assert_int_equal(changes_since(st, start, 1 << 20, keys), TPM_ENOENT);
	assert_int_equal(changes_since(st, m, 1 << 20, keys), TPM_ENOENT);
	close_st(f);
}

static int collect_due(void *ctx, const struct store_scan_row *row)
{
	char *keys = ctx;

	sprintf(keys + strlen(keys), "%s:%d,", row->key, (int)row->state);
	return 0;
}

static void store_open_scan_skips_reviews_not_due_or_seen(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_rw(f);
	char keys[256] = "";

	put_review(st, "due", FSRS_REVIEW, 99, 10, NULL);
	put_review(st, "later", FSRS_REVIEW, 100, 10, NULL);
	put_review(st, "seen", FSRS_REVIEW, 500, 50, NULL);
	put_review(st, "step", FSRS_LEARNING, 1000, 10, NULL);
	put_review(st, "lapse", FSRS_RELEARNING, 1000, 10, NULL);
	assert_int_equal(store_card_set_suspended(st, "fresh", 1), 0);
	/* Due before 100, or reviewed at 50 or after. */
	assert_int_equal(store_card_scan_open(st, 100, 50, collect_due, keys),
			 0);
	assert_string_equal(keys, "due:2,fresh:0,lapse:3,seen:2,step:1,");
	close_st(f);
}

static void store_reviewed_between_exact_off_the_quarter(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_rw(f);
	int64_t q = 1795400000LL / 900 * 900000;	/* on a quarter hour */
	int64_t id;
	int yes = -1;

	put_review(st, "a", FSRS_REVIEW, q + 86400000, q + 5 * 60000, &id);
	/* On quarters: the quarter table. */
	assert_int_equal(store_reviewed_between(st, q, q + 900000, &yes), 0);
	assert_true(yes);
	assert_int_equal(store_reviewed_between(st, q + 900000, q + 1800000,
						&yes), 0);
	assert_false(yes);
	/* Off them: the same quarter, but the review is before the start. */
	assert_int_equal(store_reviewed_between(st, q + 6 * 60000,
						q + 1800000, &yes), 0);
	assert_false(yes);
	assert_int_equal(store_reviewed_between(st, q - 60000, q + 5 * 60000 + 1,
						&yes), 0);
	assert_true(yes);
	/* Undone, its quarter goes with it. */
	assert_int_equal(store_review_undo(st, id, NULL), 0);
	assert_int_equal(store_reviewed_between(st, q, q + 900000, &yes), 0);
	assert_false(yes);
	close_st(f);
}
static void store_fault_newer_version(void **state)
{
	struct fixture *f = *state;
	struct bytes before;

	make_db(f);
	raw_exec(f->path, "PRAGMA user_version = 7");
	before = slurp(f->path);
	assert_int_equal(store_open(&f->st, f->path,
				    STORE_WRITE | STORE_CREATE), TPM_ETOONEW);
	assert_msg(f->st, f->path,
		   "written by a newer version of tpmtrain (schema version 7; "
		   "this tpmtrain reads up to 6); nothing was changed");
	close_st(f);
	assert_unchanged(before, f->path);
}

static void store_fault_read_only_file(void **state)
{
	struct fixture *f = *state;
	struct bytes before;
	struct store_card c;
	char wal[160];

	make_db(f);
	assert_int_equal(chmod(f->path, 0444), 0);
	before = slurp(f->path);
	assert_int_equal(store_open(&f->st, f->path,
				    STORE_WRITE | STORE_CREATE),
			 TPM_EREADONLY);
	assert_msg(f->st, f->path, "file is read-only; nothing was changed");
	store_free(f->st);
	/* Reading still works, and leaves no -wal or -shm behind. */
	assert_int_equal(store_open(&f->st, f->path, 0), 0);
	assert_int_equal(store_card_get(f->st, "a", &c), 0);
	assert_int_equal(c.fsrs.reps, 1);
	assert_int_equal(store_setting_set(f->st, "k", "v"), TPM_EREADONLY);
	assert_msg(f->st, f->path, "file is read-only");
	assert_int_equal(store_tx_begin(f->st), TPM_EREADONLY);
	close_st(f);
	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	assert_false(exists(wal));
	snprintf(wal, sizeof(wal), "%s-shm", f->path);
	assert_false(exists(wal));
	assert_unchanged(before, f->path);
}

static void store_fault_locked(void **state)
{
	struct fixture *f = *state;
	struct bytes before;
	sqlite3 *other;
	struct store_card c;

	make_db(f);
	before = slurp(f->path);
	assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other,
				      "BEGIN IMMEDIATE; DELETE FROM "
				      "card_state",
				      NULL, NULL, NULL), SQLITE_OK);
	open_rw(f);
	store_set_busy_timeout(f->st, 50);
	/* WAL: reading goes on while another process writes. */
	assert_int_equal(store_card_get(f->st, "a", &c), 0);
	assert_int_equal(grade(f->st, "a", 2000000), TPM_EBUSY);
	assert_msg(f->st, f->path, "database is locked by another process");
	assert_int_equal(store_setting_set(f->st, "k", "v"), TPM_EBUSY);
	assert_int_equal(store_review_undo(f->st, 1, NULL), TPM_EBUSY);
	close_st(f);
	assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_close(other), SQLITE_OK);
	assert_unchanged(before, f->path);
}

/* A directory where the -shm file goes is named, not called read-only. */
static void store_fault_shm_is_a_directory(void **state)
{
	struct fixture *f = *state;
	char shm[160];

	make_db(f);
	snprintf(shm, sizeof(shm), "%s-shm", f->path);
	unlink(shm);
	assert_int_equal(mkdir(shm, 0755), 0);
	/* Reading may get by without it; writing cannot. */
	if (store_open(&f->st, f->path, STORE_WRITE) == 0)
		assert_int_equal(store_setting_set(f->st, "k", "v"), TPM_EIO);
	assert_msg(f->st, f->path, "its -shm file is not a file (a "
		   "directory?); nothing was changed");
	close_st(f);
	rmdir(shm);
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static void store_fault_garbage_file(void **state)
{
	struct fixture *f = *state;
	unsigned char junk[8192];
	struct bytes before;

	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (unsigned char)(i * 7919 + 13);
	write_file(f->path, junk, sizeof(junk));
	before = slurp(f->path);
	assert_int_equal(store_open(&f->st, f->path,
				    STORE_WRITE | STORE_CREATE), TPM_ECORRUPT);
	assert_msg(f->st, f->path,
		   "file is corrupt (SQLite: file is not a database)");
	close_st(f);
	assert_unchanged(before, f->path);
}

static void store_fault_truncated_db(void **state)
{
	struct fixture *f = *state;
	struct bytes full, before;

	open_rw(f);
	/* Enough rows for several pages, so half the file loses some. */
	for (int i = 0; i < 400; i++) {
		char key[32];

		snprintf(key, sizeof(key), "card-%04d", i);
		assert_int_equal(grade(f->st, key, 1000 + i), 0);
	}
	close_st(f);
	full = slurp(f->path);
	assert_true(full.len > 8 * 4096);
	write_file(f->path, full.data, full.len / 2 + 100);
	free(full.data);
	before = slurp(f->path);
	assert_int_equal(store_open(&f->st, f->path,
				    STORE_WRITE | STORE_CREATE), TPM_ECORRUPT);
	assert_msg(f->st, f->path,
		   "file is corrupt (SQLite: database disk image is "
		   "malformed)");
	close_st(f);
	assert_unchanged(before, f->path);
}

static void store_fault_disk_full(void **state)
{
	struct fixture *f = *state;
	struct bytes before;
	char key[20001];
	int64_t pages, n = -1;

	make_db(f);
	before = slurp(f->path);
	open_rw(f);
	/* The file may not grow: the next page would be past the "disk". */
	pages = pragma(f->st, "page_count");
	assert_int_equal(sqlite3_exec(f->st->db, "PRAGMA max_page_count = 1",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(pragma(f->st, "max_page_count"), pages);
	/* A key this long needs overflow pages: new pages for sure. */
	memset(key, 'k', sizeof(key) - 1);
	key[sizeof(key) - 1] = '\0';
	assert_int_equal(grade(f->st, key, 2000000), TPM_EFULL);
	assert_msg(f->st, f->path, "disk is full");
	assert_int_equal(store_review_count(f->st, NULL, &n), 0);
	assert_int_equal(n, 1);
	close_st(f);
	assert_unchanged(before, f->path);
}

static void store_fault_other_programs_db(void **state)
{
	struct fixture *f = *state;
	struct bytes before;

	raw_exec(f->path, "CREATE TABLE notes (x); INSERT INTO notes "
			  "VALUES (1)");
	before = slurp(f->path);
	assert_int_equal(store_open(&f->st, f->path,
				    STORE_WRITE | STORE_CREATE), TPM_EFORMAT);
	assert_msg(f->st, f->path,
		   "not a tpmtrain database (a SQLite file of another "
		   "program); nothing was changed");
	close_st(f);
	assert_unchanged(before, f->path);
}

/* A database as version 1 wrote it, with one card and one review. */
static void make_v1_db(const char *path)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA journal_mode=WAL; BEGIN",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_schema_apply(db, 0, 1), SQLITE_OK);
	assert_int_equal(
		sqlite3_exec(db,
			     "INSERT INTO card_state VALUES ('a', 2, 900, 3.5, "
			     "5.25, 100, 9, 0, 4, 1, 1, 0, 0);"
			     "INSERT INTO review_log (card_id, reviewed_at, "
			     "rating, state_before, state_after, stability, "
			     "difficulty, elapsed_days, scheduled_days, due, "
			     "duration_ms, prev_stability, prev_difficulty, "
			     "prev_due, prev_last_review, prev_scheduled_days, "
			     "prev_learning_step, prev_reps, prev_lapses, "
			     "prev_suspended, prev_leech) VALUES ('a', 100, 3, "
			     "2, 2, 3.5, 5.25, 4, 9, 900, 3000, 2.0, 5.0, 50, "
			     "20, 4, 0, 3, 1, 0, 0); COMMIT",
			     NULL, NULL, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/*
 * Eight processes open path for writing at once; returns how many of them
 * failed (each child exits 0 when store_open() succeeded, else 1 after
 * printing why).
 */
static int open_in_parallel(const char *path)
{
	pid_t pids[8];
	int failed = 0, status;

	for (int i = 0; i < 8; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			struct store *st;
			int ret = store_open(&st, path,
					     STORE_WRITE | STORE_CREATE);

			if (ret < 0)
				fprintf(stderr, "child %d: %s\n", i,
					store_errmsg(st));
			store_free(st);
			_exit(ret < 0);
		}
	}
	for (int i = 0; i < 8; i++) {
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		failed += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	}
	return failed;
}

/* The user_version of the database at path. */
static int64_t file_version(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t v = -1;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
					 NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1,
					    &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/*
 * Eight processes creating one database, and eight upgrading one, twenty
 * times each: every one succeeds (once half failed with "table card_state
 * already exists", once "not a tpmtrain database"), and the backup is a
 * whole database of the old version (once it was 0 bytes, once already
 * upgraded).
 */
static void store_parallel_first_runs_and_upgrades(void **state)
{
	struct fixture *f = *state;
	char *bak = store_backup_path(f->path, 1);
	char wal[160], shm[160];

	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	snprintf(shm, sizeof(shm), "%s-shm", f->path);
	for (int round = 0; round < 20; round++) {
		unlink(f->path);
		unlink(wal);
		unlink(shm);
		unlink(bak);
		assert_int_equal(open_in_parallel(f->path), 0);
		assert_int_equal(file_version(f->path), STORE_SCHEMA_VERSION);
		assert_false(exists(bak));

		unlink(f->path);
		unlink(wal);
		unlink(shm);
		make_v1_db(f->path);
		assert_int_equal(open_in_parallel(f->path), 0);
		assert_int_equal(file_version(f->path), STORE_SCHEMA_VERSION);
		assert_true(exists(bak));
		assert_int_equal(file_version(bak), 1);
	}
	xfree(bak);
}

static void store_migrates_with_backup_and_keeps_data(void **state)
{
	struct fixture *f = *state;
	int yes = -1;
	struct store *bak;
	struct store_card c;
	char *bak_path = store_backup_path(f->path, 1);
	int64_t n = -1, v = -1;
	struct mark m;
	char keys[64];
	sqlite3 *db;
	sqlite3_stmt *s;

	assert_string_equal(bak_path + strlen(f->path), ".v1.bak");
	make_v1_db(f->path);
	assert_false(exists(bak_path));
	open_rw(f);
	assert_int_equal(pragma(f->st, "user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(store_card_get(f->st, "a", &c), 0);
	assert_int_equal(c.fsrs.state, FSRS_REVIEW);
	assert_int_equal(c.fsrs.due, 900);
	assert_true(c.fsrs.stability == 3.5);
	assert_true(c.suspended);
	assert_int_equal(store_review_count(f->st, "a", &n), 0);
	assert_int_equal(n, 1);
	/* Version 5 knows the quarter of the review at 100 ms, and not more. */
	assert_int_equal(store_reviewed_between(f->st, 0, 900000, &yes), 0);
	assert_true(yes);
	assert_int_equal(store_reviewed_between(f->st, 900000, 1800000, &yes),
			 0);
	assert_false(yes);
	/* Version 6's journal starts at the stamp and follows a lapse. */
	m = mark_now(f->st);
	assert_int_equal(changes_since(f->st, m, 10, keys), 0);
	assert_string_equal(keys, "");
	put_review(f->st, "a", FSRS_RELEARNING, 950, 50, NULL);
	assert_int_equal(changes_since(f->st, m, 10, keys), 0);
	assert_string_equal(keys, "a:0,");
	/* Version 2's table works. */
	assert_int_equal(store_setting_set(f->st, "retention", "0.9"), 0);
	close_st(f);

	/* The backup is the version 1 database, data and all. */
	assert_true(exists(bak_path));
	assert_int_equal(sqlite3_open_v2(bak_path, &db, SQLITE_OPEN_READONLY,
					 NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT (SELECT user_version FROM "
					    "pragma_user_version), (SELECT "
					    "count(*) FROM review_log WHERE "
					    "duration_ms = 3000)",
					    -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int64(s, 0);
	n = sqlite3_column_int64(s, 1);
	sqlite3_finalize(s);
	assert_int_equal(v, 1);
	assert_int_equal(n, 1);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT count(*) FROM "
					    "sqlite_schema WHERE name = "
					    "'settings'",
					    -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 0), 0);
	sqlite3_finalize(s);
	sqlite3_close(db);

	/* The next open has nothing to migrate. */
	assert_int_equal(unlink(bak_path), 0);
	assert_int_equal(store_open(&bak, f->path, STORE_WRITE), 0);
	store_free(bak);
	assert_false(exists(bak_path));
	xfree(bak_path);
}

static void store_migration_refused_when_read_only_or_locked(void **state)
{
	struct fixture *f = *state;
	struct bytes before;
	sqlite3 *other;

	make_v1_db(f->path);
	assert_int_equal(chmod(f->path, 0444), 0);
	before = slurp(f->path);
	assert_int_equal(store_open(&f->st, f->path, 0), TPM_EREADONLY);
	assert_msg(f->st, f->path,
		   "file is read-only and needs upgrading from schema "
		   "version 1; nothing was changed");
	close_st(f);
	assert_unchanged(before, f->path);

	/* Another process holding the write lock: the upgrade waits, then
	 * gives up with the database as it was. */
	assert_int_equal(chmod(f->path, 0644), 0);
	before = slurp(f->path);
	assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
	sqlite3_busy_timeout(other, 10);
	assert_int_equal(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL,
				      NULL), SQLITE_OK);
	assert_int_equal(store_open(&f->st, f->path, STORE_WRITE), TPM_EBUSY);
	assert_msg(f->st, f->path, "database is locked by another process");
	close_st(f);
	assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_close(other), SQLITE_OK);
	assert_unchanged(before, f->path);
}

/* ---- mock sessions ------------------------------------------------- */

/* A session of kind started at t, with every child table filled. */
static struct store_mock mock_rec(const char *kind, int64_t t, int state,
				  int score)
{
	static const struct store_mock_phase ph[] = {
		{ "Clarify", 5, 300000, 310000, 1 },
		{ "Design", 10, 720000, 100000, 0 },
	};
	static const struct store_mock_note notes[] = {
		{ "users | 10M", 0 }, { "", 1 }, { "LB <b>", 1 },
	};
	static const struct store_mock_followup fu[] = {
		{ 1, "And at 10x?", 1, 400000 },
	};
	static const struct store_mock_question q[] = {
		{ "how many users?", "Ten million.", 0, 0, 1000 },
		{ "budget?", "State your assumption and go on.", -1, 0, 2000 },
	};
	static const struct store_mock_cover cov[] = {
		{ 0, "users", 1, 0, "users | 10M" },
		{ 1, "cache", 0, 0, NULL },
		{ 1, "single point of failure", 1, 1, "LB <b>" },
	};
	static struct store_mock_score sc[] = {
		{ "design", "Design", 2, 3, "A design.", "ok" },
		{ "risks", "Risks", 1, 2, "One.", NULL },
	};
	struct store_mock r = {
		.scenario = "s", .title = "S", .kind = kind, .rubric = "r",
		.prompt = "P", .minutes = 15, .started_at = t,
		.state = (enum store_mock_state)state, .elapsed_ms = 410000,
		.cur_phase = 1, .hints_used = 1, .score = -1,
		.phases = ph, .n_phases = 2, .notes = notes, .n_notes = 3,
		.followups = fu, .n_followups = 1, .questions = q,
		.n_questions = 2, .coverage = cov, .n_coverage = 3,
	};

	if (score) {
		sc[0].score = score;
		r.scores = sc;
		r.n_scores = 2;
		r.score = 50;
		r.band = "lean no hire";
	}
	return r;
}

static int collect_ids(void *ctx, const struct store_mock *row)
{
	struct buf *b = ctx;

	buf_addf(b, "%lld:%s:%d ", (long long)row->id, row->kind,
		 (int)row->state);
	return 0;
}

static int collect_stories(void *ctx, const struct store_story_row *row)
{
	struct buf *b = ctx;

	buf_addf(b, "%s:%s:%.0f:%lld ", row->story, row->competencies,
		 row->score, (long long)row->session);
	return 0;
}

static void store_mock_roundtrip_every_table(void **state)
{
	struct store *st;
	struct store_mock r = mock_rec("system-design", 1000, 2, 3), back;
	static const struct store_mock_story told[] = {
		{ 0, "ledger", "Two teams, one ledger", "conflict" },
		{ 1, "", "a new story", "influence stakeholders" },
	};
	struct arena a;
	struct buf b;

	(void)state;
	r.scored_by = "interviewer";
	r.candidate = "Ana";
	r.stories = told;
	r.n_stories = 2;
	assert_int_equal(store_open(&st, ":memory:", STORE_WRITE), 0);
	assert_int_equal(store_mock_save(st, &r), 0);
	assert_int_equal(r.id, 1);
	arena_init(&a);
	assert_int_equal(store_mock_get(st, 1, &a, &back), 0);
	assert_string_equal(back.kind, "system-design");
	assert_int_equal(back.state, STORE_MOCK_SCORED);
	assert_int_equal(back.elapsed_ms, 410000);
	assert_int_equal(back.cur_phase, 1);
	assert_true(back.score == 50);
	assert_string_equal(back.band, "lean no hire");
	assert_int_equal(back.n_phases, 2);
	assert_int_equal(back.phases[0].used_ms, 310000);
	assert_int_equal(back.phases[0].hints_used, 1);
	assert_int_equal(back.n_notes, 3);
	assert_string_equal(back.notes[1].text, "");
	assert_string_equal(back.notes[2].text, "LB <b>");
	assert_int_equal(back.notes[2].phase, 1);
	assert_int_equal(back.followups[0].index, 1);
	assert_int_equal(back.n_questions, 2);
	assert_int_equal(back.questions[1].clarification, -1);
	assert_int_equal(back.n_coverage, 3);
	assert_null(back.coverage[1].line);
	assert_true(back.coverage[2].red_flag);
	assert_int_equal(back.n_scores, 2);
	assert_int_equal(back.scores[0].score, 3);
	assert_string_equal(back.scores[0].comment, "ok");
	assert_null(back.scores[1].comment);
	assert_string_equal(back.scored_by, "interviewer");
	assert_string_equal(back.candidate, "Ana");
	assert_int_equal(back.n_stories, 2);
	assert_int_equal(back.stories[1].phase, 1);
	assert_string_equal(back.stories[1].story, "");
	assert_string_equal(back.stories[1].competencies,
			    "influence stakeholders");
	/* A story not from the bank is not a rehearsal of one. */
	buf_init(&b);
	assert_int_equal(store_story_each(st, collect_stories, &b), 0);
	assert_string_equal(b.s, "ledger:conflict:50:1 ");
	buf_release(&b);
	assert_int_equal(store_mock_get(st, 7, &a, &back), TPM_ENOENT);
	arena_release(&a);
	store_free(st);
}

static void store_mock_lists_newest_first(void **state)
{
	struct store *st;
	struct store_mock r1 = mock_rec("system-design", 1000, 2, 3);
	struct store_mock r2 = mock_rec("behavioural", 3000, 0, 0);
	struct store_mock r3 = mock_rec("system-design", 2000, 1, 0);
	struct buf b;
	int64_t id = 0;

	(void)state;
	assert_int_equal(store_open(&st, ":memory:", STORE_WRITE), 0);
	assert_int_equal(store_mock_latest(st, 0, &id), TPM_ENOENT);
	assert_int_equal(store_mock_save(st, &r1), 0);
	assert_int_equal(store_mock_save(st, &r2), 0);
	assert_int_equal(store_mock_save(st, &r3), 0);
	buf_init(&b);
	/* By start time, not by id: 3000 (id 2), 2000 (id 3), 1000. */
	assert_int_equal(store_mock_each(st, NULL, collect_ids, &b), 0);
	assert_string_equal(b.s, "2:behavioural:0 3:system-design:1 "
			    "1:system-design:2 ");
	buf_clear(&b);
	assert_int_equal(store_mock_each(st, "system-design", collect_ids,
					 &b), 0);
	assert_string_equal(b.s, "3:system-design:1 1:system-design:2 ");
	buf_release(&b);
	/* The newest not scored (running or unscored: --resume continues
	 * it), and the newest of any state. */
	assert_int_equal(store_mock_latest(st, 1, &id), 0);
	assert_int_equal(id, 2);
	r2.state = STORE_MOCK_UNSCORED;
	assert_int_equal(store_mock_save(st, &r2), 0);
	assert_int_equal(store_mock_latest(st, 1, &id), 0);
	assert_int_equal(id, 2);
	r2.state = STORE_MOCK_SCORED;
	assert_int_equal(store_mock_save(st, &r2), 0);
	assert_int_equal(store_mock_latest(st, 1, &id), 0);
	assert_int_equal(id, 3);
	r3.state = STORE_MOCK_SCORED;
	assert_int_equal(store_mock_save(st, &r3), 0);
	assert_int_equal(store_mock_latest(st, 1, &id), TPM_ENOENT);
	assert_int_equal(store_mock_latest(st, 0, &id), 0);
	assert_int_equal(id, 2);
	store_free(st);
}

static void store_mock_failed_save_changes_nothing(void **state)
{
	struct store *st;
	struct store_mock r = mock_rec("system-design", 1000, 2, 3), back;
	struct arena a;

	(void)state;
	assert_int_equal(store_open(&st, ":memory:", STORE_WRITE), 0);
	assert_int_equal(store_mock_save(st, &r), 0);
	/* A score of 5 breaks the table's CHECK: the whole save fails,
	 * the session keeps its id and the stored one is as it was. */
	r = mock_rec("system-design", 1000, 2, 5);
	r.id = 1;
	r.elapsed_ms = 999;
	assert_true(store_mock_save(st, &r) < 0);
	assert_int_equal(r.id, 1);
	assert_non_null(strstr(store_errmsg(st), "CHECK"));
	arena_init(&a);
	assert_int_equal(store_mock_get(st, 1, &a, &back), 0);
	assert_int_equal(back.elapsed_ms, 410000);
	assert_int_equal(back.scores[0].score, 3);
	assert_int_equal(back.n_notes, 3);
	arena_release(&a);
	store_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(store_creates_current_schema_in_wal),
		T(store_missing_file_is_empty_and_not_created),
		T(store_review_roundtrip_and_undo_exact),
		T(store_review_needs_transaction),
		T(store_scan_in_key_order_and_flags),
		T(store_review_stamp_follows_the_review_set),
		T(store_review_journal_names_each_change),
		T(store_open_scan_skips_reviews_not_due_or_seen),
		T(store_reviewed_between_exact_off_the_quarter),
		T(store_day_counts_by_state_before),
		T(store_settings_roundtrip),
		T(store_fault_newer_version),
		T(store_fault_read_only_file),
		T(store_fault_locked),
		T(store_fault_shm_is_a_directory),
		T(store_fault_garbage_file),
		T(store_fault_truncated_db),
		T(store_fault_disk_full),
		T(store_fault_other_programs_db),
		T(store_parallel_first_runs_and_upgrades),
		T(store_migrates_with_backup_and_keeps_data),
		T(store_migration_refused_when_read_only_or_locked),
#undef T
		cmocka_unit_test(store_mock_roundtrip_every_table),
		cmocka_unit_test(store_mock_lists_newest_first),
		cmocka_unit_test(store_mock_failed_save_changes_nothing),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
