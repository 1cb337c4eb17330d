/*
 * Loading: the library's state, paths, directories and files, up to the
 * point where loader_parse() takes the input (see loader_stream.c).
 */
#include "loader/loader.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/err.h"
#include "core/xmalloc.h"
#include "loader/loader_int.h"

struct file_id {
	dev_t dev;
	ino_t ino;
};

struct library_state *library_state_get(struct library *lib)
{
	struct library_state *st = lib->state;

	if (st)
		return st;
	st = xcalloc(1, sizeof(*st));
	vec_init(&st->decks, sizeof(struct deck));
	vec_init(&st->rubrics, sizeof(struct rubric));
	vec_init(&st->scenarios, sizeof(struct scenario));
	vec_init(&st->stories, sizeof(struct story));
	vec_init(&st->items, sizeof(struct item));
	vec_init(&st->sources, sizeof(struct source));
	vec_init(&st->file_ids, sizeof(struct file_id));
	vec_init(&st->blocks, sizeof(void *));
	vec_init(&st->rejected, sizeof(struct rejected));
	vec_init(&st->pending, sizeof(struct pending_cards));
	arena_init(&st->cards);
	for (int k = 0; k < IX_N; k++)
		strmap_init(&st->index[k]);
	source_text_init(&st->cached, NULL, 0);
	buf_init(&st->cache_out);
	buf_init(&st->cache_blobs);
	lib->state = st;
	return st;
}

void library_init(struct library *lib)
{
	memset(lib, 0, sizeof(*lib));
	arena_init(&lib->arena);
}

void library_release(struct library *lib)
{
	struct library_state *st = lib->state;

	if (st) {
		for (size_t i = 0; i < st->sources.len; i++) {
			struct source *src = vec_at(&st->sources, i);

			xfree(src->copy);
		}
		vec_release(&st->decks);
		vec_release(&st->rubrics);
		vec_release(&st->scenarios);
		vec_release(&st->stories);
		vec_release(&st->items);
		vec_release(&st->sources);
		vec_release(&st->file_ids);
		for (size_t i = 0; i < st->blocks.len; i++)
			xfree(*(void **)vec_at(&st->blocks, i));
		vec_release(&st->blocks);
		vec_release(&st->rejected);
		vec_release(&st->pending);
		arena_release(&st->cards);
		library_index_drop(st);
		xfree(st->cached_data);
		source_text_release(&st->cached);
		buf_release(&st->cache_out);
		buf_release(&st->cache_blobs);
		xfree(st->cache_head);
		if (st->map)
			munmap(st->map, st->map_len);
		xfree(st);
	}
	arena_release(&lib->arena);
	library_init(lib);
}

static size_t vec_bytes(const struct vec *v)
{
	return v->cap * v->size;
}

size_t library_memory(const struct library *lib)
{
	const struct library_state *st = lib->state;
	size_t n = lib->arena.total + (st ? st->cards.total : 0);

	if (!st)
		return n;
	n += sizeof(*st) + st->block_bytes + vec_bytes(&st->decks) +
	     vec_bytes(&st->rubrics) + vec_bytes(&st->scenarios) + vec_bytes(&st->stories) +
	     vec_bytes(&st->items) + vec_bytes(&st->sources) +
	     vec_bytes(&st->file_ids) + vec_bytes(&st->blocks) +
	     vec_bytes(&st->rejected) + vec_bytes(&st->pending);
	for (size_t i = 0; i < st->sources.len; i++) {
		const struct source *src = vec_at(&st->sources, i);

		if (src->copy)
			n += src->len;
	}
	return n + library_index_bytes(st);
}

const struct rejected *library_rejected(const struct library *lib,
					size_t *n)
{
	const struct library_state *st = lib->state;

	*n = st ? st->rejected.len : 0;
	return *n ? st->rejected.items : NULL;
}

size_t library_file_order(const struct library *lib, const char *file)
{
	const struct library_state *st = lib->state;
	size_t i;

	if (!st)
		return 0;
	/* Names are the library's own copies: a pointer says which load. */
	for (i = 0; i < st->sources.len; i++) {
		const struct source *src = vec_at(&st->sources, i);

		if (src->name == file)
			return i;
	}
	return i;
}

