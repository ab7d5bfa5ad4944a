/*
 * xalloc: allocation wrappers that never return NULL.
 *
 * On failure (or a size that overflows) they print a message through
 * zb_errx() and exit 2, so callers never check them.  Memory they return
 * belongs to the caller and is released with free().
 */
#ifndef XALLOC_H
#define XALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xmemdup(const void *, size_t);	/* NUL-terminated copy */

#endif
