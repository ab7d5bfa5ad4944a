/*
 * target: the records of one match of a record rule (search.c finds the
 * matches): its words, values, indicator, year and kind, quote, and one
 * record per value and per region it names.
 */
#define _GNU_SOURCE	/* memmem */
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"
#include "when.h"
#include "num.h"
#include "gazetteer.h"
#include "utf8.h"

/* Where one value of a match lies: the literal and its unit. */
struct vpos {
	size_t	vs, ve, us, ue;
};

/* What a match's records share. */
struct shape {
	struct buf	 ind;			/* indicator */
	char		*items[MAXITEMS];	/* one indicator per value */
	size_t		 nitems;
	const char	*names[MAXREGIONS];	/* regions named before it */
	size_t		 nnames;
	int		 years[MAXITEMS];	/* one year per value */
	size_t		 nyears;
};


/* Meaning of verb text: cmp, direction and qualifier words. */
void
read_words(const struct extractor *x, const char *s, size_t n, enum cmp *cmp,
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
	if (starts(s, n, "千分之")) {
		*u = "‰";
		return num_parse(s + 9, n - 9, out);
	}
	if (memmem(s, n, "分之", 6) != NULL)	/* 三分之一: 0.3333 */
		return num_fraction(s, n, out);
	if (starts(s, n, "翻")) {
		*u = "倍";
		return num_doubling(s, n, out);
	}
	return num_parse(s, n, out);
}

/* Baseline year of the base group: 比2020年, 比“十三五”初期. */
static int
base_year(const char *s, size_t gs, size_t ge)
{
	size_t k;
	int base;

	for (k = gs; k + 4 <= ge; k++)
		if ((base = year_at(s + k, ge - k)) != 0)
			return base;
	for (k = gs; k < ge; k++)
		if ((base = when_plan(s + k, ge - k)) != 0)
			/* 比“十三五”初期: the plan's first year */
			return memmem(s + gs, ge - gs, "初", 3) ? base - 4 :
			    base;
	return 0;
}

/* Comparison, direction, baseline and qualifiers of match m into r. */
static void
match_words(struct extractor *x, const struct match *m, struct rec *r)
{
	const char *s = x->p.nt.s.data;
	size_t gs, ge;
	int base = 0;

	r->cmp = CMP_EQ;
	r->dir = DIR_NONE;
	if (grp(m, G_VERB, &gs, &ge))
		read_words(x, s + gs, ge - gs, &r->cmp, &r->dir, r->quals);
	if (grp(m, G_BASE, &gs, &ge))
		base = base_year(s, gs, ge);
	if (grp(m, G_POST, &gs, &ge))
		read_words(x, s + gs, ge - gs, &r->cmp, &r->dir, r->quals);
	r->base = base;
}

/* The values of match m: one, or each of a list.  Returns how many. */
static size_t
match_values(struct extractor *x, const struct match *m, struct vpos *v)
{
	const char *s = x->p.nt.s.data;
	const struct rule *vr = x->valuer;
	size_t n = 0, k, start, ms, me, xs = 0, xe = 0;

	if (m->has_list && vr != NULL) {
		grp(m, G_LIST, &xs, &xe);
		for (start = xs; n < MAXITEMS && start < xe &&
		    rule_match(vr, &x->vm, s, xe, start) == 1; start = me) {
			pat_span(&x->vm, &ms, &me);
			if (!pat_group(&vr->pat, &x->vm, "val", &v[n].vs,
			    &v[n].ve))
				break;
			if (!pat_group(&vr->pat, &x->vm, "unit", &v[n].us,
			    &v[n].ue))
				v[n].us = v[n].ue = v[n].ve;
			n++;
		}
		/* 407、262、84万千瓦: the last unit is every value's */
		for (k = 0; n > 0 && k + 1 < n; k++)
			if (v[k].us == v[k].ue) {
				v[k].us = v[n - 1].us;
				v[k].ue = v[n - 1].ue;
			}
	} else if (grp(m, G_VAL, &v[0].vs, &v[0].ve)) {
		if (!grp(m, G_UNIT, &v[0].us, &v[0].ue) &&
		    !grp(m, G_UNIT1, &v[0].us, &v[0].ue))
			v[0].us = v[0].ue = v[0].ve;
		n = 1;
	}
	return n;
}

