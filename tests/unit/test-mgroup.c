/*
 * test-mgroup: zb-merge's statements, region keys, groups and conflicts
 * (lib/mgroup.c, lib/mconflict.c), and the order-keeping escape of its
 * sort lines (lib/mline.c), on records built here; in memory and, with
 * $ZB_SORT_BUFFER=0, through sort(1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "data.h"
#include "fields.h"
#include "gazetteer.h"
#include "mconflict.h"
#include "mgroup.h"
#include "mline.h"
#include "util.h"

static int fail, n;

static void
check(const char *what, const char *got, const char *want)
{
	n++;
	if (strcmp(got, want) == 0)
		return;
	printf("test-mgroup: %s\n  got  %s\n  want %s\n", what, got, want);
	fail++;
}

static void
checki(const char *what, long got, long want)
{
	char g[32], w[32];

	snprintf(g, sizeof(g), "%ld", got);
	snprintf(w, sizeof(w), "%ld", want);
	check(what, g, w);
}

/* A record: kind target, with the JSON members extra added. */
static json_t *
rec(const char *extra)
{
	char t[1024];
	json_t *o;

	snprintf(t, sizeof(t), "{\"source\":\"s\",\"region\":null,"
	    "\"year\":2025,\"indicator\":\"能耗\",\"value\":10,"
	    "\"value_max\":null,\"unit\":\"%%\",\"cmp\":\"le\","
	    "\"baseline_year\":null,\"direction\":null,\"kind\":\"target\","
	    "\"quote\":\"q\",\"offset\":0%s%s}", *extra ? "," : "", extra);
	if ((o = json_loads(t, 0, NULL)) == NULL)
		abort();
	return o;
}

/* Group keys: only what the group is counts; "" and null are apart. */
static void
test_keys(void)
{
	json_t *a = rec(""), *b = rec("\"region\":\"吉林市\",\"quote\":\"x\"");
	json_t *c = rec("\"year\":2030");
	char *ka = mgroup_key(a), *kb = mgroup_key(b), *kc = mgroup_key(c);

	check("key: region and quote do not count", ka, kb);
	checki("key: the year counts", strcmp(ka, kc) != 0, 1);
	free(ka);
	free(kb);
	free(kc);
	json_decref(a);
	json_decref(b);
	json_decref(c);
}

/* Claims: value, upper bound and comparison; the newest dated wins. */
static void
test_claims(void)
{
	json_t *a = rec(""), *b = rec("\"value\":10.0"), *c = rec("\"cmp\":\"lt\"");
	json_t *d = rec("\"value_max\":12");

	checki("claim: 10 and 10.0", mconflict_same_claim(a, b), 1);
	checki("claim: le and lt", mconflict_same_claim(a, c), 0);
	checki("claim: an upper bound", mconflict_same_claim(a, d), 0);
	json_decref(a);
	json_decref(b);
	json_decref(c);
	json_decref(d);
}

/* Region labels of the statements of group g, entry by entry. */
static void
entries(const struct mgroup *g, struct buf *b)
{
	const char *s;
	size_t k;

	buf_clear(b);
	for (k = 0; k < g->ne; k++) {
		s = fields_str(g->e[k].s->o, "region");
		buf_adds(b, k > 0 ? " " : "");
		buf_adds(b, s != NULL ? s : "-");
		buf_adds(b, ":");
		buf_adds(b, g->e[k].s->rkey);
		if (g->e[k].conflict)
			buf_adds(b, "!");
	}
}

/* rec(extra) as read: its line */
static void
add(struct merge *m, const char *extra)
{
	json_t *o = rec(extra);
	char *raw = json_dumps(o, JSON_COMPACT);

	mgroup_add(m, o, raw, strlen(raw));
	free(raw);
}

