/* place: resolve region names to the gazetteer with a context. */
#include <string.h>

#include "fold.h"
#include "place.h"
#include "utf8.h"
#include "util.h"

#define MAXCHARS	32

int
place_within(const struct gazetteer *g, const struct region *r,
    const struct region *anc)
{
	int depth;

	/* Divisions nest at most three deep; the bound stops a cycle. */
	for (depth = 0; r != NULL && depth < 4; depth++) {
		if (r == anc)
			return 1;
		r = gazetteer_parent(g, r);
	}
	return 0;
}

/* Decode s into code points; returns how many (at most max). */
static size_t
chars(const char *s, uint32_t *cp, size_t max)
{
	size_t i = 0, k = 0, n = strlen(s), len;

	while (i < n && k < max) {
		len = utf8_decode((const unsigned char *)s + i, n - i, &cp[k]);
		if (len == 0)
			break;
		i += len;
		k++;
	}
	return k;
}

/*
 * Is the abbreviation a[0..na) the full name f[0..nf) with characters
 * left out?  Both must end alike (区, 县, 市) and a must keep at least two
 * characters besides that end: 高新区 is 吉林高新技术产业开发区, 经开区
 * is 吉林经济开发区.
 */
static int
abbreviates(const uint32_t *a, size_t na, const uint32_t *f, size_t nf)
{
	size_t i = 0, j = 0;

	if (na < 3 || na >= nf || a[na - 1] != f[nf - 1])
		return 0;
	for (; i < na && j < nf; j++)
		if (a[i] == f[j])
			i++;
	return i == na;
}

/* The one region inside ctx that name abbreviates, or NULL. */
static const struct region *
abbrev(const struct gazetteer *g, const char *name, const struct region *ctx)
{
	uint32_t a[MAXCHARS], f[MAXCHARS];
	const struct region *hit = NULL;
	size_t na, nf, i;

	na = chars(name, a, MAXCHARS);
	for (i = 0; i < g->n; i++) {
		if (&g->v[i] == ctx || !place_within(g, &g->v[i], ctx))
			continue;
		nf = chars(g->v[i].name, f, MAXCHARS);
		if (!abbreviates(a, na, f, nf))
			continue;
		if (hit != NULL)
			return NULL;	/* two fit: no guess */
		hit = &g->v[i];
	}
	return hit;
}

/* 市本级, 县本级, 省本级, 本级, 市直: the context's own budget level. */
static int
own_level(const char *s)
{
	static const char *own[] = { "本级", "市本级", "县本级", "区本级",
	    "省本级", "州本级", "盟本级", "市直", "省直", "县直" };
	size_t i;

	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (strcmp(s, own[i]) == 0)
			return 1;
	return 0;
}

/*
 * A development or pilot zone (冰雪试验区, 中韩产业园): not a division of
 * GB/T 2260, so it has no code; it lies in the document's region.
 */
static int
zone(const char *s)
{
	static const char *sfx[] = { "试验区", "实验区", "示范区", "开发区",
	    "新区", "园区", "合作区", "保税区", "度假区", "管理区", "功能区",
	    "高新区", "经开区", "产业园", "工业园", "科技园" };
	size_t i, n = strlen(s), len;

	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		len = strlen(sfx[i]);
		if (n > len && strcmp(s + n - len, sfx[i]) == 0)
			return 1;
	}
	return 0;
}

/*
 * Regions whose short name is name less its suffix, and whose full name
 * ends with that suffix: 延边州 is 延边朝鲜族自治州, 恩施州 恩施土家族苗族自治州.
 */
static size_t
by_short_and_suffix(const struct gazetteer *g, const char *name,
    const struct region **out, size_t max)
{
	static const char *sfx[] = { "州", "市", "县", "盟", "旗", "区" };
	char stem[64];
	size_t i, j, k = 0, n = strlen(name), len;

	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		len = strlen(sfx[i]);
		if (n <= len || n - len >= sizeof(stem) ||
		    strcmp(name + n - len, sfx[i]) != 0)
			continue;
		memcpy(stem, name, n - len);
		stem[n - len] = '\0';
		for (j = 0; j < g->n; j++)
			if (strcmp(g->v[j].shortname, stem) == 0 &&
			    g->v[j].len > len && strcmp(g->v[j].name +
			    g->v[j].len - len, sfx[i]) == 0) {
				if (k < max)
					out[k] = &g->v[j];
				k++;
			}
	}
	return k;
}

/* Choose among candidates: ctx itself, else the only one inside ctx. */
static const struct region *
by_context(const struct gazetteer *g, const struct region **cand, size_t n,
    const struct region *ctx)
{
	const struct region *hit = NULL;
	size_t i, k = 0;

	if (ctx == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (cand[i] == ctx)
			return ctx;
	for (i = 0; i < n; i++)
		if (place_within(g, cand[i], ctx) ||
		    place_within(g, ctx, cand[i])) {
			hit = cand[i];
			k++;
		}
	return k == 1 ? hit : NULL;
}

static enum place_how
found(const struct gazetteer *g, struct place *p, const struct region *r,
    enum place_how how)
{
	p->r = r;
	p->parent = gazetteer_parent(g, r);
	return p->how = how;
}

enum place_how
place_resolve(const struct gazetteer *g, const char *written,
    const struct region *ctx, struct place *p)
{
	struct ntext t = {0};
	const struct region *r;
	const char *name;
	size_t n;

	memset(p, 0, sizeof(*p));
	fold_append(&t, written, strlen(written), 0);
	name = t.s.data != NULL ? t.s.data : "";
	n = gazetteer_named(g, name, p->cand, PLACE_MAXCAND);
	if (n == 0)
		n = by_short_and_suffix(g, name, p->cand, PLACE_MAXCAND);
	if (n == 0 && (r = gazetteer_code(g, name)) != NULL)
		found(g, p, r, PLACE_NAME);
	else if (n == 1)
		found(g, p, p->cand[0], PLACE_NAME);
	else if (n > 1 && (r = by_context(g, p->cand,
	    n < PLACE_MAXCAND ? n : PLACE_MAXCAND, ctx)) != NULL)
		found(g, p, r, PLACE_CONTEXT);
	else if (n > 1) {
		p->ncand = n < PLACE_MAXCAND ? n : PLACE_MAXCAND;
		p->how = PLACE_AMBIGUOUS;
	} else if (ctx != NULL && own_level(name)) {
		p->parent = ctx;
		p->how = PLACE_OWN;
	} else if (ctx != NULL && (r = abbrev(g, name, ctx)) != NULL)
		found(g, p, r, PLACE_ABBREV);
	else if (ctx != NULL && zone(name)) {
		p->parent = ctx;
		p->how = PLACE_ZONE;
	}
	fold_free(&t);
	return p->how;
}
