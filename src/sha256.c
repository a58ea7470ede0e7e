/* sha256.c — see sha256.h.  Nettle names its functions sha256_init and so on
 * through macros: they are undone here, where only its nettle_ names are
 * called, so that ours keep theirs. */
#include <nettle/sha2.h>
#undef sha256_init
#undef sha256_update
#undef sha256_digest

#include "sha256.h"

_Static_assert(sizeof(struct sha256_ctx) <= sizeof(((struct sha256 *)0)->ctx.bytes),
               "struct sha256 has no room for Nettle's context");

static struct sha256_ctx *ctx_of(struct sha256 *c)
{
    return (struct sha256_ctx *)(void *)c->ctx.bytes;
}

void sha256_init(struct sha256 *c)
{
    nettle_sha256_init(ctx_of(c));
    c->total = 0;
}

void sha256_update(struct sha256 *c, const void *data, size_t len)
{
    nettle_sha256_update(ctx_of(c), len, data);
    c->total += len;
}

void sha256_final(struct sha256 *c, unsigned char out[32])
{
    nettle_sha256_digest(ctx_of(c), SHA256_DIGEST_SIZE, out);
}

void sha256_hex(const void *data, size_t len, char out[65])
{
    static const char hex[] = "0123456789abcdef";
    struct sha256 c;
    unsigned char md[32];
    sha256_init(&c);
    sha256_update(&c, data, len);
    sha256_final(&c, md);
    for (int i = 0; i < 32; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[64] = '\0';
}
