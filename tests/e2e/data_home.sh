#!/bin/sh
# Where progress goes: $XDG_DATA_HOME/tpmtrain when it is an absolute
# path, else $HOME/.local/share/tpmtrain (a relative or empty XDG_DATA_HOME
# is ignored, as the XDG rule says), and without a home at all tpmtrain
# refuses rather than create a database under the current directory, unless
# --db or TPMTRAIN_DB names one.
. "${TPM_TEST_ROOT:-$(pwd)}/tests/e2e/lib/env.sh"

cwd=$tmp/cwd
mkdir -p "$cwd"
cd "$cwd" || exit 1

XDG_DATA_HOME=rel "$tpm" config new_per_day 5 >/dev/null
status "a relative XDG_DATA_HOME" 0 $?
[ -f "$HOME/.local/share/tpmtrain/progress.db" ] ||
	{ echo "FAIL: a relative XDG_DATA_HOME: no database under HOME"; fail=1; }
[ -e "$cwd/rel" ] &&
	{ echo "FAIL: a relative XDG_DATA_HOME made $cwd/rel"; fail=1; }

XDG_DATA_HOME= "$tpm" config new_per_day 6 >/dev/null
status "an empty XDG_DATA_HOME" 0 $?
[ "$(XDG_DATA_HOME= "$tpm" config new_per_day)" = 6 ] ||
	{ echo "FAIL: an empty XDG_DATA_HOME: not the HOME database"; fail=1; }

for args in "due" "config new_per_day 5" "review --batch"; do
	# shellcheck disable=SC2086
	env -u HOME XDG_DATA_HOME=rel "$tpm" $args </dev/null >"$tmp/out" \
		2>"$tmp/err"
	status "no home: $args" 1 $?
	grep -qx "tpmtrain: error: no home folder for the progress database: set HOME, or give --db PATH or TPMTRAIN_DB" \
		"$tmp/err" || { echo "FAIL: no home: $args: $(cat "$tmp/err")"; fail=1; }
done
[ -n "$(ls -A "$cwd")" ] &&
	{ echo "FAIL: without a home, files appeared in $cwd"; fail=1; }

env -u HOME "$tpm" --db "$tmp/p.db" config new_per_day 7 >/dev/null
status "no home, --db" 0 $?
[ "$(env -u HOME TPMTRAIN_DB="$tmp/p.db" "$tpm" config new_per_day)" = 7 ] ||
	{ echo "FAIL: no home, TPMTRAIN_DB: not the --db database"; fail=1; }
env -u HOME XDG_DATA_HOME= TPMTRAIN_DATA_DIR="$root" "$tpm" lint \
	>/dev/null 2>&1
status "no home: lint needs no database" 0 $?

"$tpm" --db '' due >/dev/null 2>"$tmp/err"
status "--db ''" 2 $?
[ "$(head -n 1 "$tmp/err")" = "tpmtrain: --db needs a file name, not ''" ] ||
	{ echo "FAIL: --db '': $(head -n 1 "$tmp/err")"; fail=1; }

[ $fail -eq 0 ] && echo "data_home: ok"
exit $fail
