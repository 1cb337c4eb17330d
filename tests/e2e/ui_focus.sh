#!/bin/sh
# Weak criteria drive the drill (issue 12 item 2): after two mocks scored
# low on one criterion, the home screen shows it as a focus with its
# average and its cards, and drill --focus (or f on home) serves its cards
# first; the scheduled next mock says when it is due.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"

# The interface's test world, with the design criterion training the
# last card of the deck (tag wide), so that the focus moves it first.
cp -R "$TPM_TEST_ROOT/tests/fixtures/ui" "$TMP/data"
export TPMTRAIN_DATA_DIR="$TMP/data"
sed -i 's/    tags: \[caching\]$/    tags: [wide]/' \
	"$TMP/data/content/rubrics/test-rubric.yaml"
printf '    tags: [wide]\n' >>"$TMP/data/decks/ui-test.yaml"
"$TPMTRAIN" config mock_bell 1 >/dev/null || fail "config failed"
sqlite3 "$DB" <<'SQL' || fail "cannot store the sessions"
INSERT INTO mock_session (id, scenario, title, kind, rubric, prompt, minutes,
  started_at, ended_at, state, elapsed_ms, cur_phase, paused, hints_used,
  score, band) VALUES
 (1, 'mock-test', 'Design a link shortener', 'system-design', 'test-rubric',
  'Design it.', 3, 1795165200000, 1795165380000, 2, 180000, 2, 0, 0, 62.5,
  'lean no hire'),
 (2, 'mock-test', 'Design a link shortener', 'system-design', 'test-rubric',
  'Design it.', 3, 1795251600000, 1795251780000, 2, 180000, 2, 0, 0, 56.25,
  'lean no hire');
INSERT INTO mock_score VALUES
 (1, 0, 'requirements', 'Requirements', 2, 3, NULL, NULL),
 (1, 1, 'design', 'Design', 1, 1, NULL, NULL),
 (1, 2, 'plan', 'Program plan', 1, 3, NULL, NULL),
 (2, 0, 'requirements', 'Requirements', 2, 3, NULL, NULL),
 (2, 1, 'design', 'Design', 1, 2, NULL, NULL),
 (2, 2, 'plan', 'Program plan', 1, 3, NULL, NULL);
SQL

start 100 30
run "$TPMTRAIN"
wait_for "focus       Design 1.5 (1 card) · f drills them first"
wait_re "next mock +Design a link shortener · system-design · due (since )?[0-9]+ Nov"
ok "the home screen shows the focus criteria and when the next mock is due"
keys f
wait_for "drill · focus first"
wait_for "What is キャッシュ"
ok "f drills the focus cards first"
keys q
wait_for "Session over."
keys Enter
keys q
wait_exit

run "$TPMTRAIN drill --focus"
wait_for "What is キャッシュ"
keys Escape Escape
wait_for "Session over."
keys Enter
wait_exit
ok "drill --focus serves the focus cards first"
"$TPMTRAIN" drill --focus --deck ui-test >/dev/null 2>"$TMP/err" </dev/null &&
	fail "--focus with --deck"
grep -q "focus orders every deck" "$TMP/err" || fail "$(cat "$TMP/err")"
ok "--focus orders every deck: not with --deck"
