/*
 * Mock interview sessions: a session row and its children (schema step 3
 * in store_migrate.c).  A save replaces the children whole: a session
 * holds at most a few hundred rows, and one transaction keeps the saved
 * session consistent whatever moment a kill comes.  These statements
 * are prepared per call rather than kept in store_stmt.c's table: a save
 * every few seconds costs nothing next to its fsync, and the child
 * tables share their code by name.
 */
#include "store/store.h"

#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store_int.h"

static const char *const child_tables[] = {
	"mock_phase", "mock_note", "mock_followup", "mock_question",
	"mock_coverage", "mock_score", "mock_story", "mock_cap",
};

#define N_CHILDREN (sizeof(child_tables) / sizeof(child_tables[0]))

static const char session_cols[] =
	"scenario, title, kind, rubric, prompt, minutes, started_at, "
	"ended_at, state, elapsed_ms, cur_phase, paused, hints_used, score, "
	"band, scored_by, candidate";

/* A statement prepared for this call, or NULL with st's error set. */
static sqlite3_stmt *prepare(struct store *st, const char *sql, int *err)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);

	if (rc != SQLITE_OK) {
		*err = store_fail(st, rc);
		sqlite3_finalize(s);
		return NULL;
	}
	return s;
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

/* Steps s once, expecting no row, and finalizes it. */
static int run_once(struct store *st, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s), ret = 0;

	if (rc != SQLITE_DONE)
		ret = store_fail(st, rc);
	sqlite3_finalize(s);
	return ret;
}

static int save_session(struct store *st, struct store_mock *rec)
{
	char sql[512];
	sqlite3_stmt *s;
	int ret = 0;

	if (rec->id)
		snprintf(sql, sizeof(sql), "INSERT OR REPLACE INTO "
			 "mock_session (id, %s) VALUES (?18, ?1, ?2, ?3, ?4, "
			 "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
			 "?16, ?17)",
			 session_cols);
	else
		snprintf(sql, sizeof(sql), "INSERT INTO mock_session (%s) "
			 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
			 "?11, ?12, ?13, ?14, ?15, ?16, ?17)", session_cols);
	s = prepare(st, sql, &ret);
	if (!s)
		return ret;
	bind_text(s, 1, rec->scenario);
	bind_text(s, 2, rec->title);
	bind_text(s, 3, rec->kind);
	bind_text(s, 4, rec->rubric);
	bind_text(s, 5, rec->prompt);
	sqlite3_bind_int(s, 6, rec->minutes);
	sqlite3_bind_int64(s, 7, rec->started_at);
	sqlite3_bind_int64(s, 8, rec->ended_at);
	sqlite3_bind_int(s, 9, (int)rec->state);
	sqlite3_bind_int64(s, 10, rec->elapsed_ms);
	sqlite3_bind_int(s, 11, rec->cur_phase);
	sqlite3_bind_int(s, 12, rec->paused);
	sqlite3_bind_int(s, 13, rec->hints_used);
	if (rec->score >= 0)
		sqlite3_bind_double(s, 14, rec->score);
	bind_text(s, 15, rec->band);
	bind_text(s, 16, rec->scored_by);
	bind_text(s, 17, rec->candidate);
	if (rec->id)
		sqlite3_bind_int64(s, 18, rec->id);
	ret = run_once(st, s);
	if (!ret && !rec->id)
		rec->id = sqlite3_last_insert_rowid(st->db);
	return ret;
}

static int delete_children(struct store *st, int64_t id)
{
	char sql[96];
	sqlite3_stmt *s;
	int ret = 0;

	for (size_t i = 0; i < N_CHILDREN && !ret; i++) {
		snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE session = ?1",
			 child_tables[i]);
		s = prepare(st, sql, &ret);
		if (!s)
			break;
		sqlite3_bind_int64(s, 1, id);
		ret = run_once(st, s);
	}
	return ret;
}

/*
 * Inserts n rows with sql (session ?1, idx ?2, then the row's values
 * bound by bind from ?3 on).
 */
static int insert_rows(struct store *st, int64_t id, const char *sql,
		       size_t n, const void *rows,
		       void (*bind)(sqlite3_stmt *s, const void *rows,
				    size_t i))
{
	sqlite3_stmt *s;
	int ret = 0, rc;

	if (!n)
		return 0;
	s = prepare(st, sql, &ret);
	if (!s)
		return ret;
	for (size_t i = 0; i < n && !ret; i++) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		bind(s, rows, i);
		rc = sqlite3_step(s);
		if (rc != SQLITE_DONE)
			ret = store_fail(st, rc);
	}
	sqlite3_finalize(s);
	return ret;
}

