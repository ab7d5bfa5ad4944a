/*
 * fuzz-extract: the text reader and the extractor with the embedded rules
 * over arbitrary bytes, the way zb-extract reads a text file.  The first
 * byte picks options: bit 0 a small line cap (so lines are cut into
 * pieces), bit 1 a region hint, bit 2 the first line as the title.
 */
#include "fuzz.h"

#include "data.h"
#include "extract.h"
#include "fold.h"
#include "reader.h"
#include "gazetteer.h"
#include "rules.h"
#include "utf8.h"
#include "util.h"

static struct ruleset	 rs;
static struct gazetteer	 gz;
static struct extractor	*ex;
static FILE		*null;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	zb_setprog("fuzz-extract");
	if (ruleset_load(&rs, (const char *)data_rules, data_rules_len,
	    "rules.txt") != 0 || ruleset_compile(&rs) != 0)
		abort();
	fold_t2s_load((const char *)data_t2s, data_t2s_len);
	gazetteer_load(&gz, (const char *)data_regions, data_regions_len);
	if ((null = fopen("/dev/null", "w")) == NULL)
		abort();
	ex = extract_new(&rs, &gz, null);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct docinfo d = { 0 };
	struct reader *r;
	struct line l;
	const uint8_t *nl;
	char *title = NULL;
	int opt;

	if (size == 0)
		return 0;
	opt = data[0];
	data++;
	size--;
	if ((r = reader_open(fuzz_file(data, size),
	    (opt & 1) ? 64 : 1 << 20)) == NULL)
		abort();
	d.source = "fuzz";
	d.name = "fuzz";
	d.sha256 = "0000000000000000000000000000000000000000000000000000000000000000";
	d.region = (opt & 2) ? "吉林省" : NULL;
	if ((opt & 4) && (nl = memchr(data, '\n', size)) != NULL &&
	    utf8_check((const char *)data, (size_t)(nl - data)) ==
	    (size_t)(nl - data))
		d.title = title = fuzz_str(data, (size_t)(nl - data));
	extract_begin(ex, &d);
	while (reader_next(r, &l) == 1)
		if (utf8_check(l.data, l.len) == l.len)
			extract_line(ex, l.data, l.len, l.offset, l.lineno,
			    l.partial);
	extract_end(ex);
	reader_close(r);
	free(title);
	return 0;
}
