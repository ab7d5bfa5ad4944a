/* html: HTML to plain text, title and links with libxml2. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>

#include "html.h"
#include "util.h"
#include "weburl.h"

#define MAXDEPTH	200	/* deeper nodes are read as their text */
#define LAYOUTCELL	1000	/* a cell this long makes a layout table */

/* Elements whose content is never text of the notice. */
static const char *const dropped[] = {
	"script", "style", "noscript", "template", "nav", "header", "footer",
	"aside", "iframe", "object", "embed", "svg", "select", "option",
	"button", "input", "textarea", "head", "map", "canvas", "audio",
	"video", "menu", NULL
};

/* id or class tokens that mark navigation and page furniture. */
static const char *const furniture[] = {
	"nav", "navbar", "menu", "header", "footer", "breadcrumb",
	"breadcrumbs", "crumb", "crumbs", "sidebar", "toolbar", "topbar",
	"share", "copyright", NULL
};

/* Elements that start and end a block (a line of their own). */
static const char *const blocks[] = {
	"address", "article", "blockquote", "body", "caption", "center", "dd",
	"details", "dialog", "dir", "div", "dl", "dt", "fieldset",
	"figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6",
	"hgroup", "hr", "html", "li", "main", "ol", "p", "pre", "section",
	"summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
	NULL
};

/* Text being built: lines, with breaks pending until text follows. */
struct out {
	struct buf	*b;
	size_t		 col;		/* bytes on the current line */
	int		 pending;	/* newlines owed before more text */
	int		 space;		/* a space is owed */
	int		 inline_;	/* a table cell: breaks are spaces */
	int		 pre;		/* inside <pre> */
};

static int
inlist(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (strcasecmp(*list, s) == 0)
			return 1;
	return 0;
}

static int
is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcasecmp((const char *)n->name, name) == 0;
}

/* Does the attribute hold one of the furniture tokens? */
static int
furniture_attr(xmlNode *n, const char *attr)
{
	xmlChar *v;
	char *tok, *save, *s;
	int hit = 0;

	if ((v = xmlGetProp(n, (const xmlChar *)attr)) == NULL)
		return 0;
	s = (char *)v;
	for (tok = strtok_r(s, " \t\r\n", &save); tok != NULL && !hit;
	    tok = strtok_r(NULL, " \t\r\n", &save))
		hit = inlist(furniture, tok);
	xmlFree(v);
	return hit;
}

static int
hidden(xmlNode *n)
{
	xmlChar *v;
	char *p, *q;
	int hit;

	if (xmlHasProp(n, (const xmlChar *)"hidden") != NULL)
		return 1;
	if ((v = xmlGetProp(n, (const xmlChar *)"style")) == NULL)
		return 0;
	for (p = q = (char *)v; *p != '\0'; p++)
		if (*p != ' ' && *p != '\t')
			*q++ = *p;
	*q = '\0';
	hit = strstr((char *)v, "display:none") != NULL ||
	    strstr((char *)v, "visibility:hidden") != NULL;
	xmlFree(v);
	return hit;
}

static int
skipped(xmlNode *n)
{
	return inlist(dropped, (const char *)n->name) || hidden(n) ||
	    furniture_attr(n, "class") || furniture_attr(n, "id");
}

/* End the current line; level 1 is a line break, 2 a blank line. */
static void
brk(struct out *o, int level)
{
	if (o->inline_) {
		o->space = o->col > 0;
		return;
	}
	if (o->col > 0) {
		o->col = 0;
		o->pending = level;
	} else if (level > o->pending)
		o->pending = level;
	o->space = 0;
}

/* Owed newlines, before the first byte of a line. */
static void
startline(struct out *o)
{
	if (o->col == 0 && o->b->len > 0 && !o->inline_)
		buf_add(o->b, "\n\n", o->pending > 1 ? 2 : 1);
	o->pending = 0;
}

static void
put(struct out *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (o->pre && c == '\n') {
			brk(o, 1);
			continue;
		}
		if (!o->pre && (c == ' ' || c == '\t' || c == '\n' ||
		    c == '\r' || c == '\f' || c == '\v')) {
			o->space = o->col > 0;
			continue;
		}
		if (!o->pre && c == 0xc2 && i + 1 < n &&
		    (unsigned char)s[i + 1] == 0xa0) {	/* no-break space */
			o->space = o->col > 0;
			i++;
			continue;
		}
		if (c == '\r' || c == '\0')
			continue;
		startline(o);
		if (o->space) {
			buf_addc(o->b, ' ');
			o->col++;
			o->space = 0;
		}
		buf_addc(o->b, c);
		o->col++;
	}
}

