/*
 * dline: the short lines zb-diff sorts (dmatch.h): tab-separated fields,
 * those that may hold any byte escaped (control bytes and % as %XX) so
 * that byte order is the order wanted.
 *
 * A struct dfields points into the line it was split from and lives as
 * long as that line does; text appended goes to the caller's struct buf.
 */
#ifndef DLINE_H
#define DLINE_H

#include <stddef.h>

#include "util.h"

#define DLINE_MAXF	10

/* A line split at its tabs. */
struct dfields {
	const char	*p[DLINE_MAXF];
	size_t		 n[DLINE_MAXF];
	int		 nf;
};

/* Append s[0..n) with control bytes and % as %XX. */
void	dline_esc(struct buf *, const char *s, size_t n);
/* Append a tab, then s[0..n) as is. */
void	dline_add(struct buf *, const char *s, size_t n);
/* Append a tab, then field i of f. */
void	dline_addf(struct buf *, const struct dfields *f, int i);
/*
 * Split line[0..len) at its tabs into f (its first DLINE_MAXF fields;
 * the rest is not read); fewer than want fields is an internal error
 * (exit 2).
 */
void	dline_split(struct dfields *f, const char *line, size_t len,
	    int want);
/* Whether field i of f is s. */
int	dline_eq(const struct dfields *f, int i, const char *s);

#endif
