#include "queue/queue_session.h"

#include <assert.h>
#include <string.h>

enum { SRC_NONE, SRC_MAIN, SRC_PENDING };

struct session_step {
	struct queue_session_entry e;	/* as it was before the step */
	int src;
	size_t idx;		/* its index in main */
	int requeued;		/* the grade put it back in the session */
	struct queue_step did;
};

void queue_session_init(struct queue_session *s, int64_t learn_ahead_ms,
			int cram)
{
	memset(s, 0, sizeof(*s));
	vec_init(&s->main, sizeof(struct queue_session_entry));
	vec_init(&s->pending, sizeof(struct queue_session_entry));
	vec_init(&s->history, sizeof(struct session_step));
	s->learn_ahead_ms = learn_ahead_ms;
	s->cram = cram;
}

void queue_session_release(struct queue_session *s)
{
	vec_release(&s->main);
	vec_release(&s->pending);
	vec_release(&s->history);
}

void queue_session_add(struct queue_session *s, const struct item *item,
		       enum queue_kind kind, int64_t due)
{
	struct queue_session_entry *e = vec_push(&s->main);

	e->item = item;
	e->kind = kind;
	e->due = due;
	s->left[kind]++;
}

static struct queue_session_entry *main_at(struct queue_session *s, size_t i)
{
	return vec_at(&s->main, i);
}

static struct queue_session_entry *pending_at(struct queue_session *s, size_t i)
{
	return vec_at(&s->pending, i);
}

/* The pending step due first, or -1. */
static long earliest_pending(struct queue_session *s)
{
	long best = -1;

	for (size_t i = 0; i < s->pending.len; i++)
		if (best < 0 || pending_at(s, i)->due <
				pending_at(s, (size_t)best)->due)
			best = (long)i;
	return best;
}

const struct queue_session_entry *
queue_session_current(struct queue_session *s, int64_t now)
{
	long p;

	if (s->cur_src == SRC_MAIN)
		return main_at(s, s->cur_idx);
	if (s->cur_src == SRC_PENDING)
		return pending_at(s, s->cur_idx);
	while (s->pos < s->main.len && main_at(s, s->pos)->done)
		s->pos++;
	p = earliest_pending(s);
	if (p >= 0 && (pending_at(s, (size_t)p)->due <= now ||
		       s->pos == s->main.len)) {
		s->cur_src = SRC_PENDING;
		s->cur_idx = (size_t)p;
		return pending_at(s, s->cur_idx);
	}
	if (s->pos == s->main.len)
		return NULL;
	s->cur_src = SRC_MAIN;
	s->cur_idx = s->pos;
	return main_at(s, s->cur_idx);
}

/* Takes the current entry out of the session; returns a copy. */
static struct queue_session_entry take_current(struct queue_session *s)
{
	struct queue_session_entry e;

	assert(s->cur_src != SRC_NONE);
	if (s->cur_src == SRC_MAIN) {
		e = *main_at(s, s->cur_idx);
		main_at(s, s->cur_idx)->done = 1;
	} else {
		/* Order among pending steps does not matter: swap-remove. */
		e = *pending_at(s, s->cur_idx);
		*pending_at(s, s->cur_idx) =
			*pending_at(s, s->pending.len - 1);
		s->pending.len--;
	}
	s->left[e.kind]--;
	s->cur_src = SRC_NONE;
	return e;
}

void queue_session_graded(struct queue_session *s, enum fsrs_rating rating,
			  enum fsrs_state state, int64_t due, int64_t now)
{
	queue_session_graded_in(s, rating, state, due, now, 1);
}

/* Takes the current entry out for action, as a step undo can reverse. */
static struct session_step *take_step(struct queue_session *s,
				      enum queue_action action)
{
	int src = s->cur_src;
	size_t idx = s->cur_idx;
	struct queue_session_entry e = take_current(s);
	struct session_step *h = vec_push(&s->history);

	h->e = e;
	h->src = src;
	h->idx = idx;
	h->did.item = e.item;
	h->did.action = action;
	return h;
}

