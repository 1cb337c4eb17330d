/*
 * Scenario notes graded the way candidates really write them.  Every
 * scenario has a corpus, tests/fixtures/content/scenarios/ID.txt, with for
 * each phase (its name in lower case, spaces as '-') the sections
 *
 *   == PHASE terse | verbose | weak | red-flag
 *
 * Coverage is the product's own: mock_coverage() over the notes.  Strong
 * notes must cover >= 80% of the scenario's key points and >= 70% of each
 * phase's; weak and red-flag notes <= 30%; the pasted prompt <= 15%.  The
 * strong notes raise none of the scenario's red flags; the red-flag notes
 * raise every one (each phase's red-flag notes are what its flags are
 * written to catch).  A scenario without a corpus fails:
 * a new scenario comes with its notes.
 */
#include "test_util.h"

#include <ctype.h>

#include "core/buf.h"
#include "core/vec.h"
#include "core/xmalloc.h"
#include "loader/loader.h"
#include "mock/mock.h"

enum kind { TERSE, VERBOSE, WEAK, RED_FLAG, N_KINDS };
static const char *const kind_names[N_KINDS] = {
	"terse", "verbose", "weak", "red-flag",
};

static int load(void **state)
{
	struct library *lib = xcalloc(1, sizeof(*lib));
	struct diag_list dl;
	char decks[4096], content[4096];
	const char *paths[] = { decks, content };
	int rc;

	snprintf(decks, sizeof(decks), "%s", test_path("decks"));
	snprintf(content, sizeof(content), "%s", test_path("content"));
	library_init(lib);
	diag_list_init(&dl);
	rc = library_load(lib, paths, 2, content, &dl);
	diag_list_release(&dl);
	*state = lib;
	return rc < 0 ? -1 : 0;
}

static int unload(void **state)
{
	library_release(*state);
	xfree(*state);
	return 0;
}

static void slug(const char *name, char *out, size_t n)
{
	size_t i = 0;

	for (; *name && i + 1 < n; name++)
		out[i++] = *name == ' ' ? '-' : (char)tolower((unsigned char)*name);
	out[i] = '\0';
}

/* Appends the lines of section "== PHASE KIND" of text as notes of phase p. */
static void add_section(const char *text, const char *phase, const char *kind,
			int p, struct vec *notes)
{
	char head[256];
	const char *s;

	snprintf(head, sizeof(head), "== %s %s\n", phase, kind);
	s = strstr(text, head);
	if (!s)
		return;
	s += strlen(head);
	while (*s && strncmp(s, "== ", 3)) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		struct mock_note *n = vec_push(notes);

		n->text = xstrndup(s, len);
		n->phase = p;
		s += len + (nl ? 1 : 0);
	}
}

/* Percent of key points covered, of phase p (or all when p < 0). */
static int percent(const struct scenario *sc, struct vec *notes, int p)
{
	struct vec covers;
	size_t total = 0, hit = 0;

	vec_init(&covers, sizeof(struct mock_cover));
	mock_coverage(sc, notes->items, notes->len, &covers);
	for (size_t i = 0; i < covers.len; i++) {
		const struct mock_cover *c = (const struct mock_cover *)covers.items + i;

		if (c->red_flag || (p >= 0 && c->phase != p))
			continue;
		total++;
		hit += c->covered != 0;
	}
	vec_release(&covers);
	return total ? (int)(hit * 100 / total) : 0;
}

/* Red flags of the scenario the notes raise, and how many it has. */
static int flags_raised(const struct scenario *sc, struct vec *notes,
			int *n_flags)
{
	struct vec covers;
	int raised = 0;

	vec_init(&covers, sizeof(struct mock_cover));
	mock_coverage(sc, notes->items, notes->len, &covers);
	*n_flags = 0;
	for (size_t i = 0; i < covers.len; i++) {
		const struct mock_cover *c = (const struct mock_cover *)covers.items + i;

		*n_flags += c->red_flag != 0;
		raised += c->red_flag && c->covered;
	}
	vec_release(&covers);
	return raised;
}

