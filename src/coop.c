/* coop.c — the cooperation's own data: partners and their aliases, the
 * checks on its text, edits stamped with who made them and when, and
 * archiving.  See model.h. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cctime.h"
#include "i18n.h"
#include "officer.h"
#include "textutil.h"

#define COOP_TEXT_MAX 1024   /* bytes of a title, partner name, country, PI */

const char *coop_field_name(enum coop_field f)
{
    static const char *const names[CF_COUNT] = {
        "title", "partners", "country", "pi", "start", "interval_months", "catalog", "id",
    };
    return (unsigned)f < CF_COUNT ? names[f] : "?";
}

const char *coop_text_problem(const char *s, size_t max)
{
    if (strlen(s) > max)
        return _("it is too long");
    if (utf8_invalid(s, strlen(s)))
        return _("it is not valid UTF-8");
    if (text_find_unsafe(s, 0))
        return _("it contains control characters");
    return NULL;
}

static int same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static int same_list(const struct strlist *a, const struct strlist *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->v[i], b->v[i]) != 0)
            return 0;
    return 1;
}

int coop_same_partners(const struct coop *a, const struct coop *b)
{
    if (!same_list(&a->partners, &b->partners))
        return 0;
    for (size_t i = 0; i < a->partners.n; i++)
        if (!same_list(coop_aliases(a, i), coop_aliases(b, i)))
            return 0;
    return 1;
}

/* Every text of e acceptable: 0, or -1 with a message naming the field. */
static int check_edit(const struct coop *e, struct cc_err *err)
{
    const char *why;
    int y, m, d;
    if (!e->title || !*e->title)
        return cc_error(err, _("the title cannot be empty"));
    if ((why = coop_text_problem(e->title, COOP_TEXT_MAX)))
        return cc_error(err, _("the title cannot be used: %s"), why);
    if (e->country && (why = coop_text_problem(e->country, COOP_TEXT_MAX)))
        return cc_error(err, _("the country cannot be used: %s"), why);
    if (e->pi && (why = coop_text_problem(e->pi, COOP_TEXT_MAX)))
        return cc_error(err, _("the principal investigator cannot be used: %s"), why);
    for (size_t i = 0; i < e->partners.n; i++) {
        const struct strlist *al = coop_aliases(e, i);
        if (!*e->partners.v[i])
            return cc_error(err, _("partner %zu has no name"), i + 1);
        if ((why = coop_text_problem(e->partners.v[i], COOP_TEXT_MAX)))
            return cc_error(err, _("partner %zu cannot be used: %s"), i + 1, why);
        for (size_t k = 0; k < al->n; k++)
            if (!*al->v[k] || (why = coop_text_problem(al->v[k], COOP_TEXT_MAX)))
                return cc_error(err, _("an alias of partner \"%s\" cannot be used: %s"),
                                e->partners.v[i], why ? why : _("it is empty"));
    }
    if (e->start && cc_parse_date(e->start, &y, &m, &d) != 0)
        return cc_error(err, _("the start date must be a date like 2026-01-31, not \"%s\""), e->start);
    if (e->interval_months < 1 || e->interval_months > 120)
        return cc_error(err, _("the re-assessment interval must be 1 to 120 months, not %d"),
                        e->interval_months);
    return 0;
}

static void stamp(struct stamp *s, const char *who, const char *now)
{
    free(s->at);
    free(s->by);
    s->at = xstrdup(now);
    s->by = xstrdup(who);
}

static void take(char **dst, const char *src)
{
    free(*dst);
    *dst = src && *src ? xstrdup(src) : NULL;
}

