/* tpmtrain config: show and change the study settings. */
#include "cli/cli.h"

#include <getopt.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "queue/queue_settings.h"
#include "store/store.h"

static void usage(FILE *out)
{
	struct settings d;
	struct buf v;

	settings_default(&d);
	buf_init(&v);
	fprintf(out,
		"usage: tpmtrain config [KEY [VALUE]]\n"
		"       tpmtrain config --unset KEY\n"
		"\n"
		"Shows every setting, shows one, or sets one; --unset returns it "
		"to\n"
		"its default.  Settings live in the progress database.\n"
		"\n"
		"settings:\n");
	for (size_t i = 0; settings_key(i); i++) {
		const char *key = settings_key(i);

		buf_clear(&v);
		settings_format(&d, key, &v);
		fprintf(out, "  %-17s default %s\n      %s\n", key,
			strcmp(key, "weights") ? v.s : "FSRS-6's",
			settings_help(key));
	}
	buf_release(&v);
}

/* Checks that key is known; a usage error with a suggestion if not. */
static int check_key(const char *key)
{
	const char *close;

	if (settings_help(key))
		return EXIT_OK;
	close = settings_suggest(key);
	if (close)
		return cli_usage_error("config", "unknown setting '%s' (did "
						 "you mean '%s'?)",
				       key, close);
	return cli_usage_error("config", "unknown setting '%s' ('tpmtrain "
					 "config' lists them)",
			       key);
}

/*
 * Opens the database and loads the settings.  With lenient, a bad stored
 * value leaves the defaults in s rather than failing, so that it can be
 * set right.
 */
static int open_settings(struct cli_env *env, unsigned flags, int lenient,
			 struct store **st, struct settings *s)
{
	struct buf err;
	int ret;

	ret = cli_open_store(env, flags, st, NULL);
	if (ret != EXIT_OK)
		return ret;
	buf_init(&err);
	ret = settings_load(s, *st, &err);
	if (ret == TPM_EFORMAT && lenient) {
		settings_default(s);
		ret = 0;
	}
	if (ret < 0) {
		cli_error("%s", err.s);
		store_free(*st);
		*st = NULL;
	}
	buf_release(&err);
	return ret < 0 ? EXIT_DATA : EXIT_OK;
}

static int show(struct cli_env *env, const char *key)
{
	struct settings s;
	struct store *st;
	struct buf v;
	int ret;

	ret = open_settings(env, 0, 0, &st, &s);
	if (ret != EXIT_OK)
		return ret;
	buf_init(&v);
	for (size_t i = 0; settings_key(i); i++) {
		const char *k = settings_key(i);

		if (key && strcmp(key, k))
			continue;
		buf_clear(&v);
		settings_format(&s, k, &v);
		if (key)
			printf("%s\n", v.s);
		else
			printf("%s = %s\n", k, v.s);
	}
	buf_release(&v);
	store_free(st);
	return EXIT_OK;
}

static int set(struct cli_env *env, const char *key, const char *value)
{
	struct settings s;
	struct store *st;
	struct buf err, v;
	int ret;

	/* Check the value before the database is created or changed. */
	ret = open_settings(env, 0, 1, &st, &s);
	if (ret != EXIT_OK)
		return ret;
	store_free(st);
	buf_init(&err);
	buf_init(&v);
	if (settings_parse(&s, key, value, &err) < 0) {
		ret = cli_usage_error("config", "bad value '%s' for %s: %s",
				      value, key, err.s);
		goto out;
	}
	settings_format(&s, key, &v);
	ret = cli_open_store(env, STORE_WRITE | STORE_CREATE, &st, NULL);
	if (ret != EXIT_OK)
		goto out;
	if (store_setting_set(st, key, v.s) < 0) {
		cli_error("%s", store_errmsg(st));
		ret = EXIT_DATA;
	} else {
		/* What was saved, in its canonical form: "1m,60m" is 1m 1h. */
		printf("%s = %s\n", key, v.s);
	}
	store_free(st);
out:
	buf_release(&err);
	buf_release(&v);
	return ret;
}

static int unset(struct cli_env *env, const char *key)
{
	struct store *st;
	int ret;

	ret = cli_open_store(env, STORE_WRITE, &st, NULL);
	if (ret != EXIT_OK)
		return ret;
	/* No database yet: nothing was set. */
	if (!store_is_memory(st) && store_setting_unset(st, key) < 0) {
		cli_error("%s", store_errmsg(st));
		ret = EXIT_DATA;
	} else {
		printf("%s: back to its default\n", key);
	}
	store_free(st);
	return ret;
}

int cmd_config(int argc, char **argv, struct cli_env *env)
{
	static const struct option opts[] = {
		{ "unset", no_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, do_unset = 0, n;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			do_unset = 1;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			return cli_option_error("config", c, argv);
		}
	}
	n = argc - optind;
	if (n > 2 || (do_unset && n != 1))
		return cli_usage_error("config", do_unset
							 ? "--unset takes one "
							   "KEY"
							 : "too many arguments");
	if (n >= 1 && check_key(argv[optind]) != EXIT_OK)
		return EXIT_USAGE;
	if (do_unset)
		return unset(env, argv[optind]);
	if (n == 2)
		return set(env, argv[optind], argv[optind + 1]);
	return show(env, n ? argv[optind] : NULL);
}
