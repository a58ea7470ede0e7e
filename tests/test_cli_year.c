/* test_cli_year.c — a cooperation's rounds over two years on the command
 * line, with the clock moved (COOPCHECK_NOW): never assessed and due from its
 * start; an interim snapshot that keeps the round and the due date; a
 * snapshot refused while anything is open (exit 4, what is open, nothing
 * written); the complete one that closes the round and moves the due date;
 * show of the new round and what it is based on; export of the untouched new
 * round (the snapshot, said on stderr) and --working; the next year's interim
 * and complete rounds; and a data directory of format 1 (coopcheck 0.1)
 * through the command line.  The fixture is tests/support/clitest.h's. */
#include "cliassess.h"
#include "clitest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "model.h"
#include "util.h"

static int setup(void **state)
{
    return cx_setup(state, NULL);
}

static int teardown(void **state)
{
    return cx_teardown(state);
}


/* Moves the clock of the later runs. */
static void set_now(struct cx *c, const char *iso)
{
    snprintf(c->env_now, sizeof(c->env_now), "COOPCHECK_NOW=%s", iso);
}

/* 'coopcheck due' prints exactly want (every line) with status 1, or
 * nothing with status 0 when want is "". */
static void expect_due_(struct cx *c, const char *want, const char *file, int line)
{
    struct tu_run r;
    run_v(c, &r, NULL, NULL, (const char *const[]){ "due", NULL });
    expect_status_(&r, *want ? 1 : 0, file, line);
    if (strcmp(r.out, want) != 0) {
        print_error("due printed \"%s\", expected \"%s\"\n", r.out, want);
        _fail(file, line);
    }
    run_free(&r);
}
#define EXPECT_DUE(c, want) expect_due_((c), (want), __FILE__, __LINE__)

/* The entry of id in 'list --json': next_due, last_complete (or "-"),
 * interim and never_assessed, as "next_due last_complete interim never". */
static char *list_state(struct cx *c, const char *id)
{
    struct tu_run r;
    cJSON *root, *o = NULL;
    char buf[200];
    RUN(c, &r, NULL, "list", "--json");
    EXPECT_STATUS(&r, 0);
    root = PARSE_JSON(r.out);
    for (int i = 0; i < cJSON_GetArraySize(root); i++)
        if (strcmp(jstr(cJSON_GetArrayItem(root, i), "id"), id) == 0)
            o = cJSON_GetArrayItem(root, i);
    assert_non_null(o);
    snprintf(buf, sizeof(buf), "%s %s %s %s", jstr(o, "next_due"),
             jstr(o, "last_complete") ? jstr(o, "last_complete") : "-",
             cJSON_IsTrue(jget(o, "interim")) ? "interim" : "-",
             cJSON_IsTrue(jget(o, "never_assessed")) ? "never" : "-");
    cJSON_Delete(root);
    run_free(&r);
    return xstrdup(buf);
}
#define EXPECT_LIST_STATE(c, id, want)             \
    do {                                           \
        char *st_ = list_state((c), (id));         \
        assert_string_equal(st_, (want));          \
        free(st_);                                 \
    } while (0)

