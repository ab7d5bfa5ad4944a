/*
 * fuzz-num: number parsing (num_parse, num_doubling, num_sigdigits).
 * Whatever num_parse accepts must be a canonical decimal: dec_valid, and
 * unchanged by adding zero.
 */
#include "fuzz.h"

#include "dec.h"
#include "num.h"
#include "util.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	zb_setprog("fuzz-num");
	return 0;
}

/* out holds a canonical decimal. */
static void
check_canonical(const struct buf *out)
{
	struct buf z = {0};

	FUZZ_ASSERT(out->len > 0 && strlen(out->data) == out->len);
	FUZZ_ASSERT(dec_valid(out->data));
	FUZZ_ASSERT(dec_add(out->data, "0", &z) == 0);
	FUZZ_ASSERT(strcmp(z.data, out->data) == 0);
	FUZZ_ASSERT(num_sigdigits(out->data) <= (int)out->len);
	buf_free(&z);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = {0};
	const char *s = (const char *)data;

	buf_adds(&out, "x");
	buf_clear(&out);
	if (num_parse(s, size, &out) == 0)
		check_canonical(&out);
	else
		FUZZ_ASSERT(out.len == 0);
	buf_clear(&out);
	if (num_doubling(s, size, &out) == 0)
		check_canonical(&out);
	buf_free(&out);
	return 0;
}
