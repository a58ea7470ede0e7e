/* test_cli.c — the command line, driven through the built binary.
 *
 * Every test runs $COOPCHECK_BIN (tu_bin()) in its own temporary directory:
 * COOPCHECK_DATA=<tmp>/data (created by the program), XDG_CONFIG_HOME=<tmp>/cfg
 * and HOME=<tmp> so that the user's configuration, catalogues and data never
 * interfere, a fixed clock (COOPCHECK_NOW=2026-11-27T03:45:21Z), LANG=C.UTF-8
 * with LC_ALL/LC_MESSAGES removed (English unless --lang says otherwise) and
 * COLUMNS removed (80 columns, output goes to a pipe).
 *
 * Each test checks exact exit statuses (cli.h: 0 ok, 2 usage, 3 not found,
 * 4 invalid data, 5 conflict) and the key parts of stdout and stderr, and that
 * every refused command left the files on disk byte-identical. */
#include "cliassess.h"
#include "clitest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "catalog.h"
#include "model.h"

/* ---- fixture (tests/support/clitest.h) --------------------------------------- */

static int setup(void **state)
{
    return cx_setup(state, NULL);
}

static int teardown(void **state)
{
    return cx_teardown(state);
}

/* ---- helpers -------------------------------------------------------------- */

static void write_bytes(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* Creates cooperation id (title T) and checks it worked. */
static void new_coop(struct cx *c, const char *id)
{
    struct tu_run r;
    RUN(c, &r, NULL, "new", id, "--title", "Materials informatics", "--partner",
        "Harbin Institute of Technology", "--interval", "12");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
}

static void set_ok(struct cx *c, const char *id, const char *q, const char *f, const char *v)
{
    struct tu_run r;
    RUN(c, &r, NULL, "set", id, q, f, v);
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.out, "");
    run_free(&r);
}

/* The stored value of answers.<q>.fields.<f>.value per 'show ID --json'; NULL
 * when the field is not in the file (unanswered).  Caller frees. */
static char *answer_of(struct cx *c, const char *id, const char *q, const char *f)
{
    struct tu_run r;
    cJSON *root;
    const cJSON *v;
    char *res = NULL;
    RUN(c, &r, NULL, "show", id, "--json");
    EXPECT_STATUS(&r, 0);
    root = PARSE_JSON(r.out);
    v = jget(jget(jget(jget(root, "answers"), q), "fields"), f);
    if (v) {
        const char *s = jstr(v, "value");
        assert_non_null(s);
        res = strdup(s);
        assert_non_null(res);
        assert_string_equal(jstr(v, "at"), NOW);
    }
    cJSON_Delete(root);
    run_free(&r);
    return res;
}

static void expect_answer_(struct cx *c, const char *id, const char *q, const char *f,
                           const char *want, const char *file, int line)
{
    char *got = answer_of(c, id, q, f);
    if (want ? !got || strcmp(got, want) != 0 : got != NULL) {
        char *g = printable(got ? got : "(unset)"), *w = printable(want ? want : "(unset)");
        print_error("%s.%s is \"%s\", expected \"%s\"\n", q, f, g, w);
        free(g);
        free(w);
        free(got);
        _fail(file, line);
    }
    free(got);
}
#define EXPECT_ANSWER(c, id, q, f, want) expect_answer_((c), (id), (q), (f), (want), __FILE__, __LINE__)

/* 1 when err has "PATH:LINE:COL:" with numbers > 0; line and col receive them. */
static int names_position(const char *err, const char *path, int *line, int *col)
{
    const char *p = err;
    while ((p = strstr(p, path)) != NULL) {
        int n = 0;
        p += strlen(path);
        if (sscanf(p, ":%d:%d:%n", line, col, &n) == 2 && n > 0 && *line > 0 && *col > 0)
            return 1;
    }
    return 0;
}

static int has_byte(const char *s, char b)
{
    return strchr(s, b) != NULL;
}

/* ---- --help, --version, usage errors ------------------------------------- */

static void test_help_option(void **state)
{
    struct cx *c = *state;
    struct tu_run r, h;
    static const char *const cmds[] = {
        "open [ID [QUESTION]]", "new ID", "list [--all] [--json]", "show ID",
        "set ID QUESTION FIELD VALUE", "--followup on|off", "--note TEXT",
        "snapshot ID -m NOTE [--interim]", "snapshots ID", "help [QUESTION|about]",
        "catalog list | show [ID] | validate FILE", "edit ID [--title T]", "--add-partner P",
        "--remove-partner NAME", "--catalog ID|FILE [--force]", "rename OLD NEW", "archive ID",
        "unarchive ID", "delete ID --yes", "due [--all]", "[--snapshot NAME | --working]",
        "\"Name; alias; alias\"",
    };
    static const char *const statuses[] = {
        "0  success", "1  ", "2  the command line is wrong", "3  no such cooperation",
        "4  a file or value is invalid", "5  conflict", "6  the system refused",
    };
    RUN(c, &r, NULL, "--help");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.err, "");
    OUT_HAS(&r, "usage: coopcheck");
    for (size_t i = 0; i < sizeof(cmds) / sizeof(*cmds); i++)
        OUT_HAS(&r, cmds[i]);
    OUT_HAS(&r, "Exit status:");
    for (size_t i = 0; i < sizeof(statuses) / sizeof(*statuses); i++)
        OUT_HAS(&r, statuses[i]);
    OUT_HAS(&r, "--lang de|en");
    OUT_HAS(&r, "--data DIR");
    RUN(c, &h, NULL, "-h");
    EXPECT_STATUS(&h, 0);
    assert_string_equal(h.out, r.out);
    run_free(&h);
    /* --help wins over what follows, and nothing is created */
    RUN(c, &h, NULL, "--help", "new", "abc");
    EXPECT_STATUS(&h, 0);
    assert_string_equal(h.out, r.out);
    assert_int_equal(tu_mode(c->data), -1);
    run_free(&h);
    run_free(&r);
}

/* show wraps the rows of its head (a long title, partners, a rationale, a
 * note, the open questions) under the value's start, as it wraps the
 * questions; measure list, lists and catalog list wrap theirs alike: no row
 * is wider than the terminal, in either language. */
static void test_rows_fit_80(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    const char *why = "High: the partner is one of the Seven Sons of National Defence and the "
                      "lab's sensors have obvious military uses; see the export control office's "
                      "note of 2026-11-02.";
    OK(c, "new", "wide", "--title", "Quantum sensing for navigation without satellites, with "
       "the Harbin Institute of Technology and two of its sub-institutes", "--partner",
       "Harbin Institute of Technology; HIT; 哈尔滨工业大学; School of Instrumentation Science "
       "and Engineering; Space Control and Inertial Technology Research Center",
       "--pi", "Prof. Dr. A. Beispiel-Mustermann, Institute of Applied Physics");
    OK(c, "rate", "wide", "overall", "high", "--why", why);
    OK(c, "snapshot", "wide", "-m", "Interim state for the committee meeting of 2026-12-10, "
       "before the export control office has answered", "--interim");
    OK(c, "measure", "add", "wide", "Separate network segment for all data shared with the "
       "partner; no access from the partner to the institute's internal systems", "--owner",
       "IT security (Dr. A. Muster)", "--due", "2027-01-31", "--addresses", "17", "--effect",
       "Lowers the risk of data leaking through the shared infrastructure to low");
    for (int de = 0; de < 2; de++) {
        static const char *const cmds[][3] = {
            { "measure", "list", "wide" }, { "lists", NULL, NULL }, { "catalog", "list", NULL },
            { "help", NULL, NULL }, { "help", "9", NULL }, { "help", "about", NULL },
            { "snapshots", "wide", NULL }, { "diff", "wide", NULL },
        };
        for (size_t k = 0; k < CC_ARRAY_LEN(cmds); k++) {
            const char *argv[6] = { "--lang", de ? "de" : "en", cmds[k][0], cmds[k][1],
                                    cmds[k][2], NULL };
            run_v(c, &r, NULL, NULL, argv);
            EXPECT_STATUS(&r, strcmp(cmds[k][0], "diff") == 0 ? 1 : 0);
            ROWS_FIT_80(r.out, cmds[k][0]);
            run_free(&r);
        }
        RUN(c, &r, NULL, "--lang", de ? "de" : "en", "measure", "list", "wide");
        OUT_HAS(&r, de ? "\n    Wirkung: Lowers the risk of data leaking through the shared "
                         "infrastructure\n    to low\n"
                       : "\n    effect: Lowers the risk of data leaking through the shared "
                         "infrastructure to\n    low\n");
        run_free(&r);
        RUN(c, &r, NULL, "--lang", de ? "de" : "en", "show", "wide");
        EXPECT_STATUS(&r, 0);
        ROWS_FIT_80(r.out, de ? "--lang de show" : "show");
        /* the rationale whole, its further rows under its start */
        OUT_HAS(&r, de ? "\n                 and the lab's sensors have obvious military uses; "
                         "see the\n                 export control"
                       : "\n             the lab's sensors have obvious military uses; see the "
                         "export\n             control office's");
        run_free(&r);
    }
}

/* coopcheck CMD --help: that command's forms (wrapped at 79 columns, the
 * further rows under its arguments), what it does and where the rest is;
 * in German with --lang de; nothing is created.  The general help wraps the
 * same way, and no row of either is wider than 80 columns in either
 * language. */
static void test_command_help(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    RUN(c, &r, NULL, "new", "--help");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.err, "");
    assert_int_equal(strncmp(r.out, "usage: coopcheck new ID [--title T]", 35), 0);
    OUT_HAS(&r, "\n                     [--country C] [--pi NAME] [--start YYYY-MM-DD]\n");
    OUT_HAS(&r, "\ncreate a cooperation and its first assessment\n");
    OUT_HAS(&r, "--data DIR");
    assert_null(strstr(r.out, "Commands:"));   /* not the general help */
    assert_int_equal(tu_mode(c->data), -1);
    ROWS_FIT_80(r.out, "new --help");
    run_free(&r);

    RUN(c, &r, NULL, "set", "-h");
    EXPECT_STATUS(&r, 0);
    assert_int_equal(strncmp(r.out, "usage: coopcheck set ID QUESTION FIELD VALUE", 44), 0);
    OUT_HAS(&r, "\n       coopcheck set ID QUESTION --followup on|off\n");
    run_free(&r);

    RUN(c, &r, NULL, "--lang", "de", "approve", "--help");
    EXPECT_STATUS(&r, 0);
    assert_int_equal(strncmp(r.out, "Aufruf: coopcheck approve ID [SNAPSHOT]", 39), 0);
    OUT_HAS(&r, "Jeder Befehl versteht auch --data DIR");
    ROWS_FIT_80(r.out, "--lang de approve --help");
    run_free(&r);

    RUN(c, &r, NULL, "--help");
    OUT_HAS(&r, "\n      coopcheck new ID [--title T]");
    OUT_HAS(&r, "\n                    [--country C] [--pi NAME] [--start YYYY-MM-DD]\n");
    OUT_HAS(&r, "\n  open  the interactive interface (also with no command); the line mode of\n"
                "    'interview'");
    assert_null(strstr(r.out, "coopcheck new     ["));
    ROWS_FIT_80(r.out, "--help");
    run_free(&r);
    RUN(c, &r, NULL, "--lang", "de", "--help");
    ROWS_FIT_80(r.out, "--lang de --help");
    run_free(&r);
}

