#!/bin/sh
# The story bank (issue 12 item 3), as a candidate uses it: `stories edit`
# makes it from the template, checks it on save and opens it again with
# the problems at the top until it is clean, and loses nothing when the
# user gives up; `stories list` and `matrix`; `lint` checks it; S on the
# home screen shows the matrix.  The competencies are the shipped
# behavioural scenarios' tags.
. "$TPM_TEST_ROOT/tests/e2e/lib/ui.sh"
export TPMTRAIN_DATA_DIR="$TPM_TEST_ROOT"
BANK="$XDG_DATA_HOME/tpmtrain/stories.yaml"
T=$TPMTRAIN_BIN

"$T" stories list >"$TMP/out" 2>"$TMP/err" || fail "list without a bank"
[ ! -s "$TMP/out" ] && grep -q "no story bank yet" "$TMP/err" ||
	fail "list without a bank: $(cat "$TMP/out" "$TMP/err")"
[ "$("$T" stories list --json)" = "[]" ] || fail "list --json without a bank"
"$T" stories matrix >"$TMP/out" || fail "matrix without a bank"
grep -q "^conflict  *no story$" "$TMP/out" &&
	grep -q "^no stories yet" "$TMP/out" || fail "matrix: $(cat "$TMP/out")"
ok "without a bank: list is empty, the matrix lists the competencies"

EDITOR=true "$T" stories edit >"$TMP/out" 2>"$TMP/err" ||
	fail "edit of a new bank: $(cat "$TMP/err")"
grep -q "stories.yaml: 1 story, no errors" "$TMP/out" || fail "$(cat "$TMP/out")"
head -1 "$BANK" | grep -qF "\$schema=$TPM_TEST_ROOT/content/schemas/stories.schema.json" ||
	fail "the new bank's schema line: $(head -1 "$BANK")"
ok "edit makes the bank from the template, its schema line absolute"

# Round 1 adds a story with a misspelt competency; round 2 keeps what it
# was given and fixes it.  The editor is opened at the error's line.
cat >"$TMP/ed.sh" <<'ED'
#!/bin/sh
n=$(($(cat "$EDTMP/n" 2>/dev/null || echo 0) + 1)); echo $n >"$EDTMP/n"
echo "$1" >>"$EDTMP/lines"
cp "$2" "$EDTMP/round$n.yaml"
case $n in
1) cat >>"$2" <<'Y'
  - id: launch
    title: A launch that slipped
    situation: The launch date moved twice.
    task: Ship the beta to 5 pilot customers.
    action: I cut scope with the PM and ran a daily risk review.
    result: We shipped 9 days late, not 6 weeks.
    metrics: [9 days late instead of 6 weeks]
    competencies: [deadlines, influense, risk, stakeholders, planning]
Y
;;
2) sed -i 's/influense/influence/' "$2" ;;
esac
ED
chmod +x "$TMP/ed.sh"
export EDTMP="$TMP"
EDITOR="$TMP/ed.sh" "$T" stories edit >"$TMP/out" 2>"$TMP/err" ||
	fail "edit, fixed in round 2: $(cat "$TMP/err")"
grep -q "2 stories, no errors" "$TMP/out" || fail "$(cat "$TMP/out")"
line=$(sed -n 2p "$TMP/round2.yaml")
want="# tpmtrain: line 37, column 31: error: unknown competency 'influense' (did you mean 'influence'?)"
[ "$line" = "$want" ] || fail "the problem list says '$line'"
sed -n 37p "$TMP/round2.yaml" | grep -q "competencies: \[deadlines, influense," ||
	fail "line 37 of the reopened file: $(sed -n 37p "$TMP/round2.yaml")"
[ "$(sed -n 2p "$TMP/lines")" = "+37" ] || fail "reopened at $(cat "$TMP/lines")"
grep -q "tpmtrain:" "$BANK" && fail "the problem list stayed in the file"
ok "an error reopens the bank at its line, listed at the top, until fixed"

# Giving up (saving unchanged) keeps every line and says what is wrong.
cp "$BANK" "$TMP/good.yaml"
printf '#!/bin/sh\nsed -i "s/task: Ship the beta/tusk: Ship the beta/" "$2"\n' >"$TMP/ed2.sh"
chmod +x "$TMP/ed2.sh"
EDITOR="$TMP/ed2.sh" "$T" stories edit >"$TMP/out" 2>"$TMP/err"
st=$?
[ $st -eq 1 ] || fail "gave up: status $st"
grep -q "still has 1 error; nothing is lost" "$TMP/err" || fail "$(cat "$TMP/err")"
grep -q "stories.yaml:30:5: error: unknown key 'tusk' (did you mean 'task'?)" "$TMP/err" || fail "$(cat "$TMP/err")"
sed 's/tusk:/task:/' "$BANK" | cmp -s - "$TMP/good.yaml" ||
	fail "the bank changed beyond the user's edit"
