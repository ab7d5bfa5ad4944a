/* test-docrec: the document record's key order, writer and reader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "docrec.h"
#include "util.h"
#include "check.h"

/* The order zb-fetch(1) documents; docrec_keys[] must agree. */
static const char empty[] = "{\"url\":\"http://a.cn/1\",\"final_url\":null,"
    "\"status\":null,\"state\":null,\"error\":null,\"fetched_at\":null,"
    "\"etag\":null,\"last_modified\":null,\"content_type\":null,"
    "\"charset\":null,\"sha256\":null,\"bytes\":null,\"title\":null,"
    "\"text\":null,\"doc_number\":null,\"issuer\":null,\"issued\":null,"
    "\"list\":null,\"links\":null,\"warning\":null}\n";


/* rec as docrec_write() prints it, in a malloc'd string. */
static char *
written(const json_t *rec)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f;

	if ((f = open_memstream(&s, &n)) == NULL)
		zb_err("open_memstream");
	if (docrec_write(f, rec) != 0)
		zb_errx("cannot write the record");
	fclose(f);
	return s;
}

static void
test_order(void)
{
	json_t *rec;
	char *s, *p, *prev, key[64];
	int i;

	rec = docrec_new("http://a.cn/1");
	s = written(rec);
	expect_str("a new record: every key, in order, null", s, empty);
	/* setting keys in another order keeps the order */
	docrec_set(rec, DR_LIST, "http://a.cn/");
	docrec_set(rec, DR_STATE, "new");
	docrec_set_int(rec, DR_STATUS, 200);
	docrec_set_text(rec, "正文", strlen("正文"));
	free(s);
	s = written(rec);
	for (i = 0, prev = s; i < DR_NKEYS; i++, prev = p) {
		snprintf(key, sizeof(key), "\"%s\":", docrec_keys[i]);
		p = strstr(s, key);
		expect(p != NULL && p >= prev, docrec_keys[i]);
		if (p == NULL)
			p = prev;
	}
	free(s);
	json_decref(rec);
}

/* Every key set, written, read back. */
static void
test_round_trip(void)
{
	static const char text[] = "第一行\n\ttab \"quoted\" \\ \x01";
	struct docrec d;
	struct buf why = {0};
	json_t *rec;
	char *s;
	int i;

	rec = docrec_new("http://a.cn/1");
	for (i = 0; i < DR_NKEYS; i++)
		if (i != DR_URL && i != DR_STATUS && i != DR_BYTES &&
		    i != DR_TEXT)
			docrec_set(rec, (enum docrec_key)i, docrec_keys[i]);
	docrec_set_int(rec, DR_STATUS, 304);
	docrec_set_int(rec, DR_BYTES, 123456789012LL);
	docrec_set_text(rec, text, sizeof(text) - 1);
	s = written(rec);
	expect(docrec_read(s, strlen(s), &d, &why) == 0, "round trip: read");
	expect_str("round trip: url", d.s[DR_URL], "http://a.cn/1");
	for (i = 0; i < DR_NKEYS; i++)
		if (i != DR_URL && i != DR_STATUS && i != DR_BYTES &&
		    i != DR_TEXT)
			expect_str(docrec_keys[i], d.s[i], docrec_keys[i]);
	expect(d.status == 304 && d.bytes == 123456789012LL,
	    "round trip: status and bytes");
	expect(d.text_len == sizeof(text) - 1 &&
	    memcmp(d.s[DR_TEXT], text, d.text_len) == 0,
	    "round trip: text");
	expect(d.region == NULL, "round trip: no region");
	docrec_free(&d);
	docrec_free(&d);	/* twice: no harm */
	free(s);
	json_decref(rec);
	buf_free(&why);
}

/* Bytes that are not UTF-8: URLs percent-escaped, text read as Latin-1. */
static void
test_bytes(void)
{
	json_t *rec;

	rec = docrec_new("http://a.cn/\xff\xfe?q=\xe4");
	docrec_set(rec, DR_ETAG, "\"\xff\xfe\"");
	docrec_set(rec, DR_TITLE, "标题");
	docrec_set(rec, DR_ERROR, NULL);
	expect_str("URL bytes", json_string_value(json_object_get(rec,
	    "url")), "http://a.cn/%FF%FE?q=%E4");
	expect_str("header bytes", json_string_value(json_object_get(rec,
	    "etag")), "\"\xc3\xbf\xc3\xbe\"");
	expect_str("UTF-8 kept", json_string_value(json_object_get(rec,
	    "title")), "标题");
	expect(json_is_null(json_object_get(rec, "error")), "NULL is null");
	json_decref(rec);
}

/* What the reader takes: any object; bad JSON is an error with a column. */
static void
test_read(void)
{
	static const struct {
		const char	*line;
		const char	*why;	/* NULL: reads */
	} cases[] = {
		{ "{\"text\":\"t\",\"region\":\"吉林省\",\"status\":\"x\"}", NULL },
		{ "{}", NULL },
		{ "[1]", "not a JSON object" },
		{ "{\"text\":", "8: " },
		{ "{\"url\":\"a\",\"url\":\"b\"}", "16: duplicate" },
	};
	static const char nul[] = "{\"text\":\"a\\u0000b\"}";
	struct docrec d;
	struct buf why = {0};
	size_t i;
	int rc;

	/* a NUL in text is refused, as zb-extract refuses it */
	rc = docrec_read(nul, strlen(nul), &d, &why);
	expect(rc == -1 && strstr(why.data, "NUL") != NULL,
	    "a NUL byte in text");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_clear(&why);
		buf_adds(&why, "");
		rc = docrec_read(cases[i].line, strlen(cases[i].line), &d,
		    &why);
		if (cases[i].why == NULL)
			expect(rc == 0, cases[i].line);
		else
			expect(rc == -1 && d.root == NULL &&
			    strncmp(why.data, cases[i].why,
			    strlen(cases[i].why)) == 0, cases[i].line);
		docrec_free(&d);
	}
	docrec_read(cases[0].line, strlen(cases[0].line), &d, &why);
	expect_str("read: region", d.region, "吉林省");
	expect_str("read: text", d.s[DR_TEXT], "t");
	expect(d.status == -1 && d.s[DR_URL] == NULL,
	    "read: a string status and a missing url are absent");
	docrec_free(&d);
	docrec_free(NULL);
	buf_free(&why);
}

int
main(void)
{
	zb_setprog("test-docrec");
	test_order();
	test_round_trip();
	test_bytes();
	test_read();
	printf("test-docrec: %d passed, %d failed\n", checks - fails, fails);
	return fails != 0;
}
