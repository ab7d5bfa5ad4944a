/* state: conditional-request and seen-link memory, atomically saved. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "state.h"
#include "util.h"
#include "weburl.h"

#define MAGIC	"#zb-fetch state 1"

static const char *const kinds[] = { "doc", "link", "list" };
static const int nfields[] = { 4, 2, 4 };

struct state {
	struct state_entry *v;
	size_t		 n, cap;
	size_t		*slot;		/* hash table of index + 1; 0 empty */
	size_t		 nslot;
	struct state_entry *gone;	/* removed since the load: kind, url */
	size_t		 ngone, gonecap;
};

static size_t
hash(enum state_kind k, const char *s)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)k;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

static size_t *
lookup(const struct state *st, enum state_kind k, const char *url)
{
	size_t i, *p;

	for (i = hash(k, url) & (st->nslot - 1);;
	    i = (i + 1) & (st->nslot - 1)) {
		p = &st->slot[i];
		if (*p == 0 || (st->v[*p - 1].kind == k &&
		    strcmp(st->v[*p - 1].url, url) == 0))
			return p;
	}
}

static void
rehash(struct state *st)
{
	size_t i;

	free(st->slot);
	st->nslot = st->nslot == 0 ? 64 : st->nslot * 2;
	st->slot = xcalloc(st->nslot, sizeof(*st->slot));
	for (i = 0; i < st->n; i++)
		*lookup(st, st->v[i].kind, st->v[i].url) = i + 1;
}

struct state *
state_new(void)
{
	struct state *st;

	st = xcalloc(1, sizeof(*st));
	rehash(st);
	return st;
}

const struct state_entry *
state_get(const struct state *st, enum state_kind k, const char *url)
{
	char *bare = weburl_strip_userinfo(url);
	size_t *p;

	p = lookup(st, k, bare != NULL ? bare : url);
	free(bare);
	return *p == 0 ? NULL : &st->v[*p - 1];
}

/* A copy with tabs and line breaks made spaces. */
static char *
clean(const char *s)
{
	char *c, *p;

	c = xstrdup(s != NULL ? s : "");
	for (p = c; *p != '\0'; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r')
			*p = ' ';
	return c;
}

void
state_set(struct state *st, enum state_kind k, const char *url,
    const char *const f[STATE_FIELDS])
{
	struct state_entry *e;
	char *nf[STATE_FIELDS], *bare, *list = NULL;
	size_t *p;
	int i;

	/* user:password@ is never stored, nor looked up with */
	if ((bare = weburl_strip_userinfo(url)) != NULL)
		url = bare;
	if (k == STATE_LINK && f[SL_LIST] != NULL)
		list = weburl_strip_userinfo(f[SL_LIST]);
	p = lookup(st, k, url);
	if (*p == 0) {
		e = VEC_PUSH(st->v, st->n, st->cap);
		memset(e, 0, sizeof(*e));
		e->kind = k;
		e->url = clean(url);
		*p = st->n;
		if (st->n * 2 > st->nslot)
			rehash(st);
	} else
		e = &st->v[*p - 1];
	/* copy first: f may point into e */
	for (i = 0; i < STATE_FIELDS; i++)
		nf[i] = i < nfields[k] ? clean(i == SL_LIST && list != NULL ?
		    list : f[i]) : NULL;
	for (i = 0; i < STATE_FIELDS; i++) {
		free(e->f[i]);
		e->f[i] = nf[i];
	}
	e->dirty = 1;
	free(bare);
	free(list);
}

void
state_del(struct state *st, enum state_kind k, const char *url)
{
	char *bare = weburl_strip_userinfo(url);
	struct state_entry *g;
	size_t *p, i;
	int j;

	p = lookup(st, k, bare != NULL ? bare : url);
	free(bare);
	if (*p == 0)
		return;
	i = *p - 1;
	g = VEC_PUSH(st->gone, st->ngone, st->gonecap);
	memset(g, 0, sizeof(*g));
	g->kind = k;
	g->url = st->v[i].url;	/* moved there */
	for (j = 0; j < STATE_FIELDS; j++)
		free(st->v[i].f[j]);
	st->v[i] = st->v[--st->n];
	/* open addressing: rebuild the table rather than leave a hole */
	memset(st->slot, 0, st->nslot * sizeof(*st->slot));
	for (i = 0; i < st->n; i++)
		*lookup(st, st->v[i].kind, st->v[i].url) = i + 1;
}

/* Split line s at tabs into fields; more than max gives max + 1. */
static int
split(char *s, char **f, int max)
{
	int n = 0;

	for (;;) {
		if (n == max)
			return max + 1;
		f[n++] = s;
		if ((s = strchr(s, '\t')) == NULL)
			return n;
		*s++ = '\0';
	}
}

static int
load_line(struct state *st, char *line, const char *path, unsigned long no)
{
	char *f[STATE_FIELDS + 2];
	int n, k;

	n = split(line, f, STATE_FIELDS + 2);
	for (k = 0; k < 3; k++)
		if (strcmp(f[0], kinds[k]) == 0)
			break;
	if (k == 3 || n != nfields[k] + 2 || *f[1] == '\0') {
		zb_warnx("%s:%lu: malformed state line (not written by "
		    "zb-fetch?)", path, no);
		return -1;
	}
	state_set(st, (enum state_kind)k, f[1], (const char *const *)f + 2);
	return 0;
}

int
state_load(struct state *st, const char *path)
{
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long no = 0;
	size_t i;
	int rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return 0;
		zb_warn("%s", path);
		return -1;
	}
	while (rc == 0 && (len = getline(&line, &cap, f)) > 0) {
		no++;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (no == 1 && strcmp(line, MAGIC) != 0) {
			zb_warnx("%s:1: not a zb-fetch state file (first "
			    "line is not \"%s\")", path, MAGIC);
			rc = -1;
		} else if (no > 1 && len > 0)
			rc = load_line(st, line, path, no);
	}
	if (rc == 0 && ferror(f)) {
		zb_warn("%s", path);
		rc = -1;
	}
	free(line);
	fclose(f);
	for (i = 0; i < st->n; i++)
		st->v[i].dirty = 0;	/* as the file has it */
	return rc;
}

