/*
 * dec: exact arithmetic on decimal strings, so no binary floating point
 * ever touches a value: 1305.9 * 10000 is 13059000, not 13058999.999....
 *
 * Inputs are decimals: an optional "-", digits, an optional "." and
 * digits, an optional exponent within +-DEC_MAXEXP ("17.7", "-0.5",
 * "1e+20" as %.15g prints large reals); no spaces.
 * Results are canonical (no leading zeros, no trailing fractional zeros,
 * "0" never negative) and appended to a caller-owned buf.
 */
#ifndef DEC_H
#define DEC_H

#include "util.h"

#define DEC_MAXEXP	400

/* Is s a decimal as above? */
int	dec_valid(const char *s);
/* Append a * b.  Returns 0, or -1 when an operand is not a decimal. */
int	dec_mul(const char *a, const char *b, struct buf *out);
/* Append a + b.  Returns 0, or -1 when an operand is not a decimal. */
int	dec_add(const char *a, const char *b, struct buf *out);
/* Append a - b.  Returns 0, or -1 when an operand is not a decimal. */
int	dec_sub(const char *a, const char *b, struct buf *out);
/* Compare: -1, 0 or 1 as a <, = or > b; 2 when one is not a decimal. */
int	dec_cmp(const char *a, const char *b);

#endif
