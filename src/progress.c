/* progress.c — how far an assessment is: which fields are asked, which count
 * as answered, the state of each question, and what keeps the assessment
 * from being complete (the summary before a snapshot). */
#include "model.h"
#include "screening.h"

#include <stdlib.h>
#include <string.h>

int answer_is_set(const struct answer *ans)
{
    return ans->yn != YN_UNSET || ans->text != NULL;
}

static const struct cat_field *field(const struct assessment *a, size_t qi, size_t fi)
{
    return &a->cat->questions[qi].fields[fi];
}

int field_applies(const struct assessment *a, size_t qi, size_t fi)
{
    const struct cat_field *f = field(a, qi, fi);
    enum yesno v;
    if (f->when_field == CAT_WHEN_ALWAYS)
        return 1;
    v = a->q[qi].f[f->when_field].yn;
    return v != YN_UNSET && (f->when_is & (1u << v)) != 0;
}

static int value_set(const struct assessment *a, size_t qi, size_t fi)
{
    const struct answer *ans = &a->q[qi].f[fi];
    return field(a, qi, fi)->type == FIELD_YESNO ? ans->yn != YN_UNSET : ans->text != NULL;
}

int field_unexplained(const struct assessment *a, size_t qi, size_t fi)
{
    const struct answer *ans = &a->q[qi].f[fi];
    if (field(a, qi, fi)->type != FIELD_YESNO || ans->yn != YN_UNSURE || ans->text)
        return 0;
    for (size_t k = 0; k < a->q[qi].nf; k++)
        if (field(a, qi, k)->type == FIELD_TEXT && a->q[qi].f[k].text && field_applies(a, qi, k))
            return 0;
    return 1;
}

int field_answered(const struct assessment *a, size_t qi, size_t fi)
{
    return field_applies(a, qi, fi) && value_set(a, qi, fi) && !field_unexplained(a, qi, fi);
}

enum qstate assessment_qstate(const struct assessment *a, size_t qi)
{
    size_t set = 0, asked = 0, answered = 0;
    for (size_t f = 0; f < a->q[qi].nf; f++) {
        int applies = field_applies(a, qi, f);
        set += value_set(a, qi, f) && applies;
        asked += applies;
        answered += field_answered(a, qi, f);
    }
    if (set == 0)
        return QS_UNANSWERED;
    return answered == asked ? QS_ANSWERED : QS_PARTIAL;
}

size_t assessment_answered(const struct assessment *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->cat->nquestions; i++)
        n += assessment_qstate(a, i) == QS_ANSWERED;
    return n;
}

size_t assessment_to_review(const struct assessment *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->cat->nquestions; i++)
        n += a->q[i].review != 0;
    return n;
}

void idlist_add(struct idlist *l, size_t qi)
{
    l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
    l->v[l->n++] = qi;
}

void assessment_open_items(const struct assessment *a, struct open_items *o)
{
    memset(o, 0, sizeof(*o));
    for (size_t qi = 0; qi < a->cat->nquestions; qi++) {
        enum qstate st = assessment_qstate(a, qi);
        if (st == QS_UNANSWERED)
            idlist_add(&o->unanswered, qi);
        else if (st == QS_PARTIAL)
            idlist_add(&o->partial, qi);
        for (size_t f = 0; f < a->q[qi].nf; f++)
            if (field_applies(a, qi, f) && field_unexplained(a, qi, f)) {
                idlist_add(&o->unexplained, qi);
                break;
            }
        if (a->q[qi].review)
            idlist_add(&o->review, qi);
        if (a->q[qi].followup)
            idlist_add(&o->followup, qi);
        if (a->q[qi].risk.review)
            idlist_add(&o->risk_review, qi);
    }
    if (a->overall.review)
        idlist_add(&o->risk_review, a->cat->nquestions);
    for (size_t i = 0; i < a->nmeasures; i++)
        if (a->measures[i].review)
            idlist_add(&o->measure_review, a->measures[i].id);
    screening_open_hits(a, &o->screen_open);
    for (size_t i = 0; i < a->nconflicts; i++)
        idlist_add(&o->conflicts, i);
}

int open_items_none(const struct open_items *o)
{
    return !o->unanswered.n && !o->partial.n && !o->unexplained.n && !o->review.n && !o->followup.n &&
           !o->risk_review.n && !o->measure_review.n && !o->screen_open.n && !o->conflicts.n;
}

void open_items_release(struct open_items *o)
{
    free(o->unanswered.v);
    free(o->partial.v);
    free(o->unexplained.v);
    free(o->review.v);
    free(o->followup.v);
    free(o->screen_open.v);
    free(o->conflicts.v);
    free(o->risk_review.v);
    free(o->measure_review.v);
    memset(o, 0, sizeof(*o));
}

int assessment_untouched(const struct assessment *a)
{
    return a->round > 1 && a->round_based_on && a->updated_at && a->round_started &&
           strcmp(a->updated_at, a->round_started) <= 0;
}
