/*
 * extract_int: what the extraction modules share, private to them.
 *
 * One struct extractor holds a document's state; each module owns a part
 * of it and the functions that change that part:
 *   extract.c   the line state machine, paragraphs, the rule index, and
 *               the public API (extract.h)
 *   clause.c    byte tests and clause/sentence bounds in normalized text
 *   dochead.c   title, region and issue date from the document's head
 *   context.c   sections, owners, year and past-tense markers
 *   phrase.c    indicator phrasing: lead words, regions, shared heads
 *   claims.c    the values already claimed in a paragraph
 *   search.c    the matches of the record rules in a paragraph
 *   target.c    the records of a rule match
 *   table.c     tables: one row per line, or one cell per line
 *   recout.c    the target record's keys, in the contract's order
 *   explain.c   every candidate quantity and the rule that decided it
 * Strings in the extractor are owned by it and freed by doc_clear() or
 * extract_free(); rules and the gazetteer are borrowed.
 */
#ifndef EXTRACT_INT_H
#define EXTRACT_INT_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "extract.h"
#include "fold.h"
#include "rules.h"
#include "util.h"

#define MAXLEVEL	6
#define MAXREGIONS	16
#define MAXITEMS	32
#define JOINMIN		60	/* bytes: a shorter unfinished line ends */
#define CLAUSEMAX	600	/* bytes: a clause is cut here */
#define PARENMAX	(20 * 3)	/* bytes: a parenthesis inside a name */
#define CUEMAX		900	/* bytes: a past cue reaches this far */
#define WRAPMAX		120	/* bytes: a longer line was not wrapped */
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

/*
 * The values claimed in a paragraph (claims.c).  Scanned one by one while
 * few; past CLAIMSCAN also kept in a Fenwick tree of the largest end by
 * start and, once indexed, sorted by end.  Both give the scan's answers.
 */
struct claims {
	struct spans	 s;
	uint32_t	*cmax;		/* many claims: max end by start */
	size_t		 cmaxn;
	struct span	*byend;		/* many claims: {index, end} by end */
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
	size_t	pos, end;	/* the marker's text */
	int	year;
	int	to;		/* a target year: 到2030年 */
};

/* A table cell: normalized text and raw span. */
struct cell {
	char	*text;		/* normalized */
	size_t	*map;		/* text's byte i is input byte map[i] */
	size_t	 off, end;
	unsigned long lineno;
};

struct row {
	struct cell	*c;
	size_t		 n;
};

/* A past cue (截至, 比上年), or with to set a target's frame (预期目标是). */
struct cue {
	size_t		 pos;
	int		 to;
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
	char		*unit;		/* 单位：万吨 above it, or NULL */
};

/* The rules of some kinds, in table order. */
struct rlist {
	struct rule	**v;
	size_t		  n;
};

/*
 * A match of a record rule, with the spans of its groups copied out when
 * it was found: nothing read later depends on match data.
 */
struct match {
	const struct rule *rule;
	size_t		 ms, me;	/* whole match */
	size_t		 is, ie;	/* indicator */
	size_t		 vs, ve;	/* value (or list) */
	size_t		 g[G_NGROUPS][2];	/* group spans */
	unsigned	 has;		/* bit g: group g is set */
	int		 has_ind, has_list;
	const char	*fate;		/* kind of its records, once written */
};

/* A record about to be written (recout.c). */
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

struct extractor {
	struct ruleset		*rs;
	/* rules by kind, indexed once so no loop compares kinds */
	struct rlist	 heads;		/* heading1..heading4, mdheading */
	struct rlist	 markrules;	/* year, pastcue */
	struct rlist	 strips, measures, recs, prefilters, noises;
	struct rule	*ownerr, *tailr, *valuer;
	/* match data, one per reader so no match clobbers another */
	struct pmatch	 rm;		/* record rules */
	struct pmatch	 vm;		/* list values */
	struct pmatch	 sm;		/* strip and measure rules */
	struct pmatch	 km;		/* markers, headings, owners, noise */
	const struct gazetteer	*gz;
	FILE			*out;
	/* document */
	char		*source, *name, *sha256, *region, *title, *issued;
	char		*shortregion;	/* fallback region from a short name */
	int		 issue_year;
	int		 default_year;
	int		 doc_year;	/* an annual plan's year: 今年 */
	int		 lead_year;	/* a stage heading's: ■2026年主要目标 */
	int		 lead_level;	/* its heading level (MAXLEVEL + 1: none) */
	int		 plan_start;	/* first year of the title's five-year plan */
	unsigned long	 nlines;
	int		 stops;		/* a 。 has been seen */
	unsigned long	 nrecords;
	/* sections */
	char		*sect[MAXLEVEL];
	char		*lastshort;	/* last short line: a table title */
	char		*prevshort;	/* the one before it */
	const char	*subsect;	/* table title, appended to section */
	int		 inlist;	/* after 附件：1.…: 2.… is no heading */
	/* current paragraph */
	struct para	 p;
	struct table	 t;
	/* per-paragraph scratch */
	struct mark	*marks;
	size_t		 nmarks, markcap;
	struct cue	*past;		/* past cues and target frames */
	size_t		 npast, pastcap;
	struct claims	 claims;	/* values claimed in the paragraph */
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
	FILE		*explain;	/* candidates and their fate, or NULL */
	unsigned	 kinds;		/* XK_*: the kinds written */
};

