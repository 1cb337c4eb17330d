#!/bin/sh
# The interface's verbs outside a terminal: help, usage errors, and a
# clear message instead of a broken screen when there is no terminal.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

out=$("$TPMTRAIN" drill --help) || fail "drill --help failed"
echo "$out" | head -n 1 | grep -qxF \
	"usage: tpmtrain drill [--deck D] [--tag T] [--decks DIR]..." ||
	fail "drill --help: $out"
ok "drill --help"

"$TPMTRAIN" drill --deck nope >"$TMP/out" 2>&1
[ $? -eq 2 ] || fail "an unknown deck is not a usage error"
[ "$(cat "$TMP/out")" = "tpmtrain drill: no deck 'nope'
usage: tpmtrain drill [--deck D] [--tag T] [--decks DIR]..." ] ||
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
ok "TERM=dumb: a message and status 1"
