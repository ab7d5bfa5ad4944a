/*
 * when: years, five-year plans and dates as policy texts write them, with
 * Arabic or Chinese numerals: 2025年, 十四五, 二〇二二年七月二十二日,
 * 2022-07-22.  One grammar for every module that reads them.
 *
 * Pure functions over byte strings (UTF-8, not necessarily NUL-terminated);
 * nothing is allocated, results go to caller-owned storage.  A date is
 * valid only as a real calendar day (Gregorian leap years) of a year in
 * WHEN_MIN..WHEN_MAX: 2202年 and 2月30日 are not dates.
 */
#ifndef WHEN_H
#define WHEN_H

#include <stddef.h>

#define WHEN_MIN	1949
#define WHEN_MAX	2199

/*
 * A number written in Arabic digits or Chinese numerals, as years, months
 * and days are: 2022, 二〇二二, 七, 十二, 二十二, 三十一.  Returns its value,
 * or -1 when s[0..n) has any other character.
 */
int	when_number(const char *s, size_t n);

/*
 * The last year of the five-year plan written 十N五 (N 一..九) at the start
 * of s[0..n): 十三五 2020, 十四五 2025, 十五五 2030.  Returns 0 when s does
 * not start with one.  Its first year (“十三五”初期) is four years before.
 */
int	when_plan(const char *s, size_t n);

/*
 * The first five-year plan named anywhere in s[0..n): its last year, and
 * its byte offset in *at (when at is not NULL); 0 when there is none.
 */
int	when_plan_find(const char *s, size_t n, size_t *at);

/*
 * A year written alone: 2025, 2025年, 二〇二五, 二〇二五年.  Returns it,
 * or -1 when s[0..n) is not one or lies outside WHEN_MIN..WHEN_MAX.
 */
int	when_year(const char *s, size_t n);

/* Is y-m-d a real calendar day in WHEN_MIN..WHEN_MAX? */
int	when_valid(int y, int m, int d);

/*
 * A date written alone (2022年7月22日, 二〇二二年七月二十二日, 2022-07-22,
 * 2022.7.22, 2022/7/22; spaces around the parts allowed) as YYYY-MM-DD in
 * out (11 bytes).  Returns 0, or -1 when s[0..n) is not a valid date.
 */
int	when_date(const char *s, size_t n, char *out);

/*
 * The first valid date Y年M月D日 in s[0..n), in either numerals, as
 * YYYY-MM-DD in out (11 bytes), its byte offset and length in *at and
 * *len (either may be NULL).  Returns 0, or -1 when there is none.
 */
int	when_date_find(const char *s, size_t n, size_t *at, size_t *len,
	    char *out);

#endif
