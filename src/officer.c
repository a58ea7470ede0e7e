/* officer.c — see officer.h. */
#include "officer.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cctime.h"
#include "i18n.h"
#include "textutil.h"

/* ---- names ---- */

struct word { const char *name; int value; };

static int parse_words(const struct word *w, size_t n, const char *s)
{
    for (size_t i = 0; s && i < n; i++)
        if (strcasecmp(s, w[i].name) == 0)
            return w[i].value;
    return -1;
}

static const char *const risk_names[] = { "unrated", "none", "low", "medium", "high" };

const char *risk_name(enum risk r)
{
    return (unsigned)r < CC_ARRAY_LEN(risk_names) ? risk_names[r] : "?";
}

const char *risk_word(enum risk r)
{
    switch (r) {
    case RISK_UNRATED: return _("not rated");
    case RISK_NONE: return _("no risk");
    case RISK_LOW: return _("low");
    case RISK_MEDIUM: return _("medium");
    case RISK_HIGH: return _("high");
    }
    return "?";
}

/* s as a word for people: the words of the current language, then English. */
static int parse_people(const char *s, const char *(*word)(int), int n)
{
    for (int i = 0; s && i < n; i++)
        if (strcasecmp(s, word(i)) == 0)
            return i;
    return -1;
}

static const char *risk_word_i(int i) { return risk_word((enum risk)i); }
static const char *mstatus_word_i(int i) { return mstatus_word((enum mstatus)i); }
static const char *outcome_word_i(int i) { return outcome_word((enum outcome)i); }

int risk_parse(const char *s)
{
    static const struct word w[] = {
        { "unrated", RISK_UNRATED }, { "none", RISK_NONE }, { "low", RISK_LOW },
        { "medium", RISK_MEDIUM }, { "high", RISK_HIGH }, { "not rated", RISK_UNRATED },
        { "no risk", RISK_NONE }, { "unbewertet", RISK_UNRATED }, { "nicht bewertet", RISK_UNRATED },
        { "keins", RISK_NONE }, { "kein", RISK_NONE }, { "kein Risiko", RISK_NONE },
        { "niedrig", RISK_LOW }, { "mittel", RISK_MEDIUM }, { "hoch", RISK_HIGH },
    };
    int p = parse_words(w, CC_ARRAY_LEN(w), s);
    return p >= 0 ? p : parse_people(s, risk_word_i, RISK_LEVELS);
}

static const char *const mstatus_names[] = { "planned", "in_place", "done", "dropped" };

const char *mstatus_name(enum mstatus s)
{
    return (unsigned)s < CC_ARRAY_LEN(mstatus_names) ? mstatus_names[s] : "?";
}

const char *mstatus_word(enum mstatus s)
{
    switch (s) {
    case MS_PLANNED: return _("planned");
    case MS_IN_PLACE: return _("in place");
    case MS_DONE: return _("done");
    case MS_DROPPED: return _("dropped");
    }
    return "?";
}

int mstatus_parse(const char *s)
{
    static const struct word w[] = {
        { "planned", MS_PLANNED }, { "in_place", MS_IN_PLACE }, { "in-place", MS_IN_PLACE },
        { "in place", MS_IN_PLACE }, { "done", MS_DONE }, { "dropped", MS_DROPPED },
        { "geplant", MS_PLANNED }, { "umgesetzt", MS_IN_PLACE }, { "erledigt", MS_DONE },
        { "verworfen", MS_DROPPED },
    };
    int p = parse_words(w, CC_ARRAY_LEN(w), s);
    return p >= 0 ? p : parse_people(s, mstatus_word_i, MS_COUNT);
}

static const char *const outcome_names[] = { "none", "proceed", "proceed_with_conditions",
                                             "postpone", "do_not_proceed" };

const char *outcome_name(enum outcome o)
{
    return (unsigned)o < CC_ARRAY_LEN(outcome_names) ? outcome_names[o] : "?";
}

