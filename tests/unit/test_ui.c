#include "test_util.h"

#include <locale.h>

#include "core/buf.h"
#include "core/xmalloc.h"
#include "loader/loader.h"
#include "queue/queue_settings.h"
#include "store/store.h"
#include "ui/ui_app.h"
#include "ui/ui_browse.h"
#include "ui/ui_card.h"
#include "ui/ui_drill.h"
#include "ui/ui_home.h"
#include "ui/ui_int.h"
#include "ui/ui_mcover.h"
#include "ui/ui_mpick.h"
#include "ui/ui_mresult.h"
#include "ui/ui_mrun.h"
#include "ui/ui_mscore.h"

/* All lines of t, joined with newlines. */
static char *dump(const struct ui_text *t)
{
	struct buf b;

	buf_init(&b);
	for (size_t i = 0; i < ui_text_n_lines(t); i++) {
		if (i)
			buf_addch(&b, '\n');
		ui_text_line_str(t, i, &b);
	}
	return buf_detach(&b, NULL);
}

/* Checks the whole text of t and frees the dump. */
#define assert_text(t, want) do { \
	char *got_ = dump(t); \
	assert_string_equal(got_, want); \
	xfree(got_); \
} while (0)

/*
 * Lines of t with styles: each span as [role:attr|text] when not plain
 * text, so tests can check what is bold, hidden or escaped.
 */
static char *dump_styled(const struct ui_text *t)
{
	struct buf b;

	buf_init(&b);
	for (size_t i = 0; i < ui_text_n_lines(t); i++) {
		const struct ui_line *l = ui_text_line(t, i);

		if (i)
			buf_addch(&b, '\n');
		for (size_t k = 0; k < l->n_spans; k++) {
			const struct ui_span *sp = ui_text_span(t, l->span + k);

			if (sp->role == UI_R_TEXT && !sp->attr)
				buf_add(&b, t->bytes.s + sp->off, sp->len);
			else
				buf_addf(&b, "[%d:%d|%.*s]", sp->role, sp->attr,
					 (int)sp->len, t->bytes.s + sp->off);
		}
	}
	return buf_detach(&b, NULL);
}

#define assert_styled(t, want) do { \
	char *got_ = dump_styled(t); \
	assert_string_equal(got_, want); \
	xfree(got_); \
} while (0)

static void ui_escapes_control_characters(void **state)
{
	struct ui_text text, *t = &text;
	/* ESC, DEL, C1 CSI (U+009B), a stray byte, RLO (U+202E), NUL. */
	static const char s[] = "a\x1b[31mb\x7f\xc2\x9b\xff\xe2\x80\xae!\0z";

	(void)state;
	ui_text_init(t);
	ui_text_add(t, UI_R_TEXT, 0, s, sizeof(s) - 1);
	assert_text(t, "a^[[31mb^?<U+009B>\\xFF<U+202E>!^@z");
	assert_styled(t, "a[9:0|^[][31mb[9:0|^?<U+009B>\\xFF<U+202E>]!"
		      "[9:0|^@]z");
	/* The escapes are counted as the cells they take. */
	assert_int_equal(ui_text_line_width(t, 0), 34);
	ui_text_release(t);
}

static void ui_tabs_and_newlines_become_spaces_in_a_line(void **state)
{
	struct ui_text text, *t = &text;

	(void)state;
	ui_text_init(t);
	ui_text_adds(t, UI_R_TEXT, 0, "a\tb\nc\rd");
	assert_text(t, "a b c^Md");
	ui_text_release(t);
}

static void ui_width_counts_wide_and_combining(void **state)
{
	(void)state;
	/* Two CJK ideographs, an emoji, e + combining acute. */
	assert_int_equal(ui_str_width("中文😀e\xcc\x81", 13), 7);
	assert_int_equal(ui_cp_width(0x4e2d), 2);
	assert_int_equal(ui_cp_width(0x1f600), 2);
	assert_int_equal(ui_cp_width(0x301), 0);
	assert_int_equal(ui_cp_width(0x1b), -1);
	assert_int_equal(ui_cp_width(0x9b), -1);
	assert_int_equal(ui_cp_width(0x2066), -1);
	/* An unassigned code point has no known width. */
	assert_int_equal(ui_cp_width(0x378), -1);
}

static void ui_fit_pads_aligns_and_cuts(void **state)
{
	struct ui_text text, *t = &text;

	(void)state;
	ui_text_init(t);
	ui_text_fit(t, UI_R_TEXT, 0, "abc", 3, 6, UI_LEFT);
	ui_text_adds(t, UI_R_TEXT, 0, "|");
	ui_text_fit(t, UI_R_TEXT, 0, "abc", 3, 6, UI_RIGHT);
	ui_text_adds(t, UI_R_TEXT, 0, "|");
	ui_text_fit(t, UI_R_TEXT, 0, "abcdefgh", 8, 6, UI_LEFT);
	ui_text_adds(t, UI_R_TEXT, 0, "|");
	/* A wide character that would straddle the cut is left out. */
	ui_text_fit(t, UI_R_TEXT, 0, "ab中文", 8, 4, UI_LEFT);
	ui_text_adds(t, UI_R_TEXT, 0, "|");
	ui_text_fit(t, UI_R_TEXT, 0, "\x1b\x1b\x1b", 3, 4, UI_LEFT);
	ui_text_adds(t, UI_R_TEXT, 0, "|");
	assert_text(t, "abc   |   abc|abcde…|ab… |^[^…|");
	assert_int_equal(ui_text_line_width(t, 0), 6 * 2 + 6 + 4 + 4 + 5);
	ui_text_release(t);
}

static void wrap(struct ui_text *t, int width, const char *s)
{
	ui_text_clear(t);
	ui_wrap_text(t, width, UI_R_TEXT, s, strlen(s));
}

static void ui_wrap_breaks_at_spaces(void **state)
{
	struct ui_text text, *t = &text;

	(void)state;
	ui_text_init(t);
	wrap(t, 10, "The quick brown fox jumps over the lazy dog");
	assert_text(t, "The quick\nbrown fox\njumps over\nthe lazy\ndog");
	/* Runs of spaces collapse; none is left at a line's end or start. */
	wrap(t, 9, "  one   two    three  ");
	assert_text(t, "one two\nthree");
	wrap(t, 10, "");
	assert_text(t, "");
	assert_int_equal(ui_text_n_lines(t), 1);
	ui_text_release(t);
}

static void ui_wrap_splits_only_words_longer_than_a_line(void **state)
{
	struct ui_text text, *t = &text;

	(void)state;
	ui_text_init(t);
	wrap(t, 5, "ab abcdefghijklm cd");
	assert_text(t, "ab\nabcde\nfghij\nklm\ncd");
	wrap(t, 8, "write-through cache");
	assert_text(t, "write-\nthrough\ncache");
	/* A leading or doubled hyphen is not a break. */
	wrap(t, 4, "--flag");
	assert_text(t, "--fl\nag");
	ui_text_release(t);
}

static void ui_wrap_breaks_around_wide_characters(void **state)
{
	struct ui_text text, *t = &text;

	(void)state;
	ui_text_init(t);
	/* Every ideograph is a break opportunity; none is cut. */
	wrap(t, 7, "日本語のテキスト");
	assert_text(t, "日本語\nのテキ\nスト");
	/* An emoji that would take the last cell and one more moves on. */
	wrap(t, 5, "ab 😀😀😀");
	assert_text(t, "ab 😀\n😀😀");
	for (size_t i = 0; i < ui_text_n_lines(t); i++)
		assert_true(ui_text_line_width(t, i) <= 5);
	/* An emoji sequence is one glyph: a family (joined by U+200D) and
	 * a thumb with its skin tone never break apart. */
	wrap(t, 8, "ab \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
		   "\xe2\x80\x8d\xf0\x9f\x91\xa7 cd");
	assert_text(t, "ab\n\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
		    "\xe2\x80\x8d\xf0\x9f\x91\xa7\ncd");
	wrap(t, 4, "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd\xf0\x9f\x91\x8d"
		   "\xf0\x9f\x8f\xbd");
	assert_text(t, "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd\n"
		    "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd");
	ui_text_release(t);
}

static void ui_wrap_keeps_escapes_and_prefixes(void **state)
{
	struct ui_text text, *t = &text;
	struct ui_wrap w;

	(void)state;
	ui_text_init(t);
	ui_wrap_begin(&w, t, 12, "- ", "  ", UI_R_MARK);
	ui_wrap_add(&w, UI_R_TEXT, 0, "alpha\x1b beta gamma\ndelta", 23);
	ui_wrap_end(&w);
	assert_text(t, "- alpha^[\n  beta gamma\n  delta");
	assert_styled(t, "[6:0|- ]alpha[9:0|^[]\n[6:0|  ]beta gamma\n"
		      "[6:0|  ]delta");
	ui_text_release(t);
}

