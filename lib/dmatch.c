/* dmatch: zb-diff's matching through sorts A, B, C into D (dmatch.h). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dclaim.h"
#include "dline.h"
#include "dmatch.h"
#include "dmixed.h"
#include "fields.h"

/* ---- reading: into A ---------------------------------------------------- */

/*
 * A's line: identity, side, position (offset, then input order),
 * normalized, claim as written, normalized claim, reference.
 */
void
dmatch_add(struct xsort *a, int side, size_t seq, const json_t *o,
    const char *ref)
{
	struct buf l = { 0 }, c = { 0 };
	char t[64];
	char *key;
	int norm;
	uint64_t off;

	key = dclaim_identity(o);
	dline_esc(&l, key, strlen(key));
	free(key);
	off = (uint64_t)json_integer_value(json_object_get(o, "offset")) ^
	    ((uint64_t)1 << 63);
	norm = fields_normalized(o);
	snprintf(t, sizeof(t), "\t%d\t%016" PRIx64 "%016zx\t%d\t", side, off,
	    seq, norm);
	buf_adds(&l, t);
	dclaim_text(&c, o, dclaim_written);
	dline_esc(&l, c.data, c.len);
	buf_addc(&l, '\t');
	if (norm) {
		dclaim_text(&c, o, dclaim_std);
		dline_esc(&l, c.data, c.len);
	}
	dline_add(&l, ref, strlen(ref));
	xsort_add(a, l.data, l.len);
	buf_free(&l);
	buf_free(&c);
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
	dline_add(&l, "0", 1);
	dline_add(&l, mode, 1);
	xsort_add(b, l.data, l.len);
	buf_free(&l);
	memset(n, 0, 4 * sizeof(n[0][0]));
}

/*
 * B's lines of A's line f, the occ-th of its side: one with its claim as
 * written (identity, 1, claim, side, position, occurrence, reference,
 * normalized, normalized claim), and one with its normalized claim when
 * it is (identity, 2, claim, side, position, occurrence, reference).
 */
static void
to_b(struct xsort *b, struct buf *l, const struct dfields *f, size_t occ)
{
	char t[32];

	snprintf(t, sizeof(t), "%zu", occ);
	buf_clear(l);
	buf_add(l, f->p[0], f->n[0]);
	dline_add(l, "1", 1);
	dline_addf(l, f, 4);
	dline_addf(l, f, 1);
	dline_addf(l, f, 2);
	dline_add(l, t, strlen(t));
	dline_addf(l, f, 6);
	dline_addf(l, f, 3);
	dline_addf(l, f, 5);
	xsort_add(b, l->data, l->len);
	if (f->p[3][0] != '1')
		return;
	buf_clear(l);
	buf_add(l, f->p[0], f->n[0]);
	dline_add(l, "2", 1);
	dline_addf(l, f, 5);
	dline_addf(l, f, 1);
	dline_addf(l, f, 2);
	dline_add(l, t, strlen(t));
	dline_addf(l, f, 6);
	xsort_add(b, l->data, l->len);
}

