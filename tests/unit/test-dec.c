/* test-dec: table-driven tests of exact decimal arithmetic (lib/dec.c). */
#include <stdio.h>
#include <string.h>

#include "dec.h"
#include "util.h"

static const struct {
	char		 op;	/* '*', '+', '-' or '<' (compare) */
	const char	*a, *b;
	const char	*want;	/* NULL: must be rejected */
} cases[] = {
	{ '*', "1305.9", "10000", "13059000" },
	{ '*', "17.7", "1", "17.7" },
	{ '*', "0.6", "100000000", "60000000" },
	{ '*', "6000", "10000", "60000000" },
	{ '*', "1.2", "0.001", "0.0012" },
	{ '*', "0.1", "0.2", "0.02" },
	{ '*', "2.5", "0.4", "1" },
	{ '*', "0", "15", "0" },
	{ '*', "-1.5", "2", "-3" },
	{ '*', "-0", "3", "0" },
	{ '*', "123456789012.345", "1000000000000",
	    "123456789012345000000000" },
	{ '*', "0.0015", "1000", "1.5" },
	{ '*', "1e8", "1", "100000000" },
	{ '*', "1e999", "1", NULL },
	{ '*', "1.", "1", NULL },
	{ '*', "", "1", NULL },
	{ '*', "1,000", "1", NULL },
	{ '+', "0.1", "0.2", "0.3" },
	{ '+', "6000", "0.5", "6000.5" },
	{ '+', "99.99", "0.01", "100" },
	{ '+', "1", "-1", "0" },
	{ '+', "1", "-2.5", "-1.5" },
	{ '+', "-3", "-4.25", "-7.25" },
	{ '+', "1000000", "0", "1000000" },
	{ '+', "x", "0", NULL },
	{ '+', "790.56", "925", "1715.56" },
	{ '+', "1e+20", "1", "100000000000000000001" },
	{ '+', "1e-05", "0.00001", "0.00002" },
	{ '+', "2e3", "1e3", "3000" },
	{ '+', "007", "0.50", "7.5" },
	{ '+', "0.141", "13.859", "14" },
	{ '-', "790.56", "925", "-134.44" },
	{ '-', "10.1", "20.2", "-10.1" },
	{ '-', "1e+20", "1", "99999999999999999999" },
	{ '-', "1.5", "1.5", "0" },
	{ '-', "-3", "3", "-6" },
	{ '-', "-0.5", "0.25", "-0.75" },
	{ '-', "999.99", "0.01", "999.98" },
	{ '-', "1", "x", NULL },
	{ '<', "1.50", "1.5", "0" },
	{ '<', "2", "10", "-1" },
	{ '<', "-2", "1", "-1" },
	{ '<', "0.001", "0", "1" },
	{ '<', "-0", "0", "0" },
	{ '<', "-5", "-4", "-1" },
	{ '<', "17.70", "17.7", "0" },
	{ '<', "9", "10", "-1" },
	{ '<', "1e3", "999", "1" },
	{ '<', "1", "x", NULL },
};

int
main(void)
{
	struct buf b = {0};
	char cmp[4];
	size_t i;
	int rc, fails = 0;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_clear(&b);
		if (cases[i].op == '<') {
			rc = dec_cmp(cases[i].a, cases[i].b);
			snprintf(cmp, sizeof(cmp), "%d", rc);
			buf_adds(&b, cmp);
			rc = rc == 2 ? -1 : 0;
		} else if (cases[i].op == '*')
			rc = dec_mul(cases[i].a, cases[i].b, &b);
		else if (cases[i].op == '-')
			rc = dec_sub(cases[i].a, cases[i].b, &b);
		else
			rc = dec_add(cases[i].a, cases[i].b, &b);
		if (cases[i].want == NULL ? rc != -1 :
		    rc != 0 || strcmp(b.data, cases[i].want) != 0) {
			printf("FAIL %s %c %s: got %s (rc %d), want %s\n",
			    cases[i].a, cases[i].op, cases[i].b,
			    rc == 0 ? b.data : "-", rc,
			    cases[i].want ? cases[i].want : "rejection");
			fails++;
		}
	}
	buf_free(&b);
	printf("test-dec: %zu passed, %d failed\n",
	    sizeof(cases) / sizeof(cases[0]) - (size_t)fails, fails);
	return fails ? 1 : 0;
}
