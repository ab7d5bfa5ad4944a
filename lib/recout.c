/*
 * recout: the target record, the only place that knows its keys and their
 * order.  Records are written straight into a buffer, byte for byte as
 * json_dumps(JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))
 * prints them; what that writer refuses (invalid UTF-8 in a string, a
 * number beyond double) goes through a Jansson tree built from the same
 * key table, so such records still come out as they always did.
 */
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"
#include "jsonl.h"
#include "jsonw.h"
#include "num.h"

enum key { F_SOURCE, F_SHA256, F_ISSUED, F_REGION, F_YEAR, F_INDICATOR,
    F_VALUE, F_VALUE_MAX, F_VALUE_TEXT, F_UNIT, F_CMP, F_BASELINE_YEAR,
    F_DIRECTION, F_KIND, F_QUALIFIERS, F_OWNERS, F_SECTION, F_QUOTE,
    F_OFFSET, F_LENGTH, F_LINE, F_RULE, F_NKEYS };

/* The record contract: keys in output order. */
static const char *keys[F_NKEYS] = { "source", "sha256", "issued", "region",
    "year", "indicator", "value", "value_max", "value_text", "unit", "cmp",
    "baseline_year", "direction", "kind", "qualifiers", "owners", "section",
    "quote", "offset", "length", "line", "rule" };

static const char *cmpname[] = { "eq", "eq", "ge", "gt", "le", "lt",
    "approx", "eq" };

/* A field's value, in one of four shapes. */
struct fval {
	enum { V_STR, V_INT, V_NUM, V_LIST } type;
	const char	*s;		/* V_STR (NULL: null), V_NUM */
	size_t		 n;		/* V_STR length */
	long long	 i;		/* V_INT (0 with nullzero: null) */
	int		 nullzero;
	const json_t	*list;		/* V_LIST */
};

static void
str(struct fval *f, const char *s)
{
	f->type = V_STR;
	f->s = s;
	f->n = s != NULL ? strlen(s) : 0;
}

static void
field(const struct extractor *x, const struct rec *r, enum key k,
    const char *sect, struct fval *f)
{
	memset(f, 0, sizeof(*f));
	switch (k) {
	case F_SOURCE:	str(f, x->source); break;
	case F_SHA256:	str(f, x->sha256); break;
	case F_ISSUED:	str(f, x->issued); break;
	case F_REGION:	str(f, r->region != NULL ? r->region :
			    x->shortregion); break;
	case F_YEAR:	f->type = V_INT; f->i = r->year; f->nullzero = 1;
			break;
	case F_INDICATOR: str(f, r->ind); break;
	case F_VALUE:	f->type = V_NUM; f->s = r->val; break;
	case F_VALUE_MAX: f->type = V_NUM; f->s = r->max; break;
	case F_VALUE_TEXT: f->type = V_STR; f->s = r->vtext;
			f->n = r->vtextlen; break;
	case F_UNIT:	str(f, r->unit); break;
	case F_CMP:	str(f, cmpname[r->cmp]); break;
	case F_BASELINE_YEAR: f->type = V_INT; f->i = r->base;
			f->nullzero = 1; break;
	case F_DIRECTION: str(f, r->dir == DIR_NONE ? NULL :
			    r->dir == DIR_INCREASE ? "increase" : "decrease");
			break;
	case F_KIND:	str(f, r->kind); break;
	case F_QUALIFIERS: f->type = V_LIST; f->list = r->quals; break;
	case F_OWNERS:	f->type = V_LIST; f->list = r->owners; break;
	case F_SECTION:	str(f, sect); break;
	case F_QUOTE:	f->type = V_STR; f->s = r->quote;
			f->n = r->qend - r->qoff; break;
	case F_OFFSET:	f->type = V_INT; f->i = (long long)r->qoff; break;
	case F_LENGTH:	f->type = V_INT; f->i = (long long)(r->qend - r->qoff);
			break;
	case F_LINE:	f->type = V_INT; f->i = (long long)r->line; break;
	case F_RULE:	str(f, r->rule); break;
	case F_NKEYS:	break;
	}
}

