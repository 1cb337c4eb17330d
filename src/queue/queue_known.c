/*
 * A queue's known set (queue.h) kept between starts, in a small file
 * beside the library cache: which items had a review-state row at a
 * review stamp, so that the next start's queue reads a few thousand rows
 * rather than every one.
 *
 * The file: a header (magic, format version, byte order, the library's
 * keys_hash and item count, the stamp, the orphan count, the journal's
 * change number), a bit per item,
 * then hash64() of all before it.  Like the library cache it is never
 * trusted: one whose size, header or hash is wrong, or that is another
 * library's, is ignored, and the next full scan writes a new one.
 */
#include "queue/queue.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/hash.h"
#include "core/path.h"
#include "core/xmalloc.h"

#define KNOWN_MAGIC "TPMKNOWN"
#define KNOWN_VERSION 3u
#define KNOWN_ENDIAN 0x01020304u
#define HEADER_BYTES 56

static size_t n_words(const struct queue *q)
{
	return (q->cap + 63) / 64;
}

static size_t file_bytes(const struct queue *q)
{
	return HEADER_BYTES + n_words(q) * 8 + 8;
}

static void put_u32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

static void put_u64(unsigned char *p, uint64_t v)
{
	memcpy(p, &v, sizeof(v));
}

static uint64_t get_u64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

void queue_known_encode(const struct queue *q, struct buf *out)
{
	const struct library_order *o = library_order(q->lib);
	size_t len = file_bytes(q);
	unsigned char *p;

	buf_clear(out);
	buf_grow(out, len);
	p = (unsigned char *)out->s;
	memcpy(p, KNOWN_MAGIC, 8);
	put_u32(p + 8, KNOWN_VERSION);
	put_u32(p + 12, KNOWN_ENDIAN);
	put_u64(p + 16, o->keys_hash);
	put_u64(p + 24, q->cap);
	put_u64(p + 32, q->known.stamp);
	put_u64(p + 40, q->known.n_orphans);
	put_u64(p + 48, (uint64_t)q->known.seq);
	memcpy(p + HEADER_BYTES, q->known.review, n_words(q) * 8);
	put_u64(p + len - 8, hash64(p, len - 8));
	buf_setlen(out, len);
}

int queue_known_decode(struct queue *q, const void *data, size_t len)
{
	const struct library_order *o = library_order(q->lib);
	const unsigned char *p = data;
	uint32_t version, endian;

	if (len != file_bytes(q) || memcmp(p, KNOWN_MAGIC, 8))
		return -1;
	memcpy(&version, p + 8, sizeof(version));
	memcpy(&endian, p + 12, sizeof(endian));
	if (version != KNOWN_VERSION || endian != KNOWN_ENDIAN ||
	    get_u64(p + 16) != o->keys_hash || get_u64(p + 24) != q->cap ||
	    get_u64(p + len - 8) != hash64(p, len - 8))
		return -1;
	/* Bits past the last item would mark slots that do not exist. */
	if (q->cap % 64 &&
	    get_u64(p + HEADER_BYTES + (n_words(q) - 1) * 8) >> (q->cap % 64))
		return -1;
	memcpy(q->known.review, p + HEADER_BYTES, n_words(q) * 8);
	q->known.stamp = get_u64(p + 32);
	q->known.n_orphans = (size_t)get_u64(p + 40);
	q->known.seq = (int64_t)get_u64(p + 48);
	q->known.valid = 1;
	q->known.learnt = 0;
	return 0;
}

int queue_known_load(struct queue *q, const char *path)
{
	size_t want = file_bytes(q);
	unsigned char *data;
	struct stat st;
	ssize_t got;
	int fd, ret = -1;

	if (!path || (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (size_t)st.st_size == want) {
		data = xmalloc(want);
		got = read(fd, data, want);
		if (got == (ssize_t)want)
			ret = queue_known_decode(q, data, want);
		xfree(data);
	}
	close(fd);
	return ret;
}

int queue_known_save(struct queue *q, const char *path)
{
	struct buf b;
	int ret;

	if (!path || !q->known.valid || !q->known.learnt)
		return 0;
	buf_init(&b);
	queue_known_encode(q, &b);
	ret = path_replace(path, b.s, b.len);
	buf_release(&b);
	if (ret == 0)
		q->known.learnt = 0;
	return ret;
}
