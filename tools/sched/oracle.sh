#!/bin/sh
# Makes a folder where node can import the reference scheduler, ts-fsrs
# 5.4.2 as pinned by tools/sched/oracle/package.json (a copy of the shared
# FSRS oracle, with its bench.mjs), and prints the folder's path.
# Usage: tools/sched/oracle.sh [DIR]   (default build/oracle)
# Exits 1 with a message when node or npm is missing or the install fails.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-$root/build/oracle}

for tool in node npm; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "oracle: $tool not found" >&2
		exit 1
	fi
done
mkdir -p "$dir"
cp "$root"/tools/sched/oracle/* "$dir/"
if [ ! -f "$dir/node_modules/ts-fsrs/package.json" ]; then
	# The lock lists only one platform's native packages, which npm ci
	# refuses as out of sync; npm install then takes the pinned versions.
	(cd "$dir" && { npm ci --no-audit --no-fund >/dev/null 2>&1 ||
		npm install --no-audit --no-fund >/dev/null; }) || {
		echo "oracle: npm could not install ts-fsrs in $dir" >&2
		exit 1
	}
fi
echo "$dir"