static void md(struct ui_text *t, int width, const char *s)
{
	ui_text_clear(t);
	ui_md_render(t, s, strlen(s), width, UI_MD_CLOZE);
}

static void ui_md_renders_emphasis_and_code(void **state)
{
	struct ui_text text, *t = &text;

	(void)state;
	ui_text_init(t);
	md(t, 40, "Plain **bold** *it* `x[i]` [docs](http://d.io) <http://a.b>");
	assert_text(t, "Plain bold it x[i] docs (http://d.io)\nhttp://a.b");
	assert_styled(t, "Plain [0:1|bold] [0:2|it] [7:0|x[i]] [8:4|docs]"
		      "[1:0| (http://d.io)]\n[8:4|http://a.b]");
	ui_text_release(t);
}

static void ui_md_renders_lists_and_blocks(void **state)
{
	struct ui_text text, *t = &text;

	(void)state;
	ui_text_init(t);
	md(t, 30,
	   "# Title\n"
	   "\n"
	   "Intro paragraph that wraps onto a second line.\n"
	   "\n"
	   "- one\n"
	   "- two which is long enough to wrap\n"
	   "  - nested\n"
	   "\n"
	   "3. three\n"
	   "4. four\n"
	   "\n"
	   "```\n"
	   "code\tx\n"
	   "  kept\n"
	   "```\n"
	   "> quoted text\n"
	   "\n"
	   "---\n");
	assert_text(t,
		    "Title\n"
		    "\n"
		    "Intro paragraph that wraps\n"
		    "onto a second line.\n"
		    "\n"
		    "• one\n"
		    "• two which is long enough to\n"
		    "  wrap\n"
		    "  • nested\n"
		    "\n"
		    "3. three\n"
		    "4. four\n"
		    "\n"
		    "  code    x\n"
		    "    kept\n"
		    "\n"
		    "│ quoted text\n"
		    "\n"
		    "──────────────────────────────");
	assert_styled(t, "[0:1|Title]\n\n"
		      "Intro paragraph that wraps\n"
		      "onto a second line.\n"
		      "\n"
		      "[6:0|• ]one\n"
		      "[6:0|• ]two which is long enough to\n"
		      "[6:0|  ]wrap\n"
		      "[6:0|  • ]nested\n"
		      "\n"
		      "[6:0|3. ]three\n"
		      "[6:0|4. ]four\n"
		      "\n"
		      "[6:0|  ][7:0|code    x]\n"
		      "[6:0|  ][7:0|  kept]\n"
		      "\n"
		      "[6:0|│ ]quoted text\n"
		      "\n"
		      "[3:0|──────────────────────────────]");
	ui_text_release(t);
}

static void ui_md_numbers_lists_from_their_start(void **state)
{
	struct ui_text text, *t = &text;

	(void)state;
	ui_text_init(t);
	md(t, 40, "0. zero\n1. one\n");
	assert_text(t, "0. zero\n1. one");
	/* The largest start cmark takes, and past it (found by fuzzing). */
	md(t, 40, "999999999) a\n999999999) b\n");
	assert_text(t, "999999999) a\n1000000000) b");
	ui_text_release(t);
}

static void ui_md_marks_cloze_deletions(void **state)
{
	struct ui_text text, *t = &text;

	(void)state;
	ui_text_init(t);
	md(t, 40, "A " UI_CLOZE_OPEN "**program**" UI_CLOZE_CLOSE
	   " is " UI_CLOZE_OPEN "[...]" UI_CLOZE_CLOSE ".");
	assert_text(t, "A program is [...].");
	assert_styled(t, "A [10:1|program] is [10:1|[...]].");
	ui_text_release(t);
}

static void ui_md_survives_hostile_nesting(void **state)
{
	struct ui_text text, *t = &text;
	struct buf b;

	(void)state;
	ui_text_init(t);
	buf_init(&b);
	for (int i = 0; i < 5000; i++)
		buf_adds(&b, "> ");
	buf_adds(&b, "deep\x1b");
	md(t, 40, b.s);
	buf_release(&b);
	/* The indentation stops growing and the text is still there. */
	assert_int_equal(ui_text_n_lines(t), 1);
	assert_true(ui_text_line_width(t, 0) <= 40);
	{
		char *s = dump(t);

		assert_non_null(strstr(s, "deep^["));
		xfree(s);
	}
	ui_text_release(t);
}

static void ui_keys_follow_the_screen(void **state)
{
	(void)state;
	assert_int_equal(ui_key_action(&drill_front_keys, ' '), DRILL_A_REVEAL);
	assert_int_equal(ui_key_action(&drill_front_keys, '3'), UI_A_NONE);
	assert_int_equal(ui_key_action(&drill_back_keys, '3'), DRILL_A_GOOD);
	assert_int_equal(ui_key_action(&drill_back_keys, 'g'), DRILL_A_GOOD);
	assert_int_equal(ui_key_action(&drill_back_keys, 'a'), DRILL_A_AGAIN);
	assert_int_equal(ui_key_action(&drill_back_keys, 'E'), DRILL_A_EASY);
	assert_int_equal(ui_key_action(&drill_back_keys, 'e'), DRILL_A_EDIT);
	assert_int_equal(ui_key_action(&home_keys, 'j'), UI_A_DOWN);
	assert_int_equal(ui_key_action(&home_keys, UI_KEY_DOWN), UI_A_DOWN);
	assert_int_equal(ui_key_action(&home_keys, 'x'), UI_A_NONE);
	/* Typing: letters are text, '?' too; help moves to F1. */
	assert_int_equal(ui_key_action(&drill_type_keys, 'q'), UI_A_CHAR);
	assert_int_equal(ui_key_action(&drill_type_keys, '?'), UI_A_CHAR);
	assert_int_equal(ui_key_action(&drill_type_keys, 0x4e2d), UI_A_CHAR);
	assert_int_equal(ui_key_action(&drill_type_keys, UI_KEY_F1),
			 UI_A_HELP);
	assert_int_equal(ui_key_action(&drill_type_keys, UI_KEY_CTRL('w')),
			 UI_A_DEL_WORD);
	assert_int_equal(ui_key_action(&drill_type_keys, UI_KEY_ESC),
			 UI_A_BACK);
	assert_int_equal(ui_key_action(&drill_type_keys, 0x07), UI_A_NONE);
	assert_int_equal(ui_key_action(&browse_filter_keys, 0x202e),
			 UI_A_NONE);
}

/* Every key table, for the tests that go over them all. */
static const struct ui_keymap *const all_keys[] = {
	&home_keys, &home_tag_keys, &drill_front_keys, &drill_back_keys,
	&drill_type_keys, &drill_end_keys, &browse_keys, &browse_filter_keys,
	&browse_card_keys, &browse_confirm_keys, &ui_help_keys,
	&ui_notice_keys, &mpick_keys, &mrun_keys, &mrun_prompt_keys,
	&mrun_confirm_keys, &mcover_keys, &mscore_keys, &mscore_comment_keys,
	&mscore_confirm_keys, &mresult_keys,
};

/*
 * A table is the whole truth about its screen's keys: no key is bound
 * twice (the second binding would never fire), and every action bound
 * has a line in the help (its first binding carries the text).
 */
static void ui_every_bound_key_is_in_the_help(void **state)
{
	(void)state;
	for (size_t m = 0; m < sizeof(all_keys) / sizeof(*all_keys); m++) {
		const struct ui_keymap *map = all_keys[m];

		assert_non_null(map->title);
		for (size_t i = 0; i < map->n; i++) {
			int helped = 0;

			for (size_t k = 0; k < map->n; k++) {
				if (k != i)
					assert_int_not_equal(map->b[k].key,
							     map->b[i].key);
				if (map->b[k].action == map->b[i].action &&
				    map->b[k].help && k <= i)
					helped = 1;
			}
			if (!helped)
				fail_msg("%s: key %d has no help line",
					 map->title, map->b[i].key);
		}
	}
}

/* The help and notice pages scroll through their tables, and say so. */
static void ui_overlays_scroll_by_their_tables(void **state)
{
	struct ui_text text, *t = &text;
	char *s;

	(void)state;
	assert_int_equal(ui_key_action(&ui_help_keys, 'j'), UI_A_DOWN);
	assert_int_equal(ui_key_action(&ui_help_keys, UI_KEY_PGUP),
			 UI_A_PGUP);
	/* Any other key closes the help. */
	assert_int_equal(ui_key_action(&ui_help_keys, 'x'), UI_A_BACK);
	assert_int_equal(ui_key_action(&ui_help_keys, '?'), UI_A_BACK);
	assert_int_equal(ui_key_action(&ui_notice_keys, 'k'), UI_A_UP);
	assert_int_equal(ui_key_action(&ui_notice_keys, UI_KEY_ENTER),
			 UI_A_BACK);
	assert_int_equal(ui_key_action(&ui_notice_keys, 'x'), UI_A_NONE);
	assert_int_equal(ui_scroll_step(UI_A_PGDN, 10), 10);
	assert_int_equal(ui_scroll_step(UI_A_UP, 10), -1);
	assert_int_equal(ui_scroll_step(UI_A_BACK, 10), 0);
	ui_text_init(t);
	ui_keymap_help(&ui_help_keys, t, 60);
	s = dump(t);
	assert_non_null(strstr(s, "up k"));
	assert_non_null(strstr(s, "others"));
	assert_non_null(strstr(s, "close"));
	xfree(s);
	ui_text_release(t);
}

