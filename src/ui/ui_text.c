/*
 * The view model and the text that goes into it: sanitising, measuring and
 * wrapping.  Every byte that reaches ui_text has been through sanitise(), so
 * a control sequence in a deck can never reach the terminal raw.
 */
#include "ui/ui_int.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "core/utf8.h"

/* ---- Characters -------------------------------------------------------- */

size_t ui_decode(const char *s, size_t len, uint32_t *cp)
{
	size_t n;

	assert(len > 0);
	if ((unsigned char)s[0] < 0x80) {
		*cp = (unsigned char)s[0];
		return 1;
	}
	n = utf8_decode(s, len, cp);
	if (!n) {
		*cp = UI_BAD_BYTE | (unsigned char)s[0];
		return 1;
	}
	return n;
}

/* Bidirectional embeddings, overrides and isolates reorder what follows. */
static int is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

int ui_cp_width(uint32_t cp)
{
	int w;

	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	if (cp & UI_BAD_BYTE || utf8_is_control(cp) || cp == '\t' ||
	    cp == '\n' || is_bidi_control(cp))
		return -1;
	w = wcwidth((wchar_t)cp);
	/* Unknown to this libc: the terminal may disagree on the width and
	 * scramble the line, so it is shown by number instead. */
	return w < 0 ? -1 : w;
}

size_t ui_escape(uint32_t cp, char out[16])
{
	int n;

	if (cp & UI_BAD_BYTE)
		n = snprintf(out, 16, "\\x%02X", cp & 0xff);
	else if (cp < 0x20)
		n = snprintf(out, 16, "^%c", (char)(cp + 0x40));
	else if (cp == 0x7f)
		n = snprintf(out, 16, "^?");
	else
		n = snprintf(out, 16, "<U+%04X>", (unsigned)cp);
	return (size_t)n;
}

/*
 * One character as it goes on screen: its own bytes, or an escape, or a
 * space for tab and newline.
 */
struct piece {
	const char *s;
	size_t len;		/* bytes of s */
	size_t in;		/* input bytes consumed */
	uint32_t cp;
	int width;
	int escaped;
	char esc[16];
};

static void next_piece(const char *s, size_t len, struct piece *p)
{
	p->in = ui_decode(s, len, &p->cp);
	p->escaped = 0;
	if (p->cp == '\t' || p->cp == '\n') {
		p->s = " ";
		p->len = 1;
		p->width = 1;
		return;
	}
	p->width = ui_cp_width(p->cp);
	if (p->width >= 0) {
		p->s = s;
		p->len = p->in;
		return;
	}
	p->len = ui_escape(p->cp, p->esc);
	p->s = p->esc;
	p->width = (int)p->len;
	p->escaped = 1;
}

int ui_str_width(const char *s, size_t len)
{
	struct piece p;
	int w = 0;

	for (size_t i = 0; i < len; i += p.in) {
		next_piece(s + i, len - i, &p);
		w += p.width;
	}
	return w;
}

/* ---- The view model ---------------------------------------------------- */

void ui_text_init(struct ui_text *t)
{
	buf_init(&t->bytes);
	vec_init(&t->spans, sizeof(struct ui_span));
	vec_init(&t->lines, sizeof(struct ui_line));
}

void ui_text_release(struct ui_text *t)
{
	buf_release(&t->bytes);
	vec_release(&t->spans);
	vec_release(&t->lines);
}

void ui_text_clear(struct ui_text *t)
{
	buf_clear(&t->bytes);
	t->spans.len = 0;
	t->lines.len = 0;
}

const struct ui_line *ui_text_line(const struct ui_text *t, size_t i)
{
	return vec_at(&t->lines, i);
}

const struct ui_span *ui_text_span(const struct ui_text *t, size_t i)
{
	return vec_at(&t->spans, i);
}

void ui_text_newline(struct ui_text *t)
{
	struct ui_line *l = vec_push(&t->lines);

	l->span = t->spans.len;
}

static struct ui_line *last_line(struct ui_text *t)
{
	if (!t->lines.len)
		ui_text_newline(t);
	return vec_at(&t->lines, t->lines.len - 1);
}

