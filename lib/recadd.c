/* recadd: the fields zb-norm adds to a record, and its line with them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jsonl.h"
#include "jsonw.h"
#include "recnorm.h"
#include "recnorm_int.h"
#include "util.h"

void
adds_put(struct adds *a, const char *key, json_t *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < a->n; i++)
		if (a->key[i][0] == key[0] && strcmp(a->key[i], key) == 0) {
			json_decref(a->val[i]);
			a->val[i] = v;
			return;
		}
	if (a->n == NADDS)
		zb_errx("internal error: more than %d added fields", NADDS);
	a->key[a->n] = key;
	a->val[a->n++] = v;
}

void
adds_free(struct adds *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		json_decref(a->val[i]);
	a->n = 0;
}

/* ,"k": (the comma when comma is set) in one go: k needs no escape. */
static void
key(struct buf *b, const char *k, int comma)
{
	size_t n = strlen(k);
	char *p;

	buf_grow(b, n + 4);
	p = b->data + b->len;
	if (comma)
		*p++ = ',';
	*p++ = '"';
	memcpy(p, k, n);
	p += n;
	*p++ = '"';
	*p++ = ':';
	*p = '\0';
	b->len = (size_t)(p - b->data);
}

/*
 * The fields of a, then a closing brace, as json_dumps() of an object
 * holding them prints its members (jsonw: no tree dumped per record; the
 * keys are recnorm's own, which need no escape).  Returns 0, or -1 for a
 * value jsonw does not print, when json_dumps() must decide.
 */
static int
members(struct buf *b, const struct adds *a)
{
	json_t *v;
	size_t i;
	int rc = 0;

	for (i = 0; i < a->n; i++) {
		v = a->val[i];
		key(b, a->key[i], i > 0);
		if (json_is_string(v))
			rc |= jsonw_str(b, json_string_value(v),
			    json_string_length(v));
		else if (json_is_integer(v))
			jsonw_int(b, json_integer_value(v));
		else if (json_is_real(v))
			rc |= jsonw_real(b, json_real_value(v));
		else if (json_is_true(v))
			buf_add(b, "true", 4);
		else if (json_is_false(v))
			buf_add(b, "false", 5);
		else if (json_is_null(v))
			buf_add(b, "null", 4);
		else
			rc = -1;
	}
	buf_addc(b, '}');
	return rc;
}

/* The fields of a as json_dumps() prints them in an object, or NULL. */
static char *
dumps(const struct adds *a)
{
	json_t *t = json_object();
	char *s;
	size_t i;

	for (i = 0; i < a->n; i++)
		json_object_set(t, a->key[i], a->val[i]);
	s = json_dumps(t, JSONL_FLAGS);
	json_decref(t);
	return s;
}

int
adds_append(const struct adds *a, const struct line *raw, struct buf *b,
    FILE *out)
{
	size_t n = raw->len;
	char *s;

	while (n > 0 && strchr(" \t\r", raw->data[n - 1]) != NULL)
		n--;
	if (n == 0 || raw->data[n - 1] != '}')
		return -1;
	buf_clear(b);
	if (members(b, a) < 0) {
		buf_clear(b);
		if ((s = dumps(a)) == NULL)
			return -1;
		buf_adds(b, s + 1);
		free(s);
	}
	fwrite(raw->data, 1, n - 1, out);
	putc(',', out);		/* the record has the fields lacks() wants */
	fwrite(b->data, 1, b->len, out);
	putc('\n', out);
	return 0;
}
