/*
 * table: tables flattened to text, a row per line (cells split by tabs or
 * Markdown pipes) or a cell per line (rows ended by blank lines).  The
 * first row is the head.  Rows are regions (the first cell names one) or
 * indicators (a head cell 指标 or 单位 says so); a cell that parses as a
 * number is a record, its indicator and unit from the head (and the row's
 * indicator), its year from a year column or the table's title.
 */
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"
#include "when.h"
#include "num.h"

static void
row_free(struct row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->c[i].text);
		free(r->c[i].map);
	}
	free(r->c);
	r->c = NULL;
	r->n = 0;
}

/* Append a raw input line to the current table row's bytes. */
void
table_raw(struct extractor *x, const char *s, size_t n, size_t off)
{
	struct table *t = &x->t;

	if (t->raw.len == 0)
		t->base = t->end = off;
	if (t->end < off)	/* the newline between two lines */
		buf_addc(&t->raw, '\n');
	buf_add(&t->raw, s, n);
	t->end = off + n;
}

static void
row_add(struct extractor *x, struct row *r, const char *s, size_t n,
    size_t off, unsigned long lineno)
{
	struct cell *c;

	fold_reset(&x->cellnt);
	fold_append(&x->cellnt, s, n, off);
	r->c = xreallocarray(r->c, r->n + 1, sizeof(*r->c));
	c = &r->c[r->n++];
	c->text = xstrdup(x->cellnt.s.data != NULL ? x->cellnt.s.data : "");
	c->map = xreallocarray(NULL, x->cellnt.s.len + 1, sizeof(*c->map));
	memcpy(c->map, x->cellnt.map, (x->cellnt.s.len + 1) * sizeof(*c->map));
	c->off = off;
	c->end = off + n;
	c->lineno = lineno;
}

/* A header cell continued on the next line: 能耗强度降低 / 基本目标（%） */
void
cell_continue(struct extractor *x, const char *s, size_t n, size_t off)
{
	struct row *r = &x->t.cur;
	struct cell *c;
	struct buf b = {0};

	if (r->n == 0)
		return;
	c = &r->c[r->n - 1];
	table_raw(x, s, n, off);
	fold_reset(&x->cellnt);
	fold_append(&x->cellnt, s, n, off);
	buf_adds(&b, c->text);
	if (x->cellnt.s.len > 0)
		buf_add(&b, x->cellnt.s.data, x->cellnt.s.len);
	/* the map goes on: the old text's bytes, then the new ones' */
	c->map = xreallocarray(c->map, b.len + 1, sizeof(*c->map));
	memcpy(c->map + strlen(c->text), x->cellnt.map,
	    (x->cellnt.s.len + 1) * sizeof(*c->map));
	free(c->text);
	c->text = b.data != NULL ? b.data : xstrdup("");
	c->end = off + n;
}

/* Header cell "能耗强度降低基本目标（%）" -> indicator and unit. */
static void
header_split(const char *h, struct buf *ind, struct buf *unit)
{
	const char *o, *cl;

	buf_clear(ind);
	buf_clear(unit);
	o = strstr(h, "（");
	cl = o != NULL ? strstr(o, "）") : NULL;
	if (o != NULL && cl != NULL && cl[3] == '\0') {
		buf_add(ind, h, (size_t)(o - h));
		o += 3;
		if (strncmp(o, "单位：", 9) == 0)
			o += 9;
		buf_add(unit, o, (size_t)(cl - o));
	} else
		buf_adds(ind, h);
}

static int
title_year(struct extractor *x, const char *title)
{
	size_t i, n;
	int y = 0;

	if (title == NULL)
		return x->default_year;
	n = strlen(title);
	for (i = 0; i < n && y == 0; i++)
		y = when_plan(title + i, n - i);
	for (i = 0; i < n && y == 0; i++)
		if ((y = year_at(title + i, n - i)) != 0 &&
		    !starts(title + i + 4, n - i - 4, "年"))
			y = 0;
	return y != 0 ? y : x->default_year;
}

/*
 * Column roles of a table with indicators in its rows (专栏: 指标 | 单位 |
 * 2020年 | 2025年): the indicator column, or -1 when rows are regions,
 * and the unit column or -1.
 */
