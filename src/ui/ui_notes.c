/*
 * The notes pad's editor: lines of UTF-8 with their phases, a cursor, and
 * the wrapped layout that moving up and down and the view share, so that
 * what the cursor does matches what is on screen.
 */
#include "ui/ui_notes.h"

#include <string.h>

#include "core/xmalloc.h"

/* ---- Lines ------------------------------------------------------------- */

static struct notes_line *line_at(const struct notes *n, size_t i)
{
	return vec_at(&n->lines, i);
}

const struct notes_line *notes_line(const struct notes *n, size_t i)
{
	return line_at(n, i);
}

static struct notes_line *cur(const struct notes *n)
{
	return line_at(n, n->row);
}

/* Inserts an empty line at i, in phase. */
static struct notes_line *insert_line(struct notes *n, size_t i, int phase)
{
	struct notes_line *l;

	vec_push(&n->lines);
	l = line_at(n, i);
	memmove(l + 1, l, (n->lines.len - 1 - i) * sizeof(*l));
	buf_init(&l->text);
	l->phase = phase;
	return l;
}

static void remove_line(struct notes *n, size_t i)
{
	struct notes_line *l = line_at(n, i);

	buf_release(&l->text);
	memmove(l, l + 1, (n->lines.len - 1 - i) * sizeof(*l));
	n->lines.len--;
}

void notes_init(struct notes *n, int phase)
{
	memset(n, 0, sizeof(*n));
	vec_init(&n->lines, sizeof(struct notes_line));
	n->phase = phase;
	n->goal = -1;
	n->max_bytes = NOTES_MAX_BYTES;
	insert_line(n, 0, phase);
}

static void drop_lines(struct notes *n)
{
	for (size_t i = 0; i < n->lines.len; i++)
		buf_release(&line_at(n, i)->text);
	n->lines.len = 0;
}

void notes_release(struct notes *n)
{
	drop_lines(n);
	vec_release(&n->lines);
}

void notes_clear(struct notes *n)
{
	drop_lines(n);
	insert_line(n, 0, n->phase);
	n->row = n->col = 0;
	n->top = 0;
	n->bytes = 0;
	n->goal = -1;
}

void notes_set_phase(struct notes *n, int phase)
{
	n->phase = phase;
}

/*
 * Appends s[0..len) to b as one line's text: up to a newline, control
 * characters (tabs too) as spaces, within room bytes.  Returns the bytes
 * of s consumed (up to and including a newline) and sets *cut when room
 * ran out.
 */
static size_t add_clean(struct buf *b, const char *s, size_t len,
			size_t *room, int *cut)
{
	size_t i = 0;

	while (i < len && s[i] != '\n') {
		uint32_t cp;
		size_t k = ui_decode(s + i, len - i, &cp);

		if (cp == '\r' && i + 1 < len && s[i + 1] == '\n') {
			i++;
			continue;
		}
		if (cp & UI_BAD_BYTE || ui_cp_width(cp) < 0)
			cp = ' ';
		if (*room < (cp == ' ' ? 1 : k)) {
			*cut = 1;
		} else if (cp == ' ' && s[i] != ' ') {
			buf_addch(b, ' ');
			*room -= 1;
		} else {
			buf_add(b, s + i, k);
			*room -= k;
		}
		i += k;
	}
	return i < len ? i + 1 : i;
}

int notes_append_line(struct notes *n, const char *s, size_t len, int phase)
{
	struct notes_line *l;
	size_t room = n->max_bytes - n->bytes, before;
	int cut = 0;

	if (n->lines.len == 1 && !line_at(n, 0)->text.len && !n->bytes)
		l = line_at(n, 0);
	else
		l = insert_line(n, n->lines.len, phase);
	l->phase = phase;
	before = l->text.len;
	add_clean(&l->text, s, len, &room, &cut);
	n->bytes += l->text.len - before;
	return cut || memchr(s, '\n', len) ? -1 : 0;
}

