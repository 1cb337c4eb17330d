/* tpmtrain: a terminal trainer for Technical Program Manager interviews. */
#include <locale.h>

#include "cli/cli.h"

int main(int argc, char **argv)
{
	/* Only the character type: numbers stay in the C locale, so "0.9"
	 * parses the same everywhere. */
	setlocale(LC_CTYPE, "");
	return cli_main(argc, argv);
}
