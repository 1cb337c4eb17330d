#!/bin/sh
# Loader time and memory against libyaml's bare event scan (100,000 cards).
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$BENCH_BIN/loader_bench" "$dir/lib" "${LOADER_BENCH_CARDS:-100000}" 5
