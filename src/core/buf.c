#include "core/buf.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "core/xmalloc.h"

/* So that s is printable before the first add, without an allocation. */
static char buf_empty[1];

void buf_init(struct buf *b)
{
	b->s = buf_empty;
	b->len = 0;
	b->cap = 0;
}

void buf_release(struct buf *b)
{
	if (b->cap)
		xfree(b->s);
	buf_init(b);
}

void buf_clear(struct buf *b)
{
	if (b->cap)
		buf_setlen(b, 0);
}

void buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	size_t cap = b->cap ? b->cap : 64;

	if (need <= b->cap)
		return;
	while (cap < need)
		cap = cap / 2 * 3;
	if (b->cap) {
		b->s = xrealloc(b->s, cap);
	} else {
		b->s = xmalloc(cap);
		b->s[0] = '\0';
	}
	b->cap = cap;
}

void buf_add(struct buf *b, const void *data, size_t len)
{
	buf_grow(b, len);
	memcpy(b->s + b->len, data, len);
	buf_setlen(b, b->len + len);
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addch(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void buf_setlen(struct buf *b, size_t len)
{
	assert(len <= b->len || len < b->cap);
	if (!b->cap)
		return;
	b->len = len;
	b->s[len] = '\0';
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *s;

	if (!b->cap)
		buf_grow(b, 0);
	s = b->s;
	if (len)
		*len = b->len;
	buf_init(b);
	return s;
}

int buf_read_line(struct buf *b, FILE *f, size_t max, int *too_long)
{
	int c;

	buf_clear(b);
	*too_long = 0;
	while ((c = getc(f)) != EOF && c != '\n') {
		if (b->len < max)
			buf_addch(b, (char)c);
		else
			*too_long = 1;
	}
	if (c == EOF && !b->len && !*too_long)
		return 0;
	if (b->len && b->s[b->len - 1] == '\r')
		buf_setlen(b, b->len - 1);
	return 1;
}
