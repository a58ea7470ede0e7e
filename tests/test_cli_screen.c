/* test_cli_screen.c — partner screening through the built binary: lists
 * added, shown and removed with their provenance; a broken list refused at
 * file:line:column with the installed one left as it was; `lists fetch`
 * from a loopback server this test starts (a good download, a truncated
 * one, a 404, a file that is no list, a known list's address from
 * config.ini); screening on `new`, explained hits, decisions carried over
 * to the next screening and reopened when the entry changed; no hit said
 * as "no entry found in", old lists said as old; hits as open items; the
 * record in the file, `show`, `diff` and the report. */
#include "cliassess.h"
#include "clitest.h"
#include "httpd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sha256.h"

#define ID "hit-ai"

static const char watch_csv[] =
    "name,aliases,category,note,url\n"
    "Harbin Institute of Technology,哈尔滨工业大学;HIT,Very high risk,Entity List since 2020,"
    "https://example.org/hit\n"
    "National University of Defense Technology,国防科技大学;NUDT,Very high risk,,"
    "https://example.org/nudt\n";

/* The same list with the first entry's note changed. */
static const char watch_csv_changed[] =
    "name,aliases,category,note,url\n"
    "Harbin Institute of Technology,哈尔滨工业大学;HIT,Very high risk,Entity List since 2020; "
    "also 1260H,https://example.org/hit\n"
    "National University of Defense Technology,国防科技大学;NUDT,Very high risk,,"
    "https://example.org/nudt\n";

static int setup(void **state)
{
    return cx_setup(state, (const char *const[]){ "NO_COLOR=", NULL });
}

static struct httpd server;

static int teardown(void **state)
{
    httpd_stop(&server);   /* also when a test failed before it did */
    return cx_teardown(state);
}

static const char *lists_dir(const struct cx *c)
{
    return tpath(c, ".local/share/coopcheck/lists");
}

static const char *write_list(const struct cx *c, const char *name, const char *text)
{
    const char *p = tpath(c, "%s", name);
    tu_write(p, text);
    return p;
}

static cJSON *working(const struct cx *c)
{
    size_t len;
    char *text = tu_read(apath(c, ID), &len);
    cJSON *root;
    assert_non_null(text);
    root = PARSE_JSON(text);
    free(text);
    return root;
}

static cJSON *last_hits(cJSON *root)
{
    cJSON *s = jget(root, "screenings");
    assert_true(cJSON_IsArray(s));
    return jget(cJSON_GetArrayItem(s, cJSON_GetArraySize(s) - 1), "hits");
}

static void add_own(struct cx *c, const char *text)
{
    OK(c, "lists", "add", write_list(c, "watch.csv", text), "--name", "own");
}

/* ---- lists ---- */

static void test_lists_add_show_remove(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char sha[65];
    struct stat st;
    cJSON *arr;

    RUN(c, &r, NULL, "lists");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "No screening list is installed");
    OUT_HAS(&r, "aspi");
    OUT_HAS(&r, "csl");
    run_free(&r);

    sha256_hex(watch_csv, strlen(watch_csv), sha);
    RUN(c, &r, NULL, "lists", "add", write_list(c, "My Watch List.csv", watch_csv));
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "installed list \"my-watch-list\": 2 entries, 6 names (csv)");
    OUT_HAS(&r, sha);
    OUT_LACKS(&r, "replaces");
    run_free(&r);
    /* the same name again: the output says which list it replaced */
    RUN_ENV(c, &r, "COLUMNS=300", "lists", "add", write_list(c, "my-watch-list.csv", watch_csv));
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "installed list \"my-watch-list\": 2 entries, 6 names (csv)");
    OUT_HAS(&r, "\n  it replaces the one from ");
    OUT_HAS(&r, "My Watch List.csv, retrieved 2026-11-27 (2 entries, csv, SHA-256 ");
    run_free(&r);
    assert_int_equal(stat(lists_dir(c), &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_int_equal(tu_mode(tpath(c, ".local/share/coopcheck/lists/my-watch-list/list.json")), 0600);

    RUN(c, &r, NULL, "lists", "--json");
    EXPECT_STATUS(&r, 0);
    arr = PARSE_JSON(r.out);
    assert_int_equal(cJSON_GetArraySize(arr), 1);
    assert_string_equal(jstr(cJSON_GetArrayItem(arr, 0), "name"), "my-watch-list");
    assert_string_equal(jstr(cJSON_GetArrayItem(arr, 0), "sha256"), sha);
    assert_string_equal(jstr(cJSON_GetArrayItem(arr, 0), "retrieved"), NOW);
    assert_int_equal(jget(cJSON_GetArrayItem(arr, 0), "entries")->valueint, 2);
    cJSON_Delete(arr);
    run_free(&r);

    RUN(c, &r, NULL, "lists");
    OUT_HAS(&r, "my-watch-list  csv, 2 entries, retrieved 2026-11-27");
    OUT_HAS(&r, sha);
    run_free(&r);

    OK(c, "lists", "remove", "my-watch-list");
    assert_int_not_equal(access(tpath(c, ".local/share/coopcheck/lists/my-watch-list"), F_OK), 0);
    RUN(c, &r, NULL, "lists", "remove", "my-watch-list");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "no list called \"my-watch-list\"");
    run_free(&r);
}

