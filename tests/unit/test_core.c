#include "test_util.h"

#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/keysort.h"
#include "core/lines.h"
#include "core/quote.h"
#include "core/strmap.h"
#include "core/utf8.h"
#include "core/vec.h"
#include "core/xmalloc.h"

static void core_buf_grows_and_detaches(void **state)
{
	struct buf b;
	char *s;
	size_t len;

	(void)state;
	buf_init(&b);
	assert_string_equal(b.s, "");
	for (int i = 0; i < 1000; i++)
		buf_addf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 2000);
	assert_memory_equal(b.s, "0,1,2,", 6);
	s = buf_detach(&b, &len);
	assert_int_equal(len, 2000);
	assert_string_equal(b.s, "");
	xfree(s);
	buf_release(&b);
}

/*
 * The block reader on what buf_read_line() is trusted with: lines across
 * its 64 KiB blocks, a line far past max cut there (the rest dropped, the
 * next line intact), CRLF, and a last line without a newline.
 */
static void core_line_reader_reads_blocks_and_cuts_long_lines(void **state)
{
	FILE *f = tmpfile();
	struct line_reader lr;
	char want[32], *s;
	size_t len;
	int too_long, n;

	(void)state;
	assert_non_null(f);
	for (n = 0; n < 20000; n++)	/* about 200 KiB: several blocks */
		fprintf(f, "card-%d,%d\r\n", n, n * 7);
	for (n = 0; n < 300000; n++)
		putc('x', f);
	fputs("\nafter\n", f);
	for (n = 0; n < 1500; n++)	/* a long line cut in one block */
		putc('y', f);
	fputs("\nlast", f);
	rewind(f);
	line_reader_init(&lr, f, 1000);
	for (n = 0; n < 20000; n++) {
		assert_int_equal(line_reader_next(&lr, &s, &len, &too_long), 1);
		snprintf(want, sizeof(want), "card-%d,%d", n, n * 7);
		assert_string_equal(s, want);
		assert_int_equal(len, strlen(want));
		assert_int_equal(too_long, 0);
	}
	assert_int_equal(line_reader_next(&lr, &s, &len, &too_long), 1);
	assert_int_equal(too_long, 1);
	assert_int_equal(len, 1000);
	assert_int_equal(line_reader_next(&lr, &s, &len, &too_long), 1);
	assert_string_equal(s, "after");
	assert_int_equal(too_long, 0);
	assert_int_equal(line_reader_next(&lr, &s, &len, &too_long), 1);
	assert_int_equal(too_long, 1);
	assert_int_equal(len, 1000);
	assert_int_equal(strlen(s), 1000);
	assert_int_equal(line_reader_next(&lr, &s, &len, &too_long), 1);
	assert_string_equal(s, "last");
	assert_int_equal(line_reader_next(&lr, &s, &len, &too_long), 0);
	line_reader_release(&lr);
	fclose(f);
}

static void core_vec_keeps_elements(void **state)
{
	struct vec v;
	int *p;

	(void)state;
	vec_init(&v, sizeof(int));
	for (int i = 0; i < 100; i++) {
		p = vec_push(&v);
		*p = i * i;
	}
	assert_int_equal(v.len, 100);
	assert_int_equal(*(int *)vec_at(&v, 99), 9801);
	vec_release(&v);
}

/* A reservation keeps what is there, and the pushes it made room for
 * do not move the array. */
static void core_vec_reserve_keeps_and_holds(void **state)
{
	struct vec v;
	void *items;

	(void)state;
	vec_init(&v, sizeof(int));
	*(int *)vec_push(&v) = 7;
	vec_reserve(&v, 1000);
	vec_reserve(&v, 10);	/* never shrinks */
	assert_true(v.cap >= 1000);
	items = v.items;
	for (int i = 1; i < 1000; i++)
		*(int *)vec_push(&v) = i;
	assert_ptr_equal(v.items, items);
	assert_int_equal(*(int *)vec_at(&v, 0), 7);
	assert_int_equal(*(int *)vec_at(&v, 999), 999);
	vec_release(&v);
}

