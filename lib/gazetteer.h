/*
 * gazetteer: the administrative divisions (data/regions.tsv),
 * used to recognise region names written in a sentence.
 *
 * A gazetteer owns its entries; gazetteer_free() releases them.  Lookups
 * return pointers into it.
 */
#ifndef GAZETTEER_H
#define GAZETTEER_H

#include <stddef.h>

struct region {
	char	*name;		/* full name: 吉林市 */
	char	*code;		/* GB/T 2260: 220200 */
	char	*level;		/* province, prefecture, county */
	char	*shortname;	/* 吉林 for 吉林省; "" when none */
	char	*parent;	/* code of the parent; "" for provinces */
	size_t	 len;
};

struct gazetteer {
	struct region	*v;	/* sorted by name */
	size_t		 n;
	struct region	**bycode;	/* the same, sorted by code */
};

/* Load TSV text; returns the number of malformed lines skipped. */
int	gazetteer_load(struct gazetteer *, const char *s, size_t n);
void	gazetteer_free(struct gazetteer *);
/* The region with this code, or NULL. */
const struct region *gazetteer_code(const struct gazetteer *,
	    const char *code);
/* The parent of r, or NULL for a province. */
const struct region *gazetteer_parent(const struct gazetteer *,
	    const struct region *r);
/*
 * Regions whose full name or short name is name, by code: up to max of
 * them into out; returns how many there are in all.
 */
size_t	gazetteer_named(const struct gazetteer *, const char *name,
	    const struct region **out, size_t max);

/* Longest full name that s[0..n) starts with, or NULL. */
const struct region *gazetteer_prefix(const struct gazetteer *,
	    const char *s, size_t n);
/* First full name found anywhere in s[0..n), or NULL; *at gets its offset. */
const struct region *gazetteer_find(const struct gazetteer *, const char *s,
	    size_t n, size_t *at);

/*
 * First short name of a region of the given level found in s[0..n), or
 * NULL.  Only short names that no other region of that level shares count.
 */
const struct region *gazetteer_find_short(const struct gazetteer *,
	    const char *s, size_t n, const char *level);

#endif
