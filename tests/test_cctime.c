/* test_cctime.c — UTC time stamps as the files record them. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cctime.h"

/* cc_iso_utc writes the fixed form, whatever the local zone; and
 * cc_parse_iso_utc reads back what it wrote. */
static void test_iso_utc_form(void **state)
{
    static const struct { time_t t; const char *iso; } cases[] = {
        { 0, "1970-01-01T00:00:00Z" },
        { 951782400, "2000-02-29T00:00:00Z" },          /* a leap day */
        { 1795751121, "2026-11-27T03:45:21Z" },
        { 1798761599, "2026-12-31T23:59:59Z" },         /* the last second of a year */
        { 253402300799, "9999-12-31T23:59:59Z" },
    };
    char out[CC_ISO_LEN];
    (void)state;
    setenv("TZ", "Europe/Berlin", 1);   /* a zone with an offset: it must not show */
    tzset();
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        time_t back = 0;
        cc_iso_utc(cases[i].t, out);
        assert_string_equal(out, cases[i].iso);
        assert_int_equal(cc_parse_iso_utc(out, &back), 0);
        assert_true(back == cases[i].t);
    }
    unsetenv("TZ");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso_utc_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
