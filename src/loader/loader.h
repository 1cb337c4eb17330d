#ifndef TPM_LOADER_LOADER_H
#define TPM_LOADER_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/keysort.h"
#include "core/strmap.h"
#include "core/vec.h"

/*
 * The library: every deck, rubric and mock scenario loaded from YAML, in
 * memory and read-only once loaded.  Everything below is owned by the
 * library's arena; pointers stay valid until library_release().
 *
 * Every value keeps the file, line and column it came from, so that lint
 * and the interface can point at it.  A value that was absent from the
 * file has s == NULL (strings) or n == 0 (lists), and a zero pos.
 *
 * What the loader guarantees of every object in the library: its required
 * keys are present with values of the right type and syntax (ids match
 * their pattern, a card's type is known, minutes and weights are positive,
 * strings are non-empty UTF-8 without NUL).  What it does not check, lint
 * does: uniqueness across files, cloze syntax, patterns, references.
 *
 * Positions: lines and columns count from 1; a column counts characters
 * (code points), as libyaml and most editors do.  A scalar's pos is where
 * it starts in the file: its first character if plain, the opening quote
 * if quoted, the '|' or '>' of a block scalar.  library_locate() finds
 * any character inside a value.
 */

/* A string value and where it starts in its file. */
struct lstr {
	const char *s;
	struct src_pos pos;
};

struct lstr_list {
	const struct lstr *v;
	size_t n;
	struct src_pos pos;	/* the list itself (its key's value) */
};

/* A fact a good answer contains, recognised by a PCRE2 pattern. */
struct key_point {
	struct lstr label;
	struct lstr pattern;
};

struct key_point_list {
	const struct key_point *v;
	size_t n;
	struct src_pos pos;
};

enum card_type {
	CARD_BASIC,
	CARD_REVERSE,	/* also studied back to front */
	CARD_CLOZE,	/* one study item per deletion number */
	CARD_TYPED,	/* the user types; key points are checked */
};

struct deck;

struct card {
	struct lstr id;
	enum card_type type;
	struct src_pos type_pos;	/* zero when type was omitted */
	struct lstr front;		/* basic, reverse, typed */
	struct lstr back;		/* basic, reverse, typed; cloze: extra */
	struct lstr text;		/* cloze */
	struct key_point_list key_points;
	struct key_point_list red_flags;	/* typed: what a weak answer says */
	struct lstr_list tags;		/* the card's own; see item_has_tag() */
	struct lstr_list refs;		/* relative to content/ */
	const struct deck *deck;
	struct src_pos pos;		/* the card's first key */
};

struct deck {
	struct lstr id;			/* the value of `deck:` */
	struct lstr title;
	struct lstr description;
	struct lstr_list tags;		/* added to every card */
	const struct card *cards;
	size_t n_cards;
	const char *file;
	struct src_pos pos;
};

struct criterion {
	struct lstr id;
	struct lstr name;
	double weight;
	struct src_pos weight_pos;
	struct lstr_list levels;	/* descriptors for scores 1..4 */
	struct lstr_list tags;		/* deck tags that train it */
	/* Optional: what a strong answer looks like from a senior, a staff
	 * and a principal TPM, the level the candidate interviews for. */
	struct lstr senior;
	struct lstr staff;
	struct lstr principal;
};

/* A hire signal: a weighted score of min percent or more earns label. */
struct band {
	struct lstr label;
	double min;
	struct src_pos min_pos;
};

/*
 * A red-flag signal that caps the result whatever the sum (blaming
 * others, a story that falls apart under follow-ups): when the scorer
 * says it happened, the weighted score is at most max percent.
 */
struct rubric_cap {
	struct lstr label;
	double max;
	struct src_pos max_pos;
};

struct rubric {
	struct lstr id;			/* the value of `rubric:` */
	struct lstr title;
	struct lstr description;
	const struct criterion *criteria;
	size_t n_criteria;
	const struct band *bands;	/* may be empty: the mock's defaults */
	size_t n_bands;
	const struct rubric_cap *caps;	/* may be empty */
	size_t n_caps;
	const char *file;
	struct src_pos pos;
};

