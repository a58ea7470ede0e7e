/* jsondoc.c — strict JSON parsing with source positions.  See jsondoc.h.
 *
 * Two passes over the text:
 *
 *  1. A hand-written RFC 8259 scanner walks the bytes once.  It validates the
 *     grammar, UTF-8, string escapes, numbers, nesting depth and key
 *     uniqueness, and records in document pre-order the position of every
 *     value (and, for object members, of the key).  Lines are counted at '\n';
 *     columns count code points (every byte that is not a UTF-8 continuation
 *     byte), so a tab or a multibyte character counts one.
 *  2. cJSON_ParseWithLengthOpts builds the tree from the same text.  A
 *     pre-order walk of the tree pairs node k with record k (checking that the
 *     kinds agree), and the pairs are sorted by node address so that
 *     jsondoc_pos is a binary search.
 *
 * Keys are compared decoded ("a" and "\u0061" are the same key) through one
 * hash table keyed by (object serial number, key), folded to ASCII lower case
 * so that JSONDOC_NO_CASE_VARIANTS needs no second table.
 */
#include "jsondoc.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "i18n.h"
#include "textutil.h"

/* One value as the scanner saw it. */
struct rec {
    struct json_pos pos;  /* first character of the value */
    struct json_pos key;  /* opening quote of the member key, else == pos */
    int kind;             /* the cJSON type the value must get */
};

/* One cJSON node of the finished document. */
struct map_ent {
    uintptr_t node;
    struct json_pos pos;
    struct json_pos key;
};

struct jsondoc {
    char *name;
    cJSON *root;
    struct map_ent *map;  /* sorted by node */
    size_t n;
};

/* A member key already seen, for duplicate detection. */
struct keyent {
    size_t obj;           /* serial number of the object, from 1 */
    size_t off, len;      /* decoded key in scanner.keys */
    uint32_t hash;        /* of the ASCII-folded key */
    struct json_pos pos;
};

struct scanner {
    const unsigned char *s;
    size_t len;
    size_t i;             /* next byte */
    int line, col;        /* position of s[i] */
    const char *name;
    unsigned flags;
    struct cc_err *err;

    struct rec *recs;
    size_t nrecs, caprecs;

    struct sbuf keys;     /* every decoded key, back to back */
    struct keyent *ents;
    size_t nents, capents;
    size_t *slots;        /* index + 1 into ents; 0 = empty */
    size_t nslots;        /* power of two */
    size_t nobjs;

    struct sbuf tmp;      /* scratch (number conversion) */
};

/* ---- errors ------------------------------------------------------------ */

static int fail_at(struct scanner *sc, int line, int col, const char *fmt, ...) CC_PRINTF(4, 5);
static int fail_at(struct scanner *sc, int line, int col, const char *fmt, ...)
{
    char msg[900];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return cc_error_code(sc->err, EINVAL, "%s:%d:%d: %s", sc->name, line, col, msg);
}

/* Characters never put raw into a message: C1 controls, bidi marks,
 * embeddings, overrides and isolates, line and paragraph separators. */
