/*
 * The interface's verbs: `tpmtrain` alone (the home screen) and
 * `tpmtrain drill` (`tpmtrain mock` in cli_mock.c).  They find the decks and the database as the other
 * study verbs do and hand over to ui_run().
 */
#include "cli/cli.h"

#include <getopt.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/vec.h"
#include "core/xmalloc.h"
#include "loader/loader.h"
#include "queue/queue_settings.h"
#include "store/store.h"
#include "ui/ui.h"

int cli_ui_run(struct cli_env *env, const char *verb, const struct vec *dirs,
	       struct ui_env *ue,
	       int (*check)(const char *verb, struct ui_env *ue))
{
	/* The home screen's next mock needs the shipped scenarios. */
	struct cli_library_src src = {
		.env = env, .decks = dirs->items, .n_decks = dirs->len,
		.flags = CLI_LIBRARY_SCENARIOS,
	};
	struct library lib;
	struct settings s;
	struct store *st = NULL;
	struct cli_report_ctx rc = { env, NULL };
	char *known = NULL;
	struct buf err;
	int ret;

	/* The home screen counts: the cards can wait for its first frame
	 * (ui_run()).  A drill or a mock starts on them. */
	if (!ue->drill && !ue->mock)
		src.flags |= CLI_LIBRARY_DEFER_CARDS;
	ret = cli_load_library(&src, &lib);
	src.flags &= ~(unsigned)CLI_LIBRARY_DEFER_CARDS;	/* reloads */
	if (ret != EXIT_OK)
		return ret;
	buf_init(&err);
	if (ue->deck && !library_find_deck(&lib, ue->deck)) {
		ret = cli_usage_error(verb, "no deck '%s'", ue->deck);
		goto out;
	}
	if (ue->tag && !cli_tag_exists(&lib, ue->tag)) {
		ret = cli_usage_error(verb, "no card has the tag '%s'",
				      ue->tag);
		goto out;
	}
	ret = cli_open_store(env, STORE_WRITE | STORE_CREATE, &st, &s);
	if (ret != EXIT_OK)
		goto out;
	ue->lib = &lib;
	ue->st = st;
	ue->settings = &s;
	ue->clock = &env->clock;
	ue->known_path = known = cli_known_path(env);
	ue->load = cli_library_read;
	ue->load_ctx = &src;
	ue->left_out = &src.left_out;
	ue->edit_file = cli_edit_file;
	rc.st = st;
	ue->report = cli_report_file;
	ue->report_ctx = &rc;
	if (check)
		ret = check(verb, ue);
	if (ret == EXIT_OK && ui_run(ue, &err) < 0) {
		cli_error("%s", err.s);
		ret = EXIT_DATA;
	}
out:
	xfree(src.stale);	/* a reload's */
	xfree(known);
	store_free(st);
	library_release(&lib);
	buf_release(&err);
	return ret;
}

static int run(struct cli_env *env, const char *verb, const struct vec *dirs,
	       const char *deck, const char *tag, int drill, int focus)
{
	struct ui_env ue = {
		.drill = drill, .deck = deck, .tag = tag, .focus = focus,
		.mock_kind = -1,
	};

	return cli_ui_run(env, verb, dirs, &ue, NULL);
}

int cli_home(struct cli_env *env)
{
	struct vec dirs;
	int ret;

	vec_init(&dirs, sizeof(char *));
	ret = run(env, NULL, &dirs, NULL, NULL, 0, 0);
	vec_release(&dirs);
	return ret;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: tpmtrain drill [--deck D] [--tag T] [--focus] "
		"[--decks DIR]...\n"
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
		"  --focus       the cards of the rubric criteria you score low "
		"on\n"
		"                in mocks first (their due reviews, then their "
		"new\n"
		"                cards), within the daily limits\n"
		"  --decks DIR   read decks from DIR instead of the shipped decks\n"
		"                and $XDG_DATA_HOME/tpmtrain/decks (repeatable)\n");
}

int cmd_drill(int argc, char **argv, struct cli_env *env)
{
	static const struct option opts[] = {
		{ "deck", required_argument, NULL, 'D' },
		{ "tag", required_argument, NULL, 't' },
		{ "decks", required_argument, NULL, 'd' },
		{ "focus", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *deck = NULL, *tag = NULL;
	struct vec dirs;
	int c, focus = 0, ret = EXIT_OK;

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
		case 'f':
			focus = 1;
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
	if (ret == EXIT_OK && focus && (deck || tag))
		ret = cli_usage_error("drill", "--focus orders every deck: "
				      "give it without --deck and --tag");
	if (ret == EXIT_OK)
		ret = run(env, "drill", &dirs, deck, tag, 1, focus);
	vec_release(&dirs);
	return ret < 0 ? EXIT_OK : ret;
}
