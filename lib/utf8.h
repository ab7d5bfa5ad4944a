/*
 * utf8: decoding and validation of UTF-8 byte strings.  Pure functions;
 * nothing is allocated.
 */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode one code point at s[0..n).  Returns its length in bytes (1-4) and
 * stores the code point in *cp, or returns 0 for an invalid or truncated
 * sequence (overlongs, surrogates and values past U+10FFFF are invalid).
 */
size_t	utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Encode cp into out (at least 4 bytes); returns the length. */
size_t	utf8_encode(uint32_t cp, char *out);

/*
 * Return the offset of the first invalid byte or NUL byte in s[0..n), or
 * n when all of it is valid UTF-8 without NULs.
 */
size_t	utf8_check(const char *s, size_t n);

#endif
