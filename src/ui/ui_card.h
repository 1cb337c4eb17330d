#ifndef TPM_UI_UI_CARD_H
#define TPM_UI_UI_CARD_H

/*
 * What a study item shows: the question, the answer, its tags.  Pure;
 * the library owns the items, which must outlive the calls.
 */

#include "core/buf.h"
#include "loader/loader.h"
#include "ui/ui_int.h"

/*
 * Appends the Markdown of cloze text for deletion num: the other
 * deletions as their answers, num hidden as "[...]" or "[hint]", or
 * revealed, between the UI_CLOZE_OPEN and UI_CLOZE_CLOSE marks (any such
 * characters in the deck text become U+FFFD first).
 */
void ui_cloze_markdown(struct buf *out, const char *text, int num,
		       int reveal);

/* The question of it: the front, the back for a reverse item, or the
 * cloze text with its deletion hidden; rendered width cells wide. */
void ui_card_question(struct ui_text *out, const struct item *it, int width);

/* The answer: the back (front for a reverse item), or the cloze text with
 * its deletion revealed in place followed by the back. */
void ui_card_answer(struct ui_text *out, const struct item *it, int width);

/* Appends the item's tags and its deck's, space-separated. */
void ui_item_tags(const struct item *it, struct buf *out);

#endif
