/* test_cli_many.c — list and due of more cooperations than one window of
 * the parallel loading holds (store_each.c: 256 at a time, shared out among
 * threads): every cooperation in the order of the ids, none twice, one that
 * does not load said on stderr in that order too, and the same lines from
 * list, list --json and due.  The fixture is tests/support/clitest.h's. */
#include "clitest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cjson/cJSON.h>

#include "cli.h"
#include "fsio.h"
#include "util.h"

#define MANY 600

static int setup(void **state)
{
    return cx_setup(state, NULL);
}

static int teardown(void **state)
{
    return cx_teardown(state);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(path, 0600), 0);
}

/* MANY cooperations c-0000 ... made from one made by 'new': the file with
 * its id put in (the set-up of 600 by 'new' would take seconds); the ones
 * whose number is in bad get a file that is no JSON. */
static void make_many(struct cx *c, const int *bad, size_t nbad)
{
    struct tu_run r;
    struct cc_err err;
    char *tmpl, *path, *at;
    size_t len;
    RUN(c, &r, NULL, "new", "tmpl", "--title", "One of many", "--interval", "12");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    path = xasprintf("%s/tmpl/assessment.json", c->data);
    assert_int_equal(fs_read_file(path, 1 << 20, &tmpl, &len, &err), 0);
    free(path);
    at = strstr(tmpl, "\"tmpl\"");
    assert_non_null(at);
    for (int i = 0; i < MANY; i++) {
        char id[16], *dir, *file, *text;
        int broken = 0;
        snprintf(id, sizeof(id), "c-%04d", i);
        for (size_t k = 0; k < nbad; k++)
            broken |= bad[k] == i;
        dir = xasprintf("%s/%s", c->data, id);
        assert_int_equal(mkdir(dir, 0700), 0);
        file = xasprintf("%s/assessment.json", dir);
        text = broken ? xstrdup("{ not JSON")
                      : xasprintf("%.*s\"%s\"%s", (int)(at - tmpl), tmpl, id, at + strlen("\"tmpl\""));
        write_file(file, text);
        free(text);
        free(file);
        free(dir);
    }
    free(tmpl);
    RUN(c, &r, NULL, "delete", "tmpl", "--yes");
    run_free(&r);
}

/* The ids of "c-NNNN" at the start of out's lines, in order, into seen[]
 * (seen[n] = the order it came in, from 1): fails on one twice or out of order. */
static void expect_ids_in_order(const char *out, const int *bad, size_t nbad, const char *what)
{
    int last = -1, count = 0;
    for (const char *p = out; (p = strstr(p, "c-")) != NULL; p += 2) {
        int n;
        if ((p != out && p[-1] != '\n' && p[-1] != '"') || sscanf(p, "c-%4d", &n) != 1)
            continue;
        if (n <= last)
            fail_msg("%s: c-%04d after c-%04d", what, n, last);
        for (size_t k = 0; k < nbad; k++)
            if (bad[k] == n)
                fail_msg("%s: c-%04d does not load, yet it is listed", what, n);
        last = n;
        count++;
    }
    if (count != MANY - (int)nbad)
        fail_msg("%s: %d cooperations, not %d", what, count, MANY - (int)nbad);
}

static void test_many_in_order(void **state)
{
    struct cx *c = *state;
    static const int bad[] = { 3, 255, 256, 431, 599 };
    const size_t nbad = sizeof(bad) / sizeof(bad[0]);
    struct tu_run r;
    const char *prev = NULL;
    make_many(c, bad, nbad);

    RUN(c, &r, NULL, "list");
    EXPECT_STATUS(&r, EXIT_DATA);
    expect_ids_in_order(r.out, bad, nbad, "list");
    /* each broken one said once, in the order of the ids */
    for (size_t k = 0; k < nbad; k++) {
        char id[16];
        const char *at;
        snprintf(id, sizeof(id), "c-%04d", bad[k]);
        at = strstr(r.err, id);
        if (!at)
            fail_msg("list says nothing of %s:\n%s", id, r.err);
        if (strstr(at + 1, id))
            fail_msg("list says %s twice:\n%s", id, r.err);
        if (prev && at < prev)
            fail_msg("list says %s before c-%04d:\n%s", id, bad[k - 1], r.err);
        prev = at;
    }
    run_free(&r);

    RUN(c, &r, NULL, "list", "--json");
    EXPECT_STATUS(&r, EXIT_DATA);
    {
        cJSON *arr = cJSON_Parse(r.out), *e;
        int last = -1, n = 0;
        assert_non_null(arr);
        cJSON_ArrayForEach(e, arr) {
            const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(e, "id"));
            int num;
            assert_non_null(id);
            assert_int_equal(sscanf(id, "c-%4d", &num), 1);
            assert_true(num > last);
            last = num;
            n++;
        }
        assert_int_equal(n, MANY - (int)nbad);
        cJSON_Delete(arr);
    }
    run_free(&r);

    /* never assessed, due since their creation: due lists every one */
    RUN(c, &r, NULL, "due");
    expect_ids_in_order(r.out, bad, nbad, "due");
    assert_non_null(strstr(r.err, "c-0431"));
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_many_in_order, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
