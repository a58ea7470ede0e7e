/* draft.c — recovery drafts.  See draft.h. */
#include "draft.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "fsio.h"
#include "i18n.h"
#include "jsondoc.h"
#include "jsonval.h"
#include "paths.h"
#include "sha256.h"

#define DRAFT_KIND "coopcheck-draft"

/* ---- the draft in memory ---- */

static char *resolved(const char *path)
{
    char buf[PATH_MAX];
    return realpath(path, buf) ? xstrdup(buf) : xstrdup(path);
}

void draft_init(struct draft *d, const char *data, const char *id)
{
    char *user = cc_user(), *host = cc_host();
    memset(d, 0, sizeof(*d));
    d->data = resolved(data);
    d->id = xstrdup(id);
    snprintf(d->user, sizeof(d->user), "%s", user);
    snprintf(d->host, sizeof(d->host), "%s", host);
    proc_self(&d->writer);
    free(user);
    free(host);
}

void draft_clear(struct draft *d)
{
    for (size_t i = 0; i < d->nf; i++) {
        free(d->f[i].qid);
        free(d->f[i].fid);
        free(d->f[i].text);
    }
    free(d->f);
    d->f = NULL;
    d->nf = 0;
}

void draft_release(struct draft *d)
{
    draft_clear(d);
    free(d->path);
    free(d->data);
    free(d->id);
    memset(d, 0, sizeof(*d));
}

void draft_value_sha(const char *value, char out[65])
{
    sha256_hex(value ? value : "", value ? strlen(value) : 0, out);
}

static struct draft_field *add(struct draft *d, const char *qid, const char *fid, const char *base)
{
    struct draft_field *f;
    d->f = xrealloc(d->f, (d->nf + 1) * sizeof(*d->f));
    f = &d->f[d->nf++];
    memset(f, 0, sizeof(*f));
    f->qid = xstrdup(qid);
    f->fid = xstrdup(fid);
    draft_value_sha(base, f->base_sha);
    return f;
}

void draft_add_text(struct draft *d, const char *qid, const char *fid, const char *text,
                    const char *base)
{
    struct draft_field *f = add(d, qid, fid, base);
    f->is_text = 1;
    f->text = text ? xstrdup(text) : NULL;
}

void draft_add_yesno(struct draft *d, const char *qid, const char *fid, enum yesno v,
                     const char *base)
{
    add(d, qid, fid, base)->yn = v;
}

/* ---- JSON ---- */

char *draft_format(const struct draft *d)
{
    cJSON *o = cJSON_CreateObject(), *w, *fields;
    char *text, *out;
    cJSON_AddNumberToObject(o, "format", 1);
    cJSON_AddStringToObject(o, "kind", DRAFT_KIND);
    cJSON_AddStringToObject(o, "data", d->data);
    cJSON_AddStringToObject(o, "cooperation", d->id);
    w = cJSON_AddObjectToObject(o, "writer");
    cJSON_AddStringToObject(w, "user", d->user);
    cJSON_AddStringToObject(w, "host", d->host);
    cJSON_AddNumberToObject(w, "pid", (double)d->writer.pid);
    cJSON_AddNumberToObject(w, "start", (double)d->writer.start);
    cJSON_AddStringToObject(w, "boot", d->writer.boot);
    cJSON_AddStringToObject(o, "written_at", d->written_at);
    fields = cJSON_AddArrayToObject(o, "fields");
    for (size_t i = 0; i < d->nf; i++) {
        const struct draft_field *f = &d->f[i];
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "question", f->qid);
        cJSON_AddStringToObject(e, "field", f->fid);
        cJSON_AddStringToObject(e, "type", f->is_text ? "text" : "yesno");
        if (f->is_text && f->text)
            cJSON_AddStringToObject(e, "value", f->text);
        else if (f->is_text)
            cJSON_AddNullToObject(e, "value");
        else
            cJSON_AddStringToObject(e, "value", yesno_name(f->yn));
        cJSON_AddStringToObject(e, "base_sha256", f->base_sha);
        cJSON_AddItemToArray(fields, e);
    }
    text = jsondoc_print(o);
    cJSON_Delete(o);
    out = xasprintf("%s\n", text);
    free(text);
    return out;
}

