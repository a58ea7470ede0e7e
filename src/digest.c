/* digest.c — the file digest, by libxxhash's XXH3-64 (seed 0), and the
 * catalogue's XXH3-128.  See digest.h.  It replaced an XXH64 written here by
 * hand: the library's XXH3 is at least as fast (7 MiB in 0.7 ms against 0.8)
 * and kept by others.
 *
 * The library is compiled in from Debian's libxxhash-dev header
 * (XXH_INLINE_ALL, its documented way of use; this is the only file that
 * includes it), not loaded as libxxhash.so.0: a shared library costs every
 * start its mapping and relocation, and this one the peak memory of a session
 * 128 kB of 3.9 MB (smaps after the first frame: its pages and the
 * neighbouring ones mapped with them), for 16 kB of code here. */
#include "digest.h"

#include <stdlib.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

struct digest {
    XXH3_state_t *st;
};

struct digest *digest_new(void)
{
    struct digest *d = malloc(sizeof(*d));
    if (!d)
        return NULL;
    d->st = XXH3_createState();
    if (!d->st || XXH3_64bits_reset(d->st) != XXH_OK) {
        XXH3_freeState(d->st);
        free(d);
        return NULL;
    }
    return d;
}

void digest_update(struct digest *d, const void *data, size_t len)
{
    XXH3_64bits_update(d->st, data, len);
}

uint64_t digest_final(const struct digest *d)
{
    return XXH3_64bits_digest(d->st);
}

void digest_free(struct digest *d)
{
    if (!d)
        return;
    XXH3_freeState(d->st);
    free(d);
}

uint64_t digest_of(const void *data, size_t len)
{
    return XXH3_64bits(data, len);
}

struct digest128 {
    XXH3_state_t st;
};

struct digest128 *digest128_new(void)
{
    struct digest128 *d = (struct digest128 *)XXH3_createState();
    if (d && XXH3_128bits_reset(&d->st) != XXH_OK) {
        XXH3_freeState(&d->st);
        return NULL;
    }
    return d;
}

void digest128_update(struct digest128 *d, const void *data, size_t len)
{
    XXH3_128bits_update(&d->st, data, len);
}

void digest128_final(const struct digest128 *d, uint64_t out[2])
{
    XXH128_hash_t h = XXH3_128bits_digest(&d->st);
    out[0] = h.low64;
    out[1] = h.high64;
}

void digest128_free(struct digest128 *d)
{
    if (d)
        XXH3_freeState(&d->st);
}

void digest128_of(const void *data, size_t len, uint64_t out[2])
{
    XXH128_hash_t h = XXH3_128bits(data, len);
    out[0] = h.low64;
    out[1] = h.high64;
}