void loader_diag(struct loader *ld, enum diag_level level, struct src_pos pos,
		 const char *fmt, ...)
{
	struct buf msg;
	va_list ap;

	if (ld->file_diags > LOADER_MAX_FILE_DIAGS)
		return;
	if (ld->file_diags++ == LOADER_MAX_FILE_DIAGS) {
		diag_add(ld->dl, DIAG_ERROR, pos, "too many problems (more "
			 "than %d); the rest of the file is not read",
			 LOADER_MAX_FILE_DIAGS);
		ld->stop = 1;
		return;
	}
	buf_init(&msg);
	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	diag_add(ld->dl, level, pos, "%s", msg.s);
	buf_release(&msg);
}

static void loader_init(struct loader *ld, struct library *lib,
			struct diag_list *dl)
{
	memset(ld, 0, sizeof(*ld));
	ld->lib = lib;
	ld->st = library_state_get(lib);
	ld->dl = dl;
	buf_init(&ld->reader.out);
	buf_init(&ld->text_buf);
	buf_init(&ld->tmp);
}

static void loader_release(struct loader *ld)
{
	for (size_t i = 0; i < LOADER_FRAMES; i++)
		xfree(ld->scratch[i].data);
	reader_release(&ld->reader);
	buf_release(&ld->text_buf);
	buf_release(&ld->tmp);
}

int library_ref_escapes(const char *ref)
{
	const char *p = ref;

	if (*ref == '/')
		return 1;
	while (p) {
		if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || !p[2]))
			return 1;
		p = strchr(p, '/');
		if (p)
			p++;
	}
	return 0;
}

/* Reads the open fd, a regular file of size bytes, into out. */
static int read_all(int fd, off_t size, struct buf *out)
{
	char chunk[8192];
	ssize_t n;

	buf_grow(out, (size_t)size);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return TPM_EIO;
		if (out->len + (size_t)n > LOADER_MAX_FILE_BYTES)
			return TPM_ETOOBIG;	/* it grew as it was read */
		buf_add(out, chunk, (size_t)n);
	}
	return 0;
}

int library_read_ref(const char *content_dir, const char *ref,
		     struct buf *out)
{
	struct stat st;
	char *path;
	int fd, ret;

	if (!content_dir)
		return TPM_ENOENT;
	if (library_ref_escapes(ref))
		return TPM_EINVAL;
	path = xmalloc(strlen(content_dir) + strlen(ref) + 2);
	sprintf(path, "%s/%s", content_dir, ref);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	xfree(path);
	if (fd < 0)
		return errno == ENOENT ? TPM_ENOENT : TPM_EIO;
	if (fstat(fd, &st) < 0)
		ret = TPM_EIO;
	else if (!S_ISREG(st.st_mode))
		ret = TPM_EINVAL;
	else if ((uint64_t)st.st_size > LOADER_MAX_FILE_BYTES)
		ret = TPM_ETOOBIG;
	else
		ret = read_all(fd, st.st_size, out);
	close(fd);
	return ret;
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(const void *const *)a;
	uintptr_t y = (uintptr_t)*(const void *const *)b;

	return (x > y) - (x < y);
}

/* set sorted by cmp_ptr: a bounded search, however many are left out. */
static int in(const void *const *set, size_t n, const void *p)
{
	return n && bsearch(&p, set, n, sizeof(*set), cmp_ptr) != NULL;
}

/* A sorted copy of the n pointers of v, for in(); xfree() it. */
static const void **sorted_set(const void *const *v, size_t n)
{
	const void **set = xmalloc((n ? n : 1) * sizeof(*set));

	if (n)
		memcpy(set, v, n * sizeof(*set));
	qsort(set, n, sizeof(*set), cmp_ptr);
	return set;
}