/* A number as jsonl_number() makes it: -1 when it cannot be printed. */
static int
put_num(struct buf *b, const char *dec)
{
	if (dec != NULL && strchr(dec, '.') == NULL && strlen(dec) <= 18) {
		jsonw_int(b, strtoll(dec, NULL, 10));
		return 0;
	}
	if (dec == NULL || num_sigdigits(dec) > 15) {
		buf_add(b, "null", 4);
		return 0;
	}
	return jsonw_real(b, strtod(dec, NULL));
}

/* An array of strings; -1 on a string Jansson would refuse. */
static int
put_strings(struct buf *b, const json_t *a)
{
	size_t i;
	int rc = 0;

	buf_addc(b, '[');
	for (i = 0; a != NULL && i < json_array_size(a); i++) {
		if (i > 0)
			buf_addc(b, ',');
		rc |= jsonw_str(b, json_string_value(json_array_get(a, i)),
		    json_string_length(json_array_get(a, i)));
	}
	buf_addc(b, ']');
	return rc;
}

static int
put_field(struct buf *b, const struct fval *f)
{
	switch (f->type) {
	case V_STR:
		if (f->s == NULL) {
			buf_add(b, "null", 4);
			return 0;
		}
		return jsonw_str(b, f->s, f->n);
	case V_INT:
		if (f->nullzero && f->i == 0)
			buf_add(b, "null", 4);
		else
			jsonw_int(b, f->i);
		return 0;
	case V_NUM:
		return put_num(b, f->s);
	case V_LIST:
		return put_strings(b, f->list);
	}
	return 0;
}

static json_t *
tree_field(const struct fval *f)
{
	switch (f->type) {
	case V_STR:
		return f->s != NULL ? json_stringn(f->s, f->n) : json_null();
	case V_INT:
		return f->nullzero && f->i == 0 ? json_null() :
		    json_integer((json_int_t)f->i);
	case V_NUM:
		return jsonl_number(f->s);
	case V_LIST:
		return f->list != NULL ? json_deep_copy(f->list) :
		    json_array();
	}
	return json_null();
}

/* Write a record through Jansson: what put_field() refuses. */
static void
emit_tree(struct extractor *x, const struct rec *r, const char *sect)
{
	struct fval f;
	json_t *o;
	char *s;
	int k;

	o = json_object();
	for (k = 0; k < F_NKEYS; k++) {
		field(x, r, (enum key)k, sect, &f);
		json_object_set_new(o, keys[k], tree_field(&f));
	}
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15));
	if (s == NULL)
		zb_errx("cannot encode a record (invalid UTF-8 in a field?)");
	fputs(s, x->out);
	fputc('\n', x->out);
	free(s);
	json_decref(o);
}

static unsigned
kind_bit(const char *kind)
{
	if (strcmp(kind, "target") == 0)
		return XK_TARGET;
	if (strcmp(kind, "threshold") == 0)
		return XK_THRESHOLD;
	if (strcmp(kind, "fact") == 0)
		return XK_FACT;
	return XK_TABLE;
}

/*
 * Write one record as a JSON line, the keys in the contract's order, when
 * its kind is one asked for.
 */
void
emit(struct extractor *x, const struct rec *r)
{
	struct buf *b = &x->line;
	struct fval f;
	char *sect;
	int k, rc = 0;

	if (!(x->kinds & kind_bit(r->kind)))
		return;
	sect = section_path(x);
	buf_clear(b);
	for (k = 0; k < F_NKEYS; k++) {
		buf_addc(b, k == 0 ? '{' : ',');
		buf_addc(b, '"');
		buf_adds(b, keys[k]);
		buf_adds(b, "\":");
		field(x, r, (enum key)k, sect, &f);
		rc |= put_field(b, &f);
	}
	buf_adds(b, "}\n");
	if (rc != 0)
		emit_tree(x, r, sect);
	else
		fwrite(b->data, 1, b->len, x->out);
	free(sect);
	x->nrecords++;
}
