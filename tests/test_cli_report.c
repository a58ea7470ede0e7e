/* test_cli_report.c — the committee's summary as `coopcheck export` makes it
 * from the data directory, driven through the built binary like
 * tests/test_rounds.c: the approvals of the reported snapshot (kept in the
 * working assessment) with their signatures made by ssh-keygen with a key
 * made here and checked against DATA/allowed_signers — valid, INVALID (a
 * principal not allowed; the snapshot altered), unsigned, not checked — and
 * the required roles of config.ini still missing; what changed since the
 * round's base snapshot, and a base that no longer loads; dates in the
 * report's language from COOPCHECK_NOW; the ms report through the README's
 * pipeline to PDF.
 *
 * ssh-keygen, groff and pdftotext are installed by `make check`
 * (scripts/deps.sh); a test that needs a missing one fails and says so. */
#include "cliassess.h"
#include "clitest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "approvals.h"
#include "catalog.h"
#include "officer.h"
#include "sign.h"
#include "store.h"

/* ---- fixture (tests/support/clitest.h) --------------------------------------- */

static int setup(void **state)
{
    return cx_setup(state, NULL);
}

static int teardown(void **state)
{
    return cx_teardown(state);
}

/* The clock of the following runs. */
static void set_now(struct cx *c, const char *iso)
{
    snprintf(c->env_now, sizeof(c->env_now), "COOPCHECK_NOW=%s", iso);
}

/* ---- helpers -------------------------------------------------------------- */

/* Cooperation abc with every question answered and round 1 closed by
 * snapshot SNAP1: round 2 is based on it. */
static void round_one_closed(struct cx *c)
{
    OK(c, "new", "abc", "--title", "Materials informatics with HIT", "--partner",
       "Harbin Institute of Technology; HIT");
    CX_ANSWER_ALL(c, "abc");
    OK(c, "snapshot", "abc", "-m", "Round 1, for the committee");
}

static void write_config(struct cx *c, const char *text)
{
    char dir[4400], file[4500];
    snprintf(dir, sizeof(dir), "%s/coopcheck", c->cfg);
    snprintf(file, sizeof(file), "%s/config.ini", dir);
    {
        const char *argv[] = { "/bin/mkdir", "-p", dir, NULL };
        struct tu_run r;
        tu_run(&r, NULL, argv, NULL);
        assert_int_equal(r.status, 0);
        tu_run_free(&r);
    }
    tu_write(file, text);
}

/* A key pair made by ssh-keygen at <tmp>/key (no passphrase); the public
 * half's "TYPE BASE64" into pub. */
static void make_key(struct cx *c, char *pub, size_t n)
{
    const char *key = tpath(c, "key");
    char *text;
    struct tu_run r;
    const char *argv[] = { "/bin/sh", "-c", "ssh-keygen -q -t ed25519 -N '' -C test -f \"$1\"",
                           "sh", key, NULL };
    tu_run(&r, NULL, argv, NULL);
    if (r.status != 0)
        fail_msg("ssh-keygen could not make a key (install openssh-client): %s", r.err);
    tu_run_free(&r);
    text = tu_read(tpath(c, "key.pub"), NULL);
    assert_non_null(text);
    /* "ssh-ed25519 AAAA... test\n" without the comment */
    snprintf(pub, n, "%.*s", (int)(strrchr(text, ' ') - text), text);
    free(text);
}

/* Adds an approval of snapshot snap of abc to its working assessment, as
 * role/name, signed with <tmp>/key as principal signer (NULL: unsigned). */
static void approve(struct cx *c, const char *snap, const char *role, const char *name,
                    const char *signer)
{
    struct catalog *cat = bundled();
    struct catalog_set set = { &cat, 1 };
    struct assessment *w = NULL;
    struct approval ap;
    struct cc_err err;
    char sha[65];

    memset(&ap, 0, sizeof(ap));
    memset(&err, 0, sizeof(err));
    if (store_snapshot_sha(c->data, "abc", snap, sha, &err) != 0)
        fail_msg("%s", err.msg);
    ap.snapshot = xstrdup(snap);
    ap.sha256 = xstrdup(sha);
    ap.role = xstrdup(role);
    ap.name = xstrdup(name);
    ap.date = xstrdup("2026-11-27");
    if (signer && sign_approval(tpath(c, "key"), signer, &ap, &err) != 0)
        fail_msg("signing as %s: %s", signer, err.msg);
    if (store_load(c->data, "abc", &set, &w, &err) != 0 ||
        approval_add(w, &ap, "olga", NOW, &err) != 0 || store_save(c->data, w, &err) != 0)
        fail_msg("%s", err.msg);
    approval_release(&ap);
    assessment_free(w);
    catalog_free(cat);
}

