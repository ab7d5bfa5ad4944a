/* zb-fetch: fetch policy notices over HTTP(S) as JSON document records. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "cache.h"
#include "charset.h"
#include "html.h"
#include "jsonl.h"
#include "memo.h"
#include "notice.h"
#include "reader.h"
#include "sha.h"
#include "state.h"
#include "utf8.h"
#include "util.h"

#define MAXREDIRS	5L
#define BACKOFF		0.5	/* seconds before the first retry, doubled */
#define CHALLENGE	300	/* less text than this: maybe a JS challenge */
#define LINECAP		(64 << 20)
#define NONE		((size_t)-1)

enum jstate { J_WAIT, J_RUN, J_DONE };

/*
 * A host's waiting jobs are a queue of job indices, q[qhead..qlen), in
 * input order (a retry goes back to the front); the hosts with any are a
 * list, so schedule() looks only at hosts that have work.
 */
struct host {
	char		*key;		/* scheme://host:port */
	int		 active;
	double		 next;		/* earliest next start (politeness) */
	size_t		*q;
	size_t		 qhead, qlen, qcap;
	size_t		 prev, succ;	/* in the waiting list, or NONE */
	int		 listed;
};

struct job {
	char		*url;
	size_t		 host;
	enum jstate	 st;
	int		 tries;
	double		 not_before;
	CURL		*easy;
	struct curl_slist *hdrs;
	struct buf	 body;
	char		*etag, *lastmod;	/* raw, as the server sent them */
	int		 too_big;
	char		 errbuf[CURL_ERROR_SIZE];
	json_t		*out;		/* records to write, in order */
};

/* options */
static long		 maxjobs = 4;
static long		 perhost = 2;
static double		 delay = 0.25;
static long		 retries = 3;
static double		 timeout = 60;
static curl_off_t	 maxbytes = 50L << 20;
static const char	*statefile;
static const char	*cachedir;
static const char	*cafile;
static pcre2_code	*linkpat;
static pcre2_match_data	*linkmd;
static int		 audit;

static struct state	*state;
static struct buf	 cablob;
static CURLM		*multi;
static struct job	*jobs;
static size_t		 njobs, ndone, nemitted, nfailed, running;
static size_t		 jobcap;
static struct host	*hosts;
static size_t		 nhosts, hostcap;
static size_t		 hfirst = NONE, hlast = NONE;	/* waiting list */
static struct memo	 urlidx, hostidx;	/* URL, host key -> index */
static unsigned long long nbytes;
static int		 progress;
static int		 status = EXIT_OK;

/* ---- records ------------------------------------------------------------- */

static const char *const keys[] = {
	"url", "final_url", "status", "state", "error", "fetched_at", "etag",
	"last_modified", "content_type", "charset", "sha256", "bytes",
	"title", "text", "doc_number", "issuer", "issued", "list", NULL
};

/*
 * A JSON string for bytes v, which may come from the network or the
 * command line: as they are when valid UTF-8; else, for a URL, with every
 * byte >= 0x80 percent-escaped, and for other text (a header, a message)
 * read as ISO-8859-1, as HTTP reads header bytes.  Never null for a
 * string, so an ETag of bytes FF FE is "\u00ff\u00fe", not lost.
 */
static json_t *
jstr(const char *v, int url)
{
	struct buf b = {0};
	json_t *o;
	char esc[4];
	size_t i, n;

	if (v == NULL)
		return json_null();
	n = strlen(v);
	if (utf8_check(v, n) == n)
		return json_stringn(v, n);
	if (!url)
		charset_to_utf8("ISO-8859-1", v, n, &b);
	else
		for (i = 0; i < n; i++) {
			if ((unsigned char)v[i] < 0x80) {
				buf_addc(&b, v[i]);
				continue;
			}
			snprintf(esc, sizeof(esc), "%%%02X",
			    (unsigned char)v[i]);
			buf_adds(&b, esc);
		}
	o = json_stringn(b.data != NULL ? b.data : "", b.len);
	buf_free(&b);
	return o;
}

/* Set key k of o to v (NULL is null), made valid UTF-8 by jstr(). */
static void
setstr(json_t *o, const char *k, const char *v)
{
	int url;

	url = strcmp(k, "url") == 0 || strcmp(k, "final_url") == 0 ||
	    strcmp(k, "list") == 0;
	json_object_set_new(o, k, jstr(v, url));
}

/* A record with every key, in order, null. */
static json_t *
record(const char *url)
{
	json_t *o;
	int i;

	o = json_object();
	for (i = 0; keys[i] != NULL; i++)
		json_object_set_new(o, keys[i], json_null());
	setstr(o, "url", url);
	return o;
}

