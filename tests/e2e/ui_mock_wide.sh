#!/bin/sh
# Golden captures of the mock screens - running, coverage, rubric scoring,
# result - at 80x24 and 120x40.  TPMTRAIN_CLOCK_SCALE=0 stands the clock
# still, so every figure on them is exact: nothing is masked.  The second
# session has the first as its history: the result shows the last-5
# average and a trend.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

export TPMTRAIN_CLOCK_SCALE=0

# mock SIZE: one whole session at that terminal size, with goldens.
mock() {
	run "$TPMTRAIN mock mock-test"
	wait_for "phase 1 of 3   Clarify requirements"
	type_text "users: riders and drivers, 10M/day"
	keys Enter
	type_text "- ids: base62 of a counter; キャッシュ for hot links"
	keys Enter
	type_text "How many links a day?"
	keys C-r
	wait_for "the interviewer answers"
	keys C-g
	wait_for "── hint"
	keys C-t
	wait_for "3:00 left"
	golden "mock-run-$1"
	keys C-n
	wait_for "phase 2 of 3"
	keys C-n
	wait_for "phase 3 of 3"
	wait_for "What happens when one link gets a million clicks"
	golden "mock-followup-$1"
	keys C-e
	wait_for "end the interview now?"
	keys y
	wait_for "coverage · Design a link shortener"
	golden "mock-cover-$1"
	keys Enter
	wait_for "1 of 3 · Requirements"
	keys "$2" c
	type_text "asked for the load early"
	keys Enter
	wait_for "comment: asked for the load early"
	golden "mock-rubric-$1"
	keys Right 2 Right 3 Enter
	wait_for "save these scores?"
	keys y
	wait_for "result · Design a link shortener"
	golden "mock-result-$1"
	keys Enter
	wait_for "next mock"
	keys q
	wait_exit
}

start 80 24
mock 80x24 2
ok "golden mock screens at 80x24"
start 120 40
mock 120x40 4
ok "golden mock screens at 120x40, with a history"