/* Round 1: never assessed, interim, refused, complete. */
static void first_round(struct cx *c)
{
    struct tu_run r;
    char *before;
    OK(c, "new", "hit", "--title", "Materials", "--start", "2027-01-15");
    /* created 2026-11-27, starts 2027-01-15: due from the start, not yet */
    EXPECT_DUE(c, "");
    EXPECT_LIST_STATE(c, "hit", "2027-01-15 - - never");
    set_now(c, "2026-12-20T09:00:00Z");   /* within a month of the start */
    EXPECT_DUE(c, "hit\tdue 2027-01-15, never assessed\tMaterials\n");
    OK(c, "set", "hit", "1", "focus", "Materials informatics");

    /* an interim snapshot: kept, but the round and the due date stay */
    RUN(c, &r, NULL, "snapshot", "hit", "-m", "first look", "--interim");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.err, "");
    OUT_HAS(&r, "20261220T090000Z\ninterim: round 1 stays open, and the first complete assessment "
                "is still due 2027-01-15.\nStill open:\n  unanswered: 2, 3, 4,");
    OUT_HAS(&r, "  partly answered: 1\n");
    run_free(&r);
    EXPECT_DUE(c, "hit\tdue 2027-01-15, never assessed, interim\tMaterials\n");
    EXPECT_LIST_STATE(c, "hit", "2027-01-15 - interim never");
    RUN(c, &r, NULL, "show", "hit");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Round        1, started " NOW "\n"
                "Interim      the newest snapshot, 20261220T090000Z, is interim: round 1 is still\n"
                "             open\nNext due     2027-01-15 (due, never assessed, interim)\n");
    OUT_HAS(&r, "Open         unanswered: 2, 3, 4,");
    run_free(&r);

    /* overdue, and still incomplete: refused with what is open, nothing written */
    set_now(c, "2027-02-01T00:00:00Z");
    EXPECT_DUE(c, "hit\toverdue 2027-01-15, never assessed, interim\tMaterials\n");
    before = cx_tree(c->data);
    RUN(c, &r, NULL, "snapshot", "hit", "-m", "Round 1");
    EXPECT_STATUS(&r, 4);
    assert_string_equal(r.out, "");
    ERR_HAS(&r, "round 1 of \"hit\" (");
    ERR_HAS(&r, ") is not complete, so no snapshot was taken; still open:\n  unanswered: 2, 3, 4,");
    ERR_HAS(&r, "  partly answered: 1\n");
    ERR_HAS(&r, "'coopcheck snapshot hit -m NOTE --interim'");
    run_free(&r);
    CX_EXPECT_TREE(c->data, before);
    free(before);

    /* everything answered: complete, the round closes, due a year on */
    CX_ANSWER_ALL(c, "hit");
    RUN(c, &r, NULL, "show", "hit");
    OUT_HAS(&r, "Open         nothing: a snapshot now is complete\n");
    run_free(&r);
    RUN(c, &r, NULL, "snapshot", "hit", "-m", "Round 1, approved by the committee");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.out, "20270201T000000Z\ncomplete: nothing was open, so it closes round 1.\n"
                               "Round 2 begins with its answers, each marked to review; the next "
                               "re-assessment is due 2028-02-01.\n");
    run_free(&r);
    EXPECT_DUE(c, "");
    EXPECT_LIST_STATE(c, "hit", "2028-02-01 2027-02-01T00:00:00Z - -");
}

/* Right after the committee's snapshot: show and export. */
static void untouched_round(struct cx *c)
{
    struct tu_run r, snap, work;
    RUN(c, &r, NULL, "show", "hit");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Round        2, started 2027-02-01T00:00:00Z from snapshot 20270201T000000Z\n"
                "             no change since that snapshot yet; 'coopcheck export' reports it\n"
                "Next due     2028-02-01\n");
    OUT_HAS(&r, "Progress     19/19 answered, 19 to review, 0 flagged for follow-up\n");
    run_free(&r);
    /* export: the snapshot, said on stderr; the same as --snapshot */
    RUN(c, &r, NULL, "export", "hit", "--format", "txt");
    RUN(c, &snap, NULL, "export", "hit", "--format", "txt", "--snapshot", "20270201T000000Z");
    RUN(c, &work, NULL, "export", "hit", "--format", "txt", "--working");
    EXPECT_STATUS(&r, 0);
    EXPECT_STATUS(&snap, 0);
    EXPECT_STATUS(&work, 0);
    assert_string_equal(r.err, "coopcheck: note: nothing changed in round 2 of \"hit\" since "
                               "snapshot 20270201T000000Z closed round 1, so the report is of that "
                               "snapshot; --working reports the new round's working assessment\n");
    assert_string_equal(r.out, snap.out);
    OUT_HAS(&r, "Kind:                     complete: it closed the round\n");
    OUT_HAS(&r, "To review:                0\n");
    /* --working: the new round, all to review, nothing on stderr */
    assert_string_equal(work.err, "");
    OUT_HAS(&work, "Round:                    2\n");
    OUT_HAS(&work, "Based on snapshot:        20270201T000000Z\n");
    OUT_HAS(&work, "To review:                19\n");
    run_free(&r);
    run_free(&snap);
    run_free(&work);
    RUN(c, &r, NULL, "export", "hit", "--working", "--snapshot", "20270201T000000Z");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "--working and --snapshot each name what to report; give one of them");
    run_free(&r);
}

