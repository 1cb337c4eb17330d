#ifndef TPM_TESTS_FIXTURE_RUN_H
#define TPM_TESTS_FIXTURE_RUN_H

/*
 * Table-driven fixture tests for the loader and lint: a case is a file
 * NAME.expected holding the exact diagnostic lines (FILE:LINE:COL: ...)
 * that loading and linting NAME.yaml, or the directory NAME, must give.
 * Include after test_util.h.
 */
#include <dirent.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/xmalloc.h"
#include "lint/lint.h"
#include "loader/loader.h"

/*
 * Loads and lints path as `tpmtrain lint` does and returns the sorted
 * diagnostics, one line each; the caller frees the result with xfree().
 */
static char *lint_output(const char *path, const char *content)
{
	struct library lib;
	struct diag_list dl;
	char *out;

	library_init(&lib);
	diag_list_init(&dl);
	library_load(&lib, &path, 1, content, &dl);
	lint_library(&lib, &dl);
	diag_list_sort(&dl);
	out = test_diag_text(&dl);
	diag_list_release(&dl);
	library_release(&lib);
	return out;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Runs every case in dir (relative to the repository), with refs resolved
 * in dir/content.  Returns the number of cases and adds the failing ones
 * to *failed, printing what was expected and what came.
 */
static size_t run_fixtures(const char *dir, size_t *failed)
{
	char cwd[4096];
	char *names[512];
	size_t n = 0;
	struct dirent *e;
	DIR *d;

	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(test_path(dir)), 0);
	d = opendir(".");
	assert_non_null(d);
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (len > 9 && !strcmp(e->d_name + len - 9, ".expected")) {
			assert_true(n < 512);
			names[n++] = xstrndup(e->d_name, len - 9);
		}
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_names);
	for (size_t i = 0; i < n; i++) {
		struct buf path, exp_path;
		char *expected, *got;

		buf_init(&path);
		buf_init(&exp_path);
		buf_addf(&path, "%s.yaml", names[i]);
		if (access(path.s, F_OK) != 0) {
			buf_clear(&path);
			buf_adds(&path, names[i]);
		}
		buf_addf(&exp_path, "%s.expected", names[i]);
		expected = test_read_file(exp_path.s, NULL);
		assert_non_null(expected);
		got = lint_output(path.s, "content");
		if (strcmp(expected, got)) {
			print_message("fixture %s/%s:\n--- expected\n%s"
				      "--- got\n%s", dir, path.s, expected,
				      got);
			(*failed)++;
		}
		xfree(expected);
		xfree(got);
		buf_release(&path);
		buf_release(&exp_path);
		xfree(names[i]);
	}
	assert_int_equal(chdir(cwd), 0);
	return n;
}

#endif
