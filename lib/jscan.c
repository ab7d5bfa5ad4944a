/* jscan: a strict scanner for one JSON Lines record, jsonl's fast path. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jscan.h"
#include "utf8.h"
#include "util.h"

/*
 * Keys are found by a hash of their length and end bytes into NBUCKET
 * chains of indexes (+1; 0 ends a chain): the keys of the set, and the
 * keys of the object being scanned, to see a duplicate.
 */
#define NBUCKET	64

struct jscan_keys {
	const char	*name[JSCAN_MAXKEYS];
	size_t		 len[JSCAN_MAXKEYS], n;
	unsigned char	 shun[JSCAN_MAXKEYS];
	unsigned char	 head[NBUCKET], next[JSCAN_MAXKEYS];
};

/*
 * Every scanning function below returns 0 when the bytes it scanned are
 * what Jansson reads the same way, or -1 for "not sure".
 */
struct scan {
	const unsigned char	*p, *end;
	const struct jscan_keys	*keep;
	const unsigned char	*key[JSCAN_MAXKEYS];
	size_t			 len[JSCAN_MAXKEYS], nkeys;
	unsigned char		 head[NBUCKET], next[JSCAN_MAXKEYS];
};

static unsigned
hash(const unsigned char *k, size_t len)
{
	if (len == 0)
		return 0;
	return (unsigned)(len * 5 + k[0] * 3 + k[len - 1]) % NBUCKET;
}

/* Add names to ks, flagged shun; -1 when there are too many. */
static int
addkeys(struct jscan_keys *ks, const char *const *names, int shun)
{
	unsigned h;
	size_t i;

	for (; names != NULL && *names != NULL; names++) {
		if (ks->n == JSCAN_MAXKEYS)
			return -1;
		i = ks->n++;
		ks->name[i] = *names;
		ks->len[i] = strlen(*names);
		ks->shun[i] = (unsigned char)shun;
		h = hash((const unsigned char *)*names, ks->len[i]);
		ks->next[i] = ks->head[h];
		ks->head[h] = (unsigned char)(i + 1);
	}
	return 0;
}

struct jscan_keys *
jscan_keys_new(const char *const *keep, const char *const *shun)
{
	struct jscan_keys *ks;

	ks = xcalloc(1, sizeof(*ks));
	if (addkeys(ks, keep, 0) < 0 || addkeys(ks, shun, 1) < 0) {
		free(ks);
		return NULL;
	}
	return ks;
}

void
jscan_keys_free(struct jscan_keys *ks)
{
	free(ks);
}

