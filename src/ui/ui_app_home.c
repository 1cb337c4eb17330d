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

/* Adds an entry of the session to a row's counts. */
static void count_entry(struct home_row *r, enum queue_kind kind)
{
	if (kind == QUEUE_LEARNING)
		r->n_learn++;
	else if (kind == QUEUE_REVIEW)
		r->n_due++;
	else
		r->n_new++;
}

/* Caps a row's counts at what today's limits still allow. */
static void cap_row(struct home_row *r, long new_left, long reviews_left)
{
	if (r->n_new > new_left)
		r->n_new = new_left;
	if (r->n_due > reviews_left)
		r->n_due = reviews_left;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int item_tag_on_card(const struct card *c, const char *tag)
{
	for (size_t i = 0; i < c->tags.n; i++)
		if (!strcmp(c->tags.v[i].s, tag))
			return 1;
	return 0;
}

/* Every tag of every deck and card, sorted, without repeats. */
static void all_tags(const struct library *lib, struct vec *out)
{
	size_t n = 0;

	for (size_t i = 0; i < lib->n_decks; i++) {
		const struct deck *d = &lib->decks[i];

		for (size_t t = 0; t < d->tags.n; t++)
			*(const char **)vec_push(out) = d->tags.v[t].s;
		for (size_t c = 0; c < d->n_cards; c++)
			for (size_t t = 0; t < d->cards[c].tags.n; t++)
				*(const char **)vec_push(out) =
					d->cards[c].tags.v[t].s;
	}
	if (!out->len)
		return;
	qsort(out->items, out->len, sizeof(char *), cmp_str);
	for (size_t i = 0; i < out->len; i++) {
		const char *s = *(const char **)vec_at(out, i);

		if (!n || strcmp(s, *(const char **)vec_at(out, n - 1)))
			*(const char **)vec_at(out, n++) = s;
	}
	out->len = n;
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

/* The scenario to rehearse next: the one least recently done. */
static void next_mock(struct app *a)
{
	const struct scenario *s;
	struct buf b;
	int err = 0;

	s = mock_next_scenario(a->lib, a->env->st, &err);
	if (!s) {
		home_set(&a->home.next_mock, NULL);
		return;
	}
	buf_init(&b);
	buf_addf(&b, "%s %s %s", s->title.s, ui_glyphs()->dot,
		 scenario_kind_name(s->kind));
	home_set(&a->home.next_mock, b.s);
	buf_release(&b);
}

/*
 * The counts of every deck and tag from one session built without the
 * daily limits, each then capped at what the limits leave today: what a
 * drill of that deck or tag would hold, without building a session per
 * row (a queue_build() reads every stored state; a hundred decks of a
 * thousand cards took seconds that way).
 */
static int count_rows(struct app *a, const struct vec *tags)
{
	const struct ui_env *env = a->env;
	const struct settings *s = env->settings;
	struct settings lifted = *s;
	struct home *h = &a->home;
	long new_left, reviews_left;

	lifted.new_per_day = lifted.reviews_per_day = 1 << 30;
	if (queue_build(&a->queue, env->st, &lifted, NULL, env->clock) < 0)
		return -1;
	home_add_row(h, 0, NULL, "all decks");
	for (size_t i = 0; i < a->lib->n_decks; i++)
		home_add_row(h, 0, a->lib->decks[i].id.s,
			     a->lib->decks[i].id.s);
	for (size_t i = 0; i < tags->len; i++) {
		const char *tag = *(const char **)vec_at(tags, i);

		home_add_row(h, 1, tag, tag);
	}
	for (size_t i = 0; i < a->queue.n; i++) {
		const struct queue_entry *e = &a->queue.entries[i];
		const struct card *c = e->item->card;
		const struct lstr_list *lists[2] = { &c->tags, &c->deck->tags };

		count_entry(vec_at(&h->decks, 0), e->kind);
		count_entry(vec_at(&h->decks, 1 + (size_t)(c->deck -
							   a->lib->decks)),
			    e->kind);
		/* A tag on both the card and its deck counts once. */
		for (int k = 0; k < 2; k++) {
			for (size_t t = 0; t < lists[k]->n; t++) {
				const char *tag = lists[k]->v[t].s;
				const char **hit;

				if (k == 1 && item_tag_on_card(c, tag))
					continue;
				hit = bsearch(&tag, tags->items, tags->len,
					      sizeof(char *), cmp_str);
				if (hit)
					count_entry(vec_at(&h->tags,
						(size_t)(hit - (const char **)
							 tags->items)),
						    e->kind);
			}
		}
	}
	new_left = s->new_per_day - (long)a->queue.new_done;
	reviews_left = s->reviews_per_day - (long)a->queue.reviews_done;
	if (new_left < 0)
		new_left = 0;
	if (reviews_left < 0)
		reviews_left = 0;
	for (size_t i = 0; i < h->decks.len; i++)
		cap_row(vec_at(&h->decks, i), new_left, reviews_left);
	for (size_t i = 0; i < h->tags.len; i++)
		cap_row(vec_at(&h->tags, i), new_left, reviews_left);
	return 0;
}

int app_home_refresh(struct app *a)
{
	const struct ui_env *env = a->env;
	struct home *h = &a->home;
	struct stats_summary sum;
	struct study_day day;
	struct vec tags;
	int ret;

	home_clear_rows(h);
	vec_init(&tags, sizeof(char *));
	all_tags(a->lib, &tags);
	ret = count_rows(a, &tags);
	vec_release(&tags);
	if (ret < 0)
		goto fail;
	day = a->queue.day;
	if (stats_read(&sum, env->st, env->clock,
		       env->settings->rollover_hour, app_now_ms(a)) < 0)
		goto fail;
	h->reviewed_today = (long)sum.today_total;
	h->new_today = (long)sum.today_new;
	h->n_studied = (long)sum.all_time;
	h->streak = sum.streak;
	home_header(a, &day);
	next_mock(a);
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
	case HOME_REQ_MOCK:
		app_mock_pick(a, -1);
		break;
	case HOME_REQ_RESUME:
		app_mock_resume(a);
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
