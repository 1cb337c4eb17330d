#!/bin/sh
# Browsing: the table, a valid and an invalid pattern, a card, and
# suspend, unsuspend and forget, each checked in the database.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

printf 'basic-cache good\nrev-cap again\ncloze-program#c1 easy\n' |
	"$TPMTRAIN" review --batch >/dev/null || fail "review --batch failed"
export TPMTRAIN_NOW=2026-11-25T09:00:00Z

state() {
	sqlite3 "$DB" "SELECT state || ' ' || suspended FROM card_state
		       WHERE card_id = '$1'"
}

start 80 24
run "$TPMTRAIN"
wait_for "Wed 25 Nov"
keys b
wait_for "browse · 7 cards"
golden browse-80x24
ok "the table, by due date"

keys /
wait_for "enter applies, esc cancels"
type_text "(?i)WRITE-through"
keys Enter
wait_for "browse · 1 of 7 cards"
expect_line " ▶ basic-cache      What does a wr… ui-test learning   now         2.3d       0"
ok "a pattern over text and tags"

keys /
keys C-u
type_text "cach("
keys Enter
wait_for "bad pattern: missing closing parenthesis at column 6"
golden browse-bad-pattern-80x24
keys Escape
wait_gone "bad pattern"
wait_for "browse · 1 of 7 cards"
wait_for "/(?i)WRITE-through/"
ok "an invalid pattern is an error in the status line; the filter stays"

keys Enter
wait_for "card · basic-cache"
golden card-80x24
keys s
wait_for "suspended basic-cache"
[ "$(state basic-cache)" = "1 1" ] || fail "not suspended: $(state basic-cache)"
keys u
wait_for "unsuspended basic-cache"
[ "$(state basic-cache)" = "1 0" ] || fail "still suspended"
keys f
wait_for "forget basic-cache (y/n)? its schedule starts over"
keys n
wait_for "not forgotten"
[ "$(state basic-cache)" = "1 0" ] || fail "forgotten without a yes"
keys f
wait_for "forget basic-cache (y/n)?"
keys y
wait_for "forgot basic-cache"
[ "$(state basic-cache)" = "0 0" ] || fail "not forgotten: $(state basic-cache)"
ok "suspend, unsuspend and forget, in the database"

keys q
wait_for "browse · 1 of 7 cards"
# Pasted keys are text or nothing: on the table they are no commands,
# in the pattern a newline is a space and an escape is dropped.
paste "qf"
keys /
keys C-u
paste "$(printf '(?i)CAP\ttheorem\033\nX')"
wait_for "/ (?i)CAP theorem X"
keys BSpace BSpace
keys Enter
wait_for "browse · 2 of 7 cards"
ok "a paste is text in the pattern line, and does nothing on the table"
keys /
keys C-u Enter
wait_for "browse · 7 cards"

# Search terms, as Anki's, with the pattern (issue 9 item 8).
keys /
keys C-u
type_text "deck:ui-* is:new -tag:caching"
keys Enter
wait_for "browse · 4 of 7 cards"
shows -F "basic-wide" && shows -F "typed-triangle" ||
	fail "is:new lost a new card"
hides "basic-cache" || fail "-tag:caching kept basic-cache"
keys /
keys C-u
type_text "prop:stability<1 is:learning"
keys Enter
wait_for "browse · 1 of 7 cards"
wait_re "▶ rev-cap +CAP theorem +ui-test +learning"
keys /
keys C-u
type_text "is:neww"
keys Enter
wait_for "bad search: unknown is: value 'neww' (want new, learning,"
keys Escape
ok "search terms combine with the pattern; a bad term says why"
keys /
keys C-u Enter
wait_for "browse · 7 cards"
wait_re "^   id +question +deck +state +due. +stab +lapses"
shows -F "typed-triangle   Name the three" || fail "no question column"
ok "the list shows the question"
# At 60 columns the question gives way and ids stay apart.
tm resize-window -t t -x 60 -y 24
wait_re "^   id +deck +state +due. +stab +lapses"
shows -F "cloze…ram#c1 " && shows -F "cloze…ram#c2 " ||
	fail "at 60 columns ids are cut alike"
hides "question" || fail "the question did not give way at 60 columns"
ok "columns stay apart at 60 columns"
keys q
wait_for "Wed 25 Nov"
keys q
wait_exit
expect_sane_terminal
expect_grades "basic-cache 3
rev-cap 1
cloze-program#c1 4"
ok "browsing changes no grade; the review log is kept"
