/* afile_officer.c — the officer's records in the assessment file (format 3):
 * ratings, the mitigation register, the decision and the approvals.  See
 * afile_int.h and coopcheck(5). */
#include "afile_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cctime.h"
#include "i18n.h"
#include "officer.h"

/* ---- writing ---- */

void afile_add_rating(cJSON *obj, const struct rating *r)
{
    cJSON *o;
    if (r->level == RISK_UNRATED && !r->why)
        return;
    o = cJSON_AddObjectToObject(obj, "risk");
    cJSON_AddStringToObject(o, "level", risk_name(r->level));
    afile_add_str_or_null(o, "rationale", r->why);
    cJSON_AddBoolToObject(o, "review", r->review);
    cJSON_AddStringToObject(o, "by", r->by ? r->by : "");
    cJSON_AddStringToObject(o, "at", r->at ? r->at : "");
}

cJSON *afile_strings(const struct strlist *l)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < l->n; i++)
        cJSON_AddItemToArray(arr, cJSON_CreateString(l->v[i]));
    return arr;
}

static cJSON *measure_json(const struct measure *m)
{
    cJSON *o = cJSON_CreateObject();
    char label[16];
    measure_label(m->id, label);
    cJSON_AddStringToObject(o, "id", label);
    cJSON_AddStringToObject(o, "what", m->what ? m->what : "");
    cJSON_AddItemToObject(o, "addresses", afile_strings(&m->addresses));
    afile_add_str_or_null(o, "owner", m->owner);
    afile_add_str_or_null(o, "due", m->due);
    cJSON_AddStringToObject(o, "status", mstatus_name(m->status));
    afile_add_str_or_null(o, "effect", m->effect);
    cJSON_AddBoolToObject(o, "review", m->review);
    cJSON_AddItemToObject(o, "created", afile_who_when(m->created.at, m->created.by));
    if (m->changed.at)
        cJSON_AddItemToObject(o, "changed", afile_who_when(m->changed.at, m->changed.by));
    return o;
}

static cJSON *approval_json(const struct approval *ap)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "snapshot", ap->snapshot);
    cJSON_AddStringToObject(o, "snapshot_sha256", ap->sha256);
    cJSON_AddStringToObject(o, "role", ap->role);
    cJSON_AddStringToObject(o, "name", ap->name);
    cJSON_AddStringToObject(o, "date", ap->date);
    afile_add_str_or_null(o, "signer", ap->signer);
    afile_add_str_or_null(o, "signature", ap->signature);
    cJSON_AddStringToObject(o, "by", ap->by ? ap->by : "");
    cJSON_AddStringToObject(o, "at", ap->at ? ap->at : "");
    return o;
}

void afile_add_officer(cJSON *root, const struct assessment *a)
{
    const struct decision *d = &a->decision;
    afile_add_rating(root, &a->overall);
    if (a->nmeasures) {
        cJSON *arr = cJSON_AddArrayToObject(root, "measures");
        for (size_t i = 0; i < a->nmeasures; i++)
            cJSON_AddItemToArray(arr, measure_json(&a->measures[i]));
    }
    if (d->outcome != OUT_NONE) {
        cJSON *o = cJSON_AddObjectToObject(root, "decision");
        cJSON_AddNumberToObject(o, "round", d->round);
        cJSON_AddStringToObject(o, "outcome", outcome_name(d->outcome));
        cJSON_AddItemToObject(o, "conditions", afile_strings(&d->conditions));
        cJSON_AddStringToObject(o, "body", d->body ? d->body : "");
        cJSON_AddStringToObject(o, "date", d->date ? d->date : "");
        cJSON_AddStringToObject(o, "rationale", d->why ? d->why : "");
        cJSON_AddStringToObject(o, "by", d->by ? d->by : "");
        cJSON_AddStringToObject(o, "at", d->at ? d->at : "");
    }
    if (a->napprovals) {
        cJSON *arr = cJSON_AddArrayToObject(root, "approvals");
        for (size_t i = 0; i < a->napprovals; i++)
            cJSON_AddItemToArray(arr, approval_json(&a->approvals[i]));
    }
}

