/*
 * The story bank against the competencies (issue 12): which competencies
 * have a story, which stories are stretched over too many, and which were
 * rehearsed for what, with the score.
 */
#include "mock/mock.h"

#include <string.h>

#include "core/quote.h"
#include "core/xmalloc.h"
#include "store/store.h"

static long competency_index(const struct mock_story_matrix *m,
			     const char *c, size_t len)
{
	for (size_t i = 0; i < m->n_competencies; i++)
		if (strlen(m->competencies[i]) == len &&
		    !memcmp(m->competencies[i], c, len))
			return (long)i;
	return -1;
}

static long story_index(const struct mock_story_matrix *m, const char *id)
{
	for (size_t i = 0; i < m->n_rows; i++)
		if (m->rows[i].story->id.s &&
		    !strcmp(m->rows[i].story->id.s, id))
			return (long)i;
	return -1;
}

/* Newest first: the first rehearsal seen of a cell is its score. */
static int rehearsal(void *ctx, const struct store_story_row *row)
{
	struct mock_story_matrix *m = ctx;
	long s = story_index(m, row->story);
	const char *p = row->competencies;

	if (s < 0)
		return 0;	/* a story no longer in the bank */
	if (m->rows[s].last_score < 0) {
		m->rows[s].last_score = row->score;
		m->rows[s].last_at = row->started_at;
	}
	while (*p) {
		size_t len = strcspn(p, " ");
		long c = competency_index(m, p, len);
		size_t at = (size_t)c * m->n_rows + (size_t)s;

		if (c >= 0 && m->scores[at] < 0) {
			if (m->cells[at] == MOCK_CELL_NONE)
				m->n_stories[c]++;
			m->cells[at] = MOCK_CELL_REHEARSED;
			m->scores[at] = row->score;
		}
		p += len;
		p += strspn(p, " ");
	}
	return 0;
}

static void claims(struct mock_story_matrix *m, size_t s)
{
	const struct lstr_list *l = &m->rows[s].story->competencies;

	for (size_t k = 0; k < l->n; k++) {
		long c = competency_index(m, l->v[k].s, strlen(l->v[k].s));
		size_t at = (size_t)c * m->n_rows + s;

		if (c < 0 || m->cells[at] != MOCK_CELL_NONE)
			continue;	/* unknown (lint says so) or twice */
		m->cells[at] = MOCK_CELL_CLAIMED;
		m->n_stories[c]++;
		m->rows[s].n_competencies++;
	}
	m->rows[s].stretched = m->rows[s].n_competencies > MOCK_STORY_STRETCH;
}

int mock_story_matrix(const struct library *lib, struct store *st,
		      struct mock_story_matrix *m)
{
	size_t n_cells;
	int ret;

	memset(m, 0, sizeof(*m));
	m->n_competencies = library_competencies(lib, m->competencies,
						 LIBRARY_MAX_COMPETENCIES);
	if (m->n_competencies > LIBRARY_MAX_COMPETENCIES)
		m->n_competencies = LIBRARY_MAX_COMPETENCIES;
	m->n_rows = lib->n_stories;
	m->rows = xcalloc(m->n_rows + 1, sizeof(*m->rows));
	n_cells = m->n_competencies * m->n_rows;
	m->cells = xcalloc(n_cells + 1, sizeof(*m->cells));
	m->scores = xmalloc((n_cells + 1) * sizeof(*m->scores));
	m->n_stories = xcalloc(m->n_competencies + 1, sizeof(*m->n_stories));
	for (size_t i = 0; i < n_cells; i++)
		m->scores[i] = -1;
	for (size_t s = 0; s < m->n_rows; s++) {
		m->rows[s].story = &lib->stories[s];
		m->rows[s].last_score = -1;
		claims(m, s);
	}
	ret = m->n_rows ? store_story_each(st, rehearsal, m) : 0;
	if (ret < 0) {
		mock_story_matrix_release(m);
		return ret;
	}
	return 0;
}

void mock_story_matrix_release(struct mock_story_matrix *m)
{
	xfree(m->rows);
	xfree(m->cells);
	xfree(m->scores);
	xfree(m->n_stories);
	memset(m, 0, sizeof(*m));
}

/* Widest competency name, for the grid's first column. */
static int name_width(const struct mock_story_matrix *m)
{
	size_t w = strlen("competency");

	for (size_t i = 0; i < m->n_competencies; i++)
		if (strlen(m->competencies[i]) > w)
			w = strlen(m->competencies[i]);
	return (int)w;
}

static void grid(const struct mock_story_matrix *m, const char *const mark[3],
		 struct buf *out)
{
	int w = name_width(m);

	buf_addf(out, "%-*s", w, "competency");
	for (size_t s = 0; s < m->n_rows; s++)
		buf_addf(out, " %4zu", s + 1);
	buf_addch(out, '\n');
	for (size_t c = 0; c < m->n_competencies; c++) {
		buf_addf(out, "%-*s", w, m->competencies[c]);
		for (size_t s = 0; s < m->n_rows; s++) {
			size_t at = c * m->n_rows + s;

			if (m->cells[at] == MOCK_CELL_REHEARSED)
				buf_addf(out, " %3.0f%%", m->scores[at]);
			else
				buf_addf(out, "    %s", mark[m->cells[at]]);
		}
		if (!m->n_stories[c])
			buf_adds(out, "  no story");
		buf_addch(out, '\n');
	}
}

void mock_story_matrix_text(const struct mock_story_matrix *m,
			    const char *const mark[3],
			    void (*day)(void *ctx, int64_t utc_ms,
					char out[16]),
			    void *ctx, struct buf *out)
{
	char when[16];

	grid(m, mark, out);
	buf_addch(out, '\n');
	if (!m->n_rows)
		buf_adds(out, "no stories yet: tpmtrain stories edit makes "
			 "the bank\n");
	for (size_t s = 0; s < m->n_rows; s++) {
		const struct mock_story_row *r = &m->rows[s];

		/* The id is [a-z0-9-]; the title is the user's text. */
		buf_addf(out, "%4zu  %s  ", s + 1, r->story->id.s);
		quote_add(out, r->story->title.s, strlen(r->story->title.s),
			  60);
		buf_addf(out, "  %zu competenc%s%s  ", r->n_competencies,
			 r->n_competencies == 1 ? "y" : "ies",
			 r->stretched ? " (stretched)" : "");
		if (r->last_score < 0) {
			buf_adds(out, "never rehearsed\n");
		} else {
			day(ctx, r->last_at, when);
			buf_addf(out, "last rehearsed %s: %.0f%%\n", when,
				 r->last_score);
		}
	}
}
