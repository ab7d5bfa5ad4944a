/*
 * fetchopt: zb-fetch's options, their defaults, their checks and its
 * usage text.  The strings in a struct fetchopt point into argv; nothing
 * is allocated.  A bad option or value prints the usage or a message and
 * exits 2, as zb-fetch(1) says.
 */
#ifndef FETCHOPT_H
#define FETCHOPT_H

#include <curl/curl.h>

struct fetchopt {
	long		 maxjobs;	/* -j */
	long		 perhost;	/* -p */
	double		 delay;		/* -d, seconds */
	long		 retries;	/* -r */
	double		 timeout;	/* -t, seconds */
	curl_off_t	 maxbytes;	/* -m */
	const char	*statefile;	/* -s */
	const char	*cachedir;	/* -c */
	const char	*cafile;	/* -C, --cacert */
	const char	*restore;	/* -u: entries to restore from */
	const char	*pattern;	/* -l */
	int		 audit;		/* -x */
	int		 anyaddr;	/* -L: private addresses from anywhere */
	long		 maxlinks;	/* -n: new links per list page */
	int		 samehost;	/* -H: links on the list's host only */
	int		 progress;	/* -P: progress even off a terminal */
};

int	fetchopt_parse(struct fetchopt *, int argc, char **argv);
/* The usage: with the options on stdout and status 0 when asked. */
void	fetchopt_usage(int asked) __attribute__((noreturn));

#endif