int notes_set_text(struct notes *n, const char *s, size_t len)
{
	struct notes old = *n;
	size_t room = n->max_bytes, i = 0, used_from = 0;
	int cut = 0;
	char *used;

	vec_init(&n->lines, sizeof(struct notes_line));
	n->bytes = 0;
	used = xcalloc(old.lines.len, 1);
	do {
		struct notes_line *l = insert_line(n, n->lines.len, n->phase);

		i += add_clean(&l->text, s + i, len - i, &room, &cut);
		n->bytes += l->text.len;
		/* The first unused old line with the same text, from where
		 * the last match was: lines keep their order. */
		for (size_t k = used_from; k < old.lines.len; k++) {
			const struct notes_line *o = line_at(&old, k);

			if (used[k] || o->text.len != l->text.len ||
			    memcmp(o->text.s, l->text.s, l->text.len))
				continue;
			used[k] = 1;
			l->phase = o->phase;
			used_from = k + 1;
			break;
		}
	} while (i < len);
	xfree(used);
	notes_release(&old);
	n->row = n->lines.len - 1;
	n->col = cur(n)->text.len;
	n->goal = -1;
	return cut ? -1 : 0;
}

void notes_text(const struct notes *n, struct buf *out)
{
	for (size_t i = 0; i < n->lines.len; i++) {
		if (i)
			buf_addch(out, '\n');
		buf_add(out, line_at(n, i)->text.s, line_at(n, i)->text.len);
	}
}

const char *notes_current(const struct notes *n, size_t *len)
{
	*len = cur(n)->text.len;
	return cur(n)->text.s;
}

/* ---- Layout ------------------------------------------------------------ */

/*
 * The byte offsets where the wrapped rows of s[0..len) start, the first
 * being 0, at most w cells a row.  Rows break after a space, or inside a
 * word longer than a row; a space that does not fit hangs at the end of
 * its row (the pane keeps one cell for it and for the cursor).
 */
static void wrap_rows(const char *s, size_t len, int w, struct vec *starts)
{
	size_t i = 0, rs = 0, brk = 0;
	int col = 0;

	starts->len = 0;
	*(size_t *)vec_push(starts) = 0;
	while (i < len) {
		size_t next = ui_char_next(s, len, i);
		int cw = ui_str_width(s + i, next - i);

		if (col + cw > w && i > rs) {
			if (s[i] == ' ') {
				rs = next;
				i = next;
				col = 0;
			} else {
				rs = brk > rs ? brk : i;
				col = ui_str_width(s + rs, i - rs);
			}
			brk = 0;
			*(size_t *)vec_push(starts) = rs;
			continue;
		}
		col += cw;
		if (s[i] == ' ')
			brk = next;
		i = next;
	}
}

/* The cells each row may fill: one is kept for the cursor at the end. */
static int row_width(const struct notes *n)
{
	int w = n->width > 0 ? n->width - 1 : 1 << 20;

	return w < 1 ? 1 : w;
}

/* The wrapped row of line l that byte offset off is in. */
static size_t row_of(const struct vec *starts, size_t off)
{
	size_t k = 0;

	while (k + 1 < starts->len &&
	       *(size_t *)vec_at(starts, k + 1) <= off)
		k++;
	return k;
}

/* The offset in row k of s at cell goal, or the row's last place. */
static size_t offset_at(const char *s, size_t len, const struct vec *starts,
			size_t k, int goal)
{
	size_t i = *(size_t *)vec_at(starts, k);
	size_t end = k + 1 < starts->len ? *(size_t *)vec_at(starts, k + 1)
					 : len;
	int col = 0;

	while (i < end) {
		size_t next = ui_char_next(s, len, i);
		int cw = ui_str_width(s + i, next - i);

		/* The end of a row that is not the last shows on the next. */
		if (col + cw > goal || (next == end && k + 1 < starts->len))
			break;
		col += cw;
		i = next;
	}
	return i;
}

/* The cell of the cursor in its row. */
static int cursor_cell(const struct notes *n, const struct vec *starts)
{
	const struct buf *t = &cur(n)->text;
	size_t rs = *(size_t *)vec_at(starts, row_of(starts, n->col));

	return ui_str_width(t->s + rs, n->col - rs);
}

