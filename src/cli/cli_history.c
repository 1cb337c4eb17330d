/*
 * `tpmtrain history` and `tpmtrain report`: past mock interviews as a
 * table or JSON, and one session's report in Markdown or JSON for a
 * mentor.  Everything shown comes from the store alone (a session keeps
 * copies of its titles, criteria and levels), so a report of an old
 * session does not depend on today's content files.
 *
 * Stored text is the user's (notes, comments, questions) or a content
 * file's: it is cleaned of control characters and invalid UTF-8 on
 * every output, and escaped for Markdown so that notes holding Markdown,
 * pipes or HTML render as the text typed.
 */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/quote.h"
#include "core/utf8.h"
#include "core/vec.h"
#include "core/xmalloc.h"
#include "loader/loader.h"
#include "store/store.h"

/* ---- clean text ---------------------------------------------------- */

enum clean_flags {
	CLEAN_MD = 1 << 0,	/* escape Markdown and HTML */
	CLEAN_CELL = 1 << 1,	/* a table cell: one line, '|' escaped */
};

/* Markdown's line-start markers: "- ", "+ ", "# ", "> ", "1. ", "1) ". */
static size_t marker_len(const char *s)
{
	size_t n = 0;

	if (strchr("-+=", *s) && *s)
		return 1;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n && (s[n] == '.' || s[n] == ')') ? n + 1 : 0;
}

/*
 * Appends s with control characters as spaces and bad bytes as U+FFFD,
 * escaped for Markdown when flags say so.
 */
static void add_clean(struct buf *b, const char *s, unsigned flags)
{
	size_t len = strlen(s), i = 0, mark = 0;

	if (flags & CLEAN_MD) {
		while (s[i] == ' ' || s[i] == '\t')
			i++;
		mark = i + marker_len(s + i);
	}
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (!n) {
			buf_adds(b, "\xef\xbf\xbd");
			i++;
			continue;
		}
		if (utf8_is_control(cp) || cp == '\t' ||
		    (cp == '\n' && (flags & CLEAN_CELL))) {
			buf_addch(b, ' ');
		} else if ((flags & CLEAN_MD) && cp == '&') {
			buf_adds(b, "&amp;");
		} else if ((flags & CLEAN_MD) && cp == '<') {
			buf_adds(b, "&lt;");
		} else if ((flags & CLEAN_MD) && cp == '>') {
			buf_adds(b, "&gt;");
		} else if ((flags & CLEAN_MD) &&
			   (strchr("\\`*_[]|#~", (int)cp) ||
			    (i + 1 == mark && cp != '\n')) && cp) {
			buf_addch(b, '\\');
			buf_addch(b, (char)cp);
		} else {
			buf_add(b, s + i, n);
		}
		i += n;
	}
}

/* A JSON string of s, cleaned (jansson wants valid UTF-8). */
static json_t *jstr(const char *s)
{
	struct buf b;
	json_t *j;

	if (!s)
		return json_null();
	buf_init(&b);
	add_clean(&b, s, 0);
	j = json_stringn(b.s ? b.s : "", b.len);
	buf_release(&b);
	return j;
}

/* "m:ss" (or "h:mm:ss") of a duration in ms, rounded down. */
static void add_duration(struct buf *b, int64_t ms)
{
	int64_t s = ms > 0 ? ms / 1000 : 0;

	if (s >= 3600)
		buf_addf(b, "%d:%02d:%02d", (int)(s / 3600),
			 (int)(s / 60 % 60), (int)(s % 60));
	else
		buf_addf(b, "%d:%02d", (int)(s / 60), (int)(s % 60));
}

/* "YYYY-MM-DD HH:MM" in the local zone. */
static void add_date(struct buf *b, const struct clock *c, int64_t utc_ms)
{
	int64_t local = utc_ms + (int64_t)clock_tz_offset_s(c, utc_ms) * 1000;
	int64_t day = floor_div(local, MS_PER_DAY), y;
	int64_t min = (local - day * MS_PER_DAY) / 60000;
	unsigned m, d;

	civil_from_days(day, &y, &m, &d);
	buf_addf(b, "%04d-%02u-%02u %02d:%02d", (int)y, m, d, (int)(min / 60),
		 (int)(min % 60));
}

static const char *state_name(enum store_mock_state s)
{
	switch (s) {
	case STORE_MOCK_RUNNING:
		return "running";
	case STORE_MOCK_UNSCORED:
		return "unscored";
	default:
		return "scored";
	}
}

