/*
 * rules: the extraction rule table (data/rules.txt and -r files).
 *
 * A ruleset is loaded from one or more texts (later ones override earlier
 * ones by name), then compiled once: macros expanded, every pattern
 * compiled with pat.  A rule's kind is one of the table in rules.c; an
 * unknown kind, or a named group the engine does not read for that kind,
 * is an error naming the rule's FILE:LINE.  The ruleset owns all its
 * rules, words and compiled code; ruleset_free() releases them.  Lookups
 * return pointers into the ruleset, valid until it is freed.
 */
#ifndef RULES_H
#define RULES_H

#include <stddef.h>

#include "pat.h"

enum cmp { CMP_NONE, CMP_EQ, CMP_GE, CMP_GT, CMP_LE, CMP_LT, CMP_APPROX,
    CMP_HEDGE };
enum dir { DIR_NONE, DIR_INCREASE, DIR_DECREASE };

/* What a rule does; the names and groups are in rules.c's kind table. */
enum kind {
	K_DEFINE,			/* a macro, not a rule */
	K_TARGET, K_THRESHOLD, K_FACT,	/* records */
	K_YEAR, K_PASTCUE,		/* markers in a paragraph */
	K_STRIP, K_MEASURE,		/* indicator shaping */
	K_HEADING1, K_HEADING2, K_HEADING3, K_HEADING4, K_MDHEADING,
	K_LISTHEAD,			/* 附件：1.…: numbered titles follow */
	K_OWNERS, K_OWNERTAIL,
	K_NOISE, K_PREFILTER, K_VALUE,
	K_NKINDS
};

/* Groups a record rule may set; a match's spans are indexed by these. */
enum group { G_IND, G_BASE, G_VERB, G_VAL, G_MAX, G_UNIT, G_UNIT1, G_POST,
    G_LIST, G_OBJ, G_OF, G_NGROUPS };

struct rule {
	char		*name;
	enum kind	 kind;
	char		*source;	/* pattern as written */
	char		*origin;	/* "FILE:LINE" */
	struct pat	 pat;
};

struct word {
	char		*text;
	size_t		 len;
	enum cmp	 cmp;
	enum dir	 dir;
};

struct ruleset {
	struct rule	*rules;
	size_t		 nrules;
	struct rule	*defs;		/* kind K_DEFINE */
	size_t		 ndefs;
	struct word	*words;
	size_t		 nwords;
};

/* The name of kind k ("target"), as rules files write it. */
const char *rule_kindname(enum kind k);
/* The name of group g ("ind"). */
const char *rule_groupname(enum group g);
/* Heading level of a heading kind (1..4), 0 for mdheading and others. */
int	rule_heading_level(enum kind k);

/*
 * Parse rules text s[0..n) whose lines are named "name:LINE" in messages.
 * Returns the number of errors reported (bad lines are skipped).
 */
int	ruleset_load(struct ruleset *, const char *s, size_t n,
	    const char *name);
/* Compile every rule; returns the number of errors reported. */
int	ruleset_compile(struct ruleset *);
void	ruleset_free(struct ruleset *);

/*
 * Match rule r into m (the caller's) from start; pat_match()'s results.
 * A limit hit is reported by the caller, who knows the document.
 */
int	rule_match(const struct rule *, struct pmatch *, const char *subj,
	    size_t len, size_t start);

/* Longest word of the word table at s[0..n), or NULL. */
const struct word *ruleset_word(const struct ruleset *, const char *s,
	    size_t n);

#endif
