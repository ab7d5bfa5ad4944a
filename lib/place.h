/*
 * place: resolve a region name as a record writes it (吉林省, 白城,
 * 高新区, 市本级, 220800) to the gazetteer, using the document's own
 * region as context, and never guessing between equal candidates.
 *
 * Results point into the gazetteer, which the caller keeps alive.
 */
#ifndef PLACE_H
#define PLACE_H

#include "gazetteer.h"

enum place_how {
	PLACE_NONE,		/* not found */
	PLACE_NAME,		/* a full or short name, or a code */
	PLACE_CONTEXT,		/* one of several, chosen by the context */
	PLACE_ABBREV,		/* an abbreviation of a region in context */
	PLACE_OWN,		/* 市本级: the context's own level, no code */
	PLACE_ZONE,		/* 冰雪试验区: a zone in the context, no code */
	PLACE_AMBIGUOUS		/* several candidates, context no help */
};

#define PLACE_MAXCAND	8

struct place {
	enum place_how		 how;
	const struct region	*r;		/* NAME, CONTEXT, ABBREV */
	const struct region	*parent;	/* r's parent, or OWN's */
	const struct region	*cand[PLACE_MAXCAND];	/* AMBIGUOUS */
	size_t			 ncand;
};

/*
 * Resolve name (UTF-8, any width, traditional or simplified) with ctx,
 * the document's region (NULL when unknown), into *p.  Returns p->how.
 */
enum place_how place_resolve(const struct gazetteer *, const char *name,
	    const struct region *ctx, struct place *p);

/* Is r anc itself or inside it? */
int	place_within(const struct gazetteer *, const struct region *r,
	    const struct region *anc);

#endif
