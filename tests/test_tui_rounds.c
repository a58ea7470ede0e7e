/* End-to-end tests of re-assessment rounds in the full-screen interface: the
 * diff view (picker, unified and side by side, highlighted and bracketed
 * changes, jumping between changes and to the question), "to review" marks
 * and their confirmation, and taking a snapshot with a note.  The binary runs
 * in a private tmux server (tests/support/tmux.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "catalog.h"
#include "clitest.h"
#include "model.h"
#include "testutil.h"
#include "tmux.h"
#include "util.h"

#define SNAP1 "20261127T034521Z"
#define SNAP2 "20261127T034521Z-2"

struct fx {
    struct tmx *s;
    char json[TMX_PATH_MAX + 64];
};

static void cli(struct tmx *s, const char *in, const char *a1, const char *a2, const char *a3,
                const char *a4, const char *a5)
{
    char *err = NULL;
    int rc = tmx_cli(s, in, NULL, &err, a1, a2, a3, a4, a5, NULL);
    if (rc != 0) {
        char msg[1024];
        snprintf(msg, sizeof(msg), "coopcheck %s %s: status %d: %s", a1, a2 ? a2 : "", rc,
                 err ? err : "");
        free(err);
        fail_msg("%s", msg);
    }
    free(err);
}

/* A cooperation with two rounds: question 4 answered "yes" with a text in the
 * first snapshot, "no" with one word changed in the second. */
static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    *state = f;
    f->s = tmx_new();
    snprintf(f->json, sizeof(f->json), "%s/demo/assessment.json", f->s->data);
    cli(f->s, NULL, "new", "demo", "--title", "Demo coop", NULL);
    cli(f->s, NULL, "set", "demo", "4", "dep_on_china", "yes");
    cli(f->s, NULL, "set", "demo", "4", "dep_on_china_kind", "Wir beziehen seltene Erden aus China.");
    cli(f->s, NULL, "set", "demo", "1", "focus", "Legierungen");
    cli(f->s, NULL, "snapshot", "demo", "-m", "Runde 1", "--interim");
    cli(f->s, NULL, "set", "demo", "4", "dep_on_china", "no");
    cli(f->s, NULL, "set", "demo", "4", "dep_on_china_kind", "Wir beziehen seltene Erden aus Kanada.");
    cli(f->s, NULL, "snapshot", "demo", "-m", "Runde 2", "--interim");
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

static void open_demo(struct fx *f, int w, int h, const char *const env[])
{
    const char *args[] = { "open", "demo", NULL };
    tmx_start(f->s, w, h, "tmux-256color", "C.UTF-8", env, args);
    tmx_wait(f->s, "Question 1 of 19");
}

/* d, then the older snapshot (second in the list, newest first), Enter. */
static void open_diff_with_first_round(struct fx *f)
{
    tmx_keys(f->s, "d", NULL);
    tmx_wait_all(f->s, SNAP2, SNAP1, "Enter compare", NULL);
    tmx_keys(f->s, "j", "Enter", NULL);
    tmx_wait(f->s, "snapshot " SNAP1);
}

/* The line of screen that contains needle (caller frees), or NULL. */
static char *line_with(const char *screen, const char *needle)
{
    const char *p = strstr(screen, needle), *start, *end;
    if (!p)
        return NULL;
    start = p;
    while (start > screen && start[-1] != '\n')
        start--;
    end = strchr(p, '\n');
    return xstrndup(start, end ? (size_t)(end - start) : strlen(start));
}

/* With colour the changed words carry a colour of their own: an SGR sequence
 * right before them, and no brackets. */
static void test_diff_view_unified_highlighted(void **state)
{
    struct fx *f = *state;
    char *esc, *line;
    const char *scr;
    open_demo(f, 80, 24, NULL);
    open_diff_with_first_round(f);
    scr = tmx_wait_all(f->s, "Dependencies and alternatives", "Kanada.", "China.", NULL);
    assert_null(strstr(scr, "{+Kanada.+}"));
    assert_non_null(strstr(scr, "Summary: 1 question changed"));
    /* the yes/no change */
    assert_non_null(strstr(scr, "yes -> no"));
    /* question 1 did not change between the rounds: not listed */
    assert_null(strstr(scr, "Focus and your goals"));
    esc = tmx_capture(f->s, 1);
    line = line_with(esc, "Kanada.");
    assert_non_null(line);
    {
        const char *k = strstr(line, "Kanada.");
        /* an SGR sequence ends right before the inserted word */
        assert_true(k > line && k[-1] == 'm');
        assert_non_null(strstr(line, "\033["));
    }
    free(line);
    free(esc);
}

