/* dclaim: zb-diff's statement identity, claims and their changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dclaim.h"
#include "dec.h"
#include "fields.h"

const char *const dclaim_written[] = {
	"value", "value_max", "unit", "cmp", "direction", "qualifiers", NULL
};
const char *const dclaim_std[] = {
	"value_std", "value_max_std", "unit_std", "cmp", "direction",
	"qualifiers", NULL
};

char *
dclaim_identity(const json_t *o)
{
	struct buf b = { 0 };
	const char *s;

	fields_key_part(&b, o, fields_str(o, "region_code") ? "region_code" :
	    "region");
	s = fields_indicator(o);
	buf_adds(&b, s != NULL ? s : "");
	buf_addc(&b, '\x1f');
	fields_key_part(&b, o, "year");
	fields_key_part(&b, o, "baseline_year");
	fields_key_part(&b, o, "kind");
	return b.data;
}

/* ---- comparing ---------------------------------------------------------- */

/* Whether field f of a and b differs; numbers compare as decimals. */
static int
field_differs(const json_t *a, const json_t *b, const char *f)
{
	char x[FIELDS_NUMLEN], y[FIELDS_NUMLEN];
	const json_t *va = json_object_get(a, f), *vb = json_object_get(b, f);

	if (strcmp(f, "value") == 0) {
		fields_value(a, 0, x);
		fields_value(b, 0, y);
		return strcmp(x, y) != 0 && dec_cmp(x, y) != 0;
	}
	if (json_is_number(va) && json_is_number(vb)) {
		fields_num(a, f, x);
		fields_num(b, f, y);
		return dec_cmp(x, y) != 0;
	}
	if (va == NULL || vb == NULL)
		return !(json_is_null(va) || va == NULL) ||
		    !(json_is_null(vb) || vb == NULL);
	return !json_equal((json_t *)va, (json_t *)vb);
}

int
dclaim_changes(const json_t *a, const json_t *b, json_t *arr)
{
	const char *const *f;
	int n = 0;

	f = fields_normalized(a) && fields_normalized(b) ? dclaim_std :
	    dclaim_written;
	for (; *f != NULL; f++)
		if (field_differs(a, b, *f)) {
			n++;
			if (arr != NULL)
				json_array_append_new(arr, json_string(*f));
		}
	return n;
}

/* ---- claims ------------------------------------------------------------- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
add_len(struct buf *b, int tag, const char *s, size_t n)
{
	char t[32];

	snprintf(t, sizeof(t), "%c%zu:", tag, n);
	buf_adds(b, t);
	buf_add(b, s, n);
}

static void enc_json(struct buf *, const json_t *);

/* An object: its keys sorted, each with its value. */
static void
enc_object(struct buf *b, const json_t *v)
{
	const char **k;
	size_t i, n;
	void *it;

	n = json_object_size(v);
	k = xreallocarray(NULL, n + 1, sizeof(*k));
	i = 0;
	for (it = json_object_iter((json_t *)v); it != NULL && i < n;
	    it = json_object_iter_next((json_t *)v, it))
		k[i++] = json_object_iter_key(it);
	qsort(k, i, sizeof(*k), cmp_str);
	buf_addc(b, '{');
	for (n = i, i = 0; i < n; i++) {
		add_len(b, 'k', k[i], strlen(k[i]));
		enc_json(b, json_object_get(v, k[i]));
	}
	buf_addc(b, '}');
	free(k);
}

/* A JSON value, so that equal texts are exactly json_equal() values. */
static void
enc_json(struct buf *b, const json_t *v)
{
	char t[40];
	size_t i;
	double d;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		enc_object(b, v);
		return;
	case JSON_ARRAY:
		buf_addc(b, '[');
		for (i = 0; i < json_array_size(v); i++)
			enc_json(b, json_array_get(v, i));
		buf_addc(b, ']');
		return;
	case JSON_STRING:
		add_len(b, 's', json_string_value(v), json_string_length(v));
		return;
	case JSON_INTEGER:
		snprintf(t, sizeof(t), "i%" JSON_INTEGER_FORMAT ";",
		    json_integer_value(v));
		break;
	case JSON_REAL:
		d = json_real_value(v);
		snprintf(t, sizeof(t), "r%.17g;", d == 0 ? 0.0 : d);
		break;
	case JSON_TRUE:
		strcpy(t, "t");
		break;
	case JSON_FALSE:
		strcpy(t, "f");
		break;
	default:
		strcpy(t, "n");
		break;
	}
	buf_adds(b, t);
}

/* A number's text as a canonical decimal. */
static void
enc_dec(struct buf *b, const char *x)
{
	struct buf c = { 0 };

	if (dec_add(x, "0", &c) == 0) {
		add_len(b, 'D', c.data, c.len);
	} else
		add_len(b, 'X', x, strlen(x));
	buf_free(&c);
}

/* Field f of o, as field_differs() compares it. */
static void
enc_field(struct buf *b, const json_t *o, const char *f)
{
	char x[FIELDS_NUMLEN];
	const json_t *v = json_object_get(o, f);

	if (strcmp(f, "value") == 0) {
		if (fields_value(o, 0, x) == 0 && dec_valid(x))
			enc_dec(b, x);
		else
			add_len(b, 'S', x, strlen(x));
	} else if (json_is_number(v)) {
		fields_num(o, f, x);
		enc_dec(b, x);
	} else if (v == NULL || json_is_null(v)) {
		buf_addc(b, 'N');
	} else {
		buf_addc(b, 'J');
		enc_json(b, v);
	}
}

void
dclaim_text(struct buf *b, const json_t *o, const char *const *fl)
{
	buf_clear(b);
	for (; *fl != NULL; fl++)
		enc_field(b, o, *fl);
}
