/*
 * dmatch: zb-diff's matching, in bounded memory whatever the inputs'
 * size.  Each record becomes a short line (dline.h) of its identity,
 * side, position and claims (dclaim.h), with a reference to where the
 * caller keeps the record (spill.h); four sorts (xsort.h: in memory, or
 * sort(1) past a size) then bring together what must be compared:
 *
 *   A  by identity, side, position: occurrences numbered, each identity's
 *      comparison mode chosen, a line per claim into B;
 *   B  by identity, claim, side, position: within a claim the k-th
 *      statement of OLD and of NEW say the same thing and are paired (no
 *      output); the rest go to C;
 *   C  by identity, side, position: what is left is paired in document
 *      order (changes), else added or removed, into D;
 *   D  by side (NEW first), position: the results, read by dmatch_next().
 *
 * An identity whose OLD and NEW both hold normalized records and one of
 * them an unnormalized one too is matched in memory (dmixed.h, lines of
 * about 100 bytes a record), the only part not bounded.  Positions are
 * fixed-width hex, so byte order is the order wanted.
 *
 * dmatch_run() frees the sorts it makes but A, which stays the caller's,
 * and returns D, which the caller frees with xsort_free().  A result's
 * references point into D's current line and live until the next call.
 */
#ifndef DMATCH_H
#define DMATCH_H

#include <stddef.h>

#include <jansson.h>

#include "xsort.h"

/* A change: 'a' added, 'r' removed, 'c' changed (when fields differ). */
struct dmatch_result {
	char		 what;
	int		 occ;		/* occurrence of the identity, 1-based */
	const char	*ref, *oldref;	/* oldref only for 'c' */
	size_t		 refn, oldrefn;
};

/*
 * A's line for record o of side (0 OLD, 1 NEW), the seq-th kept of its
 * side, kept by the caller under reference ref.
 */
void		 dmatch_add(struct xsort *a, int side, size_t seq,
		    const json_t *o, const char *ref);
/* Sort A (no more lines) and match: the results, sorted, in a new D. */
struct xsort	*dmatch_run(struct xsort *a);
/* The next result of D into r: 1, or 0 at the end. */
int		 dmatch_next(struct xsort *d, struct dmatch_result *r);

#endif