int coop_apply_edit(struct assessment *a, const struct coop *e, const char *who, const char *now,
                    struct cc_err *err)
{
    struct coop *c = &a->coop;
    int n = 0;
    if (check_edit(e, err) != 0)
        return -1;
    if (!same(c->title, e->title)) {
        take(&c->title, e->title);
        stamp(&c->changed[CF_TITLE], who, now);
        n++;
    }
    if (!coop_same_partners(c, e)) {
        struct coop fresh;
        memset(&fresh, 0, sizeof(fresh));
        for (size_t i = 0; i < e->partners.n; i++)
            coop_add_partner(&fresh, e->partners.v[i], coop_aliases(e, i));
        for (size_t i = 0; c->aliases && i < c->partners.n; i++)
            strlist_release(&c->aliases[i]);
        free(c->aliases);
        strlist_release(&c->partners);
        c->partners = fresh.partners;
        c->aliases = fresh.aliases;
        stamp(&c->changed[CF_PARTNERS], who, now);
        n++;
    }
    if (!same(c->country, e->country)) {
        take(&c->country, e->country);
        stamp(&c->changed[CF_COUNTRY], who, now);
        n++;
    }
    if (!same(c->pi, e->pi)) {
        take(&c->pi, e->pi);
        stamp(&c->changed[CF_PI], who, now);
        n++;
    }
    if (!same(c->start, e->start)) {
        take(&c->start, e->start);
        stamp(&c->changed[CF_START], who, now);
        n++;
    }
    if (c->interval_months != e->interval_months) {
        c->interval_months = e->interval_months;
        stamp(&c->changed[CF_INTERVAL], who, now);
        n++;
    }
    if (n) {
        free(a->updated_at);
        free(a->updated_by);
        a->updated_at = xstrdup(now);
        a->updated_by = xstrdup(who);
    }
    return n;
}

int coop_set_archived(struct assessment *a, int on, const char *who, const char *now)
{
    struct stamp *s = &a->coop.archived;
    if (on == (s->at != NULL))
        return 0;
    if (on) {
        stamp(s, who, now);
    } else {
        free(s->at);
        free(s->by);
        s->at = s->by = NULL;
    }
    free(a->updated_at);
    free(a->updated_by);
    a->updated_at = xstrdup(now);
    a->updated_by = xstrdup(who);
    return 1;
}

void coop_partner_text(struct sbuf *sb, const struct coop *c, size_t i)
{
    const struct strlist *al = coop_aliases(c, i);
    sbuf_adds(sb, c->partners.v[i]);
    for (size_t k = 0; k < al->n; k++)
        sbuf_addf(sb, "%s%s", k ? ", " : " (", al->v[k]);
    if (al->n)
        sbuf_addc(sb, ')');
}

char *coop_field_text(const struct assessment *a, enum coop_field f)
{
    const struct coop *c = &a->coop;
    struct sbuf sb;
    switch (f) {
    case CF_TITLE: return c->title ? xstrdup(c->title) : NULL;
    case CF_COUNTRY: return c->country ? xstrdup(c->country) : NULL;
    case CF_PI: return c->pi ? xstrdup(c->pi) : NULL;
    case CF_START: return c->start ? xstrdup(c->start) : NULL;
    case CF_INTERVAL: return xasprintf("%d", c->interval_months);
    case CF_CATALOG: return xasprintf("%s %s", a->catalog_id, a->catalog_version);
    case CF_ID: return c->id ? xstrdup(c->id) : NULL;
    case CF_PARTNERS:
        if (!c->partners.n)
            return NULL;
        sbuf_init(&sb);
        for (size_t i = 0; i < c->partners.n; i++) {
            if (i)
                sbuf_adds(&sb, "; ");
            coop_partner_text(&sb, c, i);
        }
        return sbuf_detach(&sb, NULL);
    case CF_COUNT: break;
    }
    return NULL;
}

/* ---- another catalogue ---- */

