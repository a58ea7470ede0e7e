/* export_summary.c — the committee's one-page summary at the start of every
 * report (see export.h), and the signature block at the end of the formats
 * that have one (ms).
 *
 * Like the rest of the driver it composes raw text — catalogue strings, the
 * officer's records, words in the report's language — and hands it to the
 * emitter's operations and blocks, which escape it for their format.  A part
 * with nothing to show is one short "none" paragraph, never an empty table
 * or list.  What the assessment does not hold (the round's base snapshot,
 * the approvals and their checks, the required roles, today) comes from the
 * caller's struct export_extra; each part says so when it is missing. */
#include "export_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "approvals.h"
#include "cctime.h"
#include "diff.h"
#include "i18n.h"
#include "officer.h"
#include "sign.h"
#include "words.h"

/* ---- dates in words ----------------------------------------------------- */

/* The report's language is not gettext's business alone: a German report
 * has German month names whatever the catalogue of messages holds. */
static const char *const month_names[LANG_COUNT][12] = {
    [LANG_DE] = { "Januar", "Februar", "M\xc3\xa4rz", "April", "Mai", "Juni", "Juli", "August",
                  "September", "Oktober", "November", "Dezember" },
    [LANG_EN] = { "January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December" },
};

void export_date(struct sbuf *out, const char *iso, enum lang lang, int with_time)
{
    char day[11];
    time_t t;
    int y, m, d;
    if (!iso || strlen(iso) < 10 || (iso[10] && iso[10] != 'T')) {
        sbuf_adds(out, iso ? iso : "");
        return;
    }
    memcpy(day, iso, 10);
    day[10] = '\0';
    if (cc_parse_date(day, &y, &m, &d) != 0 || (iso[10] && cc_parse_iso_utc(iso, &t) != 0)) {
        sbuf_adds(out, iso);
        return;
    }
    if ((unsigned)lang >= LANG_COUNT)
        lang = LANG_EN;
    /* "1. Dezember 2026" in German, "1 December 2026" in English */
    sbuf_addf(out, lang == LANG_DE ? "%d. %s %d" : "%d %s %d", d, month_names[lang][m - 1], y);
    if (with_time && iso[10] == 'T')
        sbuf_addf(out, ", %.5s UTC", iso + 11);
}

/* export_date into a new string (caller frees). */
static char *date_words(const struct rctx *c, const char *iso, int with_time)
{
    struct sbuf sb;
    sbuf_init(&sb);
    export_date(&sb, iso, c->lang, with_time);
    return sbuf_detach(&sb, NULL);
}

/* ---- tables ------------------------------------------------------------- */

void rtable_init(struct rtable *t, size_t ncols, const char *align)
{
    memset(t, 0, sizeof(*t));
    t->ncols = ncols;
    t->align = align;
}

void rtable_row(struct rtable *t, const char *const *cells)
{
    for (size_t i = 0; i < t->ncols; i++)
        strlist_push(&t->cells, cells[i] ? cells[i] : "");
    t->nrows++;
}

void rtable_release(struct rtable *t)
{
    strlist_release(&t->head);
    strlist_release(&t->cells);
    memset(t, 0, sizeof(*t));
}

/* ---- pieces ------------------------------------------------------------- */

static const char *today_or_null(const struct rctx *c)
{
    return c->today[0] ? c->today : NULL;
}

/* "4 Dependencies and alternatives" */
static void question_ref(struct sbuf *sb, const struct rctx *c, size_t qi)
{
    const struct cat_question *q = &c->a->cat->questions[qi];
    sbuf_addf(sb, "%d %s", q->number, l10n_get(&q->title, c->lang));
}