static int
head_roles(const struct row *h, int *unitcol)
{
	static const char *inds[] = { "指标", "主要指标", "指标名称", "项目",
	    "名称" };
	size_t i, k;
	int indcol = -1;

	*unitcol = -1;
	for (i = 0; i < h->n; i++) {
		if (strcmp(h->c[i].text, "单位") == 0 ||
		    strcmp(h->c[i].text, "计量单位") == 0)
			*unitcol = (int)i;
		for (k = 0; k < sizeof(inds) / sizeof(inds[0]); k++)
			if (indcol < 0 && strcmp(h->c[i].text, inds[k]) == 0)
				indcol = (int)i;
	}
	if (indcol < 0 && *unitcol > 0)
		indcol = *unitcol - 1;
	return indcol;
}

/* Year named by a header cell (2025年, 2025年目标), or 0. */
static int
head_year(const char *h)
{
	size_t n = strlen(h);

	if (n >= 4 && (n == 4 || starts(h + 4, n - 4, "年")))
		return year_at(h, n);
	return 0;
}

/* The row's indicator and unit, when rows are indicators. */
static void
row_indicator(const struct table *t, int indcol, int unitcol,
    struct buf *rind, struct buf *runit)
{
	if (indcol < 0 || (size_t)indcol >= t->cur.n)
		return;
	/* 非化石能源消费比重（%）: the row's indicator and unit */
	header_split(t->cur.c[indcol].text, rind, runit);
	if (unitcol >= 0 && (size_t)unitcol < t->cur.n &&
	    t->cur.c[unitcol].text[0] != '\0') {
		buf_clear(runit);
		buf_adds(runit, t->cur.c[unitcol].text);
	}
}

/* Is a row's first cell a total (合计, 总计): the document's region? */
static int
total_row(const char *c)
{
	return strcmp(c, "合计") == 0 || strcmp(c, "总计") == 0 ||
	    strcmp(c, "全市") == 0 || strcmp(c, "全省") == 0;
}

/* The quote of a row: its raw bytes, trimmed. */
static void
row_quote(const struct table *t, struct rec *r)
{
	r->qoff = t->base;
	r->qend = t->end;
	while (r->qoff < r->qend &&
	    strchr(" \t\r\n", t->raw.data[r->qoff - t->base]) != NULL)
		r->qoff++;
	while (r->qend > r->qoff &&
	    strchr(" \t\r\n", t->raw.data[r->qend - 1 - t->base]) != NULL)
		r->qend--;
	r->quote = t->raw.data + (r->qoff - t->base);
}

/*
 * The unit of column i from the table's unit line (单位：万亩、万株): with
 * one unit, it; with k for the head's m value columns, the last columns
 * take the later units in order and the first m-k+1 the first (three
 * columns of 万亩, then one of 万株).
 */
static void
listed_unit(const struct table *t, size_t i, struct buf *unit)
{
	const char *u = t->unit, *e;
	size_t k = 1, m, j;

	for (e = u; (e = strstr(e, "、")) != NULL; e += 3)
		k++;
	m = t->head.n > 1 ? t->head.n - 1 : 1;
	j = i >= 1 ? i - 1 : 0;
	j = j + k > m ? j + k - m : 0;
	for (; j > 0 && (e = strstr(u, "、")) != NULL; j--)
		u = e + 3;
	buf_add(unit, u, (e = strstr(u, "、")) != NULL ? (size_t)(e - u) :
	    strlen(u));
}

/* Column i's indicator, unit and year into ind, unit and r->year. */
static void
cell_indicator(struct extractor *x, size_t i, int indcol,
    const struct buf *rind, const struct buf *runit, struct buf *ind,
    struct buf *unit, struct rec *r)
{
	struct table *t = &x->t;
	int y;

