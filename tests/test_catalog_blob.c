/* Tests of the bundled catalogue compiled into the program
 * (src/catalog_blob.c): it is what catalog_parse makes of the file, it is
 * used only for a file of its length and digest (a same-length change is
 * seen), and a blob that is
 * cut short is refused. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "digest.h"
#include "testutil.h"

static char *bundled_path(void)
{
    return tu_src_path("catalog/bmbf-china-2024.json");
}

static void blob_of(const struct catalog *cat, struct sbuf *b)
{
    sbuf_init(b);
    catalog_blob_write(cat, b);
}

/* The compiled-in file is the bundled file, and its blob is what
 * catalog_parse makes of it, read back the same. */
static void test_builtin_is_the_parsed_file(void **state)
{
    char *path = bundled_path(), *text;
    size_t len;
    struct catalog *parsed, *loaded, *fromblob;
    struct strlist diags = { 0 };
    struct cc_err err;
    struct sbuf a, b, c;
    (void)state;
    text = tu_read(path, &len);
    assert_non_null(text);
    assert_int_equal(len, catalog_builtin_text_len);
    {
        uint64_t d[2];
        catalog_text_digest(text, len, d);
        assert_true(d[0] == catalog_builtin_text_digest[0] && d[1] == catalog_builtin_text_digest[1]);
    }
    /* with diags: the full check, never the blob */
    assert_int_equal(catalog_parse(text, len, path, &parsed, &diags, &err), 0);
    assert_int_equal(diags.n, 0);
    blob_of(parsed, &a);
    assert_int_equal(a.len, catalog_builtin_blob_len);
    assert_memory_equal(a.buf, catalog_builtin_blob, a.len);
    /* loading the file takes the blob: the same catalogue, with its path */
    assert_int_equal(catalog_load_file(path, &loaded, NULL, &err), 0);
    assert_string_equal(loaded->path, path);
    blob_of(loaded, &b);
    assert_int_equal(b.len, a.len);
    assert_memory_equal(b.buf, a.buf, a.len);
    assert_int_equal(catalog_blob_read((const unsigned char *)a.buf, a.len, "x", &fromblob), 0);
    blob_of(fromblob, &c);
    assert_int_equal(c.len, a.len);
    assert_memory_equal(c.buf, a.buf, a.len);
    assert_string_equal(fromblob->questions[18].id, parsed->questions[18].id);
    assert_string_equal(l10n_get(&fromblob->questions[0].fields[0].label, LANG_EN),
                        l10n_get(&parsed->questions[0].fields[0].label, LANG_EN));
    sbuf_release(&a);
    sbuf_release(&b);
    sbuf_release(&c);
    catalog_free(parsed);
    catalog_free(loaded);
    catalog_free(fromblob);
    free(text);
    free(path);
}

/* Writes the bundled file with from replaced by to into dir; its path. */
static char *changed_copy(const char *dir, const char *from, const char *to)
{
    char *path = bundled_path(), *text = tu_read(path, NULL), *p, *out, *copy;
    assert_non_null(text);
    p = strstr(text, from);
    assert_non_null(p);
    out = xasprintf("%.*s%s%s", (int)(p - text), text, to, p + strlen(from));
    copy = xasprintf("%s/copy.json", dir);
    tu_write(copy, out);
    free(out);
    free(text);
    free(path);
    return copy;
}

/* Any other file is read and checked: a change of one character is seen,
 * and a control character in a title is refused as ever. */
static void test_other_file_is_checked(void **state)
{
    char *tmp = tu_tempdir(), *copy;
    struct catalog *cat;
    struct cc_err err;
    (void)state;
    copy = changed_copy(tmp, "\"Stand 11/2024;", "\"Stand 12/2024;");
    assert_int_equal(catalog_load_file(copy, &cat, NULL, &err), 0);
    assert_string_equal(l10n_get(&cat->stand, LANG_DE), "Stand 12/2024; BMBF Ref. 214");
    catalog_free(cat);
    free(copy);
    copy = changed_copy(tmp, "Stand 11/2024", "Stand \\u001b[2J11/2024");
    assert_int_equal(catalog_load_file(copy, &cat, NULL, &err), -1);
    assert_null(cat);
    assert_non_null(strstr(err.msg, "contains the control character U+001B"));
    free(copy);
    tu_rmrf(tmp);
    free(tmp);
}

/* Every blob cut short is refused (and frees what it had read: ASan). */
static void test_short_blob_refused(void **state)
{
    struct catalog *cat;
    size_t n = catalog_builtin_blob_len;
    (void)state;
    assert_true(n > 1000);
    for (size_t len = 0; len < n; len += len < 64 ? 1 : 997) {
        assert_int_equal(catalog_blob_read(catalog_builtin_blob, len, "x", &cat), -1);
        assert_null(cat);
    }
    assert_int_equal(catalog_blob_read(catalog_builtin_blob, n - 1, "x", &cat), -1);
    assert_int_equal(catalog_blob_read(catalog_builtin_blob, n, "x", &cat), 0);
    catalog_free(cat);
}

