#ifndef TPM_CORE_QUOTE_H
#define TPM_CORE_QUOTE_H

#include <stddef.h>

struct buf;

/*
 * The one way an untrusted string (a value from a deck, a file name, an
 * id, an argument) is shown in a message, so that no message carries an
 * escape sequence, a C1 control, a bidirectional override or a byte that
 * is not UTF-8 to a terminal.
 *
 * quote_add() appends s[0..len) to out, cut to max characters (then
 * "..."): \n, \t and \e as such; other C0 and C1 controls and DEL as \xHH
 * and \uHHHH; the bidirectional controls (U+061C, U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069) as \uHHHH; a byte that does not start
 * valid UTF-8 as \xHH.  quote_dup() does the same to 40 characters into a
 * new string the caller frees with xfree().
 */
void quote_add(struct buf *out, const char *s, size_t len, size_t max);
char *quote_dup(const char *s, size_t len);

#endif
