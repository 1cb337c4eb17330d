/*
 * The compiled library's encoding (loader_codec.h): the values and the
 * objects, written and read back field by field through the loader's
 * schema tables, every read held to what the loader guarantees of them
 * (loader.h).
 */
#include "loader/loader_codec.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/arena.h"
#include "loader/loader.h"

/* ---- writing ---- */

void codec_put_varint(struct buf *b, uint64_t v)
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

void codec_put_u32(struct buf *b, uint32_t v)
{
	buf_add(b, &v, sizeof(v));
}

void codec_put_u64(struct buf *b, uint64_t v)
{
	buf_add(b, &v, sizeof(v));
}

static void put_pos(struct buf *b, struct src_pos pos)
{
	codec_put_varint(b, pos.line);
	codec_put_varint(b, pos.col);
}

/* A string, without a position: its length + 1, its bytes and a NUL. */
void codec_put_str(struct buf *b, const char *s, size_t len)
{
	codec_put_varint(b, len + 1);
	buf_add(b, s, len);
	buf_addch(b, '\0');
}

static void put_lstr(struct buf *b, const struct lstr *v)
{
	if (!v->s) {
		codec_put_varint(b, 0);
		return;
	}
	codec_put_str(b, v->s, strlen(v->s));
	put_pos(b, v->pos);
}

/* Encodes obj; a deck's cards go to blobs (see loader_put_cards()). */
void codec_put_obj(struct buf *b, const struct schema *s, const void *obj,
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
			codec_put_varint(b, (uint64_t)*CAT(obj, f->off, int));
			break;
		case FK_WEIGHT:
		case FK_PERCENT:
			buf_add(b, CAT(obj, f->off, double), sizeof(double));
			break;
		case FK_TEXT_LIST:
		case FK_TAG_LIST: {
			const struct lstr_list *l =
				CAT(obj, f->off, struct lstr_list);

			codec_put_varint(b, l->n);
			put_pos(b, l->pos);
			for (size_t k = 0; k < l->n; k++)
				put_lstr(b, &l->v[k]);
			continue;
		}
		case FK_OBJ_LIST: {
			const char *v = *CAT(obj, f->off, char *);
			size_t n = *CAT(obj, f->n_off, size_t);

			if (f->elem->kind == REJECTED_CARD) {
				loader_put_cards(b, blobs, f->elem,
					  (const struct card *)v, n);
				continue;
			}
			codec_put_varint(b, n);
			if (f->pos_off != NO_OFF)
				put_pos(b, *CAT(obj, f->pos_off,
						struct src_pos));
			for (size_t k = 0; k < n; k++)
				codec_put_obj(b, f->elem, v + k * f->elem->size,
					blobs);
			continue;
		}
		}
		if (f->pos_off != NO_OFF)
			put_pos(b, *CAT(obj, f->pos_off, struct src_pos));
	}
}

/* ---- reading ---- */

uint64_t codec_get_varint_long(struct cursor *c)
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

void codec_get_raw(struct cursor *c, void *out, size_t n)
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
	uint64_t line = codec_get_varint(c), col = codec_get_varint(c);

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

/* A string, without a position (codec_put_str()). */
const char *codec_get_str(struct cursor *c)
{
	return take_str(c, codec_get_varint(c));
}

/* A string value and its position, or an absent one (put_lstr()). */
static void get_lstr(struct cursor *c, struct lstr *v, const char *file)
{
	uint64_t n = codec_get_varint(c);

	memset(v, 0, sizeof(*v));
	if (!n || c->bad || !(v->s = take_str(c, n)))
		return;
	v->pos = get_pos(c, file);
}

/* The fewest bytes an object of s takes: bounds a count by what is left. */
size_t codec_min_bytes(const struct schema *s)
{
	size_t n = s->pos_off != NO_OFF ? 2 : 0;

	for (unsigned i = 0; i < s->n_fields; i++)
		n += s->fields[i].kind == FK_TEXT_LIST ||
		     s->fields[i].kind == FK_TAG_LIST ? 3 : 1;
	return n;
}

static int id_ok(enum field_kind kind, const struct lstr *v)
{
	return !v->s || loader_id_valid(kind, v->s, strlen(v->s));
}

static void get_list(struct decoder *d, const struct field *f, void *obj)
{
	struct lstr_list *l = AT(obj, f->off, struct lstr_list);
	uint64_t n = codec_get_varint(&d->c);
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

static void get_objs(struct decoder *d, const struct field *f, void *obj)
{
	uint64_t n;
	char *v;

	if (f->elem->kind == REJECTED_CARD && d->ld) {
		loader_get_cards(d, f, obj);
		return;
	}
	n = codec_get_varint(&d->c);
	if (n > (uint64_t)(d->c.end - d->c.p) / codec_min_bytes(f->elem)) {
		d->c.bad = 1;
		return;
	}
	*AT(obj, f->n_off, size_t) = (size_t)n;
	if (f->pos_off != NO_OFF)
		*AT(obj, f->pos_off, struct src_pos) = get_pos(&d->c, d->file);
	v = n ? arena_calloc(d->arena, (size_t)n, f->elem->size) : NULL;
	*AT(obj, f->off, char *) = v;
	for (size_t k = 0; k < n && !d->c.bad; k++)
		codec_get_obj(d, f->elem, v + k * f->elem->size);
}

/* A number field, held to the loader's range for its kind. */
static void get_number(struct decoder *d, const struct field *f, void *obj)
{
	if (f->kind == FK_WEIGHT || f->kind == FK_PERCENT) {
		double x;
		double max = f->kind == FK_WEIGHT ? LOADER_MAX_WEIGHT : 100;

		codec_get_raw(&d->c, &x, sizeof(x));
		if (!(x >= 0 && x <= max) ||
		    (f->kind == FK_WEIGHT && (f->flags & FL_REQUIRED) && !x))
			d->c.bad = 1;
		*AT(obj, f->off, double) = x;
	} else {
		uint64_t v = codec_get_varint(&d->c);
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

void codec_get_obj(struct decoder *d, const struct schema *s, void *obj)
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
void codec_populate(const unsigned char *p, size_t len)
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

