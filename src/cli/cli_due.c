/* tpmtrain due: what today's session holds, per deck. */
#include "cli/cli.h"

#include <getopt.h>
#include <jansson.h>
#include <string.h>

#include "core/vec.h"
#include "core/xmalloc.h"
#include "loader/loader.h"
#include "mock/mock.h"
#include "queue/queue.h"
#include "store/store.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: tpmtrain due [--json] [--deck D]... [--tag T]... "
		"[--decks DIR]...\n"
		"\n"
		"Lists what today's session holds per deck: new cards, cards in\n"
		"(re)learning whose step is due, and reviews due today, with the\n"
		"daily limits applied (tpmtrain config new_per_day, "
		"reviews_per_day).\n"
		"\n"
		"  --json        one JSON object instead of a table\n"
		"  --deck D      only deck D (repeatable)\n"
		"  --tag T       only cards tagged T (repeatable)\n"
		"  --decks DIR   read decks from DIR instead of the shipped decks\n"
		"                and $XDG_DATA_HOME/tpmtrain/decks (repeatable)\n");
}

/* 1 if deck d is shown: every deck, or those of --deck. */
static int deck_shown(const struct queue_filter *f, const struct deck *d)
{
	for (size_t i = 0; i < f->n_decks; i++)
		if (!strcmp(f->decks[i], d->id.s))
			return 1;
	return !f->n_decks;
}

static int print_table(const struct library *lib, const struct queue_filter *f,
		       const struct queue_counts *qc)
{
	int w = (int)strlen("total");

	for (size_t i = 0; i < lib->n_decks; i++)
		if ((int)strlen(lib->decks[i].id.s) > w)
			w = (int)strlen(lib->decks[i].id.s);
	printf("%-*s %6s %9s %7s\n", w, "deck", "new", "learning", "review");
	for (size_t i = 0; i < lib->n_decks; i++)
		if (deck_shown(f, &lib->decks[i]))
			printf("%-*s %6ld %9ld %7ld\n", w, lib->decks[i].id.s,
			       qc->decks[i].n_new, qc->decks[i].n_learning,
			       qc->decks[i].n_review);
	printf("%-*s %6ld %9ld %7ld\n", w, "total", qc->total.n_new,
	       qc->total.n_learning, qc->total.n_review);
	return EXIT_OK;
}

/* {"deck": ..., "new": N, "learning": N, "review": N}; deck may be NULL. */
static json_t *counts_json(const char *deck, const struct queue_count *c)
{
	json_t *o = json_object();

	if (deck)
		json_object_set_new(o, "deck", json_string(deck));
	json_object_set_new(o, "new", json_integer((json_int_t)c->n_new));
	json_object_set_new(o, "learning",
			    json_integer((json_int_t)c->n_learning));
	json_object_set_new(o, "review",
			    json_integer((json_int_t)c->n_review));
	return o;
}

/*
 * The mock scenarios due at now (mock_pick_list()), in the order to do
 * them, into *out; a store error is reported.
 */
