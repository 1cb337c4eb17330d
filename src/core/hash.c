#include "core/hash.h"

#include <xxhash.h>

uint64_t hash64(const void *data, size_t len)
{
	return XXH3_64bits(data, len);
}
