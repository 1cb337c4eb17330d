/*
 * Replays the loader fuzz target's minimised corpus (tests/fuzz/loader,
 * grown by `make fuzz`): every input that once reached new code must still
 * load and lint without a crash, a leak or a sanitizer report, and every
 * rejected one must say why.
 */
#include "test_util.h"

#include <dirent.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/xmalloc.h"
#include "lint/lint.h"
#include "loader/loader.h"

static void fuzz_corpus_loads_without_crashing(void **state)
{
	char dir[4096];
	DIR *d;
	struct dirent *e;
	size_t files = 0, rejected = 0;

	(void)state;
	snprintf(dir, sizeof(dir), "%s", test_path("tests/fuzz/loader"));
	d = opendir(dir);
	assert_non_null(d);
	while ((e = readdir(d))) {
		char path[8192];
		struct library lib;
		struct diag_list dl;
		size_t len;
		char *data;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		data = test_read_file(path, &len);
		assert_non_null(data);
		library_init(&lib);
		diag_list_init(&dl);
		library_load_buffer(&lib, e->d_name, data, len, &dl);
		lint_library(&lib, &dl);
		/* An input with nothing loaded must have said why. */
		if (!lib.n_decks && !lib.n_rubrics && !lib.n_scenarios) {
			assert_true(dl.errors > 0);
			rejected++;
		}
		library_release(&lib);
		diag_list_release(&dl);
		xfree(data);
		files++;
	}
	closedir(d);
	print_message("%zu corpus inputs, %zu rejected with a diagnostic\n",
		      files, rejected);
	assert_true(files >= 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fuzz_corpus_loads_without_crashing),
	};

	return cmocka_run_group_tests_name("fuzz_corpus", tests, NULL, NULL);
}
