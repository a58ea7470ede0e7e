/* exportfx.c — see exportfx.h. */
#include "exportfx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "officer.h"

size_t fx_qi(const struct catalog *cat, const char *id)
{
    const struct cat_question *q = catalog_question(cat, id);
    long i;
    if (!q)
        fail_msg("the catalogue has no question %s", id);
    i = catalog_question_index(cat, q);
    assert_true(i >= 0);
    return (size_t)i;
}

size_t fx_fi(const struct catalog *cat, size_t qi, const char *id)
{
    long i = cat_question_field_index(&cat->questions[qi], id);
    if (i < 0)
        fail_msg("question %s has no field %s", cat->questions[qi].id, id);
    return (size_t)i;
}

void fx_set_text(struct assessment *a, const char *q, const char *f, const char *text)
{
    struct cc_err err;
    size_t qi = fx_qi(a->cat, q);
    memset(&err, 0, sizeof(err));
    if (assessment_set_text(a, qi, fx_fi(a->cat, qi, f), text, FX_WHO, FX_NOW, &err) != 0)
        fail_msg("%s.%s: %s", q, f, err.msg);
}

void fx_set_yn(struct assessment *a, const char *q, const char *f, enum yesno v)
{
    struct cc_err err;
    size_t qi = fx_qi(a->cat, q);
    memset(&err, 0, sizeof(err));
    if (assessment_set_yesno(a, qi, fx_fi(a->cat, qi, f), v, FX_WHO, FX_NOW, &err) != 0)
        fail_msg("%s.%s: %s", q, f, err.msg);
}

void fx_replace(char **slot, const char *s)
{
    free(*slot);
    *slot = s ? xstrdup(s) : NULL;
}

struct assessment *fx_assessment(const struct catalog *cat)
{
    static char id[] = "tum-hit-2026",
                title[] = "Gemeinsames Labor f\xc3\xbcr Quantensensorik",
                country[] = "CN", pi[] = "Prof. Dr. J\xc3\xbcrgen Wei\xc3\x9f",
                start[] = "2026-03-01",
                p1[] = "Harbin Institute of Technology (\xe5\x93\x88\xe5\xb0\x94\xe6\xbb\xa8"
                       "\xe5\xb7\xa5\xe4\xb8\x9a\xe5\xa4\xa7\xe5\xad\xa6)",
                p2[] = "TU M\xc3\xbcnchen";
    static char *partners[] = { p1, p2 };
    struct coop meta;
    struct assessment *a;

    memset(&meta, 0, sizeof(meta));
    meta.id = id;
    meta.title = title;
    meta.partners.v = partners;
    meta.partners.n = 2;
    meta.country = country;
    meta.pi = pi;
    meta.start = start;
    meta.interval_months = 12;
    a = assessment_new(cat, &meta, FX_WHO, FX_NOW);
    a->round = 2;
    fx_replace(&a->round_started, "2026-01-10T09:00:00Z");
    fx_replace(&a->round_based_on, FX_BASE);

