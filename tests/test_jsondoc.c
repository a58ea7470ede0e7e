/* test_jsondoc.c — the strict JSON scanner: every rejection with its exact
 * "NAME:LINE:COL: message", valid documents, node and key positions,
 * jsondoc_error, a large document, and the tree's memory.
 *
 * cJSON allocates through cmocka's test_malloc/test_free (cJSON_InitHooks in
 * main), so a cJSON tree that is not freed fails the test that built it.
 * jsondoc's own memory, the parsed tree included, comes from xmalloc (plain
 * malloc): ASan and valgrind watch that. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsondoc.h"
#include "testutil.h"
#include "textutil.h"
#include "util.h"

/* ---- cJSON allocation through cmocka, counted ----------------------------- */

static long hook_calls;

static void *hook_malloc(size_t n)
{
    hook_calls++;
    return test_malloc(n);
}

static void hook_free(void *p)
{
    test_free(p);
}

/* ---- helpers ------------------------------------------------------------ */

/* Parses a literal (which may hold NUL bytes) and expects exactly msg. */
#define REJECT(json, want) check_reject((json), sizeof(json) - 1, 0, (want))
#define REJECT_F(json, flags, want) check_reject((json), sizeof(json) - 1, (flags), (want))

static void check_reject(const char *json, size_t len, unsigned flags, const char *want)
{
    struct cc_err err;
    struct jsondoc *doc;

    memset(&err, 0, sizeof(err));
    doc = jsondoc_parse(json, len, "x.json", flags, &err);
    if (doc) {
        jsondoc_free(doc);
        fail_msg("accepted, expected \"%s\"", want);
    }
    assert_string_equal(err.msg, want);
    assert_int_equal(err.code, EINVAL);
}

static struct jsondoc *parse_ok_len(const char *json, size_t len, unsigned flags)
{
    struct cc_err err;
    struct jsondoc *doc;

    memset(&err, 0, sizeof(err));
    doc = jsondoc_parse(json, len, "ok.json", flags, &err);
    if (!doc)
        fail_msg("rejected: %s", err.msg);
    return doc;
}

static struct jsondoc *parse_ok(const char *json)
{
    return parse_ok_len(json, strlen(json), 0);
}

/* Parses a NUL-terminated text that must be accepted, and frees it. */
static void accept_text(const char *json, unsigned flags)
{
    jsondoc_free(parse_ok_len(json, strlen(json), flags));
}

#define ASSERT_POS(p, l, c)                   \
    do {                                      \
        struct json_pos p_ = (p);             \
        assert_int_equal(p_.line, (l));       \
        assert_int_equal(p_.col, (c));        \
    } while (0)

static const cJSON *member(const cJSON *obj, const char *key)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
    assert_non_null(m);
    return m;
}

/* ---- empty input, BOM, NUL bytes ---------------------------------------- */

static void test_empty_input(void **state)
{
    (void)state;
    REJECT("", "x.json:1:1: empty input (expected a JSON value)");
    REJECT(" \n\t", "x.json:2:2: no JSON value, only white space");
    check_reject(NULL, 0, 0, "x.json:1:1: empty input (expected a JSON value)");
}

static void test_bom(void **state)
{
    (void)state;
    REJECT("\xef\xbb\xbf{}",
           "x.json:1:1: the file starts with a UTF-8 byte order mark (BOM); save it without one");
    /* U+FEFF is an ordinary character inside a string, but not white space. */
    accept_text("[\"\xef\xbb\xbf\"]", 0);
    REJECT("[1,\xef\xbb\xbf 2]", "x.json:1:4: expected a value, found '\xef\xbb\xbf' (U+FEFF)");
}

static void test_nul_bytes(void **state)
{
    (void)state;
    REJECT("{\"a\": \"b\0c\"}", "x.json:1:9: NUL byte (0x00) inside a string");
    REJECT("[1,\n \0 2]", "x.json:2:2: expected a value, found a NUL byte (0x00)");
    REJECT("\0", "x.json:1:1: expected a value, found a NUL byte (0x00)");
    REJECT("{}\0", "x.json:1:3: NUL byte (0x00) after the end of the JSON value");
    REJECT("{\"\xc3\xa4\0\": 1}", "x.json:1:4: NUL byte (0x00) inside a string");
}

/* ---- UTF-8 -------------------------------------------------------------- */

static void test_utf8_invalid_bytes(void **state)
{
    (void)state;
    REJECT("{\n  \"k\": \"ab\xff\"\n}", "x.json:2:11: invalid UTF-8 byte 0xff");
    /* Multibyte characters before the error count one column each. */
    REJECT("{\n  \"k\": \"Gr\xc3\xbc\xc3\x9f" "e\xe4\xb8\xad\xf0\x9f\x98\x80\xff\"\n}",
           "x.json:2:16: invalid UTF-8 byte 0xff");
    REJECT("[\"\x80\"]", "x.json:1:3: invalid UTF-8 byte 0x80");
    REJECT("[\"\xfe\"]", "x.json:1:3: invalid UTF-8 byte 0xfe");
    REJECT("[\"\xf8\x88\x80\x80\x80\"]", "x.json:1:3: invalid UTF-8 byte 0xf8");
    /* Outside strings too: the byte is reported, not a syntax error. */
    REJECT("[1,\n\xc3\xa9, \xff]", "x.json:2:1: expected a value, found '\xc3\xa9' (U+00E9)");
    REJECT("[1, \xff]", "x.json:1:5: invalid UTF-8 byte 0xff");
    REJECT("{\"a\xff\": 1}", "x.json:1:4: invalid UTF-8 byte 0xff");
}