	header_split(t->head.c[i].text, ind, unit);
	r->year = title_year(x, t->title);
	if (unit->len == 0 && t->unit != NULL)
		listed_unit(t, i, unit);
	if (indcol < 0) {
		/* 其中成片造林: a breakdown column names itself */
		if (starts(ind->data != NULL ? ind->data : "", ind->len, "其中"))
			buf_cut(ind, 6);
		/* 2025年目标: the column's year; the title names the measure */
		if (ind->len > 0 && (y = head_year(ind->data)) != 0) {
			r->year = y;
			buf_cut(ind, 7);
			if (strcmp(ind->data, "目标") == 0)
				buf_clear(ind);
		}
		return;
	}
	/* 2025年: the column is a year; 年均增速（%）: a measure */
	if ((y = head_year(ind->data)) != 0) {
		r->year = y;
		buf_clear(ind);
	}
	if (unit->len == 0 && runit->len > 0)
		buf_adds(unit, runit->data);
	buf_clear(&x->tmp);
	buf_add(&x->tmp, rind->data != NULL ? rind->data : "", rind->len);
	buf_add(&x->tmp, ind->data != NULL ? ind->data : "", ind->len);
	buf_clear(ind);
	buf_add(ind, x->tmp.data, x->tmp.len);
}

/*
 * value_text of the value c->text[vs..ve) in cell c: its raw bytes (45 of
 * 45%以上), trimmed of blanks.
 */
static void
cell_text(const struct table *t, const struct cell *c, size_t vs, size_t ve,
    struct rec *r)
{
	r->vtext = t->raw.data + (c->map[vs] - t->base);
	r->vtextlen = c->map[ve] - c->map[vs];
	while (r->vtextlen > 0 && strchr(" \t\r\n", *r->vtext) != NULL) {
		r->vtext++;
		r->vtextlen--;
	}
	while (r->vtextlen > 0 &&
	    strchr(" \t\r\n", r->vtext[r->vtextlen - 1]) != NULL)
		r->vtextlen--;
}

/*
 * The value of cell c: a number (1.5, 1,200), or a number and its unit
 * (15%, 3.2万吨: the value rule's match), the unit into cunit, with
 * comparison words around it (≥80%, 80%以上).  The value's bytes are
 * c[*vs..*ve).  Returns 0, or -1 when the cell holds no value.
 */
static int
cell_value(struct extractor *x, const char *c, struct buf *val,
    struct buf *cunit, size_t *vsp, size_t *vep)
{
	const struct rule *vr = x->valuer;
	const struct word *w;
	size_t n = strlen(c), ms, me, vs, ve, us, ue, i;

	buf_clear(cunit);
	*vsp = 0;
	*vep = n;
	if (num_parse(c, n, val) == 0)
		return 0;
	for (i = 0; i < n && (w = ruleset_word(x->rs, c + i, n - i)) != NULL;
	    i += w->len)
		;
	if (vr == NULL || rule_match(vr, &x->vm, c, n, i) != 1)
		return -1;
	pat_span(&x->vm, &ms, &me);
	if (ms != i || !pat_group(&vr->pat, &x->vm, "val", &vs, &ve))
		return -1;
	if (!pat_group(&vr->pat, &x->vm, "unit", &us, &ue))
		us = ue = ve;
	for (i = me; i < n; i += w->len)
		if ((w = ruleset_word(x->rs, c + i, n - i)) == NULL)
			return -1;
	buf_clear(val);
	if (num_parse(c + vs, ve - vs, val) != 0)
		return -1;
	buf_add(cunit, c + us, ue - us);
	*vsp = vs;
	*vep = ve;
	return 0;
}

/*
 * The first column of a table's rows: 1 past a 序号 column (序号 | 地区 |
 * …), else 0.
 */
static size_t
first_col(const struct row *h)
{
	return h->n > 2 && (strcmp(h->c[0].text, "序号") == 0 ||
	    strcmp(h->c[0].text, "编号") == 0);
}

/*
 * The region of the current row: its first cell's (past a 序号 column,
 * or in it when the row leaves the next one empty: 合计 | | 3.5), the
 * document's for a total or when rows are indicators.
 */
static const char *
row_region(const struct extractor *x, int indcol, size_t first)
{
	const struct row *r = &x->t.cur;
	const char *c;

	if (indcol >= 0 || r->n == 0)
		return x->region;
	c = first < r->n && r->c[first].text[0] != '\0' ? r->c[first].text :
	    r->c[0].text;
	return total_row(c) ? x->region : c;
}