    /* q01 answered, with a line break and umlauts */
    fx_set_text(a, "q01", "focus",
             "Quantensensorik f\xc3\xbcr Br\303\274ckenmonitoring.\n"
             "Pr\303\274fst\xc3\xa4nde in J\xc3\xbclich.");
    fx_set_text(a, "q01", "own_goals", "Publications and doctoral exchange (2 per year).");
    /* q02 partly answered */
    fx_set_text(a, "q02", "partner_state", "World-class in cold-atom interferometry.");
    /* q03 answered, with CJK, flagged for follow-up */
    fx_set_text(a, "q03", "added_value",
             "\xe5\x90\x88\xe4\xbd\x9c\xe7\xa0\x94\xe7\xa9\xb6: joint publications and shared "
             "access to test sites; the text is long enough to be wrapped in the plain text "
             "report at seventy-eight columns.");
    assessment_set_followup(a, fx_qi(cat, "q03"), 1, FX_WHO, FX_NOW);
    /* q04 partly answered, to review (carried over from the last round) */
    fx_set_yn(a, "q04", "dep_on_china", YN_NO);
    fx_set_yn(a, "q04", "partner_dep_on_de", YN_UNSURE);
    fx_set_yn(a, "q04", "alternatives", YN_YES);
    fx_set_text(a, "q04", "alternatives_which", "Fraunhofer partners in South Korea");
    a->q[fx_qi(cat, "q04")].review = 1;
    /* q07 answered; list-like lines, an empty line, a leading space */
    fx_set_yn(a, "q07", "contract_secured", YN_YES);
    fx_set_text(a, "q07", "contract_details",
             "Section 5 of the cooperation agreement:\n"
             "\n"
             "- IP stays with the partner who made it\n"
             "1. publication after joint approval\n"
             "  indented line");
    /* q08 open, flagged for follow-up */
    assessment_set_followup(a, fx_qi(cat, "q08"), 1, FX_WHO, FX_NOW);
    /* q12 answered, to review */
    fx_set_yn(a, "q12", "export_office", YN_YES);
    fx_set_yn(a, "q12", "icp", YN_NO);
    fx_set_text(a, "q12", "evidence", "Export control: Ms M\xc3\xbcller, ext. 1234");
    a->q[fx_qi(cat, "q12")].review = 1;
    /* q17 unsure without explanation; q08's unsure has a note */
    fx_set_yn(a, "q17", "infosec", YN_UNSURE);
    {
        struct cc_err err;
        size_t q14 = fx_qi(cat, "q14");
        fx_set_yn(a, "q14", "informed", YN_UNSURE);
        assert_int_equal(assessment_set_note(a, q14, 0, "Briefing by the export control office "
                                             "on 2026-02-01", FX_WHO, FX_NOW, &err), 0);
    }
    /* the cooperation's data changed since creation: a partner with aliases */
    {
        struct strlist al = { 0 };
        strlist_push(&al, "\xe5\xa4\x8d\xe6\x97\xa6\xe5\xa4\xa7\xe5\xad\xa6");   /* 复旦大学 */
        strlist_push(&al, "FDU");
        coop_add_partner(&a->coop, "Fudan University", &al);
        strlist_release(&al);
        fx_replace(&a->coop.changed[CF_PARTNERS].at, "2026-01-12T08:00:00Z");
        fx_replace(&a->coop.changed[CF_PARTNERS].by, "bob");
    }
    return a;
}

/* The same with snapshot data (a snapshot taken from it). */
void fx_snapshot(struct assessment *a)
{
    a->snap = xcalloc(1, sizeof(*a->snap));
    a->snap->name = xstrdup(FX_SNAPSHOT);
    a->snap->taken_at = xstrdup(FX_NOW);
    a->snap->taken_by = xstrdup(FX_WHO);
    a->snap->note = xstrdup("F\xc3\xbcr die Kommission.\nZweite Zeile der Notiz.");
    a->snap->prev_name = xstrdup(FX_BASE);
    a->snap->complete = 1;
}

static void rate(struct assessment *a, const char *q, enum risk level, const char *why)
{
    struct cc_err err;
    size_t qi = q ? fx_qi(a->cat, q) : a->cat->nquestions;
    memset(&err, 0, sizeof(err));
    if (officer_rate(a, qi, level, why, "olga", FX_NOW, &err) != 0)
        fail_msg("rating %s: %s", q ? q : "overall", err.msg);
}

static unsigned add_measure(struct assessment *a, const char *what, const char *q,
                            const char *owner, const char *due, enum mstatus status)
{
    struct measure m;
    struct cc_err err;
    unsigned id = 0;
    memset(&m, 0, sizeof(m));
    memset(&err, 0, sizeof(err));
    m.what = (char *)what;
    m.owner = (char *)owner;
    m.due = (char *)due;
    m.status = status;
    strlist_push(&m.addresses, q);
    if (measure_add(a, &m, "olga", FX_NOW, &id, &err) != 0)
        fail_msg("measure \"%s\": %s", what, err.msg);
    strlist_release(&m.addresses);
    return id;
}

void fx_officer(struct assessment *a)
{
    struct decision d;
    struct cc_err err;

    rate(a, "q01", RISK_LOW, "Civil research, published openly.");
    rate(a, "q03", RISK_NONE, NULL);
    rate(a, "q04", RISK_MEDIUM, "Reagents from a single supplier in Suzhou.");
    rate(a, "q08", RISK_HIGH, "The partner's lab may work for the PLA: to be screened.");
    rate(a, "q12", RISK_LOW, NULL);
    rate(a, "q16", RISK_MEDIUM, NULL);
    rate(a, NULL, RISK_MEDIUM, "One high risk (question 8) until the partner is screened;\n"
                               "the others are mitigated.");
    add_measure(a, "Export control briefing for the whole team", "q12", "Ms M\xc3\xbcller",
                "2026-01-10", MS_IN_PLACE);
    add_measure(a, "Screen the partner's lab against the Entity List", "q08", "olga",
                "2026-01-18", MS_PLANNED);
    add_measure(a, "A separate network for the joint lab", "q17", NULL, "2026-06-30", MS_PLANNED);
    add_measure(a, "Travel laptops for the visit in 2025", "q17", NULL, NULL, MS_DONE);
    memset(&d, 0, sizeof(d));
    memset(&err, 0, sizeof(err));
    d.outcome = OUT_CONDITIONS;
    strlist_push(&d.conditions, "M1");
    strlist_push(&d.conditions, "M2");
    d.body = (char *)"Kommission f\xc3\xbcr Forschungssicherheit";
    d.date = (char *)"2026-01-14";
    d.why = (char *)"The cooperation may proceed once the partner's lab is screened.";
    if (decision_set(a, &d, "olga", FX_NOW, &err) != 0)
        fail_msg("decision: %s", err.msg);
    strlist_release(&d.conditions);
}

