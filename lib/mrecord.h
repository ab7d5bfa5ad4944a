/*
 * mrecord: zb-merge's JSON lines (zb-merge.1 "OUTPUT"): a group record per
 * group, a conflict record per entry whose documents disagree, and the
 * pieces roll-ups (rollup.h) share with them.
 *
 * Functions returning json_t * return a new reference the caller owns;
 * mrecord_write() takes its record.  The writers return 0, or -1 when a
 * record could not be encoded (reported; the caller's status is 2).
 */
#ifndef MRECORD_H
#define MRECORD_H

#include <jansson.h>

#include "mgroup.h"

/* The value (max 0) or upper bound as a number, canonical if normalized. */
json_t	*mrecord_value(const json_t *o, int max);
/* A new record of type with the keys saying what o's group is. */
json_t	*mrecord_head(const char *type, const json_t *o);
/* Set region_code, region, value, value_max and cmp of r from o. */
void	 mrecord_claim(json_t *r, const json_t *o);
/* Write r on stdout, one line, and release it. */
int	 mrecord_write(json_t *r);
int	 mrecord_group(const struct merge *, const struct mgroup *);
int	 mrecord_conflict(const struct merge *, const struct mentry *);

#endif
