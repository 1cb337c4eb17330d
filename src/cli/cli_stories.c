/*
 * `tpmtrain stories`: the candidate's STAR story bank (stories.yaml):
 * edit it in $EDITOR, linted on save; list it; and the matrix of
 * competencies by stories, with what was rehearsed.
 */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/quote.h"
#include "core/xmalloc.h"
#include "loader/loader.h"
#include "mock/mock.h"
#include "store/store.h"
#include "ui/ui_app.h"

/* The first line of every problem list written into the file. */
#define BANNER "# tpmtrain: "

static void usage(FILE *out)
{
	fputs("usage: tpmtrain stories edit | list [--json] | matrix\n"
	      "\n"
	      "Your STAR stories for behavioural rounds, in stories.yaml ("
	      "$TPMTRAIN_STORIES,\nelse $XDG_DATA_HOME/tpmtrain/stories.yaml)"
	      ".\n"
	      "\n"
	      "  edit     open it in $VISUAL or $EDITOR (made from a commented "
	      "template\n"
	      "           the first time); it is checked on save and opened "
	      "again, the\n"
	      "           problems listed at the top, until it has no errors\n"
	      "  list     one line per story; --json: every field\n"
	      "  matrix   competencies by stories: which have no story, which "
	      "story is\n"
	      "           stretched over more than three, what was rehearsed "
	      "and its score\n"
	      "\n"
	      "Exit status: 0 done, 1 the file has errors or cannot be read, "
	      "2 usage error.\n", out);
}

/* ---- loading -------------------------------------------------------- */

static int exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/*
 * The library as every verb loads it (cli_library_read(): the decks, the
 * scenarios, whose tags are the competencies, and the story bank); only
 * the bank's diagnostics are kept in dl.
 */
static void load_bank(struct cli_env *env, struct library *lib,
		      struct diag_list *dl)
{
	struct cli_library_src src = { .env = env,
				       .flags = CLI_LIBRARY_SCENARIOS };
	struct diag_list all;

	library_init(lib);
	diag_list_init(&all);
	cli_library_read(&src, lib, &all);
	xfree(src.stale);
	diag_list_sort(&all);
	for (size_t i = 0; i < all.items.len; i++) {
		const struct diag *d = diag_list_at(&all, i);

		if (d->file && !strcmp(d->file, env->stories_path))
			diag_add(dl, d->level, (struct src_pos){ d->file,
				 d->line, d->col }, "%s", d->msg);
	}
	diag_list_release(&all);
}

/* ---- edit ------------------------------------------------------------ */

/* The template, its schema line pointing at the shipped schema. */
static int create_bank(struct cli_env *env)
{
	char *tmpl = cli_path_join(env->data_dir,
				   "content/templates/stories.yaml.in");
	char *schema = cli_path_join(env->data_dir,
				     "content/schemas/stories.schema.json");
	struct buf text, out;
	const char *body;
	int ret = 0;

	buf_init(&text);
	buf_init(&out);
	if (cli_read_file(tmpl, &text) < 0) {
		cli_error("cannot read the template %s: %s", tmpl,
			  strerror(errno));
		ret = -1;
	} else {
		/* The template's own first line names a relative schema. */
		body = strchr(text.s, '\n');
		buf_addf(&out, "# yaml-language-server: $schema=%s\n", schema);
		buf_adds(&out, body ? body + 1 : "");
		if (cli_write_file(env->stories_path, out.s, out.len) < 0) {
			cli_error("cannot write %s: %s", env->stories_path,
				  strerror(errno));
			ret = -1;
		}
	}
	buf_release(&text);
	buf_release(&out);
	xfree(tmpl);
	xfree(schema);
	return ret;
}

/* text less the problem list a previous round wrote at its top. */
static const char *past_banner(const char *text)
{
	while (!strncmp(text, BANNER, strlen(BANNER))) {
		const char *nl = strchr(text, '\n');

		if (!nl)
			return text + strlen(text);
		text = nl + 1;
	}
	return text;
}

/*
 * Writes the problems at the top of the file, as comments, their lines
 * counted in the file as it will be; returns the first error's line.
 */