/*
 * Is claim c a scope before a noun (100万以上的城市, 100万以上城市),
 * ending before b?
 */
static int
scope_claim(const char *s, const struct span *c, size_t b)
{
	uint32_t cp;

	if (ends(s + c->a, c->b - c->a, "的") || starts(s + c->b, b - c->b,
	    "的"))
		return 1;
	/* 100万以上城市: a Chinese character right after it */
	return c->b < b && utf8_decode((const unsigned char *)s + c->b,
	    b - c->b, &cp) == 3 && cp >= 0x4e00 && cp <= 0x9fff;
}

/*
 * Does one value go to each of several indicators: 均 or 分别 before it
 * (城镇居民人均可支配收入和农民人均纯收入均增长10%), or a measure word in
 * every item (秸秆综合利用率、农膜回收率达到90%)?  Not one measure over
 * several scopes (风电、太阳能发电装机容量达到6000万千瓦).
 */
static int
parallel(struct extractor *x, const struct match *m, const struct buf *ind)
{
	const char *s = x->p.nt.s.data, *p = ind->data, *e = p + ind->len;
	size_t gs, ge, k, n = 0;

	if ((m->ie >= 3 && starts(s + m->ie - 3, 3, "均")) ||
	    (grp(m, G_VERB, &gs, &ge) && (memmem(s + gs, ge - gs, "分别", 6) ||
	    memmem(s + gs, ge - gs, "均", 3))))
		return 1;
	while (p < e) {
		for (k = 0; p + k < e; k++)
			if (starts(p + k, (size_t)(e - p) - k, "、"))
				break;
		if (measure_at(x, p, k) == k)
			return 0;
		n++;
		p += k + (p + k < e ? 3 : 0);
	}
	return n > 1;
}

/*
 * Is the clause before the verb at s[v] a short subject (城镇新增就业,
 * 全民义务植树): one to four characters once lead words go, no digit, and
 * no word of intent or of the past (我国将, 计划, 已)?
 */
static int
short_subject(struct extractor *x, const char *s, size_t v)
{
	static const char *stops[] = { "将", "已", "计划", "谋划", "明确",
	    "要", "需", "则", "拟", "下达" };
	size_t a = clause_start(s, v), i;

	strip_lead(x, s, &a, v);
	if (v - a < 3 || v - a > 12)
		return 0;
	for (i = a; i < v; i++)
		if (isdigit_b(s[i]) || (unsigned char)s[i] < 0x80)
			return 0;
	for (i = 0; i < sizeof(stops) / sizeof(stops[0]); i++)
		if (memmem(s + a, v - a, stops[i], strlen(stops[i])) != NULL)
			return 0;
	return 1;
}

/*
 * The bounds [*a, *b) of match m's indicator in the paragraph: a value
 * claimed inside it bounds it, then lead words, regions (into sh) and
 * trailing particles go.  Returns 1 when it named a part (其中…) of what
 * the paragraph's last indicator measures.
 */
static int
indicator_span(struct extractor *x, const struct match *m, size_t *ap,
    size_t *bp, struct shape *sh)
{
	const char *s = x->p.nt.s.data;
	size_t a = m->is, b = m->ie, nc, *ck, i, k, gs, ge;
	int part;

	/*
	 * A verb alone names nothing (林草覆盖面积新增3000亩, 其中人工造林5万亩),
	 * nor one a measure follows (历史遗留矿山生态修复面积): the clause
	 * before it is the subject.
	 */
	if (m->has_ind && grp(m, G_VERB, &gs, &ge) && gs == a &&
	    ((ge >= b && !(grp(m, G_OBJ, &gs, &ge) && ge > gs)) ||
	    (ge < b && measure_at(x, s + ge, b - ge) == 0) ||
	    short_subject(x, s, a)))
		a = clause_start(s, a);
	/*
	 * An earlier value inside the indicator (…达到50%、发电量占比) ends
	 * another statement: start after it, unless it is a scope that
	 * narrows the indicator (城区常住人口100万以上的城市绿色出行比例).
	 * A value ending the indicator is where it started from (由X增长到):
	 * end before it.
	 */
	nc = claims_within(&x->claims, a, b, &ck);
	for (i = 0; i < nc; i++) {
		k = ck[i];
		if (x->claims.s.v[k].b > a && x->claims.s.v[k].b < b &&
		    x->claims.s.v[k].a >= a &&
		    !scope_claim(s, &x->claims.s.v[k], b))
			a = x->claims.s.v[k].b;
		else if (x->claims.s.v[k].b == b && x->claims.s.v[k].a > a)
			b = x->claims.s.v[k].a;
	}
	free(ck);
	/* 其中地级以上城市达到40%: a part, unless a verb names it (其中人工造林) */
	part = starts(s + a, b - a, "其中") && !(grp(m, G_VERB, &gs, &ge) &&
	    gs < b);
	strip_lead(x, s, &a, b);
	sh->nnames = lead_regions(x, s, &a, b, sh->names);
	strip_lead(x, s, &a, b);
	*ap = a;
	*bp = trim_tail(s, a, b);
	return part;
}