/* Appends bytes that are already safe, merging with the previous span. */
static void add_raw(struct ui_text *t, enum ui_role role, unsigned attr,
		    const char *s, size_t len, int width)
{
	struct ui_line *l = last_line(t);
	struct ui_span *sp = NULL;

	if (!len)
		return;
	if (l->n_spans) {
		sp = vec_at(&t->spans, l->span + l->n_spans - 1);
		if (sp->role != role || sp->attr != attr ||
		    sp->off + sp->len != t->bytes.len)
			sp = NULL;
	}
	if (!sp) {
		sp = vec_push(&t->spans);
		sp->off = t->bytes.len;
		sp->role = (uint8_t)role;
		sp->attr = (uint8_t)attr;
		l->n_spans++;
	}
	buf_add(&t->bytes, s, len);
	sp->len += len;
	sp->width += width;
	l->width += width;
}

static void add_piece(struct ui_text *t, enum ui_role role, unsigned attr,
		      const struct piece *p)
{
	add_raw(t, p->escaped ? UI_R_ESCAPE : role, attr, p->s, p->len,
		p->width);
}

int ui_text_add(struct ui_text *t, enum ui_role role, unsigned attr,
		const char *s, size_t len)
{
	size_t i = 0, run = 0;
	int run_w = 0, total = 0;
	struct piece p;

	/* Runs of plain characters go in as one copy. */
	while (i < len) {
		next_piece(s + i, len - i, &p);
		if (p.s == s + i) {
			run_w += p.width;
			i += p.in;
			continue;
		}
		add_raw(t, role, attr, s + run, i - run, run_w);
		add_piece(t, role, attr, &p);
		total += run_w + p.width;
		i += p.in;
		run = i;
		run_w = 0;
	}
	add_raw(t, role, attr, s + run, i - run, run_w);
	last_line(t);
	return total + run_w;
}

int ui_text_adds(struct ui_text *t, enum ui_role role, unsigned attr,
		 const char *s)
{
	return ui_text_add(t, role, attr, s, strlen(s));
}

int ui_text_addf(struct ui_text *t, enum ui_role role, unsigned attr,
		 const char *fmt, ...)
{
	char small[256];
	struct buf b;
	va_list ap;
	int n, w;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return 0;
	if ((size_t)n < sizeof(small))
		return ui_text_add(t, role, attr, small, (size_t)n);
	buf_init(&b);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	w = ui_text_add(t, role, attr, b.s, b.len);
	buf_release(&b);
	return w;
}

void ui_text_pad(struct ui_text *t, enum ui_role role, unsigned attr, int n)
{
	static const char spaces[] = "                                ";
	const int chunk = (int)sizeof(spaces) - 1;

	for (; n > 0; n -= chunk) {
		int k = n < chunk ? n : chunk;

		add_raw(t, role, attr, spaces, (size_t)k, k);
	}
	last_line(t);
}

void ui_text_fit(struct ui_text *t, enum ui_role role, unsigned attr,
		 const char *s, size_t len, int width, enum ui_align align)
{
	int w = ui_str_width(s, len), used = 0, left;
	struct piece p;

	if (width <= 0)
		return;
	if (w <= width) {
		left = align == UI_RIGHT ? width - w
		     : align == UI_CENTER ? (width - w) / 2 : 0;
		ui_text_pad(t, role, attr, left);
		ui_text_add(t, role, attr, s, len);
		ui_text_pad(t, role, attr, width - w - left);
		return;
	}
	for (size_t i = 0; i < len; i += p.in) {
		next_piece(s + i, len - i, &p);
		if (used + p.width > width - 1) {
			/* An escape is ASCII: show as much of it as fits. */
			if (p.escaped) {
				p.width = width - 1 - used;
				p.len = (size_t)p.width;
				add_piece(t, role, attr, &p);
				used += p.width;
			}
			break;
		}
		add_piece(t, role, attr, &p);
		used += p.width;
	}
	ui_text_adds(t, UI_R_DIM, attr, ui_glyphs()->ellipsis);
	ui_text_pad(t, role, attr, width - 1 - used);
}