static int unsafe_cp(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c || cp == 0x200e ||
           cp == 0x200f || (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Decodes a sequence already known to be valid UTF-8; returns its length. */
static size_t decode_valid(const unsigned char *p, uint32_t *cp)
{
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    if (p[0] < 0xe0) {
        *cp = ((uint32_t)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
        return 2;
    }
    if (p[0] < 0xf0) {
        *cp = ((uint32_t)(p[0] & 0x0f) << 12) | ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
        return 3;
    }
    *cp = ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3f) << 12) |
          ((uint32_t)(p[2] & 0x3f) << 6) | (p[3] & 0x3f);
    return 4;
}

/* Writes a decoded key (valid UTF-8) for a message: in double quotes, with
 * '"' and '\' escaped, unsafe characters as \uXXXX, cut after 48 characters. */
static void quote_key(const char *key, size_t len, char *out, size_t outsz)
{
    const unsigned char *p = (const unsigned char *)key;
    size_t i = 0, o = 0, chars = 0;

    /* Worst case per character: 6 bytes; plus quotes, "..." and NUL. */
    if (outsz < 48 * 6 + 8) {
        snprintf(out, outsz, "\"...\"");
        return;
    }
    out[o++] = '"';
    while (i < len) {
        uint32_t cp;
        size_t n = decode_valid(p + i, &cp);
        if (chars == 48) {
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        if (cp == '"' || cp == '\\') {
            out[o++] = '\\';
            out[o++] = (char)cp;
        } else if (unsafe_cp(cp)) {
            o += (size_t)snprintf(out + o, outsz - o, "\\u%04X", (unsigned)cp);
        } else {
            memcpy(out + o, p + i, n);
            o += n;
        }
        i += n;
        chars++;
    }
    out[o++] = '"';
    out[o] = '\0';
}

/* ---- position bookkeeping --------------------------------------------- */

static struct json_pos cur(const struct scanner *sc)
{
    struct json_pos p;
    p.line = sc->line;
    p.col = sc->col;
    return p;
}

/* Moves past n bytes that hold one character (never '\n'). */
static void step(struct scanner *sc, size_t n)
{
    sc->i += n;
    if (sc->col < INT_MAX)
        sc->col++;
}

/* Moves past n ASCII characters (none of them '\n'). */
static void step_ascii(struct scanner *sc, size_t n)
{
    sc->i += n;
    sc->col = (size_t)sc->col + n > INT_MAX ? INT_MAX : sc->col + (int)n;
}

static void skip_ws(struct scanner *sc)
{
    while (sc->i < sc->len) {
        unsigned char c = sc->s[sc->i];
        if (c == ' ' || c == '\t' || c == '\r') {
            step(sc, 1);
        } else if (c == '\n') {
            sc->i++;
            if (sc->line < INT_MAX)
                sc->line++;
            sc->col = 1;
        } else {
            break;
        }
    }
}

/* ---- UTF-8 ------------------------------------------------------------- */

/* Checks the sequence starting at s[i] (s[i] >= 0x80).  Returns its length
 * and stores the code point, or reports the error at the current position and
 * returns 0. */
static size_t check_utf8(struct scanner *sc, uint32_t *cpout)
{
    const unsigned char *p = sc->s + sc->i;
    size_t avail = sc->len - sc->i, n, k;
    unsigned c = p[0];
    uint32_t cp, min;

    if (c >= 0xc0 && c <= 0xc1) {
        fail_at(sc, sc->line, sc->col,
                _("invalid UTF-8: overlong encoding (byte 0x%02x starts a 2-byte form of an ASCII character)"), c);
        return 0;
    }
    if (c < 0xc0 || c > 0xf7) {
        fail_at(sc, sc->line, sc->col, _("invalid UTF-8 byte 0x%02x"), c);
        return 0;
    }
    if (c < 0xe0) {
        n = 2;
        cp = c & 0x1f;
        min = 0x80;
    } else if (c < 0xf0) {
        n = 3;
        cp = c & 0x0f;
        min = 0x800;
    } else {
        n = 4;
        cp = c & 0x07;
        min = 0x10000;
    }
    for (k = 1; k < n; k++) {
        if (k >= avail || (p[k] & 0xc0) != 0x80) {
            fail_at(sc, sc->line, sc->col,
                    P_("invalid UTF-8: incomplete sequence (byte 0x%02x must be followed by %zu "
                       "continuation byte)",
                       "invalid UTF-8: incomplete sequence (byte 0x%02x must be followed by %zu "
                       "continuation bytes)", n - 1),
                    c, n - 1);
            return 0;
        }
        cp = (cp << 6) | (p[k] & 0x3f);
    }
    if (cp < min) {
        char bytes[24];
        size_t o = 0;
        for (k = 0; k < n; k++)
            o += (size_t)snprintf(bytes + o, sizeof(bytes) - o, "%s0x%02x", k ? " " : "", p[k]);
        fail_at(sc, sc->line, sc->col, _("invalid UTF-8: overlong encoding of U+%04X (bytes %s)"),
                (unsigned)cp, bytes);
        return 0;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) {
        fail_at(sc, sc->line, sc->col,
                _("invalid UTF-8: encoded surrogate U+%04X (surrogates are not characters)"), (unsigned)cp);
        return 0;
    }
    if (cp > 0x10ffff) {
        fail_at(sc, sc->line, sc->col,
                _("invalid UTF-8: sequence for U+%X, above the Unicode maximum U+10FFFF"), (unsigned)cp);
        return 0;
    }
    *cpout = cp;
    return n;
}

/* Describes the character at the current position for "found ...".  Returns
 * -1 (error reported) when it is not valid UTF-8. */
static int describe(struct scanner *sc, char *out, size_t outsz)
{
    unsigned char c;
    uint32_t cp;
    size_t n;

    if (sc->i >= sc->len) {
        snprintf(out, outsz, "%s", _("the end of the file"));
        return 0;
    }
    c = sc->s[sc->i];
    if (c == 0) {
        snprintf(out, outsz, "%s", _("a NUL byte (0x00)"));
    } else if (c < 0x20 || c == 0x7f) {
        snprintf(out, outsz, _("control character U+%04X"), c);
    } else if (c == '\'') {
        snprintf(out, outsz, "\"'\"");
    } else if (c < 0x80) {
        snprintf(out, outsz, "'%c'", c);
    } else {
        n = check_utf8(sc, &cp);
        if (!n)
            return -1;
        if (unsafe_cp(cp))
            snprintf(out, outsz, "U+%04X", (unsigned)cp);
        else
            snprintf(out, outsz, "'%.*s' (U+%04X)", (int)n, (const char *)sc->s + sc->i, (unsigned)cp);
    }
    return 0;
}

/* Reports "expected WHAT, found X" at the current position. */
static int unexpected(struct scanner *sc, const char *what, int value_pos)
{
    char found[64];
    const char *hint = "";

    if (describe(sc, found, sizeof(found)) < 0)
        return -1;
    if (sc->i < sc->len) {
        switch (sc->s[sc->i]) {
        case '/':
            hint = _(" (comments are not allowed in JSON)");
            break;
        case '\'':
            hint = _(" (JSON strings use double quotes)");
            break;
        case '+':
            if (value_pos)
                hint = _(" (JSON numbers have no '+' sign)");
            break;
        case '.':
            if (value_pos)
                hint = _(" (write 0.5, not .5)");
            break;
        default:
            break;
        }
    }
    /* TRANSLATORS: what and found describe characters or values on their
     * own ("a value", "the end of the file"); the last %s is a hint in
     * parentheses, with its leading space, or nothing */
    return fail_at(sc, sc->line, sc->col, _("expected %s, found %s%s"), what, found, hint);
}

/* ---- records and keys --------------------------------------------------- */

static size_t add_rec(struct scanner *sc, struct json_pos pos, const struct json_pos *key)
{
    struct rec *r;

    if (sc->nrecs == sc->caprecs) {
        sc->caprecs = sc->caprecs ? 2 * sc->caprecs : 256;
        sc->recs = xrealloc(sc->recs, sc->caprecs * sizeof(*sc->recs));
    }
    r = &sc->recs[sc->nrecs];
    r->pos = pos;
    r->key = key ? *key : pos;
    r->kind = cJSON_Invalid;
    return sc->nrecs++;
}

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

static void grow_slots(struct scanner *sc)
{
    size_t n = sc->nslots ? 2 * sc->nslots : 64, i;

    free(sc->slots);
    sc->slots = xcalloc(n, sizeof(*sc->slots));
    sc->nslots = n;
    for (i = 0; i < sc->nents; i++) {
        const struct keyent *e = &sc->ents[i];
        size_t s = slot_of(e->hash, e->obj, n - 1);
        while (sc->slots[s])
            s = (s + 1) & (n - 1);
        sc->slots[s] = i + 1;
    }
}

/* The key just decoded into sc->keys[off..] belongs to object obj: refuse it
 * if the object already has it (or a case variant, by flag), else remember it. */
static int add_key(struct scanner *sc, size_t obj, size_t off, struct json_pos pos)
{
    const char *key = sc->keys.buf + off;
    size_t len = sc->keys.len - off, s;
    uint32_t h = fold_hash(key, len);
    struct keyent *e;

    if ((sc->nents + 1) * 2 > sc->nslots)
        grow_slots(sc);
    for (s = slot_of(h, obj, sc->nslots - 1); sc->slots[s]; s = (s + 1) & (sc->nslots - 1)) {
        const struct keyent *o = &sc->ents[sc->slots[s] - 1];
        const char *okey = sc->keys.buf + o->off;
        char q1[320], q2[320];

        if (o->obj != obj || o->hash != h || o->len != len || !fold_equal(okey, key, len))
            continue;
        if (memcmp(okey, key, len) == 0) {
            quote_key(key, len, q1, sizeof(q1));
            return fail_at(sc, pos.line, pos.col, _("duplicate key %s (first at %d:%d)"), q1,
                           o->pos.line, o->pos.col);
        }
        if (sc->flags & JSONDOC_NO_CASE_VARIANTS) {
            quote_key(key, len, q1, sizeof(q1));
            quote_key(okey, len, q2, sizeof(q2));
            return fail_at(sc, pos.line, pos.col,
                           _("key %s differs only in letter case from key %s (at %d:%d)"), q1, q2,
                           o->pos.line, o->pos.col);
        }
    }
    if (sc->nents == sc->capents) {
        sc->capents = sc->capents ? 2 * sc->capents : 64;
        sc->ents = xrealloc(sc->ents, sc->capents * sizeof(*sc->ents));
    }
    e = &sc->ents[sc->nents];
    e->obj = obj;
    e->off = off;
    e->len = len;
    e->hash = h;
    e->pos = pos;
    sc->slots[s] = ++sc->nents;
    return 0;
}

/* ---- strings ------------------------------------------------------------ */

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Reads the 4 hex digits of the \u escape whose backslash is at s[at]:
 * 0 and *cp on success, -1 after reporting the error. */
static int read_u(struct scanner *sc, size_t at, struct json_pos bs, struct json_pos strpos, uint32_t *cp)
{
    size_t k;
    uint32_t v = 0;

    for (k = 0; k < 4; k++) {
        int d;
        if (at + 2 + k >= sc->len) {
            step_ascii(sc, at + 2 + k - sc->i);
            return fail_at(sc, sc->line, sc->col,
                           _("unexpected end of file inside a string (started at %d:%d)"), strpos.line,
                           strpos.col);
        }
        d = hexval(sc->s[at + 2 + k]);
        if (d < 0)
            return fail_at(sc, bs.line, bs.col, _("invalid \\u escape: \\u must be followed by 4 hex digits"));
        v = (v << 4) | (uint32_t)d;
    }
    *cp = v;
    return 0;
}

static void put_utf8(struct sbuf *sb, uint32_t cp)
{
    char b[4];
    size_t n;

    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xc0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xe0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        b[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        b[0] = (char)(0xf0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        b[3] = (char)(0x80 | (cp & 0x3f));
        n = 4;
    }
    sbuf_add(sb, b, n);
}

/* Handles the escape whose backslash is at the current position. */
static int scan_escape(struct scanner *sc, struct sbuf *out, struct json_pos strpos)
{
    struct json_pos bs = cur(sc);
    size_t at = sc->i;
    unsigned char e;
    uint32_t cp, lo;
    char found[64];
    char c = 0;

    if (at + 1 >= sc->len) {
        step_ascii(sc, 1);
        return fail_at(sc, sc->line, sc->col, _("unexpected end of file inside a string (started at %d:%d)"),
                       strpos.line, strpos.col);
    }
    e = sc->s[at + 1];
    switch (e) {
    case '"': c = '"'; break;
    case '\\': c = '\\'; break;
    case '/': c = '/'; break;
    case 'b': c = '\b'; break;
    case 'f': c = '\f'; break;
    case 'n': c = '\n'; break;
    case 'r': c = '\r'; break;
    case 't': c = '\t'; break;
    case 'u': break;
    default:
        if (e >= 0x20 && e < 0x7f)
            return fail_at(sc, bs.line, bs.col,
                           _("invalid escape \\%c in a string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"), e);
        step_ascii(sc, 1);
        if (describe(sc, found, sizeof(found)) < 0)
            return -1;
        return fail_at(sc, bs.line, bs.col, _("invalid escape in a string: backslash followed by %s"), found);
    }
    if (e != 'u') {
        if (out)
            sbuf_addc(out, c);
        step_ascii(sc, 2);
        return 0;
    }
    if (read_u(sc, at, bs, strpos, &cp) < 0)
        return -1;
    if (cp == 0)
        return fail_at(sc, bs.line, bs.col, _("\\u0000 (the NUL character) is not allowed in a string"));
    if (cp >= 0xdc00 && cp <= 0xdfff)
        return fail_at(sc, bs.line, bs.col,
                       _("unpaired surrogate \\u%.4s (a low surrogate must follow a high surrogate \\uD800-\\uDBFF)"),
                       (const char *)sc->s + at + 2);
    if (cp >= 0xd800 && cp <= 0xdbff) {
        if (at + 7 < sc->len && sc->s[at + 6] == '\\' && sc->s[at + 7] == 'u') {
            struct json_pos bs2 = bs;
            bs2.col = bs.col > INT_MAX - 6 ? INT_MAX : bs.col + 6;
            if (read_u(sc, at + 6, bs2, strpos, &lo) < 0)
                return -1;
            if (lo >= 0xdc00 && lo <= 0xdfff) {
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                if (out)
                    put_utf8(out, cp);
                step_ascii(sc, 12);
                return 0;
            }
        }
        return fail_at(sc, bs.line, bs.col,
                       _("unpaired surrogate \\u%.4s (a high surrogate must be followed by a low surrogate \\uDC00-\\uDFFF)"),
                       (const char *)sc->s + at + 2);
    }
    if (out)
        put_utf8(out, cp);
    step_ascii(sc, 6);
    return 0;
}

/* Scans the string whose opening quote is at the current position; with out,
 * appends the decoded text to it. */
static int scan_string(struct scanner *sc, struct sbuf *out)
{
    struct json_pos start = cur(sc);
    const unsigned char *s = sc->s;
    size_t run;

    step(sc, 1);
    run = sc->i;
    for (;;) {
        unsigned char c;
        uint32_t cp;
        size_t n;

        if (sc->i >= sc->len)
            return fail_at(sc, sc->line, sc->col, _("unexpected end of file inside a string (started at %d:%d)"),
                           start.line, start.col);
        c = s[sc->i];
        if (c == '"') {
            if (out)
                sbuf_add(out, s + run, sc->i - run);
            step(sc, 1);
            return 0;
        }
        if (c == '\\') {
            if (out)
                sbuf_add(out, s + run, sc->i - run);
            if (scan_escape(sc, out, start) < 0)
                return -1;
            run = sc->i;
        } else if (c >= 0x80) {
            n = check_utf8(sc, &cp);
            if (!n)
                return -1;
            step(sc, n);
        } else if (c >= 0x20) {
            step(sc, 1);
        } else if (c == 0) {
            return fail_at(sc, sc->line, sc->col, _("NUL byte (0x00) inside a string"));
        } else if (c == '\n') {
            return fail_at(sc, sc->line, sc->col,
                           _("line break inside a string (started at %d:%d; missing closing quote? write \\n for a line break)"),
                           start.line, start.col);
        } else {
            const char *as = c == '\b' ? "\\b" : c == '\t' ? "\\t" : c == '\f' ? "\\f" : c == '\r' ? "\\r" : NULL;
            if (as)
                return fail_at(sc, sc->line, sc->col,
                               _("unescaped control character U+%04X inside a string (write it as %s)"), c, as);
            return fail_at(sc, sc->line, sc->col,
                           _("unescaped control character U+%04X inside a string (write it as \\u%04X)"), c, c);
        }
    }
}

/* ---- numbers and words ------------------------------------------------- */

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Would strtod turn the (grammatical) number s[start..end) into an infinity?
 * The decimal point is moved into the exponent so that the locale's decimal
 * separator does not matter. */
static int overflows(struct scanner *sc, size_t int_start, size_t int_end,
                     size_t frac_start, size_t frac_end, size_t exp_start, size_t end)
{
    const unsigned char *s = sc->s;
    long long e = 0;
    size_t k, nfrac = frac_end - frac_start;
    int eneg = 0;
    char ebuf[32];

    if (exp_start == end && int_end - int_start < 300)
        return 0;
    sbuf_reset(&sc->tmp);
    sbuf_add(&sc->tmp, s + int_start, int_end - int_start);
    sbuf_add(&sc->tmp, s + frac_start, nfrac);
    k = exp_start;
    if (k < end) {
        k++;                       /* 'e' or 'E' */
        if (s[k] == '+' || s[k] == '-')
            eneg = s[k++] == '-';
        for (; k < end; k++)
            if (e < 1000000000LL)
                e = e * 10 + (s[k] - '0');
    }
    if (eneg)
        e = -e;
    e -= nfrac > 1000000000u ? 1000000000LL : (long long)nfrac;
    snprintf(ebuf, sizeof(ebuf), "e%lld", e);
    sbuf_adds(&sc->tmp, ebuf);
    return isinf(strtod(sc->tmp.buf, NULL)) != 0;
}

/* Moves to s[i] (i >= sc->i, ASCII only in between). */
static void move_to(struct scanner *sc, size_t i)
{
    step_ascii(sc, i - sc->i);
}

static int scan_number(struct scanner *sc)
{
    const unsigned char *s = sc->s;
    size_t len = sc->len, start = sc->i, i = start;
    size_t int_start, int_end, frac_start, frac_end, exp_start;
    struct json_pos pos = cur(sc);

    if (s[i] == '-')
        i++;
    int_start = i;
    if (i >= len || !is_digit(s[i])) {
        move_to(sc, i);
        return unexpected(sc, _("a digit after '-'"), 0);
    }
    if (s[i] == '0') {
        i++;
        if (i < len && is_digit(s[i]))
            return fail_at(sc, pos.line, pos.col, _("leading zeros are not allowed in numbers"));
    } else {
        while (i < len && is_digit(s[i]))
            i++;
    }
    int_end = frac_start = frac_end = i;
    if (i < len && s[i] == '.') {
        i++;
        frac_start = i;
        if (i >= len || !is_digit(s[i])) {
            move_to(sc, i);
            return unexpected(sc, _("a digit after the decimal point"), 0);
        }
        while (i < len && is_digit(s[i]))
            i++;
        frac_end = i;
    }
    exp_start = i;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= len || !is_digit(s[i])) {
            move_to(sc, i);
            return unexpected(sc, _("a digit in the exponent of the number"), 0);
        }
        while (i < len && is_digit(s[i]))
            i++;
    }
    if (overflows(sc, int_start, int_end, frac_start, frac_end, exp_start, i)) {
        size_t n = i - start;
        return fail_at(sc, pos.line, pos.col, _("number %.*s%s is too large (it overflows a double)"),
                       n > 40 ? 40 : (int)n, (const char *)s + start, n > 40 ? "..." : "");
    }
    move_to(sc, i);
    return 0;
}

static int is_word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_';
}

