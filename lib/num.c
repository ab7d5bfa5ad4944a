/* num: exact parsing of Arabic and Chinese numerals. */
#define _GNU_SOURCE	/* memmem */
#include <stdint.h>
#include <string.h>

#include "num.h"
#include "utf8.h"
#include "util.h"

/* Value of a Chinese digit, or -1. */
static int
cndigit(uint32_t c)
{
	switch (c) {
	case 0x96f6: case 0x3007: return 0;	/* 零 〇 */
	case 0x4e00: return 1;			/* 一 */
	case 0x4e8c: case 0x4e24: return 2;	/* 二 两 */
	case 0x4e09: return 3;			/* 三 */
	case 0x56db: return 4;			/* 四 */
	case 0x4e94: return 5;			/* 五 */
	case 0x516d: return 6;			/* 六 */
	case 0x4e03: return 7;			/* 七 */
	case 0x516b: return 8;			/* 八 */
	case 0x4e5d: return 9;			/* 九 */
	}
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	return -1;
}

/* Value of a Chinese power word, or 0. */
static uint64_t
cnpower(uint32_t c)
{
	switch (c) {
	case 0x5341: return 10;			/* 十 */
	case 0x767e: return 100;		/* 百 */
	case 0x5343: return 1000;		/* 千 */
	case 0x4e07: case 0x842c: return 10000;	/* 万 萬 */
	case 0x4ebf: case 0x5104: return 100000000;	/* 亿 億 */
	}
	return 0;
}

/* Append digits of an integer. */
static void
add_u64(struct buf *out, uint64_t v)
{
	char tmp[24];
	int i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	buf_add(out, tmp + i, sizeof(tmp) - (size_t)i);
}

/* Append an ASCII decimal with leading/trailing zeros removed. */
static int
parse_arabic(const char *s, size_t n, struct buf *out)
{
	size_t i, ip = 0, fs = 0, fe = 0, start;
	int dot = 0, digits = 0;

	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] == '.' && !dot && digits > 0 && i + 1 < n)
			dot = 1;
		else if (s[i] != ',' || dot || digits == 0)
			return -1;
	}
	if (digits == 0)
		return -1;
	start = out->len;
	for (i = 0; i < n && s[i] != '.'; i++) {
		if (s[i] == ',')
			continue;
		if (s[i] == '0' && ip == 0)
			continue;
		buf_addc(out, s[i]);
		ip++;
	}
	if (ip == 0)
		buf_addc(out, '0');
	if (i < n) {
		fs = i + 1;
		fe = n;
		while (fe > fs && s[fe - 1] == '0')
			fe--;
		if (fe > fs) {
			buf_addc(out, '.');
			buf_add(out, s + fs, fe - fs);
		}
	}
	(void)start;
	return 0;
}

/*
 * Append the fraction digits u[0..n) after 点 (零 to 九, one a place) to
 * out as ".DDD" without trailing zeros; nothing for zeros only.  Returns
 * 0, or -1 (out as it was) for anything else in u.
 */
static int
cn_fraction(const unsigned char *u, size_t n, struct buf *out)
{
	size_t i = 0, len, frac = out->len;
	uint32_t c;
	int d;

	buf_addc(out, '.');
	while (i < n) {
		len = utf8_decode(u + i, n - i, &c);
		d = len ? cndigit(c) : -1;
		if (d < 0) {
			out->len = frac;
			return -1;
		}
		buf_addc(out, '0' + d);
		i += len;
	}
	while (out->len > frac && (out->data[out->len - 1] == '0'))
		out->len--;
	if (out->len == frac + 1)
		out->len = frac;
	out->data[out->len] = '\0';
	return 0;
}