static unsigned write_banner(const char *path, const char *body,
			     const struct diag_list *dl, size_t errors)
{
	unsigned shift = (unsigned)dl->items.len + 2, first = 0;
	struct buf out;

	buf_init(&out);
	buf_addf(&out, BANNER "%zu error%s: fix %s and save; these lines go "
		 "away by themselves\n", errors, errors == 1 ? "" : "s",
		 errors == 1 ? "it" : "them");
	for (size_t i = 0; i < dl->items.len; i++) {
		const struct diag *d = diag_list_at(dl, i);

		buf_addf(&out, BANNER "line %u, column %u: %s: ", d->line +
			 shift, d->col, d->level == DIAG_ERROR ? "error"
							     : "warning");
		quote_add(&out, d->msg, strlen(d->msg), 300);
		buf_addch(&out, '\n');
		if (!first && d->level == DIAG_ERROR)
			first = d->line + shift;
	}
	buf_adds(&out, BANNER "\n");
	buf_adds(&out, body);
	if (cli_write_file(path, out.s, out.len) < 0)
		cli_error("cannot write %s: %s", path, strerror(errno));
	buf_release(&out);
	return first;
}

/*
 * Takes the problem list out of the file, leaving text its body; 0, or -1
 * if it cannot be read or written.
 */
static int strip_banner(const char *path, struct buf *text)
{
	size_t cut;

	buf_clear(text);
	if (cli_read_file(path, text) < 0) {
		cli_error("cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	cut = (size_t)(past_banner(text->s) - text->s);
	if (!cut)
		return 0;
	memmove(text->s, text->s + cut, text->len - cut + 1);
	text->len -= cut;
	if (cli_write_file(path, text->s, text->len) < 0) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* "PATH: 3 stories, no errors", the path escaped: it comes from outside. */
static void say_clean(const char *path, size_t n)
{
	struct buf q;

	buf_init(&q);
	quote_add(&q, path, strlen(path), SIZE_MAX);
	printf("%s: %zu stor%s, no errors\n", q.s, n, n == 1 ? "y" : "ies");
	buf_release(&q);
}

static int edit(struct cli_env *env)
{
	const char *path = env->stories_path;
	struct buf text, before;
	unsigned line = 1;
	int ret = -2;

	if (!exists(path) && create_bank(env) < 0)
		return EXIT_DATA;
	buf_init(&text);
	buf_init(&before);
	while (ret == -2) {
		struct library lib;
		struct diag_list dl;
		int status, quit;

		buf_clear(&before);
		cli_read_file(path, &before);
		status = app_editor_exec(path, line);
		if (status < 0) {
			cli_error("the editor did not run (set $EDITOR)");
			ret = EXIT_DATA;
			break;
		}
		if (strip_banner(path, &text) < 0) {
			ret = EXIT_DATA;
			break;
		}
		diag_list_init(&dl);
		load_bank(env, &lib, &dl);
		/* A failed editor (:cq) or an unchanged file: stop for now. */
		quit = status != 0 ||
		       (before.s && !strcmp(past_banner(before.s), text.s));
		if (!dl.errors) {
			diag_list_print(&dl, stderr, DIAG_FORMAT_TEXT, 0);
			say_clean(path, lib.n_stories);
			ret = EXIT_OK;
		} else if (quit) {
			diag_list_print(&dl, stderr, DIAG_FORMAT_TEXT, 0);
			cli_error("%s still has %zu error%s; nothing is lost: "
				  "tpmtrain stories edit goes on", path,
				  dl.errors, dl.errors == 1 ? "" : "s");
			ret = EXIT_DATA;
		} else {
			line = write_banner(path, text.s, &dl, dl.errors);
		}
		library_release(&lib);
		diag_list_release(&dl);
	}
	buf_release(&text);
	buf_release(&before);
	return ret;
}

/* ---- list ------------------------------------------------------------ */

static json_t *list_json(const struct lstr_list *l)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->v[i].s));
	return a;
}

static json_t *story_json(const struct story *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(s->id.s));
	json_object_set_new(o, "title", json_string(s->title.s));
	json_object_set_new(o, "situation", json_string(s->situation.s));
	json_object_set_new(o, "task", json_string(s->task.s));
	json_object_set_new(o, "action", json_string(s->action.s));
	json_object_set_new(o, "result", json_string(s->result.s));
	json_object_set_new(o, "metrics", list_json(&s->metrics));
	json_object_set_new(o, "competencies", list_json(&s->competencies));
	json_object_set_new(o, "tags", list_json(&s->tags));
	return o;
}

