/*
 * The walker: libyaml's events, read through the schema tables of
 * loader_schema.c into the library (see loader_int.h for the design).
 */
#include "loader/loader.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "core/arena.h"
#include "core/quote.h"
#include "core/xmalloc.h"
#include "loader/loader_int.h"

static struct src_pos mark_pos(const struct loader *ld, yaml_mark_t m)
{
	struct src_pos pos = { ld->file, (unsigned)m.line + 1,
			       (unsigned)m.column + 1 };

	return pos;
}

static int is_start(const yaml_event_t *ev)
{
	return ev->type == YAML_SEQUENCE_START_EVENT ||
	       ev->type == YAML_MAPPING_START_EVENT;
}

static int is_end(const yaml_event_t *ev)
{
	return ev->type == YAML_SEQUENCE_END_EVENT ||
	       ev->type == YAML_MAPPING_END_EVENT;
}

static int is_node(const yaml_event_t *ev)
{
	return is_start(ev) || ev->type == YAML_SCALAR_EVENT ||
	       ev->type == YAML_ALIAS_EVENT;
}

static const char *scalar(const yaml_event_t *ev)
{
	return (const char *)ev->data.scalar.value;
}

/* An empty plain scalar, ~ or null: YAML's null, a value left out. */
static int is_null(const yaml_event_t *ev)
{
	const char *v = scalar(ev);

	if (ev->type != YAML_SCALAR_EVENT ||
	    ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	switch (ev->data.scalar.length) {
	case 0:
		return 1;
	case 1:
		return v[0] == '~';
	case 4:
		return !strcmp(v, "null") || !strcmp(v, "Null") ||
		       !strcmp(v, "NULL");
	default:
		return 0;
	}
}

static uint32_t field_bit(const struct schema *s, const struct field *f)
{
	return 1u << (f - s->fields);
}

/* What a node is, for "found ...": a list, a mapping, or 'its text'. */
static char *found(const yaml_event_t *ev)
{
	struct buf b;

	buf_init(&b);
	if (ev->type == YAML_SEQUENCE_START_EVENT) {
		buf_adds(&b, "a list");
	} else if (ev->type == YAML_MAPPING_START_EVENT) {
		buf_adds(&b, "a mapping");
	} else if (is_null(ev)) {
		buf_adds(&b, "nothing");
	} else {
		buf_addch(&b, '\'');
		quote_add(&b, scalar(ev), ev->data.scalar.length, 30);
		buf_addch(&b, '\'');
	}
	return buf_detach(&b, NULL);
}

/*
 * Reports what decks may not use: aliases (no expansion ever happens, so
 * an alias bomb costs nothing), anchors and tags.  Returns 0 if the node
 * is usable, -1 if it is to be skipped.
 */
static int node_ok(struct loader *ld, const yaml_event_t *ev)
{
	const yaml_char_t *anchor = NULL, *tag = NULL;
	struct src_pos pos = mark_pos(ld, ev->start_mark);
	char *q;

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		q = quote_dup((const char *)ev->data.alias.anchor,
				     strlen((const char *)ev->data.alias.anchor));
		loader_diag(ld, DIAG_ERROR, pos, "YAML aliases are not allowed "
			    "('*%s')", q);
		xfree(q);
		return -1;
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
		break;
	default:
		return 0;
	}
	if (anchor) {
		q = quote_dup((const char *)anchor,
				     strlen((const char *)anchor));
		loader_diag(ld, DIAG_ERROR, pos, "YAML anchors are not allowed "
			    "('&%s')", q);
		xfree(q);
	}
	if (tag) {
		static const char std[] = "tag:yaml.org,2002:";
		const char *t = (const char *)tag;
		int short_form = !strncmp(t, std, sizeof(std) - 1);

		if (short_form)
			t += sizeof(std) - 1;
		q = quote_dup(t, strlen(t));
		loader_diag(ld, DIAG_ERROR, pos, "YAML tags are not allowed "
			    "('%s%s')", short_form ? "!!" : "", q);
		xfree(q);
	}
	return anchor || tag ? -1 : 0;
}

