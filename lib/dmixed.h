/*
 * dmixed: zb-diff's pairing of a mixed identity, in memory: one whose OLD
 * and NEW both hold normalized records and one of them an unnormalized
 * one too, so neither claim alone can be sorted on.  Each NEW record in
 * document order takes the first unpaired OLD one that says the same
 * thing (normalized claims when both are normalized, else as written).
 *
 * Lines added are copied; dmixed_pair() releases them and leaves the
 * struct empty for the next identity; dmixed_free() releases the rest.
 */
#ifndef DMIXED_H
#define DMIXED_H

#include <stddef.h>

#include "dline.h"

struct dment;

struct dmixed {
	struct dment	*m;
	size_t		 n, cap;
};

/*
 * Keep B's line of a record (dmatch.c: identity, 1, claim, side,
 * position, occurrence, reference, normalized, normalized claim), split
 * into f (9 fields).
 */
void	dmixed_add(struct dmixed *, const struct dfields *f,
	    const char *line, size_t len);
/*
 * Pair the records kept, then call rest(arg, f) for each one left, in
 * the order added, with its line split into f (7 fields at least).
 */
void	dmixed_pair(struct dmixed *,
	    void (*rest)(void *arg, const struct dfields *f), void *arg);
void	dmixed_free(struct dmixed *);

#endif
