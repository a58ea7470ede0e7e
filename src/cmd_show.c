/* cmd_show.c — show: everything of one cooperation as text (or its file as
 * JSON): its data with who changed it last, the round in progress and what
 * it is based on, when it is due, what is still open, and every question with
 * its answers.  See cli_int.h. */
#include "cli_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "approvals.h"
#include "cctime.h"
#include "conflicts.h"
#include "i18n.h"
#include "officer.h"
#include "screening.h"
#include "store.h"
#include "textutil.h"
#include "words.h"

static struct {
    int json;
    const char *snapshot;
    size_t cols;   /* the width the rows of the head wrap at (the terminal's) */
} show_o;

static const struct opt show_opts[] = {
    { "json", 0, OPT_FLAG, &show_o.json }, { "snapshot", 's', OPT_VALUE, &show_o.snapshot },
};

/* The labels of the head, for the width of their column. */
static const char *const labels[] = {
    N_("Cooperation"), N_("Title"), N_("Partner"), N_("Country"), N_("PI"), N_("Start"),
    N_("Re-assess"), N_("Catalogue"), N_("Archived"), N_("Data changed"), N_("Round"),
    N_("Interim"), N_("Next due"), N_("Snapshot"), N_("Note"), N_("Progress"), N_("Open"),
    N_("Updated"), N_("Risk"), N_("Measures"), N_("Decision"), N_("Approvals"),
    N_("Screening"), N_("Conflicts"),
};

/* A label and its value, the labels padded to one width; a long value (a
 * rationale, a note, the open questions) wraps under its start, as the
 * questions' texts do. */
static void row(struct sbuf *out, size_t w, const char *label, const char *value)
{
    put_col(out, label, w);
    sbuf_addc(out, ' ');
    put_hanging(out, show_o.cols, w + 1, value);
}

/* The newest change of the cooperation's data: when, by whom, what. */
static void last_change(const struct coop *co, struct sbuf *line)
{
    const struct stamp *last = NULL;
    size_t n = 0;
    for (int f = 0; f < CF_COUNT; f++)
        if (co->changed[f].at && (!last || strcmp(co->changed[f].at, last->at) > 0))
            last = &co->changed[f];
    if (!last) {
        sbuf_adds(line, _("never since it was created"));
        return;
    }
    sbuf_addf(line, _("%s by %s"), last->at, last->by ? last->by : "?");
    sbuf_adds(line, " (");
    for (int f = 0; f < CF_COUNT; f++)
        if (co->changed[f].at && strcmp(co->changed[f].at, last->at) == 0)
            sbuf_addf(line, "%s%s", n++ ? ", " : "", coop_field_label((enum coop_field)f));
    sbuf_adds(line, ")");
}

static void show_coop(struct sbuf *out, size_t w, const struct assessment *a)
{
    const struct coop *co = &a->coop;
    struct sbuf line;
    sbuf_init(&line);
    row(out, w, _("Cooperation"), co->id);
    row(out, w, _("Title"), co->title);
    for (size_t i = 0; i < co->partners.n; i++) {
        sbuf_reset(&line);
        coop_partner_text(&line, co, i);
        row(out, w, i ? "" : _("Partner"), line.buf);
    }
    if (co->country)
        row(out, w, _("Country"), co->country);
    if (co->pi)
        row(out, w, _("PI"), co->pi);
    if (co->start)
        row(out, w, _("Start"), co->start);
    sbuf_reset(&line);
    sbuf_addf(&line, P_("every %d month", "every %d months", co->interval_months), co->interval_months);
    row(out, w, _("Re-assess"), line.buf);
    sbuf_reset(&line);
    sbuf_addf(&line, _("%s, version %s"), a->catalog_id, a->catalog_version);
    row(out, w, _("Catalogue"), line.buf);
    if (co->archived.at) {
        sbuf_reset(&line);
        sbuf_addf(&line, _("since %s by %s: left out of list and due without --all "
                           "('coopcheck unarchive %s' restores it)"), co->archived.at,
                  co->archived.by ? co->archived.by : "?", co->id);
        row(out, w, _("Archived"), line.buf);
    }
    sbuf_reset(&line);
    last_change(co, &line);
    row(out, w, _("Data changed"), line.buf);
    sbuf_release(&line);
}