/* Moves the cursor by dy wrapped rows, keeping its cell. */
static int move_rows(struct notes *n, long dy)
{
	struct vec starts;
	size_t row = n->row, col = n->col, k;
	const struct buf *t;

	vec_init(&starts, sizeof(size_t));
	t = &cur(n)->text;
	wrap_rows(t->s, t->len, row_width(n), &starts);
	if (n->goal < 0)
		n->goal = cursor_cell(n, &starts);
	k = row_of(&starts, n->col);
	for (; dy < 0; dy++) {
		if (k > 0) {
			k--;
		} else if (n->row > 0) {
			n->row--;
			t = &cur(n)->text;
			wrap_rows(t->s, t->len, row_width(n), &starts);
			k = starts.len - 1;
		} else {
			n->col = 0;
			goto out;
		}
	}
	for (; dy > 0; dy--) {
		if (k + 1 < starts.len) {
			k++;
		} else if (n->row + 1 < n->lines.len) {
			n->row++;
			t = &cur(n)->text;
			wrap_rows(t->s, t->len, row_width(n), &starts);
			k = 0;
		} else {
			n->col = t->len;
			goto out;
		}
	}
	n->col = offset_at(t->s, t->len, &starts, k, n->goal);
out:
	vec_release(&starts);
	return n->row != row || n->col != col;
}

/* ---- Editing ----------------------------------------------------------- */

static int move_to(struct notes *n, size_t row, size_t col)
{
	if (row == n->row && col == n->col)
		return 0;
	n->row = row;
	n->col = col;
	return 1;
}

/* Removes [from, to) of the current line; the cursor goes to from. */
static int cut(struct notes *n, size_t from, size_t to)
{
	if (from == to)
		return 0;
	ui_buf_remove(&cur(n)->text, from, to);
	n->bytes -= to - from;
	n->col = from;
	return 1;
}

/* Joins line row + 1 onto row; the joined line keeps row's phase. */
static int join_next(struct notes *n, size_t row)
{
	struct notes_line *a, *b;

	if (row + 1 >= n->lines.len)
		return 0;
	a = line_at(n, row);
	b = line_at(n, row + 1);
	/* An empty line takes the phase of what it is joined with. */
	if (!a->text.len)
		a->phase = b->phase;
	n->row = row;
	n->col = a->text.len;
	buf_add(&a->text, b->text.s, b->text.len);
	remove_line(n, row + 1);
	return 1;
}

static int insert_char(struct notes *n, uint32_t cp)
{
	struct notes_line *l = cur(n);
	int was_empty = !l->text.len;
	size_t k = ui_buf_insert_cp(&l->text, n->col, cp,
				    n->max_bytes - n->bytes);

	if (!k)
		return 0;
	/* A line is written in the phase its first character is typed. */
	if (was_empty)
		l->phase = n->phase;
	n->col += k;
	n->bytes += k;
	return 1;
}

/*
 * Splits the line at the cursor.  What moves down keeps the line's phase;
 * the new empty line made by enter at either end is the current phase's.
 */
static int newline(struct notes *n)
{
	struct notes_line *l = cur(n), *nl;
	int phase = l->phase;
	size_t col = n->col;

	if (col == 0 && l->text.len) {
		insert_line(n, n->row, n->phase);
		n->row++;
		return 1;
	}
	nl = insert_line(n, n->row + 1, col < l->text.len ? phase : n->phase);
	l = cur(n);
	buf_add(&nl->text, l->text.s + col, l->text.len - col);
	buf_setlen(&l->text, col);
	n->row++;
	n->col = 0;
	return 1;
}

int notes_action_writes(int a)
{
	switch (a) {
	case UI_A_CHAR:
	case UI_A_NEWLINE:
	case UI_A_BACKSPACE:
	case UI_A_DELETE:
	case UI_A_DEL_WORD:
	case UI_A_KILL_START:
	case UI_A_KILL_END:
		return 1;
	default:
		return 0;
	}
}

static long page(const struct notes *n)
{
	return n->height > 2 ? n->height - 1 : 1;
}