void library_leave_out(struct library *lib, const struct card *const *cards,
		       size_t n_cards, const struct scenario *const *scen,
		       size_t n_scen)
{
	struct library_state *st = lib->state;
	const void **bad_cards, **bad_scen;
	struct item *items;
	struct scenario *sc;
	size_t k = 0;

	if (!st || (!n_cards && !n_scen))
		return;
	items = st->items.items;
	sc = st->scenarios.items;
	bad_cards = sorted_set((const void *const *)cards, n_cards);
	bad_scen = sorted_set((const void *const *)scen, n_scen);
	for (size_t i = 0; i < st->items.len; i++)
		if (!in(bad_cards, n_cards, items[i].card))
			items[k++] = items[i];
	st->items.len = k;
	k = 0;
	for (size_t i = 0; i < st->scenarios.len; i++)
		if (!in(bad_scen, n_scen, &sc[i]))
			sc[k++] = sc[i];
	st->scenarios.len = k;
	xfree(bad_cards);
	xfree(bad_scen);
	lib->n_items = st->items.len;
	lib->n_scenarios = st->scenarios.len;
	library_index_drop(st);
}

static void library_finish(struct library *lib);

const struct scenario *library_add_scenario(struct library *lib,
					    const struct scenario *s)
{
	struct library_state *st = library_state_get(lib);
	struct scenario *copy = vec_push(&st->scenarios);

	*copy = *s;
	library_finish(lib);
	return copy;
}

/* 1 if file is under dir ("dir/..."). */
static int under(const char *file, const char *dir)
{
	size_t n = strlen(dir);

	return file && !strncmp(file, dir, n) && file[n] == '/';
}

/* The deck outside shipped_dir with the id of lib->decks[i], or NULL. */
static const struct deck *copy_of(const struct library *lib, size_t i,
				  const char *shipped_dir)
{
	for (size_t k = 0; k < lib->n_decks; k++)
		if (k != i && !under(lib->decks[k].file, shipped_dir) &&
		    !strcmp(lib->decks[k].id.s, lib->decks[i].id.s))
			return &lib->decks[k];
	return NULL;
}

size_t library_prefer_copies(struct library *lib, const char *shipped_dir,
			     struct vec *replaced)
{
	struct library_state *st = lib->state;
	struct deck *decks = st ? st->decks.items : NULL;
	struct item *items;
	size_t n = 0, k = 0;

	if (!st)
		return 0;
	for (size_t i = 0; i < lib->n_decks; i++) {
		const struct deck *copy = NULL;

		if (under(decks[i].file, shipped_dir))
			copy = copy_of(lib, i, shipped_dir);
		if (!copy)
			continue;
		*(struct deck_copy *)vec_push(replaced) = (struct deck_copy){
			decks[i].id.s, decks[i].file, copy->file };
		decks[i].id.s = NULL;	/* marked: dropped below */
		n++;
	}
	if (!n)
		return 0;
	items = st->items.items;
	for (size_t i = 0; i < st->items.len; i++)
		if (items[i].deck->id.s)
			items[k++] = items[i];
	st->items.len = k;
	k = 0;
	for (size_t i = 0; i < st->decks.len; i++)
		if (decks[i].id.s)
			decks[k++] = decks[i];
	st->decks.len = k;
	library_finish(lib);
	return n;
}

/* 1 if it is one of d's cards' items. */
static int of_deck(const struct item *it, const struct deck *d)
{
	uintptr_t p = (uintptr_t)it->card, first = (uintptr_t)d->cards;

	return p >= first && p < first + d->n_cards * sizeof(*d->cards);
}

/*
 * Points every item and every decoded card at its deck (the decks array
 * moves as it grows, so this waits for the end of a load) and publishes
 * the arrays.  The items are in their decks' order.
 */
static void library_finish(struct library *lib)
{
	struct library_state *st = lib->state;

	lib->decks = st->decks.items;
	lib->n_decks = st->decks.len;
	lib->rubrics = st->rubrics.items;
	lib->n_rubrics = st->rubrics.len;
	lib->scenarios = st->scenarios.items;
	lib->n_scenarios = st->scenarios.len;
	lib->stories = st->stories.items;
	lib->n_stories = st->stories.len;
	lib->items = st->items.items;
	lib->n_items = st->items.len;
	for (size_t i = 0, it = 0; i < lib->n_decks; i++) {
		const struct deck *d = &lib->decks[i];

		for (; it < lib->n_items && of_deck(&lib->items[it], d); it++)
			((struct item *)&lib->items[it])->deck = d;
		if (!loader_cards_pending(st, d))
			for (size_t k = 0; k < d->n_cards; k++)
				((struct card *)&d->cards[k])->deck = d;
	}
	library_index_drop(st);
}

