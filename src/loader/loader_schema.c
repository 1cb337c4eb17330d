/*
 * The file formats, as tables the walker reads (DESIGN.md "Files and
 * formats"), and what happens when an object is complete.
 */
#include "loader/loader.h"

#include <stddef.h>
#include <string.h>

#include "core/arena.h"
#include "core/vec.h"
#include "loader/loader_int.h"

_Static_assert(sizeof(enum card_type) == sizeof(int),
	       "FK_ENUM stores an int");
_Static_assert(sizeof(enum scenario_kind) == sizeof(int),
	       "FK_ENUM stores an int");

static const char *const card_type_names[] = {
	[CARD_BASIC] = "basic",
	[CARD_REVERSE] = "reverse",
	[CARD_CLOZE] = "cloze",
	[CARD_TYPED] = "typed",
};

static const struct enum_names card_types = {
	"card type", card_type_names, 4,
};

static const char *const scenario_kind_names[] = {
	[SCENARIO_SYSTEM_DESIGN] = "system-design",
	[SCENARIO_BEHAVIOURAL] = "behavioural",
	[SCENARIO_PROGRAM_EXECUTION] = "program-execution",
};

static const struct enum_names scenario_kinds = {
	"scenario kind", scenario_kind_names, 3,
};

const char *card_type_name(enum card_type type)
{
	return (unsigned)type < card_types.n ? card_type_names[type] : "?";
}

const char *scenario_kind_name(enum scenario_kind kind)
{
	return (unsigned)kind < scenario_kinds.n ? scenario_kind_names[kind]
						 : "?";
}

static const struct field key_point_fields[] = {
	{ .name = "label", .kind = FK_TEXT, .flags = FL_REQUIRED,
	  .off = offsetof(struct key_point, label) },
	{ .name = "pattern", .kind = FK_TEXT, .flags = FL_REQUIRED,
	  .off = offsetof(struct key_point, pattern) },
};

static const struct schema key_point_schema = {
	.name = "key point",
	.size = sizeof(struct key_point),
	.fields = key_point_fields,
	.n_fields = 2,
	.pos_off = NO_OFF,
	.kind = REJECTED_KEY_POINT,
};

/* Card keys by index, for the checks that depend on the card's type. */
enum {
	CF_ID, CF_TYPE, CF_FRONT, CF_BACK, CF_TEXT, CF_KEY_POINTS, CF_TAGS,
	CF_REFS, CF_RED_FLAGS, CF_N
};

static const struct field card_fields[] = {
	[CF_ID] = { .name = "id", .kind = FK_CARD_ID, .flags = FL_REQUIRED,
		    .off = offsetof(struct card, id) },
	[CF_TYPE] = { .name = "type", .kind = FK_ENUM,
		      .off = offsetof(struct card, type),
		      .pos_off = offsetof(struct card, type_pos),
		      .names = &card_types },
	[CF_FRONT] = { .name = "front", .kind = FK_TEXT,
		       .off = offsetof(struct card, front) },
	[CF_BACK] = { .name = "back", .kind = FK_TEXT,
		      .off = offsetof(struct card, back) },
	[CF_TEXT] = { .name = "text", .kind = FK_TEXT,
		      .off = offsetof(struct card, text) },
	[CF_KEY_POINTS] = { .name = "key_points", .kind = FK_OBJ_LIST,
			    .flags = FL_NONEMPTY | FL_POINTS,
			    .off = offsetof(struct card, key_points.v),
			    .n_off = offsetof(struct card, key_points.n),
			    .pos_off = offsetof(struct card, key_points.pos),
			    .elem = &key_point_schema },
	[CF_TAGS] = { .name = "tags", .kind = FK_TAG_LIST,
		      .off = offsetof(struct card, tags) },
	[CF_REFS] = { .name = "refs", .kind = FK_TEXT_LIST,
		      .off = offsetof(struct card, refs) },
	[CF_RED_FLAGS] = { .name = "red_flags", .kind = FK_OBJ_LIST,
			   .flags = FL_NONEMPTY | FL_POINTS,
			   .off = offsetof(struct card, red_flags.v),
			   .n_off = offsetof(struct card, red_flags.n),
			   .pos_off = offsetof(struct card, red_flags.pos),
			   .elem = &key_point_schema },
};

/* Reports a key the card's type needs; returns -1 if it is missing. */
static int card_needs(struct loader *ld, struct frame *fr, unsigned i)
{
	uint32_t bit = 1u << i;

	if (fr->valid & bit)
		return 0;
	if (!(fr->present & bit) && !(fr->suggested & bit))
		loader_diag(ld, DIAG_ERROR, fr->pos, "missing required key "
			    "'%s'", card_fields[i].name);
	return -1;
}

