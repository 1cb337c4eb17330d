#ifndef TPM_LOADER_LOADER_INT_H
#define TPM_LOADER_LOADER_INT_H

/*
 * The loader's internals, shared by loader_*.c (SQLite's btreeInt.h).
 *
 * The parser is streaming and schema-driven.  A file reaches libyaml 64 KiB
 * at a time, its encoding checked on the way (loader_stream.c); libyaml's
 * events drive one generic mapping walker (loader_parse.c) through tables
 * that describe each object's keys (loader_schema.c).  There is no
 * document tree: a scalar is validated and copied once, into the
 * library's arena, where it stays.  Lists being read collect their
 * elements in one reusable scratch buffer per nesting level, and move to
 * the arena when they end (a big one keeps its buffer).  Nesting is
 * tracked with an explicit stack of frames, and a value to be skipped
 * with a counter, so that no input makes the walker recurse.  An object
 * that ends with a problem is dropped from its list (or not committed) and
 * a copy goes to st->rejected for lint (loader_rejected.h): only the error
 * path pays for it.
 *
 * Files: loader_read.c (library state, paths, directories),
 * loader_stream.c (reading), loader_parse.c (the walker), loader_schema.c
 * (the formats, items), loader_locate.c (positions), loader_index.c
 * (lookups), loader_order.c (key order, tag ids), loader_cloze.c,
 * loader_text.c (quoting, suggestions, ids).
 */

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/strmap.h"
#include "core/vec.h"
#include "loader/loader.h"
#include "loader/loader_rejected.h"

/* A text and where its lines start, for turning offsets into positions. */
struct source_text {
	const char *data;
	size_t len;
	size_t *lines;		/* lines[i]: byte offset where line i + 1 starts */
	size_t n_lines;		/* 0 until first needed */
};

void source_text_init(struct source_text *t, const char *data, size_t len);
void source_text_release(struct source_text *t);

/* The line and column of byte offset off, counted as libyaml counts. */
struct src_pos source_pos_at(struct source_text *t, const char *file,
			     size_t off);

/*
 * Where byte off of value (vlen bytes) is in t, value being the scalar
 * that starts at start (see library_locate()).  Returns 0 and sets *out, or
 * -1 if the text at start does not produce value.
 */
int source_locate(struct source_text *t, struct src_pos start,
		  const char *value, size_t vlen, size_t off,
		  struct src_pos *out);

/* The byte at line, col (from 1), or -1 if there is none. */
int source_byte_at(struct source_text *t, unsigned line, unsigned col);

/* What stat() says of a file: if it is unchanged, so is the file. */
struct file_key {
	int64_t size;
	int64_t mtime_ns;
	int64_t ctime_ns;	/* cannot be set back, as mtime can */
	uint64_t ino;
	uint64_t dev;
};

/* Which top-level object a source gave, as loader_top_schemas + 1. */
enum source_kind { SRC_NONE, SRC_DECK, SRC_RUBRIC, SRC_SCENARIO,
		   SRC_STORIES };

/* A file or buffer that was loaded, for library_locate() and the cache. */
struct source {
	const char *name;	/* arena; the pos.file of its values */
	char *copy;		/* library_load_buffer()'s data, or NULL */
	size_t len;
	struct file_key key;	/* a file's, when it was read */
	int cacheable;		/* a file read without a diagnostic */
	enum source_kind kind;	/* what it gave: st->decks[first], ... */
	size_t first, n;	/* n: stories; else 1 */
};

/* The lookup index keeps one map per kind of id (loader_index.c). */
enum index_kind { IX_DECK, IX_CARD, IX_ITEM, IX_RUBRIC, IX_SCENARIO, IX_N };