/*
 * The clause before the one holding s[a] when it ends in 中 (新增和更新
 * 的公交车中，新能源汽车比例达到100%: among what the share is taken), as
 * text appended to ind; nothing otherwise.
 */
static void
among(struct extractor *x, const char *s, size_t a, struct buf *ind)
{
	size_t cs = clause_start(s, a), ss;

	if (cs < 6 || (!starts(s + cs - 6, 6, "中，") &&
	    !(cs >= 4 && starts(s + cs - 4, 4, "中,"))))
		return;
	cs -= s[cs - 1] == ',' ? 1 : 3;
	ss = clause_start(s, cs);
	strip_lead(x, s, &ss, cs);
	if (cs - ss > 3)
		buf_add(ind, s + ss, cs - ss);
}

/*
 * The indicator of match m, from its text before the value (see
 * indicator_span).  A list of nvals indicators is split into items.
 */
static void
match_indicator(struct extractor *x, const struct match *m, size_t nvals,
    struct shape *sh)
{
	const char *s = x->p.nt.s.data;
	size_t a, b, i, k, gs, ge;
	int part;

	part = indicator_span(x, m, &a, &b, sh);
	if (grp(m, G_OBJ, &gs, &ge) && ge > gs) {
		/* 建成10座新能源汇集站: the verb goes once the noun is there */
		buf_clear(&x->tmp);
		buf_add(&x->tmp, s + a, b - a);
		buf_add(&x->tmp, s + gs, ge - gs);
		k = 0;
		strip_lead(x, x->tmp.data, &k, x->tmp.len);
		buf_add(&sh->ind, x->tmp.data + k, x->tmp.len - k);
		buf_clear(&x->tmp);
	} else if (b > a) {
		if (!part)
			among(x, s, a, &sh->ind);
		buf_add(&sh->ind, s + a, b - a);
		/* 经济增长6%左右: the economy's growth, not the economy */
		if (b - a == 6 && memcmp(s + a, "经济", 6) == 0)
			buf_adds(&sh->ind, "增长");
		if (part)
			part_subject(x, &sh->ind, x->previnds);
		else
			inherit_subject(x, &sh->ind, x->previnds);
	} else if (x->previnds != NULL)
		buf_adds(&sh->ind, x->previnds);
	/* 储能容量不低于新能源装机规模的10%: a share of what is named */
	if (sh->ind.len > 0 && grp(m, G_OF, &gs, &ge) && ge > gs) {
		buf_adds(&sh->ind, "占");
		buf_add(&sh->ind, s + gs, ge - gs);
		if (!ends(s + gs, ge - gs, "比例") && !ends(s + gs, ge - gs, "比重"))
			buf_adds(&sh->ind, "比例");
	}
	if (sh->ind.len > 0)
		set_str(&x->previnds, sh->ind.data);
	if (sh->ind.len > 0 && nvals == 1)
		sh->nitems = split_rates(x, sh->ind.data, sh->ind.len,
		    sh->items, MAXITEMS);
	if (sh->nitems == 0 && sh->ind.len > 0 && (nvals > 1 ||
	    parallel(x, m, &sh->ind)))
		sh->nitems = split_items(x, sh->ind.data, 0, sh->ind.len,
		    sh->items, MAXITEMS);
	if (sh->nitems != nvals && !(nvals == 1 && sh->nitems > 1)) {
		for (i = 0; i < sh->nitems; i++)
			free(sh->items[i]);
		sh->nitems = 0;
	}
}