static void	walk(struct out *, xmlNode *, int);

/* A cell's text on one line, tabs and newlines made spaces. */
static char *
cell_text(xmlNode *cell)
{
	struct buf b = {0};
	struct out o = { 0 };
	size_t i;

	o.b = &b;
	o.inline_ = 1;
	walk(&o, cell->children, 0);
	buf_add(&b, "", 0);
	for (i = 0; i < b.len; i++)
		if (b.data[i] == '\t' || b.data[i] == '\n')
			b.data[i] = ' ';
	return b.data;
}

/* The rows of a table, not of tables nested in it. */
static void
rows(xmlNode *n, xmlNode ***v, size_t *nv)
{
	for (; n != NULL; n = n->next) {
		if (is(n, "tr")) {
			*v = xreallocarray(*v, *nv + 1, sizeof(**v));
			(*v)[(*nv)++] = n;
		} else if (is(n, "thead") || is(n, "tbody") || is(n, "tfoot"))
			rows(n->children, v, nv);
	}
}

static int
cell(const xmlNode *n)
{
	return is(n, "td") || is(n, "th");
}

/*
 * A table used for page layout (a nested table, or a cell as long as a
 * page) is walked as blocks; a data table gives tab-separated rows.
 */
static int
layout_table(xmlNode *n, int depth)
{
	xmlChar *s;
	int big;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is(n, "table") || depth > MAXDEPTH)
			return 1;
		if (cell(n)) {
			s = xmlNodeGetContent(n);
			big = s != NULL && strlen((char *)s) > LAYOUTCELL;
			xmlFree(s);
			if (big)
				return 1;
		}
		if (layout_table(n->children, depth + 1))
			return 1;
	}
	return 0;
}

static void
table(struct out *o, xmlNode *t)
{
	xmlNode **r = NULL, *c;
	size_t nr = 0, i, nc;
	struct buf row = {0};
	char *s;
	int any;

	rows(t->children, &r, &nr);
	brk(o, 2);
	for (c = t->children; c != NULL; c = c->next)
		if (is(c, "caption")) {
			walk(o, c->children, 1);
			brk(o, 1);
		}
	for (i = 0; i < nr; i++) {
		buf_clear(&row);
		any = 0;
		nc = 0;
		for (c = r[i]->children; c != NULL; c = c->next) {
			if (!cell(c))
				continue;
			s = cell_text(c);
			if (nc++ > 0)
				buf_addc(&row, '\t');
			buf_adds(&row, s);
			any |= *s != '\0';
			free(s);
		}
		if (!any)
			continue;
		while (row.len > 0 && row.data[row.len - 1] == '\t')
			row.data[--row.len] = '\0';	/* empty last cells */
		if (o->inline_) {
			put(o, row.data, row.len);
			o->space = 1;
			continue;
		}
		startline(o);
		buf_add(o->b, row.data, row.len);
		o->col += row.len;
		brk(o, 1);
	}
	buf_free(&row);
	free(r);
	brk(o, 2);
}

static void
element(struct out *o, xmlNode *n, int depth)
{
	const char *name = (const char *)n->name;
	int block, pre;

	if (skipped(n))
		return;
	if (strcasecmp(name, "br") == 0) {
		brk(o, o->col > 0 ? 1 : 2);
		return;
	}
	if (strcasecmp(name, "table") == 0 &&
	    !layout_table(n->children, 0)) {
		table(o, n);
		return;
	}
	block = inlist(blocks, name);
	pre = o->pre;
	if (strcasecmp(name, "pre") == 0)
		o->pre = 1;
	if (block)
		brk(o, 2);
	walk(o, n->children, depth + 1);
	if (block)
		brk(o, 2);
	o->pre = pre;
}

/*
 * An element nested deeper than MAXDEPTH: its text as one block, so
 * nothing is lost and the walk's recursion stays bounded.
 */
