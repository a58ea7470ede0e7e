/* digest.h — a fast 64-bit digest of bytes (XXH3-64 from Debian's
 * libxxhash), to tell whether a file still holds what this process wrote
 * (store.c).  Not for the snapshots' hash chain, which is SHA-256
 * (sha256.h): this only tells accidental changes apart, at memory speed. */
#ifndef COOPCHECK_DIGEST_H
#define COOPCHECK_DIGEST_H

#include <stddef.h>
#include <stdint.h>

/* A digest over bytes given in pieces (fs_digest_at reads a file in
 * chunks); what the pieces add up to gives the digest_of of the whole. */
struct digest;

/* NULL when out of memory. */
struct digest *digest_new(void);
void digest_update(struct digest *d, const void *data, size_t len);
uint64_t digest_final(const struct digest *d);
void digest_free(struct digest *d);
/* One-shot. */
uint64_t digest_of(const void *data, size_t len);

/* XXH3-128 (seed 0), in pieces or at once: the bundled catalogue's
 * fingerprint (catalog_blob.c); out[0] is the low half. */
struct digest128;
struct digest128 *digest128_new(void);
void digest128_update(struct digest128 *d, const void *data, size_t len);
void digest128_final(const struct digest128 *d, uint64_t out[2]);
void digest128_free(struct digest128 *d);
void digest128_of(const void *data, size_t len, uint64_t out[2]);

#endif
