/*
 * convert: what a fetched body says, as UTF-8 text: HTML through
 * lib/html.c (text, title, links), plain text with its charset converted
 * and carriage returns dropped, PDF through lib/pdftext.c.
 *
 * convert_body() is a function of the bytes, the content type and the
 * options passed in: it reads no option global, touches no state or
 * cache, and writes no file but pdftotext's temporary one.  It fills a
 * caller-owned struct convert_doc, which must start zeroed;
 * convert_doc_free() releases what it holds and leaves it zeroed (freeing
 * a zeroed one is a no-op).  Reasons for failure are appended to the
 * caller's buf.
 */
#ifndef CONVERT_H
#define CONVERT_H

#include <stddef.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "charset.h"
#include "html.h"
#include "util.h"

#define CONVERT_CHALLENGE	300	/* less text: maybe a JS challenge */

enum convert_kind { CONVERT_HTML, CONVERT_TEXT, CONVERT_PDF, CONVERT_OTHER };

struct convert_opts {
	const char	*charset;	/* overrides detection; NULL: detect */
	const char	*base;		/* the body's URL, for relative links */
	const pcre2_code *linkpat;	/* links to keep; NULL: no links */
	size_t		 maxbytes;	/* at most this much PDF text (-m) */
	double		 timeout;	/* seconds pdftotext may take (-t) */
};

struct convert_doc {
	struct buf	 text;
	char		*title;		/* HTML <title>, or NULL */
	char		 charset[CHARSET_MAX];	/* what the body was read as */
	struct html_links links;	/* URL or anchor text matches linkpat */
	int		 blocked;	/* a JavaScript challenge page */
	char		 warning[320];	/* the charset read is doubtful; or "" */
};

/*
 * What body s[0..n) with Content-Type ctype (NULL: none) is: %PDF- or a
 * type naming pdf is a PDF; html or xml is HTML; text/ is text; with no
 * type or application/octet-stream, HTML if it starts with '<', else text.
 * Anything else is CONVERT_OTHER.
 */
enum convert_kind convert_kind(const char *ctype, const char *s, size_t n);

/*
 * Convert body s[0..n) of type ctype into d: the charset is o->charset
 * when iconv knows it, else detected (charset_detect()).  A declared
 * charset (header, <meta>) that leaves bytes undecoded, or a non-UTF-8
 * one declared for a body that is valid UTF-8 beyond ASCII, gives way to
 * the first candidate that decodes the whole body cleanly: UTF-8, the
 * guess (charset_guess()), GB18030; d->warning says so, or, when none
 * does, how many bytes became U+FFFD.  With
 * o->linkpat, an HTML body's links whose URL or anchor text matches it
 * are kept in d->links, in document order.  An HTML page with little text
 * and the marks of a JavaScript check sets d->blocked.  Returns 0, or -1
 * with the reason in why (unsupported type, HTML that cannot be parsed, a
 * PDF that pdftotext cannot read within the limits).
 */
int	convert_body(const char *s, size_t n, const char *ctype,
	    const struct convert_opts *o, struct convert_doc *d,
	    struct buf *why);
void	convert_doc_free(struct convert_doc *);

#endif