static void test_version_option(void **state)
{
    struct cx *c = *state;
    struct tu_run r, v;
    int a, b, d, n = 0;
    RUN(c, &r, NULL, "--version");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.err, "");
    assert_int_equal(sscanf(r.out, "coopcheck %d.%d.%d\n%n", &a, &b, &d, &n), 3);
    assert_int_equal((size_t)n, strlen(r.out));   /* one line, nothing else */
    RUN(c, &v, NULL, "-V");
    EXPECT_STATUS(&v, 0);
    assert_string_equal(v.out, r.out);
    run_free(&v);
    run_free(&r);
}

static void test_unknown_command(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    RUN(c, &r, NULL, "frobnicate", "abc");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "unknown command 'frobnicate'");
    ERR_HAS(&r, "--help");
    assert_string_equal(r.out, "");
    assert_int_equal(tu_mode(c->data), -1);
    run_free(&r);
}

static void test_unknown_option(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    RUN(c, &r, NULL, "--frobnicate");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "unknown option '--frobnicate'");
    assert_string_equal(r.out, "");
    run_free(&r);

    RUN(c, &r, NULL, "list", "--frob");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "unknown option '--frob'");
    ERR_HAS(&r, "list");
    run_free(&r);

    RUN(c, &r, NULL, "show", "abc", "-z");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "'-z'");
    run_free(&r);

    /* a flag given a value */
    RUN(c, &r, NULL, "list", "--json=yes");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "--json");
    ERR_HAS(&r, "takes no value");
    run_free(&r);

    /* --lang applies to the errors about the options around it and to --help */
    RUN(c, &r, NULL, "--frob", "--lang", "de");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "unbekannte Option '--frob'");
    run_free(&r);
    RUN(c, &r, NULL, "--lang=de", "list", "--frob");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "unbekannte Option '--frob'");
    run_free(&r);
    RUN(c, &r, NULL, "--lang", "de", "--help");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Aufruf: coopcheck");
    run_free(&r);
    /* a bad value is still an error of its own */
    RUN(c, &r, NULL, "--lang", "fr", "list");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "\"fr\"");
    run_free(&r);
}

static void test_missing_arguments(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    static const struct {
        const char *args[4];
        const char *msg;
    } cases[] = {
        { { "new" }, "'coopcheck new' needs more arguments" },
        { { "show" }, "'coopcheck show' needs more arguments" },
        { { "set", "abc", "9" }, "'coopcheck set' needs more arguments" },
        { { "set", "abc", "9", "military_checked" }, "'coopcheck set' needs more arguments" },
        { { "snapshot" }, "'coopcheck snapshot' needs more arguments" },
        { { "snapshot", "abc" }, "a snapshot needs a note saying what it records: add -m NOTE" },
        { { "snapshot", "abc", "-m", " " }, "a snapshot needs a note" },
        { { "edit" }, "'coopcheck edit' needs more arguments" },
        { { "edit", "abc" }, "nothing to change: say what" },
        { { "rename", "abc" }, "'coopcheck rename' needs more arguments" },
        { { "archive" }, "'coopcheck archive' needs more arguments" },
        { { "unarchive" }, "'coopcheck unarchive' needs more arguments" },
        { { "delete" }, "'coopcheck delete' needs more arguments" },
        { { "set", "abc", "9", "--note" }, "option '--note' needs a value" },
        { { "snapshots" }, "'coopcheck snapshots' needs more arguments" },
        { { "catalog" }, "'coopcheck catalog' needs list, show [ID] or validate FILE" },
        { { "catalog", "validate" }, "'coopcheck catalog' takes list" },
        { { "--data" }, "option '--data' needs a value" },
        { { "show", "abc", "--snapshot" }, "option '--snapshot' needs a value" },
        { { "list", "extra" }, "too many arguments for 'coopcheck list': 'extra'" },
        { { "help", "9", "10" }, "too many arguments for 'coopcheck help': '10'" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        const char *argv[6] = { tu_bin() };
        size_t n = 1;
        for (size_t k = 0; k < 4 && cases[i].args[k]; k++)
            argv[n++] = cases[i].args[k];
        argv[n] = NULL;
        run_argv(&r, NULL, argv, c->env);
        EXPECT_STATUS(&r, 2);
        ERR_HAS(&r, cases[i].msg);
        assert_string_equal(r.out, "");
        run_free(&r);
    }
    assert_int_equal(tu_mode(c->data), -1);
}

static void test_open_needs_terminal(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    const char *argv[] = { tu_bin(), NULL };
    run_argv(&r, NULL, argv, c->env);   /* no command: the interface, but stdin is no tty */
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "needs a terminal");
    run_free(&r);
    RUN(c, &r, NULL, "open", "Bad_ID");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "\"Bad_ID\"");
    run_free(&r);
}

/* ---- new -------------------------------------------------------------------- */

static void test_new_modes_under_umask_000(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    mode_t old = umask(0);
    RUN(c, &r, NULL, "new", "hit-ai-2026", "--title", "Materials informatics with HIT",
        "--partner", "Harbin Institute of Technology", "--country", "China", "--pi",
        "Dr. A. Beispiel", "--start", "2026-03-01", "--interval", "12");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.err, "");
    run_free(&r);
    assert_int_equal(tu_mode(c->data), 0700);
    assert_int_equal(tu_mode(tpath(c, "data/%s", "hit-ai-2026")), 0700);
    assert_int_equal(tu_mode(apath(c, "hit-ai-2026")), 0600);

    /* an atomic save (a new file renamed over the old) keeps 0600 */
    RUN(c, &r, NULL, "set", "hit-ai-2026", "8", "informed", "yes");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    assert_int_equal(tu_mode(apath(c, "hit-ai-2026")), 0600);

    /* and so does a snapshot, in a 0700 directory */
    RUN(c, &r, NULL, "snapshot", "hit-ai-2026", "-m", "first look", "--interim");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    assert_int_equal(tu_mode(tpath(c, "data/%s/snapshots", "hit-ai-2026")), 0700);
    assert_int_equal(tu_mode(spath(c, "hit-ai-2026", SNAP1)), 0600);
    assert_int_equal(tu_mode(apath(c, "hit-ai-2026")), 0600);
    umask(old);
}

static void test_new_writes_the_metadata(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root;
    const cJSON *coop, *p;
    char *text;
    RUN(c, &r, NULL, "new", "hit-ai-2026", "--title", "Materials informatics with HIT",
        "--partner", "Harbin Institute of Technology", "-p", "哈尔滨工业大学",
        "--partner=Third Partner", "--country", "China", "--pi", "Dr. A. Beispiel", "--start",
        "2026-03-01", "--interval", "24");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.out, "");
    run_free(&r);
    text = tu_read(apath(c, "hit-ai-2026"), NULL);
    assert_non_null(text);
    root = PARSE_JSON(text);
    assert_int_equal(jget(root, "format")->valueint, ASSESSMENT_FORMAT);
    coop = jget(root, "cooperation");
    assert_string_equal(jstr(coop, "id"), "hit-ai-2026");
    assert_string_equal(jstr(coop, "title"), "Materials informatics with HIT");
    assert_string_equal(jstr(coop, "country"), "China");
    assert_string_equal(jstr(coop, "pi"), "Dr. A. Beispiel");
    assert_string_equal(jstr(coop, "start"), "2026-03-01");
    assert_int_equal(jget(coop, "interval_months")->valueint, 24);
    p = jget(coop, "partners");
    assert_int_equal(cJSON_GetArraySize(p), 3);
    assert_string_equal(cJSON_GetArrayItem(p, 0)->valuestring, "Harbin Institute of Technology");
    assert_string_equal(cJSON_GetArrayItem(p, 1)->valuestring, "哈尔滨工业大学");
    assert_string_equal(cJSON_GetArrayItem(p, 2)->valuestring, "Third Partner");
    assert_string_equal(jstr(jget(root, "created"), "at"), NOW);
    assert_string_equal(jstr(jget(root, "catalog"), "id"), "bmbf-china-2024");
    assert_int_equal(jget(jget(root, "round"), "number")->valueint, 1);
    cJSON_Delete(root);
    free(text);

    /* the title defaults to the id */
    RUN(c, &r, NULL, "new", "plain");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    RUN(c, &r, NULL, "show", "plain");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Title        plain\n");
    OUT_HAS(&r, "Re-assess    every 12 months");
    run_free(&r);

    /* show lists every partner */
    RUN(c, &r, NULL, "show", "hit-ai-2026");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Partner      Harbin Institute of Technology\n");
    OUT_HAS(&r, "             哈尔滨工业大学\n");
    OUT_HAS(&r, "             Third Partner\n");
    OUT_HAS(&r, "Start        2026-03-01");
    OUT_HAS(&r, "Re-assess    every 24 months");
    run_free(&r);
}

static void test_new_bad_slug(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    static const char *const bad[] = { "Bad_ID", "a b", "-x", "x/y", ".hidden", "ü",
        "a1234567890123456789012345678901234567890123456789012345678901234" /* 65 */ };
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        /* "--" so that "-x" reaches the id check instead of the option parser */
        RUN(c, &r, NULL, "new", "--title", "Some title", "--", bad[i]);
        EXPECT_STATUS(&r, 2);
        ERR_HAS(&r, bad[i]);
        ERR_HAS(&r, "cannot be a cooperation id");
        ERR_HAS(&r, "lowercase letters a-z, digits and '-'");
        ERR_HAS(&r, "the title may be any text");
        assert_string_equal(r.out, "");
        run_free(&r);
    }
    /* without "--", -x is an unknown option: also a usage error */
    RUN(c, &r, NULL, "new", "-x");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "unknown option '-x'");
    run_free(&r);
    /* nothing at all was created, not even the data directory */
    assert_int_equal(tu_mode(c->data), -1);

    /* the longest allowed id (64) works */
    RUN(c, &r, NULL, "new", "a123456789012345678901234567890123456789012345678901234567890123");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
}

static void test_new_duplicate_id(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct bytes before;
    new_coop(c, "abc");
    set_ok(c, "abc", "9", "military_checked", "yes");
    before = grab(apath(c, "abc"));
    RUN(c, &r, NULL, "new", "abc", "--title", "Another title", "--interval", "6");
    EXPECT_STATUS(&r, 5);
    ERR_HAS(&r, "\"abc\" exists already");
    assert_string_equal(r.out, "");
    run_free(&r);
    EXPECT_SAME(apath(c, "abc"), &before);
    free(before.buf);
}

