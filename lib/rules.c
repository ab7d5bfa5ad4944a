/* rules: load, compile and match the extraction rule table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "util.h"

#define MAXDEPTH	16

static const char *cmpnames[] = { "-", "eq", "ge", "gt", "le", "lt",
    "approx", "hedge" };

static void
rule_clear(struct rule *r)
{
	free(r->name);
	free(r->kind);
	free(r->source);
	free(r->origin);
	pcre2_code_free(r->code);
	memset(r, 0, sizeof(*r));
}

/* Find name in a rule array; returns its index or -1. */
static long
find(struct rule *v, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* Insert or replace a rule/define by name. */
static void
put(struct rule **v, size_t *n, const char *name, const char *kind,
    const char *src, const char *origin)
{
	long i;
	struct rule *r;

	i = find(*v, *n, name);
	if (i < 0) {
		*v = xreallocarray(*v, *n + 1, sizeof(**v));
		i = (long)(*n)++;
	} else
		rule_clear(&(*v)[i]);
	r = &(*v)[i];
	memset(r, 0, sizeof(*r));
	r->name = xstrdup(name);
	r->kind = xstrdup(kind);
	r->source = xstrdup(src);
	r->origin = xstrdup(origin);
}

static void
drop(struct rule *v, size_t *n, long i)
{
	rule_clear(&v[i]);
	memmove(v + i, v + i + 1, (*n - (size_t)i - 1) * sizeof(*v));
	(*n)--;
}

static int
parse_cmp(const char *s, enum cmp *c)
{
	size_t i;

	for (i = 1; i < sizeof(cmpnames) / sizeof(cmpnames[0]); i++)
		if (strcmp(s, cmpnames[i]) == 0) {
			*c = (enum cmp)i;
			return 0;
		}
	if (strcmp(s, "-") == 0) {
		*c = CMP_NONE;
		return 0;
	}
	return -1;
}

static int
add_word(struct ruleset *rs, const char *w, const char *c, const char *d)
{
	struct word *x;
	enum cmp cmp;
	enum dir dir;
	size_t i;

	if (parse_cmp(c, &cmp) < 0)
		return -1;
	if (strcmp(d, "increase") == 0)
		dir = DIR_INCREASE;
	else if (strcmp(d, "decrease") == 0)
		dir = DIR_DECREASE;
	else if (strcmp(d, "-") == 0)
		dir = DIR_NONE;
	else
		return -1;
	for (i = 0; i < rs->nwords; i++)
		if (strcmp(rs->words[i].text, w) == 0)
			break;
	if (i == rs->nwords) {
		rs->words = xreallocarray(rs->words, rs->nwords + 1,
		    sizeof(*rs->words));
		x = &rs->words[rs->nwords++];
		x->text = xstrdup(w);
		x->len = strlen(w);
	} else
		x = &rs->words[i];
	x->cmp = cmp;
	x->dir = dir;
	return 0;
}

/* Split off the next whitespace-delimited field of *p. */
static char *
field(char **p)
{
	char *s = *p, *e;

	s += strspn(s, " \t");
	if (*s == '\0')
		return NULL;
	e = s + strcspn(s, " \t");
	if (*e != '\0')
		*e++ = '\0';
	*p = e;
	return s;
}

static int
load_line(struct ruleset *rs, char *line, const char *origin)
{
	char *p = line, *verb, *name, *kind, *a, *b;
	long i;

	verb = field(&p);
	if (verb == NULL || verb[0] == '#')
		return 0;
	name = field(&p);
	if (name == NULL)
		goto bad;
	if (strcmp(verb, "define") == 0 || strcmp(verb, "rule") == 0) {
		kind = strcmp(verb, "rule") == 0 ? field(&p) : "define";
		if (kind == NULL)
			goto bad;
		p += strspn(p, " \t");
		if (*p == '\0')
			goto bad;
		if (kind[0] == 'd')
			put(&rs->defs, &rs->ndefs, name, kind, p, origin);
		else
			put(&rs->rules, &rs->nrules, name, kind, p, origin);
		return 0;
	}
	if (strcmp(verb, "word") == 0) {
		a = field(&p);
		b = field(&p);
		if (a == NULL || b == NULL || add_word(rs, name, a, b) < 0)
			goto bad;
		return 0;
	}
	if (strcmp(verb, "drop") == 0) {
		if ((i = find(rs->rules, rs->nrules, name)) >= 0)
			drop(rs->rules, &rs->nrules, i);
		else if ((i = find(rs->defs, rs->ndefs, name)) >= 0)
			drop(rs->defs, &rs->ndefs, i);
		else {
			zb_warnx("%s: drop: no rule or define named \"%s\"",
			    origin, name);
			return -1;
		}
		return 0;
	}
bad:
	zb_warnx("%s: malformed line (expected define, rule, word or drop)",
	    origin);
	return -1;
}

int
ruleset_load(struct ruleset *rs, const char *s, size_t n, const char *name)
{
	const char *end = s + n, *eol;
	char origin[512], *line;
	unsigned long lineno = 0;
	int errors = 0;

	while (s < end) {
		eol = memchr(s, '\n', (size_t)(end - s));
		if (eol == NULL)
			eol = end;
		lineno++;
		line = xmemdup(s, (size_t)(eol - s));
		if (strlen(line) != (size_t)(eol - s)) {
			zb_warnx("%s:%lu: NUL byte in rules", name, lineno);
			errors++;
		} else {
			line[strcspn(line, "\r")] = '\0';
			snprintf(origin, sizeof(origin), "%s:%lu", name,
			    lineno);
			if (load_line(rs, line, origin) < 0)
				errors++;
		}
		free(line);
		s = eol + 1;
	}
	return errors;
}

/* Append src to out with {NAME} macros expanded. */
static int
expand(struct ruleset *rs, const char *src, struct buf *out, int depth,
    const char *origin)
{
	const char *p, *e;
	char name[64];
	long i;
	size_t len;

	if (depth > MAXDEPTH) {
		zb_warnx("%s: macros nested too deeply (a cycle?)", origin);
		return -1;
	}
	for (p = src; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0') {
			buf_add(out, p, 2);
			p++;
			continue;
		}
		if (*p == '{' && p[1] >= 'A' && p[1] <= 'Z') {
			e = p + 1;
			while ((*e >= 'A' && *e <= 'Z') ||
			    (*e >= '0' && *e <= '9') || *e == '_')
				e++;
			len = (size_t)(e - p - 1);
			if (*e == '}' && len < sizeof(name)) {
				memcpy(name, p + 1, len);
				name[len] = '\0';
				i = find(rs->defs, rs->ndefs, name);
				if (i < 0) {
					zb_warnx("%s: undefined macro {%s}",
					    origin, name);
					return -1;
				}
				buf_adds(out, "(?:");
				if (expand(rs, rs->defs[i].source, out,
				    depth + 1, origin) < 0)
					return -1;
				buf_addc(out, ')');
				p = e;
				continue;
			}
		}
		buf_addc(out, *p);
	}
	return 0;
}

