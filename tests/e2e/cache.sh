#!/bin/sh
# The compiled library, as a user meets it: the second start takes every
# file from the cache and skips lint (and `due` decodes no card), an
# edited deck is parsed alone, a damaged cache is rebuilt without a word,
# a deck whose cards are damaged is parsed alone once they are needed, and
# what the user sees never differs from a parse (TPMTRAIN_DEBUG=cache
# says what was done).
. "${TPM_TEST_ROOT:-$(pwd)}/tests/e2e/lib/env.sh"

export TPMTRAIN_DATA_DIR=$root TPMTRAIN_NOW=2026-11-23T09:00:00Z
mine=$XDG_DATA_HOME/tpmtrain/decks/mine.yaml
mkdir -p "${mine%/*}"
# due reads the decks, the scenarios and the rubrics, and mine.
n=$(($(find "$root/decks" "$root/content/mocks" "$root/content/rubrics" \
	-name '*.yaml' | wc -l) + 1))

write_mine() {	# write_mine CARDS [EXTRA-CARD-TEXT]
	{
		printf 'deck: mine\ntitle: Mine\ncards:\n'
		i=0
		while [ $i -lt "$1" ]; do
			printf '  - id: mine-%d\n    front: Q%d\n    back: A%d\n' \
				$i $i $i
			i=$((i + 1))
		done
		printf '%s' "${2:-}"
	} > "$mine"
}

# run NAME: `due` with the cache's debug line in $tmp/err, the table in
# $tmp/out; fails NAME on an exit status but 0 or on any other stderr.
run() {
	TPMTRAIN_DEBUG=cache "$tpm" due >"$tmp/out" 2>"$tmp/err"
	status "$1" 0 $?
	if [ "$(grep -vc '^tpmtrain: cache: ' "$tmp/err")" != 0 ]; then
		echo "FAIL: $1: said more than the debug line:"
		cat "$tmp/err"
		fail=1
	fi
}

expect() {	# expect NAME DEBUG-LINE
	got=$(grep '^tpmtrain: cache: ' "$tmp/err")
	if [ "$got" != "tpmtrain: cache: $2" ]; then
		echo "FAIL: $1: '$got', want 'tpmtrain: cache: $2'"
		fail=1
	fi
}

write_mine 3
run "first start"
expect "first start" "0 of $n files from the cache, $n parsed; lint run"
cp "$tmp/out" "$tmp/parsed"
grep -q '^mine ' "$tmp/out" || { echo "FAIL: mine is not listed"; fail=1; }

# A file changed within two seconds of a save is not trusted to its
# times: it is parsed again until it is older.
run "a file too new to cache"
expect "a file too new to cache" \
	"$((n - 1)) of $n files from the cache, 1 parsed; lint run"
sleep 2.1
run "it has aged"
run "nothing changed"
expect "nothing changed" \
	"$n of $n files from the cache, 0 parsed; lint skipped; cards deferred"
cmp -s "$tmp/parsed" "$tmp/out" ||
	{ echo "FAIL: the cached library's table differs:"; diff "$tmp/parsed" "$tmp/out"; fail=1; }

write_mine 5
run "one deck edited"
expect "one deck edited" "$((n - 1)) of $n files from the cache, 1 parsed; lint run"
grep -q '^mine .* 5 ' "$tmp/out" ||
	{ echo "FAIL: the edit is not seen:"; cat "$tmp/out"; fail=1; }
cp "$tmp/out" "$tmp/edited"

cache=$(ls "$XDG_CACHE_HOME"/tpmtrain/library-*.cache)
# flip BYTE-OFFSET: one bit of the cache file changed in place
flip() {
	printf '\377' | dd of="$cache" bs=1 seek="$1" conv=notrunc 2>/dev/null
}
size=$(wc -c < "$cache")
# Where the decks' cards start (the header's field at 48).
blobs=$(od -An -t u8 -j 48 -N 8 "$cache" | tr -d ' ')
[ "$blobs" -gt 64 ] && [ "$blobs" -lt "$size" ] ||
	{ echo "FAIL: no cards at the end of the cache ($blobs)"; fail=1; }
# A card's bit: `due` needs no card, so it does not see it...
sleep 2.1
run "the edit has aged"
cp "$cache" "$tmp/good.cache"
flip $((blobs + (size - blobs) / 2))
run "a card's bit flipped"
expect "a card's bit flipped" \
	"$n of $n files from the cache, 0 parsed; lint skipped; cards deferred"
cmp -s "$tmp/edited" "$tmp/out" || { echo "FAIL: a card's bit flipped: the table differs"; fail=1; }
# ...a verb that reads the cards parses that deck alone...
TPMTRAIN_DEBUG=cache "$tpm" stories matrix >/dev/null 2>"$tmp/err"
status "stories with a card's bit flipped" 0 $?
expect "stories with a card's bit flipped" "$((n - 1)) of $n files from the cache, 1 parsed; lint run"
# ...and so does a deferred start that must lint (a deck edited): it
# starts again, decoding every card, without a word.
cp "$tmp/good.cache" "$cache"
flip $((blobs + (size - blobs) / 2))
write_mine 6
run "a card's bit flipped, a deck edited"
expect "a card's bit flipped, a deck edited" "$((n - 2)) of $n files from the cache, 2 parsed; lint run"
grep -q '^mine .* 6 ' "$tmp/out" ||
	{ echo "FAIL: the edit after the flip is not seen:"; cat "$tmp/out"; fail=1; }