static void free_notes(struct vec *notes)
{
	for (size_t i = 0; i < notes->len; i++)
		xfree(((struct mock_note *)notes->items)[i].text);
	vec_release(notes);
	vec_init(notes, sizeof(struct mock_note));
}

/* Checks one scenario's corpus; returns the number of broken limits. */
static size_t check_scenario(const struct scenario *sc, const char *text)
{
	struct vec notes;
	size_t bad = 0;
	char ph[128];
	int all[N_KINDS], flags[N_KINDS], n_flags = 0, prompt;

	vec_init(&notes, sizeof(struct mock_note));
	for (int k = 0; k < N_KINDS; k++) {
		for (size_t p = 0; p < sc->n_phases; p++) {
			struct vec one;
			int pc;

			slug(sc->phases[p].name.s, ph, sizeof(ph));
			add_section(text, ph, kind_names[k], (int)p, &notes);
			vec_init(&one, sizeof(struct mock_note));
			add_section(text, ph, kind_names[k], (int)p, &one);
			pc = percent(sc, &one, (int)p);
			free_notes(&one);
			vec_release(&one);
			if (k <= VERBOSE && pc < 70) {
				print_error("%s/%s %s: %d%% < 70%%\n", sc->id.s,
					    ph, kind_names[k], pc);
				bad++;
			}
		}
		all[k] = percent(sc, &notes, -1);
		flags[k] = flags_raised(sc, &notes, &n_flags);
		free_notes(&notes);
		if (k <= VERBOSE ? all[k] < 80 : all[k] > 30) {
			print_error("%s %s: %d%% out of limit\n", sc->id.s,
				    kind_names[k], all[k]);
			bad++;
		}
	}
	/* What the candidate is shown: the prompt and each question. */
	struct mock_note *n = vec_push(&notes);
	n->text = xstrdup(sc->prompt.s);
	n->phase = 0;
	for (size_t p = 0; p < sc->n_phases; p++) {
		if (!sc->phases[p].question.s)
			continue;
		n = vec_push(&notes);
		n->text = xstrdup(sc->phases[p].question.s);
		n->phase = (int)p;
	}
	prompt = percent(sc, &notes, -1);
	free_notes(&notes);
	vec_release(&notes);
	if (prompt > 15) {
		print_error("%s prompt: %d%% > 15%%\n", sc->id.s, prompt);
		bad++;
	}
	/* A strong answer trips no warning; the red-flag ones trip all. */
	if (flags[TERSE] || flags[VERBOSE] || flags[RED_FLAG] != n_flags) {
		print_error("%s red flags raised: terse %d verbose %d red-flag "
			    "%d of %d\n", sc->id.s, flags[TERSE],
			    flags[VERBOSE], flags[RED_FLAG], n_flags);
		bad++;
	}
	print_message("%-28s terse %3d verbose %3d weak %3d red-flag %3d "
		      "prompt %3d flags %d/%d\n", sc->id.s, all[TERSE],
		      all[VERBOSE], all[WEAK], all[RED_FLAG], prompt,
		      flags[RED_FLAG], n_flags);
	return bad;
}

static void corpus_scenario_notes_are_graded_as_a_reviewer_would(void **state)
{
	struct library *lib = *state;
	size_t bad = 0, checked = 0, missing = 0;

	for (size_t i = 0; i < lib->n_scenarios; i++) {
		const struct scenario *sc = &lib->scenarios[i];
		char rel[512];
		char *text;

		snprintf(rel, sizeof(rel),
			 "tests/fixtures/content/scenarios/%s.txt", sc->id.s);
		text = test_read_file(test_path(rel), NULL);
		if (!text) {
			print_message("%s: no corpus at %s\n", sc->id.s, rel);
			missing++;
			continue;
		}
		bad += check_scenario(sc, text);
		checked++;
		xfree(text);
	}
	print_message("%zu scenarios checked, %zu without a corpus\n", checked,
		      missing);
	assert_int_equal(bad, 0);
	assert_int_equal(missing, 0);
	assert_int_equal(checked, lib->n_scenarios);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(corpus_scenario_notes_are_graded_as_a_reviewer_would),
	};

	return cmocka_run_group_tests(tests, load, unload);
}