static void test_new_interval_range(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    static const char *const bad[] = { "0", "121", "-1", "12x", "", "1e2", "99999999999999999999" };
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        RUN(c, &r, NULL, "new", "abc", "--interval", bad[i]);
        EXPECT_STATUS(&r, 2);
        ERR_HAS(&r, "--interval takes a number of months from 1 to 120");
        run_free(&r);
    }
    assert_int_equal(tu_mode(c->data), -1);
    /* both ends of the range are allowed */
    RUN(c, &r, NULL, "new", "one", "--interval", "1");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    RUN(c, &r, NULL, "new", "tenyears", "--interval=120");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    RUN(c, &r, NULL, "list", "--json");
    EXPECT_STATUS(&r, 0);
    {
        cJSON *root = PARSE_JSON(r.out);
        assert_int_equal(cJSON_GetArraySize(root), 2);
        assert_string_equal(jstr(cJSON_GetArrayItem(root, 0), "id"), "one");
        assert_string_equal(jstr(cJSON_GetArrayItem(root, 1), "id"), "tenyears");
        /* never assessed: due at once, whatever the interval */
        for (int i = 0; i < 2; i++) {
            assert_string_equal(jstr(cJSON_GetArrayItem(root, i), "next_due"), "2026-11-27");
            assert_true(cJSON_IsTrue(jget(cJSON_GetArrayItem(root, i), "never_assessed")));
        }
        cJSON_Delete(root);
    }
    run_free(&r);
    /* the interval is kept and counts from the first complete snapshot */
    RUN(c, &r, NULL, "show", "one");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Re-assess    every 1 month\n");
    run_free(&r);
    RUN(c, &r, NULL, "show", "tenyears");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Re-assess    every 120 months\n");
    run_free(&r);
    CX_ANSWER_ALL(c, "one");
    RUN(c, &r, NULL, "snapshot", "one", "-m", "complete");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "the next re-assessment is due 2026-12-27");
    run_free(&r);
}

static void test_new_start_not_a_date(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    static const char *const bad[] = { "tomorrow", "2026-02-30", "2026-1-5", "2026-13-01",
                                       "2026-03-01T00:00:00Z", "" };
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        RUN(c, &r, NULL, "new", "abc", "--start", bad[i]);
        EXPECT_STATUS(&r, 2);
        ERR_HAS(&r, "--start takes a date like");
        run_free(&r);
    }
    assert_int_equal(tu_mode(c->data), -1);
    RUN(c, &r, NULL, "new", "abc", "--start", "2028-02-29");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
}

static void test_new_refuses_control_characters_in_title(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    RUN(c, &r, NULL, "new", "abc", "--title", "Evil \x1b[2J title");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "control characters");
    assert_false(has_byte(r.err, '\x1b'));   /* the message escapes it */
    run_free(&r);
    RUN(c, &r, NULL, "new", "abc", "--title", "T", "--partner", "P\xe2\x80\xae");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "partner name contains control characters");
    run_free(&r);
    assert_int_equal(tu_mode(c->data), -1);
}

/* Regression (fixed in ade9766): the check in cmd_new looped over
 * { title, country, pi, NULL } and stopped at the first option not given, so
 * --country and --pi went unchecked without --title and control characters
 * were stored in the file. */
static void test_new_refuses_control_characters_in_pi_and_country(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    RUN(c, &r, NULL, "new", "nopi", "--pi", "Dr \x1b[31mX");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "control characters");
    run_free(&r);
    RUN(c, &r, NULL, "new", "nocountry", "--title", "T", "--country", "China\x07");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "control characters");
    run_free(&r);
    assert_int_equal(tu_mode(apath(c, "nopi")), -1);
    assert_int_equal(tu_mode(apath(c, "nocountry")), -1);
}

static void test_new_unknown_catalogue(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    RUN(c, &r, NULL, "new", "abc", "--catalog", "no-such-catalogue");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "no catalogue \"no-such-catalogue\"");
    run_free(&r);
    assert_int_equal(tu_mode(apath(c, "abc")), -1);
    RUN(c, &r, NULL, "new", "abc", "--catalog", "bmbf-china-2024");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
}

/* --data (before or after the command) wins over $COOPCHECK_DATA. */
static void test_data_option(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char other[4300], opt[4400];
    snprintf(other, sizeof(other), "%s/other", c->tmp);
    snprintf(opt, sizeof(opt), "--data=%s", other);
    RUN(c, &r, NULL, "--data", other, "new", "elsewhere");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    assert_int_equal(tu_mode(tpath(c, "other/%s/assessment.json", "elsewhere")), 0600);
    assert_int_equal(tu_mode(c->data), -1);
    RUN(c, &r, NULL, "list", opt);
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "elsewhere ");
    run_free(&r);
    RUN(c, &r, NULL, "list");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "No cooperations in ");
    run_free(&r);
}

/* ---- output errors ---------------------------------------------------------- */

/* Output that cannot be written is status 6 with a message, not a silent 0. */
static void test_output_error_is_status_6(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    if (access("/dev/full", W_OK) != 0)
        skip();
    {
        const char *argv[] = { "/bin/sh", "-c", "exec \"$0\" help 9 >/dev/full", tu_bin(), NULL };
        run_argv(&r, NULL, argv, c->env);
    }
    EXPECT_STATUS(&r, 6);
    ERR_HAS(&r, "cannot write the output");
    run_free(&r);
    {
        const char *argv[] = { "/bin/sh", "-c", "exec \"$0\" --help >/dev/full", tu_bin(), NULL };
        run_argv(&r, NULL, argv, c->env);
    }
    EXPECT_STATUS(&r, 6);
    run_free(&r);
}

/* ---- list ------------------------------------------------------------------- */

static void test_list_plain(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    RUN(c, &r, NULL, "new", "hit-ai-2026", "--title", "Materials informatics with HIT",
        "--interval", "12");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    RUN(c, &r, NULL, "new", "aaa-first", "--title", "Über Grenzen", "--interval", "6", "--start",
        "2027-06-01");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    /* question 1 fully answered (both its text fields), question 9 partly */
    set_ok(c, "hit-ai-2026", "1", "focus", "Materials");
    set_ok(c, "hit-ai-2026", "q01", "own_goals", "Publications");
    set_ok(c, "hit-ai-2026", "9", "military_checked", "yes");
    /* directories that hold no working file are no cooperations: not
     * listed, and nothing said about them (the screening lists' directory,
     * a leftover) */
    {
        char *lists = xasprintf("%s/lists", c->data), *stray = xasprintf("%s/stray-dir", c->data);
        assert_int_equal(mkdir(lists, 0700), 0);
        assert_int_equal(mkdir(stray, 0700), 0);
        free(lists);
        free(stray);
    }

    RUN(c, &r, NULL, "list");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.err, "");
    assert_null(strstr(r.out, "stray-dir"));
    assert_null(strstr(r.out, "lists"));
    assert_false(has_byte(r.out, '\x1b'));   /* a pipe: no escape sequences */
    OUT_HAS(&r, "ID ");
    OUT_HAS(&r, "NEXT DUE");
    OUT_HAS(&r, "ASSESSED");
    OUT_HAS(&r, "STATE");
    {
        /* the German headings are written alike (one was in capitals); where
         * the title gets no 12 columns after the rest, each cooperation takes
         * two rows, the state and the title indented on the second: no row
         * is wider than the terminal (80 for a pipe, or COLUMNS) */
        struct tu_run g;
        ROWS_FIT_80(r.out, "list");
        RUN(c, &g, NULL, "--lang", "de", "list");
        EXPECT_STATUS(&g, 0);
        OUT_HAS(&g, "Kennung     Beantwortet Bewertet   Fällig am  Entscheidung\n"
                    "  Status                Titel\n"
                    "aaa-first   0/19        -          2027-06-01 -\n"
                    "  nie bewertet          Über Grenzen\n");
        ROWS_FIT_80(g.out, "--lang de list");
        run_free(&g);
        RUN_ENV(c, &g, "COLUMNS=120", "--lang", "de", "list");
        EXPECT_STATUS(&g, 0);
        OUT_HAS(&g, "Kennung     Beantwortet Bewertet   Fällig am  Status               Entscheidung "
                    "Titel\n");
        run_free(&g);
    }
    {
        /* each cooperation on two rows here (see above) */
        const char *hit = strstr(r.out, "hit-ai-2026 "), *first = strstr(r.out, "aaa-first ");
        const char *eol;
        char line[512];
        assert_non_null(hit);
        assert_non_null(first);
        assert_true(first < hit);   /* sorted by id */
        eol = strchr(hit, '\n');
        assert_non_null(eol);
        eol = strchr(eol + 1, '\n');
        assert_non_null(eol);
        snprintf(line, sizeof(line), "%.*s", (int)(eol - hit), hit);
        expect_in_(line, " 1/19 ", "the hit-ai-2026 rows", __FILE__, __LINE__);
        /* never assessed and no start: due since its creation, today */
        expect_in_(line, " - ", "the hit-ai-2026 rows", __FILE__, __LINE__);
        expect_in_(line, " 2026-11-27 -\n  due, never assessed  ", "the hit-ai-2026 rows",
                   __FILE__, __LINE__);
        /* the title column is cut to the width of the terminal (80 here) */
        expect_in_(line, "Materials", "the hit-ai-2026 rows", __FILE__, __LINE__);
        expect_not_in_(line, "overdue", "the hit-ai-2026 rows", __FILE__, __LINE__);
        eol = strchr(first, '\n');
        assert_non_null(eol);
        eol = strchr(eol + 1, '\n');
        assert_non_null(eol);
        snprintf(line, sizeof(line), "%.*s", (int)(eol - first), first);
        expect_in_(line, " 0/19 ", "the aaa-first rows", __FILE__, __LINE__);
        /* due from its start, more than a month away */
        expect_in_(line, " 2027-06-01 -\n  never assessed  ", "the aaa-first rows", __FILE__,
                   __LINE__);
        expect_not_in_(line, "due,", "the aaa-first rows", __FILE__, __LINE__);
        expect_in_(line, "Über Grenzen", "the aaa-first rows", __FILE__, __LINE__);
    }
    run_free(&r);
}

/* Every command needs the whole id: list never cuts one, however long. */
static void test_list_whole_ids(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    static const char id[] = "tsinghua-quantum-sensing-and-metrology-cooperation-2026-27";
    RUN(c, &r, NULL, "new", id, "--title", "A title that is long enough to be cut at the end "
        "of an eighty-column line");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    RUN(c, &r, NULL, "new", "short", "--title", "Short");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    RUN(c, &r, NULL, "list");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, id);
    OUT_HAS(&r, " 0/19 ");
    /* the columns line up after the longest id */
    {
        const char *a = strstr(r.out, id), *b = strstr(r.out, "\nshort ");
        const char *pa, *pb;
        assert_non_null(a);
        assert_non_null(b);
        b++;
        pa = strstr(a, "0/19");
        pb = strstr(b, "0/19");
        assert_int_equal(pa - a, pb - b);
    }
    run_free(&r);
}

