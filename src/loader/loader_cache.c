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
 * A deck's cards are two parts.  In the record, an index of what counting
 * needs: the deck's distinct tag lists, then for each card its id, its
 * tag list's number, and its items' variants and keys.  At the end of the
 * file, after the order, the cards themselves, a blob per deck with its
 * own hash, which a deferred load (library_cache_defer()) decodes only
 * when library_cards() asks: a start that only counts reads the index.
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
#include <math.h>
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
#include "loader/loader_int.h"

#define CACHE_MAGIC "TPMLIBC\n"
#define CACHE_VERSION 3u
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
	unsigned char *data;		/* the file, mapped; strings point here */
	size_t len;
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

/* ---- writing ---- */

static void put_varint(struct buf *b, uint64_t v)
{
	unsigned char tmp[10];
	size_t n = 0;

	do {
		tmp[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v)
			tmp[n] |= 0x80;
		n++;
	} while (v);
	buf_add(b, tmp, n);
}

static void put_u32(struct buf *b, uint32_t v)
{
	buf_add(b, &v, sizeof(v));
}

static void put_u64(struct buf *b, uint64_t v)
{
	buf_add(b, &v, sizeof(v));
}

static void put_pos(struct buf *b, struct src_pos pos)
{
	put_varint(b, pos.line);
	put_varint(b, pos.col);
}

/* A string, without a position: its length + 1, its bytes and a NUL. */
static void put_str(struct buf *b, const char *s, size_t len)
{
	put_varint(b, len + 1);
	buf_add(b, s, len);
	buf_addch(b, '\0');
}

static void put_lstr(struct buf *b, const struct lstr *v)
{
	if (!v->s) {
		put_varint(b, 0);
		return;
	}
	put_str(b, v->s, strlen(v->s));
	put_pos(b, v->pos);
}

#define AT(obj, off, type) ((type *)((char *)(obj) + (off)))
#define CAT(obj, off, type) ((const type *)((const char *)(obj) + (off)))

static void put_cards(struct buf *b, struct buf *blobs,
		      const struct schema *s, const struct card *cards,
		      size_t n);

/* Encodes obj; a deck's cards go to blobs (see put_cards()). */
static void put_obj(struct buf *b, const struct schema *s, const void *obj,
		    struct buf *blobs)
{
	if (s->pos_off != NO_OFF)
		put_pos(b, *CAT(obj, s->pos_off, struct src_pos));
	for (unsigned i = 0; i < s->n_fields; i++) {
		const struct field *f = &s->fields[i];

		switch (f->kind) {
		case FK_TEXT:
		case FK_ID:
		case FK_CARD_ID:
			put_lstr(b, CAT(obj, f->off, struct lstr));
			continue;
		case FK_ENUM:
		case FK_MINUTES:
			put_varint(b, (uint64_t)*CAT(obj, f->off, int));
			break;
		case FK_WEIGHT:
		case FK_PERCENT:
			buf_add(b, CAT(obj, f->off, double), sizeof(double));
			break;
		case FK_TEXT_LIST:
		case FK_TAG_LIST: {
			const struct lstr_list *l =
				CAT(obj, f->off, struct lstr_list);

			put_varint(b, l->n);
			put_pos(b, l->pos);
			for (size_t k = 0; k < l->n; k++)
				put_lstr(b, &l->v[k]);
			continue;
		}
		case FK_OBJ_LIST: {
			const char *v = *CAT(obj, f->off, char *);
			size_t n = *CAT(obj, f->n_off, size_t);

			if (f->elem->kind == REJECTED_CARD) {
				put_cards(b, blobs, f->elem,
					  (const struct card *)v, n);
				continue;
			}
			put_varint(b, n);
			if (f->pos_off != NO_OFF)
				put_pos(b, *CAT(obj, f->pos_off,
						struct src_pos));
			for (size_t k = 0; k < n; k++)
				put_obj(b, f->elem, v + k * f->elem->size,
					blobs);
			continue;
		}
		}
		if (f->pos_off != NO_OFF)
			put_pos(b, *CAT(obj, f->pos_off, struct src_pos));
	}
}

