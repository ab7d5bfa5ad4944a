/* recnorm: zb-norm's core: units, indicators, regions and years. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "data.h"
#include "dec.h"
#include "fields.h"
#include "fold.h"
#include "gazetteer.h"
#include "indic.h"
#include "jsonl.h"
#include "memo.h"
#include "num.h"
#include "place.h"
#include "recnorm.h"
#include "recnorm_int.h"
#include "unit.h"
#include "util.h"
#include "when.h"

/* The remembered context of the document key, or a new empty slot. */
static struct docctx *
doc_context(struct recnorm *rn, const char *key)
{
	struct docctx *c;
	size_t i;

	for (i = 0; i < NCTX; i++)
		if (rn->ctx[i].key != NULL && strcmp(rn->ctx[i].key, key) == 0)
			return &rn->ctx[i];
	c = &rn->ctx[rn->nextctx];
	rn->nextctx = (rn->nextctx + 1) % NCTX;
	free(c->key);
	c->key = xstrdup(key);
	c->region = rn->hint;
	return c;
}

/*
 * The exact decimal text of a record's number field into out: the JSON
 * number, else (too long for one) its literal in value_text.  Returns 0,
 * or -1 when there is none.
 */
static int
exact(const json_t *o, const char *key, struct buf *out)
{
	const json_t *v = json_object_get(o, key);
	char text[64];
	const char *lit;

	buf_clear(out);
	if (jsonl_numtext(v, text, sizeof(text)) == 0) {
		buf_adds(out, text);
		return 0;
	}
	if (json_is_string(v) && dec_valid(json_string_value(v))) {
		buf_adds(out, json_string_value(v));
		return 0;
	}
	lit = fields_str(o, "value_text");
	if (strcmp(key, "value") == 0 && json_is_null(v) && lit != NULL &&
	    strchr(lit, '~') == NULL)
		return num_parse(lit, strlen(lit), out);
	return -1;
}

/* value * factor as a JSON number, or null. */
static json_t *
scaled(const json_t *o, const char *key, const char *factor)
{
	struct buf v = {0}, r = {0};
	json_t *j = NULL;

	if (factor != NULL && exact(o, key, &v) == 0 &&
	    dec_mul(v.data, factor, &r) == 0)
		j = jsonl_number(r.data);
	buf_free(&v);
	buf_free(&r);
	return j != NULL ? j : json_null();
}

/* Look up a unit, remembering the answer. */
static void
lookup_unit(struct recnorm *rn, const char *unit, struct unitmemo *um)
{
	struct unitval uv = {0};
	struct unitmemo *hit;

	if ((hit = memo_get(&rn->unitmemo, unit, strlen(unit))) != NULL) {
		*um = *hit;
		return;
	}
	memset(um, 0, sizeof(*um));
	if (unit_lookup(&rn->units, unit, &uv) == 0 &&
	    uv.factor.len < FACTORLEN) {
		um->known = 1;
		um->canon = uv.canon;
		um->dim = uv.dim;
		memcpy(um->factor, uv.factor.data, uv.factor.len + 1);
	}
	buf_free(&uv.factor);
	memo_put(&rn->unitmemo, unit, strlen(unit), um);
}

/* Add value_std, value_max_std, unit_std, dimension and factor. */
static const char *
norm_unit(struct recnorm *rn, const json_t *o, struct adds *dst)
{
	struct unitmemo um;
	const char *unit = fields_str(o, "unit");
	const char *factor = NULL, *dim = NULL, *canon = NULL;

	if (unit != NULL)
		lookup_unit(rn, unit, &um);
	if (unit != NULL && um.known) {
		factor = um.factor;
		dim = um.dim;
		canon = um.canon;
	} else if (unit != NULL)
		count_unknown(rn, UNK_UNIT, unit);
	adds_put(dst, "value_std", scaled(o, "value", factor));
	adds_put(dst, "value_max_std", scaled(o, "value_max", factor));
	adds_put(dst, "unit_std", canon ? json_string(canon) : json_null());
	adds_put(dst, "dimension", dim ? json_string(dim) : json_null());
	adds_put(dst, "factor", factor ? jsonl_number(factor) : json_null());
	return dim;
}