enum scenario_kind {
	SCENARIO_SYSTEM_DESIGN,
	SCENARIO_BEHAVIOURAL,
	SCENARIO_PROGRAM_EXECUTION,
};

struct phase {
	struct lstr name;
	struct lstr question;		/* behavioural: as the interviewer asks
					 * it; may be absent */
	int minutes;
	struct src_pos minutes_pos;
	struct lstr_list hints;
	struct key_point_list key_points;
	struct key_point_list red_flags;	/* warning signs in the notes */
	/* A built behavioural round's (mock_build_round()): the tags of the
	 * scenario the question comes from; empty in a loaded scenario. */
	struct lstr_list tags;
};

/*
 * A fact the interviewer gives only when asked: a question matching the
 * PCRE2 pattern ask gets answer; example is a question that must match
 * (lint checks it).
 */
struct clarification {
	struct lstr ask;
	struct lstr answer;
	struct lstr example;
};

struct clarification_list {
	const struct clarification *v;
	size_t n;
	struct src_pos pos;
};

struct scenario {
	struct lstr id;			/* the value of `scenario:` */
	enum scenario_kind kind;
	struct src_pos kind_pos;
	struct lstr title;
	struct lstr prompt;
	struct lstr rubric;		/* a rubric id */
	const struct phase *phases;
	size_t n_phases;
	struct lstr_list follow_ups;
	struct clarification_list clarifications;
	struct lstr_list tags;
	struct lstr_list refs;
	const char *file;
	struct src_pos pos;
};

/*
 * A STAR story of the candidate's own (the story bank, stories.yaml): what
 * they tell in a behavioural round, and the competencies it shows (tags of
 * the behavioural scenarios).
 */
struct story {
	struct lstr id;
	struct lstr title;
	struct lstr situation;
	struct lstr task;
	struct lstr action;
	struct lstr result;
	struct lstr_list metrics;	/* the numbers the result moved */
	struct lstr_list competencies;
	struct lstr_list tags;		/* the candidate's own */
	const char *file;
	struct src_pos pos;
};

/* The file's top-level object: `stories:` and its list. */
struct story_bank {
	const struct story *stories;
	size_t n_stories;
	const char *file;
	struct src_pos pos;
};

/*
 * A study item: what the scheduler keeps a memory state for.  A basic or
 * typed card is one item keyed by its id; a reverse card adds "ID#reverse";
 * a cloze card gives "ID#c1", "ID#c2", ... one per deletion number.
 */
struct item {
	const char *key;
	const struct card *card;
	/* Its card's deck and own tags, so that the queue counts and
	 * filters without reading the card (which a deferred load has not
	 * decoded yet: library_cards()). */
	const struct deck *deck;
	const struct lstr_list *tags;
	int variant;		/* 0 forward, ITEM_REVERSE, or cloze number */
};

#define ITEM_REVERSE (-1)

struct library_state;

struct library {
	struct arena arena;
	const struct deck *decks;
	size_t n_decks;
	const struct rubric *rubrics;
	size_t n_rubrics;
	const struct scenario *scenarios;
	size_t n_scenarios;
	const struct story *stories;	/* from every story bank loaded */
	size_t n_stories;
	const struct item *items;	/* every card's items, in file order */
	size_t n_items;
	const char *content_dir;	/* where refs resolve; may be NULL */
	size_t n_files;			/* files (and buffers) read */
	size_t n_cached;		/* of them, taken from a cache */
	size_t bytes_read;		/* total size of the files loaded */
	struct library_state *state;	/* private to the loader */
};

/*
 * Limits that keep hostile files from exhausting memory or flooding the
 * diagnostics: a bigger file is refused before it is read; a file nested
 * deeper, or with more problems, is read no further.
 */