/* Skips the node ev starts: a collection's events, up to its end. */
static void skip_node(struct loader *ld, const yaml_event_t *ev)
{
	if (is_start(ev))
		ld->skip = 1;
}

static struct frame *push_frame(struct loader *ld, enum frame_type type,
				struct src_pos pos)
{
	struct frame *fr;

	/* The schemas nest six frames deep at most; deeper is skipped. */
	assert(ld->top + 1 < LOADER_FRAMES);
	fr = &ld->frames[++ld->top];
	memset(fr, 0, sizeof(*fr));
	fr->type = type;
	fr->pos = pos;
	return fr;
}

static void *scratch_push(struct scratch *sc, size_t size)
{
	void *p;

	if (sc->cap - sc->len < size) {
		size_t cap = sc->cap ? sc->cap : 16 * size;

		while (cap - sc->len < size)
			cap *= 2;
		sc->data = xrealloc(sc->data, cap);
		sc->cap = cap;
	}
	p = sc->data + sc->len;
	sc->len += size;
	memset(p, 0, size);
	return p;
}

/* Makes fr read obj through schema s. */
static void start_object(struct frame *fr, const struct schema *s, void *obj)
{
	fr->type = FR_OBJ;
	fr->schema = s;
	fr->obj = obj;
	if (s->pos_off != NO_OFF)
		memcpy((char *)obj + s->pos_off, &fr->pos, sizeof(fr->pos));
}

/* What a key's value should be, for "expected ...". */
static const char *expected(enum field_kind kind)
{
	switch (kind) {
	case FK_MINUTES:
		return "a positive integer";
	case FK_WEIGHT:
		return "a positive number";
	case FK_PERCENT:
		return "a number from 0 to 100";
	case FK_TEXT_LIST:
	case FK_TAG_LIST:
	case FK_OBJ_LIST:
		return "a list";
	default:
		return "a string";
	}
}

/* The advice for text that YAML read as a key and its value. */
static const char colon_hint[] = "quote a value that contains ': '";

static void type_error(struct loader *ld, const struct field *f,
		       const yaml_event_t *ev, int item)
{
	struct src_pos pos = mark_pos(ld, ev->start_mark);
	const char *want = expected(f->kind);
	char *what = found(ev);
	int colon;

	if (item)
		want = f->kind == FK_OBJ_LIST ? "a mapping" : "a string";
	/*
	 * Where text was expected, a block mapping is nearly always text
	 * with ": " in it, as in "- Who pays: the bank" (a flow mapping's
	 * braces are written on purpose).
	 */
	colon = !strcmp(want, "a string") &&
		ev->type == YAML_MAPPING_START_EVENT &&
		ev->data.mapping_start.style == YAML_BLOCK_MAPPING_STYLE;
	loader_diag(ld, DIAG_ERROR, pos, "expected %s %s '%s', found %s%s%s%s",
		    want, item ? "in" : "for", f->name, what,
		    colon ? " (" : "", colon ? colon_hint : "",
		    colon ? ")" : "");
	xfree(what);
}

/*
 * Checks a string value or list item: no NUL (a "\0" escape), not blank,
 * and for ids and tags, their syntax.  Returns 0 or -1 (reported).
 */
