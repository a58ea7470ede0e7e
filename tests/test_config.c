/* test_config.c — the user's configuration file (config.h): config_load on
 * temporary INI files, the defaults, the messages for bad files (file and
 * line named, every valid setting still applied), iniparser's pitfalls as
 * /work/shared/LIBRARIES.md lists them (CVE-2023-33461 on a key that is a
 * section name, ';' and '#' cutting unquoted values, error messages on
 * stderr, octal "08"), and the default path from XDG_CONFIG_HOME / HOME. */
#include "testutil.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "lang.h"

struct fx {
    char *tmp;
    char path[4200];   /* <tmp>/config.ini, written by each test */
    struct config cfg;
    struct cc_err err;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    f->tmp = tu_tempdir();
    snprintf(f->path, sizeof(f->path), "%s/config.ini", f->tmp);
    config_init(&f->cfg);
    memset(&f->err, 0, sizeof(f->err));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    config_release(&f->cfg);
    tu_rmrf(f->tmp);
    free(f->tmp);
    free(f);
    return 0;
}

/* Writes text as the config file and loads it into a fresh f->cfg. */
static int load(struct fx *f, const char *text)
{
    tu_write(f->path, text);
    config_release(&f->cfg);
    memset(&f->err, 0, sizeof(f->err));
    return config_load(&f->cfg, f->path, &f->err);
}

static void expect_msg_(const struct fx *f, const char *needle, const char *file, int line)
{
    if (!strstr(f->err.msg, needle)) {
        print_error("the message \"%s\" does not contain \"%s\"\n", f->err.msg, needle);
        _fail(file, line);
    }
}
#define EXPECT_MSG(f, s) expect_msg_((f), (s), __FILE__, __LINE__)

/* "PATH:LINE:" for the current file. */
static const char *at_line(const struct fx *f, int line)
{
    static char buf[4300];
    snprintf(buf, sizeof(buf), "%s:%d:", f->path, line);
    return buf;
}

static void expect_defaults(const struct config *cfg)
{
    assert_int_equal(cfg->lang, -1);
    assert_null(cfg->theme);
    assert_null(cfg->data_dir);
    assert_null(cfg->editor);
    assert_int_equal(cfg->interval_months, 12);
}

/* ---- what is read ---------------------------------------------------------- */

static void test_init_defaults(void **state)
{
    struct fx *f = *state;
    expect_defaults(&f->cfg);
    assert_null(f->cfg.path);
}

static void test_all_settings(void **state)
{
    struct fx *f = *state;
    assert_int_equal(load(f, "; coopcheck settings\n"
                             "[general]\n"
                             "language = de\n"
                             "theme = solarized-dark\n"
                             "data = /srv/coopcheck\n"
                             "editor = vim -n\n"
                             "interval_months = 6\n"), 0);
    assert_int_equal(f->cfg.lang, LANG_DE);
    assert_string_equal(f->cfg.theme, "solarized-dark");
    assert_string_equal(f->cfg.data_dir, "/srv/coopcheck");
    assert_string_equal(f->cfg.editor, "vim -n");
    assert_int_equal(f->cfg.interval_months, 6);
    assert_string_equal(f->cfg.path, f->path);

    /* English, with spacing, comments, and upper-case names (iniparser lowers them) */
    assert_int_equal(load(f, "# comment\n\n[GENERAL]\n   Language=en   \nINTERVAL_MONTHS = 120\n"), 0);
    assert_int_equal(f->cfg.lang, LANG_EN);
    assert_int_equal(f->cfg.interval_months, 120);
    assert_null(f->cfg.theme);
}

