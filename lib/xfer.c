/* xfer: one transfer's libcurl handle, safe options set and checked. */
#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "addr.h"
#include "docrec.h"
#include "util.h"
#include "xfer.h"

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;

	n *= size;
	if ((curl_off_t)(x->body.len + n) > x->maxbytes) {
		x->too_big = 1;
		return 0;
	}
	buf_add(&x->body, p, n);
	return n;
}

static void
add_header(struct xfer *x, const char *name, const char *value)
{
	struct buf b = {0};

	if (value == NULL || *value == '\0')
		return;
	buf_adds(&b, name);
	buf_adds(&b, ": ");
	buf_adds(&b, value);
	x->hdrs = curl_slist_append(x->hdrs, b.data);
	buf_free(&b);
}

/*
 * May x reach ip (is_local: addr_local() of it)?  See struct xfer.  The
 * first request of a URL given may go anywhere; its address decides
 * where its redirects may go.
 */
static int
reachable(struct xfer *x, int is_local, const char *ip)
{
	if (!is_local || x->allow_local || x->local)
		return 1;
	if (x->self && x->nreq == 0) {
		x->local = 1;
		return 1;
	}
	x->refused = 1;
	snprintf(x->refused_ip, sizeof(x->refused_ip), "%s", ip);
	return 0;
}

/* Before a connection is made: its address, resolved, checked. */
static curl_socket_t
on_open(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct xfer *x = arg;
	char ip[INET6_ADDRSTRLEN] = "?";

	(void)purpose;
	if (a->family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)
		    &a->addr)->sin_addr, ip, sizeof(ip));
	else if (a->family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)(void *)
		    &a->addr)->sin6_addr, ip, sizeof(ip));
	if (!reachable(x, addr_local(&a->addr), ip))
		return CURL_SOCKET_BAD;
	return socket(a->family, a->socktype, a->protocol);
}

/* Before each request, on a new or a reused connection: checked again. */
static int
on_prereq(void *arg, char *ip, char *local_ip, int port, int local_port)
{
	struct xfer *x = arg;

	(void)local_ip;
	(void)port;
	(void)local_port;
	if (!reachable(x, addr_local_str(ip) != 0, ip))
		return CURL_PREREQFUNC_ABORT;
	x->nreq++;
	return CURL_PREREQFUNC_OK;
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
safety(struct xfer *x, CURL *e, const struct xfer_opts *o)
{
	must(curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https"),
	    "CURLOPT_PROTOCOLS_STR");
	must(curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"),
	    "CURLOPT_REDIR_PROTOCOLS_STR");
	must(curl_easy_setopt(e, CURLOPT_MAXREDIRS, XFER_MAXREDIRS),
	    "CURLOPT_MAXREDIRS");
	must(curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L),
	    "CURLOPT_SSL_VERIFYPEER");
	must(curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L),
	    "CURLOPT_SSL_VERIFYHOST");
	if (o->ca != NULL && o->ca->len > 0) {
		struct curl_blob blob = { o->ca->data, o->ca->len,
		    CURL_BLOB_NOCOPY };

		must(curl_easy_setopt(e, CURLOPT_CAINFO_BLOB, &blob),
		    "CURLOPT_CAINFO_BLOB");
	}
	must(curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, o->maxbytes),
	    "CURLOPT_MAXFILESIZE_LARGE");
	must(curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, on_open),
	    "CURLOPT_OPENSOCKETFUNCTION");
	must(curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, x),
	    "CURLOPT_OPENSOCKETDATA");
	must(curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, on_prereq),
	    "CURLOPT_PREREQFUNCTION");
	must(curl_easy_setopt(e, CURLOPT_PREREQDATA, x),
	    "CURLOPT_PREREQDATA");
}