static void test_list_json(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root;
    const cJSON *o;
    RUN(c, &r, NULL, "new", "hit-ai-2026", "--title", "Materials informatics with HIT",
        "--partner", "Harbin Institute of Technology", "--partner", "Second", "--interval", "12");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    set_ok(c, "hit-ai-2026", "8", "informed", "yes");
    set_ok(c, "hit-ai-2026", "8", "evidence", "Briefing");

    RUN(c, &r, NULL, "list", "--json");
    EXPECT_STATUS(&r, 0);
    root = PARSE_JSON(r.out);
    assert_true(cJSON_IsArray(root));
    assert_int_equal(cJSON_GetArraySize(root), 1);
    o = cJSON_GetArrayItem(root, 0);
    assert_string_equal(jstr(o, "id"), "hit-ai-2026");
    assert_string_equal(jstr(o, "title"), "Materials informatics with HIT");
    assert_int_equal(cJSON_GetArraySize(jget(o, "partners")), 2);
    assert_string_equal(cJSON_GetArrayItem(jget(o, "partners"), 1)->valuestring, "Second");
    assert_int_equal(jget(o, "answered")->valueint, 1);
    assert_int_equal(jget(o, "questions")->valueint, 19);
    assert_int_equal(jget(o, "to_review")->valueint, 0);
    assert_int_equal(jget(o, "snapshots")->valueint, 0);
    assert_true(cJSON_IsNull(jget(o, "last_snapshot")));
    assert_true(cJSON_IsNull(jget(o, "last_complete")));
    /* never assessed: due from its creation (no start date) */
    assert_string_equal(jstr(o, "next_due"), "2026-11-27");
    assert_string_equal(jstr(o, "status"), "due");
    assert_true(cJSON_IsTrue(jget(o, "never_assessed")));
    assert_true(cJSON_IsFalse(jget(o, "interim")));
    assert_true(cJSON_IsFalse(jget(o, "archived")));
    cJSON_Delete(root);
    run_free(&r);

    /* after an interim snapshot: counted and dated, but the round goes on */
    RUN(c, &r, NULL, "snapshot", "hit-ai-2026", "-m", "first look", "--interim");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    RUN(c, &r, NULL, "list", "--json");
    EXPECT_STATUS(&r, 0);
    root = PARSE_JSON(r.out);
    o = cJSON_GetArrayItem(root, 0);
    assert_int_equal(jget(o, "snapshots")->valueint, 1);
    assert_string_equal(jstr(o, "last_snapshot"), NOW);
    assert_true(cJSON_IsNull(jget(o, "last_complete")));
    assert_true(cJSON_IsTrue(jget(o, "interim")));
    assert_true(cJSON_IsTrue(jget(o, "never_assessed")));
    assert_int_equal(jget(o, "to_review")->valueint, 0);
    assert_string_equal(jstr(o, "next_due"), "2026-11-27");
    cJSON_Delete(root);
    run_free(&r);

    /* after a complete one: the round is closed, question 8 to review with the others */
    CX_ANSWER_ALL(c, "hit-ai-2026");
    RUN(c, &r, NULL, "snapshot", "hit-ai-2026", "-m", "Round 1");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    RUN(c, &r, NULL, "list", "--json");
    EXPECT_STATUS(&r, 0);
    root = PARSE_JSON(r.out);
    o = cJSON_GetArrayItem(root, 0);
    assert_int_equal(jget(o, "snapshots")->valueint, 2);
    assert_string_equal(jstr(o, "last_snapshot"), NOW);
    assert_string_equal(jstr(o, "last_complete"), NOW);
    assert_true(cJSON_IsFalse(jget(o, "interim")));
    assert_true(cJSON_IsFalse(jget(o, "never_assessed")));
    assert_int_equal(jget(o, "answered")->valueint, 19);
    assert_int_equal(jget(o, "to_review")->valueint, 19);
    assert_string_equal(jstr(o, "next_due"), "2027-11-27");
    assert_string_equal(jstr(o, "status"), "ok");
    cJSON_Delete(root);
    run_free(&r);
}

static void test_list_status_due_and_overdue(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    const char *late_env[16];
    cJSON *root;
    size_t n = 0;
    new_coop(c, "abc");   /* interval 12 */
    CX_ANSWER_ALL(c, "abc");
    RUN(c, &r, NULL, "snapshot", "abc", "-m", "Round 1");   /* complete at NOW: due 2027-11-27 */
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    for (; c->env[n]; n++)
        late_env[n] = c->env[n];
    late_env[n++] = "COOPCHECK_NOW=2027-11-10T00:00:00Z";   /* within a month: due */
    late_env[n] = NULL;
    {
        const char *argv[] = { tu_bin(), "list", "--json", NULL };
        run_argv(&r, NULL, argv, late_env);
    }
    EXPECT_STATUS(&r, 0);
    root = PARSE_JSON(r.out);
    assert_string_equal(jstr(cJSON_GetArrayItem(root, 0), "status"), "due");
    cJSON_Delete(root);
    run_free(&r);
    late_env[n - 1] = "COOPCHECK_NOW=2027-11-28T00:00:00Z";
    {
        const char *argv[] = { tu_bin(), "list", NULL };
        run_argv(&r, NULL, argv, late_env);
    }
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, " 2027-11-27 overdue ");
    OUT_HAS(&r, " 2026-11-27 ");   /* ASSESSED: the complete snapshot */
    run_free(&r);
}

static void test_list_empty(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    RUN(c, &r, NULL, "list");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "No cooperations in ");
    OUT_HAS(&r, c->data);
    OUT_HAS(&r, "coopcheck new ID");
    assert_string_equal(r.err, "");
    run_free(&r);
    RUN(c, &r, NULL, "list", "--json");
    EXPECT_STATUS(&r, 0);
    {
        cJSON *root = PARSE_JSON(r.out);
        assert_true(cJSON_IsArray(root));
        assert_int_equal(cJSON_GetArraySize(root), 0);
        cJSON_Delete(root);
    }
    run_free(&r);
    /* listing creates nothing */
    assert_int_equal(tu_mode(c->data), -1);
}

/* ---- set -------------------------------------------------------------------- */

static void test_set_yesno_values(void **state)
{
    struct cx *c = *state;
    static const struct {
        const char *arg, *stored;
    } cases[] = {
        { "yes", "yes" }, { "no", "no" }, { "unsure", "unsure" }, { "ja", "yes" },
        { "nein", "no" }, { "unsicher", "unsure" }, { "unset", NULL },
    };
    new_coop(c, "abc");
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        set_ok(c, "abc", "9", "military_checked", cases[i].arg);
        EXPECT_ANSWER(c, "abc", "q09", "military_checked", cases[i].stored);
    }
    /* question given as q09, 09 and 9 alike */
    set_ok(c, "abc", "q09", "military_checked", "no");
    EXPECT_ANSWER(c, "abc", "q09", "military_checked", "no");
    set_ok(c, "abc", "09", "military_checked", "yes");
    EXPECT_ANSWER(c, "abc", "q09", "military_checked", "yes");
    /* the text view shows it in each language */
    {
        struct tu_run r;
        RUN(c, &r, NULL, "show", "abc");
        EXPECT_STATUS(&r, 0);
        OUT_HAS(&r, "(military_checked): yes");
        run_free(&r);
        RUN(c, &r, NULL, "show", "abc", "--lang", "de");
        EXPECT_STATUS(&r, 0);
        OUT_HAS(&r, "(military_checked): ja");
        run_free(&r);
    }
}

static void test_set_text_field(void **state)
{
    struct cx *c = *state;
    new_coop(c, "abc");
    set_ok(c, "abc", "9", "military_findings", "No links found; checked 2026-11-01 (NRO list).");
    EXPECT_ANSWER(c, "abc", "q09", "military_findings",
                  "No links found; checked 2026-11-01 (NRO list).");
    /* "yes" in a text field is text */
    set_ok(c, "abc", "9", "dual_use", "yes");
    EXPECT_ANSWER(c, "abc", "q09", "dual_use", "yes");
    /* an empty (or blank) text clears the field */
    set_ok(c, "abc", "9", "dual_use", "  ");
    EXPECT_ANSWER(c, "abc", "q09", "dual_use", NULL);
    EXPECT_ANSWER(c, "abc", "q09", "military_findings",
                  "No links found; checked 2026-11-01 (NRO list).");
}

static void test_set_text_from_stdin(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    const char *text = "Prüfung läuft – ÄÖÜß\n第二行：中文说明\n\nEnde";
    char *in = malloc(strlen(text) + 2);
    assert_non_null(in);
    sprintf(in, "%s\n", text);
    new_coop(c, "abc");
    RUN(c, &r, in, "set", "abc", "16", "measures", "-");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    EXPECT_ANSWER(c, "abc", "q16", "measures", text);   /* the one trailing newline dropped */
    free(in);

    /* without a trailing newline nothing is cut */
    RUN(c, &r, "ohne Zeilenende", "set", "abc", "16", "measures", "-");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    EXPECT_ANSWER(c, "abc", "q16", "measures", "ohne Zeilenende");

    /* CRLF line ends become LF */
    RUN(c, &r, "a\r\nb\r\n", "set", "abc", "16", "measures", "-");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    EXPECT_ANSWER(c, "abc", "q16", "measures", "a\nb");

    /* the text shows up in the text view, lines kept */
    RUN(c, &r, "erste Zeile\nzweite Zeile 中文\n", "set", "abc", "16", "measures", "-");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "        erste Zeile\n        zweite Zeile 中文\n");
    run_free(&r);

    /* empty standard input clears the field */
    RUN(c, &r, NULL, "set", "abc", "16", "measures", "-");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    EXPECT_ANSWER(c, "abc", "q16", "measures", NULL);
}

