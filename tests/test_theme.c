/* Tests of theme: the shipped theme files, the built-in fallback, parsing and
 * its errors, and finding themes on disk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"
#include "theme.h"

enum { BLACK, RED, GREEN, YELLOW, BLUE, MAGENTA, CYAN, WHITE };
#define DEF THEME_DEFAULT_COLOR

static void assert_style(const struct theme *t, enum theme_slot s, int fg, int bg, unsigned attrs)
{
    assert_int_equal(t->slot[s].fg, fg);
    assert_int_equal(t->slot[s].bg, bg);
    assert_int_equal(t->slot[s].attrs, attrs);
}

static void assert_builtin_slots(const struct theme *t)
{
    struct theme b;
    theme_builtin(&b);
    for (int s = 0; s < TS_COUNT; s++)
        assert_style(t, (enum theme_slot)s, b.slot[s].fg, b.slot[s].bg, b.slot[s].attrs);
    theme_release(&b);
}

/* 1 when text has a "key = ..." line (blanks allowed around the key). */
static int has_key(const char *text, const char *key)
{
    size_t klen = strlen(key);
    for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        const char *s = p + strspn(p, " \t");
        if (strncmp(s, key, klen) == 0) {
            s += klen;
            s += strspn(s, " \t");
            if (*s == '=')
                return 1;
        }
    }
    return 0;
}

/* Parses themes/NAME.ini from the source tree; checks every slot is set. */
static char *load_shipped(struct theme *t, const char *name)
{
    char rel[64], *path, *text;
    struct cc_err err;
    snprintf(rel, sizeof(rel), "themes/%s.ini", name);
    path = tu_src_path(rel);
    text = tu_read(path, NULL);
    assert_non_null(text);
    if (theme_parse(t, text, name, &err) != 0)
        fail_msg("%s: %s", path, err.msg);
    assert_string_equal(t->name, name);
    for (int s = 0; s < TS_COUNT; s++)
        if (!has_key(text, theme_slot_name((enum theme_slot)s)))
            fail_msg("%s does not set %s", path, theme_slot_name((enum theme_slot)s));
    free(path);
    return text;
}

static void test_slot_names(void **state)
{
    (void)state;
    for (int s = 0; s < TS_COUNT; s++) {
        const char *name = theme_slot_name((enum theme_slot)s);
        assert_non_null(name);
        assert_int_equal(theme_slot_from_name(name), s);
    }
    assert_string_equal(theme_slot_name(TS_LIST_SELECTED), "list_selected");
    assert_string_equal(theme_slot_name(TS_DIFF_REMOVED), "diff_removed");
    assert_string_equal(theme_slot_name(TS_MATCH), "match");
    assert_int_equal(theme_slot_from_name("help_heading"), TS_HELP_HEADING);
    assert_int_equal(theme_slot_from_name("headr"), -1);
    assert_int_equal(theme_slot_from_name(""), -1);
    assert_null(theme_slot_name(TS_COUNT));
}

static void test_default_file(void **state)
{
    struct theme t;
    char *text;
    (void)state;
    text = load_shipped(&t, "default");
    assert_style(&t, TS_NORMAL, DEF, DEF, 0);
    assert_style(&t, TS_HEADER, WHITE, BLUE, THEME_BOLD);
    assert_style(&t, TS_LIST_SELECTED, DEF, DEF, THEME_REVERSE);
    assert_style(&t, TS_ERROR, RED, DEF, THEME_BOLD);
    for (int s = 0; s < TS_COUNT; s++) {
        const struct theme_style *st = &t.slot[s];
        /* the terminal's background everywhere but the header bar */
        if (s != TS_HEADER)
            assert_int_equal(st->bg, DEF);
        /* on the terminal's background, no colour that vanishes on dark or
         * light terminals, and only the 8 colours every terminal has */
        if (st->bg == DEF) {
            assert_true(st->fg == DEF || (st->fg > BLACK && st->fg < WHITE && st->fg != YELLOW));
        }
    }
    /* selection and focus visible without colour */
    assert_true(t.slot[TS_LIST_SELECTED].attrs & THEME_REVERSE);
    assert_true(t.slot[TS_FOCUS].attrs & THEME_REVERSE);
    assert_true(t.slot[TS_EDITOR].attrs & THEME_REVERSE);
    assert_true(t.slot[TS_LIST_INACTIVE].attrs != 0);
    /* a search's hit stands out without colour, and unlike the focus */
    assert_true(t.slot[TS_MATCH].attrs & THEME_UNDERLINE);
    assert_false(t.slot[TS_MATCH].attrs & THEME_REVERSE);
    theme_release(&t);
    free(text);
}

