/* mgroup: zb-merge's statements, sorted by group and region, and streamed. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "mconflict.h"
#include "mgroup.h"
#include "mline.h"

/*
 * The lines (mline.h):
 *   join   DOC 0 READ CODE                    the region code of a record
 *          DOC 1 NAME GKEY DOC OFFSET SEQ RAW  a statement waiting for it
 *   sorted GKEY RANK OKEY RKEY DOC OFFSET SEQ FLAGS PCODE RAW
 * where READ is the record's number among those noted, SEQ the
 * statement's, OFFSET its offset (sign flipped, to sort as a number),
 * FLAGS "1" when RKEY is "PARENT/NAME" (else "0") and "+" when there is a
 * parent code (else "-"), RAW the record as read.
 */
enum { S_GKEY, S_RANK, S_OKEY, S_RKEY, S_DOC, S_OFF, S_SEQ, S_FLAGS,
	S_PCODE, S_RAW, S_NF };
enum { J_DOC, J_TYPE, J_NAME, J_GKEY, J_REST, J_OFF, J_SEQ, J_RAW, J_NF };
enum { J_READ = J_NAME, J_CODE };

/* A statement's region: order and identity. */
struct rkey {
	int		 rank;
	const char	*okey, *rkey, *pcode;
	int		 byparent;
	struct buf	 kbuf;
};

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

void
mgroup_init(struct merge *m, const struct gazetteer *gz)
{
	memset(m, 0, sizeof(*m));
	m->gz = gz;
	m->sorted = xsort_new();
	m->join = xsort_new();
}

/* ---- regions ------------------------------------------------------------ */

static const struct region *
by_name(const struct merge *m, const char *name)
{
	const struct region *r;

	r = gazetteer_prefix(m->gz, name, strlen(name));
	return r != NULL && r->len == strlen(name) ? r : NULL;
}

/*
 * Identity and order of a statement's region (code, name, parent_code of
 * its record; doccode the code of its document's region, or NULL): the
 * region code; for a region without one (市本级, a zone the gazetteer
 * lacks) its parent's code, given or the document's, and its name, as
 * "PARENT/NAME"; else the name as written.  Ordered by code, where a name
 * without one borrows the code of the gazetteer's region of exactly that
 * name.
 */
