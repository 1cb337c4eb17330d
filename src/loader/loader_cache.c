/*
 * The compiled library (loader.h, "The cache"): what each source file
 * gave the library, in a compact binary form, so that a start with
 * nothing changed reads one file instead of parsing the YAML again.
 *
 * The file: a header (magic, format version, byte order, a fingerprint of
 * the schema tables, flags, the number of records, the payload's length,
 * where the order and the cards start, and a hash64() of all but the
 * cards), then one record per source file: its path, the stat() key it
 * was read with, and its top-level object encoded field by field through
 * the loader's own schema tables (loader_schema.c), so a new key in the
 * format changes the fingerprint and retires old caches.  Integers are
 * LEB128 varints; a string is its length + 1 (0: absent), its bytes and a
 * NUL, so the library's strings point into the cache's buffer; a position
 * is its line and column, its file the record's.
 *
 * A deck's cards are two parts (loader_cards.c): in the record, an index
 * of what counting needs; at the end of the file, after the order, the
 * cards themselves, a blob per deck with its own hash, which a deferred
 * load (library_cache_defer()) decodes only when library_cards() asks.
 * The encoding itself is loader_codec.c's.
 *
 * Nothing in the file is trusted: the header and hash are checked before
 * anything is read, every read is bounds-checked, counts are bounded by
 * the bytes left, and every value is held to what the loader guarantees
 * (loader.h); a blob's hash is checked before it is decoded, and its
 * cards must be what the index said.  A record that fails is parsed from
 * its file instead; a blob that fails later makes library_cards() fail.
 */
#include "loader/loader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/err.h"
#include "core/hash.h"
#include "core/path.h"
#include "core/xmalloc.h"
#include "loader/loader_codec.h"
#include "loader/loader_int.h"

#define CACHE_MAGIC "TPMLIBC\n"
#define CACHE_VERSION 4u
#define CACHE_ENDIAN 0x01020304u
#define HEADER_BYTES 64
#define BLOBS_OFF 48
#define HASH_OFF LOADER_CACHE_HASH_OFF
/* Beyond any library the loader would read in reasonable time. */
#define CACHE_MAX_BYTES ((size_t)1 << 30)
/* A file changed this close to the save may change again within the
 * same timestamp: it is not cached (git's "racy clean" problem). */
#define RACY_NS INT64_C(2000000000)

enum { CF_LINT_CLEAN = 1u << 0 };

/* One record of a cache being read. */
struct cache_record {
	struct file_key key;
	const unsigned char *obj;	/* the kind byte and the object */
	const unsigned char *end;
	int used;
};

struct library_cache {
	/* The file up to the cards' blobs, read in (strings point here),
	 * and the whole file mapped for the blobs (NULL when it has none). */
	unsigned char *data;
	size_t head;
	unsigned char *map;
	size_t len;			/* the file's */
	unsigned flags;
	struct cache_record *records;
	size_t n_records;
	struct strmap by_path;		/* path -> struct cache_record */
	struct arena paths;		/* by_path's keys */
	const unsigned char *order;	/* the order section, or NULL */
	const unsigned char *blobs;	/* the cards' blobs, or NULL */
	int kept;			/* data belongs to a library now */
	int defer;			/* library_cache_defer() */
};

/*
 * The hash of a cache file of len bytes: its header up to the hash field
 * and all that follows up to the blobs (each has its own), so a flipped
 * flag is caught like a flipped byte.
 */
uint64_t loader_cache_hash(const unsigned char *data, size_t len)
{
	uint64_t end;

	memcpy(&end, data + BLOBS_OFF, sizeof(end));
	if (!end || end < HEADER_BYTES || end > len)
		end = len;
	return hash64(data, HASH_OFF) * UINT64_C(0x9e3779b97f4a7c15) ^
	       hash64(data + HEADER_BYTES, (size_t)end - HEADER_BYTES);
}

