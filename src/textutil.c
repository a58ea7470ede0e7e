/* textutil.c — see textutil.h. */
#include "textutil.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

uint32_t utf8_decode_at(const char *str, size_t *len)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t cp;
    size_t n, i;
    if (s[0] < 0x80) {
        n = 1;
        cp = s[0];
    } else if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        n = 2;
        cp = s[0] & 0x1fu;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        n = 3;
        cp = s[0] & 0x0fu;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        n = 4;
        cp = s[0] & 0x07u;
    } else {
        goto bad;
    }
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            goto bad;
        cp = (cp << 6) | (s[i] & 0x3fu);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
        goto bad;
    if (len)
        *len = n;
    return cp;
bad:
    if (len)
        *len = 1;
    return 0xfffd;
}

size_t utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xc0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xe0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
        o[2] = (unsigned char)(0x80 | (cp & 0x3f));
        return 3;
    }
    o[0] = (unsigned char)(0xf0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
    o[3] = (unsigned char)(0x80 | (cp & 0x3f));
    return 4;
}

/* How many bytes from s (at most len) are ASCII other than NUL — with
 * printable, only ' ' to '~' — looked at eight at a time (answers are
 * mostly such bytes, and of up to 256 KiB). */
static size_t ascii_run(const char *s, size_t len, int printable)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w, x, bad;
        memcpy(&w, s + i, sizeof(w));
        bad = w & highs;                                   /* a byte from 0x80 */
        bad |= (w - (printable ? ones * 0x20 : ones)) & ~w & highs;   /* below 0x20 (1) */
        if (printable) {
            x = w ^ (ones * 0x7f);
            bad |= (x - ones) & ~x & highs;                /* DEL */
        }
        if (bad)
            break;
    }
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (printable ? c < 0x20 || c >= 0x7f : c == 0 || c >= 0x80)
            break;
    }
    return i;
}

int text_clean(const char *s, size_t len)
{
    return !text_find_unsafe(s, TEXT_ALLOW_NEWLINE) && strlen(s) == len;
}

size_t text_printable_run(const char *s, size_t len)
{
    return ascii_run(s, len, 1);
}

const char *utf8_invalid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t n;
        uint32_t cp;
        i += ascii_run(s + i, len - i, 0);
        if (i == len)
            break;
        if (s[i] == '\0')
            return s + i;
        /* never read past len: copy a short tail into a padded buffer */
        if (len - i < 4) {
            char tail[5] = { 0 };
            memcpy(tail, s + i, len - i);
            cp = utf8_decode_at(tail, &n);
            if (n > len - i)
                return s + i;
        } else {
            cp = utf8_decode_at(s + i, &n);
        }
        if (cp == 0xfffd && n == 1)
            return s + i;
        i += n;
    }
    return NULL;
}

int text_is_unsafe(uint32_t cp, unsigned flags)
{
    if (cp == '\n')
        return !(flags & TEXT_ALLOW_NEWLINE);
    if (cp == '\t')
        return !(flags & TEXT_ALLOW_TAB);
    if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
        return 1;
    if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
        cp == 0x200e || cp == 0x200f || cp == 0x061c || cp == 0x2028 || cp == 0x2029)
        return 1;
    return 0;
}

const char *text_find_unsafe(const char *s, unsigned flags)
{
    const char *end = s + strlen(s);
    while (s < end) {
        size_t n;
        uint32_t cp;
        /* printable ASCII is always safe: skip it without decoding (most of
         * a catalogue's text and of answers is; the catalogue's strings are
         * checked at every start) */
        s += ascii_run(s, (size_t)(end - s), 1);
        if (s == end)
            break;
        cp = utf8_decode_at(s, &n);
        if (text_is_unsafe(cp, flags) || (cp == 0xfffd && n == 1))
            return s;
        s += n;
    }
    return NULL;
}

