/*
 * test-dmatch: zb-diff's claims (lib/dclaim.c), sort lines (dline.c),
 * mixed pairing (dmixed.c) and the matching through sorts (dmatch.c), on
 * records built here, in memory and through sort(1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dclaim.h"
#include "dline.h"
#include "dmatch.h"
#include "dmixed.h"
#include "util.h"
#include "xsort.h"

static int fail, n;

static void
check(const char *what, const char *got, const char *want)
{
	n++;
	if (strcmp(got, want) == 0)
		return;
	printf("test-dmatch: %s\n  got  %s\n  want %s\n", what, got, want);
	fail++;
}

static json_t *
rec(const char *extra)
{
	char t[1024];
	json_t *o;

	snprintf(t, sizeof(t), "{\"region\":\"吉林市\",\"year\":2025,"
	    "\"indicator\":\"能耗\",\"value\":10,\"value_max\":null,"
	    "\"unit\":\"%%\",\"cmp\":\"le\",\"baseline_year\":null,"
	    "\"direction\":null,\"kind\":\"target\",\"qualifiers\":[],"
	    "\"quote\":\"q\",\"offset\":0%s%s}", *extra ? "," : "", extra);
	if ((o = json_loads(t, 0, NULL)) == NULL)
		abort();
	return o;
}

/* The changes of b against a, "," between; and whether claims agree. */
static void
test_change(const char *ea, const char *eb, const char *want)
{
	json_t *a = rec(ea), *b = rec(eb), *f = json_array();
	struct buf got = { 0 }, ca = { 0 }, cb = { 0 };
	size_t i;

	dclaim_changes(a, b, f);
	for (i = 0; i < json_array_size(f); i++) {
		buf_adds(&got, i > 0 ? "," : "");
		buf_adds(&got, json_string_value(json_array_get(f, i)));
	}
	buf_adds(&got, "");
	check(eb, got.data, want);
	dclaim_text(&ca, a, dclaim_written);
	dclaim_text(&cb, b, dclaim_written);
	n++;
	if ((ca.len == cb.len && memcmp(ca.data, cb.data, ca.len) == 0) !=
	    (dclaim_changes(a, b, NULL) == 0)) {
		printf("test-dmatch: claim text and changes disagree: %s\n",
		    eb);
		fail++;
	}
	json_decref(a);
	json_decref(b);
	json_decref(f);
	buf_free(&got);
	buf_free(&ca);
	buf_free(&cb);
}

static void
test_lines(void)
{
	struct buf b = { 0 };
	struct dfields f;

	dline_esc(&b, "a\tb%c\n", 6);
	check("escaped", b.data, "a%09b%25c%0A");
	dline_add(&b, "x", 1);
	dline_add(&b, "", 0);
	dline_split(&f, b.data, b.len, 3);
	check("split", f.nf == 3 && dline_eq(&f, 1, "x") &&
	    dline_eq(&f, 2, "") ? "yes" : "no", "yes");
	buf_free(&b);
}

/* dmixed_pair()'s rest: the positions left, " " between. */
static void
rest(void *arg, const struct dfields *f)
{
	struct buf *b = arg;

	if (b->len > 0)
		buf_addc(b, ' ');
	buf_add(b, f->p[3], f->n[3]);
	buf_add(b, f->p[4], f->n[4]);
}

/* B lines: identity, 1, claim, side, position, occ, ref, norm, std. */
static void
test_mixed(void)
{
	static const char *const lines[] = {
		"k\t1\tw1\t0\t01\t1\tr\t1\ts1",	/* OLD normalized */
		"k\t1\tw2\t0\t02\t2\tr\t0\t",	/* OLD as written */
		"k\t1\tw9\t1\t01\t1\tr\t1\ts1",	/* NEW: same std claim */
		"k\t1\tw2\t1\t02\t2\tr\t1\ts2",	/* NEW: same as written */
		"k\t1\tw3\t1\t03\t3\tr\t0\t",	/* NEW: nothing says it */
	};
	struct dmixed mx = { 0 };
	struct buf left = { 0 };
	struct dfields f;
	size_t i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		dline_split(&f, lines[i], strlen(lines[i]), 9);
		dmixed_add(&mx, &f, lines[i], strlen(lines[i]));
	}
	dmixed_pair(&mx, rest, &left);
	buf_adds(&left, "");
	check("mixed: what is left", left.data, "103");
	dmixed_free(&mx);
	buf_free(&left);
}

/* Match OLD values against NEW ones (same identity): the results. */
static void
test_match(const char *sortbuf)
{
	static const int old[] = { 10, 20, 30 }, new[] = { 20, 40, 10, 50 };
	struct dmatch_result r;
	struct xsort *a, *d;
	struct buf got = { 0 };
	char t[64], ref[32];
	json_t *o;
	size_t i;

	setenv("ZB_SORT_BUFFER", sortbuf, 1);
	a = xsort_new();
	for (i = 0; i < 7; i++) {
		snprintf(t, sizeof(t), "\"value\":%d,\"offset\":%zu",
		    i < 3 ? old[i] : new[i - 3], i % 3);
		o = rec(t);
		snprintf(ref, sizeof(ref), "%s%d", i < 3 ? "o" : "n",
		    i < 3 ? old[i] : new[i - 3]);
		dmatch_add(a, i >= 3, i < 3 ? i : i - 3, o, ref);
		json_decref(o);
	}
	d = dmatch_run(a);
	while (dmatch_next(d, &r)) {
		snprintf(t, sizeof(t), "%s%c%d:%.*s%s%.*s", got.len ? " " : "",
		    r.what, r.occ, (int)r.refn, r.ref, r.oldref ? "<" : "",
		    (int)r.oldrefn, r.oldref ? r.oldref : "");
		buf_adds(&got, t);
	}
	/* NEW by position: 20, 50, 40, 10 (occurrences 1-4) */
	check(sortbuf, got.data, "c2:n50<o30 a3:n40");
	xsort_free(a);
	xsort_free(d);
	buf_free(&got);
}

int
main(void)
{
	zb_setprog("test-dmatch");
	test_change("", "\"value\":10.0", "");
	test_change("", "\"value\":11", "value");
	test_change("", "\"cmp\":\"lt\",\"unit\":\"‰\"", "unit,cmp");
	test_change("", "\"qualifiers\":[\"力争\"]", "qualifiers");
	test_change("\"value_std\":0.1,\"unit_std\":\"%\"",
	    "\"value_std\":0.10,\"unit_std\":\"%\",\"value\":9", "");
	test_change("\"value_max\":1e1", "\"value_max\":10", "");
	test_change("\"extra\":{\"b\":1,\"a\":[2]}", "", "");
	test_lines();
	test_mixed();
	test_match("1048576");
	test_match("0");
	printf("test-dmatch: %d passed, %d failed\n", n - fail, fail);
	return fail != 0;
}
