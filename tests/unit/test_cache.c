/*
 * The compiled-library cache (loader_cache.c): a library read from it is
 * the parsed one field by field, its cards decoded at once or deferred;
 * nothing is parsed when nothing changed; an edited file is parsed alone;
 * a damaged or foreign cache is rebuilt without a word to the user, and
 * a deck whose cards are damaged is parsed alone.
 */
#include "test_util.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/xmalloc.h"
#include "loader/loader.h"
#include "loader/loader_int.h"

/* The cache is written as if some seconds later: nothing is too new. */
#define LATER_NS INT64_C(10000000000)

static const char *shipped[] = { "decks", "content/mocks",
				 "content/rubrics" };

struct lib_run {
	struct library lib;
	struct diag_list dl;
};

/*
 * Loads paths with the cache at cache_path and saves it, as the load
 * path does: the order from the cache when it is the cache's library.
 */
static void load(struct lib_run *r, const char *const *paths, size_t n,
		 const char *cache_path)
{
	struct library_cache *c = library_cache_open(cache_path);

	library_init(&r->lib);
	diag_list_init(&r->dl);
	assert_int_equal(library_load_cached(&r->lib, paths, n, NULL, c,
					     clock_file_time_ns() + LATER_NS,
					     &r->dl), 0);
	library_cache_order(&r->lib, c);
	library_cache_save(&r->lib, cache_path, 1);
	library_cache_free(c);
}

static void unload(struct lib_run *r)
{
	library_release(&r->lib);
	diag_list_release(&r->dl);
}

static void same_pos(struct src_pos a, struct src_pos b)
{
	assert_int_equal(a.line, b.line);
	assert_int_equal(a.col, b.col);
	if (a.file && b.file)
		assert_string_equal(a.file, b.file);
	else
		assert_true(a.file == b.file);
}

static void same_lstr(const struct lstr *a, const struct lstr *b)
{
	if (a->s && b->s)
		assert_string_equal(a->s, b->s);
	else
		assert_true(a->s == b->s);
	same_pos(a->pos, b->pos);
}

#define CAT(obj, off, type) ((const type *)((const char *)(obj) + (off)))

/* Every field the schema names, and those it nests, compared. */
static void same_obj(const struct schema *s, const void *a, const void *b)
{
	if (s->pos_off != NO_OFF)
		same_pos(*CAT(a, s->pos_off, struct src_pos),
			 *CAT(b, s->pos_off, struct src_pos));
	if (s->file_off != NO_OFF)
		assert_string_equal(*CAT(a, s->file_off, char *),
				    *CAT(b, s->file_off, char *));
	for (unsigned i = 0; i < s->n_fields; i++) {
		const struct field *f = &s->fields[i];

		switch (f->kind) {
		case FK_TEXT:
		case FK_ID:
		case FK_CARD_ID:
			same_lstr(CAT(a, f->off, struct lstr),
				  CAT(b, f->off, struct lstr));
			continue;
		case FK_ENUM:
		case FK_MINUTES:
			assert_int_equal(*CAT(a, f->off, int),
					 *CAT(b, f->off, int));
			break;
		case FK_WEIGHT:
		case FK_PERCENT:
			assert_true(*CAT(a, f->off, double) ==
				    *CAT(b, f->off, double));
			break;
		case FK_TEXT_LIST:
		case FK_TAG_LIST: {
			const struct lstr_list *x =
				CAT(a, f->off, struct lstr_list);
			const struct lstr_list *y =
				CAT(b, f->off, struct lstr_list);

			assert_int_equal(x->n, y->n);
			same_pos(x->pos, y->pos);
			for (size_t k = 0; k < x->n; k++)
				same_lstr(&x->v[k], &y->v[k]);
			continue;
		}
		case FK_OBJ_LIST: {
			const char *x = *CAT(a, f->off, char *);
			const char *y = *CAT(b, f->off, char *);
			size_t n = *CAT(a, f->n_off, size_t);

			assert_int_equal(n, *CAT(b, f->n_off, size_t));
			for (size_t k = 0; k < n; k++)
				same_obj(f->elem, x + k * f->elem->size,
					 y + k * f->elem->size);
			if (f->pos_off != NO_OFF)
				same_pos(*CAT(a, f->pos_off, struct src_pos),
					 *CAT(b, f->pos_off, struct src_pos));
			continue;
		}
		}
		if (f->pos_off != NO_OFF)
			same_pos(*CAT(a, f->pos_off, struct src_pos),
				 *CAT(b, f->pos_off, struct src_pos));
	}
}

