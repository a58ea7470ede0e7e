/* screening.c — screening a cooperation's partners (see screening.h). */
#include "screening.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cctime.h"
#include "fsio.h"
#include "i18n.h"
#include "lindex.h"

static const char *const verdict_names[V_COUNT] = { "open", "same", "different", "unsure" };
static const char *const state_names[HS_COUNT] = { "new", "changed", "known" };

const char *verdict_name(enum verdict v)
{
    return v < V_COUNT ? verdict_names[v] : "open";
}

int verdict_parse(const char *s)
{
    for (int i = 0; s && i < V_COUNT; i++)
        if (strcmp(s, verdict_names[i]) == 0)
            return i;
    return -1;
}

const char *verdict_text(enum verdict v)
{
    switch (v) {
    case V_SAME: return _("the same entity");
    case V_DIFFERENT: return _("not the same");
    case V_UNSURE: return _("unsure");
    default: return _("not decided");
    }
}

const char *hit_state_name(enum hit_state s)
{
    return s < HS_COUNT ? state_names[s] : "new";
}

const char *hit_state_text(enum hit_state s)
{
    switch (s) {
    /* TRANSLATORS: a hit's state: first found in this screening, its entry
     * changed since a decision, or decided before on the same entry */
    case HS_CHANGED: return _("changed");
    case HS_KNOWN: return _("known");
    default: return _("new");
    }
}

static void decision_release(struct hit_decision *d)
{
    free(d->note);
    free(d->at);
    free(d->by);
    memset(d, 0, sizeof(*d));
}

static void decision_copy(struct hit_decision *dst, const struct hit_decision *src)
{
    dst->verdict = src->verdict;
    dst->note = src->note ? xstrdup(src->note) : NULL;
    dst->at = src->at ? xstrdup(src->at) : NULL;
    dst->by = src->by ? xstrdup(src->by) : NULL;
}

void hit_release(struct hit *h)
{
    free(h->partner);
    free(h->alias);
    free(h->alias_norm);
    free(h->list);
    free(h->entry_id);
    free(h->entry_sha256);
    free(h->entry_name);
    free(h->matched);
    free(h->matched_norm);
    free(h->category);
    free(h->note);
    free(h->url);
    decision_release(&h->d);
    decision_release(&h->was);
    memset(h, 0, sizeof(*h));
}

void screening_release(struct screening *s)
{
    free(s->at);
    free(s->by);
    for (size_t i = 0; i < s->nlists; i++) {
        free(s->lists[i].name);
        free(s->lists[i].format);
        free(s->lists[i].version);
        free(s->lists[i].retrieved);
        free(s->lists[i].sha256);
    }
    free(s->lists);
    strlist_release(&s->missing);
    strlist_release(&s->problems);
    for (size_t i = 0; i < s->nhits; i++)
        hit_release(&s->hits[i]);
    free(s->hits);
    memset(s, 0, sizeof(*s));
}

void assessment_screenings_release(struct assessment *a)
{
    for (size_t i = 0; i < a->nscreenings; i++)
        screening_release(&a->screenings[i]);
    free(a->screenings);
    a->screenings = NULL;
    a->nscreenings = 0;
}

const struct screening *assessment_last_screening(const struct assessment *a)
{
    return a->nscreenings ? &a->screenings[a->nscreenings - 1] : NULL;
}

struct screening *assessment_last_screening_mut(struct assessment *a)
{
    return a->nscreenings ? &a->screenings[a->nscreenings - 1] : NULL;
}

/* ---- matching one list ---- */

/* The best pair found so far for one entry of the list. */
struct best {
    uint32_t entry;
    int score;
    enum match_kind kind;
    size_t alias;            /* index into the partner's names */
    uint32_t name;           /* the entry's name that matched */
};

/* Normalised names of a list, made once per screening: candidates of the
 * aliases of one partner (and of partners with similar names) repeat. */
struct form_cache {
    uint32_t *key;
    struct name_form *f;
    unsigned char *used;
    size_t cap, n;
};

static void cache_release(struct form_cache *c)
{
    for (size_t i = 0; i < c->cap; i++)
        if (c->used[i])
            name_form_release(&c->f[i]);
    free(c->key);
    free(c->f);
    free(c->used);
    memset(c, 0, sizeof(*c));
}

