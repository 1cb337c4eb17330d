#include "core/path.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xmalloc.h"

int path_make_parents(const char *path)
{
	char *dir = xstrdup(path);
	int ret = 0;

	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			ret = -1;
			break;
		}
		*p = '/';
	}
	xfree(dir);
	return ret;
}

int path_replace(const char *path, const void *data, size_t len)
{
	char *tmp = xmalloc(strlen(path) + 32);
	int fd, ok, err = 0;

	sprintf(tmp, "%s.%ld.tmp", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ok = fd >= 0;
	for (size_t off = 0; ok && off < len;) {
		ssize_t w = write(fd, (const char *)data + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		ok = w > 0;
		off += ok ? (size_t)w : 0;
	}
	if (!ok)
		err = errno ? errno : EIO;
	if (fd >= 0 && close(fd) < 0 && ok) {
		ok = 0;
		err = errno;
	}
	if (ok && rename(tmp, path) < 0) {
		ok = 0;
		err = errno;
	}
	if (!ok && fd >= 0)
		unlink(tmp);
	xfree(tmp);
	errno = err;
	return ok ? 0 : -1;
}
