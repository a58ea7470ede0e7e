/* clitest.h — driving the built coopcheck binary from a cmocka suite: the
 * per-test fixture (a private directory and a fixed environment), running the
 * program, expectations on its exit status and output, paths of the files it
 * writes, byte snapshots of files, and a few JSON helpers.  Used by
 * tests/test_cli.c and tests/test_rounds.c; no curses.
 *
 * The fixture.  cx_setup gives every test its own temporary directory <tmp>
 * and an environment of entries applied on top of the test process's own
 * (see tu_run):
 *     COOPCHECK_DATA=<tmp>/data     (not created before the first command)
 *     XDG_CONFIG_HOME=<tmp>/cfg     (not created either)
 *     HOME=<tmp>
 *     COOPCHECK_NOW=NOW             (a fixed clock)
 *     LANG=C.UTF-8, and LC_ALL, LC_MESSAGES, XDG_DATA_HOME, COLUMNS removed
 *     (English, 80 columns; output goes to pipes)
 * followed by the suite's own entries, so that the user's configuration,
 * catalogues and data never interfere.
 *
 * Memory.  Every run's output buffers are tracked from RUN (or run_argv) to
 * run_free: a failing assertion jumps out of the test before its run_free, and
 * cx_teardown frees what is left, so that a failure is not followed by a
 * LeakSanitizer report.  At most 32 runs may be unfreed at a time.
 *
 * Names.  The functions keep the short names the suites use.  Every test
 * program links the support objects, so these names are global in all of
 * them: no other suite may define a non-static function of the same name. */
#ifndef COOPCHECK_CLITEST_H
#define COOPCHECK_CLITEST_H

#include <stddef.h>
#include <sys/types.h>
#include <cjson/cJSON.h>

#include "testutil.h"

struct catalog;

/* The fixed clock of every run, and the names of the first two snapshots
 * taken at that time. */
#define NOW "2026-11-27T03:45:21Z"
#define SNAP1 "20261127T034521Z"
#define SNAP2 "20261127T034521Z-2"
/* The bundled catalogue, relative to the repository root. */
#define BUNDLED "catalog/bmbf-china-2024.json"

/* ---- the fixture ------------------------------------------------------------ */

struct cx {
    char *tmp;                /* the test's private directory (tu_tempdir) */
    char data[4096];          /* <tmp>/data: COOPCHECK_DATA */
    char cfg[4096];           /* <tmp>/cfg: XDG_CONFIG_HOME */
    char env_data[4200], env_cfg[4200], env_home[4200];
    char env_now[64];         /* "COOPCHECK_NOW=NOW"; a suite may rewrite it
                               * (same size) to move the clock of later runs */
    const char *env[16];      /* the entries above, NULL-terminated */
    mode_t umask_before;      /* the umask when the test started */
};

/* cmocka setup: allocates a struct cx into *state and fills it as described
 * above; extra (NULL-terminated, may be NULL; at most 6 entries, kept by
 * pointer, so string literals) is appended to the environment.  Returns 0,
 * or -1 when out of memory. */
int cx_setup(void **state, const char *const *extra);
/* cmocka teardown: restores the umask (in case a test failed after changing
 * it), frees every run still tracked, removes <tmp> and frees the fixture. */
int cx_teardown(void **state);
/* cmocka group setup: fails the group at once, with one message, when
 * tu_bin() is not an executable program (otherwise every test would fail
 * alike). */
int cx_group_setup(void **state);

/* ---- running the program ------------------------------------------------------ */

/* tu_run (argv[0] a path, env the full list of entries applied on top of the
 * test process's environment), with r's buffers tracked.  Free with
 * run_free. */
void run_argv(struct tu_run *r, const char *in, const char *const argv[],
              const char *const env[]);
/* Runs tu_bin() with the arguments args (NULL-terminated) and stdin from in
 * (NULL: /dev/null), in the fixture's environment followed by the entries of
 * extra (NULL-terminated, may be NULL).  Free with run_free. */
void run_v(const struct cx *c, struct tu_run *r, const char *in, const char *const *extra,
           const char *const *args);
/* Frees r's buffers and stops tracking them. */
void run_free(struct tu_run *r);

/* RUN(c, &r, stdin_or_NULL, "arg", ...) runs coopcheck with those arguments;
 * RUN_ENV(c, &r, "NAME=value", "arg", ...) adds one environment entry. */
#define RUN(c, r, in, ...) run_v((c), (r), (in), NULL, (const char *const[]){ __VA_ARGS__, NULL })
#define RUN_ENV(c, r, extra, ...) \
    run_v((c), (r), NULL, (const char *const[]){ extra, NULL }, (const char *const[]){ __VA_ARGS__, NULL })
/* Runs args with stdin from in (NULL: /dev/null); it must exit 0 (a failure
 * names file:line of the caller).  OK(c, "arg", ...) and OK_IN(c, in, ...). */
