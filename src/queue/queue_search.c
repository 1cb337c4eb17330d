/* Browse's search terms (queue_search.h): a small parser and its checks. */
#include "queue/queue_search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/err.h"
#include "core/quote.h"
#include "core/xmalloc.h"

enum term_kind { T_DECK, T_TAG, T_ID, T_IS, T_PROP };
enum is_what { IS_NEW, IS_LEARNING, IS_REVIEW, IS_RELEARNING, IS_SUSPENDED,
	       IS_BURIED, IS_LEECH, IS_DUE };
enum prop { P_LAPSES, P_STABILITY, P_DUE };
enum op { OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE };

struct search_term {
	enum term_kind kind;
	int negate;
	char *glob;		/* deck, tag, id */
	enum is_what is;
	enum prop prop;
	enum op op;
	double num;
};

static const char *const prefixes[] = { "deck:", "tag:", "id:", "is:",
					"prop:" };
static const char *const is_words[] = { "new", "learning", "review",
					"relearning", "suspended", "buried",
					"leech", "due", NULL };
static const char *const props[] = { "lapses", "stability", "due", NULL };
/* Two-character operators first, so that <= is not read as <. */
static const char *const ops[] = { "<=", ">=", "!=", "<", ">", "=" };
static const enum op op_of[] = { OP_LE, OP_GE, OP_NE, OP_LT, OP_GT, OP_EQ };

void search_init(struct search *q)
{
	memset(q, 0, sizeof(*q));
}

void search_release(struct search *q)
{
	for (size_t i = 0; i < q->n_terms; i++)
		xfree(q->terms[i].glob);
	xfree(q->terms);
	xfree(q->pattern);
	search_init(q);
}

/* The term prefix s starts with (quotes skipped), or -1. */
static int prefix_of(const char *s)
{
	if (*s == '"')
		s++;
	for (int k = 0; k < 5; k++)
		if (!strncmp(s, prefixes[k], strlen(prefixes[k])))
			return k;
	return -1;
}

static int word_index(const char *const *words, const char *w)
{
	for (int i = 0; words[i]; i++)
		if (!strcmp(words[i], w))
			return i;
	return -1;
}

/* "want a, b or c" after what was wrong. */
static void want(struct buf *err, const char *const *words)
{
	buf_adds(err, " (want ");
	for (int i = 0; words[i]; i++)
		buf_addf(err, "%s%s", i ? words[i + 1] ? ", " : " or " : "",
			 words[i]);
	buf_addch(err, ')');
}

static int bad(struct buf *err, const char *what, const char *v,
	       const char *const *words)
{
	buf_addf(err, "%s '", what);
	quote_add(err, v, strlen(v), 40);
	buf_addch(err, '\'');
	if (words)
		want(err, words);
	return TPM_EFORMAT;
}

/* prop:NAME OP NUMBER. */
static int parse_prop(struct search_term *t, const char *v, struct buf *err)
{
	size_t n = strspn(v, "abcdefghijklmnopqrstuvwxyz_");
	char name[16], *end;
	int p;

	if (n >= sizeof(name))
		return bad(err, "unknown prop:", v, props);
	memcpy(name, v, n);
	name[n] = '\0';
	p = word_index(props, name);
	if (p < 0)
		return bad(err, "unknown prop:", name, props);
	t->prop = (enum prop)p;
	v += n;
	for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
		if (!strncmp(v, ops[k], strlen(ops[k]))) {
			t->op = op_of[k];
			v += strlen(ops[k]);
			t->num = strtod(v, &end);
			if (end == v || *end || !isfinite(t->num))
				return bad(err, "prop: wants a number, not", v,
					   NULL);
			return 0;
		}
	}
	return bad(err, "prop: wants <, <=, >, >=, = or != after", name,
		   NULL);
}

/* One term, its prefix k and value v (quotes gone). */
static int parse_term(struct search_term *t, int k, const char *v,
		      struct buf *err)
{
	if (!*v) {
		buf_addf(err, "%s needs a value", prefixes[k]);
		return TPM_EFORMAT;
	}
	t->kind = (enum term_kind)k;
	switch (t->kind) {
	case T_DECK:
	case T_TAG:
	case T_ID:
		t->glob = xstrdup(v);
		return 0;
	case T_IS: {
		int w = word_index(is_words, v);

		if (w < 0)
			return bad(err, "unknown is: value", v, is_words);
		t->is = (enum is_what)w;
		return 0;
	}
	case T_PROP:
		return parse_prop(t, v, err);
	}
	return TPM_EFORMAT;
}

/* The end of the word at s: the first space outside double quotes. */
static const char *word_end(const char *s)
{
	int quoted = 0;

	for (; *s && (quoted || *s != ' '); s++)
		if (*s == '"')
			quoted = !quoted;
	return s;
}

