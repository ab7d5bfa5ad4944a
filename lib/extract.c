/*
 * extract: the line state machine that turns a document's lines into
 * paragraphs and table rows, the rule index, and the public API.  What a
 * paragraph says is worked out by the modules listed in extract_int.h.
 */
#define _GNU_SOURCE	/* memmem */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"
#include "when.h"

/* ---- paragraphs ----------------------------------------------------- */

static void
para_reset(struct para *p)
{
	buf_clear(&p->raw);
	fold_reset(&p->nt);
	p->nls = 0;
	p->open = 0;
	p->blanks = 0;
}

/* Append a raw line to the paragraph's bytes (not to its text). */
static void
para_raw(struct para *p, const char *s, size_t n, size_t off)
{
	if (!p->open) {
		p->base = off;
		p->end = off;
		p->open = 1;
	}
	if (p->end < off)	/* the newline between two lines */
		buf_addc(&p->raw, '\n');
	buf_add(&p->raw, s, n);
	p->end = off + n;
}

/* ln: the line normalized on its own, or NULL. */
static void
para_add(struct para *p, const char *s, size_t n, size_t off,
    unsigned long lineno, const struct ntext *ln)
{
	para_raw(p, s, n, off);
	if (ln != NULL)
		fold_append_reuse(&p->nt, ln, s, n, off);
	else
		fold_append(&p->nt, s, n, off);
	if (p->nls == p->lscap) {
		p->lscap = p->lscap ? p->lscap * 2 : 8;
		p->ls = xreallocarray(p->ls, p->lscap, sizeof(*p->ls));
	}
	p->ls[p->nls].off = off;
	p->ls[p->nls++].lineno = lineno;
}

static void
para_flush(struct extractor *x)
{
	struct para *p = &x->p;
	const char *s;
	unsigned long before;
	size_t n, limit;
	int head, y = 0;

	if (!p->open)
		return;
	s = p->nt.s.data;
	n = p->nt.s.len;
	if (n > 0) {
		head = headings(x, s, n);
		limit = n;
		owners(x, s, n, &limit);
		free(x->previnds);
		x->previnds = NULL;
		before = x->nrecords;
		find_records(x, s, limit);
		/*
		 * A short line with no records that names a year (■ 2026年
		 * 主要目标, 第二阶段（2028—2030年）, 一、2023年计划执行情况)
		 * dates what follows it, until the next such line, or a
		 * heading of its level or above.
		 */
		y = n < TITLEMAX && x->nrecords == before ?
		    named_year(s, n, 1) : 0;
		if (y != 0) {
			x->lead_year = y;
			x->lead_level = head != 0 ? head : MAXLEVEL + 1;
		} else if (head != 0 && head <= x->lead_level)
			x->lead_year = 0;
		if (n < TITLEMAX) {
			free(x->prevshort);
			x->prevshort = x->lastshort;
			x->lastshort = dupn(s, n);
		}
	}
	para_reset(p);
}

/* ---- lines ---------------------------------------------------------- */

static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strchr(" \t\r\f\v", s[i]) == NULL)
			return starts(s + i, n - i, "\xe3\x80\x80") ?
			    blank(s + i + 3, n - i - 3) : 0;
	return 1;
}

/*
 * The line s[0..n) at offset off, normalized on its own: once per line,
 * however many of the checks below look at it.
 */
static const struct ntext *
line_norm(struct extractor *x, const char *s, size_t n, size_t off)
{
	if (!x->lnt_ok) {
		fold_reset(&x->lnt);
		fold_append(&x->lnt, s, n, off);
		x->lnt_ok = 1;
	}
	return &x->lnt;
}

/* Does the line start a heading (so it never continues a paragraph)? */
static int
heading_start(struct extractor *x, const char *s, size_t n, size_t off)
{
	const struct ntext *ln = line_norm(x, s, n, off);
	size_t i;

	for (i = 0; i < x->heads.n; i++)
		if (rule_match(x->heads.v[i], &x->km, ln->s.data, ln->s.len,
		    0) == 1)
			return 1;
	return 0;
}

/*
 * Is the line page residue from a PDF: a page number (— 12 —, 第3页) that
 * matches a noise rule, or the running header, the document's title
 * repeated on a line of its own inside a paragraph?
 */
static int
noise_line(struct extractor *x, const char *s, size_t n, size_t off)
{
	const struct ntext *ln = line_norm(x, s, n, off);
	size_t i;

	if (ln->s.len == 0)
		return 0;
	if (x->p.open && x->title != NULL && x->nlines > 1 &&
	    strcmp(ln->s.data, x->title) == 0)
		return 1;
	for (i = 0; i < x->noises.n; i++)
		if (rule_match(x->noises.v[i], &x->km, ln->s.data,
		    ln->s.len, 0) == 1)
			return 1;
	return 0;
}

