#include "match/match.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "core/err.h"
#include "core/xmalloc.h"

/*
 * Limits for one search.  A key point on a page of notes needs a few
 * thousand steps; (a+)+$ on 30 characters needs billions.  The limits stop
 * the latter in milliseconds and leave the former plenty of room.
 */
#define MATCH_STEP_LIMIT 1000000	/* calls of PCRE2's match() */
#define MATCH_DEPTH_LIMIT 100000	/* backtracking depth */
#define MATCH_HEAP_LIMIT 8192		/* KiB of backtracking memory */
#define MATCH_MAX_PATTERN 8192		/* bytes: a key point is a line */

struct match_pattern {
	pcre2_general_context *gctx;
	pcre2_match_context *mctx;
	pcre2_code *code;
};

/* PCRE2 allocates through xmalloc, so that test leak checks see it. */
static void *pcre_alloc(PCRE2_SIZE size, void *data)
{
	(void)data;
	return xmalloc(size);
}

static void pcre_free(void *p, void *data)
{
	(void)data;
	xfree(p);
}

void match_pattern_free(struct match_pattern *p)
{
	if (!p)
		return;
	pcre2_code_free(p->code);
	pcre2_match_context_free(p->mctx);
	pcre2_general_context_free(p->gctx);
	xfree(p);
}

int match_pattern_compile(struct match_pattern **out, const char *pattern,
			  size_t len, unsigned flags, struct match_error *err)
{
	struct match_pattern *p = xcalloc(1, sizeof(*p));
	pcre2_compile_context *cctx;
	uint32_t opts = PCRE2_UTF | PCRE2_CASELESS;
	PCRE2_SIZE off = 0;
	int code = 0;

	p->gctx = pcre2_general_context_create(pcre_alloc, pcre_free, NULL);
	cctx = pcre2_compile_context_create(p->gctx);
	if (!p->gctx || !cctx)
		xmalloc_oom(sizeof(*p));
	pcre2_set_max_pattern_length(cctx, MATCH_MAX_PATTERN);
	if (flags & MATCH_LITERAL)
		opts |= PCRE2_LITERAL;
	else
		opts |= PCRE2_UCP | PCRE2_MULTILINE | PCRE2_DOTALL |
			PCRE2_NEVER_BACKSLASH_C;
	p->code = pcre2_compile((PCRE2_SPTR)(pattern ? pattern : ""), len,
				opts, &code, &off, cctx);
	pcre2_compile_context_free(cctx);
	if (!p->code) {
		if (err) {
			pcre2_get_error_message(code, (PCRE2_UCHAR *)err->msg,
						sizeof(err->msg));
			err->offset = off;
		}
		match_pattern_free(p);
		return TPM_EFORMAT;
	}
	/* Without JIT support this fails, and the interpreter is used. */
	if (!(flags & MATCH_NO_JIT))
		pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
	p->mctx = pcre2_match_context_create(p->gctx);
	if (!p->mctx)
		xmalloc_oom(sizeof(*p));
	pcre2_set_match_limit(p->mctx, MATCH_STEP_LIMIT);
	pcre2_set_depth_limit(p->mctx, MATCH_DEPTH_LIMIT);
	pcre2_set_heap_limit(p->mctx, MATCH_HEAP_LIMIT);
	*out = p;
	return 0;
}

int match_pattern_find(const struct match_pattern *p, const char *text,
		       size_t len, size_t *start, size_t *end)
{
	pcre2_match_data *md = pcre2_match_data_create(1, p->gctx);
	PCRE2_SPTR subject = (PCRE2_SPTR)(text ? text : "");
	int rc, ret;

	if (!md)
		xmalloc_oom(sizeof(PCRE2_SIZE) * 2);
	rc = pcre2_match(p->code, subject, len, 0, 0, md, p->mctx);
	/* JIT's stack is small; the interpreter's heap limit is not. */
	if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
		rc = pcre2_match(p->code, subject, len, 0, PCRE2_NO_JIT, md,
				 p->mctx);
	if (rc >= 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);

		if (start)
			*start = ov[0];
		if (end)
			*end = ov[1];
		ret = 1;
	} else if (rc == PCRE2_ERROR_NOMATCH) {
		ret = 0;
	} else if (rc == PCRE2_ERROR_MATCHLIMIT ||
		   rc == PCRE2_ERROR_DEPTHLIMIT ||
		   rc == PCRE2_ERROR_HEAPLIMIT ||
		   rc == PCRE2_ERROR_JIT_STACKLIMIT) {
		ret = TPM_ETOOBIG;
	} else {
		ret = TPM_EFORMAT;	/* invalid UTF-8 in text */
	}
	pcre2_match_data_free(md);
	return ret;
}