/* The object src gave the library, as its schema and the object. */
static const void *source_object(const struct library_state *st,
				 const struct source *src,
				 struct story_bank *bank)
{
	switch (src->kind) {
	case SRC_DECK:
		return vec_at((struct vec *)&st->decks, src->first);
	case SRC_RUBRIC:
		return vec_at((struct vec *)&st->rubrics, src->first);
	case SRC_SCENARIO:
		return vec_at((struct vec *)&st->scenarios, src->first);
	case SRC_STORIES:
		bank->stories = src->n ? vec_at((struct vec *)&st->stories,
						src->first) : NULL;
		bank->n_stories = src->n;
		return bank;
	case SRC_NONE:
		break;
	}
	return NULL;
}

static void put_record(struct buf *b, struct library_state *st,
		       const struct source *src)
{
	struct story_bank bank = { 0 };
	struct buf rec;

	buf_init(&rec);
	codec_put_varint(&rec, strlen(src->name));
	buf_adds(&rec, src->name);
	buf_add(&rec, &src->key, sizeof(src->key));
	buf_addch(&rec, (char)src->kind);
	if (src->kind != SRC_NONE)
		codec_put_obj(&rec, loader_top_schemas[src->kind - 1],
			source_object(st, src, &bank), &st->cache_blobs);
	codec_put_varint(b, rec.len);
	buf_add(b, rec.s, rec.len);
	buf_release(&rec);
}

/* Folds a schema and those it nests into h: the format's fingerprint. */
static uint64_t fingerprint(const struct schema *s, uint64_t h)
{
	struct buf b;

	buf_init(&b);
	buf_addf(&b, "%s:%zu:%u:%u:%u", s->name, s->size, s->n_fields,
		 s->pos_off, s->file_off);
	for (unsigned i = 0; i < s->n_fields; i++) {
		const struct field *f = &s->fields[i];

		buf_addf(&b, "|%s:%u:%u:%u:%u:%u:%u", f->name, f->kind,
			 f->flags, f->off, f->n_off, f->pos_off,
			 f->names ? f->names->n : 0);
		if (f->elem)
			h = fingerprint(f->elem, h);
	}
	h = hash64(b.s, b.len) ^ (h * UINT64_C(0x100000001b3));
	buf_release(&b);
	return h;
}

static uint64_t format_fingerprint(void)
{
	uint64_t h = CACHE_VERSION;

	for (unsigned i = 0; i < loader_n_top_schemas; i++)
		h = fingerprint(loader_top_schemas[i], h);
	return h;
}

/* 1 if src's file was changed too recently to trust its times. */
static int racy(const struct source *src, int64_t now_ns)
{
	return src->key.mtime_ns > now_ns - RACY_NS ||
	       src->key.ctime_ns > now_ns - RACY_NS;
}

void library_cache_encode(struct library *lib, int64_t now_ns)
{
	struct library_state *st = library_state_get(lib);
	struct buf *b = &st->cache_out;
	uint32_t n = 0;

	buf_clear(b);
	buf_clear(&st->cache_blobs);
	buf_add(b, CACHE_MAGIC, 8);
	codec_put_u32(b, CACHE_VERSION);
	codec_put_u32(b, CACHE_ENDIAN);
	codec_put_u64(b, format_fingerprint());
	codec_put_u32(b, 0);			/* flags: set by the save */
	codec_put_u32(b, 0);			/* records: below */
	codec_put_u64(b, 0);			/* payload length */
	codec_put_u64(b, 0);		/* where the order starts, or 0 */
	codec_put_u64(b, 0);		/* where the blobs start, or 0 */
	codec_put_u64(b, 0);			/* the hash */
	for (size_t i = 0; i < st->sources.len; i++) {
		const struct source *src = vec_at(&st->sources, i);

		if (src->cacheable && !racy(src, now_ns)) {
			put_record(b, st, src);
			n++;
		}
	}
	memcpy(b->s + 28, &n, sizeof(n));
	st->cache_ready = 1;
}

