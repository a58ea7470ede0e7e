/* catalog.c — question catalogues: string lists, look-up by id or number,
 * freeing, and the catalogues installed in the catalogue directories.  See
 * catalog.h.  Reading and validating a catalogue's JSON is
 * catalog_validate.c. */
#include "catalog.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fsio.h"
#include "paths.h"

/* ---- string lists ---- */

void strlist_push_owned(struct strlist *l, char *s)
{
    /* v holds the power of two at or above n: it grows at 1, 2, 4, 8 ...
     * (a realloc for every entry was a tenth of reading an assessment) */
    if ((l->n & (l->n - 1)) == 0)
        l->v = xrealloc(l->v, (l->n ? 2 * l->n : 1) * sizeof(*l->v));
    l->v[l->n++] = s;
}

void strlist_push(struct strlist *l, const char *s)
{
    strlist_push_owned(l, xstrdup(s));
}

void strlist_release(struct strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

int strlist_remove(struct strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++) {
        if (strcmp(l->v[i], s) == 0) {
            free(l->v[i]);
            memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof(*l->v));
            l->n--;
            return 1;
        }
    }
    return 0;
}

size_t strlist_split(struct strlist *l, const char *s, const char *seps)
{
    size_t empty = 0;
    while (s && *s) {
        size_t n = strcspn(s, seps), b = 0, e = n;
        while (b < e && (s[b] == ' ' || s[b] == '\t'))
            b++;
        while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
            e--;
        if (e > b)
            strlist_push_owned(l, xstrndup(s + b, e - b));
        else
            empty++;
        s += n;
        if (*s)
            s++;
    }
    return empty;
}

const char *l10n_get(const struct l10n *t, enum lang lang)
{
    if (t->s[lang])
        return t->s[lang];
    for (int l = 0; l < LANG_COUNT; l++)
        if (t->s[l])
            return t->s[l];
    return "";
}

/* ---- loading and freeing ---- */

int catalog_load_file(const char *path, struct catalog **out, struct strlist *diags,
                      struct cc_err *err)
{
    char *buf;
    size_t len;
    int rc;
    *out = NULL;
    if (!diags && catalog_builtin_file(path, out))
        return 0;
    if (fs_read_file(path, CATALOG_MAX_BYTES, &buf, &len, err) != 0) {
        if (diags)
            strlist_push(diags, err->msg);
        return -1;
    }
    rc = catalog_parse(buf, len, path, out, diags, err);
    free(buf);
    return rc;
}

/* own: the strings are the catalogue's (not a blob's, see catalog_blob.c) */
static void str_free(char *s, int own)
{
    if (own)
        free(s);
}

static void l10n_release(struct l10n *t, int own)
{
    for (int l = 0; l < LANG_COUNT; l++) {
        str_free(t->s[l], own);
        t->s[l] = NULL;
    }
}