static void test_set_refused_leaves_file_alone(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct bytes before;
    static const struct {
        const char *q, *f, *v;
        int status;
        const char *msg;
    } cases[] = {
        { "9", "military_checked", "maybe", 2,
          "q09.military_checked is a yes/no field: give yes, no, unsure or unset, not \"maybe\"" },
        { "9", "military_checked", "YES", 2, "not \"YES\"" },
        { "9", "military_checked", "", 2, "is a yes/no field" },
        { "20", "x", "y", 3, "has no question \"20\"" },
        { "q99", "x", "y", 3, "has no question \"q99\"" },
        { "0", "x", "y", 3, "has no question \"0\"" },
        { "q20", "x", "y", 3, "(1-19)" },
        { "9", "nofield", "yes", 3,
          "question q09 has no field \"nofield\"; its fields are: military_checked, "
          "military_findings, dual_use" },
        { "9", "informed", "yes", 3, "has no field \"informed\"" },
        { "9", "military_findings", "bad \xff utf-8", 4, "not valid UTF-8" },
    };
    new_coop(c, "abc");
    set_ok(c, "abc", "9", "military_checked", "yes");
    set_ok(c, "abc", "9", "dual_use", "Some text");
    before = grab(apath(c, "abc"));
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        RUN(c, &r, NULL, "set", "abc", cases[i].q, cases[i].f, cases[i].v);
        EXPECT_STATUS(&r, cases[i].status);
        ERR_HAS(&r, cases[i].msg);
        assert_string_equal(r.out, "");
        run_free(&r);
        EXPECT_SAME(apath(c, "abc"), &before);
    }
    /* invalid UTF-8 on standard input */
    RUN(c, &r, "caf\xe9\n", "set", "abc", "9", "dual_use", "-");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "not valid UTF-8");
    run_free(&r);
    EXPECT_SAME(apath(c, "abc"), &before);
    /* more than a field holds (256 KiB) on standard input */
    {
        size_t n = 300 * 1024;
        char *big = malloc(n + 1);
        assert_non_null(big);
        memset(big, 'a', n);
        big[n] = '\0';
        RUN(c, &r, big, "set", "abc", "9", "dual_use", "-");
        free(big);
    }
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "longer than");
    run_free(&r);
    EXPECT_SAME(apath(c, "abc"), &before);
    /* --followup with a wrong value */
    RUN(c, &r, NULL, "set", "abc", "9", "--followup", "maybe");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "--followup takes \"on\" or \"off\", not \"maybe\"");
    run_free(&r);
    EXPECT_SAME(apath(c, "abc"), &before);
    /* too many arguments */
    RUN(c, &r, NULL, "set", "abc", "9", "military_checked", "yes", "extra");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "too many arguments");
    run_free(&r);
    EXPECT_SAME(apath(c, "abc"), &before);
    /* an unknown cooperation: 3, and nothing created for it */
    RUN(c, &r, NULL, "set", "nope", "9", "military_checked", "yes");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "no cooperation \"nope\"");
    run_free(&r);
    assert_int_equal(tu_mode(tpath(c, "data/%s", "nope")), -1);
    EXPECT_SAME(apath(c, "abc"), &before);
    free(before.buf);
}

static void test_set_followup(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root;
    new_coop(c, "abc");
    RUN(c, &r, NULL, "set", "abc", "11", "--followup", "on");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    RUN(c, &r, NULL, "show", "abc", "--json");
    EXPECT_STATUS(&r, 0);
    root = PARSE_JSON(r.out);
    assert_true(cJSON_IsTrue(jget(jget(jget(root, "answers"), "q11"), "followup")));
    cJSON_Delete(root);
    run_free(&r);
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "[unanswered, follow-up]");
    OUT_HAS(&r, "1 flagged for follow-up");
    run_free(&r);

    RUN(c, &r, NULL, "set", "abc", "q11", "--followup=off");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_LACKS(&r, "follow-up]");
    OUT_HAS(&r, "0 flagged for follow-up");
    run_free(&r);

    /* unknown question with --followup: 3 */
    RUN(c, &r, NULL, "set", "abc", "20", "--followup", "on");
    EXPECT_STATUS(&r, 3);
    run_free(&r);
}

/* ---- show ------------------------------------------------------------------- */

static void test_show_plain(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct catalog *cat = bundled();
    const struct cat_question *q9 = catalog_question(cat, "9");
    assert_non_null(q9);
    new_coop(c, "abc");
    set_ok(c, "abc", "9", "military_checked", "no");
    set_ok(c, "abc", "9", "military_findings", "Nothing found");
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.err, "");
    OUT_HAS(&r, "Cooperation  abc\n");
    OUT_HAS(&r, "Title        Materials informatics\n");
    OUT_HAS(&r, "Round        1, started " NOW);
    OUT_HAS(&r, "Progress     0/19 answered, 0 to review");
    OUT_HAS(&r, " 9  Military research and dual use  [partly answered]");
    OUT_HAS(&r, "(military_checked): no\n");
    OUT_HAS(&r, "(military_findings):\n        Nothing found\n");
    OUT_HAS(&r, "(dual_use): unanswered\n");
    /* every question's full English text is there */
    for (size_t i = 0; i < cat->nquestions; i++)
        if (!contains_squashed(r.out, l10n_get(&cat->questions[i].text, LANG_EN)))
            fail_msg("show lacks the text of %s", cat->questions[i].id);
    assert_false(has_byte(r.out, '\x1b'));
    run_free(&r);
    catalog_free(cat);
}

/* ESC [31m, BEL, U+202E (right-to-left override), DEL, U+009B (the one-byte
 * CSI of 8-bit terminals) and U+2028 (line separator) */
#define EVIL "x\x1b[31mred\x07\xe2\x80\xae" "evil\x7f\xc2\x9b" "1m\xe2\x80\xa8" "end"
#define EVIL_SHOWN "x\\x1b[31mred\\x07<U+202E>evil\\x7f\\x9b1m<U+2028>end"

/* No byte sequence of EVIL's control characters in s. */
static void expect_no_raw_controls_(const char *s, const char *what, const char *file, int line)
{
    static const char *const raw[] = { "\x1b", "\x07", "\x7f", "\xe2\x80\xae", "\xc2\x9b",
                                        "\xe2\x80\xa8" };
    for (size_t i = 0; i < sizeof(raw) / sizeof(*raw); i++)
        expect_not_in_(s, raw[i], what, file, line);
}
#define OUT_CLEAN(r) expect_no_raw_controls_((r)->out, "stdout", __FILE__, __LINE__)
#define ERR_CLEAN(r) expect_no_raw_controls_((r)->err, "stderr", __FILE__, __LINE__)

static void test_show_escapes_control_characters(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    new_coop(c, "abc");
    set_ok(c, "abc", "9", "military_findings", EVIL);
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_CLEAN(&r);
    ERR_CLEAN(&r);
    OUT_HAS(&r, "        " EVIL_SHOWN "\n");
    run_free(&r);
    /* German too */
    RUN(c, &r, NULL, "--lang", "de", "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_CLEAN(&r);
    OUT_HAS(&r, EVIL_SHOWN);
    run_free(&r);
    /* stored unchanged, and a snapshot of it is shown escaped too */
    EXPECT_ANSWER(c, "abc", "q09", "military_findings", EVIL);
    RUN(c, &r, NULL, "snapshot", "abc", "-m", "note", "--interim");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    RUN(c, &r, NULL, "show", "abc", "--snapshot", SNAP1);
    EXPECT_STATUS(&r, 0);
    OUT_CLEAN(&r);
    OUT_HAS(&r, EVIL_SHOWN);
    run_free(&r);
}

/* A file edited by hand (or written by another tool) is untrusted too: the
 * metadata shown by show and list is escaped like the answers. */
static void test_show_and_list_escape_metadata_from_the_file(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root, *coop;
    char *text, *printed;
    new_coop(c, "abc");
    text = tu_read(apath(c, "abc"), NULL);
    assert_non_null(text);
    root = PARSE_JSON(text);
    free(text);
    coop = cJSON_GetObjectItemCaseSensitive(root, "cooperation");
    assert_true(cJSON_ReplaceItemInObjectCaseSensitive(coop, "title", cJSON_CreateString("T" EVIL)));
    assert_true(cJSON_ReplaceItemInObjectCaseSensitive(coop, "pi", cJSON_CreateString("P" EVIL)));
    assert_true(cJSON_ReplaceItemInObjectCaseSensitive(coop, "country", cJSON_CreateString("C" EVIL)));
    cJSON_ReplaceItemInArray(cJSON_GetObjectItemCaseSensitive(coop, "partners"), 0,
                             cJSON_CreateString("H" EVIL));
    printed = cJSON_Print(root);   /* plain cJSON: U+202E and U+009B raw in the file */
    assert_non_null(printed);
    tu_write(apath(c, "abc"), printed);
    cJSON_free(printed);
    cJSON_Delete(root);

    RUN(c, &r, NULL, "show", "abc");
    ERR_CLEAN(&r);
    if (r.status == 0) {
        OUT_CLEAN(&r);
        OUT_HAS(&r, "Title        T" EVIL_SHOWN "\n");
        OUT_HAS(&r, "Partner      H" EVIL_SHOWN "\n");
        OUT_HAS(&r, "PI           P" EVIL_SHOWN "\n");
        OUT_HAS(&r, "Country      C" EVIL_SHOWN "\n");
    } else {
        EXPECT_STATUS(&r, 4);   /* refusing such a file is fine too */
    }
    run_free(&r);
    RUN(c, &r, NULL, "show", "abc", "--json");
    OUT_CLEAN(&r);
    ERR_CLEAN(&r);
    run_free(&r);
    RUN(c, &r, NULL, "list");
    OUT_CLEAN(&r);
    ERR_CLEAN(&r);
    run_free(&r);
    RUN(c, &r, NULL, "list", "--json");
    OUT_CLEAN(&r);
    ERR_CLEAN(&r);
    if (r.status == 0) {
        cJSON *arr = PARSE_JSON(r.out);
        assert_string_equal(jstr(cJSON_GetArrayItem(arr, 0), "title"), "T" EVIL);
        cJSON_Delete(arr);
    }
    run_free(&r);
}

/* The --json output is as likely to land on a terminal as the text: cJSON
 * escapes C0 (\u001b, \u0007), and DEL, C1 and bidi controls can be written
 * as \u007f, \u009b, \u202e just as well.  Regression (fixed in ade9766):
 * show --json wrote U+202E from an answer raw. */
static void test_show_json_escapes_control_characters(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root;
    new_coop(c, "abc");
    set_ok(c, "abc", "9", "military_findings", EVIL);
    RUN(c, &r, NULL, "show", "abc", "--json");
    EXPECT_STATUS(&r, 0);
    OUT_CLEAN(&r);
    root = PARSE_JSON(r.out);   /* and it means the same */
    assert_string_equal(jstr(jget(jget(jget(jget(root, "answers"), "q09"), "fields"),
                                  "military_findings"), "value"), EVIL);
    cJSON_Delete(root);
    run_free(&r);
    /* a snapshot note too */
    RUN(c, &r, NULL, "snapshot", "abc", "-m", "Runde 1 \xe2\x80\xae", "--interim");
    EXPECT_STATUS(&r, 2);   /* refused: control characters */
    ERR_HAS(&r, "control characters");
    ERR_CLEAN(&r);
    run_free(&r);
    assert_int_equal(tu_mode(tpath(c, "data/%s/snapshots", "abc")), -1);
}

static void test_show_json(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root;
    const cJSON *q9;
    new_coop(c, "abc");
    set_ok(c, "abc", "9", "military_checked", "unsure");
    set_ok(c, "abc", "9", "dual_use", "Zweifach verwendbar: 可能");
    RUN(c, &r, NULL, "show", "abc", "--json");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.err, "");
    root = PARSE_JSON(r.out);
    assert_int_equal(jget(root, "format")->valueint, ASSESSMENT_FORMAT);
    assert_string_equal(jstr(jget(root, "cooperation"), "id"), "abc");
    assert_string_equal(jstr(jget(root, "catalog"), "id"), "bmbf-china-2024");
    q9 = jget(jget(root, "answers"), "q09");
    assert_non_null(q9);
    assert_string_equal(jstr(jget(jget(q9, "fields"), "military_checked"), "value"), "unsure");
    assert_string_equal(jstr(jget(jget(q9, "fields"), "dual_use"), "value"),
                        "Zweifach verwendbar: 可能");
    assert_null(jget(jget(q9, "fields"), "military_findings"));
    assert_null(jget(jget(root, "answers"), "q01"));
    cJSON_Delete(root);
    /* the --json output is the file itself */
    {
        char *file = tu_read(apath(c, "abc"), NULL);
        assert_non_null(file);
        assert_string_equal(r.out, file);
        free(file);
    }
    run_free(&r);

    RUN(c, &r, NULL, "show", "nope", "--json");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "no cooperation \"nope\"");
    assert_string_equal(r.out, "");
    run_free(&r);
    /* a malformed id: refused (4 here, while 'show Bad_ID --snapshot N' and
     * 'open Bad_ID' give 2) */
    RUN(c, &r, NULL, "show", "Bad_ID");
    assert_true(r.status == 2 || r.status == 4);
    ERR_HAS(&r, "is not a cooperation id");
    run_free(&r);
}

