/* xsort: lines sorted and replayed in bounded memory (sort(1) past a size). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"
#include "xsort.h"

struct span {
	size_t	 off;
	size_t	 len;
};

struct xsort {
	size_t		 limit;
	struct buf	 mem;		/* lines in memory, back to back */
	struct span	*s;
	size_t		 n, cap, next;
	pid_t		 pid;		/* sort(1), or 0 */
	FILE		*to, *from;
	char		*line;		/* getline's buffer */
	size_t		 linecap;
};

struct tape {
	size_t		 limit;
	struct buf	 mem;
	size_t		 pos;
	FILE		*f;		/* past limit, or NULL */
	char		*line;
	size_t		 linecap;
};

size_t
xsort_buffer(void)
{
	const char *e = getenv("ZB_SORT_BUFFER");
	char *end;
	unsigned long long v;

	if (e == NULL || *e == '\0')
		return XSORT_BUFFER;
	errno = 0;
	v = strtoull(e, &end, 10);
	if (errno != 0 || *end != '\0')
		zb_errx("ZB_SORT_BUFFER: not a number of bytes: \"%s\"", e);
	return (size_t)v;
}

FILE *
xsort_tmpfile(void)
{
	const char *dir = getenv("TMPDIR");
	struct buf path = { 0 };
	FILE *f;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	buf_adds(&path, dir);
	buf_adds(&path, "/zb-XXXXXX");
	if ((fd = mkstemp(path.data)) < 0)
		zb_err("cannot make a temporary file in %s", dir);
	unlink(path.data);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	if ((f = fdopen(fd, "w+")) == NULL)
		zb_err("%s", path.data);
	buf_free(&path);
	return f;
}

/* ---- sorting ------------------------------------------------------------ */

/*
 * While lines are written to a sort(1), a sort that dies is reported by
 * its status, not by SIGPIPE: SIGPIPE is ignored while any xsort writes
 * (zb-merge writes two at once) and restored when the last one is done.
 */
static int writers;
static struct sigaction oldpipe;

static void
pipe_ignore(void)
{
	struct sigaction ign;

	if (writers++ > 0)
		return;
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &oldpipe);
}

static void
pipe_restore(void)
{
	if (--writers == 0)
		sigaction(SIGPIPE, &oldpipe, NULL);
}

struct xsort *
xsort_new(void)
{
	struct xsort *x = xcalloc(1, sizeof(*x));

	x->limit = xsort_buffer();
	return x;
}