static int mocks_json(struct library *lib, struct store *st,
		      const struct settings *s, int64_t now, json_t **out)
{
	struct fsrs_params p;
	struct vec picks;
	char iso[TIME_ISO_MAX];
	int ret;

	settings_fsrs_params(s, &p);
	vec_init(&picks, sizeof(struct mock_pick));
	ret = mock_pick_list(lib, st, -1, &p, now, &picks);
	*out = json_array();
	for (size_t i = 0; ret == 0 && i < picks.len; i++) {
		const struct mock_pick *k = vec_at(&picks, i);
		json_t *o;

		if (!k->due)
			break;
		o = json_pack("{s:s, s:s, s:s, s:b}", "id", k->scenario->id.s,
			      "title", k->scenario->title.s, "kind",
			      scenario_kind_name(k->scenario->kind), "new",
			      !k->n_scored);
		if (k->n_scored) {
			time_format_iso(k->card.due, iso);
			json_object_set_new(o, "due", json_string(iso));
		}
		json_array_append_new(*out, o);
	}
	vec_release(&picks);
	if (ret < 0) {
		cli_error("%s", store_errmsg(st));
		json_decref(*out);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

static int print_json(struct library *lib, const struct queue_filter *f,
		      const struct queue *q, const struct queue_counts *qc,
		      struct store *st, const struct settings *s, int64_t now)
{
	json_t *root, *decks, *d, *mocks;
	char iso[TIME_ISO_MAX], start[TIME_ISO_MAX], end[TIME_ISO_MAX];

	time_format_iso(now, iso);
	time_format_iso(q->day.start, start);
	time_format_iso(q->day.end, end);
	decks = json_array();
	for (size_t i = 0; i < lib->n_decks; i++) {
		if (!deck_shown(f, &lib->decks[i]))
			continue;
		d = counts_json(lib->decks[i].id.s, &qc->decks[i]);
		json_array_append_new(decks, d);
	}
	root = json_pack("{s:s, s:s, s:s, s:o, s:o, s:{s:I, s:I}}", "now",
			 iso, "day_start", start, "day_end", end, "decks",
			 decks, "total", counts_json(NULL, &qc->total), "done_today",
			 "new", (json_int_t)q->new_done, "review",
			 (json_int_t)q->reviews_done);
	if (q->next_learning) {
		time_format_iso(q->next_learning, iso);
		json_object_set_new(root, "next_learning", json_string(iso));
	}
	/* A question about decks or tags is not about mocks. */
	if (!f->n_decks && !f->n_tags) {
		if (mocks_json(lib, st, s, now, &mocks) != EXIT_OK) {
			json_decref(root);
			return EXIT_DATA;
		}
		json_object_set_new(root, "mocks", mocks);
	}
	json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(root);
	return EXIT_OK;
}

/* Checks --deck and --tag names against the library, as drill does. */
static int check_names(struct library *lib, const struct vec *decks,
		       const struct vec *tags)
{
	for (size_t i = 0; i < decks->len; i++) {
		const char *id = *(const char **)vec_at(decks, i);

		if (!library_find_deck(lib, id))
			return cli_usage_error("due", "no deck '%s'", id);
	}
	for (size_t i = 0; i < tags->len; i++) {
		const char *tag = *(const char **)vec_at(tags, i);

		if (!cli_tag_exists(lib, tag))
			return cli_usage_error("due", "no card has the tag "
					       "'%s'", tag);
	}
	return EXIT_OK;
}

/* TPMTRAIN_DEBUG=queue: how the queue read the stored states. */
static void debug_queue(const struct queue *q)
{
	fprintf(stderr, "tpmtrain: queue: read %zu card states (", q->n_read);
	if (q->read_all)
		fprintf(stderr, "all)\n");
	else if (!q->n_followed)
		fprintf(stderr, "the review set known)\n");
	else
		fprintf(stderr, "the review set known after %zu journal "
			"change%s)\n", q->n_followed,
			q->n_followed == 1 ? "" : "s");
}

/* Today's counts per deck (queue_counts()), shown. */
static int show(struct library *lib, struct store *st,
		const struct settings *s, const struct queue_filter *f,
		struct cli_env *env, int json)
{
	char *known = cli_known_path(env);
	struct queue_counts qc;
	struct queue q;
	int ret;

	queue_init(&q, lib);
	queue_known_load(&q, known);
	queue_counts_init(&qc);
	if (queue_counts(&qc, &q, st, s, f, &env->clock) < 0) {
		cli_error("%s", store_errmsg(st));
		ret = EXIT_DATA;
	} else {
		ret = json ? print_json(lib, f, &q, &qc, st, s,
					clock_utc_ms(&env->clock))
			   : print_table(lib, f, &qc);
	}
	if (env->debug_queue)
		debug_queue(&q);
	queue_known_save(&q, known);
	xfree(known);
	queue_counts_release(&qc);
	queue_release(&q);
	return ret;
}

int cmd_due(int argc, char **argv, struct cli_env *env)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "deck", required_argument, NULL, 'D' },
		{ "tag", required_argument, NULL, 't' },
		{ "decks", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct vec decks, tags, dirs;
	struct queue_filter filter;
	struct library lib;
	struct settings s;
	struct store *st = NULL;
	int c, json = 0, ret = EXIT_OK;

	vec_init(&decks, sizeof(char *));
	vec_init(&tags, sizeof(char *));
	vec_init(&dirs, sizeof(char *));
	opterr = 0;
	while (ret == EXIT_OK &&
	       (c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'D':
			*(char **)vec_push(&decks) = optarg;
			break;
		case 't':
			*(char **)vec_push(&tags) = optarg;
			break;
		case 'd':
			*(char **)vec_push(&dirs) = optarg;
			break;
		case 'h':
			usage(stdout);
			ret = -1;
			break;
		default:
			ret = cli_option_error("due", c, argv);
			break;
		}
	}
	if (ret == EXIT_OK && optind < argc)
		ret = cli_usage_error("due", "unexpected argument '%s'",
				      argv[optind]);
	if (ret != EXIT_OK)
		goto out;
	/* The scenarios too, for the mocks due. */
	ret = cli_load_library(&(struct cli_library_src){
		.env = env, .decks = dirs.items, .n_decks = dirs.len,
		.flags = CLI_LIBRARY_SCENARIOS | CLI_LIBRARY_DEFER_CARDS,
	}, &lib);
	if (ret != EXIT_OK)
		goto out;
	ret = check_names(&lib, &decks, &tags);
	/* Reading only: a missing database is an empty one, not created. */
	if (ret == EXIT_OK)
		ret = cli_open_store(env, 0, &st, &s);
	if (ret == EXIT_OK) {
		filter = (struct queue_filter){ decks.items, decks.len,
						tags.items, tags.len, NULL, 0 };
		ret = show(&lib, st, &s, &filter, env, json);
	}
	store_free(st);
	library_release(&lib);
out:
	vec_release(&decks);
	vec_release(&tags);
	vec_release(&dirs);
	return ret < 0 ? EXIT_OK : ret;
}
