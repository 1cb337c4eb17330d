#ifndef TPM_MATCH_MATCH_H
#define TPM_MATCH_MATCH_H

#include <stddef.h>

/*
 * Matching text against the PCRE2 patterns of deck files: key-point
 * coverage of typed answers and mock notes, and searching cards.  This is
 * the only module that includes pcre2.h.
 *
 * Patterns come from other people's repositories, so they are untrusted:
 * every match runs under match, depth and heap limits, and a search that
 * hits one stops and says so (it counts as no match) instead of running
 * for minutes on a pattern like (a+)+$.
 *
 * Patterns are compiled for UTF-8 text, matched case-insensitively with
 * Unicode properties (\w, \b and case folding know non-ASCII letters).  ^
 * and $ match at every line break, and . matches a line break too: a
 * key point such as 'read.{0,40}write' is about words being near, and
 * notes break lines anywhere.
 */

struct key_point;
struct card;

enum match_flags {
	MATCH_LITERAL = 1 << 0,	/* the pattern is plain text */
	MATCH_NO_JIT = 1 << 1,	/* skip JIT compiling: for one-off checks */
};

/* Why a pattern does not compile. */
struct match_error {
	char msg[128];		/* PCRE2's message: "missing closing parenthesis" */
	size_t offset;		/* bytes into the pattern where it was found */
};

struct match_pattern;

/*
 * Compiles pattern (len bytes of UTF-8) with flags (enum match_flags).
 * Returns 0 and sets *out, to be freed with match_pattern_free(); or
 * TPM_EFORMAT and fills *err (if not NULL) with PCRE2's message and the
 * offset of the problem in the pattern.  JIT compiling is used when PCRE2
 * has it; without, matching falls back to the interpreter.
 */
int match_pattern_compile(struct match_pattern **out, const char *pattern,
			  size_t len, unsigned flags, struct match_error *err);

/* Frees p; NULL is a no-op. */
void match_pattern_free(struct match_pattern *p);

/*
 * Searches text (len bytes of UTF-8) for p.  Returns 1 on a match and sets
 * *start and *end (either may be NULL) to its byte range; 0 for no match;
 * TPM_ETOOBIG when a match, depth or heap limit stopped the search (count
 * it as no match, and report it); TPM_EFORMAT if text is not UTF-8.
 */
int match_pattern_find(const struct match_pattern *p, const char *text,
		       size_t len, size_t *start, size_t *end);

/*
 * A compiled set of key points, to see which ones a text covers.
 */
enum match_cover {
	MATCH_MISSED,		/* the text does not cover the point */
	MATCH_COVERED,
	MATCH_LIMIT,		/* a match limit stopped the search */
	MATCH_INVALID,		/* the point's pattern does not compile */
};

struct match_hit {
	enum match_cover cover;
	size_t start, end;	/* MATCH_COVERED: where in the text */
};

struct match_set {
	struct match_pattern **patterns;	/* NULL where invalid */
	size_t n;
};

/*
 * Compiles the patterns of kps[0..n).  Never fails: a pattern that does
 * not compile (lint reports those) is never covered.  kps only has to
 * live through the call.  Release with match_set_release().
 */
void match_set_init(struct match_set *set, const struct key_point *kps,
		    size_t n);
void match_set_release(struct match_set *set);

/*
 * One answer's check has a budget: after this many searches stopped at a
 * limit, the points left are not searched and count as MATCH_LIMIT, so
 * that a card of catastrophic patterns costs a few limits' time, not one
 * limit per point.
 */
#define MATCH_MAX_LIMIT_HITS 4

/*
 * Checks text (len bytes of UTF-8) against every point of set, filling
 * hits[0..set->n) (within the budget above); returns how many points are
 * covered.
 */
size_t match_set_check(const struct match_set *set, const char *text,
		       size_t len, struct match_hit *hits);

/*
 * 1 if p matches card's front, back, cloze text, or one of its tags or
 * its deck's tags (the browse filter); 0 otherwise, a limit hit included.
 */
int match_card(const struct match_pattern *p, const struct card *card);

#endif
