/* screenfx.c — see screenfx.h. */
#include "screenfx.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "util.h"

static int fail(char *err, size_t n, const char *fmt, ...) CC_PRINTF(3, 4);

static int fail(char *err, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (n)
        vsnprintf(err, n, fmt, ap);
    va_end(ap);
    return -1;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct sbuf sb;
    sbuf_init(&sb);
    char buf[65536];
    size_t k;
    while ((k = fread(buf, 1, sizeof(buf), f)) > 0)
        sbuf_add(&sb, buf, k);
    fclose(f);
    return sbuf_detach(&sb, len);
}

/* "Harbin Institute of Technology (哈尔滨工业大学)": the name before the last
 * parenthesis and the parenthesis's text, when that text is not ASCII. */
static void split_value(const char *v, struct strlist *names)
{
    size_t n = strlen(v);
    const char *open = strrchr(v, '(');
    int wide = 0;
    if (open && n && v[n - 1] == ')')
        for (const char *p = open; *p; p++)
            wide |= (unsigned char)*p >= 0x80;
    if (!wide || open == v) {
        strlist_push(names, v);
        return;
    }
    size_t head = (size_t)(open - v);
    while (head && v[head - 1] == ' ')
        head--;
    strlist_push_owned(names, xstrndup(v, head));
    strlist_push_owned(names, xstrndup(open + 1, (size_t)(v + n - 1 - open - 1)));
}

static int add_entry(struct sfx_list *l, const cJSON *val, char *err, size_t errlen)
{
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(val, "value");
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(val, "meta");
    const cJSON *aliases = meta ? cJSON_GetObjectItemCaseSensitive(meta, "aliases") : NULL;
    if (!cJSON_IsString(value))
        return fail(err, errlen, "values[%zu] has no string \"value\"", l->n);
    struct strlist names = {NULL, 0};
    split_value(value->valuestring, &names);
    const cJSON *a;
    cJSON_ArrayForEach(a, aliases)
        if (cJSON_IsString(a))
            strlist_push(&names, a->valuestring);
    struct sfx_entry *e = &l->v[l->n];
    e->value = xstrdup(value->valuestring);
    e->names = names.v;
    e->n = names.n;
    e->forms = xcalloc(names.n ? names.n : 1, sizeof(*e->forms));
    l->n++;
    for (size_t i = 0; i < names.n; i++)
        if (name_normalize(names.v[i], &e->forms[i]) != 0)
            return fail(err, errlen, "%s: a name is not valid UTF-8", e->value);
    return 0;
}

int sfx_load_list(const char *path, struct sfx_list *l, char *err, size_t errlen)
{
    memset(l, 0, sizeof(*l));
    size_t len;
    char *data = slurp(path, &len);
    if (!data)
        return fail(err, errlen, "%s: cannot read", path);
    cJSON *doc = cJSON_ParseWithLength(data, len);
    free(data);
    const cJSON *values = doc ? cJSON_GetObjectItemCaseSensitive(doc, "values") : NULL;
    if (!cJSON_IsArray(values)) {
        cJSON_Delete(doc);
        return fail(err, errlen, "%s: not a MISP cluster (no \"values\" array)", path);
    }
    l->v = xcalloc((size_t)cJSON_GetArraySize(values) + 1, sizeof(*l->v));
    const cJSON *val;
    int rc = 0;
    cJSON_ArrayForEach(val, values)
        if (rc == 0)
            rc = add_entry(l, val, err, errlen);
    cJSON_Delete(doc);
    return rc;
}

void sfx_list_release(struct sfx_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        struct sfx_entry *e = &l->v[i];
        for (size_t j = 0; j < e->n; j++) {
            free(e->names[j]);
            name_form_release(&e->forms[j]);
        }
        free(e->names);
        free(e->forms);
        free(e->value);
    }
    free(l->v);
    memset(l, 0, sizeof(*l));
}

