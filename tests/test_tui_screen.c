/* End-to-end tests of the partner screening in the full-screen interface:
 * S on an assessment opens the screening screen (the lists checked, what
 * was not, each hit on a line and the selected one explained); n decides
 * the selected hit "not the same", Enter opens the dialog for a note, S
 * screens again with the decision carried over.  Whole screens in English
 * and German are compared with golden files.  The binary runs in a private
 * tmux server (tests/support/tmux.h); every test checks the screen and the
 * file on disk. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "testutil.h"
#include "util.h"
#include "tmux.h"

struct fx {
    struct tmx *s;
    char path[TMX_PATH_MAX + 64];   /* DATA/demo/assessment.json */
};

static const char watch_csv[] =
    "name,aliases,category,note,url\n"
    "Harbin Institute of Technology,哈尔滨工业大学;HIT,Very high risk,Entity List since 2020,"
    "https://example.org/hit\n"
    "National University of Defense Technology,国防科技大学;NUDT,Very high risk,,"
    "https://example.org/nudt\n";

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    char list[TMX_PATH_MAX + 32], *err = NULL;
    if (!f)
        return -1;
    *state = f;
    f->s = tmx_new();
    snprintf(f->path, sizeof(f->path), "%s/demo/assessment.json", f->s->data);
    snprintf(list, sizeof(list), "%s/watch.csv", f->s->tmp);
    tu_write(list, watch_csv);
    if (tmx_cli(f->s, NULL, NULL, &err, "lists", "add", list, "--name", "own", NULL) != 0) {
        fprintf(stderr, "coopcheck lists add: %s\n", err ? err : "");
        free(err);
        return -1;
    }
    free(err);
    err = NULL;
    if (tmx_cli(f->s, NULL, NULL, &err, "new", "demo", "--title", "Demo coop", "--partner",
                "Harbin Institute of Technology; HIT", "--partner", "Fudan University",
                NULL) != 0) {
        fprintf(stderr, "coopcheck new: %s\n", err ? err : "");
        free(err);
        return -1;
    }
    free(err);
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    if (f) {
        tmx_free(f->s);
        free(f);
    }
    return 0;
}

static void open_demo(struct fx *f, const char *lang)
{
    const char *args[] = { "open", "demo", NULL };
    const char *env[] = { lang, NULL };
    tmx_start(f->s, 80, 24, "tmux-256color", "C.UTF-8", env, args);
    tmx_wait(f->s, strcmp(lang, "LANGUAGE=de") == 0 ? "Frage 1 von 19" : "Question 1 of 19");
}

/* The last screening's hit 0, key k (a string, or k2 inside object k). */
static char *hit_value(const char *path, const char *k, const char *k2)
{
    cJSON *root = tmx_load_json(path), *s, *n;
    char *v = NULL;
    assert_non_null(root);
    s = cJSON_GetObjectItemCaseSensitive(root, "screenings");
    n = cJSON_GetArrayItem(s, cJSON_GetArraySize(s) - 1);
    n = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(n, "hits"), 0);
    n = cJSON_GetObjectItemCaseSensitive(n, k);
    if (k2)
        n = cJSON_GetObjectItemCaseSensitive(n, k2);
    if (cJSON_IsString(n))
        v = strdup(n->valuestring);
    cJSON_Delete(root);
    return v;
}

static void wait_hit(const char *path, const char *k, const char *k2, const char *want)
{
    long waited = 0;
    char *got = NULL;
    for (;;) {
        free(got);
        got = hit_value(path, k, k2);
        if (got && strcmp(got, want) == 0)
            break;
        if (waited > tmx_timeout_ms())
            fail_msg("%s: hit's %s.%s is \"%s\", not \"%s\"", path, k, k2 ? k2 : "",
                     got ? got : "(none)", want);
        tmx_nap(20);
        waited += 20;
    }
    free(got);
}

static int screenings(const char *path)
{
    cJSON *root = tmx_load_json(path);
    int n;
    assert_non_null(root);
    n = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "screenings"));
    cJSON_Delete(root);
    return n;
}

/* S, the hit explained; n decides it; Enter adds a note; S screens again. */
static void test_screening_decide(void **state)
{
    struct fx *f = *state;
    open_demo(f, "LANGUAGE=en");
    tmx_keys(f->s, "S", NULL);
    tmx_wait_all(f->s, "Partner screening: demo", "Hit 1", NULL);
    tmx_wait_all(f->s, "not decided", "Reference: https://example.org/hit", NULL);
    tmx_keys(f->s, "n", NULL);
    wait_hit(f->path, "decision", "verdict", "different");
    tmx_wait(f->s, "not the same");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Note");
    tmx_keys(f->s, "Tab", NULL);
    tmx_type(f->s, "another campus");
    tmx_keys(f->s, "Enter", NULL);
    wait_hit(f->path, "decision", "note", "another campus");
    tmx_wait(f->s, "not the same (");
    assert_int_equal(screenings(f->path), 1);
    tmx_keys(f->s, "S", NULL);
    tmx_wait(f->s, "screened against 1 list: 0 hit(s) to decide");
    assert_int_equal(screenings(f->path), 2);
    wait_hit(f->path, "state", NULL, "known");
    wait_hit(f->path, "decision", "note", "another campus");
    tmx_wait(f->s, "known");
}