/* Adds the term in [s, e) (a leading - already taken as negate). */
static int add_term(struct search *q, const char *s, const char *e,
		    int negate, struct buf *err)
{
	struct search_term *t;
	char *text = xmalloc((size_t)(e - s) + 1);
	size_t n = 0;
	int k, ret;

	for (const char *p = s; p < e; p++)
		if (*p != '"')
			text[n++] = *p;
	text[n] = '\0';
	k = prefix_of(text);
	if (q->n_terms == SEARCH_MAX_TERMS) {
		buf_addf(err, "more than %d search terms", SEARCH_MAX_TERMS);
		xfree(text);
		return TPM_EFORMAT;
	}
	t = &q->terms[q->n_terms];
	memset(t, 0, sizeof(*t));
	t->negate = negate;
	ret = parse_term(t, k, text + strlen(prefixes[k]), err);
	if (ret == 0)
		q->n_terms++;
	xfree(text);
	return ret;
}

int search_parse(struct search *q, const char *query, struct buf *err)
{
	struct buf pattern;
	const char *s = query;
	int ret = 0;

	search_release(q);
	q->terms = xcalloc(SEARCH_MAX_TERMS, sizeof(*q->terms));
	buf_init(&pattern);
	while (ret == 0 && *s) {
		const char *e;
		int negate = *s == '-' && prefix_of(s + 1) >= 0;

		if (*s == ' ') {
			s++;
			continue;
		}
		e = word_end(s);
		if (negate || prefix_of(s) >= 0) {
			ret = add_term(q, s + negate, e, negate, err);
		} else {
			if (pattern.len)
				buf_addch(&pattern, ' ');
			buf_add(&pattern, s, (size_t)(e - s));
		}
		s = e;
	}
	if (ret < 0) {
		buf_release(&pattern);
		search_release(q);
		return ret;
	}
	q->pattern = buf_detach(&pattern, NULL);
	return 0;
}

static int fold(char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
 * A glob (* any run, ? one byte) against s, ASCII case folded: the usual
 * single-backtrack walk, so time is bounded by their lengths' product.
 */
static int glob_match(const char *g, const char *s)
{
	const char *star = NULL, *resume = NULL;

	while (*s) {
		if (*g == '*') {
			star = g++;
			resume = s;
		} else if (*g && (*g == '?' || fold(*g) == fold(*s))) {
			g++;
			s++;
		} else if (star) {
			g = star + 1;
			s = ++resume;
		} else {
			return 0;
		}
	}
	while (*g == '*')
		g++;
	return !*g;
}

static int any_tag(const struct lstr_list *l, const char *glob)
{
	for (size_t i = 0; i < l->n; i++)
		if (glob_match(glob, l->v[i].s))
			return 1;
	return 0;
}

static int compare(double x, enum op op, double y)
{
	switch (op) {
	case OP_LT: return x < y;
	case OP_LE: return x <= y;
	case OP_GT: return x > y;
	case OP_GE: return x >= y;
	case OP_EQ: return x == y;
	case OP_NE: return x != y;
	}
	return 0;
}

static int is_holds(enum is_what is, const struct search_facts *f,
		    int64_t now, int64_t day_start)
{
	enum fsrs_state st = f->mem->state;

	switch (is) {
	case IS_NEW: return st == FSRS_NEW;
	case IS_LEARNING: return st == FSRS_LEARNING;
	case IS_REVIEW: return st == FSRS_REVIEW;
	case IS_RELEARNING: return st == FSRS_RELEARNING;
	case IS_SUSPENDED: return f->suspended;
	case IS_BURIED: return f->buried_until > now;
	case IS_LEECH: return f->leech;
	case IS_DUE:
		return st != FSRS_NEW && !f->suspended &&
		       f->buried_until <= now &&
		       f->mem->due < day_start + MS_PER_DAY;
	}
	return 0;
}

static int prop_holds(const struct search_term *t,
		      const struct search_facts *f, int64_t day_start)
{
	const struct fsrs_card *m = f->mem;

	switch (t->prop) {
	case P_LAPSES:
		return compare(m->lapses, t->op, t->num);
	case P_STABILITY:
		return compare(m->stability, t->op, t->num);
	case P_DUE:
		/* A card never studied has no due date. */
		return m->state != FSRS_NEW &&
		       compare((double)floor_div(m->due - day_start,
						 MS_PER_DAY), t->op, t->num);
	}
	return 0;
}

static int term_holds(const struct search_term *t,
		      const struct search_facts *f, int64_t now,
		      int64_t day_start)
{
	const struct card *c = f->item->card;

	switch (t->kind) {
	case T_DECK:
		return c->deck && glob_match(t->glob, c->deck->id.s);
	case T_TAG:
		return any_tag(&c->tags, t->glob) ||
		       (c->deck && any_tag(&c->deck->tags, t->glob));
	case T_ID:
		return glob_match(t->glob, c->id.s) ||
		       glob_match(t->glob, f->item->key);
	case T_IS:
		return is_holds(t->is, f, now, day_start);
	case T_PROP:
		return prop_holds(t, f, day_start);
	}
	return 0;
}

int search_match(const struct search *q, const struct search_facts *f,
		 int64_t now, int64_t day_start)
{
	for (size_t i = 0; i < q->n_terms; i++)
		if (term_holds(&q->terms[i], f, now, day_start) ==
		    q->terms[i].negate)
			return 0;
	return 1;
}