/* true, false, null; anything else that starts with a letter is refused as a
 * whole word ("True", "nul", "NaN"). */
static int scan_word(struct scanner *sc, int *kind)
{
    const unsigned char *w = sc->s + sc->i;
    size_t n = 0;

    while (sc->i + n < sc->len && is_word_char(w[n]))
        n++;
    if (n == 4 && memcmp(w, "true", 4) == 0)
        *kind = cJSON_True;
    else if (n == 5 && memcmp(w, "false", 5) == 0)
        *kind = cJSON_False;
    else if (n == 4 && memcmp(w, "null", 4) == 0)
        *kind = cJSON_NULL;
    else
        return fail_at(sc, sc->line, sc->col, _("expected a value, found '%.*s%s'"), n > 32 ? 32 : (int)n,
                       (const char *)w, n > 32 ? "..." : "");
    step_ascii(sc, n);
    return 0;
}

/* ---- values ------------------------------------------------------------- */

static int scan_value(struct scanner *sc, int depth, const struct json_pos *key);

static int eof_in(struct scanner *sc, const char *what, struct json_pos start)
{
    return fail_at(sc, sc->line, sc->col, _("unexpected end of file inside %s (started at %d:%d)"), what,
                   start.line, start.col);
}

static int scan_array(struct scanner *sc, int depth)
{
    struct json_pos start = cur(sc), comma;

    step(sc, 1);
    skip_ws(sc);
    if (sc->i >= sc->len)
        return eof_in(sc, _("an array"), start);
    if (sc->s[sc->i] == ']') {
        step(sc, 1);
        return 0;
    }
    for (;;) {
        if (scan_value(sc, depth, NULL) < 0)
            return -1;
        skip_ws(sc);
        if (sc->i >= sc->len)
            return eof_in(sc, _("an array"), start);
        if (sc->s[sc->i] == ']') {
            step(sc, 1);
            return 0;
        }
        if (sc->s[sc->i] != ',') {
            unsigned char c = sc->s[sc->i];
            int value_start = c == '"' || c == '{' || c == '[' || c == '-' || is_digit(c) ||
                              (c >= 'a' && c <= 'z');
            return unexpected(sc, value_start ? _("',' or ']' after an array element (missing comma?)")
                                              : _("',' or ']' after an array element"), 0);
        }
        comma = cur(sc);
        step(sc, 1);
        skip_ws(sc);
        if (sc->i >= sc->len)
            return eof_in(sc, _("an array"), start);
        if (sc->s[sc->i] == ']')
            return fail_at(sc, comma.line, comma.col, _("trailing comma before ']' (not allowed in JSON)"));
    }
}

