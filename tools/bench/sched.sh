#!/bin/sh
# Runs the scheduler benchmark in C and in the reference, ts-fsrs under
# node, on the same workload (tools/sched/oracle/bench.mjs, which
# sched_bench.c copies), and prints the ratio of their review rates.
# The two checksums sum the same schedule, so they must be equal: a
# difference fails the run.  Without node, only the C side runs.
# Run by tools/bench/Makefile with $BENCH_BIN, the folder of the built
# benchmarks; SCHED_BENCH_N sets the number of reviews (default 1000000).
set -eu
bin=$BENCH_BIN/sched_bench
n=${SCHED_BENCH_N:-1000000}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/tools/bench/out
mkdir -p "$out"

# field LABEL KEY TEXT: the value of KEY= on the line that starts with LABEL
field() {
	printf '%s\n' "$3" | grep -F "$1" | head -1 |
		sed -n "s|.* $2=\([0-9.]*\).*|\1|p"
}

c=$("$bin" "$n")
printf '%s\n' "$c"
if ! dir=$("$root/tools/sched/oracle.sh" 2>"$out/oracle.err"); then
	cat "$out/oracle.err" >&2
	echo "sched bench: the reference did not run; C numbers only"
	printf '%s\n' "$c" > "$out/sched.txt"
	exit 0
fi
ref=$(cd "$dir" && node bench.mjs "$n")
printf '%s\n' "$ref"

status=0
: > "$out/sched.ratio"
for label in 'next()' 'repeat()'; do
	c_rate=$(field "$label" 'reviews/s' "$c")
	r_rate=$(field "$label" 'reviews/s' "$ref")
	c_sum=$(field "$label" checksum "$c")
	r_sum=$(field "$label" checksum "$ref")
	if [ "$c_sum" != "$r_sum" ]; then
		echo "sched bench: $label checksum $c_sum differs from the" \
			"reference's $r_sum: the schedules differ" >&2
		status=1
	fi
	awk -v l="$label" -v c="$c_rate" -v r="$r_rate" 'BEGIN {
		printf "%-9s C %.0f reviews/s, ts-fsrs %.0f reviews/s: %.1fx\n",
			l, c, r, c / r }' >> "$out/sched.ratio"
done
cat "$out/sched.ratio"
{ printf '%s\n%s\n' "$c" "$ref"; cat "$out/sched.ratio"; } > "$out/sched.txt"
rm -f "$out/sched.ratio" "$out/oracle.err"
exit $status
