/*
 * recload: zb-norm's tables loaded (built in, or -u, -i, -g files), the
 * recnorm made and freed, and the summary of unknown names on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "fold.h"
#include "place.h"
#include "recnorm.h"
#include "recnorm_int.h"
#include "util.h"

static const char *unkname[NUNK] = {
	"unknown unit", "unknown indicator", "region without a code",
	"ambiguous region"
};

void
count_unknown(struct recnorm *rn, int kind, const char *name)
{
	struct unknowns *u = &rn->unk[kind];
	struct tally *t;
	size_t i;

	u->total++;
	for (i = 0; i < u->n; i++)
		if (strcmp(u->v[i].name, name) == 0) {
			u->v[i].n++;
			return;
		}
	if (u->n == MAXNAMES)
		return;
	t = VEC_PUSH(u->v, u->n, u->cap);
	t->name = xstrdup(name);
	t->n = 1;
}

static int
cmp_tally(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->name, y->name);
}

void
recnorm_summary(struct recnorm *rn)
{
	struct unknowns *u;
	size_t i, k;

	for (k = 0; k < NUNK; k++) {
		u = &rn->unk[k];
		if (u->total == 0)
			continue;
		qsort(u->v, u->n, sizeof(*u->v), cmp_tally);
		fflush(stdout);
		fprintf(stderr, "%s: %lu of %lu records: %s:", zb_prog(),
		    u->total, rn->nrecords, unkname[k]);
		for (i = 0; i < u->n && i < 20; i++)
			fprintf(stderr, "%s %s (%lu)", i ? "," : "",
			    u->v[i].name, u->v[i].n);
		fprintf(stderr, "%s\n", u->n > 20 ? ", ..." : "");
	}
}

/* Read file into b; -1 after reporting that it cannot be read. */
static int
slurp(const char *file, struct buf *b)
{
	if (file_slurp(file, b) == 0)
		return 0;
	zb_warn("%s", file);
	return -1;
}

/*
 * Load the tables, the files given overriding the embedded ones.  Returns
 * 0, or -1 after reporting why nothing can be normalized.
 */
static int
load_tables(struct recnorm *rn, const char *ufile, const char *ifile,
    const char *gfile)
{
	struct buf b = {0};
	int bad, rc = -1;

	bad = unittab_load(&rn->units, (const char *)data_units,
	    data_units_len, "units.tsv");
	if (ufile != NULL) {
		if (slurp(ufile, &b) < 0)
			goto out;
		bad += unittab_load(&rn->units, b.data, b.len, ufile);
	}
	bad += indic_load(&rn->dict, (const char *)data_indicators,
	    data_indicators_len, "indicators.tsv");
	if (ifile != NULL) {
		if (slurp(ifile, &b) < 0)
			goto out;
		bad += indic_load(&rn->dict, b.data, b.len, ifile);
	}
	if (gfile != NULL) {
		if (slurp(gfile, &b) < 0)
			goto out;
		bad += gazetteer_load(&rn->gaz, b.data, b.len);
	} else
		gazetteer_load(&rn->gaz, (const char *)data_regions,
		    data_regions_len);
	if (gfile != NULL && rn->gaz.n == 0)
		zb_warnx("%s: no regions in gazetteer", gfile);
	else if (bad > 0)
		zb_warnx("%d bad line%s in tables; nothing normalized", bad,
		    bad > 1 ? "s" : "");
	else
		rc = 0;
out:
	buf_free(&b);
	return rc;
}

struct recnorm *
recnorm_new(const char *ufile, const char *ifile, const char *gfile,
    const char *region)
{
	struct recnorm *rn;
	struct place p;

	rn = xcalloc(1, sizeof(*rn));
	if (load_tables(rn, ufile, ifile, gfile) < 0) {
		recnorm_free(rn);
		return NULL;
	}
	if (region != NULL && place_resolve(&rn->gaz, region, NULL, &p) !=
	    PLACE_NAME) {
		zb_warnx("-R %s: %s region", region,
		    p.how == PLACE_AMBIGUOUS ? "ambiguous" : "unknown");
		recnorm_free(rn);
		return NULL;
	}
	if (region != NULL)
		rn->hint = p.r;
	memo_init(&rn->unitmemo, sizeof(struct unitmemo), MEMOMAX);
	memo_init(&rn->indmemo, sizeof(const struct indic *), MEMOMAX);
	memo_init(&rn->placememo, sizeof(struct place), MEMOMAX);
	return rn;
}

void
recnorm_free(struct recnorm *rn)
{
	size_t i, k;

	if (rn == NULL)
		return;
	for (i = 0; i < NCTX; i++)
		free(rn->ctx[i].key);
	for (k = 0; k < NUNK; k++) {
		for (i = 0; i < rn->unk[k].n; i++)
			free(rn->unk[k].v[i].name);
		free(rn->unk[k].v);
	}
	buf_free(&rn->enc);
	memo_free(&rn->unitmemo);
	memo_free(&rn->indmemo);
	memo_free(&rn->placememo);
	unittab_free(&rn->units);
	indic_free(&rn->dict);
	gazetteer_free(&rn->gaz);
	free(rn);
}
