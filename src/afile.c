/* afile.c — see afile.h. */
#include "afile.h"
#include "afile_int.h"

#include <errno.h>

#include <math.h>  /* isfinite */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cctime.h"
#include "i18n.h"

/* ---- writing ---- */

void afile_add_str_or_null(cJSON *obj, const char *key, const char *s)
{
    if (s)
        cJSON_AddStringToObject(obj, key, s);
    else
        cJSON_AddNullToObject(obj, key);
}

cJSON *afile_who_when(const char *at, const char *by)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "at", at ? at : "");
    cJSON_AddStringToObject(o, "by", by ? by : "");
    return o;
}

/* "catalog": the catalogue answered, and the hash of each question's text. */
static void add_catalog(cJSON *root, const struct assessment *a)
{
    const struct catalog *cat = a->cat;
    cJSON *o = cJSON_AddObjectToObject(root, "catalog"), *qs;

    cJSON_AddStringToObject(o, "id", a->catalog_id);
    cJSON_AddStringToObject(o, "version", a->catalog_version);
    qs = cJSON_AddObjectToObject(o, "question_text_sha256");
    for (size_t i = 0; i < cat->nquestions; i++) {
        char hex[65];
        question_text_sha256(&cat->questions[i], hex);
        cJSON_AddStringToObject(qs, cat->questions[i].id, hex);
    }
}

/* A partner: its name, or {"name", "aliases"} when it has aliases. */
static cJSON *partner_json(const struct coop *c, size_t i)
{
    const struct strlist *al = coop_aliases(c, i);
    cJSON *o, *arr;
    if (!al->n)
        return cJSON_CreateString(c->partners.v[i]);
    o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", c->partners.v[i]);
    arr = cJSON_AddArrayToObject(o, "aliases");
    for (size_t k = 0; k < al->n; k++)
        cJSON_AddItemToArray(arr, cJSON_CreateString(al->v[k]));
    return o;
}

static void add_coop(cJSON *root, const struct coop *c)
{
    cJSON *o = cJSON_AddObjectToObject(root, "cooperation"), *partners, *changed = NULL;

    cJSON_AddStringToObject(o, "id", c->id);
    cJSON_AddStringToObject(o, "title", c->title ? c->title : "");
    partners = cJSON_AddArrayToObject(o, "partners");
    for (size_t i = 0; i < c->partners.n; i++)
        cJSON_AddItemToArray(partners, partner_json(c, i));
    afile_add_str_or_null(o, "country", c->country);
    afile_add_str_or_null(o, "pi", c->pi);
    afile_add_str_or_null(o, "start", c->start);
    cJSON_AddNumberToObject(o, "interval_months", c->interval_months);
    for (int f = 0; f < CF_COUNT; f++) {
        if (!c->changed[f].at)
            continue;
        if (!changed)
            changed = cJSON_AddObjectToObject(o, "changed");
        cJSON_AddItemToObject(changed, coop_field_name((enum coop_field)f),
                              afile_who_when(c->changed[f].at, c->changed[f].by));
    }
    if (c->archived.at)
        cJSON_AddItemToObject(o, "archived", afile_who_when(c->archived.at, c->archived.by));
}

/* The head of the snapshot chain (format 2). */
static void add_last_snapshot(cJSON *root, const struct assessment *a)
{
    cJSON *o;
    if (!a->last_snapshot) {
        cJSON_AddNullToObject(root, "last_snapshot");
        return;
    }
    o = cJSON_AddObjectToObject(root, "last_snapshot");
    cJSON_AddStringToObject(o, "name", a->last_snapshot);
    cJSON_AddStringToObject(o, "sha256", a->last_snapshot_sha256 ? a->last_snapshot_sha256 : "");
}

static void add_round(cJSON *root, const struct assessment *a)
{
    cJSON *o = cJSON_AddObjectToObject(root, "round");

    cJSON_AddNumberToObject(o, "number", a->round);
    cJSON_AddStringToObject(o, "started", a->round_started ? a->round_started : "");
    afile_add_str_or_null(o, "based_on", a->round_based_on);
    afile_add_str_or_null(o, "based_on_sha256", a->round_based_on_sha256);
}

/* The answers to question q, into answers; nothing when none is set and
 * neither flag is. */
