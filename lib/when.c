/* when: years, five-year plans and dates, in Arabic or Chinese numerals. */
#include <stdio.h>
#include <string.h>

#include "when.h"

/* The Chinese digits, each three bytes of UTF-8; 零 is another 〇. */
static const char *const cndigits[] = { "〇", "一", "二", "三", "四",
    "五", "六", "七", "八", "九", "零" };

static int
starts(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);

	return n >= k && memcmp(s, p, k) == 0;
}

/* The Chinese digit at the start of s[0..n) (0-9), or -1. */
static int
cndigit(const char *s, size_t n)
{
	int d;

	for (d = 0; d < 11; d++)
		if (starts(s, n, cndigits[d]))
			return d % 10;
	return -1;
}

int
when_number(const char *s, size_t n)
{
	int v = 0, d, tens = 0, any = 0;
	size_t i = 0;

	while (i < n) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (v > 100000)
				return -1;
			v = v * 10 + (s[i++] - '0');
			any = 1;
			continue;
		}
		if (starts(s + i, n - i, "十")) {
			tens = (any ? v : 1) * 10;
			v = 0;
			any = 0;
			i += 3;
			continue;
		}
		if ((d = cndigit(s + i, n - i)) < 0 || v > 100000)
			return -1;
		v = v * 10 + d;
		any = 1;
		i += 3;
	}
	return tens + v;
}

int
when_plan(const char *s, size_t n)
{
	int d;

	if (!starts(s, n, "十") || n < 9 || (d = cndigit(s + 3, n - 3)) < 1 ||
	    !starts(s + 6, n - 6, "五"))
		return 0;
	/* the 3rd plan ended in 1970, each later one five years on */
	return 1955 + 5 * (10 + d);
}

int
when_plan_find(const char *s, size_t n, size_t *at)
{
	size_t i;
	int y;

	for (i = 0; i + 9 <= n; i++)
		if ((y = when_plan(s + i, n - i)) != 0) {
			if (at != NULL)
				*at = i;
			return y;
		}
	return 0;
}

int
when_year(const char *s, size_t n)
{
	size_t i, k;
	int y;

	if (n >= 3 && memcmp(s + n - 3, "年", 3) == 0)
		n -= 3;
	/* four digits of one kind: 2025 or 二〇二五, never 二千零二十五 */
	for (i = k = 0; i < n; k++)
		if (s[i] >= '0' && s[i] <= '9')
			i++;
		else if (cndigit(s + i, n - i) >= 0)
			i += 3;
		else
			return -1;
	if (k != 4)
		return -1;
	y = when_number(s, n);
	return y >= WHEN_MIN && y <= WHEN_MAX ? y : -1;
}

int
when_valid(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap;

	if (y < WHEN_MIN || y > WHEN_MAX || m < 1 || m > 12 || d < 1)
		return 0;
	leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
	return d <= days[m - 1] + (m == 2 && leap);
}

/*
 * Split s[0..n) at 年 月 日 - . / into three parts, blanks around them
 * dropped: start[] and len[].  Returns how many parts there are (<= 3).
 */
static int
split(const char *s, size_t n, size_t start[3], size_t len[3])
{
	static const char *const seps[] = { "年", "月", "日", "-", ".", "/" };
	size_t i = 0;
	int part = 0, j, sep;

	while (i < n && part < 3) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		start[part] = i;
		for (sep = -1; i < n && sep < 0; ) {
			for (j = 0; j < 6 && sep < 0; j++)
				if (starts(s + i, n - i, seps[j]))
					sep = j;
			if (sep < 0)
				i++;
		}
		len[part] = i - start[part];
		while (len[part] > 0 && s[start[part] + len[part] - 1] == ' ')
			len[part]--;
		part++;
		if (sep >= 0)
			i += strlen(seps[sep]);
	}
	return part;
}

int
when_date(const char *s, size_t n, char *out)
{
	size_t start[3], len[3];
	int y, m, d;

	if (split(s, n, start, len) < 3)
		return -1;
	y = when_number(s + start[0], len[0]);
	m = when_number(s + start[1], len[1]);
	d = when_number(s + start[2], len[2]);
	if (!when_valid(y, m, d))
		return -1;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return 0;
}

/*
 * Length of the numeral at the start of s[0..n) followed by mark: at most
 * max characters, Arabic digits or Chinese numerals (十 included); 0 when
 * there is none or mark does not follow.
 */
static size_t
numeral_then(const char *s, size_t n, size_t max, const char *mark)
{
	size_t i = 0, k;

	for (k = 0; k < max && i < n; k++)
		if (s[i] >= '0' && s[i] <= '9')
			i++;
		else if (cndigit(s + i, n - i) >= 0 ||
		    starts(s + i, n - i, "十"))
			i += 3;
		else
			break;
	if (i == 0 || !starts(s + i, n - i, mark))
		return 0;
	return i + strlen(mark);
}

int
when_date_find(const char *s, size_t n, size_t *at, size_t *len,
    char *out)
{
	size_t i, a, b, c;

	for (i = 0; i < n; i++) {
		/* a year starts where no digit precedes it */
		if (i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') ||
		    (i >= 3 && cndigit(s + i - 3, 3) >= 0)))
			continue;
		if ((a = numeral_then(s + i, n - i, 4, "年")) == 0 ||
		    (b = numeral_then(s + i + a, n - i - a, 3, "月")) == 0 ||
		    (c = numeral_then(s + i + a + b, n - i - a - b, 3,
		    "日")) == 0)
			continue;
		if (when_year(s + i, a) < 0 ||
		    when_date(s + i, a + b + c, out) < 0)
			continue;
		if (at != NULL)
			*at = i;
		if (len != NULL)
			*len = a + b + c;
		return 0;
	}
	return -1;
}