static void cache_grow(struct form_cache *c);

static struct name_form *cache_slot(struct form_cache *c, uint32_t k, int *fresh)
{
    size_t i;
    if (c->n * 2 >= c->cap)
        cache_grow(c);
    for (i = (k * 2654435761u) & (c->cap - 1); c->used[i]; i = (i + 1) & (c->cap - 1))
        if (c->key[i] == k) {
            *fresh = 0;
            return &c->f[i];
        }
    c->used[i] = 1;
    c->key[i] = k;
    c->n++;
    *fresh = 1;
    return &c->f[i];
}

static void cache_grow(struct form_cache *c)
{
    struct form_cache old = *c;
    c->cap = old.cap ? old.cap * 2 : 1024;
    c->n = 0;
    c->key = xcalloc(c->cap, sizeof(*c->key));
    c->f = xcalloc(c->cap, sizeof(*c->f));
    c->used = xcalloc(c->cap, 1);
    for (size_t i = 0; i < old.cap; i++) {
        int fresh;
        if (!old.used[i])
            continue;
        *cache_slot(c, old.key[i], &fresh) = old.f[i];
    }
    free(old.key);
    free(old.f);
    free(old.used);
}

/* The normalised form of the list's name ni (NULL when it does not normalise). */
static const struct name_form *list_form(const struct lindex *x, struct form_cache *c, uint32_t ni,
                                         uint32_t *entry, struct cc_err *err)
{
    const char *text;
    size_t len;
    int fresh;
    struct name_form *f;
    if (lindex_name(x, ni, &text, &len, entry, err) != 0)
        return NULL;
    f = cache_slot(c, ni, &fresh);
    if (fresh) {
        char *s = xstrndup(text, len);
        if (name_normalize(s, f) != 0) {
            name_form_release(f);
            memset(f, 0, sizeof(*f));
        }
        free(s);
    }
    return f->norm ? f : NULL;
}

static void note_best(struct best **v, size_t *n, uint32_t entry, int score, enum match_kind kind,
                      size_t alias, uint32_t name)
{
    for (size_t i = 0; i < *n; i++)
        if ((*v)[i].entry == entry) {
            if (score > (*v)[i].score) {
                (*v)[i].score = score;
                (*v)[i].kind = kind;
                (*v)[i].alias = alias;
                (*v)[i].name = name;
            }
            return;
        }
    *v = xrealloc(*v, (*n + 1) * sizeof(**v));
    (*v)[(*n)++] = (struct best){ entry, score, kind, alias, name };
}

struct partner_names {
    const char *partner;
    struct strlist names;          /* the name and its aliases */
    struct name_form *forms;
};

/* Matches one partner against one list; its hits are appended to s. */
static int match_partner(const struct lindex *x, struct form_cache *cache, const char *list,
                         const struct partner_names *p, int threshold, struct screening *s,
                         struct cc_err *err)
{
    struct best *best = NULL;
    size_t nbest = 0;
    for (size_t a = 0; a < p->names.n; a++) {
        uint32_t *cand;
        size_t ncand;
        if (!p->forms[a].norm || !p->forms[a].norm[0])
            continue;
        if (lindex_candidates(x, &p->forms[a], &cand, &ncand, err) != 0) {
            free(best);
            return -1;
        }
        for (size_t c = 0; c < ncand; c++) {
            uint32_t entry;
            enum match_kind kind;
            int score;
            const struct name_form *f = list_form(x, cache, cand[c], &entry, err);
            if (!f) {
                if (err && err->code == EINVAL) {
                    free(cand);
                    free(best);
                    return -1;
                }
                continue;
            }
            score = name_score(&p->forms[a], f, &kind);
            if (score >= threshold)
                note_best(&best, &nbest, entry, score, kind, a, cand[c]);
        }
        free(cand);
    }
    for (size_t i = 0; i < nbest; i++) {
        struct lentry le;
        struct hit *h;
        const char *text;
        size_t len;
        uint32_t entry;
        const struct name_form *mf;
        if (lindex_entry(x, best[i].entry, &le, err) != 0
            || lindex_name(x, best[i].name, &text, &len, &entry, err) != 0) {
            free(best);
            return -1;
        }
        mf = list_form(x, cache, best[i].name, &entry, err);
        s->hits = xrealloc(s->hits, (s->nhits + 1) * sizeof(*s->hits));
        h = &s->hits[s->nhits++];
        memset(h, 0, sizeof(*h));
        h->partner = xstrdup(p->partner);
        h->alias = xstrdup(p->names.v[best[i].alias]);
        h->alias_norm = xstrdup(p->forms[best[i].alias].norm);
        h->list = xstrdup(list);
        h->entry_id = le.id;
        h->entry_sha256 = xstrdup(le.sha256);
        h->entry_name = le.name;
        h->matched = xstrndup(text, len);
        h->matched_norm = xstrdup(mf ? mf->norm : "");
        h->score = best[i].score;
        h->kind = best[i].kind;
        h->category = le.category;
        h->note = le.note;
        h->url = le.url;
        le.id = le.name = le.category = le.note = le.url = NULL;
        lentry_release(&le);
    }
    free(best);
    return 0;
}

