/*
 * charset: find the character encoding of a fetched body and convert the
 * body to UTF-8.
 *
 * charset_detect() writes a canonical encoding name (an iconv name such as
 * "UTF-8" or "GB18030") into a caller-owned buffer.  charset_to_utf8()
 * appends to a caller-owned buf; the result is always valid UTF-8 with no
 * NUL bytes: undecodable input becomes U+FFFD.  Nothing else is allocated.
 */
#ifndef CHARSET_H
#define CHARSET_H

#include <stddef.h>

#include "util.h"

#define CHARSET_MAX	64	/* size of a name buffer */

/* Where the encoding came from, for messages and the man page. */
enum charset_from {
	CHARSET_BOM, CHARSET_HEADER, CHARSET_META, CHARSET_DETECTED,
	CHARSET_DEFAULT
};

/*
 * Decide the encoding of body s[0..n): a byte-order mark, then the HTTP
 * header's charset parameter (header may be NULL), then for HTML a
 * <meta charset> or http-equiv declaration in the first 8 KiB, then
 * detection (valid UTF-8, else libuchardet), else GB18030.  GBK, GB2312
 * and their aliases are read as GB18030, which covers them.  Labels iconv
 * does not know are ignored.  Returns where the name came from.
 */
enum charset_from charset_detect(const char *header, const char *s, size_t n,
	    int html, char *name);

/*
 * The encoding the bytes s[0..n) look like, declarations aside: UTF-8
 * when they are valid UTF-8, else libuchardet's guess.  Returns 0, or -1
 * when there is no guess (name is then unchanged).
 */
int	charset_guess(const char *s, size_t n, char *name);

/*
 * Canonicalise an encoding label into name (CHARSET_MAX bytes).  Returns 0,
 * or -1 when iconv cannot convert from it.
 */
int	charset_canon(const char *label, size_t len, char *name);

/*
 * Append s[0..n) converted from encoding name to UTF-8 to out, dropping a
 * byte-order mark and NUL bytes.  Returns the number of bytes that could
 * not be decoded (each became U+FFFD).
 */
size_t	charset_to_utf8(const char *name, const char *s, size_t n,
	    struct buf *out);

#endif