static void list_release(struct strlist *l, int own)
{
    if (own) {
        strlist_release(l);
        return;
    }
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static void help_release(struct cat_help *h, int own)
{
    list_release(&h->asks, own);
    list_release(&h->why, own);
    list_release(&h->check, own);
    list_release(&h->who, own);
}

static void l10n_array_free(struct l10n *a, size_t n, int own)
{
    for (size_t i = 0; i < n; i++)
        l10n_release(&a[i], own);
    free(a);
}

void catalog_free(struct catalog *cat)
{
    int own;
    if (!cat)
        return;
    own = !cat->borrowed;
    free(cat->path);
    str_free(cat->id, own);
    str_free(cat->version, own);
    l10n_release(&cat->title, own);
    l10n_release(&cat->short_title, own);
    l10n_release(&cat->issuer, own);
    l10n_release(&cat->stand, own);
    l10n_release(&cat->source, own);
    l10n_release(&cat->note_title, own);
    l10n_array_free(cat->note_paras, cat->nnote_paras, own);
    l10n_array_free(cat->note_closing, cat->nnote_closing, own);
    for (size_t i = 0; i < cat->nfootnotes; i++) {
        str_free(cat->footnotes[i].mark, own);
        str_free(cat->footnotes[i].resource, own);
    }
    free(cat->footnotes);
    list_release(&cat->note_further, own);
    l10n_release(&cat->further_intro, own);
    l10n_release(&cat->resources_intro, own);
    list_release(&cat->resources_list, own);
    l10n_release(&cat->kept_as_is, own);
    l10n_release(&cat->purpose_intro, own);
    l10n_release(&cat->purpose_emphasis, own);
    l10n_array_free(cat->purpose_items, cat->npurpose_items, own);
    l10n_array_free(cat->purpose_closing, cat->npurpose_closing, own);
    for (size_t i = 0; cat->sections && i < cat->nsections + 1; i++) {
        str_free(cat->sections[i].id, own);
        l10n_release(&cat->sections[i].title, own);
    }
    free(cat->sections);
    for (size_t i = 0; cat->questions && i < cat->nquestions + 1; i++) {
        struct cat_question *q = &cat->questions[i];
        str_free(q->id, own);
        l10n_release(&q->title, own);
        l10n_release(&q->text, own);
        for (size_t f = 0; q->fields && f < q->nfields + 1; f++) {
            str_free(q->fields[f].id, own);
            l10n_release(&q->fields[f].label, own);
        }
        free(q->fields);
        for (int l = 0; l < LANG_COUNT; l++)
            help_release(&q->help[l], own);
        list_release(&q->refs, own);
        list_release(&q->related, own);
    }
    free(cat->questions);
    for (size_t i = 0; cat->resources && i < cat->nresources + 1; i++) {
        str_free(cat->resources[i].id, own);
        l10n_release(&cat->resources[i].title, own);
        str_free(cat->resources[i].url, own);
        str_free(cat->resources[i].kind, own);
        l10n_release(&cat->resources[i].remark, own);
    }
    free(cat->resources);
    free(cat);
}

/* ---- look-up ---- */

const struct cat_question *catalog_question(const struct catalog *cat, const char *key)
{
    char *end;
    long n;
    if (!key || !*key)
        return NULL;
    for (size_t i = 0; i < cat->nquestions; i++)
        if (strcmp(cat->questions[i].id, key) == 0)
            return &cat->questions[i];
    if (!isdigit((unsigned char)key[0]))
        return NULL;
    errno = 0;
    n = strtol(key, &end, 10);
    if (*end || errno || n <= 0)
        return NULL;
    for (size_t i = 0; i < cat->nquestions; i++)
        if (cat->questions[i].number == n)
            return &cat->questions[i];
    return NULL;
}

long catalog_question_index(const struct catalog *cat, const struct cat_question *q)
{
    if (!q || q < cat->questions || q >= cat->questions + cat->nquestions)
        return -1;
    return (long)(q - cat->questions);
}

long cat_question_field_index(const struct cat_question *q, const char *id)
{
    for (size_t i = 0; i < q->nfields; i++)
        if (strcmp(q->fields[i].id, id) == 0)
            return (long)i;
    return -1;
}

const struct cat_field *cat_question_field(const struct cat_question *q, const char *id)
{
    long i = cat_question_field_index(q, id);
    return i < 0 ? NULL : &q->fields[i];
}

const struct cat_resource *catalog_resource(const struct catalog *cat, const char *id)
{
    for (size_t i = 0; i < cat->nresources; i++)
        if (cat->resources[i].id && strcmp(cat->resources[i].id, id) == 0)
            return &cat->resources[i];
    return NULL;
}

/* ---- where catalogues live ---- */

void catalog_dirs(struct strlist *dirs)
{
    char *user = xdg_path(XDG_CONFIG, "catalog");
    if (user)
        strlist_push_owned(dirs, user);
    strlist_push(dirs, CC_SYSTEM_DATADIR "/catalog");
    strlist_push(dirs, CC_BUILD_CATALOGDIR);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_cat(const void *a, const void *b)
{
    const struct catalog *x = *(struct catalog *const *)a, *y = *(struct catalog *const *)b;
    return strcmp(x->id, y->id);
}

void catalog_set_load(struct catalog_set *set, struct strlist *problems)
{
    struct strlist dirs = { 0 };
    memset(set, 0, sizeof(*set));
    catalog_dirs(&dirs);
    for (size_t d = 0; d < dirs.n; d++) {
        struct strlist names = { 0 };
        DIR *dir = opendir(dirs.v[d]);
        struct dirent *de;
        if (!dir)
            continue;
        while ((de = readdir(dir)) != NULL) {
            size_t n = strlen(de->d_name);
            if (n > 5 && de->d_name[0] != '.' && strcmp(de->d_name + n - 5, ".json") == 0)
                strlist_push(&names, de->d_name);
        }
        closedir(dir);
        qsort(names.v, names.n, sizeof(*names.v), cmp_name);
        for (size_t i = 0; i < names.n; i++) {
            char *path = fs_join(dirs.v[d], names.v[i]);
            struct catalog *cat;
            struct cc_err err;
            if (catalog_load_file(path, &cat, NULL, &err) != 0) {
                if (problems)
                    strlist_push(problems, err.msg);
            } else if (catalog_set_find(set, cat->id)) {
                catalog_free(cat); /* an earlier directory wins */
            } else {
                set->v = xrealloc(set->v, (set->n + 1) * sizeof(*set->v));
                set->v[set->n++] = cat;
            }
            free(path);
        }
        strlist_release(&names);
    }
    strlist_release(&dirs);
    if (set->n > 1)
        qsort(set->v, set->n, sizeof(*set->v), cmp_cat);
}

const struct catalog *catalog_set_find(const struct catalog_set *set, const char *id)
{
    for (size_t i = 0; i < set->n; i++)
        if (strcmp(set->v[i]->id, id) == 0)
            return set->v[i];
    return NULL;
}

void catalog_set_release(struct catalog_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        catalog_free(set->v[i]);
    free(set->v);
    set->v = NULL;
    set->n = 0;
}
