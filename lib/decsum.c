/* decsum: exact decimal addition and subtraction. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "decsum.h"
#include "util.h"

/* A decimal: sign, digits (most significant first), and scale: value =
 * digits * 10^-scale. */
struct dec {
	int	 neg;
	char	*d;
	size_t	 n;
	long	 scale;
};

/* Parse s into x; returns 0 or -1.  x->d is allocated on success. */
static int
dec_parse(const char *s, struct dec *x)
{
	const char *p = s;
	long e = 0, esign = 1;
	struct buf b = { 0 };

	x->neg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	x->scale = 0;
	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p))
		buf_addc(&b, *p++);
	if (*p == '.') {
		if (!isdigit((unsigned char)p[1]))
			goto bad;
		for (p++; isdigit((unsigned char)*p); p++, x->scale++)
			buf_addc(&b, *p);
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			esign = *p++ == '-' ? -1 : 1;
		if (!isdigit((unsigned char)*p))
			goto bad;
		while (isdigit((unsigned char)*p) && e <= DECSUM_MAXEXP)
			e = e * 10 + (*p++ - '0');
	}
	if (*p != '\0' || e > DECSUM_MAXEXP)
		goto bad;
	x->scale -= esign * e;
	x->d = b.data;
	x->n = b.len;
	return 0;
bad:
	buf_free(&b);
	return -1;
}

/* Append zeros to x until its scale is s (s >= x->scale). */
static void
dec_rescale(struct dec *x, long s)
{
	x->d = xreallocarray(x->d, x->n + (size_t)(s - x->scale) + 1, 1);
	while (x->scale < s) {
		x->d[x->n++] = '0';
		x->scale++;
	}
}

/* Compare magnitudes of digit strings of equal scale. */
static int
mag_cmp(const struct dec *a, const struct dec *b)
{
	size_t i, j;

	for (i = 0; i < a->n && a->d[i] == '0'; i++)
		;
	for (j = 0; j < b->n && b->d[j] == '0'; j++)
		;
	if (a->n - i != b->n - j)
		return a->n - i < b->n - j ? -1 : 1;
	for (; i < a->n; i++, j++)
		if (a->d[i] != b->d[j])
			return a->d[i] < b->d[j] ? -1 : 1;
	return 0;
}

/* |a| + |b| (sub == 0) or |a| - |b| with |a| >= |b|, digits reversed. */
static void
mag_op(const struct dec *a, const struct dec *b, int sub, struct buf *out)
{
	size_t i;
	int carry = 0, da, db, r;

	for (i = 0; i < a->n || i < b->n || carry; i++) {
		da = i < a->n ? a->d[a->n - 1 - i] - '0' : 0;
		db = i < b->n ? b->d[b->n - 1 - i] - '0' : 0;
		r = sub ? da - db - carry : da + db + carry;
		carry = sub ? r < 0 : r > 9;
		r = sub ? (r + 10) % 10 : r % 10;
		buf_addc(out, '0' + r);
	}
}

/* Format reversed digits rev (scale of them fractional) with a sign. */
static char *
dec_format(const struct buf *rev, long scale, int neg)
{
	struct buf o = { 0 };
	long i, top = (long)rev->len - 1, low = 0;

	while (top >= scale && top > 0 && rev->data[top] == '0')
		top--;
	if (top < scale)
		top = scale;	/* 0.05 keeps its leading zero */
	while (low < scale && low < (long)rev->len && rev->data[low] == '0')
		low++;
	if (neg) {
		for (i = low; i <= top && i < (long)rev->len; i++)
			if (rev->data[i] != '0')
				break;
		if (i <= top && i < (long)rev->len)
			buf_addc(&o, '-');
	}
	for (i = top; i >= low; i--) {
		if (i == scale - 1)
			buf_addc(&o, '.');
		buf_addc(&o, i < (long)rev->len ? rev->data[i] : '0');
	}
	return o.data;
}

static char *
dec_op(const char *as, const char *bs, int negate_b)
{
	struct dec a, b, *big, *small;
	struct buf rev = { 0 };
	char *r;
	long scale;
	int sub, neg;

	if (dec_parse(as, &a) < 0)
		return NULL;
	if (dec_parse(bs, &b) < 0) {
		free(a.d);
		return NULL;
	}
	b.neg ^= negate_b;
	scale = a.scale > b.scale ? a.scale : b.scale;
	if (scale < 0)
		scale = 0;
	dec_rescale(&a, scale);
	dec_rescale(&b, scale);
	big = mag_cmp(&a, &b) >= 0 ? &a : &b;
	small = big == &a ? &b : &a;
	sub = a.neg != b.neg;
	neg = big->neg;
	mag_op(big, small, sub, &rev);
	r = dec_format(&rev, scale, neg);
	buf_free(&rev);
	free(a.d);
	free(b.d);
	return r;
}

char *
decsum_add(const char *a, const char *b)
{
	return dec_op(a, b, 0);
}

char *
decsum_sub(const char *a, const char *b)
{
	return dec_op(a, b, 1);
}

int
decsum_cmp(const char *a, const char *b)
{
	char *d;
	int r;

	if ((d = decsum_sub(a, b)) == NULL)
		return -2;
	r = d[0] == '-' ? -1 : strcmp(d, "0") != 0;
	free(d);
	return r;
}
