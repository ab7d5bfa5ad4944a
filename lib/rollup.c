/* rollup: a parent region's target against the sum of its children's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dec.h"
#include "fields.h"
#include "jsonl.h"
#include "mrecord.h"
#include "rollup.h"

int
rollup_summable(const json_t *o)
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

/* Whether some entry of g is the region code. */
static int
covered(const struct mgroup *g, const char *code)
{
	const char *c;
	size_t k;

	for (k = 0; k < g->ne; k++) {
		c = fields_str(g->e[k].s->o, "region_code");
		if (c != NULL && strcmp(c, code) == 0)
			return 1;
	}
	return 0;
}

/* The gazetteer's children of code that no entry of g covers, by code. */
static json_t *
missing_children(const struct gazetteer *gz, const struct mgroup *g,
    const char *code)
{
	json_t *a, *x;
	size_t i;

	if (gazetteer_code(gz, code) == NULL)
		return json_null();
	a = json_array();
	for (i = 0; i < gz->n; i++) {
		if (strcmp(gz->bycode[i]->parent, code) != 0 ||
		    covered(g, gz->bycode[i]->code))
			continue;
		x = json_object();
		json_object_set_new(x, "region_code",
		    json_string(gz->bycode[i]->code));
		json_object_set_new(x, "region",
		    json_string(gz->bycode[i]->name));
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
children_of(const struct mgroup *g, const struct mentry *p, char **sum,
    char **summax)
{
	const char *code = fields_str(p->s->o, "region_code"), *pc;
	char v[FIELDS_NUMLEN], m[FIELDS_NUMLEN];
	json_t *a = NULL, *x;
	size_t i;

	for (i = 0; i < g->ne; i++) {
		pc = fields_str(g->e[i].s->o, "parent_code");
		if (pc == NULL || strcmp(pc, code) != 0 ||
		    !rollup_summable(g->e[i].s->o))
			continue;
		if (a == NULL)
			a = json_array();
		fields_value(g->e[i].s->o, 0, v);
		if (fields_value(g->e[i].s->o, 1, m) < 0)
			strcpy(m, v);
		add_to(sum, v);
		add_to(summax, m);
		x = json_object();
		mrecord_claim(x, g->e[i].s->o);
		json_array_append_new(a, x);
	}
	return a;
}

/* Set the sums, difference and share of roll-up r of p's record o. */
static void
add_sums(json_t *r, const json_t *o, const char *sum, const char *summax)
{
	char v[FIELDS_NUMLEN], m[FIELDS_NUMLEN];
	struct buf diff = {0};

	fields_value(o, 0, v);
	json_object_set_new(r, "children_sum", jsonl_number(sum));
	json_object_set_new(r, "children_sum_max",
	    strcmp(sum, summax) != 0 || fields_value(o, 1, m) == 0
	    ? jsonl_number(summax) : json_null());
	if (v[0] != '\0' && dec_sub(v, sum, &diff) == 0)
		json_object_set_new(r, "difference", jsonl_number(diff.data));
	else
		json_object_set_new(r, "difference", json_null());
	buf_free(&diff);
	json_object_set_new(r, "share", share(sum, v));
}

int
rollup_write(const struct merge *m, const struct mgroup *g,
    const struct mentry *p)
{
	char *sum = xstrdup("0"), *summax = xstrdup("0");
	json_t *r, *kids, *miss;
	int rc = 0;

	kids = children_of(g, p, &sum, &summax);
	if (kids != NULL) {
		r = mrecord_head("rollup", p->s->o);
		mrecord_claim(r, p->s->o);
		add_sums(r, p->s->o, sum, summax);
		json_object_set_new(r, "children", kids);
		miss = missing_children(m->gz, g,
		    fields_str(p->s->o, "region_code"));
		json_object_set_new(r, "complete", json_is_array(miss) ?
		    json_boolean(json_array_size(miss) == 0) : json_null());
		json_object_set_new(r, "children_missing", miss);
		rc = mrecord_write(r);
	}
	free(sum);
	free(summax);
	return rc;
}
