/* sha256.h — SHA-256 (FIPS 180-4), used to chain snapshots and to notice a
 * file changed under us.  Computed by Nettle, which uses the processor's SHA
 * instructions where it has them (7 MiB: under 5 ms instead of 25 with a
 * portable implementation) and costs nothing at start-up. */
#ifndef COOPCHECK_SHA256_H
#define COOPCHECK_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
    union {
        uint64_t align;
        unsigned char bytes[128];
    } ctx;               /* Nettle's struct sha256_ctx */
    uint64_t total;      /* bytes hashed so far */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
void sha256_final(struct sha256 *c, unsigned char out[32]);
/* One-shot, as 64 lowercase hex digits plus NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