write_mine 5
run "back to five cards"
cp "$tmp/out" "$tmp/edited"
size=$(wc -c < "$cache")
flip $((size < 300 ? size / 2 : 200))
run "a bit flipped"
expect "a bit flipped" "0 of $n files from the cache, $n parsed; lint run"
cmp -s "$tmp/edited" "$tmp/out" || { echo "FAIL: a bit flipped: the table differs"; fail=1; }
head -c 100 "$cache" > "$cache.cut" && mv "$cache.cut" "$cache"
run "a truncated cache"
expect "a truncated cache" "0 of $n files from the cache, $n parsed; lint run"
printf 'not a cache at all\n' > "$cache"
run "a foreign file"
expect "a foreign file" "0 of $n files from the cache, $n parsed; lint run"
cmp -s "$tmp/edited" "$tmp/out" || { echo "FAIL: a foreign file: the table differs"; fail=1; }

# A folder the cache cannot be written to costs speed, nothing else.
rm -rf "$XDG_CACHE_HOME/tpmtrain"
mkdir -p "$XDG_CACHE_HOME/tpmtrain"
chmod 500 "$XDG_CACHE_HOME/tpmtrain"
if [ "$(id -u)" != 0 ]; then
	run "an unwritable cache folder"
	expect "an unwritable cache folder" \
		"0 of $n files from the cache, $n parsed; lint run; the cache could not be saved"
fi
chmod 700 "$XDG_CACHE_HOME/tpmtrain"

# Errors are left out whether the library is cached or not: the file
# with a duplicate id comes from the cache too, and lint still runs.
write_mine 2 '  - id: mine-0
    front: The same id again
    back: An error
'
sleep 2.1
for pass in parsed cached; do
	TPMTRAIN_DEBUG=cache "$tpm" due >/dev/null 2>"$tmp/err"
	status "a deck with an error, $pass" 0 $?
	grep -q "^tpmtrain: warning: 1 card left out because of errors" "$tmp/err" ||
		{ echo "FAIL: $pass: the broken card is not left out: $(cat "$tmp/err")"; fail=1; }
done
expect "a deck with an error, cached" "$n of $n files from the cache, 0 parsed; lint run"

# Housekeeping: when a cache is written, the caches of other folder sets
# unused for 30 days go, and so does a dead writer's temporary file;
# recent caches and files that are not tpmtrain's stay.
dir=$XDG_CACHE_HOME/tpmtrain
old=$dir/library-00000000000000aa.cache
recent=$dir/library-00000000000000bb.cache
dead=$dir/library-00000000000000cc.cache.4242.tmp
other=$dir/library-notes.txt
for f in "$old" "$recent" "$dead" "$other"; do echo x > "$f"; done
touch -d '31 days ago' "$old" "$other"
touch -d '29 days ago' "$recent"
touch -d '2 hours ago' "$dead"
write_mine 4
run "a cache written"
[ -e "$old" ] && { echo "FAIL: a cache unused for 31 days is kept"; fail=1; }
[ -e "$dead" ] && { echo "FAIL: a dead writer's file is kept"; fail=1; }
[ -e "$recent" ] || { echo "FAIL: a cache used 29 days ago is deleted"; fail=1; }
[ -e "$other" ] || { echo "FAIL: a file not a cache is deleted"; fail=1; }
# A start marks its cache used (once a day), so it is never swept.
ours=$(ls "$dir"/library-*.cache | grep -v -e 0000aa -e 0000bb)
sleep 2.1
run "the edit has aged"
touch -d '2 days ago' "$ours"
run "a start with an old cache"
expect "a start with an old cache" "$n of $n files from the cache, 0 parsed; lint skipped; cards deferred"
[ -n "$(find "$ours" -newermt '1 hour ago')" ] ||
	{ echo "FAIL: the cache used is not marked used"; fail=1; }

TPMTRAIN_CACHE=off TPMTRAIN_DEBUG=cache "$tpm" due >/dev/null 2>"$tmp/err"
expect "TPMTRAIN_CACHE=off" "0 of $n files from the cache, $n parsed; lint run"

# lint always parses: it never says it used the cache.
TPMTRAIN_DEBUG=cache "$tpm" lint "$root/decks" >/dev/null 2>"$tmp/err"
status "lint" 0 $?
if grep -q 'cache' "$tmp/err"; then
	echo "FAIL: lint used the cache: $(cat "$tmp/err")"
	fail=1
fi

[ $fail = 0 ] && echo "cache: ok"
exit $fail
