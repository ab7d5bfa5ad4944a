/* mconflict: a region's chosen statement in a group, and its conflicts. */
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "mconflict.h"

int
mconflict_cmp_issued(const struct mstmt *x, const struct mstmt *y)
{
	const char *a = fields_str(x->o, "issued");
	const char *b = fields_str(y->o, "issued");

	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

int
mconflict_same_claim(const json_t *a, const json_t *b)
{
	char va[FIELDS_NUMLEN], vb[FIELDS_NUMLEN];

	fields_value(a, 0, va);
	fields_value(b, 0, vb);
	if (strcmp(va, vb) != 0)
		return 0;
	fields_value(a, 1, va);
	fields_value(b, 1, vb);
	if (strcmp(va, vb) != 0)
		return 0;
	return strcmp(fields_str(a, "cmp"), fields_str(b, "cmp")) == 0;
}

void
mconflict_entry(struct mentry *e, struct mstmt *st, size_t first, size_t end)
{
	size_t i;
	int c;

	e->first = first;
	e->end = end;
	e->s = &st[first];
	e->conflict = 0;
	for (i = first + 1; i < end; i++) {
		if (strcmp(fields_doc(st[i].o), fields_doc(st[i - 1].o)) == 0)
			continue;
		if (!mconflict_same_claim(st[i].o, st[first].o))
			e->conflict = 1;
		c = mconflict_cmp_issued(&st[i], e->s);
		if (c > 0 || (c == 0 && st[i].seq < e->s->seq))
			e->s = &st[i];
	}
}

static int
cmp_claim(const void *a, const void *b)
{
	const struct mstmt *x = *(const struct mstmt *const *)a;
	const struct mstmt *y = *(const struct mstmt *const *)b;
	int c;

	if ((c = mconflict_cmp_issued(x, y)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

size_t
mconflict_claims(const struct mentry *e, const struct mstmt *st,
    const struct mstmt ***out, int *current)
{
	const struct mstmt **c = NULL;
	size_t i, n = 0;
	int dated = 1;

	for (i = e->first; i < e->end; i++) {
		if (i > e->first && strcmp(fields_doc(st[i].o),
		    fields_doc(st[i - 1].o)) == 0)
			continue;
		c = xreallocarray(c, n + 1, sizeof(*c));
		c[n++] = &st[i];
		dated &= fields_str(st[i].o, "issued") != NULL;
	}
	qsort(c, n, sizeof(*c), cmp_claim);
	*current = dated && (n < 2 ||
	    mconflict_cmp_issued(c[n - 1], c[n - 2]) > 0);
	*out = c;
	return n;
}
