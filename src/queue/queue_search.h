#ifndef TPM_QUEUE_QUEUE_SEARCH_H
#define TPM_QUEUE_QUEUE_SEARCH_H

/*
 * Anki's search terms for browse, combined (all must hold) with the text
 * pattern the rest of the query forms:
 *
 *	deck:ID  tag:TAG  id:KEY     a glob (* and ?), any case; tag: is a
 *	                             card's or its deck's tag
 *	is:new|learning|review|relearning|suspended|buried|leech|due
 *	prop:lapses OP N  prop:stability OP N (days)  prop:due OP N (days
 *	from today: 0 today, 1 tomorrow, -2 two days overdue); OP one of
 *	< <= > >= = !=
 *
 * A term may be negated with a leading -, and quoted for a value with
 * spaces ("deck:system design" or deck:"system design").  Any other word
 * is text for the pattern, kept as typed.  Pure: no store, no clock.
 */

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "loader/loader.h"
#include "sched/sched.h"

/* What a term is checked against: one study item and its state. */
struct search_facts {
	const struct item *item;
	const struct fsrs_card *mem;	/* state NEW: never studied */
	int suspended, leech;
	int64_t buried_until;
};

struct search_term;

struct search {
	struct search_term *terms;
	size_t n_terms;
	char *pattern;			/* the rest, for the text pattern */
};

/* The most terms a query may hold: each costs a check per row. */
#define SEARCH_MAX_TERMS 32

/*
 * Parses query into q (released first).  Returns 0, or TPM_EFORMAT with
 * err saying what is wrong ("unknown is: value 'neww' (want new,
 * learning, ...)") and q empty.
 */
int search_parse(struct search *q, const char *query, struct buf *err);
void search_init(struct search *q);
void search_release(struct search *q);

/*
 * 1 if f passes every term of q at now, in the study day that starts at
 * day_start (prop:due counts days from it).
 */
int search_match(const struct search *q, const struct search_facts *f,
		 int64_t now, int64_t day_start);

#endif