ok "giving up keeps the user's text and exits 1 with the errors"

# lint checks the bank with everything else; study goes on without it.
"$T" lint >"$TMP/out" 2>"$TMP/err"
st=$?
[ $st -eq 1 ] && grep -q "stories.yaml:30:5: error: unknown key 'tusk' (did you mean 'task'?)" "$TMP/out" ||
	fail "lint: status $st, $(cat "$TMP/out")"
"$T" stories list >"$TMP/out" 2>"$TMP/err" || fail "list of a broken bank"
grep -q "has 1 error " "$TMP/err" && grep -q "^example-ledger-dispute " "$TMP/out" &&
	! grep -q "^launch" "$TMP/out" || fail "list: $(cat "$TMP/out" "$TMP/err")"
ok "lint reports the bank's errors; list shows the stories without one"
cp "$TMP/good.yaml" "$BANK"

# A bank that is not YAML at all: study goes on, lint and list say so.
printf 'stories: [unclosed\n\001\033[2J\n' >"$BANK"
"$T" stories list >"$TMP/out" 2>"$TMP/err" || fail "list of a bank that is not YAML"
grep -q "stories.yaml has [0-9]* errors\{0,1\} (tpmtrain stories edit shows them)" "$TMP/err" && [ ! -s "$TMP/out" ] ||
	fail "list of garbage: $(cat "$TMP/out" "$TMP/err")"
"$T" due >/dev/null 2>"$TMP/err" || fail "due with a garbage bank: $(cat "$TMP/err")"
"$T" lint >/dev/null 2>&1 && fail "lint accepts a bank that is not YAML"
ok "a bank that is not YAML is reported, and nothing else stops"
cp "$TMP/good.yaml" "$BANK"

"$T" stories list --json >"$TMP/json" || fail "list --json"
grep -q '"id": "launch"' "$TMP/json" && grep -q '"planning"' "$TMP/json" ||
	fail "list --json: $(cat "$TMP/json")"
# The launch story is told, scored 80%, for a deadlines question.
"$T" stories matrix >/dev/null	# creates nothing: a read
sqlite3 "$DB" >/dev/null 2>&1 || true
mkdir -p "$(dirname "$DB")"
"$T" config mock_bell 0 >/dev/null || fail "config"
sqlite3 "$DB" <<'SQL' || fail "cannot store the session"
INSERT INTO mock_session (id, scenario, title, kind, rubric, prompt, minutes,
  started_at, ended_at, state, elapsed_ms, cur_phase, paused, hints_used,
  score, band) VALUES
 (1, 'mock-beh-deadline', 'Deadlines', 'behavioural', 'behavioural-star',
  'Tell me.', 24, 1795165200000, 1795166640000, 2, 1440000, 3, 0, 0, 80,
  'hire');
INSERT INTO mock_story VALUES (1, 0, 0, 'launch', 'A launch that slipped',
  'deadlines execution planning risk');
SQL
"$T" stories matrix >"$TMP/out" || fail "matrix"
expect() { grep -q "$1" "$TMP/out" || fail "matrix lacks '$1': $(cat "$TMP/out")"; }
expect "^competency  *1    2$"
expect "^conflict  *o    -$"
expect "^deadlines  *-  80%$"
expect "^influence  *-    o$"
expect "^execution  *-  80%$"
expect "^ambiguity  *-    -  no story$"
expect "^   1  example-ledger-dispute  Two teams, one ledger  2 competencies  never rehearsed$"
expect "^   2  launch  A launch that slipped  5 competencies (stretched)  last rehearsed 2026-11-20: 80%$"
ok "the matrix: claims, rehearsals with their score, gaps, stretched stories"

start 110 40
run "$TPMTRAIN"
wait_for "next mock"
keys S
wait_for "No story yet: ambiguity, architecture"
wait_for "Stretched (a story for more than three competencies): launch"
wait_re "deadlines +· +80%"
wait_for "2  launch  A launch that slipped  5 competencies (stretched)  last rehearsed 20 Nov: 80%"
ok "S on the home screen shows the story bank"
keys Enter q
wait_exit
ui_stop
exit $fail