/*
 * Start of the sentence a full stop (。！？) ends, from ss, the start of
 * the one ending at ；: at most CUEMAX bytes further back.
 */
static size_t
stop_start(const char *s, size_t ss)
{
	size_t i;

	for (i = ss; i >= 3 && ss - i < CUEMAX; i--) {
		if (starts(s + i - 3, 3, "。") || starts(s + i - 3, 3, "！") ||
		    starts(s + i - 3, 3, "？"))
			return i;
		if (!starts(s + i - 3, 3, "；") && ends_sentence(s, i))
			return i;	/* a bullet */
	}
	return i < 3 ? 0 : ss;
}

/*
 * Is the statement whose sentence starts at ss and value is at pos a
 * standing rule (原则上不低于50%) with no year named in the sentence
 * before the value?  A year from an earlier sentence does not date it.
 */
static int
standing(const struct extractor *x, size_t ss, size_t pos)
{
	const char *s = x->p.nt.s.data;
	size_t k;

	k = mark_from(x, ss);
	if (k < x->nmarks && x->marks[k].pos < pos)
		return 0;
	/* near the value: a run-on sentence is not read once per value */
	if (pos - ss > CLAUSEMAX)
		ss = pos - CLAUSEMAX;
	return memmem(s + ss, pos - ss, "原则上", 9) != NULL;
}

/*
 * Is match m, whose sentence starts at ss and value is at pos, a
 * recurring target (“十四五”期间，每年完成造林5万亩: every year, no one
 * year; SPEC)?  每年 in its clause before the verb, and no target year
 * (到2030年，每年新增的公交车中…: the buses of each year, the target's
 * year 2030) in the sentence before it; not a rate (达到每年2万吨).
 */
static int
yearly(const struct extractor *x, const struct match *m, size_t ss,
    size_t pos)
{
	const char *s = x->p.nt.s.data;
	size_t cs = clause_start(s, pos), k;

	for (k = mark_from(x, pos); k > 0 && x->marks[k - 1].pos >= ss; k--)
		if (x->marks[k - 1].to)
			return 0;
	return m->vs > cs && memmem(s + cs, m->vs - cs, "每年", 6) != NULL;
}

/*
 * Kind and year of match m's records, whose first value is at pos: a past
 * cue before it in its sentence, or a year before the issue year, makes a
 * target a fact; 到2025年和2030年…分别达到20%和25% gives a year per value.
 */
static void
match_when(struct extractor *x, const struct match *m, size_t pos,
    size_t nvals, struct rec *r, struct shape *sh)
{
	size_t ss, cs, k, gs, ge;
	int year;

	ss = record_sentence_start(x, x->p.nt.s.data, pos);
	/*
	 * A past cue counts through a full stop's sentence (预计地区生产总值
	 * 超过2100亿元；规模以上工业增加值突破1100亿元), after its last
	 * target year only.
	 */
	cs = stop_start(x->p.nt.s.data, ss);
	/* the last target year before pos, found from pos back (linear) */
	for (k = mark_from(x, pos); k > 0 && x->marks[k - 1].pos >= cs; k--)
		if (x->marks[k - 1].to) {
			cs = x->marks[k - 1].pos;
			break;
		}
	if (past_between(x, cs, pos))
		r->kind = "fact";
	year = year_for(x, pos, m->is, m->is);
	if (grp(m, G_BASE, &gs, &ge))
		year = year_for(x, pos, gs, ge);
	if (past_year(x, year) && strcmp(r->kind, "target") == 0)
		r->kind = "fact";
	if (standing(x, ss, pos) || yearly(x, m, ss, pos))
		year = 0;
	sh->nyears = 0;
	if (nvals > 1 && sh->nitems == 0)
		for (k = mark_from(x, ss); k < x->nmarks && sh->nyears <
		    MAXITEMS && x->marks[k].pos < m->is; k++)
			sh->years[sh->nyears++] = x->marks[k].year;
	if (sh->nyears != nvals)
		sh->nyears = 0;
	r->year = strcmp(r->kind, "threshold") == 0 ? 0 : year;
}

