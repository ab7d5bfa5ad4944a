/*
 * zb-merge: many regions' target records -> one table, roll-ups, conflicts.
 *
 * Memory stays bounded whatever the input's size: statements go through a
 * keyed sort (in memory, then sort(1) and temporary files) and come back
 * a group at a time (lib/mgroup.h); the wide table keeps its rows on a
 * tape until its columns are known (lib/mwide.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "data.h"
#include "fields.h"
#include "jsonl.h"
#include "gazetteer.h"
#include "mgroup.h"
#include "mrecord.h"
#include "mtable.h"
#include "mwide.h"
#include "rollup.h"
#include "util.h"

enum format { FMT_JSONL, FMT_WIDE, FMT_LONG, FMT_FLAT };

static enum format format = FMT_JSONL;
static int csv;			/* tables: CSV, else TSV */
static int numeric;		/* -n: wide cells are bare numbers */
static int status = EXIT_OK;
static struct gazetteer gz;
static struct merge merge;	/* statements and groups (lib/mgroup) */
static const char *const *const flat_names = mtable_flat_names;

static const struct field_spec need[] = {
	{ "source", FT_STR }, { "region", FT_STR | FT_NULL },
	{ "year", FT_INT | FT_NULL }, { "indicator", FT_STR | FT_NULL },
	{ "value", FT_NUM | FT_NULL }, { "value_max", FT_NUM | FT_NULL },
	{ "unit", FT_STR | FT_NULL }, { "cmp", FT_STR },
	{ "baseline_year", FT_INT | FT_NULL },
	{ "direction", FT_STR | FT_NULL }, { "kind", FT_STR },
	{ "quote", FT_STR }, { NULL, 0 }
};

/* ---- reading ------------------------------------------------------------ */

/* The table writers' settings, from the options. */
static struct mtable
table(void)
{
	struct mtable t = { csv, numeric };

	return t;
}

/* Keep record o, line raw of input name: a flat row, else a statement;
 * takes o. */
static void
keep(json_t *o, const char *name, const struct line *raw)
{
	struct mtable t = table();
	const char *bad;

	if ((bad = fields_check(o, need)) != NULL) {
		zb_warnx("%s:%lu: missing or malformed field \"%s\"; "
		    "record skipped", name, raw->lineno, bad);
		status = EXIT_TROUBLE;
		json_decref(o);
		return;
	}
	if (format == FMT_FLAT) {
		mtable_flat(&t, o);
		json_decref(o);
		return;
	}
	mgroup_add(&merge, o, raw->data, raw->len);
}

static void
read_input(const char *path)
{
	struct jsonl *j;
	struct line raw = { 0 };
	json_t *o;
	int rc;

	if ((j = jsonl_open(path)) == NULL) {
		zb_warn("%s", strcmp(path, "-") == 0 ? "<stdin>" : path);
		status = EXIT_TROUBLE;
		return;
	}
	while ((rc = jsonl_next(j, &o, &raw)) != JSONL_END) {
		if (rc == JSONL_OK)
			keep(o, jsonl_name(j), &raw);
		else
			status = EXIT_TROUBLE;
		if (rc == JSONL_ERROR)
			break;
	}
	jsonl_close(j);
}

static void
load_gazetteer(void)
{
	gazetteer_load(&gz, (const char *)data_regions, data_regions_len);
}

/* ---- output ------------------------------------------------------------- */

/* A group's record, then its roll-ups, then its conflicts. */
static void
output_jsonl(const struct mgroup *g)
{
	size_t k;
	int rc = 0;

	rc |= mrecord_group(&merge, g);
	for (k = 0; k < g->ne; k++)
		if (fields_str(g->e[k].s->o, "region_code") != NULL &&
		    rollup_summable(g->e[k].s->o))
			rc |= rollup_write(&merge, g, &g->e[k]);
	for (k = 0; k < g->ne; k++)
		if (g->e[k].conflict)
			rc |= mrecord_conflict(&merge, &g->e[k]);
	if (rc != 0)
		status = EXIT_TROUBLE;
}

