/*
 * buf: a growable byte buffer, and growable arrays of anything.
 *
 * A struct buf owns its storage: start with struct buf b = {0};
 * buf_free() releases it and leaves it empty and reusable.  An array grown
 * with VEC_PUSH() or vec_reserve() belongs to whoever holds the pointer
 * and is released with free().  Growth that cannot happen exits 2
 * (xalloc.h), so nothing here returns an error.
 */
#ifndef BUF_H
#define BUF_H

#include <stddef.h>

/*
 * data is always NUL-terminated after any append, but may contain NUL
 * bytes itself.
 */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	 buf_grow(struct buf *, size_t);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_addc(struct buf *, int);
void	 buf_adds(struct buf *, const char *);
void	 buf_clear(struct buf *);
/* Drop the first k bytes (all of them when k >= len). */
void	 buf_cut(struct buf *, size_t k);
void	 buf_free(struct buf *);

/*
 * Room for need elements of size bytes in the array v, which has room for
 * *cap: when it is short, *cap at least doubles (16 at first).  Returns
 * the array, perhaps moved.
 */
void	*vec_reserve(void *v, size_t *cap, size_t need, size_t size);

/*
 * The one way to append to an array: VEC_PUSH(v, n, cap) makes room for
 * v[n], increments n and evaluates to &v[n - 1], uninitialised.  v, n and
 * cap are lvalues (T *, size_t, size_t) evaluated more than once: no side
 * effects in them.
 */
#define VEC_PUSH(v, n, cap) \
	((v) = vec_reserve((v), &(cap), (n) + 1, sizeof(*(v))), &(v)[(n)++])

#endif