/* Reports and drops a key the card's type does not use. */
static void card_rejects(struct loader *ld, struct frame *fr, unsigned i,
			 struct lstr *value)
{
	struct card *c = fr->obj;

	if (!(fr->valid & (1u << i)))
		return;
	if (c->type == CARD_CLOZE)
		loader_diag(ld, DIAG_ERROR, value->pos, "'%s' is not used by "
			    "cloze cards (put the question in 'text')",
			    card_fields[i].name);
	else
		loader_diag(ld, DIAG_ERROR, value->pos, "'%s' is used only "
			    "by cloze cards", card_fields[i].name);
	memset(value, 0, sizeof(*value));
}

static int card_finish(struct loader *ld, struct frame *fr)
{
	struct card *c = fr->obj;
	int ret = 0;

	/* With no known type, which keys it needs is unknown. */
	if ((fr->present & (1u << CF_TYPE)) && !(fr->valid & (1u << CF_TYPE)))
		return -1;
	if (c->type == CARD_CLOZE) {
		ret |= card_needs(ld, fr, CF_TEXT);
		card_rejects(ld, fr, CF_FRONT, &c->front);
	} else {
		ret |= card_needs(ld, fr, CF_FRONT);
		ret |= card_needs(ld, fr, CF_BACK);
		card_rejects(ld, fr, CF_TEXT, &c->text);
	}
	return ret;
}

static const struct schema card_schema = {
	.name = "card",
	.size = sizeof(struct card),
	.fields = card_fields,
	.n_fields = CF_N,
	.pos_off = offsetof(struct card, pos),
	.kind = REJECTED_CARD,
	.finish = card_finish,
};

static void add_item(struct loader *ld, const char *key,
		     const struct card *card, int variant)
{
	struct item *it = vec_push(&ld->st->items);

	it->key = key;
	it->card = card;
	it->deck = NULL;	/* library_finish(): the decks still move */
	it->tags = &card->tags;
	it->variant = variant;
}

void loader_variant_key(struct buf *b, const char *id, int variant)
{
	/* No printf: a library has one key per item, and many items. */
	buf_adds(b, id);
	if (!variant)
		return;
	buf_adds(b, variant == ITEM_REVERSE ? "#reverse" : "#c");
	if (variant >= 10)
		buf_addch(b, (char)('0' + variant / 10));
	if (variant > 0)
		buf_addch(b, (char)('0' + variant % 10));
}

size_t loader_card_variants(const struct card *c, int *v)
{
	uint64_t seen[2] = { 0, 0 };	/* bit n % 64 of seen[n / 64] */
	struct cloze_deletion del;
	size_t off = 0, n = 0;

	if (c->type != CARD_CLOZE) {
		v[n++] = 0;
		if (c->type == CARD_REVERSE)
			v[n++] = ITEM_REVERSE;
		return n;
	}
	/* A cloze card's: one per deletion number (1-99), in order. */
	while (cloze_next(c->text.s, &off, &del))
		if (del.num)
			seen[del.num / 64] |= UINT64_C(1) << del.num % 64;
	for (int w = 0; w < 2; w++)
		for (uint64_t b = seen[w]; b; b &= b - 1)
			v[n++] = w * 64 + __builtin_ctzll(b);
	return n;
}

void loader_add_items(struct loader *ld, const struct deck *deck)
{
	int v[LOADER_MAX_VARIANTS];

	for (size_t i = 0; i < deck->n_cards; i++) {
		const struct card *c = &deck->cards[i];
		size_t n = loader_card_variants(c, v);

		for (size_t k = 0; k < n; k++) {
			const char *key = c->id.s;

			if (v[k]) {
				buf_clear(&ld->tmp);
				loader_variant_key(&ld->tmp, c->id.s, v[k]);
				key = arena_strndup(&ld->lib->arena,
						    ld->tmp.s, ld->tmp.len);
			}
			add_item(ld, key, c, v[k]);
		}
	}
}

static void deck_commit(struct loader *ld, const void *obj)
{
	struct deck *d = vec_push(&ld->st->decks);

	*d = *(const struct deck *)obj;
	if (!ld->items_added)
		loader_add_items(ld, d);
}

