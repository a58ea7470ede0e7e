/* sha256.c — see sha256.h.  A failure of libcrypto here can only be a lack of
 * memory (SHA-256 is always available in its default provider), handled as
 * every allocation is: the program stops with a message. */
#include "sha256.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"

static void fail(const char *what)
{
    fprintf(stderr, _("coopcheck: computing a SHA-256 failed in libcrypto (%s): out of memory?\n"),
            what);
    abort();
}

void sha256_init(struct sha256 *c)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
        fail("EVP_DigestInit_ex");
    c->ctx = ctx;
    c->total = 0;
}

void sha256_update(struct sha256 *c, const void *data, size_t len)
{
    if (len && EVP_DigestUpdate(c->ctx, data, len) != 1)
        fail("EVP_DigestUpdate");
    c->total += len;
}

void sha256_final(struct sha256 *c, unsigned char out[32])
{
    unsigned int n = 0;
    if (EVP_DigestFinal_ex(c->ctx, out, &n) != 1 || n != 32)
        fail("EVP_DigestFinal_ex");
    EVP_MD_CTX_free(c->ctx);
    c->ctx = NULL;
}

void sha256_hex(const void *data, size_t len, char out[65])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char md[32];
    unsigned int n = 0;
    if (EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) != 1 || n != 32)
        fail("EVP_Digest");
    for (int i = 0; i < 32; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[64] = '\0';
}
