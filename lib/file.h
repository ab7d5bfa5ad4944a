/*
 * file: whole files, standard output, temporary files and durable renames.
 *
 * file_slurp() fills a buffer the caller owns.  file_tmpfile() copies the
 * path it is given into static storage, so the caller keeps its own.
 * Failures return -1 with errno set, for the caller to report, except
 * file_stdout_close(), which reports them itself.
 */
#ifndef FILE_H
#define FILE_H

#include "buf.h"

/* Read the whole file at path into b (cleared first).  Returns 0 or -1. */
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
