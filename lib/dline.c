/* dline: zb-diff's sort lines, escaped, joined and split at tabs. */
#include <stdio.h>
#include <string.h>

#include "dline.h"

void
dline_esc(struct buf *b, const char *s, size_t n)
{
	char t[4];
	size_t i, k;

	for (i = 0; i < n; i = k) {
		for (k = i; k < n && (unsigned char)s[k] >= 0x20 &&
		    s[k] != '%'; k++)
			;
		buf_add(b, s + i, k - i);
		if (k < n) {
			snprintf(t, sizeof(t), "%%%02X", (unsigned char)s[k]);
			buf_add(b, t, 3);
			k++;
		}
	}
}

void
dline_add(struct buf *b, const char *s, size_t n)
{
	buf_addc(b, '\t');
	buf_add(b, s, n);
}

void
dline_addf(struct buf *b, const struct dfields *f, int i)
{
	dline_add(b, f->p[i], f->n[i]);
}

void
dline_split(struct dfields *f, const char *line, size_t len, int want)
{
	const char *e = line + len, *t;

	f->nf = 0;
	for (;;) {
		t = memchr(line, '\t', (size_t)(e - line));
		if (f->nf == DLINE_MAXF)
			break;
		f->p[f->nf] = line;
		f->n[f->nf++] = (size_t)((t != NULL ? t : e) - line);
		if (t == NULL)
			break;
		line = t + 1;
	}
	if (f->nf < want)
		zb_errx("internal error: a sort line with %d fields", f->nf);
}

int
dline_eq(const struct dfields *f, int i, const char *s)
{
	return f->n[i] == strlen(s) && memcmp(f->p[i], s, f->n[i]) == 0;
}