static void test_show_lang(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct catalog *cat = bundled();
    const struct cat_question *q9 = catalog_question(cat, "q09");
    const char *de = l10n_get(&q9->text, LANG_DE), *en = l10n_get(&q9->text, LANG_EN);
    assert_string_not_equal(de, en);
    new_coop(c, "abc");

    RUN(c, &r, NULL, "--lang", "de", "show", "abc");
    EXPECT_STATUS(&r, 0);
    assert_true(contains_squashed(r.out, de));
    assert_false(contains_squashed(r.out, en));
    OUT_HAS(&r, l10n_get(&q9->title, LANG_DE));
    run_free(&r);

    RUN(c, &r, NULL, "show", "abc", "--lang=en");   /* also after the command */
    EXPECT_STATUS(&r, 0);
    assert_true(contains_squashed(r.out, en));
    assert_false(contains_squashed(r.out, de));
    run_free(&r);

    /* LANG=de_DE.UTF-8 picks German without --lang, --lang en overrides it */
    {
        const char *env[20];
        size_t n = 0;
        for (; c->env[n]; n++)
            env[n] = c->env[n];
        env[n++] = "LANG=de_DE.UTF-8";
        env[n] = NULL;
        {
            const char *argv[] = { tu_bin(), "show", "abc", NULL };
            run_argv(&r, NULL, argv, env);
        }
        EXPECT_STATUS(&r, 0);
        assert_true(contains_squashed(r.out, de));
        run_free(&r);
        {
            const char *argv[] = { tu_bin(), "--lang", "en", "show", "abc", NULL };
            run_argv(&r, NULL, argv, env);
        }
        EXPECT_STATUS(&r, 0);
        assert_true(contains_squashed(r.out, en));
        run_free(&r);
    }

    RUN(c, &r, NULL, "--lang", "fr", "show", "abc");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "--lang takes \"de\" or \"en\", not \"fr\"");
    assert_string_equal(r.out, "");
    run_free(&r);
    RUN(c, &r, NULL, "show", "abc", "--lang", "de_DE");
    EXPECT_STATUS(&r, 2);
    run_free(&r);
    catalog_free(cat);
}

/* ---- snapshot, snapshots ---------------------------------------------------- */

/* The first line of a snapshot's output is its name, alone. */
static void expect_first_line_(const struct tu_run *r, const char *want, const char *file, int line)
{
    size_t n = strlen(want);
    if (strncmp(r->out, want, n) != 0 || r->out[n] != '\n') {
        char *o = printable(r->out);
        print_error("the first line is not \"%s\":\n%s\n", want, o);
        free(o);
        _fail(file, line);
    }
}
#define EXPECT_FIRST_LINE(r, want) expect_first_line_((r), (want), __FILE__, __LINE__)

static void test_snapshot_names(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    new_coop(c, "abc");
    RUN(c, &r, NULL, "snapshot", "abc", "-m", "one", "--interim");
    EXPECT_STATUS(&r, 0);
    EXPECT_FIRST_LINE(&r, SNAP1);
    run_free(&r);
    RUN(c, &r, NULL, "snapshot", "abc", "-m", "two", "--interim");   /* same (fixed) second */
    EXPECT_STATUS(&r, 0);
    EXPECT_FIRST_LINE(&r, SNAP2);
    run_free(&r);
    assert_int_equal(tu_mode(spath(c, "abc", SNAP1)), 0600);
    assert_int_equal(tu_mode(spath(c, "abc", SNAP2)), 0600);
    RUN(c, &r, NULL, "snapshots", "abc");
    EXPECT_STATUS(&r, 0);
    {
        const char *a = strstr(r.out, SNAP1 " "), *b = strstr(r.out, SNAP2);
        assert_non_null(a);
        assert_non_null(b);
        assert_true(a < b);   /* oldest first */
    }
    run_free(&r);
    RUN(c, &r, NULL, "snapshot", "nope", "-m", "x");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "no cooperation \"nope\"");
    run_free(&r);
}

static void test_snapshot_note(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct bytes before;
    new_coop(c, "abc");
    RUN(c, &r, NULL, "snapshots", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "has no snapshots yet");
    run_free(&r);
    RUN(c, &r, NULL, "snapshot", "abc", "-m", "Round 1, approved by the committee", "--interim");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    RUN(c, &r, NULL, "snapshot", "abc", "--message=Zweite Runde – geprüft", "--interim");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    RUN(c, &r, NULL, "snapshots", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, SNAP1 " ");
    /* the whole note, wrapped under its column */
    assert_true(contains_squashed(r.out, "interim Round 1, approved by the committee"));
    OUT_HAS(&r, SNAP2 " ");
    OUT_HAS(&r, "Zweite Runde – geprüft");
    OUT_HAS(&r, "0/19   interim  ");
    run_free(&r);
    /* a note with control characters is refused, and nothing is written */
    before = grab(apath(c, "abc"));
    RUN(c, &r, NULL, "snapshot", "abc", "-m", "bad\x1b[0m", "--interim");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "control characters");
    run_free(&r);
    EXPECT_SAME(apath(c, "abc"), &before);
    assert_int_equal(tu_mode(spath(c, "abc", "20261127T034521Z-3")), -1);
    free(before.buf);
}

static void test_snapshot_starts_round_two(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root;
    new_coop(c, "abc");
    set_ok(c, "abc", "9", "military_checked", "yes");
    set_ok(c, "abc", "9", "military_findings", "Nothing");
    set_ok(c, "abc", "9", "dual_use", "Low");
    set_ok(c, "abc", "1", "focus", "Materials");
    set_ok(c, "abc", "1", "own_goals", "Papers");
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, " 9  Military research and dual use  [answered]");
    OUT_HAS(&r, "Progress     2/19 answered, 0 to review");
    run_free(&r);

    /* not complete: refused, with what is open */
    RUN(c, &r, NULL, "snapshot", "abc", "-m", "first");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "unanswered: 2, 3, 4,");
    assert_string_equal(r.out, "");
    run_free(&r);

    CX_ANSWER_ALL(c, "abc");
    RUN(c, &r, NULL, "snapshot", "abc", "-m", "first");
    EXPECT_STATUS(&r, 0);
    EXPECT_FIRST_LINE(&r, SNAP1);
    OUT_HAS(&r, "complete");
    run_free(&r);

    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Round        2, started " NOW " from snapshot " SNAP1);
    OUT_HAS(&r, " 9  Military research and dual use  [to review]");
    OUT_HAS(&r, " 1  Focus and your goals  [to review]");
    OUT_HAS(&r, " 2  State of research compared  [to review]");
    OUT_HAS(&r, "19/19 answered, 19 to review");
    run_free(&r);
    RUN(c, &r, NULL, "show", "abc", "--json");
    EXPECT_STATUS(&r, 0);
    root = PARSE_JSON(r.out);
    assert_int_equal(jget(jget(root, "round"), "number")->valueint, 2);
    assert_string_equal(jstr(jget(root, "round"), "based_on"), SNAP1);
    assert_true(cJSON_IsTrue(jget(jget(jget(root, "answers"), "q09"), "review")));
    cJSON_Delete(root);
    run_free(&r);

    /* --confirm takes question 9 off the review list */
    RUN(c, &r, NULL, "set", "abc", "9", "--confirm");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, " 9  Military research and dual use  [answered]");
    OUT_HAS(&r, "19/19 answered, 18 to review");
    run_free(&r);
}

static void test_show_snapshot(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    new_coop(c, "abc");
    set_ok(c, "abc", "9", "military_findings", "Before the snapshot");
    RUN(c, &r, NULL, "snapshot", "abc", "-m", "Round 1", "--interim");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    set_ok(c, "abc", "9", "military_findings", "After the snapshot");

    RUN(c, &r, NULL, "show", "abc", "--snapshot", SNAP1);
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Snapshot     " SNAP1 ", taken " NOW);
    OUT_HAS(&r, ", interim\n");
    OUT_HAS(&r, "Note         Round 1\n");
    OUT_HAS(&r, "Round        1, started");
    OUT_HAS(&r, "Before the snapshot");
    OUT_LACKS(&r, "After the snapshot");
    run_free(&r);

    RUN(c, &r, NULL, "show", "abc", "-s", SNAP1, "--json");
    EXPECT_STATUS(&r, 0);
    {
        cJSON *root = PARSE_JSON(r.out);
        assert_string_equal(jstr(jget(jget(jget(jget(root, "answers"), "q09"), "fields"),
                                      "military_findings"), "value"), "Before the snapshot");
        cJSON_Delete(root);
    }
    run_free(&r);

    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "After the snapshot");
    run_free(&r);

    RUN(c, &r, NULL, "show", "abc", "--snapshot", "20991231T000000Z");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "has no snapshot \"20991231T000000Z\"");
    assert_string_equal(r.out, "");
    run_free(&r);
    RUN(c, &r, NULL, "show", "abc", "--snapshot", SNAP2);
    EXPECT_STATUS(&r, 3);
    run_free(&r);
    RUN(c, &r, NULL, "show", "nope", "--snapshot", SNAP1);
    EXPECT_STATUS(&r, 3);
    run_free(&r);
}

