#include "loader/loader.h"

#include <string.h>

/* The first "::" in [p, end), or NULL. */
static const char *find_sep(const char *p, const char *end)
{
	for (; p + 1 < end; p++)
		if (p[0] == ':' && p[1] == ':')
			return p;
	return NULL;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The first "cc" at or after p, or NULL: strstr() for a pair of one
 * character, without its set-up cost on the short texts of cards. */
static const char *find_pair(const char *p, char c)
{
	while ((p = strchr(p, c)) && p[1] != c)
		p++;
	return p;
}

int cloze_next(const char *text, size_t *offset, struct cloze_deletion *del)
{
	const char *open = find_pair(text + *offset, '{');
	const char *p, *close, *sep, *inner;
	size_t start;
	int num;

	if (!open) {
		*offset += strlen(text + *offset);
		return 0;
	}
	start = (size_t)(open - text);
	memset(del, 0, sizeof(*del));
	del->start = start;
	p = open + 2;
	/* cN with N from 1 to 99, no leading zero. */
	if (*p++ != 'c' || !is_digit(*p) || *p == '0')
		goto malformed;
	num = *p++ - '0';
	if (is_digit(*p))
		num = num * 10 + (*p++ - '0');
	if (p[0] != ':' || p[1] != ':')
		goto malformed;
	p += 2;
	close = find_pair(p, '}');
	if (!close)
		goto malformed;
	/* A deletion inside a deletion is not one Anki or we can show. */
	inner = find_pair(p, '{');
	if (inner && inner < close)
		goto malformed;
	sep = find_sep(p, close);
	del->answer = (size_t)(p - text);
	del->answer_len = (size_t)((sep ? sep : close) - p);
	if (sep) {
		del->hint = (size_t)(sep + 2 - text);
		del->hint_len = (size_t)(close - (sep + 2));
		if (!del->hint_len)
			goto malformed;
	}
	if (!del->answer_len)
		goto malformed;
	del->num = num;
	del->end = (size_t)(close + 2 - text);
	*offset = del->end;
	return 1;

malformed:
	memset(del, 0, sizeof(*del));
	del->start = start;
	del->end = start + 2;
	*offset = del->end;
	return 1;
}
