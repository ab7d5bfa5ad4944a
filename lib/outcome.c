/* outcome: records, state and cache from a fetch that came back. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cache.h"
#include "convert.h"
#include "docrec.h"
#include "jsonl.h"
#include "notice.h"
#include "outcome.h"
#include "sha.h"
#include "state.h"
#include "util.h"
#include "weburl.h"

/* Where the state keeps a page: a list page (-l) apart from a document. */
#define PAGE(c)	((c)->linkpat != NULL ? STATE_LIST : STATE_DOC)

int
outcome_conclude(json_t *out, json_t *rec, const char *st, const char *error)
{
	docrec_set(rec, DR_STATE, st);
	if (error != NULL)
		docrec_set(rec, DR_ERROR, error);
	json_array_append_new(out, rec);
	if (strcmp(st, "blocked") == 0 || strcmp(st, "error") == 0)
		return OUTCOME_FAILED | OUTCOME_TROUBLE;
	return 0;
}

void
outcome_set_text(json_t *rec, const struct convert_doc *d)
{
	struct notice m = { 0 };
	const char *s = d->text.data != NULL ? d->text.data : "";

	docrec_set(rec, DR_CHARSET, d->charset);
	docrec_set(rec, DR_TITLE, d->title);
	docrec_set_text(rec, s, d->text.len);
	notice_find(s, d->text.len, &m);
	docrec_set(rec, DR_DOC_NUMBER, m.doc_number);
	docrec_set(rec, DR_ISSUER, m.issuer);
	docrec_set(rec, DR_ISSUED, m.issued);
	if (d->warning[0] != '\0')
		docrec_set(rec, DR_WARNING, d->warning);
	notice_clear(&m);
}

/* Append "N WHAT" to warning w, "; " between. */
static void
warn_count(struct buf *w, size_t n, const char *what)
{
	char num[32];

	if (n == 0)
		return;
	if (w->len > 0)
		buf_adds(w, "; ");
	snprintf(num, sizeof(num), "%zu ", n);
	buf_adds(w, num);
	buf_adds(w, what);
}

/*
 * Records for the new links of list page f, d's links matching -l: at
 * most c->maxlinks, and with -H only those on the page's host.  What was
 * left out is counted into warning w.  Returns the number of records.
 */
static size_t
new_links(const struct outcome_ctx *c, const struct outcome_fetch *f,
    const struct convert_doc *d, json_t *out, struct buf *w)
{
	const struct html_link *l;
	const char *sf[STATE_FIELDS] = { 0 };
	const char *page = f->final_url != NULL ? f->final_url : f->url;
	size_t i, n = 0, capped = 0, offhost = 0;
	json_t *rec;

	for (i = 0; i < d->links.n; i++) {
		l = &d->links.v[i];
		if (strcmp(l->url, f->url) == 0)
			continue;
		if (c->samehost && !weburl_same_host(l->url, page)) {
			offhost++;
			continue;
		}
		if (state_get(c->state, STATE_LINK, l->url) != NULL)
			continue;	/* seen before, or earlier here */
		if (n >= c->maxlinks) {
			capped++;	/* new next run, if still there */
			continue;
		}
		sf[SL_LIST] = f->url;
		sf[SL_SEEN] = f->at;
		state_set(c->state, STATE_LINK, l->url, sf);
		rec = docrec_new(l->url);
		docrec_set(rec, DR_STATE, "new");
		docrec_set(rec, DR_FETCHED_AT, f->at);
		docrec_set(rec, DR_TITLE, l->text);
		docrec_set(rec, DR_LIST, f->url);
		json_array_append_new(out, rec);
		n++;
	}
	warn_count(w, d->links.dropped, "hrefs name no URL a browser "
	    "would follow; dropped");
	warn_count(w, capped, "new links past -n; left for the next run");
	warn_count(w, offhost, "links on other hosts; dropped (-H)");
	return n;
}

/*
 * Digest of f's body into hex and rec, and the body into the cache (a
 * failure there sets OUTCOME_TROUBLE in *flags).  Returns the state it
 * ends in unless converting says otherwise: new, changed, or unchanged
 * (same digest as the state has, and no -l).
 */
static const char *
digest(const struct outcome_ctx *c, const struct outcome_fetch *f,
    json_t *rec, char *hex, int *flags)
{
	const struct state_entry *old;
	const char *b = f->body != NULL ? f->body : "";

	sha_hex(b, f->len, hex);
	docrec_set(rec, DR_SHA256, hex);
	docrec_set_int(rec, DR_BYTES, (long long)f->len);
	if (c->cachedir != NULL && cache_put(c->cachedir, hex, b, f->len) != 0)
		*flags |= OUTCOME_TROUBLE;
	old = state_get(c->state, PAGE(c), f->url);
	if (old == NULL)
		return "new";
	if (strcmp(old->f[SD_SHA256], hex) == 0 && c->linkpat == NULL)
		return "unchanged";
	return "changed";
}

/* Remember f's validators and digest hex in the state. */
static void
remember(const struct outcome_ctx *c, const struct outcome_fetch *f,
    const char *hex)
{
	const char *sf[STATE_FIELDS] = { 0 };

	sf[SD_ETAG] = f->etag;
	sf[SD_LASTMOD] = f->lastmod;
	sf[SD_SHA256] = hex;
	sf[SD_FETCHED] = f->at;
	state_set(c->state, PAGE(c), f->url, sf);
}

