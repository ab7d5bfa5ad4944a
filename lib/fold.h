/*
 * fold: normalize text for matching while remembering where every byte
 * came from.
 *
 * Normalized text has ASCII digits, letters and "%.~-+/" for their
 * full-width forms; Chinese clause punctuation (，；：（）！？) for both
 * widths, except a comma between digits that groups thousands, which is
 * dropped; no spaces, except one between two ASCII letters; simplified
 * characters for traditional ones (data/t2s.tsv, from OpenCC).
 *
 * An ntext owns its buffers; fold_free() releases them (the struct itself
 * stays the caller's).  map[i] is the input offset of normalized byte i and
 * map[len] the offset just past the last input byte appended.
 */
#ifndef FOLD_H
#define FOLD_H

#include <stddef.h>

#include "util.h"

struct ntext {
	struct buf	 s;
	size_t		*map;
	size_t		 mapcap;
	int		 space;		/* a space is pending */
};

/* Load the traditional->simplified table (TSV lines "TRAD\tSIMP"). */
void	fold_t2s_load(const char *, size_t);
void	fold_t2s_free(void);

void	fold_reset(struct ntext *);
/* Append src[0..n), which starts at input offset off, normalized. */
void	fold_append(struct ntext *, const char *src, size_t n, size_t off);
/*
 * Same as fold_append(t, src, n, off), given ln, what fold_append() made
 * of the same bytes and offset in an empty ntext: its result is copied
 * rather than made again.
 */
void	fold_append_reuse(struct ntext *t, const struct ntext *ln,
	    const char *src, size_t n, size_t off);
void	fold_free(struct ntext *);

#endif