/* B: each identity's summary (identity, 0, mode) first, then its claims. */
static void
phase_a(struct xsort *a, struct xsort *b)
{
	struct buf key = { 0 }, l = { 0 };
	struct dfields f;
	const char *s;
	size_t len, n[2][2] = { { 0, 0 }, { 0, 0 } }, occ[2] = { 0, 0 };
	int side, started = 0;

	xsort_done(a);
	while (xsort_next(a, &s, &len)) {
		dline_split(&f, s, len, 7);
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
		n[side][f.p[3][0] == '1']++;
		to_b(b, &l, &f, ++occ[side]);
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
to_c(void *c, const struct dfields *f)
{
	struct buf l = { 0 };

	buf_add(&l, f->p[0], f->n[0]);
	dline_addf(&l, f, 3);
	dline_addf(&l, f, 4);
	dline_addf(&l, f, 5);
	dline_addf(&l, f, 6);
	xsort_add(c, l.data, l.len);
	buf_free(&l);
}

/* B's state: the identity's mode, the claim being zipped, a mixed one. */
struct bstate {
	struct xsort	*c;
	struct tape	*olds;		/* this claim's OLD lines */
	int		 reading;	/* olds rewound, NEW lines come */
	struct buf	 group;		/* identity, tag, claim */
	char		 mode;
	struct dmixed	 mx;
};

/* A claim is done: its OLD records not paired go to C. */
static void
end_claim(struct bstate *st)
{
	struct dfields f;
	const char *s;
	size_t len;

	if (!st->reading)
		tape_rewind(st->olds);
	while (tape_next(st->olds, &s, &len)) {
		dline_split(&f, s, len, 7);
		to_c(st->c, &f);
	}
	tape_clear(st->olds);
	st->reading = 0;
	buf_clear(&st->group);
}

/* An identity is done: its claim, or its mixed records. */
static void
end_b(struct bstate *st)
{
	if (st->group.len > 0)
		end_claim(st);
	if (st->mx.n > 0)
		dmixed_pair(&st->mx, to_c, st->c);
}

/*
 * A record line s of B split into f, in a claim's order: OLD lines kept,
 * then the k-th NEW line paired with the k-th OLD one, which says the
 * same thing.  Unpaired records go to C.
 */
static void
zip_claim(struct bstate *st, struct dfields *f, const char *s, size_t len)
{
	const char *o;
	size_t glen, olen;

	dline_split(f, s, len, 7);
	glen = (size_t)(f->p[2] - s) + f->n[2];
	if (st->group.len != glen || memcmp(st->group.data, s, glen)) {
		if (st->group.len > 0)
			end_claim(st);
		buf_add(&st->group, s, glen);
	}
	if (f->p[3][0] == '0') {
		tape_add(st->olds, s, len);
		return;
	}
	if (!st->reading) {
		tape_rewind(st->olds);
		st->reading = 1;
	}
	if (!tape_next(st->olds, &o, &olen))
		to_c(st->c, f);
}

static void
phase_b(struct xsort *b, struct xsort *c)
{
	struct bstate st = { 0 };
	struct dfields f;
	const char *s;
	size_t len;

	st.c = c;
	st.olds = tape_new();
	xsort_done(b);
	while (xsort_next(b, &s, &len)) {
		dline_split(&f, s, len, 3);
		if (dline_eq(&f, 1, "0")) {
			end_b(&st);
			st.mode = f.p[2][0];
		} else if (st.mode == 'm' && dline_eq(&f, 1, "1")) {
			dline_split(&f, s, len, 9);
			dmixed_add(&st.mx, &f, s, len);
		} else if (st.mode != 'm' &&
		    dline_eq(&f, 1, st.mode == 's' ? "2" : "1")) {
			zip_claim(&st, &f, s, len);
		}
	}
	end_b(&st);
	tape_free(st.olds);
	buf_free(&st.group);
	dmixed_free(&st.mx);
}

/* ---- C: the rest paired in document order, into D ------------------------ */

/*
 * D's lines: NEW records (0 and position; a, added, or c, changed;
 * occurrence; reference; OLD's reference), then OLD's removals (1 and
 * position; r; occurrence; reference).
 */
static void
to_d(struct xsort *d, const struct dfields *f, const char *what,
    const struct dfields *old)
{
	struct buf l = { 0 };

	buf_addc(&l, what[0] == 'r' ? '1' : '0');
	buf_add(&l, f->p[2], f->n[2]);
	dline_add(&l, what, 1);
	dline_addf(&l, f, 3);
	dline_addf(&l, f, 4);
	if (old != NULL)
		dline_addf(&l, old, 4);
	xsort_add(d, l.data, l.len);
	buf_free(&l);
}

static void
end_rest(struct xsort *d, struct tape *olds, int reading)
{
	struct dfields f;
	const char *s;
	size_t len;

	if (!reading)
		tape_rewind(olds);
	while (tape_next(olds, &s, &len)) {
		dline_split(&f, s, len, 5);
		to_d(d, &f, "r", NULL);
	}
	tape_clear(olds);
}

static void
phase_c(struct xsort *c, struct xsort *d)
{
	struct tape *olds = tape_new();
	struct buf key = { 0 };
	struct dfields f, g;
	const char *s, *o;
	size_t len, olen;
	int reading = 0, started = 0;

	xsort_done(c);
	while (xsort_next(c, &s, &len)) {
		dline_split(&f, s, len, 5);
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
			dline_split(&g, o, olen, 5);
			to_d(d, &f, "c", &g);
		} else
			to_d(d, &f, "a", NULL);
	}
	if (started)
		end_rest(d, olds, reading);
	tape_free(olds);
	buf_free(&key);
}

/* ---- D ------------------------------------------------------------------ */

struct xsort *
dmatch_run(struct xsort *a)
{
	struct xsort *b = xsort_new(), *c, *d;

	phase_a(a, b);
	c = xsort_new();
	phase_b(b, c);
	xsort_free(b);
	d = xsort_new();
	phase_c(c, d);
	xsort_free(c);
	xsort_done(d);
	return d;
}

int
dmatch_next(struct xsort *d, struct dmatch_result *r)
{
	struct dfields f;
	const char *s;
	size_t len;

	if (!xsort_next(d, &s, &len))
		return 0;
	dline_split(&f, s, len, 4);
	r->what = f.p[1][0];
	r->occ = atoi(f.p[2]);
	r->ref = f.p[3];
	r->refn = f.n[3];
	r->oldref = r->what == 'c' && f.nf > 4 ? f.p[4] : NULL;
	r->oldrefn = r->oldref != NULL ? f.n[4] : 0;
	return 1;
}
