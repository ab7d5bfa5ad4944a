/*
 * context: what a paragraph's values take from around them: the section
 * path, the responsible departments (owners), and the year and past-tense
 * markers of the paragraph, with the year governing a position.
 */
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"
#include "when.h"

/* "一、总体要求 > （二）主要目标 > 表1", or NULL; the caller frees it. */
char *
section_path(const struct extractor *x)
{
	struct buf b = {0};
	const char *last = NULL;
	int i;

	for (i = 0; i <= MAXLEVEL; i++) {
		const char *t = i < MAXLEVEL ? x->sect[i] : x->subsect;

		if (t == NULL)
			continue;
		/* a table titled by the heading it sits under: once */
		if (i == MAXLEVEL && last != NULL && strcmp(t, last) == 0)
			continue;
		last = t;
		if (b.len > 0)
			buf_adds(&b, " > ");
		buf_adds(&b, t);
	}
	if (b.len == 0)
		return NULL;
	return b.data;
}

/* ---- sections ------------------------------------------------------- */

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

int
headings(struct extractor *x, const char *s, size_t n)
{
	struct rule *r;
	size_t i, hs, he, as, ae;
	int level;

	for (i = 0; i < x->heads.n; i++) {
		r = x->heads.v[i];
		if (rule_match(r, &x->km, s, n, 0) != 1)
			continue;
		/* 附件：1.…: the titles listed after it are not headings */
		if (r->kind == K_LISTHEAD) {
			x->inlist = 1;
			return 0;
		}
		if (x->inlist && r->kind == K_HEADING3)
			return 0;
		x->inlist = 0;
		if (!pat_group(&r->pat, &x->km, "h", &hs, &he))
			continue;
		if (r->kind == K_MDHEADING) {
			level = pat_group(&r->pat, &x->km, "hashes", &as,
			    &ae) ? (int)(ae - as) : 1;
		} else
			level = rule_heading_level(r->kind);
		set_section(x, level, s + hs, he - hs);
		return level >= 1 && level <= MAXLEVEL ? level : 1;
	}
	x->inlist = 0;
	return 0;
}

/* ---- owners --------------------------------------------------------- */

