#!/bin/sh
# `tpmtrain replay` against the reference's replay (ts-fsrs under node,
# tools/sched/replay-reference.sh) on one log of REPLAY_BENCH_N reviews
# (default 1000000: 10,000 cards reviewed 100 times each, interleaved in
# time order, ratings Again 10% Hard 15% Good 60% Easy 15%), fuzz off and
# on.  The sides are interleaved over REPLAY_BENCH_ROUNDS rounds (default
# 3); each prints every review's state as CSV, and the two outputs must be
# byte-identical or the bench fails.  Reports each side's median rate with
# its spread and the ratio of the medians.  Without node, only C runs.
set -eu
n=${REPLAY_BENCH_N:-1000000}
rounds=${REPLAY_BENCH_ROUNDS:-3}
bin=${TPMTRAIN_BIN:?run from make bench}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/tools/bench/out/replay
mkdir -p "$out"
log=$out/times
: > "$log"

cards=$(( n < 10000 ? n : 10000 ))
awk -v n="$n" -v cards="$cards" 'BEGIN {
	seed = 12345; t0 = 1735689600000; day = 86400000
	print "card_id,review_time,rating"
	for (i = 0; i < n; i++) {
		c = i % cards; step = int(i / cards)
		seed = (seed * 1103515245 + 12345) % 4294967296; u = seed / 4294967296
		g = u < 0.1 ? 1 : u < 0.25 ? 2 : u < 0.85 ? 3 : 4
		seed = (seed * 1103515245 + 12345) % 4294967296
		t = t0 + step * 20 * day + int(seed / 4294967296 * 19 * day)
		printf "card-%05d,%.0f,%d\n", c, t, g
	}
}' > "$out/log.csv"

ms() { date +%s%N | cut -c1-13; }

if dir=$("$root/tools/sched/oracle.sh" 2>"$out/oracle.err"); then
	cp "$root/tools/sched/replay-reference.mjs" "$dir/"
	have_ref=1
else
	cat "$out/oracle.err" >&2
	echo "replay bench: the reference did not run; C numbers only"
	have_ref=0
fi

status=0
r=1
while [ $r -le "$rounds" ]; do
	for fuzz in off on; do
		flag=; params=
		[ $fuzz = on ] && flag=--fuzz && params='{"enable_fuzz":true}'
		t=$(ms)
		# shellcheck disable=SC2086
		"$bin" replay $flag "$out/log.csv" > "$out/c.csv"
		echo "$fuzz c $(( $(ms) - t ))" >> "$log"
		[ $have_ref = 1 ] || continue
		t=$(ms)
		# shellcheck disable=SC2086
		node "$dir/replay-reference.mjs" $params < "$out/log.csv" > "$out/ref.csv"
		echo "$fuzz ref $(( $(ms) - t ))" >> "$log"
		if ! cmp -s "$out/c.csv" "$out/ref.csv"; then
			echo "replay bench: fuzz $fuzz: the output differs from the reference's:" >&2
			diff "$out/c.csv" "$out/ref.csv" | head -5 >&2
			status=1
		fi
	done
	r=$((r + 1))
done

sort -k1,1 -k2,2 -k3,3n "$log" | awk -v n="$n" '
	{ k = $1 " " $2; v[k, ++c[k]] = n / ($3 / 1000); keys[k] = 1 }
	function med(k,   m) { m = c[k]; return m % 2 ? v[k, (m + 1) / 2] : (v[k, m / 2] + v[k, m / 2 + 1]) / 2 }
	END {
		for (k in keys) {
			split(k, f, " ")
			if (f[2] != "c") continue
			# rates sorted by time ascending: the highest rate first
			printf "replay fuzz %-3s  C %8.0f (%.0f-%.0f)", f[1], med(k), v[k, c[k]], v[k, 1]
			r = f[1] " ref"
			if (r in keys)
				printf "  ts-fsrs %7.0f (%.0f-%.0f)  %.1fx", med(r), v[r, c[r]], v[r, 1], med(k) / med(r)
			printf "\n"
		}
	}' | sort > "$out/rows"
{
	echo "replay of $n reviews, $rounds rounds, whole command timed"
	echo "(reviews/s: median, lowest-highest; the ratio of the medians)"
	cat "$out/rows"
} | tee "$out/../replay.txt"
rm -f "$out/rows" "$out/oracle.err" "$out/c.csv" "$out/ref.csv"
exit $status
