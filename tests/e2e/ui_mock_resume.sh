#!/bin/sh
# Never lost: a mock killed with kill -9 in the middle continues with
# tpmtrain mock --resume, keeping every note typed more than 5 seconds
# before the kill, its timers where they stood; a session whose time ran
# out while it was gone goes straight to scoring.  Real time here (no
# clock scale), so that the 5 seconds are the ones a person has.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

elapsed() {
	sqlite3 "$DB" "SELECT elapsed_ms FROM mock_session ORDER BY id DESC
		       LIMIT 1"
}

start 80 24
run "$TPMTRAIN mock mock-test"
wait_for "phase 1 of 3   Clarify requirements"
type_text "users: riders and drivers"
keys Enter
type_text "- ids: base62 counter"
wait_for "- ids: base62 counter"
sleep 6
pid=$(app_pid)
[ -n "$pid" ] || fail "no tpmtrain process"
kill -9 "$pid"
wait_exit 137
# The terminal stays as the killed program set it (no echo, enter as CR):
# what a person does, with a line feed that the shell takes.
type_text "stty sane; clear"
keys C-j
wait_for "tpm$"
saved=$(elapsed)
[ "$saved" -ge 5000 ] && [ "$saved" -le 8000 ] ||
	fail "elapsed saved at the kill: $saved ms"
ok "killed with kill -9 after the notes were saved ($saved ms in)"

run "$TPMTRAIN mock --resume"
wait_for "phase 1 of 3   Clarify requirements"
expect_line " users: riders and drivers"
expect_line " - ids: base62 counter"
# The clock goes on from what was saved, at most 5 s before the kill.
wait_re " 0:0[5-9] of 3:00"
wait_re "0:5[0-5] left"
ok "--resume keeps the notes and the timers"
keys C-e y
wait_for "coverage · Design a link shortener"
keys q
wait_for "unfinished  Design a link shortener · r continues it"
ok "left unscored: the home screen offers to continue"
keys r
wait_for "coverage · Design a link shortener"
keys Enter
wait_for "rubric · Test system design · 1 of 3 · Requirements"
ok "an unscored session continues at its coverage and scoring"
keys q
wait_for "unfinished"
keys q
wait_exit

# A running session whose time is over when it comes back: scoring.
sqlite3 "$DB" "UPDATE mock_session SET state = 0, elapsed_ms = 180000
	       WHERE id = (SELECT max(id) FROM mock_session)" ||
	fail "sqlite3"
run "$TPMTRAIN mock --resume"
wait_for "coverage · Design a link shortener"
ok "--resume of a session whose time is over goes to coverage and scoring"
keys q
wait_for "unfinished"
keys q
wait_exit
expect_sane_terminal

# SIGTERM and SIGHUP save the notes as they stand: on a still clock no
# periodic save comes, so only the signal's can have saved them.
for sig in TERM HUP; do
	run "TPMTRAIN_CLOCK_SCALE=0 $TPMTRAIN mock mock-test"
	wait_for "phase 1 of 3   Clarify requirements"
	type_text "saved on SIG$sig"
	wait_for "saved on SIG$sig"
	kill -s "$sig" "$(app_pid)"
	wait_exit
	got=$(sqlite3 "$DB" "SELECT text FROM mock_note WHERE session =
			     (SELECT max(id) FROM mock_session)")
	[ "$got" = "saved on SIG$sig" ] || fail "SIG$sig saved '$got'"
	ok "SIG$sig saves the notes typed a moment before"
done
expect_sane_terminal

# The session's time runs out: it ends by itself and coverage follows.
run "TPMTRAIN_CLOCK_SCALE=120 $TPMTRAIN mock mock-test"
wait_for "coverage · Design a link shortener"
ok "when the session's time is over, coverage and scoring follow"
keys q
wait_for "unfinished"
keys q
wait_exit
