/* test-jsonw: lib/jsonw.c prints exactly what Jansson's json_dumps does. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "jsonw.h"
#include "util.h"

#define FLAGS	(JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))

static const char *strs[] = {
	"", "plain", "非化石能源消费比重", "quote \" and \\ back", "a/b",
	"line\nbreak\r\ttab\b\f", "\x01\x1b\x1f\x7f", "\xe2\x80\xa8",
	"\xf0\x9f\x98\x80", "１７．７％",
};

static const double reals[] = {
	17.7, 0.1, 0.35, 1.5, 2.0, 100.0, 1e15, 1e16, 1e20, 1.5e300, 1e-5,
	0.000123, 123456789012345.0, 12345678901234.5, -2.5, 0.0, 1e-300,
};

static const long long ints[] = {
	0, 1, -1, 9, 10, -10, 2025, -1234567890123LL, 9223372036854775807LL,
	-9223372036854775807LL - 1,
};

static int
check(const char *what, struct buf *b, json_t *j)
{
	char *want = json_dumps(j, FLAGS);
	int bad = want == NULL || b->data == NULL ||
	    strcmp(b->data, want) != 0;

	if (bad)
		printf("FAIL %s: got %s, want %s\n", what,
		    b->data ? b->data : "(nothing)", want ? want : "(nothing)");
	free(want);
	json_decref(j);
	return bad;
}

int
main(void)
{
	struct buf b = {0};
	size_t i;
	int fail = 0, n = 0;

	zb_setprog("test-jsonw");
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++, n++) {
		buf_clear(&b);
		jsonw_str(&b, strs[i], strlen(strs[i]));
		fail += check("jsonw_str", &b, json_string(strs[i]));
	}
	buf_clear(&b);
	jsonw_str(&b, "a\0b", 3);
	fail += check("jsonw_str with NUL", &b, json_stringn("a\0b", 3));
	n++;
	for (i = 0; i < sizeof(reals) / sizeof(reals[0]); i++, n++) {
		buf_clear(&b);
		jsonw_real(&b, reals[i]);
		fail += check("jsonw_real", &b, json_real(reals[i]));
	}
	for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++, n++) {
		buf_clear(&b);
		jsonw_int(&b, ints[i]);
		fail += check("jsonw_int", &b, json_integer(ints[i]));
	}
	buf_clear(&b);
	if (jsonw_str(&b, "\xff", 1) != -1 ||
	    jsonw_str(&b, "\xe4\xb8", 2) != -1 ||
	    jsonw_real(&b, INFINITY) != -1) {
		printf("FAIL invalid UTF-8 or infinity accepted\n");
		fail++;
	}
	n++;
	buf_free(&b);
	printf("test-jsonw: %d passed, %d failed\n", n - fail, fail);
	return fail != 0;
}