#define LOADER_MAX_FILE_BYTES (16u << 20)
#define LOADER_MAX_DEPTH 64
#define LOADER_MAX_FILE_DIAGS 100

/*
 * Loads every path into lib: a file is read as a deck, rubric, scenario or
 * story bank by its first key (`deck:`, `rubric:`, `scenario:` or
 * `stories:`); a directory is
 * walked recursively for *.yaml and *.yml files, in name order.
 * Hidden files and directories (".git") are skipped, and a file reached
 * twice (through two paths or a symlink) is read once.  content_dir (may
 * be NULL) is where refs are resolved; the first non-NULL one is kept.
 *
 * The loader never stops at the first problem: every diagnostic goes into
 * dl and loading goes on with what can be read, so one run reports every
 * error.  A value with an error is left out of the library: a bad list
 * element is dropped from its list, and an object (deck, card, criterion,
 * ...) with a bad value or a missing required key is dropped with its
 * contents; unknown and duplicate keys are reported and ignored.  So the
 * library holds only complete, valid objects.  What was read of a dropped
 * object is kept aside for lint alone (loader_rejected.h), so that one run
 * reports its other problems too.  A file that is not valid YAML keeps the
 * diagnostics found before the syntax error, but none of its objects.
 * Invalid UTF-8 and forbidden control characters are reported, read as
 * U+FFFD, and loading goes on.
 *
 * Returns 0, or TPM_EIO if a path could not be read at all (also reported
 * in dl).  May be called again to add more files; lib must be released
 * with library_release() in any case.
 */
int library_load(struct library *lib, const char *const *paths,
		 size_t n_paths, const char *content_dir,
		 struct diag_list *dl);

/*
 * Loads one YAML document from memory, named file in diagnostics, as
 * library_load() does for a file.  The library keeps a copy of data, so
 * that library_locate() works without the file.  Returns 0, or
 * TPM_ETOOBIG if len is over LOADER_MAX_FILE_BYTES (also reported).
 */
int library_load_buffer(struct library *lib, const char *file,
			const char *data, size_t len, struct diag_list *dl);

/*
 * The cache: the compiled library, so that a start with nothing changed
 * does not parse the YAML again (loader_cache.c).  It holds, for each
 * source file read without a diagnostic, its path, its stat() key (size,
 * modification and change times, inode, device) and what it gave the
 * library; a file changed less than two seconds before the save is left
 * out, since its times cannot tell a second change in the same tick.
 * Every file whose key still matches is taken from the cache; any other
 * is parsed, so an edit costs the parse of that one file.  A missing,
 * damaged, truncated, foreign or older cache reads as an empty one,
 * silently: it is checked (magic, version, the schema's fingerprint, the
 * length, a hash of it all) before use and bounds-checked while read.
 * Lint never uses it.
 */
struct library_cache;

/* Reads the cache file at path; never NULL, empty if path is unusable. */
struct library_cache *library_cache_open(const char *path);
void library_cache_free(struct library_cache *c);

/*
 * library_load() taking unchanged files from c (which may be NULL).  When
 * the library is not exactly c's (a file was parsed, or one c holds is
 * gone), its cacheable files are encoded, now_ns (the wall clock) telling
 * which changed too recently, for library_cache_save().  The library's
 * strings then point into c's data, which the library keeps.  Deferred
 * (library_cache_defer()), it may also return TPM_ECORRUPT, as
 * library_cards() does, when the library is not exactly c's.
 */
int library_load_cached(struct library *lib, const char *const *paths,
			size_t n_paths, const char *content_dir,
			struct library_cache *c, int64_t now_ns,
			struct diag_list *dl);

/*
 * Defers the cards: library_load_cached() with c then takes, of each deck
 * in c, its items (keys, decks, tags) but not its cards' contents, which
 * library_cards() decodes when first needed.  So a start that only counts
 * (`due`, the first home screen) reads a few bytes a card.
 */
void library_cache_defer(struct library_cache *c);

