#!/bin/sh
# make install puts the binary, the shipped decks and content and the man
# page under DESTDIR/PREFIX, and the installed binary finds its decks there
# (it looks in ../share/tpmtrain beside itself, so the tree can move);
# make uninstall takes every file away again, and leaves others' alone.
. "${TPM_TEST_ROOT:-$(pwd)}/tests/e2e/lib/env.sh"
unset TPMTRAIN_DATA_DIR
dest=$tmp/dest
make -s -C "$root" install DESTDIR="$dest" PREFIX=/opt/tpm \
	>"$tmp/make.log" 2>&1 ||
	{ echo "FAIL: make install"; cat "$tmp/make.log"; exit 1; }
for f in bin/tpmtrain share/man/man1/tpmtrain.1 \
	share/tpmtrain/decks/system-design.yaml \
	share/tpmtrain/content/rubrics/tpm-system-design.yaml \
	share/tpmtrain/content/schemas/deck.schema.json \
	share/tpmtrain/content/primers/caching.md; do
	[ -f "$dest/opt/tpm/$f" ] || { echo "FAIL: $f not installed"; fail=1; }
done
# The installed binary lints the installed decks by default.
"$dest/opt/tpm/bin/tpmtrain" lint --strict >"$tmp/out" 2>&1
status "installed lint" 0 $?
# Every shipped file was checked: as many as the source tree has.
n=$(find "$root/decks" "$root/content" -name '*.yaml' -o -name '*.yml' | wc -l)
grep -q "0 errors, 0 warnings in $((n)) files" "$tmp/out" ||
	{ echo "FAIL: installed lint: $(cat "$tmp/out")"; fail=1; }

# Another package's file in the same tree stays.
mkdir -p "$dest/opt/tpm/share/man/man1"
echo other > "$dest/opt/tpm/share/man/man1/other.1"
make -s -C "$root" uninstall DESTDIR="$dest" PREFIX=/opt/tpm \
	>"$tmp/make.log" 2>&1 ||
	{ echo "FAIL: make uninstall"; cat "$tmp/make.log"; exit 1; }
left=$(cd "$dest" && find . -type f ! -name other.1)
[ -z "$left" ] || { echo "FAIL: make uninstall left:"; echo "$left"; fail=1; }
[ -d "$dest/opt/tpm/share/tpmtrain" ] &&
	{ echo "FAIL: make uninstall left share/tpmtrain"; fail=1; }
[ -f "$dest/opt/tpm/share/man/man1/other.1" ] ||
	{ echo "FAIL: make uninstall removed another package's file"; fail=1; }
# A second uninstall has nothing to do, and says nothing went wrong.
make -s -C "$root" uninstall DESTDIR="$dest" PREFIX=/opt/tpm \
	>"$tmp/make.log" 2>&1 ||
	{ echo "FAIL: make uninstall twice"; cat "$tmp/make.log"; fail=1; }
[ $fail -eq 0 ] && echo "install: ok"
exit $fail
