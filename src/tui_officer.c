/* tui_officer.c — the officer's half in the interface: the rating dialog of
 * a question (r on the assessment), and the officer's screen (R): the
 * overall risk, the risk per section, the mitigation register, the round's
 * decision and the approvals of the round's snapshot with their signature
 * state.  Each change is made in the model (officer.h) and saved at once,
 * like an answer; a question's rating goes through the undo log. */
#include "tui_int.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "approvals.h"
#include "cctime.h"
#include "fsio.h"
#include "officer.h"
#include "sign.h"
#include "store.h"
#include "textutil.h"

struct officer {
    struct screen base;
    size_t sel;                   /* 0: overall; 1..n: measures; n+1: the decision */
    size_t top;                   /* first line shown */
    int free_view;                /* the view was scrolled or paged: top stays */
    struct approval_check *chk;   /* of t->av->a's approvals, made on opening */
    size_t nchk;
    /* of the last frame, for the keys: each item's first line, the lines
     * of the selected item (up to the next item: the decision's go on to
     * the end, the approvals with them), the lines, the rows */
    size_t *first, nfirst, b0, b1, nlines, rows;
};

static const struct hint officer_hints[] = {
    { ACT_OPEN, ACT_NONE, N_("edit") }, { ACT_RATE, ACT_NONE, NULL },
    { ACT_MEASURE_ADD, ACT_NONE, NULL }, { ACT_DECIDE, ACT_NONE, NULL },
    { ACT_APPROVE, ACT_NONE, NULL }, { ACT_CONFIRM, ACT_NONE, NULL }, { ACT_KEYS, ACT_NONE, NULL },
    { ACT_CLOSE, ACT_NONE, NULL }, { ACT_NONE, ACT_NONE, NULL },
};

static void today(char out[11])
{
    char now[CC_ISO_LEN];
    cc_now(now);
    snprintf(out, 11, "%.10s", now);
}

/* Saves a change of the officer's records (not of one question's). */
static int save(struct tui *t)
{
    t->av->unsaved = 1;
    if (edit_save(t) != 0)
        return -1;
    tui_message(t, 0, _("saved"));
    return 0;
}

/* ---- the rating dialog ---- */

struct rate_ctx {
    size_t qi;
};

static int rate_submit(struct tui *t, void *ctx, char *const *v, struct cc_err *err)
{
    struct rate_ctx *rc = ctx;
    struct assessment *a = t->av->a;
    struct qanswers before;
    char now[CC_ISO_LEN];
    int level = risk_parse(v[0]);
    if (level < 0)
        return cc_error(err, _("\"%s\" is not a risk level: none, low, medium, high or unrated"),
                        v[0]);
    cc_now(now);
    if (rc->qi == a->cat->nquestions) {
        if (officer_rate(a, rc->qi, (enum risk)level, v[1], t->who, now, err) != 0)
            return -1;
        save(t);
        return 0;
    }
    edit_change_begin(t, rc->qi, &before);
    if (officer_rate(a, rc->qi, (enum risk)level, v[1], t->who, now, err) != 0) {
        qanswers_release(&before);
        return -1;
    }
    edit_change_end(t, rc->qi, &before);
    return 0;
}

void rate_open(struct tui *t, size_t qi)
{
    const struct assessment *a = t->av->a;
    const struct rating *r = officer_rating(a, qi);
    struct rate_ctx *ctx = xcalloc(1, sizeof(*ctx));
    struct field_spec spec[2];
    char *title;
    ctx->qi = qi;
    title = qi == a->cat->nquestions
                ? xstrdup(_("The overall risk"))
                : xasprintf(_("Risk of question %d: %s"), a->cat->questions[qi].number,
                            l10n_get(&a->cat->questions[qi].title, t->lang));
    spec[0].label = _("Risk");
    spec[0].initial = risk_word(r->level);
    spec[0].hint = _("none, low, medium, high, or unrated");
    spec[1].label = _("Rationale");
    spec[1].initial = r->why;
    spec[1].hint = _("why this level: what the answers show, what the risk is");
    fields_open(t, title, spec, 2, rate_submit, ctx, free);
    free(title);
}