static int check_text(struct loader *ld, const struct field *f,
		      const yaml_event_t *ev, int item)
{
	const char *v = scalar(ev);
	size_t len = ev->data.scalar.length, i;
	struct src_pos pos = mark_pos(ld, ev->start_mark);
	const char *nul = memchr(v, '\0', len);
	enum field_kind kind = f->kind == FK_TAG_LIST ? FK_ID : f->kind;
	char *q;

	if (nul) {
		source_locate(loader_text(ld), pos, v, len, (size_t)(nul - v),
			      &pos);
		loader_diag(ld, DIAG_ERROR, pos, "NUL character in '%s'",
			    f->name);
		return -1;
	}
	for (i = 0; i < len; i++)
		if (v[i] != ' ' && v[i] != '\t' && v[i] != '\n')
			break;
	if (i == len) {
		loader_diag(ld, DIAG_ERROR, pos, "empty %s '%s'",
			    item ? "item in" : "value for", f->name);
		return -1;
	}
	if ((kind == FK_ID || kind == FK_CARD_ID) &&
	    !loader_id_valid(kind, v, len)) {
		q = quote_dup(v, len);
		if (f->kind == FK_TAG_LIST)
			loader_diag(ld, DIAG_ERROR, pos, "invalid tag '%s' (use "
				    "a-z, 0-9 and '-', starting with a letter "
				    "or digit)", q);
		else if (kind == FK_CARD_ID)
			loader_diag(ld, DIAG_ERROR, pos, "invalid card id '%s' "
				    "(use a-z, 0-9, '.', '_' and '-', starting "
				    "with a letter or digit)", q);
		else
			loader_diag(ld, DIAG_ERROR, pos, "invalid id '%s' (use "
				    "a-z, 0-9 and '-', starting with a letter "
				    "or digit)", q);
		xfree(q);
		return -1;
	}
	return 0;
}

static int enum_value(struct loader *ld, const struct field *f,
		      const yaml_event_t *ev, char *obj)
{
	const struct enum_names *en = f->names;
	const char *v = scalar(ev);
	struct src_pos pos = mark_pos(ld, ev->start_mark);
	struct suggest sg;
	struct buf expected;
	char *q;

	for (unsigned i = 0; i < en->n; i++) {
		if (!strcmp(v, en->names[i]) &&
		    strlen(v) == ev->data.scalar.length) {
			int value = (int)i;

			memcpy(obj + f->off, &value, sizeof(value));
			memcpy(obj + f->pos_off, &pos, sizeof(pos));
			return 0;
		}
	}
	suggest_init(&sg, v);
	buf_init(&expected);
	for (unsigned i = 0; i < en->n; i++) {
		suggest_consider(&sg, en->names[i]);
		buf_addf(&expected, "%s%s", i == 0 ? "" : i + 1 == en->n ?
			 " or " : ", ", en->names[i]);
	}
	q = quote_dup(v, ev->data.scalar.length);
	if (sg.best)
		loader_diag(ld, DIAG_ERROR, pos, "unknown %s '%s' (did you "
			    "mean '%s'?)", en->what, q, sg.best);
	else
		loader_diag(ld, DIAG_ERROR, pos, "unknown %s '%s' (expected "
			    "%s)", en->what, q, expected.s);
	xfree(q);
	buf_release(&expected);
	return -1;
}

/* Digits, an optional fraction and exponent: a YAML number, unsigned. */
static int number_syntax(const char *s, int integer)
{
	size_t digits = 0;

	while (*s >= '0' && *s <= '9') {
		s++;
		digits++;
	}
	if (integer)
		return digits && !*s;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	if (!digits)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return !*s;
}

/*
 * FK_MINUTES and FK_WEIGHT: a plain scalar, positive and not too big;
 * FK_PERCENT: from 0 to 100.
 */
