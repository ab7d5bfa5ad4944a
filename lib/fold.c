/* fold: normalize text for matching, keeping an offset map. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "utf8.h"
#include "util.h"

struct t2s {
	uint32_t	from, to;
};

static struct t2s	*t2s;
static size_t		 nt2s;
static unsigned char	 bmp[0x10000 / 8];	/* has a mapping */
/*
 * fold() of every BMP code point, built when the t2s table is loaded, so
 * the hot loop looks a character up instead of testing it against every
 * special case; 0 where fold() must be asked (a result beyond the BMP).
 */
static uint16_t		*ftab;

static uint32_t	fold(uint32_t);

static int
t2s_cmp(const void *a, const void *b)
{
	const struct t2s *x = a, *y = b;

	return x->from < y->from ? -1 : x->from > y->from;
}

void
fold_t2s_load(const char *s, size_t n)
{
	const char *end = s + n, *eol;
	struct t2s *e;
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
				e = VEC_PUSH(t2s, nt2s, cap);
				e->from = a;
				e->to = b;
				if (a < 0x10000)
					bmp[a >> 3] |= 1u << (a & 7);
			}
		}
		s = eol + 1;
	}
	qsort(t2s, nt2s, sizeof(*t2s), t2s_cmp);
	if (ftab == NULL)
		ftab = xreallocarray(NULL, 0x10000, sizeof(*ftab));
	for (a = 0; a < 0x10000; a++) {
		b = fold(a);
		ftab[a] = b < 0x10000 ? (uint16_t)b : 0;
		if (a == 0x3000 || a == 0xfeff)
			ftab[a] = 0;	/* spaces */
	}
}

