/* zb-extract: find numeric targets in policy notices, one JSON line each. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <zlib.h>

#include "data.h"
#include "docrec.h"
#include "extract.h"
#include "fold.h"
#include "reader.h"
#include "gazetteer.h"
#include "rules.h"
#include "sha.h"
#include "utf8.h"
#include "util.h"
#include "when.h"

#define LINECAP		(1 << 20)	/* text lines are split beyond this */
#define RECORDCAP	(256 << 20)	/* a document record line */

enum mode { MODE_AUTO, MODE_TEXT, MODE_RECORDS };

static enum mode	 mode = MODE_AUTO;
static const char	*region_hint;
static const char	*input_name;	/* -n: the input's name */
static unsigned		 kinds = XK_DEFAULT;	/* -k */
static struct extractor	*ex;
static int		 status = EXIT_OK;

/*
 * Hash the (decompressed) bytes of path and peek at its first non-blank
 * byte.  Returns 0; 1 when the data is corrupt after some point (the reader
 * reports that once it has read the good part); -1 after reporting an
 * error that stops the file being read at all.
 */
static int
scan_file(const char *path, const char *name, char *hex, int *first)
{
	struct sha h;
	static char chunk[65536];
	gzFile gz;
	int n, i, zerr, rc = 0;

	gz = gzopen(path, "rb");
	if (gz == NULL) {
		zb_warn("%s", name);
		return -1;
	}
	*first = -1;
	sha_init(&h);
	while ((n = gzread(gz, chunk, sizeof(chunk))) > 0) {
		for (i = 0; i < n && *first < 0; i++)
			if (strchr(" \t\r\n", chunk[i]) == NULL)
				*first = (unsigned char)chunk[i];
		sha_update(&h, chunk, (size_t)n);
	}
	(void)gzerror(gz, &zerr);
	if (n < 0 || (zerr != Z_OK && zerr != Z_STREAM_END)) {
		/* Bad data: the reader reports it after the good part. */
		if (zerr == Z_ERRNO) {
			zb_warn("%s", name);
			rc = -1;
		} else
			rc = 1;
	}
	sha_final(&h, hex);
	gzclose(gz);
	return rc;
}

