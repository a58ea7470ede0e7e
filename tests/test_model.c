/* test_model.c — the assessment model in memory: cooperation ids, a new
 * assessment starts unanswered, the setters (who/when, review mark, field
 * types, text validation and normalisation), question states, counts, the
 * follow-up flag and the yes/no names.
 *
 * Runs against the real catalogue catalog/bmbf-china-2024.json (found through
 * $COOPCHECK_SRCDIR, set by tests/run.sh, else the current directory).
 * Question and field indexes are looked up by id, never hard-coded. */
#include "testutil.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "model.h"

#define NOW1 "2026-01-02T03:04:05Z"
#define NOW2 "2026-02-03T04:05:06Z"

/* ---- fixture ------------------------------------------------------------ */

struct fx {
    struct catalog *cat;
    struct assessment *a;
};

static struct coop demo_meta(void)
{
    static char id[] = "tum-hit-2026", title[] = "Joint lab", country[] = "CN", pi[] = "Prof. X",
                start[] = "2026-01-01", p1[] = "HIT Harbin", p2[] = "TU München";
    static char *partners[] = { p1, p2 };
    struct coop c;
    memset(&c, 0, sizeof(c));
    c.id = id;
    c.title = title;
    c.partners.v = partners;
    c.partners.n = 2;
    c.country = country;
    c.pi = pi;
    c.start = start;
    c.interval_months = 12;
    return c;
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    char *path = tu_src_path("catalog/bmbf-china-2024.json");
    struct cc_err err;
    struct coop meta = demo_meta();

    if (!f)
        return -1;
    memset(&err, 0, sizeof(err));
    if (catalog_load_file(path, &f->cat, NULL, &err) != 0) {
        fprintf(stderr, "cannot load %s: %s\n", path, err.msg);
        free(path);
        free(f);
        return -1;
    }
    free(path);
    f->a = assessment_new(f->cat, &meta, "alice", NOW1);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    assessment_free(f->a);
    catalog_free(f->cat);
    free(f);
    return 0;
}

/* Index of question id; fails the test when the catalogue lacks it. */
static size_t QI(const struct catalog *cat, const char *id)
{
    const struct cat_question *q = catalog_question(cat, id);
    long i;
    if (!q)
        fail_msg("the catalogue has no question %s", id);
    i = catalog_question_index(cat, q);
    assert_true(i >= 0);
    assert_string_equal(cat->questions[i].id, id);
    return (size_t)i;
}

/* Index of field id of question qi, checking its type. */
static size_t FI(const struct catalog *cat, size_t qi, const char *id, enum field_type type)
{
    long i = cat_question_field_index(&cat->questions[qi], id);
    if (i < 0)
        fail_msg("question %s has no field %s", cat->questions[qi].id, id);
    assert_int_equal(cat->questions[qi].fields[i].type, type);
    return (size_t)i;
}

#define assert_contains(hay, needle)                                                       \
    do {                                                                                   \
        const char *h_ = (hay), *n_ = (needle);                                            \
        if (!h_ || !strstr(h_, n_))                                                        \
            fail_msg("\"%s\" does not contain \"%s\"", h_ ? h_ : "(null)", n_);            \
    } while (0)

/* ---- cooperation ids ---------------------------------------------------- */

static void test_coop_id_valid(void **state)
{
    static const char *const good[] = { "a", "0", "tum-hit-2026", "a-", "9lives", "x--y" };
    static const char *const bad[] = { "", "-x", "A", "Abc", "a_b", "a b", "\xc3\xa4" /* ä */,
                                       "a\xc3\xa4", "../x", "a/b", ".", "..", "a.b", "a\tb",
                                       "a\n", "\xef\xbd\x81" /* fullwidth a */ };
    char max[COOP_ID_MAX + 2];
    size_t i;

    (void)state;
    for (i = 0; i < CC_ARRAY_LEN(good); i++)
        if (!coop_id_valid(good[i]))
            fail_msg("\"%s\" was refused as an id", good[i]);
    for (i = 0; i < CC_ARRAY_LEN(bad); i++)
        if (coop_id_valid(bad[i]))
            fail_msg("\"%s\" was accepted as an id", bad[i]);
    assert_false(coop_id_valid(NULL));

    /* 64 characters is the limit, 65 is over it */
    memset(max, 'a', sizeof(max));
    max[COOP_ID_MAX] = '\0';
    assert_int_equal(strlen(max), 64);
    assert_true(coop_id_valid(max));
    max[COOP_ID_MAX - 1] = '-';
    assert_true(coop_id_valid(max));
    max[COOP_ID_MAX] = 'a';
    max[COOP_ID_MAX + 1] = '\0';
    assert_int_equal(strlen(max), 65);
    assert_false(coop_id_valid(max));
}

/* The program runs in the user's locale (main calls setlocale): a UTF-8
 * locale must not widen what an id may contain. */
