/* docrec: the document record's keys, in order; its writer and reader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "docrec.h"
#include "jsonl.h"
#include "utf8.h"
#include "util.h"
#include "weburl.h"

const char *const docrec_keys[DR_NKEYS] = {
	"url", "final_url", "status", "state", "error", "fetched_at", "etag",
	"last_modified", "content_type", "charset", "sha256", "bytes",
	"title", "text", "doc_number", "issuer", "issued", "list", "links",
	"warning"
};

/* Append byte c as ISO-8859-1 read into UTF-8, or percent-escaped. */
static void
add_high(struct buf *b, unsigned char c, int url)
{
	char esc[4];

	if (url) {
		snprintf(esc, sizeof(esc), "%%%02X", c);
		buf_adds(b, esc);
	} else {
		buf_addc(b, 0xc0 | (c >> 6));
		buf_addc(b, 0x80 | (c & 0x3f));
	}
}

/* A JSON string for v (see docrec_set()); NULL is null. */
static json_t *
jstr(const char *v, int url)
{
	struct buf b = {0};
	json_t *o;
	size_t i, n;

	if (v == NULL)
		return json_null();
	n = strlen(v);
	if (utf8_check(v, n) == n)
		return json_stringn(v, n);
	for (i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x80)
			buf_addc(&b, v[i]);
		else
			add_high(&b, (unsigned char)v[i], url);
	o = json_stringn(b.data != NULL ? b.data : "", b.len);
	buf_free(&b);
	return o;
}

json_t *
docrec_new(const char *url)
{
	json_t *o;
	int i;

	o = json_object();
	for (i = 0; i < DR_NKEYS; i++)
		json_object_set_new(o, docrec_keys[i], json_null());
	docrec_set(o, DR_URL, url);
	return o;
}

void
docrec_set(json_t *rec, enum docrec_key k, const char *v)
{
	char *bare = NULL;
	int url;

	url = k == DR_URL || k == DR_FINAL_URL || k == DR_LIST;
	if (url && v != NULL && (bare = weburl_strip_userinfo(v)) != NULL)
		v = bare;	/* user:password@ is never stored */
	json_object_set_new(rec, docrec_keys[k], jstr(v, url));
	free(bare);
}

void
docrec_set_text(json_t *rec, const char *s, size_t n)
{
	json_object_set_new(rec, docrec_keys[DR_TEXT],
	    json_stringn(s != NULL ? s : "", n));
}

void
docrec_set_int(json_t *rec, enum docrec_key k, long long v)
{
	json_object_set_new(rec, docrec_keys[k], json_integer(v));
}

int
docrec_write(FILE *f, const json_t *rec)
{
	return jsonl_write(f, rec);
}

static long long
int_or(const json_t *v, long long dflt)
{
	return json_is_integer(v) ? (long long)json_integer_value(v) : dflt;
}

int
docrec_read(const char *s, size_t n, struct docrec *d, struct buf *why)
{
	json_error_t je;
	json_t *v;
	char col[32];
	int i;

	memset(d, 0, sizeof(*d));
	d->status = d->bytes = -1;
	d->root = json_loadb(s, n, JSON_REJECT_DUPLICATES, &je);
	if (d->root == NULL || !json_is_object(d->root)) {
		if (d->root == NULL) {
			snprintf(col, sizeof(col), "%d: ", je.column);
			buf_adds(why, col);
			buf_adds(why, je.text);
		} else
			buf_adds(why, "not a JSON object");
		docrec_free(d);
		return -1;
	}
	for (i = 0; i < DR_NKEYS; i++)
		d->s[i] = json_string_value(json_object_get(d->root,
		    docrec_keys[i]));
	v = json_object_get(d->root, docrec_keys[DR_TEXT]);
	d->text_len = json_is_string(v) ? json_string_length(v) : 0;
	d->status = int_or(json_object_get(d->root, "status"), -1);
	d->bytes = int_or(json_object_get(d->root, "bytes"), -1);
	d->region = json_string_value(json_object_get(d->root, "region"));
	return 0;
}

void
docrec_free(struct docrec *d)
{
	if (d == NULL)
		return;
	json_decref(d->root);
	memset(d, 0, sizeof(*d));
}
