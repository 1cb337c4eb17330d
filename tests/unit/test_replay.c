/*
 * The replay engine (sched/sched_replay.h) line by line, and the one
 * weights parser the settings and `replay --weights` share.
 */
#include "test_util.h"

#include "core/buf.h"
#include "core/err.h"
#include "core/lines.h"
#include "sched/sched.h"
#include "sched/sched_replay.h"

struct fixture {
	struct fsrs_params p;
	struct replay r;
	struct buf line, err;
	struct replay_row row;
};

/*
 * The engine of one test, opened and closed inside it: cmocka counts as
 * leaked what a test allocates and does not free itself.
 */
static void open_f(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	fsrs_params_default(&f->p);
	replay_init(&f->r, &f->p);
	buf_init(&f->line);
	buf_init(&f->err);
}

static void close_f(struct fixture *f)
{
	replay_release(&f->r);
	buf_release(&f->line);
	buf_release(&f->err);
}

/*
 * Replays text (len bytes, NULs allowed) as one line, and runs it: the
 * result, with its row in f->row.
 */
static int line_n(struct fixture *f, const char *text, size_t len)
{
	const struct replay_row *rows;
	int rc;

	buf_clear(&f->line);
	buf_add(&f->line, text, len);
	buf_clear(&f->err);
	rc = replay_line(&f->r, f->line.s, f->line.len, 0, &f->err);
	replay_finish(&f->r);
	if (replay_take(&f->r, &rows) == 1)
		f->row = rows[0];
	else
		assert_int_not_equal(rc, REPLAY_ROW);
	return rc;
}

static int line(struct fixture *f, const char *text)
{
	return line_n(f, text, strlen(text));
}

static void replay_skips_the_header_and_blank_lines(void **state)
{
	struct fixture fx, *f = &fx;

	(void)state;
	open_f(f);
	assert_int_equal(line(f, "  "), REPLAY_SKIP);
	assert_int_equal(line(f, "Card_ID, review_time ,RATING"), REPLAY_SKIP);
	assert_int_equal(line(f, "a,1735689600000,3"), REPLAY_ROW);
	/* A header after the first line is a bad line. */
	assert_int_equal(line(f, "card_id,review_time,rating"), TPM_EFORMAT);
	assert_string_equal(f->err.s, "bad review time 'review_time' "
			    "(expected Unix milliseconds or ISO 8601 UTC "
			    "such as 2025-01-31T09:00:00Z)");
	close_f(f);
}

/* Each row is the scheduler's review of the card's state so far. */
static void replay_rows_follow_each_card(void **state)
{
	struct fixture fx, *f = &fx;
	struct fsrs_card card;
	struct fsrs_review want;
	const int64_t t0 = INT64_C(1735689600000);

	(void)state;
	open_f(f);
	assert_int_equal(line(f, "\"x,1\",2025-01-01T00:00:00Z,good"),
			 REPLAY_ROW);
	assert_string_equal(f->row.id, "x,1");
	assert_int_equal(f->row.t, t0);
	fsrs_card_new(&card, t0);
	fsrs_review(&f->p, &card, FSRS_GOOD, t0, &want);
	assert_int_equal(f->row.review.card.due, want.card.due);
	assert_true(f->row.review.card.stability == want.card.stability);

	card = want.card;
	assert_int_equal(line(f, "x\\,1,1735690200000,1"), TPM_EFORMAT);
	assert_int_equal(line(f, "\"x,1\" , 1735690200000 , 1"), REPLAY_ROW);
	fsrs_review(&f->p, &card, FSRS_AGAIN, t0 + 600000, &want);
	assert_int_equal(f->row.review.card.state, want.card.state);
	assert_int_equal(f->row.review.card.due, want.card.due);
	close_f(f);
}