static int number_value(struct loader *ld, const struct field *f,
			const yaml_event_t *ev, char *obj)
{
	const char *v = scalar(ev);
	int integer = f->kind == FK_MINUTES;
	int percent = f->kind == FK_PERCENT;
	double max = integer ? LOADER_MAX_MINUTES
		     : percent ? 100 : LOADER_MAX_WEIGHT;
	struct src_pos pos = mark_pos(ld, ev->start_mark);
	double d = -1;
	char *q;

	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
		loader_diag(ld, DIAG_ERROR, pos, "expected %s for '%s', found "
			    "a quoted string", expected(f->kind), f->name);
		return -1;
	}
	if (number_syntax(v, integer) &&
	    strlen(v) == ev->data.scalar.length)
		d = strtod(v, NULL);
	q = quote_dup(v, ev->data.scalar.length);
	if (!(d > 0) && !(percent && d == 0)) {
		loader_diag(ld, DIAG_ERROR, pos, "expected %s for '%s', found "
			    "'%s'", expected(f->kind), f->name, q);
		xfree(q);
		return -1;
	}
	if (d > max && percent) {
		loader_diag(ld, DIAG_ERROR, pos, "expected %s for '%s', found "
			    "'%s'", expected(f->kind), f->name, q);
		xfree(q);
		return -1;
	}
	if (d > max) {
		loader_diag(ld, DIAG_ERROR, pos, "'%s' is too large (%s; the "
			    "limit is %g)", f->name, q, max);
		xfree(q);
		return -1;
	}
	xfree(q);
	if (integer) {
		int m = (int)d;

		memcpy(obj + f->off, &m, sizeof(m));
	} else {
		memcpy(obj + f->off, &d, sizeof(d));
	}
	memcpy(obj + f->pos_off, &pos, sizeof(pos));
	return 0;
}

/* A scalar for a scalar key.  Returns 0 or -1 (reported). */
static int scalar_value(struct loader *ld, struct frame *fr,
			const struct field *f, const yaml_event_t *ev)
{
	char *obj = fr->obj;
	struct lstr l;

	switch (f->kind) {
	case FK_ENUM:
		return enum_value(ld, f, ev, obj);
	case FK_MINUTES:
	case FK_WEIGHT:
	case FK_PERCENT:
		return number_value(ld, f, ev, obj);
	default:
		break;
	}
	if (check_text(ld, f, ev, 0) < 0)
		return -1;
	l.s = arena_strndup(&ld->lib->arena, scalar(ev),
			    ev->data.scalar.length);
	l.pos = mark_pos(ld, ev->start_mark);
	memcpy(obj + f->off, &l, sizeof(l));
	return 0;
}

static void value_event(struct loader *ld, struct frame *fr,
			const struct field *f, const yaml_event_t *ev)
{
	int list = f->kind == FK_TEXT_LIST || f->kind == FK_TAG_LIST ||
		   f->kind == FK_OBJ_LIST;

	if (is_null(ev)) {
		loader_diag(ld, DIAG_ERROR, fr->key_pos, "missing value for "
			    "'%s'", f->name);
		fr->bad = 1;
		return;
	}
	if (list && ev->type == YAML_SEQUENCE_START_EVENT) {
		struct frame *lf = push_frame(ld, FR_LIST,
					      mark_pos(ld, ev->start_mark));

		lf->field = f;
		ld->scratch[ld->top].len = 0;
		return;
	}
	if (!list && ev->type == YAML_SCALAR_EVENT) {
		if (scalar_value(ld, fr, f, ev) == 0)
			fr->valid |= field_bit(fr->schema, f);
		else
			fr->bad = 1;
		return;
	}
	type_error(ld, f, ev, 0);
	fr->bad = 1;
	skip_node(ld, ev);
}

/* Whether key (len bytes, perhaps with a NUL inside) is name. */
static int key_is(const char *name, const char *key, size_t len)
{
	return name[0] == key[0] && strlen(name) == len &&
	       !memcmp(name, key, len);
}

static int find_field(const struct schema *s, const char *key, size_t len)
{
	for (unsigned i = 0; i < s->n_fields; i++)
		if (key_is(s->fields[i].name, key, len))
			return (int)i;
	return -1;
}

