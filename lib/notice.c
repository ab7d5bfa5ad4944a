/* notice: document number, issuer and issue date of a notice. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notice.h"
#include "util.h"

#define SP	"[ \\t\\x{3000}]*"
#define NUMS	"(?:\\d{1,4}|[〇零一二三四五六七八九十]{1,4})"
#define DATE	NUMS "\\s*年\\s*" NUMS "\\s*月\\s*" NUMS "\\s*日"
#define DATE2	"(?:" DATE "|\\d{4}[-./]\\d{1,2}[-./]\\d{1,2})"
#define LABEL	SP "[:：]?" SP "[|\\t]?" SP

#define DOCNO	"\\p{Han}{1,15}" SP "[〔\\[［【(（]" SP "(?:19|20)\\d{2}" SP \
	"[〕\\]］】)）]" SP "第?" SP "\\d{1,5}" SP "号"

enum {
	P_DOCLABEL, P_DOCNO, P_ISSUER, P_SIGNATURE, P_ISSUED, P_PUBLISHED,
	NPAT
};

/* Group 1 is the value; the signature's group 2 its date. */
static const char *const sources[NPAT] = {
	/*
	 * 吉政发〔2022〕11号, 国办发[2021]3号, 苏政发（2022）88号: labelled,
	 * or on a line of its own (numbers cited in a sentence are others').
	 */
	"(?:发文字号|文号)" LABEL "(" DOCNO ")",
	"(?m)^" SP "(" DOCNO ")" SP "$",
	"(?:发文机关|发布机构|发文单位|发文机构|制发机关)" LABEL
	    "(\\p{Han}[\\p{Han}（）()、]{1,40})",
	"(?m)^" SP "(\\p{Han}[\\p{Han}（）()]{1,39}(?:政府|办公厅|办公室|"
	    "委员会|厅|局|委|部|院|会|组|中心))" SP "\\n(?:" SP "\\n){0,2}" SP
	    "(" DATE ")" SP "$",
	"(?:成文日期|发文日期|印发日期|成文时间)" LABEL "(" DATE2 ")",
	"(?:发布日期|发布时间|公开日期)" LABEL "(" DATE2 ")"
};

static pcre2_code		*code[NPAT];
static pcre2_match_data		*md;
static pcre2_match_context	*mctx;	/* limits: the text is a stranger's */

void
notice_init(void)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int i, e;

	for (i = 0; i < NPAT; i++) {
		code[i] = pcre2_compile((PCRE2_SPTR)sources[i],
		    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &e, &off,
		    NULL);
		if (code[i] == NULL) {
			pcre2_get_error_message(e, msg, sizeof(msg));
			zb_errx("lib/notice.c: pattern %d: %s at offset %zu", i,
			    (char *)msg, (size_t)off);
		}
		(void)pcre2_jit_compile(code[i], PCRE2_JIT_COMPLETE);
	}
	md = pcre2_match_data_create(4, NULL);
	mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(mctx, 1000000);
	pcre2_set_depth_limit(mctx, 10000);
}

void
notice_cleanup(void)
{
	int i;

	for (i = 0; i < NPAT; i++) {
		pcre2_code_free(code[i]);
		code[i] = NULL;
	}
	pcre2_match_data_free(md);
	md = NULL;
	pcre2_match_context_free(mctx);
	mctx = NULL;
}

/* Group g of the first match of pattern p, or NULL (malloc'd). */
static char *
group(int p, const char *s, size_t n, int g)
{
	PCRE2_SIZE *ov;

	if (pcre2_match(code[p], (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK, md,
	    mctx) < 0)
		return NULL;
	ov = pcre2_get_ovector_pointer(md);
	if (ov[2 * g] == PCRE2_UNSET)
		return NULL;
	return xmemdup(s + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
}

/* Value of a number written in Arabic or Chinese digits, or -1. */
static int
number(const char *s, size_t n)
{
	static const char *const digits[] = { "〇", "一", "二", "三", "四",
	    "五", "六", "七", "八", "九" };
	int v = 0, d, tens = 0, any = 0;
	size_t i = 0, k;

	while (i < n) {
		if (s[i] >= '0' && s[i] <= '9') {
			v = v * 10 + (s[i++] - '0');
			any = 1;
			continue;
		}
		if (strncmp(s + i, "十", 3) == 0) {
			tens = (any ? v : 1) * 10;
			v = 0;
			any = 0;
			i += 3;
			continue;
		}
		for (d = 0; d < 10; d++) {
			k = strlen(digits[d]);
			if (i + k <= n && strncmp(s + i, digits[d], k) == 0)
				break;
		}
		if (d == 10 && i + 3 <= n && strncmp(s + i, "零", 3) == 0)
			d = 0;
		else if (d == 10)
			return -1;
		v = v * 10 + d;
		any = 1;
		i += 3;
	}
	return tens + v;
}

/* Days in month m (1-12) of year y, Gregorian. */
static int
month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int
notice_date(const char *s, size_t n, char *out)
{
	static const char *const seps[] = { "年", "月", "日", "-", ".", "/" };
	size_t start[3], len[3], i = 0, k;
	int part = 0, y, m, d, j, sep;

	while (i < n && part < 3) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		start[part] = i;
		for (sep = -1; i < n && sep < 0; ) {
			for (j = 0; j < 6 && sep < 0; j++) {
				k = strlen(seps[j]);
				if (i + k <= n &&
				    strncmp(s + i, seps[j], k) == 0)
					sep = j;
			}
			if (sep < 0)
				i++;
		}
		len[part] = i - start[part];
		while (len[part] > 0 && s[start[part] + len[part] - 1] == ' ')
			len[part]--;
		part++;
		if (sep >= 0)
			i += strlen(seps[sep]);
	}
	if (part < 3)
		return -1;
	y = number(s + start[0], len[0]);
	m = number(s + start[1], len[1]);
	d = number(s + start[2], len[2]);
	if (y < 1949 || y > 2199 || m < 1 || m > 12 || d < 1 || d > 31 ||
	    d > month_days(y, m))
		return -1;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return 0;
}

static char *
date_of(int p, const char *s, size_t n)
{
	char *raw, out[16];
	int rc;

	if ((raw = group(p, s, n, p == P_SIGNATURE ? 2 : 1)) == NULL)
		return NULL;
	rc = notice_date(raw, strlen(raw), out);
	free(raw);
	return rc == 0 ? xstrdup(out) : NULL;
}

void
notice_find(const char *s, size_t n, struct notice *m)
{
	m->doc_number = group(P_DOCLABEL, s, n, 1);
	if (m->doc_number == NULL)
		m->doc_number = group(P_DOCNO, s, n, 1);
	m->issuer = group(P_ISSUER, s, n, 1);
	if (m->issuer == NULL)
		m->issuer = group(P_SIGNATURE, s, n, 1);
	m->issued = date_of(P_ISSUED, s, n);
	if (m->issued == NULL)
		m->issued = date_of(P_SIGNATURE, s, n);
	if (m->issued == NULL)
		m->issued = date_of(P_PUBLISHED, s, n);
}

void
notice_clear(struct notice *m)
{
	if (m == NULL)
		return;
	free(m->doc_number);
	free(m->issuer);
	free(m->issued);
	m->doc_number = m->issuer = m->issued = NULL;
}
