/* file: whole files, standard output, temporary files, durable renames. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "file.h"
#include "xalloc.h"

static char tmppath[4096];
static volatile sig_atomic_t hastmp;

int
file_slurp(const char *path, struct buf *b)
{
	char chunk[65536];
	size_t n;
	FILE *f;
	int e;

	if ((f = fopen(path, "r")) == NULL)
		return -1;
	buf_clear(b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(b, chunk, n);
	if (ferror(f)) {
		e = errno;
		fclose(f);
		errno = e;
		return -1;
	}
	fclose(f);
	return 0;
}

/*
 * Flush and close stdout, reporting a write error (a full disk) once.
 * Returns 0 on success, -1 after printing the error.
 */
int
file_stdout_close(void)
{
	int bad;

	bad = fflush(stdout) != 0 || ferror(stdout);
	if (fclose(stdout) != 0)
		bad = 1;
	if (bad) {
		zb_warn("write error on standard output");
		return -1;
	}
	return 0;
}

/*
 * Make the rename of a file to path durable: fsync the directory that
 * holds it.  A file system that cannot sync directories (EINVAL) counts
 * as done.  Returns 0, or -1 with errno set.
 */
int
file_sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd, rc, e;

	if (slash == NULL)
		dir = xstrdup(".");
	else
		dir = xmemdup(path, slash == path ? 1 : (size_t)(slash - path));
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	free(dir);
	if (fd < 0)
		return -1;
	rc = fsync(fd) != 0 && errno != EINVAL ? -1 : 0;
	e = errno;
	close(fd);
	errno = e;
	return rc;
}

void
file_tmpfile(const char *path)
{
	hastmp = 0;
	if (path != NULL && strlen(path) < sizeof(tmppath)) {
		memcpy(tmppath, path, strlen(path) + 1);
		hastmp = 1;
	}
}

/* Remove the temporary file, then die of the signal as if unhandled. */
static void
on_signal(int sig)
{
	if (hastmp)
		unlink(tmppath);
	signal(sig, SIG_DFL);
	raise(sig);
}

void
file_tmpfile_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}