/* "M2 Briefing of the team (planned; owner: X; due 1 December 2026; OVERDUE)" */
static void measure_text(struct sbuf *sb, const struct rctx *c, const struct measure *m)
{
    char label[16];
    measure_label(m->id, label);
    sbuf_addf(sb, "%s %s (%s", label, m->what ? m->what : "", mstatus_word(m->status));
    if (m->owner)
        /* TRANSLATORS: who is responsible for a measure, in the report's summary */
        sbuf_addf(sb, _("; owner: %s"), m->owner);
    if (m->due) {
        char *due = date_words(c, m->due, 0);
        /* TRANSLATORS: a measure's due date in the summary, "; due 1 December 2026" */
        sbuf_addf(sb, _("; due %s"), due);
        free(due);
    }
    if (measure_overdue(m, today_or_null(c)))
        /* TRANSLATORS: a planned measure whose due date has passed (capitals stand out) */
        sbuf_addf(sb, "; %s", _("OVERDUE"));
    sbuf_addc(sb, ')');
}

/* The value of a label/value line that may be empty. */
static const char *or_none(const struct rctx *c, const struct sbuf *sb)
{
    return sb->len ? sb->buf : c->L->none;
}

/* ---- the parts ---------------------------------------------------------- */

static void part_cooperation(const struct emitter *em, struct rctx *c)
{
    const struct assessment *a = c->a;
    const struct labels *L = c->L;
    char *partners = coop_field_text(a, CF_PARTNERS);
    struct sbuf sb;

    sbuf_init(&sb);
    em->heading(c, _("Summary for the committee"));
    sbuf_addf(&sb, "%s \xe2\x80\x94 %s", a->coop.id ? a->coop.id : "", a->coop.title ? a->coop.title : "");
    em->kv(c, L->sec_coop, sb.buf, 0);
    em->kv(c, L->partners, partners ? partners : L->not_given, 0);
    free(partners);
    sbuf_reset(&sb);
    if (a->snap) {
        char *taken = date_words(c, a->snap->taken_at, 0);
        /* TRANSLATORS: the round of a report of a snapshot: "2; snapshot NAME of DATE, complete"
         * (or "interim") */
        sbuf_addf(&sb, _("%d; snapshot %s of %s, %s"), a->round,
                  a->snap->name ? a->snap->name : "?", taken,
                  a->snap->complete ? _("complete") : _("interim"));
        free(taken);
    } else {
        sbuf_addf(&sb, _("%d; the working assessment, not a snapshot"), a->round);
    }
    em->kv(c, L->round, sb.buf, 0);
    sbuf_reset(&sb);
    export_date(&sb, c->generated_at, c->lang, 1);
    em->kv(c, L->generated, or_none(c, &sb), 0);
    sbuf_reset(&sb);
    sbuf_adds(&sb, risk_word(a->overall.level));
    if (a->overall.review)
        sbuf_addf(&sb, " (%s)", _("carried over from the last round, to review"));
    em->kv(c, _("Overall risk"), sb.buf, 0);
    if (a->overall.why)
        em->kv(c, _("Rationale"), a->overall.why, 1);
    em->kv_end(c);
    sbuf_release(&sb);
}

static void tally_row(struct rtable *t, const char *name, const struct risk_tally *r)
{
    static const enum risk order[] = { RISK_NONE, RISK_LOW, RISK_MEDIUM, RISK_HIGH,
                                       RISK_UNRATED };
    char num[CC_ARRAY_LEN(order)][24];
    const char *cells[2 + CC_ARRAY_LEN(order)];
    cells[0] = name;
    cells[1] = risk_word(r->highest);
    for (size_t i = 0; i < CC_ARRAY_LEN(order); i++) {
        snprintf(num[i], sizeof(num[i]), "%zu", r->count[order[i]]);
        cells[2 + i] = num[i];
    }
    rtable_row(t, cells);
}

