/* test_interview.c — the line-by-line mode (coopcheck interview, and open
 * with TERM=dumb, ACCESSIBLE or accessible = true), driven through pipes
 * like tests/test_cli.c: the whole transcript compared with golden files in
 * English and German, the answers checked in the file on disk, the end of
 * the input, drafts, resuming, carried-over answers, the editor.
 * (tests/test_tui_interview.c drives it in tmux: the lock, SIGHUP.)
 *
 * Golden files: tests/golden/interview-LANG.txt; COOPCHECK_UPDATE_GOLDEN=1
 * rewrites them (review the diff by eye). */
#include "cliassess.h"
#include "clitest.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cjson/cJSON.h>

#include "catalog.h"
#include "util.h"

static int setup(void **state)
{
    return cx_setup(state, (const char *const[]){ "NO_COLOR=", "TERM=xterm-256color",
                                                  "ACCESSIBLE=", "EDITOR=false", NULL });
}

static int teardown(void **state)
{
    return cx_teardown(state);
}

static void new_demo(struct cx *c)
{
    OK(c, "new", "demo", "--title", "Demo cooperation", "--partner", "Fudan University",
       "--country", "China", "--pi", "Dr. A. Beispiel", "--start", "2026-03-01");
}

/* The answers of question qid in the working file (borrowed from *root,
 * which the caller deletes). */
static cJSON *answers_of(struct cx *c, const char *qid, cJSON **root)
{
    char *text = tu_read(apath(c, "demo"), NULL);
    assert_non_null(text);
    *root = PARSE_JSON(text);
    free(text);
    return jget(jget(*root, "answers"), qid);
}

static const char *value_of(const cJSON *q, const char *fid)
{
    return jstr(jget(jget(q, "fields"), fid), "value");
}

/* The script of the golden transcripts: a text over lines (with "..") in
 * q01, a field kept, a jump to q04, yes with its text, unsure with its
 * note, the follow-up flag, a conditional field not asked, the help,
 * back and forth, a question that does not exist, an interim snapshot. */
static const char script[] =
    "t\n"
    "Sensors for cold chains.\n"
    "..\n"
    "Second paragraph.\n"
    ".\n"
    "\n"
    "g 4\n"
    "yes\n"
    "t\n"
    "Rare earths from one supplier.\n"
    ".\n"
    "unsure\n"
    "t\n"
    "Not clear yet.\n"
    ".\n"
    "f\n"
    "\n"
    "maybe\n"
    "no\n"
    "?\n"
    "p\n"
    "n\n"
    "g 99\n"
    "s\n"
    "First look\n"
    "q\n";

static void golden(void **state, const char *lang, const char *file)
{
    struct cx *c = *state;
    struct tu_run r;
    new_demo(c);
    RUN(c, &r, script, "--lang", lang, "interview", "demo");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.err, "");
    tu_check_golden(file, r.out);
    run_free(&r);
}

static void test_golden_en(void **state)
{
    golden(state, "en", "interview-en.txt");
}

static void test_golden_de(void **state)
{
    golden(state, "de", "interview-de.txt");
}

/* What the golden script answered is in the file, as typed. */
static void test_answers_saved(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root, *q;
    new_demo(c);
    RUN(c, &r, script, "interview", "demo");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    q = answers_of(c, "q01", &root);
    assert_string_equal(value_of(q, "focus"), "Sensors for cold chains.\n.\nSecond paragraph.");
    assert_null(jget(jget(q, "fields"), "own_goals"));
    cJSON_Delete(root);
    q = answers_of(c, "q04", &root);
    assert_string_equal(value_of(q, "dep_on_china"), "yes");
    assert_string_equal(value_of(q, "dep_on_china_kind"), "Rare earths from one supplier.");
    assert_string_equal(value_of(q, "partner_dep_on_de"), "unsure");
    assert_string_equal(jstr(jget(jget(q, "fields"), "partner_dep_on_de"), "note"), "Not clear yet.");
    assert_string_equal(value_of(q, "alternatives"), "no");
    assert_null(jget(jget(q, "fields"), "alternatives_which"));
    assert_true(cJSON_IsTrue(jget(q, "followup")));
    cJSON_Delete(root);
    assert_int_equal(tu_mode(apath(c, "demo")), 0600);
    assert_int_equal(tu_mode(spath(c, "demo", SNAP1)), 0600);
    /* nothing was left unsaved: no draft */
    {
        char *tree = cx_tree(tpath(c, ".local/state/coopcheck/drafts"));
        LACKS(tree, ".json");
        free(tree);
    }
}

/* The input ends at a prompt: status 2, where it ended, what was answered
 * before is saved. */