void queue_session_graded_in(struct queue_session *s, enum fsrs_rating rating,
			     enum fsrs_state state, int64_t due, int64_t now,
			     int stays)
{
	struct session_step *h = take_step(s, QUEUE_DID_GRADE);
	struct queue_session_entry e = h->e;

	h->did.rating = rating;
	if (!stays)
		;
	else if (s->cram ? rating == FSRS_AGAIN
		    : (state == FSRS_LEARNING || state == FSRS_RELEARNING) &&
		      due - now <= s->learn_ahead_ms) {
		struct queue_session_entry *p = vec_push(&s->pending);

		p->item = e.item;
		p->kind = QUEUE_LEARNING;
		/* Cramming, an again comes back after the rest. */
		p->due = s->cram ? INT64_MAX : due;
		s->left[QUEUE_LEARNING]++;
		h->requeued = 1;
	}
	s->graded++;
}

int queue_session_last(const struct queue_session *s, struct queue_step *out)
{
	const struct session_step *h;

	if (!s->history.len)
		return 0;
	h = vec_at(&s->history, s->history.len - 1);
	*out = h->did;
	return 1;
}

void queue_session_record(struct queue_session *s,
			  const struct queue_plan *plan, int64_t review_id)
{
	struct session_step *h;

	if (!s->history.len)
		return;
	h = vec_at(&s->history, s->history.len - 1);
	if (plan)
		h->did.plan = *plan;
	h->did.review_id = review_id;
}

void queue_session_drop(struct queue_session *s, enum queue_action action,
			int64_t buried_until, int suspended)
{
	struct session_step *h = take_step(s, action);

	h->did.buried_until = buried_until;
	h->did.suspended = suspended;
}

const struct item *queue_session_undo(struct queue_session *s)
{
	struct session_step h;

	if (!s->history.len)
		return NULL;
	h = *(struct session_step *)vec_at(&s->history, s->history.len - 1);
	s->history.len--;
	if (h.did.action == QUEUE_DID_GRADE)
		s->graded--;
	if (h.requeued) {
		for (size_t i = 0; i < s->pending.len; i++) {
			if (pending_at(s, i)->item != h.e.item)
				continue;
			*pending_at(s, i) = *pending_at(s, s->pending.len - 1);
			s->pending.len--;
			s->left[QUEUE_LEARNING]--;
			break;
		}
	}
	s->left[h.e.kind]++;
	if (h.src == SRC_MAIN) {
		main_at(s, h.idx)->done = 0;
		if (h.idx < s->pos)
			s->pos = h.idx;
		s->cur_src = SRC_MAIN;
		s->cur_idx = h.idx;
	} else {
		*(struct queue_session_entry *)vec_push(&s->pending) = h.e;
		s->cur_src = SRC_PENDING;
		s->cur_idx = s->pending.len - 1;
	}
	return h.e.item;
}

void queue_session_remap(struct queue_session *s,
			 const struct item *(*find)(void *ctx, const char *key),
			 void *ctx)
{
	size_t k = 0;
	int cur_pending = s->cur_src == SRC_PENDING;

	for (size_t i = 0; i < s->main.len; i++) {
		struct queue_session_entry *e = main_at(s, i);
		const struct item *it = find(ctx, e->item->key);

		if (it) {
			e->item = it;
			continue;
		}
		if (!e->done)
			s->left[e->kind]--;
		e->done = 1;
		if (s->cur_src == SRC_MAIN && s->cur_idx == i)
			s->cur_src = SRC_NONE;
	}
	/* Pending steps are compacted in order, the current one followed. */
	for (size_t i = 0; i < s->pending.len; i++) {
		struct queue_session_entry e = *pending_at(s, i);
		const struct item *it = find(ctx, e.item->key);

		if (!it) {
			s->left[e.kind]--;
			if (cur_pending && s->cur_idx == i)
				s->cur_src = SRC_NONE;
			continue;
		}
		e.item = it;
		if (cur_pending && s->cur_idx == i)
			s->cur_idx = k;
		*pending_at(s, k++) = e;
	}
	s->pending.len = k;
	for (size_t i = 0; i < s->history.len; i++) {
		struct session_step *h = vec_at(&s->history, i);
		const struct item *it = find(ctx, h->e.item->key);

		if (!it) {
			s->history.len = 0;
			break;
		}
		h->e.item = it;
		h->did.item = it;
	}
}

long queue_session_left(const struct queue_session *s)
{
	return s->left[0] + s->left[1] + s->left[2];
}
