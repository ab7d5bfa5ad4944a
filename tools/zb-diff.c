/* zb-diff: the targets a new version of a document added, removed, changed. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "dec.h"
#include "fields.h"
#include "jsonl.h"
#include "util.h"

enum format { FMT_JSONL, FMT_TEXT };

/* One record of OLD or NEW. */
struct rec {
	json_t		*o;		/* owned */
	unsigned long	 line;
	size_t		 seq;		/* input order */
	long long	 offset;
	char		*key;		/* identity, owned */
	int		 occ;		/* 1-based among equal keys */
	struct rec	*peer;		/* matched record of the other side */
};

struct side {
	char		*name;
	struct rec	*r;
	size_t		 n;
};

static enum format format = FMT_JSONL;
static int status = EXIT_OK;
static int colour;
static unsigned long nchanges;

static const struct field_spec need[] = {
	{ "region", FT_STR | FT_NULL }, { "year", FT_INT | FT_NULL },
	{ "indicator", FT_STR | FT_NULL }, { "value", FT_NUM | FT_NULL },
	{ "value_max", FT_NUM | FT_NULL }, { "unit", FT_STR | FT_NULL },
	{ "cmp", FT_STR }, { "baseline_year", FT_INT | FT_NULL },
	{ "direction", FT_STR | FT_NULL }, { "kind", FT_STR },
	{ "qualifiers", FT_ARR }, { "quote", FT_STR }, { NULL, 0 }
};

/* The fields that count, as written and when both sides are normalized. */
static const char *const compared[] = {
	"value", "value_max", "unit", "cmp", "direction", "qualifiers", NULL
};
static const char *const compared_std[] = {
	"value_std", "value_max_std", "unit_std", "cmp", "direction",
	"qualifiers", NULL
};

/* ---- reading ------------------------------------------------------------ */

/* Identity: region, indicator, year, baseline year, kind. */
static char *
identity(const json_t *o)
{
	struct buf b = { 0 };
	const char *s;

	fields_key_part(&b, o, fields_str(o, "region_code") ? "region_code" :
	    "region");
	s = fields_indicator(o);
	buf_adds(&b, s != NULL ? s : "");
	buf_addc(&b, '\x1f');
	fields_key_part(&b, o, "year");
	fields_key_part(&b, o, "baseline_year");
	fields_key_part(&b, o, "kind");
	return b.data;
}

static void
keep(struct side *sd, json_t *o, unsigned long line)
{
	struct rec *r;
	const char *bad;

	if ((bad = fields_check(o, need)) != NULL) {
		zb_warnx("%s:%lu: missing or malformed field \"%s\"; "
		    "record skipped", sd->name, line, bad);
		status = EXIT_TROUBLE;
		json_decref(o);
		return;
	}
	sd->r = xreallocarray(sd->r, sd->n + 1, sizeof(*sd->r));
	r = &sd->r[sd->n];
	r->o = o;
	r->line = line;
	r->seq = sd->n++;
	r->offset = json_integer_value(json_object_get(o, "offset"));
	r->key = identity(o);
	r->occ = 0;
	r->peer = NULL;
}

/* Read path into sd; returns -1 when it cannot be opened at all. */
static int
read_side(struct side *sd, const char *path)
{
	struct jsonl *j;
	struct line raw = { 0 };
	json_t *o;
	int rc;

	sd->name = xstrdup(strcmp(path, "-") == 0 ? "<stdin>" : path);
	if ((j = jsonl_open(path)) == NULL) {
		zb_warn("%s", sd->name);
		status = EXIT_TROUBLE;
		return -1;
	}
	while ((rc = jsonl_next(j, &o, &raw)) != JSONL_END) {
		if (rc == JSONL_OK)
			keep(sd, o, raw.lineno);
		else
			status = EXIT_TROUBLE;
		if (rc == JSONL_ERROR)
			break;
	}
	jsonl_close(j);
	return 0;
}

/* ---- matching ----------------------------------------------------------- */