/* Writes out to path (or standard output when NULL), checking it all. */
static int write_out(const char *path, const struct buf *out)
{
	FILE *f = path ? fopen(path, "w") : stdout;
	int ok;

	if (!path) {	/* cli_main() checks standard output */
		fwrite(out->s ? out->s : "", 1, out->len, stdout);
		return EXIT_OK;
	}
	if (!f) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		return EXIT_DATA;
	}
	ok = fwrite(out->s ? out->s : "", 1, out->len, f) == out->len;
	ok &= fflush(f) == 0;
	ok &= fclose(f) == 0;
	if (!ok) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		return EXIT_DATA;
	}
	return EXIT_OK;
}

/* ---- history ------------------------------------------------------- */

struct hist_row {
	int64_t id;
	char *date;
	char *scenario;
	char *kind;
	char *time;
	char *score;
	char *band;
	struct store_mock rec;	/* summary fields; its strings not kept */
};

struct hist {
	struct vec rows;	/* struct hist_row */
	const struct clock *clock;
	json_t *json;		/* an array, or NULL for the table */
	const char *candidate;	/* only theirs (--candidate), or NULL */
};

static char *clean_dup(const char *s)
{
	struct buf b;

	buf_init(&b);
	add_clean(&b, s ? s : "", CLEAN_CELL);
	return buf_detach(&b, NULL);
}

static json_t *row_json(const struct store_mock *r, const struct clock *c)
{
	char iso[TIME_ISO_MAX];
	json_t *o = json_object();

	time_format_iso(r->started_at, iso);
	json_object_set_new(o, "id", json_integer((json_int_t)r->id));
	json_object_set_new(o, "date", json_string(iso));
	json_object_set_new(o, "scenario", jstr(r->scenario));
	json_object_set_new(o, "title", jstr(r->title));
	json_object_set_new(o, "kind", jstr(r->kind));
	json_object_set_new(o, "state", json_string(state_name(r->state)));
	json_object_set_new(o, "duration_s",
			    json_integer((json_int_t)(r->elapsed_ms / 1000)));
	json_object_set_new(o, "minutes", json_integer(r->minutes));
	json_object_set_new(o, "score", r->score >= 0
				? json_real(round(r->score * 10) / 10)
				: json_null());
	json_object_set_new(o, "band", jstr(r->band));
	json_object_set_new(o, "scored_by",
			    jstr(r->scored_by ? r->scored_by : "self"));
	json_object_set_new(o, "candidate", jstr(r->candidate));
	(void)c;
	return o;
}

static int add_row(void *ctx, const struct store_mock *r)
{
	struct hist *h = ctx;
	struct hist_row *row;
	struct buf b;

	if (h->candidate &&
	    (!r->candidate || strcmp(r->candidate, h->candidate)))
		return 0;
	if (h->json) {
		json_array_append_new(h->json, row_json(r, h->clock));
		return 0;
	}
	row = vec_push(&h->rows);
	buf_init(&b);
	add_date(&b, h->clock, r->started_at);
	row->date = buf_detach(&b, NULL);
	row->scenario = clean_dup(r->scenario);
	row->kind = clean_dup(r->kind);
	buf_init(&b);
	add_duration(&b, r->elapsed_ms);
	row->time = buf_detach(&b, NULL);
	buf_init(&b);
	if (r->score >= 0)
		buf_addf(&b, "%.0f%%", r->score);
	else
		buf_adds(&b, "-");
	row->score = buf_detach(&b, NULL);
	buf_init(&b);
	add_clean(&b, r->band ? r->band : state_name(r->state), CLEAN_CELL);
	/* Interviewer-scored sessions say so, and for whom. */
	if (r->scored_by) {
		buf_adds(&b, " · by the interviewer");
		if (r->candidate) {
			buf_adds(&b, ", for ");
			add_clean(&b, r->candidate, CLEAN_CELL);
		}
	}
	row->band = buf_detach(&b, NULL);
	return 0;
}

