/*
 * test-jscan: the record scanner (lib/jscan.c) against Jansson.  Lines it
 * must be sure of, lines it must not be (invalid, or valid but past what
 * it handles), and random mutations of a record: whenever the scanner is
 * sure, json_loadb(JSON_REJECT_DUPLICATES) accepts the line as an object
 * and gives every kept key the same value, of the same type.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jscan.h"
#include "util.h"

enum { UNSURE, SURE, EITHER };

static const char *const keep[] = { "value", "value_max", "value_text",
    "unit", "region", "year", "cmp", "", "键", NULL };
static const char *const shun[] = { "value_std", NULL };

static const struct {
	const char	*line;
	int		 want;
} lines[] = {
	{ "{\"source\":\"a.txt\",\"region\":\"白城市\",\"year\":2025,"
	  "\"value\":17.7,\"value_max\":null,\"value_text\":\"17.7\","
	  "\"unit\":\"%\",\"cmp\":\"eq\",\"qualifiers\":[\"左右\",1,true],"
	  "\"owners\":[],\"quote\":\"a \\\"b\\\" \\\\ \\/ \\b\\f\\n\\r\\t\"}",
	  SURE },
	{ "{}", SURE }, { " \t{ } \r", SURE }, { "{\"\":1}", SURE },
	{ "{ \"value\" : -0 , \"year\" : \"2025\" }", SURE },
	{ "{\"value\":-0.0,\"value_max\":1.0,\"year\":1E2,\"cmp\":1e-2}",
	  SURE },
	{ "{\"value\":123456789012345678}", SURE },
	{ "{\"value\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\",\"unit\":\"\x7f\"}",
	  SURE },
	{ "{\"键\":\"\xf0\x9f\x98\x80\xc2\xa9\xe0\xa0\x80\xed\x9f\xbf\"}",
	  SURE },
	{ "{\"value\":true,\"unit\":false,\"region\":null}", SURE },
	/* invalid: Jansson refuses these */
	{ "", UNSURE }, { "   ", UNSURE }, { "{", UNSURE }, { "}", UNSURE },
	{ "{\"a\":1,}", UNSURE }, { "{,\"a\":1}", UNSURE },
	{ "{\"a\":1}x", UNSURE }, { "{\"a\":1}{}", UNSURE },
	{ "{\"a\" 1}", UNSURE }, { "{\"a\":}", UNSURE }, { "{a:1}", UNSURE },
	{ "{\"a\":1,\"a\":2}", UNSURE }, { "{\"value\":1,\"value\":1}", UNSURE },
	{ "{\"a\":01}", UNSURE }, { "{\"a\":-}", UNSURE }, { "{\"a\":1.}", UNSURE },
	{ "{\"a\":.5}", UNSURE }, { "{\"a\":1e}", UNSURE }, { "{\"a\":+1}", UNSURE },
	{ "{\"a\":1e400}", UNSURE }, { "{\"a\":-1e400}", UNSURE },
	{ "{\"a\":9223372036854775808}", UNSURE },
	{ "{\"a\":NaN}", UNSURE }, { "{\"a\":Infinity}", UNSURE },
	{ "{\"a\":tru}", UNSURE }, { "{\"a\":truex}", UNSURE },
	{ "{\"a\":nul}", UNSURE }, { "{\"a\":1x}", UNSURE },
	{ "{\"a\":\"\x01\"}", UNSURE }, { "{\"a\":\"\t\"}", UNSURE },
	{ "{\"a\":\"\\x\"}", UNSURE }, { "{\"a\":\"\\\"}", UNSURE },
	{ "{\"a\":\"\xff\"}", UNSURE }, { "{\"a\":\"\xc0\xaf\"}", UNSURE },
	{ "{\"a\":\"\xed\xa0\x80\"}", UNSURE },
	{ "{\"a\":\"\xf4\x90\x80\x80\"}", UNSURE },
	{ "{\"a\":\"\xe4\xb8\"}", UNSURE }, { "{\"a\":\"abc}", UNSURE },
	{ "\xef\xbb\xbf{}", UNSURE }, { "{\"a\":[1,]}", UNSURE },
	{ "{\"a\":[1 2]}", UNSURE }, { "{\"a\":[}", UNSURE },
	{ "[1,2]", UNSURE }, { "1", UNSURE }, { "\"a\"", UNSURE },
	{ "{\"a\":1}\x0b", UNSURE }, { "\f{}", UNSURE },
	/* valid but past the scanner: Jansson decides */
	{ "{\"a\":\"\\u0041\"}", UNSURE }, { "{\"a\":\"\\u0000\"}", UNSURE },
	{ "{\"a\":\"\\ud83d\\ude00\"}", UNSURE }, { "{\"\\n\":1}", UNSURE },
	{ "{\"a\":{}}", UNSURE }, { "{\"a\":[[]]}", UNSURE },
	{ "{\"a\":[{}]}", UNSURE }, { "{\"value\":[]}", UNSURE },
	{ "{\"a\":1234567890123456789}", UNSURE },
	{ "{\"a\":1e-400}", UNSURE },
	{ "{\"a\":0.00000000000000000000000000000000000000001}", UNSURE },
	{ "{\"value_std\":1}", UNSURE },
	{ "{\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1,\"f\":1,\"g\":1,\"h\":1,"
	  "\"i\":1,\"j\":1,\"k\":1,\"l\":1,\"m\":1,\"n\":1,\"o\":1,\"p\":1,"
	  "\"q\":1,\"r\":1,\"s\":1,\"t\":1,\"u\":1,\"v\":1,\"w\":1,\"x\":1,"
	  "\"y\":1,\"z\":1,\"A\":1,\"B\":1,\"C\":1,\"D\":1,\"E\":1,\"F\":1,"
	  "\"G\":1,\"H\":1,\"I\":1,\"J\":1,\"K\":1,\"L\":1,\"M\":1,\"N\":1,"
	  "\"O\":1,\"P\":1,\"Q\":1,\"R\":1,\"S\":1,\"T\":1,\"U\":1,\"V\":1,"
	  "\"W\":1,\"X\":1,\"Y\":1,\"Z\":1,\"0\":1,\"1\":1,\"2\":1,\"3\":1,"
	  "\"4\":1,\"5\":1,\"6\":1,\"7\":1,\"8\":1,\"9\":1,\"_\":1,\"-\":1,"
	  "\"+\":1}", UNSURE },
};

