#!/bin/sh
# Golden captures of each screen at 120x40 (the 80x24 ones are taken by the
# other ui_*.sh tests), and the home screen of someone with a history.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

TPMTRAIN_NOW=2026-11-22T09:00:00Z "$TPMTRAIN" review --batch >/dev/null <<EOF2 ||
basic-cache again
rev-cap good
EOF2
	fail "review --batch failed"

start 120 40
run "$TPMTRAIN"
wait_for "streak 1 day"
golden home-120x40
keys t
wait_for "   tag"
golden home-tags-120x40
keys t
wait_for "   deck"
keys '?'
wait_for "keys · home"
golden help-home-120x40
keys q
wait_for "streak 1 day"

keys Enter
wait_for "What does a write-through cache trade away?"
golden drill-question-120x40
keys Space
wait_for "── answer"
golden drill-answer-120x40
keys 3
wait_for "CAP theorem"
keys Space
wait_for "Under a partition"
# Graded good yesterday as new: the intervals ts-fsrs 5.4.2 gives for
# this card at this instant, fuzz included (seeded by the still clock).
expect_line " 1 Again 1m   2 Hard 6m   3 Good 9d   4 Easy 14d   u undo   ? keys"
keys 3
wait_for "A [...] is a set of related projects."
keys Space
wait_for "A program is"
keys 3
wait_for "Name the three constraints"
type_text "time, cost"
wait_for "time, cost"
golden drill-typing-120x40
keys Enter
wait_for "key points"
golden drill-typed-120x40
keys 3
wait_for "キャッシュ"
keys q
wait_for "Session over."
golden drill-summary-120x40
keys Enter
wait_for "4 reviewed"
keys b
wait_for "browse · 7 cards"
golden browse-120x40
keys /
type_text "cach("
keys Enter
wait_for "bad pattern: missing closing parenthesis at column 6"
golden browse-bad-pattern-120x40
keys Escape
wait_gone "bad pattern"
keys Enter
wait_for "card · "
golden card-120x40
keys q q
wait_for "4 reviewed"
keys s
wait_for "statistics"
golden stats-120x40
keys Enter
keys q
wait_exit
ok "golden screens at 120x40"

start 80 24
run "$TPMTRAIN"
wait_for "4 reviewed"
golden home-80x24
keys t
wait_for "   tag"
golden home-tags-80x24
keys t
wait_for "   deck"
keys '?'
wait_for "keys · home"
golden help-home-80x24
keys q
wait_for "4 reviewed"
keys s
wait_for "statistics"
golden stats-80x24
keys Enter
wait_for "4 reviewed"
keys Enter
wait_for "drill · all decks"
keys '?'
wait_for "keys · drill"
golden help-drill-80x24
keys q
wait_for "drill · all decks"
keys q
wait_for "Session over."
keys Enter
wait_for "4 reviewed"
keys q
wait_exit
ok "golden screens at 80x24"
