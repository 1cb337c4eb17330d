/*
 * The home screen's figures (every deck's and tag's counts; today and the
 * streak, from stats/; the next mock), its requests, and the statistics
 * page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/xmalloc.h"
#include "mock/mock.h"
#include "stats/stats.h"
#include "store/store.h"
#include "queue/queue_settings.h"
#include "ui/ui_app.h"

/* ---- Home -------------------------------------------------------------- */

/* Adds a row to the decks (tag = 0) or tags list with its counts. */
static void add_row(struct home *h, int tag, const char *id,
		    const char *label, const struct queue_count *n)
{
	struct home_row *r = home_add_row(h, tag, id, label);

	r->n_new = n->n_new;
	r->n_learn = n->n_learning;
	r->n_due = n->n_review;
}

static void home_header(struct app *a, const struct study_day *day)
{
	static const char *const wday[7] = { "Thu", "Fri", "Sat", "Sun",
					     "Mon", "Tue", "Wed" };
	static const char *const mon[12] = { "Jan", "Feb", "Mar", "Apr",
					     "May", "Jun", "Jul", "Aug",
					     "Sep", "Oct", "Nov", "Dec" };
	int64_t y;
	unsigned m, d;
	char date[32];

	civil_from_days(day->number, &y, &m, &d);
	/* 1970-01-01 was a Thursday. */
	snprintf(date, sizeof(date), "%s %u %s",
		 wday[((day->number % 7) + 7) % 7], d, mon[m - 1]);
	home_set(&a->home.date, date);
}

/* Says when pk is due, after its title: "due since 3 Dec", "new". */
static void add_due(struct app *a, const struct mock_pick *pk,
		    struct buf *b)
{
	char day[16];

	if (!pk->last_done) {
		buf_adds(b, "new");
	} else if (!pk->n_scored) {
		buf_adds(b, "due: not scored yet");
	} else {
		app_day_label(a, pk->card.due, day);
		buf_addf(b, "%s %s", pk->due ? "due since" : "due", day);
	}
}

/*
 * The scenario to rehearse next: the one due that trains the weakest
 * criteria, or the soonest due (mock_pick_list()).
 */
static void next_mock(struct app *a)
{
	struct mock_pick pk;
	struct buf b;

	if (mock_next(a->lib, a->env->st, &a->params, app_now_ms(a),
		      &pk) <= 0) {
		home_set(&a->home.next_mock, NULL);
		return;
	}
	buf_init(&b);
	buf_addf(&b, "%s %s %s %s ", pk.scenario->title.s, ui_glyphs()->dot,
		 scenario_kind_name(pk.scenario->kind), ui_glyphs()->dot);
	add_due(a, &pk, &b);
	home_set(&a->home.next_mock, b.s);
	buf_release(&b);
}

/* The focus criteria: "Risks 2.0 (14 cards) · Design 2.3 (9 cards)". */
static void focus_line(struct app *a)
{
	struct vec focus;
	struct buf b;

	vec_init(&focus, sizeof(struct mock_focus));
	buf_init(&b);
	if (mock_focus_list(a->lib, a->env->st,
			    a->env->settings->focus_threshold, &focus) == 0) {
		for (size_t i = 0; i < focus.len; i++) {
			const struct mock_focus *f = vec_at(&focus, i);

			if (i)
				buf_addf(&b, " %s ", ui_glyphs()->dot);
			buf_addf(&b, "%s %.1f (%zu card%s)",
				 f->criterion->name.s, f->avg, f->n_cards,
				 f->n_cards == 1 ? "" : "s");
		}
		if (b.len)
			buf_addf(&b, " %s f drills them first",
				 ui_glyphs()->dot);
	}
	home_set(&a->home.focus, b.len ? b.s : NULL);
	buf_release(&b);
	vec_release(&focus);
}

/* The line that says what errors in the decks left out of study. */
static void left_out(struct app *a)
{
	struct buf b;

	buf_init(&b);
	lint_left_out_text(&a->left_out, &b);
	home_set(&a->home.left_out, b.len ? b.s : NULL);
	buf_release(&b);
}

/* Every deck's and tag's row: what a drill of it alone holds now. */
static int count_rows(struct app *a)
{
	const struct ui_env *env = a->env;
	struct home *h = &a->home;
	struct queue_counts qc;
	int ret;

	queue_counts_init(&qc);
	ret = queue_counts(&qc, &a->queue, env->st, env->settings, NULL,
			   env->clock);
	if (ret == 0) {
		add_row(h, 0, NULL, "all decks", &qc.total);
		for (size_t i = 0; i < qc.n_decks; i++)
			add_row(h, 0, a->lib->decks[i].id.s,
				a->lib->decks[i].id.s, &qc.decks[i]);
		for (size_t i = 0; i < qc.n_tags; i++)
			add_row(h, 1, qc.tags[i], qc.tags[i], &qc.by_tag[i]);
	}
	queue_counts_release(&qc);
	return ret;
}

