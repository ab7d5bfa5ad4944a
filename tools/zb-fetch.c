/* zb-fetch: fetch policy notices over HTTP(S) as JSON document records. */
#include <errno.h>
#include <math.h>
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
#include "notice.h"
#include "reader.h"
#include "sha.h"
#include "state.h"
#include "util.h"

#define MAXREDIRS	5L
#define BACKOFF		0.5	/* seconds before the first retry, doubled */
#define CHALLENGE	300	/* less text than this: maybe a JS challenge */
#define LINECAP		(64 << 20)

enum jstate { J_WAIT, J_RUN, J_DONE };

struct host {
	char		*key;		/* scheme://host:port */
	int		 active;
	double		 next;		/* earliest next start (politeness) */
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
static struct host	*hosts;
static size_t		 nhosts;
static unsigned long long nbytes;
static int		 progress;
static int		 status = EXIT_OK;

/* ---- records ------------------------------------------------------------- */

static const char *const keys[] = {
	"url", "final_url", "status", "state", "error", "fetched_at", "etag",
	"last_modified", "content_type", "charset", "sha256", "bytes",
	"title", "text", "doc_number", "issuer", "issued", "list", NULL
};

/* A record with every key, in order, null. */
static json_t *
record(const char *url)
{
	json_t *o;
	int i;

