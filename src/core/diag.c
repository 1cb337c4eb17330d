#include "core/diag.h"

#include <jansson.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/quote.h"
#include "core/xmalloc.h"

void diag_list_init(struct diag_list *dl)
{
	vec_init(&dl->items, sizeof(struct diag));
	dl->errors = 0;
	dl->warnings = 0;
}

void diag_list_release(struct diag_list *dl)
{
	for (size_t i = 0; i < dl->items.len; i++) {
		struct diag *d = vec_at(&dl->items, i);

		xfree(d->file);
		xfree(d->msg);
	}
	vec_release(&dl->items);
	dl->errors = 0;
	dl->warnings = 0;
}

void diag_add(struct diag_list *dl, enum diag_level level,
	      struct src_pos pos, const char *fmt, ...)
{
	struct diag *d = vec_push(&dl->items);
	struct buf msg;
	va_list ap;

	buf_init(&msg);
	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);

	d->level = level;
	d->file = xstrdup(pos.file ? pos.file : "-");
	d->line = pos.line;
	d->col = pos.col;
	d->msg = buf_detach(&msg, NULL);
	d->seq = dl->items.len - 1;
	if (level == DIAG_ERROR)
		dl->errors++;
	else
		dl->warnings++;
}

const struct diag *diag_list_at(const struct diag_list *dl, size_t i)
{
	return vec_at(&dl->items, i);
}

static int diag_cmp(const void *pa, const void *pb)
{
	const struct diag *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void diag_list_sort(struct diag_list *dl)
{
	if (dl->items.len > 1)
		qsort(dl->items.items, dl->items.len, sizeof(struct diag),
		      diag_cmp);
}

static const char *level_name(const struct diag *d, int strict)
{
	return d->level == DIAG_ERROR || strict ? "error" : "warning";
}

/*
 * The file and message as shown: quoted (core/quote.h), since a file name
 * from someone's deck folder may hold escape sequences, bidi controls or
 * bytes that are not UTF-8, which would reach the terminal, or make the
 * JSON output drop the diagnostic.
 */
static void shown(const struct diag *d, struct buf *file, struct buf *msg)
{
	quote_add(file, d->file, strlen(d->file), SIZE_MAX);
	quote_add(msg, d->msg, strlen(d->msg), SIZE_MAX);
}

char *diag_format_text(const struct diag *d, int strict)
{
	struct buf b, file, msg;

	buf_init(&b);
	buf_init(&file);
	buf_init(&msg);
	shown(d, &file, &msg);
	/* A problem with the whole file (too large, unreadable) has no
	 * line: "file: error: msg", as compilers print it. */
	if (d->line)
		buf_addf(&b, "%s:%u:%u: %s: %s", file.s, d->line, d->col,
			 level_name(d, strict), msg.s);
	else
		buf_addf(&b, "%s: %s: %s", file.s, level_name(d, strict),
			 msg.s);
	buf_release(&file);
	buf_release(&msg);
	return buf_detach(&b, NULL);
}

static void print_json(const struct diag *d, FILE *out, int strict)
{
	struct buf file, msg;
	json_t *o;

	buf_init(&file);
	buf_init(&msg);
	shown(d, &file, &msg);
	o = json_pack("{s:s, s:I, s:I, s:s, s:s}", "file", file.s,
		      "line", (json_int_t)d->line, "col", (json_int_t)d->col,
		      "level", level_name(d, strict), "message", msg.s);
	buf_release(&file);
	buf_release(&msg);
	/* Quoted text is valid UTF-8: json_pack cannot refuse it. */
	if (!o)
		return;
	json_dumpf(o, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(o);
}

void diag_list_print(const struct diag_list *dl, FILE *out,
		     enum diag_format format, int strict)
{
	for (size_t i = 0; i < dl->items.len; i++) {
		const struct diag *d = diag_list_at(dl, i);

		if (format == DIAG_FORMAT_JSON) {
			print_json(d, out, strict);
		} else {
			char *s = diag_format_text(d, strict);

			fprintf(out, "%s\n", s);
			xfree(s);
		}
	}
}
