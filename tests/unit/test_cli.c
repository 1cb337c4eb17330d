/*
 * What the report verb writes, read back as a Markdown renderer reads it:
 * the report of tests/e2e/mock_history.sh (tests/fixtures/mock/report-3.md,
 * which that test compares byte for byte with `tpmtrain report`) rendered
 * by cmark with raw HTML allowed, as a careless viewer would.
 */
/* Before cmocka, which makes free() a macro, so cmark_mem keeps its free. */
#include <cmark.h>

#include "test_util.h"

/* cmark's memory goes back through cmark's allocator, not cmocka's. */
static void release(char *html)
{
	cmark_mem *mem = cmark_get_default_mem_allocator();

	/* cmocka makes free a macro for its own allocator. */
#pragma push_macro("free")
#undef free
	mem->free(html);
#pragma pop_macro("free")
}

static char *render(void)
{
	size_t len = 0;
	char *md = test_read_file(test_path("tests/fixtures/mock/report-3.md"),
				  &len);
	char *html;

	assert_non_null(md);
	html = cmark_markdown_to_html(md, len, CMARK_OPT_UNSAFE);
	xfree(md);
	return html;
}

static void cli_report_notes_render_as_typed(void **state)
{
	char *html = render();

	(void)state;
	/* The HTML typed in notes, the prompt and a comment stays text. */
	assert_null(strstr(html, "<script>"));
	assert_null(strstr(html, "<b>"));
	assert_null(strstr(html, "<i>"));
	assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	/* A note starting "- " or "1. " or "# " is one list item, as typed,
	 * not a nested list, a numbered list or a heading. */
	assert_non_null(strstr(html, "<li>- 100M links/month | reads 100:1"
				     "</li>"));
	assert_non_null(strstr(html, "<li># not a heading"));
	assert_non_null(strstr(html, "<li>1. LB -&gt; app -&gt; *cache* "
				     "[link](x) &amp; `code`</li>"));
	assert_null(strstr(html, "<ol>"));
	assert_null(strstr(html, "<em>"));
	assert_null(strstr(html, "<a href"));
	/* The prompt's own Markdown is kept. */
	assert_non_null(strstr(html, "<strong>URL shortener</strong>"));
	/* Headings: the title, and one per section and per phase. */
	assert_non_null(strstr(html, "<h1>Mock interview: Design a URL "
				     "shortener</h1>"));
	assert_non_null(strstr(html, "<h3>1. Clarify</h3>"));
	assert_non_null(strstr(html, "<h2>Trend</h2>"));
	release(html);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cli_report_notes_render_as_typed),
	};

	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