static void
now_iso(char *out, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Finish a job with one record that ended in state st. */
static void
conclude(struct job *j, json_t *rec, const char *st, const char *error)
{
	setstr(rec, "state", st);
	if (error != NULL)
		setstr(rec, "error", error);
	if (strcmp(st, "blocked") == 0 || strcmp(st, "error") == 0) {
		nfailed++;
		status = EXIT_TROUBLE;
	}
	if (rec != NULL)
		json_array_append_new(j->out, rec);
}

/* ---- conversion ---------------------------------------------------------- */

/* Is prog an executable file in PATH? */
static int
in_path(const char *prog)
{
	const char *p = getenv("PATH"), *e;
	struct buf b = {0};
	int ok = 0;

	for (; p != NULL && !ok; p = *e != '\0' ? e + 1 : NULL) {
		e = p + strcspn(p, ":");
		buf_clear(&b);
		buf_add(&b, p, (size_t)(e - p));
		buf_addc(&b, '/');
		buf_adds(&b, prog);
		ok = access(b.data, X_OK) == 0;
	}
	buf_free(&b);
	return ok;
}

/* why gets what, then the system error. */
static void
why_errno(struct buf *why, const char *what)
{
	const char *e = strerror(errno);

	buf_adds(why, what);
	buf_adds(why, e);
}

/*
 * Write s[0..n) to a new temporary file whose name mkstemp() puts in tmp.
 * Returns 0, or -1 with errno set and no file left.
 */
static int
write_temp(char *tmp, size_t size, const char *s, size_t n)
{
	const char *dir = getenv("TMPDIR");
	ssize_t k;
	int fd, e;

	snprintf(tmp, size, "%s/zb-fetch.XXXXXX", dir != NULL && *dir != '\0' ?
	    dir : "/tmp");
	if ((fd = mkstemp(tmp)) < 0)
		return -1;
	while (n > 0) {
		if ((k = write(fd, s, n)) < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (k == 0)
				errno = ENOSPC;	/* a short write, not "Success" */
			e = errno;
			close(fd);
			goto fail;
		}
		s += k;
		n -= (size_t)k;
	}
	if (close(fd) == 0)
		return 0;
	e = errno;
fail:
	unlink(tmp);
	errno = e;
	return -1;
}

/*
 * Read the output of child pid from fd into raw until the end, at most
 * maxbytes (-m) of it and for at most timeout (-t) seconds; past either
 * the child is killed.  Returns 0, or -1 with the reason in why.
 */
static int
drain(int fd, pid_t pid, struct buf *raw, struct buf *why)
{
	char chunk[65536], msg[96];
	struct pollfd pfd = { fd, POLLIN, 0 };
	double end = now() + timeout;
	ssize_t k;

	for (;;) {
		if (now() >= end) {
			snprintf(msg, sizeof(msg), "pdftotext took longer than "
			    "%g s (-t)", timeout);
			break;
		}
		k = poll(&pfd, 1, (int)ceil((end - now()) * 1000));
		if (k == 0 || (k < 0 && errno == EINTR))
			continue;
		if (k > 0 && (k = read(fd, chunk, sizeof(chunk))) == 0)
			return 0;
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			why_errno(why, "cannot read from pdftotext: ");
			kill(pid, SIGKILL);
			return -1;
		}
		if ((curl_off_t)(raw->len + (size_t)k) > maxbytes) {
			snprintf(msg, sizeof(msg), "PDF text larger than %lld "
			    "bytes (-m)", (long long)maxbytes);
			break;
		}
		buf_add(raw, chunk, (size_t)k);
	}
	kill(pid, SIGKILL);
	buf_adds(why, msg);
	return -1;
}

/* In the child: stdin from /dev/null, stdout to fd, then pdftotext tmp. */
static void
exec_pdftotext(int fd, const char *tmp)
{
	int null;

	if ((null = open("/dev/null", O_RDONLY)) >= 0 && null != STDIN_FILENO) {
		dup2(null, STDIN_FILENO);
		close(null);
	}
	if (fd != STDOUT_FILENO) {
		dup2(fd, STDOUT_FILENO);
		close(fd);
	}
	execlp("pdftotext", "pdftotext", "-layout", "-enc", "UTF-8", "-q",
	    tmp, "-", (char *)NULL);
	_exit(127);
}

/*
 * Run pdftotext on the file tmp, its output into raw.  Returns 0, or -1
 * with the reason in why; no descriptor or child is left behind.
 */
static int
run_pdftotext(const char *tmp, struct buf *raw, struct buf *why)
{
	pid_t pid;
	int p[2], ws, rc;

	if (pipe(p) != 0) {
		why_errno(why, "cannot run pdftotext: ");
		return -1;
	}
	if ((pid = fork()) < 0) {
		why_errno(why, "cannot run pdftotext: ");
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		exec_pdftotext(p[1], tmp);
	}
	close(p[1]);
	rc = drain(p[0], pid, raw, why);
	close(p[0]);
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR) {
			if (rc == 0)
				why_errno(why, "pdftotext: ");
			return -1;
		}
	if (rc == 0 && (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0)) {
		buf_adds(why, "pdftotext could not read the PDF");
		rc = -1;
	}
	return rc;
}

/*
 * Text of a PDF through `pdftotext -layout`, appended to text: at most -m
 * bytes of it, within -t seconds.  Returns 0, or -1 with the reason in
 * why.
 */
static int
pdf_text(const char *s, size_t n, struct buf *text, struct buf *why)
{
	char tmp[4096];
	struct buf raw = {0};
	size_t i;
	int rc;

	if (!in_path("pdftotext")) {
		buf_adds(why, "PDF needs pdftotext, which is not installed "
		    "(install poppler-utils)");
		return -1;
	}
	if (write_temp(tmp, sizeof(tmp), s, n) != 0) {
		why_errno(why, "cannot write the PDF for pdftotext: ");
		return -1;
	}
	rc = run_pdftotext(tmp, &raw, why);
	unlink(tmp);
	if (rc == 0) {
		for (i = 0; i < raw.len; i++)
			if (raw.data[i] == '\f')
				raw.data[i] = '\n';
		charset_to_utf8("UTF-8", raw.data != NULL ? raw.data : "",
		    raw.len, text);
	}
	buf_free(&raw);
	return rc;
}