static void
test_groups(const struct gazetteer *gz)
{
	struct merge m;
	const struct mgroup *g;
	struct buf b = { 0 };
	const struct mstmt **c;
	int current;

	mgroup_init(&m, gz);
	/* a document whose region is 吉林省; its 市本级 takes that parent */
	add(&m, "\"region\":\"吉林省\",\"region_code\":\"220000\","
	    "\"sha256\":\"d1\",\"issued\":\"2022-01-01\"");
	add(&m, "\"region\":\"市本级\",\"sha256\":\"d1\",\"offset\":5");
	/* d1 states it again, later in the text: not its claim */
	add(&m, "\"region\":\"市本级\",\"sha256\":\"d1\",\"offset\":9,"
	    "\"value\":99");
	/* 长春市 by name only: ordered by the gazetteer's code */
	add(&m, "\"region\":\"长春市\",\"sha256\":\"d2\","
	    "\"issued\":\"2021-01-01\"");
	add(&m, "\"region\":\"吉林省\",\"region_code\":\"220000\","
	    "\"sha256\":\"d3\",\"value\":12,\"issued\":\"2023-05-01\"");
	add(&m, "\"region\":\"某新区\"");
	add(&m, "\"kind\":\"fact\"");
	add(&m, "\"year\":2030");
	checki("facts are not kept", (long)m.nstmt, 7);
	mgroup_done(&m);
	g = mgroup_next(&m);
	checki("a first group", g != NULL, 1);
	entries(g, &b);
	check("entries by code, then name", b.data,
	    "吉林省:220000! 市本级:220000/市本级 长春市:长春市 某新区:某新区");
	checki("a document's first statement is its claim",
	    json_integer_value(json_object_get(g->e[1].s->o, "value")), 10);
	check("the parent inferred", g->e[1].s->pcode, "220000");
	checki("the newest claim is chosen",
	    json_integer_value(json_object_get(g->e[0].s->o, "value")), 12);
	checki("the conflict's claims", (long)mconflict_claims(&g->e[0], m.st,
	    &c, &current), 2);
	check("oldest first", fields_str(c[0]->o, "issued"), "2022-01-01");
	checki("the newest is current", current, 1);
	free(c);
	checki("长春市 ranks as known", g->e[2].s->rank, 0);
	checki("某新区 ranks as a name", g->e[3].s->rank, 1);
	g = mgroup_next(&m);
	entries(g, &b);
	check("no region", b.data, "-:");
	checki("two groups", mgroup_next(&m) == NULL, 1);
	mgroup_free(&m);
	buf_free(&b);
}

/* Escaped fields sort as strcmp() orders them: "a" < "a\x01" < "a\x1f" <
 * "a " < "a\xe4", and a field before any longer one it begins. */
static void
test_lines(void)
{
	static const char *const f[] = { "a", "a\x01", "a\x02" "b", "a\n",
		"a\x1f", "a ", "a~", "a\xe4" };
	struct buf x = { 0 }, y = { 0 };
	struct mfields mf;
	char *u;
	size_t i, nf = sizeof(f) / sizeof(f[0]);
	int c, ok = 1;

	for (i = 0; i + 1 < nf; i++) {
		buf_clear(&x);
		buf_clear(&y);
		mline_esc(&x, f[i], strlen(f[i]));
		mline_hex(&x, 2);
		mline_esc(&y, f[i + 1], strlen(f[i + 1]));
		mline_hex(&y, 1);
		c = memcmp(x.data, y.data, x.len < y.len ? x.len : y.len);
		ok &= c < 0 && strchr(x.data, '\n') == NULL;
		mline_split(&mf, x.data, x.len, 2, 2);
		u = mline_unesc(&mf, 0);
		ok &= strcmp(u, f[i]) == 0 && mline_num(&mf, 1) == 2;
		free(u);
	}
	checki("escaped fields keep their order", ok, 1);
	buf_free(&x);
	buf_free(&y);
}

int
main(void)
{
	struct gazetteer gz = { 0 };

	zb_setprog("test-mgroup");
	gazetteer_load(&gz, (const char *)data_regions, data_regions_len);
	test_keys();
	test_claims();
	test_groups(&gz);
	test_lines();
	gazetteer_free(&gz);
	printf("test-mgroup: %d passed, %d failed\n", n - fail, fail);
	return fail != 0;
}