/* ---- a measure ---- */

struct measure_ctx {
    unsigned id;   /* 0: a new one */
};

static int measure_submit(struct tui *t, void *ctx, char *const *v, struct cc_err *err)
{
    struct measure_ctx *mc = ctx;
    struct assessment *a = t->av->a;
    struct measure m;
    char now[CC_ISO_LEN];
    int st = mstatus_parse(v[4]), rc;
    unsigned id;
    if (st < 0)
        return cc_error(err, _("\"%s\" is not a status: planned, in place, done or dropped"), v[4]);
    memset(&m, 0, sizeof(m));
    m.what = v[0];
    strlist_split(&m.addresses, v[1], ",;");
    m.owner = v[2][0] ? v[2] : NULL;
    m.due = v[3][0] ? v[3] : NULL;
    m.status = (enum mstatus)st;
    m.effect = v[5][0] ? v[5] : NULL;
    cc_now(now);
    rc = mc->id ? measure_replace(a, mc->id, &m, t->who, now, err)
                : measure_add(a, &m, t->who, now, &id, err);
    strlist_release(&m.addresses);
    if (rc < 0)
        return -1;
    if (rc > 0 || !mc->id)
        save(t);
    return 0;
}

static void measure_open(struct tui *t, const struct measure *m)
{
    struct measure_ctx *ctx = xcalloc(1, sizeof(*ctx));
    struct field_spec spec[6];
    struct sbuf refs;
    char label[16], *title;
    sbuf_init(&refs);
    for (size_t k = 0; m && k < m->addresses.n; k++)
        sbuf_addf(&refs, "%s%s", k ? ", " : "", m->addresses.v[k]);
    ctx->id = m ? m->id : 0;
    if (m)
        measure_label(m->id, label);
    title = m ? xasprintf(_("Measure %s"), label) : xstrdup(_("A new measure"));
    spec[0] = (struct field_spec){ _("What"), m ? m->what : NULL, _("what is done, by whom") };
    spec[1] = (struct field_spec){ _("Addresses"), refs.buf,
                                   _("the questions it answers, by number or id, and \"overall\"; "
                                     "separated by commas") };
    spec[2] = (struct field_spec){ _("Owner"), m ? m->owner : NULL, NULL };
    spec[3] = (struct field_spec){ _("Due"), m ? m->due : NULL, _("a date like 2026-01-31, or empty") };
    spec[4] = (struct field_spec){ _("Status"), mstatus_word(m ? m->status : MS_PLANNED),
                                   _("planned, in place, done or dropped") };
    spec[5] = (struct field_spec){ _("Effect"), m ? m->effect : NULL,
                                   _("a note on its effect: is it in place and effective?") };
    fields_open(t, title, spec, 6, measure_submit, ctx, free);
    free(title);
    sbuf_release(&refs);
}

/* ---- the decision ---- */

static int decide_submit(struct tui *t, void *ctx, char *const *v, struct cc_err *err)
{
    struct decision d;
    char now[CC_ISO_LEN];
    int out = outcome_parse(v[0]), rc;
    (void)ctx;
    if (out < 0)
        return cc_error(err, _("\"%s\" is not an outcome: proceed, proceed with conditions, "
                               "postpone pending information, or do not proceed"), v[0]);
    memset(&d, 0, sizeof(d));
    d.outcome = (enum outcome)out;
    strlist_split(&d.conditions, v[1], ",;");
    d.body = v[2];
    d.date = v[3];
    d.why = v[4];
    cc_now(now);
    rc = decision_set(t->av->a, &d, t->who, now, err);
    strlist_release(&d.conditions);
    if (rc != 0)
        return -1;
    if (save(t) == 0)
        tui_commit(t, "decision recorded (%s)", outcome_name(d.outcome));
    return 0;
}