static void test_lists_broken_keeps_installed(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char *before;
    add_own(c, watch_csv);
    before = cx_tree(lists_dir(c));
    RUN(c, &r, NULL, "lists", "add",
        write_list(c, "bad.csv", "name,aliases,colour\nHarbin Institute of Technology,,red\n"),
        "--name", "own");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "bad.csv:1:");
    ERR_HAS(&r, "colour");
    run_free(&r);
    CX_EXPECT_TREE(lists_dir(c), before);
    free(before);

    RUN(c, &r, NULL, "lists", "add", write_list(c, "x.csv", watch_csv), "--name", "Bad Name");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "cannot name a list");
    run_free(&r);
    RUN(c, &r, NULL, "lists", "add", write_list(c, "y.csv", watch_csv), "--format", "pdf");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "--format is csl-json, csl-csv, misp, opensanctions or csv");
    run_free(&r);
}

/* ---- fetch ---- */

static void test_lists_fetch_loopback(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char srv[4400];
    char *url, *before, sha[65], ini[600];

    snprintf(srv, sizeof(srv), "%s", tpath(c, "srv"));
    assert_int_equal(mkdir(srv, 0700), 0);
    tu_write(tpath(c, "srv/watch.csv"), watch_csv);
    tu_write(tpath(c, "srv/page.html"), "<html><body>moved</body></html>\n");
    assert_int_equal(httpd_start(&server, srv), 0);

    url = httpd_url(&server, "watch.csv");
    RUN(c, &r, NULL, "lists", "fetch", url, "--name", "web");
    EXPECT_STATUS(&r, 0);
    ERR_HAS(&r, "downloading");
    OUT_HAS(&r, "installed list \"web\": 2 entries");
    run_free(&r);
    sha256_hex(watch_csv, strlen(watch_csv), sha);
    RUN(c, &r, NULL, "lists");
    OUT_HAS(&r, url);
    OUT_HAS(&r, sha);
    run_free(&r);
    free(url);

    before = cx_tree(lists_dir(c));
    url = httpd_url(&server, "truncated/watch.csv");
    RUN(c, &r, NULL, "lists", "fetch", url, "--name", "web");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "could not download");
    ERR_HAS(&r, "left as it was");
    run_free(&r);
    free(url);
    CX_EXPECT_TREE(lists_dir(c), before);

    url = httpd_url(&server, "missing.csv");
    RUN(c, &r, NULL, "lists", "fetch", url, "--name", "web");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "404");
    run_free(&r);
    free(url);
    CX_EXPECT_TREE(lists_dir(c), before);

    url = httpd_url(&server, "page.html");
    RUN(c, &r, NULL, "lists", "fetch", url, "--name", "web");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "not a list coopcheck can install");
    run_free(&r);
    free(url);
    CX_EXPECT_TREE(lists_dir(c), before);
    free(before);

    /* a known list's address from config.ini's [lists] */
    url = httpd_url(&server, "watch.csv");
    assert_int_equal(mkdir(c->cfg, 0700), 0);
    assert_int_equal(mkdir(tpath(c, "cfg/coopcheck"), 0700), 0);
    snprintf(ini, sizeof(ini), "[lists]\naspi = %s\n", url);
    tu_write(tpath(c, "cfg/coopcheck/config.ini"), ini);
    RUN(c, &r, NULL, "lists", "fetch", "aspi", "--format", "csv");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "installed list \"aspi\"");
    run_free(&r);
    free(url);
    RUN(c, &r, NULL, "lists", "fetch", "nosuchlist");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "not a known list");
    run_free(&r);
}

/* ---- screening ---- */