static void test_utf8_overlong(void **state)
{
    (void)state;
    REJECT("[\"\xc0\xaf\"]",
           "x.json:1:3: invalid UTF-8: overlong encoding (byte 0xc0 starts a 2-byte form of an ASCII character)");
    REJECT("[\"\xc1\xbf\"]",
           "x.json:1:3: invalid UTF-8: overlong encoding (byte 0xc1 starts a 2-byte form of an ASCII character)");
    REJECT("[\"\xc3\xa4\xe0\x80\xaf\"]",
           "x.json:1:4: invalid UTF-8: overlong encoding of U+002F (bytes 0xe0 0x80 0xaf)");
    REJECT("[\"\xe0\x9f\xbf\"]",
           "x.json:1:3: invalid UTF-8: overlong encoding of U+07FF (bytes 0xe0 0x9f 0xbf)");
    REJECT("[\"\xf0\x82\x82\xac\"]",
           "x.json:1:3: invalid UTF-8: overlong encoding of U+20AC (bytes 0xf0 0x82 0x82 0xac)");
    /* The shortest forms of the same characters are fine. */
    accept_text("[\"\x2f\xdf\xbf\xe2\x82\xac\xe0\xa0\x80\xf0\x90\x80\x80\"]", 0);
}

static void test_utf8_surrogates(void **state)
{
    (void)state;
    REJECT("[\"\xed\xa0\x80\"]",
           "x.json:1:3: invalid UTF-8: encoded surrogate U+D800 (surrogates are not characters)");
    REJECT("{\"k\":\n\"\xe4\xb8\xad\xed\xbf\xbf\"}",
           "x.json:2:3: invalid UTF-8: encoded surrogate U+DFFF (surrogates are not characters)");
    /* Either side of the surrogate block. */
    accept_text("[\"\xed\x9f\xbf\xee\x80\x80\"]", 0);
}

static void test_utf8_above_max(void **state)
{
    (void)state;
    REJECT("[\"\xf4\x90\x80\x80\"]",
           "x.json:1:3: invalid UTF-8: sequence for U+110000, above the Unicode maximum U+10FFFF");
    REJECT("[\"\xf7\xbf\xbf\xbf\"]",
           "x.json:1:3: invalid UTF-8: sequence for U+1FFFFF, above the Unicode maximum U+10FFFF");
    accept_text("[\"\xf4\x8f\xbf\xbf\"]", 0);
}

static void test_utf8_truncated(void **state)
{
    (void)state;
    REJECT("[\"\xe4\xb8\"]",
           "x.json:1:3: invalid UTF-8: incomplete sequence (byte 0xe4 must be followed by 2 continuation bytes)");
    REJECT("[\"a\xc3" "A\"]",
           "x.json:1:4: invalid UTF-8: incomplete sequence (byte 0xc3 must be followed by 1 continuation byte)");
    REJECT("[\"\xf0\x9f\x98",
           "x.json:1:3: invalid UTF-8: incomplete sequence (byte 0xf0 must be followed by 3 continuation bytes)");
    REJECT("\xc3",
           "x.json:1:1: invalid UTF-8: incomplete sequence (byte 0xc3 must be followed by 1 continuation byte)");
}

/* ---- strings ------------------------------------------------------------ */

static void test_control_chars(void **state)
{
    (void)state;
    REJECT("{\"a\": \"x\ty\"}",
           "x.json:1:9: unescaped control character U+0009 inside a string (write it as \\t)");
    REJECT("[\n\"\xc3\xa4\x1b[0m\"]",
           "x.json:2:3: unescaped control character U+001B inside a string (write it as \\u001B)");
    REJECT("[\"\r\"]", "x.json:1:3: unescaped control character U+000D inside a string (write it as \\r)");
    REJECT("[\"\x1f\"]", "x.json:1:3: unescaped control character U+001F inside a string (write it as \\u001F)");
    REJECT("{\"a\": \"b,\n \"c\": 1}",
           "x.json:1:10: line break inside a string (started at 1:7; missing closing quote? write \\n for a line break)");
    /* DEL and the escaped forms are fine. */
    accept_text("[\"\x7f\", \"\\t\\u001b\\n\"]", 0);
}