static void key_event(struct loader *ld, struct frame *fr,
		      const yaml_event_t *ev, int ok)
{
	const struct schema *s = fr->schema;
	struct src_pos pos = mark_pos(ld, ev->start_mark);
	const char *key;
	size_t len;
	int i;
	char *q;

	fr->want_value = 1;
	fr->field = NULL;
	if (!ok) {
		skip_node(ld, ev);
		return;
	}
	if (ev->type != YAML_SCALAR_EVENT) {
		q = found(ev);
		loader_diag(ld, DIAG_ERROR, pos, "expected a string as a key, "
			    "found %s", q);
		xfree(q);
		skip_node(ld, ev);
		return;
	}
	key = scalar(ev);
	len = ev->data.scalar.length;
	i = find_field(s, key, len);
	if (i >= 0 && !(fr->present & (1u << i))) {
		fr->present |= 1u << i;
		fr->key_line[i] = pos.line;
		fr->key_pos = pos;
		fr->field = &s->fields[i];
		return;
	}
	q = quote_dup(key, len);
	if (i >= 0) {
		loader_diag(ld, DIAG_ERROR, pos, "duplicate key '%s' (first at "
			    "line %u)", q, fr->key_line[i]);
	} else {
		struct suggest sg;

		/* Not a key the mapping has: that would be a duplicate. */
		suggest_init(&sg, key);
		for (unsigned k = 0; k < s->n_fields; k++)
			if (!(fr->present & (1u << k)))
				suggest_consider(&sg, s->fields[k].name);
		if (sg.best) {
			fr->suggested |= 1u << (find_field(s, sg.best,
						strlen(sg.best)));
			loader_diag(ld, DIAG_ERROR, pos, "unknown key '%s' (did "
				    "you mean '%s'?)", q, sg.best);
		} else {
			loader_diag(ld, DIAG_ERROR, pos, "unknown key '%s'", q);
		}
	}
	xfree(q);
}

/* Required keys that are missing.  Returns 0, or -1 if one is. */
static int check_required(struct loader *ld, struct frame *fr)
{
	const struct schema *s = fr->schema;
	int ret = 0;

	for (unsigned i = 0; i < s->n_fields; i++) {
		uint32_t bit = 1u << i;

		if (!(s->fields[i].flags & FL_REQUIRED) || (fr->valid & bit))
			continue;
		/* A bad value, or a typo with a suggestion, was reported. */
		if (!(fr->present & bit) && !(fr->suggested & bit))
			loader_diag(ld, DIAG_ERROR, fr->pos, "missing required "
				    "key '%s'", s->fields[i].name);
		ret = -1;
	}
	return ret;
}

/*
 * Keeps what was read of an object left out of the library, for lint
 * (loader_rejected.h).  Its strings and lists are in the arena or the
 * library's blocks already; the object itself is in a scratch buffer or
 * ld->doc, both reused, so it is copied.
 */
static void reject(struct loader *ld, const struct frame *fr)
{
	struct rejected *r = vec_push(&ld->st->rejected);

	r->kind = fr->schema->kind;
	r->obj = arena_memdup(&ld->lib->arena, fr->obj, fr->schema->size);
	r->file = ld->file;
	r->schema = fr->schema;
	r->present = fr->present;
}

int rejected_has_key(const struct rejected *r, const char *key)
{
	int i = find_field(r->schema, key, strlen(key));

	return i >= 0 && (r->present & (1u << i));
}

static void object_end(struct loader *ld)
{
	struct frame *fr = &ld->frames[ld->top];
	const struct schema *s = fr->schema;
	int keep = check_required(ld, fr) == 0 && !fr->bad;

	if (s->finish && s->finish(ld, fr) < 0)
		keep = 0;
	if (s->commit)
		memcpy((char *)fr->obj + s->file_off, &ld->file,
		       sizeof(ld->file));
	if (!keep)
		reject(ld, fr);
	ld->top--;
	if (ld->frames[ld->top].type == FR_LIST) {
		if (!keep)
			ld->scratch[ld->top].len -= s->size;
	} else if (keep) {
		s->commit(ld, fr->obj);
	}
}

/*
 * Where a finished list's elements go for good.  A big list (a deck's
 * cards) keeps the scratch buffer it was read into, handed to the library,
 * instead of being copied: the copy would double the largest array at
 * the peak.  Small lists are copied into the arena, which packs them.
 */
