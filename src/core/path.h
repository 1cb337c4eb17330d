#ifndef TPM_CORE_PATH_H
#define TPM_CORE_PATH_H

#include <stddef.h>

/*
 * mkdir -p for the directories above path (not path itself), each new
 * one mode 0700: the user's data is nobody else's.  Returns 0, or -1 with
 * errno set.
 */
int path_make_parents(const char *path);

/*
 * Replaces the file at path with len bytes of data: written to a
 * temporary "PATH.PID.tmp" beside it and renamed over it, so a reader
 * sees the old file or the new one, never part of one.  No fsync: for
 * caches, which a crash may lose but never shows half written.  Returns
 * 0, or -1 with errno set (the temporary file removed).
 */
int path_replace(const char *path, const void *data, size_t len);

#endif
