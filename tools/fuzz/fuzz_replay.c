/*
 * The batch reader fuzz target: any bytes as a review history read line by
 * line (buf_read_line(), NULs, CRs and over-long lines included) and run
 * through the replay engine.  Checks what the engine promises: a line is a
 * row, skipped or an error with a message; a message carries no byte a
 * terminal would act on (no C0 or C1 control, no escape, valid UTF-8); a
 * row's id has no control character; a card's reviews never go back in
 * time.
 *
 * The first byte chooses the parameters (fuzz, short-term, steps).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/lines.h"
#include "core/utf8.h"
#include "sched/sched_replay.h"

static void check_message(const struct buf *err)
{
	size_t bad;

	if (!err->len || !utf8_valid(err->s, err->len, &bad))
		abort();
	for (size_t i = 0; i < err->len;) {
		uint32_t cp;
		size_t n = utf8_decode(err->s + i, err->len - i, &cp);

		if (!n || utf8_is_control(cp) || cp == '\t' || cp == '\n')
			abort();
		i += n;
	}
}

/* Rows the engine ran: ids without controls, each at its review. */
static void check_rows(struct replay *r)
{
	const struct replay_row *rows;
	size_t n = replay_take(r, &rows);

	for (size_t i = 0; i < n; i++) {
		for (const char *c = rows[i].id; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				abort();
		if (rows[i].review.card.last_review != rows[i].t)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fsrs_params p;
	struct replay r;
	struct buf err;
	struct line_reader lr;
	char *line;
	size_t len;
	FILE *f;
	int too_long;

	if (!size)
		return 0;
	fsrs_params_default(&p);
	p.enable_fuzz = data[0] & 1;
	p.enable_short_term = !(data[0] & 2);
	if (data[0] & 4)
		p.n_learning_steps = 0;
	f = fmemopen((void *)(data + 1), size - 1 ? size - 1 : 1, "r");
	if (!f)
		return 0;
	replay_init(&r, &p);
	buf_init(&err);
	line_reader_init(&lr, f, REPLAY_MAX_LINE);
	while (size > 1 && line_reader_next(&lr, &line, &len, &too_long)) {
		int ret;

		buf_clear(&err);
		ret = replay_line(&r, line, len, too_long, &err);
		check_rows(&r);
		if (ret != REPLAY_ROW && ret != REPLAY_SKIP) {
			if (ret != TPM_EFORMAT)
				abort();
			check_message(&err);
		}
	}
	replay_finish(&r);
	check_rows(&r);
	line_reader_release(&lr);
	fclose(f);
	buf_release(&err);
	replay_release(&r);
	return 0;
}
