#!/bin/sh
# The home screen from the compiled library: a start with nothing changed
# draws the home screen before decoding a card, then decodes them before
# the first key, so every screen after it has its cards; and a card's
# bit flipped in the cache is found then and the decks read again without
# a word, the cache written anew.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

cache_line() {
	TPMTRAIN_DEBUG=cache "$TPMTRAIN" due 2>&1 >/dev/null
}

# Two starts write the cache and let its files age past the racy window.
"$TPMTRAIN" due >/dev/null || fail "due failed"
sleep 2.1
"$TPMTRAIN" due >/dev/null || fail "due failed"
case $(cache_line) in
*"0 parsed; lint skipped; cards deferred") ;;
*) fail "the cache does not serve the start: $(cache_line)" ;;
esac

browse_all() {	# browse_all NAME: the home screen, then every card
	start 80 24
	run "$TPMTRAIN"
	wait_for "Mon 23 Nov"
	keys b
	wait_for "browse · 7 cards"
	wait_for "What does a wr"
	keys Enter
	wait_for "card · "
	keys Escape
	wait_for "browse · 7 cards"
	keys q q
	wait_exit
	ok "$1"
}

browse_all "the cards are there after a start that deferred them"

cache=$(ls "$XDG_CACHE_HOME"/tpmtrain/library-*.cache)
size=$(wc -c <"$cache")
blobs=$(od -An -t u8 -j 48 -N 8 "$cache" | tr -d ' ')
printf '\377' | dd of="$cache" bs=1 seek=$((blobs + (size - blobs) / 2)) \
	conv=notrunc 2>/dev/null
browse_all "a card's bit flipped in the cache: the decks are read again"
case $(cache_line) in
*"0 parsed; lint skipped; cards deferred") ;;
*) fail "the cache was not written anew: $(cache_line)" ;;
esac
ok "and the cache written anew serves the next start"
