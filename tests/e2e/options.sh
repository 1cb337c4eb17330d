#!/bin/sh
# Global options and usage errors, as a user meets them: --version and
# --help succeed; an unknown verb or option, or an option without its value,
# is one line naming it, then the usage line, and exit status 2.
. "${TPM_TEST_ROOT:-$(pwd)}/tests/e2e/lib/env.sh"

usage_error() {	# usage_error NAME EXPECTED-FIRST-LINE ARGS...
	name=$1 want=$2
	shift 2
	"$tpm" "$@" >"$tmp/out" 2>"$tmp/err"
	status "$name" 2 $?
	[ -s "$tmp/out" ] && { echo "FAIL: $name: wrote to stdout"; fail=1; }
	[ "$(head -n 1 "$tmp/err")" = "$want" ] ||
		{ echo "FAIL: $name: got '$(head -n 1 "$tmp/err")'"; fail=1; }
	sed -n 2p "$tmp/err" | grep -q '^usage: tpmtrain' ||
		{ echo "FAIL: $name: no usage line"; fail=1; }
}

"$tpm" --version >"$tmp/out"
status "--version" 0 $?
grep -qx 'tpmtrain [0-9][0-9.]*' "$tmp/out" || { echo "FAIL: --version"; fail=1; }
"$tpm" --help >"$tmp/out"
status "--help" 0 $?
for verb in drill lint due review replay config mock history report primer stories; do
	grep -q "^  $verb " "$tmp/out" || { echo "FAIL: --help lacks $verb"; fail=1; }
	"$tpm" "$verb" --help >/dev/null
	status "$verb --help" 0 $?
done

usage_error "unknown verb" "tpmtrain: unknown verb 'frobnicate'" frobnicate
usage_error "unknown global option" "tpmtrain: unknown option '--nope'" --nope
usage_error "--db without a value" "tpmtrain: option '--db' needs a value" --db
usage_error "unknown long option" "tpmtrain lint: unknown option '--nope'" \
	lint --nope
usage_error "unknown short option in a group" \
	"tpmtrain due: unknown option '-x'" due -xh
usage_error "long option without a value" \
	"tpmtrain replay: option '--retention' needs a value" replay --retention
usage_error "drill option without a value" \
	"tpmtrain drill: option '--deck' needs a value" drill --deck
usage_error "stories without a command" \
	"tpmtrain stories: which command: edit, list or matrix?" stories
usage_error "stories, an unknown command" \
	"tpmtrain stories: no such command 'lst' (edit, list or matrix)" \
	stories lst
usage_error "stories, --json with matrix" \
	"tpmtrain stories: --json goes with list" stories matrix --json
usage_error "history --candidate with an escape" \
	"tpmtrain history: --candidate 'a\\e[2J': want a name of 1 to 80 characters, without control characters" \
	history --candidate "$(printf 'a\033[2J')"
[ $fail -eq 0 ] && echo "options: ok"
exit $fail
