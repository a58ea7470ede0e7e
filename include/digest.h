/* digest.h — a fast 64-bit digest of bytes (XXH64), to tell whether a file
 * still holds what this process wrote (store.c).  Not for the snapshots'
 * hash chain, which is SHA-256 (sha256.h): this only tells accidental
 * changes apart, at a few bytes per cycle. */
#ifndef COOPCHECK_DIGEST_H
#define COOPCHECK_DIGEST_H

#include <stddef.h>
#include <stdint.h>

struct digest {
    uint64_t v[4];
    uint64_t total;          /* bytes so far */
    unsigned char buf[32];
    size_t used;             /* bytes waiting in buf */
};

void digest_init(struct digest *d);
void digest_update(struct digest *d, const void *data, size_t len);
uint64_t digest_final(const struct digest *d);
/* One-shot. */
uint64_t digest_of(const void *data, size_t len);

#endif
