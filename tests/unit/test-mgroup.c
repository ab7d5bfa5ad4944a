/*
 * test-mgroup: zb-merge's statements, region keys, groups and conflicts
 * (lib/mgroup.c, lib/mconflict.c), on records built here.
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

/* Region labels of the statements of group gi, entry by entry. */
static void
entries(const struct merge *m, size_t gi, struct buf *b)
{
	const struct mgroup *g = &m->groups[gi];
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

static void
test_groups(const struct gazetteer *gz)
{
	struct merge m = { 0 };
	struct buf b = { 0 };
	const struct mstmt **c;
	int current;
	size_t k;

	m.gz = gz;
	/* a document whose region is 吉林省; its 市本级 takes that parent */
	mgroup_add(&m, rec("\"region\":\"吉林省\",\"region_code\":\"220000\","
	    "\"sha256\":\"d1\",\"issued\":\"2022-01-01\""), "in", 1);
	mgroup_add(&m, rec("\"region\":\"市本级\",\"sha256\":\"d1\","
	    "\"offset\":5"), "in", 2);
	/* 长春市 by name only: ordered by the gazetteer's code */
	mgroup_add(&m, rec("\"region\":\"长春市\",\"sha256\":\"d2\","
	    "\"issued\":\"2021-01-01\""), "in", 3);
	mgroup_add(&m, rec("\"region\":\"吉林省\",\"region_code\":\"220000\","
	    "\"sha256\":\"d3\",\"value\":12,\"issued\":\"2023-05-01\""),
	    "in", 4);
	mgroup_add(&m, rec("\"region\":\"某新区\""), "in", 5);
	mgroup_add(&m, rec("\"kind\":\"fact\""), "in", 6);
	mgroup_add(&m, rec("\"year\":2030"), "in", 7);
	checki("facts are not kept", (long)m.nst, 6);
	mgroup_build(&m);
	checki("groups", (long)m.ngroups, 2);
	entries(&m, 0, &b);
	check("entries by code, then name", b.data,
	    "吉林省:220000! 市本级:220000/市本级 长春市:长春市 某新区:某新区");
	entries(&m, 1, &b);
	check("no region", b.data, "-:");
	k = 0;
	checki("the newest claim is chosen",
	    json_integer_value(json_object_get(m.groups[0].e[k].s->o,
	    "value")), 12);
	checki("the conflict's claims", (long)mconflict_claims(
	    &m.groups[0].e[0], m.st, &c, &current), 2);
	check("oldest first", fields_str(c[0]->o, "issued"), "2022-01-01");
	checki("the newest is current", current, 1);
	free(c);
	checki("长春市 ranks as known", m.groups[0].e[2].s->rank, 0);
	checki("某新区 ranks as a name", m.groups[0].e[3].s->rank, 1);
	mgroup_free(&m);
	buf_free(&b);
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
	gazetteer_free(&gz);
	printf("test-mgroup: %d passed, %d failed\n", n - fail, fail);
	return fail != 0;
}