/* Does s contain w, ignoring ASCII case? */
static int
icontains(const char *s, const char *w)
{
	size_t wl = strlen(w);

	for (; *s != '\0'; s++)
		if (strncasecmp(s, w, wl) == 0)
			return 1;
	return 0;
}

static int
has(const char *s, size_t n, const char *w)
{
	size_t i, wl = strlen(w);

	for (i = 0; i + wl <= n; i++)
		if (s[i] == w[0] && memcmp(s + i, w, wl) == 0)
			return 1;
	return 0;
}

/* A page with almost no text that runs a JavaScript check first. */
static int
challenge(const char *s, size_t n, size_t textlen)
{
	static const char *const marks[] = {
		"document.cookie", "jsl_clearance", "acw_sc__v2",
		"cf-browser-verification", "challenge-platform", "cf_chl",
		"$_ts", "enable JavaScript", "JavaScript is disabled",
		"\xe5\x90\xaf\xe7\x94\xa8JavaScript",	/* 启用 */
		"\xe5\xbc\x80\xe5\x90\xafJavaScript",	/* 开启 */
		"location.reload", NULL
	};
	int i;

	if (textlen >= CHALLENGE)
		return 0;
	for (i = 0; marks[i] != NULL; i++)
		if (has(s, n, marks[i]))
			return 1;
	return 0;
}

enum kind { K_HTML, K_TEXT, K_PDF, K_OTHER };

static enum kind
kind_of(const char *ctype, const char *s, size_t n)
{
	size_t i;

	if (n >= 5 && memcmp(s, "%PDF-", 5) == 0)
		return K_PDF;
	if (ctype != NULL && icontains(ctype, "pdf"))
		return K_PDF;
	if (ctype != NULL && (icontains(ctype, "html") ||
	    icontains(ctype, "xml")))
		return K_HTML;
	if (ctype != NULL && strncasecmp(ctype, "text/", 5) == 0)
		return K_TEXT;
	if (ctype == NULL || strncasecmp(ctype, "application/octet-stream",
	    24) == 0) {
		for (i = 0; i < n && strchr(" \t\r\n", s[i]) != NULL; i++)
			;
		return i < n && s[i] == '<' ? K_HTML : K_TEXT;
	}
	return K_OTHER;
}

/* What a body says, in UTF-8. */
struct doc {
	struct buf	 text;
	char		*title;
	char		 charset[CHARSET_MAX];
	struct html_links links;
	int		 blocked;
};

static void
doc_free(struct doc *d)
{
	buf_free(&d->text);
	free(d->title);
	html_links_free(&d->links);
}

/*
 * Convert body s[0..n) of type ctype from base into d.  charset, when not
 * NULL, overrides detection (an audit re-run).  Returns 0, or -1 with the
 * reason in why.
 */
static int
convert(const char *s, size_t n, const char *ctype, const char *charset,
    const char *base, struct doc *d, struct buf *why)
{
	struct buf u = {0};
	enum kind k;
	size_t i, j;

	k = kind_of(ctype, s, n);
	if (k == K_PDF) {
		strcpy(d->charset, "UTF-8");
		return pdf_text(s, n, &d->text, why);
	}
	if (k == K_OTHER) {
		buf_adds(why, "unsupported content type ");
		buf_adds(why, ctype);
		return -1;
	}
	if (charset == NULL || charset_canon(charset, strlen(charset),
	    d->charset) != 0)
		charset_detect(ctype, s, n, k == K_HTML, d->charset);
	charset_to_utf8(d->charset, s, n, &u);
	if (k == K_TEXT) {
		for (i = j = 0; i < u.len; i++)
			if (u.data[i] != '\r')
				u.data[j++] = u.data[i];
		buf_add(&d->text, u.data, j);
	} else if (html_parse(u.data, u.len, base, &d->text, &d->title,
	    linkpat != NULL ? &d->links : NULL) != 0) {
		buf_adds(why, "HTML could not be parsed");
		buf_free(&u);
		return -1;
	} else
		d->blocked = challenge(s, n, d->text.len);
	buf_free(&u);
	return 0;
}

/* Set the text, title and notice metadata of rec from d. */
static void
set_text(json_t *rec, const struct doc *d)
{
	struct notice m = { 0 };

	setstr(rec, "charset", d->charset);
	setstr(rec, "title", d->title);
	json_object_set_new(rec, "text", json_stringn(d->text.data != NULL ?
	    d->text.data : "", d->text.len));
	notice_find(d->text.data != NULL ? d->text.data : "", d->text.len, &m);
	setstr(rec, "doc_number", m.doc_number);
	setstr(rec, "issuer", m.issuer);
	setstr(rec, "issued", m.issued);
	notice_clear(&m);
}

/* ---- finishing a transfer ------------------------------------------------ */

/* Records for the new links of a list page that match the pattern. */
static void
emit_links(struct job *j, const struct doc *d, const char *at)
{
	const struct html_link *l;
	const char *f[STATE_FIELDS] = { 0 };
	json_t *rec;
	size_t i;

	for (i = 0; i < d->links.n; i++) {
		l = &d->links.v[i];
		if (strcmp(l->url, j->url) == 0 ||
		    (pcre2_match(linkpat, (PCRE2_SPTR)l->url,
		    PCRE2_ZERO_TERMINATED, 0, 0, linkmd, NULL) < 0 &&
		    pcre2_match(linkpat, (PCRE2_SPTR)l->text,
		    PCRE2_ZERO_TERMINATED, 0, 0, linkmd, NULL) < 0))
			continue;
		if (state_get(state, STATE_LINK, l->url) != NULL)
			continue;	/* seen before, or earlier here */
		f[SL_LIST] = j->url;
		f[SL_SEEN] = at;
		state_set(state, STATE_LINK, l->url, f);
		rec = record(l->url);
		setstr(rec, "state", "new");
		setstr(rec, "fetched_at", at);
		setstr(rec, "title", l->text);
		setstr(rec, "list", j->url);
		json_array_append_new(j->out, rec);
	}
}

