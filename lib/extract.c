/* extract: turn the lines of one document into target records. */
#define _GNU_SOURCE	/* memmem */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "extract.h"
#include "jsonl.h"
#include "jsonw.h"
#include "fold.h"
#include "num.h"
#include "gazetteer.h"
#include "rules.h"
#include "utf8.h"
#include "util.h"

#define MAXLEVEL	6
#define MAXREGIONS	16
#define MAXITEMS	32
#define JOINMIN		60	/* bytes: a shorter unfinished line ends */
#define TITLELINES	40	/* lines searched for title, region, date */
#define TITLEMAX	300	/* bytes: longer lines are not titles */
#define PARAMAX		(4 << 20)	/* bytes: a paragraph is cut here */

/* A physical line inside a paragraph: where it starts. */
struct lstart {
	size_t		 off;
	unsigned long	 lineno;
};

/* Byte ranges [a, b) of a paragraph's text. */
struct span {
	size_t	a, b;
};

struct spans {
	struct span	*v;
	size_t		 n, cap;
};

/* A paragraph: raw bytes from offset base, and their normalized form. */
struct para {
	struct buf	 raw;
	size_t		 base;
	size_t		 end;		/* input offset past the last byte */
	struct ntext	 nt;
	struct lstart	*ls;
	size_t		 nls, lscap;
	int		 open;
	int		 blanks;	/* blank lines since the last text */
};

/* A year marker found in a paragraph. */
struct mark {
	size_t	pos;
	int	year;
};

/* A table cell: normalized text and raw span. */
struct cell {
	char	*text;
	size_t	 off, end;
	unsigned long lineno;
};

struct row {
	struct cell	*c;
	size_t		 n;
};

struct table {
	struct row	 head;
	struct row	 cur;
	struct buf	 raw;		/* raw bytes of the current row */
	size_t		 base, end;
	int		 active;
	int		 cellmode;	/* one cell per line, rows by blanks */
	int		 cont;		/* last line was a cell */
	char		*title;
};

/* The rules of some kinds, in table order. */
struct rlist {
	struct rule	**v;
	size_t		  n;
};

struct extractor {
	struct ruleset		*rs;
	/* rules by kind, indexed once so no loop compares kind names */
	struct rlist	 heads;		/* heading1..heading4, mdheading */
	struct rlist	 markrules;	/* year, pastcue */
	struct rlist	 strips, measures, recs, prefilters, noises;
	struct rule	*ownerr, *tailr, *valuer;
	const struct gazetteer	*gz;
	FILE			*out;
	/* document */
	char		*source, *name, *sha256, *region, *title, *issued;
	char		*shortregion;	/* fallback region from a short name */
	int		 issue_year;
	int		 default_year;
	unsigned long	 nlines;
	unsigned long	 nrecords;
	/* sections */
	char		*sect[MAXLEVEL];
	char		*lastshort;	/* last short line: a table title */
	const char	*subsect;	/* table title, appended to section */
	/* current paragraph */
	struct para	 p;
	struct table	 t;
	/* per-paragraph scratch */
	struct mark	*marks;
	size_t		 nmarks, markcap;
	size_t		*past;
	size_t		 npast, pastcap;
	struct spans	 claims;	/* values claimed in the paragraph */
	uint32_t	*cmax;		/* many claims: max end by start */
	size_t		 cmaxn;
	struct span	*cbyend;	/* many claims: {index, end} by end */
	struct spans	 win;		/* sentences searched */
	size_t		 ss_pos, ss_val;	/* last record_sentence_start() */
	int		 ss_ok;
	json_t		*owners;
	char		*previnds;	/* last indicator of the paragraph */
	struct buf	 tmp;
	struct buf	 line;		/* the record being written */
	struct ntext	 cellnt;
	struct ntext	 lnt;		/* the current line, normalized */
	int		 lnt_ok;	/* lnt holds it */
	struct ntext	 hnt;		/* a header line, normalized */
};

/* ---- small helpers ---------------------------------------------------- */

static char *
dupn(const char *s, size_t n)
{
	return xmemdup(s, n);
}

static void
set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s != NULL ? xstrdup(s) : NULL;
}

/*
 * Does s[0..n) start with the UTF-8 string w?  Byte by byte: w is a short
 * literal, and the scans of every sentence and clause call this per byte,
 * where a call to memcmp costs more than the comparison.
 */
static int
starts(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w), i;

	if (n < k)
		return 0;
	for (i = 0; i < k; i++)
		if (s[i] != w[i])
			return 0;
	return 1;
}

static int
ends(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && starts(s + n - k, k, w);
}

/* Last code point of s[0..n), or 0. */
static uint32_t
lastcp(const char *s, size_t n)
{
	size_t i = n;
	uint32_t c;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0 && n == 0)
		return 0;
	if (i > 0)
		i--;
	while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
		i++;
	for (i = n; i > 0; i--)
		if (((unsigned char)s[i - 1] & 0xc0) != 0x80)
			break;
	if (i == 0 || utf8_decode((const unsigned char *)s + i - 1, n - i + 1,
	    &c) == 0)
		return 0;
	return c;
}

/* Ends a sentence or clause, so a line ending in it is complete. */
static int
terminal(uint32_t c)
{
	switch (c) {
	case 0x3002: case 0xff01: case 0xff1f: case 0xff1b: case 0xff1a:
	case 0x201d: case 0xff09: case 0x300d: case 0x300f: case 0x3011:
	case 0x2026: case '.': case '!': case '?': case ';': case ':':
	case ')': case '"':
		return 1;
	}
	return 0;
}

static int
isdigit_b(int c)
{
	return c >= '0' && c <= '9';
}

/* Parse four ASCII digits at s as a year. */
static int
year_at(const char *s, size_t n)
{
	if (n < 4 || !isdigit_b(s[0]) || !isdigit_b(s[1]) ||
	    !isdigit_b(s[2]) || !isdigit_b(s[3]))
		return 0;
	return (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
}

/*
 * End year of a five-year plan written 十N五 (N = 一..九): the 3rd plan
 * ended in 1970 and each later one five years on; 十四五 ends in 2025.
 */
static int
plan_year(const char *s, size_t n)
{
	static const char *d[] = { "一", "二", "三", "四", "五", "六", "七",
	    "八", "九" };
	size_t i;

	if (n < 9 || !starts(s, n, "十"))
		return 0;
	for (i = 0; i < 9; i++)
		if (starts(s + 3, n - 3, d[i]))
			return 1955 + 5 * (int)(10 + i + 1);
	return 0;
}

/* ---- output --------------------------------------------------------------- */

/* Original input offset of normalized byte i of the paragraph. */
static size_t
orig(const struct para *p, size_t i)
{
	return p->nt.map[i];
}

static unsigned long
line_of(const struct para *p, size_t off)
{
	size_t i;
	unsigned long ln = p->nls > 0 ? p->ls[0].lineno : 0;

	for (i = 0; i < p->nls && p->ls[i].off <= off; i++)
		ln = p->ls[i].lineno;
	return ln;
}

static json_t *
json_strn(const char *s, size_t n)
{
	return json_stringn(s, n);
}

static json_t *
json_str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
json_int_or_null(int v)
{
	return v != 0 ? json_integer(v) : json_null();
}

struct rec {
	const char	*region;
	int		 year;
	const char	*ind;
	const char	*val, *max;	/* canonical decimals */
	const char	*vtext;
	size_t		 vtextlen;
	const char	*unit;
	enum cmp	 cmp;
	int		 base;
	enum dir	 dir;
	const char	*kind;
	json_t		*quals;		/* borrowed */
	json_t		*owners;	/* borrowed */
	size_t		 qoff, qend;	/* input offsets of the quote */
	const char	*quote;		/* raw bytes at qoff */
	unsigned long	 line;
	const char	*rule;
};

static const char *cmpname[] = { "eq", "eq", "ge", "gt", "le", "lt",
    "approx", "eq" };

static char *
section_path(struct extractor *x)
{
	struct buf b = {0};
	int i;

	for (i = 0; i <= MAXLEVEL; i++) {
		const char *t = i < MAXLEVEL ? x->sect[i] : x->subsect;

		if (t == NULL)
			continue;
		if (b.len > 0)
			buf_adds(&b, " > ");
		buf_adds(&b, t);
	}
	if (b.len == 0)
		return NULL;
	return b.data;
}

/*
 * Write a record through Jansson.  Only for what the direct writer below
 * refuses (invalid UTF-8 in a string, a number beyond double), so those
 * records still come out exactly as they always did.
 */
static void
emit_tree(struct extractor *x, const struct rec *r)
{
	json_t *o;
	char *sect, *s;

	o = json_object();
	json_object_set_new(o, "source", json_string(x->source));
	json_object_set_new(o, "sha256", json_string(x->sha256));
	json_object_set_new(o, "issued", json_str_or_null(x->issued));
	json_object_set_new(o, "region", json_str_or_null(r->region != NULL ?
	    r->region : x->shortregion));
	json_object_set_new(o, "year", json_int_or_null(r->year));
	json_object_set_new(o, "indicator", json_str_or_null(r->ind));
	json_object_set_new(o, "value", jsonl_number(r->val));
	json_object_set_new(o, "value_max", jsonl_number(r->max));
	json_object_set_new(o, "value_text", json_strn(r->vtext, r->vtextlen));
	json_object_set_new(o, "unit", json_str_or_null(r->unit));
	json_object_set_new(o, "cmp", json_string(cmpname[r->cmp]));
	json_object_set_new(o, "baseline_year", json_int_or_null(r->base));
	json_object_set_new(o, "direction", r->dir == DIR_NONE ? json_null() :
	    json_string(r->dir == DIR_INCREASE ? "increase" : "decrease"));
	json_object_set_new(o, "kind", json_string(r->kind));
	json_object_set(o, "qualifiers", r->quals);
	if (r->owners != NULL)
		json_object_set(o, "owners", r->owners);
	else
		json_object_set_new(o, "owners", json_array());
	sect = section_path(x);
	json_object_set_new(o, "section", json_str_or_null(sect));
	free(sect);
	json_object_set_new(o, "quote", json_strn(r->quote, r->qend - r->qoff));
	json_object_set_new(o, "offset", json_integer((json_int_t)r->qoff));
	json_object_set_new(o, "length",
	    json_integer((json_int_t)(r->qend - r->qoff)));
	json_object_set_new(o, "line", json_integer((json_int_t)r->line));
	json_object_set_new(o, "rule", json_string(r->rule));
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15));
	if (s == NULL)
		zb_errx("cannot encode a record (invalid UTF-8 in a field?)");
	fputs(s, x->out);
	fputc('\n', x->out);
	free(s);
	json_decref(o);
	x->nrecords++;
}