struct library_state {
	/* The arrays behind lib->decks, ->rubrics, ->scenarios, ->items. */
	struct vec decks;
	struct vec rubrics;
	struct vec scenarios;
	struct vec stories;
	struct vec items;
	struct vec sources;		/* struct source */
	struct vec file_ids;		/* struct file_id: files already read */
	struct vec blocks;		/* big lists' arrays, outside the arena */
	struct vec rejected;		/* struct rejected, for lint */
	size_t block_bytes;
	struct strmap index[IX_N];	/* id -> its object, by kind */
	unsigned indexed;		/* bit k: index[k] is built */
	struct library_order *order;	/* library_order(), or NULL */
	/* The cache file the library's strings point into, or NULL: its
	 * head read in, and its mapping for the cards' blobs. */
	void *cache_head;
	void *map;
	size_t map_len;
	/* Decks whose cards a deferred load left in it (library_cards()),
	 * and the cards of the decks from it: apart from the arena's small
	 * objects, so that cards not decoded leave their pages untouched. */
	struct vec pending;		/* struct pending_cards */
	struct arena cards;
	/* library_cache_encode()'s output, for library_cache_save(): the
	 * records, and the decks' card blobs that go after the order. */
	struct buf cache_out;
	struct buf cache_blobs;
	int cache_ready;
	/* library_locate()'s cache: the text of the last source it used. */
	const char *cached_name;
	char *cached_data;
	struct source_text cached;
};

/* lib's state, made on first use. */
/* The index of a deck's items in a cache record (loader_cache.c). */
struct deck_index {
	struct lstr_list *sets;		/* the deck's distinct tag sets */
	size_t n_sets;
	const char *keys;		/* the items' keys, NUL-terminated */
	size_t keys_len;
	const unsigned char *recs;	/* a record per item (loader_cards.c) */
	size_t recs_len;
	size_t n_items;
};

/*
 * A deck's cards that a deferred load has not decoded: where its cards go
 * (allocated, not yet written), the index its items came from, and the
 * blob of the cards themselves in the cache's mapping.
 */
struct pending_cards {
	struct card *cards;
	size_t n;
	struct deck_index ix;
	const unsigned char *blob;
	size_t blob_len;
	uint64_t blob_hash;
	const char *file;		/* the pos.file of its values */
	int done;
};

struct library_state *library_state_get(struct library *lib);

/* 1 if d's cards are a deferred load's, not decoded yet. */
int loader_cards_pending(const struct library_state *st, const struct deck *d);

/* Frees the lookup index and the order; a load calls this, as the arrays
 * change. */
void library_index_drop(struct library_state *st);
void library_order_drop(struct library_state *st);
size_t library_index_bytes(const struct library_state *st);

/*
 * The schema: what keys an object has, of what kind, stored where.
 */
enum field_kind {
	FK_TEXT,	/* struct lstr: a non-empty string */
	FK_ID,		/* struct lstr: [a-z0-9][a-z0-9-]* */
	FK_CARD_ID,	/* struct lstr: [a-z0-9][a-z0-9._-]* */
	FK_ENUM,	/* an enum, from field.names; its pos at pos_off */
	FK_MINUTES,	/* int, 1..LOADER_MAX_MINUTES; its pos at pos_off */
	FK_WEIGHT,	/* double, > 0; its pos at pos_off */
	FK_PERCENT,	/* double, 0..100; its pos at pos_off */
	FK_TEXT_LIST,	/* struct lstr_list of strings */
	FK_TAG_LIST,	/* struct lstr_list of tags, as FK_ID */
	FK_OBJ_LIST,	/* pointer at off, count at n_off, pos at pos_off */
};

enum field_flags {
	FL_REQUIRED = 1 << 0,
	FL_NONEMPTY = 1 << 1,	/* a list that must have an element */
	FL_SCORES = 1 << 2,	/* a list of exactly 4, for scores 1 to 4 */
	FL_POINTS = 1 << 3,	/* at most LOADER_MAX_POINTS items */
};

