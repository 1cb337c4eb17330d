/*
 * The interface's text fuzz target: any bytes as Markdown, as a line of
 * text and as wrapped text, at any width.  Checks what the interface
 * promises of the result: no line wider than asked (from 12 cells up; a
 * visible escape such as <U+10FFFF> is ten cells and is never cut), and no
 * byte a terminal would act on: the output is valid UTF-8 with no control
 * character, whatever the input held.
 *
 * The first byte chooses the width (1 to 256 cells); the rest is the text.
 */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/utf8.h"
#include "ui/ui_int.h"

static void check(const struct ui_text *t, int width)
{
	const char *s = t->bytes.s;
	size_t len = t->bytes.len, bad;

	if (!utf8_valid(s, len, &bad))
		abort();
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (utf8_is_control(cp) || cp == '\t' || cp == '\n')
			abort();
		i += n;
	}
	for (size_t i = 0; width >= 12 && i < ui_text_n_lines(t); i++)
		if (ui_text_line_width(t, i) > width)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	struct ui_text t;
	int width;

	if (!init) {
		setlocale(LC_CTYPE, "C.UTF-8");
		init = 1;
	}
	if (!size)
		return 0;
	width = data[0] + 1;
	ui_text_init(&t);
	ui_md_render(&t, (const char *)data + 1, size - 1, width, UI_MD_CLOZE);
	check(&t, width);
	ui_text_clear(&t);
	ui_wrap_text(&t, width, UI_R_TEXT, (const char *)data + 1, size - 1);
	check(&t, width);
	ui_text_clear(&t);
	ui_text_add(&t, UI_R_TEXT, 0, (const char *)data + 1, size - 1);
	check(&t, 0);
	ui_text_release(&t);
	return 0;
}
