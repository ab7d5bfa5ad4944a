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
		warn("cache directory %s", dir);
		return -1;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		if (S_ISREG(sb.st_mode))
			errno = ENOTDIR;
		warn("cache directory %s", dir);
		return -1;
	}
	path_of(&p, dir, ".probe.XXXXXX");
	if ((fd = mkstemp(p.data)) < 0) {
		warn("cache directory %s is not writable", dir);
		buf_free(&p);
		return -1;
	}
	close(fd);
	unlink(p.data);
	buf_free(&p);
	return 0;
}

/* Write s[0..n) gzip-compressed to the open descriptor fd. */
static int
gzwrite_fd(int fd, const void *s, size_t n)
{
	gzFile gz;
	const char *c = s;
	unsigned k;

	if ((gz = gzdopen(fd, "wb9")) == NULL) {
		close(fd);
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

int
cache_put(const char *dir, const char *hex, const void *s, size_t n)
{
	struct buf tmp = {0}, dst = {0};
	int fd, rc = -1;

	if (!valid(hex)) {
		warnx("cache: bad digest");
		return -1;
	}
	path_of(&dst, dir, hex);
	if (access(dst.data, F_OK) == 0) {
		buf_free(&dst);
		return 0;
	}
	path_of(&tmp, dir, ".tmp.XXXXXX");
	if ((fd = mkstemp(tmp.data)) >= 0)
		util_tmpfile(tmp.data);
	if (fd < 0)
		warn("cache %s", tmp.data);
	else if (fchmod(fd, 0644) != 0 || gzwrite_fd(fd, s, n) != 0) {
		warn("cache %s", dst.data);
		unlink(tmp.data);
	} else if (rename(tmp.data, dst.data) != 0) {
		warn("cache %s", dst.data);
		unlink(tmp.data);
	} else
		rc = 0;
	util_tmpfile(NULL);
	buf_free(&tmp);
	buf_free(&dst);
	return rc;
}

int
cache_get(const char *dir, const char *hex, struct buf *out)
{
	struct buf p = {0};
	char chunk[65536], got[SHA_HEXLEN];
	gzFile gz;
	size_t start = out->len;
	int n, zerr, rc = 0;

	if (!valid(hex)) {
		warnx("cache: \"%s\" is not a SHA-256 digest", hex);
		return -1;
	}
	path_of(&p, dir, hex);
	if ((gz = gzopen(p.data, "rb")) == NULL) {
		warn("cache %s", p.data);
		buf_free(&p);
		return -1;
	}
	while ((n = gzread(gz, chunk, sizeof(chunk))) > 0)
		buf_add(out, chunk, (size_t)n);
	(void)gzerror(gz, &zerr);
	if (n < 0 || (zerr != Z_OK && zerr != Z_STREAM_END)) {
		warnx("cache %s: corrupt", p.data);
		rc = -1;
	}
	gzclose(gz);
	sha_hex(out->data != NULL ? out->data + start : "", out->len - start,
	    got);
	if (rc == 0 && strcmp(got, hex) != 0) {
		warnx("cache %s: content has digest %s", p.data, got);
		rc = -1;
	}
	buf_free(&p);
	return rc;
}
