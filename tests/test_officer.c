/* test_officer.c — the officer's half in memory and on disk: risk ratings
 * (levels, rationale, stamps, tallies per section), the mitigation register
 * (ids, addresses, overdue, carried over to review), the decision (its
 * rules about conditions), approvals (one per role and snapshot, missing
 * required roles, the signed message), assessment format 3 (a round trip,
 * errors with file:line:column) and a format-2 file that migrates on load,
 * and the diff of all of it.  No binary, no curses. */
#include "testutil.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "catalog.h"
#include "diff.h"
#include "model.h"
#include "officer.h"
#include "store.h"

#define T1 "2026-01-02T03:04:05Z"
#define T2 "2026-02-03T04:05:06Z"

struct fx {
    struct catalog_set cats;
    const struct catalog *cat;
    struct assessment *a;
    char *tmp;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct coop meta;
    static char id[] = "hit-2026", title[] = "Joint lab", p1[] = "HIT";
    static char *partners[] = { p1 };
    char cfg[4200];
    if (!f)
        return -1;
    f->tmp = tu_tempdir();
    snprintf(cfg, sizeof(cfg), "%s/config", f->tmp);
    setenv("XDG_CONFIG_HOME", cfg, 1);
    catalog_set_load(&f->cats, NULL);
    f->cat = catalog_set_find(&f->cats, CATALOG_DEFAULT_ID);
    if (!f->cat)
        return -1;
    memset(&meta, 0, sizeof(meta));
    meta.id = id;
    meta.title = title;
    meta.partners.v = partners;
    meta.partners.n = 1;
    meta.interval_months = 12;
    f->a = assessment_new(f->cat, &meta, "alice", T1);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    assessment_free(f->a);
    catalog_set_release(&f->cats);
    tu_rmrf(f->tmp);
    free(f->tmp);
    free(f);
    return 0;
}

static size_t qindex(const struct fx *f, const char *id)
{
    const struct cat_question *q = catalog_question(f->cat, id);
    assert_non_null(q);
    return (size_t)catalog_question_index(f->cat, q);
}

static unsigned add_measure(struct fx *f, const char *what, const char *addresses, const char *due)
{
    struct measure m;
    struct cc_err err;
    unsigned id = 0;
    memset(&m, 0, sizeof(m));
    m.what = (char *)what;
    if (addresses)
        strlist_push(&m.addresses, addresses);
    m.due = (char *)due;
    assert_int_equal(measure_add(f->a, &m, "olga", T2, &id, &err), 0);
    strlist_release(&m.addresses);
    return id;
}

/* ---- ratings ---- */

static void test_rating_set_clear_and_tally(void **state)
{
    struct fx *f = *state;
    struct risk_tally t;
    struct cc_err err;
    size_t q5 = qindex(f, "q05"), q12 = qindex(f, "q12");

    assert_int_equal(officer_rate(f->a, q5, RISK_MEDIUM, "dual use", "olga", T2, &err), 0);
    assert_int_equal(f->a->q[q5].risk.level, RISK_MEDIUM);
    assert_string_equal(f->a->q[q5].risk.why, "dual use");
    assert_string_equal(f->a->q[q5].risk.by, "olga");
    assert_string_equal(f->a->q[q5].risk.at, T2);
    assert_string_equal(f->a->updated_by, "olga");
    /* NULL keeps the rationale, "" clears it */
    assert_int_equal(officer_rate(f->a, q5, RISK_HIGH, NULL, "olga", T2, &err), 0);
    assert_string_equal(f->a->q[q5].risk.why, "dual use");
    assert_int_equal(officer_rate(f->a, q12, RISK_LOW, "", "olga", T2, &err), 0);
    assert_null(f->a->q[q12].risk.why);
    /* the overall rating is index nquestions */
    assert_int_equal(officer_rate(f->a, f->cat->nquestions, RISK_HIGH, "links", "olga", T2, &err), 0);
    assert_int_equal(f->a->overall.level, RISK_HIGH);

    officer_tally(f->a, f->cat->nsections, &t);
    assert_int_equal(t.highest, RISK_HIGH);
    assert_int_equal(t.count[RISK_HIGH], 1);
    assert_int_equal(t.count[RISK_LOW], 1);
    assert_int_equal(t.count[RISK_UNRATED], f->cat->nquestions - 2);
    /* per section: q05's section has the high one, another section none */
    for (size_t s = 0; s < f->cat->nsections; s++) {
        const struct cat_section *sec = &f->cat->sections[s];
        officer_tally(f->a, s, &t);
        if (q5 >= sec->first && q5 < sec->first + sec->count)
            assert_int_equal(t.highest, RISK_HIGH);
        else if (!(q12 >= sec->first && q12 < sec->first + sec->count))
            assert_int_equal(t.highest, RISK_UNRATED);
    }
    /* unrated without rationale clears the rating, stamps and all */
    assert_int_equal(officer_rate(f->a, q5, RISK_UNRATED, "", "olga", T2, &err), 0);
    assert_int_equal(f->a->q[q5].risk.level, RISK_UNRATED);
    assert_null(f->a->q[q5].risk.by);
    /* bad input */
    assert_int_equal(officer_rate(f->a, f->cat->nquestions + 1, RISK_LOW, NULL, "o", T2, &err), -1);
    assert_int_equal(officer_rate(f->a, q5, RISK_LOW, "\xff\xfe", "o", T2, &err), -1);
    assert_non_null(strstr(err.msg, "UTF-8"));
}

