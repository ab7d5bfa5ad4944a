/* util: diagnostics, allocation wrappers and a growable byte buffer. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

static const char *prog = "zb";
static char tmppath[4096];
static volatile sig_atomic_t hastmp;

void
zb_setprog(const char *argv0)
{
	const char *p;

	p = strrchr(argv0, '/');
	prog = p != NULL ? p + 1 : argv0;
}

void
zb_start(int argc, char *argv[])
{
	zb_setprog(argv[0]);
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", prog, ZB_VERSION);
		exit(file_stdout_close() < 0 ? EXIT_TROUBLE : EXIT_OK);
	}
}

const char *
zb_prog(void)
{
	return prog;
}

static void
vwarnc(int code, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	if (code != 0)
		fprintf(stderr, ": %s", strerror(code));
	fputc('\n', stderr);
}

void
zb_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnc(0, fmt, ap);
	va_end(ap);
}

void
zb_warn(const char *fmt, ...)
{
	va_list ap;
	int code = errno;

	va_start(ap, fmt);
	vwarnc(code, fmt, ap);
	va_end(ap);
}

void
zb_errx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnc(0, fmt, ap);
	va_end(ap);
	exit(EXIT_TROUBLE);
}

void
zb_err(const char *fmt, ...)
{
	va_list ap;
	int code = errno;

	va_start(ap, fmt);
	vwarnc(code, fmt, ap);
	va_end(ap);
	exit(EXIT_TROUBLE);
}

void *
xmalloc(size_t n)
{
	void *p;

	p = malloc(n ? n : 1);
	if (p == NULL)
		zb_errx("out of memory allocating %zu bytes", n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p;

	p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		zb_errx("out of memory allocating %zu objects", n);
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		zb_errx("allocation overflow: %zu * %zu", n, size);
	p = realloc(p, n * size != 0 ? n * size : 1);
	if (p == NULL)
		zb_errx("out of memory allocating %zu bytes", n * size);
	return p;
}

char *
xmemdup(const void *s, size_t n)
{
	char *p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xmemdup(s, strlen(s));
}

void
buf_grow(struct buf *b, size_t extra)
{
	size_t need;

	if (extra > SIZE_MAX - b->len - 1)
		zb_errx("buffer overflow");
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->data = xreallocarray(b->data, b->cap, 1);
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_addc(struct buf *b, int c)
{
	char ch = (char)c;

	buf_add(b, &ch, 1);
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_clear(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

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