/* Start sort(1) on two close-on-exec pipes; its output is read later. */
static void
spawn(struct xsort *x)
{
	char mem[32];
	int in[2], out[2], i;

	if (pipe(in) < 0 || pipe(out) < 0)
		zb_err("pipe");
	for (i = 0; i < 2; i++) {
		fcntl(in[i], F_SETFD, FD_CLOEXEC);
		fcntl(out[i], F_SETFD, FD_CLOEXEC);
	}
	/* sort(1)'s buffer: twice ours, at least 1 MiB */
	snprintf(mem, sizeof(mem), "%zuk", x->limit / 512 + 1024);
	fflush(NULL);
	if ((x->pid = fork()) < 0)
		zb_err("fork");
	if (x->pid == 0) {
		if (dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0)
			_exit(127);
		/* not the SIG_IGN of another xsort's writing: a reader that
		 * goes away (zb-merge | head) ends it quietly */
		signal(SIGPIPE, SIG_DFL);
		setenv("LC_ALL", "C", 1);
		execlp("sort", "sort", "-S", mem, (char *)NULL);
		zb_warn("sort");
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	if ((x->to = fdopen(in[1], "w")) == NULL ||
	    (x->from = fdopen(out[0], "r")) == NULL)
		zb_err("fdopen");
	pipe_ignore();
}

static void
put(struct xsort *x, const char *line, size_t len)
{
	if (fwrite(line, 1, len, x->to) != len || putc('\n', x->to) == EOF)
		zb_err("writing to sort");
}

void
xsort_add(struct xsort *x, const char *line, size_t len)
{
	struct span *sp;
	size_t i;

	if (x->to != NULL) {
		put(x, line, len);
		return;
	}
	sp = VEC_PUSH(x->s, x->n, x->cap);
	sp->off = x->mem.len;
	sp->len = len;
	buf_add(&x->mem, line, len);
	if (x->mem.len + x->n * sizeof(*sp) <= x->limit)
		return;
	spawn(x);
	for (i = 0; i < x->n; i++)
		put(x, x->mem.data + x->s[i].off, x->s[i].len);
	buf_free(&x->mem);
	free(x->s);
	x->s = NULL;
	x->n = x->cap = 0;
}

static const char *sortbase;

static int
cmp_span(const void *a, const void *b)
{
	const struct span *p = a, *q = b;
	int c;

	c = memcmp(sortbase + p->off, sortbase + q->off,
	    p->len < q->len ? p->len : q->len);
	if (c != 0)
		return c;
	return p->len < q->len ? -1 : p->len > q->len;
}

void
xsort_done(struct xsort *x)
{
	if (x->to != NULL) {
		if (fclose(x->to) != 0)
			zb_err("writing to sort");
		x->to = NULL;
		pipe_restore();
		return;
	}
	sortbase = x->mem.data;
	if (x->n > 1)
		qsort(x->s, x->n, sizeof(*x->s), cmp_span);
}

/* Wait for sort(1); exit 2 when it failed. */
static void
reap(struct xsort *x)
{
	int st;

	if (x->from != NULL)
		fclose(x->from);
	x->from = NULL;
	while (waitpid(x->pid, &st, 0) < 0)
		if (errno != EINTR)
			zb_err("waitpid");
	x->pid = 0;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return;
	if (WIFEXITED(st))
		zb_errx("sort failed (exit %d)", WEXITSTATUS(st));
	zb_errx("sort killed by signal %d", WTERMSIG(st));
}

int
xsort_next(struct xsort *x, const char **line, size_t *len)
{
	ssize_t n;

	if (x->pid == 0) {
		if (x->next >= x->n)
			return 0;
		*line = x->mem.data + x->s[x->next].off;
		*len = x->s[x->next++].len;
		return 1;
	}
	if ((n = getline(&x->line, &x->linecap, x->from)) < 0) {
		if (ferror(x->from))
			zb_err("reading from sort");
		reap(x);
		return 0;
	}
	if (n > 0 && x->line[n - 1] == '\n')
		n--;
	*line = x->line;
	*len = (size_t)n;
	return 1;
}

void
xsort_free(struct xsort *x)
{
	if (x == NULL)
		return;
	if (x->to != NULL) {
		fclose(x->to);
		pipe_restore();
	}
	if (x->pid != 0) {
		/* abandoned early: stop it quietly */
		kill(x->pid, SIGTERM);
		if (x->from != NULL)
			fclose(x->from);
		waitpid(x->pid, NULL, 0);
	}
	buf_free(&x->mem);
	free(x->s);
	free(x->line);
	free(x);
}

/* ---- tapes -------------------------------------------------------------- */

struct tape *
tape_new(void)
{
	struct tape *t = xcalloc(1, sizeof(*t));

	t->limit = xsort_buffer() / 4;
	return t;
}

void
tape_add(struct tape *t, const char *line, size_t len)
{
	if (t->f == NULL && t->mem.len + len + 1 > t->limit) {
		t->f = xsort_tmpfile();
		if (t->mem.len > 0 &&
		    fwrite(t->mem.data, 1, t->mem.len, t->f) != t->mem.len)
			zb_err("writing a temporary file");
		buf_free(&t->mem);
	}
	if (t->f == NULL) {
		buf_add(&t->mem, line, len);
		buf_addc(&t->mem, '\n');
	} else if (fwrite(line, 1, len, t->f) != len ||
	    putc('\n', t->f) == EOF)
		zb_err("writing a temporary file");
}

void
tape_rewind(struct tape *t)
{
	t->pos = 0;
	if (t->f != NULL && (fflush(t->f) != 0 || fseeko(t->f, 0, SEEK_SET)))
		zb_err("writing a temporary file");
}

int
tape_next(struct tape *t, const char **line, size_t *len)
{
	const char *nl;
	ssize_t n;

	if (t->f == NULL) {
		if (t->pos >= t->mem.len)
			return 0;
		*line = t->mem.data + t->pos;
		nl = memchr(*line, '\n', t->mem.len - t->pos);
		*len = (size_t)(nl - *line);
		t->pos += *len + 1;
		return 1;
	}
	if ((n = getline(&t->line, &t->linecap, t->f)) <= 0) {
		if (ferror(t->f))
			zb_err("reading a temporary file");
		return 0;
	}
	*line = t->line;
	*len = (size_t)n - 1;
	return 1;
}

void
tape_clear(struct tape *t)
{
	buf_clear(&t->mem);
	t->pos = 0;
	if (t->f != NULL) {
		fclose(t->f);
		t->f = NULL;
	}
}

void
tape_free(struct tape *t)
{
	if (t == NULL)
		return;
	tape_clear(t);
	buf_free(&t->mem);
	free(t->line);
	free(t);
}