static void test_level_words_parse_both_languages(void **state)
{
    (void)state;
    assert_int_equal(risk_parse("medium"), RISK_MEDIUM);
    assert_int_equal(risk_parse("Mittel"), RISK_MEDIUM);
    assert_int_equal(risk_parse("hoch"), RISK_HIGH);
    assert_int_equal(risk_parse("severe"), -1);
    assert_int_equal(mstatus_parse("in-place"), MS_IN_PLACE);
    assert_int_equal(mstatus_parse("umgesetzt"), MS_IN_PLACE);
    assert_int_equal(outcome_parse("do-not-proceed"), OUT_DECLINE);
    assert_int_equal(outcome_parse("proceed_with_conditions"), OUT_CONDITIONS);
    assert_int_equal(outcome_parse("maybe"), -1);
    assert_string_equal(outcome_name(OUT_POSTPONE), "postpone");
    assert_int_equal(measure_id_parse("M12"), 12);
    assert_int_equal(measure_id_parse("m3"), 3);
    assert_int_equal(measure_id_parse("M0"), 0);
    assert_int_equal(measure_id_parse("M3x"), 0);
}

/* ---- measures ---- */

static void test_measures_ids_addresses_overdue(void **state)
{
    struct fx *f = *state;
    struct measure m, *got;
    struct cc_err err;
    unsigned id1 = add_measure(f, "Access control", "5", "2026-11-01");
    unsigned id2 = add_measure(f, "Licence check", OVERALL_REF, NULL);
    unsigned bad = 99;

    assert_int_equal(id1, 1);
    assert_int_equal(id2, 2);
    got = measure_find(f->a, 1);
    assert_non_null(got);
    assert_string_equal(got->addresses.v[0], "q05");   /* a number becomes the id */
    assert_string_equal(got->created.by, "olga");
    assert_true(measure_overdue(got, "2026-12-01"));
    assert_false(measure_overdue(got, "2026-11-01"));
    assert_int_equal(officer_overdue_measures(f->a, "2026-12-01T00:00:00Z"), 1);
    assert_int_equal(officer_open_measures(f->a), 2);

    /* an address that is no question, a measure without text */
    memset(&m, 0, sizeof(m));
    m.what = (char *)"x";
    strlist_push(&m.addresses, "q99");
    assert_int_equal(measure_add(f->a, &m, "o", T2, &bad, &err), -1);
    assert_non_null(strstr(err.msg, "q99"));
    strlist_release(&m.addresses);
    m.what = (char *)"  ";
    assert_int_equal(measure_add(f->a, &m, "o", T2, &bad, &err), -1);
    assert_int_equal(bad, 99);
    assert_int_equal(f->a->nmeasures, 2);

    /* replacing: the same contents is no change; in place is not overdue */
    measure_copy(&m, got);
    assert_int_equal(measure_replace(f->a, 1, &m, "pete", T2, &err), 0);
    assert_null(got->changed.at);
    m.status = MS_IN_PLACE;
    assert_int_equal(measure_replace(f->a, 1, &m, "pete", T2, &err), 1);
    assert_string_equal(got->changed.by, "pete");
    assert_false(measure_overdue(got, "2026-12-01"));
    assert_int_equal(measure_replace(f->a, 7, &m, "pete", T2, &err), -1);
    measure_release(&m);

    /* a new round: open and done measures are to review, dropped ones not */
    memset(&m, 0, sizeof(m));
    measure_copy(&m, measure_find(f->a, 2));
    m.status = MS_DROPPED;
    assert_int_equal(measure_replace(f->a, 2, &m, "pete", T2, &err), 1);
    measure_release(&m);
    officer_round_start(f->a);
    assert_true(measure_find(f->a, 1)->review);
    assert_false(measure_find(f->a, 2)->review);
    assert_int_equal(officer_measures_to_review(f->a), 1);
    assert_int_equal(measure_confirm(f->a, 1, "pete", T2), 1);
    assert_int_equal(measure_confirm(f->a, 1, "pete", T2), 0);
}

