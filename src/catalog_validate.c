/* catalog_validate.c — reading a catalogue's JSON into struct catalog and
 * validating it (catalog_parse).  See catalog.h.
 *
 * Validation is table driven: each JSON object kind has a list of allowed keys
 * with their types; check_object() reports unknown, missing and mistyped keys,
 * then the extractors below copy the values into plain structs.  Every problem
 * is recorded with its file:line:column and validation goes on, so that
 * `coopcheck catalog validate` can list them all at once. */
#include "catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "jsondoc.h"
#include "jsonval.h"
#include "textutil.h"

/* ---- validation context ---- */

struct vctx {
    struct jv jv;
    struct catalog *cat;
};

#define verr(v, ...) jv_error(&(v)->jv, __VA_ARGS__)
#define check_object(v, obj, what, spec, n) jv_check_object(&(v)->jv, obj, what, spec, n)
#define get jv_get

/* What a part of the catalogue is called in messages: a name ("the title of
 * q01"), item k of one, or one language's text of one ("the \"de\" text of
 * item 2 of the note's paragraphs").  Made only when a message needs it:
 * formatting a name for every string of a catalogue cost as much as reading
 * it. */
struct cname {
    const char *name;          /* the whole name, or NULL: then a part of of */
    const struct cname *of;
    size_t item;               /* from 1: item `item` of of; 0: the lang text of of */
    const char *lang;
};

static const char *cname_str(const struct cname *c, char *buf, size_t size)
{
    char ofbuf[192];
    const char *of;
    if (c->name)
        return c->name;
    of = cname_str(c->of, ofbuf, sizeof(ofbuf));
    if (c->item)
        snprintf(buf, size, _("item %zu of %s"), c->item, of);
    else
        snprintf(buf, size, _("the \"%s\" text of %s"), c->lang, of);
    return buf;
}

/* A catalogue string: non-empty, no control characters, no bidi overrides. */
static char *take_text_c(struct vctx *v, const cJSON *n, const struct cname *what)
{
    const char *bad;
    char name[192];
    if (!cJSON_IsString(n)) {
        /* TRANSLATORS: what (%s) names a part of the catalogue on its own
         * ("the question id", "the title of q01", "item 2 of ..."): the
         * strings that make these names are translated as well */
        verr(v, n, _("%s must be a string"), cname_str(what, name, sizeof(name)));
        return NULL;
    }
    if (n->valuestring[0] == '\0') {
        verr(v, n, _("%s is empty"), cname_str(what, name, sizeof(name)));
        return NULL;
    }
    bad = text_find_unsafe(n->valuestring, 0);
    if (bad) {
        verr(v, n, _("%s contains the control character U+%04X; write plain text"),
             cname_str(what, name, sizeof(name)), (unsigned)utf8_decode_at(bad, NULL));
        return NULL;
    }
    return xstrdup(n->valuestring);
}

static char *take_text(struct vctx *v, const cJSON *n, const char *what)
{
    struct cname c = { what, NULL, 0, NULL };
    return take_text_c(v, n, &c);
}

static void take_l10n_c(struct vctx *v, const cJSON *n, const struct cname *what, struct l10n *out)
{
    const cJSON *m;
    char name[192];
    if (!n)
        return;
    if (!cJSON_IsObject(n)) {
        verr(v, n, _("%s must be an object of translations such as {\"de\": \"...\", \"en\": \"...\"}"),
             cname_str(what, name, sizeof(name)));
        return;
    }
    cJSON_ArrayForEach(m, n) {
        int l = strlen(m->string) == 2 ? lang_parse(m->string) : -1;
        struct cname sub = { NULL, what, 0, m->string };
        if (l < 0 || !v->cat->langs[l]) {
            verr(v, m, _("\"%s\" in %s is not one of the catalogue's languages"), m->string,
                 cname_str(what, name, sizeof(name)));
            continue;
        }
        out->s[l] = take_text_c(v, m, &sub);
    }
    for (int l = 0; l < LANG_COUNT; l++) {
        if (v->cat->langs[l] && !get(n, lang_code((enum lang)l)))
            verr(v, n, _("%s lacks the \"%s\" translation"), cname_str(what, name, sizeof(name)),
                 lang_code((enum lang)l));
    }
}