/*
 * Decodes the cards a deferred load left in the cache (nothing to do
 * otherwise).  0, or TPM_ECORRUPT when the cache turns out damaged: the
 * library must then be loaded again without deferring (which parses the
 * damaged files and rewrites the cache).  Until it returns 0, a card's
 * contents must not be read; lookups (library_find_*()) call it.
 */
int library_cards(struct library *lib);
/* 1 if some of lib's cards wait for library_cards(). */
int library_cards_deferred(const struct library *lib);

/* 1 if lib came wholly from c and used all of it: c's library. */
int library_cache_fresh(const struct library *lib,
			const struct library_cache *c);
/* 1 if c was saved by a load whose lint found no error. */
int library_cache_lint_clean(const struct library_cache *c);

/*
 * Writes what library_load_cached() encoded to path (a new file renamed
 * over the old), flagged as lint-clean or not.  Returns 1 if written, 0
 * if there was nothing to write, TPM_EIO if it could not be (the cache
 * is then rebuilt on a later start; nothing else depends on it).
 */
int library_cache_save(struct library *lib, const char *path,
		       int lint_clean);

void library_init(struct library *lib);
/* Frees everything the library holds; lib is ready for reuse. */
void library_release(struct library *lib);

/*
 * The bytes the library holds from the allocator: its arena, big arrays,
 * the lookup index and buffer copies (for benchmarks; lib->arena.total
 * alone misses the arrays kept outside the arena).
 */
size_t library_memory(const struct library *lib);

/*
 * Where byte off of v->s (0 <= off <= strlen(v->s)) is in its file, exact
 * for every scalar style: plain, quoted (escapes and '' included), literal
 * and folded blocks, over several lines.  The file is read again (one file
 * is cached), since the library does not keep file texts; if it cannot be
 * read or no longer matches the value, the result is v->pos.
 */
struct src_pos library_locate(struct library *lib, const struct lstr *v,
			      size_t off);

/* 1 if ref (a refs value) leaves the content directory: "/x", "..". */
int library_ref_escapes(const char *ref);

/*
 * Reads the file ref names (a refs value, relative to content_dir, a
 * library's) into out: a primer for the reader.  TPM_ENOENT when
 * content_dir is NULL or there is no such file, TPM_EINVAL for a ref that leaves it or is not
 * a regular file, TPM_ETOOBIG over LOADER_MAX_FILE_BYTES, TPM_EIO (errno).
 */
int library_read_ref(const char *content_dir, const char *ref,
		     struct buf *out);

/*
 * Takes the study items of the n_cards cards and the n_scen scenarios out
 * of lib (lint found errors in them: see lint_leave_out()), so that the
 * queue, the interface and the mock runner never use them.  The decks keep
 * their cards, for lint and for locating diagnostics.
 */
void library_leave_out(struct library *lib, const struct card *const *cards,
		       size_t n_cards, const struct scenario *const *scen,
		       size_t n_scen);

/* A shipped deck a user's copy replaced (library_prefer_copies()). */
struct deck_copy {
	const char *id;
	const char *shipped;		/* its file, under the shipped folder */
	const char *copy;		/* the file that replaces it */
};

/*
 * The user's copy of a shipped deck replaces it: drops from lib each deck
 * loaded from a file under shipped_dir whose id a deck from elsewhere
 * also has, with its cards' items, before lint sees duplicate ids.  Each
 * replaced deck is appended to replaced (of struct deck_copy, strings
 * the library's); returns how many.
 */
size_t library_prefer_copies(struct library *lib, const char *shipped_dir,
			     struct vec *replaced);

/*
 * Lookups by id, or NULL; with duplicate ids, the first loaded wins.  The
 * index is built on the first lookup after a load.
 */
const struct card *library_find_card(struct library *lib, const char *id);
const struct item *library_find_item(struct library *lib, const char *key);
const struct deck *library_find_deck(struct library *lib, const char *id);
const struct rubric *library_find_rubric(struct library *lib, const char *id);
const struct scenario *library_find_scenario(struct library *lib,
					     const char *id);

