#ifndef TPM_UI_UI_TERM_H
#define TPM_UI_UI_TERM_H

/*
 * The terminal: the only code that calls curses (tmux's tty layer).  It
 * draws a struct ui_view and reads keys as enum ui_key values; it knows
 * nothing of cards or screens.
 *
 * Signals: SIGWINCH comes back as UI_KEY_RESIZE (curses' handler); Ctrl-Z
 * only sets a flag (ui_term_stop_asked()), and ui_term_suspend() stops;
 * SIGINT, SIGTERM and SIGHUP only set a flag (ui_term_interrupted()),
 * so the run loop leaves through its normal path and the terminal is
 * restored.  The x-alloc fatal hook ends curses before the process aborts.
 */

#include "ui/ui_int.h"

/*
 * Takes over the terminal.  Returns 0, or TPM_EINVAL when standard input
 * or output is not a terminal or curses cannot drive it (TERM unknown);
 * the terminal is then untouched.
 */
int ui_term_start(void);

/* Gives the terminal back as it was.  Safe to call twice. */
void ui_term_stop(void);

/* 1 between ui_term_start() and ui_term_stop(). */
int ui_term_active(void);

/* The terminal's size now. */
void ui_term_size(int *rows, int *cols);

/* Replaces the screen with v, and shows the cursor where v says. */
void ui_term_draw(const struct ui_view *v);

/*
 * Waits up to timeout_ms (-1: for ever) for a key.  Returns the key, or 0
 * on timeout or when a signal arrived (check ui_term_interrupted()).
 */
int ui_term_read(int timeout_ms);

/* The signal that asked to quit (SIGINT, SIGTERM, SIGHUP), or 0. */
int ui_term_interrupted(void);

/*
 * 1 if Esc is waiting in the input or a signal to quit came: for a long
 * computation to stop early.  Any other key waiting is left for the loop.
 */
int ui_term_cancel_pending(void);

/*
 * Ctrl-Z (SIGTSTP) asked to stop: 1 until ui_term_suspend(), which gives
 * the terminal back, stops the process, and takes the terminal over again
 * once it is continued (fg).  The loop saves what must not be lost
 * between the two.
 */
int ui_term_stop_asked(void);
void ui_term_suspend(void);

/* Rings the terminal's bell once. */
void ui_term_bell(void);

/*
 * Runs fn(ctx) with the terminal given back (for $EDITOR), then takes it
 * over again and forces a full redraw.  Returns what fn returned.
 */
int ui_term_escape(int (*fn)(void *ctx), void *ctx);

#endif