static int scan_object(struct scanner *sc, int depth)
{
    struct json_pos start = cur(sc), comma, key;
    size_t obj = ++sc->nobjs;

    step(sc, 1);
    skip_ws(sc);
    if (sc->i >= sc->len)
        return eof_in(sc, _("an object"), start);
    if (sc->s[sc->i] == '}') {
        step(sc, 1);
        return 0;
    }
    for (;;) {
        size_t off = sc->keys.len;
        char q[320], what[400];

        if (sc->s[sc->i] != '"')
            return unexpected(sc, _("a member name in double quotes"), 0);
        key = cur(sc);
        if (scan_string(sc, &sc->keys) < 0 || add_key(sc, obj, off, key) < 0)
            return -1;
        skip_ws(sc);
        if (sc->i >= sc->len)
            return eof_in(sc, _("an object"), start);
        if (sc->s[sc->i] != ':') {
            quote_key(sc->keys.buf + off, sc->keys.len - off, q, sizeof(q));
            snprintf(what, sizeof(what), _("':' after the member name %s"), q);
            return unexpected(sc, what, 0);
        }
        step(sc, 1);
        skip_ws(sc);
        if (sc->i >= sc->len)
            return eof_in(sc, _("an object"), start);
        if (scan_value(sc, depth, &key) < 0)
            return -1;
        skip_ws(sc);
        if (sc->i >= sc->len)
            return eof_in(sc, _("an object"), start);
        if (sc->s[sc->i] == '}') {
            step(sc, 1);
            return 0;
        }
        if (sc->s[sc->i] != ',')
            return unexpected(sc, sc->s[sc->i] == '"'
                                      ? _("',' or '}' after an object member (missing comma?)")
                                      : _("',' or '}' after an object member"), 0);
        comma = cur(sc);
        step(sc, 1);
        skip_ws(sc);
        if (sc->i >= sc->len)
            return eof_in(sc, _("an object"), start);
        if (sc->s[sc->i] == '}')
            return fail_at(sc, comma.line, comma.col, _("trailing comma before '}' (not allowed in JSON)"));
    }
}

