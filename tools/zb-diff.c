/*
 * zb-diff: the targets a new version of a document added, removed, changed.
 *
 * Memory stays bounded whatever the inputs' size: records go to a store
 * (memory, then an unlinked temporary file) and are matched through four
 * sorts of short lines (lib/xsort: in memory, or sort(1) past a size):
 *
 *   A  by identity, side, position: occurrences numbered, each identity's
 *      comparison mode chosen (below), a line per claim into B;
 *   B  by identity, claim, side, position: within a claim the k-th
 *      statement of OLD and of NEW say the same thing and are paired (no
 *      output); the rest go to C;
 *   C  by identity, side, position: what is left is paired in document
 *      order (changes), else added or removed, into D;
 *   D  by side (NEW first), position: written out, records read back.
 *
 * A claim is the text of the fields that count, made so that two records
 * have the same claim exactly when no field differs (numbers as canonical
 * decimals).  Two records compare their normalized fields when both are
 * normalized, else the fields as written: an identity whose OLD and NEW
 * both hold normalized records and one of them an unnormalized one too is
 * matched in memory (lines of about 100 bytes a record), the only part
 * not bounded.  Lines are tab-separated; fields that may hold any byte
 * are escaped (%XX for control bytes and %), positions are fixed-width
 * hex, so byte order is the order wanted.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <jansson.h>

#include "dec.h"
#include "fields.h"
#include "jsonl.h"
#include "util.h"
#include "xsort.h"

enum format { FMT_JSONL, FMT_TEXT };

/* Where the records are kept until they are written out. */
struct store {
	struct buf	 mem;
	FILE		*f;		/* past the buffer size, or NULL */
	uint64_t	 len;
	struct buf	 rd;
};

/* A line split at its tabs. */
#define MAXF	10
struct fields {
	const char	*p[MAXF];
	size_t		 n[MAXF];
	int		 nf;
};

static enum format format = FMT_JSONL;
static int status = EXIT_OK;
static int colour;
static unsigned long nchanges;
static struct store store;

static const struct field_spec need[] = {
	{ "region", FT_STR | FT_NULL }, { "year", FT_INT | FT_NULL },
	{ "indicator", FT_STR | FT_NULL }, { "value", FT_NUM | FT_NULL },
	{ "value_max", FT_NUM | FT_NULL }, { "unit", FT_STR | FT_NULL },
	{ "cmp", FT_STR }, { "baseline_year", FT_INT | FT_NULL },
	{ "direction", FT_STR | FT_NULL }, { "kind", FT_STR },
	{ "qualifiers", FT_ARR }, { "quote", FT_STR }, { NULL, 0 }
};

/* The fields that count, as written and when both sides are normalized. */
static const char *const compared[] = {
	"value", "value_max", "unit", "cmp", "direction", "qualifiers", NULL
};
static const char *const compared_std[] = {
	"value_std", "value_max_std", "unit_std", "cmp", "direction",
	"qualifiers", NULL
};

/* ---- comparing ---------------------------------------------------------- */

/* Whether field f of a and b differs; numbers compare as decimals. */
static int
field_differs(const json_t *a, const json_t *b, const char *f)
{
	char x[FIELDS_NUMLEN], y[FIELDS_NUMLEN];
	const json_t *va = json_object_get(a, f), *vb = json_object_get(b, f);

	if (strcmp(f, "value") == 0) {
		fields_value(a, 0, x);
		fields_value(b, 0, y);
		return strcmp(x, y) != 0 && dec_cmp(x, y) != 0;
	}
	if (json_is_number(va) && json_is_number(vb)) {
		fields_num(a, f, x);
		fields_num(b, f, y);
		return dec_cmp(x, y) != 0;
	}
	if (va == NULL || vb == NULL)
		return !(json_is_null(va) || va == NULL) ||
		    !(json_is_null(vb) || vb == NULL);
	return !json_equal((json_t *)va, (json_t *)vb);
}

/* The changed fields of a against b into arr (when not NULL); a count. */
static int
changes(const json_t *a, const json_t *b, json_t *arr)
{
	const char *const *f;
	int n = 0;

	f = fields_normalized(a) && fields_normalized(b) ? compared_std :
	    compared;
	for (; *f != NULL; f++)
		if (field_differs(a, b, *f)) {
			n++;
			if (arr != NULL)
				json_array_append_new(arr, json_string(*f));
		}
	return n;
}