/* ---- reading ---- */

static const struct jv_key rating_keys[] = {
    { "level", JV_STRING, 1 }, { "rationale", JV_STRING_OR_NULL, 1 }, { "review", JV_BOOL, 1 },
    { "by", JV_STRING, 1 }, { "at", JV_STRING, 1 },
};
static const struct jv_key measure_keys[] = {
    { "id", JV_STRING, 1 }, { "what", JV_STRING, 1 }, { "addresses", JV_ARRAY, 1 },
    { "owner", JV_STRING_OR_NULL, 1 }, { "due", JV_STRING_OR_NULL, 1 },
    { "status", JV_STRING, 1 }, { "effect", JV_STRING_OR_NULL, 1 }, { "review", JV_BOOL, 1 },
    { "created", JV_OBJECT, 1 }, { "changed", JV_OBJECT, 0 },
};
static const struct jv_key decision_keys[] = {
    { "round", JV_NUMBER, 1 }, { "outcome", JV_STRING, 1 }, { "conditions", JV_ARRAY, 1 },
    { "body", JV_STRING, 1 }, { "date", JV_STRING, 1 }, { "rationale", JV_STRING, 1 },
    { "by", JV_STRING, 1 }, { "at", JV_STRING, 1 },
};
static const struct jv_key approval_keys[] = {
    { "snapshot", JV_STRING, 1 }, { "snapshot_sha256", JV_STRING, 1 }, { "role", JV_STRING, 1 },
    { "name", JV_STRING, 1 }, { "date", JV_STRING, 1 }, { "signer", JV_STRING_OR_NULL, 1 },
    { "signature", JV_STRING_OR_NULL, 1 }, { "by", JV_STRING, 1 }, { "at", JV_STRING, 1 },
};

static const char *sval(const cJSON *o, const char *key)
{
    const cJSON *n = jv_get(o, key);
    return cJSON_IsString(n) ? n->valuestring : NULL;
}

void afile_read_rating(struct jv *v, const cJSON *n, const char *what, struct rating *r)
{
    int l;
    if (jv_check_object(v, n, what, rating_keys, CC_ARRAY_LEN(rating_keys)) != 0)
        return;
    l = risk_parse(sval(n, "level"));
    if (l < 0 || strcmp(sval(n, "level"), risk_name((enum risk)l)) != 0) {
        jv_error(v, jv_get(n, "level"), _("the risk level of %s must be \"unrated\", \"none\", "
                                          "\"low\", \"medium\" or \"high\", not \"%s\""), what,
                 sval(n, "level"));
        return;
    }
    r->level = (enum risk)l;
    r->why = afile_str_or_null(jv_get(n, "rationale"));
    r->review = cJSON_IsTrue(jv_get(n, "review"));
    r->by = xstrdup(sval(n, "by"));
    r->at = afile_timestamp(v, jv_get(n, "at"), _("the time"));
}

/* A list of non-empty strings (what names it) into l. */
void afile_read_strings(struct jv *v, const cJSON *arr, const char *what, struct strlist *l)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, arr) {
        if (cJSON_IsString(it) && it->valuestring[0])
            strlist_push(l, it->valuestring);
        else
            jv_error(v, it, _("each entry of %s must be a non-empty string"), what);
    }
}

