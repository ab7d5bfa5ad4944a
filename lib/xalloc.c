/* xalloc: allocation wrappers that exit on failure. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "xalloc.h"

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
