/*
 * mwide: zb-merge's wide table (zb-merge.1 "OUTPUT"): a row per group, a
 * column per region (with -n four columns a region), in bounded memory.
 *
 * The columns are every region an entry has, ordered as entries are, so
 * the header can be written only after the last group: mwide_group()
 * notes a group's regions (one column each, labelled by the first entry
 * seen) and keeps its row on a tape (xsort.h: memory, then an unlinked
 * temporary file); mwide_end() writes the header, then the rows.  Memory
 * holds the columns, not the rows.
 *
 * An mwide owns its columns and its tape; mwide_free() releases them
 * (mwide_free(NULL) is a no-op).  The gazetteer is the caller's and must
 * outlive it.
 */
#ifndef MWIDE_H
#define MWIDE_H

#include "gazetteer.h"
#include "mgroup.h"
#include "mtable.h"

struct mwide;

struct mwide	*mwide_new(const struct mtable *, const struct gazetteer *);
/* Note group g (its claims in m) and keep its row. */
void		 mwide_group(struct mwide *, const struct merge *m,
		    const struct mgroup *g);
/* Write the header and every row kept, on stdout. */
void		 mwide_end(struct mwide *);
void		 mwide_free(struct mwide *);

#endif
