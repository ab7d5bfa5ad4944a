/*
 * docrec: the document record, the contract between zb-fetch (which
 * writes it) and zb-extract (which reads its text): one JSON object per
 * line whose keys are those of docrec_keys[], in that order, absent values
 * null (zb-fetch(1), "OUTPUT").  The key order is written down here only.
 *
 * Writing: docrec_new() returns a new reference the caller owns
 * (json_decref); docrec_set() and docrec_set_text() replace a key's value
 * in place, so the order stays; docrec_write() prints one line.
 * Reading: docrec_read() fills a caller-owned struct docrec that holds a
 * reference to the parsed object and pointers into it, valid until
 * docrec_free(), which releases it and leaves it zeroed (freeing a zeroed
 * one is a no-op).
 */
#ifndef DOCREC_H
#define DOCREC_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "util.h"

enum docrec_key {
	DR_URL, DR_FINAL_URL, DR_STATUS, DR_STATE, DR_ERROR, DR_FETCHED_AT,
	DR_ETAG, DR_LAST_MODIFIED, DR_CONTENT_TYPE, DR_CHARSET, DR_SHA256,
	DR_BYTES, DR_TITLE, DR_TEXT, DR_DOC_NUMBER, DR_ISSUER, DR_ISSUED,
	DR_LIST, DR_LINKS, DR_WARNING, DR_NKEYS
};

/* The keys in record order; docrec_keys[DR_URL] is "url". */
extern const char *const docrec_keys[DR_NKEYS];

/* A record with every key null, in order, then url set (docrec_set()). */
json_t	*docrec_new(const char *url);

/*
 * Set string key k of rec to v (NULL: null).  Bytes that may come from the
 * network or the command line are kept when valid UTF-8; else, for a URL
 * (url, final_url, list), every byte >= 0x80 is percent-escaped, and other
 * text (a header, a message) is read as ISO-8859-1, as HTTP reads header
 * bytes.  A string is never lost: an ETag of bytes FF FE is "\u00ff\u00fe".
 */
void	 docrec_set(json_t *rec, enum docrec_key k, const char *v);
/* Set text to s[0..n), which must be valid UTF-8 (s NULL: ""). */
void	 docrec_set_text(json_t *rec, const char *s, size_t n);
/* Set an integer key (status, bytes). */
void	 docrec_set_int(json_t *rec, enum docrec_key k, long long v);
/* Write rec and a newline; returns 0, or -1 when it cannot be encoded. */
int	 docrec_write(FILE *, const json_t *rec);

/*
 * A record read back.  s[k] is key k's string, NULL when the key is
 * absent, null or not a string; text_len is the length of s[DR_TEXT];
 * status and bytes are -1 unless integers.
 * region is not written by zb-fetch, but a document record may carry it
 * (zb-extract -R).
 */
struct docrec {
	json_t		*root;
	const char	*s[DR_NKEYS];
	size_t		 text_len;
	long long	 status, bytes;
	const char	*region;
};

/*
 * Parse line s[0..n) (no newline needed) into d.  Returns 0, or -1 with
 * the reason in why: "COL: message" for JSON that does not parse (a
 * duplicate key or a \u0000 included, as zb-extract reads it), or "not a
 * JSON object"; d is then zeroed.
 */
int	 docrec_read(const char *s, size_t n, struct docrec *d,
	    struct buf *why);
void	 docrec_free(struct docrec *);

#endif
