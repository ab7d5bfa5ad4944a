/* memo: a bounded cache from byte-string keys to fixed-size values. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "memo.h"
#include "util.h"

struct memo_entry {
	char	*key;		/* NULL: empty slot */
	size_t	 n;
	void	*value;
};

/* FNV-1a */
static uint64_t
hash(const void *key, size_t n)
{
	const unsigned char *p = key;
	uint64_t h = 14695981039346656037ULL;

	while (n-- > 0) {
		h ^= *p++;
		h *= 1099511628211ULL;
	}
	return h;
}

void
memo_init(struct memo *m, size_t vsize, size_t max)
{
	m->nslot = 16;
	while (m->nslot < 2 * max)
		m->nslot *= 2;
	m->slot = xcalloc(m->nslot, sizeof(*m->slot));
	m->n = 0;
	m->max = max;
	m->vsize = vsize;
}

static void
clear(struct memo *m)
{
	size_t i;

	for (i = 0; i < m->nslot; i++) {
		free(m->slot[i].key);
		free(m->slot[i].value);
		m->slot[i].key = NULL;
		m->slot[i].value = NULL;
	}
	m->n = 0;
}

void
memo_free(struct memo *m)
{
	if (m == NULL || m->slot == NULL)
		return;
	clear(m);
	free(m->slot);
	m->slot = NULL;
}

/* The slot holding key, or the empty slot where it would go. */
static struct memo_entry *
find(const struct memo *m, const void *key, size_t n)
{
	size_t i = (size_t)hash(key, n) & (m->nslot - 1);
	struct memo_entry *e;

	for (;; i = (i + 1) & (m->nslot - 1)) {
		e = &m->slot[i];
		if (e->key == NULL || (e->n == n && memcmp(e->key, key,
		    n) == 0))
			return e;
	}
}

void *
memo_get(const struct memo *m, const void *key, size_t n)
{
	struct memo_entry *e = find(m, key, n);

	return e->key != NULL ? e->value : NULL;
}

void
memo_put(struct memo *m, const void *key, size_t n, const void *value)
{
	struct memo_entry *e;

	if (m->n >= m->max)
		clear(m);
	e = find(m, key, n);
	if (e->key == NULL) {
		e->key = xmemdup(key, n);
		e->n = n;
		e->value = xmalloc(m->vsize);
		m->n++;
	}
	memcpy(e->value, value, m->vsize);
}
