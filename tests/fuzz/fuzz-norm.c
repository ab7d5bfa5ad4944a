/*
 * fuzz-norm: zb-norm's record handling, whole, through lib/recnorm: the
 * tables loaded once, each input read as a file of records (output to
 * /dev/null).
 */
#include <stdio.h>
#include <stdlib.h>

#include "data.h"
#include "fold.h"
#include "jsonl.h"
#include "recnorm.h"
#include "util.h"

#include "fuzz.h"

static struct recnorm *rn;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	zb_setprog("fuzz-norm");
	if (freopen("/dev/null", "w", stdout) == NULL)
		abort();
	fold_t2s_load((const char *)data_t2s, data_t2s_len);
	if ((rn = recnorm_new(NULL, NULL, NULL, NULL)) == NULL)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jsonl *j;

	if ((j = jsonl_open(fuzz_file(data, size))) == NULL)
		abort();
	recnorm_jsonl(rn, j, stdout);
	jsonl_close(j);
	return 0;
}
