/*
 * A study item's question and answer as view lines: which field is asked
 * (reverse items swap them), and cloze deletions hidden or revealed in
 * place.  Deck text is Markdown; see ui_md_render().
 */
#include "ui/ui_card.h"

#include <string.h>

#include "core/buf.h"

/* Text with the private-use cloze marks replaced, so that only ours count. */
static void add_clean(struct buf *b, const char *s, size_t len)
{
	static const char repl[] = "\xef\xbf\xbd";	/* U+FFFD */

	while (len) {
		const char *m = memchr(s, '\xee', len);
		size_t n = m ? (size_t)(m - s) : len;

		buf_add(b, s, n);
		if (!m)
			break;
		s += n;
		len -= n;
		if (len >= 3 && s[1] == '\x80' &&
		    (s[2] == '\x80' || s[2] == '\x81')) {
			buf_add(b, repl, 3);
			s += 3;
			len -= 3;
		} else {
			buf_addch(b, *s);
			s++;
			len--;
		}
	}
}

void ui_cloze_markdown(struct buf *out, const char *text, int num, int reveal)
{
	size_t off = 0, done = 0;
	struct cloze_deletion del;

	while (cloze_next(text, &off, &del)) {
		add_clean(out, text + done, del.start - done);
		done = del.end;
		if (!del.num) {
			/* Malformed (lint reports it): shown as written. */
			add_clean(out, text + del.start, del.end - del.start);
			continue;
		}
		if (del.num != num) {
			add_clean(out, text + del.answer, del.answer_len);
			continue;
		}
		buf_adds(out, UI_CLOZE_OPEN);
		if (reveal) {
			add_clean(out, text + del.answer, del.answer_len);
		} else {
			/* Brackets escaped: "[hint]" is not a link label. */
			buf_adds(out, "\\[");
			if (del.hint_len)
				add_clean(out, text + del.hint, del.hint_len);
			else
				buf_adds(out, "...");
			buf_adds(out, "\\]");
		}
		buf_adds(out, UI_CLOZE_CLOSE);
	}
	add_clean(out, text + done, strlen(text + done));
}

static void render(struct ui_text *out, const char *md, int width)
{
	if (md && *md)
		ui_md_render(out, md, strlen(md), width, 0);
}

/* A cloze item's text, its deletion hidden, or shown with reveal. */
static void render_cloze(struct ui_text *out, const struct item *it,
			 int width, int reveal)
{
	const char *text = it->card->text.s;
	struct buf b;

	buf_init(&b);
	ui_cloze_markdown(&b, text ? text : "", it->variant, reveal);
	ui_md_render(out, b.s, b.len, width, UI_MD_CLOZE);
	buf_release(&b);
}

void ui_card_question(struct ui_text *out, const struct item *it, int width)
{
	const struct card *c = it->card;

	if (c->type == CARD_CLOZE && it->variant > 0) {
		render_cloze(out, it, width, 0);
		return;
	}
	render(out, it->variant == ITEM_REVERSE ? c->back.s : c->front.s,
	       width);
}

void ui_card_answer(struct ui_text *out, const struct item *it, int width)
{
	const struct card *c = it->card;

	if (c->type == CARD_CLOZE && it->variant > 0) {
		render_cloze(out, it, width, 1);
		/* A cloze card's back is extra notes, under the text. */
		if (c->back.s && *c->back.s) {
			ui_text_newline(out);
			render(out, c->back.s, width);
		}
		return;
	}
	render(out, it->variant == ITEM_REVERSE ? c->front.s : c->back.s,
	       width);
}

void ui_item_tags(const struct item *it, struct buf *out)
{
	const struct card *c = it->card;
	const struct lstr_list *lists[2] = { &c->tags,
					     c->deck ? &c->deck->tags : NULL };

	for (int k = 0; k < 2; k++) {
		if (!lists[k])
			continue;
		for (size_t i = 0; i < lists[k]->n; i++) {
			if (out->len)
				buf_addch(out, ' ');
			buf_adds(out, lists[k]->v[i].s);
		}
	}
}
