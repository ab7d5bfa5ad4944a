/* reader: line-at-a-time input from plain or gzip files via zlib. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "reader.h"
#include "util.h"

#define CHUNK	65536

struct reader {
	gzFile		 gz;
	char		*in;		/* raw chunk read from gz */
	size_t		 inpos, inlen;
	struct buf	 line;
	size_t		 cap;
	size_t		 offset;	/* offset of the next unread byte */
	unsigned long	 lineno;
	int		 cont;		/* last line was partial */
	int		 eof;
	int		 pending;	/* an error to report next */
	int		 cut;		/* last piece cut mid-sentence */
	struct buf	 carry;		/* rest of a cut line */
	char		 errbuf[128];
};

struct reader *
reader_open(const char *path, size_t cap)
{
	struct reader *r;
	int fd;

	if (strcmp(path, "-") == 0)
		fd = dup(STDIN_FILENO);
	else
		fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	r = xcalloc(1, sizeof(*r));
	r->gz = gzdopen(fd, "rb");
	if (r->gz == NULL) {
		close(fd);
		free(r);
		errno = ENOMEM;
		return NULL;
	}
	gzbuffer(r->gz, CHUNK);
	r->in = xmalloc(CHUNK);
	r->cap = cap;
	return r;
}

/* Refill the raw chunk; returns 1 when bytes are available, 0, or -1. */
static int
fill(struct reader *r)
{
	int n, zerr;
	const char *msg;

	if (r->inpos < r->inlen)
		return 1;
	if (r->eof)
		return 0;
	n = gzread(r->gz, r->in, CHUNK);
	if (n < 0) {
		msg = gzerror(r->gz, &zerr);
		snprintf(r->errbuf, sizeof(r->errbuf), "%s",
		    zerr == Z_ERRNO ? strerror(errno) : msg);
		r->eof = 1;
		return -1;
	}
	if (n == 0) {
		r->eof = 1;
		/* A gzip stream that ends early reads as EOF plus an error. */
		msg = gzerror(r->gz, &zerr);
		if (zerr != Z_OK && zerr != Z_STREAM_END) {
			snprintf(r->errbuf, sizeof(r->errbuf),
			    "truncated or corrupt gzip data (%s)", msg);
			return -1;
		}
		return 0;
	}
	r->inpos = 0;
	r->inlen = (size_t)n;
	return 1;
}

/*
 * Where to cut a full line buffer: after the last sentence end in its
 * second half, else at the last character boundary (and say so in cut).
 */
static size_t
cut_point(const char *s, size_t n, int *cut)
{
	size_t i;

	*cut = 0;
	for (i = n; i >= 3 && i > n / 2; i--) {
		/* 。 ； ！ ？ */
		if ((unsigned char)s[i - 3] == 0xe3 &&
		    (unsigned char)s[i - 2] == 0x80 &&
		    (unsigned char)s[i - 1] == 0x82)
			return i;
		if ((unsigned char)s[i - 3] == 0xef &&
		    (unsigned char)s[i - 2] == 0xbc &&
		    ((unsigned char)s[i - 1] == 0x9b ||
		    (unsigned char)s[i - 1] == 0x81 ||
		    (unsigned char)s[i - 1] == 0x9f))
			return i;
	}
	*cut = 1;
	for (i = n; i > 0 && i > n - 4; i--)
		if (((unsigned char)s[i - 1] & 0xc0) != 0x80)
			return ((unsigned char)s[i - 1] < 0x80) ? i : i - 1;
	return n;
}

int
reader_next(struct reader *r, struct line *l)
{
	char *p, *nl;
	size_t avail, take, start, k;
	int f, saw_nl = 0;

	if (r->pending && r->carry.len == 0) {
		r->pending = 0;
		return -1;
	}
	buf_clear(&r->line);
	start = r->offset - r->carry.len;
	if (r->carry.len > 0) {
		buf_add(&r->line, r->carry.data, r->carry.len);
		buf_clear(&r->carry);
	}
	while (!saw_nl && r->line.len < r->cap) {
		f = fill(r);
		if (f < 0)
			r->pending = 1;
		if (f <= 0)
			break;
		p = r->in + r->inpos;
		avail = r->inlen - r->inpos;
		nl = memchr(p, '\n', avail);
		take = nl != NULL ? (size_t)(nl - p) : avail;
		if (take > r->cap - r->line.len)
			take = r->cap - r->line.len;
		else if (nl != NULL)
			saw_nl = 1;
		buf_add(&r->line, p, take);
		r->inpos += take + saw_nl;
		r->offset += take + saw_nl;
	}
	if (r->offset == start && r->line.len == 0) {
		if (r->pending) {
			r->pending = 0;
			return -1;
		}
		return 0;
	}
	if (!r->cont)
		r->lineno++;
	r->cut = 0;
	l->partial = !saw_nl && r->line.len == r->cap;
	if (l->partial) {
		k = cut_point(r->line.data, r->line.len, &r->cut);
		buf_add(&r->carry, r->line.data + k, r->line.len - k);
		r->line.len = k;
	}
	l->data = r->line.data;
	l->len = r->line.len;
	l->offset = start;
	l->lineno = r->lineno;
	r->cont = l->partial;
	return 1;
}

int
reader_failed(const struct reader *r)
{
	return r->pending;
}

int
reader_cut(const struct reader *r)
{
	return r->cut;
}

const char *
reader_error(struct reader *r)
{
	return r->errbuf;
}

int
reader_close(struct reader *r)
{
	int rc;

	if (r == NULL)
		return 0;
	rc = gzclose(r->gz) == Z_OK ? 0 : -1;
	buf_free(&r->line);
	buf_free(&r->carry);
	free(r->in);
	free(r);
	return rc;
}
