/*
 * dout: zb-diff's reports on stdout (zb-diff.1 "OUTPUT"): a JSON line per
 * change, or a line of text ("+ 吉林市 2025 能耗: ≤15% → ≤13.5% [value]"),
 * in colour when asked.  a is the OLD record, b the NEW one; either is
 * NULL for an addition or a removal.
 *
 * Nothing here keeps or frees what it is given.
 */
#ifndef DOUT_H
#define DOUT_H

#include <jansson.h>

/* Returns 0, or -1 when the record could not be encoded (reported). */
int	dout_jsonl(const char *change, const json_t *a, const json_t *b,
	    int occ);
void	dout_text(const char *change, const json_t *a, const json_t *b,
	    int occ, int colour);

#endif
