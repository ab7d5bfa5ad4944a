/*
 * fuzz: what every harness in tests/fuzz/ shares.  A harness defines
 * LLVMFuzzerInitialize() (set up tables once) and LLVMFuzzerTestOneInput()
 * (one input; it must not leak, crash or leave state that changes how the
 * next input runs).  It is linked with libFuzzer by `make fuzz`, and with
 * replay.c by `make check`, which runs it over the committed corpus and
 * regression inputs.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int	LLVMFuzzerInitialize(int *argc, char ***argv);
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_path[64];

static inline void
fuzz_unlink(void)
{
	if (fuzz_path[0] != '\0')
		unlink(fuzz_path);
}

/*
 * Write data[0..size) to this process's scratch file (made on first use,
 * removed at exit) and return its path, for code that reads files.
 */
static inline const char *
fuzz_file(const uint8_t *data, size_t size)
{
	ssize_t w;
	int fd;

	if (fuzz_path[0] == '\0') {
		snprintf(fuzz_path, sizeof(fuzz_path), "/tmp/zb-fuzz.XXXXXX");
		if ((fd = mkstemp(fuzz_path)) < 0)
			abort();
		close(fd);
		atexit(fuzz_unlink);
	}
	if ((fd = open(fuzz_path, O_WRONLY | O_TRUNC)) < 0)
		abort();
	for (; size > 0; data += w, size -= (size_t)w)
		if ((w = write(fd, data, size)) <= 0)
			abort();
	close(fd);
	return fuzz_path;
}

/* A NUL-terminated copy of data[0..size) (free() it). */
static inline char *
fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Stop with a message: a harness's own check failed. */
#define FUZZ_ASSERT(c) do { if (!(c)) { fprintf(stderr, \
	"%s:%d: check failed: %s\n", __FILE__, __LINE__, #c); abort(); } \
	} while (0)

#endif