static void test_interval_bounds_and_decimal(void **state)
{
    struct fx *f = *state;
    assert_int_equal(load(f, "[general]\ninterval_months = 1\n"), 0);
    assert_int_equal(f->cfg.interval_months, 1);
    /* read as decimal: iniparser_getint would read "08" as octal (0) */
    assert_int_equal(load(f, "[general]\ninterval_months = 08\n"), 0);
    assert_int_equal(f->cfg.interval_months, 8);
    /* quoted values are fine too */
    assert_int_equal(load(f, "[general]\ninterval_months = \"24\"\nlanguage = 'de'\n"), 0);
    assert_int_equal(f->cfg.interval_months, 24);
    assert_int_equal(f->cfg.lang, LANG_DE);
}

static void test_missing_file_is_fine(void **state)
{
    struct fx *f = *state;
    char missing[4300];
    snprintf(missing, sizeof(missing), "%s/no/such/config.ini", f->tmp);
    assert_int_equal(config_load(&f->cfg, missing, &f->err), 0);
    expect_defaults(&f->cfg);
    assert_null(f->cfg.path);
}

static void test_empty_file_and_empty_section(void **state)
{
    struct fx *f = *state;
    assert_int_equal(load(f, ""), 0);
    expect_defaults(&f->cfg);
    assert_int_equal(load(f, "[general]\n"), 0);
    expect_defaults(&f->cfg);
    /* an empty value means "not set" */
    assert_int_equal(load(f, "[general]\ntheme =\ndata =\neditor = \n"), 0);
    expect_defaults(&f->cfg);
}

/* ---- unknown keys and bad values -------------------------------------------- */

static void test_unknown_key(void **state)
{
    struct fx *f = *state;
    assert_int_equal(load(f, "[general]\n"
                             "language = de\n"
                             "colour = red\n"
                             "interval_months = 24\n"), -1);
    EXPECT_MSG(f, at_line(f, 3));
    EXPECT_MSG(f, "colour");
    EXPECT_MSG(f, "interval_months");   /* the message names the known ones */
    /* the valid settings before and after it still apply */
    assert_int_equal(f->cfg.lang, LANG_DE);
    assert_int_equal(f->cfg.interval_months, 24);
}

/* A key bound to two actions of one screen: the line that did it, both
 * names, and the other bindings still apply. */
/* A long section name still gets its line in the message. */
static void test_long_section_name(void **state)
{
    struct fx *f = *state;
    char text[400];
    char name[201];
    memset(name, 's', 200);
    name[200] = '\0';
    snprintf(text, sizeof(text), "[general]\nlanguage = de\n[%s]\ncolour = red\n", name);
    assert_int_equal(load(f, text), -1);
    EXPECT_MSG(f, at_line(f, 4));
}

static void test_key_bound_twice(void **state)
{
    struct fx *f = *state;
    assert_int_equal(load(f, "[keys]\n"
                             "quit = q, C-q\n"
                             "down = x, Down\n"), -1);
    EXPECT_MSG(f, at_line(f, 3));
    EXPECT_MSG(f, "key x is bound to both discard and down");
    EXPECT_MSG(f, "bind one of them to another key");
    assert_int_equal(f->cfg.keys.keys[ACT_QUIT][1], KEYC_CTRL('q'));
    /* the same key on different screens is fine */
    assert_int_equal(load(f, "[keys]\nnew = y\n"), 0);
}

static void test_unknown_key_in_other_section(void **state)
{
    struct fx *f = *state;
    assert_int_equal(load(f, "[general]\n"
                             "theme = dark\n"
                             "\n"
                             "[display]\n"
                             "theme = light\n"), -1);
    EXPECT_MSG(f, at_line(f, 5));
    EXPECT_MSG(f, "display:theme");
    assert_string_equal(f->cfg.theme, "dark");
}

/* iniparser 4.1 files a key that comes before any "[section]" line under
 * ":key", which is in no section.  Regression (fixed in ade9766): config_load
 * looked at the keys of sections only, so a user who left out the
 * "[general]" line got the defaults without a word (config_load returned 0). */
