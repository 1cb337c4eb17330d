# Helpers for the interface's end-to-end tests (tests/e2e/ui_*.sh), which
# drive the real binary in a private tmux server as a person would: keys in
# with send-keys, the screen out with capture-pane (tmux's regress/ tests).
# Sourced, not run: make e2e runs only tests/e2e/*.sh.
#
# Each test gets its own XDG_DATA_HOME, the test deck of tests/fixtures/ui,
# a UTF-8 locale, and a wall clock standing still at TPMTRAIN_NOW: the
# scheduler seeds its fuzz with the time, so the intervals on the screen
# are exact.
#
# What a pane cannot show is checked for every test here:
# - $TPMTRAIN is a wrapper that records the exit status of each tpmtrain
#   the pane runs; wait_exit [STATUS] checks it (default 0), and at the
#   end of the test a status nobody checked fails it unless it is 0;
# - sanitizer reports go to files (env.sh) and fail the test, at
#   wait_exit or at its end, with the report.

set -u
: "${TPMTRAIN:?set TPMTRAIN to the binary}"
: "${TPM_TEST_ROOT:?set TPM_TEST_ROOT to the repository}"

# The private world every e2e test gets (env.sh), then the interface's.
. "$TPM_TEST_ROOT/tests/e2e/lib/env.sh"
SOCK=tpm$$
TMP=$tmp
GOLDEN=$TPM_TEST_ROOT/tests/golden
export TPMTRAIN_DATA_DIR="$TPM_TEST_ROOT/tests/fixtures/ui"
export TPMTRAIN_NOW=2026-11-23T09:00:00Z
export LC_ALL=C.UTF-8 TZ=UTC
unset NO_COLOR VISUAL EDITOR
DB="$XDG_DATA_HOME/tpmtrain/progress.db"
# File names on screen are relative to where tpmtrain runs.
cd "$TPM_TEST_ROOT" || exit 1
# Sanitizer builds are slower: allow for it in every wait.
WAIT_TENTHS=${TPM_E2E_WAIT:-100}

# The wrapper: in a pane of this test's tmux server, tpmtrain runs under
# exitwrap (lib/exitwrap.c), which appends its exit status to $TMP/exits;
# called by the test itself, it is tpmtrain (the test checks the status).
TPMTRAIN_BIN=$TPMTRAIN
TPMTRAIN=$TMP/bin/tpmtrain
mkdir -p "$TMP/bin"
: >"$TMP/exits"
EXITS_SEEN=0
cc -o "$TMP/bin/exitwrap" "$TPM_TEST_ROOT/tests/e2e/lib/exitwrap.c" || {
	echo "FAIL: cannot build tests/e2e/lib/exitwrap.c"
	exit 1
}
cat >"$TPMTRAIN" <<WRAPPER
#!/bin/sh
case "\${TMUX:-}" in
*/$SOCK,*) exec '$TMP/bin/exitwrap' '$TMP/exits' '$TPMTRAIN_BIN' "\$@" ;;
*) exec '$TPMTRAIN_BIN' "\$@" ;;
esac
WRAPPER
chmod +x "$TPMTRAIN"

tm() {
	tmux -L "$SOCK" -f /dev/null "$@"
}

# The exit statuses recorded since the last wait_exit, one a line.
exits_unchecked() {
	sed -n "$((EXITS_SEEN + 1)),\$p" "$TMP/exits"
}

# exits_bad: prints each unchecked status that is not 0; returns 1 if any.
exits_bad() {
	_bad=$(exits_unchecked | grep -vx 0)
	[ -z "$_bad" ] && return 0
	for _st in $_bad; do
		echo "FAIL: tpmtrain exited with status $_st, and no test expected it"
	done
	return 1
}

# At the end, before env.sh looks for sanitizer reports: the tmux server
# goes, the tpmtrain it ran finish (reports are written at exit; bounded),
# and a status nobody checked must be 0.
ui_stop() {
	tm kill-server 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
	_w=0
	while pgrep -f "^$TMP/bin/exitwrap " >/dev/null &&
		[ $_w -lt "$WAIT_TENTHS" ]; do
		_w=$((_w + 1))
		sleep 0.1
	done
	exits_bad
}
test_stop=ui_stop

# The pane as text (trailing blanks cut by tmux).
screen() {
	tm capture-pane -p -t t
}

fail() {
	echo "FAIL: $*"
	echo "--- screen:"
	screen
	exit 1
}

ok() {
	echo "ok - $*"
}

# start COLS ROWS: an interactive shell (job control for Ctrl-Z and fg)
# in session t.  A session already there is replaced only once the new
# one runs: killing the last session first would end the server while
# the next command starts.
start() {
	if tm has-session -t t 2>/dev/null; then
		tm new-session -d -s next -x "$1" -y "$2" \
			"env PS1='tpm\$ ' sh" || fail "tmux did not start"
		tm kill-session -t t
		tm rename-session -t next t
	else
		tm new-session -d -s t -x "$1" -y "$2" \
			"env PS1='tpm\$ ' sh" || fail "tmux did not start"
	fi
	wait_for 'tpm$'
}

