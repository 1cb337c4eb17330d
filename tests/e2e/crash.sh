#!/bin/sh
# Crash safety: feeds `review --batch` thousands of grades and kills it with
# SIGKILL at a random moment, COUNT times (default 5; e.g. 200 for a long
# run: sh tests/e2e/crash.sh 200).  After each kill: PRAGMA integrity_check
# is ok, every grade whose line was printed is in review_log with the state
# and due time printed, and at most one more grade was saved (killed
# between its commit and its line).  The grades and the delays before the
# kills come from SEED (sh tests/e2e/crash.sh COUNT SEED), random by
# default and printed, so a failure can be run again.
set -u
count=${1:-5}
# Below 2^31: awk's srand() takes no more.
seed=${2:-$(($(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % 1000000000))}
. "${TPM_TEST_ROOT:-$(pwd)}/tests/e2e/lib/env.sh"
echo "crash: seed $seed (again: sh tests/e2e/crash.sh $count $seed)"
decks=$root/tests/fixtures/queue/decks
db=$tmp/progress.db
export TPMTRAIN_DB="$db"

# 5,000 grades over every study item of the fixture decks.
awk -v seed="$seed" 'BEGIN {
	srand(seed)
	n = split("write-through ttl ttl#reverse cap#c1 cap#c2 cap#c3 raci critical-path", k, " ")
	for (i = 0; i < 5000; i++)
		printf "%s %d\n", k[int(rand() * n) + 1], int(rand() * 4) + 1
}' > "$tmp/in"
# The delays before each kill: the first while the database is created,
# then 0 to 400 ms, most in the middle of the grades.
awk -v seed="$seed" -v n="$count" 'BEGIN {
	srand(seed + 1)
	for (i = 0; i < n; i++)
		printf "%.3f\n", (i == 0 ? 0.002 : rand() * 0.4)
}' > "$tmp/delays"

# check_run LAST_ID: compares every line printed so far with the log, and
# this run's lines with the rows after LAST_ID; prints
# "integrity|missing|extra", e.g. "ok|0|1".
check_run() {
	# Only whole lines were printed: a cut last line was not.
	if [ -n "$(tail -c 1 "$tmp/out")" ]; then
		sed '$d' "$tmp/out"
	else
		cat "$tmp/out"
	fi | awk '{
		s = $2 == "new" ? 0 : $2 == "learning" ? 1 : $2 == "review" ? 2 : 3
		print $1 "," s "," $3
	}' > "$tmp/run.csv"
	cat "$tmp/run.csv" >> "$tmp/all.csv"
	sqlite3 "$db" <<SQL
CREATE TEMP TABLE printed (card_id TEXT, state INTEGER, due TEXT);
CREATE TEMP TABLE run (card_id TEXT, state INTEGER, due TEXT);
.mode csv
.import $tmp/all.csv printed
.import $tmp/run.csv run
.mode list
.separator |
CREATE TEMP VIEW saved AS
	SELECT id, card_id, state_after AS state,
	       strftime('%Y-%m-%dT%H:%M:%SZ', due / 1000, 'unixepoch') AS due
	FROM review_log;
SELECT (SELECT group_concat(integrity_check) FROM pragma_integrity_check),
       (SELECT count(*) FROM (SELECT card_id, state, due, count(*) AS n
			      FROM printed GROUP BY 1, 2, 3) AS p
	LEFT JOIN (SELECT card_id, state, due, count(*) AS n
		   FROM saved GROUP BY 1, 2, 3) AS l
	USING (card_id, state, due) WHERE l.n IS NULL OR l.n < p.n),
       (SELECT count(*) FROM saved WHERE id > $1) -
       (SELECT count(*) FROM run);
SQL
}

: > "$tmp/all.csv"
kills=0
finished=0
printed=0
i=0
while read -r delay; do
	i=$((i + 1))
	last=0
	[ -e "$db" ] && last=$(sqlite3 "$db" "SELECT coalesce(max(id), 0) FROM review_log" 2>/dev/null)
	# Emptied here, not by the child's redirection: a kill that lands
	# before the child has opened them must not leave the last run's lines.
	: > "$tmp/out"
	: > "$tmp/err"
	"$tpm" review --batch --decks "$decks" < "$tmp/in" \
		>> "$tmp/out" 2>> "$tmp/err" &
	pid=$!
	sleep "$delay"
	if kill -9 "$pid" 2> /dev/null; then
		kills=$((kills + 1))
	else
		finished=$((finished + 1))
	fi
	wait "$pid" 2> /dev/null
	st=$?
	if [ $st != 137 ] || [ -s "$tmp/err" ]; then
		echo "FAIL: run $i (delay $delay) ended with status $st:"
		cat "$tmp/err"
		fail=1
	fi
	[ -e "$db" ] || continue
	tables=$(sqlite3 "$db" "SELECT count(*) FROM sqlite_schema WHERE name = 'review_log'" 2>&1)
	if [ "$tables" = 0 ]; then
		# Killed before the schema was committed: nothing was printed.
		r=$(sqlite3 "$db" "PRAGMA integrity_check" 2>&1)
		[ "$r" = ok ] && [ ! -s "$tmp/out" ] && continue
		echo "FAIL: run $i (delay $delay): no schema, integrity $r"
		fail=1
		break
	fi
	r=$(check_run "${last:-0}" 2>&1)
	printed=$((printed + $(wc -l < "$tmp/run.csv")))
	case $r in
	'ok|0|0' | 'ok|0|1') ;;
	*)
		echo "FAIL: run $i (delay $delay): integrity|missing|extra = $r"
		fail=1
		break
		;;
	esac
done < "$tmp/delays"

rows=$(sqlite3 "$db" "SELECT count(*) FROM review_log" 2> /dev/null)
rows=${rows:-0}
echo "crash: $kills kills, $finished runs ended first, $printed grades printed, $rows in review_log"
if [ "$rows" -lt "$printed" ] || [ "$rows" -gt $((printed + kills)) ]; then
	echo "FAIL: $rows rows for $printed printed grades and $kills kills"
	fail=1
fi
if [ "$printed" -eq 0 ]; then
	echo "FAIL: no grade was printed: the kills came too early"
	fail=1
fi
exit $fail
