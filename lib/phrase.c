/*
 * phrase: the indicator of a match, shaped from the text before its
 * value: lead words and years stripped (strip rules), leading region names
 * taken off, trailing particles trimmed, and a list of indicators split
 * into items that share the last item's measure word (measure rules).
 */
#define _GNU_SOURCE	/* memmem */
#include <stdint.h>
#include <string.h>

#include "extract_int.h"
#include "gazetteer.h"

/* Strip leading words (strip rules) from s[*a..*b). */
void
strip_lead(struct extractor *x, const char *s, size_t *a, size_t b)
{
	struct rule *r;
	size_t i, ms, me;
	int changed;

	do {
		changed = 0;
		for (i = 0; i < x->strips.n && *a < b; i++) {
			r = x->strips.v[i];
			if (rule_match(r, &x->sm, s + *a, b - *a, 0) != 1)
				continue;
			pat_span(&x->sm, &ms, &me);
			if (ms == 0 && me > 0) {
				*a += me;
				changed = 1;
			}
		}
		/* Separators left behind: 、，和 */
		while (*a < b && (starts(s + *a, b - *a, "、") ||
		    starts(s + *a, b - *a, "，") || s[*a] == ',')) {
			*a += s[*a] == ',' ? 1 : 3;
			changed = 1;
		}
	} while (changed);
}

/*
 * Take region names (全名, separated by 、和及与) from the front of
 * s[*a..b); store them in names and return how many.  Names alone
 * (吉林市、四平市分别达到18%和16%) leave an empty indicator: the one
 * before is theirs.
 */
size_t
lead_regions(const struct extractor *x, const char *s, size_t *a,
    size_t b, const char **names)
{
	const struct region *r;
	size_t n = 0, p = *a;

	while (p < b && n < MAXREGIONS) {
		r = gazetteer_prefix(x->gz, s + p, b - p);
		if (r == NULL)
			break;
		names[n++] = r->name;
		p += r->len;
		if (starts(s + p, b - p, "、") || starts(s + p, b - p, "和") ||
		    starts(s + p, b - p, "及") || starts(s + p, b - p, "与"))
			p += 3;
		else
			break;
	}
	*a = p;		/* the indicator, or nothing after the names */
	return n;
}

/*
 * A start year left at the end (城镇污水处理率由2020年的85%提高到95%: the
 * year and value it started from are gone): s[a..b) without 由2020年.
 */
static size_t
trim_from(const char *s, size_t a, size_t b)
{
	size_t k = b, d;

	if (ends(s + a, k - a, "年底") || ends(s + a, k - a, "年末"))
		k -= 3;
	if (!ends(s + a, k - a, "年"))
		return b;
	for (d = k -= 3; d > a && isdigit_b(s[d - 1]); d--)
		;
	if (k - d == 4 && (ends(s + a, d - a, "由") || ends(s + a, d - a, "从")))
		return d - 3;
	return b;
}

/*
 * Trim a trailing "的", "由", "均", "将", separator, or adverb (全部, 全面,
 * 进一步, 稳步), or a start year (由2020年) from an indicator.
 */
size_t
trim_tail(const char *s, size_t a, size_t b)
{
	static const char *tails[] = { "的", "、", "，", "已", "“", "”", "由",
	    "从", "均", "将", "预计" };
	size_t b0, k;

	do {
		b0 = b;
		for (k = 0; k < sizeof(tails) / sizeof(tails[0]); k++)
			if (b > a && ends(s + a, b - a, tails[k]))
				b -= strlen(tails[k]);
		b = trim_from(s, a, b);
	} while (b != b0);
	/* a target's name for itself: 经济增长预期目标为5%左右 */
	while (b - a > 6 && (ends(s + a, b - a, "预期目标") ||
	    ends(s + a, b - a, "目标")))
		b -= ends(s + a, b - a, "预期目标") ? 12 : 6;
	/* adverbs and a verb left before the value: 全部, 全面执行, 稳步 */
	while (b - a > 6 && (ends(s + a, b - a, "全部") ||
	    ends(s + a, b - a, "全面") || ends(s + a, b - a, "执行") ||
	    ends(s + a, b - a, "稳步") || ends(s + a, b - a, "逐步") ||
	    ends(s + a, b - a, "持续") || ends(s + a, b - a, "大幅") ||
	    ends(s + a, b - a, "显著") || ends(s + a, b - a, "明显") ||
	    ends(s + a, b - a, "进一步")))
		b -= ends(s + a, b - a, "进一步") ? 9 : 6;
	return b;
}