static void print_story(const struct story *s)
{
	struct buf line;

	buf_init(&line);
	buf_addf(&line, "%-24s ", s->id.s);
	quote_add(&line, s->title.s, strlen(s->title.s), 40);
	buf_adds(&line, "  [");
	for (size_t i = 0; i < s->competencies.n; i++)
		buf_addf(&line, "%s%s", i ? ", " : "",
			 s->competencies.v[i].s);
	buf_adds(&line, "]");
	printf("%s\n", line.s);
	buf_release(&line);
}

/* The bank's problems on stderr: one line, as the study verbs say it. */
static void warn_errors(const struct cli_env *env, const struct diag_list *dl)
{
	if (dl->errors)
		cli_warning("%s has %zu error%s (tpmtrain stories edit shows "
			    "them); the stories without one are used",
			    env->stories_path, dl->errors,
			    dl->errors == 1 ? "" : "s");
}

static int list(struct cli_env *env, int json)
{
	struct library lib;
	struct diag_list dl;
	json_t *a;

	if (!exists(env->stories_path)) {
		if (json)
			printf("[]\n");
		else
			fprintf(stderr, "no story bank yet: tpmtrain stories "
				"edit makes one\n");
		return EXIT_OK;
	}
	diag_list_init(&dl);
	load_bank(env, &lib, &dl);
	warn_errors(env, &dl);
	if (json) {
		char *s;

		a = json_array();
		for (size_t i = 0; i < lib.n_stories; i++)
			json_array_append_new(a, story_json(&lib.stories[i]));
		s = json_dumps(a, JSON_INDENT(2) | JSON_ENSURE_ASCII);
		printf("%s\n", s);
		free(s);
		json_decref(a);
	} else {
		for (size_t i = 0; i < lib.n_stories; i++)
			print_story(&lib.stories[i]);
	}
	library_release(&lib);
	diag_list_release(&dl);
	return EXIT_OK;
}

/* ---- matrix ---------------------------------------------------------- */

static void utc_day(void *ctx, int64_t utc_ms, char out[16])
{
	int64_t y;
	unsigned m, d;

	(void)ctx;
	civil_from_days(floor_div(utc_ms, MS_PER_DAY), &y, &m, &d);
	snprintf(out, 16, "%04lld-%02u-%02u", (long long)y, m, d);
}

static int matrix(struct cli_env *env)
{
	static const char *const mark[3] = { "-", "o", "" };
	struct mock_story_matrix m;
	struct library lib;
	struct diag_list dl;
	struct store *st;
	struct buf out;
	int ret;

	ret = cli_open_store(env, 0, &st, NULL);
	if (ret != EXIT_OK)
		return ret;
	diag_list_init(&dl);
	load_bank(env, &lib, &dl);
	warn_errors(env, &dl);
	buf_init(&out);
	if (mock_story_matrix(&lib, st, &m) < 0) {
		cli_error("%s", store_errmsg(st));
		ret = EXIT_DATA;
	} else {
		mock_story_matrix_text(&m, mark, utc_day, NULL, &out);
		fputs(out.s, stdout);
	}
	mock_story_matrix_release(&m);
	buf_release(&out);
	library_release(&lib);
	diag_list_release(&dl);
	store_free(st);
	return ret;
}

int cmd_stories(int argc, char **argv, struct cli_env *env)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *sub;
	int c, json = 0;

	opterr = 0;
	if (argc < 2)
		return cli_usage_error("stories", "which command: edit, list "
				       "or matrix?");
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return EXIT_OK;
	}
	sub = argv[1];
	optind = 2;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return EXIT_OK;
		}
		if (c != 'j')
			return cli_option_error("stories", c, argv);
		json = 1;
	}
	if (optind < argc)
		return cli_usage_error("stories", "unexpected argument '%s'",
				       argv[optind]);
	if (!env->stories_path) {
		cli_error("no home folder for the story bank: set HOME, or "
			  "TPMTRAIN_STORIES");
		return EXIT_DATA;
	}
	if (json && strcmp(sub, "list"))
		return cli_usage_error("stories", "--json goes with list");
	if (!strcmp(sub, "edit"))
		return edit(env);
	if (!strcmp(sub, "list"))
		return list(env, json);
	if (!strcmp(sub, "matrix"))
		return matrix(env);
	return cli_usage_error("stories", "no such command '%s' (edit, list "
			       "or matrix)", sub);
}
