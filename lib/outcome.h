/*
 * outcome: what a fetch that came back becomes: the document records to
 * write (lib/docrec.h), and what the state file and the cache remember of
 * it.  A 2xx body is hashed, cached and converted (lib/convert.h); a 304
 * keeps the digest the state holds; with a link pattern (-l) a list page
 * gives a record per link not seen before, then its own record without
 * text, whose "links" counts them and whose "warning" says what was
 * dropped (hrefs no browser could follow, links past -n or off its host
 * with -H).  No curl
 * here: the tool hands over what the transfer gave, so the bookkeeping is
 * the same for a fetch and a test.
 *
 * Records are appended to the caller's JSON array, which steals them; a
 * record passed in is either appended there or released.  The state is
 * the caller's and is updated in place.  The return value is a set of
 * OUTCOME_* flags; nothing else outlives a call.
 */
#ifndef OUTCOME_H
#define OUTCOME_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "convert.h"
#include "state.h"

#define OUTCOME_FAILED	1	/* the record ended blocked or error */
#define OUTCOME_TROUBLE	2	/* reported trouble: the run exits 2 */

/* What every outcome of a run shares. */
struct outcome_ctx {
	struct state	*state;
	const char	*cachedir;	/* NULL: bodies are not kept (no -x) */
	const pcre2_code *linkpat;	/* -l: list pages; NULL: documents */
	size_t		 maxbytes;	/* -m, for PDF text */
	double		 timeout;	/* -t, for pdftotext */
	size_t		 maxlinks;	/* -n: new links kept per list page */
	int		 samehost;	/* -H: links on the list's host only */
};

/* A transfer that came back, as the tool saw it. */
struct outcome_fetch {
	const char	*url;		/* as asked for, the state's key */
	const char	*final_url;	/* after redirects: base of links */
	const char	*ctype;		/* Content-Type, or NULL */
	const char	*body;		/* body[0..len), may be NULL if 0 */
	size_t		 len;
	const char	*etag, *lastmod;	/* raw header values, or NULL */
	const char	*at;		/* fetched_at, ISO 8601 UTC */
};

/*
 * End rec in state st ("new", "error", ...) with message error (NULL:
 * none) and append it to out.  Returns OUTCOME_FAILED|OUTCOME_TROUBLE for
 * blocked and error, else 0.
 */
int	outcome_conclude(json_t *out, json_t *rec, const char *st,
	    const char *error);

/*
 * A 2xx body: digest, cache, convert; rec ends new, changed or unchanged
 * (the state holds the same digest and there is no link pattern), or
 * blocked or error.  With a link pattern, the page's new links are
 * recorded (state and out) first; rec, without text, ends new (a list
 * not in the state), changed (new links) or unchanged, links set.
 */
int	outcome_body(const struct outcome_ctx *, const struct outcome_fetch *,
	    json_t *rec, json_t *out);

/*
 * A 304: the state's digest stands; rec ends unchanged (or error), with
 * links 0 for a list page: checked, nothing new.
 */
int	outcome_304(const struct outcome_ctx *, const struct outcome_fetch *,
	    json_t *rec, json_t *out);

/*
 * Audit (-x): read the document records in path ("-": standard input;
 * plain or gzip) and write each to out with its text, title, charset and
 * notice metadata derived anew from the body in the cache that its
 * sha256 names, read with its content_type and charset.  A record with no
 * text or no sha256 (an error, a block, an unchanged document, a link)
 * is written as it came; one whose body is missing or cannot be converted
 * is reported as FILE:LINE and left out.  Returns OUTCOME_TROUBLE if
 * anything was reported.
 */
int	outcome_audit(const struct outcome_ctx *, const char *path, FILE *out);

/* Set the text, title, charset and notice metadata of rec from d. */
void	outcome_set_text(json_t *rec, const struct convert_doc *d);

#endif
