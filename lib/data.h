/*
 * data: the default tables embedded at build time from data/ (see
 * data/embed.sh).  Each is NUL-terminated; the _len excludes the NUL.  They
 * are read-only and live for the whole run.  data_tables[] names them
 * with their digests; a tool that links none of them has none either,
 * and says so (zb_start(), lib/diag.h).
 */
#ifndef DATA_H
#define DATA_H

#include <stddef.h>

extern const unsigned char data_rules[];	/* data/rules.txt */
extern const size_t data_rules_len;
extern const unsigned char data_regions[];	/* data/regions.tsv */
extern const size_t data_regions_len;
extern const unsigned char data_t2s[];		/* data/t2s.tsv */
extern const size_t data_t2s_len;
extern const unsigned char data_units[];	/* data/units.tsv */
extern const size_t data_units_len;
extern const unsigned char data_indicators[];	/* data/indicators.tsv */
extern const size_t data_indicators_len;

/* Each file embedded, by base name, with the SHA-256 (hex) of its bytes. */
struct data_table {
	const char	*file;
	const char	*sha256;
};

/* Ends with { NULL, NULL }. */
extern const struct data_table data_tables[];

#endif
