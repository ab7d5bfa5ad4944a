/*
 * state: what zb-fetch remembers between runs, in a text file of
 * tab-separated lines (see zb-fetch(1), "STATE FILE"):
 *
 *	#zb-fetch state 1
 *	doc	URL	ETAG	LAST_MODIFIED	SHA256	FETCHED_AT
 *	link	URL	LIST_URL	FIRST_SEEN
 *	list	URL	ETAG	LAST_MODIFIED	SHA256	FETCHED_AT
 *
 * A list page (zb-fetch -l) keeps its validators and digest apart from a
 * document's, so one URL may be both, each fetched on its own terms.
 *
 * Empty fields are empty strings; tabs and line breaks inside values are
 * written as spaces.  Lines are kept sorted so the file diffs well.
 *
 * A state owns its entries and strings; state_free() releases it
 * (state_free(NULL) is a no-op).  Lookups return pointers into it, valid
 * until the next state_set()/state_del()/state_free().
 */
#ifndef STATE_H
#define STATE_H

#include <stddef.h>

enum state_kind { STATE_DOC, STATE_LINK, STATE_LIST };

#define STATE_FIELDS	4

struct state_entry {
	enum state_kind	 kind;
	char		*url;
	char		*f[STATE_FIELDS];	/* by kind; then NULL */
	int		 dirty;		/* set since the load: saved over */
};

/* doc and list fields */
#define SD_ETAG		0
#define SD_LASTMOD	1
#define SD_SHA256	2
#define SD_FETCHED	3
/* link fields */
#define SL_LIST		0
#define SL_SEEN		1

struct state;

struct state	*state_new(void);
/*
 * Load path.  A missing file is an empty state.  Returns 0, or -1 after
 * reporting an unreadable file or a malformed line (as PATH:LINE).
 */
int		 state_load(struct state *, const char *path);
const struct state_entry *state_get(const struct state *, enum state_kind,
		    const char *url);
/* Add or replace an entry; the strings are copied (NULL is ""). */
void		 state_set(struct state *, enum state_kind, const char *url,
		    const char *const f[STATE_FIELDS]);
/* Remove an entry, if there is one. */
void		 state_del(struct state *, enum state_kind, const char *url);
/*
 * For each of urls[0..n), put back the document entry the state file
 * from holds, or remove the entry when from has none (zb-fetch -u), so
 * the next run fetches the URL as new or changed again.  Link entries
 * stay.  Returns 0, or -1 after reporting an unreadable or malformed from
 * (st is then unchanged).
 */
int		 state_restore(struct state *, const char *from,
		    const char *const *urls, size_t n);
/*
 * Write the state to path atomically: a temporary file in the same
 * directory, flushed to disk, then renamed over path, and the directory
 * flushed.  Runs that share path do not lose each other's updates: under
 * an exclusive flock on PATH.lock (waiting for it), the file as it is
 * now is read again, and only the entries this state set or removed
 * since its load are changed in it; the rest is as the other runs left
 * it.  The new file keeps the old one's permissions (a new one gets 0666
 * less the umask).  Returns 0, or -1 after reporting the error (path is
 * left as it was, unless only the directory sync failed).
 */
int		 state_save(const struct state *, const char *path);
void		 state_free(struct state *);

#endif
