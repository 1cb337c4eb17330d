#ifndef TPM_UI_UI_MRESULT_H
#define TPM_UI_UI_MRESULT_H

/*
 * A scored mock's result: the weighted score and its hire band, each
 * criterion's score against the average of the last five sessions of the
 * same rubric with a small trend line, the key points covered and missed,
 * the time of each phase against its plan, hints, follow-ups and
 * clarifying questions.  Plain state, pure handler and view;
 * ui_app_mock.c fills it from the saved session.
 */

#include <stdint.h>

#include "core/vec.h"
#include "ui/ui_int.h"

enum mresult_action {
	MRESULT_A_REPORT = UI_A_SCREEN,
	MRESULT_A_DRILL,
};

extern const struct ui_keymap mresult_keys;

#define MRESULT_TREND 10

struct mresult_crit {
	char *name;
	int score;
	double avg5;		/* of earlier sessions; < 0: none */
	int trend[MRESULT_TREND];	/* oldest first, this one last */
	size_t n_trend;
};

struct mresult_phase {
	int64_t used_ms, planned_ms;
};

enum mresult_request {
	MRESULT_REQ_NONE,
	MRESULT_REQ_REPORT,
	MRESULT_REQ_DRILL,
};

struct mresult {
	char *title;		/* "Design a URL shortener · 23 Nov · 44:10" */
	double pct;
	char *band;
	struct vec crits;	/* of struct mresult_crit */
	size_t covered, total;
	struct vec missed;	/* of char *, the labels */
	struct vec flags;	/* of char *, red flags raised */
	struct vec phases;	/* of struct mresult_phase */
	long hints, followups, questions, answered;
	char *weak;		/* "trade-offs" the weakest, for d */
	char *status;
	int scroll, body_rows;
	enum mresult_request req;
};

void mresult_init(struct mresult *r, const char *title, double pct,
		  const char *band);
void mresult_release(struct mresult *r);
struct mresult_crit *mresult_add_crit(struct mresult *r, const char *name,
				      int score, double avg5);
void mresult_add_missed(struct mresult *r, const char *label);
void mresult_add_flag(struct mresult *r, const char *label);
void mresult_add_phase(struct mresult *r, int64_t used_ms,
		       int64_t planned_ms);
void mresult_set_status(struct mresult *r, const char *msg);

int mresult_handle(struct mresult *r, int act, int64_t now_ms);
void mresult_view(struct mresult *r, struct ui_view *v);

#endif
