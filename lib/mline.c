/* mline: zb-merge's sort lines, escaped so that byte order is field order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mline.h"

#define ESC	'\x02'

void
mline_esc(struct buf *b, const char *s, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i = k) {
		for (k = i; k < n && (unsigned char)s[k] >= 0x10; k++)
			;
		buf_add(b, s + i, k - i);
		if (k < n) {
			buf_addc(b, ESC);
			buf_addc(b, 0x40 + s[k]);
			k++;
		}
	}
}

void
mline_adds(struct buf *b, const char *s)
{
	buf_addc(b, MLINE_SEP);
	mline_esc(b, s, strlen(s));
}

void
mline_add(struct buf *b, const char *s, size_t n)
{
	buf_addc(b, MLINE_SEP);
	buf_add(b, s, n);
}

void
mline_hex(struct buf *b, uint64_t v)
{
	char t[24];

	snprintf(t, sizeof(t), "%c%016llx", MLINE_SEP, (unsigned long long)v);
	buf_adds(b, t);
}

void
mline_split(struct mfields *f, const char *line, size_t len, int max,
    int want)
{
	const char *e = line + len, *t;

	if (max > MLINE_MAXF)
		max = MLINE_MAXF;
	for (f->nf = 0;; line = t + 1) {
		t = f->nf < max - 1 ? memchr(line, MLINE_SEP,
		    (size_t)(e - line)) : NULL;
		f->p[f->nf] = line;
		f->n[f->nf++] = (size_t)((t != NULL ? t : e) - line);
		if (t == NULL)
			break;
	}
	if (f->nf < want)
		zb_errx("internal error: a sort line with %d fields", f->nf);
}

int
mline_next(struct mfields *f, const char **p, const char *e)
{
	const char *t;

	if (*p == NULL)
		return 0;
	t = memchr(*p, MLINE_SEP, (size_t)(e - *p));
	f->p[0] = *p;
	f->n[0] = (size_t)((t != NULL ? t : e) - *p);
	f->nf = 1;
	*p = t != NULL ? t + 1 : NULL;
	return 1;
}

void
mline_get(struct buf *b, const struct mfields *f, int i)
{
	const char *p = f->p[i], *e = p + f->n[i], *q;

	buf_clear(b);
	buf_add(b, "", 0);
	for (; p < e; p = q + 2) {
		if ((q = memchr(p, ESC, (size_t)(e - p))) == NULL ||
		    q + 1 == e) {
			buf_add(b, p, (size_t)(e - p));
			return;
		}
		buf_add(b, p, (size_t)(q - p));
		buf_addc(b, q[1] - 0x40);
	}
}

char *
mline_unesc(const struct mfields *f, int i)
{
	struct buf b = { 0 };

	mline_get(&b, f, i);
	return b.data;
}

uint64_t
mline_num(const struct mfields *f, int i)
{
	uint64_t v = 0;
	size_t k;
	int c;

	for (k = 0; k < f->n[i]; k++) {
		c = f->p[i][k];
		v = v * 16 + (uint64_t)(c <= '9' ? c - '0' : c - 'a' + 10);
	}
	return v;
}