/* Document position: offset, then input order. */
static int
cmp_pos(const struct rec *x, const struct rec *y)
{
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
cmp_keypos(const void *a, const void *b)
{
	const struct rec *x = *(struct rec *const *)a;
	const struct rec *y = *(struct rec *const *)b;
	int c;

	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	return cmp_pos(x, y);
}

static int
cmp_pos_p(const void *a, const void *b)
{
	return cmp_pos(*(struct rec *const *)a, *(struct rec *const *)b);
}

/* Whether field f of a and b differs; numbers compare as decimals. */
static int
field_differs(const json_t *a, const json_t *b, const char *f)
{
	char x[FIELDS_NUMLEN], y[FIELDS_NUMLEN];
	const json_t *va = json_object_get(a, f), *vb = json_object_get(b, f);

	if (strcmp(f, "value") == 0) {
		fields_value(a, 0, x);
		fields_value(b, 0, y);
		return strcmp(x, y) != 0 && dec_cmp(x, y) != 0;
	}
	if (json_is_number(va) && json_is_number(vb)) {
		fields_num(a, f, x);
		fields_num(b, f, y);
		return dec_cmp(x, y) != 0;
	}
	if (va == NULL || vb == NULL)
		return !(json_is_null(va) || va == NULL) ||
		    !(json_is_null(vb) || vb == NULL);
	return !json_equal((json_t *)va, (json_t *)vb);
}

/* The changed fields of a against b into arr (when not NULL); a count. */
static int
changes(const json_t *a, const json_t *b, json_t *arr)
{
	const char *const *f;
	int n = 0;

	f = fields_normalized(a) && fields_normalized(b) ? compared_std :
	    compared;
	for (; *f != NULL; f++)
		if (field_differs(a, b, *f)) {
			n++;
			if (arr != NULL)
				json_array_append_new(arr, json_string(*f));
		}
	return n;
}

/*
 * Pair the records of one identity, o[0..no) and n[0..nn) in document
 * order: first those that say the same thing (a moved paragraph), then the
 * rest in order, as changes.
 */
static void
pair_bucket(struct rec **o, size_t no, struct rec **n, size_t nn)
{
	size_t i, k;
	int pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < nn; i++) {
			for (k = 0; k < no && n[i]->peer == NULL; k++) {
				if (o[k]->peer != NULL || (pass == 0 &&
				    changes(o[k]->o, n[i]->o, NULL) != 0))
					continue;
				o[k]->peer = n[i];
				n[i]->peer = o[k];
			}
		}
}

/* Records of sd sorted by identity, then position; occurrences set. */
static struct rec **
by_key(struct side *sd)
{
	struct rec **p;
	size_t i;

	p = xreallocarray(NULL, sd->n + 1, sizeof(*p));
	for (i = 0; i < sd->n; i++)
		p[i] = &sd->r[i];
	qsort(p, sd->n, sizeof(*p), cmp_keypos);
	for (i = 0; i < sd->n; i++)
		p[i]->occ = i > 0 && strcmp(p[i]->key, p[i - 1]->key) == 0 ?
		    p[i - 1]->occ + 1 : 1;
	return p;
}

static void
match(struct side *old, struct side *new)
{
	struct rec **o = by_key(old), **n = by_key(new);
	size_t i = 0, k = 0, ie, ke;
	int c;

	while (i < old->n && k < new->n) {
		c = strcmp(o[i]->key, n[k]->key);
		if (c < 0) {
			i++;
		} else if (c > 0) {
			k++;
		} else {
			for (ie = i; ie < old->n &&
			    strcmp(o[ie]->key, o[i]->key) == 0; ie++)
				;
			for (ke = k; ke < new->n &&
			    strcmp(n[ke]->key, n[k]->key) == 0; ke++)
				;
			pair_bucket(o + i, ie - i, n + k, ke - k);
			i = ie;
			k = ke;
		}
	}
	free(o);
	free(n);
}

/* ---- jsonl output ------------------------------------------------------- */

/* The compared fields of o, or null. */
static json_t *
claim(const json_t *o)
{
	json_t *r;
	size_t i;

	if (o == NULL)
		return json_null();
	r = json_object();
	for (i = 0; compared[i] != NULL; i++)
		json_object_set_new(r, compared[i], fields_get(o, compared[i]));
	for (i = 0; i < 3; i++)
		json_object_set_new(r, compared_std[i],
		    fields_get(o, compared_std[i]));
	return r;
}

static void
emit_jsonl(const char *change, const json_t *a, const json_t *b, int occ)
{
	const json_t *k = b != NULL ? b : a;
	json_t *r, *f;
	static const char *const keys[] = {
		"region", "region_code", "indicator", "indicator_id", "year",
		"baseline_year", "kind", NULL
	};
	size_t i;

	r = json_object();
	json_object_set_new(r, "change", json_string(change));
	for (i = 0; keys[i] != NULL; i++)
		json_object_set_new(r, keys[i], fields_get(k, keys[i]));
	json_object_set_new(r, "occurrence", json_integer(occ));
	f = json_array();
	if (a != NULL && b != NULL)
		changes(a, b, f);
	json_object_set_new(r, "fields", f);
	json_object_set_new(r, "old", claim(a));
	json_object_set_new(r, "new", claim(b));
	json_object_set_new(r, "old_quote", fields_get(a, "quote"));
	json_object_set_new(r, "new_quote", fields_get(b, "quote"));
	json_object_set_new(r, "old_line", fields_get(a, "line"));
	json_object_set_new(r, "new_line", fields_get(b, "line"));
	if (jsonl_write(stdout, r) < 0) {
		zb_warnx("cannot encode an output record");
		status = EXIT_TROUBLE;
	}
	json_decref(r);
}