/* The same items, keys, variants, decks and tags, without their cards. */
static void same_items(const struct library *a, const struct library *b)
{
	assert_int_equal(a->n_items, b->n_items);
	for (size_t i = 0; i < a->n_items; i++) {
		const struct item *x = &a->items[i], *y = &b->items[i];

		assert_string_equal(x->key, y->key);
		assert_int_equal(x->variant, y->variant);
		assert_string_equal(x->deck->id.s, y->deck->id.s);
		assert_int_equal(x->tags->n, y->tags->n);
		for (size_t k = 0; k < x->tags->n; k++)
			assert_string_equal(x->tags->v[k].s, y->tags->v[k].s);
	}
}

/* The two libraries hold the same objects, items and sources. */
static void same_library(const struct library *a, const struct library *b)
{
	assert_int_equal(a->n_decks, b->n_decks);
	assert_int_equal(a->n_rubrics, b->n_rubrics);
	assert_int_equal(a->n_scenarios, b->n_scenarios);
	assert_int_equal(a->n_stories, b->n_stories);
	assert_int_equal(a->n_items, b->n_items);
	assert_int_equal(a->n_files, b->n_files);
	assert_int_equal(a->bytes_read, b->bytes_read);
	for (size_t i = 0; i < a->n_decks; i++) {
		same_obj(loader_top_schemas[SRC_DECK - 1], &a->decks[i],
			 &b->decks[i]);
		for (size_t k = 0; k < a->decks[i].n_cards; k++)
			assert_string_equal(a->decks[i].cards[k].deck->id.s,
					    b->decks[i].cards[k].deck->id.s);
	}
	for (size_t i = 0; i < a->n_rubrics; i++)
		same_obj(loader_top_schemas[SRC_RUBRIC - 1], &a->rubrics[i],
			 &b->rubrics[i]);
	for (size_t i = 0; i < a->n_scenarios; i++)
		same_obj(loader_top_schemas[SRC_SCENARIO - 1],
			 &a->scenarios[i], &b->scenarios[i]);
	for (size_t i = 0; i < a->n_items; i++) {
		assert_string_equal(a->items[i].card->id.s,
				    b->items[i].card->id.s);
		assert_ptr_equal(b->items[i].tags, &b->items[i].card->tags);
	}
	same_items(a, b);
}

/* The same order, one read from the cache, one worked out. */
static void same_order(struct library *a, struct library *b)
{
	const struct library_order *x = library_order(a);
	const struct library_order *y = library_order(b);

	assert_int_equal(x->keys_hash, y->keys_hash);
	assert_int_equal(x->n_tags, y->n_tags);
	for (size_t i = 0; i < x->n_tags; i++) {
		assert_string_equal(x->tags[i], y->tags[i]);
		assert_int_equal(library_tag_index(y, x->tags[i]), (long)i);
	}
	assert_memory_equal(x->by_key, y->by_key,
			    a->n_items * sizeof(*x->by_key));
	assert_memory_equal(x->card_first, y->card_first,
			    a->n_items * sizeof(*x->card_first));
	assert_int_equal(x->n_refs, y->n_refs);
	for (size_t i = 0; i < x->n_refs; i++)
		assert_string_equal(x->refs[i], y->refs[i]);
}

static void shipped_paths(const char **paths)
{
	for (size_t i = 0; i < 3; i++)
		paths[i] = xstrdup(test_path(shipped[i]));
}

static void free_paths(const char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		xfree((char *)paths[i]);
}