/* Without colour the changes are bracketed, as git --word-diff prints them. */
static void test_diff_view_no_color_brackets(void **state)
{
    struct fx *f = *state;
    const char *const env[] = { "NO_COLOR=1", NULL };
    open_demo(f, 80, 24, env);
    open_diff_with_first_round(f);
    tmx_wait_all(f->s, "[-China.-]", "{+Kanada.+}", "Dependency on China?: yes -> no", NULL);
}

/* A monochrome theme brackets them too. */
static void test_diff_view_mono_theme_brackets(void **state)
{
    struct fx *f = *state;
    const char *args[] = { "--theme", "mono", "open", "demo", NULL };
    tmx_start(f->s, 80, 24, "tmux-256color", "C.UTF-8", NULL, args);
    tmx_wait(f->s, "Question 1 of 19");
    open_diff_with_first_round(f);
    tmx_wait_all(f->s, "[-China.-]", "{+Kanada.+}", NULL);
}

/* From 120 columns: old on the left, new on the right, on the same rows. */
static void test_diff_view_side_by_side(void **state)
{
    struct fx *f = *state;
    char *line;
    const char *scr;
    open_demo(f, 130, 30, NULL);
    open_diff_with_first_round(f);
    scr = tmx_wait_all(f->s, "Kanada.", "working assessment", NULL);
    line = line_with(scr, "Kanada.");
    assert_non_null(line);
    assert_non_null(strstr(line, "China."));
    assert_true(strstr(line, "China.") < strstr(line, "Kanada."));
    free(line);
}

/* ] jumps to the next change, Enter opens that question in the editor. */
static void test_diff_view_jump_to_question(void **state)
{
    struct fx *f = *state;
    open_demo(f, 80, 24, NULL);
    open_diff_with_first_round(f);
    tmx_wait(f->s, "Kanada.");
    tmx_keys(f->s, "]", NULL);
    /* the current change is highlighted (reverse video in the default theme) */
    for (int waited = 0;; waited += 20) {
        char *esc = tmx_capture(f->s, 1), *line = line_with(esc, "Dependencies and alternatives");
        int lit = line && strstr(line, "\033[7m") != NULL;
        free(line);
        free(esc);
        if (lit)
            break;
        if (waited > tmx_timeout_ms())
            fail_msg("] did not highlight the changed question");
        tmx_nap(20);
    }
    tmx_keys(f->s, "]", NULL);
    tmx_wait(f->s, "no further change");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait_all(f->s, "Question 4 of 19", "Dependency on China?", NULL);
    tmx_wait_gone(f->s, "the working assessment");
}

/* Comparing with the newest snapshot: nothing changed since. */
static void test_diff_view_no_change(void **state)
{
    struct fx *f = *state;
    open_demo(f, 80, 24, NULL);
    tmx_keys(f->s, "d", NULL);
    tmx_wait(f->s, SNAP2);
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "No answer changed since this snapshot.");
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "Question 1 of 19");
}

/* Row y of the screen without its trailing blanks (caller frees). */
static char *row_trimmed(struct tmx *s, int y)
{
    char *scr = tmx_capture(s, 0), *row = tmx_row(scr, y);
    size_t n = strlen(row);
    while (n && row[n - 1] == ' ')
        row[--n] = '\0';
    free(scr);
    return row;
}

/* The row of snapshot name: its name, then what it is (complete or interim,
 * who took it, its note), as `coopcheck snapshots` says it. */
static void expect_chooser_row_(struct fx *f, int y, const char *name, const char *note,
                                const char *file, int line)
{
    char *row = row_trimmed(f->s, y), want[128];
    snprintf(want, sizeof(want), "  %s  interim, by ", name);
    size_t n = strlen(row), k = strlen(note);
    if (strncmp(row, want, strlen(want)) != 0 || n < k + 2 || strcmp(row + n - k, note) != 0 ||
        row[n - k - 2] != ':') {
        print_error("row %d is \"%s\", not \"%s...: %s\"\n", y, row, want, note);
        free(row);
        _fail(file, line);
    }
    free(row);
}
#define EXPECT_CHOOSER_ROW(f, y, name, note) \
    expect_chooser_row_((f), (y), (name), (note), __FILE__, __LINE__)