static void core_strmap_inserts_and_gets(void **state)
{
	struct strmap m;
	int a = 1, b = 2;
	void **slot;

	(void)state;
	strmap_init(&m);
	assert_null(strmap_get(&m, "a"));	/* empty: no table yet */
	slot = strmap_insert(&m, "a");
	assert_null(*slot);
	*slot = &a;
	*strmap_insert(&m, "b") = &b;
	assert_int_equal(m.len, 2);
	assert_ptr_equal(strmap_get(&m, "a"), &a);
	assert_ptr_equal(strmap_get(&m, "b"), &b);
	assert_null(strmap_get(&m, "c"));
	assert_null(strmap_get(&m, "ab"));
	strmap_release(&m);
	assert_null(m.slots);
	assert_int_equal(m.len, 0);
}

static void core_strmap_keeps_the_first_of_duplicates(void **state)
{
	struct strmap m;
	char again[] = "deck";
	int first = 1, second = 2;
	void **slot;

	(void)state;
	strmap_init(&m);
	*strmap_insert(&m, "deck") = &first;
	/* An equal string at another address is the same key. */
	slot = strmap_insert(&m, again);
	assert_ptr_equal(*slot, &first);
	if (!*slot)
		*slot = &second;
	assert_int_equal(m.len, 1);
	assert_ptr_equal(strmap_get(&m, "deck"), &first);
	strmap_release(&m);
}

static void core_strmap_takes_the_empty_key(void **state)
{
	struct strmap m;
	int v = 7;

	(void)state;
	strmap_init(&m);
	*strmap_insert(&m, "x") = &v;
	assert_null(strmap_get(&m, ""));
	*strmap_insert(&m, "") = &v;
	assert_ptr_equal(strmap_get(&m, ""), &v);
	assert_int_equal(m.len, 2);
	strmap_release(&m);
}

static void core_strmap_grows_over_many_keys(void **state)
{
	enum { N = 20000 };
	char (*keys)[24] = xcalloc(N, sizeof(*keys));
	struct strmap m;
	char miss[24];

	(void)state;
	strmap_init(&m);
	for (int i = 0; i < N; i++) {
		snprintf(keys[i], sizeof(keys[i]), "card-%d", i);
		*strmap_insert(&m, keys[i]) = keys[i];
		/* Doubling keeps it a power of two and at most half full. */
		assert_int_equal(m.cap & (m.cap - 1), 0);
		assert_true(m.len * 2 <= m.cap);
	}
	assert_int_equal(m.len, N);
	assert_int_equal(m.cap, 65536);
	for (int i = 0; i < N; i++) {
		assert_ptr_equal(strmap_get(&m, keys[i]), keys[i]);
		snprintf(miss, sizeof(miss), "card-%d", N + i);
		assert_null(strmap_get(&m, miss));
	}
	strmap_release(&m);
	xfree(keys);
}

static void core_strmap_reserve_avoids_growth(void **state)
{
	char keys[129][16];
	struct strmap_entry *slots;
	struct strmap m;

	(void)state;
	strmap_init(&m);
	strmap_reserve(&m, 100);
	assert_int_equal(m.cap, 256);
	slots = m.slots;
	/* 256 slots, the first power of two at least twice 100, hold 128. */
	for (int i = 0; i < 128; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%d", i);
		*strmap_insert(&m, keys[i]) = keys[i];
	}
	assert_ptr_equal(m.slots, slots);
	assert_int_equal(m.cap, 256);
	/* A key already there takes no room. */
	assert_ptr_equal(*strmap_insert(&m, "k0"), keys[0]);
	assert_int_equal(m.cap, 256);
	/* One more and the table doubles, keeping every key. */
	snprintf(keys[128], sizeof(keys[128]), "k128");
	*strmap_insert(&m, keys[128]) = keys[128];
	assert_int_equal(m.cap, 512);
	assert_int_equal(m.len, 129);
	for (int i = 0; i < 129; i++)
		assert_ptr_equal(strmap_get(&m, keys[i]), keys[i]);
	strmap_release(&m);
}

static void core_arena_aligns_and_holds_large(void **state)
{
	struct arena a;
	char *small, *big;
	double *d;

	(void)state;
	arena_init(&a);
	small = arena_strdup(&a, "abc");
	d = arena_alloc(&a, sizeof(*d));
	assert_int_equal((uintptr_t)d % _Alignof(double), 0);
	*d = 1.5;
	big = arena_alloc(&a, 1 << 20);
	memset(big, 'x', 1 << 20);
	assert_string_equal(small, "abc");
	assert_true(*d == 1.5);
	/* The head block keeps serving small allocations after a big one. */
	assert_string_equal(arena_strdup(&a, "def"), "def");
	arena_release(&a);
}