void
owners(struct extractor *x, const char *s, size_t n, size_t *limit)
{
	struct rule *r, *tail;
	size_t os, oe, a, b, ms, me, ts, te;
	int changed;

	json_decref(x->owners);
	x->owners = json_array();
	r = x->ownerr;
	tail = x->tailr;
	if (r == NULL || rule_match(r, &x->km, s, n, 0) != 1 ||
	    !pat_group(&r->pat, &x->km, "owners", &os, &oe))
		return;
	pat_span(&x->km, &ms, &me);
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
			    rule_match(tail, &x->km, s + ms, me - ms, 0) == 1) {
				pat_span(&x->km, &ts, &te);
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

/* ---- year and past-tense markers ------------------------------------- */

static void
add_mark(struct extractor *x, size_t pos, size_t end, int year, int to)
{
	if (x->nmarks == x->markcap) {
		x->markcap = x->markcap ? x->markcap * 2 : 16;
		x->marks = xreallocarray(x->marks, x->markcap,
		    sizeof(*x->marks));
	}
	x->marks[x->nmarks].pos = pos;
	x->marks[x->nmarks].end = end;
	x->marks[x->nmarks].to = to;
	x->marks[x->nmarks++].year = year;
}

static int
cmp_mark(const void *a, const void *b)
{
	const struct mark *m = a, *k = b;

	return m->pos < k->pos ? -1 : m->pos > k->pos;
}

static int
cmp_cue(const void *a, const void *b)
{
	const struct cue *p = a, *q = b;

	return p->pos < q->pos ? -1 : p->pos > q->pos;
}

void
scan_markers(struct extractor *x, const char *s, size_t n)
{
	struct rule *r;
	size_t i, k, start, ms, me, gs, ge;
	int y;

	x->nmarks = x->npast = 0;
	for (i = 0; i < x->markrules.n; i++) {
		r = x->markrules.v[i];
		for (start = 0; start < n &&
		    rule_match(r, &x->km, s, n, start) == 1; start = me) {
			pat_span(&x->km, &ms, &me);
			if (me == ms) {
				me = ms + 1;
				continue;
			}
			if (r->kind == K_PASTCUE) {
				if (x->npast == x->pastcap) {
					x->pastcap = x->pastcap ?
					    x->pastcap * 2 : 8;
					x->past = xreallocarray(x->past,
					    x->pastcap, sizeof(*x->past));
				}
				x->past[x->npast].pos = ms;
				x->past[x->npast++].to = pat_group(&r->pat,
				    &x->km, "to", &gs, &ge);
				continue;
			}
			y = 0;
			if (pat_group(&r->pat, &x->km, "year", &gs, &ge))
				y = year_at(s + gs, ge - gs);
			else if (pat_group(&r->pat, &x->km, "plan", &gs, &ge))
				y = when_plan(s + gs, ge - gs);
			else if (pat_group(&r->pat, &x->km, "rel", &gs, &ge))
				y = x->doc_year;	/* 今年: the plan's */
			if (y != 0)
				add_mark(x, ms, me, y, pat_group(&r->pat,
				    &x->km, "to", &gs, &ge));
		}
	}
	if (x->nmarks > 1)
		qsort(x->marks, x->nmarks, sizeof(*x->marks), cmp_mark);
	if (x->npast > 1)
		qsort(x->past, x->npast, sizeof(*x->past), cmp_cue);
	/* Two rules marking one year in one place make one mark. */
	for (i = k = 0; i < x->nmarks; i++)
		if (k == 0 || x->marks[i].pos >= x->marks[k - 1].end ||
		    x->marks[i].year != x->marks[k - 1].year)
			x->marks[k++] = x->marks[i];
	x->nmarks = k;
}

/*
 * Is year before the issue, before an annual plan's year, or before the
 * five-year plan the title names began: a result's year, not a target's?
 */
int
past_year(const struct extractor *x, int year)
{
	return year != 0 && ((x->issue_year != 0 && year < x->issue_year) ||
	    (x->doc_year != 0 && year < x->doc_year) ||
	    (x->plan_start != 0 && year < x->plan_start));
}

/* Index of the first year mark at or after pos (marks are sorted). */
size_t
mark_from(const struct extractor *x, size_t pos)
{
	size_t lo = 0, hi = x->nmarks, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (x->marks[mid].pos < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Year governing a value at pos, skipping markers inside [bs, be). */
int
year_for(const struct extractor *x, size_t pos, size_t bs, size_t be)
{
	size_t lo;
	int y = 0;

	/*
	 * The last mark before pos outside [bs, be), found by search so a
	 * paragraph of many years and values is not read from its start
	 * once per value (quadratic).
	 */
	lo = mark_from(x, pos);
	while (lo > 0) {
		lo--;
		if (x->marks[lo].pos < bs || x->marks[lo].pos >= be) {
			y = x->marks[lo].year;
			break;
		}
	}
	if (y == 0)
		y = x->lead_year;
	return y != 0 ? y : x->default_year;
}

/*
 * sentence_start() for the records of a paragraph, which come in order of
 * position: the scan back stops at the last position asked, so a long
 * paragraph without a sentence end is not read back once per value
 * (quadratic).  find_records() forgets the last position.
 */
size_t
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

/*
 * Is there a past cue in [a, b), and no target's frame (今年主要预期目标
 * 是：…比上年下降2.5%: the frame makes 比上年 a target's comparison)?
 */
int
past_between(const struct extractor *x, size_t a, size_t b)
{
	size_t lo = 0, hi = x->npast, mid;
	int past = 0;

	/* cues are sorted: the first at or after a, by search */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (x->past[mid].pos < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < x->npast && x->past[lo].pos < b; lo++) {
		if (x->past[lo].to)
			return 0;
		past = 1;
	}
	return past;
}

