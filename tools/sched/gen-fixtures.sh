#!/bin/sh
# Regenerates the scheduler's reference fixtures with ts-fsrs (installed by
# tools/sched/oracle.sh): tests/fixtures/sched/reference_extra.json and the
# expected outputs of tests/e2e/replay.sh in tests/fixtures/replay/.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$("$root/tools/sched/oracle.sh")
cp "$root/tools/sched/gen-fixtures.mjs" "$dir/"
out=$root/tests/fixtures/sched/reference_extra.json
node "$dir/gen-fixtures.mjs" > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote tests/fixtures/sched/reference_extra.json"

# The replay e2e cases: each expected file with the ts-fsrs parameters that
# match the options tests/e2e/replay.sh passes.
fsrs5='[0.40255,1.18385,3.173,15.69105,7.1949,0.5345,1.4604,0.0046,1.54575,0.1192,1.01925,1.9395,0.11,0.29605,2.2698,0.2315,2.9898]'
replay=$root/tests/fixtures/replay
while read -r name params; do
	"$root/tools/sched/replay-reference.sh" "$params" \
		< "$replay/history.csv" > "$replay/$name.tmp"
	mv "$replay/$name.tmp" "$replay/$name"
	echo "wrote tests/fixtures/replay/$name"
done <<END
expected-default.csv {}
expected-long-term.csv {"request_retention":0.8,"enable_short_term":false,"maximum_interval":30,"enable_fuzz":true}
expected-fsrs5.csv {"w":$fsrs5,"learning_steps":["10m","1d"],"relearning_steps":[],"enable_fuzz":true}
END
