/* mrecord: zb-merge's group and conflict records. */
#include <stdio.h>
#include <stdlib.h>

#include "fields.h"
#include "jsonl.h"
#include "mconflict.h"
#include "mrecord.h"

json_t *
mrecord_value(const json_t *o, int max)
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

json_t *
mrecord_head(const char *type, const json_t *o)
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

void
mrecord_claim(json_t *r, const json_t *o)
{
	json_object_set_new(r, "region_code", fields_get(o, "region_code"));
	json_object_set_new(r, "region", fields_get(o, "region"));
	json_object_set_new(r, "value", mrecord_value(o, 0));
	json_object_set_new(r, "value_max", mrecord_value(o, 1));
	json_object_set_new(r, "cmp", fields_get(o, "cmp"));
}

/* Where a statement was made. */
static void
add_source(json_t *r, const struct mstmt *s)
{
	json_object_set_new(r, "source", fields_get(s->o, "source"));
	json_object_set_new(r, "issued", fields_get(s->o, "issued"));
	json_object_set_new(r, "line", fields_get(s->o, "line"));
	json_object_set_new(r, "quote", fields_get(s->o, "quote"));
}

int
mrecord_write(json_t *r)
{
	int rc = 0;

	if (jsonl_write(stdout, r) < 0) {
		zb_warnx("cannot encode an output record");
		rc = -1;
	}
	json_decref(r);
	return rc;
}

int
mrecord_group(const struct merge *m, const struct mgroup *g)
{
	json_t *r, *a, *e;
	size_t i;

	r = mrecord_head("group", m->st[g->first].o);
	json_object_set_new(r, "additive",
	    fields_get(m->st[g->first].o, "additive"));
	a = json_array();
	for (i = 0; i < g->ne; i++) {
		e = json_object();
		mrecord_claim(e, g->e[i].s->o);
		json_object_set_new(e, "indicator_as_written",
		    fields_get(g->e[i].s->o, "indicator"));
		add_source(e, g->e[i].s);
		json_object_set_new(e, "conflict",
		    json_boolean(g->e[i].conflict));
		json_array_append_new(a, e);
	}
	json_object_set_new(r, "entries", a);
	return mrecord_write(r);
}

/*
 * The conflict of entry e: one statement per document, oldest first; the
 * newest is current when every statement has an issue date and no other
 * shares it.
 */
int
mrecord_conflict(const struct merge *m, const struct mentry *e)
{
	const struct mstmt **c;
	size_t i, n;
	json_t *r, *a, *x;
	int current;

	n = mconflict_claims(e, m->st, &c, &current);
	r = mrecord_head("conflict", e->s->o);
	json_object_set_new(r, "region_code", fields_get(e->s->o, "region_code"));
	json_object_set_new(r, "region", fields_get(e->s->o, "region"));
	a = json_array();
	for (i = 0; i < n; i++) {
		x = json_object();
		json_object_set_new(x, "current",
		    json_boolean(current && i == n - 1));
		json_object_set_new(x, "value", mrecord_value(c[i]->o, 0));
		json_object_set_new(x, "value_max", mrecord_value(c[i]->o, 1));
		json_object_set_new(x, "cmp", fields_get(c[i]->o, "cmp"));
		add_source(x, c[i]);
		json_object_set_new(x, "sha256", fields_get(c[i]->o, "sha256"));
		json_array_append_new(a, x);
	}
	json_object_set_new(r, "statements", a);
	free(c);
	return mrecord_write(r);
}