static void test_key_outside_any_section_is_reported(void **state)
{
    struct fx *f = *state;
    int rc = load(f, "language = de\ninterval_months = 6\n");
    if (rc == 0) {
        /* acceptable only if the settings were taken as [general] */
        if (f->cfg.lang != LANG_DE || f->cfg.interval_months != 6)
            fail_msg("config_load returned 0 but ignored the settings before any section "
                     "(lang %d, interval_months %d)", f->cfg.lang, f->cfg.interval_months);
    } else {
        EXPECT_MSG(f, at_line(f, 1));
        EXPECT_MSG(f, "language");
    }
}

static void test_bad_language(void **state)
{
    struct fx *f = *state;
    static const char *const bad[] = { "fr", "de_DE", "deutsch", "1", "e" };
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        char text[200];
        snprintf(text, sizeof(text), "[general]\ntheme = dark\nlanguage = %s\ninterval_months = 3\n",
                 bad[i]);
        assert_int_equal(load(f, text), -1);
        EXPECT_MSG(f, at_line(f, 3));
        EXPECT_MSG(f, "language must be \"de\" or \"en\"");
        EXPECT_MSG(f, bad[i]);
        assert_int_equal(f->cfg.lang, -1);
        assert_string_equal(f->cfg.theme, "dark");
        assert_int_equal(f->cfg.interval_months, 3);
    }
}

static void test_bad_interval(void **state)
{
    struct fx *f = *state;
    static const char *const bad[] = { "0", "121", "12x", "-3", "0x10", "1e1", "99999999999999999999",
                                       "twelve" };
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        char text[200], want[100];
        snprintf(text, sizeof(text), "[general]\nlanguage = en\n\ninterval_months = %s\n", bad[i]);
        assert_int_equal(load(f, text), -1);
        EXPECT_MSG(f, at_line(f, 4));
        EXPECT_MSG(f, "interval_months must be a number of months from 1 to 120");
        snprintf(want, sizeof(want), "\"%s\"", bad[i]);
        EXPECT_MSG(f, want);
        assert_int_equal(f->cfg.interval_months, 12);
        assert_int_equal(f->cfg.lang, LANG_EN);
    }
}

static void test_bad_data_dir(void **state)
{
    struct fx *f = *state;
    assert_int_equal(load(f, "[general]\ndata = relative/path\neditor = nano\n"), -1);
    EXPECT_MSG(f, at_line(f, 2));
    EXPECT_MSG(f, "absolute path");
    EXPECT_MSG(f, "relative/path");
    assert_null(f->cfg.data_dir);
    assert_string_equal(f->cfg.editor, "nano");
    assert_int_equal(load(f, "[general]\ndata = ~/coopcheck\n"), -1);
    assert_null(f->cfg.data_dir);
}

/* The line named is the one that holds the bad value.  Regression (fixed in
 * ade9766): line_of did not recognise "[ general ]" (iniparser strips the
 * blanks inside the brackets), so the message said "FILE:0:". */
static void test_line_number_with_blanks_in_section_header(void **state)
{
    struct fx *f = *state;
    assert_int_equal(load(f, "[ general ]\nlanguage = fr\n"), -1);
    EXPECT_MSG(f, at_line(f, 2));
    /* upper case is found (iniparser lowers the names) */
    assert_int_equal(load(f, "[General]\n\nLanguage = fr\n"), -1);
    EXPECT_MSG(f, at_line(f, 3));
}

/* A key given twice: iniparser keeps the last value, so the message must name
 * the last line.  Regression (fixed in ade9766): it named the first, which
 * held a good value. */
static void test_line_number_of_repeated_key(void **state)
{
    struct fx *f = *state;
    assert_int_equal(load(f, "[general]\nlanguage = de\nlanguage = fr\n"), -1);
    EXPECT_MSG(f, "\"fr\"");
    EXPECT_MSG(f, at_line(f, 3));
}