static const struct field deck_fields[] = {
	{ .name = "deck", .kind = FK_ID, .flags = FL_REQUIRED,
	  .off = offsetof(struct deck, id) },
	{ .name = "title", .kind = FK_TEXT, .flags = FL_REQUIRED,
	  .off = offsetof(struct deck, title) },
	{ .name = "description", .kind = FK_TEXT,
	  .off = offsetof(struct deck, description) },
	{ .name = "tags", .kind = FK_TAG_LIST,
	  .off = offsetof(struct deck, tags) },
	{ .name = "cards", .kind = FK_OBJ_LIST,
	  .flags = FL_REQUIRED | FL_NONEMPTY,
	  .off = offsetof(struct deck, cards),
	  .n_off = offsetof(struct deck, n_cards), .pos_off = NO_OFF,
	  .elem = &card_schema },
};

static const struct schema deck_schema = {
	.name = "deck",
	.size = sizeof(struct deck),
	.fields = deck_fields,
	.n_fields = sizeof(deck_fields) / sizeof(deck_fields[0]),
	.pos_off = offsetof(struct deck, pos),
	.file_off = offsetof(struct deck, file),
	.kind = REJECTED_DECK,
	.commit = deck_commit,
};

static const struct field criterion_fields[] = {
	{ .name = "id", .kind = FK_ID, .flags = FL_REQUIRED,
	  .off = offsetof(struct criterion, id) },
	{ .name = "name", .kind = FK_TEXT, .flags = FL_REQUIRED,
	  .off = offsetof(struct criterion, name) },
	{ .name = "weight", .kind = FK_WEIGHT, .flags = FL_REQUIRED,
	  .off = offsetof(struct criterion, weight),
	  .pos_off = offsetof(struct criterion, weight_pos) },
	{ .name = "levels", .kind = FK_TEXT_LIST,
	  .flags = FL_REQUIRED | FL_SCORES,
	  .off = offsetof(struct criterion, levels) },
	{ .name = "tags", .kind = FK_TAG_LIST,
	  .flags = FL_REQUIRED | FL_NONEMPTY,
	  .off = offsetof(struct criterion, tags) },
	{ .name = "senior", .kind = FK_TEXT,
	  .off = offsetof(struct criterion, senior) },
	{ .name = "staff", .kind = FK_TEXT,
	  .off = offsetof(struct criterion, staff) },
	{ .name = "principal", .kind = FK_TEXT,
	  .off = offsetof(struct criterion, principal) },
};

static const struct schema criterion_schema = {
	.name = "criterion",
	.size = sizeof(struct criterion),
	.fields = criterion_fields,
	.n_fields = sizeof(criterion_fields) / sizeof(criterion_fields[0]),
	.pos_off = NO_OFF,
	.kind = REJECTED_CRITERION,
};

static const struct field band_fields[] = {
	{ .name = "label", .kind = FK_TEXT, .flags = FL_REQUIRED,
	  .off = offsetof(struct band, label) },
	{ .name = "min", .kind = FK_PERCENT, .flags = FL_REQUIRED,
	  .off = offsetof(struct band, min),
	  .pos_off = offsetof(struct band, min_pos) },
};

static const struct schema band_schema = {
	.name = "band",
	.size = sizeof(struct band),
	.fields = band_fields,
	.n_fields = sizeof(band_fields) / sizeof(band_fields[0]),
	.pos_off = NO_OFF,
	.kind = REJECTED_BAND,
};

static const struct field cap_fields[] = {
	{ .name = "label", .kind = FK_TEXT, .flags = FL_REQUIRED,
	  .off = offsetof(struct rubric_cap, label) },
	{ .name = "max", .kind = FK_PERCENT, .flags = FL_REQUIRED,
	  .off = offsetof(struct rubric_cap, max),
	  .pos_off = offsetof(struct rubric_cap, max_pos) },
};

static const struct schema cap_schema = {
	.name = "cap",
	.size = sizeof(struct rubric_cap),
	.fields = cap_fields,
	.n_fields = sizeof(cap_fields) / sizeof(cap_fields[0]),
	.pos_off = NO_OFF,
	.kind = REJECTED_CAP,
};

static void rubric_commit(struct loader *ld, const void *obj)
{
	struct rubric *r = vec_push(&ld->st->rubrics);

	*r = *(const struct rubric *)obj;
}

