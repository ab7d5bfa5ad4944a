/*
 * test-notice: the metadata notice_find() reads from a notice's text
 * (lib/notice.c); the dates themselves are test-when's.
 */
#include <stdio.h>
#include <string.h>

#include "notice.h"
#include "util.h"

static const struct {
	const char	*text;
	const char	*docno, *issuer, *issued;	/* NULL: none */
} cases[] = {
	{ "发文字号：吉政发〔2022〕11号\n成文日期：2022年7月22日\n",
	  "吉政发〔2022〕11号", NULL, "2022-07-22" },
	{ "正文。\n\n吉林省人民政府\n二〇二二年七月二十二日\n",
	  NULL, "吉林省人民政府", "2022-07-22" },
	{ "成文日期：2022-07-22\n", NULL, NULL, "2022-07-22" },
	{ "成文日期：2022年2月30日\n发布日期：2022/3/1\n", NULL, NULL,
	  "2022-03-01" },
	{ "吉林省人民政府\n2202年1月1日\n", NULL, "吉林省人民政府", NULL },
	{ "no metadata at all", NULL, NULL, NULL },
};

static int
same(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

int
main(void)
{
	struct notice m;
	size_t i;
	int fail = 0, n = 0;

	zb_setprog("test-notice");
	notice_init();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++, n++) {
		memset(&m, 0, sizeof(m));
		notice_find(cases[i].text, strlen(cases[i].text), &m);
		if (!same(m.doc_number, cases[i].docno) ||
		    !same(m.issuer, cases[i].issuer) ||
		    !same(m.issued, cases[i].issued)) {
			printf("test-notice: case %zu: got %s | %s | %s\n", i,
			    m.doc_number ? m.doc_number : "-",
			    m.issuer ? m.issuer : "-",
			    m.issued ? m.issued : "-");
			fail++;
		}
		notice_clear(&m);
	}
	notice_cleanup();
	notice_cleanup();	/* twice, or without init: no harm */
	notice_clear(NULL);
	printf("test-notice: %d passed, %d failed\n", n - fail, fail);
	return fail != 0;
}
