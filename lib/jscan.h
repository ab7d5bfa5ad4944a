/*
 * jscan: a strict, conservative scanner for one JSON Lines record, the
 * fast path of jsonl_next() for readers that want a few top-level keys of
 * each record (zb-norm: parsing whole lines with Jansson was 90% of its
 * time).
 *
 * jscan_object() either is sure or says so.  Sure, it has checked that
 * the whole text is one object json_loadb(JSON_REJECT_DUPLICATES) accepts
 * and returns a new object holding only the members whose keys are in a
 * set, each with the value Jansson gives it.  Not sure, it returns NULL:
 * the text may be invalid, hold a key the caller shuns, or be valid but
 * past what the scanner handles (a
 * \u escape, an escape in a key, a nested object, an array holding more
 * than strings, numbers and literals, a wanted member that is not one of
 * those, a number longer than JSCAN_NUMLEN bytes or beyond what strtod
 * reads exactly, more than JSCAN_MAXKEYS members); parse it with Jansson,
 * which gives the answer and the message.
 *
 * The caller owns the returned reference (json_decref it) and the key set
 * (jscan_keys_new); text stays the caller's.  Nothing is kept between
 * calls.
 */
#ifndef JSCAN_H
#define JSCAN_H

#include <stddef.h>

#include <jansson.h>

#define JSCAN_MAXKEYS	64	/* members of an object the scanner takes */
#define JSCAN_NUMLEN	40	/* bytes of a number it reads */

struct jscan_keys;

/*
 * The set of keys to keep and of keys to shun (a line holding one is "not
 * sure"), from NULL-terminated lists (shun may be NULL) of at most
 * JSCAN_MAXKEYS names in all; the names must outlive the set.  Returns a
 * new set (jscan_keys_free() it; jscan_keys_free(NULL) is a no-op), or
 * NULL when the lists are too long.
 */
struct jscan_keys	*jscan_keys_new(const char *const *keep,
			    const char *const *shun);
void			 jscan_keys_free(struct jscan_keys *);

/*
 * Scan text[0..len) (no NUL needed) as one JSON object, keeping the
 * members whose keys are in keep.  Returns a new object, or NULL for "not
 * sure".
 */
json_t	*jscan_object(const char *text, size_t len,
	    const struct jscan_keys *keep);

#endif