static const char *
header(CURL *e, const char *name)
{
	struct curl_header *h;

	if (curl_easy_header(e, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return NULL;
	return h->value;
}

/*
 * Digest of j's body into hex and rec, and the body into the cache.
 * Returns the state it ends in unless converting says otherwise: new,
 * changed, or unchanged (same digest as the state file has, and no -l).
 */
static const char *
digest(struct job *j, json_t *rec, char *hex)
{
	const struct state_entry *old;
	const char *b = j->body.data != NULL ? j->body.data : "";

	sha_hex(b, j->body.len, hex);
	setstr(rec, "sha256", hex);
	json_object_set_new(rec, "bytes",
	    json_integer((json_int_t)j->body.len));
	if (cachedir != NULL && cache_put(cachedir, hex, b, j->body.len) != 0)
		status = EXIT_TROUBLE;
	old = state_get(state, STATE_DOC, j->url);
	if (old == NULL)
		return "new";
	if (strcmp(old->f[SD_SHA256], hex) == 0 && linkpat == NULL)
		return "unchanged";
	return "changed";
}

/* A 2xx body: hash, cache, convert; new, changed or unchanged. */
static void
finish_body(struct job *j, json_t *rec, const char *at)
{
	const char *ctype = NULL, *f[STATE_FIELDS] = { 0 }, *final = NULL;
	struct doc d = { 0 };
	struct buf why = {0};
	char hex[SHA_HEXLEN];
	const char *st;

	st = digest(j, rec, hex);
	curl_easy_getinfo(j->easy, CURLINFO_CONTENT_TYPE, &ctype);
	curl_easy_getinfo(j->easy, CURLINFO_EFFECTIVE_URL, &final);
	if (strcmp(st, "unchanged") != 0 && convert(j->body.data != NULL ?
	    j->body.data : "", j->body.len, ctype, NULL, final, &d,
	    &why) != 0)
		conclude(j, rec, "error", why.data);
	else if (d.blocked)
		conclude(j, rec, "blocked", "JavaScript challenge page");
	else {
		f[SD_ETAG] = j->etag;
		f[SD_LASTMOD] = j->lastmod;
		f[SD_SHA256] = hex;
		f[SD_FETCHED] = at;
		state_set(state, STATE_DOC, j->url, f);
		if (linkpat != NULL) {
			emit_links(j, &d, at);
			json_decref(rec);
		} else {
			if (strcmp(st, "unchanged") != 0)
				set_text(rec, &d);
			conclude(j, rec, st, NULL);
		}
	}
	doc_free(&d);
	buf_free(&why);
}

/* 304: the state's digest stands; nothing is re-emitted. */
static void
finish_304(struct job *j, json_t *rec, const char *at)
{
	const struct state_entry *old;
	const char *f[STATE_FIELDS];

	old = state_get(state, STATE_DOC, j->url);
	if (old == NULL) {
		conclude(j, rec, "error", "HTTP 304 for a document not in the "
		    "state file");
		return;
	}
	/* the raw bytes go to the state file, for If-None-Match */
	f[SD_ETAG] = j->etag != NULL ? j->etag : old->f[SD_ETAG];
	f[SD_LASTMOD] = j->lastmod != NULL ? j->lastmod : old->f[SD_LASTMOD];
	setstr(rec, "etag", *f[SD_ETAG] != '\0' ? f[SD_ETAG] : NULL);
	setstr(rec, "last_modified", *f[SD_LASTMOD] != '\0' ? f[SD_LASTMOD] :
	    NULL);
	setstr(rec, "sha256", *old->f[SD_SHA256] ? old->f[SD_SHA256] : NULL);
	f[SD_SHA256] = old->f[SD_SHA256];
	f[SD_FETCHED] = at;
	state_set(state, STATE_DOC, j->url, f);
	if (linkpat != NULL)
		json_decref(rec);
	else
		conclude(j, rec, "unchanged", NULL);
}

/* ---- queues: waiting jobs by host --------------------------------------- */

static void
unlist(size_t i)
{
	struct host *h = &hosts[i];

	if (!h->listed)
		return;
	if (h->prev != NONE)
		hosts[h->prev].succ = h->succ;
	else
		hfirst = h->succ;
	if (h->succ != NONE)
		hosts[h->succ].prev = h->prev;
	else
		hlast = h->prev;
	h->listed = 0;
}

/* Queue job k on host i: at the back, or at the front for a retry. */
static void
enqueue(size_t i, size_t k, int front)
{
	struct host *h = &hosts[i];

	if (front && h->qhead > 0) {
		h->q[--h->qhead] = k;
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
		h->q[front ? 0 : h->qlen] = k;
		h->qlen++;
	}
	if (!h->listed) {
		h->prev = hlast;
		h->succ = NONE;
		if (hlast != NONE)
			hosts[hlast].succ = i;
		else
			hfirst = i;
		hlast = i;
		h->listed = 1;
	}
}

/* Worth another try: timeouts, resets, cut-off bodies, 5xx. */
static int
transient(CURLcode rc, long code)
{
	switch (rc) {
	case CURLE_OK:
		return code >= 500 && code != 521;
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return 1;
	default:
		return 0;
	}
}

/* The record of a transfer that ended with curl error rc. */
static void
finish_error(struct job *j, json_t *rec, CURLcode rc)
{
	char msg[CURL_ERROR_SIZE + 128];

	if (rc == CURLE_FILESIZE_EXCEEDED || j->too_big)
		snprintf(msg, sizeof(msg), "body larger than %lld bytes (-m)",
		    (long long)maxbytes);
	else if (rc == CURLE_TOO_MANY_REDIRECTS)
		snprintf(msg, sizeof(msg), "more than %ld redirects",
		    MAXREDIRS);
	else if (rc == CURLE_UNSUPPORTED_PROTOCOL)
		snprintf(msg, sizeof(msg), "redirected to a URL that is not "
		    "http or https; refused");
	else
		snprintf(msg, sizeof(msg), "%s", j->errbuf[0] != '\0' ?
		    j->errbuf : curl_easy_strerror(rc));
	if (j->tries > 1)
		snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg),
		    " (%d attempts)", j->tries);
	conclude(j, rec, "error", msg);
}