/*
 * 单位地区生产总值能源消耗、二氧化碳排放: a later item that consumes or
 * emits, with no base of its own, is per the first item's base too
 * (单位地区生产总值二氧化碳排放); not a total or a share.
 */
static void
share_base(char **items, size_t n)
{
	static const char *bases[] = { "单位地区生产总值", "单位国内生产总值",
	    "单位GDP", "规模以上工业单位增加值", "单位工业增加值",
	    "万元地区生产总值", "万元GDP", "万元工业增加值" };
	static const char *per[] = { "二氧化碳排放", "碳排放", "能耗",
	    "能源消耗", "用水量", "水耗", "电耗", "煤耗" };
	const char *base = NULL;
	size_t i, k, pl;
	struct buf t = {0};

	for (k = 0; k < sizeof(bases) / sizeof(bases[0]) && base == NULL; k++)
		if (strncmp(items[0], bases[k], strlen(bases[k])) == 0)
			base = bases[k];
	for (i = 1; base != NULL && i < n; i++) {
		if (strstr(items[i], "单位") || strstr(items[i], "万元") ||
		    strstr(items[i], "人均") || strstr(items[i], "总量") ||
		    strstr(items[i], "比重") || strstr(items[i], "占比"))
			continue;
		for (k = 0; k < sizeof(per) / sizeof(per[0]); k++) {
			pl = strlen(per[k]);
			if (strncmp(items[i], per[k], pl) == 0)
				break;
		}
		if (k == sizeof(per) / sizeof(per[0]))
			continue;
		buf_adds(&t, base);
		buf_adds(&t, items[i]);
		free(items[i]);
		items[i] = t.data;
		memset(&t, 0, sizeof(t));
	}
}

/*
 * Split an indicator list "A、B、C X" into items sharing the head X of the
 * last item: the measure word found by the measure table (rules kind
 * "measure").  Writes up to max strings into items; returns the count.
 */
size_t
split_items(struct extractor *x, const char *s, size_t a, size_t b,
    char **items, size_t max)
{
	struct rule *r;
	size_t seps[MAXITEMS + 1], n = 0, i, hs = 0, best = SIZE_MAX, ms, me;
	size_t lastlen, k;

	seps[n++] = a;
	for (i = a; i < b && n < MAXITEMS; i++)
		if (starts(s + i, b - i, "、") || starts(s + i, b - i, "和") ||
		    starts(s + i, b - i, "及") || starts(s + i, b - i, "与")) {
			seps[n++] = i + 3;
			i += 2;
		}
	if (n < 2 || n > max)
		return 0;
	/* Shared head: earliest measure word inside the last item. */
	lastlen = b - seps[n - 1];
	for (k = 0; k < x->measures.n; k++) {
		r = x->measures.v[k];
		if (rule_match(r, &x->sm, s + seps[n - 1], lastlen, 0) == 1) {
			pat_span(&x->sm, &ms, &me);
			if (ms > 0 && ms < best)
				best = ms;
		}
	}
	if (best != SIZE_MAX)
		hs = seps[n - 1] + best;
	for (i = 0; i < n; i++) {
		size_t is = seps[i], ie = i + 1 < n ? seps[i + 1] - 3 : b;
		struct buf t = {0};

		/*
		 * 单位建筑面积能耗和人均综合能耗, 综合利用率、回收率: an item
		 * with the head, or a measure word of its own, keeps its own.
		 */
		if (hs != 0 && i + 1 < n && !(ie - is >= b - hs &&
		    memcmp(s + ie - (b - hs), s + hs, b - hs) == 0) &&
		    measure_at(x, s + is, ie - is) == ie - is) {
			buf_add(&t, s + is, ie - is);
			buf_add(&t, s + hs, b - hs);
		} else
			buf_add(&t, s + is, ie - is);
		items[i] = t.data != NULL ? t.data : xstrdup("");
	}
	share_base(items, n);
	return n;
}