static char *temp_cache(void)
{
	char *path = xstrdup("/tmp/tpm-cache-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	unlink(path);		/* none yet */
	return path;
}

/* The shipped library, parsed once with a new cache: most tests' start. */
struct shipped {
	const char *paths[3];
	char *cache;
	struct lib_run parsed;
};

static int shipped_setup(void **state)
{
	struct shipped *sh = xmalloc(sizeof(*sh));

	sh->cache = temp_cache();
	shipped_paths(sh->paths);
	load(&sh->parsed, sh->paths, 3, sh->cache);
	*state = sh;
	return 0;
}

static int shipped_teardown(void **state)
{
	struct shipped *sh = *state;

	unload(&sh->parsed);
	free_paths(sh->paths, 3);
	unlink(sh->cache);
	xfree(sh->cache);
	xfree(sh);
	return 0;
}

static void cache_library_equals_the_parsed_one(void **state)
{
	struct shipped *sh = *state;
	struct lib_run cached;

	assert_int_equal(sh->parsed.lib.n_cached, 0);
	assert_true(sh->parsed.lib.n_files > 40);
	assert_int_equal(sh->parsed.dl.items.len, 0);
	load(&cached, sh->paths, 3, sh->cache);
	/* Nothing changed: nothing parsed. */
	assert_int_equal(cached.lib.n_cached, cached.lib.n_files);
	assert_int_equal(cached.dl.items.len, 0);
	same_library(&sh->parsed.lib, &cached.lib);
	/* The order too, taken from the cache rather than sorted. */
	assert_true(library_order(&cached.lib)->borrowed);
	assert_false(library_order(&sh->parsed.lib)->borrowed);
	same_order(&sh->parsed.lib, &cached.lib);
	unload(&cached);
}

/* Writes a deck of n cards, its id and card ids from name. */
static void write_deck(const char *path, const char *name, int n)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fprintf(f, "deck: %s\ntitle: Deck %s\ncards:\n", name, name);
	for (int i = 0; i < n; i++)
		fprintf(f, "  - id: %s-%d\n    front: Question %d\n"
			   "    back: Answer %d\n", name, i, i, i);
	fclose(f);
}

static void cache_parses_an_edited_file_alone(void **state)
{
	char dir[] = "/tmp/tpm-decks-XXXXXX", path[128];
	const char *paths[1] = { dir };
	char *cache = temp_cache();
	struct lib_run r;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (int i = 0; i < 5; i++) {
		char name[16];

		snprintf(path, sizeof(path), "%s/d%d.yaml", dir, i);
		snprintf(name, sizeof(name), "d%d", i);
		write_deck(path, name, 10);
	}
	load(&r, paths, 1, cache);
	assert_int_equal(r.lib.n_cached, 0);
	unload(&r);
	snprintf(path, sizeof(path), "%s/d2.yaml", dir);
	write_deck(path, "d2", 12);	/* two cards more */
	load(&r, paths, 1, cache);
	assert_int_equal(r.lib.n_files, 5);
	assert_int_equal(r.lib.n_cached, 4);
	assert_int_equal(r.lib.n_items, 52);
	assert_non_null(library_find_card(&r.lib, "d2-11"));
	unload(&r);
	/* The cache saved then has the edit. */
	load(&r, paths, 1, cache);
	assert_int_equal(r.lib.n_cached, 5);
	assert_int_equal(r.lib.n_items, 52);
	unload(&r);
	for (int i = 0; i < 5; i++) {
		snprintf(path, sizeof(path), "%s/d%d.yaml", dir, i);
		unlink(path);
	}
	rmdir(dir);
	unlink(cache);
	xfree(cache);
}

