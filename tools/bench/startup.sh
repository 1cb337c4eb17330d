#!/bin/sh
# Start-up: `tpmtrain due` and the first home screen, whole commands, on
# libraries of STARTUP_BENCH_SIZES cards (default 500 10000 100000
# 1000000) with the same long history (730 days x 300 reviews), with the
# compiled-library cache and without, and `due` once the queue's known
# review set is out of date (startup_bench.c).  Goal: at 100,000
# cards within 1.5x of 500 cards, and under 50 ms, with the cache: first
# measured paired, the two libraries in turn in every round.
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export TZ=UTC
library() {
	[ -d "$dir/$1/decks" ] && return
	mkdir -p "$dir/$1/home"
	"$BENCH_BIN/loader_bench" --generate "$dir/$1/decks" "$1"
}
library 500
library 100000
echo "100000 cards (B) against 500 (A):"
"$BENCH_BIN/startup_bench" --pair "$TPMTRAIN_BIN" \
	"${STARTUP_BENCH_PAIR_ROUNDS:-31}" \
	"$dir/500" "$dir/500/p.db" "$dir/500/home" \
	"$dir/100000" "$dir/100000/p.db" "$dir/100000/home"
for n in ${STARTUP_BENCH_SIZES:-500 10000 100000 1000000}; do
	library "$n"
	echo "$n cards:"
	"$BENCH_BIN/startup_bench" "$TPMTRAIN_BIN" "$dir/$n" "$dir/$n/p.db" \
		"$dir/$n/home" "${STARTUP_BENCH_ROUNDS:-5}"
	rm -rf "${dir:?}/$n"
done