static void add_question_answers(cJSON *answers, const struct cat_question *q,
                                 const struct qanswers *qa)
{
    cJSON *qo, *fo;
    int any = qa->followup || qa->review || qa->risk.level != RISK_UNRATED || qa->risk.why;

    for (size_t f = 0; f < qa->nf; f++)
        any |= answer_is_set(&qa->f[f]);
    if (!any)
        return;
    qo = cJSON_AddObjectToObject(answers, q->id);
    cJSON_AddBoolToObject(qo, "followup", qa->followup);
    cJSON_AddBoolToObject(qo, "review", qa->review);
    afile_add_rating(qo, &qa->risk);
    fo = cJSON_AddObjectToObject(qo, "fields");
    for (size_t f = 0; f < qa->nf; f++) {
        const struct answer *ans = &qa->f[f];
        cJSON *v;
        if (!answer_is_set(ans))
            continue;
        v = cJSON_AddObjectToObject(fo, q->fields[f].id);
        if (q->fields[f].type == FIELD_YESNO) {
            if (ans->yn == YN_UNSET && !ans->text)
                continue;
            cJSON_AddStringToObject(v, "value", yesno_name(ans->yn));
            if (ans->text)
                cJSON_AddItemToObject(v, "note", cJSON_CreateStringReference(ans->text));
        } else {
            /* a reference, not a copy: answers are most of the file (up to
             * 256 KiB each), and the tree lives only while it is printed */
            cJSON_AddItemToObject(v, "value", cJSON_CreateStringReference(ans->text));
        }
        cJSON_AddStringToObject(v, "by", ans->by ? ans->by : "");
        cJSON_AddStringToObject(v, "at", ans->at ? ans->at : "");
    }
}

static void add_snapshot(cJSON *root, const struct snapinfo *s)
{
    cJSON *o = cJSON_AddObjectToObject(root, "snapshot");

    cJSON_AddStringToObject(o, "name", s->name);
    cJSON_AddStringToObject(o, "taken_at", s->taken_at);
    cJSON_AddStringToObject(o, "taken_by", s->taken_by);
    afile_add_str_or_null(o, "note", s->note);
    afile_add_str_or_null(o, "previous", s->prev_name);
    afile_add_str_or_null(o, "previous_sha256", s->prev_sha256);
    cJSON_AddBoolToObject(o, "complete", s->complete);
}

/* The tree of a's file; its answers are references to a's texts. */
static cJSON *file_tree(const struct assessment *a)
{
    const struct catalog *cat = a->cat;
    cJSON *root = cJSON_CreateObject(), *answers;

    cJSON_AddNumberToObject(root, "format", ASSESSMENT_FORMAT);
    cJSON_AddStringToObject(root, "kind", a->snap ? "coopcheck-snapshot" : "coopcheck-assessment");
    add_catalog(root, a);
    add_coop(root, &a->coop);
    cJSON_AddItemToObject(root, "created", afile_who_when(a->created_at, a->created_by));
    cJSON_AddItemToObject(root, "updated", afile_who_when(a->updated_at, a->updated_by));
    add_round(root, a);
    add_last_snapshot(root, a);
    answers = cJSON_AddObjectToObject(root, "answers");
    for (size_t qi = 0; qi < cat->nquestions; qi++)
        add_question_answers(answers, &cat->questions[qi], &a->q[qi]);
    afile_add_officer(root, a);
    afile_add_screenings(root, a);
    afile_add_merge(root, a);
    if (a->snap)
        add_snapshot(root, a->snap);
    return root;
}

char *afile_format(const struct assessment *a)
{
    cJSON *root = file_tree(a);
    struct sbuf out;
    sbuf_init(&out);
    jsondoc_print_to(root, &out);
    sbuf_addc(&out, '\n');
    cJSON_Delete(root);
    return sbuf_detach(&out, NULL);
}

int afile_format_stream(const struct assessment *a, int (*emit)(void *arg, const char *s, size_t n),
                        void *arg)
{
    cJSON *root = file_tree(a);
    /* pieces of 64 KiB: written as they come, never the whole text at once */
    int rc = jsondoc_print_stream(root, "\n", 64 * 1024, emit, arg);
    cJSON_Delete(root);
    return rc;
}

/* ---- reading ---- */

/* Format 5; format 4 lacks "conflicts" and "merged_snapshots" (the _v4 table); format 3 lacks "screenings" (the _v3 table); format 2 lacks the officer's records (the _v2 tables: no
 * "risk", "measures", "decision", "approvals"); format 1 also lacks
 * "last_snapshot" and the snapshot's "complete" (the _v1 tables), and knows
 * no aliases, stamps, archiving or notes. */
