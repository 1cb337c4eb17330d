/* The mock's notes pad: a multi-line editor as plain data. */
#include "test_util.h"

#include <locale.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "core/xmalloc.h"
#include "ui/ui_int.h"
#include "ui/ui_notes.h"

static void type(struct notes *n, const char *s)
{
	size_t len = strlen(s);

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);

		assert_true(k > 0);
		if (cp == '\n')
			notes_edit(n, UI_A_NEWLINE, 0);
		else
			notes_edit(n, UI_A_CHAR, cp);
		i += k;
	}
}

static void key(struct notes *n, int a, int times)
{
	while (times-- > 0)
		notes_edit(n, a, 0);
}

/* The notes as text, with the cursor shown as '|'. */
static char *with_cursor(const struct notes *n)
{
	struct buf b;

	buf_init(&b);
	for (size_t i = 0; i < notes_count(n); i++) {
		const struct buf *t = &notes_line(n, i)->text;

		if (i)
			buf_addch(&b, '\n');
		if (i == n->row) {
			buf_add(&b, t->s, n->col);
			buf_addch(&b, '|');
			buf_add(&b, t->s + n->col, t->len - n->col);
		} else {
			buf_add(&b, t->s, t->len);
		}
	}
	return buf_detach(&b, NULL);
}

#define assert_notes(n, want) do { \
	char *got_ = with_cursor(n); \
	assert_string_equal(got_, want); \
	xfree(got_); \
} while (0)

/* The pane as lines, and the cursor's place in it. */
static char *pane(struct notes *n, int w, int h, int *row, int *col)
{
	struct ui_text t;
	struct buf b;

	ui_text_init(&t);
	notes_view(n, &t, w, h, row, col);
	assert_int_equal(ui_text_n_lines(&t), h);
	buf_init(&b);
	for (size_t i = 0; i < ui_text_n_lines(&t); i++) {
		assert_true(ui_text_line_width(&t, i) <= w);
		if (i)
			buf_addch(&b, '\n');
		ui_text_line_str(&t, i, &b);
	}
	ui_text_release(&t);
	return buf_detach(&b, NULL);
}

static void notes_types_lines_and_moves_by_character(void **state)
{
	struct notes n;

	(void)state;
	notes_init(&n, 0);
	type(&n, "héllo wörld\nsecond");
	assert_notes(&n, "héllo wörld\nsecond|");
	key(&n, UI_A_HOME, 1);
	key(&n, UI_A_LEFT, 1);
	assert_notes(&n, "héllo wörld|\nsecond");
	key(&n, UI_A_LEFT, 4);
	assert_notes(&n, "héllo w|örld\nsecond");
	key(&n, UI_A_RIGHT, 1);
	assert_notes(&n, "héllo wö|rld\nsecond");
	key(&n, UI_A_END, 1);
	key(&n, UI_A_RIGHT, 1);
	assert_notes(&n, "héllo wörld\n|second");
	key(&n, UI_A_BOTTOM, 1);
	key(&n, UI_A_RIGHT, 1);
	assert_notes(&n, "héllo wörld\nsecond|");
	key(&n, UI_A_TOP, 1);
	assert_int_equal(notes_edit(&n, UI_A_LEFT, 0), 0);
	assert_notes(&n, "|héllo wörld\nsecond");
	/* Control characters are not text. */
	assert_int_equal(notes_edit(&n, UI_A_CHAR, 0x1b), 0);
	assert_int_equal(notes_edit(&n, UI_A_CHAR, '\t'), 0);
	assert_int_equal(n.bytes, strlen("héllo wörld") + strlen("second"));
	notes_release(&n);
}

static void notes_combining_marks_move_with_their_base(void **state)
{
	struct notes n;

	(void)state;
	notes_init(&n, 0);
	type(&n, "e\xcc\x81t");	/* e + combining acute, t */
	key(&n, UI_A_LEFT, 2);
	assert_notes(&n, "|e\xcc\x81t");
	key(&n, UI_A_RIGHT, 1);
	assert_notes(&n, "e\xcc\x81|t");
	key(&n, UI_A_BACKSPACE, 1);
	assert_notes(&n, "|t");
	notes_release(&n);
}

