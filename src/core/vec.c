#include "core/vec.h"

#include <assert.h>
#include <string.h>

#include "core/xmalloc.h"

void vec_init(struct vec *v, size_t elem_size)
{
	v->items = NULL;
	v->len = 0;
	v->cap = 0;
	v->size = elem_size;
}

void vec_release(struct vec *v)
{
	xfree(v->items);
	vec_init(v, v->size);
}

void vec_reserve(struct vec *v, size_t n)
{
	if (n <= v->cap)
		return;
	v->items = xreallocarray_huge(v->items, v->len * v->size, n, v->size);
	v->cap = n;
}

void *vec_push(struct vec *v)
{
	char *slot;

	if (v->len == v->cap)
		vec_reserve(v, v->cap ? v->cap * 2 : 8);
	slot = (char *)v->items + v->len++ * v->size;
	memset(slot, 0, v->size);
	return slot;
}

void *vec_push_n(struct vec *v, size_t n)
{
	char *first;

	if (n > v->cap - v->len)
		vec_reserve(v, v->len + n > v->cap * 2 ? v->len + n
						       : v->cap * 2);
	first = (char *)v->items + v->len * v->size;
	v->len += n;
	return first;
}

void *vec_at(const struct vec *v, size_t i)
{
	assert(i < v->len);
	return (char *)v->items + i * v->size;
}

void *vec_detach(struct vec *v, size_t *len)
{
	void *items = v->items;

	if (len)
		*len = v->len;
	vec_init(v, v->size);
	return items;
}
