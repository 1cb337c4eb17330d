#include "test_util.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/quote.h"
#include "core/xmalloc.h"
#include "loader/loader.h"
#include "loader/loader_rejected.h"

#include "fixture_run.h"

/* Every malformed input in tests/fixtures/loader, with its exact lines. */
static void loader_fixtures_report_exact_diagnostics(void **state)
{
	size_t failed = 0, n;

	(void)state;
	n = run_fixtures("tests/fixtures/loader", &failed);
	assert_true(n >= 45);
	assert_int_equal(failed, 0);
}

/* Loads buffer as NAME and returns its diagnostics, one line each. */
static char *load_buffer_output(struct library *lib, const char *name,
				const char *data, size_t len, int *ret)
{
	struct diag_list dl;
	char *out;

	diag_list_init(&dl);
	*ret = library_load_buffer(lib, name, data, len, &dl);
	diag_list_sort(&dl);
	out = test_diag_text(&dl);
	diag_list_release(&dl);
	return out;
}

static void assert_pos(struct src_pos pos, const char *file, unsigned line,
		       unsigned col)
{
	assert_string_equal(pos.file, file);
	assert_int_equal(pos.line, line);
	assert_int_equal(pos.col, col);
}

static void loader_loads_good_deck(void **state)
{
	const char *path = test_path("tests/fixtures/lint/good");
	struct library lib;
	struct diag_list dl;
	const struct deck *d;
	const struct card *c;
	char deck_file[4200];

	(void)state;
	snprintf(deck_file, sizeof(deck_file), "%s/decks/good.yaml", path);
	library_init(&lib);
	diag_list_init(&dl);
	assert_int_equal(library_load(&lib, &path, 1, NULL, &dl), 0);
	assert_int_equal(dl.items.len, 0);
	assert_int_equal(lib.n_files, 3);
	assert_int_equal(lib.n_decks, 1);
	assert_int_equal(lib.n_rubrics, 1);
	assert_int_equal(lib.n_scenarios, 1);

	d = &lib.decks[0];
	assert_string_equal(d->id.s, "good");
	assert_pos(d->id.pos, deck_file, 2, 7);
	assert_pos(d->pos, deck_file, 2, 1);
	assert_string_equal(d->file, deck_file);
	assert_string_equal(d->title.s, "A good deck");
	assert_int_equal(d->tags.n, 1);
	assert_string_equal(d->tags.v[0].s, "system-design");
	assert_pos(d->tags.pos, deck_file, 5, 7);
	assert_int_equal(d->n_cards, 4);

	c = &d->cards[0];
	assert_string_equal(c->id.s, "sd-write-through");
	assert_int_equal(c->type, CARD_BASIC);
	assert_int_equal(c->type_pos.line, 0);
	assert_pos(c->pos, deck_file, 7, 5);
	assert_string_equal(c->back.s, "Write latency: every write goes to "
			    "the cache and the store.\n");
	assert_pos(c->back.pos, deck_file, 9, 11);
	assert_string_equal(c->refs.v[0].s, "primers/caching.md");
	assert_ptr_equal(c->deck, d);

	c = &d->cards[1];
	assert_int_equal(c->type, CARD_REVERSE);
	assert_pos(c->type_pos, deck_file, 14, 11);
	c = &d->cards[2];
	assert_int_equal(c->type, CARD_CLOZE);
	assert_null(c->front.s);
	assert_string_equal(c->text.s, "In a {{c1::partition}}, choose "
			    "{{c2::consistency}} or {{c3::availability::a "
			    "property}}.");
	c = &d->cards[3];
	assert_int_equal(c->type, CARD_TYPED);
	assert_int_equal(c->key_points.n, 2);
	assert_string_equal(c->key_points.v[1].label.s,
			    "read database on miss");
	assert_string_equal(c->key_points.v[1].pattern.s,
			    "\\b(database|db|store)\\b");
	assert_pos(c->key_points.v[1].pattern.pos, deck_file, 28, 18);
	assert_pos(c->key_points.pos, deck_file, 25, 7);

	/* basic 1 + reverse 2 + cloze 3 + typed 1, in file order. */
	assert_int_equal(lib.n_items, 7);
	assert_string_equal(lib.items[0].key, "sd-write-through");
	assert_string_equal(lib.items[1].key, "pm-program");
	assert_int_equal(lib.items[1].variant, 0);
	assert_string_equal(lib.items[2].key, "pm-program#reverse");
	assert_int_equal(lib.items[2].variant, ITEM_REVERSE);
	assert_string_equal(lib.items[3].key, "sd-cap#c1");
	assert_string_equal(lib.items[5].key, "sd-cap#c3");
	assert_int_equal(lib.items[5].variant, 3);
	assert_ptr_equal(lib.items[5].card, &d->cards[2]);
	assert_string_equal(lib.items[6].key, "sd-cache-aside");

	assert_string_equal(lib.rubrics[0].criteria[0].levels.v[3].s,
			    "Scopes in and out, with numbers.");
	assert_true(lib.rubrics[0].criteria[0].weight == 2.0);
	assert_int_equal(lib.scenarios[0].kind, SCENARIO_SYSTEM_DESIGN);
	assert_int_equal(lib.scenarios[0].n_phases, 2);
	assert_int_equal(lib.scenarios[0].phases[1].minutes, 40);
	assert_string_equal(lib.scenarios[0].prompt.s,
			    "Design a distributed cache.\n");

	diag_list_release(&dl);
	library_release(&lib);
}