static void test_mono_file(void **state)
{
    struct theme t;
    char *text;
    (void)state;
    text = load_shipped(&t, "mono");
    for (int s = 0; s < TS_COUNT; s++) {
        assert_int_equal(t.slot[s].fg, DEF);
        assert_int_equal(t.slot[s].bg, DEF);
    }
    assert_style(&t, TS_LIST_SELECTED, DEF, DEF, THEME_REVERSE);
    assert_style(&t, TS_FOCUS, DEF, DEF, THEME_REVERSE);
    assert_style(&t, TS_EDITOR, DEF, DEF, THEME_REVERSE);
    assert_style(&t, TS_HEADER, DEF, DEF, THEME_BOLD);
    assert_style(&t, TS_HELP_HEADING, DEF, DEF, THEME_BOLD);
    assert_style(&t, TS_LABEL, DEF, DEF, THEME_UNDERLINE);
    assert_style(&t, TS_NORMAL, DEF, DEF, 0);
    assert_style(&t, TS_MATCH, DEF, DEF, THEME_BOLD | THEME_UNDERLINE);
    /* the inactive selection differs from both the plain and the active one */
    assert_true(t.slot[TS_LIST_INACTIVE].attrs != 0);
    assert_true(t.slot[TS_LIST_INACTIVE].attrs != t.slot[TS_LIST_SELECTED].attrs);
    theme_release(&t);
    free(text);
}

static void test_high_contrast_file(void **state)
{
    struct theme t;
    char *text;
    (void)state;
    text = load_shipped(&t, "high-contrast");
    for (int s = 0; s < TS_COUNT; s++) {
        assert_true(t.slot[s].bg == BLACK || t.slot[s].bg == DEF);
        assert_true(t.slot[s].fg >= 8 && t.slot[s].fg <= 15);  /* bright colours */
    }
    assert_style(&t, TS_NORMAL, 15, BLACK, 0);
    assert_style(&t, TS_FOCUS, 11, BLACK, THEME_BOLD | THEME_REVERSE);
    assert_style(&t, TS_LIST_SELECTED, 11, BLACK, THEME_BOLD | THEME_REVERSE);
    assert_true(t.slot[TS_EDITOR].attrs & THEME_REVERSE);
    assert_style(&t, TS_ERROR, 9, BLACK, THEME_BOLD);
    theme_release(&t);
    free(text);
}

static void test_builtin_is_default_file(void **state)
{
    struct theme b, f;
    char *path = tu_src_path("themes/default.ini"), *text = tu_read(path, NULL);
    struct cc_err err;
    (void)state;
    assert_non_null(text);
    memset(&b, 0x5a, sizeof(b));
    theme_builtin(&b);
    assert_string_equal(b.name, "default");
    assert_int_equal(theme_parse(&f, text, "default", &err), 0);
    for (int s = 0; s < TS_COUNT; s++)
        assert_style(&f, (enum theme_slot)s, b.slot[s].fg, b.slot[s].bg, b.slot[s].attrs);
    /* not merely the all-default fallback */
    assert_style(&b, TS_HEADER, WHITE, BLUE, THEME_BOLD);
    theme_release(&b);
    assert_null(b.name);
    theme_release(&f);
    free(text);
    free(path);
}

