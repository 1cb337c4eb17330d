/*
 * Markdown to view lines, with libcmark.  The document is walked with
 * cmark's iterator rather than by recursion, so a hostile deck nesting ten
 * thousand block quotes costs memory in cmark, not stack here; past
 * MD_MAX_DEPTH levels the indentation simply stops growing.
 */
#include "ui/ui_int.h"

#include <cmark.h>
#include <stdio.h>
#include <string.h>

#include "core/xmalloc.h"

#define MD_MAX_DEPTH 16
/* Indentation stops growing when less than this is left for text. */
#define MD_MIN_TEXT 20

struct md_level {
	char first[16];		/* "• ", "12. ", "│ " */
	char cont[16];		/* what follows on later lines */
	int width;		/* cells of either */
	int used;		/* the first line has been written */
	cmark_node_type type;
	int tight;		/* lists */
	int ordered;
	int blocks_before;	/* lists: m->blocks when the list began */
	long number;		/* ordered lists: the next item's number */
	cmark_delim_type delim;
};

struct md {
	struct ui_text *out;
	int width;
	unsigned flags;
	struct md_level levels[MD_MAX_DEPTH];
	int depth;		/* levels in use */
	int overflow;		/* levels past MD_MAX_DEPTH, not stored */
	int indent;		/* cells taken by the levels */
	int blocks;		/* leaf blocks written */
	struct buf first, cont;	/* prefixes of the current leaf block */
	struct ui_wrap wrap;	/* the current paragraph or heading */
	unsigned attr;		/* emphasis in force */
	int link_depth;
	int cloze;		/* inside a cloze deletion */
};

/* cmark allocates through the x-wrappers: out of memory restores the
 * terminal like everything else, and tests see cmark's leaks. */
static cmark_mem md_mem = { xcalloc, xrealloc, xfree };

static void push_level(struct md *m, cmark_node_type type,
		       const char *first, const char *cont)
{
	struct md_level *l;
	int w = ui_str_width(first, strlen(first));

	/* Once a level is dropped, the ones inside it are too, so that
	 * pop_level() undoes them in order. */
	if (m->overflow || m->depth == MD_MAX_DEPTH ||
	    (w && m->width - m->indent - w < MD_MIN_TEXT)) {
		m->overflow++;
		return;
	}
	l = &m->levels[m->depth++];
	memset(l, 0, sizeof(*l));
	snprintf(l->first, sizeof(l->first), "%s", first);
	snprintf(l->cont, sizeof(l->cont), "%s", cont);
	l->width = w;
	l->type = type;
	m->indent += w;
}

static void pop_level(struct md *m)
{
	if (m->overflow) {
		m->overflow--;
		return;
	}
	if (m->depth) {
		m->indent -= m->levels[m->depth - 1].width;
		m->depth--;
	}
}

/*
 * 1 if the block about to start continues a tight list that has already
 * written a block: then no blank line goes before it (the items of a tight
 * list, and a list nested in one, sit on consecutive lines).
 */
static int in_tight_list(const struct md *m)
{
	for (int i = m->depth - 1; i >= 0; i--) {
		const struct md_level *l = &m->levels[i];

		if (l->type == CMARK_NODE_BLOCK_QUOTE)
			return 0;
		if (l->type == CMARK_NODE_LIST && l->tight &&
		    m->blocks > l->blocks_before)
			return 1;
	}
	return 0;
}

/* Builds the prefixes for a leaf block and writes the blank line before
 * it, unless it continues a tight list. */
static void begin_leaf(struct md *m)
{
	buf_clear(&m->first);
	buf_clear(&m->cont);
	if (m->blocks && !in_tight_list(m)) {
		/* The blank line keeps the quote bars already open, without
		 * trailing spaces. */
		struct buf *b = &m->first;

		for (int i = 0; i < m->depth && m->levels[i].used; i++)
			buf_adds(b, m->levels[i].cont);
		while (b->len && b->s[b->len - 1] == ' ')
			buf_setlen(b, b->len - 1);
		ui_text_newline(m->out);
		ui_text_add(m->out, UI_R_MARK, 0, b->s, b->len);
		buf_clear(b);
	}
	for (int i = 0; i < m->depth; i++) {
		struct md_level *l = &m->levels[i];

		buf_adds(&m->first, l->used ? l->cont : l->first);
		buf_adds(&m->cont, l->cont);
		l->used = 1;
	}
	m->blocks++;
}