static void test_end_of_input_at_a_prompt(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root, *q;
    new_demo(c);
    RUN(c, &r, "t\nFirst.\n.\n", "interview", "demo");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "the input ended at the prompt of question 1, field \"Your own goals\", before q");
    run_free(&r);
    q = answers_of(c, "q01", &root);
    assert_string_equal(value_of(q, "focus"), "First.");
    cJSON_Delete(root);

    RUN(c, &r, NULL, "interview", "demo");   /* /dev/null: nothing at all */
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "the input ended at the prompt of question 1, field \"Thematic focus\"");
    run_free(&r);
}

/* The input ends in a text: it is not saved but kept in a recovery draft
 * (0600), which the next interview mentions. */
static void test_end_of_input_in_a_text(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char *tree, *file;
    new_demo(c);
    RUN(c, &r, "t\nHalf a sentence\n", "interview", "demo");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "the input ended in the text of question 1, field \"Thematic focus\", before the "
                "line \".\"; the text typed is in the recovery draft ");
    run_free(&r);
    file = tu_read(apath(c, "demo"), NULL);
    LACKS(file, "Half a sentence");
    free(file);
    tree = cx_tree(tpath(c, ".local/state/coopcheck/drafts"));
    HAS(tree, "Half a sentence");
    free(tree);
    {
        DIR *d = opendir(tpath(c, ".local/state/coopcheck/drafts"));
        struct dirent *de;
        int n = 0;
        assert_non_null(d);
        while ((de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            n++;
            assert_int_equal(tu_mode(tpath(c, ".local/state/coopcheck/drafts/%s", de->d_name)), 0600);
        }
        closedir(d);
        assert_int_equal(n, 1);
    }
    /* offered, field by field, and kept until the user says */
    RUN(c, &r, "\nq\n", "interview", "demo");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "A recovery draft with answers that were not saved, written " NOW " by ");
    OUT_HAS(&r, "Question 1, field \"Thematic focus\":\nSaved now: nothing.\nIn the draft:\n"
                "Half a sentence\nEnd of the text.\n");
    OUT_HAS(&r, "a applies the draft's 1 answer, discard (in full) throws the draft away, Enter "
                "keeps it for later > \nThe draft is kept; it is offered again next time.");
    run_free(&r);
    file = tu_read(apath(c, "demo"), NULL);
    LACKS(file, "Half a sentence");
    free(file);
    RUN(c, &r, "a\nq\n", "interview", "demo");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "The draft's 1 answer is applied and saved.");
    run_free(&r);
    file = tu_read(apath(c, "demo"), NULL);
    HAS(file, "Half a sentence");
    free(file);
    tree = cx_tree(tpath(c, ".local/state/coopcheck/drafts"));
    LACKS(tree, "Half a sentence");
    free(tree);
    RUN(c, &r, "q\n", "interview", "demo");
    OUT_LACKS(&r, "recovery draft");
    run_free(&r);
}

/* A draft thrown away only when "discard" is typed in full. */
static void test_draft_discarded(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char *tree;
    new_demo(c);
    RUN(c, &r, "t\nTo be thrown away\n", "interview", "demo");
    EXPECT_STATUS(&r, 2);
    run_free(&r);
    RUN(c, &r, "d\ndiscard\nq\n", "interview", "demo");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Not understood: \"d\". Type a, discard, or Enter alone.");
    OUT_HAS(&r, "The draft is discarded.");
    run_free(&r);
    tree = cx_tree(tpath(c, ".local/state/coopcheck/drafts"));
    LACKS(tree, "To be thrown away");
    free(tree);
    tree = tu_read(apath(c, "demo"), NULL);
    LACKS(tree, "To be thrown away");
    free(tree);
}

/* Quitting and coming back: the next interview starts at the first question
 * still open; one named starts there. */
static void test_resume(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    new_demo(c);
    RUN(c, &r, "t\nOne.\n.\nt\nTwo.\n.\nq\n", "interview", "demo");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Everything is saved.");
    run_free(&r);
    RUN(c, &r, "q\n", "interview", "demo");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "1 of 19 question answered.");
    OUT_HAS(&r, "Question 2 of 19: State of research compared");
    OUT_LACKS(&r, "Question 1 of 19");
    run_free(&r);
    RUN(c, &r, "q\n", "interview", "demo", "q12");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Question 12 of 19: Export control office");
    run_free(&r);
}

/* After a complete snapshot every answer is carried over to review: the
 * interview says so, and c confirms the question's answers. */
