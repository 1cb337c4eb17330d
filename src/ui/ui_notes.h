#ifndef TPM_UI_UI_NOTES_H
#define TPM_UI_UI_NOTES_H

/*
 * The notes pad of a mock interview: a multi-line editor as plain data
 * (STYLE rule 12).  UTF-8 text in lines, each remembering the phase of the
 * interview it was written in; a cursor that moves by whole characters
 * and, up and down, by display cell over the wrapped rows; lines wrapped
 * at spaces to the pane's width (wide characters take two cells); the
 * pane scrolled to keep the cursor in sight.  No terminal: ui_mock.c puts
 * the view on screen and the tests drive it directly.
 */

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/vec.h"
#include "ui/ui_int.h"

struct notes_line {
	struct buf text;	/* no newline, no control characters */
	int phase;		/* the phase it was written in */
};

struct notes {
	struct vec lines;	/* of struct notes_line; never empty */
	size_t row;		/* the cursor's line */
	size_t col;		/* its byte offset, on a character boundary */
	int goal;		/* the cell up and down aim for; -1 none */
	int phase;		/* lines written now belong to it */
	int width;		/* wrap width of the last view, in cells */
	int height;		/* rows of the last view */
	size_t top;		/* the first wrapped row shown */
	size_t bytes;		/* text in all lines */
	size_t max_bytes;	/* what bytes may reach */
};

/* Bytes the notes may hold by default: a long interview, many times over. */
#define NOTES_MAX_BYTES (256u << 10)

/* Empty notes (one empty line) written in phase. */
void notes_init(struct notes *n, int phase);
void notes_release(struct notes *n);
/* Back to one empty line, the cursor at the top. */
void notes_clear(struct notes *n);

/* The phase that lines written from now on belong to. */
void notes_set_phase(struct notes *n, int phase);

static inline size_t notes_count(const struct notes *n)
{
	return n->lines.len;
}

const struct notes_line *notes_line(const struct notes *n, size_t i);

/*
 * Appends a line of text (len bytes; newlines in it are cut there) written
 * in phase, after a notes_clear(): how a saved session comes back.  The
 * first call fills the empty line notes_clear() left.  Text over
 * max_bytes is dropped; returns 0, or -1 when something was dropped.
 */
int notes_append_line(struct notes *n, const char *s, size_t len, int phase);

/*
 * Replaces every line with text (after $EDITOR): a line equal to an old
 * line keeps that line's phase (the first not yet used, in order), any
 * other belongs to the current phase.  Control characters other than
 * newlines become spaces (tabs too); a final newline ends the last line
 * rather than starting an empty one.  The cursor goes to the end.
 * Returns 0, or -1 when text over max_bytes was dropped.
 */
int notes_set_text(struct notes *n, const char *s, size_t len);

/* Every line joined with '\n' (no final newline), appended to out. */
void notes_text(const struct notes *n, struct buf *out);

/* The line under the cursor (borrowed until the next change). */
const char *notes_current(const struct notes *n, size_t *len);

/*
 * Applies an editing action: UI_A_CHAR inserts cp (control characters
 * are refused), UI_A_NEWLINE splits the line, the cursor moves (left,
 * right, word left and right, home and end of the line, up and down a
 * wrapped row keeping the cell, page up and down, top and bottom of the
 * notes), and the deletes (back, forward, the word before, to the start
 * and the end of the line) join lines at their ends.  Returns 1 if the
 * text or the cursor changed, else 0 (and for actions it does not know).
 */
int notes_edit(struct notes *n, int a, uint32_t cp);

/* 1 if a, for notes_edit(), can change the text (rather than move). */
int notes_action_writes(int a);

/*
 * Lays the notes out in a pane of width x height cells: appends exactly
 * height lines to out, scrolled so that the cursor shows, and sets *row
 * and *col to the cursor's place in the pane.  Remembers the width and
 * height for moving up and down and paging.
 */
void notes_view(struct notes *n, struct ui_text *out, int width, int height,
		int *row, int *col);

#endif
