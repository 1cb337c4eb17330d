#include "lint/lint_int.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/quote.h"
#include "core/xmalloc.h"
#include "lint/lint.h"
#include "match/match.h"

/*
 * "{c3::8.7 hours}" with one brace each side is a typo for a deletion: it
 * would show as text, braces and all.  Warns at the first.
 */
static void lint_single_braces(struct lint *l, const struct card *c)
{
	const char *s = c->text.s;

	for (const char *p = strstr(s, "{c"); p; p = strstr(p + 1, "{c")) {
		const char *q = p + 2;

		if (p > s && p[-1] == '{')
			continue;
		while (*q >= '0' && *q <= '9')
			q++;
		if (q > p + 2 && !strncmp(q, "::", 2)) {
			diag_add(l->dl, DIAG_WARNING,
				 library_locate(l->lib, &c->text,
						(size_t)(p - s)),
				 "'{c' with one brace: a cloze deletion is "
				 "written {{cN::answer}}");
			return;
		}
	}
}

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
	lint_single_braces(l, c);
}

/*
 * A card's own back is its model answer: a point it does not cover would
 * mark a correct answer as missed (usually a pattern too narrow).
 */
static void lint_point_answer(struct lint *l, const struct key_point *kp,
			      const struct match_pattern *p,
			      const struct lstr *answer)
{
	int rc = match_pattern_find(p, answer->s, strlen(answer->s), NULL,
				    NULL);
	char *q;

	if (rc > 0)
		return;
	q = quote_dup(kp->label.s, strlen(kp->label.s));
	if (rc == TPM_ETOOBIG)
		/* Every answer may cost it as much: it would read as missed. */
		diag_add(l->dl, DIAG_WARNING, kp->pattern.pos, "key point "
			 "'%s' stopped at the match limit on the card's own "
			 "'back' (line %u): rewrite the pattern without "
			 "nested repeats", q, answer->pos.line);
	else
		diag_add(l->dl, DIAG_WARNING, kp->pattern.pos, "key point "
			 "'%s' does not match the card's own 'back' (line %u)",
			 q, answer->pos.line);
	xfree(q);
}

struct match_pattern *lint_compile_pattern(struct lint *l,
					   const struct lstr *pat)
{
	struct match_pattern *p;
	struct match_error err;

	if (match_pattern_compile(&p, pat->s, strlen(pat->s), MATCH_NO_JIT,
				  &err) == 0)
		return p;
	diag_add(l->dl, DIAG_ERROR, library_locate(l->lib, pat, err.offset),
		 "invalid pattern: %s", err.msg);
	return NULL;
}

/* The pattern compiles, can be missed, and matches the model answer. */
static void lint_pattern(struct lint *l, const struct key_point *kp,
			 const struct lstr *answer)
{
	const struct lstr *pat = &kp->pattern;
	struct match_pattern *p;

	p = lint_compile_pattern(l, pat);
	if (!p)
		return;
	if (match_pattern_find(p, "", 0, NULL, NULL) > 0)
		diag_add(l->dl, DIAG_WARNING, pat->pos, "pattern matches empty "
			 "text, so it is always covered");
	else if (answer && answer->s && kp->label.s)
		lint_point_answer(l, kp, p, answer);
	match_pattern_free(p);
}

void lint_key_point(struct lint *l, const struct key_point *kp,
		    const struct lstr *answer)
{
	if (kp->pattern.s)
		lint_pattern(l, kp, answer);
	lint_text(l, &kp->label, "label");
	lint_text(l, &kp->pattern, "pattern");
}

/*
 * A red flag compiles, can be missed, and does not match the model answer:
 * one that did would mark the right answer as a warning sign.
 */
void lint_red_flag(struct lint *l, const struct key_point *rf,
		   const struct lstr *answer)
{
	const struct lstr *pat = &rf->pattern;
	struct match_pattern *p;
	char *q;

	lint_text(l, &rf->label, "label");
	lint_text(l, &rf->pattern, "pattern");
	if (!pat->s)
		return;
	p = lint_compile_pattern(l, pat);
	if (!p)
		return;
	if (match_pattern_find(p, "", 0, NULL, NULL) > 0) {
		diag_add(l->dl, DIAG_WARNING, pat->pos, "red flag pattern "
			 "matches empty text, so it is always raised");
	} else if (answer && answer->s && rf->label.s &&
		   match_pattern_find(p, answer->s, strlen(answer->s), NULL,
				      NULL) > 0) {
		q = quote_dup(rf->label.s, strlen(rf->label.s));
		diag_add(l->dl, DIAG_WARNING, pat->pos, "red flag '%s' "
			 "matches the card's own 'back' (line %u)", q,
			 answer->pos.line);
		xfree(q);
	}
	match_pattern_free(p);
}

