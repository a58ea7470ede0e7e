/* catalog_builtin.c — makes build/gen/catalog_builtin.c: the bundled
 * catalogue's bytes and the catalogue read from them, as a blob (see
 * src/catalog_blob.c).  Run by the Makefile:
 *
 *     catalog_builtin FILE.json > catalog_builtin.c
 *
 * The file is read with catalog_parse, every check included: a catalogue
 * that fails them fails the build.  The blob is read back and must give the
 * same blob again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "fsio.h"

/* This program is linked with the core objects but without the catalogue
 * it makes: none is compiled in yet. */
const uint64_t catalog_builtin_text_digest[2];
const size_t catalog_builtin_text_len = 0;
const unsigned char catalog_builtin_blob[1];
const size_t catalog_builtin_blob_len = 0;

/* The blob last: a start reads the small values, and the kernel maps the
 * 64 KiB around each page it faults in, so small values after the blob
 * mapped its last 64 KiB, which only help texts use.  GCC emits a file's
 * variables in reverse unless told (no_reorder); clang keeps their order. */
static void emit(const char *name, const unsigned char *p, size_t n)
{
    printf("IN_ORDER const size_t %s_len = %zu;\n", name, n);
    printf("IN_ORDER const unsigned char %s[] = {\n", name);
    for (size_t i = 0; i < n; i++)
        printf("%s0x%02x,%s", i % 16 ? "" : "    ", p[i], i % 16 == 15 || i + 1 == n ? "\n" : "");
    printf("};\n");
}

int main(int argc, char **argv)
{
    struct strlist diags = { 0 };
    struct catalog *cat, *back;
    struct cc_err err;
    struct sbuf blob, again;
    char *text;
    size_t len;

    if (argc != 2) {
        fprintf(stderr, "usage: catalog_builtin FILE.json\n");
        return 2;
    }
    if (fs_read_file(argv[1], CATALOG_MAX_BYTES, &text, &len, &err) != 0 ||
        catalog_parse(text, len, argv[1], &cat, &diags, &err) != 0) {
        for (size_t i = 0; i < diags.n; i++)
            fprintf(stderr, "%s\n", diags.v[i]);
        if (!diags.n)
            fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    sbuf_init(&blob);
    sbuf_init(&again);
    catalog_blob_write(cat, &blob);
    if (catalog_blob_read((const unsigned char *)blob.buf, blob.len, argv[1], &back) != 0) {
        fprintf(stderr, "%s: the catalogue's blob cannot be read back\n", argv[1]);
        return 1;
    }
    catalog_blob_write(back, &again);
    if (again.len != blob.len || memcmp(again.buf, blob.buf, blob.len) != 0) {
        fprintf(stderr, "%s: the catalogue's blob, read back, is another\n", argv[1]);
        return 1;
    }
    printf("/* Generated from %s by scripts/catalog_builtin.c: do not edit. */\n", argv[1]);
    printf("#include <stddef.h>\n#include <stdint.h>\n\n#include \"catalog.h\"\n\n");
    printf("#if defined(__GNUC__) && !defined(__clang__)\n#define IN_ORDER __attribute__((no_reorder))\n"
           "#else\n#define IN_ORDER\n#endif\n\n");
    {
        uint64_t d[2];
        catalog_text_digest(text, len, d);
        printf("IN_ORDER const uint64_t catalog_builtin_text_digest[2] = { 0x%016llxu, 0x%016llxu };\n",
               (unsigned long long)d[0], (unsigned long long)d[1]);
        printf("IN_ORDER const size_t catalog_builtin_text_len = %zu;\n", len);
    }
    emit("catalog_builtin_blob", (const unsigned char *)blob.buf, blob.len);
    sbuf_release(&blob);
    sbuf_release(&again);
    catalog_free(cat);
    catalog_free(back);
    free(text);
    strlist_release(&diags);
    return ferror(stdout) || fflush(stdout) != 0;
}
