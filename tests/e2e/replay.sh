#!/bin/sh
# tpmtrain replay: review histories in, every state out, exactly as the
# reference scheduler computes them (the expected files come from ts-fsrs
# through tools/sched/gen-fixtures.sh); bad lines and bad options.
set -u
: "${TPMTRAIN:?set TPMTRAIN to the binary}" "${TPM_TEST_ROOT:?}"
fix=$TPM_TEST_ROOT/tests/fixtures/replay
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
fail=0

# expect NAME WANT_STATUS WANT_STDOUT_FILE WANT_STDERR_FILE -- ARGS...
expect() {
	name=$1 status=$2 out=$3 err=$4
	shift 5
	"$TPMTRAIN" "$@" > "$tmp/out" 2> "$tmp/err"
	got=$?
	if [ "$got" -ne "$status" ]; then
		echo "FAIL $name: exit $got, expected $status"
		cat "$tmp/err"
		fail=1
	fi
	if ! diff -u "$out" "$tmp/out"; then
		echo "FAIL $name: stdout differs"
		fail=1
	fi
	if ! diff -u "$err" "$tmp/err"; then
		echo "FAIL $name: stderr differs"
		fail=1
	fi
}

: > "$tmp/empty"
fsrs5=0.40255,1.18385,3.173,15.69105,7.1949,0.5345,1.4604,0.0046,1.54575
fsrs5=$fsrs5,0.1192,1.01925,1.9395,0.11,0.29605,2.2698,0.2315,2.9898

expect default 0 "$fix/expected-default.csv" "$tmp/empty" -- \
	replay "$fix/history.csv"
# Standard input, named by - or by nothing.
expect stdin 0 "$fix/expected-default.csv" "$tmp/empty" -- \
	replay - < "$fix/history.csv"
expect stdin-implicit 0 "$fix/expected-default.csv" "$tmp/empty" -- \
	replay < "$fix/history.csv"
expect long-term 0 "$fix/expected-long-term.csv" "$tmp/empty" -- \
	replay --retention 0.8 --no-short-term --max-interval 30 --fuzz \
	"$fix/history.csv"
# 17 FSRS-4.5 weights, migrated; no relearning steps.
expect fsrs5 0 "$fix/expected-fsrs5.csv" "$tmp/empty" -- \
	replay "$fix/history.csv" --weights "$fsrs5" \
	--learning-steps 10m,1d --relearning-steps '' --fuzz

# Bad lines are reported with their numbers and skipped; the good ones
# still replay (the same reviews as the first lines of the default case).
{
	head -n 3 "$fix/history.csv"
	echo 'pm-program#c1,2025-01-06T09:02:30Z'
	echo 'pm-program#c1,2025-01-06T09:02:30Z,3,extra'
	echo 'pm-program#c1,2025-01-06T25:00:00Z,3'
	echo 'pm-program#c1,2025-01-06T09:02:30Z,5'
	echo 'pm-program#c1,2025-01-06T09:00:00Z,good'
	echo ',2025-01-06T09:02:30Z,good'
	echo '"pm-program#c1,2025-01-06T09:02:30Z,good'
	echo 'pm-program#c1,99999999999999999,good'
	printf 'pm\033[2J,2025-01-06T09:02:30Z,good\n'
	sed -n 4p "$fix/history.csv"
} > "$tmp/bad.csv"
head -n 4 "$fix/expected-default.csv" > "$tmp/bad.out"
f=$tmp/bad.csv
cat > "$tmp/bad.err" <<END
$f:4: error: expected 3 fields (card_id,review_time,rating), found 2
$f:5: error: expected 3 fields (card_id,review_time,rating), found 4
$f:6: error: bad review time '2025-01-06T25:00:00Z' (expected Unix milliseconds or ISO 8601 UTC such as 2025-01-31T09:00:00Z)
$f:7: error: bad rating '5' (expected 1-4 or again, hard, good, easy)
$f:8: error: card 'pm-program#c1' reviewed at 2025-01-06T09:00:00Z, before its previous review at 2025-01-06T09:01:00Z
$f:9: error: empty card id
$f:10: error: unclosed quote or text after a closing quote
$f:11: error: review time '99999999999999999' is out of range
$f:12: error: card id 'pm\\e[2J' contains a control character
END
expect bad-lines 1 "$tmp/bad.out" "$tmp/bad.err" -- replay "$f"
sed "s|^$f:|<stdin>:|" "$tmp/bad.err" > "$tmp/bad-stdin.err"
expect bad-lines-stdin 1 "$tmp/bad.out" "$tmp/bad-stdin.err" -- \
	replay < "$f"

# Usage errors: exit 2, the reason and the usage line, no output.
usage='usage: tpmtrain replay [OPTIONS] [FILE|-]'
bad_option() {
	name=$1 msg=$2
	shift 2
	printf 'tpmtrain replay: %s\n%s\n' "$msg" "$usage" > "$tmp/want.err"
	expect "$name" 2 "$tmp/empty" "$tmp/want.err" -- replay "$@" \
		"$fix/history.csv"
}
bad_option retention-high "--retention must be a number in (0, 1], not '1.5'" \
	--retention 1.5
bad_option retention-zero "--retention must be a number in (0, 1], not '0'" \
	--retention 0
bad_option retention-text "--retention must be a number in (0, 1], not '90%'" \
	--retention 90%
bad_option weights-count '--weights: expected 17, 19 or 21 values, found 3' \
	--weights 1,2,3
bad_option weights-text "--weights: expected numbers separated by commas or spaces, not '1,2,x'" \
	--weights 1,2,x
bad_option steps "--learning-steps: bad steps '1m,10' (expected a list such as 1m,10m,1h,1d)" \
	--learning-steps 1m,10
bad_option steps-zero "--relearning-steps: steps must be from 1m to 36500d, not as in '0m'" \
	--relearning-steps 0m
bad_option max-interval "--max-interval must be a whole number of days from 1 to 36500, not '0'" \
	--max-interval 0
bad_option unknown "unknown option '--retension'" --retension 0.8
printf "tpmtrain replay: option '--max-interval' needs a value\n%s\n" \
	"$usage" > "$tmp/want.err"
expect no-value 2 "$tmp/empty" "$tmp/want.err" -- \
	replay "$fix/history.csv" --max-interval
printf 'tpmtrain replay: expected at most one FILE, found 2\n%s\n' "$usage" \
	> "$tmp/want.err"
expect two-files 2 "$tmp/empty" "$tmp/want.err" -- replay a.csv b.csv

printf "tpmtrain: error: cannot open '%s': No such file or directory\n" \
	"$tmp/none.csv" > "$tmp/want.err"
expect missing-file 1 "$tmp/empty" "$tmp/want.err" -- replay "$tmp/none.csv"

"$TPMTRAIN" replay --help > "$tmp/out" 2>&1 &&
	grep -q "^usage: tpmtrain replay \[OPTIONS\] \[FILE|-\]" "$tmp/out" &&
	grep -q -- "--relearning-steps LIST" "$tmp/out" ||
	{ echo "FAIL help"; fail=1; }

[ $fail -eq 0 ] && echo "replay: ok"
exit $fail