/* ---- claims ------------------------------------------------------------- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
add_len(struct buf *b, int tag, const char *s, size_t n)
{
	char t[32];

	snprintf(t, sizeof(t), "%c%zu:", tag, n);
	buf_adds(b, t);
	buf_add(b, s, n);
}

/* A JSON value, so that equal texts are exactly json_equal() values. */
static void
enc_json(struct buf *b, const json_t *v)
{
	const char **k;
	char t[40];
	size_t i, n;
	void *it;
	double d;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		n = json_object_size(v);
		k = xreallocarray(NULL, n + 1, sizeof(*k));
		i = 0;
		for (it = json_object_iter((json_t *)v); it != NULL && i < n;
		    it = json_object_iter_next((json_t *)v, it))
			k[i++] = json_object_iter_key(it);
		qsort(k, i, sizeof(*k), cmp_str);
		buf_addc(b, '{');
		for (n = i, i = 0; i < n; i++) {
			add_len(b, 'k', k[i], strlen(k[i]));
			enc_json(b, json_object_get(v, k[i]));
		}
		buf_addc(b, '}');
		free(k);
		return;
	case JSON_ARRAY:
		buf_addc(b, '[');
		for (i = 0; i < json_array_size(v); i++)
			enc_json(b, json_array_get(v, i));
		buf_addc(b, ']');
		return;
	case JSON_STRING:
		add_len(b, 's', json_string_value(v), json_string_length(v));
		return;
	case JSON_INTEGER:
		snprintf(t, sizeof(t), "i%" JSON_INTEGER_FORMAT ";",
		    json_integer_value(v));
		break;
	case JSON_REAL:
		d = json_real_value(v);
		snprintf(t, sizeof(t), "r%.17g;", d == 0 ? 0.0 : d);
		break;
	case JSON_TRUE:
		strcpy(t, "t");
		break;
	case JSON_FALSE:
		strcpy(t, "f");
		break;
	default:
		strcpy(t, "n");
		break;
	}
	buf_adds(b, t);
}

/* A number's text as a canonical decimal. */
static void
enc_dec(struct buf *b, const char *x)
{
	struct buf c = { 0 };

	if (dec_add(x, "0", &c) == 0) {
		add_len(b, 'D', c.data, c.len);
	} else
		add_len(b, 'X', x, strlen(x));
	buf_free(&c);
}

/* Field f of o, as field_differs() compares it. */
static void
enc_field(struct buf *b, const json_t *o, const char *f)
{
	char x[FIELDS_NUMLEN];
	const json_t *v = json_object_get(o, f);

	if (strcmp(f, "value") == 0) {
		if (fields_value(o, 0, x) == 0 && dec_valid(x))
			enc_dec(b, x);
		else
			add_len(b, 'S', x, strlen(x));
	} else if (json_is_number(v)) {
		fields_num(o, f, x);
		enc_dec(b, x);
	} else if (v == NULL || json_is_null(v)) {
		buf_addc(b, 'N');
	} else {
		buf_addc(b, 'J');
		enc_json(b, v);
	}
}

/* The claim of o over the fields fl: equal claims, no changes. */
static void
claim_text(struct buf *b, const json_t *o, const char *const *fl)
{
	buf_clear(b);
	for (; *fl != NULL; fl++)
		enc_field(b, o, *fl);
}

/* ---- lines -------------------------------------------------------------- */

/* Append s[0..n) with control bytes and % as %XX. */
static void
add_esc(struct buf *b, const char *s, size_t n)
{
	char t[4];
	size_t i, k;

	for (i = 0; i < n; i = k) {
		for (k = i; k < n && (unsigned char)s[k] >= 0x20 &&
		    s[k] != '%'; k++)
			;
		buf_add(b, s + i, k - i);
		if (k < n) {
			snprintf(t, sizeof(t), "%%%02X", (unsigned char)s[k]);
			buf_add(b, t, 3);
			k++;
		}
	}
}

/* Append a tab, then a field as is. */
static void
add_f(struct buf *b, const char *s, size_t n)
{
	buf_addc(b, '\t');
	buf_add(b, s, n);
}

/* Split line at its tabs into f; fewer than want fields exits 2. */
static void
split(struct fields *f, const char *line, size_t len, int want)
{
	const char *e = line + len, *t;

	f->nf = 0;
	for (;;) {
		t = memchr(line, '\t', (size_t)(e - line));
		if (f->nf == MAXF)
			break;
		f->p[f->nf] = line;
		f->n[f->nf++] = (size_t)((t != NULL ? t : e) - line);
		if (t == NULL)
			break;
		line = t + 1;
	}
	if (f->nf < want)
		zb_errx("internal error: a sort line with %d fields", f->nf);
}

static int
feq(const struct fields *f, int i, const char *s)
{
	return f->n[i] == strlen(s) && memcmp(f->p[i], s, f->n[i]) == 0;
}