/* Look up an indicator for a dimension, remembering the answer. */
static const struct indic *
lookup_indicator(struct recnorm *rn, const char *ind, const char *dim)
{
	const struct indic *e, **hit;
	struct buf key = {0};

	buf_adds(&key, dim != NULL ? dim : "");
	buf_addc(&key, '\t');
	buf_adds(&key, ind);
	if ((hit = memo_get(&rn->indmemo, key.data, key.len)) != NULL)
		e = *hit;
	else {
		e = indic_lookup(&rn->dict, ind, dim);
		memo_put(&rn->indmemo, key.data, key.len, &e);
	}
	buf_free(&key);
	return e;
}

/*
 * Entry e reads units of dimension dim in another (indic_recast): the
 * canonical unit becomes that dimension's (the first unit of the table
 * with it), the factor stays.
 */
static void
recast(struct recnorm *rn, const struct indic *e, const char *dim,
    struct adds *dst)
{
	char to[64];
	size_t i;

	if (dim == NULL || indic_recast(e, dim, to, sizeof(to)) == NULL)
		return;
	for (i = 0; i < rn->units.n; i++)
		if (strcmp(rn->units.v[i].dim, to) == 0) {
			adds_put(dst, "unit_std",
			    json_string(rn->units.v[i].canon));
			adds_put(dst, "dimension", json_string(to));
			return;
		}
}

static void
norm_indicator(struct recnorm *rn, const json_t *o, struct adds *dst,
    const char *dim)
{
	const char *ind = fields_str(o, "indicator");
	const struct indic *e = NULL;

	if (ind != NULL && (e = lookup_indicator(rn, ind, dim)) == NULL)
		count_unknown(rn, UNK_INDICATOR, ind);
	if (e != NULL)
		recast(rn, e, dim, dst);
	adds_put(dst, "indicator_id", e ? json_string(e->id) : json_null());
	adds_put(dst, "indicator_en", e ? json_string(e->en) : json_null());
	adds_put(dst, "additive", e ? json_boolean(e->additive) :
	    json_null());
}

/* Name the candidates of an ambiguous region: 吉林 (220000 吉林省|...). */
static void
ambiguous(struct recnorm *rn, const char *name, const struct place *p)
{
	struct buf b = {0};
	size_t i;

	buf_adds(&b, name);
	buf_adds(&b, " (");
	for (i = 0; i < p->ncand; i++) {
		buf_adds(&b, i ? " or " : "");
		buf_adds(&b, p->cand[i]->code);
		buf_addc(&b, ' ');
		buf_adds(&b, p->cand[i]->name);
	}
	buf_adds(&b, ")");
	count_unknown(rn, UNK_AMBIGUOUS, b.data);
	buf_free(&b);
}

/* Resolve a region name in a context, remembering the answer. */
static void
resolve(struct recnorm *rn, const char *name, const struct region *ctxr,
    struct place *p)
{
	struct place *hit;
	struct buf key = {0};

	buf_adds(&key, ctxr != NULL ? ctxr->code : "");
	buf_addc(&key, '\t');
	buf_adds(&key, name);
	if ((hit = memo_get(&rn->placememo, key.data, key.len)) != NULL)
		*p = *hit;
	else {
		place_resolve(&rn->gaz, name, ctxr, p);
		memo_put(&rn->placememo, key.data, key.len, p);
	}
	buf_free(&key);
}

static void
norm_region(struct recnorm *rn, const json_t *o, struct adds *dst)
{
	const char *name = fields_str(o, "region"), *key;
	struct docctx *c;
	struct place p;

	key = fields_str(o, "sha256");
	if (key == NULL)
		key = fields_str(o, "source");
	c = doc_context(rn, key != NULL ? key : "");
	memset(&p, 0, sizeof(p));
	if (name != NULL)
		resolve(rn, name, c->region, &p);
	if (p.r != NULL && c->region == NULL)
		c->region = p.r;
	if (p.how == PLACE_AMBIGUOUS)
		ambiguous(rn, name, &p);
	else if (p.r == NULL)
		count_unknown(rn, UNK_REGION, name != NULL ? name : "(none)");
	adds_put(dst, "region_code", p.r ? json_string(p.r->code) :
	    json_null());
	adds_put(dst, "region_level", p.r ? json_string(p.r->level) :
	    p.how == PLACE_OWN ? json_string("own") :
	    p.how == PLACE_ZONE ? json_string("zone") : json_null());
	adds_put(dst, "parent_code", p.parent ?
	    json_string(p.parent->code) : json_null());
}

