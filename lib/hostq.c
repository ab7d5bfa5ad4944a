/* hostq: waiting jobs by host, started within per-host and total limits. */
#include <stdlib.h>
#include <string.h>

#include "hostq.h"
#include "memo.h"
#include "util.h"

#define NONE	((size_t)-1)

struct item {
	size_t	 job;
	double	 not_before;
};

/*
 * A host's waiting jobs are q[qhead..qlen), in order; the hosts with any
 * are a doubly linked list, so a pass looks only at hosts that have work.
 */
struct host {
	char		*key;		/* scheme://host:port */
	size_t		 active;
	double		 next;		/* earliest next start (politeness) */
	struct item	*q;
	size_t		 qhead, qlen, qcap;
	size_t		 prev, succ;	/* in the waiting list, or NONE */
	int		 listed;
};

struct hostq {
	size_t		 maxjobs, perhost, running;
	double		 delay;
	hostq_clock	 clock;
	void		*clockarg;
	struct host	*h;
	size_t		 n, cap;
	size_t		 first, last;	/* the waiting list */
	struct memo	 idx;		/* key -> index */
};

struct hostq *
hostq_new(size_t maxjobs, size_t perhost, double delay, hostq_clock clock,
    void *clockarg)
{
	struct hostq *q;

	q = xcalloc(1, sizeof(*q));
	q->maxjobs = maxjobs;
	q->perhost = perhost;
	q->delay = delay;
	q->clock = clock;
	q->clockarg = clockarg;
	q->first = q->last = NONE;
	return q;
}

void
hostq_free(struct hostq *q)
{
	size_t i;

	if (q == NULL)
		return;
	for (i = 0; i < q->n; i++) {
		free(q->h[i].key);
		free(q->h[i].q);
	}
	free(q->h);
	memo_free(&q->idx);
	free(q);
}

/*
 * Remember the new host n's key in the index.  A memo empties itself when
 * full; this one doubles instead, re-adding the keys, so the cost stays
 * linear.
 */
static void
index_put(struct hostq *q, size_t n)
{
	size_t k, max;

	if (q->idx.slot == NULL || q->idx.n >= q->idx.max) {
		max = q->idx.slot == NULL ? 256 : q->idx.max * 2;
		memo_free(&q->idx);
		memo_init(&q->idx, sizeof(size_t), max);
		for (k = 0; k < n; k++)
			memo_put(&q->idx, q->h[k].key, strlen(q->h[k].key),
			    &k);
	}
	memo_put(&q->idx, q->h[n].key, strlen(q->h[n].key), &n);
}

size_t
hostq_host(struct hostq *q, const char *key)
{
	const size_t *p;
	struct host *h;

	if (q->idx.slot != NULL &&
	    (p = memo_get(&q->idx, key, strlen(key))) != NULL)
		return *p;
	if (q->n == q->cap) {
		q->cap = q->cap == 0 ? 16 : q->cap * 2;
		q->h = xreallocarray(q->h, q->cap, sizeof(*q->h));
	}
	h = &q->h[q->n];
	memset(h, 0, sizeof(*h));
	h->key = xstrdup(key);
	h->prev = h->succ = NONE;
	index_put(q, q->n);
	return q->n++;
}

const char *
hostq_key(const struct hostq *q, size_t host)
{
	return q->h[host].key;
}

static void
unlist(struct hostq *q, size_t i)
{
	struct host *h = &q->h[i];

	if (!h->listed)
		return;
	if (h->prev != NONE)
		q->h[h->prev].succ = h->succ;
	else
		q->first = h->succ;
	if (h->succ != NONE)
		q->h[h->succ].prev = h->prev;
	else
		q->last = h->prev;
	h->listed = 0;
}

static void
list(struct hostq *q, size_t i)
{
	struct host *h = &q->h[i];

	if (h->listed)
		return;
	h->prev = q->last;
	h->succ = NONE;
	if (q->last != NONE)
		q->h[q->last].succ = i;
	else
		q->first = i;
	q->last = i;
	h->listed = 1;
}

void
hostq_add(struct hostq *q, size_t i, size_t job, double not_before,
    int front)
{
	struct host *h = &q->h[i];
	struct item it = { job, not_before };

	if (front && h->qhead > 0) {
		h->q[--h->qhead] = it;
	} else {
		if (h->qhead > 0 && h->qlen == h->qcap) {
			memmove(h->q, h->q + h->qhead, (h->qlen - h->qhead) *
			    sizeof(*h->q));
			h->qlen -= h->qhead;
			h->qhead = 0;
		}
		if (h->qlen == h->qcap) {
			h->qcap = h->qcap == 0 ? 4 : h->qcap * 2;
			h->q = xreallocarray(h->q, h->qcap, sizeof(*h->q));
		}
		if (front)
			memmove(h->q + 1, h->q, h->qlen * sizeof(*h->q));
		h->q[front ? 0 : h->qlen] = it;
		h->qlen++;
	}
	list(q, i);
}

double
hostq_schedule(struct hostq *q, void (*start)(size_t, void *), void *arg)
{
	struct host *h;
	struct item *it;
	double t = q->clock(q->clockarg), wake = -1, at;
	size_t i, succ;

	for (i = q->first; i != NONE && q->running < q->maxjobs; i = succ) {
		h = &q->h[i];
		succ = h->succ;
		while (h->qhead < h->qlen && h->active < q->perhost &&
		    q->running < q->maxjobs) {
			it = &h->q[h->qhead];
			at = it->not_before > h->next ? it->not_before :
			    h->next;
			if (at > t) {
				if (wake < 0 || at - t < wake)
					wake = at - t;
				break;
			}
			h->qhead++;
			h->active++;
			q->running++;
			start(it->job, arg);
			h = &q->h[i];	/* start may have added hosts */
			h->next = q->clock(q->clockarg) + q->delay;
		}
		if (h->qhead == h->qlen)
			unlist(q, i);
	}
	return wake;
}

void
hostq_done(struct hostq *q, size_t host)
{
	q->h[host].active--;
	q->running--;
}

size_t
hostq_running(const struct hostq *q)
{
	return q->running;
}
