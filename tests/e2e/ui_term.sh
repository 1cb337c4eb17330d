#!/bin/sh
# The terminal: resizing below the minimum and back, Ctrl-Z and fg, the
# help screen, Ctrl-C and SIGTERM, NO_COLOR; grades given before each are
# in the database and the terminal is left sane.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

start 80 24
run "$TPMTRAIN drill --deck ui-test"
wait_for "What does a write-through cache trade away?"
keys Space
wait_for "── answer"
screen >"$TMP/before"

tm resize-window -t t -x 30 -y 10
wait_for "terminal too small"
expect_line "    need 40x12, have 30x10"
golden too-small-30x10
# Keys are not taken while nothing can be seen.
keys 3
sleep 0.3
tm resize-window -t t -x 80 -y 24
wait_for "── answer"
screen >"$TMP/after"
cmp -s "$TMP/before" "$TMP/after" || fail "the screen changed over a resize"
[ -z "$(grades)" ] || fail "a key was taken while too small"
ok "below 40x12 the screen says so, and comes back as it was"

keys C-z
wait_for "Stopped"
run fg
wait_for "── answer"
keys 3
wait_for "CAP theorem"
expect_grades "basic-cache 3"
ok "Ctrl-Z suspends and fg restores"

keys '?'
wait_for "keys · drill, question"
expect_line "  b                  bury: skip the card until tomorrow"
keys x
wait_for "CAP theorem"
keys Space
wait_for "Under a partition"
keys '?'
wait_for "keys · drill, answer shown"
expect_line "  3 g space enter    good: recalled"
keys Escape
wait_gone "keys · drill"
keys 2
wait_for "A [...] is a set of related projects."
ok "? shows every key of the screen"

keys C-c
wait_exit
expect_sane_terminal
expect_grades "basic-cache 3
rev-cap 2"
ok "Ctrl-C leaves the terminal sane and keeps the grades"

run "$TPMTRAIN drill"
wait_for "A [...] is a set of related projects."
keys Space
wait_for "A program is"
keys 3
wait_for "Name the three constraints"
type_text "time and"
wait_for "   time and"
tm resize-window -t t -x 30 -y 10
wait_for "terminal too small"
tm resize-window -t t -x 100 -y 30
wait_for "   time and"
keys End
type_text " scope"
wait_for "   time and scope"
ok "a half-typed answer survives a resize"
kill -TERM "$(app_pid)"
wait_exit
expect_sane_terminal
expect_grades "basic-cache 3
rev-cap 2
cloze-program#c1 3"
ok "SIGTERM leaves the terminal sane and keeps the grades"

# Every other signal that quits: ^\ (SIGQUIT), SIGUSR1, SIGALRM, SIGPIPE.
for sig in QUIT USR1 ALRM PIPE; do
	run "$TPMTRAIN drill"
	wait_for "Name the three constraints"
	kill -$sig "$(app_pid)"
	wait_exit
	expect_sane_terminal
	ok "SIG$sig leaves the terminal sane"
done

# Colours: eight at most, none at all with NO_COLOR.
run "$TPMTRAIN"
wait_for "reviewed"
tm capture-pane -p -e -t t >"$TMP/color"
grep -q "$(printf '\033')\[[0-9;]*3[1-6]m" "$TMP/color" ||
	fail "no colours"
grep -q "38;5" "$TMP/color" && fail "more than eight colours"
keys q
wait_exit
run "NO_COLOR=1 $TPMTRAIN"
wait_for "reviewed"
tm capture-pane -p -e -t t >"$TMP/mono"
grep -q "$(printf '\033')\[[0-9;]*3[0-7]m" "$TMP/mono" &&
	fail "colours under NO_COLOR"
grep -q "$(printf '\033')\[[0-9;]*1m" "$TMP/mono" ||
	fail "no bold under NO_COLOR"
keys q
wait_exit
ok "colours: at most eight; NO_COLOR has none"