/* A tag list as one string: the key that finds an equal one. */
static void tags_key(struct buf *b, const struct lstr_list *l)
{
	buf_clear(b);
	for (size_t i = 0; i < l->n; i++) {
		buf_adds(b, l->v[i].s);
		buf_addch(b, '\n');	/* in no tag */
	}
}

/* The deck's distinct tag lists, numbered in order of first use. */
static void put_tag_sets(struct buf *b, const struct card *cards, size_t n,
			 uint32_t *set)
{
	struct strmap seen;
	struct arena keys;
	struct buf key, out;
	uint32_t n_sets = 0;

	strmap_init(&seen);
	arena_init(&keys);
	buf_init(&key);
	buf_init(&out);
	for (size_t k = 0; k < n; k++) {
		const struct lstr_list *l = &cards[k].tags;
		void **slot;

		tags_key(&key, l);
		slot = strmap_insert(&seen, arena_strndup(&keys, key.s,
							  key.len));
		if (!*slot) {
			*slot = (void *)(uintptr_t)++n_sets;
			put_varint(&out, l->n);
			for (size_t i = 0; i < l->n; i++)
				put_str(&out, l->v[i].s, strlen(l->v[i].s));
		}
		set[k] = (uint32_t)(uintptr_t)*slot - 1;
	}
	put_varint(b, n_sets);
	buf_add(b, out.s, out.len);
	buf_release(&out);
	buf_release(&key);
	arena_release(&keys);
	strmap_release(&seen);
}

/* An item of a deck's index: its key, card, tag list, variant. */
struct index_rec {
	uint32_t key;			/* offset in the deck's keys */
	uint32_t card;			/* in the deck */
	uint32_t set;			/* the card's tag list */
	int32_t variant;
};

/*
 * A deck's cards: their count and the index a start that only counts
 * reads (the tag lists, the items' keys one after another, then a fixed
 * record per item, struct index_rec in the file's byte order), then where
 * their blob is in blobs (offset, length, hash): the cards encoded with
 * schema s.
 */