/* A number as jsonl_number() makes it: -1 when it cannot be printed. */
static int
put_num(struct buf *b, const char *dec)
{
	if (dec != NULL && strchr(dec, '.') == NULL && strlen(dec) <= 18) {
		jsonw_int(b, strtoll(dec, NULL, 10));
		return 0;
	}
	if (dec == NULL || num_sigdigits(dec) > 15) {
		buf_add(b, "null", 4);
		return 0;
	}
	return jsonw_real(b, strtod(dec, NULL));
}

static void
put_int_or_null(struct buf *b, int v)
{
	if (v != 0)
		jsonw_int(b, v);
	else
		buf_add(b, "null", 4);
}

/* An array of strings; -1 on a string Jansson would refuse. */
static int
put_strings(struct buf *b, const json_t *a)
{
	size_t i;
	int rc = 0;

	buf_addc(b, '[');
	for (i = 0; a != NULL && i < json_array_size(a); i++) {
		if (i > 0)
			buf_addc(b, ',');
		rc |= jsonw_str(b, json_string_value(json_array_get(a, i)),
		    json_string_length(json_array_get(a, i)));
	}
	buf_addc(b, ']');
	return rc;
}

/*
 * Write one record as a JSON line, the keys in the contract's order.  The
 * bytes are those json_dumps() gave (JSON_COMPACT | JSON_PRESERVE_ORDER |
 * JSON_REAL_PRECISION(15)) without building a tree per record.
 */
static void
emit(struct extractor *x, const struct rec *r)
{
	struct buf *b = &x->line;
	char *sect;
	int rc = 0;

	buf_clear(b);
	buf_adds(b, "{\"source\":");
	rc |= jsonw_cstr(b, x->source);
	buf_adds(b, ",\"sha256\":");
	rc |= jsonw_cstr(b, x->sha256);
	buf_adds(b, ",\"issued\":");
	rc |= jsonw_cstr(b, x->issued);
	buf_adds(b, ",\"region\":");
	rc |= jsonw_cstr(b, r->region != NULL ? r->region : x->shortregion);
	buf_adds(b, ",\"year\":");
	put_int_or_null(b, r->year);
	buf_adds(b, ",\"indicator\":");
	rc |= jsonw_cstr(b, r->ind);
	buf_adds(b, ",\"value\":");
	rc |= put_num(b, r->val);
	buf_adds(b, ",\"value_max\":");
	rc |= put_num(b, r->max);
	buf_adds(b, ",\"value_text\":");
	rc |= jsonw_str(b, r->vtext, r->vtextlen);
	buf_adds(b, ",\"unit\":");
	rc |= jsonw_cstr(b, r->unit);
	buf_adds(b, ",\"cmp\":\"");
	buf_adds(b, cmpname[r->cmp]);
	buf_adds(b, "\",\"baseline_year\":");
	put_int_or_null(b, r->base);
	buf_adds(b, ",\"direction\":");
	buf_adds(b, r->dir == DIR_NONE ? "null" : r->dir == DIR_INCREASE ?
	    "\"increase\"" : "\"decrease\"");
	buf_adds(b, ",\"kind\":");
	rc |= jsonw_cstr(b, r->kind);
	buf_adds(b, ",\"qualifiers\":");
	rc |= put_strings(b, r->quals);
	buf_adds(b, ",\"owners\":");
	rc |= put_strings(b, r->owners);
	buf_adds(b, ",\"section\":");
	sect = section_path(x);
	rc |= jsonw_cstr(b, sect);
	free(sect);
	buf_adds(b, ",\"quote\":");
	rc |= jsonw_str(b, r->quote, r->qend - r->qoff);
	buf_adds(b, ",\"offset\":");
	jsonw_int(b, (long long)r->qoff);
	buf_adds(b, ",\"length\":");
	jsonw_int(b, (long long)(r->qend - r->qoff));
	buf_adds(b, ",\"line\":");
	jsonw_int(b, (long long)r->line);
	buf_adds(b, ",\"rule\":");
	rc |= jsonw_cstr(b, r->rule);
	buf_adds(b, "}\n");
	if (rc != 0) {
		emit_tree(x, r);
		return;
	}
	fwrite(b->data, 1, b->len, x->out);
	x->nrecords++;
}

/* ---- document header: title, region, issue date ----------------------------- */

/*
 * Look at an early line for the document's title, region and date.  The
 * line is normalized first, so a traditional (哈爾濱市) or full-width title
 * is read like any other.
 */
static void
header_line(struct extractor *x, const char *raw, size_t rawn)
{
	const struct region *r;
	const char *s;
	size_t at, i, n;
	int y, plan;
	char date[11];

	if (x->nlines > TITLELINES || rawn == 0)
		return;
	fold_reset(&x->hnt);
	fold_append(&x->hnt, raw, rawn < 4096 ? rawn : 4096, 0);
	s = x->hnt.s.data;
	n = x->hnt.s.len;
	if (n == 0)
		return;
	/* Failing a full name, a province's short name (江苏工作) will do. */
	if (x->region == NULL && x->shortregion == NULL &&
	    (r = gazetteer_find_short(x->gz, s, n, "province")) != NULL)
		x->shortregion = xstrdup(r->name);
	if (rawn > TITLEMAX)
		return;
	if (x->title == NULL && (strstr(s, "方案") || strstr(s, "规划") ||
	    strstr(s, "通知") || strstr(s, "意见") || strstr(s, "计划")))
		x->title = dupn(s, n);
	if (x->region == NULL && (r = gazetteer_find(x->gz, s, n, &at)) !=
	    NULL && (x->title != NULL || strstr(s, "人民政府") ||
	    strstr(s, "方案")))
		x->region = xstrdup(r->name);
	if (x->default_year == 0 && x->title != NULL &&
	    (s == x->title || strstr(x->title, s) != NULL)) {
		for (i = 0; i + 9 <= n; i++)
			if ((plan = plan_year(s + i, n - i)) != 0) {
				x->default_year = plan;
				break;
			}
	}
	/* The first full date, 2022年7月22日, is taken as the issue date. */
	if (x->issued == NULL) {
		for (i = 0; i + 4 < n; i++) {
			unsigned m = 0, d = 0;
			size_t j;

			if ((y = year_at(s + i, n - i)) == 0 ||
			    !starts(s + i + 4, n - i - 4, "年"))
				continue;
			j = i + 7;
			while (j < n && isdigit_b(s[j]))
				m = m * 10 + (unsigned)(s[j++] - '0');
			if (!starts(s + j, n - j, "月"))
				continue;
			j += 3;
			while (j < n && isdigit_b(s[j]))
				d = d * 10 + (unsigned)(s[j++] - '0');
			if (!starts(s + j, n - j, "日") || m < 1 || m > 12 ||
			    d < 1 || d > 31)
				continue;
			snprintf(date, sizeof(date), "%04d-%02u-%02u", y, m, d);
			x->issued = xstrdup(date);
			x->issue_year = y;
			break;
		}
	}
}