/*
 * A reservation serves what follows from one block, zeroed where calloc
 * asks, whether it is small or huge; a hint too big to map is ignored.
 */
static void core_arena_reserve_serves_from_one_block(void **state)
{
	static const size_t sizes[] = { 100000, (size_t)6 << 20 };

	(void)state;
	for (size_t k = 0; k < 2; k++) {
		struct arena a;
		char *first, *p = NULL;

		arena_init(&a);
		arena_strdup(&a, "before");
		arena_reserve(&a, sizes[k]);
		first = arena_calloc(&a, 1, 64);
		for (size_t used = 64; used + 4096 <= sizes[k]; used += 4096) {
			p = arena_calloc(&a, 1, 4096);
			assert_ptr_equal(p, first + used);
			assert_true(p[0] == 0 && p[4095] == 0);
			memset(p, 'x', 4096);
		}
		assert_non_null(p);
		arena_release(&a);
	}
	{
		struct arena a;

		arena_init(&a);
		arena_reserve(&a, SIZE_MAX / 4);
		assert_string_equal(arena_strdup(&a, "still"), "still");
		arena_release(&a);
	}
}

static void core_diag_sorts_and_formats(void **state)
{
	struct diag_list dl;
	struct src_pos p1 = { "b.yaml", 3, 1 }, p2 = { "a.yaml", 9, 4 };
	char *s;

	(void)state;
	diag_list_init(&dl);
	diag_add(&dl, DIAG_ERROR, p1, "unknown key '%s'", "fornt");
	diag_add(&dl, DIAG_WARNING, p2, "control character U+%04X", 0x1b);
	diag_list_sort(&dl);
	assert_int_equal(dl.errors, 1);
	assert_int_equal(dl.warnings, 1);
	s = diag_format_text(diag_list_at(&dl, 0), 0);
	assert_string_equal(s, "a.yaml:9:4: warning: control character U+001B");
	xfree(s);
	s = diag_format_text(diag_list_at(&dl, 0), 1);
	assert_string_equal(s, "a.yaml:9:4: error: control character U+001B");
	xfree(s);
	s = diag_format_text(diag_list_at(&dl, 1), 0);
	assert_string_equal(s, "b.yaml:3:1: error: unknown key 'fornt'");
	xfree(s);
	diag_list_release(&dl);
}

