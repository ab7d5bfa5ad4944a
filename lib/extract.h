/*
 * extract: turn the lines of one document into target records.
 *
 * The caller feeds a document's lines in order between extract_begin() and
 * extract_end(); records are written to the output stream as JSON lines
 * once the paragraph that states them is complete.  The extractor keeps
 * only the current paragraph and table, so memory does not grow with the
 * document.  It borrows the ruleset and gazetteer (they must outlive it)
 * and owns everything else; extract_free() releases it.
 */
#ifndef EXTRACT_H
#define EXTRACT_H

#include <stdio.h>

#include "gazetteer.h"
#include "rules.h"

struct extractor;

/* What is known about a document before its text is read. */
struct docinfo {
	const char	*source;	/* path or URL, as given */
	const char	*name;		/* how messages call it */
	const char	*sha256;	/* hex digest of the text */
	const char	*region;	/* region hint, or NULL */
	const char	*title;		/* title, or NULL */
	const char	*issued;	/* issue date YYYY-MM-DD, or NULL */
};

struct extractor *extract_new(struct ruleset *, const struct gazetteer *,
	    FILE *out);
void	extract_free(struct extractor *);

/* The kinds of record written (extract_kinds()); the default is all but facts. */
#define XK_TARGET	1u
#define XK_THRESHOLD	2u
#define XK_FACT		4u
#define XK_TABLE	8u
#define XK_DEFAULT	(XK_TARGET | XK_THRESHOLD | XK_TABLE)
#define XK_ALL		(XK_DEFAULT | XK_FACT)

/* Write only records of the kinds in mask (XK_*). */
void	extract_kinds(struct extractor *, unsigned mask);
/*
 * Parse a kind list ("target,fact", "all") into *mask; -1 when a word is
 * not a kind.
 */
int	extract_kinds_parse(const char *list, unsigned *mask);

/*
 * Write to f, for every quantity of the paragraphs read from now on, the
 * rule that made it a record or why none did (zb-extract -e); NULL stops.
 */
void	extract_explain(struct extractor *, FILE *f);

void	extract_begin(struct extractor *, const struct docinfo *);
/*
 * One input line (without its newline) at byte offset off; partial means
 * the reader cut an over-long line and the rest follows.
 */
void	extract_line(struct extractor *, const char *s, size_t n, size_t off,
	    unsigned long lineno, int partial);
/* Flush the document; returns the number of records written. */
unsigned long extract_end(struct extractor *);

#endif
