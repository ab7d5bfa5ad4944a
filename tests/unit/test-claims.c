/*
 * test-claims: the claimed spans of a paragraph (lib/claims.c): the scan
 * while claims are few, and the Fenwick tree and end index past
 * CLAIMSCAN, which must give the scan's answers.
 */
#include <stdio.h>
#include <stdlib.h>

#include "extract_int.h"

static int fail, n;

static void
check(int ok, const char *what, size_t i)
{
	n++;
	if (!ok) {
		printf("FAIL %s (%zu)\n", what, i);
		fail++;
	}
}

/* The answer of a plain scan over the first k claims. */
static int
scan(const struct claims *c, size_t s, size_t e)
{
	size_t i;

	for (i = 0; i < c->s.n; i++)
		if (s < c->s.v[i].b && c->s.v[i].a < e)
			return 1;
	return 0;
}

static void
run(size_t count)
{
	struct claims c = {0};
	size_t i, a, b, k, *idx, nk;

	/* spans [10i, 10i + 4): gaps between them */
	for (i = 0; i < count; i++)
		claim(&c, 10 * i, 10 * i + 4, 10 * count + 10);
	for (i = 0; i < 10 * count + 10; i += 3) {
		check(claimed(&c, i, i + 2) == scan(&c, i, i + 2),
		    "claimed() agrees with a scan", i);
	}
	check(claimed(&c, 4, 10) == 0, "a gap is not claimed", count);
	check(claimed(&c, 3, 4) == 1, "an overlap is claimed", count);
	claims_index(&c);
	/* claims ending in (a, b] */
	a = 15;
	b = 45;
	nk = claims_within(&c, a, b, &idx);
	for (k = 0, i = 0; i < nk; i++)
		if (c.s.v[idx[i]].b > a && c.s.v[idx[i]].b <= b)
			k++;
	check(count <= 64 ? nk == count : nk == 3 && k == 3,
	    "claims_within() gives the claims ending in (a, b]", nk);
	for (i = 1; i < nk; i++)
		check(idx[i - 1] < idx[i], "in the order claimed", i);
	free(idx);
	claims_reset(&c);
	check(c.s.n == 0 && !claimed(&c, 0, 100), "reset forgets", count);
	claims_free(&c);
	claims_free(NULL);
}

int
main(void)
{
	zb_setprog("test-claims");
	run(5);		/* scanned */
	run(500);	/* tree and index */
	printf("test-claims: %d checks, %d failed\n", n, fail);
	return fail != 0;
}
