/*
 * fuzz-unit: unit lookup in the embedded table, and the table parser over
 * arbitrary text (a -u file).  A unit found has a canonical name, a
 * dimension and a decimal factor.
 */
#include "fuzz.h"

#include "data.h"
#include "dec.h"
#include "fold.h"
#include "unit.h"
#include "util.h"

static struct unittab	 units;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	zb_setprog("fuzz-unit");
	fold_t2s_load((const char *)data_t2s, data_t2s_len);
	if (unittab_load(&units, (const char *)data_units, data_units_len,
	    "units.tsv") != 0)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct unittab t = { 0 };
	struct unitval v;
	char *s;

	s = fuzz_str(data, size);
	memset(&v, 0, sizeof(v));
	if (unit_lookup(&units, s, &v) == 0) {
		FUZZ_ASSERT(v.canon != NULL && v.dim != NULL);
		FUZZ_ASSERT(v.factor.data != NULL && dec_valid(v.factor.data));
	}
	buf_free(&v.factor);
	/* The same bytes as a table of its own, then looked up in it. */
	if (size < 2048) {
		unittab_load(&t, (const char *)data, size, "fuzz");
		memset(&v, 0, sizeof(v));
		if (unit_lookup(&t, s, &v) == 0)
			FUZZ_ASSERT(v.canon != NULL && v.dim != NULL);
		buf_free(&v.factor);
		unittab_free(&t);
	}
	free(s);
	return 0;
}
