#ifndef TPM_CORE_UTF8_H
#define TPM_CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes one UTF-8 sequence at s (len bytes available) into *cp and returns
 * its length, or 0 if the bytes are not well-formed UTF-8 (overlong forms,
 * surrogates and values above U+10FFFF are rejected).
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/*
 * Returns 1 if s[0..len) is well-formed UTF-8; otherwise 0, with *bad set to
 * the offset of the first bad byte.
 */
int utf8_valid(const char *s, size_t len, size_t *bad);

/* Encodes cp into out (4 bytes) and returns the length. */
size_t utf8_encode(uint32_t cp, char out[4]);

/*
 * A control character that must not reach a terminal raw: C0 except tab and
 * newline, DEL, C1 (U+0080-U+009F).
 */
int utf8_is_control(uint32_t cp);

/* 1 for the controls that reorder text on the screen (Unicode UAX #9):
 * U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069. */
int utf8_is_bidi_control(uint32_t cp);

#endif
