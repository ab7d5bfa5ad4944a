/*
 * reader: line-at-a-time input from a file or stdin, plain or gzip,
 * through zlib (gzread passes plain files through unchanged).
 *
 * A line longer than the reader's cap is returned in pieces of at most cap
 * bytes, each flagged as partial, cut after a sentence end (。；！？) where
 * one lies in the second half of the piece, else at a character boundary
 * (reader_cut() then says so).  The
 * reader owns the returned line buffer; it stays valid until the next call.
 * reader_close() releases everything; reader_close(NULL) is a no-op.
 */
#ifndef READER_H
#define READER_H

#include <stddef.h>

struct reader;

struct line {
	const char	*data;		/* bytes, without the newline */
	size_t		 len;
	size_t		 offset;	/* byte offset of data in the input */
	unsigned long	 lineno;	/* 1-based physical line number */
	int		 partial;	/* cut at the cap, more follows */
};

/*
 * Open path ("-" is stdin) for reading, with lines capped at cap bytes.
 * Returns NULL and sets errno on failure.
 */
struct reader	*reader_open(const char *path, size_t cap);

/*
 * Read the next line into *l.  Returns 1 on a line, 0 at the end, -1 on a
 * read or decompression error, whose text reader_error() gives.
 */
int		 reader_next(struct reader *, struct line *);
const char	*reader_error(struct reader *);
/*
 * Did the line just returned end at a read or decompression error rather
 * than at a newline (or the end)?  Then it may be cut short, and the next
 * reader_next() returns -1.
 */
int		 reader_failed(const struct reader *);
/* Was the last partial piece cut mid-sentence? */
int		 reader_cut(const struct reader *);
int		 reader_close(struct reader *);

#endif