static void read_measure(struct jv *v, const cJSON *o, struct assessment *a)
{
    struct measure m;
    struct cc_err e;
    char label[16];
    int st;
    if (jv_check_object(v, o, _("a measure"), measure_keys, CC_ARRAY_LEN(measure_keys)) != 0)
        return;
    memset(&m, 0, sizeof(m));
    m.id = measure_id_parse(sval(o, "id"));
    measure_label(m.id, label);
    if (!m.id || strcmp(label, sval(o, "id")) != 0) {
        jv_error(v, jv_get(o, "id"), _("a measure's id is M and a number from 1 to %u, like "
                                       "\"M3\", not \"%s\""), MEASURES_MAX, sval(o, "id"));
        return;
    }
    if (measure_find(a, m.id)) {
        jv_error(v, jv_get(o, "id"), _("measure %s is in the register twice"), sval(o, "id"));
        return;
    }
    st = mstatus_parse(sval(o, "status"));
    if (st < 0 || strcmp(sval(o, "status"), mstatus_name((enum mstatus)st)) != 0) {
        jv_error(v, jv_get(o, "status"), _("the status of a measure must be \"planned\", "
                                           "\"in_place\", \"done\" or \"dropped\", not \"%s\""),
                 sval(o, "status"));
        return;
    }
    m.status = (enum mstatus)st;
    m.what = xstrdup(sval(o, "what"));
    afile_read_strings(v, jv_get(o, "addresses"), "\"addresses\"", &m.addresses);
    m.owner = afile_str_or_null(jv_get(o, "owner"));
    m.due = afile_str_or_null(jv_get(o, "due"));
    m.effect = afile_str_or_null(jv_get(o, "effect"));
    m.review = cJSON_IsTrue(jv_get(o, "review"));
    afile_read_stamp(v, jv_get(o, "created"), "\"created\"", &m.created);
    if (jv_get(o, "changed"))
        afile_read_stamp(v, jv_get(o, "changed"), "\"changed\"", &m.changed);
    if (measure_check(a, &m, &e) != 0) {
        jv_error(v, o, _("measure %s: %s"), sval(o, "id"), e.msg);
        measure_release(&m);
        return;
    }
    for (size_t i = 0; i < m.addresses.n; i++) {
        const struct cat_question *q = catalog_question(a->cat, m.addresses.v[i]);
        if (strcmp(m.addresses.v[i], OVERALL_REF) != 0 && strcmp(q->id, m.addresses.v[i]) != 0) {
            jv_error(v, jv_get(o, "addresses"), _("measure %s: the file names questions by their "
                                                  "id (\"%s\"), not \"%s\""), sval(o, "id"),
                     q->id, m.addresses.v[i]);
            measure_release(&m);
            return;
        }
    }
    a->measures = xrealloc(a->measures, (a->nmeasures + 1) * sizeof(*a->measures));
    a->measures[a->nmeasures++] = m;
}

static void read_decision(struct jv *v, const cJSON *o, struct assessment *a)
{
    struct decision *d = &a->decision;
    const cJSON *n;
    int out, y, mo, da;
    double r;
    if (jv_check_object(v, o, "\"decision\"", decision_keys, CC_ARRAY_LEN(decision_keys)) != 0)
        return;
    out = outcome_parse(sval(o, "outcome"));
    if (out <= OUT_NONE || strcmp(sval(o, "outcome"), outcome_name((enum outcome)out)) != 0) {
        jv_error(v, jv_get(o, "outcome"), _("the outcome of a decision must be \"proceed\", "
                                            "\"proceed_with_conditions\", \"postpone\" or "
                                            "\"do_not_proceed\", not \"%s\""), sval(o, "outcome"));
        return;
    }
    n = jv_get(o, "round");
    r = n->valuedouble;
    if (!isfinite(r) || r < 1 || r > a->round || r != (double)(int)r) {
        jv_error(v, n, _("the decision's round must be a whole number from 1 to the current "
                         "round (%d)"), a->round);
        return;
    }
    d->outcome = (enum outcome)out;
    d->round = (int)r;
    afile_read_strings(v, jv_get(o, "conditions"), "\"conditions\"", &d->conditions);
    for (size_t i = 0; i < d->conditions.n; i++) {
        char label[16];
        measure_label(measure_id_parse(d->conditions.v[i]), label);
        if (strcmp(label, d->conditions.v[i]) != 0 || !measure_find(a, measure_id_parse(label)))
            jv_error(v, jv_get(o, "conditions"), _("condition \"%s\" is not a measure of the "
                                                   "register"), d->conditions.v[i]);
    }
    if ((d->outcome == OUT_CONDITIONS) != (d->conditions.n > 0))
        jv_error(v, jv_get(o, "conditions"), "%s", d->outcome == OUT_CONDITIONS
                     ? _("\"proceed_with_conditions\" needs at least one condition")
                     : _("only \"proceed_with_conditions\" has conditions"));
    d->body = xstrdup(sval(o, "body"));
    d->date = xstrdup(sval(o, "date"));
    if (cc_parse_date(d->date, &y, &mo, &da) != 0)
        jv_error(v, jv_get(o, "date"), _("the decision's date \"%s\" is not a date of the form "
                                         "2026-01-31"), d->date);
    d->why = xstrdup(sval(o, "rationale"));
    d->by = xstrdup(sval(o, "by"));
    d->at = afile_timestamp(v, jv_get(o, "at"), _("the time"));
}

