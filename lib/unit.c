/* unit: the unit table. */
#include <stdlib.h>
#include <string.h>

#include "dec.h"
#include "fold.h"
#include "unit.h"
#include "util.h"

#define MAXUNIT	64	/* bytes of a normalized unit */

static int
isprefix(const struct unit *u)
{
	return strcmp(u->dim, "prefix") == 0;
}

/* Index of the entry called name of the kind (prefix or not), or -1. */
static long
find(const struct unittab *t, const char *name, size_t n, int prefix)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (isprefix(&t->v[i]) == prefix &&
		    strlen(t->v[i].name) == n &&
		    memcmp(t->v[i].name, name, n) == 0)
			return (long)i;
	return -1;
}

/* Normalize a unit as written: simplified, half-width, no spaces. */
static void
normalize(const char *s, size_t n, struct buf *out)
{
	struct ntext t = {0};

	fold_append(&t, s, n, 0);
	buf_add(out, t.s.data != NULL ? t.s.data : "", t.s.len);
	fold_free(&t);
}

/* Split line l[0..n) into 4 tab-separated fields; returns the count. */
static int
fields(const char *l, size_t n, const char **f, size_t *len)
{
	const char *end = l + n, *tab;
	int k = 0;

	while (k < 5) {
		tab = memchr(l, '\t', (size_t)(end - l));
		f[k] = l;
		len[k++] = (size_t)((tab != NULL ? tab : end) - l);
		if (tab == NULL)
			break;
		l = tab + 1;
	}
	return k;
}

/* Add u, or replace the entry of its name and kind; takes u's strings. */
static void
put(struct unittab *t, const struct unit *u)
{
	long at = find(t, u->name, strlen(u->name), isprefix(u));

	if (at >= 0) {
		free(t->v[at].name);
		free(t->v[at].canon);
		free(t->v[at].factor);
		free(t->v[at].dim);
		t->v[at] = *u;
		return;
	}
	t->v = xreallocarray(t->v, t->n + 1, sizeof(*t->v));
	t->v[t->n++] = *u;
}

/*
 * Load line s[0..n), line lineno of origin, name a scratch buffer: 0, or
 * 1 when it is malformed (reported, skipped).
 */
static int
load_line(struct unittab *t, const char *s, size_t n, const char *origin,
    size_t lineno, struct buf *name)
{
	const char *f[5];
	size_t len[5];
	struct unit u;
	char *fac = NULL;

	if (memchr(s, '\0', n) != NULL) {
		/* the names are C strings from here on */
		zb_warnx("%s:%zu: NUL byte in line", origin, lineno);
		return 1;
	}
	if (fields(s, n, f, len) != 4 ||
	    len[0] == 0 || len[1] == 0 || len[3] == 0 ||
	    !dec_valid(fac = xmemdup(f[2], len[2]))) {
		zb_warnx("%s:%zu: want UNIT<tab>CANONICAL<tab>FACTOR"
		    "<tab>DIMENSION with a plain decimal factor",
		    origin, lineno);
		free(fac);
		return 1;
	}
	buf_clear(name);
	normalize(f[0], len[0], name);
	if (name->len == 0 || name->len > MAXUNIT) {
		zb_warnx("%s:%zu: unit name empty or longer than %d "
		    "bytes", origin, lineno, MAXUNIT);
		free(fac);
		return 1;
	}
	u.name = xstrdup(name->data);
	u.canon = xmemdup(f[1], len[1]);
	u.factor = fac;
	u.dim = xmemdup(f[3], len[3]);
	put(t, &u);
	return 0;
}

int
unittab_load(struct unittab *t, const char *s, size_t n, const char *origin)
{
	const char *end = s + n, *eol;
	size_t lineno = 0;
	struct buf name = {0};
	int bad = 0;

	for (; s < end; s = eol + 1) {
		eol = memchr(s, '\n', (size_t)(end - s));
		if (eol == NULL)
			eol = end;
		lineno++;
		if (eol != s && *s != '#')
			bad += load_line(t, s, (size_t)(eol - s), origin,
			    lineno, &name);
	}
	buf_free(&name);
	return bad;
}

void
unittab_free(struct unittab *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].name);
		free(t->v[i].canon);
		free(t->v[i].factor);
		free(t->v[i].dim);
	}
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

int
unit_lookup(const struct unittab *t, const char *written, struct unitval *v)
{
	struct buf u = {0};
	const struct unit *p, *best = NULL;
	long at = -1;
	size_t i, plen;

	normalize(written, strlen(written), &u);
	if (u.len > 0)
		at = find(t, u.data, u.len, 0);
	/* Else the longest multiplier followed by a known unit. */
	for (i = 0; at < 0 && i < t->n && u.len > 0; i++) {
		p = &t->v[i];
		plen = strlen(p->name);
		if (!isprefix(p) || plen >= u.len ||
		    memcmp(u.data, p->name, plen) != 0 ||
		    (best != NULL && plen <= strlen(best->name)))
			continue;
		if (find(t, u.data + plen, u.len - plen, 0) >= 0)
			best = p;
	}
	buf_clear(&v->factor);
	if (at >= 0) {
		buf_adds(&v->factor, t->v[at].factor);
	} else if (best != NULL) {
		plen = strlen(best->name);
		at = find(t, u.data + plen, u.len - plen, 0);
		dec_mul(best->factor, t->v[at].factor, &v->factor);
	}
	buf_free(&u);
	if (at < 0)
		return -1;
	v->canon = t->v[at].canon;
	v->dim = t->v[at].dim;
	return 0;
}