static void test_parse_values(void **state)
{
    struct theme t;
    struct cc_err err;
    const char *text =
        "; a comment\n"
        "# another\n"
        "\n"
        "[THEME]\n"
        "description = \"Mine; with a semicolon # and a hash\"\n"
        "[ colors ]   ; trailing comment\n"
        "Header = Red, 17, bold underline\n"
        "status=bright-black,bright-white,dim,italic\n"
        "flag = 0, 255, none\n"
        "label = \"cyan, default, reverse\"   ; quoted\n"
        "title = green, default\n"
        "value = default , default ,  bold ,reverse\n";
    (void)state;
    assert_int_equal(theme_parse(&t, text, "mine", &err), 0);
    assert_string_equal(t.name, "mine");
    assert_style(&t, TS_HEADER, RED, 17, THEME_BOLD | THEME_UNDERLINE);
    assert_style(&t, TS_STATUS, 8, 15, THEME_DIM | THEME_ITALIC);
    assert_style(&t, TS_FLAG, BLACK, 255, 0);
    assert_style(&t, TS_LABEL, CYAN, DEF, THEME_REVERSE);
    assert_style(&t, TS_TITLE, GREEN, DEF, 0);
    assert_style(&t, TS_VALUE, DEF, DEF, THEME_BOLD | THEME_REVERSE);
    /* slots not named keep the built-in values */
    {
        struct theme b;
        theme_builtin(&b);
        for (int s = 0; s < TS_COUNT; s++)
            if (s != TS_HEADER && s != TS_STATUS && s != TS_FLAG && s != TS_LABEL &&
                s != TS_TITLE && s != TS_VALUE)
                assert_memory_equal(&t.slot[s], &b.slot[s], sizeof(b.slot[s]));
        theme_release(&b);
    }
    theme_release(&t);

    /* CRLF line endings; an empty text is the built-in theme */
    assert_int_equal(theme_parse(&t, "[colors]\r\nerror = yellow, default, bold\r\n", "crlf", &err), 0);
    assert_style(&t, TS_ERROR, YELLOW, DEF, THEME_BOLD);
    theme_release(&t);
    assert_int_equal(theme_parse(&t, "", "empty", &err), 0);
    assert_builtin_slots(&t);
    theme_release(&t);
}

/* An unquoted value ends at ';' or '#', as with iniparser. */
static void test_parse_comment_in_value(void **state)
{
    struct theme t;
    struct cc_err err;
    (void)state;
    assert_int_equal(theme_parse(&t, "[colors]\nheader = red, default, bold ; was: blue\n", "c",
                                 &err), 0);
    assert_style(&t, TS_HEADER, RED, DEF, THEME_BOLD);
    theme_release(&t);
    assert_int_equal(theme_parse(&t, "[colors]\nheader = red, default ; bold\n", "c", &err), 0);
    assert_style(&t, TS_HEADER, RED, DEF, 0);
    theme_release(&t);
    assert_int_equal(theme_parse(&t, "[colors]\nheader = red, default#, bold\n", "c", &err), 0);
    assert_style(&t, TS_HEADER, RED, DEF, 0);
    theme_release(&t);
    /* a value cut down to nothing is a syntax error, not silently default */
    assert_int_equal(theme_parse(&t, "[colors]\nheader = ;red, default\n", "c", &err), -1);
    assert_non_null(strstr(err.msg, "c:2:"));
    theme_release(&t);
}