static void ui_key_names(void **state)
{
	char n[16];

	(void)state;
	ui_key_name(UI_KEY_ENTER, n);
	assert_string_equal(n, "enter");
	ui_key_name(UI_KEY_CTRL('w'), n);
	assert_string_equal(n, "^W");
	ui_key_name(UI_KEY_ALT | 'b', n);
	assert_string_equal(n, "M-b");
	ui_key_name(UI_KEY_PGDN, n);
	assert_string_equal(n, "pgdn");
	ui_key_name(0xe9, n);
	assert_string_equal(n, "é");
}

static void ui_help_lists_every_key_of_the_screen(void **state)
{
	struct ui_text text, *t = &text;

	(void)state;
	ui_text_init(t);
	ui_keymap_help(&browse_confirm_keys, t, 40);
	assert_text(t, "  y                  yes                \n"
		       "  n esc q            no                 ");
	ui_text_clear(t);
	ui_keymap_help(&drill_back_keys, t, 80);
	{
		char *s = dump(t);

		assert_non_null(strstr(s,
			"  3 g space enter    good: recalled"));
		assert_non_null(strstr(s, "  4 E                easy:"));
		assert_non_null(strstr(s, "  q                  end the "));
		assert_non_null(strstr(s,
			"  esc                twice: end the session"));
		xfree(s);
	}
	ui_text_release(t);
}

static void type(struct ui_input *in, const char *s)
{
	while (*s) {
		uint32_t cp;
		size_t n = ui_decode(s, strlen(s), &cp);

		ui_input_edit(in, UI_A_CHAR, cp);
		s += n;
	}
}

static void ui_input_edits_utf8(void **state)
{
	struct ui_input in;

	(void)state;
	ui_input_init(&in);
	/* e + combining acute is one character for the cursor. */
	type(&in, "cafe\xcc\x81 au lait");
	assert_string_equal(in.text.s, "cafe\xcc\x81 au lait");
	ui_input_edit(&in, UI_A_WORD_LEFT, 0);
	ui_input_edit(&in, UI_A_WORD_LEFT, 0);
	ui_input_edit(&in, UI_A_LEFT, 0);
	ui_input_edit(&in, UI_A_LEFT, 0);
	assert_int_equal(in.cursor, 3);
	ui_input_edit(&in, UI_A_DELETE, 0);
	assert_string_equal(in.text.s, "caf au lait");
	type(&in, "中");
	assert_string_equal(in.text.s, "caf中 au lait");
	ui_input_edit(&in, UI_A_BACKSPACE, 0);
	ui_input_edit(&in, UI_A_BACKSPACE, 0);
	assert_string_equal(in.text.s, "ca au lait");
	/* Control characters are not text. */
	assert_int_equal(ui_input_edit(&in, UI_A_CHAR, 0x1b), 0);
	assert_int_equal(ui_input_edit(&in, UI_A_CHAR, 0x9b), 0);
	ui_input_edit(&in, UI_A_END, 0);
	ui_input_edit(&in, UI_A_DEL_WORD, 0);
	assert_string_equal(in.text.s, "ca au ");
	ui_input_edit(&in, UI_A_DEL_WORD, 0);
	assert_string_equal(in.text.s, "ca ");
	ui_input_edit(&in, UI_A_HOME, 0);
	ui_input_edit(&in, UI_A_RIGHT, 0);
	ui_input_edit(&in, UI_A_KILL_END, 0);
	assert_string_equal(in.text.s, "c");
	ui_input_edit(&in, UI_A_KILL_START, 0);
	assert_string_equal(in.text.s, "");
	assert_int_equal(ui_input_edit(&in, UI_A_BACKSPACE, 0), 0);
	assert_int_equal(ui_input_edit(&in, UI_A_LEFT, 0), 0);
	ui_input_release(&in);
}

static void ui_input_stops_at_its_limit(void **state)
{
	struct ui_input in;

	(void)state;
	ui_input_init(&in);
	in.max = 4;
	type(&in, "abc");
	assert_int_equal(ui_input_edit(&in, UI_A_CHAR, 0x4e2d), 0);
	assert_int_equal(ui_input_edit(&in, UI_A_CHAR, 'd'), 1);
	assert_int_equal(ui_input_edit(&in, UI_A_CHAR, 'e'), 0);
	assert_string_equal(in.text.s, "abcd");
	ui_input_release(&in);
}

static void ui_input_view_wraps_and_places_the_cursor(void **state)
{
	struct ui_text text, *t = &text;
	struct ui_input in;
	int row, col;

	(void)state;
	ui_text_init(t);
	ui_input_init(&in);
	type(&in, "abcdef中g");
	ui_input_view(&in, t, 8, "> ", &row, &col);
	assert_text(t, "> abcdef\n  中g");
	assert_int_equal(row, 1);
	assert_int_equal(col, 5);
	ui_input_edit(&in, UI_A_HOME, 0);
	ui_text_clear(t);
	ui_input_view(&in, t, 8, "> ", &row, &col);
	assert_int_equal(row, 0);
	assert_int_equal(col, 2);
	/* A full line puts the cursor at the end on a line of its own. */
	ui_input_set(&in, "abcdef");
	ui_text_clear(t);
	ui_input_view(&in, t, 8, "> ", &row, &col);
	assert_text(t, "> abcdef\n  ");
	assert_int_equal(row, 1);
	assert_int_equal(col, 2);
	ui_input_release(&in);
	ui_text_release(t);
}

/* The answer box breaks between words, as text is read. */
static void ui_input_view_wraps_at_words(void **state)
{
	struct ui_text text, *t = &text;
	struct ui_input in;
	int row, col;

	(void)state;
	ui_text_init(t);
	ui_input_init(&in);
	type(&in, "time and budget scope");
	ui_input_view(&in, t, 12, "> ", &row, &col);
	assert_text(t, "> time and \n  budget \n  scope");
	assert_int_equal(row, 2);
	assert_int_equal(col, 7);
	/* The cursor on the first letter of a wrapped word is on its line. */
	for (int i = 0; i < 5; i++)
		ui_input_edit(&in, UI_A_LEFT, 0);
	ui_text_clear(t);
	ui_input_view(&in, t, 12, "> ", &row, &col);
	assert_int_equal(row, 2);
	assert_int_equal(col, 2);
	/* A word longer than the line is cut where the line ends. */
	ui_input_set(&in, "a supercalifragilistic word");
	ui_text_clear(t);
	ui_input_view(&in, t, 12, "> ", &row, &col);
	assert_text(t, "> a \n  supercalif\n  ragilistic\n  word");
	assert_int_equal(row, 3);
	assert_int_equal(col, 6);
	/* A space that does not fit ends the line; the cursor after it
	 * starts the next. */
	ui_input_set(&in, "abcdefghij ");
	ui_text_clear(t);
	ui_input_view(&in, t, 12, "> ", &row, &col);
	assert_text(t, "> abcdefghij\n  ");
	assert_int_equal(row, 1);
	assert_int_equal(col, 2);
	ui_input_release(&in);
	ui_text_release(t);
}

/*
 * A view as text, one line per row with trailing spaces cut; also checks
 * that it has exactly its rows and no line is wider than its columns.
 */
static char *dump_view(const struct ui_view *v)
{
	struct buf b;

	assert_int_equal(ui_view_used(v), v->rows);
	buf_init(&b);
	for (int i = 0; i < v->rows; i++) {
		size_t start = b.len;

		assert_true(ui_text_line_width(&v->text, (size_t)i) <= v->cols);
		ui_text_line_str(&v->text, (size_t)i, &b);
		while (b.len > start && b.s[b.len - 1] == ' ')
			buf_setlen(&b, b.len - 1);
		buf_addch(&b, '\n');
	}
	return buf_detach(&b, NULL);
}

#define assert_view(v, want) do { \
	char *got_ = dump_view(v); \
	if (strcmp(got_, want)) \
		fprintf(stderr, "got:\n%s", got_); \
	assert_string_equal(got_, want); \
	xfree(got_); \
} while (0)