/* ---- sections ----------------------------------------------------------------- */

static void
set_section(struct extractor *x, int level, const char *s, size_t n)
{
	int i;

	if (level < 1 || level > MAXLEVEL)
		return;
	for (i = level - 1; i < MAXLEVEL; i++) {
		free(x->sect[i]);
		x->sect[i] = NULL;
	}
	/* Drop a trailing full stop of an inline heading. */
	if (ends(s, n, "。"))
		n -= 3;
	x->sect[level - 1] = dupn(s, n);
}

static void
headings(struct extractor *x, const char *s, size_t n)
{
	struct rule *r;
	size_t i, hs, he, as, ae;
	int level;

	for (i = 0; i < x->heads.n; i++) {
		r = x->heads.v[i];
		if (rule_match(x->rs, r, s, n, 0) != 1)
			continue;
		if (!rule_group(x->rs, r, "h", &hs, &he))
			continue;
		if (r->kind[0] == 'm') {
			level = rule_group(x->rs, r, "hashes", &as, &ae) ?
			    (int)(ae - as) : 1;
		} else
			level = atoi(r->kind + 7);
		set_section(x, level, s + hs, he - hs);
		return;
	}
}

/* ---- owners --------------------------------------------------------------------- */

static void
owners(struct extractor *x, const char *s, size_t n, size_t *limit)
{
	struct rule *r, *tail;
	size_t os, oe, a, b, ms, me, ts, te;
	int changed;

	json_decref(x->owners);
	x->owners = json_array();
	r = x->ownerr;
	tail = x->tailr;
	if (r == NULL || rule_match(x->rs, r, s, n, 0) != 1 ||
	    !rule_group(x->rs, r, "owners", &os, &oe))
		return;
	rule_span(x->rs, &ms, &me);
	*limit = ms;
	/* Split on 、 and ， and trim the "负责" tails. */
	for (a = os; a < oe; a = b + 3) {
		for (b = a; b < oe; b++)
			if (starts(s + b, oe - b, "、") ||
			    starts(s + b, oe - b, "，"))
				break;
		if (b > oe)
			b = oe;
		ms = a;
		me = b;
		do {
			changed = 0;
			if (tail != NULL && me > ms &&
			    rule_match(x->rs, tail, s + ms, me - ms, 0) == 1) {
				rule_span(x->rs, &ts, &te);
				if (te == me - ms && ts > 0 && ts < te) {
					me = ms + ts;
					changed = 1;
				}
			}
		} while (changed);
		if (me > ms)
			json_array_append_new(x->owners,
			    json_stringn(s + ms, me - ms));
		if (b >= oe)
			break;
	}
}

/* ---- year and past-tense markers ------------------------------------------------- */

static void
add_mark(struct extractor *x, size_t pos, int year)
{
	if (x->nmarks == x->markcap) {
		x->markcap = x->markcap ? x->markcap * 2 : 16;
		x->marks = xreallocarray(x->marks, x->markcap,
		    sizeof(*x->marks));
	}
	x->marks[x->nmarks].pos = pos;
	x->marks[x->nmarks++].year = year;
}

static int
cmp_mark(const void *a, const void *b)
{
	const struct mark *m = a, *k = b;

	return m->pos < k->pos ? -1 : m->pos > k->pos;
}

static void
scan_markers(struct extractor *x, const char *s, size_t n)
{
	struct rule *r;
	size_t i, start, ms, me, gs, ge;
	int y;

	x->nmarks = x->npast = 0;
	for (i = 0; i < x->markrules.n; i++) {
		r = x->markrules.v[i];
		for (start = 0; start < n &&
		    rule_match(x->rs, r, s, n, start) == 1; start = me) {
			rule_span(x->rs, &ms, &me);
			if (me == ms) {
				me = ms + 1;
				continue;
			}
			if (r->kind[0] == 'p') {
				if (x->npast == x->pastcap) {
					x->pastcap = x->pastcap ?
					    x->pastcap * 2 : 8;
					x->past = xreallocarray(x->past,
					    x->pastcap, sizeof(*x->past));
				}
				x->past[x->npast++] = ms;
				continue;
			}
			y = 0;
			if (rule_group(x->rs, r, "year", &gs, &ge))
				y = year_at(s + gs, ge - gs);
			else if (rule_group(x->rs, r, "plan", &gs, &ge))
				y = plan_year(s + gs, ge - gs);
			if (y != 0)
				add_mark(x, ms, y);
		}
	}
	if (x->nmarks > 1)
		qsort(x->marks, x->nmarks, sizeof(*x->marks), cmp_mark);
}

/* Year governing a value at pos, skipping markers inside [bs, be). */
static int
year_for(struct extractor *x, size_t pos, size_t bs, size_t be)
{
	size_t lo = 0, hi = x->nmarks, mid;
	int y = 0;

	/*
	 * The last mark before pos outside [bs, be).  Marks are sorted by
	 * position: search, so a paragraph of many years and values is not
	 * read from its start once per value (quadratic).
	 */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (x->marks[mid].pos < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo > 0) {
		lo--;
		if (x->marks[lo].pos < bs || x->marks[lo].pos >= be) {
			y = x->marks[lo].year;
			break;
		}
	}
	return y != 0 ? y : x->default_year;
}

/* Is s[i..] a mark that ends a clause? */
static int
clause_mark(const char *s, size_t n, size_t i)
{
	static const char *marks[] = { "，", "。", "；", "：", "！", "？",
	    "（", "“", "”", "《", "》" };
	size_t k;

	if (s[i] == '\t')
		return 1;
	for (k = 0; k < sizeof(marks) / sizeof(marks[0]); k++)
		if (starts(s + i, n - i, marks[k]))
			return 1;
	return 0;
}

/*
 * Start of the clause holding pos: just after the previous clause mark,
 * looking through a short parenthesis inside a name (充（换）电站).
 */
static size_t
clause_start(const char *s, size_t pos)
{
	size_t i = pos, j;

	while (i > 0) {
		if (s[i - 1] == '\t')
			return i;
		if (i >= 3 && starts(s + i - 3, 3, "）")) {
			for (j = i - 3; j >= 3 && i - j <= 8 * 3; j--)
				if (starts(s + j - 3, 3, "（"))
					break;
			if (j >= 3 && i - j <= 8 * 3 &&
			    starts(s + j - 3, 3, "（")) {
				i = j - 3;
				continue;
			}
			return i;
		}
		if (i >= 3 && clause_mark(s, pos, i - 3))
			return i;
		i--;
	}
	return 0;
}

/* Does a sentence end just before s[i] (i >= 3)? */
static int
ends_sentence(const char *s, size_t i)
{
	return starts(s + i - 3, 3, "。") || starts(s + i - 3, 3, "；") ||
	    starts(s + i - 3, 3, "！") || starts(s + i - 3, 3, "？");
}

/* Start of the sentence holding pos. */
static size_t
sentence_start(const char *s, size_t pos)
{
	size_t i;

	for (i = pos; i >= 3; i--)
		if (ends_sentence(s, i))
			return i;
	return 0;
}

/*
 * sentence_start() for the records of a paragraph, which come in order of
 * position: the scan back stops at the last position asked, so a long
 * paragraph without a sentence end is not read back once per value
 * (quadratic).  find_records() forgets the last position.
 */
static size_t
record_sentence_start(struct extractor *x, const char *s, size_t pos)
{
	size_t i, ss;

	if (!x->ss_ok || pos < x->ss_pos)
		ss = sentence_start(s, pos);
	else {
		for (i = pos; i > x->ss_pos && i >= 3; i--)
			if (ends_sentence(s, i))
				break;
		ss = i > x->ss_pos && i >= 3 ? i : x->ss_val;
	}
	x->ss_ok = 1;
	x->ss_pos = pos;
	x->ss_val = ss;
	return ss;
}

static int
past_between(struct extractor *x, size_t a, size_t b)
{
	size_t i;

	for (i = 0; i < x->npast; i++)
		if (x->past[i] >= a && x->past[i] < b)
			return 1;
	return 0;
}

/* ---- indicators and regions ------------------------------------------------------ */

/* Strip leading words (strip rules) from s[*a..*b). */
static void
strip_lead(struct extractor *x, const char *s, size_t *a, size_t b)
{
	struct rule *r;
	size_t i, ms, me;
	int changed;

	do {
		changed = 0;
		for (i = 0; i < x->strips.n && *a < b; i++) {
			r = x->strips.v[i];
			if (rule_match(x->rs, r, s + *a, b - *a, 0) != 1)
				continue;
			rule_span(x->rs, &ms, &me);
			if (ms == 0 && me > 0) {
				*a += me;
				changed = 1;
			}
		}
		/* Separators left behind: 、，和 */
		while (*a < b && (starts(s + *a, b - *a, "、") ||
		    starts(s + *a, b - *a, "，") || s[*a] == ',')) {
			*a += s[*a] == ',' ? 1 : 3;
			changed = 1;
		}
	} while (changed);
}

