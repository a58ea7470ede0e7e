/* test_cli_life.c — a cooperation's life on the command line, driven
 * through the built binary like tests/test_cli.c: partners with aliases in
 * new and edit, edit and its refusals (and --catalog that would lose
 * answers), rename (the chain stays valid, recovery drafts refuse it),
 * archive and unarchive (hidden from list and due unless --all), delete
 * (only with --yes, never while open, drafts removed too).
 *
 * Every test has its own directory (tests/support/clitest.h) with a fixed
 * clock, and XDG_STATE_HOME=<tmp>/state for recovery drafts, set in this
 * process as well so that a test can write a draft the way the interface
 * does (draft.h).  Every refusal is checked to leave the whole data
 * directory as it was, byte for byte (cx_tree). */
#include "cliassess.h"
#include "clitest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "draft.h"
#include "store.h"

static char state_dir[4300];

static int setup(void **state)
{
    struct cx *c;
    if (cx_setup(state, NULL) != 0)
        return -1;
    c = *state;
    snprintf(state_dir, sizeof(state_dir), "%s/state", c->tmp);
    setenv("XDG_STATE_HOME", state_dir, 1);
    return 0;
}

static int teardown(void **state)
{
    unsetenv("XDG_STATE_HOME");
    return cx_teardown(state);
}

/* ---- helpers -------------------------------------------------------------- */


static cJSON *read_json(const char *path)
{
    char *text = tu_read(path, NULL);
    cJSON *j;
    assert_non_null(text);
    j = PARSE_JSON(text);
    free(text);
    return j;
}

/* cooperation.<key> of id's working file (borrowed from root). */
static const cJSON *coop_of(const cJSON *root)
{
    return jget(root, "cooperation");
}

/* A recovery draft of id, as the interface leaves one after a crash;
 * returns its path (caller frees). */
static char *leave_draft(struct cx *c, const char *id)
{
    struct draft d;
    struct cc_err err;
    char *path;
    draft_init(&d, c->data, id);
    draft_add_text(&d, "q16", "measures", "typed but never saved", NULL);
    if (draft_save(&d, &err) != 0)
        fail_msg("%s", err.msg);
    path = strdup(d.path);
    assert_non_null(path);
    draft_release(&d);
    return path;
}

/* The interface of this (test) process has id open: its editor's lock. */
static void hold_editor_lock(struct cx *c, const char *id)
{
    struct cc_err err;
    if (store_lock(c->data, id, &err) != 0)
        fail_msg("%s", err.msg);
}

/* ---- new with aliases ----------------------------------------------------- */

static void test_new_partner_aliases(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root;
    const cJSON *p;
    char *before;
    OK(c, "new", "fudan", "--partner", "Fudan University; 复旦大学 ;FDU", "--partner", "Second");
    root = read_json(apath(c, "fudan"));
    p = jget(coop_of(root), "partners");
    assert_int_equal(cJSON_GetArraySize(p), 2);
    assert_string_equal(jstr(cJSON_GetArrayItem(p, 0), "name"), "Fudan University");
    assert_int_equal(cJSON_GetArraySize(jget(cJSON_GetArrayItem(p, 0), "aliases")), 2);
    assert_string_equal(cJSON_GetArrayItem(jget(cJSON_GetArrayItem(p, 0), "aliases"), 0)->valuestring,
                        "复旦大学");
    assert_string_equal(cJSON_GetArrayItem(jget(cJSON_GetArrayItem(p, 0), "aliases"), 1)->valuestring,
                        "FDU");
    assert_string_equal(cJSON_GetArrayItem(p, 1)->valuestring, "Second");
    cJSON_Delete(root);
    RUN(c, &r, NULL, "show", "fudan");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Partner      Fudan University (复旦大学, FDU)\n             Second\n");
    run_free(&r);

    /* an empty name or alias is refused, and nothing is created */
    before = cx_tree(c->data);
    static const char *const bad[] = { "Fudan;;FDU", " ; FDU", "Fudan;", ";" };
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        RUN(c, &r, NULL, "new", "other", "--partner", bad[i]);
        EXPECT_STATUS(&r, 2);
        ERR_HAS(&r, "has an empty name");
        ERR_HAS(&r, "\"Name; alias; alias\"");
        run_free(&r);
    }
    RUN(c, &r, NULL, "new", "other", "--partner", "Fudan; \x1b[2J");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "partner name contains control characters");
    assert_null(strchr(r.err, '\x1b'));
    run_free(&r);
    CX_EXPECT_TREE(c->data, before);
    free(before);
}

