#ifndef TPM_CORE_HASH_H
#define TPM_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

/*
 * A 64-bit checksum of len bytes, for telling a damaged file from a good
 * one (the library cache): XXH3, from libxxhash, which reads tens of
 * gigabytes a second with the vector unit.  Not a cryptographic hash: it
 * detects accidents, not forgeries.
 */
uint64_t hash64(const void *data, size_t len);

#endif