/*
 * Offset of the earliest measure word (measure rules) in s[0..n), or n
 * when there is none.
 */
size_t
measure_at(struct extractor *x, const char *s, size_t n)
{
	size_t k, ms, me, best = n;

	for (k = 0; k < x->measures.n; k++)
		if (rule_match(x->measures.v[k], &x->sm, s, n, 0) == 1) {
			pat_span(&x->sm, &ms, &me);
			if (ms < best)
				best = ms;
		}
	return best;
}

/*
 * A column header naming only what is measured (化学需氧量) takes the
 * measure the table's title names (…主要污染物重点工程减排量目标): the
 * title from its earliest measure word on, less a trailing 目标, 任务,
 * 分解表 or 一览表.  Appends it to ind (a header naming only a year is
 * empty); nothing when the header holds a measure word itself or the
 * title none.
 */
/*
 * Where a table's title names what it counts, past its number, scope and
 * period: 表3 各县（市、区）“十四五”新增造林任务 gives 新增造林任务.
 */
static size_t
title_start(struct extractor *x, const char *t, size_t n)
{
	const char *e;
	size_t a = 0, k;

	if (starts(t, n, "附表"))
		a = 6;
	else if (starts(t, n, "表"))
		a = 3;
	while (a < n && (isdigit_b(t[a]) || strchr(" -.、：:", t[a]) != NULL))
		a++;
	/* 各市（州）, 各县（市、区）: every region, not a name */
	if (starts(t + a, n - a, "各")) {
		for (k = a + 3; k < n && k <= a + 12 &&
		    !starts(t + k, n - k, "（"); k += 3)
			;
		if (k < n && starts(t + k, n - k, "（") &&
		    (e = strstr(t + k, "）")) != NULL)
			a = (size_t)(e - t) + 3;
	}
	strip_lead(x, t, &a, n);
	return a < n ? a : 0;
}

void
title_measure(struct extractor *x, const char *title, struct buf *ind)
{
	static const char *tails[] = { "目标", "任务", "分解表", "一览表",
	    "指标", "表" };
	size_t n, a, k;
	int changed;

	if (title == NULL || (ind->len > 0 &&
	    measure_at(x, ind->data, ind->len) < ind->len))
		return;
	n = strlen(title);
	if ((a = measure_at(x, title, n)) == n) {
		if (ind->len > 0)
			return;
		a = title_start(x, title, n);	/* the column is a year */
	}
	do {
		changed = 0;
		for (k = 0; k < sizeof(tails) / sizeof(tails[0]); k++)
			if (n - a > strlen(tails[k]) &&
			    ends(title + a, n - a, tails[k])) {
				n -= strlen(tails[k]);
				changed = 1;
			}
	} while (changed);
	buf_add(ind, title + a, n - a);
}

/* Does s[0..n) hold a byte of set? */
static int
strpbrk_n(const char *s, size_t n, const char *set)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strchr(set, s[i]) != NULL && s[i] != '\0')
			return 1;
	return 0;
}

/*
 * An indicator that names only a measure, or repeats the tail of the one
 * before it, takes that one's subject: 天然气消费量提升至3亿立方米，占比
 * 提升至4.13% (天然气占比); 大宗固废年利用量达到6800万吨，…年利用量达到
 * 7400万吨 (大宗固废年利用量); 其他地区 takes the measure itself, and a
 * share (占一次能源消费比重) is prev's.  prev is the paragraph's last
 * indicator.
 */
