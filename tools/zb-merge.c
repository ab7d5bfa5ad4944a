/* zb-merge: many regions' target records -> one table, roll-ups, conflicts. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "data.h"
#include "dec.h"
#include "fields.h"
#include "jsonl.h"
#include "gazetteer.h"
#include "util.h"

enum format { FMT_JSONL, FMT_WIDE, FMT_LONG, FMT_FLAT };

/* One target record kept from the input. */
struct stmt {
	json_t		*o;		/* owned */
	const char	*name;		/* input name, owned by names */
	unsigned long	 line;
	size_t		 seq;		/* input order */
	char		*gkey;		/* group key, owned */
	int		 rank;		/* 0 code known, 1 name only, 2 none */
	const char	*okey;		/* order: code, else known code */
	const char	*rkey;		/* identity: region code, else name */
	const char	*pcode;		/* parent code, given or inferred */
	char		*kbuf;		/* owned: rkey "PARENT/NAME" if built */
	long long	 offset;
};

/* A document's region: the code of its first record that has one. */
struct docreg {
	char		*doc;		/* owned */
	char		*code;		/* owned */
	size_t		 seq;
};

/* A region's entry in a group: the statement chosen among its documents. */
struct entry {
	struct stmt	*s;
	size_t		 first, end;	/* the region's statements in st[] */
	int		 conflict;
};

struct group {
	size_t		 first, end;	/* statements in st[] */
	struct entry	*e;
	size_t		 ne;
};

static enum format format = FMT_JSONL;
static int csv;			/* tables: CSV, else TSV */
static int numeric;		/* -n: wide cells are bare numbers */
static int status = EXIT_OK;
static size_t nread;		/* records read, for docreg order */
static struct docreg *dr;
static size_t ndr, capdr;
static struct stmt *st;
static size_t nst, capst;
static char **names;
static size_t nnames;
static struct group *groups;
static size_t ngroups;
static struct gazetteer gz;

static const struct field_spec need[] = {
	{ "source", FT_STR }, { "region", FT_STR | FT_NULL },
	{ "year", FT_INT | FT_NULL }, { "indicator", FT_STR | FT_NULL },
	{ "value", FT_NUM | FT_NULL }, { "value_max", FT_NUM | FT_NULL },
	{ "unit", FT_STR | FT_NULL }, { "cmp", FT_STR },
	{ "baseline_year", FT_INT | FT_NULL },
	{ "direction", FT_STR | FT_NULL }, { "kind", FT_STR },
	{ "quote", FT_STR }, { NULL, 0 }
};

/* ---- reading ------------------------------------------------------------ */

/* Group key: indicator, year, unit, baseline year, direction. */
static char *
group_key(const json_t *o)
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
by_name(const char *name)
{
	const struct region *r;

	r = gazetteer_prefix(&gz, name, strlen(name));
	return r != NULL && r->len == strlen(name) ? r : NULL;
}

/* The code of the document doc's region, or NULL (dr[] sorted). */
static const char *
doc_region(const char *doc)
{
	size_t lo = 0, hi = ndr, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(doc, dr[mid].doc)) == 0)
			return dr[mid].code;
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
region_keys(struct stmt *s)
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
		s->pcode = doc_region(fields_doc(s->o));
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
	if (name != NULL && (r = by_name(name)) != NULL) {
		s->okey = r->code;
		s->rank = 0;
	}
}

/*
 * Note the region of o's document (o read as record seq): records of a
 * document mostly come together, so one entry per run of them.
 */
static void
note_doc(const json_t *o, size_t seq)
{
	const char *code = fields_str(o, "region_code");
	struct docreg *d;

	if (code == NULL || (ndr > 0 &&
	    strcmp(dr[ndr - 1].doc, fields_doc(o)) == 0))
		return;
	d = VEC_PUSH(dr, ndr, capdr);
	d->doc = xstrdup(fields_doc(o));
	d->code = xstrdup(code);
	d->seq = seq;
}