static void replay_reports_bad_lines_and_changes_nothing(void **state)
{
	struct fixture fx, *f = &fx;

	(void)state;
	open_f(f);
	assert_int_equal(line(f, "a,1735689600000,3"), REPLAY_ROW);
	assert_int_equal(line(f, "a,1735689000000,3"), TPM_EFORMAT);
	assert_string_equal(f->err.s, "card 'a' reviewed at "
			    "2024-12-31T23:50:00Z, before its previous review "
			    "at 2025-01-01T00:00:00Z");
	assert_int_equal(line(f, "a,1,2,3"), TPM_EFORMAT);
	assert_string_equal(f->err.s, "expected 3 fields (card_id,"
			    "review_time,rating), found 4");
	assert_int_equal(line(f, "\"a,1,3"), TPM_EFORMAT);
	assert_string_equal(f->err.s, "unclosed quote or text after a "
			    "closing quote");
	assert_int_equal(line(f, ",1,3"), TPM_EFORMAT);
	assert_string_equal(f->err.s, "empty card id");
	assert_int_equal(line(f, "a,99999999999999999999,3"), TPM_EFORMAT);
	assert_string_equal(f->err.s, "review time '99999999999999999999' "
			    "is out of range");
	assert_int_equal(line(f, "a,1735689600000,5"), TPM_EFORMAT);
	assert_string_equal(f->err.s, "bad rating '5' (expected 1-4 or "
			    "again, hard, good, easy)");
	/* The card is as the first line left it. */
	assert_int_equal(line(f, "a,1735690200000,3"), REPLAY_ROW);
	assert_int_equal(f->row.review.card.reps, 2);
	close_f(f);
}

/* What the batch test sent, and what it has checked so far. */
struct sent {
	struct fsrs_params *p;
	int card[3000], g[3000];
	size_t n, taken;
	struct fsrs_card want[7];
	int seen[7];
};

/* Checks the rows run so far against fsrs_review() card by card. */
static void check_taken(struct replay *r, struct sent *s)
{
	const struct replay_row *rows;

	for (size_t k = replay_take(r, &rows); k; k--, rows++) {
		int c = s->card[s->taken];
		struct fsrs_review want;

		assert_true(s->taken < s->n);
		assert_int_equal(atoi(rows->id + 1), c);
		if (!s->seen[c]++)
			fsrs_card_new(&s->want[c], rows->t);
		fsrs_review(s->p, &s->want[c], s->g[s->taken], rows->t, &want);
		assert_int_equal(rows->review.card.due, want.card.due);
		assert_true(rows->review.card.stability ==
			    want.card.stability);
		s->want[c] = want.card;
		s->taken++;
	}
}

/*
 * Reviews are run in batches, their fuzz hashed side by side: over a
 * stream of interleaved cards, with runs of one card and bad lines among
 * them, every row is still the scheduler's review of that card's state so
 * far, in input order, with the fuzz on.
 */
static void replay_batches_keep_each_card_in_order(void **state)
{
	struct fixture fx, *f = &fx;
	static struct sent s;
	int64_t t[7];
	uint32_t x = 99;

	(void)state;
	open_f(f);
	f->p.enable_fuzz = 1;
	memset(&s, 0, sizeof(s));
	s.p = &f->p;
	for (int c = 0; c < 7; c++)
		t[c] = INT64_C(1735689600000) + c;
	for (int i = 0; i < 3000; i++) {
		char text[64];
		int c, g, rc;

		x = x * 1103515245u + 12345u;
		c = (int)((x >> 8) % (x % 3 ? 7 : 2));
		g = 1 + (int)((x >> 20) % 4);
		t[c] += (int64_t)(x % 40) * 3600000;
		snprintf(text, sizeof(text), "c%d,%lld,%d", c,
			 (long long)t[c], x % 97 ? g : 9);
		buf_clear(&f->line);
		buf_adds(&f->line, text);
		rc = replay_line(&f->r, f->line.s, f->line.len, 0, &f->err);
		if (rc == REPLAY_ROW) {
			s.card[s.n] = c;
			s.g[s.n++] = g;
		}
		check_taken(&f->r, &s);
		/* A bad line is reported after every row before it. */
		if (rc < 0)
			assert_int_equal(s.taken, s.n);
	}
	replay_finish(&f->r);
	check_taken(&f->r, &s);
	assert_int_equal(s.taken, s.n);
	assert_true(s.n > 2900);
	close_f(f);
}