static void test_parse_errors(void **state)
{
    static const struct {
        const char *text;
        const char *prefix;  /* NAME:LINE:COLUMN: */
        const char *detail;
    } cases[] = {
        { "[colors]\nnormal = default, default\nheadr = red, default\n", "bad.ini:3:1: ", "\"headr\"" },
        { "[colors]\nheader = purple, default\n", "bad.ini:2:10: ", "unknown colour \"purple\"" },
        { "[colors]\nheader = red, 256\n", "bad.ini:2:10: ", "unknown colour \"256\"" },
        { "[colors]\nheader = red, -1\n", "bad.ini:2:10: ", "unknown colour \"-1\"" },
        { "[colors]\nheader = red, default, bold blink\n", "bad.ini:2:10: ", "unknown attribute \"blink\"" },
        { "[colors]\nheader = red, default, none bold\n", "bad.ini:2:10: ", "\"none\"" },
        { "[colors]\nheader = red, default bold\n", "bad.ini:2:10: ", "unknown colour \"default bold\"" },
        { "[theme]\ndescription = x\n[colours]\nheader = red, default\n", "bad.ini:3:2: ",
          "unknown section [colours]" },
        { "[colors]\nheader red default\n", "bad.ini:2:1: ", "expected" },
        { "[colors]\nheader = red\n", "bad.ini:2:10: ", "expected" },
        { "[colors\nheader = red, default\n", "bad.ini:1:1: ", "\"]\"" },
        { "[colors] x\n", "bad.ini:1:10: ", "after" },
        { "[colors]\n = red, default\n", "bad.ini:2:2: ", "key is missing" },
        { "[colors]\nheader = \"red, default\n", "bad.ini:2:10: ", "quote" },
        { "header = red, default\n[colors]\n", "bad.ini:1:1: ", "before any section" },
        { "[theme]\nname = x\n", "bad.ini:2:1: ", "unknown key \"name\"" },
        { "[colors]\nheader = red, default\n\nheader = blue, default\n", "bad.ini:4:1: ", "twice" },
        { "; c\r\n\r\n[colors]\r\nlist_selectd = default, default, reverse\r\n", "bad.ini:4:1: ",
          "\"list_selectd\"" },
        /* columns count characters, not bytes */
        { "[col\xc3\xb6rs] x\n", "bad.ini:1:10: ", "after" },
    };
    (void)state;
    for (size_t i = 0; i < CC_ARRAY_LEN(cases); i++) {
        struct theme t;
        struct cc_err err;
        err.msg[0] = '\0';
        if (theme_parse(&t, cases[i].text, "bad.ini", &err) != -1)
            fail_msg("case %zu parsed", i);
        if (strncmp(err.msg, cases[i].prefix, strlen(cases[i].prefix)) != 0 ||
            !strstr(err.msg, cases[i].detail))
            fail_msg("case %zu: \"%s\"", i, err.msg);
        /* t is left as the built-in default */
        assert_string_equal(t.name, "default");
        assert_builtin_slots(&t);
        theme_release(&t);
    }
}

struct env_save {
    char *xdg, *home;
};

static void env_save(struct env_save *e)
{
    const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");
    e->xdg = x ? strdup(x) : NULL;
    e->home = h ? strdup(h) : NULL;
}

static void env_restore(struct env_save *e)
{
    if (e->xdg)
        setenv("XDG_CONFIG_HOME", e->xdg, 1);
    else
        unsetenv("XDG_CONFIG_HOME");
    if (e->home)
        setenv("HOME", e->home, 1);
    else
        unsetenv("HOME");
    free(e->xdg);
    free(e->home);
}

static char *make_theme_dir(const char *base, const char *sub)
{
    char *a = malloc(strlen(base) + strlen(sub) + 32), *p;
    assert_non_null(a);
    sprintf(a, "%s/%s", base, sub);
    for (p = a + strlen(base) + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(a, 0700);
            *p = '/';
        }
    }
    mkdir(a, 0700);
    return a;
}

static void write_theme(const char *dir, const char *file, const char *text)
{
    char *path = malloc(strlen(dir) + strlen(file) + 2);
    assert_non_null(path);
    sprintf(path, "%s/%s", dir, file);
    tu_write(path, text);
    free(path);
}

