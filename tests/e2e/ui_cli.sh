#!/bin/sh
# The interface's verbs outside a terminal: help, usage errors, and a
# clear message instead of a broken screen when there is no terminal.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

out=$("$TPMTRAIN" drill --help) || fail "drill --help failed"
echo "$out" | head -n 1 | grep -qxF \
	"usage: tpmtrain drill [--deck D] [--tag T] [--focus] [--decks DIR]..." ||
	fail "drill --help: $out"
ok "drill --help"

"$TPMTRAIN" drill --deck nope >"$TMP/out" 2>&1
[ $? -eq 2 ] || fail "an unknown deck is not a usage error"
[ "$(cat "$TMP/out")" = "tpmtrain drill: no deck 'nope'
usage: tpmtrain drill [--deck D] [--tag T] [--focus] [--decks DIR]..." ] ||
	fail "unknown deck: $(cat "$TMP/out")"
"$TPMTRAIN" drill --tag nope >"$TMP/out" 2>&1
[ $? -eq 2 ] || fail "an unknown tag is not a usage error"
head -n 1 "$TMP/out" | grep -qxF "tpmtrain drill: no card has the tag 'nope'" ||
	fail "unknown tag: $(cat "$TMP/out")"
"$TPMTRAIN" drill --bogus >/dev/null 2>&1
[ $? -eq 2 ] || fail "an unknown option is not a usage error"
ok "usage errors"

"$TPMTRAIN" </dev/null >"$TMP/out" 2>&1
[ $? -eq 1 ] || fail "no terminal: wrong exit status"
[ "$(cat "$TMP/out")" = "tpmtrain: error: the interface needs a terminal; the verbs (tpmtrain --help) work without one" ] ||
	fail "no terminal: $(cat "$TMP/out")"
ok "without a terminal, a message and status 1"

# A terminal that cannot move its cursor gets the same clear refusal.
start 80 24
run "TERM=dumb $TPMTRAIN; echo status=\$?"
wait_for "status=1"
wait_for "tpmtrain: error: the terminal TERM=dumb cannot show the interface"
wait_exit 1
ok "TERM=dumb: a message and status 1"

# Every --decks directory is read, however many: the drill finds the deck
# of the seventh, and an error in the seventh is reported, not skipped.
dirs=""
for i in 1 2 3 4 5 6 7; do
	mkdir -p "$TMP/many/d$i"
	cat >"$TMP/many/d$i/deck.yaml" <<DECK
deck: deck-$i
title: Deck $i
cards:
  - id: c$i
    front: Front of deck number $i?
    back: Back $i.
DECK
	dirs="$dirs --decks $TMP/many/d$i"
done
start 80 24
run "$TPMTRAIN drill $dirs --deck deck-7"
wait_for "Front of deck number 7?"
keys q
wait_for "Session over"
keys Enter
wait_exit
ok "drill reads the seventh --decks directory"

printf 'deck: broken\ntitle: B\ncards:\n  - id: x\n    fornt: y\n' \
	>"$TMP/many/d7/deck.yaml"
"$TPMTRAIN" due $dirs >/dev/null 2>"$TMP/out" </dev/null ||
	fail "an error in the seventh --decks: wrong exit status"
grep -qxF "tpmtrain: warning: 1 card left out because of errors: tpmtrain lint" "$TMP/out" ||
	fail "an error in the seventh --decks is not said: $(cat "$TMP/out")"
"$TPMTRAIN" lint "$TMP/many/d7" >"$TMP/out" 2>&1
grep -q "d7/deck.yaml:5:5: error: unknown key 'fornt'" "$TMP/out" ||
	fail "lint does not show the seventh --decks' error: $(cat "$TMP/out")"
ok "an error in the seventh --decks directory is reported"

"$TPMTRAIN" drill --decks "$TMP/nowhere" >"$TMP/out" 2>&1 </dev/null
[ $? -eq 1 ] || fail "a missing --decks directory: wrong exit status"
grep -q "nowhere" "$TMP/out" ||
	fail "a missing --decks directory is not named: $(cat "$TMP/out")"
ok "a missing --decks directory is an error"
