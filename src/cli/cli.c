#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/quote.h"
#include "core/xmalloc.h"

static const struct cli_verb verbs[] = {
	{ "drill", cmd_drill,
	  "drill [--deck D] [--tag T] [--focus] [--decks DIR]...",
	  "a review session in the interface" },
	{ "lint", cmd_lint,
	  "lint [--strict] [--format text|json] [--content DIR] [PATH...]",
	  "check decks, rubrics and scenarios; compiler-style diagnostics" },
	{ "due", cmd_due,
	  "due [--json] [--deck D]... [--tag T]... [--decks DIR]...",
	  "what is due now, per deck" },
	{ "review", cmd_review, "review --batch [--decks DIR]...",
	  "grade cards from standard input (scripts, tests)" },
	{ "config", cmd_config, "config [KEY [VALUE]] | config --unset KEY",
	  "show and change settings" },
	{ "mock", cmd_mock,
	  "mock [SCENARIO] [--kind K] [--resume] [--quiet] [--minutes N] "
	  "[--interviewer [--candidate NAME]] [--competency C]... "
	  "[--decks DIR]...",
	  "a timed mock interview in the interface" },
	{ "history", cmd_history,
	  "history [--kind K] [--candidate NAME] [--json]",
	  "past mock interviews, newest first" },
	{ "report", cmd_report, "report ID|last [--format md|json] [-o FILE]",
	  "a mock interview's report, to send a mentor" },
	{ "primer", cmd_primer, "primer [NAME]",
	  "list the primers, or print one (p on a card opens it)" },
	{ "stories", cmd_stories, "stories edit | list [--json] | matrix",
	  "your STAR story bank, and the competencies it covers" },
	{ "replay", cmd_replay, "replay [OPTIONS] [FILE|-]",
	  "run review histories through the scheduler; every state as CSV" },
};

static const size_t n_verbs = sizeof(verbs) / sizeof(verbs[0]);

const struct cli_verb *cli_find_verb(const char *name)
{
	for (size_t i = 0; i < n_verbs; i++)
		if (!strcmp(verbs[i].name, name))
			return &verbs[i];
	return NULL;
}

static void print_usage(FILE *out)
{
	fprintf(out,
		"usage: tpmtrain [--db PATH] [--version] [--help] [VERB [ARGS]]\n"
		"\n"
		"A terminal trainer for Technical Program Manager interviews.\n"
		"\n"
		"verbs:\n");
	for (size_t i = 0; i < n_verbs; i++)
		fprintf(out, "  %-9s %s\n", verbs[i].name, verbs[i].summary);
	fprintf(out,
		"\n"
		"Without a verb, tpmtrain opens the interface on its home screen.\n"
		"'tpmtrain VERB --help' describes a verb.  Progress is kept in\n"
		"$XDG_DATA_HOME/tpmtrain/progress.db (--db or TPMTRAIN_DB).\n");
}

/*
 * Writes the message to standard error escaped as quote_add() does: the
 * arguments of a message are paths, ids and argv, whose escape sequences
 * and bidirectional controls must not reach the terminal, and the fixed
 * text has none to lose.
 */
__attribute__((format(printf, 1, 0)))
static void put_message(const char *fmt, va_list ap)
{
	struct buf raw, out;

	buf_init(&raw);
	buf_init(&out);
	buf_vaddf(&raw, fmt, ap);
	quote_add(&out, raw.s, raw.len, SIZE_MAX);
	fputs(out.s, stderr);
	buf_release(&out);
	buf_release(&raw);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("tpmtrain: error: ", stderr);
	va_start(ap, fmt);
	put_message(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_warning(const char *fmt, ...)
{
	va_list ap;

	fputs("tpmtrain: warning: ", stderr);
	va_start(ap, fmt);
	put_message(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage_error(const char *verb, const char *fmt, ...)
{
	const struct cli_verb *v = verb ? cli_find_verb(verb) : NULL;
	va_list ap;

	fprintf(stderr, "tpmtrain%s%s: ", verb ? " " : "", verb ? verb : "");
	va_start(ap, fmt);
	put_message(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (v)
		fprintf(stderr, "usage: tpmtrain %s\n", v->usage);
	else
		fprintf(stderr, "usage: tpmtrain [--db PATH] [--version] "
			"[--help] VERB [ARGS]\n");
	return EXIT_USAGE;
}

int cli_parse_name(const char *verb, const char *opt, const char *name)
{
	size_t len = strlen(name);
	char *q;
	int ret;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		/* C0, DEL, and C1 as UTF-8 (0xC2 0x80-0x9F). */
		if (c < 0x20 || c == 0x7f ||
		    (c == 0xc2 && i + 1 < len &&
		     (unsigned char)name[i + 1] < 0xa0))
			len = 0;
	}
	if (len && len <= 80)
		return EXIT_OK;
	q = quote_dup(name, strlen(name));
	ret = cli_usage_error(verb, "%s '%s': want a name of 1 to 80 "
			      "characters, without control characters", opt,
			      q);
	xfree(q);
	return ret;
}

int cli_option_error(const char *verb, int c, char **argv)
{
	const char *arg = argv[optind - 1];
	char name[3] = { '-', (char)optopt, '\0' };

	/* Inside a group such as -xh, argv[optind - 1] is not the option:
	 * a short option is named by optopt, a long one by its argument. */
	if (strncmp(arg, "--", 2) && optopt)
		arg = name;
	if (c == ':')
		return cli_usage_error(verb, "option '%s' needs a value", arg);
	return cli_usage_error(verb, "unknown option '%s'", arg);
}

/*
 * Every verb's output ends here: a write that failed (a full disk, a
 * closed stdout) is an error, not a success nobody saw.
 */
static int check_output(int ret)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return ret;
	cli_output_error();
	return ret == EXIT_OK ? EXIT_DATA : ret;
}

int cli_output_error(void)
{
	static int said;

	if (!said)
		cli_error("cannot write the output: %s",
			  strerror(errno ? errno : EIO));
	said = 1;
	return EXIT_DATA;
}

static int run(int argc, char **argv);

int cli_main(int argc, char **argv)
{
	return check_output(run(argc, argv));
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_env env;
	const struct cli_verb *verb;
	const char *db = NULL;
	int c, vi, ret;

	opterr = 0;
	/* '+' stops at the verb, so its options are its own. */
	while ((c = getopt_long(argc, argv, "+:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (!*optarg)
				return cli_usage_error(NULL, "--db needs a file "
						       "name, not ''");
			db = optarg;
			break;
		case 'h':
			print_usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("tpmtrain %s\n", TPM_VERSION);
			return EXIT_OK;
		default:
			return cli_option_error(NULL, c, argv);
		}
	}
	verb = optind < argc ? cli_find_verb(argv[optind]) : NULL;
	if (optind < argc && !verb)
		return cli_usage_error(NULL, "unknown verb '%s'", argv[optind]);
	if (cli_env_init(&env) < 0)
		return EXIT_DATA;
	if (db)
		cli_env_set_db(&env, db);
	if (!verb) {
		/* No verb: the interface, on its home screen. */
		ret = cli_home(&env);
		cli_env_release(&env);
		return ret;
	}
	vi = optind;
	optind = 0;	/* glibc: reinitialise getopt for the verb */
	ret = verb->run(argc - vi, argv + vi, &env);
	cli_env_release(&env);
	return ret;
}