static void put_cards(struct buf *b, struct buf *blobs,
		      const struct schema *s, const struct card *cards,
		      size_t n)
{
	uint32_t *set = xmalloc((n ? n : 1) * sizeof(*set));
	int v[LOADER_MAX_VARIANTS];
	size_t start = blobs->len;
	struct buf keys, recs;

	buf_init(&keys);
	buf_init(&recs);
	put_varint(b, n);
	put_tag_sets(b, cards, n, set);
	for (size_t k = 0; k < n; k++) {
		size_t n_var = loader_card_variants(&cards[k], v);

		for (size_t i = 0; i < n_var; i++) {
			struct index_rec r = { (uint32_t)keys.len,
					       (uint32_t)k, set[k], v[i] };

			loader_variant_key(&keys, cards[k].id.s, v[i]);
			buf_addch(&keys, '\0');
			buf_add(&recs, &r, sizeof(r));
		}
	}
	put_varint(b, recs.len / sizeof(struct index_rec));
	put_varint(b, keys.len);
	buf_add(b, keys.s, keys.len);
	buf_add(b, recs.s, recs.len);
	for (size_t k = 0; k < n; k++)
		put_obj(blobs, s, &cards[k], NULL);
	put_varint(b, start);
	put_varint(b, blobs->len - start);
	put_u64(b, hash64(blobs->s + start, blobs->len - start));
	buf_release(&recs);
	buf_release(&keys);
	xfree(set);
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
	put_varint(&rec, strlen(src->name));
	buf_adds(&rec, src->name);
	buf_add(&rec, &src->key, sizeof(src->key));
	buf_addch(&rec, (char)src->kind);
	if (src->kind != SRC_NONE)
		put_obj(&rec, loader_top_schemas[src->kind - 1],
			source_object(st, src, &bank), &st->cache_blobs);
	put_varint(b, rec.len);
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
	put_u32(b, CACHE_VERSION);
	put_u32(b, CACHE_ENDIAN);
	put_u64(b, format_fingerprint());
	put_u32(b, 0);			/* flags: set by the save */
	put_u32(b, 0);			/* records: below */
	put_u64(b, 0);			/* payload length */
	put_u64(b, 0);			/* where the order starts, or 0 */
	put_u64(b, 0);			/* where the blobs start, or 0 */
	put_u64(b, 0);			/* the hash */
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
	put_u64(b, lib->n_items);
	put_u64(b, o->n_tags);
	put_u64(b, o->keys_hash);
	buf_add(b, o->by_key, lib->n_items * sizeof(*o->by_key));
	buf_add(b, o->card_first, lib->n_items * sizeof(*o->card_first));
	for (size_t i = 0; i < o->n_tags; i++) {
		put_varint(b, strlen(o->tags[i]));
		buf_add(b, o->tags[i], strlen(o->tags[i]) + 1);
	}
	put_varint(b, o->n_refs);
	for (size_t i = 0; i < o->n_refs; i++) {
		put_varint(b, strlen(o->refs[i]));
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

/* ---- reading ---- */

struct cursor {
	const unsigned char *p, *end;
	int bad;
};

static uint64_t get_varint(struct cursor *c)
{
	uint64_t v = 0;

	for (int shift = 0; shift < 64; shift += 7) {
		unsigned char byte;

		if (c->p >= c->end)
			break;
		byte = *c->p++;
		v |= (uint64_t)(byte & 0x7f) << shift;
		if (!(byte & 0x80))
			return v;
	}
	c->bad = 1;
	return 0;
}

static void get_raw(struct cursor *c, void *out, size_t n)
{
	if ((size_t)(c->end - c->p) < n) {
		c->bad = 1;
		memset(out, 0, n);
		return;
	}
	memcpy(out, c->p, n);
	c->p += n;
}

static struct src_pos get_pos(struct cursor *c, const char *file)
{
	struct src_pos pos;
	uint64_t line = get_varint(c), col = get_varint(c);

	if (line > UINT32_MAX || col > UINT32_MAX)
		c->bad = 1;
	pos.line = (unsigned)line;
	pos.col = (unsigned)col;
	pos.file = pos.line ? file : NULL;
	return pos;
}

/*
 * The string of n bytes (its length + 1) at the cursor, in place:
 * non-empty, NUL-terminated, no NUL inside; NULL if not.
 */
static const char *take_str(struct cursor *c, uint64_t n)
{
	const char *s = (const char *)c->p;

	if (c->bad || n < 2 || n > (uint64_t)(c->end - c->p) || c->p[n - 1] ||
	    memchr(c->p, '\0', n - 1)) {
		c->bad = 1;
		return NULL;
	}
	c->p += n;
	return s;
}

/* A string, without a position (put_str()). */
static const char *get_str(struct cursor *c)
{
	return take_str(c, get_varint(c));
}

/* A string value and its position, or an absent one (put_lstr()). */
static void get_lstr(struct cursor *c, struct lstr *v, const char *file)
{
	uint64_t n = get_varint(c);

	memset(v, 0, sizeof(*v));
	if (!n || c->bad || !(v->s = take_str(c, n)))
		return;
	v->pos = get_pos(c, file);
}

/* The fewest bytes an object of s takes: bounds a count by what is left. */
static size_t min_bytes(const struct schema *s)
{
	size_t n = s->pos_off != NO_OFF ? 2 : 0;

	for (unsigned i = 0; i < s->n_fields; i++)
		n += s->fields[i].kind == FK_TEXT_LIST ||
		     s->fields[i].kind == FK_TAG_LIST ? 3 : 1;
	return n;
}

struct decoder {
	struct cursor c;
	struct arena *arena;
	const char *file;
	/* A record's: the loader its deck's items go to, the cache's blobs
	 * and whether the cards wait for library_cards(); NULL, 0 in a
	 * blob. */
	struct loader *ld;
	const unsigned char *blobs, *blobs_end;
	int defer;
};

static void get_obj(struct decoder *d, const struct schema *s, void *obj);

static int id_ok(enum field_kind kind, const struct lstr *v)
{
	return !v->s || loader_id_valid(kind, v->s, strlen(v->s));
}

static void get_list(struct decoder *d, const struct field *f, void *obj)
{
	struct lstr_list *l = AT(obj, f->off, struct lstr_list);
	uint64_t n = get_varint(&d->c);
	struct lstr *v;

	if (n > (uint64_t)(d->c.end - d->c.p) / 3) {
		d->c.bad = 1;
		return;
	}
	l->n = (size_t)n;
	l->pos = get_pos(&d->c, d->file);
	l->v = v = n ? arena_alloc(d->arena, n * sizeof(*v)) : NULL;
	for (size_t k = 0; k < n && !d->c.bad; k++) {
		get_lstr(&d->c, &v[k], d->file);
		if (!v[k].s || (f->kind == FK_TAG_LIST &&
				!id_ok(FK_TAG_LIST, &v[k])))
			d->c.bad = 1;
	}
}

static void get_cards(struct decoder *d, const struct field *f, void *obj);

static void get_objs(struct decoder *d, const struct field *f, void *obj)
{
	uint64_t n;
	char *v;

	if (f->elem->kind == REJECTED_CARD && d->ld) {
		get_cards(d, f, obj);
		return;
	}
	n = get_varint(&d->c);
	if (n > (uint64_t)(d->c.end - d->c.p) / min_bytes(f->elem)) {
		d->c.bad = 1;
		return;
	}
	*AT(obj, f->n_off, size_t) = (size_t)n;
	if (f->pos_off != NO_OFF)
		*AT(obj, f->pos_off, struct src_pos) = get_pos(&d->c, d->file);
	v = n ? arena_calloc(d->arena, (size_t)n, f->elem->size) : NULL;
	*AT(obj, f->off, char *) = v;
	for (size_t k = 0; k < n && !d->c.bad; k++)
		get_obj(d, f->elem, v + k * f->elem->size);
}

/* A number field, held to the loader's range for its kind. */
static void get_number(struct decoder *d, const struct field *f, void *obj)
{
	if (f->kind == FK_WEIGHT || f->kind == FK_PERCENT) {
		double x;
		double max = f->kind == FK_WEIGHT ? LOADER_MAX_WEIGHT : 100;

		get_raw(&d->c, &x, sizeof(x));
		if (!(x >= 0 && x <= max) ||
		    (f->kind == FK_WEIGHT && (f->flags & FL_REQUIRED) && !x))
			d->c.bad = 1;
		*AT(obj, f->off, double) = x;
	} else {
		uint64_t v = get_varint(&d->c);
		uint64_t max = f->kind == FK_ENUM ? f->names->n - 1
						   : LOADER_MAX_MINUTES;

		if (v > max || (f->kind == FK_MINUTES && !v &&
				(f->flags & FL_REQUIRED)))
			d->c.bad = 1;
		*AT(obj, f->off, int) = (int)v;
	}
	if (f->pos_off != NO_OFF)
		*AT(obj, f->pos_off, struct src_pos) = get_pos(&d->c, d->file);
}

/* What the schema's flags promise of a field once read. */
static int field_ok(const struct field *f, const void *obj)
{
	size_t n;

	switch (f->kind) {
	case FK_TEXT:
		return !(f->flags & FL_REQUIRED) ||
		       CAT(obj, f->off, struct lstr)->s;
	case FK_ID:
	case FK_CARD_ID:
		return (!(f->flags & FL_REQUIRED) ||
			CAT(obj, f->off, struct lstr)->s) &&
		       id_ok(f->kind, CAT(obj, f->off, struct lstr));
	case FK_TEXT_LIST:
	case FK_TAG_LIST:
		n = CAT(obj, f->off, struct lstr_list)->n;
		break;
	case FK_OBJ_LIST:
		n = *CAT(obj, f->n_off, size_t);
		break;
	default:
		return 1;
	}
	if ((f->flags & FL_REQUIRED) && !n)
		return 0;
	if ((f->flags & FL_SCORES) && n && n != 4)
		return 0;
	return !((f->flags & FL_POINTS) && n > LOADER_MAX_POINTS);
}

/* card_finish()'s rule: a cloze card has text, the others front and back. */
static int card_ok(const struct card *c)
{
	return c->type == CARD_CLOZE ? c->text.s && !c->front.s
				     : c->front.s && c->back.s && !c->text.s;
}

static void get_obj(struct decoder *d, const struct schema *s, void *obj)
{
	if (s->pos_off != NO_OFF)
		*AT(obj, s->pos_off, struct src_pos) = get_pos(&d->c, d->file);
	for (unsigned i = 0; i < s->n_fields && !d->c.bad; i++) {
		const struct field *f = &s->fields[i];

		switch (f->kind) {
		case FK_TEXT:
		case FK_ID:
		case FK_CARD_ID:
			get_lstr(&d->c, AT(obj, f->off, struct lstr), d->file);
			break;
		case FK_TEXT_LIST:
		case FK_TAG_LIST:
			get_list(d, f, obj);
			break;
		case FK_OBJ_LIST:
			get_objs(d, f, obj);
			break;
		default:
			get_number(d, f, obj);
		}
		if (!d->c.bad && !field_ok(f, obj))
			d->c.bad = 1;
	}
	if (!d->c.bad && s->kind == REJECTED_CARD && !card_ok(obj))
		d->c.bad = 1;
}

/*
 * Maps in at once the len bytes at p of a mapping (p need not be on a
 * page): no page faults while they are read.  Best effort: where the
 * kernel cannot, they fault in as read.
 */
static void populate(const unsigned char *p, size_t len)
{
#ifdef MADV_POPULATE_READ
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t at = (uintptr_t)p & ~(page - 1);

	madvise((void *)at, len + ((uintptr_t)p - at), MADV_POPULATE_READ);
#else
	(void)p;
	(void)len;
#endif
}

/* ---- a deck's cards: the index, and the blob decoded later ---- */

/* The deck's tag lists, each valid tags, into the arena; NULL if bad. */
static struct lstr_list *get_tag_sets(struct cursor *c, struct arena *a,
				      size_t *n_sets)
{
	uint64_t n = get_varint(c);
	struct lstr_list *sets;

	if (c->bad || n > (uint64_t)(c->end - c->p)) {
		c->bad = 1;
		return NULL;
	}
	sets = arena_calloc(a, n ? n : 1, sizeof(*sets));
	for (uint64_t i = 0; i < n && !c->bad; i++) {
		uint64_t k = get_varint(c);
		struct lstr *v;

		if (k > (uint64_t)(c->end - c->p) / 2) {
			c->bad = 1;
			break;
		}
		sets[i].v = v = k ? arena_calloc(a, k, sizeof(*v)) : NULL;
		sets[i].n = (size_t)k;
		for (uint64_t t = 0; t < k && !c->bad; t++) {
			v[t].s = get_str(c);
			if (v[t].s && !loader_id_valid(FK_TAG_LIST, v[t].s,
						       strlen(v[t].s)))
				c->bad = 1;
		}
	}
	*n_sets = (size_t)n;
	return c->bad ? NULL : sets;
}

/* Reads the index put_cards() wrote, bounds-checked; 0 or -1. */
static int get_index(struct cursor *c, struct arena *a,
		     struct deck_index *ix)
{
	uint64_t n_items, keys_len;

	ix->sets = get_tag_sets(c, a, &ix->n_sets);
	n_items = get_varint(c);
	keys_len = get_varint(c);
	if (!ix->sets || c->bad || keys_len > (uint64_t)(c->end - c->p) ||
	    (keys_len && c->p[keys_len - 1]) ||
	    n_items > ((uint64_t)(c->end - c->p) - keys_len) /
			      sizeof(struct index_rec))
		return -1;
	ix->keys = (const char *)c->p;
	ix->keys_len = (size_t)keys_len;
	c->p += keys_len;
	ix->recs = c->p;
	ix->n_items = (size_t)n_items;
	c->p += ix->n_items * sizeof(struct index_rec);
	return 0;
}

static struct index_rec rec_at(const struct deck_index *ix, size_t i)
{
	struct index_rec r;

	memcpy(&r, ix->recs + i * sizeof(r), sizeof(r));	/* unaligned */
	return r;
}

/*
 * Adds the items of ix, for the n cards, to the library: each in bounds
 * (its key a string in ix's, which ends with a NUL), its cards in order.
 * What the keys say is checked when the cards are decoded.  0 or -1.
 */
static int add_indexed_items(struct loader *ld, const struct deck_index *ix,
			     struct card *cards, size_t n)
{
	struct item *it = vec_push_n(&ld->st->items, ix->n_items);
	uint32_t last = 0;

	for (size_t i = 0; i < ix->n_items; i++) {
		struct index_rec r = rec_at(ix, i);

		if (r.key >= ix->keys_len || r.card >= n || r.card < last ||
		    r.set >= ix->n_sets || r.variant < ITEM_REVERSE ||
		    r.variant >= LOADER_MAX_VARIANTS)
			return -1;
		last = r.card;
		it[i] = (struct item){ .key = ix->keys + r.key,
				       .card = &cards[r.card],
				       .tags = &ix->sets[r.set],
				       .variant = r.variant };
	}
	return 0;
}

static int same_tags(const struct lstr_list *a, const struct lstr_list *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].s, b->v[i].s))
			return 0;
	return 1;
}

