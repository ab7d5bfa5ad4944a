/*
 * fuzz-jsonl: the JSON-lines reader (jsonl_next, over a file as zb-norm,
 * zb-merge and zb-diff open it), then the record accessors zb-merge and
 * zb-diff use (fields_*) and jsonl_write on every object read.
 */
#include "fuzz.h"

#include "fields.h"
#include "jsonl.h"
#include "utf8.h"
#include "util.h"

static FILE	*null;

static const struct field_spec spec[] = {
	{ "region", FT_STR | FT_NULL }, { "year", FT_INT | FT_NULL },
	{ "value", FT_NUM | FT_NULL }, { "qualifiers", FT_ARR },
	{ "additive", FT_BOOL | FT_NULL }, { NULL, 0 }
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	zb_setprog("fuzz-jsonl");
	if ((null = fopen("/dev/null", "w")) == NULL)
		abort();
	return 0;
}

static void
use(const json_t *o)
{
	struct buf b = {0};
	char num[FIELDS_NUMLEN];
	const char *s;

	(void)fields_check(o, spec);
	(void)fields_normalized(o);
	(void)fields_indicator(o);
	(void)fields_unit(o);
	s = fields_doc(o);
	FUZZ_ASSERT(s != NULL);
	if (fields_num(o, "value", num) == 0)
		FUZZ_ASSERT(strlen(num) < FIELDS_NUMLEN);
	(void)fields_value(o, 0, num);
	(void)fields_value(o, 1, num);
	(void)fields_cmpsym(fields_str(o, "cmp"));
	fields_cell(&b, o);
	FUZZ_ASSERT(b.len == 0 || utf8_check(b.data, b.len) == b.len);
	buf_free(&b);
	jsonl_write(null, o);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jsonl *j;
	struct line raw;
	json_t *o;
	int rc;

	if ((j = jsonl_open(fuzz_file(data, size))) == NULL)
		abort();
	while ((rc = jsonl_next(j, &o, &raw)) != JSONL_END &&
	    rc != JSONL_ERROR) {
		if (rc == JSONL_OK) {
			FUZZ_ASSERT(json_is_object(o));
			use(o);
			json_decref(o);
		} else
			FUZZ_ASSERT(o == NULL && raw.data != NULL);
	}
	jsonl_close(j);
	return 0;
}