static void test_coop_id_valid_in_utf8_locale(void **state)
{
    char *old = xstrdup(setlocale(LC_ALL, NULL));

    (void)state;
    if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "C.utf8")) {
        free(old);
        skip();
    }
    assert_false(coop_id_valid("\xc3\xa4"));
    assert_false(coop_id_valid("caf\xc3\xa9"));
    assert_false(coop_id_valid("\xc3\x84"));
    assert_true(coop_id_valid("tum-hit-2026"));
    setlocale(LC_ALL, old);
    free(old);
}

static void test_coop_id_rule_explains(void **state)
{
    (void)state;
    assert_contains(coop_id_rule(), "64");
    assert_contains(coop_id_rule(), "a-z");
}

/* ---- a new assessment ----------------------------------------------------- */

static void test_new_starts_unanswered(void **state)
{
    struct fx *f = *state;
    const struct assessment *a = f->a;
    size_t qi, fi;

    /* "unanswered" is the zero value and is not "no" */
    assert_int_equal(YN_UNSET, 0);
    assert_int_not_equal(YN_UNSET, YN_NO);

    assert_ptr_equal(a->cat, f->cat);
    assert_string_equal(a->catalog_id, "bmbf-china-2024");
    assert_string_equal(a->catalog_version, f->cat->version);
    assert_int_equal(a->round, 1);
    assert_string_equal(a->round_started, NOW1);
    assert_null(a->round_based_on);
    assert_null(a->snap);
    assert_string_equal(a->created_at, NOW1);
    assert_string_equal(a->created_by, "alice");
    assert_string_equal(a->updated_at, NOW1);
    assert_string_equal(a->updated_by, "alice");
    assert_true(f->cat->nquestions >= 19);
    for (qi = 0; qi < f->cat->nquestions; qi++) {
        const struct qanswers *q = &a->q[qi];
        assert_int_equal(q->nf, f->cat->questions[qi].nfields);
        assert_int_equal(q->followup, 0);
        assert_int_equal(q->review, 0);
        assert_int_equal(assessment_qstate(a, qi), QS_UNANSWERED);
        for (fi = 0; fi < q->nf; fi++) {
            if (q->f[fi].yn != YN_UNSET)
                fail_msg("%s/%s starts as \"%s\", not unanswered", f->cat->questions[qi].id,
                         f->cat->questions[qi].fields[fi].id, yesno_name(q->f[fi].yn));
            assert_null(q->f[fi].text);
            assert_null(q->f[fi].by);
            assert_null(q->f[fi].at);
            assert_false(answer_is_set(&q->f[fi]));
        }
    }
    assert_int_equal(assessment_answered(a), 0);
    assert_int_equal(assessment_to_review(a), 0);
}

static void test_new_copies_metadata(void **state)
{
    struct fx *f = *state;
    struct coop meta = demo_meta();
    char title[] = "Mutable", p[] = "Partner";
    char *pv[] = { p };
    struct assessment *b;

    (void)f;
    meta.title = title;
    meta.partners.v = pv;
    meta.partners.n = 1;
    meta.country = NULL;
    b = assessment_new(f->cat, &meta, "bob", NOW2);
    /* a deep copy: changing the caller's strings changes nothing */
    title[0] = 'X';
    p[0] = 'X';
    assert_string_equal(b->coop.title, "Mutable");
    assert_int_equal(b->coop.partners.n, 1);
    assert_string_equal(b->coop.partners.v[0], "Partner");
    assert_ptr_not_equal(b->coop.partners.v[0], p);
    assert_null(b->coop.country);
    assert_string_equal(b->coop.id, "tum-hit-2026");
    assert_string_equal(b->coop.pi, "Prof. X");
    assert_string_equal(b->coop.start, "2026-01-01");
    assert_int_equal(b->coop.interval_months, 12);
    assessment_free(b);

    assert_int_equal(f->a->coop.partners.n, 2);
    assert_string_equal(f->a->coop.partners.v[1], "TU München");
}

/* ---- yes/no ------------------------------------------------------------- */

static void test_set_yesno_records_who_and_when(void **state)
{
    struct fx *f = *state;
    struct assessment *a = f->a;
    size_t q = QI(f->cat, "q04");
    size_t fi = FI(f->cat, q, "dep_on_china", FIELD_YESNO);
    struct cc_err err;

    a->q[q].review = 1;   /* carried over from the last round */
    assert_int_equal(assessment_to_review(a), 1);
    assert_int_equal(assessment_set_yesno(a, q, fi, YN_NO, "bob", NOW2, &err), 0);
    assert_int_equal(a->q[q].f[fi].yn, YN_NO);
    assert_string_equal(a->q[q].f[fi].by, "bob");
    assert_string_equal(a->q[q].f[fi].at, NOW2);
    assert_string_equal(a->updated_by, "bob");
    assert_string_equal(a->updated_at, NOW2);
    assert_int_equal(a->q[q].review, 0);
    assert_int_equal(assessment_to_review(a), 0);
    /* the creation stays */
    assert_string_equal(a->created_by, "alice");
    assert_string_equal(a->created_at, NOW1);

    /* a second change replaces value and author */
    assert_int_equal(assessment_set_yesno(a, q, fi, YN_UNSURE, "carol", "2026-03-01T00:00:00Z",
                                          &err), 0);
    assert_int_equal(a->q[q].f[fi].yn, YN_UNSURE);
    assert_string_equal(a->q[q].f[fi].by, "carol");
    assert_string_equal(a->q[q].f[fi].at, "2026-03-01T00:00:00Z");
    assert_true(answer_is_set(&a->q[q].f[fi]));

    assert_int_equal(assessment_set_yesno(a, q, fi, YN_YES, "carol", NOW2, &err), 0);
    assert_int_equal(a->q[q].f[fi].yn, YN_YES);

    /* setting it back to unset clears the answer */
    assert_int_equal(assessment_set_yesno(a, q, fi, YN_UNSET, "carol", NOW2, &err), 0);
    assert_false(answer_is_set(&a->q[q].f[fi]));
    assert_int_equal(assessment_qstate(a, q), QS_UNANSWERED);

    /* other fields and questions are untouched */
    for (size_t k = 0; k < a->q[q].nf; k++)
        if (k != fi)
            assert_null(a->q[q].f[k].by);
    assert_null(a->q[q + 1].f[0].by);
}

