/*
 * fuzz-jscan: the record scanner (lib/jscan.c, zb-norm's fast path)
 * against Jansson.  Whenever the scanner is sure of the input, read as one
 * line, json_loadb(JSON_REJECT_DUPLICATES) accepts it as an object holding
 * no shunned key, and every kept key has the same value, of the same type
 * (a real's sign of zero included), in both.
 */
#include <math.h>

#include "fuzz.h"

#include "jscan.h"
#include "util.h"

static const char *const keep[] = { "value", "value_max", "value_text",
    "unit", "indicator", "region", "sha256", "source", "year",
    "baseline_year", "cmp", "", NULL };
static const char *const shun[] = { "value_std", "unit_std", NULL };
static struct jscan_keys *ks;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	zb_setprog("fuzz-jscan");
	if ((ks = jscan_keys_new(keep, shun)) == NULL)
		abort();
	return 0;
}

static int
same(const json_t *a, const json_t *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return json_typeof(a) == json_typeof(b) && json_equal(a, b) &&
	    (!json_is_real(a) ||
	    signbit(json_real_value(a)) == signbit(json_real_value(b)));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *o, *whole, *v;
	const char *key;
	size_t i;

	if ((o = jscan_object((const char *)data, size, ks)) == NULL)
		return 0;
	whole = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES,
	    NULL);
	FUZZ_ASSERT(json_is_object(whole));
	for (i = 0; keep[i] != NULL; i++)
		FUZZ_ASSERT(same(json_object_get(o, keep[i]),
		    json_object_get(whole, keep[i])));
	for (i = 0; shun[i] != NULL; i++)
		FUZZ_ASSERT(json_object_get(whole, shun[i]) == NULL);
	json_object_foreach(o, key, v)
		FUZZ_ASSERT(json_object_get(whole, key) != NULL);
	json_decref(o);
	json_decref(whole);
	return 0;
}
