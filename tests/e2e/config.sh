#!/bin/sh
# tpmtrain config: listing, getting, setting with validation, unsetting;
# and that the settings drive the session (new_per_day, new_per_deck).
set -u
. "${TPM_TEST_ROOT:-$(pwd)}/tests/e2e/lib/env.sh"
decks=$root/tests/fixtures/queue/decks
db=$XDG_DATA_HOME/tpmtrain/progress.db

cat > "$tmp/defaults" <<'OUT'
retention = 0.9
weights = 0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542
learning_steps = 1m 10m
relearning_steps = 10m
maximum_interval = 36500
new_per_day = 20
new_per_deck = 0
new_order = interleave
reviews_per_day = 200
rollover_hour = 4
learn_ahead = 20
leech_threshold = 8
leech_action = suspend
mock_grace_seconds = 60
mock_bell = 1
focus_threshold = 2.5
OUT

# Listing the defaults reads nothing and creates nothing.
"$tpm" config > "$tmp/out" 2> "$tmp/err"
status "config" 0 $?
check "config lists the defaults" "$tmp/defaults" "$tmp/out"
[ -e "$XDG_DATA_HOME" ] && { echo "FAIL: config created the database"; fail=1; }

# Setting a value stores its canonical form.
"$tpm" config retention 0.85 > "$tmp/out" 2> "$tmp/err"
status "config retention 0.85" 0 $?
printf 'retention = 0.85\n' > "$tmp/want"
check "config set says what it saved" "$tmp/want" "$tmp/out"
"$tpm" config learning_steps '1m,60m 1d' > "$tmp/out" 2> "$tmp/err"
status "config learning_steps" 0 $?
printf 'learning_steps = 1m 1h 1d\n' > "$tmp/want"
check "config set says the canonical form" "$tmp/want" "$tmp/out"
printf '0.85\n' > "$tmp/want"
"$tpm" config retention > "$tmp/out"
check "config retention" "$tmp/want" "$tmp/out"
printf '1m 1h 1d\n' > "$tmp/want"
"$tpm" config learning_steps > "$tmp/out"
check "config learning_steps" "$tmp/want" "$tmp/out"
v=$(sqlite3 "$db" "SELECT value FROM settings WHERE key = 'learning_steps'")
[ "$v" = "1m 1h 1d" ] || { echo "FAIL: stored '$v'"; fail=1; }

# Bad keys and values: exit 2, a clear message, nothing stored.
expect_usage() {	# expect_usage MESSAGE ARGS...
	msg=$1
	shift
	"$tpm" config "$@" > "$tmp/out" 2> "$tmp/err"
	status "config $*" 2 $?
	printf '%s\nusage: tpmtrain config [KEY [VALUE]] | config --unset KEY\n' \
		"$msg" > "$tmp/want"
	check "config $*" "$tmp/want" "$tmp/err"
}
expect_usage "tpmtrain config: unknown setting 'retnetion' (did you mean 'retention'?)" \
	retnetion 0.8
expect_usage "tpmtrain config: unknown setting 'colour' ('tpmtrain config' lists them)" \
	colour
expect_usage "tpmtrain config: bad value '1.5' for retention: want a number from 0.70 to 0.99" \
	retention 1.5
expect_usage "tpmtrain config: bad value '-1' for new_per_day: want a whole number from 0 to 9999" \
	new_per_day -1
expect_usage "tpmtrain config: bad value 'often' for leech_action: want suspend or tag" \
	leech_action often
expect_usage "tpmtrain config: bad value 'alphabetical' for new_order: want interleave, deck or random" \
	new_order alphabetical
expect_usage "tpmtrain config: bad value '2' for mock_bell: want a whole number from 0 to 1" \
	mock_bell 2
expect_usage "tpmtrain config: bad value '1 2 3' for weights: want 21 numbers (or 17 or 19 from FSRS-4.5 or FSRS-5), got 3" \
	weights '1 2 3'
expect_usage "tpmtrain config: too many arguments" retention 0.8 0.9
printf '0.85\n' > "$tmp/want"
"$tpm" config retention > "$tmp/out"
check "a bad value changes nothing" "$tmp/want" "$tmp/out"

# The settings drive the session; a deck's row is what a drill of that deck
# alone holds, so both decks show the 2 new cards the limit leaves.
"$tpm" config new_per_day 2 >/dev/null
TPMTRAIN_NOW=2026-11-23T09:00:00Z "$tpm" due --decks "$decks" > "$tmp/out"
cat > "$tmp/want" <<'OUT'
deck       new  learning  review
caching      2         0       0
program      2         0       0
total        2         0       0
OUT
check "due with new_per_day 2" "$tmp/want" "$tmp/out"

# new_per_deck caps each deck: the total is their sum, under new_per_day.
"$tpm" config new_per_day 5 >/dev/null
"$tpm" config new_per_deck 1 >"$tmp/out"
printf 'new_per_deck = 1\n' > "$tmp/want"
check "config new_per_deck 1" "$tmp/want" "$tmp/out"
"$tpm" config new_order random >"$tmp/out"
printf 'new_order = random\n' > "$tmp/want"
check "config new_order random" "$tmp/want" "$tmp/out"
"$tpm" config new_order > "$tmp/out"
status "config new_order" 0 $?
printf 'random\n' > "$tmp/want"
check "config new_order shows random" "$tmp/want" "$tmp/out"
"$tpm" config > "$tmp/out"
grep -x 'new_order = random' "$tmp/out" > /dev/null ||
	{ echo "FAIL: config does not list new_order = random"; fail=1; }
grep -x 'new_per_deck = 1' "$tmp/out" > /dev/null ||
	{ echo "FAIL: config does not list new_per_deck = 1"; fail=1; }
TPMTRAIN_NOW=2026-11-23T09:00:00Z "$tpm" due --decks "$decks" > "$tmp/out"
cat > "$tmp/want" <<'OUT'
deck       new  learning  review
caching      1         0       0
program      1         0       0
total        2         0       0
OUT
check "due with new_per_deck 1" "$tmp/want" "$tmp/out"
"$tpm" config --unset new_per_deck >/dev/null
"$tpm" config --unset new_order >/dev/null

# --unset returns to the default.
"$tpm" config --unset retention >"$tmp/out"
printf 'retention: back to its default\n' > "$tmp/want"
check "config --unset says so" "$tmp/want" "$tmp/out"
"$tpm" config --unset learning_steps >/dev/null
"$tpm" config --unset new_per_day >/dev/null
"$tpm" config > "$tmp/out"
check "config after --unset" "$tmp/defaults" "$tmp/out"

# A bad value stored by hand is reported, and can be set right.
sqlite3 "$db" "INSERT INTO settings VALUES ('rollover_hour', '25')"
"$tpm" config > "$tmp/out" 2> "$tmp/err"
status "config with a bad stored value" 1 $?
printf "tpmtrain: error: %s: setting 'rollover_hour' has a bad value '25' (want a whole number from 0 to 23); set it with 'tpmtrain config rollover_hour VALUE'\n" \
	"$db" > "$tmp/want"
check "bad stored value" "$tmp/want" "$tmp/err"
"$tpm" config rollover_hour 5 >/dev/null
status "config rollover_hour 5" 0 $?
printf '5\n' > "$tmp/want"
"$tpm" config rollover_hour > "$tmp/out"
check "bad stored value set right" "$tmp/want" "$tmp/out"

exit $fail
