/* jsondoc_keys.c — the JSON scanner's table of member keys.  See
 * jsondoc_int.h.
 *
 * Keys are compared decoded ("a" and "\u0061" are the same key, as the
 * scanner stores them decoded) through one open-addressing hash table keyed
 * by (object serial number, key), folded to ASCII lower case so that
 * JSONDOC_NO_CASE_VARIANTS needs no second table.  Messages are the
 * scanner's: this file only finds the clash. */
#include "jsondoc_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

static uint32_t fold_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < len; i++) {
        h ^= fold((unsigned char)s[i]);
        h *= 16777619u;
    }
    return h;
}

static size_t slot_of(uint32_t hash, size_t obj, size_t mask)
{
    uint64_t x = ((uint64_t)obj * 0x9e3779b97f4a7c15u) ^ hash;
    x ^= x >> 29;
    x *= 0xbf58476d1ce4e5b9u;
    x ^= x >> 32;
    return (size_t)x & mask;
}

static int fold_equal(const char *a, const char *b, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (fold((unsigned char)a[i]) != fold((unsigned char)b[i]))
            return 0;
    return 1;
}

static void grow_slots(struct jsondoc_keys *kt)
{
    size_t n = kt->nslots ? 2 * kt->nslots : 64, i;

    free(kt->slots);
    kt->slots = xcalloc(n, sizeof(*kt->slots));
    kt->nslots = n;
    for (i = 0; i < kt->nents; i++) {
        const struct jsondoc_keyent *e = &kt->ents[i];
        size_t s = slot_of(e->hash, e->obj, n - 1);
        while (kt->slots[s])
            s = (s + 1) & (n - 1);
        kt->slots[s] = i + 1;
    }
}

void jsondoc_keys_init(struct jsondoc_keys *kt)
{
    memset(kt, 0, sizeof(*kt));
    sbuf_init(&kt->keys);
}

void jsondoc_keys_release(struct jsondoc_keys *kt)
{
    free(kt->ents);
    free(kt->slots);
    sbuf_release(&kt->keys);
}

const struct jsondoc_keyent *jsondoc_keys_add(struct jsondoc_keys *kt, size_t obj, size_t off,
                                              struct json_pos pos, int case_variants)
{
    const char *key = kt->keys.buf + off;
    size_t len = kt->keys.len - off, s;
    uint32_t h = fold_hash(key, len);
    struct jsondoc_keyent *e;

    if ((kt->nents + 1) * 2 > kt->nslots)
        grow_slots(kt);
    for (s = slot_of(h, obj, kt->nslots - 1); kt->slots[s]; s = (s + 1) & (kt->nslots - 1)) {
        const struct jsondoc_keyent *o = &kt->ents[kt->slots[s] - 1];
        const char *okey = kt->keys.buf + o->off;

        if (o->obj != obj || o->hash != h || o->len != len || !fold_equal(okey, key, len))
            continue;
        if (memcmp(okey, key, len) == 0 || case_variants)
            return o;
    }
    if (kt->nents == kt->capents) {
        kt->capents = kt->capents ? 2 * kt->capents : 64;
        kt->ents = xrealloc(kt->ents, kt->capents * sizeof(*kt->ents));
    }
    e = &kt->ents[kt->nents];
    e->obj = obj;
    e->off = off;
    e->len = len;
    e->hash = h;
    e->pos = pos;
    kt->slots[s] = ++kt->nents;
    return NULL;
}
