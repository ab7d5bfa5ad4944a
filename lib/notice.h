/*
 * notice: the metadata a notice states about itself: its document number
 * (发文字号, 吉政发〔2022〕11号), issuing body (发文机关) and date of
 * issue (成文日期), from labelled fields or the signature block (the
 * issuer on the line before a date that stands alone).
 *
 * notice_init() compiles the patterns once; notice_cleanup() releases them
 * (and may be called again, or without notice_init()).
 * Dates are read by when_date() (lib/when.h).
 * notice_find() fills a caller-owned struct notice whose strings are
 * malloc'd; notice_clear() frees them and leaves it empty (NULL is a
 * no-op).
 */
#ifndef NOTICE_H
#define NOTICE_H

#include <stddef.h>

struct notice {
	char	*doc_number;
	char	*issuer;
	char	*issued;	/* YYYY-MM-DD */
};

void	notice_init(void);
void	notice_cleanup(void);
/* Search UTF-8 text s[0..n); fields not found stay NULL. */
void	notice_find(const char *s, size_t n, struct notice *);
void	notice_clear(struct notice *);

#endif
