#!/bin/sh
# Primers are readable (issue 9 item 9): p on a card, before and after
# the answer and in browse, opens the primer its refs name in a reader
# that scrolls; a card without one says so; `tpmtrain primer` lists and
# prints them.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

start 80 24
run "$TPMTRAIN drill"
wait_for "What does a write-through cache trade away?"
keys p
wait_for "primer · primers/caching.md"
wait_for "Every write goes to the cache and the store"
hides "This line is far enough down" || fail "the primer fits: no scroll"
keys PageDown
wait_for "This line is far enough down that the reader must scroll to it."
keys q
wait_gone "primer ·"
wait_for "What does a write-through cache trade away?"
keys Space
wait_for "3 Good"
keys p
wait_for "primer · primers/caching.md"
keys Escape
wait_gone "primer ·"
keys 3
wait_for "CAP theorem"
keys p
wait_for "this card names no primer"
ok "p opens the card's primer, before and after the answer; it scrolls"
keys q
wait_for "Session over."
keys Enter
wait_exit

run "$TPMTRAIN"
wait_for "enter drill"
keys b
wait_for "browse ·"
keys /
type_text "write-through"
keys Enter
wait_for "browse · 1 of"
keys Enter
wait_for "card · basic-cache"
keys p
wait_for "primer · primers/caching.md"
keys q
wait_gone "primer ·"
ok "p in browse's card view opens it too"
keys q
keys q
keys q
wait_exit

"$TPMTRAIN" primer >"$TMP/out" || fail "primer failed"
grep -qx "caching                 Caching, for the interface tests" "$TMP/out" ||
	fail "primer lists: $(cat "$TMP/out")"
"$TPMTRAIN" primer caching >"$TMP/out" || fail "primer caching failed"
sed -n 1p "$TMP/out" | grep -qx "# Caching, for the interface tests" ||
	fail "primer caching shows: $(head -3 "$TMP/out")"
"$TPMTRAIN" primer cachng >/dev/null 2>"$TMP/err" && fail "an unknown primer"
grep -qF "no primer 'cachng' (did you mean 'caching'?)" "$TMP/err" ||
	fail "unknown primer says: $(cat "$TMP/err")"
"$TPMTRAIN" primer ../decks/ui-test >/dev/null 2>&1 && fail "a primer outside"
ok "tpmtrain primer lists, prints, and suggests"
