/* conflicts.c — see conflicts.h. */
#include "conflicts.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "i18n.h"
#include "jmerge.h"
#include "textutil.h"

static const char *step(const cJSON *path, int i)
{
    const cJSON *s = cJSON_GetArrayItem(path, i);
    return cJSON_IsString(s) ? s->valuestring : NULL;
}

static void question_place(const struct assessment *a, const cJSON *path, struct sbuf *out)
{
    const struct cat_question *q = catalog_question(a->cat, step(path, 1));
    const char *what = step(path, 2), *fid = step(path, 3);
    if (!q) {
        sbuf_addf(out, _("answer %s"), step(path, 1));
        return;
    }
    sbuf_addf(out, _("question %d (%s)"), q->number, q->id);
    if (what && strcmp(what, "risk") == 0) {
        sbuf_addf(out, ", %s", _("its risk"));
    } else if (what && strcmp(what, "fields") == 0 && fid) {
        const char *label = fid;
        for (size_t f = 0; f < q->nfields; f++)
            if (strcmp(q->fields[f].id, fid) == 0 && l10n_get(&q->fields[f].label, i18n_lang())[0])
                label = l10n_get(&q->fields[f].label, i18n_lang());
        sbuf_addf(out, ", %s", label);
    } else if (what) {
        sbuf_addf(out, ", %s", what);
    }
}

void conflict_place(const struct assessment *a, const struct merge_conflict *c, struct sbuf *out)
{
    cJSON *path = cJSON_Parse(c->path);
    const char *top = step(path, 0), *second = step(path, 1);
    struct sbuf raw;
    sbuf_init(&raw);
    if (!top)
        sbuf_adds(&raw, c->path);
    else if (strcmp(top, "answers") == 0 && second)
        question_place(a, path, &raw);
    else if (strcmp(top, "risk") == 0)
        sbuf_adds(&raw, _("overall risk"));
    else if (strcmp(top, "decision") == 0)
        sbuf_adds(&raw, _("decision"));
    else if (strcmp(top, "measures") == 0 && second)
        sbuf_addf(&raw, _("measure %s"), second);
    else if (strcmp(top, "cooperation") == 0 && second)
        sbuf_addf(&raw, _("the cooperation's %s"), second);
    else
        for (int i = 0; step(path, i); i++)
            sbuf_addf(&raw, "%s%s", i ? "/" : "", step(path, i));
    text_sanitize(out, raw.buf, 0);
    sbuf_release(&raw);
    cJSON_Delete(path);
}

static const char *member(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A question's whole answer: "field: value; field: value", "(none)" when
 * it has no field answered. */
static void answer_text(const cJSON *fields, struct sbuf *raw)
{
    const cJSON *f;
    cJSON_ArrayForEach(f, fields) {
        const char *v = member(f, "value");
        sbuf_addf(raw, "%s%s: %s", raw->len ? "; " : "", f->string, v ? v : "?");
    }
    if (!raw->len)
        sbuf_adds(raw, _("(none)"));
}

void conflict_value(const char *json, struct sbuf *out, size_t max)
{
    cJSON *v = json ? cJSON_Parse(json) : NULL;
    struct sbuf raw, clean;
    const char *s;
    sbuf_init(&raw);
    sbuf_init(&clean);
    if (!v)
        sbuf_adds(&raw, _("(none)"));
    else if (cJSON_IsString(v))
        sbuf_adds(&raw, v->valuestring);
    else if ((s = member(v, "value")) != NULL)
        sbuf_adds(&raw, s);
    else if ((s = member(v, "level")) != NULL)
        sbuf_addf(&raw, "%s%s%s", s, member(v, "rationale") ? ": " : "",
                  member(v, "rationale") ? member(v, "rationale") : "");
    else if ((s = member(v, "what")) != NULL)
        sbuf_adds(&raw, s);
    else if ((s = member(v, "outcome")) != NULL)
        sbuf_adds(&raw, s);
    else if ((s = member(v, "verdict")) != NULL)
        sbuf_adds(&raw, s);
    else if (cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(v, "fields")))
        answer_text(cJSON_GetObjectItemCaseSensitive(v, "fields"), &raw);
    else {
        char *t = cJSON_PrintUnformatted(v);
        sbuf_adds(&raw, t ? t : "?");
        free(t);
    }
    text_sanitize(&clean, raw.buf, 0);   /* newlines shown as escapes: one line */
    text_column(out, clean.buf, max);
    /* text_column pads: take the padding off again */
    while (out->len && out->buf[out->len - 1] == ' ')
        out->buf[--out->len] = '\0';
    sbuf_release(&raw);
    sbuf_release(&clean);
    cJSON_Delete(v);
}

void conflict_who(const char *json, struct sbuf *out)
{
    cJSON *v = json ? cJSON_Parse(json) : NULL;
    const char *by = member(v, "by"), *at = member(v, "at");
    struct sbuf raw;
    sbuf_init(&raw);
    if (by || at)
        sbuf_addf(&raw, "%s%s%s", by ? by : "", by && at ? ", " : "", at ? at : "");
    text_sanitize(out, raw.buf, 0);
    sbuf_release(&raw);
    cJSON_Delete(v);
}

void conflict_keep_mine(struct assessment *a, size_t i)
{
    if (i >= a->nconflicts)
        return;
    merge_conflict_release(&a->conflicts[i]);
    memmove(&a->conflicts[i], &a->conflicts[i + 1], (a->nconflicts - i - 1) * sizeof(*a->conflicts));
    a->nconflicts--;
}

int conflict_take_theirs(const struct assessment *a, size_t i, const struct catalog_set *cats,
                         struct assessment **outp, struct cc_err *err)
{
    struct assessment *b = NULL;
    char *text = afile_format(a), *out;
    cJSON *root = cJSON_Parse(text), *path, *theirs;
    int rc = -1;
    free(text);
    if (i >= a->nconflicts || !root)
        return cc_error(err, _("there is no conflict %zu"), i + 1);
    path = cJSON_Parse(a->conflicts[i].path);
    theirs = a->conflicts[i].theirs ? cJSON_Parse(a->conflicts[i].theirs) : NULL;
    if (!path || jmerge_set(root, path, theirs) != 0) {
        cc_error(err, _("the other side's value cannot be put in its place (%s): edit it instead"),
                 a->conflicts[i].path);
        goto out;
    }
    jmerge_prune(root);
    out = cJSON_PrintUnformatted(root);
    rc = afile_parse(out, strlen(out), a->coop.id, cats, &b, err);
    free(out);
    if (rc == 0) {
        free(b->file_sha256);
        b->file_sha256 = a->file_sha256 ? xstrdup(a->file_sha256) : NULL;
        b->stamp = a->stamp;   /* the file it replaces is the one a was read from */
        *outp = b;
    } else {
        cc_error_prefix(err, _("the other side's value does not fit: "));
    }
out:
    cJSON_Delete(path);
    cJSON_Delete(theirs);
    cJSON_Delete(root);
    return rc;
}

long conflict_at(const struct assessment *a, const char *qid, const char *fid)
{
    char *want = fid ? xasprintf("[\"answers\",\"%s\",\"fields\",\"%s\"]", qid, fid)
                     : xasprintf("[\"answers\",\"%s\",", qid);
    long found = -1;
    for (size_t i = 0; i < a->nconflicts && found < 0; i++)
        if (fid ? strcmp(a->conflicts[i].path, want) == 0
                : strncmp(a->conflicts[i].path, want, strlen(want)) == 0)
            found = (long)i;
    free(want);
    return found;
}