/* hay holds needle once white space is collapsed (txt wraps long lines). */
#define SQUASHED(hay, needle)                                                             \
    do {                                                                                 \
        if (!contains_squashed((hay), (needle)))                                         \
            fail_msg("the report lacks \"%s\":\n%s", (needle), (hay));                   \
    } while (0)

/* ---- approvals -------------------------------------------------------------- */

static void test_export_approvals_signed(void **state)
{
    struct cx *c = *state;
    struct tu_run r, untouched;
    char pub[1024], line[1200];

    round_one_closed(c);
    write_config(c, "[general]\nrequired_approvals = PI, research-security officer, Legal office\n");
    make_key(c, pub, sizeof(pub));
    snprintf(line, sizeof(line), "olga@example.org %s\n", pub);
    tu_write(tpath(c, "data/allowed_signers"), line);
    approve(c, SNAP1, "research-security officer", "Olga Officer", "olga@example.org");
    approve(c, SNAP1, "PI", "Prof. Pia Muster", "pi@example.org");   /* not an allowed signer */
    approve(c, SNAP1, "Export control", "Ezra Export", NULL);

    RUN(c, &r, NULL, "export", "abc", "--snapshot", SNAP1, "--format", "txt");
    EXPECT_STATUS(&r, 0);
    SQUASHED(r.out, "research-security officer: Olga Officer, 27 November 2026 \xe2\x80\x94 "
                    "signature valid");
    SQUASHED(r.out, "PI: Prof. Pia Muster, 27 November 2026 \xe2\x80\x94 INVALID: not a "
                    "valid signature by pi@example.org");
    SQUASHED(r.out, "Export control: Ezra Export, 27 November 2026 \xe2\x80\x94 unsigned");
    SQUASHED(r.out, "Missing required roles: Legal office");
    /* the untouched round 2 is reported by SNAP1: the same summary */
    RUN(c, &untouched, NULL, "export", "abc", "--format", "txt");
    EXPECT_STATUS(&untouched, 0);
    assert_string_equal(untouched.out, r.out);
    run_free(&untouched);
    run_free(&r);
    /* the working assessment of round 2 has no approvals of its own */
    RUN(c, &r, NULL, "export", "abc", "--working", "--format", "txt");
    EXPECT_STATUS(&r, 0);
    SQUASHED(r.out, "none: approvals are given to snapshots, and this report is of the working "
                    "assessment");
    OUT_LACKS(&r, "Olga Officer");
    run_free(&r);

    /* no allowed_signers file: the signatures are not checked, and say why */
    assert_int_equal(unlink(tpath(c, "data/allowed_signers")), 0);
    RUN(c, &r, NULL, "export", "abc", "--snapshot", SNAP1, "--format", "md");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "* research-security officer: Olga Officer, 27 November 2026 \xe2\x80\x94 signature "
                "not checked: no allowed\\_signers file");
    OUT_HAS(&r, "* Export control: Ezra Export, 27 November 2026 \xe2\x80\x94 unsigned\n");
    run_free(&r);
}

/* A snapshot altered after its approval: every approval of it is INVALID. */
static void test_export_approvals_altered_snapshot(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char *text;

    round_one_closed(c);
    approve(c, SNAP1, "Export control", "Ezra Export", NULL);
    text = tu_read(spath(c, "abc", SNAP1), NULL);
    assert_non_null(text);
    {
        char *more = xasprintf("%s\n", text);   /* one byte more: the same document */
        tu_write(spath(c, "abc", SNAP1), more);
        free(more);
    }
    free(text);
    RUN(c, &r, NULL, "export", "abc", "--snapshot", SNAP1, "--format", "txt");
    EXPECT_STATUS(&r, 0);
    SQUASHED(r.out, "Export control: Ezra Export, 27 November 2026 \xe2\x80\x94 INVALID: "
                    "snapshot " SNAP1 " was changed after it was approved");
    run_free(&r);
}

/* ---- changes since the base snapshot ---------------------------------------------- */

