/*
 * pat: the one PCRE2 wrapper.  Patterns are compiled in UTF mode, JIT-
 * compiled when the platform allows (silently falling back), and matched
 * under match and depth limits, since the text is a stranger's.
 *
 * A struct pat owns its compiled code; pat_free() releases it.  Match data
 * belongs to the caller (struct pmatch), so no match can clobber another
 * that is still being read: every reader of groups holds its own pmatch.
 */
#ifndef PAT_H
#define PAT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>

#define PAT_MATCHLIMIT	1000000
#define PAT_DEPTHLIMIT	10000

struct pat {
	pcre2_code	*code;
	int		 jit;		/* JIT-compiled: match with it directly */
};

/* A caller's match: its own match data, the span of the last match. */
struct pmatch {
	pcre2_match_data *md;
};

/*
 * Compile src[0..len) with PCRE2 options opts (PCRE2_UTF and PCRE2_UCP
 * are always added).  On failure returns -1 and writes "MESSAGE at
 * offset N" into err[0..errlen).  origin is not kept.
 */
int	pat_compile(struct pat *, const char *src, size_t len, unsigned opts,
	    char *err, size_t errlen);
void	pat_free(struct pat *);

/* Match data for up to ngroups groups; pmatch_free() releases it. */
void	pmatch_init(struct pmatch *, unsigned ngroups);
void	pmatch_free(struct pmatch *);

/*
 * Match p against subj[0..len) from start into m.  Returns 1 on a match, 0
 * for none, -1 when the match or depth limit stopped it.  subj must be
 * valid UTF-8 (it is not checked again).
 */
int	pat_match(const struct pat *, struct pmatch *, const char *subj,
	    size_t len, size_t start);
/* Span of the first set group called name in m's last match of p, or 0. */
int	pat_group(const struct pat *, const struct pmatch *, const char *name,
	    size_t *s, size_t *e);
/* Overall span of m's last match. */
void	pat_span(const struct pmatch *, size_t *s, size_t *e);
/*
 * Call fn(name, arg) for every group name of p; returns the first
 * non-zero value fn returns, else 0.
 */
int	pat_names(const struct pat *, int (*fn)(const char *, void *),
	    void *arg);

#endif