/* Sort the statements, then write the groups as they come. */
static void
output(void)
{
	struct mtable t = table();
	const struct mgroup *g;
	struct mwide *w = NULL;

	mgroup_done(&merge);
	if (format == FMT_WIDE)
		w = mwide_new(&t, &gz);
	else if (format == FMT_LONG)
		mtable_long_head(&t);
	while ((g = mgroup_next(&merge)) != NULL) {
		if (format == FMT_JSONL)
			output_jsonl(g);
		else if (format == FMT_WIDE)
			mwide_group(w, &merge, g);
		else
			mtable_long(&t, &merge, g);
	}
	if (w != NULL)
		mwide_end(w);
	mwide_free(w);
}

static void
put_names(const char *const *hdr, int last)
{
	struct mtable t = table();

	mtable_names(&t, hdr, last);
}

/* ---- main --------------------------------------------------------------- */

static void
cleanup(void)
{
	mgroup_free(&merge);
	gazetteer_free(&gz);
}

#define USAGE "usage: zb-merge [--bom] [-f jsonl|tsv|csv|long|flat] [-n] " \
	"[file ...]\n"

/* Print the usage: with the options on stdout, status 0, when asked. */
static void
usage(int asked)
{
	if (!asked) {
		fputs(USAGE, stderr);
		exit(EXIT_TROUBLE);
	}
	fputs(USAGE
	    "  --bom      start a table with a UTF-8 byte order mark (Excel)\n"
	    "  -f jsonl   group, rollup and conflict records (default)\n"
	    "  -f tsv     wide table, a column per region (also -f csv)\n"
	    "  -f long    CSV, a row per region, indicator and year\n"
	    "  -f flat    CSV, a row per record read, arrays joined by ;\n"
	    "  -n         wide table cells as bare numbers, with max, cmp\n"
	    "             and conflict columns per region\n"
	    "  -h, --help this text; --version the version\n", stdout);
	exit(file_stdout_close() < 0 ? EXIT_TROUBLE : EXIT_OK);
}

/* Set the output format from -f's argument, or exit with the usage. */
static void
set_format(const char *f)
{
	csv = 1;
	if (strcmp(f, "jsonl") == 0)
		format = FMT_JSONL;
	else if (strcmp(f, "tsv") == 0 || strcmp(f, "csv") == 0) {
		format = FMT_WIDE;
		csv = strcmp(f, "csv") == 0;
	} else if (strcmp(f, "long") == 0)
		format = FMT_LONG;
	else if (strcmp(f, "flat") == 0)
		format = FMT_FLAT;
	else {
		zb_warnx("unknown format \"%s\"", f);
		usage(0);
	}
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "bom", no_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c, i, bom = 0;

	zb_start(argc, argv);
	while ((c = getopt_long(argc, argv, "f:hn", longopts, NULL)) != -1) {
		if (c == 'h')
			usage(1);
		else if (c == 'f')
			set_format(optarg);
		else if (c == 'n')
			numeric = 1;
		else if (c == 'B')
			bom = 1;
		else
			usage(0);
	}
	if (bom && format == FMT_JSONL)
		zb_errx("--bom is for tables (-f tsv, csv, long or flat)");
	if (numeric && format != FMT_WIDE)
		zb_errx("-n is for wide tables (-f tsv or csv)");
	argc -= optind;
	argv += optind;
	load_gazetteer();
	if (format != FMT_FLAT)
		mgroup_init(&merge, &gz);
	if (bom)
		fputs("\xef\xbb\xbf", stdout);
	if (format == FMT_FLAT)
		put_names(flat_names, 1);
	if (argc == 0)
		read_input("-");
	for (i = 0; i < argc; i++)
		read_input(argv[i]);
	if (format != FMT_FLAT)
		output();
	cleanup();
	if (file_stdout_close() < 0)
		status = EXIT_TROUBLE;
	return status;
}