static void decide_open(struct tui *t)
{
    const struct decision *d = &t->av->a->decision;
    int cur = decision_current(t->av->a);
    struct field_spec spec[5];
    struct sbuf conds;
    char day[11], *title;
    today(day);
    sbuf_init(&conds);
    for (size_t i = 0; cur && i < d->conditions.n; i++)
        sbuf_addf(&conds, "%s%s", i ? ", " : "", d->conditions.v[i]);
    title = xasprintf(_("The decision of round %d"), t->av->a->round);
    spec[0] = (struct field_spec){ _("Outcome"), cur ? outcome_word(d->outcome) : NULL,
                                   _("proceed, proceed with conditions, postpone pending "
                                     "information, or do not proceed") };
    spec[1] = (struct field_spec){ _("Conditions"), conds.buf,
                                   _("with conditions: the measures that are its conditions "
                                     "(M1, M2)") };
    spec[2] = (struct field_spec){ _("Decided by"), cur ? d->body : NULL,
                                   _("the body that decided: a committee, an officer") };
    spec[3] = (struct field_spec){ _("Date"), cur ? d->date : day, _("a date like 2026-01-31") };
    spec[4] = (struct field_spec){ _("Rationale"), cur ? d->why : NULL, NULL };
    fields_open(t, title, spec, 5, decide_submit, NULL, NULL);
    free(title);
    sbuf_release(&conds);
}

/* ---- approving ---- */

struct sign_job {
    const char *key, *signer;
    struct approval *ap;
    struct cc_err *err;
};

static int sign_outside(void *arg)
{
    struct sign_job *j = arg;
    return sign_approval(j->key, j->signer, j->ap, j->err);
}

static void officer_check(struct tui *t, struct officer *o);

static int approve_submit(struct tui *t, void *ctx, char *const *v, struct cc_err *err)
{
    struct officer *o = ctx;
    struct assessment *a = t->av->a;
    struct approval ap;
    char sha[65], now[CC_ISO_LEN];
    int rc = -1;
    if (store_snapshot_sha(t->env->data, a->coop.id, v[0], sha, err) != 0)
        return -1;
    if (v[4][0] && !v[5][0])
        return cc_error(err, _("a signature needs the signer: the principal allowed_signers names "
                               "(such as an e-mail address)"));
    memset(&ap, 0, sizeof(ap));
    ap.snapshot = xstrdup(v[0]);
    ap.sha256 = xstrdup(sha);
    ap.role = xstrdup(v[1]);
    ap.name = xstrdup(v[2]);
    ap.date = xstrdup(v[3]);
    if (v[4][0]) {
        struct sign_job job = { v[4], v[5], &ap, err };
        char *allowed = approvals_signers_path(t->env->data, NULL), why[640];
        int bad = tui_outside(t, sign_outside, &job) != 0;
        /* a mistyped signer is refused now, not found INVALID later */
        if (!bad && fs_exists(allowed) && sign_check(&ap, sha, allowed, why, sizeof(why)) != SIG_VALID) {
            cc_error(err, _("the signature was not recorded: %s"), why);
            bad = 1;
        }
        free(allowed);
        if (bad)
            goto out;
    }
    cc_now(now);
    if (approval_add(a, &ap, t->who, now, err) != 0)
        goto out;
    if (save(t) == 0)
        tui_commit(t, "approval recorded (%s)", ap.role);
    officer_check(t, o);
    rc = 0;
out:
    approval_release(&ap);
    return rc;
}

