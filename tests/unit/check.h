/*
 * check: the counters and checks the unit tests share.  Each test prints
 * "FAIL ..." per failed check and ends with its totals from fails and
 * checks.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>
#include <string.h>

static int	 fails, checks;

/* Count a check; a false ok fails it. */
static inline void
expect(int ok, const char *what)
{
	checks++;
	if (!ok) {
		printf("FAIL %s\n", what);
		fails++;
	}
}

/* Count a check of two strings, either of which may be NULL. */
static inline void
expect_str(const char *what, const char *got, const char *want)
{
	checks++;
	if (got != NULL && want != NULL ? strcmp(got, want) == 0 :
	    got == want)
		return;
	printf("FAIL %s: got \"%s\", want \"%s\"\n", what,
	    got != NULL ? got : "(null)", want != NULL ? want : "(null)");
	fails++;
}

#endif
