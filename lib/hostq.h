/*
 * hostq: the jobs waiting to start, queued by host, and the limits on
 * starting them: at most maxjobs running in all, perhost per host, and a
 * delay between two starts on one host (politeness).  Time comes from a
 * clock the caller injects, so the scheduler runs in tests without a
 * network or a real wait.
 *
 * Jobs and hosts are the caller's indices: hostq_host() numbers hosts
 * from 0 in the order their keys are first seen.  A host's jobs start in
 * the order they were queued; a job queued at the front (a retry) goes
 * first.  A hostq owns its copies of the host keys and its queues;
 * hostq_free() releases everything (hostq_free(NULL) is a no-op).
 */
#ifndef HOSTQ_H
#define HOSTQ_H

#include <stddef.h>

/* Seconds from any fixed origin, never going back. */
typedef double (*hostq_clock)(void *arg);

struct hostq;

struct hostq	*hostq_new(size_t maxjobs, size_t perhost, double delay,
		    hostq_clock clock, void *clockarg);
void		 hostq_free(struct hostq *);

/* The index of the host with this key (scheme://host:port), added if new. */
size_t		 hostq_host(struct hostq *, const char *key);
const char	*hostq_key(const struct hostq *, size_t host);

/*
 * Queue job on host, to start no earlier than not_before (clock time; 0:
 * at once): at the back, or with front at the front.
 */
void		 hostq_add(struct hostq *, size_t host, size_t job,
		    double not_before, int front);

/*
 * Start what the limits allow: for each host with waiting jobs, in the
 * order they first got one, and each job at the head of its queue, call
 * start(job, arg), counting it running on its host.  Looks only at hosts
 * with waiting jobs, so a pass costs what is waiting, not every job.
 * Returns the seconds until a waiting job could start (a host's delay or
 * a job's not_before), or -1 when none is waiting on time.
 */
double		 hostq_schedule(struct hostq *, void (*start)(size_t job,
		    void *arg), void *arg);

/* A job started on host has ended (or will be retried): one less runs. */
void		 hostq_done(struct hostq *, size_t host);
size_t		 hostq_running(const struct hostq *);

#endif
