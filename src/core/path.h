#ifndef TPM_CORE_PATH_H
#define TPM_CORE_PATH_H

/*
 * mkdir -p for the directories above path (not path itself), each new
 * one mode 0700: the user's data is nobody else's.  Returns 0, or -1 with
 * errno set.
 */
int path_make_parents(const char *path);

#endif
