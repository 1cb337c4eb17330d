/*
 * The user's data for the study verbs: the library (shipped decks and the
 * user's own, or --decks) and the progress database with its settings.
 * Each helper reports its own errors, so a verb only returns the status.
 */
#include "cli/cli.h"

#include <sys/stat.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/xmalloc.h"
#include "loader/loader.h"
#include "queue/queue_settings.h"
#include "store/store.h"

static int is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

int cli_load_library(struct cli_env *env, const char *const *decks,
		     size_t n_decks, struct library *lib)
{
	struct buf shipped, own, content;
	const char *paths[2];
	struct diag_list dl;
	size_t n = 0;
	int ret = EXIT_OK;

	buf_init(&shipped);
	buf_init(&own);
	buf_init(&content);
	buf_addf(&shipped, "%s/decks", env->data_dir);
	buf_addf(&own, "%s/decks", env->user_dir);
	buf_addf(&content, "%s/content", env->data_dir);
	if (!n_decks) {
		/* The defaults are optional: a fresh user has no decks dir. */
		if (is_dir(shipped.s))
			paths[n++] = shipped.s;
		if (is_dir(own.s))
			paths[n++] = own.s;
		decks = paths;
		n_decks = n;
	}
	library_init(lib);
	diag_list_init(&dl);
	library_load(lib, decks, n_decks,
		     is_dir(content.s) ? content.s : NULL, &dl);
	if (dl.errors) {
		diag_list_sort(&dl);
		diag_list_print(&dl, stderr, DIAG_FORMAT_TEXT, 0);
		cli_error("the decks have %zu error%s; 'tpmtrain lint' checks "
			  "them", dl.errors, dl.errors == 1 ? "" : "s");
		library_release(lib);
		ret = EXIT_DATA;
	}
	diag_list_release(&dl);
	buf_release(&shipped);
	buf_release(&own);
	buf_release(&content);
	return ret;
}

int cli_open_store(struct cli_env *env, unsigned flags, struct store **st,
		   struct settings *s)
{
	struct buf err;
	int ret;

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
