/* End-to-end tests of the officer's half in the full-screen interface: r
 * rates the selected question (saved at once, undone with U, a wrong level
 * refused in the dialog), R opens the officer's screen, where a adds a
 * measure, Enter edits the one chosen, d records the decision, c confirms a
 * measure carried over, and A approves a snapshot signed with a test key
 * from ssh-keygen (checked by verify afterwards).  Whole screens in English
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
#include "tmux.h"

struct fx {
    struct tmx *s;
    char path[TMX_PATH_MAX + 64];   /* DATA/demo/assessment.json */
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    char *err = NULL;
    if (!f)
        return -1;
    *state = f;
    f->s = tmx_new();
    snprintf(f->path, sizeof(f->path), "%s/demo/assessment.json", f->s->data);
    if (tmx_cli(f->s, NULL, NULL, &err, "new", "demo", "--title", "Demo coop", "--partner",
                "Fudan University", NULL) != 0) {
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

static void cli_ok(struct fx *f, const char *a1, const char *a2, const char *a3, const char *a4,
                   const char *a5, const char *a6, const char *a7)
{
    char *err = NULL;
    int rc = tmx_cli(f->s, NULL, NULL, &err, a1, a2, a3, a4, a5, a6, a7, NULL);
    if (rc != 0)
        fail_msg("coopcheck %s %s: status %d: %s", a1, a2, rc, err ? err : "");
    free(err);
}

static void open_demo(struct fx *f, const char *lang)
{
    const char *args[] = { "open", "demo", NULL };
    const char *env[] = { lang, NULL };
    tmx_start(f->s, 80, 24, "tmux-256color", "C.UTF-8", env, args);
    tmx_wait(f->s, strcmp(lang, "LANGUAGE=de") == 0 ? "Frage 1 von 19" : "Question 1 of 19");
}

/* A JSON value of the file by a path of keys (NULL-terminated). */
static cJSON *at(cJSON *root, ...)
{
    va_list ap;
    const char *k;
    cJSON *n = root;
    va_start(ap, root);
    while (n && (k = va_arg(ap, const char *)) != NULL)
        n = cJSON_IsArray(n) ? cJSON_GetArrayItem(n, atoi(k)) : cJSON_GetObjectItemCaseSensitive(n, k);
    va_end(ap);
    return n;
}

static char *str_at(const char *path, const char *k1, const char *k2, const char *k3,
                    const char *k4)
{
    cJSON *root = tmx_load_json(path), *n;
    char *s;
    assert_non_null(root);
    n = at(root, k1, k2, k3, k4, NULL);
    s = cJSON_IsString(n) ? strdup(n->valuestring) : NULL;
    cJSON_Delete(root);
    return s;
}

/* Polls until the file's value at k1..k4 is want (NULL: absent). */
static void wait_json(const char *path, const char *want, const char *k1, const char *k2,
                      const char *k3, const char *k4)
{
    long waited = 0;
    char *got = NULL;
    for (;;) {
        free(got);
        got = str_at(path, k1, k2, k3, k4);
        if ((!want && !got) || (want && got && strcmp(want, got) == 0))
            break;
        if (waited > tmx_timeout_ms())
            fail_msg("%s: %s.%s.%s.%s is \"%s\", not \"%s\"", path, k1, k2 ? k2 : "",
                     k3 ? k3 : "", k4 ? k4 : "", got ? got : "(none)", want ? want : "(none)");
        tmx_nap(20);
        waited += 20;
    }
    free(got);
}

/* r on question 5: the dialog, a wrong level refused there, then saved; the
 * list shows the risk; U takes it back. */
static void test_rate_question(void **state)
{
    struct fx *f = *state;
    open_demo(f, "LANGUAGE=en");
    tmx_keys(f->s, "5", NULL);
    tmx_wait(f->s, "Go to question: 5");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Question 5 of 19");
    tmx_keys(f->s, "r", NULL);
    tmx_wait_all(f->s, "Risk of question 5", "none, low, medium, high, or unrated", NULL);
    tmx_keys(f->s, "C-u", NULL);
    tmx_type(f->s, "severe");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "\"severe\" is not a risk level");
    assert_null(str_at(f->path, "answers", "q05", "risk", "level"));
    tmx_keys(f->s, "C-u", NULL);
    tmx_type(f->s, "high");
    tmx_keys(f->s, "Tab", NULL);
    tmx_type(f->s, "dual-use robotics");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Risk: high - dual-use robotics");
    wait_json(f->path, "high", "answers", "q05", "risk", "level");
    wait_json(f->path, "dual-use robotics", "answers", "q05", "risk", "rationale");
    /* the risk column of the list: H beside question 5 */
    assert_non_null(strstr(tmx_wait(f->s, "Goals of the Chinese"), "Goals of the Chinese H"));
    tmx_keys(f->s, "U", NULL);
    tmx_wait_gone(f->s, "Risk: high");
    wait_json(f->path, NULL, "answers", "q05", "risk", "level");
}

