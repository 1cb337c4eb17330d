#!/bin/sh
# A filter's work is bounded: (a+)+$ over 20,000 cards whose text makes it
# hit the match limit froze the interface for 150 s, with Ctrl-C and
# SIGTERM waiting for it.  Now it gives up after 32 such cards, says how
# many it did not search, and the screen answers keys at once.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

decks=$XDG_DATA_HOME/tpmtrain/decks
mkdir -p "$decks"
awk 'BEGIN {
	print "deck: many\ntitle: Many\ncards:"
	for (i = 0; i < 20000; i++)
		printf "  - id: c%05d\n    front: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n    back: b\n", i
}' >"$decks/many.yaml"

start 100 24
run "$TPMTRAIN"
wait_for "all decks"
keys b
wait_for "browse · 20007 cards"
keys /
wait_for "enter applies, esc cancels"
type_text '(a+)+$'
keys Enter
wait_re "gave up on 32 cards \\(match limit\\); [0-9]+ more not searched"
ok "a slow filter stops within its budget and says what it left out"
keys j
wait_for "browse · 0 of 20007 cards"
keys q
wait_for "all decks"
keys q
wait_exit
ok "the screen answers keys after it"