static void test_carried_over_and_confirmed(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root, *q;
    new_demo(c);
    CX_ANSWER_ALL(c, "demo");
    OK(c, "snapshot", "demo", "-m", "round 1 done");
    RUN(c, &r, "c\nc\nq\n", "interview", "demo");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Round 2, based on snapshot " SNAP1 ".");
    OUT_HAS(&r, "Question 1 of 19");
    OUT_HAS(&r, "Carried over from the last round: to review. c confirms the answers as still right.");
    OUT_HAS(&r, "The answers to question 1 are confirmed as still right.");
    OUT_HAS(&r, "Nothing to confirm: question 1 is not marked to review.");
    run_free(&r);
    q = answers_of(c, "q01", &root);
    assert_true(cJSON_IsFalse(jget(q, "review")));
    cJSON_Delete(root);
    q = answers_of(c, "q02", &root);
    assert_true(cJSON_IsTrue(jget(q, "review")));
    cJSON_Delete(root);
}

/* The whole round in the line mode: every question answered, reviewed and
 * a complete snapshot taken. */
static void test_whole_round(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct sbuf in;
    const struct catalog *cat;
    struct catalog *owned = bundled();
    cat = owned;
    new_demo(c);
    sbuf_init(&in);
    for (size_t qi = 0; qi < cat->nquestions; qi++)
        for (size_t f = 0; f < cat->questions[qi].nfields; f++) {
            const struct cat_field *fd = &cat->questions[qi].fields[f];
            if (fd->when_field != CAT_WHEN_ALWAYS)
                continue;   /* asked after yes or unsure only: "no" leaves it out */
            if (fd->type == FIELD_YESNO)
                sbuf_adds(&in, "no\n");
            else
                sbuf_addf(&in, "t\nAnswer to %s.%s\n.\n", cat->questions[qi].id, fd->id);
        }
    sbuf_adds(&in, "s\nRound one, in the line mode\nq\n");
    RUN(c, &r, in.buf, "interview", "demo");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "That was the last question.");
    OUT_HAS(&r, "19 of 19 questions answered.");
    OUT_HAS(&r, "Nothing is open: this snapshot is complete.");
    OUT_HAS(&r, "Complete snapshot " SNAP1 " taken: round 1 is closed, round 2 starts");
    run_free(&r);
    assert_int_equal(tu_mode(spath(c, "demo", SNAP1)), 0600);
    RUN(c, &r, NULL, "verify", "demo");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    sbuf_release(&in);
    catalog_free(owned);
}

/* open takes the line mode with TERM=dumb or unset, ACCESSIBLE, or
 * accessible = true in config.ini; without an id it says what to do. */
static void test_open_in_the_line_mode(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    static const char *const how[][2] = {
        { "TERM=dumb", NULL }, { "TERM=", NULL }, { "ACCESSIBLE=1", NULL },
    };
    new_demo(c);
    for (size_t i = 0; i < CC_ARRAY_LEN(how); i++) {
        run_v(c, &r, "q\n", (const char *const[]){ how[i][0], NULL },
              (const char *const[]){ "open", "demo", NULL });
        EXPECT_STATUS(&r, 0);
        OUT_HAS(&r, "Interview of cooperation demo: Demo cooperation");
        run_free(&r);
    }
    /* ACCESSIBLE=0 is not asking for it: the full screen, which needs a terminal */
    run_v(c, &r, "q\n", (const char *const[]){ "ACCESSIBLE=0", NULL },
          (const char *const[]){ "open", "demo", NULL });
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "needs a terminal");
    run_free(&r);
    RUN_ENV(c, &r, "TERM=dumb", "open");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "needs a cooperation: 'coopcheck interview ID'");
    run_free(&r);

    assert_int_equal(mkdir(c->cfg, 0700), 0);
    assert_int_equal(mkdir(tpath(c, "cfg/coopcheck"), 0700), 0);
    tu_write(tpath(c, "cfg/coopcheck/config.ini"), "[general]\naccessible = true\n");
    RUN(c, &r, "q\n", "open", "demo", "3");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Question 3 of 19");
    run_free(&r);
    /* ACCESSIBLE=0 says no, also to config.ini: the full screen (which needs a terminal) */
    run_v(c, &r, "q\n", (const char *const[]){ "ACCESSIBLE=0", NULL },
          (const char *const[]){ "open", "demo", NULL });
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "needs a terminal");
    run_free(&r);
    /* a problem of config.ini is said in the line mode too */
    tu_write(tpath(c, "cfg/coopcheck/config.ini"), "[general]\naccessible = maybe\n");
    RUN_ENV(c, &r, "TERM=dumb", "open", "demo");
    ERR_HAS(&r, "config.ini:2:14: accessible must be true or false, not \"maybe\"");
    OUT_HAS(&r, "Interview of cooperation demo");
    run_free(&r);
}

/* Lines it cannot take: not UTF-8, not a command or an answer, a question
 * that does not exist; nothing changes. */
