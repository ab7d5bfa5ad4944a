/*
 * explain: for zb-extract -e, every quantity of a paragraph (a number,
 * with its unit when it has one: what the value rule reads) and its fate:
 * the record kind and rule that took it, or why no record was made.
 * Lines are "NAME:LINE<TAB>TEXT<TAB>FATE<TAB>RULE-OR-REASON".
 */
#include <string.h>

#include "extract_int.h"

/* The match whose claim holds byte pos, or NULL. */
static const struct match *
taken_by(const struct match *v, size_t nv, size_t pos)
{
	size_t i;

	for (i = 0; i < nv; i++)
		if (v[i].fate != NULL && v[i].vs <= pos && pos < v[i].me)
			return &v[i];
	return NULL;
}

/* Why the quantity s[a..b) (unit from u) made no record. */
static const char *
reason(const char *s, size_t n, size_t a, size_t b, size_t u)
{
	if (starts(s + b, n - b, "年") && b - a == 4)
		return "a year";
	if (starts(s + b, n - b, "月") || starts(s + b, n - b, "日"))
		return "a date";
	if (starts(s + b, n - b, "号") || (a >= 3 &&
	    (starts(s + a - 3, 3, "〕") || starts(s + a - 3, 3, "〔"))))
		return "a document number";
	if (starts(s + b, n - b, "、") || starts(s + b, n - b, "."))
		return "a section number";
	if (u == b)
		return "no unit";
	return "no rule matched";
}

/* Line number of normalized byte i of the paragraph. */
static unsigned long
line_at(const struct para *p, size_t i)
{
	size_t off = p->nt.map[i], k;
	unsigned long ln = p->nls > 0 ? p->ls[0].lineno : 0;

	for (k = 0; k < p->nls && p->ls[k].off <= off; k++)
		ln = p->ls[k].lineno;
	return ln;
}

void
explain_para(struct extractor *x, const char *s, size_t n,
    const struct match *v, size_t nv)
{
	const struct rule *vr = x->valuer;
	const struct match *m;
	size_t start, ms, me, vs, ve, us, ue;

	if (vr == NULL)
		return;
	for (start = 0; start < n && rule_match(vr, &x->vm, s, n, start) == 1;
	    start = me > ms ? me : ms + 1) {
		pat_span(&x->vm, &ms, &me);
		if (!pat_group(&vr->pat, &x->vm, "val", &vs, &ve))
			continue;
		if (!pat_group(&vr->pat, &x->vm, "unit", &us, &ue))
			us = ue = ve;
		fprintf(x->explain, "%s:%lu\t%.*s\t", x->name,
		    line_at(&x->p, vs), (int)(me - ms), s + ms);
		if ((m = taken_by(v, nv, vs)) != NULL)
			fprintf(x->explain, "%s\t%s\n", m->fate, m->rule->name);
		else
			fprintf(x->explain, "none\t%s\n",
			    reason(s, n, vs, ve, ue));
	}
}
