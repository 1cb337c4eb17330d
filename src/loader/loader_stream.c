/*
 * A file's bytes on their way to libyaml: read a chunk at a time, so that
 * no file is ever held whole in memory, and checked on the way.
 *
 * libyaml stops at the first byte that is not UTF-8, or at a control
 * character YAML forbids, and says only its offset.  Instead each such
 * byte or character is reported with its line and column, passed on as
 * U+FFFD (one character, so that libyaml's columns after it stay right),
 * and the rest of the file is read as usual.
 *
 * The whole text is read only on the paths that need to look back into
 * it: to turn an offset into a line and column, or to find a character
 * inside a value.  Those are error paths, rare and bounded by
 * LOADER_MAX_FILE_BYTES.
 */
#include "loader/loader.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "core/utf8.h"
#include "core/xmalloc.h"
#include "loader/loader_int.h"

#define READ_CHUNK 65536

/* Stop checking a file's encoding after this many problems. */
#define MAX_ENCODING_PROBLEMS 20

void reader_start(struct loader *ld, int fd, const char *data, size_t len)
{
	struct reader *r = &ld->reader;

	r->fd = fd;
	r->mem = data;
	r->mem_len = len;
	r->pos = 0;
	r->chunk_len = 0;
	buf_clear(&r->out);
	r->out_off = 0;
	r->run = 0;
	r->problems = 0;
	r->eof = 0;
	r->failed = 0;
	if (fd >= 0 && !r->chunk)
		r->chunk = xmalloc(READ_CHUNK + 4);
}

void reader_release(struct reader *r)
{
	xfree(r->chunk);
	r->chunk = NULL;
	buf_release(&r->out);
}

struct source_text *loader_text(struct loader *ld)
{
	struct reader *r = &ld->reader;
	size_t size;

	if (ld->have_text)
		return &ld->text;
	ld->have_text = 1;
	if (r->mem)
		source_text_init(&ld->text, r->mem, r->mem_len);
	else if (loader_read_file(ld->file, &ld->text_buf, &size) == 0)
		source_text_init(&ld->text, ld->text_buf.s, ld->text_buf.len);
	else
		source_text_init(&ld->text, "", 0);
	return &ld->text;
}

void loader_text_release(struct loader *ld)
{
	if (ld->have_text)
		source_text_release(&ld->text);
	ld->have_text = 0;
}

/* Printable ASCII, or the tab and line breaks YAML allows. */
static int plain_byte(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t' || c == '\r';
}

/*
 * The offset of the first byte at or after i that is not plain_byte():
 * eight bytes at a time where they are all printable, as most of a deck
 * is, one at a time in a word with a line break.
 */
static size_t skip_plain(const char *p, size_t i, size_t len)
{
	const uint64_t ones = 0x0101010101010101u, highs = ones << 7;

	while (i + 8 <= len) {
		uint64_t w;
		size_t end = i + 8;

		memcpy(&w, p + i, 8);
		/* A byte >= 0x80, < 0x20 or 0x7f (+1 carries into 0x80). */
		if (!((w | (w - ones * 0x20) | (w + ones)) & highs)) {
			i = end;
			continue;
		}
		for (; i < end; i++)
			if (!plain_byte((unsigned char)p[i]))
				return i;
	}
	while (i < len && plain_byte((unsigned char)p[i]))
		i++;
	return i;
}

/* A character YAML does not allow in a file (libyaml's printable set). */
static int forbidden(uint32_t cp)
{
	if (cp == '\t' || cp == '\n' || cp == '\r')
		return 0;
	return utf8_is_control(cp) || cp == 0xfffe || cp == 0xffff;
}

/* Reports a problem at byte off; after too many, gives up the file. */
static void encoding_problem(struct loader *ld, size_t off, uint32_t cp,
			     size_t run, unsigned char byte)
{
	struct reader *r = &ld->reader;
	struct src_pos pos = source_pos_at(loader_text(ld), ld->file, off);

	if (r->problems++ == MAX_ENCODING_PROBLEMS) {
		loader_diag(ld, DIAG_ERROR, pos, "too many encoding problems "
			    "(is this a UTF-8 text file?)");
		r->failed = 1;
	} else if (run == 1) {
		loader_diag(ld, DIAG_ERROR, pos, "invalid UTF-8 byte 0x%02x "
			    "(save the file as UTF-8)", byte);
	} else if (run) {
		loader_diag(ld, DIAG_ERROR, pos, "%zu invalid UTF-8 bytes "
			    "starting with 0x%02x (save the file as UTF-8)",
			    run, byte);
	} else if (cp == 0) {
		loader_diag(ld, DIAG_ERROR, pos, "NUL byte is not allowed");
	} else if (utf8_is_control(cp)) {
		loader_diag(ld, DIAG_ERROR, pos, "control character U+%04X "
			    "is not allowed", (unsigned)cp);
	} else {
		loader_diag(ld, DIAG_ERROR, pos, "character U+%04X is not "
			    "allowed", (unsigned)cp);
	}
}

/* A run of invalid bytes is one problem, reported where it ends. */
static void end_run(struct loader *ld)
{
	struct reader *r = &ld->reader;

	if (r->run)
		encoding_problem(ld, r->run_off, 0, r->run, r->run_byte);
	r->run = 0;
}

/*
 * Checks p[0..len), the input from offset r->pos, appending what libyaml
 * is to read to r->out.  Returns the bytes used: all of them, but for a
 * character that may be cut off at the end, unless last says no more
 * input follows.
 */