/* Scans the value at the current position (not at the end).  depth is the
 * number of arrays and objects around it; key is the member key's position. */
static int scan_value(struct scanner *sc, int depth, const struct json_pos *key)
{
    unsigned char c = sc->s[sc->i];
    struct json_pos pos = cur(sc);
    size_t r;
    int kind = cJSON_Invalid;

    if ((c == '[' || c == '{') && depth >= JSONDOC_MAX_DEPTH)
        return fail_at(sc, pos.line, pos.col, _("nesting deeper than %d levels of arrays and objects"),
                       JSONDOC_MAX_DEPTH);
    r = add_rec(sc, pos, key);
    switch (c) {
    case '{':
        sc->recs[r].kind = cJSON_Object;
        return scan_object(sc, depth + 1);
    case '[':
        sc->recs[r].kind = cJSON_Array;
        return scan_array(sc, depth + 1);
    case '"':
        sc->recs[r].kind = cJSON_String;
        return scan_string(sc, NULL);
    default:
        break;
    }
    if (c == '-' || is_digit(c)) {
        sc->recs[r].kind = cJSON_Number;
        return scan_number(sc);
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        if (scan_word(sc, &kind) < 0)
            return -1;
        sc->recs[r].kind = kind;
        return 0;
    }
    return unexpected(sc, _("a value"), 1);
}