/*
 * The library's order (library_order()), after the records at an offset
 * a multiple of 8 (the header's order field): the item and tag counts,
 * the keys' hash, by_key and card_first as they are in memory, then the
 * sorted tags, and the count and the sorted list of the cards' refs.
 */
static void put_order(struct buf *b, const struct library *lib,
		      const struct library_order *o)
{
	uint64_t off;

	while (b->len % 8)
		buf_addch(b, '\0');
	off = b->len;
	memcpy(b->s + 40, &off, sizeof(off));
	codec_put_u64(b, lib->n_items);
	codec_put_u64(b, o->n_tags);
	codec_put_u64(b, o->keys_hash);
	buf_add(b, o->by_key, lib->n_items * sizeof(*o->by_key));
	buf_add(b, o->card_first, lib->n_items * sizeof(*o->card_first));
	for (size_t i = 0; i < o->n_tags; i++) {
		codec_put_varint(b, strlen(o->tags[i]));
		buf_add(b, o->tags[i], strlen(o->tags[i]) + 1);
	}
	codec_put_varint(b, o->n_refs);
	for (size_t i = 0; i < o->n_refs; i++) {
		codec_put_varint(b, strlen(o->refs[i]));
		buf_add(b, o->refs[i], strlen(o->refs[i]) + 1);
	}
}

int library_cache_save(struct library *lib, const char *path, int lint_clean)
{
	struct library_state *st = lib->state;
	struct buf *b = st ? &st->cache_out : NULL;
	uint32_t flags = lint_clean ? CF_LINT_CLEAN : 0;
	uint64_t len, h;
	int ok;

	if (!b || !st->cache_ready)
		return 0;
	/* The order is the library's after lint: only a clean one is the
	 * next start's, which skips lint. */
	if (lint_clean && st->order)
		put_order(b, lib, st->order);
	if (st->cache_blobs.len) {
		len = b->len;
		memcpy(b->s + BLOBS_OFF, &len, sizeof(len));
		buf_add(b, st->cache_blobs.s, st->cache_blobs.len);
		buf_release(&st->cache_blobs);
	}
	len = b->len - HEADER_BYTES;
	memcpy(b->s + 24, &flags, sizeof(flags));
	memcpy(b->s + 32, &len, sizeof(len));
	h = loader_cache_hash((const unsigned char *)b->s, b->len);
	memcpy(b->s + HASH_OFF, &h, sizeof(h));
	/* No fsync: a cache lost in a crash is rebuilt, never misread. */
	ok = path_replace(path, b->s, b->len) == 0;
	buf_release(b);
	st->cache_ready = 0;
	return ok ? 1 : TPM_EIO;
}

void library_cache_defer(struct library_cache *c)
{
	if (c)
		c->defer = 1;
}

/*
 * Adds the object of r to the library as the file ld->file, through the
 * schema's commit as a parse would.  Returns 0, or -1 if the record is not
 * sound (nothing is added).
 */
static int commit_record(struct loader *ld, const struct cache_record *r)
{
	union {
		struct deck deck;
		struct rubric rubric;
		struct scenario scenario;
		struct story_bank bank;
	} obj;
	struct library_cache *c = ld->cache;
	struct decoder d = { { r->obj, r->end, 0 }, &ld->lib->arena,
			     ld->file, ld, c->blobs,
			     c->blobs ? c->map + c->len : NULL, c->defer };
	size_t n_items = ld->st->items.len, n_pending = ld->st->pending.len;
	const struct schema *s;
	unsigned kind = r->obj < r->end ? *d.c.p++ : 0xff;

	if (kind == SRC_NONE)
		return d.c.p == d.c.end ? 0 : -1;
	if (kind > loader_n_top_schemas)
		return -1;
	s = loader_top_schemas[kind - 1];
	memset(&obj, 0, sizeof(obj));
	codec_get_obj(&d, s, &obj);
	if (d.c.bad || d.c.p != d.c.end) {
		/* Nothing of it stays: its deck's items came first. */
		ld->st->items.len = n_items;
		ld->st->pending.len = n_pending;
		ld->items_added = 0;
		return -1;
	}
	if (s->file_off != NO_OFF)
		*AT(&obj, s->file_off, const char *) = ld->file;
	s->commit(ld, &obj);
	ld->items_added = 0;
	return 0;
}