/* Put j back in its host's queue for another try after the backoff. */
static void
retry(struct job *j)
{
	j->not_before = now() + BACKOFF * pow(2, j->tries - 1);
	j->st = J_WAIT;
	j->too_big = 0;
	j->errbuf[0] = '\0';
	buf_clear(&j->body);
	enqueue(j->host, (size_t)(j - jobs), 1);
}

/*
 * The record of a finished transfer, before its outcome: URL, time, final
 * URL, status, validators (kept raw in j for the state file) and type.
 */
static json_t *
record_of(struct job *j, CURLcode rc, long code, const char *at)
{
	const char *final = NULL, *ct = NULL;
	json_t *rec;

	rec = record(j->url);
	setstr(rec, "fetched_at", at);
	if (curl_easy_getinfo(j->easy, CURLINFO_EFFECTIVE_URL, &final) ==
	    CURLE_OK)
		setstr(rec, "final_url", final);
	if (code != 0)
		json_object_set_new(rec, "status", json_integer(code));
	if (header(j->easy, "ETag") != NULL)
		j->etag = xstrdup(header(j->easy, "ETag"));
	if (header(j->easy, "Last-Modified") != NULL)
		j->lastmod = xstrdup(header(j->easy, "Last-Modified"));
	setstr(rec, "etag", j->etag);
	setstr(rec, "last_modified", j->lastmod);
	if (rc == CURLE_OK && code != 0 && curl_easy_getinfo(j->easy,
	    CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK)
		setstr(rec, "content_type", ct);
	return rec;
}

/* Release what a finished transfer holds; the job is done. */
static void
release(struct job *j)
{
	nbytes += j->body.len;
	buf_free(&j->body);
	free(j->etag);
	free(j->lastmod);
	j->etag = j->lastmod = NULL;
	curl_slist_free_all(j->hdrs);
	j->hdrs = NULL;
	curl_easy_cleanup(j->easy);
	j->easy = NULL;
	j->st = J_DONE;
	ndone++;
}

/* A transfer ended with rc: retry it, or decide its record. */
static void
finish(struct job *j, CURLcode rc)
{
	char at[32], msg[64];
	json_t *rec;
	long code = 0;

	curl_multi_remove_handle(multi, j->easy);
	hosts[j->host].active--;
	running--;
	curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &code);
	if (transient(rc, code) && j->tries <= retries) {
		retry(j);
		return;
	}
	now_iso(at, sizeof(at));
	rec = record_of(j, rc, code, at);
	snprintf(msg, sizeof(msg), "HTTP %ld", code);
	if (j->tries > 1)
		snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg),
		    " (%d attempts)", j->tries);
	if (rc != CURLE_OK)
		finish_error(j, rec, rc);
	else if (code == 403 || code == 412 || code == 521)
		conclude(j, rec, "blocked", msg);
	else if (code == 304)
		finish_304(j, rec, at);
	else if (code >= 200 && code < 300)
		finish_body(j, rec, at);
	else
		conclude(j, rec, "error", msg);
	release(j);
}

/* ---- the transfer loop --------------------------------------------------- */

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct job *j = arg;

	n *= size;
	if ((curl_off_t)(j->body.len + n) > maxbytes) {
		j->too_big = 1;
		return 0;
	}
	buf_add(&j->body, p, n);
	return n;
}

static void
add_header(struct job *j, const char *name, const char *value)
{
	struct buf b = {0};

	if (value == NULL || *value == '\0')
		return;
	buf_adds(&b, name);
	buf_adds(&b, ": ");
	buf_adds(&b, value);
	j->hdrs = curl_slist_append(j->hdrs, b.data);
	buf_free(&b);
}

/* A safety option libcurl refused: stop rather than fetch without it. */
static void
must(CURLcode rc, const char *opt)
{
	if (rc != CURLE_OK)
		zb_errx("libcurl lacks %s (%s); nothing fetched without it", opt,
		    curl_easy_strerror(rc));
}

/*
 * Every easy option that matters for safety is set here, explicitly, and
 * checked: an older libcurl without CURLOPT_PROTOCOLS_STR would otherwise
 * follow a redirect to ftp or file.
 */