void ui_text_fill(struct ui_text *t, enum ui_role role, unsigned attr,
		  int width)
{
	ui_text_pad(t, role, attr, width - last_line(t)->width);
}

void ui_text_copy_line(struct ui_text *dst, const struct ui_text *src,
		       size_t i)
{
	ui_text_newline(dst);
	ui_text_append_line(dst, src, i);
}

void ui_text_append_line(struct ui_text *dst, const struct ui_text *src,
			 size_t i)
{
	const struct ui_line *l = ui_text_line(src, i);

	last_line(dst);
	for (size_t k = 0; k < l->n_spans; k++) {
		const struct ui_span *sp = ui_text_span(src, l->span + k);

		add_raw(dst, sp->role, sp->attr, src->bytes.s + sp->off,
			sp->len, sp->width);
	}
}

void ui_text_line_str(const struct ui_text *t, size_t i, struct buf *out)
{
	const struct ui_line *l = ui_text_line(t, i);

	for (size_t k = 0; k < l->n_spans; k++) {
		const struct ui_span *sp = ui_text_span(t, l->span + k);

		buf_add(out, t->bytes.s + sp->off, sp->len);
	}
}

int ui_text_line_width(const struct ui_text *t, size_t i)
{
	return ui_text_line(t, i)->width;
}

/* ---- Glyphs ------------------------------------------------------------ */

static const struct ui_glyphs glyphs_utf8 = {
	.hrule = "\u2500",
	.bar_full = "\u2588",
	.bar_empty = "\u2591",
	.select = "\u25b6",
	.check = "\u2713",
	.cross = "\u2717",
	.ellipsis = "\u2026",
	.dot = "\u00b7",
	.bullet = "\u2022",
	.quote = "\u2502",
	.up = "\u2191",
	.down = "\u2193",
	.warn = "\u26a0",
	.spark = { "\u2582", "\u2584", "\u2586", "\u2588" },
};

static const struct ui_glyphs glyphs_ascii = {
	.hrule = "-",
	.bar_full = "#",
	.bar_empty = ".",
	.select = ">",
	.check = "+",
	.cross = "x",
	.ellipsis = "~",
	.dot = "-",
	.bullet = "*",
	.quote = "|",
	.up = "^",
	.down = "v",
	.warn = "!",
	.spark = { "1", "2", "3", "4" },
};

static const struct ui_glyphs *glyphs = &glyphs_utf8;

const struct ui_glyphs *ui_glyphs(void)
{
	return glyphs;
}

void ui_glyphs_set_ascii(int ascii)
{
	glyphs = ascii ? &glyphs_ascii : &glyphs_utf8;
}

/* ---- Wrapping ---------------------------------------------------------- */

void ui_wrap_begin(struct ui_wrap *w, struct ui_text *out, int width,
		   const char *first, const char *cont,
		   enum ui_role prefix_role)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->width = width;
	w->first = first ? first : "";
	w->cont = cont ? cont : "";
	w->prefix_role = prefix_role;
	w->col = -1;
	buf_init(&w->word_bytes);
	vec_init(&w->word, sizeof(struct ui_wrap_glyph));
}

static void open_line(struct ui_wrap *w)
{
	const char *prefix = w->lines ? w->cont : w->first;

	ui_text_newline(w->out);
	w->col = ui_text_adds(w->out, w->prefix_role, 0, prefix);
	w->line_start = w->col;
	w->lines++;
}

static void place_glyph(struct ui_wrap *w, const struct ui_wrap_glyph *g)
{
	if (w->col < 0 || (w->col + g->width > w->width &&
			   w->col > w->line_start))
		open_line(w);
	add_raw(w->out, g->role, g->attr, w->word_bytes.s + g->off, g->len,
		g->width);
	w->col += g->width;
}

/* Places the gathered word on the open line or a new one. */
static void flush_word(struct ui_wrap *w)
{
	int space;

	if (!w->word.len)
		return;
	if (w->col < 0)
		open_line(w);
	space = w->space && w->col > w->line_start;
	if (w->col + space + w->word_width > w->width &&
	    w->col > w->line_start) {
		open_line(w);
		space = 0;
	}
	if (space) {
		add_raw(w->out, w->space_role, w->space_attr, " ", 1, 1);
		w->col++;
	}
	for (size_t i = 0; i < w->word.len; i++)
		place_glyph(w, vec_at(&w->word, i));
	buf_clear(&w->word_bytes);
	w->word.len = 0;
	w->word_width = 0;
	w->space = 0;
}

