/*
 * Whole files in and out, for files the user owns (the story bank): a
 * read is bounded, and a write replaces the file atomically, so that a
 * crash or a full disk leaves the old file or the new one, never half.
 */
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/path.h"
#include "loader/loader.h"

int cli_read_file(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;
	int err;

	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (out->len + n > LOADER_MAX_FILE_BYTES) {
			fclose(f);
			errno = EFBIG;
			return -1;
		}
		buf_add(out, chunk, n);
	}
	err = ferror(f) ? errno : 0;
	fclose(f);
	if (!out->s)
		buf_adds(out, "");
	errno = err;
	return err ? -1 : 0;
}

int cli_write_file(const char *path, const char *data, size_t len)
{
	struct buf tmp;
	struct stat st;
	int fd, ok, err;

	if (path_make_parents(path) < 0)
		return -1;
	buf_init(&tmp);
	buf_addf(&tmp, "%s.XXXXXX", path);
	fd = mkstemp(tmp.s);
	if (fd < 0) {
		buf_release(&tmp);
		return -1;
	}
	/* The new file keeps the old one's permissions. */
	fchmod(fd, stat(path, &st) == 0 ? st.st_mode & 07777 : 0644);
	ok = write(fd, data, len) == (ssize_t)len && fsync(fd) == 0;
	err = errno;
	ok = close(fd) == 0 && ok;
	if (ok && rename(tmp.s, path) == 0) {
		buf_release(&tmp);
		return 0;
	}
	err = errno ? errno : err;
	unlink(tmp.s);
	buf_release(&tmp);
	errno = err;
	return -1;
}
