#include "loader/loader.h"

#include <ctype.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "loader/loader_int.h"

void suggest_init(struct suggest *sg, const char *word)
{
	sg->word = word;
	sg->best = NULL;
	sg->dist = 0;
}

#define SUGGEST_MAX_LEN 64

/*
 * The optimal string alignment distance (Levenshtein plus transposition
 * of neighbours, so "fornt" is one edit from "front"), ignoring case.
 * Words longer than SUGGEST_MAX_LEN are too far from any key to matter.
 */
static unsigned edit_distance(const char *a, size_t la, const char *b,
			      size_t lb)
{
	unsigned rows[3][SUGGEST_MAX_LEN + 1];
	unsigned *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

	for (size_t j = 0; j <= lb; j++)
		prev[j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		int ca = tolower((unsigned char)a[i - 1]);
		unsigned *t;

		cur[0] = (unsigned)i;
		for (size_t j = 1; j <= lb; j++) {
			int cb = tolower((unsigned char)b[j - 1]);
			unsigned d = prev[j - 1] + (ca != cb);

			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2])
			    && tolower((unsigned char)a[i - 2]) == cb &&
			    prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

void suggest_consider(struct suggest *sg, const char *candidate)
{
	size_t la = strlen(sg->word), lb = strlen(candidate);
	size_t longer = la > lb ? la : lb;
	unsigned d;

	if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
		return;
	d = edit_distance(sg->word, la, candidate, lb);
	/* Two edits at most, and few for a short word: "ix" is not "id". */
	if (d > 2 || 3 * d > longer)
		return;
	if (!sg->best || d < sg->dist) {
		sg->best = candidate;
		sg->dist = d;
	}
}

int loader_id_valid(enum field_kind kind, const char *s, size_t len)
{
	if (!len)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			continue;
		if (i && c == '-')
			continue;
		if (i && kind == FK_CARD_ID && (c == '.' || c == '_'))
			continue;
		return 0;
	}
	return 1;
}
