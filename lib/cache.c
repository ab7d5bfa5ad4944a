/* cache: content-addressed, gzip-compressed bodies named by SHA-256. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "cache.h"
#include "sha.h"
#include "util.h"

static void
path_of(struct buf *p, const char *dir, const char *name)
{
	buf_clear(p);
	buf_adds(p, dir);
	buf_addc(p, '/');
	buf_adds(p, name);
}

/*
 * Open path for reading without blocking on a FIFO or a device: 0 and *fd
 * for a regular file; 1 when something else is there (*fd closed); -1 when
 * it cannot be opened (errno says why).
 */
static int
open_regular(const char *path, int *fd)
{
	struct stat sb;
	int fl;

	if ((*fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(*fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(*fd);
		*fd = -1;
		return 1;
	}
	if ((fl = fcntl(*fd, F_GETFL)) != -1)
		(void)fcntl(*fd, F_SETFL, fl & ~O_NONBLOCK);
	return 0;
}

/* Is hex 64 lowercase hex digits?  (Never a path.) */
static int
valid(const char *hex)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (strchr("0123456789abcdef", hex[i]) == NULL ||
		    hex[i] == '\0')
			return 0;
	return hex[64] == '\0';
}

int
cache_init(const char *dir)
{
	struct buf p = {0};
	struct stat sb = { 0 };
	int fd;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		zb_warn("cache directory %s", dir);
		return -1;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		if (S_ISREG(sb.st_mode))
			errno = ENOTDIR;
		zb_warn("cache directory %s", dir);
		return -1;
	}
	path_of(&p, dir, ".probe.XXXXXX");
	if ((fd = mkstemp(p.data)) < 0) {
		zb_warn("cache directory %s is not writable", dir);
		buf_free(&p);
		return -1;
	}
	close(fd);
	unlink(p.data);
	buf_free(&p);
	return 0;
}

/*
 * Write s[0..n) gzip-compressed to the open descriptor fd, which stays
 * open.  Returns 0, or -1.
 */
static int
gzwrite_fd(int fd, const void *s, size_t n)
{
	gzFile gz;
	const char *c = s;
	unsigned k;
	int fd2;

	if ((fd2 = dup(fd)) < 0)
		return -1;
	if ((gz = gzdopen(fd2, "wb9")) == NULL) {
		close(fd2);
		return -1;
	}
	while (n > 0) {
		k = n > (1u << 30) ? 1u << 30 : (unsigned)n;
		if (gzwrite(gz, c, k) != (int)k) {
			gzclose(gz);
			return -1;
		}
		c += k;
		n -= k;
	}
	return gzclose(gz) == Z_OK ? 0 : -1;
}

/*
 * Does the file at path hold s[0..n) gzip-compressed, whole and intact?
 * A file left empty or cut short by a crash, or holding other bytes, does
 * not.
 */
static int
holds(const char *path, const char *s, size_t n)
{
	unsigned char magic[2];
	char chunk[65536];
	gzFile gz;
	size_t off = 0;
	int fd, k, zerr, ok = 1;

	if (open_regular(path, &fd) != 0)
		return 0;
	if (read(fd, magic, 2) != 2 || magic[0] != 0x1f || magic[1] != 0x8b ||
	    lseek(fd, 0, SEEK_SET) != 0 || (gz = gzdopen(fd, "rb")) == NULL) {
		close(fd);
		return 0;
	}
	while (ok && (k = gzread(gz, chunk, sizeof(chunk))) > 0) {
		if ((size_t)k > n - off || memcmp(chunk, s + off, (size_t)k) != 0)
			ok = 0;
		off += (size_t)k;
	}
	(void)gzerror(gz, &zerr);
	if (k < 0 || (zerr != Z_OK && zerr != Z_STREAM_END))
		ok = 0;
	gzclose(gz);
	return ok && off == n;
}

/*
 * The body is compared with the file already under its name (one gunzip,
 * cheaper than the gzip -9 a rewrite costs, and bodies are bounded by
 * zb-fetch -m): a file a crash left empty or short is written again.
 */
int
cache_put(const char *dir, const char *hex, const void *s, size_t n)
{
	struct buf tmp = {0}, dst = {0};
	struct stat sb;
	int fd, e, rc = -1;

	if (!valid(hex)) {
		zb_warnx("cache: bad digest");
		return -1;
	}
	path_of(&dst, dir, hex);
	if (lstat(dst.data, &sb) == 0 && !S_ISREG(sb.st_mode) &&
	    !S_ISLNK(sb.st_mode)) {
		zb_warnx("cache %s: not a regular file; refused, left alone",
		    dst.data);
		buf_free(&dst);
		return -1;
	}
	if (holds(dst.data, s, n)) {
		buf_free(&dst);
		return 0;
	}
	path_of(&tmp, dir, ".tmp.XXXXXX");
	if ((fd = mkstemp(tmp.data)) < 0) {
		zb_warn("cache %s", tmp.data);
		goto out;
	}
	file_tmpfile(tmp.data);
	rc = fchmod(fd, 0644) != 0 || gzwrite_fd(fd, s, n) != 0 ||
	    fsync(fd) != 0 ? -1 : 0;
	e = errno;
	if (close(fd) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	if (rc == 0 && rename(tmp.data, dst.data) != 0) {
		rc = -1;
		e = errno;
	}
	if (rc != 0) {
		unlink(tmp.data);
		errno = e;
		zb_warn("cache %s", dst.data);
	} else if (file_sync_dir(dst.data) != 0) {
		zb_warn("cache %s: cannot sync the directory", dst.data);
		rc = -1;
	}
	file_tmpfile(NULL);
out:
	buf_free(&tmp);
	buf_free(&dst);
	return rc;
}

int
cache_get(const char *dir, const char *hex, struct buf *out, const char *where)
{
	struct buf p = {0};
	char chunk[65536], got[SHA_HEXLEN];
	const char *w = where != NULL ? where : "", *sep;
	gzFile gz;
	size_t start = out->len;
	int n, zerr, rc = 0, fd, k;

	sep = where != NULL ? ": " : "";
	if (!valid(hex)) {
		zb_warnx("%s%scache: \"%s\" is not a SHA-256 digest", w, sep,
		    hex);
		return -1;
	}
	path_of(&p, dir, hex);
	if ((k = open_regular(p.data, &fd)) != 0 ||
	    (gz = gzdopen(fd, "rb")) == NULL) {
		if (k > 0)
			zb_warnx("%s%scache %s: not a regular file; refused",
			    w, sep, p.data);
		else
			zb_warn("%s%scache %s", w, sep, p.data);
		if (k == 0)
			close(fd);
		buf_free(&p);
		return -1;
	}
	while ((n = gzread(gz, chunk, sizeof(chunk))) > 0)
		buf_add(out, chunk, (size_t)n);
	(void)gzerror(gz, &zerr);
	if (n < 0 || (zerr != Z_OK && zerr != Z_STREAM_END)) {
		zb_warnx("%s%scache %s: corrupt", w, sep, p.data);
		rc = -1;
	}
	gzclose(gz);
	sha_hex(out->data != NULL ? out->data + start : "", out->len - start,
	    got);
	if (rc == 0 && strcmp(got, hex) != 0) {
		zb_warnx("%s%scache %s: content has digest %s", w, sep, p.data,
		    got);
		rc = -1;
	}
	buf_free(&p);
	return rc;
}