/* R, then a measure added and edited, the overall risk and the decision. */
static void test_officer_screen(void **state)
{
    struct fx *f = *state;
    open_demo(f, "LANGUAGE=en");
    tmx_keys(f->s, "R", NULL);
    tmx_wait_all(f->s, "Risk, measures, decision: demo", "Risk per section", "none yet", NULL);
    tmx_keys(f->s, "a", NULL);
    tmx_wait(f->s, "A new measure");
    tmx_type(f->s, "Separate the lab network");
    tmx_keys(f->s, "Tab", NULL);
    tmx_type(f->s, "5, overall");
    tmx_keys(f->s, "Tab", NULL);
    tmx_type(f->s, "IT security");
    tmx_keys(f->s, "Tab", NULL);
    tmx_type(f->s, "2026-11-01");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "M1   planned, due 2026-11-01 (OVERDUE): Separate the lab network");
    wait_json(f->path, "q05", "measures", "0", "addresses", "0");
    wait_json(f->path, "IT security", "measures", "0", "owner", NULL);
    /* Enter on it: its status becomes "in place" */
    tmx_keys(f->s, "j", NULL);
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Measure M1");
    tmx_keys(f->s, "Tab", NULL);
    tmx_keys(f->s, "Tab", NULL);
    tmx_keys(f->s, "Tab", NULL);
    tmx_keys(f->s, "Tab", NULL);
    tmx_keys(f->s, "C-u", NULL);
    tmx_type(f->s, "in place");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "M1   in place, due 2026-11-01: Separate");
    wait_json(f->path, "in_place", "measures", "0", "status", NULL);
    /* the overall risk */
    tmx_keys(f->s, "r", NULL);
    tmx_wait(f->s, "The overall risk");
    tmx_keys(f->s, "C-u", NULL);
    tmx_type(f->s, "medium");
    tmx_keys(f->s, "Tab", NULL);
    tmx_type(f->s, "contained by M1");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Overall risk: medium - contained by M1");
    wait_json(f->path, "medium", "risk", "level", NULL, NULL);
    /* the decision: conditions are required for "with conditions" */
    tmx_keys(f->s, "d", NULL);
    tmx_wait(f->s, "The decision of round 1");
    tmx_type(f->s, "proceed with conditions");
    tmx_keys(f->s, "Tab", NULL);
    tmx_keys(f->s, "Tab", NULL);
    tmx_type(f->s, "Committee");
    tmx_keys(f->s, "Tab", NULL);
    tmx_keys(f->s, "Tab", NULL);
    tmx_type(f->s, "acceptable");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "needs its conditions");
    assert_null(str_at(f->path, "decision", "outcome", NULL, NULL));
    tmx_keys(f->s, "BTab", NULL);
    tmx_keys(f->s, "BTab", NULL);
    tmx_keys(f->s, "BTab", NULL);
    tmx_type(f->s, "M1");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Decision of round 1: proceed with conditions (M1) - Committee, 2026-11-27");
    wait_json(f->path, "proceed_with_conditions", "decision", "outcome", NULL, NULL);
    wait_json(f->path, "M1", "decision", "conditions", "0", NULL);
    /* Esc closes: back on the questions */
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "Question 1 of 19");
}