/*
 * Take region names (全名, separated by 、和及与) from the front of
 * s[*a..b); store them in names and return how many.
 */
static size_t
lead_regions(struct extractor *x, const char *s, size_t *a, size_t b,
    const char **names)
{
	const struct region *r;
	size_t n = 0, p = *a;

	while (p < b && n < MAXREGIONS) {
		r = gazetteer_prefix(x->gz, s + p, b - p);
		if (r == NULL)
			break;
		names[n++] = r->name;
		p += r->len;
		if (starts(s + p, b - p, "、") || starts(s + p, b - p, "和") ||
		    starts(s + p, b - p, "及") || starts(s + p, b - p, "与"))
			p += 3;
		else
			break;
	}
	/* A region list must be followed by the indicator itself. */
	if (n > 0 && p < b) {
		*a = p;
		return n;
	}
	return 0;
}

/* Trim a trailing "的", "由", "均" or separator from an indicator. */
static size_t
trim_tail(const char *s, size_t a, size_t b)
{
	while (b > a && (ends(s + a, b - a, "的") || ends(s + a, b - a, "、") ||
	    ends(s + a, b - a, "，") || ends(s + a, b - a, "已") ||
	    ends(s + a, b - a, "“") || ends(s + a, b - a, "”") ||
	    ends(s + a, b - a, "由") || ends(s + a, b - a, "从") ||
	    ends(s + a, b - a, "均")))
		b -= 3;
	return b;
}

/*
 * Split an indicator list "A、B、C X" into items sharing the head X of the
 * last item: the measure word found by the measure table (rules kind
 * "measure").  Writes up to max strings into items; returns the count.
 */
static size_t
split_items(struct extractor *x, const char *s, size_t a, size_t b,
    char **items, size_t max)
{
	struct rule *r;
	size_t seps[MAXITEMS + 1], n = 0, i, hs = 0, best = SIZE_MAX, ms, me;
	size_t lastlen, k;

	seps[n++] = a;
	for (i = a; i < b && n < MAXITEMS; i++)
		if (starts(s + i, b - i, "、") || starts(s + i, b - i, "和") ||
		    starts(s + i, b - i, "及") || starts(s + i, b - i, "与")) {
			seps[n++] = i + 3;
			i += 2;
		}
	if (n < 2 || n > max)
		return 0;
	/* Shared head: earliest measure word inside the last item. */
	lastlen = b - seps[n - 1];
	for (k = 0; k < x->measures.n; k++) {
		r = x->measures.v[k];
		if (rule_match(x->rs, r, s + seps[n - 1], lastlen, 0) == 1) {
			rule_span(x->rs, &ms, &me);
			if (ms > 0 && ms < best)
				best = ms;
		}
	}
	if (best != SIZE_MAX)
		hs = seps[n - 1] + best;
	for (i = 0; i < n; i++) {
		size_t is = seps[i], ie = i + 1 < n ? seps[i + 1] - 3 : b;
		struct buf t = {0};

		/* 单位建筑面积能耗和人均综合能耗: an item with the head */
		if (hs != 0 && i + 1 < n && !(ie - is >= b - hs &&
		    memcmp(s + ie - (b - hs), s + hs, b - hs) == 0)) {
			buf_add(&t, s + is, ie - is);
			buf_add(&t, s + hs, b - hs);
		} else
			buf_add(&t, s + is, ie - is);
		items[i] = t.data != NULL ? t.data : xstrdup("");
	}
	return n;
}

/* ---- records from a match -------------------------------------------------------- */

/*
 * Claims are scanned one by one while they are few.  A paragraph with
 * more (a long run of values and no sentence end) would make that
 * quadratic, so past CLAIMSCAN claims they are also kept in a Fenwick
 * tree of the largest end by start (claimed()) and sorted by end
 * (claims_within()).  Both give exactly the answers of the scan.
 */
#define CLAIMSCAN	64

static void	spans_add(struct spans *, size_t, size_t);

static void
cmax_put(struct extractor *x, size_t a, size_t b)
{
	size_t i;

	for (i = a + 1; i <= x->cmaxn; i += i & -i)
		if (x->cmax[i] < b)
			x->cmax[i] = (uint32_t)b;
}

/* The largest end of a claim that starts before e. */
static size_t
cmax_get(const struct extractor *x, size_t e)
{
	size_t i, m = 0;

	for (i = e < x->cmaxn ? e : x->cmaxn; i > 0; i -= i & -i)
		if (x->cmax[i] > m)
			m = x->cmax[i];
	return m;
}

/* Claim [a, b) of the paragraph s[0..n). */
static void
claim(struct extractor *x, size_t a, size_t b, size_t n)
{
	size_t i;

	spans_add(&x->claims, a, b);
	if (x->cmax != NULL)
		cmax_put(x, a, b);
	else if (x->claims.n > CLAIMSCAN && n < UINT32_MAX) {
		x->cmaxn = n + 1;
		x->cmax = xcalloc(x->cmaxn + 1, sizeof(*x->cmax));
		for (i = 0; i < x->claims.n; i++)
			cmax_put(x, x->claims.v[i].a, x->claims.v[i].b);
	}
}

static int
claimed(struct extractor *x, size_t s, size_t e)
{
	size_t i;

	if (x->cmax != NULL)
		return cmax_get(x, e) > s;
	for (i = 0; i < x->claims.n; i++)
		if (s < x->claims.v[i].b && x->claims.v[i].a < e)
			return 1;
	return 0;
}

static int
cmp_end(const void *p, const void *q)
{
	const struct span *x = p, *y = q;

	if (x->b != y->b)
		return x->b < y->b ? -1 : 1;
	return x->a < y->a ? -1 : x->a > y->a;
}

static int
cmp_size(const void *p, const void *q)
{
	const size_t *x = p, *y = q;

	return *x < *y ? -1 : *x > *y;
}

/* Index claims by end, once they are all made (many claims only). */
static void
claims_index(struct extractor *x)
{
	size_t i;

	if (x->claims.n <= CLAIMSCAN)
		return;
	x->cbyend = xreallocarray(NULL, x->claims.n, sizeof(*x->cbyend));
	for (i = 0; i < x->claims.n; i++) {
		x->cbyend[i].a = i;
		x->cbyend[i].b = x->claims.v[i].b;
	}
	qsort(x->cbyend, x->claims.n, sizeof(*x->cbyend), cmp_end);
}

/*
 * Indices, in the order claimed, of the claims that end in (a, b]: the
 * only ones that can bound an indicator [a, b).  Returns how many, in *k
 * (free() it).
 */