static void print_table(const struct hist *h, struct buf *out)
{
	size_t w_scen = strlen("scenario"), w_kind = strlen("kind");

	for (size_t i = 0; i < h->rows.len; i++) {
		const struct hist_row *r = vec_at(&h->rows, i);

		if (strlen(r->scenario) > w_scen)
			w_scen = strlen(r->scenario);
		if (strlen(r->kind) > w_kind)
			w_kind = strlen(r->kind);
	}
	buf_addf(out, "%-16s  %-*s  %-*s  %7s  %5s  %s\n", "date",
		 (int)w_scen, "scenario", (int)w_kind, "kind", "time",
		 "score", "band");
	for (size_t i = 0; i < h->rows.len; i++) {
		const struct hist_row *r = vec_at(&h->rows, i);

		buf_addf(out, "%-16s  %-*s  %-*s  %7s  %5s  %s\n", r->date,
			 (int)w_scen, r->scenario, (int)w_kind, r->kind,
			 r->time, r->score, r->band);
	}
}

static void hist_release(struct hist *h)
{
	for (size_t i = 0; i < h->rows.len; i++) {
		struct hist_row *r = vec_at(&h->rows, i);

		xfree(r->date);
		xfree(r->scenario);
		xfree(r->kind);
		xfree(r->time);
		xfree(r->score);
		xfree(r->band);
	}
	vec_release(&h->rows);
	json_decref(h->json);
}

static void history_usage(FILE *out)
{
	fprintf(out,
		"usage: tpmtrain history [--kind K] [--candidate NAME] "
		"[--json]\n"
		"\n"
		"Past mock interviews, newest first: the date, the scenario, "
		"its kind,\n"
		"the time used, the weighted score and the hire band (or "
		"'running' and\n"
		"'unscored'), and who scored it when an interviewer did.\n"
		"'tpmtrain report ID' writes one in full.\n"
		"\n"
		"  --kind K          only system-design, program-execution "
		"or behavioural\n"
		"  --candidate NAME  only the sessions an interviewer ran for "
		"NAME\n"
		"  --json            as a JSON array\n");
}

int cmd_history(int argc, char **argv, struct cli_env *env)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "candidate", required_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct hist h = { .clock = &env->clock };
	const char *kind = NULL;
	struct store *st = NULL;
	struct buf out;
	int c, k, json = 0, ret = EXIT_OK;

	opterr = 0;
	while (ret == EXIT_OK &&
	       (c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'k':
			kind = optarg;
			ret = cli_parse_kind("history", kind, &k);
			break;
		case 'c':
			h.candidate = optarg;
			ret = cli_parse_name("history", "--candidate", optarg);
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			history_usage(stdout);
			return EXIT_OK;
		default:
			ret = cli_option_error("history", c, argv);
			break;
		}
	}
	if (ret == EXIT_OK && optind < argc)
		ret = cli_usage_error("history", "unexpected argument '%s'",
				      argv[optind]);
	if (ret != EXIT_OK)
		return ret;
	/* Reading only: a missing database is an empty one, not created. */
	ret = cli_open_store(env, 0, &st, NULL);
	if (ret != EXIT_OK)
		return ret;
	vec_init(&h.rows, sizeof(struct hist_row));
	h.json = json ? json_array() : NULL;
	buf_init(&out);
	if (store_mock_each(st, kind, add_row, &h) < 0) {
		cli_error("%s", store_errmsg(st));
		ret = EXIT_DATA;
	} else if (json) {
		char *s = json_dumps(h.json, JSON_INDENT(2) |
					     JSON_PRESERVE_ORDER |
					     JSON_REAL_PRECISION(12));

		buf_adds(&out, s);
		buf_addch(&out, '\n');
		free(s);
	} else if (!h.rows.len && h.candidate) {
		buf_adds(&out, "no mock interviews for that candidate ("
			 "'tpmtrain mock --interviewer --candidate NAME' "
			 "runs one)\n");
	} else if (!h.rows.len) {
		buf_adds(&out, "no mock interviews yet ('tpmtrain mock' "
			 "starts one)\n");
	} else {
		print_table(&h, &out);
	}
	if (ret == EXIT_OK)
		ret = write_out(NULL, &out);
	buf_release(&out);
	hist_release(&h);
	store_free(st);
	return ret;
}

/* ---- report -------------------------------------------------------- */

/* A criterion's scores over sessions of the rubric, oldest first. */
struct trend {
	int scores[10];
	size_t n;
	double avg5;		/* of the five before this one; -1 none */
};

static int take_score(void *ctx, int64_t id, int score)
{
	struct trend *t = ctx;

	(void)id;
	if (t->n < 9)
		t->scores[t->n++] = score;
	return 0;
}

/*
 * The past scores before this session (newest first from the store),
 * their last-five average, then reversed with this session's appended.
 */