/* 1 if the decoded cards have the items, keys and tags ix says. */
static int index_matches(const struct deck_index *ix,
			 const struct card *cards, size_t n)
{
	int v[LOADER_MAX_VARIANTS];
	struct buf key;
	size_t i = 0;
	int ok = 1;

	buf_init(&key);
	for (size_t k = 0; k < n && ok; k++) {
		size_t n_var = loader_card_variants(&cards[k], v);

		for (size_t j = 0; j < n_var && ok; j++) {
			struct index_rec r = i < ix->n_items ? rec_at(ix, i++)
				: (struct index_rec){ 0, UINT32_MAX, 0, 0 };

			buf_clear(&key);
			loader_variant_key(&key, cards[k].id.s, v[j]);
			ok = r.card == k && r.variant == v[j] &&
			     !strcmp(ix->keys + r.key, key.s) &&
			     same_tags(&ix->sets[r.set], &cards[k].tags);
		}
	}
	buf_release(&key);
	return ok && i == ix->n_items;
}

/*
 * Decodes p's blob into its cards, checking its hash, each card as the
 * loader would have it, and that they are what the index said; 0 or -1.
 */
static int decode_cards(struct pending_cards *p, const struct schema *s,
			struct arena *a)
{
	struct decoder d = { { p->blob, p->blob + p->blob_len, 0 }, a,
			     p->file, NULL, NULL, NULL, 0 };

