/* Key-point coverage of the notes, per phase. */
#include "mock/mock.h"

#include <string.h>

#include "core/buf.h"
#include "core/vec.h"
#include "core/xmalloc.h"
#include "loader/loader.h"
#include "match/match.h"

/* The line of the notes that holds byte off of the joined text. */
static long line_of(const size_t *starts, size_t n, size_t off)
{
	size_t lo = 0, hi = n;

	/* The last line that starts at or before off. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return n ? (long)lo : -1;
}

static void check_points(const struct key_point *kps, size_t n, int phase,
			 int red_flag, const char *text, size_t len,
			 const size_t *starts, size_t n_lines, struct vec *out,
			 size_t *covered)
{
	struct match_set set;
	struct match_hit *hits;

	if (!n)
		return;
	match_set_init(&set, kps, n);
	hits = xcalloc(n, sizeof(*hits));
	match_set_check(&set, text, len, hits);
	for (size_t k = 0; k < n; k++) {
		struct mock_cover *c = vec_push(out);

		c->phase = phase;
		c->label = kps[k].label.s;
		c->red_flag = red_flag;
		c->covered = hits[k].cover == MATCH_COVERED;
		c->limit = hits[k].cover == MATCH_LIMIT;
		c->line = c->covered ? line_of(starts, n_lines, hits[k].start)
				     : -1;
		*covered += (size_t)c->covered;
	}
	xfree(hits);
	match_set_release(&set);
}

size_t mock_coverage(const struct scenario *s, const struct mock_note *notes,
		     size_t n_notes, struct vec *out)
{
	size_t *starts = xcalloc(n_notes + 1, sizeof(*starts));
	size_t covered = 0, raised = 0;
	struct buf text;

	/*
	 * One text, lines joined by newlines, so a pattern about words
	 * being near each other (match.h) can span a line break.
	 */
	buf_init(&text);
	for (size_t i = 0; i < n_notes; i++) {
		if (i)
			buf_addch(&text, '\n');
		starts[i] = text.len;
		buf_adds(&text, notes[i].text);
	}
	out->len = 0;
	for (size_t p = 0; p < s->n_phases; p++) {
		check_points(s->phases[p].key_points.v,
			     s->phases[p].key_points.n, (int)p, 0,
			     text.s ? text.s : "", text.len, starts, n_notes,
			     out, &covered);
		check_points(s->phases[p].red_flags.v,
			     s->phases[p].red_flags.n, (int)p, 1,
			     text.s ? text.s : "", text.len, starts, n_notes,
			     out, &raised);
	}
	buf_release(&text);
	xfree(starts);
	/* Each red flag raised takes back one covered point (README). */
	return covered > raised ? covered - raised : 0;
}
