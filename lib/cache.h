/*
 * cache: a content-addressed store of fetched bodies.  Each body is one
 * file DIR/SHA256 (the hex SHA-256 of the body, nothing from its URL),
 * gzip-compressed with zlib, so `zcat DIR/SHA256` gives the exact bytes
 * fetched and `zcat DIR/SHA256 | sha256sum` prints SHA256.  Files are
 * written to a temporary name in DIR, flushed to disk, and renamed into
 * place (the directory flushed after), so a reader never sees a partial
 * file.  A body already present intact is not rewritten; a file under its
 * name that is empty, truncated, corrupt or holds other bytes (a crash
 * mid-write on a file system without ordered writes) is replaced.
 *
 * Nothing is allocated but what cache_get() appends to the caller's buf.
 */
#ifndef CACHE_H
#define CACHE_H

#include <stddef.h>

#include "util.h"

/*
 * Create dir if it does not exist and check that files can be made in it.
 * Returns 0, or -1 after reporting why not.
 */
int	cache_init(const char *dir);
/* Store s[0..n) under its hex digest.  Returns 0, or -1 after reporting. */
int	cache_put(const char *dir, const char *hex, const void *s, size_t n);
/*
 * Append the body stored under hex to out and check its digest.  Returns
 * 0, or -1 after reporting a missing, corrupt or mismatching file; where
 * (FILE:LINE of the record that named it), when not NULL, starts the
 * message.
 */
int	cache_get(const char *dir, const char *hex, struct buf *out,
	    const char *where);

#endif