static void bind_phase(sqlite3_stmt *s, const void *rows, size_t i)
{
	const struct store_mock_phase *p = (const struct store_mock_phase *)
						   rows + i;

	bind_text(s, 3, p->name);
	sqlite3_bind_int(s, 4, p->minutes);
	sqlite3_bind_int64(s, 5, p->planned_ms);
	sqlite3_bind_int64(s, 6, p->used_ms);
	sqlite3_bind_int(s, 7, p->hints_used);
}

static void bind_note(sqlite3_stmt *s, const void *rows, size_t i)
{
	const struct store_mock_note *n = (const struct store_mock_note *)
						  rows + i;

	bind_text(s, 3, n->text ? n->text : "");
	sqlite3_bind_int(s, 4, n->phase);
}

static void bind_followup(sqlite3_stmt *s, const void *rows, size_t i)
{
	const struct store_mock_followup *f =
		(const struct store_mock_followup *)rows + i;

	sqlite3_bind_int(s, 3, f->index);
	bind_text(s, 4, f->text);
	sqlite3_bind_int(s, 5, f->phase);
	sqlite3_bind_int64(s, 6, f->elapsed_ms);
}

static void bind_question(sqlite3_stmt *s, const void *rows, size_t i)
{
	const struct store_mock_question *q =
		(const struct store_mock_question *)rows + i;

	bind_text(s, 3, q->text);
	bind_text(s, 4, q->answer);
	sqlite3_bind_int(s, 5, q->clarification);
	sqlite3_bind_int(s, 6, q->phase);
	sqlite3_bind_int64(s, 7, q->elapsed_ms);
}

static void bind_cover(sqlite3_stmt *s, const void *rows, size_t i)
{
	const struct store_mock_cover *c = (const struct store_mock_cover *)
						   rows + i;

	sqlite3_bind_int(s, 3, c->phase);
	bind_text(s, 4, c->label);
	sqlite3_bind_int(s, 5, c->covered);
	sqlite3_bind_int(s, 6, c->red_flag);
	bind_text(s, 7, c->line);
}

static void bind_score(sqlite3_stmt *s, const void *rows, size_t i)
{
	const struct store_mock_score *c = (const struct store_mock_score *)
						   rows + i;

	bind_text(s, 3, c->criterion);
	bind_text(s, 4, c->name);
	sqlite3_bind_double(s, 5, c->weight);
	sqlite3_bind_int(s, 6, c->score);
	bind_text(s, 7, c->level);
	bind_text(s, 8, c->comment);
}

static void bind_story(sqlite3_stmt *s, const void *rows, size_t i)
{
	const struct store_mock_story *t = (const struct store_mock_story *)
						   rows + i;

	sqlite3_bind_int(s, 3, t->phase);
	bind_text(s, 4, t->story ? t->story : "");
	bind_text(s, 5, t->title ? t->title : "");
	bind_text(s, 6, t->competencies ? t->competencies : "");
}

static void bind_cap(sqlite3_stmt *s, const void *rows, size_t i)
{
	const struct store_mock_cap *c = (const struct store_mock_cap *)rows +
					 i;

	bind_text(s, 3, c->label ? c->label : "");
	sqlite3_bind_double(s, 4, c->max);
}

