/*
 * fuzz-charset: zb-fetch's encoding detection and conversion.  The first
 * line of the input is the HTTP Content-Type header (empty: none), the
 * rest the body.  Whatever the encoding found, the converted text is
 * valid UTF-8 without NUL bytes.
 */
#include "fuzz.h"

#include "charset.h"
#include "utf8.h"
#include "util.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	zb_setprog("fuzz-charset");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = {0};
	char name[CHARSET_MAX], canon[CHARSET_MAX];
	const uint8_t *nl;
	char *hdr = NULL;
	const char *body = (const char *)data;
	size_t n = size;

	if ((nl = memchr(data, '\n', size)) != NULL) {
		hdr = fuzz_str(data, (size_t)(nl - data));
		body = (const char *)nl + 1;
		n = size - (size_t)(nl + 1 - data);
		if (charset_canon(hdr, strlen(hdr), canon) == 0)
			FUZZ_ASSERT(strlen(canon) < CHARSET_MAX);
	}
	charset_detect(hdr != NULL && *hdr != '\0' ? hdr : NULL, body, n,
	    size > 0 && (data[0] & 1), name);
	FUZZ_ASSERT(strlen(name) > 0 && strlen(name) < CHARSET_MAX);
	charset_to_utf8(name, body, n, &out);
	FUZZ_ASSERT(out.len == 0 || (utf8_check(out.data, out.len) ==
	    out.len));
	buf_free(&out);
	free(hdr);
	return 0;
}