const char *outcome_word(enum outcome o)
{
    switch (o) {
    case OUT_NONE: return _("no decision");
    case OUT_PROCEED: return _("proceed");
    case OUT_CONDITIONS: return _("proceed with conditions");
    case OUT_POSTPONE: return _("postpone pending information");
    case OUT_DECLINE: return _("do not proceed");
    }
    return "?";
}

const char *outcome_short(enum outcome o)
{
    switch (o) {
    case OUT_NONE: return "-";
    /* TRANSLATORS: short words for a decision's outcome in lists */
    case OUT_PROCEED: return _("proceed");
    case OUT_CONDITIONS: return _("conditions");
    case OUT_POSTPONE: return _("postponed");
    case OUT_DECLINE: return _("declined");
    }
    return "?";
}

int outcome_parse(const char *s)
{
    static const struct word w[] = {
        { "proceed", OUT_PROCEED }, { "proceed_with_conditions", OUT_CONDITIONS },
        { "proceed-with-conditions", OUT_CONDITIONS }, { "conditions", OUT_CONDITIONS },
        { "proceed with conditions", OUT_CONDITIONS }, { "postpone", OUT_POSTPONE },
        { "postpone pending information", OUT_POSTPONE }, { "do_not_proceed", OUT_DECLINE },
        { "do-not-proceed", OUT_DECLINE }, { "do not proceed", OUT_DECLINE },
        { "decline", OUT_DECLINE }, { "fortfahren", OUT_PROCEED }, { "auflagen", OUT_CONDITIONS },
        { "zurückstellen", OUT_POSTPONE }, { "ablehnen", OUT_DECLINE },
    };
    int p = parse_words(w, CC_ARRAY_LEN(w), s);
    if (p < 0)
        p = parse_people(s, outcome_word_i, OUT_COUNT);
    return p == OUT_NONE ? -1 : p;
}

/* ---- helpers ---- */

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static int same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static void restamp(char **by, char **at, const char *who, const char *now)
{
    free(*by);
    free(*at);
    *by = xstrdup(who);
    *at = xstrdup(now);
}

static void touch(struct assessment *a, const char *who, const char *now)
{
    restamp(&a->updated_by, &a->updated_at, who, now);
}