static size_t
claims_within(struct extractor *x, size_t a, size_t b, size_t **k)
{
	size_t lo = 0, hi = x->claims.n, mid, n = 0;

	*k = NULL;
	if (x->cbyend == NULL) {
		*k = xreallocarray(NULL, x->claims.n + 1, sizeof(**k));
		for (n = 0; n < x->claims.n; n++)
			(*k)[n] = n;
		return n;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (x->cbyend[mid].b <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < x->claims.n && x->cbyend[lo].b <= b; lo++) {
		*k = xreallocarray(*k, n + 1, sizeof(**k));
		(*k)[n++] = x->cbyend[lo].a;
	}
	if (n > 1)
		qsort(*k, n, sizeof(**k), cmp_size);
	return n;
}

/* Meaning of verb text: cmp, direction and qualifier words. */
static void
read_words(struct extractor *x, const char *s, size_t n, enum cmp *cmp,
    enum dir *dir, json_t *quals)
{
	const struct word *w;
	size_t i = 0, len;
	uint32_t c;

	while (i < n) {
		w = ruleset_word(x->rs, s + i, n - i);
		if (w == NULL) {
			len = utf8_decode((const unsigned char *)s + i, n - i,
			    &c);
			i += len ? len : 1;
			continue;
		}
		if (w->cmp == CMP_HEDGE || (w->cmp != CMP_EQ &&
		    w->cmp != CMP_NONE))
			json_array_append_new(quals, json_stringn(s + i,
			    w->len));
		if (w->cmp != CMP_HEDGE && w->cmp != CMP_NONE)
			*cmp = w->cmp;
		if (w->dir != DIR_NONE)
			*dir = w->dir;
		i += w->len;
	}
}

/* A value literal: canonical decimal into out; unit override into *u. */
static int
value_of(const char *s, size_t n, struct buf *out, const char **u)
{
	buf_clear(out);
	if (starts(s, n, "百分之")) {
		*u = "%";
		return num_parse(s + 9, n - 9, out);
	}
	if (starts(s, n, "翻")) {
		*u = "倍";
		return num_doubling(s, n, out);
	}
	return num_parse(s, n, out);
}

struct match {
	struct rule	*rule;
	size_t		 ms, me;	/* whole match */
	size_t		 is, ie;	/* indicator */
	size_t		 vs, ve;	/* value (or list) */
	size_t		 end;		/* end of the window searched */
	int		 has_ind, has_list;
};

/*
 * Write the records of one match: one per region and per listed value.
 */
static void
records(struct extractor *x, struct match *m, const char *kind)
{
	const char *s = x->p.nt.s.data, *names[MAXREGIONS], *unit, *uo;
	struct rule *r = m->rule, *vr;
	struct rec rec;
	struct buf val = {0}, max = {0}, ubuf = {0}, ind = {0};
	char *items[MAXITEMS];
	size_t nnames, nitems = 0, a, b, gs, ge, vs, ve, us, ue, ss, k, i;
	size_t vpos[MAXITEMS][4], nvals = 0, start, ms, me, xs, xe, nc, *ck;
	json_t *quals;
	enum cmp cmp = CMP_EQ;
	enum dir dir = DIR_NONE;
	int base = 0, year, ok, years[MAXITEMS];
	size_t nyears;

	memset(&rec, 0, sizeof(rec));
	quals = json_array();
	/* Verb, base, post. */
	if (rule_group(x->rs, r, "verb", &gs, &ge))
		read_words(x, s + gs, ge - gs, &cmp, &dir, quals);
	if (rule_group(x->rs, r, "base", &gs, &ge)) {
		for (k = gs; k + 4 <= ge; k++)
			if ((base = year_at(s + k, ge - k)) != 0)
				break;
		if (base == 0)
			for (k = gs; k < ge; k++)
				if ((base = plan_year(s + k, ge - k)) != 0) {
					/* 比“十三五”初期: the plan's first year */
					if (memmem(s + gs, ge - gs, "初", 3))
						base -= 4;
					break;
				}
	}
	if (rule_group(x->rs, r, "post", &gs, &ge))
		read_words(x, s + gs, ge - gs, &cmp, &dir, quals);
	/* Values: one, or each of a list. */
	if (m->has_list && (vr = x->valuer) != NULL) {
		rule_group(x->rs, r, "list", &xs, &xe);
		for (start = xs; nvals < MAXITEMS && start < xe &&
		    rule_match(x->rs, vr, s, xe, start) == 1; start = me) {
			rule_span(x->rs, &ms, &me);
			if (!rule_group(x->rs, vr, "val", &vs, &ve))
				break;
			vpos[nvals][0] = vs;
			vpos[nvals][1] = ve;
			if (rule_group(x->rs, vr, "unit", &us, &ue)) {
				vpos[nvals][2] = us;
				vpos[nvals][3] = ue;
			} else
				vpos[nvals][2] = vpos[nvals][3] = ve;
			nvals++;
		}
	} else if (rule_group(x->rs, r, "val", &vs, &ve)) {
		vpos[0][0] = vs;
		vpos[0][1] = ve;
		if (rule_group(x->rs, r, "unit", &us, &ue) ||
		    rule_group(x->rs, r, "unit1", &us, &ue)) {
			vpos[0][2] = us;
			vpos[0][3] = ue;
		} else
			vpos[0][2] = vpos[0][3] = ve;
		nvals = 1;
	}
	if (nvals == 0)
		goto out;
	if (rule_group(x->rs, r, "max", &gs, &ge))
		num_parse(s + gs, ge - gs, &max);
	/* Indicator: strip years and fillers, take leading regions. */
	a = m->is;
	b = m->ie;
	/*
	 * A threshold inside the indicator qualifies it: start after it.
	 * A value ending the indicator is where it started from (由X增长到):
	 * end before it.
	 */
	nc = claims_within(x, a, b, &ck);
	for (i = 0; i < nc; i++) {
		k = ck[i];
		if (x->claims.v[k].b > a && x->claims.v[k].b < b &&
		    x->claims.v[k].a >= a)
			a = x->claims.v[k].b;
		else if (x->claims.v[k].b == b && x->claims.v[k].a > a)
			b = x->claims.v[k].a;
	}
	free(ck);
	strip_lead(x, s, &a, b);
	nnames = lead_regions(x, s, &a, b, names);
	strip_lead(x, s, &a, b);
	b = trim_tail(s, a, b);
	if (rule_group(x->rs, r, "obj", &gs, &ge) && ge > gs) {
		buf_add(&ind, s + a, b - a);
		buf_add(&ind, s + gs, ge - gs);
	} else if (b > a)
		buf_add(&ind, s + a, b - a);
	else if (x->previnds != NULL)
		buf_adds(&ind, x->previnds);
	if (ind.len > 0)
		set_str(&x->previnds, ind.data);
	if (nvals > 1 && ind.len > 0)
		nitems = split_items(x, ind.data, 0, ind.len, items,
		    MAXITEMS);
	if (nitems != nvals) {
		for (i = 0; i < nitems; i++)
			free(items[i]);
		nitems = 0;
	}
	/* Kind and year. */
	ss = record_sentence_start(x, s, vpos[0][0]);
	if (past_between(x, ss, vpos[0][0]))
		kind = "fact";
	year = year_for(x, vpos[0][0], m->is, m->is);
	if (rule_group(x->rs, r, "base", &gs, &ge))
		year = year_for(x, vpos[0][0], gs, ge);
	if (year != 0 && x->issue_year != 0 && year < x->issue_year &&
	    strcmp(kind, "target") == 0)
		kind = "fact";
	/* 到2025年和2030年，…分别达到20%和25%: one year per value. */
	nyears = 0;
	if (nvals > 1 && nitems == 0)
		for (k = 0; k < x->nmarks && nyears < MAXITEMS; k++)
			if (x->marks[k].pos >= ss && x->marks[k].pos < m->is)
				years[nyears++] = x->marks[k].year;
	if (nyears != nvals)
		nyears = 0;
	rec.kind = kind;
	rec.year = strcmp(kind, "threshold") == 0 ? 0 : year;
	rec.cmp = cmp;
	rec.dir = dir;
	rec.base = dir != DIR_NONE ? base : 0;
	if (base != 0 && dir == DIR_NONE)
		rec.base = base;
	rec.quals = quals;
	rec.owners = x->owners;
	rec.rule = r->name;
	/* Quote: from the clause start to the end of the match. */
	rec.qoff = orig(&x->p, m->is < m->ms ? m->is : m->ms);
	rec.qend = orig(&x->p, m->me);
	while (rec.qend > rec.qoff && strchr(" \t\r\n",
	    x->p.raw.data[rec.qend - 1 - x->p.base]) != NULL)
		rec.qend--;
	while (rec.qoff < rec.qend && strchr(" \t\r\n",
	    x->p.raw.data[rec.qoff - x->p.base]) != NULL)
		rec.qoff++;
	rec.quote = x->p.raw.data + (rec.qoff - x->p.base);
	for (k = 0; k < nvals; k++) {
		uo = NULL;
		ok = value_of(s + vpos[k][0], vpos[k][1] - vpos[k][0], &val,
		    &uo);
		buf_clear(&ubuf);
		if (vpos[k][3] > vpos[k][2])
			buf_add(&ubuf, s + vpos[k][2], vpos[k][3] - vpos[k][2]);
		unit = uo != NULL ? uo : ubuf.len > 0 ? ubuf.data : NULL;
		if (uo != NULL && strcmp(uo, "倍") == 0 && rec.dir == DIR_NONE)
			rec.dir = DIR_INCREASE;
		rec.val = ok == 0 ? val.data : NULL;
		rec.max = max.len > 0 ? max.data : NULL;
		/* value_text: the literal as written, unit excluded */
		xs = orig(&x->p, vpos[k][0]);
		xe = orig(&x->p, vpos[k][1]);
		rec.vtext = x->p.raw.data + (xs - x->p.base);
		rec.vtextlen = xe - xs;
		while (rec.vtextlen > 0 && strchr(" \t\r\n",
		    rec.vtext[rec.vtextlen - 1]) != NULL)
			rec.vtextlen--;
		if (rule_group(x->rs, r, "max", &gs, &ge)) {
			xe = orig(&x->p, ge);
			rec.vtextlen = xe - xs;
		}
		rec.unit = unit;
		rec.ind = nitems > 0 ? items[k] : ind.len > 0 ? ind.data : NULL;
		if (nyears > 0)
			rec.year = years[k];
		rec.line = line_of(&x->p, xs);
		if (nnames == 0) {
			rec.region = x->region;
			emit(x, &rec);
		}
		for (i = 0; i < nnames; i++) {
			rec.region = names[i];
			emit(x, &rec);
		}
	}
	for (i = 0; i < nitems; i++)
		free(items[i]);
out:
	json_decref(quals);
	buf_free(&val);
	buf_free(&max);
	buf_free(&ubuf);
	buf_free(&ind);
}

static int
cmp_match(const void *a, const void *b)
{
	const struct match *x = a, *y = b;

	return x->vs < y->vs ? -1 : x->vs > y->vs;
}

/* End of the sentence holding pos: just past its 。；！？, or n. */
static size_t
sentence_end(const char *s, size_t n, size_t pos)
{
	size_t i;

	for (i = pos; i + 3 <= n; i++)
		if (starts(s + i, 3, "。") || starts(s + i, 3, "；") ||
		    starts(s + i, 3, "！") || starts(s + i, 3, "？"))
			return i + 3;
	return n;
}

/*
 * The sentences of s[0..n) that may state a value: those holding a digit
 * or a match of a prefilter rule, sorted and merged into win.  Returns
 * their number.
 */
static void
spans_add(struct spans *sp, size_t a, size_t b)
{
	if (sp->n == sp->cap) {
		sp->cap = sp->cap ? sp->cap * 2 : 16;
		sp->v = xreallocarray(sp->v, sp->cap, sizeof(*sp->v));
	}
	sp->v[sp->n].a = a;
	sp->v[sp->n++].b = b;
}

static int
cmp_span(const void *p, const void *q)
{
	const struct span *x = p, *y = q;

	return x->a < y->a ? -1 : x->a > y->a;
}

static size_t
windows(struct extractor *x, const char *s, size_t n, struct spans *win)
{
	struct rule *r;
	size_t i, k, start, ms, me, we;

	win->n = 0;
	/* Every digit run anchors its sentence. */
	for (ms = 0; ms < n; ms = me) {
		if (!isdigit_b(s[ms])) {
			me = ms + 1;
			continue;
		}
		for (me = ms; me < n && isdigit_b(s[me]); me++)
			;
		we = sentence_end(s, n, me);
		spans_add(win, sentence_start(s, ms), we);
		me = we > me ? we : me;		/* the rest is covered */
	}
	for (i = 0; i < x->prefilters.n; i++) {
		r = x->prefilters.v[i];
		for (start = 0; start < n && rule_match(x->rs, r, s, n,
		    start) == 1; start = me > ms ? me : ms + 1) {
			rule_span(x->rs, &ms, &me);
			we = sentence_end(s, n, me);
			spans_add(win, sentence_start(s, ms), we);
			me = we > me ? we : me;
		}
	}
	/* Sort and merge overlapping windows. */
	if (win->n > 1)
		qsort(win->v, win->n, sizeof(*win->v), cmp_span);
	for (i = 0, k = 0; i < win->n; i++) {
		if (k > 0 && win->v[i].a <= win->v[k - 1].b) {
			if (win->v[i].b > win->v[k - 1].b)
				win->v[k - 1].b = win->v[i].b;
			continue;
		}
		win->v[k++] = win->v[i];
	}
	win->n = k;
	return k;
}

/*
 * Run the record rules over the sentences of s[0..n) that may hold a value.
 * Earlier rules claim their values first; a later match overlapping a
 * claimed value is dropped.
 */
static void
find_records(struct extractor *x, const char *s, size_t n)
{
	struct rule *r;
	struct match *v = NULL, m;
	size_t nv = 0, cap = 0, i, w, nw, start, end, gs, ge, vstart;
	int rc;

	x->claims.n = 0;
	x->ss_ok = 0;
	nw = windows(x, s, n, &x->win);
	if (nw == 0)
		return;
	for (i = 0; i < x->recs.n; i++) {
		r = x->recs.v[i];
		for (w = 0; w < nw; w++)
		for (start = x->win.v[w].a, end = x->win.v[w].b; start < end;
		    start = m.me > m.vs ? m.me : m.vs + 1) {
			rc = rule_match(x->rs, r, s, end, start);
			if (rc < 0)
				zb_warnx("%s: rule %s gave up on a paragraph "
				    "near byte %zu (match limit)", x->name,
				    r->name, orig(&x->p, start));
			if (rc != 1)
				break;
			memset(&m, 0, sizeof(m));
			m.rule = r;
			rule_span(x->rs, &m.ms, &m.me);
			m.has_ind = rule_group(x->rs, r, "ind", &m.is, &m.ie);
			if (!m.has_ind) {
				m.is = clause_start(s, m.ms);
				m.ie = m.ms;
			}
			if (rule_group(x->rs, r, "list", &m.vs, &m.ve))
				m.has_list = 1;
			else if (!rule_group(x->rs, r, "val", &m.vs, &m.ve))
				m.vs = m.ve = m.ms;
			vstart = m.vs;
			if (rule_group(x->rs, r, "verb", &gs, &ge) && gs < m.vs)
				m.vs = gs;
			/*
			 * The claim starts at the verb, or past an indicator
			 * that holds the verb (建成充电桩); an indicator after
			 * the value (70%以上的县级机关) is not claimed.
			 */
			if (m.ie <= vstart && m.vs < m.ie)
				m.vs = m.ie;
			if (m.me <= m.ms)
				m.me = m.ms + 1;
			if (claimed(x, m.vs, m.me))
				continue;
			claim(x, m.vs, m.me, n);
			m.end = end;
			if (nv == cap) {
				cap = cap ? cap * 2 : 16;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			v[nv++] = m;
		}
	}
	claims_index(x);
	if (nv > 1)
		qsort(v, nv, sizeof(*v), cmp_match);
	/* Year and past markers: only a paragraph with records needs them. */
	if (nv > 0)
		scan_markers(x, s, n);
	/* Records need their rule's groups: match each one again. */
	for (i = 0; i < nv; i++) {
		if (rule_match(x->rs, v[i].rule, s, v[i].end, v[i].ms) != 1)
			continue;
		records(x, &v[i], v[i].rule->kind);
	}
	free(v);
	free(x->cmax);
	free(x->cbyend);
	x->cmax = NULL;
	x->cbyend = NULL;
}

/* ---- paragraphs -------------------------------------------------------------------- */

static void
para_reset(struct para *p)
{
	buf_clear(&p->raw);
	fold_reset(&p->nt);
	p->nls = 0;
	p->open = 0;
	p->blanks = 0;
}

/* Append a raw line to the paragraph's bytes (not to its text). */
static void
para_raw(struct para *p, const char *s, size_t n, size_t off)
{
	if (!p->open) {
		p->base = off;
		p->end = off;
		p->open = 1;
	}
	if (p->end < off)	/* the newline between two lines */
		buf_addc(&p->raw, '\n');
	buf_add(&p->raw, s, n);
	p->end = off + n;
}

/* ln: the line normalized on its own, or NULL. */
static void
para_add(struct para *p, const char *s, size_t n, size_t off,
    unsigned long lineno, const struct ntext *ln)
{
	para_raw(p, s, n, off);
	if (ln != NULL)
		fold_append_reuse(&p->nt, ln, s, n, off);
	else
		fold_append(&p->nt, s, n, off);
	if (p->nls == p->lscap) {
		p->lscap = p->lscap ? p->lscap * 2 : 8;
		p->ls = xreallocarray(p->ls, p->lscap, sizeof(*p->ls));
	}
	p->ls[p->nls].off = off;
	p->ls[p->nls++].lineno = lineno;
}

static void
para_flush(struct extractor *x)
{
	struct para *p = &x->p;
	const char *s;
	size_t n, limit;

	if (!p->open)
		return;
	s = p->nt.s.data;
	n = p->nt.s.len;
	if (n > 0) {
		headings(x, s, n);
		limit = n;
		owners(x, s, n, &limit);
		free(x->previnds);
		x->previnds = NULL;
		find_records(x, s, limit);
		if (n < TITLEMAX) {
			free(x->lastshort);
			x->lastshort = dupn(s, n);
		}
	}
	para_reset(p);
}

/* ---- tables -------------------------------------------------------------------------- */

static void
row_free(struct row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->c[i].text);
	free(r->c);
	r->c = NULL;
	r->n = 0;
}

/* Append a raw input line to the current table row's bytes. */
static void
table_raw(struct extractor *x, const char *s, size_t n, size_t off)
{
	struct table *t = &x->t;

	if (t->raw.len == 0)
		t->base = t->end = off;
	if (t->end < off)	/* the newline between two lines */
		buf_addc(&t->raw, '\n');
	buf_add(&t->raw, s, n);
	t->end = off + n;
}

static void
row_add(struct extractor *x, struct row *r, const char *s, size_t n,
    size_t off, unsigned long lineno)
{
	struct cell *c;

	fold_reset(&x->cellnt);
	fold_append(&x->cellnt, s, n, off);
	r->c = xreallocarray(r->c, r->n + 1, sizeof(*r->c));
	c = &r->c[r->n++];
	c->text = xstrdup(x->cellnt.s.data != NULL ? x->cellnt.s.data : "");
	c->off = off;
	c->end = off + n;
	c->lineno = lineno;
}

/* A header cell continued on the next line: 能耗强度降低 / 基本目标（%） */
static void
cell_continue(struct extractor *x, const char *s, size_t n, size_t off)
{
	struct row *r = &x->t.cur;
	struct cell *c;
	struct buf b = {0};

	if (r->n == 0)
		return;
	c = &r->c[r->n - 1];
	table_raw(x, s, n, off);
	fold_reset(&x->cellnt);
	fold_append(&x->cellnt, s, n, off);
	buf_adds(&b, c->text);
	if (x->cellnt.s.len > 0)
		buf_add(&b, x->cellnt.s.data, x->cellnt.s.len);
	free(c->text);
	c->text = b.data != NULL ? b.data : xstrdup("");
	c->end = off + n;
}

/* Header cell "能耗强度降低基本目标（%）" -> indicator and unit. */
static void
header_split(const char *h, struct buf *ind, struct buf *unit)
{
	const char *o, *cl;

	buf_clear(ind);
	buf_clear(unit);
	o = strstr(h, "（");
	cl = o != NULL ? strstr(o, "）") : NULL;
	if (o != NULL && cl != NULL && cl[3] == '\0') {
		buf_add(ind, h, (size_t)(o - h));
		o += 3;
		if (strncmp(o, "单位：", 9) == 0)
			o += 9;
		buf_add(unit, o, (size_t)(cl - o));
	} else
		buf_adds(ind, h);
}

static int
title_year(struct extractor *x, const char *title)
{
	size_t i, n;
	int y = 0;

	if (title == NULL)
		return x->default_year;
	n = strlen(title);
	for (i = 0; i < n && y == 0; i++)
		y = plan_year(title + i, n - i);
	for (i = 0; i < n && y == 0; i++)
		if ((y = year_at(title + i, n - i)) != 0 &&
		    !starts(title + i + 4, n - i - 4, "年"))
			y = 0;
	return y != 0 ? y : x->default_year;
}

/*
 * Column roles of a table with indicators in its rows (专栏: 指标 | 单位 |
 * 2020年 | 2025年): the indicator column, or -1 when rows are regions,
 * and the unit column or -1.
 */
static int
head_roles(const struct row *h, int *unitcol)
{
	static const char *inds[] = { "指标", "主要指标", "指标名称", "项目",
	    "名称" };
	size_t i, k;
	int indcol = -1;

	*unitcol = -1;
	for (i = 0; i < h->n; i++) {
		if (strcmp(h->c[i].text, "单位") == 0 ||
		    strcmp(h->c[i].text, "计量单位") == 0)
			*unitcol = (int)i;
		for (k = 0; k < sizeof(inds) / sizeof(inds[0]); k++)
			if (indcol < 0 && strcmp(h->c[i].text, inds[k]) == 0)
				indcol = (int)i;
	}
	if (indcol < 0 && *unitcol > 0)
		indcol = *unitcol - 1;
	return indcol;
}

/* Year named by a header cell (2025年, 2025年目标), or 0. */
static int
head_year(const char *h)
{
	size_t n = strlen(h);

	if (n >= 4 && (n == 4 || starts(h + 4, n - 4, "年")))
		return year_at(h, n);
	return 0;
}

/* Emit the records of the current table row (the first row is the head). */
static void
table_row(struct extractor *x)
{
	struct table *t = &x->t;
	struct rec rec;
	struct buf ind = {0}, unit = {0}, val = {0}, rind = {0}, runit = {0};
	json_t *quals;
	size_t i;
	int indcol, unitcol, y;

	if (t->cur.n == 0)
		goto done;
	if (t->head.n == 0) {
		t->head = t->cur;
		t->cur.c = NULL;
		t->cur.n = 0;
		goto done;
	}
	quals = json_array();
	memset(&rec, 0, sizeof(rec));
	indcol = head_roles(&t->head, &unitcol);
	if (indcol >= 0 && (size_t)indcol < t->cur.n) {
		/* 非化石能源消费比重（%）: the row's indicator and unit */
		header_split(t->cur.c[indcol].text, &rind, &runit);
		if (unitcol >= 0 && (size_t)unitcol < t->cur.n &&
		    t->cur.c[unitcol].text[0] != '\0') {
			buf_clear(&runit);
			buf_adds(&runit, t->cur.c[unitcol].text);
		}
	}
	rec.region = indcol >= 0 ? x->region : t->cur.c[0].text;
	rec.year = title_year(x, t->title);
	rec.cmp = CMP_EQ;
	rec.kind = "table";
	rec.quals = quals;
	rec.owners = NULL;
	rec.rule = "table";
	rec.qoff = t->base;
	rec.qend = t->end;
	while (rec.qoff < rec.qend &&
	    strchr(" \t\r\n", t->raw.data[rec.qoff - t->base]) != NULL)
		rec.qoff++;
	while (rec.qend > rec.qoff &&
	    strchr(" \t\r\n", t->raw.data[rec.qend - 1 - t->base]) != NULL)
		rec.qend--;
	rec.quote = t->raw.data + (rec.qoff - t->base);
	x->subsect = t->title;
	for (i = indcol >= 0 ? (size_t)indcol + 1 : 1; i < t->cur.n &&
	    i < t->head.n; i++) {
		buf_clear(&val);
		if ((int)i == unitcol || t->head.c[i].text[0] == '\0' ||
		    num_parse(t->cur.c[i].text, strlen(t->cur.c[i].text),
		    &val) != 0)
			continue;
		header_split(t->head.c[i].text, &ind, &unit);
		rec.year = title_year(x, t->title);
		if (indcol >= 0) {
			/* 2025年: the column is a year; 年均增速（%）: a measure */
			if ((y = head_year(ind.data)) != 0) {
				rec.year = y;
				buf_clear(&ind);
			}
			if (unit.len == 0 && runit.len > 0)
				buf_adds(&unit, runit.data);
			buf_clear(&x->tmp);
			buf_add(&x->tmp, rind.data != NULL ? rind.data : "",
			    rind.len);
			buf_add(&x->tmp, ind.data != NULL ? ind.data : "",
			    ind.len);
			buf_clear(&ind);
			buf_add(&ind, x->tmp.data, x->tmp.len);
		}
		rec.cmp = CMP_EQ;
		rec.dir = DIR_NONE;
		json_array_clear(quals);
		read_words(x, ind.data, ind.len, &rec.cmp, &rec.dir, quals);
		rec.ind = ind.data;
		rec.unit = unit.len > 0 ? unit.data : NULL;
		rec.val = val.data;
		rec.vtext = t->raw.data + (t->cur.c[i].off - t->base);
		rec.vtextlen = t->cur.c[i].end - t->cur.c[i].off;
		while (rec.vtextlen > 0 && strchr(" \t\r", *rec.vtext) != NULL) {
			rec.vtext++;
			rec.vtextlen--;
		}
		while (rec.vtextlen > 0 &&
		    strchr(" \t\r", rec.vtext[rec.vtextlen - 1]) != NULL)
			rec.vtextlen--;
		rec.line = t->cur.c[i].lineno;
		emit(x, &rec);
	}
	x->subsect = NULL;
	json_decref(quals);
	buf_free(&ind);
	buf_free(&unit);
	buf_free(&val);
	buf_free(&rind);
	buf_free(&runit);
done:
	row_free(&t->cur);
	buf_clear(&t->raw);
}

static void
table_end(struct extractor *x)
{
	struct table *t = &x->t;

	if (!t->active)
		return;
	table_row(x);
	row_free(&t->head);
	row_free(&t->cur);
	free(t->title);
	t->title = NULL;
	t->active = t->cont = 0;
	buf_clear(&t->raw);
}

static void
table_start(struct extractor *x, int cellmode)
{
	struct table *t = &x->t;

	t->active = 1;
	t->cellmode = cellmode;
	t->cont = 0;
	t->title = x->lastshort != NULL ? xstrdup(x->lastshort) : NULL;
}

/* A row written on one line: cells split by tabs or by | (Markdown). */
static void
table_line(struct extractor *x, const char *s, size_t n, size_t off,
    unsigned long lineno)
{
	size_t i = 0, j;
	int pipe = n > 0 && s[0] == '|';

	if (pipe) {
		/* |---|---| separator rows carry nothing */
		for (j = 0; j < n && strchr("|-: \t", s[j]) != NULL; j++)
			;
		if (j == n)
			return;
		i = 1;
		while (n > 1 && (s[n - 1] == ' ' || s[n - 1] == '\r'))
			n--;
		if (n > 1 && s[n - 1] == '|')
			n--;
	}
	table_raw(x, s, n, off);
	while (i <= n) {
		for (j = i; j < n && s[j] != (pipe ? '|' : '\t'); j++)
			;
		row_add(x, &x->t.cur, s + i, j - i, off + i, lineno);
		i = j + 1;
	}
	table_row(x);
}

/* ---- lines ---------------------------------------------------------------------------- */

static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strchr(" \t\r\f\v", s[i]) == NULL)
			return starts(s + i, n - i, "\xe3\x80\x80") ?
			    blank(s + i + 3, n - i - 3) : 0;
	return 1;
}

