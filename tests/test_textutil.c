/* Tests of textutil: UTF-8, sanitising, widths, wrapping. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "textutil.h"

static char *sanitized(const char *s, unsigned flags)
{
    struct sbuf sb;
    sbuf_init(&sb);
    text_sanitize(&sb, s, flags);
    return sbuf_detach(&sb, NULL);
}

static void test_utf8_invalid(void **state)
{
    (void)state;
    assert_null(utf8_invalid("Grüße 中文", strlen("Grüße 中文")));
    {
        const char s[] = "ab\xffz";
        assert_ptr_equal(utf8_invalid(s, 4), s + 2);
    }
    {
        const char s[] = "x\xc3"; /* truncated two-byte sequence */
        assert_ptr_equal(utf8_invalid(s, 2), s + 1);
    }
    {
        const char s[] = "\xc0\xaf"; /* overlong '/' */
        assert_ptr_equal(utf8_invalid(s, 2), s);
    }
    {
        const char s[] = "\xed\xa0\x80"; /* UTF-16 surrogate */
        assert_ptr_equal(utf8_invalid(s, 3), s);
    }
    {
        const char s[] = "a\0b";
        assert_ptr_equal(utf8_invalid(s, 3), s + 1);
    }
}

/* The scans look at eight bytes at a time: a byte they must stop at is
 * found at every position of a word, and at the end of a text. */
static void test_scan_every_position(void **state)
{
    static const struct {
        const char *put;      /* what is put at position p of an ASCII text */
        int invalid, unsafe, unsafe_nl;   /* 1: found at p */
    } cases[] = {
        { "\x80", 1, 1, 1 }, { "\xc3", 1, 1, 1 }, { "\xc3\xa4", 0, 0, 0 },
        { "\xe2\x80\xae", 0, 1, 1 },   /* right-to-left override */
        { "\x1f", 0, 1, 1 }, { "\x7f", 0, 1, 1 }, { "\n", 0, 1, 0 }, { "\t", 0, 1, 1 },
        { "~", 0, 0, 0 }, { " ", 0, 0, 0 },
    };
    (void)state;
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        for (size_t p = 0; p < 40; p++) {
            char buf[64];
            size_t n = strlen(cases[c].put), len;
            const char *bad;
            memset(buf, 'a', sizeof(buf));
            memcpy(buf + p, cases[c].put, n);
            len = p + n + (p % 3 ? 17 : 0);   /* at the end, or with more after it */
            buf[len] = '\0';
            bad = utf8_invalid(buf, len);
            if (cases[c].invalid)
                assert_ptr_equal(bad, buf + p);
            else
                assert_null(bad);
            bad = text_find_unsafe(buf, 0);
            if (cases[c].unsafe)
                assert_ptr_equal(bad, buf + p);
            else
                assert_null(bad);
            bad = text_find_unsafe(buf, TEXT_ALLOW_NEWLINE);
            if (cases[c].unsafe_nl)
                assert_ptr_equal(bad, buf + p);
            else
                assert_null(bad);
        }
    }
    {   /* a NUL inside the length is invalid wherever it is */
        char buf[40];
        for (size_t p = 0; p < sizeof(buf); p++) {
            memset(buf, 'b', sizeof(buf));
            buf[p] = '\0';
            assert_ptr_equal(utf8_invalid(buf, sizeof(buf)), buf + p);
        }
    }
}

static void test_sanitize_controls(void **state)
{
    char *s;
    (void)state;
    s = sanitized("a\x1b[31mred\x07", 0);
    assert_string_equal(s, "a\\x1b[31mred\\x07");
    free(s);
    s = sanitized("line1\nline2\tx", 0);
    assert_string_equal(s, "line1\\x0aline2\\x09x");
    free(s);
    s = sanitized("line1\nline2", TEXT_ALLOW_NEWLINE);
    assert_string_equal(s, "line1\nline2");
    free(s);
    /* C1 control (U+009B, CSI) and a bidi override */
    s = sanitized("x\xc2\x9by\xe2\x80\xaez", 0);
    assert_string_equal(s, "x\\x9by<U+202E>z");
    free(s);
    s = sanitized("bad\xff", 0);
    assert_string_equal(s, "bad\\xff");
    free(s);
    s = sanitized("Grüße 中文", 0);
    assert_string_equal(s, "Grüße 中文");
    free(s);
    assert_null(text_find_unsafe("Grüße", 0));
    assert_non_null(text_find_unsafe("a\x7f", 0));
}

static void test_width(void **state)
{
    (void)state;
    assert_int_equal(text_width("abc"), 3);
    assert_int_equal(text_width("Grüße"), 5);
    assert_int_equal(text_width("中文"), 4);
    assert_int_equal(text_width("e\xcc\x81"), 1); /* e + combining acute */
    assert_int_equal(text_char_width(0x1b), -1);
}

static void test_truncate(void **state)
{
    struct sbuf sb;
    (void)state;
    sbuf_init(&sb);
    text_truncate(&sb, "中文中文", 5, 0);
    assert_string_equal(sb.buf, "中文"); /* never half a wide character */
    sbuf_reset(&sb);
    text_truncate(&sb, "abcdefghij", 8, 1);
    assert_string_equal(sb.buf, "abcde...");
    sbuf_reset(&sb);
    text_truncate(&sb, "short", 8, 1);
    assert_string_equal(sb.buf, "short");
    sbuf_reset(&sb);
    text_truncate(&sb, "\x1b[2J", 20, 0);
    assert_string_equal(sb.buf, "\\x1b[2J");
    sbuf_release(&sb);
}

static void test_wrap(void **state)
{
    struct sbuf sb;
    (void)state;
    sbuf_init(&sb);
    text_wrap(&sb, "the quick brown fox jumps", 10, 2);
    assert_string_equal(sb.buf, "  the quick\n  brown fox\n  jumps\n");
    sbuf_reset(&sb);
    text_wrap(&sb, "one\ntwo", 20, 0);
    assert_string_equal(sb.buf, "one\ntwo\n");
    sbuf_reset(&sb);
    /* a word longer than the line is broken by characters, never mid-character */
    text_wrap(&sb, "中文中文中文", 8, 0);
    assert_string_equal(sb.buf, "中文中文\n中文\n");
    sbuf_reset(&sb);
    text_wrap(&sb, "Überprüfung der Abhängigkeiten", 12, 0);
    assert_string_equal(sb.buf, "Überprüfung\nder\nAbhängigkeit\nen\n");
    sbuf_reset(&sb);
    /* text_wrap_words keeps such a word (a path, an address) whole on its own
     * row, and wraps the rest alike */
    text_wrap_words(&sb, "Reference: https://example.org/a/long/path see it", 12, 2);
    assert_string_equal(sb.buf, "  Reference:\n  https://example.org/a/long/path\n  see it\n");
    sbuf_reset(&sb);
    text_wrap_words(&sb, "the quick brown fox jumps\n\x1b[2J", 10, 2);
    assert_string_equal(sb.buf, "  the quick\n  brown fox\n  jumps\n  \\x1b[2J\n");
    sbuf_release(&sb);
}

static void test_newlines(void **state)
{
    char s[] = "a\r\nb\r\n\rc";
    (void)state;
    text_normalize_newlines(s);
    assert_string_equal(s, "a\nb\n\rc");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_invalid),
        cmocka_unit_test(test_scan_every_position),
        cmocka_unit_test(test_sanitize_controls),
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_truncate),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_newlines),
    };
    if (!setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