void
fold_t2s_free(void)
{
	free(t2s);
	t2s = NULL;
	nt2s = 0;
	memset(bmp, 0, sizeof(bmp));
	free(ftab);
	ftab = NULL;
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
fold_reset(struct ntext *t)
{
	buf_clear(&t->s);
	t->space = 0;
}

void
fold_free(struct ntext *t)
{
	buf_free(&t->s);
	free(t->map);
	t->map = NULL;
	t->mapcap = 0;
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

static int
ishan(uint32_t c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

/* A letter of pinyin: a-z and the vowels with tone marks. */
static int
pinyin_letter(uint32_t c)
{
	static const uint32_t tone[] = { 0x101, 0xe1, 0x1ce, 0xe0, 0x113,
	    0xe9, 0x11b, 0xe8, 0x12b, 0xed, 0x1d0, 0xec, 0x14d, 0xf3, 0x1d2,
	    0xf2, 0x16b, 0xfa, 0x1d4, 0xf9, 0xfc, 0x1d6, 0x1d8, 0x1da, 0x1dc,
	    0x144, 0x148, 0x1f9 };
	size_t k;

	if (c >= 'a' && c <= 'z')
		return 1;
	for (k = 0; k < sizeof(tone) / sizeof(tone[0]); k++)
		if (c == tone[k])
			return 1;
	return 0;
}

/*
 * Length of a pinyin gloss at src[0..n): "(dá)" or "（zhǎng）", one to
 * eight pinyin letters in parentheses of either width; 0 if there is none.
 * Web pages put them after characters (達(dá)到); they are dropped.
 */
static size_t
pinyin_gloss(const unsigned char *src, size_t n)
{
	size_t i, len, letters = 0;
	uint32_t c;

	if ((len = utf8_decode(src, n, &c)) == 0 || (c != '(' && c != 0xff08))
		return 0;
	for (i = len; i < n && letters <= 8; i += len, letters++) {
		if ((len = utf8_decode(src + i, n - i, &c)) == 0)
			return 0;
		if (c == ')' || c == 0xff09)
			return letters > 0 ? i + len : 0;
		if (!pinyin_letter(c))
			return 0;
	}
	return 0;
}

/* Room for n more normalized bytes and their map entries. */
static void
reserve(struct ntext *t, size_t n)
{
	buf_grow(&t->s, n);
	t->map = vec_reserve(t->map, &t->mapcap, t->s.len + n + 1,
	    sizeof(size_t));
}

/*
 * The fast path: when u[i..] starts a three-byte character that folds to
 * itself, nearly every Chinese character, copy it to d[*o] with its map
 * entries (off + i), set *han, and return 3; else return 0.
 */
static inline size_t
copy_same(const unsigned char *u, size_t n, size_t i, char *d, size_t *m,
    size_t *o, size_t off, int *han)
{
	uint32_t c = u[i];

	if (c < 0xe0 || c > 0xef || i + 2 >= n ||
	    (u[i + 1] & 0xc0) != 0x80 || (u[i + 2] & 0xc0) != 0x80)
		return 0;
	c = (c & 0x0f) << 12 | (uint32_t)(u[i + 1] & 0x3f) << 6 |
	    (u[i + 2] & 0x3f);
	if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff) || ftab == NULL ||
	    ftab[c] != c)
		return 0;
	d[*o] = (char)u[i];
	d[*o + 1] = (char)u[i + 1];
	d[*o + 2] = (char)u[i + 2];
	m[*o] = m[*o + 1] = m[*o + 2] = off + i;
	*o += 3;
	*han = ishan(c);
	return 3;
}

static int
isspace_fold(uint32_t c)
{
	return c == ' ' || c == 0x3000 || c == 0xa0 || c == '\r' ||
	    c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == 0xfeff;
}

/*
 * The slow path: the character at src[i] (of n), folded into t at *o:
 * spaces dropped (a pending one kept between two letters), pinyin glosses
 * after a Han character and thousands commas dropped.  Returns the bytes
 * of src it took.
 */
static size_t
fold_char(struct ntext *t, const char *src, size_t n, size_t i, size_t off,
    size_t *o, int *han)
{
	const unsigned char *u = (const unsigned char *)src;
	char *d = t->s.data;
	size_t len, k;
	uint32_t c, f;
	int last;

	if ((len = utf8_decode(u + i, n - i, &c)) == 0)
		return 1;	/* callers pass valid UTF-8; skip a stray byte */
	if (isspace_fold(c)) {
		t->space = 1;
		return len;
	}
	/* 達(dá)到: the gloss goes, the characters join */
	if (*han && (k = pinyin_gloss(u + i, n - i)) > 0)
		return k;
	last = *o > 0 ? (unsigned char)d[*o - 1] : 0;
	if (c == ',' && last >= '0' && last <= '9' &&
	    three_digits(src + i + len, n - i - len))
		return len;
	f = c < 0x10000 && ftab != NULL && ftab[c] != 0 ? ftab[c] : fold(c);
	if (t->space && isalpha_ascii(last) && f < 0x80 &&
	    isalpha_ascii((int)f)) {
		d[*o] = ' ';
		t->map[(*o)++] = off + i;
	}
	t->space = 0;
	*han = ishan(f);
	k = utf8_encode(f, d + *o);
	while (k-- > 0)
		t->map[(*o)++] = off + i;
	return len;
}

/*
 * One pass: decode, drop spaces, fold, encode, straight into the buffer
 * and map reserved up front (a byte of input gives at most three of
 * output: "," becomes "，").  A three-byte character that folds to itself,
 * nearly every Chinese character, is copied as it is (copy_same(), kept
 * apart from the rest so the loop stays tight).
 */
void
fold_append(struct ntext *t, const char *src, size_t n, size_t off)
{
	const unsigned char *u = (const unsigned char *)src;
	size_t i = 0, o, k;
	int han = 0;

	if (n > 0)
		reserve(t, 3 * n + 1);
	else
		t->map = vec_reserve(t->map, &t->mapcap, 1, sizeof(size_t));
	o = t->s.len;
	while (i < n) {
		if ((k = copy_same(u, n, i, t->s.data, t->map, &o, off,
		    &han)) > 0) {
			t->space = 0;
			i += k;
		} else
			i += fold_char(t, src, n, i, off, &o, &han);
	}
	t->s.len = o;
	if (t->s.data != NULL)
		t->s.data[o] = '\0';
	t->map[t->s.len] = off + n;
}

void
fold_append_reuse(struct ntext *t, const struct ntext *ln, const char *src,
    size_t n, size_t off)
{
	const char *d = ln->s.data;
	size_t k = ln->s.len;

	/*
	 * What came before matters only at the seam: before a first letter
	 * (a space between two letters) or a first comma (dropped after a
	 * digit), and for the pending space when nothing was appended.
	 */
	if (k == 0 || isalpha_ascii((unsigned char)d[0]) ||
	    (k >= 3 && memcmp(d, "\xef\xbc\x8c", 3) == 0)) {
		fold_append(t, src, n, off);
		return;
	}
	reserve(t, k);
	memcpy(t->s.data + t->s.len, d, k);
	memcpy(t->map + t->s.len, ln->map, (k + 1) * sizeof(*t->map));
	t->s.len += k;
	t->s.data[t->s.len] = '\0';
	t->space = ln->space;
}