static void approve_open(struct tui *t, struct officer *o)
{
    const struct assessment *a = t->av->a;
    const char *snap = a->round_based_on ? a->round_based_on : a->last_snapshot;
    struct field_spec spec[6];
    char day[11];
    if (!snap) {
        tui_message(t, 1, _("there is no snapshot to approve yet: take one with s"));
        return;
    }
    today(day);
    spec[0] = (struct field_spec){ _("Snapshot"), snap, _("the snapshot approved: the one that "
                                                         "closed the last round, or another") };
    spec[1] = (struct field_spec){ _("Role"), NULL, _("e.g. PI, research-security officer, export "
                                                     "control") };
    spec[2] = (struct field_spec){ _("Name"), NULL, NULL };
    spec[3] = (struct field_spec){ _("Date"), day, NULL };
    spec[4] = (struct field_spec){ _("Signing key"), t->cfg.signing_key,
                                   _("an SSH key to sign with (ssh-keygen -Y sign); empty: "
                                     "unsigned") };
    spec[5] = (struct field_spec){ _("Signer"), t->cfg.signer,
                                   _("the principal allowed_signers gives the key to") };
    fields_open(t, _("Approve a snapshot"), spec, 6, approve_submit, o, NULL);
}

/* ---- the screen ---- */

static void officer_check(struct tui *t, struct officer *o)
{
    char *allowed = approvals_signers_path(t->env->data, NULL);
    free(o->chk);
    o->chk = approvals_check(t->env->data, t->av->a, allowed);
    o->nchk = t->av->a->napprovals;
    free(allowed);
}

static void risk_table(struct tui *t, struct tlines *L, int width)
{
    const struct assessment *a = t->av->a;
    static const enum risk cols[] = { RISK_HIGH, RISK_MEDIUM, RISK_LOW, RISK_NONE, RISK_UNRATED };
    struct sbuf sb;
    int namew = width - 2;
    for (size_t c = 0; c < CC_ARRAY_LEN(cols); c++)
        namew -= (int)text_width(risk_word(cols[c])) + 2;
    if (namew < 12)
        namew = 12;
    sbuf_init(&sb);
    text_column(&sb, _("Risk per section"), (size_t)namew);
    for (size_t c = 0; c < CC_ARRAY_LEN(cols); c++)
        sbuf_addf(&sb, "  %s", risk_word(cols[c]));
    tlines_add(L, -1, TS_TITLE, sbuf_detach(&sb, NULL));
    for (size_t s = 0; s <= a->cat->nsections; s++) {
        struct risk_tally tl;
        officer_tally(a, s, &tl);
        sbuf_init(&sb);
        text_column(&sb, s < a->cat->nsections ? l10n_get(&a->cat->sections[s].title, t->lang)
                                        : _("All questions"), (size_t)namew);
        for (size_t c = 0; c < CC_ARRAY_LEN(cols); c++)
            sbuf_addf(&sb, "  %*zu", (int)text_width(risk_word(cols[c])), tl.count[cols[c]]);
        tlines_add(L, -1, tl.highest >= RISK_HIGH ? TS_FLAG : TS_NORMAL, sbuf_detach(&sb, NULL));
    }
}

static void measure_lines(struct tui *t, struct tlines *L)
{
    const struct assessment *a = t->av->a;
    char day[11];
    today(day);
    tlines_add(L, -1, TS_NORMAL, xstrdup(""));
    tlines_add(L, -1, TS_TITLE, xasprintf(_("Measures: %zu open, %zu overdue, %zu to review"),
                                        officer_open_measures(a), officer_overdue_measures(a, day),
                                        officer_measures_to_review(a)));
    if (!a->nmeasures)
        tlines_add(L, -1, TS_HELP_TEXT, xasprintf(_("none yet (%s adds one)"), "a"));
    for (size_t i = 0; i < a->nmeasures; i++) {
        const struct measure *m = &a->measures[i];
        struct sbuf sb;
        char label[16];
        measure_label(m->id, label);
        sbuf_init(&sb);
        sbuf_addf(&sb, "%-4s %s", label, mstatus_word(m->status));
        if (m->due)
            sbuf_addf(&sb, _(", due %s"), m->due);
        if (measure_overdue(m, day))
            sbuf_addf(&sb, " (%s)", _("OVERDUE"));
        if (m->review)
            sbuf_addf(&sb, " (%s)", _("to review"));
        sbuf_addf(&sb, ": %s", m->what);
        tlines_add(L, (long)i + 1, measure_overdue(m, day) ? TS_FLAG
                                 : m->review ? TS_MARK_REVIEW : TS_NORMAL, sbuf_detach(&sb, NULL));
    }
}

