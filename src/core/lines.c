#include "core/lines.h"

#include <string.h>

#include "core/buf.h"
#include "core/xmalloc.h"

#define BLOCK (64u << 10)

void line_reader_init(struct line_reader *lr, FILE *f, size_t max)
{
	lr->f = f;
	lr->max = max;
	lr->block = NULL;
	lr->cap = lr->start = lr->end = 0;
}

void line_reader_release(struct line_reader *lr)
{
	xfree(lr->block);
	line_reader_init(lr, NULL, 0);
}

/* Reads more of the stream after what is left unread; 0 at its end. */
static size_t refill(struct line_reader *lr)
{
	size_t got;

	if (!lr->block) {
		lr->cap = BLOCK;
		lr->block = xmalloc(lr->cap);
	}
	memmove(lr->block, lr->block + lr->start, lr->end - lr->start);
	lr->end -= lr->start;
	lr->start = 0;
	got = fread(lr->block + lr->end, 1, lr->cap - lr->end, lr->f);
	lr->end += got;
	return got;
}

/* Adds len bytes of the line, those up to max; the rest sets too_long. */
static void take(struct line_reader *lr, struct buf *line, size_t len,
		 int *too_long)
{
	size_t room = lr->max - line->len;

	if (len > room) {
		*too_long = 1;
		len = room;
	}
	buf_add(line, lr->block + lr->start, len);
}

int line_reader_next(struct line_reader *lr, struct buf *line, int *too_long)
{
	int any = 0;

	buf_clear(line);
	*too_long = 0;
	for (;;) {
		size_t left = lr->end - lr->start;
		const char *nl = left ? memchr(lr->block + lr->start, '\n',
					       left) : NULL;

		if (nl) {
			take(lr, line, (size_t)(nl - lr->block) - lr->start,
			     too_long);
			lr->start = (size_t)(nl - lr->block) + 1;
			break;
		}
		/* No newline in the block: keep what fits, read on. */
		if (left) {
			any = 1;
			take(lr, line, left, too_long);
			lr->start = lr->end;
		}
		if (!refill(lr)) {
			if (!any && !line->len)
				return 0;
			break;
		}
	}
	if (line->len && line->s[line->len - 1] == '\r')
		buf_setlen(line, line->len - 1);
	return 1;
}
