/* test-num: table-driven tests of exact number parsing (lib/num.c). */
#include <stdio.h>
#include <string.h>

#include "num.h"
#include "util.h"

static const struct {
	const char	*in;
	const char	*want;	/* NULL: must be rejected */
} cases[] = {
	{ "17.7", "17.7" },
	{ "17.70", "17.7" },
	{ "007", "7" },
	{ "0.35", "0.35" },
	{ "0", "0" },
	{ "1,200", "1200" },
	{ "10,308.50", "10308.5" },
	{ "11.41", "11.41" },
	{ "1.", NULL },
	{ ".5", NULL },
	{ "1.2.3", NULL },
	{ "", NULL },
	{ "12a", NULL },
	{ "一百二十万", "1200000" },
	{ "一百二十", "120" },
	{ "两", "2" },
	{ "十", "10" },
	{ "十五", "15" },
	{ "二十", "20" },
	{ "一百零五", "105" },
	{ "三千零六", "3006" },
	{ "一万二千", "12000" },
	{ "一亿二千万", "120000000" },
	{ "三点五", "3.5" },
	{ "零点零五", "0.05" },
	{ "两千", "2000" },
	{ "〇", "0" },
	{ "万", NULL },
	{ "十四五规划", NULL },
	{ "点五", NULL },
};

static const struct {
	const char	*in;
	const char	*want;
} doubling[] = {
	{ "翻一番", "2" },
	{ "翻两番", "4" },
	{ "翻三番", "8" },
	{ "翻番", NULL },
	{ "翻一倍", NULL },
};

static const struct {
	const char	*in;
	const char	*want;
} fraction[] = {
	{ "三分之一", "0.3333" },
	{ "三分之二", "0.6667" },
	{ "四分之三", "0.75" },
	{ "二分之一", "0.5" },
	{ "4分之3", "0.75" },
	{ "一百分之一", "0.01" },
	{ "三分之四", "1.3333" },
	{ "零分之一", NULL },
	{ "三分之", NULL },
	{ "分之一", NULL },
	{ "三分之一点五", NULL },
};

int
main(void)
{
	struct buf b = {0};
	size_t i;
	int rc, fail = 0, n = 0;

	zb_setprog("test-num");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++, n++) {
		buf_clear(&b);
		rc = num_parse(cases[i].in, strlen(cases[i].in), &b);
		if (cases[i].want == NULL ? rc == 0 :
		    rc != 0 || strcmp(b.data, cases[i].want) != 0) {
			printf("FAIL num_parse(\"%s\"): got %s, want %s\n",
			    cases[i].in, rc == 0 ? b.data : "(rejected)",
			    cases[i].want ? cases[i].want : "(rejected)");
			fail++;
		}
	}
	for (i = 0; i < sizeof(doubling) / sizeof(doubling[0]); i++, n++) {
		buf_clear(&b);
		rc = num_doubling(doubling[i].in, strlen(doubling[i].in), &b);
		if (doubling[i].want == NULL ? rc == 0 :
		    rc != 0 || strcmp(b.data, doubling[i].want) != 0) {
			printf("FAIL num_doubling(\"%s\"): got %s\n",
			    doubling[i].in, rc == 0 ? b.data : "(rejected)");
			fail++;
		}
	}
	for (i = 0; i < sizeof(fraction) / sizeof(fraction[0]); i++, n++) {
		buf_clear(&b);
		rc = num_fraction(fraction[i].in, strlen(fraction[i].in), &b);
		if (fraction[i].want == NULL ? rc == 0 :
		    rc != 0 || strcmp(b.data, fraction[i].want) != 0) {
			printf("FAIL num_fraction(\"%s\"): got %s\n",
			    fraction[i].in, rc == 0 ? b.data : "(rejected)");
			fail++;
		}
	}
	if (num_sigdigits("0.0050") != 2 || num_sigdigits("1200") != 4) {
		printf("FAIL num_sigdigits\n");
		fail++;
	}
	n++;
	buf_free(&b);
	printf("test-num: %d passed, %d failed\n", n - fail, fail);
	return fail != 0;
}