static void decision_lines(struct tui *t, struct tlines *L)
{
    const struct assessment *a = t->av->a;
    const struct decision *d = &a->decision;
    long item = (long)a->nmeasures + 1;
    struct sbuf sb;
    tlines_add(L, -1, TS_NORMAL, xstrdup(""));
    if (!decision_current(a)) {
        char *last = d->outcome != OUT_NONE
                         ? xasprintf(_(" (the last one, of round %d: %s)"), d->round,
                                     outcome_word(d->outcome))
                         : xstrdup("");
        tlines_add(L, item, TS_NORMAL, xasprintf(_("Decision of round %d: none yet%s"), a->round, last));
        free(last);
        return;
    }
    sbuf_init(&sb);
    sbuf_addf(&sb, _("Decision of round %d: %s"), a->round, outcome_word(d->outcome));
    for (size_t i = 0; i < d->conditions.n; i++)
        sbuf_addf(&sb, "%s%s", i ? ", " : " (", d->conditions.v[i]);
    if (d->conditions.n)
        sbuf_adds(&sb, ")");
    sbuf_addf(&sb, " - %s, %s", d->body, d->date);
    tlines_add(L, item, TS_NORMAL, sbuf_detach(&sb, NULL));
    tlines_add(L, -1, TS_HELP_TEXT, xasprintf("    %s", d->why));
}

static void approval_lines(struct tui *t, struct officer *o, struct tlines *L)
{
    const struct assessment *a = t->av->a;
    const char *snap = a->round_based_on ? a->round_based_on : a->last_snapshot;
    struct strlist missing = { 0 };
    tlines_add(L, -1, TS_NORMAL, xstrdup(""));
    if (!snap) {
        tlines_add(L, -1, TS_TITLE, xstrdup(_("Approvals: no snapshot yet")));
        return;
    }
    tlines_add(L, -1, TS_TITLE, xasprintf(_("Approvals of snapshot %s"), snap));
    for (size_t i = 0; i < a->napprovals; i++) {
        const struct approval *ap = &a->approvals[i];
        enum sig_state st = i < o->nchk ? o->chk[i].state : SIG_UNCHECKED;
        if (strcmp(ap->snapshot, snap) != 0)
            continue;
        tlines_add(L, -1, st == SIG_INVALID ? TS_ERROR : TS_NORMAL,
                 xasprintf("%s: %s, %s, %s", ap->role, ap->name, ap->date, sig_state_word(st)));
    }
    approval_missing(a, snap, &t->cfg.required_approvals, &missing);
    for (size_t i = 0; i < missing.n; i++)
        tlines_add(L, -1, TS_FLAG, xasprintf(_("%s: missing (required)"), missing.v[i]));
    strlist_release(&missing);
}

static void build(struct tui *t, struct officer *o, int width, struct tlines *L)
{
    const struct assessment *a = t->av->a;
    struct sbuf sb;
    sbuf_init(&sb);
    sbuf_addf(&sb, _("Overall risk: %s"), risk_word(a->overall.level));
    if (a->overall.review)
        sbuf_addf(&sb, " (%s)", _("to review"));
    if (a->overall.why)
        sbuf_addf(&sb, " - %s", a->overall.why);
    tlines_add(L, 0, a->overall.level >= RISK_HIGH ? TS_FLAG : TS_NORMAL, sbuf_detach(&sb, NULL));
    tlines_add(L, -1, TS_NORMAL, xstrdup(""));
    risk_table(t, L, width);
    measure_lines(t, L);
    decision_lines(t, L);
    approval_lines(t, o, L);
}

/* The lines as drawn: each one wider than width wrapped, its continuation
 * indented two columns under its start, with the item and the colour of the
 * line it continues (a decision's date, an approval's signature state and a
 * measure's text end their lines). */