static void test_screen_on_new_explains(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root, *hit;
    add_own(c, watch_csv);
    RUN(c, &r, NULL, "new", ID, "--title", "Joint AI lab", "--partner",
        "Harbin Inst. of Tech.; 哈尔滨工业大学", "--partner", "Technische Universität München");
    EXPECT_STATUS(&r, 0);
    ERR_HAS(&r, "screened the partners against 1 list: 1 hit to decide");
    run_free(&r);

    RUN(c, &r, NULL, "screen", ID, "--last");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Screened on 2026-11-27");
    OUT_HAS(&r, "Partner \"Harbin Inst. of Tech.\"");
    OUT_HAS(&r, "in list own, entry row 2");
    OUT_HAS(&r, "Normalised:");
    OUT_HAS(&r, "Category: Very high risk");
    OUT_HAS(&r, "Reference: https://example.org/hit");
    OUT_HAS(&r, "Decision: not decided");
    OUT_HAS(&r, "Not checked against (not installed): aspi, csl");
    OUT_LACKS(&r, "clear");
    run_free(&r);

    root = working(c);
    hit = cJSON_GetArrayItem(last_hits(root), 0);
    assert_non_null(hit);
    assert_int_equal(cJSON_GetArraySize(last_hits(root)), 1);
    assert_string_equal(jstr(hit, "list"), "own");
    assert_string_equal(jstr(hit, "entry"), "row 2");
    assert_string_equal(jstr(hit, "state"), "new");
    assert_null(jget(hit, "decision"));
    assert_int_equal(jget(root, "format")->valueint, 5);
    cJSON_Delete(root);

    /* an open hit is an open item */
    RUN(c, &r, NULL, "show", ID);
    OUT_HAS(&r, "screening hits to decide: 1");
    OUT_HAS(&r, "1 hit(s), 1 not decided");
    run_free(&r);
}

static void test_screen_no_hit_is_not_clear(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    add_own(c, watch_csv);
    OK(c, "new", ID, "--title", "Joint lab", "--partner", "Technische Universität München");
    RUN(c, &r, NULL, "screen", ID);
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "No entry found in own (retrieved 2026-11-27).");
    OUT_HAS(&r, "no hit does not mean");
    OUT_LACKS(&r, "clear");
    OUT_LACKS(&r, "Hit 1");
    run_free(&r);
}

static void test_screen_decisions_carry_over(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root, *hit;
    add_own(c, watch_csv);
    OK(c, "new", ID, "--title", "Joint AI lab", "--partner", "HIT");

    RUN(c, &r, NULL, "screen", ID, "1", "maybe");
    EXPECT_STATUS(&r, 2);
    run_free(&r);
    RUN(c, &r, NULL, "screen", ID, "7", "same");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "there is no hit 7");
    run_free(&r);

    RUN(c, &r, NULL, "screen", ID, "1", "same", "--note", "the partner is HIT's own lab");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "recorded: hit 1 is \"the same entity\"");
    run_free(&r);

    /* the next screening: unchanged entry, decision carried over, not shown */
    RUN(c, &r, NULL, "screen", ID);
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "1 hit decided in an earlier screening");
    OUT_LACKS(&r, "Hit 1");
    run_free(&r);
    root = working(c);
    assert_int_equal(cJSON_GetArraySize(jget(root, "screenings")), 2);
    hit = cJSON_GetArrayItem(last_hits(root), 0);
    assert_string_equal(jstr(hit, "state"), "known");
    assert_string_equal(jstr(jget(hit, "decision"), "verdict"), "same");
    assert_string_equal(jstr(jget(hit, "decision"), "note"), "the partner is HIT's own lab");
    cJSON_Delete(root);

    /* the entry changed: shown again, open, the old decision beside it */
    add_own(c, watch_csv_changed);
    RUN(c, &r, NULL, "screen", ID);
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Hit 1 [changed]");
    OUT_HAS(&r, "The entry changed since the last screening.");
    OUT_HAS(&r, "Before: the same entity");
    OUT_HAS(&r, "Decision: not decided");
    run_free(&r);
    root = working(c);
    hit = cJSON_GetArrayItem(last_hits(root), 0);
    assert_string_equal(jstr(hit, "state"), "changed");
    assert_null(jget(hit, "decision"));
    assert_string_equal(jstr(jget(hit, "previous"), "verdict"), "same");
    cJSON_Delete(root);
}

static void test_screen_old_list(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    RUN_ENV(c, &r, "COOPCHECK_NOW=2026-05-01T10:00:00Z", "lists", "add",
            write_list(c, "w.csv", watch_csv), "--name", "own");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    OK(c, "new", ID, "--title", "Joint lab", "--partner", "Zhejiang University");
    RUN(c, &r, NULL, "screen", ID);
    OUT_HAS(&r, "List own was 210 days old at the screening (older than 90 days)");
    run_free(&r);
    RUN(c, &r, NULL, "lists");
    OUT_HAS(&r, "OLD: 210 days");
    run_free(&r);
}

