/*
 * The user's data for the study verbs: the library (shipped decks and the
 * user's own, or --decks) and the progress database with its settings.
 * Each helper reports its own errors, so a verb only returns the status.
 */
#include "cli/cli.h"

#include "core/buf.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/vec.h"
#include "core/xmalloc.h"
#include "loader/loader.h"
#include "queue/queue_settings.h"
#include "store/store.h"

/* Adds dir/name to paths (owned) if it is a directory; else frees it. */
static void add_dir(struct vec *paths, const char *dir, const char *name)
{
	char *path;

	if (!dir)	/* no home: no user folder */
		return;
	path = cli_path_join(dir, name);
	if (cli_is_dir(path))
		*(char **)vec_push(paths) = path;
	else
		xfree(path);
}

static void free_paths(struct vec *paths)
{
	for (size_t i = 0; i < paths->len; i++)
		xfree(*(char **)vec_at(paths, i));
	vec_release(paths);
}

int cli_library_read(void *ctx, struct library *lib, struct diag_list *dl)
{
	const struct cli_library_src *src = ctx;
	const struct cli_env *env = src->env;
	struct vec paths;
	char *content;
	int ret;

	vec_init(&paths, sizeof(char *));
	for (size_t i = 0; i < src->n_decks; i++)
		*(char **)vec_push(&paths) = xstrdup(src->decks[i]);
	/* The defaults are optional: a fresh user has no decks dir. */
	if (!src->n_decks) {
		add_dir(&paths, env->data_dir, "decks");
		add_dir(&paths, env->user_dir, "decks");
	}
	if (src->flags & CLI_LIBRARY_SCENARIOS) {
		add_dir(&paths, env->data_dir, "content/mocks");
		add_dir(&paths, env->data_dir, "content/rubrics");
	}
	content = cli_path_join(env->data_dir, "content");
	ret = library_load(lib, paths.items, paths.len,
			   cli_is_dir(content) ? content : NULL, dl);
	xfree(content);
	free_paths(&paths);
	if (ret == 0)
		lint_leave_out(lib, dl, &((struct cli_library_src *)ctx)->left_out);
	return ret;
}

int cli_load_library(struct cli_library_src *src, struct library *lib)
{
	struct diag_list dl;
	struct buf b;
	int ret;

	library_init(lib);
	diag_list_init(&dl);
	ret = cli_library_read(src, lib, &dl);
	if (ret < 0) {
		diag_list_sort(&dl);
		diag_list_print(&dl, stderr, DIAG_FORMAT_TEXT, 0);
		cli_error("the decks could not be read: %s", tpm_strerror(ret));
		library_release(lib);
		diag_list_release(&dl);
		return EXIT_DATA;
	}
	buf_init(&b);
	lint_left_out_text(&src->left_out, &b);
	if (b.len)
		cli_warning("%s", b.s);
	buf_release(&b);
	diag_list_release(&dl);
	return EXIT_OK;
}

int cli_open_store(struct cli_env *env, unsigned flags, struct store **st,
		   struct settings *s)
{
	struct buf err;
	int ret;

	if (!env->db_path) {
		cli_error("no home folder for the progress database: set HOME, "
			  "or give --db PATH or TPMTRAIN_DB");
		*st = NULL;
		return EXIT_DATA;
	}
	ret = store_open(st, env->db_path, flags);
	if (ret < 0) {
		cli_error("%s", store_errmsg(*st));
		store_free(*st);
		*st = NULL;
		return EXIT_DATA;
	}
	if (!s)
		return EXIT_OK;
	buf_init(&err);
	ret = settings_load(s, *st, &err);
	if (ret < 0) {
		cli_error("%s", err.s);
		store_free(*st);
		*st = NULL;
	}
	buf_release(&err);
	return ret < 0 ? EXIT_DATA : EXIT_OK;
}

int cli_tag_exists(const struct library *lib, const char *tag)
{
	for (size_t i = 0; i < lib->n_items; i++)
		if (item_has_tag(&lib->items[i], tag))
			return 1;
	return 0;
}
