#ifndef TPM_CLI_CLI_H
#define TPM_CLI_CLI_H

#include <stdio.h>

#include "core/clock.h"
#include "lint/lint.h"

#define TPM_VERSION "0.1.0"

/* Exit statuses, as DESIGN.md gives them. */
enum cli_exit {
	EXIT_OK = 0,
	EXIT_DATA = 1,	/* a problem with the user's data or input, reported */
	EXIT_USAGE = 2,
};

/*
 * Where things live, resolved once from options, the environment and XDG
 * defaults.  Strings are owned by the struct.
 */
struct cli_env {
	char *data_dir;		/* shipped decks/ and content/ live here */
	char *user_dir;		/* $XDG_DATA_HOME/tpmtrain */
	char *config_dir;	/* $XDG_CONFIG_HOME/tpmtrain */
	char *db_path;		/* --db, TPMTRAIN_DB or user_dir/progress.db */
	char *stories_path;	/* TPMTRAIN_STORIES or user_dir/stories.yaml */
	char *cache_dir;	/* $XDG_CACHE_HOME/tpmtrain; NULL: no cache
				 * (TPMTRAIN_CACHE=off, or no home) */
	int debug_cache;	/* TPMTRAIN_DEBUG=cache: say what it did */
	int debug_queue;	/* TPMTRAIN_DEBUG=queue: what due read */
	struct clock clock;	/* system, or TPMTRAIN_NOW for tests */
	struct clock_fake fake;
};

/*
 * A verb: run() gets argv with argv[0] the verb name, and returns an
 * enum cli_exit.  usage is the one-line synopsis after "tpmtrain ".
 */
struct cli_verb {
	const char *name;
	int (*run)(int argc, char **argv, struct cli_env *env);
	const char *usage;
	const char *summary;
};

/* The entry point: parses global options, dispatches to a verb. */
int cli_main(int argc, char **argv);

/*
 * Reports a usage error the git way: "tpmtrain VERB: MSG" and the verb's
 * usage line on stderr.  Returns EXIT_USAGE.
 */
__attribute__((format(printf, 2, 3)))
int cli_usage_error(const char *verb, const char *fmt, ...);

/*
 * Reports the option getopt_long() just refused, with cli_usage_error():
 * c is what it returned, ':' for an option missing its value (when the
 * optstring asks for ':'), anything else an unknown option, named by
 * argv[optind - 1].  Returns EXIT_USAGE.
 */
int cli_option_error(const char *verb, int c, char **argv);

/* Prints "tpmtrain: error: MSG" on stderr. */
__attribute__((format(printf, 1, 2)))
void cli_error(const char *fmt, ...);

/* Prints "tpmtrain: warning: MSG" on stderr. */
__attribute__((format(printf, 1, 2)))
void cli_warning(const char *fmt, ...);

/*
 * Says, once, that standard output could not be written (errno's reason)
 * and returns EXIT_DATA.  cli_main() calls it after every verb whose output
 * failed; a verb that stops early because of it calls it first.
 */
int cli_output_error(void);

/*
 * A whole file: cli_read_file() appends path to out (at most
 * LOADER_MAX_FILE_BYTES, else EFBIG); cli_write_file() replaces path
 * atomically (a temporary file beside it, synced, renamed over it),
 * making its folders (mode 0700).  Each
 * returns 0, or -1 with errno set.
 */
int cli_read_file(const char *path, struct buf *out);
int cli_write_file(const char *path, const char *data, size_t len);

/*
 * A person's name given as option opt of verb (--candidate): 1 to 80
 * characters of text, no control characters.  EXIT_OK, or a usage error.
 */
int cli_parse_name(const char *verb, const char *opt, const char *name);

/* The verb named name, or NULL. */
const struct cli_verb *cli_find_verb(const char *name);

/* Paths: fills env from getenv() and the executable's location. */
int cli_env_init(struct cli_env *env);
void cli_env_release(struct cli_env *env);
/* Replaces env->db_path (for --db). */
void cli_env_set_db(struct cli_env *env, const char *path);
/* 1 if path is a directory (or a link to one), else 0. */
int cli_is_dir(const char *path);
/* "dir/name" as a new string, which the caller frees with xfree(). */
char *cli_path_join(const char *dir, const char *name);

/*
 * Where a queue keeps its known set (queue_known_load()) for the
 * database env->db_path: a file in the cache folder, or NULL when
 * caching is off.  The caller frees it with xfree().
 */
char *cli_known_path(const struct cli_env *env);

/* Verbs. */
int cmd_lint(int argc, char **argv, struct cli_env *env);
int cmd_drill(int argc, char **argv, struct cli_env *env);
/* `tpmtrain` with no verb: the interface's home screen. */
int cli_home(struct cli_env *env);
int cmd_replay(int argc, char **argv, struct cli_env *env);
int cmd_due(int argc, char **argv, struct cli_env *env);
int cmd_review(int argc, char **argv, struct cli_env *env);
int cmd_config(int argc, char **argv, struct cli_env *env);
int cmd_primer(int argc, char **argv, struct cli_env *env);
int cmd_stories(int argc, char **argv, struct cli_env *env);
int cmd_mock(int argc, char **argv, struct cli_env *env);
int cmd_history(int argc, char **argv, struct cli_env *env);
int cmd_report(int argc, char **argv, struct cli_env *env);

