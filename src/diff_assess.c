/* diff_assess.c — what changed between two assessments, question by question
 * and field by field (the texts by word_diff, src/diff.c).  See diff.h. */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* ---- assessments ----------------------------------------------------------- */

static const struct answer no_answer;   /* all zero: unanswered */

/* Index of the question with id in cat, or -1. */
static long question_by_id(const struct catalog *cat, const char *id)
{
    for (size_t i = 0; i < cat->nquestions; i++)
        if (strcmp(cat->questions[i].id, id) == 0)
            return (long)i;
    return -1;
}

/* The answer a gives to field f (found by id in a's question aqi of a's own
 * catalogue); an unanswered one when a's catalogue lacks the question or the
 * field, or has a field of another type there. */
static const struct answer *answer_of(const struct assessment *a, const struct cat_field *f,
                                      long aqi)
{
    const struct cat_question *aq;
    long fi;
    if (aqi < 0)
        return &no_answer;
    aq = &a->cat->questions[aqi];
    fi = cat_question_field_index(aq, f->id);
    if (fi < 0 || aq->fields[fi].type != f->type || (size_t)fi >= a->q[aqi].nf)
        return &no_answer;
    return &a->q[aqi].f[fi];
}

static int is_answered(const struct answer *ans, enum field_type type)
{
    return type == FIELD_YESNO ? ans->yn != YN_UNSET : ans->text != NULL;
}

static enum qstate state_of(size_t set, size_t nf)
{
    if (set == 0)
        return QS_UNANSWERED;
    return set == nf ? QS_ANSWERED : QS_PARTIAL;
}

/* The catalogue old and new_ can be compared against, or NULL with a message. */
static const struct catalog *common_catalog(const struct assessment *old,
                                            const struct assessment *new_, struct cc_err *err)
{
    const char *oid = old->catalog_id ? old->catalog_id : (old->cat ? old->cat->id : "");
    const char *nid = new_->catalog_id ? new_->catalog_id : (new_->cat ? new_->cat->id : "");

    if (strcmp(oid, nid) != 0) {
        cc_error(err,
                 _("cannot compare: the old assessment answers catalogue \"%s\", "
                    "the new one catalogue \"%s\""),
                 oid, nid);
        return NULL;
    }
    if (!old->cat || !new_->cat) {
        cc_error(err, _("cannot compare: an assessment has no catalogue loaded"));
        return NULL;
    }
    if (old->cat != new_->cat && strcmp(old->cat->id, new_->cat->id) != 0) {
        cc_error(err,
                 _("cannot compare: the old assessment is read against catalogue \"%s\", "
                    "the new one against catalogue \"%s\""),
                 old->cat->id, new_->cat->id);
        return NULL;
    }
    return old->cat == new_->cat ? old->cat : new_->cat;
}

/* Field f answered oa before and na now (each possibly unanswered). */
static int note_differs(const struct answer *oa, const struct answer *na)
{
    return strcmp(oa->text ? oa->text : "", na->text ? na->text : "") != 0;
}

static void diff_field(const struct cat_field *f, const struct answer *oa, const struct answer *na,
                       struct field_diff *fd, struct diff_summary *sum)
{
    int oans = is_answered(oa, f->type), nans = is_answered(na, f->type);

    if (!oans && !nans)
        fd->change = FC_SAME;
    else if (!oans)
        fd->change = FC_ANSWERED;
    else if (!nans)
        fd->change = FC_CLEARED;
    else if (f->type == FIELD_YESNO)
        fd->change = oa->yn == na->yn && !note_differs(oa, na) ? FC_SAME : FC_CHANGED;
    else
        fd->change = strcmp(oa->text, na->text) == 0 ? FC_SAME : FC_CHANGED;

    if (f->type == FIELD_YESNO) {
        fd->old_yn = oa->yn;
        fd->new_yn = na->yn;
        if ((oans || nans) && note_differs(oa, na)) {
            fd->note_changed = 1;
            word_diff(oa->text ? oa->text : "", na->text ? na->text : "", &fd->words);
        }
        if (oa->yn == YN_YES && na->yn == YN_NO)
            sum->yes_to_no++;
        else if (oa->yn == YN_NO && na->yn == YN_YES)
            sum->no_to_yes++;
        else if ((oa->yn == YN_YES || oa->yn == YN_NO) && na->yn == YN_UNSURE)
            sum->to_unsure++;
        else if (oa->yn == YN_UNSURE && (na->yn == YN_YES || na->yn == YN_NO))
            sum->from_unsure++;
    } else if (fd->change != FC_SAME) {
        word_diff(oans ? oa->text : "", nans ? na->text : "", &fd->words);
    }
}