static void loader_finds_by_id_and_tag(void **state)
{
	const char *path = test_path("tests/fixtures/lint/good");
	struct library lib;
	struct diag_list dl;
	const struct item *it;
	const struct card *c;

	(void)state;
	library_init(&lib);
	diag_list_init(&dl);
	library_load(&lib, &path, 1, NULL, &dl);
	c = library_find_card(&lib, "sd-cap");
	assert_non_null(c);
	assert_string_equal(c->id.s, "sd-cap");
	it = library_find_item(&lib, "sd-cap#c2");
	assert_non_null(it);
	assert_int_equal(it->variant, 2);
	assert_ptr_equal(it->card, c);
	assert_null(library_find_item(&lib, "sd-cap#c4"));
	assert_null(library_find_item(&lib, "sd-cap"));
	assert_null(library_find_card(&lib, "sd-cap#c2"));
	assert_string_equal(library_find_item(&lib, "pm-program#reverse")->key,
			    "pm-program#reverse");
	assert_ptr_equal(library_find_deck(&lib, "good"), &lib.decks[0]);
	assert_ptr_equal(library_find_rubric(&lib, "tpm-sd"), &lib.rubrics[0]);
	assert_ptr_equal(library_find_scenario(&lib, "mock-cache"),
			 &lib.scenarios[0]);
	assert_null(library_find_deck(&lib, "tpm-sd"));
	assert_null(library_find_rubric(&lib, "good"));

	/* A card's own tag, its deck's tag, and neither. */
	it = library_find_item(&lib, "sd-write-through");
	assert_true(item_has_tag(it, "caching"));
	assert_true(item_has_tag(it, "system-design"));
	assert_false(item_has_tag(it, "databases"));
	it = library_find_item(&lib, "sd-cap#c1");
	assert_false(item_has_tag(it, "caching"));
	assert_true(item_has_tag(it, "system-design"));

	assert_string_equal(card_type_name(CARD_TYPED), "typed");
	assert_string_equal(scenario_kind_name(SCENARIO_PROGRAM_EXECUTION),
			    "program-execution");
	diag_list_release(&dl);
	library_release(&lib);
	/* A released library is empty and finds nothing. */
	assert_null(library_find_card(&lib, "sd-cap"));
}

