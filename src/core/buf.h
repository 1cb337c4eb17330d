#ifndef TPM_CORE_BUF_H
#define TPM_CORE_BUF_H

#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>

/*
 * A growable NUL-terminated byte string (git strbuf).  s is never NULL after
 * buf_init(), so it can be printed at once; len excludes the NUL.
 */
struct buf {
	char *s;
	size_t len;
	size_t cap;
};

void buf_init(struct buf *b);
/* Frees the storage and leaves b ready for reuse, as after buf_init(). */
void buf_release(struct buf *b);
/* Empties b and keeps its storage. */
void buf_clear(struct buf *b);
/* Makes room for extra more bytes plus the NUL. */
void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, char c);
__attribute__((format(printf, 2, 3)))
void buf_addf(struct buf *b, const char *fmt, ...);
/* The format is checked where the va_list was made (clang -Wformat=2). */
__attribute__((format(printf, 2, 0)))
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
/* Shortens b to len bytes (len <= b->len). */
void buf_setlen(struct buf *b, size_t len);
/* Hands the string to the caller, who frees it with xfree(); b is reset. */
char *buf_detach(struct buf *b, size_t *len);

/*
 * Reads one line of f into b (replacing its contents), without its "\n"
 * or "\r\n", byte for byte: a NUL stays in and counts in b->len.  Returns
 * 0 at the end of the input, else 1; bytes past max are dropped and
 * *too_long set, so one line costs at most max bytes of memory.
 */
int buf_read_line(struct buf *b, FILE *f, size_t max, int *too_long);

#endif