static void test_set_yesno_refuses_text_field(void **state)
{
    struct fx *f = *state;
    struct assessment *a = f->a;
    size_t q = QI(f->cat, "q01");
    size_t fi = FI(f->cat, q, "focus", FIELD_TEXT);
    struct cc_err err;

    memset(&err, 0, sizeof(err));
    assert_int_equal(assessment_set_yesno(a, q, fi, YN_YES, "bob", NOW2, &err), -1);
    assert_contains(err.msg, "\"focus\"");
    assert_contains(err.msg, "q01");
    assert_int_equal(a->q[q].f[fi].yn, YN_UNSET);
    assert_null(a->q[q].f[fi].by);
    assert_string_equal(a->updated_by, "alice");   /* nothing recorded */
    assert_string_equal(a->updated_at, NOW1);
}

static void test_set_yesno_refuses_bad_value_and_index(void **state)
{
    struct fx *f = *state;
    struct assessment *a = f->a;
    size_t q = QI(f->cat, "q04");
    size_t fi = FI(f->cat, q, "alternatives", FIELD_YESNO);
    struct cc_err err;

    assert_int_equal(assessment_set_yesno(a, q, fi, (enum yesno)7, "bob", NOW2, &err), -1);
    assert_int_equal(a->q[q].f[fi].yn, YN_UNSET);
    assert_null(a->q[q].f[fi].by);
    assert_int_equal(assessment_set_yesno(a, f->cat->nquestions, 0, YN_YES, "bob", NOW2, &err), -1);
    assert_true(err.msg[0] != '\0');
    assert_int_equal(assessment_set_yesno(a, q, a->q[q].nf, YN_YES, "bob", NOW2, &err), -1);
    assert_contains(err.msg, "q04");
    assert_int_equal(assessment_set_text(a, q, a->q[q].nf, "x", "bob", NOW2, &err), -1);
    assert_string_equal(a->updated_by, "alice");
}

/* ---- text ---------------------------------------------------------------- */

static void test_set_text_refuses_yesno_field(void **state)
{
    struct fx *f = *state;
    struct assessment *a = f->a;
    size_t q = QI(f->cat, "q04");
    size_t fi = FI(f->cat, q, "dep_on_china", FIELD_YESNO);
    struct cc_err err;

    memset(&err, 0, sizeof(err));
    assert_int_equal(assessment_set_text(a, q, fi, "yes", "bob", NOW2, &err), -1);
    assert_contains(err.msg, "\"dep_on_china\"");
    assert_contains(err.msg, "q04");
    assert_null(a->q[q].f[fi].text);
    assert_int_equal(a->q[q].f[fi].yn, YN_UNSET);
    assert_null(a->q[q].f[fi].by);
    assert_string_equal(a->updated_by, "alice");
}

static void test_set_text_utf8(void **state)
{
    struct fx *f = *state;
    struct assessment *a = f->a;
    size_t q = QI(f->cat, "q01");
    size_t fi = FI(f->cat, q, "own_goals", FIELD_TEXT);
    static const char text[] = "Gemeinsame Forschung zu Kältetechnik (Universität Stuttgart).\n"
                               "合作研究：低温技术\n"
                               "\t- \"Zitat\" mit Backslash \\ und Emoji \xf0\x9f\x99\x82\n";
    struct cc_err err;

    a->q[q].review = 1;
    assert_int_equal(assessment_set_text(a, q, fi, text, "bob", NOW2, &err), 0);
    assert_non_null(a->q[q].f[fi].text);
    assert_string_equal(a->q[q].f[fi].text, text);
    assert_ptr_not_equal(a->q[q].f[fi].text, text);
    assert_string_equal(a->q[q].f[fi].by, "bob");
    assert_string_equal(a->q[q].f[fi].at, NOW2);
    assert_string_equal(a->updated_by, "bob");
    assert_int_equal(a->q[q].review, 0);
    assert_int_equal(a->q[q].f[fi].yn, YN_UNSET);
}

