/* zb-fetch: fetch policy notices over HTTP(S) as JSON document records. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "addr.h"
#include "cache.h"
#include "docrec.h"
#include "fetchopt.h"
#include "hostq.h"
#include "memo.h"
#include "notice.h"
#include "outcome.h"
#include "reader.h"
#include "state.h"
#include "util.h"
#include "xfer.h"

#define BACKOFF		0.5	/* seconds before the first retry, doubled */
#define LINECAP		(64 << 20)
#define WINDOW		16	/* jobs admitted ahead of the output, per -j */

enum jstate { J_WAIT, J_RUN, J_DONE };

struct job {
	char		*url;
	size_t		 host;		/* in hq */
	enum jstate	 st;
	int		 tries;
	struct xfer	 x;		/* its curl handle, body, validators */
	json_t		*out;		/* records to write, in order */
};

static struct fetchopt	 opt;		/* the options */
static pcre2_code	*linkpat;	/* -l, compiled */

static struct state	*state;
static struct outcome_ctx octx;		/* state, cache, -l, -m, -t */
static struct buf	 cablob;
static CURLM		*multi;
static struct hostq	*hq;		/* waiting jobs by host */
static struct job	*jobs;
static size_t		 njobs, ndone, nemitted, nfailed;
static size_t		 nadmitted;	/* jobs handed to the scheduler */
static size_t		 jobcap;
static struct memo	 urlidx;	/* URL -> job index */
static unsigned long long nbytes;
static int		 progress;	/* 1 on a terminal, 2 forced (-P) */
static double		 started, shown;	/* run()'s start, last shown */
static int		 status = EXIT_OK;

/* Count what an outcome reports (OUTCOME_* flags). */
static void
note(int flags)
{
	if (flags & OUTCOME_FAILED)
		nfailed++;
	if (flags & (OUTCOME_FAILED | OUTCOME_TROUBLE))
		status = EXIT_TROUBLE;
}

static void
now_iso(char *out, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Seconds on the monotonic clock; the scheduler's (hostq) too. */
static double
now(void *arg)
{
	struct timespec ts;

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- finishing a transfer ------------------------------------------------ */

/* The record of a transfer that ended with curl error rc. */
static void
finish_error(struct job *j, json_t *rec, CURLcode rc)
{
	char msg[CURL_ERROR_SIZE + 128];

	xfer_error(&j->x, rc, msg, sizeof(msg));
	if (j->tries > 1)
		snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg),
		    " (%d attempts)", j->tries);
	note(outcome_conclude(j->out, rec, "error", msg));
}

/* Release what a finished transfer holds; the job is done. */
static void
release(struct job *j)
{
	nbytes += j->x.body.len;
	xfer_free(&j->x);
	j->st = J_DONE;
	ndone++;
}

/* Put j back in its host's queue for another try after the backoff. */
static void
retry(struct job *j)
{
	j->st = J_WAIT;
	xfer_reset(&j->x);
	hostq_add(hq, j->host, (size_t)(j - jobs), now(NULL) + BACKOFF *
	    pow(2, j->tries - 1), 1);
}

/* What the transfer of j gave, for the outcome module. */
static void
fetched(struct job *j, struct outcome_fetch *f, const char *at)
{
	f->url = j->url;
	f->final_url = NULL;
	f->ctype = NULL;
	curl_easy_getinfo(j->x.easy, CURLINFO_EFFECTIVE_URL, &f->final_url);
	curl_easy_getinfo(j->x.easy, CURLINFO_CONTENT_TYPE, &f->ctype);
	f->body = j->x.body.data;
	f->len = j->x.body.len;
	f->etag = j->x.etag;
	f->lastmod = j->x.lastmod;
	f->at = at;
}

