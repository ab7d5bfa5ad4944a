/* mtable: zb-merge's table fields, long and flat tables, as CSV or TSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "jsonl.h"
#include "mtable.h"

/* ---- fields ------------------------------------------------------------- */

void
mtable_field(const struct mtable *t, const char *s, int last)
{
	const char *p;

	if (t->csv && strpbrk(s, ",\"\r\n") != NULL) {
		putchar('"');
		for (p = s; *p != '\0'; p++) {
			if (*p == '"')
				putchar('"');
			putchar(*p);
		}
		putchar('"');
	} else if (t->csv) {
		fputs(s, stdout);
	} else {
		for (p = s; *p != '\0'; p++)
			putchar(strchr("\t\r\n", *p) != NULL ? ' ' : *p);
	}
	if (!last)
		putchar(t->csv ? ',' : '\t');
	else
		fputs(t->csv ? "\r\n" : "\n", stdout);
}

void
mtable_names(const struct mtable *t, const char *const *hdr, int last)
{
	size_t i;

	for (i = 0; hdr[i] != NULL; i++)
		mtable_field(t, hdr[i], last && hdr[i + 1] == NULL);
}

const char *
mtable_key(const json_t *o, const char *key, char *n)
{
	const char *s;

	if (fields_num(o, key, n) == 0)
		return n;
	return (s = fields_str(o, key)) != NULL ? s : "";
}

/* Print key of o as text ("" for null). */
static void
put_key(const struct mtable *t, const json_t *o, const char *key, int last)
{
	char n[FIELDS_NUMLEN];

	mtable_field(t, mtable_key(o, key, n), last);
}

void
mtable_label(struct buf *b, const struct gazetteer *gz, const struct mstmt *s)
{
	const char *code = fields_str(s->o, "region_code");
	const char *name = fields_str(s->o, "region");
	const struct region *r;

	if (name == NULL && code == NULL) {
		buf_adds(b, "(no region)");
		return;
	}
	if (code == NULL && !s->byparent) {
		buf_adds(b, name);
		return;
	}
	if (code == NULL) {
		code = s->pcode;
		r = gazetteer_code(gz, code);
		buf_adds(b, r != NULL ? r->name : code);
		buf_addc(b, '/');
	} else if ((r = gazetteer_code(gz, code)) != NULL) {
		name = r->name;
	}
	buf_adds(b, name != NULL ? name : code);
	buf_adds(b, " (");
	buf_adds(b, code);
	buf_addc(b, ')');
}

/* ---- long table --------------------------------------------------------- */

static const char *const long_names[] = {
	"indicator", "indicator_as_written", "year", "unit_std",
	"baseline_year", "direction", "region_key", "region_code",
	"parent_code", "region", "value", "value_max", "cmp", "conflict",
	"sources", "source", "issued", "line", "quote", NULL
};

/* The sources of entry e's documents, in their order, "|" between. */
static void
entry_sources(struct buf *b, const struct merge *m, const struct mentry *e)
{
	size_t i;

	for (i = e->first; i < e->end; i++) {
		if (i > e->first && strcmp(fields_doc(m->st[i].o),
		    fields_doc(m->st[i - 1].o)) == 0)
			continue;
		if (b->len > 0)
			buf_addc(b, '|');
		buf_adds(b, fields_str(m->st[i].o, "source"));
	}
}

/* One row of the long table: group, region, claim, provenance. */
static void
long_row(const struct mtable *t, const struct merge *m,
    const struct mgroup *g, const struct mentry *e)
{
	const json_t *o = e->s->o;
	char v[FIELDS_NUMLEN];
	struct buf b = { 0 };

	mtable_field(t, fields_indicator(m->st[g->first].o), 0);
	put_key(t, o, "indicator", 0);
	put_key(t, o, "year", 0);
	mtable_field(t, fields_unit(o) ? fields_unit(o) : "", 0);
	put_key(t, o, "baseline_year", 0);
	put_key(t, o, "direction", 0);
	mtable_label(&b, m->gz, e->s);
	mtable_field(t, b.data, 0);
	put_key(t, o, "region_code", 0);
	mtable_field(t, e->s->pcode != NULL ? e->s->pcode : "", 0);
	put_key(t, o, "region", 0);
	mtable_field(t, fields_value(o, 0, v) == 0 ? v : "", 0);
	mtable_field(t, fields_value(o, 1, v) == 0 ? v : "", 0);
	put_key(t, o, "cmp", 0);
	mtable_field(t, e->conflict ? "true" : "false", 0);
	buf_clear(&b);
	entry_sources(&b, m, e);
	mtable_field(t, b.data != NULL ? b.data : "", 0);
	put_key(t, o, "source", 0);
	put_key(t, o, "issued", 0);
	put_key(t, o, "line", 0);
	put_key(t, o, "quote", 1);
	buf_free(&b);
}

void
mtable_long_head(const struct mtable *t)
{
	mtable_names(t, long_names, 1);
}

void
mtable_long(const struct mtable *t, const struct merge *m,
    const struct mgroup *g)
{
	size_t k;

	for (k = 0; k < g->ne; k++)
		long_row(t, m, g, &g->e[k]);
}

/* ---- flat rows ---------------------------------------------------------- */

const char *const mtable_flat_names[] = {
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

void
mtable_flat(const struct mtable *t, const json_t *o)
{
	struct buf b = { 0 };
	const json_t *v;
	size_t i, k;

	for (i = 0; mtable_flat_names[i] != NULL; i++) {
		buf_clear(&b);
		v = json_object_get(o, mtable_flat_names[i]);
		if (json_is_array(v)) {
			for (k = 0; k < json_array_size(v); k++) {
				if (k > 0)
					buf_addc(&b, ';');
				scalar_text(&b, json_array_get(v, k));
			}
		} else if (v != NULL) {
			scalar_text(&b, v);
		}
		mtable_field(t, b.data != NULL ? b.data : "",
		    mtable_flat_names[i + 1] == NULL);
	}
	buf_free(&b);
}
