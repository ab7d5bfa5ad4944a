/* weburl: hrefs resolved and URLs cleaned as a browser does (WHATWG URL). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"
#include "weburl.h"

/* Where the parts of an absolute URL s start and end. */
struct parts {
	size_t	 scheme;	/* length of the scheme, before ':' */
	size_t	 auth, auth_end;	/* after "//", before the path */
	size_t	 path_end;	/* before '?' or '#' or the end */
	size_t	 query_end;	/* before '#' or the end */
	size_t	 len;
};

static int
alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The length of s's scheme (letters, digits, + - .) before a ':'; 0: none. */
static size_t
scheme_len(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !alpha((unsigned char)s[0]))
		return 0;
	for (i = 1; i < n && (alpha((unsigned char)s[i]) ||
	    (s[i] >= '0' && s[i] <= '9') || strchr("+-.", s[i]) != NULL); i++)
		;
	return i < n && s[i] == ':' ? i : 0;
}

static int
http_scheme(const char *s, size_t n)
{
	return (n == 4 && strncasecmp(s, "http", 4) == 0) ||
	    (n == 5 && strncasecmp(s, "https", 5) == 0);
}

/* Split absolute http(s) URL s (backslashes already slashes). */
static int
split(const char *s, struct parts *p)
{
	size_t i;

	p->len = strlen(s);
	p->scheme = scheme_len(s, p->len);
	if (!http_scheme(s, p->scheme))
		return -1;
	for (i = p->scheme + 1; i < p->len && s[i] == '/'; i++)
		;
	p->auth = i;
	while (i < p->len && strchr("/?#", s[i]) == NULL)
		i++;
	p->auth_end = i;
	while (i < p->len && strchr("?#", s[i]) == NULL)
		i++;
	p->path_end = i;
	while (i < p->len && s[i] != '#')
		i++;
	p->query_end = i;
	return p->auth_end > p->auth ? 0 : -1;
}

char *
weburl_strip_userinfo(const char *u)
{
	struct buf b = {0};
	struct parts p;
	const char *at;
	size_t i;

	if (split(u, &p) != 0)
		return NULL;
	for (at = NULL, i = p.auth; i < p.auth_end; i++)
		if (u[i] == '@')
			at = u + i;
	if (at == NULL)
		return NULL;
	buf_add(&b, u, p.auth);
	buf_adds(&b, at + 1);
	return b.data;
}

/* Append s[0..n) percent-encoding what a path (or query) may not hold. */
static void
encode(struct buf *b, const char *s, size_t n, int query)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char c;
	size_t i;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' ||
		    c == '>' || (query ? c == '\'' : (c == '`' || c == '{' ||
		    c == '}'))) {
			buf_addc(b, '%');
			buf_addc(b, hex[c >> 4]);
			buf_addc(b, hex[c & 15]);
		} else
			buf_addc(b, (char)c);
	}
}

/* Is path segment s[0..n) "." or ".." (also as %2e, which browsers read)? */
static int
dots(const char *s, size_t n)
{
	if (n == 1 && s[0] == '.')
		return 1;
	if (n == 3 && strncasecmp(s, "%2e", 3) == 0)
		return 1;
	if ((n == 2 && strncmp(s, "..", 2) == 0) || (n == 4 &&
	    (strncasecmp(s, ".%2e", 4) == 0 || strncasecmp(s, "%2e.", 4) == 0)) ||
	    (n == 6 && strncasecmp(s, "%2e%2e", 6) == 0))
		return 2;
	return 0;
}

/* Append path s[0..n) (starting with '/') with dot segments removed. */
static void
add_path(struct buf *b, const char *s, size_t n)
{
	size_t start = b->len, i = 0, j, k;
	int d;

	if (n == 0) {
		buf_addc(b, '/');
		return;
	}
	while (i < n) {
		for (j = i + 1; j < n && s[j] != '/'; j++)
			;
		d = dots(s + i + 1, j - i - 1);
		if (d == 0)
			buf_add(b, s + i, j - i);
		else {
			if (d == 2) {	/* drop the last segment */
				for (k = b->len; k > start && b->data[k - 1] !=
				    '/'; k--)
					;
				b->len = k > start ? k - 1 : start;
			}
			if (j == n)	/* a trailing . or .. keeps its slash */
				buf_addc(b, '/');
		}
		i = j;
	}
	if (b->len == start)
		buf_addc(b, '/');
	b->data[b->len] = '\0';
}

