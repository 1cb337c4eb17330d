#!/bin/sh
# A behavioural round (issue 12 item 4), done in seconds: built from the
# questions that ask about one competency, a question at a time with its
# answer clock, a story chosen from the bank for one answer and a new
# story for another, the STAR points checked per answer, scored with the
# behavioural rubric; then the story matrix shows the rehearsal's score.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"
export TPMTRAIN_DATA_DIR="$TPM_TEST_ROOT"
mkdir -p "$XDG_DATA_HOME/tpmtrain"
cat >"$XDG_DATA_HOME/tpmtrain/stories.yaml" <<'Y'
stories:
  - {id: launch, title: A launch that slipped, situation: s, task: t,
     action: a, result: r, metrics: [9 days], competencies: [deadlines]}
  - {id: ledger, title: Two teams one ledger, situation: s, task: t,
     action: a, result: r, metrics: [9 days], competencies: [conflict]}
Y

"$TPMTRAIN" mock --competency conflikt >/dev/null 2>"$TMP/err" &&
	fail "an unknown competency"
grep -q "unknown competency 'conflikt' (did you mean 'conflict'?)" "$TMP/err" ||
	fail "$(cat "$TMP/err")"
"$TPMTRAIN" mock --competency a,b,c,d,e,f,g >/dev/null 2>"$TMP/err" &&
	fail "seven competencies"
grep -q "competency: at most 6" "$TMP/err" || fail "$(cat "$TMP/err")"
ok "an unknown competency, or too many: a usage error with a suggestion"

start 100 40
run "TPMTRAIN_CLOCK_SCALE=12 $TPMTRAIN mock --competency conflict --minutes 16 --quiet"
wait_for "mock · Behavioural round: conflict"
wait_for "Q1 of 4  Tell me about a time two teams disagreed on a technical approach"
wait_re "answer [0-9]:[0-9]{2} left"
wait_for "story: none chosen  ^Y chooses"
keys C-p
wait_re "paused"
ok "the first question alone, with the answer's own clock"

keys C-y
wait_for "which story are you telling?"
expect_line " ▶ Two teams one ledger · ledger"
expect_line "   A launch that slipped · launch"
expect_line "   a new story, not in the bank"
keys Enter
wait_for "story: Two teams one ledger  ^Y chooses"
ok "^Y offers the bank, the stories for the question first; enter tells one"

type_text "I met both leads separately; wrote criteria and options;"
keys Enter
type_text "we decided in a review; shipped 2 weeks early"
keys C-n
wait_for "Q2 of 4  Tell me about a conflict you had with an engineering manager"
wait_for "story: none chosen"
keys C-y
wait_for "which story are you telling?"
keys G Enter
wait_for "story: a new story, not in the bank"
ok "the next question, answered with a new story"

keys C-p
wait_gone "paused"
wait_re "follow-ups [0-9]:[0-9]{2} left"
ok "after the answer's time, the rest of the slot is for follow-ups"
keys C-p
wait_re "paused"
keys C-e y
wait_for "coverage · Behavioural round: conflict"
wait_re "✓ both sides heard"
wait_re "✓ decision reached"
wait_re "✗ private conversation"
ok "the STAR points checked per answer"

keys Enter
wait_for "rubric · Behavioural answer (STAR) · 1 of 8"
wait_for "the bar by level"
wait_for "  staff      Makes the stakes and the scale"
keys 3 Right 3 Right 3 Right 3 Right 3 Right 3 Right 3 Right 3 Enter
wait_for "rubric · Behavioural answer (STAR) · red-flag signals"
wait_re "1 \\[ \\] blames others for what went wrong +at most 49%"
keys 1
wait_for "1 [x] blames others for what went wrong"
keys Enter
wait_for "save these scores?"
keys y
# All 3s is 75% (hire); the signal caps it at 49%: no hire.
wait_for "score 49% · no hire"
wait_for "blames others for what went wrong (caps the score at 49%)"
ok "a red-flag signal seen caps the result whatever the sum"
keys q
wait_for "next mock"
keys q
wait_exit

"$TPMTRAIN" stories matrix >"$TMP/out" || fail "matrix"
grep -q "^conflict  *-  49%$" "$TMP/out" || fail "matrix: $(cat "$TMP/out")"
grep -q "^   2  ledger  Two teams one ledger  1 competency  last rehearsed 2026-11-23: 49%$" "$TMP/out" ||
	fail "matrix: $(cat "$TMP/out")"
grep -q "^   1  launch  A launch that slipped  1 competency  never rehearsed$" "$TMP/out" ||
	fail "matrix: $(cat "$TMP/out")"
ok "the matrix shows the story rehearsed for the competency, with its score"
md=$("$TPMTRAIN" report last) || fail "report"
echo "$md" | grep -q "Behavioural round: conflict" || fail "report: $md"
echo "$md" | grep -qF -- "- **Capped by red-flag signals:** blames others for what went wrong (at most 49%)" ||
	fail "report: $md"
ui_stop
exit $fail