/* Reads the header and indexes the records; -1 if any of it is wrong. */
static int index_records(struct library_cache *c)
{
	struct cursor cur = { c->data, c->data + c->head, 0 };
	uint32_t version, endian, flags, n;
	uint64_t fp, len, order, blobs, h;
	char magic[8];

	codec_get_raw(&cur, magic, 8);
	codec_get_raw(&cur, &version, 4);
	codec_get_raw(&cur, &endian, 4);
	codec_get_raw(&cur, &fp, 8);
	codec_get_raw(&cur, &flags, 4);
	codec_get_raw(&cur, &n, 4);
	codec_get_raw(&cur, &len, 8);
	codec_get_raw(&cur, &order, 8);
	codec_get_raw(&cur, &blobs, 8);
	codec_get_raw(&cur, &h, 8);
	if (cur.bad || memcmp(magic, CACHE_MAGIC, 8) ||
	    version != CACHE_VERSION || endian != CACHE_ENDIAN ||
	    fp != format_fingerprint() || len != c->len - HEADER_BYTES ||
	    (blobs && (blobs < HEADER_BYTES || blobs > c->len)) ||
	    loader_cache_hash(c->data, c->head) != h ||
	    n > len / 8 || (order && (order < HEADER_BYTES ||
				      order > (blobs ? blobs : c->len) ||
				      order % 8)))
		return -1;
	c->flags = flags;
	/* The records end where the order starts, or the blobs. */
	if (blobs)
		c->blobs = c->map + blobs;
	if (order)
		cur.end = c->order = c->data + order;
	c->records = xcalloc(n ? n : 1, sizeof(*c->records));
	for (uint32_t i = 0; i < n; i++) {
		struct cache_record *r = &c->records[i];
		uint64_t rlen = codec_get_varint(&cur), plen;
		struct cursor rc;
		void **slot;

		if (cur.bad || rlen > (uint64_t)(cur.end - cur.p))
			return -1;
		rc = (struct cursor){ cur.p, cur.p + rlen, 0 };
		cur.p += rlen;
		plen = codec_get_varint(&rc);
		if (rc.bad || !plen || plen > (uint64_t)(rc.end - rc.p) ||
		    memchr(rc.p, '\0', (size_t)plen))
			return -1;
		slot = strmap_insert(&c->by_path,
				     arena_strndup(&c->paths, (const char *)rc.p,
						   (size_t)plen));
		rc.p += plen;
		codec_get_raw(&rc, &r->key, sizeof(r->key));
		r->obj = rc.p;
		r->end = rc.end;
		c->n_records++;
		if (rc.bad || *slot)	/* a path twice: not ours */
			return -1;
		*slot = r;
	}
	/* Then only the zeros that align the order, if there is one. */
	while (cur.p < cur.end && !*cur.p && c->order && cur.end - cur.p < 8)
		cur.p++;
	return cur.p == cur.end ? 0 : -1;
}

static void cache_clear(struct library_cache *c)
{
	strmap_release(&c->by_path);
	strmap_init(&c->by_path);
	arena_release(&c->paths);
	arena_init(&c->paths);
	xfree(c->records);
	c->records = NULL;
	c->n_records = 0;
	c->flags = 0;
	c->order = NULL;
	c->blobs = NULL;
	if (!c->kept) {
		xfree(c->data);
		if (c->map)
			munmap(c->map, c->len);
	}
	c->data = c->map = NULL;
	c->head = c->len = 0;
}

/* The len bytes at off of fd into buf; -1 if it has fewer. */
static int read_at(int fd, void *buf, size_t len, off_t off)
{
	for (size_t got = 0; got < len;) {
		ssize_t n = pread(fd, (char *)buf + got, len - got,
				  off + (off_t)got);

		if (n <= 0 && !(n < 0 && errno == EINTR))
			return -1;
		got += n > 0 ? (size_t)n : 0;
	}
	return 0;
}

