/*
 * claims: the spans of a paragraph already taken by a record, so a later
 * rule cannot take a value again.  Claims are scanned one by one while
 * they are few.  A paragraph with more (a long run of values and no
 * sentence end) would make that quadratic, so past CLAIMSCAN claims they
 * are also kept in a Fenwick tree of the largest end by start (claimed())
 * and, once claims_index() has run, sorted by end (claims_within()).  Both
 * give exactly the answers of the scan.  A struct claims owns its arrays;
 * claims_free() releases them.
 */
#include <stdint.h>
#include <stdlib.h>

#include "extract_int.h"

#define CLAIMSCAN	64

static void
cmax_put(struct claims *c, size_t a, size_t b)
{
	size_t i;

	for (i = a + 1; i <= c->cmaxn; i += i & -i)
		if (c->cmax[i] < b)
			c->cmax[i] = (uint32_t)b;
}

/* The largest end of a claim that starts before e. */
static size_t
cmax_get(const struct claims *c, size_t e)
{
	size_t i, m = 0;

	for (i = e < c->cmaxn ? e : c->cmaxn; i > 0; i -= i & -i)
		if (c->cmax[i] > m)
			m = c->cmax[i];
	return m;
}

/* Forget every claim (a new paragraph); keeps the storage. */
void
claims_reset(struct claims *c)
{
	c->s.n = 0;
	free(c->cmax);
	free(c->byend);
	c->cmax = NULL;
	c->byend = NULL;
	c->cmaxn = 0;
}

void
claims_free(struct claims *c)
{
	if (c == NULL)
		return;
	claims_reset(c);
	free(c->s.v);
	c->s.v = NULL;
	c->s.cap = 0;
}

/* Claim [a, b) of a paragraph of n bytes. */
void
claim(struct claims *c, size_t a, size_t b, size_t n)
{
	size_t i;

	spans_add(&c->s, a, b);
	if (c->cmax != NULL)
		cmax_put(c, a, b);
	else if (c->s.n > CLAIMSCAN && n < UINT32_MAX) {
		c->cmaxn = n + 1;
		c->cmax = xcalloc(c->cmaxn + 1, sizeof(*c->cmax));
		for (i = 0; i < c->s.n; i++)
			cmax_put(c, c->s.v[i].a, c->s.v[i].b);
	}
}

/* Does a claim overlap [s, e)? */
int
claimed(const struct claims *c, size_t s, size_t e)
{
	size_t i;

	if (c->cmax != NULL)
		return cmax_get(c, e) > s;
	for (i = 0; i < c->s.n; i++)
		if (s < c->s.v[i].b && c->s.v[i].a < e)
			return 1;
	return 0;
}

static int
cmp_end(const void *p, const void *q)
{
	const struct span *x = p, *y = q;

	if (x->b != y->b)
		return x->b < y->b ? -1 : 1;
	return x->a < y->a ? -1 : x->a > y->a;
}

static int
cmp_size(const void *p, const void *q)
{
	const size_t *x = p, *y = q;

	return *x < *y ? -1 : *x > *y;
}

/* Index claims by end, once they are all made (many claims only). */
void
claims_index(struct claims *c)
{
	size_t i;

	if (c->s.n <= CLAIMSCAN)
		return;
	c->byend = xreallocarray(NULL, c->s.n, sizeof(*c->byend));
	for (i = 0; i < c->s.n; i++) {
		c->byend[i].a = i;
		c->byend[i].b = c->s.v[i].b;
	}
	qsort(c->byend, c->s.n, sizeof(*c->byend), cmp_end);
}

/*
 * Indices, in the order claimed, of the claims that end in (a, b]: the
 * only ones that can bound an indicator [a, b).  Returns how many, in *k
 * (free() it).
 */
size_t
claims_within(const struct claims *c, size_t a, size_t b, size_t **k)
{
	size_t lo = 0, hi = c->s.n, mid, n = 0;

	*k = NULL;
	if (c->byend == NULL) {
		*k = xreallocarray(NULL, c->s.n + 1, sizeof(**k));
		for (n = 0; n < c->s.n; n++)
			(*k)[n] = n;
		return n;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->byend[mid].b <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < c->s.n && c->byend[lo].b <= b; lo++) {
		*k = xreallocarray(*k, n + 1, sizeof(**k));
		(*k)[n++] = c->byend[lo].a;
	}
	if (n > 1)
		qsort(*k, n, sizeof(**k), cmp_size);
	return n;
}
