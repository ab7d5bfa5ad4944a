/* fetchopt: zb-fetch's options (fetchopt.h). */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetchopt.h"
#include "util.h"

/*
 * The value of option -opt's argument s, within [min, max]; -m also takes
 * a k, M or G suffix (KiB, MiB, GiB), applied before the range check so
 * the result always fits.  Exits 2 with a message on anything else.
 */
static double
number(int opt, const char *s, double min, double max)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end != s && opt == 'm' && *end != '\0' && end[1] == '\0' &&
	    strchr("kKmMgG", *end) != NULL) {
		v *= *end == 'k' || *end == 'K' ? 1024 : *end == 'm' ||
		    *end == 'M' ? 1048576 : 1073741824;
		end++;
	}
	if (end == s || *end != '\0' || errno != 0 || !isfinite(v) ||
	    v < min || v > max) {
		zb_warnx("-%c: bad value \"%s\" (%g to %g)", opt, s, min, max);
		exit(EXIT_TROUBLE);
	}
	return v;
}


#define USAGE "usage: zb-fetch [-j jobs] [-p perhost] [-d delay] " \
	"[-r retries] [-t timeout]\n" \
	"                [-m maxbytes] [-s statefile] [-c cachedir] " \
	"[-l pattern]\n" \
	"                [-n maxlinks] [-H] [-L|--allow-private]\n" \
	"                [-C|--cacert cafile] [-P|--progress] url ... | -\n" \
	"       zb-fetch -x -c cachedir [file ...]\n" \
	"       zb-fetch -s statefile -u fromstate url ...\n"

/* Print the usage: with the options on stdout, status 0, when asked. */
void
fetchopt_usage(int asked)
{
	if (!asked) {
		fputs(USAGE, stderr);
		exit(EXIT_TROUBLE);
	}
	fputs(USAGE
	    "  -j jobs         transfers at once (4)\n"
	    "  -p perhost      transfers at once to one host (2)\n"
	    "  -d delay        seconds between request starts to one host "
	    "(0.25)\n"
	    "  -r retries      retries of a transient failure (3)\n"
	    "  -t timeout      seconds a transfer may take (60)\n"
	    "  -m maxbytes     largest body accepted, K, M, G suffixes (50M)\n"
	    "  -s statefile    validators and digests: conditional requests\n"
	    "  -c cachedir     keep every body, gzip, named by its SHA-256\n"
	    "  -l pattern      the URLs are list pages: a record per new "
	    "link\n"
	    "                  whose URL or anchor text matches\n"
	    "  -n maxlinks     new links taken from one list page (1000)\n"
	    "  -H              only links on the list page's own host\n"
	    "  -L, --allow-private  follow redirects and links to loopback,\n"
	    "                  private and link-local addresses\n"
	    "  -C, --cacert cafile  trust the CAs in cafile too\n"
	    "  -P, --progress  progress on stderr (rate, ETA) even when it "
	    "is\n"
	    "                  not a terminal (on one it always is)\n"
	    "  -x              records again from the cached bodies (with "
	    "-c)\n"
	    "  -u fromstate    restore the URLs' state entries from "
	    "fromstate\n"
	    "  -h, --help      this text; --version the version\n"
	    "  url ... | -     the URLs, or - to read them from stdin, one a "
	    "line\n", stdout);
	exit(file_stdout_close() < 0 ? EXIT_TROUBLE : EXIT_OK);
}

/* Set option c from its argument arg in o. */
static void
set_option(struct fetchopt *o, int c, const char *arg)
{
	switch (c) {
	case 'C':
		o->cafile = arg;
		break;
	case 'c':
		o->cachedir = arg;
		break;
	case 'd':
		o->delay = number(c, arg, 0, 3600);
		break;
	case 'j':
		o->maxjobs = (long)number(c, arg, 1, 1000);
		break;
	case 'l':
		o->pattern = arg;
		break;
	case 'm':
		o->maxbytes = (curl_off_t)number(c, arg, 1, 1e12);
		break;
	case 'P':
		o->progress = 1;
		break;
	case 'p':
		o->perhost = (long)number(c, arg, 1, 100);
		break;
	case 'r':
		o->retries = (long)number(c, arg, 0, 10);
		break;
	case 's':
		o->statefile = arg;
		break;
	case 't':
		o->timeout = number(c, arg, 0.001, 86400);
		break;
	case 'u':
		o->restore = arg;
		break;
	case 'x':
		o->audit = 1;
		break;
	case 'H':
		o->samehost = 1;
		break;
	case 'n':
		o->maxlinks = (long)number(c, arg, 0, 1e9);
		break;
	case 'L':
		o->anyaddr = 1;
		break;
	case 'h':
		fetchopt_usage(1);
		break;
	default:
		fetchopt_usage(0);
	}
}

/* Parse argv into o (defaults first); returns optind. */
int
fetchopt_parse(struct fetchopt *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "cacert", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ "progress", no_argument, NULL, 'P' },
		{ "allow-private", no_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	*o = (struct fetchopt){ .maxjobs = 4, .perhost = 2, .delay = 0.25,
	    .retries = 3, .timeout = 60, .maxbytes = 50L << 20,
	    .maxlinks = 1000 };
	while ((c = getopt_long(argc, argv, "C:c:d:Hhj:Ll:m:n:Pp:r:s:t:u:x",
	    longopts, NULL)) != -1) {
		set_option(o, c, optarg);
	}
	if (o->audit && o->cachedir == NULL) {
		zb_warnx("-x needs the cache directory (-c)");
		fetchopt_usage(0);
	}
	if (o->restore != NULL && (o->statefile == NULL || o->audit)) {
		zb_warnx("-u needs the state file (-s), and no -x");
		fetchopt_usage(0);
	}
	return optind;
}