/* More snapshots than rows: the list scrolls with the selection (G shows the
 * oldest on the last row, PgUp a page back), the header says which of how
 * many is selected, and Enter compares with the one shown selected.  At 80x24
 * the names have rows 2 to 22: 21 of the 30.  Each row says what the snapshot
 * is, as `coopcheck snapshots` does. */
static void test_snapshot_chooser_scrolls(void **state)
{
    struct fx *f = *state;
    for (int i = 3; i <= 30; i++) {
        char note[32];
        snprintf(note, sizeof(note), "Zwischenstand %d", i);
        cli(f->s, NULL, "snapshot", "demo", "-m", note, "--interim");
    }
    open_demo(f, 80, 24, NULL);
    tmx_keys(f->s, "d", NULL);
    tmx_wait_row(f->s, 0, "1 of 30");
    EXPECT_CHOOSER_ROW(f, 2, SNAP1 "-30", "Zwischenstand 30");
    EXPECT_CHOOSER_ROW(f, 22, SNAP1 "-10", "Zwischenstand 10");
    tmx_keys(f->s, "G", NULL);
    tmx_wait_row(f->s, 0, "30 of 30");
    {
        /* the oldest, on the screen */
        char *row = row_trimmed(f->s, 22);
        assert_int_equal(strncmp(row, "  " SNAP1 "  ", strlen(SNAP1) + 4), 0);
        free(row);
    }
    EXPECT_CHOOSER_ROW(f, 2, SNAP1 "-21", "Zwischenstand 21");
    tmx_lacks(f->s, "Z-30");
    tmx_keys(f->s, "PPage", NULL);
    tmx_wait_row(f->s, 0, "9 of 30");
    EXPECT_CHOOSER_ROW(f, 2, SNAP1 "-22", "Zwischenstand 22");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "snapshot " SNAP1 "-22");
    tmx_keys(f->s, "q", NULL);
    tmx_wait(f->s, "Question 1 of 19");
}

static int review_mark(const char *json_path, const char *q)
{
    char *text = tu_read(json_path, NULL);
    cJSON *doc = text ? cJSON_Parse(text) : NULL;
    const cJSON *a, *qo, *r;
    int v = -1;
    free(text);
    a = cJSON_GetObjectItemCaseSensitive(doc, "answers");
    qo = cJSON_GetObjectItemCaseSensitive(a, q);
    r = cJSON_GetObjectItemCaseSensitive(qo, "review");
    if (cJSON_IsBool(r))
        v = cJSON_IsTrue(r);
    cJSON_Delete(doc);
    return v;
}

/* Answers every field of demo that is asked after "no" (yes/no "no", text
 * "Answer to QID.FIELD"): nothing is open then. */
static void answer_all(struct fx *f)
{
    struct catalog *cat = bundled();
    for (size_t i = 0; i < cat->nquestions; i++) {
        const struct cat_question *q = &cat->questions[i];
        for (size_t k = 0; k < q->nfields; k++) {
            char text[200];
            const char *value = "no";
            if (q->fields[k].when_field != CAT_WHEN_ALWAYS &&
                !(q->fields[k].when_is & (1u << YN_NO)))
                continue;
            if (q->fields[k].type == FIELD_TEXT) {
                snprintf(text, sizeof(text), "Answer to %s.%s", q->id, q->fields[k].id);
                value = text;
            }
            cli(f->s, NULL, "set", "demo", q->id, q->fields[k].id, value);
        }
    }
    catalog_free(cat);
}

/* answer_all, then a complete snapshot: round 2 starts with every answered
 * question to review. */
static void close_round(struct fx *f)
{
    answer_all(f);
    cli(f->s, NULL, "snapshot", "demo", "-m", "Runde 3", NULL);
}

/* Answers carried over from the last round are marked; ] stops at them, c
 * confirms one (saved at once) and the mark goes. */
