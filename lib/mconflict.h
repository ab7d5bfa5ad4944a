/*
 * mconflict: zb-merge's choice among a region's statements of one group,
 * and their conflicts.  Each document's first statement is its claim;
 * the newest issued claim is the entry's; claims that differ (value,
 * upper bound, comparison) make a conflict.
 *
 * Nothing here allocates but mconflict_claims(), whose array the caller
 * frees (its statements stay the struct merge's).
 */
#ifndef MCONFLICT_H
#define MCONFLICT_H

#include <stddef.h>

#include <jansson.h>

#include "mgroup.h"

/* Compare issue dates, a missing one oldest. */
int	mconflict_cmp_issued(const struct mstmt *, const struct mstmt *);
/* Whether two records say the same: value, upper bound, comparison. */
int	mconflict_same_claim(const json_t *, const json_t *);
/*
 * Fill e for a region's statements st[first..end) (sorted by document):
 * the newest issued claim, the first read among equals, and whether the
 * claims differ.
 */
void	mconflict_entry(struct mentry *e, struct mstmt *st, size_t first,
	    size_t end);
/*
 * The claims of entry e, one statement per document, oldest first (then
 * in input order), into a new array *out; returns how many.  *current is
 * set when the newest is current: every claim dated, and no other claim
 * shares the newest date.
 */
size_t	mconflict_claims(const struct mentry *e, const struct mstmt *st,
	    const struct mstmt ***out, int *current);

#endif