	if (hash64(p->blob, p->blob_len) != p->blob_hash)
		return -1;
	memset(p->cards, 0, p->n * sizeof(*p->cards));
	for (size_t k = 0; k < p->n && !d.c.bad; k++)
		get_obj(&d, s, &p->cards[k]);
	return !d.c.bad && d.c.p == d.c.end &&
	       index_matches(&p->ix, p->cards, p->n) ? 0 : -1;
}

/* The cards' schema: the deck's cards field's elements. */
static const struct schema *card_schema(void)
{
	const struct schema *deck = loader_top_schemas[SRC_DECK - 1];

	for (unsigned i = 0; i < deck->n_fields; i++)
		if (deck->fields[i].kind == FK_OBJ_LIST &&
		    deck->fields[i].elem->kind == REJECTED_CARD)
			return deck->fields[i].elem;
	return NULL;
}

/*
 * A deck's cards (put_cards()): the items from the index, then the cards
 * from their blob, at once or, deferred, when library_cards() asks.
 */
static void get_cards(struct decoder *d, const struct field *f, void *obj)
{
	uint64_t n = get_varint(&d->c), off, len;
	struct pending_cards p = { .file = d->file };
	struct vec *items = &d->ld->st->items;
	size_t first = items->len;

	if (get_index(&d->c, d->arena, &p.ix) < 0) {
		d->c.bad = 1;
		return;
	}
	off = get_varint(&d->c);
	len = get_varint(&d->c);
	get_raw(&d->c, &p.blob_hash, sizeof(p.blob_hash));
	/* Each card takes some bytes of the blob: n is bounded by it. */
	if (d->c.bad || !d->blobs || off > (uint64_t)(d->blobs_end - d->blobs) ||
	    len > (uint64_t)(d->blobs_end - d->blobs) - off ||
	    n > len / min_bytes(f->elem)) {
		d->c.bad = 1;
		return;
	}
	p.blob = d->blobs + off;
	p.blob_len = (size_t)len;
	p.n = (size_t)n;
	/* Not touched until decoded: a deferred start never pays for them. */
	p.cards = n ? arena_alloc(&d->ld->st->cards, p.n * sizeof(*p.cards))
		    : NULL;
	*AT(obj, f->off, struct card *) = p.cards;
	*AT(obj, f->n_off, size_t) = p.n;
	if (add_indexed_items(d->ld, &p.ix, p.cards, p.n) < 0) {
		d->c.bad = 1;
		return;
	}
	d->ld->items_added = 1;
	if (d->defer) {
		*(struct pending_cards *)vec_push(&d->ld->st->pending) = p;
		return;
	}
	if (decode_cards(&p, f->elem, d->arena) < 0)
		d->c.bad = 1;
	for (size_t i = first; i < items->len; i++) {
		struct item *it = vec_at(items, i);

		it->tags = &it->card->tags;	/* with their positions */
	}
}