/* The working assessment's round: the newest snapshot and the due date. */
static void show_working_round(struct ctx *c, struct sbuf *out, size_t w, const struct assessment *a)
{
    struct store_due d;
    struct sbuf line;
    char state[256];
    sbuf_init(&line);
    store_due(a, &d);
    if (store_round_untouched(c->data, cli_cats(c), a))
        row(out, w, "", _("no change since that snapshot yet; 'coopcheck export' reports it"));
    if (a->last_snapshot && d.interim) {
        /* the complete one the round is based on is in the Round row */
        sbuf_addf(&line, _("the newest snapshot, %s, is interim: round %d is still open"),
                  a->last_snapshot, a->round);
        row(out, w, _("Interim"), line.buf);
        sbuf_reset(&line);
    }
    coop_state_text(c, a, &d, state, sizeof(state));
    sbuf_adds(&line, d.next);
    if (state[0])
        sbuf_addf(&line, " (%s)", state);
    row(out, w, _("Next due"), line.buf);
    sbuf_release(&line);
}

static void show_progress(struct sbuf *out, size_t w, const struct assessment *a)
{
    struct open_items o;
    struct strlist lines = { 0 };
    struct sbuf line;
    sbuf_init(&line);
    assessment_open_items(a, &o);
    sbuf_addf(&line, _("%zu/%zu answered, %zu to review, %zu flagged for follow-up"),
              assessment_answered(a), a->cat->nquestions, assessment_to_review(a), o.followup.n);
    row(out, w, _("Progress"), line.buf);
    open_items_lines(a, &o, &lines);
    if (!lines.n)
        row(out, w, _("Open"), a->snap ? _("nothing") : _("nothing: a snapshot now is complete"));
    for (size_t i = 0; i < lines.n; i++)
        row(out, w, i ? "" : _("Open"), lines.v[i]);
    strlist_release(&lines);
    open_items_release(&o);
    sbuf_release(&line);
}

/* Risk, measures, decision, approvals (of the snapshot shown, or of the
 * round's base). */
static void show_officer(struct ctx *c, struct sbuf *out, size_t w, const struct assessment *a,
                         const struct assessment *work)
{
    struct risk_tally t;
    struct sbuf line;
    char now[CC_ISO_LEN];
    const char *snap = a->snap ? a->snap->name : a->round_based_on ? a->round_based_on : a->last_snapshot;
    size_t nap = 0;
    sbuf_init(&line);
    cc_now(now);
    officer_tally(a, a->cat->nsections, &t);
    sbuf_addf(&line, _("%s overall"), risk_word(a->overall.level));
    if (a->overall.review)
        sbuf_addf(&line, " (%s)", _("to review"));
    sbuf_adds(&line, "; ");
    sbuf_addf(&line, _("questions: %zu high, %zu medium, %zu low, %zu none, %zu not rated"),
              t.count[RISK_HIGH], t.count[RISK_MEDIUM], t.count[RISK_LOW], t.count[RISK_NONE],
              t.count[RISK_UNRATED]);
    row(out, w, _("Risk"), line.buf);
    if (a->overall.why)
        row(out, w, "", a->overall.why);
    sbuf_reset(&line);
    sbuf_addf(&line, _("%zu (%zu open, %zu overdue, %zu to review)"), a->nmeasures,
              officer_open_measures(a), officer_overdue_measures(a, now),
              officer_measures_to_review(a));
    row(out, w, _("Measures"), line.buf);
    sbuf_reset(&line);
    if (a->decision.outcome == OUT_NONE) {
        sbuf_adds(&line, _("none yet"));
    } else {
        sbuf_adds(&line, outcome_word(a->decision.outcome));
        for (size_t i = 0; i < a->decision.conditions.n; i++)
            sbuf_addf(&line, "%s%s", i ? ", " : " (", a->decision.conditions.v[i]);
        if (a->decision.conditions.n)
            sbuf_adds(&line, ")");
        sbuf_addf(&line, _("; round %d, %s, %s"), a->decision.round, a->decision.body,
                  a->decision.date);
    }
    row(out, w, _("Decision"), line.buf);
    if (a->decision.why)
        row(out, w, "", a->decision.why);
    for (size_t i = 0; snap && work && i < work->napprovals; i++) {
        const struct approval *ap = &work->approvals[i];
        if (strcmp(ap->snapshot, snap) != 0)
            continue;
        sbuf_reset(&line);
        sbuf_addf(&line, "%s: %s, %s, %s", ap->role, ap->name, ap->date,
                  ap->signature ? _("signed ('coopcheck verify' checks it)") : _("unsigned"));
        row(out, w, nap++ ? "" : _("Approvals"), line.buf);
    }
    if (snap && work && c->cfg.required_approvals.n) {
        sbuf_reset(&line);
        if (approvals_missing_text(work, snap, &c->cfg.required_approvals, &line)) {
            char *l = xasprintf(_("still needed for %s: %s"), snap, line.buf);
            row(out, w, nap++ ? "" : _("Approvals"), l);
            free(l);
        }
    }
    if (!nap && snap)
        row(out, w, _("Approvals"), _("none"));
    sbuf_release(&line);
}