/* A approves the interim snapshot, signed with a test key; verify agrees. */
static void test_approve_signed(void **state)
{
    struct fx *f = *state;
    char key[TMX_PATH_MAX + 16], pub[TMX_PATH_MAX + 16], allowed[TMX_PATH_MAX + 32], *out = NULL;
    char line[2048], *text, *sp;
    size_t len;
    struct tu_run r;
    snprintf(key, sizeof(key), "%s/key", f->s->tmp);
    snprintf(pub, sizeof(pub), "%s/key.pub", f->s->tmp);
    snprintf(allowed, sizeof(allowed), "%s/allowed_signers", f->s->data);
    {
        const char *argv[] = { tu_ssh_keygen(), "-q", "-t", "ed25519", "-N", "", "-C", "t", "-f", key,
                               NULL };
        tu_run(&r, NULL, argv, NULL);
        assert_int_equal(r.status, 0);
        tu_run_free(&r);
    }
    text = tu_read(pub, &len);
    assert_non_null(text);
    sp = strchr(strchr(text, ' ') + 1, ' ');
    if (sp)
        *sp = '\0';
    snprintf(line, sizeof(line), "alice@example.org %s\n", text);
    free(text);
    tu_write(allowed, line);
    cli_ok(f, "snapshot", "demo", "--interim", "-m", "for the committee", NULL, NULL);

    open_demo(f, "LANGUAGE=en");
    tmx_keys(f->s, "R", NULL);
    tmx_wait(f->s, "Approvals of snapshot 20261127T034521Z");
    tmx_keys(f->s, "A", NULL);
    tmx_wait(f->s, "Approve a snapshot");
    tmx_keys(f->s, "Tab", NULL);
    tmx_type(f->s, "PI");
    tmx_keys(f->s, "Tab", NULL);
    tmx_type(f->s, "Alice Adler");
    tmx_keys(f->s, "Tab", NULL);
    tmx_keys(f->s, "Tab", NULL);
    tmx_type(f->s, key);
    tmx_keys(f->s, "Tab", NULL);
    tmx_type(f->s, "alice@example.org");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "PI: Alice Adler, 2026-11-27, signature valid");
    wait_json(f->path, "alice@example.org", "approvals", "0", "signer", NULL);
    text = str_at(f->path, "approvals", "0", "signature", NULL);
    assert_non_null(text);
    assert_non_null(strstr(text, "BEGIN SSH SIGNATURE"));
    free(text);
    tmx_keys(f->s, "q", NULL);
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "EXITED 0");
    assert_int_equal(tmx_cli(f->s, NULL, &out, NULL, "verify", "demo", NULL), 0);
    assert_non_null(strstr(out, "signature valid (signed by alice@example.org)"));
    free(out);
}

/* More lines than rows: j walks the items and, on the decision, shows the
 * lines that belong to it down to the approvals (they have no item of their
 * own); a line wider than the screen wraps (the decision's date, the
 * approvals' signature state stay on it); G shows the end, g the start, PgDn
 * and PgUp move a page. */
static void test_officer_screen_scrolls(void **state)
{
    struct fx *f = *state;
    char *out = NULL, snap[64];
    for (int i = 1; i <= 12; i++) {
        char what[48];
        snprintf(what, sizeof(what), "Measure number %d", i);
        cli_ok(f, "measure", "add", "demo", what, NULL, NULL, NULL);
    }
    assert_int_equal(tmx_cli(f->s, NULL, &out, NULL, "snapshot", "demo", "-m", "s", "--interim",
                             NULL), 0);
    snprintf(snap, sizeof(snap), "%.*s", (int)strcspn(out, "\n"), out);
    free(out);
    cli_ok(f, "decide", "demo", "proceed", "--body",
           "Research security committee of the faculty of engineering", "--why", "Fine");
    cli_ok(f, "approve", "demo", snap, "--role", "PI", "--name", "Anna");
    cli_ok(f, "approve", "demo", snap, "--role", "RSO", "--name", "Bert");
    open_demo(f, "LANGUAGE=en");
    tmx_keys(f->s, "R", NULL);
    tmx_wait_row(f->s, 1, "Overall risk: not rated");
    tmx_lacks(f->s, "Decision of round 1");
    for (int i = 0; i < 13; i++)   /* the overall risk, 12 measures, the decision */
        tmx_keys(f->s, "j", NULL);
    tmx_wait_all(f->s, "Decision of round 1: proceed - Research security committee of the faculty of",
                 "\n   engineering, 2026-11-27", "    Fine",
                 "Approvals of snapshot ", "PI: Anna, 2026-11-27, unsigned",
                 "RSO: Bert, 2026-11-27, unsigned", NULL);
    tmx_keys(f->s, "g", NULL);
    tmx_wait_row(f->s, 1, "Overall risk: not rated");
    tmx_keys(f->s, "NPage", NULL);
    tmx_wait_gone(f->s, "Overall risk: not rated");
    tmx_keys(f->s, "PPage", NULL);
    tmx_wait_row(f->s, 1, "Overall risk: not rated");
    tmx_keys(f->s, "G", NULL);
    tmx_wait(f->s, "RSO: Bert, 2026-11-27, unsigned");
    /* Enter edits the selected item: after G the decision */
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "The decision of round 1");
}

/* The officer's screen with everything in it, as a whole, in English and German. */
static void prepare(struct fx *f)
{
    cli_ok(f, "rate", "demo", "5", "high", "--why", "dual use", NULL);
    cli_ok(f, "rate", "demo", "12", "low", NULL, NULL, NULL);
    cli_ok(f, "rate", "demo", "overall", "medium", "--why", "contained by M1", NULL);
    cli_ok(f, "measure", "add", "demo", "Separate the lab network", "--due", "2026-11-01", NULL);
    cli_ok(f, "measure", "add", "demo", "Export licence checked", "--status", "done", NULL);
}

