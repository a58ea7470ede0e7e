/* fuzz_keymap.c — keymap_bind and key_from_name, the parsers of the key
 * lists in config.ini's [keys] section ("quit = q, C-q").
 *
 * Input: "ACTION=KEYS" (split at the first '='; without one, the whole input
 * is the key list), up to the first NUL byte.  The key list is bound to the
 * action given and to an action chosen by the first byte (so that the list
 * parser is reached whatever the action name), and each whole input is read
 * as one key name.  Invariants: -1 comes with a message and leaves the map
 * unchanged; a bound key is a valid key (a character or KEYC_*), has a name
 * that reads back as the same key, and is found again by keymap_lookup. */
#include "fuzz.h"

#include "keymap.h"

static void check_key(int key)
{
    char name[32];
    FZ_CHECK(key > 0 && key < KEYC_MAX);
    keyc_name(key, name, sizeof(name));
    FZ_CHECK(key_from_name(name) == key);
}

static void try_bind(const char *action, const char *keys)
{
    struct keymap km, before;
    struct cc_err err;
    char desc[256];
    int a = action_from_name(action);

    keymap_default(&km);
    before = km;
    err.msg[0] = '\0';
    if (keymap_bind(&km, action, keys, &err) != 0) {
        FZ_CHECK(err.msg[0] != '\0');
        FZ_CHECK(memcmp(&km, &before, sizeof(km)) == 0);
        return;
    }
    FZ_CHECK(a > ACT_NONE && a < ACT_COUNT);
    for (int i = 0; i < KEYMAP_MAX_KEYS && km.keys[a][i]; i++) {
        check_key(km.keys[a][i]);
        /* on every screen that offers the action, its key means something
         * (the first action bound to it there), unless it is text there */
        for (int ctx = 0; ctx < CTX_COUNT; ctx++) {
            const enum action *acts = keyctx_actions((enum keyctx)ctx);
            int offered = 0;
            for (size_t k = 0; acts[k] != ACT_NONE; k++)
                offered |= acts[k] == (enum action)a;
            if (offered && !(keyctx_is_text((enum keyctx)ctx) && km.keys[a][i] >= ' ' &&
                             km.keys[a][i] < KEYC_BASE))
                FZ_CHECK(keymap_lookup(&km, (enum keyctx)ctx, km.keys[a][i]) != ACT_NONE);
        }
    }
    keymap_describe(&km, (enum action)a, 0, desc, sizeof(desc));
    {
        struct cc_err e;
        (void)keymap_check(&km, NULL, &e);   /* may find a key bound twice: never a crash */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fz_str(data, size), *eq = strchr(s, '=');
    int key;

    if (eq) {
        *eq = '\0';
        try_bind(s, eq + 1);
        *eq = '=';
    }
    if (size)
        try_bind(action_name((enum action)(ACT_NONE + 1 + data[0] % (ACT_COUNT - 1))), eq ? eq + 1 : s);
    key = key_from_name(s);
    if (key >= 0)
        check_key(key);
    free(s);
    return 0;
}
