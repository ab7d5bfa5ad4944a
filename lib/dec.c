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

int
dec_valid(const char *s)
{
	size_t digits = 0;

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
	return *s == '\0' && digits > 0;
}

/* Parse s (valid) into x; x->d is allocated. */
static void
parse(const char *s, struct num *x)
{
	const char *dot;

	x->neg = *s == '-';
	if (x->neg)
		s++;
	x->d = xmalloc(strlen(s) + 1);
	x->n = 0;
	dot = strchr(s, '.');
	x->scale = dot != NULL ? strlen(dot + 1) : 0;
	for (; *s != '\0'; s++)
		if (*s != '.')
			x->d[x->n++] = (unsigned char)(*s - '0');
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