/* ---- the store ---------------------------------------------------------- */

/* Keep a record's line; its reference ("OFFSET:LENGTH" in hex) into ref. */
static void
store_put(const char *s, size_t n, char *ref, size_t refsize)
{
	snprintf(ref, refsize, "%" PRIx64 ":%zx", store.len, n);
	store.len += n;
	if (store.f == NULL && store.mem.len + n > xsort_buffer()) {
		store.f = xsort_tmpfile();
		if (store.mem.len > 0 && fwrite(store.mem.data, 1,
		    store.mem.len, store.f) != store.mem.len)
			zb_err("writing a temporary file");
		buf_free(&store.mem);
	}
	if (store.f == NULL)
		buf_add(&store.mem, s, n);
	else if (fwrite(s, 1, n, store.f) != n)
		zb_err("writing a temporary file");
}

/* The record a reference names, parsed: a new reference. */
static json_t *
store_get(const char *ref, size_t refn)
{
	char t[64];
	uint64_t off;
	size_t n;
	const char *p;
	json_error_t je;
	json_t *o;

	snprintf(t, sizeof(t), "%.*s", (int)refn, ref);
	if (sscanf(t, "%" SCNx64 ":%zx", &off, &n) != 2)
		zb_errx("internal error: a bad record reference");
	if (store.f == NULL) {
		p = store.mem.data + off;
	} else {
		buf_clear(&store.rd);
		buf_grow(&store.rd, n + 1);
		if (pread(fileno(store.f), store.rd.data, n, (off_t)off) !=
		    (ssize_t)n)
			zb_err("reading a temporary file");
		p = store.rd.data;
	}
	if ((o = json_loadb(p, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
	    &je)) == NULL)
		zb_errx("internal error: a stored record: %s", je.text);
	return o;
}

/* ---- reading: into A ---------------------------------------------------- */

/* Identity: region, indicator, year, baseline year, kind. */
static char *
identity(const json_t *o)
{
	struct buf b = { 0 };
	const char *s;

	fields_key_part(&b, o, fields_str(o, "region_code") ? "region_code" :
	    "region");
	s = fields_indicator(o);
	buf_adds(&b, s != NULL ? s : "");
	buf_addc(&b, '\x1f');
	fields_key_part(&b, o, "year");
	fields_key_part(&b, o, "baseline_year");
	fields_key_part(&b, o, "kind");
	return b.data;
}

/*
 * A's line for record o of side (0 OLD, 1 NEW), the seq-th kept:
 * identity, side, position (offset, then input order), normalized,
 * claim as written, normalized claim, store reference.
 */
static struct buf kl, kc;	/* keep()'s line and claim */

static int
keep(struct xsort *a, int side, size_t seq, json_t *o, const struct line *raw,
    const char *name)
{
	struct buf *l = &kl, *c = &kc;
	const char *bad;
	char t[64];
	char *key;
	int norm;
	uint64_t off;

	if ((bad = fields_check(o, need)) != NULL) {
		zb_warnx("%s:%lu: missing or malformed field \"%s\"; "
		    "record skipped", name, raw->lineno, bad);
		status = EXIT_TROUBLE;
		return 0;
	}
	buf_clear(l);
	key = identity(o);
	add_esc(l, key, strlen(key));
	free(key);
	off = (uint64_t)json_integer_value(json_object_get(o, "offset")) ^
	    ((uint64_t)1 << 63);
	norm = fields_normalized(o);
	snprintf(t, sizeof(t), "\t%d\t%016" PRIx64 "%016zx\t%d\t", side, off,
	    seq, norm);
	buf_adds(l, t);
	claim_text(c, o, compared);
	add_esc(l, c->data, c->len);
	buf_addc(l, '\t');
	if (norm) {
		claim_text(c, o, compared_std);
		add_esc(l, c->data, c->len);
	}
	store_put(raw->data, raw->len, t, sizeof(t));
	add_f(l, t, strlen(t));
	xsort_add(a, l->data, l->len);
	return 1;
}

/* Read path into A as side; returns -1 when it cannot be opened at all. */
static int
read_side(struct xsort *a, int side, const char *path)
{
	struct jsonl *j;
	struct line raw = { 0 };
	json_t *o;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	size_t seq = 0;
	int rc;

	if ((j = jsonl_open(path)) == NULL) {
		zb_warn("%s", name);
		status = EXIT_TROUBLE;
		return -1;
	}
	while ((rc = jsonl_next(j, &o, &raw)) != JSONL_END) {
		if (rc == JSONL_OK) {
			seq += keep(a, side, seq, o, &raw, name);
			json_decref(o);
		} else
			status = EXIT_TROUBLE;
		if (rc == JSONL_ERROR)
			break;
	}
	jsonl_close(j);
	return 0;
}