static void take_l10n(struct vctx *v, const cJSON *n, const char *what, struct l10n *out)
{
    struct cname c = { what, NULL, 0, NULL };
    take_l10n_c(v, n, &c, out);
}

/* An array of localized strings. */
static struct l10n *take_l10n_array(struct vctx *v, const cJSON *arr, const char *what, size_t *n)
{
    struct l10n *out;
    const cJSON *it;
    size_t i = 0;
    struct cname whole = { what, NULL, 0, NULL };
    *n = 0;
    if (!arr)
        return NULL;
    if (!cJSON_IsArray(arr)) {
        verr(v, arr, _("%s must be an array"), what);
        return NULL;
    }
    out = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(*out));
    cJSON_ArrayForEach(it, arr) {
        struct cname item = { NULL, &whole, i + 1, NULL };
        take_l10n_c(v, it, &item, &out[i++]);
    }
    *n = i;
    return out;
}

/* An array of plain strings, each checked with take_text. */
static void take_strings(struct vctx *v, const cJSON *arr, const char *what, struct strlist *out,
                         int nonempty)
{
    const cJSON *it;
    size_t i = 0;
    struct cname whole = { what, NULL, 0, NULL };
    if (!arr)
        return;
    if (!cJSON_IsArray(arr)) {
        verr(v, arr, _("%s must be an array of strings"), what);
        return;
    }
    cJSON_ArrayForEach(it, arr) {
        struct cname item = { NULL, &whole, ++i, NULL };
        char *s = take_text_c(v, it, &item);
        if (s)
            strlist_push_owned(out, s);
    }
    if (nonempty && i == 0)
        verr(v, arr, _("%s is empty"), what);
}

static char *take_id(struct vctx *v, const cJSON *n, const char *what)
{
    if (!cJSON_IsString(n)) {
        verr(v, n, _("%s must be a string"), what);
        return NULL;
    }
    if (!cc_slug_valid(n->valuestring)) {
        verr(v, n, _("%s \"%s\" is not a valid id: use 1 to 64 lowercase letters, digits and '-', "
                "starting with a letter or digit"), what, n->valuestring);
        return NULL;
    }
    return xstrdup(n->valuestring);
}

/* A field id: a lowercase letter, then lowercase letters, digits and '_'. */
static char *take_field_id(struct vctx *v, const cJSON *n)
{
    const char *s;
    size_t len;
    if (!cJSON_IsString(n)) {
        verr(v, n, _("the field id must be a string"));
        return NULL;
    }
    s = n->valuestring;
    len = strlen(s);
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (i && ((c >= '0' && c <= '9') || c == '_')))) {
            len = 0;
            break;
        }
    }
    if (len == 0 || len > 64) {
        verr(v, n, _("field id \"%s\" is not valid: use 1 to 64 lowercase letters, digits and '_', "
                "starting with a letter"), s);
        return NULL;
    }
    return xstrdup(s);
}

/* ---- the parts of a catalogue ---- */