static int load_trend(struct store *st, const struct store_mock *r,
		      const struct store_mock_score *sc, struct trend *t)
{
	int sum = 0, ret;
	size_t k, n;

	memset(t, 0, sizeof(*t));
	ret = store_mock_scores(st, r->rubric, sc->criterion, r->id, 9,
				take_score, t);
	if (ret < 0)
		return ret;
	n = t->n < 5 ? t->n : 5;
	for (k = 0; k < n; k++)
		sum += t->scores[k];
	t->avg5 = n ? (double)sum / (double)n : -1;
	for (k = 0; k < t->n / 2; k++) {
		int x = t->scores[k];

		t->scores[k] = t->scores[t->n - 1 - k];
		t->scores[t->n - 1 - k] = x;
	}
	t->scores[t->n++] = sc->score;
	return 0;
}

static const char *const spark[] = { "▂", "▄", "▆", "█" };

static void md_trend(struct buf *b, const struct trend *t)
{
	for (size_t k = 0; k < t->n; k++)
		buf_addf(b, "%s%d", k ? " " : "", t->scores[k]);
	buf_adds(b, " ");
	for (size_t k = 0; k < t->n; k++)
		if (t->scores[k] >= 1 && t->scores[k] <= 4)
			buf_adds(b, spark[t->scores[k] - 1]);
}

static const char *phase_name(const struct store_mock *r, int phase)
{
	return phase >= 0 && (size_t)phase < r->n_phases &&
			       r->phases[phase].name
		       ? r->phases[phase].name
		       : "?";
}

static void md_cell(struct buf *b, const char *s)
{
	buf_adds(b, " ");
	add_clean(b, s ? s : "", CLEAN_MD | CLEAN_CELL);
	buf_adds(b, " |");
}

static void md_header(struct buf *b, const struct store_mock *r,
		      const struct clock *c)
{
	int64_t planned = 0;

	/* The plan with every +2 min taken. */
	for (size_t i = 0; i < r->n_phases; i++)
		planned += r->phases[i].planned_ms;
	buf_adds(b, "# Mock interview: ");
	add_clean(b, r->title, CLEAN_MD | CLEAN_CELL);
	buf_adds(b, "\n\n- **Scenario:** ");
	add_clean(b, r->scenario, CLEAN_MD | CLEAN_CELL);
	buf_adds(b, " (");
	add_clean(b, r->kind, CLEAN_MD | CLEAN_CELL);
	buf_adds(b, ")\n- **Date:** ");
	add_date(b, c, r->started_at);
	buf_adds(b, "\n- **Time used:** ");
	add_duration(b, r->elapsed_ms);
	buf_adds(b, " of ");
	add_duration(b, planned);
	buf_adds(b, "\n- **Rubric:** ");
	add_clean(b, r->rubric, CLEAN_MD | CLEAN_CELL);
	buf_adds(b, "\n- **Score:** ");
	if (r->score >= 0) {
		buf_addf(b, "%.0f%% (", r->score);
		add_clean(b, r->band ? r->band : "", CLEAN_MD | CLEAN_CELL);
		buf_adds(b, ")\n");
	} else {
		buf_addf(b, "not scored (%s)\n", state_name(r->state));
	}
	buf_addf(b, "- **Hints used:** %d\n", r->hints_used);
	for (size_t i = 0; i < r->n_caps; i++) {
		buf_adds(b, i ? "; " : "- **Capped by red-flag signals:** ");
		add_clean(b, r->caps[i].label, CLEAN_MD | CLEAN_CELL);
		buf_addf(b, " (at most %.0f%%)", r->caps[i].max);
		if (i + 1 == r->n_caps)
			buf_addch(b, '\n');
	}
	if (r->scored_by) {
		buf_adds(b, "- **Scored by:** the interviewer, who ticked the "
			 "key points as they were made");
		if (r->candidate) {
			buf_adds(b, "\n- **Candidate:** ");
			add_clean(b, r->candidate, CLEAN_MD | CLEAN_CELL);
		}
		buf_addch(b, '\n');
	}
}