/*
 * Kind of a cell's record: a table of regions gives table records; one
 * region's table of indicators gives targets, and facts for a column
 * dated before the issue, the annual plan's year or the plan's start
 * (2020年 | 2025年: the baseline, then the target).
 */
static const char *
row_kind(const struct extractor *x, int indcol, int year)
{
	if (indcol < 0)
		return "table";
	return past_year(x, year) ? "fact" : "target";
}

/* Emit the records of the current row's numeric cells. */
static void
row_records(struct extractor *x)
{
	struct table *t = &x->t;
	struct rec rec;
	struct buf ind = {0}, unit = {0}, val = {0}, rind = {0}, runit = {0};
	struct buf cunit = {0};
	size_t i, vs, ve, first = first_col(&t->head);
	int indcol, unitcol;

	memset(&rec, 0, sizeof(rec));
	rec.quals = json_array();
	indcol = head_roles(&t->head, &unitcol);
	row_indicator(t, indcol, unitcol, &rind, &runit);
	rec.region = row_region(x, indcol, first);
	rec.rule = "table";
	row_quote(t, &rec);
	x->subsect = t->title;
	for (i = indcol >= 0 ? (size_t)indcol + 1 : first + 1; i < t->cur.n &&
	    i < t->head.n; i++) {
		buf_clear(&val);
		if ((int)i == unitcol || t->head.c[i].text[0] == '\0' ||
		    cell_value(x, t->cur.c[i].text, &val, &cunit, &vs, &ve) != 0)
			continue;
		cell_indicator(x, i, indcol, &rind, &runit, &ind, &unit, &rec);
		if (cunit.len > 0) {	/* 15% in the cell: its own unit */
			buf_clear(&unit);
			buf_add(&unit, cunit.data, cunit.len);
		}
		rec.kind = row_kind(x, indcol, rec.year);
		rec.cmp = CMP_EQ;
		rec.dir = DIR_NONE;
		json_array_clear(rec.quals);
		read_words(x, ind.data, ind.len, &rec.cmp, &rec.dir,
		    rec.quals);
		read_words(x, t->cur.c[i].text, strlen(t->cur.c[i].text),
		    &rec.cmp, &rec.dir, rec.quals);
		if (indcol < 0)
			title_measure(x, t->title, &ind);
		rec.ind = ind.data;
		rec.unit = unit.len > 0 ? unit.data : NULL;
		rec.val = val.data;
		cell_text(t, &t->cur.c[i], vs, ve, &rec);
		rec.line = t->cur.c[i].lineno;
		emit(x, &rec);
		if (x->explain != NULL)
			fprintf(x->explain, "%s:%lu\t%s\ttable\ttable\n",
			    x->name, rec.line, t->cur.c[i].text);
	}
	x->subsect = NULL;
	json_decref(rec.quals);
	buf_free(&ind);
	buf_free(&unit);
	buf_free(&val);
	buf_free(&rind);
	buf_free(&runit);
	buf_free(&cunit);
}

/* End the current row: the first is the head, others give records. */
void
table_row(struct extractor *x)
{
	struct table *t = &x->t;

	if (t->cur.n > 0 && t->head.n == 0) {
		t->head = t->cur;
		t->cur.c = NULL;
		t->cur.n = 0;
	} else if (t->cur.n > 0)
		row_records(x);
	row_free(&t->cur);
	buf_clear(&t->raw);
}

void
table_end(struct extractor *x)
{
	struct table *t = &x->t;

	if (!t->active)
		return;
	table_row(x);
	row_free(&t->head);
	row_free(&t->cur);
	free(t->title);
	free(t->unit);
	t->title = t->unit = NULL;
	t->active = t->cont = 0;
	buf_clear(&t->raw);
}

void
table_start(struct extractor *x, int cellmode)
{
	struct table *t = &x->t;

	t->active = 1;
	t->cellmode = cellmode;
	t->cont = 0;
	t->title = x->lastshort != NULL ? xstrdup(x->lastshort) : NULL;
	/* 单位：万亩、万株 under the title: the unit of cells without one */
	if (t->title != NULL && starts(t->title, strlen(t->title), "单位：")) {
		const char *u = t->title + 9;

		t->unit = xstrdup(u);
		free(t->title);
		t->title = x->prevshort != NULL ? xstrdup(x->prevshort) : NULL;
	}
}

