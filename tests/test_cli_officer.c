/* test_cli_officer.c — the officer's commands through the built binary:
 * rate, measure, decide and approve with their errors, signed approvals
 * made with a test key from ssh-keygen and checked by verify (valid, a
 * wrong signer, a snapshot altered afterwards, no allowed_signers), the
 * roles config.ini requires, and what list, due, show and diff say about
 * it all.  Every refused command leaves the data directory as it was. */
#include "cliassess.h"
#include "clitest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model.h"

#define ID "hit-ai"

static int setup(void **state)
{
    return cx_setup(state, (const char *const[]){ "NO_COLOR=", NULL });
}

static int teardown(void **state)
{
    return cx_teardown(state);
}

static void new_coop(struct cx *c)
{
    OK(c, "new", ID, "--title", "Joint AI lab", "--partner", "Harbin Institute of Technology; HIT");
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

/* A command that must be refused with status want, the data left as it was. */
#define REFUSED(c, want, word, ...)                                             \
    do {                                                                        \
        struct tu_run r_;                                                       \
        char *before_ = cx_tree((c)->data);                                     \
        RUN((c), &r_, NULL, __VA_ARGS__);                                       \
        EXPECT_STATUS(&r_, (want));                                             \
        ERR_HAS(&r_, (word));                                                   \
        CX_EXPECT_TREE((c)->data, before_);                                     \
        free(before_);                                                          \
        run_free(&r_);                                                          \
    } while (0)

/* ---- rate ---- */

static void test_rate(void **state)
{
    struct cx *c = *state;
    cJSON *root, *risk;
    struct tu_run r;
    new_coop(c);
    OK(c, "rate", ID, "5", "medium", "--why", "dual-use robotics");
    OK_IN(c, "links to a defence lab\n", "rate", ID, "overall", "hoch", "--why", "-");
    root = working(c);
    assert_int_equal(jget(root, "format")->valueint, ASSESSMENT_FORMAT);
    risk = jget(jget(jget(root, "answers"), "q05"), "risk");
    assert_string_equal(jstr(risk, "level"), "medium");
    assert_string_equal(jstr(risk, "rationale"), "dual-use robotics");
    assert_string_equal(jstr(risk, "at"), NOW);
    assert_string_equal(jstr(jget(root, "risk"), "level"), "high");
    assert_string_equal(jstr(jget(root, "risk"), "rationale"), "links to a defence lab");
    cJSON_Delete(root);

    REFUSED(c, 2, "none, low, medium, high", "rate", ID, "5", "severe");
    REFUSED(c, 3, "q77", "rate", ID, "q77", "low");
    REFUSED(c, 2, "LEVEL", "rate", ID, "5");
    REFUSED(c, 2, "--confirm", "rate", ID, "5", "--confirm", "--why", "x");
    /* nothing carried over yet: nothing to confirm, and nothing written */
    RUN(c, &r, NULL, "rate", ID, "5", "--confirm");
    EXPECT_STATUS(&r, 0);
    ERR_HAS(&r, "nothing to confirm");
    run_free(&r);
}

/* ---- measure ---- */

static void test_measures(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root, *arr;
    new_coop(c);
    RUN(c, &r, NULL, "measure", "add", ID, "Separate the lab network", "--addresses", "5, q12",
        "--owner", "IT security", "--due", "2026-11-01");
    EXPECT_STATUS(&r, 0);
    assert_string_equal(r.out, "M1\n");
    run_free(&r);
    OK_IN(c, "Export licence\nchecked by BAFA\n", "measure", "add", ID, "--what", "-",
          "--addresses", "overall");
    OK(c, "measure", "set", ID, "M2", "--status", "in_place", "--effect", "licence granted");

    RUN(c, &r, NULL, "measure", "list", ID);
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "M1  planned, due 2026-11-01 (OVERDUE), owner IT security\n");
    OUT_HAS(&r, "    addresses: q05, q12\n");
    OUT_HAS(&r, "M2  in place\n");
    OUT_HAS(&r, "    effect: licence granted\n");
    run_free(&r);
    RUN(c, &r, NULL, "measure", "list", ID, "--json");
    EXPECT_STATUS(&r, 0);
    arr = PARSE_JSON(r.out);
    assert_int_equal(cJSON_GetArraySize(arr), 2);
    assert_true(cJSON_IsTrue(jget(cJSON_GetArrayItem(arr, 0), "overdue")));
    assert_string_equal(jstr(cJSON_GetArrayItem(arr, 1), "what"), "Export licence\nchecked by BAFA");
    cJSON_Delete(arr);
    run_free(&r);

    REFUSED(c, 3, "M7", "measure", "set", ID, "M7", "--status", "done");
    REFUSED(c, 2, "planned, in_place, done or dropped", "measure", "set", ID, "M1", "--status", "soon");
    REFUSED(c, 2, "--due", "measure", "set", ID, "M1", "--due", "next week");
    REFUSED(c, 4, "q99", "measure", "add", ID, "Something", "--addresses", "q99");
    /* the same question by number and by id: refused, not saved twice */
    REFUSED(c, 4, "question q03 is named twice", "measure", "add", ID, "Something", "--addresses",
            "3,q03");
    REFUSED(c, 2, "needs what to change", "measure", "set", ID, "M1");
    REFUSED(c, 2, "add, set or list", "measure", "remove", ID);
    RUN(c, &r, NULL, "measure", "set", ID, "M1", "--owner", "IT security");
    EXPECT_STATUS(&r, 0);
    ERR_HAS(&r, "nothing was changed");
    run_free(&r);

    /* due lists a cooperation with an overdue measure (the clock is 2026-11-27) */
    RUN(c, &r, NULL, "due");
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "1 measure overdue");
    run_free(&r);
    root = working(c);
    assert_string_equal(jstr(cJSON_GetArrayItem(jget(root, "measures"), 0), "status"), "planned");
    cJSON_Delete(root);
}