static int blank(const char *s)
{
    for (; s && *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

/* A long text (a rationale, an effect, what a measure is): valid UTF-8, at
 * most TEXT_ANSWER_MAX bytes; what names it in the message. */
static int check_long(const char *s, const char *what, struct cc_err *err)
{
    const char *bad;
    if (!s)
        return 0;
    if (strlen(s) > TEXT_ANSWER_MAX)
        return cc_error_code(err, EINVAL, _("%s is %zu bytes long; it may be at most %u bytes"),
                             what, strlen(s), TEXT_ANSWER_MAX);
    if ((bad = utf8_invalid(s, strlen(s))) != NULL)
        return cc_error_code(err, EINVAL, _("%s is not valid UTF-8 (byte 0x%02x at offset %zu)"),
                             what, (unsigned char)*bad, (size_t)(bad - s));
    return 0;
}

/* A short text on one line (owner, body, role, name). */
static int check_short(const char *s, const char *what, int required, struct cc_err *err)
{
    const char *why;
    if (!s || blank(s))
        return required ? cc_error_code(err, EINVAL, _("%s is missing"), what) : 0;
    if ((why = coop_text_problem(s, OFFICER_SHORT_MAX)) != NULL)
        return cc_error_code(err, EINVAL, _("%s: %s"), what, why);
    return 0;
}

static int check_date(const char *s, const char *what, struct cc_err *err)
{
    int y, m, d;
    if (s && cc_parse_date(s, &y, &m, &d) != 0)
        return cc_error_code(err, EINVAL, _("%s \"%s\" is not a date of the form 2026-01-31"),
                             what, s);
    return 0;
}

static char *text_or_null(const char *s)
{
    char *t;
    if (!s || blank(s))
        return NULL;
    t = xstrdup(s);
    text_normalize_newlines(t);
    return t;
}

/* ---- ratings ---- */

void rating_release(struct rating *r)
{
    free(r->why);
    free(r->by);
    free(r->at);
    memset(r, 0, sizeof(*r));
}

void rating_copy(struct rating *dst, const struct rating *src)
{
    dst->level = src->level;
    dst->review = src->review;
    dst->why = dup_or_null(src->why);
    dst->by = dup_or_null(src->by);
    dst->at = dup_or_null(src->at);
}

int rating_equal(const struct rating *a, const struct rating *b)
{
    return a->level == b->level && a->review == b->review && same_str(a->why, b->why) &&
           same_str(a->by, b->by) && same_str(a->at, b->at);
}

static struct rating *rating_at(struct assessment *a, size_t qi)
{
    return qi == a->cat->nquestions ? &a->overall : &a->q[qi].risk;
}

const struct rating *officer_rating(const struct assessment *a, size_t qi)
{
    return qi == a->cat->nquestions ? &a->overall : &a->q[qi].risk;
}

int officer_rate(struct assessment *a, size_t qi, enum risk level, const char *why,
                 const char *who, const char *now, struct cc_err *err)
{
    struct rating *r;
    if (qi > a->cat->nquestions)
        return cc_error_code(err, EINVAL, _("no question number %zu in this catalogue"), qi + 1);
    if ((unsigned)level >= RISK_LEVELS)
        return cc_error_code(err, EINVAL, _("not a risk level"));
    if (check_long(why, _("the rationale"), err) != 0)
        return -1;
    r = rating_at(a, qi);
    if (why) {
        free(r->why);
        r->why = text_or_null(why);
    }
    r->level = level;
    r->review = 0;
    if (level == RISK_UNRATED && !r->why) {
        rating_release(r);
    } else {
        restamp(&r->by, &r->at, who, now);
    }
    touch(a, who, now);
    return 0;
}

int officer_confirm_rating(struct assessment *a, size_t qi, const char *who, const char *now)
{
    struct rating *r;
    if (qi > a->cat->nquestions || !(r = rating_at(a, qi))->review)
        return 0;
    r->review = 0;
    touch(a, who, now);
    return 1;
}

void officer_tally(const struct assessment *a, size_t si, struct risk_tally *t)
{
    size_t first = 0, count = a->cat->nquestions;
    memset(t, 0, sizeof(*t));
    if (si < a->cat->nsections) {
        first = a->cat->sections[si].first;
        count = a->cat->sections[si].count;
    }
    for (size_t qi = first; qi < first + count; qi++) {
        enum risk l = a->q[qi].risk.level;
        t->count[l]++;
        if (l > t->highest)
            t->highest = l;
    }
}

size_t officer_ratings_to_review(const struct assessment *a)
{
    size_t n = a->overall.review ? 1 : 0;
    for (size_t qi = 0; qi < a->cat->nquestions; qi++)
        n += a->q[qi].risk.review != 0;
    return n;
}

/* ---- measures ---- */

void measure_release(struct measure *m)
{
    free(m->what);
    strlist_release(&m->addresses);
    free(m->owner);
    free(m->due);
    free(m->effect);
    free(m->created.at);
    free(m->created.by);
    free(m->changed.at);
    free(m->changed.by);
    memset(m, 0, sizeof(*m));
}

void measure_copy(struct measure *dst, const struct measure *src)
{
    memset(dst, 0, sizeof(*dst));
    dst->id = src->id;
    dst->what = dup_or_null(src->what);
    for (size_t i = 0; i < src->addresses.n; i++)
        strlist_push(&dst->addresses, src->addresses.v[i]);
    dst->owner = dup_or_null(src->owner);
    dst->due = dup_or_null(src->due);
    dst->status = src->status;
    dst->effect = dup_or_null(src->effect);
    dst->review = src->review;
    dst->created.at = dup_or_null(src->created.at);
    dst->created.by = dup_or_null(src->created.by);
    dst->changed.at = dup_or_null(src->changed.at);
    dst->changed.by = dup_or_null(src->changed.by);
}

void measure_label(unsigned id, char out[16])
{
    snprintf(out, 16, "M%u", id);
}

unsigned measure_id_parse(const char *s)
{
    char *end;
    unsigned long v;
    if (!s)
        return 0;
    if (*s == 'M' || *s == 'm')
        s++;
    if (!isdigit((unsigned char)*s))
        return 0;
    errno = 0;
    v = strtoul(s, &end, 10);
    return *end || errno || v == 0 || v > MEASURES_MAX ? 0 : (unsigned)v;
}

struct measure *measure_find(const struct assessment *a, unsigned id)
{
    for (size_t i = 0; i < a->nmeasures; i++)
        if (a->measures[i].id == id)
            return &a->measures[i];
    return NULL;
}

/* An address as the register keeps it (a question's id, or "overall"); NULL
 * when it is neither. */
static const char *address_id(const struct assessment *a, const char *ref)
{
    const struct cat_question *q;
    if (strcmp(ref, OVERALL_REF) == 0)
        return OVERALL_REF;
    q = catalog_question(a->cat, ref);
    return q ? q->id : NULL;
}

int measure_check(const struct assessment *a, const struct measure *m, struct cc_err *err)
{
    if (!m->what || blank(m->what))
        return cc_error_code(err, EINVAL, _("a measure needs a text saying what it is"));
    if (check_long(m->what, _("the measure's text"), err) != 0 ||
        check_long(m->effect, _("the note on its effect"), err) != 0 ||
        check_short(m->owner, _("the owner"), 0, err) != 0 ||
        check_date(m->due, _("the due date"), err) != 0)
        return -1;
    if ((unsigned)m->status >= MS_COUNT)
        return cc_error_code(err, EINVAL, _("not a status of a measure"));
    for (size_t i = 0; i < m->addresses.n; i++) {
        const char *r = address_id(a, m->addresses.v[i]);
        if (!r)
            return cc_error_code(err, EINVAL, _("a measure addresses questions of catalogue \"%s\" "
                                                "or \"overall\"; \"%s\" is neither"), a->cat->id,
                                 m->addresses.v[i]);
        /* compared as ids: "3" and "q03" are the same question */
        for (size_t k = 0; k < i; k++)
            if (strcmp(address_id(a, m->addresses.v[k]), r) == 0)
                return cc_error_code(err, EINVAL, _("question %s is named twice"), r);
    }
    return 0;
}

/* m's contents into dst (what, addresses, owner, due, status, effect);
 * questions named by number become their ids. */
static void measure_take(const struct assessment *a, struct measure *dst, const struct measure *m)
{
    free(dst->what);
    dst->what = text_or_null(m->what);
    strlist_release(&dst->addresses);
    for (size_t i = 0; i < m->addresses.n; i++) {
        const char *id = address_id(a, m->addresses.v[i]);
        strlist_push(&dst->addresses, id ? id : m->addresses.v[i]);
    }
    free(dst->owner);
    dst->owner = blank(m->owner) ? NULL : xstrdup(m->owner);
    free(dst->due);
    dst->due = dup_or_null(m->due);
    dst->status = m->status;
    free(dst->effect);
    dst->effect = text_or_null(m->effect);
}

int measure_add(struct assessment *a, const struct measure *m, const char *who, const char *now,
                unsigned *id, struct cc_err *err)
{
    struct measure *n;
    unsigned next = 1;
    if (measure_check(a, m, err) != 0)
        return -1;
    for (size_t i = 0; i < a->nmeasures; i++)
        if (a->measures[i].id >= next)
            next = a->measures[i].id + 1;
    if (next > MEASURES_MAX)
        return cc_error_code(err, EFBIG, _("the register holds at most %u measures"), MEASURES_MAX);
    a->measures = xrealloc(a->measures, (a->nmeasures + 1) * sizeof(*a->measures));
    n = &a->measures[a->nmeasures++];
    memset(n, 0, sizeof(*n));
    n->id = next;
    measure_take(a, n, m);
    restamp(&n->created.by, &n->created.at, who, now);
    touch(a, who, now);
    *id = next;
    return 0;
}

static int measure_same(const struct measure *a, const struct measure *b)
{
    if (!same_str(a->what, b->what) || !same_str(a->owner, b->owner) ||
        !same_str(a->due, b->due) || a->status != b->status || !same_str(a->effect, b->effect) ||
        a->addresses.n != b->addresses.n)
        return 0;
    for (size_t i = 0; i < a->addresses.n; i++)
        if (strcmp(a->addresses.v[i], b->addresses.v[i]) != 0)
            return 0;
    return 1;
}

int measure_replace(struct assessment *a, unsigned id, const struct measure *m, const char *who,
                    const char *now, struct cc_err *err)
{
    struct measure *cur = measure_find(a, id), tmp;
    char label[16];
    measure_label(id, label);
    if (!cur)
        return cc_error_code(err, ENOENT, _("there is no measure %s"), label);
    if (measure_check(a, m, err) != 0)
        return -1;
    memset(&tmp, 0, sizeof(tmp));
    measure_take(a, &tmp, m);
    if (measure_same(cur, &tmp)) {
        measure_release(&tmp);
        return 0;
    }
    measure_take(a, cur, &tmp);
    measure_release(&tmp);
    cur->review = 0;
    restamp(&cur->changed.by, &cur->changed.at, who, now);
    touch(a, who, now);
    return 1;
}

int measure_confirm(struct assessment *a, unsigned id, const char *who, const char *now)
{
    struct measure *m = measure_find(a, id);
    if (!m || !m->review)
        return 0;
    m->review = 0;
    restamp(&m->changed.by, &m->changed.at, who, now);
    touch(a, who, now);
    return 1;
}

int measure_overdue(const struct measure *m, const char *today)
{
    return m->status == MS_PLANNED && m->due && today && strncmp(m->due, today, 10) < 0;
}

size_t officer_open_measures(const struct assessment *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->nmeasures; i++)
        n += a->measures[i].status == MS_PLANNED || a->measures[i].status == MS_IN_PLACE;
    return n;
}

size_t officer_overdue_measures(const struct assessment *a, const char *today)
{
    size_t n = 0;
    for (size_t i = 0; i < a->nmeasures; i++)
        n += measure_overdue(&a->measures[i], today);
    return n;
}

size_t officer_measures_to_review(const struct assessment *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->nmeasures; i++)
        n += a->measures[i].review != 0;
    return n;
}