/* ---- the decision ---- */

static void test_decision_rules(void **state)
{
    struct fx *f = *state;
    struct decision d;
    struct cc_err err;
    add_measure(f, "Access control", "q05", NULL);
    memset(&d, 0, sizeof(d));
    d.outcome = OUT_CONDITIONS;
    d.body = (char *)"Committee";
    d.date = (char *)"2026-12-01";
    d.why = (char *)"acceptable with access control";
    /* conditions are required for "with conditions" ... */
    assert_int_equal(decision_set(f->a, &d, "olga", T2, &err), -1);
    assert_non_null(strstr(err.msg, "conditions"));
    /* ... must be measures ... */
    strlist_push(&d.conditions, "M4");
    assert_int_equal(decision_set(f->a, &d, "olga", T2, &err), -1);
    assert_non_null(strstr(err.msg, "M4"));
    strlist_release(&d.conditions);
    strlist_push(&d.conditions, "m1");
    assert_int_equal(decision_set(f->a, &d, "olga", T2, &err), 0);
    assert_string_equal(f->a->decision.conditions.v[0], "M1");   /* as the register names it */
    assert_int_equal(f->a->decision.round, 1);
    assert_true(decision_current(f->a));
    /* ... and go with no other outcome */
    d.outcome = OUT_PROCEED;
    assert_int_equal(decision_set(f->a, &d, "olga", T2, &err), -1);
    strlist_release(&d.conditions);
    d.why = (char *)" ";
    assert_int_equal(decision_set(f->a, &d, "olga", T2, &err), -1);
    d.why = (char *)"fine";
    d.date = (char *)"2026-02-30";
    assert_int_equal(decision_set(f->a, &d, "olga", T2, &err), -1);
    d.date = (char *)"2026-12-02";
    d.body = NULL;
    assert_int_equal(decision_set(f->a, &d, "olga", T2, &err), -1);
    /* nothing of the refused ones reached the record */
    assert_int_equal(f->a->decision.outcome, OUT_CONDITIONS);
    /* the next round keeps it as the last decision, not its own */
    f->a->round = 2;
    assert_false(decision_current(f->a));
    assert_int_equal(f->a->decision.outcome, OUT_CONDITIONS);
}

/* ---- approvals ---- */

static void test_approvals_roles_and_message(void **state)
{
    struct fx *f = *state;
    struct approval ap;
    struct strlist req = { 0 }, missing = { 0 };
    struct cc_err err;
    char *msg;
    memset(&ap, 0, sizeof(ap));
    ap.snapshot = (char *)"20261201T100000Z";
    ap.sha256 = (char *)"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    ap.role = (char *)"PI";
    ap.name = (char *)"Alice";
    ap.date = (char *)"2026-12-01";
    assert_int_equal(approval_add(f->a, &ap, "alice", T2, &err), 0);
    /* the same role again, in other letters: refused */
    ap.role = (char *)"pi";
    assert_int_equal(approval_add(f->a, &ap, "alice", T2, &err), -1);
    assert_int_equal(err.code, EEXIST);
    /* a signer without a signature */
    ap.role = (char *)"export control";
    ap.signer = (char *)"bob@example.org";
    assert_int_equal(approval_add(f->a, &ap, "bob", T2, &err), -1);
    ap.signer = NULL;
    ap.date = (char *)"01.12.2026";
    assert_int_equal(approval_add(f->a, &ap, "bob", T2, &err), -1);
    assert_int_equal(f->a->napprovals, 1);

    strlist_push(&req, "pi");
    strlist_push(&req, "Export control");
    approval_missing(f->a, "20261201T100000Z", &req, &missing);
    assert_int_equal(missing.n, 1);
    assert_string_equal(missing.v[0], "Export control");
    strlist_release(&missing);
    approval_missing(f->a, "20270101T100000Z", &req, &missing);
    assert_int_equal(missing.n, 2);
    strlist_release(&missing);
    strlist_release(&req);

    msg = approval_message(&f->a->approvals[0]);
    assert_non_null(strstr(msg, "sha256: 0123456789abcdef"));
    assert_non_null(strstr(msg, "snapshot: 20261201T100000Z\n"));
    assert_non_null(strstr(msg, "role: PI\n"));
    free(msg);
}

/* ---- the file ---- */

