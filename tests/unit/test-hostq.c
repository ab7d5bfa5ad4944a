/* test-hostq: per-host queues under an injected clock (lib/hostq.c). */
#include <stdio.h>
#include <string.h>

#include "hostq.h"
#include "util.h"

static double	 clk;		/* the injected clock, in seconds */
static size_t	 started[64];	/* jobs in the order they started */
static size_t	 nstarted;
static int	 fails, checks;

static double
fake_clock(void *arg)
{
	(void)arg;
	return clk;
}

static void
start(size_t job, void *arg)
{
	(void)arg;
	if (nstarted < sizeof(started) / sizeof(started[0]))
		started[nstarted++] = job;
}

/* One pass at time t: the jobs it starts (want, -1 ended) and its wake. */
static void
pass(struct hostq *q, double t, const int *want, double wake,
    const char *what)
{
	char got[256], exp[256];
	double w;
	size_t i, n = 0;

	clk = t;
	nstarted = 0;
	w = hostq_schedule(q, start, NULL);
	got[0] = exp[0] = '\0';
	for (i = 0; i < nstarted; i++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), " %zu",
		    started[i]);
	for (n = 0; want[n] >= 0; n++)
		snprintf(exp + strlen(exp), sizeof(exp) - strlen(exp), " %d",
		    want[n]);
	checks++;
	if (strcmp(got, exp) != 0 || (w < 0 ? wake >= 0 :
	    wake < 0 || w - wake > 1e-9 || wake - w > 1e-9)) {
		printf("FAIL %s at t=%g: started [%s ], want [%s ]; wake %g, "
		    "want %g\n", what, t, got, exp, w, wake);
		fails++;
	}
}

/* The delay between two starts on one host, and per-host limits. */
static void
test_delay(void)
{
	struct hostq *q;
	size_t a, b;

	q = hostq_new(10, 2, 1.0, fake_clock, NULL);
	a = hostq_host(q, "http://a:80");
	b = hostq_host(q, "http://b:80");
	hostq_add(q, a, 0, 0, 0);
	hostq_add(q, a, 1, 0, 0);
	hostq_add(q, a, 2, 0, 0);
	hostq_add(q, b, 3, 0, 0);
	pass(q, 0, (const int[]){ 0, 3, -1 }, 1.0, "first pass");
	pass(q, 0.5, (const int[]){ -1 }, 0.5, "within the delay");
	pass(q, 1.0, (const int[]){ 1, -1 }, -1, "after the delay");
	pass(q, 5.0, (const int[]){ -1 }, -1, "at perhost");
	hostq_done(q, a);
	pass(q, 5.0, (const int[]){ 2, -1 }, -1, "a slot freed");
	hostq_done(q, a);
	hostq_done(q, a);
	hostq_done(q, b);
	checks++;
	if (hostq_running(q) != 0) {
		printf("FAIL running %zu after all done\n", hostq_running(q));
		fails++;
	}
	hostq_free(q);
}

/* A retry goes to the front, and waits for its own not_before. */
static void
test_retry(void)
{
	struct hostq *q;
	size_t a;

	q = hostq_new(10, 1, 0.25, fake_clock, NULL);
	a = hostq_host(q, "https://a:443");
	hostq_add(q, a, 0, 0, 0);
	hostq_add(q, a, 1, 0, 0);
	pass(q, 0, (const int[]){ 0, -1 }, -1, "retry: first");
	hostq_done(q, a);
	hostq_add(q, a, 0, 2.0, 1);	/* job 0 again, backoff to t=2 */
	pass(q, 1.0, (const int[]){ -1 }, 1.0, "retry: backoff");
	pass(q, 2.0, (const int[]){ 0, -1 }, -1, "retry: front");
	hostq_done(q, a);
	pass(q, 2.1, (const int[]){ -1 }, 0.15, "retry: delay");
	pass(q, 2.25, (const int[]){ 1, -1 }, -1, "retry: then the rest");
	hostq_free(q);
}

/* The total limit; hosts in the order they first had work. */
static void
test_total(void)
{
	struct hostq *q;
	size_t h[3];

	q = hostq_new(2, 5, 0, fake_clock, NULL);
	h[0] = hostq_host(q, "http://c:80");
	h[1] = hostq_host(q, "http://a:80");
	h[2] = hostq_host(q, "http://b:80");
	hostq_add(q, h[2], 7, 0, 0);
	hostq_add(q, h[0], 8, 0, 0);
	hostq_add(q, h[1], 9, 0, 0);
	hostq_add(q, h[2], 10, 0, 0);
	pass(q, 0, (const int[]){ 7, 10, -1 }, -1, "total: first host");
	hostq_done(q, h[2]);
	pass(q, 0, (const int[]){ 8, -1 }, -1, "total: next host");
	hostq_done(q, h[2]);
	pass(q, 0, (const int[]){ 9, -1 }, -1, "total: last host");
	pass(q, 0, (const int[]){ -1 }, -1, "total: nothing waits");
	hostq_free(q);
}

/* Keys name hosts: the same key, the same index, past the index growth. */
static void
test_keys(void)
{
	struct hostq *q;
	char key[64];
	size_t i, k;

	q = hostq_new(1, 1, 0, fake_clock, NULL);
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "http://h%zu:80", i);
		if ((k = hostq_host(q, key)) != i)
			break;
	}
	for (i = 0; i < 1000; i += 7) {
		snprintf(key, sizeof(key), "http://h%zu:80", i);
		k = hostq_host(q, key);
		if (k != i || strcmp(hostq_key(q, k), key) != 0)
			break;
	}
	checks++;
	if (i < 1000) {
		printf("FAIL host key %s: index %zu\n", key, k);
		fails++;
	}
	hostq_free(q);
	hostq_free(NULL);
}

int
main(void)
{
	zb_setprog("test-hostq");
	test_delay();
	test_retry();
	test_total();
	test_keys();
	printf("test-hostq: %d passed, %d failed\n", checks - fails, fails);
	return fails != 0;
}