static void approve(struct assessment *w, const char *snap, const char *role, const char *name,
                    const char *date, const char *signer)
{
    struct approval ap;
    struct cc_err err;
    memset(&ap, 0, sizeof(ap));
    memset(&err, 0, sizeof(err));
    ap.snapshot = (char *)snap;
    ap.sha256 = (char *)"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    ap.role = (char *)role;
    ap.name = (char *)name;
    ap.date = (char *)date;
    ap.signer = (char *)signer;
    ap.signature = signer ? (char *)"-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n"
                                    "-----END SSH SIGNATURE-----\n" : NULL;
    if (approval_add(w, &ap, "olga", FX_NOW, &err) != 0)
        fail_msg("approval as %s: %s", role, err.msg);
}

static void check(struct fx_extra *e, size_t i, enum sig_state st, const char *why)
{
    e->checks[i].state = st;
    snprintf(e->checks[i].why, sizeof(e->checks[i].why), "%s", why);
}

void fx_extra_init(struct fx_extra *e, const struct catalog *cat)
{
    struct assessment *b, *w;
    memset(e, 0, sizeof(*e));
    /* the base: round 1's closing snapshot, three questions and the PI different */
    b = e->base = fx_assessment(cat);
    b->round = 1;
    fx_replace(&b->round_based_on, NULL);
    fx_set_text(b, "q01", "focus", "Quantensensorik (first ideas).");
    fx_set_text(b, "q03", "added_value", "");
    fx_set_yn(b, "q12", "icp", YN_YES);
    fx_replace(&b->coop.pi, "Prof. Dr. A. Vorg\xc3\xa4nger");
    b->snap = xcalloc(1, sizeof(*b->snap));
    b->snap->name = xstrdup(FX_BASE);
    b->snap->taken_at = xstrdup("2025-07-01T12:00:00Z");
    b->snap->taken_by = xstrdup(FX_WHO);
    b->snap->complete = 1;
    /* the working assessment holds the approvals of the snapshots */
    w = e->working = fx_assessment(cat);
    approve(w, FX_SNAPSHOT, "Research-security officer", "Dr. Anna Schmidt", "2026-01-16",
            "anna@example.org");
    approve(w, FX_SNAPSHOT, "PI", "Prof. Dr. J\xc3\xbcrgen Wei\xc3\x9f", "2026-01-16",
            "weiss@example.org");
    approve(w, FX_BASE, "PI", "Dr. Old Approver", "2025-07-02", NULL);
    approve(w, FX_SNAPSHOT, "Export control", "Ms M\xc3\xbcller", "2026-01-17", NULL);
    approve(w, FX_SNAPSHOT, "Data protection", "Mr Li Wei", "2026-01-19", "li@example.org");
    check(e, 0, SIG_VALID, "");
    check(e, 1, SIG_INVALID, "snapshot 2026-01-15-committee was changed after it was approved");
    check(e, 2, SIG_UNSIGNED, "");
    check(e, 3, SIG_UNSIGNED, "");
    check(e, 4, SIG_UNCHECKED, "no allowed_signers file to check it against "
                               "(/srv/coopcheck/allowed_signers)");
    strlist_push(&e->required, "PI");
    strlist_push(&e->required, "research-security officer");
    strlist_push(&e->required, "Legal office");
    e->x.base = e->base;
    e->x.approvals = w->approvals;
    e->x.napprovals = w->napprovals;
    e->x.checks = e->checks;
    e->x.required = &e->required;
    e->x.today = FX_TODAY;
}

void fx_extra_release(struct fx_extra *e)
{
    assessment_free(e->base);
    assessment_free(e->working);
    strlist_release(&e->required);
    memset(e, 0, sizeof(*e));
}
