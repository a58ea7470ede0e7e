/* fuzz_textutil.c — the helpers that see outside text before a terminal does:
 * utf8_invalid, text_sanitize, text_wrap, text_truncate (and text_width,
 * text_find_unsafe, text_normalize_newlines on the way).
 *
 * Input: byte 0 chooses the parameters (bits 0-1: sanitize flags, bit 2: the
 * ellipsis, bits 3-7: a width of 0..31 columns, and the indent, 0..3); the
 * rest is the text (the C-string helpers see it up to its first NUL).
 * Invariants: utf8_invalid points into the input, and a valid input decodes
 * and re-encodes to itself; sanitised and wrapped text is valid UTF-8 without
 * a character the flags forbid; a truncated text is at most width columns;
 * text_normalize_newlines drops exactly the CR of each CR LF. */
#include "fuzz.h"

#include "textutil.h"

static void check_clean(const char *s, size_t len, unsigned flags)
{
    FZ_CHECK(strlen(s) == len);
    FZ_CHECK(utf8_invalid(s, len) == NULL);
    FZ_CHECK(text_find_unsafe(s, flags) == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned flags, ellipsis;
    size_t width, indent, len;
    const char *bad, *raw;
    char *s;
    struct sbuf out;

    if (size < 1)
        return 0;
    fz_utf8_locale();
    flags = data[0] & 3u;
    ellipsis = (data[0] >> 2) & 1u;
    width = (size_t)(data[0] >> 3);
    indent = (size_t)(data[0] >> 3) & 3u;
    raw = (const char *)data + 1;
    len = size - 1;

    /* utf8_invalid over the raw bytes, NULs included */
    bad = utf8_invalid(raw, len);
    if (bad) {
        FZ_CHECK(bad >= raw && bad < raw + len);
    } else {
        char enc[4];
        for (size_t i = 0, n; i < len; i += n) {
            uint32_t cp = utf8_decode_at(raw + i, &n);
            FZ_CHECK(n >= 1 && n <= 4 && i + n <= len);
            FZ_CHECK(utf8_encode(cp, enc) == n && memcmp(enc, raw + i, n) == 0);
        }
    }

    s = fz_str(data + 1, len);
    sbuf_init(&out);
    text_sanitize(&out, s, flags);
    check_clean(out.buf, out.len, flags);
    (void)text_width(out.buf);

    sbuf_reset(&out);
    text_wrap(&out, s, width, indent);
    check_clean(out.buf, out.len, TEXT_ALLOW_NEWLINE);
    FZ_CHECK(out.len > 0 && out.buf[out.len - 1] == '\n');

    sbuf_reset(&out);
    text_truncate(&out, s, width, (int)ellipsis);
    check_clean(out.buf, out.len, 0);
    FZ_CHECK(text_width(out.buf) <= width);
    sbuf_release(&out);

    /* every "\r\n" (they never overlap) loses its "\r" */
    {
        size_t before = strlen(s), pairs = 0;
        for (const char *p = s; (p = strstr(p, "\r\n")) != NULL; p += 2)
            pairs++;
        text_normalize_newlines(s);
        FZ_CHECK(strlen(s) == before - pairs);
    }
    free(s);
    return 0;
}
