#!/bin/sh
# A running mock: a tick, the 5-second save (fsync'd) and the coverage of a
# big notes pad, on the shipped URL-shortener scenario.
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$BENCH_BIN/mock_bench" "$dir" "$(cd ../.. && pwd)/content" \
	"${MOCK_BENCH_LINES:-2000}" "${MOCK_BENCH_ROUNDS:-21}"