/* The prompt is the scenario's Markdown: kept, quoted, HTML escaped. */
static void md_prompt(struct buf *b, const char *prompt)
{
	const char *p = prompt ? prompt : "";

	buf_adds(b, "\n## Prompt\n\n");
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, n);
		struct buf tmp;

		buf_init(&tmp);
		add_clean(&tmp, line, 0);
		buf_adds(b, n ? "> " : ">");
		for (size_t i = 0; i < tmp.len; i++) {
			if (tmp.s[i] == '<')
				buf_adds(b, "&lt;");
			else if (tmp.s[i] == '>')
				buf_adds(b, "&gt;");
			else if (tmp.s[i] == '&')
				buf_adds(b, "&amp;");
			else
				buf_addch(b, tmp.s[i]);
		}
		buf_addch(b, '\n');
		buf_release(&tmp);
		xfree(line);
		p += n + (nl ? 1 : 0);
	}
}

static void md_phases(struct buf *b, const struct store_mock *r)
{
	buf_adds(b, "\n## Time per phase\n\n| Phase | Planned | Used | "
		 "Hints |\n|---|---:|---:|---:|\n");
	for (size_t i = 0; i < r->n_phases; i++) {
		const struct store_mock_phase *p = &r->phases[i];

		buf_adds(b, "|");
		md_cell(b, p->name);
		buf_adds(b, " ");
		add_duration(b, p->planned_ms);
		buf_adds(b, " | ");
		add_duration(b, p->used_ms);
		buf_addf(b, " | %d |\n", p->hints_used);
	}
}

static void md_notes(struct buf *b, const struct store_mock *r)
{
	buf_adds(b, "\n## Notes\n");
	for (size_t p = 0; p < r->n_phases; p++) {
		size_t shown = 0;

		buf_addf(b, "\n### %zu. ", p + 1);
		add_clean(b, r->phases[p].name, CLEAN_MD | CLEAN_CELL);
		buf_adds(b, "\n\n");
		for (size_t i = 0; i < r->n_notes; i++) {
			const char *t = r->notes[i].text;

			if (r->notes[i].phase != (int)p || !t ||
			    !t[strspn(t, " \t")])
				continue;
			buf_adds(b, "- ");
			add_clean(b, t, CLEAN_MD | CLEAN_CELL);
			buf_addch(b, '\n');
			shown++;
		}
		if (!shown)
			buf_adds(b, "_No notes._\n");
	}
}

static void md_questions(struct buf *b, const struct store_mock *r)
{
	buf_adds(b, "\n## Clarifying questions\n\n");
	if (!r->n_questions) {
		buf_adds(b, "_None asked._\n");
		return;
	}
	buf_adds(b, "| Question | Answer |\n|---|---|\n");
	for (size_t i = 0; i < r->n_questions; i++) {
		buf_adds(b, "|");
		md_cell(b, r->questions[i].text);
		md_cell(b, r->questions[i].clarification >= 0
				   ? r->questions[i].answer
				   : "(no fact given) state your assumption");
		buf_addch(b, '\n');
	}
}

static void md_followups(struct buf *b, const struct store_mock *r)
{
	buf_adds(b, "\n## Follow-ups asked\n\n");
	if (!r->n_followups)
		buf_adds(b, "_None._\n");
	for (size_t i = 0; i < r->n_followups; i++) {
		buf_adds(b, "- ");
		add_clean(b, r->followups[i].text, CLEAN_MD | CLEAN_CELL);
		buf_adds(b, " (");
		add_clean(b, phase_name(r, r->followups[i].phase),
			  CLEAN_MD | CLEAN_CELL);
		buf_adds(b, ", at ");
		add_duration(b, r->followups[i].elapsed_ms);
		buf_adds(b, ")\n");
	}
}

static void md_coverage(struct buf *b, const struct store_mock *r)
{
	size_t points = 0, covered = 0, flags = 0;

	buf_adds(b, "\n## Coverage\n\n");
	if (!r->n_coverage) {
		buf_adds(b, "_Not checked._\n");
		return;
	}
	for (size_t i = 0; i < r->n_coverage; i++) {
		if (r->coverage[i].red_flag) {
			flags += (size_t)r->coverage[i].covered;
			continue;
		}
		points++;
		covered += (size_t)r->coverage[i].covered;
	}
	buf_addf(b, "Key points %s: %zu of %zu.",
		 r->scored_by ? "ticked by the interviewer" : "covered",
		 covered, points);
	if (flags)
		buf_addf(b, " Red flags raised: %zu.", flags);
	buf_adds(b, "\n\n| Phase | Key point | Covered | Note |\n"
		 "|---|---|---|---|\n");
	for (size_t i = 0; i < r->n_coverage; i++) {
		const struct store_mock_cover *c = &r->coverage[i];

		buf_adds(b, "|");
		md_cell(b, phase_name(r, c->phase));
		md_cell(b, c->label);
		buf_adds(b, c->red_flag ? (c->covered ? " ⚠ red flag |"
						       : " — |")
					: (c->covered ? " ✓ |" : " ✗ |"));
		md_cell(b, c->line);
		buf_addch(b, '\n');
	}
}

