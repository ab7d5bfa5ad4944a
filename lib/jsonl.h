/*
 * jsonl: JSON Lines records in and out, for the filters that read what
 * another filter wrote (zb-norm, zb-merge, zb-diff).
 *
 * A jsonl reader wraps a reader (plain or gzip, "-" is stdin) and parses
 * one JSON object per line with Jansson.  Blank lines are skipped.  A line
 * that is not a JSON object is reported as "prog: NAME:LINE:COL: text" and
 * handed back raw, so a filter can pass it through or skip it; a line over
 * the cap (JSONL_CAP) is reported and skipped whole.
 *
 * jsonl_next() gives the caller a new reference (json_decref it); the raw
 * line it fills belongs to the reader and lives until the next call.
 * A reader that wants only a few keys of each record opts in to the fast
 * path with jsonl_keep(): records jscan is sure of come back partial
 * (JSONL_PART), the others parsed whole as always.
 * jsonl_close() releases the reader; jsonl_close(NULL) is a no-op.
 *
 * Output goes through jsonl_write(): compact, keys in insertion order,
 * reals with 15 significant digits, so a value parsed from "17.7" prints
 * as 17.7 and the same records always give the same bytes.
 */
#ifndef JSONL_H
#define JSONL_H

#include <stdio.h>

#include <jansson.h>

#include "reader.h"

#define JSONL_CAP	(64 << 20)
/* How jsonl_write() encodes, for callers that dump parts themselves. */
#define JSONL_FLAGS	(JSON_COMPACT | JSON_PRESERVE_ORDER | \
			    JSON_REAL_PRECISION(15))

enum {
	JSONL_END = 0,		/* no more lines */
	JSONL_OK = 1,		/* *o is an object */
	JSONL_BAD = 2,		/* reported; *o is NULL, raw has the line */
	JSONL_PART = 3,		/* *o holds only the keys jsonl_keep() gave */
	JSONL_ERROR = -1	/* read or decompression error, reported */
};

struct jsonl;

/* Open path; returns NULL and sets errno when it cannot be opened. */
struct jsonl	*jsonl_open(const char *path);
int		 jsonl_next(struct jsonl *, json_t **o, struct line *raw);
/*
 * Take the fast path from now on: jsonl_next() returns JSONL_PART with an
 * object holding only the members named in keys (NULL-terminated) when
 * jscan_object() is sure the line is an object Jansson accepts and holds
 * no key named in shun (NULL-terminated, or NULL), and reads other lines
 * as before.  The names (at most JSCAN_MAXKEYS in all) must outlive j.
 * keys NULL, or too many names, turns the fast path off.
 */
void		 jsonl_keep(struct jsonl *, const char *const *keys,
		    const char *const *shun);
/*
 * The whole object of raw, a line jsonl_next() returned JSONL_PART for:
 * a new reference.  Exits 2, naming the line, if Jansson refuses it (the
 * scanner was wrong: that is a bug).
 */
json_t		*jsonl_whole(const struct jsonl *, const struct line *raw);
/* "<stdin>" or the path, as messages name the input. */
const char	*jsonl_name(const struct jsonl *);
/* Lines reported bad so far. */
unsigned long	 jsonl_bad(const struct jsonl *);
void		 jsonl_close(struct jsonl *);

/* Write o and a newline; returns 0, or -1 when o cannot be encoded. */
int		 jsonl_write(FILE *, const json_t *o);

/*
 * A JSON number for a canonical decimal string: an integer when it has no
 * fraction and fits, a real when 15 significant digits hold it exactly,
 * else null.  NULL gives null.
 */
json_t		*jsonl_number(const char *dec);

/*
 * The exact decimal text of a JSON number into out (at least 32 bytes):
 * the digits jsonl_write() prints, without the ".0" Jansson adds to a
 * whole real.  Returns 0, or -1 when v is not a number.
 */
int		 jsonl_numtext(const json_t *v, char *out, size_t size);

#endif
