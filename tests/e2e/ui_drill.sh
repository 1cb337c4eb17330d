#!/bin/sh
# A first drill in the interface, as a person does it: every card type,
# each grade, a typed answer checked against its key points, an undo; and
# afterwards the database holds exactly the grades given.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

start 80 24
run "$TPMTRAIN"
wait_for "First time here? Press enter to drill your first cards"
golden home-first-80x24
ok "a first run says what to press"

keys Enter
wait_for "What does a write-through cache trade away?"
golden drill-question-80x24
keys Space
wait_for "── answer"
wait_for " 1 Again 1m   2 Hard 6m   3 Good 10m   4 Easy "
golden drill-answer-80x24
ok "a basic card: question, answer, grades with intervals"

keys 3
wait_for "CAP theorem"
keys Space
wait_for "Under a partition, choose consistency or availability."
keys 1
ok "a reverse card, graded again"

wait_for "A [...] is a set of related projects."
keys Space
expect_line "   A program is a set of related projects."
keys 4
ok "a cloze card: hidden, then revealed in place"

wait_for "Name the three constraints of a project."
type_text "time and budget, and then some more"
keys C-w C-w C-w C-w
wait_for "   time and budget,"
expect_line "   time and budget,"
keys Enter
wait_for "── key points"
expect_line "   ✓ time   ✓ cost   ✗ scope                                           2 of 3"
golden drill-typed-80x24
keys 2
ok "a typed answer: covered and missed key points"

# Deck text cannot reach the terminal raw: the escape from the entity
# &#27; shows as ^[ (a raw one would have cleared the screen).
wait_for "What is キャッシュ 🚀, and is ^[[2J safe to show?"
tm capture-pane -p -e -t t | grep -F "safe to show" |
	grep -qF "$(printf '\033[7m')" || fail "the escape is not drawn reversed"
keys u
wait_for "undone: hard on typed-triangle"
wait_for "Name the three constraints of a project."
[ "$(grades | wc -l)" -eq 3 ] || fail "undo left $(grades | wc -l) grades"
# A paste into the typed answer is text: its newlines check nothing and
# the digits after them grade nothing.
paste "$(printf 'scope\n3\n4')"
wait_for "   scope 3 4"
sleep 0.3
[ "$(grades | wc -l)" -eq 3 ] || fail "a paste graded a card"
expect_line "   scope 3 4"
keys C-u
# The answer box wraps between words, not inside one.
type_text "the triple constraint: scope, time and cost, traded against each other by the sponsor"
wait_for "   the sponsor"
expect_line "   the triple constraint: scope, time and cost, traded against each other by"
expect_line "   the sponsor"
ok "the answer box wraps between words"
keys C-u
type_text "scope"
keys Enter
wait_for "1 of 3"
keys 3
ok "undo takes the grade back from the database too"

wait_for "キャッシュ"
keys Space
wait_for "A cache."
keys 3
# The learning step of the reverse card comes back.
wait_for "CAP theorem"
keys Space
wait_for "Under a partition"
keys g
wait_for "What does a write-through"
# One esc never ends a session; a second does, as q does at once.
keys Escape
wait_for "esc again or q: end the session"
shows -F "What does a write-through" || fail "one esc left the card"
keys q
wait_for "Session over."
golden drill-summary-80x24
expect_line "   cards         6"
expect_line "   again         1 (17%)"
ok "the summary"

expect_grades "basic-cache 3
rev-cap 1
cloze-program#c1 4
typed-triangle 3
basic-wide 3
rev-cap 3"
ok "the database holds exactly the grades given"

keys Enter
wait_for "6 reviewed"
keys q
wait_exit
expect_sane_terminal
ok "quitting leaves the terminal sane"
