#!/bin/sh
# The notes in $VISUAL and back; a resize that loses nothing; Ctrl-Z
# whose stopped time does not count.  Real time, no clock scale.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

# An editor that rewrites the first line and adds one.
cat >"$TMP/editor" <<'ED'
#!/bin/sh
file=$2
sed -i '1s/.*/users: riders, drivers and ops/' "$file"
echo "- added in the editor" >>"$file"
ED
chmod +x "$TMP/editor"

start 80 24
run "VISUAL=$TMP/editor $TPMTRAIN mock mock-test"
wait_for "phase 1 of 3   Clarify requirements"
keys C-p
wait_for "paused"
type_text "users: riders"
keys Enter
type_text "- ids: base62"
keys C-x
wait_for "notes taken back from the editor"
expect_line " users: riders, drivers and ops"
expect_line " - ids: base62"
expect_line " - added in the editor"
ok "^X: the notes in \$VISUAL and back"

tm resize-window -t t -x 50 -y 16
wait_for "phase 1 of 3"
tm resize-window -t t -x 30 -y 10
wait_for "terminal too small"
tm resize-window -t t -x 80 -y 24
wait_for "phase 1 of 3   Clarify requirements"
expect_line " users: riders, drivers and ops"
expect_line " - added in the editor"
wait_re "paused · [01]:[0-9]{2} left"
ok "a resize loses nothing"

keys C-p
wait_gone "paused"
keys C-z
wait_for "tpm$"
before=$(sqlite3 "$DB" "SELECT elapsed_ms FROM mock_session")
sleep 3
run "fg"
wait_for "phase 1 of 3   Clarify requirements"
keys C-p
wait_for "paused"
after=$(sqlite3 "$DB" "SELECT elapsed_ms FROM mock_session")
# Saved when stopped, and again when paused: well under the 3 s slept.
[ $((after - before)) -lt 2500 ] ||
	fail "Ctrl-Z counted: $before ms before, $after ms after"
ok "the time stopped with Ctrl-Z does not count ($before -> $after ms)"
keys C-e y
wait_for "coverage · Design a link shortener"
keys q
wait_for "unfinished"
keys q
wait_exit
expect_sane_terminal

# One bell when a phase runs out; none with --quiet.
tm set-option -g monitor-bell on
for quiet in "" --quiet; do
	start 80 24
	run "TPMTRAIN_CLOCK_SCALE=30 $TPMTRAIN mock mock-test $quiet"
	wait_for "phase 1 of 3"
	[ "$(tm display -p -t t '#{window_bell_flag}')" = 0 ] ||
		fail "a bell before the overrun"
	wait_re "! \+0:[0-9]{2} over"
	sleep 0.3
	bell=$(tm display -p -t t '#{window_bell_flag}')
	if [ -z "$quiet" ]; then
		[ "$bell" = 1 ] || fail "no bell when the phase ran out"
		ok "the bell rings when a phase runs out"
	else
		[ "$bell" = 0 ] || fail "a bell with --quiet"
		ok "--quiet: no bell"
	fi
	keys C-e y
	wait_for "coverage"
	keys q
	wait_for "unfinished"
	keys q
	wait_exit
done