/* The officer's screen after prepare() and a decision, as a whole. */
static void officer_golden(struct fx *f, const char *lang, const char *golden, const char *needle)
{
    char *err = NULL;
    prepare(f);
    assert_int_equal(tmx_cli(f->s, NULL, NULL, &err, "decide", "demo", "conditions", "--body",
                             "Committee", "--why", "acceptable", "--conditions", "M1", NULL), 0);
    free(err);
    open_demo(f, lang);
    tmx_keys(f->s, "R", NULL);
    tu_check_golden(golden, tmx_wait(f->s, needle));
}

static void test_officer_golden_en(void **state)
{
    officer_golden(*state, "LANGUAGE=en", "screen-officer-80x24-en.txt", "Decision of round 1");
}

static void test_officer_golden_de(void **state)
{
    officer_golden(*state, "LANGUAGE=de", "screen-officer-80x24-de.txt", "Entscheidung der Runde 1");
}

/* A 64-character id (the longest allowed) is shown whole in the officer's
 * header at 80 columns, in both languages: "LABEL: ID" does not fit beside
 * "round 1", so the id comes first and the label is what is cut. */
static void long_id_header(struct fx *f, const char *lang, const char *round)
{
    const char *id = "partnership-with-a-very-long-name-for-the-joint-laboratory-2026x";
    const char *args[] = { "open", id, NULL };
    const char *env[] = { lang, NULL };
    char *err = NULL, *row, want[80];
    size_t n;
    assert_int_equal(strlen(id), 64);
    assert_int_equal(tmx_cli(f->s, NULL, NULL, &err, "new", id, "--title", "Long id", "--partner",
                             "Fudan University", NULL), 0);
    free(err);
    tmx_start(f->s, 80, 24, "tmux-256color", "C.UTF-8", env, args);
    tmx_wait(f->s, strcmp(lang, "LANGUAGE=de") == 0 ? "Frage 1 von 19" : "Question 1 of 19");
    tmx_keys(f->s, "R", NULL);
    row = tmx_row(tmx_wait(f->s, round), 0);
    snprintf(want, sizeof(want), " %s \xe2\x80\x94 ", id);   /* the id whole, then the label */
    assert_memory_equal(row, want, strlen(want));
    n = strlen(row);
    assert_true(n > strlen(round) && strcmp(row + n - strlen(round), round) == 0);
    free(row);
}

static void test_long_id_header_en(void **state)
{
    long_id_header(*state, "LANGUAGE=en", "round 1");
}

static void test_long_id_header_de(void **state)
{
    long_id_header(*state, "LANGUAGE=de", "Runde 1");
}

/* On a low screen the measure dialog keeps the whole reason it refused and
 * lets the field's hint give way: at 60x15 in German four rows are left
 * below the six fields, the addresses' hint took two of them and the
 * refusal's third row (its end, "von beiden") was lost. */
static void test_dialog_error_on_low_screen(void **state)
{
    struct fx *f = *state;
    const char *args[] = { "open", "demo", NULL };
    const char *env[] = { "LANGUAGE=de", NULL };
    const char *scr;
    tmx_start(f->s, 60, 15, "tmux-256color", "C.UTF-8", env, args);
    tmx_wait(f->s, "Frage 1 von 19");
    tmx_keys(f->s, "R", NULL);
    tmx_wait(f->s, "Risiko, Maßnahmen, Entscheidung: demo");
    tmx_keys(f->s, "a", NULL);
    tmx_wait(f->s, "Neue Maßnahme");
    tmx_type(f->s, "Labornetz trennen");
    tmx_keys(f->s, "Tab", NULL);
    tmx_type(f->s, "q99");
    tmx_wait(f->s, "q99");
    tmx_keys(f->s, "Enter", NULL);
    scr = tmx_wait(f->s, "eine Maßnahme betrifft Fragen");
    if (!strstr(scr, "von beiden") || !strstr(scr, "Neue Maßnahme"))
        fail_msg("the refusal is cut or the dialog closed:\n%s", scr);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_rate_question),
        T(test_officer_screen),
        T(test_approve_signed),
        T(test_officer_screen_scrolls),
        T(test_officer_golden_en),
        T(test_officer_golden_de),
        T(test_long_id_header_en),
        T(test_long_id_header_de),
        T(test_dialog_error_on_low_screen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
