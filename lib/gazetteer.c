/* gazetteer: administrative divisions. */
#define _GNU_SOURCE	/* memmem */
#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"
#include "utf8.h"
#include "util.h"

#define MAXNAME	48	/* bytes: the longest names are 16 characters */

static int
cmp_region(const void *a, const void *b)
{
	const struct region *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static int
cmp_code(const void *a, const void *b)
{
	const struct region *const *x = a, *const *y = b;

	return strcmp((*x)->code, (*y)->code);
}

int
gazetteer_load(struct gazetteer *g, const char *s, size_t n)
{
	const char *end = s + n, *eol, *f[5];
	size_t cap = 0, k;
	struct region *r;
	int bad = 0;

	while (s < end) {
		eol = memchr(s, '\n', (size_t)(end - s));
		if (eol == NULL)
			eol = end;
		if (*s != '#' && eol > s) {
			f[0] = s;
			for (k = 1; k < 5; k++) {
				f[k] = memchr(f[k - 1], '\t',
				    (size_t)(eol - f[k - 1]));
				if (f[k] == NULL)
					break;
				f[k]++;
			}
			if (k < 5) {
				bad++;
			} else if (f[2] - f[1] - 1 == 6 &&
			    memcmp(f[2] - 4, "\xe5\x8c\xba", 3) == 0) {
				/* 城区, 郊区, 矿区: words, not names, in text */
			} else {
				r = VEC_PUSH(g->v, g->n, cap);
				r->code = xmemdup(f[0], (size_t)(f[1] - f[0] - 1));
				r->name = xmemdup(f[1], (size_t)(f[2] - f[1] - 1));
				r->level = xmemdup(f[3],
				    (size_t)(f[4] - f[3] - 1));
				r->shortname = xmemdup(f[2],
				    (size_t)(f[3] - f[2] - 1));
				r->parent = xmemdup(f[4],
				    (size_t)(eol - f[4]));
				r->len = strlen(r->name);
			}
		}
		s = eol + 1;
	}
	/* qsort's array may not be NULL, even when empty (UBSan) */
	if (g->n > 0)
		qsort(g->v, g->n, sizeof(*g->v), cmp_region);
	free(g->bycode);
	g->bycode = xreallocarray(NULL, g->n, sizeof(*g->bycode));
	for (k = 0; k < g->n; k++)
		g->bycode[k] = &g->v[k];
	if (g->n > 0)
		qsort(g->bycode, g->n, sizeof(*g->bycode), cmp_code);
	return bad;
}

void
gazetteer_free(struct gazetteer *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		free(g->v[i].name);
		free(g->v[i].code);
		free(g->v[i].level);
		free(g->v[i].shortname);
		free(g->v[i].parent);
	}
	free(g->v);
	free(g->bycode);
	g->bycode = NULL;
	g->v = NULL;
	g->n = 0;
}

static const struct region *
exact(const struct gazetteer *g, const char *s, size_t n)
{
	char key[MAXNAME + 1];
	struct region k, *hit;

	if (n > MAXNAME)
		return NULL;
	memcpy(key, s, n);
	key[n] = '\0';
	k.name = key;
	hit = bsearch(&k, g->v, g->n, sizeof(*g->v), cmp_region);
	return hit;
}

const struct region *
gazetteer_code(const struct gazetteer *g, const char *code)
{
	struct region k, *kp = &k, **hit;

	k.code = (char *)code;
	hit = bsearch(&kp, g->bycode, g->n, sizeof(*g->bycode), cmp_code);
	return hit != NULL ? *hit : NULL;
}

const struct region *
gazetteer_parent(const struct gazetteer *g, const struct region *r)
{
	return r->parent[0] != '\0' ? gazetteer_code(g, r->parent) : NULL;
}

size_t
gazetteer_named(const struct gazetteer *g, const char *name,
    const struct region **out, size_t max)
{
	size_t i, k = 0;

	for (i = 0; i < g->n; i++)
		if (strcmp(g->bycode[i]->name, name) == 0 ||
		    strcmp(g->bycode[i]->shortname, name) == 0) {
			if (k < max)
				out[k] = g->bycode[i];
			k++;
		}
	return k;
}

const struct region *
gazetteer_prefix(const struct gazetteer *g, const char *s, size_t n)
{
	size_t ends[20], k = 0, i = 0, len;
	uint32_t c;
	const struct region *r;

	/* Candidate ends: every character boundary from 2 characters on. */
	while (i < n && k < 20) {
		len = utf8_decode((const unsigned char *)s + i, n - i, &c);
		if (len == 0 || c < 0x80)
			break;
		i += len;
		ends[k++] = i;
	}
	while (k >= 2) {
		r = exact(g, s, ends[--k]);
		if (r != NULL)
			return r;
	}
	return NULL;
}

const struct region *
gazetteer_find(const struct gazetteer *g, const char *s, size_t n,
    size_t *at)
{
	const struct region *r;
	size_t i = 0, len;
	uint32_t c;

	while (i < n) {
		r = gazetteer_prefix(g, s + i, n - i);
		if (r != NULL) {
			*at = i;
			return r;
		}
		len = utf8_decode((const unsigned char *)s + i, n - i, &c);
		i += len ? len : 1;
	}
	return NULL;
}

static int
follows_suffix(const char *s, size_t n)
{
	static const char *sfx[] = { "市", "县", "区", "州", "省", "盟", "旗" };
	size_t i;

	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++)
		if (n >= 3 && memcmp(s, sfx[i], 3) == 0)
			return 1;
	return 0;
}

const struct region *
gazetteer_find_short(const struct gazetteer *g, const char *s, size_t n,
    const char *level)
{
	const struct region *best = NULL;
	const char *p, *at = NULL;
	size_t i;

	for (i = 0; i < g->n; i++) {
		if (strcmp(g->v[i].level, level) != 0 ||
		    g->v[i].shortname[0] == '\0')
			continue;
		p = memmem(s, n, g->v[i].shortname, strlen(g->v[i].shortname));
		/* 吉林市 names the city, not the province 吉林 */
		if (p != NULL && follows_suffix(p + strlen(g->v[i].shortname),
		    (size_t)(s + n - p) - strlen(g->v[i].shortname)))
			continue;
		if (p != NULL && (at == NULL || p < at)) {
			at = p;
			best = &g->v[i];
		}
	}
	return best;
}
