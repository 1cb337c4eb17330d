/*
 * `tpmtrain mock`: checks what the user asked for (a scenario, a kind, a
 * length, a session to resume) and hands over to the interface's mock
 * screens through struct ui_env.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/quote.h"
#include "core/xmalloc.h"
#include "core/vec.h"
#include "loader/loader.h"
#include "mock/mock.h"
#include "store/store.h"
#include "ui/ui.h"

#define MOCK_MAX_MINUTES 600

static void usage(FILE *out)
{
	fprintf(out,
		"usage: tpmtrain mock [SCENARIO] [--kind K] [--resume] "
		"[--quiet] [--minutes N]\n"
		"                     [--interviewer [--candidate NAME]] "
		"[--competency C]...\n"
		"                     [--decks DIR]...\n"
		"\n"
		"A timed mock interview in the interface: the prompt, a "
		"countdown per\n"
		"phase, a notes pad, hints, the interviewer's follow-ups and "
		"answers to\n"
		"clarifying questions; then key-point coverage and scoring "
		"against the\n"
		"rubric.  Without SCENARIO, a picker lists the scenarios, the "
		"one due\n"
		"first (each is scheduled by its scores).  The session is "
		"saved every few\nseconds.\n"
		"\n"
		"  --kind K      system-design, program-execution or "
		"behavioural (picker)\n"
		"  --resume      continue the unfinished session, timers where "
		"they stood\n"
		"  --quiet       no terminal bell when a phase runs out\n"
		"  --minutes N   scale the phases to N minutes in all "
		"(default: the file's)\n"
		"  --interviewer you run the mock for someone else: read the "
		"prompt out,\n"
		"                tick the key points as they make them "
		"(alt-1 to alt-9),\n"
		"                give hints, ask the follow-ups, note what "
		"you see, then\n"
		"                score it; the session is marked as scored "
		"by you\n"
		"  --candidate NAME  whom you interview, kept with the session "
		"(history\n"
		"                --candidate NAME lists theirs)\n"
		"  --competency C  a behavioural round of the questions that "
		"ask about C\n"
		"                (repeatable, or C1,C2): one at a time, each "
		"answered with a\n"
		"                story from your bank (^Y chooses it)\n"
		"  --decks DIR   read decks and scenarios from DIR too "
		"(repeatable)\n");
}

/*
 * Reports an unknown name (of a kind, a scenario) as a usage error, with
 * the close candidate best if there is one, else the text otherwise.
 */
static int unknown(const char *verb, const char *what, const char *name,
		   const char *best, const char *otherwise)
{
	char *q = quote_dup(name, strlen(name));
	int ret;

	if (best)
		ret = cli_usage_error(verb, "unknown %s '%s' (did you mean "
				      "'%s'?)", what, q, best);
	else
		ret = cli_usage_error(verb, "unknown %s '%s' (%s)", what, q,
				      otherwise);
	xfree(q);
	return ret;
}

int cli_parse_kind(const char *verb, const char *name, int *kind)
{
	struct suggest sg;

	suggest_init(&sg, name);
	for (int k = SCENARIO_SYSTEM_DESIGN; k <= SCENARIO_PROGRAM_EXECUTION;
	     k++) {
		if (!strcmp(name, scenario_kind_name(k))) {
			*kind = k;
			return EXIT_OK;
		}
		suggest_consider(&sg, scenario_kind_name(k));
	}
	return unknown(verb, "kind", name, sg.best, "want system-design, "
		       "program-execution or behavioural");
}

static int parse_minutes(const char *verb, const char *text, int *out)
{
	char *end, *q;
	long v = strtol(text, &end, 10);
	int ret;

	if (!*text || *end || v < 1 || v > MOCK_MAX_MINUTES) {
		q = quote_dup(text, strlen(text));
		ret = cli_usage_error(verb, "bad value '%s' for --minutes: "
				      "want a whole number from 1 to %d", q,
				      MOCK_MAX_MINUTES);
		xfree(q);
		return ret;
	}
	*out = (int)v;
	return EXIT_OK;
}

static int check_scenario(const char *verb, struct ui_env *ue)
{
	struct library *lib = ue->lib;
	const struct scenario *s = library_find_scenario(lib,
							 ue->mock_scenario);
	struct suggest sg;

	if (s) {
		if (ue->mock_kind >= 0 && (int)s->kind != ue->mock_kind)
			return cli_usage_error(verb, "scenario '%s' is %s, not "
					       "%s", s->id.s,
					       scenario_kind_name(s->kind),
					       scenario_kind_name(
						       ue->mock_kind));
		return EXIT_OK;
	}
	suggest_init(&sg, ue->mock_scenario);
	for (size_t i = 0; i < lib->n_scenarios; i++)
		suggest_consider(&sg, lib->scenarios[i].id.s);
	return unknown(verb, "scenario", ue->mock_scenario, sg.best,
		       "'tpmtrain history' and the picker of 'tpmtrain mock' "
		       "show them");
}