/* Copy stdin to an unlinked temporary file, so it can be read twice. */
static int
spool_stdin(char *path, size_t size)
{
	char buf[65536];
	ssize_t n;
	int fd;

	snprintf(path, size, "%s/zb-extract.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	fd = mkstemp(path);
	if (fd < 0) {
		zb_warn("cannot spool standard input: %s", path);
		return -1;
	}
	while ((n = read(STDIN_FILENO, buf, sizeof(buf))) > 0)
		if (write(fd, buf, (size_t)n) != n) {
			zb_warn("cannot spool standard input: %s", path);
			close(fd);
			unlink(path);
			return -1;
		}
	close(fd);
	if (n < 0) {
		zb_warn("<stdin>");
		unlink(path);
		return -1;
	}
	return 0;
}

/* Feed a text's lines to the extractor, checking its encoding. */
static void
feed_line(const char *name, const struct line *l, unsigned long *bad)
{
	size_t at;

	at = utf8_check(l->data, l->len);
	if (at < l->len) {
		if ((*bad)++ == 0) {
			if (l->data[at] == '\0')
				zb_warnx("%s:%lu: NUL byte at byte offset %zu; "
				    "line skipped", name, l->lineno,
				    l->offset + at);
			else
				zb_warnx("%s:%lu: invalid UTF-8 at byte offset "
				    "%zu; line skipped (if the file is GBK, "
				    "convert it: iconv -f GB18030 -t UTF-8)",
				    name, l->lineno, l->offset + at);
		}
		status = EXIT_TROUBLE;
		return;
	}
	extract_line(ex, l->data, l->len, l->offset, l->lineno, l->partial);
}

static void
report_bad(const char *name, unsigned long bad)
{
	if (bad > 1)
		zb_warnx("%s: %lu more lines skipped for bad encoding", name,
		    bad - 1);
}

static void
do_text_named(const char *path, const char *name, const char *source,
    const char *hex)
{
	struct docinfo d = { 0 };
	struct reader *r;
	struct line l;
	unsigned long bad = 0, cuts = 0;
	int rc;

	if ((r = reader_open(path, LINECAP)) == NULL) {
		zb_warn("%s", name);
		status = EXIT_TROUBLE;
		return;
	}
	d.source = source;
	d.name = name;
	d.sha256 = hex;
	d.region = region_hint;
	extract_begin(ex, &d);
	while ((rc = reader_next(r, &l)) == 1) {
		if (l.partial && reader_cut(r)) {
			if (cuts++ == 0)
				zb_warnx("%s:%lu: line longer than %d bytes with "
				    "no sentence end; split mid-sentence at "
				    "byte offset %zu", name, l.lineno, LINECAP,
				    l.offset + l.len);
			status = EXIT_TROUBLE;
		}
		feed_line(name, &l, &bad);
	}
	if (rc < 0) {
		zb_warnx("%s: %s; records before the fault are kept", name,
		    reader_error(r));
		status = EXIT_TROUBLE;
	}
	extract_end(ex);
	report_bad(name, bad);
	reader_close(r);
}


/*
 * The document record's issue date, when it is a real calendar day
 * written YYYY-MM-DD; anything else is reported and not used.
 */
static const char *
issued_of(const char *v, const char *where)
{
	static char date[11];

	if (v == NULL)
		return NULL;
	if (when_date(v, strlen(v), date) < 0 || strcmp(date, v) != 0) {
		zb_warnx("%s: \"issued\": \"%s\" is not a date YYYY-MM-DD; "
		    "not used", where, v);
		return NULL;
	}
	return date;
}

/* Feed text s[0..n) to the extractor line by line, offsets into it. */
static void
feed_text(const char *s, size_t n)
{
	const char *nl;
	struct line tl;
	size_t off;

	memset(&tl, 0, sizeof(tl));
	for (off = 0, tl.lineno = 1; off <= n; tl.lineno++) {
		nl = memchr(s + off, '\n', n - off);
		tl.data = s + off;
		tl.len = nl != NULL ? (size_t)(nl - (s + off)) : n - off;
		tl.offset = off;
		if (tl.len > 0 || nl != NULL)
			extract_line(ex, tl.data, tl.len, tl.offset, tl.lineno,
			    0);
		if (nl == NULL)
			break;
		off += tl.len + 1;
	}
}

/*
 * One document record (lib/docrec: the record zb-fetch writes): its text
 * and, when present, url, region, title and issued.
 */
static void
do_record(const char *name, const struct line *l)
{
	struct docinfo d = { 0 };
	struct docrec dr;
	struct buf why = { 0 };
	const char *s;
	char hex[65], where[64];
	size_t n, at;

	snprintf(where, sizeof(where), "%s:%lu", name, l->lineno);
	if (docrec_read(l->data, l->len, &dr, &why) < 0 &&
	    why.len > 0 && why.data[0] >= '0' && why.data[0] <= '9') {
		zb_warnx("%s:%s", where, why.data);
		status = EXIT_TROUBLE;
		buf_free(&why);
		return;
	}
	buf_free(&why);
	if ((s = dr.s[DR_TEXT]) == NULL) {
		zb_warnx("%s: document record has no \"text\" string", where);
		status = EXIT_TROUBLE;
		docrec_free(&dr);
		return;
	}
	n = dr.text_len;
	if ((at = utf8_check(s, n)) < n) {
		zb_warnx("%s: NUL byte in \"text\" at byte offset %zu; "
		    "record skipped", where, at);
		status = EXIT_TROUBLE;
		docrec_free(&dr);
		return;
	}
	sha_hex(s, n, hex);
	d.source = dr.s[DR_URL] != NULL ? dr.s[DR_URL] : where;
	d.name = where;
	d.sha256 = hex;
	d.region = dr.region != NULL ? dr.region : region_hint;
	d.title = dr.s[DR_TITLE];
	d.issued = issued_of(dr.s[DR_ISSUED], where);
	extract_begin(ex, &d);
	feed_text(s, n);
	extract_end(ex);
	docrec_free(&dr);
}

static int
blank_line(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strchr(" \t\r", s[i]) == NULL)
			return 0;
	return 1;
}

static void
do_records(const char *path, const char *name)
{
	struct reader *r;
	struct line l;
	int rc;

	if ((r = reader_open(path, RECORDCAP)) == NULL) {
		zb_warn("%s", name);
		status = EXIT_TROUBLE;
		return;
	}
	while ((rc = reader_next(r, &l)) == 1) {
		if (l.partial) {
			zb_warnx("%s:%lu: document record longer than %d bytes; "
			    "skipped", name, l.lineno, RECORDCAP);
			status = EXIT_TROUBLE;
			while (l.partial && reader_next(r, &l) == 1)
				;
			continue;
		}
		if (utf8_check(l.data, l.len) < l.len && memchr(l.data, '\0',
		    l.len) == NULL) {
			zb_warnx("%s:%lu: invalid UTF-8; record skipped", name,
			    l.lineno);
			status = EXIT_TROUBLE;
			continue;
		}
		if (!blank_line(l.data, l.len))
			do_record(name, &l);
	}
	if (rc < 0) {
		zb_warnx("%s: %s", name, reader_error(r));
		status = EXIT_TROUBLE;
	}
	reader_close(r);
}

/*
 * Extract from one operand ("-" is stdin), named in records and messages
 * as given, or as -n says.
 */
