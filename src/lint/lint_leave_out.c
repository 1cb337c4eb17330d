/*
 * What study leaves out of a library with errors (lint.h): each error the
 * loader or lint reported falls in the lines of one card, from its first
 * key to the next card's (rejected cards count as cards here, so that an
 * error in one is not charged to its neighbour); a scenario goes with any
 * error in its file.
 */
#include "lint/lint.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/vec.h"
#include "core/xmalloc.h"
#include "lint/lint_int.h"

/* Where a card starts; card is NULL for one already out of the library. */
struct start {
	const char *file;
	unsigned line, col;
	const struct card *card;
};

static int cmp_start(const void *a, const void *b)
{
	const struct start *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

static void add_start(struct vec *v, const struct card *c, int in_library)
{
	struct start *s;

	if (!c->pos.file)
		return;
	s = vec_push(v);
	*s = (struct start){ c->pos.file, c->pos.line, c->pos.col,
			     in_library ? c : NULL };
}

/* Every card's start, sorted; the counts of cards already left out. */
static void starts(const struct library *lib, struct vec *v,
		   struct lint_left_out *out)
{
	const struct rejected *r;
	size_t n;

	for (size_t i = 0; i < lib->n_decks; i++)
		for (size_t k = 0; k < lib->decks[i].n_cards; k++)
			add_start(v, &lib->decks[i].cards[k], 1);
	r = library_rejected(lib, &n);
	for (size_t i = 0; i < n; i++) {
		if (r[i].kind == REJECTED_CARD) {
			add_start(v, r[i].card, 0);
			out->cards++;
		} else if (r[i].kind == REJECTED_DECK) {
			for (size_t k = 0; k < r[i].deck->n_cards; k++)
				add_start(v, &r[i].deck->cards[k], 0);
			out->cards += r[i].deck->n_cards;
		}
	}
	if (v->len)
		qsort(v->items, v->len, sizeof(struct start), cmp_start);
}

/* The card whose lines hold d, or NULL. */
static const struct card *card_at(const struct vec *v, const struct diag *d)
{
	const struct start *s = v->items;
	struct start key = { d->file, d->line, d->col, NULL };
	size_t lo = 0, hi = v->len;

	/* The last start at or before d. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_start(&s[mid], &key) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo || strcmp(s[lo - 1].file, d->file))
		return NULL;
	return s[lo - 1].card;
}

/* 1 if file gave the library (or its rejected objects) anything. */
static int file_gave_objects(const struct library *lib, const char *file)
{
	const struct rejected *r;
	size_t n;

	for (size_t i = 0; i < lib->n_decks; i++)
		if (lib->decks[i].file && !strcmp(lib->decks[i].file, file))
			return 1;
	for (size_t i = 0; i < lib->n_rubrics; i++)
		if (lib->rubrics[i].file && !strcmp(lib->rubrics[i].file, file))
			return 1;
	for (size_t i = 0; i < lib->n_scenarios; i++)
		if (lib->scenarios[i].file &&
		    !strcmp(lib->scenarios[i].file, file))
			return 1;
	r = library_rejected(lib, &n);
	for (size_t i = 0; i < n; i++)
		if (r[i].file && !strcmp(r[i].file, file))
			return 1;
	return 0;
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(const void *const *)a;
	uintptr_t y = (uintptr_t)*(const void *const *)b;

	return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorts v (of pointers) by cmp and drops the repeats. */
static void unique(struct vec *v, int (*cmp)(const void *, const void *))
{
	const void **p = v->items;
	size_t k = 0;

	if (!v->len)
		return;
	qsort(p, v->len, sizeof(*p), cmp);
	for (size_t i = 0; i < v->len; i++)
		if (!k || cmp(&p[k - 1], &p[i]))
			p[k++] = p[i];
	v->len = k;
}

/*
 * The errors' cards, the scenarios in their files, and the files that
 * gave nothing (not read as YAML at all): each in a sorted set.
 */
static void blame(struct library *lib, const struct diag_list *dl,
		  const struct vec *at, struct vec *cards, struct vec *scen,
		  struct vec *files)
{
	struct vec err_files;

	vec_init(&err_files, sizeof(char *));
	for (size_t i = 0; i < dl->items.len; i++) {
		const struct diag *d = vec_at(&dl->items, i);
		const struct card *c;

		if (d->level != DIAG_ERROR || !d->file)
			continue;
		c = card_at(at, d);
		if (c)
			*(const void **)vec_push(cards) = c;
		*(const char **)vec_push(&err_files) = d->file;
	}
	unique(cards, cmp_ptr);
	unique(&err_files, cmp_str);
	for (size_t i = 0; i < err_files.len; i++) {
		const char *f = *(const char **)vec_at(&err_files, i);

		for (size_t k = 0; k < lib->n_scenarios; k++)
			if (lib->scenarios[k].file &&
			    !strcmp(lib->scenarios[k].file, f))
				*(const void **)vec_push(scen) =
					&lib->scenarios[k];
		if (!file_gave_objects(lib, f))
			*(const char **)vec_push(files) = f;
	}
	vec_release(&err_files);
}

void lint_leave_out(struct library *lib, struct diag_list *dl,
		    struct lint_left_out *out)
{
	struct vec at, cards, scen, files;

	memset(out, 0, sizeof(*out));
	lint_library(lib, dl);
	out->errors = dl->errors;
	if (!dl->errors)
		return;
	vec_init(&at, sizeof(struct start));
	vec_init(&cards, sizeof(void *));
	vec_init(&scen, sizeof(void *));
	vec_init(&files, sizeof(void *));
	starts(lib, &at, out);
	blame(lib, dl, &at, &cards, &scen, &files);
	library_leave_out(lib, cards.items, cards.len, scen.items, scen.len);
	out->cards += cards.len;
	out->scenarios = scen.len;
	out->files = files.len;
	vec_release(&at);
	vec_release(&cards);
	vec_release(&scen);
	vec_release(&files);
}

/* Appends "N things" to out, with sep before it unless it is the first. */
static void count(struct buf *out, size_t n, const char *what, int *first)
{
	if (!n)
		return;
	buf_addf(out, "%s%zu %s%s", *first ? "" : " and ", n, what,
		 n == 1 ? "" : "s");
	*first = 0;
}

void lint_left_out_text(const struct lint_left_out *lo, struct buf *out)
{
	int first = 1;

	count(out, lo->cards, "card", &first);
	count(out, lo->scenarios, "mock scenario", &first);
	count(out, lo->files, "file", &first);
	if (!first)
		buf_adds(out, " left out because of errors: tpmtrain lint");
	else if (lo->errors)
		buf_addf(out, "%zu error%s in the decks: tpmtrain lint",
			 lo->errors, lo->errors == 1 ? "" : "s");
}
