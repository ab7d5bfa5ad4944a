/* jsonl: JSON Lines records in and out. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jscan.h"
#include "jsonl.h"
#include "num.h"
#include "util.h"

struct jsonl {
	struct reader	*r;
	char		*name;
	unsigned long	 bad;
	struct jscan_keys *keep;	/* jsonl_keep() */
};

struct jsonl *
jsonl_open(const char *path)
{
	struct jsonl *j;
	struct reader *r;

	if ((r = reader_open(path, JSONL_CAP)) == NULL)
		return NULL;
	j = xcalloc(1, sizeof(*j));
	j->r = r;
	j->name = xstrdup(strcmp(path, "-") == 0 ? "<stdin>" : path);
	return j;
}

static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strchr(" \t\r", s[i]) == NULL)
			return 0;
	return 1;
}

/*
 * Read the next record.  Returns JSONL_OK with a new reference in *o,
 * JSONL_BAD after reporting a line that is not an object (raw holds it),
 * JSONL_END, or JSONL_ERROR after reporting a read error.
 */
int
jsonl_next(struct jsonl *j, json_t **o, struct line *raw)
{
	json_error_t je;
	unsigned long first;
	int rc;

	*o = NULL;
	for (;;) {
		rc = reader_next(j->r, raw);
		if (rc == 0)
			return JSONL_END;
		if (rc < 0) {
			zb_warnx("%s: %s", j->name, reader_error(j->r));
			return JSONL_ERROR;
		}
		if (raw->partial) {
			first = raw->lineno;
			while (raw->partial && reader_next(j->r, raw) == 1)
				;
			zb_warnx("%s:%lu: record longer than %d bytes; skipped",
			    j->name, first, JSONL_CAP);
			j->bad++;
			continue;
		}
		if (!blank(raw->data, raw->len))
			break;
	}
	if (j->keep != NULL &&
	    (*o = jscan_object(raw->data, raw->len, j->keep)) != NULL)
		return JSONL_PART;
	/* no JSON_ALLOW_NUL: a C string would end at the NUL ("eq\u0000") */
	*o = json_loadb(raw->data, raw->len, JSON_REJECT_DUPLICATES, &je);
	if (*o == NULL) {
		zb_warnx("%s:%lu:%d: %s", j->name, raw->lineno, je.column,
		    strstr(je.text, "\\u0000") != NULL ? "a string holds "
		    "\\u0000 (NUL); record refused" : je.text);
		j->bad++;
		return JSONL_BAD;
	}
	if (!json_is_object(*o)) {
		zb_warnx("%s:%lu: not a JSON object", j->name, raw->lineno);
		json_decref(*o);
		*o = NULL;
		j->bad++;
		return JSONL_BAD;
	}
	return JSONL_OK;
}

void
jsonl_keep(struct jsonl *j, const char *const *keys, const char *const *shun)
{
	jscan_keys_free(j->keep);
	j->keep = keys != NULL ? jscan_keys_new(keys, shun) : NULL;
}

json_t *
jsonl_whole(const struct jsonl *j, const struct line *raw)
{
	json_t *o;

	o = json_loadb(raw->data, raw->len, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(o))
		zb_errx("%s:%lu: internal error: a record read in part cannot "
		    "be read whole", j->name, raw->lineno);
	return o;
}

const char *
jsonl_name(const struct jsonl *j)
{
	return j->name;
}

unsigned long
jsonl_bad(const struct jsonl *j)
{
	return j->bad;
}

void
jsonl_close(struct jsonl *j)
{
	if (j == NULL)
		return;
	reader_close(j->r);
	jscan_keys_free(j->keep);
	free(j->name);
	free(j);
}

int
jsonl_write(FILE *f, const json_t *o)
{
	char *s;

	s = json_dumps(o, JSONL_FLAGS);
	if (s == NULL)
		return -1;
	fputs(s, f);
	fputc('\n', f);
	free(s);
	return 0;
}

json_t *
jsonl_number(const char *dec)
{
	const char *p;

	if (dec == NULL)
		return json_null();
	p = dec[0] == '-' ? dec + 1 : dec;
	if (strchr(dec, '.') == NULL && strlen(p) <= 18)
		return json_integer(strtoll(dec, NULL, 10));
	if (num_sigdigits(p) > 15)
		return json_null();
	return json_real(strtod(dec, NULL));
}

int
jsonl_numtext(const json_t *v, char *out, size_t size)
{
	if (json_is_integer(v))
		snprintf(out, size, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
	else if (json_is_real(v))
		snprintf(out, size, "%.15g", json_real_value(v));
	else
		return -1;
	return 0;
}