static void wrap_tlines(struct tlines *in, int width, struct tlines *out)
{
    for (size_t i = 0; i < in->n; i++) {
        struct tline *l = &in->v[i];
        size_t lead = strspn(l->text, " ");
        int w = width - (int)lead - 2;
        struct strlist parts = { 0 };
        if ((int)text_width(l->text) <= width || w < 8) {
            tlines_add(out, l->item, l->slot, l->text);
            continue;
        }
        wrap_lines(l->text + lead, w, 0, &parts);
        for (size_t k = 0; k < parts.n; k++)
            tlines_add(out, l->item, l->slot,
                     xasprintf("%*s%s", (int)lead + (k ? 2 : 0), "", parts.v[k]));
        strlist_release(&parts);
        free(l->text);
    }
    free(in->v);
    memset(in, 0, sizeof(*in));
}

/* Each item's first line, the selected item's lines (o->b0..b1), and the
 * first line shown: unless the view was scrolled, the selected item's
 * lines are all on the screen if they fit, else its first ones. */
static void place_view(struct officer *o, const struct tlines *L, size_t h, size_t last)
{
    size_t maxtop = L->n > h ? L->n - h : 0;
    if (o->nfirst != last + 1) {   /* (kept from frame to frame) */
        free(o->first);
        o->nfirst = last + 1;
        o->first = xcalloc(o->nfirst, sizeof(*o->first));
    }
    for (size_t k = 0; k < o->nfirst; k++)
        o->first[k] = SIZE_MAX;
    for (size_t i = L->n; i-- > 0;)
        if (L->v[i].item >= 0 && (size_t)L->v[i].item < o->nfirst)
            o->first[L->v[i].item] = i;
    if (o->sel > last)
        o->sel = last;
    o->b0 = o->first[o->sel] != SIZE_MAX ? o->first[o->sel] : 0;
    o->b1 = L->n ? L->n - 1 : 0;
    for (size_t k = o->sel + 1; k < o->nfirst; k++)
        if (o->first[k] != SIZE_MAX) {
            o->b1 = o->first[k] - 1;
            break;
        }
    if (!o->free_view) {
        if (o->b1 >= o->top + h)
            o->top = o->b1 - h + 1;
        if (o->b0 < o->top || o->b1 - o->b0 + 1 > h)
            o->top = o->b0;
    }
    if (o->top > maxtop)
        o->top = maxtop;
    o->nlines = L->n;
    o->rows = h;
}

static void officer_draw(struct tui *t, struct screen *s)
{
    struct officer *o = (struct officer *)s;
    struct tlines built = { 0 }, L = { 0 };
    int h = t->rows - 1 - status_rows(t);
    char *head = xasprintf(_("Risk, measures, decision: %s"), t->av->a->coop.id);
    char *right = xasprintf(_("round %d"), t->av->a->round);
    draw_header_coop(t, head, _("Risk, measures, decision"), right);
    free(head);
    free(right);
    build(t, o, t->cols - 2, &built);
    wrap_tlines(&built, t->cols - 2, &L);
    place_view(o, &L, h > 0 ? (size_t)h : 1, t->av->a->nmeasures + 1);
    for (int y = 0; y < h && o->top + (size_t)y < L.n; y++) {
        const struct tline *l = &L.v[o->top + (size_t)y];
        tline_draw(t, 1 + y, l, l->item >= 0 && l->item == (long)o->sel);
    }
    tlines_release(&L);
    draw_status(t, CTX_OFFICER, officer_hints);
}

/* After a page: the first (up) or last (down) item that starts on the
 * screen, or else the one the top line belongs to. */
static void select_in_view(struct officer *o, int down)
{
    size_t at_top = SIZE_MAX, shown = SIZE_MAX;
    for (size_t k = 0; k < o->nfirst; k++) {
        if (o->first[k] == SIZE_MAX)
            continue;
        if (o->first[k] <= o->top)
            at_top = k;
        if (o->first[k] >= o->top && o->first[k] < o->top + o->rows &&
            (down || shown == SIZE_MAX))
            shown = k;
    }
    if (shown != SIZE_MAX)
        o->sel = shown;
    else if (at_top != SIZE_MAX)
        o->sel = at_top;
}