static void home_fill(struct home *h)
{
	static const struct { const char *id; long n, l, d; } decks[] = {
		{ NULL, 20, 3, 41 },
		{ "behavioural", 10, 0, 8 },
		{ "pm-fundamentals", 5, 1, 12 },
		{ "system-design", 5, 2, 17 },
		{ "technical-foundations", 0, 0, 4 },
		{ "tpm-role", 0, 0, 0 },
	};

	for (size_t i = 0; i < sizeof(decks) / sizeof(decks[0]); i++) {
		struct home_row *r = home_add_row(h, 0, decks[i].id,
				decks[i].id ? decks[i].id : "all decks");

		r->n_new = decks[i].n;
		r->n_learn = decks[i].l;
		r->n_due = decks[i].d;
	}
	home_add_row(h, 1, "caching", "caching")->n_due = 3;
	home_add_row(h, 1, "risk", "risk")->n_new = 2;
	home_set(&h->date, "Mon 23 Nov");
	h->streak = 6;
	h->ever = 1;
	h->reviewed_today = 12;
	h->new_today = 2;
	home_set(&h->next_mock, "Design a ride dispatch system \xc2\xb7 "
		 "system design");
}

static void home_shows_decks_counts_and_hints(void **state)
{
	struct home h;
	struct ui_view v;

	(void)state;
	home_init(&h);
	ui_view_init(&v);
	home_fill(&h);
	ui_view_begin(&v, 16, 80);
	home_view(&h, &v);
	assert_view(&v,
" tpmtrain                                            Mon 23 Nov · streak 6 days\n"
" ──────────────────────────────────────────────────────────────────────────────\n"
"   deck                     new  learn   due\n"
" ▶ all decks                 20      3    41\n"
"   behavioural               10      0     8\n"
"   pm-fundamentals            5      1    12\n"
"   system-design              5      2    17\n"
"   technical-foundations      0      0     4\n"
"   tpm-role                   0      0     0\n"
"\n"
"\n"
" ──────────────────────────────────────────────────────────────────────────────\n"
"   next mock   Design a ride dispatch system · system design\n"
"   today       12 reviewed · 2 new\n"
" ──────────────────────────────────────────────────────────────────────────────\n"
" enter drill   t by tag   m mock   b browse   s stats   q quit   ? keys\n");
	ui_view_release(&v);
	home_release(&h);
}

static void home_moves_and_requests(void **state)
{
	struct home h;
	struct ui_view v;

	(void)state;
	home_init(&h);
	ui_view_init(&v);
	home_fill(&h);
	ui_view_begin(&v, 12, 40);
	home_view(&h, &v);
	/* 12 rows leave four table rows; moving down scrolls. */
	assert_int_equal(h.rows_shown, 4);
	assert_int_equal(home_handle(&h, UI_A_UP, 0), 0);
	assert_int_equal(home_handle(&h, UI_A_DOWN, 0), UI_REDRAW);
	assert_int_equal(home_handle(&h, UI_A_PGDN, 0), UI_REDRAW);
	assert_int_equal(h.sel[0], 4);
	home_handle(&h, UI_A_BOTTOM, 0);
	ui_view_begin(&v, 12, 40);
	home_view(&h, &v);
	assert_view(&v,
" tpmtrain    Mon 23 Nov · streak 6 days\n"
" ──────────────────────────────────────\n"
"   deck                new  learn   due\n"
"   pm-fundamentals       5      1    12\n"
"   system-design         5      2    17\n"
"   technical-foundat…    0      0     4\n"
" ▶ tpm-role              0      0     0\n"
" ──────────────────────────────────────\n"
"   next mock   Design a ride dispatch …\n"
"   today       12 reviewed · 2 new\n"
" ──────────────────────────────────────\n"
" enter drill   t by tag   ? keys\n");
	assert_int_equal(home_handle(&h, HOME_A_OPEN, 0), UI_SAVE | UI_REDRAW);
	assert_int_equal(h.req, HOME_REQ_DRILL);
	assert_string_equal(h.req_deck, "tpm-role");
	assert_null(h.req_tag);
	home_handle(&h, HOME_A_TAGS, 0);
	assert_ptr_equal(home_keymap(&h), &home_tag_keys);
	home_handle(&h, UI_A_DOWN, 0);
	home_handle(&h, HOME_A_OPEN, 0);
	assert_null(h.req_deck);
	assert_string_equal(h.req_tag, "risk");
	assert_int_equal(home_handle(&h, UI_A_BACK, 0), UI_REDRAW);
	assert_ptr_equal(home_keymap(&h), &home_keys);
	/* The deck selection was kept. */
	assert_int_equal(h.sel[0], 5);
	assert_int_equal(home_handle(&h, HOME_A_BROWSE, 0),
			 UI_SAVE | UI_REDRAW);
	assert_int_equal(h.req, HOME_REQ_BROWSE);
	assert_int_equal(home_handle(&h, UI_A_QUIT, 0), UI_QUIT);
	ui_view_release(&v);
	home_release(&h);
}

static void home_first_run_says_what_to_press(void **state)
{
	struct home h;
	struct ui_view v;
	char *s;

	(void)state;
	home_init(&h);
	ui_view_init(&v);
	home_add_row(&h, 0, NULL, "all decks")->n_new = 20;
	ui_view_begin(&v, 24, 80);
	home_view(&h, &v);
	s = dump_view(&v);
	assert_non_null(strstr(s, "\n   First time here? Press enter to drill "
			       "your first cards, ? for every key.\n"));
	xfree(s);
	assert_int_equal(home_handle(&h, HOME_A_TAGS, 0), UI_REDRAW);
	assert_string_equal(h.status, "no deck or card has tags");
	ui_view_release(&v);
	home_release(&h);
}

static void ui_list_move_clamps_to_the_ends(void **state)
{
	size_t sel = 2, none = 0;

	(void)state;
	assert_int_equal(ui_list_move(&sel, 10, 4, UI_A_UP), UI_REDRAW);
	assert_int_equal(sel, 1);
	assert_int_equal(ui_list_move(&sel, 10, 4, UI_A_PGUP), UI_REDRAW);
	assert_int_equal(sel, 0);
	assert_int_equal(ui_list_move(&sel, 10, 4, UI_A_UP), 0);
	assert_int_equal(ui_list_move(&sel, 10, 4, UI_A_PGDN), UI_REDRAW);
	assert_int_equal(sel, 4);
	assert_int_equal(ui_list_move(&sel, 10, 4, UI_A_DOWN), UI_REDRAW);
	assert_int_equal(sel, 5);
	assert_int_equal(ui_list_move(&sel, 10, 4, UI_A_BOTTOM), UI_REDRAW);
	assert_int_equal(sel, 9);
	assert_int_equal(ui_list_move(&sel, 10, 4, UI_A_PGDN), 0);
	assert_int_equal(ui_list_move(&sel, 10, 4, UI_A_TOP), UI_REDRAW);
	assert_int_equal(sel, 0);
	/* An empty list does not move; other actions are the caller's. */
	assert_int_equal(ui_list_move(&none, 0, 4, UI_A_BOTTOM), 0);
	assert_int_equal(none, 0);
	assert_int_equal(ui_list_move(&sel, 10, 4, HOME_A_OPEN), -1);
	assert_int_equal(sel, 0);
}


/* ---- Screens with cards ------------------------------------------------ */

/*
 * A fake matcher (STYLE rule 17): a pattern is a word found in the text
 * ignoring case; one with an unbalanced '(' does not compile, and "LIMIT"
 * fails as PCRE2 does at its match limit.
 */
static void *fake_compile(void *ctx, const char *pattern, struct buf *err)
{
	const char *p = strchr(pattern, '(');

	(void)ctx;
	if (p && !strchr(p, ')')) {
		buf_addf(err, "missing closing parenthesis at column %d",
			 (int)strlen(pattern) + 1);
		return NULL;
	}
	return xstrdup(pattern);
}

static int fake_exec(void *ctx, void *re, const char *s, size_t len)
{
	const char *w = re;
	size_t n = strlen(w);

	(void)ctx;
	if (!strcmp(w, "LIMIT"))
		return -1;
	for (size_t i = 0; i + n <= len; i++) {
		size_t k = 0;

		while (k < n && (s[i + k] | 0x20) == (w[k] | 0x20))
			k++;
		if (k == n)
			return 1;
	}
	return 0;
}

static void fake_free(void *ctx, void *re)
{
	(void)ctx;
	xfree(re);
}

static const struct ui_matcher fake_matcher = {
	fake_compile, fake_exec, fake_free, NULL, NULL,
};

/* Asks to stop after its count of questions (counting down in ctx). */
static int fake_cancelled(void *ctx)
{
	int *left = ctx;

	return --*left < 0;
}