/* JSON's whitespace, all Jansson skips between tokens. */
static inline void
ws(struct scan *s)
{
	if (s->p < s->end && *s->p > ' ')
		return;		/* the usual case: none */
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' ||
	    *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

/* Can c follow a number or a literal, so Jansson's token ends there? */
static int
delim(const struct scan *s)
{
	if (s->p == s->end)
		return 1;
	switch (*s->p) {
	case ' ': case '\t': case '\n': case '\r': case ',': case '}':
	case ']':
		return 1;
	}
	return 0;
}

/*
 * Bytes by what a string scan does with them: PLAIN ones (printable
 * ASCII but " and \) stand for themselves, LEAD3 ones lead three-byte
 * characters with no overlong form or surrogate to fear (E1..EC, EE, EF);
 * OTHER ones need a closer look.  The table is filled on first use; all
 * OTHER before, it would only be slow.
 */
enum { OTHER, PLAIN, LEAD3 };

static unsigned char	cls[256];

static void
classes(void)
{
	int c;

	for (c = 0; c < 256; c++)
		cls[c] = c >= 0x20 && c < 0x80 && c != '"' && c != '\\' ?
		    PLAIN : c >= 0xe1 && c <= 0xef && c != 0xed ? LEAD3 : OTHER;
}

/*
 * The string at s->p (its opening quote): escapes but \u, no control
 * character, valid UTF-8 (what Jansson's utf8_check_full takes: no
 * overlong form, surrogate or code point past U+10FFFF).  Its bytes
 * between the quotes go to *start and *len; *esc says it holds escapes.
 */
static int
string(struct scan *s, const unsigned char **start, size_t *len, int *esc)
{
	const unsigned char *p = s->p + 1, *end = s->end;
	uint32_t cp;
	size_t n;

	*start = p;
	*esc = 0;
	for (;;) {
		while (end - p >= 4 && cls[p[0]] == PLAIN &&
		    cls[p[1]] == PLAIN && cls[p[2]] == PLAIN &&
		    cls[p[3]] == PLAIN)
			p += 4;
		while (p < end && cls[*p] == PLAIN)
			p++;
		if (p == end)
			return -1;
		if (cls[*p] == LEAD3) {
			while (end - p >= 3 && cls[*p] == LEAD3 &&
			    (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80)
				p += 3;
			if (p == end || cls[*p] != LEAD3)
				continue;
		}
		if (*p == '"')
			break;
		if (*p == '\\' && end - p >= 2 && p[1] != '\0' &&
		    strchr("\"\\/bfnrt", p[1]) != NULL) {
			*esc = 1;
			p += 2;
			continue;
		}
		if (*p < 0x80 || (n = utf8_decode(p, (size_t)(end - p),
		    &cp)) == 0)
			return -1;	/* control, \u, bad escape, bad UTF-8 */
		p += n;
	}
	*len = (size_t)(p - *start);
	s->p = p + 1;
	return 0;
}

/* The string s[0..len), escapes decoded, as Jansson makes it. */
static json_t *
decode(const unsigned char *s, size_t len, int esc)
{
	json_t *v;
	char *d, c;
	size_t i, n = 0;

	if (!esc)
		return json_stringn_nocheck((const char *)s, len);
	d = xmalloc(len);
	for (i = 0; i < len; i++) {
		c = (char)s[i];
		if (c == '\\') {
			switch (s[++i]) {
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			default: c = (char)s[i]; break;	/* " \ / */
			}
		}
		d[n++] = c;
	}
	v = json_stringn_nocheck(d, n);
	free(d);
	return v;
}

/* Skip the digits at s->p; returns how many. */
static size_t
digits(struct scan *s)
{
	const unsigned char *b = s->p;

	while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
		s->p++;
	return (size_t)(s->p - b);
}

/*
 * The number at s->p, by JSON's grammar (as Jansson's lexer reads it:
 * no leading zero, digits after the point and in the exponent), ending
 * at a delimiter.  An integer of up to 18 digits is Jansson's strtoll's;
 * a real is strtod's when strtod reads all of it without ERANGE (Jansson
 * refuses an overflow and takes an underflow: both are left to it).
 */
static int
number(struct scan *s, json_t **v)
{
	const unsigned char *b = s->p;
	char text[JSCAN_NUMLEN + 1], *end;
	int real = 0;
	size_t n;
	double d;

	if (s->p < s->end && *s->p == '-')
		s->p++;
	if (s->p < s->end && *s->p == '0')
		s->p++;
	else if ((n = digits(s)) == 0)
		return -1;
	if (s->p < s->end && *s->p == '.') {
		s->p++;
		if (digits(s) == 0)
			return -1;
		real = 1;
	}
	if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
		s->p++;
		if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
			s->p++;
		if (digits(s) == 0)
			return -1;
		real = 1;
	}
	n = (size_t)(s->p - b);
	if (!delim(s) || n > JSCAN_NUMLEN || (!real && n - (*b == '-') > 18))
		return -1;
	memcpy(text, b, n);
	text[n] = '\0';
	if (!real) {
		if (v != NULL)
			*v = json_integer(strtoll(text, NULL, 10));
		return 0;
	}
	errno = 0;
	d = strtod(text, &end);
	if (errno != 0 || end != text + n)
		return -1;	/* ERANGE, or a locale's other decimal point */
	if (v != NULL)
		*v = json_real(d);
	return 0;
}

/* true, false or null at s->p, as a whole token. */
static int
literal(struct scan *s, json_t **v)
{
	static const char *const lit[] = { "true", "false", "null" };
	size_t i, n;

	for (i = 0; i < 3; i++) {
		n = strlen(lit[i]);
		if ((size_t)(s->end - s->p) < n || memcmp(s->p, lit[i], n) != 0)
			continue;
		s->p += n;
		if (!delim(s))
			return -1;
		if (v != NULL)
			*v = i == 0 ? json_true() : i == 1 ? json_false() :
			    json_null();
		return 0;
	}
	return -1;
}

/* A string, number or literal at s->p; its value in *v when v is set. */
static int
scalar(struct scan *s, json_t **v)
{
	const unsigned char *b;
	size_t len;
	int esc;

	if (s->p == s->end)
		return -1;
	if (*s->p == '"') {
		if (string(s, &b, &len, &esc) < 0)
			return -1;
		if (v != NULL && (*v = decode(b, len, esc)) == NULL)
			return -1;
		return 0;
	}
	if (*s->p == '-' || (*s->p >= '0' && *s->p <= '9'))
		return number(s, v);
	return literal(s, v);
}

/* An array of scalars at s->p, skipped. */
static int
array(struct scan *s)
{
	s->p++;
	ws(s);
	if (s->p < s->end && *s->p == ']') {
		s->p++;
		return 0;
	}
	for (;;) {
		if (scalar(s, NULL) < 0)
			return -1;
		ws(s);
		if (s->p == s->end)
			return -1;
		if (*s->p == ']') {
			s->p++;
			return 0;
		}
		if (*s->p++ != ',')
			return -1;
		ws(s);
	}
}

/* Remember key k[0..len); -1 when it came before or there are too many. */
static int
newkey(struct scan *s, const unsigned char *k, size_t len)
{
	unsigned h = hash(k, len);
	size_t i;

	if (s->nkeys == JSCAN_MAXKEYS)
		return -1;
	for (i = s->head[h]; i > 0; i = s->next[i - 1])
		if (s->len[i - 1] == len && memcmp(s->key[i - 1], k, len) == 0)
			return -1;
	s->key[s->nkeys] = k;
	s->len[s->nkeys] = len;
	s->next[s->nkeys] = s->head[h];
	s->head[h] = (unsigned char)++s->nkeys;
	return 0;
}

/* The entry of the set equal to k[0..len), or -1. */
static int
wanted(const struct jscan_keys *ks, const unsigned char *k, size_t len)
{
	size_t i;

	for (i = ks->head[hash(k, len)]; i > 0; i = ks->next[i - 1])
		if (ks->len[i - 1] == len &&
		    memcmp(ks->name[i - 1], k, len) == 0)
			return (int)i - 1;
	return -1;
}

/* A member "key":value at s->p; a kept one is set in o. */
static int
member(struct scan *s, json_t *o)
{
	const unsigned char *k;
	json_t *v = NULL;
	size_t len;
	int esc, w;

	if (s->p == s->end || *s->p != '"' || string(s, &k, &len, &esc) < 0 ||
	    esc || newkey(s, k, len) < 0)
		return -1;
	if ((w = wanted(s->keep, k, len)) >= 0 && s->keep->shun[w])
		return -1;
	ws(s);
	if (s->p == s->end || *s->p != ':')
		return -1;
	s->p++;
	ws(s);
	if (s->p < s->end && *s->p == '[')
		return w >= 0 ? -1 : array(s);
	if (scalar(s, w >= 0 ? &v : NULL) < 0) {
		json_decref(v);
		return -1;
	}
	if (w >= 0 && json_object_set_new_nocheck(o, s->keep->name[w], v) < 0)
		return -1;
	return 0;
}

json_t *
jscan_object(const char *text, size_t len, const struct jscan_keys *keep)
{
	struct scan s;
	json_t *o;

	s.p = (const unsigned char *)text;
	s.end = s.p + len;
	s.keep = keep;
	s.nkeys = 0;
	memset(s.head, 0, sizeof(s.head));
	if (cls['a'] != PLAIN)
		classes();
	ws(&s);
	if (s.p == s.end || *s.p++ != '{')
		return NULL;
	o = json_object();
	ws(&s);
	if (s.p < s.end && *s.p == '}')
		s.p++;
	else
		for (;;) {
			if (member(&s, o) < 0)
				goto fail;
			ws(&s);
			if (s.p == s.end)
				goto fail;
			if (*s.p == '}') {
				s.p++;
				break;
			}
			if (*s.p++ != ',')
				goto fail;
			ws(&s);
		}
	ws(&s);
	if (s.p == s.end)
		return o;
fail:
	json_decref(o);
	return NULL;
}
