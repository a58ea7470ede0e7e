/* fuzz_afile.c — afile_parse, the reader of assessment and snapshot files
 * (the data directory, and any two files given to `coopcheck diff A B`).
 *
 * The catalogue set holds the bundled catalogue, loaded once from the build
 * tree (CC_BUILD_CATALOGDIR, compiled in by the Makefile) and released at
 * exit.  Input: the whole file.  Invariants: a refusal has a message and no
 * assessment; an accepted one is written by afile_format into text that is
 * accepted again and written identically (a fixed point), also when the id
 * must match; it compares equal to itself (assessment_diff). */
#include "fuzz.h"

#include "afile.h"
#include "catalog.h"
#include "diff.h"
#include "model.h"

static struct catalog_set cats;

static void release_cats(void)
{
    catalog_set_release(&cats);
}

static const struct catalog_set *catalogues(void)
{
    if (!cats.n) {
        struct catalog *cat = NULL;
        struct cc_err err;
        if (catalog_load_file(CC_BUILD_CATALOGDIR "/bmbf-china-2024.json", &cat, NULL, &err) != 0)
            abort();  /* cannot fuzz without it: run from a complete tree */
        cats.v = xmalloc(sizeof(*cats.v));
        cats.v[0] = cat;
        cats.n = 1;
        atexit(release_cats);
    }
    return &cats;
}

static void check_accepted(struct assessment *a, const struct catalog_set *set)
{
    struct assessment *b = NULL, *c = NULL;
    struct assessment_diff d;
    struct cc_err err;
    char *text = afile_format(a), *text2;

    FZ_CHECK(text != NULL);
    FZ_CHECK(afile_parse(text, strlen(text), "formatted.json", set, &b, &err) == 0 && b);
    text2 = afile_format(b);
    FZ_CHECK(text2 != NULL && strcmp(text, text2) == 0);
    if (a->coop.id) {
        FZ_CHECK(afile_parse_expect(text, strlen(text), "formatted.json", set, a->coop.id, &c,
                                    &err) == 0 && c);
        assessment_free(c);
    }
    if (assessment_diff(a, b, &d, &err) == 0) {
        FZ_CHECK(d.sum.changed == 0);
        assessment_diff_release(&d);
    }
    free(text2);
    free(text);
    assessment_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct catalog_set *set = catalogues();
    struct assessment *a = NULL;
    struct cc_err err;

    err.msg[0] = '\0';
    if (afile_parse((const char *)data, size, "fuzz.json", set, &a, &err) == 0) {
        FZ_CHECK(a != NULL);
        check_accepted(a, set);
        assessment_free(a);
    } else {
        FZ_CHECK(a == NULL && err.msg[0] != '\0');
    }
    return 0;
}