/* Down and up move the selection, but an item whose lines go on below (or
 * began above) the screen is read to its end (start) first: the decision's
 * rationale and the approvals after it have no item of their own. */
static void officer_move(struct officer *o, enum action a, size_t last)
{
    size_t maxtop = o->nlines > o->rows ? o->nlines - o->rows : 0;
    switch (a) {
    case ACT_DOWN:
        if (o->b1 >= o->top + o->rows && o->top < maxtop) {
            o->top++;
            o->free_view = 1;
        } else if (o->sel < last) {
            o->sel++;
            o->free_view = 0;
        }
        break;
    case ACT_UP:
        if (o->top > o->b0) {
            o->top--;
            o->free_view = 1;
        } else if (o->sel) {
            o->sel--;
            o->free_view = 0;
        }
        break;
    case ACT_PAGE_DOWN:
        o->top = o->top + o->rows < maxtop ? o->top + o->rows : maxtop;
        o->free_view = 1;
        select_in_view(o, 1);
        break;
    case ACT_PAGE_UP:
        o->top = o->top > o->rows ? o->top - o->rows : 0;
        o->free_view = 1;
        select_in_view(o, 0);
        break;
    case ACT_FIRST: o->sel = 0; o->top = 0; o->free_view = 0; break;
    case ACT_LAST: o->sel = last; o->top = maxtop; o->free_view = 1; break;
    default: break;
    }
}

static void officer_enter(struct tui *t, struct officer *o)
{
    const struct assessment *a = t->av->a;
    if (o->sel == 0)
        rate_open(t, a->cat->nquestions);
    else if (o->sel <= a->nmeasures)
        measure_open(t, &a->measures[o->sel - 1]);
    else
        decide_open(t);
}

static void officer_confirm(struct tui *t, struct officer *o)
{
    struct assessment *a = t->av->a;
    char now[CC_ISO_LEN];
    int done = 0;
    cc_now(now);
    if (o->sel == 0)
        done = officer_confirm_rating(a, a->cat->nquestions, t->who, now);
    else if (o->sel <= a->nmeasures)
        done = measure_confirm(a, a->measures[o->sel - 1].id, t->who, now);
    if (done)
        save(t);
    else
        tui_message(t, 0, _("nothing to confirm here: only a rating or measure carried over from "
                            "the last round is marked to review"));
}

static void officer_key(struct tui *t, struct screen *s, int key, enum action a)
{
    struct officer *o = (struct officer *)s;
    size_t last = t->av->a->nmeasures + 1;
    (void)key;
    switch (a) {
    case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN: case ACT_FIRST:
    case ACT_LAST:
        officer_move(o, a, last);
        break;
    case ACT_OPEN: officer_enter(t, o); break;
    case ACT_RATE: rate_open(t, t->av->a->cat->nquestions); break;
    case ACT_MEASURE_ADD: measure_open(t, NULL); break;
    case ACT_DECIDE: decide_open(t); break;
    case ACT_APPROVE: approve_open(t, o); break;
    case ACT_CONFIRM: officer_confirm(t, o); break;
    case ACT_LANGUAGE: tui_toggle_language(t); break;
    case ACT_CLOSE: screen_pop(t); break;
    default: break;
    }
}

static void officer_destroy(struct tui *t, struct screen *s)
{
    struct officer *o = (struct officer *)s;
    (void)t;
    free(o->chk);
    free(o->first);
    free(o);
}

static const struct screen_ops officer_ops = {
    CTX_OFFICER, 0, officer_draw, officer_key, NULL, officer_destroy, officer_hints,
};

void officer_open(struct tui *t)
{
    struct officer *o = xcalloc(1, sizeof(*o));
    o->base.ops = &officer_ops;
    officer_check(t, o);
    screen_push(t, &o->base);
}
