/* test-decsum: table-driven tests of exact decimal sums (lib/decsum.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decsum.h"
#include "util.h"

static const struct {
	const char	*a, *b;
	const char	*sum, *diff;	/* NULL: must be rejected */
} cases[] = {
	{ "10.1", "20.2", "30.3", "-10.1" },
	{ "0.1", "0.2", "0.3", "-0.1" },
	{ "6000", "4000", "10000", "2000" },
	{ "790.56", "925", "1715.56", "-134.44" },
	{ "1.5", "1.5", "3", "0" },
	{ "0.05", "0", "0.05", "0.05" },
	{ "-3", "3", "0", "-6" },
	{ "-0.5", "0.25", "-0.25", "-0.75" },
	{ "1e+20", "1", "100000000000000000001",
	    "99999999999999999999" },
	{ "1e-05", "0.00001", "0.00002", "0" },
	{ "2e3", "1e3", "3000", "1000" },
	{ "999.99", "0.01", "1000", "999.98" },
	{ "0.141", "13.859", "14", "-13.718" },
	{ "007", "0.50", "7.5", "6.5" },
	{ "x", "1", NULL, NULL },
	{ "1.", "1", NULL, NULL },
	{ "", "1", NULL, NULL },
	{ "1e999", "1", NULL, NULL },
};

static int
check(const char *op, const char *a, const char *b, char *got,
    const char *want)
{
	int bad;

	bad = want == NULL ? got != NULL :
	    got == NULL || strcmp(got, want) != 0;
	if (bad)
		printf("FAIL decsum_%s(\"%s\", \"%s\"): got %s, want %s\n",
		    op, a, b, got ? got : "(rejected)",
		    want ? want : "(rejected)");
	free(got);
	return bad;
}

int
main(void)
{
	size_t i;
	int fail = 0, n = 0;

	util_setprog("test-decsum");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++, n += 2) {
		fail += check("add", cases[i].a, cases[i].b,
		    decsum_add(cases[i].a, cases[i].b), cases[i].sum);
		fail += check("sub", cases[i].a, cases[i].b,
		    decsum_sub(cases[i].a, cases[i].b), cases[i].diff);
	}
	n += 3;
	if (decsum_cmp("17.70", "17.7") != 0 || decsum_cmp("9", "10") >= 0 ||
	    decsum_cmp("1", "x") != -2) {
		printf("FAIL decsum_cmp\n");
		fail++;
	}
	printf("test-decsum: %d passed, %d failed\n", n - fail, fail);
	return fail != 0;
}