/* ---- edit ------------------------------------------------------------------- */

static void test_edit_changes_and_says_so(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root;
    const cJSON *co;
    OK(c, "new", "abc", "--title", "Materials", "--partner", "Harbin Institute of Technology",
       "--country", "China", "--interval", "12");
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Data changed never since it was created\n");
    run_free(&r);
    RUN(c, &r, NULL, "--lang", "de", "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, " nie seit der Anlage\n");
    run_free(&r);
    snprintf(c->env_now, sizeof(c->env_now), "COOPCHECK_NOW=%s", "2026-12-01T10:00:00Z");
    RUN(c, &r, NULL, "edit", "abc", "--title", "Materials informatics", "--pi", "Dr. A. Beispiel",
        "--country", "", "--start", "2027-03-01", "--interval", "6");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.err, "");
    OUT_HAS(&r, "abc: Title: \"Materials\" -> \"Materials informatics\"\n");
    OUT_HAS(&r, "abc: Country: \"China\" -> (none)\n");
    OUT_HAS(&r, "abc: Principal investigator: (none) -> \"Dr. A. Beispiel\"\n");
    OUT_HAS(&r, "abc: Start date: (none) -> \"2027-03-01\"\n");
    OUT_HAS(&r, "abc: Re-assessment interval (months): 12 -> 6\n");
    /* never assessed: due from the new start */
    OUT_HAS(&r, "abc: the next re-assessment is due 2027-03-01\n");
    OUT_LACKS(&r, "Partners");
    run_free(&r);
    /* stamped who and when, field by field */
    root = read_json(apath(c, "abc"));
    co = coop_of(root);
    assert_string_equal(jstr(co, "title"), "Materials informatics");
    assert_true(cJSON_IsNull(jget(co, "country")));
    assert_string_equal(jstr(co, "pi"), "Dr. A. Beispiel");
    assert_int_equal(jget(co, "interval_months")->valueint, 6);
    assert_string_equal(jstr(jget(jget(co, "changed"), "title"), "at"), "2026-12-01T10:00:00Z");
    assert_non_null(jstr(jget(jget(co, "changed"), "title"), "by"));
    assert_null(jget(jget(co, "changed"), "partners"));
    cJSON_Delete(root);
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Title        Materials informatics\n");
    OUT_HAS(&r, "PI           Dr. A. Beispiel\n");
    OUT_LACKS(&r, "Country ");
    OUT_HAS(&r, "Data changed 2026-12-01T10:00:00Z by ");
    /* (wrapped at 80 columns under the value's start) */
    OUT_HAS(&r, " (Title, Country, Principal\n"
                "             investigator, Start date, Re-assessment interval (months))\n");
    OUT_HAS(&r, "Next due     2027-03-01 (never assessed)\n");
    run_free(&r);

    /* the same values again: nothing to change, nothing written */
    {
        char *before = cx_tree(c->data);
        RUN(c, &r, NULL, "edit", "abc", "--title", "Materials informatics", "--interval", "6");
        EXPECT_STATUS(&r, 0);
        OUT_HAS(&r, "abc: nothing to change: it has these values already\n");
        run_free(&r);
        CX_EXPECT_TREE(c->data, before);
        free(before);
    }
}