static void test_export_changes_since_base(void **state)
{
    struct cx *c = *state;
    struct tu_run r;

    round_one_closed(c);
    set_now(c, "2026-12-01T09:00:00Z");   /* a change after the round began */
    OK(c, "set", "abc", "16", "measures", "A new answer in round 2");
    OK(c, "set", "abc", "3", "--followup", "on");
    RUN(c, &r, NULL, "export", "abc", "--format", "txt");
    EXPECT_STATUS(&r, 0);
    SQUASHED(r.out, "Compared with: snapshot " SNAP1 " of 27 November 2026 (round 1)");
    OUT_HAS(&r, "Questions changed:        2 of 19: 3, 16\n");
    run_free(&r);

    /* a base that no longer loads: the report still comes out, and says why */
    tu_write(spath(c, "abc", SNAP1), "{ \"not\": \"a snapshot\" ");
    RUN(c, &r, NULL, "export", "abc", "--format", "txt");
    EXPECT_STATUS(&r, 0);
    SQUASHED(r.out, "The comparison with snapshot " SNAP1 " is unavailable:");
    OUT_HAS(&r, "A new answer in round 2");
    OUT_HAS(&r, "Question 19:");
    run_free(&r);
    assert_int_equal(unlink(spath(c, "abc", SNAP1)), 0);
    RUN(c, &r, NULL, "export", "abc", "--format", "md");
    EXPECT_STATUS(&r, 0);
    SQUASHED(r.out, "The comparison with snapshot " SNAP1 " is unavailable:");
    run_free(&r);
}

/* ---- dates ------------------------------------------------------------------------ */

static void test_export_dates_in_the_reports_language(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    OK(c, "new", "abc", "--title", "Materials informatics with HIT");
    RUN(c, &r, NULL, "export", "abc", "--format", "txt");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "Generated at:             27 November 2026, 03:45 UTC\n");
    OUT_HAS(&r, "Generated at:             " NOW "\n");   /* the report's own block as before */
    run_free(&r);
    RUN(c, &r, NULL, "--lang", "de", "export", "abc", "--format", "txt");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "27. November 2026, 03:45 UTC\n");
    OUT_LACKS(&r, "27 November 2026");
    run_free(&r);
}

/* ---- ms to PDF, as the README says ----------------------------------------------------- */

static void test_export_ms_pipeline(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    char *text;

    round_one_closed(c);
    write_config(c, "[general]\nrequired_approvals = PI\n");
    /* the format from the extension */
    OK(c, "export", "abc", "-o", tpath(c, "report.ms"));
    text = tu_read(tpath(c, "report.ms"), NULL);
    assert_non_null(text);
    HAS(text, "\n.TL\n");
    HAS(text, "\n.TS\n");
    free(text);
    {
        const char *argv[] = { "/bin/sh", "-c",
                               "\"$1\" export abc --format ms | groff -ms -t -k -Tpdf > \"$2\"",
                               "sh", tu_bin(), tpath(c, "report.pdf"), NULL };
        run_argv(&r, NULL, argv, c->env);
    }
    EXPECT_STATUS(&r, 0);
    run_free(&r);
    {
        const char *argv[] = { "/bin/sh", "-c", "pdftotext -layout -enc UTF-8 \"$1\" -", "sh",
                               tpath(c, "report.pdf"), NULL };
        run_argv(&r, NULL, argv, c->env);
    }
    EXPECT_STATUS(&r, 0);
    SQUASHED(r.out, "Summary for the committee");
    SQUASHED(r.out, "Round: 1; snapshot " SNAP1 " of 27 November 2026, complete");
    SQUASHED(r.out, "Missing required roles: PI");
    SQUASHED(r.out, "Signatures");
    SQUASHED(r.out, "Role Name Date Signature");
    run_free(&r);

    RUN(c, &r, NULL, "export", "abc", "--format", "pdf");
    EXPECT_STATUS(&r, 2);
    ERR_HAS(&r, "--format takes md, txt, roff, ms, html or json, not \"pdf\"");
    run_free(&r);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_export_approvals_signed),
        T(test_export_approvals_altered_snapshot),
        T(test_export_changes_since_base),
        T(test_export_dates_in_the_reports_language),
        T(test_export_ms_pipeline),
    };
    return cmocka_run_group_tests(tests, cx_group_setup, NULL);
}
