/* pat: compile and match PCRE2 patterns with caller-owned match data. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "pat.h"

static pcre2_match_context *mctx;	/* shared limits, set once */

static pcre2_match_context *
limits(void)
{
	if (mctx == NULL) {
		mctx = pcre2_match_context_create(NULL);
		pcre2_set_match_limit(mctx, PAT_MATCHLIMIT);
		pcre2_set_depth_limit(mctx, PAT_DEPTHLIMIT);
	}
	return mctx;
}

int
pat_compile(struct pat *p, const char *src, size_t len, unsigned opts,
    char *err, size_t errlen)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int code;

	memset(p, 0, sizeof(*p));
	p->code = pcre2_compile((PCRE2_SPTR)src, len,
	    PCRE2_UTF | PCRE2_UCP | opts, &code, &off, NULL);
	if (p->code == NULL) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		snprintf(err, errlen, "%s at offset %zu", (char *)msg,
		    (size_t)off);
		return -1;
	}
	/* JIT is an optimisation: fall back silently. */
	p->jit = pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE) == 0;
	(void)limits();
	return 0;
}

void
pat_free(struct pat *p)
{
	if (p == NULL)
		return;
	pcre2_code_free(p->code);
	p->code = NULL;
	p->jit = 0;
}

void
pmatch_init(struct pmatch *m, unsigned ngroups)
{
	m->md = pcre2_match_data_create(ngroups + 1, NULL);
}

void
pmatch_free(struct pmatch *m)
{
	if (m == NULL)
		return;
	pcre2_match_data_free(m->md);
	m->md = NULL;
}

int
pat_match(const struct pat *p, struct pmatch *m, const char *subj,
    size_t len, size_t start)
{
	int rc;

	if (p->code == NULL || start > len)
		return 0;
	/*
	 * pcre2_jit_match skips pcre2_match's checks and dispatch; the
	 * subject was validated when it was read.
	 */
	if (p->jit)
		rc = pcre2_jit_match(p->code, (PCRE2_SPTR)subj, len, start, 0,
		    m->md, limits());
	else
		rc = pcre2_match(p->code, (PCRE2_SPTR)subj, len, start,
		    PCRE2_NO_UTF_CHECK, m->md, limits());
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_HEAPLIMIT)
		return -1;
	return 0;
}

int
pat_group(const struct pat *p, const struct pmatch *m, const char *name,
    size_t *s, size_t *e)
{
	PCRE2_SPTR first, last, q;
	PCRE2_SIZE *ov;
	uint32_t n, count;
	int size;

	size = pcre2_substring_nametable_scan(p->code, (PCRE2_SPTR)name,
	    &first, &last);
	if (size < 0)
		return 0;
	ov = pcre2_get_ovector_pointer(m->md);
	count = pcre2_get_ovector_count(m->md);
	for (q = first; q <= last; q += size) {
		n = (uint32_t)((q[0] << 8) | q[1]);
		if (n >= count || ov[2 * n] == PCRE2_UNSET)
			continue;
		*s = ov[2 * n];
		*e = ov[2 * n + 1];
		return 1;
	}
	return 0;
}

void
pat_span(const struct pmatch *m, size_t *s, size_t *e)
{
	PCRE2_SIZE *ov;

	ov = pcre2_get_ovector_pointer(m->md);
	*s = ov[0];
	*e = ov[1];
}

int
pat_names(const struct pat *p, int (*fn)(const char *, void *), void *arg)
{
	PCRE2_SPTR table;
	uint32_t count, size, i;
	int rc;

	if (pcre2_pattern_info(p->code, PCRE2_INFO_NAMECOUNT, &count) != 0 ||
	    pcre2_pattern_info(p->code, PCRE2_INFO_NAMEENTRYSIZE, &size) != 0 ||
	    pcre2_pattern_info(p->code, PCRE2_INFO_NAMETABLE, &table) != 0)
		return 0;
	for (i = 0; i < count; i++)
		if ((rc = fn((const char *)(table + i * size + 2), arg)) != 0)
			return rc;
	return 0;
}