static void part_risk(const struct blocks *bl, struct rctx *c)
{
    const struct catalog *cat = c->a->cat;
    struct risk_tally all;
    struct rtable t;
    struct sbuf sb;

    bl->subheading(c, _("Risk per section"));
    officer_tally(c->a, cat->nsections, &all);
    if (all.count[RISK_UNRATED] == cat->nquestions) {
        bl->para(c, _("none: no question is rated yet"));
        return;
    }
    rtable_init(&t, 7, "llrrrrr");
    t.total = 1;
    strlist_push(&t.head, _("Section"));
    strlist_push(&t.head, _("Highest"));
    strlist_push(&t.head, risk_word(RISK_NONE));
    strlist_push(&t.head, risk_word(RISK_LOW));
    strlist_push(&t.head, risk_word(RISK_MEDIUM));
    strlist_push(&t.head, risk_word(RISK_HIGH));
    strlist_push(&t.head, risk_word(RISK_UNRATED));
    sbuf_init(&sb);
    for (size_t s = 0; s < cat->nsections; s++) {
        struct risk_tally r;
        officer_tally(c->a, s, &r);
        sbuf_reset(&sb);
        sbuf_addf(&sb, "%zu %s", s + 1, l10n_get(&cat->sections[s].title, c->lang));
        tally_row(&t, sb.buf, &r);
    }
    tally_row(&t, _("All questions"), &all);
    bl->table(c, &t);
    rtable_release(&t);
    sbuf_release(&sb);
}

/* The conditions of the decision, one a line: the measures they name. */
static void conditions_text(struct sbuf *sb, const struct rctx *c)
{
    const struct strlist *l = &c->a->decision.conditions;
    for (size_t i = 0; i < l->n; i++) {
        const struct measure *m = measure_find(c->a, measure_id_parse(l->v[i]));
        if (i)
            sbuf_addc(sb, '\n');
        if (m)
            measure_text(sb, c, m);
        else
            /* TRANSLATORS: a condition naming a measure the register no longer has */
            sbuf_addf(sb, _("%s (not in the register)"), l->v[i]);
    }
}

static void part_decision(const struct emitter *em, const struct blocks *bl, struct rctx *c)
{
    const struct decision *d = &c->a->decision;
    struct sbuf sb;

    bl->subheading(c, _("Decision"));
    if (d->outcome == OUT_NONE) {
        bl->para(c, _("none: no decision is recorded"));
        return;
    }
    sbuf_init(&sb);
    sbuf_adds(&sb, outcome_word(d->outcome));
    if (d->round != c->a->round)
        /* TRANSLATORS: the decision shown is an earlier round's */
        sbuf_addf(&sb, _(" (of round %d)"), d->round);
    em->kv(c, _("Outcome"), sb.buf, 0);
    em->kv(c, _("Decided by"), d->body ? d->body : c->L->not_given, 0);
    sbuf_reset(&sb);
    export_date(&sb, d->date, c->lang, 0);
    /* TRANSLATORS: the date of the decision, a label in the summary */
    em->kv(c, _("Date"), sb.len ? sb.buf : c->L->not_given, 0);
    em->kv(c, _("Rationale"), d->why ? d->why : c->L->not_given, 1);
    if (d->conditions.n) {
        sbuf_reset(&sb);
        conditions_text(&sb, c);
        em->kv(c, _("Conditions"), sb.buf, 1);
    }
    em->kv_end(c);
    sbuf_release(&sb);
}

static void part_measures(const struct blocks *bl, struct rctx *c)
{
    const struct assessment *a = c->a;
    struct strlist items = { 0 };
    struct sbuf sb;

    bl->subheading(c, _("Open measures"));
    sbuf_init(&sb);
    for (size_t i = 0; i < a->nmeasures; i++) {
        const struct measure *m = &a->measures[i];
        if (m->status != MS_PLANNED && m->status != MS_IN_PLACE)
            continue;
        sbuf_reset(&sb);
        measure_text(&sb, c, m);
        strlist_push(&items, sb.buf);
    }
    if (items.n) {
        bl->items(c, &items);
    } else if (a->nmeasures == 0) {
        bl->para(c, _("none: the register holds no measure"));
    } else {
        sbuf_reset(&sb);
        sbuf_addf(&sb, P_("none open: the register's %zu measure is done or dropped",
                          "none open: the register's %zu measures are done or dropped",
                          a->nmeasures), a->nmeasures);
        bl->para(c, sb.buf);
    }
    strlist_release(&items);
    sbuf_release(&sb);
}