#define NO_OFF 0xffffu		/* no such member */
#define LOADER_MAX_FIELDS 16
#define LOADER_MAX_MINUTES 1440
/*
 * Key points of one card or scenario phase: each is searched on every
 * answer, so a deck from a stranger must not hold thousands.
 */
#define LOADER_MAX_POINTS 64
#define LOADER_MAX_WEIGHT 1000

struct loader;
struct frame;
struct schema;

/* The values an FK_ENUM key takes, in enum order. */
struct enum_names {
	const char *what;		/* "card type", for messages */
	const char *const *names;
	unsigned n;
};

struct field {
	const char *name;
	unsigned char kind;		/* enum field_kind */
	unsigned char flags;		/* enum field_flags */
	unsigned short off;		/* offsetof the value in the object */
	unsigned short n_off;		/* FK_OBJ_LIST: offsetof the count */
	unsigned short pos_off;		/* where the value's pos goes, or NO_OFF */
	const struct schema *elem;	/* FK_OBJ_LIST: the elements' schema */
	const struct enum_names *names;	/* FK_ENUM */
};

struct schema {
	const char *name;		/* "card", for messages */
	size_t size;
	const struct field *fields;
	unsigned n_fields;
	unsigned short pos_off;		/* where the object's pos goes */
	unsigned short file_off;	/* top-level: where ->file goes */
	enum rejected_kind kind;	/* what a rejected one is recorded as */
	/*
	 * Checks that span several keys, run when the mapping ends; returns
	 * 0 to keep the object, -1 to drop it (after reporting why).  NULL
	 * for none.
	 */
	int (*finish)(struct loader *ld, struct frame *fr);
	/*
	 * A top-level object (and only those have one): adds the finished,
	 * valid object to the library.
	 */
	void (*commit)(struct loader *ld, const void *obj);
};

/* The top-level kinds, chosen by the first key. */
extern const struct schema *const loader_top_schemas[];
extern const unsigned loader_n_top_schemas;

/*
 * Checks s (len bytes) against an id kind (FK_ID, FK_CARD_ID, FK_TAG_LIST);
 * returns 1 if well-formed.
 */
int loader_id_valid(enum field_kind kind, const char *s, size_t len);

/*
 * The walker's state.
 */
enum frame_type {
	FR_DOC,		/* the document: wants its top-level node */
	FR_TOP,		/* the top-level mapping before its first key */
	FR_OBJ,		/* a mapping read through a schema */
	FR_LIST,	/* a list value */
};

struct frame {
	enum frame_type type;
	const struct schema *schema;	/* FR_OBJ */
	/*
	 * FR_OBJ: the key whose value comes next (want_value), NULL to skip
	 * that value; FR_LIST: the key the list is the value of.
	 */
	const struct field *field;
	int want_value;
	int bad;			/* FR_OBJ: a value was bad: drop it */
	size_t items;			/* FR_LIST: items read, good or bad */
	void *obj;			/* FR_OBJ: the object being filled */
	struct src_pos pos;		/* where the mapping or list starts */
	struct src_pos key_pos;		/* FR_OBJ: the last key */
	uint32_t present;		/* keys seen, by field index */
	uint32_t valid;			/* keys with a good value */
	uint32_t suggested;		/* keys some typo's "did you mean" named */
	unsigned key_line[LOADER_MAX_FIELDS];
};

#define LOADER_FRAMES 8

/* A list at least this big keeps its own block (see list_storage()). */
#define LOADER_KEEP_LIST_BYTES 16384

/* Elements of a list being read; one per frame level, reused. */
struct scratch {
	char *data;
	size_t len;
	size_t cap;
};

/* The input of the file being read (loader_stream.c). */
struct reader {
	int fd;				/* the file, or -1 */
	const char *mem;		/* or the buffer being read */
	size_t mem_len;
	size_t pos;			/* input bytes checked so far */
	char *chunk;			/* what read() gave, not yet checked */
	size_t chunk_len;
	struct buf out;			/* checked text libyaml has yet to take */
	size_t out_off;
	size_t run;			/* invalid bytes in a row */
	size_t run_off;			/* where they start */
	unsigned char run_byte;		/* the first of them */
	unsigned problems;
	int eof;			/* all input read and checked */
	int failed;			/* reading stopped, as reported */
};