static void core_utf8_rejects_malformed(void **state)
{
	uint32_t cp;
	size_t bad;

	(void)state;
	assert_int_equal(utf8_decode("\xc3\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xe9);
	assert_int_equal(utf8_decode("\xc0\xaf", 2, &cp), 0); /* overlong */
	assert_int_equal(utf8_decode("\xed\xa0\x80", 3, &cp), 0); /* surrogate */
	assert_int_equal(utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0);
	assert_int_equal(utf8_decode("\xe2\x82", 2, &cp), 0); /* truncated */
	assert_false(utf8_valid("ok \xff", 4, &bad));
	assert_int_equal(bad, 3);
	assert_true(utf8_is_control(0x1b));
	assert_true(utf8_is_control(0x85));
	assert_false(utf8_is_control('\n'));
}

static void core_time_parses_and_formats_iso(void **state)
{
	int64_t ms;
	char out[TIME_ISO_MAX];

	(void)state;
	assert_int_equal(time_parse_iso("2026-11-23T09:30:00Z", &ms), 0);
	assert_int_equal(ms, 1795426200000LL);
	time_format_iso(ms, out);
	assert_string_equal(out, "2026-11-23T09:30:00Z");
	assert_int_equal(time_parse_iso("1970-01-01", &ms), 0);
	assert_int_equal(ms, 0);
	assert_int_equal(time_parse_iso("2024-02-29T00:00:00.250Z", &ms), 0);
	assert_int_equal(ms % 1000, 250);
	assert_int_equal(time_parse_iso("2025-02-29", &ms), TPM_EFORMAT);
	assert_int_equal(time_parse_iso("2025-13-01", &ms), TPM_EFORMAT);
	assert_int_equal(time_parse_iso("2025-01-01T25:00Z", &ms), TPM_EFORMAT);
	assert_int_equal(time_parse_iso("2025-01-01x", &ms), TPM_EFORMAT);
	time_format_iso(-1000, out);
	assert_string_equal(out, "1969-12-31T23:59:59Z");
	/* Past the year 9999, and before 0: whole, in the expanded form. */
	time_format_iso(INT64_C(8640000000000000), out);
	assert_string_equal(out, "+275760-09-13T00:00:00Z");
	time_format_iso(INT64_C(-62198755200000), out);
	assert_string_equal(out, "-000001-01-01T00:00:00Z");
	time_format_iso(INT64_C(-62167219200000), out);
	assert_string_equal(out, "0000-01-01T00:00:00Z");
}

static void core_fake_clock_is_what_tests_set(void **state)
{
	struct clock_fake f = { .utc_ms = 5000, .mono_ms = 20,
				.tz_offset_s = 3600 };
	struct clock c;

	(void)state;
	clock_init_fake(&c, &f);
	assert_int_equal(clock_mono_ms(&c), 20);
	assert_int_equal(clock_utc_ms(&c), 5020);
	f.mono_ms += 1000;
	assert_int_equal(clock_utc_ms(&c), 6020);
	assert_int_equal(clock_tz_offset_s(&c, 0), 3600);
}

/*
 * TPMTRAIN_CLOCK_SCALE: a scaled clock runs at least scale times as fast as
 * the time slept (a lower bound, so no race can fail it), and from the
 * instant TPMTRAIN_NOW gave.
 */
static void core_scaled_clock_runs_faster(void **state)
{
	struct clock_fake f;
	struct clock c;
	int64_t m0, u0;

	(void)state;
	assert_int_equal(clock_init_frozen_start(&c, &f, "2026-11-23T09:00:00Z"),
			 0);
	assert_int_equal(clock_set_scale(&c, &f, "-1"), TPM_EFORMAT);
	assert_int_equal(clock_set_scale(&c, &f, "60s"), TPM_EFORMAT);
	assert_int_equal(clock_set_scale(&c, &f, "3601"), TPM_EFORMAT);
	assert_int_equal(clock_set_scale(&c, &f, "600"), 0);
	m0 = clock_mono_ms(&c);
	u0 = clock_utc_ms(&c);
	assert_true(u0 >= 1795424400000LL && u0 < 1795424400000LL + 60000);
	usleep(20 * 1000);
	assert_true(clock_mono_ms(&c) - m0 >= 20 * 600);
	assert_true(clock_utc_ms(&c) - u0 >= 20 * 600);
	/* 0: time stands still where it was. */
	assert_int_equal(clock_set_scale(&c, &f, "0"), 0);
	m0 = clock_mono_ms(&c);
	u0 = clock_utc_ms(&c);
	usleep(5 * 1000);
	assert_int_equal(clock_mono_ms(&c), m0);
	assert_int_equal(clock_utc_ms(&c), u0);
}

/*
 * TPMTRAIN_NOW alone: the wall clock stands (the fuzz seed with it), the
 * monotonic clock runs.
 */
static void core_now_clock_stands_while_timers_run(void **state)
{
	struct clock_fake f;
	struct clock c;
	int64_t m0;

	(void)state;
	assert_int_equal(clock_init_frozen_start(&c, &f, "2026-11-23T09:00:00Z"),
			 0);
	assert_int_equal(clock_utc_ms(&c), 1795424400000);
	m0 = clock_mono_ms(&c);
	while (clock_mono_ms(&c) == m0)
		;
	assert_int_equal(clock_utc_ms(&c), 1795424400000);
	assert_int_equal(clock_init_frozen_start(&c, &f, "1795424400"), 0);
	assert_int_equal(clock_utc_ms(&c), 1795424400000);
	assert_int_equal(clock_init_frozen_start(&c, &f, "noon"), TPM_EFORMAT);
}

/* Every code point and every lone byte: what quote_add() lets through is
 * printable and no control, and what it escapes is plain ASCII. */
static int quote_is_escaped(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	       cp == 0x61c || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

static void core_quote_escapes_every_control_and_bad_byte(void **state)
{
	struct buf b;
	char in[4];
	uint32_t cp;
	int c;

	(void)state;
	buf_init(&b);
	for (cp = 0; cp <= 0x10ffff; cp++) {
		size_t n, i;

		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		n = utf8_encode(cp, in);
		buf_clear(&b);
		quote_add(&b, in, n, 8);
		if (!quote_is_escaped(cp)) {
			assert_int_equal(b.len, n);
			assert_memory_equal(b.s, in, n);
			continue;
		}
		assert_true(b.len >= 2 && b.s[0] == '\\');
		for (i = 0; i < b.len; i++)
			assert_true(b.s[i] > 0x20 && b.s[i] < 0x7f);
	}
	for (c = 0x80; c <= 0xff; c++) {
		char one = (char)c, want[5];

		buf_clear(&b);
		quote_add(&b, &one, 1, 8);
		snprintf(want, sizeof want, "\\x%02x", c);
		assert_int_equal(b.len, 4);
		assert_memory_equal(b.s, want, 4);
	}
	/* A surrogate and an overlong form are bytes, not characters. */
	buf_clear(&b);
	quote_add(&b, "\xed\xa0\x80\xc0\xaf", 5, 20);
	assert_memory_equal(b.s, "\\xed\\xa0\\x80\\xc0\\xaf", b.len);
	assert_int_equal(b.len, 20);
	buf_release(&b);
}

/*
 * Keys sharing prefixes of every length around the 8-byte heads, in runs
 * long enough for a second level.
 */
static void core_keysort_orders_as_strcmp(void **state)
{
	static const char *const parts[] = { "", "a", "ab", "abcdefg",
					     "abcdefgh", "abcdefghi", "\xc3\xa9",
					     "z", "#reverse-of-it" };
	enum { N = 2000 };
	char (*keys)[40] = test_malloc(N * sizeof(*keys));
	const char **ptrs = test_malloc(N * sizeof(*ptrs));
	struct key_ref *v = test_malloc(N * sizeof(*v));
	struct key_ref *scratch = test_malloc(N * sizeof(*v));
	struct key_table t = { (const char *const *)(void *)&ptrs[0],
			       sizeof(ptrs[0]) };
	unsigned seed = 7;

	(void)state;
	for (uint32_t i = 0; i < N; i++) {
		keys[i][0] = '\0';
		for (int k = 0; k < 3; k++) {
			seed = seed * 1103515245u + 12345u;
			strcat(keys[i], parts[(seed >> 16) % 9]);
		}
		ptrs[i] = keys[i];
	}
	key_refs_fill(v, N, &t);
	keysort(v, N, scratch, &t);
	for (size_t i = 1; i < N; i++) {
		const char *a = keys[v[i - 1].i], *b = keys[v[i].i];
		int c = strcmp(a, b);

		/* Sorted, stably, with the heads of the whole keys kept. */
		assert_true(c < 0 || (c == 0 && v[i - 1].i < v[i].i));
		assert_true(v[i].head == key_head(b));
		assert_int_equal(key_cmp(v[i - 1].head, a, v[i].head, b) < 0,
				 c < 0);
		assert_int_equal(key_cmp(v[i].head, b, v[i - 1].head, a) > 0,
				 c < 0);
	}
	test_free(scratch);
	test_free(v);
	test_free(ptrs);
	test_free(keys);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(core_buf_grows_and_detaches),
		cmocka_unit_test(core_vec_keeps_elements),
		cmocka_unit_test(core_vec_reserve_keeps_and_holds),
		cmocka_unit_test(core_line_reader_reads_blocks_and_cuts_long_lines),
		cmocka_unit_test(core_keysort_orders_as_strcmp),
		cmocka_unit_test(core_strmap_inserts_and_gets),
		cmocka_unit_test(core_strmap_keeps_the_first_of_duplicates),
		cmocka_unit_test(core_strmap_takes_the_empty_key),
		cmocka_unit_test(core_strmap_grows_over_many_keys),
		cmocka_unit_test(core_strmap_reserve_avoids_growth),
		cmocka_unit_test(core_arena_aligns_and_holds_large),
		cmocka_unit_test(core_arena_reserve_serves_from_one_block),
		cmocka_unit_test(core_diag_sorts_and_formats),
		cmocka_unit_test(core_utf8_rejects_malformed),
		cmocka_unit_test(core_time_parses_and_formats_iso),
		cmocka_unit_test(core_fake_clock_is_what_tests_set),
		cmocka_unit_test(core_scaled_clock_runs_faster),
		cmocka_unit_test(core_now_clock_stands_while_timers_run),
		cmocka_unit_test(core_quote_escapes_every_control_and_bad_byte),
	};

	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