static void test_edit_partners(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char *before;
    OK(c, "new", "abc", "--partner", "Harbin Institute of Technology; HIT", "--partner", "Second");
    /* one removed, one added with its aliases */
    RUN(c, &r, NULL, "edit", "abc", "--remove-partner", "Second", "--add-partner",
        "Fudan University; 复旦大学; FDU");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.out, "abc: Partners:\n  - Second\n  + Fudan University (复旦大学, FDU)\n");
    run_free(&r);
    /* new aliases for a partner: removed and added in one command */
    RUN(c, &r, NULL, "edit", "abc", "--remove-partner", "Harbin Institute of Technology",
        "--add-partner", "Harbin Institute of Technology; HIT; 哈尔滨工业大学");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "  - Harbin Institute of Technology (HIT)\n");
    OUT_HAS(&r, "  + Harbin Institute of Technology (HIT, 哈尔滨工业大学)\n");
    run_free(&r);
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Partner      Fudan University (复旦大学, FDU)\n"
                "             Harbin Institute of Technology (HIT, 哈尔滨工业大学)\n");
    run_free(&r);
    /* only the order changed */
    RUN(c, &r, NULL, "edit", "abc", "--partner", "Harbin Institute of Technology; HIT; 哈尔滨工业大学",
        "--partner", "Fudan University; 复旦大学; FDU");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "  in this order: Harbin Institute of Technology, Fudan University\n");
    run_free(&r);

    /* refusals: nothing changes */
    before = cx_tree(c->data);
    RUN(c, &r, NULL, "edit", "abc", "--remove-partner", "Tsinghua");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "cooperation \"abc\" has no partner \"Tsinghua\"; its partners are: "
                "\"Harbin Institute of Technology\", \"Fudan University\"");
    ERR_HAS(&r, "nothing was changed");
    run_free(&r);
    RUN(c, &r, NULL, "edit", "abc", "--remove-partner", "HIT");   /* an alias is no name */
    EXPECT_STATUS(&r, 3);
    run_free(&r);
    RUN(c, &r, NULL, "edit", "abc", "--add-partner", "Fudan University; Fudan");
    EXPECT_STATUS(&r, 5);
    ERR_HAS(&r, "has the partner \"Fudan University\" already");
    ERR_HAS(&r, "--remove-partner \"Fudan University\" --add-partner");
    run_free(&r);
    RUN(c, &r, NULL, "edit", "abc", "--partner", "A", "--add-partner", "B");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "--partner replaces the whole list");
    run_free(&r);
    RUN(c, &r, NULL, "edit", "abc", "--add-partner", "B;;C");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "has an empty name");
    run_free(&r);
    CX_EXPECT_TREE(c->data, before);
    free(before);

    /* --partner "" leaves none */
    RUN(c, &r, NULL, "edit", "abc", "--partner", "");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "  - Fudan University (复旦大学, FDU)\n");
    run_free(&r);
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "\nTitle        abc\n");
    OUT_LACKS(&r, "\nPartner      ");   /* the header's line; questions name partners too */
    OUT_LACKS(&r, "\n             Fudan");
    run_free(&r);
}

static void test_edit_refusals_leave_everything_alone(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char *before;
    static const struct {
        const char *args[6];
        int status;
        const char *msg;
    } cases[] = {
        { { "edit", "abc" }, 2, "nothing to change: say what, for example --title TITLE" },
        { { "edit", "abc", "--interval", "0" }, 2, "--interval takes a number of months from 1 to 120" },
        { { "edit", "abc", "--interval", "13x" }, 2, "not \"13x\"" },
        { { "edit", "abc", "--start", "2026-02-30" }, 2, "--start takes a date like 2026-01-31" },
        { { "edit", "abc", "--title", "" }, 2, "the title cannot be empty" },
        { { "edit", "abc", "--title", "T\x1b[2J" }, 2, "--title contains control characters" },
        { { "edit", "abc", "--pi", "P\x07" }, 2, "--pi contains control characters" },
        { { "edit", "abc", "--force" }, 2, "--force goes with --catalog" },
        { { "edit", "abc", "--catalog", "no-such-catalogue" }, 3, "no catalogue \"no-such-catalogue\"" },
        { { "edit", "nope", "--title", "T" }, 3, "no cooperation \"nope\"" },
        { { "edit", "Bad_ID", "--title", "T" }, 2, "\"Bad_ID\" is not a cooperation id" },
        { { "edit", "abc", "--frob" }, 2, "unknown option '--frob'" },
        { { "new", "reports" }, 2, "\"reports\" cannot be a cooperation id: it is the name of the "
                                   "data directory's folder of reports" },
        { { "rename", "abc", "reports" }, 2, "it is the name of the data directory's folder of reports" },
    };
    OK(c, "new", "abc", "--title", "Materials");
    OK(c, "snapshot", "abc", "-m", "first look", "--interim");
    before = cx_tree(c->data);
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        const char *argv[8] = { tu_bin() };
        size_t n = 1;
        for (size_t k = 0; k < 6 && cases[i].args[k]; k++)
            argv[n++] = cases[i].args[k];
        argv[n] = NULL;
        run_argv(&r, NULL, argv, c->env);
        EXPECT_STATUS(&r, cases[i].status);
        ERR_HAS(&r, cases[i].msg);
        assert_string_equal(r.out, "");
        assert_null(strchr(r.err, '\x1b'));
        run_free(&r);
        CX_EXPECT_TREE(c->data, before);
    }
    free(before);
}