/* ---- help ------------------------------------------------------------------- */

static void test_help_question(void **state)
{
    struct cx *c = *state;
    struct tu_run r, r2;
    struct catalog *cat = bundled();
    const struct cat_question *q9 = catalog_question(cat, "9");
    static const char *const heads[] = { "QUESTION", "WHY IT MATTERS", "WHAT TO CHECK",
                                         "WHO CAN HELP", "REFERENCES", "SEE ALSO" };
    RUN(c, &r, NULL, "help", "9");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.err, "");
    for (size_t i = 0; i < sizeof(heads) / sizeof(*heads); i++) {
        char line[64];
        snprintf(line, sizeof(line), "\n%s\n", heads[i]);
        OUT_HAS(&r, line);
    }
    OUT_HAS(&r, "Military research and dual use");
    assert_true(contains_squashed(r.out, l10n_get(&q9->text, LANG_EN)));
    assert_false(contains_squashed(r.out, l10n_get(&q9->text, LANG_DE)));
    OUT_HAS(&r, "military_checked");
    assert_false(has_byte(r.out, '\x1b'));
    /* q09 and 09 name the same question */
    RUN(c, &r2, NULL, "help", "q09");
    EXPECT_STATUS(&r2, 0);
    assert_string_equal(r2.out, r.out);
    run_free(&r2);
    run_free(&r);
    catalog_free(cat);
}

static void test_help_question_german(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct catalog *cat = bundled();
    const struct cat_question *q9 = catalog_question(cat, "9");
    RUN(c, &r, NULL, "--lang", "de", "help", "9");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "\nWARUM ES WICHTIG IST\n");
    OUT_HAS(&r, "\nFRAGE\n");
    OUT_LACKS(&r, "WHY IT MATTERS");
    OUT_HAS(&r, l10n_get(&q9->title, LANG_DE));
    assert_true(contains_squashed(r.out, l10n_get(&q9->text, LANG_DE)));
    run_free(&r);
    RUN(c, &r, NULL, "help", "9", "--lang", "fr");
    EXPECT_STATUS(&r, 2);
    run_free(&r);
    catalog_free(cat);
}

static void test_help_index(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct catalog *cat = bundled();
    assert_int_equal(cat->nquestions, 19);
    RUN(c, &r, NULL, "help");
    EXPECT_STATUS(&r, 0);
    for (size_t i = 0; i < cat->nquestions; i++) {
        char line[300];
        snprintf(line, sizeof(line), "%d  %s\n", cat->questions[i].number,
                 l10n_get(&cat->questions[i].title, LANG_EN));
        OUT_HAS(&r, line);
    }
    OUT_HAS(&r, "'coopcheck help N'");
    run_free(&r);
    RUN(c, &r, NULL, "--lang", "de", "help");
    EXPECT_STATUS(&r, 0);
    for (size_t i = 0; i < cat->nquestions; i++)
        OUT_HAS(&r, l10n_get(&cat->questions[i].title, LANG_DE));
    run_free(&r);
    catalog_free(cat);
}

static void test_help_unknown_question(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    static const char *const bad[] = { "0", "q20", "20", "q00", "x", "-1" };
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        RUN(c, &r, NULL, "help", "--", bad[i]);
        EXPECT_STATUS(&r, 3);
        ERR_HAS(&r, "has no question");
        ERR_HAS(&r, bad[i]);
        ERR_HAS(&r, "(1-19)");
        assert_string_equal(r.out, "");
        run_free(&r);
    }
    RUN(c, &r, NULL, "help", "9", "--catalog", "no-such-catalogue");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "no catalogue \"no-such-catalogue\"");
    run_free(&r);
}

/* ---- catalog ---------------------------------------------------------------- */

static void test_catalog_list_and_show(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct catalog *cat = bundled();
    RUN(c, &r, NULL, "catalog", "list");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "bmbf-china-2024 ");
    OUT_HAS(&r, "19 questions");
    OUT_HAS(&r, "bmbf-china-2024.json");
    assert_string_equal(r.err, "");
    run_free(&r);

    RUN(c, &r, NULL, "catalog", "show");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "id bmbf-china-2024, version 2024-11, 19 questions");
    OUT_HAS(&r, "q09  Military research and dual use");
    OUT_HAS(&r, "military_checked ");
    /* every field of every question, with its type */
    for (size_t i = 0; i < cat->nquestions; i++)
        for (size_t f = 0; f < cat->questions[i].nfields; f++) {
            char line[200];
            snprintf(line, sizeof(line), "%-22s %s", cat->questions[i].fields[f].id,
                     cat->questions[i].fields[f].type == FIELD_YESNO ? "yesno" : "text");
            OUT_HAS(&r, line);
        }
    run_free(&r);

    RUN(c, &r, NULL, "catalog", "show", "bmbf-china-2024");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "military_checked");
    run_free(&r);
    RUN(c, &r, NULL, "catalog", "show", "nope");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "no catalogue \"nope\"");
    run_free(&r);
    RUN(c, &r, NULL, "catalog", "frob");
    EXPECT_STATUS(&r, 2);
    run_free(&r);
    catalog_free(cat);
}

static void test_catalog_validate_bundled(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char *path = tu_src_path(BUNDLED);
    RUN(c, &r, NULL, "catalog", "validate", path);
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "valid catalogue \"bmbf-china-2024\" version 2024-11");
    OUT_HAS(&r, "(sections: 4, questions: 19)");
    assert_string_equal(r.err, "");
    run_free(&r);
    free(path);
}

/* A copy of the bundled catalogue with extra inserted as a new line right
 * after the first line containing anchor, indented like that line.  *line and
 * *col receive the position of the inserted key. */
static char *broken_copy(const char *anchor, const char *extra, int *line, int *col)
{
    char *src = tu_src_path(BUNDLED), *text = tu_read(src, NULL), *at, *bol, *eol, *out;
    size_t indent;
    assert_non_null(text);
    at = strstr(text, anchor);
    assert_non_null(at);
    bol = at;
    while (bol > text && bol[-1] != '\n')
        bol--;
    eol = strchr(at, '\n');
    assert_non_null(eol);
    indent = strspn(bol, " ");
    *line = 1;
    for (const char *p = text; p < eol; p++)
        *line += *p == '\n';
    (*line)++;
    *col = (int)indent + 1;
    out = malloc(strlen(text) + indent + strlen(extra) + 2);
    assert_non_null(out);
    sprintf(out, "%.*s\n%*s%s%s", (int)(eol - text), text, (int)indent, "", extra, eol);
    free(text);
    free(src);
    return out;
}

/* A copy of the bundled catalogue with an unknown key, as NAME in the
 * user's catalogue directory (created); its path into file. */
static void put_broken_user_catalogue(struct cx *c, const char *name, char *file, size_t len)
{
    char dir[4300], *text;
    int line, col;
    snprintf(dir, sizeof(dir), "%s/coopcheck", c->cfg);
    assert_int_equal(mkdir(c->cfg, 0700), 0);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(dir, sizeof(dir), "%s/coopcheck/catalog", c->cfg);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(file, len, "%s/%s", dir, name);
    text = broken_copy("\"format\": 1,", "\"colour\": \"red\",", &line, &col);
    tu_write(file, text);
    free(text);
}

static void test_catalog_validate_broken(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    int line, col, gl, gc;
    char want[100];
    const char *dup = tpath(c, "dup.json");
    const char *unk = tpath(c, "unknown.json");
    char *text;

    /* a second "version" key right after the first one */
    text = broken_copy("\"version\": \"2024-11\",", "\"version\": \"2099-01\",", &line, &col);
    tu_write(dup, text);
    free(text);
    RUN(c, &r, NULL, "catalog", "validate", dup);
    EXPECT_STATUS(&r, 4);
    snprintf(want, sizeof(want), ":%d:%d: duplicate key \"version\"", line, col);
    ERR_HAS(&r, dup);
    ERR_HAS(&r, want);
    assert_true(names_position(r.err, dup, &gl, &gc));
    ERR_HAS(&r, "1 problem; the catalogue cannot be used until it is fixed");
    assert_string_equal(r.out, "");
    run_free(&r);

    /* an unknown key */
    text = broken_copy("\"format\": 1,", "\"colour\": \"red\",", &line, &col);
    tu_write(unk, text);
    free(text);
    RUN(c, &r, NULL, "catalog", "validate", unk);
    EXPECT_STATUS(&r, 4);
    snprintf(want, sizeof(want), ":%d:%d: unknown key \"colour\"", line, col);
    ERR_HAS(&r, unk);
    ERR_HAS(&r, want);
    assert_string_equal(r.out, "");
    run_free(&r);

    /* truncated JSON */
    tu_write(unk, "{\n  \"format\": 1,\n  \"id\": ");
    RUN(c, &r, NULL, "catalog", "validate", unk);
    EXPECT_STATUS(&r, 4);
    assert_true(names_position(r.err, unk, &gl, &gc));
    assert_int_equal(gl, 3);
    run_free(&r);

    /* a broken copy in the user's catalogue directory does not stop the others */
    {
        char file[4400];
        put_broken_user_catalogue(c, "broken.json", file, sizeof(file));
        RUN(c, &r, NULL, "help", "9");
        EXPECT_STATUS(&r, 0);
        OUT_HAS(&r, "Military research and dual use");
        run_free(&r);
        RUN(c, &r, NULL, "catalog", "list");
        EXPECT_STATUS(&r, 4);
        OUT_HAS(&r, "bmbf-china-2024");
        ERR_HAS(&r, "broken.json");
        run_free(&r);
    }
}

static void test_catalog_validate_missing_file(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    const char *missing = tpath(c, "no-such-file.json");
    RUN(c, &r, NULL, "catalog", "validate", missing);
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, missing);
    assert_string_equal(r.out, "");
    run_free(&r);
}

/* An assessment of a catalogue that is not there: the message says so, and
 * why the catalogue files that are there did not load (the user's copy may
 * be the one that is broken). */
static void test_assessment_of_a_missing_catalogue(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct bytes before;
    char file[4400], *text, *at;
    new_coop(c, "abc");
    text = tu_read(apath(c, "abc"), NULL);
    at = strstr(text, "\"bmbf-china-2024\"");
    assert_non_null(at);
    memcpy(at + 1, "bmbf-china-2099", 15);
    tu_write(apath(c, "abc"), text);
    free(text);
    before = grab(apath(c, "abc"));
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "answers the catalogue \"bmbf-china-2099\", which is not installed");
    ERR_LACKS(&r, "skipped a catalogue");
    run_free(&r);

    put_broken_user_catalogue(c, "bmbf-china-2099.json", file, sizeof(file));
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "which is not installed");
    ERR_HAS(&r, "skipped a catalogue that does not load");
    ERR_HAS(&r, file);
    ERR_HAS(&r, "unknown key \"colour\"");
    assert_string_equal(r.out, "");
    run_free(&r);
    EXPECT_SAME(apath(c, "abc"), &before);
    free(before.buf);
}