static void test_set_text_blank_clears(void **state)
{
    struct fx *f = *state;
    struct assessment *a = f->a;
    size_t q = QI(f->cat, "q03");
    size_t fi = FI(f->cat, q, "added_value", FIELD_TEXT);
    static const char *const blanks[] = { "", " ", "   \t  ", "\n", "\r\n", " \n\t\r\n  \v\f" };
    struct cc_err err;

    for (size_t i = 0; i < CC_ARRAY_LEN(blanks); i++) {
        assert_int_equal(assessment_set_text(a, q, fi, "some value", "bob", NOW1, &err), 0);
        assert_int_equal(assessment_qstate(a, q), QS_ANSWERED);
        a->q[q].review = 1;
        assert_int_equal(assessment_set_text(a, q, fi, blanks[i], "carol", NOW2, &err), 0);
        if (a->q[q].f[fi].text != NULL)
            fail_msg("blank text #%zu was stored as \"%s\" instead of clearing the field", i,
                     a->q[q].f[fi].text);
        assert_false(answer_is_set(&a->q[q].f[fi]));
        assert_int_equal(assessment_qstate(a, q), QS_UNANSWERED);
        assert_int_equal(a->q[q].review, 0);  /* clearing is a change too */
        assert_string_equal(a->updated_by, "carol");
    }
    /* leading and trailing space around real text is kept as typed */
    assert_int_equal(assessment_set_text(a, q, fi, "  x  ", "bob", NOW1, &err), 0);
    assert_string_equal(a->q[q].f[fi].text, "  x  ");
}

static void test_set_text_crlf_to_lf(void **state)
{
    struct fx *f = *state;
    struct assessment *a = f->a;
    size_t q = QI(f->cat, "q03");
    size_t fi = FI(f->cat, q, "added_value", FIELD_TEXT);
    struct cc_err err;

    assert_int_equal(assessment_set_text(a, q, fi, "Zeile 1\r\nZeile 2\r\n\r\nÄnde\r\n", "bob",
                                         NOW2, &err), 0);
    assert_string_equal(a->q[q].f[fi].text, "Zeile 1\nZeile 2\n\nÄnde\n");
    assert_null(strstr(a->q[q].f[fi].text, "\r\n"));
}

static void test_set_text_invalid_utf8_refused(void **state)
{
    struct fx *f = *state;
    struct assessment *a = f->a;
    size_t q = QI(f->cat, "q01");
    size_t fi = FI(f->cat, q, "focus", FIELD_TEXT);
    static const char *const bad[] = {
        "caf\xe9",                   /* Latin-1 é */
        "\xff",                      /* never valid */
        "abc\xc3",                   /* truncated sequence at the end */
        "\xc0\xaf",                  /* overlong '/' */
        "\xe0\x80\xaf",              /* overlong '/' (3 bytes) */
        "\xed\xa0\x80",              /* UTF-16 surrogate */
        "\xf4\x90\x80\x80",          /* above U+10FFFF */
        "ok \x80 continuation alone",
    };
    struct cc_err err;

    assert_int_equal(assessment_set_text(a, q, fi, "before", "alice", NOW1, &err), 0);
    for (size_t i = 0; i < CC_ARRAY_LEN(bad); i++) {
        memset(&err, 0, sizeof(err));
        if (assessment_set_text(a, q, fi, bad[i], "bob", NOW2, &err) != -1)
            fail_msg("invalid UTF-8 #%zu was accepted", i);
        assert_contains(err.msg, "UTF-8");
        /* the old answer stays, nothing is recorded */
        assert_string_equal(a->q[q].f[fi].text, "before");
        assert_string_equal(a->q[q].f[fi].by, "alice");
        assert_string_equal(a->q[q].f[fi].at, NOW1);
        assert_string_equal(a->updated_by, "alice");
    }
}

/* replace_text hands the text it replaces to the caller (the interface
 * keeps it as the saved answer instead of copying it), sets a yes/no
 * field's note, and on bad text changes nothing and hands nothing out. */
static void test_replace_text_hands_old_out(void **state)
{
    struct fx *f = *state;
    struct assessment *a = f->a;
    size_t q = QI(f->cat, "q01");
    size_t fi = FI(f->cat, q, "focus", FIELD_TEXT);
    size_t q8 = QI(f->cat, "q08");
    size_t yn = FI(f->cat, q8, "informed", FIELD_YESNO);
    struct cc_err err;
    char *old = (char *)"untouched";
    const char *was;
    assert_int_equal(assessment_replace_text(a, q, fi, "one", "alice", NOW1, &old, &err), 0);
    assert_null(old);   /* nothing was there */
    was = a->q[q].f[fi].text;
    assert_int_equal(assessment_replace_text(a, q, fi, "two\r\n", "bob", NOW2, &old, &err), 0);
    assert_ptr_equal(old, was);   /* the very block, not a copy */
    assert_string_equal(old, "one");
    free(old);
    assert_string_equal(a->q[q].f[fi].text, "two\n");
    assert_string_equal(a->q[q].f[fi].by, "bob");
    old = (char *)"untouched";
    assert_int_equal(assessment_replace_text(a, q, fi, "bad \xff", "eve", NOW2, &old, &err), -1);
    assert_string_equal(old, "untouched");
    assert_string_equal(a->q[q].f[fi].text, "two\n");
    assert_int_equal(assessment_replace_text(a, q, fi, "  \n", "bob", NOW2, &old, &err), 0);
    assert_string_equal(old, "two\n");   /* blank clears */
    free(old);
    assert_null(a->q[q].f[fi].text);
    assert_int_equal(assessment_replace_text(a, q8, yn, "why unsure", "bob", NOW2, &old, &err), 0);
    assert_null(old);
    assert_string_equal(a->q[q8].f[yn].text, "why unsure");
}