static void copy_str(const cJSON *o, const char *key, char *out, size_t size)
{
    const cJSON *n = jv_get(o, key);
    if (cJSON_IsString(n))
        snprintf(out, size, "%s", n->valuestring);
}

static void parse_field(struct jv *v, const cJSON *e, struct draft *d)
{
    static const struct jv_key keys[] = {
        { "question", JV_STRING, 1 }, { "field", JV_STRING, 1 }, { "type", JV_STRING, 1 },
        { "value", JV_STRING_OR_NULL, 1 }, { "base_sha256", JV_STRING, 1 },
    };
    const cJSON *type, *value, *base;
    if (jv_check_object(v, e, _("a draft field"), keys, CC_ARRAY_LEN(keys)) != 0)
        return;
    type = jv_get(e, "type");
    value = jv_get(e, "value");
    base = jv_get(e, "base_sha256");
    if (strlen(base->valuestring) != 64) {
        jv_error(v, base, _("\"%s\" is not a SHA-256"), base->valuestring);
        return;
    }
    if (strcmp(type->valuestring, "text") == 0) {
        draft_add_text(d, jv_get(e, "question")->valuestring, jv_get(e, "field")->valuestring,
                       cJSON_IsString(value) ? value->valuestring : NULL, NULL);
    } else if (strcmp(type->valuestring, "yesno") == 0 && cJSON_IsString(value) &&
               yesno_parse(value->valuestring) >= 0) {
        draft_add_yesno(d, jv_get(e, "question")->valuestring, jv_get(e, "field")->valuestring,
                        (enum yesno)yesno_parse(value->valuestring), NULL);
    } else {
        jv_error(v, type, _("a draft field is text (with a text or null) or yesno (with yes, no, "
                    "unsure or unset)"));
        return;
    }
    memcpy(d->f[d->nf - 1].base_sha, base->valuestring, 65);
}

int draft_parse(const char *buf, size_t len, const char *path, struct draft *d, struct cc_err *err)
{
    static const struct jv_key keys[] = {
        { "format", JV_NUMBER, 1 }, { "kind", JV_STRING, 1 }, { "data", JV_STRING, 1 },
        { "cooperation", JV_STRING, 1 }, { "writer", JV_OBJECT, 1 },
        { "written_at", JV_STRING, 1 }, { "fields", JV_ARRAY, 1 },
    };
    static const struct jv_key wkeys[] = {
        { "user", JV_STRING, 1 }, { "host", JV_STRING, 1 }, { "pid", JV_NUMBER, 1 },
        { "start", JV_NUMBER, 1 }, { "boot", JV_STRING, 1 },
    };
    struct jsondoc *doc = jsondoc_parse(buf, len, path, 0, err);
    struct jv v = { doc, NULL, err, 0 };
    const cJSON *root, *w, *e;
    memset(d, 0, sizeof(*d));
    if (!doc)
        return -1;
    root = jsondoc_root(doc);
    if (jv_check_object(&v, root, _("a draft"), keys, CC_ARRAY_LEN(keys)) == 0) {
        if (jv_get(root, "format")->valuedouble != 1)
            jv_error(&v, jv_get(root, "format"), _("draft format %g is not one this coopcheck knows (1)"),
                     jv_get(root, "format")->valuedouble);
        if (strcmp(jv_get(root, "kind")->valuestring, DRAFT_KIND) != 0)
            jv_error(&v, jv_get(root, "kind"), _("kind \"%s\" is not \"%s\""),
                     jv_get(root, "kind")->valuestring, DRAFT_KIND);
        if (!coop_id_valid(jv_get(root, "cooperation")->valuestring))
            jv_error(&v, jv_get(root, "cooperation"), _("\"%s\" is not a cooperation id"),
                     jv_get(root, "cooperation")->valuestring);
        w = jv_get(root, "writer");
        if (jv_check_object(&v, w, _("the draft's writer"), wkeys, CC_ARRAY_LEN(wkeys)) == 0) {
            copy_str(w, "user", d->user, sizeof(d->user));
            copy_str(w, "host", d->host, sizeof(d->host));
            copy_str(w, "boot", d->writer.boot, sizeof(d->writer.boot));
            d->writer.pid = (long)jv_get(w, "pid")->valuedouble;
            d->writer.start = (unsigned long long)jv_get(w, "start")->valuedouble;
        }
        copy_str(root, "written_at", d->written_at, sizeof(d->written_at));
        cJSON_ArrayForEach(e, jv_get(root, "fields"))
            parse_field(&v, e, d);
        if (!v.nerr) {
            d->data = xstrdup(jv_get(root, "data")->valuestring);
            d->id = xstrdup(jv_get(root, "cooperation")->valuestring);
        }
    }
    jv_finish(&v);
    jsondoc_free(doc);
    if (v.nerr) {
        draft_release(d);
        return -1;
    }
    return 0;
}