long
recnorm_year(const json_t *v)
{
	struct ntext t = {0};
	char *end;
	long y = -1;
	int plan;

	if (json_is_null(v))
		return 0;
	if (json_is_integer(v))
		return json_integer_value(v) >= 1000 &&
		    json_integer_value(v) <= 9999 ?
		    (long)json_integer_value(v) : -1;
	if (!json_is_string(v))
		return -1;
	fold_append(&t, json_string_value(v), json_string_length(v), 0);
	if (t.s.len > 0 && t.s.data[0] >= '0' && t.s.data[0] <= '9') {
		y = strtol(t.s.data, &end, 10);
		if (*end != '\0' && strcmp(end, "年") != 0)
			y = -1;
	}
	if (t.s.len > 0 &&
	    (plan = when_plan_find(t.s.data, t.s.len, NULL)) != 0)
		y = plan;
	fold_free(&t);
	return y >= 1000 && y <= 9999 ? y : -1;
}

/*
 * Normalize year and baseline_year to integers and check cmp, reporting
 * what is wrong as trouble.  Returns whether a field of o was rewritten.
 */
static int
norm_fields(struct recnorm *rn, json_t *o, const char *name,
    unsigned long lineno)
{
	static const char *keys[] = { "year", "baseline_year" };
	static const char *cmps[] = { "eq", "ge", "gt", "le", "lt", "approx" };
	const char *cmp;
	long y;
	size_t i;
	int changed = 0;

	for (i = 0; i < 2; i++) {
		if (json_object_get(o, keys[i]) == NULL)
			continue;
		y = recnorm_year(json_object_get(o, keys[i]));
		if (y < 0) {
			zb_warnx("%s:%lu: %s is not a year; left as it is",
			    name, lineno, keys[i]);
			rn->trouble = 1;
		} else if (y > 0 && !json_is_integer(json_object_get(o,
		    keys[i]))) {
			json_object_set_new(o, keys[i], json_integer(y));
			changed = 1;
		}
	}
	if ((cmp = fields_str(o, "cmp")) == NULL)
		return changed;
	for (i = 0; i < sizeof(cmps) / sizeof(cmps[0]); i++)
		if (strcmp(cmp, cmps[i]) == 0)
			return changed;
	zb_warnx("%s:%lu: cmp \"%s\" is not one of eq ge gt le lt approx",
	    name, lineno, cmp);
	rn->trouble = 1;
	return changed;
}

/* The first field normalisation needs that o lacks, or NULL. */
static const char *
lacks(const json_t *o)
{
	static const char *need[] = { "value", "unit", "indicator",
	    "region" };
	size_t i;

	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (json_object_get(o, need[i]) == NULL)
			return need[i];
	return NULL;
}

/*
 * The first of value and value_max that is neither a number nor null, or
 * NULL: "17.7" as a string is refused, as zb-merge and zb-diff refuse it.
 */
static const char *
not_number(const json_t *o)
{
	static const char *keys[] = { "value", "value_max" };
	const json_t *v;
	size_t i;

	for (i = 0; i < 2; i++) {
		v = json_object_get(o, keys[i]);
		if (v != NULL && !json_is_number(v) && !json_is_null(v))
			return keys[i];
	}
	return NULL;
}

static void
passthrough(const struct line *raw, FILE *out)
{
	fwrite(raw->data, 1, raw->len, out);
	putc('\n', out);
}

/* The fields recnorm adds. */
static const char *const added[] = { "value_std", "value_max_std",
    "unit_std", "dimension", "factor", "indicator_id", "indicator_en",
    "additive", "region_code", "region_level", "parent_code", NULL };

