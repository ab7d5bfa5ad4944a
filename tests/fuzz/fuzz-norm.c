/*
 * fuzz-norm: zb-norm's record handling, whole: the tool's source is
 * included with its main() renamed, the tables loaded once, and each input
 * read as a file of records (output to /dev/null).
 */
int zb_norm_main(int, char *[]);
#define main zb_norm_main
#include "../../tools/zb-norm.c"
#undef main

#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	zb_setprog("fuzz-norm");
	if (freopen("/dev/null", "w", stdout) == NULL)
		abort();
	fold_t2s_load((const char *)data_t2s, data_t2s_len);
	load_tables(NULL, NULL, NULL, NULL);
	quiet = 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	do_input(fuzz_file(data, size));
	return 0;
}