static struct assessment *roundtrip(struct fx *f, const struct assessment *a)
{
    char *text = afile_format(a);
    struct assessment *b = NULL;
    struct cc_err err;
    if (afile_parse(text, strlen(text), "x.json", &f->cats, &b, &err) != 0)
        fail_msg("%s", err.msg);
    free(text);
    return b;
}

static void fill(struct fx *f)
{
    struct cc_err err;
    struct decision d;
    struct approval ap;
    assert_int_equal(officer_rate(f->a, qindex(f, "q05"), RISK_MEDIUM, "dual use", "olga", T2, &err), 0);
    assert_int_equal(officer_rate(f->a, f->cat->nquestions, RISK_HIGH, "links", "olga", T2, &err), 0);
    add_measure(f, "Access control\nfor the lab", "q05", "2026-11-01");
    memset(&d, 0, sizeof(d));
    d.outcome = OUT_CONDITIONS;
    d.body = (char *)"Committee";
    d.date = (char *)"2026-12-01";
    d.why = (char *)"with access control";
    strlist_push(&d.conditions, "M1");
    assert_int_equal(decision_set(f->a, &d, "olga", T2, &err), 0);
    strlist_release(&d.conditions);
    memset(&ap, 0, sizeof(ap));
    ap.snapshot = (char *)"20261201T100000Z";
    ap.sha256 = (char *)"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    ap.role = (char *)"PI";
    ap.name = (char *)"Alice";
    ap.date = (char *)"2026-12-01";
    ap.signer = (char *)"alice@example.org";
    ap.signature = (char *)"-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n";
    assert_int_equal(approval_add(f->a, &ap, "alice", T2, &err), 0);
}

static void test_format3_roundtrip(void **state)
{
    struct fx *f = *state;
    struct assessment *b;
    char *t1, *t2;
    fill(f);
    f->a->q[qindex(f, "q05")].risk.review = 1;
    b = roundtrip(f, f->a);
    assert_true(rating_equal(&b->q[qindex(f, "q05")].risk, &f->a->q[qindex(f, "q05")].risk));
    assert_true(rating_equal(&b->overall, &f->a->overall));
    assert_int_equal(b->nmeasures, 1);
    assert_string_equal(b->measures[0].what, "Access control\nfor the lab");
    assert_string_equal(b->measures[0].due, "2026-11-01");
    assert_int_equal(b->decision.outcome, OUT_CONDITIONS);
    assert_string_equal(b->decision.conditions.v[0], "M1");
    assert_int_equal(b->napprovals, 1);
    assert_string_equal(b->approvals[0].signer, "alice@example.org");
    /* and it writes back byte for byte */
    t1 = afile_format(f->a);
    t2 = afile_format(b);
    assert_string_equal(t1, t2);
    assert_non_null(strstr(t1, "\"format\":\t5"));
    free(t1);
    free(t2);
    assessment_free(b);
}

/* text of the filled assessment with from replaced by to (once). */
static char *edited(struct fx *f, const char *from, const char *to)
{
    char *text = afile_format(f->a), *p = strstr(text, from), *out;
    assert_non_null(p);
    out = malloc(strlen(text) + strlen(to) + 1);
    memcpy(out, text, (size_t)(p - text));
    strcpy(out + (p - text), to);
    strcat(out, p + strlen(from));
    free(text);
    return out;
}

static void expect_refused(struct fx *f, char *text, const char *word)
{
    struct assessment *b = (struct assessment *)&b;
    struct cc_err err;
    assert_int_equal(afile_parse(text, strlen(text), "x.json", &f->cats, &b, &err), -1);
    assert_null(b);
    assert_non_null(strstr(err.msg, "x.json:"));   /* file:line:column */
    if (!strstr(err.msg, word))
        fail_msg("expected \"%s\" in: %s", word, err.msg);
    free(text);
}

