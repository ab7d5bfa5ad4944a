/* norm: normalize text for matching, keeping an offset map. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "norm.h"
#include "utf8.h"
#include "util.h"

struct t2s {
	uint32_t	from, to;
};

static struct t2s	*t2s;
static size_t		 nt2s;
static unsigned char	 bmp[0x10000 / 8];	/* has a mapping */

static int
t2s_cmp(const void *a, const void *b)
{
	const struct t2s *x = a, *y = b;

	return x->from < y->from ? -1 : x->from > y->from;
}

void
norm_t2s_load(const char *s, size_t n)
{
	const char *end = s + n, *eol;
	uint32_t a, b;
	size_t la, lb, cap = 0;

	while (s < end) {
		eol = memchr(s, '\n', (size_t)(end - s));
		if (eol == NULL)
			eol = end;
		la = utf8_decode((const unsigned char *)s, (size_t)(eol - s),
		    &a);
		if (*s != '#' && la > 0 && s + la < eol && s[la] == '\t') {
			lb = utf8_decode((const unsigned char *)s + la + 1,
			    (size_t)(eol - s - la - 1), &b);
			if (lb > 0) {
				if (nt2s == cap) {
					cap = cap ? cap * 2 : 4096;
					t2s = xreallocarray(t2s, cap,
					    sizeof(*t2s));
				}
				t2s[nt2s].from = a;
				t2s[nt2s++].to = b;
				if (a < 0x10000)
					bmp[a >> 3] |= 1u << (a & 7);
			}
		}
		s = eol + 1;
	}
	qsort(t2s, nt2s, sizeof(*t2s), t2s_cmp);
}

void
norm_t2s_free(void)
{
	free(t2s);
	t2s = NULL;
	nt2s = 0;
	memset(bmp, 0, sizeof(bmp));
}

static uint32_t
simplify(uint32_t cp)
{
	struct t2s key, *hit;

	if (cp < 0x10000 && !(bmp[cp >> 3] & (1u << (cp & 7))))
		return cp;
	key.from = cp;
	hit = bsearch(&key, t2s, nt2s, sizeof(*t2s), t2s_cmp);
	return hit != NULL ? hit->to : cp;
}

void
norm_reset(struct ntext *t)
{
	buf_clear(&t->s);
	t->space = 0;
}

void
norm_free(struct ntext *t)
{
	buf_free(&t->s);
	free(t->map);
	t->map = NULL;
	t->mapcap = 0;
}

/* Append bytes p[0..n) that all map to input offset off. */
static void
emit(struct ntext *t, const char *p, size_t n, size_t off, size_t end)
{
	size_t i;

	if (t->mapcap < t->s.len + n + 1) {
		t->mapcap = (t->s.len + n + 1) * 2;
		t->map = xreallocarray(t->map, t->mapcap, sizeof(size_t));
	}
	for (i = 0; i < n; i++)
		t->map[t->s.len + i] = off;
	buf_add(&t->s, p, n);
	t->map[t->s.len] = end;
}

static int
isalpha_ascii(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
isdigit_cp(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xff10 && c <= 0xff19);
}

/* Is src[0..n) three digits not followed by a fourth? */
static int
three_digits(const char *src, size_t n)
{
	const unsigned char *u = (const unsigned char *)src;
	size_t i = 0, len;
	uint32_t c;
	int k;

	for (k = 0; k < 4; k++) {
		len = utf8_decode(u + i, n - i, &c);
		if (len == 0 || !isdigit_cp(c))
			return k == 3;
		i += len;
	}
	return 0;
}

/* Map one code point to its normalized form; 0 drops it. */
static uint32_t
fold(uint32_t c)
{
	switch (c) {
	case ',': return 0xff0c;
	case ';': return 0xff1b;
	case ':': return 0xff1a;
	case '(': return 0xff08;
	case ')': return 0xff09;
	case '!': return 0xff01;
	case '?': return 0xff1f;
	case 0xff0c: case 0xff1b: case 0xff1a: case 0xff08: case 0xff09:
	case 0xff01: case 0xff1f:
		return c;
	case 0x301c: case 0x223c: return '~';		/* 〜 ∼ */
	case 0x2013: case 0x2014: case 0x2212: case 0x2015: return '-';
	case 0xfe50: return 0x3001;			/* small comma */
	}
	if (c >= 0xff01 && c <= 0xff5e)
		return c - 0xfee0;
	return simplify(c);
}

void
norm_append(struct ntext *t, const char *src, size_t n, size_t off)
{
	const unsigned char *u = (const unsigned char *)src;
	size_t i = 0, len;
	uint32_t c, f;
	char enc[4];
	int last;

	while (i < n) {
		len = utf8_decode(u + i, n - i, &c);
		if (len == 0) {
			/* Callers pass valid UTF-8; skip a stray byte. */
			i++;
			continue;
		}
		if (c == ' ' || c == 0x3000 || c == 0xa0 || c == '\r' ||
		    c == '\t' ||
		    c == '\n' || c == '\v' || c == '\f' || c == 0xfeff) {
			t->space = 1;
			i += len;
			continue;
		}
		last = t->s.len > 0 ? (unsigned char)t->s.data[t->s.len - 1]
		    : 0;
		if ((c == ',' || c == 0xff0c) && c == ',' && last >= '0' &&
		    last <= '9' && three_digits(src + i + len, n - i - len)) {
			i += len;
			continue;
		}
		f = fold(c);
		if (t->space && isalpha_ascii(last) && f < 0x80 &&
		    isalpha_ascii((int)f))
			emit(t, " ", 1, off + i, off + i);
		t->space = 0;
		emit(t, enc, utf8_encode(f, enc), off + i, off + i + len);
		i += len;
	}
	if (t->mapcap == 0) {
		t->mapcap = 16;
		t->map = xreallocarray(NULL, t->mapcap, sizeof(size_t));
	}
	t->map[t->s.len] = off + n;
}
