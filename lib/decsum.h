/*
 * decsum: exact decimal addition and subtraction for sums of targets, so
 * 10.1 + 20.2 is 30.3 and never 30.299999999999997.
 *
 * Operands are decimal strings as jsonl_numtext() prints them: an optional
 * "-", digits, an optional fraction, an optional exponent ("1e+20").
 * Results are canonical (no leading zeros, no trailing fractional zeros, no
 * exponent, never "-0"), newly allocated, and belong to the caller, who
 * frees them with free().  A malformed operand, or an exponent beyond
 * +-DECSUM_MAXEXP, gives NULL.
 */
#ifndef DECSUM_H
#define DECSUM_H

#define DECSUM_MAXEXP	400

char	*decsum_add(const char *a, const char *b);
char	*decsum_sub(const char *a, const char *b);
/* Compare two decimals: <0, 0, >0; -2 when either is malformed. */
int	 decsum_cmp(const char *a, const char *b);

#endif
