/*
 * sha: SHA-256 digests as lowercase hex, through OpenSSL's EVP interface.
 *
 * The caller owns the 65-byte hex buffer; a struct sha is the caller's too
 * and holds an EVP context between sha_init() and sha_final(), which frees
 * it.
 */
#ifndef SHA_H
#define SHA_H

#include <stddef.h>

#define SHA_HEXLEN	65	/* 64 hex digits and a NUL */

struct sha {
	void	*ctx;
};

/* Digest s[0..n) into hex. */
void	sha_hex(const void *s, size_t n, char *hex);

void	sha_init(struct sha *);
void	sha_update(struct sha *, const void *, size_t);
/* Finish into hex and release the context. */
void	sha_final(struct sha *, char *hex);

#endif
