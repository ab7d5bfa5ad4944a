/* charset: encoding of a fetched body, and conversion to UTF-8. */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <uchardet/uchardet.h>

#include "charset.h"
#include "utf8.h"
#include "util.h"

#define PRESCAN		8192	/* bytes searched for <meta charset> */

/* Labels that name the same encoding under another name. */
static const struct {
	const char	*label;
	const char	*name;
} aliases[] = {
	{ "gbk", "GB18030" }, { "gb2312", "GB18030" },
	{ "gb_2312", "GB18030" }, { "gb_2312-80", "GB18030" },
	{ "x-gbk", "GB18030" }, { "cp936", "GB18030" },
	{ "euc-cn", "GB18030" }, { "csgb2312", "GB18030" },
	{ "gb18030", "GB18030" }, { "utf8", "UTF-8" }, { "utf-8", "UTF-8" },
	{ "unicode-1-1-utf-8", "UTF-8" }, { "ascii", "UTF-8" },
	{ "us-ascii", "UTF-8" }, { "iso-8859-1", "WINDOWS-1252" },
	{ "latin1", "WINDOWS-1252" }, { "big5", "BIG5-HKSCS" },
	{ "utf-16", "UTF-16LE" }
};

int
charset_canon(const char *label, size_t len, char *name)
{
	char low[CHARSET_MAX];
	size_t i;
	iconv_t cd;

	while (len > 0 && strchr(" \t\"'", *label) != NULL)
		label++, len--;
	while (len > 0 && strchr(" \t\"';", label[len - 1]) != NULL)
		len--;
	if (len == 0 || len >= CHARSET_MAX)
		return -1;
	for (i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)label[i]);
	low[len] = '\0';
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(low, aliases[i].label) == 0) {
			strcpy(name, aliases[i].name);
			return 0;
		}
	for (i = 0; i < len; i++)
		name[i] = (char)toupper((unsigned char)low[i]);
	name[len] = '\0';
	cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return -1;
	iconv_close(cd);
	return 0;
}

static int
bom(const unsigned char *s, size_t n, char *name)
{
	if (n >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		strcpy(name, "UTF-8");
	else if (n >= 2 && s[0] == 0xff && s[1] == 0xfe)
		strcpy(name, "UTF-16LE");
	else if (n >= 2 && s[0] == 0xfe && s[1] == 0xff)
		strcpy(name, "UTF-16BE");
	else
		return -1;
	return 0;
}

/* Case-insensitive search for the ASCII word w in s[0..n). */
static const char *
findci(const char *s, size_t n, const char *w)
{
	size_t i, wl = strlen(w);

	for (i = 0; i + wl <= n; i++)
		if (strncasecmp(s + i, w, wl) == 0)
			return s + i;
	return NULL;
}

/*
 * The HTML standard's prescan, simplified: every <meta ...> tag in the
 * first PRESCAN bytes is searched for charset=VALUE, which covers both
 * <meta charset="gbk"> and http-equiv's content="...; charset=gbk".
 */
static int
meta(const char *s, size_t n, char *name)
{
	const char *p, *end, *t, *v;

	if (n > PRESCAN)
		n = PRESCAN;
	end = s + n;
	while ((p = findci(s, (size_t)(end - s), "<meta")) != NULL) {
		t = memchr(p, '>', (size_t)(end - p));
		if (t == NULL)
			t = end;
		v = findci(p, (size_t)(t - p), "charset");
		if (v != NULL) {
			v += 7;
			while (v < t && strchr(" \t\r\n=\"'", *v) != NULL)
				v++;
			p = v;
			while (p < t && (isalnum((unsigned char)*p) ||
			    strchr("-_.:", *p) != NULL))
				p++;
			if (charset_canon(v, (size_t)(p - v), name) == 0)
				return 0;
		}
		s = t;
	}
	return -1;
}

/* The charset parameter of a Content-Type header value. */
static int
header(const char *h, char *name)
{
	const char *v, *e;

	if (h == NULL || (v = findci(h, strlen(h), "charset=")) == NULL)
		return -1;
	v += 8;
	e = v + strcspn(v, ";, \t");
	return charset_canon(v, (size_t)(e - v), name);
}

static int
detect(const char *s, size_t n, char *name)
{
	uchardet_t ud;
	const char *cs;
	int rc = -1;

	if (utf8_check(s, n) == n) {
		strcpy(name, "UTF-8");
		return 0;
	}
	ud = uchardet_new();
	if (uchardet_handle_data(ud, s, n) == 0) {
		uchardet_data_end(ud);
		cs = uchardet_get_charset(ud);
		if (cs != NULL && *cs != '\0')
			rc = charset_canon(cs, strlen(cs), name);
	}
	uchardet_delete(ud);
	return rc;
}

int
charset_guess(const char *s, size_t n, char *name)
{
	return detect(s, n, name);
}

enum charset_from
charset_detect(const char *hdr, const char *s, size_t n, int html,
    char *name)
{
	if (bom((const unsigned char *)s, n, name) == 0)
		return CHARSET_BOM;
	if (header(hdr, name) == 0)
		return CHARSET_HEADER;
	if (html && meta(s, n, name) == 0)
		return CHARSET_META;
	if (detect(s, n, name) == 0)
		return CHARSET_DETECTED;
	strcpy(name, "GB18030");
	return CHARSET_DEFAULT;
}

/* UTF-8 in, UTF-8 out: invalid bytes become U+FFFD, NULs go. */
static size_t
from_utf8(const char *s, size_t n, struct buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, bad = 0;
	uint32_t cp;

	if (n >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		i = 3;
	while (i < n) {
		k = utf8_decode(u + i, n - i, &cp);
		if (k == 0) {
			buf_adds(out, "\xef\xbf\xbd");
			bad++;
			i++;
		} else {
			if (cp != 0)
				buf_add(out, s + i, k);
			i += k;
		}
	}
	return bad;
}

size_t
charset_to_utf8(const char *name, const char *s, size_t n, struct buf *out)
{
	struct buf tmp = {0};
	iconv_t cd;
	char *in, *o;
	size_t inleft, oleft, bad = 0, start;

	if (strcmp(name, "UTF-8") == 0)
		return from_utf8(s, n, out);
	cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1) {
		/* charset_canon() vetted it; be safe anyway */
		return from_utf8(s, n, out);
	}
	in = (char *)s;
	inleft = n;
	buf_grow(&tmp, n * 2 + 16);
	while (inleft > 0) {
		buf_grow(&tmp, inleft * 2 + 16);
		o = tmp.data + tmp.len;
		oleft = tmp.cap - tmp.len - 1;
		start = oleft;
		if (iconv(cd, &in, &inleft, &o, &oleft) == (size_t)-1) {
			tmp.len += start - oleft;
			if (errno == E2BIG)
				continue;
			/* EILSEQ or EINVAL (cut short): replace a byte */
			buf_adds(&tmp, "\xef\xbf\xbd");
			bad++;
			in++;
			inleft--;
			iconv(cd, NULL, NULL, NULL, NULL);
			continue;
		}
		tmp.len += start - oleft;
	}
	iconv_close(cd);
	/* drops the BOM and NULs, and vets what iconv produced */
	bad += from_utf8(tmp.data, tmp.len, out);
	buf_free(&tmp);
	return bad;
}