/* ---- the decision ---- */

void decision_release(struct decision *d)
{
    strlist_release(&d->conditions);
    free(d->body);
    free(d->date);
    free(d->why);
    free(d->by);
    free(d->at);
    memset(d, 0, sizeof(*d));
}

void decision_copy(struct decision *dst, const struct decision *src)
{
    memset(dst, 0, sizeof(*dst));
    dst->outcome = src->outcome;
    dst->round = src->round;
    for (size_t i = 0; i < src->conditions.n; i++)
        strlist_push(&dst->conditions, src->conditions.v[i]);
    dst->body = dup_or_null(src->body);
    dst->date = dup_or_null(src->date);
    dst->why = dup_or_null(src->why);
    dst->by = dup_or_null(src->by);
    dst->at = dup_or_null(src->at);
}

int decision_current(const struct assessment *a)
{
    return a->decision.outcome != OUT_NONE && a->decision.round == a->round;
}

static int check_conditions(const struct assessment *a, const struct decision *d,
                            struct cc_err *err)
{
    if (d->outcome == OUT_CONDITIONS && !d->conditions.n)
        return cc_error_code(err, EINVAL, _("\"proceed with conditions\" needs its conditions: "
                                            "name the measures that are its conditions"));
    if (d->outcome != OUT_CONDITIONS && d->conditions.n)
        return cc_error_code(err, EINVAL, _("only \"proceed with conditions\" has conditions; "
                                            "\"%s\" has none"), outcome_word(d->outcome));
    for (size_t i = 0; i < d->conditions.n; i++) {
        unsigned id = measure_id_parse(d->conditions.v[i]);
        const struct measure *m = id ? measure_find(a, id) : NULL;
        if (!m)
            return cc_error_code(err, EINVAL, _("condition \"%s\" is not a measure of the register "
                                                "(add it first: 'coopcheck measure add')"),
                                 d->conditions.v[i]);
        if (m->status == MS_DROPPED)
            return cc_error_code(err, EINVAL, _("measure %s was dropped and cannot be a "
                                                "condition"), d->conditions.v[i]);
    }
    return 0;
}

