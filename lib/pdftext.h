/*
 * pdftext: the text of a PDF, through poppler's `pdftotext -layout`.
 *
 * The PDF is written to a temporary file (in $TMPDIR, else /tmp) that is
 * removed before pdftext() returns; the child is killed when it runs past
 * the time limit or writes more than the size limit, and always reaped.
 * The caller owns both buffers: the text is appended to *text, a reason
 * for failure to *why.  Nothing else is allocated.
 */
#ifndef PDFTEXT_H
#define PDFTEXT_H

#include <stddef.h>

#include "util.h"

/*
 * Append the UTF-8 text of PDF s[0..n) to text, form feeds made line
 * breaks: at most maxbytes of pdftotext's output, within timeout seconds.
 * Returns 0, or -1 with the reason in why (pdftotext missing, the
 * temporary file not written, the PDF unreadable, a limit passed).
 */
int	pdftext(const char *s, size_t n, size_t maxbytes, double timeout,
	    struct buf *text, struct buf *why);

#endif