static const struct lstr deck_tag = { "system-design", { 0 } };
static const struct lstr card_tags[] = { { "caching", { 0 } } };
static const struct key_point points[] = {
	{ { "time", { 0 } }, { "time", { 0 } } },
	{ { "cost", { 0 } }, { "budget", { 0 } } },
	{ { "scope", { 0 } }, { "scope", { 0 } } },
	{ { "risk", { 0 } }, { "(risk", { 0 } } },
	{ { "quality", { 0 } }, { "LIMIT", { 0 } } },
};
static const struct key_point flags[] = {
	{ { "skip testing", { 0 } }, { "skip test", { 0 } } },
	{ { "blame", { 0 } }, { "blame", { 0 } } },
};
static struct deck deck = {
	.id = { "sd-basics", { 0 } },
	.tags = { &deck_tag, 1, { 0 } },
};
static struct card cards[] = {
	{ .id = { "sd-write-through", { 0 } }, .type = CARD_BASIC,
	  .front = { "What does a **write-through** cache trade away?",
		     { 0 } },
	  .back = { "Write latency: every write goes to the cache and the "
		    "store before it is acknowledged.", { 0 } },
	  .tags = { card_tags, 1, { 0 } }, .deck = &deck,
	  .pos = { "decks/sd.yaml", 7, 5 } },
	{ .id = { "pm-triangle", { 0 } }, .type = CARD_TYPED,
	  .front = { "Name the three constraints of a project.", { 0 } },
	  .back = { "Time, cost and scope.", { 0 } },
	  .key_points = { points, 3, { 0 } },
	  .red_flags = { flags, 2, { 0 } }, .deck = &deck },
	{ .id = { "pm-program", { 0 } }, .type = CARD_CLOZE,
	  .text = { "A {{c1::program}} is a set of related "
		    "{{c2::projects::plural noun}}.", { 0 } },
	  .deck = &deck },
	{ .id = { "sd-cap", { 0 } }, .type = CARD_REVERSE,
	  .front = { "CAP theorem", { 0 } },
	  .back = { "Consistency, availability, partition tolerance: pick "
		    "two under a partition.", { 0 } },
	  .deck = &deck },
	{ .id = { "pm-hostile", { 0 } }, .type = CARD_TYPED,
	  .front = { "Patterns that fail", { 0 } },
	  .key_points = { points, 5, { 0 } }, .deck = &deck },
};
static const struct item items[] = {
	{ "sd-write-through", &cards[0], &deck, &cards[0].tags, 0 },
	{ "pm-triangle", &cards[1], &deck, &cards[1].tags, 0 },
	{ "pm-program#c2", &cards[2], &deck, &cards[2].tags, 2 },
	{ "sd-cap#reverse", &cards[3], &deck, &cards[3].tags, ITEM_REVERSE },
	{ "pm-hostile", &cards[4], &deck, &cards[4].tags, 0 },
};

static const int64_t NOW = 1795424400000;	/* 2026-11-23T09:00:00Z */
static const int64_t DAY = 86400000;

static void preview(struct fsrs_review out[4])
{
	static const int64_t after[4] = { 10 * 60000, 86400000,
					  3 * 86400000, 9 * 86400000 };

	memset(out, 0, 4 * sizeof(*out));
	for (int i = 0; i < 4; i++)
		out[i].card.due = NOW + after[i];
}

static void show(struct drill *d, int i)
{
	static const long left[3] = { 3, 12, 5 };

	drill_show(d, &items[i], left, 18, NOW);
}

/*
 * Shows the answer with action a at t, as a key does, and plans the
 * grades when the drill asks, as the app does (at NOW).
 */
static int reveal(struct drill *d, int a, int64_t t)
{
	int fx = drill_handle(d, a, 0, t);
	struct fsrs_review p[4];

	if (d->req == DRILL_REQ_REVEAL) {
		preview(p);
		drill_set_preview(d, p, NOW);
	}
	return fx;
}

static void view(struct ui_view *v, int rows, int cols,
		 void (*fn)(void *, struct ui_view *), void *state)
{
	ui_view_begin(v, rows, cols);
	fn(state, v);
}

static void drill_view_fn(void *d, struct ui_view *v)
{
	drill_view(d, v);
}

static void browse_view_fn(void *b, struct ui_view *v)
{
	browse_view(b, v);
}

static void drill_basic_card_question_answer_grade(void **state)
{
	struct drill d;
	struct ui_view v;

	(void)state;
	ui_view_init(&v);
	drill_init(&d, "all decks", 0, &fake_matcher);
	show(&d, 0);
	assert_ptr_equal(drill_keymap(&d), &drill_front_keys);
	/* No grade before the answer is shown. */
	assert_int_equal(drill_handle(&d, DRILL_A_GOOD, 0, NOW), 0);
	view(&v, 16, 80, drill_view_fn, &d);
	assert_view(&v,
" drill · all decks                                     5 new · 3 learn · 12 due\n"
" ──────────────────────────────────────────────────────────────────────────────\n"
"\n"
"   What does a write-through cache trade away?\n"
"\n"
"\n"
"\n"
"\n"
"\n"
"\n"
"\n"
"\n"
"\n"
" ──────────────────────────────────────────────────────────────────────────────\n"
" space answer   u undo   b bury   s suspend   e edit   q end   ? keys\n"
" ██████████████░░░░░░░░░░░░░░░░ 18/38         caching system-design · sd-basics\n");
	assert_int_equal(reveal(&d, DRILL_A_REVEAL, NOW + 4000),
			 UI_SAVE | UI_REDRAW);
	assert_int_equal(d.req, DRILL_REQ_REVEAL);
	assert_ptr_equal(drill_keymap(&d), &drill_back_keys);
	view(&v, 16, 80, drill_view_fn, &d);
	assert_view(&v,
" drill · all decks                                     5 new · 3 learn · 12 due\n"
" ──────────────────────────────────────────────────────────────────────────────\n"
"\n"
"   What does a write-through cache trade away?\n"
"\n"
" ── answer ────────────────────────────────────────────────────────────────────\n"
"   Write latency: every write goes to the cache and the store before it is\n"
"   acknowledged.\n"
"\n"
"\n"
"\n"
"\n"
"\n"
" ──────────────────────────────────────────────────────────────────────────────\n"
" 1 Again 10m   2 Hard 1d   3 Good 3d   4 Easy 9d   u undo   ? keys\n"
" ██████████████░░░░░░░░░░░░░░░░ 18/38         caching system-design · sd-basics\n");
	assert_int_equal(drill_handle(&d, DRILL_A_GOOD, 0, NOW + 6500),
			 UI_SAVE | UI_REDRAW);
	assert_int_equal(d.req, DRILL_REQ_GRADE);
	assert_int_equal(d.req_rating, FSRS_GOOD);
	assert_int_equal(d.req_duration_ms, 6500);
	assert_int_equal(drill_handle(&d, DRILL_A_UNDO, 0, NOW), UI_SAVE |
			 UI_REDRAW);
	assert_int_equal(d.req, DRILL_REQ_UNDO);
	drill_set_status(&d, "nothing to undo", 1);
	view(&v, 16, 80, drill_view_fn, &d);
	{
		char *s = dump_view(&v);

		assert_non_null(strstr(s, "\n ── nothing to undo ───"));
		xfree(s);
	}
	drill_release(&d);
	ui_view_release(&v);
}

/*
 * Esc means one thing on every card: one steps out (of a typed card's
 * answer line, or nothing), a second ends the session; no other key in
 * between.  q ends it at once.
 */
static void drill_esc_is_the_same_on_every_card(void **state)
{
	struct drill d;

	(void)state;
	drill_init(&d, "all decks", 0, &fake_matcher);
	show(&d, 0);
	assert_int_equal(drill_handle(&d, DRILL_A_ESC, 0, NOW), UI_REDRAW);
	assert_int_equal(d.req, DRILL_REQ_NONE);
	assert_string_equal(d.status, "esc again or q: end the session");
	/* Another key in between disarms it. */
	drill_handle(&d, UI_A_DOWN, 0, NOW);
	assert_null(d.status);
	drill_handle(&d, DRILL_A_ESC, 0, NOW);
	assert_int_equal(d.req, DRILL_REQ_NONE);
	assert_int_equal(drill_handle(&d, DRILL_A_ESC, 0, NOW),
			 UI_SAVE | UI_REDRAW);
	assert_int_equal(d.req, DRILL_REQ_END);
	/* A typed card starts in its line: Esc leaves it, Esc ends. */
	show(&d, 1);
	assert_ptr_equal(drill_keymap(&d), &drill_type_keys);
	drill_handle(&d, UI_A_BACK, 0, NOW);
	assert_int_equal(d.req, DRILL_REQ_NONE);
	assert_ptr_equal(drill_keymap(&d), &drill_front_keys);
	drill_handle(&d, DRILL_A_ESC, 0, NOW);
	assert_int_equal(d.req, DRILL_REQ_END);
	show(&d, 0);
	drill_handle(&d, UI_A_QUIT, 0, NOW);
	assert_int_equal(d.req, DRILL_REQ_END);
	drill_release(&d);
}