/* Question q of cat, which is question oqi of old and nqi of new_ (-1: not
 * in that one's catalogue), into qd and the summary. */
static void diff_question(const struct assessment *old, const struct assessment *new_,
                          const struct cat_question *q, long oqi, long nqi,
                          struct question_diff *qd, struct diff_summary *sum)
{
    size_t oset = 0, nset = 0;
    enum qstate os, ns;
    const char *osha, *nsha;

    qd->nf = q->nfields;
    qd->f = xcalloc(q->nfields + 1, sizeof(*qd->f));
    qd->followup_old = oqi >= 0 && old->q[oqi].followup;
    qd->followup_new = nqi >= 0 && new_->q[nqi].followup;
    qd->changed = qd->followup_old != qd->followup_new;

    for (size_t fi = 0; fi < q->nfields; fi++) {
        const struct cat_field *f = &q->fields[fi];
        const struct answer *oa = answer_of(old, f, oqi);
        const struct answer *na = answer_of(new_, f, nqi);

        oset += (size_t)is_answered(oa, f->type);
        nset += (size_t)is_answered(na, f->type);
        diff_field(f, oa, na, &qd->f[fi], sum);
        if (qd->f[fi].change != FC_SAME)
            qd->changed = 1;
    }

    os = state_of(oset, q->nfields);
    ns = state_of(nset, q->nfields);
    if (os == QS_UNANSWERED && ns != QS_UNANSWERED)
        sum->newly_answered++;
    else if (os != QS_UNANSWERED && ns == QS_UNANSWERED)
        sum->cleared++;
    if (!qd->followup_old && qd->followup_new)
        sum->followup_raised++;
    else if (qd->followup_old && !qd->followup_new)
        sum->followup_cleared++;

    osha = assessment_recorded_qsha(old, q->id);
    nsha = assessment_recorded_qsha(new_, q->id);
    qd->text_changed = osha && nsha && strcmp(osha, nsha) != 0;
    sum->text_changed += (size_t)qd->text_changed;

    if (qd->changed)
        sum->changed++;
    else if (!qd->text_changed)
        sum->unchanged++;   /* as the text output lists them */
}

int assessment_diff(const struct assessment *old, const struct assessment *new_,
                    struct assessment_diff *out, struct cc_err *err)
{
    const struct catalog *cat;

    memset(out, 0, sizeof(*out));
    cat = common_catalog(old, new_, err);
    if (!cat)
        return -1;
    out->cat = cat;
    out->q = xcalloc(cat->nquestions + 1, sizeof(*out->q));
    for (size_t qi = 0; qi < cat->nquestions; qi++) {
        const struct cat_question *q = &cat->questions[qi];
        long oqi = old->cat == cat ? (long)qi : question_by_id(old->cat, q->id);
        long nqi = new_->cat == cat ? (long)qi : question_by_id(new_->cat, q->id);

        diff_question(old, new_, q, oqi, nqi, &out->q[qi], &out->sum);
    }
    coop_diff(old, new_, out);
    officer_diff(old, new_, out);
    screening_diff(old, new_, out);
    return 0;
}

int assessment_same_content(const struct assessment *old, const struct assessment *new_)
{
    struct assessment_diff d;
    struct cc_err err;
    int same;
    if (assessment_diff(old, new_, &d, &err) != 0)
        return 0;
    same = d.sum.changed == 0 && d.ncoop == 0;
    for (size_t i = 0; same && i < d.noff; i++)
        if (d.off[i].kind != OK_APPROVAL)   /* approvals are of snapshots, not the round's */
            same = 0;
    assessment_diff_release(&d);
    return same;
}

void assessment_diff_release(struct assessment_diff *d)
{
    if (!d)
        return;
    for (size_t qi = 0; d->q && d->cat && qi < d->cat->nquestions; qi++) {
        for (size_t fi = 0; fi < d->q[qi].nf; fi++)
            word_diff_release(&d->q[qi].f[fi].words);
        free(d->q[qi].f);
    }
    free(d->q);
    for (size_t i = 0; i < d->noff; i++) {
        free(d->off[i].what);
        free(d->off[i].old);
        free(d->off[i].new_);
    }
    free(d->off);
    for (size_t i = 0; i < d->ncoop; i++) {
        free(d->coop[i].old);
        free(d->coop[i].new_);
    }
    free(d->coop);
    memset(d, 0, sizeof(*d));
}