/* 1 when a yes/no field of question qi that is asked is answered "unsure". */
static int question_unsure(const struct assessment *a, size_t qi)
{
    const struct cat_question *q = &a->cat->questions[qi];
    for (size_t f = 0; f < q->nfields && f < a->q[qi].nf; f++)
        if (q->fields[f].type == FIELD_YESNO && a->q[qi].f[f].yn == YN_UNSURE &&
            field_applies(a, qi, f))
            return 1;
    return 0;
}

static void part_questions(const struct emitter *em, const struct blocks *bl, struct rctx *c)
{
    const struct assessment *a = c->a;
    struct sbuf unsure, flagged;

    sbuf_init(&unsure);
    sbuf_init(&flagged);
    for (size_t qi = 0; qi < a->cat->nquestions; qi++) {
        if (question_unsure(a, qi)) {
            if (unsure.len)
                sbuf_adds(&unsure, "; ");
            question_ref(&unsure, c, qi);
        }
        if (a->q[qi].followup) {
            if (flagged.len)
                sbuf_adds(&flagged, "; ");
            question_ref(&flagged, c, qi);
        }
    }
    bl->subheading(c, _("Questions to follow up"));
    if (!unsure.len && !flagged.len) {
        bl->para(c, _("none: no question is answered \"unsure\" or flagged for follow-up"));
    } else {
        em->kv(c, _("Answered \"unsure\""), or_none(c, &unsure), 0);
        em->kv(c, c->L->followup, or_none(c, &flagged), 0);
        em->kv_end(c);
    }
    sbuf_release(&unsure);
    sbuf_release(&flagged);
}

/* The diff's summary against the round's base: which questions changed. */
static void changes_found(const struct emitter *em, struct rctx *c, const struct assessment_diff *d)
{
    const struct assessment *a = c->a, *base = c->x->base;
    struct sbuf sb, list;

    sbuf_init(&sb);
    sbuf_init(&list);
    {
        char *taken = date_words(c, base->snap ? base->snap->taken_at : NULL, 0);
        /* TRANSLATORS: what the round is compared with: "snapshot NAME of DATE (round 1)" */
        sbuf_addf(&sb, _("snapshot %s of %s (round %d)"), a->round_based_on, taken, base->round);
        free(taken);
    }
    em->kv(c, _("Compared with"), sb.buf, 0);
    for (size_t qi = 0; qi < d->cat->nquestions; qi++)
        if (d->q[qi].changed)
            sbuf_addf(&list, "%s%d", list.len ? ", " : "", d->cat->questions[qi].number);
    sbuf_reset(&sb);
    if (d->sum.changed)
        /* TRANSLATORS: "3 of 19: 1, 4, 12" (how many questions changed, of how many; which) */
        sbuf_addf(&sb, P_("%zu of %zu: %s", "%zu of %zu: %s", d->sum.changed), d->sum.changed,
                  d->cat->nquestions, list.buf);
    em->kv(c, _("Questions changed"), or_none(c, &sb), 0);
    if (d->ncoop) {
        sbuf_reset(&sb);
        for (size_t i = 0; i < d->ncoop; i++)
            sbuf_addf(&sb, "%s%s", i ? ", " : "", coop_field_label(d->coop[i].field));
        em->kv(c, _("Cooperation data changed"), sb.buf, 0);
    }
    em->kv_end(c);
    sbuf_release(&sb);
    sbuf_release(&list);
}