/* While an interface has the cooperation open, nothing that writes it runs:
 * one on this host (alive) is to be waited for; one on another host may be
 * gone, and the message names 'coopcheck unlock ID' as the way out. */
static void test_refused_while_open(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char *before;
    static const char *const cmds[][5] = {
        { "edit", "abc", "--title", "Other" }, { "archive", "abc" }, { "rename", "abc", "xyz" },
        { "delete", "abc", "--yes" }, { "snapshot", "abc", "-m", "x", "--interim" },
        { "set", "abc", "9", "--confirm" },
    };
    OK(c, "new", "abc", "--title", "Materials");
    for (int elsewhere = 0; elsewhere < 2; elsewhere++) {
        if (elsewhere)
            tu_write(tpath(c, "data/%s/lock", "abc"),
                     "alice\nfar-away.example.org\n4242\n2026-01-01T00:00:00Z\n");
        else
            hold_editor_lock(c, "abc");
        before = cx_tree(c->data);
        for (size_t i = 0; i < sizeof(cmds) / sizeof(*cmds); i++) {
            const char *argv[7] = { tu_bin() };
            size_t n = 1;
            for (size_t k = 0; k < 5 && cmds[i][k]; k++)
                argv[n++] = cmds[i][k];
            argv[n] = NULL;
            run_argv(&r, NULL, argv, c->env);
            EXPECT_STATUS(&r, 5);
            ERR_HAS(&r, "cooperation \"abc\" is open in another coopcheck: ");
            if (elsewhere) {
                ERR_HAS(&r, "alice on far-away.example.org, process 4242, since 2026-01-01T00:00:00Z");
                ERR_HAS(&r, "wait until it is closed there (if that program is gone, "
                            "'coopcheck unlock abc' removes its lock)");
            } else {
                ERR_HAS(&r, " on ");   /* who and where */
                ERR_HAS(&r, "; wait until it is closed\n");
                ERR_LACKS(&r, "coopcheck unlock");   /* it is alive: unlocking would be wrong */
            }
            assert_string_equal(r.out, "");
            run_free(&r);
            CX_EXPECT_TREE(c->data, before);
        }
        free(before);
        if (!elsewhere)
            store_unlock(c->data, "abc");
    }
    OK(c, "unlock", "abc");
    OK(c, "edit", "abc", "--title", "Other");
}

static void test_edit_catalog(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char *before;
    install_mini_catalogue(c->cfg);
    OK(c, "new", "abc", "--title", "Materials");
    OK(c, "set", "abc", "19", "structures", "yes");
    OK(c, "set", "abc", "19", "handling", "Ombudsperson");
    OK(c, "set", "abc", "1", "focus", "Materials");
    before = cx_tree(c->data);
    /* the answer to q19.structures has no place there: refused, named */
    RUN(c, &r, NULL, "edit", "abc", "--catalog", "bmbf-mini", "--title", "New title");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "catalogue \"bmbf-mini\" version 2099-01 has no place for 1 answer of \"abc\":\n"
                "  q19.structures\n");
    ERR_HAS(&r, "Nothing was changed.  --force moves the other answers and drops it");
    assert_string_equal(r.out, "");
    run_free(&r);
    CX_EXPECT_TREE(c->data, before);
    free(before);
    /* the same catalogue: nothing to move */
    RUN(c, &r, NULL, "edit", "abc", "--catalog", "bmbf-china-2024");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "nothing to change");
    run_free(&r);
    /* --force: moved, the lost answer named */
    RUN(c, &r, NULL, "edit", "abc", "--catalog", "bmbf-mini", "--force");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "abc: Catalogue: bmbf-china-2024, version 2024-11 -> bmbf-mini, version 2099-01");
    OUT_HAS(&r, "abc: dropped the answer q19.structures");
    run_free(&r);
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Catalogue    bmbf-mini, version 2099-01\n");
    OUT_HAS(&r, "(focus):\n        Materials\n");
    OUT_HAS(&r, "(handling):\n        Ombudsperson\n");
    OUT_LACKS(&r, "(structures)");
    OUT_HAS(&r, "(Catalogue)\n");
    run_free(&r);
}