/* Is the open paragraph cut mid-sentence, so the next line continues it? */
static int
unfinished(const struct extractor *x)
{
	const struct para *p = &x->p;
	const char *s = p->nt.s.data;
	size_t n = p->nt.s.len;

	if (!p->open || n == 0 || terminal(lastcp(s, n)))
		return 0;
	if (isdigit_b(s[n - 1]))
		return 1;	/* a number cut at the line end */
	/*
	 * A line longer than a page is wide was not wrapped by a PDF: in a
	 * text whose full stops were stripped, its end is a sentence's.
	 */
	if (!x->stops && p->nls > 0 && p->end - p->ls[p->nls - 1].off >
	    WRAPMAX)
		return 0;
	return p->raw.len >= JOINMIN;
}

/*
 * Is the paragraph's last line short: a title or a label, which a blank
 * line after it ends (a line cut by a page is as wide as the page)?
 */
static int
short_last(const struct para *p)
{
	return p->nls > 0 && p->end - p->ls[p->nls - 1].off < JOINMIN &&
	    !isdigit_b(p->nt.s.data[p->nt.s.len - 1]);
}

/*
 * A blank line: ends a table row (one cell per line) or a table, and the
 * paragraph unless it was cut mid-sentence (up to two blank lines).
 */
static void
blank_line(struct extractor *x, const char *s, size_t n, size_t off)
{
	struct table *t = &x->t;

	if (t->active && t->cellmode) {
		table_row(x);
		t->cont = 0;
	} else if (t->active)
		table_end(x);
	if (x->p.open && (!unfinished(x) || short_last(&x->p) ||
	    ++x->p.blanks > 2))
		para_flush(x);
	else if (x->p.open)
		para_raw(&x->p, s, n, off);
}

/*
 * A line of a table: one cell (a tab, then text) or a row (tabs between
 * cells, or Markdown pipes).  Returns 1 when the line was one.
 */
static int
table_input(struct extractor *x, const char *s, size_t n, size_t off,
    unsigned long lineno)
{
	struct table *t = &x->t;
	int cellline, rowline;

	cellline = s[0] == '\t' && memchr(s + 1, '\t', n - 1) == NULL;
	rowline = !cellline && (memchr(s, '\t', n) != NULL ||
	    (lead_spaces(s, n) < n && s[lead_spaces(s, n)] == '|'));
	if (!cellline && !rowline)
		return 0;
	para_flush(x);
	if (t->active && t->cellmode != cellline)
		table_end(x);
	if (!t->active)
		table_start(x, cellline);
	if (cellline)
		table_cell(x, s, n, off, lineno);
	else
		table_line(x, s, n, off, lineno);
	return 1;
}

void
extract_line(struct extractor *x, const char *s, size_t n, size_t off,
    unsigned long lineno, int partial)
{
	struct table *t = &x->t;

	x->nlines = lineno;
	if (!x->stops && memmem(s, n, "。", 3) != NULL)
		x->stops = 1;
	x->lnt_ok = 0;
	/*
	 * A line the caller skipped (bad encoding) leaves a gap: the bytes
	 * around it cannot be one quote, so an open paragraph, or a table
	 * row begun, ends before it.
	 */
	if (x->p.open && off > x->p.end + 1)
		para_flush(x);
	if (t->raw.len > 0 && off > t->end + 1)
		table_row(x);
	header_line(x, s, n);
	if (blank(s, n)) {
		blank_line(x, s, n, off);
		return;
	}
	/* Page residue inside a paragraph is kept in its bytes only. */
	if (!t->active && noise_line(x, s, n, off)) {
		if (x->p.open)
			para_raw(&x->p, s, n, off);
		return;
	}
	if (table_input(x, s, n, off, lineno))
		return;
	if (t->active && t->cellmode && t->cont) {
		cell_continue(x, s, n, off);
		return;
	}
	table_end(x);
	if (x->p.open && !(unfinished(x) && (x->p.nls > 0 &&
	    x->p.ls[x->p.nls - 1].lineno == lineno ? 1 :
	    !heading_start(x, s, n, off))))
		para_flush(x);
	para_add(&x->p, s, n, off, lineno, x->lnt_ok ? &x->lnt : NULL);
	x->p.blanks = 0;
	/*
	 * The cap holds for the pieces of a cut line too (memory bound); a
	 * Markdown heading is one line, whatever it ends with.
	 */
	if (x->p.raw.len > PARAMAX || (!partial && (!unfinished(x) ||
	    (x->p.nls == 1 && s[0] == '#'))))
		para_flush(x);
}

/* ---- documents ------------------------------------------------------ */

static void
rlist_add(struct rlist *l, struct rule *r)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = r;
}