/* A year later: due again, an interim in round 2 keeps the date, complete
 * moves it. */
static void second_round(struct cx *c)
{
    struct tu_run r;
    set_now(c, "2028-01-10T08:00:00Z");
    EXPECT_DUE(c, "hit\tdue 2028-02-01\tMaterials\n");
    OK(c, "set", "hit", "1", "focus", "Materials informatics, now with batteries");
    RUN(c, &r, NULL, "export", "hit", "--format", "txt");   /* touched: the working one */
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.err, "");
    OUT_HAS(&r, "now with batteries");
    OUT_HAS(&r, "Round:                    2\n");
    run_free(&r);
    RUN(c, &r, NULL, "snapshot", "hit", "-m", "before the committee", "--interim");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "interim: round 2 stays open, and the next re-assessment is still due 2028-02-01.\n"
                "Still open:\n  to review: 2, 3, 4,");
    run_free(&r);
    EXPECT_DUE(c, "hit\tdue 2028-02-01, interim\tMaterials\n");
    EXPECT_LIST_STATE(c, "hit", "2028-02-01 2027-02-01T00:00:00Z interim -");
    RUN(c, &r, NULL, "show", "hit");
    OUT_HAS(&r, "Round        2, started 2027-02-01T00:00:00Z from snapshot 20270201T000000Z\n"
                "Interim      the newest snapshot, 20280110T080000Z, is interim: round 2 is still\n"
                "             open\n");
    OUT_LACKS(&r, "no change since that snapshot");
    run_free(&r);

    set_now(c, "2028-01-25T08:00:00Z");
    CX_CONFIRM_ALL(c, "hit");
    RUN(c, &r, NULL, "snapshot", "hit", "-m", "Round 2");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "complete: nothing was open, so it closes round 2.\nRound 3 begins with its answers, "
                "each marked to review; the next re-assessment is due 2029-01-25.\n");
    run_free(&r);
    EXPECT_DUE(c, "");
    EXPECT_LIST_STATE(c, "hit", "2029-01-25 2028-01-25T08:00:00Z - -");
    RUN(c, &r, NULL, "show", "hit");
    OUT_HAS(&r, "Round        3, started 2028-01-25T08:00:00Z from snapshot 20280125T080000Z\n");
    run_free(&r);
    RUN(c, &r, NULL, "verify", "hit");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.out, "hit: the chain of 4 snapshots is intact\n");
    run_free(&r);
    RUN(c, &r, NULL, "snapshots", "hit");
    EXPECT_STATUS(&r, 0);
    assert_true(contains_squashed(r.out, "interim first look"));
    assert_true(contains_squashed(r.out, "complete Round 1, approved by the committee"));
    assert_true(contains_squashed(r.out, "interim before the committee"));
    assert_true(contains_squashed(r.out, "complete Round 2"));
    run_free(&r);
}

static void test_two_years_of_rounds(void **state)
{
    struct cx *c = *state;
    first_round(c);
    untouched_round(c);
    second_round(c);
}

/* A change in the very second the complete snapshot started the round (a
 * script: snapshot, then set): the round has changed, so export reports the
 * working assessment with the change, not the snapshot, and show does not
 * say that nothing changed.  (The times alone, equal to the second, said
 * "untouched".) */