/* A transfer ended with rc: retry it, or decide its record. */
static void
finish(struct job *j, CURLcode rc)
{
	struct outcome_fetch f;
	char at[32], msg[96];
	json_t *rec;
	long code = 0;

	curl_multi_remove_handle(multi, j->x.easy);
	hostq_done(hq, j->host);
	curl_easy_getinfo(j->x.easy, CURLINFO_RESPONSE_CODE, &code);
	if (xfer_transient(&j->x, rc, code) && j->tries <= opt.retries) {
		retry(j);
		return;
	}
	now_iso(at, sizeof(at));
	rec = xfer_record(&j->x, j->url, rc, code, at);
	snprintf(msg, sizeof(msg), "HTTP %ld", code);
	if (j->tries > 1)
		snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg),
		    " (%d attempts)", j->tries);
	fetched(j, &f, at);
	if (rc != CURLE_OK)
		finish_error(j, rec, rc);
	else if (code == 403 || code == 412 || code == 521)
		note(outcome_conclude(j->out, rec, "blocked", msg));
	else if (code == 304)
		note(outcome_304(&octx, &f, rec, j->out));
	else if (code == 200 || code == 203)
		note(outcome_body(&octx, &f, rec, j->out));
	else if (code >= 200 && code < 300) {
		/* 206 is a part, 204 nothing: neither is the document */
		snprintf(msg, sizeof(msg), "HTTP %ld: not a whole document "
		    "(only 200 and 203 are)", code);
		note(outcome_conclude(j->out, rec, "error", msg));
	} else
		note(outcome_conclude(j->out, rec, "error", msg));
	release(j);
}

/* ---- the transfer loop --------------------------------------------------- */

/* Start job k's transfer, its first try or another (hostq_schedule()). */
static void
start(size_t k, void *arg)
{
	const struct state_entry *old;
	struct xfer_opts o = { opt.timeout, opt.maxbytes, &cablob };
	struct job *j = &jobs[k];

	(void)arg;
	if (j->x.easy == NULL) {
		old = state_get(state, linkpat != NULL ? STATE_LIST :
		    STATE_DOC, j->url);
		xfer_setup(&j->x, j->url, &o, old != NULL ? old->f[SD_ETAG] :
		    NULL, old != NULL ? old->f[SD_LASTMOD] : NULL, j);
	}
	j->x.errbuf[0] = '\0';
	j->tries++;
	j->st = J_RUN;
	curl_multi_add_handle(multi, j->x.easy);
}

/*
 * The progress line on stderr: documents done of all, failures, bytes,
 * rate and time left.  On a terminal it is redrawn in place (\r); forced
 * with -P elsewhere, it is a line of its own, at most one a second.  The
 * last one (end set) is always shown.
 */
static void
show_progress(int end)
{
	double t, rate, eta;

	if (!progress)
		return;
	t = now(NULL);
	if (!end && t - shown < (progress == 1 ? 0.2 : 1.0))
		return;
	shown = t;
	rate = t > started ? ndone / (t - started) : 0;
	fprintf(stderr, "%szb-fetch: %zu/%zu done, %zu failed, %.1f MB, "
	    "%.1f/s", progress == 1 ? "\r" : "", ndone, njobs, nfailed,
	    nbytes / 1048576.0, rate);
	if (!end && rate > 0) {
		eta = (njobs - ndone) / rate;
		fprintf(stderr, ", ETA %d:%02d", (int)eta / 60, (int)eta % 60);
	} else if (end)
		fprintf(stderr, ", %.1f s", t - started);
	fputs(progress == 1 ? "\033[K" : "\n", stderr);
	if (end && progress == 1)
		fputc('\n', stderr);
}

/* Write o to stdout; what names it (a URL, FILE:LINE) if it cannot be. */
static void
write_record(const json_t *o, const char *what)
{
	if (docrec_write(stdout, o) != 0) {
		zb_warnx("%s: cannot encode the record", what);
		status = EXIT_TROUBLE;
	}
}

