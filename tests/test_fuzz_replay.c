/* Regression replay of the fuzz targets (fuzz/fuzz_*.c): every file of
 * fuzz/corpus/NAME is run through target NAME, one test per target.  The
 * corpus holds the seeds and every reproducer of a fixed finding, so a
 * regression fails here; under `make check-asan` with the sanitizers, which is
 * where a memory error or leak shows.  The targets are compiled by the
 * Makefile with -DLLVMFuzzerTestOneInput=fuzz_NAME_one, hence the names
 * below; they abort on a broken invariant (a crash of this program). */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "util.h"

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

#define FUZZ_TARGETS(X) \
    X(jsondoc) X(catalog) X(afile) X(config) X(theme) X(keymap) X(textutil) X(diff) X(editbuf) X(keyin) \
    X(lists_json) X(lists_csv) X(jmerge)

#define DECLARE(name) int fuzz_##name##_one(const uint8_t *data, size_t size);
FUZZ_TARGETS(DECLARE)

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every file of fuzz/corpus/NAME (in name order) through fn. */
static void replay(const char *name, fuzz_fn fn)
{
    char *rel = xasprintf("fuzz/corpus/%s", name), *dir = tu_src_path(rel);
    DIR *d = opendir(dir);
    struct dirent *e;
    char **files = NULL;
    size_t n = 0;

    if (!d)
        fail_msg("cannot open %s", dir);
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        files = xrealloc(files, (n + 1) * sizeof(*files));
        files[n++] = xasprintf("%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (n == 0)
        fail_msg("%s has no inputs", dir);
    qsort(files, n, sizeof(*files), cmp_str);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        char *text = tu_read(files[i], &len);
        uint8_t *data;
        if (!text)
            fail_msg("cannot read %s", files[i]);
        /* an exact-size copy, so that AddressSanitizer sees reads past the end */
        data = xmalloc(len ? len : 1);
        memcpy(data, text, len);
        free(text);
        print_message("%s\n", files[i]);  /* the last one named is the culprit of a crash */
        fn(data, len);
        free(data);
        free(files[i]);
    }
    free(files);
    free(dir);
    free(rel);
}

#define TEST(name) \
    static void test_replay_##name(void **state) \
    { \
        (void)state; \
        replay(#name, fuzz_##name##_one); \
    }
FUZZ_TARGETS(TEST)

#define ENTRY(name) cmocka_unit_test(test_replay_##name),

int main(void)
{
    const struct CMUnitTest tests[] = { FUZZ_TARGETS(ENTRY) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
