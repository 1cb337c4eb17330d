#!/bin/sh
# Undo takes back exactly what this session did (issue 9 item 4): its own
# grade, though a review --batch graded another card since (that grade
# stays); not a grade of a card graded elsewhere since; a bury and a
# suspension; and browse gives a buried card back.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

col() {
	sqlite3 "$DB" "SELECT $2 FROM card_state WHERE card_id = '$1'"
}

logged() {
	sqlite3 "$DB" "SELECT count(*) FROM review_log WHERE card_id = '$1'"
}

batch() {
	printf '%s\n' "$1" | "$TPMTRAIN" review --batch >/dev/null ||
		fail "review --batch failed"
}

start 80 24
run "$TPMTRAIN drill"
wait_for "What does a write-through cache trade away?"
keys Space
wait_for "3 Good"
keys 3
wait_for "CAP theorem"
batch "basic-wide good"
keys u
wait_for "undone: good on basic-cache"
wait_for "What does a write-through cache trade away?"
[ "$(logged basic-cache)" = 0 ] || fail "the drill's grade is still logged"
[ "$(logged basic-wide)" = 1 ] || fail "undo took the batch's grade"
ok "undo takes back the drill's grade, not the batch's written since"

keys Space
wait_for "3 Good"
keys 3
wait_for "CAP theorem"
batch "basic-cache again"
keys u
wait_for "cannot undo good on basic-cache: it was graded elsewhere since"
[ "$(logged basic-cache)" = 2 ] || fail "a refused undo changed the log"
shows -F "CAP theorem" || fail "a refused undo moved the session"
ok "undo of a card graded elsewhere since is refused"

keys b
wait_for "buried rev-cap until tomorrow"
[ "$(col rev-cap 'buried_until > 0')" = 1 ] || fail "not buried"
keys u
wait_for "undone: rev-cap is no longer buried"
wait_for "CAP theorem"
[ "$(col rev-cap buried_until)" = 0 ] || fail "still buried"
keys s
wait_for "suspended rev-cap"
[ "$(col rev-cap suspended)" = 1 ] || fail "not suspended"
keys u
wait_for "undone: rev-cap is no longer suspended"
wait_for "CAP theorem"
[ "$(col rev-cap suspended)" = 0 ] || fail "still suspended"
ok "undo after bury and after suspend gives the card back"

keys b
wait_for "buried rev-cap until tomorrow"
keys q
wait_for "Session over."
keys Enter
wait_exit
run "$TPMTRAIN"
wait_for "enter drill"
keys b
wait_for "browse ·"
keys /
type_text "CAP theorem"
keys Enter
wait_re "rev-cap .* ui-test +buried"
# Two items of the card match: select the forward one.
shows -E "▶ rev-cap .* ui-test" || keys j
wait_re "▶ rev-cap .* ui-test +buried"
keys u
wait_for "unburied rev-cap"
[ "$(col rev-cap buried_until)" = 0 ] || fail "browse did not unbury"
keys u
wait_for "rev-cap is neither suspended nor buried"
ok "browse unburies a buried card"
keys q
keys q
wait_exit
