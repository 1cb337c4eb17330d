/*
 * Drills: the session from the queue (or, cramming, every studied card
 * weakest first), each grade committed through queue_grade() before the
 * next card is drawn, undo, bury, suspend, the summary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/xmalloc.h"
#include "mock/mock.h"
#include "store/store.h"
#include "queue/queue_settings.h"
#include "ui/ui_app.h"

/* ---- Drill ------------------------------------------------------------- */

static void drill_filter(const struct app *a, struct queue_filter *f,
			 const char **deck, const char **tag)
{
	memset(f, 0, sizeof(*f));
	*deck = a->drill_deck;
	*tag = a->drill_tag;
	if (*deck) {
		f->decks = deck;
		f->n_decks = 1;
	}
	if (*tag) {
		f->tags = tag;
		f->n_tags = 1;
	}
	if (a->drill_focus) {
		f->focus = a->focus_tags;
		f->n_focus = a->n_focus_tags;
	}
}

/*
 * The answer shows: what each grade would do, worked out once, so the
 * interval on a key is the one saved whenever it is pressed.  After an
 * undo, the card shows the plan it had.
 */
static void plan_grades(struct app *a)
{
	struct drill *d = &a->drill;
	const struct queue_plan *kept = d->item == a->kept_item ? &a->kept
								  : NULL;

	a->plan.valid = 0;
	if (queue_plan(a->env->st, a->env->settings, d->item->key,
		       app_now_ms(a), kept, &a->plan) < 0) {
		drill_set_status(d, store_errmsg(a->env->st), 1);
		return;
	}
	drill_set_preview(d, a->plan.next, a->plan.at);
}

/*
 * The summary's last lines: what waits tomorrow, and when the session ran
 * out (rather than being ended), that cramming is possible.
 */
static void drill_end(struct app *a, int ran_out)
{
	struct queue_filter f;
	const char *deck, *tag;
	struct study_day tomorrow;
	struct buf note;
	long n = 0;

	drill_filter(a, &f, &deck, &tag);
	study_day_at(a->env->clock, a->queue.day.end,
		     a->env->settings->rollover_hour, &tomorrow);
	buf_init(&note);
	if (queue_count_due_before(&a->queue, a->env->st, &f, tomorrow.end,
				   &n) < 0)
		buf_addf(&note, "%s", store_errmsg(a->env->st));
	else if (!a->drill.cram)
		buf_addf(&note, "%ld card%s due by the end of tomorrow.", n,
			 n == 1 ? "" : "s");
	if (!a->drill.cram && ran_out)
		buf_addf(&note, "\n\nPress **c** to cram: practise the "
			 "weakest cards now, without changing the schedule.");
	drill_finish(&a->drill, note.s, app_now_ms(a));
	buf_release(&note);
}

void app_drill_next(struct app *a)
{
	const struct queue_session_entry *e = queue_session_current(&a->session,
							app_now_ms(a));

	if (!e) {
		drill_end(a, 1);
		return;
	}
	a->plan.valid = 0;
	if (e->item != a->kept_item)
		a->kept_item = NULL;
	drill_show(&a->drill, e->item, a->session.left, a->session.graded,
		   app_now_ms(a));
}

