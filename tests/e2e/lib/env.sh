# Sourced by the end-to-end tests: a private world for one test (its own
# temporary HOME and XDG directories, no TPMTRAIN_* settings from outside),
# the binary under test, and the comparisons they share.  Sets root, tpm,
# tmp and fail; a test ends with `exit $fail`.
root=${TPM_TEST_ROOT:-$(pwd)}
tpm=${TPMTRAIN:-$root/tpmtrain}
tmp=$(mktemp -d)
# chmod first: fault tests leave read-only files and directories behind.
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/xdg" \
	XDG_CONFIG_HOME="$tmp/config" TPMTRAIN_DATA_DIR="$tmp/none"
unset TPMTRAIN_DB TPMTRAIN_NOW || true
fail=0

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
