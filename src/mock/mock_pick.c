/* Which scenario to do next: the picker's order and the home screen's. */
#include "mock/mock.h"

#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "loader/loader.h"
#include "store/store.h"

struct last_ctx {
	struct vec *picks;
	struct strmap by_id;	/* scenario id -> its pick's index + 1 */
};

static int note_last(void *ctx, const char *scenario, int64_t last_done,
		     double last_score)
{
	struct last_ctx *c = ctx;
	uintptr_t at = (uintptr_t)strmap_get(&c->by_id, scenario);
	struct mock_pick *p;

	if (!at)
		return 0;	/* a scenario no longer in the library */
	p = vec_at(c->picks, at - 1);
	p->last_done = last_done;
	p->last_score = last_score;
	return 0;
}

/* Never done first, then the longest ago; library order on a tie. */
static int cmp_pick(const void *a, const void *b)
{
	const struct mock_pick *x = a, *y = b;

	if (x->last_done != y->last_done)
		return x->last_done < y->last_done ? -1 : 1;
	return x->scenario < y->scenario ? -1 : x->scenario > y->scenario;
}

int mock_pick_list(struct library *lib, struct store *st, int kind,
		   struct vec *out)
{
	struct last_ctx c = { out, { 0 } };
	int ret;

	out->len = 0;
	strmap_init(&c.by_id);
	for (size_t i = 0; i < lib->n_scenarios; i++) {
		const struct scenario *s = &lib->scenarios[i];
		struct mock_pick *p;

		if (kind >= 0 && (int)s->kind != kind)
			continue;
		p = vec_push(out);
		p->scenario = s;
		p->last_score = -1;
		*strmap_insert(&c.by_id, s->id.s) = (void *)(uintptr_t)out->len;
	}
	ret = store_mock_last_done(st, note_last, &c);
	strmap_release(&c.by_id);
	if (ret < 0)
		return ret;
	if (out->len > 1)
		qsort(out->items, out->len, sizeof(struct mock_pick),
		      cmp_pick);
	return 0;
}

const struct scenario *mock_next_scenario(struct library *lib,
					  struct store *st, int *err)
{
	const struct scenario *s = NULL;
	struct vec picks;

	vec_init(&picks, sizeof(struct mock_pick));
	*err = mock_pick_list(lib, st, -1, &picks);
	if (!*err && picks.len)
		s = ((struct mock_pick *)vec_at(&picks, 0))->scenario;
	vec_release(&picks);
	return s;
}
