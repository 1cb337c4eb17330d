#ifndef TPM_UI_UI_MPICK_H
#define TPM_UI_UI_MPICK_H

/*
 * The mock picker: the scenarios of one kind (or all), least recently
 * done first with when and how each went, the first preselected.  Plain
 * state, pure handler and view; ui_app_mock.c fills the rows and starts
 * the chosen scenario.
 */

#include <stdint.h>

#include "core/vec.h"
#include "ui/ui_int.h"

enum mpick_action {
	MPICK_A_START = UI_A_SCREEN,
	MPICK_A_KIND,
};

extern const struct ui_keymap mpick_keys;

struct mpick_row {
	char *id, *title, *kind;
	char *due;		/* "now", "new", "5 Dec" */
	char *last;		/* "23 Nov", or "never" */
	char *score;		/* "71%", or "" */
};

enum mpick_request {
	MPICK_REQ_NONE,
	MPICK_REQ_START,	/* the selected row */
	MPICK_REQ_KIND,		/* kind changed: fill the rows again */
};

struct mpick {
	struct vec rows;	/* of struct mpick_row */
	int kind;		/* -1 every kind, else an enum scenario_kind */
	char *kind_label;	/* "every kind", "system design" */
	size_t sel, top;
	int rows_shown;
	enum mpick_request req;
};

void mpick_init(struct mpick *p, int kind);
void mpick_release(struct mpick *p);
/* Drops the rows; the selection goes back to the first. */
void mpick_clear(struct mpick *p, const char *kind_label);
void mpick_add(struct mpick *p, const char *id, const char *title,
	       const char *kind, const char *due, const char *last,
	       const char *score);
const struct mpick_row *mpick_selected(const struct mpick *p);

/* The kind after k in the cycle every kind, 0, 1, ... n_kinds - 1. */
int mpick_next_kind(int k, int n_kinds);

int mpick_handle(struct mpick *p, int act, int64_t now_ms);
void mpick_view(struct mpick *p, struct ui_view *v);

#endif
