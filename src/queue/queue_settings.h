#ifndef TPM_QUEUE_QUEUE_SETTINGS_H
#define TPM_QUEUE_QUEUE_SETTINGS_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "sched/sched.h"

struct store;

/*
 * The user's study settings, kept as text in the database's settings
 * table (only the ones changed from the default are stored) and checked
 * here, in one place, whether they come from `tpmtrain config` or from
 * the database.
 */
enum leech_action {
	LEECH_SUSPEND,		/* Anki's default */
	LEECH_TAG,		/* only mark it */
};

/* The order new cards come in (issue 9: decks interleave by default). */
enum new_order {
	NEW_ORDER_INTERLEAVE,	/* a card from each deck in turn */
	NEW_ORDER_DECK,		/* deck after deck, in library order */
	NEW_ORDER_RANDOM,	/* shuffled, the same all day */
};

struct settings {
	double retention;		/* desired retention */
	double weights[FSRS_N_WEIGHTS];
	size_t n_weights;		/* 17, 19 or 21 as given; 0 default */
	int32_t learning_steps[FSRS_MAX_STEPS];	/* minutes */
	size_t n_learning_steps;
	int32_t relearning_steps[FSRS_MAX_STEPS];
	size_t n_relearning_steps;
	int maximum_interval;		/* days */
	int new_per_day;
	int new_per_deck;		/* new cards a day from one deck; 0 any */
	enum new_order new_order;
	int reviews_per_day;
	int rollover_hour;		/* local hour the study day starts */
	int learn_ahead;		/* minutes */
	int leech_threshold;		/* lapses; 0 off */
	enum leech_action leech_action;
	int mock_grace_seconds;		/* overrun before moving on */
	int mock_bell;			/* 1: a bell when a phase runs out */
	double focus_threshold;		/* a criterion's average at or under
					 * it makes it a focus (1-4) */
};

/* The defaults: FSRS-6's, 20 new and 200 reviews a day, rollover 4 am. */
void settings_default(struct settings *s);

/*
 * Loads the stored settings over the defaults.  A stored value that does
 * not parse fails with TPM_EFORMAT and err says which ("PATH: setting
 * 'retention' has a bad value '7' ..."); a key this version does not
 * know is ignored (a newer tpmtrain may have written it).  Store errors
 * are returned with store_errmsg() copied to err.
 */
int settings_load(struct settings *s, struct store *st, struct buf *err);

/*
 * The scheduler's parameters from s, with fuzz on, as in normal use.
 * s was validated, so this cannot fail.
 */
void settings_fsrs_params(const struct settings *s, struct fsrs_params *p);

/* The keys, in display order; NULL past the end. */
const char *settings_key(size_t i);

/* A one-line description of key for `config --help`, or NULL. */
const char *settings_help(const char *key);

/* The known key closest to an unknown one, or NULL if none is close. */
const char *settings_suggest(const char *key);

/*
 * Parses value for key into s.  Returns 0; TPM_ENOENT for an unknown key;
 * TPM_EINVAL with err set to what is wrong and what is wanted ("want a
 * number from 0.70 to 0.99").  s is unchanged on error.
 */
int settings_parse(struct settings *s, const char *key, const char *value,
		   struct buf *err);

/* Appends the value of key in s, in the form settings_parse() reads. */
void settings_format(const struct settings *s, const char *key,
		     struct buf *out);

/* 1 if key has its default value in s. */
int settings_is_default(const struct settings *s, const char *key);

#endif