void text_sanitize(struct sbuf *out, const char *s, unsigned flags)
{
    const char *run = s;   /* what is kept as it is goes out in runs */
    while (*s) {
        size_t n;
        uint32_t cp;
        if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f) {
            s++;           /* printable ASCII: always kept */
            continue;
        }
        cp = utf8_decode_at(s, &n);
        if (cp == 0xfffd && n == 1) {
            sbuf_add(out, run, (size_t)(s - run));
            sbuf_addf(out, "\\x%02x", (unsigned char)*s);
            run = s + n;
        } else if (text_is_unsafe(cp, flags)) {
            sbuf_add(out, run, (size_t)(s - run));
            if (cp < 0x100)
                sbuf_addf(out, "\\x%02x", (unsigned)cp);
            else
                sbuf_addf(out, "<U+%04X>", (unsigned)cp);
            run = s + n;
        }
        s += n;
    }
    sbuf_add(out, run, (size_t)(s - run));
}

void text_sanitize_vf(struct sbuf *out, unsigned flags, const char *fmt, va_list ap)
{
    struct sbuf raw;
    sbuf_init(&raw);
    sbuf_vaddf(&raw, fmt, ap);
    text_sanitize(out, raw.buf, flags);
    sbuf_release(&raw);
}

void text_error_v(const char *fmt, va_list ap)
{
    struct sbuf clean;
    sbuf_init(&clean);
    text_sanitize_vf(&clean, TEXT_ALLOW_NEWLINE, fmt, ap);
    fprintf(stderr, "coopcheck: %s\n", clean.buf);
    sbuf_release(&clean);
}

/* Without a UTF-8 locale: a readable ASCII stand-in for a character. */
const char *text_ascii(uint32_t cp)
{
    switch (cp) {
    case 0xe4: return "ae";
    case 0xf6: return "oe";
    case 0xfc: return "ue";
    case 0xc4: return "Ae";
    case 0xd6: return "Oe";
    case 0xdc: return "Ue";
    case 0xdf: return "ss";
    case 0xe9: case 0xe8: case 0xea: return "e";
    case 0x201e: case 0x201c: case 0x201d: case 0xab: case 0xbb: return "\"";
    case 0x2018: case 0x2019: case 0x201a: return "'";
    case 0x2013: case 0x2014: return "-";
    case 0x2026: return "...";
    case 0x00b9: return "1";
    case 0x00b2: return "2";
    case 0x00b3: return "3";
    case 0x2022: case 0x00b7: return "*";
    default: return "?";
    }
}