static void notes_words_and_kills(void **state)
{
	struct notes n;

	(void)state;
	notes_init(&n, 0);
	type(&n, "cache hot links  now");
	key(&n, UI_A_WORD_LEFT, 2);
	assert_notes(&n, "cache hot |links  now");
	key(&n, UI_A_WORD_RIGHT, 1);
	assert_notes(&n, "cache hot links|  now");
	key(&n, UI_A_DEL_WORD, 1);
	assert_notes(&n, "cache hot |  now");
	key(&n, UI_A_KILL_END, 1);
	assert_notes(&n, "cache hot |");
	key(&n, UI_A_WORD_LEFT, 1);
	key(&n, UI_A_KILL_START, 1);
	assert_notes(&n, "|hot ");
	/* At the start of a line, word left goes to the line above. */
	type(&n, "\n");
	key(&n, UI_A_HOME, 1);
	key(&n, UI_A_WORD_LEFT, 1);
	assert_notes(&n, "|\nhot ");
	notes_release(&n);
}

static void notes_join_and_split_lines(void **state)
{
	struct notes n;

	(void)state;
	notes_init(&n, 0);
	type(&n, "ab\ncd");
	key(&n, UI_A_HOME, 1);
	key(&n, UI_A_BACKSPACE, 1);
	assert_notes(&n, "ab|cd");
	key(&n, UI_A_NEWLINE, 1);
	assert_notes(&n, "ab\n|cd");
	key(&n, UI_A_LEFT, 1);
	key(&n, UI_A_DELETE, 1);
	assert_notes(&n, "ab|cd");
	type(&n, "\n");
	key(&n, UI_A_UP, 1);
	key(&n, UI_A_END, 1);
	key(&n, UI_A_KILL_END, 1);
	assert_notes(&n, "ab|cd");
	type(&n, "\n");
	key(&n, UI_A_DEL_WORD, 1);
	assert_notes(&n, "ab|cd");
	/* Nothing before the first or after the last character. */
	key(&n, UI_A_TOP, 1);
	assert_int_equal(notes_edit(&n, UI_A_BACKSPACE, 0), 0);
	key(&n, UI_A_BOTTOM, 1);
	assert_int_equal(notes_edit(&n, UI_A_DELETE, 0), 0);
	assert_int_equal(notes_count(&n), 1);
	notes_release(&n);
}

static void notes_lines_remember_their_phase(void **state)
{
	struct notes n;

	(void)state;
	notes_init(&n, 0);
	type(&n, "users: riders\n");
	notes_set_phase(&n, 1);
	/* The empty line made in phase 0 is written in phase 1. */
	type(&n, "LB -> app servers");
	assert_int_equal(notes_line(&n, 0)->phase, 0);
	assert_int_equal(notes_line(&n, 1)->phase, 1);
	notes_set_phase(&n, 2);
	/* Editing an old line keeps its phase; splitting it too. */
	key(&n, UI_A_TOP, 1);
	key(&n, UI_A_END, 1);
	type(&n, ", drivers");
	key(&n, UI_A_WORD_LEFT, 1);
	key(&n, UI_A_NEWLINE, 1);
	assert_notes(&n, "users: riders, \n|drivers\nLB -> app servers");
	assert_int_equal(notes_line(&n, 0)->phase, 0);
	assert_int_equal(notes_line(&n, 1)->phase, 0);
	assert_int_equal(notes_line(&n, 2)->phase, 1);
	/* Enter at the start of a line opens a line of the current phase. */
	key(&n, UI_A_NEWLINE, 1);
	assert_int_equal(notes_line(&n, 1)->phase, 2);
	assert_int_equal(notes_line(&n, 2)->phase, 0);
	/* An empty line joined with the next takes that line's phase. */
	key(&n, UI_A_UP, 1);
	key(&n, UI_A_DELETE, 1);
	assert_notes(&n, "users: riders, \n|drivers\nLB -> app servers");
	assert_int_equal(notes_line(&n, 1)->phase, 0);
	notes_release(&n);
}