/*
 * Cells of a pipe row s[0..n): their spans into a (k cells, at most max).
 */
static size_t
pipe_cells(const char *s, size_t n, struct span *a, size_t max)
{
	size_t i = 1, j, k = 0;

	while (i <= n && k < max) {
		for (j = i; j < n && s[j] != '|'; j++)
			;
		a[k].a = i;
		a[k++].b = j;
		i = j + 1;
	}
	return k;
}

static int
blank_cell(const char *s, const struct span *c)
{
	size_t i;

	for (i = c->a; i < c->b; i++)
		if (strchr(" \t\r", s[i]) == NULL)
			return 0;
	return 1;
}

/*
 * A whole table flattened into one pipe line, rows parted by an empty
 * cell (| 地区 | A | B |  | 甲县 | 1 | 2 |  | …: HTML residue): the width of
 * its rows, or 0 when the line is one row.
 */
static size_t
flat_width(const char *s, const struct span *c, size_t k)
{
	size_t w, i;

	for (w = 2; w < k && !blank_cell(s, &c[w]); w++)
		;
	if (w >= k || k < 2 * w + 1)
		return 0;
	for (i = w; i < k; i += w + 1)
		if (!blank_cell(s, &c[i]))
			return 0;
	return w;
}

/*
 * Cells c[0..k) of a pipe line as a row, its bytes s[a..b) (the whole
 * line for a one-row line, the row's cells for a flattened table).
 */
static void
pipe_row(struct extractor *x, const char *s, size_t a, size_t b,
    const struct span *c, size_t k, size_t off, unsigned long lineno)
{
	size_t i;

	if (k == 0)
		return;
	table_raw(x, s + a, b - a, off + a);
	for (i = 0; i < k; i++)
		row_add(x, &x->t.cur, s + c[i].a, c[i].b - c[i].a,
		    off + c[i].a, lineno);
	table_row(x);
}

/* A line of Markdown or HTML-residue pipes: one row, or a whole table. */
static void
pipe_line(struct extractor *x, const char *s, size_t n, size_t off,
    unsigned long lineno)
{
	struct span c[4096];
	size_t k, w, i, m, lead = lead_spaces(s, n);

	s += lead;
	off += lead;
	n -= lead;
	/* |---|---| separator rows carry nothing */
	for (i = 0; i < n && strchr("|-: \t", s[i]) != NULL; i++)
		;
	if (i == n)
		return;
	while (n > 1 && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	if (n > 1 && s[n - 1] == '|')
		n--;
	k = pipe_cells(s, n, c, sizeof(c) / sizeof(c[0]));
	if ((w = flat_width(s, c, k)) == 0) {
		pipe_row(x, s, 0, n, c, k, off, lineno);
		return;
	}
	for (i = 0; i < k; i += w + 1) {
		m = k - i < w ? k - i : w;
		pipe_row(x, s, c[i].a, c[i + m - 1].b, c + i, m, off, lineno);
	}
}

/* A row written on one line: cells split by tabs or by | (Markdown). */
void
table_line(struct extractor *x, const char *s, size_t n, size_t off,
    unsigned long lineno)
{
	size_t i = 0, j;

	if (lead_spaces(s, n) < n && s[lead_spaces(s, n)] == '|') {
		pipe_line(x, s, n, off, lineno);
		return;
	}
	table_raw(x, s, n, off);
	while (i <= n) {
		for (j = i; j < n && s[j] != '\t'; j++)
			;
		row_add(x, &x->t.cur, s + i, j - i, off + i, lineno);
		i = j + 1;
	}
	table_row(x);
}

/* A line holding one cell (a tab, then its text). */
void
table_cell(struct extractor *x, const char *s, size_t n, size_t off,
    unsigned long lineno)
{
	table_raw(x, s, n, off);
	row_add(x, &x->t.cur, s + 1, n - 1, off + 1, lineno);
	x->t.cont = 1;
}
