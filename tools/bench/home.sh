#!/bin/sh
# The first drawn home screen on a two-year streak at 300 reviews a day
# (about 220,000 log rows) with a library of 100,000 cards, against the
# bare SQLite scan of the same rows (goal: under 50 ms).  The time after
# the decks are loaded and the database opened: what the home screen adds,
# and again on every return to it.
set -eu
N=${HOME_BENCH_CARDS:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export TZ=UTC
"$BENCH_BIN/loader_bench" "$dir/lib" "$N" 1 >/dev/null
"$BENCH_BIN/home_bench" "$dir/lib" "$dir/progress.db" \
	"${HOME_BENCH_DAYS:-730}" "${HOME_BENCH_PER_DAY:-300}" \
	"${HOME_BENCH_ROUNDS:-11}"