/* ---- rename ------------------------------------------------------------------- */

static void test_rename_keeps_the_chain(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char *before;
    OK(c, "new", "abc", "--title", "Materials");
    OK(c, "set", "abc", "9", "military_checked", "yes");
    OK(c, "snapshot", "abc", "-m", "first look", "--interim");
    CX_ANSWER_ALL(c, "abc");
    OK(c, "snapshot", "abc", "-m", "Round 1");
    OK(c, "new", "other");

    RUN(c, &r, NULL, "rename", "abc", "hit-2026");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.out, "renamed cooperation \"abc\" to \"hit-2026\"; its 2 snapshots keep the "
                               "id they were taken under, so the chain stays valid\n");
    run_free(&r);
    /* one with no snapshot has no chain to speak of */
    RUN(c, &r, NULL, "rename", "other", "other-2");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.out, "renamed cooperation \"other\" to \"other-2\" (it has no snapshots "
                               "yet)\n");
    run_free(&r);
    OK(c, "rename", "other-2", "other");
    assert_int_equal(tu_mode(tpath(c, "data/%s", "abc")), -1);
    RUN(c, &r, NULL, "verify", "hit-2026");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.out, "hit-2026: the chain of 2 snapshots is intact\n");
    run_free(&r);
    RUN(c, &r, NULL, "show", "hit-2026");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Cooperation  hit-2026\n");
    OUT_HAS(&r, "Round        2, started " NOW " from snapshot " SNAP2 "\n");
    OUT_HAS(&r, "(ID)\n");   /* the rename is the last change of its data */
    run_free(&r);
    RUN(c, &r, NULL, "list");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "\nhit-2026 ");
    OUT_LACKS(&r, "\nabc ");
    run_free(&r);
    /* it goes on: a change and a snapshot, the chain still intact */
    OK(c, "set", "hit-2026", "9", "military_checked", "yes");
    OK(c, "snapshot", "hit-2026", "-m", "after the rename", "--interim");
    RUN(c, &r, NULL, "verify", "hit-2026");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "the chain of 3 snapshots is intact");
    run_free(&r);

    /* refusals */
    before = cx_tree(c->data);
    RUN(c, &r, NULL, "rename", "hit-2026", "other");
    EXPECT_STATUS(&r, 5);
    ERR_HAS(&r, "cooperation \"other\" exists already; choose another id");
    run_free(&r);
    RUN(c, &r, NULL, "rename", "hit-2026", "Bad_ID");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "\"Bad_ID\" cannot be a cooperation id");
    run_free(&r);
    RUN(c, &r, NULL, "rename", "hit-2026", "hit-2026");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "is called \"hit-2026\" already");
    run_free(&r);
    RUN(c, &r, NULL, "rename", "nope", "new-id");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "no cooperation \"nope\"");
    run_free(&r);
    RUN(c, &r, NULL, "rename", "hit-2026");
    EXPECT_STATUS(&r, 2);
    run_free(&r);
    CX_EXPECT_TREE(c->data, before);
    free(before);
}