enum ref_state { REF_OK, REF_ESCAPES, REF_MISSING, REF_UNCHECKED,
		 REF_NOT_FILE };

/* What ref (a refs value) names under dir (may be NULL: unchecked). */
static enum ref_state ref_state(const char *dir, const char *ref)
{
	struct stat st;
	struct buf path;
	int found;

	if (library_ref_escapes(ref))
		return REF_ESCAPES;
	if (!dir)
		return REF_OK;
	buf_init(&path);
	buf_addf(&path, "%s/%s", dir, ref);
	found = stat(path.s, &st) == 0;
	buf_release(&path);
	if (!found)
		return errno == ENOENT ? REF_MISSING : REF_UNCHECKED;
	return S_ISREG(st.st_mode) ? REF_OK : REF_NOT_FILE;
}

void lint_refs(struct lint *l, const struct lstr_list *refs)
{
	const char *dir = l->lib->content_dir;

	for (size_t i = 0; i < refs->n; i++) {
		const struct lstr *ref = &refs->v[i];
		char *q = quote_dup(ref->s, strlen(ref->s));

		switch (ref_state(dir, ref->s)) {
		case REF_ESCAPES:
			diag_add(l->dl, DIAG_ERROR, ref->pos, "ref '%s' is not "
				 "a relative path inside the content "
				 "directory", q);
			break;
		case REF_MISSING:
			diag_add(l->dl, DIAG_ERROR, ref->pos, "ref '%s' "
				 "not found in %s", q, dir);
			break;
		case REF_UNCHECKED:
			diag_add(l->dl, DIAG_ERROR, ref->pos, "cannot "
				 "check ref '%s': %s", q, strerror(errno));
			break;
		case REF_NOT_FILE:
			diag_add(l->dl, DIAG_ERROR, ref->pos, "ref '%s' "
				 "is not a file", q);
			break;
		case REF_OK:
			break;
		}
		xfree(q);
	}
}

static int refs_resolve(const char *dir, const struct lstr_list *refs)
{
	for (size_t i = 0; i < refs->n; i++)
		if (ref_state(dir, refs->v[i].s) != REF_OK)
			return 0;
	return 1;
}

int lint_refs_resolve(const struct library *lib)
{
	const struct library_order *o = library_order(lib);

	/* The order's list: a deferred load's cards are not decoded. */
	for (size_t i = 0; i < o->n_refs; i++)
		if (ref_state(lib->content_dir, o->refs[i]) != REF_OK)
			return 0;
	for (size_t i = 0; i < lib->n_scenarios; i++)
		if (!refs_resolve(lib->content_dir, &lib->scenarios[i].refs))
			return 0;
	return 1;
}

void lint_card(struct lint *l, const struct card *c,
	       const struct rejected *r)
{
	/* A rejected card's type may have been the bad value: unknown. */
	int type_known = !r || !rejected_has_key(r, "type") ||
			 c->type_pos.line;
	const struct lstr *answer = type_known && c->type != CARD_CLOZE ?
				    &c->back : NULL;

	if (c->type == CARD_CLOZE && c->text.s)
		lint_cloze(l, c);
	/* A rejected card's key points may have been there, but bad. */
	if (c->type == CARD_TYPED && !c->key_points.n &&
	    !(r && rejected_has_key(r, "key_points")))
		diag_add(l->dl, DIAG_ERROR, c->type_pos, "typed card has no "
			 "'key_points'");
	for (size_t i = 0; i < c->key_points.n; i++)
		lint_key_point(l, &c->key_points.v[i], answer);
	if (c->red_flags.n && type_known && c->type != CARD_TYPED)
		diag_add(l->dl, DIAG_WARNING, c->red_flags.pos, "'red_flags' "
			 "are checked only on typed cards");
	for (size_t i = 0; i < c->red_flags.n; i++)
		lint_red_flag(l, &c->red_flags.v[i], answer);
	lint_refs(l, &c->refs);
	lint_text(l, &c->front, "front");
	lint_text(l, &c->back, "back");
	lint_text(l, &c->text, "text");
	lint_text_list(l, &c->refs, "refs");
}

void lint_deck(struct lint *l, const struct deck *d)
{
	lint_text(l, &d->title, "title");
	lint_text(l, &d->description, "description");
	for (size_t i = 0; i < d->n_cards; i++)
		lint_card(l, &d->cards[i], NULL);
}
