#include "lint/lint_int.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/xmalloc.h"
#include "match/match.h"

static void lint_cloze(struct lint *l, const struct card *c)
{
	struct cloze_deletion del;
	size_t off = 0, found = 0;

	while (cloze_next(c->text.s, &off, &del)) {
		found++;
		if (!del.num)
			diag_add(l->dl, DIAG_ERROR,
				 library_locate(l->lib, &c->text, del.start),
				 "malformed cloze deletion (write {{cN::answer}}"
				 " or {{cN::answer::hint}}, N from 1 to 99)");
	}
	if (!found)
		diag_add(l->dl, DIAG_ERROR, c->text.pos, "cloze text has no "
			 "deletion (write {{c1::answer}})");
}

/*
 * A card's own back is its model answer: a point it does not cover would
 * mark a correct answer as missed (usually a pattern too narrow).
 */
static void lint_point_answer(struct lint *l, const struct key_point *kp,
			      const struct match_pattern *p,
			      const struct lstr *answer)
{
	char *q;

	if (match_pattern_find(p, answer->s, strlen(answer->s), NULL,
			       NULL) > 0)
		return;
	q = loader_quote_dup(kp->label.s, strlen(kp->label.s));
	diag_add(l->dl, DIAG_WARNING, kp->pattern.pos, "key point '%s' does "
		 "not match the card's own 'back' (line %u)", q,
		 answer->pos.line);
	xfree(q);
}

void lint_key_points(struct lint *l, const struct key_point_list *kps,
		     const struct lstr *answer)
{
	for (size_t i = 0; i < kps->n; i++) {
		const struct lstr *pat = &kps->v[i].pattern;
		struct match_pattern *p;
		struct match_error err;

		if (match_pattern_compile(&p, pat->s, strlen(pat->s),
					  MATCH_NO_JIT, &err) < 0) {
			diag_add(l->dl, DIAG_ERROR,
				 library_locate(l->lib, pat, err.offset),
				 "invalid pattern: %s", err.msg);
			continue;
		}
		if (match_pattern_find(p, "", 0, NULL, NULL) > 0)
			diag_add(l->dl, DIAG_WARNING, pat->pos, "pattern "
				 "matches empty text, so it is always covered");
		else if (answer && answer->s)
			lint_point_answer(l, &kps->v[i], p, answer);
		match_pattern_free(p);
	}
}

/* A ref must stay inside the content directory: no "/x", no "..". */
static int ref_escapes(const char *ref)
{
	const char *p = ref;

	if (*ref == '/')
		return 1;
	while (p) {
		if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || !p[2]))
			return 1;
		p = strchr(p, '/');
		if (p)
			p++;
	}
	return 0;
}

void lint_refs(struct lint *l, const struct lstr_list *refs)
{
	const char *dir = l->lib->content_dir;

	for (size_t i = 0; i < refs->n; i++) {
		const struct lstr *ref = &refs->v[i];
		char *q = loader_quote_dup(ref->s, strlen(ref->s));
		struct stat st;
		struct buf path;
		int found;

		if (ref_escapes(ref->s)) {
			diag_add(l->dl, DIAG_ERROR, ref->pos, "ref '%s' is not "
				 "a relative path inside the content "
				 "directory", q);
		} else if (dir) {
			buf_init(&path);
			buf_addf(&path, "%s/%s", dir, ref->s);
			found = stat(path.s, &st) == 0;
			if (!found && errno == ENOENT)
				diag_add(l->dl, DIAG_ERROR, ref->pos, "ref '%s' "
					 "not found in %s", q, dir);
			else if (!found)
				diag_add(l->dl, DIAG_ERROR, ref->pos, "cannot "
					 "check ref '%s': %s", q,
					 strerror(errno));
			else if (!S_ISREG(st.st_mode))
				diag_add(l->dl, DIAG_ERROR, ref->pos, "ref '%s' "
					 "is not a file", q);
			buf_release(&path);
		}
		xfree(q);
	}
}

void lint_cards(struct lint *l)
{
	for (size_t i = 0; i < l->lib->n_decks; i++) {
		const struct deck *d = &l->lib->decks[i];

		for (size_t k = 0; k < d->n_cards; k++) {
			const struct card *c = &d->cards[k];

			if (c->type == CARD_CLOZE)
				lint_cloze(l, c);
			if (c->type == CARD_TYPED && !c->key_points.n)
				diag_add(l->dl, DIAG_ERROR, c->type_pos, "typed "
					 "card has no 'key_points'");
			lint_key_points(l, &c->key_points,
					c->type == CARD_CLOZE ? NULL : &c->back);
			lint_refs(l, &c->refs);
		}
	}
}
