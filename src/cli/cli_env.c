#include "cli/cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/xmalloc.h"

#ifndef TPM_DATADIR
#define TPM_DATADIR "/usr/local/share/tpmtrain"
#endif

int cli_is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

char *cli_path_join(const char *dir, const char *name)
{
	struct buf b;

	buf_init(&b);
	buf_addf(&b, "%s/%s", dir, name);
	return buf_detach(&b, NULL);
}

/*
 * $VAR/tpmtrain, or $HOME/fallback/tpmtrain when VAR is unset, empty or
 * relative (the XDG base directory rule: a relative path is invalid and
 * ignored); NULL without an absolute HOME either, rather than a folder
 * relative to wherever tpmtrain happens to start, which would split the
 * progress by directory.
 */
static char *xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var);
	const char *home = getenv("HOME");
	struct buf b;

	if (!(v && *v == '/') && !(home && *home == '/'))
		return NULL;
	buf_init(&b);
	if (v && *v == '/')
		buf_addf(&b, "%s/tpmtrain", v);
	else
		buf_addf(&b, "%s/%s/tpmtrain", home, fallback);
	return buf_detach(&b, NULL);
}

/* dir if it holds a decks/ folder: a new string; else NULL. */
static char *data_dir_if_decks(const char *dir)
{
	char *decks = cli_path_join(dir, "decks");
	int found = cli_is_dir(decks);

	xfree(decks);
	return found ? xstrdup(dir) : NULL;
}

/*
 * The shipped decks: TPMTRAIN_DATA_DIR; else beside the executable when it
 * runs from a source tree (make run); else ../share/tpmtrain from it, so an
 * installed tree can move (make install DESTDIR=...); else the configured
 * share directory.
 */
static char *find_data_dir(void)
{
	const char *v = getenv("TPMTRAIN_DATA_DIR");
	char exe[PATH_MAX];
	char *slash, *dir = NULL;
	ssize_t n;

	if (v && *v)
		return xstrdup(v);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			char *share;

			*slash = '\0';
			dir = data_dir_if_decks(exe);
			if (!dir) {
				share = cli_path_join(exe, "../share/tpmtrain");
				dir = data_dir_if_decks(share);
				xfree(share);
			}
		}
	}
	return dir ? dir : xstrdup(TPM_DATADIR);
}

int cli_env_init(struct cli_env *env)
{
	const char *db = getenv("TPMTRAIN_DB");
	const char *stories = getenv("TPMTRAIN_STORIES");
	const char *cache = getenv("TPMTRAIN_CACHE");
	const char *debug = getenv("TPMTRAIN_DEBUG");
	const char *now = getenv("TPMTRAIN_NOW");
	const char *scale = getenv("TPMTRAIN_CLOCK_SCALE");

	memset(env, 0, sizeof(*env));
	env->data_dir = find_data_dir();
	env->user_dir = xdg_dir("XDG_DATA_HOME", ".local/share");
	env->config_dir = xdg_dir("XDG_CONFIG_HOME", ".config");
	if (!(cache && !strcmp(cache, "off")))
		env->cache_dir = xdg_dir("XDG_CACHE_HOME", ".cache");
	env->debug_cache = debug && strstr(debug, "cache") != NULL;
	env->debug_queue = debug && strstr(debug, "queue") != NULL;
	if (db && *db)
		env->db_path = xstrdup(db);
	else if (env->user_dir)
		env->db_path = cli_path_join(env->user_dir, "progress.db");
	if (stories && *stories)
		env->stories_path = xstrdup(stories);
	else if (env->user_dir)
		env->stories_path = cli_path_join(env->user_dir,
						  "stories.yaml");
	if (now && *now) {
		if (clock_init_frozen_start(&env->clock, &env->fake, now) < 0) {
			cli_error("TPMTRAIN_NOW: cannot parse '%s' (want ISO "
				  "8601 UTC or Unix seconds)", now);
			cli_env_release(env);
			return -1;
		}
	} else {
		clock_init_system(&env->clock);
	}
	if (scale && *scale &&
	    clock_set_scale(&env->clock, &env->fake, scale) < 0) {
		cli_error("TPMTRAIN_CLOCK_SCALE: cannot use '%s' (want a "
			  "whole number from 0 to 3600)", scale);
		cli_env_release(env);
		return -1;
	}
	return 0;
}

void cli_env_release(struct cli_env *env)
{
	xfree(env->data_dir);
	xfree(env->user_dir);
	xfree(env->config_dir);
	xfree(env->db_path);
	xfree(env->stories_path);
	xfree(env->cache_dir);
	memset(env, 0, sizeof(*env));
}

void cli_env_set_db(struct cli_env *env, const char *path)
{
	xfree(env->db_path);
	env->db_path = xstrdup(path);
}
