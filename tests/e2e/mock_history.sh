#!/bin/sh
# tpmtrain history and report over sessions saved as the interface saves
# them (tests/fixtures/mock/history.sql: one scored session with notes
# full of Markdown, pipes and HTML), and the mock verb's option errors.
set -u
. "${TPM_TEST_ROOT:-$(pwd)}/tests/e2e/lib/env.sh"
fix=$root/tests/fixtures/mock
content=$fix/content
db=$XDG_DATA_HOME/tpmtrain/progress.db
export TZ=UTC

# run NAME WANT-STATUS ARGS...: stdout in $tmp/out, stderr in $tmp/err.
run() {
	name=$1 want=$2
	shift 2
	"$tpm" "$@" > "$tmp/out" 2> "$tmp/err"
	status "$name" "$want" $?
}

# expect_err NAME WANT-STATUS EXPECTED-STDERR ARGS...
expect_err() {
	name=$1 want=$2
	printf '%s\n' "$3" > "$tmp/want"
	shift 3
	run "$name" "$want" "$@"
	head -n 1 "$tmp/err" > "$tmp/got"
	check "$name: message" "$tmp/want" "$tmp/got"
}

# Nothing saved yet.
run "history, empty" 0 history
printf "no mock interviews yet ('tpmtrain mock' starts one)\n" > "$tmp/want"
check "history, empty" "$tmp/want" "$tmp/out"
run "history --json, empty" 0 history --json
printf '[]\n' > "$tmp/want"
check "history --json, empty" "$tmp/want" "$tmp/out"
expect_err "report last, empty" 1 \
	"tpmtrain: error: no mock interviews yet ('tpmtrain mock' starts one)" \
	report last
expect_err "mock --resume, nothing to resume" 1 \
	"tpmtrain: error: no unfinished mock to resume ('tpmtrain history' lists the sessions)" \
	mock --resume --decks "$content"

# Three sessions.
"$tpm" config mock_bell 1 || fail=1
sqlite3 "$db" < "$fix/history.sql" || fail=1

run "history" 0 history
check "history" "$fix/history.txt" "$tmp/out"

# Scenarios are scheduled from their scored sessions (issue 12): the URL
# shortener scored 50% (hard) on 20 Nov is not due that day, with a due
# date once it is; the others, never scored, are due and new.
TPMTRAIN_DATA_DIR=$root TPMTRAIN_NOW=2026-11-20T12:00:00Z run "due --json, mocks" 0 due --json
grep -q '"id": "mock-url-shortener"' "$tmp/out" &&
	{ echo "FAIL: a scenario just scored is due"; fail=1; }
grep -q '"id": "mock-beh-conflict"' "$tmp/out" ||
	{ echo "FAIL: a scenario never scored is not due"; fail=1; }
TPMTRAIN_DATA_DIR=$root TPMTRAIN_NOW=2027-06-01T12:00:00Z run "due --json, mocks later" 0 due --json
tr -d '\n ' < "$tmp/out" | grep -q '"id":"mock-url-shortener"[^}]*"new":false,"due":"2026-1[12]-[0-9][0-9]T' ||
	{ echo "FAIL: the scored scenario is not due later"; cat "$tmp/out"; fail=1; }
run "history --kind behavioural" 0 history --kind behavioural
cat > "$tmp/want" <<'OUT'
date              scenario           kind            time  score  band
2026-11-23 09:00  mock-beh-conflict  behavioural     1:35      -  running
OUT
check "history --kind" "$tmp/want" "$tmp/out"
run "history --json" 0 history --json
check "history --json" "$fix/history.json" "$tmp/out"

run "report last" 0 report last
check "report last (Markdown)" "$fix/report-3.md" "$tmp/out"
run "report 3 --format json" 0 report 3 --format json
check "report 3 --format json" "$fix/report-3.json" "$tmp/out"
run "report 3 -o FILE" 0 report 3 -o "$tmp/r.md"
check "report -o prints nothing" /dev/null "$tmp/out"
check "report -o FILE" "$fix/report-3.md" "$tmp/r.md"
jq -e '.scores[0].trend == [2, 4] and .scores[0].last5_average == 2' \
	"$fix/report-3.json" > /dev/null || {
	echo "FAIL: report json: trend"; fail=1; }
# The unscored, running one says so.
run "report 2" 0 report 2
grep -qx -- '- \*\*Score:\*\* not scored (running)' "$tmp/out" || {
	echo "FAIL: report 2: not scored"; fail=1; }

# Bad requests.
expect_err "report 99" 1 \
	"tpmtrain: error: no mock session 99 ('tpmtrain history' lists them)" \
	report 99
expect_err "report abc" 2 \
	"tpmtrain report: bad session 'abc': want a number from 'tpmtrain history' or 'last'" \
	report abc
expect_err "report, no id" 2 \
	"tpmtrain report: which session? give an ID from 'tpmtrain history', or 'last'" \
	report
expect_err "report --format html" 2 \
	"tpmtrain report: unknown format 'html' (want md or json)" \
	report 3 --format html
expect_err "report -o unwritable" 1 \
	"tpmtrain: error: cannot write $tmp/no/such/dir/r.md: No such file or directory" \
	report 3 -o "$tmp/no/such/dir/r.md"
expect_err "history --kind typo" 2 \
	"tpmtrain history: unknown kind 'behavioral' (did you mean 'behavioural'?)" \
	history --kind behavioral

# The mock verb checks its arguments before any screen opens.
run "mock --help" 0 mock --help
grep -q '^usage: tpmtrain mock \[SCENARIO\]' "$tmp/out" || {
	echo "FAIL: mock --help"; fail=1; }
expect_err "mock, unknown scenario" 2 \
	"tpmtrain mock: unknown scenario 'test-mokc' (did you mean 'test-mock'?)" \
	mock test-mokc --decks "$content"
expect_err "mock, far-off scenario" 2 \
	"tpmtrain mock: unknown scenario 'zzz' ('tpmtrain history' and the picker of 'tpmtrain mock' show them)" \
	mock zzz --decks "$content"
expect_err "mock, wrong kind" 2 \
	"tpmtrain mock: scenario 'test-mock' is system-design, not behavioural" \
	mock test-mock --kind behavioural --decks "$content"
expect_err "mock --kind typo" 2 \
	"tpmtrain mock: unknown kind 'sysdesign' (want system-design, program-execution or behavioural)" \
	mock --kind sysdesign
expect_err "mock --minutes 0" 2 \
	"tpmtrain mock: bad value '0' for --minutes: want a whole number from 1 to 600" \
	mock --minutes 0
expect_err "mock --resume SCENARIO" 2 \
	"tpmtrain mock: --resume continues the unfinished session as it was: give no scenario, --kind, --minutes or --interviewer" \
	mock --resume test-mock
expect_err "mock, two scenarios" 2 \
	"tpmtrain mock: unexpected argument 'b'" \
	mock a b
[ $fail -eq 0 ] && echo "mock_history: ok"
exit $fail