int
state_restore(struct state *st, const char *from, const char *const *urls,
    size_t n)
{
	const struct state_entry *e;
	struct state *old;
	size_t i;

	old = state_new();
	if (state_load(old, from) != 0) {
		state_free(old);
		return -1;
	}
	for (i = 0; i < n; i++) {
		e = state_get(old, STATE_DOC, urls[i]);
		if (e != NULL)
			state_set(st, STATE_DOC, urls[i],
			    (const char *const *)e->f);
		else
			state_del(st, STATE_DOC, urls[i]);
	}
	state_free(old);
	return 0;
}

static int
cmp_entry(const void *a, const void *b)
{
	const struct state_entry *x = *(const struct state_entry *const *)a;
	const struct state_entry *y = *(const struct state_entry *const *)b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->url, y->url);
}

static void
write_all(FILE *f, const struct state *st)
{
	const struct state_entry **s;
	size_t i;
	int j;

	s = xreallocarray(NULL, st->n, sizeof(*s));
	for (i = 0; i < st->n; i++)
		s[i] = &st->v[i];
	qsort(s, st->n, sizeof(*s), cmp_entry);
	fprintf(f, "%s\n", MAGIC);
	for (i = 0; i < st->n; i++) {
		fprintf(f, "%s\t%s", kinds[s[i]->kind], s[i]->url);
		for (j = 0; j < nfields[s[i]->kind]; j++)
			fprintf(f, "\t%s", s[i]->f[j]);
		fputc('\n', f);
	}
	free(s);
}

/* The mode to give a new state file: the old one's, else 0666 - umask. */
static mode_t
mode_of(const char *path)
{
	struct stat sb;
	mode_t mask;

	if (stat(path, &sb) == 0)
		return sb.st_mode & 07777;
	mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

/*
 * Lock path's lock file, PATH.lock, exclusively, waiting for it.  Returns
 * its descriptor (closing it unlocks), or -1 after reporting the error.
 */
static int	write_state(const struct state *, const char *);

static int
lock(const char *path)
{
	struct buf name = {0};
	int fd;

	buf_adds(&name, path);
	buf_adds(&name, ".lock");
	fd = open(name.data, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0 || flock(fd, LOCK_EX) != 0) {
		zb_warn("cannot lock state %s (%s)", path, name.data);
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	buf_free(&name);
	return fd;
}

/*
 * The state to write to path: the file as it is now, with what st set or
 * removed since its load applied.  NULL after reporting an unreadable or
 * malformed file.
 */
static struct state *
merged(const struct state *st, const char *path)
{
	struct state *now = state_new();
	size_t i;

	if (state_load(now, path) != 0) {
		state_free(now);
		return NULL;
	}
	for (i = 0; i < st->ngone; i++)
		state_del(now, st->gone[i].kind, st->gone[i].url);
	for (i = 0; i < st->n; i++)
		if (st->v[i].dirty)
			state_set(now, st->v[i].kind, st->v[i].url,
			    (const char *const *)st->v[i].f);
	return now;
}

int
state_save(const struct state *st, const char *path)
{
	struct state *now;
	int lk, rc;

	if ((lk = lock(path)) < 0)
		return -1;
	if ((now = merged(st, path)) == NULL) {
		zb_warnx("state %s not written: it changed into something "
		    "else during the run", path);
		close(lk);
		return -1;
	}
	rc = write_state(now, path);
	state_free(now);
	close(lk);	/* after the rename: the next run reads the new file */
	return rc;
}

static int
write_state(const struct state *st, const char *path)
{
	struct buf tmp = {0};
	FILE *f;
	int fd, e;

	buf_adds(&tmp, path);
	buf_adds(&tmp, ".tmp.XXXXXX");
	if ((fd = mkstemp(tmp.data)) < 0) {
		zb_warn("cannot write state: %s", tmp.data);
		buf_free(&tmp);
		return -1;
	}
	file_tmpfile(tmp.data);
	if (fchmod(fd, mode_of(path)) != 0 || (f = fdopen(fd, "w")) == NULL) {
		close(fd);
		goto fail;
	}
	write_all(f, st);
	if (fflush(f) != 0 || ferror(f) || fsync(fd) != 0) {
		fclose(f);
		goto fail;
	}
	if (fclose(f) != 0 || rename(tmp.data, path) != 0)
		goto fail;
	file_tmpfile(NULL);
	buf_free(&tmp);
	if (file_sync_dir(path) != 0) {
		zb_warn("cannot sync the directory of state %s", path);
		return -1;
	}
	return 0;
fail:
	e = errno;
	unlink(tmp.data);
	file_tmpfile(NULL);
	errno = e;
	zb_warn("cannot write state %s", path);
	buf_free(&tmp);
	return -1;
}

void
state_free(struct state *st)
{
	size_t i;
	int j;

	if (st == NULL)
		return;
	for (i = 0; i < st->n; i++) {
		free(st->v[i].url);
		for (j = 0; j < STATE_FIELDS; j++)
			free(st->v[i].f[j]);
	}
	for (i = 0; i < st->ngone; i++)
		free(st->gone[i].url);
	free(st->gone);
	free(st->v);
	free(st->slot);
	free(st);
}