static void test_screen_diff_and_report(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    add_own(c, watch_csv);
    OK(c, "new", ID, "--title", "Joint AI lab", "--partner", "Harbin Institute of Technology");
    OK(c, "snapshot", ID, "--interim", "-m", "before the decision");
    OK(c, "screen", ID, "1", "different", "--note", "another campus");
    for (int de = 0; de < 2; de++) {
        /* the explanations wrap at the terminal's width (80 for a pipe) */
        RUN(c, &r, NULL, "--lang", de ? "de" : "en", "screen", ID, "--last");
        EXPECT_STATUS(&r, 0);
        OUT_HAS(&r, de ? "Treffer 1 [neu]" : "Hit 1 [new]");   /* the state in words too */
        ROWS_FIT_80(r.out, "screen");
        run_free(&r);
    }
    RUN_ENV(c, &r, "COLUMNS=300", "diff", ID, SNAP1);
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "Partner screening");
    OUT_HAS(&r, "Hit Harbin Institute of Technology / own row 2:");
    OUT_HAS(&r, "not decided");
    OUT_HAS(&r, "not the same: another campus");
    run_free(&r);
    /* at 80 columns (a pipe) the blocks wrap under their indent */
    RUN(c, &r, NULL, "diff", ID, SNAP1);
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "\n    Hit Harbin Institute of Technology / own row 2: \"Harbin Institute of\n"
                "    Technology\" matches ");
    ROWS_FIT_80(r.out, "diff");
    run_free(&r);

    RUN(c, &r, NULL, "export", ID, "--format", "md");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Partner screening");
    OUT_HAS(&r, "Not checked against (not installed):");
    OUT_HAS(&r, "Decision: not the same");
    run_free(&r);
}

/* An open hit keeps the round from closing; once decided, the round closes
 * and the next round's screening still knows the decision. */
static void test_screen_across_rounds(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root, *hit;
    add_own(c, watch_csv);
    OK(c, "new", ID, "--title", "Joint AI lab", "--partner", "HIT");
    CX_ANSWER_ALL(c, ID);
    RUN(c, &r, NULL, "snapshot", ID, "-m", "round 1");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "screening hits to decide: 1");
    run_free(&r);
    OK(c, "screen", ID, "1", "different", "--note", "a namesake");
    OK(c, "snapshot", ID, "-m", "round 1");
    root = working(c);
    assert_int_equal(jget(jget(root, "round"), "number")->valueint, 2);
    cJSON_Delete(root);
    RUN(c, &r, NULL, "screen", ID);
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "1 hit decided in an earlier screening");
    run_free(&r);
    root = working(c);
    hit = cJSON_GetArrayItem(last_hits(root), 0);
    assert_string_equal(jstr(hit, "state"), "known");
    assert_string_equal(jstr(jget(hit, "decision"), "verdict"), "different");
    assert_string_equal(jstr(jget(hit, "decision"), "note"), "a namesake");
    cJSON_Delete(root);
}

/* A damaged index is said, and the list is not used; nothing crashes. */
static void test_screen_damaged_index(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    DIR *d;
    struct dirent *de;
    add_own(c, watch_csv);
    OK(c, "new", ID, "--title", "Joint lab", "--partner", "HIT");
    d = opendir(tpath(c, ".local/share/coopcheck/lists/own"));
    assert_non_null(d);
    while ((de = readdir(d)) != NULL)
        if (strncmp(de->d_name, "index-", 6) == 0)
            tu_write(tpath(c, ".local/share/coopcheck/lists/own/%s", de->d_name), "CCLIDX01 short");
    closedir(d);
    RUN_ENV(c, &r, "COLUMNS=300", "screen", ID);
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "list \"own\" was not used");
    OUT_HAS(&r, "add the list again");
    OUT_HAS(&r, "not checked against any list");
    run_free(&r);
    /* at 80 columns the lines are wrapped, the index's path kept whole */
    RUN(c, &r, NULL, "screen", ID, "--last");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "/.local/share/coopcheck/lists/own/index-");
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_lists_add_show_remove, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lists_broken_keeps_installed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lists_fetch_loopback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_screen_on_new_explains, setup, teardown),
        cmocka_unit_test_setup_teardown(test_screen_no_hit_is_not_clear, setup, teardown),
        cmocka_unit_test_setup_teardown(test_screen_decisions_carry_over, setup, teardown),
        cmocka_unit_test_setup_teardown(test_screen_old_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_screen_diff_and_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_screen_damaged_index, setup, teardown),
        cmocka_unit_test_setup_teardown(test_screen_across_rounds, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
