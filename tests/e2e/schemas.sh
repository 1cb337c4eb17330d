#!/bin/sh
# The shipped JSON Schemas accept every shipped file, and reject the typical
# mistakes a mentor makes, as an editor's YAML language server would see it.
set -eu
root=${TPM_TEST_ROOT:-$(pwd)}
cd "$root/tools/schema-check"
if ! command -v node >/dev/null 2>&1; then
	echo "schemas: node is not installed (tools/install-deps schema installs it)" >&2
	exit 1
fi
[ -d node_modules ] || npm ci --no-audit --no-fund --silent >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# Every shipped file validates.
set -- "$root"/decks/*.yaml "$root"/content/rubrics/*.yaml \
	"$root"/content/mocks/*.yaml
if ! node check.mjs "$@"; then
	echo "FAIL: shipped files do not validate against their schemas"
	fail=1
fi

# The README's examples validate (extracted from its yaml blocks).
awk -v dir="$tmp" '
	/^```yaml$/ { n++; f = dir "/readme" n ".yaml"; inblock = 1; next }
	/^```$/ { inblock = 0; next }
	inblock { print > f }' "$root/README.md"
for f in "$tmp"/readme*.yaml; do
	# The examples name schemas relative to where such files live.
	sed -i "s#\$schema=\.\./content/schemas/#\$schema=$root/content/schemas/#; s#\$schema=\.\./schemas/#\$schema=$root/content/schemas/#" "$f"
done
if ! node check.mjs "$tmp"/readme*.yaml; then
	echo "FAIL: README examples do not validate"
	fail=1
fi

# Typical mistakes are rejected: check each gives exactly the expected error.
expect() {	# expect NAME EXPECTED-SUBSTRING  (YAML on stdin)
	{ printf '# yaml-language-server: $schema=%s/content/schemas/deck.schema.json\n' "$root"; cat; } > "$tmp/$1.yaml"
	if out=$(node check.mjs "$tmp/$1.yaml"); then
		echo "FAIL: $1: accepted"
		fail=1
	elif ! printf '%s\n' "$out" | grep -qF -- "$2"; then
		echo "FAIL: $1: want '$2', got: $out"
		fail=1
	fi
}
expect typo 'must NOT have additional properties' <<'Y'
deck: d
title: D
cards:
  - id: a
    fornt: Q
    back: A
Y
expect no-cards "must have required property 'cards'" <<'Y'
deck: d
title: D
Y
expect bad-type 'must be equal to one of the allowed values' <<'Y'
deck: d
title: D
cards:
  - {id: a, type: flip, front: Q, back: A}
Y
expect typed-no-points "must have required property 'key_points'" <<'Y'
deck: d
title: D
cards:
  - {id: a, type: typed, front: Q, back: A}
Y
expect bad-id 'must match pattern' <<'Y'
deck: d
title: D
cards:
  - {id: Bad Id, front: Q, back: A}
Y
# What the loader accepts, the schema accepts: YAML reads these as a number
# and a boolean, and the loader takes the text as written.
{ printf '# yaml-language-server: $schema=%s/content/schemas/deck.schema.json\n' "$root"
  printf 'deck: d\ntitle: D\ncards:\n  - {id: a, front: 42, back: yes}\n'
} > "$tmp/scalars.yaml"
if ! node check.mjs "$tmp/scalars.yaml"; then
	echo "FAIL: scalars: rejected, but the loader accepts them"
	fail=1
fi
# The mock keys: a clarification needs its example; a band's min is a
# percentage.
expect_in() {	# expect_in SCHEMA NAME EXPECTED-SUBSTRING  (YAML on stdin)
	{ printf '# yaml-language-server: $schema=%s/content/schemas/%s.schema.json\n' "$root" "$1"; cat; } > "$tmp/$2.yaml"
	if out=$(node check.mjs "$tmp/$2.yaml"); then
		echo "FAIL: $2: accepted"
		fail=1
	elif ! printf '%s\n' "$out" | grep -qF -- "$3"; then
		echo "FAIL: $2: want '$3', got: $out"
		fail=1
	fi
}
expect_in scenario no-example "must have required property 'example'" <<'Y'
scenario: s
kind: system-design
title: S
prompt: P
rubric: r
phases: [{name: A, minutes: 5}]
clarifications:
  - {ask: 'users', answer: Ten million.}
Y
expect_in rubric band-over-100 'must be <= 100' <<'Y'
rubric: r
title: R
criteria:
  - {id: a, name: A, weight: 1, levels: [a, b, c, d], tags: [x]}
bands:
  - {label: top, min: 120}
Y
# The story bank's template validates, as `stories edit` writes it.
sed "1s#\$schema=.*#\$schema=$root/content/schemas/stories.schema.json#" \
	"$root/content/templates/stories.yaml.in" >"$tmp/stories.yaml"
if ! node check.mjs "$tmp/stories.yaml"; then
	echo "FAIL: the story bank's template does not validate"
	fail=1
fi
expect_in stories no-competencies "must have required property 'competencies'" <<'Y'
stories:
  - {id: a, title: A, situation: s, task: t, action: a, result: r}
Y
expect_in stories bad-story-id 'must match pattern' <<'Y'
stories:
  - {id: My Story, title: A, situation: s, task: t, action: a, result: r,
     competencies: [conflict]}
Y
[ $fail -eq 0 ] && echo "schemas: ok"
exit $fail