/* ---- decide ---- */

static void test_decide_and_list(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root, *d;
    new_coop(c);
    OK(c, "measure", "add", ID, "Separate the lab network");
    REFUSED(c, 4, "needs its conditions", "decide", ID, "proceed_with_conditions", "--body",
            "Committee", "--why", "acceptable");
    REFUSED(c, 4, "M3", "decide", ID, "conditions", "--body", "Committee", "--why", "x",
            "--conditions", "M3");
    REFUSED(c, 2, "--body", "decide", ID, "proceed", "--why", "x");
    REFUSED(c, 2, "proceed, proceed_with_conditions", "decide", ID, "perhaps", "--body", "C",
            "--why", "x");
    REFUSED(c, 2, "2026-13-01", "decide", ID, "proceed", "--body", "C", "--why", "x", "--date",
            "2026-13-01");
    OK(c, "decide", ID, "proceed-with-conditions", "--body", "Knowledge security committee",
       "--why", "acceptable with a separate network", "--conditions", "M1");
    root = working(c);
    d = jget(root, "decision");
    assert_string_equal(jstr(d, "outcome"), "proceed_with_conditions");
    assert_string_equal(jstr(d, "date"), "2026-11-27");
    assert_int_equal(jget(d, "round")->valueint, 1);
    assert_string_equal(cJSON_GetArrayItem(jget(d, "conditions"), 0)->valuestring, "M1");
    cJSON_Delete(root);

    RUN(c, &r, NULL, "list");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "DECISION");
    OUT_HAS(&r, " 2026-11-27 conditions\n");
    run_free(&r);
    RUN(c, &r, NULL, "list", "--json");
    root = PARSE_JSON(r.out);
    d = cJSON_GetArrayItem(root, 0);
    assert_string_equal(jstr(jget(d, "decision"), "outcome"), "proceed_with_conditions");
    assert_int_equal(jget(d, "open_measures")->valueint, 1);
    cJSON_Delete(root);
    run_free(&r);
    RUN(c, &r, NULL, "show", ID);
    OUT_HAS(&r, "Decision");
    OUT_HAS(&r, "proceed with conditions (M1); round 1, Knowledge security\n"
                "             committee, 2026-11-27\n");
    run_free(&r);
}

/* ---- approvals and signatures ---- */

/* A key pair <tmp>/NAME(.pub) made by ssh-keygen for the test. */
static void make_key(const struct cx *c, const char *name)
{
    struct tu_run r;
    char p[4096];
    const char *argv[] = { tu_ssh_keygen(), "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", p,
                           NULL };
    snprintf(p, sizeof(p), "%s", tpath(c, "%s", name));
    run_argv(&r, NULL, argv, NULL);
    if (r.status != 0)
        fail_msg("ssh-keygen failed: %s", r.err);
    run_free(&r);
}

/* DATA/allowed_signers naming principal with the public key NAME.pub. */
static void allow(const struct cx *c, const char *principal, const char *name)
{
    size_t len;
    char *pub = tu_read(tpath(c, "%s.pub", name), &len), line[2048], sp[2] = " ";
    char *type = strtok(pub, sp), *key = strtok(NULL, sp);
    assert_non_null(key);
    snprintf(line, sizeof(line), "%s %s %s\n", principal, type, key);
    tu_write(tpath(c, "data/allowed_signers"), line);
    free(pub);
}

static void interim_snapshot(struct cx *c)
{
    OK(c, "snapshot", ID, "--interim", "-m", "for the committee");
}