static int edit(struct notes *n, int a, uint32_t cp)
{
	const struct buf *b = &cur(n)->text;

	switch (a) {
	case UI_A_CHAR:
		return insert_char(n, cp);
	case UI_A_NEWLINE:
		return newline(n);
	case UI_A_LEFT:
		if (!n->col)
			return n->row ? move_to(n, n->row - 1,
						line_at(n, n->row - 1)->text.len)
				      : 0;
		return move_to(n, n->row, ui_char_prev(b->s, b->len, n->col));
	case UI_A_RIGHT:
		if (n->col == b->len)
			return n->row + 1 < n->lines.len
				       ? move_to(n, n->row + 1, 0) : 0;
		return move_to(n, n->row, ui_char_next(b->s, b->len, n->col));
	case UI_A_WORD_LEFT:
		if (!n->col)
			return edit(n, UI_A_LEFT, 0);
		return move_to(n, n->row, ui_word_start(b->s, b->len, n->col));
	case UI_A_WORD_RIGHT:
		if (n->col == b->len)
			return edit(n, UI_A_RIGHT, 0);
		return move_to(n, n->row, ui_word_end(b->s, b->len, n->col));
	case UI_A_HOME:
		return move_to(n, n->row, 0);
	case UI_A_END:
		return move_to(n, n->row, b->len);
	case UI_A_TOP:
		return move_to(n, 0, 0);
	case UI_A_BOTTOM:
		return move_to(n, n->lines.len - 1,
			       line_at(n, n->lines.len - 1)->text.len);
	case UI_A_UP:
		return move_rows(n, -1);
	case UI_A_DOWN:
		return move_rows(n, 1);
	case UI_A_PGUP:
		return move_rows(n, -page(n));
	case UI_A_PGDN:
		return move_rows(n, page(n));
	case UI_A_BACKSPACE:
		if (!n->col)
			return n->row ? join_next(n, n->row - 1) : 0;
		return cut(n, ui_char_prev(b->s, b->len, n->col), n->col);
	case UI_A_DELETE:
		if (n->col == b->len)
			return join_next(n, n->row);
		return cut(n, n->col, ui_char_next(b->s, b->len, n->col));
	case UI_A_DEL_WORD:
		if (!n->col)
			return n->row ? join_next(n, n->row - 1) : 0;
		return cut(n, ui_word_start(b->s, b->len, n->col), n->col);
	case UI_A_KILL_START:
		return cut(n, 0, n->col);
	case UI_A_KILL_END:
		/* At the end of a line, as in emacs: join the next. */
		if (n->col == b->len)
			return join_next(n, n->row);
		return cut(n, n->col, b->len);
	default:
		return 0;
	}
}

int notes_edit(struct notes *n, int a, uint32_t cp)
{
	int goal = n->goal;
	int r = edit(n, a, cp);

	/* Up and down keep aiming at the cell they started from. */
	if (a == UI_A_UP || a == UI_A_DOWN || a == UI_A_PGUP ||
	    a == UI_A_PGDN)
		n->goal = n->goal < 0 ? goal : n->goal;
	else
		n->goal = -1;
	return r;
}

/* ---- View -------------------------------------------------------------- */

void notes_view(struct notes *n, struct ui_text *out, int width, int height,
		int *row, int *col)
{
	struct vec starts;
	size_t vrow = 0, total = 0, shown = 0;

	n->width = width;
	n->height = height;
	vec_init(&starts, sizeof(size_t));
	/* Where the cursor is among all the wrapped rows. */
	for (size_t i = 0; i < n->lines.len; i++) {
		const struct buf *t = &line_at(n, i)->text;

		wrap_rows(t->s, t->len, row_width(n), &starts);
		if (i == n->row) {
			vrow = total + row_of(&starts, n->col);
			*col = cursor_cell(n, &starts);
		}
		total += starts.len;
	}
	if (height < 1)
		height = 1;
	if (vrow < n->top)
		n->top = vrow;
	if (vrow >= n->top + (size_t)height)
		n->top = vrow - (size_t)height + 1;
	/* No blank rows under the last when there is more above. */
	if (total >= (size_t)height && n->top > total - (size_t)height)
		n->top = total - (size_t)height;
	*row = (int)(vrow - n->top);
	total = 0;
	for (size_t i = 0; i < n->lines.len && shown < (size_t)height; i++) {
		const struct buf *t = &line_at(n, i)->text;

		wrap_rows(t->s, t->len, row_width(n), &starts);
		for (size_t k = 0; k < starts.len; k++, total++) {
			size_t a = *(size_t *)vec_at(&starts, k);
			size_t e = k + 1 < starts.len
					   ? *(size_t *)vec_at(&starts, k + 1)
					   : t->len;

			if (total < n->top || shown >= (size_t)height)
				continue;
			ui_text_newline(out);
			ui_text_add(out, UI_R_INPUT, 0, t->s + a, e - a);
			shown++;
		}
	}
	for (; shown < (size_t)height; shown++)
		ui_text_newline(out);
	vec_release(&starts);
}
