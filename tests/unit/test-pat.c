/*
 * test-pat: the PCRE2 wrapper (lib/pat.c): compile errors with offsets,
 * named groups, and match data owned by the caller, so one match cannot
 * clobber another's groups.
 */
#include <stdio.h>
#include <string.h>

#include "pat.h"
#include "util.h"

static int fail, n;

static void
check(int ok, const char *what)
{
	n++;
	if (!ok) {
		printf("FAIL %s\n", what);
		fail++;
	}
}

static int
count_names(const char *name, void *arg)
{
	(void)name;
	(*(int *)arg)++;
	return 0;
}

int
main(void)
{
	struct pat a, b, bad;
	struct pmatch ma, mb;
	const char *s = "到2025年，风电装机达到6000万千瓦";
	char err[300];
	size_t gs = 0, ge = 0, ms, me;
	int names = 0;

	zb_setprog("test-pat");
	check(pat_compile(&bad, "(?<v>\\d+", 8, 0, err, sizeof(err)) < 0,
	    "an unclosed group is refused");
	check(strstr(err, "at offset 8") != NULL, "the error names the offset");
	check(pat_compile(&a, "(?<year>\\d{4})年", strlen("(?<year>\\d{4})年"),
	    0, err, sizeof(err)) == 0, "a year pattern compiles");
	check(pat_compile(&b, "(?<a>x)?(?<b>y)?(?<val>\\d+)(?<unit>万千瓦)",
	    strlen("(?<a>x)?(?<b>y)?(?<val>\\d+)(?<unit>万千瓦)"), 0, err,
	    sizeof(err)) == 0, "a value pattern compiles");
	pmatch_init(&ma, 8);
	pmatch_init(&mb, 8);
	check(pat_match(&a, &ma, s, strlen(s), 0) == 1, "the year matches");
	/* another pattern matching into other match data */
	check(pat_match(&b, &mb, s, strlen(s), 0) == 1, "the value matches");
	check(pat_group(&a, &ma, "year", &gs, &ge) == 1 &&
	    ge - gs == 4 && memcmp(s + gs, "2025", 4) == 0,
	    "the year's group survives the other match");
	check(pat_group(&b, &mb, "val", &gs, &ge) == 1 &&
	    memcmp(s + gs, "6000", 4) == 0, "the value's group");
	check(pat_group(&b, &mb, "a", &gs, &ge) == 0, "an unset group is 0");
	check(pat_group(&b, &mb, "nope", &gs, &ge) == 0, "an unknown name is 0");
	pat_span(&ma, &ms, &me);
	check(ms == 3 && me == 10, "the overall span");
	check(pat_match(&a, &ma, s, strlen(s), 4) == 0, "no match from 4");
	check(pat_match(&a, &ma, s, 3, 9) == 0, "start past the end: none");
	pat_names(&b, count_names, &names);
	check(names == 4, "four group names");
	pmatch_free(&ma);
	pmatch_free(&mb);
	pat_free(&a);
	pat_free(&b);
	pat_free(NULL);
	printf("test-pat: %d checks, %d failed\n", n, fail);
	return fail != 0;
}
