/*
 * indic: the indicator dictionary (data/indicators.tsv and -i files):
 * canonical ids for indicators as written, chosen by PCRE2 patterns and
 * the dimension of the value's unit.
 *
 * A dictionary owns its entries and compiled patterns; indic_free()
 * releases them.  indic_lookup() returns a pointer into the dictionary.
 */
#ifndef INDIC_H
#define INDIC_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>

struct indic {
	char		*id;		/* non_fossil_share */
	char		*zh;		/* 非化石能源消费比重 */
	char		*en;
	char		*dims;		/* "share,point", or "-" for any */
	int		 additive;	/* values add up across regions */
	char		*pattern;
	char		*origin;	/* FILE:LINE */
	pcre2_code	*code;
};

struct indicdict {
	struct indic		*v;
	size_t			 n;
	pcre2_match_data	*md;
	pcre2_match_context	*mctx;	/* match and depth limits */
};

/*
 * Parse dictionary text s[0..n) (lines "origin:LINE" in messages) and
 * compile its patterns.  An entry whose id exists replaces it in place;
 * new ids are tried after the earlier ones.  Returns the number of errors
 * reported (bad lines are skipped).
 */
int	indic_load(struct indicdict *, const char *s, size_t n,
	    const char *origin);
void	indic_free(struct indicdict *);

/*
 * The first entry whose pattern matches the indicator as written (any
 * width, traditional or simplified) and whose dimensions admit dim (NULL:
 * unknown unit, admits all).  Returns NULL when none does.
 */
const struct indic *indic_lookup(struct indicdict *, const char *written,
	    const char *dim);

/*
 * The dimension entry e reads a unit of dimension dim in: "other" when
 * its DIMENSIONS list dim as "dim=other" (供电煤耗 in 克/千瓦时, an
 * emission_rate unit, is a coal_rate), copied into out[0..size); NULL
 * when it lists dim plainly or not at all.
 */
const char *indic_recast(const struct indic *e, const char *dim, char *out,
	    size_t size);

#endif
