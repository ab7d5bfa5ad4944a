/* buf: growable byte buffers and arrays. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "xalloc.h"

void *
vec_reserve(void *v, size_t *cap, size_t need, size_t size)
{
	size_t n;

	if (need <= *cap)
		return v;
	n = *cap < 16 ? 16 : *cap;
	while (n < need)
		n = n > SIZE_MAX / 2 ? need : n * 2;
	v = xreallocarray(v, n, size);
	*cap = n;
	return v;
}

void
buf_grow(struct buf *b, size_t extra)
{
	if (extra > SIZE_MAX - b->len - 1)
		zb_errx("buffer overflow");
	b->data = vec_reserve(b->data, &b->cap, b->len + extra + 1, 1);
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_addc(struct buf *b, int c)
{
	char ch = (char)c;

	buf_add(b, &ch, 1);
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_cut(struct buf *b, size_t k)
{
	if (k >= b->len) {
		buf_clear(b);
		return;
	}
	memmove(b->data, b->data + k, b->len - k);
	b->len -= k;
	b->data[b->len] = '\0';
}

void
buf_clear(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