static void leaf_wrap(struct md *m)
{
	begin_leaf(m);
	ui_wrap_begin(&m->wrap, m->out, m->width, m->first.s, m->cont.s,
		      UI_R_MARK);
}

static enum ui_role inline_role(const struct md *m)
{
	return m->link_depth ? UI_R_LINK : UI_R_TEXT;
}

/* Adds inline text, toggling the cloze role at the private-use marks. */
static void add_inline(struct md *m, const char *s, enum ui_role role)
{
	size_t len;

	if (!s)
		return;
	len = strlen(s);
	if (!(m->flags & UI_MD_CLOZE)) {
		ui_wrap_add(&m->wrap, role, m->attr, s, len);
		return;
	}
	while (len) {
		const char *open = strstr(s, UI_CLOZE_OPEN);
		const char *close = strstr(s, UI_CLOZE_CLOSE);
		const char *mark = open;
		size_t n;

		if (!mark || (close && close < mark))
			mark = close;
		n = mark ? (size_t)(mark - s) : len;
		ui_wrap_add(&m->wrap, m->cloze ? UI_R_CLOZE : role,
			    m->attr | (m->cloze ? UI_BOLD : 0u), s, n);
		if (!mark)
			break;
		m->cloze = mark == open;
		s = mark + 3;
		len -= n + 3;
	}
}

/* A code block or raw HTML: kept line for line, long lines split. */
static void add_literal_block(struct md *m, const char *s, enum ui_role role,
			      const char *indent)
{
	struct ui_wrap w;
	size_t len;

	if (!s)
		s = "";
	len = strlen(s);
	begin_leaf(m);
	buf_adds(&m->first, indent);
	buf_adds(&m->cont, indent);
	/* The literal ends with a newline; it is not another line. */
	if (len && s[len - 1] == '\n')
		len--;
	while (1) {
		const char *nl = memchr(s, '\n', len);
		size_t n = nl ? (size_t)(nl - s) : len;

		ui_wrap_begin(&w, m->out, m->width, m->first.s, m->cont.s,
			      UI_R_MARK);
		w.keep_spaces = 1;
		ui_wrap_add(&w, role, 0, s, n);
		ui_wrap_end(&w);
		if (!nl)
			break;
		/* Later lines continue the block: no bullet again. */
		buf_clear(&m->first);
		buf_add(&m->first, m->cont.s, m->cont.len);
		s += n + 1;
		len -= n + 1;
	}
}

static void rule_line(struct md *m)
{
	int n;

	begin_leaf(m);
	ui_text_newline(m->out);
	ui_text_add(m->out, UI_R_MARK, 0, m->first.s, m->first.len);
	n = m->width - ui_text_line_width(m->out, ui_text_n_lines(m->out) - 1);
	while (n-- > 0)
		ui_text_adds(m->out, UI_R_RULE, 0, ui_glyphs()->hrule);
}

static void enter_item(struct md *m)
{
	struct md_level *list = m->depth && !m->overflow
				? &m->levels[m->depth - 1] : NULL;
	char first[16], cont[16];
	int w;

	if (list && list->type == CMARK_NODE_LIST && list->ordered) {
		/* cmark caps a start at nine digits; a long list may still
		 * go on past it, so long. */
		snprintf(first, sizeof(first), "%ld%c ", list->number++,
			 list->delim == CMARK_PAREN_DELIM ? ')' : '.');
	} else {
		snprintf(first, sizeof(first), "%s ", ui_glyphs()->bullet);
	}
	w = ui_str_width(first, strlen(first));
	memset(cont, ' ', (size_t)w);
	cont[w] = '\0';
	push_level(m, CMARK_NODE_ITEM, first, cont);
}

static void enter_list(struct md *m, cmark_node *node)
{
	struct md_level *l;

	/* A list is a level of no width that carries the numbering. */
	push_level(m, CMARK_NODE_LIST, "", "");
	if (m->overflow)
		return;
	l = &m->levels[m->depth - 1];
	l->tight = cmark_node_get_list_tight(node);
	l->blocks_before = m->blocks;
	if (cmark_node_get_list_type(node) == CMARK_ORDERED_LIST) {
		l->ordered = 1;
		l->number = cmark_node_get_list_start(node);
		l->delim = cmark_node_get_list_delim(node);
	}
}

