/* indic: the indicator dictionary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indic.h"
#include "fold.h"
#include "util.h"

#define NFIELDS	6
#define MAXLEN	1024	/* bytes of an indicator matched */
#define MATCHLIMIT	1000000

static void
entry_free(struct indic *e)
{
	free(e->id);
	free(e->zh);
	free(e->en);
	free(e->dims);
	free(e->pattern);
	free(e->origin);
	pcre2_code_free(e->code);
}

/* Split l[0..n) at tabs into at most NFIELDS fields; returns the count. */
static int
split(char *l, char **f)
{
	int k = 0;
	char *tab;

	for (;;) {
		f[k++] = l;
		tab = strchr(l, '\t');
		if (tab == NULL || k == NFIELDS)
			break;
		*tab = '\0';
		l = tab + 1;
	}
	return k;
}

/* Compile e's pattern; returns 0, or -1 after reporting the error. */
static int
compile(struct indic *e)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE at;
	int code;

	e->code = pcre2_compile((PCRE2_SPTR)e->pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF, &code, &at, NULL);
	if (e->code == NULL) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		zb_warnx("%s: pattern error at offset %zu: %s", e->origin,
		    (size_t)at, (char *)msg);
		return -1;
	}
	(void)pcre2_jit_compile(e->code, PCRE2_JIT_COMPLETE);
	return 0;
}

/* Parse one line into e; returns 0, or -1 after reporting it. */
static int
parse_line(char *l, const char *where, struct indic *e)
{
	char *f[NFIELDS];

	memset(e, 0, sizeof(*e));
	e->origin = xstrdup(where);
	if (split(l, f) != NFIELDS || *f[0] == '\0' || *f[5] == '\0' ||
	    (strcmp(f[4], "yes") != 0 && strcmp(f[4], "no") != 0)) {
		zb_warnx("%s: want ID<tab>NAME<tab>ENGLISH<tab>DIMENSIONS<tab>"
		    "yes|no<tab>PATTERN", where);
		free(e->origin);
		return -1;
	}
	e->id = xstrdup(f[0]);
	e->zh = xstrdup(f[1]);
	e->en = xstrdup(f[2]);
	e->dims = xstrdup(f[3]);
	e->additive = strcmp(f[4], "yes") == 0;
	e->pattern = xstrdup(f[5]);
	if (compile(e) < 0) {
		entry_free(e);
		return -1;
	}
	return 0;
}

static void
add(struct indicdict *d, struct indic *e)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].id, e->id) == 0) {
			entry_free(&d->v[i]);
			d->v[i] = *e;
			return;
		}
	d->v = xreallocarray(d->v, d->n + 1, sizeof(*d->v));
	d->v[d->n++] = *e;
}

int
indic_load(struct indicdict *d, const char *s, size_t n, const char *origin)
{
	const char *end = s + n, *eol;
	char where[512], *l;
	struct indic e;
	size_t lineno = 0;
	int bad = 0;

	if (d->md == NULL) {
		d->md = pcre2_match_data_create(1, NULL);
		d->mctx = pcre2_match_context_create(NULL);
		pcre2_set_match_limit(d->mctx, MATCHLIMIT);
		pcre2_set_depth_limit(d->mctx, MATCHLIMIT / 10);
	}
	for (; s < end; s = eol + 1) {
		eol = memchr(s, '\n', (size_t)(end - s));
		if (eol == NULL)
			eol = end;
		lineno++;
		if (eol == s || *s == '#')
			continue;
		snprintf(where, sizeof(where), "%s:%zu", origin, lineno);
		l = xmemdup(s, (size_t)(eol - s));
		if (parse_line(l, where, &e) < 0)
			bad++;
		else
			add(d, &e);
		free(l);
	}
	return bad;
}

void
indic_free(struct indicdict *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		entry_free(&d->v[i]);
	free(d->v);
	pcre2_match_data_free(d->md);
	pcre2_match_context_free(d->mctx);
	memset(d, 0, sizeof(*d));
}

/*
 * Where the comma-separated list dims names dim (an item "dim" or
 * "dim=other"), or NULL.
 */
static const char *
dim_item(const char *dims, const char *dim)
{
	size_t n;

	n = strlen(dim);
	while (*dims != '\0') {
		if (strncmp(dims, dim, n) == 0 &&
		    (dims[n] == ',' || dims[n] == '=' || dims[n] == '\0'))
			return dims;
		dims = strchr(dims, ',');
		if (dims == NULL)
			break;
		dims++;
	}
	return NULL;
}

const char *
indic_recast(const struct indic *e, const char *dim, char *out, size_t size)
{
	const char *p;
	size_t n;

	if (dim == NULL || (p = dim_item(e->dims, dim)) == NULL ||
	    p[strlen(dim)] != '=')
		return NULL;
	p += strlen(dim) + 1;
	n = strcspn(p, ",");
	if (n == 0 || n >= size)
		return NULL;
	memcpy(out, p, n);
	out[n] = '\0';
	return out;
}

/* Does the comma-separated list dims admit dim? */
static int
admits(const char *dims, const char *dim)
{
	if (dim == NULL || strcmp(dims, "-") == 0)
		return 1;
	return dim_item(dims, dim) != NULL;
}

const struct indic *
indic_lookup(struct indicdict *d, const char *written, const char *dim)
{
	struct ntext t = {0};
	const struct indic *hit = NULL;
	size_t i, n;

	n = strlen(written);
	fold_append(&t, written, n < MAXLEN ? n : MAXLEN, 0);
	for (i = 0; i < d->n && hit == NULL && t.s.len > 0; i++)
		if (admits(d->v[i].dims, dim) &&
		    pcre2_match(d->v[i].code, (PCRE2_SPTR)t.s.data, t.s.len,
		    0, 0, d->md, d->mctx) >= 0)
			hit = &d->v[i];
	fold_free(&t);
	return hit;
}
