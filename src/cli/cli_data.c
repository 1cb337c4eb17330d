/*
 * The user's data for the study verbs: the library (shipped decks and the
 * user's own, or --decks) and the progress database with its settings.
 * Each helper reports its own errors, so a verb only returns the status.
 */
#include "cli/cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/hash.h"
#include "core/path.h"
#include "core/quote.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/vec.h"
#include "core/xmalloc.h"
#include "lint/lint.h"
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

/* 1 if file a was changed after file b. */
static int newer(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       (sa.st_mtim.tv_sec > sb.st_mtim.tv_sec ||
		(sa.st_mtim.tv_sec == sb.st_mtim.tv_sec &&
		 sa.st_mtim.tv_nsec > sb.st_mtim.tv_nsec));
}

/*
 * The user's copies of shipped decks replace them; an update of a shipped
 * deck since its copy was made is counted, to be reported, not merged.
 */
static void prefer_copies(struct cli_library_src *src, struct library *lib)
{
	char *shipped = cli_path_join(src->env->data_dir, "decks");
	struct vec replaced;

	vec_init(&replaced, sizeof(struct deck_copy));
	src->n_stale = 0;
	xfree(src->stale);
	src->stale = NULL;
	if (shipped)
		library_prefer_copies(lib, shipped, &replaced);
	for (size_t i = 0; i < replaced.len; i++) {
		const struct deck_copy *c = vec_at(&replaced, i);

		if (!newer(c->shipped, c->copy))
			continue;
		if (!src->n_stale++)
			src->stale = xstrdup(c->copy);
	}
	vec_release(&replaced);
	xfree(shipped);
}

/*
 * The cache file for this set of paths: one per set, so that --decks
 * runs and the default library do not evict each other.  NULL when
 * caching is off; the folder is made if need be.
 */
static char *cache_path(const struct cli_env *env, const struct vec *paths,
			const char *content)
{
	struct buf key;
	char name[40], *path;

	if (!env->cache_dir)
		return NULL;
	buf_init(&key);
	for (size_t i = 0; i < paths->len; i++)
		buf_add(&key, *(char **)vec_at(paths, i),
			strlen(*(char **)vec_at(paths, i)) + 1);
	buf_adds(&key, content ? content : "");
	snprintf(name, sizeof(name), "library-%016llx.cache",
		 (unsigned long long)hash64(key.s, key.len));
	buf_release(&key);
	path = cli_path_join(env->cache_dir, name);
	if (path_make_parents(path) < 0) {
		xfree(path);
		return NULL;
	}
	return path;
}

/* One per database: the library it was learnt for is in the file. */
char *cli_known_path(const struct cli_env *env)
{
	char name[40];

	if (!env->cache_dir || !env->db_path)
		return NULL;
	snprintf(name, sizeof(name), "queue-%016llx.known",
		 (unsigned long long)hash64(env->db_path,
					    strlen(env->db_path)));
	/* In the folder the library cache made. */
	return cli_path_join(env->cache_dir, name);
}

/*
 * The cache folder's housekeeping: a cache is one per set of folders read,
 * and each can be as big as its library, so one not used for CACHE_KEEP
 * is deleted when another is written; a used one has its time renewed
 * once a day to say so.  A queue's known set (cli_known_path()) goes
 * after as long unwritten.  A temporary file is a writer's that died.  All
 * of it is best effort: a file left behind costs disk space, nothing else.
 */
#define CACHE_KEEP (30 * 86400)
#define CACHE_TMP_KEEP 3600
#define CACHE_RENEW 86400

/* Marks the cache at path used now, if it was last marked over a day ago. */
static void cache_mark_used(const char *path, time_t now)
{
	struct stat st;

	if (stat(path, &st) == 0 && st.st_mtime < now - CACHE_RENEW)
		utimensat(AT_FDCWD, path, NULL, 0);
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix);
}

/* Deletes the caches of dir unused for CACHE_KEEP, and dead writers' files. */
static void cache_sweep(const char *dir, time_t now)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		struct stat st;
		time_t keep;

		if (strncmp(e->d_name, "library-", 8) &&
		    strncmp(e->d_name, "queue-", 6))
			continue;
		if (has_suffix(e->d_name, ".tmp"))
			keep = CACHE_TMP_KEEP;
		else if (has_suffix(e->d_name, ".cache") ||
			 has_suffix(e->d_name, ".known"))
			keep = CACHE_KEEP;
		else
			continue;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode) && st.st_mtime < now - keep)
			unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

/*
 * Lint's verdict and the library's order, from the cache when the library
 * is the cache's own and lint found nothing in it (the files its refs
 * name included); else lint runs and the order is worked out, and the
 * cache is saved with both.  The order is made here, as part of loading,
 * so that the first screen starts without sorting.
 */
static const char *leave_out(struct cli_library_src *src, struct library *lib,
			     struct library_cache *c, const char *path,
			     time_t now, struct diag_list *dl)
{
	int saved;

	if (library_cache_fresh(lib, c) && library_cache_lint_clean(c)) {
		library_cache_order(lib, c);
		if (lint_refs_resolve(lib)) {
			memset(&src->left_out, 0, sizeof(src->left_out));
			return "skipped";
		}
	}
	if (library_cards(lib) < 0)
		return NULL;
	lint_leave_out(lib, dl, &src->left_out);
	library_order(lib);
	saved = path ? library_cache_save(lib, path, !src->left_out.errors) : 0;
	if (saved < 0)
		return "run; the cache could not be saved";
	if (saved)
		cache_sweep(src->env->cache_dir, now);
	return "run";
}