static struct src_pos file_pos(const char *file)
{
	struct src_pos pos = { file, 0, 0 };

	return pos;
}

static void add_source(struct loader *ld, const char *name, const char *copy,
		       size_t len)
{
	struct source *src = vec_push(&ld->st->sources);

	memset(src, 0, sizeof(*src));
	src->name = name;
	src->len = len;
	if (copy) {
		src->copy = xmalloc(len ? len : 1);
		memcpy(src->copy, copy, len);
	}
}

static void too_large(struct loader *ld, const char *file, unsigned long long n)
{
	diag_add(ld->dl, DIAG_ERROR, file_pos(file), "file is too large (%llu "
		 "bytes; the limit is %u)", n, LOADER_MAX_FILE_BYTES);
}

int loader_read_file(const char *path, struct buf *out, size_t *size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	int err = 0, saved;

	if (fd < 0)
		return TPM_EIO;
	if (fstat(fd, &st) < 0) {
		err = TPM_EIO;
		goto out;
	}
	*size = (size_t)st.st_size;
	if (st.st_size > (off_t)LOADER_MAX_FILE_BYTES) {
		err = TPM_ETOOBIG;
		goto out;
	}
	buf_clear(out);
	buf_grow(out, (size_t)st.st_size);
	for (;;) {
		ssize_t n;

		/* The file may have grown since fstat: read to the end. */
		if (out->cap - out->len < 2)
			buf_grow(out, 65536);
		n = read(fd, out->s + out->len, out->cap - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = TPM_EIO;
			goto out;
		}
		if (!n)
			break;
		out->len += (size_t)n;
		out->s[out->len] = '\0';
		if (out->len > LOADER_MAX_FILE_BYTES) {
			*size = out->len;
			err = TPM_ETOOBIG;
			goto out;
		}
	}
out:
	saved = errno;
	close(fd);
	errno = saved;
	return err;
}

static int seen_file(struct loader *ld, const struct stat *st)
{
	struct vec *ids = &ld->st->file_ids;
	struct file_id *id;

	for (size_t i = 0; i < ids->len; i++) {
		id = vec_at(ids, i);
		if (id->dev == st->st_dev && id->ino == st->st_ino)
			return 1;
	}
	id = vec_push(ids);
	id->dev = st->st_dev;
	id->ino = st->st_ino;
	return 0;
}

/* What the library's arrays hold, to see what one source adds. */
struct counts {
	size_t decks, rubrics, scenarios, stories, diags, rejected, bytes;
};

static struct counts counts(const struct loader *ld)
{
	return (struct counts){ ld->st->decks.len, ld->st->rubrics.len,
				ld->st->scenarios.len, ld->st->stories.len,
				ld->dl->items.len, ld->st->rejected.len,
				ld->lib->bytes_read };
}

/* Notes in src which object the source gave since before was taken. */
static void note_object(const struct loader *ld, struct source *src,
			const struct counts *before)
{
	struct counts now = counts(ld);

	src->n = 1;
	if (now.decks > before->decks) {
		src->kind = SRC_DECK;
		src->first = before->decks;
	} else if (now.rubrics > before->rubrics) {
		src->kind = SRC_RUBRIC;
		src->first = before->rubrics;
	} else if (now.scenarios > before->scenarios) {
		src->kind = SRC_SCENARIO;
		src->first = before->scenarios;
	} else if (now.stories > before->stories) {
		src->kind = SRC_STORIES;
		src->first = before->stories;
		src->n = now.stories - before->stories;
	}
}

/*
 * Reads one file or buffer (fd < 0) into the library.  key is a file's:
 * the record of it in ld->cache (rec, or NULL) is used if it can be,
 * else fd is parsed.
 */
