#!/bin/sh
# A broken deck locks nobody out (issue 9 items 2 and 3): with a good deck
# and one holding an unknown key and a duplicate id, the home screen opens
# with the "left out" line, the good cards drill, the duplicate is studied
# once (the first definition), and the study verbs warn once and go on
# while lint stays strict.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

# The decks of a data folder, as the shipped ones are found.
export TPMTRAIN_DATA_DIR=$TMP/data
decks=$TPMTRAIN_DATA_DIR/decks
mkdir -p "$decks"
cat >"$decks/good.yaml" <<'YAML'
deck: good
title: Good deck
cards:
  - id: g-one
    front: The first good question?
    back: The first good answer.
  - id: g-two
    front: The second good question?
    back: The second good answer.
YAML
cat >"$decks/zbad.yaml" <<'YAML'
deck: zbad
title: A deck with errors
cards:
  - id: z-fine
    front: A fine card in a broken deck?
    back: It is studied.
  - id: z-typo
    fornt: A misspelt key?
    back: Left out.
  - id: g-one
    front: The duplicate of g-one?
    back: Left out.
YAML
printf 'deck: [unclosed\n' >"$decks/zz-not-yaml.yaml"

"$TPMTRAIN" due >"$TMP/out" 2>"$TMP/err" ||
	fail "due failed on a broken deck: $(cat "$TMP/err")"
[ "$(cat "$TMP/err")" = "tpmtrain: warning: 2 cards and 1 file left out because of errors: tpmtrain lint" ] ||
	fail "due warned: $(cat "$TMP/err")"
grep -q "^total *3 " "$TMP/out" || fail "due counts: $(cat "$TMP/out")"
if "$TPMTRAIN" lint "$decks" >/dev/null 2>&1; then
	fail "lint passed a broken deck"
fi
ok "due warns once and counts the good cards; lint stays strict"

start 80 24
run "$TPMTRAIN"
wait_for "2 cards and 1 file left out because of errors: tpmtrain lint"
ok "the home screen says what was left out"
keys Enter
# New cards interleave: a card from each deck in turn.
for q in "The first good question?" "A fine card in a broken deck?" \
	"The second good question?"; do
	wait_for "$q"
	keys Space
	wait_for "3 Good"
	keys 3
done
wait_for "3/6"
keys q
wait_for "Session over."
hides "duplicate of g-one" || fail "the duplicate was shown"
expect_grades "g-one 3
z-fine 3
g-two 3"
ok "the good cards drill and the duplicate is studied once"
keys Enter
keys q
wait_exit

printf 'z-typo good\n' | "$TPMTRAIN" review --batch >/dev/null 2>"$TMP/err" &&
	fail "a left-out card was graded"
grep -c "warning:" "$TMP/err" | grep -qx 1 || fail "review warned: $(cat "$TMP/err")"
ok "review --batch warns once and leaves the bad card out"