/*
 * Every other key record() reads.  recnorm_jsonl() reads records through
 * jsonl's fast path keeping these and shunning the added ones, so a
 * partial record is normalized as the whole one would be, and never is
 * normalized() (a key read but missing here would look absent: the
 * differential test of tests/zb-norm.bats would show it).
 */
static const char *const readkeys[] = { "value", "value_max", "value_text",
    "unit", "indicator", "region", "sha256", "source", "year",
    "baseline_year", "cmp", NULL };

/* Does o carry a field recnorm adds (a second pass, or a stray key)? */
static int
normalized(const json_t *o)
{
	size_t i;

	for (i = 0; added[i] != NULL; i++)
		if (json_object_get(o, added[i]) != NULL)
			return 1;
	return 0;
}

/*
 * Does norm_fields() rewrite a year of o (one that is not an integer but
 * reads as one)?  Then record() re-encodes it whole: a partial record must
 * be read whole first.
 */
static int
year_rewritten(const json_t *o)
{
	static const char *keys[] = { "year", "baseline_year" };
	const json_t *v;
	size_t i;

	for (i = 0; i < 2; i++) {
		v = json_object_get(o, keys[i]);
		if (v != NULL && !json_is_integer(v) && recnorm_year(v) > 0)
			return 1;
	}
	return 0;
}

/*
 * recnorm_record(); part says o is a partial record, read through the
 * fast path: it holds no added field, so it is not normalized().
 */
static int
record(struct recnorm *rn, json_t *o, const char *name,
    const struct line *raw, FILE *out, int part)
{
	const char *missing, *dim;
	struct adds a;
	size_t i;
	int rewrite, rc;

	rn->nrecords++;
	rn->trouble = 0;
	if ((missing = lacks(o)) != NULL) {
		zb_warnx("%s:%lu: record lacks \"%s\"; passed through "
		    "unchanged", name, raw->lineno, missing);
		passthrough(raw, out);
		return -1;
	}
	if ((missing = not_number(o)) != NULL) {
		zb_warnx("%s:%lu: malformed field \"%s\" (not a number or "
		    "null); passed through unchanged", name, raw->lineno,
		    missing);
		passthrough(raw, out);
		return -1;
	}
	rewrite = norm_fields(rn, o, name, raw->lineno) ||
	    (!part && normalized(o));
	a.n = 0;
	dim = norm_unit(rn, o, &a);
	norm_indicator(rn, o, &a, dim);
	norm_region(rn, o, &a);
	if (rewrite) {
		for (i = 0; i < a.n; i++)
			json_object_set_new(o, a.key[i], a.val[i]);
		rc = jsonl_write(out, o);
	} else {
		rc = adds_append(&a, raw, &rn->enc, out);
		adds_free(&a);
	}
	if (rc < 0) {
		zb_warnx("%s:%lu: record cannot be encoded; passed through "
		    "unchanged", name, raw->lineno);
		passthrough(raw, out);
		return -1;
	}
	return rn->trouble ? -1 : 0;
}

int
recnorm_record(struct recnorm *rn, json_t *o, const char *name,
    const struct line *raw, FILE *out)
{
	return record(rn, o, name, raw, out, 0);
}

int
recnorm_jsonl(struct recnorm *rn, struct jsonl *j, FILE *out)
{
	struct line raw;
	json_t *o;
	int rc, st = 0;

	jsonl_keep(j, rn->whole ? NULL : readkeys, added);
	while ((rc = jsonl_next(j, &o, &raw)) != JSONL_END &&
	    rc != JSONL_ERROR) {
		if (rc == JSONL_BAD) {
			passthrough(&raw, out);
			continue;
		}
		if (rc == JSONL_PART && year_rewritten(o)) {
			json_decref(o);
			o = jsonl_whole(j, &raw);
			rc = JSONL_OK;
		}
		if (record(rn, o, jsonl_name(j), &raw, out,
		    rc == JSONL_PART) < 0)
			st = -1;
		json_decref(o);
	}
	if (rc == JSONL_ERROR || jsonl_bad(j) > 0)
		st = -1;
	return st;
}

void
recnorm_whole(struct recnorm *rn, int whole)
{
	rn->whole = whole;
}