static void test_approve_signed_and_verify(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char key[4096], key2[4096];
    new_coop(c);
    make_key(c, "alice");
    make_key(c, "mallory");
    snprintf(key, sizeof(key), "%s", tpath(c, "alice"));
    snprintf(key2, sizeof(key2), "%s", tpath(c, "mallory"));
    /* no snapshot to approve yet */
    REFUSED(c, 3, "no complete snapshot", "approve", ID, "--role", "PI", "--name", "Alice");
    interim_snapshot(c);
    REFUSED(c, 3, "20990101T000000Z", "approve", ID, "20990101T000000Z", "--role", "PI", "--name", "A");
    REFUSED(c, 2, "--role", "approve", ID, SNAP1, "--name", "Alice");
    REFUSED(c, 2, "--date takes a date", "approve", ID, SNAP1, "--role", "PI", "--name", "A",
            "--date", "1.12.2026");
    REFUSED(c, 2, "--signer", "approve", ID, SNAP1, "--role", "PI", "--name", "Alice", "--sign",
            "--key", key);
    REFUSED(c, 3, "does not exist", "approve", ID, SNAP1, "--role", "PI", "--name", "Alice",
            "--key", tpath(c, "nokey"), "--signer", "alice@example.org");

    RUN(c, &r, NULL, "approve", ID, SNAP1, "--role", "PI", "--name", "Alice Adler", "--sign", "--key",
        key, "--signer", "alice@example.org");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "approved as PI by Alice Adler, signed by alice@example.org");
    run_free(&r);
    REFUSED(c, 5, "already", "approve", ID, SNAP1, "--role", "pi", "--name", "Someone");
    OK(c, "approve", ID, SNAP1, "--role", "export control", "--name", "Bob Berger");

    /* signed, but nothing to check it against yet */
    RUN(c, &r, NULL, "verify", ID);
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "as PI by Alice Adler (2026-11-27): signature not checked: no allowed_signers file");
    OUT_HAS(&r, "as export control by Bob Berger (2026-11-27): unsigned\n");
    run_free(&r);

    allow(c, "alice@example.org", "alice");
    RUN(c, &r, NULL, "verify", ID);
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "as PI by Alice Adler (2026-11-27): signature valid (signed by alice@example.org)\n");
    OUT_HAS(&r, "the chain of 1 snapshot is intact");
    run_free(&r);

    /* a signature by a key allowed_signers does not give to that principal:
     * refused when it is made ... */
    REFUSED(c, 4, "the signature was not recorded: not a valid signature by alice@example.org",
            "approve", ID, SNAP1, "--role", "officer", "--name", "Mallory", "--sign", "--key", key2,
            "--signer", "alice@example.org");
    /* ... and found by verify when the file came later */
    assert_int_equal(rename(tpath(c, "data/allowed_signers"), tpath(c, "allowed.kept")), 0);
    RUN(c, &r, NULL, "approve", ID, SNAP1, "--role", "officer", "--name", "Mallory", "--sign", "--key",
        key2, "--signer", "alice@example.org");
    EXPECT_STATUS(&r, 0);
    ERR_HAS(&r, "cannot be checked");
    run_free(&r);
    {
        char kept[4096];
        snprintf(kept, sizeof(kept), "%s", tpath(c, "allowed.kept"));
        assert_int_equal(rename(kept, tpath(c, "data/allowed_signers")), 0);
    }
    RUN(c, &r, NULL, "verify", ID);
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "as officer by Mallory (2026-11-27): INVALID: not a valid signature by "
                "alice@example.org");
    OUT_HAS(&r, "1 approval is not valid");
    run_free(&r);
    /* another allowed_signers file given on the command line */
    RUN(c, &r, NULL, "verify", ID, "--allowed-signers", tpath(c, "none"));
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "no allowed_signers file to check it against");
    run_free(&r);
}

static void test_altered_snapshot_fails_its_approval(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char key[4096];
    size_t len;
    char *text;
    new_coop(c);
    make_key(c, "alice");
    snprintf(key, sizeof(key), "%s", tpath(c, "alice"));
    allow(c, "alice@example.org", "alice");
    interim_snapshot(c);
    OK(c, "approve", ID, SNAP1, "--role", "PI", "--name", "Alice", "--sign", "--key", key,
       "--signer", "alice@example.org");
    OK(c, "verify", ID);
    /* someone edits the approved snapshot afterwards */
    text = tu_read(spath(c, ID, SNAP1), &len);
    assert_non_null(strstr(text, "for the committee"));
    memcpy(strstr(text, "for the committee"), "FOR", 3);
    chmod(spath(c, ID, SNAP1), 0600);
    tu_write(spath(c, ID, SNAP1), text);
    free(text);
    RUN(c, &r, NULL, "verify", ID);
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "approval of " SNAP1 " as PI by Alice (2026-11-27): INVALID: snapshot " SNAP1
                " was changed after it was approved");
    OUT_HAS(&r, "BROKEN");
    run_free(&r);
}