static int scan_document(struct scanner *sc)
{
    const unsigned char *s = sc->s;

    if (sc->len == 0)
        return fail_at(sc, 1, 1, _("empty input (expected a JSON value)"));
    if (sc->len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
        return fail_at(sc, 1, 1, _("the file starts with a UTF-8 byte order mark (BOM); save it without one"));
    skip_ws(sc);
    if (sc->i >= sc->len)
        return fail_at(sc, sc->line, sc->col, _("no JSON value, only white space"));
    if (scan_value(sc, 0, NULL) < 0)
        return -1;
    skip_ws(sc);
    if (sc->i < sc->len) {
        if (s[sc->i] == 0)
            return fail_at(sc, sc->line, sc->col, _("NUL byte (0x00) after the end of the JSON value"));
        return fail_at(sc, sc->line, sc->col, _("text after the end of the JSON value"));
    }
    return 0;
}

static void scanner_release(struct scanner *sc)
{
    free(sc->recs);
    free(sc->ents);
    free(sc->slots);
    sbuf_release(&sc->keys);
    sbuf_release(&sc->tmp);
}

/* ---- mapping the tree ------------------------------------------------- */

static int cmp_ent(const void *a, const void *b)
{
    uintptr_t x = ((const struct map_ent *)a)->node, y = ((const struct map_ent *)b)->node;
    return x < y ? -1 : x > y;
}

/* Line and column of byte off, for cJSON's error position. */
static struct json_pos pos_of_offset(const unsigned char *s, size_t len, size_t off)
{
    struct json_pos p = {1, 1};
    size_t i;

    for (i = 0; i < off && i < len; i++) {
        if (s[i] == '\n') {
            p.line++;
            p.col = 1;
        } else if ((s[i] & 0xc0) != 0x80) {
            p.col++;
        }
    }
    return p;
}

/* Pairs the nodes of doc->root in pre-order with the records. */
static int map_tree(struct jsondoc *doc, const struct rec *recs, size_t nrecs, struct cc_err *err)
{
    const cJSON *stack[JSONDOC_MAX_DEPTH + 1];
    const cJSON *n = doc->root;
    size_t k = 0, sp = 0;
    int bad = 0;

    doc->map = xmalloc(nrecs * sizeof(*doc->map));
    while (n) {
        if (k >= nrecs || (n->type & 0xff) != recs[k].kind) {
            bad = 1;
            break;
        }
        doc->map[k].node = (uintptr_t)n;
        doc->map[k].pos = recs[k].pos;
        doc->map[k].key = recs[k].key;
        k++;
        if (n->child) {
            if (sp == CC_ARRAY_LEN(stack)) {
                bad = 1;    /* deeper than the scanner allows */
                break;
            }
            stack[sp++] = n;
            n = n->child;
            continue;
        }
        while (n && !n->next)
            n = sp ? stack[--sp] : NULL;
        if (n)
            n = n->next;
    }
    if (bad || k != nrecs)
        return cc_error_code(err, EINVAL,
                             _("%s: internal error: cJSON's tree does not match the scanned document "
                                "(node %zu of %zu)"), doc->name, k, nrecs);
    doc->n = nrecs;
    qsort(doc->map, doc->n, sizeof(*doc->map), cmp_ent);
    return 0;
}

/* ---- interface ------------------------------------------------------------ */

struct jsondoc *jsondoc_parse(const char *buf, size_t len, const char *name, unsigned flags,
                              struct cc_err *err)
{
    struct scanner sc;
    struct jsondoc *doc;
    char *copy;
    const char *end = NULL;

    memset(&sc, 0, sizeof(sc));
    sc.s = (const unsigned char *)(buf ? buf : "");
    sc.len = buf ? len : 0;
    sc.line = sc.col = 1;
    sc.name = name ? name : "<input>";
    sc.flags = flags;
    sc.err = err;
    sbuf_init(&sc.keys);
    sbuf_init(&sc.tmp);
    if (sc.len == SIZE_MAX) {
        cc_error_code(err, EINVAL, _("%s: input too large"), sc.name);
        scanner_release(&sc);
        return NULL;
    }
    if (scan_document(&sc) < 0) {
        scanner_release(&sc);
        return NULL;
    }

    doc = xcalloc(1, sizeof(*doc));
    doc->name = xstrdup(sc.name);
    /* cJSON wants the terminating NUL inside the length when it must check
     * that nothing follows the value. */
    copy = xmalloc(sc.len + 1);
    memcpy(copy, sc.s, sc.len);
    copy[sc.len] = '\0';
    doc->root = cJSON_ParseWithLengthOpts(copy, sc.len + 1, &end, 1);
    if (!doc->root) {
        size_t off = end && end >= copy && end <= copy + sc.len ? (size_t)(end - copy) : 0;
        struct json_pos p = pos_of_offset(sc.s, sc.len, off);
        cc_error_code(err, EINVAL,
                      _("%s:%d:%d: internal error: cJSON could not build the tree of a valid document "
                         "(out of memory?)"), doc->name, p.line, p.col);
        free(copy);
        scanner_release(&sc);
        jsondoc_free(doc);
        return NULL;
    }
    free(copy);
    if (map_tree(doc, sc.recs, sc.nrecs, err) < 0) {
        scanner_release(&sc);
        jsondoc_free(doc);
        return NULL;
    }
    scanner_release(&sc);
    return doc;
}

cJSON *jsondoc_root(const struct jsondoc *doc)
{
    return doc ? doc->root : NULL;
}

const char *jsondoc_name(const struct jsondoc *doc)
{
    return doc ? doc->name : NULL;
}

static const struct map_ent *find(const struct jsondoc *doc, const cJSON *node)
{
    struct map_ent key;

    if (!doc || !node || !doc->n)
        return NULL;
    key.node = (uintptr_t)node;
    return bsearch(&key, doc->map, doc->n, sizeof(*doc->map), cmp_ent);
}

struct json_pos jsondoc_pos(const struct jsondoc *doc, const cJSON *node)
{
    const struct map_ent *e = find(doc, node);
    struct json_pos none = {0, 0};
    return e ? e->pos : none;
}

struct json_pos jsondoc_key_pos(const struct jsondoc *doc, const cJSON *node)
{
    const struct map_ent *e = find(doc, node);
    struct json_pos none = {0, 0};
    return e ? e->key : none;
}

int jsondoc_error(const struct jsondoc *doc, const cJSON *node, struct cc_err *err,
                  const char *fmt, ...)
{
    char msg[sizeof(err->msg)];
    struct json_pos p = jsondoc_key_pos(doc, node);
    const char *name = doc ? doc->name : "<input>";
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (p.line > 0)
        return cc_error_code(err, EINVAL, "%s:%d:%d: %s", name, p.line, p.col, msg);
    return cc_error_code(err, EINVAL, "%s: %s", name, msg);
}

void jsondoc_free(struct jsondoc *doc)
{
    if (!doc)
        return;
    cJSON_Delete(doc->root);
    free(doc->map);
    free(doc->name);
    free(doc);
}

char *jsondoc_print(const cJSON *node)
{
    char *raw = cJSON_Print(node);
    struct sbuf out;
    const char *p;
    if (!raw) {
        fprintf(stderr, "coopcheck: %s\n", _("out of memory while formatting JSON"));
        abort();
    }
    sbuf_init(&out);
    for (p = raw; *p;) {
        /* only DEL and characters starting with these bytes can be unsafe
         * (C1: C2 80-9F, U+061C: D8 9C, U+200E-202E and U+2066-2069: E2 80/81):
         * copy everything else in runs */
        size_t run = strcspn(p, "\x7f\xc2\xd8\xe2"), n;
        uint32_t cp;
        sbuf_add(&out, p, run);
        p += run;
        if (!*p)
            break;
        cp = utf8_decode_at(p, &n);
        if (text_is_unsafe(cp, 0))
            sbuf_addf(&out, "\\u%04x", (unsigned)cp);
        else
            sbuf_add(&out, p, n);
        p += n;
    }
    cJSON_free(raw);
    return sbuf_detach(&out, NULL);
}