static int
space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The quote: from the clause start to the end of the match, trimmed. */
static void
match_quote(const struct extractor *x, const struct match *m, struct rec *r)
{
	const struct para *p = &x->p;

	r->qoff = p->nt.map[m->is < m->ms ? m->is : m->ms];
	r->qend = p->nt.map[m->me];
	while (r->qend > r->qoff && space(p->raw.data[r->qend - 1 - p->base]))
		r->qend--;
	while (r->qoff < r->qend && space(p->raw.data[r->qoff - p->base]))
		r->qoff++;
	r->quote = p->raw.data + (r->qoff - p->base);
}

/* Line number of input offset off in the paragraph. */
static unsigned long
line_of(const struct para *p, size_t off)
{
	size_t i;
	unsigned long ln = p->nls > 0 ? p->ls[0].lineno : 0;

	for (i = 0; i < p->nls && p->ls[i].off <= off; i++)
		ln = p->ls[i].lineno;
	return ln;
}

/* Write record r once per value and per region. */
static void
match_write(struct extractor *x, const struct match *m, struct rec *r,
    const struct vpos *v, size_t nvals, struct shape *sh)
{
	const char *s = x->p.nt.s.data, *uo;
	const struct para *p = &x->p;
	struct buf val = {0}, max = {0}, unit = {0};
	size_t k, i, xs, gs, ge, nrec;
	int ok;

	if (grp(m, G_MAX, &gs, &ge))
		num_parse(s + gs, ge - gs, &max);
	/* one value for each of several items, or a value each */
	nrec = nvals == 1 && sh->nitems > 1 ? sh->nitems : nvals;
	for (k = 0; k < nrec; k++) {
		const struct vpos *vk = &v[nvals > 1 ? k : 0];

		uo = NULL;
		ok = value_of(s + vk->vs, vk->ve - vk->vs, &val, &uo);
		buf_clear(&unit);
		if (vk->ue > vk->us)
			buf_add(&unit, s + vk->us, vk->ue - vk->us);
		r->unit = uo != NULL ? uo : unit.len > 0 ? unit.data : NULL;
		if (uo != NULL && strcmp(uo, "倍") == 0 && r->dir == DIR_NONE)
			r->dir = DIR_INCREASE;
		r->val = ok == 0 ? val.data : NULL;
		r->max = max.len > 0 ? max.data : NULL;
		/* value_text: the literal as written, unit excluded */
		xs = p->nt.map[vk->vs];
		r->vtext = p->raw.data + (xs - p->base);
		if (grp(m, G_MAX, &gs, &ge))
			r->vtextlen = p->nt.map[ge] - xs;
		else {
			r->vtextlen = p->nt.map[vk->ve] - xs;
			while (r->vtextlen > 0 &&
			    space(r->vtext[r->vtextlen - 1]))
				r->vtextlen--;
		}
		r->ind = sh->nitems > 0 ? sh->items[k] : sh->ind.len > 0 ?
		    sh->ind.data : NULL;
		if (sh->nyears > 0)
			r->year = sh->years[k];
		r->line = line_of(p, xs);
		/* 吉林市、四平市分别达到18%和16%: a region per value */
		if (sh->nnames == nvals && nvals > 1 && sh->nitems == 0) {
			r->region = sh->names[k];
			emit(x, r);
		} else for (i = 0; i < (sh->nnames > 0 ? sh->nnames : 1);
		    i++) {
			r->region = sh->nnames > 0 ? sh->names[i] : x->region;
			emit(x, r);
		}
	}
	buf_free(&val);
	buf_free(&max);
	buf_free(&unit);
}

/* Write the records of one match: one per region and per listed value. */
void
match_records(struct extractor *x, struct match *m)
{
	struct vpos v[MAXITEMS];
	struct shape sh;
	struct rec r;
	size_t nvals, i;

	memset(&r, 0, sizeof(r));
	memset(&sh, 0, sizeof(sh));
	r.quals = json_array();
	match_words(x, m, &r);
	if ((nvals = match_values(x, m, v)) == 0)
		goto out;
	match_indicator(x, m, nvals, &sh);
	r.kind = rule_kindname(m->rule->kind);
	match_when(x, m, v[0].vs, nvals, &r, &sh);
	m->fate = r.kind;
	r.owners = x->owners;
	r.rule = m->rule->name;
	match_quote(x, m, &r);
	match_write(x, m, &r, v, nvals, &sh);
	for (i = 0; i < sh.nitems; i++)
		free(sh.items[i]);
out:
	json_decref(r.quals);
	buf_free(&sh.ind);
}