static int md_scores(struct buf *b, struct store *st,
		     const struct store_mock *r)
{
	struct trend *t;
	int ret = 0;

	buf_adds(b, "\n## Scores\n\n");
	if (!r->n_scores) {
		buf_adds(b, "_Not scored._\n");
		return 0;
	}
	buf_adds(b, "| Criterion | Weight | Score | Level | Comment |\n"
		 "|---|---:|---:|---|---|\n");
	for (size_t i = 0; i < r->n_scores; i++) {
		const struct store_mock_score *s = &r->scores[i];

		buf_adds(b, "|");
		md_cell(b, s->name);
		buf_addf(b, " %g | %d |", s->weight, s->score);
		md_cell(b, s->level);
		md_cell(b, s->comment);
		buf_addch(b, '\n');
	}
	if (r->score >= 0) {
		buf_addf(b, "\n**Weighted score: %.0f%% (", r->score);
		add_clean(b, r->band ? r->band : "", CLEAN_MD | CLEAN_CELL);
		buf_adds(b, ")**\n");
	}
	buf_adds(b, "\n## Trend\n\n| Criterion | This session | Last 5 "
		 "average | Scores, oldest first |\n|---|---:|---:|---|\n");
	t = xcalloc(r->n_scores, sizeof(*t));
	for (size_t i = 0; i < r->n_scores && !ret; i++) {
		ret = load_trend(st, r, &r->scores[i], &t[i]);
		if (ret < 0)
			break;
		buf_adds(b, "|");
		md_cell(b, r->scores[i].name);
		buf_addf(b, " %d |", r->scores[i].score);
		if (t[i].avg5 >= 0)
			buf_addf(b, " %.1f | ", t[i].avg5);
		else
			buf_adds(b, " — | ");
		md_trend(b, &t[i]);
		buf_adds(b, " |\n");
	}
	xfree(t);
	return ret;
}

static int report_md(struct store *st, const struct store_mock *r,
		     const struct clock *c, struct buf *b)
{
	md_header(b, r, c);
	md_prompt(b, r->prompt);
	md_phases(b, r);
	md_notes(b, r);
	md_questions(b, r);
	md_followups(b, r);
	md_coverage(b, r);
	return md_scores(b, st, r);
}

static json_t *report_phases_json(const struct store_mock *r)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->n_phases; i++) {
		const struct store_mock_phase *p = &r->phases[i];
		json_t *notes = json_array();

		for (size_t k = 0; k < r->n_notes; k++)
			if (r->notes[k].phase == (int)i)
				json_array_append_new(notes,
						      jstr(r->notes[k].text));
		json_array_append_new(a, json_pack(
			"{s:o, s:i, s:I, s:I, s:i, s:o}", "name", jstr(p->name),
			"minutes", p->minutes, "planned_s",
			(json_int_t)(p->planned_ms / 1000), "used_s",
			(json_int_t)(p->used_ms / 1000), "hints_used",
			p->hints_used, "notes", notes));
	}
	return a;
}

static json_t *report_asked_json(const struct store_mock *r, json_t **fu)
{
	json_t *q = json_array();

	*fu = json_array();
	for (size_t i = 0; i < r->n_followups; i++)
		json_array_append_new(*fu, json_pack(
			"{s:o, s:o, s:I}", "text", jstr(r->followups[i].text),
			"phase", jstr(phase_name(r, r->followups[i].phase)),
			"at_s", (json_int_t)(r->followups[i].elapsed_ms /
					     1000)));
	for (size_t i = 0; i < r->n_questions; i++) {
		const struct store_mock_question *x = &r->questions[i];

		json_array_append_new(q, json_pack(
			"{s:o, s:o, s:b, s:o}", "question", jstr(x->text),
			"answer", jstr(x->answer), "answered",
			x->clarification >= 0, "phase",
			jstr(phase_name(r, x->phase))));
	}
	return q;
}