static void load_input(struct loader *ld, const char *name, int fd,
		       const char *data, size_t len,
		       const struct file_key *key, struct cache_record *rec)
{
	struct counts before = counts(ld);
	size_t i = ld->st->sources.len;
	struct source *src;
	int cached;

	ld->lib->n_files++;
	ld->file = arena_strdup(&ld->lib->arena, name);
	add_source(ld, ld->file, data, len);
	cached = rec && loader_cache_commit(ld, rec) == 0;
	if (cached) {
		ld->lib->n_cached++;
		ld->lib->bytes_read += (size_t)key->size;
	} else {
		int own = -1;

		if (rec)	/* its record was unsound: read the file */
			fd = own = open(name, O_RDONLY | O_CLOEXEC);
		if (fd < 0 && key) {
			diag_add(ld->dl, DIAG_ERROR, file_pos(name),
				 "cannot read: %s", strerror(errno));
		} else {
			ld->file_diags = 0;
			ld->stop = 0;
			reader_start(ld, fd, data, len);
			loader_parse(ld);
		}
		if (own >= 0)
			close(own);
	}
	src = vec_at(&ld->st->sources, i);
	if (key) {
		src->key = *key;
		/* A file that said nothing but its objects, and was read
		 * whole (not one that grew as it was read), can be cached. */
		src->cacheable = cached ||
				 (ld->dl->items.len == before.diags &&
				  ld->st->rejected.len == before.rejected &&
				  ld->lib->bytes_read - before.bytes ==
					  (size_t)key->size);
	}
	note_object(ld, src, &before);
}

static struct file_key file_key(const struct stat *st)
{
	return (struct file_key){
		.size = st->st_size,
		.mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 +
			    st->st_mtim.tv_nsec,
		.ctime_ns = (int64_t)st->st_ctim.tv_sec * 1000000000 +
			    st->st_ctim.tv_nsec,
		.ino = st->st_ino,
		.dev = st->st_dev,
	};
}

static int load_file(struct loader *ld, const char *path,
		     const struct stat *st)
{
	struct file_key key = file_key(st);
	struct cache_record *rec;
	int fd;

	if (seen_file(ld, st))
		return 0;
	/* Refuse a huge file before reading a byte of it. */
	if (st->st_size > (off_t)LOADER_MAX_FILE_BYTES) {
		ld->lib->n_files++;
		too_large(ld, path, (unsigned long long)st->st_size);
		return 0;
	}
	rec = loader_cache_find(ld->cache, path, &key);
	/* Unchanged since the cache was made: not even opened. */
	fd = rec ? -1 : open(path, O_RDONLY | O_CLOEXEC);
	if (!rec && fd < 0) {
		diag_add(ld->dl, DIAG_ERROR, file_pos(path), "cannot read: %s",
			 strerror(errno));
		return TPM_EIO;
	}
	load_input(ld, path, fd, NULL, 0, &key, rec);
	if (fd >= 0)
		close(fd);
	return 0;
}

static int yaml_name(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && !strcmp(name + n - 5, ".yaml")) ||
	       (n > 4 && !strcmp(name + n - 4, ".yml"));
}

static char *path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	struct buf b;

	buf_init(&b);
	buf_add(&b, dir, n);
	if (n && dir[n - 1] != '/')
		buf_addch(&b, '/');
	buf_adds(&b, name);
	return buf_detach(&b, NULL);
}

/* A file collect() found, with what stat() said of it then. */
struct found_file {
	char *path;
	struct stat st;
};

static int cmp_found(const void *a, const void *b)
{
	return strcmp(((const struct found_file *)a)->path,
		      ((const struct found_file *)b)->path);
}

/*
 * Collects dir's YAML files into files (struct found_file), recursively,
 * each stat()ed once, relative to its directory: a big library is
 * hundreds of files, and a start reads nothing else of them.  ancestors
 * holds the directories being walked, so that a symlink loop is not
 * followed.
 */
static int collect(struct loader *ld, const char *dir, const struct stat *dst,
		   struct vec *files, struct vec *ancestors)
{
	struct file_id *id;
	struct dirent *e;
	DIR *d;
	int ret = 0;

