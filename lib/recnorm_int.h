/*
 * recnorm_int: what recnorm.c (records) and recload.c (tables, the
 * summary) share, private to them.  The struct recnorm owns its tables,
 * memos, contexts and tallies; recnorm_free() releases them.
 */
#ifndef RECNORM_INT_H
#define RECNORM_INT_H

#include "gazetteer.h"
#include "indic.h"
#include "memo.h"
#include "unit.h"

#define NCTX		64	/* documents whose region is remembered */
#define MAXNAMES	1000	/* distinct unknown names listed per kind */
#define MEMOMAX		4096	/* distinct names resolved and remembered */
#define FACTORLEN	64	/* bytes of a remembered factor */

/* What the summary on stderr counts, by kind of unknown. */
enum { UNK_UNIT, UNK_INDICATOR, UNK_REGION, UNK_AMBIGUOUS, NUNK };

struct tally {
	char		*name;
	unsigned long	 n;
};

struct unknowns {
	struct tally	*v;
	size_t		 n, cap;
	unsigned long	 total;
};

/* A unit looked up, as remembered. */
struct unitmemo {
	int		 known;
	const char	*canon, *dim;
	char		 factor[FACTORLEN];
};

/* A document's context: its region, from its first resolved record. */
struct docctx {
	char			*key;	/* sha256, else source */
	const struct region	*region;
};

struct recnorm {
	struct unittab		 units;
	struct indicdict	 dict;
	struct gazetteer	 gaz;
	const struct region	*hint;		/* -R */
	struct docctx		 ctx[NCTX];
	size_t			 nextctx;
	struct unknowns		 unk[NUNK];
	struct memo		 unitmemo, indmemo, placememo;
	unsigned long		 nrecords;
	int			 trouble;	/* in the current record */
};

/* recload.c: count an unknown name of kind (UNK_*) for the summary. */
void	count_unknown(struct recnorm *, int kind, const char *name);

#endif
