#!/bin/sh
# Database faults through the command line: a database from a newer
# version, a read-only file, a locked database, garbage and a truncated
# file.  Each gives one line "tpmtrain: error: FILE: MESSAGE", exit 1, and
# leaves the file's bytes as they were.  (A full disk and migrations are
# tested in tests/unit/test_store.c, where the fault can be injected.)
set -u
. "${TPM_TEST_ROOT:-$(pwd)}/tests/e2e/lib/env.sh"
decks=$root/tests/fixtures/queue/decks
export TPMTRAIN_NOW=2026-11-23T09:00:00Z
db=$tmp/progress.db
export TPMTRAIN_DB="$db"

# fault NAME VERB MESSAGE: runs VERB on $db (stdin from $tmp/in) and checks
# the message, the exit status and the bytes.
fault() {
	cp "$db" "$tmp/before"
	"$tpm" "$2" $( [ "$2" = review ] && echo --batch ) --decks "$decks" \
		< "$tmp/in" > "$tmp/out" 2> "$tmp/err"
	st=$?
	[ $st = 1 ] || { echo "FAIL: $1: exit status $st, want 1"; fail=1; }
	first=$(head -n 1 "$tmp/err")
	if [ "$first" != "tpmtrain: error: $db: $3" ]; then
		echo "FAIL: $1: got '$first'"
		echo "           want 'tpmtrain: error: $db: $3'"
		fail=1
	fi
	[ -s "$tmp/out" ] && { echo "FAIL: $1: printed a grade"; fail=1; }
	cmp -s "$tmp/before" "$db" || { echo "FAIL: $1: file changed"; fail=1; }
}

fresh() {	# a database with one grade, closed
	rm -f "$db" "$db-wal" "$db-shm"
	echo 'raci good' | "$tpm" review --batch --decks "$decks" > /dev/null ||
		{ echo "FAIL: cannot make a database"; exit 1; }
}

echo 'ttl good' > "$tmp/in"

fresh
sqlite3 "$db" "PRAGMA user_version = 9"
fault "newer version (due)" due \
	"written by a newer version of tpmtrain (schema version 9; this tpmtrain reads up to 6); nothing was changed"
fault "newer version (review)" review \
	"written by a newer version of tpmtrain (schema version 9; this tpmtrain reads up to 6); nothing was changed"

fresh
chmod 444 "$db"
fault "read-only file" review "file is read-only; nothing was changed"
# Reading it still works, and leaves nothing beside it.
"$tpm" due --decks "$decks" > /dev/null 2> "$tmp/err" ||
	{ echo "FAIL: due on a read-only file"; cat "$tmp/err"; fail=1; }
[ -e "$db-wal" ] || [ -e "$db-shm" ] &&
	{ echo "FAIL: due left -wal/-shm beside a read-only file"; fail=1; }
chmod 644 "$db"

fresh
yes 'not a database' | head -c 8192 > "$db"
fault "garbage (due)" due "file is corrupt (SQLite: file is not a database)"
fault "garbage (review)" review "file is corrupt (SQLite: file is not a database)"

fresh
awk 'BEGIN { for (i = 0; i < 600; i++) printf "critical-path %d\n", i % 4 + 1 }' |
	"$tpm" review --batch --decks "$decks" > /dev/null
size=$(stat -c %s "$db")
head -c $((size / 2 + 100)) "$db" > "$tmp/half" && mv "$tmp/half" "$db"
fault "truncated file" review \
	"file is corrupt (SQLite: database disk image is malformed)"

# Another process holds the write lock (here the sqlite3 shell, for 8 s):
# the grade waits 5 s, then gives up with nothing saved.
fresh
printf 'BEGIN IMMEDIATE;\nDELETE FROM settings;\n.shell touch %s/locked; sleep 8\nROLLBACK;\n' \
	"$tmp" | sqlite3 "$db" &
holder=$!
i=0
while [ ! -e "$tmp/locked" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
fault "locked database" review "database is locked by another process"
wait $holder

exit $fail