static void
deep(struct out *o, xmlNode *n)
{
	xmlChar *s;

	if (skipped(n))
		return;
	if ((s = xmlNodeGetContent(n)) == NULL)
		return;
	brk(o, 1);
	put(o, (const char *)s, strlen((const char *)s));
	brk(o, 1);
	xmlFree(s);
}

static void
walk(struct out *o, xmlNode *n, int depth)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			if (n->content != NULL)
				put(o, (const char *)n->content,
				    strlen((const char *)n->content));
		} else if (n->type == XML_ELEMENT_NODE && depth < MAXDEPTH)
			element(o, n, depth);
		else if (n->type == XML_ELEMENT_NODE)
			deep(o, n);
	}
}

/*
 * The node after n in document order, below n's children when descend,
 * or NULL past the last node under top (n's first ancestor not to leave).
 * No recursion: a document may be nested as deep as it is long.
 */
static xmlNode *
next_node(xmlNode *n, const xmlNode *top, int descend)
{
	if (descend && n->children != NULL)
		return n->children;
	while (n != NULL && n->next == NULL) {
		n = n->parent;
		if (n == top)
			return NULL;
	}
	return n != NULL ? n->next : NULL;
}

static xmlNode *
find(xmlNode *n, const char *name)
{
	const xmlNode *top = n != NULL ? n->parent : NULL;

	for (; n != NULL; n = next_node(n, top, n->type == XML_ELEMENT_NODE))
		if (is(n, name))
			return n;
	return NULL;
}

static char *
title_of(xmlDoc *doc)
{
	xmlNode *t;
	char *s;

	t = find(xmlDocGetRootElement(doc), "title");
	if (t == NULL)
		return NULL;
	s = cell_text(t);
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/*
 * The link of <a> a, resolved against base as a browser would
 * (lib/weburl.h); an href that names no http or https URL is counted in
 * l->dropped unless it has another scheme (mailto:, javascript:).
 */
static void
add_link(struct html_links *l, xmlNode *a, const char *base)
{
	xmlChar *href;
	char *abs;
	int bad;

	if ((href = xmlGetProp(a, (const xmlChar *)"href")) == NULL)
		return;
	abs = weburl_resolve(base, (const char *)href,
	    strlen((const char *)href), &bad);
	xmlFree(href);
	if (abs == NULL) {
		l->dropped += bad;
		return;
	}
	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	l->v[l->n].url = abs;
	l->v[l->n].text = cell_text(a);
	l->n++;
}

static void
links_in(struct html_links *l, xmlNode *n, const char *base)
{
	const xmlNode *top = n != NULL ? n->parent : NULL;
	int descend;

	while (n != NULL) {
		descend = 0;
		if (is(n, "a"))
			add_link(l, n, base);
		else
			descend = n->type == XML_ELEMENT_NODE &&
			    !is(n, "script") && !is(n, "style");
		n = next_node(n, top, descend);
	}
}

static void
quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

int
html_parse(const char *s, size_t n, const char *base, struct buf *text,
    char **title, struct html_links *links)
{
	struct out o = { 0 };
	xmlDoc *doc;
	xmlNode *b;
	xmlChar *href;
	char *abs = NULL;
	int bad;

	*title = NULL;
	if (n > INT_MAX)
		return -1;
	xmlSetGenericErrorFunc(NULL, quiet);
	doc = htmlReadMemory(s, (int)n, base, "UTF-8", HTML_PARSE_RECOVER |
	    XML_PARSE_HUGE |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (doc == NULL)
		return -1;
	*title = title_of(doc);
	o.b = text;
	walk(&o, xmlDocGetRootElement(doc), 0);
	if (text->len > 0)
		buf_addc(text, '\n');
	if (links != NULL) {
		b = find(xmlDocGetRootElement(doc), "base");
		if (b != NULL && (href = xmlGetProp(b,
		    (const xmlChar *)"href")) != NULL) {
			abs = weburl_resolve(base, (const char *)href,
			    strlen((const char *)href), &bad);
			xmlFree(href);
		}
		links_in(links, xmlDocGetRootElement(doc),
		    abs != NULL ? abs : base);
		free(abs);
	}
	xmlFreeDoc(doc);
	return 0;
}

void
html_links_free(struct html_links *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->v[i].url);
		free(l->v[i].text);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
	l->dropped = 0;
}

void
html_cleanup(void)
{
	xmlCleanupParser();
}