int decision_set(struct assessment *a, const struct decision *d, const char *who,
                 const char *now, struct cc_err *err)
{
    struct decision n;
    if (d->outcome <= OUT_NONE || (unsigned)d->outcome >= OUT_COUNT)
        return cc_error_code(err, EINVAL, _("a decision needs its outcome: proceed, "
                                            "proceed_with_conditions, postpone or do_not_proceed"));
    if (check_conditions(a, d, err) != 0 || check_short(d->body, _("the body that decided"), 1, err) != 0 ||
        check_date(d->date, _("the decision's date"), err) != 0)
        return -1;
    if (!d->date)
        return cc_error_code(err, EINVAL, _("the decision's date is missing"));
    if (!d->why || blank(d->why))
        return cc_error_code(err, EINVAL, _("a decision needs its rationale"));
    if (check_long(d->why, _("the rationale"), err) != 0)
        return -1;
    memset(&n, 0, sizeof(n));
    n.outcome = d->outcome;
    n.round = a->round;
    for (size_t i = 0; i < d->conditions.n; i++) {
        char label[16];
        measure_label(measure_id_parse(d->conditions.v[i]), label);
        strlist_push(&n.conditions, label);
    }
    n.body = xstrdup(d->body);
    n.date = xstrdup(d->date);
    n.why = text_or_null(d->why);
    n.by = xstrdup(who);
    n.at = xstrdup(now);
    decision_release(&a->decision);
    a->decision = n;
    touch(a, who, now);
    return 0;
}

