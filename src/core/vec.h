#ifndef TPM_CORE_VEC_H
#define TPM_CORE_VEC_H

#include <stddef.h>

/*
 * A growable array of fixed-size elements.  Pointers into items are valid
 * until the next vec_push() or vec_release().
 */
struct vec {
	void *items;
	size_t len;
	size_t cap;
	size_t size;	/* bytes per element */
};

void vec_init(struct vec *v, size_t elem_size);
void vec_release(struct vec *v);
/* Makes room for n elements in all, when a fill's size is known. */
void vec_reserve(struct vec *v, size_t n);
/* Appends a zeroed element and returns a pointer to it. */
void *vec_push(struct vec *v);
/* Appends n elements, not zeroed, and returns a pointer to the first. */
void *vec_push_n(struct vec *v, size_t n);
/* The element at index i (i < len). */
void *vec_at(const struct vec *v, size_t i);
/* Hands the array to the caller (free with xfree()); v is reset. */
void *vec_detach(struct vec *v, size_t *len);

#endif
