/* jsondoc_int.h — shared by the JSON parser's files (jsondoc.c,
 * jsondoc_scan.c, jsondoc_lex.c, jsondoc_keys.c) only.
 *
 * jsondoc_parse reads the text in one pass (see jsondoc.c): the strict
 * scanner builds the cJSON tree and records the position of every node.
 * The scanner is
 * jsondoc_scan.c (arrays, objects, the records), jsondoc_lex.c (positions,
 * UTF-8, strings, numbers, words and the messages about them) and
 * jsondoc_keys.c (the table of member keys, for refusing duplicates). */
#ifndef COOPCHECK_JSONDOC_INT_H
#define COOPCHECK_JSONDOC_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "jsondoc.h"
#include "util.h"

/* The position of one node of the tree. */
struct jsondoc_ent {
    uintptr_t node;
    struct json_pos pos;  /* first character of the value */
    struct json_pos key;  /* opening quote of the member key, else == pos */
};

/* The memory of a document's tree (jsondoc_scan.c). */
struct jsondoc_arena;
void jsondoc_arena_free(struct jsondoc_arena *a);

/* Scans s[0..len) (name for messages) and builds its tree: 0 with the tree
 * in *root (its memory in *arena: never cJSON_Delete it) and the position
 * of every node, in document pre-order, in *ents and *nents (the caller
 * frees both: jsondoc_arena_free, free); -1 with err set to
 * "NAME:LINE:COL: what is wrong" (err->code EINVAL), *root, *arena and
 * *ents NULL. */
int jsondoc_scan(const unsigned char *s, size_t len, const char *name, unsigned flags,
                 cJSON **root, struct jsondoc_arena **arena, struct jsondoc_ent **ents,
                 size_t *nents, struct cc_err *err);

/* A member key already seen, for duplicate detection. */
struct jsondoc_keyent {
    size_t obj;           /* serial number of the object, from 1 */
    size_t off, len;      /* decoded key in jsondoc_keys.keys */
    uint32_t hash;        /* of the ASCII-folded key */
    struct json_pos pos;
};

/* The member keys of one document, in one hash table keyed by (object serial
 * number, key), folded to ASCII lower case so that JSONDOC_NO_CASE_VARIANTS
 * needs no second table. */
struct jsondoc_keys {
    struct sbuf keys;     /* every decoded key, back to back */
    struct jsondoc_keyent *ents;
    size_t nents, capents;
    size_t *slots;        /* index + 1 into ents; 0 = empty */
    size_t nslots;        /* power of two */
};

void jsondoc_keys_init(struct jsondoc_keys *kt);
void jsondoc_keys_release(struct jsondoc_keys *kt);
/* The key just decoded into kt->keys from offset off to the end belongs to
 * object obj and stands at pos.  NULL when obj has no such key yet (then the
 * key is remembered); else the entry of obj's earlier key that it repeats
 * exactly or, with case_variants, differs from only in ASCII letter case
 * (then nothing is remembered).  The entry is valid until the next call. */
const struct jsondoc_keyent *jsondoc_keys_add(struct jsondoc_keys *kt, size_t obj, size_t off,
                                              struct json_pos pos, int case_variants);

/* ---- inside the scanner (jsondoc_scan.c, jsondoc_lex.c) ---- */

struct scanner {
    const unsigned char *s;
    size_t len;
    size_t i;             /* next byte */
    int line, col;        /* position of s[i] */
    const char *name;
    unsigned flags;
    struct cc_err *err;

    cJSON *root;          /* the tree built so far */
    struct jsondoc_arena *arena;   /* its memory */
    struct jsondoc_ent *ents;
    size_t nents, capents;

    struct jsondoc_keys kt;   /* the member keys seen, decoded into kt.keys */
    size_t nobjs;

    struct sbuf tmp;      /* scratch (number conversion) */
    struct sbuf str;      /* the string value being decoded */
};

/* Sets sc->err to "NAME:LINE:COL: message" (code EINVAL) and returns -1. */
int scan_fail_at(struct scanner *sc, int line, int col, const char *fmt, ...) CC_PRINTF(4, 5);
/* Reports "expected WHAT, found X" at the current position; value_pos: a
 * value was expected there (adds hints for '+' and '.'). */
int scan_unexpected(struct scanner *sc, const char *what, int value_pos);
/* A decoded key for a message: in double quotes, escaped, cut after 48
 * characters (out needs 296 bytes for that; with less it gets "..."). */
void scan_quote_key(const char *key, size_t len, char *out, size_t outsz);

/* The position of the next byte. */
struct json_pos scan_pos(const struct scanner *sc);
/* Moves past n bytes that hold one character (never '\n'). */
void scan_step(struct scanner *sc, size_t n);
void scan_skip_ws(struct scanner *sc);
int scan_is_digit(unsigned char c);

/* Each scans the token at the current position and moves past it: 0, or -1
 * after reporting the error.  scan_string (at the opening quote) appends the
 * decoded text to out; scan_number stores the number's value in *value;
 * scan_word stores the cJSON type of true, false or null in *kind. */
int scan_string(struct scanner *sc, struct sbuf *out);
int scan_number(struct scanner *sc, double *value);
int scan_word(struct scanner *sc, int *kind);

/* 1 when the 8 bytes at p are all printable ASCII other than '"', '\\' and
 * DEL: a word at a time, for the long runs of plain text of answers (the
 * scanner and the printer). */
static inline int jsondoc_plain8(const unsigned char *p)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t w, q, b;
    memcpy(&w, p, 8);
    q = w ^ (ones * '"');
    b = w ^ (ones * '\\');
    return !((((w - ones * 0x20) & ~w)      /* a byte below 0x20 */
              | ((w + ones) | w)            /* 0x7f or above (a carry only from 0xff) */
              | ((q - ones) & ~q)           /* a '"' */
              | ((b - ones) & ~b)) & highs);  /* a '\\' */
}

#endif
