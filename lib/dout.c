/* dout: zb-diff's changes as JSON lines or text. */
#include <stdio.h>
#include <string.h>

#include "dclaim.h"
#include "dout.h"
#include "fields.h"
#include "jsonl.h"

/* ---- jsonl -------------------------------------------------------------- */

/* The compared fields of o, or null. */
static json_t *
claim(const json_t *o)
{
	json_t *r;
	size_t i;

	if (o == NULL)
		return json_null();
	r = json_object();
	for (i = 0; dclaim_written[i] != NULL; i++)
		json_object_set_new(r, dclaim_written[i],
		    fields_get(o, dclaim_written[i]));
	for (i = 0; i < 3; i++)
		json_object_set_new(r, dclaim_std[i],
		    fields_get(o, dclaim_std[i]));
	return r;
}

int
dout_jsonl(const char *change, const json_t *a, const json_t *b, int occ)
{
	static const char *const keys[] = {
		"region", "region_code", "indicator", "indicator_id", "year",
		"baseline_year", "kind", NULL
	};
	const json_t *k = b != NULL ? b : a;
	json_t *r, *f;
	size_t i;
	int rc = 0;

	r = json_object();
	json_object_set_new(r, "change", json_string(change));
	for (i = 0; keys[i] != NULL; i++)
		json_object_set_new(r, keys[i], fields_get(k, keys[i]));
	json_object_set_new(r, "occurrence", json_integer(occ));
	f = json_array();
	if (a != NULL && b != NULL)
		dclaim_changes(a, b, f);
	json_object_set_new(r, "fields", f);
	json_object_set_new(r, "old", claim(a));
	json_object_set_new(r, "new", claim(b));
	json_object_set_new(r, "old_quote", fields_get(a, "quote"));
	json_object_set_new(r, "new_quote", fields_get(b, "quote"));
	json_object_set_new(r, "old_line", fields_get(a, "line"));
	json_object_set_new(r, "new_line", fields_get(b, "line"));
	if (jsonl_write(stdout, r) < 0) {
		zb_warnx("cannot encode an output record");
		rc = -1;
	}
	json_decref(r);
	return rc;
}

/* ---- text --------------------------------------------------------------- */

/* "decrease ≥15%": direction, comparison, value, unit. */
static void
describe(struct buf *b, const json_t *o)
{
	const char *d = fields_str(o, "direction"), *u = fields_unit(o);

	if (d != NULL) {
		buf_adds(b, d);
		buf_addc(b, ' ');
	}
	fields_cell(b, o);
	if (u != NULL)
		buf_adds(b, u);
}

/* "吉林市 2025 能耗 (vs 2020) [table] #2" */
static void
describe_key(struct buf *b, const json_t *o, int occ)
{
	char t[FIELDS_NUMLEN];
	const char *s;

	s = fields_str(o, "region");
	buf_adds(b, s != NULL ? s : "-");
	buf_addc(b, ' ');
	buf_adds(b, fields_num(o, "year", t) == 0 ? t : "-");
	buf_addc(b, ' ');
	s = fields_str(o, "indicator");
	buf_adds(b, s != NULL ? s : "-");
	if (fields_num(o, "baseline_year", t) == 0) {
		buf_adds(b, " (vs ");
		buf_adds(b, t);
		buf_addc(b, ')');
	}
	s = fields_str(o, "kind");
	if (strcmp(s, "target") != 0) {
		buf_adds(b, " [");
		buf_adds(b, s);
		buf_addc(b, ']');
	}
	if (occ > 1) {
		snprintf(t, sizeof(t), " #%d", occ);
		buf_adds(b, t);
	}
}

/* " [value, unit]": the fields that changed. */
static void
describe_changes(struct buf *t, const json_t *a, const json_t *b)
{
	json_t *f = json_array();
	size_t i;

	dclaim_changes(a, b, f);
	for (i = 0; i < json_array_size(f); i++) {
		buf_adds(t, i == 0 ? " [" : ", ");
		buf_adds(t, json_string_value(json_array_get(f, i)));
	}
	buf_adds(t, "]");
	json_decref(f);
}

void
dout_text(const char *change, const json_t *a, const json_t *b, int occ,
    int colour)
{
	static const char *const col[] = { "32", "31", "33" };
	struct buf t = { 0 };
	size_t c = change[0] == 'a' ? 0 : change[0] == 'r' ? 1 : 2;

	buf_adds(&t, c == 0 ? "+ " : c == 1 ? "- " : "~ ");
	describe_key(&t, b != NULL ? b : a, occ);
	buf_adds(&t, ": ");
	if (a != NULL)
		describe(&t, a);
	if (a != NULL && b != NULL)
		buf_adds(&t, " \xe2\x86\x92 ");
	if (b != NULL)
		describe(&t, b);
	if (a != NULL && b != NULL)
		describe_changes(&t, a, b);
	if (colour)
		printf("\033[%sm%s\033[m\n", col[c], t.data);
	else
		printf("%s\n", t.data);
	buf_free(&t);
}
