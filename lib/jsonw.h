/*
 * jsonw: JSON text written straight into a buf, byte for byte as Jansson's
 * json_dumps() prints it with JSON_COMPACT and JSON_REAL_PRECISION(15),
 * for output loops where building and dumping a tree per record is the
 * cost.  The caller owns the buf.
 */
#ifndef JSONW_H
#define JSONW_H

#include <stddef.h>

#include "util.h"

/*
 * A string: "\\" and "\"" escaped, control characters as \b \f \n \r \t
 * or \u00XX.  Returns 0, or -1 when s[0..n) is not valid UTF-8 (Jansson
 * refuses such a string); b then holds a partial string.
 */
int	jsonw_str(struct buf *b, const char *s, size_t n);
/* A NUL-terminated string, or null for NULL; returns as jsonw_str. */
int	jsonw_cstr(struct buf *b, const char *s);
void	jsonw_int(struct buf *b, long long v);
/* A real with 15 significant digits; -1 when v is not finite. */
int	jsonw_real(struct buf *b, double v);

#endif