int loader_cards_pending(const struct library_state *st, const struct deck *d)
{
	for (size_t i = 0; i < st->pending.len; i++) {
		const struct pending_cards *p = vec_at((struct vec *)&st->pending,
						       i);

		if (p->cards == d->cards && !p->done)
			return 1;
	}
	return 0;
}

int library_cards(struct library *lib)
{
	struct library_state *st = lib->state;
	const struct schema *s = card_schema();
	size_t bytes = 0;
	int ret = 0;

	if (!st || !st->pending.len)
		return 0;
	for (size_t i = 0; i < st->pending.len; i++)
		bytes += ((struct pending_cards *)vec_at(&st->pending,
							 i))->blob_len;
	arena_reserve(&lib->arena, bytes / 2);	/* the cards' lists */
	for (size_t i = 0; i < st->pending.len; i++) {
		struct pending_cards *p = vec_at(&st->pending, i);

		if (!p->done)
			populate(p->blob, p->blob_len);
	}
	for (size_t i = 0; i < st->pending.len; i++) {
		struct pending_cards *p = vec_at(&st->pending, i);

		if (!p->done && decode_cards(p, s, &lib->arena) < 0)
			ret = TPM_ECORRUPT;
		else
			p->done = 1;
	}
	if (ret < 0)
		return ret;
	st->pending.len = 0;
	for (size_t i = 0; i < st->decks.len; i++) {
		struct deck *d = vec_at(&st->decks, i);

		for (size_t k = 0; k < d->n_cards; k++)
			((struct card *)&d->cards[k])->deck = d;
	}
	/* The cards' own lists, with their positions, from now on. */
	for (size_t i = 0; i < st->items.len; i++) {
		struct item *it = vec_at(&st->items, i);

		it->tags = &it->card->tags;
	}
	return 0;
}