static void lost_answers(const struct assessment *a, const struct catalog *cat, struct strlist *lost)
{
    for (size_t i = 0; i < a->nmeasures; i++)
        for (size_t k = 0; k < a->measures[i].addresses.n; k++) {
            const char *r = a->measures[i].addresses.v[k];
            if (strcmp(r, OVERALL_REF) != 0 && !catalog_question(cat, r))
                strlist_push_owned(lost, xasprintf("M%u.%s", a->measures[i].id, r));
        }
    for (size_t qi = 0; qi < a->cat->nquestions; qi++) {
        const struct cat_question *oq = &a->cat->questions[qi];
        const struct cat_question *nq = catalog_question(cat, oq->id);
        if (!nq && (a->q[qi].risk.level != RISK_UNRATED || a->q[qi].risk.why))
            strlist_push_owned(lost, xasprintf("%s.risk", oq->id));
        for (size_t f = 0; f < a->q[qi].nf; f++) {
            if (!answer_is_set(&a->q[qi].f[f]))
                continue;
            if (!nq || cat_question_field_index(nq, oq->fields[f].id) < 0 ||
                nq->fields[cat_question_field_index(nq, oq->fields[f].id)].type != oq->fields[f].type)
                strlist_push_owned(lost, xasprintf("%s.%s", oq->id, oq->fields[f].id));
        }
    }
}

int assessment_recatalog(struct assessment *a, const struct catalog *cat, int force,
                         struct strlist *lost, const char *who, const char *now)
{
    struct qanswers *q = xcalloc(cat->nquestions + 1, sizeof(*q));
    size_t before = lost->n;
    lost_answers(a, cat, lost);
    if (lost->n > before && !force) {
        free(q);
        return -1;
    }
    for (size_t ni = 0; ni < cat->nquestions; ni++) {
        const struct cat_question *nq = &cat->questions[ni];
        const struct cat_question *oq = catalog_question(a->cat, nq->id);
        long oi = oq ? catalog_question_index(a->cat, oq) : -1;
        int any = 0;
        q[ni].nf = nq->nfields;
        q[ni].f = xcalloc(nq->nfields + 1, sizeof(*q[ni].f));
        if (oi < 0)
            continue;
        for (size_t f = 0; f < nq->nfields; f++) {
            long of = cat_question_field_index(oq, nq->fields[f].id);
            if (of < 0 || oq->fields[of].type != nq->fields[f].type)
                continue;
            q[ni].f[f] = a->q[oi].f[of];   /* taken over: the old one is cleared below */
            memset(&a->q[oi].f[of], 0, sizeof(a->q[oi].f[of]));
            any |= answer_is_set(&q[ni].f[f]);
        }
        q[ni].followup = a->q[oi].followup;
        q[ni].review = a->q[oi].review;
        q[ni].risk = a->q[oi].risk;   /* taken over, like the answers */
        memset(&a->q[oi].risk, 0, sizeof(a->q[oi].risk));
        if (any) {
            char h1[65], h2[65];
            question_text_sha256(oq, h1);
            question_text_sha256(nq, h2);
            if (strcmp(h1, h2) != 0)
                q[ni].review = 1;   /* its official text changed: look at the answer again */
        }
    }
    for (size_t qi = 0; qi < a->cat->nquestions; qi++)
        qanswers_release(&a->q[qi]);
    free(a->q);
    a->q = q;
    /* measures keep addressing the questions the new catalogue still has */
    for (size_t i = 0; i < a->nmeasures; i++) {
        struct strlist keep = { 0 };
        for (size_t k = 0; k < a->measures[i].addresses.n; k++) {
            const char *r = a->measures[i].addresses.v[k];
            if (strcmp(r, OVERALL_REF) == 0 || catalog_question(cat, r))
                strlist_push(&keep, r);
        }
        strlist_release(&a->measures[i].addresses);
        a->measures[i].addresses = keep;
    }
    a->cat = cat;
    free(a->catalog_id);
    free(a->catalog_version);
    a->catalog_id = xstrdup(cat->id);
    a->catalog_version = xstrdup(cat->version);
    qsha_release(&a->qsha);
    stamp(&a->coop.changed[CF_CATALOG], who, now);
    free(a->updated_at);
    free(a->updated_by);
    a->updated_at = xstrdup(now);
    a->updated_by = xstrdup(who);
    return 0;
}
