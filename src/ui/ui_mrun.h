#ifndef TPM_UI_UI_MRUN_H
#define TPM_UI_UI_MRUN_H

/*
 * The running mock interview: the prompt folded to a line, the phases with
 * the current one marked, its countdown turning into an overrun count, a
 * bar for the whole session, a band for what the interviewer says, and
 * the notes pad.  Plain state, a pure handler and a view (STYLE rule 12):
 * ui_app_mock.c copies the session's figures in at every tick and carries
 * out the requests on the mock state machine.
 *
 * Letters go into the notes, so the session's own keys are control keys.
 */

#include <stdint.h>

#include "core/vec.h"
#include "ui/ui_int.h"
#include "ui/ui_notes.h"

enum mrun_action {
	MRUN_A_PAUSE = UI_A_SCREEN,
	MRUN_A_NEXT,
	MRUN_A_EXTEND,
	MRUN_A_HINT,
	MRUN_A_PROMPT,
	MRUN_A_ASK,
	MRUN_A_EDITOR,
	MRUN_A_END,
	MRUN_A_DISMISS,
	MRUN_A_YES,
	MRUN_A_NO,
	MRUN_A_STORY,		/* behavioural: open the story picker */
	MRUN_A_PICK,		/* the picker: tell the selected story */
	/* Interviewer mode: MRUN_A_CHECK + k ticks point k (0-8). */
	MRUN_A_CHECK,
	MRUN_A_CHECK_LAST = MRUN_A_CHECK + 8,
};

enum mrun_request {
	MRUN_REQ_NONE,
	MRUN_REQ_PAUSE,		/* pause, or resume when paused */
	MRUN_REQ_NEXT,
	MRUN_REQ_EXTEND,
	MRUN_REQ_HINT,
	MRUN_REQ_ASK,		/* the line under the cursor */
	MRUN_REQ_EDITOR,
	MRUN_REQ_END,		/* confirmed */
	MRUN_REQ_DISMISS,	/* the band was closed */
	MRUN_REQ_CHECK,		/* tick point req_index of the phase */
	MRUN_REQ_STORIES,	/* fill the picker (mrun_add_story_choice) */
	MRUN_REQ_STORY,		/* tell choice req_index; the last: new */
};

extern const struct ui_keymap mrun_keys;
extern const struct ui_keymap mrun_interviewer_keys;
extern const struct ui_keymap mrun_story_keys;
extern const struct ui_keymap mrun_prompt_keys;
extern const struct ui_keymap mrun_confirm_keys;

/* Interviewer mode: a point of the current phase's checklist. */
struct mrun_check {
	char *label;
	int red_flag;
	int ticked;
};

struct mrun_phase {
	char *name;
	int64_t planned_ms;
	int64_t used_ms;
};

/* What the band above the notes shows. */
enum mrun_band {
	MRUN_BAND_NONE,
	MRUN_BAND_FOLLOWUP,	/* the interviewer asks */
	MRUN_BAND_ANSWER,	/* the reply to a clarifying question */
	MRUN_BAND_NOTICE,	/* the interviewer moved the candidate on */
	MRUN_BAND_HINT,
};

struct mrun {
	/* Set once by the app (copied). */
	int interviewer;	/* run for a candidate: a checklist to tick */
	int behavioural;	/* a question at a time, a story each */
	char *title;		/* the scenario's */
	char *subtitle;		/* "system design · 45 min" */
	char *prompt;		/* Markdown */
	char *prompt_line;	/* its first line as shown, for the fold */

	/* Copied in by the app from the session at every tick. */
	struct vec phases;	/* of struct mrun_phase */
	size_t cur;
	int64_t phase_left_ms;	/* negative: overrun */
	char left[16];		/* it as shown: "11:42", "+0:42" */
	int64_t elapsed_ms, total_ms;
	int paused;
	size_t hints_left;
	struct vec facts;	/* of char *: "question → answer" */
	struct vec hints;	/* of char *: the hints revealed */
	struct vec checks;	/* of struct mrun_check: the phase's */
	struct vec followups;	/* of char *: interviewer mode, to ask */
	/* Behavioural: the current question, its answer window, the story
	 * told for it (NULL: none chosen yet). */
	char *question;
	int64_t answer_ms, used_ms;
	char *story;

	/* The screen's own state. */
	struct notes notes;
	enum mrun_band band;
	char *band_text;
	int prompt_open, prompt_scroll, prompt_lines, prompt_rows;
	int confirm_end;
	int story_open;		/* the story picker */
	struct vec story_choices;	/* of char *; the last: a new story */
	size_t story_sel;
	char *status;		/* one line over the keys */

	/* What the app must do after UI_SAVE. */
	enum mrun_request req;
	size_t req_index;	/* MRUN_REQ_CHECK's point */
};

void mrun_init(struct mrun *r, const char *title, const char *subtitle,
	       const char *prompt);
void mrun_release(struct mrun *r);

/* Replaces the phases (names copied); the timers are set apart. */
void mrun_clear_phases(struct mrun *r);
void mrun_add_phase(struct mrun *r, const char *name, int64_t planned_ms,
		    int64_t used_ms);

/* Adds a fact obtained or a hint revealed (copied). */
void mrun_add_fact(struct mrun *r, const char *question, const char *answer);
void mrun_add_hint(struct mrun *r, const char *hint);
void mrun_clear_hints(struct mrun *r);
void mrun_add_followup(struct mrun *r, const char *question);

/* Behavioural: the question on show and the story told (copied; NULL
 * none), and the picker's choices (copied), a new story added last. */
void mrun_set_question(struct mrun *r, const char *question,
		       const char *story);
void mrun_add_story_choice(struct mrun *r, const char *label);

/* Replaces the checklist with the current phase's points (copied). */
void mrun_clear_checks(struct mrun *r);
void mrun_add_check(struct mrun *r, const char *label, int red_flag,
		    int ticked);

/* Shows text (copied) in the band until dismissed; NONE clears it. */
void mrun_set_band(struct mrun *r, enum mrun_band kind, const char *text);

/* A one-line message over the keys (copied); NULL clears it. */
void mrun_set_status(struct mrun *r, const char *msg);

const struct ui_keymap *mrun_keymap(const struct mrun *r);

/*
 * Handles one action; cp is the character for UI_A_CHAR.  Returns enum
 * ui_effect bits; with UI_SAVE, r->req says what to do.
 */
int mrun_handle(struct mrun *r, int act, uint32_t cp, int64_t now_ms);

/* Fills v (rows x cols set by ui_view_begin()), with the notes' cursor. */
void mrun_view(struct mrun *r, struct ui_view *v);

#endif