static void notes_set_text_keeps_phases_of_unchanged_lines(void **state)
{
	struct notes n;
	struct buf b;

	(void)state;
	notes_init(&n, 0);
	type(&n, "a\nb\n");
	notes_set_phase(&n, 1);
	type(&n, "c\n");
	notes_set_phase(&n, 3);
	/* As an editor gives them back: one line changed, one new, tabs
	 * and escapes are not text, the final newline ends the last. */
	static const char edited[] = "a\nB\nnew\tline\x1b[2J\nc\n";

	assert_int_equal(notes_set_text(&n, edited, sizeof(edited) - 1), 0);
	buf_init(&b);
	notes_text(&n, &b);
	assert_string_equal(b.s, "a\nB\nnew line [2J\nc");
	buf_release(&b);
	assert_int_equal(notes_count(&n), 4);
	assert_int_equal(notes_line(&n, 0)->phase, 0);
	assert_int_equal(notes_line(&n, 1)->phase, 3);
	assert_int_equal(notes_line(&n, 2)->phase, 3);
	assert_int_equal(notes_line(&n, 3)->phase, 1);
	assert_notes(&n, "a\nB\nnew line [2J\nc|");
	assert_int_equal(n.bytes, 1 + 1 + 12 + 1);
	notes_release(&n);
}

static void notes_refuse_text_over_the_limit(void **state)
{
	struct notes n;

	(void)state;
	notes_init(&n, 0);
	n.max_bytes = 5;
	type(&n, "abcd");
	assert_int_equal(notes_edit(&n, UI_A_CHAR, 0xe9), 0);	/* 2 bytes */
	assert_int_equal(notes_edit(&n, UI_A_CHAR, 'e'), 1);
	assert_int_equal(notes_edit(&n, UI_A_CHAR, 'f'), 0);
	assert_int_equal(notes_set_text(&n, "123\n456", 7), -1);
	assert_notes(&n, "123\n45|");
	notes_clear(&n);
	assert_int_equal(notes_append_line(&n, "xy", 2, 2), 0);
	assert_int_equal(notes_append_line(&n, "zzzz", 4, 3), -1);
	assert_notes(&n, "|xy\nzzz");
	assert_int_equal(notes_line(&n, 0)->phase, 2);
	assert_int_equal(notes_line(&n, 1)->phase, 3);
	notes_release(&n);
}

static void notes_wrap_at_spaces_by_display_width(void **state)
{
	struct notes n;
	int row, col;
	char *s;

	(void)state;
	notes_init(&n, 0);
	/* Width 10 keeps one cell for the cursor: rows of 9. */
	type(&n, "ids base62 counter");
	s = pane(&n, 10, 3, &row, &col);
	assert_string_equal(s, "ids \nbase62 \ncounter");
	xfree(s);
	assert_int_equal(row, 2);
	assert_int_equal(col, 7);
	/* Wide characters take two cells and are never split. */
	notes_clear(&n);
	type(&n, "キャッシュ層");
	s = pane(&n, 10, 2, &row, &col);
	assert_string_equal(s, "キャッシ\nュ層");
	xfree(s);
	assert_int_equal(row, 1);
	assert_int_equal(col, 4);
	/* A word longer than a row is split. */
	notes_clear(&n);
	type(&n, "abcdefghijkl");
	s = pane(&n, 10, 2, &row, &col);
	assert_string_equal(s, "abcdefghi\njkl");
	xfree(s);
	notes_release(&n);
}