static void
do_input(const char *path)
{
	char hex[65], tmp[4096];
	const char *name = path, *real = path, *source = path;
	int first, spooled = 0;

	if (strcmp(path, "-") == 0) {
		name = "<stdin>";
		source = "-";
		if (spool_stdin(tmp, sizeof(tmp)) < 0) {
			status = EXIT_TROUBLE;
			return;
		}
		real = tmp;
		spooled = 1;
	}
	if (input_name != NULL)
		name = source = input_name;
	if (scan_file(real, name, hex, &first) < 0)
		status = EXIT_TROUBLE;
	else if (mode == MODE_RECORDS || (mode == MODE_AUTO && first == '{'))
		do_records(real, name);
	else
		do_text_named(real, name, source, hex);
	if (spooled)
		unlink(tmp);
}

static void
load_rules(struct ruleset *rs, int argc, char **argv)
{
	struct buf b = {0};
	int i, errors;

	errors = ruleset_load(rs, (const char *)data_rules, data_rules_len,
	    "rules.txt");
	for (i = 0; i < argc; i++) {
		if (file_slurp(argv[i], &b) < 0)
			zb_err("%s", argv[i]);
		errors += ruleset_load(rs, b.data, b.len, argv[i]);
	}
	buf_free(&b);
	errors += ruleset_compile(rs);
	if (errors > 0)
		zb_errx("%d error%s in rules; nothing extracted", errors,
		    errors > 1 ? "s" : "");
}

#define USAGE "usage: zb-extract [-e] [-R region] [-i text|records] " \
	"[-k kinds] [-n name] [-r rules] [file ...]\n"

/* Print the usage: with the options on stdout, status 0, when asked. */
static void
usage(int asked)
{
	if (!asked) {
		fputs(USAGE, stderr);
		exit(EXIT_TROUBLE);
	}
	fputs(USAGE
	    "  -e          explain: the fate of every quantity, one per line\n"
	    "  -R region   the document's region when the text does not say it\n"
	    "  -i text     read the input as plain text\n"
	    "  -i records  read the input as document records (JSON lines)\n"
	    "  -k kinds    the kinds written: target,threshold,table,fact or "
	    "all\n"
	    "              (default: all but fact)\n"
	    "  -n name     name the one input NAME in records and messages\n"
	    "  -r rules    load extra rules after the built-in ones "
	    "(repeatable)\n"
	    "  -h, --help  this text; --version the version\n", stdout);
	exit(file_stdout_close() < 0 ? EXIT_TROUBLE : EXIT_OK);
}

/*
 * Parse the options into the option state; the rules files named with -r
 * go into rules (argc long).  Returns optind.
 */
static int
options(int argc, char *argv[], char **rules, int *nrules, int *explain)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, "ehi:k:n:R:r:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'e':
			*explain = 1;
			break;
		case 'i':
			if (strcmp(optarg, "text") == 0)
				mode = MODE_TEXT;
			else if (strcmp(optarg, "records") == 0)
				mode = MODE_RECORDS;
			else
				usage(0);
			break;
		case 'k':
			if (extract_kinds_parse(optarg, &kinds) < 0) {
				zb_warnx("-k: not a list of record kinds: "
				    "\"%s\"", optarg);
				usage(0);
			}
			break;
		case 'n':
			input_name = optarg;
			break;
		case 'R':
			region_hint = optarg;
			break;
		case 'r':
			rules[(*nrules)++] = optarg;
			break;
		case 'h':
			usage(1);
			break;
		default:
			usage(0);
		}
	}
	if (input_name != NULL && argc - optind > 1)
		usage(0);
	return optind;
}

int
main(int argc, char *argv[])
{
	struct ruleset rs = { 0 };
	struct gazetteer gz = { 0 };
	static char **rules;	/* static: still reachable if usage() exits */
	FILE *devnull = NULL;
	int i, nrules = 0, explain = 0;

	zb_start(argc, argv);
	rules = xreallocarray(NULL, (size_t)argc, sizeof(*rules));
	i = options(argc, argv, rules, &nrules, &explain);
	argc -= i;
	argv += i;
	load_rules(&rs, nrules, rules);
	free(rules);
	fold_t2s_load((const char *)data_t2s, data_t2s_len);
	gazetteer_load(&gz, (const char *)data_regions, data_regions_len);
	/* -e: the fate of every quantity instead of the records */
	if (explain && (devnull = fopen("/dev/null", "w")) == NULL)
		zb_err("/dev/null");
	ex = extract_new(&rs, &gz, explain ? devnull : stdout);
	extract_kinds(ex, kinds);
	if (explain)
		extract_explain(ex, stdout);
	if (argc == 0)
		do_input("-");
	for (i = 0; i < argc; i++)
		do_input(argv[i]);
	extract_free(ex);
	if (devnull != NULL)
		fclose(devnull);
	gazetteer_free(&gz);
	fold_t2s_free();
	ruleset_free(&rs);
	if (file_stdout_close() < 0)
		status = EXIT_TROUBLE;
	return status;
}
