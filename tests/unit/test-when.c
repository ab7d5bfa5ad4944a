/* test-when: years, five-year plans and dates (lib/when.c). */
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "when.h"

static int fail, n;

static const struct {
	const char	*in;
	const char	*want;	/* NULL: must be rejected */
} dates[] = {
	{ "2022年7月22日", "2022-07-22" },
	{ "二〇二二年七月二十二日", "2022-07-22" },
	{ "二〇二二年十月三十一日", "2022-10-31" },
	{ "二零二二年十二月十日", "2022-12-10" },
	{ "2022 年 7 月 22 日", "2022-07-22" },
	{ "2022-07-22", "2022-07-22" },
	{ "2022.7.2", "2022-07-02" },
	{ "2022/1/31", "2022-01-31" },
	{ "2022年2月28日", "2022-02-28" },
	{ "2022年2月29日", NULL },
	{ "2022年2月30日", NULL },
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
	{ "2023年1月32日", NULL },
	{ "1900年1月1日", NULL },
	{ "2202年1月1日", NULL },
	{ "二二〇二年一月一日", NULL },
	{ "2022年7月", NULL },
	{ "2022年x月1日", NULL },
	{ "99999999999年1月1日", NULL },
};

static const struct {
	const char	*in;
	int		 want;	/* -1: not a year */
} years[] = {
	{ "2025", 2025 }, { "2025年", 2025 }, { "二〇二五", 2025 },
	{ "二〇二五年", 2025 }, { "二零二五年", 2025 }, { "1949", 1949 },
	{ "2199年", 2199 }, { "1948", -1 }, { "2202年", -1 },
	{ "202", -1 }, { "20250", -1 }, { "二千零二十五", -1 },
	{ "2025年底", -1 }, { "", -1 }, { "年", -1 },
};

static const struct {
	const char	*in;
	int		 want;	/* 0: no plan */
} plans[] = {
	{ "十一五", 2010 }, { "十二五", 2015 }, { "十三五", 2020 },
	{ "十四五", 2025 }, { "十五五", 2030 }, { "十六五", 2035 },
	{ "“十四五”期间", 2025 }, { "十四届", 0 }, { "十五", 0 },
	{ "二十五", 0 }, { "十〇五", 0 },
};

static const struct {
	const char	*in;
	const char	*want;	/* NULL: none */
	size_t		 at, len;
} finds[] = {
	{ "吉林省人民政府\n二〇二二年七月二十二日\n", "2022-07-22", 22, 33 },
	{ "于2022年7月22日印发", "2022-07-22", 3, 16 },
	{ "12022年7月22日，2023年1月1日", "2023-01-01", 20, 15 },
	{ "2022年2月30日；2022年3月1日", "2022-03-01", 19, 15 },
	{ "到2025年，比2020年下降", NULL, 0, 0 },
	{ "二〇二二年七月", NULL, 0, 0 },
};

static void
check_int(const char *what, const char *in, int got, int want)
{
	n++;
	if (got == want)
		return;
	printf("test-when: %s \"%s\": got %d, want %d\n", what, in, got, want);
	fail++;
}

static void
test_dates(void)
{
	char out[16];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++, n++) {
		rc = when_date(dates[i].in, strlen(dates[i].in), out);
		if (dates[i].want == NULL ? rc == 0 : rc != 0 ||
		    strcmp(out, dates[i].want) != 0) {
			printf("test-when: date \"%s\": got %s, want %s\n",
			    dates[i].in, rc == 0 ? out : "(rejected)",
			    dates[i].want != NULL ? dates[i].want :
			    "(rejected)");
			fail++;
		}
	}
}

static void
test_finds(void)
{
	char out[16];
	size_t i, at, len;
	int rc;

	for (i = 0; i < sizeof(finds) / sizeof(finds[0]); i++, n++) {
		at = len = 0;
		rc = when_date_find(finds[i].in, strlen(finds[i].in), &at,
		    &len, out);
		if (finds[i].want == NULL ? rc == 0 : rc != 0 ||
		    strcmp(out, finds[i].want) != 0 || at != finds[i].at ||
		    len != finds[i].len) {
			printf("test-when: find in \"%s\": got %s at %zu+%zu,"
			    " want %s at %zu+%zu\n", finds[i].in,
			    rc == 0 ? out : "(none)", at, len,
			    finds[i].want ? finds[i].want : "(none)",
			    finds[i].at, finds[i].len);
			fail++;
		}
	}
}

int
main(void)
{
	const char *s;
	size_t i, at = 0;

	zb_setprog("test-when");
	test_dates();
	test_finds();
	for (i = 0; i < sizeof(years) / sizeof(years[0]); i++)
		check_int("year", years[i].in, when_year(years[i].in,
		    strlen(years[i].in)), years[i].want);
	for (i = 0; i < sizeof(plans) / sizeof(plans[0]); i++)
		check_int("plan", plans[i].in, when_plan_find(plans[i].in,
		    strlen(plans[i].in), NULL), plans[i].want);
	s = "“十四五”期间";
	check_int("plan at", s, when_plan(s, strlen(s)), 0);
	when_plan_find(s, strlen(s), &at);
	check_int("plan offset", s, (int)at, 3);
	check_int("number", "二十二", when_number("二十二", 9), 22);
	check_int("number", "十", when_number("十", 3), 10);
	check_int("number", "三十一", when_number("三十一", 9), 31);
	check_int("number", "x", when_number("x", 1), -1);
	check_int("valid", "2024-02-29", when_valid(2024, 2, 29), 1);
	check_int("valid", "2023-02-29", when_valid(2023, 2, 29), 0);
	printf("test-when: %d passed, %d failed\n", n - fail, fail);
	return fail != 0;
}
