#!/bin/sh
# Issue 9 item 11: the README's example deck and scenario work as the
# README says.  The deck beside the shipped decks clashes with no id, and
# the scenario lints on its own with --content (its rubric is found in the
# content folder).  Run by `make e2e` with $TPMTRAIN and $TPM_TEST_ROOT set.
set -u
T=${TPMTRAIN:?}
ROOT=${TPM_TEST_ROOT:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
unset TPMTRAIN_DATA_DIR TPMTRAIN_DB
failures=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# The first ```yaml block after the README heading $1.
extract() {
	awk -v h="$1" '
		$0 == h { on = 1; next }
		on && /^```yaml/ { inb = 1; next }
		inb && /^```/ { exit }
		inb { print }' "$ROOT/README.md"
}

extract '### A deck' >"$tmp/caching-basics.yaml"
extract '### A mock scenario' >"$tmp/scenario.yaml"
for f in caching-basics.yaml scenario.yaml; do
	[ -s "$tmp/$f" ] || fail "no example $f in README.md"
done

# The example deck beside the shipped decks: no error (duplicate ids were).
"$T" lint --content "$ROOT/content" "$ROOT/decks" "$tmp/caching-basics.yaml" \
	>"$tmp/out" 2>&1
st=$?
[ "$st" -eq 0 ] || { fail "readme deck with shipped decks: exit $st"; \
	grep error "$tmp/out" | head -5; }

# The example scenario on its own with --content.
"$T" lint --content "$ROOT/content" "$tmp/scenario.yaml" >"$tmp/out" 2>&1
st=$?
[ "$st" -eq 0 ] || { fail "readme scenario alone: exit $st"; \
	grep error "$tmp/out" | head -5; }

# The lookup stays an id lookup: an unknown rubric is still an error.
sed 's/^rubric: .*/rubric: no-such-rubric/' "$tmp/scenario.yaml" >"$tmp/bad.yaml"
"$T" lint --content "$ROOT/content" "$tmp/bad.yaml" >"$tmp/out" 2>&1
st=$?
[ "$st" -eq 1 ] || fail "unknown rubric: exit $st, expected 1"
grep -q "unknown rubric 'no-such-rubric'" "$tmp/out" ||
	fail "unknown rubric not named: $(cat "$tmp/out")"

[ "$failures" -eq 0 ] && echo "readme_example: ok"
[ "$failures" -eq 0 ]