static size_t check_span(struct loader *ld, const char *p, size_t len,
			 int last)
{
	static const char fffd[] = "\xef\xbf\xbd";
	struct reader *r = &ld->reader;
	size_t i = 0, clean = 0;

	while (i < len && !r->failed) {
		unsigned char b;
		uint32_t cp;
		size_t n = 1;

		if (!r->run) {
			i = skip_plain(p, i, len);
			if (i == len)
				break;
		}
		b = (unsigned char)p[i];
		cp = b;
		if (b >= 0x80) {
			n = utf8_decode(p + i, len - i, &cp);
			if (!n && !last && len - i < 4)
				break;
		}
		if (n)
			end_run(ld);
		/*
		 * YAML counts NEL, LS and PS as line breaks where no editor
		 * does, so every line number after one would be off: libyaml
		 * gets a space instead (one character, so columns hold).
		 */
		if (n && (cp == 0x85 || cp == 0x2028 || cp == 0x2029)) {
			buf_add(&r->out, p + clean, i - clean);
			buf_addch(&r->out, ' ');
			loader_diag(ld, DIAG_WARNING,
				    source_pos_at(loader_text(ld), ld->file,
						  r->pos + i),
				    "U+%04X is read as a space (YAML would "
				    "count it as a line break; write a newline "
				    "instead)", (unsigned)cp);
			i += n;
			clean = i;
			continue;
		}
		if (n && !forbidden(cp)) {
			i += n;
			continue;
		}
		buf_add(&r->out, p + clean, i - clean);
		buf_add(&r->out, fffd, 3);
		if (n) {
			encoding_problem(ld, r->pos + i, cp, 0, 0);
			i += n;
		} else {
			if (!r->run++) {
				r->run_off = r->pos + i;
				r->run_byte = b;
			}
			i++;
		}
		clean = i;
	}
	buf_add(&r->out, p + clean, i - clean);
	return i;
}

static ssize_t read_more(int fd, char *p, size_t n)
{
	ssize_t got;

	do
		got = read(fd, p, n);
	while (got < 0 && errno == EINTR);
	return got;
}

/*
 * The encoding of a file that starts with p[0..len) when it is UTF-16 or
 * UTF-32 (by its byte order mark, or an ASCII first character next to NUL
 * bytes), else NULL: one clear error instead of a NUL error per character.
 */
static const char *wide_encoding(const unsigned char *p, size_t len)
{
	if (len >= 4 && ((!p[0] && !p[1] && p[2] == 0xfe && p[3] == 0xff) ||
			 (p[0] == 0xff && p[1] == 0xfe && !p[2] && !p[3]) ||
			 (p[0] && p[0] < 0x80 && !p[1] && !p[2] && !p[3]) ||
			 (!p[0] && !p[1] && !p[2] && p[3] && p[3] < 0x80)))
		return "UTF-32";
	if (len >= 2 && ((p[0] == 0xfe && p[1] == 0xff) ||
			 (p[0] == 0xff && p[1] == 0xfe) ||
			 (p[0] && p[0] < 0x80 && !p[1]) ||
			 (!p[0] && p[1] && p[1] < 0x80)))
		return "UTF-16";
	return NULL;
}

/* Reads and checks the next chunk into r->out.  Returns 0 or -1. */
static int fill(struct loader *ld)
{
	struct reader *r = &ld->reader;
	const char *p;
	size_t len, used;
	int last;

	buf_clear(&r->out);
	r->out_off = 0;
	if (r->mem) {
		p = r->mem + r->pos;
		len = r->mem_len - r->pos;
		if (len > READ_CHUNK)
			len = READ_CHUNK;
		last = r->pos + len == r->mem_len;
	} else {
		ssize_t got = read_more(r->fd, r->chunk + r->chunk_len,
					READ_CHUNK);

		if (got < 0) {
			loader_diag(ld, DIAG_ERROR, (struct src_pos){ ld->file,
				    0, 0 }, "cannot read: %s", strerror(errno));
			r->failed = 1;
			return -1;
		}
		r->chunk_len += (size_t)got;
		last = got == 0;
		p = r->chunk;
		len = r->chunk_len;
	}
	if (r->pos == 0) {
		const char *wide = wide_encoding((const unsigned char *)p,
						 len);

		if (wide) {
			loader_diag(ld, DIAG_ERROR, (struct src_pos){ ld->file,
				    0, 0 }, "the file is %s: save it as UTF-8",
				    wide);
			r->failed = 1;
			return -1;
		}
	}
	used = check_span(ld, p, len, last);
	if (last && !r->failed)
		end_run(ld);
	if (r->failed)
		return -1;
	r->pos += used;
	ld->lib->bytes_read += used;
	if (!r->mem) {
		memmove(r->chunk, r->chunk + used, len - used);
		r->chunk_len = len - used;
	}
	/* The file may have grown since it was measured. */
	if (r->pos > LOADER_MAX_FILE_BYTES) {
		loader_diag(ld, DIAG_ERROR, (struct src_pos){ ld->file, 0, 0 },
			    "file is too large (it grew past the limit of %u "
			    "bytes while being read)", LOADER_MAX_FILE_BYTES);
		r->failed = 1;
		return -1;
	}
	r->eof = last;
	return 0;
}

int loader_read_handler(void *data, unsigned char *buffer, size_t size,
			size_t *size_read)
{
	struct loader *ld = data;
	struct reader *r = &ld->reader;
	size_t n;

	while (r->out_off == r->out.len && !r->eof)
		if (fill(ld) < 0)
			return 0;	/* reported; libyaml stops */
	n = r->out.len - r->out_off;
	if (n > size)
		n = size;
	memcpy(buffer, r->out.s + r->out_off, n);
	r->out_off += n;
	*size_read = n;
	return 1;
}
