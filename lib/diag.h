/*
 * diag: the program's name, its exit statuses and its messages.
 *
 * Every message starts with the name set by zb_setprog() (or zb_start()):
 * "zb-norm: <stdin>:17: ...".  The zb_ prefix keeps them apart from libc's
 * err, errx, warn and warnx, which they used to shadow.  Nothing here
 * allocates; zb_prog() returns a pointer into argv[0], owned by the caller
 * of zb_setprog().
 */
#ifndef DIAG_H
#define DIAG_H

/* Exit statuses shared by every tool (see README "Exit status"). */
#define EXIT_OK		0
#define EXIT_NEGATIVE	1	/* a negative answer: zb-diff inputs differ */
#define EXIT_TROUBLE	2

void	 zb_setprog(const char *);
/*
 * Every tool's start: set the program name from argv[0] and answer
 * "--version" as the first argument ("zb-norm 0.1.0" on stdout, then a
 * line "data FILE SHA256" for each data table built into the binary,
 * data/embed.sh; exit 0).
 */
void	 zb_start(int argc, char *argv[]);
const char *zb_prog(void);

/*
 * Print "prog: message\n" to stderr (stdout flushed first); zb_warn and
 * zb_err append ": strerror(errno)".  The zb_err* variants exit 2.
 */
void	 zb_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 zb_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 zb_errx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	 zb_err(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
