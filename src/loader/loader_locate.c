/*
 * Positions inside a file: line starts, the line and column of an offset,
 * and where a character of a scalar's value comes from in the source.
 *
 * Lines and columns are counted as libyaml counts its marks, so that the
 * two agree: a column is a character (an invalid byte counts as one, as the
 * loader reads it as one U+FFFD), a line break is CR LF, CR, LF, NEL, LS or
 * PS, and a BOM at the start of the file takes no column.
 */
#include "loader/loader_int.h"

#include <string.h>

#include "core/utf8.h"
#include "core/xmalloc.h"

void source_text_init(struct source_text *t, const char *data, size_t len)
{
	t->data = data;
	t->len = len;
	t->lines = NULL;
	t->n_lines = 0;
}

void source_text_release(struct source_text *t)
{
	xfree(t->lines);
	source_text_init(t, NULL, 0);
}

/* The length of the line break at p, or 0 if there is none. */
static size_t break_len(const char *p, size_t avail)
{
	const unsigned char *u = (const unsigned char *)p;

	if (!avail)
		return 0;
	if (u[0] == '\n')
		return 1;
	if (u[0] == '\r')
		return avail > 1 && u[1] == '\n' ? 2 : 1;
	/* NEL, LS and PS are not breaks: the reader gives libyaml spaces. */
	return 0;
}

/* The length of the character at p: an invalid byte is one. */
static size_t char_len(const char *p, size_t avail)
{
	uint32_t cp;
	size_t n = utf8_decode(p, avail, &cp);

	return n ? n : 1;
}

static void build_lines(struct source_text *t)
{
	size_t cap = 64, i = 0;

	t->lines = xreallocarray(NULL, cap, sizeof(*t->lines));
	if (t->len >= 3 && !memcmp(t->data, "\xef\xbb\xbf", 3))
		i = 3;
	t->lines[t->n_lines++] = i;
	while (i < t->len) {
		size_t n = break_len(t->data + i, t->len - i);

		if (!n) {
			i++;	/* breaks are never inside a UTF-8 sequence */
			continue;
		}
		i += n;
		if (t->n_lines == cap) {
			cap *= 2;
			t->lines = xreallocarray(t->lines, cap, sizeof(*t->lines));
		}
		t->lines[t->n_lines++] = i;
	}
}

struct src_pos source_pos_at(struct source_text *t, const char *file,
			     size_t off)
{
	struct src_pos pos = { file, 0, 0 };
	size_t lo = 0, hi, i;

	if (!t->n_lines)
		build_lines(t);
	if (off > t->len)
		off = t->len;
	/* The last line that starts at or before off. */
	hi = t->n_lines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	pos.line = (unsigned)lo + 1;
	pos.col = 1;
	for (i = t->lines[lo]; i < off; i += char_len(t->data + i, off - i))
		pos.col++;
	return pos;
}

/*
 * A walk through a scalar's source text, in step with its value.
 */
enum style { PLAIN, SINGLE, DOUBLE, LITERAL, FOLDED };

struct walk {
	const char *src;
	size_t len;
	size_t j;		/* offset in src */
	unsigned line, col;
};

static void take_char(struct walk *w)
{
	w->j += char_len(w->src + w->j, w->len - w->j);
	w->col++;
}

static size_t at_break(const struct walk *w)
{
	return break_len(w->src + w->j, w->len - w->j);
}

static void take_break(struct walk *w, size_t n)
{
	w->j += n;
	w->line++;
	w->col = 1;
}

static int at_blank(const struct walk *w)
{
	return w->j < w->len && (w->src[w->j] == ' ' || w->src[w->j] == '\t');
}