static void test_rename_refused_with_drafts(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char *before, *draft;
    OK(c, "new", "abc", "--title", "Materials");
    OK(c, "new", "abc-2", "--title", "Another whose id starts alike");
    draft = leave_draft(c, "abc-2");   /* not abc's */
    RUN(c, &r, NULL, "rename", "abc", "xyz");
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    free(draft);
    draft = leave_draft(c, "xyz");
    before = cx_tree(c->data);
    RUN(c, &r, NULL, "rename", "xyz", "later");
    EXPECT_STATUS(&r, 5);
    ERR_HAS(&r, "cooperation \"xyz\" has 1 recovery draft of unsaved typing (");
    ERR_HAS(&r, draft);
    ERR_HAS(&r, "open it with 'coopcheck open xyz' and apply or discard it first; nothing was renamed");
    assert_string_equal(r.out, "");
    run_free(&r);
    CX_EXPECT_TREE(c->data, before);
    assert_int_equal(tu_mode(draft), 0600);   /* the draft is kept */
    /* once it is gone, the rename goes ahead */
    assert_int_equal(unlink(draft), 0);
    OK(c, "rename", "xyz", "later");
    free(draft);
    free(before);
}

/* ---- archive ------------------------------------------------------------------ */

static void test_archive_hides_and_all_shows(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root;
    char *before;
    OK(c, "new", "abc", "--title", "Materials");   /* never assessed: due */
    OK(c, "new", "def", "--title", "Other", "--start", "2027-06-01");   /* not due yet */
    OK(c, "snapshot", "abc", "-m", "first look", "--interim");
    RUN(c, &r, NULL, "archive", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "archived \"abc\": list and due leave it out unless --all is given; "
                "'coopcheck unarchive abc' brings it back\n");
    run_free(&r);

    RUN(c, &r, NULL, "list");
    EXPECT_STATUS(&r, 0);
    OUT_LACKS(&r, "abc");
    OUT_HAS(&r, "\ndef ");
    run_free(&r);
    RUN(c, &r, NULL, "list", "--all");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, " archived, due, never assessed, interim ");
    run_free(&r);
    RUN(c, &r, NULL, "list", "--json");
    EXPECT_STATUS(&r, 0);
    root = PARSE_JSON(r.out);
    assert_int_equal(cJSON_GetArraySize(root), 1);
    assert_string_equal(jstr(cJSON_GetArrayItem(root, 0), "id"), "def");
    assert_true(cJSON_IsFalse(jget(cJSON_GetArrayItem(root, 0), "archived")));
    cJSON_Delete(root);
    run_free(&r);
    RUN(c, &r, NULL, "list", "--json", "--all");
    EXPECT_STATUS(&r, 0);
    root = PARSE_JSON(r.out);
    assert_int_equal(cJSON_GetArraySize(root), 2);
    assert_true(cJSON_IsTrue(jget(cJSON_GetArrayItem(root, 0), "archived")));
    cJSON_Delete(root);
    run_free(&r);
    RUN(c, &r, NULL, "due");
    EXPECT_STATUS(&r, 0);   /* the only due one is archived */
    assert_string_equal(r.out, "");
    run_free(&r);
    RUN(c, &r, NULL, "due", "--all");
    EXPECT_STATUS(&r, 1);
    assert_string_equal(r.out, "abc\tdue 2026-11-27, never assessed, interim, archived\tMaterials\n");
    run_free(&r);
    /* the title whole, however long: the third field for scripts */
    OK(c, "edit", "abc", "--title", "Materials informatics with the Harbin Institute of Technology "
       "and two of its sub-institutes");
    RUN(c, &r, NULL, "due", "--all");
    EXPECT_STATUS(&r, 1);
    assert_string_equal(r.out, "abc\tdue 2026-11-27, never assessed, interim, archived\tMaterials "
                               "informatics with the Harbin Institute of Technology and two of its "
                               "sub-institutes\n");
    run_free(&r);
    OK(c, "edit", "abc", "--title", "Materials");
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Archived     since " NOW " by ");
    OUT_HAS(&r, "'coopcheck unarchive abc' restores it");
    run_free(&r);
    /* kept intact */
    RUN(c, &r, NULL, "verify", "abc");
    EXPECT_STATUS(&r, 0);
    run_free(&r);

    /* again: nothing to do, nothing written */
    before = cx_tree(c->data);
    RUN(c, &r, NULL, "archive", "abc");
    EXPECT_STATUS(&r, 0);
    ERR_HAS(&r, "\"abc\" is archived already (since " NOW " by ");
    run_free(&r);
    RUN(c, &r, NULL, "unarchive", "def");
    EXPECT_STATUS(&r, 0);
    ERR_HAS(&r, "\"def\" is not archived; nothing was changed");
    run_free(&r);
    RUN(c, &r, NULL, "archive", "nope");
    EXPECT_STATUS(&r, 3);
    run_free(&r);
    CX_EXPECT_TREE(c->data, before);
    free(before);

    RUN(c, &r, NULL, "unarchive", "abc");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "\"abc\" is no longer archived");
    run_free(&r);
    RUN(c, &r, NULL, "list");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "\nabc ");
    OUT_LACKS(&r, "archived");
    run_free(&r);
    RUN(c, &r, NULL, "due");
    EXPECT_STATUS(&r, 1);
    run_free(&r);
}