static void drill_typed_card_checks_key_points(void **state)
{
	struct drill d;
	struct ui_view v;
	const char *answer = "time and budget, and the features";

	(void)state;
	ui_view_init(&v);
	drill_init(&d, "pm", 0, &fake_matcher);
	show(&d, 1);
	assert_ptr_equal(drill_keymap(&d), &drill_type_keys);
	/* Letters are text here: q does not end the session. */
	assert_int_equal(drill_handle(&d, UI_A_CHAR, 'q', NOW), UI_REDRAW);
	drill_handle(&d, UI_A_BACKSPACE, 0, NOW);
	for (const char *p = answer; *p; p++)
		drill_handle(&d, UI_A_CHAR, (uint32_t)*p, NOW);
	view(&v, 14, 60, drill_view_fn, &d);
	assert_view(&v,
" drill · pm                        5 new · 3 learn · 12 due\n"
" ──────────────────────────────────────────────────────────\n"
"\n"
"   Name the three constraints of a project.\n"
"\n"
" ── your answer ───────────────────────────────────────────\n"
"   time and budget, and the features\n"
"\n"
"\n"
"\n"
"\n"
" ──────────────────────────────────────────────────────────\n"
" enter check   esc leave the line   F1 keys\n"
" █████████░░░░░░░░░░░ 18/38       system-design · sd-basics\n");
	assert_int_equal(v.cursor_row, 6);
	assert_int_equal(v.cursor_col, 36);
	/* Esc leaves the line for the commands, a second would end the
	 * session; i goes back. */
	assert_int_equal(drill_handle(&d, UI_A_BACK, 0, NOW), UI_REDRAW);
	assert_ptr_equal(drill_keymap(&d), &drill_front_keys);
	assert_int_equal(d.req, DRILL_REQ_NONE);
	assert_string_equal(d.status, "esc again or q: end the session");
	drill_handle(&d, DRILL_A_TYPE, 0, NOW);
	assert_ptr_equal(drill_keymap(&d), &drill_type_keys);
	assert_int_equal(reveal(&d, UI_A_SUBMIT, NOW), UI_SAVE | UI_REDRAW);
	view(&v, 18, 60, drill_view_fn, &d);
	assert_view(&v,
" drill · pm                        5 new · 3 learn · 12 due\n"
" ──────────────────────────────────────────────────────────\n"
"\n"
"   Name the three constraints of a project.\n"
"\n"
" ── your answer ───────────────────────────────────────────\n"
"   time and budget, and the features\n"
" ── key points ────────────────────────────────────────────\n"
"   ✓ time   ✓ cost   ✗ scope                       2 of 3\n"
" ── answer ────────────────────────────────────────────────\n"
"   Time, cost and scope.\n"
"\n"
"\n"
"\n"
"\n"
" ──────────────────────────────────────────────────────────\n"
" 1 Again 10m   2 Hard 1d   3 Good 3d   4 Easy 9d   ? keys\n"
" █████████░░░░░░░░░░░ 18/38       system-design · sd-basics\n");
	assert_int_equal(v.cursor_row, -1);
	/* A pattern that does not compile, one that hits a match limit. */
	show(&d, 4);
	for (const char *p = "time budget scope risk quality"; *p; p++)
		drill_handle(&d, UI_A_CHAR, (uint32_t)*p, NOW);
	reveal(&d, UI_A_SUBMIT, NOW);
	view(&v, 18, 60, drill_view_fn, &d);
	{
		char *s = dump_view(&v);

		assert_non_null(strstr(s, "\n   ✓ time   ✓ cost   ✓ scope\n"
				       "   ✗ risk (bad pattern)   ✗ quality "
				       "(match limit)  3 of 5\n"));
		xfree(s);
	}
	drill_release(&d);
	ui_view_release(&v);
}

/* A raised red flag shows ⚠ and takes back a covered point. */
static void drill_typed_red_flag_counts_against(void **state)
{
	struct drill d;
	struct ui_view v;
	char *s;

	(void)state;
	ui_view_init(&v);
	drill_init(&d, "pm", 0, &fake_matcher);
	show(&d, 1);
	for (const char *p = "time, budget, scope; skip testing"; *p; p++)
		drill_handle(&d, UI_A_CHAR, (uint32_t)*p, NOW);
	reveal(&d, UI_A_SUBMIT, NOW);
	view(&v, 18, 60, drill_view_fn, &d);
	s = dump_view(&v);
	/* blame is not raised, so it is not shown. */
	assert_non_null(strstr(s, "\n   ✓ time   ✓ cost   ✓ scope   "
			       "⚠ skip testing      2 of 3\n"));
	assert_null(strstr(s, "blame"));
	xfree(s);
	drill_release(&d);
	ui_view_release(&v);
}

static void drill_cloze_hides_then_reveals_in_place(void **state)
{
	struct drill d;
	struct ui_view v;
	char *s;

	(void)state;
	ui_view_init(&v);
	drill_init(&d, "pm", 0, &fake_matcher);
	show(&d, 2);
	view(&v, 12, 60, drill_view_fn, &d);
	s = dump_view(&v);
	assert_non_null(strstr(s, "\n   A program is a set of related "
			       "[plural noun].\n"));
	xfree(s);
	reveal(&d, DRILL_A_REVEAL, NOW);
	view(&v, 12, 60, drill_view_fn, &d);
	s = dump_view(&v);
	assert_non_null(strstr(s, " ── answer ───"));
	assert_non_null(strstr(s, "\n   A program is a set of related "
			       "projects.\n"));
	xfree(s);
	drill_release(&d);
	ui_view_release(&v);
}

static void drill_reverse_asks_the_back(void **state)
{
	struct ui_text text, *t = &text;

	(void)state;
	ui_text_init(t);
	ui_card_question(t, &items[3], 80);
	assert_text(t, "Consistency, availability, partition tolerance: pick "
		       "two under a partition.");
	ui_text_clear(t);
	ui_card_answer(t, &items[3], 80);
	assert_text(t, "CAP theorem");
	ui_text_release(t);
}

static void drill_end_shows_the_summary(void **state)
{
	struct drill d;
	struct ui_view v;

	(void)state;
	ui_view_init(&v);
	drill_init(&d, "all decks", 0, &fake_matcher);
	show(&d, 0);
	drill_count_grade(&d, FSRS_AGAIN);
	drill_count_grade(&d, FSRS_GOOD);
	drill_count_grade(&d, FSRS_AGAIN);
	drill_uncount_grade(&d, FSRS_AGAIN);
	drill_add_leech(&d, "sd-cap#reverse");
	drill_finish(&d, "17 cards are due tomorrow.", NOW + 252000);
	assert_ptr_equal(drill_keymap(&d), &drill_end_keys);
	view(&v, 16, 60, drill_view_fn, &d);
	assert_view(&v,
" drill · all decks\n"
" ──────────────────────────────────────────────────────────\n"
"\n"
"   Session over.\n"
"\n"
"   cards         2\n"
"   time          4:12\n"
"   again         1 (50%)\n"
"   leeches       sd-cap#reverse\n"
"\n"
"   17 cards are due tomorrow.\n"
"\n"
"\n"
" ──────────────────────────────────────────────────────────\n"
" enter done   c cram   u undo   ? keys\n"
"\n");
	assert_int_equal(drill_handle(&d, DRILL_A_CRAM, 0, NOW), UI_SAVE |
			 UI_REDRAW);
	assert_int_equal(d.req, DRILL_REQ_CRAM);
	assert_int_equal(drill_handle(&d, UI_A_BACK, 0, NOW), UI_QUIT);
	drill_release(&d);
	ui_view_release(&v);
}

static void browse_fill(struct browse *b)
{
	for (int i = 0; i < 4; i++) {
		struct browse_row *r = browse_add_row(b);

		r->item = &items[i];
		if (i == 1)
			continue;
		r->mem.state = i == 3 ? FSRS_RELEARNING : FSRS_REVIEW;
		r->mem.stability = 2.5 + 10 * i;
		r->mem.difficulty = 5.25;
		r->mem.due = NOW + (3 - i) * DAY;
		r->mem.last_review = NOW - DAY;
		r->mem.lapses = i;
		r->mem.reps = 4;
	}
	((struct browse_row *)vec_at(&b->rows, 2))->suspended = 1;
	b->now = NOW;
	browse_refresh(b);
}

