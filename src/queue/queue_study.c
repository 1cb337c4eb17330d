/*
 * Filling a drill session (from the queue, or every studied item weakest
 * first for cramming), counting what falls due, and undoing a grade in
 * the store and the session together.
 */
#include "queue/queue_session.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"

void queue_session_fill(struct queue_session *s, const struct queue *q)
{
	for (size_t i = 0; i < q->n; i++)
		queue_session_add(s, q->entries[i].item, q->entries[i].kind,
				  q->entries[i].due);
}

/* A scan over the stored states of studied items in a filter's scope. */
struct studied_scan {
	const struct queue *q;
	const struct queue_filter *f;
	void *ctx;
	int (*fn)(void *ctx, const struct item *it,
		  const struct store_scan_row *row);
	int err;		/* fn's error, which stopped the scan */
};

static int studied_row(void *ctx, const struct store_scan_row *row)
{
	struct studied_scan *sc = ctx;
	const struct item *it;

	if (row->state == FSRS_NEW || row->suspended)
		return 0;
	/* A state whose item left the library keeps its history, unshown. */
	it = queue_find_item(sc->q, row->key, row->key_len);
	if (!it || (sc->f && !queue_filter_match(sc->f, it)))
		return 0;
	sc->err = sc->fn(sc->ctx, it, row);
	return sc->err < 0;
}

/* Calls fn for every studied item of q's library in f's scope. */
static int scan_studied(const struct queue *q, struct store *st,
			const struct queue_filter *f,
			int (*fn)(void *ctx, const struct item *it,
				  const struct store_scan_row *row),
			void *ctx)
{
	struct studied_scan sc = { .q = q, .f = f, .ctx = ctx, .fn = fn };
	int ret;

	ret = store_card_scan(st, studied_row, &sc);
	return sc.err < 0 ? sc.err : ret < 0 ? ret : 0;
}

/* One cram candidate: an item and how well it is remembered now. */
struct cram_row {
	const struct item *item;
	double r;
};

struct cram_ctx {
	struct store *st;
	const struct fsrs_params *p;
	int64_t now;
	struct vec rows;	/* of struct cram_row */
};

static int cram_row(void *ctx, const struct item *it,
		    const struct store_scan_row *row)
{
	struct cram_ctx *c = ctx;
	struct store_card sc;
	struct cram_row *r;
	int ret;

	(void)row;
	ret = store_card_get(c->st, it->key, &sc);
	if (ret < 0)
		return ret;
	r = vec_push(&c->rows);
	r->item = it;
	r->r = fsrs_retrievability(c->p, &sc.fsrs, c->now);
	return 0;
}

static int cmp_cram(const void *x, const void *y)
{
	const struct cram_row *a = x, *b = y;
	int c = (a->r > b->r) - (a->r < b->r);

	return c ? c : strcmp(a->item->key, b->item->key);
}

int queue_session_fill_cram(struct queue_session *s, const struct queue *q,
			    struct store *st, const struct fsrs_params *p,
			    const struct queue_filter *f, int64_t now)
{
	struct cram_ctx c = { .st = st, .p = p, .now = now };
	int ret;

	vec_init(&c.rows, sizeof(struct cram_row));
	ret = scan_studied(q, st, f, cram_row, &c);
	if (ret == 0 && c.rows.len)
		qsort(c.rows.items, c.rows.len, sizeof(struct cram_row),
		      cmp_cram);
	for (size_t i = 0; ret == 0 && i < c.rows.len; i++) {
		const struct cram_row *r = vec_at(&c.rows, i);

		queue_session_add(s, r->item, QUEUE_REVIEW, 0);
	}
	vec_release(&c.rows);
	return ret;
}

struct due_ctx {
	int64_t until;
	long n;
};

static int due_row(void *ctx, const struct item *it,
		   const struct store_scan_row *row)
{
	struct due_ctx *c = ctx;

	(void)it;
	c->n += row->due < c->until;
	return 0;
}

int queue_count_due_before(const struct queue *q, struct store *st,
			   const struct queue_filter *f, int64_t until,
			   long *n)
{
	struct due_ctx c = { until, 0 };
	int ret = scan_studied(q, st, f, due_row, &c);

	if (ret == 0)
		*n = c.n;
	return ret;
}

int queue_session_grade(struct queue_session *s, struct store *st,
			const struct settings *set,
			const struct queue_plan *plan, enum fsrs_rating rating,
			int64_t now, int64_t duration_ms,
			struct queue_grade_result *res)
{
	const struct queue_session_entry *e = queue_session_current(s, now);
	int ret;

	if (!e)
		return TPM_EINVAL;
	ret = queue_grade_planned(st, set, e->item->key, plan, rating, now,
				  duration_ms, res);
	if (ret < 0)
		return ret;
	queue_session_graded_in(s, rating, res->review.after.fsrs.state,
				res->review.after.fsrs.due, now,
				!res->review.after.suspended);
	queue_session_record(s, plan, res->review.id);
	return 0;
}

/* Takes the current entry out of s after a store op with its flags. */
static int drop_current(struct queue_session *s, struct store *st,
			enum queue_action action, const struct settings *set,
			const struct clock *c, int64_t now)
{
	const struct queue_session_entry *e = queue_session_current(s, now);
	struct store_card before;
	int ret;

	if (!e)
		return TPM_EINVAL;
	ret = store_card_get(st, e->item->key, &before);
	if (ret < 0 && ret != TPM_ENOENT)
		return ret;
	if (action == QUEUE_DID_BURY)
		ret = queue_bury(st, set, e->item->key, c);
	else
		ret = store_card_set_suspended(st, e->item->key, 1);
	if (ret < 0)
		return ret;
	queue_session_drop(s, action, before.buried_until, before.suspended);
	return 0;
}

int queue_session_bury(struct queue_session *s, struct store *st,
		       const struct settings *set, const struct clock *c,
		       int64_t now)
{
	return drop_current(s, st, QUEUE_DID_BURY, set, c, now);
}

int queue_session_suspend(struct queue_session *s, struct store *st,
			  int64_t now)
{
	return drop_current(s, st, QUEUE_DID_SUSPEND, NULL, NULL, now);
}

/* Takes step back in the store; TPM_ESTALE when graded elsewhere since. */
static int undo_in_store(struct store *st, const struct queue_step *step,
			 int *was_leech)
{
	struct store_review r;
	int ret;

	switch (step->action) {
	case QUEUE_DID_GRADE:
		if (!step->review_id)
			return 0;	/* cramming saved nothing */
		ret = store_review_undo(st, step->review_id, &r);
		if (ret == 0)
			*was_leech = r.after.leech && !r.before.leech;
		return ret;
	case QUEUE_DID_BURY:
		return store_card_bury(st, step->item->key,
				       step->buried_until);
	case QUEUE_DID_SUSPEND:
		return store_card_set_suspended(st, step->item->key,
						step->suspended);
	}
	return TPM_EINVAL;
}

int queue_session_undo_last(struct queue_session *s, struct store *st,
			    struct queue_undo *out)
{
	int ret;

	memset(out, 0, sizeof(*out));
	if (!queue_session_last(s, &out->step))
		return 0;
	ret = undo_in_store(st, &out->step, &out->was_leech);
	if (ret == TPM_ESTALE) {
		out->result = QUEUE_UNDO_REFUSED;
		return 0;
	}
	if (ret < 0)
		return ret;
	out->result = QUEUE_UNDO_DONE;
	queue_session_undo(s);
	return 0;
}