static int fail, n;

/* Same type and value, a real's sign of zero included. */
static int
same(const json_t *a, const json_t *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	if (json_typeof(a) != json_typeof(b) || !json_equal(a, b))
		return 0;
	return !json_is_real(a) ||
	    signbit(json_real_value(a)) == signbit(json_real_value(b));
}

/* Is key one of keep? */
static int
kept(const char *key)
{
	size_t i;

	for (i = 0; keep[i] != NULL; i++)
		if (strcmp(keep[i], key) == 0)
			return 1;
	return 0;
}

/*
 * Scan text[0..len) and hold it against Jansson.  Returns whether the
 * scanner was sure; a disagreement is counted as a failure.
 */
static int
check(const struct jscan_keys *ks, const char *text, size_t len)
{
	json_t *o, *whole, *v;
	const char *key;
	size_t i;
	int ok = 1;

	if ((o = jscan_object(text, len, ks)) == NULL)
		return 0;
	whole = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(whole))
		ok = 0;
	for (i = 0; ok && keep[i] != NULL; i++)
		ok = same(json_object_get(o, keep[i]),
		    json_object_get(whole, keep[i]));
	json_object_foreach(o, key, v)
		ok = ok && kept(key);
	for (i = 0; ok && shun[i] != NULL; i++)
		ok = json_object_get(whole, shun[i]) == NULL;
	if (!ok) {
		printf("test-jscan: sure of %.*s, Jansson disagrees\n",
		    (int)len, text);
		fail++;
	}
	json_decref(o);
	json_decref(whole);
	return 1;
}

/* A xorshift generator: the same mutations on every run. */
static uint64_t
rnd(void)
{
	static uint64_t x = 88172645463325252ULL;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return x;
}

/*
 * Mutate line 0 (a record) many times: a byte flipped, inserted or
 * deleted, a chunk repeated, the tokens that matter spliced in.  Returns
 * how many mutants the scanner was sure of.
 */
static unsigned
mutants(const struct jscan_keys *ks, unsigned count)
{
	static const char *const bits[] = { "\\u0041", "\\", "\"", "1e400",
	    "-0", "01", "1.0", "\xff", "\xe4\xb8", "\x01", ",\"value\":1",
	    "{", "}", "[", "]", ":", ",", " ", "\r", "null", "true", "9e9",
	    "\xed\xa0\x80", "\xc2\xa9" };
	const char *base = lines[0].line;
	char buf[1024];
	size_t len, at, k;
	unsigned i, m, sure = 0;

	for (i = 0; i < count; i++) {
		len = strlen(base);
		memcpy(buf, base, len);
		for (m = 0; m < 1 + rnd() % 3; m++) {
			at = rnd() % (len + 1);
			switch (rnd() % 4) {
			case 0:
				if (at < len)
					buf[at] = (char)rnd();
				break;
			case 1:
				if (at < len) {
					memmove(buf + at, buf + at + 1,
					    len - at - 1);
					len--;
				}
				break;
			default:
				k = rnd() % (sizeof(bits) / sizeof(bits[0]));
				if (len + strlen(bits[k]) > sizeof(buf))
					break;
				memmove(buf + at + strlen(bits[k]), buf + at,
				    len - at);
				memcpy(buf + at, bits[k], strlen(bits[k]));
				len += strlen(bits[k]);
			}
		}
		sure += (unsigned)check(ks, buf, len);
	}
	return sure;
}

int
main(void)
{
	struct jscan_keys *ks;
	const char *l;
	size_t i;
	unsigned sure;
	int got;

	zb_setprog("test-jscan");
	if ((ks = jscan_keys_new(keep, shun)) == NULL)
		abort();
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++, n++) {
		l = lines[i].line;
		got = check(ks, l, strlen(l));
		if (lines[i].want != EITHER && got != lines[i].want) {
			printf("test-jscan: %s of %s\n", got ? "sure" :
			    "not sure", l);
			fail++;
		}
	}
	n++;
	if (jscan_object("{\"a\":1}\0", 8, ks) != NULL ||
	    jscan_object("{\"a\":\"\0\"}", 9, ks) != NULL) {
		printf("test-jscan: sure of a line holding a NUL byte\n");
		fail++;
	}
	n++;
	sure = mutants(ks, 20000);
	if (sure < 1000) {
		printf("test-jscan: sure of %u mutants only\n", sure);
		fail++;
	}
	jscan_keys_free(ks);
	jscan_keys_free(NULL);
	printf("test-jscan: %d passed, %d failed (%u of 20000 mutants read)\n",
	    n - fail, fail, sure);
	return fail != 0;
}
