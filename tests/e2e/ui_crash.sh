#!/bin/sh
# Crash safety of the interface: a drill in tmux, grades typed as fast as
# tmux sends them, killed with SIGKILL at a random moment, ROUNDS times
# (default 3).  After each kill, every grade the screen had drawn (the
# progress bar's count: without learning steps each grade finishes a card)
# is in review_log, in the order typed, and the database is intact.  The
# grades and the moments come from SEED, random by default and printed:
#   sh tests/e2e/ui_crash.sh [ROUNDS [SEED]]
rounds=${1:-3}
# Below 2^31: awk's srand() takes no more.
seed=${2:-$(($(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % 1000000000))}
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"
echo "ui_crash: seed $seed (again: sh tests/e2e/ui_crash.sh $rounds $seed)"

# 300 new cards, no learning steps, no daily limit.
mkdir -p "$TMP/decks"
awk 'BEGIN {
	print "deck: crash\ntitle: Crash\ncards:"
	for (i = 1; i <= 300; i++)
		printf "  - id: c%03d\n    front: Question %d\n    back: Answer %d\n", i, i, i
}' >"$TMP/decks/crash.yaml"
"$TPMTRAIN" config learning_steps '' >/dev/null &&
	"$TPMTRAIN" config new_per_day 9999 >/dev/null ||
	fail "config failed"

# Per round: how many grades (20 to 80), which (1 to 4), and the wait
# before the kill (0 to 60 ms: a grade takes about a millisecond).
awk -v seed="$seed" -v n="$rounds" 'BEGIN {
	srand(seed)
	for (r = 0; r < n; r++) {
		k = 20 + int(rand() * 61)
		printf "%.3f", rand() * 0.06
		for (i = 0; i < k; i++)
			printf " %d", 1 + int(rand() * 4)
		printf "\n"
	}
}' >"$TMP/rounds"

# tpmtrain replaces the pane's shell, and its pane stays as it left it:
# no prompt is drawn over the screen after the kill.
pane_dead() {
	[ "$(tm display -p -t t '#{pane_dead}')" = 1 ]
}

last=0
round=0
while read -r delay grades; do
	round=$((round + 1))
	start 80 24
	tm set -g remain-on-exit on
	tm set -g remain-on-exit-format ''
	run "exec $TPMTRAIN drill --decks $TMP/decks --deck crash"
	wait_re "Question [0-9]+"
	# Space shows the answer, the digit grades it: all keys at once.
	set --
	for g in $grades; do
		set -- "$@" Space "$g"
	done
	keys "$@"
	sleep "$delay"
	kill -KILL "$(app_pid)"
	wait_exit 137
	# Dead once tmux has read all tpmtrain wrote.
	poll "the pane stays alive" pane_dead
	drawn=$(screen | sed -nE 's/.* ([0-9]+)\/[0-9]+ .*/\1/p' | tail -n 1)
	[ -n "$drawn" ] || fail "round $round: no progress bar on the screen"
	saved=$(sqlite3 "$DB" "SELECT rating FROM review_log WHERE id > $last
			       ORDER BY id" | tr '\n' ' ')
	n_saved=$(echo $saved | wc -w)
	typed=$(echo $grades | cut -d' ' -f1-"$n_saved")
	[ "$n_saved" -ge "$drawn" ] ||
		fail "round $round: $drawn grades drawn, $n_saved saved"
	[ "$n_saved" -eq 0 ] || [ "$(echo $saved)" = "$typed" ] ||
		fail "round $round: saved '$saved', typed '$grades'"
	[ "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok ] ||
		fail "round $round: integrity_check failed"
	echo "ok - round $round: killed after $(echo $delay)s," \
		"$drawn of $(echo $grades | wc -w) grades drawn, $n_saved saved"
	last=$(sqlite3 "$DB" "SELECT coalesce(max(id), 0) FROM review_log")
done <"$TMP/rounds"
ok "every grade drawn before a kill -9 is in the database"