/* Skips a block scalar's indentation: up to indent spaces. */
static void skip_indent(struct walk *w, size_t indent)
{
	while (indent-- && w->j < w->len && w->src[w->j] == ' ')
		take_char(w);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * A double-quoted escape at p (p[0] == '\\'): sets how many source bytes
 * it takes and how many value bytes it gives.  Returns -1 if unknown.
 */
static int escape_len(const char *p, size_t avail, size_t *src_len,
		      size_t *val_len)
{
	uint32_t cp = 0;
	size_t digits;

	if (avail < 2)
		return -1;
	*src_len = 2;
	switch (p[1]) {
	case '0': case 'a': case 'b': case 't': case '\t': case 'n':
	case 'v': case 'f': case 'r': case 'e': case ' ': case '"':
	case '/': case '\\':
		*val_len = 1;
		return 0;
	case 'N': case '_':	/* U+0085, U+00A0 */
		*val_len = 2;
		return 0;
	case 'L': case 'P':	/* U+2028, U+2029 */
		*val_len = 3;
		return 0;
	case 'x':
		digits = 2;
		break;
	case 'u':
		digits = 4;
		break;
	case 'U':
		digits = 8;
		break;
	default:
		return -1;
	}
	if (avail < 2 + digits)
		return -1;
	for (size_t k = 0; k < digits; k++) {
		int h = hex_value(p[2 + k]);

		if (h < 0)
			return -1;
		cp = cp << 4 | (uint32_t)h;
	}
	*src_len = 2 + digits;
	*val_len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	return 0;
}

/*
 * A block scalar's indentation: the leading spaces of its first source
 * line with content, less the leading spaces of the value's first line
 * with content (a more-indented first line keeps its extra spaces).  This
 * also works with an explicit indentation indicator, whose base (the
 * parent's indentation) the scalar alone does not tell.
 */
static int block_indent(const struct walk *w, const char *value,
			size_t vlen, size_t *indent)
{
	size_t j = w->j, src_sp = 0, val_sp = 0, i = 0;

	for (;;) {
		size_t n;

		src_sp = 0;
		while (j < w->len && w->src[j] == ' ') {
			j++;
			src_sp++;
		}
		if (j >= w->len)
			return -1;
		n = break_len(w->src + j, w->len - j);
		if (!n)
			break;
		j += n;
	}
	for (;;) {
		val_sp = 0;
		while (i < vlen && value[i] == ' ') {
			i++;
			val_sp++;
		}
		if (i >= vlen)
			return -1;
		if (value[i] != '\n')
			break;
		i++;
	}
	if (val_sp > src_sp)
		return -1;
	*indent = src_sp - val_sp;
	return 0;
}

/* Moves w to the start of line, column col; -1 if there is none. */
static int walk_to(struct source_text *t, struct walk *w, unsigned line,
		   unsigned col)
{
	if (!t->n_lines)
		build_lines(t);
	if (!line || line > t->n_lines || !col)
		return -1;
	w->src = t->data;
	w->len = t->len;
	w->j = t->lines[line - 1];
	w->line = line;
	w->col = 1;
	while (w->col < col) {
		if (w->j >= w->len || at_break(w))
			return -1;
		take_char(w);
	}
	return w->j < w->len ? 0 : -1;
}

int source_byte_at(struct source_text *t, unsigned line, unsigned col)
{
	struct walk w;

	if (walk_to(t, &w, line, col) < 0)
		return -1;
	return (unsigned char)w.src[w.j];
}

int source_locate(struct source_text *t, struct src_pos start,
		  const char *value, size_t vlen, size_t off,
		  struct src_pos *out)
{
	struct walk w;
	enum style style;
	size_t indent = 0, i = 0, n;
	int block;

	if (off > vlen || walk_to(t, &w, start.line, start.col) < 0)
		return -1;
	switch (w.src[w.j]) {
	case '\'':
		style = SINGLE;
		break;
	case '"':
		style = DOUBLE;
		break;
	case '|':
		style = LITERAL;
		break;
	case '>':
		style = FOLDED;
		break;
	default:
		style = PLAIN;
		break;
	}
	block = style == LITERAL || style == FOLDED;
	if (style == SINGLE || style == DOUBLE)
		take_char(&w);
	if (block) {
		/* The header (indicators, a comment) ends with the line. */
		while (w.j < w.len && !at_break(&w))
			take_char(&w);
		if (w.j >= w.len)
			return -1;
		take_break(&w, at_break(&w));
		if (block_indent(&w, value, vlen, &indent) < 0)
			return -1;
		skip_indent(&w, indent);
	}
	while (i < off) {
		char vc = value[i], c;
		size_t k, src_len, val_len;

		if (w.j >= w.len)
			return -1;
		n = at_break(&w);
		if (n) {
			/*
			 * The break is a newline of the value, or a space it
			 * was folded into, or nothing (the first break of a
			 * fold over blank lines; one after trailing spaces).
			 */
			if (vc == '\n' || (vc == ' ' && style != LITERAL))
				i++;
			take_break(&w, n);
			if (block)
				skip_indent(&w, indent);
			else
				while (at_blank(&w))
					take_char(&w);
			continue;
		}
		c = w.src[w.j];
		if (style == DOUBLE && c == '\\') {
			n = break_len(w.src + w.j + 1, w.len - w.j - 1);
			if (n) {
				/* An escaped break joins lines with nothing. */
				take_char(&w);
				take_break(&w, n);
				while (at_blank(&w))
					take_char(&w);
				continue;
			}
			if (escape_len(w.src + w.j, w.len - w.j, &src_len,
				       &val_len) < 0 || i + val_len > vlen)
				return -1;
			w.j += src_len;
			w.col += (unsigned)src_len;
			i += val_len;
			continue;
		}
		if (style == DOUBLE && c == '"')
			return -1;
		if (style == SINGLE && c == '\'') {
			if (w.j + 1 < w.len && w.src[w.j + 1] == '\'' &&
			    vc == '\'') {
				w.j += 2;
				w.col += 2;
				i++;
				continue;
			}
			return -1;
		}
		n = char_len(w.src + w.j, w.len - w.j);
		for (k = 0; k < n && i + k < vlen &&
			    value[i + k] == w.src[w.j + k]; k++)
			;
		if (k == n) {
			w.j += n;
			w.col++;
			i += n;
			continue;
		}
		/* Spaces before a fold, which the value drops. */
		if (c == ' ' || c == '\t') {
			take_char(&w);
			continue;
		}
		return -1;
	}
	out->file = start.file;
	out->line = w.line;
	out->col = w.col;
	return 0;
}

/* Finds v's file: a buffer kept by the library, or the file read again. */
static void cache_source(struct library_state *st, const char *name)
{
	struct buf b;
	size_t size;

	if (st->cached_name == name)
		return;
	xfree(st->cached_data);
	st->cached_data = NULL;
	source_text_release(&st->cached);
	st->cached_name = name;
	for (size_t i = 0; i < st->sources.len; i++) {
		const struct source *src = vec_at(&st->sources, i);

		if (src->name == name && src->copy) {
			source_text_init(&st->cached, src->copy, src->len);
			return;
		}
	}
	buf_init(&b);
	if (loader_read_file(name, &b, &size) == 0) {
		st->cached_data = buf_detach(&b, &size);
		source_text_init(&st->cached, st->cached_data, size);
	}
	buf_release(&b);
}

struct src_pos library_locate(struct library *lib, const struct lstr *v,
			      size_t off)
{
	struct library_state *st = lib->state;
	struct src_pos pos;

	if (!st || !v->s || !v->pos.file)
		return v->pos;
	cache_source(st, v->pos.file);
	if (source_locate(&st->cached, v->pos, v->s, strlen(v->s), off,
			  &pos) < 0)
		return v->pos;
	return pos;
}
