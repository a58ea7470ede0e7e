/* Tests of paths: the XDG base directories and their fallbacks. */
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "testutil.h"

static void expect_path(enum xdg_base base, const char *sub, const char *want)
{
    char *got = xdg_path(base, sub);
    if (!want) {
        assert_null(got);
        return;
    }
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_variables(void **state)
{
    (void)state;
    setenv("HOME", "/home/u", 1);
    setenv("XDG_CONFIG_HOME", "/cfg", 1);
    setenv("XDG_DATA_HOME", "/data", 1);
    setenv("XDG_STATE_HOME", "/state", 1);
    expect_path(XDG_CONFIG, "config.ini", "/cfg/coopcheck/config.ini");
    expect_path(XDG_DATA, NULL, "/data/coopcheck");
    expect_path(XDG_STATE, "drafts", "/state/coopcheck/drafts");
    expect_path(XDG_CONFIG, "", "/cfg/coopcheck");
}

static void test_fallbacks(void **state)
{
    (void)state;
    setenv("HOME", "/home/u", 1);
    /* unset, empty and relative values are ignored (XDG Base Directory spec) */
    unsetenv("XDG_CONFIG_HOME");
    setenv("XDG_DATA_HOME", "", 1);
    setenv("XDG_STATE_HOME", "relative/state", 1);
    expect_path(XDG_CONFIG, "themes", "/home/u/.config/coopcheck/themes");
    expect_path(XDG_DATA, NULL, "/home/u/.local/share/coopcheck");
    expect_path(XDG_STATE, "drafts", "/home/u/.local/state/coopcheck/drafts");
    /* without HOME there is no place */
    unsetenv("HOME");
    expect_path(XDG_CONFIG, "themes", NULL);
    setenv("HOME", "", 1);
    expect_path(XDG_DATA, NULL, NULL);
    /* but the variable alone is enough */
    setenv("XDG_DATA_HOME", "/d", 1);
    expect_path(XDG_DATA, NULL, "/d/coopcheck");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_variables),
        cmocka_unit_test(test_fallbacks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