static const struct jv_key top_keys[] = {
    { "format", JV_NUMBER, 1 }, { "kind", JV_STRING, 1 }, { "catalog", JV_OBJECT, 1 },
    { "cooperation", JV_OBJECT, 1 }, { "created", JV_OBJECT, 1 }, { "updated", JV_OBJECT, 1 },
    { "round", JV_OBJECT, 1 }, { "last_snapshot", JV_OBJECT_OR_NULL, 1 },
    { "answers", JV_OBJECT, 1 }, { "risk", JV_OBJECT, 0 }, { "measures", JV_ARRAY, 0 },
    { "decision", JV_OBJECT, 0 }, { "approvals", JV_ARRAY, 0 }, { "screenings", JV_ARRAY, 0 },
    { "conflicts", JV_ARRAY, 0 }, { "merged_snapshots", JV_ARRAY, 0 }, { "snapshot", JV_OBJECT, 0 },
};
static const struct jv_key top_keys_v4[] = {
    { "format", JV_NUMBER, 1 }, { "kind", JV_STRING, 1 }, { "catalog", JV_OBJECT, 1 },
    { "cooperation", JV_OBJECT, 1 }, { "created", JV_OBJECT, 1 }, { "updated", JV_OBJECT, 1 },
    { "round", JV_OBJECT, 1 }, { "last_snapshot", JV_OBJECT_OR_NULL, 1 },
    { "answers", JV_OBJECT, 1 }, { "risk", JV_OBJECT, 0 }, { "measures", JV_ARRAY, 0 },
    { "decision", JV_OBJECT, 0 }, { "approvals", JV_ARRAY, 0 }, { "screenings", JV_ARRAY, 0 },
    { "snapshot", JV_OBJECT, 0 },
};
static const struct jv_key top_keys_v3[] = {
    { "format", JV_NUMBER, 1 }, { "kind", JV_STRING, 1 }, { "catalog", JV_OBJECT, 1 },
    { "cooperation", JV_OBJECT, 1 }, { "created", JV_OBJECT, 1 }, { "updated", JV_OBJECT, 1 },
    { "round", JV_OBJECT, 1 }, { "last_snapshot", JV_OBJECT_OR_NULL, 1 },
    { "answers", JV_OBJECT, 1 }, { "risk", JV_OBJECT, 0 }, { "measures", JV_ARRAY, 0 },
    { "decision", JV_OBJECT, 0 }, { "approvals", JV_ARRAY, 0 }, { "snapshot", JV_OBJECT, 0 },
};
static const struct jv_key top_keys_v2[] = {
    { "format", JV_NUMBER, 1 }, { "kind", JV_STRING, 1 }, { "catalog", JV_OBJECT, 1 },
    { "cooperation", JV_OBJECT, 1 }, { "created", JV_OBJECT, 1 }, { "updated", JV_OBJECT, 1 },
    { "round", JV_OBJECT, 1 }, { "last_snapshot", JV_OBJECT_OR_NULL, 1 },
    { "answers", JV_OBJECT, 1 }, { "snapshot", JV_OBJECT, 0 },
};
static const struct jv_key top_keys_v1[] = {
    { "format", JV_NUMBER, 1 }, { "kind", JV_STRING, 1 }, { "catalog", JV_OBJECT, 1 },
    { "cooperation", JV_OBJECT, 1 }, { "created", JV_OBJECT, 1 }, { "updated", JV_OBJECT, 1 },
    { "round", JV_OBJECT, 1 }, { "answers", JV_OBJECT, 1 }, { "snapshot", JV_OBJECT, 0 },
};
static const struct jv_key last_snapshot_keys[] = {
    { "name", JV_STRING, 1 }, { "sha256", JV_STRING, 1 },
};
static const struct jv_key catalog_keys[] = {
    { "id", JV_STRING, 1 }, { "version", JV_STRING, 1 }, { "question_text_sha256", JV_OBJECT, 0 },
};
static const struct jv_key coop_keys[] = {
    { "id", JV_STRING, 1 }, { "title", JV_STRING, 1 }, { "partners", JV_ARRAY, 1 },
    { "country", JV_STRING_OR_NULL, 1 }, { "pi", JV_STRING_OR_NULL, 1 },
    { "start", JV_STRING_OR_NULL, 1 }, { "interval_months", JV_NUMBER, 1 },
    { "changed", JV_OBJECT, 0 }, { "archived", JV_OBJECT, 0 },
};
static const struct jv_key coop_keys_v1[] = {
    { "id", JV_STRING, 1 }, { "title", JV_STRING, 1 }, { "partners", JV_ARRAY, 1 },
    { "country", JV_STRING_OR_NULL, 1 }, { "pi", JV_STRING_OR_NULL, 1 },
    { "start", JV_STRING_OR_NULL, 1 }, { "interval_months", JV_NUMBER, 1 },
};
static const struct jv_key partner_keys[] = {
    { "name", JV_STRING, 1 }, { "aliases", JV_ARRAY, 1 },
};
static const struct jv_key whowhen_keys[] = {
    { "at", JV_STRING, 1 }, { "by", JV_STRING, 1 },
};
static const struct jv_key round_keys[] = {
    { "number", JV_NUMBER, 1 }, { "started", JV_STRING, 1 }, { "based_on", JV_STRING_OR_NULL, 1 },
    { "based_on_sha256", JV_STRING_OR_NULL, 0 },
};
static const struct jv_key qanswer_keys[] = {
    { "followup", JV_BOOL, 1 }, { "review", JV_BOOL, 1 }, { "risk", JV_OBJECT, 0 },
    { "fields", JV_OBJECT, 1 },
};
static const struct jv_key qanswer_keys_v2[] = {
    { "followup", JV_BOOL, 1 }, { "review", JV_BOOL, 1 }, { "fields", JV_OBJECT, 1 },
};
static const struct jv_key value_keys[] = {
    { "value", JV_STRING, 1 }, { "note", JV_STRING, 0 }, { "by", JV_STRING, 1 },
    { "at", JV_STRING, 1 },
};
static const struct jv_key value_keys_v1[] = {
    { "value", JV_STRING, 1 }, { "by", JV_STRING, 1 }, { "at", JV_STRING, 1 },
};
static const struct jv_key snapshot_keys[] = {
    { "name", JV_STRING, 1 }, { "taken_at", JV_STRING, 1 }, { "taken_by", JV_STRING, 1 },
    { "note", JV_STRING_OR_NULL, 1 }, { "previous", JV_STRING_OR_NULL, 1 },
    { "previous_sha256", JV_STRING_OR_NULL, 1 }, { "complete", JV_BOOL, 1 },
};
static const struct jv_key snapshot_keys_v1[] = {
    { "name", JV_STRING, 1 }, { "taken_at", JV_STRING, 1 }, { "taken_by", JV_STRING, 1 },
    { "note", JV_STRING_OR_NULL, 1 }, { "previous", JV_STRING_OR_NULL, 1 },
    { "previous_sha256", JV_STRING_OR_NULL, 1 },
};