static void *list_storage(struct loader *ld, struct scratch *sc)
{
	void *v;

	if (sc->len < LOADER_KEEP_LIST_BYTES)
		return arena_memdup(&ld->lib->arena, sc->data, sc->len);
	v = xrealloc(sc->data, sc->len);
	*(void **)vec_push(&ld->st->blocks) = v;
	ld->st->block_bytes += sc->len;
	sc->data = NULL;
	sc->cap = 0;
	return v;
}

static void list_end(struct loader *ld)
{
	struct frame *fr = &ld->frames[ld->top], *parent = fr - 1;
	const struct field *f = fr->field;
	struct scratch *sc = &ld->scratch[ld->top];
	char *obj = parent->obj;
	size_t n, size = f->kind == FK_OBJ_LIST ? f->elem->size
						: sizeof(struct lstr);
	void *v = NULL;

	n = sc->len / size;
	if (n)
		v = list_storage(ld, sc);
	sc->len = 0;
	ld->top--;
	if (f->kind == FK_OBJ_LIST) {
		memcpy(obj + f->off, &v, sizeof(v));
		memcpy(obj + f->n_off, &n, sizeof(n));
		if (f->pos_off != NO_OFF)
			memcpy(obj + f->pos_off, &fr->pos, sizeof(fr->pos));
	} else {
		struct lstr_list l = { v, n, fr->pos };

		memcpy(obj + f->off, &l, sizeof(l));
	}
	/* Counted as written, so a bad item is not also "found 3". */
	if ((f->flags & FL_SCORES) && fr->items != 4) {
		loader_diag(ld, DIAG_ERROR, fr->pos, "expected 4 %s (for "
			    "scores 1 to 4), found %zu", f->name,
			    fr->items);
		parent->bad = 1;
		return;
	}
	if ((f->flags & FL_POINTS) && fr->items > LOADER_MAX_POINTS) {
		loader_diag(ld, DIAG_ERROR, fr->pos, "%zu %s, at most %d (each "
			    "is searched on every answer)", fr->items, f->name,
			    LOADER_MAX_POINTS);
		parent->bad = 1;
		return;
	}
	if (!n && (f->flags & FL_NONEMPTY)) {
		/* If every item was bad, that was reported. */
		if (!fr->items)
			loader_diag(ld, DIAG_ERROR, fr->pos, "'%s' must not "
				    "be empty", f->name);
		parent->bad = 1;
		return;
	}
	parent->valid |= field_bit(parent->schema, f);
}

static void list_event(struct loader *ld, struct frame *fr,
		       const yaml_event_t *ev, int ok)
{
	const struct field *f = fr->field;
	struct scratch *sc = &ld->scratch[ld->top];
	struct src_pos pos = mark_pos(ld, ev->start_mark);
	struct lstr *l;

	if (ev->type == YAML_SEQUENCE_END_EVENT) {
		list_end(ld);
		return;
	}
	fr->items++;
	if (!ok) {
		skip_node(ld, ev);
		return;
	}
	if (is_null(ev)) {
		loader_diag(ld, DIAG_ERROR, pos, "empty item in '%s'", f->name);
		return;
	}
	if (f->kind == FK_OBJ_LIST && ev->type == YAML_MAPPING_START_EVENT) {
		void *obj = scratch_push(sc, f->elem->size);

		start_object(push_frame(ld, FR_OBJ, pos), f->elem, obj);
		return;
	}
	if (f->kind == FK_OBJ_LIST || ev->type != YAML_SCALAR_EVENT) {
		type_error(ld, f, ev, 1);
		skip_node(ld, ev);
		return;
	}
	if (check_text(ld, f, ev, 1) < 0)
		return;
	l = scratch_push(sc, sizeof(*l));
	l->s = arena_strndup(&ld->lib->arena, scalar(ev),
			     ev->data.scalar.length);
	l->pos = pos;
}

