/* afile_screen.c — partner screenings in the assessment file (format 4):
 * "screenings", oldest first, each with the lists it used, the known lists
 * that were missing, the lists that could not be read, and every hit with
 * its explanation and decision.  See afile_int.h and coopcheck(5). */
#include "afile_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "screening.h"

/* ---- writing ---- */

static cJSON *decision_json(const struct hit_decision *d)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "verdict", verdict_name(d->verdict));
    afile_add_str_or_null(o, "note", d->note);
    cJSON_AddStringToObject(o, "by", d->by ? d->by : "");
    cJSON_AddStringToObject(o, "at", d->at ? d->at : "");
    return o;
}

static cJSON *hit_json(const struct hit *h)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "partner", h->partner);
    cJSON_AddStringToObject(o, "alias", h->alias);
    cJSON_AddStringToObject(o, "alias_normalized", h->alias_norm);
    cJSON_AddStringToObject(o, "list", h->list);
    cJSON_AddStringToObject(o, "entry", h->entry_id);
    cJSON_AddStringToObject(o, "entry_sha256", h->entry_sha256);
    cJSON_AddStringToObject(o, "entry_name", h->entry_name);
    cJSON_AddStringToObject(o, "matched", h->matched);
    cJSON_AddStringToObject(o, "matched_normalized", h->matched_norm);
    cJSON_AddNumberToObject(o, "score", h->score);
    cJSON_AddStringToObject(o, "kind", match_kind_name(h->kind));
    afile_add_str_or_null(o, "category", h->category);
    afile_add_str_or_null(o, "note", h->note);
    afile_add_str_or_null(o, "url", h->url);
    cJSON_AddStringToObject(o, "state", hit_state_name(h->state));
    if (h->d.verdict != V_OPEN)
        cJSON_AddItemToObject(o, "decision", decision_json(&h->d));
    if (h->was.verdict != V_OPEN)
        cJSON_AddItemToObject(o, "previous", decision_json(&h->was));
    return o;
}

cJSON *afile_screening_json(const struct screening *s)
{
    cJSON *o = cJSON_CreateObject(), *arr;
    cJSON_AddStringToObject(o, "at", s->at);
    cJSON_AddStringToObject(o, "by", s->by);
    cJSON_AddNumberToObject(o, "threshold", s->threshold);
    arr = cJSON_AddArrayToObject(o, "lists");
    for (size_t i = 0; i < s->nlists; i++) {
        const struct screen_list *l = &s->lists[i];
        cJSON *lo = cJSON_CreateObject();
        cJSON_AddStringToObject(lo, "name", l->name);
        cJSON_AddStringToObject(lo, "format", l->format);
        afile_add_str_or_null(lo, "version", l->version);
        cJSON_AddStringToObject(lo, "retrieved", l->retrieved);
        cJSON_AddStringToObject(lo, "sha256", l->sha256);
        cJSON_AddNumberToObject(lo, "entries", (double)l->entries);
        cJSON_AddItemToArray(arr, lo);
    }
    cJSON_AddItemToObject(o, "missing", afile_strings(&s->missing));
    cJSON_AddItemToObject(o, "problems", afile_strings(&s->problems));
    arr = cJSON_AddArrayToObject(o, "hits");
    for (size_t i = 0; i < s->nhits; i++)
        cJSON_AddItemToArray(arr, hit_json(&s->hits[i]));
    return o;
}

void afile_add_screenings(cJSON *root, const struct assessment *a)
{
    cJSON *arr;
    if (!a->nscreenings)
        return;
    arr = cJSON_AddArrayToObject(root, "screenings");
    for (size_t i = 0; i < a->nscreenings; i++)
        cJSON_AddItemToArray(arr, afile_screening_json(&a->screenings[i]));
}

/* ---- reading ---- */