static int save_children(struct store *st, const struct store_mock *rec)
{
	int64_t id = rec->id;
	int ret;

	ret = insert_rows(st, id, "INSERT INTO mock_phase VALUES (?1, ?2, ?3, "
			  "?4, ?5, ?6, ?7)", rec->n_phases, rec->phases,
			  bind_phase);
	if (!ret)
		ret = insert_rows(st, id, "INSERT INTO mock_note VALUES (?1, "
				  "?2, ?3, ?4)", rec->n_notes, rec->notes,
				  bind_note);
	if (!ret)
		ret = insert_rows(st, id, "INSERT INTO mock_followup VALUES "
				  "(?1, ?2, ?3, ?4, ?5, ?6)", rec->n_followups,
				  rec->followups, bind_followup);
	if (!ret)
		ret = insert_rows(st, id, "INSERT INTO mock_question VALUES "
				  "(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
				  rec->n_questions, rec->questions,
				  bind_question);
	if (!ret)
		ret = insert_rows(st, id, "INSERT INTO mock_coverage VALUES "
				  "(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
				  rec->n_coverage, rec->coverage, bind_cover);
	if (!ret)
		ret = insert_rows(st, id, "INSERT INTO mock_score VALUES (?1, "
				  "?2, ?3, ?4, ?5, ?6, ?7, ?8)", rec->n_scores,
				  rec->scores, bind_score);
	if (!ret)
		ret = insert_rows(st, id, "INSERT INTO mock_story VALUES (?1, "
				  "?2, ?3, ?4, ?5, ?6)", rec->n_stories,
				  rec->stories, bind_story);
	if (!ret)
		ret = insert_rows(st, id, "INSERT INTO mock_cap VALUES (?1, "
				  "?2, ?3, ?4)", rec->n_caps, rec->caps,
				  bind_cap);
	return ret;
}

int store_mock_save(struct store *st, struct store_mock *rec)
{
	int own = !st->in_tx, ret = 0;
	int64_t old_id = rec->id;

	if (own && (ret = store_tx_begin(st)) < 0)
		return ret;
	ret = save_session(st, rec);
	if (!ret)
		ret = delete_children(st, rec->id);
	if (!ret)
		ret = save_children(st, rec);
	if (own && !ret)
		ret = store_tx_commit(st);
	else if (own)
		store_tx_rollback(st);
	if (ret < 0)
		rec->id = old_id;
	return ret;
}

/* ---- reading ------------------------------------------------------- */

static const char *col_text(sqlite3_stmt *s, int i, struct arena *a)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? arena_strdup(a, (const char *)t) : NULL;
}

/* The summary columns, as in session_cols, from column 1 (0 is id). */
static void read_session(sqlite3_stmt *s, struct arena *a,
			 struct store_mock *out)
{
	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(s, 0);
	out->scenario = col_text(s, 1, a);
	out->title = col_text(s, 2, a);
	out->kind = col_text(s, 3, a);
	out->rubric = col_text(s, 4, a);
	out->prompt = col_text(s, 5, a);
	out->minutes = sqlite3_column_int(s, 6);
	out->started_at = sqlite3_column_int64(s, 7);
	out->ended_at = sqlite3_column_int64(s, 8);
	out->state = (enum store_mock_state)sqlite3_column_int(s, 9);
	out->elapsed_ms = sqlite3_column_int64(s, 10);
	out->cur_phase = sqlite3_column_int(s, 11);
	out->paused = sqlite3_column_int(s, 12);
	out->hints_used = sqlite3_column_int(s, 13);
	out->score = sqlite3_column_type(s, 14) == SQLITE_NULL
			     ? -1
			     : sqlite3_column_double(s, 14);
	out->band = col_text(s, 15, a);
	out->scored_by = col_text(s, 16, a);
	out->candidate = col_text(s, 17, a);
}

/*
 * Reads the rows of table for session id into a new array of n elements
 * of size bytes, each filled by read from the columns after session, idx.
 */
static int read_rows(struct store *st, int64_t id, const char *table,
		     size_t size, struct arena *a, const void **rows,
		     size_t *n,
		     void (*read)(sqlite3_stmt *s, struct arena *a, void *row))
{
	char sql[128];
	sqlite3_stmt *s;
	size_t count = 0, cap = 16;
	char *v;
	int rc, ret = 0;

	snprintf(sql, sizeof(sql), "SELECT * FROM %s WHERE session = ?1 "
		 "ORDER BY idx", table);
	s = prepare(st, sql, &ret);
	if (!s)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	v = arena_calloc(a, cap, size);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (count == cap) {
			char *w = arena_calloc(a, cap * 2, size);

			memcpy(w, v, cap * size);
			v = w;
			cap *= 2;
		}
		read(s, a, v + count * size);
		count++;
	}
	if (rc != SQLITE_DONE)
		ret = store_fail(st, rc);
	sqlite3_finalize(s);
	*rows = v;
	*n = count;
	return ret;
}

