/*
 * mline: the lines zb-merge sorts and keeps on tapes (xsort.h): fields
 * joined by MLINE_SEP, each escaped so that byte order of the whole line
 * is the order of its fields, one by one, as strcmp(3) orders them.
 *
 * A byte under 0x10 (the separator, a newline) is written as 0x02 and
 * the byte plus 0x40; the separator (0x01) is below every byte of an
 * escaped field, so a field sorts before any longer one it begins.
 * Numbers are fixed-width hex, so that they sort as numbers.
 *
 * Text is appended to the caller's struct buf; struct mfields points into
 * the line it was split from and lives as long as that line does;
 * mline_unesc() returns a string the caller frees.
 */
#ifndef MLINE_H
#define MLINE_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define MLINE_SEP	'\x01'
#define MLINE_MAXF	12

/* A line split at its separators. */
struct mfields {
	const char	*p[MLINE_MAXF];
	size_t		 n[MLINE_MAXF];
	int		 nf;
};

/* Append s[0..n), escaped. */
void		 mline_esc(struct buf *, const char *s, size_t n);
/* Append a separator, then s (NUL-ended), escaped. */
void		 mline_adds(struct buf *, const char *s);
/* Append a separator, then s[0..n) as is (already escaped). */
void		 mline_add(struct buf *, const char *s, size_t n);
/* Append a separator, then v as 16 hex digits. */
void		 mline_hex(struct buf *, uint64_t v);
/*
 * Split line[0..len) into f: at most max fields (up to MLINE_MAXF), the
 * last one holding the rest of the line; fewer than want fields is an
 * internal error (exit 2).
 */
void		 mline_split(struct mfields *f, const char *line, size_t len,
		    int max, int want);
/*
 * The next field of a line of any number of fields: *p (NULL after the
 * last field) to e, into field 0 of f; *p moves past it.  Returns 1, or 0
 * when there is no more.
 */
int		 mline_next(struct mfields *f, const char **p, const char *e);
/* Field i of f unescaped: a new string. */
char		*mline_unesc(const struct mfields *f, int i);
/* Field i of f unescaped, replacing the contents of b. */
void		 mline_get(struct buf *b, const struct mfields *f, int i);
/* Field i of f read as hex. */
uint64_t	 mline_num(const struct mfields *f, int i);

#endif
