#!/bin/sh
# tpmtrain lint, end to end: what a mentor sees on stdout and stderr, and
# the exit status (0 clean, 1 errors, 2 usage), for every fixture and for
# the options.  Run by `make e2e` with $TPMTRAIN and $TPM_TEST_ROOT set.
set -u
T=${TPMTRAIN:?}
ROOT=${TPM_TEST_ROOT:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
unset TPMTRAIN_DATA_DIR TPMTRAIN_DB
failures=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# expect NAME STATUS FILE-WITH-EXPECTED-STDOUT [STDERR-LINE] -- runs the
# command in $cmd (already run: status in $st, output in $tmp/out, err)
expect() {
	[ "$st" -eq "$2" ] || fail "$1: exit status $st, expected $2"
	if ! cmp -s "$tmp/out" "$3"; then
		fail "$1: stdout differs"
		diff "$3" "$tmp/out" | head -20
	fi
	if [ $# -ge 4 ] && [ "$(cat "$tmp/err")" != "$4" ]; then
		fail "$1: stderr is '$(cat "$tmp/err")', expected '$4'"
	fi
}

run() {
	"$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
}

# Every fixture through the binary: exact lines, and status 1 exactly
# when there is an error.
for set in loader lint; do
	cd "$ROOT/tests/fixtures/$set" || exit 1
	for exp in *.expected; do
		name=${exp%.expected}
		path=$name.yaml
		[ -e "$path" ] || path=$name
		want=0
		grep -q ': error: ' "$exp" && want=1
		if [ -d content ]; then
			run "$T" lint --content content "$path"
		else
			run "$T" lint "$path"
		fi
		expect "$set/$name" "$want" "$exp"
	done
done
cd "$ROOT/tests/fixtures/lint" || exit 1

# A clean library: no output, a summary, status 0.
: >"$tmp/empty"
run "$T" lint --content content good
expect "clean" 0 "$tmp/empty" "0 errors, 0 warnings in 3 files"

# Warnings alone pass, unless --strict makes them errors.
run "$T" lint --content content mojibake.yaml
expect "warnings" 0 mojibake.expected "0 errors, 7 warnings in 1 file"
sed 's/: warning: /: error: /' mojibake.expected >"$tmp/strict"
run "$T" lint --strict --content content mojibake.yaml
expect "--strict" 1 "$tmp/strict" "7 errors, 0 warnings in 1 file"

# A deck, a rubric and a scenario together: all their lines, sorted by
# file, and the counts in the summary.
run "$T" lint --content content escape-sequence.yaml rubric-text.yaml \
	scenario-text.yaml
{
	cat escape-sequence.expected rubric-text.expected
	# With a deck loaded, a rubric tag no card has is worth a warning.
	echo "rubric-text.yaml:15:12: warning: no card has tag 'communication'"
	cat scenario-text.expected
} >"$tmp/three"
expect "summary" 1 "$tmp/three" "3 errors, 13 warnings in 3 files"

# JSON: one object per line, in the same order.
cat >"$tmp/json" <<'EOF'
{"file":"dup-across/b.yaml","line":1,"col":7,"level":"error","message":"duplicate deck id 'shared' (first defined at dup-across/a.yaml:1)"}
{"file":"dup-across/b.yaml","line":7,"col":9,"level":"error","message":"duplicate card id 'alpha' (first defined at dup-across/a.yaml:4)"}
EOF
run "$T" lint --format json --content content dup-across
expect "--format json" 1 "$tmp/json" "2 errors, 0 warnings in 2 files"
cat >"$tmp/json" <<'EOF'
{"file":"mojibake.yaml","line":5,"col":14,"level":"error","message":"mojibake 'â€™' for '’' in 'front' (UTF-8 read as Windows-1252)"}
EOF
run "$T" lint --format=json --strict mojibake.yaml
head -1 "$tmp/out" >"$tmp/first"
cp "$tmp/first" "$tmp/out"
expect "json --strict" 1 "$tmp/json"

# Usage errors: status 2, a message and the usage line on stderr.
for args in "--format xml" "--bogus" "--format"; do
	# shellcheck disable=SC2086
	run "$T" lint $args good
	expect "lint $args" 2 "$tmp/empty"
	grep -q '^usage: tpmtrain lint ' "$tmp/err" ||
		fail "lint $args: no usage line: $(cat "$tmp/err")"
done
run "$T" lint --format xml good
head -1 "$tmp/err" | grep -qx "tpmtrain lint: unknown format 'xml' (expected text or json)" ||
	fail "unknown format message: $(head -1 "$tmp/err")"
run "$T" lint --help
[ "$st" -eq 0 ] && grep -q '^usage: tpmtrain lint ' "$tmp/out" ||
	fail "--help: status $st"

# A path that is not there, and a file too large to read.
echo "nowhere: error: cannot open: No such file or directory" >"$tmp/exp"
run "$T" lint nowhere
expect "missing path" 1 "$tmp/exp" "1 error, 0 warnings in 0 files"
truncate -s 100M "$tmp/huge.yaml"
echo "$tmp/huge.yaml: error: file is too large (104857600 bytes; the limit is 16777216)" >"$tmp/exp"
run "$T" lint "$tmp/huge.yaml"
expect "huge file" 1 "$tmp/exp" "1 error, 0 warnings in 1 file"

# 10,000 levels of nesting: reported, no crash.
awk 'BEGIN { s = ""; for (i = 0; i < 10000; i++) s = s "["; print s }' \
	>"$tmp/deep.yaml"
printf '%s\n' "$tmp/deep.yaml:1:1: error: expected a mapping with 'deck', 'rubric', 'scenario' or 'stories', found a list" \
	"$tmp/deep.yaml:1:65: error: nesting is too deep (more than 64 levels); the rest of the file is not read" \
	>"$tmp/exp"
run "$T" lint "$tmp/deep.yaml"
expect "deep nesting" 1 "$tmp/exp"

# Without PATH: the shipped decks and content, then the user's decks.
mkdir -p "$tmp/share/decks" "$tmp/share/content/primers" \
	"$XDG_DATA_HOME/tpmtrain/decks"
cp good/decks/good.yaml "$tmp/share/decks/"
cp -R good/content/rubrics good/content/mocks "$tmp/share/content/"
cp content/primers/caching.md "$tmp/share/content/primers/"
printf 'deck: mine\ntitle: Mine\ncards:\n  - id: sd-cap\n    front: Q\n    back: A\n' \
	>"$XDG_DATA_HOME/tpmtrain/decks/mine.yaml"
echo "$XDG_DATA_HOME/tpmtrain/decks/mine.yaml:4:9: error: duplicate card id 'sd-cap' (first defined at $tmp/share/decks/good.yaml:17)" \
	>"$tmp/exp"
export TPMTRAIN_DATA_DIR="$tmp/share"
run "$T" lint
unset TPMTRAIN_DATA_DIR
expect "default paths" 1 "$tmp/exp" "1 error, 0 warnings in 4 files"

# Diagnostics never vanish: a FIFO named *.yaml is named, not opened (the
# read would block) nor passed over in silence; a folder with nothing to
# check says so; --content that is not a folder is one error, not a
# missing ref for every card.
mkdir -p "$tmp/fifo" "$tmp/nodecks"
mkfifo "$tmp/fifo/pipe.yaml"
printf 'deck: ok\ntitle: T\ncards:\n  - id: a\n    front: Q\n    back: A\n' \
	>"$tmp/fifo/ok.yaml"
echo "$tmp/fifo/pipe.yaml: warning: not a regular file (a FIFO or device?); skipped" \
	>"$tmp/exp"
run timeout 10 "$T" lint "$tmp/fifo"
expect "a FIFO in a deck folder" 0 "$tmp/exp" "0 errors, 1 warning in 1 file"
: >"$tmp/exp"
run "$T" lint "$tmp/nodecks"
expect "a folder with no deck" 1 "$tmp/exp" "tpmtrain: error: nothing to check: no .yaml or .yml file in the paths given
1 error, 0 warnings in 0 files"
run "$T" lint --content "$tmp/nosuch" "$tmp/fifo/ok.yaml"
expect "--content that is not a folder" 2 "$tmp/exp" "tpmtrain lint: --content '$tmp/nosuch': no such directory
usage: tpmtrain lint [--strict] [--format text|json] [--content DIR] [PATH...]"

if [ "$failures" -ne 0 ]; then
	echo "lint.sh: $failures failure(s)"
	exit 1
fi
echo "lint.sh: ok"
