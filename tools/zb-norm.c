/* zb-norm: make target records comparable: units, indicators, regions. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data.h"
#include "fold.h"
#include "jsonl.h"
#include "recnorm.h"
#include "util.h"

static int	 quiet;
static int	 status = EXIT_OK;

static void
do_input(struct recnorm *rn, const char *path)
{
	struct jsonl *j;

	if ((j = jsonl_open(path)) == NULL) {
		zb_warn("%s", strcmp(path, "-") == 0 ? "<stdin>" : path);
		status = EXIT_TROUBLE;
		return;
	}
	if (recnorm_jsonl(rn, j, stdout) < 0)
		status = EXIT_TROUBLE;
	jsonl_close(j);
}

#define USAGE "usage: zb-norm [-q] [-R region] [-u units] [-i indicators] " \
	"[-g regions] [file ...]\n"

/* Print the usage: with the options on stdout, status 0, when asked. */
static void
usage(int asked)
{
	if (!asked) {
		fputs(USAGE, stderr);
		exit(EXIT_TROUBLE);
	}
	fputs(USAGE
	    "  -q             no summary of unknown units, indicators and "
	    "regions\n"
	    "  -R region      the region of records that name none\n"
	    "  -u units       more units (TSV: unit, canonical, factor, "
	    "dimension)\n"
	    "  -i indicators  more indicators (TSV, as data/indicators.tsv)\n"
	    "  -g regions     another gazetteer (TSV, as data/regions.tsv)\n"
	    "  -h, --help     this text; --version the version\n", stdout);
	exit(file_stdout_close() < 0 ? EXIT_TROUBLE : EXIT_OK);
}

int
main(int argc, char *argv[])
{
	const char *ufile = NULL, *ifile = NULL, *gfile = NULL, *region = NULL;
	const char *whole;
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct recnorm *rn;
	int c, i;

	zb_start(argc, argv);
	while ((c = getopt_long(argc, argv, "g:hi:qR:u:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'g': gfile = optarg; break;
		case 'h': usage(1); break;
		case 'i': ifile = optarg; break;
		case 'q': quiet = 1; break;
		case 'R': region = optarg; break;
		case 'u': ufile = optarg; break;
		default: usage(0);
		}
	}
	argc -= optind;
	argv += optind;
	fold_t2s_load((const char *)data_t2s, data_t2s_len);
	if ((rn = recnorm_new(ufile, ifile, gfile, region)) == NULL) {
		fold_t2s_free();
		return EXIT_TROUBLE;
	}
	/* the slow path, whose output the fast one must match, for tests */
	whole = getenv("ZB_NORM_WHOLE");
	recnorm_whole(rn, whole != NULL && *whole != '\0');
	if (argc == 0)
		do_input(rn, "-");
	for (i = 0; i < argc; i++)
		do_input(rn, argv[i]);
	if (!quiet)
		recnorm_summary(rn);
	recnorm_free(rn);
	fold_t2s_free();
	if (file_stdout_close() < 0)
		status = EXIT_TROUBLE;
	return status;
}