int library_cards_deferred(const struct library *lib)
{
	return lib->state && lib->state->pending.len;
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
			     ld->file, ld, c->blobs, c->data + c->len,
			     c->defer };
	size_t n_items = ld->st->items.len, n_pending = ld->st->pending.len;
	const struct schema *s;
	unsigned kind = r->obj < r->end ? *d.c.p++ : 0xff;

	if (kind == SRC_NONE)
		return d.c.p == d.c.end ? 0 : -1;
	if (kind > loader_n_top_schemas)
		return -1;
	s = loader_top_schemas[kind - 1];
	memset(&obj, 0, sizeof(obj));
	get_obj(&d, s, &obj);
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
	struct cursor cur = { c->data, c->data + c->len, 0 };
	uint32_t version, endian, flags, n;
	uint64_t fp, len, order, blobs, h;
	char magic[8];

	get_raw(&cur, magic, 8);
	get_raw(&cur, &version, 4);
	get_raw(&cur, &endian, 4);
	get_raw(&cur, &fp, 8);
	get_raw(&cur, &flags, 4);
	get_raw(&cur, &n, 4);
	get_raw(&cur, &len, 8);
	get_raw(&cur, &order, 8);
	get_raw(&cur, &blobs, 8);
	get_raw(&cur, &h, 8);
	if (cur.bad || memcmp(magic, CACHE_MAGIC, 8) ||
	    version != CACHE_VERSION || endian != CACHE_ENDIAN ||
	    fp != format_fingerprint() || len != c->len - HEADER_BYTES ||
	    (blobs && (blobs < HEADER_BYTES || blobs > c->len)) ||
	    loader_cache_hash(c->data, c->len) != h ||
	    n > len / 8 || (order && (order < HEADER_BYTES ||
				      order > (blobs ? blobs : c->len) ||
				      order % 8)))
		return -1;
	c->flags = flags;
	/* The records end where the order starts, or the blobs. */
	if (blobs)
		cur.end = c->blobs = c->data + blobs;
	if (order)
		cur.end = c->order = c->data + order;
	c->records = xcalloc(n ? n : 1, sizeof(*c->records));
	for (uint32_t i = 0; i < n; i++) {
		struct cache_record *r = &c->records[i];
		uint64_t rlen = get_varint(&cur), plen;
		struct cursor rc;
		void **slot;

		if (cur.bad || rlen > (uint64_t)(cur.end - cur.p))
			return -1;
		rc = (struct cursor){ cur.p, cur.p + rlen, 0 };
		cur.p += rlen;
		plen = get_varint(&rc);
		if (rc.bad || !plen || plen > (uint64_t)(rc.end - rc.p) ||
		    memchr(rc.p, '\0', (size_t)plen))
			return -1;
		slot = strmap_insert(&c->by_path,
				     arena_strndup(&c->paths, (const char *)rc.p,
						   (size_t)plen));
		rc.p += plen;
		get_raw(&rc, &r->key, sizeof(r->key));
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
	if (c->data && !c->kept)
		munmap(c->data, c->len);
	c->data = NULL;
	c->len = 0;
}

