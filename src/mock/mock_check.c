/*
 * Interviewer mode's checklist: the interviewer ticks each key point as
 * the candidate makes it (and each red flag as they raise it); the ticks
 * are the session's coverage.
 */
#include "mock/mock.h"

#include "loader/loader.h"

/* Where phase's points start in m->checked, and how many it has. */
static size_t points_of(const struct mock *m, size_t phase, size_t *n)
{
	size_t off = 0;

	for (size_t i = 0; i < phase; i++)
		off += m->phases[i].src->key_points.n +
		       m->phases[i].src->red_flags.n;
	*n = m->phases[phase].src->key_points.n +
	     m->phases[phase].src->red_flags.n;
	return off;
}

int mock_check(struct mock *m, size_t phase, size_t i)
{
	size_t n, off;

	if (!m->checked || phase >= m->n_phases)
		return -1;
	off = points_of(m, phase, &n);
	if (i >= n)
		return -1;
	m->checked[off + i] = !m->checked[off + i];
	return m->checked[off + i];
}

int mock_checked(const struct mock *m, size_t phase, size_t i)
{
	size_t n, off;

	if (!m->checked || phase >= m->n_phases)
		return 0;
	off = points_of(m, phase, &n);
	return i < n && m->checked[off + i];
}

size_t mock_checked_coverage(const struct mock *m, struct vec *out)
{
	size_t covered = 0, raised = 0;

	out->len = 0;
	for (size_t p = 0; p < m->n_phases; p++) {
		const struct phase *ph = m->phases[p].src;
		size_t n_kp = ph->key_points.n;

		for (size_t i = 0; i < n_kp + ph->red_flags.n; i++) {
			struct mock_cover *c = vec_push(out);
			int red = i >= n_kp;

			c->phase = (int)p;
			c->label = red ? ph->red_flags.v[i - n_kp].label.s
				       : ph->key_points.v[i].label.s;
			c->covered = mock_checked(m, p, i);
			c->red_flag = red;
			c->limit = 0;
			c->line = -1;
			if (c->covered)
				*(red ? &raised : &covered) += 1;
		}
	}
	return covered > raised ? covered - raised : 0;
}
