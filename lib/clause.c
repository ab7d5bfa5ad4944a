/*
 * clause: byte tests on normalized text, and the bounds of the clause or
 * sentence holding a position.  Pure functions of their arguments.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"
#include "utf8.h"

char *
dupn(const char *s, size_t n)
{
	return xmemdup(s, n);
}

void
set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s != NULL ? xstrdup(s) : NULL;
}

/* Last code point of s[0..n), or 0. */
uint32_t
lastcp(const char *s, size_t n)
{
	size_t i = n;
	uint32_t c;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0 && n == 0)
		return 0;
	if (i > 0)
		i--;
	while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
		i++;
	for (i = n; i > 0; i--)
		if (((unsigned char)s[i - 1] & 0xc0) != 0x80)
			break;
	if (i == 0 || utf8_decode((const unsigned char *)s + i - 1, n - i + 1,
	    &c) == 0)
		return 0;
	return c;
}

/* Ends a sentence or clause, so a line ending in it is complete. */
int
terminal(uint32_t c)
{
	switch (c) {
	case 0x3002: case 0xff01: case 0xff1f: case 0xff1b: case 0xff1a:
	case 0x201d: case 0xff09: case 0x300d: case 0x300f: case 0x3011:
	case 0x2026: case '.': case '!': case '?': case ';': case ':':
	case ')': case '"':
		return 1;
	}
	return 0;
}

int
isdigit_b(int c)
{
	return c >= '0' && c <= '9';
}

/* Parse four ASCII digits at s as a year. */
int
year_at(const char *s, size_t n)
{
	if (n < 4 || !isdigit_b(s[0]) || !isdigit_b(s[1]) ||
	    !isdigit_b(s[2]) || !isdigit_b(s[3]))
		return 0;
	return (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
}

static int
clause_mark(const char *s, size_t n, size_t i)
{
	static const char *marks[] = { "，", "。", "；", "：", "！", "？",
	    "（", "“", "”", "《", "》", "●", "■", "◆", "▲", "★", "•" };
	size_t k;

	if (s[i] == '\t')
		return 1;
	/* every mark is three bytes, E2 or E3 or EF first */
	if (n - i < 3 || ((unsigned char)s[i] != 0xe2 &&
	    (unsigned char)s[i] != 0xe3 && (unsigned char)s[i] != 0xef))
		return 0;
	for (k = 0; k < sizeof(marks) / sizeof(marks[0]); k++)
		if (memcmp(s + i, marks[k], 3) == 0)
			return 1;
	return 0;
}

/*
 * Start of the clause holding pos: just after the previous clause mark,
 * looking through a short parenthesis inside a name (充（换）电站), and
 * at most CLAUSEMAX bytes back.
 */
size_t
clause_start(const char *s, size_t pos)
{
	size_t i = pos, j;

	while (i > 0) {
		/* no clause is longer: a run-on text stays linear */
		if (pos - i >= CLAUSEMAX) {
			while (((unsigned char)s[i] & 0xc0) == 0x80)
				i++;
			return i;
		}
		if (s[i - 1] == '\t')
			return i;
		if (i >= 3 && starts(s + i - 3, 3, "）")) {
			for (j = i - 3; j >= 3 && i - j <= PARENMAX; j--)
				if (starts(s + j - 3, 3, "（"))
					break;
			if (j >= 3 && i - j <= PARENMAX &&
			    starts(s + j - 3, 3, "（")) {
				i = j - 3;
				continue;
			}
			return i;
		}
		if (i >= 3 && clause_mark(s, pos, i - 3))
			return i;
		i--;
	}
	return 0;
}

/*
 * Is s[0..3) a sentence's end (。；！？) or a bullet that starts one
 * (● ■ ◆ ▲ ★: lists of targets in web pages and reports)?
 */
static int
bullet_or_stop(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	/* Byte by byte: every sentence scan calls this per byte. */
	switch (u[0]) {
	case 0xe3:	/* 。 */
		return u[1] == 0x80 && u[2] == 0x82;
	case 0xef:	/* ； ！ ？ */
		return u[1] == 0xbc &&
		    (u[2] == 0x9b || u[2] == 0x81 || u[2] == 0x9f);
	case 0xe2:	/* ● ◆ ■ ▲ ★ */
		return (u[1] == 0x97 && (u[2] == 0x8f || u[2] == 0x86)) ||
		    (u[1] == 0x96 && (u[2] == 0xa0 || u[2] == 0xb2)) ||
		    (u[1] == 0x98 && u[2] == 0x85);
	}
	return 0;
}

/* Does a sentence end just before s[i] (i >= 3)? */
int
ends_sentence(const char *s, size_t i)
{
	return bullet_or_stop(s + i - 3);
}

/* Start of the sentence holding pos. */
size_t
sentence_start(const char *s, size_t pos)
{
	size_t i;

	for (i = pos; i >= 3; i--)
		if (ends_sentence(s, i))
			return i;
	return 0;
}

/*
 * sentence_start() for the records of a paragraph, which come in order of
 * position: the scan back stops at the last position asked, so a long
 * paragraph without a sentence end is not read back once per value
 * (quadratic).  find_records() forgets the last position.
 */
size_t
sentence_end(const char *s, size_t n, size_t pos)
{
	size_t i;

	for (i = pos; i + 3 <= n; i++)
		if (bullet_or_stop(s + i))
			return i + 3;
	return n;
}

/* Append [a, b) to sp. */
void
spans_add(struct spans *sp, size_t a, size_t b)
{
	if (sp->n == sp->cap) {
		sp->cap = sp->cap ? sp->cap * 2 : 16;
		sp->v = xreallocarray(sp->v, sp->cap, sizeof(*sp->v));
	}
	sp->v[sp->n].a = a;
	sp->v[sp->n++].b = b;
}
