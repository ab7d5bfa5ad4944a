/*
 * test-recnorm: record normalisation (lib/recnorm.c) on single records,
 * with the embedded tables: what is appended, what is rewritten, what is
 * passed through, and the years it reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "data.h"
#include "fold.h"
#include "recnorm.h"
#include "util.h"

static int fail, n;

static const struct {
	const char	*in;
	const char	*out;	/* NULL: the input, unchanged */
	int		 rc;
} records[] = {
	/* fields appended after the record's own, its bytes kept */
	{ "{\"sha256\":\"a\",\"region\":\"白城市\",\"year\":2025,"
	  "\"indicator\":\"非化石能源消费比重\",\"value\":17.7,"
	  "\"unit\":\"%\",\"cmp\":\"eq\"}",
	  "{\"sha256\":\"a\",\"region\":\"白城市\",\"year\":2025,"
	  "\"indicator\":\"非化石能源消费比重\",\"value\":17.7,"
	  "\"unit\":\"%\",\"cmp\":\"eq\",\"value_std\":17.7,"
	  "\"value_max_std\":null,\"unit_std\":\"%\",\"dimension\":\"share\","
	  "\"factor\":1,\"indicator_id\":\"non_fossil_share\","
	  "\"indicator_en\":\"share of non-fossil energy in total energy "
	  "consumption\",\"additive\":false,\"region_code\":\"220800\","
	  "\"region_level\":\"prefecture\",\"parent_code\":\"220000\"}", 0 },
	/* exact decimal scaling, 万 x 千瓦 */
	{ "{\"region\":\"吉林省\",\"indicator\":\"新能源装机\","
	  "\"value\":1305.9,\"unit\":\"万千瓦\"}",
	  "{\"region\":\"吉林省\",\"indicator\":\"新能源装机\","
	  "\"value\":1305.9,\"unit\":\"万千瓦\",\"value_std\":13059000,"
	  "\"value_max_std\":null,\"unit_std\":\"kW\",\"dimension\":\"power\","
	  "\"factor\":10000,\"indicator_id\":\"wind_solar_capacity\","
	  "\"indicator_en\":\"wind and solar power capacity\","
	  "\"additive\":true,\"region_code\":\"220000\","
	  "\"region_level\":\"province\",\"parent_code\":null}", 0 },
	/* a year written as text is rewritten as an integer */
	{ "{\"region\":null,\"indicator\":null,\"value\":1,\"unit\":null,"
	  "\"year\":\"十四五\"}",
	  "{\"region\":null,\"indicator\":null,\"value\":1,\"unit\":null,"
	  "\"year\":2025,\"value_std\":null,\"value_max_std\":null,"
	  "\"unit_std\":null,\"dimension\":null,\"factor\":null,"
	  "\"indicator_id\":null,\"indicator_en\":null,\"additive\":null,"
	  "\"region_code\":null,\"region_level\":null,\"parent_code\":null}",
	  0 },
	/* lacking a field: passed through, trouble */
	{ "{\"value\":1,\"unit\":\"%\",\"indicator\":\"x\"}", NULL, -1 },
	/* a bad cmp is reported, the record kept and normalized */
	{ "{\"region\":null,\"indicator\":null,\"value\":null,\"unit\":null,"
	  "\"cmp\":\"about\"}",
	  "{\"region\":null,\"indicator\":null,\"value\":null,\"unit\":null,"
	  "\"cmp\":\"about\",\"value_std\":null,\"value_max_std\":null,"
	  "\"unit_std\":null,\"dimension\":null,\"factor\":null,"
	  "\"indicator_id\":null,\"indicator_en\":null,\"additive\":null,"
	  "\"region_code\":null,\"region_level\":null,\"parent_code\":null}",
	  -1 },
};

static const struct {
	const char	*json;
	long		 want;
} years[] = {
	{ "null", 0 }, { "2025", 2025 }, { "\"2025\"", 2025 },
	{ "\"2025年\"", 2025 }, { "\"２０２５\"", 2025 },
	{ "\"十四五\"", 2025 }, { "\"“十五五”\"", 2030 },
	{ "\"十三五\"", 2020 }, { "999", -1 }, { "10000", -1 },
	{ "\"2025年底\"", -1 }, { "\"\"", -1 }, { "2025.5", -1 },
	{ "\"明年\"", -1 },
};

static void
check(const char *what, const char *got, const char *want)
{
	n++;
	if (strcmp(got, want) == 0)
		return;
	printf("test-recnorm: %s\n  got  %s\n  want %s\n", what, got, want);
	fail++;
}

static void
test_record(struct recnorm *rn, size_t i)
{
	const char *in = records[i].in;
	const char *want = records[i].out ? records[i].out : in;
	struct line raw = { in, strlen(in), 0, (unsigned long)i + 1, 0 };
	char *out = NULL, rcs[32];
	size_t outlen = 0;
	json_error_t e;
	json_t *o;
	FILE *f;
	int rc;

	if ((o = json_loads(in, 0, &e)) == NULL ||
	    (f = open_memstream(&out, &outlen)) == NULL)
		abort();
	rc = recnorm_record(rn, o, "<test>", &raw, f);
	fclose(f);
	json_decref(o);
	if (outlen > 0 && out[outlen - 1] == '\n')
		out[outlen - 1] = '\0';
	check(in, out, want);
	snprintf(rcs, sizeof(rcs), "%d", rc);
	n--;
	check("status", rcs, records[i].rc ? "-1" : "0");
	free(out);
}

static void
test_year(size_t i)
{
	char got[32], want[32];
	json_t *v;

	v = json_loads(years[i].json, JSON_DECODE_ANY, NULL);
	if (v == NULL)
		abort();
	snprintf(got, sizeof(got), "%ld", recnorm_year(v));
	snprintf(want, sizeof(want), "%ld", years[i].want);
	check(years[i].json, got, want);
	json_decref(v);
}

int
main(void)
{
	struct recnorm *rn;
	size_t i;

	zb_setprog("test-recnorm");
	fold_t2s_load((const char *)data_t2s, data_t2s_len);
	if ((rn = recnorm_new(NULL, NULL, NULL, NULL)) == NULL)
		abort();
	for (i = 0; i < sizeof(records) / sizeof(records[0]); i++)
		test_record(rn, i);
	for (i = 0; i < sizeof(years) / sizeof(years[0]); i++)
		test_year(i);
	recnorm_free(rn);
	if (recnorm_new(NULL, NULL, NULL, "no such place") != NULL)
		check("-R unknown", "accepted", "NULL");
	recnorm_free(NULL);
	fold_t2s_free();
	printf("test-recnorm: %d passed, %d failed\n", n - fail, fail);
	return fail != 0;
}