static void test_load(void **state)
{
    struct env_save saved;
    char *tmp = tu_tempdir(), *dir;
    struct theme t;
    struct cc_err err;
    (void)state;
    env_save(&saved);
    setenv("XDG_CONFIG_HOME", tmp, 1);
    dir = make_theme_dir(tmp, "coopcheck/themes");

    /* the user's mono.ini comes before the shipped one */
    write_theme(dir, "mono.ini", "[colors]\nheader = red, green, italic\n");
    assert_int_equal(theme_load(&t, "mono", &err), 0);
    assert_string_equal(t.name, "mono");
    assert_style(&t, TS_HEADER, RED, GREEN, THEME_ITALIC);
    theme_release(&t);

    /* no user file: the shipped one (system data dir or build tree) */
    assert_int_equal(theme_load(&t, "high-contrast", &err), 0);
    assert_string_equal(t.name, "high-contrast");
    assert_int_equal(t.slot[TS_NORMAL].bg, BLACK);
    assert_true(t.slot[TS_FOCUS].attrs & THEME_REVERSE);
    theme_release(&t);
    assert_int_equal(theme_load(&t, "default", &err), 0);
    assert_builtin_slots(&t);
    theme_release(&t);

    /* a broken user theme: an error naming its path and line */
    write_theme(dir, "broken.ini", "[colors]\n\nfocus = default, default, blinking\n");
    assert_int_equal(theme_load(&t, "broken", &err), -1);
    assert_non_null(strstr(err.msg, "/coopcheck/themes/broken.ini:3:9: "));
    assert_non_null(strstr(err.msg, "\"blinking\""));
    assert_builtin_slots(&t);
    theme_release(&t);

    /* names that could leave the theme directories, or are not names */
    /* what "../etc" would reach from the user's theme directory */
    {
        char *up = make_theme_dir(tmp, "coopcheck");
        write_theme(up, "etc.ini", "[colors]\nheader = red, green\n");
        free(up);
    }
    {
        static const char *const bad[] = { "../etc", "..", "", "a/b", "Mono", "mono.ini",
                                           "mono ", "/etc/passwd" };
        for (size_t i = 0; i < CC_ARRAY_LEN(bad); i++) {
            err.msg[0] = '\0';
            assert_int_equal(theme_load(&t, bad[i], &err), -1);
            assert_non_null(strstr(err.msg, "invalid theme name"));
            assert_string_equal(t.name, "default");
            assert_builtin_slots(&t);
            theme_release(&t);
        }
    }

    /* not found anywhere */
    assert_int_equal(theme_load(&t, "no-such-theme", &err), -1);
    assert_non_null(strstr(err.msg, "\"no-such-theme\" not found"));
    assert_non_null(strstr(err.msg, tmp));
    assert_builtin_slots(&t);
    theme_release(&t);

    /* without XDG_CONFIG_HOME: ~/.config/coopcheck/themes */
    unsetenv("XDG_CONFIG_HOME");
    setenv("HOME", tmp, 1);
    free(dir);
    dir = make_theme_dir(tmp, ".config/coopcheck/themes");
    write_theme(dir, "mine.ini", "[colors]\nborder = 33, default, dim\n");
    assert_int_equal(theme_load(&t, "mine", &err), 0);
    assert_style(&t, TS_BORDER, 33, DEF, THEME_DIM);
    theme_release(&t);

    env_restore(&saved);
    free(dir);
    tu_rmrf(tmp);
    free(tmp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slot_names),
        cmocka_unit_test(test_default_file),
        cmocka_unit_test(test_mono_file),
        cmocka_unit_test(test_high_contrast_file),
        cmocka_unit_test(test_builtin_is_default_file),
        cmocka_unit_test(test_parse_values),
        cmocka_unit_test(test_parse_comment_in_value),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
