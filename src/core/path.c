#include "core/path.h"

#include <errno.h>
#include <sys/stat.h>

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