static void read_approval(struct jv *v, const cJSON *o, struct assessment *a)
{
    struct approval *ap;
    int y, m, d;
    if (jv_check_object(v, o, _("an approval"), approval_keys, CC_ARRAY_LEN(approval_keys)) != 0)
        return;
    if (!afile_is_sha256(sval(o, "snapshot_sha256"))) {
        jv_error(v, jv_get(o, "snapshot_sha256"), _("\"snapshot_sha256\" must be 64 lowercase "
                                                    "hexadecimal digits"));
        return;
    }
    if (cc_parse_date(sval(o, "date"), &y, &m, &d) != 0) {
        jv_error(v, jv_get(o, "date"), _("the approval's date \"%s\" is not a date of the form "
                                         "2026-01-31"), sval(o, "date"));
        return;
    }
    if (!jv_get(o, "signer")->valuestring != !jv_get(o, "signature")->valuestring) {
        jv_error(v, o, _("an approval has both a signer and a signature, or neither"));
        return;
    }
    if (strchr(sval(o, "snapshot"), '/') || sval(o, "snapshot")[0] == '.' || !sval(o, "snapshot")[0]) {
        jv_error(v, jv_get(o, "snapshot"), _("\"%s\" is not a snapshot name"), sval(o, "snapshot"));
        return;
    }
    for (size_t i = 0; i < a->napprovals; i++)
        if (strcmp(a->approvals[i].snapshot, sval(o, "snapshot")) == 0 &&
            strcasecmp(a->approvals[i].role, sval(o, "role")) == 0) {
            jv_error(v, jv_get(o, "role"), _("snapshot %s is approved as \"%s\" twice"),
                     sval(o, "snapshot"), sval(o, "role"));
            return;
        }
    a->approvals = xrealloc(a->approvals, (a->napprovals + 1) * sizeof(*a->approvals));
    ap = &a->approvals[a->napprovals++];
    memset(ap, 0, sizeof(*ap));
    ap->snapshot = xstrdup(sval(o, "snapshot"));
    ap->sha256 = xstrdup(sval(o, "snapshot_sha256"));
    ap->role = xstrdup(sval(o, "role"));
    ap->name = xstrdup(sval(o, "name"));
    ap->date = xstrdup(sval(o, "date"));
    ap->signer = afile_str_or_null(jv_get(o, "signer"));
    ap->signature = afile_str_or_null(jv_get(o, "signature"));
    ap->by = xstrdup(sval(o, "by"));
    ap->at = afile_timestamp(v, jv_get(o, "at"), _("the time"));
}

void afile_read_officer(struct jv *v, const cJSON *root, struct assessment *a)
{
    const cJSON *n, *it;
    if ((n = jv_get(root, "risk")) != NULL)
        afile_read_rating(v, n, _("the overall risk"), &a->overall);
    if ((n = jv_get(root, "measures")) != NULL)
        cJSON_ArrayForEach(it, n)
            read_measure(v, it, a);
    if ((n = jv_get(root, "decision")) != NULL)
        read_decision(v, n, a);
    if ((n = jv_get(root, "approvals")) != NULL)
        cJSON_ArrayForEach(it, n)
            read_approval(v, it, a);
}
