/*
 * rollup: zb-merge's roll-ups.  A parent region's target set against the
 * sum of its children's in the same group (exact decimals), with the
 * difference, the share, and the gazetteer's children no entry covers.
 *
 * rollup_write() writes a record on stdout (mrecord.h); nothing it
 * allocates outlives the call.
 */
#ifndef ROLLUP_H
#define ROLLUP_H

#include <jansson.h>

#include "mgroup.h"

/* Whether values of record o may be summed: additive, not a share. */
int	rollup_summable(const json_t *o);
/*
 * The roll-up of parent entry p of group g, when some entry of g is its
 * child: 0 (also when there is none), -1 when it could not be encoded.
 */
int	rollup_write(const struct merge *, const struct mgroup *g,
	    const struct mentry *p);

#endif