static const struct field rubric_fields[] = {
	{ .name = "rubric", .kind = FK_ID, .flags = FL_REQUIRED,
	  .off = offsetof(struct rubric, id) },
	{ .name = "title", .kind = FK_TEXT, .flags = FL_REQUIRED,
	  .off = offsetof(struct rubric, title) },
	{ .name = "description", .kind = FK_TEXT,
	  .off = offsetof(struct rubric, description) },
	{ .name = "criteria", .kind = FK_OBJ_LIST,
	  .flags = FL_REQUIRED | FL_NONEMPTY,
	  .off = offsetof(struct rubric, criteria),
	  .n_off = offsetof(struct rubric, n_criteria), .pos_off = NO_OFF,
	  .elem = &criterion_schema },
	{ .name = "bands", .kind = FK_OBJ_LIST, .flags = FL_NONEMPTY,
	  .off = offsetof(struct rubric, bands),
	  .n_off = offsetof(struct rubric, n_bands), .pos_off = NO_OFF,
	  .elem = &band_schema },
	{ .name = "caps", .kind = FK_OBJ_LIST, .flags = FL_NONEMPTY,
	  .off = offsetof(struct rubric, caps),
	  .n_off = offsetof(struct rubric, n_caps), .pos_off = NO_OFF,
	  .elem = &cap_schema },
};

static const struct schema rubric_schema = {
	.name = "rubric",
	.size = sizeof(struct rubric),
	.fields = rubric_fields,
	.n_fields = sizeof(rubric_fields) / sizeof(rubric_fields[0]),
	.pos_off = offsetof(struct rubric, pos),
	.file_off = offsetof(struct rubric, file),
	.kind = REJECTED_RUBRIC,
	.commit = rubric_commit,
};

static const struct field phase_fields[] = {
	{ .name = "name", .kind = FK_TEXT, .flags = FL_REQUIRED,
	  .off = offsetof(struct phase, name) },
	{ .name = "question", .kind = FK_TEXT,
	  .off = offsetof(struct phase, question) },
	{ .name = "minutes", .kind = FK_MINUTES, .flags = FL_REQUIRED,
	  .off = offsetof(struct phase, minutes),
	  .pos_off = offsetof(struct phase, minutes_pos) },
	{ .name = "hints", .kind = FK_TEXT_LIST,
	  .off = offsetof(struct phase, hints) },
	{ .name = "key_points", .kind = FK_OBJ_LIST,
	  .flags = FL_NONEMPTY | FL_POINTS,
	  .off = offsetof(struct phase, key_points.v),
	  .n_off = offsetof(struct phase, key_points.n),
	  .pos_off = offsetof(struct phase, key_points.pos),
	  .elem = &key_point_schema },
	{ .name = "red_flags", .kind = FK_OBJ_LIST,
	  .flags = FL_NONEMPTY | FL_POINTS,
	  .off = offsetof(struct phase, red_flags.v),
	  .n_off = offsetof(struct phase, red_flags.n),
	  .pos_off = offsetof(struct phase, red_flags.pos),
	  .elem = &key_point_schema },
};

static const struct schema phase_schema = {
	.name = "phase",
	.size = sizeof(struct phase),
	.fields = phase_fields,
	.n_fields = sizeof(phase_fields) / sizeof(phase_fields[0]),
	.pos_off = NO_OFF,
	.kind = REJECTED_PHASE,
};

static const struct field clarification_fields[] = {
	{ .name = "ask", .kind = FK_TEXT, .flags = FL_REQUIRED,
	  .off = offsetof(struct clarification, ask) },
	{ .name = "answer", .kind = FK_TEXT, .flags = FL_REQUIRED,
	  .off = offsetof(struct clarification, answer) },
	{ .name = "example", .kind = FK_TEXT, .flags = FL_REQUIRED,
	  .off = offsetof(struct clarification, example) },
};

static const struct schema clarification_schema = {
	.name = "clarification",
	.size = sizeof(struct clarification),
	.fields = clarification_fields,
	.n_fields = sizeof(clarification_fields) /
		    sizeof(clarification_fields[0]),
	.pos_off = NO_OFF,
	.kind = REJECTED_CLARIFICATION,
};

static void scenario_commit(struct loader *ld, const void *obj)
{
	struct scenario *s = vec_push(&ld->st->scenarios);

	*s = *(const struct scenario *)obj;
}