static void test_list_only_archived(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    OK(c, "new", "abc");
    OK(c, "archive", "abc");
    RUN(c, &r, NULL, "list");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "No active cooperations in ");
    OUT_HAS(&r, "; 1 is archived ('coopcheck list --all' shows it).\n");
    run_free(&r);
}

/* ---- delete ------------------------------------------------------------------- */

static void test_delete(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char *before, *draft;
    OK(c, "new", "abc", "--title", "Materials");
    OK(c, "new", "def", "--title", "Other");
    OK(c, "snapshot", "abc", "-m", "one", "--interim");
    OK(c, "snapshot", "abc", "-m", "two", "--interim");
    draft = leave_draft(c, "abc");

    /* without --yes: refused, saying what it would remove and how to do it */
    before = cx_tree(c->data);
    RUN(c, &r, NULL, "delete", "abc");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "deleting \"abc\" removes ");
    ERR_HAS(&r, tpath(c, "data/%s", "abc"));
    ERR_HAS(&r, "its 2 snapshots, for good; nothing was deleted.  To do it, add --yes: "
                "'coopcheck delete abc --yes'");
    assert_string_equal(r.out, "");
    run_free(&r);
    RUN(c, &r, NULL, "delete", "nope", "--yes");
    EXPECT_STATUS(&r, 3);
    ERR_HAS(&r, "no cooperation \"nope\"");
    run_free(&r);
    RUN(c, &r, NULL, "delete", "Bad_ID", "--yes");
    EXPECT_STATUS(&r, 2);
    run_free(&r);
    CX_EXPECT_TREE(c->data, before);
    free(before);
    assert_int_equal(tu_mode(draft), 0600);

    RUN(c, &r, NULL, "delete", "abc", "--yes");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "deleted cooperation \"abc\" (");
    OUT_HAS(&r, "): its working assessment and 2 snapshots\nremoved 1 recovery draft of \"abc\" "
                "too\n");
    run_free(&r);
    assert_int_equal(tu_mode(tpath(c, "data/%s", "abc")), -1);
    assert_int_equal(tu_mode(draft), -1);   /* nothing left to apply it to */
    free(draft);
    RUN(c, &r, NULL, "list");
    EXPECT_STATUS(&r, 0);
    OUT_LACKS(&r, "abc");
    OUT_HAS(&r, "\ndef ");
    run_free(&r);
    RUN(c, &r, NULL, "show", "abc");
    EXPECT_STATUS(&r, 3);
    run_free(&r);
    /* the id is free again */
    OK(c, "new", "abc");
}

/* A cooperation whose file is damaged can still be deleted. */
static void test_delete_damaged(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    OK(c, "new", "abc");
    tu_write(apath(c, "abc"), "{ broken");
    RUN(c, &r, NULL, "delete", "abc", "--yes");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "its working assessment and 0 snapshots\n");
    run_free(&r);
    assert_int_equal(tu_mode(tpath(c, "data/%s", "abc")), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_new_partner_aliases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edit_changes_and_says_so, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edit_partners, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edit_refusals_leave_everything_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused_while_open, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edit_catalog, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rename_keeps_the_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rename_refused_with_drafts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_archive_hides_and_all_shows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_only_archived, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete_damaged, setup, teardown),
    };
    return cmocka_run_group_tests(tests, cx_group_setup, NULL);
}
