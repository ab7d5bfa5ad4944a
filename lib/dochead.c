/*
 * dochead: what the first lines of a document say about it: its title,
 * its region (a full name, or a province's short name as a fallback), the
 * five-year plan its title names, and the first full date (the issue
 * date).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"
#include "gazetteer.h"
#include "when.h"

/* Is s[i..] a mark that joins the two ends of a range (2021-2030年)? */
static int
range_mark(const char *s, size_t n, size_t i)
{
	return i < n && (s[i] == '-' || s[i] == '~' ||
	    starts(s + i, n - i, "—") || starts(s + i, n - i, "至") ||
	    starts(s + i, n - i, "到"));
}

/*
 * The one year s[0..n) names: an annual plan's title (福建省2019年植树造林
 * 任务, 2018年政府工作报告), whose 今年 and 全年 it means and whose undated
 * targets take it; or, with ranges set, a stage heading's (第二阶段（2028—
 * 2030年）: its end).  0 when it names none, several, or (without ranges)
 * a range.
 */
int
named_year(const char *s, size_t n, int ranges)
{
	size_t i;
	int y, found = 0;

	for (i = 0; i + 7 <= n; i++) {
		if ((y = year_at(s + i, n - i)) == 0 || (i > 0 &&
		    isdigit_b(s[i - 1])) || !starts(s + i + 4, n - i - 4, "年"))
			continue;
		if ((i > 0 && range_mark(s, n, i - 1)) ||
		    (i >= 3 && range_mark(s, n, i - 3))) {
			if (!ranges)
				return 0;
			found = 0;	/* the end of the range counts */
		} else if (range_mark(s, n, i + 7) && !ranges)
			return 0;
		if (found != 0 && found != y && !range_mark(s, n, i + 7))
			return 0;
		found = y;
	}
	return found;
}

/*
 * The year a title gives the targets that name none: a five-year plan's
 * end (“十四五”: 2025), an annual plan's year, or the end of the period a
 * plan names.
 */
void
title_years(struct extractor *x, const char *s, size_t n)
{
	size_t i;
	int plan;

	for (i = 0; i + 9 <= n; i++)
		if ((plan = when_plan(s + i, n - i)) != 0) {
			x->default_year = plan;
			x->plan_start = plan - 4;
			return;
		}
	if (x->doc_year == 0 && (x->doc_year = named_year(s, n, 0)) != 0)
		x->default_year = x->doc_year;
	else	/* 行动计划(2023—2025年): the period's end */
		x->default_year = named_year(s, n, 1);
}

/* The issue date, YYYY-MM-DD and valid: its year dates what came before. */
void
set_issued(struct extractor *x, const char *date)
{
	set_str(&x->issued, date);
	x->issue_year = atoi(date);
}

/* Does an early line name a kind of document (…实施方案, …工作要点)? */
static int
title_word(const char *s)
{
	static const char *words[] = { "方案", "规划", "通知", "意见", "计划",
	    "要点", "纲要", "措施" };
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(s, words[i]) != NULL)
			return 1;
	return 0;
}

/*
 * Look at an early line for the document's title, region and date.  The
 * line is normalized first, so a traditional (哈爾濱市) or full-width title
 * is read like any other.
 */
void
header_line(struct extractor *x, const char *raw, size_t rawn)
{
	const struct region *r;
	const char *s;
	size_t at, n;
	char date[11];

	if (x->nlines > TITLELINES || rawn == 0)
		return;
	fold_reset(&x->hnt);
	fold_append(&x->hnt, raw, rawn < 4096 ? rawn : 4096, 0);
	s = x->hnt.s.data;
	n = x->hnt.s.len;
	if (n == 0)
		return;
	/* Failing a full name, a province's short name (江苏工作) will do. */
	if (x->region == NULL && x->shortregion == NULL &&
	    (r = gazetteer_find_short(x->gz, s, n, "province")) != NULL)
		x->shortregion = xstrdup(r->name);
	if (rawn > TITLEMAX)
		return;
	if (x->title == NULL && title_word(s))
		x->title = dupn(s, n);
	if (x->region == NULL && (r = gazetteer_find(x->gz, s, n, &at)) !=
	    NULL && (x->title != NULL || strstr(s, "人民政府") ||
	    strstr(s, "方案")))
		x->region = xstrdup(r->name);
	if (x->default_year == 0 && x->title != NULL &&
	    (s == x->title || strstr(x->title, s) != NULL))
		title_years(x, s, n);
	/*
	 * The first full date, 2022年7月22日 or 二〇二二年七月二十二日, is
	 * taken as the issue date, unless the document record gave one.
	 */
	if (x->issued == NULL && when_date_find(s, n, NULL, NULL, date) == 0)
		set_issued(x, date);
}
