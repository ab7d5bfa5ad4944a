/*
 * test-phrase: indicator shaping (lib/phrase.c) with the built-in rules:
 * lead words stripped, tails trimmed, lists split with a shared head,
 * a table title's measure, and a bare measure taking its subject.
 */
#include <stdio.h>
#include <string.h>

#include "data.h"
#include "extract_int.h"
#include "gazetteer.h"

static int fail, n;

static void
want(const char *what, const char *got, size_t len, const char *exp)
{
	n++;
	if (strlen(exp) != len || memcmp(got, exp, len) != 0) {
		printf("FAIL %s: got \"%.*s\", want \"%s\"\n", what, (int)len,
		    got, exp);
		fail++;
	}
}

static void
strip(struct extractor *x, const char *s, const char *exp)
{
	size_t a = 0, b = strlen(s);

	strip_lead(x, s, &a, b);
	b = trim_tail(s, a, b);
	want("strip", s + a, b - a, exp);
}

int
main(void)
{
	struct ruleset rs = {0};
	struct gazetteer gz = {0};
	struct extractor *x;
	struct buf ind = {0};
	char *items[MAXITEMS];
	const char *l;
	size_t k, m;

	zb_setprog("test-phrase");
	if (ruleset_load(&rs, (const char *)data_rules, data_rules_len,
	    "rules.txt") != 0 || ruleset_compile(&rs) != 0)
		return 1;
	x = extract_new(&rs, &gz, stdout);
	strip(x, "到2025年全省风电装机", "风电装机");
	strip(x, "力争新增城镇就业", "新增城镇就业");
	strip(x, "新建居住建筑全部", "新建居住建筑");
	strip(x, "经济增长预期目标", "经济增长");
	strip(x, "城市新能源公交车辆占比将", "城市新能源公交车辆占比");
	l = "化学需氧量、氨氮重点工程减排量";
	m = split_items(x, l, 0, strlen(l), items, MAXITEMS);
	n++;
	if (m != 2) {
		printf("FAIL split_items: %zu items\n", m);
		fail++;
	} else {
		want("split 1", items[0], strlen(items[0]),
		    "化学需氧量重点工程减排量");
		want("split 2", items[1], strlen(items[1]), "氨氮重点工程减排量");
	}
	for (k = 0; k < m; k++)
		free(items[k]);
	l = "工业固废综合利用率、农膜回收率";
	m = split_items(x, l, 0, strlen(l), items, MAXITEMS);
	if (m == 2)
		want("own measure kept", items[0], strlen(items[0]),
		    "工业固废综合利用率");
	for (k = 0; k < m; k++)
		free(items[k]);
	l = "主要农作物化肥、农药利用率";
	m = split_rates(x, l, strlen(l), items, MAXITEMS);
	n++;
	if (m != 2) {
		printf("FAIL split_rates: %zu items\n", m);
		fail++;
	} else {
		want("rate 1", items[0], strlen(items[0]), "主要农作物化肥利用率");
		want("rate 2", items[1], strlen(items[1]), "主要农作物农药利用率");
	}
	for (k = 0; k < m; k++)
		free(items[k]);
	l = "风电、太阳能发电装机容量";
	want("an amount is not split", "", split_rates(x, l, strlen(l),
	    items, MAXITEMS) == 0 ? 0 : 1, "");
	buf_adds(&ind, "氨氮");
	title_measure(x, "“十四五”各县区主要污染物重点工程减排量目标", &ind);
	want("title measure", ind.data, ind.len, "氨氮重点工程减排量");
	buf_clear(&ind);
	buf_adds(&ind, "能耗强度降低基本目标");
	title_measure(x, "“十四五”各县区能耗强度降低目标", &ind);
	want("a header with a measure keeps it", ind.data, ind.len,
	    "能耗强度降低基本目标");
	buf_clear(&ind);
	buf_adds(&ind, "占比");
	inherit_subject(x, &ind, "天然气消费量");
	want("bare measure", ind.data, ind.len, "天然气占比");
	buf_clear(&ind);
	buf_adds(&ind, "年利用量");
	inherit_subject(x, &ind, "大宗固废年利用量");
	want("repeated tail", ind.data, ind.len, "大宗固废年利用量");
	buf_clear(&ind);
	buf_adds(&ind, "森林覆盖率");
	inherit_subject(x, &ind, "天然气消费量");
	want("a full indicator stays", ind.data, ind.len, "森林覆盖率");
	buf_free(&ind);
	extract_free(x);
	ruleset_free(&rs);
	printf("test-phrase: %d checks, %d failed\n", n, fail);
	return fail != 0;
}
