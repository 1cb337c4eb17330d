#!/bin/sh
# Interviewer mode (issue 12 item 5), as a mentor runs a mock for a
# mentee: the prompt to read out, the phase's key points as a checklist
# ticked live, a hint given, a follow-up to ask, notes of what they see;
# then the coverage is the ticks, the interviewer scores, and history and
# report show the session as interviewer-scored, for that candidate.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

"$TPMTRAIN" mock --candidate Ana mock-test >/dev/null 2>"$TMP/err" &&
	fail "--candidate without --interviewer"
grep -q "goes with --interviewer" "$TMP/err" || fail "$(cat "$TMP/err")"
"$TPMTRAIN" mock --interviewer --candidate "$(printf 'A\033[2Jna')" \
	mock-test >/dev/null 2>"$TMP/err" && fail "a name with an escape"
grep -qF "'A\\e[2Jna': want a name" "$TMP/err" || fail "$(cat "$TMP/err")"
ok "--candidate: only with --interviewer, and no control characters"

start 110 40
run "TPMTRAIN_CLOCK_SCALE=12 $TPMTRAIN mock --interviewer --candidate Ana --quiet mock-test"
wait_for "interviewing Ana · Design a link shortener"
wait_for "Design a service that turns long URLs into short links"
keys C-p
wait_re "paused"
keys C-o
wait_for "key points · alt-1 to alt-9 tick them"
wait_for " 1 [ ] users and load"
wait_for "hints · ^G gives the next"
wait_for "- Ask who the users are and how"
wait_for "follow-ups to ask"
wait_for "- What happens when one link gets a"
ok "the prompt to read out first, then the phase's checklist, hints and follow-ups"

keys M-1
wait_for " 1 [x] users and load"
keys M-1
wait_for " 1 [ ] users and load"
keys M-1
wait_for " 1 [x] users and load"
keys M-5
wait_for "this phase has no such point"
ok "alt-1 ticks and unticks a point; a point the phase lacks is refused"

keys C-g
wait_for "── the hint to give"
wait_for "Ask who the users are and how many links they make."
keys Escape
wait_gone "the hint to give"
wait_for "- given: Ask who the users are"
type_text "asked about scale early; good instincts"
keys C-n
wait_for "phase 2 of 3   High-level design"
wait_for " 1 [ ] caching hot links"
wait_for " 2 [ ] rate limiting"
keys M-2
wait_for " 2 [x] rate limiting"
keys C-n
wait_for "phase 3 of 3   Program plan"
keys C-p
wait_for "── ask the candidate"
wait_for "What happens when one link gets a million clicks a minute?"
ok "a hint given is marked, a follow-up to ask, ticks in each phase"
keys Escape
wait_gone "ask the candidate"
keys C-p
wait_re "paused"
keys C-e y
wait_for "coverage · Design a link shortener"
wait_for "2 of 4 covered"
wait_re "✓ users and load"
wait_re "✗ caching hot links"
wait_re "✓ rate limiting"
ok "the coverage is what the interviewer ticked"

keys Enter
wait_for "rubric · Test system design · 1 of 3 · Requirements"
keys 3 Right 2 Right 3 Enter
wait_for "save these scores?"
keys y
wait_for "score"
keys q
wait_for "next mock"
keys q
wait_exit

out=$("$TPMTRAIN" history) || fail "history failed"
echo "$out" | grep -q "mock-test  system-design .* · by the interviewer, for Ana$" ||
	fail "history: $out"
out=$("$TPMTRAIN" history --candidate Ana) || fail "history --candidate"
[ "$(echo "$out" | grep -c mock-test)" -eq 1 ] || fail "history --candidate Ana: $out"
out=$("$TPMTRAIN" history --candidate Bo) || fail "history --candidate Bo"
echo "$out" | grep -q "no mock interviews for that candidate" || fail "$out"
"$TPMTRAIN" history --json | grep -q '"candidate": "Ana"' || fail "history --json"
ok "history marks the session as interviewer-scored for Ana, and filters by candidate"

md=$("$TPMTRAIN" report last) || fail "report failed"
for want in "**Scored by:** the interviewer" "**Candidate:** Ana" \
	    "Key points ticked by the interviewer: 2 of 4." \
	    "| Clarify requirements | users and load | ✓ |" \
	    "| High-level design | caching hot links | ✗ |" \
	    "asked about scale early; good instincts"; do
	echo "$md" | grep -qF -- "$want" || fail "report lacks '$want': $md"
done
"$TPMTRAIN" report last --format json | grep -q '"scored_by": "interviewer"' ||
	fail "report json"
ok "the report shows the ticked coverage, who scored it and for whom"
ui_stop
exit $fail
