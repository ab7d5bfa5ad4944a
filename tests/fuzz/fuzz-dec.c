/*
 * fuzz-dec: exact decimal arithmetic.  The input is two operands separated
 * by a newline; when both are decimals, the operations must agree with
 * each other: a + b - b = a, a - b = -(b - a), a * b = b * a, a * 1 = a,
 * a + 0 = a and dec_cmp() consistent with the sign of a - b.
 */
#include "fuzz.h"

#include "dec.h"
#include "util.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	zb_setprog("fuzz-dec");
	return 0;
}

static int
sign(const char *s)
{
	return s[0] == '-' ? -1 : strcmp(s, "0") == 0 ? 0 : 1;
}

static void
check(const char *a, const char *b)
{
	struct buf sum = {0}, back = {0}, d1 = {0}, d2 = {0}, neg = {0};
	struct buf p1 = {0}, p2 = {0}, one = {0}, ca = {0};
	int c;

	FUZZ_ASSERT(dec_add(a, "0", &ca) == 0);
	FUZZ_ASSERT(dec_valid(ca.data));
	FUZZ_ASSERT(dec_cmp(a, ca.data) == 0);
	FUZZ_ASSERT(dec_add(a, b, &sum) == 0);
	FUZZ_ASSERT(dec_sub(sum.data, b, &back) == 0);
	FUZZ_ASSERT(strcmp(back.data, ca.data) == 0);
	FUZZ_ASSERT(dec_sub(a, b, &d1) == 0);
	FUZZ_ASSERT(dec_sub(b, a, &d2) == 0);
	FUZZ_ASSERT(dec_sub("0", d2.data, &neg) == 0);
	FUZZ_ASSERT(strcmp(d1.data, neg.data) == 0);
	c = dec_cmp(a, b);
	FUZZ_ASSERT(c == sign(d1.data));
	FUZZ_ASSERT(dec_cmp(b, a) == -c);
	FUZZ_ASSERT(dec_mul(a, "1", &one) == 0);
	FUZZ_ASSERT(strcmp(one.data, ca.data) == 0);
	FUZZ_ASSERT(dec_mul(a, b, &p1) == 0);
	FUZZ_ASSERT(dec_mul(b, a, &p2) == 0);
	FUZZ_ASSERT(strcmp(p1.data, p2.data) == 0);
	FUZZ_ASSERT(dec_valid(p1.data) && dec_valid(sum.data));
	buf_free(&sum);
	buf_free(&back);
	buf_free(&d1);
	buf_free(&d2);
	buf_free(&neg);
	buf_free(&p1);
	buf_free(&p2);
	buf_free(&one);
	buf_free(&ca);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = {0};
	const uint8_t *nl;
	char *a, *b;

	if (size > 4096)
		return 0;
	nl = memchr(data, '\n', size);
	a = fuzz_str(data, nl != NULL ? (size_t)(nl - data) : size);
	b = fuzz_str(nl != NULL ? nl + 1 : data + size,
	    nl != NULL ? size - (size_t)(nl + 1 - data) : 0);
	if (dec_valid(a) && dec_valid(b))
		check(a, b);
	else {
		/* Invalid operands are refused, never half-computed. */
		FUZZ_ASSERT(dec_mul(a, b, &out) == -1 && out.len == 0);
		FUZZ_ASSERT(dec_add(a, b, &out) == -1 && out.len == 0);
		FUZZ_ASSERT(dec_sub(a, b, &out) == -1 && out.len == 0);
		FUZZ_ASSERT(dec_cmp(a, b) == 2);
	}
	buf_free(&out);
	free(a);
	free(b);
	return 0;
}