static int
cmp_docreg(const void *a, const void *b)
{
	const struct docreg *x = a, *y = b;
	int c;

	if ((c = strcmp(x->doc, y->doc)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sort the documents' regions, keep each one's first; key every stmt. */
static void
key_regions(void)
{
	size_t i, j;

	if (ndr > 0)
		qsort(dr, ndr, sizeof(*dr), cmp_docreg);
	for (i = j = 0; i < ndr; i++) {
		if (j > 0 && strcmp(dr[j - 1].doc, dr[i].doc) == 0) {
			free(dr[i].doc);
			free(dr[i].code);
			continue;
		}
		dr[j++] = dr[i];
	}
	ndr = j;
	for (i = 0; i < nst; i++)
		region_keys(&st[i]);
}

static void put_flat(const json_t *o);

/* Keep record o read at name:line when it is a target; takes o. */
static void
keep(json_t *o, const char *name, unsigned long line)
{
	struct stmt *s;
	const char *bad, *kind;

	if ((bad = fields_check(o, need)) != NULL) {
		zb_warnx("%s:%lu: missing or malformed field \"%s\"; "
		    "record skipped", name, line, bad);
		status = EXIT_TROUBLE;
		json_decref(o);
		return;
	}
	if (format == FMT_FLAT) {
		put_flat(o);
		json_decref(o);
		return;
	}
	note_doc(o, nread++);
	kind = fields_str(o, "kind");
	if ((strcmp(kind, "target") != 0 && strcmp(kind, "table") != 0) ||
	    fields_indicator(o) == NULL) {
		json_decref(o);
		return;
	}
	s = VEC_PUSH(st, nst, capst);
	s->o = o;
	s->name = name;
	s->line = line;
	s->seq = nst - 1;
	s->gkey = group_key(o);
	s->kbuf = NULL;
	s->offset = json_integer_value(json_object_get(o, "offset"));
}

static void
read_input(const char *path)
{
	struct jsonl *j;
	struct line raw = { 0 };
	json_t *o;
	int rc;

	if ((j = jsonl_open(path)) == NULL) {
		zb_warn("%s", strcmp(path, "-") == 0 ? "<stdin>" : path);
		status = EXIT_TROUBLE;
		return;
	}
	names = xreallocarray(names, nnames + 1, sizeof(*names));
	names[nnames++] = xstrdup(jsonl_name(j));
	while ((rc = jsonl_next(j, &o, &raw)) != JSONL_END) {
		if (rc == JSONL_OK)
			keep(o, names[nnames - 1], raw.lineno);
		else
			status = EXIT_TROUBLE;
		if (rc == JSONL_ERROR)
			break;
	}
	jsonl_close(j);
}

/* ---- grouping ----------------------------------------------------------- */

/* Order of regions: by code (or a known name's code), then by name. */
static int
cmp_region(const struct stmt *x, const struct stmt *y)
{
	int c;

	if (x->rank != y->rank)
		return x->rank - y->rank;
	if ((c = strcmp(x->okey, y->okey)) != 0)
		return c;
	return strcmp(x->rkey, y->rkey);
}

static int
cmp_stmt(const void *a, const void *b)
{
	const struct stmt *x = a, *y = b;
	int c;

	if ((c = strcmp(x->gkey, y->gkey)) != 0)
		return c;
	if ((c = cmp_region(x, y)) != 0)
		return c;
	if ((c = strcmp(fields_doc(x->o), fields_doc(y->o))) != 0)
		return c;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Compare issue dates, a missing one oldest. */
static int
cmp_issued(const struct stmt *x, const struct stmt *y)
{
	const char *a = fields_str(x->o, "issued");
	const char *b = fields_str(y->o, "issued");

	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* Whether two statements say the same: value, upper bound, comparison. */
static int
same_claim(const json_t *a, const json_t *b)
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

/*
 * Fill e for the region's statements st[first..end): each document's first
 * statement is its claim; the newest issued claim (the first read among
 * equals) is chosen; claims that differ make a conflict.
 */
static void
make_entry(struct entry *e, size_t first, size_t end)
{
	size_t i;

	e->first = first;
	e->end = end;
	e->s = &st[first];
	e->conflict = 0;
	for (i = first + 1; i < end; i++) {
		if (strcmp(fields_doc(st[i].o), fields_doc(st[i - 1].o)) == 0)
			continue;
		if (!same_claim(st[i].o, st[first].o))
			e->conflict = 1;
		if (cmp_issued(&st[i], e->s) > 0 || (cmp_issued(&st[i],
		    e->s) == 0 && st[i].seq < e->s->seq))
			e->s = &st[i];
	}
}

static int
same_region(const struct stmt *a, const struct stmt *b)
{
	return cmp_region(a, b) == 0;
}

static void
make_groups(void)
{
	size_t i, j, k;
	struct group *g;

	if (nst > 0)
		qsort(st, nst, sizeof(*st), cmp_stmt);
	for (i = 0; i < nst; i = j) {
		for (j = i + 1; j < nst && strcmp(st[j].gkey, st[i].gkey) == 0;
		    j++)
			;
		groups = xreallocarray(groups, ngroups + 1, sizeof(*groups));
		g = &groups[ngroups++];
		g->first = i;
		g->end = j;
		g->e = NULL;
		g->ne = 0;
		for (k = i; k < j; k = g->e[g->ne++].end) {
			g->e = xreallocarray(g->e, g->ne + 1, sizeof(*g->e));
			g->e[g->ne].end = k + 1;
			while (g->e[g->ne].end < j &&
			    same_region(&st[g->e[g->ne].end], &st[k]))
				g->e[g->ne].end++;
			make_entry(&g->e[g->ne], k, g->e[g->ne].end);
		}
	}
}

/* ---- jsonl output ------------------------------------------------------- */

/* The value (or upper bound) as a JSON number, canonical when normalized. */
static json_t *
value_of(const json_t *o, int max)
{
	if (fields_normalized(o))
		return fields_get(o, max ? "value_max_std" : "value_std");
	return fields_get(o, max ? "value_max" : "value");
}

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/* The keys every output record starts with: what the group is. */
static json_t *
head(const char *type, const json_t *o)
{
	json_t *r = json_object();

	json_object_set_new(r, "type", json_string(type));
	json_object_set_new(r, "indicator", json_string(fields_indicator(o)));
	json_object_set_new(r, "year", fields_get(o, "year"));
	json_object_set_new(r, "unit", str_or_null(fields_unit(o)));
	json_object_set_new(r, "baseline_year", fields_get(o, "baseline_year"));
	json_object_set_new(r, "direction", fields_get(o, "direction"));
	return r;
}

/* Region, value and comparison of a statement, for entries and children. */
static void
add_claim(json_t *r, const json_t *o)
{
	json_object_set_new(r, "region_code", fields_get(o, "region_code"));
	json_object_set_new(r, "region", fields_get(o, "region"));
	json_object_set_new(r, "value", value_of(o, 0));
	json_object_set_new(r, "value_max", value_of(o, 1));
	json_object_set_new(r, "cmp", fields_get(o, "cmp"));
}

/* Where a statement was made. */
static void
add_source(json_t *r, const struct stmt *s)
{
	json_object_set_new(r, "source", fields_get(s->o, "source"));
	json_object_set_new(r, "issued", fields_get(s->o, "issued"));
	json_object_set_new(r, "line", fields_get(s->o, "line"));
	json_object_set_new(r, "quote", fields_get(s->o, "quote"));
}

static void
emit(json_t *r)
{
	if (jsonl_write(stdout, r) < 0) {
		zb_warnx("cannot encode an output record");
		status = EXIT_TROUBLE;
	}
	json_decref(r);
}

static void
emit_group(const struct group *g)
{
	json_t *r, *a, *e;
	size_t i;

	r = head("group", st[g->first].o);
	json_object_set_new(r, "additive",
	    fields_get(st[g->first].o, "additive"));
	a = json_array();
	for (i = 0; i < g->ne; i++) {
		e = json_object();
		add_claim(e, g->e[i].s->o);
		json_object_set_new(e, "indicator_as_written",
		    fields_get(g->e[i].s->o, "indicator"));
		add_source(e, g->e[i].s);
		json_object_set_new(e, "conflict",
		    json_boolean(g->e[i].conflict));
		json_array_append_new(a, e);
	}
	json_object_set_new(r, "entries", a);
	emit(r);
}

/* ---- conflicts ---------------------------------------------------------- */

static int
cmp_claim(const void *a, const void *b)
{
	const struct stmt *x = *(struct stmt *const *)a;
	const struct stmt *y = *(struct stmt *const *)b;
	int c;

	if ((c = cmp_issued(x, y)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Report the conflict of entry e: one statement per document, oldest
 * first; the newest is current when every statement has an issue date and
 * no other shares it.
 */
static void
emit_conflict(const struct entry *e)
{
	struct stmt **c = NULL;
	size_t i, n = 0;
	json_t *r, *a, *x;
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
	dated &= cmp_issued(c[n - 1], c[n - 2]) > 0;
	r = head("conflict", e->s->o);
	json_object_set_new(r, "region_code", fields_get(e->s->o, "region_code"));
	json_object_set_new(r, "region", fields_get(e->s->o, "region"));
	a = json_array();
	for (i = 0; i < n; i++) {
		x = json_object();
		json_object_set_new(x, "current",
		    json_boolean(dated && i == n - 1));
		json_object_set_new(x, "value", value_of(c[i]->o, 0));
		json_object_set_new(x, "value_max", value_of(c[i]->o, 1));
		json_object_set_new(x, "cmp", fields_get(c[i]->o, "cmp"));
		add_source(x, c[i]);
		json_object_set_new(x, "sha256", fields_get(c[i]->o, "sha256"));
		json_array_append_new(a, x);
	}
	json_object_set_new(r, "statements", a);
	free(c);
	emit(r);
}

/* ---- roll-ups ----------------------------------------------------------- */

static void
load_gazetteer(void)
{
	gazetteer_load(&gz, (const char *)data_regions, data_regions_len);
}

/* Whether values of this entry may be summed: additive, not a share. */
static int
summable(const json_t *o)
{
	const char *u = fields_unit(o), *d = fields_str(o, "dimension");

	if (!json_is_true(json_object_get(o, "additive")))
		return 0;
	if (d != NULL && strcmp(d, "share") == 0)
		return 0;
	return u == NULL || (strcmp(u, "%") != 0 && strcmp(u, "pp") != 0 &&
	    strcmp(u, "\xe2\x80\xb0") != 0 &&
	    strcmp(u, "\xe4\xb8\xaa\xe7\x99\xbe\xe5\x88\x86\xe7\x82\xb9") != 0);
}

/* Add decimal v to *sum (exactly); an empty v leaves it alone. */
static void
add_to(char **sum, const char *v)
{
	struct buf t = {0};

	if (v[0] == '\0' || dec_add(*sum, v, &t) < 0) {
		buf_free(&t);
		return;
	}
	free(*sum);
	*sum = t.data;
}

/* The gazetteer's children of code that no entry of g covers, by code. */
static json_t *
missing_children(const struct group *g, const char *code)
{
	json_t *a, *x;
	size_t i, k;
	const char *c;

	if (gazetteer_code(&gz, code) == NULL)
		return json_null();
	a = json_array();
	for (i = 0; i < gz.n; i++) {
		if (strcmp(gz.bycode[i]->parent, code) != 0)
			continue;
		for (k = 0; k < g->ne; k++) {
			c = fields_str(g->e[k].s->o, "region_code");
			if (c != NULL && strcmp(c, gz.bycode[i]->code) == 0)
				break;
		}
		if (k < g->ne)
			continue;
		x = json_object();
		json_object_set_new(x, "region_code",
		    json_string(gz.bycode[i]->code));
		json_object_set_new(x, "region", json_string(gz.bycode[i]->name));
		json_array_append_new(a, x);
	}
	return a;
}

/* Share sum/whole rounded to 4 places, null when whole is 0 or missing. */
static json_t *
share(const char *sum, const char *whole)
{
	char t[64];
	double w = strtod(whole, NULL);

	if (whole[0] == '\0' || w == 0)
		return json_null();
	snprintf(t, sizeof(t), "%.4f", strtod(sum, NULL) / w);
	return json_real(strtod(t, NULL));
}

/* Sum the children of parent entry p in g; NULL when it has none. */
static json_t *
children_of(const struct group *g, const struct entry *p, char **sum,
    char **summax)
{
	const char *code = fields_str(p->s->o, "region_code"), *pc;
	char v[FIELDS_NUMLEN], m[FIELDS_NUMLEN];
	json_t *a = NULL, *x;
	size_t i;

	for (i = 0; i < g->ne; i++) {
		pc = fields_str(g->e[i].s->o, "parent_code");
		if (pc == NULL || strcmp(pc, code) != 0 ||
		    !summable(g->e[i].s->o))
			continue;
		if (a == NULL)
			a = json_array();
		fields_value(g->e[i].s->o, 0, v);
		if (fields_value(g->e[i].s->o, 1, m) < 0)
			strcpy(m, v);
		add_to(sum, v);
		add_to(summax, m);
		x = json_object();
		add_claim(x, g->e[i].s->o);
		json_array_append_new(a, x);
	}
	return a;
}

/* Roll-up of parent entry p: its target against its children's sum. */
static void
emit_rollup(const struct group *g, const struct entry *p)
{
	char *sum = xstrdup("0"), *summax = xstrdup("0");
	struct buf diff = {0};
	char v[FIELDS_NUMLEN], m[FIELDS_NUMLEN];
	json_t *r, *kids, *miss;

	kids = children_of(g, p, &sum, &summax);
	if (kids != NULL) {
		fields_value(p->s->o, 0, v);
		r = head("rollup", p->s->o);
		add_claim(r, p->s->o);
		json_object_set_new(r, "children_sum", jsonl_number(sum));
		json_object_set_new(r, "children_sum_max",
		    strcmp(sum, summax) != 0 || fields_value(p->s->o, 1, m) == 0
		    ? jsonl_number(summax) : json_null());
		if (v[0] != '\0' && dec_sub(v, sum, &diff) == 0)
			json_object_set_new(r, "difference",
			    jsonl_number(diff.data));
		else
			json_object_set_new(r, "difference", json_null());
		buf_free(&diff);
		json_object_set_new(r, "share", share(sum, v));
		json_object_set_new(r, "children", kids);
		miss = missing_children(g, fields_str(p->s->o, "region_code"));
		json_object_set_new(r, "complete", json_is_array(miss) ?
		    json_boolean(json_array_size(miss) == 0) : json_null());
		json_object_set_new(r, "children_missing", miss);
		emit(r);
	}
	free(sum);
	free(summax);
}

static void
output_jsonl(void)
{
	const struct group *g;
	size_t i, k;

	for (i = 0; i < ngroups; i++) {
		g = &groups[i];
		emit_group(g);
		for (k = 0; k < g->ne; k++)
			if (fields_str(g->e[k].s->o, "region_code") != NULL &&
			    summable(g->e[k].s->o))
				emit_rollup(g, &g->e[k]);
		for (k = 0; k < g->ne; k++)
			if (g->e[k].conflict)
				emit_conflict(&g->e[k]);
	}
}

/* ---- tables ------------------------------------------------------------ */

/* Print one field: CSV quoted per RFC 4180, TSV with tabs and breaks as
 * spaces. */
static void
put_field(const char *s, int last)
{
	const char *p;

	if (csv && strpbrk(s, ",\"\r\n") != NULL) {
		putchar('"');
		for (p = s; *p != '\0'; p++) {
			if (*p == '"')
				putchar('"');
			putchar(*p);
		}
		putchar('"');
	} else if (csv) {
		fputs(s, stdout);
	} else {
		for (p = s; *p != '\0'; p++)
			putchar(strchr("\t\r\n", *p) != NULL ? ' ' : *p);
	}
	if (!last)
		putchar(csv ? ',' : '\t');
	else
		fputs(csv ? "\r\n" : "\n", stdout);
}

/* Print a header row of the NULL-ended names, last ending it if set. */
static void
put_names(const char *const *hdr, int last)
{
	size_t i;

	for (i = 0; hdr[i] != NULL; i++)
		put_field(hdr[i], last && hdr[i + 1] == NULL);
}

/* Print key of o as text ("" for null). */
static void
put_key(const json_t *o, const char *key, int last)
{
	char t[FIELDS_NUMLEN];
	const char *s;

	if (fields_num(o, key, t) == 0)
		put_field(t, last);
	else
		put_field((s = fields_str(o, key)) != NULL ? s : "", last);
}

/*
 * Append the column label of statement s's region: "NAME (CODE)" with the
 * gazetteer's name; "PARENT/NAME (PARENT_CODE)" for a region known only
 * by its parent (市本级, a zone); the name as written without a code;
 * "(no region)" for a null region.  Unique per region identity.
 */
static void
region_label(struct buf *b, const struct stmt *s)
{
	const char *code = fields_str(s->o, "region_code");
	const char *name = fields_str(s->o, "region");
	const struct region *r;

	if (name == NULL && code == NULL) {
		buf_adds(b, "(no region)");
		return;
	}
	if (code == NULL && s->kbuf == NULL) {
		buf_adds(b, name);
		return;
	}
	if (code == NULL) {
		code = s->pcode;
		r = gazetteer_code(&gz, code);
		buf_adds(b, r != NULL ? r->name : code);
		buf_addc(b, '/');
	} else if ((r = gazetteer_code(&gz, code)) != NULL) {
		name = r->name;
	}
	buf_adds(b, name != NULL ? name : code);
	buf_adds(b, " (");
	buf_adds(b, code);
	buf_addc(b, ')');
}

static int
cmp_col(const void *a, const void *b)
{
	return cmp_region(*(struct stmt *const *)a, *(struct stmt *const *)b);
}

/* The table's columns: one statement per region, by code then name. */
static struct stmt **
columns(size_t *n)
{
	struct stmt **c = NULL;
	size_t i, k, j;

	*n = 0;
	for (i = 0; i < ngroups; i++)
		for (k = 0; k < groups[i].ne; k++) {
			c = xreallocarray(c, *n + 1, sizeof(*c));
			c[(*n)++] = groups[i].e[k].s;
		}
	if (*n > 0)
		qsort(c, *n, sizeof(*c), cmp_col);
	for (i = j = 0; i < *n; i++)
		if (j == 0 || !same_region(c[j - 1], c[i]))
			c[j++] = c[i];
	*n = j;
	return c;
}

/* The row's group columns: indicator, year, unit, baseline, direction. */
static void
put_group(const json_t *o, int last)
{
	put_field(fields_indicator(o), 0);
	put_key(o, "year", 0);
	put_field(fields_unit(o) ? fields_unit(o) : "", 0);
	put_key(o, "baseline_year", 0);
	put_field(fields_str(o, "direction") ? fields_str(o, "direction") :
	    "", last);
}

/* A wide cell: "≥50", "60~65", "16 (conflict)"; with -n four cells:
 * value, upper bound, comparison, conflict. */
static void
put_cell(const struct entry *e, int last)
{
	char v[FIELDS_NUMLEN];
	struct buf b = { 0 };

	if (numeric) {
		put_field(e == NULL || fields_value(e->s->o, 0, v) < 0 ? "" :
		    v, 0);
		put_field(e == NULL || fields_value(e->s->o, 1, v) < 0 ? "" :
		    v, 0);
		put_field(e == NULL ? "" : fields_str(e->s->o, "cmp"), 0);
		put_field(e == NULL ? "" : e->conflict ? "true" : "false",
		    last);
		return;
	}
	if (e != NULL) {
		fields_cell(&b, e->s->o);
		if (e->conflict)
			buf_adds(&b, " (conflict)");
	}
	put_field(b.data != NULL ? b.data : "", last);
	buf_free(&b);
}

static void
table_row(const struct group *g, struct stmt **col, size_t ncol)
{
	size_t c, k = 0;

	put_group(st[g->first].o, ncol == 0);
	for (c = 0; c < ncol; c++) {
		if (k < g->ne && same_region(g->e[k].s, col[c]))
			put_cell(&g->e[k++], c == ncol - 1);
		else
			put_cell(NULL, c == ncol - 1);
	}
}

static const char *const group_names[] = {
	"indicator", "year", "unit", "baseline_year", "direction", NULL
};

static void
output_wide(void)
{
	static const char *const sfx[] = { "", " max", " cmp", " conflict" };
	struct stmt **col;
	struct buf b = { 0 };
	size_t i, k, n;

	col = columns(&n);
	put_names(group_names, n == 0);
	for (i = 0; i < n; i++)
		for (k = 0; k < (numeric ? 4 : 1); k++) {
			buf_clear(&b);
			region_label(&b, col[i]);
			buf_adds(&b, sfx[k]);
			put_field(b.data, i == n - 1 && k == (numeric ? 3 : 0));
		}
	buf_free(&b);
	for (i = 0; i < ngroups; i++)
		table_row(&groups[i], col, n);
	free(col);
}

/* ---- long table ------------------------------------------------------- */

static const char *const long_names[] = {
	"indicator", "indicator_as_written", "year", "unit_std",
	"baseline_year", "direction", "region_key", "region_code",
	"parent_code", "region", "value", "value_max", "cmp", "conflict",
	"sources", "source", "issued", "line", "quote", NULL
};

/* The sources of entry e's documents, in their order, "|" between. */
static void
entry_sources(struct buf *b, const struct entry *e)
{
	size_t i;

	for (i = e->first; i < e->end; i++) {
		if (i > e->first && strcmp(fields_doc(st[i].o),
		    fields_doc(st[i - 1].o)) == 0)
			continue;
		if (b->len > 0)
			buf_addc(b, '|');
		buf_adds(b, fields_str(st[i].o, "source"));
	}
}

/* One row of the long table: group, region, claim, provenance. */
static void
long_row(const struct group *g, const struct entry *e)
{
	const json_t *o = e->s->o;
	char v[FIELDS_NUMLEN];
	struct buf b = { 0 };

	put_field(fields_indicator(st[g->first].o), 0);
	put_key(o, "indicator", 0);
	put_key(o, "year", 0);
	put_field(fields_unit(o) ? fields_unit(o) : "", 0);
	put_key(o, "baseline_year", 0);
	put_key(o, "direction", 0);
	region_label(&b, e->s);
	put_field(b.data, 0);
	put_key(o, "region_code", 0);
	put_field(e->s->pcode != NULL ? e->s->pcode : "", 0);
	put_key(o, "region", 0);
	put_field(fields_value(o, 0, v) == 0 ? v : "", 0);
	put_field(fields_value(o, 1, v) == 0 ? v : "", 0);
	put_key(o, "cmp", 0);
	put_field(e->conflict ? "true" : "false", 0);
	buf_clear(&b);
	entry_sources(&b, e);
	put_field(b.data != NULL ? b.data : "", 0);
	put_key(o, "source", 0);
	put_key(o, "issued", 0);
	put_key(o, "line", 0);
	put_key(o, "quote", 1);
	buf_free(&b);
}

static void
output_long(void)
{
	size_t i, k;

	put_names(long_names, 1);
	for (i = 0; i < ngroups; i++)
		for (k = 0; k < groups[i].ne; k++)
			long_row(&groups[i], &groups[i].e[k]);
}

/* ---- flat records ----------------------------------------------------- */

/* The record contract's keys and zb-norm's, in their order. */
static const char *const flat_names[] = {
	"source", "sha256", "issued", "region", "year", "indicator", "value",
	"value_max", "value_text", "unit", "cmp", "baseline_year",
	"direction", "kind", "qualifiers", "owners", "section", "quote",
	"offset", "length", "line", "rule", "value_std", "value_max_std",
	"unit_std", "dimension", "factor", "indicator_id", "indicator_en",
	"additive", "region_code", "region_level", "parent_code", NULL
};

/* Append the text of scalar v: a number's exact text, true/false, "". */
static void
scalar_text(struct buf *b, const json_t *v)
{
	char t[FIELDS_NUMLEN];

	if (json_is_string(v)) {
		buf_add(b, json_string_value(v), json_string_length(v));
	} else if (json_is_boolean(v)) {
		buf_adds(b, json_is_true(v) ? "true" : "false");
	} else if (jsonl_numtext(v, t, sizeof(t)) == 0) {
		buf_adds(b, t);
	}
}

/* One row of a record: every key of flat_names, arrays joined by ";". */
static void
put_flat(const json_t *o)
{
	struct buf b = { 0 };
	const json_t *v;
	size_t i, k;

	for (i = 0; flat_names[i] != NULL; i++) {
		buf_clear(&b);
		v = json_object_get(o, flat_names[i]);
		if (json_is_array(v)) {
			for (k = 0; k < json_array_size(v); k++) {
				if (k > 0)
					buf_addc(&b, ';');
				scalar_text(&b, json_array_get(v, k));
			}
		} else if (v != NULL) {
			scalar_text(&b, v);
		}
		put_field(b.data != NULL ? b.data : "",
		    flat_names[i + 1] == NULL);
	}
	buf_free(&b);
}

/* ---- main --------------------------------------------------------------- */

static void
cleanup(void)
{
	size_t i;

	for (i = 0; i < nst; i++) {
		json_decref(st[i].o);
		free(st[i].gkey);
		free(st[i].kbuf);
	}
	for (i = 0; i < ngroups; i++)
		free(groups[i].e);
	for (i = 0; i < nnames; i++)
		free(names[i]);
	for (i = 0; i < ndr; i++) {
		free(dr[i].doc);
		free(dr[i].code);
	}
	free(dr);
	free(st);
	free(groups);
	free(names);
	gazetteer_free(&gz);
}

#define USAGE "usage: zb-merge [--bom] [-f jsonl|tsv|csv|long|flat] [-n] " \
	"[file ...]\n"

/* Print the usage: with the options on stdout, status 0, when asked. */
static void
usage(int asked)
{
	if (!asked) {
		fputs(USAGE, stderr);
		exit(EXIT_TROUBLE);
	}
	fputs(USAGE
	    "  --bom      start a table with a UTF-8 byte order mark (Excel)\n"
	    "  -f jsonl   group, rollup and conflict records (default)\n"
	    "  -f tsv     wide table, a column per region (also -f csv)\n"
	    "  -f long    CSV, a row per region, indicator and year\n"
	    "  -f flat    CSV, a row per record read, arrays joined by ;\n"
	    "  -n         wide table cells as bare numbers, with max, cmp\n"
	    "             and conflict columns per region\n"
	    "  -h, --help this text; --version the version\n", stdout);
	exit(file_stdout_close() < 0 ? EXIT_TROUBLE : EXIT_OK);
}

/* Set the output format from -f's argument, or exit with the usage. */
static void
set_format(const char *f)
{
	csv = 1;
	if (strcmp(f, "jsonl") == 0)
		format = FMT_JSONL;
	else if (strcmp(f, "tsv") == 0 || strcmp(f, "csv") == 0) {
		format = FMT_WIDE;
		csv = strcmp(f, "csv") == 0;
	} else if (strcmp(f, "long") == 0)
		format = FMT_LONG;
	else if (strcmp(f, "flat") == 0)
		format = FMT_FLAT;
	else {
		zb_warnx("unknown format \"%s\"", f);
		usage(0);
	}
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "bom", no_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c, i, bom = 0;

	zb_start(argc, argv);
	while ((c = getopt_long(argc, argv, "f:hn", longopts, NULL)) != -1) {
		if (c == 'h')
			usage(1);
		else if (c == 'f')
			set_format(optarg);
		else if (c == 'n')
			numeric = 1;
		else if (c == 'B')
			bom = 1;
		else
			usage(0);
	}
	if (bom && format == FMT_JSONL)
		zb_errx("--bom is for tables (-f tsv, csv, long or flat)");
	if (numeric && format != FMT_WIDE)
		zb_errx("-n is for wide tables (-f tsv or csv)");
	argc -= optind;
	argv += optind;
	load_gazetteer();
	if (bom)
		fputs("\xef\xbb\xbf", stdout);
	if (format == FMT_FLAT)
		put_names(flat_names, 1);
	if (argc == 0)
		read_input("-");
	for (i = 0; i < argc; i++)
		read_input(argv[i]);
	key_regions();
	make_groups();
	if (format == FMT_JSONL)
		output_jsonl();
	else if (format == FMT_WIDE)
		output_wide();
	else if (format == FMT_LONG)
		output_long();
	cleanup();
	if (file_stdout_close() < 0)
		status = EXIT_TROUBLE;
	return status;
}