/* ---- damaged and newer files -------------------------------------------------- */

static void test_damaged_assessment(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct bytes before;
    size_t len;
    char *text;
    int line, col;
    new_coop(c, "abc");
    new_coop(c, "good");
    set_ok(c, "abc", "9", "military_checked", "yes");
    text = tu_read(apath(c, "abc"), &len);
    assert_non_null(text);
    write_bytes(apath(c, "abc"), text, len / 2);   /* truncated */
    free(text);
    before = grab(apath(c, "abc"));

    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 4);
    assert_true(names_position(r.err, apath(c, "abc"), &line, &col));
    assert_string_equal(r.out, "");
    run_free(&r);
    EXPECT_SAME(apath(c, "abc"), &before);

    RUN(c, &r, NULL, "set", "abc", "9", "military_checked", "no");
    EXPECT_STATUS(&r, 4);
    assert_true(names_position(r.err, apath(c, "abc"), &line, &col));
    run_free(&r);
    EXPECT_SAME(apath(c, "abc"), &before);

    RUN(c, &r, "text\n", "set", "abc", "9", "dual_use", "-");
    EXPECT_STATUS(&r, 4);
    run_free(&r);
    EXPECT_SAME(apath(c, "abc"), &before);

    RUN(c, &r, NULL, "snapshot", "abc", "-m", "note", "--interim");
    EXPECT_STATUS(&r, 4);
    run_free(&r);
    EXPECT_SAME(apath(c, "abc"), &before);
    assert_int_equal(tu_mode(spath(c, "abc", SNAP1)), -1);

    /* list names the bad file, still lists the good one, and says so by its status */
    RUN(c, &r, NULL, "list");
    EXPECT_STATUS(&r, 4);
    OUT_HAS(&r, "good ");
    assert_true(names_position(r.err, apath(c, "abc"), &line, &col));
    run_free(&r);

    /* not JSON at all, and an empty file */
    write_bytes(apath(c, "abc"), "garbage", 7);
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 4);
    assert_true(names_position(r.err, apath(c, "abc"), &line, &col));
    assert_int_equal(line, 1);
    run_free(&r);
    write_bytes(apath(c, "abc"), "", 0);
    RUN(c, &r, NULL, "set", "abc", "9", "military_checked", "no");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, apath(c, "abc"));
    run_free(&r);
    assert_int_equal(tu_mode(apath(c, "abc")) >= 0, 1);
    free(before.buf);
    text = tu_read(apath(c, "abc"), &len);
    assert_non_null(text);
    assert_int_equal(len, 0);
    free(text);
}

static void test_newer_format(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct bytes before;
    cJSON *root;
    char *text, *printed;
    new_coop(c, "abc");
    text = tu_read(apath(c, "abc"), NULL);
    assert_non_null(text);
    root = PARSE_JSON(text);
    free(text);
    assert_true(cJSON_ReplaceItemInObjectCaseSensitive(root, "format", cJSON_CreateNumber(ASSESSMENT_FORMAT + 1)));
    printed = cJSON_Print(root);
    assert_non_null(printed);
    tu_write(apath(c, "abc"), printed);
    cJSON_free(printed);
    cJSON_Delete(root);
    before = grab(apath(c, "abc"));

    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, apath(c, "abc"));
    ERR_HAS(&r, "newer");
    ERR_HAS(&r, "update");
    assert_string_equal(r.out, "");
    run_free(&r);
    RUN(c, &r, NULL, "set", "abc", "9", "military_checked", "yes");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "update");
    run_free(&r);
    RUN(c, &r, NULL, "set", "abc", "9", "--followup", "on");
    EXPECT_STATUS(&r, 4);
    run_free(&r);
    RUN(c, &r, NULL, "snapshot", "abc", "-m", "note", "--interim");
    EXPECT_STATUS(&r, 4);
    run_free(&r);
    EXPECT_SAME(apath(c, "abc"), &before);
    assert_int_equal(tu_mode(tpath(c, "data/%s/snapshots", "abc")), -1);
    free(before.buf);
}

/* ---- configuration as the program reads it ------------------------------------- */

static void write_config(struct cx *c, const char *text)
{
    char dir[4300], file[4400];
    snprintf(dir, sizeof(dir), "%s/coopcheck", c->cfg);
    mkdir(c->cfg, 0700);
    mkdir(dir, 0700);
    snprintf(file, sizeof(file), "%s/config.ini", dir);
    tu_write(file, text);
}

/* help --keys: every screen's keys as configured, as text or as the roff of
 * coopcheck(1)'s table. */
static void test_help_keys(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    RUN(c, &r, NULL, "help", "--keys");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "The list of cooperations\n");
    OUT_HAS(&r, "An assessment\n");
    OUT_HAS(&r, "The editor of a text field\n");
    OUT_HAS(&r, "    j/Down           move down\n");
    OUT_HAS(&r, "    1-9              go to the question with this number\n");
    OUT_HAS(&r, "[keys]");
    assert_string_equal(r.err, "");
    run_free(&r);
    RUN(c, &r, NULL, "help", "--keys", "--roff");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, ".SS \"An assessment\"\n");
    OUT_HAS(&r, ".TP\n\\fBj\\fR, \\fBDown\\fR\nMove down\n.RB ( down ).\n");
    OUT_HAS(&r, "\\fBC\\-g\\fR");
    run_free(&r);
    /* the configured keys, in German */
    write_config(c, "[general]\nlanguage = de\n[keys]\ndown = J, Down\n");
    RUN(c, &r, NULL, "help", "--keys");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "J/Down");
    OUT_LACKS(&r, "j/Down");
    OUT_LACKS(&r, "The list of cooperations");
    run_free(&r);
    /* no question, no catalogue */
    RUN(c, &r, NULL, "--lang", "en", "help", "--keys", "9");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "--keys shows the keys of every screen and takes no question (\"9\")");
    assert_string_equal(r.out, "");
    run_free(&r);
}

static void test_config_is_used(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root;
    write_config(c, "[general]\nlanguage = de\ninterval_months = 6\n");
    RUN(c, &r, NULL, "new", "abc");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.err, "");
    run_free(&r);
    RUN(c, &r, NULL, "new", "ghi", "--interval", "3");   /* the option wins */
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    RUN(c, &r, NULL, "show", "abc", "--json");
    EXPECT_STATUS(&r, 0);
    root = PARSE_JSON(r.out);
    assert_int_equal(jget(jget(root, "cooperation"), "interval_months")->valueint, 6);
    cJSON_Delete(root);
    run_free(&r);
    RUN(c, &r, NULL, "show", "ghi", "--json");
    EXPECT_STATUS(&r, 0);
    root = PARSE_JSON(r.out);
    assert_int_equal(jget(jget(root, "cooperation"), "interval_months")->valueint, 3);
    cJSON_Delete(root);
    run_free(&r);
    /* and counts from the first complete snapshot */
    CX_ANSWER_ALL(c, "abc");
    RUN(c, &r, NULL, "--lang", "en", "snapshot", "abc", "-m", "Round 1");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "the next re-assessment is due 2027-05-27");
    run_free(&r);
    RUN(c, &r, NULL, "help", "9");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "WARUM ES WICHTIG IST");
    run_free(&r);
    /* --lang wins over the file */
    RUN(c, &r, NULL, "--lang", "en", "help", "9");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "WHY IT MATTERS");
    run_free(&r);

    /* a bad file is reported (naming it) and the defaults are used */
    write_config(c, "[general]\ninterval_months = 0\n");
    RUN(c, &r, NULL, "new", "def");
    EXPECT_STATUS(&r, 0);
    ERR_HAS(&r, "config.ini:2:");
    ERR_HAS(&r, "interval_months");
    run_free(&r);
    RUN(c, &r, NULL, "show", "def");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "every 12 months");
    run_free(&r);

    /* the problem is told in the language the file (or --lang) chose, which
     * was not known yet when the file was read */
    write_config(c, "[general]\nlanguage = de\ninterval_months = 0\n");
    RUN(c, &r, NULL, "list");
    EXPECT_STATUS(&r, 0);
    ERR_HAS(&r, "config.ini:3:19: interval_months muss eine Anzahl Monate von 1 bis 120 sein, "
                "nicht \"0\" (die übrigen Einstellungen werden verwendet)");
    run_free(&r);
    RUN(c, &r, NULL, "--lang", "en", "list");
    EXPECT_STATUS(&r, 0);
    ERR_HAS(&r, "config.ini:3:19: interval_months must be a number of months from 1 to 120, "
                "not \"0\" (the other settings are used)");
    run_free(&r);
    /* a file iniparser cannot read: none of it is used, and it says so */
    write_config(c, "[general]\nlanguage = de\n[keys\n");
    RUN(c, &r, NULL, "--lang", "de", "list");
    EXPECT_STATUS(&r, 0);
    ERR_HAS(&r, "config.ini:3:1: ");
    ERR_HAS(&r, "\"[keys\"");
    ERR_HAS(&r, "(keine ihrer Einstellungen wird verwendet, bis sie berichtigt ist)");
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_help_option, setup, teardown),
        cmocka_unit_test_setup_teardown(test_command_help, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rows_fit_80, setup, teardown),
        cmocka_unit_test_setup_teardown(test_version_option, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_command, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_option, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_needs_terminal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_modes_under_umask_000, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_writes_the_metadata, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_bad_slug, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_duplicate_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_interval_range, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_start_not_a_date, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_refuses_control_characters_in_title, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_refuses_control_characters_in_pi_and_country, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_unknown_catalogue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_data_option, setup, teardown),
        cmocka_unit_test_setup_teardown(test_output_error_is_status_6, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_plain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_whole_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_status_due_and_overdue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_yesno_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_text_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_text_from_stdin, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_refused_leaves_file_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_followup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_show_plain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_show_escapes_control_characters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_show_and_list_escape_metadata_from_the_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_show_json_escapes_control_characters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_show_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_show_lang, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snapshot_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snapshot_note, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snapshot_starts_round_two, setup, teardown),
        cmocka_unit_test_setup_teardown(test_show_snapshot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help_question, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help_question_german, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help_index, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help_unknown_question, setup, teardown),
        cmocka_unit_test_setup_teardown(test_catalog_list_and_show, setup, teardown),
        cmocka_unit_test_setup_teardown(test_catalog_validate_bundled, setup, teardown),
        cmocka_unit_test_setup_teardown(test_catalog_validate_broken, setup, teardown),
        cmocka_unit_test_setup_teardown(test_assessment_of_a_missing_catalogue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_catalog_validate_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_assessment, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_format, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_is_used, setup, teardown),
    };
    return cmocka_run_group_tests(tests, cx_group_setup, NULL);
}