int app_home_refresh(struct app *a)
{
	const struct ui_env *env = a->env;
	struct home *h = &a->home;
	struct stats_summary sum;
	struct study_day day;

	home_clear_rows(h);
	if (count_rows(a) < 0)
		goto fail;
	day = a->queue.day;
	if (stats_read(&sum, env->st, env->clock,
		       env->settings->rollover_hour, app_now_ms(a)) < 0)
		goto fail;
	h->reviewed_today = (long)sum.today_total;
	h->new_today = (long)sum.today_new;
	h->ever = sum.ever;
	h->streak = sum.streak;
	home_header(a, &day);
	left_out(a);
	next_mock(a);
	focus_line(a);
	app_mock_home(a);
	if (!a->lib->n_items)
		home_set_status(h, "no decks: put YAML decks in "
				"$XDG_DATA_HOME/tpmtrain/decks", 1);
	return 0;
fail:
	home_set_status(h, store_errmsg(env->st), 1);
	return -1;
}

/* ---- Statistics -------------------------------------------------------- */

static void stats(struct app *a)
{
	const struct ui_env *env = a->env;
	struct stats_summary sum;
	struct buf md;

	buf_init(&md);
	if (stats_read(&sum, env->st, env->clock,
		       env->settings->rollover_hour, app_now_ms(a)) < 0 ||
	    stats_read_states(&sum, env->st) < 0)
		buf_adds(&md, store_errmsg(env->st));
	else
		stats_format(&sum, a->lib->n_items, &md);
	app_notice(a, "statistics", md.s);
	buf_release(&md);
}

/* ---- The story bank ---------------------------------------------------- */

static void day(void *ctx, int64_t utc_ms, char out[16])
{
	app_day_label(ctx, utc_ms, out);
}

/* The names of the rows with no story, or of the stretched stories. */
static void name_list(const struct mock_story_matrix *m, int stretched,
		      struct buf *md)
{
	size_t n = 0;

	buf_adds(md, stretched ? "Stretched (a story for more than three "
				 "competencies):"
			       : "No story yet:");
	if (stretched) {
		for (size_t s = 0; s < m->n_rows; s++)
			if (m->rows[s].stretched)
				buf_addf(md, "%s %s", n++ ? "," : "",
					 m->rows[s].story->id.s);
	} else {
		for (size_t c = 0; c < m->n_competencies; c++)
			if (!m->n_stories[c])
				buf_addf(md, "%s %s", n++ ? "," : "",
					 m->competencies[c]);
	}
	buf_adds(md, n ? "\n" : " none\n");
}

static void stories(struct app *a)
{
	const char *mark[3] = { ui_glyphs()->dot, "o", "" };
	struct mock_story_matrix m;
	struct buf md, text;

	buf_init(&md);	/* not Markdown: a notice keeps a line that fits */
	buf_init(&text);
	if (mock_story_matrix(a->lib, a->env->st, &m) < 0) {
		buf_adds(&md, store_errmsg(a->env->st));
	} else {
		mock_story_matrix_text(&m, mark, day, a, &text);
		name_list(&m, 0, &md);
		if (m.n_rows)
			name_list(&m, 1, &md);
		buf_addf(&md, "\nA column per story: o claims the "
			 "competency, a score is its last rehearsal for it, %s "
			 "neither.  tpmtrain stories edit changes the bank."
			 "\n\n%s", mark[0], text.s);
	}
	mock_story_matrix_release(&m);
	app_notice(a, "story bank", md.s);
	buf_release(&md);
	buf_release(&text);
}

static void home_request(struct app *a)
{
	struct home *h = &a->home;

	switch (h->req) {
	case HOME_REQ_DRILL:
		app_drill_start(a, h->req_deck, h->req_tag, 0);
		break;
	case HOME_REQ_BROWSE:
		app_browse_open(a);
		break;
	case HOME_REQ_STATS:
		stats(a);
		break;
	case HOME_REQ_STORIES:
		stories(a);
		break;
	case HOME_REQ_MOCK:
		app_mock_pick(a, -1);
		break;
	case HOME_REQ_RESUME:
		app_mock_resume(a);
		break;
	case HOME_REQ_FOCUS:
		app_drill_focus(a);
		break;
	default:
		break;
	}
}


/* ---- The screen -------------------------------------------------------- */

static const struct ui_keymap *home_screen_keymap(const struct app *a)
{
	return home_keymap(&a->home);
}

static int home_screen_handle(struct app *a, int act, int key)
{
	int fx = home_handle(&a->home, act, app_now_ms(a));

	(void)key;
	if (fx & UI_SAVE)
		home_request(a);
	return fx;
}

static void home_screen_view(struct app *a, struct ui_view *v)
{
	home_view(&a->home, v);
}

const struct app_screen app_home_screen = {
	home_screen_keymap, home_screen_handle, home_screen_view, NULL, NULL,
};
