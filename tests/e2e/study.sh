#!/bin/sh
# due and review --batch, end to end: exact output lines at a fixed time
# (TPMTRAIN_NOW), the daily session after grading, bad input lines, and a
# fresh machine where nothing exists yet.  The expected due times of the
# fuzzed intervals were computed by the reference, ts-fsrs 5.4.2.
set -u
. "${TPM_TEST_ROOT:-$(pwd)}/tests/e2e/lib/env.sh"
decks=$root/tests/fixtures/queue/decks
db=$XDG_DATA_HOME/tpmtrain/progress.db

at() {	# at TIME CMD...: runs tpmtrain at TIME
	t=$1
	shift
	TPMTRAIN_NOW=$t "$tpm" "$@"
}

# A fresh machine: everything is new, and nothing is created.
at 2026-11-23T09:00:00Z due --decks "$decks" > "$tmp/out" 2> "$tmp/err"
status "due on a fresh machine" 0 $?
cat > "$tmp/want" <<'OUT'
deck       new  learning  review
caching      3         0       0
program      2         0       0
total        5         0       0
OUT
check "due on a fresh machine" "$tmp/want" "$tmp/out"
check "due on a fresh machine: stderr" /dev/null "$tmp/err"
if [ -e "$XDG_DATA_HOME" ]; then
	echo "FAIL: due created $XDG_DATA_HOME"
	fail=1
fi

# Grades, each printed once saved; the data directory is made private.
printf 'write-through good\nttl 1\ncap#c1 AGAIN\nraci easy\n' |
	at 2026-11-23T09:00:00Z review --batch --decks "$decks" \
		> "$tmp/out" 2> "$tmp/err"
status "review --batch" 0 $?
cat > "$tmp/want" <<'OUT'
write-through learning 2026-11-23T09:10:00Z
ttl learning 2026-11-23T09:01:00Z
cap#c1 learning 2026-11-23T09:01:00Z
raci review 2026-11-30T09:00:00Z
OUT
check "review --batch" "$tmp/want" "$tmp/out"
check "review --batch: stderr" /dev/null "$tmp/err"
mode=$(stat -c %a "$XDG_DATA_HOME/tpmtrain")
[ "$mode" = 700 ] || { echo "FAIL: data dir mode $mode, want 700"; fail=1; }
rows=$(sqlite3 "$db" "SELECT count(*) FROM review_log")
[ "$rows" = 4 ] || { echo "FAIL: $rows log rows, want 4"; fail=1; }

# The session now: the siblings of what was graded wait for tomorrow, the
# learning steps are due within the learn-ahead window.
at 2026-11-23T09:00:00Z due --decks "$decks" > "$tmp/out"
cat > "$tmp/want" <<'OUT'
deck       new  learning  review
caching      0         3       0
program      1         0       0
total        1         3       0
OUT
check "due after grading" "$tmp/want" "$tmp/out"
at 2026-11-23T09:00:00Z due --json --deck program --decks "$decks" \
	> "$tmp/out"
cat > "$tmp/want" <<'OUT'
{
  "now": "2026-11-23T09:00:00Z",
  "day_start": "2026-11-23T04:00:00Z",
  "day_end": "2026-11-24T04:00:00Z",
  "decks": [
    {
      "deck": "program",
      "new": 1,
      "learning": 0,
      "review": 0
    }
  ],
  "total": {
    "new": 1,
    "learning": 0,
    "review": 0
  },
  "done_today": {
    "new": 4,
    "review": 0
  }
}
OUT
check "due --json --deck" "$tmp/want" "$tmp/out"

# Later: the learning steps go on, the review comes due.
printf 'write-through good\nttl hard\n' |
	at 2026-11-23T09:10:00Z review --batch --decks "$decks" > "$tmp/out"
printf 'raci 3\n' |
	at 2026-11-30T09:00:00Z review --batch --decks "$decks" >> "$tmp/out"
cat > "$tmp/want" <<'OUT'
write-through review 2026-11-25T09:10:00Z
ttl learning 2026-11-23T09:16:00Z
raci review 2027-01-05T09:00:00Z
OUT
check "review --batch later" "$tmp/want" "$tmp/out"

# Bad lines are reported with their line and column; good ones are saved.
printf 'nosuch good\nttl maybe\ncritical-path\n# a comment\n\ncritical-path again extra\ntll#reverse good\ncap easy\ncritical-path 3\n' |
	at 2026-11-23T09:00:00Z review --batch --decks "$decks" \
		> "$tmp/out" 2> "$tmp/err"
status "review --batch with bad lines" 1 $?
cat > "$tmp/want" <<'OUT'
<stdin>:1:1: error: unknown card 'nosuch'
<stdin>:2:5: error: bad rating 'maybe' (want 1-4 or again, hard, good, easy)
<stdin>:3:1: error: want 'CARD_ID RATING', got 1 field
<stdin>:6:21: error: want 'CARD_ID RATING', got 3 fields
<stdin>:7:1: error: unknown card 'tll#reverse' (did you mean 'ttl#reverse'?)
<stdin>:8:1: error: unknown card 'cap' (did you mean 'cap#c1'?)
OUT
check "review --batch bad lines: stderr" "$tmp/want" "$tmp/err"
echo 'critical-path learning 2026-11-23T09:10:00Z' > "$tmp/want"
check "review --batch bad lines: stdout" "$tmp/want" "$tmp/out"

# Usage errors.
"$tpm" review < /dev/null > "$tmp/out" 2> "$tmp/err"
status "review without --batch" 2 $?
cat > "$tmp/want" <<'OUT'
tpmtrain review: needs --batch (the interactive review is 'tpmtrain drill')
usage: tpmtrain review --batch [--decks DIR]...
OUT
check "review without --batch" "$tmp/want" "$tmp/err"
"$tpm" due --deck nosuch --decks "$decks" > "$tmp/out" 2> "$tmp/err"
status "due --deck nosuch" 2 $?
cat > "$tmp/want" <<'OUT'
tpmtrain due: no deck 'nosuch'
usage: tpmtrain due [--json] [--deck D]... [--tag T]... [--decks DIR]...
OUT
check "due --deck nosuch" "$tmp/want" "$tmp/err"
# An unknown tag is an error, as in drill (due said 0 and exit 0).
"$tpm" due --tag nosuch --decks "$decks" > "$tmp/out" 2> "$tmp/err"
status "due --tag nosuch" 2 $?
cat > "$tmp/want" <<'OUT'
tpmtrain due: no card has the tag 'nosuch'
usage: tpmtrain due [--json] [--deck D]... [--tag T]... [--decks DIR]...
OUT
check "due --tag nosuch" "$tmp/want" "$tmp/err"

# A card with an error is left out, with a warning: grading it is an
# error, and nothing is graded.
mkdir "$tmp/bad"
printf 'deck: bad\ntitle: Bad\ncards:\n  - id: x\n    fornt: y\n' > "$tmp/bad/bad.yaml"
echo 'x good' | "$tpm" review --batch --decks "$tmp/bad" \
	> "$tmp/out" 2> "$tmp/err"
status "review with a bad library" 1 $?
grep -qxF "tpmtrain: warning: 1 card left out because of errors: tpmtrain lint" "$tmp/err" &&
	grep -qxF "<stdin>:1:1: error: unknown card 'x'" "$tmp/err" ||
	{ echo "FAIL: bad library: no diagnostic"; cat "$tmp/err"; fail=1; }
check "review with a bad library: stdout" /dev/null "$tmp/out"

exit $fail