static void test_review_marks_and_confirm(void **state)
{
    struct fx *f = *state;
    close_round(f);
    assert_int_equal(review_mark(f->json, "q04"), 1);
    open_demo(f, 80, 24, NULL);
    tmx_wait_all(f->s, "↻  1 Focus and your goals", "↻  4 Dependencies", NULL);
    /* question 1 is fully answered except own_goals... both are to review:
     * ] from question 1 goes to the next open or to-review question */
    tmx_keys(f->s, "g", NULL);
    tmx_keys(f->s, "4", NULL);
    tmx_wait(f->s, "Go to question: 4");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait_all(f->s, "Question 4 of 19", "to review (carried over from the last round)", NULL);
    tmx_keys(f->s, "c", NULL);
    tmx_wait_gone(f->s, "to review (carried over");
    tmx_wait_gone(f->s, "↻  4 Dependencies");
    /* poll the file: saved at once */
    for (int waited = 0; review_mark(f->json, "q04") != 0; waited += 20) {
        if (waited > tmx_timeout_ms())
            fail_msg("q04 is still marked to review in %s", f->json);
        tmx_nap(20);
    }
    assert_int_equal(review_mark(f->json, "q01"), 1);
}

/* s shows what is open; with something open Enter (complete) is refused and
 * only i (interim) takes one; the note is required; the round stays open. */
static void test_snapshot_key(void **state)
{
    struct fx *f = *state;
    char path[TMX_PATH_MAX + 128];
    char *before = tu_read(f->json, NULL);
    open_demo(f, 80, 24, NULL);
    tmx_keys(f->s, "s", NULL);
    tmx_wait_all(f->s, "Still open:", "can only be interim", NULL);
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "cannot be complete");
    tmx_keys(f->s, "i", NULL);
    tmx_wait(f->s, "Note of the interim snapshot (required):");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "a snapshot needs a note");
    {
        char *now = tu_read(f->json, NULL);
        assert_string_equal(now, before);   /* nothing taken yet */
        free(now);
    }
    free(before);
    tmx_type(f->s, "Runde drei");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "stays open");
    snprintf(path, sizeof(path), "%s/demo/snapshots/%s-3.json", f->s->data, SNAP1);
    tmx_wait_file(path, "\"note\":\t\"Runde drei\"");
    tmx_wait_file(path, "\"complete\":\tfalse");
    tmx_wait_file(f->json, "\"number\":\t1");
}

/* With nothing open, s then Enter takes a complete snapshot: the round
 * closes, the header says round 2 stands on it; the report key then reports
 * that snapshot, in the format the path's extension names. */
static void test_complete_snapshot_and_report(void **state)
{
    struct fx *f = *state;
    char snap[TMX_PATH_MAX + 128], report[TMX_PATH_MAX + 32];
    answer_all(f);
    open_demo(f, 100, 30, NULL);
    tmx_wait(f->s, "Round 1 in progress, not closed yet; interim snapshot " SNAP2 " since");
    tmx_keys(f->s, "s", NULL);
    tmx_wait_all(f->s, "Nothing is open: this snapshot is complete.", "closes round 1", NULL);
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "Note of the complete snapshot (required):");
    tmx_type(f->s, "Runde drei");
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "complete snapshot " SNAP1 "-3 taken: round 1 is closed, round 2 starts");
    tmx_wait(f->s, "Round 2, nothing changed yet: what stands is snapshot " SNAP1 "-3, which closed "
                   "round 1");
    snprintf(snap, sizeof(snap), "%s/demo/snapshots/%s-3.json", f->s->data, SNAP1);
    tmx_wait_file(snap, "\"complete\":\ttrue");
    tmx_wait_file(f->json, "\"number\":\t2");

    snprintf(report, sizeof(report), "%s/r.html", f->s->data);
    tmx_keys(f->s, "w", NULL);
    tmx_wait(f->s, "Round 2 has not changed since snapshot " SNAP1 "-3, so the report is of that");
    tmx_keys(f->s, "C-u", NULL);
    tmx_type(f->s, report);
    tmx_keys(f->s, "Enter", NULL);
    tmx_wait(f->s, "report of snapshot " SNAP1 "-3 written to");
    tmx_wait_file(report, "<!DOCTYPE html>");
    tmx_wait_file(report, "Answer to q01.focus");
    tmx_wait_file(report, "Runde drei");
    assert_int_equal(tu_mode(report), 0600);
}