static void test_first_problem_is_reported(void **state)
{
    struct fx *f = *state;
    assert_int_equal(load(f, "[general]\nlanguage = fr\ninterval_months = 0\n"), -1);
    EXPECT_MSG(f, at_line(f, 2));
    assert_null(strstr(f->err.msg, "interval_months"));
    /* the others are counted, so that the user knows the file is not done */
    EXPECT_MSG(f, "(and one more problem in the file; the other settings are used)");
    assert_int_equal(load(f, "[general]\nlanguage = fr\ninterval_months = 0\n"
                             "colour = red\n[keys]\nup = x\ndown = x\n"), -1);
    EXPECT_MSG(f, at_line(f, 2));
    EXPECT_MSG(f, "(and 3 more problems in the file; the other settings are used)");
    assert_int_equal(load(f, "[general]\nlanguage = fr\n"), -1);
    EXPECT_MSG(f, "\"fr\" (the other settings are used)");
}

/* FILE:LINE:COLUMN: a bad value's column, or the key's where the key is what
 * is wrong (counted in characters, after blanks and UTF-8 text) */
static void test_problem_column(void **state)
{
    struct fx *f = *state;
    assert_int_equal(load(f, "[general]\n  language =   fr \n"), -1);
    EXPECT_MSG(f, at_line(f, 2));
    EXPECT_MSG(f, ":2:16: language must be");
    assert_int_equal(load(f, "[general]\n; \xc3\xa4\xc3\xb6\n\tcolour = red\n"), -1);
    EXPECT_MSG(f, ":3:2: unknown setting");
    assert_int_equal(load(f, "language = de\n"), -1);
    EXPECT_MSG(f, ":1:1: \"language\" stands before any section");
    assert_int_equal(load(f, "[keys]\nup = x\ndown = Down, x\n"), -1);
    EXPECT_MSG(f, ":3:8: key x is bound to both up and down");
    assert_int_equal(load(f, "[general]\ninterval_months = \xe2\x80\x94\n"), -1);
    EXPECT_MSG(f, ":2:19: interval_months must be");
    /* a list's name is its key, its address the value */
    assert_int_equal(load(f, "[lists]\nmy_list = https://example.org/x.csv\n"), -1);
    EXPECT_MSG(f, ":2:1: \"my_list\" cannot name a list");
    assert_int_equal(load(f, "[lists]\nmine = ftp://example.org/x.csv\n"), -1);
    EXPECT_MSG(f, ":2:8: the address of list \"mine\" must start with https://");
}

/* ---- iniparser's pitfalls ----------------------------------------------------- */

/* CVE-2023-33461: iniparser 4.1's numeric getters crash on a key that is a
 * section name.  The wrapper reads strings only; none of these may crash. */
static void test_section_name_as_key_does_not_crash(void **state)
{
    struct fx *f = *state;
    load(f, "[general]\ninterval_months = 6\n[interval_months]\n");
    assert_int_equal(f->cfg.interval_months, 6);
    assert_int_equal(f->cfg.lang, -1);

    load(f, "[interval_months]\n[language]\n[general]\n");
    expect_defaults(&f->cfg);

    load(f, "[general]\nlanguage = en\n[language]\n[general:interval_months]\n");
    assert_int_equal(f->cfg.lang, LANG_EN);
    assert_int_equal(f->cfg.interval_months, 12);

    /* "[general:language]" makes "general:language" a section entry without a
     * value: refused as a bad value, never dereferenced */
    assert_int_equal(load(f, "[general]\n[general:language]\n"), -1);
    assert_int_equal(f->cfg.lang, -1);
    EXPECT_MSG(f, "language");
}

