#!/bin/sh
# Crash safety: feeds `review --batch` thousands of grades and kills it with
# SIGKILL at a random moment, COUNT times (default 5; e.g. 200 for a long
# run: sh tests/e2e/crash.sh 200).  After each kill the database passes
# PRAGMA integrity_check, and every grade whose line was printed is in
# review_log with the state and due time printed; at most one grade per
# kill was saved without being printed (killed between commit and print).
set -u
count=${1:-5}
root=${TPM_TEST_ROOT:-$(pwd)}
tpm=${TPMTRAIN:-$root/tpmtrain}
decks=$root/tests/fixtures/queue/decks
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/xdg" TPMTRAIN_DATA_DIR="$tmp/none"
unset TPMTRAIN_NOW || true
db=$tmp/progress.db
export TPMTRAIN_DB="$db"
fail=0

# 5,000 grades over every study item of the fixture decks.
awk -v seed="$$" 'BEGIN {
	srand(seed)
	n = split("write-through ttl ttl#reverse cap#c1 cap#c2 cap#c3 raci critical-path", k, " ")
	for (i = 0; i < 5000; i++)
		printf "%s %d\n", k[int(rand() * n) + 1], int(rand() * 4) + 1
}' > "$tmp/in"
# The delays before each kill: 0 to 400 ms, so some land while the
# database is created, most in the middle of the grades.
awk -v seed="$$" -v n="$count" 'BEGIN {
	srand(seed + 1)
	for (i = 0; i < n; i++)
		printf "%.3f\n", (i == 0 ? 0.002 : rand() * 0.4)
}' > "$tmp/delays"

: > "$tmp/printed"
kills=0
finished=0
while read -r delay; do
	"$tpm" review --batch --decks "$decks" < "$tmp/in" \
		> "$tmp/out" 2> "$tmp/err" &
	pid=$!
	sleep "$delay"
	if kill -9 "$pid" 2> /dev/null; then
		kills=$((kills + 1))
	else
		finished=$((finished + 1))
	fi
	wait "$pid" 2> /dev/null
	# Only whole lines were printed; a cut last line was not.
	if [ -n "$(tail -c 1 "$tmp/out")" ]; then
		sed '$d' "$tmp/out" >> "$tmp/printed"
	else
		cat "$tmp/out" >> "$tmp/printed"
	fi
	if [ -s "$tmp/err" ]; then
		echo "FAIL: stderr after a kill:"
		cat "$tmp/err"
		fail=1
	fi
	[ -e "$db" ] || continue
	ok=$(sqlite3 "$db" "PRAGMA integrity_check" 2>&1)
	if [ "$ok" != ok ]; then
		echo "FAIL: integrity_check after kill $kills: $ok"
		fail=1
		break
	fi
done < "$tmp/delays"

# Every printed line is a row: same card, state and due second.
awk '{
	s = $2 == "new" ? 0 : $2 == "learning" ? 1 : $2 == "review" ? 2 : 3
	print $1 "," s "," $3
}' "$tmp/printed" > "$tmp/printed.csv"
printed=$(wc -l < "$tmp/printed.csv")
missing=$(sqlite3 "$db" <<SQL
CREATE TEMP TABLE printed (card_id TEXT, state INTEGER, due TEXT);
.mode csv
.import $tmp/printed.csv printed
SELECT count(*) FROM (SELECT card_id, state, due, count(*) AS n
		      FROM printed GROUP BY 1, 2, 3) AS p
LEFT JOIN (SELECT card_id, state_after AS state,
		  strftime('%Y-%m-%dT%H:%M:%SZ', due / 1000, 'unixepoch') AS due,
		  count(*) AS n
	   FROM review_log GROUP BY 1, 2, 3) AS l USING (card_id, state, due)
WHERE l.n IS NULL OR l.n < p.n;
SQL
)
rows=$(sqlite3 "$db" "SELECT count(*) FROM review_log")
echo "crash: $kills kills, $finished runs finished, $printed grades printed, $rows in review_log"
if [ "$missing" != 0 ]; then
	echo "FAIL: $missing printed grades are not in review_log"
	fail=1
fi
if [ "$rows" -lt "$printed" ] || [ "$rows" -gt $((printed + kills)) ]; then
	echo "FAIL: $rows rows for $printed printed grades and $kills kills"
	fail=1
fi
if [ "$printed" -eq 0 ]; then
	echo "FAIL: no grade was printed: the kills came too early"
	fail=1
fi
exit $fail
