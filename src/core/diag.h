#ifndef TPM_CORE_DIAG_H
#define TPM_CORE_DIAG_H

#include <stdio.h>

#include "core/vec.h"

/* A place in a source file; line and col count from 1 (0 = unknown). */
struct src_pos {
	const char *file;	/* borrowed: owned by whoever made the pos */
	unsigned line;
	unsigned col;
};

enum diag_level {
	DIAG_WARNING,
	DIAG_ERROR,
};

/* One problem found in a file.  Owns its strings. */
struct diag {
	enum diag_level level;
	char *file;
	unsigned line;
	unsigned col;
	char *msg;	/* lower case, no final period: unknown key 'fornt' */
	size_t seq;	/* order of addition, to keep sorting stable */
};

/*
 * Diagnostics collected by the loader and lint, which go on after a problem
 * so that one run reports every error (SQLite's parse context).
 */
struct diag_list {
	struct vec items;	/* of struct diag */
	size_t errors;
	size_t warnings;
};

enum diag_format {
	DIAG_FORMAT_TEXT,	/* file:line:col: error: msg */
	DIAG_FORMAT_JSON,	/* one JSON object per line */
};

void diag_list_init(struct diag_list *dl);
void diag_list_release(struct diag_list *dl);

/* Adds a diagnostic at pos; the file name and message are copied. */
__attribute__((format(printf, 4, 5)))
void diag_add(struct diag_list *dl, enum diag_level level,
	      struct src_pos pos, const char *fmt, ...);

/* The i-th diagnostic, in order of addition or after diag_list_sort(). */
const struct diag *diag_list_at(const struct diag_list *dl, size_t i);

/* Orders by file name, line, column, then order of addition. */
void diag_list_sort(struct diag_list *dl);

/*
 * Writes every diagnostic to out.  With strict, warnings are printed as
 * errors (lint --strict).
 */
void diag_list_print(const struct diag_list *dl, FILE *out,
		     enum diag_format format, int strict);

/* Formats one diagnostic as text, without newline, into a new string. */
char *diag_format_text(const struct diag *d, int strict);

#endif
