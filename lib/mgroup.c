/* mgroup: zb-merge's statements, their region keys, and the groups. */
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "mconflict.h"
#include "mgroup.h"

/* Group key: indicator, year, unit, baseline year, direction. */
char *
mgroup_key(const json_t *o)
{
	struct buf b = { 0 };

	buf_adds(&b, fields_indicator(o));
	buf_addc(&b, '\x1f');
	fields_key_part(&b, o, "year");
	buf_adds(&b, fields_unit(o) ? fields_unit(o) : "");
	buf_addc(&b, '\x1f');
	fields_key_part(&b, o, "baseline_year");
	fields_key_part(&b, o, "direction");
	return b.data;
}

static const struct region *
by_name(const struct merge *m, const char *name)
{
	const struct region *r;

	r = gazetteer_prefix(m->gz, name, strlen(name));
	return r != NULL && r->len == strlen(name) ? r : NULL;
}

/* The code of the document doc's region, or NULL (dr[] sorted). */
static const char *
doc_region(const struct merge *m, const char *doc)
{
	size_t lo = 0, hi = m->ndr, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(doc, m->dr[mid].doc)) == 0)
			return m->dr[mid].code;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/*
 * Identity and order of a statement's region: the region code; for a
 * region without one (市本级, a zone the gazetteer lacks) its parent's
 * code, given (parent_code) or the document's, and its name, as
 * "PARENT/NAME"; else the name as written.  Ordered by code, where a name
 * without one borrows the code of the gazetteer's region of exactly that
 * name.
 */
static void
region_keys(const struct merge *m, struct mstmt *s)
{
	const char *name = fields_str(s->o, "region");
	const struct region *r;
	struct buf b = { 0 };

	s->rkey = fields_str(s->o, "region_code");
	s->okey = s->rkey;
	s->pcode = fields_str(s->o, "parent_code");
	s->rank = 0;
	if (s->rkey != NULL)
		return;
	if (name != NULL && s->pcode == NULL)
		s->pcode = doc_region(m, fields_doc(s->o));
	if (name != NULL && s->pcode != NULL) {
		buf_adds(&b, s->pcode);
		buf_addc(&b, '/');
		buf_adds(&b, name);
		s->rkey = s->kbuf = b.data;
		s->okey = s->pcode;
		return;
	}
	s->rkey = s->okey = name != NULL ? name : "";
	s->rank = name != NULL ? 1 : 2;
	if (name != NULL && (r = by_name(m, name)) != NULL) {
		s->okey = r->code;
		s->rank = 0;
	}
}

/*
 * Note the region of o's document (o read as record seq): records of a
 * document mostly come together, so one entry per run of them.
 */
static void
note_doc(struct merge *m, const json_t *o, size_t seq)
{
	const char *code = fields_str(o, "region_code");
	struct mdocreg *d;

	if (code == NULL || (m->ndr > 0 &&
	    strcmp(m->dr[m->ndr - 1].doc, fields_doc(o)) == 0))
		return;
	d = VEC_PUSH(m->dr, m->ndr, m->capdr);
	d->doc = xstrdup(fields_doc(o));
	d->code = xstrdup(code);
	d->seq = seq;
}

static int
cmp_docreg(const void *a, const void *b)
{
	const struct mdocreg *x = a, *y = b;
	int c;

	if ((c = strcmp(x->doc, y->doc)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sort the documents' regions, keep each one's first; key every stmt. */
static void
key_regions(struct merge *m)
{
	size_t i, j;

	if (m->ndr > 0)
		qsort(m->dr, m->ndr, sizeof(*m->dr), cmp_docreg);
	for (i = j = 0; i < m->ndr; i++) {
		if (j > 0 && strcmp(m->dr[j - 1].doc, m->dr[i].doc) == 0) {
			free(m->dr[i].doc);
			free(m->dr[i].code);
			continue;
		}
		m->dr[j++] = m->dr[i];
	}
	m->ndr = j;
	for (i = 0; i < m->nst; i++)
		region_keys(m, &m->st[i]);
}

void
mgroup_add(struct merge *m, json_t *o, const char *name, unsigned long line)
{
	struct mstmt *s;
	const char *kind;

	note_doc(m, o, m->nread++);
	kind = fields_str(o, "kind");
	if ((strcmp(kind, "target") != 0 && strcmp(kind, "table") != 0) ||
	    fields_indicator(o) == NULL) {
		json_decref(o);
		return;
	}
	s = VEC_PUSH(m->st, m->nst, m->capst);
	s->o = o;
	s->name = name;
	s->line = line;
	s->seq = m->nst - 1;
	s->gkey = mgroup_key(o);
	s->kbuf = NULL;
	s->offset = json_integer_value(json_object_get(o, "offset"));
}

int
mgroup_cmp_region(const struct mstmt *x, const struct mstmt *y)
{
	int c;

	if (x->rank != y->rank)
		return x->rank - y->rank;
	if ((c = strcmp(x->okey, y->okey)) != 0)
		return c;
	return strcmp(x->rkey, y->rkey);
}

int
mgroup_same_region(const struct mstmt *a, const struct mstmt *b)
{
	return mgroup_cmp_region(a, b) == 0;
}

static int
cmp_stmt(const void *a, const void *b)
{
	const struct mstmt *x = a, *y = b;
	int c;

	if ((c = strcmp(x->gkey, y->gkey)) != 0)
		return c;
	if ((c = mgroup_cmp_region(x, y)) != 0)
		return c;
	if ((c = strcmp(fields_doc(x->o), fields_doc(y->o))) != 0)
		return c;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The entries of group g, statements st[g->first..g->end): a region each. */
static void
make_entries(struct merge *m, struct mgroup *g)
{
	size_t k, end;

	for (k = g->first; k < g->end; k = end) {
		end = k + 1;
		while (end < g->end &&
		    mgroup_same_region(&m->st[end], &m->st[k]))
			end++;
		g->e = xreallocarray(g->e, g->ne + 1, sizeof(*g->e));
		mconflict_entry(&g->e[g->ne++], m->st, k, end);
	}
}

void
mgroup_build(struct merge *m)
{
	size_t i, j;
	struct mgroup *g;

	key_regions(m);
	if (m->nst > 0)
		qsort(m->st, m->nst, sizeof(*m->st), cmp_stmt);
	for (i = 0; i < m->nst; i = j) {
		for (j = i + 1; j < m->nst &&
		    strcmp(m->st[j].gkey, m->st[i].gkey) == 0; j++)
			;
		m->groups = xreallocarray(m->groups, m->ngroups + 1,
		    sizeof(*m->groups));
		g = &m->groups[m->ngroups++];
		g->first = i;
		g->end = j;
		g->e = NULL;
		g->ne = 0;
		make_entries(m, g);
	}
}

void
mgroup_free(struct merge *m)
{
	size_t i;

	for (i = 0; i < m->nst; i++) {
		json_decref(m->st[i].o);
		free(m->st[i].gkey);
		free(m->st[i].kbuf);
	}
	for (i = 0; i < m->ngroups; i++)
		free(m->groups[i].e);
	for (i = 0; i < m->ndr; i++) {
		free(m->dr[i].doc);
		free(m->dr[i].code);
	}
	free(m->dr);
	free(m->st);
	free(m->groups);
	memset(m, 0, sizeof(*m));
}