static void test_set_text_length_limit(void **state)
{
    struct fx *f = *state;
    struct assessment *a = f->a;
    size_t q = QI(f->cat, "q01");
    size_t fi = FI(f->cat, q, "focus", FIELD_TEXT);
    char *big = malloc(TEXT_ANSWER_MAX + 2);
    struct cc_err err;

    assert_non_null(big);
    memset(big, 'x', TEXT_ANSWER_MAX + 1);
    big[TEXT_ANSWER_MAX + 1] = '\0';
    memset(&err, 0, sizeof(err));
    assert_int_equal(assessment_set_text(a, q, fi, big, "bob", NOW2, &err), -1);
    assert_true(err.msg[0] != '\0');
    assert_null(a->q[q].f[fi].text);
    assert_null(a->q[q].f[fi].by);

    /* exactly the limit is fine */
    big[TEXT_ANSWER_MAX] = '\0';
    assert_int_equal(assessment_set_text(a, q, fi, big, "bob", NOW2, &err), 0);
    assert_non_null(a->q[q].f[fi].text);
    assert_int_equal(strlen(a->q[q].f[fi].text), TEXT_ANSWER_MAX);
    free(big);
}

/* ---- states and counts ----------------------------------------------------- */

static void test_qstate_and_answered(void **state)
{
    struct fx *f = *state;
    struct assessment *a = f->a;
    size_t q4 = QI(f->cat, "q04"), q3 = QI(f->cat, "q03"), q1 = QI(f->cat, "q01");
    const struct cat_question *cq = &f->cat->questions[q4];
    struct cc_err err;

    assert_int_equal(cq->nfields, 6);
    assert_int_equal(assessment_qstate(a, q4), QS_UNANSWERED);
    assert_int_equal(assessment_set_yesno(a, q4, FI(f->cat, q4, "dep_on_china", FIELD_YESNO),
                                          YN_NO, "bob", NOW2, &err), 0);
    assert_int_equal(assessment_qstate(a, q4), QS_PARTIAL);
    assert_int_equal(assessment_answered(a), 0);
    for (size_t k = 0; k < cq->nfields; k++) {
        if (cq->fields[k].type == FIELD_YESNO)
            assert_int_equal(assessment_set_yesno(a, q4, k, YN_UNSURE, "bob", NOW2, &err), 0);
        else
            assert_int_equal(assessment_set_text(a, q4, k, "details", "bob", NOW2, &err), 0);
        assert_int_equal(assessment_qstate(a, q4),
                         k + 1 == cq->nfields ? QS_ANSWERED : QS_PARTIAL);
    }
    assert_int_equal(assessment_answered(a), 1);

    /* "no" and "unsure" are answers; a one-field question */
    assert_int_equal(assessment_set_text(a, q3, 0, "value", "bob", NOW2, &err), 0);
    assert_int_equal(assessment_qstate(a, q3), QS_ANSWERED);
    assert_int_equal(assessment_answered(a), 2);

    /* q01: one of two */
    assert_int_equal(assessment_set_text(a, q1, 1, "goals", "bob", NOW2, &err), 0);
    assert_int_equal(assessment_qstate(a, q1), QS_PARTIAL);
    assert_int_equal(assessment_answered(a), 2);

    /* clearing one field of an answered question makes it partial again */
    assert_int_equal(assessment_set_text(a, q4, FI(f->cat, q4, "alternatives_which", FIELD_TEXT),
                                         "", "bob", NOW2, &err), 0);
    assert_int_equal(assessment_qstate(a, q4), QS_PARTIAL);
    assert_int_equal(assessment_answered(a), 1);
    assert_int_equal(assessment_set_yesno(a, q4, FI(f->cat, q4, "alternatives", FIELD_YESNO),
                                          YN_UNSET, "bob", NOW2, &err), 0);
    assert_int_equal(assessment_qstate(a, q4), QS_PARTIAL);

    /* every question answered */
    for (size_t qi = 0; qi < f->cat->nquestions; qi++)
        for (size_t k = 0; k < f->cat->questions[qi].nfields; k++)
            if (f->cat->questions[qi].fields[k].type == FIELD_YESNO)
                assert_int_equal(assessment_set_yesno(a, qi, k, YN_YES, "bob", NOW2, &err), 0);
            else
                assert_int_equal(assessment_set_text(a, qi, k, "t", "bob", NOW2, &err), 0);
    assert_int_equal(assessment_answered(a), f->cat->nquestions);
}