void
inherit_subject(struct extractor *x, struct buf *ind, const char *prev)
{
	const char *p;
	size_t n = ind->len, pn, at;
	struct buf b = {0};

	if (prev != NULL && starts(ind->data, n, "占") &&
	    !starts(ind->data, n, "占比") && n > 3 &&
	    !starts(prev, strlen(prev), "占")) {
		/* 占全部装机比重 after 风电装机容量: that one's share */
		buf_add(&b, prev, strlen(prev));
		buf_add(&b, ind->data, n);
		buf_clear(ind);
		buf_add(ind, b.data, b.len);
		buf_free(&b);
		return;
	}
	if (prev == NULL || n < 6 || n > 18 || memmem(ind->data, n, "、", 3) ||
	    (pn = strlen(prev)) <= n)
		return;
	if (starts(ind->data, n, "其他") || starts(ind->data, n, "其余") ||
	    starts(ind->data, n, "其它")) {
		/* …快充站覆盖率不低于80%、其他地区不低于60%: the measure */
		for (at = 0, p = prev; (p = memmem(p, pn - (size_t)(p - prev),
		    "的", 3)) != NULL; p += 3)
			at = (size_t)(p - prev) + 3;
		buf_clear(ind);
		buf_adds(ind, prev + at);
		return;
	}
	/* 年利用量 inside 大宗固废年利用量: what comes before it */
	p = memmem(prev, pn, ind->data, 6);
	if (p != NULL && p > prev && ((unsigned char)*p & 0xc0) != 0x80)
		at = (size_t)(p - prev);
	else if (measure_at(x, ind->data, n) == 0 &&
	    (at = measure_at(x, prev, pn)) < pn && at > 0)
		;	/* 占比 after 天然气消费量: the subject before its measure */
	else
		return;
	/* not a year or a figure: 长沙2022年预计 is no subject */
	if (at + n > 3 * 24 || strpbrk_n(prev, at, "0123456789"))
		return;
	buf_add(&b, prev, at);
	buf_add(&b, ind->data, n);
	buf_clear(ind);
	buf_add(ind, b.data, b.len);
	buf_free(&b);
}

/*
 * A part (其中 地级以上城市达到40%) naming no measure of its own measures
 * what the paragraph's last indicator prev does: 地级以上城市 after 城市生活
 * 垃圾回收利用率 is 地级以上城市生活垃圾回收利用率 (where the part ends
 * as prev begins, once).
 */
void
part_subject(struct extractor *x, struct buf *ind, const char *prev)
{
	size_t n = ind->len, pn, k;

	if (prev == NULL || n == 0 || measure_at(x, ind->data, n) < n)
		return;
	pn = strlen(prev);
	/* the longest head of prev ending the part, cut at a character */
	for (k = n < pn ? n : pn; k > 0; k--)
		if ((k == pn || ((unsigned char)prev[k] & 0xc0) != 0x80) &&
		    memcmp(ind->data + n - k, prev, k) == 0)
			break;
	buf_adds(ind, prev + k);
}

/*
 * One rate of several short things sharing a modifier: 主要农作物化肥、
 * 农药利用率 is 主要农作物化肥利用率 and 主要农作物农药利用率 (where 风电、
 * 太阳能发电装机容量 stays one amount, and long scopes stay one rate).
 * The last item is a short noun and a rate (a measure word ending in 率);
 * each other item ends with a noun as long as the last one's, the first
 * item's front being the shared modifier.  Writes the items (free()
 * them) and returns how many, or 0.
 */
size_t
split_rates(struct extractor *x, const char *s, size_t n, char **items,
    size_t max)
{
	size_t seps[MAXITEMS + 1], k = 0, i, own, head, pre, is, ie;
	struct buf t;

	seps[k++] = 0;
	for (i = 0; i < n && k <= MAXITEMS; i++)
		if (starts(s + i, n - i, "、")) {
			seps[k++] = i + 3;
			i += 2;
		}
	if (k < 2 || k > max || !ends(s, n, "率"))
		return 0;
	head = seps[k - 1] + measure_at(x, s + seps[k - 1], n - seps[k - 1]);
	own = head - seps[k - 1];
	if (head >= n || own == 0 || own > 9)
		return 0;
	for (i = 1; i + 1 < k; i++)
		if (seps[i + 1] - 3 - seps[i] != own)
			return 0;
	/* the first item names a thing, not a measure of its own */
	if (seps[1] - 3 < own || measure_at(x, s, seps[1] - 3) < seps[1] - 3)
		return 0;
	pre = seps[1] - 3 - own;
	for (i = 0; i < k; i++) {
		is = i == 0 ? pre : seps[i];
		ie = i + 1 < k ? seps[i + 1] - 3 : head;
		memset(&t, 0, sizeof(t));
		buf_add(&t, s, pre);
		buf_add(&t, s + is, ie - is);
		buf_add(&t, s + head, n - head);
		items[i] = t.data;
	}
	return k;
}