static void
region_of(const struct merge *m, struct rkey *r, const char *code,
    const char *name, const char *pcode, const char *doccode)
{
	const struct region *g;

	r->rkey = r->okey = code;
	r->pcode = pcode;
	r->rank = 0;
	r->byparent = 0;
	if (code != NULL)
		return;
	if (name != NULL && pcode == NULL)
		r->pcode = doccode;
	if (name != NULL && r->pcode != NULL) {
		buf_clear(&r->kbuf);
		buf_adds(&r->kbuf, r->pcode);
		buf_addc(&r->kbuf, '/');
		buf_adds(&r->kbuf, name);
		r->rkey = r->kbuf.data;
		r->okey = r->pcode;
		r->byparent = 1;
		return;
	}
	r->rkey = r->okey = name != NULL ? name : "";
	r->rank = name != NULL ? 1 : 2;
	if (name != NULL && (g = by_name(m, name)) != NULL) {
		r->okey = g->code;
		r->rank = 0;
	}
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

/* ---- reading ------------------------------------------------------------ */

/*
 * Sort a statement: gkey (escaped), its region r, rest (escaped DOC,
 * OFFSET, SEQ) and its record raw.
 */
static void
add_sorted(struct merge *m, const char *gkey, size_t ngkey,
    const struct rkey *r, const char *rest, size_t nrest, const char *raw,
    size_t nraw)
{
	struct buf *l = &m->line;
	char flags[4];

	buf_clear(l);
	buf_add(l, gkey, ngkey);
	flags[0] = (char)('0' + r->rank);
	mline_add(l, flags, 1);
	mline_adds(l, r->okey);
	mline_adds(l, r->rkey);
	mline_add(l, rest, nrest);
	flags[0] = r->byparent ? '1' : '0';
	flags[1] = r->pcode != NULL ? '+' : '-';
	mline_add(l, flags, 2);
	mline_adds(l, r->pcode != NULL ? r->pcode : "");
	mline_add(l, raw, nraw);
	xsort_add(m->sorted, l->data, l->len);
}

/*
 * Note the region of o's document: records of a document mostly come
 * together, so a line per run of them; the join takes each document's
 * first.
 */
static void
note_doc(struct merge *m, const json_t *o)
{
	const char *code = fields_str(o, "region_code"), *doc = fields_doc(o);
	struct buf *l = &m->line;

	if (code == NULL || (m->lastdoc != NULL &&
	    strcmp(m->lastdoc, doc) == 0))
		return;
	free(m->lastdoc);
	m->lastdoc = xstrdup(doc);
	buf_clear(l);
	mline_esc(l, doc, strlen(doc));
	mline_add(l, "0", 1);
	mline_hex(l, m->nread);
	mline_adds(l, code);
	xsort_add(m->join, l->data, l->len);
}

/* A statement named but without a code or parent needs its document's. */
static void
to_join(struct merge *m, const json_t *o, const char *gkey, const char *raw,
    size_t nraw)
{
	const char *doc = fields_doc(o);
	struct buf *l = &m->line;

	buf_clear(l);
	mline_esc(l, doc, strlen(doc));
	mline_add(l, "1", 1);
	mline_adds(l, fields_str(o, "region"));
	mline_adds(l, gkey);
	mline_add(l, m->tmp.data, m->tmp.len);
	mline_add(l, raw, nraw);
	xsort_add(m->join, l->data, l->len);
	m->njoin++;
}

void
mgroup_add(struct merge *m, json_t *o, const char *raw, size_t nraw)
{
	const char *kind = fields_str(o, "kind"), *doc = fields_doc(o);
	struct rkey r = { 0 };
	char *gkey;
	json_int_t off;

	note_doc(m, o);
	m->nread++;
	if ((strcmp(kind, "target") != 0 && strcmp(kind, "table") != 0) ||
	    fields_indicator(o) == NULL) {
		json_decref(o);
		return;
	}
	gkey = mgroup_key(o);
	off = json_integer_value(json_object_get(o, "offset"));
	buf_clear(&m->tmp);
	mline_esc(&m->tmp, doc, strlen(doc));
	mline_hex(&m->tmp, (uint64_t)off ^ ((uint64_t)1 << 63));
	mline_hex(&m->tmp, m->nstmt++);
	if (fields_str(o, "region_code") == NULL &&
	    fields_str(o, "region") != NULL &&
	    fields_str(o, "parent_code") == NULL) {
		to_join(m, o, gkey, raw, nraw);
	} else {
		region_of(m, &r, fields_str(o, "region_code"),
		    fields_str(o, "region"), fields_str(o, "parent_code"),
		    NULL);
		buf_clear(&m->tmp2);
		mline_esc(&m->tmp2, gkey, strlen(gkey));
		add_sorted(m, m->tmp2.data, m->tmp2.len, &r, m->tmp.data,
		    m->tmp.len, raw, nraw);
	}
	buf_free(&r.kbuf);
	free(gkey);
	json_decref(o);
}

/*
 * Join the waiting statements with their documents' region codes (the
 * first noted of each document comes first) and sort them.
 */
static void
join(struct merge *m)
{
	struct mfields f;
	struct buf doc = { 0 }, code = { 0 };
	struct rkey r = { 0 };
	const char *s;
	size_t len;
	int known = 0;

	xsort_done(m->join);
	while (xsort_next(m->join, &s, &len)) {
		mline_split(&f, s, len, J_NF, J_CODE + 1);
		if (f.p[J_TYPE][0] == '0') {
			if (known && doc.len == f.n[J_DOC] &&
			    memcmp(doc.data, f.p[J_DOC], doc.len) == 0)
				continue;
			buf_clear(&doc);
			buf_add(&doc, f.p[J_DOC], f.n[J_DOC]);
			mline_get(&code, &f, J_CODE);
			known = 1;
			continue;
		}
		mline_split(&f, s, len, J_NF, J_NF);
		mline_get(&m->tmp, &f, J_NAME);
		region_of(m, &r, NULL, m->tmp.data, NULL, known &&
		    doc.len == f.n[J_DOC] && memcmp(doc.data, f.p[J_DOC],
		    doc.len) == 0 ? code.data : NULL);
		add_sorted(m, f.p[J_GKEY], f.n[J_GKEY], &r, f.p[J_REST],
		    (size_t)(f.p[J_SEQ] + f.n[J_SEQ] - f.p[J_REST]),
		    f.p[J_RAW], f.n[J_RAW]);
	}
	buf_free(&r.kbuf);
	buf_free(&doc);
	buf_free(&code);
}

void
mgroup_done(struct merge *m)
{
	if (m->njoin > 0)
		join(m);
	xsort_free(m->join);
	m->join = NULL;
	xsort_done(m->sorted);
}

/* ---- groups ------------------------------------------------------------- */

static void
clear_group(struct merge *m)
{
	size_t i;

	for (i = 0; i < m->nst; i++) {
		json_decref(m->st[i].o);
		free(m->st[i].okey);
		free(m->st[i].rkey);
		free(m->st[i].pcode);
	}
	m->nst = 0;
	m->g.ne = 0;
}

/* Read the next sorted line into m->line: 1, or 0 at the end. */
static int
fetch(struct merge *m)
{
	const char *s;
	size_t len;

	m->have = xsort_next(m->sorted, &s, &len);
	if (m->have) {
		buf_clear(&m->line);
		buf_add(&m->line, s, len);
	}
	return m->have;
}

/*
 * Keep the statement of line f when it is its document's claim: the
 * first of its region and document (sorted by offset, then input order).
 */
static void
take(struct merge *m, const struct mfields *f)
{
	const char *span = f->p[S_RANK];
	size_t n = (size_t)(f->p[S_DOC] + f->n[S_DOC] - span);
	json_error_t je;
	struct mstmt *s;
	json_t *o;

	if (m->nst > 0 && m->prev.len == n && memcmp(m->prev.data, span,
	    n) == 0)
		return;
	buf_clear(&m->prev);
	buf_add(&m->prev, span, n);
	if ((o = json_loadb(f->p[S_RAW], f->n[S_RAW], JSON_REJECT_DUPLICATES,
	    &je)) == NULL)
		zb_errx("internal error: a sorted record: %s", je.text);
	s = VEC_PUSH(m->st, m->nst, m->capst);
	s->o = o;
	s->seq = (size_t)mline_num(f, S_SEQ);
	s->rank = f->p[S_RANK][0] - '0';
	s->okey = mline_unesc(f, S_OKEY);
	s->rkey = mline_unesc(f, S_RKEY);
	s->byparent = f->p[S_FLAGS][0] == '1';
	s->pcode = f->p[S_FLAGS][1] == '+' ? mline_unesc(f, S_PCODE) : NULL;
}

/* The entries of the group: a region each. */
static void
make_entries(struct merge *m)
{
	struct mgroup *g = &m->g;
	size_t k, end;

	g->first = 0;
	g->end = m->nst;
	for (k = g->first; k < g->end; k = end) {
		end = k + 1;
		while (end < g->end &&
		    mgroup_same_region(&m->st[end], &m->st[k]))
			end++;
		mconflict_entry(VEC_PUSH(g->e, g->ne, g->cap), m->st, k, end);
	}
}

const struct mgroup *
mgroup_next(struct merge *m)
{
	struct mfields f;

	clear_group(m);
	if (!m->have && !fetch(m))
		return NULL;
	mline_split(&f, m->line.data, m->line.len, S_NF, S_NF);
	buf_clear(&m->gkey);
	buf_add(&m->gkey, f.p[S_GKEY], f.n[S_GKEY]);
	for (;;) {
		take(m, &f);
		if (!fetch(m))
			break;
		mline_split(&f, m->line.data, m->line.len, S_NF, S_NF);
		if (f.n[S_GKEY] != m->gkey.len || memcmp(f.p[S_GKEY],
		    m->gkey.data, m->gkey.len) != 0)
			break;
	}
	make_entries(m);
	return &m->g;
}

void
mgroup_free(struct merge *m)
{
	clear_group(m);
	xsort_free(m->sorted);
	xsort_free(m->join);
	free(m->lastdoc);
	buf_free(&m->line);
	buf_free(&m->prev);
	buf_free(&m->gkey);
	buf_free(&m->tmp);
	buf_free(&m->tmp2);
	free(m->st);
	free(m->g.e);
	memset(m, 0, sizeof(*m));
}