/* ---- text output -------------------------------------------------------- */

/* "decrease ≥15%": direction, comparison, value, unit. */
static void
describe(struct buf *b, const json_t *o)
{
	const char *d = fields_str(o, "direction"), *u = fields_unit(o);

	if (d != NULL) {
		buf_adds(b, d);
		buf_addc(b, ' ');
	}
	fields_cell(b, o);
	if (u != NULL)
		buf_adds(b, u);
}

/* "吉林市 2025 能耗 (vs 2020) [table] #2" */
static void
describe_key(struct buf *b, const json_t *o, int occ)
{
	char t[FIELDS_NUMLEN];
	const char *s;

	s = fields_str(o, "region");
	buf_adds(b, s != NULL ? s : "-");
	buf_addc(b, ' ');
	buf_adds(b, fields_num(o, "year", t) == 0 ? t : "-");
	buf_addc(b, ' ');
	s = fields_str(o, "indicator");
	buf_adds(b, s != NULL ? s : "-");
	if (fields_num(o, "baseline_year", t) == 0) {
		buf_adds(b, " (vs ");
		buf_adds(b, t);
		buf_addc(b, ')');
	}
	s = fields_str(o, "kind");
	if (strcmp(s, "target") != 0) {
		buf_adds(b, " [");
		buf_adds(b, s);
		buf_addc(b, ']');
	}
	if (occ > 1) {
		snprintf(t, sizeof(t), " #%d", occ);
		buf_adds(b, t);
	}
}

static void
emit_text(const char *change, const json_t *a, const json_t *b, int occ)
{
	static const char *const col[] = { "32", "31", "33" };
	struct buf t = { 0 };
	json_t *f = json_array();
	size_t i, c = change[0] == 'a' ? 0 : change[0] == 'r' ? 1 : 2;

	buf_adds(&t, c == 0 ? "+ " : c == 1 ? "- " : "~ ");
	describe_key(&t, b != NULL ? b : a, occ);
	buf_adds(&t, ": ");
	if (a != NULL)
		describe(&t, a);
	if (a != NULL && b != NULL)
		buf_adds(&t, " \xe2\x86\x92 ");
	if (b != NULL)
		describe(&t, b);
	if (a != NULL && b != NULL) {
		changes(a, b, f);
		for (i = 0; i < json_array_size(f); i++) {
			buf_adds(&t, i == 0 ? " [" : ", ");
			buf_adds(&t, json_string_value(json_array_get(f, i)));
		}
		buf_adds(&t, "]");
	}
	if (colour)
		printf("\033[%sm%s\033[m\n", col[c], t.data);
	else
		printf("%s\n", t.data);
	json_decref(f);
	buf_free(&t);
}

static void
emit(const char *change, const struct rec *a, const struct rec *b)
{
	nchanges++;
	if (format == FMT_TEXT)
		emit_text(change, a ? a->o : NULL, b ? b->o : NULL,
		    b ? b->occ : a->occ);
	else
		emit_jsonl(change, a ? a->o : NULL, b ? b->o : NULL,
		    b ? b->occ : a->occ);
}

/* Report NEW's additions and changes in its order, then OLD's removals. */
static void
report(struct side *old, struct side *new)
{
	struct rec **p;
	size_t i;

	p = xreallocarray(NULL, new->n + old->n + 1, sizeof(*p));
	for (i = 0; i < new->n; i++)
		p[i] = &new->r[i];
	qsort(p, new->n, sizeof(*p), cmp_pos_p);
	for (i = 0; i < new->n; i++)
		if (p[i]->peer == NULL)
			emit("added", NULL, p[i]);
		else if (changes(p[i]->peer->o, p[i]->o, NULL) != 0)
			emit("changed", p[i]->peer, p[i]);
	for (i = 0; i < old->n; i++)
		p[i] = &old->r[i];
	qsort(p, old->n, sizeof(*p), cmp_pos_p);
	for (i = 0; i < old->n; i++)
		if (p[i]->peer == NULL)
			emit("removed", p[i], NULL);
	free(p);
}

/* ---- main --------------------------------------------------------------- */

static void
side_free(struct side *sd)
{
	size_t i;

	for (i = 0; i < sd->n; i++) {
		json_decref(sd->r[i].o);
		free(sd->r[i].key);
	}
	free(sd->r);
	free(sd->name);
}

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
	struct side old = { 0 }, new = { 0 };
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
	ok = read_side(&old, argv[0]) == 0;
	ok &= read_side(&new, argv[1]) == 0;
	if (ok) {
		match(&old, &new);
		report(&old, &new);
	}
	side_free(&old);
	side_free(&new);
	if (file_stdout_close() < 0)
		status = EXIT_TROUBLE;
	if (status == EXIT_OK && nchanges > 0)
		status = EXIT_NEGATIVE;
	return status;
}