static void test_change_in_the_second_the_round_began(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    first_round(c);   /* the clock stands at the snapshot's second */
    OK(c, "set", "hit", "1", "focus", "Changed in the same second");
    RUN(c, &r, NULL, "export", "hit", "--format", "txt");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.err, "");
    OUT_HAS(&r, "Changed in the same second");
    OUT_HAS(&r, "Round:                    2\n");
    run_free(&r);
    RUN(c, &r, NULL, "show", "hit");
    EXPECT_STATUS(&r, 0);
    assert_null(strstr(r.out, "no change since that snapshot yet"));
    run_free(&r);
}

/* Never assessed, without a start date: due from its creation. */
static void test_never_assessed_due_from_creation(void **state)
{
    struct cx *c = *state;
    OK(c, "new", "abc", "--title", "No start", "--interval", "24");
    EXPECT_DUE(c, "abc\tdue 2026-11-27, never assessed\tNo start\n");
    set_now(c, "2027-01-01T00:00:00Z");
    EXPECT_DUE(c, "abc\toverdue 2026-11-27, never assessed\tNo start\n");
    /* a start date given later moves it */
    OK(c, "edit", "abc", "--start", "2027-06-01");
    EXPECT_DUE(c, "");
    EXPECT_LIST_STATE(c, "abc", "2027-06-01 - - never");
}

/* A data directory of coopcheck 0.1 (format 1): read as it is, its chain
 * intact, and written as format 2 by the first change, its snapshots left
 * alone. */
static void test_format1_data_directory(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char *src = tu_src_path("tests/data/format1"), *text;
    const char *cp[] = { "/bin/cp", "-R", src, c->data, NULL };
    struct bytes s1, s2;
    cJSON *root;
    run_argv(&r, NULL, cp, c->env);
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    free(src);
    s1 = grab(spath(c, "tum-hit", "20250303T090000Z"));
    s2 = grab(spath(c, "tum-hit", "20260303T090000Z"));
    RUN(c, &r, NULL, "list");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "\ntum-hit 0/19     2026-03-03 2027-03-03       -        Joint lab\n");
    run_free(&r);
    RUN(c, &r, NULL, "verify", "tum-hit");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.out, "tum-hit: the chain of 2 snapshots is intact\n");
    run_free(&r);
    RUN(c, &r, NULL, "show", "tum-hit");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Partner      HIT Harbin\n");
    OUT_HAS(&r, "Round        3, started 2026-03-03T09:00:00Z from snapshot 20260303T090000Z\n");
    run_free(&r);
    RUN(c, &r, NULL, "edit", "tum-hit", "--remove-partner", "HIT Harbin", "--add-partner",
        "Harbin Institute of Technology; HIT; 哈尔滨工业大学");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "  - HIT Harbin\n  + Harbin Institute of Technology (HIT, 哈尔滨工业大学)\n");
    run_free(&r);
    text = tu_read(apath(c, "tum-hit"), NULL);
    root = PARSE_JSON(text);
    free(text);
    assert_int_equal(jget(root, "format")->valueint, ASSESSMENT_FORMAT);
    cJSON_Delete(root);
    EXPECT_SAME(spath(c, "tum-hit", "20250303T090000Z"), &s1);
    EXPECT_SAME(spath(c, "tum-hit", "20260303T090000Z"), &s2);
    RUN(c, &r, NULL, "verify", "tum-hit");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "the chain of 2 snapshots is intact");
    run_free(&r);
    RUN(c, &r, NULL, "diff", "tum-hit");   /* the partner change, against the old snapshot */
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "HIT Harbin");
    OUT_HAS(&r, "Harbin Institute of Technology (HIT, 哈尔滨工业大学)");
    run_free(&r);
    free(s1.buf);
    free(s2.buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_two_years_of_rounds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_change_in_the_second_the_round_began, setup, teardown),
        cmocka_unit_test_setup_teardown(test_never_assessed_due_from_creation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_format1_data_directory, setup, teardown),
    };
    return cmocka_run_group_tests(tests, cx_group_setup, NULL);
}
