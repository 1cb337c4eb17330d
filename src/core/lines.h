#ifndef TPM_CORE_LINES_H
#define TPM_CORE_LINES_H

#include <stdio.h>
#include <stddef.h>

#include "core/buf.h"

/*
 * Reads a stream line by line in large blocks (fread and memchr), where
 * buf_read_line() takes a character at a time: for inputs of millions of
 * lines, such as a review log given to replay.  A line is handed out
 * where it lies in the block, not copied, unless it straddles two reads.
 * Lines are byte for byte, NULs included, without "\n" or "\r\n"; a line
 * longer than max is cut there, so one line costs at most max bytes of
 * memory whatever the input.
 */
struct line_reader {
	FILE *f;
	size_t max;
	char *block;
	size_t cap, start, end;
	struct buf spill;	/* a line that straddles two reads */
};

void line_reader_init(struct line_reader *lr, FILE *f, size_t max);
void line_reader_release(struct line_reader *lr);

/*
 * The next line: *line points to its len bytes, NUL-terminated, valid
 * until the next call (the caller may change them).  Returns 0 at the end
 * of the input (or on a read error: see ferror()), else 1, with *too_long
 * set if bytes past max were dropped.
 */
int line_reader_next(struct line_reader *lr, char **line, size_t *len,
		     int *too_long);

#endif
