#!/bin/sh
# Untrusted strings never reach the terminal raw: a deck folder holding
# files named with escape sequences (OSC 52 writes the clipboard, CSI 2J
# clears the screen, OSC 0 sets the title), a C1 control, a bidi override
# and a byte that is not UTF-8, and argv with the same, through lint (text
# and JSON), due, review --batch and the CLI's errors.  Every output is
# checked for raw ESC, BEL, C1 controls and bidi controls; the JSON keeps
# the diagnostics of the name that is not UTF-8.
. "${TPM_TEST_ROOT:-$(pwd)}/tests/e2e/lib/env.sh"

decks=$tmp/decks
mkdir -p "$decks"
bad='deck: evil
title: Evil
cards:
  - id: e1
    front: f
    back: b
    bogus: 1
'
for name in "$(printf 'a\033]52;c;SGVsbG8=\007b')" "$(printf 'c\033[2Jd')" \
	"$(printf 'e\033]0;pwned\007f')" "$(printf 'g\302\233h')" \
	"$(printf 'i\342\200\256j')" "$(printf 'k\377l')"; do
	printf '%s' "$bad" | sed "s/evil/evil$(printf '%s' "$name" | wc -c)/" \
		> "$decks/$name.yaml"
done

# raw FILE NAME: fails if FILE holds a byte a terminal would act on.
raw() {
	if LC_ALL=C grep -q "$(printf '[\033\007]')" "$1" ||
	   LC_ALL=C grep -qP '\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c' "$1"; then
		echo "FAIL: $2: raw control bytes:"
		od -c "$1" | head -5
		fail=1
	fi
}

"$tpm" lint "$decks" >"$tmp/out" 2>"$tmp/err"
status "lint" 1 $?
raw "$tmp/out" "lint stdout"
raw "$tmp/err" "lint stderr"
[ "$(grep -c "unknown key 'bogus'" "$tmp/out" "$tmp/err" |
	awk -F: '{ n += $2 } END { print n }')" = 6 ] ||
	{ echo "FAIL: lint: not every file's diagnostic"; fail=1; }

"$tpm" lint --format json "$decks" >"$tmp/out" 2>"$tmp/err"
raw "$tmp/out" "lint --format json"
[ "$(grep -c '"message":"unknown key' "$tmp/out")" = 6 ] ||
	{ echo "FAIL: lint --format json dropped diagnostics"; fail=1; }
grep -qF '"file":"'"$decks"'/k\\xffl.yaml"' "$tmp/out" ||
	{ echo "FAIL: lint --format json: no \\xff name"; fail=1; }

"$tpm" due --decks "$decks" >"$tmp/out" 2>"$tmp/err"
raw "$tmp/out" "due stdout"
raw "$tmp/err" "due stderr"
echo "e1 3" | "$tpm" review --batch --decks "$decks" >"$tmp/out" 2>"$tmp/err"
raw "$tmp/out" "review stdout"
raw "$tmp/err" "review stderr"

for arg in "$(printf '\033[2J')" "$(printf 'x\342\200\256y')" "$(printf '\302\233')"; do
	"$tpm" due --deck "$arg" --decks "$root/tests/fixtures/queue/decks" \
		>"$tmp/out" 2>"$tmp/err"
	status "due --deck HOSTILE" 2 $?
	raw "$tmp/err" "an unknown --deck"
	"$tpm" "$arg" >"$tmp/out" 2>"$tmp/err"
	raw "$tmp/err" "an unknown verb"
	"$tpm" lint "$tmp/nosuch$arg" >"$tmp/out" 2>"$tmp/err"
	raw "$tmp/out" "lint of a missing path"
	raw "$tmp/err" "lint of a missing path"
done

[ $fail -eq 0 ] && echo "hostile_names: ok"
exit $fail