/* Write the records of finished jobs, in input order. */
static void
emit(void)
{
	struct job *j;
	const char *u;
	size_t i;

	for (; nemitted < njobs && jobs[nemitted].st == J_DONE; nemitted++) {
		j = &jobs[nemitted];
		for (i = 0; i < json_array_size(j->out); i++) {
			u = json_string_value(json_object_get(
			    json_array_get(j->out, i), "url"));
			write_record(json_array_get(j->out, i),
			    u != NULL ? u : j->url);
		}
		json_decref(j->out);
		j->out = NULL;
		fflush(stdout);
	}
}

/*
 * Hand the scheduler the jobs within WINDOW of the first record not yet
 * written: records are written in input order, so finished ones wait for
 * the earlier ones, and this bounds how many wait (one slow URL no
 * longer holds back the records of the whole run).
 */
static void
admit(void)
{
	size_t window = (size_t)opt.maxjobs * WINDOW;

	for (; nadmitted < njobs && nadmitted < nemitted + window;
	    nadmitted++)
		if (jobs[nadmitted].st == J_WAIT &&
		    jobs[nadmitted].x.easy == NULL)
			hostq_add(hq, jobs[nadmitted].host, nadmitted, 0, 0);
}

static void
run(void)
{
	CURLMsg *m;
	char *priv;
	double wake;
	long ms;
	int still, left;

	started = now(NULL);
	multi = curl_multi_init();
	curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, opt.perhost);
	curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, opt.maxjobs);
	emit();
	while (ndone < njobs) {
		admit();
		wake = hostq_schedule(hq, start, NULL);
		curl_multi_perform(multi, &still);
		while ((m = curl_multi_info_read(multi, &left)) != NULL) {
			if (m->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE,
			    &priv);
			finish((struct job *)(void *)priv, m->data.result);
			show_progress(0);
		}
		emit();
		if (ndone == njobs)
			break;
		curl_multi_timeout(multi, &ms);
		if (ms < 0 || ms > 1000)
			ms = 1000;
		if (wake >= 0 && wake * 1000 < ms)
			ms = (long)(wake * 1000) + 1;
		if (still > 0 || wake >= 0)
			curl_multi_poll(multi, NULL, 0, (int)ms, NULL);
	}
	show_progress(1);
	curl_multi_cleanup(multi);
}

/* ---- input --------------------------------------------------------------- */

/*
 * Remember URL u -> job i in urlidx, whose keys so far are the URLs of
 * jobs 0..i.  A memo empties itself when full; this one doubles instead,
 * re-adding the keys, so the cost stays linear.
 */
static void
index_put(const char *u, size_t i)
{
	size_t k, max;

	if (urlidx.slot == NULL || urlidx.n >= urlidx.max) {
		max = urlidx.slot == NULL ? 256 : urlidx.max * 2;
		memo_free(&urlidx);
		memo_init(&urlidx, sizeof(size_t), max);
		for (k = 0; k < i; k++)
			memo_put(&urlidx, jobs[k].url, strlen(jobs[k].url),
			    &k);
	}
	memo_put(&urlidx, u, strlen(u), &i);
}

/*
 * Is the list page a URL was found on itself on a loopback, private or
 * link-local address (its host resolved now)?  The last answer is kept:
 * a list's links come together.
 */