/*
 * The line s[0..n) at offset off, normalized on its own: once per line,
 * however many of the checks below look at it.
 */
static const struct ntext *
line_norm(struct extractor *x, const char *s, size_t n, size_t off)
{
	if (!x->lnt_ok) {
		fold_reset(&x->lnt);
		fold_append(&x->lnt, s, n, off);
		x->lnt_ok = 1;
	}
	return &x->lnt;
}

/* Does the line start a heading (so it never continues a paragraph)? */
static int
heading_start(struct extractor *x, const char *s, size_t n, size_t off)
{
	const struct ntext *ln = line_norm(x, s, n, off);
	size_t i;

	for (i = 0; i < x->heads.n; i++)
		if (rule_match(x->rs, x->heads.v[i], ln->s.data, ln->s.len,
		    0) == 1)
			return 1;
	return 0;
}

/*
 * Is the line page residue from a PDF: a page number (— 12 —, 第3页) that
 * matches a noise rule, or the running header, the document's title
 * repeated on a line of its own inside a paragraph?
 */
static int
noise_line(struct extractor *x, const char *s, size_t n, size_t off)
{
	const struct ntext *ln = line_norm(x, s, n, off);
	size_t i;

	if (ln->s.len == 0)
		return 0;
	if (x->p.open && x->title != NULL && x->nlines > 1 &&
	    strcmp(ln->s.data, x->title) == 0)
		return 1;
	for (i = 0; i < x->noises.n; i++)
		if (rule_match(x->rs, x->noises.v[i], ln->s.data, ln->s.len,
		    0) == 1)
			return 1;
	return 0;
}

