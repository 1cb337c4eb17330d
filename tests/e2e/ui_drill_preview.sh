#!/bin/sh
# The interval on a grade key is the interval saved (issue 9 item 1): on
# review cards whose intervals are fuzzed, with the clock running, each
# grade is pressed a while after the answer showed, and card_state holds
# the interval the key showed.  The fuzz depends on the time: worked out
# again at the keypress, the intervals would differ.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

keys4="basic-cache rev-cap cloze-program#c1 basic-wide"
for k in $keys4; do
	printf '%s good\n' "$k"
done | "$TPMTRAIN" review --batch >/dev/null || fail "review --batch failed"
# Review cards two days after a two-day interval, due a minute apart.
n=0
for k in $keys4; do
	n=$((n + 1))
	sqlite3 "$DB" "UPDATE card_state SET state = 2, stability = 2,
		difficulty = 5, scheduled_days = 2, reps = 3, learning_step = 0,
		last_review = 1795424400000 - 2 * 86400000,
		due = 1795424400000 - (5 - $n) * 60000 WHERE card_id = '$k'" ||
		fail "cannot set up $k"
done

# The footer's interval for grade $1 ("10m", "12d").
shown() {
	screen | grep -o " $1 [A-Z][a-z]* [0-9]*[mhd] " | awk '{ print $3 }'
}

# What card_state says the grade gave $1, in the footer's words.
saved() {
	sqlite3 "$DB" "SELECT CASE WHEN due - last_review < 3600000
		THEN ((due - last_review) / 60000) || 'm'
		ELSE scheduled_days || 'd' END FROM card_state
		WHERE card_id = '$1'"
}

start 80 24
run "env TPMTRAIN_CLOCK_SCALE=1 $TPMTRAIN drill"
grade=0
for k in $keys4; do
	grade=$((grade + 1))
	wait_for "space answer"
	keys Space
	wait_re " 1 Again [0-9]+m   2 Hard [0-9]+d   3 Good [0-9]+d   4 Easy [0-9]+d "
	want=$(shown $grade)
	# The fuzz is seeded with the time: a different second, a
	# different interval, had it been worked out at the keypress.
	sleep 1.5
	keys $grade
	poll "no grade saved for $k" sh -c "[ \"\$(sqlite3 '$DB' \"SELECT
		count(*) FROM review_log WHERE card_id = '$k'\")\" = 2 ]"
	got=$(saved "$k")
	[ "$got" = "$want" ] ||
		fail "$k: the key showed $want, card_state holds $got"
done
ok "each of the four grades saved the interval its key showed"
keys Escape Escape
wait_for "Session over."
keys Enter
keys q
wait_exit
