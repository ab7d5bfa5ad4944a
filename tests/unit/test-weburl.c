/* test-weburl: hrefs resolved as browsers do; addresses told apart. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "weburl.h"
#include "check.h"


static const struct {
	const char	*base, *href, *want;
	int		 bad;
} cases[] = {
	{ "http://a.cn/x/list.html", "  doc 1.html\n", "http://a.cn/x/doc%201.html", 0 },
	{ "http://a.cn/x/list.html", "通知.html", "http://a.cn/x/%E9%80%9A%E7%9F%A5.html", 0 },
	{ "http://a.cn/x/list.html", "a%2Fb%00.html", "http://a.cn/x/a%2Fb%00.html", 0 },
	{ "http://a.cn/x/list.html", "../y/./z.html#p", "http://a.cn/y/z.html", 0 },
	{ "http://a.cn/x/list.html", "/top?q=a b", "http://a.cn/top?q=a%20b", 0 },
	{ "http://a.cn/x/list.html", "?p=2", "http://a.cn/x/list.html?p=2", 0 },
	{ "http://a.cn/x/list.html", "//B.cn:80/z", "http://b.cn/z", 0 },
	{ "http://a.cn/x/list.html", "HTTPS://B.CN:443", "https://b.cn/", 0 },
	{ "http://a.cn/x/list.html", "\\y\\z.html", "http://a.cn/y/z.html", 0 },
	{ "http://a.cn/x/list.html", "", "http://a.cn/x/list.html", 0 },
	{ "http://a.cn/x/list.html", "mailto:x@a.cn", NULL, 0 },
	{ "http://a.cn/x/list.html", "javascript:void(0)", NULL, 0 },
	{ "http://a.cn/x/list.html", "http://", NULL, 1 },
	{ "http://a.cn/x/list.html", "http://b.cn:99999/", NULL, 1 },
	{ "http://a.cn/l|i{s}t^\"\\中.html", "d.html", "http://a.cn/l|i%7Bs%7Dt^%22/d.html", 0 },
	{ "http://a.cn/l|i{s}t^\".html", "d{1}.html", "http://a.cn/d%7B1%7D.html", 0 },
	{ "http://a.cn/p/", "d.html?x=\"y\"", "http://a.cn/p/d.html?x=%22y%22", 0 },
	{ "http://u:p@a.cn/", "d", "http://u:p@a.cn/d", 0 },
};

int
main(void)
{
	char *s, what[256];
	size_t i;
	int bad;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = weburl_resolve(cases[i].base, cases[i].href,
		    strlen(cases[i].href), &bad);
		snprintf(what, sizeof(what), "resolve %s against %s",
		    cases[i].href, cases[i].base);
		expect_str(what, s, cases[i].want);
		if (s == NULL && bad != cases[i].bad)
			expect_str(what, "bad flag", "other");
		free(s);
	}
	s = weburl_strip_userinfo("https://u:p%40w@a.cn:8/x?y=@z");
	expect_str("strip", s, "https://a.cn:8/x?y=@z");
	free(s);
	expect_str("strip none", weburl_strip_userinfo("http://a.cn/x@y"),
	    NULL);
	{
		static const char *const local[] = { "127.0.0.1", "10.1.2.3",
		    "172.31.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
		    "100.64.0.1", "::1", "::", "fe80::1", "fd00::1",
		    "::ffff:127.0.0.1", "::ffff:10.0.0.1", NULL };
		static const char *const pub[] = { "8.8.8.8", "172.32.0.1",
		    "2001:db8::1", "::ffff:8.8.8.8", "1.1.1.1", NULL };

		for (i = 0; local[i] != NULL; i++)
			expect_str(local[i], addr_local_str(local[i]) == 1 ?
			    "local" : "public", "local");
		for (i = 0; pub[i] != NULL; i++)
			expect_str(pub[i], addr_local_str(pub[i]) == 0 ?
			    "public" : "local", "public");
	}
	printf("test-weburl: %d checks, %d failed\n", checks, fails);
	return fails != 0;
}
