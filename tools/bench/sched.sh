#!/bin/sh
# The scheduler in C against the reference, ts-fsrs under node, on the same
# workload (sched_bench.c copies tools/sched/oracle/bench.mjs), fuzz off and
# on (on is the product's default).  The two sides are interleaved over
# SCHED_BENCH_ROUNDS rounds (default 5) of at least a second each, so a
# noisy moment hurts both; the result is each side's median rate with its
# spread (lowest-highest) and the ratio of the medians.  Each run's
# checksum sums the same schedule, fuzzed days included: a difference from
# the reference fails the bench.  Without node, only the C side runs.
# Run by tools/bench/Makefile with $BENCH_BIN, the folder of the built
# benchmarks.  SCHED_BENCH_N: reviews per pass (default 100000);
# SCHED_BENCH_MODES: "next" (default) and/or "repeat".
set -eu
bin=$BENCH_BIN/sched_bench
n=${SCHED_BENCH_N:-100000}
rounds=${SCHED_BENCH_ROUNDS:-5}
modes=${SCHED_BENCH_MODES:-next}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/tools/bench/out
mkdir -p "$out"
log=$out/sched.log
: > "$log"

# field KEY LINE: the value of KEY= in LINE
field() {
	printf '%s\n' "$2" | sed -n "s|.* $1=\([0-9.]*\).*|\1|p"
}

if dir=$("$root/tools/sched/oracle.sh" 2>"$out/oracle.err"); then
	have_ref=1
else
	cat "$out/oracle.err" >&2
	echo "sched bench: the reference did not run; C numbers only"
	have_ref=0
fi
rm -f "$out/oracle.err"

status=0
r=1
while [ $r -le "$rounds" ]; do
	for mode in $modes; do
		for fuzz in off on; do
			flags=
			[ $fuzz = on ] && flags=--fuzz
			[ $mode = repeat ] && flags="$flags --repeat"
			# shellcheck disable=SC2086
			c=$("$bin" $flags "$n")
			echo "$mode $fuzz c $(field reviews/s "$c") $(field checksum "$c")" >> "$log"
			[ $have_ref = 1 ] || continue
			# shellcheck disable=SC2086
			ref=$(cd "$dir" && node bench.mjs $flags "$n")
			echo "$mode $fuzz ref $(field reviews/s "$ref") $(field checksum "$ref")" >> "$log"
		done
	done
	r=$((r + 1))
done

# Checksums: every run of a mode and fuzz must agree with every other.
if awk '{ k = $1 " " $2; if (k in sum && sum[k] != $5) bad = bad k ": " sum[k] " and " $5 "\n"; sum[k] = $5 }
	END { if (bad != "") { printf "%s", bad; exit 1 } }' "$log" > "$out/sched.bad"; then
	:
else
	echo "sched bench: the schedules differ from the reference's (checksums):" >&2
	cat "$out/sched.bad" >&2
	status=1
fi
rm -f "$out/sched.bad"

# summary: median (low-high) per side, and the ratio of the medians
sort -k1,1 -k2,2 -k3,3 -k4,4n "$log" | awk -v n="$n" -v rounds="$rounds" '
	{ k = $1 " " $2 " " $3; v[k, ++c[k]] = $4; keys[k] = 1 }
	function med(k,   m) { m = c[k]; return m % 2 ? v[k, (m + 1) / 2] : (v[k, m / 2] + v[k, m / 2 + 1]) / 2 }
	END {
		for (k in keys) {
			split(k, f, " ")
			if (f[3] != "c") continue
			printf "%-9s fuzz %-3s  C %9.0f (%.0f-%.0f)", f[1] "()", f[2], med(k), v[k, 1], v[k, c[k]]
			r = f[1] " " f[2] " ref"
			if (r in keys)
				printf "  ts-fsrs %7.0f (%.0f-%.0f)  %.1fx", med(r), v[r, 1], v[r, c[r]], med(k) / med(r)
			printf "\n"
		}
	}' | sort > "$out/sched.rows"
{
	echo "scheduler, $rounds rounds of >= 1 s each side, $n reviews a pass"
	echo "(reviews/s: median, lowest-highest; the ratio of the medians)"
	cat "$out/sched.rows"
} > "$out/sched.txt"
rm -f "$out/sched.rows"
cat "$out/sched.txt"
exit $status
