/*
 * xfer: one HTTP(S) transfer's libcurl easy handle: every option that
 * matters for safety set explicitly and checked (http and https only, on
 * redirects too; at most XFER_MAXREDIRS redirects; peer and host verified;
 * a size limit), conditional request headers, the body collected under
 * the limit, no connection to a loopback, private or link-local address
 * unless allowed (checked on the address connected to, after the name
 * is resolved, for every request: redirects and reused connections too),
 * and after the transfer its validators, its record and the
 * message for a failure.  The multi handle, scheduling and retries are
 * the caller's (zb-fetch's transfer loop).
 *
 * A struct xfer starts zeroed and is the caller's; xfer_start() fills it,
 * xfer_free() releases everything it holds (the handle, headers, body,
 * validators) and leaves it zeroed (freeing a zeroed one is a no-op).
 * xfer_record() returns a new document record the caller owns.
 */
#ifndef XFER_H
#define XFER_H

#include <stddef.h>

#include <curl/curl.h>
#include <jansson.h>

#include "util.h"

#define XFER_MAXREDIRS	5L

/* What every transfer of a run shares. */
struct xfer_opts {
	double		 timeout;	/* seconds, redirects included (-t) */
	curl_off_t	 maxbytes;	/* body limit (-m) */
	const struct buf *ca;		/* PEM CA bundle; NULL, empty: curl's */
};

struct xfer {
	/*
	 * Addresses that are not public (lib/addr.h): allow_local (-P, or
	 * a URL found on a list that is itself on such an address) lets
	 * every request reach them; else self (a URL given, not found on a
	 * list) lets its first request reach one, and then its redirects
	 * too.  Any other connection to one is refused: refused is set and
	 * refused_ip names the address.  The caller sets allow_local and
	 * self before xfer_setup().
	 */
	int		 allow_local, self;
	int		 local;		/* the first request went to one */
	int		 nreq;		/* requests sent on this try */
	int		 refused;
	char		 refused_ip[64];
	CURL		*easy;
	struct curl_slist *hdrs;
	struct buf	 body;
	curl_off_t	 maxbytes;
	int		 too_big;	/* the body passed maxbytes */
	char		*etag, *lastmod;	/* raw, as the server sent them */
	char		 errbuf[CURL_ERROR_SIZE];
};

/*
 * Make x's handle for url, with CURLOPT_PRIVATE priv; etag and lastmod,
 * when not NULL or empty, make the request conditional.  Exits with a
 * message when libcurl refuses a safety option: nothing is fetched
 * without it.
 */
void	 xfer_setup(struct xfer *x, const char *url, const struct xfer_opts *o,
	    const char *etag, const char *lastmod, void *priv);
/* Before a start or a retry: no body, no error yet. */
void	 xfer_reset(struct xfer *x);
/*
 * The record of a finished transfer, before its outcome: url, fetched_at
 * at, final URL, status code, validators (kept raw in x for the state)
 * and content type.
 */
json_t	*xfer_record(struct xfer *x, const char *url, CURLcode rc, long code,
	    const char *at);
/*
 * Worth another try: timeouts, resets, cut-off bodies, 5xx; never a
 * refused address.
 */
int	 xfer_transient(const struct xfer *x, CURLcode rc, long code);
/* Why a transfer that ended with curl error rc failed, into msg. */
void	 xfer_error(const struct xfer *x, CURLcode rc, char *msg, size_t size);
void	 xfer_free(struct xfer *x);

/*
 * The key transfers to the same server share, scheme://host:port (port
 * explicit), of URL u into key (cleared first).  Returns 0, or -1 with the
 * reason in why: not a URL, not http or https, no host.
 */
int	 xfer_host_key(const char *u, struct buf *key, const char **why);

/*
 * The system CA bundle and cafile, as one PEM blob appended to ca: a
 * file adds to the system's, never replaces it.  Exits with a message
 * when cafile cannot be read.
 */
void	 xfer_load_ca(const char *cafile, struct buf *ca);

#endif