void cx_ok_(const struct cx *c, const char *in, const char *const *args, const char *file, int line);
#define OK(c, ...) cx_ok_((c), NULL, (const char *const[]){ __VA_ARGS__, NULL }, __FILE__, __LINE__)
#define OK_IN(c, in, ...) \
    cx_ok_((c), (in), (const char *const[]){ __VA_ARGS__, NULL }, __FILE__, __LINE__)

/* ---- expectations --------------------------------------------------------------- */

/* s made safe to print in a failure message: control characters other than
 * newline and tab, C1 controls and the bidi controls (U+200E/F, U+2028/9,
 * U+202A-E, U+2066-9) as \xNN escapes, the rest as it is.  Caller frees. */
char *printable(const char *s);

/* Each fails the test at file:line, printing what it found (stdout and stderr
 * of the run for a wrong status). */
void expect_status_(const struct tu_run *r, int want, const char *file, int line);
/* hay contains needle; what names hay in the message ("stdout", ...). */
void expect_in_(const char *hay, const char *needle, const char *what, const char *file,
                int line);
/* hay does not contain needle. */
void expect_not_in_(const char *hay, const char *needle, const char *what, const char *file,
                    int line);

#define EXPECT_STATUS(r, want) expect_status_((r), (want), __FILE__, __LINE__)
/* Every row of text is at most cols columns (characters of UTF-8 text; the
 * outputs checked have no wide ones), but for rows that are one word longer
 * than that (a path, an address: kept whole). */
void expect_rows_fit_(const char *text, size_t cols, const char *what, const char *file,
                      int line);
#define ROWS_FIT_80(text, what) expect_rows_fit_((text), 80, (what), __FILE__, __LINE__)
#define OUT_HAS(r, s) expect_in_((r)->out, (s), "stdout", __FILE__, __LINE__)
#define ERR_HAS(r, s) expect_in_((r)->err, (s), "stderr", __FILE__, __LINE__)
#define OUT_LACKS(r, s) expect_not_in_((r)->out, (s), "stdout", __FILE__, __LINE__)
#define ERR_LACKS(r, s) expect_not_in_((r)->err, (s), "stderr", __FILE__, __LINE__)
#define HAS(s, needle) expect_in_((s), (needle), "text", __FILE__, __LINE__)
#define LACKS(s, needle) expect_not_in_((s), (needle), "text", __FILE__, __LINE__)

/* ---- paths under the test's directory ---------------------------------------------- */

/* <tmp>/<fmt...>, in a static buffer: 8 of them in rotation, so a result is
 * good for the next 7 calls of these three (copy it to keep it longer). */
const char *tpath(const struct cx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* <tmp>/data/<id>/assessment.json (the working assessment), like tpath. */
const char *apath(const struct cx *c, const char *id);
/* <tmp>/data/<id>/snapshots/<snap>.json, like tpath. */
const char *spath(const struct cx *c, const char *id, const char *snap);

/* ---- byte snapshots of files ----------------------------------------------------------- */

/* A file's bytes, to prove that a command (a refused one, or one that only
 * reads) left it alone.  The caller frees buf. */
struct bytes {
    char *buf;
    size_t len;
};
/* The bytes of path now; fails the test when it cannot be read. */
struct bytes grab(const char *path);
/* path still holds exactly b's bytes. */
void expect_same_(const char *path, struct bytes *b, const char *file, int line);
#define EXPECT_SAME(path, b) expect_same_((path), (b), __FILE__, __LINE__)

/* ---- JSON ------------------------------------------------------------------------------ */

/* text parsed as one JSON document with nothing after it; fails the test
 * (showing where) when it is not.  Caller frees with cJSON_Delete. */
cJSON *parse_json_(const char *text, const char *file, int line);
#define PARSE_JSON(text) parse_json_((text), __FILE__, __LINE__)
/* Member key of object o (case-sensitive), or NULL (also when o is NULL).
 * Borrowed from o. */
cJSON *jget(const cJSON *o, const char *key);
/* The string value of member key, or NULL when absent or not a string.
 * Borrowed from o. */
const char *jstr(const cJSON *o, const char *key);

/* ---- text and catalogue ------------------------------------------------------------------- */

/* 1 when needle occurs in hay once every run of white space in both is one
 * space (text wrapped by the program compared with the catalogue's). */
int contains_squashed(const char *hay, const char *needle);
/* The bundled catalogue (BUNDLED under tu_srcdir()), loaded; fails the test
 * when it does not load.  Caller frees with catalog_free. */
struct catalog *bundled(void);
/* A copy of the bundled catalogue as "bmbf-mini" version 2099-01 without
 * q19's field "structures", installed as the user's under config home cfg
 * ($XDG_CONFIG_HOME): cfg/coopcheck/catalog/bmbf-mini.json. */
void install_mini_catalogue(const char *cfg);

#endif