static void push_glyph(struct ui_wrap *w, enum ui_role role, unsigned attr,
		       const char *s, size_t len, int width)
{
	struct ui_wrap_glyph *g = vec_push(&w->word);

	g->off = w->word_bytes.len;
	g->len = len;
	g->width = width;
	g->role = (uint8_t)role;
	g->attr = (uint8_t)attr;
	buf_add(&w->word_bytes, s, len);
	w->word_width += width;
}

/* 1 if the word so far ends in a letter or digit (for hyphen breaks). */
static int word_ends_alnum(const struct ui_wrap *w)
{
	char c;

	if (!w->word_bytes.len)
		return 0;
	c = w->word_bytes.s[w->word_bytes.len - 1];
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/*
 * 1 if p belongs to the glyph before it, so that no line break may come
 * between them: a zero-width joiner or what follows one (the members of
 * an emoji family), a variation selector, a skin-tone modifier, or a
 * combining mark.
 */
static int joins_previous(const struct ui_wrap *w, const struct piece *p)
{
	return w->joining || p->cp == 0x200d ||
	       (p->cp >= 0xfe00 && p->cp <= 0xfe0f) ||
	       (p->cp >= 0x1f3fb && p->cp <= 0x1f3ff) ||
	       (p->width == 0 && !p->escaped);
}

void ui_wrap_add(struct ui_wrap *w, enum ui_role role, unsigned attr,
		 const char *s, size_t len)
{
	struct piece p;

	for (size_t i = 0; i < len; i += p.in) {
		int joins;

		next_piece(s + i, len - i, &p);
		joins = joins_previous(w, &p);
		w->joining = p.cp == 0x200d;
		/* The break after a wide character, unless this joins it. */
		if (w->after_wide && !joins)
			flush_word(w);
		w->after_wide = 0;
		if (p.cp == '\n') {
			ui_wrap_break(w);
			continue;
		}
		if (w->keep_spaces) {
			if (p.cp == '\t') {
				int n = 8 - w->word_width % 8;

				while (n--)
					push_glyph(w, role, attr, " ", 1, 1);
				continue;
			}
			push_glyph(w, p.escaped ? UI_R_ESCAPE : role, attr,
				   p.s, p.len, p.width);
			continue;
		}
		if (p.cp == ' ' || p.cp == '\t') {
			flush_word(w);
			w->space = 1;
			w->space_role = role;
			w->space_attr = attr;
			continue;
		}
		if (p.width == 2 && !p.escaped) {
			/* A break may come before and after a wide
			 * (ideographic) character, but not inside an emoji
			 * sequence. */
			if (!joins)
				flush_word(w);
			push_glyph(w, role, attr, p.s, p.len, 2);
			w->after_wide = 1;
			continue;
		}
		if (p.cp == '-' && word_ends_alnum(w)) {
			push_glyph(w, role, attr, p.s, p.len, 1);
			flush_word(w);
			continue;
		}
		push_glyph(w, p.escaped ? UI_R_ESCAPE : role, attr, p.s, p.len,
			   p.width);
	}
}

void ui_wrap_break(struct ui_wrap *w)
{
	flush_word(w);
	if (w->col < 0)
		open_line(w);
	w->col = -1;
	w->space = 0;
}

void ui_wrap_end(struct ui_wrap *w)
{
	flush_word(w);
	if (!w->lines)
		open_line(w);
	buf_release(&w->word_bytes);
	vec_release(&w->word);
}

void ui_wrap_text(struct ui_text *out, int width, enum ui_role role,
		  const char *s, size_t len)
{
	struct ui_wrap w;

	ui_wrap_begin(&w, out, width, NULL, NULL, UI_R_TEXT);
	ui_wrap_add(&w, role, 0, s, len);
	ui_wrap_end(&w);
}