static const struct jv_key help_spec[] = {
    { "asks", JV_ARRAY, 1 }, { "why", JV_ARRAY, 1 }, { "check", JV_ARRAY, 1 }, { "who", JV_ARRAY, 1 },
};
static const struct jv_key field_spec[] = {
    { "id", JV_STRING, 1 }, { "type", JV_STRING, 1 }, { "label", JV_OBJECT, 1 },
    { "when", JV_OBJECT, 0 },
};
static const struct jv_key when_spec[] = {
    { "field", JV_STRING, 1 }, { "is", JV_STRING_OR_ARRAY, 1 },
};
static const struct jv_key question_spec[] = {
    { "id", JV_STRING, 1 }, { "number", JV_NUMBER, 1 }, { "title", JV_OBJECT, 1 },
    { "text", JV_OBJECT, 1 }, { "fields", JV_ARRAY, 1 }, { "help", JV_OBJECT, 1 },
    { "references", JV_ARRAY, 0 }, { "related", JV_ARRAY, 0 },
};
static const struct jv_key section_spec[] = {
    { "id", JV_STRING, 1 }, { "title", JV_OBJECT, 1 }, { "questions", JV_ARRAY, 1 },
};
static const struct jv_key resource_spec[] = {
    { "id", JV_STRING, 1 }, { "title", JV_OBJECT, 1 }, { "url", JV_STRING_OR_NULL, 1 }, { "kind", JV_STRING, 0 },
    { "title_added", JV_BOOL, 0 }, { "url_added", JV_BOOL, 0 }, { "remark", JV_OBJECT, 0 },
};
static const struct jv_key footnote_spec[] = {
    { "mark", JV_STRING, 1 }, { "resource", JV_STRING, 1 },
};
static const struct jv_key note_spec[] = {
    { "title", JV_OBJECT, 1 }, { "paragraphs", JV_ARRAY, 1 }, { "footnotes", JV_ARRAY, 0 },
    { "closing", JV_ARRAY, 0 }, { "further", JV_ARRAY, 0 }, { "further_intro", JV_OBJECT, 0 },
};
static const struct jv_key purpose_spec[] = {
    { "intro", JV_OBJECT, 1 }, { "items", JV_ARRAY, 0 }, { "closing", JV_ARRAY, 0 },
    { "emphasis", JV_OBJECT, 0 },
};
static const struct jv_key top_spec[] = {
    { "format", JV_NUMBER, 1 }, { "id", JV_STRING, 1 }, { "version", JV_STRING, 1 },
    { "title", JV_OBJECT, 1 }, { "short_title", JV_OBJECT, 0 }, { "issuer", JV_OBJECT, 0 },
    { "stand", JV_OBJECT, 0 }, { "source", JV_OBJECT, 0 }, { "languages", JV_ARRAY, 1 },
    { "note", JV_OBJECT, 0 }, { "purpose", JV_OBJECT, 0 }, { "sections", JV_ARRAY, 1 },
    { "resources", JV_ARRAY, 0 }, { "resources_intro", JV_OBJECT, 0 },
    { "resources_list", JV_ARRAY, 0 }, { "kept_as_is", JV_OBJECT, 0 },
};

static void take_help(struct vctx *v, const cJSON *n, struct cat_question *q)
{
    const cJSON *m;
    char what[192];
    if (!cJSON_IsObject(n))
        return;
    cJSON_ArrayForEach(m, n) {
        int l = strlen(m->string) == 2 ? lang_parse(m->string) : -1;
        if (l < 0 || !v->cat->langs[l])
            verr(v, m, _("\"%s\" in the help of %s is not one of the catalogue's languages"),
                 m->string, q->id ? q->id : _("a question"));
    }
    for (int l = 0; l < LANG_COUNT; l++) {
        const cJSON *h;
        struct cat_help *out = &q->help[l];
        if (!v->cat->langs[l])
            continue;
        h = get(n, lang_code((enum lang)l));
        if (!h) {
            verr(v, n, _("the help of %s lacks the \"%s\" translation"), q->id ? q->id : _("a question"),
                 lang_code((enum lang)l));
            continue;
        }
        snprintf(what, sizeof(what), _("the \"%s\" help of %s"), lang_code((enum lang)l),
                 q->id ? q->id : _("a question"));
        if (check_object(v, h, what, help_spec, CC_ARRAY_LEN(help_spec)) != 0)
            continue;
        snprintf(what, sizeof(what), _("\"asks\" (%s help of %s)"), lang_code((enum lang)l), q->id);
        take_strings(v, get(h, "asks"), what, &out->asks, 1);
        snprintf(what, sizeof(what), _("\"why\" (%s help of %s)"), lang_code((enum lang)l), q->id);
        take_strings(v, get(h, "why"), what, &out->why, 1);
        snprintf(what, sizeof(what), _("\"check\" (%s help of %s)"), lang_code((enum lang)l), q->id);
        take_strings(v, get(h, "check"), what, &out->check, 1);
        snprintf(what, sizeof(what), _("\"who\" (%s help of %s)"), lang_code((enum lang)l), q->id);
        take_strings(v, get(h, "who"), what, &out->who, 1);
    }
}

