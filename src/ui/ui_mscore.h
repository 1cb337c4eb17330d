#ifndef TPM_UI_UI_MSCORE_H
#define TPM_UI_UI_MSCORE_H

/*
 * Rubric self-scoring: one criterion at a time with its name, weight and
 * all four level descriptors, the score picked with 1-4, an optional
 * one-line comment, back and forth between criteria, and beside each the
 * evidence from the session that informs it (key points covered and
 * missed, facts asked).  At wide terminals a table of every criterion sits
 * above.  Nothing is saved until the candidate confirms.  Plain state,
 * pure handler and view; ui_app_mock.c fills it and saves the scores.
 */

#include <stdint.h>

#include "core/vec.h"
#include "ui/ui_int.h"

enum mscore_action {
	MSCORE_A_1 = UI_A_SCREEN,
	MSCORE_A_2,
	MSCORE_A_3,
	MSCORE_A_4,
	MSCORE_A_PREV,
	MSCORE_A_NEXT,
	MSCORE_A_COMMENT,
	MSCORE_A_CONFIRM,
	MSCORE_A_YES,
	MSCORE_A_NO,
	MSCORE_A_CAP,		/* + k: toggle red-flag cap k (0-8) */
	MSCORE_A_CAP_LAST = MSCORE_A_CAP + 8,
};

extern const struct ui_keymap mscore_keys;
extern const struct ui_keymap mscore_comment_keys;
extern const struct ui_keymap mscore_confirm_keys;
extern const struct ui_keymap mscore_caps_keys;

/* A rubric's red-flag signal: when on, the score is at most max. */
struct mscore_cap {
	char *label;
	double max;
	int on;
};

enum mscore_evidence {
	MSCORE_EV_COVERED,
	MSCORE_EV_MISSED,
	MSCORE_EV_FLAG,		/* a red flag raised */
	MSCORE_EV_FACT,		/* a clarifying question and its answer */
};

struct mscore_ev {
	enum mscore_evidence kind;
	char *text;
};

struct mscore_crit {
	char *name;
	double weight;
	char *levels[4];
	char *guidance[3];	/* senior, staff, principal; NULL none */
	int score;		/* 1-4, 0 not yet */
	struct ui_input comment;
	struct vec evidence;	/* of struct mscore_ev */
};

struct mscore {
	char *title;		/* the rubric's */
	struct vec crits;	/* of struct mscore_crit */
	size_t cur;
	int editing;		/* the comment line has the keys */
	char *comment_before;	/* what esc puts back */
	int confirming;
	struct vec caps;	/* of struct mscore_cap */
	int caps_open;		/* the red-flag page, after the criteria */
	char *status;
	int scroll, body_rows;
};

void mscore_init(struct mscore *s, const char *title);
void mscore_release(struct mscore *s);
/* Adds a criterion (strings copied; levels[0..4) for scores 1-4). */
struct mscore_crit *mscore_add(struct mscore *s, const char *name,
			       double weight, const char *const levels[4]);
/*
 * A red-flag cap of the rubric (label copied): after the last criterion,
 * enter shows them to tick (1-9) before saving.
 */
void mscore_add_cap(struct mscore *s, const char *label, double max);

/* What the criterion looks like at each TPM level (copied; NULL none). */
void mscore_set_guidance(struct mscore_crit *c, const char *const g[3]);

void mscore_add_evidence(struct mscore_crit *c, enum mscore_evidence kind,
			 const char *text);
struct mscore_crit *mscore_crit(const struct mscore *s, size_t i);

const struct ui_keymap *mscore_keymap(const struct mscore *s);

/*
 * Handles one action (cp for typed text in the comment).  Returns enum
 * ui_effect bits: UI_SAVE once every criterion is scored and the
 * candidate said yes (the scores are then the app's to save), UI_QUIT to
 * leave without saving.
 */
int mscore_handle(struct mscore *s, int act, uint32_t cp, int64_t now_ms);
void mscore_view(struct mscore *s, struct ui_view *v);

#endif
