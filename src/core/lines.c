#include "core/lines.h"

#include <string.h>

#include "core/xmalloc.h"

#define BLOCK (64u << 10)

void line_reader_init(struct line_reader *lr, FILE *f, size_t max)
{
	lr->f = f;
	lr->max = max;
	lr->block = NULL;
	lr->cap = lr->start = lr->end = 0;
	buf_init(&lr->spill);
}

void line_reader_release(struct line_reader *lr)
{
	xfree(lr->block);
	buf_release(&lr->spill);
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

/* Adds n bytes of a straddling line to the spill, those up to max. */
static void spill(struct line_reader *lr, const char *p, size_t n,
		  int *too_long)
{
	size_t room = lr->max - lr->spill.len;

	if (n > room) {
		*too_long = 1;
		n = room;
	}
	buf_add(&lr->spill, p, n);
}

/* Hands out the n bytes at s, without a "\r" that ended them. */
static int hand_out(char *s, size_t n, char **line, size_t *len)
{
	if (n && s[n - 1] == '\r')
		s[--n] = '\0';
	*line = s;
	*len = n;
	return 1;
}

int line_reader_next(struct line_reader *lr, char **line, size_t *len,
		     int *too_long)
{
	int spilled = 0;

	*too_long = 0;
	buf_clear(&lr->spill);
	for (;;) {
		size_t left = lr->end - lr->start;
		/* Before the first read there is no block at all. */
		char *p = left ? lr->block + lr->start : NULL;
		char *nl = left ? memchr(p, '\n', left) : NULL;

		if (nl) {
			size_t n = (size_t)(nl - p);

			lr->start += n + 1;
			if (spilled) {
				spill(lr, p, n, too_long);
				break;
			}
			/* The whole line is here: handed out in place. */
			if (n > lr->max) {
				*too_long = 1;
				n = lr->max;
			}
			p[n] = '\0';
			return hand_out(p, n, line, len);
		}
		/* No newline in the block: keep what fits, read on. */
		if (left) {
			spilled = 1;
			spill(lr, p, left, too_long);
			lr->start = lr->end;
		}
		if (!refill(lr)) {
			if (!spilled)
				return 0;
			break;
		}
	}
	return hand_out(lr->spill.s, lr->spill.len, line, len);
}