static void test_bad_lines(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct bytes before;
    new_demo(c);
    before = grab(apath(c, "demo"));
    RUN(c, &r, "g 4\n\xff\xfe\nmaybe\ng 99\ng\nq\n", "interview", "demo");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Line 2 of the input is not valid UTF-8 text (byte 1); it was ignored.");
    OUT_HAS(&r, "Not understood: \"maybe\". Type yes, no (in full: n is the next question) or unsure");
    OUT_HAS(&r, "There is no question \"99\": type g and a number from 1 to 19.");
    OUT_HAS(&r, "g needs the number of a question, from 1 to 19: g 12 goes to question 12.");
    run_free(&r);
    EXPECT_SAME(apath(c, "demo"), &before);
    free(before.buf);
}

/* A line longer than a field holds is refused whole, with its number; the
 * lines around it are taken. */
static void test_line_too_long(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct sbuf in;
    cJSON *root, *q;
    new_demo(c);
    sbuf_init(&in);
    sbuf_adds(&in, "t\nbefore\n");
    for (size_t i = 0; i < 300 * 1024; i++)
        sbuf_addc(&in, 'a');
    sbuf_adds(&in, "\nafter\n.\nq\n");
    RUN(c, &r, in.buf, "interview", "demo");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Line 3 of the input is longer than 262144 bytes, the most a field holds; it was "
                "ignored.");
    run_free(&r);
    sbuf_release(&in);
    q = answers_of(c, "q01", &root);
    assert_string_equal(value_of(q, "focus"), "before\nafter");
    cJSON_Delete(root);
}

/* Text from the file reaches the output escaped, never raw. */
static void test_output_sanitised(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    new_demo(c);
    OK_IN(c, "red \x1b[31mALERT\x1b[0m and \xe2\x80\xae" "backwards", "set", "demo", "q01", "focus", "-");
    RUN(c, &r, "q\n", "interview", "demo");
    EXPECT_STATUS(&r, 0);
    OUT_LACKS(&r, "\x1b");
    OUT_LACKS(&r, "\xe2\x80\xae");
    OUT_HAS(&r, "ALERT");
    run_free(&r);
}

/* e opens $EDITOR on the answer; what it saves becomes the answer. */
static void test_editor(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root, *q;
    char env[4200];
    const char *ed = tpath(c, "ed.sh");
    new_demo(c);
    tu_write(ed, "#!/bin/sh\nprintf 'Written in the editor.\\n' > \"$1\"\n");
    assert_int_equal(chmod(ed, 0700), 0);
    snprintf(env, sizeof(env), "EDITOR=%s", ed);
    run_v(c, &r, "e\nq\n", (const char *const[]){ env, NULL },
          (const char *const[]){ "interview", "demo", NULL });
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Saved.");
    run_free(&r);
    q = answers_of(c, "q01", &root);
    assert_string_equal(value_of(q, "focus"), "Written in the editor.");
    cJSON_Delete(root);
    /* an editor that fails leaves the answer alone */
    run_v(c, &r, "e\nq\n", (const char *const[]){ "EDITOR=false", NULL },
          (const char *const[]){ "interview", "demo", "1", NULL });
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "did not finish normally");
    run_free(&r);
    q = answers_of(c, "q01", &root);
    assert_string_equal(value_of(q, "focus"), "Written in the editor.");
    cJSON_Delete(root);
}

/* No such cooperation, no such question: status 3, nothing asked. */
static void test_no_such_cooperation(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    new_demo(c);
    RUN(c, &r, "q\n", "interview", "nothere");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "no cooperation \"nothere\"");
    assert_string_equal(r.out, "");
    run_free(&r);
    RUN(c, &r, "q\n", "interview", "demo", "20");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "has no question \"20\"");
    assert_string_equal(r.out, "");
    run_free(&r);
}

/* At the snapshot's note, Enter alone and q take none (q also quits). */
static void test_snapshot_cancelled(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    new_demo(c);
    RUN(c, &r, "s\n\ns\nq\nt\nnever asked\n.\n", "interview", "demo");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "No snapshot was taken.");
    OUT_HAS(&r, "Everything is saved.");
    run_free(&r);
    assert_int_equal(tu_mode(spath(c, "demo", SNAP1)), -1);
    RUN(c, &r, NULL, "snapshots", "demo");
    OUT_LACKS(&r, SNAP1);
    run_free(&r);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_golden_en),
        T(test_golden_de),
        T(test_answers_saved),
        T(test_end_of_input_at_a_prompt),
        T(test_end_of_input_in_a_text),
        T(test_draft_discarded),
        T(test_resume),
        T(test_carried_over_and_confirmed),
        T(test_whole_round),
        T(test_open_in_the_line_mode),
        T(test_bad_lines),
        T(test_line_too_long),
        T(test_output_sanitised),
        T(test_editor),
        T(test_no_such_cooperation),
        T(test_snapshot_cancelled),
    };
    return cmocka_run_group_tests(tests, cx_group_setup, NULL);
}