static void test_syntax_error(void **state)
{
    struct fx *f = *state;
    char *text;
    assert_int_equal(load(f, "[general]\nlanguage = de\ngarbage line\n"), -1);
    EXPECT_MSG(f, at_line(f, 3));
    EXPECT_MSG(f, ":3:1: cannot be read as an INI file: \"garbage line\" is neither "
                  "'key = value' nor '[section]' nor a comment");
    /* the whole file is refused: nothing of it is applied, and it says so
     * (not "the other settings are used") */
    expect_defaults(&f->cfg);
    EXPECT_MSG(f, "(none of its settings are used until it is fixed)");
    assert_null(strstr(f->err.msg, "other settings"));
    assert_null(strstr(f->err.msg, "iniparser"));   /* the path once, in our words */
    assert_null(strstr(f->err.msg, "\n"));

    assert_int_equal(load(f, "[general\nlanguage = de\n"), -1);
    EXPECT_MSG(f, ":1:1: cannot be read as an INI file: \"[general\"");

    /* a long bad line is shown cut, the message stays one line */
    text = malloc(1000);
    assert_non_null(text);
    snprintf(text, 1000, "[general]\n%0900d\n", 7);
    assert_int_equal(load(f, text), -1);
    EXPECT_MSG(f, at_line(f, 2));
    assert_true(strlen(f->err.msg) < strlen(f->path) + 300);
    free(text);
}

/* iniparser prints its errors on stderr unless told otherwise, which would
 * land on a curses screen: config_load must keep them in the message. */
static void test_syntax_error_prints_nothing(void **state)
{
    struct fx *f = *state;
    char errpath[4300];
    int saved, fd, rc;
    char *captured;
    snprintf(errpath, sizeof(errpath), "%s/stderr.txt", f->tmp);
    fflush(stderr);
    saved = dup(2);
    assert_true(saved >= 0);
    fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    dup2(fd, 2);
    close(fd);
    rc = load(f, "[general]\ngarbage line\n");
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    assert_int_equal(rc, -1);
    captured = tu_read(errpath, NULL);
    assert_non_null(captured);
    assert_string_equal(captured, "");
    free(captured);
    EXPECT_MSG(f, "garbage line");
}

static void test_line_too_long(void **state)
{
    struct fx *f = *state;
    size_t n = 1100;
    char *text = malloc(n + 40);
    assert_non_null(text);
    strcpy(text, "[general]\ntheme = ");
    memset(text + strlen(text), 'x', n);
    strcpy(text + strlen("[general]\ntheme = ") + n, "\n");
    assert_int_equal(load(f, text), -1);
    EXPECT_MSG(f, at_line(f, 2));
    EXPECT_MSG(f, ":2:1: the line is over 1024 bytes");
    EXPECT_MSG(f, "(none of its settings are used until it is fixed)");
    assert_null(f->cfg.theme);
    free(text);
}

static void test_file_too_big(void **state)
{
    struct fx *f = *state;
    size_t n = (1u << 20) + 100;
    char *text = malloc(n + 1);
    assert_non_null(text);
    memset(text, '\n', n);   /* empty lines only, but too many of them */
    memcpy(text, "[general]\n", 10);
    text[n] = '\0';
    assert_int_equal(load(f, text), -1);
    EXPECT_MSG(f, f->path);
    expect_defaults(&f->cfg);
    free(text);
}

static void test_directory_instead_of_file(void **state)
{
    struct fx *f = *state;
    assert_int_equal(config_load(&f->cfg, f->tmp, &f->err), -1);
    EXPECT_MSG(f, f->tmp);
    expect_defaults(&f->cfg);
}

/* LIBRARIES.md: an unquoted value ends at ';' or '#' (the rest is a comment);
 * a quoted one keeps them. */
static void test_semicolon_and_hash_cut_unquoted_values(void **state)
{
    struct fx *f = *state;
    assert_int_equal(load(f, "[general]\n"
                             "editor = vim ; the editor for long answers\n"
                             "interval_months = 6 # half a year\n"
                             "theme = \"dark;high-contrast\"\n"), 0);
    assert_string_equal(f->cfg.editor, "vim");
    assert_int_equal(f->cfg.interval_months, 6);
    assert_string_equal(f->cfg.theme, "dark;high-contrast");
}

/* ---- loading twice, release, default path ------------------------------------- */