static int
list_local(const char *list)
{
	static char *last;
	static int answer;
	CURLU *h;
	char *host = NULL;
	size_t n;

	if (list == NULL) {
		free(last);
		last = NULL;
		return 0;
	}
	if (last != NULL && strcmp(last, list) == 0)
		return answer;
	free(last);
	last = xstrdup(list);
	answer = 0;
	h = curl_url();
	if (curl_url_set(h, CURLUPART_URL, list, 0) == CURLUE_OK &&
	    curl_url_get(h, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		n = strlen(host);
		if (n > 2 && host[0] == '[') {	/* [::1] */
			host[n - 1] = '\0';
			answer = addr_host_local(host + 1);
		} else
			answer = addr_host_local(host);
	}
	curl_free(host);
	curl_url_cleanup(h);
	return answer;
}

/*
 * A job for URL u, unless one is there already; queued on its host.  list
 * is the list page u was found on (a record's "list", else the state's),
 * or NULL: where u may lead (struct xfer).
 */
static void
add_url(const char *u, const char *list)
{
	const struct state_entry *e;
	struct buf key = {0};
	const char *why = NULL;
	struct job *j;
	char at[32];
	json_t *rec;

	if (urlidx.slot != NULL && memo_get(&urlidx, u, strlen(u)) != NULL)
		return;
	if (njobs == jobcap) {
		jobcap = jobcap == 0 ? 64 : jobcap * 2;
		jobs = xreallocarray(jobs, jobcap, sizeof(*jobs));
	}
	j = &jobs[njobs];
	memset(j, 0, sizeof(*j));
	j->url = xstrdup(u);
	j->out = json_array();
	index_put(j->url, njobs++);
	if (list == NULL && (e = state_get(state, STATE_LINK, u)) != NULL &&
	    *e->f[SL_LIST] != '\0')
		list = e->f[SL_LIST];
	j->x.self = list == NULL;
	j->x.allow_local = opt.anyaddr || (list != NULL && list_local(list));
	if (xfer_host_key(u, &key, &why) != 0) {
		rec = docrec_new(u);
		now_iso(at, sizeof(at));
		docrec_set(rec, DR_FETCHED_AT, at);
		note(outcome_conclude(j->out, rec, "error", why));
		j->st = J_DONE;
		ndone++;
	} else
		j->host = hostq_host(hq, key.data);	/* admit() queues it */
	buf_free(&key);
}

/* One line of standard input: a URL, a JSON record with a "url", or none. */
static void
url_line(const char *s, size_t n, unsigned long lineno)
{
	json_error_t je;
	json_t *o;
	char *u;
	size_t a, b;

	for (a = 0; a < n && strchr(" \t\r", s[a]) != NULL; a++)
		;
	for (b = n; b > a && strchr(" \t\r", s[b - 1]) != NULL; b--)
		;
	if (a == b || s[a] == '#')
		return;
	if (s[a] != '{') {
		u = xmemdup(s + a, b - a);
		add_url(u, NULL);
		free(u);
		return;
	}
	if ((o = json_loadb(s + a, b - a, 0, &je)) == NULL) {
		zb_warnx("<stdin>:%lu:%d: %s", lineno, je.column + (int)a,
		    je.text);
		status = EXIT_TROUBLE;
	} else if (json_is_integer(json_object_get(o, "links")))
		;	/* the record of a list page itself (-l): checked */
	else if (json_is_string(json_object_get(o, "url")))
		add_url(json_string_value(json_object_get(o, "url")),
		    json_string_value(json_object_get(o, "list")));
	else {
		zb_warnx("<stdin>:%lu: record has no \"url\" string", lineno);
		status = EXIT_TROUBLE;
	}
	json_decref(o);
}

/*
 * URL lines, or JSON records with a "url", from standard input (plain or
 * gzip).  A read error is reported and ends the input; the line it cut
 * short is not used.
 */
static void
read_urls(void)
{
	struct reader *r;
	struct line l;
	int rc;

	if ((r = reader_open("-", LINECAP)) == NULL)
		zb_err("<stdin>");
	while ((rc = reader_next(r, &l)) == 1) {
		if (reader_failed(r))
			continue;	/* cut short; -1 comes next */
		if (!l.partial) {
			url_line(l.data, l.len, l.lineno);
			continue;
		}
		zb_warnx("<stdin>:%lu: line longer than %d bytes; skipped",
		    l.lineno, LINECAP);
		status = EXIT_TROUBLE;
		while (l.partial && (rc = reader_next(r, &l)) == 1)
			;
		if (rc != 1)
			break;
	}
	if (rc < 0) {
		zb_warnx("<stdin>: %s", reader_error(r));
		status = EXIT_TROUBLE;
	}
	if (reader_close(r) != 0 && rc == 0) {
		zb_warn("<stdin>");
		status = EXIT_TROUBLE;
	}
}

static void
compile_pattern(const char *s)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int e;

	linkpat = pcre2_compile((PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP, &e, &off, NULL);
	if (linkpat == NULL) {
		pcre2_get_error_message(e, msg, sizeof(msg));
		zb_errx("-l: %s at offset %zu of \"%s\"", (char *)msg, (size_t)off,
		    s);
	}
	(void)pcre2_jit_compile(linkpat, PCRE2_JIT_COMPLETE);
}

static void
cleanup(void)
{
	size_t i;

	for (i = 0; i < njobs; i++) {
		free(jobs[i].url);
		json_decref(jobs[i].out);
		xfer_free(&jobs[i].x);
	}
	free(jobs);
	hostq_free(hq);
	memo_free(&urlidx);
	pcre2_code_free(linkpat);
	buf_free(&cablob);
	state_free(state);
	list_local(NULL);
	notice_cleanup();
	html_cleanup();
	curl_global_cleanup();
}

/* The scheduler and what every outcome shares, from the options. */
static void
prepare(void)
{
	hq = hostq_new((size_t)opt.maxjobs, (size_t)opt.perhost, opt.delay, now,
	    NULL);
	if (isatty(STDERR_FILENO))
		progress = 1;
	octx.state = state;
	octx.cachedir = opt.cachedir;
	octx.linkpat = linkpat;
	octx.maxbytes = (size_t)opt.maxbytes;
	octx.timeout = opt.timeout;
	octx.maxlinks = (size_t)opt.maxlinks;
	octx.samehost = opt.samehost;
}

int
main(int argc, char *argv[])
{
	char **args = argv;
	int i;

	zb_start(argc, argv);
	optind = fetchopt_parse(&opt, argc, args);
	if (opt.pattern != NULL)
		compile_pattern(opt.pattern);
	progress = opt.progress ? 2 : 0;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		zb_errx("cannot initialise libcurl");
	notice_init();
	file_tmpfile_signals();	/* a kill leaves no temporary file */
	state = state_new();
	atexit(cleanup);
	if (opt.cafile != NULL)
		xfer_load_ca(opt.cafile, &cablob);
	if (opt.statefile != NULL && state_load(state, opt.statefile) != 0)
		zb_errx("state file %s not used; nothing fetched", opt.statefile);
	if (opt.cachedir != NULL && cache_init(opt.cachedir) != 0)
		exit(EXIT_TROUBLE);
	prepare();
	if (opt.audit) {
		for (i = optind; i < argc || i == optind; i++)
			note(outcome_audit(&octx, i < argc ? args[i] : "-",
			    stdout));
	} else {
		if (optind == argc)
			fetchopt_usage(0);
		if (opt.restore != NULL && state_restore(state, opt.restore,
		    (const char *const *)args + optind, (size_t)(argc -
		    optind)) != 0)
			zb_errx("state file %s not used; nothing restored",
			    opt.restore);
		for (i = optind; i < argc && opt.restore == NULL; i++)
			if (strcmp(args[i], "-") == 0)
				read_urls();
			else
				add_url(args[i], NULL);
		if (opt.restore == NULL)
			run();
	}
	/*
	 * The state is saved only once every record is out: saved after a
	 * write error (a full disk), it would hide the records lost from the
	 * next run, which would see nothing new.
	 */
	if (file_stdout_close() < 0) {
		status = EXIT_TROUBLE;
		if (!opt.audit && opt.statefile != NULL)
			zb_warnx("state file %s left as it was", opt.statefile);
	} else if (!opt.audit && opt.statefile != NULL &&
	    state_save(state, opt.statefile) != 0)
		status = EXIT_TROUBLE;
	return status;
}
