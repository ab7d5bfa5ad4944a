/* fields: target records, normalized or as written. */
#include <string.h>

#include "fields.h"
#include "jsonl.h"

static int
type_ok(const json_t *v, int types)
{
	if (json_is_null(v))
		return (types & FT_NULL) != 0;
	if (json_is_string(v))
		return (types & FT_STR) != 0;
	if (json_is_integer(v))
		return (types & (FT_INT | FT_NUM)) != 0;
	if (json_is_real(v))
		return (types & FT_NUM) != 0;
	if (json_is_array(v))
		return (types & FT_ARR) != 0;
	if (json_is_boolean(v))
		return (types & FT_BOOL) != 0;
	return 0;
}

const char *
fields_check(const json_t *o, const struct field_spec *spec)
{
	const json_t *v;

	for (; spec->key != NULL; spec++) {
		v = json_object_get(o, spec->key);
		if (v == NULL || !type_ok(v, spec->types))
			return spec->key;
	}
	return NULL;
}

const char *
fields_str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

int
fields_normalized(const json_t *o)
{
	return fields_str(o, "unit_std") != NULL &&
	    json_is_number(json_object_get(o, "value_std"));
}

const char *
fields_indicator(const json_t *o)
{
	const char *s;

	s = fields_str(o, "indicator_id");
	return s != NULL ? s : fields_str(o, "indicator");
}

const char *
fields_unit(const json_t *o)
{
	return fields_str(o, fields_normalized(o) ? "unit_std" : "unit");
}

const char *
fields_doc(const json_t *o)
{
	const char *s;

	if ((s = fields_str(o, "sha256")) != NULL)
		return s;
	if ((s = fields_str(o, "source")) != NULL)
		return s;
	return "";
}

int
fields_num(const json_t *o, const char *key, char *out)
{
	out[0] = '\0';
	if (jsonl_numtext(json_object_get(o, key), out, FIELDS_NUMLEN) < 0) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

int
fields_value(const json_t *o, int max, char *out)
{
	const char *t;

	if (fields_normalized(o))
		return fields_num(o, max ? "value_max_std" : "value_std", out);
	if (fields_num(o, max ? "value_max" : "value", out) == 0)
		return 0;
	t = fields_str(o, "value_text");
	if (max || t == NULL || strlen(t) >= FIELDS_NUMLEN ||
	    !json_is_null(json_object_get(o, "value")))
		return -1;
	strcpy(out, t);
	return 0;
}

const char *
fields_cmpsym(const char *cmp)
{
	static const char *const tab[][2] = {
		{ "ge", "\xe2\x89\xa5" }, { "le", "\xe2\x89\xa4" },
		{ "gt", ">" }, { "lt", "<" }, { "approx", "\xe2\x89\x88" },
	};
	size_t i;

	for (i = 0; cmp != NULL && i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(cmp, tab[i][0]) == 0)
			return tab[i][1];
	return "";
}

void
fields_cell(struct buf *b, const json_t *o)
{
	char v[FIELDS_NUMLEN], m[FIELDS_NUMLEN];

	buf_adds(b, fields_cmpsym(fields_str(o, "cmp")));
	if (fields_value(o, 0, v) < 0)
		return;
	buf_adds(b, v);
	if (fields_value(o, 1, m) == 0) {
		buf_addc(b, '~');
		buf_adds(b, m);
	}
}

void
fields_key_part(struct buf *b, const json_t *o, const char *key)
{
	char t[FIELDS_NUMLEN];
	const char *s;

	if (fields_num(o, key, t) == 0)
		buf_adds(b, t);
	else if ((s = fields_str(o, key)) != NULL)
		buf_adds(b, s);
	buf_addc(b, '\x1f');
}

json_t *
fields_get(const json_t *o, const char *key)
{
	json_t *v;

	if (o == NULL || (v = json_object_get(o, key)) == NULL)
		return json_null();
	return json_incref(v);
}
