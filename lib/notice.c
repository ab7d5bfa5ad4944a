/* notice: document number, issuer and issue date of a notice. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notice.h"
#include "util.h"
#include "when.h"

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

static char *
date_of(int p, const char *s, size_t n)
{
	char *raw, out[16];
	int rc;

	if ((raw = group(p, s, n, p == P_SIGNATURE ? 2 : 1)) == NULL)
		return NULL;
	rc = when_date(raw, strlen(raw), out);
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