/* Fields with a condition count only when they apply; "unsure" counts only
 * when explained (its note, or a text field of the question that applies). */
static void test_conditional_and_unsure(void **state)
{
    struct fx *f = *state;
    struct assessment *a = f->a;
    size_t q4 = QI(f->cat, "q04"), q8 = QI(f->cat, "q08"), q13 = QI(f->cat, "q13");
    size_t dep = FI(f->cat, q4, "dep_on_china", FIELD_YESNO);
    size_t kind = FI(f->cat, q4, "dep_on_china_kind", FIELD_TEXT);
    size_t pdep = FI(f->cat, q4, "partner_dep_on_de", FIELD_YESNO);
    size_t alt = FI(f->cat, q4, "alternatives", FIELD_YESNO);
    size_t altw = FI(f->cat, q4, "alternatives_which", FIELD_TEXT);
    size_t inf = FI(f->cat, q8, "informed", FIELD_YESNO), ev = FI(f->cat, q8, "evidence", FIELD_TEXT);
    size_t sens = FI(f->cat, q13, "sensitive_apps", FIELD_YESNO);
    struct open_items o;
    struct cc_err err;

    /* unanswered: the "kind" asked only after a yes or unsure */
    assert_false(field_applies(a, q4, kind));
    assert_true(field_applies(a, q4, dep));
    assert_int_equal(assessment_set_yesno(a, q4, dep, YN_NO, "bob", NOW2, &err), 0);
    assert_false(field_applies(a, q4, kind));
    assert_int_equal(assessment_set_yesno(a, q4, pdep, YN_NO, "bob", NOW2, &err), 0);
    assert_int_equal(assessment_set_yesno(a, q4, alt, YN_NO, "bob", NOW2, &err), 0);
    /* three no's: nothing else is asked, the question is answered */
    assert_int_equal(assessment_qstate(a, q4), QS_ANSWERED);
    /* a yes asks for the alternatives */
    assert_int_equal(assessment_set_yesno(a, q4, alt, YN_YES, "bob", NOW2, &err), 0);
    assert_true(field_applies(a, q4, altw));
    assert_int_equal(assessment_qstate(a, q4), QS_PARTIAL);
    assert_int_equal(assessment_set_text(a, q4, altw, "Kyoto", "bob", NOW2, &err), 0);
    assert_int_equal(assessment_qstate(a, q4), QS_ANSWERED);
    /* text written where it no longer applies does not make it partial */
    assert_int_equal(assessment_set_yesno(a, q4, alt, YN_NO, "bob", NOW2, &err), 0);
    assert_int_equal(assessment_qstate(a, q4), QS_ANSWERED);

    /* q08: "unsure" with no evidence is not an answer */
    assert_int_equal(assessment_set_yesno(a, q8, inf, YN_UNSURE, "bob", NOW2, &err), 0);
    assert_true(field_unexplained(a, q8, inf));
    assert_false(field_answered(a, q8, inf));
    assert_int_equal(assessment_qstate(a, q8), QS_PARTIAL);
    /* a note explains it ... */
    assert_int_equal(assessment_set_note(a, q8, inf, "waiting for the briefing", "bob", NOW2, &err), 0);
    assert_false(field_unexplained(a, q8, inf));
    assert_true(field_answered(a, q8, inf));
    assert_int_equal(assessment_set_note(a, q8, inf, "  ", "bob", NOW2, &err), 0);
    assert_true(field_unexplained(a, q8, inf));
    /* ... and so does the question's text field */
    assert_int_equal(assessment_set_text(a, q8, ev, "see the memo", "bob", NOW2, &err), 0);
    assert_false(field_unexplained(a, q8, inf));
    assert_int_equal(assessment_qstate(a, q8), QS_ANSWERED);
    /* notes only on yes/no fields */
    assert_int_equal(assessment_set_note(a, q8, ev, "x", "bob", NOW2, &err), -1);

    /* q13: unsure asks for the applications, which then explain it */
    assert_int_equal(assessment_set_yesno(a, q13, sens, YN_UNSURE, "bob", NOW2, &err), 0);
    assert_int_equal(assessment_qstate(a, q13), QS_PARTIAL);

    assessment_open_items(a, &o);
    assert_false(open_items_none(&o));
    assert_int_equal(o.partial.n, 1);
    assert_int_equal(o.partial.v[0], q13);
    assert_int_equal(o.unexplained.n, 1);
    assert_int_equal(o.unexplained.v[0], q13);
    assert_int_equal(o.unanswered.n, f->cat->nquestions - 3);
    assert_int_equal(o.review.n, 0);
    assert_int_equal(o.followup.n, 0);
    open_items_release(&o);
    assessment_set_followup(a, q4, 1, "bob", NOW2);
    assessment_open_items(a, &o);
    assert_int_equal(o.followup.n, 1);
    open_items_release(&o);
}