static void partner_names_init(struct partner_names *p, const struct coop *c, size_t i)
{
    const struct strlist *al = coop_aliases(c, i);
    memset(p, 0, sizeof(*p));
    p->partner = c->partners.v[i];
    strlist_push(&p->names, c->partners.v[i]);
    for (size_t k = 0; k < al->n; k++)
        strlist_push(&p->names, al->v[k]);
    p->forms = xcalloc(p->names.n, sizeof(*p->forms));
    for (size_t k = 0; k < p->names.n; k++)
        if (name_normalize(p->names.v[k], &p->forms[k]) != 0) {
            name_form_release(&p->forms[k]);
            memset(&p->forms[k], 0, sizeof(p->forms[k]));
        }
}

static void partner_names_release(struct partner_names *p)
{
    for (size_t k = 0; k < p->names.n; k++)
        name_form_release(&p->forms[k]);
    free(p->forms);
    strlist_release(&p->names);
}

static void add_list(struct screening *s, const struct list_info *li)
{
    struct screen_list *l;
    s->lists = xrealloc(s->lists, (s->nlists + 1) * sizeof(*s->lists));
    l = &s->lists[s->nlists++];
    l->name = xstrdup(li->name);
    l->format = xstrdup(li->format);
    l->version = li->version ? xstrdup(li->version) : NULL;
    l->retrieved = xstrdup(li->retrieved);
    l->sha256 = xstrdup(li->sha256);
    l->entries = li->entries;
}

/* Screens against one installed list; a list that cannot be read is a problem. */
static void screen_list(const struct list_info *li, struct partner_names *pn, size_t np,
                        int threshold, struct screening *s)
{
    struct lindex *x = NULL;
    struct form_cache cache = { 0 };
    struct cc_err e;
    char *path = fs_join(li->dir, li->index);
    size_t first = s->nhits;
    int rc = lindex_open(path, &x, &e);
    free(path);
    for (size_t p = 0; rc == 0 && p < np; p++)
        rc = match_partner(x, &cache, li->name, &pn[p], threshold, s, &e);
    if (rc == 0) {
        add_list(s, li);
    } else {
        while (s->nhits > first)
            hit_release(&s->hits[--s->nhits]);
        strlist_push_owned(&s->problems, xasprintf(_("list \"%s\" was not used: %s"), li->name,
                                                   e.msg));
    }
    cache_release(&cache);
    lindex_close(x);
}

const struct hit *screening_find_hit(const struct screening *s, const struct hit *like)
{
    for (size_t i = 0; s && i < s->nhits; i++) {
        const struct hit *h = &s->hits[i];
        if (strcmp(h->partner, like->partner) == 0 && strcmp(h->list, like->list) == 0
            && strcmp(h->entry_id, like->entry_id) == 0)
            return h;
    }
    return NULL;
}

/* Decisions of the last screening carried over to s. */
static void carry_over(const struct screening *old, struct screening *s)
{
    for (size_t i = 0; i < s->nhits; i++) {
        struct hit *h = &s->hits[i];
        const struct hit *o = screening_find_hit(old, h);
        if (!o) {
            h->state = HS_NEW;
        } else if (strcmp(o->entry_sha256, h->entry_sha256) == 0) {
            h->state = o->d.verdict == V_OPEN && o->state != HS_KNOWN ? o->state : HS_KNOWN;
            decision_copy(&h->d, &o->d);
            decision_copy(&h->was, &o->was);
        } else {
            h->state = HS_CHANGED;
            if (o->d.verdict != V_OPEN)
                decision_copy(&h->was, &o->d);
            else
                decision_copy(&h->was, &o->was);
        }
    }
}

