#!/bin/sh
# Instructions from a grade keypress to the next card on screen, with a
# library of 100,000 cards and a database with a state for every item
# (goal: under 2 million).  The real binary runs under callgrind in a
# private tmux server; each key's cost is dumped on its own
# (--toggle-collect and --dump-after on ui_app_key, which takes one key
# and draws what it leads to), and the grades are every other key (space
# shows the answer, 3 grades it).
set -eu
N=${UI_BENCH_CARDS:-100000}
GRADES=${UI_BENCH_GRADES:-40}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# The binary of the build benchmarked (make bench passes it).
BIN=${TPMTRAIN_BIN:-$ROOT/tpmtrain}
for tool in valgrind tmux; do
	command -v $tool >/dev/null || { echo "ui_grade: needs $tool"; exit 0; }
done
dir=$(mktemp -d "${TMPDIR:-/tmp}/tpm-ui-bench.XXXXXX")
sock=tpmbench$$
# UI_BENCH_KEEP=1 keeps the callgrind dumps for callgrind_annotate.
trap 'tmux -L $sock kill-server 2>/dev/null || :
      rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
      [ "${UI_BENCH_KEEP:-0}" = 1 ] && echo "kept $dir" || rm -rf "$dir"' EXIT
export XDG_DATA_HOME="$dir/data" XDG_CACHE_HOME="$dir/cache" \
	TPMTRAIN_NOW=2026-11-23T09:00:00Z
export LC_ALL=C.UTF-8 TPMTRAIN_DATA_DIR="$dir"
mkdir -p "$dir/data/tpmtrain"
"$BENCH_BIN/loader_bench" "$dir/lib" "$N" 1 >/dev/null
"$BENCH_BIN/ui_bench" "$dir/lib" "$dir/data/tpmtrain/progress.db" \
	"$TPMTRAIN_NOW"

tmux -L $sock -f /dev/null new-session -d -x 80 -y 24 \
	"cd '$dir' && valgrind --tool=callgrind --collect-atstart=no \
	 --toggle-collect=ui_app_key --dump-after=ui_app_key \
	 --callgrind-out-file='$dir/cg.out' '$BIN' drill --decks '$dir/lib' \
	 2>'$dir/vg.log'"
screen() { tmux -L $sock capture-pane -p; }
# wait_for REGEX
wait_for() {
	w=0
	until screen | grep -qE -- "$1"; do
		w=$((w + 1))
		[ $w -gt 6000 ] && { echo "ui_grade: no '$1'"; screen; exit 1; }
		sleep 0.1
	done
}
question="space answer|enter check"
wait_for "$question"
i=0
while [ $i -lt "$GRADES" ]; do
	# Typed cards check the (empty) answer with enter.
	if screen | grep -qF "enter check"; then
		tmux -L $sock send-keys Enter
	else
		tmux -L $sock send-keys Space
	fi
	wait_for "1 Again"
	tmux -L $sock send-keys 3
	wait_for "$question"
	i=$((i + 1))
done
tmux -L $sock send-keys q
wait_for "Session over"
tmux -L $sock send-keys Enter
sleep 2
# Dumps .1, .2, ... one per key: the even ones are the grades.
for f in "$dir"/cg.out.*; do
	n=${f##*.}
	[ $((n % 2)) -eq 0 ] && [ "$n" -le $((2 * GRADES)) ] || continue
	sed -n 's/^summary: \([0-9]*\).*/\1/p' "$f"
done | sort -n >"$dir/grades"
count=$(wc -l <"$dir/grades")
median=$(sed -n "$(((count + 1) / 2))p" "$dir/grades")
max=$(tail -n 1 "$dir/grades")
min=$(head -n 1 "$dir/grades")
echo "grade to next card, $N cards, $count grades (instructions):"
echo "  median $median  min $min  max $max  (goal < 2000000)"