static json_t *report_coverage_json(const struct store_mock *r)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->n_coverage; i++) {
		const struct store_mock_cover *c = &r->coverage[i];

		json_array_append_new(a, json_pack(
			"{s:o, s:o, s:b, s:b, s:o}", "phase",
			jstr(phase_name(r, c->phase)), "label", jstr(c->label),
			"covered", c->covered, "red_flag", c->red_flag,
			"line", jstr(c->line)));
	}
	return a;
}

static int report_scores_json(struct store *st, const struct store_mock *r,
			      json_t **out)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->n_scores; i++) {
		const struct store_mock_score *s = &r->scores[i];
		struct trend t;
		json_t *series = json_array();
		int ret = load_trend(st, r, s, &t);

		if (ret < 0) {
			json_decref(series);
			json_decref(a);
			return ret;
		}
		for (size_t k = 0; k < t.n; k++)
			json_array_append_new(series,
					      json_integer(t.scores[k]));
		json_array_append_new(a, json_pack(
			"{s:o, s:o, s:f, s:i, s:o, s:o, s:o, s:o}",
			"criterion", jstr(s->criterion), "name", jstr(s->name),
			"weight", s->weight, "score", s->score, "level",
			jstr(s->level), "comment", jstr(s->comment),
			"last5_average", t.avg5 >= 0
				? json_real(round(t.avg5 * 100) / 100)
				: json_null(),
			"trend", series));
	}
	*out = a;
	return 0;
}

/* The red-flag caps the scorer applied. */
static json_t *report_caps_json(const struct store_mock *r)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->n_caps; i++)
		json_array_append_new(a, json_pack("{s:o, s:f}", "label",
						   jstr(r->caps[i].label),
						   "max", r->caps[i].max));
	return a;
}

static int report_json(struct store *st, const struct store_mock *r,
		       struct buf *b)
{
	json_t *root, *fu, *q, *scores;
	char iso[TIME_ISO_MAX];
	char *s;
	int ret;

	ret = report_scores_json(st, r, &scores);
	if (ret < 0)
		return ret;
	time_format_iso(r->started_at, iso);
	q = report_asked_json(r, &fu);
	root = json_pack(
		"{s:I, s:o, s:o, s:o, s:o, s:s, s:s, s:i, s:I, s:o, s:o, "
		"s:i, s:o, s:o, s:o, s:o, s:o}",
		"id", (json_int_t)r->id, "scenario", jstr(r->scenario),
		"title", jstr(r->title), "kind", jstr(r->kind), "rubric",
		jstr(r->rubric), "date", iso, "state", state_name(r->state),
		"minutes", r->minutes, "duration_s",
		(json_int_t)(r->elapsed_ms / 1000), "score",
		r->score >= 0 ? json_real(round(r->score * 10) / 10)
			      : json_null(),
		"band", jstr(r->band), "hints_used", r->hints_used, "prompt",
		jstr(r->prompt), "phases", report_phases_json(r),
		"clarifying_questions", q, "follow_ups", fu, "coverage",
		report_coverage_json(r));
	json_object_set_new(root, "scores", scores);
	json_object_set_new(root, "caps", report_caps_json(r));
	json_object_set_new(root, "scored_by",
			    jstr(r->scored_by ? r->scored_by : "self"));
	json_object_set_new(root, "candidate", jstr(r->candidate));
	s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
				   JSON_REAL_PRECISION(12));
	buf_adds(b, s);
	buf_addch(b, '\n');
	free(s);
	json_decref(root);
	return 0;
}

int cli_report_file(void *ctx, int64_t id, struct buf *path,
		    struct buf *err)
{
	const struct cli_report_ctx *rc = ctx;
	char *dir;
	struct store_mock r;
	struct arena a;
	struct buf out;
	FILE *f;
	int ret, ok;

	if (!rc->env->user_dir) {
		buf_adds(err, "no home folder to write the report in");
		return TPM_ENOENT;
	}
	dir = cli_path_join(rc->env->user_dir, "reports");
	arena_init(&a);
	buf_init(&out);
	buf_clear(path);
	buf_addf(path, "%s/mock-%lld.md", dir, (long long)id);
	ret = store_mock_get(rc->st, id, &a, &r);
	if (ret == 0)
		ret = report_md(rc->st, &r, &rc->env->clock, &out);
	if (ret < 0) {
		buf_adds(err, store_errmsg(rc->st));
		goto out;
	}
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		buf_addf(err, "cannot make %s: %s", dir, strerror(errno));
		ret = TPM_EIO;
		goto out;
	}
	f = fopen(path->s, "w");
	ok = f && fwrite(out.s, 1, out.len, f) == out.len;
	if (f)
		ok = (fclose(f) == 0) && ok;
	if (!ok) {
		buf_addf(err, "cannot write %s: %s", path->s, strerror(errno));
		ret = TPM_EIO;
	}