	o = json_object();
	for (i = 0; keys[i] != NULL; i++)
		json_object_set_new(o, keys[i], json_null());
	json_object_set_new(o, "url", json_string(url));
	return o;
}

static void
setstr(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, v != NULL ? json_string(v) : json_null());
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

/*
 * Text of a PDF through `pdftotext -layout`, appended to text.  Returns 0,
 * or -1 with the reason in why.
 */
static int
pdf_text(const char *s, size_t n, struct buf *text, struct buf *why)
{
	char tmp[4096], chunk[65536];
	struct buf raw = {0};
	ssize_t k;
	pid_t pid;
	int fd, p[2], ws;

	if (!in_path("pdftotext")) {
		buf_adds(why, "PDF needs pdftotext, which is not installed "
		    "(install poppler-utils)");
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s/zb-fetch.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if ((fd = mkstemp(tmp)) < 0 || write(fd, s, n) != (ssize_t)n ||
	    close(fd) != 0 || pipe(p) != 0 || (pid = fork()) < 0) {
		buf_adds(why, "cannot run pdftotext: ");
		buf_adds(why, strerror(errno));
		if (fd >= 0)
			unlink(tmp);
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		dup2(p[1], STDOUT_FILENO);
		execlp("pdftotext", "pdftotext", "-layout", "-enc", "UTF-8",
		    "-q", tmp, "-", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	while ((k = read(p[0], chunk, sizeof(chunk))) > 0)
		buf_add(&raw, chunk, (size_t)k);
	close(p[0]);
	waitpid(pid, &ws, 0);
	unlink(tmp);
	if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
		buf_adds(why, "pdftotext could not read the PDF");
		buf_free(&raw);
		return -1;
	}
	for (k = 0; k < (ssize_t)raw.len; k++)
		if (raw.data[k] == '\f')
			raw.data[k] = '\n';
	charset_to_utf8("UTF-8", raw.data != NULL ? raw.data : "", raw.len,
	    text);
	buf_free(&raw);
	return 0;
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

/* A 2xx body: hash, cache, convert; new, changed or unchanged. */
static void
finish_body(struct job *j, json_t *rec, const char *at)
{
	const struct state_entry *old;
	const char *ctype = NULL, *f[STATE_FIELDS] = { 0 }, *final = NULL;
	struct doc d = { 0 };
	struct buf why = {0};
	char hex[SHA_HEXLEN];
	const char *st;

	sha_hex(j->body.data != NULL ? j->body.data : "", j->body.len, hex);
	setstr(rec, "sha256", hex);
	json_object_set_new(rec, "bytes",
	    json_integer((json_int_t)j->body.len));
	if (cachedir != NULL && cache_put(cachedir, hex, j->body.data != NULL ?
	    j->body.data : "", j->body.len) != 0)
		status = EXIT_TROUBLE;
	old = state_get(state, STATE_DOC, j->url);
	if (old != NULL && strcmp(old->f[SD_SHA256], hex) == 0 &&
	    linkpat == NULL)
		st = "unchanged";
	else
		st = old != NULL ? "changed" : "new";
	curl_easy_getinfo(j->easy, CURLINFO_CONTENT_TYPE, &ctype);
	curl_easy_getinfo(j->easy, CURLINFO_EFFECTIVE_URL, &final);
	if (strcmp(st, "unchanged") != 0 || linkpat != NULL) {
		if (convert(j->body.data != NULL ? j->body.data : "",
		    j->body.len, ctype, NULL, final, &d, &why) != 0) {
			conclude(j, rec, "error", why.data);
			goto out;
		}
		if (d.blocked) {
			conclude(j, rec, "blocked",
			    "JavaScript challenge page");
			goto out;
		}
	}
	f[SD_ETAG] = json_string_value(json_object_get(rec, "etag"));
	f[SD_LASTMOD] = json_string_value(json_object_get(rec,
	    "last_modified"));
	f[SD_SHA256] = hex;
	f[SD_FETCHED] = at;
	state_set(state, STATE_DOC, j->url, f);
	if (linkpat != NULL) {
		emit_links(j, &d, at);
		json_decref(rec);
		goto out;
	}
	if (strcmp(st, "unchanged") != 0)
		set_text(rec, &d);
	conclude(j, rec, st, NULL);
out:
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
	if (json_is_null(json_object_get(rec, "etag")))
		setstr(rec, "etag", *old->f[SD_ETAG] ? old->f[SD_ETAG] : NULL);
	if (json_is_null(json_object_get(rec, "last_modified")))
		setstr(rec, "last_modified", *old->f[SD_LASTMOD] ?
		    old->f[SD_LASTMOD] : NULL);
	setstr(rec, "sha256", *old->f[SD_SHA256] ? old->f[SD_SHA256] : NULL);
	f[SD_ETAG] = json_string_value(json_object_get(rec, "etag"));
	f[SD_LASTMOD] = json_string_value(json_object_get(rec,
	    "last_modified"));
	f[SD_SHA256] = old->f[SD_SHA256];
	f[SD_FETCHED] = at;
	state_set(state, STATE_DOC, j->url, f);
	if (linkpat != NULL)
		json_decref(rec);
	else
		conclude(j, rec, "unchanged", NULL);
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

static void
finish(struct job *j, CURLcode rc)
{
	char at[32], msg[64];
	const char *final = NULL;
	json_t *rec;
	long code = 0;

	curl_multi_remove_handle(multi, j->easy);
	hosts[j->host].active--;
	running--;
	curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &code);
	if (transient(rc, code) && j->tries <= retries) {
		j->not_before = now() + BACKOFF * pow(2, j->tries - 1);
		j->st = J_WAIT;
		j->too_big = 0;
		j->errbuf[0] = '\0';
		buf_clear(&j->body);
		return;
	}
	now_iso(at, sizeof(at));
	rec = record(j->url);
	setstr(rec, "fetched_at", at);
	if (curl_easy_getinfo(j->easy, CURLINFO_EFFECTIVE_URL, &final) ==
	    CURLE_OK)
		setstr(rec, "final_url", final);
	if (code != 0)
		json_object_set_new(rec, "status", json_integer(code));
	setstr(rec, "etag", header(j->easy, "ETag"));
	setstr(rec, "last_modified", header(j->easy, "Last-Modified"));
	if (rc == CURLE_OK && code != 0) {
		const char *ct = NULL;

		curl_easy_getinfo(j->easy, CURLINFO_CONTENT_TYPE, &ct);
		setstr(rec, "content_type", ct);
	}
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
	nbytes += j->body.len;
	buf_free(&j->body);
	curl_slist_free_all(j->hdrs);
	j->hdrs = NULL;
	curl_easy_cleanup(j->easy);
	j->easy = NULL;
	j->st = J_DONE;
	ndone++;
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

/* Every easy option that matters for safety is set here, explicitly. */
static void
start(struct job *j)
{
	const struct state_entry *old;
	CURL *e;

	if (j->easy == NULL) {
		if ((e = j->easy = curl_easy_init()) == NULL)
			errx("cannot create a transfer");
		curl_easy_setopt(e, CURLOPT_URL, j->url);
		curl_easy_setopt(e, CURLOPT_PRIVATE, j);
		curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
		curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
		curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
		curl_easy_setopt(e, CURLOPT_MAXREDIRS, MAXREDIRS);
		curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
		if (cablob.len > 0) {
			struct curl_blob blob = { cablob.data, cablob.len,
			    CURL_BLOB_NOCOPY };

			curl_easy_setopt(e, CURLOPT_CAINFO_BLOB, &blob);
		}
		curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)(timeout * 1000));
		curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
		    (long)(fmin(timeout, 30) * 1000));
		curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, maxbytes);
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
 * Start what the limits allow; returns seconds until a waiting job could
 * start (a host's delay or a retry's backoff), or -1 when none waits on
 * time.
 */
static double
schedule(void)
{
	static size_t first;
	struct job *j;
	struct host *h;
	double t = now(), wake = -1, at;
	size_t i;

	while (first < njobs && jobs[first].st == J_DONE)
		first++;
	for (i = first; i < njobs && running < (size_t)maxjobs; i++) {
		j = &jobs[i];
		if (j->st != J_WAIT)
			continue;
		h = &hosts[j->host];
		if (h->active >= perhost)
			continue;
		at = fmax(j->not_before, h->next);
		if (at <= t)
			start(j);
		else if (wake < 0 || at - t < wake)
			wake = at - t;
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

/* Write the records of finished jobs, in input order. */
static void
emit(void)
{
	struct job *j;
	size_t i;

	for (; nemitted < njobs && jobs[nemitted].st == J_DONE; nemitted++) {
		j = &jobs[nemitted];
		for (i = 0; i < json_array_size(j->out); i++)
			jsonl_write(stdout, json_array_get(j->out, i));
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

static void
add_url(const char *u)
{
	struct buf key = {0};
	const char *why = NULL;
	struct job *j;
	size_t i;

	for (i = 0; i < njobs; i++)
		if (strcmp(jobs[i].url, u) == 0)
			return;
	jobs = xreallocarray(jobs, njobs + 1, sizeof(*jobs));
	j = &jobs[njobs++];
	memset(j, 0, sizeof(*j));
	j->url = xstrdup(u);
	j->out = json_array();
	if (host_key(u, &key, &why) != 0) {
		char at[32];
		json_t *rec = record(u);

		now_iso(at, sizeof(at));
		setstr(rec, "fetched_at", at);
		conclude(j, rec, "error", why);
		j->st = J_DONE;
		ndone++;
		buf_free(&key);
		return;
	}
	for (i = 0; i < nhosts; i++)
		if (strcmp(hosts[i].key, key.data) == 0)
			break;
	if (i == nhosts) {
		hosts = xreallocarray(hosts, nhosts + 1, sizeof(*hosts));
		hosts[nhosts].key = xstrdup(key.data);
		hosts[nhosts].active = 0;
		hosts[nhosts++].next = 0;
	}
	j->host = i;
	buf_free(&key);
}

/* URL lines, or JSON records with a "url", from standard input. */
static void
read_urls(void)
{
	struct reader *r;
	struct line l;
	json_error_t je;
	json_t *o;
	char *s;
	size_t a, b;

	if ((r = reader_open("-", LINECAP)) == NULL)
		err("<stdin>");
	while (reader_next(r, &l) == 1) {
		if (l.partial) {
			/* no URL is that long: skip it whole, do not fetch
			 * (and keep in memory) its pieces */
			warnx("<stdin>:%lu: line longer than %d bytes; skipped",
			    l.lineno, LINECAP);
			status = EXIT_TROUBLE;
			while (l.partial && reader_next(r, &l) == 1)
				;
			continue;
		}
		for (a = 0; a < l.len && strchr(" \t\r", l.data[a]); a++)
			;
		for (b = l.len; b > a && strchr(" \t\r", l.data[b - 1]); b--)
			;
		if (a == b || l.data[a] == '#')
			continue;
		if (l.data[a] != '{') {
			s = xmemdup(l.data + a, b - a);
			add_url(s);
			free(s);
			continue;
		}
		o = json_loadb(l.data + a, b - a, 0, &je);
		if (o == NULL) {
			warnx("<stdin>:%lu:%d: %s", l.lineno,
			    je.column + (int)a, je.text);
			status = EXIT_TROUBLE;
		} else if (json_is_string(json_object_get(o, "url")))
			add_url(json_string_value(json_object_get(o, "url")));
		else {
			warnx("<stdin>:%lu: record has no \"url\" string",
			    l.lineno);
			status = EXIT_TROUBLE;
		}
		json_decref(o);
	}
	reader_close(r);
}

/* ---- audit: the text of cached bodies again ------------------------------ */

/* Re-derive a record's text from the cached body its sha256 names. */
static void
audit_record(json_t *o, const char *name, unsigned long lineno)
{
	struct doc d = { 0 };
	struct buf body = {0}, why = {0};
	const char *hex, *base;

	hex = json_string_value(json_object_get(o, "sha256"));
	base = json_string_value(json_object_get(o, "final_url"));
	if (base == NULL)
		base = json_string_value(json_object_get(o, "url"));
	if (hex == NULL || cache_get(cachedir, hex, &body) != 0) {
		if (hex == NULL)
			warnx("%s:%lu: record has no \"sha256\"", name, lineno);
		status = EXIT_TROUBLE;
	} else if (convert(body.data != NULL ? body.data : "", body.len,
	    json_string_value(json_object_get(o, "content_type")),
	    json_string_value(json_object_get(o, "charset")), base, &d,
	    &why) != 0) {
		warnx("%s:%lu: %s", name, lineno, why.data);
		status = EXIT_TROUBLE;
	} else {
		set_text(o, &d);
		jsonl_write(stdout, o);
	}
	doc_free(&d);
	buf_free(&body);
	buf_free(&why);
}

static void
do_audit(const char *path)
{
	struct jsonl *in;
	struct line raw;
	json_t *o;
	int rc;

	if ((in = jsonl_open(path)) == NULL) {
		warn("%s", strcmp(path, "-") == 0 ? "<stdin>" : path);
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

static double
number(int opt, const char *s, double min, double max)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno != 0 || v < min || v > max || isnan(v)) {
		warnx("-%c: bad value \"%s\" (%g to %g)", opt, s, min, max);
		exit(EXIT_TROUBLE);
	}
	if (opt == 'm' && *end != '\0' && end[1] == '\0' &&
	    strchr("kKmMgG", *end) != NULL)
		v *= *end == 'k' || *end == 'K' ? 1024 : *end == 'm' ||
		    *end == 'M' ? 1048576 : 1073741824;
	else if (*end != '\0') {
		warnx("-%c: bad value \"%s\"", opt, s);
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
		errx("-l: %s at offset %zu of \"%s\"", (char *)msg, (size_t)off,
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
				err("%s", cafile);
			continue;
		}
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_add(&cablob, chunk, n);
		if (ferror(f))
			err("%s", paths[i]);
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
	for (i = 0; i < nhosts; i++)
		free(hosts[i].key);
	free(hosts);
	pcre2_code_free(linkpat);
	pcre2_match_data_free(linkmd);
	buf_free(&cablob);
	state_free(state);
	notice_free();
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
		warnx("-x needs the cache directory (-c)");
		usage(0);
	}
}

int
main(int argc, char *argv[])
{
	static char **args;
	int i;

	util_setprog(argv[0]);
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("zb-fetch %s\n", ZB_VERSION);
		return EXIT_OK;
	}
	args = long_options(argc, argv);
	for (argc = 0; args[argc] != NULL; argc++)
		;
	options(argc, args);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		errx("cannot initialise libcurl");
	notice_init();
	util_tmpfile_signals();	/* a kill leaves no temporary file */
	state = state_new();
	atexit(cleanup);
	if (cafile != NULL)
		load_ca();
	if (statefile != NULL && state_load(state, statefile) != 0)
		errx("state file %s not used; nothing fetched", statefile);
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
	if (stdout_close() < 0) {
		status = EXIT_TROUBLE;
		if (!audit && statefile != NULL)
			warnx("state file %s left as it was", statefile);
	} else if (!audit && statefile != NULL &&
	    state_save(state, statefile) != 0)
		status = EXIT_TROUBLE;
	return status;
}