/*
 * The interface's result screen writes a report through this (struct
 * ui_env's report): the Markdown report of mock session id, as `tpmtrain
 * report ID` prints it, written to user_dir/reports/mock-ID.md, whose
 * path goes in path.  Returns 0, or a negative tpm_err with one line in
 * err; prints nothing (the screen shows it).
 */
struct buf;
struct store;
struct cli_report_ctx {
	const struct cli_env *env;
	struct store *st;
};
int cli_report_file(void *ctx, int64_t id, struct buf *path,
		    struct buf *err);

/*
 * Sets *kind to the enum scenario_kind named name, or reports it as a
 * usage error of verb (with a "did you mean") and returns EXIT_USAGE.
 */
int cli_parse_kind(const char *verb, const char *name, int *kind);

/*
 * The interface's verbs' common run (cli_ui.c): loads the library with
 * the scenarios (from the --decks dirs, a vec of char *, if any) and
 * opens the store for writing, fills ue's lib, st, settings, clock and
 * load, and runs ui_run() with the verb's choices already in ue.  check,
 * if not NULL, runs first: it reports a bad choice (such as an unknown
 * scenario) and returns an enum cli_exit, EXIT_OK to go on.  Returns an
 * enum cli_exit.
 */
struct ui_env;
struct vec;
int cli_ui_run(struct cli_env *env, const char *verb, const struct vec *dirs,
	       struct ui_env *ue,
	       int (*check)(const char *verb, struct ui_env *ue));

/*
 * The study verbs' data (cli_data.c); each reports its own errors on
 * stderr and returns an enum cli_exit.
 */
struct diag_list;
struct library;
struct settings;
struct store;

/*
 * Where a verb reads the library from: the n_decks directories of
 * --decks, or by default the shipped decks (env->data_dir/decks) and the
 * user's own (env->user_dir/decks), whichever exist; refs resolve in the
 * shipped content/.  With CLI_LIBRARY_SCENARIOS the shipped mock
 * scenarios and rubrics (content/mocks, content/rubrics) are read too,
 * and the story bank (env->stories_path) when there is one.
 * Borrowed: env and decks must outlive every load from it.
 */
enum cli_library_flags {
	CLI_LIBRARY_SCENARIOS = 1 << 0,
	/* The cards' contents may wait for library_cards(): a verb that
	 * only counts (library_cache_defer()). */
	CLI_LIBRARY_DEFER_CARDS = 1 << 1,
};

struct cli_library_src {
	struct cli_env *env;
	const char *const *decks;
	size_t n_decks;
	unsigned flags;		/* enum cli_library_flags */
	struct lint_left_out left_out;	/* set by each load */
	/* Set by each load: the user's deck copies older than the shipped
	 * deck they replace, and the first of them (xfree()). */
	size_t n_stale;
	char *stale;
};

/*
 * The one loading path: loads what src (a struct cli_library_src) names
 * into lib (initialised), every diagnostic into dl (lint's too), and
 * reports nothing.  The user's copy of a shipped deck replaces it
 * (library_prefer_copies(); a copy older than the shipped file is counted
 * in src->n_stale).  What has errors is left out of study
 * (lint_leave_out()), counted in src->left_out.  Returns 0, or
 * library_load()'s TPM_EIO when a path could not be read (also in dl).
 * The signature is struct ui_env's load, so that the interface reloads
 * after an edit exactly as it loaded at the start.
 */
int cli_library_read(void *src, struct library *lib, struct diag_list *dl);

/*
 * The file to edit for a card in file (struct ui_env's edit_file; ctx a
 * struct cli_library_src): file itself, or, when file is a shipped deck,
 * a copy of it made in the user's decks folder, which replaces the
 * shipped deck from the next load on (progress is keyed by card id, so it
 * is kept).  A new string, or NULL with why in err.
 */
char *cli_edit_file(void *ctx, const char *file, struct buf *err);

/*
 * Loads the library with cli_library_read() into lib, which this
 * initialises.  What has errors is left out, with one warning line on
 * stderr (a broken deck locks nobody out; `lint` shows the errors).  A
 * path that could not be read is reported with its diagnostics and lib
 * released: EXIT_DATA.  On EXIT_OK the caller releases lib.
 */
int cli_load_library(struct cli_library_src *src, struct library *lib);

/* 1 if some study item of lib carries tag (on its card or its deck). */
int cli_tag_exists(const struct library *lib, const char *tag);

/*
 * Opens env->db_path with store_open()'s flags and, if s is not NULL,
 * loads the settings into s.  On error prints "tpmtrain: error: FILE:
 * MESSAGE" and sets *st to NULL.
 */
int cli_open_store(struct cli_env *env, unsigned flags, struct store **st,
		   struct settings *s);

#endif
