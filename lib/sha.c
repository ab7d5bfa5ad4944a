/* sha: SHA-256 digests as lowercase hex. */
#include <openssl/evp.h>

#include "sha.h"
#include "util.h"

static void
tohex(const unsigned char *md, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
}

void
sha_hex(const void *s, size_t n, char *hex)
{
	unsigned char md[32];
	unsigned int len;

	if (EVP_Digest(s, n, md, &len, EVP_sha256(), NULL) != 1)
		zb_errx("SHA-256 failed");
	tohex(md, hex);
}

void
sha_init(struct sha *h)
{
	h->ctx = EVP_MD_CTX_new();
	if (h->ctx == NULL || EVP_DigestInit_ex(h->ctx, EVP_sha256(),
	    NULL) != 1)
		zb_errx("SHA-256 failed");
}

void
sha_update(struct sha *h, const void *p, size_t n)
{
	EVP_DigestUpdate(h->ctx, p, n);
}

void
sha_final(struct sha *h, char *hex)
{
	unsigned char md[32];
	unsigned int len;

	EVP_DigestFinal_ex(h->ctx, md, &len);
	EVP_MD_CTX_free(h->ctx);
	h->ctx = NULL;
	tohex(md, hex);
}