static void start(struct app *a, const char *deck, const char *tag,
		  int cram, int focus)
{
	struct queue_filter f;
	struct buf scope;
	int ret = 0;

	if (deck != a->drill_deck) {
		xfree(a->drill_deck);
		a->drill_deck = deck ? xstrdup(deck) : NULL;
	}
	if (tag != a->drill_tag) {
		xfree(a->drill_tag);
		a->drill_tag = tag ? xstrdup(tag) : NULL;
	}
	a->drill_focus = focus;
	drill_filter(a, &f, &deck, &tag);
	buf_init(&scope);
	if (focus)
		buf_adds(&scope, "focus first");
	else if (deck && tag)
		buf_addf(&scope, "%s, tag %s", deck, tag);
	else if (deck)
		buf_adds(&scope, deck);
	else if (tag)
		buf_addf(&scope, "tag %s", tag);
	else
		buf_adds(&scope, "all decks");
	if (a->drill_on) {
		drill_release(&a->drill);
		queue_session_release(&a->session);
	}
	drill_init(&a->drill, scope.s, cram, &a->matcher);
	buf_release(&scope);
	queue_session_init(&a->session,
		     (int64_t)a->env->settings->learn_ahead * 60000, cram);
	a->drill_on = 1;
	a->screen = &app_drill_screen;
	if (cram) {
		ret = queue_session_fill_cram(&a->session, &a->queue,
					      a->env->st, &a->params, &f,
					      app_now_ms(a));
	} else {
		ret = queue_build(&a->queue, a->env->st, a->env->settings, &f,
				  a->env->clock);
		if (ret >= 0)
			queue_session_fill(&a->session, &a->queue);
	}
	if (ret < 0) {
		drill_finish(&a->drill, NULL, app_now_ms(a));
		drill_set_status(&a->drill, store_errmsg(a->env->st), 1);
		return;
	}
	app_drill_next(a);
}

void app_drill_start(struct app *a, const char *deck, const char *tag,
		     int cram)
{
	start(a, deck, tag, cram, 0);
}

int app_drill_focus(struct app *a)
{
	struct vec focus;
	int ret;

	vec_init(&focus, sizeof(struct mock_focus));
	ret = mock_focus_list(a->lib, a->env->st,
			      a->env->settings->focus_threshold, &focus);
	a->n_focus_tags = mock_focus_tags(&focus, a->focus_tags,
					  sizeof(a->focus_tags) /
						  sizeof(a->focus_tags[0]));
	vec_release(&focus);
	if (ret < 0) {
		home_set_status(&a->home, store_errmsg(a->env->st), 1);
		return -1;
	}
	if (!a->n_focus_tags) {
		home_set_status(&a->home, "no focus: no rubric criterion "
				"averages at or under focus_threshold over its "
				"last three mocks", 0);
		return -1;
	}
	start(a, NULL, NULL, 0, 1);
	return 0;
}

static void grade(struct app *a)
{
	struct drill *d = &a->drill;
	const struct item *it = d->item;
	struct queue_grade_result res;
	int64_t now = app_now_ms(a);
	struct buf msg;

	if (d->cram) {
		/* Practice: nothing is written, the schedule stays. */
		queue_session_graded(&a->session, d->req_rating, FSRS_REVIEW,
				     0, now);
		drill_count_grade(d, d->req_rating);
		app_drill_next(a);
		return;
	}
	if (queue_session_grade(&a->session, a->env->st, a->env->settings,
				&a->plan, d->req_rating, now,
				d->req_duration_ms, &res) < 0) {
		/* Not saved: the card stays, so the grade can be given
		 * again once the problem is fixed. */
		drill_set_status(d, store_errmsg(a->env->st), 1);
		return;
	}
	drill_count_grade(d, d->req_rating);
	app_drill_next(a);
	if (res.leech) {
		drill_add_leech(d, it->key);
		buf_init(&msg);
		buf_addf(&msg, "%s is a leech: %d lapse%s%s", it->key,
			 (int)res.review.after.fsrs.lapses,
			 res.review.after.fsrs.lapses == 1 ? "" : "s",
			 res.review.after.suspended ? ", suspended" : "");
		drill_set_status(d, msg.s, 1);
		buf_release(&msg);
	}
}

/* The undone grade made a leech: it leaves the summary's list. */
static void unlist_leech(struct drill *d, const char *key)
{
	char **l;

	if (!d->leeches.len)
		return;
	l = vec_at(&d->leeches, d->leeches.len - 1);
	if (!strcmp(*l, key)) {
		xfree(*l);
		d->leeches.len--;
	}
}

