/*
 * The line editor for typed answers and browse patterns: UTF-8 text with a
 * cursor that moves over whole characters (a base and its combining marks).
 */
#include "ui/ui_int.h"

#include <string.h>

#include "core/utf8.h"

void ui_input_init(struct ui_input *in)
{
	buf_init(&in->text);
	in->cursor = 0;
	in->max = UI_INPUT_MAX;
}

void ui_input_release(struct ui_input *in)
{
	buf_release(&in->text);
	in->cursor = 0;
}

void ui_input_clear(struct ui_input *in)
{
	buf_clear(&in->text);
	in->cursor = 0;
}

void ui_input_set(struct ui_input *in, const char *s)
{
	buf_clear(&in->text);
	buf_adds(&in->text, s);
	in->cursor = in->text.len;
}

/* The start of the code point before byte offset i (i > 0). */
static size_t prev_cp(const char *s, size_t i)
{
	do
		i--;
	while (i && ((unsigned char)s[i] & 0xc0) == 0x80);
	return i;
}

static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
	uint32_t cp;

	*n = ui_decode(s + i, len - i, &cp);
	return cp;
}

size_t ui_char_prev(const char *s, size_t len, size_t i)
{
	size_t n;

	while (i) {
		i = prev_cp(s, i);
		if (ui_cp_width(cp_at(s, len, i, &n)) != 0)
			break;
	}
	return i;
}

size_t ui_char_next(const char *s, size_t len, size_t i)
{
	size_t n;

	if (i >= len)
		return i;
	cp_at(s, len, i, &n);
	i += n;
	while (i < len && ui_cp_width(cp_at(s, len, i, &n)) == 0)
		i += n;
	return i;
}

/* Back over spaces, then over the word (unix-word-rubout). */
size_t ui_word_start(const char *s, size_t len, size_t i)
{
	while (i && s[prev_cp(s, i)] == ' ')
		i = prev_cp(s, i);
	while (i && s[prev_cp(s, i)] != ' ')
		i = ui_char_prev(s, len, i);
	return i;
}

size_t ui_word_end(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] == ' ')
		i++;
	while (i < len && s[i] != ' ')
		i = ui_char_next(s, len, i);
	return i;
}

static size_t prev_char(const struct buf *b, size_t i)
{
	return ui_char_prev(b->s, b->len, i);
}

static size_t next_char(const struct buf *b, size_t i)
{
	return ui_char_next(b->s, b->len, i);
}

static size_t word_start(const struct buf *b, size_t i)
{
	return ui_word_start(b->s, b->len, i);
}

static size_t word_end(const struct buf *b, size_t i)
{
	return ui_word_end(b->s, b->len, i);
}

void ui_buf_remove(struct buf *b, size_t from, size_t to)
{
	memmove(b->s + from, b->s + to, b->len - to);
	buf_setlen(b, b->len - (to - from));
}

size_t ui_buf_insert_cp(struct buf *b, size_t at, uint32_t cp, size_t room)
{
	char u[4];
	size_t n;

	if (cp < 0x20 || ui_cp_width(cp) < 0)
		return 0;
	n = utf8_encode(cp, u);
	if (n > room)
		return 0;
	buf_grow(b, n);
	memmove(b->s + at + n, b->s + at, b->len - at + 1);
	memcpy(b->s + at, u, n);
	b->len += n;
	return n;
}

/* Removes [from, to) and leaves the cursor at from. */
static int cut(struct ui_input *in, size_t from, size_t to)
{
	if (from == to)
		return 0;
	ui_buf_remove(&in->text, from, to);
	in->cursor = from;
	return 1;
}

static int move_to(struct ui_input *in, size_t to)
{
	if (to == in->cursor)
		return 0;
	in->cursor = to;
	return 1;
}

static int insert(struct ui_input *in, uint32_t cp)
{
	size_t room = in->max > in->text.len ? in->max - in->text.len : 0;
	size_t n = ui_buf_insert_cp(&in->text, in->cursor, cp, room);

	in->cursor += n;
	return n != 0;
}

int ui_input_edit(struct ui_input *in, int a, uint32_t cp)
{
	struct buf *b = &in->text;

	switch (a) {
	case UI_A_CHAR:
		return insert(in, cp);
	case UI_A_LEFT:
		return move_to(in, prev_char(b, in->cursor));
	case UI_A_RIGHT:
		return move_to(in, next_char(b, in->cursor));
	case UI_A_WORD_LEFT:
		return move_to(in, word_start(b, in->cursor));
	case UI_A_WORD_RIGHT:
		return move_to(in, word_end(b, in->cursor));
	case UI_A_HOME:
		return move_to(in, 0);
	case UI_A_END:
		return move_to(in, b->len);
	case UI_A_BACKSPACE:
		return cut(in, prev_char(b, in->cursor), in->cursor);
	case UI_A_DELETE:
		return cut(in, in->cursor, next_char(b, in->cursor));
	case UI_A_DEL_WORD:
		return cut(in, word_start(b, in->cursor), in->cursor);
	case UI_A_KILL_START:
		return cut(in, 0, in->cursor);
	case UI_A_KILL_END:
		return cut(in, in->cursor, b->len);
	default:
		return 0;
	}
}

/*
 * One line of the wrapped text from start, at most w cells: sets *show to
 * the end of what it shows and returns where the next line starts.  It
 * breaks after the last space that fits, mid-word only when a word is
 * longer than the line; a space that does not fit ends the line unseen.
 */
static size_t wrap_line(const struct buf *b, size_t start, int w,
			size_t *show)
{
	size_t i = start, after_space = 0;
	int c = 0;

	for (; i < b->len; i = next_char(b, i)) {
		size_t end = next_char(b, i);

		c += ui_str_width(b->s + i, end - i);
		if (c <= w) {
			if (b->s[i] == ' ')
				after_space = end;
			continue;
		}
		if (b->s[i] == ' ') {
			*show = i;
			return end;
		}
		if (!after_space)	/* a word longer than the line */
			after_space = i > start ? i : end;
		*show = after_space;
		return after_space;
	}
	*show = b->len;
	return b->len;
}

/* A new line of out, with the prefix on the first and room for it after. */
static void view_line(struct ui_text *out, const char *prefix, int pw, int r)
{
	ui_text_newline(out);
	if (prefix && !r)
		ui_text_adds(out, UI_R_DIM, 0, prefix);
	else if (prefix)
		ui_text_pad(out, UI_R_DIM, 0, pw);
}

void ui_input_view(const struct ui_input *in, struct ui_text *out, int width,
		   const char *prefix, int *row, int *col)
{
	const struct buf *b = &in->text;
	int pw = prefix ? ui_str_width(prefix, strlen(prefix)) : 0;
	int w = width - pw, r = 0;
	size_t start = 0, show, next;

	if (w < 2)
		w = 2;
	*row = -1;
	for (;; start = next, r++) {
		next = wrap_line(b, start, w, &show);
		view_line(out, prefix, pw, r);
		ui_text_add(out, UI_R_INPUT, 0, b->s + start, show - start);
		if (in->cursor >= start && in->cursor < next) {
			*row = r;
			*col = pw + ui_str_width(b->s + start,
						 in->cursor - start);
		}
		if (next >= b->len)
			break;
	}
	if (*row >= 0)
		return;
	/* After the last character the cursor needs a cell: on a full
	 * line, at the start of one more. */
	if (ui_str_width(b->s + start, show - start) < w) {
		*row = r;
		*col = pw + ui_str_width(b->s + start, show - start);
	} else {
		view_line(out, prefix, pw, r + 1);
		*row = r + 1;
		*col = pw;
	}
}
