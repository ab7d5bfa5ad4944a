/*
 * html: HTML to plain text, title and links, through libxml2's HTML
 * parser (never by stripping tags with patterns).
 *
 * The text keeps a notice's structure for zb-extract: each paragraph or
 * other block is a line, blocks are separated by a blank line, a <br>
 * breaks a line, and a data table gives one line per row with its cells
 * separated by tabs.  Scripts, styles, forms' controls, hidden elements,
 * navigation, headers, footers and sidebars (by element name, or by an id
 * or class token such as "nav" or "footer") are dropped.
 *
 * Everything html_parse() fills is the caller's: the text buf, the title
 * (free()), and the links (html_links_free()).  html_cleanup() releases
 * libxml2's global state at exit.
 */
#ifndef HTML_H
#define HTML_H

#include <stddef.h>

#include "util.h"

struct html_link {
	char	*url;		/* absolute http(s) URL, fragment removed */
	char	*text;		/* anchor text, whitespace collapsed */
};

struct html_links {
	struct html_link *v;
	size_t		 n;
	size_t		 dropped;	/* hrefs that name no URL a browser reads */
};

/*
 * Parse UTF-8 HTML s[0..n) fetched from base.  Appends the text to *text
 * (valid UTF-8 when the input is), sets *title to the <title> text or
 * NULL, and when links is not NULL collects every <a href> that resolves
 * to an http or https URL.  Returns 0, or -1 when the document cannot be
 * parsed at all (nothing is filled).
 */
int	html_parse(const char *s, size_t n, const char *base, struct buf *text,
	    char **title, struct html_links *links);
void	html_links_free(struct html_links *);
void	html_cleanup(void);

#endif
