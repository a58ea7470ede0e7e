/* words.c — see words.h. */
#include "words.h"

#include <stdio.h>
#include <string.h>

#include "approvals.h"
#include "i18n.h"
#include "officer.h"
#include "store.h"

const char *yesno_word(enum yesno v)
{
    switch (v) {
    case YN_YES: return _("yes");
    case YN_NO: return _("no");
    case YN_UNSURE: return _("unsure");
    case YN_UNSET: break;
    }
    return _("unanswered");
}

const char *qstate_word(enum qstate s, int review)
{
    if (review)
        return _("to review");
    return s == QS_ANSWERED ? _("answered") : s == QS_PARTIAL ? _("partly answered") : _("unanswered");
}

const char *store_due_name(enum due_status s)
{
    return s == DUE_OVERDUE ? "overdue" : s == DUE_SOON ? "due" : "ok";
}

const char *store_due_word(enum due_status s)
{
    /* TRANSLATORS: the state of a re-assessment: its date has passed, it is
     * due within a month, or neither */
    return s == DUE_OVERDUE ? _("overdue") : s == DUE_SOON ? _("due") : _("ok");
}

void due_state_text(const struct store_due *d, char *out, size_t n)
{
    const char *parts[3];
    size_t np = 0, len = 0;
    if (d->status != DUE_OK)
        parts[np++] = store_due_word(d->status);
    /* TRANSLATORS: a cooperation without any complete assessment yet */
    if (d->never)
        parts[np++] = _("never assessed");
    /* TRANSLATORS: the newest snapshot did not close the round */
    if (d->interim)
        parts[np++] = _("interim");
    if (n)
        out[0] = '\0';
    for (size_t i = 0; i < np && len < n; i++) {
        snprintf(out + len, n - len, "%s%s", i ? ", " : "", parts[i]);
        len += strlen(out + len);
    }
}

void officer_state_append(const struct assessment *a, const char *today, char *out, size_t n)
{
    size_t late = officer_overdue_measures(a, today), len = strlen(out);
    if (!late || len >= n)
        return;
    /* TRANSLATORS: planned measures whose due date has passed */
    snprintf(out + len, n - len, P_("%s%zu measure overdue", "%s%zu measures overdue", late),
             len ? ", " : "", late);
}

void approval_state_append(const struct assessment *a, const struct strlist *required, char *out,
                           size_t n)
{
    struct sbuf missing;
    size_t len = strlen(out);
    if (!a->round_based_on || !required || !required->n || len >= n)
        return;
    sbuf_init(&missing);
    if (approvals_missing_text(a, a->round_based_on, required, &missing))
        /* TRANSLATORS: the snapshot that closed the round still lacks the
         * approval of these roles */
        snprintf(out + len, n - len, "%s%s", len ? _(", awaiting approval: ")
                                                 : _("awaiting approval: "), missing.buf);
    sbuf_release(&missing);
}

static void idlist_line(const struct assessment *a, const struct idlist *l, const char *label,
                        struct strlist *lines)
{
    struct sbuf sb;
    if (!l->n)
        return;
    sbuf_init(&sb);
    sbuf_addf(&sb, "%s:", label);
    for (size_t i = 0; i < l->n; i++)
        sbuf_addf(&sb, "%s %d", i ? "," : "", a->cat->questions[l->v[i]].number);
    strlist_push_owned(lines, sbuf_detach(&sb, NULL));
}

/* "label: M1, M3" or "label: 1, 2": each number plus base, after prefix. */
static void numbered_line(const struct idlist *l, const char *label, const char *prefix, size_t base,
                          struct strlist *lines)
{
    struct sbuf sb;
    if (!l->n)
        return;
    sbuf_init(&sb);
    sbuf_addf(&sb, "%s:", label);
    for (size_t i = 0; i < l->n; i++)
        sbuf_addf(&sb, "%s %s%zu", i ? "," : "", prefix, l->v[i] + base);
    strlist_push_owned(lines, sbuf_detach(&sb, NULL));
}

void open_items_lines(const struct assessment *a, const struct open_items *o, struct strlist *lines)
{
    idlist_line(a, &o->unanswered, _("unanswered"), lines);
    idlist_line(a, &o->partial, _("partly answered"), lines);
    idlist_line(a, &o->unexplained, _("unsure without explanation"), lines);
    idlist_line(a, &o->review, _("to review"), lines);
    idlist_line(a, &o->followup, _("flagged for follow-up"), lines);
    if (o->risk_review.n) {
        struct sbuf sb;
        sbuf_init(&sb);
        sbuf_addf(&sb, "%s:", _("risk ratings to review"));
        for (size_t i = 0; i < o->risk_review.n; i++) {
            size_t qi = o->risk_review.v[i];
            if (qi < a->cat->nquestions)
                sbuf_addf(&sb, "%s %d", i ? "," : "", a->cat->questions[qi].number);
            else
                sbuf_addf(&sb, "%s %s", i ? "," : "", _("overall"));
        }
        strlist_push_owned(lines, sbuf_detach(&sb, NULL));
    }
    /* TRANSLATORS: measures carried over: still in place and effective? */
    numbered_line(&o->measure_review, _("measures to review"), "M", 0, lines);
    /* TRANSLATORS: hits of the partner screening without a decision */
    numbered_line(&o->screen_open, _("screening hits to decide"), "", 1, lines);
    /* TRANSLATORS: the same value changed on two machines, found by sync */
    numbered_line(&o->conflicts, _("merge conflicts to resolve"), "", 1, lines);
}

const char *coop_field_label(enum coop_field f)
{
    switch (f) {
    case CF_TITLE: return _("Title");
    case CF_PARTNERS: return _("Partners");
    case CF_COUNTRY: return _("Country");
    case CF_PI: return _("Principal investigator");
    case CF_START: return _("Start date");
    case CF_INTERVAL: return _("Re-assessment interval (months)");
    case CF_CATALOG: return _("Catalogue");
    case CF_ID: return _("ID");
    case CF_COUNT: break;
    }
    return "?";
}

char *snapshot_complete_text(const struct assessment *a)
{
    return xasprintf(P_("Nothing is open: this snapshot is complete. It closes round %d, and round "
                        "%d begins, based on it, with every answer to review. The next "
                        "re-assessment is then due in %d month.",
                        "Nothing is open: this snapshot is complete. It closes round %d, and round "
                        "%d begins, based on it, with every answer to review. The next "
                        "re-assessment is then due in %d months.", a->coop.interval_months),
                     a->round, a->round + 1, a->coop.interval_months);
}