static void loader_stops_at_deep_nesting(void **state)
{
	struct library lib;
	struct buf b;
	char *out;
	int ret;

	(void)state;
	buf_init(&b);
	buf_adds(&b, "deck: deep\ntitle: Deep\ncards:\n");
	for (int i = 0; i < 10000; i++)
		buf_adds(&b, "- ");
	buf_adds(&b, "x\n");
	library_init(&lib);
	out = load_buffer_output(&lib, "deep.yaml", b.s, b.len, &ret);
	/*
	 * "cards:" is level 2, its list starts at column 1, and each "- "
	 * opens one more: level 65 starts at column 2 * 65 - 3.
	 */
	assert_string_equal(out,
		"deep.yaml:4:3: error: expected a mapping in 'cards', found "
		"a list\n"
		"deep.yaml:4:127: error: nesting is too deep (more than 64 "
		"levels); the rest of the file is not read\n");
	assert_int_equal(ret, 0);
	assert_int_equal(lib.n_decks, 0);
	xfree(out);
	library_release(&lib);

	/* Flow style, which costs libyaml most per level. */
	buf_clear(&b);
	for (int i = 0; i < 10000; i++)
		buf_addch(&b, '[');
	for (int i = 0; i < 10000; i++)
		buf_addch(&b, ']');
	library_init(&lib);
	out = load_buffer_output(&lib, "flow.yaml", b.s, b.len, &ret);
	assert_string_equal(out,
		"flow.yaml:1:1: error: expected a mapping with 'deck', "
		"'rubric', 'scenario' or 'stories', found a list\n"
		"flow.yaml:1:65: error: nesting is too deep (more than 64 "
		"levels); the rest of the file is not read\n");
	xfree(out);
	library_release(&lib);
	buf_release(&b);
}

static void loader_refuses_huge_file_unread(void **state)
{
	char dir[] = "/tmp/tpmtrain-test-XXXXXX";
	char path[64], expected[160];
	const char *p = path;
	struct library lib;
	struct diag_list dl;
	int fd;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/huge.yaml", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	/* Sparse: 100 MB that take no disk space and must not be read. */
	assert_int_equal(ftruncate(fd, 100 << 20), 0);
	close(fd);

	library_init(&lib);
	diag_list_init(&dl);
	assert_int_equal(library_load(&lib, &p, 1, NULL, &dl), 0);
	assert_int_equal(dl.items.len, 1);
	snprintf(expected, sizeof(expected), "%s: error: file is too large "
		 "(104857600 bytes; the limit is 16777216)", path);
	{
		char *s = diag_format_text(diag_list_at(&dl, 0), 0);

		assert_string_equal(s, expected);
		xfree(s);
	}
	assert_int_equal(lib.bytes_read, 0);
	assert_int_equal(lib.n_files, 1);
	diag_list_release(&dl);
	library_release(&lib);
	unlink(path);
	rmdir(dir);
}

