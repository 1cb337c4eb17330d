#include "cli/cli.h"

/* Placeholder until the loader lands: keeps the verb table linkable. */
int cmd_lint(int argc, char **argv, struct cli_env *env)
{
	(void)argc;
	(void)argv;
	(void)env;
	cli_error("lint is not built yet");
	return EXIT_DATA;
}