/* One answer of a yes/no field named in "is": its bit, or 0 after a message. */
static unsigned when_value(struct vctx *v, const cJSON *n, const char *field)
{
    static const char *const names[] = { NULL, "yes", "no", "unsure" };
    if (cJSON_IsString(n))
        for (unsigned k = 1; k < CC_ARRAY_LEN(names); k++)
            if (strcmp(n->valuestring, names[k]) == 0)
                return 1u << k;
    verr(v, n, _("\"is\" of the condition on \"%s\" takes \"yes\", \"no\" or \"unsure\", or a "
                 "list of them"), field);
    return 0;
}

/* "when": {"field": ID, "is": VALUE or [VALUES]}: the field applies only
 * when the earlier yes/no field ID of the question has one of the values. */
static void take_when(struct vctx *v, const cJSON *n, struct cat_question *q, size_t i)
{
    struct cat_field *f = &q->fields[i];
    const cJSON *fid, *is, *it;
    long k;
    char what[192];
    f->when_field = CAT_WHEN_ALWAYS;
    if (!n)
        return;
    snprintf(what, sizeof(what), _("the condition of field \"%s\" of %s"), f->id, q->id);
    if (check_object(v, n, what, when_spec, CC_ARRAY_LEN(when_spec)) != 0)
        return;
    fid = get(n, "field");
    for (k = 0; k < (long)i; k++)
        if (strcmp(q->fields[k].id, fid->valuestring) == 0)
            break;
    if (k == (long)i) {
        verr(v, fid, _("the condition of field \"%s\" of %s names \"%s\", which is not a field "
                       "before it in the question"), f->id, q->id, fid->valuestring);
        return;
    }
    if (q->fields[k].type != FIELD_YESNO) {
        verr(v, fid, _("the condition of field \"%s\" of %s names \"%s\", which is not a yes/no "
                       "field"), f->id, q->id, fid->valuestring);
        return;
    }
    if (q->fields[k].when_field != CAT_WHEN_ALWAYS) {
        verr(v, fid, _("the condition of field \"%s\" of %s names \"%s\", which has a condition "
                       "itself; name a field that is always asked"), f->id, q->id, fid->valuestring);
        return;
    }
    is = get(n, "is");
    f->when_is = 0;
    if (cJSON_IsArray(is)) {
        cJSON_ArrayForEach(it, is) {
            unsigned bit = when_value(v, it, fid->valuestring);
            if (bit & f->when_is)
                verr(v, it, _("\"%s\" is named twice in the condition of field \"%s\" of %s"),
                     it->valuestring, f->id, q->id);
            f->when_is |= bit;
        }
        if (cJSON_GetArraySize(is) == 0)
            verr(v, is, _("the condition of field \"%s\" of %s lists no answer"), f->id, q->id);
    } else {
        f->when_is = when_value(v, is, fid->valuestring);
    }
    if (f->when_is)
        f->when_field = k;
}

static void take_fields(struct vctx *v, const cJSON *arr, struct cat_question *q)
{
    const cJSON *it;
    size_t i = 0, ntext = 0;
    char what[192];
    if (!cJSON_IsArray(arr))
        return;
    q->fields = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(*q->fields));
    cJSON_ArrayForEach(it, arr) {
        struct cat_field *f = &q->fields[i];
        const cJSON *type;
        f->when_field = CAT_WHEN_ALWAYS;
        snprintf(what, sizeof(what), _("field %zu of %s"), i + 1, q->id ? q->id : _("a question"));
        if (check_object(v, it, what, field_spec, CC_ARRAY_LEN(field_spec)) != 0)
            continue;
        f->id = take_field_id(v, get(it, "id"));
        if (!f->id)
            continue;
        for (size_t k = 0; k < i; k++)
            if (strcmp(q->fields[k].id, f->id) == 0)
                verr(v, get(it, "id"), _("duplicate field id \"%s\" in %s"), f->id, q->id);
        type = get(it, "type");
        if (strcmp(type->valuestring, "yesno") == 0) {
            f->type = FIELD_YESNO;
        } else if (strcmp(type->valuestring, "text") == 0) {
            f->type = FIELD_TEXT;
        } else {
            verr(v, type, _("field type \"%s\" is unknown: use \"yesno\" or \"text\""), type->valuestring);
        }
        snprintf(what, sizeof(what), _("the label of field \"%s\" of %s"), f->id, q->id ? q->id : "?");
        take_l10n(v, get(it, "label"), what, &f->label);
        take_when(v, get(it, "when"), q, i);
        if (f->type == FIELD_TEXT)
            ntext++;
        i++;
    }
    q->nfields = i;
    if (i == 0)
        verr(v, arr, _("%s has no answer fields"), q->id ? q->id : _("a question"));
    else if (ntext == 0)
        verr(v, arr, _("%s has no text field: every question needs one for the evidence behind "
                "its answers"), q->id ? q->id : _("a question"));
}