/* What the status line says of a step undone. */
static void say_undone(struct buf *msg, const struct queue_step *step)
{
	switch (step->action) {
	case QUEUE_DID_GRADE:
		buf_addf(msg, "undone: %s on %s", fsrs_rating_name(step->rating),
			 step->item->key);
		break;
	case QUEUE_DID_BURY:
		buf_addf(msg, "undone: %s is no longer buried",
			 step->item->key);
		break;
	case QUEUE_DID_SUSPEND:
		buf_addf(msg, "undone: %s is no longer suspended",
			 step->item->key);
		break;
	}
}

static void undo(struct app *a)
{
	struct drill *d = &a->drill;
	struct queue_undo u;
	struct buf msg;

	if (queue_session_undo_last(&a->session, a->env->st, &u) < 0) {
		drill_set_status(d, store_errmsg(a->env->st), 1);
		return;
	}
	buf_init(&msg);
	switch (u.result) {
	case QUEUE_UNDO_NOTHING:
		drill_set_status(d, "nothing to undo in this session", 0);
		break;
	case QUEUE_UNDO_REFUSED:
		buf_addf(&msg, "cannot undo %s on %s: it was graded elsewhere "
			 "since", fsrs_rating_name(u.step.rating),
			 u.step.item->key);
		drill_set_status(d, msg.s, 1);
		break;
	case QUEUE_UNDO_DONE:
		if (u.step.action == QUEUE_DID_GRADE) {
			a->kept = u.step.plan;
			a->kept_item = u.step.item;
			drill_uncount_grade(d, u.step.rating);
		}
		if (u.was_leech)
			unlist_leech(d, u.step.item->key);
		app_drill_next(a);
		say_undone(&msg, &u.step);
		drill_set_status(d, msg.s, 0);
		break;
	}
	buf_release(&msg);
}

static void drill_request(struct app *a)
{
	struct drill *d = &a->drill;
	const struct item *it = d->item;
	struct buf msg;
	int ret = 0;

	buf_init(&msg);
	switch (d->req) {
	case DRILL_REQ_REVEAL:
		plan_grades(a);
		break;
	case DRILL_REQ_GRADE:
		grade(a);
		break;
	case DRILL_REQ_UNDO:
		undo(a);
		break;
	case DRILL_REQ_BURY:
	case DRILL_REQ_SUSPEND:
		if (!it)
			break;
		if (d->req == DRILL_REQ_BURY)
			ret = queue_session_bury(&a->session, a->env->st,
						 a->env->settings,
						 a->env->clock, app_now_ms(a));
		else
			ret = queue_session_suspend(&a->session, a->env->st,
						    app_now_ms(a));
		if (ret < 0) {
			drill_set_status(d, store_errmsg(a->env->st), 1);
			break;
		}
		app_drill_next(a);
		buf_addf(&msg, d->req == DRILL_REQ_BURY
			 ? "buried %s until tomorrow"
			 : "suspended %s; u undoes, or unsuspend it in browse",
			 it->key);
		drill_set_status(d, msg.s, 0);
		break;
	case DRILL_REQ_EDIT:
		if (it)
			app_edit(a, it);
		break;
	case DRILL_REQ_PRIMER:
		if (it && app_open_primer(a, &it->card->refs, &msg) < 0)
			drill_set_status(d, msg.s, 1);
		break;
	case DRILL_REQ_CRAM:
		app_drill_start(a, a->drill_deck, a->drill_tag, 1);
		break;
	case DRILL_REQ_END:
		drill_end(a, 0);
		break;
	default:
		break;
	}
	buf_release(&msg);
}


/* ---- The screen -------------------------------------------------------- */

static const struct ui_keymap *drill_screen_keymap(const struct app *a)
{
	return drill_keymap(&a->drill);
}

static int drill_screen_handle(struct app *a, int act, int key)
{
	int fx = drill_handle(&a->drill, act, (uint32_t)key, app_now_ms(a));

	if (fx & UI_SAVE)
		drill_request(a);
	return fx;
}

static void drill_screen_view(struct app *a, struct ui_view *v)
{
	drill_view(&a->drill, v);
}

const struct app_screen app_drill_screen = {
	drill_screen_keymap, drill_screen_handle, drill_screen_view, NULL, NULL,
};