/* ---- A: occurrences and modes, into B ------------------------------------ */

/*
 * One identity's lines of A are done: its mode.  Claims as written unless
 * both sides hold normalized records; normalized claims when nothing else;
 * else mixed.  n[side][normalized] counts its records.
 */
static void
end_identity(struct xsort *b, const struct buf *key, size_t n[2][2])
{
	struct buf l = { 0 };
	const char *mode;

	if (n[0][1] == 0 || n[1][1] == 0)
		mode = "w";
	else if (n[0][0] == 0 && n[1][0] == 0)
		mode = "s";
	else
		mode = "m";
	buf_add(&l, key->data, key->len);
	add_f(&l, "0", 1);
	add_f(&l, mode, 1);
	xsort_add(b, l.data, l.len);
	buf_free(&l);
	memset(n, 0, 4 * sizeof(n[0][0]));
}

/*
 * B's lines: the summary (identity, 0, mode) first; then one line a record
 * with its claim as written (identity, 1, claim, side, position,
 * occurrence, reference, normalized, normalized claim), and one with its
 * normalized claim when it is (identity, 2, claim, side, position,
 * occurrence, reference).
 */
static void
phase_a(struct xsort *a, struct xsort *b)
{
	struct buf key = { 0 }, l = { 0 };
	struct fields f;
	const char *s;
	size_t len, n[2][2] = { { 0, 0 }, { 0, 0 } }, occ[2] = { 0, 0 };
	char t[32];
	int side, norm, started = 0;

	xsort_done(a);
	while (xsort_next(a, &s, &len)) {
		split(&f, s, len, 7);
		if (!started || key.len != f.n[0] ||
		    memcmp(key.data, f.p[0], f.n[0]) != 0) {
			if (started)
				end_identity(b, &key, n);
			started = 1;
			buf_clear(&key);
			buf_add(&key, f.p[0], f.n[0]);
			occ[0] = occ[1] = 0;
		}
		side = f.p[1][0] == '1';
		norm = f.p[3][0] == '1';
		n[side][norm]++;
		snprintf(t, sizeof(t), "%zu", ++occ[side]);
		buf_clear(&l);
		buf_add(&l, f.p[0], f.n[0]);
		add_f(&l, "1", 1);
		add_f(&l, f.p[4], f.n[4]);
		add_f(&l, f.p[1], f.n[1]);
		add_f(&l, f.p[2], f.n[2]);
		add_f(&l, t, strlen(t));
		add_f(&l, f.p[6], f.n[6]);
		add_f(&l, f.p[3], f.n[3]);
		add_f(&l, f.p[5], f.n[5]);
		xsort_add(b, l.data, l.len);
		if (!norm)
			continue;
		buf_clear(&l);
		buf_add(&l, f.p[0], f.n[0]);
		add_f(&l, "2", 1);
		add_f(&l, f.p[5], f.n[5]);
		add_f(&l, f.p[1], f.n[1]);
		add_f(&l, f.p[2], f.n[2]);
		add_f(&l, t, strlen(t));
		add_f(&l, f.p[6], f.n[6]);
		xsort_add(b, l.data, l.len);
	}
	if (started)
		end_identity(b, &key, n);
	buf_free(&key);
	buf_free(&l);
}

/* ---- B: equal claims paired, into C -------------------------------------- */

/* C's line for a record of B's line f: identity, side, position,
 * occurrence, reference. */
static void
to_c(struct xsort *c, const struct fields *f)
{
	struct buf l = { 0 };

	buf_add(&l, f->p[0], f->n[0]);
	add_f(&l, f->p[3], f->n[3]);
	add_f(&l, f->p[4], f->n[4]);
	add_f(&l, f->p[5], f->n[5]);
	add_f(&l, f->p[6], f->n[6]);
	xsort_add(c, l.data, l.len);
	buf_free(&l);
}

/* One record of a mixed identity. */
struct ment {
	char	*line;		/* its line of B */
	size_t	 len;
	size_t	 idx;		/* rank in its side's document order */
	int	 norm, paired;
	char	*w, *s;		/* claims */
};

static int
cmp_mpos(const void *a, const void *b)
{
	const struct ment *x = *(struct ment *const *)a;
	const struct ment *y = *(struct ment *const *)b;
	struct fields f, g;

	split(&f, x->line, x->len, 7);
	split(&g, y->line, y->len, 7);
	return memcmp(f.p[4], g.p[4], f.n[4] < g.n[4] ? f.n[4] : g.n[4]);
}

