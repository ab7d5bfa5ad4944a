/*
 * spill: byte strings kept until they are read back by reference, in
 * memory up to xsort_buffer() bytes, then all in an unlinked temporary
 * file (zb-diff keeps its records here while their lines are sorted).
 *
 * A reference is the text "OFFSET:LENGTH" in hex.  Bytes returned by
 * spill_get() belong to the spill and live until the next call.  A zeroed
 * struct spill is empty; spill_free() releases it.  Failures to write or
 * read the temporary file, and a bad reference, are reported and exit 2.
 */
#ifndef SPILL_H
#define SPILL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util.h"

#define SPILL_REFLEN	64	/* buffer size for a reference */

struct spill {
	struct buf	 mem;
	FILE		*f;		/* past the buffer size, or NULL */
	uint64_t	 len;
	struct buf	 rd;
};

/* Keep s[0..n); its reference into ref (refsize bytes). */
void		 spill_put(struct spill *, const char *s, size_t n, char *ref,
		    size_t refsize);
/* Done writing: flush what is buffered for the file. */
void		 spill_flush(struct spill *);
/* The bytes the reference ref[0..refn) names; their length into *n. */
const char	*spill_get(struct spill *, const char *ref, size_t refn,
		    size_t *n);
void		 spill_free(struct spill *);

#endif
