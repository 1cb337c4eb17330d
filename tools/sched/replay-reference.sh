#!/bin/sh
# Runs tools/sched/replay-reference.mjs (the reference's `tpmtrain replay`)
# with ts-fsrs installed by tools/sched/oracle.sh.  Reads standard input.
# Usage: tools/sched/replay-reference.sh [PARAMS_JSON] < log.csv
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$("$root/tools/sched/oracle.sh")
cp "$root/tools/sched/replay-reference.mjs" "$dir/"
exec node "$dir/replay-reference.mjs" "$@"