static void test_open_items_none(void **state)
{
    struct fx *f = *state;
    struct assessment *a = f->a;
    struct open_items o;
    struct cc_err err;
    for (size_t qi = 0; qi < f->cat->nquestions; qi++)
        for (size_t k = 0; k < f->cat->questions[qi].nfields; k++)
            if (f->cat->questions[qi].fields[k].type == FIELD_YESNO)
                assert_int_equal(assessment_set_yesno(a, qi, k, YN_NO, "bob", NOW2, &err), 0);
            else if (f->cat->questions[qi].fields[k].when_field == CAT_WHEN_ALWAYS)
                assert_int_equal(assessment_set_text(a, qi, k, "t", "bob", NOW2, &err), 0);
    assessment_open_items(a, &o);
    assert_true(open_items_none(&o));
    open_items_release(&o);
    assert_int_equal(assessment_answered(a), f->cat->nquestions);
}

/* The cooperation's data edited: only what differs is taken and stamped. */
static void test_coop_edit(void **state)
{
    struct fx *f = *state;
    struct assessment *a = f->a;
    struct coop e;
    struct strlist al = { 0 };
    struct cc_err err;
    coop_copy(&e, &a->coop);
    assert_int_equal(coop_apply_edit(a, &e, "carol", NOW2, &err), 0);   /* nothing differs */
    assert_null(a->coop.changed[CF_TITLE].at);
    free(e.title);
    e.title = strdup("Joint lab on sensors");
    strlist_push(&al, "哈工大");
    strlist_push(&al, "HIT");
    coop_add_partner(&e, "Harbin Institute of Technology", &al);
    e.interval_months = 6;
    assert_int_equal(coop_apply_edit(a, &e, "carol", NOW2, &err), 3);
    assert_string_equal(a->coop.title, "Joint lab on sensors");
    assert_string_equal(a->coop.changed[CF_TITLE].by, "carol");
    assert_string_equal(a->coop.changed[CF_TITLE].at, NOW2);
    assert_string_equal(a->coop.changed[CF_PARTNERS].at, NOW2);
    assert_string_equal(a->coop.changed[CF_INTERVAL].at, NOW2);
    assert_null(a->coop.changed[CF_COUNTRY].at);
    assert_int_equal(a->coop.partners.n, 3);
    assert_int_equal(coop_aliases(&a->coop, 0)->n, 0);
    assert_int_equal(coop_aliases(&a->coop, 2)->n, 2);
    assert_string_equal(coop_aliases(&a->coop, 2)->v[0], "哈工大");
    assert_string_equal(a->updated_by, "carol");
    /* refusals change nothing */
    e.interval_months = 0;
    assert_int_equal(coop_apply_edit(a, &e, "dave", NOW2, &err), -1);
    assert_contains(err.msg, "interval");
    e.interval_months = 6;
    free(e.start);
    e.start = strdup("2026-02-30x");
    assert_int_equal(coop_apply_edit(a, &e, "dave", NOW2, &err), -1);
    assert_contains(err.msg, "2026-02-30x");
    free(e.start);
    e.start = NULL;
    free(e.title);
    e.title = strdup("bad\x1b[2J");
    assert_int_equal(coop_apply_edit(a, &e, "dave", NOW2, &err), -1);
    assert_contains(err.msg, "control characters");
    free(e.title);
    e.title = strdup("");
    assert_int_equal(coop_apply_edit(a, &e, "dave", NOW2, &err), -1);
    assert_string_equal(a->coop.title, "Joint lab on sensors");
    assert_string_equal(a->coop.start, "2026-01-01");
    assert_string_equal(a->updated_by, "carol");
    /* archiving */
    assert_int_equal(coop_set_archived(a, 1, "dave", NOW2), 1);
    assert_int_equal(coop_set_archived(a, 1, "dave", NOW2), 0);
    assert_string_equal(a->coop.archived.by, "dave");
    assert_int_equal(coop_set_archived(a, 0, "dave", NOW2), 1);
    assert_null(a->coop.archived.at);
    strlist_release(&al);
    coop_release(&e);
}

