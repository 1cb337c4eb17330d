#!/bin/sh
# Start-up: `tpmtrain due` and the first home screen, whole commands, on
# libraries of STARTUP_BENCH_SIZES cards (default 500 10000 100000
# 1000000) with the same long history (730 days x 300 reviews), with the
# compiled-library cache and without, and `due` once the queue's known
# review set is out of date (startup_bench.c).  Goal: at 100,000
# cards within 1.5x of 500 cards, and under 50 ms, with the cache.
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export TZ=UTC
for n in ${STARTUP_BENCH_SIZES:-500 10000 100000 1000000}; do
	mkdir -p "$dir/$n/home"
	"$BENCH_BIN/loader_bench" --generate "$dir/$n/decks" "$n"
	echo "$n cards:"
	"$BENCH_BIN/startup_bench" "$TPMTRAIN_BIN" "$dir/$n" "$dir/$n/p.db" \
		"$dir/$n/home" "${STARTUP_BENCH_ROUNDS:-5}"
	rm -rf "${dir:?}/$n"
done
