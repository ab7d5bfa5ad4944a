/*
 * mgroup: zb-merge's statements and groups.  Target records are kept as
 * statements, keyed by what they measure (indicator, year, unit, baseline
 * year, direction: a group) and by region (code, else parent and name,
 * else name), then sorted so each group holds one entry per region, the
 * entry's statements together (mconflict.h chooses among them).
 *
 * A struct merge owns its statements' records (json_t references taken by
 * mgroup_add) and every key and array; mgroup_free() releases them and
 * leaves it empty.  The gazetteer and the input names it points to belong
 * to the caller and must outlive it.
 */
#ifndef MGROUP_H
#define MGROUP_H

#include <stddef.h>

#include <jansson.h>

#include "gazetteer.h"
#include "util.h"

/* One target record kept from the input. */
struct mstmt {
	json_t		*o;		/* owned */
	const char	*name;		/* input name, the caller's */
	unsigned long	 line;
	size_t		 seq;		/* input order */
	char		*gkey;		/* group key, owned */
	int		 rank;		/* 0 code known, 1 name only, 2 none */
	const char	*okey;		/* order: code, else known code */
	const char	*rkey;		/* identity: region code, else name */
	const char	*pcode;		/* parent code, given or inferred */
	char		*kbuf;		/* owned: rkey "PARENT/NAME" if built */
	long long	 offset;
};

/* A document's region: the code of its first record that has one. */
struct mdocreg {
	char		*doc;		/* owned */
	char		*code;		/* owned */
	size_t		 seq;
};

/* A region's entry in a group: the statement chosen among its documents. */
struct mentry {
	struct mstmt	*s;
	size_t		 first, end;	/* the region's statements in st[] */
	int		 conflict;
};

struct mgroup {
	size_t		 first, end;	/* statements in st[] */
	struct mentry	*e;
	size_t		 ne;
};

struct merge {
	const struct gazetteer *gz;
	size_t		 nread;		/* records noted, for docreg order */
	struct mdocreg	*dr;
	size_t		 ndr, capdr;
	struct mstmt	*st;
	size_t		 nst, capst;
	struct mgroup	*groups;
	size_t		 ngroups;
};

/* Group key of a record: indicator, year, unit, baseline, direction. */
char		*mgroup_key(const json_t *o);
/*
 * Take record o (checked against the record contract) read at name:line:
 * its document's region is noted; a target or table cell with an
 * indicator is kept, anything else released.
 */
void		 mgroup_add(struct merge *, json_t *o, const char *name,
		    unsigned long line);
/* Key every statement's region, sort them and make the groups. */
void		 mgroup_build(struct merge *);
/* Order of regions: by code (or a known name's code), then by name. */
int		 mgroup_cmp_region(const struct mstmt *, const struct mstmt *);
int		 mgroup_same_region(const struct mstmt *, const struct mstmt *);
void		 mgroup_free(struct merge *);

#endif