/* --competency: a behavioural round of their questions, named. */
static int build_round(const char *verb, struct ui_env *ue)
{
	const char *known[LIBRARY_MAX_COMPETENCIES];
	const struct scenario *s;
	struct suggest sg;
	size_t n, bad = 0;
	int ret;

	ret = mock_build_round(ue->lib, ue->mock_competencies,
			       ue->n_mock_competencies, &s, &bad);
	if (ret == TPM_EINVAL)
		return cli_usage_error(verb, "--competency: at most %d",
				       MOCK_ROUND_MAX_COMPETENCIES);
	if (ret < 0) {
		n = library_competencies(ue->lib, known,
					 LIBRARY_MAX_COMPETENCIES);
		suggest_init(&sg, ue->mock_competencies[bad]);
		for (size_t i = 0; i < n && i < LIBRARY_MAX_COMPETENCIES; i++)
			suggest_consider(&sg, known[i]);
		return unknown(verb, "competency",
			       ue->mock_competencies[bad], sg.best,
			       "'tpmtrain stories matrix' lists them");
	}
	ue->mock_scenario = s->id.s;
	return EXIT_OK;
}

/* --resume needs an unfinished session of a scenario still there. */
static int check_resume(const char *verb, struct ui_env *ue)
{
	const struct scenario *round;
	struct store_mock rec;
	struct arena a;
	int64_t id;
	int ret;

	(void)verb;
	ret = store_mock_latest(ue->st, 1, &id);
	if (ret == TPM_ENOENT) {
		cli_error("no unfinished mock to resume ('tpmtrain history' "
			  "lists the sessions)");
		return EXIT_DATA;
	}
	arena_init(&a);
	if (!ret)
		ret = store_mock_get(ue->st, id, &a, &rec);
	if (ret < 0) {
		cli_error("%s", store_errmsg(ue->st));
		arena_release(&a);
		return EXIT_DATA;
	}
	ret = EXIT_OK;
	/* A built round is built again from its competencies. */
	if (!library_find_scenario(ue->lib, rec.scenario) &&
	    mock_rebuild_round(ue->lib, rec.scenario, &round) < 0) {
		cli_error("the unfinished mock is of scenario '%s', which is "
			  "no longer in the library", rec.scenario);
		ret = EXIT_DATA;
	}
	arena_release(&a);
	return ret;
}

static int check(const char *verb, struct ui_env *ue)
{
	if (ue->mock_resume)
		return check_resume(verb, ue);
	if (ue->n_mock_competencies)
		return build_round(verb, ue);
	if (ue->mock_scenario)
		return check_scenario(verb, ue);
	return EXIT_OK;
}

int cmd_mock(int argc, char **argv, struct cli_env *env)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "resume", no_argument, NULL, 'r' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "minutes", required_argument, NULL, 'm' },
		{ "decks", required_argument, NULL, 'd' },
		{ "interviewer", no_argument, NULL, 'i' },
		{ "candidate", required_argument, NULL, 'c' },
		{ "competency", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct ui_env ue = { .mock = 1, .mock_kind = -1 };
	struct vec dirs, comps;
	int c, ret = EXIT_OK;

	vec_init(&dirs, sizeof(char *));
	vec_init(&comps, sizeof(char *));
	opterr = 0;
	while (ret == EXIT_OK &&
	       (c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'k':
			ret = cli_parse_kind("mock", optarg, &ue.mock_kind);
			break;
		case 'r':
			ue.mock_resume = 1;
			break;
		case 'q':
			ue.mock_quiet = 1;
			break;
		case 'm':
			ret = parse_minutes("mock", optarg, &ue.mock_minutes);
			break;
		case 'd':
			*(char **)vec_push(&dirs) = optarg;
			break;
		case 'i':
			ue.mock_interviewer = 1;
			break;
		case 'c':
			ret = cli_parse_name("mock", "--candidate", optarg);
			ue.mock_candidate = optarg;
			break;
		case 'C':
			/* Repeatable, and commas separate too. */
			for (char *p = strtok(optarg, ","); p;
			     p = strtok(NULL, ","))
				*(char **)vec_push(&comps) = p;
			break;
		case 'h':
			usage(stdout);
			ret = -1;
			break;
		default:
			ret = cli_option_error("mock", c, argv);
			break;
		}
	}
	if (ret == EXIT_OK && optind < argc)
		ue.mock_scenario = argv[optind++];
	if (ret == EXIT_OK && optind < argc)
		ret = cli_usage_error("mock", "unexpected argument '%s'",
				      argv[optind]);
	if (ret == EXIT_OK && ue.mock_resume &&
	    (ue.mock_scenario || ue.mock_minutes || ue.mock_kind >= 0 ||
	     ue.mock_interviewer))
		ret = cli_usage_error("mock", "--resume continues the "
				      "unfinished session as it was: give no "
				      "scenario, --kind, --minutes or "
				      "--interviewer");
	ue.mock_competencies = comps.items;
	ue.n_mock_competencies = comps.len;
	if (ret == EXIT_OK && comps.len &&
	    (ue.mock_scenario || ue.mock_resume ||
	     (ue.mock_kind >= 0 && ue.mock_kind != SCENARIO_BEHAVIOURAL)))
		ret = cli_usage_error("mock", "--competency builds a "
				      "behavioural round: give no scenario, "
				      "--resume or other --kind");
	if (ret == EXIT_OK && ue.mock_candidate && !ue.mock_interviewer)
		ret = cli_usage_error("mock", "--candidate names whom you "
				      "interview: it goes with --interviewer");
	if (ret == EXIT_OK)
		ret = cli_ui_run(env, "mock", &dirs, &ue, check);
	vec_release(&dirs);
	vec_release(&comps);
	return ret < 0 ? EXIT_OK : ret;
}
