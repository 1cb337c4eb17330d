#!/bin/sh
# e opens the card's file in $EDITOR at the card's line; on return the
# decks are read again and the card shows its new text.  An edit that
# breaks the deck shows the errors and keeps the old text.  A shipped
# deck is never edited in place (issue 9 item 10): the edit goes to a copy
# in the user's decks folder, which replaces it, and progress is kept.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

mkdir -p "$TMP/share"
cp -R "$TPM_TEST_ROOT/tests/fixtures/ui/decks" "$TMP/share/"
export TPMTRAIN_DATA_DIR="$TMP/share"
SHIPPED="$TMP/share/decks/ui-test.yaml"
DECK="$XDG_DATA_HOME/tpmtrain/decks/ui-test.yaml"
sum=$(cksum <"$SHIPPED")
# An "editor" that notes how it was called and applies $TMP/edit.sed.
cat >"$TMP/ed" <<EOS
#!/bin/sh
echo "\$@" >"$TMP/ed.args"
sed -i -f "$TMP/edit.sed" "\$2"
EOS
chmod +x "$TMP/ed"
export EDITOR="$TMP/ed"

start 80 24
# From $TMP, so that file names show as share/decks/...
run "cd '$TMP' && $TPMTRAIN drill"
wait_for "What does a write-through cache trade away?"
echo 's/What does a \*\*write-through\*\* cache trade away?/What does write-through caching cost?/' >"$TMP/edit.sed"
keys e
wait_for "What does write-through caching cost?"
wait_for "reloaded xdg/tpmtrain/decks/ui-test.yaml (your copy of the shipped deck)"
[ "$(cat "$TMP/ed.args")" = "+7 $DECK" ] ||
	fail "editor called with: $(cat "$TMP/ed.args")"
[ "$(cksum <"$SHIPPED")" = "$sum" ] || fail "the shipped deck was edited"
grep -q "What does write-through caching cost?" "$DECK" ||
	fail "the copy does not hold the edit"
ok "the editor opens a copy of the shipped deck at the card's line; the new text shows"

keys Space
wait_for "── answer"
echo 's/^    front: What does write-through caching cost?/    fornt: broken/' >"$TMP/edit.sed"
keys e
wait_for "edit: the decks have errors"
wait_for "  xdg/tpmtrain/decks/ui-test.yaml:8:5: error: unknown key 'fornt'"
golden edit-errors-80x24
keys Enter
wait_for "What does write-through caching cost?"
ok "a broken edit shows the errors and keeps the old text"

keys 3
wait_for "CAP theorem"
expect_grades "basic-cache 3"
keys q
wait_for "Session over."
keys Enter
wait_exit
expect_sane_terminal
ok "grades after the edits are saved; the session ends cleanly"

# The copy replaces the shipped deck: no duplicate ids, the card keeps
# its progress, and the shipped file is as it was.
sed -i 's/^    fornt: broken/    front: What does write-through caching cost?/' "$DECK"
"$TPMTRAIN" due >"$TMP/out" 2>"$TMP/err" || fail "due failed: $(cat "$TMP/err")"
[ ! -s "$TMP/err" ] || fail "due warned: $(cat "$TMP/err")"
grep -q "^ui-test " "$TMP/out" || fail "due: $(cat "$TMP/out")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM card_state WHERE card_id = 'basic-cache'")" = 1 ] ||
	fail "the card lost its progress"
[ "$(cksum <"$SHIPPED")" = "$sum" ] || fail "the shipped deck was changed"
# An update of the shipped deck is reported, not merged.
sleep 1
touch "$SHIPPED"
"$TPMTRAIN" due >/dev/null 2>"$TMP/err" || fail "due failed"
grep -qF "tpmtrain: warning: 1 shipped deck changed since you copied it (your copy is used), as $DECK" "$TMP/err" ||
	fail "the update is not reported: $(cat "$TMP/err")"
ok "the copy replaces the shipped deck; its update is reported"