static void test_required_approvals(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char cfg[4200];
    new_coop(c);
    snprintf(cfg, sizeof(cfg), "%s/coopcheck", c->cfg);
    mkdir(c->cfg, 0700);
    mkdir(cfg, 0700);
    tu_write(tpath(c, "cfg/coopcheck/config.ini"),
             "[general]\nrequired_approvals = PI, research-security officer\n");
    CX_ANSWER_ALL(c, ID);
    OK(c, "snapshot", ID, "-m", "round 1");
    OK(c, "approve", ID, "--role", "pi", "--name", "Alice");
    RUN(c, &r, NULL, "verify", ID);
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "note: snapshot " SNAP1 " still needs the approval of: research-security officer\n");
    run_free(&r);
    RUN(c, &r, NULL, "show", ID);
    OUT_HAS(&r, "pi: Alice, 2026-11-27, unsigned");
    /* an approval is no change of the new round: it still stands for the snapshot */
    OUT_HAS(&r, "no change since that snapshot yet");
    OUT_HAS(&r, "still needed for " SNAP1 ": research-security officer");
    run_free(&r);
    RUN(c, &r, NULL, "list");
    OUT_HAS(&r, "awaiting approval: research-security officer");
    run_free(&r);
    RUN(c, &r, NULL, "snapshots", ID);
    OUT_HAS(&r, "approved: pi (Alice, unsigned)\n");
    run_free(&r);
    OK(c, "approve", ID, "--role", "Research-Security Officer", "--name", "Olga");
    RUN(c, &r, NULL, "verify", ID);
    OUT_LACKS(&r, "still needs");
    run_free(&r);
    /* a bad setting is said with its line */
    tu_write(tpath(c, "cfg/coopcheck/config.ini"), "[general]\nrequired_approvals = PI, , x\n");
    RUN(c, &r, NULL, "verify", ID);
    ERR_HAS(&r, "config.ini:2");
    ERR_HAS(&r, "required_approvals");
    run_free(&r);
}

/* ---- a new round, and the diff ---- */

static void test_next_round_reviews_and_diff(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    cJSON *root, *off;
    int found = 0;
    new_coop(c);
    OK(c, "rate", ID, "5", "medium", "--why", "dual use");
    OK(c, "measure", "add", ID, "Separate the lab network", "--addresses", "5");
    OK(c, "decide", ID, "proceed", "--body", "Committee", "--why", "fine");
    CX_ANSWER_ALL(c, ID);
    OK(c, "snapshot", ID, "-m", "round 1");
    root = working(c);
    assert_true(cJSON_IsTrue(jget(cJSON_GetArrayItem(jget(root, "measures"), 0), "review")));
    assert_true(cJSON_IsTrue(jget(jget(jget(jget(root, "answers"), "q05"), "risk"), "review")));
    assert_int_equal(jget(jget(root, "decision"), "round")->valueint, 1);   /* the last one */
    cJSON_Delete(root);
    RUN(c, &r, NULL, "measure", "list", ID);
    OUT_HAS(&r, "to review: still in place and effective?");
    run_free(&r);
    /* like answers, carried-over ratings and measures keep the round open */
    CX_CONFIRM_ALL(c, ID);
    RUN(c, &r, NULL, "snapshot", ID, "-m", "round 2");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "risk ratings to review: 5\n");
    ERR_HAS(&r, "measures to review: M1\n");
    run_free(&r);
    OK(c, "measure", "set", ID, "M1", "--confirm");
    OK(c, "rate", ID, "5", "--confirm");
    OK(c, "rate", ID, "5", "high", "--why", "new partner lab");
    OK(c, "measure", "set", ID, "M1", "--status", "done");

    RUN(c, &r, NULL, "diff", ID);
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "Risk, measures, decision and approvals\n");
    OUT_HAS(&r, "Risk of question 5: medium: dual use -> high: new partner lab");
    OUT_HAS(&r, "Measure M1: planned, addresses q05: Separate the lab network -> done");
    run_free(&r);
    RUN(c, &r, NULL, "diff", ID, "--json");
    root = PARSE_JSON(r.out);
    off = jget(root, "officer");
    for (int i = 0; i < cJSON_GetArraySize(off); i++)
        found += strcmp(jstr(cJSON_GetArrayItem(off, i), "kind"), "risk") == 0;
    assert_int_equal(found, 1);
    cJSON_Delete(root);
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_measures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_decide_and_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_approve_signed_and_verify, setup, teardown),
        cmocka_unit_test_setup_teardown(test_altered_snapshot_fails_its_approval, setup, teardown),
        cmocka_unit_test_setup_teardown(test_required_approvals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_next_round_reviews_and_diff, setup, teardown),
    };
    return cmocka_run_group_tests(tests, cx_group_setup, NULL);
}
