#ifndef TPM_LOADER_LOADER_REJECTED_H
#define TPM_LOADER_LOADER_REJECTED_H

/*
 * The objects library_load() left out of the library, for lint alone: the
 * queue, the interface and the mock runner must not include this header,
 * so that they only ever see complete, valid objects.
 *
 * An object with a bad value or a missing required key is reported and
 * left out of the library, but every value it does have passed the same
 * checks as any library value (a non-empty UTF-8 string, an id with its
 * syntax, a positive number...).  Keeping what was read lets lint check
 * those values too: ids for duplicates, patterns, cloze text, refs, text
 * hygiene.  Otherwise a typo in one key of a card would hide a broken
 * pattern in another until the typo was fixed and lint run again.
 *
 * A rejected object is filled as a library object would be, except that a
 * bad or absent value is left zero (a NULL string, an empty list, 0, an
 * enum's first value) with a zero pos: any field may be empty, whatever
 * the loader guarantees of library objects.
 * The valid objects inside it are in its lists; its own rejected objects
 * (a card's key point, a rubric's criterion) are records of their own.
 * Cards of a rejected deck, and rejected cards, have deck == NULL.  A file
 * read only in part (not valid YAML, or given up as too deep or with too
 * many problems) gives no rejected objects, as it gives no library objects.
 *
 * Valid files cost nothing here: a record is made only for an object that
 * was reported.  Everything belongs to the library (its arena) and stays
 * valid until library_release().
 */
#include <stddef.h>
#include <stdint.h>

#include "loader/loader.h"

enum rejected_kind {
	REJECTED_DECK,
	REJECTED_CARD,
	REJECTED_KEY_POINT,
	REJECTED_RUBRIC,
	REJECTED_CRITERION,
	REJECTED_SCENARIO,
	REJECTED_PHASE,
	REJECTED_CLARIFICATION,
	REJECTED_BAND,
	REJECTED_STORY,
	REJECTED_STORY_BANK,
	REJECTED_CAP,
};

struct schema;

struct rejected {
	enum rejected_kind kind;
	union {				/* the member kind names */
		const void *obj;
		const struct deck *deck;
		const struct card *card;
		const struct key_point *key_point;
		const struct rubric *rubric;
		const struct criterion *criterion;
		const struct scenario *scenario;
		const struct phase *phase;
		const struct clarification *clarification;
		const struct band *band;
		const struct story *story;
		const struct story_bank *story_bank;
		const struct rubric_cap *cap;
	};
	const char *file;		/* the file it is in */
	/* The loader's, for rejected_has_key(). */
	const struct schema *schema;
	uint32_t present;
};

/*
 * The rejected objects of every load so far, in the order they ended (a
 * card before its deck); sets *n.  NULL (and *n == 0) when there are none.
 */
const struct rejected *library_rejected(const struct library *lib,
					size_t *n);

/*
 * 1 if key was written in r's mapping, whatever its value, else 0: tells a
 * key with a bad value (reported by the loader) from an absent one.
 */
int rejected_has_key(const struct rejected *r, const char *key);

/*
 * The place of file in load order (0 for the first file or buffer read),
 * for ordering objects of several files as they were loaded.  file must be
 * a name the library gave out (a ->file or a pos.file); any other is after
 * every loaded one.
 */
size_t library_file_order(const struct library *lib, const char *file);

#endif