int screening_run(struct assessment *a, const char *lists_dir, int threshold, const char *at,
                  const char *by, struct cc_err *err)
{
    struct list_info *lists = NULL;
    size_t nlists = 0, np = a->coop.partners.n;
    struct screening s;
    struct partner_names *pn;

    memset(&s, 0, sizeof(s));
    if (lists_installed(lists_dir, &lists, &nlists, &s.problems, err) != 0) {
        screening_release(&s);
        return -1;
    }
    s.at = xstrdup(at);
    s.by = xstrdup(by);
    s.threshold = threshold > 0 ? threshold : NAME_THRESHOLD_DEFAULT;
    pn = xcalloc(np ? np : 1, sizeof(*pn));
    for (size_t p = 0; p < np; p++)
        partner_names_init(&pn[p], &a->coop, p);
    for (size_t l = 0; l < nlists; l++)
        screen_list(&lists[l], pn, np, s.threshold, &s);
    for (const struct known_list *k = lists_known(); k->name; k++) {
        size_t l;
        for (l = 0; l < nlists && strcmp(lists[l].name, k->name) != 0; l++)
            ;
        if (l == nlists)
            strlist_push(&s.missing, k->name);
    }
    for (size_t p = 0; p < np; p++)
        partner_names_release(&pn[p]);
    free(pn);
    lists_info_free(lists, nlists);
    carry_over(assessment_last_screening(a), &s);
    a->screenings = xrealloc(a->screenings, (a->nscreenings + 1) * sizeof(*a->screenings));
    a->screenings[a->nscreenings++] = s;
    free(a->updated_at);
    free(a->updated_by);
    a->updated_at = xstrdup(at);
    a->updated_by = xstrdup(by);
    return 0;
}

int screening_decide(struct assessment *a, size_t i, enum verdict v, const char *note,
                     const char *at, const char *by, struct cc_err *err)
{
    struct screening *s = assessment_last_screening_mut(a);
    struct hit *h;
    if (!s || i >= s->nhits)
        return cc_error_code(err, ENOENT, _("there is no hit %zu in the last screening (it has "
                                            "%zu)"), i + 1, s ? s->nhits : 0);
    if (v >= V_COUNT)
        return cc_error(err, _("a decision is \"same\", \"different\" or \"unsure\""));
    if (v == V_OPEN && note && *note)
        return cc_error(err, _("a hit that is open again has no note; give a decision to write "
                               "one"));
    h = &s->hits[i];
    decision_release(&h->d);
    h->d.verdict = v;
    if (v != V_OPEN) {
        h->d.note = note && *note ? xstrdup(note) : NULL;
        h->d.at = xstrdup(at);
        h->d.by = xstrdup(by);
    }
    free(a->updated_at);
    free(a->updated_by);
    a->updated_at = xstrdup(at);
    a->updated_by = xstrdup(by);
    return 0;
}

size_t screening_undecided(const struct screening *s)
{
    size_t n = 0;
    for (size_t i = 0; s && i < s->nhits; i++)
        n += s->hits[i].d.verdict == V_OPEN;
    return n;
}

void screening_open_hits(const struct assessment *a, struct idlist *out)
{
    const struct screening *s = assessment_last_screening(a);
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; s && i < s->nhits; i++)
        if (s->hits[i].d.verdict == V_OPEN)
            idlist_add(out, i);
}

/* "2026-12-01..." → days since the epoch, or -1. */
static long day_number(const char *s)
{
    struct tm tm;
    int y, m, d;
    time_t t;
    if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return -1;
    memset(&tm, 0, sizeof(tm));
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = 12;
    t = timegm(&tm);
    return t == (time_t)-1 ? -1 : (long)(t / 86400);
}

long screening_days(const char *a, const char *b)
{
    long da = day_number(a), db = day_number(b);
    return da < 0 || db < 0 ? -1 : db - da;
}