/* The tables of the format being read. */
#define KEYS(v1, t) ((v1) ? t##_v1 : t), ((v1) ? CC_ARRAY_LEN(t##_v1) : CC_ARRAY_LEN(t))

int afile_is_sha256(const char *s)
{
    return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

char *afile_str_or_null(const cJSON *n)
{
    return cJSON_IsString(n) ? xstrdup(n->valuestring) : NULL;
}

char *afile_timestamp(struct jv *v, const cJSON *n, const char *what)
{
    time_t t;
    if (!cJSON_IsString(n))
        return NULL;
    if (cc_parse_iso_utc(n->valuestring, &t) != 0) {
        jv_error(v, n, _("%s \"%s\" is not a UTC time of the form 2026-01-31T12:00:00Z"), what,
                 n->valuestring);
        return NULL;
    }
    return xstrdup(n->valuestring);
}

static int whole_number(struct jv *v, const cJSON *n, const char *what, int lo, int hi, int *out)
{
    double d = n->valuedouble;
    if (!isfinite(d) || d < lo || d > hi || d != (double)(long long)d) {
        jv_error(v, n, _("%s must be a whole number from %d to %d"), what, lo, hi);
        return -1;
    }
    *out = (int)d;
    return 0;
}

/* "partners": names, or {"name", "aliases"} (format 2). */
static void read_partners(struct jv *v, const cJSON *arr, struct coop *c, int v1)
{
    const cJSON *it, *al;
    cJSON_ArrayForEach(it, arr) {
        struct strlist aliases = { 0 };
        if (cJSON_IsString(it)) {
            coop_add_partner(c, it->valuestring, NULL);
            continue;
        }
        if (v1 || !cJSON_IsObject(it)) {
            jv_error(v, it, v1 ? _("each partner must be a string")
                               : _("each partner must be a name or an object with \"name\" and "
                                   "\"aliases\""));
            continue;
        }
        if (jv_check_object(v, it, _("a partner"), partner_keys, CC_ARRAY_LEN(partner_keys)) != 0)
            continue;
        cJSON_ArrayForEach(al, jv_get(it, "aliases")) {
            if (cJSON_IsString(al) && al->valuestring[0])
                strlist_push(&aliases, al->valuestring);
            else
                jv_error(v, al, _("each alias of a partner must be a non-empty string"));
        }
        coop_add_partner(c, jv_get(it, "name")->valuestring, &aliases);
        strlist_release(&aliases);
    }
}

void afile_read_stamp(struct jv *v, const cJSON *n, const char *what, struct stamp *st)
{
    if (jv_check_object(v, n, what, whowhen_keys, CC_ARRAY_LEN(whowhen_keys)) != 0)
        return;
    st->at = afile_timestamp(v, jv_get(n, "at"), what);
    st->by = xstrdup(jv_get(n, "by")->valuestring);
}

/* "changed": {field: {"at", "by"}} and "archived": {"at", "by"} (format 2). */
static void read_stamps(struct jv *v, const cJSON *o, struct coop *c)
{
    const cJSON *n, *it;
    if ((n = jv_get(o, "changed")) != NULL)
        cJSON_ArrayForEach(it, n) {
            int f;
            for (f = 0; f < CF_COUNT; f++)
                if (strcmp(it->string, coop_field_name((enum coop_field)f)) == 0)
                    break;
            if (f == CF_COUNT)
                jv_error(v, it, _("\"%s\" is not a part of the cooperation's data (known: title, "
                                  "partners, country, pi, start, interval_months, catalog, id)"), it->string);
            else
                afile_read_stamp(v, it, it->string, &c->changed[f]);
        }
    if ((n = jv_get(o, "archived")) != NULL)
        afile_read_stamp(v, n, "\"archived\"", &c->archived);
}

static void read_coop(struct jv *v, const cJSON *o, struct coop *c, const char *expect_id, int v1)
{
    const cJSON *n;
    int y, m, d;
    if (jv_check_object(v, o, "\"cooperation\"", KEYS(v1, coop_keys)) != 0)
        return;
    n = jv_get(o, "id");
    if (!coop_id_valid(n->valuestring))
        jv_error(v, n, _("cooperation id \"%s\" is not valid: %s"), n->valuestring, coop_id_rule());
    else if (expect_id && strcmp(expect_id, n->valuestring) != 0)
        jv_error(v, n, _("the file names cooperation \"%s\", but its directory is \"%s\"; the "
                    "file was left untouched"), n->valuestring, expect_id);
    c->id = xstrdup(n->valuestring);
    c->title = xstrdup(jv_get(o, "title")->valuestring);
    read_partners(v, jv_get(o, "partners"), c, v1);
    read_stamps(v, o, c);
    c->country = afile_str_or_null(jv_get(o, "country"));
    c->pi = afile_str_or_null(jv_get(o, "pi"));
    n = jv_get(o, "start");
    if (cJSON_IsString(n) && cc_parse_date(n->valuestring, &y, &m, &d) != 0)
        jv_error(v, n, _("start date \"%s\" is not a date of the form 2026-01-31"), n->valuestring);
    c->start = afile_str_or_null(n);
    whole_number(v, jv_get(o, "interval_months"), "\"interval_months\"", 1, 120, &c->interval_months);
}

static void read_answers(struct jv *v, const cJSON *answers, struct assessment *a, int ver)
{
    const struct catalog *cat = a->cat;
    const cJSON *qo;
    cJSON_ArrayForEach(qo, answers) {
        const struct cat_question *q = NULL;
        const cJSON *fo;
        long qi;
        char what[192];
        for (size_t i = 0; i < cat->nquestions; i++)
            if (strcmp(cat->questions[i].id, qo->string) == 0)
                q = &cat->questions[i];
        if (!q) {
            if (a->tolerate_unknown)
                strlist_push(&a->dropped, qo->string);
            else
                jv_error(v, qo, _("\"%s\" is not a question of catalogue \"%s\" (version %s)"),
                         qo->string, cat->id, cat->version);
            continue;
        }
        qi = catalog_question_index(cat, q);
        snprintf(what, sizeof(what), _("the answers to %s"), q->id);
        if (jv_check_object(v, qo, what, ver < 3 ? qanswer_keys_v2 : qanswer_keys,
                            ver < 3 ? CC_ARRAY_LEN(qanswer_keys_v2) : CC_ARRAY_LEN(qanswer_keys)) != 0)
            continue;
        if (jv_get(qo, "risk")) {
            snprintf(what, sizeof(what), _("the risk of %s"), q->id);
            afile_read_rating(v, jv_get(qo, "risk"), what, &a->q[qi].risk);
        }
        a->q[qi].followup = cJSON_IsTrue(jv_get(qo, "followup"));
        a->q[qi].review = cJSON_IsTrue(jv_get(qo, "review"));
        cJSON_ArrayForEach(fo, jv_get(qo, "fields")) {
            long fi = cat_question_field_index(q, fo->string);
            struct answer *ans;
            const cJSON *val;
            if (fi < 0) {
                if (a->tolerate_unknown)
                    strlist_push_owned(&a->dropped, xasprintf("%s.%s", q->id, fo->string));
                else
                    jv_error(v, fo, _("\"%s\" is not a field of %s"), fo->string, q->id);
                continue;
            }
            snprintf(what, sizeof(what), _("field \"%s\" of %s"), fo->string, q->id);
            if (jv_check_object(v, fo, what, KEYS(ver == 1, value_keys)) != 0)
                continue;
            ans = &a->q[qi].f[fi];
            val = jv_get(fo, "value");
            if (q->fields[fi].type == FIELD_YESNO) {
                const cJSON *note = jv_get(fo, "note");
                int yn = yesno_parse(val->valuestring);
                if (note && (!note->valuestring[0] || strlen(note->valuestring) > TEXT_ANSWER_MAX)) {
                    jv_error(v, note, _("the note of %s must be 1 to %u bytes long"), what,
                             TEXT_ANSWER_MAX);
                    continue;
                }
                if (note)
                    ans->text = xstrdup(note->valuestring);
                /* "unset" only for a note whose answer was taken back */
                if (yn < YN_UNSET || (yn == YN_UNSET && !note)) {
                    jv_error(v, val, _("%s is a yes/no field: its value must be \"yes\", \"no\" or "
                                "\"unsure\", not \"%s\""), what, val->valuestring);
                    continue;
                }
                ans->yn = (enum yesno)yn;
            } else {
                if (strlen(val->valuestring) > TEXT_ANSWER_MAX) {
                    jv_error(v, val, _("%s is longer than %u bytes"), what, TEXT_ANSWER_MAX);
                    continue;
                }
                if (!val->valuestring[0]) {
                    jv_error(v, val, _("%s is empty: leave an unanswered field out"), what);
                    continue;
                }
                ans->text = xstrdup(val->valuestring);
            }
            ans->by = xstrdup(jv_get(fo, "by")->valuestring);
            ans->at = afile_timestamp(v, jv_get(fo, "at"), _("the time"));
        }
    }
}

static void read_snapshot(struct jv *v, const cJSON *o, struct assessment *a, int v1)
{
    struct snapinfo *s;
    const cJSON *sha;
    if (jv_check_object(v, o, "\"snapshot\"", KEYS(v1, snapshot_keys)) != 0)
        return;
    s = a->snap = xcalloc(1, sizeof(*s));
    s->complete = v1 || cJSON_IsTrue(jv_get(o, "complete"));   /* every format-1 snapshot closed its round */
    s->name = xstrdup(jv_get(o, "name")->valuestring);
    s->taken_at = afile_timestamp(v, jv_get(o, "taken_at"), "\"taken_at\"");
    s->taken_by = xstrdup(jv_get(o, "taken_by")->valuestring);
    s->note = afile_str_or_null(jv_get(o, "note"));
    s->prev_name = afile_str_or_null(jv_get(o, "previous"));
    sha = jv_get(o, "previous_sha256");
    if (cJSON_IsString(sha)) {
        size_t n = strlen(sha->valuestring);
        if (n != 64 || strspn(sha->valuestring, "0123456789abcdef") != 64)
            jv_error(v, sha, _("\"previous_sha256\" must be 64 lowercase hexadecimal digits"));
    }
    s->prev_sha256 = afile_str_or_null(sha);
}

int afile_parse(const char *buf, size_t len, const char *name, const struct catalog_set *cats,
                struct assessment **out, struct cc_err *err)
{
    return afile_parse_expect(buf, len, name, cats, NULL, out, err);
}

/* The format, the kind and the top-level keys: 0 and *is_snap, or -1 after
 * reporting why root is not an assessment this coopcheck reads. */
static int read_header(struct jv *v, const cJSON *root, int *is_snap, int *ver)
{
    const cJSON *fmt, *kind;

    if (!cJSON_IsObject(root)) {
        jv_error(v, root, _("not a coopcheck assessment: the file must hold a JSON object"));
        return -1;
    }
    fmt = jv_get(root, "format");
    if (!fmt) {
        jv_error(v, root, _("not a coopcheck assessment: there is no \"format\" key"));
        return -1;
    }
    if (cJSON_IsNumber(fmt) && fmt->valuedouble > ASSESSMENT_FORMAT) {
        jv_error(v, fmt, _("written by a newer coopcheck (format %g; this one reads format %d): "
                    "update coopcheck; the file was left untouched"), fmt->valuedouble, ASSESSMENT_FORMAT);
        return -1;
    }
    static const struct { const struct jv_key *keys; size_t n; } tops[] = {
        { top_keys_v1, CC_ARRAY_LEN(top_keys_v1) }, { top_keys_v2, CC_ARRAY_LEN(top_keys_v2) },
        { top_keys_v3, CC_ARRAY_LEN(top_keys_v3) }, { top_keys_v4, CC_ARRAY_LEN(top_keys_v4) },
        { top_keys, CC_ARRAY_LEN(top_keys) },
    };
    *ver = 0;
    for (int k = 1; k <= ASSESSMENT_FORMAT && cJSON_IsNumber(fmt); k++)
        if (fmt->valuedouble == k)
            *ver = k;
    if (jv_check_object(v, root, _("the assessment"), tops[*ver ? *ver - 1 : ASSESSMENT_FORMAT - 1].keys,
                        tops[*ver ? *ver - 1 : ASSESSMENT_FORMAT - 1].n) != 0)
        return -1;
    if (!*ver) {
        jv_error(v, fmt, _("\"format\" must be a whole number from 1 to %d"), ASSESSMENT_FORMAT);
        return -1;
    }
    kind = jv_get(root, "kind");
    *is_snap = strcmp(kind->valuestring, "coopcheck-snapshot") == 0;
    if (!*is_snap && strcmp(kind->valuestring, "coopcheck-assessment") != 0) {
        jv_error(v, kind, _("\"kind\" must be \"coopcheck-assessment\" or \"coopcheck-snapshot\""));
        return -1;
    }
    if (*is_snap != (jv_get(root, "snapshot") != NULL)) {
        jv_error(v, kind, "%s", *is_snap ? _("a snapshot needs a \"snapshot\" section")
                                         : _("a working assessment has no \"snapshot\" section"));
        return -1;
    }
    return 0;
}

/* The installed catalogue that the "catalog" object co names, or NULL after
 * reporting the problem (err->code ENOPKG when it is the only one and the
 * catalogue is not installed). */
static const struct catalog *find_catalog(struct jv *v, const cJSON *co,
                                          const struct catalog_set *cats)
{
    const struct catalog *cat;
    const cJSON *n;

    if (jv_check_object(v, co, "\"catalog\"", catalog_keys, CC_ARRAY_LEN(catalog_keys)) != 0)
        return NULL;
    n = jv_get(co, "id");
    cat = catalog_set_find(cats, n->valuestring);
    if (!cat) {
        jv_error(v, n, _("answers the catalogue \"%s\", which is not installed (see 'coopcheck "
                    "catalog list'); put its file into ~/.config/coopcheck/catalog/"), n->valuestring);
        if (v->nerr == 1 && v->err)
            v->err->code = ENOPKG;   /* the caller may say why the catalogues did not load */
    }
    return cat;
}

/* "question_text_sha256" (n, may be NULL) into a->qsha. */
static void read_qsha(struct jv *v, const cJSON *n, struct assessment *a)
{
    const cJSON *h;
    const char **ids, **shas;
    size_t count = 0, k = 0;

    if (!n)
        return;
    cJSON_ArrayForEach(h, n)
        count++;
    ids = xmalloc((count + 1) * sizeof(*ids));
    shas = xmalloc((count + 1) * sizeof(*shas));
    cJSON_ArrayForEach(h, n) {
        if (!cJSON_IsString(h) || strlen(h->valuestring) != 64 ||
            strspn(h->valuestring, "0123456789abcdef") != 64) {
            jv_error(v, h, _("question_text_sha256 values must be 64 lowercase hexadecimal digits"));
            continue;
        }
        ids[k] = h->string;
        shas[k++] = h->valuestring;
    }
    qsha_set(&a->qsha, k, ids, shas);
    free(ids);
    free(shas);
}

/* "created" or "updated" (key is the name for messages, what the time's). */
static void read_who_when(struct jv *v, const cJSON *n, const char *key, const char *what,
                          char **at, char **by)
{
    if (jv_check_object(v, n, key, whowhen_keys, CC_ARRAY_LEN(whowhen_keys)) != 0)
        return;
    free(*at);
    free(*by);
    *at = afile_timestamp(v, jv_get(n, "at"), what);
    *by = xstrdup(jv_get(n, "by")->valuestring);
}

static void read_round(struct jv *v, const cJSON *n, struct assessment *a)
{
    if (jv_check_object(v, n, "\"round\"", round_keys, CC_ARRAY_LEN(round_keys)) != 0)
        return;
    whole_number(v, jv_get(n, "number"), _("the round number"), 1, 100000, &a->round);
    free(a->round_started);
    a->round_started = afile_timestamp(v, jv_get(n, "started"), _("the round's start"));
    a->round_based_on = afile_str_or_null(jv_get(n, "based_on"));
    a->round_based_on_sha256 = afile_str_or_null(jv_get(n, "based_on_sha256"));
    if (a->round_based_on_sha256 && !afile_is_sha256(a->round_based_on_sha256))
        jv_error(v, jv_get(n, "based_on_sha256"), _("\"based_on_sha256\" must be 64 lowercase "
                    "hexadecimal digits"));
}

/* "last_snapshot": the chain's head; format 1 had it in "round". */
static void read_last_snapshot(struct jv *v, const cJSON *n, struct assessment *a, int v1)
{
    if (v1) {
        /* the head is known only with its hash: without one, verify says the
         * chain's head is missing rather than a head without a hash being
         * written (which no format-2 reader takes) */
        if (a->round_based_on && a->round_based_on_sha256) {
            a->last_snapshot = xstrdup(a->round_based_on);
            a->last_snapshot_sha256 = xstrdup(a->round_based_on_sha256);
        }
        return;
    }
    if (cJSON_IsNull(n))
        return;
    if (jv_check_object(v, n, "\"last_snapshot\"", last_snapshot_keys,
                        CC_ARRAY_LEN(last_snapshot_keys)) != 0)
        return;
    a->last_snapshot = xstrdup(jv_get(n, "name")->valuestring);
    a->last_snapshot_sha256 = xstrdup(jv_get(n, "sha256")->valuestring);
    if (!afile_is_sha256(a->last_snapshot_sha256))
        jv_error(v, jv_get(n, "sha256"), _("\"sha256\" must be 64 lowercase hexadecimal digits"));
}

int afile_parse_expect(const char *buf, size_t len, const char *name,
                       const struct catalog_set *cats, const char *expect_id,
                       struct assessment **out, struct cc_err *err)
{
    struct jsondoc *doc = jsondoc_parse(buf, len, name, JSONDOC_NO_CASE_VARIANTS, err);
    *out = NULL;
    if (!doc)
        return -1;
    return afile_parse_doc(doc, cats, expect_id, out, err);
}

int afile_parse_doc(struct jsondoc *doc, const struct catalog_set *cats, const char *expect_id,
                    struct assessment **out, struct cc_err *err)
{
    struct jv v;
    const cJSON *root, *co;
    const struct catalog *cat;
    struct assessment *a = NULL;
    struct coop empty;
    int is_snap, ver = 0, v1;

    *out = NULL;
    memset(&v, 0, sizeof(v));
    v.doc = doc;
    v.err = err;
    root = jsondoc_root(doc);
    if (read_header(&v, root, &is_snap, &ver) != 0)
        goto done;
    v1 = ver == 1;
    co = jv_get(root, "catalog");
    cat = find_catalog(&v, co, cats);
    if (!cat)
        goto done;
    memset(&empty, 0, sizeof(empty));
    a = assessment_new(cat, &empty, "", "");
    free(a->catalog_version);
    a->catalog_version = xstrdup(jv_get(co, "version")->valuestring);
    /* a snapshot answered against another catalogue version must still load:
     * answers to questions that version had and this one lacks are set aside */
    a->tolerate_unknown = is_snap && strcmp(a->catalog_version, cat->version) != 0;
    read_qsha(&v, jv_get(co, "question_text_sha256"), a);
    coop_release(&a->coop);
    read_coop(&v, jv_get(root, "cooperation"), &a->coop, expect_id, v1);
    read_who_when(&v, jv_get(root, "created"), "\"created\"", _("the creation time"), &a->created_at,
                  &a->created_by);
    read_who_when(&v, jv_get(root, "updated"), "\"updated\"", _("the update time"), &a->updated_at,
                  &a->updated_by);
    read_round(&v, jv_get(root, "round"), a);
    read_last_snapshot(&v, jv_get(root, "last_snapshot"), a, v1);
    read_answers(&v, jv_get(root, "answers"), a, ver);
    afile_read_officer(&v, root, a);
    afile_read_screenings(&v, root, a);
    afile_read_merge(&v, root, a);
    if (is_snap)
        read_snapshot(&v, jv_get(root, "snapshot"), a, v1);
done:
    jsondoc_free(doc);
    if (v.nerr) {
        jv_finish(&v);
        assessment_free(a);
        return -1;
    }
    *out = a;
    return 0;
}
