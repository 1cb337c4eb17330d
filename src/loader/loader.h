#ifndef TPM_LOADER_LOADER_H
#define TPM_LOADER_LOADER_H

#include <stddef.h>

#include "core/arena.h"
#include "core/diag.h"

/*
 * The library: every deck, rubric and mock scenario loaded from YAML, in
 * memory and read-only once loaded.  Everything below is owned by the
 * library's arena; pointers stay valid until library_release().
 *
 * Every value keeps the file, line and column it came from, so that lint
 * and the interface can point at it.  A value that was absent from the
 * file has s == NULL (strings) or n == 0 (lists), and a zero pos.
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
};

struct rubric {
	struct lstr id;			/* the value of `rubric:` */
	struct lstr title;
	struct lstr description;
	const struct criterion *criteria;
	size_t n_criteria;
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
	int minutes;
	struct src_pos minutes_pos;
	struct lstr_list hints;
	struct key_point_list key_points;
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
	struct lstr_list tags;
	struct lstr_list refs;
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
	int variant;		/* 0 forward, ITEM_REVERSE, or cloze number */
};

#define ITEM_REVERSE (-1)

struct library_index;

struct library {
	struct arena arena;
	const struct deck *decks;
	size_t n_decks;
	const struct rubric *rubrics;
	size_t n_rubrics;
	const struct scenario *scenarios;
	size_t n_scenarios;
	const struct item *items;	/* every card's items, in file order */
	size_t n_items;
	const char *content_dir;	/* where refs resolve; may be NULL */
	struct library_index *index;
	size_t bytes_read;		/* total size of the files loaded */
};

/* Limits that keep hostile files from exhausting memory. */
#define LOADER_MAX_FILE_BYTES (16u << 20)
#define LOADER_MAX_DEPTH 64

/*
 * Loads every path into lib: a file is read as a deck, rubric or scenario
 * by its first key (`deck:`, `rubric:` or `scenario:`); a directory is
 * walked recursively for *.yaml and *.yml files, in name order.
 * content_dir (may be NULL) is where refs are resolved.
 *
 * The loader never stops at the first problem: every diagnostic goes into
 * dl and loading goes on with what can be read, so one run reports every
 * error.  A value with an error is left out of the library.  Returns 0, or
 * TPM_EIO if a path could not be read at all (also reported in dl).
 * lib must be released with library_release() in either case.
 */
int library_load(struct library *lib, const char *const *paths,
		 size_t n_paths, const char *content_dir,
		 struct diag_list *dl);

/* Loads one YAML document from memory, named file in diagnostics. */
int library_load_buffer(struct library *lib, const char *file,
			const char *data, size_t len, struct diag_list *dl);

void library_init(struct library *lib);
void library_release(struct library *lib);

/* Lookups by id, or NULL.  The index is built lazily on first lookup. */
const struct card *library_find_card(struct library *lib, const char *id);
const struct item *library_find_item(struct library *lib, const char *key);
const struct deck *library_find_deck(struct library *lib, const char *id);
const struct rubric *library_find_rubric(struct library *lib, const char *id);
const struct scenario *library_find_scenario(struct library *lib,
					     const char *id);

/* 1 if the item's card or its deck carries tag. */
int item_has_tag(const struct item *item, const char *tag);

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

#endif