static int
parse_chinese(const char *s, size_t n, struct buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t total = 0, section = 0, digit = 0, p;
	size_t i = 0, len;
	uint32_t c;
	int d, seen = 0, pending = 0;

	while (i < n) {
		len = utf8_decode(u + i, n - i, &c);
		if (len == 0)
			return -1;
		if (c == 0x70b9)		/* 点: fraction follows */
			break;
		d = cndigit(c);
		p = cnpower(c);
		if (d >= 0) {
			digit = (uint64_t)d;
			pending = 1;
		} else if (p >= 10000) {
			if (!seen)
				return -1;
			if (p == 10000)
				total += (section + digit) * p;
			else
				total = (total + section + digit) * p;
			section = digit = 0;
			pending = 0;
		} else if (p > 0) {
			section += (pending || digit ? digit : 1) * p;
			digit = 0;
			pending = 0;
		} else
			return -1;
		if (total > UINT64_MAX / 10000 || section > UINT64_MAX / 10000)
			return -1;
		seen = 1;
		i += len;
	}
	if (!seen)
		return -1;
	add_u64(out, total + section + digit);
	return i < n ? cn_fraction(u + i + 3, n - i - 3, out) : 0;	/* 点 */
}

int
num_parse(const char *s, size_t n, struct buf *out)
{
	size_t save = out->len;

	if (n == 0)
		return -1;
	if ((s[0] >= '0' && s[0] <= '9') && parse_arabic(s, n, out) == 0)
		return 0;
	out->len = save;
	if (parse_chinese(s, n, out) == 0)
		return 0;
	out->len = save;
	if (out->data != NULL)
		out->data[save] = '\0';
	return -1;
}

int
num_doubling(const char *s, size_t n, struct buf *out)
{
	struct buf b = {0};
	uint64_t k, i, v = 1;
	int rc = -1;

	/* 翻 (3 bytes) N 番 (3 bytes) */
	if (n < 7 || memcmp(s, "\xe7\xbf\xbb", 3) != 0 ||
	    memcmp(s + n - 3, "\xe7\x95\xaa", 3) != 0)
		return -1;
	if (num_parse(s + 3, n - 6, &b) == 0 && strchr(b.data, '.') == NULL &&
	    b.len <= 2) {
		k = 0;
		for (i = 0; i < b.len; i++)
			k = k * 10 + (uint64_t)(b.data[i] - '0');
		if (k >= 1 && k <= 20) {
			for (i = 0; i < k; i++)
				v *= 2;
			add_u64(out, v);
			rc = 0;
		}
	}
	buf_free(&b);
	return rc;
}

/* A whole number s[0..n) up to 10^9 into *v, or -1. */
static int
whole(const char *s, size_t n, uint64_t *v)
{
	struct buf b = {0};
	size_t i;
	int rc = -1;

	if (num_parse(s, n, &b) == 0 && strchr(b.data, '.') == NULL &&
	    b.len <= 9) {
		for (*v = 0, i = 0; i < b.len; i++)
			*v = *v * 10 + (uint64_t)(b.data[i] - '0');
		rc = 0;
	}
	buf_free(&b);
	return rc;
}

int
num_fraction(const char *s, size_t n, struct buf *out)
{
	const char *p = memmem(s, n, "分之", 6);
	uint64_t x, y, q;
	char frac[5];
	int i;

	if (p == NULL || whole(s, (size_t)(p - s), &x) != 0 || x == 0 ||
	    whole(p + 6, n - (size_t)(p - s) - 6, &y) != 0)
		return -1;
	q = (y * 20000 + x) / (2 * x);		/* Y/X in 1/10000, rounded */
	add_u64(out, q / 10000);
	for (i = 3; i >= 0; i--, q /= 10)
		frac[i] = (char)('0' + q % 10);
	for (i = 4; i > 0 && frac[i - 1] == '0'; i--)
		;
	if (i > 0) {
		buf_addc(out, '.');
		buf_add(out, frac, (size_t)i);
	}
	return 0;
}

int
num_sigdigits(const char *s)
{
	int n = 0, lead = 1;

	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			continue;
		if (*s == '0' && lead)
			continue;
		lead = 0;
		n++;
	}
	return n;
}