int
ruleset_compile(struct ruleset *rs)
{
	struct buf pat = {0};
	struct rule *r;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	size_t i;
	int errors = 0, code;

	for (i = 0; i < rs->nrules; i++) {
		r = &rs->rules[i];
		buf_clear(&pat);
		if (expand(rs, r->source, &pat, 0, r->origin) < 0) {
			errors++;
			continue;
		}
		r->code = pcre2_compile((PCRE2_SPTR)pat.data, pat.len,
		    PCRE2_UTF | PCRE2_UCP | PCRE2_DUPNAMES | PCRE2_NO_UTF_CHECK,
		    &code, &off, NULL);
		if (r->code == NULL) {
			pcre2_get_error_message(code, msg, sizeof(msg));
			zb_warnx("%s: rule %s: %s at offset %zu of the "
			    "expanded pattern", r->origin, r->name,
			    (char *)msg, (size_t)off);
			errors++;
			continue;
		}
		/* JIT is an optimisation: fall back silently. */
		r->jit = pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE) == 0;
	}
	buf_free(&pat);
	rs->md = pcre2_match_data_create(64, NULL);
	rs->mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(rs->mctx, 1000000);
	pcre2_set_depth_limit(rs->mctx, 10000);
	return errors;
}

void
ruleset_free(struct ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->nrules; i++)
		rule_clear(&rs->rules[i]);
	for (i = 0; i < rs->ndefs; i++)
		rule_clear(&rs->defs[i]);
	for (i = 0; i < rs->nwords; i++)
		free(rs->words[i].text);
	free(rs->rules);
	free(rs->defs);
	free(rs->words);
	pcre2_match_data_free(rs->md);
	pcre2_match_context_free(rs->mctx);
	memset(rs, 0, sizeof(*rs));
}

int
rule_match(struct ruleset *rs, struct rule *r, const char *subj, size_t len,
    size_t start)
{
	int rc;

	if (r->code == NULL || start > len)
		return 0;
	/*
	 * pcre2_jit_match skips pcre2_match's checks and dispatch; the
	 * subject was validated when it was read.
	 */
	if (r->jit)
		rc = pcre2_jit_match(r->code, (PCRE2_SPTR)subj, len, start, 0,
		    rs->md, rs->mctx);
	else
		rc = pcre2_match(r->code, (PCRE2_SPTR)subj, len, start,
		    PCRE2_NO_UTF_CHECK, rs->md, rs->mctx);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_HEAPLIMIT)
		return -1;
	return 0;
}

int
rule_group(struct ruleset *rs, struct rule *r, const char *name, size_t *s,
    size_t *e)
{
	PCRE2_SPTR first, last, p;
	PCRE2_SIZE *ov;
	int size, n;

	size = pcre2_substring_nametable_scan(r->code, (PCRE2_SPTR)name,
	    &first, &last);
	if (size < 0)
		return 0;
	ov = pcre2_get_ovector_pointer(rs->md);
	for (p = first; p <= last; p += size) {
		n = (p[0] << 8) | p[1];
		if ((uint32_t)n >= pcre2_get_ovector_count(rs->md))
			continue;
		if (ov[2 * n] == PCRE2_UNSET)
			continue;
		*s = ov[2 * n];
		*e = ov[2 * n + 1];
		return 1;
	}
	return 0;
}

void
rule_span(struct ruleset *rs, size_t *s, size_t *e)
{
	PCRE2_SIZE *ov;

	ov = pcre2_get_ovector_pointer(rs->md);
	*s = ov[0];
	*e = ov[1];
}

const struct word *
ruleset_word(const struct ruleset *rs, const char *s, size_t n)
{
	const struct word *best = NULL;
	size_t i;

	for (i = 0; i < rs->nwords; i++)
		if (rs->words[i].len <= n &&
		    memcmp(rs->words[i].text, s, rs->words[i].len) == 0 &&
		    (best == NULL || rs->words[i].len > best->len))
			best = &rs->words[i];
	return best;
}
