#!/bin/sh
# Bury and suspend from the drill; a leech; cramming when nothing is due,
# which leaves the schedule as it was.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

NOW_MS=1795424400000	# TPMTRAIN_NOW in ms

card() {
	sqlite3 "$DB" "SELECT state, suspended, leech, buried_until > $NOW_MS
		       FROM card_state WHERE card_id = '$1'" | tr '|' ' '
}

start 80 24
run "$TPMTRAIN drill"
wait_for "What does a write-through cache trade away?"
keys b
wait_for "buried basic-cache until tomorrow"
wait_for "CAP theorem"
keys s
wait_for "suspended rev-cap; u undoes, or unsuspend it in browse"
wait_for "A [...] is a set of related projects."
[ "$(card basic-cache)" = "0 0 0 1" ] || fail "basic-cache: $(card basic-cache)"
[ "$(card rev-cap)" = "0 1 0 0" ] || fail "rev-cap: $(card rev-cap)"
[ -z "$(grades)" ] || fail "bury or suspend wrote a grade"
# The escape is drawn reversed, so that it cannot pass for text.
keys q
wait_for "Session over."
keys Enter
wait_exit
ok "bury and suspend"

# A leech: with a threshold of one lapse, an again on a review card.
"$TPMTRAIN" config leech_threshold 1 >/dev/null || fail "config failed"
echo "cloze-program#c1 easy" | "$TPMTRAIN" review --batch >/dev/null
TPMTRAIN_NOW=2026-12-20T09:00:00Z
run "TPMTRAIN_NOW=$TPMTRAIN_NOW $TPMTRAIN drill --tag testing"
wait_for "A [...] is a set of related projects."
keys Space
wait_for "A program is"
keys 1
wait_for "cloze-program#c1 is a leech: 1 lapse, suspended"
keys q
wait_for "Session over."
expect_line "   leeches       cloze-program#c1"
keys Enter
wait_exit
[ "$(sqlite3 "$DB" "SELECT suspended, leech FROM card_state
		     WHERE card_id = 'cloze-program#c1'")" = "1|1" ] ||
	fail "the leech is not suspended and marked"
ok "a leech is marked, suspended and listed"

# Nothing due: cram the studied cards, weakest first; nothing is written.
# A fresh database where every item was just studied.
export XDG_DATA_HOME="$TMP/data2"
DB="$XDG_DATA_HOME/tpmtrain/progress.db"
for key in basic-cache rev-cap rev-cap#reverse cloze-program#c1 \
	   cloze-program#c2 typed-triangle basic-wide; do
	echo "$key easy"
done | "$TPMTRAIN" review --batch >/dev/null || fail "review --batch failed"
before=$(sqlite3 "$DB" "SELECT * FROM card_state ORDER BY card_id;
			SELECT count(*) FROM review_log")
run "XDG_DATA_HOME=$XDG_DATA_HOME $TPMTRAIN drill --deck ui-test"
wait_for "Nothing to study in ui-test right now."
wait_for "Press c to cram"
keys c
wait_for "cram · ui-test"
wait_for "7 due"
keys Space
wait_for "── answer"
expect_line " 1 Again   2 Hard   3 Good   4 Easy   u undo   ? keys"
keys 1
n=1
while :; do
	wait_re "space answer|enter check|Cram over"
	screen | grep -qF "Cram over" && break
	n=$((n + 1))
	[ $n -gt 10 ] && fail "the cram does not end"
	if screen | grep -qF "enter check"; then keys Enter; else keys Space; fi
	wait_for "── answer"
	keys 3
	wait_gone "── answer"
done
# Seven cards and the one graded again once more.
[ $n -eq 8 ] || fail "the cram showed $n cards"
expect_line "   cards         8"
after=$(sqlite3 "$DB" "SELECT * FROM card_state ORDER BY card_id;
		       SELECT count(*) FROM review_log")
[ "$before" = "$after" ] || fail "cramming changed the schedule"
keys Enter
wait_exit
expect_sane_terminal
ok "cramming practises without changing the schedule"
