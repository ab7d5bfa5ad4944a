/*
 * fuzz-html: zb-fetch's HTML to text (libxml2), its link collection and
 * the notice metadata search that runs on the text.  Valid UTF-8 in gives
 * valid UTF-8 text out.
 */
#include "fuzz.h"

#include "html.h"
#include "notice.h"
#include "utf8.h"
#include "util.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	zb_setprog("fuzz-html");
	notice_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf text = {0};
	struct html_links links = { 0 };
	struct notice m = { 0 };
	const char *s = (const char *)data;
	char *title = NULL;
	size_t i;

	if (html_parse(s, size, "http://www.example.gov.cn/zcwj/a/index.html",
	    &text, &title, &links) == 0) {
		if (utf8_check(s, size) == size) {
			FUZZ_ASSERT(utf8_check(text.data == NULL ? "" :
			    text.data, text.len) == text.len);
			FUZZ_ASSERT(title == NULL ||
			    utf8_check(title, strlen(title)) == strlen(title));
		}
		for (i = 0; i < links.n; i++)
			FUZZ_ASSERT(strncmp(links.v[i].url, "http", 4) == 0);
		if (text.len > 0 && utf8_check(text.data, text.len) ==
		    text.len) {
			notice_find(text.data, text.len, &m);
			notice_clear(&m);
		}
	}
	free(title);
	html_links_free(&links);
	buf_free(&text);
	return 0;
}
