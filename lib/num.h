/*
 * num: exact parsing of the numbers policy texts write: Arabic decimals,
 * Chinese numerals (一百二十万, 两, 三点五), 百分之N, 翻N番 and X分之Y.
 *
 * Results are canonical decimal strings (no leading zeros, no trailing
 * fractional zeros, "-" never) written into a caller-owned buffer, so no
 * binary floating point ever touches a value.
 */
#ifndef NUM_H
#define NUM_H

#include <stddef.h>

#include "util.h"

/*
 * Parse s[0..n) as a number and append its canonical decimal form to out.
 * Accepts ASCII digits with an optional fraction and "," thousands
 * separators, or Chinese numerals with 十百千万亿 and 点.  Returns 0, or -1
 * when s is not a number (out is left unchanged).
 */
int	num_parse(const char *s, size_t n, struct buf *out);

/*
 * Parse a doubling phrase 翻N番 (N a Chinese or Arabic numeral) and append
 * the factor 2^N.  Returns 0 or -1.
 */
int	num_doubling(const char *s, size_t n, struct buf *out);

/*
 * Parse a part of a whole, X分之Y (三分之一, 4分之3), and append Y/X to four
 * decimal places, rounded half up (0.3333, 0.75).  X and Y are whole
 * numbers, X not 0.  Returns 0 or -1.
 */
int	num_fraction(const char *s, size_t n, struct buf *out);

/* Count significant digits of a canonical decimal string. */
int	num_sigdigits(const char *);

#endif