/* Is the open paragraph cut mid-sentence, so the next line continues it? */
static int
unfinished(const struct para *p)
{
	const char *s = p->nt.s.data;
	size_t n = p->nt.s.len;

	if (!p->open || n == 0 || terminal(lastcp(s, n)))
		return 0;
	return p->raw.len >= JOINMIN || isdigit_b(s[n - 1]);
}

void
extract_line(struct extractor *x, const char *s, size_t n, size_t off,
    unsigned long lineno, int partial)
{
	struct table *t = &x->t;
	int cellline, rowline;

	x->nlines = lineno;
	x->lnt_ok = 0;
	/*
	 * A line the caller skipped (bad encoding) leaves a gap: the bytes
	 * around it cannot be one quote, so an open paragraph, or a table
	 * row begun, ends before it.
	 */
	if (x->p.open && off > x->p.end + 1)
		para_flush(x);
	if (t->raw.len > 0 && off > t->end + 1)
		table_row(x);
	header_line(x, s, n);
	if (blank(s, n)) {
		if (t->active && t->cellmode) {
			table_row(x);
			t->cont = 0;
		} else if (t->active)
			table_end(x);
		if (x->p.open && (!unfinished(&x->p) || ++x->p.blanks > 2))
			para_flush(x);
		else if (x->p.open)
			para_raw(&x->p, s, n, off);
		return;
	}
	/* Page residue inside a paragraph is kept in its bytes only. */
	if (!t->active && noise_line(x, s, n, off)) {
		if (x->p.open)
			para_raw(&x->p, s, n, off);
		return;
	}
	cellline = s[0] == '\t' && memchr(s + 1, '\t', n - 1) == NULL;
	rowline = !cellline && (memchr(s, '\t', n) != NULL || s[0] == '|');
	if (cellline || rowline) {
		para_flush(x);
		if (t->active && t->cellmode != cellline)
			table_end(x);
		if (!t->active)
			table_start(x, cellline);
		if (cellline) {
			table_raw(x, s, n, off);
			row_add(x, &t->cur, s + 1, n - 1, off + 1, lineno);
			t->cont = 1;
		} else
			table_line(x, s, n, off, lineno);
		return;
	}
	if (t->active && t->cellmode && t->cont) {
		cell_continue(x, s, n, off);
		return;
	}
	table_end(x);
	if (x->p.open && !(unfinished(&x->p) && (x->p.nls > 0 &&
	    x->p.ls[x->p.nls - 1].lineno == lineno ? 1 :
	    !heading_start(x, s, n, off))))
		para_flush(x);
	para_add(&x->p, s, n, off, lineno, x->lnt_ok ? &x->lnt : NULL);
	x->p.blanks = 0;
	/* The cap holds for the pieces of a cut line too (memory bound). */
	if (x->p.raw.len > PARAMAX || (!partial && !unfinished(&x->p)))
		para_flush(x);
}

