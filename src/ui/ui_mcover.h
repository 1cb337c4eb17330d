#ifndef TPM_UI_UI_MCOVER_H
#define TPM_UI_UI_MCOVER_H

/*
 * After the clock: the notes checked against the scenario's key points,
 * phase by phase, each covered (with the note line that covered it) or
 * missed, and the red flags the notes raised.  Plain state, pure handler
 * and view; ui_app_mock.c fills it from mock_coverage().
 */

#include <stdint.h>

#include "core/vec.h"
#include "ui/ui_int.h"

enum mcover_action {
	MCOVER_A_SCORE = UI_A_SCREEN,
};

extern const struct ui_keymap mcover_keys;

struct mcover_row {
	int phase;
	char *label;
	int covered;		/* a red flag: raised */
	int red_flag;
	int limit;		/* a match limit stopped the search */
	char *line;		/* the covering note line, or NULL */
};

struct mcover {
	char *title;
	struct vec phases;	/* of char *, the phases' names */
	struct vec rows;	/* of struct mcover_row, in phase order */
	int scroll, body_rows;
};

void mcover_init(struct mcover *c, const char *title);
void mcover_release(struct mcover *c);
void mcover_add_phase(struct mcover *c, const char *name);
void mcover_add(struct mcover *c, int phase, const char *label, int covered,
		int red_flag, int limit, const char *line);

/* Key points covered and in all; red flags raised. */
void mcover_counts(const struct mcover *c, size_t *covered, size_t *total,
		   size_t *flags);

/* Enter asks for the scoring (UI_SAVE); q leaves it for later (UI_QUIT). */
int mcover_handle(struct mcover *c, int act, int64_t now_ms);
void mcover_view(struct mcover *c, struct ui_view *v);

#endif
