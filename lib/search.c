/*
 * search: the matches of the record rules in a paragraph.  The sentences
 * that may state a value (a digit, or a prefilter match) are searched
 * with the record rules in table order; a match whose value an earlier
 * rule has claimed is dropped.  Each match keeps the spans of its groups
 * (nothing reads match data later) and target.c makes its records.
 */
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

static int
cmp_match(const void *a, const void *b)
{
	const struct match *x = a, *y = b;

	return x->vs < y->vs ? -1 : x->vs > y->vs;
}

static int
cmp_span(const void *p, const void *q)
{
	const struct span *x = p, *y = q;

	return x->a < y->a ? -1 : x->a > y->a;
}

/*
 * Add to win the sentence around every match of prefilter rule r in the
 * sentences s[a..b) (a sentence's end, or the paragraph's, ends them).
 */
static void
prefiltered(struct extractor *x, const struct rule *r, const char *s,
    size_t a, size_t b, struct spans *win)
{
	size_t start, ms, me, we;

	for (start = a; start < b && rule_match(r, &x->km, s, b, start) == 1;
	    start = me > ms ? me : ms + 1) {
		pat_span(&x->km, &ms, &me);
		we = sentence_end(s, b, me);
		spans_add(win, sentence_start(s, ms), we);
		me = we > me ? we : me;
	}
}

/*
 * The sentences of s[0..n) that may state a value: those holding a digit
 * or a match of a prefilter rule, sorted and merged into win.  A digit
 * run anchors its sentence; the prefilter rules search only the sentences
 * between those (a prefilter match lies within a sentence).  Returns the
 * number of windows.
 */
static size_t
windows(struct extractor *x, const char *s, size_t n, struct spans *win)
{
	size_t i, k, ms, me, we, nd, gap;

	win->n = 0;
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
	/* The digit windows are in order and apart; search the gaps. */
	nd = win->n;
	for (i = 0; i < x->prefilters.n; i++)
		for (k = 0, gap = 0; k <= nd; k++) {
			prefiltered(x, x->prefilters.v[i], s, gap,
			    k < nd ? win->v[k].a : n, win);
			if (k < nd)
				gap = win->v[k].b;
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
 * Copy the spans of x->rm's last match of r into m, and work out the
 * indicator and the value (or list) it claims.
 */
static void
take_match(struct extractor *x, const struct rule *r, const char *s,
    struct match *m)
{
	size_t gs, ge, vstart;
	int g;

	memset(m, 0, sizeof(*m));
	m->rule = r;
	pat_span(&x->rm, &m->ms, &m->me);
	for (g = 0; g < G_NGROUPS; g++)
		if (pat_group(&r->pat, &x->rm, rule_groupname((enum group)g),
		    &m->g[g][0], &m->g[g][1]))
			m->has |= 1u << g;
	m->has_ind = grp(m, G_IND, &m->is, &m->ie);
	if (!m->has_ind) {
		m->is = clause_start(s, m->ms);
		m->ie = m->ms;
	}
	if (grp(m, G_LIST, &m->vs, &m->ve))
		m->has_list = 1;
	else if (!grp(m, G_VAL, &m->vs, &m->ve))
		m->vs = m->ve = m->ms;
	vstart = m->vs;
	if (grp(m, G_VERB, &gs, &ge) && gs < m->vs)
		m->vs = gs;
	/*
	 * The claim starts at the verb, or past an indicator that holds the
	 * verb (建成充电桩); an indicator after the value (70%以上的县级机关)
	 * is not claimed.
	 */
	if (m->ie <= vstart && m->vs < m->ie)
		m->vs = m->ie;
	if (m->me <= m->ms)
		m->me = m->ms + 1;
}

/* The matches of rule r in the windows, unclaimed ones claimed, into v. */
static void
rule_matches(struct extractor *x, const struct rule *r, const char *s,
    size_t n, struct match **v, size_t *nv, size_t *cap)
{
	struct match m;
	size_t w, start, end;
	int rc;

	for (w = 0; w < x->win.n; w++)
	for (start = x->win.v[w].a, end = x->win.v[w].b; start < end;
	    start = m.me > m.vs ? m.me : m.vs + 1) {
		rc = rule_match(r, &x->rm, s, end, start);
		if (rc < 0)
			zb_warnx("%s: rule %s gave up on a paragraph near byte "
			    "%zu (match limit)", x->name, r->name,
			    x->p.nt.map[start]);
		if (rc != 1)
			break;
		take_match(x, r, s, &m);
		if (claimed(&x->claims, m.vs, m.me))
			continue;
		claim(&x->claims, m.vs, m.me, n);
		if (*nv == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*v = xreallocarray(*v, *cap, sizeof(**v));
		}
		(*v)[(*nv)++] = m;
	}
}

/*
 * Run the record rules over the sentences of s[0..n) that may hold a value.
 * Earlier rules claim their values first; a later match overlapping a
 * claimed value is dropped.
 */
void
find_records(struct extractor *x, const char *s, size_t n)
{
	struct match *v = NULL;
	size_t nv = 0, cap = 0, i;

	claims_reset(&x->claims);
	x->ss_ok = 0;
	if (windows(x, s, n, &x->win) == 0) {
		if (x->explain != NULL)
			explain_para(x, s, n, NULL, 0);
		return;
	}
	for (i = 0; i < x->recs.n; i++)
		rule_matches(x, x->recs.v[i], s, n, &v, &nv, &cap);
	claims_index(&x->claims);
	if (nv > 1)
		qsort(v, nv, sizeof(*v), cmp_match);
	/* Year and past markers: only a paragraph with records needs them. */
	if (nv > 0)
		scan_markers(x, s, n);
	for (i = 0; i < nv; i++)
		match_records(x, &v[i]);
	if (x->explain != NULL)
		explain_para(x, s, n, v, nv);
	free(v);
	claims_reset(&x->claims);
}
