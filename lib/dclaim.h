/*
 * dclaim: what zb-diff compares.  A statement's identity (region,
 * indicator, year, baseline year, kind) says which statements may be
 * paired; its claim (value, upper bound, unit, comparison, direction,
 * qualifiers) what it says.  Two records compare their normalized fields
 * when both are normalized (dclaim_std), else the fields as written.
 *
 * A claim's text is made so that two records have the same text exactly
 * when dclaim_changes() finds no field that differs (numbers as
 * canonical decimals, other values as json_equal() sees them).
 *
 * dclaim_identity() returns a string the caller frees; text is appended
 * to the caller's struct buf.
 */
#ifndef DCLAIM_H
#define DCLAIM_H

#include <jansson.h>

#include "util.h"

/* The fields that count, as written and when both sides are normalized. */
extern const char *const dclaim_written[];
extern const char *const dclaim_std[];

/* Identity: region (code, else name), indicator, year, baseline, kind. */
char	*dclaim_identity(const json_t *o);
/*
 * The fields of a that differ from b's, appended by name to arr (when
 * not NULL); returns how many.
 */
int	 dclaim_changes(const json_t *a, const json_t *b, json_t *arr);
/* Replace b's content with the claim of o over the fields fl. */
void	 dclaim_text(struct buf *b, const json_t *o, const char *const *fl);

#endif
