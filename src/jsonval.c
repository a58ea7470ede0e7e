/* jsonval.c — see jsonval.h. */
#include "jsonval.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

void jv_error(struct jv *v, const cJSON *node, const char *fmt, ...)
{
    char msg[768];
    struct cc_err e;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    jsondoc_error(v->doc, node, &e, "%s", msg);
    if (v->nerr == 0 && v->err) {
        *v->err = e;
        v->err->code = EINVAL;
    }
    if (v->diags)
        strlist_push(v->diags, e.msg);
    v->nerr++;
}

static const char *type_name(enum jv_type t)
{
    switch (t) {
    case JV_STRING: return _("a string");
    case JV_NUMBER: return _("a number");
    case JV_BOOL: return _("true or false");
    case JV_OBJECT: return _("an object");
    case JV_ARRAY: return _("an array");
    case JV_STRING_OR_NULL: return _("a string or null");
    case JV_STRING_OR_ARRAY: return _("a string or an array");
    case JV_OBJECT_OR_NULL: return _("an object or null");
    case JV_ANY: return _("any value");
    }
    return "?";
}

static int type_ok(enum jv_type t, const cJSON *n)
{
    switch (t) {
    case JV_STRING: return cJSON_IsString(n);
    case JV_NUMBER: return cJSON_IsNumber(n);
    case JV_BOOL: return cJSON_IsBool(n);
    case JV_OBJECT: return cJSON_IsObject(n);
    case JV_ARRAY: return cJSON_IsArray(n);
    case JV_STRING_OR_NULL: return cJSON_IsString(n) || cJSON_IsNull(n);
    case JV_STRING_OR_ARRAY: return cJSON_IsString(n) || cJSON_IsArray(n);
    case JV_OBJECT_OR_NULL: return cJSON_IsObject(n) || cJSON_IsNull(n);
    case JV_ANY: return 1;
    }
    return 0;
}

const cJSON *jv_get(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

int jv_check_object(struct jv *v, const cJSON *obj, const char *what,
                    const struct jv_key *keys, size_t nkeys)
{
    int bad = 0;
    const cJSON *m;
    uint64_t seen = 0;   /* the keys met (for the first 64), so that the
                          * required ones need no second look-up each */
    if (!cJSON_IsObject(obj)) {
        /* TRANSLATORS: here and below, what (%s) names a part of the file on
         * its own ("the catalogue", "field 2 of q01", "\"created\""), in
         * any case and position; a translation may use it without an
         * article, e.g. in parentheses */
        jv_error(v, obj, _("%s must be a JSON object"), what);
        return -1;
    }
    cJSON_ArrayForEach(m, obj) {
        size_t i;
        for (i = 0; i < nkeys; i++)
            if (strcmp(m->string, keys[i].key) == 0)
                break;
        if (i == nkeys) {
            struct sbuf allowed;
            sbuf_init(&allowed);
            for (size_t k = 0; k < nkeys; k++)
                sbuf_addf(&allowed, "%s%s", k ? ", " : "", keys[k].key);
            jv_error(v, m, _("unknown key \"%s\" in %s (allowed: %s)"), m->string, what, allowed.buf);
            sbuf_release(&allowed);
            continue;
        }
        if (i < 64)
            seen |= (uint64_t)1 << i;
        if (!type_ok(keys[i].type, m)) {
            jv_error(v, m, _("\"%s\" in %s must be %s"), m->string, what, type_name(keys[i].type));
            bad = 1;
        }
    }
    for (size_t i = 0; i < nkeys; i++) {
        if (keys[i].required && !(i < 64 ? (seen >> i) & 1 : jv_get(obj, keys[i].key) != NULL)) {
            jv_error(v, obj, _("%s lacks the required key \"%s\""), what, keys[i].key);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

void jv_finish(struct jv *v)
{
    char more[128];
    size_t used;
    if (v->nerr <= 1 || !v->err)
        return;
    used = strlen(v->err->msg);
    snprintf(more, sizeof(more), P_(" (and %d more problem)", " (and %d more problems)", v->nerr - 1),
             v->nerr - 1);
    if (used + strlen(more) < sizeof(v->err->msg))
        memcpy(v->err->msg + used, more, strlen(more) + 1);
}
