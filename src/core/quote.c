#include "core/quote.h"

#include "core/buf.h"
#include "core/utf8.h"

void quote_add(struct buf *out, const char *s, size_t len, size_t max)
{
	size_t i = 0, chars = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (chars++ == max) {
			buf_adds(out, "...");
			return;
		}
		if (!n) {
			buf_addf(out, "\\x%02x", (unsigned char)s[i]);
			i++;
			continue;
		}
		if (cp == '\n')
			buf_adds(out, "\\n");
		else if (cp == '\t')
			buf_adds(out, "\\t");
		else if (cp == 0x1b)
			buf_adds(out, "\\e");
		else if (cp < 0x20 || cp == 0x7f)
			buf_addf(out, "\\x%02x", (unsigned)cp);
		else if (utf8_is_control(cp) || utf8_is_bidi_control(cp))
			buf_addf(out, "\\u%04x", (unsigned)cp);
		else
			buf_add(out, s + i, n);
		i += n;
	}
}

char *quote_dup(const char *s, size_t len)
{
	struct buf b;

	buf_init(&b);
	quote_add(&b, s, len, 40);
	return buf_detach(&b, NULL);
}
