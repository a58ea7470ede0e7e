/* Tests of the bundled catalogue compiled into the program
 * (src/catalog_blob.c): it is what catalog_parse makes of the file, it is
 * used only for a file of its length and digest (a same-length change is
 * seen), and a blob that is
 * cut short is refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
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

/* The catalogue read from the blob points into it instead of copying its
 * strings to the heap; a string whose '\0' is not where its length says is
 * refused (the reader would run past it). */
static void test_strings_borrowed(void **state)
{
    struct catalog *cat;
    const unsigned char *b = catalog_builtin_blob, *end = b + catalog_builtin_blob_len;
    unsigned char *bad;
    size_t n;
    const char *id;
    (void)state;
    assert_int_equal(catalog_blob_read(b, catalog_builtin_blob_len, "x", &cat), 0);
    assert_true(cat->borrowed);
    id = cat->questions[18].id;
    assert_true((const unsigned char *)id > b && (const unsigned char *)id < end);
    assert_true(cat->questions[0].help[LANG_EN].asks.n > 0);
    id = cat->questions[0].help[LANG_EN].asks.v[0];
    assert_true((const unsigned char *)id > b && (const unsigned char *)id < end);
    assert_string_equal(cat->path, "x");   /* (the path is its own) */
    catalog_free(cat);
    /* the first string, the catalogue's id, after the magic and its length */
    n = (size_t)b[4] | (size_t)b[5] << 8 | (size_t)b[6] << 16 | (size_t)b[7] << 24;
    assert_true(n > 1 && 8 + n <= catalog_builtin_blob_len);
    bad = malloc(catalog_builtin_blob_len);
    assert_non_null(bad);
    memcpy(bad, b, catalog_builtin_blob_len);
    assert_int_equal(bad[8 + n - 1], 0);
    bad[8 + n - 1] = 'x';
    assert_int_equal(catalog_blob_read(bad, catalog_builtin_blob_len, "x", &cat), -1);
    assert_null(cat);
    free(bad);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_is_the_parsed_file),
        cmocka_unit_test(test_other_file_is_checked),
        cmocka_unit_test(test_short_blob_refused),
        cmocka_unit_test(test_strings_borrowed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
