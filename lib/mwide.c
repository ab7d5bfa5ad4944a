/* mwide: zb-merge's wide table: columns noted, rows kept on a tape. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "mline.h"
#include "mwide.h"
#include "xsort.h"

#define NGROUPF	5	/* indicator, year, unit, baseline year, direction */

/* A region's column. */
struct col {
	char		*key;	/* its region, ordered as entries (mline.h) */
	char		*label;
	size_t		 pos;	/* among the sorted columns */
};

struct mwide {
	struct mtable	 t;
	const struct gazetteer *gz;
	struct col	*c;	/* in order of first sight */
	size_t		 nc, capc;
	size_t		*slot;	/* hash of keys: index + 1 into c, 0 free */
	size_t		 nslot;
	struct tape	*rows;
	struct buf	 l, k;
};

static const char *const group_names[] = {
	"indicator", "year", "unit", "baseline_year", "direction", NULL
};

struct mwide *
mwide_new(const struct mtable *t, const struct gazetteer *gz)
{
	struct mwide *w = xcalloc(1, sizeof(*w));

	w->t = *t;
	w->gz = gz;
	w->nslot = 64;
	w->slot = xcalloc(w->nslot, sizeof(*w->slot));
	w->rows = tape_new();
	return w;
}

/* ---- columns ------------------------------------------------------------ */

/* FNV-1a */
static size_t
hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

/* The slot of key: holding it, or free where it would go. */
static size_t *
find(const struct mwide *w, const char *key)
{
	size_t i = hash(key) & (w->nslot - 1);

	while (w->slot[i] != 0 && strcmp(w->c[w->slot[i] - 1].key, key) != 0)
		i = (i + 1) & (w->nslot - 1);
	return &w->slot[i];
}

static void
rehash(struct mwide *w)
{
	size_t i;

	free(w->slot);
	w->nslot *= 2;
	w->slot = xcalloc(w->nslot, sizeof(*w->slot));
	for (i = 0; i < w->nc; i++)
		*find(w, w->c[i].key) = i + 1;
}

/* The column of statement s's region, added if new: its index in c[]. */
static size_t
column(struct mwide *w, const struct mstmt *s)
{
	struct col *c;
	struct buf b = { 0 };
	size_t *sl;
	char rank = (char)('0' + s->rank);

	buf_clear(&w->k);
	buf_add(&w->k, &rank, 1);
	mline_adds(&w->k, s->okey);
	mline_adds(&w->k, s->rkey);
	if (*(sl = find(w, w->k.data)) != 0)
		return *sl - 1;
	c = VEC_PUSH(w->c, w->nc, w->capc);
	c->key = xmemdup(w->k.data, w->k.len);
	mtable_label(&b, w->gz, s);
	c->label = b.data;
	*sl = w->nc;
	if (w->nc * 2 > w->nslot)
		rehash(w);
	return w->nc - 1;
}

/* ---- rows --------------------------------------------------------------- */

/*
 * Keep group g's row: its group fields, then for each entry its column
 * and cells ("≥50", "60~65", "16 (conflict)"; with -n four: value, upper
 * bound, comparison, conflict).
 */
void
mwide_group(struct mwide *w, const struct merge *m, const struct mgroup *g)
{
	const json_t *o = m->st[g->first].o;
	char n[FIELDS_NUMLEN];
	struct buf cell = { 0 };
	const struct mentry *e;
	size_t k;

	buf_clear(&w->l);
	mline_esc(&w->l, fields_indicator(o), strlen(fields_indicator(o)));
	mline_adds(&w->l, mtable_key(o, "year", n));
	mline_adds(&w->l, fields_unit(o) ? fields_unit(o) : "");
	mline_adds(&w->l, mtable_key(o, "baseline_year", n));
	mline_adds(&w->l, fields_str(o, "direction") ?
	    fields_str(o, "direction") : "");
	for (k = 0; k < g->ne; k++) {
		e = &g->e[k];
		mline_hex(&w->l, column(w, e->s));
		if (w->t.numeric) {
			mline_adds(&w->l, fields_value(e->s->o, 0, n) < 0 ?
			    "" : n);
			mline_adds(&w->l, fields_value(e->s->o, 1, n) < 0 ?
			    "" : n);
			mline_adds(&w->l, fields_str(e->s->o, "cmp"));
			mline_adds(&w->l, e->conflict ? "true" : "false");
			continue;
		}
		buf_clear(&cell);
		fields_cell(&cell, e->s->o);
		if (e->conflict)
			buf_adds(&cell, " (conflict)");
		mline_adds(&w->l, cell.data != NULL ? cell.data : "");
	}
	buf_free(&cell);
	tape_add(w->rows, w->l.data, w->l.len);
}

static int
cmp_col(const void *a, const void *b)
{
	return strcmp((*(struct col *const *)a)->key,
	    (*(struct col *const *)b)->key);
}

/* The header: the group's names, then a column (-n: four) per region. */
static void
header(struct mwide *w)
{
	static const char *const sfx[] = { "", " max", " cmp", " conflict" };
	struct col **c = xreallocarray(NULL, w->nc + 1, sizeof(*c));
	size_t i, k, per = w->t.numeric ? 4 : 1;

	for (i = 0; i < w->nc; i++)
		c[i] = &w->c[i];
	qsort(c, w->nc, sizeof(*c), cmp_col);
	mtable_names(&w->t, group_names, w->nc == 0);
	for (i = 0; i < w->nc; i++) {
		c[i]->pos = i;
		for (k = 0; k < per; k++) {
			buf_clear(&w->k);
			buf_adds(&w->k, c[i]->label);
			buf_adds(&w->k, sfx[k]);
			mtable_field(&w->t, w->k.data,
			    i == w->nc - 1 && k == per - 1);
		}
	}
	free(c);
}

/* The position of the next entry's column in p..e, or nc at the end. */
static size_t
next_col(const struct mwide *w, struct mfields *f, const char **p,
    const char *e)
{
	return mline_next(f, p, e) ? w->c[mline_num(f, 0)].pos : w->nc;
}

/* Write a row kept: its group fields, then a cell (-n: four) a column. */
static void
row(struct mwide *w, const char *line, size_t len)
{
	const char *p = line, *e = line + len;
	struct mfields f;
	size_t c, k, next, per = w->t.numeric ? 4 : 1;

	for (k = 0; k < NGROUPF && mline_next(&f, &p, e); k++) {
		mline_get(&w->k, &f, 0);
		mtable_field(&w->t, w->k.data, w->nc == 0 && k == NGROUPF - 1);
	}
	next = next_col(w, &f, &p, e);
	for (c = 0; c < w->nc; c++) {
		for (k = 0; k < per; k++) {
			buf_clear(&w->k);
			if (c == next && mline_next(&f, &p, e))
				mline_get(&w->k, &f, 0);
			mtable_field(&w->t, w->k.data != NULL ? w->k.data : "",
			    c == w->nc - 1 && k == per - 1);
		}
		if (c == next)
			next = next_col(w, &f, &p, e);
	}
}

void
mwide_end(struct mwide *w)
{
	const char *line;
	size_t len;

	header(w);
	tape_rewind(w->rows);
	while (tape_next(w->rows, &line, &len))
		row(w, line, len);
}

void
mwide_free(struct mwide *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->nc; i++) {
		free(w->c[i].key);
		free(w->c[i].label);
	}
	free(w->c);
	free(w->slot);
	tape_free(w->rows);
	buf_free(&w->l);
	buf_free(&w->k);
	free(w);
}