/*
 * Does s[0..n) start (end) with the UTF-8 string w?  Inline, byte by byte:
 * w is a short literal whose length the compiler knows, and the scans of
 * every sentence and clause call this per byte.
 */
static inline int
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

static inline int
ends(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && starts(s + n - k, k, w);
}

/* Number of spaces at the start of s[0..n). */
static inline size_t
lead_spaces(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* clause.c */
uint32_t lastcp(const char *s, size_t n);
int	 terminal(uint32_t c);
int	 isdigit_b(int c);
int	 year_at(const char *s, size_t n);
size_t	 clause_start(const char *s, size_t pos);
size_t	 sentence_start(const char *s, size_t pos);
size_t	 sentence_end(const char *s, size_t n, size_t pos);
int	 ends_sentence(const char *s, size_t i);
void	 spans_add(struct spans *, size_t a, size_t b);
char	*dupn(const char *s, size_t n);
void	 set_str(char **dst, const char *s);

/* dochead.c */
void	 header_line(struct extractor *, const char *raw, size_t rawn);
void	 title_years(struct extractor *, const char *s, size_t n);
void	 set_issued(struct extractor *, const char *date);
int	 named_year(const char *s, size_t n, int ranges);

/* context.c */
char	*section_path(const struct extractor *);
int	 headings(struct extractor *, const char *s, size_t n);	/* level */
void	 owners(struct extractor *, const char *s, size_t n, size_t *limit);
void	 scan_markers(struct extractor *, const char *s, size_t n);
int	 year_for(const struct extractor *, size_t pos, size_t bs, size_t be);
size_t	 mark_from(const struct extractor *, size_t pos);
size_t	 record_sentence_start(struct extractor *, const char *s,
	    size_t pos);
int	 past_year(const struct extractor *, int year);
int	 past_between(const struct extractor *, size_t a, size_t b);

/* phrase.c */
void	 strip_lead(struct extractor *, const char *s, size_t *a, size_t b);
size_t	 lead_regions(const struct extractor *, const char *s, size_t *a,
	    size_t b, const char **names);
size_t	 trim_tail(const char *s, size_t a, size_t b);
size_t	 split_items(struct extractor *, const char *s, size_t a, size_t b,
	    char **items, size_t max);
size_t	 measure_at(struct extractor *, const char *s, size_t n);
size_t	 split_rates(struct extractor *, const char *s, size_t n,
	    char **items, size_t max);
void	 title_measure(struct extractor *, const char *title,
	    struct buf *ind);
void	 inherit_subject(struct extractor *, struct buf *ind,
	    const char *prev);
void	 part_subject(struct extractor *, struct buf *ind, const char *prev);

/* claims.c */
void	 claims_reset(struct claims *);
void	 claims_free(struct claims *);
void	 claim(struct claims *, size_t a, size_t b, size_t n);
int	 claimed(const struct claims *, size_t s, size_t e);
void	 claims_index(struct claims *);
size_t	 claims_within(const struct claims *, size_t a, size_t b,
	    size_t **k);

/* Span of group g of match m, if it is set. */
static inline int
grp(const struct match *m, enum group g, size_t *s, size_t *e)
{
	if (!(m->has & (1u << g)))
		return 0;
	*s = m->g[g][0];
	*e = m->g[g][1];
	return 1;
}

/* target.c */
void	 read_words(const struct extractor *, const char *s, size_t n,
	    enum cmp *cmp, enum dir *dir, json_t *quals);
void	 match_records(struct extractor *, struct match *);

/* search.c */
void	 find_records(struct extractor *, const char *s, size_t n);

/* table.c */
void	 table_start(struct extractor *, int cellmode);
void	 table_line(struct extractor *, const char *s, size_t n, size_t off,
	    unsigned long lineno);
void	 table_cell(struct extractor *, const char *s, size_t n, size_t off,
	    unsigned long lineno);
void	 cell_continue(struct extractor *, const char *s, size_t n,
	    size_t off);
void	 table_raw(struct extractor *, const char *s, size_t n, size_t off);
void	 table_row(struct extractor *);
void	 table_end(struct extractor *);

/* explain.c */
void	 explain_para(struct extractor *, const char *s, size_t n,
	    const struct match *v, size_t nv);

/* recout.c */
void	 emit(struct extractor *, const struct rec *);

#endif
