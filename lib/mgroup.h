/*
 * mgroup: zb-merge's statements and groups, in bounded memory.  Target
 * records are statements, keyed by what they measure (indicator, year,
 * unit, baseline year, direction: a group) and by region (code, else
 * parent and name, else name).
 *
 * mgroup_add() writes each statement as a line of a sort (xsort.h: in
 * memory, then sort(1) and temporary files) keyed by group, region,
 * document, offset and input order.  A statement whose region needs its
 * document's region (a 市本级 or zone without a parent code) goes through
 * a sort by document first, where it meets the first region code the
 * document's records gave.  mgroup_next() then reads the sorted lines back
 * a group at a time, one entry per region, the entry's claims together
 * (mconflict.h chooses among them).  Only a document's first statement
 * of a region (its claim) is parsed and kept: memory holds one group's
 * regions and their documents, never the whole input.
 *
 * A struct merge owns its sorts and the current group: its statements'
 * records (json_t references), strings and arrays, valid until the next
 * mgroup_next(); mgroup_free() releases everything and leaves it empty.
 * The gazetteer belongs to the caller and must outlive it.  Failures of
 * the sorts are reported and exit 2 (xsort.h).
 */
#ifndef MGROUP_H
#define MGROUP_H

#include <stddef.h>

#include <jansson.h>

#include "gazetteer.h"
#include "util.h"
#include "xsort.h"

/* A document's claim for a region in a group; its strings are owned. */
struct mstmt {
	json_t		*o;		/* owned */
	size_t		 seq;		/* input order */
	int		 rank;		/* 0 code known, 1 name only, 2 none */
	char		*okey;		/* order: code, else known code */
	char		*rkey;		/* identity: code, else name */
	char		*pcode;		/* parent code, given or inferred */
	int		 byparent;	/* rkey is "PARENT/NAME" */
};

/* A region's entry in a group: the statement chosen among its documents. */
struct mentry {
	struct mstmt	*s;
	size_t		 first, end;	/* the region's claims in st[] */
	int		 conflict;
};

struct mgroup {
	size_t		 first, end;	/* claims in st[] */
	struct mentry	*e;
	size_t		 ne, cap;
};

struct merge {
	const struct gazetteer *gz;
	struct xsort	*sorted;	/* statements by group, region, doc */
	struct xsort	*join;		/* statements waiting for their doc's */
	char		*lastdoc;	/* document of the last code noted */
	size_t		 nread;		/* records noted */
	size_t		 nstmt;		/* statements kept */
	size_t		 njoin;		/* of them through the join */
	struct buf	 line, prev, gkey, tmp, tmp2;
	int		 have;		/* line holds the next one read */
	struct mstmt	*st;		/* the current group's claims */
	size_t		 nst, capst;
	struct mgroup	 g;
};

/* Group key of a record: indicator, year, unit, baseline, direction. */
char		*mgroup_key(const json_t *o);
void		 mgroup_init(struct merge *, const struct gazetteer *);
/*
 * Take record o (checked against the record contract), whose input line
 * is raw[0..len): its document's region is noted; a target or table cell
 * with an indicator is kept; o is released.
 */
void		 mgroup_add(struct merge *, json_t *o, const char *raw,
		    size_t len);
/* No more records: sort them. */
void		 mgroup_done(struct merge *);
/*
 * The next group (in byte order of its key), its claims in m->st: a
 * pointer to m->g, or NULL after the last.
 */
const struct mgroup *mgroup_next(struct merge *);
/* Order of regions: by code (or a known name's code), then by name. */
int		 mgroup_cmp_region(const struct mstmt *, const struct mstmt *);
int		 mgroup_same_region(const struct mstmt *, const struct mstmt *);
void		 mgroup_free(struct merge *);

#endif