void
xfer_setup(struct xfer *x, const char *url, const struct xfer_opts *o,
    const char *etag, const char *lastmod, void *priv)
{
	CURL *e;

	if ((e = x->easy = curl_easy_init()) == NULL)
		zb_errx("cannot create a transfer");
	x->maxbytes = o->maxbytes;
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, priv);
	safety(x, e, o);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)(o->timeout * 1000));
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
	    (long)(fmin(o->timeout, 30) * 1000));
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "zb-fetch/" ZB_VERSION);
	curl_easy_setopt(e, CURLOPT_COOKIEFILE, "");
	add_header(x, "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5");
	add_header(x, "If-None-Match", etag);
	add_header(x, "If-Modified-Since", lastmod);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->hdrs);
}

void
xfer_reset(struct xfer *x)
{
	x->too_big = 0;
	x->local = x->nreq = x->refused = 0;
	x->errbuf[0] = '\0';
	buf_clear(&x->body);
}

static const char *
header(CURL *e, const char *name)
{
	struct curl_header *h;

	if (curl_easy_header(e, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return NULL;
	return h->value;
}

json_t *
xfer_record(struct xfer *x, const char *url, CURLcode rc, long code,
    const char *at)
{
	const char *final = NULL, *ct = NULL;
	json_t *rec;

	rec = docrec_new(url);
	docrec_set(rec, DR_FETCHED_AT, at);
	if (curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &final) ==
	    CURLE_OK)
		docrec_set(rec, DR_FINAL_URL, final);
	if (code != 0)
		docrec_set_int(rec, DR_STATUS, code);
	if (header(x->easy, "ETag") != NULL)
		x->etag = xstrdup(header(x->easy, "ETag"));
	if (header(x->easy, "Last-Modified") != NULL)
		x->lastmod = xstrdup(header(x->easy, "Last-Modified"));
	docrec_set(rec, DR_ETAG, x->etag);
	docrec_set(rec, DR_LAST_MODIFIED, x->lastmod);
	if (rc == CURLE_OK && code != 0 && curl_easy_getinfo(x->easy,
	    CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK)
		docrec_set(rec, DR_CONTENT_TYPE, ct);
	return rec;
}

int
xfer_transient(const struct xfer *x, CURLcode rc, long code)
{
	if (x->refused)
		return 0;
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

void
xfer_error(const struct xfer *x, CURLcode rc, char *msg, size_t size)
{
	long code = 0;

	if (x->refused)
		snprintf(msg, size, "refused: leads to %s, a loopback, private "
		    "or link-local address, from a URL that is not on one "
		    "(-L allows)", x->refused_ip);
	else if (rc == CURLE_FILESIZE_EXCEEDED || x->too_big)
		snprintf(msg, size, "body larger than %lld bytes (-m)",
		    (long long)x->maxbytes);
	else if (rc == CURLE_TOO_MANY_REDIRECTS)
		snprintf(msg, size, "more than %ld redirects",
		    XFER_MAXREDIRS);
	else if (rc == CURLE_UNSUPPORTED_PROTOCOL &&
	    strstr(x->errbuf, "HTTP/0.9") != NULL)
		snprintf(msg, size, "the server answered HTTP/0.9 (no status "
		    "line, no headers); refused");
	else if (rc == CURLE_UNSUPPORTED_PROTOCOL)
		snprintf(msg, size, "redirected to a URL that is not "
		    "http or https; refused");
	else if (rc == CURLE_OUT_OF_MEMORY && x->easy != NULL &&
	    curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code) ==
	    CURLE_OK && code != 0)
		snprintf(msg, size, "HTTP %ld with response headers larger "
		    "than libcurl takes (100 KB); refused", code);
	else
		snprintf(msg, size, "%s", x->errbuf[0] != '\0' ?
		    x->errbuf : curl_easy_strerror(rc));
}

void
xfer_free(struct xfer *x)
{
	buf_free(&x->body);
	free(x->etag);
	free(x->lastmod);
	curl_slist_free_all(x->hdrs);
	curl_easy_cleanup(x->easy);
	memset(x, 0, sizeof(*x));
}

void
xfer_load_ca(const char *cafile, struct buf *ca)
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
			buf_add(ca, chunk, n);
		if (ferror(f))
			zb_err("%s", paths[i]);
		fclose(f);
		buf_addc(ca, '\n');
	}
}

int
xfer_host_key(const char *u, struct buf *key, const char **why)
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