static uint32_t u32_at(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void u32_put(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/* The catalogue read from the blob points into its string pool instead of
 * copying its strings to the heap; the ids and titles a first frame shows
 * lie before the rest.  A reference past the pool, and a pool that does not
 * end in '\0', are refused (a string could run past the blob). */
static void test_strings_borrowed(void **state)
{
    struct catalog *cat;
    const unsigned char *b = catalog_builtin_blob, *end = b + catalog_builtin_blob_len, *pool;
    unsigned char *bad;
    size_t pool_len;
    const char *id, *title, *help;
    (void)state;
    assert_int_equal(catalog_blob_read(b, catalog_builtin_blob_len, "x", &cat), 0);
    assert_true(cat->borrowed);
    pool = b + u32_at(b + 4);
    pool_len = (size_t)(end - pool);
    assert_true(pool > b + 8 && pool < end);
    id = cat->questions[18].id;
    assert_true((const unsigned char *)id >= pool && (const unsigned char *)id < end);
    assert_true(cat->questions[0].help[LANG_EN].asks.n > 0);
    help = cat->questions[0].help[LANG_EN].asks.v[0];
    assert_true((const unsigned char *)help >= pool && (const unsigned char *)help < end);
    /* every title (both languages) before the first question's help */
    for (size_t i = 0; i < cat->nquestions; i++)
        for (int l = 0; l < LANG_COUNT; l++) {
            title = cat->questions[i].title.s[l];
            assert_non_null(title);
            assert_true((const unsigned char *)title >= pool && title < help);
        }
    for (size_t i = 0; i < cat->nsections; i++)
        assert_true(cat->sections[i].title.s[LANG_DE] < help);
    assert_string_equal(cat->path, "x");   /* (the path is its own) */
    catalog_free(cat);

    bad = malloc(catalog_builtin_blob_len);
    assert_non_null(bad);
    /* the first field after the magic and the pool's offset: the id's reference */
    memcpy(bad, b, catalog_builtin_blob_len);
    assert_true(u32_at(bad + 8) >= 1 && u32_at(bad + 8) <= pool_len);
    u32_put(bad + 8, (uint32_t)pool_len + 1);
    assert_int_equal(catalog_blob_read(bad, catalog_builtin_blob_len, "x", &cat), -1);
    assert_null(cat);
    u32_put(bad + 8, (uint32_t)pool_len);   /* the pool's last byte: still in it */
    assert_int_equal(catalog_blob_read(bad, catalog_builtin_blob_len, "x", &cat), 0);
    assert_string_equal(cat->id, "");
    catalog_free(cat);
    memcpy(bad, b, catalog_builtin_blob_len);
    assert_int_equal(bad[catalog_builtin_blob_len - 1], 0);
    bad[catalog_builtin_blob_len - 1] = 'x';
    assert_int_equal(catalog_blob_read(bad, catalog_builtin_blob_len, "x", &cat), -1);
    assert_null(cat);
    /* the pool's offset outside the blob */
    memcpy(bad, b, catalog_builtin_blob_len);
    u32_put(bad + 4, (uint32_t)catalog_builtin_blob_len);
    assert_int_equal(catalog_blob_read(bad, catalog_builtin_blob_len, "x", &cat), -1);
    assert_null(cat);
    free(bad);
}

/* The digests are XXH3 with seed 0 as libxxhash computes them, now that the
 * library is compiled in (digest.c): the values below came from Debian's
 * libxxhash.so.0 (0.8.1); given in pieces, the bytes add up to the same. */
static void test_digests_are_xxh3(void **state)
{
    static const uint64_t want64[3] = { 0x2d06800538d394c2u, 0x4c75ecbd0f7ac62du,
                                        0xb3e7af627147db7cu };
    static const uint64_t want128[3][2] = { { 0x6001c324468d497fu, 0x99aa06d3014798d8u },
                                            { 0xef4cf2fb6df33f5cu, 0xa236246376cd1b2au },
                                            { 0xb3e7af627147db7cu, 0xb01da365eddaa29cu } };
    char many[1000];
    const char *in[3] = { "", "coopcheck", many };
    size_t len[3] = { 0, 9, sizeof(many) };
    (void)state;
    memset(many, 'a', sizeof(many));
    for (int i = 0; i < 3; i++) {
        struct digest *d = digest_new();
        struct digest128 *d2 = digest128_new();
        uint64_t h[2];
        size_t cut = len[i] / 3;
        assert_non_null(d);
        assert_non_null(d2);
        assert_true(digest_of(in[i], len[i]) == want64[i]);
        digest128_of(in[i], len[i], h);
        assert_true(h[0] == want128[i][0] && h[1] == want128[i][1]);
        digest_update(d, in[i], cut);
        digest_update(d, in[i] + cut, len[i] - cut);
        assert_true(digest_final(d) == want64[i]);
        digest128_update(d2, in[i], cut);
        digest128_update(d2, in[i] + cut, len[i] - cut);
        digest128_final(d2, h);
        assert_true(h[0] == want128[i][0] && h[1] == want128[i][1]);
        digest_free(d);
        digest128_free(d2);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_is_the_parsed_file),
        cmocka_unit_test(test_other_file_is_checked),
        cmocka_unit_test(test_short_blob_refused),
        cmocka_unit_test(test_strings_borrowed),
        cmocka_unit_test(test_digests_are_xxh3),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