static void take_question(struct vctx *v, const cJSON *n, struct cat_question *q, size_t sec)
{
    char what[192];
    const cJSON *num;
    q->section = sec;
    if (check_object(v, n, _("a question"), question_spec, CC_ARRAY_LEN(question_spec)) != 0)
        return;
    q->id = take_id(v, get(n, "id"), _("the question id"));
    if (q->id && strspn(q->id, "0123456789") == strlen(q->id)) {
        /* "coopcheck set ID 2 ..." takes 2 as a number; an id of digits would be ambiguous */
        verr(v, get(n, "id"), _("question id \"%s\" is only digits, which reads like a question "
                "number; use an id such as \"q%s\""), q->id, q->id);
        free(q->id);
        q->id = NULL;
    }
    if (!q->id)
        q->id = xstrdup("?");
    num = get(n, "number");
    if (num->valuedouble < 1 || num->valuedouble > 999 || num->valuedouble != (double)(int)num->valuedouble)
        verr(v, num, _("the number of %s must be a whole number from 1 to 999"), q->id);
    else
        q->number = num->valueint;
    snprintf(what, sizeof(what), _("the title of %s"), q->id);
    take_l10n(v, get(n, "title"), what, &q->title);
    snprintf(what, sizeof(what), _("the text of %s"), q->id);
    take_l10n(v, get(n, "text"), what, &q->text);
    take_fields(v, get(n, "fields"), q);
    take_help(v, get(n, "help"), q);
    snprintf(what, sizeof(what), _("the references of %s"), q->id);
    take_strings(v, get(n, "references"), what, &q->refs, 0);
    snprintf(what, sizeof(what), _("the related questions of %s"), q->id);
    take_strings(v, get(n, "related"), what, &q->related, 0);
}

static void take_sections(struct vctx *v, const cJSON *arr)
{
    struct catalog *cat = v->cat;
    const cJSON *s, *qn;
    size_t nq = 0, i = 0;
    cJSON_ArrayForEach(s, arr) {
        const cJSON *qs = cJSON_IsObject(s) ? get(s, "questions") : NULL;
        if (cJSON_IsArray(qs))
            nq += (size_t)cJSON_GetArraySize(qs);
    }
    cat->sections = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(*cat->sections));
    cat->questions = xcalloc(nq + 1, sizeof(*cat->questions));
    cJSON_ArrayForEach(s, arr) {
        struct cat_section *sec = &cat->sections[i];
        char what[192];
        snprintf(what, sizeof(what), _("section %zu"), i + 1);
        if (check_object(v, s, what, section_spec, CC_ARRAY_LEN(section_spec)) != 0)
            continue;
        sec->id = take_id(v, get(s, "id"), _("the section id"));
        if (!sec->id)
            sec->id = xstrdup("?");
        for (size_t k = 0; k < i; k++)
            if (strcmp(cat->sections[k].id, sec->id) == 0)
                verr(v, get(s, "id"), _("duplicate section id \"%s\""), sec->id);
        snprintf(what, sizeof(what), _("the title of section \"%s\""), sec->id);
        take_l10n(v, get(s, "title"), what, &sec->title);
        sec->first = cat->nquestions;
        cJSON_ArrayForEach(qn, get(s, "questions")) {
            take_question(v, qn, &cat->questions[cat->nquestions], i);
            cat->nquestions++;
        }
        sec->count = cat->nquestions - sec->first;
        if (sec->count == 0)
            verr(v, get(s, "questions"), _("section \"%s\" has no questions"), sec->id);
        i++;
    }
    cat->nsections = i;
    if (i == 0)
        verr(v, arr, _("the catalogue has no sections"));
}

