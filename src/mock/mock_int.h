#ifndef TPM_MOCK_MOCK_INT_H
#define TPM_MOCK_MOCK_INT_H

/* Shared by the mock's files (mock.c, mock_notes.c, mock_record.c...). */
#include "mock/mock.h"

/* Lays out the follow-ups' slots over the phases (mock.c). */
void mock_plan_followups(struct mock *m);

/* Bytes of note text held, for MOCK_MAX_NOTES_BYTES. */
size_t mock_notes_bytes(const struct mock *m);

/* Records a question as asked (mock_notes.c), for mock_restore() too. */
void mock_question_add(struct mock *m, const char *text, int clarification,
		       int phase, int64_t elapsed_ms);

#endif
