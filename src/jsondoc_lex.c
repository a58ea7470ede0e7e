/* jsondoc_lex.c — the tokens of the JSON scanner (jsondoc_scan.c): the
 * position of the next byte, white space, UTF-8, strings with their escapes,
 * numbers and the words true, false and null, and the messages that describe
 * what was found instead of what was expected.  See jsondoc_int.h.
 *
 * Lines are counted at '\n'; columns count code points (every byte that is
 * not a UTF-8 continuation byte), so a tab or a multibyte character counts
 * one.
 */
#include "jsondoc_int.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "i18n.h"

/* ---- errors ------------------------------------------------------------ */

int scan_fail_at(struct scanner *sc, int line, int col, const char *fmt, ...)
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
void scan_quote_key(const char *key, size_t len, char *out, size_t outsz)
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

struct json_pos scan_pos(const struct scanner *sc)
{
    struct json_pos p;
    p.line = sc->line;
    p.col = sc->col;
    return p;
}

/* Moves past n bytes that hold one character (never '\n'). */
void scan_step(struct scanner *sc, size_t n)
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

void scan_skip_ws(struct scanner *sc)
{
    const unsigned char *s = sc->s;
    size_t i = sc->i, len = sc->len;
    int line = sc->line, col = sc->col;
    while (i < len) {
        unsigned char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r') {
            if (col < INT_MAX)
                col++;
        } else if (c == '\n') {
            if (line < INT_MAX)
                line++;
            col = 1;
        } else {
            break;
        }
        i++;
    }
    sc->i = i;
    sc->line = line;
    sc->col = col;
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
        scan_fail_at(sc, sc->line, sc->col,
                     _("invalid UTF-8: overlong encoding (byte 0x%02x starts a 2-byte form of an ASCII character)"), c);
        return 0;
    }
    if (c < 0xc0 || c > 0xf7) {
        scan_fail_at(sc, sc->line, sc->col, _("invalid UTF-8 byte 0x%02x"), c);
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
            scan_fail_at(sc, sc->line, sc->col,
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
        scan_fail_at(sc, sc->line, sc->col, _("invalid UTF-8: overlong encoding of U+%04X (bytes %s)"),
                     (unsigned)cp, bytes);
        return 0;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) {
        scan_fail_at(sc, sc->line, sc->col,
                     _("invalid UTF-8: encoded surrogate U+%04X (surrogates are not characters)"),
                     (unsigned)cp);
        return 0;
    }
    if (cp > 0x10ffff) {
        scan_fail_at(sc, sc->line, sc->col,
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
int scan_unexpected(struct scanner *sc, const char *what, int value_pos)
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
    return scan_fail_at(sc, sc->line, sc->col, _("expected %s, found %s%s"), what, found, hint);
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
            return scan_fail_at(sc, sc->line, sc->col,
                                _("unexpected end of file inside a string (started at %d:%d)"), strpos.line,
                                strpos.col);
        }
        d = hexval(sc->s[at + 2 + k]);
        if (d < 0)
            return scan_fail_at(sc, bs.line, bs.col, _("invalid \\u escape: \\u must be followed by 4 hex digits"));
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
    struct json_pos bs = scan_pos(sc);
    size_t at = sc->i;
    unsigned char e;
    uint32_t cp, lo;
    char found[64];
    char c = 0;

    if (at + 1 >= sc->len) {
        step_ascii(sc, 1);
        return scan_fail_at(sc, sc->line, sc->col,
                            _("unexpected end of file inside a string (started at %d:%d)"),
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
            return scan_fail_at(sc, bs.line, bs.col,
                                _("invalid escape \\%c in a string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"), e);
        step_ascii(sc, 1);
        if (describe(sc, found, sizeof(found)) < 0)
            return -1;
        return scan_fail_at(sc, bs.line, bs.col,
                            _("invalid escape in a string: backslash followed by %s"), found);
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
        return scan_fail_at(sc, bs.line, bs.col, _("\\u0000 (the NUL character) is not allowed in a string"));
    if (cp >= 0xdc00 && cp <= 0xdfff)
        return scan_fail_at(sc, bs.line, bs.col,
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
        return scan_fail_at(sc, bs.line, bs.col,
                            _("unpaired surrogate \\u%.4s (a high surrogate must be followed by a low surrogate \\uDC00-\\uDFFF)"),
                            (const char *)sc->s + at + 2);
    }
    if (out)
        put_utf8(out, cp);
    step_ascii(sc, 6);
    return 0;
}

/* Bytes a string's fast path passes: 1 printable ASCII other than '"' and
 * '\\', 2 the first byte of a two-byte UTF-8 sequence (U+0080-U+07FF). */
static const unsigned char str_byte[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Moves past the run of plain text at the current position: printable
 * ASCII but '"' and '\\', and two-byte characters (umlauts); most of a
 * string, 8 bytes at a time while they are ASCII. */
static void skip_plain(struct scanner *sc)
{
    const unsigned char *s = sc->s;
    size_t j = sc->i, chars = 0;
    while (j < sc->len) {
        size_t stop;
        if (sc->len - j >= 8 && jsondoc_plain8(s + j)) {
            j += 8;
            chars += 8;
            continue;
        }
        /* the next 8 bytes (at least) one at a time, then words again */
        stop = sc->len - j > 8 ? j + 8 : sc->len;
        while (j < stop) {
            unsigned k = str_byte[s[j]];
            if (k == 1)
                j++;
            else if (k == 2 && j + 1 < sc->len && (s[j + 1] & 0xc0) == 0x80)
                j += 2;
            else
                break;
            chars++;
        }
        if (j < stop)
            break;
    }
    sc->i = j;
    sc->col = (size_t)sc->col + chars > INT_MAX ? INT_MAX : sc->col + (int)chars;
}

/* Scans the string whose opening quote is at the current position; with out,
 * appends the decoded text to it. */
int scan_string(struct scanner *sc, struct sbuf *out)
{
    struct json_pos start = scan_pos(sc);
    const unsigned char *s = sc->s;
    size_t run;

    scan_step(sc, 1);
    run = sc->i;
    for (;;) {
        unsigned char c;
        uint32_t cp;
        size_t n;

        skip_plain(sc);
        if (sc->i >= sc->len)
            return scan_fail_at(sc, sc->line, sc->col,
                                _("unexpected end of file inside a string (started at %d:%d)"),
                                start.line, start.col);
        c = s[sc->i];
        if (c == '"') {
            if (out)
                sbuf_add(out, s + run, sc->i - run);
            scan_step(sc, 1);
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
            scan_step(sc, n);
        } else if (c >= 0x20) {
            scan_step(sc, 1);
        } else if (c == 0) {
            return scan_fail_at(sc, sc->line, sc->col, _("NUL byte (0x00) inside a string"));
        } else if (c == '\n') {
            return scan_fail_at(sc, sc->line, sc->col,
                                _("line break inside a string (started at %d:%d; missing closing quote? write \\n for a line break)"),
                                start.line, start.col);
        } else {
            const char *as = c == '\b' ? "\\b" : c == '\t' ? "\\t" : c == '\f' ? "\\f" : c == '\r' ? "\\r" : NULL;
            if (as)
                return scan_fail_at(sc, sc->line, sc->col,
                                    _("unescaped control character U+%04X inside a string (write it as %s)"), c, as);
            return scan_fail_at(sc, sc->line, sc->col,
                                _("unescaped control character U+%04X inside a string (write it as \\u%04X)"), c, c);
        }
    }
}

/* ---- numbers and words ------------------------------------------------- */

int scan_is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* The value of the (grammatical) number s[start..end), as strtod reads it;
 * an infinity when it overflows a double.  The decimal point is moved into
 * the exponent so that the locale's decimal separator does not matter. */
static double number_value(struct scanner *sc, int neg, size_t int_start, size_t int_end,
                           size_t frac_start, size_t frac_end, size_t exp_start, size_t end)
{
    const unsigned char *s = sc->s;
    long long e = 0;
    size_t k, nfrac = frac_end - frac_start;
    int eneg = 0;
    char ebuf[32];

    if (nfrac == 0 && exp_start == end && int_end - int_start <= 15) {
        /* an integer of at most 15 digits is exact in a double */
        double v = 0;
        for (k = int_start; k < int_end; k++)
            v = v * 10 + (s[k] - '0');
        return neg ? -v : v;
    }
    sbuf_reset(&sc->tmp);
    if (neg)
        sbuf_addc(&sc->tmp, '-');
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
    return strtod(sc->tmp.buf, NULL);
}

/* Moves to s[i] (i >= sc->i, ASCII only in between). */
static void move_to(struct scanner *sc, size_t i)
{
    step_ascii(sc, i - sc->i);
}

int scan_number(struct scanner *sc, double *value)
{
    const unsigned char *s = sc->s;
    size_t len = sc->len, start = sc->i, i = start;
    size_t int_start, int_end, frac_start, frac_end, exp_start;
    struct json_pos pos = scan_pos(sc);

    if (s[i] == '-')
        i++;
    int_start = i;
    if (i >= len || !scan_is_digit(s[i])) {
        move_to(sc, i);
        return scan_unexpected(sc, _("a digit after '-'"), 0);
    }
    if (s[i] == '0') {
        i++;
        if (i < len && scan_is_digit(s[i]))
            return scan_fail_at(sc, pos.line, pos.col, _("leading zeros are not allowed in numbers"));
    } else {
        while (i < len && scan_is_digit(s[i]))
            i++;
    }
    int_end = frac_start = frac_end = i;
    if (i < len && s[i] == '.') {
        i++;
        frac_start = i;
        if (i >= len || !scan_is_digit(s[i])) {
            move_to(sc, i);
            return scan_unexpected(sc, _("a digit after the decimal point"), 0);
        }
        while (i < len && scan_is_digit(s[i]))
            i++;
        frac_end = i;
    }
    exp_start = i;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= len || !scan_is_digit(s[i])) {
            move_to(sc, i);
            return scan_unexpected(sc, _("a digit in the exponent of the number"), 0);
        }
        while (i < len && scan_is_digit(s[i]))
            i++;
    }
    *value = number_value(sc, s[start] == '-', int_start, int_end, frac_start, frac_end, exp_start, i);
    if (isinf(*value)) {
        size_t n = i - start;
        return scan_fail_at(sc, pos.line, pos.col, _("number %.*s%s is too large (it overflows a double)"),
                            n > 40 ? 40 : (int)n, (const char *)s + start, n > 40 ? "..." : "");
    }
    move_to(sc, i);
    return 0;
}

static int is_word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || scan_is_digit(c) || c == '_';
}

/* true, false, null; anything else that starts with a letter is refused as a
 * whole word ("True", "nul", "NaN"). */
int scan_word(struct scanner *sc, int *kind)
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
        return scan_fail_at(sc, sc->line, sc->col, _("expected a value, found '%.*s%s'"),
                            n > 32 ? 32 : (int)n, (const char *)w, n > 32 ? "..." : "");
    step_ascii(sc, n);
    return 0;
}