static void read_phase(sqlite3_stmt *s, struct arena *a, void *row)
{
	struct store_mock_phase *p = row;

	p->name = col_text(s, 2, a);
	p->minutes = sqlite3_column_int(s, 3);
	p->planned_ms = sqlite3_column_int64(s, 4);
	p->used_ms = sqlite3_column_int64(s, 5);
	p->hints_used = sqlite3_column_int(s, 6);
}

static void read_note(sqlite3_stmt *s, struct arena *a, void *row)
{
	struct store_mock_note *n = row;

	n->text = col_text(s, 2, a);
	n->phase = sqlite3_column_int(s, 3);
}

static void read_followup(sqlite3_stmt *s, struct arena *a, void *row)
{
	struct store_mock_followup *f = row;

	f->index = sqlite3_column_int(s, 2);
	f->text = col_text(s, 3, a);
	f->phase = sqlite3_column_int(s, 4);
	f->elapsed_ms = sqlite3_column_int64(s, 5);
}

static void read_question(sqlite3_stmt *s, struct arena *a, void *row)
{
	struct store_mock_question *q = row;

	q->text = col_text(s, 2, a);
	q->answer = col_text(s, 3, a);
	q->clarification = sqlite3_column_int(s, 4);
	q->phase = sqlite3_column_int(s, 5);
	q->elapsed_ms = sqlite3_column_int64(s, 6);
}

static void read_cover(sqlite3_stmt *s, struct arena *a, void *row)
{
	struct store_mock_cover *c = row;

	c->phase = sqlite3_column_int(s, 2);
	c->label = col_text(s, 3, a);
	c->covered = sqlite3_column_int(s, 4);
	c->red_flag = sqlite3_column_int(s, 5);
	c->line = col_text(s, 6, a);
}

static void read_score(sqlite3_stmt *s, struct arena *a, void *row)
{
	struct store_mock_score *c = row;

	c->criterion = col_text(s, 2, a);
	c->name = col_text(s, 3, a);
	c->weight = sqlite3_column_double(s, 4);
	c->score = sqlite3_column_int(s, 5);
	c->level = col_text(s, 6, a);
	c->comment = col_text(s, 7, a);
}

static void read_story(sqlite3_stmt *s, struct arena *a, void *row)
{
	struct store_mock_story *t = row;

	t->phase = sqlite3_column_int(s, 2);
	t->story = col_text(s, 3, a);
	t->title = col_text(s, 4, a);
	t->competencies = col_text(s, 5, a);
}

static void read_cap(sqlite3_stmt *s, struct arena *a, void *row)
{
	struct store_mock_cap *c = row;

	c->label = col_text(s, 2, a);
	c->max = sqlite3_column_double(s, 3);
}

static int read_children(struct store *st, struct arena *a,
			 struct store_mock *m)
{
	int64_t id = m->id;
	int ret;

	ret = read_rows(st, id, "mock_phase", sizeof(*m->phases), a,
			(const void **)&m->phases, &m->n_phases, read_phase);
	if (!ret)
		ret = read_rows(st, id, "mock_note", sizeof(*m->notes), a,
				(const void **)&m->notes, &m->n_notes,
				read_note);
	if (!ret)
		ret = read_rows(st, id, "mock_followup",
				sizeof(*m->followups), a,
				(const void **)&m->followups,
				&m->n_followups, read_followup);
	if (!ret)
		ret = read_rows(st, id, "mock_question",
				sizeof(*m->questions), a,
				(const void **)&m->questions,
				&m->n_questions, read_question);
	if (!ret)
		ret = read_rows(st, id, "mock_coverage", sizeof(*m->coverage),
				a, (const void **)&m->coverage,
				&m->n_coverage, read_cover);
	if (!ret)
		ret = read_rows(st, id, "mock_score", sizeof(*m->scores), a,
				(const void **)&m->scores, &m->n_scores,
				read_score);
	if (!ret)
		ret = read_rows(st, id, "mock_story", sizeof(*m->stories), a,
				(const void **)&m->stories, &m->n_stories,
				read_story);
	if (!ret)
		ret = read_rows(st, id, "mock_cap", sizeof(*m->caps), a,
				(const void **)&m->caps, &m->n_caps, read_cap);
	return ret;
}

int store_mock_get(struct store *st, int64_t id, struct arena *a,
		   struct store_mock *out)
{
	char sql[256];
	struct store_mock m;
	sqlite3_stmt *s;
	int ret = 0;

