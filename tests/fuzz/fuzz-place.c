/*
 * fuzz-place: the region resolver and the gazetteer's searches.  The
 * first byte picks the context region (0: none), the rest is the name
 * as a record writes it, and the text searched.
 */
#include "fuzz.h"

#include "data.h"
#include "fold.h"
#include "place.h"
#include "gazetteer.h"
#include "utf8.h"
#include "util.h"

static struct gazetteer	 gz;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	zb_setprog("fuzz-place");
	fold_t2s_load((const char *)data_t2s, data_t2s_len);
	gazetteer_load(&gz, (const char *)data_regions, data_regions_len);
	if (gz.n == 0)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct region *ctx = NULL, *r;
	const struct region *named[4];
	struct place p;
	char *name;
	size_t at, i;

	if (size == 0)
		return 0;
	/* Context: none, or a region spread across the gazetteer. */
	if (data[0] != 0)
		ctx = &gz.v[(size_t)data[0] * 37 % gz.n];
	name = fuzz_str(data + 1, size - 1);
	memset(&p, 0, sizeof(p));
	switch (place_resolve(&gz, name, ctx, &p)) {
	case PLACE_NAME:
	case PLACE_CONTEXT:
	case PLACE_ABBREV:
		FUZZ_ASSERT(p.r != NULL);
		FUZZ_ASSERT(gazetteer_code(&gz, p.r->code) == p.r);
		break;
	case PLACE_AMBIGUOUS:
		FUZZ_ASSERT(p.ncand >= 2 && p.ncand <= PLACE_MAXCAND);
		for (i = 0; i < p.ncand; i++)
			FUZZ_ASSERT(p.cand[i] != NULL);
		break;
	default:
		break;
	}
	(void)gazetteer_named(&gz, name, named, 4);
	if (utf8_check(name, size - 1) == size - 1) {
		r = gazetteer_find(&gz, name, size - 1, &at);
		FUZZ_ASSERT(r == NULL || at + strlen(r->name) <= size - 1);
		(void)gazetteer_prefix(&gz, name, size - 1);
		(void)gazetteer_find_short(&gz, name, size - 1, "prefecture");
		(void)gazetteer_find_short(&gz, name, size - 1, "county");
	}
	free(name);
	return 0;
}
