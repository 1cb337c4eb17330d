/*
 * The interface's verbs: `tpmtrain` alone (the home screen) and
 * `tpmtrain drill`.  They find the decks and the database as the other
 * study verbs do and hand over to ui_run().
 */
#include "cli/cli.h"

#include <getopt.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/vec.h"
#include "loader/loader.h"
#include "queue/queue_settings.h"
#include "store/store.h"
#include "ui/ui.h"

/* Where the decks come from, kept for reloading after an edit. */
struct ui_paths {
	struct buf shipped, own, mocks, rubrics, content;
	const char *paths[8];
	size_t n;
	const char *content_dir;
};

static int is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/*
 * --decks DIRs if given, else the shipped decks and the user's own; with
 * the shipped mock scenarios and rubrics, for the home screen's next mock.
 */
static void paths_init(struct ui_paths *p, struct cli_env *env,
		       const struct vec *dirs)
{
	memset(p, 0, sizeof(*p));
	buf_init(&p->shipped);
	buf_init(&p->own);
	buf_init(&p->mocks);
	buf_init(&p->rubrics);
	buf_init(&p->content);
	buf_addf(&p->shipped, "%s/decks", env->data_dir);
	buf_addf(&p->own, "%s/decks", env->user_dir);
	buf_addf(&p->content, "%s/content", env->data_dir);
	buf_addf(&p->mocks, "%s/content/mocks", env->data_dir);
	buf_addf(&p->rubrics, "%s/content/rubrics", env->data_dir);
	if (dirs->len) {
		for (size_t i = 0; i < dirs->len && p->n < 6; i++)
			p->paths[p->n++] = *(const char **)vec_at(dirs, i);
	} else {
		if (is_dir(p->shipped.s))
			p->paths[p->n++] = p->shipped.s;
		if (is_dir(p->own.s))
			p->paths[p->n++] = p->own.s;
	}
	if (is_dir(p->mocks.s))
		p->paths[p->n++] = p->mocks.s;
	if (is_dir(p->rubrics.s))
		p->paths[p->n++] = p->rubrics.s;
	p->content_dir = is_dir(p->content.s) ? p->content.s : NULL;
}

static void paths_release(struct ui_paths *p)
{
	buf_release(&p->shipped);
	buf_release(&p->own);
	buf_release(&p->mocks);
	buf_release(&p->rubrics);
	buf_release(&p->content);
}

static int load(void *ctx, struct library *lib, struct diag_list *dl)
{
	const struct ui_paths *p = ctx;

	return library_load(lib, p->paths, p->n, p->content_dir, dl);
}

/* 1 if some item carries tag. */
static int tag_exists(const struct library *lib, const char *tag)
{
	for (size_t i = 0; i < lib->n_items; i++)
		if (item_has_tag(&lib->items[i], tag))
			return 1;
	return 0;
}

static int run(struct cli_env *env, const char *verb, const struct vec *dirs,
	       const char *deck, const char *tag, int drill)
{
	struct ui_paths paths;
	struct library lib;
	struct diag_list dl;
	struct settings s;
	struct store *st = NULL;
	struct ui_env ue;
	struct buf err;
	int ret;

	paths_init(&paths, env, dirs);
	library_init(&lib);
	diag_list_init(&dl);
	buf_init(&err);
	load(&paths, &lib, &dl);
	if (dl.errors) {
		diag_list_sort(&dl);
		diag_list_print(&dl, stderr, DIAG_FORMAT_TEXT, 0);
		cli_error("the decks have %zu error%s; 'tpmtrain lint' checks "
			  "them", dl.errors, dl.errors == 1 ? "" : "s");
		ret = EXIT_DATA;
		goto out;
	}
	if (deck && !library_find_deck(&lib, deck)) {
		ret = cli_usage_error(verb, "no deck '%s'", deck);
		goto out;
	}
	if (tag && !tag_exists(&lib, tag)) {
		ret = cli_usage_error(verb, "no card has the tag '%s'", tag);
		goto out;
	}
	ret = cli_open_store(env, STORE_WRITE | STORE_CREATE, &st, &s);
	if (ret != EXIT_OK)
		goto out;
	ue = (struct ui_env){
		.lib = &lib, .st = st, .settings = &s, .clock = &env->clock,
		.load = load, .load_ctx = &paths,
		.drill = drill, .deck = deck, .tag = tag,
	};
	if (ui_run(&ue, &err) < 0) {
		cli_error("%s", err.s);
		ret = EXIT_DATA;
	}
out:
	store_free(st);
	library_release(&lib);
	diag_list_release(&dl);
	paths_release(&paths);
	buf_release(&err);
	return ret;
}

int cli_home(struct cli_env *env)
{
	struct vec dirs;
	int ret;

	vec_init(&dirs, sizeof(char *));
	ret = run(env, NULL, &dirs, NULL, NULL, 0);
	vec_release(&dirs);
	return ret;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: tpmtrain drill [--deck D] [--tag T] [--decks DIR]...\n"
		"\n"
		"A review session in the interface: what is due, the learning\n"
		"steps and today's new cards, of every deck or of one deck or "
		"tag.\n"
		"Each grade is saved before the next card shows.  When nothing "
		"is\n"
		"due, c crams the weakest cards without changing the schedule.\n"
		"Press ? in the session for every key.\n"
		"\n"
		"  --deck D      only the cards of deck D\n"
		"  --tag T       only the cards tagged T (on the card or its "
		"deck)\n"
		"  --decks DIR   read decks from DIR instead of the shipped decks\n"
		"                and $XDG_DATA_HOME/tpmtrain/decks (repeatable)\n");
}

int cmd_drill(int argc, char **argv, struct cli_env *env)
{
	static const struct option opts[] = {
		{ "deck", required_argument, NULL, 'D' },
		{ "tag", required_argument, NULL, 't' },
		{ "decks", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *deck = NULL, *tag = NULL;
	struct vec dirs;
	int c, ret = EXIT_OK;

	vec_init(&dirs, sizeof(char *));
	opterr = 0;
	while (ret == EXIT_OK &&
	       (c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'D':
			deck = optarg;
			break;
		case 't':
			tag = optarg;
			break;
		case 'd':
			*(char **)vec_push(&dirs) = optarg;
			break;
		case 'h':
			usage(stdout);
			ret = -1;
			break;
		default:
			ret = cli_option_error("drill", c, argv);
			break;
		}
	}
	if (ret == EXIT_OK && optind < argc)
		ret = cli_usage_error("drill", "unexpected argument '%s'",
				      argv[optind]);
	if (ret == EXIT_OK)
		ret = run(env, "drill", &dirs, deck, tag, 1);
	vec_release(&dirs);
	return ret < 0 ? EXIT_OK : ret;
}