/* Writes len bytes of data as the cache file at path. */
static void write_cache(const char *path, const unsigned char *data,
			size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/*
 * Replaces the cache file with what damage() makes of it, and checks the
 * next load parses every file (one deck's only, when a card blob is
 * damaged), says nothing, and equals the first load.
 */
static void check_rebuilt(const char *const *paths, size_t n_paths,
			  const char *cache, const struct library *want,
			  void (*damage)(unsigned char *data, size_t *len),
			  int one_deck)
{
	size_t len;
	unsigned char *data = (unsigned char *)test_read_file(cache, &len);
	struct lib_run r;

	assert_non_null(data);
	damage(data, &len);
	write_cache(cache, data, len);
	xfree(data);
	load(&r, paths, n_paths, cache);
	assert_int_equal(r.lib.n_cached, one_deck ? r.lib.n_files - 1 : 0);
	assert_int_equal(r.dl.items.len, 0);
	same_library(want, &r.lib);
	unload(&r);
	/* ...and the rebuilt cache serves the next start. */
	load(&r, paths, n_paths, cache);
	assert_int_equal(r.lib.n_cached, r.lib.n_files);
	unload(&r);
}

static void truncate_half(unsigned char *data, size_t *len)
{
	(void)data;
	*len /= 2;
}

/* Where the cards' blobs start (the header's field at 48). */
static size_t blobs_at(const unsigned char *data, size_t len)
{
	uint64_t at;

	memcpy(&at, data + 48, sizeof(at));
	assert_true(at > 64 && at < len);
	return (size_t)at;
}

/* A bit of the records, before the blobs. */
static void flip_a_bit(unsigned char *data, size_t *len)
{
	data[blobs_at(data, *len) * 2 / 3] ^= 0x10;
}

/* A bit of a deck's cards, in its blob. */
static void flip_a_card_bit(unsigned char *data, size_t *len)
{
	size_t at = blobs_at(data, *len);

	data[at + (*len - at) / 2] ^= 0x10;
}

/* A flag flipped in the header is damage too. */
static void flip_a_flag(unsigned char *data, size_t *len)
{
	(void)len;
	data[24] ^= 0x01;
}

/* Another version's cache: its own fingerprint, with a sound hash. */
static void foreign_version(unsigned char *data, size_t *len)
{
	uint64_t h;

	data[16] ^= 0xff;
	h = loader_cache_hash(data, *len);
	memcpy(data + LOADER_CACHE_HASH_OFF, &h, sizeof(h));
}

static void not_a_cache(unsigned char *data, size_t *len)
{
	for (size_t i = 0; i < *len; i++)
		data[i] = (unsigned char)(i * 2654435761u >> 13);
}

static void cache_damaged_or_foreign_is_rebuilt_silently(void **state)
{
	struct shipped *sh = *state;
	void (*damage[])(unsigned char *, size_t *) = {
		truncate_half, flip_a_bit, flip_a_flag, foreign_version,
		not_a_cache, flip_a_card_bit,
	};

	for (size_t i = 0; i < sizeof(damage) / sizeof(damage[0]); i++)
		check_rebuilt(sh->paths, 3, sh->cache, &sh->parsed.lib,
			      damage[i], damage[i] == flip_a_card_bit);
}

/*
 * A record that is unsound under a sound hash (a cache made by hand): the
 * file it stands for is parsed instead, the others still come from it.
 */
static void cache_unsound_record_is_parsed_instead(void **state)
{
	struct shipped *sh = *state;
	struct lib_run r;
	unsigned char *data;
	size_t len;
	uint64_t h, end;

	data = (unsigned char *)test_read_file(sh->cache, &len);
	assert_non_null(data);
	/* Every NUL that ends a string in the last record (before the
	 * order the header's field at 40 points to, and the up to 7 zeros
	 * that align it) becomes a byte of text: its strings run past
	 * their ends. */
	memcpy(&end, data + 40, sizeof(end));
	assert_true(end > 200 && end < len);
	for (size_t i = (size_t)end - 8; i > end - 200; i--)
		if (!data[i])
			data[i] = 'x';
	h = loader_cache_hash(data, len);
	memcpy(data + LOADER_CACHE_HASH_OFF, &h, sizeof(h));
	write_cache(sh->cache, data, len);
	xfree(data);
	load(&r, sh->paths, 3, sh->cache);
	assert_int_equal(r.lib.n_cached, r.lib.n_files - 1);
	assert_int_equal(r.dl.items.len, 0);
	same_library(&sh->parsed.lib, &r.lib);
	unload(&r);
}

/*
 * Loads paths deferred, from the cache at cache_path, as `due` does;
 * library_load_cached()'s result.
 */
static int read_deferred(struct lib_run *r, const char *const *paths,
			 size_t n, const char *cache_path)
{
	struct library_cache *c = library_cache_open(cache_path);
	int ret;

	library_cache_defer(c);
	library_init(&r->lib);
	diag_list_init(&r->dl);
	ret = library_load_cached(&r->lib, paths, n, NULL, c,
				  clock_file_time_ns() + LATER_NS, &r->dl);
	library_cache_order(&r->lib, c);
	library_cache_free(c);
	return ret;
}

/* read_deferred() of a sound cache: every file from it, nothing said. */
static void load_deferred(struct lib_run *r, const char *const *paths,
			  size_t n, const char *cache_path)
{
	assert_int_equal(read_deferred(r, paths, n, cache_path), 0);
	assert_int_equal(r->lib.n_cached, r->lib.n_files);
	assert_int_equal(r->dl.items.len, 0);
}

/*
 * Deferred, a start takes each deck's items (keys, decks, tags) and the
 * order from the cache, not its cards; library_cards() then decodes them
 * into the parsed library, field by field.
 */
static void cache_deferred_cards_come_when_asked(void **state)
{
	struct shipped *sh = *state;
	struct lib_run r;

	load_deferred(&r, sh->paths, 3, sh->cache);
	assert_true(library_cards_deferred(&r.lib));
	same_items(&sh->parsed.lib, &r.lib);
	assert_true(library_order(&r.lib)->borrowed);
	same_order(&sh->parsed.lib, &r.lib);
	/* Looking up a rubric or a deck needs no card. */
	assert_non_null(library_find_rubric(&r.lib, "tpm-system-design"));
	assert_non_null(library_find_deck(&r.lib, "tpm-role"));
	assert_true(library_cards_deferred(&r.lib));
	/* A card does: it is decoded on the way. */
	assert_non_null(library_find_card(&r.lib, "role-t-meaning"));
	assert_false(library_cards_deferred(&r.lib));
	assert_int_equal(library_cards(&r.lib), 0);
	same_library(&sh->parsed.lib, &r.lib);
	unload(&r);
}

/*
 * A deck's cards damaged where the checks before use do not look: the
 * deferred start counts on without them, library_cards() says so, and a
 * load without deferring parses that deck's file alone.
 */
static void cache_deferred_damaged_cards_are_found_when_asked(void **state)
{
	struct shipped *sh = *state;
	struct lib_run r;
	unsigned char *data;
	size_t len;

	data = (unsigned char *)test_read_file(sh->cache, &len);
	assert_non_null(data);
	flip_a_card_bit(data, &len);
	write_cache(sh->cache, data, len);
	xfree(data);
	load_deferred(&r, sh->paths, 3, sh->cache);
	same_items(&sh->parsed.lib, &r.lib);
	assert_int_equal(library_cards(&r.lib), TPM_ECORRUPT);
	assert_true(library_cards_deferred(&r.lib));
	unload(&r);
	load(&r, sh->paths, 3, sh->cache);
	assert_int_equal(r.lib.n_cached, r.lib.n_files - 1);
	same_library(&sh->parsed.lib, &r.lib);
	unload(&r);
}

/*
 * Any one byte of a cache changed, its hash made right again as if by
 * hand: every load reads it without a fault (the sanitizer build checks
 * each read), deferred or not, and says nothing; library_cards() decodes
 * the cards or says the cache is damaged.
 */
static void cache_any_byte_changed_is_read_safely(void **state)
{
	char dir[] = "/tmp/tpm-decks-XXXXXX", path[128];
	const char *paths[1] = { dir };
	char *cache = temp_cache();
	unsigned char *good, *data;
	struct lib_run r;
	size_t len;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/d.yaml", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("deck: d\ntitle: D\ntags: [t]\ncards:\n"
	      "  - id: b\n    front: F\n    back: B\n    tags: [x, y]\n"
	      "  - id: r\n    type: reverse\n    front: F\n    back: B\n"
	      "  - id: c\n    type: cloze\n    text: '{{c1::a}} {{c2::b}}'\n"
	      "    tags: [x, y]\n", f);
	fclose(f);
	load(&r, paths, 1, cache);
	unload(&r);
	good = (unsigned char *)test_read_file(cache, &len);
	assert_non_null(good);
	data = xmalloc(len);
	for (size_t at = 0; at < len; at++) {
		uint64_t h;
		int ret;

		memcpy(data, good, len);
		data[at] ^= 0x5a;
		if (at < LOADER_CACHE_HASH_OFF ||
		    at >= LOADER_CACHE_HASH_OFF + 8) {
			h = loader_cache_hash(data, len);
			memcpy(data + LOADER_CACHE_HASH_OFF, &h, sizeof(h));
		}
		write_cache(cache, data, len);
		load(&r, paths, 1, cache);
		assert_int_equal(r.dl.items.len, 0);
		assert_int_equal(r.lib.n_items, 5);
		unload(&r);
		/* The load rewrote the cache: the next one reads the same
		 * bytes again, deferred. */
		write_cache(cache, data, len);
		ret = read_deferred(&r, paths, 1, cache);
		assert_true(ret == 0 || ret == TPM_ECORRUPT);
		ret = library_cards(&r.lib);
		assert_true(ret == 0 || ret == TPM_ECORRUPT);
		unload(&r);
	}
	xfree(data);
	xfree(good);
	unlink(path);
	rmdir(dir);
	unlink(cache);
	xfree(cache);
}

#define SHIPPED_TEST(f) \
	cmocka_unit_test_setup_teardown(f, shipped_setup, shipped_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		SHIPPED_TEST(cache_library_equals_the_parsed_one),
		cmocka_unit_test(cache_parses_an_edited_file_alone),
		SHIPPED_TEST(cache_damaged_or_foreign_is_rebuilt_silently),
		SHIPPED_TEST(cache_unsound_record_is_parsed_instead),
		SHIPPED_TEST(cache_deferred_cards_come_when_asked),
		SHIPPED_TEST(cache_deferred_damaged_cards_are_found_when_asked),
		cmocka_unit_test(cache_any_byte_changed_is_read_safely),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
