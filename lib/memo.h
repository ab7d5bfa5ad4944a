/*
 * memo: a bounded cache from byte-string keys to fixed-size values, so a
 * filter resolves each distinct unit, indicator or region name once.
 *
 * A memo owns copies of its keys and values; memo_free() releases them
 * (memo_free(NULL), or of a memo never initialised but zeroed, is a no-op).
 * When it holds max entries, the next put empties it first, so memory stays
 * bounded on unbounded input.  memo_get() returns a pointer into the memo,
 * valid until the next memo_put().
 */
#ifndef MEMO_H
#define MEMO_H

#include <stddef.h>

struct memo_entry;

struct memo {
	struct memo_entry	*slot;
	size_t			 nslot;		/* a power of two */
	size_t			 n, max;
	size_t			 vsize;
};

/* Set up m for values of vsize bytes and at most max entries. */
void	 memo_init(struct memo *m, size_t vsize, size_t max);
void	 memo_free(struct memo *m);
/* The value stored for key[0..n), or NULL. */
void	*memo_get(const struct memo *m, const void *key, size_t n);
/* Store a copy of value for key[0..n) (which must not be in m yet). */
void	 memo_put(struct memo *m, const void *key, size_t n,
	    const void *value);

#endif