static int add_pair(struct sfx_pairs *p, char *line, size_t lineno, char *err, size_t errlen)
{
    char *f[4];
    size_t nf = 0;
    for (char *s = line; nf < 4; nf++) {
        f[nf] = s;
        char *tab = strchr(s, '\t');
        if (!tab) {
            nf++;
            break;
        }
        *tab = '\0';
        s = tab + 1;
    }
    if (nf != 4 || (strcmp(f[2], "1") != 0 && strcmp(f[2], "0") != 0) || !*f[0] || !*f[1])
        return fail(err, errlen, "pairs line %zu: want alias, entry, 1 or 0, kind", lineno);
    p->v = xrealloc(p->v, (p->n + 1) * sizeof(*p->v));
    struct sfx_pair *q = &p->v[p->n++];
    q->alias = xstrdup(f[0]);
    q->entry = xstrdup(f[1]);
    q->label = f[2][0] == '1';
    q->kind = xstrdup(f[3]);
    q->line = lineno;
    return 0;
}

int sfx_load_pairs(const char *path, struct sfx_pairs *p, char *err, size_t errlen)
{
    memset(p, 0, sizeof(*p));
    char *data = slurp(path, NULL);
    if (!data)
        return fail(err, errlen, "%s: cannot read", path);
    int rc = 0;
    size_t lineno = 0;
    for (char *s = data, *nl; rc == 0 && s && *s; s = nl ? nl + 1 : NULL) {
        nl = strchr(s, '\n');
        if (nl)
            *nl = '\0';
        lineno++;
        size_t l = strlen(s);
        if (l && s[l - 1] == '\r')
            s[--l] = '\0';
        if (l && s[0] != '#')
            rc = add_pair(p, s, lineno, err, errlen);
    }
    free(data);
    return rc;
}

void sfx_pairs_release(struct sfx_pairs *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].alias);
        free(p->v[i].entry);
        free(p->v[i].kind);
    }
    free(p->v);
    memset(p, 0, sizeof(*p));
}

long sfx_find_entry(const struct sfx_list *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++) {
        if (strcmp(l->v[i].value, s) == 0)
            return (long)i;
        for (size_t j = 0; j < l->v[i].n; j++)
            if (strcmp(l->v[i].names[j], s) == 0)
                return (long)i;
    }
    return -1;
}

int sfx_score_pairs(const struct sfx_list *l, const struct sfx_pairs *p, int *scores,
                    enum match_kind *kinds, char *err, size_t errlen)
{
    for (size_t i = 0; i < p->n; i++) {
        long e = sfx_find_entry(l, p->v[i].entry);
        if (e < 0)
            return fail(err, errlen, "pairs line %zu: no entry has the name \"%s\"", p->v[i].line,
                        p->v[i].entry);
        struct name_form a;
        if (name_normalize(p->v[i].alias, &a) != 0)
            return fail(err, errlen, "pairs line %zu: alias not valid UTF-8", p->v[i].line);
        int best = 0;
        enum match_kind bk = MK_TOKENS;
        for (size_t j = 0; j < l->v[e].n; j++) {
            enum match_kind k;
            int s = name_score(&a, &l->v[e].forms[j], &k);
            if (s > best)
                best = s, bk = k;
        }
        name_form_release(&a);
        scores[i] = best;
        if (kinds)
            kinds[i] = bk;
    }
    return 0;
}

void sfx_count(const struct sfx_pairs *p, const int *scores, int threshold, struct sfx_counts *c)
{
    memset(c, 0, sizeof(*c));
    for (size_t i = 0; i < p->n; i++) {
        int hit = scores[i] >= threshold;
        if (p->v[i].label)
            hit ? c->tp++ : c->fn++;
        else
            hit ? c->fp++ : c->tn++;
    }
}

double sfx_recall(const struct sfx_counts *c)
{
    return c->tp + c->fn ? (double)c->tp / (double)(c->tp + c->fn) : 1.0;
}

double sfx_precision(const struct sfx_counts *c)
{
    return c->tp + c->fp ? (double)c->tp / (double)(c->tp + c->fp) : 1.0;
}