static void
safety(CURL *e)
{
	must(curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https"),
	    "CURLOPT_PROTOCOLS_STR");
	must(curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"),
	    "CURLOPT_REDIR_PROTOCOLS_STR");
	must(curl_easy_setopt(e, CURLOPT_MAXREDIRS, MAXREDIRS),
	    "CURLOPT_MAXREDIRS");
	must(curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L),
	    "CURLOPT_SSL_VERIFYPEER");
	must(curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L),
	    "CURLOPT_SSL_VERIFYHOST");
	if (cablob.len > 0) {
		struct curl_blob blob = { cablob.data, cablob.len,
		    CURL_BLOB_NOCOPY };

		must(curl_easy_setopt(e, CURLOPT_CAINFO_BLOB, &blob),
		    "CURLOPT_CAINFO_BLOB");
	}
	must(curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, maxbytes),
	    "CURLOPT_MAXFILESIZE_LARGE");
}

static void
start(struct job *j)
{
	const struct state_entry *old;
	CURL *e;

	if (j->easy == NULL) {
		if ((e = j->easy = curl_easy_init()) == NULL)
			zb_errx("cannot create a transfer");
		curl_easy_setopt(e, CURLOPT_URL, j->url);
		curl_easy_setopt(e, CURLOPT_PRIVATE, j);
		safety(e);
		curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
		curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
		curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)(timeout * 1000));
		curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
		    (long)(fmin(timeout, 30) * 1000));
		curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
		curl_easy_setopt(e, CURLOPT_WRITEDATA, j);
		curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->errbuf);
		curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(e, CURLOPT_USERAGENT, "zb-fetch/" ZB_VERSION);
		curl_easy_setopt(e, CURLOPT_COOKIEFILE, "");
		add_header(j, "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5");
		old = state_get(state, STATE_DOC, j->url);
		if (old != NULL) {
			add_header(j, "If-None-Match", old->f[SD_ETAG]);
			add_header(j, "If-Modified-Since", old->f[SD_LASTMOD]);
		}
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, j->hdrs);
	}
	j->errbuf[0] = '\0';
	j->tries++;
	j->st = J_RUN;
	hosts[j->host].active++;
	hosts[j->host].next = now() + delay;
	running++;
	curl_multi_add_handle(multi, j->easy);
}

/*
 * Start what the limits allow, looking only at hosts with waiting jobs
 * and at the head of each one's queue, so a pass costs what is active,
 * not every job.  Returns seconds until a waiting job could start (a
 * host's delay or a retry's backoff), or -1 when none waits on time.
 */
static double
schedule(void)
{
	struct job *j;
	struct host *h;
	double t = now(), wake = -1, at;
	size_t i, succ;

	for (i = hfirst; i != NONE && running < (size_t)maxjobs; i = succ) {
		h = &hosts[i];
		succ = h->succ;
		while (h->qhead < h->qlen && h->active < perhost &&
		    running < (size_t)maxjobs) {
			j = &jobs[h->q[h->qhead]];
			at = fmax(j->not_before, h->next);
			if (at > t) {
				if (wake < 0 || at - t < wake)
					wake = at - t;
				break;
			}
			h->qhead++;
			start(j);
		}
		if (h->qhead == h->qlen)
			unlist(i);
	}
	return wake;
}

static void
show_progress(void)
{
	if (progress)
		fprintf(stderr, "\rzb-fetch: %zu/%zu done, %.1f MB, "
		    "%zu failed ", ndone, njobs, nbytes / 1048576.0, nfailed);
}

