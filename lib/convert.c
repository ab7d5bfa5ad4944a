/* convert: a fetched body (HTML, text or PDF) as UTF-8 text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "convert.h"
#include "html.h"
#include "pdftext.h"
#include "utf8.h"
#include "util.h"

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

	if (textlen >= CONVERT_CHALLENGE)
		return 0;
	for (i = 0; marks[i] != NULL; i++)
		if (has(s, n, marks[i]))
			return 1;
	return 0;
}

enum convert_kind
convert_kind(const char *ctype, const char *s, size_t n)
{
	size_t i;

	if (n >= 5 && memcmp(s, "%PDF-", 5) == 0)
		return CONVERT_PDF;
	if (ctype != NULL && icontains(ctype, "pdf"))
		return CONVERT_PDF;
	if (ctype != NULL && (icontains(ctype, "html") ||
	    icontains(ctype, "xml")))
		return CONVERT_HTML;
	if (ctype != NULL && strncasecmp(ctype, "text/", 5) == 0)
		return CONVERT_TEXT;
	if (ctype == NULL || strncasecmp(ctype, "application/octet-stream",
	    24) == 0) {
		for (i = 0; i < n && strchr(" \t\r\n", s[i]) != NULL; i++)
			;
		return i < n && s[i] == '<' ? CONVERT_HTML : CONVERT_TEXT;
	}
	return CONVERT_OTHER;
}

static int
matches(const pcre2_code *pat, pcre2_match_data *md, const char *s)
{
	return pcre2_match(pat, (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0, 0,
	    md, NULL) >= 0;
}

/* Keep the links whose URL or anchor text matches pat, in order. */
static void
keep_links(struct html_links *l, const pcre2_code *pat)
{
	pcre2_match_data *md;
	size_t i, k;

	md = pcre2_match_data_create_from_pattern(pat, NULL);
	if (md == NULL)
		zb_errx("out of memory");
	for (i = k = 0; i < l->n; i++) {
		if (matches(pat, md, l->v[i].url) ||
		    matches(pat, md, l->v[i].text)) {
			l->v[k++] = l->v[i];
			continue;
		}
		free(l->v[i].url);
		free(l->v[i].text);
	}
	l->n = k;
	pcre2_match_data_free(md);
}

/* Text or HTML body s[0..n), already read as UTF-8 into u, into d. */
static int
markup(enum convert_kind k, const char *s, size_t n, struct buf *u,
    const struct convert_opts *o, struct convert_doc *d, struct buf *why)
{
	size_t i, j;

	if (k == CONVERT_TEXT) {
		for (i = j = 0; i < u->len; i++)
			if (u->data[i] != '\r')
				u->data[j++] = u->data[i];
		buf_add(&d->text, u->data, j);
		return 0;
	}
	if (html_parse(u->data, u->len, o->base, &d->text, &d->title,
	    o->linkpat != NULL ? &d->links : NULL) != 0) {
		buf_adds(why, "HTML could not be parsed");
		return -1;
	}
	if (o->linkpat != NULL)
		keep_links(&d->links, o->linkpat);
	d->blocked = challenge(s, n, d->text.len);
	return 0;
}

/* Has s[0..n) a byte past ASCII? */
static int
high(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

/*
 * Decode s[0..n) into u as d->charset says, which came from where (see
 * convert_body()); a declaration that does not fit the bytes gives way to
 * the first candidate that decodes them cleanly.
 */
static void
decode(const char *s, size_t n, enum charset_from from,
    struct convert_doc *d, struct buf *u)
{
	char cand[3][CHARSET_MAX], declared[CHARSET_MAX];
	size_t bad, i;
	int utf8;

	bad = charset_to_utf8(d->charset, s, n, u);
	utf8 = strcmp(d->charset, "UTF-8") != 0 && high(s, n) &&
	    utf8_check(s, n) == n;
	if ((bad == 0 && !utf8) || (from != CHARSET_HEADER &&
	    from != CHARSET_META)) {
		if (bad > 0)
			snprintf(d->warning, sizeof(d->warning), "%zu bytes do "
			    "not decode as %s; replaced by U+FFFD", bad,
			    d->charset);
		return;
	}
	strcpy(declared, d->charset);
	strcpy(cand[0], "UTF-8");
	if (charset_guess(s, n, cand[1]) != 0)
		strcpy(cand[1], "UTF-8");
	strcpy(cand[2], "GB18030");
	for (i = 0; i < 3; i++) {
		if (strcmp(cand[i], declared) == 0)
			continue;
		buf_clear(u);
		if (charset_to_utf8(cand[i], s, n, u) == 0) {
			strcpy(d->charset, cand[i]);
			snprintf(d->warning, sizeof(d->warning), "declared "
			    "charset %s does not fit the bytes; read as %s",
			    declared, cand[i]);
			return;
		}
	}
	buf_clear(u);
	charset_to_utf8(declared, s, n, u);
	snprintf(d->warning, sizeof(d->warning), "%zu bytes do not decode "
	    "as %s, the declared charset, nor as any other; replaced by "
	    "U+FFFD", bad, declared);
}

int
convert_body(const char *s, size_t n, const char *ctype,
    const struct convert_opts *o, struct convert_doc *d, struct buf *why)
{
	struct buf u = {0};
	enum convert_kind k;
	int rc;

	k = convert_kind(ctype, s, n);
	if (k == CONVERT_PDF) {
		strcpy(d->charset, "UTF-8");
		return pdftext(s, n, o->maxbytes, o->timeout, &d->text, why);
	}
	if (k == CONVERT_OTHER) {
		buf_adds(why, "unsupported content type ");
		buf_adds(why, ctype);
		return -1;
	}
	if (o->charset != NULL && charset_canon(o->charset,
	    strlen(o->charset), d->charset) == 0)
		charset_to_utf8(d->charset, s, n, &u);	/* as recorded */
	else
		decode(s, n, charset_detect(ctype, s, n, k == CONVERT_HTML,
		    d->charset), d, &u);
	rc = markup(k, s, n, &u, o, d, why);
	buf_free(&u);
	return rc;
}

void
convert_doc_free(struct convert_doc *d)
{
	buf_free(&d->text);
	free(d->title);
	d->title = NULL;
	html_links_free(&d->links);
	d->charset[0] = '\0';
	d->warning[0] = '\0';
	d->blocked = 0;
}