static void browse_sorts_and_filters(void **state)
{
	struct browse b;
	struct ui_view v;

	(void)state;
	ui_view_init(&v);
	browse_init(&b, &fake_matcher);
	browse_fill(&b);
	view(&v, 10, 80, browse_view_fn, &b);
	assert_view(&v,
" browse · 4 cards\n"
" ──────────────────────────────────────────────────────────────────────────────\n"
"   id               question      deck      state      due↓        stab  lapses\n"
" ▶ sd-cap#reverse   Consistency,… sd-basics relearning now        32.5d       3\n"
"   pm-program#c2    A program is… sd-basics suspended  in 1d      22.5d       2\n"
"   sd-write-through What does a … sd-basics review     in 3d       2.5d       0\n"
"   pm-triangle      Name the thr… sd-basics new        -              -       0\n"
" ──────────────────────────────────────────────────────────────────────────────\n"
" enter card   / filter   o sort   r reverse   s suspend   u unsuspend   ? keys\n"
"\n");
	/* Sort by stability, then reverse it. */
	browse_handle(&b, BROWSE_A_SORT, 0, NOW);
	assert_int_equal(b.sort, BROWSE_BY_STABILITY);
	browse_handle(&b, BROWSE_A_REVERSE, 0, NOW);
	assert_string_equal(browse_selected(&b)->item->key, "sd-cap#reverse");
	browse_handle(&b, UI_A_DOWN, 0, NOW);
	assert_string_equal(browse_selected(&b)->item->key, "pm-program#c2");
	/* A valid pattern over the text and the tags. */
	assert_ptr_equal(browse_keymap(&b), &browse_keys);
	browse_handle(&b, BROWSE_A_FILTER, 0, NOW);
	assert_ptr_equal(browse_keymap(&b), &browse_filter_keys);
	for (const char *p = "caching"; *p; p++)
		browse_handle(&b, UI_A_CHAR, (uint32_t)*p, NOW);
	browse_handle(&b, UI_A_SUBMIT, 0, NOW);
	assert_ptr_equal(browse_keymap(&b), &browse_keys);
	assert_int_equal(b.n_shown, 1);
	view(&v, 10, 80, browse_view_fn, &b);
	assert_view(&v,
" browse · 1 of 4 cards                                                /caching/\n"
" ──────────────────────────────────────────────────────────────────────────────\n"
"   id               question      deck      state      due        stab↑  lapses\n"
" ▶ sd-write-through What does a … sd-basics review     in 3d       2.5d       0\n"
"\n"
"\n"
"\n"
" ──────────────────────────────────────────────────────────────────────────────\n"
" enter card   / filter   o sort   r reverse   s suspend   u unsuspend   ? keys\n"
"\n");
	/* An invalid one: the error shows and the typing goes on. */
	browse_handle(&b, BROWSE_A_FILTER, 0, NOW);
	browse_handle(&b, UI_A_KILL_START, 0, NOW);
	for (const char *p = "(cach"; *p; p++)
		browse_handle(&b, UI_A_CHAR, (uint32_t)*p, NOW);
	browse_handle(&b, UI_A_SUBMIT, 0, NOW);
	assert_ptr_equal(browse_keymap(&b), &browse_filter_keys);
	assert_string_equal(b.filter, "caching");
	view(&v, 10, 80, browse_view_fn, &b);
	assert_view(&v,
" browse · 1 of 4 cards                                                /caching/\n"
" ──────────────────────────────────────────────────────────────────────────────\n"
"   id               question      deck      state      due        stab↑  lapses\n"
" ▶ sd-write-through What does a … sd-basics review     in 3d       2.5d       0\n"
"\n"
"\n"
"\n"
" ── bad pattern: missing closing parenthesis at column 6 ──────────────────────\n"
" / (cach\n"
"\n");
	assert_int_equal(v.cursor_row, 8);
	assert_int_equal(v.cursor_col, 8);
	/* Esc keeps the filter in force; an empty pattern shows all. */
	browse_handle(&b, UI_A_CANCEL, 0, NOW);
	assert_string_equal(b.filter, "caching");
	browse_handle(&b, BROWSE_A_FILTER, 0, NOW);
	browse_handle(&b, UI_A_KILL_START, 0, NOW);
	browse_handle(&b, UI_A_SUBMIT, 0, NOW);
	assert_null(b.filter);
	assert_int_equal(b.n_shown, 4);
	/* The selection stayed on the card it was on. */
	assert_string_equal(browse_selected(&b)->item->key,
			    "sd-write-through");
	browse_release(&b);
	ui_view_release(&v);
}

/*
 * A filter's work is bounded in total and can be stopped: over 1,000 rows,
 * a pattern that gives up on every card stops after 32 of them and says
 * how many were not searched; and a person's Esc between slices cancels a
 * filter, leaving the rows and the filter as they were.
 */
static void browse_filter_is_bounded_and_cancellable(void **state)
{
	struct ui_matcher m = fake_matcher;
	struct browse b;
	int left = 1000;

	(void)state;
	browse_init(&b, &m);
	for (int i = 0; i < 1000; i++)
		browse_add_row(&b)->item = &items[i % 4];
	b.now = NOW;
	browse_refresh(&b);
	assert_int_equal(browse_set_filter(&b, "LIMIT"), 0);
	assert_int_equal(b.n_limit, 32);
	assert_int_equal(b.n_unsearched, 1000 - 32);
	assert_int_equal(b.n_shown, 0);
	assert_string_equal(b.status, "the pattern gave up on 32 cards (match "
			    "limit); 968 more not searched");

	assert_int_equal(browse_set_filter(&b, "caching"), 0);
	assert_int_equal(b.n_shown, 250);
	m.cancelled = fake_cancelled;
	m.ctx = &left;
	left = 3;	/* Esc during the fourth slice */
	assert_int_equal(browse_set_filter(&b, "cap"), -1);
	assert_string_equal(b.filter, "caching");
	assert_int_equal(b.n_shown, 250);
	assert_string_equal(b.status, "filter cancelled");
	browse_release(&b);
}

static void browse_acts_on_the_selected_card(void **state)
{
	struct browse b;
	struct ui_view v;
	char *s;

	(void)state;
	ui_view_init(&v);
	browse_init(&b, &fake_matcher);
	browse_fill(&b);
	assert_int_equal(browse_handle(&b, BROWSE_A_SUSPEND, 0, NOW),
			 UI_SAVE | UI_REDRAW);
	assert_int_equal(b.req, BROWSE_REQ_SUSPEND);
	assert_string_equal(((struct browse_row *)vec_at(&b.rows,
			     b.req_row))->item->key, "sd-cap#reverse");
	/* Forget asks first; anything but y keeps the card. */
	assert_int_equal(browse_handle(&b, BROWSE_A_FORGET, 0, NOW), UI_REDRAW);
	assert_ptr_equal(browse_keymap(&b), &browse_confirm_keys);
	assert_int_equal(browse_handle(&b, BROWSE_A_NO, 0, NOW), UI_REDRAW);
	assert_string_equal(b.status, "not forgotten");
	browse_handle(&b, BROWSE_A_FORGET, 0, NOW);
	assert_int_equal(browse_handle(&b, BROWSE_A_YES, 0, NOW),
			 UI_SAVE | UI_REDRAW);
	assert_int_equal(b.req, BROWSE_REQ_FORGET);
	/* A card never studied: nothing to forget, no question asked. */
	b.sel = b.n_shown - 1;
	assert_string_equal(browse_selected(&b)->item->key, "pm-triangle");
	assert_int_equal(browse_handle(&b, BROWSE_A_FORGET, 0, NOW), UI_REDRAW);
	assert_ptr_equal(browse_keymap(&b), &browse_keys);
	assert_string_equal(b.status, "this card is new: there is nothing to "
			    "forget");
	b.sel = 0;
	/* Enter shows the whole card. */
	browse_handle(&b, BROWSE_A_OPEN, 0, NOW);
	assert_ptr_equal(browse_keymap(&b), &browse_card_keys);
	view(&v, 24, 80, browse_view_fn, &b);
	s = dump_view(&v);
	assert_non_null(strstr(s, " card · sd-cap#reverse\n"));
	assert_non_null(strstr(s, "\n   Consistency, availability, partition "
			       "tolerance: pick two under a\n   partition.\n"));
	assert_non_null(strstr(s, "\n   CAP theorem\n"));
	assert_non_null(strstr(s, "\n   type      reverse, back to front\n"));
	assert_non_null(strstr(s, "\n   state     relearning · due now\n"));
	assert_non_null(strstr(s, "\n   memory    stability 32.5d · difficulty "
			       "5.2 · 4 reviews · 3 lapses\n"));
	xfree(s);
	assert_int_equal(browse_handle(&b, UI_A_BACK, 0, NOW), UI_REDRAW);
	assert_ptr_equal(browse_keymap(&b), &browse_keys);
	assert_int_equal(browse_handle(&b, UI_A_BACK, 0, NOW), UI_QUIT);
	browse_release(&b);
	ui_view_release(&v);
}

/* Every screen and help page keeps within the smallest terminal allowed
 * and the usual sizes: exactly its rows, no line wider than its columns
 * (dump_view() checks both). */
