#include "match/match.h"

#include <string.h>

#include "core/xmalloc.h"
#include "loader/loader.h"

void match_set_init(struct match_set *set, const struct key_point *kps,
		    size_t n)
{
	set->n = n;
	set->patterns = n ? xcalloc(n, sizeof(*set->patterns)) : NULL;
	for (size_t i = 0; i < n; i++) {
		const char *pat = kps[i].pattern.s;

		if (pat && match_pattern_compile(&set->patterns[i], pat,
						 strlen(pat), 0, NULL) < 0)
			set->patterns[i] = NULL;
	}
}

void match_set_release(struct match_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		match_pattern_free(set->patterns[i]);
	xfree(set->patterns);
	set->patterns = NULL;
	set->n = 0;
}

size_t match_set_check(const struct match_set *set, const char *text,
		       size_t len, struct match_hit *hits)
{
	size_t covered = 0;
	int limits = 0;

	for (size_t i = 0; i < set->n; i++) {
		struct match_hit *h = &hits[i];
		int rc;

		h->start = h->end = 0;
		if (!set->patterns[i]) {
			h->cover = MATCH_INVALID;
			continue;
		}
		if (limits >= MATCH_MAX_LIMIT_HITS) {
			h->cover = MATCH_LIMIT;
			continue;
		}
		rc = match_pattern_find(set->patterns[i], text, len, &h->start,
					&h->end);
		if (rc > 0) {
			h->cover = MATCH_COVERED;
			covered++;
		} else {
			h->cover = rc == 0 ? MATCH_MISSED : MATCH_LIMIT;
			limits += rc != 0;
		}
	}
	return covered;
}

static int match_str(const struct match_pattern *p, const char *s)
{
	return s && match_pattern_find(p, s, strlen(s), NULL, NULL) > 0;
}

static int match_list(const struct match_pattern *p,
		      const struct lstr_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (match_str(p, l->v[i].s))
			return 1;
	return 0;
}

int match_card(const struct match_pattern *p, const struct card *card)
{
	return match_str(p, card->front.s) || match_str(p, card->back.s) ||
	       match_str(p, card->text.s) || match_list(p, &card->tags) ||
	       (card->deck && match_list(p, &card->deck->tags));
}