static void test_format3_errors(void **state)
{
    struct fx *f = *state;
    fill(f);
    expect_refused(f, edited(f, "\"level\":\t\"medium\"", "\"level\":\t\"severe\""), "severe");
    expect_refused(f, edited(f, "\"id\":\t\"M1\"", "\"id\":\t\"X1\""), "X1");
    expect_refused(f, edited(f, "\"conditions\":\t[\"M1\"]", "\"conditions\":\t[\"M9\"]"), "M9");
    expect_refused(f, edited(f, "\"status\":\t\"planned\"", "\"status\":\t\"maybe\""), "maybe");
    expect_refused(f, edited(f, "\"outcome\":\t\"proceed_with_conditions\"",
                             "\"outcome\":\t\"none\""), "outcome");
    expect_refused(f, edited(f, "\"addresses\":\t[\"q05\"]", "\"addresses\":\t[\"q77\"]"), "q77");
    expect_refused(f, edited(f, "\"signer\":\t\"alice@example.org\"", "\"signer\":\tnull"),
                   "signer");
    expect_refused(f, edited(f, "\"round\":\t1,\n\t\t\"outcome\"", "\"round\":\t5,\n\t\t\"outcome\""),
                   "round");
    /* the file is held to what coopcheck writes */
    expect_refused(f, edited(f, "\"id\":\t\"M1\"", "\"id\":\t\"M01\""), "M01");
    expect_refused(f, edited(f, "\"addresses\":\t[\"q05\"]", "\"addresses\":\t[\"5\"]"),
                   "by their id");
    expect_refused(f, edited(f, "\"addresses\":\t[\"q05\"]", "\"addresses\":\t[\"q05\", \"5\"]"),
                   "named twice");
    expect_refused(f, edited(f, "\"conditions\":\t[\"M1\"]", "\"conditions\":\t[]"),
                   "needs at least one condition");
    expect_refused(f, edited(f, "\"conditions\":\t[\"M1\"]", "\"conditions\":\t[\"m1\"]"),
                   "m1");
    expect_refused(f, edited(f, "\"snapshot\":\t\"20261201T100000Z\"", "\"snapshot\":\t\"../x\""),
                   "not a snapshot name");
    /* a format-2 file knows no officer's records */
    expect_refused(f, edited(f, "\"format\":\t5", "\"format\":\t2"), "unknown key \"risk\"");
}

static void test_format2_file_migrates(void **state)
{
    struct fx *f = *state;
    char *path = tu_src_path("tests/data/format2/hit-2025/assessment.json");
    size_t len;
    char *text = tu_read(path, &len), *out;
    struct assessment *b = NULL;
    struct cc_err err;
    assert_non_null(text);
    assert_non_null(strstr(text, "\"format\":\t2"));
    assert_int_equal(afile_parse(text, len, path, &f->cats, &b, &err), 0);
    assert_int_equal(b->overall.level, RISK_UNRATED);
    assert_int_equal(b->nmeasures, 0);
    assert_int_equal(b->decision.outcome, OUT_NONE);
    assert_non_null(b->q[qindex(f, "q01")].f[0].text);   /* the answers came along */
    out = afile_format(b);
    assert_non_null(strstr(out, "\"format\":\t5"));
    assert_null(strstr(out, "\"measures\""));
    free(out);
    assessment_free(b);
    free(text);
    free(path);
}

/* ---- diff ---- */

static void test_diff_of_officer_records(void **state)
{
    struct fx *f = *state;
    struct assessment *old = roundtrip(f, f->a);
    struct assessment_diff d;
    struct cc_err err;
    int kinds[4] = { 0 };
    fill(f);
    assert_int_equal(assessment_diff(old, f->a, &d, &err), 0);
    for (size_t i = 0; i < d.noff; i++) {
        kinds[d.off[i].kind]++;
        assert_null(d.off[i].old);   /* all new */
    }
    assert_int_equal(kinds[OK_RATING], 2);
    assert_int_equal(kinds[OK_MEASURE], 1);
    assert_int_equal(kinds[OK_DECISION], 1);
    assert_int_equal(kinds[OK_APPROVAL], 1);
    assessment_diff_release(&d);
    assessment_free(old);

    /* only a "to review" mark: no change */
    old = roundtrip(f, f->a);
    officer_round_start(f->a);
    assert_int_equal(assessment_diff(old, f->a, &d, &err), 0);
    assert_int_equal(d.noff, 0);
    assessment_diff_release(&d);
    /* a changed rationale is */
    assert_int_equal(officer_rate(f->a, f->cat->nquestions, RISK_HIGH, "links, confirmed", "olga", T2,
                                  &err), 0);
    assert_int_equal(assessment_diff(old, f->a, &d, &err), 0);
    assert_int_equal(d.noff, 1);
    assert_string_equal(d.off[0].what, OVERALL_REF);
    assert_non_null(strstr(d.off[0].new_, "confirmed"));
    assessment_diff_release(&d);
    assessment_free(old);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rating_set_clear_and_tally, setup, teardown),
        cmocka_unit_test_setup_teardown(test_level_words_parse_both_languages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_measures_ids_addresses_overdue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_decision_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_approvals_roles_and_message, setup, teardown),
        cmocka_unit_test_setup_teardown(test_format3_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_format3_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_format2_file_migrates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_diff_of_officer_records, setup, teardown),
    };
    setlocale(LC_ALL, "C.UTF-8");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
