/*
 * zb-diff: the targets a new version of a document added, removed, changed.
 *
 * Memory stays bounded whatever the inputs' size: records are kept in a
 * spill (memory, then an unlinked temporary file) and matched through
 * sorts of short lines that refer to them (lib/dmatch.h says how).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "dmatch.h"
#include "dclaim.h"
#include "dout.h"
#include "fields.h"
#include "jsonl.h"
#include "spill.h"
#include "util.h"
#include "xsort.h"

enum format { FMT_JSONL, FMT_TEXT };

static enum format format = FMT_JSONL;
static int status = EXIT_OK;
static int colour;
static unsigned long nchanges;
static struct spill store;	/* the records read, by reference */

static const struct field_spec need[] = {
	{ "region", FT_STR | FT_NULL }, { "year", FT_INT | FT_NULL },
	{ "indicator", FT_STR | FT_NULL }, { "value", FT_NUM | FT_NULL },
	{ "value_max", FT_NUM | FT_NULL }, { "unit", FT_STR | FT_NULL },
	{ "cmp", FT_STR }, { "baseline_year", FT_INT | FT_NULL },
	{ "direction", FT_STR | FT_NULL }, { "kind", FT_STR },
	{ "qualifiers", FT_ARR }, { "quote", FT_STR }, { NULL, 0 }
};

/* ---- reading ------------------------------------------------------------ */

/*
 * Keep record o (line raw of input name) of side (0 OLD, 1 NEW), the
 * seq-th kept: its line in the store, its match line in A.  Returns 1, or
 * 0 when it lacks a field (reported).
 */
static int
keep(struct xsort *a, int side, size_t seq, json_t *o, const struct line *raw,
    const char *name)
{
	const char *bad;
	char ref[SPILL_REFLEN];

	if ((bad = fields_check(o, need)) != NULL) {
		zb_warnx("%s:%lu: missing or malformed field \"%s\"; "
		    "record skipped", name, raw->lineno, bad);
		status = EXIT_TROUBLE;
		return 0;
	}
	spill_put(&store, raw->data, raw->len, ref, sizeof(ref));
	dmatch_add(a, side, seq, o, ref);
	return 1;
}

/* Read path into A as side; returns -1 when it cannot be opened at all. */
static int
read_side(struct xsort *a, int side, const char *path)
{
	struct jsonl *j;
	struct line raw = { 0 };
	json_t *o;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	size_t seq = 0;
	int rc;

	if ((j = jsonl_open(path)) == NULL) {
		zb_warn("%s", name);
		status = EXIT_TROUBLE;
		return -1;
	}
	while ((rc = jsonl_next(j, &o, &raw)) != JSONL_END) {
		if (rc == JSONL_OK) {
			seq += keep(a, side, seq, o, &raw, name);
			json_decref(o);
		} else
			status = EXIT_TROUBLE;
		if (rc == JSONL_ERROR)
			break;
	}
	jsonl_close(j);
	return 0;
}

/* The record a reference names, parsed: a new reference. */
static json_t *
stored(const char *ref, size_t refn)
{
	json_error_t je;
	const char *p;
	size_t n;
	json_t *o;

	p = spill_get(&store, ref, refn, &n);
	if ((o = json_loadb(p, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
	    &je)) == NULL)
		zb_errx("internal error: a stored record: %s", je.text);
	return o;
}

/* ---- output ------------------------------------------------------------- */

static void
emit(const char *change, const json_t *a, const json_t *b, int occ)
{
	nchanges++;
	if (format == FMT_TEXT)
		dout_text(change, a, b, occ, colour);
	else if (dout_jsonl(change, a, b, occ) < 0)
		status = EXIT_TROUBLE;
}

/* Match and report NEW's additions and changes in its order, then OLD's
 * removals. */
static void
compare(struct xsort *a)
{
	struct dmatch_result r;
	struct xsort *d;
	json_t *o, *n;

	d = dmatch_run(a);
	spill_flush(&store);
	while (dmatch_next(d, &r)) {
		o = n = NULL;
		if (r.what == 'r')
			o = stored(r.ref, r.refn);
		else
			n = stored(r.ref, r.refn);
		if (r.what == 'c')
			o = stored(r.oldref, r.oldrefn);
		if (r.what == 'a')
			emit("added", NULL, n, r.occ);
		else if (r.what == 'r')
			emit("removed", o, NULL, r.occ);
		else if (dclaim_changes(o, n, NULL) != 0)
			emit("changed", o, n, r.occ);
		json_decref(o);
		json_decref(n);
	}
	xsort_free(d);
}

/* ---- main --------------------------------------------------------------- */

#define USAGE "usage: zb-diff [-f jsonl|text] old new\n"

/* Print the usage: with the options on stdout, status 0, when asked. */
static void
usage(int asked)
{
	if (!asked) {
		fputs(USAGE, stderr);
		exit(EXIT_TROUBLE);
	}
	fputs(USAGE
	    "  -f jsonl    one JSON object per change (default)\n"
	    "  -f text     one line per change: + added, - removed, "
	    "~ changed\n"
	    "  -h, --help  this text; --version the version\n"
	    "exit 0 no changes, 1 changes, 2 trouble\n", stdout);
	exit(file_stdout_close() < 0 ? EXIT_TROUBLE : EXIT_OK);
}

int
main(int argc, char *argv[])
{
	struct xsort *a;
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c, ok;

	zb_start(argc, argv);
	while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		if (c == 'h')
			usage(1);
		if (c != 'f')
			usage(0);
		if (strcmp(optarg, "jsonl") == 0)
			format = FMT_JSONL;
		else if (strcmp(optarg, "text") == 0)
			format = FMT_TEXT;
		else {
			zb_warnx("unknown format \"%s\"", optarg);
			usage(0);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2) {
		zb_warnx("%s operand", argc < 2 ? "missing" : "extra");
		usage(0);
	}
	if (strcmp(argv[0], "-") == 0 && strcmp(argv[1], "-") == 0)
		zb_errx("standard input can be only one of the operands");
	colour = format == FMT_TEXT && isatty(STDOUT_FILENO) &&
	    getenv("NO_COLOR") == NULL;
	a = xsort_new();
	ok = read_side(a, 0, argv[0]) == 0;
	ok &= read_side(a, 1, argv[1]) == 0;
	if (ok)
		compare(a);
	xsort_free(a);
	spill_free(&store);
	if (file_stdout_close() < 0)
		status = EXIT_TROUBLE;
	if (status == EXIT_OK && nchanges > 0)
		status = EXIT_NEGATIVE;
	return status;
}