static const struct jv_key screening_keys[] = {
    { "at", JV_STRING, 1 }, { "by", JV_STRING, 1 }, { "threshold", JV_NUMBER, 1 },
    { "lists", JV_ARRAY, 1 }, { "missing", JV_ARRAY, 1 }, { "problems", JV_ARRAY, 1 },
    { "hits", JV_ARRAY, 1 },
};
static const struct jv_key slist_keys[] = {
    { "name", JV_STRING, 1 }, { "format", JV_STRING, 1 }, { "version", JV_STRING_OR_NULL, 1 },
    { "retrieved", JV_STRING, 1 }, { "sha256", JV_STRING, 1 }, { "entries", JV_NUMBER, 1 },
};
static const struct jv_key hit_keys[] = {
    { "partner", JV_STRING, 1 }, { "alias", JV_STRING, 1 }, { "alias_normalized", JV_STRING, 1 },
    { "list", JV_STRING, 1 }, { "entry", JV_STRING, 1 }, { "entry_sha256", JV_STRING, 1 },
    { "entry_name", JV_STRING, 1 }, { "matched", JV_STRING, 1 },
    { "matched_normalized", JV_STRING, 1 }, { "score", JV_NUMBER, 1 }, { "kind", JV_STRING, 1 },
    { "category", JV_STRING_OR_NULL, 1 }, { "note", JV_STRING_OR_NULL, 1 },
    { "url", JV_STRING_OR_NULL, 1 }, { "state", JV_STRING, 1 }, { "decision", JV_OBJECT, 0 },
    { "previous", JV_OBJECT, 0 },
};
static const struct jv_key hdecision_keys[] = {
    { "verdict", JV_STRING, 1 }, { "note", JV_STRING_OR_NULL, 1 }, { "by", JV_STRING, 1 },
    { "at", JV_STRING, 1 },
};

static char *sdup(const cJSON *o, const char *key)
{
    const cJSON *n = jv_get(o, key);
    return cJSON_IsString(n) ? xstrdup(n->valuestring) : NULL;
}

static int number_in(struct jv *v, const cJSON *n, const char *what, double lo, double hi,
                     double *out)
{
    double d = n->valuedouble;
    if (!isfinite(d) || d < lo || d > hi || d != (double)(long long)d) {
        jv_error(v, n, _("%s must be a whole number from %.0f to %.0f"), what, lo, hi);
        return -1;
    }
    *out = d;
    return 0;
}

static void read_hdecision(struct jv *v, const cJSON *o, struct hit_decision *d)
{
    const cJSON *n;
    int vd;
    if (jv_check_object(v, o, _("a hit's decision"), hdecision_keys,
                        CC_ARRAY_LEN(hdecision_keys)) != 0)
        return;
    n = jv_get(o, "verdict");
    vd = verdict_parse(n->valuestring);
    if (vd <= V_OPEN) {
        jv_error(v, n, _("a hit's verdict must be \"same\", \"different\" or \"unsure\", not "
                         "\"%s\""), n->valuestring);
        return;
    }
    d->verdict = (enum verdict)vd;
    d->note = afile_str_or_null(jv_get(o, "note"));
    d->by = sdup(o, "by");
    d->at = afile_timestamp(v, jv_get(o, "at"), _("the time of a decision"));
}

