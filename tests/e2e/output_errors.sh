#!/bin/sh
# Output errors are errors: every verb whose standard output is full
# (/dev/full) or closed says so once and exits 1; `review --batch` stops
# grading at the first line it cannot show.  And the batch reads its input
# byte for byte: a NUL is an error at its line and column, with nothing
# saved for that line and the later lines numbered right.
. "${TPM_TEST_ROOT:-$(pwd)}/tests/e2e/lib/env.sh"

decks=$root/tests/fixtures/queue/decks
db=$tmp/p.db
msg='tpmtrain: error: cannot write the output: No space left on device'
export TPMTRAIN_DATA_DIR="$root"

full() {	# full NAME ARGS...: the verb with stdout on /dev/full
	name=$1
	shift
	"$tpm" --db "$db" "$@" >/dev/full 2>"$tmp/err" </dev/null
	status "$name > /dev/full" 1 $?
	[ "$(grep -c "cannot write the output" "$tmp/err")" = 1 ] &&
		grep -qxF "$msg" "$tmp/err" ||
		{ echo "FAIL: $name > /dev/full: $(cat "$tmp/err")"; fail=1; }
}

"$tpm" --db "$db" config new_per_day 20 >/dev/null
full "due" due --decks "$decks"
full "due --json" due --json --decks "$decks"
full "lint" lint "$root/tests/fixtures/lint/bad-cloze.yaml"
full "config" config
full "config KEY" config new_per_day
full "--help" --help
full "history" history
full "history --json" history --json
full "replay" replay "$root/tests/fixtures/replay/history.csv"
full "--version" --version
for verb in config drill due history lint mock replay report review; do
	full "$verb --help" $verb --help
done
# report over the saved sessions of tests/e2e/mock_history.sh.
sqlite3 "$db" < "$root/tests/fixtures/mock/history.sql" || fail=1
full "report last" report last
full "report --format json" report 3 --format json
full "history, with sessions" history

"$tpm" --db "$db" due --decks "$decks" >&- 2>"$tmp/err"
status "due >&-" 1 $?
grep -q "cannot write the output: Bad file descriptor" "$tmp/err" ||
	{ echo "FAIL: due >&-: $(cat "$tmp/err")"; fail=1; }

# Three grades, the first write fails: one grade saved, then it stops.
printf 'ttl 3\nwrite-through 3\nraci 3\n' |
	"$tpm" --db "$db" review --batch --decks "$decks" >/dev/full \
	2>"$tmp/err"
status "review --batch > /dev/full" 1 $?
n=$(sqlite3 "$db" 'SELECT count(*) FROM review_log')
[ "$n" = 1 ] || { echo "FAIL: review --batch > /dev/full saved $n grades, want 1"; fail=1; }
grep -qxF "tpmtrain: stopped at <stdin> line 1, whose grade was saved but not shown" \
	"$tmp/err" || { echo "FAIL: review --batch > /dev/full: $(cat "$tmp/err")"; fail=1; }

# A NUL inside line 2: an error there, nothing saved for it; line 3 is 3.
printf 'critical-path 3\nrac\0i 3\nnosuch 3\n' |
	"$tpm" --db "$db" review --batch --decks "$decks" >"$tmp/out" \
	2>"$tmp/err"
status "review --batch with a NUL" 1 $?
cat > "$tmp/want" <<'END'
<stdin>:2:4: error: a NUL byte; nothing saved for this line
<stdin>:3:1: error: unknown card 'nosuch'
END
grep -v "did you mean" "$tmp/err" | sed "s/ (did you mean.*//" > "$tmp/got"
check "review --batch with a NUL: errors" "$tmp/want" "$tmp/got"
n=$(sqlite3 "$db" "SELECT count(*) FROM review_log WHERE card_id = 'raci'")
[ "$n" = 0 ] || { echo "FAIL: the NUL line saved a grade of raci"; fail=1; }
grep -q '^critical-path ' "$tmp/out" || { echo "FAIL: the line before the NUL was not graded"; fail=1; }

[ $fail -eq 0 ] && echo "output_errors: ok"
exit $fail