/* The last screening: when, against how many lists, its hits. */
static void show_screening(struct sbuf *out, size_t w, const struct assessment *a)
{
    const struct screening *s = assessment_last_screening(a);
    size_t open;
    char *l;
    if (!s) {
        row(out, w, _("Screening"), _("not screened (coopcheck screen ID)"));
        return;
    }
    open = screening_undecided(s);
    l = xasprintf(_("%.10s against %zu list(s): %zu hit(s), %zu not decided"), s->at, s->nlists,
                  s->nhits, open);
    row(out, w, _("Screening"), l);
    free(l);
}

/* What a merge left to decide: one line per conflict and side. */
static void show_conflicts(struct ctx *c, struct sbuf *out, size_t w, const struct assessment *a)
{
    size_t vw = c->width > w + 30 ? c->width - w - 20 : 10;
    char *l;
    if (!a->nconflicts)
        return;
    l = xasprintf(P_("%zu to resolve: coopcheck resolve %s N keep|other, or edit the value",
                     "%zu to resolve: coopcheck resolve %s N keep|other, or edit the values",
                     a->nconflicts), a->nconflicts, a->coop.id);
    row(out, w, _("Conflicts"), l);
    free(l);
    for (size_t i = 0; i < a->nconflicts; i++) {
        const struct merge_conflict *k = &a->conflicts[i];
        struct sbuf place, mine, theirs, mw, tw;
        sbuf_init(&place);
        sbuf_init(&mine);
        sbuf_init(&theirs);
        sbuf_init(&mw);
        sbuf_init(&tw);
        conflict_place(a, k, &place);
        conflict_value(k->mine, &mine, vw);
        conflict_value(k->theirs, &theirs, vw);
        conflict_who(k->mine, &mw);
        conflict_who(k->theirs, &tw);
        putf(out, "%*s %zu  %s\n", (int)w, "", i + 1, place.buf);
        putf(out, _("%*s      now:   %s%s%s%s\n"), (int)w, "", mine.buf, mw.len ? " (" : "", mw.buf,
             mw.len ? ")" : "");
        putf(out, _("%*s      other: %s%s%s%s\n"), (int)w, "", theirs.buf, tw.len ? " (" : "",
             tw.buf, tw.len ? ")" : "");
        sbuf_release(&place);
        sbuf_release(&mine);
        sbuf_release(&theirs);
        sbuf_release(&mw);
        sbuf_release(&tw);
    }
}

static void show_head(struct ctx *c, struct sbuf *out, const struct assessment *a,
                      const struct assessment *work)
{
    struct sbuf line;
    size_t w = 12;
    for (size_t i = 0; i < CC_ARRAY_LEN(labels); i++)
        w = text_width(_(labels[i])) > w ? text_width(_(labels[i])) : w;
    sbuf_init(&line);
    show_coop(out, w, a);
    if (a->round_based_on)
        sbuf_addf(&line, _("%d, started %s from snapshot %s"), a->round,
                  a->round_started ? a->round_started : "?", a->round_based_on);
    else
        sbuf_addf(&line, _("%d, started %s"), a->round, a->round_started ? a->round_started : "?");
    row(out, w, _("Round"), line.buf);
    if (!a->snap)
        show_working_round(c, out, w, a);
    if (a->snap) {
        sbuf_reset(&line);
        sbuf_addf(&line, _("%s, taken %s by %s, %s"), a->snap->name, a->snap->taken_at,
                  a->snap->taken_by, a->snap->complete ? _("complete") : _("interim"));
        row(out, w, _("Snapshot"), line.buf);
        if (a->snap->note)
            row(out, w, _("Note"), a->snap->note);
    }
    show_progress(out, w, a);
    show_officer(c, out, w, a, work);
    show_screening(out, w, a);
    show_conflicts(c, out, w, a);
    sbuf_reset(&line);
    sbuf_addf(&line, _("%s by %s"), a->updated_at ? a->updated_at : "?", a->updated_by ? a->updated_by : "?");
    row(out, w, _("Updated"), line.buf);
    sbuf_release(&line);
}