/* Write o to stdout; what names it (a URL, FILE:LINE) if it cannot be. */
static void
write_record(const json_t *o, const char *what)
{
	if (jsonl_write(stdout, o) != 0) {
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

static void
run(void)
{
	CURLMsg *m;
	char *priv;
	double wake;
	long ms;
	int still, left;

	multi = curl_multi_init();
	curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, perhost);
	curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, maxjobs);
	emit();
	while (ndone < njobs) {
		wake = schedule();
		curl_multi_perform(multi, &still);
		while ((m = curl_multi_info_read(multi, &left)) != NULL) {
			if (m->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE,
			    &priv);
			finish((struct job *)(void *)priv, m->data.result);
			show_progress();
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
	if (progress)
		fputc('\n', stderr);
	curl_multi_cleanup(multi);
}

/* ---- input --------------------------------------------------------------- */

/* scheme://host:port of u, or -1 with the reason in why. */
static int
host_key(const char *u, struct buf *key, const char **why)
{
	CURLU *h = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL;
	int rc = -1;

	if (curl_url_set(h, CURLUPART_URL, u, 0) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK)
		*why = "not a URL";
	else if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)
		*why = "refused: only http and https URLs are fetched";
	else if (curl_url_get(h, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) !=
	    CURLUE_OK)
		*why = "URL has no host";
	else {
		buf_clear(key);
		buf_adds(key, scheme);
		buf_adds(key, "://");
		buf_adds(key, host);
		buf_addc(key, ':');
		buf_adds(key, port);
		rc = 0;
	}
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(h);
	return rc;
}

static const char *
job_url(size_t k)
{
	return jobs[k].url;
}

static const char *
host_name(size_t k)
{
	return hosts[k].key;
}

/*
 * Remember key -> i in the index m, whose keys so far are key_of(0..i).
 * A memo empties itself when full; this one doubles instead, re-adding
 * the keys, so the cost stays linear.
 */
static void
index_put(struct memo *m, const char *key, size_t i,
    const char *(*key_of)(size_t))
{
	size_t k, max;

	if (m->slot == NULL || m->n >= m->max) {
		max = m->slot == NULL ? 256 : m->max * 2;
		memo_free(m);
		memo_init(m, sizeof(size_t), max);
		for (k = 0; k < i; k++)
			memo_put(m, key_of(k), strlen(key_of(k)), &k);
	}
	memo_put(m, key, strlen(key), &i);
}

/* The index of the host with this key, added if new. */
static size_t
host_of(const char *key)
{
	const size_t *p;
	struct host *h;

	if (hostidx.slot != NULL &&
	    (p = memo_get(&hostidx, key, strlen(key))) != NULL)
		return *p;
	if (nhosts == hostcap) {
		hostcap = hostcap == 0 ? 16 : hostcap * 2;
		hosts = xreallocarray(hosts, hostcap, sizeof(*hosts));
	}
	h = &hosts[nhosts];
	memset(h, 0, sizeof(*h));
	h->key = xstrdup(key);
	h->prev = h->succ = NONE;
	index_put(&hostidx, key, nhosts, host_name);
	return nhosts++;
}

/* A job for URL u, unless one is there already; queued on its host. */
static void
add_url(const char *u)
{
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
	index_put(&urlidx, u, njobs++, job_url);
	if (host_key(u, &key, &why) != 0) {
		rec = record(u);
		now_iso(at, sizeof(at));
		setstr(rec, "fetched_at", at);
		conclude(j, rec, "error", why);
		j->st = J_DONE;
		ndone++;
	} else {
		j->host = host_of(key.data);
		enqueue(j->host, njobs - 1, 0);
	}
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
		add_url(u);
		free(u);
		return;
	}
	if ((o = json_loadb(s + a, b - a, 0, &je)) == NULL) {
		zb_warnx("<stdin>:%lu:%d: %s", lineno, je.column + (int)a,
		    je.text);
		status = EXIT_TROUBLE;
	} else if (json_is_string(json_object_get(o, "url")))
		add_url(json_string_value(json_object_get(o, "url")));
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

/* ---- audit: the text of cached bodies again ------------------------------ */

/*
 * Re-derive a record's text from the cached body its sha256 names.  A
 * record with no text (an error, a block, an unchanged document, a link)
 * or no sha256 has nothing to re-derive and is written as it came.  One
 * whose body is missing or cannot be converted is reported as name:lineno
 * and dropped.
 */
static void
audit_record(json_t *o, const char *name, unsigned long lineno)
{
	struct doc d = { 0 };
	struct buf body = {0}, why = {0}, where = {0};
	const char *hex, *base;
	char no[32];

	hex = json_string_value(json_object_get(o, "sha256"));
	snprintf(no, sizeof(no), ":%lu", lineno);
	buf_adds(&where, name);
	buf_adds(&where, no);
	if (hex == NULL || !json_is_string(json_object_get(o, "text"))) {
		write_record(o, where.data);
		buf_free(&where);
		return;
	}
	base = json_string_value(json_object_get(o, "final_url"));
	if (base == NULL)
		base = json_string_value(json_object_get(o, "url"));
	if (cache_get(cachedir, hex, &body, where.data) != 0)
		status = EXIT_TROUBLE;
	else if (convert(body.data != NULL ? body.data : "", body.len,
	    json_string_value(json_object_get(o, "content_type")),
	    json_string_value(json_object_get(o, "charset")), base, &d,
	    &why) != 0) {
		zb_warnx("%s: %s", where.data, why.data);
		status = EXIT_TROUBLE;
	} else {
		set_text(o, &d);
		write_record(o, where.data);
	}
	doc_free(&d);
	buf_free(&body);
	buf_free(&why);
	buf_free(&where);
}

static void
do_audit(const char *path)
{
	struct jsonl *in;
	struct line raw;
	json_t *o;
	int rc;

	if ((in = jsonl_open(path)) == NULL) {
		zb_warn("%s", strcmp(path, "-") == 0 ? "<stdin>" : path);
		status = EXIT_TROUBLE;
		return;
	}
	while ((rc = jsonl_next(in, &o, &raw)) != JSONL_END) {
		if (rc == JSONL_OK) {
			audit_record(o, jsonl_name(in), raw.lineno);
			json_decref(o);
		} else
			status = EXIT_TROUBLE;
		if (rc == JSONL_ERROR)
			break;
	}
	jsonl_close(in);
}

/* ---- options ------------------------------------------------------------- */

/*
 * The value of option -opt's argument s, within [min, max]; -m also takes
 * a k, M or G suffix (KiB, MiB, GiB), applied before the range check so
 * the result always fits.  Exits 2 with a message on anything else.
 */
static double
number(int opt, const char *s, double min, double max)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end != s && opt == 'm' && *end != '\0' && end[1] == '\0' &&
	    strchr("kKmMgG", *end) != NULL) {
		v *= *end == 'k' || *end == 'K' ? 1024 : *end == 'm' ||
		    *end == 'M' ? 1048576 : 1073741824;
		end++;
	}
	if (end == s || *end != '\0' || errno != 0 || !isfinite(v) ||
	    v < min || v > max) {
		zb_warnx("-%c: bad value \"%s\" (%g to %g)", opt, s, min, max);
		exit(EXIT_TROUBLE);
	}
	return v;
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
	linkmd = pcre2_match_data_create_from_pattern(linkpat, NULL);
}