/* Answers move to another catalogue by question and field id. */
static void test_recatalog(void **state)
{
    struct fx *f = *state;
    struct assessment *a = f->a;
    struct catalog *other;
    struct strlist lost = { 0 }, diags = { 0 };
    struct cc_err err;
    char *path = tu_src_path("catalog/bmbf-china-2024.json");
    size_t q1 = QI(f->cat, "q01"), q9 = QI(f->cat, "q09");
    /* parsed (diags: the full check), so that its strings are its own to change */
    assert_int_equal(catalog_load_file(path, &other, &diags, &err), 0);
    strlist_release(&diags);
    free(path);
    assert_int_equal(assessment_set_text(a, q1, 0, "focus", "bob", NOW2, &err), 0);
    assert_int_equal(assessment_set_yesno(a, q9, 0, YN_YES, "bob", NOW2, &err), 0);
    /* drop q09's first field from the other catalogue: the answer has no place */
    free(other->questions[q9].fields[0].id);
    other->questions[q9].fields[0].id = strdup("renamed");
    assert_int_equal(assessment_recatalog(a, other, 0, &lost, "carol", NOW2), -1);
    assert_int_equal(lost.n, 1);
    assert_string_equal(lost.v[0], "q09.military_checked");
    assert_ptr_equal(a->cat, f->cat);   /* refused: unchanged */
    assert_int_equal(a->q[q9].f[0].yn, YN_YES);
    strlist_release(&lost);
    assert_int_equal(assessment_recatalog(a, other, 1, &lost, "carol", NOW2), 0);
    assert_ptr_equal(a->cat, other);
    assert_string_equal(a->q[q1].f[0].text, "focus");
    assert_int_equal(a->q[q9].f[0].yn, YN_UNSET);
    assert_string_equal(a->coop.changed[CF_CATALOG].by, "carol");
    strlist_release(&lost);
    a->cat = f->cat;   /* the fixture frees its own catalogue: put the answers back */
    assert_int_equal(assessment_recatalog(a, f->cat, 1, &lost, "carol", NOW2), 0);
    strlist_release(&lost);
    catalog_free(other);
}

static void test_followup_flag(void **state)
{
    struct fx *f = *state;
    struct assessment *a = f->a;
    size_t q = QI(f->cat, "q07");

    assert_int_equal(a->q[q].followup, 0);
    assessment_set_followup(a, q, 1, "bob", NOW2);
    assert_int_equal(a->q[q].followup, 1);
    assert_string_equal(a->updated_by, "bob");
    assert_string_equal(a->updated_at, NOW2);
    /* a flag, not an answer */
    assert_int_equal(assessment_qstate(a, q), QS_UNANSWERED);
    assert_int_equal(assessment_answered(a), 0);
    for (size_t qi = 0; qi < f->cat->nquestions; qi++)
        if (qi != q)
            assert_int_equal(a->q[qi].followup, 0);
    assessment_set_followup(a, q, 42, "carol", NOW1);   /* any non-zero is "on" */
    assert_int_equal(a->q[q].followup, 1);
    assessment_set_followup(a, q, 0, "carol", NOW1);
    assert_int_equal(a->q[q].followup, 0);
    assert_string_equal(a->updated_by, "carol");
}

static void test_confirm_and_to_review(void **state)
{
    struct fx *f = *state;
    struct assessment *a = f->a;
    size_t q1 = QI(f->cat, "q01"), q2 = QI(f->cat, "q02");

    a->q[q1].review = 1;
    a->q[q2].review = 1;
    assert_int_equal(assessment_to_review(a), 2);
    assessment_confirm(a, q1, "bob", NOW2);
    assert_int_equal(a->q[q1].review, 0);
    assert_int_equal(a->q[q2].review, 1);
    assert_int_equal(assessment_to_review(a), 1);
    assert_string_equal(a->updated_by, "bob");
    assert_string_equal(a->updated_at, NOW2);
    /* confirming records no answer */
    assert_null(a->q[q1].f[0].by);
}

/* ---- yes/no names ---------------------------------------------------------- */

static void test_yesno_names(void **state)
{
    static const struct {
        enum yesno v;
        const char *name;
    } t[] = { { YN_UNSET, "unset" }, { YN_YES, "yes" }, { YN_NO, "no" }, { YN_UNSURE, "unsure" } };

    (void)state;
    for (size_t i = 0; i < CC_ARRAY_LEN(t); i++) {
        assert_string_equal(yesno_name(t[i].v), t[i].name);
        assert_int_equal(yesno_parse(t[i].name), (int)t[i].v);
        assert_int_equal(yesno_parse(yesno_name(t[i].v)), (int)t[i].v);
    }
    assert_int_equal(yesno_parse("maybe"), -1);
    assert_int_equal(yesno_parse("YES"), -1);
    assert_int_equal(yesno_parse("yes "), -1);
    assert_int_equal(yesno_parse(""), -1);
    assert_int_equal(yesno_parse("ja"), -1);
    assert_int_equal(yesno_parse(NULL), -1);
    assert_string_equal(yesno_name((enum yesno)99), "?");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_coop_id_valid),
        T(test_coop_id_valid_in_utf8_locale),
        T(test_coop_id_rule_explains),
        T(test_new_starts_unanswered),
        T(test_new_copies_metadata),
        T(test_set_yesno_records_who_and_when),
        T(test_set_yesno_refuses_text_field),
        T(test_set_yesno_refuses_bad_value_and_index),
        T(test_set_text_refuses_yesno_field),
        T(test_set_text_utf8),
        T(test_set_text_blank_clears),
        T(test_set_text_crlf_to_lf),
        T(test_set_text_invalid_utf8_refused),
        T(test_replace_text_hands_old_out),
        T(test_set_text_length_limit),
        T(test_qstate_and_answered),
        T(test_conditional_and_unsure),
        T(test_open_items_none),
        T(test_coop_edit),
        T(test_recatalog),
        T(test_followup_flag),
        T(test_confirm_and_to_review),
        T(test_yesno_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