keys() {
	tm send-keys -t t "$@"
}

# Types text literally (no key names).
type_text() {
	tm send-keys -t t -l -- "$1"
}

# Pastes text as a terminal does, in bracketed-paste markers when the
# program asked for them (tmux paste-buffer -p); newlines go as CR.
paste() {
	tm set-buffer -b tpmpaste -- "$1"
	tm paste-buffer -p -d -b tpmpaste -t t
}

# Runs a command line in the pane's shell.
run() {
	tm send-keys -t t -l -- "$1"
	tm send-keys -t t Enter
}

# poll MESSAGE COMMAND...: runs COMMAND every tenth of a second until it
# succeeds; fails with MESSAGE if it has not within WAIT_TENTHS tries.
poll() {
	_msg=$1
	shift
	_w=0
	while ! "$@"; do
		_w=$((_w + 1))
		[ $_w -gt "$WAIT_TENTHS" ] && fail "$_msg"
		sleep 0.1
	done
}

# shows GREP-OPTIONS TEXT: whether grep -q with those options finds TEXT on
# the screen.
shows() {
	screen | grep -q "$1" -- "$2"
}

hides() {
	! shows -F "$1"
}

# The process running in the pane (the shell's child, or when that is
# exitwrap, its child: tpmtrain), or nothing.
app_pid() {
	_p=$(pgrep -P "$(tm display -p -t t '#{pane_pid}')" | head -n 1)
	[ -n "$_p" ] || return 0
	_c=$(pgrep -P "$_p" | head -n 1)
	echo "${_c:-$_p}"
}

app_gone() {
	[ -z "$(app_pid)" ]
}

# wait_for TEXT: until the screen shows TEXT (a fixed string).
wait_for() {
	poll "no '$1' on the screen" shows -F "$1"
}

# wait_re REGEX: until the screen matches an extended regular expression.
wait_re() {
	poll "nothing matches '$1'" shows -E "$1"
}

# wait_gone TEXT: until the screen no longer shows TEXT.
wait_gone() {
	poll "'$1' stays on the screen" hides "$1"
}

# expect_line TEXT: until some line of the screen is exactly TEXT (the
# screen may still be on its way after the last key).
expect_line() {
	poll "no line '$1'" shows -xF "$1"
}

# wait_exit [STATUS]: until tpmtrain has ended.  No sanitizer may have
# reported; it must have exited with STATUS (default 0), and any run
# before it that no test checked with 0.
wait_exit() {
	poll "tpmtrain did not exit" app_gone
	_got=$(exits_unchecked | tail -n 1)
	_bad=$(exits_unchecked | sed '$d' | grep -vx 0 | tr '\n' ' ')
	EXITS_SEEN=$(wc -l <"$TMP/exits")
	sanitizer_check
	[ -n "$_got" ] ||
		fail "no exit status recorded (was tpmtrain run as \$TPMTRAIN?)"
	[ "$_got" = "${1:-0}" ] ||
		fail "tpmtrain exited with status $_got, want ${1:-0}"
	[ -z "$_bad" ] || fail "an earlier tpmtrain exited with status $_bad"
}

# After the interface ends, the terminal must work as before: echo on,
# lines edited by the tty.  The shell computes what we type.
expect_sane_terminal() {
	run "clear; echo sane\$((40 + 2))"
	wait_for "sane42"
}

# The grades in the database, "card rating" a line, oldest first.
grades() {
	sqlite3 "$DB" "SELECT card_id || ' ' || rating FROM review_log
		       ORDER BY id"
}

expect_grades() {
	got=$(grades)
	[ "$got" = "$1" ] || {
		echo "FAIL: grades in the database:"
		echo "$got"
		echo "--- want:"
		echo "$1"
		exit 1
	}
}

# The screen with what varies between runs masked: elapsed times only.
# Intervals and due dates are exact (the wall clock stands at
# TPMTRAIN_NOW, and the scheduler's fuzz is seeded by it).
masked_screen() {
	screen | sed -E -e 's/^(   time +)[0-9]+:[0-9]{2}$/\1M:SS/'
}

# golden NAME: until the screen equals tests/golden/NAME.txt (a screen
# can be caught half drawn); with TPM_UPDATE_GOLDEN=1 the file is written
# instead (review the diff).
golden() {
	f="$GOLDEN/$1.txt"
	if [ "${TPM_UPDATE_GOLDEN:-0}" = 1 ]; then
		mkdir -p "$GOLDEN"
		sleep 0.5
		masked_screen >"$f"
		return
	fi
	[ -f "$f" ] || fail "no golden file $f (TPM_UPDATE_GOLDEN=1 makes it)"
	_w=0
	while :; do
		masked_screen >"$TMP/screen.txt"
		diff -u "$f" "$TMP/screen.txt" >"$TMP/diff" && return
		_w=$((_w + 1))
		[ $_w -gt "$WAIT_TENTHS" ] && break
		sleep 0.1
	done
	echo "FAIL: the screen differs from $f:"
	cat "$TMP/diff"
	exit 1
}
