/* spill: byte strings kept by reference, in memory then in a file. */
#include <inttypes.h>
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

#include "spill.h"
#include "xsort.h"

void
spill_put(struct spill *sp, const char *s, size_t n, char *ref,
    size_t refsize)
{
	snprintf(ref, refsize, "%" PRIx64 ":%zx", sp->len, n);
	sp->len += n;
	if (sp->f == NULL && sp->mem.len + n > xsort_buffer()) {
		sp->f = xsort_tmpfile();
		if (sp->mem.len > 0 && fwrite(sp->mem.data, 1, sp->mem.len,
		    sp->f) != sp->mem.len)
			zb_err("writing a temporary file");
		buf_free(&sp->mem);
	}
	if (sp->f == NULL)
		buf_add(&sp->mem, s, n);
	else if (fwrite(s, 1, n, sp->f) != n)
		zb_err("writing a temporary file");
}

void
spill_flush(struct spill *sp)
{
	if (sp->f != NULL && fflush(sp->f) != 0)
		zb_err("writing a temporary file");
}

const char *
spill_get(struct spill *sp, const char *ref, size_t refn, size_t *n)
{
	char t[SPILL_REFLEN];
	uint64_t off;

	snprintf(t, sizeof(t), "%.*s", (int)refn, ref);
	if (sscanf(t, "%" SCNx64 ":%zx", &off, n) != 2 || off > sp->len ||
	    *n > sp->len - off)
		zb_errx("internal error: a bad record reference");
	if (sp->f == NULL)
		return sp->mem.data + off;
	buf_clear(&sp->rd);
	buf_grow(&sp->rd, *n + 1);
	if (pread(fileno(sp->f), sp->rd.data, *n, (off_t)off) !=
	    (ssize_t)*n)
		zb_err("reading a temporary file");
	return sp->rd.data;
}

void
spill_free(struct spill *sp)
{
	buf_free(&sp->mem);
	buf_free(&sp->rd);
	if (sp->f != NULL)
		fclose(sp->f);
	sp->f = NULL;
	sp->len = 0;
}
