/*
 * Browse's search terms' fuzz target: any bytes (cut at a NUL) parsed as
 * a query, and a query that parses checked against items of every state.
 * Checks what the parser promises: it parses or says why, its pattern is
 * no longer than the query, and it never runs away (libFuzzer's -timeout).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xmalloc.h"
#include "queue/queue_search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const tags[] = { "caching", "risk" };
	struct lstr tag_v[2] = { { tags[0], { 0 } }, { tags[1], { 0 } } };
	struct deck deck = { .id = { "system-design", { 0 } },
			     .tags = { tag_v, 2, { 0 } } };
	struct card card = { .id = { "sd-cap", { 0 } }, .deck = &deck };
	struct item item = { "sd-cap#reverse", &card, NULL, &card.tags,
			     ITEM_REVERSE };
	char *query = xstrndup((const char *)data, size);
	struct search q;
	struct buf err;

	search_init(&q);
	buf_init(&err);
	if (search_parse(&q, query, &err) == 0) {
		if (strlen(q.pattern) > strlen(query))
			abort();
		for (int st = 0; st < 4; st++) {
			struct fsrs_card mem = { .state = (enum fsrs_state)st,
						 .stability = st * 3.5,
						 .due = (int64_t)st * 86400000,
						 .lapses = st };
			struct search_facts f = { &item, &mem, st & 1, st & 2,
						  st * 1000 };

			search_match(&q, &f, 5000, 0);
		}
	} else if (!err.len) {
		abort();	/* a refusal always says why */
	}
	search_release(&q);
	buf_release(&err);
	xfree(query);
	return 0;
}