/* ---- approvals ---- */

void approval_release(struct approval *ap)
{
    free(ap->snapshot);
    free(ap->sha256);
    free(ap->role);
    free(ap->name);
    free(ap->date);
    free(ap->signer);
    free(ap->signature);
    free(ap->by);
    free(ap->at);
    memset(ap, 0, sizeof(*ap));
}

void approval_copy(struct approval *dst, const struct approval *src)
{
    dst->snapshot = dup_or_null(src->snapshot);
    dst->sha256 = dup_or_null(src->sha256);
    dst->role = dup_or_null(src->role);
    dst->name = dup_or_null(src->name);
    dst->date = dup_or_null(src->date);
    dst->signer = dup_or_null(src->signer);
    dst->signature = dup_or_null(src->signature);
    dst->by = dup_or_null(src->by);
    dst->at = dup_or_null(src->at);
}

int approval_add(struct assessment *a, const struct approval *ap, const char *who,
                 const char *now, struct cc_err *err)
{
    struct approval *n;
    if (!ap->snapshot || !ap->sha256 || strlen(ap->sha256) != 64)
        return cc_error_code(err, EINVAL, _("an approval names a snapshot and its SHA-256"));
    if (check_short(ap->role, _("the role"), 1, err) != 0 ||
        check_short(ap->name, _("the approver's name"), 1, err) != 0 ||
        check_short(ap->signer, _("the signer"), 0, err) != 0 ||
        check_date(ap->date, _("the approval's date"), err) != 0)
        return -1;
    if (!ap->date)
        return cc_error_code(err, EINVAL, _("the approval's date is missing"));
    if (!ap->signer != !ap->signature)
        return cc_error_code(err, EINVAL, _("a signature needs its signer, and a signer a signature"));
    if (ap->signature && check_long(ap->signature, _("the signature"), err) != 0)
        return -1;
    for (size_t i = 0; i < a->napprovals; i++)
        if (strcmp(a->approvals[i].snapshot, ap->snapshot) == 0 &&
            strcasecmp(a->approvals[i].role, ap->role) == 0)
            return cc_error_code(err, EEXIST, _("snapshot %s has an approval as \"%s\" already (by "
                                                "%s on %s)"), ap->snapshot, a->approvals[i].role,
                                 a->approvals[i].name, a->approvals[i].date);
    a->approvals = xrealloc(a->approvals, (a->napprovals + 1) * sizeof(*a->approvals));
    n = &a->approvals[a->napprovals++];
    memset(n, 0, sizeof(*n));
    approval_copy(n, ap);
    free(n->by);
    free(n->at);
    n->by = xstrdup(who);
    n->at = xstrdup(now);
    /* not a change of the round: "updated" stays, so a round nothing else
     * has changed still stands for the snapshot approved (export, show) */
    return 0;
}