/* ---- files ---- */

char *draft_dir(struct cc_err *err)
{
    char *dir = xdg_path(XDG_STATE, "drafts");
    if (dir)
        return dir;
    cc_error(err, _("no place for recovery drafts: neither XDG_STATE_HOME nor HOME is set"));
    return NULL;
}

static int open_dir(int create, char **dir, struct cc_err *err)
{
    int fd;
    *dir = draft_dir(err);
    if (!*dir || (create && fs_mkdir_p(*dir, err) != 0))
        return -1;
    fd = open(*dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return cc_error_code(err, errno, _("cannot open the drafts directory '%s': %s"), *dir,
                             strerror(errno));
    return fd;
}

int draft_save(struct draft *d, struct cc_err *err)
{
    char *dir, *text;
    int fd = open_dir(1, &dir, err), rc = -1;
    if (fd < 0) {
        free(dir);
        return -1;
    }
    cc_now(d->written_at);
    text = draft_format(d);
    if (d->path) {
        const char *base = strrchr(d->path, '/') + 1;
        rc = fs_write_atomic_at(fd, base, d->path, text, strlen(text), err);
    } else {
        char stamp[32];
        size_t k = 0;
        for (const char *p = d->written_at; *p && k < sizeof(stamp) - 1; p++)
            if (*p != '-' && *p != ':')
                stamp[k++] = *p;
        stamp[k] = '\0';
        for (int attempt = 0; attempt < 100 && rc != 0; attempt++) {
            struct timespec ts;
            char *name;
            clock_gettime(CLOCK_REALTIME, &ts);
            name = xasprintf("%s-%s-%ld-%06lx.json", d->id, stamp, d->writer.pid,
                             ((unsigned long)ts.tv_nsec ^ ((unsigned long)attempt * 2654435761u)) & 0xffffffu);
            free(d->path);
            d->path = xasprintf("%s/%s", dir, name);
            rc = fs_write_new_at(fd, name, d->path, text, strlen(text), err);
            free(name);
            if (rc != 0 && err->code != EEXIST)
                break;
        }
        if (rc != 0) {
            free(d->path);
            d->path = NULL;
        }
    }
    free(text);
    close(fd);
    free(dir);
    return rc;
}

int draft_remove(struct draft *d, struct cc_err *err)
{
    int rc = 0;
    if (d->path && unlink(d->path) != 0 && errno != ENOENT)
        rc = cc_error_code(err, errno, _("cannot remove the draft '%s': %s"), d->path, strerror(errno));
    free(d->path);
    d->path = NULL;
    return rc;
}

static int newest_first(const void *x, const void *y)
{
    const struct draft *a = x, *b = y;
    return strcmp(b->written_at, a->written_at);
}

/* Reads one draft file; 1 when it is one of cooperation id in data, left by
 * a process other than this one. */
static int take_draft(int fd, const char *dir, const char *name, const char *data, const char *id,
                      struct draft *d, struct strlist *problems)
{
    char *path = xasprintf("%s/%s", dir, name), *buf;
    size_t len;
    struct cc_err e;
    struct proc_id me;
    int rc = 0;
    if (fs_read_at(fd, name, path, DRAFT_MAX_BYTES, &buf, &len, &e) != 0) {
        strlist_push_owned(problems, xasprintf(_("%s (left where it is)"), e.msg));
    } else {
        if (draft_parse(buf, len, path, d, &e) != 0) {
            strlist_push_owned(problems, xasprintf(_("%s: not a draft this coopcheck can read (left "
                                                      "where it is): %s"), path, e.msg));
        } else {
            proc_self(&me);
            if (strcmp(d->id, id) == 0 && strcmp(d->data, data) == 0 &&
                !(d->writer.pid == me.pid && d->writer.start == me.start)) {
                d->path = path;
                path = NULL;
                rc = 1;
            } else {
                draft_release(d);
            }
        }
        free(buf);
    }
    free(path);
    return rc;
}

int draft_find(const char *data, const char *id, struct draft **out, size_t *n,
               struct strlist *problems, struct cc_err *err)
{
    char *dir, *want = resolved(data);
    int fd = open_dir(0, &dir, err);
    DIR *d;
    struct dirent *de;
    *out = NULL;
    *n = 0;
    if (fd < 0) {
        int quiet = !dir || (err && err->code == ENOENT);   /* no drafts directory: no drafts */
        free(dir);
        free(want);
        return quiet ? 0 : -1;
    }
    d = fdopendir(fd);
    if (!d) {
        close(fd);
        free(dir);
        free(want);
        return cc_error_code(err, errno, _("cannot read the drafts directory: %s"), strerror(errno));
    }
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        struct draft one;
        if (de->d_name[0] == '.' || len < 6 || strcmp(de->d_name + len - 5, ".json") != 0 ||
            strncmp(de->d_name, id, strlen(id)) != 0 || de->d_name[strlen(id)] != '-')
            continue;
        if (take_draft(dirfd(d), dir, de->d_name, want, id, &one, problems)) {
            *out = xrealloc(*out, (*n + 1) * sizeof(**out));
            (*out)[(*n)++] = one;
        }
    }
    closedir(d);
    if (*n > 1)
        qsort(*out, *n, sizeof(**out), newest_first);
    free(dir);
    free(want);
    return 0;
}