/* ---- documents ------------------------------------------------------------------------ */

static void
rlist_add(struct rlist *l, struct rule *r)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = r;
}

/* Sort the rules by kind once, keeping their order in the table. */
static void
index_rules(struct extractor *x)
{
	struct rule *r;
	size_t i;

	for (i = 0; i < x->rs->nrules; i++) {
		r = &x->rs->rules[i];
		if (strncmp(r->kind, "heading", 7) == 0 ||
		    strcmp(r->kind, "mdheading") == 0)
			rlist_add(&x->heads, r);
		else if (strcmp(r->kind, "year") == 0 ||
		    strcmp(r->kind, "pastcue") == 0)
			rlist_add(&x->markrules, r);
		else if (strcmp(r->kind, "strip") == 0)
			rlist_add(&x->strips, r);
		else if (strcmp(r->kind, "measure") == 0)
			rlist_add(&x->measures, r);
		else if (strcmp(r->kind, "target") == 0 ||
		    strcmp(r->kind, "threshold") == 0 ||
		    strcmp(r->kind, "fact") == 0)
			rlist_add(&x->recs, r);
		else if (strcmp(r->kind, "prefilter") == 0)
			rlist_add(&x->prefilters, r);
		else if (strcmp(r->kind, "noise") == 0)
			rlist_add(&x->noises, r);
		else if (strcmp(r->kind, "owners") == 0 && x->ownerr == NULL)
			x->ownerr = r;
		else if (strcmp(r->kind, "ownertail") == 0 && x->tailr == NULL)
			x->tailr = r;
		else if (strcmp(r->kind, "value") == 0 && x->valuer == NULL)
			x->valuer = r;
	}
}

struct extractor *
extract_new(struct ruleset *rs, const struct gazetteer *gz, FILE *out)
{
	struct extractor *x;

	x = xcalloc(1, sizeof(*x));
	x->rs = rs;
	x->gz = gz;
	x->out = out;
	x->owners = json_array();
	index_rules(x);
	return x;
}

static void
doc_clear(struct extractor *x)
{
	int i;

	for (i = 0; i < MAXLEVEL; i++) {
		free(x->sect[i]);
		x->sect[i] = NULL;
	}
	set_str(&x->source, NULL);
	set_str(&x->name, NULL);
	set_str(&x->sha256, NULL);
	set_str(&x->region, NULL);
	set_str(&x->title, NULL);
	set_str(&x->issued, NULL);
	set_str(&x->shortregion, NULL);
	set_str(&x->lastshort, NULL);
	set_str(&x->previnds, NULL);
	x->issue_year = x->default_year = 0;
	x->nlines = 0;
	x->nrecords = 0;
	json_decref(x->owners);
	x->owners = json_array();
}

void
extract_begin(struct extractor *x, const struct docinfo *d)
{
	doc_clear(x);
	set_str(&x->source, d->source);
	set_str(&x->name, d->name != NULL ? d->name : d->source);
	set_str(&x->sha256, d->sha256);
	set_str(&x->region, d->region);
	if (d->title != NULL) {
		header_line(x, d->title, strlen(d->title));
		if (x->hnt.s.len > 0)
			set_str(&x->title, x->hnt.s.data);
	}
}

unsigned long
extract_end(struct extractor *x)
{
	unsigned long n;

	para_flush(x);
	table_end(x);
	n = x->nrecords;
	doc_clear(x);
	return n;
}

void
extract_free(struct extractor *x)
{
	if (x == NULL)
		return;
	doc_clear(x);
	json_decref(x->owners);
	buf_free(&x->p.raw);
	fold_free(&x->p.nt);
	free(x->p.ls);
	buf_free(&x->t.raw);
	fold_free(&x->cellnt);
	fold_free(&x->lnt);
	fold_free(&x->hnt);
	free(x->marks);
	free(x->past);
	free(x->claims.v);
	free(x->win.v);
	buf_free(&x->tmp);
	buf_free(&x->line);
	free(x->heads.v);
	free(x->markrules.v);
	free(x->strips.v);
	free(x->measures.v);
	free(x->recs.v);
	free(x->prefilters.v);
	free(x->noises.v);
	free(x);
}
