/* pdftext: a PDF's text through pdftotext, bounded in time and size. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "charset.h"
#include "pdftext.h"
#include "util.h"

/* What one run may take: -m bytes of output, -t seconds. */
struct limits {
	size_t	maxbytes;
	double	timeout;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Is prog an executable file in PATH? */
static int
in_path(const char *prog)
{
	const char *p = getenv("PATH"), *e;
	struct buf b = {0};
	int ok = 0;

	for (; p != NULL && !ok; p = *e != '\0' ? e + 1 : NULL) {
		e = p + strcspn(p, ":");
		buf_clear(&b);
		buf_add(&b, p, (size_t)(e - p));
		buf_addc(&b, '/');
		buf_adds(&b, prog);
		ok = access(b.data, X_OK) == 0;
	}
	buf_free(&b);
	return ok;
}

/* why gets what, then the system error. */
static void
why_errno(struct buf *why, const char *what)
{
	const char *e = strerror(errno);

	buf_adds(why, what);
	buf_adds(why, e);
}

/*
 * Write s[0..n) to a new temporary file whose name mkstemp() puts in tmp.
 * Returns 0, or -1 with errno set and no file left.
 */
static int
write_temp(char *tmp, size_t size, const char *s, size_t n)
{
	const char *dir = getenv("TMPDIR");
	ssize_t k;
	int fd, e;

	snprintf(tmp, size, "%s/zb-fetch.XXXXXX", dir != NULL && *dir != '\0' ?
	    dir : "/tmp");
	if ((fd = mkstemp(tmp)) < 0)
		return -1;
	while (n > 0) {
		if ((k = write(fd, s, n)) < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (k == 0)
				errno = ENOSPC;	/* a short write, not "Success" */
			e = errno;
			close(fd);
			goto fail;
		}
		s += k;
		n -= (size_t)k;
	}
	if (close(fd) == 0)
		return 0;
	e = errno;
fail:
	unlink(tmp);
	errno = e;
	return -1;
}

/*
 * Read the output of child pid from fd into raw until the end, at most
 * lim->maxbytes (-m) of it and for at most lim->timeout (-t) seconds; past
 * either the child is killed.  Returns 0, or -1 with the reason in why.
 */
static int
drain(int fd, pid_t pid, const struct limits *lim, struct buf *raw,
    struct buf *why)
{
	char chunk[65536], msg[96];
	struct pollfd pfd = { fd, POLLIN, 0 };
	double end = now() + lim->timeout;
	ssize_t k;

	for (;;) {
		if (now() >= end) {
			snprintf(msg, sizeof(msg), "pdftotext took longer than "
			    "%g s (-t)", lim->timeout);
			break;
		}
		k = poll(&pfd, 1, (int)ceil((end - now()) * 1000));
		if (k == 0 || (k < 0 && errno == EINTR))
			continue;
		if (k > 0 && (k = read(fd, chunk, sizeof(chunk))) == 0)
			return 0;
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			why_errno(why, "cannot read from pdftotext: ");
			kill(pid, SIGKILL);
			return -1;
		}
		if (raw->len + (size_t)k > lim->maxbytes) {
			snprintf(msg, sizeof(msg), "PDF text larger than %lld "
			    "bytes (-m)", (long long)lim->maxbytes);
			break;
		}
		buf_add(raw, chunk, (size_t)k);
	}
	kill(pid, SIGKILL);
	buf_adds(why, msg);
	return -1;
}

/* In the child: stdin from /dev/null, stdout to fd, then pdftotext tmp. */
static void
exec_pdftotext(int fd, const char *tmp)
{
	int null;

	if ((null = open("/dev/null", O_RDONLY)) >= 0 && null != STDIN_FILENO) {
		dup2(null, STDIN_FILENO);
		close(null);
	}
	if (fd != STDOUT_FILENO) {
		dup2(fd, STDOUT_FILENO);
		close(fd);
	}
	execlp("pdftotext", "pdftotext", "-layout", "-enc", "UTF-8", "-q",
	    tmp, "-", (char *)NULL);
	_exit(127);
}

/*
 * Run pdftotext on the file tmp, its output into raw.  Returns 0, or -1
 * with the reason in why; no descriptor or child is left behind.
 */
static int
run_pdftotext(const char *tmp, const struct limits *lim, struct buf *raw,
    struct buf *why)
{
	pid_t pid;
	int p[2], ws, rc;

	if (pipe(p) != 0) {
		why_errno(why, "cannot run pdftotext: ");
		return -1;
	}
	if ((pid = fork()) < 0) {
		why_errno(why, "cannot run pdftotext: ");
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		exec_pdftotext(p[1], tmp);
	}
	close(p[1]);
	rc = drain(p[0], pid, lim, raw, why);
	close(p[0]);
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR) {
			if (rc == 0)
				why_errno(why, "pdftotext: ");
			return -1;
		}
	if (rc == 0 && (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0)) {
		buf_adds(why, "pdftotext could not read the PDF");
		rc = -1;
	}
	return rc;
}

int
pdftext(const char *s, size_t n, size_t maxbytes, double timeout,
    struct buf *text, struct buf *why)
{
	struct limits lim = { maxbytes, timeout };
	char tmp[4096];
	struct buf raw = {0};
	size_t i;
	int rc;

	if (!in_path("pdftotext")) {
		buf_adds(why, "PDF needs pdftotext, which is not installed "
		    "(install poppler-utils)");
		return -1;
	}
	if (write_temp(tmp, sizeof(tmp), s, n) != 0) {
		why_errno(why, "cannot write the PDF for pdftotext: ");
		return -1;
	}
	rc = run_pdftotext(tmp, &lim, &raw, why);
	unlink(tmp);
	if (rc == 0) {
		for (i = 0; i < raw.len; i++)
			if (raw.data[i] == '\f')
				raw.data[i] = '\n';
		charset_to_utf8("UTF-8", raw.data != NULL ? raw.data : "",
		    raw.len, text);
	}
	buf_free(&raw);
	return rc;
}