static int is_wide(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) ||
           (cp >= 0x3041 && cp <= 0x33ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
           (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
           (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
           (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
           (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
           (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd);
}

static int is_combining(uint32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
           (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
           (cp >= 0xfe20 && cp <= 0xfe2f) || cp == 0x200b || cp == 0x200c || cp == 0x200d;
}

int text_char_width(uint32_t cp)
{
    int w;
    if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
        return -1;
    if (cp < 0x7f)
        return 1;
    if (MB_CUR_MAX == 1)   /* no UTF-8 locale: shown as its ASCII stand-in */
        return is_combining(cp) ? 0 : (int)strlen(text_ascii(cp));
    w = wcwidth((wchar_t)cp);
    if (w >= 0)
        return w;
    /* the locale does not know this character: estimate */
    if (is_combining(cp))
        return 0;
    return is_wide(cp) ? 2 : 1;
}

size_t text_width(const char *s)
{
    size_t w = 0;
    while (*s) {
        size_t n;
        int cw;
        if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f) {
            w++;            /* printable ASCII: one column, in every locale */
            s++;
            continue;
        }
        cw = text_char_width(utf8_decode_at(s, &n));
        w += cw > 0 ? (size_t)cw : 0;
        s += n;
    }
    return w;
}

static void add_indent(struct sbuf *out, size_t indent)
{
    for (size_t i = 0; i < indent; i++)
        sbuf_addc(out, ' ');
}

static size_t span_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        size_t n;
        int cw = text_char_width(utf8_decode_at(s + i, &n));
        w += cw > 0 ? (size_t)cw : 0;
        i += n;
    }
    return w;
}

/* Wraps one line (no '\n' inside) of already sanitised text.  Runs of spaces
 * between words are kept, except where the line is broken. */
static void wrap_line(struct sbuf *out, const char *s, size_t len, size_t width, size_t indent,
                      int whole)
{
    size_t col = 0, i = 0;
    if (width < 8)
        width = 8;
    add_indent(out, indent);
    while (i < len) {
        size_t ws = i, we, gap, wwidth;
        while (ws < len && s[ws] == ' ')
            ws++;
        if (ws >= len)
            break;
        we = ws;
        while (we < len && s[we] != ' ')
            we++;
        gap = ws - i;
        wwidth = span_width(s + ws, we - ws);
        if (col > 0 && col + gap + wwidth > width) {
            sbuf_addc(out, '\n');
            add_indent(out, indent);
            col = 0;
            gap = 0;
        }
        for (size_t k = 0; k < gap; k++)
            sbuf_addc(out, ' ');
        col += gap;
        if (whole) {   /* a word longer than the line: a row of its own */
            sbuf_add(out, s + ws, we - ws);
            col += wwidth;
            i = we;
            continue;
        }
        /* a word longer than the line is broken by character */
        for (size_t k = ws; k < we;) {
            size_t n;
            int cw = text_char_width(utf8_decode_at(s + k, &n));
            size_t w = cw > 0 ? (size_t)cw : 0;
            if (col + w > width && col > 0) {
                sbuf_addc(out, '\n');
                add_indent(out, indent);
                col = 0;
            }
            sbuf_add(out, s + k, n);
            col += w;
            k += n;
        }
        i = we;
    }
    sbuf_addc(out, '\n');
}

static void wrap(struct sbuf *out, const char *s, size_t width, size_t indent, int whole)
{
    struct sbuf clean;
    const char *p, *nl;
    sbuf_init(&clean);
    text_sanitize(&clean, s, TEXT_ALLOW_NEWLINE);
    p = clean.buf;
    for (;;) {
        nl = strchr(p, '\n');
        wrap_line(out, p, nl ? (size_t)(nl - p) : strlen(p), width, indent, whole);
        if (!nl)
            break;
        p = nl + 1;
    }
    sbuf_release(&clean);
}

void text_wrap(struct sbuf *out, const char *s, size_t width, size_t indent)
{
    wrap(out, s, width, indent, 0);
}

void text_wrap_words(struct sbuf *out, const char *s, size_t width, size_t indent)
{
    wrap(out, s, width, indent, 1);
}

void text_truncate(struct sbuf *out, const char *s, size_t width, int ellipsis)
{
    struct sbuf clean;
    const char *p;
    size_t col = 0, total;
    sbuf_init(&clean);
    text_sanitize(&clean, s, 0);
    total = text_width(clean.buf);
    if (total <= width) {
        sbuf_add(out, clean.buf, clean.len);
        sbuf_release(&clean);
        return;
    }
    if (ellipsis && width >= 3)
        width -= 3;
    else
        ellipsis = 0;
    for (p = clean.buf; *p;) {
        size_t n;
        int cw = text_char_width(utf8_decode_at(p, &n));
        size_t w = cw > 0 ? (size_t)cw : 0;
        if (col + w > width)
            break;
        sbuf_add(out, p, n);
        col += w;
        p += n;
    }
    if (ellipsis)
        sbuf_adds(out, "...");
    sbuf_release(&clean);
}

void text_normalize_newlines(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (r[0] == '\r' && r[1] == '\n')
            continue;
        *w++ = *r;
    }
    *w = '\0';
}

size_t text_count_chars(const char *s)
{
    return text_count_chars_n(s, strlen(s));
}

size_t text_count_chars_n(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xc0) != 0x80;
    return k;
}

void text_column(struct sbuf *out, const char *s, size_t width)
{
    size_t before = out->len, used;
    text_truncate(out, s, width, 1);
    for (used = text_width(out->buf + before); used < width; used++)
        sbuf_addc(out, ' ');
}
