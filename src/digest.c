/* digest.c — XXH64 with seed 0, written from its published description
 * (github.com/Cyan4973/xxHash, doc/xxhash_spec.md).  See digest.h. */
#include "digest.h"

#include <string.h>

#define P1 0x9E3779B185EBCA87u
#define P2 0xC2B2AE3D27D4EB4Fu
#define P3 0x165667B19E3779F9u
#define P4 0x85EBCA77C2B2AE63u
#define P5 0x27D4EB2F165667C5u

static uint64_t rotl(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

/* Little-endian whatever the machine. */
static uint64_t read64(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
#else
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
#endif
}

static uint32_t read32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t round64(uint64_t acc, uint64_t input)
{
    acc += input * P2;
    acc = rotl(acc, 31);
    return acc * P1;
}

static uint64_t merge(uint64_t acc, uint64_t v)
{
    acc ^= round64(0, v);
    return acc * P1 + P4;
}

void digest_init(struct digest *d)
{
    memset(d, 0, sizeof(*d));
    d->v[0] = P1 + P2;
    d->v[1] = P2;
    d->v[2] = 0;
    d->v[3] = (uint64_t)0 - P1;
}

static void stripe(struct digest *d, const unsigned char *p)
{
    d->v[0] = round64(d->v[0], read64(p));
    d->v[1] = round64(d->v[1], read64(p + 8));
    d->v[2] = round64(d->v[2], read64(p + 16));
    d->v[3] = round64(d->v[3], read64(p + 24));
}

void digest_update(struct digest *d, const void *data, size_t len)
{
    const unsigned char *p = data;
    d->total += len;
    if (d->used) {
        size_t take = 32 - d->used < len ? 32 - d->used : len;
        memcpy(d->buf + d->used, p, take);
        d->used += take;
        p += take;
        len -= take;
        if (d->used < 32)
            return;
        stripe(d, d->buf);
        d->used = 0;
    }
    for (; len >= 32; p += 32, len -= 32)
        stripe(d, p);
    memcpy(d->buf, p, len);
    d->used = len;
}

uint64_t digest_final(const struct digest *d)
{
    const unsigned char *p = d->buf, *end = d->buf + d->used;
    uint64_t h;
    if (d->total >= 32) {
        h = rotl(d->v[0], 1) + rotl(d->v[1], 7) + rotl(d->v[2], 12) + rotl(d->v[3], 18);
        for (int i = 0; i < 4; i++)
            h = merge(h, d->v[i]);
    } else {
        h = P5;
    }
    h += d->total;
    for (; end - p >= 8; p += 8) {
        h ^= round64(0, read64(p));
        h = rotl(h, 27) * P1 + P4;
    }
    if (end - p >= 4) {
        h ^= (uint64_t)read32(p) * P1;
        h = rotl(h, 23) * P2 + P3;
        p += 4;
    }
    for (; p < end; p++) {
        h ^= *p * P5;
        h = rotl(h, 11) * P1;
    }
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    h *= P3;
    h ^= h >> 32;
    return h;
}

uint64_t digest_of(const void *data, size_t len)
{
    struct digest d;
    digest_init(&d);
    digest_update(&d, data, len);
    return digest_final(&d);
}
