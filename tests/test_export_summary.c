/* test_export_summary.c — the committee's one-page summary at the start of
 * every report (src/export_summary.c): the risk per section, the decision
 * and its conditions, open and overdue measures, the questions answered
 * "unsure" or flagged, the changes since the round's base snapshot, the
 * approvals of the snapshot with each signature state and the required
 * roles missing, dates in the report's language, the parts that are empty,
 * and the summary's page before the report.  The golden reports with the
 * summary, escaping and the PDF are tests/test_export.c's.
 *
 * The fixture is tests/support/exportfx.h's: the assessment, the officer's
 * records and the report's extra, built in code with fixed names and times. */
#include "testutil.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "export.h"
#include "exportfx.h"
#include "model.h"
#include "officer.h"
#include "textutil.h"

struct fx {
    struct catalog *cat;
    struct assessment *a;
    struct fx_extra e;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    char *path = tu_src_path("catalog/bmbf-china-2024.json");
    struct cc_err err;
    if (!f || catalog_load_file(path, &f->cat, NULL, &err) != 0) {
        free(path);
        free(f);
        return -1;
    }
    free(path);
    f->a = fx_assessment(f->cat);
    fx_officer(f->a);
    fx_extra_init(&f->e, f->cat);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    assessment_free(f->a);
    fx_extra_release(&f->e);
    catalog_free(f->cat);
    free(f);
    return 0;
}

/* ---- helpers ------------------------------------------------------------ */

static char *render_x(const struct assessment *a, const struct export_extra *x,
                      enum export_format fmt, enum lang lang)
{
    struct sbuf sb;
    sbuf_init(&sb);
    export_render(&sb, a, fmt, lang, FX_GENERATED, x);
    return sbuf_detach(&sb, NULL);
}

static char *render(const struct fx *f, enum export_format fmt)
{
    return render_x(f->a, &f->e.x, fmt, LANG_EN);
}

#define HAS(hay, needle)                                                                   \
    do {                                                                                   \
        const char *h_ = (hay), *n_ = (needle);                                            \
        if (!strstr(h_, n_))                                                               \
            fail_msg("the report lacks \"%s\":\n%.4000s", n_, h_);                         \
    } while (0)