static void take_resources(struct vctx *v, const cJSON *arr)
{
    struct catalog *cat = v->cat;
    const cJSON *r;
    size_t i = 0;
    if (!arr)
        return;
    cat->resources = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(*cat->resources));
    cJSON_ArrayForEach(r, arr) {
        struct cat_resource *res = &cat->resources[i];
        const cJSON *url;
        char what[192];
        snprintf(what, sizeof(what), _("resource %zu"), i + 1);
        if (check_object(v, r, what, resource_spec, CC_ARRAY_LEN(resource_spec)) != 0)
            continue;
        res->id = take_id(v, get(r, "id"), _("the resource id"));
        if (!res->id)
            continue;
        for (size_t k = 0; k < i; k++)
            if (strcmp(cat->resources[k].id, res->id) == 0)
                verr(v, get(r, "id"), _("duplicate resource id \"%s\""), res->id);
        snprintf(what, sizeof(what), _("the title of resource \"%s\""), res->id);
        take_l10n(v, get(r, "title"), what, &res->title);
        url = get(r, "url");
        if (cJSON_IsString(url)) {
            if (strncmp(url->valuestring, "https://", 8) != 0 && strncmp(url->valuestring, "http://", 7) != 0)
                verr(v, url, _("the url of resource \"%s\" must start with https:// or http://"), res->id);
            else
                res->url = take_text(v, url, _("a url"));
        }
        if (get(r, "kind"))
            res->kind = take_text(v, get(r, "kind"), _("the kind of a resource"));
        res->title_added = cJSON_IsTrue(get(r, "title_added"));
        res->url_added = cJSON_IsTrue(get(r, "url_added"));
        if (res->url_added && !res->url)
            verr(v, get(r, "url_added"), _("resource \"%s\" says its address was added, but has none"),
                 res->id);
        snprintf(what, sizeof(what), _("the remark of resource \"%s\""), res->id);
        take_l10n(v, get(r, "remark"), what, &res->remark);
        i++;
    }
    cat->nresources = i;
}

static void check_resource_ref(struct vctx *v, const cJSON *node, const char *id, const char *where)
{
    if (!catalog_resource(v->cat, id))
        verr(v, node, _("%s names the resource \"%s\", which the \"resources\" list lacks"), where, id);
}

