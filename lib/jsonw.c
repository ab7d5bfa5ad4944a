/* jsonw: JSON text as Jansson prints it, without a tree. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "jsonw.h"
#include "utf8.h"

int
jsonw_str(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run, len;
	uint32_t c;
	char esc[6];

	buf_addc(b, '"');
	while (i < n) {
		/* a run of bytes printed as they are */
		for (run = i; run < n && u[run] >= 0x20 && u[run] < 0x80 &&
		    u[run] != '"' && u[run] != '\\'; run++)
			;
		if (run > i)
			buf_add(b, s + i, run - i);
		i = run;
		if (i == n)
			break;
		if (u[i] >= 0x80) {
			len = utf8_decode(u + i, n - i, &c);
			if (len == 0)
				return -1;
			buf_add(b, s + i, len);
			i += len;
			continue;
		}
		esc[0] = '\\';
		switch (u[i]) {
		case '"': case '\\': esc[1] = (char)u[i]; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[u[i] >> 4];
			esc[5] = hex[u[i] & 15];
			buf_add(b, esc, 6);
			i++;
			continue;
		}
		buf_add(b, esc, 2);
		i++;
	}
	buf_addc(b, '"');
	return 0;
}

int
jsonw_cstr(struct buf *b, const char *s)
{
	if (s == NULL) {
		buf_add(b, "null", 4);
		return 0;
	}
	return jsonw_str(b, s, strlen(s));
}

/* "%lld" by hand: snprintf showed in zb-norm's profile. */
void
jsonw_int(struct buf *b, long long v)
{
	char t[24], *p = t + sizeof(t);
	unsigned long long u;

	u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(t + sizeof(t) - p));
}

/*
 * Jansson's jsonp_dtostr: %.15g, ".0" added when neither a point nor an
 * exponent shows, and the exponent without a plus sign or leading zeros.
 */
int
jsonw_real(struct buf *b, double v)
{
	char t[64], *e, *d;
	size_t len;

	if (!isfinite(v))
		return -1;
	len = (size_t)snprintf(t, sizeof(t), "%.15g", v);
	if (strchr(t, '.') == NULL && strchr(t, 'e') == NULL) {
		memcpy(t + len, ".0", 3);
		len += 2;
	}
	if ((e = strchr(t, 'e')) != NULL) {
		e++;
		d = e + 1;
		if (*e == '-')
			e++;
		while (*d == '0')
			d++;
		if (d != e) {
			memmove(e, d, len - (size_t)(d - t) + 1);
			len -= (size_t)(d - e);
		}
	}
	buf_add(b, t, len);
	return 0;
}