static void ui_screens_fit_every_size(void **state)
{
	static const int sizes[][2] = { { 12, 40 }, { 24, 80 }, { 40, 120 },
					{ 13, 41 } };
	struct ui_view v;
	struct drill d;
	struct browse b;
	struct home h;

	(void)state;
	ui_view_init(&v);
	drill_init(&d, "a deck with a rather long name, to be cut", 0,
		   &fake_matcher);
	browse_init(&b, &fake_matcher);
	browse_fill(&b);
	home_init(&h);
	home_fill(&h);
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		int rows = sizes[k][0], cols = sizes[k][1];
		char *s;

		for (size_t m = 0; m < sizeof(all_keys) / sizeof(*all_keys);
		     m++) {
			int scroll = 0;

			ui_view_begin(&v, rows, cols);
			ui_view_help(&v, all_keys[m], &scroll);
			xfree(dump_view(&v));
		}
		for (int i = 0; i < 5; i++) {
			show(&d, i);
			view(&v, rows, cols, drill_view_fn, &d);
			xfree(dump_view(&v));
			reveal(&d, UI_A_SUBMIT, NOW);
			reveal(&d, DRILL_A_REVEAL, NOW);
			view(&v, rows, cols, drill_view_fn, &d);
			s = dump_view(&v);
			assert_non_null(strstr(s, "answer"));
			xfree(s);
		}
		drill_finish(&d, "A note that is long enough to wrap at forty "
			     "columns, surely.", NOW);
		view(&v, rows, cols, drill_view_fn, &d);
		xfree(dump_view(&v));
		b.card = 0;
		view(&v, rows, cols, browse_view_fn, &b);
		xfree(dump_view(&v));
		b.card = 1;
		view(&v, rows, cols, browse_view_fn, &b);
		xfree(dump_view(&v));
		ui_view_begin(&v, rows, cols);
		home_view(&h, &v);
		xfree(dump_view(&v));
		ui_view_begin(&v, rows, cols);
		ui_view_notice(&v, "a title", "line one\nline two is long "
			       "enough to wrap somewhere", &(int){ 0 });
		xfree(dump_view(&v));
	}
	ui_view_begin(&v, 10, 30);
	ui_view_too_small(&v);
	{
		char *s = dump_view(&v);

		assert_string_equal(s, "\n\n\n\n      terminal too small\n"
				    "    need 40x12, have 30x10\n\n\n\n\n");
		xfree(s);
	}
	home_release(&h);
	browse_release(&b);
	drill_release(&d);
	ui_view_release(&v);
}

/* ---- The app's flows, through its seams -------------------------------- */

/* A terminal of rows x 80 that keeps the last screen drawn. */
struct fake_term {
	struct buf screen;
	int rows;
};

static void fake_size(void *ctx, int *rows, int *cols)
{
	const struct fake_term *t = ctx;

	*rows = t->rows;
	*cols = 80;
}

static void fake_draw(void *ctx, const struct ui_view *v)
{
	struct fake_term *t = ctx;

	buf_clear(&t->screen);
	for (size_t i = 0; i < ui_text_n_lines(&v->text); i++) {
		ui_text_line_str(&v->text, i, &t->screen);
		buf_addch(&t->screen, '\n');
	}
}

/* The interface over the ui test deck, an in-memory store, a still clock. */
struct app_fixture {
	struct library lib;
	struct store *st;
	struct settings s;
	struct clock_fake fake;
	struct clock clock;
	struct ui_env env;
	struct fake_term term;
	struct app app;
};

/*
 * Opens f and its app on the home screen.  The test body opens and closes
 * it: cmocka counts as leaked what the body allocated and did not free.
 */
static void app_open(struct app_fixture *f)
{
	const char *paths[1] = { test_path("tests/fixtures/ui/decks") };
	struct app_term term = { fake_size, fake_draw, &f->term, NULL };
	struct diag_list dl;

	memset(f, 0, sizeof(*f));
	library_init(&f->lib);
	diag_list_init(&dl);
	assert_int_equal(library_load(&f->lib, paths, 1, NULL, &dl), 0);
	assert_int_equal(dl.errors, 0);
	diag_list_release(&dl);
	assert_int_equal(store_open(&f->st, ":memory:",
				    STORE_WRITE | STORE_CREATE), 0);
	settings_default(&f->s);
	assert_int_equal(time_parse_iso("2026-11-23T09:00:00Z",
					&f->fake.utc_ms), 0);
	clock_init_fake(&f->clock, &f->fake);
	f->env = (struct ui_env){ .lib = &f->lib, .st = f->st,
				  .settings = &f->s, .clock = &f->clock };
	buf_init(&f->term.screen);
	f->term.rows = 24;
	assert_int_equal(app_init(&f->app, &f->env, &term), 0);
}

static void app_close(struct app_fixture *f)
{
	app_release(&f->app);
	buf_release(&f->term.screen);
	store_free(f->st);
	library_release(&f->lib);
}

static int64_t n_reviews(struct app_fixture *f)
{
	int64_t n = -1;

	assert_int_equal(store_review_count(f->st, NULL, &n), 0);
	return n;
}

static void assert_screen_has(struct app_fixture *f, const char *text)
{
	if (!strstr(f->term.screen.s, text))
		fail_msg("no '%s' on the screen:\n%s", text,
			 f->term.screen.s);
}

/*
 * Home, enter drills every deck, space shows the answer, 3 grades it (on
 * disk before the next card is drawn), u undoes it (gone from disk, the
 * card back on screen), q and enter lead home again.
 */
static void ui_app_home_drill_grade_undo(void **state)
{
	struct app_fixture fix, *f = &fix;
	struct app *a = &f->app;

	(void)state;
	app_open(f);
	app_draw(a);
	assert_screen_has(f, "all decks");
	ui_app_key(a, UI_KEY_ENTER);
	assert_ptr_equal(a->screen, &app_drill_screen);
	assert_screen_has(f, "write-through");
	ui_app_key(a, ' ');
	assert_screen_has(f, "Write latency");
	assert_int_equal(n_reviews(f), 0);
	ui_app_key(a, '3');
	assert_int_equal(n_reviews(f), 1);
	assert_null(strstr(f->term.screen.s, "write-through"));
	ui_app_key(a, 'u');
	assert_int_equal(n_reviews(f), 0);
	assert_screen_has(f, "undone: good on basic-cache");
	assert_screen_has(f, "write-through");
	ui_app_key(a, 'q');
	assert_screen_has(f, "Session over");
	ui_app_key(a, UI_KEY_ENTER);
	assert_ptr_equal(a->screen, &app_home_screen);
	assert_false(a->quit);
	ui_app_key(a, 'q');
	assert_true(a->quit);
	app_close(f);
}

/*
 * The help page scrolls with its table's keys and any other key closes it
 * (on a terminal too small to show the home screen's keys at once).
 */
static void ui_app_help_scrolls_and_closes(void **state)
{
	struct app_fixture fix, *f = &fix;
	struct app *a = &f->app;

	(void)state;
	app_open(f);
	f->term.rows = 12;
	ui_app_key(a, '?');
	assert_screen_has(f, "keys");
	assert_screen_has(f, "move up");
	ui_app_key(a, 'j');
	assert_null(strstr(f->term.screen.s, "move up"));
	assert_int_equal(a->help, 1);
	assert_int_equal(a->help_scroll, 1);
	ui_app_key(a, 'x');
	assert_int_equal(a->help, 0);
	assert_screen_has(f, "all decks");
	app_close(f);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test(f)
		T(ui_escapes_control_characters),
		T(ui_tabs_and_newlines_become_spaces_in_a_line),
		T(ui_width_counts_wide_and_combining),
		T(ui_fit_pads_aligns_and_cuts),
		T(ui_wrap_breaks_at_spaces),
		T(ui_wrap_splits_only_words_longer_than_a_line),
		T(ui_wrap_breaks_around_wide_characters),
		T(ui_wrap_keeps_escapes_and_prefixes),
		T(ui_md_renders_emphasis_and_code),
		T(ui_md_renders_lists_and_blocks),
		T(ui_md_numbers_lists_from_their_start),
		T(ui_md_marks_cloze_deletions),
		T(ui_md_survives_hostile_nesting),
		T(ui_keys_follow_the_screen),
		T(ui_app_home_drill_grade_undo),
		T(ui_app_help_scrolls_and_closes),
		T(ui_every_bound_key_is_in_the_help),
		T(ui_overlays_scroll_by_their_tables),
		T(ui_key_names),
		T(ui_help_lists_every_key_of_the_screen),
		T(ui_input_edits_utf8),
		T(ui_input_stops_at_its_limit),
		T(ui_input_view_wraps_and_places_the_cursor),
		T(ui_input_view_wraps_at_words),
		T(home_shows_decks_counts_and_hints),
		T(home_moves_and_requests),
		T(home_first_run_says_what_to_press),
		T(ui_list_move_clamps_to_the_ends),
		T(drill_basic_card_question_answer_grade),
		T(drill_esc_is_the_same_on_every_card),
		T(drill_typed_card_checks_key_points),
		T(drill_typed_red_flag_counts_against),
		T(drill_cloze_hides_then_reveals_in_place),
		T(drill_reverse_asks_the_back),
		T(drill_end_shows_the_summary),
		T(browse_sorts_and_filters),
		T(browse_filter_is_bounded_and_cancellable),
		T(browse_acts_on_the_selected_card),
		T(ui_screens_fit_every_size),
#undef T
	};

	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		return 1;
	return cmocka_run_group_tests_name("ui", tests, NULL, NULL);
}