/*
 * Adds s (its strings must outlive lib: its arena, or the library's own)
 * to lib's scenarios, as if loaded; returns the library's copy.  The
 * scenarios move: pointers to them taken before are no longer valid.
 */
const struct scenario *library_add_scenario(struct library *lib,
					    const struct scenario *s);

/*
 * The competencies a story can show: every tag of the library's
 * behavioural scenarios but the kind's own ("behavioural", "star"), sorted,
 * each once, at most max into out (strings the library's).  Returns how
 * many there are (which may be more than max).
 */
size_t library_competencies(const struct library *lib, const char **out,
			    size_t max);
/* 1 if a behavioural scenario's tag names a competency, not the kind. */
int tag_is_competency(const char *tag);
/* A story's competencies are drawn from at most this many. */
#define LIBRARY_MAX_COMPETENCIES 128

/* 1 if the item's card or its deck carries tag. */
int item_has_tag(const struct item *item, const char *tag);

/*
 * What every queue needs of a library, worked out once per load rather
 * than once per queue or per count: the items in key order (strcmp, for
 * the merge with the stored states), where each item's card starts, and
 * the tags numbered in sorted order.
 */
struct library_order {
	const struct key_ref *by_key;	/* n_items; .i into lib->items */
	const uint32_t *card_first;	/* per item: its card's first item */
	/* The item keys in by_key order, hashed: which items a queue's
	 * per-item data saved for this library belongs to (queue_known). */
	uint64_t keys_hash;
	const char *const *tags;	/* every tag once, sorted */
	size_t n_tags;
	const char *const *refs;	/* every card's refs once, sorted */
	size_t n_refs;
	struct strmap tag_ix;		/* private: library_tag_index() */
	int borrowed;			/* private: by_key and card_first are
					 * the cache file's */
};

/*
 * The order of lib, built on the first call after a load (the load path
 * calls it, so that the first screen does not wait for it) and valid
 * until the library changes.
 */
const struct library_order *library_order(const struct library *lib);

/*
 * library_order(), taken from c when lib is c's library (fresh, and its
 * lint verdict clean, so nothing was left out) and c holds it: the items
 * are not sorted again.
 */
const struct library_order *library_cache_order(struct library *lib,
						const struct library_cache *c);

/* tag's index in o->tags, or -1 when no deck or card has it. */
long library_tag_index(const struct library_order *o, const char *tag);

const char *card_type_name(enum card_type type);
const char *scenario_kind_name(enum scenario_kind kind);

/*
 * Cloze deletions: {{cN::answer}} or {{cN::answer::hint}}.  cloze_next()
 * finds the next deletion in text at or after *offset, fills *del and moves
 * *offset past it; returns 1, or 0 at the end.  A malformed deletion is
 * reported as *del with num == 0 and the byte offset of its start.
 */
struct cloze_deletion {
	int num;		/* N of cN; 0 for a malformed one */
	size_t start, end;	/* the whole {{...}} */
	size_t answer, answer_len;
	size_t hint, hint_len;	/* hint_len 0 when absent */
};

int cloze_next(const char *text, size_t *offset, struct cloze_deletion *del);

/*
 * Text helpers for diagnostics about library values (used by lint too).
 *
 * Values are quoted in messages with quote_add() (core/quote.h).
 *
 * suggest_consider() keeps, of the candidates given to it one by one, the
 * one closest to suggest_init()'s word (optimal string alignment distance, ignoring case),
 * if it is close enough to be a likely typo: for "did you mean 'x'?".
 */
struct buf;


struct suggest {
	const char *word;
	const char *best;	/* NULL until a close candidate is seen */
	unsigned dist;
};

void suggest_init(struct suggest *sg, const char *word);
void suggest_consider(struct suggest *sg, const char *candidate);

#endif
