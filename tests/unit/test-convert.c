/* test-convert: bodies to UTF-8 text, with options as arguments. */
#include <stdio.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "convert.h"
#include "html.h"
#include "util.h"

static int	 fails, checks;

static void
expect(int ok, const char *what, const char *got, const char *want)
{
	checks++;
	if (!ok) {
		printf("FAIL %s: got \"%s\", want \"%s\"\n", what,
		    got != NULL ? got : "(null)", want != NULL ? want :
		    "(null)");
		fails++;
	}
}

static void
expect_str(const char *what, const char *got, const char *want)
{
	expect(got != NULL && want != NULL ? strcmp(got, want) == 0 :
	    got == want, what, got, want);
}

static const struct {
	const char	*ctype;
	const char	*body;
	enum convert_kind want;
} kinds[] = {
	{ "text/html; charset=utf-8", "x", CONVERT_HTML },
	{ "application/xhtml+xml", "x", CONVERT_HTML },
	{ "TEXT/PLAIN", "<p>", CONVERT_TEXT },
	{ "application/pdf", "x", CONVERT_PDF },
	{ "text/html", "%PDF-1.4", CONVERT_PDF },
	{ NULL, "  \n<html>", CONVERT_HTML },
	{ NULL, "plain", CONVERT_TEXT },
	{ "application/octet-stream", "<p>", CONVERT_HTML },
	{ "image/png", "x", CONVERT_OTHER },
};

/*
 * Convert body with the options; 0 or -1 as convert_body() returns, the
 * text and charset left in d (freed by the caller), the reason in why.
 */
static int
conv(const char *body, size_t n, const char *ctype,
    const struct convert_opts *o, struct convert_doc *d, struct buf *why)
{
	buf_clear(why);
	return convert_body(body, n, ctype, o, d, why);
}

static void
test_html(void)
{
	static const char page[] = "<html><head><title>关于印发方案的通知"
	    "</title></head><body><nav>首页</nav><p>第一段。</p>"
	    "<p>second\r\nline</p><script>var x;</script></body></html>";
	struct convert_opts o = { NULL, "http://example.gov.cn/", NULL, 1000,
	    5 };
	struct convert_doc d = { 0 };
	struct buf why = {0};

	expect(conv(page, sizeof(page) - 1, "text/html", &o, &d, &why) == 0,
	    "html converts", why.data, "");
	expect_str("html text", d.text.data, "第一段。\n\nsecond line\n");
	expect_str("html title", d.title, "关于印发方案的通知");
	expect_str("html charset", d.charset, "UTF-8");
	expect(d.links.n == 0 && !d.blocked, "html: no links, not blocked",
	    NULL, NULL);
	convert_doc_free(&d);
	convert_doc_free(&d);	/* twice: no harm */
	buf_free(&why);
}

static void
test_charset(void)
{
	/* 中文 in GB18030, then \r\n */
	static const char gb[] = "\xd6\xd0\xce\xc4\r\n";
	struct convert_opts o = { NULL, NULL, NULL, 1000, 5 };
	struct convert_doc d = { 0 };
	struct buf why = {0};

	conv(gb, sizeof(gb) - 1, "text/plain; charset=gbk", &o, &d, &why);
	expect_str("gbk header: text", d.text.data, "中文\n");
	expect_str("gbk header: charset", d.charset, "GB18030");
	convert_doc_free(&d);
	o.charset = "GB18030";	/* an audit: the record's charset */
	conv(gb, sizeof(gb) - 1, "text/plain", &o, &d, &why);
	expect_str("charset argument: text", d.text.data, "中文\n");
	expect_str("charset argument: charset", d.charset, "GB18030");
	convert_doc_free(&d);
	o.charset = "ISO-8859-1";	/* the argument wins over the header */
	conv("caf\xe9", 4, "text/plain; charset=utf-8", &o, &d, &why);
	expect_str("latin-1 argument", d.text.data, "caf\xc3\xa9");
	convert_doc_free(&d);
	o.charset = NULL;
	expect(conv("x", 1, "image/png", &o, &d, &why) == -1, "image/png",
	    why.data, "unsupported content type image/png");
	expect_str("image/png: why", why.data,
	    "unsupported content type image/png");
	convert_doc_free(&d);
	buf_free(&why);
}

static pcre2_code *
compile(const char *pat)
{
	PCRE2_SIZE off;
	int e;

	return pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP, &e, &off, NULL);
}

/* Links of page under pattern pat, as "URL|TEXT;..." into out. */
static void
links(const char *page, const char *pat, struct buf *out)
{
	struct convert_opts o = { NULL, "http://example.gov.cn/list/", NULL,
	    1000, 5 };
	struct convert_doc d = { 0 };
	struct buf why = {0};
	size_t i;

	o.linkpat = pat != NULL ? compile(pat) : NULL;
	buf_clear(out);
	buf_adds(out, "");
	conv(page, strlen(page), "text/html", &o, &d, &why);
	for (i = 0; i < d.links.n; i++) {
		buf_adds(out, d.links.v[i].url);
		buf_addc(out, '|');
		buf_adds(out, d.links.v[i].text);
		buf_addc(out, ';');
	}
	convert_doc_free(&d);
	buf_free(&why);
	pcre2_code_free((pcre2_code *)o.linkpat);
}

static void
test_links(void)
{
	static const char page[] = "<html><body><ul>"
	    "<li><a href=\"../notice/1.html\">关于印发碳达峰实施方案的通知</a>"
	    "<li><a href=\"/about.html\">About us</a>"
	    "<li><a href=\"http://other.cn/x.pdf\">附件</a>"
	    "<li><a href=\"2.html#top\">节能减排综合实施方案</a>"
	    "</ul></body></html>";
	struct buf b = {0};

	links(page, "通知|实施方案", &b);
	expect_str("links by anchor text", b.data,
	    "http://example.gov.cn/notice/1.html|关于印发碳达峰实施方案的通知;"
	    "http://example.gov.cn/list/2.html|节能减排综合实施方案;");
	links(page, "\\.pdf$", &b);
	expect_str("links by URL", b.data, "http://other.cn/x.pdf|附件;");
	links(page, "nothing", &b);
	expect_str("links: none match", b.data, "");
	links(page, NULL, &b);
	expect_str("links: no pattern, none kept", b.data, "");
	buf_free(&b);
}

static void
test_challenge(void)
{
	static const char page[] = "<html><body><script>document.cookie="
	    "'acw_sc__v2=1';location.reload()</script>Loading</body></html>";
	struct convert_opts o = { NULL, NULL, NULL, 1000, 5 };
	struct convert_doc d = { 0 };
	struct buf why = {0};

	conv(page, sizeof(page) - 1, NULL, &o, &d, &why);
	expect(d.blocked, "a JavaScript challenge is blocked", NULL, NULL);
	convert_doc_free(&d);
	buf_free(&why);
}

int
main(void)
{
	size_t i;
	char got[16], want[16];
	enum convert_kind k;

	zb_setprog("test-convert");
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		k = convert_kind(kinds[i].ctype, kinds[i].body,
		    strlen(kinds[i].body));
		snprintf(got, sizeof(got), "%d", (int)k);
		snprintf(want, sizeof(want), "%d", (int)kinds[i].want);
		expect_str(kinds[i].ctype != NULL ? kinds[i].ctype : "(none)",
		    got, want);
	}
	test_html();
	test_charset();
	test_links();
	test_challenge();
	html_cleanup();
	printf("test-convert: %d passed, %d failed\n", checks - fails, fails);
	return fails != 0;
}
