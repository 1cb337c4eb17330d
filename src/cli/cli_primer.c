/*
 * `tpmtrain primer [NAME]`: the primers cards and scenarios point at
 * through refs (the .md files of content/primers), listed with their titles or one
 * shown as its Markdown, escaped: a primer may be a user's file.
 */
#include "cli/cli.h"

#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/quote.h"
#include "core/vec.h"
#include "core/xmalloc.h"
#include "loader/loader.h"

static void usage(FILE *out)
{
	fputs("usage: tpmtrain primer [NAME]\n"
	      "\n"
	      "Without NAME, lists the primers (content/primers/*.md) with "
	      "their titles;\nwith NAME (caching, or primers/caching.md), "
	      "prints that primer's Markdown.\n"
	      "In the interface, p on a card opens the primer it refers "
	      "to.\n", out);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The primers' names (file names less .md), sorted, into names. */
static int list_names(const char *dir, struct vec *names)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return TPM_ENOENT;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (len > 3 && !strcmp(e->d_name + len - 3, ".md"))
			*(char **)vec_push(names) = xstrndup(e->d_name,
							     len - 3);
	}
	closedir(d);
	if (names->len)
		qsort(names->items, names->len, sizeof(char *), cmp_str);
	return 0;
}

static void free_names(struct vec *names)
{
	for (size_t i = 0; i < names->len; i++)
		xfree(*(char **)vec_at(names, i));
	vec_release(names);
}

/* Appends the first "# " heading of md, or nothing. */
static void add_title(struct buf *out, const char *md)
{
	for (const char *p = md; p && *p; p = strchr(p, '\n'), p = p ? p + 1
							      : NULL) {
		if (!strncmp(p, "# ", 2)) {
			const char *end = strchr(p, '\n');

			quote_add(out, p + 2, end ? (size_t)(end - p - 2)
						  : strlen(p + 2), 70);
			return;
		}
	}
}

/* NAME's ref: "caching", "caching.md" or "primers/caching.md". */
static void ref_of(const char *name, struct buf *ref)
{
	size_t len = strlen(name);

	if (strncmp(name, "primers/", 8))
		buf_adds(ref, "primers/");
	buf_adds(ref, name);
	if (len < 3 || strcmp(name + len - 3, ".md"))
		buf_adds(ref, ".md");
}

static int list(const char *content)
{
	char *dir = cli_path_join(content, "primers");
	struct vec names;
	struct buf line, ref, text;

	vec_init(&names, sizeof(char *));
	if (list_names(dir, &names) < 0) {
		cli_error("no primers: %s is not a folder", dir);
		xfree(dir);
		vec_release(&names);
		return EXIT_DATA;
	}
	buf_init(&line);
	buf_init(&ref);
	buf_init(&text);
	for (size_t i = 0; i < names.len; i++) {
		const char *name = *(char **)vec_at(&names, i);

		buf_clear(&line);
		buf_clear(&ref);
		buf_clear(&text);
		ref_of(name, &ref);
		quote_add(&line, name, strlen(name), 40);
		while (line.len < 24)
			buf_addch(&line, ' ');
		if (library_read_ref(content, ref.s, &text) == 0)
			add_title(&line, text.s);
		printf("%s\n", line.s);
	}
	buf_release(&line);
	buf_release(&ref);
	buf_release(&text);
	free_names(&names);
	xfree(dir);
	return EXIT_OK;
}

static int unknown(const char *content, const char *name)
{
	char *dir = cli_path_join(content, "primers");
	struct suggest sg;
	struct vec names;
	char *q = quote_dup(name, strlen(name));
	int ret;

	vec_init(&names, sizeof(char *));
	list_names(dir, &names);
	suggest_init(&sg, name);
	for (size_t i = 0; i < names.len; i++)
		suggest_consider(&sg, *(char **)vec_at(&names, i));
	if (sg.best)
		ret = cli_usage_error("primer", "no primer '%s' (did you mean "
				      "'%s'?)", q, sg.best);
	else
		ret = cli_usage_error("primer", "no primer '%s' ('tpmtrain "
				      "primer' lists them)", q);
	xfree(q);
	free_names(&names);
	xfree(dir);
	return ret;
}

/* Prints the primer's Markdown, each line escaped. */
static int show(const char *content, const char *name)
{
	struct buf ref, text, line;
	int ret;

	buf_init(&ref);
	buf_init(&text);
	ref_of(name, &ref);
	ret = library_read_ref(content, ref.s, &text);
	buf_release(&ref);
	if (ret == TPM_ENOENT || ret == TPM_EINVAL) {
		buf_release(&text);
		return unknown(content, name);
	}
	if (ret < 0) {
		cli_error("cannot read the primer: %s", tpm_strerror(ret));
		buf_release(&text);
		return EXIT_DATA;
	}
	buf_init(&line);
	for (size_t i = 0; i < text.len;) {
		const char *nl = memchr(text.s + i, '\n', text.len - i);
		size_t end = nl ? (size_t)(nl - text.s) : text.len;

		buf_clear(&line);
		quote_add(&line, text.s + i, end - i, (size_t)-1);
		printf("%s\n", line.s);
		i = end + 1;
	}
	buf_release(&line);
	buf_release(&text);
	return EXIT_OK;
}

int cmd_primer(int argc, char **argv, struct cli_env *env)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *content;
	int c, ret;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return EXIT_OK;
		}
		return cli_option_error("primer", c, argv);
	}
	if (argc - optind > 1)
		return cli_usage_error("primer", "too many arguments");
	content = cli_path_join(env->data_dir, "content");
	ret = optind < argc ? show(content, argv[optind]) : list(content);
	xfree(content);
	return ret;
}
