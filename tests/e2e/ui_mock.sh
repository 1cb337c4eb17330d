#!/bin/sh
# A whole mock interview in the interface, in seconds: the test scenario
# (tests/fixtures/ui/content/mocks/mock-test.yaml, three one-minute phases)
# with TPMTRAIN_CLOCK_SCALE making time run twelve times faster.  Notes
# typed and pasted, a hint, a clarifying question answered and one not
# matched, a phase running out and the interviewer moving on, a
# follow-up, the coverage, the rubric scored with a comment and one score
# changed, the result; then history and report show that session.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

# A grace of 24 s is 2 s at this scale.
"$TPMTRAIN" config mock_grace_seconds 24 >/dev/null || fail "config"

start 80 24
run "TPMTRAIN_CLOCK_SCALE=12 $TPMTRAIN mock --quiet"
wait_for "mock · choose a scenario"
expect_line " ▶ Design a link shortener                             new     never"
keys Enter
wait_for "phase 1 of 3   Clarify requirements"
# Paused while we type: the figures stand still.
keys C-p
wait_re "paused · [01]:[0-9]{2} left"
type_text "users: riders"
keys Enter
paste "$(printf -- '- ids: base62\n- cache hot links\033[2J')"
wait_for "- cache hot links[2J"
expect_line " users: riders"
expect_line " - ids: base62"
ok "typed and pasted notes: a pasted newline is a new line, an escape is text"

keys Enter
type_text "How many links a day?"
keys C-r
wait_for "── the interviewer answers"
wait_for "100 million new links a day; reads outnumber writes 100 to 1."
keys Escape
wait_gone "the interviewer answers"
keys Enter
type_text "what is the budget?"
keys C-r
wait_for "State your assumption and go on."
ok "a clarifying question answered, and one not matched"

keys C-g
wait_for "── hint"
wait_for "Ask who the users are and how many links they make."
wait_for "^G hint (0 left)"
keys C-g
wait_for "no hints left in this phase"
ok "a hint, and the count of hints left"

keys C-p
wait_gone "paused"
wait_re "! \+0:[0-9]{2} over"
ok "the phase runs out: an overrun count with a marker"
wait_for "phase 2 of 3   High-level design"
wait_for "Time is up for Clarify requirements: the interviewer moves you on"
ok "after the grace the interviewer moves on"

keys Escape
keys Enter
type_text "rate of 1.2k writes/s"
keys C-n
wait_for "phase 3 of 3   Program plan"
wait_for "What happens when one link gets a million clicks a minute?"
wait_for "── the interviewer asks"
keys Escape
wait_gone "the interviewer asks"
keys Enter
type_text "m1 launch"
keys C-n
wait_for "this is the last phase: ^E ends the interview"
ok "a follow-up in the last phase, dismissed"

keys C-e
wait_for "end the interview now?"
keys n
wait_gone "end the interview now?"
keys C-e
keys y
wait_for "coverage · Design a link shortener"
wait_for "3 of 4 covered"
expect_line "   ✓ users and load                    users: riders"
expect_line "   ✗ rate limiting                     missed"
expect_line "   ✓ milestones                        m1 launch"
ok "coverage: covered key points with their note lines, a missed one"

keys Enter
wait_for "rubric · Test system design · 1 of 3 · Requirements"
wait_for "✓ users and load"
wait_for "? How many links a day? → 100 million new links a day"
keys 2 c
type_text "sized the load"
keys Enter
wait_for "comment: sized the load"
keys Right 3 Right 4 Enter
wait_for "save these scores?"
keys n
keys Left Left
wait_for "1 of 3 · Requirements"
wait_for " ▶ 2  Asks a little; no numbers."
keys 3
wait_for " ▶ 3  Sizes the load with a rough estimate."
keys Enter
wait_for "save these scores?"
keys y
ok "every criterion scored, one commented, one changed"

# (3 x 2 + 3 x 1 + 4 x 1) / (4 x 4) = 81.25%
wait_for "score 81% · hire"
wait_for "key points covered 3 of 4"
wait_for "missed: rate limiting"
wait_re "hints used 1 +follow-ups asked 1 +questions asked 2, answered 1"
ok "the result"
keys r
wait_for "report written to"
grep -qF "sized the load" "$XDG_DATA_HOME/tpmtrain/reports/mock-1.md" ||
	fail "r wrote no report with the comment"
ok "r writes the report and says where"
keys d
wait_for "drill · tag testing"
ok "d drills the cards of the weakest criterion's tag"
keys q
wait_for "Session over."
keys Enter
wait_for "next mock"
keys q
wait_exit
expect_sane_terminal

out=$("$TPMTRAIN" history) || fail "history failed"
echo "$out" | grep -q "mock-test  system-design" || fail "history: $out"
echo "$out" | grep -q "81%" || fail "history has no score: $out"
md=$("$TPMTRAIN" report last) || fail "report failed"
for want in "users: riders" "sized the load" "rate limiting" \
	    "How many links a day?" \
	    "Sizes the load with a rough estimate." "m1 launch"; do
	echo "$md" | grep -qF "$want" || fail "report lacks '$want'"
done
# The score changed from 2 to 3: only the second was saved.
echo "$md" | grep -qF "Asks a little; no numbers." &&
	fail "the report has the score taken back"
json=$("$TPMTRAIN" report last --format json) || fail "report json failed"
echo "$json" | grep -qF '"sized the load"' || fail "json lacks the comment"
ok "history and report show that session"
