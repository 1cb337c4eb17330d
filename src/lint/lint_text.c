/*
 * Text hygiene: what should not reach a terminal (control characters,
 * escape sequences, bidirectional controls) and text damaged on its way in (mojibake).  Each text
 * gets at most one warning of each kind, at the first occurrence, with a
 * count of the others.  Ids and tags have a syntax that needs no check.
 */
#include "lint/lint_int.h"

#include <string.h>

#include "core/buf.h"
#include "core/quote.h"
#include "core/utf8.h"
#include "core/xmalloc.h"

/* The length of the terminal escape sequence at s (s[0] is ESC). */
static size_t escape_seq_len(const unsigned char *s, size_t len)
{
	size_t i;

	if (len < 2)
		return 1;
	if (s[1] == '[') {		/* CSI: parameters, then a final byte */
		for (i = 2; i < len && s[i] >= 0x20 && s[i] <= 0x3f; i++)
			;
		return i < len && s[i] >= 0x40 && s[i] <= 0x7e ? i + 1 : i;
	}
	if (s[1] == ']') {		/* OSC: up to BEL or ESC \ */
		for (i = 2; i < len; i++) {
			if (s[i] == 0x07)
				return i + 1;
			if (s[i] == 0x1b)
				return i + 1 < len && s[i + 1] == '\\' ? i + 2
								      : i;
		}
		return len;
	}
	return s[1] >= 0x20 && s[1] <= 0x7e ? 2 : 1;
}

static void more_suffix(struct buf *b, size_t more)
{
	if (more)
		buf_addf(b, " (%zu more in this text)", more);
}

static void check_controls(struct lint *l, const struct lstr *v,
			   const char *key)
{
	const unsigned char *s = (const unsigned char *)v->s;
	size_t len = strlen(v->s), i = 0, first = 0, first_len = 0, n_found = 0;
	uint32_t first_cp = 0;
	struct buf msg;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(v->s + i, len - i, &cp);

		if (!n) {
			i++;
			continue;
		}
		if (utf8_is_control(cp) || utf8_is_bidi_control(cp)) {
			if (cp == 0x1b)
				n = escape_seq_len(s + i, len - i);
			if (!n_found++) {
				first = i;
				first_len = n;
				first_cp = cp;
			}
		}
		i += n;
	}
	if (!n_found)
		return;
	buf_init(&msg);
	if (first_cp == 0x1b && first_len > 1) {
		buf_adds(&msg, "terminal escape sequence '");
		quote_add(&msg, v->s + first, first_len, 20);
		buf_addf(&msg, "' in '%s'", key);
	} else if (utf8_is_bidi_control(first_cp)) {
		/* It can show text in another order than it is stored. */
		buf_addf(&msg, "bidirectional control U+%04X in '%s'",
			 (unsigned)first_cp, key);
	} else {
		buf_addf(&msg, "control character U+%04X in '%s'",
			 (unsigned)first_cp, key);
	}
	more_suffix(&msg, n_found - 1);
	diag_add(l->dl, DIAG_WARNING, library_locate(l->lib, v, first), "%s",
		 msg.s);
	buf_release(&msg);
}

/*
 * The Windows-1252 byte that decodes to cp, or -1.  C1 code points stand
 * for their own byte, as when the text was read as ISO 8859-1 (and for
 * the five bytes Windows-1252 leaves undefined).
 */
static int cp1252_byte(uint32_t cp)
{
	static const uint16_t high[32] = {
		0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
		0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
		0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
		0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
	};

	if (cp <= 0xff)
		return (int)cp;
	for (int i = 0; i < 32; i++)
		if (high[i] == cp)
			return 0x80 + i;
	return -1;
}

/*
 * Whether the characters at s[i] are UTF-8 bytes decoded as Windows-1252:
 * a lead byte's character, then continuation bytes' characters, which
 * together decode as UTF-8.  If so, sets *span (bytes of s) and *fixed
 * (the character that was meant).
 */
static int mojibake_at(const char *s, size_t len, size_t i, size_t *span,
		       uint32_t *fixed)
{
	char bytes[4];
	size_t need, j = i, n;
	uint32_t cp;
	int b;

	n = utf8_decode(s + j, len - j, &cp);
	b = n ? cp1252_byte(cp) : -1;
	if (b < 0xc2 || b > 0xf4)
		return 0;
	need = b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
	bytes[0] = (char)b;
	j += n;
	for (size_t k = 1; k < need; k++) {
		n = utf8_decode(s + j, len - j, &cp);
		b = n ? cp1252_byte(cp) : -1;
		if (b < 0x80 || b > 0xbf)
			return 0;
		bytes[k] = (char)b;
		j += n;
	}
	if (utf8_decode(bytes, need, fixed) != need)
		return 0;
	*span = j - i;
	return 1;
}

static void check_mojibake(struct lint *l, const struct lstr *v,
			   const char *key)
{
	size_t len = strlen(v->s), i = 0, first = 0, first_span = 0, found = 0;
	uint32_t fixed = 0;
	struct buf msg;
	char enc[4];

	while (i < len) {
		uint32_t cp;
		size_t span, n = utf8_decode(v->s + i, len - i, &cp);

		if (n && cp >= 0x80 && mojibake_at(v->s, len, i, &span, &cp)) {
			if (!found++) {
				first = i;
				first_span = span;
				fixed = cp;
			}
			i += span;
			continue;
		}
		i += n ? n : 1;
	}
	if (!found)
		return;
	buf_init(&msg);
	buf_adds(&msg, "mojibake '");
	quote_add(&msg, v->s + first, first_span, 10);
	buf_adds(&msg, "' for '");
	quote_add(&msg, enc, utf8_encode(fixed, enc), 10);
	buf_addf(&msg, "' in '%s' (UTF-8 read as Windows-1252", key);
	if (found > 1)
		buf_addf(&msg, "; %zu more in this text", found - 1);
	buf_addch(&msg, ')');
	diag_add(l->dl, DIAG_WARNING, library_locate(l->lib, v, first), "%s",
		 msg.s);
	buf_release(&msg);
}

void lint_text(struct lint *l, const struct lstr *v, const char *key)
{
	if (!v->s)
		return;
	check_controls(l, v, key);
	check_mojibake(l, v, key);
}

void lint_text_list(struct lint *l, const struct lstr_list *list,
		    const char *key)
{
	for (size_t i = 0; i < list->n; i++)
		lint_text(l, &list->v[i], key);
}