static void part_changes(const struct emitter *em, const struct blocks *bl, struct rctx *c)
{
    const struct assessment *a = c->a;
    struct assessment_diff d;
    struct cc_err err;
    struct sbuf sb;

    bl->subheading(c, _("Changes since the previous round"));
    if (!a->round_based_on) {
        bl->para(c, a->round <= 1 ? _("none: this is the first round")
                                  : _("none: the round is not based on a snapshot"));
        return;
    }
    sbuf_init(&sb);
    memset(&err, 0, sizeof(err));
    if (!c->x->base) {
        if (c->x->base_problem)
            sbuf_addf(&sb, _("The comparison with snapshot %s is unavailable: %s"),
                      a->round_based_on, c->x->base_problem);
        else
            sbuf_addf(&sb, _("The comparison with snapshot %s is not part of this report."),
                      a->round_based_on);
        bl->para(c, sb.buf);
    } else if (assessment_diff(c->x->base, a, &d, &err) != 0) {
        sbuf_addf(&sb, _("The comparison with snapshot %s is unavailable: %s"), a->round_based_on,
                  err.msg);
        bl->para(c, sb.buf);
    } else {
        changes_found(em, c, &d);
        assessment_diff_release(&d);
    }
    sbuf_release(&sb);
}

/* The signature state of approval i of the caller's list: its check, else
 * "not checked" for a signed one and "unsigned" for the others. */
static enum sig_state approval_state(const struct rctx *c, size_t i, const char **why)
{
    const struct approval *ap = &c->x->approvals[i];
    *why = "";
    if (c->x->checks) {
        *why = c->x->checks[i].why;
        return c->x->checks[i].state;
    }
    return ap->signature ? SIG_UNCHECKED : SIG_UNSIGNED;
}

static int approval_shown(const struct rctx *c, size_t i)
{
    const char *snap = c->a->snap ? c->a->snap->name : NULL;
    return snap && c->x->approvals[i].snapshot && strcmp(c->x->approvals[i].snapshot, snap) == 0;
}

/* The caller's approvals as an assessment's, for the core's rule of which
 * required roles are missing (approval_missing reads nothing else of the
 * assessment, and writes nothing). */
static void approvals_view(const struct rctx *c, struct assessment *view)
{
    memset(view, 0, sizeof(*view));
    view->approvals = (struct approval *)c->x->approvals;
    view->napprovals = c->x->approvals ? c->x->napprovals : 0;
}

/* The required roles the snapshot has no approval for, ", " between them. */
static void missing_roles(const struct rctx *c, struct sbuf *out)
{
    struct assessment view;
    approvals_view(c, &view);
    approvals_missing_text(&view, c->a->snap->name, c->x->required, out);
}

static void part_approvals(const struct emitter *em, const struct blocks *bl, struct rctx *c)
{
    struct strlist items = { 0 };
    struct sbuf sb;

    bl->subheading(c, _("Approvals"));
    if (!c->a->snap) {
        bl->para(c, _("none: approvals are given to snapshots, and this report is of the "
                      "working assessment"));
        return;
    }
    sbuf_init(&sb);
    for (size_t i = 0; c->x->approvals && i < c->x->napprovals; i++) {
        const struct approval *ap = &c->x->approvals[i];
        const char *why;
        char *date;
        enum sig_state st;
        if (!approval_shown(c, i))
            continue;
        st = approval_state(c, i, &why);
        date = date_words(c, ap->date, 0);
        sbuf_reset(&sb);
        /* TRANSLATORS: an approval in the summary: "PI: Prof. X, 1 December 2026 — signature
         * valid" (role, name, date, the signature's state) */
        sbuf_addf(&sb, _("%s: %s, %s \xe2\x80\x94 %s"), ap->role ? ap->role : "?",
                  ap->name ? ap->name : "?", date, sig_state_word(st));
        free(date);
        if (why && *why && st != SIG_VALID && st != SIG_UNSIGNED)
            sbuf_addf(&sb, ": %s", why);
        strlist_push(&items, sb.buf);
    }
    if (c->x->approvals_problem) {
        sbuf_reset(&sb);
        sbuf_addf(&sb, _("The approvals could not be read: %s"), c->x->approvals_problem);
        bl->para(c, sb.buf);
    } else if (items.n) {
        bl->items(c, &items);
    } else {
        bl->para(c, _("none recorded for this snapshot"));
    }
    if (c->x->required && c->x->required->n) {
        sbuf_reset(&sb);
        missing_roles(c, &sb);
        em->kv(c, _("Missing required roles"), or_none(c, &sb), 0);
        em->kv_end(c);
    }
    strlist_release(&items);
    sbuf_release(&sb);
}