static void object_event(struct loader *ld, struct frame *fr,
			 const yaml_event_t *ev, int ok)
{
	const struct field *f = fr->field;

	if (!fr->want_value) {
		if (ev->type == YAML_MAPPING_END_EVENT)
			object_end(ld);
		else
			key_event(ld, fr, ev, ok);
		return;
	}
	fr->want_value = 0;
	if (!f || !ok) {
		if (f)
			fr->bad = 1;
		skip_node(ld, ev);
		return;
	}
	value_event(ld, fr, f, ev);
}

static const char top_keys[] = "'deck', 'rubric', 'scenario' or 'stories'";

/* The top-level mapping's first key says what the file holds. */
static void top_event(struct loader *ld, struct frame *fr,
		      const yaml_event_t *ev, int ok)
{
	struct src_pos pos = mark_pos(ld, ev->start_mark);
	char *q;

	if (ev->type == YAML_MAPPING_END_EVENT) {
		loader_diag(ld, DIAG_ERROR, fr->pos, "no deck, rubric, "
			    "scenario or stories in the file");
		ld->top--;
		return;
	}
	if (ok && ev->type == YAML_SCALAR_EVENT) {
		const char *key = scalar(ev);
		size_t len = ev->data.scalar.length;
		struct suggest sg;

		suggest_init(&sg, key);
		for (unsigned i = 0; i < loader_n_top_schemas; i++) {
			const struct schema *s = loader_top_schemas[i];

			if (key_is(s->name, key, len)) {
				memset(&ld->doc, 0, sizeof(ld->doc));
				start_object(fr, s, &ld->doc);
				key_event(ld, fr, ev, ok);
				return;
			}
			suggest_consider(&sg, s->name);
		}
		q = quote_dup(key, len);
		if (sg.best)
			loader_diag(ld, DIAG_ERROR, pos, "expected %s as the "
				    "first key, found '%s' (did you mean "
				    "'%s'?)", top_keys, q, sg.best);
		else
			loader_diag(ld, DIAG_ERROR, pos, "expected %s as the "
				    "first key, found '%s'", top_keys, q);
		xfree(q);
	} else if (ok) {
		q = found(ev);
		loader_diag(ld, DIAG_ERROR, pos, "expected %s as the first "
			    "key, found %s", top_keys, q);
		xfree(q);
	}
	/* Skip the rest of the mapping, this key included. */
	ld->top--;
	ld->skip = is_start(ev) ? 2 : 1;
}

static void doc_event(struct loader *ld, const yaml_event_t *ev, int ok)
{
	struct src_pos pos = mark_pos(ld, ev->start_mark);
	char *q;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++ld->n_docs == 2)
			loader_diag(ld, DIAG_ERROR, pos, "more than one YAML "
				    "document in the file (only the first is "
				    "read)");
		return;
	case YAML_STREAM_END_EVENT:
		if (!ld->n_docs)
			loader_diag(ld, DIAG_ERROR, (struct src_pos){ ld->file,
				    0, 0 }, "no deck, rubric, scenario or "
				    "stories in the file");
		return;
	case YAML_SCALAR_EVENT:
	case YAML_ALIAS_EVENT:
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		break;
	default:
		return;
	}
	if (ld->n_docs > 1 || !ok) {
		skip_node(ld, ev);
		return;
	}
	if (ev->type == YAML_MAPPING_START_EVENT) {
		push_frame(ld, FR_TOP, pos);
		return;
	}
	if (is_null(ev)) {
		loader_diag(ld, DIAG_ERROR, pos, "no deck, rubric, scenario or "
			    "stories in the file");
		return;
	}
	q = found(ev);
	loader_diag(ld, DIAG_ERROR, pos, "expected a mapping with %s, found "
		    "%s", top_keys, q);
	xfree(q);
	skip_node(ld, ev);
}

