/*
 * xsort: sorting and replaying lines in bounded memory, for the filters
 * that must bring records of the same key together (zb-diff, zb-merge).
 *
 * An xsort takes lines (no newline in them) and gives them back in byte
 * order (memcmp, then the shorter first: sort(1) with LC_ALL=C).  Lines
 * are kept in memory while they hold less than the buffer size; past it
 * they all go to sort(1) with that much buffer (-S), which spills to
 * temporary files under $TMPDIR, so memory stays bounded whatever the
 * input's size.  Both ways give the same order.  Several xsorts may be
 * written at once.
 *
 * A tape keeps lines in the order written, to be read back once: in
 * memory up to a size, then in an unlinked temporary file.
 *
 * The buffer size is XSORT_BUFFER bytes, or $ZB_SORT_BUFFER when set (0
 * sends every line through sort(1) and the disk: the tests use it).
 * Failures (sort(1) missing or failing, a temporary file that cannot be
 * written) are reported and exit 2.  A line returned by xsort_next() or
 * tape_next() belongs to the xsort or tape and lives until the next call.
 * xsort_free() and tape_free() release everything; NULL is a no-op.
 */
#ifndef XSORT_H
#define XSORT_H

#include <stddef.h>
#include <stdio.h>

#define XSORT_BUFFER	((size_t)32 << 20)

struct xsort;
struct tape;

/* The buffer size: XSORT_BUFFER or $ZB_SORT_BUFFER. */
size_t		 xsort_buffer(void);
struct xsort	*xsort_new(void);
void		 xsort_add(struct xsort *, const char *line, size_t len);
/* No more lines: sort them.  Then xsort_next() until it returns 0. */
void		 xsort_done(struct xsort *);
int		 xsort_next(struct xsort *, const char **line, size_t *len);
void		 xsort_free(struct xsort *);

struct tape	*tape_new(void);
void		 tape_add(struct tape *, const char *line, size_t len);
/* Read from the first line again (after writing). */
void		 tape_rewind(struct tape *);
/* The next line: 1, or 0 at the end of what was written. */
int		 tape_next(struct tape *, const char **line, size_t *len);
/* Empty it, for writing anew. */
void		 tape_clear(struct tape *);
void		 tape_free(struct tape *);

/* An unlinked temporary file under $TMPDIR (else /tmp); exits on error. */
FILE		*xsort_tmpfile(void);

#endif