/* A link's address, when its text does not already say it. */
static void link_exit(struct md *m, cmark_node *node)
{
	const char *url = cmark_node_get_url(node);
	cmark_node *child = cmark_node_first_child(node);
	const char *text = NULL;

	if (child && !cmark_node_next(child) &&
	    cmark_node_get_type(child) == CMARK_NODE_TEXT)
		text = cmark_node_get_literal(child);
	if (!url || !*url)
		return;
	if (text && (!strcmp(text, url) ||
		     (!strncmp(url, "mailto:", 7) && !strcmp(text, url + 7))))
		return;
	ui_wrap_add(&m->wrap, UI_R_DIM, 0, " (", 2);
	ui_wrap_add(&m->wrap, UI_R_DIM, 0, url, strlen(url));
	ui_wrap_add(&m->wrap, UI_R_DIM, 0, ")", 1);
}

static void walk(struct md *m, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(node);
		int enter = ev == CMARK_EVENT_ENTER;

		switch (type) {
		case CMARK_NODE_BLOCK_QUOTE:
			if (enter) {
				char bar[16];

				snprintf(bar, sizeof(bar), "%s ",
					 ui_glyphs()->quote);
				push_level(m, type, bar, bar);
			} else {
				pop_level(m);
			}
			break;
		case CMARK_NODE_LIST:
			if (enter)
				enter_list(m, node);
			else
				pop_level(m);
			break;
		case CMARK_NODE_ITEM:
			if (enter)
				enter_item(m);
			else
				pop_level(m);
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			if (enter) {
				leaf_wrap(m);
				if (type == CMARK_NODE_HEADING)
					m->attr |= UI_BOLD;
			} else {
				ui_wrap_end(&m->wrap);
				m->attr = 0;
				m->cloze = 0;
			}
			break;
		case CMARK_NODE_CODE_BLOCK:
			add_literal_block(m, cmark_node_get_literal(node),
					  UI_R_CODE, "  ");
			break;
		case CMARK_NODE_HTML_BLOCK:
			add_literal_block(m, cmark_node_get_literal(node),
					  UI_R_DIM, "");
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			rule_line(m);
			break;
		case CMARK_NODE_TEXT:
			add_inline(m, cmark_node_get_literal(node),
				   inline_role(m));
			break;
		case CMARK_NODE_CODE:
			add_inline(m, cmark_node_get_literal(node), UI_R_CODE);
			break;
		case CMARK_NODE_HTML_INLINE:
			add_inline(m, cmark_node_get_literal(node), UI_R_DIM);
			break;
		case CMARK_NODE_SOFTBREAK:
			ui_wrap_add(&m->wrap, UI_R_TEXT, 0, " ", 1);
			break;
		case CMARK_NODE_LINEBREAK:
			ui_wrap_break(&m->wrap);
			break;
		case CMARK_NODE_EMPH:
			m->attr = enter ? m->attr | UI_ITALIC
					: m->attr & ~(unsigned)UI_ITALIC;
			break;
		case CMARK_NODE_STRONG:
			m->attr = enter ? m->attr | UI_BOLD
					: m->attr & ~(unsigned)UI_BOLD;
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			if (enter) {
				m->link_depth++;
				m->attr |= UI_UNDERLINE;
			} else {
				if (!--m->link_depth)
					m->attr &= ~(unsigned)UI_UNDERLINE;
				link_exit(m, node);
			}
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

void ui_md_render(struct ui_text *out, const char *md, size_t len, int width,
		  unsigned flags)
{
	cmark_parser *parser;
	cmark_node *doc;
	struct md m;

	if (width < 1)
		width = 1;
	memset(&m, 0, sizeof(m));
	m.out = out;
	m.width = width;
	m.flags = flags;
	buf_init(&m.first);
	buf_init(&m.cont);
	parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &md_mem);
	cmark_parser_feed(parser, md, len);
	doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	walk(&m, doc);
	cmark_node_free(doc);
	buf_release(&m.first);
	buf_release(&m.cont);
}
