# Sourced by the end-to-end tests: a private world for one test (its own
# temporary HOME and XDG directories, no TPMTRAIN_* settings from outside),
# the binary under test, and the comparisons they share.  Sets root, tpm,
# tmp and fail; a test ends with `exit $fail`.
#
# Under SANITIZE=address,undefined every report of ASan, LeakSanitizer and
# UBSan goes to a file in $tmp/sanitizer (not to a stderr nobody may read,
# as in a tmux pane), and the test fails at its end if there is one, with
# the report; sanitizer_check fails it earlier.
root=${TPM_TEST_ROOT:-$(pwd)}
tpm=${TPMTRAIN:-$root/tpmtrain}
tmp=$(mktemp -d)
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/xdg" \
	XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" \
	TPMTRAIN_DATA_DIR="$tmp/none"
unset TPMTRAIN_DB TPMTRAIN_NOW TPMTRAIN_CACHE TPMTRAIN_DEBUG || true
fail=0

san_dir=$tmp/sanitizer
mkdir -p "$san_dir"
# The sanitizers add .PID to log_path.  Exit codes stay theirs (1, and 23
# for leaks), so a test that checks a status sees them too.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$san_dir/asan"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$san_dir/ubsan:print_stacktrace=1"

# sanitizer_reports: prints every report so far and returns 1 if any.
sanitizer_reports() {
	_found=0
	for _f in "$san_dir"/*; do
		[ -e "$_f" ] || continue
		echo "FAIL: sanitizer report ${_f##*/}:"
		sed 's/^/  /' "$_f"
		_found=1
	done
	return $_found
}

# sanitizer_check: ends the test now if a sanitizer has reported (the
# report is printed at the end).
sanitizer_check() {
	if [ -n "$(ls "$san_dir")" ]; then
		echo "FAIL: a sanitizer reported"
		exit 1
	fi
}

# At the end: what the test set running is stopped first (test_stop, a
# hook the interface's tests set, which fails the test by returning 1),
# then the reports are looked at.
test_stop=:
on_exit() {
	_st=$?
	$test_stop || _st=1
	sanitizer_reports || _st=1
	# chmod first: fault tests leave read-only files and directories.
	chmod -R u+w "$tmp" 2>/dev/null
	rm -rf "$tmp"
	exit $_st
}
trap on_exit EXIT

check() {	# check NAME EXPECTED-FILE ACTUAL-FILE
	if ! cmp -s "$2" "$3"; then
		echo "FAIL: $1"
		diff -u "$2" "$3" | sed 's/^/  /'
		fail=1
	fi
}

status() {	# status NAME WANT GOT
	if [ "$2" != "$3" ]; then
		echo "FAIL: $1: exit status $3, want $2"
		fail=1
	fi
}