static const struct field scenario_fields[] = {
	{ .name = "scenario", .kind = FK_ID, .flags = FL_REQUIRED,
	  .off = offsetof(struct scenario, id) },
	{ .name = "kind", .kind = FK_ENUM, .flags = FL_REQUIRED,
	  .off = offsetof(struct scenario, kind),
	  .pos_off = offsetof(struct scenario, kind_pos),
	  .names = &scenario_kinds },
	{ .name = "title", .kind = FK_TEXT, .flags = FL_REQUIRED,
	  .off = offsetof(struct scenario, title) },
	{ .name = "prompt", .kind = FK_TEXT, .flags = FL_REQUIRED,
	  .off = offsetof(struct scenario, prompt) },
	{ .name = "rubric", .kind = FK_ID, .flags = FL_REQUIRED,
	  .off = offsetof(struct scenario, rubric) },
	{ .name = "phases", .kind = FK_OBJ_LIST,
	  .flags = FL_REQUIRED | FL_NONEMPTY,
	  .off = offsetof(struct scenario, phases),
	  .n_off = offsetof(struct scenario, n_phases), .pos_off = NO_OFF,
	  .elem = &phase_schema },
	{ .name = "follow_ups", .kind = FK_TEXT_LIST,
	  .off = offsetof(struct scenario, follow_ups) },
	{ .name = "clarifications", .kind = FK_OBJ_LIST, .flags = FL_NONEMPTY,
	  .off = offsetof(struct scenario, clarifications.v),
	  .n_off = offsetof(struct scenario, clarifications.n),
	  .pos_off = offsetof(struct scenario, clarifications.pos),
	  .elem = &clarification_schema },
	{ .name = "tags", .kind = FK_TAG_LIST,
	  .off = offsetof(struct scenario, tags) },
	{ .name = "refs", .kind = FK_TEXT_LIST,
	  .off = offsetof(struct scenario, refs) },
};

static const struct schema scenario_schema = {
	.name = "scenario",
	.size = sizeof(struct scenario),
	.fields = scenario_fields,
	.n_fields = sizeof(scenario_fields) / sizeof(scenario_fields[0]),
	.pos_off = offsetof(struct scenario, pos),
	.file_off = offsetof(struct scenario, file),
	.kind = REJECTED_SCENARIO,
	.commit = scenario_commit,
};

#define STORY_TEXT(key, fl) \
	{ .name = #key, .kind = FK_TEXT, .flags = (fl), \
	  .off = offsetof(struct story, key) }

static const struct field story_fields[] = {
	{ .name = "id", .kind = FK_ID, .flags = FL_REQUIRED,
	  .off = offsetof(struct story, id) },
	STORY_TEXT(title, FL_REQUIRED),
	STORY_TEXT(situation, FL_REQUIRED),
	STORY_TEXT(task, FL_REQUIRED),
	STORY_TEXT(action, FL_REQUIRED),
	STORY_TEXT(result, FL_REQUIRED),
	{ .name = "metrics", .kind = FK_TEXT_LIST,
	  .off = offsetof(struct story, metrics) },
	{ .name = "competencies", .kind = FK_TAG_LIST,
	  .flags = FL_REQUIRED | FL_NONEMPTY,
	  .off = offsetof(struct story, competencies) },
	{ .name = "tags", .kind = FK_TAG_LIST,
	  .off = offsetof(struct story, tags) },
};

static const struct schema story_schema = {
	.name = "story",
	.size = sizeof(struct story),
	.fields = story_fields,
	.n_fields = sizeof(story_fields) / sizeof(story_fields[0]),
	.pos_off = offsetof(struct story, pos),
	.file_off = NO_OFF,
	.kind = REJECTED_STORY,
};

/* A story bank's stories join the library's, each knowing its file. */
static void story_bank_commit(struct loader *ld, const void *obj)
{
	const struct story_bank *b = obj;

	for (size_t i = 0; i < b->n_stories; i++) {
		struct story *s = vec_push(&ld->st->stories);

		*s = b->stories[i];
		s->file = b->file;
	}
}

static const struct field story_bank_fields[] = {
	{ .name = "stories", .kind = FK_OBJ_LIST, .flags = FL_REQUIRED,
	  .off = offsetof(struct story_bank, stories),
	  .n_off = offsetof(struct story_bank, n_stories),
	  .pos_off = NO_OFF, .elem = &story_schema },
};

static const struct schema story_bank_schema = {
	.name = "stories",
	.size = sizeof(struct story_bank),
	.fields = story_bank_fields,
	.n_fields = 1,
	.pos_off = offsetof(struct story_bank, pos),
	.file_off = offsetof(struct story_bank, file),
	.kind = REJECTED_STORY_BANK,
	.commit = story_bank_commit,
};

const struct schema *const loader_top_schemas[] = {
	&deck_schema, &rubric_schema, &scenario_schema, &story_bank_schema,
};

const unsigned loader_n_top_schemas = 4;
