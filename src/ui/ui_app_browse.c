/* The browse screen's rows from the store, and its requests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/xmalloc.h"
#include "store/store.h"
#include "ui/ui_app.h"

/* ---- Browse ------------------------------------------------------------ */

static void fill_row(struct app *a, struct browse_row *r)
{
	struct store_card sc;

	if (store_card_get(a->env->st, r->item->key, &sc) < 0)
		memset(&sc, 0, sizeof(sc));
	r->mem = sc.fsrs;
	r->suspended = sc.suspended;
	r->leech = sc.leech;
	r->buried_until = sc.buried_until;
}

struct browse_ctx {
	struct app *a;
	struct buf key;
};

static int browse_scan(void *ctx, const struct store_scan_row *row)
{
	struct browse_ctx *c = ctx;
	const struct item *it = app_row_item(c->a, row, &c->key);

	/* The rows are the library's items, in the same order. */
	if (it)
		fill_row(c->a, vec_at(&c->a->browse.rows,
				      (size_t)(it - c->a->lib->items)));
	return 0;
}

void app_browse_open(struct app *a)
{
	struct browse_ctx c = { .a = a };

	if (!a->browse_on) {
		browse_init(&a->browse, &a->matcher);
		a->browse.base_dir = a->cwd;
		a->browse_on = 1;
	}
	browse_clear(&a->browse);
	a->browse.now = app_now_ms(a);
	{
		struct study_day day;

		study_day_at(a->env->clock, a->browse.now,
			     a->env->settings->rollover_hour, &day);
		a->browse.day_start = day.start;
	}
	for (size_t i = 0; i < a->lib->n_items; i++)
		browse_add_row(&a->browse)->item = &a->lib->items[i];
	/* Only items with a stored state need a read. */
	buf_init(&c.key);
	if (store_card_scan(a->env->st, browse_scan, &c) < 0)
		browse_set_status(&a->browse, store_errmsg(a->env->st), 1);
	buf_release(&c.key);
	browse_refresh(&a->browse);
	a->screen = &app_browse_screen;
}

static void browse_request(struct app *a)
{
	struct browse *b = &a->browse;
	struct browse_row *r = vec_at(&b->rows, b->req_row);
	const char *key = r->item->key, *did = "forgot";
	struct buf msg;
	int ret = 0;

	switch (b->req) {
	case BROWSE_REQ_SUSPEND:
		ret = store_card_set_suspended(a->env->st, key, 1);
		did = "suspended";
		break;
	case BROWSE_REQ_UNSUSPEND:
		/* u gives the card back to study, whichever hid it. */
		if (r->suspended) {
			ret = store_card_set_suspended(a->env->st, key, 0);
			did = "unsuspended";
		} else if (r->buried_until > app_now_ms(a)) {
			ret = store_card_bury(a->env->st, key, 0);
			did = "unburied";
		} else {
			buf_init(&msg);
			buf_addf(&msg, "%s is neither suspended nor buried",
				 key);
			browse_set_status(b, msg.s, 0);
			buf_release(&msg);
			return;
		}
		break;
	case BROWSE_REQ_FORGET:
		ret = store_card_forget(a->env->st, key);
		break;
	case BROWSE_REQ_EDIT:
		app_edit(a, r->item);
		return;
	case BROWSE_REQ_PRIMER:
		buf_init(&msg);
		if (app_open_primer(a, &r->item->card->refs, &msg) < 0)
			browse_set_status(b, msg.s, 1);
		buf_release(&msg);
		return;
	default:
		return;
	}
	if (ret < 0) {
		browse_set_status(b, store_errmsg(a->env->st), 1);
		return;
	}
	fill_row(a, r);
	browse_refresh(b);
	buf_init(&msg);
	buf_addf(&msg, "%s %s", did, key);
	browse_set_status(b, msg.s, 0);
	buf_release(&msg);
}


/* ---- The screen -------------------------------------------------------- */

static const struct ui_keymap *browse_screen_keymap(const struct app *a)
{
	return browse_keymap(&a->browse);
}

static int browse_screen_handle(struct app *a, int act, int key)
{
	int fx = browse_handle(&a->browse, act, (uint32_t)key,
			       app_now_ms(a));

	if (fx & UI_SAVE)
		browse_request(a);
	return fx;
}

static void browse_screen_view(struct app *a, struct ui_view *v)
{
	browse_view(&a->browse, v);
}

const struct app_screen app_browse_screen = {
	browse_screen_keymap, browse_screen_handle, browse_screen_view, NULL, NULL,
};