/* What reaches a message is escaped: ESC, C1, bidi, invalid bytes. */
static void replay_quotes_what_it_reports(void **state)
{
	struct fixture fx, *f = &fx;

	(void)state;
	open_f(f);
	assert_int_equal(line(f, "\x1b]0;x\x07,1,3"), TPM_EFORMAT);
	assert_string_equal(f->err.s, "card id '\\e]0;x\\x07' contains a "
			    "control character");
	assert_int_equal(line(f, "a,\xc2\x9b" "2J\xe2\x80\xae,3"),
			 TPM_EFORMAT);
	assert_non_null(strstr(f->err.s, "'\\u009b2J\\u202e'"));
	assert_int_equal(line(f, "a,1,\xff"), TPM_EFORMAT);
	assert_non_null(strstr(f->err.s, "'\\xff'"));
	assert_int_equal(line_n(f, "a,1\0,3", 6), TPM_EFORMAT);
	assert_string_equal(f->err.s, "line contains a NUL byte");
	close_f(f);
}

static void replay_reads_lines_with_their_length(void **state)
{
	struct fixture fx, *f = &fx;
	static const char in[] = "a,1,3\r\nb\0c\n\nlast";
	FILE *fp = fmemopen((void *)in, sizeof(in) - 1, "r");
	struct line_reader lr;
	char *s;
	size_t len;
	int too_long;

	(void)state;
	open_f(f);
	assert_non_null(fp);
	line_reader_init(&lr, fp, REPLAY_MAX_LINE);
	assert_int_equal(line_reader_next(&lr, &s, &len, &too_long), 1);
	assert_string_equal(s, "a,1,3");
	assert_int_equal(line_reader_next(&lr, &s, &len, &too_long), 1);
	assert_int_equal(len, 3);
	assert_memory_equal(s, "b\0c", 4);
	assert_int_equal(line_reader_next(&lr, &s, &len, &too_long), 1);
	assert_int_equal(len, 0);
	assert_int_equal(line_reader_next(&lr, &s, &len, &too_long), 1);
	assert_string_equal(s, "last");
	assert_int_equal(too_long, 0);
	assert_int_equal(line_reader_next(&lr, &s, &len, &too_long), 0);
	line_reader_release(&lr);
	fclose(fp);
	close_f(f);
}

/* Settings and replay read weights alike: commas, spaces or both. */
static void weights_parse_with_any_separator(void **state)
{
	double w[FSRS_N_WEIGHTS];
	size_t n;

	(void)state;
	assert_int_equal(fsrs_parse_weights("1, 2 3,4\t5", w, &n), 0);
	assert_int_equal(n, 5);
	assert_true(w[0] == 1 && w[2] == 3 && w[4] == 5);
	assert_int_equal(fsrs_parse_weights("  ", w, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(fsrs_parse_weights("1,2,x", w, &n), TPM_EFORMAT);
	assert_int_equal(n, 2);	/* the third is bad */
	assert_int_equal(fsrs_parse_weights("1,,2", w, &n), TPM_EFORMAT);
	assert_int_equal(fsrs_parse_weights("1,nan", w, &n), TPM_EFORMAT);
	assert_int_equal(fsrs_parse_weights("1e999", w, &n), TPM_EFORMAT);
	assert_int_equal(fsrs_parse_weights("1;2", w, &n), TPM_EFORMAT);
	assert_int_equal(fsrs_parse_weights("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 "
					    "0 0 0 0 0 0 0", w, &n),
			 TPM_ETOOBIG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(replay_skips_the_header_and_blank_lines),
		cmocka_unit_test(replay_rows_follow_each_card),
		cmocka_unit_test(replay_reports_bad_lines_and_changes_nothing),
		cmocka_unit_test(replay_batches_keep_each_card_in_order),
		cmocka_unit_test(replay_quotes_what_it_reports),
		cmocka_unit_test(replay_reads_lines_with_their_length),
		cmocka_unit_test(weights_parse_with_any_separator),
	};

	return cmocka_run_group_tests_name("replay", tests, NULL, NULL);
}
