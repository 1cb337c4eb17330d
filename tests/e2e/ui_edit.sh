#!/bin/sh
# e opens the card's file in $EDITOR at the card's line; on return the
# decks are read again and the card shows its new text.  An edit that
# breaks the deck shows the errors and keeps the old text.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

mkdir -p "$TMP/share"
cp -R "$TPM_TEST_ROOT/tests/fixtures/ui/decks" "$TMP/share/"
export TPMTRAIN_DATA_DIR="$TMP/share"
DECK="$TMP/share/decks/ui-test.yaml"
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
wait_for "reloaded share/decks/ui-test.yaml"
[ "$(cat "$TMP/ed.args")" = "+7 $DECK" ] ||
	fail "editor called with: $(cat "$TMP/ed.args")"
ok "the editor opens at the card's line; the new text shows"

keys Space
wait_for "── answer"
echo 's/^    front: What does write-through caching cost?/    fornt: broken/' >"$TMP/edit.sed"
keys e
wait_for "edit: the decks have errors"
wait_for "  share/decks/ui-test.yaml:8:5: error: unknown key 'fornt'"
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
