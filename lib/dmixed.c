/* dmixed: zb-diff's pairing of a mixed identity's records in memory. */
#include <stdlib.h>
#include <string.h>

#include "dmixed.h"

/* One record of a mixed identity. */
struct dment {
	char	*line;		/* its line of B */
	size_t	 len;
	size_t	 idx;		/* rank in its side's document order */
	int	 norm, paired;
	char	*w, *s;		/* claims */
};

/* OLD records ordered by a claim, then document order. */
struct queue {
	struct dment	**q;
	size_t		 n;
	size_t		*head;		/* at a claim's first index */
	int		 bys;		/* by normalized claim */
};

void
dmixed_add(struct dmixed *mx, const struct dfields *f, const char *s,
    size_t len)
{
	struct dment *e = VEC_PUSH(mx->m, mx->n, mx->cap);

	e->line = xmemdup(s, len);
	e->len = len;
	e->norm = f->p[7][0] == '1';
	e->paired = 0;
	e->w = xmemdup(f->p[2], f->n[2]);
	e->s = xmemdup(f->p[8], f->n[8]);
}

static int
cmp_mpos(const void *a, const void *b)
{
	const struct dment *x = *(struct dment *const *)a;
	const struct dment *y = *(struct dment *const *)b;
	struct dfields f, g;

	dline_split(&f, x->line, x->len, 7);
	dline_split(&g, y->line, y->len, 7);
	return memcmp(f.p[4], g.p[4], f.n[4] < g.n[4] ? f.n[4] : g.n[4]);
}

static int
cmp_mw(const void *a, const void *b)
{
	const struct dment *x = *(struct dment *const *)a;
	const struct dment *y = *(struct dment *const *)b;
	int c = strcmp(x->w, y->w);

	return c != 0 ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

static int
cmp_ms(const void *a, const void *b)
{
	const struct dment *x = *(struct dment *const *)a;
	const struct dment *y = *(struct dment *const *)b;
	int c = strcmp(x->s, y->s);

	return c != 0 ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/* A queue of the OLD records olds[0..n) of normalization want (-1 all). */
static void
queue_make(struct queue *qu, struct dment **olds, size_t n, int want,
    int bys)
{
	size_t i;

	qu->q = xreallocarray(NULL, n + 1, sizeof(*qu->q));
	qu->n = 0;
	qu->bys = bys;
	for (i = 0; i < n; i++)
		if (want < 0 || olds[i]->norm == want)
			qu->q[qu->n++] = olds[i];
	qsort(qu->q, qu->n, sizeof(*qu->q), bys ? cmp_ms : cmp_mw);
	qu->head = xreallocarray(NULL, qu->n + 1, sizeof(*qu->head));
	for (i = 0; i < qu->n; i++)
		qu->head[i] = i;
}

static const char *
queue_key(const struct queue *qu, size_t i)
{
	return qu->bys ? qu->q[i]->s : qu->q[i]->w;
}

/* The first unpaired OLD record of claim, or NULL. */
static struct dment *
queue_first(struct queue *qu, const char *claim)
{
	size_t lo = 0, hi = qu->n, mid, *h;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(queue_key(qu, mid), claim) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == qu->n || strcmp(queue_key(qu, lo), claim) != 0)
		return NULL;
	h = &qu->head[lo];
	while (*h < qu->n && qu->q[*h]->paired &&
	    strcmp(queue_key(qu, *h), claim) == 0)
		(*h)++;
	if (*h == qu->n || strcmp(queue_key(qu, *h), claim) != 0)
		return NULL;
	return qu->q[*h];
}

static void
queue_free(struct queue *qu)
{
	free(qu->q);
	free(qu->head);
}

/* Each side's records in document order, ranked: cnt[side] of them. */
static void
sides(struct dmixed *mx, struct dment **side[2], size_t cnt[2])
{
	struct dfields f;
	size_t i;
	int s;

	side[0] = xreallocarray(NULL, mx->n + 1, sizeof(struct dment *));
	side[1] = xreallocarray(NULL, mx->n + 1, sizeof(struct dment *));
	cnt[0] = cnt[1] = 0;
	for (i = 0; i < mx->n; i++) {
		dline_split(&f, mx->m[i].line, mx->m[i].len, 9);
		s = f.p[3][0] == '1';
		side[s][cnt[s]++] = &mx->m[i];
	}
	for (s = 0; s < 2; s++) {
		qsort(side[s], cnt[s], sizeof(struct dment *), cmp_mpos);
		for (i = 0; i < cnt[s]; i++)
			side[s][i]->idx = i;
	}
}

/* Pair each NEW record with the first unpaired OLD one that says it. */
static void
pair(struct dment **side[2], size_t cnt[2])
{
	struct dment *o, *p, *q;
	struct queue all, un, nm;
	size_t i;

	queue_make(&all, side[0], cnt[0], -1, 0);
	queue_make(&un, side[0], cnt[0], 0, 0);
	queue_make(&nm, side[0], cnt[0], 1, 1);
	for (i = 0; i < cnt[1]; i++) {
		p = side[1][i];
		if (!p->norm) {
			o = queue_first(&all, p->w);
		} else {
			o = queue_first(&un, p->w);
			q = queue_first(&nm, p->s);
			if (o == NULL || (q != NULL && q->idx < o->idx))
				o = q;
		}
		if (o != NULL)
			o->paired = p->paired = 1;
	}
	queue_free(&all);
	queue_free(&un);
	queue_free(&nm);
}

void
dmixed_pair(struct dmixed *mx,
    void (*rest)(void *arg, const struct dfields *f), void *arg)
{
	struct dment **side[2];
	struct dfields f;
	size_t cnt[2], i;

	sides(mx, side, cnt);
	pair(side, cnt);
	for (i = 0; i < mx->n; i++)
		if (!mx->m[i].paired) {
			dline_split(&f, mx->m[i].line, mx->m[i].len, 7);
			rest(arg, &f);
		}
	free(side[0]);
	free(side[1]);
	for (i = 0; i < mx->n; i++) {
		free(mx->m[i].line);
		free(mx->m[i].w);
		free(mx->m[i].s);
	}
	mx->n = 0;
}

void
dmixed_free(struct dmixed *mx)
{
	size_t i;

	for (i = 0; i < mx->n; i++) {
		free(mx->m[i].line);
		free(mx->m[i].w);
		free(mx->m[i].s);
	}
	free(mx->m);
	mx->m = NULL;
	mx->n = mx->cap = 0;
}
