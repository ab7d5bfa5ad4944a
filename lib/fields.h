/*
 * fields: reading target records (README "The record contract") the way
 * zb-merge and zb-diff need them, normalized by zb-norm or not.
 *
 * A record is normalized when it carries a string unit_std and a number
 * value_std; then its value, value_max and unit are value_std,
 * value_max_std and unit_std (canonical units, so 6000 万千瓦 and 60 GW are
 * equal); otherwise they are value, value_max and unit as written.  The
 * indicator is indicator_id when it is a string, else the indicator as
 * written.
 *
 * Strings returned point into the record (they live as long as it does);
 * text written into caller buffers or struct buf belongs to the caller.
 */
#ifndef FIELDS_H
#define FIELDS_H

#include <stddef.h>

#include <jansson.h>

#include "util.h"

/* Types a key may have, or-ed in a field spec. */
#define FT_NULL	0x01
#define FT_STR	0x02
#define FT_INT	0x04
#define FT_NUM	0x08	/* integer or real */
#define FT_ARR	0x10
#define FT_BOOL	0x20

#define FIELDS_NUMLEN	64	/* buffer size for a number's text */

struct field_spec {
	const char	*key;
	int		 types;
};

/*
 * Check o against spec (ended by a NULL key).  Returns NULL when every key
 * is present with an allowed type, else the first key that is not.
 */
const char	*fields_check(const json_t *o, const struct field_spec *spec);

/* The string value of key, or NULL when missing, null or not a string. */
const char	*fields_str(const json_t *o, const char *key);
int		 fields_normalized(const json_t *o);
const char	*fields_indicator(const json_t *o);
const char	*fields_unit(const json_t *o);
/* The document a record came from: sha256, else source; never NULL. */
const char	*fields_doc(const json_t *o);

/*
 * The exact text of number key into out (FIELDS_NUMLEN bytes).  Returns
 * 0, or -1 (out is "") when the key is missing or not a number.
 */
int		 fields_num(const json_t *o, const char *key, char *out);
/*
 * The value (max 0) or upper bound (max 1), canonical when normalized;
 * an unnormalized value too long for a number falls back on value_text.
 * Returns 0, or -1 with out "" when there is none.
 */
int		 fields_value(const json_t *o, int max, char *out);

/*
 * Append the text of o[key] (a number's exact text, a string, or "" for
 * null or missing) and a unit separator (0x1f): a part of a record key.
 */
void		 fields_key_part(struct buf *, const json_t *o, const char *key);
/* A new reference to o[key], or null when o is NULL or lacks key. */
json_t		*fields_get(const json_t *o, const char *key);

/* "≥" for ge, "≈" for approx, ..., "" for eq and anything unknown. */
const char	*fields_cmpsym(const char *cmp);
/* Append the comparison and value: "≥50", "≈6000", "60~65". */
void		 fields_cell(struct buf *, const json_t *o);

#endif
