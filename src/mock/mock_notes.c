/* The notes pad's lines with their phases, and clarifying questions. */
#include "mock/mock.h"

#include <string.h>

#include "core/err.h"
#include "core/xmalloc.h"
#include "loader/loader.h"
#include "match/match.h"
#include "mock/mock_int.h"

/* How far ahead mock_notes_set_text() looks for a line kept as it was. */
#define KEEP_WINDOW 256

size_t mock_notes_count(const struct mock *m)
{
	return m->notes.len;
}

const struct mock_note *mock_note_at(const struct mock *m, size_t i)
{
	return i < m->notes.len ? vec_at(&m->notes, i) : NULL;
}

size_t mock_notes_bytes(const struct mock *m)
{
	size_t n = 0;

	for (size_t i = 0; i < m->notes.len; i++)
		n += strlen(((struct mock_note *)vec_at(&m->notes, i))->text)
		     + 1;
	return n;
}

/* The part of text (len bytes, up to a newline) that fits in room. */
static size_t line_len(const char *text, size_t len, size_t room)
{
	const char *nl = memchr(text, '\n', len);

	if (nl)
		len = (size_t)(nl - text);
	return len < room ? len : room;
}

static size_t room_left(const struct mock *m, size_t minus)
{
	size_t used = mock_notes_bytes(m) - minus;

	return used < MOCK_MAX_NOTES_BYTES ? MOCK_MAX_NOTES_BYTES - used : 0;
}

int mock_note_set(struct mock *m, size_t i, const char *text, size_t len)
{
	struct mock_note *n;
	size_t room, keep;

	if (i >= m->notes.len)
		return mock_note_insert(m, m->notes.len, text, len);
	n = vec_at(&m->notes, i);
	room = room_left(m, strlen(n->text) + 1);
	keep = line_len(text, len, room);
	xfree(n->text);
	n->text = xstrndup(text, keep);
	return keep < len ? TPM_ETOOBIG : 0;
}

int mock_note_insert(struct mock *m, size_t i, const char *text, size_t len)
{
	size_t room = room_left(m, 0), keep;
	struct mock_note *n;

	if (i > m->notes.len)
		i = m->notes.len;
	if (!room)
		return TPM_ETOOBIG;
	keep = line_len(text, len, room - 1);
	vec_push(&m->notes);
	n = vec_at(&m->notes, i);
	memmove(n + 1, n, (m->notes.len - 1 - i) * sizeof(*n));
	n->text = xstrndup(text, keep);
	n->phase = (int)m->cur;
	return keep < len ? TPM_ETOOBIG : 0;
}

void mock_note_remove(struct mock *m, size_t i)
{
	struct mock_note *n;

	if (i >= m->notes.len)
		return;
	n = vec_at(&m->notes, i);
	xfree(n->text);
	memmove(n, n + 1, (m->notes.len - 1 - i) * sizeof(*n));
	m->notes.len--;
}

/* The old line equal to line (len bytes) from *from on, marked used. */
static int keep_phase(struct mock_note *old, size_t n_old, char *used,
		      size_t *from, const char *line, size_t len)
{
	size_t end = *from + KEEP_WINDOW < n_old ? *from + KEEP_WINDOW : n_old;

	for (size_t k = *from; k < end; k++) {
		if (used[k] || strlen(old[k].text) != len ||
		    memcmp(old[k].text, line, len))
			continue;
		used[k] = 1;
		*from = k + 1;
		return old[k].phase;
	}
	return -1;
}

int mock_notes_set_text(struct mock *m, const char *text, size_t len)
{
	size_t n_old, from = 0, room = MOCK_MAX_NOTES_BYTES, off = 0;
	struct mock_note *old = vec_detach(&m->notes, &n_old);
	char *used = xcalloc(n_old ? n_old : 1, 1);
	int ret = 0;

	vec_init(&m->notes, sizeof(struct mock_note));
	/* A final newline ends the last line; it does not start one. */
	while (off < len) {
		size_t l = line_len(text + off, len - off, (size_t)-1);
		size_t keep = l < room ? l : room;
		struct mock_note *n;
		int phase;

		if (!room) {
			ret = TPM_ETOOBIG;
			break;
		}
		phase = keep_phase(old, n_old, used, &from, text + off, keep);
		n = vec_push(&m->notes);
		n->text = xstrndup(text + off, keep);
		n->phase = phase >= 0 ? phase : (int)m->cur;
		room -= keep < room ? keep + 1 : room;
		if (keep < l)
			ret = TPM_ETOOBIG;
		off += l + 1;
	}
	for (size_t k = 0; k < n_old; k++)
		xfree(old[k].text);
	xfree(old);
	xfree(used);
	return ret;
}

void mock_notes_text(const struct mock *m, struct buf *out)
{
	for (size_t i = 0; i < m->notes.len; i++) {
		if (i)
			buf_addch(out, '\n');
		buf_adds(out, ((struct mock_note *)vec_at(&m->notes, i))->text);
	}
}

void mock_question_add(struct mock *m, const char *text, int clarification,
		       int phase, int64_t elapsed_ms)
{
	struct mock_question *q;

	if (m->questions.len >= MOCK_MAX_QUESTIONS)
		return;
	q = vec_push(&m->questions);
	q->text = xstrdup(text);
	q->clarification = clarification;
	q->phase = phase;
	q->elapsed_ms = elapsed_ms;
}

const char *mock_ask(struct mock *m, const char *question)
{
	int found = -1;

	for (size_t i = 0; i < m->n_asks && found < 0; i++)
		if (m->asks[i] && match_pattern_find(m->asks[i], question,
						     strlen(question), NULL,
						     NULL) > 0)
			found = (int)i;
	mock_question_add(m, question, found, (int)m->cur, m->elapsed_ms);
	return found >= 0 ? m->scenario->clarifications.v[found].answer.s
			  : MOCK_NEUTRAL_REPLY;
}

const char *mock_question_answer(const struct mock *m,
				 const struct mock_question *q)
{
	if (q->clarification >= 0 &&
	    (size_t)q->clarification < m->scenario->clarifications.n)
		return m->scenario->clarifications.v[q->clarification].answer.s;
	return MOCK_NEUTRAL_REPLY;
}