	snprintf(sql, sizeof(sql), "SELECT id, %s FROM mock_session WHERE "
		 "id = ?1", session_cols);
	s = prepare(st, sql, &ret);
	if (!s)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	ret = store_step_row(st, s);
	if (ret > 0) {
		read_session(s, a, &m);
		ret = 0;
	}
	sqlite3_finalize(s);
	if (!ret)
		ret = read_children(st, a, &m);
	if (!ret)
		*out = m;
	return ret;
}

int store_mock_latest(struct store *st, int running_only, int64_t *id)
{
	sqlite3_stmt *s;
	int ret = 0;

	s = prepare(st, running_only
			       ? "SELECT id FROM mock_session WHERE state < 2 "
				 "ORDER BY started_at DESC, id DESC LIMIT 1"
			       : "SELECT id FROM mock_session ORDER BY "
				 "started_at DESC, id DESC LIMIT 1",
		    &ret);
	if (!s)
		return ret;
	ret = store_step_row(st, s);
	if (ret > 0) {
		*id = sqlite3_column_int64(s, 0);
		ret = 0;
	}
	sqlite3_finalize(s);
	return ret;
}

int store_mock_each(struct store *st, const char *kind,
		    int (*fn)(void *ctx, const struct store_mock *row),
		    void *ctx)
{
	char sql[256];
	struct store_mock row;
	struct arena a;
	sqlite3_stmt *s;
	int rc, ret = 0;

	snprintf(sql, sizeof(sql), "SELECT id, %s FROM mock_session WHERE "
		 "?1 IS NULL OR kind = ?1 ORDER BY started_at DESC, id DESC",
		 session_cols);
	s = prepare(st, sql, &ret);
	if (!s)
		return ret;
	bind_text(s, 1, kind);
	arena_init(&a);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		read_session(s, &a, &row);
		ret = fn(ctx, &row);
		arena_release(&a);
		arena_init(&a);
		if (ret)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = store_fail(st, rc);
	sqlite3_finalize(s);
	arena_release(&a);
	return ret;
}

int store_mock_scores(struct store *st, const char *rubric,
		      const char *criterion, int64_t before_id, int limit,
		      int (*fn)(void *ctx, int64_t id, int score),
		      void *ctx)
{
	sqlite3_stmt *s;
	int rc, ret = 0;

	s = prepare(st,
		    "SELECT s.id, c.score FROM mock_score c JOIN mock_session "
		    "s ON s.id = c.session WHERE s.rubric = ?1 AND "
		    "c.criterion = ?2 AND s.state = 2 AND (?3 = 0 OR "
		    "(s.started_at, s.id) < (SELECT started_at, id FROM "
		    "mock_session WHERE id = ?3)) ORDER BY s.started_at DESC, "
		    "s.id DESC LIMIT ?4",
		    &ret);
	if (!s)
		return ret;
	bind_text(s, 1, rubric);
	bind_text(s, 2, criterion);
	sqlite3_bind_int64(s, 3, before_id);
	sqlite3_bind_int(s, 4, limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ret = fn(ctx, sqlite3_column_int64(s, 0),
			 sqlite3_column_int(s, 1));
		if (ret)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = store_fail(st, rc);
	sqlite3_finalize(s);
	return ret;
}

int store_story_each(struct store *st,
		     int (*fn)(void *ctx, const struct store_story_row *row),
		     void *ctx)
{
	struct store_story_row row;
	sqlite3_stmt *s;
	int rc, ret = 0;

	s = prepare(st,
		    "SELECT t.story, t.competencies, s.score, s.started_at, "
		    "s.id FROM mock_story t JOIN mock_session s ON s.id = "
		    "t.session WHERE s.state = 2 AND t.story <> '' ORDER BY "
		    "s.started_at DESC, s.id DESC, t.idx",
		    &ret);
	if (!s)
		return ret;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		row.story = (const char *)sqlite3_column_text(s, 0);
		row.competencies = (const char *)sqlite3_column_text(s, 1);
		row.score = sqlite3_column_double(s, 2);
		row.started_at = sqlite3_column_int64(s, 3);
		row.session = sqlite3_column_int64(s, 4);
		if (!row.story || !row.competencies)
			continue;	/* NOT NULL; only out of memory */
		ret = fn(ctx, &row);
		if (ret)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = store_fail(st, rc);
	sqlite3_finalize(s);
	return ret;
}
