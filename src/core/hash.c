#include "core/hash.h"

#include <string.h>

#define P1 UINT64_C(0x9e3779b185ebca87)
#define P2 UINT64_C(0xc2b2ae3d27d4eb4f)

static uint64_t rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static uint64_t word(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof(w));	/* unaligned, and any byte order */
	return w;
}

static uint64_t lane(uint64_t h, uint64_t w)
{
	return rotl(h + w * P2, 31) * P1;
}

uint64_t hash64(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h[4] = { P1, P2, ~P1, ~P2 };
	uint64_t out;
	size_t i = 0;

	/* Four lanes: the multiplications of a block do not wait on
	 * each other. */
	for (; i + 32 <= len; i += 32)
		for (int k = 0; k < 4; k++)
			h[k] = lane(h[k], word(p + i + 8 * k));
	out = rotl(h[0], 1) + rotl(h[1], 7) + rotl(h[2], 12) +
	      rotl(h[3], 18) + len;
	for (; i + 8 <= len; i += 8)
		out = lane(out, word(p + i));
	for (; i < len; i++)
		out = rotl(out ^ (p[i] * P1), 11) * P2;
	out ^= out >> 33;
	out *= P2;
	out ^= out >> 29;
	return out;
}