static void on_event(struct loader *ld, const yaml_event_t *ev)
{
	struct frame *fr;
	int ok = 1;

	/*
	 * Deep nesting is hostile: libyaml's own stacks grow with it, so
	 * the file is read no further (skipping the subtree would still
	 * make libyaml parse all of it).
	 */
	if (is_start(ev) && ++ld->depth > LOADER_MAX_DEPTH) {
		loader_diag(ld, DIAG_ERROR, mark_pos(ld, ev->start_mark),
			    "nesting is too deep (more than %d levels); the "
			    "rest of the file is not read", LOADER_MAX_DEPTH);
		ld->stop = 1;
		return;
	}
	if (is_end(ev))
		ld->depth--;
	if (is_node(ev))
		ok = node_ok(ld, ev) == 0;
	if (ld->skip) {
		if (is_start(ev))
			ld->skip++;
		else if (is_end(ev))
			ld->skip--;
		return;
	}
	fr = &ld->frames[ld->top];
	switch (fr->type) {
	case FR_DOC:
		doc_event(ld, ev, ok);
		break;
	case FR_TOP:
		top_event(ld, fr, ev, ok);
		break;
	case FR_OBJ:
		object_event(ld, fr, ev, ok);
		break;
	case FR_LIST:
		list_event(ld, fr, ev, ok);
		break;
	}
}

/* libyaml's error, with a hint for the mistakes mentors make most. */
static void yaml_problem(struct loader *ld, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "syntax error";
	const char *hint = NULL;
	struct src_pos pos;
	struct buf msg;
	int c;

	if (p->error == YAML_MEMORY_ERROR)
		xmalloc_oom(0);
	if (ld->reader.failed)
		return;		/* the reader said why */
	if (p->error == YAML_READER_ERROR)
		pos = source_pos_at(loader_text(ld), ld->file,
				    p->problem_offset);
	else
		pos = mark_pos(ld, p->problem_mark);
	c = source_byte_at(loader_text(ld), pos.line, pos.col);
	if (!strcmp(problem, "mapping values are not allowed in this "
		    "context"))
		hint = colon_hint;
	else if (c == '\t')
		hint = "indent with spaces, not tabs";
	else if (c == '@' || c == '`')
		hint = "quote a value that starts with '@' or '`'";
	buf_init(&msg);
	buf_adds(&msg, problem);
	/* The context says where an unclosed construct began, if not here. */
	if (p->context && p->error != YAML_READER_ERROR &&
	    (p->context_mark.line != p->problem_mark.line ||
	     p->context_mark.column != p->problem_mark.column))
		buf_addf(&msg, " (%s at line %zu, column %zu%s%s)", p->context,
			 p->context_mark.line + 1, p->context_mark.column + 1,
			 hint ? "; " : "", hint ? hint : "");
	else if (hint)
		buf_addf(&msg, " (%s)", hint);
	loader_diag(ld, DIAG_ERROR, pos, "%s", msg.s);
	buf_release(&msg);
}

void loader_parse(struct loader *ld)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	size_t n_rejected = ld->st->rejected.len;

	if (!yaml_parser_initialize(&parser))
		xmalloc_oom(sizeof(parser));
	yaml_parser_set_input(&parser, loader_read_handler, ld);
	memset(&ld->frames[0], 0, sizeof(ld->frames[0]));
	ld->frames[0].type = FR_DOC;
	ld->top = 0;
	ld->depth = 0;
	ld->skip = 0;
	ld->n_docs = 0;
	while (!ld->stop) {
		yaml_event_type_t type;

		if (!yaml_parser_parse(&parser, &ev)) {
			yaml_problem(ld, &parser);
			break;
		}
		type = ev.type;
		on_event(ld, &ev);
		yaml_event_delete(&ev);
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	/*
	 * A document cut short is dropped: nothing of it was committed, and
	 * lint gets none of its rejected objects either: it could check
	 * only those, and not the valid objects read with them.
	 */
	if (ld->top > 0)
		ld->st->rejected.len = n_rejected;
	for (int i = 0; i <= ld->top; i++)
		ld->scratch[i].len = 0;
	yaml_parser_delete(&parser);
	loader_text_release(ld);
}