/* Queues of OLD records ordered by claim, then document order. */
static int
cmp_mw(const void *a, const void *b)
{
	const struct ment *x = *(struct ment *const *)a;
	const struct ment *y = *(struct ment *const *)b;
	int c = strcmp(x->w, y->w);

	return c != 0 ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

static int
cmp_ms(const void *a, const void *b)
{
	const struct ment *x = *(struct ment *const *)a;
	const struct ment *y = *(struct ment *const *)b;
	int c = strcmp(x->s, y->s);

	return c != 0 ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

struct queue {
	struct ment	**q;
	size_t		 n;
	size_t		*head;		/* at a claim's first index */
	int		 bys;		/* by normalized claim */
};

static void
queue_make(struct queue *qu, struct ment **olds, size_t n, int want, int bys)
{
	size_t i;

	qu->q = xreallocarray(NULL, n + 1, sizeof(*qu->q));
	qu->n = 0;
	qu->bys = bys;
	for (i = 0; i < n; i++)
		if (want < 0 || olds[i]->norm == want)
			qu->q[qu->n++] = olds[i];
	qsort(qu->q, qu->n, sizeof(*qu->q), bys ? cmp_ms : cmp_mw);
	qu->head = xreallocarray(NULL, qu->n + 1, sizeof(*qu->head));
	for (i = 0; i < qu->n; i++)
		qu->head[i] = i;
}

/* The first unpaired OLD record of claim, or NULL. */
static struct ment *
queue_first(struct queue *qu, const char *claim)
{
	size_t lo = 0, hi = qu->n, mid, *h;
	const char *k;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		k = qu->bys ? qu->q[mid]->s : qu->q[mid]->w;
		if (strcmp(k, claim) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == qu->n ||
	    strcmp(qu->bys ? qu->q[lo]->s : qu->q[lo]->w, claim) != 0)
		return NULL;
	h = &qu->head[lo];
	while (*h < qu->n && qu->q[*h]->paired &&
	    strcmp(qu->bys ? qu->q[*h]->s : qu->q[*h]->w, claim) == 0)
		(*h)++;
	if (*h == qu->n ||
	    strcmp(qu->bys ? qu->q[*h]->s : qu->q[*h]->w, claim) != 0)
		return NULL;
	return qu->q[*h];
}

/*
 * A mixed identity, in memory: each NEW record in document order takes
 * the first unpaired OLD one that says the same thing (compared
 * normalized when both are, else as written); the rest go to C.
 */
static void
pair_mixed(struct xsort *c, struct ment *m, size_t n)
{
	struct ment **side[2], *o, *p, *q;
	struct queue all, un, nm;
	struct fields f;
	size_t cnt[2] = { 0, 0 }, i;
	int s;

	side[0] = xreallocarray(NULL, n + 1, sizeof(struct ment *));
	side[1] = xreallocarray(NULL, n + 1, sizeof(struct ment *));
	for (i = 0; i < n; i++) {
		split(&f, m[i].line, m[i].len, 9);
		s = f.p[3][0] == '1';
		side[s][cnt[s]++] = &m[i];
	}
	for (s = 0; s < 2; s++) {
		qsort(side[s], cnt[s], sizeof(struct ment *), cmp_mpos);
		for (i = 0; i < cnt[s]; i++)
			side[s][i]->idx = i;
	}
	queue_make(&all, side[0], cnt[0], -1, 0);
	queue_make(&un, side[0], cnt[0], 0, 0);
	queue_make(&nm, side[0], cnt[0], 1, 1);
	for (i = 0; i < cnt[1]; i++) {
		p = side[1][i];
		if (!p->norm) {
			o = queue_first(&all, p->w);
		} else {
			o = queue_first(&un, p->w);
			q = queue_first(&nm, p->s);
			if (o == NULL || (q != NULL && q->idx < o->idx))
				o = q;
		}
		if (o != NULL)
			o->paired = p->paired = 1;
	}
	for (i = 0; i < n; i++)
		if (!m[i].paired) {
			split(&f, m[i].line, m[i].len, 7);
			to_c(c, &f);
		}
	free(all.q);
	free(all.head);
	free(un.q);
	free(un.head);
	free(nm.q);
	free(nm.head);
	free(side[0]);
	free(side[1]);
}

/* B's state: the identity's mode, the claim being zipped, a mixed one. */
struct bstate {
	struct xsort	*c;
	struct tape	*olds;		/* this claim's OLD lines */
	int		 reading;	/* olds rewound, NEW lines come */
	struct buf	 group;		/* identity, tag, claim */
	char		 mode;
	struct ment	*m;
	size_t		 nm, capm;
};

/* A claim is done: its OLD records not paired go to C. */
static void
end_claim(struct bstate *st)
{
	struct fields f;
	const char *s;
	size_t len;

	if (!st->reading)
		tape_rewind(st->olds);
	while (tape_next(st->olds, &s, &len)) {
		split(&f, s, len, 7);
		to_c(st->c, &f);
	}
	tape_clear(st->olds);
	st->reading = 0;
	buf_clear(&st->group);
}

static void
end_mixed(struct bstate *st)
{
	size_t i;

	pair_mixed(st->c, st->m, st->nm);
	for (i = 0; i < st->nm; i++) {
		free(st->m[i].line);
		free(st->m[i].w);
		free(st->m[i].s);
	}
	st->nm = 0;
}

/* A line of B with claim in a mixed identity: kept for pair_mixed(). */
static void
keep_mixed(struct bstate *st, const struct fields *f, const char *s,
    size_t len)
{
	struct ment *e = VEC_PUSH(st->m, st->nm, st->capm);

	e->line = xmemdup(s, len);
	e->len = len;
	e->norm = f->p[7][0] == '1';
	e->paired = 0;
	e->w = xmemdup(f->p[2], f->n[2]);
	e->s = xmemdup(f->p[8], f->n[8]);
}

/*
 * B in order: within a claim, OLD lines then NEW lines in document order;
 * the k-th NEW line is paired with the k-th OLD one, which says the same
 * thing.  Unpaired records go to C.
 */
static void
phase_b(struct xsort *b, struct xsort *c)
{
	struct bstate st = { 0 };
	struct fields f;
	const char *s, *o;
	size_t len, glen, olen;

	st.c = c;
	st.olds = tape_new();
	xsort_done(b);
	while (xsort_next(b, &s, &len)) {
		split(&f, s, len, 3);
		if (feq(&f, 1, "0")) {
			if (st.group.len > 0)
				end_claim(&st);
			if (st.nm > 0)
				end_mixed(&st);
			st.mode = f.p[2][0];
			continue;
		}
		if (st.mode == 'm') {
			if (feq(&f, 1, "1")) {
				split(&f, s, len, 9);
				keep_mixed(&st, &f, s, len);
			}
			continue;
		}
		if (!feq(&f, 1, st.mode == 's' ? "2" : "1"))
			continue;
		split(&f, s, len, 7);
		glen = (size_t)(f.p[2] - s) + f.n[2];
		if (st.group.len != glen || memcmp(st.group.data, s, glen)) {
			if (st.group.len > 0)
				end_claim(&st);
			buf_add(&st.group, s, glen);
		}
		if (f.p[3][0] == '0') {
			tape_add(st.olds, s, len);
			continue;
		}
		if (!st.reading) {
			tape_rewind(st.olds);
			st.reading = 1;
		}
		if (!tape_next(st.olds, &o, &olen))
			to_c(c, &f);
	}
	if (st.group.len > 0)
		end_claim(&st);
	if (st.nm > 0)
		end_mixed(&st);
	tape_free(st.olds);
	buf_free(&st.group);
	free(st.m);
}

/* ---- C: the rest paired in document order, into D ------------------------ */

/*
 * D's lines: NEW records (0 and position; a, added, or c, changed;
 * occurrence; reference; OLD's reference), then OLD's removals (1 and
 * position; r; occurrence; reference).
 */
static void
to_d(struct xsort *d, const struct fields *f, const char *what,
    const struct fields *old)
{
	struct buf l = { 0 };

	buf_addc(&l, what[0] == 'r' ? '1' : '0');
	buf_add(&l, f->p[2], f->n[2]);
	add_f(&l, what, 1);
	add_f(&l, f->p[3], f->n[3]);
	add_f(&l, f->p[4], f->n[4]);
	if (old != NULL)
		add_f(&l, old->p[4], old->n[4]);
	xsort_add(d, l.data, l.len);
	buf_free(&l);
}

static void
end_rest(struct xsort *d, struct tape *olds, int reading)
{
	struct fields f;
	const char *s;
	size_t len;

	if (!reading)
		tape_rewind(olds);
	while (tape_next(olds, &s, &len)) {
		split(&f, s, len, 5);
		to_d(d, &f, "r", NULL);
	}
	tape_clear(olds);
}

static void
phase_c(struct xsort *c, struct xsort *d)
{
	struct tape *olds = tape_new();
	struct buf key = { 0 };
	struct fields f, g;
	const char *s, *o;
	size_t len, olen;
	int reading = 0, started = 0;

	xsort_done(c);
	while (xsort_next(c, &s, &len)) {
		split(&f, s, len, 5);
		if (!started || key.len != f.n[0] ||
		    memcmp(key.data, f.p[0], f.n[0]) != 0) {
			if (started)
				end_rest(d, olds, reading);
			started = 1;
			reading = 0;
			buf_clear(&key);
			buf_add(&key, f.p[0], f.n[0]);
		}
		if (f.p[1][0] == '0') {
			tape_add(olds, s, len);
			continue;
		}
		if (!reading) {
			tape_rewind(olds);
			reading = 1;
		}
		if (tape_next(olds, &o, &olen)) {
			split(&g, o, olen, 5);
			to_d(d, &f, "c", &g);
		} else
			to_d(d, &f, "a", NULL);
	}
	if (started)
		end_rest(d, olds, reading);
	tape_free(olds);
	buf_free(&key);
}

/* ---- jsonl output ------------------------------------------------------- */

/* The compared fields of o, or null. */
static json_t *
claim(const json_t *o)
{
	json_t *r;
	size_t i;

	if (o == NULL)
		return json_null();
	r = json_object();
	for (i = 0; compared[i] != NULL; i++)
		json_object_set_new(r, compared[i], fields_get(o, compared[i]));
	for (i = 0; i < 3; i++)
		json_object_set_new(r, compared_std[i],
		    fields_get(o, compared_std[i]));
	return r;
}

static void
emit_jsonl(const char *change, const json_t *a, const json_t *b, int occ)
{
	const json_t *k = b != NULL ? b : a;
	json_t *r, *f;
	static const char *const keys[] = {
		"region", "region_code", "indicator", "indicator_id", "year",
		"baseline_year", "kind", NULL
	};
	size_t i;

	r = json_object();
	json_object_set_new(r, "change", json_string(change));
	for (i = 0; keys[i] != NULL; i++)
		json_object_set_new(r, keys[i], fields_get(k, keys[i]));
	json_object_set_new(r, "occurrence", json_integer(occ));
	f = json_array();
	if (a != NULL && b != NULL)
		changes(a, b, f);
	json_object_set_new(r, "fields", f);
	json_object_set_new(r, "old", claim(a));
	json_object_set_new(r, "new", claim(b));
	json_object_set_new(r, "old_quote", fields_get(a, "quote"));
	json_object_set_new(r, "new_quote", fields_get(b, "quote"));
	json_object_set_new(r, "old_line", fields_get(a, "line"));
	json_object_set_new(r, "new_line", fields_get(b, "line"));
	if (jsonl_write(stdout, r) < 0) {
		zb_warnx("cannot encode an output record");
		status = EXIT_TROUBLE;
	}
	json_decref(r);
}

/* ---- text output -------------------------------------------------------- */

/* "decrease ≥15%": direction, comparison, value, unit. */
static void
describe(struct buf *b, const json_t *o)
{
	const char *d = fields_str(o, "direction"), *u = fields_unit(o);

	if (d != NULL) {
		buf_adds(b, d);
		buf_addc(b, ' ');
	}
	fields_cell(b, o);
	if (u != NULL)
		buf_adds(b, u);
}

/* "吉林市 2025 能耗 (vs 2020) [table] #2" */
static void
describe_key(struct buf *b, const json_t *o, int occ)
{
	char t[FIELDS_NUMLEN];
	const char *s;

	s = fields_str(o, "region");
	buf_adds(b, s != NULL ? s : "-");
	buf_addc(b, ' ');
	buf_adds(b, fields_num(o, "year", t) == 0 ? t : "-");
	buf_addc(b, ' ');
	s = fields_str(o, "indicator");
	buf_adds(b, s != NULL ? s : "-");
	if (fields_num(o, "baseline_year", t) == 0) {
		buf_adds(b, " (vs ");
		buf_adds(b, t);
		buf_addc(b, ')');
	}
	s = fields_str(o, "kind");
	if (strcmp(s, "target") != 0) {
		buf_adds(b, " [");
		buf_adds(b, s);
		buf_addc(b, ']');
	}
	if (occ > 1) {
		snprintf(t, sizeof(t), " #%d", occ);
		buf_adds(b, t);
	}
}

static void
emit_text(const char *change, const json_t *a, const json_t *b, int occ)
{
	static const char *const col[] = { "32", "31", "33" };
	struct buf t = { 0 };
	json_t *f = json_array();
	size_t i, c = change[0] == 'a' ? 0 : change[0] == 'r' ? 1 : 2;

	buf_adds(&t, c == 0 ? "+ " : c == 1 ? "- " : "~ ");
	describe_key(&t, b != NULL ? b : a, occ);
	buf_adds(&t, ": ");
	if (a != NULL)
		describe(&t, a);
	if (a != NULL && b != NULL)
		buf_adds(&t, " \xe2\x86\x92 ");
	if (b != NULL)
		describe(&t, b);
	if (a != NULL && b != NULL) {
		changes(a, b, f);
		for (i = 0; i < json_array_size(f); i++) {
			buf_adds(&t, i == 0 ? " [" : ", ");
			buf_adds(&t, json_string_value(json_array_get(f, i)));
		}
		buf_adds(&t, "]");
	}
	if (colour)
		printf("\033[%sm%s\033[m\n", col[c], t.data);
	else
		printf("%s\n", t.data);
	json_decref(f);
	buf_free(&t);
}

/* ---- D: the output ------------------------------------------------------ */

static void
emit(const char *change, const json_t *a, const json_t *b, int occ)
{
	nchanges++;
	if (format == FMT_TEXT)
		emit_text(change, a, b, occ);
	else
		emit_jsonl(change, a, b, occ);
}

/* Report NEW's additions and changes in its order, then OLD's removals. */
static void
phase_d(struct xsort *d)
{
	struct fields f;
	const char *s;
	json_t *a, *b;
	size_t len;
	int occ;

	if (store.f != NULL && fflush(store.f) != 0)
		zb_err("writing a temporary file");
	xsort_done(d);
	while (xsort_next(d, &s, &len)) {
		split(&f, s, len, 4);
		occ = atoi(f.p[2]);
		a = b = NULL;
		if (f.p[1][0] == 'r')
			a = store_get(f.p[3], f.n[3]);
		else
			b = store_get(f.p[3], f.n[3]);
		if (f.p[1][0] == 'c')
			a = store_get(f.p[4], f.n[4]);
		if (f.p[1][0] == 'a')
			emit("added", NULL, b, occ);
		else if (f.p[1][0] == 'r')
			emit("removed", a, NULL, occ);
		else if (changes(a, b, NULL) != 0)
			emit("changed", a, b, occ);
		json_decref(a);
		json_decref(b);
	}
}

/* ---- main --------------------------------------------------------------- */

/* Match and report, each sort freed once read. */
static void
compare(struct xsort *a)
{
	struct xsort *b = xsort_new(), *c, *d;

	phase_a(a, b);
	c = xsort_new();
	phase_b(b, c);
	xsort_free(b);
	d = xsort_new();
	phase_c(c, d);
	xsort_free(c);
	phase_d(d);
	xsort_free(d);
}

#define USAGE "usage: zb-diff [-f jsonl|text] old new\n"

/* Print the usage: with the options on stdout, status 0, when asked. */
static void
usage(int asked)
{
	if (!asked) {
		fputs(USAGE, stderr);
		exit(EXIT_TROUBLE);
	}
	fputs(USAGE
	    "  -f jsonl    one JSON object per change (default)\n"
	    "  -f text     one line per change: + added, - removed, "
	    "~ changed\n"
	    "  -h, --help  this text; --version the version\n"
	    "exit 0 no changes, 1 changes, 2 trouble\n", stdout);
	exit(file_stdout_close() < 0 ? EXIT_TROUBLE : EXIT_OK);
}

int
main(int argc, char *argv[])
{
	struct xsort *a;
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c, ok;

	zb_start(argc, argv);
	while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		if (c == 'h')
			usage(1);
		if (c != 'f')
			usage(0);
		if (strcmp(optarg, "jsonl") == 0)
			format = FMT_JSONL;
		else if (strcmp(optarg, "text") == 0)
			format = FMT_TEXT;
		else {
			zb_warnx("unknown format \"%s\"", optarg);
			usage(0);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2) {
		zb_warnx("%s operand", argc < 2 ? "missing" : "extra");
		usage(0);
	}
	if (strcmp(argv[0], "-") == 0 && strcmp(argv[1], "-") == 0)
		zb_errx("standard input can be only one of the operands");
	colour = format == FMT_TEXT && isatty(STDOUT_FILENO) &&
	    getenv("NO_COLOR") == NULL;
	a = xsort_new();
	ok = read_side(a, 0, argv[0]) == 0;
	ok &= read_side(a, 1, argv[1]) == 0;
	buf_free(&kl);
	buf_free(&kc);
	if (ok)
		compare(a);
	xsort_free(a);
	buf_free(&store.mem);
	buf_free(&store.rd);
	if (store.f != NULL)
		fclose(store.f);
	if (file_stdout_close() < 0)
		status = EXIT_TROUBLE;
	if (status == EXIT_OK && nchanges > 0)
		status = EXIT_NEGATIVE;
	return status;
}