/* Sort the rules by kind once, keeping their order in the table. */
static void
index_rules(struct extractor *x)
{
	struct rule *r;
	size_t i;

	for (i = 0; i < x->rs->nrules; i++) {
		r = &x->rs->rules[i];
		switch (r->kind) {
		case K_HEADING1: case K_HEADING2: case K_HEADING3:
		case K_HEADING4: case K_MDHEADING: case K_LISTHEAD:
			rlist_add(&x->heads, r);
			break;
		case K_YEAR: case K_PASTCUE:
			rlist_add(&x->markrules, r);
			break;
		case K_STRIP:
			rlist_add(&x->strips, r);
			break;
		case K_MEASURE:
			rlist_add(&x->measures, r);
			break;
		case K_TARGET: case K_THRESHOLD: case K_FACT:
			rlist_add(&x->recs, r);
			break;
		case K_PREFILTER:
			rlist_add(&x->prefilters, r);
			break;
		case K_NOISE:
			rlist_add(&x->noises, r);
			break;
		case K_OWNERS:
			if (x->ownerr == NULL)
				x->ownerr = r;
			break;
		case K_OWNERTAIL:
			if (x->tailr == NULL)
				x->tailr = r;
			break;
		case K_VALUE:
			if (x->valuer == NULL)
				x->valuer = r;
			break;
		case K_DEFINE: case K_NKINDS:
			break;
		}
	}
}

struct extractor *
extract_new(struct ruleset *rs, const struct gazetteer *gz, FILE *out)
{
	struct extractor *x;

	x = xcalloc(1, sizeof(*x));
	x->rs = rs;
	x->gz = gz;
	x->out = out;
	x->owners = json_array();
	x->kinds = XK_DEFAULT;
	pmatch_init(&x->rm, 64);
	pmatch_init(&x->vm, 64);
	pmatch_init(&x->sm, 64);
	pmatch_init(&x->km, 64);
	index_rules(x);
	return x;
}

static void
doc_clear(struct extractor *x)
{
	int i;

	for (i = 0; i < MAXLEVEL; i++) {
		free(x->sect[i]);
		x->sect[i] = NULL;
	}
	set_str(&x->source, NULL);
	set_str(&x->name, NULL);
	set_str(&x->sha256, NULL);
	set_str(&x->region, NULL);
	set_str(&x->title, NULL);
	set_str(&x->issued, NULL);
	set_str(&x->shortregion, NULL);
	set_str(&x->lastshort, NULL);
	set_str(&x->prevshort, NULL);
	set_str(&x->previnds, NULL);
	x->issue_year = x->default_year = x->doc_year = 0;
	x->lead_year = x->plan_start = x->lead_level = 0;
	x->nlines = 0;
	x->stops = 0;
	x->inlist = 0;
	x->nrecords = 0;
	json_decref(x->owners);
	x->owners = json_array();
}

void
extract_kinds(struct extractor *x, unsigned mask)
{
	x->kinds = mask;
}

int
extract_kinds_parse(const char *list, unsigned *mask)
{
	static const struct {
		const char	*name;
		unsigned	 bit;
	} names[] = { { "target", XK_TARGET }, { "threshold", XK_THRESHOLD },
	    { "fact", XK_FACT }, { "table", XK_TABLE }, { "all", XK_ALL } };
	const char *p = list;
	size_t n, i;

	*mask = 0;
	while (*p != '\0') {
		n = strcspn(p, ",");
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i].name) == n &&
			    strncmp(names[i].name, p, n) == 0)
				break;
		if (i == sizeof(names) / sizeof(names[0]))
			return -1;
		*mask |= names[i].bit;
		p += n + (p[n] == ',');
	}
	return *mask != 0 ? 0 : -1;
}

void
extract_explain(struct extractor *x, FILE *f)
{
	x->explain = f;
}

void
extract_begin(struct extractor *x, const struct docinfo *d)
{
	doc_clear(x);
	set_str(&x->source, d->source);
	set_str(&x->name, d->name != NULL ? d->name : d->source);
	set_str(&x->sha256, d->sha256);
	set_str(&x->region, d->region);
	if (d->issued != NULL)
		set_issued(x, d->issued);
	if (d->title != NULL) {
		header_line(x, d->title, strlen(d->title));
		if (x->hnt.s.len > 0)
			set_str(&x->title, x->hnt.s.data);
		if (x->title != NULL && x->default_year == 0)
			title_years(x, x->title, strlen(x->title));
	}
}

unsigned long
extract_end(struct extractor *x)
{
	unsigned long n;

	para_flush(x);
	table_end(x);
	n = x->nrecords;
	doc_clear(x);
	return n;
}

void
extract_free(struct extractor *x)
{
	if (x == NULL)
		return;
	doc_clear(x);
	json_decref(x->owners);
	buf_free(&x->p.raw);
	fold_free(&x->p.nt);
	free(x->p.ls);
	buf_free(&x->t.raw);
	fold_free(&x->cellnt);
	fold_free(&x->lnt);
	fold_free(&x->hnt);
	free(x->marks);
	free(x->past);
	claims_free(&x->claims);
	free(x->win.v);
	pmatch_free(&x->rm);
	pmatch_free(&x->vm);
	pmatch_free(&x->sm);
	pmatch_free(&x->km);
	buf_free(&x->tmp);
	buf_free(&x->line);
	free(x->heads.v);
	free(x->markrules.v);
	free(x->strips.v);
	free(x->measures.v);
	free(x->recs.v);
	free(x->prefilters.v);
	free(x->noises.v);
	free(x);
}