/* The system CA bundle and FILE, as one PEM blob: -C adds, never replaces. */
static void
load_ca(void)
{
	const char *paths[2];
	char chunk[65536];
	FILE *f;
	size_t n;
	int i;

	paths[0] = curl_version_info(CURLVERSION_NOW)->cainfo;
	paths[1] = cafile;
	for (i = 0; i < 2; i++) {
		if (paths[i] == NULL || (f = fopen(paths[i], "r")) == NULL) {
			if (i == 1)
				zb_err("%s", cafile);
			continue;
		}
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_add(&cablob, chunk, n);
		if (ferror(f))
			zb_err("%s", paths[i]);
		fclose(f);
		buf_addc(&cablob, '\n');
	}
}

static void
cleanup(void)
{
	size_t i;

	for (i = 0; i < njobs; i++) {
		free(jobs[i].url);
		json_decref(jobs[i].out);
		buf_free(&jobs[i].body);
	}
	free(jobs);
	for (i = 0; i < nhosts; i++) {
		free(hosts[i].key);
		free(hosts[i].q);
	}
	free(hosts);
	memo_free(&urlidx);
	memo_free(&hostidx);
	pcre2_code_free(linkpat);
	pcre2_match_data_free(linkmd);
	buf_free(&cablob);
	state_free(state);
	notice_cleanup();
	html_cleanup();
	curl_global_cleanup();
}

/* Print the usage line: on stdout with status 0 for -h, else an error. */
static void
usage(int asked)
{
	fprintf(asked ? stdout : stderr, "usage: zb-fetch [-j jobs] "
	    "[-p perhost] [-d delay] [-r retries] [-t timeout] [-m maxbytes]\n"
	    "                [-s statefile] [-c cachedir] [-l pattern] "
	    "[-C cafile] [url ... | -]\n"
	    "       zb-fetch -x -c cachedir [file ...]\n");
	exit(asked ? EXIT_OK : EXIT_TROUBLE);
}

/* getopt knows no long options: --cacert F and --cacert=F become -C F. */
static char **
long_options(int argc, char **argv)
{
	char **v;
	int i, k = 0;

	v = xreallocarray(NULL, (size_t)argc * 2 + 1, sizeof(*v));
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < argc)
				v[k++] = argv[i++];
			break;
		}
		if (strcmp(argv[i], "--cacert") == 0)
			v[k++] = "-C";
		else if (strncmp(argv[i], "--cacert=", 9) == 0) {
			v[k++] = "-C";
			v[k++] = argv[i] + 9;
		} else
			v[k++] = argv[i];
	}
	v[k] = NULL;
	return v;
}

static void
options(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "C:c:d:hj:l:m:p:r:s:t:x")) != -1) {
		switch (c) {
		case 'C':
			cafile = optarg;
			break;
		case 'c':
			cachedir = optarg;
			break;
		case 'd':
			delay = number(c, optarg, 0, 3600);
			break;
		case 'j':
			maxjobs = (long)number(c, optarg, 1, 1000);
			break;
		case 'l':
			compile_pattern(optarg);
			break;
		case 'm':
			maxbytes = (curl_off_t)number(c, optarg, 1, 1e12);
			break;
		case 'p':
			perhost = (long)number(c, optarg, 1, 100);
			break;
		case 'r':
			retries = (long)number(c, optarg, 0, 10);
			break;
		case 's':
			statefile = optarg;
			break;
		case 't':
			timeout = number(c, optarg, 0.001, 86400);
			break;
		case 'x':
			audit = 1;
			break;
		case 'h':
			usage(1);
			break;
		default:
			usage(0);
		}
	}
	if (audit && cachedir == NULL) {
		zb_warnx("-x needs the cache directory (-c)");
		usage(0);
	}
}

int
main(int argc, char *argv[])
{
	static char **args;
	int i;

	zb_start(argc, argv);
	args = long_options(argc, argv);
	for (argc = 0; args[argc] != NULL; argc++)
		;
	options(argc, args);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		zb_errx("cannot initialise libcurl");
	notice_init();
	file_tmpfile_signals();	/* a kill leaves no temporary file */
	state = state_new();
	atexit(cleanup);
	if (cafile != NULL)
		load_ca();
	if (statefile != NULL && state_load(state, statefile) != 0)
		zb_errx("state file %s not used; nothing fetched", statefile);
	if (cachedir != NULL && cache_init(cachedir) != 0)
		exit(EXIT_TROUBLE);
	progress = isatty(STDERR_FILENO);
	if (audit) {
		for (i = optind; i < argc || i == optind; i++)
			do_audit(i < argc ? args[i] : "-");
	} else {
		if (optind == argc)
			usage(0);
		for (i = optind; i < argc; i++)
			if (strcmp(args[i], "-") == 0)
				read_urls();
			else
				add_url(args[i]);
		run();
	}
	free(args);
	/*
	 * The state is saved only once every record is out: saved after a
	 * write error (a full disk), it would hide the records lost from the
	 * next run, which would see nothing new.
	 */
	if (file_stdout_close() < 0) {
		status = EXIT_TROUBLE;
		if (!audit && statefile != NULL)
			zb_warnx("state file %s left as it was", statefile);
	} else if (!audit && statefile != NULL &&
	    state_save(state, statefile) != 0)
		status = EXIT_TROUBLE;
	return status;
}
