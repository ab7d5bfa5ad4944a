/* test-notice: dates of issue as notices write them (lib/notice.c). */
#include <stdio.h>
#include <string.h>

#include "notice.h"
#include "util.h"

static const struct {
	const char	*in;
	const char	*want;	/* NULL: must be rejected */
} cases[] = {
	{ "2022年7月22日", "2022-07-22" },
	{ "二〇二二年七月二十二日", "2022-07-22" },
	{ "2022-07-22", "2022-07-22" },
	{ "2022/1/31", "2022-01-31" },
	{ "2022年2月28日", "2022-02-28" },
	{ "2022年2月29日", NULL },
	{ "2022年2月31日", NULL },
	{ "2024年2月29日", "2024-02-29" },
	{ "二〇二四年二月二十九日", "2024-02-29" },
	{ "2000-02-29", "2000-02-29" },
	{ "2100-02-29", NULL },
	{ "2023年4月30日", "2023-04-30" },
	{ "2023年4月31日", NULL },
	{ "2023年6月31日", NULL },
	{ "2023年9月31日", NULL },
	{ "2023年11月31日", NULL },
	{ "2023年12月31日", "2023-12-31" },
	{ "2023年13月1日", NULL },
	{ "2023年0月1日", NULL },
	{ "2023年1月0日", NULL },
	{ "1900年1月1日", NULL },
};

int
main(void)
{
	char out[16];
	size_t i;
	int rc, fail = 0, n = 0;

	zb_setprog("test-notice");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++, n++) {
		rc = notice_date(cases[i].in, strlen(cases[i].in), out);
		if (cases[i].want == NULL ? rc == 0 : rc != 0 ||
		    strcmp(out, cases[i].want) != 0) {
			printf("test-notice: %s: got %s, want %s\n",
			    cases[i].in, rc == 0 ? out : "(rejected)",
			    cases[i].want != NULL ? cases[i].want :
			    "(rejected)");
			fail++;
		}
	}
	notice_init();
	notice_cleanup();
	notice_cleanup();	/* twice, or without init: no harm */
	notice_clear(NULL);
	printf("test-notice: %d passed, %d failed\n", n - fail, fail);
	return fail != 0;
}