void draft_free_all(struct draft *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        draft_release(&v[i]);
    free(v);
}

long draft_remove_all(const char *data, const char *id, struct strlist *problems,
                      struct cc_err *err)
{
    struct draft *v = NULL;
    size_t n = 0;
    long removed = 0;
    if (draft_find(data, id, &v, &n, problems, err) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        struct cc_err one;
        if (draft_remove(&v[i], &one) == 0)
            removed++;
        else
            strlist_push(problems, one.msg);
    }
    draft_free_all(v, n);
    return removed;
}

/* ---- what a draft would change ---- */

/* The question and field a draft field names: 0, or -1 when the catalogue
 * has no such field (or not of that type).  A text entry on a yes/no field
 * is its note (the interface and the line mode journal notes so). */
int draft_field_locate(const struct assessment *a, const struct draft_field *df, size_t *qi, size_t *fi)
{
    const struct cat_question *q = catalog_question(a->cat, df->qid);
    long f = q ? cat_question_field_index(q, df->fid) : -1;
    if (f < 0 || (q->fields[f].type == FIELD_TEXT && !df->is_text))
        return -1;
    *qi = (size_t)catalog_question_index(a->cat, q);
    *fi = (size_t)f;
    return 0;
}

/* What the assessment holds where draft field df goes: a text, a note (both
 * is_text) or a yes/no answer. */
const char *draft_current_value(const struct assessment *a, size_t qi, size_t fi, int is_text)
{
    const struct answer *ans = &a->q[qi].f[fi];
    if (is_text)
        return ans->text;
    return ans->yn == YN_UNSET ? NULL : yesno_name(ans->yn);
}

const char *draft_field_value(const struct draft_field *df)
{
    if (df->is_text)
        return df->text;
    return df->yn == YN_UNSET ? NULL : yesno_name(df->yn);
}

/* 1 when the draft field would change the answer. */
int draft_field_adds(const struct assessment *a, const struct draft_field *df)
{
    size_t qi, fi;
    const char *cur, *want;
    if (draft_field_locate(a, df, &qi, &fi) != 0)
        return 0;
    cur = draft_current_value(a, qi, fi, df->is_text);
    want = draft_field_value(df);
    return !(cur == want || (cur && want && strcmp(cur, want) == 0) ||
             (df->is_text && !cur && want && !*want));
}

int draft_adds_any(const struct assessment *a, const struct draft *d)
{
    for (size_t i = 0; i < d->nf; i++)
        if (draft_field_adds(a, &d->f[i]))
            return 1;
    return 0;
}
