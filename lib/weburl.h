/*
 * weburl: URLs as a browser reads them.  weburl_strip_userinfo() drops the
 * user:password@ of a URL before it is stored (state, records, reports).
 * weburl_resolve() resolves an href against its page's URL as the WHATWG
 * URL standard does: leading and trailing C0 controls and spaces trimmed,
 * tabs and newlines removed, backslashes read as slashes in http(s),
 * dot segments removed, and a space, a byte >= 0x80 or another byte a URL
 * may not hold percent-encoded; an escape already there (%2F, %00) is
 * never decoded.
 *
 * Both return a malloc'd string the caller frees, or NULL.
 */
#ifndef WEBURL_H
#define WEBURL_H

#include <stddef.h>

/* u without its userinfo, or NULL when it has none (use u as it is). */
char	*weburl_strip_userinfo(const char *u);
/*
 * The absolute http or https URL that href[0..n) names on a page at base
 * (itself absolute), without its fragment (an empty href is the page
 * itself).  NULL for another scheme (mailto:, javascript:; *bad 0), or
 * for a URL a browser would refuse (no host, a bad port, a base that is
 * not http or https; *bad 1).
 */
char	*weburl_resolve(const char *base, const char *href, size_t n,
	    int *bad);

/*
 * 1 if absolute URLs a and b have the same scheme, host and port (the
 * userinfo aside; letters compared without case), else 0.
 */
int	 weburl_same_host(const char *a, const char *b);

#endif