struct loader {
	struct library *lib;
	struct library_state *st;
	struct diag_list *dl;
	const char *file;		/* arena copy of the name being read */
	struct reader reader;
	struct source_text text;	/* the whole text, when needed */
	int have_text;
	struct buf text_buf;		/* its bytes, for a file */
	size_t file_diags;		/* diagnostics about this file */
	int stop;			/* read no further in this file */
	unsigned depth;			/* YAML nesting at the current event */
	unsigned skip;			/* open collections of a skipped value */
	int n_docs;
	int top;			/* index of the innermost frame */
	struct frame frames[LOADER_FRAMES];
	struct scratch scratch[LOADER_FRAMES];
	union {
		struct deck deck;
		struct rubric rubric;
		struct scenario scenario;
	} doc;
	struct buf tmp;			/* for building item keys */
	struct library_cache *cache;	/* files unchanged come from it */
	int items_added;		/* the deck's items came with it */
};

/*
 * Sets ld up to read the file fd, or else len bytes at data, through
 * loader_read_handler() (libyaml's read handler; data is the loader).
 */
void reader_start(struct loader *ld, int fd, const char *data, size_t len);
void reader_release(struct reader *r);
int loader_read_handler(void *data, unsigned char *buffer, size_t size,
			size_t *size_read);

/*
 * The whole text of the file being read, read again if it is a file, for
 * finding positions on error paths; loader_text_release() drops it.
 */
struct source_text *loader_text(struct loader *ld);
void loader_text_release(struct loader *ld);

/*
 * Reports a problem in the file being read.  After LOADER_MAX_FILE_DIAGS
 * of them, says so once and sets ld->stop.
 */
__attribute__((format(printf, 4, 5)))
void loader_diag(struct loader *ld, enum diag_level level, struct src_pos pos,
		 const char *fmt, ...);

/*
 * Reads path into out (cleared first) and sets *size to its size.  Returns
 * 0, TPM_EIO (errno says why) or TPM_ETOOBIG (over LOADER_MAX_FILE_BYTES).
 */
int loader_read_file(const char *path, struct buf *out, size_t *size);

/* Parses the input reader_start() set up, as ld->file, into the library. */
void loader_parse(struct loader *ld);

/*
 * The cache's record of path if its key is key, else NULL (loader_cache.c;
 * c may be NULL).  loader_cache_commit() adds what it holds to the
 * library as ld->file gave it: 0, or -1 when the record is unsound and
 * nothing was added (the file is to be parsed).
 */
struct cache_record;
/* Encodes lib's cacheable files for library_cache_save() (the load does). */
void library_cache_encode(struct library *lib, int64_t now_ns);
/* The hash a cache file of len bytes holds at LOADER_CACHE_HASH_OFF. */
#define LOADER_CACHE_HASH_OFF 56
uint64_t loader_cache_hash(const unsigned char *data, size_t len);
struct cache_record *loader_cache_find(struct library_cache *c,
				       const char *path,
				       const struct file_key *key);
int loader_cache_commit(struct loader *ld, struct cache_record *r);

/* Items for a deck's cards, added to st->items (loader_schema.c). */
void loader_add_items(struct loader *ld, const struct deck *deck);

/* A card has at most this many items: a cloze card's 99. */
#define LOADER_MAX_VARIANTS 100
/* The variants of c's items in order (struct item), into v; how many. */
size_t loader_card_variants(const struct card *c, int *v);
/* Appends the key of id's item variant ("ID", "ID#reverse", "ID#c2"). */
void loader_variant_key(struct buf *b, const char *id, int variant);

#endif