	for (size_t i = 0; i < ancestors->len; i++) {
		id = vec_at(ancestors, i);
		if (id->dev == dst->st_dev && id->ino == dst->st_ino)
			return 0;
	}
	d = opendir(dir);
	if (!d) {
		diag_add(ld->dl, DIAG_ERROR, file_pos(dir), "cannot open "
			 "directory: %s", strerror(errno));
		return TPM_EIO;
	}
	id = vec_push(ancestors);
	id->dev = dst->st_dev;
	id->ino = dst->st_ino;
	while ((e = readdir(d))) {
		char *path;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		path = path_join(dir, e->d_name);
		if (fstatat(dirfd(d), e->d_name, &st, 0) < 0) {
			diag_add(ld->dl, DIAG_ERROR, file_pos(path),
				 "cannot open: %s", strerror(errno));
			ret = TPM_EIO;
		} else if (S_ISDIR(st.st_mode)) {
			if (collect(ld, path, &st, files, ancestors) < 0)
				ret = TPM_EIO;
		} else if (S_ISREG(st.st_mode) && yaml_name(e->d_name)) {
			*(struct found_file *)vec_push(files) =
				(struct found_file){ path, st };
			continue;
		} else if (yaml_name(e->d_name)) {
			/* A FIFO could block the read forever: not opened. */
			diag_add(ld->dl, DIAG_WARNING, file_pos(path), "not a "
				 "regular file (a FIFO or device?); skipped");
		}
		xfree(path);
	}
	closedir(d);
	ancestors->len--;
	return ret;
}

static int load_dir(struct loader *ld, const char *dir, const struct stat *st)
{
	struct vec files, ancestors;
	int ret;

	vec_init(&files, sizeof(struct found_file));
	vec_init(&ancestors, sizeof(struct file_id));
	ret = collect(ld, dir, st, &files, &ancestors);
	if (files.len)
		qsort(files.items, files.len, sizeof(struct found_file),
		      cmp_found);

	for (size_t i = 0; i < files.len; i++) {
		struct found_file *f = vec_at(&files, i);

		if (load_file(ld, f->path, &f->st) < 0)
			ret = TPM_EIO;
		xfree(f->path);
	}
	vec_release(&files);
	vec_release(&ancestors);
	return ret;
}

static int load_path(struct loader *ld, const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		diag_add(ld->dl, DIAG_ERROR, file_pos(path), "cannot open: %s",
			 strerror(errno));
		return TPM_EIO;
	}
	if (S_ISDIR(st.st_mode))
		return load_dir(ld, path, &st);
	if (S_ISREG(st.st_mode))
		return load_file(ld, path, &st);
	diag_add(ld->dl, DIAG_ERROR, file_pos(path), "not a regular file or "
		 "directory");
	return TPM_EIO;
}

int library_load_cached(struct library *lib, const char *const *paths,
			size_t n_paths, const char *content_dir,
			struct library_cache *c, int64_t now_ns,
			struct diag_list *dl)
{
	struct loader ld;
	int ret = 0;

	loader_init(&ld, lib, dl);
	ld.cache = c;
	if (content_dir && !lib->content_dir)
		lib->content_dir = arena_strdup(&lib->arena, content_dir);
	for (size_t i = 0; i < n_paths; i++)
		if (load_path(&ld, paths[i]) < 0)
			ret = TPM_EIO;
	loader_release(&ld);
	/* Before anything leaves the arrays out: the cache holds files,
	 * cards and all; and a library not wholly the cache's is linted. */
	if (c && !library_cache_fresh(lib, c)) {
		if (library_cards(lib) < 0)
			ret = TPM_ECORRUPT;
		else
			library_cache_encode(lib, now_ns);
	}
	library_finish(lib);
	return ret;
}

int library_load(struct library *lib, const char *const *paths,
		 size_t n_paths, const char *content_dir,
		 struct diag_list *dl)
{
	return library_load_cached(lib, paths, n_paths, content_dir, NULL, 0,
				   dl);
}

int library_load_buffer(struct library *lib, const char *file,
			const char *data, size_t len, struct diag_list *dl)
{
	struct loader ld;
	int ret = 0;

	loader_init(&ld, lib, dl);
	if (len > LOADER_MAX_FILE_BYTES) {
		lib->n_files++;
		too_large(&ld, file, (unsigned long long)len);
		ret = TPM_ETOOBIG;
	} else {
		load_input(&ld, file, -1, data, len, NULL, NULL);
	}
	loader_release(&ld);
	library_finish(lib);
	return ret;
}