/* The dialog names the partner and the entry whole; a wrong verdict is
 * refused in it; nothing is saved. */
static void test_screening_refuses(void **state)
{
    struct fx *f = *state;
    char *v;
    open_demo(f, "LANGUAGE=en");
    tmx_keys(f->s, "S", NULL);
    tmx_wait(f->s, "Hit 1");
    tmx_keys(f->s, "Enter", NULL);
    /* the names whole in the decision's hint (the box cuts its title) */
    tmx_wait_all(f->s, "Note", "Harbin Institute of Technology ~ Harbin Institute of Technology: same",
                 NULL);
    tmx_type(f->s, "maybe");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "is not a decision");
    tmx_keys(f->s, "Escape", NULL);
    tmx_wait(f->s, "Close without saving");
    tmx_keys(f->s, "y", NULL);
    tmx_wait_gone(f->s, "Hit 1: ");
    v = hit_value(f->path, "decision", "verdict");
    assert_null(v);
}

/* More hits than rows: the selected hit's explanation keeps the bottom of
 * the screen and the hits above it scroll, so G shows the last hit and its
 * entry, category and reference; g the first and the summary again; PgDn
 * moves on by a page of hits. */
static void test_screening_many_hits(void **state)
{
    struct fx *f = *state;
    char list[TMX_PATH_MAX + 32], *err = NULL;
    struct sbuf csv;
    const char *args[] = { "open", "many", NULL };
    sbuf_init(&csv);
    sbuf_adds(&csv, "name,aliases,category,note,url\n");
    for (int i = 1; i <= 14; i++)
        sbuf_addf(&csv, "Harbin Institute of Technology Campus %d,,Category %d,,"
                        "https://example.org/c%d\n", i, i, i);
    snprintf(list, sizeof(list), "%s/campus.csv", f->s->tmp);
    tu_write(list, csv.buf);
    sbuf_release(&csv);
    assert_int_equal(tmx_cli(f->s, NULL, NULL, &err, "lists", "add", list, "--name", "campus",
                             NULL), 0);
    free(err);
    err = NULL;
    assert_int_equal(tmx_cli(f->s, NULL, NULL, &err, "new", "many", "--title", "Many",
                             "--partner", "Harbin Institute of Technology Campus", NULL), 0);
    free(err);
    err = NULL;
    tmx_cli(f->s, NULL, NULL, &err, "screen", "many", "--threshold", "60", NULL);
    free(err);
    tmx_start(f->s, 80, 24, "tmux-256color", "C.UTF-8", NULL, args);
    tmx_wait(f->s, "Question 1 of 19");
    tmx_keys(f->s, "S", NULL);
    tmx_wait_all(f->s, "Screened on", " of 15", "Partner \"Harbin Institute of Technology Campus\"",
                 NULL);
    tmx_keys(f->s, "G", NULL);
    tmx_wait_all(f->s, "Hit 15 of 15", "Reference: https://example.org/", NULL);
    tmx_lacks(f->s, "Screened on");
    tmx_keys(f->s, "g", NULL);
    tmx_wait_all(f->s, "Hit 1 of 15", "Screened on", NULL);
    tmx_keys(f->s, "NPage", NULL);
    tmx_wait_gone(f->s, "Hit 1 of 15");
    tmx_wait(f->s, "Reference: https://example.org/");
}

static void screening_golden(struct fx *f, const char *lang, const char *golden,
                             const char *needle)
{
    open_demo(f, lang);
    tmx_keys(f->s, "S", NULL);
    tu_check_golden(golden, tmx_wait(f->s, needle));
}

static void test_screening_golden_en(void **state)
{
    screening_golden(*state, "LANGUAGE=en", "screen-screening-80x24-en.txt", "Reference:");
}

static void test_screening_golden_de(void **state)
{
    screening_golden(*state, "LANGUAGE=de", "screen-screening-80x24-de.txt", "Referenz:");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_screening_decide, setup, teardown),
        cmocka_unit_test_setup_teardown(test_screening_refuses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_screening_many_hits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_screening_golden_en, setup, teardown),
        cmocka_unit_test_setup_teardown(test_screening_golden_de, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
