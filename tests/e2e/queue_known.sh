#!/bin/sh
# The queue's known review set, as a user meets it: once `due` has read
# every card state, the next starts read only the cards not in review and
# the reviews due or seen today.  When something enters or leaves the
# review set (a grade, an undo, another program), the review journal says
# which keys changed; when it cannot (a key of no card), every state is
# read again.  A damaged or another library's file is ignored.  What `due` shows is always what a full read
# shows (TPMTRAIN_CACHE=off, which keeps no file).
. "${TPM_TEST_ROOT:-$(pwd)}/tests/e2e/lib/env.sh"

export TPMTRAIN_DATA_DIR=$root
db=$XDG_DATA_HOME/tpmtrain/progress.db
day=2026-11-23

# run NAME HOW [READ]: `due --json` at $now, the same as without the cache,
# saying it read READ states (when given) in the way HOW ("all" or "the
# review set known"), and nothing else on stderr.
run() {
	TPMTRAIN_NOW=$now TPMTRAIN_DEBUG=queue "$tpm" due --json \
		>"$tmp/out" 2>"$tmp/err"
	status "$1" 0 $?
	TPMTRAIN_NOW=$now TPMTRAIN_CACHE=off "$tpm" due --json \
		>"$tmp/ref" 2>&1
	status "$1: a full read" 0 $?
	check "$1: the same as a full read" "$tmp/ref" "$tmp/out"
	want="tpmtrain: queue: read ${3:-*} card states ($2)"
	got=$(cat "$tmp/err")
	# shellcheck disable=SC2254
	case $got in
	$want) ;;
	*)	echo "FAIL: $1: said '$got', want '$want'"
		fail=1 ;;
	esac
}

grade() {	# grade LINES: `review --batch` at $now
	printf '%s\n' "$1" |
		TPMTRAIN_NOW=$now "$tpm" review --batch >/dev/null 2>"$tmp/gerr"
	status "grade $1" 0 $?
}

now=${day}T09:00:00Z
grade "sd-functional-vs-nonfunctional#c1 easy
sd-scope-before-boxes easy
sd-out-of-scope easy
sd-nfr-shapes-design easy
sd-read-write-ratio again
sd-daily-to-qps again"
run "the first start reads every state" "all" 6
known=$(ls "$XDG_CACHE_HOME"/tpmtrain/queue-*.known)
[ -f "$known" ] || { echo "FAIL: no known set was saved"; fail=1; }
# Today every review was seen today: they are read either way.
run "the second start knows the review set" "the review set known" 6

now=2026-11-24T09:00:00Z
run "the next day, the reviews not due are skipped" \
	"the review set known" 2
now=2026-12-20T09:00:00Z
run "weeks later, the due reviews are read" "the review set known" 6

# A review graded again stays in review: the set is the same.
grade "sd-functional-vs-nonfunctional#c1 good"
run "a review to a review keeps the set" "the review set known"
# A new card graduating adds to it: the journal says which.
grade "sd-functional-vs-nonfunctional#c1 good
sd-read-write-ratio easy"
run "a card entering review" "the review set known after 1 journal change" 6
run "then known again" "the review set known"
# A grade of a card no deck has any more: every state is read again.
sqlite3 "$db" "INSERT INTO card_state SELECT 'gone-card', state, due, \
stability, difficulty, last_review, scheduled_days, learning_step, reps, \
lapses, suspended, buried_until, leech FROM card_state WHERE state = 2 \
LIMIT 1"
run "a card of no deck entering review" "all"
run "and known again, the card of no deck counted" "the review set known"

# Damaged, or another library's: ignored without a word.
head -c 20 "$known" >"$tmp/short" && cp "$tmp/short" "$known"
run "a truncated file" "all"
printf '\377' | dd of="$known" bs=1 seek=60 conv=notrunc 2>/dev/null
run "a flipped byte" "all"
mkdir -p "$tmp/other"
cp "$root/decks/tpm-role.yaml" "$tmp/other/"
TPMTRAIN_NOW=$now TPMTRAIN_DEBUG=queue "$tpm" due --decks "$tmp/other" \
	>/dev/null 2>"$tmp/err"
grep -q '(all)$' "$tmp/err" ||
	{ echo "FAIL: another library's set was taken"; cat "$tmp/err"; fail=1; }
run "back from another library" "all"
run "and known again" "the review set known"

# Another program's write to the database is in the journal too.
sqlite3 "$db" "UPDATE card_state SET state = 2 WHERE state = 1"
run "another program's write" "the review set known after * journal change*"
exit $fail
