/*
 * util: diagnostics, allocation wrappers and a growable byte buffer.
 *
 * Diagnostics start with the program name set by zb_setprog().  The
 * allocation wrappers never return NULL: on failure they print a message
 * and exit 2, so callers never check them.  Memory they return belongs to
 * the caller and is released with free().
 */
#ifndef UTIL_H
#define UTIL_H

#include <stddef.h>

/* Exit statuses shared by every tool (see README "Exit status"). */
#define EXIT_OK		0
#define EXIT_NEGATIVE	1	/* a negative answer: zb-diff inputs differ */
#define EXIT_TROUBLE	2

void	 zb_setprog(const char *);
/*
 * Every tool's start: set the program name from argv[0] and answer
 * "--version" as the first argument ("zb-norm 0.1.0" on stdout, exit 0).
 */
void	 zb_start(int argc, char *argv[]);
const char *zb_prog(void);

/* Print "prog: message\n"; the e* variants exit 2 afterwards. */
void	 zb_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 zb_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 zb_errx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	 zb_err(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xmemdup(const void *, size_t);	/* NUL-terminated copy */

/*
 * A byte buffer that owns its storage.  Start with struct buf b = {0};
 * buf_free() releases it and leaves it empty and reusable.  data is always
 * NUL-terminated after any append, but may contain NUL bytes itself.
 */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	 buf_grow(struct buf *, size_t);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_addc(struct buf *, int);
void	 buf_adds(struct buf *, const char *);
void	 buf_clear(struct buf *);
void	 buf_free(struct buf *);

/*
 * Read the whole file at path into b (cleared first).  Returns 0, or -1
 * with errno set.
 */
int	 file_slurp(const char *path, struct buf *b);

/*
 * The temporary file being written (path copied; NULL: none), which a
 * SIGTERM, SIGINT or SIGHUP removes before ending the run once
 * file_tmpfile_signals() has installed the handler.
 */
void	 file_tmpfile(const char *path);
void	 file_tmpfile_signals(void);

/* Flush and close stdout; prints the error and returns -1 on failure. */
int	 file_stdout_close(void);

/* fsync the directory holding path, after a rename; -1 and errno. */
int	 file_sync_dir(const char *path);

#endif
