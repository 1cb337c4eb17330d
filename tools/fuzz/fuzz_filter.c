/*
 * The browse filter's fuzz target: any bytes split at the first NUL into a
 * pattern and a text (a card's front, say), the pattern compiled as the
 * filter compiles it and searched in the text under the match limits.
 * Checks what the matcher promises: a search returns a match inside the
 * text, no match, a limit or "not UTF-8", never anything else, and never
 * runs away (libFuzzer's -timeout catches that).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "match/match.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nul = memchr(data, '\0', size);
	size_t plen = nul ? (size_t)(nul - (const char *)data) : size;
	const char *text = nul ? nul + 1 : "";
	size_t tlen = nul ? size - plen - 1 : 0;
	struct match_pattern *p;
	size_t start = 0, end = 0;
	int rc;

	if (match_pattern_compile(&p, (const char *)data, plen, 0, NULL) < 0)
		return 0;
	rc = match_pattern_find(p, text, tlen, &start, &end);
	if (rc == 1 && (start > end || end > tlen))
		abort();
	if (rc != 0 && rc != 1 && rc != TPM_ETOOBIG && rc != TPM_EFORMAT)
		abort();
	match_pattern_free(p);
	return 0;
}