/* One field: "Label (id): value", a text below it, the note of a yes/no. */
static void show_field(struct ctx *c, struct sbuf *out, const struct assessment *a, size_t qi,
                       size_t f)
{
    const struct cat_question *q = &a->cat->questions[qi];
    const struct cat_field *cf = &q->fields[f];
    const struct answer *ans = &a->q[qi].f[f];
    size_t w = c->width;
    struct sbuf line;
    sbuf_init(&line);
    sbuf_addf(&line, "%s (%s):", l10n_get(&cf->label, c->lang), cf->id);
    if (!field_applies(a, qi, f) && !answer_is_set(ans))
        sbuf_addf(&line, " %s", _("not asked with this answer"));
    else if (cf->type == FIELD_YESNO)
        sbuf_addf(&line, " %s", yesno_word(ans->yn));
    else if (!ans->text)
        sbuf_addf(&line, " %s", yesno_word(YN_UNSET));
    if (!field_applies(a, qi, f) && answer_is_set(ans))
        sbuf_addf(&line, " (%s)", _("not asked with this answer; kept"));
    else if (field_unexplained(a, qi, f))
        sbuf_addf(&line, " (%s)", _("needs an explanation: a text field of the question, or a note"));
    text_wrap(out, line.buf, w - 4, 4);
    if (ans->text) {
        if (cf->type == FIELD_YESNO) {
            sbuf_reset(&line);
            sbuf_addf(&line, "%s %s", _("note:"), ans->text);
            text_wrap(out, line.buf, w - 8, 8);
        } else {
            text_wrap(out, ans->text, w - 8, 8);
        }
    }
    sbuf_release(&line);
}

static void show_question(struct ctx *c, struct sbuf *out, const struct assessment *a, size_t qi)
{
    const struct cat_question *q = &a->cat->questions[qi];
    const struct qanswers *qa = &a->q[qi];
    struct sbuf line;
    sbuf_init(&line);
    sbuf_addc(out, '\n');
    sbuf_addf(&line, "%2d  %s  [%s%s]", q->number, l10n_get(&q->title, c->lang),
              qstate_word(assessment_qstate(a, qi), qa->review), qa->followup ? _(", follow-up") : "");
    text_wrap(out, line.buf, c->width, 0);
    text_wrap(out, l10n_get(&q->text, c->lang), c->width - 4, 4);
    if (qa->risk.level != RISK_UNRATED || qa->risk.why) {
        sbuf_reset(&line);
        sbuf_addf(&line, _("risk: %s"), risk_word(qa->risk.level));
        if (qa->risk.review)
            sbuf_addf(&line, " (%s)", _("to review"));
        if (qa->risk.why)
            sbuf_addf(&line, " - %s", qa->risk.why);
        text_wrap(out, line.buf, c->width - 4, 4);
    }
    for (size_t f = 0; f < q->nfields; f++)
        show_field(c, out, a, qi, f);
    sbuf_release(&line);
}

static int cmd_show(struct ctx *c, const struct strlist *pos)
{
    struct assessment *a = NULL;
    struct sbuf out;
    int rc;
    if ((rc = load_coop_or_snapshot(c, pos->v[0], show_o.snapshot, &a)) != 0)
        return rc;
    sbuf_init(&out);
    show_o.cols = c->width;
    if (show_o.json) {
        char *t = afile_format(a);
        sbuf_adds(&out, t);
        free(t);
    } else {
        const struct catalog *cat = a->cat;
        struct assessment *work = NULL;
        struct cc_err err;
        if (a->snap && store_load(c->data, pos->v[0], cli_cats(c), &work, &err) != 0)
            work = NULL;   /* the approvals are the working assessment's */
        show_head(c, &out, a, a->snap ? work : a);
        assessment_free(work);
        for (size_t s = 0; s < cat->nsections; s++) {
            sbuf_addc(&out, '\n');
            text_wrap(&out, l10n_get(&cat->sections[s].title, c->lang), c->width, 0);
            for (size_t qi = cat->sections[s].first; qi < cat->sections[s].first + cat->sections[s].count; qi++)
                show_question(c, &out, a, qi);
        }
    }
    assessment_free(a);
    return flush_out(&out);
}

const struct command cmd_show_def = {
    "show", "ID [--snapshot NAME] [--json]",
    N_("everything of a cooperation, as text or JSON: its data, the round in progress, what is "
       "open, the answers"), show_opts, CC_ARRAY_LEN(show_opts), 1, 1, 0, cmd_show,
};