/* Host and port of s[a..e) into b, lowercased, a default port dropped. */
static int
add_authority(struct buf *b, const char *s, size_t a, size_t e, int https)
{
	size_t i, at = a, colon = 0;
	long port;
	int brack = 0;

	for (i = a; i < e; i++)
		if (s[i] == '@')
			at = i + 1;
	buf_add(b, s + a, at - a);	/* userinfo, stripped when stored */
	for (i = at; i < e; i++) {
		if (s[i] == '[')
			brack = 1;
		else if (s[i] == ']')
			brack = 0;
		else if (s[i] == ':' && !brack)
			colon = i;
	}
	if (colon == 0)
		colon = e;
	if (colon == at)
		return -1;	/* no host */
	if (s[at] == '[' && (colon - at < 3 || s[colon - 1] != ']' ||
	    strspn(s + at + 1, "0123456789abcdefABCDEF:.") != colon - at - 2))
		return -1;	/* not an IPv6 address */
	for (i = at; i < colon; i++) {
		if ((unsigned char)s[i] <= 0x20 || strchr("#%/<>?@\\^|",
		    s[i]) != NULL || (s[at] != '[' && strchr("[]", s[i]) !=
		    NULL))
			return -1;	/* forbidden host code point */
		buf_addc(b, s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	}
	if (colon + 1 >= e)
		return 0;
	for (port = 0, i = colon + 1; i < e; i++) {
		if (s[i] < '0' || s[i] > '9' || (port = port * 10 + s[i] - '0') >
		    65535)
			return -1;
	}
	if (port != (https ? 443 : 80)) {
		buf_addc(b, ':');
		buf_add(b, s + colon + 1, e - colon - 1);
	}
	return 0;
}

/* The normalized form of absolute URL s (no fragment), or NULL. */
static char *
normalize(const char *s)
{
	struct buf b = {0};
	struct parts p;
	size_t i;
	int https;

	if (split(s, &p) != 0)
		return NULL;
	https = p.scheme == 5;
	for (i = 0; i < p.scheme; i++)
		buf_addc(&b, s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	buf_adds(&b, "://");
	if (add_authority(&b, s, p.auth, p.auth_end, https) != 0) {
		buf_free(&b);
		return NULL;
	}
	{
		struct buf path = {0};

		encode(&path, s + p.auth_end, p.path_end - p.auth_end, 0);
		add_path(&b, path.data != NULL ? path.data : "", path.len);
		buf_free(&path);
	}
	encode(&b, s + p.path_end, p.query_end - p.path_end, 1);
	return b.data;
}

/* href trimmed of C0 controls and spaces, tabs and newlines removed. */
static void
clean(const char *h, size_t n, struct buf *b)
{
	size_t a = 0, i;

	while (a < n && (unsigned char)h[a] <= 0x20)
		a++;
	while (n > a && (unsigned char)h[n - 1] <= 0x20)
		n--;
	for (i = a; i < n; i++)
		if (h[i] != '\t' && h[i] != '\n' && h[i] != '\r')
			buf_addc(b, h[i] == '\\' ? '/' : h[i]);
	buf_add(b, "", 0);
}

char *
weburl_resolve(const char *base, const char *href, size_t n, int *bad)
{
	struct buf h = {0}, b = {0}, abs = {0};
	struct parts p;
	const char *r;
	char *out = NULL;
	size_t sl, k;

	*bad = 0;
	clean(base, strlen(base), &b);
	clean(href, n, &h);
	if (split(b.data, &p) != 0) {
		*bad = 1;	/* the page's own URL is not http(s) */
		goto done;
	}
	r = h.data;
	sl = scheme_len(r, h.len);
	if (sl > 0 && !http_scheme(r, sl))
		goto done;	/* mailto:, javascript:, ftp: */
	if (sl > 0 && (r[sl + 1] == '/' || sl != p.scheme ||
	    strncasecmp(r, b.data, sl) != 0)) {
		buf_add(&abs, r, sl + 1);	/* http:/x, https:x: authority */
		buf_adds(&abs, "//");
		for (k = sl + 1; r[k] == '/'; k++)
			;
		buf_adds(&abs, r + k);
	} else {
		if (sl > 0)
			r += sl + 1;	/* http:x on an http page: relative */
		if (r[0] == '/' && r[1] == '/') {
			buf_add(&abs, b.data, p.scheme + 1);
			buf_adds(&abs, r);
		} else if (r[0] == '/') {
			buf_add(&abs, b.data, p.auth_end);
			buf_adds(&abs, r);
		} else if (r[0] == '?') {
			buf_add(&abs, b.data, p.path_end);
			buf_adds(&abs, r);
		} else if (r[0] == '#' || r[0] == '\0') {
			buf_add(&abs, b.data, p.query_end);
		} else {
			for (k = p.path_end; k > p.auth_end && b.data[k - 1] !=
			    '/'; k--)
				;
			buf_add(&abs, b.data, k > p.auth_end ? k : p.auth_end);
			if (k == p.auth_end)
				buf_addc(&abs, '/');
			buf_adds(&abs, r);
		}
	}
	buf_add(&abs, "", 0);
	for (k = 0; k < abs.len; k++)
		if (abs.data[k] == '#')
			abs.data[k] = '\0';	/* the fragment goes */
	out = normalize(abs.data);
	*bad = out == NULL;
done:
	buf_free(&h);
	buf_free(&b);
	buf_free(&abs);
	return out;
}

/* The host and port part of u: *start, its length returned (-1: none). */
static long
hostport(const char *u, struct parts *p, size_t *start)
{
	size_t i;

	if (split(u, p) != 0)
		return -1;
	*start = p->auth;
	for (i = p->auth; i < p->auth_end; i++)
		if (u[i] == '@')
			*start = i + 1;
	return (long)(p->auth_end - *start);
}

int
weburl_same_host(const char *a, const char *b)
{
	struct parts pa, pb;
	size_t sa = 0, sb = 0;
	long na, nb;

	na = hostport(a, &pa, &sa);
	nb = hostport(b, &pb, &sb);
	return na >= 0 && na == nb && pa.scheme == pb.scheme &&
	    strncasecmp(a, b, pa.scheme) == 0 &&
	    strncasecmp(a + sa, b + sb, (size_t)na) == 0;
}
