# Helpers for the interface's end-to-end tests (tests/e2e/ui_*.sh), which
# drive the real binary in a private tmux server as a person would: keys in
# with send-keys, the screen out with capture-pane (tmux's regress/ tests).
# Sourced, not run: make e2e runs only tests/e2e/*.sh.
#
# Each test gets its own XDG_DATA_HOME, the test deck of
# tests/fixtures/ui, a fixed TPMTRAIN_NOW and a UTF-8 locale.

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

tm() {
	tmux -L "$SOCK" -f /dev/null "$@"
}

# env.sh's clean-up, after the tmux server and its socket are gone.
trap 'tm kill-server 2>/dev/null
      rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
      chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

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
	tm send-keys -t t -l "$1"
}

# Pastes text as a terminal does, in bracketed-paste markers when the
# program asked for them (tmux paste-buffer -p); newlines go as CR.
paste() {
	tm set-buffer -b tpmpaste -- "$1"
	tm paste-buffer -p -d -b tpmpaste -t t
}

# Runs a command line in the pane's shell.
run() {
	tm send-keys -t t -l "$1"
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

# The process running in the pane (the shell's child), or nothing.
app_pid() {
	pgrep -P "$(tm display -p -t t '#{pane_pid}')" | head -n 1
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

# wait_exit: until tpmtrain has ended and the shell prompts again.
wait_exit() {
	poll "tpmtrain did not exit" app_gone
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

# The screen with what varies between runs masked: elapsed times, the
# time left until a due date (TPMTRAIN_NOW starts the clock; it then
# runs), and intervals of days or more, which the scheduler fuzzes with a
# seed from the clock.
masked_screen() {
	screen | sed -E \
		-e 's/^(   time +)[0-9]+:[0-9]{2}$/\1M:SS/' \
		-e 's/(Again|Hard|Good|Easy) [0-9.]+(d|mo|y)/\1 N\2/g' \
		-e 's/(^| )in (<1|[0-9.]+)(m|h|d|mo|y)( |$)/\1in N\3\4/g'
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
