/* diag: the program's name and its messages on stderr. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "diag.h"
#include "file.h"

static const char *prog = "zb";

void
zb_setprog(const char *argv0)
{
	const char *p;

	p = strrchr(argv0, '/');
	prog = p != NULL ? p + 1 : argv0;
}

/*
 * The tables built into this binary: weak, so a tool that embeds none
 * (zb-fetch, zb-diff) does not link lib/data for it and sees NULL.
 */
extern const struct data_table data_tables[] __attribute__((weak));

void
zb_start(int argc, char *argv[])
{
	const struct data_table *t;

	zb_setprog(argv[0]);
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", prog, ZB_VERSION);
		for (t = data_tables; t != NULL && t->file != NULL; t++)
			printf("data %s %s\n", t->file, t->sha256);
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