static void test_bad_escapes(void **state)
{
    (void)state;
    REJECT("[\"a\\x41\"]",
           "x.json:1:4: invalid escape \\x in a string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
    REJECT("[\"\xe4\xb8\xad\\'\"]",
           "x.json:1:4: invalid escape \\' in a string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
    REJECT("[\"a\\\nb\"]",
           "x.json:1:4: invalid escape in a string: backslash followed by control character U+000A");
    REJECT("[\"\\\xc3\xa9\"]", "x.json:1:3: invalid escape in a string: backslash followed by '\xc3\xa9' (U+00E9)");
    REJECT("[\"\\\xff\"]", "x.json:1:4: invalid UTF-8 byte 0xff");
    REJECT("[\"\\u12G4\"]", "x.json:1:3: invalid \\u escape: \\u must be followed by 4 hex digits");
    REJECT("[\"\\u12\"]", "x.json:1:3: invalid \\u escape: \\u must be followed by 4 hex digits");
    REJECT("[\"\\u12", "x.json:1:7: unexpected end of file inside a string (started at 1:2)");
    REJECT("[\"\\", "x.json:1:4: unexpected end of file inside a string (started at 1:2)");
}

static void test_u0000(void **state)
{
    (void)state;
    REJECT("{\"a\": \"x\\u0000y\"}",
           "x.json:1:9: \\u0000 (the NUL character) is not allowed in a string");
    REJECT("{\"\\u0000\": 1}", "x.json:1:3: \\u0000 (the NUL character) is not allowed in a string");
    accept_text("[\"\\u0001\"]", 0);
}

static void test_surrogate_escapes(void **state)
{
    (void)state;
    REJECT("[\"\\ud83d\"]",
           "x.json:1:3: unpaired surrogate \\ud83d (a high surrogate must be followed by a low surrogate \\uDC00-\\uDFFF)");
    REJECT("[\"x\\uD83D\\u0041\"]",
           "x.json:1:4: unpaired surrogate \\uD83D (a high surrogate must be followed by a low surrogate \\uDC00-\\uDFFF)");
    REJECT("[\"\\uD83D\\uD83D\\uDE00\"]",
           "x.json:1:3: unpaired surrogate \\uD83D (a high surrogate must be followed by a low surrogate \\uDC00-\\uDFFF)");
    REJECT("[\"\\uD83Dx\"]",
           "x.json:1:3: unpaired surrogate \\uD83D (a high surrogate must be followed by a low surrogate \\uDC00-\\uDFFF)");
    REJECT("[\"\xc3\xa4\\ude00\"]",
           "x.json:1:4: unpaired surrogate \\ude00 (a low surrogate must follow a high surrogate \\uD800-\\uDBFF)");
    REJECT("[\"\\uD83D\\uZZZZ\"]", "x.json:1:9: invalid \\u escape: \\u must be followed by 4 hex digits");
}

static void test_unterminated(void **state)
{
    (void)state;
    REJECT("{\"a\": \"bc", "x.json:1:10: unexpected end of file inside a string (started at 1:7)");
    REJECT("{\"title\": \"Gr\xc3\xbc\xc3\x9f" "e",
           "x.json:1:17: unexpected end of file inside a string (started at 1:11)");
    REJECT("{\"a\": 1,\n", "x.json:2:1: unexpected end of file inside an object (started at 1:1)");
    REJECT("{\n  \"a\"", "x.json:2:6: unexpected end of file inside an object (started at 1:1)");
    REJECT("{\"a\":", "x.json:1:6: unexpected end of file inside an object (started at 1:1)");
    REJECT("[1, [2,\n", "x.json:2:1: unexpected end of file inside an array (started at 1:5)");
    REJECT("[", "x.json:1:2: unexpected end of file inside an array (started at 1:1)");
    REJECT("{", "x.json:1:2: unexpected end of file inside an object (started at 1:1)");
}

/* ---- grammar ------------------------------------------------------------ */

static void test_syntax_errors(void **state)
{
    (void)state;
    REJECT("{\"a\" 1}", "x.json:1:6: expected ':' after the member name \"a\", found '1'");
    REJECT("{a: 1}", "x.json:1:2: expected a member name in double quotes, found 'a'");
    REJECT("{'a': 1}",
           "x.json:1:2: expected a member name in double quotes, found \"'\" (JSON strings use double quotes)");
    REJECT("[1, 'a']", "x.json:1:5: expected a value, found \"'\" (JSON strings use double quotes)");
    REJECT("[1,\n 2,\n]", "x.json:2:3: trailing comma before ']' (not allowed in JSON)");
    REJECT("{\"a\": 1, }", "x.json:1:8: trailing comma before '}' (not allowed in JSON)");
    REJECT("[1 2]", "x.json:1:4: expected ',' or ']' after an array element (missing comma?), found '2'");
    REJECT("[1; 2]", "x.json:1:3: expected ',' or ']' after an array element, found ';'");
    REJECT("{\"a\": 1\n \"b\": 2}",
           "x.json:2:2: expected ',' or '}' after an object member (missing comma?), found '\"'");
    REJECT("{\"a\": 1]", "x.json:1:8: expected ',' or '}' after an object member, found ']'");
    REJECT("[1, // one\n2]", "x.json:1:5: expected a value, found '/' (comments are not allowed in JSON)");
    REJECT("[,1]", "x.json:1:2: expected a value, found ','");
    REJECT("{\"a\": }", "x.json:1:7: expected a value, found '}'");
    REJECT("[True]", "x.json:1:2: expected a value, found 'True'");
    REJECT("[nul]", "x.json:1:2: expected a value, found 'nul'");
    REJECT("[truex]", "x.json:1:2: expected a value, found 'truex'");
    REJECT("[NaN, Infinity]", "x.json:1:2: expected a value, found 'NaN'");
    REJECT("[1, \x01]", "x.json:1:5: expected a value, found control character U+0001");
    /* A tab counts one column. */
    REJECT("\t[1,\tx]", "x.json:1:6: expected a value, found 'x'");
    /* A bidi override is named, not printed. */
    REJECT("[\xe2\x80\xae]", "x.json:1:2: expected a value, found U+202E");
}

static void test_numbers_grammar(void **state)
{
    (void)state;
    REJECT("[01]", "x.json:1:2: leading zeros are not allowed in numbers");
    REJECT("[\n -007]", "x.json:2:2: leading zeros are not allowed in numbers");
    REJECT("[-]", "x.json:1:3: expected a digit after '-', found ']'");
    REJECT("-", "x.json:1:2: expected a digit after '-', found the end of the file");
    REJECT("[-a]", "x.json:1:3: expected a digit after '-', found 'a'");
    REJECT("[1.]", "x.json:1:4: expected a digit after the decimal point, found ']'");
    REJECT("[1.e5]", "x.json:1:4: expected a digit after the decimal point, found 'e'");
    REJECT("[1e]", "x.json:1:4: expected a digit in the exponent of the number, found ']'");
    REJECT("[1E+]", "x.json:1:5: expected a digit in the exponent of the number, found ']'");
    REJECT("[.5]", "x.json:1:2: expected a value, found '.' (write 0.5, not .5)");
    REJECT("[+1]", "x.json:1:2: expected a value, found '+' (JSON numbers have no '+' sign)");
    REJECT("0x10", "x.json:1:2: text after the end of the JSON value");
    REJECT("[1.5.3]", "x.json:1:5: expected ',' or ']' after an array element, found '.'");
}

static void test_number_overflow(void **state)
{
    struct jsondoc *doc;
    const cJSON *a;
    char big[512];

    (void)state;
    REJECT("[1e400]", "x.json:1:2: number 1e400 is too large (it overflows a double)");
    REJECT("{\"\xc3\xa4\": -1.5E309}", "x.json:1:7: number -1.5E309 is too large (it overflows a double)");
    REJECT("[10e308]", "x.json:1:2: number 10e308 is too large (it overflows a double)");
    REJECT("[1800.0e305]", "x.json:1:2: number 1800.0e305 is too large (it overflows a double)");
    REJECT("[1e99999999999999999999]",
           "x.json:1:2: number 1e99999999999999999999 is too large (it overflows a double)");

    /* 400 digits, no exponent: shown cut to 40 characters. */
    big[0] = '[';
    memset(big + 1, '9', 400);
    strcpy(big + 401, "]");
    check_reject(big, strlen(big), 0,
                 "x.json:1:2: number 9999999999999999999999999999999999999999... is too large "
                 "(it overflows a double)");

    /* Close to the limit, underflow, and long fractions are accepted. */
    doc = parse_ok("[1.7976931348623157e308, 0.01e310, 123.456e306, 1e-400, -0,"
                   " 0.0000000000000000000000000000000000000000000000000000000000000000000000001e380]");
    a = jsondoc_root(doc);
    assert_int_equal(cJSON_GetArraySize(a), 6);
    assert_true(cJSON_GetArrayItem(a, 0)->valuedouble > 1.79e308);
    assert_true(cJSON_GetArrayItem(a, 1)->valuedouble == 1e308);
    assert_true(cJSON_GetArrayItem(a, 2)->valuedouble == 123.456e306);
    assert_true(cJSON_GetArrayItem(a, 3)->valuedouble == 0.0);
    assert_true(cJSON_GetArrayItem(a, 5)->valuedouble == 1e307);
    jsondoc_free(doc);

    /* 300 digits without exponent: big but finite. */
    big[0] = '[';
    memset(big + 1, '9', 300);
    strcpy(big + 301, "]");
    jsondoc_free(parse_ok(big));
}

static void test_depth(void **state)
{
    char buf[512];
    size_t i, n = 0;
    struct jsondoc *doc;
    const cJSON *node;
    int depth = 0;

    (void)state;
    /* Exactly JSONDOC_MAX_DEPTH nested arrays: accepted. */
    for (i = 0; i < JSONDOC_MAX_DEPTH; i++)
        buf[n++] = '[';
    for (i = 0; i < JSONDOC_MAX_DEPTH; i++)
        buf[n++] = ']';
    buf[n] = '\0';
    doc = parse_ok(buf);
    for (node = jsondoc_root(doc); node; node = node->child)
        depth++;
    assert_int_equal(depth, JSONDOC_MAX_DEPTH);
    /* The innermost array's position proves the map reaches the bottom. */
    for (node = jsondoc_root(doc); node->child; node = node->child)
        ;
    ASSERT_POS(jsondoc_pos(doc, node), 1, JSONDOC_MAX_DEPTH);
    jsondoc_free(doc);

    /* One more: refused at the opening bracket that goes too deep. */
    n = 0;
    for (i = 0; i < JSONDOC_MAX_DEPTH + 1; i++)
        buf[n++] = '[';
    for (i = 0; i < JSONDOC_MAX_DEPTH + 1; i++)
        buf[n++] = ']';
    buf[n] = '\0';
    check_reject(buf, n, 0, "x.json:1:65: nesting deeper than 64 levels of arrays and objects");

    /* Objects count as well: {"a": ... 65 times, on separate lines. */
    n = 0;
    for (i = 0; i < JSONDOC_MAX_DEPTH + 1; i++)
        n += (size_t)snprintf(buf + n, sizeof(buf) - n, "{\"a\":\n");
    check_reject(buf, n, 0, "x.json:65:1: nesting deeper than 64 levels of arrays and objects");
}

static void test_trailing(void **state)
{
    (void)state;
    REJECT("{\"a\": 1} x", "x.json:1:10: text after the end of the JSON value");
    REJECT("{}\n\n  ]", "x.json:3:3: text after the end of the JSON value");
    REJECT("\"\xe4\xb8\xad\xe6\x96\x87\" \"b\"", "x.json:1:6: text after the end of the JSON value");
    REJECT("[1]\n[2]", "x.json:2:1: text after the end of the JSON value");
    /* Trailing white space of every JSON kind is fine. */
    accept_text("[1] \t\r\n\n  ", 0);
}

/* ---- keys --------------------------------------------------------------- */

static void test_duplicate_keys(void **state)
{
    (void)state;
    REJECT("{\n  \"title\": 1,\n  \"x\": {\"title\": 2},\n  \"title\": 3\n}",
           "x.json:4:3: duplicate key \"title\" (first at 2:3)");
    /* Decoded comparison: escapes and raw characters are the same key. */
    REJECT("{\"a\": 1, \"\\u0061\": 2}", "x.json:1:10: duplicate key \"a\" (first at 1:2)");
    REJECT("{\"\xf0\x9f\x98\x80\": 1, \"\\ud83d\\ude00\": 2}",
           "x.json:1:10: duplicate key \"\xf0\x9f\x98\x80\" (first at 1:2)");
    REJECT("{\"a\\/b\": 1, \"a/b\": 2}", "x.json:1:13: duplicate key \"a/b\" (first at 1:2)");
    /* Columns count characters: the second "ü" starts at column 10. */
    REJECT("{\"\xc3\xbc\": 1, \"\xc3\xbc\": 2}", "x.json:1:10: duplicate key \"\xc3\xbc\" (first at 1:2)");
    REJECT("{\"\": 1, \"\": 2}", "x.json:1:9: duplicate key \"\" (first at 1:2)");
    /* Duplicates inside nested objects and arrays of objects. */
    REJECT("[{\"a\": 1}, {\"b\": 1, \"c\": {\"d\": 1, \"d\": 2}}]",
           "x.json:1:35: duplicate key \"d\" (first at 1:27)");

    /* The same key in different objects, and keys that only share a prefix. */
    accept_text("{\"title\": {\"title\": 1}, \"x\": [{\"title\": 2}, {\"title\": 3}],"
                " \"titles\": 4, \"titl\": 5}", 0);
}

static void test_key_display(void **state)
{
    (void)state;
    /* Quotes, backslashes, control and bidi characters are escaped. */
    REJECT("{\"a\\\"\\\\\\u202e\\u0007\": 1, \"a\\\"\\\\\\u202E\\u0007\": 2}",
           "x.json:1:26: duplicate key \"a\\\"\\\\\\u202E\\u0007\" (first at 1:2)");
    /* Long keys are cut after 48 characters. */
    REJECT("{\"0123456789012345678901234567890123456789\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4"
           "\xc3\xa4\xc3\xa4\xc3\xa4xyz\": 1,\n"
           "\"0123456789012345678901234567890123456789\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4"
           "\xc3\xa4\xc3\xa4\xc3\xa4xyz\": 2}",
           "x.json:2:1: duplicate key \"0123456789012345678901234567890123456789"
           "\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4...\" (first at 1:2)");
}

static void test_case_variants(void **state)
{
    struct jsondoc *doc;

    (void)state;
    /* Allowed by default (cJSON_GetObjectItemCaseSensitive tells them apart). */
    doc = parse_ok("{\"Title\": 1, \"title\": 2}");
    assert_int_equal(member(jsondoc_root(doc), "Title")->valueint, 1);
    assert_int_equal(member(jsondoc_root(doc), "title")->valueint, 2);
    jsondoc_free(doc);

    REJECT_F("{\"Title\": 1,\n \"tItLe\": 2}", JSONDOC_NO_CASE_VARIANTS,
             "x.json:2:2: key \"tItLe\" differs only in letter case from key \"Title\" (at 1:2)");
    REJECT_F("{\"a\": {\"ID\": 1, \"\\u0069d\": 2}}", JSONDOC_NO_CASE_VARIANTS,
             "x.json:1:17: key \"id\" differs only in letter case from key \"ID\" (at 1:8)");
    /* Exact duplicates keep their own message under the flag. */
    REJECT_F("{\"id\": 1, \"id\": 2}", JSONDOC_NO_CASE_VARIANTS,
             "x.json:1:11: duplicate key \"id\" (first at 1:2)");
    /* Folding is ASCII only: "ü" and "Ü" are different keys; the same key
     * in different objects is fine. */
    accept_text("{\"\xc3\xbc\": 1, \"\xc3\x9c\": 2, \"x\": {\"TITLE\": 1}, \"y\": {\"title\": 1}}",
                JSONDOC_NO_CASE_VARIANTS);
}

static void test_many_keys(void **state)
{
    struct sbuf sb;
    struct jsondoc *doc;
    struct cc_err err;
    const cJSON *root;
    int i;

    (void)state;
    sbuf_init(&sb);
    sbuf_adds(&sb, "{\n");
    for (i = 0; i < 20000; i++)
        sbuf_addf(&sb, "\"Key%d\": %d,\n", i, i);
    sbuf_adds(&sb, "\"end\": 0}");
    doc = parse_ok_len(sb.buf, sb.len, JSONDOC_NO_CASE_VARIANTS);
    root = jsondoc_root(doc);
    assert_int_equal(cJSON_GetArraySize(root), 20001);
    ASSERT_POS(jsondoc_key_pos(doc, member(root, "Key12345")), 12347, 1);
    ASSERT_POS(jsondoc_pos(doc, member(root, "Key12345")), 12347, 13);
    jsondoc_free(doc);

    /* A case variant of an early key at the very end. */
    sb.len -= strlen("\"end\": 0}");
    sbuf_adds(&sb, "\"KEY7\": 0}");
    memset(&err, 0, sizeof(err));
    assert_null(jsondoc_parse(sb.buf, sb.len, "big.json", JSONDOC_NO_CASE_VARIANTS, &err));
    assert_string_equal(err.msg,
                        "big.json:20002:1: key \"KEY7\" differs only in letter case from key \"Key7\" (at 9:1)");
    sbuf_release(&sb);
}

/* ---- valid documents and positions -------------------------------------- */

static void test_valid_documents(void **state)
{
    struct jsondoc *doc;
    const cJSON *root, *a;

    (void)state;
    doc = parse_ok("{\"name\": \"Gr\xc3\xbc\xc3\x9f" "e \xe4\xb8\xad\xe6\x96\x87\","
                   " \"esc\": \"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\u4E2D\","
                   " \"pair\": \"\\ud83d\\ude00\", \"raw\": \"\xf0\x9f\x98\x80\","
                   " \"nested\": {\"a\": [1, -2.5, 3e2, true, false, null, [], {}, [[{}]]]},"
                   " \"empty\": \"\"}");
    root = jsondoc_root(doc);
    assert_true(cJSON_IsObject(root));
    assert_string_equal(member(root, "name")->valuestring, "Gr\xc3\xbc\xc3\x9f" "e \xe4\xb8\xad\xe6\x96\x87");
    assert_string_equal(member(root, "esc")->valuestring, "q\" b\\ s/ \b\f\n\r\t \xc3\xa9\xe4\xb8\xad");
    assert_string_equal(member(root, "pair")->valuestring, "\xf0\x9f\x98\x80");
    assert_string_equal(member(root, "raw")->valuestring, "\xf0\x9f\x98\x80");
    assert_string_equal(member(root, "empty")->valuestring, "");
    a = member(member(root, "nested"), "a");
    assert_int_equal(cJSON_GetArraySize(a), 9);
    assert_true(cJSON_GetArrayItem(a, 1)->valuedouble == -2.5);
    assert_true(cJSON_GetArrayItem(a, 2)->valuedouble == 300.0);
    assert_true(cJSON_IsTrue(cJSON_GetArrayItem(a, 3)));
    assert_true(cJSON_IsFalse(cJSON_GetArrayItem(a, 4)));
    assert_true(cJSON_IsNull(cJSON_GetArrayItem(a, 5)));
    assert_true(cJSON_IsArray(cJSON_GetArrayItem(a, 8)));
    assert_string_equal(jsondoc_name(doc), "ok.json");
    jsondoc_free(doc);

    /* Scalars at the top level, with surrounding white space. */
    doc = parse_ok(" \r\n 42 \n");
    assert_true(cJSON_IsNumber(jsondoc_root(doc)));
    assert_int_equal(jsondoc_root(doc)->valueint, 42);
    ASSERT_POS(jsondoc_pos(doc, jsondoc_root(doc)), 2, 2);
    jsondoc_free(doc);
    doc = parse_ok("\"\xe4\xb8\xad\"");
    assert_string_equal(jsondoc_root(doc)->valuestring, "\xe4\xb8\xad");
    jsondoc_free(doc);
    doc = parse_ok("null");
    assert_true(cJSON_IsNull(jsondoc_root(doc)));
    jsondoc_free(doc);
    accept_text("true", 0);
    accept_text("-0.0e-0", 0);
    accept_text("[]", 0);
    accept_text("{}", 0);
}

/* The tree jsondoc builds itself must be the one cJSON_Parse builds from the
 * same text, to the bit: types, names, values (valueint too), links (the
 * first child's prev is the last child). */
static void assert_same_tree(const cJSON *a, const cJSON *b)
{
    for (; a || b; a = a->next, b = b->next) {
        assert_non_null(a);
        assert_non_null(b);
        assert_int_equal(a->type, b->type);
        if (a->string || b->string)
            assert_string_equal(a->string, b->string);
        else
            assert_null(b->string);
        if (a->valuestring || b->valuestring)
            assert_string_equal(a->valuestring, b->valuestring);
        assert_memory_equal(&a->valuedouble, &b->valuedouble, sizeof(double));
        assert_int_equal(a->valueint, b->valueint);
        assert_true((a->child == NULL) == (b->child == NULL));
        if (a->child) {
            const cJSON *la = a->child, *lb = b->child;
            while (la->next)
                la = la->next;
            while (lb->next)
                lb = lb->next;
            assert_ptr_equal(a->child->prev, la);
            assert_ptr_equal(b->child->prev, lb);
            assert_same_tree(a->child, b->child);
        }
        if (!a->next || !b->next)
            assert_true(a->next == NULL && b->next == NULL);
    }
}

static void test_same_tree_as_cjson(void **state)
{
    static const char *const docs[] = {
        "{\"a\": [1, -2.5, 3e2, 1E-3, -0, -0.0, 0.1, 123456789012345, 1234567890123456789,"
        " 2147483647, 2147483648, -2147483649, 1e308, 4.9e-324, 1e-400, 0.30000000000000004],"
        " \"t\": true, \"f\": false, \"n\": null, \"s\": \"x\\u00e9\\ud83d\\ude00\\n\","
        " \"o\": {\"\": {}, \"k\\u00fc\": [[], [{}], \"\"]}}",
        "[\"Gr\303\274\303\237e\", 7, [true, [false, [null]]]]",
        "-12.5e+1",
        "\"top\"",
    };
    (void)state;
    for (size_t i = 0; i < sizeof(docs) / sizeof(*docs); i++) {
        struct jsondoc *doc = parse_ok(docs[i]);
        cJSON *ref = cJSON_Parse(docs[i]);
        assert_non_null(ref);
        assert_same_tree(jsondoc_root(doc), ref);
        cJSON_Delete(ref);
        jsondoc_free(doc);
    }
}

/* A number longer than cJSON reads (63 characters) has its full value. */
static void test_long_number(void **state)
{
    static const char text[] = "[0.1000000000000000055511151231257827021181583404541015625000000000001]";
    struct jsondoc *doc;
    (void)state;
    doc = parse_ok(text);
    assert_true(cJSON_GetArrayItem(jsondoc_root(doc), 0)->valuedouble == 0.1);
    jsondoc_free(doc);
}

static void test_not_nul_terminated(void **state)
{
    /* The buffer continues after len: only [0, len) is the document. */
    static const char text[] = "[1, 2]garbage";
    struct jsondoc *doc;

    (void)state;
    doc = parse_ok_len(text, 6, 0);
    assert_int_equal(cJSON_GetArraySize(jsondoc_root(doc)), 2);
    jsondoc_free(doc);
    check_reject(text, 5, 0, "x.json:1:6: unexpected end of file inside an array (started at 1:1)");
    check_reject(text, 7, 0, "x.json:1:7: text after the end of the JSON value");
}

static void test_positions(void **state)
{
    static const char text[] =
        "{\n"                                                 /* 1 */
        "  \"t\xc3\xadtulo\": \"Gr\xc3\xbc\xc3\x9f" "e\",\n"  /* 2 */
        "\t\"items\": [\r\n"                                  /* 3 */
        "    1, \"\xe4\xb8\xad\xe6\x96\x87\", {\"k\": null},\n" /* 4 */
        "    [true]\n"                                        /* 5 */
        "  ],\n"                                              /* 6 */
        "  \"\xf0\x9f\x98\x80\": {\"\\u00e9\":   false}\n"    /* 7 */
        "}\n";
    struct jsondoc *doc;
    const cJSON *root, *items, *e, *k, *o;
    cJSON *foreign;

    (void)state;
    doc = parse_ok(text);
    root = jsondoc_root(doc);
    ASSERT_POS(jsondoc_pos(doc, root), 1, 1);
    ASSERT_POS(jsondoc_key_pos(doc, root), 1, 1);

    e = member(root, "t\xc3\xadtulo");
    ASSERT_POS(jsondoc_key_pos(doc, e), 2, 3);
    ASSERT_POS(jsondoc_pos(doc, e), 2, 13);

    items = member(root, "items");
    ASSERT_POS(jsondoc_key_pos(doc, items), 3, 2);   /* the tab counts one */
    ASSERT_POS(jsondoc_pos(doc, items), 3, 11);

    /* Array elements have no key: the key position is the value's. */
    e = cJSON_GetArrayItem(items, 0);
    ASSERT_POS(jsondoc_pos(doc, e), 4, 5);
    ASSERT_POS(jsondoc_key_pos(doc, e), 4, 5);
    e = cJSON_GetArrayItem(items, 1);
    ASSERT_POS(jsondoc_pos(doc, e), 4, 8);
    e = cJSON_GetArrayItem(items, 2);
    ASSERT_POS(jsondoc_pos(doc, e), 4, 14);          /* "中文" counts two */
    k = member(e, "k");
    ASSERT_POS(jsondoc_key_pos(doc, k), 4, 15);
    ASSERT_POS(jsondoc_pos(doc, k), 4, 20);
    e = cJSON_GetArrayItem(items, 3);
    ASSERT_POS(jsondoc_pos(doc, e), 5, 5);
    ASSERT_POS(jsondoc_pos(doc, e->child), 5, 6);

    o = member(root, "\xf0\x9f\x98\x80");
    ASSERT_POS(jsondoc_key_pos(doc, o), 7, 3);
    ASSERT_POS(jsondoc_pos(doc, o), 7, 8);
    k = member(o, "\xc3\xa9");
    ASSERT_POS(jsondoc_key_pos(doc, k), 7, 9);
    ASSERT_POS(jsondoc_pos(doc, k), 7, 21);

    /* Nodes from elsewhere, and NULL. */
    foreign = cJSON_CreateNull();
    ASSERT_POS(jsondoc_pos(doc, foreign), 0, 0);
    ASSERT_POS(jsondoc_key_pos(doc, foreign), 0, 0);
    cJSON_Delete(foreign);
    ASSERT_POS(jsondoc_pos(doc, NULL), 0, 0);
    ASSERT_POS(jsondoc_pos(NULL, root), 0, 0);
    jsondoc_free(doc);
}

static void test_jsondoc_error(void **state)
{
    static const char text[] = "{\n  \"title\":\n     \"x\",\n  \"list\": [1, \"\xc3\xa4\", 3]\n}";
    char name[] = "dir/catalog.json";
    struct jsondoc *doc;
    struct cc_err err;
    const cJSON *root, *title, *list;
    cJSON *foreign;

    (void)state;
    memset(&err, 0, sizeof(err));
    doc = jsondoc_parse(text, sizeof(text) - 1, name, 0, &err);
    assert_non_null(doc);
    name[0] = 'X';                       /* the name was copied */
    assert_string_equal(jsondoc_name(doc), "dir/catalog.json");
    root = jsondoc_root(doc);
    title = member(root, "title");
    list = member(root, "list");

    /* Members: the key's position, not the value's (3:6). */
    assert_int_equal(jsondoc_error(doc, title, &err, "%s must not be %s", "title", "\"x\""), -1);
    assert_string_equal(err.msg, "dir/catalog.json:2:3: title must not be \"x\"");
    assert_int_equal(err.code, EINVAL);
    /* Array elements: the value's position. */
    assert_int_equal(jsondoc_error(doc, cJSON_GetArrayItem(list, 2), &err, "bad %d", 3), -1);
    assert_string_equal(err.msg, "dir/catalog.json:4:20: bad 3");
    /* No node, or a node from elsewhere: the name alone. */
    assert_int_equal(jsondoc_error(doc, NULL, &err, "no questions"), -1);
    assert_string_equal(err.msg, "dir/catalog.json: no questions");
    foreign = cJSON_CreateTrue();
    assert_int_equal(jsondoc_error(doc, foreign, &err, "elsewhere"), -1);
    assert_string_equal(err.msg, "dir/catalog.json: elsewhere");
    cJSON_Delete(foreign);
    /* A NULL err is allowed. */
    assert_int_equal(jsondoc_error(doc, title, NULL, "ignored"), -1);
    jsondoc_free(doc);
    jsondoc_free(NULL);

    /* jsondoc_parse with a NULL err just fails. */
    assert_null(jsondoc_parse("[1,]", 4, "x.json", 0, NULL));
}

/* ---- size --------------------------------------------------------------- */

static int digits(int n)
{
    int d = 1;
    while (n >= 10) {
        n /= 10;
        d++;
    }
    return d;
}

static void test_large_document(void **state)
{
    enum { N = 50000 };
    struct sbuf sb;
    struct jsondoc *doc;
    const cJSON *root, *e;
    int i, col;

    (void)state;
    /* One element a line: element i on line i + 2. */
    sbuf_init(&sb);
    sbuf_adds(&sb, "[\n");
    for (i = 0; i < N; i++)
        sbuf_addf(&sb, "  {\"id\": %d, \"n\xc3\xa4me\": \"\xe4\xb8\xad%d\"}%s\n", i, i, i + 1 < N ? "," : "");
    sbuf_adds(&sb, "]\n");
    doc = parse_ok_len(sb.buf, sb.len, JSONDOC_NO_CASE_VARIANTS);
    root = jsondoc_root(doc);
    assert_int_equal(cJSON_GetArraySize(root), N);
    i = 0;
    cJSON_ArrayForEach(e, root) {
        const cJSON *id = member(e, "id"), *nm = member(e, "n\xc3\xa4me");
        int d = digits(i);
        ASSERT_POS(jsondoc_pos(doc, e), i + 2, 3);
        ASSERT_POS(jsondoc_key_pos(doc, id), i + 2, 4);
        ASSERT_POS(jsondoc_pos(doc, id), i + 2, 10);
        assert_int_equal(id->valueint, i);
        ASSERT_POS(jsondoc_key_pos(doc, nm), i + 2, 12 + d);
        ASSERT_POS(jsondoc_pos(doc, nm), i + 2, 20 + d);
        i++;
    }
    assert_int_equal(i, N);
    jsondoc_free(doc);

    /* All on one line: columns keep counting characters. */
    sbuf_reset(&sb);
    sbuf_addc(&sb, '[');
    for (i = 0; i < N; i++)
        sbuf_addf(&sb, "%s\"\xe4\xb8\xad\"", i ? "," : "");
    sbuf_addc(&sb, ']');
    doc = parse_ok_len(sb.buf, sb.len, 0);
    root = jsondoc_root(doc);
    i = 0;
    col = 2;
    cJSON_ArrayForEach(e, root) {
        ASSERT_POS(jsondoc_pos(doc, e), 1, col);
        col += 4;                         /* "中" and the comma */
        i++;
    }
    assert_int_equal(i, N);
    jsondoc_free(doc);

    /* An error at the very end of the long line. */
    sb.buf[sb.len - 1] = ',';
    sbuf_adds(&sb, "]");
    check_reject(sb.buf, sb.len, 0, "x.json:1:200001: trailing comma before ']' (not allowed in JSON)");
    sbuf_release(&sb);
}

/* ---- printing ------------------------------------------------------------ */

/* What jsondoc_print made before it printed by itself: cJSON_Print, then
 * every unsafe character starting with DEL, C2, D8 or E2 as \uXXXX. */
static char *reference_print(const cJSON *node)
{
    char *raw = cJSON_Print(node);
    struct sbuf out;
    const char *p;
    assert_non_null(raw);
    sbuf_init(&out);
    for (p = raw; *p;) {
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

static void assert_prints_as_reference(const cJSON *node)
{
    char *want = reference_print(node), *got = jsondoc_print(node);
    assert_string_equal(got, want);
    free(want);
    free(got);
}

/* jsondoc_print writes the text cJSON_Print and the escaping of unsafe
 * characters made, byte for byte (files written before read the same). */
static void test_print_as_cjson(void **state)
{
    static const char *const docs[] = {
        "{}", "[]", "{\"a\": {}, \"b\": [], \"c\": [{}, [], [[]], {\"d\": [1, {\"e\": null}]}]}",
        "[1, -2.5, 3e2, 1e-7, -0, 0.1, 123456789012345678, 2147483648, 1e308, 0.30000000000000004]",
        "{\"t\": true, \"f\": false, \"n\": null, \"s\": \"\", \"q\": \"\\\" \\\\ \\/ \\b\\f\\n\\r\\t\"}",
        "{\"ctl\": \"\\u0001\\u001f\\u007f x \\u0080\\u009f\\u00a0\", \"\\u202ekey\": \"\\u061c\\u200e\\u200f\"}",
        "{\"sep\": \"\\u2028\\u2029\\u202a\\u202d\\u2066\\u2069\\u2065\\u206a\\u2027\\u2030\"}",
        "{\"u\": \"Gr\303\274\303\237e \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80 \xc2\xa9 \xd8\xa7 \xe2\x82\xac\"}",
        "[[[[[[[[[[[[[[[[[[[[{\"deep\": [[{\"x\": 1}]]}]]]]]]]]]]]]]]]]]]]]",
        "\"top\"", "42", "null",
    };
    char *path = tu_src_path("catalog/bmbf-china-2024.json"), *text;
    cJSON *root;
    (void)state;
    for (size_t i = 0; i < sizeof(docs) / sizeof(*docs); i++) {
        root = cJSON_Parse(docs[i]);
        assert_non_null(root);
        assert_prints_as_reference(root);
        cJSON_Delete(root);
    }
    /* a tree built in code: a string with no value, a Raw node */
    root = cJSON_CreateObject();
    cJSON_AddItemToObject(root, "nothing", cJSON_CreateStringReference(NULL));
    cJSON_AddRawToObject(root, "raw", "[1,2]");
    assert_prints_as_reference(root);
    cJSON_Delete(root);
    /* every character that needs something, at every offset in a word of
     * 8 bytes, within long runs that need nothing */
    {
        static const char *const special[] = { "\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\xc2\x85",
                                               "\xc2\xa9", "\xe2\x80\xae", "\xe2\x82\xac", "\xd8\x9c",
                                               "\xd8\xa7", "\xc3\xa4" };
        root = cJSON_CreateArray();
        for (size_t k = 0; k < sizeof(special) / sizeof(*special); k++) {
            for (int at = 0; at < 17; at++) {
                char buf[64];
                snprintf(buf, sizeof(buf), "%.*s%s%s", at, "aaaaaaaaaaaaaaaaaaaa", special[k],
                         "bbbbbbbbbbbbbbbbbbbbbbb");
                cJSON_AddItemToArray(root, cJSON_CreateString(buf));
            }
        }
        assert_prints_as_reference(root);
        cJSON_Delete(root);
    }
    /* the bundled catalogue: long texts in two languages */
    text = tu_read(path, NULL);
    assert_non_null(text);
    root = cJSON_Parse(text);
    assert_non_null(root);
    assert_prints_as_reference(root);
    cJSON_Delete(root);
    free(text);
    free(path);
}

/* ---- the tree's memory --------------------------------------------------- */

/* The tree is in the document's own memory: parsing asks cJSON's allocator
 * for nothing, and a copy made with cJSON_Duplicate is cJSON's, freed with
 * cJSON_Delete (through cmocka, which fails the test on a leak). */
static void test_tree_in_document_memory(void **state)
{
    static const char text[] = "{\"a\": [1, \"two\", {\"b\": null}], \"c\": \"d\"}";
    struct cc_err err;
    struct jsondoc *doc;
    cJSON *copy;
    long before;

    (void)state;
    before = hook_calls;
    doc = jsondoc_parse(text, sizeof(text) - 1, "x.json", 0, &err);
    assert_non_null(doc);
    assert_int_equal(hook_calls, before);
    ASSERT_POS(jsondoc_key_pos(doc, member(jsondoc_root(doc), "c")), 1, 32);
    copy = cJSON_Duplicate(member(jsondoc_root(doc), "a"), 1);
    assert_true(hook_calls > before);
    jsondoc_free(doc);
    assert_int_equal(cJSON_GetArraySize(copy), 3);
    assert_string_equal(cJSON_GetArrayItem(copy, 1)->valuestring, "two");
    cJSON_Delete(copy);
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_nul_bytes),
        cmocka_unit_test(test_utf8_invalid_bytes),
        cmocka_unit_test(test_utf8_overlong),
        cmocka_unit_test(test_utf8_surrogates),
        cmocka_unit_test(test_utf8_above_max),
        cmocka_unit_test(test_utf8_truncated),
        cmocka_unit_test(test_control_chars),
        cmocka_unit_test(test_bad_escapes),
        cmocka_unit_test(test_u0000),
        cmocka_unit_test(test_surrogate_escapes),
        cmocka_unit_test(test_unterminated),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_numbers_grammar),
        cmocka_unit_test(test_number_overflow),
        cmocka_unit_test(test_depth),
        cmocka_unit_test(test_trailing),
        cmocka_unit_test(test_duplicate_keys),
        cmocka_unit_test(test_key_display),
        cmocka_unit_test(test_case_variants),
        cmocka_unit_test(test_many_keys),
        cmocka_unit_test(test_same_tree_as_cjson),
        cmocka_unit_test(test_long_number),
        cmocka_unit_test(test_valid_documents),
        cmocka_unit_test(test_not_nul_terminated),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_jsondoc_error),
        cmocka_unit_test(test_large_document),
        cmocka_unit_test(test_tree_in_document_memory),
        cmocka_unit_test(test_print_as_cjson),
    };
    cJSON_Hooks hooks = {hook_malloc, hook_free};

    /* Before any cJSON allocation: every tree goes through cmocka. */
    cJSON_InitHooks(&hooks);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
