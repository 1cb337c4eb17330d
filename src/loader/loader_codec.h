#ifndef TPM_LOADER_LOADER_CODEC_H
#define TPM_LOADER_LOADER_CODEC_H

/*
 * The compiled library's encoding (loader_codec.c), shared by the cache
 * file (loader_cache.c) and a deck's cards in it (loader_cards.c): LEB128
 * varints, strings as their length + 1, their bytes and a NUL, and the
 * objects field by field through the loader's schema tables.  Reading is
 * bounds-checked: a cursor that runs out or meets a bad value is marked
 * bad and reads nothing more.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "loader/loader_int.h"

#define AT(obj, off, type) ((type *)((char *)(obj) + (off)))
#define CAT(obj, off, type) ((const type *)((const char *)(obj) + (off)))

struct cursor {
	const unsigned char *p, *end;
	int bad;
};

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

void codec_put_varint(struct buf *b, uint64_t v);
void codec_put_u32(struct buf *b, uint32_t v);
void codec_put_u64(struct buf *b, uint64_t v);
/* A string without a position. */
void codec_put_str(struct buf *b, const char *s, size_t len);
/* obj through its schema s; a deck's cards go to blobs. */
void codec_put_obj(struct buf *b, const struct schema *s, const void *obj,
		   struct buf *blobs);

uint64_t codec_get_varint_long(struct cursor *c);

/* Most varints are one byte: read inline, the others by the function. */
static inline uint64_t codec_get_varint(struct cursor *c)
{
	if (c->p < c->end && *c->p < 0x80)
		return *c->p++;
	return codec_get_varint_long(c);
}
void codec_get_raw(struct cursor *c, void *out, size_t n);
/* A string without a position, in place; NULL (and c bad) if not one. */
const char *codec_get_str(struct cursor *c);
/* The fewest bytes an object of s takes: bounds a count by what is left. */
size_t codec_min_bytes(const struct schema *s);
void codec_get_obj(struct decoder *d, const struct schema *s, void *obj);

/*
 * Maps in at once the len bytes at p of a mapping (p need not be on a
 * page): no page faults while they are read.  Best effort.
 */
void codec_populate(const unsigned char *p, size_t len);

/*
 * A deck's cards (loader_cards.c): written as an index of their items and
 * a blob in blobs; read as the items, the cards decoded now or, when the
 * decoder defers, left for library_cards().
 */
void loader_put_cards(struct buf *b, struct buf *blobs,
		      const struct schema *s, const struct card *cards,
		      size_t n);
void loader_get_cards(struct decoder *d, const struct field *f, void *obj);

#endif