void render_committee_summary(const struct emitter *em, const struct blocks *bl, struct rctx *c)
{
    part_cooperation(em, c);
    part_risk(bl, c);
    part_decision(em, bl, c);
    part_measures(bl, c);
    part_questions(em, bl, c);
    part_changes(em, bl, c);
    part_approvals(em, bl, c);
}

/* ---- the signature block ------------------------------------------------ */

static void signature_rows(struct rctx *c, struct rtable *t)
{
    struct strlist missing = { 0 };
    struct sbuf date;
    sbuf_init(&date);
    for (size_t i = 0; c->x->approvals && i < c->x->napprovals; i++) {
        const struct approval *ap = &c->x->approvals[i];
        const char *why, *cells[4];
        if (!approval_shown(c, i))
            continue;
        sbuf_reset(&date);
        export_date(&date, ap->date, c->lang, 0);
        cells[0] = ap->role;
        cells[1] = ap->name;
        cells[2] = date.buf;
        cells[3] = sig_state_word(approval_state(c, i, &why));
        rtable_row(t, cells);
    }
    if (c->x->required && c->a->snap) {
        struct assessment view;
        approvals_view(c, &view);
        approval_missing(&view, c->a->snap->name, c->x->required, &missing);
    } else if (c->x->required) {
        for (size_t r = 0; r < c->x->required->n; r++)
            strlist_push(&missing, c->x->required->v[r]);
    }
    for (size_t r = 0; r < missing.n; r++) {
        const char *cells[4] = { missing.v[r], "", "", "" };
        rtable_row(t, cells);
    }
    while (t->nrows < 2) {
        const char *cells[4] = { "", "", "", "" };
        rtable_row(t, cells);
    }
    strlist_release(&missing);
    sbuf_release(&date);
}

void render_signatures(const struct blocks *bl, struct rctx *c)
{
    const struct assessment *a = c->a;
    struct strlist intro = { 0 };
    struct rtable t;
    struct sbuf sb;

    sbuf_init(&sb);
    if (a->snap) {
        char *taken = date_words(c, a->snap->taken_at, 0);
        const char *name = a->snap->name ? a->snap->name : "?";
        if (a->file_sha256)
            sbuf_addf(&sb, _("This report is of snapshot %s of %s, whose file has the SHA-256 %s."),
                      name, taken, a->file_sha256);
        else
            sbuf_addf(&sb, _("This report is of snapshot %s of %s."), name, taken);
        free(taken);
    } else {
        sbuf_addf(&sb, _("This report is of the working assessment of round %d, not of a "
                         "snapshot; approvals recorded in coopcheck are of snapshots."), a->round);
    }
    strlist_push(&intro, sb.buf);
    strlist_push(&intro, _("Each approval recorded in coopcheck is listed with the state of its "
                           "signature; each required role still missing has a line to sign."));
    rtable_init(&t, 4, "llll");
    strlist_push(&t.head, _("Role"));
    strlist_push(&t.head, _("Name"));
    strlist_push(&t.head, _("Date"));
    strlist_push(&t.head, _("Signature"));
    signature_rows(c, &t);
    bl->signatures(c, _("Signatures"), &intro, &t);
    rtable_release(&t);
    strlist_release(&intro);
    sbuf_release(&sb);
}