#define LACKS(hay, needle)                                                                 \
    do {                                                                                   \
        const char *h_ = (hay), *n_ = (needle), *at_ = strstr(h_, n_);                     \
        if (at_)                                                                           \
            fail_msg("the report holds \"%s\": %.200s", n_, at_);                          \
    } while (0)

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* s with every run of white space as one space; caller frees. */
static char *squash(const char *s)
{
    char *out = xstrdup(s), *w = out;
    for (const char *r = s; *r; r++) {
        if (*r == ' ' || *r == '\n' || *r == '\t') {
            if (w > out && w[-1] != ' ')
                *w++ = ' ';
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return out;
}

/* needle is in hay once white space is collapsed (txt wraps lines). */
static int squashed_has(const char *hay, const char *needle)
{
    char *h = squash(hay), *n = squash(needle);
    int found = strstr(h, n) != NULL;
    free(h);
    free(n);
    return found;
}

/* The summary alone: from its heading to the page's end ("---" in md). */
static char *md_summary(const struct fx *f)
{
    char *out = render(f, EXPORT_MD), *start = strstr(out, "## Summary for the committee"),
         *end = start ? strstr(start, "\n---\n") : NULL, *s;
    if (!start || !end)
        fail_msg("no summary page in:\n%.2000s", out);
    s = xstrndup(start, (size_t)(end - start));
    free(out);
    return s;
}

/* ---- the risk per section ------------------------------------------------ */

static void test_risk_per_section(void **state)
{
    struct fx *f = *state;
    struct cc_err err;
    char *s = md_summary(f);
    HAS(s, "- **Overall risk:** medium\n- **Rationale:** One high risk (question 8) until the "
           "partner is screened;\\\n  the others are mitigated.\n");
    HAS(s, "| Section | Highest | no risk | low | medium | high | not rated |\n"
           "| --- | --- | ---: | ---: | ---: | ---: | ---: |\n"
           "| 1 Subject, goals and environment of the cooperation | medium | 1 | 1 | 1 | 0 | 4 |\n"
           "| 2 National security interests, legislation and the strategy of civil-military "
           "integration in China | high | 0 | 1 | 0 | 1 | 6 |\n"
           "| 3 Protecting one's own knowledge | medium | 0 | 0 | 1 | 0 | 1 |\n"
           "| 4 Academic freedom | not rated | 0 | 0 | 0 | 0 | 2 |\n"
           "| **All questions** | **high** | **1** | **2** | **2** | **1** | **13** |\n");
    free(s);
    /* a rating changes its section's row and the total */
    assert_int_equal(officer_rate(f->a, fx_qi(f->cat, "q19"), RISK_HIGH, "Pressure on students",
                                  "olga", FX_NOW, &err), 0);
    assert_int_equal(officer_rate(f->a, fx_qi(f->cat, "q08"), RISK_LOW, NULL, "olga", FX_NOW,
                                  &err), 0);
    s = md_summary(f);
    HAS(s, "| 2 National security interests, legislation and the strategy of civil-military "
           "integration in China | low | 0 | 2 | 0 | 0 | 6 |\n");
    HAS(s, "| 4 Academic freedom | high | 0 | 0 | 0 | 1 | 1 |\n");
    HAS(s, "| **All questions** | **high** | **1** | **3** | **2** | **1** | **12** |\n");
    free(s);
}

/* Nothing rated, decided or registered: one "none" line each, no table. */
static void test_empty_parts(void **state)
{
    struct fx *f = *state;
    struct assessment *bare = fx_assessment(f->cat);
    char *s = render_x(bare, &f->e.x, EXPORT_MD, LANG_EN), *html;
    HAS(s, "### Risk per section\n\nnone: no question is rated yet\n");
    LACKS(s, "| Section |");
    HAS(s, "- **Overall risk:** not rated\n");
    LACKS(s, "**Rationale:**");
    HAS(s, "### Decision\n\nnone: no decision is recorded\n");
    HAS(s, "### Open measures\n\nnone: the register holds no measure\n");
    free(s);
    html = render_x(bare, &f->e.x, EXPORT_HTML, LANG_EN);
    LACKS(html, "<table class=\"grid\">");
    LACKS(html, "<ul>");
    free(html);
    /* only measures done or dropped */
    for (size_t i = 0; i < f->a->nmeasures; i++)
        f->a->measures[i].status = i % 2 ? MS_DONE : MS_DROPPED;
    s = md_summary(f);
    HAS(s, "### Open measures\n\nnone open: the register's 4 measures are done or dropped\n");
    free(s);
    assessment_free(bare);
}

/* ---- the decision and the measures ---------------------------------------- */

static void test_decision_with_conditions(void **state)
{
    struct fx *f = *state;
    char *s = md_summary(f);
    HAS(s, "### Decision\n\n"
           "- **Outcome:** proceed with conditions\n"
           "- **Decided by:** Kommission f\xc3\xbcr Forschungssicherheit\n"
           "- **Date:** 14 January 2026\n"
           "- **Rationale:** The cooperation may proceed once the partner's lab is screened.\n"
           "- **Conditions:** M1 Export control briefing for the whole team (in place; owner: "
           "Ms M\xc3\xbcller; due 10 January 2026)\\\n"
           "  M2 Screen the partner's lab against the Entity List (planned; owner: olga; due 18 "
           "January 2026; OVERDUE)\n");
    free(s);
    /* a decision of an earlier round says so; a condition no longer in the register too */
    f->a->round = 3;
    f->a->measures[1].id = 7;
    s = md_summary(f);
    HAS(s, "- **Outcome:** proceed with conditions (of round 2)\n");
    HAS(s, "\\\n  M2 (not in the register)\n");
    free(s);
}

static void test_overdue_measures(void **state)
{
    struct fx *f = *state;
    char *s = md_summary(f);
    HAS(s, "### Open measures\n\n"
           "* M1 Export control briefing for the whole team (in place; owner: Ms M\xc3\xbcller; due "
           "10 January 2026)\n"
           "* M2 Screen the partner's lab against the Entity List (planned; owner: olga; due 18 "
           "January 2026; OVERDUE)\n"
           "* M3 A separate network for the joint lab (planned; due 30 June 2026)\n\n");
    LACKS(s, "Travel laptops");   /* M4 is done */
    assert_int_equal(count(s, "OVERDUE"), 2);   /* the condition and the open measure */
    free(s);
    /* before M2's due date nothing is overdue */
    f->e.x.today = "2026-01-17";
    s = md_summary(f);
    assert_int_equal(count(s, "OVERDUE"), 0);
    free(s);
    /* without today, the day the report is generated (2026-01-20) */
    f->e.x.today = NULL;
    s = md_summary(f);
    assert_int_equal(count(s, "OVERDUE"), 2);
    free(s);
}

/* ---- questions ------------------------------------------------------------ */

static void test_unsure_and_flagged(void **state)
{
    struct fx *f = *state;
    char *s = md_summary(f);
    /* q04 (a field unsure), q14 (unsure with a note), q17; flagged q03, q08 */
    HAS(s, "- **Answered \"unsure\":** 4 Dependencies and alternatives; 14 US export control law; "
           "17 Information security\n"
           "- **Flagged for follow-up:** 3 Added value of the cooperation; 8 Civil-military fusion\n");
    free(s);
    fx_set_yn(f->a, "q04", "partner_dep_on_de", YN_NO);
    fx_set_yn(f->a, "q14", "informed", YN_YES);
    fx_set_yn(f->a, "q17", "infosec", YN_YES);
    assessment_set_followup(f->a, fx_qi(f->cat, "q03"), 0, FX_WHO, FX_NOW);
    s = md_summary(f);
    HAS(s, "- **Answered \"unsure\":** none\n- **Flagged for follow-up:** 8 Civil-military "
           "fusion\n");
    free(s);
    assessment_set_followup(f->a, fx_qi(f->cat, "q08"), 0, FX_WHO, FX_NOW);
    s = md_summary(f);
    HAS(s, "### Questions to follow up\n\nnone: no question is answered \"unsure\" or flagged for "
           "follow-up\n");
    free(s);
}

/* ---- changes since the base ------------------------------------------------ */

static void test_changes_since_base(void **state)
{
    struct fx *f = *state;
    char *s = md_summary(f);
    HAS(s, "### Changes since the previous round\n\n"
           "- **Compared with:** snapshot 2025-07-01-round1 of 1 July 2025 (round 1)\n"
           "- **Questions changed:** 3 of 19: 1, 3, 12\n"
           "- **Cooperation data changed:** Principal investigator\n");
    free(s);
    /* the same answers as the base: nothing changed */
    fx_set_text(f->e.base, "q01", "focus",
                "Quantensensorik f\xc3\xbcr Br\303\274ckenmonitoring.\nPr\303\274fst\xc3\xa4nde in "
                "J\xc3\xbclich.");
    fx_set_text(f->e.base, "q03", "added_value", f->a->q[fx_qi(f->cat, "q03")].f[0].text);
    fx_set_yn(f->e.base, "q12", "icp", YN_NO);
    fx_replace(&f->e.base->coop.pi, f->a->coop.pi);
    s = md_summary(f);
    HAS(s, "- **Questions changed:** none\n");
    LACKS(s, "Cooperation data changed");
    free(s);
}

static void test_changes_unavailable(void **state)
{
    struct fx *f = *state;
    struct export_extra x = f->e.x;
    char *s;
    /* the base did not load */
    x.base = NULL;
    x.base_problem = "cannot read snapshot 2025-07-01-round1: No such file or directory";
    s = render_x(f->a, &x, EXPORT_TXT, LANG_EN);
    if (!squashed_has(s, "The comparison with snapshot 2025-07-01-round1 is unavailable: cannot "
                         "read snapshot 2025-07-01-round1: No such file or directory"))
        fail_msg("the comparison's problem is not said:\n%.3000s", s);
    HAS(s, "Question 19: Handling influence incidents");   /* the report is all there */
    free(s);
    /* not given */
    x.base_problem = NULL;
    s = render_x(f->a, &x, EXPORT_MD, LANG_EN);
    HAS(s, "\nThe comparison with snapshot 2025-07-01-round1 is not part of this report.\n");
    free(s);
    /* a base of another catalogue: the diff refuses, the summary says why */
    x.base = f->e.base;
    fx_replace(&f->e.base->catalog_id, "other-catalogue");
    s = render_x(f->a, &x, EXPORT_MD, LANG_EN);
    HAS(s, "The comparison with snapshot 2025-07-01-round1 is unavailable: ");
    LACKS(s, "**Questions changed:**");
    free(s);
    /* the first round has no base */
    f->a->round = 1;
    fx_replace(&f->a->round_based_on, NULL);
    s = render_x(f->a, &x, EXPORT_MD, LANG_EN);
    HAS(s, "### Changes since the previous round\n\nnone: this is the first round\n");
    free(s);
}

/* ---- approvals -------------------------------------------------------------- */

static void test_approvals_each_state(void **state)
{
    struct fx *f = *state;
    char *s;
    fx_snapshot(f->a);
    s = md_summary(f);
    HAS(s, "### Approvals\n\n"
           "* Research-security officer: Dr. Anna Schmidt, 16 January 2026 \xe2\x80\x94 signature "
           "valid\n"
           "* PI: Prof. Dr. J\xc3\xbcrgen Wei\xc3\x9f, 16 January 2026 \xe2\x80\x94 "
           "INVALID: snapshot 2026-01-15-committee was changed after it was approved\n"
           "* Export control: Ms M\xc3\xbcller, 17 January 2026 \xe2\x80\x94 unsigned\n"
           "* Data protection: Mr Li Wei, 19 January 2026 \xe2\x80\x94 signature not checked: no "
           "allowed\\_signers file to check it against (/srv/coopcheck/allowed\\_signers)\n");
    LACKS(s, "Dr. Old Approver");   /* an approval of another snapshot */
    free(s);
    /* not checked at all: signed ones "not checked", the others "unsigned" */
    f->e.x.checks = NULL;
    s = md_summary(f);
    HAS(s, "* Research-security officer: Dr. Anna Schmidt, 16 January 2026 \xe2\x80\x94 signature "
           "not checked\n");
    HAS(s, "* Export control: Ms M\xc3\xbcller, 17 January 2026 \xe2\x80\x94 unsigned\n");
    LACKS(s, "INVALID");
    free(s);
    /* the approvals could not be read */
    f->e.x.approvals_problem = "cannot read the working assessment";
    s = md_summary(f);
    HAS(s, "### Approvals\n\nThe approvals could not be read: cannot read the working "
           "assessment\n");
    free(s);
    /* none of this snapshot */
    f->e.x.approvals_problem = NULL;
    fx_replace(&f->a->snap->name, "2026-02-01-other");
    s = md_summary(f);
    HAS(s, "### Approvals\n\nnone recorded for this snapshot\n");
    free(s);
}

static void test_missing_required_roles(void **state)
{
    struct fx *f = *state;
    char *s;
    fx_snapshot(f->a);
    /* "research-security officer" matches "Research-security officer" */
    s = md_summary(f);
    HAS(s, "\n- **Missing required roles:** Legal office\n");
    free(s);
    strlist_release(&f->e.required);
    strlist_push(&f->e.required, "pi");
    strlist_push(&f->e.required, "Export control");
    s = md_summary(f);
    HAS(s, "\n- **Missing required roles:** none\n");
    free(s);
    strlist_release(&f->e.required);
    s = md_summary(f);
    LACKS(s, "Missing required roles");
    free(s);
    /* the working assessment: approvals are of snapshots */
    strlist_push(&f->e.required, "Legal office");
    {
        struct assessment *w = fx_assessment(f->cat);
        fx_officer(w);
        s = render_x(w, &f->e.x, EXPORT_MD, LANG_EN);
        HAS(s, "### Approvals\n\nnone: approvals are given to snapshots, and this report is of the "
               "working assessment\n");
        LACKS(s, "Missing required roles");
        LACKS(s, "Dr. Anna Schmidt");
        free(s);
        assessment_free(w);
    }
}

/* ---- dates ------------------------------------------------------------------ */

static void test_dates_in_the_reports_language(void **state)
{
    struct fx *f = *state;
    char *de, *en;
    fx_snapshot(f->a);
    fx_replace(&f->a->decision.date, "2026-03-01");
    de = render_x(f->a, &f->e.x, EXPORT_TXT, LANG_DE);
    en = render_x(f->a, &f->e.x, EXPORT_TXT, LANG_EN);
    HAS(de, "20. Januar 2026, 08:30 UTC");    /* generated */
    HAS(de, "1. M\xc3\xa4rz 2026");            /* the decision */
    HAS(de, "16. Januar 2026");               /* an approval */
    HAS(de, "30. Juni 2026");                 /* a due date */
    HAS(de, "vom 15. Januar");                /* the snapshot (its year wraps) */
    HAS(de, "1. Juli 2025");                  /* the base snapshot */
    LACKS(de, "January");
    HAS(en, "20 January 2026, 08:30 UTC");
    HAS(en, "1 March 2026");
    HAS(en, "30 June 2026");
    LACKS(en, "Januar ");
    /* the report's own blocks keep their ISO times */
    HAS(en, "Generated at:             2026-01-20T08:30:00Z\n");
    free(de);
    free(en);
}

/* ---- the page -------------------------------------------------------------- */

/* In every format the summary comes first, its page ends, then the report
 * as before. */
static void test_summary_page_first(void **state)
{
    struct fx *f = *state;
    static const struct {
        enum export_format fmt;
        const char *summary, *page_end, *report;
    } v[] = {
        { EXPORT_MD, "## Summary for the committee", "\n---\n", "\n## Cooperation\n" },
        { EXPORT_TXT, "Summary for the committee\n=====", "\n======================================"
                                                         "========================================\n",
          "\nCooperation\n===" },
        { EXPORT_HTML, "<h2>Summary for the committee</h2>", "<hr class=\"page\">",
          "<h2>Cooperation</h2>" },
        { EXPORT_ROFF, ".SH \"Summary for the committee\"", ".SS \"Approvals\"",
          ".SH \"Cooperation\"" },
        { EXPORT_MS, ".SH 1\nSummary for the committee\n", "\n.bp\n", ".SH 1\nCooperation\n" },
    };
    for (size_t i = 0; i < CC_ARRAY_LEN(v); i++) {
        char *out = render(f, v[i].fmt);
        const char *s = strstr(out, v[i].summary), *e = s ? strstr(s, v[i].page_end) : NULL,
                   *r = e ? strstr(e, v[i].report) : NULL;
        if (!s || !e || !r)
            fail_msg("format %zu: summary %p, its page's end %p, then the report %p", i,
                     (const void *)s, (const void *)e, (const void *)r);
        assert_int_equal(count(out, v[i].summary), 1);
        free(out);
    }
}

/* Without any extra the summary says what it lacks. */
static void test_no_extra(void **state)
{
    struct fx *f = *state;
    static const enum export_format fmts[] = { EXPORT_MD, EXPORT_TXT, EXPORT_ROFF, EXPORT_HTML,
                                               EXPORT_MS };
    char *s;
    fx_snapshot(f->a);
    for (size_t i = 0; i < CC_ARRAY_LEN(fmts); i++) {
        s = render_x(f->a, NULL, fmts[i], LANG_EN);
        if (!squashed_has(s, "The comparison with snapshot 2025-07-01-round1 is not part "
                                       "of this report."))
            fail_msg("format %zu lacks the comparison's absence:\n%.3000s", i, s);
        HAS(s, "none recorded for this snapshot");
        HAS(s, "OVERDUE");   /* today is the day it was generated */
        free(s);
    }
}

/* A word longer than the line in the summary: txt still fits 78 columns. */
static void test_txt_width_long_words(void **state)
{
    struct fx *f = *state;
    char *txt;
    fx_snapshot(f->a);
    fx_replace(&f->a->measures[2].what, "A-measure-whose-name-is-one-single-word-far-longer-than-"
                                        "any-line-of-the-plain-text-report-could-ever-be");
    fx_replace(&f->e.working->approvals[1].name, "Prof.-Dr.-Name-Without-Any-Space-At-All-"
                                                 "That-Goes-On-And-On");
    txt = render(f, EXPORT_TXT);
    for (char *p = txt; *p;) {
        size_t len = strcspn(p, "\n");
        char save = p[len];
        p[len] = '\0';
        if (text_width(p) > 78)
            fail_msg("line wider than 78 columns (%zu): %s", text_width(p), p);
        p[len] = save;
        p += len + (save ? 1 : 0);
    }
    HAS(txt, "A-measure-whose-name");
    free(txt);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_risk_per_section),
        T(test_empty_parts),
        T(test_decision_with_conditions),
        T(test_overdue_measures),
        T(test_unsure_and_flagged),
        T(test_changes_since_base),
        T(test_changes_unavailable),
        T(test_approvals_each_state),
        T(test_missing_required_roles),
        T(test_dates_in_the_reports_language),
        T(test_summary_page_first),
        T(test_no_extra),
        T(test_txt_width_long_words),
    };
    if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "C.utf8")) {
        fprintf(stderr, "test_export_summary: no C.UTF-8 locale\n");
        return 1;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
