/*
 * recnorm: record normalisation, the core of zb-norm.  A target record
 * gets value_std, value_max_std, unit_std, dimension and factor (units
 * table), indicator_id, indicator_en and additive (indicator dictionary),
 * region_code, region_level and parent_code (gazetteer, resolved in the
 * context of the record's document); year and baseline_year become
 * integers and cmp is checked.  The input line's bytes stay as they were:
 * the new fields are appended before its closing brace.
 *
 * A struct recnorm owns its tables, its memos of resolved names and its
 * tally of unknowns; recnorm_free() releases them (recnorm_free(NULL) is a
 * no-op).  The fold table (fold_t2s_load()) must be loaded first: units
 * and years are read through it.  Records and lines passed in stay the
 * caller's.
 */
#ifndef RECNORM_H
#define RECNORM_H

#include <stdio.h>

#include <jansson.h>

#include "jsonl.h"
#include "reader.h"

struct recnorm;

/*
 * Load the embedded units, indicators and gazetteer, the files given (or
 * NULL) adding to the first two and replacing the third; region (or NULL)
 * is the -R hint, every document's region until its records name one.
 * Returns NULL after reporting the trouble (a file that cannot be read, a
 * bad table line, an empty gazetteer, an unknown or ambiguous region).
 */
struct recnorm	*recnorm_new(const char *ufile, const char *ifile,
		    const char *gfile, const char *region);
void		 recnorm_free(struct recnorm *);

/*
 * Normalize record o, read from line raw of input name, and write the
 * result to out: raw with the fields appended, or o re-encoded when a year
 * was rewritten or o already has a field recnorm adds; raw unchanged when
 * o lacks a field it needs or cannot be encoded.  Returns 0, or -1 after
 * reporting trouble with the record (it is written all the same).
 */
int		 recnorm_record(struct recnorm *, json_t *o, const char *name,
		    const struct line *raw, FILE *out);

/*
 * Every record of j through recnorm_record(), lines that are not records
 * written to out as they are.  Records are read through jsonl's fast path
 * (jsonl_keep() with the keys recnorm reads), a record that must be
 * rewritten read again whole, so the output is the same as when every
 * line is parsed whole.  Returns 0, or -1 when a record or line was
 * trouble or j could not be read to its end.
 */
int		 recnorm_jsonl(struct recnorm *, struct jsonl *j, FILE *out);

/*
 * whole 1: recnorm_jsonl() parses every line whole with Jansson, as
 * before the fast path (zb-norm's ZB_NORM_WHOLE, for tests); 0, the
 * default, takes the fast path.
 */
void		 recnorm_whole(struct recnorm *, int whole);

/*
 * Print on stderr, per kind, how many records had an unknown unit,
 * indicator, region, or an ambiguous region, most frequent names first.
 */
void		 recnorm_summary(struct recnorm *);

/*
 * A year field as an integer: 2025, "2025", "2025年", "２０２５", or a
 * string naming a five-year plan ("十四五" 2025, see when_plan()).
 * Returns it, 0 for null, -1 when it is none of these.
 */
long		 recnorm_year(const json_t *v);

#endif