/*
 * Reads path up to the cards' blobs into memory on huge pages, and maps
 * the whole file for the blobs, which are touched only when decoded.  A
 * copy, since touching the 4 KiB pages of a mapping one by one costs
 * several times more on some virtual machines (tools/bench/startup.sh).
 * The cache is only ever replaced by a rename, never rewritten in place,
 * so the mapping stays whole and agrees with what was read.  0, or -1 if
 * it is missing, odd or too big.
 */
static int read_cache(struct library_cache *c, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	unsigned char header[HEADER_BYTES];
	struct stat st;
	uint64_t blobs;
	int ret = -1;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < HEADER_BYTES ||
	    (uint64_t)st.st_size > CACHE_MAX_BYTES ||
	    read_at(fd, header, HEADER_BYTES, 0) < 0)
		goto out;
	c->len = (size_t)st.st_size;
	memcpy(&blobs, header + BLOBS_OFF, sizeof(blobs));
	c->head = blobs >= HEADER_BYTES && blobs <= c->len ? (size_t)blobs
							   : c->len;
	c->data = xreallocarray_huge(NULL, 0, c->head, 1);
	memcpy(c->data, header, HEADER_BYTES);
	if (read_at(fd, c->data + HEADER_BYTES, c->head - HEADER_BYTES,
		    HEADER_BYTES) < 0)
		goto out;
	if (blobs) {
		c->map = mmap(NULL, c->len, PROT_READ, MAP_PRIVATE, fd, 0);
		if (c->map == MAP_FAILED) {
			c->map = NULL;
			goto out;
		}
	}
	ret = 0;
out:
	close(fd);
	return ret;
}

struct library_cache *library_cache_open(const char *path)
{
	struct library_cache *c = xcalloc(1, sizeof(*c));

	strmap_init(&c->by_path);
	arena_init(&c->paths);
	if (read_cache(c, path) < 0 || index_records(c) < 0)
		cache_clear(c);	/* as if there were none */
	return c;
}

void library_cache_free(struct library_cache *c)
{
	if (!c)
		return;
	cache_clear(c);
	arena_release(&c->paths);
	xfree(c);
}

int library_cache_lint_clean(const struct library_cache *c)
{
	return c && (c->flags & CF_LINT_CLEAN);
}

int library_cache_fresh(const struct library *lib,
			const struct library_cache *c)
{
	if (!c || !c->data || lib->n_cached != lib->n_files)
		return 0;
	for (size_t i = 0; i < c->n_records; i++)
		if (!c->records[i].used)
			return 0;
	return 1;
}

struct cache_record *loader_cache_find(struct library_cache *c,
				       const char *path,
				       const struct file_key *key)
{
	struct cache_record *r;

	if (!c || !c->data)
		return NULL;
	r = strmap_get(&c->by_path, path);
	return r && !r->used && !memcmp(&r->key, key, sizeof(*key)) ? r : NULL;
}

/* Where the order section ends: at the blobs, or the end of the file. */
static const unsigned char *order_end(const struct library_cache *c)
{
	return c->data + c->head;
}

/* The item count of the cached order (0 without one): a hint, bounded by
 * the room its arrays take. */
static size_t cached_n_items(const struct library_cache *c)
{
	struct cursor cur = { c->order, order_end(c), 0 };
	uint64_t n;

	if (!c->order)
		return 0;
	codec_get_raw(&cur, &n, 8);
	return cur.bad || n > (uint64_t)(cur.end - cur.p) /
				 (sizeof(struct key_ref) + sizeof(uint32_t))
	       ? 0 : (size_t)n;
}

