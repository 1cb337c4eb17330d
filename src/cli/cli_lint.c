/* tpmtrain lint: the loader's and lint's diagnostics, compiler-style. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/vec.h"
#include "core/xmalloc.h"
#include "lint/lint.h"
#include "loader/loader.h"

static void lint_usage(FILE *out)
{
	fprintf(out,
		"usage: tpmtrain lint [--strict] [--format text|json] "
		"[--content DIR] [PATH...]\n"
		"\n"
		"Checks decks, rubrics and mock scenarios, and prints every "
		"problem as\n"
		"FILE:LINE:COL: error: MESSAGE (or warning:), then a summary "
		"on stderr.\n"
		"A PATH that is a directory is searched for *.yaml and *.yml "
		"files.\n"
		"Without PATH: the shipped decks and content, your own "
		"decks and your\nstory bank (stories.yaml).\n"
		"\n"
		"options:\n"
		"  --strict          treat warnings as errors\n"
		"  --format FORMAT   text (the default), or json: one object "
		"per line\n"
		"  --content DIR     where refs resolve (default: a PATH "
		"named 'content',\n"
		"                    else the shipped content directory)\n"
		"  -h, --help        show this help\n"
		"\n"
		"Exit status: 0 no errors, 1 errors found, 2 usage error.\n");
}

/* The last path component, ignoring trailing slashes: "a/content/". */
static int named_content(const char *path)
{
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	return n >= 7 && !strncmp(path + n - 7, "content", 7) &&
	       (n == 7 || path[n - 8] == '/');
}

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

int cmd_lint(int argc, char **argv, struct cli_env *env)
{
	static const struct option opts[] = {
		{ "strict", no_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ "content", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum diag_format format = DIAG_FORMAT_TEXT;
	const char *content = NULL;
	struct vec paths, owned;
	struct library lib;
	struct diag_list dl;
	size_t errors, warnings;
	int strict = 0, c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			strict = 1;
			break;
		case 'f':
			if (!strcmp(optarg, "text"))
				format = DIAG_FORMAT_TEXT;
			else if (!strcmp(optarg, "json"))
				format = DIAG_FORMAT_JSON;
			else
				return cli_usage_error("lint", "unknown format "
						       "'%s' (expected text or "
						       "json)", optarg);
			break;
		case 'c':
			/* Else every ref would be "not found" in it, one by
			 * one. */
			if (!cli_is_dir(optarg))
				return cli_usage_error("lint", "--content '%s': "
						       "no such directory",
						       optarg);
			content = optarg;
			break;
		case 'h':
			lint_usage(stdout);
			return EXIT_OK;
		default:
			return cli_option_error("lint", c, argv);
		}
	}

	vec_init(&paths, sizeof(const char *));
	vec_init(&owned, sizeof(char *));
	if (optind < argc) {
		for (int i = optind; i < argc; i++) {
			*(const char **)vec_push(&paths) = argv[i];
			if (!content && named_content(argv[i]) &&
			    cli_is_dir(argv[i]))
				content = argv[i];
		}
	} else {
		char *user = env->user_dir
				     ? cli_path_join(env->user_dir, "decks")
				     : NULL;

		*(char **)vec_push(&owned) =
			cli_path_join(env->data_dir, "decks");
		*(char **)vec_push(&owned) =
			cli_path_join(env->data_dir, "content");
		if (user && cli_is_dir(user))
			*(char **)vec_push(&owned) = user;
		else
			xfree(user);
		if (env->stories_path && access(env->stories_path, F_OK) == 0)
			*(char **)vec_push(&owned) =
				xstrdup(env->stories_path);
		for (size_t i = 0; i < owned.len; i++)
			*(const char **)vec_push(&paths) =
				*(char **)vec_at(&owned, i);
	}
	if (!content)
		content = *(char **)vec_push(&owned) =
			cli_path_join(env->data_dir, "content");

	library_init(&lib);
	diag_list_init(&dl);
	library_load(&lib, paths.items, paths.len, content, &dl);
	lint_library(&lib, &dl);
	diag_list_sort(&dl);
	diag_list_print(&dl, stdout, format, strict);
	fflush(stdout);

	errors = dl.errors + (strict ? dl.warnings : 0);
	if (!lib.n_files && !dl.errors) {
		cli_error("nothing to check: no .yaml or .yml file in %s",
			  optind < argc ? "the paths given" : "the decks");
		errors++;
	}
	warnings = strict ? 0 : dl.warnings;
	fprintf(stderr, "%zu error%s, %zu warning%s in %zu file%s\n", errors,
		plural(errors), warnings, plural(warnings), lib.n_files,
		plural(lib.n_files));

	diag_list_release(&dl);
	library_release(&lib);
	for (size_t i = 0; i < owned.len; i++)
		xfree(*(char **)vec_at(&owned, i));
	vec_release(&owned);
	vec_release(&paths);
	return errors ? EXIT_DATA : EXIT_OK;
}