/*
 * One load of paths through the cache at path (may be NULL), its cards
 * deferred when asked; TPM_ECORRUPT if the cache turned out damaged
 * past what its checks before use could see (a deferred deck's cards).
 */
static int read_once(struct cli_library_src *src, struct library *lib,
		     const struct vec *paths, const char *content,
		     const char *path, int defer, struct diag_list *dl)
{
	const struct cli_env *env = src->env;
	int64_t now_ns = clock_file_time_ns();
	time_t now = (time_t)(now_ns / 1000000000);
	struct library_cache *c = NULL;
	const char *lint = "not run";
	int ret;

	if (path) {
		c = library_cache_open(path);
		cache_mark_used(path, now);
		if (defer)
			library_cache_defer(c);
	}
	ret = library_load_cached(lib, paths->items, paths->len, content, c,
				  now_ns, dl);
	if (ret == 0 && !src->n_decks)
		prefer_copies(src, lib);
	if (ret == 0 && !(lint = leave_out(src, lib, c, path, now, dl)))
		ret = TPM_ECORRUPT;
	if (env->debug_cache && ret != TPM_ECORRUPT)
		fprintf(stderr, "tpmtrain: cache: %zu of %zu files from the "
			"cache, %zu parsed; lint %s%s\n", lib->n_cached,
			lib->n_files, lib->n_files - lib->n_cached, lint,
			library_cards_deferred(lib) ? "; cards deferred" : "");
	library_cache_free(c);
	return ret;
}

int cli_library_read(void *ctx, struct library *lib, struct diag_list *dl)
{
	struct cli_library_src *src = ctx;
	const struct cli_env *env = src->env;
	char *content, *cache;
	struct vec paths;
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
		if (env->stories_path && access(env->stories_path, F_OK) == 0)
			*(char **)vec_push(&paths) =
				xstrdup(env->stories_path);
	}
	content = cli_path_join(env->data_dir, "content");
	if (!cli_is_dir(content)) {
		xfree(content);
		content = NULL;
	}
	cache = cache_path(env, &paths, content);
	ret = read_once(src, lib, &paths, content, cache,
			src->flags & CLI_LIBRARY_DEFER_CARDS, dl);
	if (ret == TPM_ECORRUPT) {
		/* Again, decoding every card: the damaged files are parsed
		 * and the cache written anew. */
		library_release(lib);
		diag_list_release(dl);
		diag_list_init(dl);
		ret = read_once(src, lib, &paths, content, cache, 0, dl);
	}
	xfree(content);
	free_paths(&paths);
	xfree(cache);
	return ret;
}

/* Copies the file from to to, a new file; 0 or -1 with why in err. */
static int copy_new(const char *from, const char *to, struct buf *err)
{
	FILE *in = fopen(from, "rb"), *out = NULL;
	char chunk[8192];
	size_t n;
	int ok;

	if (!in) {
		buf_addf(err, "cannot read %s: %s", from, strerror(errno));
		return -1;
	}
	out = fopen(to, "wbx");
	ok = out != NULL;
	while (ok && (n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		ok = fwrite(chunk, 1, n, out) == n;
	ok = ok && !ferror(in);
	if (out)
		ok = (fclose(out) == 0) && ok;
	fclose(in);
	if (!ok) {
		buf_addf(err, "cannot write %s: %s", to, strerror(errno));
		if (out)
			unlink(to);
	}
	return ok ? 0 : -1;
}

char *cli_edit_file(void *ctx, const char *file, struct buf *err)
{
	const struct cli_library_src *src = ctx;
	const struct cli_env *env = src->env;
	char *shipped = cli_path_join(env->data_dir, "decks");
	size_t n = shipped ? strlen(shipped) : 0;
	const char *base = strrchr(file, '/');
	char *dir, *copy = NULL;

	if (!shipped || strncmp(file, shipped, n) || file[n] != '/') {
		xfree(shipped);
		return xstrdup(file);
	}
	xfree(shipped);
	if (!env->user_dir) {
		buf_adds(err, "no home folder for your copy of the deck: set "
			 "HOME");
		return NULL;
	}
	dir = cli_path_join(env->user_dir, "decks");
	if ((mkdir(env->user_dir, 0700) < 0 && errno != EEXIST) ||
	    (mkdir(dir, 0777) < 0 && errno != EEXIST)) {
		buf_addf(err, "cannot make %s: %s", dir, strerror(errno));
	} else {
		copy = cli_path_join(dir, base ? base + 1 : file);
		if (access(copy, F_OK) == 0) {
			buf_addf(err, "%s is there already, with another deck "
				 "id: edit that file, or move it", copy);
			xfree(copy);
			copy = NULL;
		} else if (copy_new(file, copy, err) < 0) {
			xfree(copy);
			copy = NULL;
		}
	}
	xfree(dir);
	return copy;
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
	if (src->n_stale) {
		buf_clear(&b);
		quote_add(&b, src->stale, strlen(src->stale), 200);
		cli_warning("%zu shipped deck%s changed since you copied %s "
			    "(your copy is used), as %s", src->n_stale,
			    src->n_stale == 1 ? "" : "s",
			    src->n_stale == 1 ? "it" : "them", b.s);
	}
	xfree(src->stale);
	src->stale = NULL;
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
