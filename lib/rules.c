/* rules: load, compile and match the extraction rule table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "util.h"

#define MAXDEPTH	16

static const char *cmpnames[] = { "-", "eq", "ge", "gt", "le", "lt",
    "approx", "hedge" };

static const char *groupnames[G_NGROUPS] = { "ind", "base", "verb", "val",
    "max", "unit", "unit1", "post", "list", "obj", "of" };

/*
 * Every kind a rule may have, and the named groups the engine reads from
 * its matches (space-separated; a record rule's are enum group's).
 */
static const struct {
	const char	*name;
	const char	*groups;
} kinds[K_NKINDS] = {
	[K_DEFINE] = { "define", "" },
	[K_TARGET] = { "target", "ind base verb val max unit unit1 post list obj of" },
	[K_THRESHOLD] = { "threshold", "ind base verb val max unit unit1 post list obj of" },
	[K_FACT] = { "fact", "ind base verb val max unit unit1 post list obj of" },
	[K_YEAR] = { "year", "year plan rel to" },
	[K_PASTCUE] = { "pastcue", "to" },
	[K_STRIP] = { "strip", "" },
	[K_MEASURE] = { "measure", "" },
	[K_HEADING1] = { "heading1", "h" },
	[K_HEADING2] = { "heading2", "h" },
	[K_HEADING3] = { "heading3", "h" },
	[K_HEADING4] = { "heading4", "h" },
	[K_MDHEADING] = { "mdheading", "h hashes" },
	[K_LISTHEAD] = { "listhead", "" },
	[K_OWNERS] = { "owners", "owners" },
	[K_OWNERTAIL] = { "ownertail", "" },
	[K_NOISE] = { "noise", "" },
	[K_PREFILTER] = { "prefilter", "" },
	[K_VALUE] = { "value", "val unit" },
};

const char *
rule_kindname(enum kind k)
{
	return k < K_NKINDS ? kinds[k].name : "?";
}

const char *
rule_groupname(enum group g)
{
	return g < G_NGROUPS ? groupnames[g] : "?";
}

int
rule_heading_level(enum kind k)
{
	return k >= K_HEADING1 && k <= K_HEADING4 ? (int)(k - K_HEADING1) + 1 :
	    0;
}

/* The kind called name; -1 if there is none. */
static int
kind_of(const char *name)
{
	int k;

	for (k = 0; k < K_NKINDS; k++)
		if (strcmp(kinds[k].name, name) == 0)
			return k;
	return -1;
}

static void
rule_clear(struct rule *r)
{
	free(r->name);
	free(r->source);
	free(r->origin);
	pat_free(&r->pat);
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
put(struct rule **v, size_t *n, const char *name, enum kind kind,
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
	r->kind = kind;
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
	int k;

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
		if ((k = kind_of(kind)) < 0 || (k == K_DEFINE &&
		    strcmp(verb, "rule") == 0)) {
			zb_warnx("%s: rule %s: unknown kind \"%s\"", origin, name,
			    kind);
			return -1;
		}
		if (k == K_DEFINE)
			put(&rs->defs, &rs->ndefs, name, K_DEFINE, p, origin);
		else
			put(&rs->rules, &rs->nrules, name, (enum kind)k, p,
			    origin);
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

/* A group name the rule's kind does not read: an error, not a no-op. */
struct groupcheck {
	const struct rule	*r;
	const char		*allowed;
};

static int
check_group(const char *name, void *arg)
{
	const struct groupcheck *c = arg;
	const char *p = c->allowed;
	size_t n = strlen(name);

	while ((p = strstr(p, name)) != NULL) {
		if ((p == c->allowed || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return 0;
		p += n;
	}
	zb_warnx("%s: rule %s: group \"%s\" is not read for kind %s "
	    "(it reads: %s)", c->r->origin, c->r->name, name,
	    kinds[c->r->kind].name, *c->allowed ? c->allowed : "none");
	return 1;
}

int
ruleset_compile(struct ruleset *rs)
{
	struct buf pat = {0};
	struct groupcheck gc;
	struct rule *r;
	char msg[300];
	size_t i;
	int errors = 0;

	for (i = 0; i < rs->nrules; i++) {
		r = &rs->rules[i];
		buf_clear(&pat);
		if (expand(rs, r->source, &pat, 0, r->origin) < 0) {
			errors++;
			continue;
		}
		if (pat_compile(&r->pat, pat.data, pat.len, PCRE2_DUPNAMES |
		    PCRE2_NO_UTF_CHECK, msg, sizeof(msg)) < 0) {
			zb_warnx("%s: rule %s: %s of the expanded pattern",
			    r->origin, r->name, msg);
			errors++;
			continue;
		}
		gc.r = r;
		gc.allowed = kinds[r->kind].groups;
		if (pat_names(&r->pat, check_group, &gc) != 0) {
			pat_free(&r->pat);
			errors++;
		}
	}
	buf_free(&pat);
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
	memset(rs, 0, sizeof(*rs));
}

int
rule_match(const struct rule *r, struct pmatch *m, const char *subj,
    size_t len, size_t start)
{
	return pat_match(&r->pat, m, subj, len, start);
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