int loader_cache_commit(struct loader *ld, struct cache_record *r)
{
	struct library_cache *c = ld->cache;

	/*
	 * The cards take about as much room as the cache, and their lists
	 * half as much: reserved at once (only touched pages cost), the
	 * lists only when the cards are decoded now.  The items as many as
	 * the cached order has.
	 */
	if (!c->kept) {
		arena_reserve(&ld->st->cards, c->len + c->len / 4);
		if (!c->defer && c->blobs) {
			arena_reserve(&ld->lib->arena, c->len / 2);
			codec_populate(c->blobs,
				       (size_t)(c->map + c->len - c->blobs));
		}
		vec_reserve(&ld->st->items, cached_n_items(c));
	}
	if (commit_record(ld, r) < 0)
		return -1;
	r->used = 1;
	/* The library's strings now point into the cache's data. */
	if (!c->kept) {
		ld->st->cache_head = c->data;
		ld->st->map = c->map;
		ld->st->map_len = c->len;
		c->kept = 1;
	}
	return 0;
}

/* n strictly ascending, NUL-terminated strings: an order's tags, refs. */
static const char **get_sorted(struct cursor *cur, uint64_t n)
{
	const char **tags;

	if (n > (uint64_t)(cur->end - cur->p) / 2)
		return NULL;
	tags = xmalloc((n ? n : 1) * sizeof(*tags));
	for (uint64_t i = 0; i < n && !cur->bad; i++) {
		uint64_t len = codec_get_varint(cur);

		if (cur->bad || len >= (uint64_t)(cur->end - cur->p) ||
		    cur->p[len] || memchr(cur->p, '\0', len) ||
		    (i && strcmp(tags[i - 1], (const char *)cur->p) >= 0)) {
			cur->bad = 1;
			break;
		}
		tags[i] = (const char *)cur->p;
		cur->p += len + 1;
	}
	if (cur->bad) {
		xfree(tags);
		return NULL;
	}
	return tags;
}

/* The order c holds for lib, checked, or NULL. */
static struct library_order *cached_order(const struct library *lib,
					  const struct library_cache *c)
{
	struct cursor cur = { c->order, order_end(c), 0 };
	const struct key_ref *by_key;
	const uint32_t *first;
	struct library_order *o;
	uint64_t n, n_tags, n_refs, keys_hash;
	const char **tags, **refs = NULL;

	codec_get_raw(&cur, &n, 8);
	codec_get_raw(&cur, &n_tags, 8);
	codec_get_raw(&cur, &keys_hash, 8);
	if (cur.bad || n != lib->n_items ||
	    n > (uint64_t)(cur.end - cur.p) /
			(sizeof(*by_key) + sizeof(*first)))
		return NULL;
	by_key = (const struct key_ref *)cur.p;
	first = (const uint32_t *)(cur.p + n * sizeof(*by_key));
	cur.p += n * (sizeof(*by_key) + sizeof(*first));
	for (uint64_t i = 0; i < n; i++)
		if (by_key[i].i >= n || first[i] > i)
			return NULL;
	if (!(tags = get_sorted(&cur, n_tags)))
		return NULL;
	n_refs = codec_get_varint(&cur);
	if (cur.bad || !(refs = get_sorted(&cur, n_refs)) ||
	    cur.p != cur.end) {
		xfree(tags);
		xfree(refs);
		return NULL;
	}
	o = xcalloc(1, sizeof(*o));
	o->by_key = by_key;
	o->card_first = first;
	o->tags = tags;
	o->n_tags = (size_t)n_tags;
	o->refs = refs;
	o->n_refs = (size_t)n_refs;
	o->keys_hash = keys_hash;
	o->borrowed = 1;
	strmap_init(&o->tag_ix);
	for (size_t i = 0; i < o->n_tags; i++)
		*strmap_insert(&o->tag_ix, tags[i]) = (void *)(uintptr_t)(i + 1);
	return o;
}

const struct library_order *library_cache_order(struct library *lib,
						const struct library_cache *c)
{
	struct library_state *st = library_state_get(lib);

	if (!st->order && library_cache_fresh(lib, c) && c->order &&
	    st->cache_head == c->data)
		st->order = cached_order(lib, c);
	return library_order(lib);
}