static void read_hit(struct jv *v, const cJSON *o, struct screening *s)
{
    struct hit h;
    const cJSON *n;
    double score;
    int k, st;
    if (jv_check_object(v, o, _("a screening hit"), hit_keys, CC_ARRAY_LEN(hit_keys)) != 0)
        return;
    memset(&h, 0, sizeof(h));
    k = match_kind_parse(jv_get(o, "kind")->valuestring);
    if (k < 0) {
        jv_error(v, jv_get(o, "kind"), _("a hit's kind must be \"exact\", \"tokens\", "
                                         "\"acronym\", \"contains\" or \"cjk\""));
        return;
    }
    n = jv_get(o, "state");
    for (st = 0; st < HS_COUNT && strcmp(hit_state_name((enum hit_state)st), n->valuestring); st++)
        ;
    if (st == HS_COUNT) {
        jv_error(v, n, _("a hit's state must be \"new\", \"changed\" or \"known\""));
        return;
    }
    if (number_in(v, jv_get(o, "score"), "\"score\"", 0, 100, &score) != 0)
        return;
    if (!afile_is_sha256(jv_get(o, "entry_sha256")->valuestring)) {
        jv_error(v, jv_get(o, "entry_sha256"), _("\"entry_sha256\" must be 64 lowercase "
                                                 "hexadecimal digits"));
        return;
    }
    h.partner = sdup(o, "partner");
    h.alias = sdup(o, "alias");
    h.alias_norm = sdup(o, "alias_normalized");
    h.list = sdup(o, "list");
    h.entry_id = sdup(o, "entry");
    h.entry_sha256 = sdup(o, "entry_sha256");
    h.entry_name = sdup(o, "entry_name");
    h.matched = sdup(o, "matched");
    h.matched_norm = sdup(o, "matched_normalized");
    h.score = (int)score;
    h.kind = (enum match_kind)k;
    h.category = afile_str_or_null(jv_get(o, "category"));
    h.note = afile_str_or_null(jv_get(o, "note"));
    h.url = afile_str_or_null(jv_get(o, "url"));
    h.state = (enum hit_state)st;
    if ((n = jv_get(o, "decision")) != NULL)
        read_hdecision(v, n, &h.d);
    if ((n = jv_get(o, "previous")) != NULL)
        read_hdecision(v, n, &h.was);
    s->hits = xrealloc(s->hits, (s->nhits + 1) * sizeof(*s->hits));
    s->hits[s->nhits++] = h;
}

static void read_slist(struct jv *v, const cJSON *o, struct screening *s)
{
    struct screen_list l;
    double entries;
    if (jv_check_object(v, o, _("a screening's list"), slist_keys, CC_ARRAY_LEN(slist_keys)) != 0
        || number_in(v, jv_get(o, "entries"), "\"entries\"", 0, 4e9, &entries) != 0)
        return;
    if (!afile_is_sha256(jv_get(o, "sha256")->valuestring)) {
        jv_error(v, jv_get(o, "sha256"), _("\"sha256\" must be 64 lowercase hexadecimal digits"));
        return;
    }
    l.name = sdup(o, "name");
    l.format = sdup(o, "format");
    l.version = afile_str_or_null(jv_get(o, "version"));
    l.retrieved = afile_timestamp(v, jv_get(o, "retrieved"), _("the time a list was retrieved"));
    l.sha256 = sdup(o, "sha256");
    l.entries = (size_t)entries;
    s->lists = xrealloc(s->lists, (s->nlists + 1) * sizeof(*s->lists));
    s->lists[s->nlists++] = l;
}

static void read_screening(struct jv *v, const cJSON *o, struct assessment *a)
{
    struct screening s;
    const cJSON *it;
    double th;
    if (jv_check_object(v, o, _("a screening"), screening_keys, CC_ARRAY_LEN(screening_keys)) != 0
        || number_in(v, jv_get(o, "threshold"), "\"threshold\"", 1, 100, &th) != 0)
        return;
    memset(&s, 0, sizeof(s));
    s.at = afile_timestamp(v, jv_get(o, "at"), _("the time of a screening"));
    s.by = sdup(o, "by");
    s.threshold = (int)th;
    cJSON_ArrayForEach(it, jv_get(o, "lists"))
        read_slist(v, it, &s);
    afile_read_strings(v, jv_get(o, "missing"), "\"missing\"", &s.missing);
    afile_read_strings(v, jv_get(o, "problems"), "\"problems\"", &s.problems);
    cJSON_ArrayForEach(it, jv_get(o, "hits"))
        read_hit(v, it, &s);
    if (!s.at)
        s.at = xstrdup("");
    a->screenings = xrealloc(a->screenings, (a->nscreenings + 1) * sizeof(*a->screenings));
    a->screenings[a->nscreenings++] = s;
}

void afile_read_screenings(struct jv *v, const cJSON *root, struct assessment *a)
{
    const cJSON *arr = jv_get(root, "screenings"), *it;
    if (!arr)
        return;
    cJSON_ArrayForEach(it, arr) {
        if (!cJSON_IsObject(it)) {
            jv_error(v, it, _("each entry of \"screenings\" must be an object"));
            continue;
        }
        read_screening(v, it, a);
    }
}