static void test_second_load_overrides_and_release_resets(void **state)
{
    struct fx *f = *state;
    char other[4300];
    assert_int_equal(load(f, "[general]\ntheme = dark\neditor = vim\n"), 0);
    snprintf(other, sizeof(other), "%s/other.ini", f->tmp);
    tu_write(other, "[general]\ntheme = light\n");
    assert_int_equal(config_load(&f->cfg, other, &f->err), 0);   /* on top: no leak (ASan) */
    assert_string_equal(f->cfg.theme, "light");
    assert_string_equal(f->cfg.editor, "vim");
    assert_string_equal(f->cfg.path, other);
    config_release(&f->cfg);
    expect_defaults(&f->cfg);
    assert_null(f->cfg.path);
}

struct saved_env {
    char *xdg, *home;
};
static void save_env(struct saved_env *s)
{
    const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");
    s->xdg = x ? strdup(x) : NULL;
    s->home = h ? strdup(h) : NULL;
}
static void restore_env(struct saved_env *s)
{
    if (s->xdg)
        setenv("XDG_CONFIG_HOME", s->xdg, 1);
    else
        unsetenv("XDG_CONFIG_HOME");
    if (s->home)
        setenv("HOME", s->home, 1);
    else
        unsetenv("HOME");
    free(s->xdg);
    free(s->home);
}

static void test_default_path(void **state)
{
    struct saved_env s;
    char *p;
    (void)state;
    save_env(&s);
    setenv("XDG_CONFIG_HOME", "/xdg/conf", 1);
    setenv("HOME", "/home/someone", 1);
    p = config_default_path();
    assert_string_equal(p, "/xdg/conf/coopcheck/config.ini");
    free(p);
    /* a relative XDG_CONFIG_HOME is ignored, as the XDG spec says */
    setenv("XDG_CONFIG_HOME", "relative", 1);
    p = config_default_path();
    assert_string_equal(p, "/home/someone/.config/coopcheck/config.ini");
    free(p);
    unsetenv("XDG_CONFIG_HOME");
    p = config_default_path();
    assert_string_equal(p, "/home/someone/.config/coopcheck/config.ini");
    free(p);
    unsetenv("HOME");
    assert_null(config_default_path());
    restore_env(&s);
}

static void test_load_default(void **state)
{
    struct fx *f = *state;
    struct saved_env s;
    char dir[4300], file[4400];
    save_env(&s);
    snprintf(dir, sizeof(dir), "%s/coopcheck", f->tmp);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(file, sizeof(file), "%s/config.ini", dir);
    tu_write(file, "[general]\nlanguage = de\ninterval_months = 18\n");
    setenv("XDG_CONFIG_HOME", f->tmp, 1);
    config_release(&f->cfg);
    assert_int_equal(config_load_default(&f->cfg, &f->err), 0);
    assert_int_equal(f->cfg.lang, LANG_DE);
    assert_int_equal(f->cfg.interval_months, 18);
    assert_string_equal(f->cfg.path, file);
    config_release(&f->cfg);
    /* no HOME and no XDG_CONFIG_HOME: the defaults, no error */
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("HOME");
    assert_int_equal(config_load_default(&f->cfg, &f->err), 0);
    expect_defaults(&f->cfg);
    restore_env(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_init_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_all_settings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interval_bounds_and_decimal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file_is_fine, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_file_and_empty_section, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_key_bound_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_section_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_key_in_other_section, setup, teardown),
        cmocka_unit_test_setup_teardown(test_key_outside_any_section_is_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_language, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_interval, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_data_dir, setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_number_with_blanks_in_section_header, setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_number_of_repeated_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_first_problem_is_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_problem_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_section_name_as_key_does_not_crash, setup, teardown),
        cmocka_unit_test_setup_teardown(test_syntax_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_syntax_error_prints_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_too_long, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_too_big, setup, teardown),
        cmocka_unit_test_setup_teardown(test_directory_instead_of_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_semicolon_and_hash_cut_unquoted_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_load_overrides_and_release_resets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_default_path, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_default, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
