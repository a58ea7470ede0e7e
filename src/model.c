/* model.c — see model.h. */
#include "model.h"
#include "screening.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "officer.h"
#include "sha256.h"
#include "textutil.h"

static const char *const yesno_names[] = { "unset", "yes", "no", "unsure" };

const char *yesno_name(enum yesno v)
{
    return (unsigned)v < CC_ARRAY_LEN(yesno_names) ? yesno_names[v] : "?";
}

int yesno_parse(const char *s)
{
    for (size_t i = 0; i < CC_ARRAY_LEN(yesno_names); i++)
        if (s && strcmp(s, yesno_names[i]) == 0)
            return (int)i;
    return -1;
}

_Static_assert(COOP_ID_MAX == 64, "cc_slug_valid allows 64 characters");

int coop_id_valid(const char *id)
{
    return cc_slug_valid(id);
}

const char *coop_id_rule(void)
{
    return _("an id is 1 to 64 characters: lowercase letters a-z, digits and '-', "
             "starting with a letter or digit (e.g. \"tum-hit-2026\")");
}

const char *coop_id_refusal(const char *id)
{
    if (!coop_id_valid(id))
        return coop_id_rule();
    if (strcmp(id, "reports") == 0)
        return _("it is the name of the data directory's folder of reports");
    if (strcmp(id, "lists") == 0)
        return _("it is the name of the folder of screening lists in the default data directory");
    return NULL;
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static void stamp_release(struct stamp *s)
{
    free(s->at);
    free(s->by);
    s->at = s->by = NULL;
}

static void stamp_copy(struct stamp *dst, const struct stamp *src)
{
    dst->at = dup_or_null(src->at);
    dst->by = dup_or_null(src->by);
}

void coop_release(struct coop *c)
{
    free(c->id);
    free(c->title);
    for (size_t i = 0; c->aliases && i < c->partners.n; i++)
        strlist_release(&c->aliases[i]);
    free(c->aliases);
    strlist_release(&c->partners);
    free(c->country);
    free(c->pi);
    free(c->start);
    for (int f = 0; f < CF_COUNT; f++)
        stamp_release(&c->changed[f]);
    stamp_release(&c->archived);
    memset(c, 0, sizeof(*c));
}

void coop_copy(struct coop *dst, const struct coop *src)
{
    memset(dst, 0, sizeof(*dst));
    dst->id = dup_or_null(src->id);
    dst->title = dup_or_null(src->title);
    for (size_t i = 0; i < src->partners.n; i++)
        coop_add_partner(dst, src->partners.v[i], coop_aliases(src, i));
    dst->country = dup_or_null(src->country);
    dst->pi = dup_or_null(src->pi);
    dst->start = dup_or_null(src->start);
    dst->interval_months = src->interval_months;
    for (int f = 0; f < CF_COUNT; f++)
        stamp_copy(&dst->changed[f], &src->changed[f]);
    stamp_copy(&dst->archived, &src->archived);
}

void coop_add_partner(struct coop *c, const char *name, const struct strlist *aliases)
{
    size_t n = c->partners.n;
    strlist_push(&c->partners, name);
    if (aliases && aliases->n && !c->aliases)
        c->aliases = xcalloc(n + 1, sizeof(*c->aliases));
    if (c->aliases) {
        c->aliases = xrealloc(c->aliases, (n + 1) * sizeof(*c->aliases));
        memset(&c->aliases[n], 0, sizeof(c->aliases[n]));
        for (size_t k = 0; aliases && k < aliases->n; k++)
            strlist_push(&c->aliases[n], aliases->v[k]);
    }
}

const struct strlist *coop_aliases(const struct coop *c, size_t i)
{
    static const struct strlist none;
    return c->aliases && i < c->partners.n ? &c->aliases[i] : &none;
}

struct assessment *assessment_new(const struct catalog *cat, const struct coop *meta,
                                  const char *who, const char *now)
{
    struct assessment *a = xcalloc(1, sizeof(*a));
    a->cat = cat;
    a->catalog_id = xstrdup(cat->id);
    a->catalog_version = xstrdup(cat->version);
    coop_copy(&a->coop, meta);
    a->created_at = xstrdup(now);
    a->created_by = xstrdup(who);
    a->updated_at = xstrdup(now);
    a->updated_by = xstrdup(who);
    a->round = 1;
    a->round_started = xstrdup(now);
    a->q = xcalloc(cat->nquestions + 1, sizeof(*a->q));
    for (size_t i = 0; i < cat->nquestions; i++) {
        a->q[i].nf = cat->questions[i].nfields;
        a->q[i].f = xcalloc(a->q[i].nf + 1, sizeof(*a->q[i].f));
    }
    return a;
}

static void answer_release(struct answer *ans)
{
    free(ans->text);
    free(ans->by);
    free(ans->at);
    memset(ans, 0, sizeof(*ans));
}

void assessment_free(struct assessment *a)
{
    if (!a)
        return;
    free(a->catalog_id);
    free(a->catalog_version);
    coop_release(&a->coop);
    free(a->created_at);
    free(a->created_by);
    free(a->updated_at);
    free(a->updated_by);
    free(a->round_started);
    free(a->round_based_on);
    free(a->round_based_on_sha256);
    free(a->last_snapshot);
    free(a->last_snapshot_sha256);
    free(a->file_sha256);
    qsha_release(&a->qsha);
    strlist_release(&a->dropped);
    for (size_t i = 0; a->cat && i < a->cat->nquestions; i++) {
        for (size_t f = 0; f < a->q[i].nf; f++)
            answer_release(&a->q[i].f[f]);
        free(a->q[i].f);
        rating_release(&a->q[i].risk);
    }
    officer_release(a);
    assessment_screenings_release(a);
    for (size_t i = 0; i < a->nconflicts; i++)
        merge_conflict_release(&a->conflicts[i]);
    free(a->conflicts);
    for (size_t i = 0; i < a->nmerged; i++) {
        free(a->merged[i].name);
        free(a->merged[i].sha256);
    }
    free(a->merged);
    free(a->q);
    if (a->snap) {
        free(a->snap->name);
        free(a->snap->taken_at);
        free(a->snap->taken_by);
        free(a->snap->note);
        free(a->snap->prev_name);
        free(a->snap->prev_sha256);
        free(a->snap);
    }
    free(a);
}

static void touch(struct assessment *a, struct answer *ans, size_t qi, const char *who,
                  const char *now)
{
    if (ans) {
        free(ans->by);
        free(ans->at);
        ans->by = xstrdup(who);
        ans->at = xstrdup(now);
    }
    free(a->updated_by);
    free(a->updated_at);
    a->updated_by = xstrdup(who);
    a->updated_at = xstrdup(now);
    a->q[qi].review = 0;  /* a change is a review */
}

static int check_field(const struct assessment *a, size_t qi, size_t fi, enum field_type want,
                       struct cc_err *err)
{
    const struct cat_question *q;
    if (qi >= a->cat->nquestions)
        return cc_error(err, _("no question number %zu in this catalogue"), qi + 1);
    q = &a->cat->questions[qi];
    if (fi >= q->nfields)
        return cc_error(err, _("question %s has no field number %zu"), q->id, fi + 1);
    if (q->fields[fi].type != want)
        return cc_error(err, q->fields[fi].type == FIELD_YESNO
                                 ? _("field \"%s\" of %s is a yes/no field")
                                 : _("field \"%s\" of %s is a text field"),
                        q->fields[fi].id, q->id);
    return 0;
}

int assessment_set_yesno(struct assessment *a, size_t qi, size_t fi, enum yesno v,
                         const char *who, const char *now, struct cc_err *err)
{
    struct answer *ans;
    if (check_field(a, qi, fi, FIELD_YESNO, err) != 0)
        return -1;
    if ((unsigned)v > YN_UNSURE)
        return cc_error(err, _("not a yes/no value"));
    ans = &a->q[qi].f[fi];
    ans->yn = v;
    touch(a, ans, qi, who, now);
    return 0;
}

static int blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

/* The checks of assessment_set_text for text of len bytes, at most max. */
static int check_text(const char *text, size_t len, size_t max, struct cc_err *err)
{
    const char *bad;
    if (len > max)
        return cc_error(err, _("the text is %zu bytes long; a field holds at most %u bytes"),
                        len, (unsigned)max);
    bad = utf8_invalid(text, len);
    if (bad)
        return cc_error(err, _("the text is not valid UTF-8 (byte 0x%02x at offset %zu); "
                           "convert it to UTF-8 first"), (unsigned char)*bad, (size_t)(bad - text));
    return 0;
}

/* The text of field fi of type type: a text field's answer, or a yes/no
 * answer's note (blank clears it).  The text it held goes to *old when old
 * is not NULL (the caller frees it), else it is freed. */
static int set_answer_text(struct assessment *a, size_t qi, size_t fi, enum field_type type,
                           const char *text, const char *who, const char *now, char **old,
                           struct cc_err *err)
{
    struct answer *ans;
    size_t len = strlen(text);
    if (check_field(a, qi, fi, type, err) != 0 || check_text(text, len, TEXT_ANSWER_MAX, err) != 0)
        return -1;
    ans = &a->q[qi].f[fi];
    if (old)
        *old = ans->text;
    else
        free(ans->text);
    ans->text = NULL;
    if (!blank(text)) {
        ans->text = xmalloc(len + 1);
        memcpy(ans->text, text, len + 1);
        if (memchr(text, '\r', len))
            text_normalize_newlines(ans->text);
    }
    touch(a, ans, qi, who, now);
    return 0;
}

int assessment_set_text(struct assessment *a, size_t qi, size_t fi, const char *text,
                        const char *who, const char *now, struct cc_err *err)
{
    return set_answer_text(a, qi, fi, FIELD_TEXT, text, who, now, NULL, err);
}

void assessment_set_followup(struct assessment *a, size_t qi, int on, const char *who,
                             const char *now)
{
    a->q[qi].followup = on ? 1 : 0;
    free(a->updated_by);
    free(a->updated_at);
    a->updated_by = xstrdup(who);
    a->updated_at = xstrdup(now);
}

void assessment_confirm(struct assessment *a, size_t qi, const char *who, const char *now)
{
    touch(a, NULL, qi, who, now);
}

int assessment_set_note(struct assessment *a, size_t qi, size_t fi, const char *text,
                        const char *who, const char *now, struct cc_err *err)
{
    return set_answer_text(a, qi, fi, FIELD_YESNO, text, who, now, NULL, err);
}

int assessment_replace_text(struct assessment *a, size_t qi, size_t fi, const char *text,
                            const char *who, const char *now, char **old, struct cc_err *err)
{
    enum field_type type = FIELD_TEXT;
    if (qi < a->cat->nquestions && fi < a->cat->questions[qi].nfields)
        type = a->cat->questions[qi].fields[fi].type;
    return set_answer_text(a, qi, fi, type, text, who, now, old, err);
}

void qanswers_copy(struct qanswers *dst, const struct qanswers *src)
{
    qanswers_copy_but_text(dst, src, (size_t)-1);
}

void qanswers_copy_but_text(struct qanswers *dst, const struct qanswers *src, size_t skip)
{
    dst->nf = src->nf;
    dst->followup = src->followup;
    dst->review = src->review;
    rating_copy(&dst->risk, &src->risk);
    dst->f = xcalloc(src->nf + 1, sizeof(*dst->f));
    for (size_t i = 0; i < src->nf; i++) {
        dst->f[i].yn = src->f[i].yn;
        dst->f[i].text = i == skip ? NULL : dup_or_null(src->f[i].text);
        dst->f[i].by = dup_or_null(src->f[i].by);
        dst->f[i].at = dup_or_null(src->f[i].at);
    }
}

void qanswers_release(struct qanswers *q)
{
    for (size_t i = 0; i < q->nf; i++) {
        free(q->f[i].text);
        free(q->f[i].by);
        free(q->f[i].at);
    }
    free(q->f);
    rating_release(&q->risk);
    memset(q, 0, sizeof(*q));
}

static int same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

int qanswers_equal(const struct qanswers *a, const struct qanswers *b)
{
    if (a->nf != b->nf || a->followup != b->followup || a->review != b->review ||
        !rating_equal(&a->risk, &b->risk))
        return 0;
    for (size_t i = 0; i < a->nf; i++)
        if (a->f[i].yn != b->f[i].yn || !same_str(a->f[i].text, b->f[i].text) ||
            !same_str(a->f[i].by, b->f[i].by) || !same_str(a->f[i].at, b->f[i].at))
            return 0;
    return 1;
}


void question_text_sha256(const struct cat_question *q, char out[65])
{
    struct sha256 c;
    unsigned char h[32];
    sha256_init(&c);
    for (int l = 0; l < LANG_COUNT; l++) {
        const char *t = q->text.s[l] ? q->text.s[l] : "";
        sha256_update(&c, lang_code((enum lang)l), 2);
        sha256_update(&c, ":", 1);
        sha256_update(&c, t, strlen(t) + 1);   /* with the NUL as separator */
    }
    sha256_final(&c, h);
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", h[i]);
}

void qsha_release(struct qsha_list *l)
{
    free(l->buf);
    free(l->id);
    free(l->sha);
    memset(l, 0, sizeof(*l));
}

void qsha_set(struct qsha_list *l, size_t n, const char *const *ids, const char *const *shas)
{
    size_t size = 0;
    char *at;
    qsha_release(l);
    if (!n)
        return;
    for (size_t i = 0; i < n; i++)
        size += strlen(ids[i]) + strlen(shas[i]) + 2;
    at = l->buf = xmalloc(size);
    l->id = xmalloc(n * sizeof(*l->id));
    l->sha = xmalloc(n * sizeof(*l->sha));
    for (size_t i = 0; i < n; i++) {
        size_t a = strlen(ids[i]) + 1, b = strlen(shas[i]) + 1;
        l->id[i] = memcpy(at, ids[i], a);
        l->sha[i] = memcpy(at + a, shas[i], b);
        at += a + b;
    }
    l->n = n;
}

const char *assessment_recorded_qsha(const struct assessment *a, const char *qid)
{
    for (size_t i = 0; i < a->qsha.n; i++)
        if (strcmp(a->qsha.id[i], qid) == 0)
            return a->qsha.sha[i];
    return NULL;
}

void merge_conflict_release(struct merge_conflict *c)
{
    free(c->path);
    free(c->at);
    free(c->base);
    free(c->mine);
    free(c->theirs);
    memset(c, 0, sizeof(*c));
}

void assessment_swap_contents(struct assessment *a, struct assessment *b)
{
    struct assessment t = *a;
    *a = *b;
    *b = t;
}
