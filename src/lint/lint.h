#ifndef TPM_LINT_LINT_H
#define TPM_LINT_LINT_H

#include "core/buf.h"
#include "core/diag.h"

struct library;

/*
 * Checks a loaded library for what the loader cannot see one value at a
 * time, adding every problem to dl (library_load() has already added what
 * it found).  Errors:
 *  - an id used twice: decks, cards (and so study items), rubrics,
 *    scenarios across the library, criteria within a rubric; the second
 *    one is reported, naming where the first is;
 *  - cloze text without a deletion, or with a malformed one;
 *  - a typed card without key points;
 *  - a key-point pattern PCRE2 cannot compile, at the exact column;
 *  - a scenario's rubric that is not in the library;
 *  - a ref that is not a file under lib->content_dir (not checked when
 *    that is NULL), or that leaves it.
 * Warnings:
 *  - control characters and terminal escape sequences in any text;
 *  - mojibake, such as "â€™" for "’" (UTF-8 read as Windows-1252);
 *  - a key-point pattern that matches empty text (it is always covered);
 *  - a rubric tag no card has, when the library has decks.
 * Positions inside a value are exact (library_locate()).
 *
 * Objects the loader rejected (loader_rejected.h) are checked too, with
 * whatever values they have, so that one run reports every problem: a card
 * with a misspelt key still gets its patterns, cloze text, refs and text
 * checked, and its id is a duplicate, or the first of one, like any other.
 * A rejected object's rubric id and tags count as present for scenarios
 * and criteria, since its own problem is reported already.  Checks that
 * need a value the object lacks are skipped: a rejected card with a bad
 * type gets no key-point-against-back check, a rejected key point none
 * either (which card it belongs to is not kept).
 */
void lint_library(struct library *lib, struct diag_list *dl);

/* What lint_leave_out() took out of study. */
struct lint_left_out {
	size_t cards;		/* cards with an error, their decks' too */
	size_t scenarios;	/* scenarios with an error in their file */
	size_t files;		/* files that gave nothing at all */
	size_t errors;		/* every error, whatever it left out */
};

/*
 * Study's view of a library with errors (a broken deck locks nobody out):
 * runs lint_library() and takes out of lib's study items every card the
 * loader or lint found an error in, and every scenario with an error in
 * its file (library_leave_out()), so that the rest is studied and nothing
 * is half-used.  With duplicate ids the first card stays, as lint reports
 * the later ones.  Counts what is out, those the loader left out included.
 */
void lint_leave_out(struct library *lib, struct diag_list *dl,
		    struct lint_left_out *out);

/*
 * 1 if every ref of lib's cards and scenarios names a file in its content
 * directory: what lint's verdict on an unchanged library (the cache's)
 * still depends on, since the files refs name are not the library's.
 */
int lint_refs_resolve(const struct library *lib);

/*
 * The one line that says it, for the home screen and the study verbs'
 * warning: "3 cards and 1 file left out because of errors: tpmtrain lint",
 * or "2 errors in the decks: tpmtrain lint" when errors left nothing out
 * (in a rubric, say).  Appends nothing without errors.
 */
void lint_left_out_text(const struct lint_left_out *lo, struct buf *out);

#endif