int
outcome_body(const struct outcome_ctx *c, const struct outcome_fetch *f,
    json_t *rec, json_t *out)
{
	struct convert_opts o = { NULL, f->final_url, c->linkpat, c->maxbytes,
	    c->timeout };
	struct convert_doc d = { 0 };
	struct buf why = {0}, w = {0};
	char hex[SHA_HEXLEN];
	const char *st;
	size_t n;
	int flags = 0;

	st = digest(c, f, rec, hex, &flags);
	if (strcmp(st, "unchanged") != 0 && convert_body(f->body != NULL ?
	    f->body : "", f->len, f->ctype, &o, &d, &why) != 0)
		flags |= outcome_conclude(out, rec, "error", why.data);
	else if (d.blocked)
		flags |= outcome_conclude(out, rec, "blocked",
		    "JavaScript challenge page");
	else {
		remember(c, f, hex);
		if (c->linkpat != NULL) {
			n = new_links(c, f, &d, out, &w);
			docrec_set_int(rec, DR_LINKS, (long long)n);
			docrec_set(rec, DR_WARNING, w.len > 0 ? w.data : NULL);
			flags |= outcome_conclude(out, rec, strcmp(st, "new") ==
			    0 ? st : n > 0 ? "changed" : "unchanged", NULL);
		} else {
			if (strcmp(st, "unchanged") != 0)
				outcome_set_text(rec, &d);
			flags |= outcome_conclude(out, rec, st, NULL);
		}
	}
	convert_doc_free(&d);
	buf_free(&why);
	buf_free(&w);
	return flags;
}

int
outcome_304(const struct outcome_ctx *c, const struct outcome_fetch *f,
    json_t *rec, json_t *out)
{
	const struct state_entry *old;
	const char *sf[STATE_FIELDS];

	old = state_get(c->state, PAGE(c), f->url);
	if (old == NULL)
		return outcome_conclude(out, rec, "error", "HTTP 304 for a "
		    "document not in the state file");
	/* the raw bytes go to the state file, for If-None-Match */
	sf[SD_ETAG] = f->etag != NULL ? f->etag : old->f[SD_ETAG];
	sf[SD_LASTMOD] = f->lastmod != NULL ? f->lastmod :
	    old->f[SD_LASTMOD];
	docrec_set(rec, DR_ETAG, *sf[SD_ETAG] != '\0' ? sf[SD_ETAG] : NULL);
	docrec_set(rec, DR_LAST_MODIFIED, *sf[SD_LASTMOD] != '\0' ?
	    sf[SD_LASTMOD] : NULL);
	docrec_set(rec, DR_SHA256, *old->f[SD_SHA256] != '\0' ?
	    old->f[SD_SHA256] : NULL);
	sf[SD_SHA256] = old->f[SD_SHA256];
	sf[SD_FETCHED] = f->at;
	state_set(c->state, PAGE(c), f->url, sf);
	if (c->linkpat != NULL)
		docrec_set_int(rec, DR_LINKS, 0);	/* checked, nothing new */
	return outcome_conclude(out, rec, "unchanged", NULL);
}

/* ---- audit: the text of cached bodies again ------------------------------ */

/* Write o to out; where names it (FILE:LINE) if it cannot be encoded. */
static int
put(FILE *out, const json_t *o, const char *where)
{
	if (docrec_write(out, o) == 0)
		return 0;
	zb_warnx("%s: cannot encode the record", where);
	return OUTCOME_TROUBLE;
}

/* The body o's sha256 names, converted as o says it was; see audit. */
static int
redo(const struct outcome_ctx *c, json_t *o, const char *hex,
    const char *where, FILE *out)
{
	struct convert_opts opt = { NULL, NULL, NULL, c->maxbytes,
	    c->timeout };
	struct convert_doc d = { 0 };
	struct buf body = {0}, why = {0};
	int flags = 0;

	opt.base = json_string_value(json_object_get(o, "final_url"));
	if (opt.base == NULL)
		opt.base = json_string_value(json_object_get(o, "url"));
	opt.charset = json_string_value(json_object_get(o, "charset"));
	if (cache_get(c->cachedir, hex, &body, where) != 0)
		flags = OUTCOME_TROUBLE;
	else if (convert_body(body.data != NULL ? body.data : "", body.len,
	    json_string_value(json_object_get(o, "content_type")), &opt, &d,
	    &why) != 0) {
		zb_warnx("%s: %s", where, why.data);
		flags = OUTCOME_TROUBLE;
	} else {
		outcome_set_text(o, &d);
		flags = put(out, o, where);
	}
	convert_doc_free(&d);
	buf_free(&body);
	buf_free(&why);
	return flags;
}

/* One record of an audit, line lineno of name. */
static int
audit_record(const struct outcome_ctx *c, json_t *o, const char *name,
    unsigned long lineno, FILE *out)
{
	struct buf where = {0};
	const char *hex;
	char no[32];
	int flags;

	hex = json_string_value(json_object_get(o, "sha256"));
	snprintf(no, sizeof(no), ":%lu", lineno);
	buf_adds(&where, name);
	buf_adds(&where, no);
	if (hex == NULL || !json_is_string(json_object_get(o, "text")))
		flags = put(out, o, where.data);
	else
		flags = redo(c, o, hex, where.data, out);
	buf_free(&where);
	return flags;
}

int
outcome_audit(const struct outcome_ctx *c, const char *path, FILE *out)
{
	struct jsonl *in;
	struct line raw;
	json_t *o;
	int rc, flags = 0;

	if ((in = jsonl_open(path)) == NULL) {
		zb_warn("%s", strcmp(path, "-") == 0 ? "<stdin>" : path);
		return OUTCOME_TROUBLE;
	}
	while ((rc = jsonl_next(in, &o, &raw)) != JSONL_END) {
		if (rc == JSONL_OK) {
			flags |= audit_record(c, o, jsonl_name(in),
			    raw.lineno, out);
			json_decref(o);
		} else
			flags |= OUTCOME_TROUBLE;
		if (rc == JSONL_ERROR)
			break;
	}
	jsonl_close(in);
	return flags;
}
