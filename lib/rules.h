/*
 * rules: the extraction rule table (data/rules.txt and -r files).
 *
 * A ruleset is loaded from one or more texts (later ones override earlier
 * ones by name), then compiled once: macros expanded, every pattern
 * compiled in UTF mode and JIT-compiled when the platform allows.  The
 * ruleset owns all its rules, words and compiled code; ruleset_free()
 * releases them.  Lookups return pointers into the ruleset, valid until it
 * is freed.
 */
#ifndef RULES_H
#define RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>

enum cmp { CMP_NONE, CMP_EQ, CMP_GE, CMP_GT, CMP_LE, CMP_LT, CMP_APPROX,
    CMP_HEDGE };
enum dir { DIR_NONE, DIR_INCREASE, DIR_DECREASE };

struct rule {
	char		*name;
	char		*kind;
	char		*source;	/* pattern as written */
	char		*origin;	/* "FILE:LINE" */
	pcre2_code	*code;
	int		 jit;		/* JIT-compiled: match with it directly */
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
	struct rule	*defs;		/* kind unused */
	size_t		 ndefs;
	struct word	*words;
	size_t		 nwords;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
};

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
 * Match rule r against subj[0..len) from start.  Returns 1 on a match
 * (groups available through rule_group), 0 for none, -1 when a match or
 * depth limit stopped it (reported once per rule).
 */
int	rule_match(struct ruleset *, struct rule *, const char *subj,
	    size_t len, size_t start);
/* Span of the first set group called name in the last match, or 0. */
int	rule_group(struct ruleset *, struct rule *, const char *name,
	    size_t *s, size_t *e);
/* Overall span of the last match. */
void	rule_span(struct ruleset *, size_t *s, size_t *e);

/* Longest word of the word table at s[0..n), or NULL. */
const struct word *ruleset_word(const struct ruleset *, const char *s,
	    size_t n);

#endif