out:
	xfree(dir);
	buf_release(&out);
	arena_release(&a);
	return ret;
}

static void report_usage(FILE *out)
{
	fprintf(out,
		"usage: tpmtrain report ID|last [--format md|json] [-o FILE]\n"
		"\n"
		"One mock interview in full, to send a mentor: the scenario "
		"and prompt,\n"
		"the notes by phase, time per phase, hints, clarifying "
		"questions and\n"
		"follow-ups, key-point coverage, each criterion's score with "
		"its level\n"
		"and comment, the weighted score and band, and each "
		"criterion's trend.\n"
		"ID is from 'tpmtrain history'; last is the newest session.\n"
		"\n"
		"  --format F   md (Markdown, the default) or json\n"
		"  -o FILE      write to FILE instead of standard output\n");
}

/* The session id of ID|last; a usage error or a data error. */
static int report_id(struct store *st, const char *arg, int64_t *id)
{
	char *end, *q;
	long long v;
	int ret;

	if (!strcmp(arg, "last")) {
		ret = store_mock_latest(st, 0, id);
		if (ret == TPM_ENOENT) {
			cli_error("no mock interviews yet ('tpmtrain mock' "
				  "starts one)");
			return EXIT_DATA;
		}
		if (ret < 0) {
			cli_error("%s", store_errmsg(st));
			return EXIT_DATA;
		}
		return EXIT_OK;
	}
	v = strtoll(arg, &end, 10);
	if (!*arg || *end || v <= 0) {
		q = quote_dup(arg, strlen(arg));
		ret = cli_usage_error("report", "bad session '%s': want a "
				      "number from 'tpmtrain history' or "
				      "'last'", q);
		xfree(q);
		return ret;
	}
	*id = v;
	return EXIT_OK;
}

static int report(struct cli_env *env, const char *arg, int json,
		  const char *path)
{
	struct store *st = NULL;
	struct store_mock r;
	struct arena a;
	struct buf out;
	int64_t id = 0;
	int ret;

	ret = cli_open_store(env, 0, &st, NULL);
	if (ret != EXIT_OK)
		return ret;
	ret = report_id(st, arg, &id);
	arena_init(&a);
	buf_init(&out);
	if (ret == EXIT_OK) {
		int err = store_mock_get(st, id, &a, &r);

		if (err == TPM_ENOENT) {
			cli_error("no mock session %lld ('tpmtrain history' "
				  "lists them)", (long long)id);
			ret = EXIT_DATA;
		} else if (err == 0) {
			err = json ? report_json(st, &r, &out)
				   : report_md(st, &r, &env->clock, &out);
		}
		if (err < 0 && err != TPM_ENOENT) {
			cli_error("%s", store_errmsg(st));
			ret = EXIT_DATA;
		}
	}
	if (ret == EXIT_OK)
		ret = write_out(path, &out);
	buf_release(&out);
	arena_release(&a);
	store_free(st);
	return ret;
}

int cmd_report(int argc, char **argv, struct cli_env *env)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = NULL;
	int c, json = 0, ret = EXIT_OK;
	char *q;

	opterr = 0;
	while (ret == EXIT_OK &&
	       (c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "json") || !strcmp(optarg, "md")) {
				json = !strcmp(optarg, "json");
				break;
			}
			q = quote_dup(optarg, strlen(optarg));
			ret = cli_usage_error("report", "unknown format '%s' "
					      "(want md or json)", q);
			xfree(q);
			break;
		case 'o':
			path = optarg;
			break;
		case 'h':
			report_usage(stdout);
			return EXIT_OK;
		default:
			ret = cli_option_error("report", c, argv);
			break;
		}
	}
	if (ret != EXIT_OK)
		return ret;
	if (optind >= argc)
		return cli_usage_error("report", "which session? give an ID "
				       "from 'tpmtrain history', or 'last'");
	if (optind + 1 < argc)
		return cli_usage_error("report", "unexpected argument '%s'",
				       argv[optind + 1]);
	return report(env, argv[optind], json, path);
}