/*
 * Maps path whole, without a copy, the part before the cards' blobs read
 * in at once (the blobs when they are decoded).  The cache is only ever
 * replaced by a rename, never rewritten in place, so the mapping stays
 * whole.  0, or -1 if it is missing, odd or too big.
 */
static int map_cache(struct library_cache *c, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	void *map = MAP_FAILED;
	uint64_t blobs;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size >= HEADER_BYTES &&
	    (uint64_t)st.st_size <= CACHE_MAX_BYTES)
		map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE,
			   fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return -1;
	c->data = map;
	c->len = (size_t)st.st_size;
	memcpy(&blobs, c->data + BLOBS_OFF, sizeof(blobs));
	populate(c->data, blobs > HEADER_BYTES && blobs < c->len
			  ? (size_t)blobs : c->len);
	return 0;
}

struct library_cache *library_cache_open(const char *path)
{
	struct library_cache *c = xcalloc(1, sizeof(*c));

	strmap_init(&c->by_path);
	arena_init(&c->paths);
	if (map_cache(c, path) < 0 || index_records(c) < 0)
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
	return c->blobs ? c->blobs : c->data + c->len;
}

/* The item count of the cached order (0 without one): a hint, bounded by
 * the room its arrays take. */
static size_t cached_n_items(const struct library_cache *c)
{
	struct cursor cur = { c->order, order_end(c), 0 };
	uint64_t n;

	if (!c->order)
		return 0;
	get_raw(&cur, &n, 8);
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
			populate(c->blobs, (size_t)(c->data + c->len - c->blobs));
		}
		vec_reserve(&ld->st->items, cached_n_items(c));
	}
	if (commit_record(ld, r) < 0)
		return -1;
	r->used = 1;
	/* The library's strings now point into the cache's data. */
	if (!c->kept) {
		ld->st->map = c->data;
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
		uint64_t len = get_varint(cur);

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

	get_raw(&cur, &n, 8);
	get_raw(&cur, &n_tags, 8);
	get_raw(&cur, &keys_hash, 8);
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
	n_refs = get_varint(&cur);
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
	    st->map == c->data)
		st->order = cached_order(lib, c);
	return library_order(lib);
}
