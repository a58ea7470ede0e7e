/* diff_officer.c — what changed in the officer's half between two rounds:
 * each question's risk rating and the overall one, the measures (by id),
 * the decision and the approvals, each as text for people with who made
 * the change when.  "To review" marks are the round's bookkeeping, not a
 * change of the record, and are left out. */
#include "diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "officer.h"

const char *officer_kind_name(enum officer_kind k)
{
    static const char *const names[] = { "risk", "measure", "decision", "approval", "screening",
                                         "hit" };
    return (unsigned)k < CC_ARRAY_LEN(names) ? names[k] : "?";
}

void officer_change_add(struct assessment_diff *out, enum officer_kind k, char *what, char *o, char *n,
                const char *by, const char *at)
{
    struct officer_change *c;
    if ((!o && !n) || (o && n && strcmp(o, n) == 0)) {
        free(what);
        free(o);
        free(n);
        return;
    }
    out->off = xrealloc(out->off, (out->noff + 1) * sizeof(*out->off));
    c = &out->off[out->noff++];
    c->kind = k;
    c->what = what;
    c->old = o;
    c->new_ = n;
    c->by = by;
    c->at = at;
}

/* "medium: the rationale"; NULL when not rated. */
static char *rating_text(const struct rating *r)
{
    if (!r || (r->level == RISK_UNRATED && !r->why))
        return NULL;
    return r->why ? xasprintf("%s: %s", risk_word(r->level), r->why) : xstrdup(risk_word(r->level));
}

static char *measure_text(const struct measure *m)
{
    struct sbuf sb;
    if (!m)
        return NULL;
    sbuf_init(&sb);
    sbuf_adds(&sb, mstatus_word(m->status));
    if (m->due)
        sbuf_addf(&sb, _(", due %s"), m->due);
    if (m->owner)
        sbuf_addf(&sb, _(", owner %s"), m->owner);
    for (size_t k = 0; k < m->addresses.n; k++)
        sbuf_addf(&sb, "%s%s", k ? ", " : _(", addresses "), m->addresses.v[k]);
    sbuf_addf(&sb, ": %s", m->what ? m->what : "");
    if (m->effect)
        sbuf_addf(&sb, _(" (effect: %s)"), m->effect);
    return sbuf_detach(&sb, NULL);
}

static char *decision_text(const struct decision *d)
{
    struct sbuf sb;
    if (d->outcome == OUT_NONE)
        return NULL;
    sbuf_init(&sb);
    sbuf_adds(&sb, outcome_word(d->outcome));
    for (size_t i = 0; i < d->conditions.n; i++)
        sbuf_addf(&sb, "%s%s", i ? ", " : " (", d->conditions.v[i]);
    if (d->conditions.n)
        sbuf_adds(&sb, ")");
    sbuf_addf(&sb, _("; round %d, %s, %s: %s"), d->round, d->body ? d->body : "",
              d->date ? d->date : "", d->why ? d->why : "");
    return sbuf_detach(&sb, NULL);
}

static char *approval_text(const struct approval *ap)
{
    if (!ap)
        return NULL;
    return ap->signer ? xasprintf(_("%s, %s, signed by %s"), ap->name, ap->date, ap->signer)
                      : xasprintf(_("%s, %s, unsigned"), ap->name, ap->date);
}

static const struct rating *old_rating(const struct assessment *old, const char *qid)
{
    const struct cat_question *q = catalog_question(old->cat, qid);
    return q ? &old->q[catalog_question_index(old->cat, q)].risk : NULL;
}

static const struct approval *find_approval(const struct assessment *a, const struct approval *like)
{
    for (size_t i = 0; i < a->napprovals; i++)
        if (strcmp(a->approvals[i].snapshot, like->snapshot) == 0 &&
            strcmp(a->approvals[i].role, like->role) == 0)
            return &a->approvals[i];
    return NULL;
}

static void measures_diff(const struct assessment *old, const struct assessment *new_,
                          struct assessment_diff *out)
{
    for (size_t i = 0; i < new_->nmeasures; i++) {
        const struct measure *m = &new_->measures[i], *om = measure_find(old, m->id);
        char label[16];
        measure_label(m->id, label);
        officer_change_add(out, OK_MEASURE, xstrdup(label), measure_text(om), measure_text(m),
            m->changed.at ? m->changed.by : m->created.by,
            m->changed.at ? m->changed.at : m->created.at);
    }
    for (size_t i = 0; i < old->nmeasures; i++) {
        char label[16];
        if (measure_find(new_, old->measures[i].id))
            continue;
        measure_label(old->measures[i].id, label);
        officer_change_add(out, OK_MEASURE, xstrdup(label), measure_text(&old->measures[i]), NULL, NULL, NULL);
    }
}

void officer_diff(const struct assessment *old, const struct assessment *new_,
                  struct assessment_diff *out)
{
    const struct catalog *cat = new_->cat;
    for (size_t qi = 0; qi < cat->nquestions; qi++) {
        const struct rating *r = &new_->q[qi].risk;
        officer_change_add(out, OK_RATING, xstrdup(cat->questions[qi].id),
            rating_text(old_rating(old, cat->questions[qi].id)), rating_text(r), r->by, r->at);
    }
    officer_change_add(out, OK_RATING, xstrdup(OVERALL_REF), rating_text(&old->overall),
        rating_text(&new_->overall), new_->overall.by, new_->overall.at);
    measures_diff(old, new_, out);
    officer_change_add(out, OK_DECISION, xstrdup("decision"), decision_text(&old->decision),
        decision_text(&new_->decision), new_->decision.by, new_->decision.at);
    for (size_t i = 0; i < new_->napprovals; i++) {
        const struct approval *ap = &new_->approvals[i];
        officer_change_add(out, OK_APPROVAL, xasprintf("%s %s", ap->snapshot, ap->role),
            approval_text(find_approval(old, ap)), approval_text(ap), ap->by, ap->at);
    }
    for (size_t i = 0; i < old->napprovals; i++) {
        const struct approval *ap = &old->approvals[i];
        if (!find_approval(new_, ap))
            officer_change_add(out, OK_APPROVAL, xasprintf("%s %s", ap->snapshot, ap->role), approval_text(ap),
                NULL, NULL, NULL);
    }
}
