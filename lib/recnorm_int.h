/*
 * recnorm_int: what recnorm.c (records), recload.c (tables, the summary)
 * and recadd.c (the fields added) share, private to them.  The struct
 * recnorm owns its tables, memos, contexts, tallies and scratch buffer;
 * recnorm_free() releases them.
 */
#ifndef RECNORM_INT_H
#define RECNORM_INT_H

#include <stdio.h>

#include <jansson.h>

#include "gazetteer.h"
#include "indic.h"
#include "memo.h"
#include "reader.h"
#include "unit.h"
#include "util.h"

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
	int			 whole;		/* recnorm_whole() */
	struct buf		 enc;		/* adds_append()'s scratch */
	int			 trouble;	/* in the current record */
};

/* recload.c: count an unknown name of kind (UNK_*) for the summary. */
void	count_unknown(struct recnorm *, int kind, const char *name);

/*
 * recadd.c: the fields a record gets, in the order they were first set,
 * as a Jansson object keeps them: setting a key again replaces its value
 * in place; setting NULL (a value Jansson could not make) is ignored, as
 * json_object_set_new() ignores it.  The keys are constants; the values
 * are owned references, released by adds_free() (which empties a).
 */
#define NADDS	16	/* more is an internal error */

struct adds {
	const char	*key[NADDS];
	json_t		*val[NADDS];
	size_t		 n;
};

void	adds_put(struct adds *, const char *key, json_t *v);
void	adds_free(struct adds *);
/*
 * Write line raw with the fields of a appended before its closing brace,
 * every input byte as it was, encoding them in b (scratch, the caller's).
 * Returns 0, or -1 when raw does not end in a brace or a field cannot be
 * encoded (nothing is written).
 */
int	adds_append(const struct adds *, const struct line *raw,
	    struct buf *b, FILE *out);

#endif
