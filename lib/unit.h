/*
 * unit: the unit table (data/units.tsv and -u files): a unit as written ->
 * canonical unit, exact factor and dimension.
 *
 * A unittab owns its entries; unittab_free() releases them.  unit_lookup()
 * fills a caller-owned struct unitval whose strings point into the table
 * (valid until it is freed) except factor, a buf the caller frees.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stddef.h>

#include "util.h"

struct unit {
	char	*name;		/* as written, normalized */
	char	*canon;		/* kW */
	char	*factor;	/* exact decimal */
	char	*dim;		/* power; "prefix" for multipliers */
};

struct unittab {
	struct unit	*v;
	size_t		 n;
};

struct unitval {
	const char	*canon;
	const char	*dim;
	struct buf	 factor;	/* prefix factor * unit factor */
};

/*
 * Parse table text s[0..n), whose lines messages call "origin:LINE";
 * later lines replace earlier ones of the same name and kind.  Returns
 * the number of bad lines reported (they are skipped).
 */
int	unittab_load(struct unittab *, const char *s, size_t n,
	    const char *origin);
void	unittab_free(struct unittab *);

/*
 * Look up the unit written u (any width, traditional or simplified):
 * exactly, else as a multiplier followed by a unit.  Returns 0 and fills
 * *v, or -1 when the unit is unknown.
 */
int	unit_lookup(const struct unittab *, const char *u, struct unitval *v);

#endif
