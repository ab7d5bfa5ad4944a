/*
 * mtable: zb-merge's tables on stdout (zb-merge.1 "OUTPUT"): their
 * fields and column labels, the long table (a row per entry), and flat
 * rows (a row per record read); the wide table is mwide.h's.  CSV is
 * quoted per RFC 4180 with CRLF line ends; TSV turns tabs and line breaks
 * in a field into spaces.
 *
 * Nothing here keeps what it is given; what it allocates is freed before
 * it returns.
 */
#ifndef MTABLE_H
#define MTABLE_H

#include <jansson.h>

#include "mgroup.h"

struct mtable {
	int	csv;		/* CSV, else TSV */
	int	numeric;	/* wide cells as bare numbers, max, cmp, conflict */
};

/* The flat rows' columns: the record contract's keys, then zb-norm's. */
extern const char *const mtable_flat_names[];

/* Print one field, then a separator, or the line end when last is set. */
void	mtable_field(const struct mtable *, const char *s, int last);
/* Print the NULL-ended names as fields, ending the line if last is set. */
void	mtable_names(const struct mtable *, const char *const *names,
	    int last);
/*
 * The text of key of o: a number's exact text (written into n, of
 * FIELDS_NUMLEN bytes), a string (o's), or "" for null or missing.
 */
const char *mtable_key(const json_t *o, const char *key, char *n);
/*
 * Append the column label of statement s's region: "NAME (CODE)" with the
 * gazetteer's name; "PARENT/NAME (PARENT_CODE)" for a region known only
 * by its parent (市本级, a zone); the name as written without a code;
 * "(no region)" for a null region.  Unique per region identity.
 */
void	mtable_label(struct buf *, const struct gazetteer *,
	    const struct mstmt *s);
/* The long table's header; the rows of group g. */
void	mtable_long_head(const struct mtable *);
void	mtable_long(const struct mtable *, const struct merge *,
	    const struct mgroup *g);
/* One flat row: every key of mtable_flat_names, arrays joined by ";". */
void	mtable_flat(const struct mtable *, const json_t *o);

#endif