static void loader_reports_unreadable_paths(void **state)
{
	const char *paths[] = { "/nonexistent/decks", "/dev/null" };
	struct library lib;
	struct diag_list dl;
	char *s;

	(void)state;
	library_init(&lib);
	diag_list_init(&dl);
	assert_int_equal(library_load(&lib, paths, 2, NULL, &dl), TPM_EIO);
	assert_int_equal(dl.items.len, 2);
	s = diag_format_text(diag_list_at(&dl, 0), 0);
	assert_string_equal(s, "/nonexistent/decks: error: cannot open: No "
			    "such file or directory");
	xfree(s);
	s = diag_format_text(diag_list_at(&dl, 1), 0);
	assert_string_equal(s, "/dev/null: error: not a regular file or "
			    "directory");
	xfree(s);
	diag_list_release(&dl);
	library_release(&lib);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/*
 * A directory walk: sorted, recursive, *.yaml and *.yml only, hidden
 * entries skipped, a symlink loop not followed, a file seen twice read
 * once.
 */
static void loader_walks_directories(void **state)
{
	char dir[] = "/tmp/tpmtrain-test-XXXXXX";
	char p[8][128];
	const char *paths[2];
	struct library lib;
	struct diag_list dl;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(p[0], sizeof(p[0]), "%s/sub", dir);
	snprintf(p[1], sizeof(p[1]), "%s/.hidden", dir);
	assert_int_equal(mkdir(p[0], 0700), 0);
	assert_int_equal(mkdir(p[1], 0700), 0);
	snprintf(p[2], sizeof(p[2]), "%s/b.yml", dir);
	write_file(p[2], "deck: b\ntitle: B\ncards:\n- {id: b1, front: q, "
		   "back: a}\n");
	snprintf(p[3], sizeof(p[3]), "%s/sub/a.yaml", dir);
	write_file(p[3], "deck: a\ntitle: A\ncards:\n- {id: a1, front: q, "
		   "back: a}\n");
	snprintf(p[4], sizeof(p[4]), "%s/.hidden/c.yaml", dir);
	write_file(p[4], "not: [valid\n");
	snprintf(p[5], sizeof(p[5]), "%s/notes.md", dir);
	write_file(p[5], "# not YAML\n");
	snprintf(p[6], sizeof(p[6]), "%s/sub/loop", dir);
	assert_int_equal(symlink(dir, p[6]), 0);

	paths[0] = dir;
	paths[1] = p[2];	/* again, by name */
	library_init(&lib);
	diag_list_init(&dl);
	assert_int_equal(library_load(&lib, paths, 2, NULL, &dl), 0);
	assert_int_equal(dl.items.len, 0);
	assert_int_equal(lib.n_files, 2);
	assert_int_equal(lib.n_decks, 2);
	/* "DIR/b.yml" sorts before "DIR/sub/a.yaml". */
	assert_string_equal(lib.decks[0].id.s, "b");
	assert_string_equal(lib.decks[1].id.s, "a");
	assert_string_equal(lib.decks[1].file, p[3]);
	diag_list_release(&dl);
	library_release(&lib);

	unlink(p[6]);
	for (int i = 5; i >= 2; i--)
		unlink(p[i]);
	rmdir(p[1]);
	rmdir(p[0]);
	rmdir(dir);
}

/* library_locate(): every style, characters on later lines included. */
static void loader_locates_inside_values(void **state)
{
	static const char deck[] =
		"deck: styles\n"
		"title: Styles\n"
		"cards:\n"
		"  - id: one\n"
		"    front: plain words\n"
		"      on two lines\n"
		"    back: 'it''s quoted'\n"
		"    tags: [x]\n"
		"  - id: two\n"
		"    front: \"esc \\t\\u00e9 done\"\n"
		"    back: |\n"
		"      first\n"
		"        second\n"
		"\n"
		"      fourth\n"
		"  - id: three\n"
		"    front: >-\n"
		"      folded one\n"
		"      folded two\n"
		"\n"
		"      after blank\n"
		"    back: \"line one \\\n"
		"      joined\"\n";
	struct library lib;
	const struct card *c;
	struct src_pos pos;
	char *out;
	int ret;

	(void)state;
	library_init(&lib);
	out = load_buffer_output(&lib, "s.yaml", deck, sizeof(deck) - 1, &ret);
	assert_string_equal(out, "");
	xfree(out);
	c = &lib.decks[0].cards[0];
	assert_string_equal(c->front.s, "plain words on two lines");
	pos = library_locate(&lib, &c->front, 0);
	assert_pos(pos, "s.yaml", 5, 12);
	pos = library_locate(&lib, &c->front, strlen("plain words on "));
	assert_pos(pos, "s.yaml", 6, 10);
	assert_string_equal(c->back.s, "it's quoted");
	pos = library_locate(&lib, &c->back, strlen("it's "));
	assert_pos(pos, "s.yaml", 7, 18);
	/* The end of a quoted value is its closing quote. */
	pos = library_locate(&lib, &c->back, strlen(c->back.s));
	assert_pos(pos, "s.yaml", 7, 24);

	c = &lib.decks[0].cards[1];
	assert_string_equal(c->front.s, "esc \t\xc3\xa9 done");
	pos = library_locate(&lib, &c->front, strlen("esc \t\xc3\xa9 "));
	assert_pos(pos, "s.yaml", 10, 26);
	assert_string_equal(c->back.s, "first\n  second\n\nfourth\n");
	pos = library_locate(&lib, &c->back, strlen("first\n  "));
	assert_pos(pos, "s.yaml", 13, 9);
	pos = library_locate(&lib, &c->back, strlen("first\n  second\n\n"));
	assert_pos(pos, "s.yaml", 15, 7);

	c = &lib.decks[0].cards[2];
	assert_string_equal(c->front.s, "folded one folded two\nafter blank");
	pos = library_locate(&lib, &c->front, strlen("folded one folded"));
	assert_pos(pos, "s.yaml", 19, 13);
	pos = library_locate(&lib, &c->front, strlen("folded one folded two"
						     "\nafter"));
	assert_pos(pos, "s.yaml", 21, 12);
	assert_string_equal(c->back.s, "line one joined");
	pos = library_locate(&lib, &c->back, strlen("line one j"));
	assert_pos(pos, "s.yaml", 23, 8);
	library_release(&lib);
}

static void loader_parses_cloze(void **state)
{
	const char *text = "A {{c1::cache}} and {{c12::store::noun}}, "
			   "{{c2:bad}} {{c3::x";
	struct cloze_deletion del;
	size_t off = 0;

	(void)state;
	assert_int_equal(cloze_next(text, &off, &del), 1);
	assert_int_equal(del.num, 1);
	assert_int_equal(del.start, 2);
	assert_int_equal(del.end, 15);
	assert_memory_equal(text + del.answer, "cache", del.answer_len);
	assert_int_equal(del.answer_len, 5);
	assert_int_equal(del.hint_len, 0);
	assert_int_equal(off, 15);

	assert_int_equal(cloze_next(text, &off, &del), 1);
	assert_int_equal(del.num, 12);
	assert_int_equal(del.answer_len, 5);
	assert_memory_equal(text + del.answer, "store", 5);
	assert_int_equal(del.hint_len, 4);
	assert_memory_equal(text + del.hint, "noun", 4);

	assert_int_equal(cloze_next(text, &off, &del), 1);
	assert_int_equal(del.num, 0);
	assert_int_equal(del.start, 42);
	assert_int_equal(cloze_next(text, &off, &del), 1);
	assert_int_equal(del.num, 0);
	assert_int_equal(del.start, 53);
	assert_int_equal(cloze_next(text, &off, &del), 0);
	assert_int_equal(off, strlen(text));

	off = 0;
	assert_int_equal(cloze_next("no deletions", &off, &del), 0);
	off = 0;
	cloze_next("{{c99::ok}}", &off, &del);
	assert_int_equal(del.num, 99);
	off = 0;
	cloze_next("{{c0::no}}", &off, &del);
	assert_int_equal(del.num, 0);
}

static void loader_quotes_and_suggests(void **state)
{
	struct suggest sg;
	struct buf b;
	char *s;

	(void)state;
	buf_init(&b);
	quote_add(&b, "a\x1b[31mb\tc\nd\x07\xc2\x85", 14, 40);
	assert_string_equal(b.s, "a\\e[31mb\\tc\\nd\\x07\\u0085");
	buf_clear(&b);
	quote_add(&b, "abcdef", 6, 3);
	assert_string_equal(b.s, "abc...");
	buf_release(&b);
	s = quote_dup("caf\xc3\xa9", 5);
	assert_string_equal(s, "caf\xc3\xa9");
	xfree(s);

	suggest_init(&sg, "fornt");
	suggest_consider(&sg, "back");
	suggest_consider(&sg, "front");
	suggest_consider(&sg, "font");
	assert_string_equal(sg.best, "front");	/* first of equal distance */
	suggest_init(&sg, "Behavioral");
	suggest_consider(&sg, "behavioural");
	assert_string_equal(sg.best, "behavioural");
	suggest_init(&sg, "ix");
	suggest_consider(&sg, "id");
	assert_null(sg.best);
	suggest_init(&sg, "colour");
	suggest_consider(&sg, "cards");
	suggest_consider(&sg, "title");
	assert_null(sg.best);
}

/* Loading twice adds to the library, and lookups see both loads. */
static void loader_loads_buffers_incrementally(void **state)
{
	static const char a[] = "deck: a\ntitle: A\ncards:\n"
				"- {id: x, type: reverse, front: q, back: a}\n";
	static const char b[] = "deck: b\ntitle: B\ncards:\n"
				"- {id: y, type: cloze, text: '{{c2::z}}'}\n";
	struct library lib;
	char *out;
	int ret;

	(void)state;
	library_init(&lib);
	out = load_buffer_output(&lib, "a.yaml", a, sizeof(a) - 1, &ret);
	xfree(out);
	assert_non_null(library_find_item(&lib, "x#reverse"));
	out = load_buffer_output(&lib, "b.yaml", b, sizeof(b) - 1, &ret);
	xfree(out);
	assert_int_equal(lib.n_decks, 2);
	assert_int_equal(lib.n_items, 3);
	assert_ptr_equal(library_find_card(&lib, "x")->deck, &lib.decks[0]);
	assert_ptr_equal(library_find_item(&lib, "y#c2")->card->deck,
			 &lib.decks[1]);
	assert_int_equal(lib.n_files, 2);
	assert_int_equal(lib.bytes_read, sizeof(a) + sizeof(b) - 2);
	library_release(&lib);
}

/*
 * The input is read and checked 64 KiB at a time: a character, or a run of
 * invalid bytes, cut by a chunk's end must read as if it were not.  The
 * same text, from a file and from a buffer.
 */
static void loader_checks_encoding_across_chunks(void **state)
{
	static const char tail[] = " end\ncards:\n"
				   "- {id: a, front: \"q\x01\", back: a}\n";
	char dir[] = "/tmp/tpmtrain-test-XXXXXX";
	char path[64];
	const char *p = path, *desc;
	struct library lib;
	struct diag_list dl;
	struct buf b, want;
	size_t line3, run, n;
	char *out;
	int ret;
	FILE *f;

	(void)state;
	buf_init(&b);
	buf_adds(&b, "deck: x\ntitle: T\n");
	line3 = b.len;
	buf_adds(&b, "description: ");
	/* An e-acute across the first chunk's end. */
	while (b.len < 65535)
		buf_addch(&b, 'a');
	buf_adds(&b, "\xc3\xa9");
	/* Eight invalid bytes across the second chunk's end. */
	while (b.len < 2 * 65536 - 5)
		buf_addch(&b, 'b');
	run = b.len;
	buf_adds(&b, "\xff\xff\xff\xff\xff\xff\xff\xff");
	buf_adds(&b, tail);

	/* Columns count characters: the e-acute is one. */
	buf_init(&want);
	buf_addf(&want, "big.yaml:3:%zu: error: 8 invalid UTF-8 bytes starting "
		 "with 0xff (save the file as UTF-8)\n"
		 "big.yaml:5:20: error: control character U+0001 is not "
		 "allowed\n", run - line3 - 1 + 1);
	library_init(&lib);
	out = load_buffer_output(&lib, "big.yaml", b.s, b.len, &ret);
	assert_string_equal(out, want.s);
	/* The deck was read to its end, with U+FFFD for each bad byte. */
	assert_int_equal(lib.n_decks, 1);
	desc = lib.decks[0].description.s;
	n = strlen(desc);
	assert_true(n > 28);
	assert_memory_equal(desc + n - 28, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf"
			    "\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
			    "\xef\xbf\xbd end", 28);
	assert_non_null(strstr(desc, "a\xc3\xa9" "b"));
	assert_int_equal(lib.bytes_read, b.len);
	xfree(out);
	library_release(&lib);

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/big.yaml", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fwrite(b.s, 1, b.len, f);
	fclose(f);
	library_init(&lib);
	diag_list_init(&dl);
	assert_int_equal(library_load(&lib, &p, 1, NULL, &dl), 0);
	diag_list_sort(&dl);
	assert_int_equal(dl.items.len, 2);
	assert_int_equal(diag_list_at(&dl, 0)->line, 3);
	assert_int_equal(diag_list_at(&dl, 0)->col, run - line3);
	assert_string_equal(diag_list_at(&dl, 0)->msg, "8 invalid UTF-8 bytes "
			    "starting with 0xff (save the file as UTF-8)");
	assert_int_equal(diag_list_at(&dl, 1)->col, 20);
	assert_int_equal(strlen(lib.decks[0].description.s), n);
	diag_list_release(&dl);
	library_release(&lib);
	unlink(path);
	rmdir(dir);
	buf_release(&b);
	buf_release(&want);
}

/*
 * An object with a problem stays out of the library, but what was read of
 * it is kept for lint: its good values, and the valid objects inside it.
 */
static void loader_keeps_rejected_objects_for_lint(void **state)
{
	static const char deck[] =
		"deck: d\n"
		"cards:\n"			/* the deck has no title */
		"  - id: good\n"
		"    front: Q\n"
		"    back: A\n"
		"  - id: typo\n"
		"    type: typed\n"
		"    fornt: Q\n"
		"    back: A\n"
		"    key_points:\n"
		"      - {label: kept, pattern: 'x('}\n"
		"      - {label: no pattern}\n"
		"  - id: bad-type\n"
		"    type: clozed\n"
		"    front: Q\n"
		"    back: A\n";
	static const char cut[] =
		"deck: e\ntitle: E\ncards:\n"
		"  - {id: lost, front: Q}\n"
		"  - {id: x, front: [unclosed\n";
	const struct rejected *r;
	const struct card *c;
	struct library lib;
	size_t n;
	char *out;
	int ret;

	(void)state;
	library_init(&lib);
	r = library_rejected(&lib, &n);
	assert_null(r);
	assert_int_equal(n, 0);
	out = load_buffer_output(&lib, "d.yaml", deck, sizeof(deck) - 1, &ret);
	assert_string_equal(out,
		"d.yaml:1:1: error: missing required key 'title'\n"
		"d.yaml:8:5: error: unknown key 'fornt' (did you mean "
		"'front'?)\n"
		"d.yaml:12:9: error: missing required key 'pattern'\n"
		"d.yaml:14:11: error: unknown card type 'clozed' (did you mean "
		"'cloze'?)\n");
	xfree(out);
	/* The library has none of it. */
	assert_int_equal(lib.n_decks, 0);
	assert_int_equal(lib.n_items, 0);
	assert_null(library_find_card(&lib, "good"));

	/* In the order they ended: the inner ones first. */
	r = library_rejected(&lib, &n);
	assert_int_equal(n, 4);
	assert_int_equal(r[0].kind, REJECTED_KEY_POINT);
	assert_string_equal(r[0].key_point->label.s, "no pattern");
	assert_null(r[0].key_point->pattern.s);
	assert_int_equal(r[1].kind, REJECTED_CARD);
	c = r[1].card;
	assert_string_equal(c->id.s, "typo");
	assert_int_equal(c->type, CARD_TYPED);
	assert_null(c->front.s);
	assert_string_equal(c->back.s, "A");
	assert_int_equal(c->key_points.n, 1);
	assert_string_equal(c->key_points.v[0].pattern.s, "x(");
	assert_pos(c->key_points.v[0].pattern.pos, "d.yaml", 11, 32);
	assert_null(c->deck);
	assert_true(rejected_has_key(&r[1], "key_points"));
	assert_false(rejected_has_key(&r[1], "front"));
	assert_false(rejected_has_key(&r[1], "fornt"));
	/* A bad type is there, but unknown: the default, with no pos. */
	assert_int_equal(r[2].kind, REJECTED_CARD);
	assert_string_equal(r[2].card->id.s, "bad-type");
	assert_true(rejected_has_key(&r[2], "type"));
	assert_int_equal(r[2].card->type_pos.line, 0);
	assert_int_equal(r[3].kind, REJECTED_DECK);
	assert_string_equal(r[3].deck->id.s, "d");
	assert_null(r[3].deck->title.s);
	assert_string_equal(r[3].deck->file, "d.yaml");
	assert_ptr_equal(r[3].deck->file, r[3].file);
	assert_int_equal(r[3].deck->n_cards, 1);
	assert_string_equal(r[3].deck->cards[0].id.s, "good");

	/* A file cut short by a syntax error gives nothing. */
	out = load_buffer_output(&lib, "e.yaml", cut, sizeof(cut) - 1, &ret);
	xfree(out);
	library_rejected(&lib, &n);
	assert_int_equal(n, 4);
	assert_int_equal(lib.n_decks, 0);

	assert_int_equal(library_file_order(&lib, r[3].file), 0);
	assert_int_equal(library_file_order(&lib, "d.yaml"), 2);
	library_release(&lib);
}

/*
 * The user's copy of a shipped deck replaces it (issue 9 item 10): the
 * shipped deck leaves with its items, other shipped decks stay, and the
 * copy's cards are the ones studied, so their ids are no duplicates.
 */
static void loader_user_copy_replaces_the_shipped_deck(void **state)
{
	static const char ship_a[] = "deck: a\ntitle: A\ncards:\n"
				     "  - {id: a1, front: old, back: x}\n"
				     "  - {id: a2, front: gone, back: x}\n";
	static const char ship_b[] = "deck: b\ntitle: B\ncards:\n"
				     "  - {id: b1, front: q, back: x}\n";
	static const char copy_a[] = "deck: a\ntitle: A\ncards:\n"
				     "  - {id: a1, front: new, back: x}\n";
	struct library lib;
	struct diag_list dl;
	struct vec replaced;
	const struct deck_copy *c;

	(void)state;
	library_init(&lib);
	diag_list_init(&dl);
	vec_init(&replaced, sizeof(struct deck_copy));
	library_load_buffer(&lib, "ship/decks/a.yaml", ship_a,
			    sizeof(ship_a) - 1, &dl);
	library_load_buffer(&lib, "ship/decks/b.yaml", ship_b,
			    sizeof(ship_b) - 1, &dl);
	library_load_buffer(&lib, "user/decks/a.yaml", copy_a,
			    sizeof(copy_a) - 1, &dl);
	assert_int_equal(library_prefer_copies(&lib, "ship/decks", &replaced),
			 1);
	assert_int_equal(lib.n_decks, 2);
	assert_string_equal(lib.decks[0].id.s, "b");
	assert_string_equal(lib.decks[1].file, "user/decks/a.yaml");
	assert_int_equal(lib.n_items, 2);
	assert_string_equal(library_find_item(&lib, "a1")->card->front.s,
			    "new");
	assert_null(library_find_item(&lib, "a2"));
	assert_ptr_equal(library_find_item(&lib, "b1")->card->deck,
			 &lib.decks[0]);
	c = vec_at(&replaced, 0);
	assert_string_equal(c->id, "a");
	assert_string_equal(c->shipped, "ship/decks/a.yaml");
	assert_string_equal(c->copy, "user/decks/a.yaml");
	/* Nothing to replace: nothing changes. */
	assert_int_equal(library_prefer_copies(&lib, "ship/decks", &replaced),
			 0);
	vec_release(&replaced);
	diag_list_release(&dl);
	library_release(&lib);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loader_user_copy_replaces_the_shipped_deck),
		cmocka_unit_test(loader_fixtures_report_exact_diagnostics),
		cmocka_unit_test(loader_loads_good_deck),
		cmocka_unit_test(loader_finds_by_id_and_tag),
		cmocka_unit_test(loader_stops_at_deep_nesting),
		cmocka_unit_test(loader_refuses_huge_file_unread),
		cmocka_unit_test(loader_reports_unreadable_paths),
		cmocka_unit_test(loader_walks_directories),
		cmocka_unit_test(loader_locates_inside_values),
		cmocka_unit_test(loader_parses_cloze),
		cmocka_unit_test(loader_quotes_and_suggests),
		cmocka_unit_test(loader_loads_buffers_incrementally),
		cmocka_unit_test(loader_checks_encoding_across_chunks),
		cmocka_unit_test(loader_keeps_rejected_objects_for_lint),
	};

	return cmocka_run_group_tests_name("loader", tests, NULL, NULL);
}
