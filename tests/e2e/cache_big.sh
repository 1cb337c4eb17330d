#!/bin/sh
# A library big enough that its items are reserved on huge pages when it
# comes from the cache (90,000 items: 45,000 reverse cards): the cached
# start shows the same table as a parse, and says it parsed nothing.
. "${TPM_TEST_ROOT:-$(pwd)}/tests/e2e/lib/env.sh"

export TPMTRAIN_NOW=2026-11-23T09:00:00Z
decks=$tmp/decks
mkdir -p "$decks"
awk 'BEGIN {
	print "deck: big"; print "title: Big"; print "cards:"
	for (i = 0; i < 45000; i++)
		printf "  - id: big-%d\n    type: reverse\n    front: Q%d\n    back: A%d\n", i, i, i
}' > "$decks/big.yaml"

TPMTRAIN_CACHE=off "$tpm" due --decks "$decks" >"$tmp/parsed" 2>"$tmp/err"
status "due, parsed" 0 $?
sleep 2.1	# older than the racy window, so the next start caches it
"$tpm" due --decks "$decks" >/dev/null 2>"$tmp/err"
status "due, cache written" 0 $?
TPMTRAIN_DEBUG=cache "$tpm" due --decks "$decks" >"$tmp/cached" 2>"$tmp/err"
status "due, from the cache" 0 $?
grep -q '^tpmtrain: cache: 1 of 1 files from the cache, 0 parsed; lint skipped; cards deferred$' "$tmp/err" ||
	{ echo "FAIL: the big library was not taken from the cache: $(cat "$tmp/err")"; fail=1; }
cmp -s "$tmp/parsed" "$tmp/cached" ||
	{ echo "FAIL: the cached big library's table differs:"; diff "$tmp/parsed" "$tmp/cached"; fail=1; }
grep -q '^big ' "$tmp/cached" || { echo "FAIL: big is not listed"; fail=1; }

[ $fail = 0 ] && echo "cache_big: ok"
exit $fail