/* The cross references, checked once everything is read. */
static void check_links(struct vctx *v, const cJSON *root)
{
    struct catalog *cat = v->cat;
    const cJSON *secs = get(root, "sections"), *s, *qn;
    size_t qi = 0;
    for (size_t i = 0; i < cat->nquestions; i++) {
        for (size_t k = 0; k < i; k++) {
            if (strcmp(cat->questions[k].id, cat->questions[i].id) == 0 && strcmp(cat->questions[i].id, "?"))
                verr(v, NULL, _("duplicate question id \"%s\""), cat->questions[i].id);
            if (cat->questions[i].number && cat->questions[k].number == cat->questions[i].number)
                verr(v, NULL, _("questions \"%s\" and \"%s\" have the same number %d"),
                     cat->questions[k].id, cat->questions[i].id, cat->questions[i].number);
        }
    }
    cJSON_ArrayForEach(s, secs) {
        if (!cJSON_IsObject(s))
            continue;
        cJSON_ArrayForEach(qn, get(s, "questions")) {
            const struct cat_question *q = qi < cat->nquestions ? &cat->questions[qi] : NULL;
            const cJSON *refs = cJSON_IsObject(qn) ? get(qn, "references") : NULL;
            const cJSON *rel = cJSON_IsObject(qn) ? get(qn, "related") : NULL;
            const cJSON *it;
            qi++;
            if (!q)
                break;
            if (cJSON_IsArray(refs))
                cJSON_ArrayForEach(it, refs)
                    if (cJSON_IsString(it))
                        check_resource_ref(v, it, it->valuestring, q->id);
            if (cJSON_IsArray(rel)) {
                cJSON_ArrayForEach(it, rel) {
                    if (!cJSON_IsString(it))
                        continue;
                    if (strcmp(it->valuestring, q->id) == 0)
                        verr(v, it, _("%s lists itself as related"), q->id);
                    else if (!catalog_question(cat, it->valuestring))
                        verr(v, it, _("%s names the related question \"%s\", which does not exist"),
                             q->id, it->valuestring);
                }
            }
        }
    }
    {
        const cJSON *note = get(root, "note"), *it;
        if (cJSON_IsObject(note)) {
            cJSON_ArrayForEach(it, get(note, "footnotes")) {
                const cJSON *r = cJSON_IsObject(it) ? get(it, "resource") : NULL;
                if (cJSON_IsString(r))
                    check_resource_ref(v, r, r->valuestring, _("a footnote of the note"));
            }
            cJSON_ArrayForEach(it, get(note, "further"))
                if (cJSON_IsString(it))
                    check_resource_ref(v, it, it->valuestring, _("the note's \"further\" list"));
        }
        cJSON_ArrayForEach(it, get(root, "resources_list"))
            if (cJSON_IsString(it))
                check_resource_ref(v, it, it->valuestring, "\"resources_list\"");
    }
}

static void take_note(struct vctx *v, const cJSON *n)
{
    struct catalog *cat = v->cat;
    const cJSON *it;
    size_t i = 0;
    if (!n || check_object(v, n, _("the note"), note_spec, CC_ARRAY_LEN(note_spec)) != 0)
        return;
    take_l10n(v, get(n, "title"), _("the title of the note"), &cat->note_title);
    cat->note_paras = take_l10n_array(v, get(n, "paragraphs"), _("the note's paragraphs"), &cat->nnote_paras);
    cat->note_closing = take_l10n_array(v, get(n, "closing"), _("the note's closing"), &cat->nnote_closing);
    take_strings(v, get(n, "further"), _("the note's \"further\" list"), &cat->note_further, 0);
    take_l10n(v, get(n, "further_intro"), _("the line before the note's \"further\" list"),
              &cat->further_intro);
    if (get(n, "footnotes")) {
        cat->footnotes = xcalloc((size_t)cJSON_GetArraySize(get(n, "footnotes")) + 1, sizeof(*cat->footnotes));
        cJSON_ArrayForEach(it, get(n, "footnotes")) {
            if (check_object(v, it, _("a footnote"), footnote_spec, CC_ARRAY_LEN(footnote_spec)) != 0)
                continue;
            cat->footnotes[i].mark = take_text(v, get(it, "mark"), _("a footnote mark"));
            cat->footnotes[i].resource = take_text(v, get(it, "resource"), _("a footnote resource"));
            i++;
        }
        cat->nfootnotes = i;
    }
}

static void take_purpose(struct vctx *v, const cJSON *n)
{
    struct catalog *cat = v->cat;
    if (!n || check_object(v, n, _("the purpose"), purpose_spec, CC_ARRAY_LEN(purpose_spec)) != 0)
        return;
    take_l10n(v, get(n, "intro"), _("the purpose's intro"), &cat->purpose_intro);
    cat->purpose_items = take_l10n_array(v, get(n, "items"), _("the purpose's items"), &cat->npurpose_items);
    cat->purpose_closing = take_l10n_array(v, get(n, "closing"), _("the purpose's closing"),
                                           &cat->npurpose_closing);
    take_l10n(v, get(n, "emphasis"), _("the purpose's emphasis"), &cat->purpose_emphasis);
    for (int l = 0; l < LANG_COUNT; l++) {
        const char *e = cat->purpose_emphasis.s[l], *in = cat->purpose_intro.s[l];
        if (e && in && !strstr(in, e))
            verr(v, get(get(n, "emphasis"), lang_code((enum lang)l)),
                 _("the purpose's emphasis must be words of its intro, as they stand there"));
    }
}