/* In round 2 with an interim snapshot, the round's line at 80 columns takes
 * two rows, so the interim snapshot's name (it comes last) is shown whole;
 * the questions start below it.  At 140 columns it is one row again.  The
 * round changed in the second it began (the test's clock stands): it says
 * "in progress", and w reports the working assessment. */
static void test_round_line_two_rows(void **state)
{
    struct fx *f = *state;
    const char *screen;
    char *row;
    close_round(f);
    cli(f->s, NULL, "set", "demo", "q01", "focus", "Changed in round 2");
    cli(f->s, NULL, "snapshot", "demo", "-m", "between", "--interim");
    open_demo(f, 80, 24, NULL);
    screen = tmx_wait(f->s, "interim snapshot " SNAP1 "-4 since");
    row = tmx_row(screen, 1);
    assert_non_null(strstr(row, "Round 2 in progress"));   /* changed, though in the same second */
    assert_non_null(strstr(row, "snapshot " SNAP1 "-3,"));
    free(row);
    row = tmx_row(screen, 2);
    assert_non_null(strstr(row, "interim snapshot " SNAP1 "-4 since"));
    free(row);
    row = tmx_row(screen, 3);
    assert_non_null(strstr(row, "Subject, goals and environment"));   /* the list, under both */
    free(row);
    tmx_resize(f->s, 140, 24);
    screen = tmx_wait(f->s, "round 1; interim snapshot " SNAP1 "-4 since");
    row = tmx_row(screen, 2);
    assert_non_null(strstr(row, "Subject, goals and environment"));
    free(row);
    /* the round changed (in the second it began, as the test's clock
     * stands): the report key reports the working assessment */
    tmx_keys(f->s, "w", NULL);
    tmx_wait(f->s, "Write the report to");
    tmx_lacks(f->s, "has not changed since snapshot");
}

/* A prompt's label takes the rows it needs: at 60 columns the report's
 * label about the unchanged round wraps to three rows, and its end (the
 * formats, the last one .json) was lost when two rows were the most. */
static void test_prompt_label_whole(void **state)
{
    struct fx *f = *state;
    const char *screen;
    close_round(f);
    open_demo(f, 60, 20, NULL);
    tmx_wait(f->s, "Question 1 of 19");
    tmx_keys(f->s, "w", NULL);
    screen = tmx_wait(f->s, "Round 2 has not changed since snapshot");
    if (!strstr(screen, ".json):") || !strstr(screen, "(.md,"))
        fail_msg("the prompt's label is cut:\n%s", screen);
    tmx_keys(f->s, "Escape", NULL);
    tmx_wait_gone(f->s, "Round 2 has not changed since snapshot");
}

/* On a low screen the snapshot dialog keeps what the snapshot will be and
 * its keys, and counts the rows of what is open that it leaves out (at 60x15
 * with four kinds of open questions its last rows, the keys, were cut). */
static void test_snapshot_dialog_low_screen(void **state)
{
    struct fx *f = *state;
    const char *scr;
    cli(f->s, NULL, "set", "demo", "1", "focus", "Batteries");
    cli(f->s, NULL, "set", "demo", "4", "dep_on_china", "unsure");
    cli(f->s, NULL, "set", "demo", "3", "--followup", "on");
    open_demo(f, 60, 15, NULL);
    tmx_keys(f->s, "s", NULL);
    scr = tmx_wait(f->s, "Still open:");
    if (!strstr(scr, "cancel: nothing is taken") || !strstr(scr, "more rows (coopcheck show demo)") ||
        !strstr(scr, "take an interim snapshot"))
        fail_msg("the dialog is cut or does not say what it leaves out:\n%s", scr);
    tmx_keys(f->s, "Escape", NULL);
    tmx_wait_gone(f->s, "Still open:");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_diff_view_unified_highlighted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_diff_view_no_color_brackets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_diff_view_mono_theme_brackets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_diff_view_side_by_side, setup, teardown),
        cmocka_unit_test_setup_teardown(test_diff_view_jump_to_question, setup, teardown),
        cmocka_unit_test_setup_teardown(test_diff_view_no_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snapshot_chooser_scrolls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_review_marks_and_confirm, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snapshot_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_complete_snapshot_and_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_line_two_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prompt_label_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snapshot_dialog_low_screen, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