void approval_missing(const struct assessment *a, const char *snapshot,
                      const struct strlist *required, struct strlist *missing)
{
    for (size_t r = 0; r < required->n; r++) {
        int found = 0;
        for (size_t i = 0; !found && i < a->napprovals; i++)
            found = strcmp(a->approvals[i].snapshot, snapshot) == 0 &&
                    strcasecmp(a->approvals[i].role, required->v[r]) == 0;
        if (!found)
            strlist_push(missing, required->v[r]);
    }
}

char *approval_message(const struct approval *ap)
{
    return xasprintf("coopcheck approval\nsnapshot: %s\nsha256: %s\nrole: %s\nname: %s\n"
                     "date: %s\n", ap->snapshot, ap->sha256, ap->role, ap->name, ap->date);
}

/* ---- the whole ---- */

void officer_copy(struct assessment *dst, const struct assessment *src)
{
    rating_copy(&dst->overall, &src->overall);
    dst->nmeasures = src->nmeasures;
    dst->measures = xcalloc(src->nmeasures + 1, sizeof(*dst->measures));
    for (size_t i = 0; i < src->nmeasures; i++)
        measure_copy(&dst->measures[i], &src->measures[i]);
    decision_copy(&dst->decision, &src->decision);
    dst->napprovals = src->napprovals;
    dst->approvals = xcalloc(src->napprovals + 1, sizeof(*dst->approvals));
    for (size_t i = 0; i < src->napprovals; i++)
        approval_copy(&dst->approvals[i], &src->approvals[i]);
}

void officer_release(struct assessment *a)
{
    rating_release(&a->overall);
    for (size_t i = 0; i < a->nmeasures; i++)
        measure_release(&a->measures[i]);
    free(a->measures);
    a->measures = NULL;
    a->nmeasures = 0;
    decision_release(&a->decision);
    for (size_t i = 0; i < a->napprovals; i++)
        approval_release(&a->approvals[i]);
    free(a->approvals);
    a->approvals = NULL;
    a->napprovals = 0;
}

void officer_round_start(struct assessment *a)
{
    for (size_t qi = 0; qi < a->cat->nquestions; qi++)
        if (a->q[qi].risk.level != RISK_UNRATED || a->q[qi].risk.why)
            a->q[qi].risk.review = 1;
    if (a->overall.level != RISK_UNRATED || a->overall.why)
        a->overall.review = 1;
    for (size_t i = 0; i < a->nmeasures; i++)
        if (a->measures[i].status == MS_PLANNED || a->measures[i].status == MS_IN_PLACE ||
            a->measures[i].status == MS_DONE)
            a->measures[i].review = 1;
}