static int take_languages(struct vctx *v, const cJSON *arr)
{
    const cJSON *it;
    int any = 0;
    cJSON_ArrayForEach(it, arr) {
        int l = cJSON_IsString(it) && strlen(it->valuestring) == 2 ? lang_parse(it->valuestring) : -1;
        if (l < 0) {
            verr(v, it, _("unknown language %s%s%s: coopcheck knows \"de\" and \"en\""),
                 cJSON_IsString(it) ? "\"" : "", cJSON_IsString(it) ? it->valuestring : _("(not a string)"),
                 cJSON_IsString(it) ? "\"" : "");
            continue;
        }
        if (v->cat->langs[l])
            verr(v, it, _("language \"%s\" is listed twice"), it->valuestring);
        v->cat->langs[l] = 1;
        any = 1;
    }
    if (!any) {
        verr(v, arr, _("\"languages\" must list at least one of \"de\" and \"en\""));
        return -1;
    }
    return 0;
}

int catalog_parse(const char *buf, size_t len, const char *name, struct catalog **out,
                  struct strlist *diags, struct cc_err *err)
{
    struct jsondoc *doc;
    struct vctx v;
    const cJSON *root, *fmt;
    struct catalog *cat;

    *out = NULL;
    doc = jsondoc_parse(buf, len, name, JSONDOC_NO_CASE_VARIANTS, err);
    if (!doc) {
        if (diags)
            strlist_push(diags, err->msg);
        return -1;
    }
    cat = xcalloc(1, sizeof(*cat));
    cat->path = xstrdup(name);
    memset(&v, 0, sizeof(v));
    v.jv.doc = doc;
    v.jv.diags = diags;
    v.jv.err = err;
    v.cat = cat;
    root = jsondoc_root(doc);

    if (!cJSON_IsObject(root)) {
        verr(&v, root, _("a catalogue must be a JSON object"));
        goto done;
    }
    fmt = get(root, "format");
    if (cJSON_IsNumber(fmt) && fmt->valuedouble > CATALOG_FORMAT) {
        verr(&v, fmt, _("catalogue format %g is newer than this coopcheck understands (%d); "
                "update coopcheck to read it"), fmt->valuedouble, CATALOG_FORMAT);
        goto done;
    }
    if (check_object(&v, root, _("the catalogue"), top_spec, CC_ARRAY_LEN(top_spec)) != 0)
        goto done;
    if (fmt->valuedouble != CATALOG_FORMAT) {
        verr(&v, fmt, _("\"format\" must be %d"), CATALOG_FORMAT);
        goto done;
    }
    if (take_languages(&v, get(root, "languages")) != 0)
        goto done;
    cat->id = take_id(&v, get(root, "id"), _("the catalogue id"));
    cat->version = take_text(&v, get(root, "version"), _("the catalogue version"));
    take_l10n(&v, get(root, "title"), _("the catalogue title"), &cat->title);
    take_l10n(&v, get(root, "short_title"), _("the short title"), &cat->short_title);
    take_l10n(&v, get(root, "issuer"), _("the issuer"), &cat->issuer);
    take_l10n(&v, get(root, "stand"), "\"stand\"", &cat->stand);
    take_l10n(&v, get(root, "source"), _("the source"), &cat->source);
    take_note(&v, get(root, "note"));
    take_purpose(&v, get(root, "purpose"));
    take_resources(&v, get(root, "resources"));
    take_l10n(&v, get(root, "resources_intro"), _("the heading of the resources"), &cat->resources_intro);
    take_strings(&v, get(root, "resources_list"), _("\"resources_list\""), &cat->resources_list, 0);
    take_l10n(&v, get(root, "kept_as_is"), _("\"kept_as_is\""), &cat->kept_as_is);
    take_sections(&v, get(root, "sections"));
    if (v.jv.nerr == 0)
        check_links(&v, root);
done:
    jsondoc_free(doc);
    if (v.jv.nerr) {
        jv_finish(&v.jv);
        catalog_free(cat);
        return -1;
    }
    *out = cat;
    return 0;
}
