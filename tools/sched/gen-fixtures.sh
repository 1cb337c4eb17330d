#!/bin/sh
# Regenerates tests/fixtures/sched/reference_extra.json from the reference
# scheduler (ts-fsrs, installed by tools/sched/oracle.sh).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$("$root/tools/sched/oracle.sh")
cp "$root/tools/sched/gen-fixtures.mjs" "$dir/"
mkdir -p "$root/tests/fixtures/sched"
node "$dir/gen-fixtures.mjs" > "$root/tests/fixtures/sched/reference_extra.json.tmp"
mv "$root/tests/fixtures/sched/reference_extra.json.tmp" \
	"$root/tests/fixtures/sched/reference_extra.json"
echo "wrote tests/fixtures/sched/reference_extra.json"
