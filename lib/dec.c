/* dec: exact arithmetic on decimal strings. */
#include <stdlib.h>
#include <string.h>

#include "dec.h"
#include "util.h"

/* A decimal as its digits (most significant first) and a scale. */
struct num {
	unsigned char	*d;	/* digit values 0-9 */
	size_t		 n;
	size_t		 scale;	/* digits after the point */
	int		 neg;
};

/* Length of the exponent part at s ("e+20"), 0 when none, -1 if bad. */
static int
exponent(const char *s, long *e)
{
	const char *p = s + 1;
	char *end;

	*e = 0;
	if (*s != 'e' && *s != 'E')
		return 0;
	if (*p == '+' || *p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	*e = strtol(s + 1, &end, 10);
	if (*e > DEC_MAXEXP || *e < -DEC_MAXEXP)
		return -1;
	return (int)(end - s);
}

int
dec_valid(const char *s)
{
	size_t digits = 0;
	long e;
	int n;

	if (*s == '-')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return 0;
		for (; *s >= '0' && *s <= '9'; s++)
			digits++;
	}
	if ((n = exponent(s, &e)) < 0)
		return 0;
	return s[n] == '\0' && digits > 0;
}

/* Parse s (valid) into x; x->d is allocated. */
static void
parse(const char *s, struct num *x)
{
	size_t frac = 0, zeros = 0;
	long e = 0;
	int point = 0;

	x->neg = *s == '-';
	if (x->neg)
		s++;
	x->d = xmalloc(strlen(s) + 1);
	x->n = 0;
	for (; (*s >= '0' && *s <= '9') || *s == '.'; s++) {
		if (*s == '.')
			point = 1;
		else {
			x->d[x->n++] = (unsigned char)(*s - '0');
			frac += point;
		}
	}
	exponent(s, &e);
	if (e > (long)frac) {
		zeros = (size_t)(e - (long)frac);
		x->d = xreallocarray(x->d, x->n + zeros + 1, 1);
		memset(x->d + x->n, 0, zeros);
		x->n += zeros;
		x->scale = 0;
	} else
		x->scale = (size_t)((long)frac - e);
	if (x->scale > x->n) {
		/* 1e-5: pad with leading zeros so every digit has a place */
		zeros = x->scale - x->n;
		x->d = xreallocarray(x->d, x->scale + 1, 1);
		memmove(x->d + zeros, x->d, x->n);
		memset(x->d, 0, zeros);
		x->n = x->scale;
	}
}

/* Append the canonical text of digits d[0..n) with scale and sign. */
static void
emit(const unsigned char *d, size_t n, size_t scale, int neg,
    struct buf *out)
{
	size_t i = 0;

	while (scale > 0 && d[n - 1] == 0) {
		n--;		/* trailing fractional zeros */
		scale--;
	}
	while (i < n - scale && d[i] == 0)
		i++;		/* leading zeros */
	if (i == n) {
		buf_addc(out, '0');
		return;
	}
	if (neg)
		buf_addc(out, '-');
	if (i == n - scale)
		buf_addc(out, '0');
	for (; i < n - scale; i++)
		buf_addc(out, '0' + d[i]);
	if (scale > 0)
		buf_addc(out, '.');
	for (; i < n; i++)
		buf_addc(out, '0' + d[i]);
}

int
dec_mul(const char *a, const char *b, struct buf *out)
{
	struct num x, y;
	unsigned *acc;
	unsigned char *d;
	size_t i, j, n;

	if (!dec_valid(a) || !dec_valid(b))
		return -1;
	parse(a, &x);
	parse(b, &y);
	n = x.n + y.n;
	acc = xcalloc(n, sizeof(*acc));
	for (i = x.n; i-- > 0;)
		for (j = y.n; j-- > 0;)
			acc[i + j + 1] += (unsigned)x.d[i] * y.d[j];
	d = xmalloc(n);
	for (i = n; i-- > 0;) {
		if (i > 0)
			acc[i - 1] += acc[i] / 10;
		d[i] = (unsigned char)(acc[i] % 10);
	}
	emit(d, n, x.scale + y.scale, x.neg != y.neg, out);
	free(acc);
	free(d);
	free(x.d);
	free(y.d);
	return 0;
}

/* Align x and y to the same scale and length, into digit arrays p, q. */
static size_t
align(const struct num *x, const struct num *y, unsigned char **p,
    unsigned char **q, size_t *scale)
{
	size_t ix, iy, n, sc;

	sc = x->scale > y->scale ? x->scale : y->scale;
	ix = x->n - x->scale;
	iy = y->n - y->scale;
	n = (ix > iy ? ix : iy) + sc + 1;
	*p = xcalloc(n, 1);
	*q = xcalloc(n, 1);
	memcpy(*p + (n - sc - ix), x->d, x->n);
	memcpy(*q + (n - sc - iy), y->d, y->n);
	*scale = sc;
	return n;
}

/* Compare magnitudes of aligned digit arrays. */
static int
magcmp(const unsigned char *p, const unsigned char *q, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != q[i])
			return p[i] < q[i] ? -1 : 1;
	return 0;
}

int
dec_add(const char *a, const char *b, struct buf *out)
{
	struct num x, y;
	unsigned char *p, *q, *t;
	size_t n, i, scale;
	int c = 0, neg;

	if (!dec_valid(a) || !dec_valid(b))
		return -1;
	parse(a, &x);
	parse(b, &y);
	n = align(&x, &y, &p, &q, &scale);
	neg = x.neg;
	if (x.neg != y.neg && magcmp(p, q, n) < 0) {
		t = p, p = q, q = t;
		neg = y.neg;
	}
	for (i = n; i-- > 0;) {
		if (x.neg == y.neg)
			c += p[i] + q[i];
		else
			c += p[i] - q[i];
		p[i] = (unsigned char)((c + 10) % 10);
		c = c >= 10 ? 1 : c < 0 ? -1 : 0;
	}
	emit(p, n, scale, neg, out);
	free(p);
	free(q);
	free(x.d);
	free(y.d);
	return 0;
}

int
dec_sub(const char *a, const char *b, struct buf *out)
{
	struct buf nb = {0};
	int rc;

	if (!dec_valid(b))
		return -1;
	if (*b == '-')
		buf_adds(&nb, b + 1);
	else {
		buf_addc(&nb, '-');
		buf_adds(&nb, b);
	}
	rc = dec_add(a, nb.data, out);
	buf_free(&nb);
	return rc;
}

int
dec_cmp(const char *a, const char *b)
{
	struct num x, y;
	unsigned char *p, *q;
	size_t n, scale, i;
	int r, zx = 1, zy = 1;

	if (!dec_valid(a) || !dec_valid(b))
		return 2;
	parse(a, &x);
	parse(b, &y);
	n = align(&x, &y, &p, &q, &scale);
	for (i = 0; i < n; i++) {
		zx &= p[i] == 0;
		zy &= q[i] == 0;
	}
	if (zx && zy)
		r = 0;
	else if ((x.neg && !zx) != (y.neg && !zy))
		r = x.neg && !zx ? -1 : 1;
	else {
		r = magcmp(p, q, n);
		if (x.neg && !zx)
			r = -r;
	}
	free(p);
	free(q);
	free(x.d);
	free(y.d);
	return r;
}