static void notes_up_and_down_keep_the_display_cell(void **state)
{
	struct notes n;
	int row, col;
	char *s;

	(void)state;
	notes_init(&n, 0);
	type(&n, "キャッシュ\nabcdefgh\nxy");
	s = pane(&n, 20, 3, &row, &col);
	xfree(s);
	key(&n, UI_A_UP, 1);
	assert_notes(&n, "キャッシュ\nab|cdefgh\nxy");
	key(&n, UI_A_END, 1);
	key(&n, UI_A_LEFT, 3);
	/* Cell 5 is inside ッ: the cursor goes to the cell before it. */
	key(&n, UI_A_UP, 1);
	assert_notes(&n, "キャ|ッシュ\nabcdefgh\nxy");
	/* Down again comes back to cell 5, not 4. */
	key(&n, UI_A_DOWN, 1);
	assert_notes(&n, "キャッシュ\nabcde|fgh\nxy");
	/* A short line: its end, and the goal is kept past it. */
	key(&n, UI_A_DOWN, 1);
	assert_notes(&n, "キャッシュ\nabcdefgh\nxy|");
	key(&n, UI_A_UP, 1);
	assert_notes(&n, "キャッシュ\nabcde|fgh\nxy");
	/* Off the top or bottom: to the start or end. */
	key(&n, UI_A_UP, 2);
	assert_notes(&n, "|キャッシュ\nabcdefgh\nxy");
	key(&n, UI_A_DOWN, 5);
	assert_notes(&n, "キャッシュ\nabcdefgh\nxy|");
	notes_release(&n);
}

static void notes_up_and_down_move_over_wrapped_rows(void **state)
{
	struct notes n;
	int row, col;
	char *s;

	(void)state;
	notes_init(&n, 0);
	type(&n, "aaa bbb ccc ddd");
	s = pane(&n, 9, 4, &row, &col);
	assert_string_equal(s, "aaa bbb \nccc ddd\n\n");
	xfree(s);
	assert_int_equal(row, 1);
	assert_int_equal(col, 7);
	key(&n, UI_A_UP, 1);
	/* The end of a wrapped row shows on the next: stop before it. */
	assert_notes(&n, "aaa bbb| ccc ddd");
	key(&n, UI_A_HOME, 1);
	key(&n, UI_A_RIGHT, 1);
	key(&n, UI_A_DOWN, 1);
	assert_notes(&n, "aaa bbb c|cc ddd");
	notes_release(&n);
}

static void notes_scroll_to_keep_the_cursor_in_sight(void **state)
{
	struct notes n;
	int row, col;
	char *s;

	(void)state;
	notes_init(&n, 0);
	type(&n, "1\n2\n3\n4\n5\n6");
	s = pane(&n, 20, 3, &row, &col);
	assert_string_equal(s, "4\n5\n6");
	xfree(s);
	assert_int_equal(row, 2);
	key(&n, UI_A_UP, 4);
	s = pane(&n, 20, 3, &row, &col);
	assert_string_equal(s, "2\n3\n4");
	xfree(s);
	assert_int_equal(row, 0);
	/* Page down moves by the pane less one row. */
	key(&n, UI_A_PGDN, 1);
	assert_notes(&n, "1\n2\n3\n4|\n5\n6");
	s = pane(&n, 20, 3, &row, &col);
	assert_string_equal(s, "2\n3\n4");
	xfree(s);
	/* After lines go, no blank rows under the last. */
	key(&n, UI_A_BOTTOM, 1);
	s = pane(&n, 20, 3, &row, &col);
	assert_string_equal(s, "4\n5\n6");
	xfree(s);
	key(&n, UI_A_KILL_START, 1);
	key(&n, UI_A_BACKSPACE, 3);
	assert_notes(&n, "1\n2\n3\n4|");
	s = pane(&n, 20, 3, &row, &col);
	assert_string_equal(s, "2\n3\n4");
	xfree(s);
	notes_release(&n);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test(f)
		T(notes_types_lines_and_moves_by_character),
		T(notes_combining_marks_move_with_their_base),
		T(notes_words_and_kills),
		T(notes_join_and_split_lines),
		T(notes_lines_remember_their_phase),
		T(notes_set_text_keeps_phases_of_unchanged_lines),
		T(notes_refuse_text_over_the_limit),
		T(notes_wrap_at_spaces_by_display_width),
		T(notes_up_and_down_keep_the_display_cell),
		T(notes_up_and_down_move_over_wrapped_rows),
		T(notes_scroll_to_keep_the_cursor_in_sight),
#undef T
	};

	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		return 1;
	return cmocka_run_group_tests_name("ui_notes", tests, NULL, NULL);
}
