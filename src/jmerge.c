/* jmerge.c — see jmerge.h. */
#include "jmerge.h"

#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Shapes: atomic units and keyed arrays, by path pattern ------------ */

static const char *const atomic_pats[] = {
    "answers/*/fields/*", "answers/*/risk", "risk", "decision", "catalog", "measures/*",
    "approvals/*", "screenings/*/hits/*/decision", "conflicts/*", "merged_snapshots/*",
    "cooperation/partners",
};

struct kspec {
    const char *pat;
    const char *keys[4];
    size_t nkeys;
    int renumber;   /* both sides' new elements with one key become two (measures) */
};

static const struct kspec kspecs[] = {
    { "measures", { "id" }, 1, 1 },
    { "screenings", { "at", "by" }, 2, 0 },
    { "screenings/*/hits", { "partner", "list", "entry" }, 3, 0 },
    { "approvals", { "snapshot", "role", "name", "at" }, 4, 0 },
    { "conflicts", { "path" }, 1, 0 },
    { "merged_snapshots", { "name" }, 1, 0 },
};

/* 1 when the n steps match pat ("a/ * /b" without the spaces; * is any step). */
static int pat_match(const char *pat, const char *const *steps, size_t n)
{
    const char *p = pat;
    size_t i;
    for (i = 0; i < n; i++) {
        const char *e = strchr(p, '/');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (!(len == 1 && p[0] == '*') && (strlen(steps[i]) != len || memcmp(steps[i], p, len)))
            return 0;
        if (!e)
            return i + 1 == n;
        p = e + 1;
    }
    return 0;
}

static int is_atomic(const char *const *steps, size_t n)
{
    for (size_t i = 0; i < CC_ARRAY_LEN(atomic_pats); i++)
        if (pat_match(atomic_pats[i], steps, n))
            return 1;
    return 0;
}

/* How the array at the n steps is keyed, or NULL when it is not. */
static const struct kspec *kspec_at(const char *const *steps, size_t n)
{
    for (size_t i = 0; i < CC_ARRAY_LEN(kspecs); i++)
        if (pat_match(kspecs[i].pat, steps, n))
            return &kspecs[i];
    return NULL;
}

/* ---- Small helpers ------------------------------------------------------ */

static cJSON *must(cJSON *p)
{
    if (!p) {
        fputs("coopcheck: out of memory\n", stderr);
        abort();
    }
    return p;
}

static cJSON *dup(const cJSON *v)
{
    return v ? must(cJSON_Duplicate(v, 1)) : NULL;
}

/* Deep equality, absent (NULL) equal only to absent. */
static int same(const cJSON *a, const cJSON *b)
{
    if (!a || !b)
        return a == b;
    return cJSON_Compare(a, b, 1) ? 1 : 0;
}

static const cJSON *member(const cJSON *obj, const char *key)
{
    return cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
}

static const char *member_str(const cJSON *obj, const char *key)
{
    const cJSON *v = member(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static char *print_json(const cJSON *v)
{
    char *s = cJSON_PrintUnformatted(v), *r;
    if (!s)
        return NULL;
    r = xstrdup(s);
    cJSON_free(s);
    return r;
}

/* The path step of keyed-array element el (see jmerge.h), or NULL when el is
 * not an object with all the key fields.  Caller frees. */
static char *elem_step(const cJSON *el, const struct kspec *ks)
{
    const cJSON *v;
    cJSON *arr;
    char *s;
    if (!cJSON_IsObject(el))
        return NULL;
    if (ks->nkeys == 1) {
        if (!(v = member(el, ks->keys[0])))
            return NULL;
        return cJSON_IsString(v) ? xstrdup(v->valuestring) : print_json(v);
    }
    arr = must(cJSON_CreateArray());
    for (size_t i = 0; i < ks->nkeys; i++) {
        if (!(v = member(el, ks->keys[i]))) {
            cJSON_Delete(arr);
            return NULL;
        }
        if (!cJSON_AddItemReferenceToArray(arr, (cJSON *)v))
            must(NULL);
    }
    s = print_json(arr);
    cJSON_Delete(arr);
    return s;
}

/* The first element of arr whose step is step (its index in *index), or NULL. */
static cJSON *find_elem(const cJSON *arr, const struct kspec *ks, const char *step, int *index)
{
    cJSON *el;
    int i = 0;
    cJSON_ArrayForEach(el, arr) {
        char *s = elem_step(el, ks);
        int hit = s && !strcmp(s, step);
        free(s);
        if (hit) {
            if (index)
                *index = i;
            return el;
        }
        i++;
    }
    return NULL;
}

/* ---- Paths -------------------------------------------------------------- */

struct jpath {
    const char **v;
    size_t n, cap;
};

static void path_push(struct jpath *p, const char *step)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 16;
        p->v = xrealloc(p->v, p->cap * sizeof(*p->v));
    }
    p->v[p->n++] = step;
}

/* The steps of a path array (caller frees the array, not the strings), in
 * *n; NULL when path is not an array of strings. */
static const char **path_steps(const cJSON *path, size_t *n)
{
    const cJSON *it;
    const char **v;
    size_t i = 0;
    if (!cJSON_IsArray(path))
        return NULL;
    v = xmalloc(((size_t)cJSON_GetArraySize(path) + 1) * sizeof(*v));
    cJSON_ArrayForEach(it, path) {
        if (!cJSON_IsString(it)) {
            free(v);
            return NULL;
        }
        v[i++] = it->valuestring;
    }
    *n = i;
    return v;
}

/* The node at the first n steps from root, or NULL. */
static cJSON *walk(const cJSON *root, const char *const *steps, size_t n)
{
    const cJSON *cur = root;
    for (size_t i = 0; i < n && cur; i++) {
        const struct kspec *ks;
        if (cJSON_IsObject(cur))
            cur = cJSON_GetObjectItemCaseSensitive(cur, steps[i]);
        else if (cJSON_IsArray(cur) && (ks = kspec_at(steps, i)))
            cur = find_elem(cur, ks, steps[i], NULL);
        else
            cur = NULL;
    }
    return (cJSON *)cur;
}

const cJSON *jmerge_lookup(const cJSON *root, const cJSON *path)
{
    size_t n;
    const char **steps = path_steps(path, &n);
    const cJSON *r = steps ? walk(root, steps, n) : NULL;
    free(steps);
    return r;
}

/* Sets (value) or removes (NULL) the element with step in keyed array arr. */
static int set_in_array(cJSON *arr, const struct kspec *ks, const char *step, const cJSON *value)
{
    int index;
    cJSON *cur = find_elem(arr, ks, step, &index);
    char *vstep;
    int ok;
    if (!value) {
        if (cur)
            cJSON_DeleteItemFromArray(arr, index);
        return 0;
    }
    vstep = elem_step(value, ks);
    ok = vstep && !strcmp(vstep, step);
    free(vstep);
    if (!ok)
        return -1;
    if (cur)
        cJSON_ReplaceItemViaPointer(arr, cur, dup(value));
    else
        cJSON_AddItemToArray(arr, dup(value));
    return 0;
}

static int set_steps(cJSON *root, const char *const *steps, size_t n, const cJSON *value)
{
    cJSON *parent = walk(root, steps, n - 1);
    const struct kspec *ks;
    const char *key = steps[n - 1];
    if (cJSON_IsObject(parent)) {
        if (!value)
            cJSON_DeleteItemFromObjectCaseSensitive(parent, key);
        else if (cJSON_GetObjectItemCaseSensitive(parent, key))
            cJSON_ReplaceItemInObjectCaseSensitive(parent, key, dup(value));
        else
            cJSON_AddItemToObject(parent, key, dup(value));
        return 0;
    }
    if (cJSON_IsArray(parent) && (ks = kspec_at(steps, n - 1)))
        return set_in_array(parent, ks, key, value);
    return -1;
}

int jmerge_set(cJSON *root, const cJSON *path, const cJSON *value)
{
    size_t n;
    const char **steps = path_steps(path, &n);
    int rc = steps && n > 0 ? set_steps(root, steps, n, value) : -1;
    free(steps);
    return rc;
}

/* ---- Pruning ------------------------------------------------------------ */

/* 1 when conflict c is resolved: the value at its path is no longer its "ours". */
static int conflict_resolved(const cJSON *root, const cJSON *c)
{
    const cJSON *path = member(c, "path");
    size_t n;
    const char **steps = path_steps(path, &n);
    int resolved;
    if (!steps)
        return 0;
    resolved = !same(walk(root, steps, n), member(c, "ours"));
    free(steps);
    return resolved;
}

size_t jmerge_prune(cJSON *root)
{
    cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "conflicts"), *c, *next;
    size_t left = 0;
    int dropped = 1;
    if (!cJSON_IsArray(arr))
        return 0;
    /* again after a drop: a path into "conflicts" can make an earlier
     * conflict resolved by dropping a later one */
    while (dropped) {
        dropped = 0;
        left = 0;
        for (c = arr->child; c; c = next) {
            next = c->next;
            if (conflict_resolved(root, c)) {
                cJSON_Delete(cJSON_DetachItemViaPointer(arr, c));
                dropped = 1;
            } else {
                left++;
            }
        }
    }
    if (!left)
        cJSON_DeleteItemFromObjectCaseSensitive(root, "conflicts");
    return left;
}

/* ---- The merge ---------------------------------------------------------- */

struct jm {
    const char *now;
    struct jpath path;         /* where the merge is */
    cJSON *newc;               /* the conflicts found, in order */
    const cJSON *snap_from;    /* the tree last_snapshot is taken from, when decided */
    const cJSON *round_from;   /* the tree round is taken from, when decided */
    const cJSON *snap_loser;   /* the last_snapshot to add to merged_snapshots */
    cJSON *renamed;            /* theirs' measure ids given a new one: old -> new */
};

static cJSON *merge_value(struct jm *m, const cJSON *b, const cJSON *o, const cJSON *t);

/* Records a conflict at the current path; returns ours' value (a copy). */
static cJSON *conflict(struct jm *m, const cJSON *b, const cJSON *o, const cJSON *t)
{
    cJSON *c = must(cJSON_CreateObject()), *p = must(cJSON_AddArrayToObject(c, "path"));
    for (size_t i = 0; i < m->path.n; i++)
        cJSON_AddItemToArray(p, must(cJSON_CreateString(m->path.v[i])));
    must(cJSON_AddStringToObject(c, "at", m->now));
    if (b)
        cJSON_AddItemToObject(c, "base", dup(b));
    if (o)
        cJSON_AddItemToObject(c, "ours", dup(o));
    if (t)
        cJSON_AddItemToObject(c, "theirs", dup(t));
    cJSON_AddItemToArray(m->newc, c);
    return dup(o);
}

/* One side of a keyed array: its elements in order, and sorted by step. */
struct kent {
    char *step;
    const cJSON *el;
    int mark;       /* theirs: 1 merged with ours' element, 2 a new one renumbered */
    cJSON *copy;    /* theirs, mark 2: its copy in the result */
};

struct kside {
    struct kent *v;
    struct kent **sorted;
    size_t n;
};

static int kent_cmp(const void *a, const void *b)
{
    const struct kent *x = *(const struct kent *const *)a, *y = *(const struct kent *const *)b;
    return strcmp(x->step, y->step);
}

static void kside_free(struct kside *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i].step);
    free(s->v);
    free(s->sorted);
}

/* Indexes the elements of arr (NULL: none) by step; -1 when one lacks its
 * key or two have the same one.  s is to be freed either way. */
static int kside_build(struct kside *s, const cJSON *arr, const struct kspec *ks)
{
    size_t n = arr ? (size_t)cJSON_GetArraySize(arr) : 0;
    const cJSON *el;
    s->v = xcalloc(n, sizeof(*s->v));
    s->sorted = xcalloc(n, sizeof(*s->sorted));
    s->n = 0;
    cJSON_ArrayForEach(el, arr) {
        char *step = elem_step(el, ks);
        if (!step)
            return -1;
        s->v[s->n].step = step;
        s->v[s->n].el = el;
        s->sorted[s->n] = &s->v[s->n];
        s->n++;
    }
    qsort(s->sorted, s->n, sizeof(*s->sorted), kent_cmp);
    for (size_t i = 1; i < s->n; i++)
        if (!strcmp(s->sorted[i - 1]->step, s->sorted[i]->step))
            return -1;
    return 0;
}

static struct kent *kside_find(const struct kside *s, const char *step)
{
    struct kent key, *kp = &key, **r;
    key.step = (char *)step;
    r = bsearch(&kp, s->sorted, s->n, sizeof(*s->sorted), kent_cmp);
    return r ? *r : NULL;
}

/* 1 when arr is absent or an array that can be keyed by ks. */
static int keyable(const cJSON *arr, const struct kspec *ks)
{
    struct kside s = { 0 };
    int ok = !arr || (cJSON_IsArray(arr) && kside_build(&s, arr, ks) == 0);
    kside_free(&s);
    return ok;
}

/* "<prefix><n>" with n one more than the highest that an element of arr
 * has as its step (a key that is not a string: its JSON text), prefix being
 * id without its trailing digits.  Caller frees. */
static char *free_id(const cJSON *arr, const struct kspec *ks, const char *id)
{
    size_t plen = strlen(id), v, max = 0;
    const cJSON *el;
    while (plen > 0 && id[plen - 1] >= '0' && id[plen - 1] <= '9')
        plen--;
    /* one more than the highest: ids are never reused (model.h) */
    cJSON_ArrayForEach(el, arr) {
        char *s = elem_step(el, ks);   /* a number 7 as the key takes "7" too */
        const char *d;
        if (s && !strncmp(s, id, plen) && s[plen] && s[plen] != '0') {
            for (d = s + plen, v = 0; *d >= '0' && *d <= '9' && v < ((size_t)1 << 40); d++)
                v = 10 * v + (size_t)(*d - '0');
            if (!*d && v > max)
                max = v;
        }
        free(s);
    }
    return xasprintf("%.*s%zu", (int)plen, id, max + 1);
}

/* Ours' elements, merged with base's and theirs' of the same key. */
static void keyed_ours(struct jm *m, const struct kspec *ks, const struct kside *sb,
                       const struct kside *so, const struct kside *st, cJSON *res)
{
    for (size_t i = 0; i < so->n; i++) {
        const struct kent *e = &so->v[i], *be = kside_find(sb, e->step);
        struct kent *te = kside_find(st, e->step);
        cJSON *r;
        if (te)
            te->mark = 1;
        path_push(&m->path, e->step);
        if (ks->renumber && !be && te && !same(e->el, te->el)
            && cJSON_IsString(member(te->el, ks->keys[0]))) {
            te->mark = 2;   /* two new elements that happen to share a key */
            r = dup(e->el);
        } else {
            r = merge_value(m, be ? be->el : NULL, e->el, te ? te->el : NULL);
        }
        m->path.n--;
        if (r)
            cJSON_AddItemToArray(res, r);
    }
}

/* Theirs' elements that ours lacks, then the renumbering of mark 2 ones. */
static void keyed_theirs(struct jm *m, const struct kspec *ks, const struct kside *sb,
                         struct kside *st, cJSON *res)
{
    for (size_t i = 0; i < st->n; i++) {
        struct kent *te = &st->v[i];
        const struct kent *be;
        cJSON *r;
        if (te->mark == 1)
            continue;
        if (te->mark == 2) {
            cJSON_AddItemToArray(res, te->copy = dup(te->el));
            continue;
        }
        be = kside_find(sb, te->step);
        path_push(&m->path, te->step);
        r = merge_value(m, be ? be->el : NULL, NULL, te->el);
        m->path.n--;
        if (r)
            cJSON_AddItemToArray(res, r);
    }
    for (size_t i = 0; i < st->n; i++) {
        if (st->v[i].mark == 2) {
            const char *old = member_str(st->v[i].el, ks->keys[0]);
            char *id = free_id(res, ks, old);
            cJSON_ReplaceItemInObjectCaseSensitive(st->v[i].copy, ks->keys[0],
                                                   must(cJSON_CreateString(id)));
            if (!cJSON_GetObjectItemCaseSensitive(m->renamed, old))
                must(cJSON_AddStringToObject(m->renamed, old, id));
            free(id);
        }
    }
}

/* Merges keyed arrays (b may be NULL) into *out; -1, having changed nothing,
 * when one of them cannot be keyed. */
static int merge_keyed(struct jm *m, const struct kspec *ks, const cJSON *b, const cJSON *o,
                       const cJSON *t, cJSON **out)
{
    struct kside sb = { 0 }, so = { 0 }, st = { 0 };
    int rc = -1;
    if (kside_build(&sb, b, ks) == 0 && kside_build(&so, o, ks) == 0
        && kside_build(&st, t, ks) == 0) {
        *out = must(cJSON_CreateArray());
        keyed_ours(m, ks, &sb, &so, &st, *out);
        keyed_theirs(m, ks, &sb, &st, *out);
        rc = 0;
    }
    kside_free(&sb);
    kside_free(&so);
    kside_free(&st);
    return rc;
}

static cJSON *merge_top_key(struct jm *m, const char *key, const cJSON *b, const cJSON *o,
                            const cJSON *t);

/* Merges member key of the three objects into res (nothing when absent). */
static void merge_member(struct jm *m, cJSON *res, const char *key, const cJSON *b,
                         const cJSON *o, const cJSON *t, int top)
{
    cJSON *r;
    path_push(&m->path, key);
    r = top ? merge_top_key(m, key, b, o, t) : merge_value(m, b, o, t);
    m->path.n--;
    if (r)
        cJSON_AddItemToObject(res, key, r);
}

/* Key by key: ours' keys in order, then those only theirs has. */
static cJSON *merge_object(struct jm *m, const cJSON *b, const cJSON *o, const cJSON *t, int top)
{
    cJSON *res = must(cJSON_CreateObject());
    const cJSON *it;
    cJSON_ArrayForEach(it, o) {
        if (it->string && cJSON_GetObjectItemCaseSensitive(o, it->string) == it)
            merge_member(m, res, it->string, member(b, it->string), it, member(t, it->string), top);
    }
    cJSON_ArrayForEach(it, t) {
        if (it->string && !member(o, it->string)
            && cJSON_GetObjectItemCaseSensitive(t, it->string) == it)
            merge_member(m, res, it->string, member(b, it->string), NULL, it, top);
    }
    return res;
}

static cJSON *merge_value(struct jm *m, const cJSON *b, const cJSON *o, const cJSON *t)
{
    const struct kspec *ks;
    cJSON *r;
    if (same(o, t))
        return dup(o);
    if (same(b, o))
        return dup(t);
    if (same(b, t))
        return dup(o);
    if (!is_atomic(m->path.v, m->path.n)) {
        ks = kspec_at(m->path.v, m->path.n);
        if (ks && cJSON_IsArray(o) && cJSON_IsArray(t) && (!b || cJSON_IsArray(b))
            && merge_keyed(m, ks, b, o, t, &r) == 0)
            return r;
        if (!ks && cJSON_IsObject(o) && cJSON_IsObject(t) && (!b || cJSON_IsObject(b)))
            return merge_object(m, b, o, t, 0);
    }
    return conflict(m, b, o, t);
}

/* ---- The top level: updated, format, snapshots, conflicts --------------- */

/* The side with the later "at" (ours on a tie). */
static cJSON *merge_updated(struct jm *m, const cJSON *b, const cJSON *o, const cJSON *t)
{
    const char *oat = member_str(o, "at"), *tat = member_str(t, "at");
    if (oat && tat)
        return dup(strcmp(oat, tat) >= 0 ? o : t);
    if (oat || tat)
        return dup(oat ? o : t);
    return merge_value(m, b, o, t);
}

/* The larger number. */
static cJSON *merge_format(struct jm *m, const cJSON *b, const cJSON *o, const cJSON *t)
{
    if (cJSON_IsNumber(o) && cJSON_IsNumber(t))
        return dup(t->valuedouble > o->valuedouble ? t : o);
    return merge_value(m, b, o, t);
}

/* Ours' elements, then theirs' that ours does not have. */
static cJSON *union_elems(const cJSON *o, const cJSON *t)
{
    cJSON *res = dup(o);
    const cJSON *te, *oe;
    cJSON_ArrayForEach(te, t) {
        cJSON_ArrayForEach(oe, o) {
            if (same(oe, te))
                break;
        }
        if (!oe)
            cJSON_AddItemToArray(res, dup(te));
    }
    return res;
}

/* Keyed by path, an absent array counting as an empty one; when they cannot
 * be keyed, the union (a conflict about the whole array would change with
 * every conflict added to it). */
static cJSON *merge_conflicts(struct jm *m, const cJSON *b, const cJSON *o, const cJSON *t)
{
    cJSON *empty = must(cJSON_CreateArray()), *r;
    b = b ? b : empty;
    o = o ? o : empty;
    t = t ? t : empty;
    if (same(o, t) || same(b, o) || same(b, t))
        r = merge_value(m, b, o, t);
    else if (merge_keyed(m, kspec_at(m->path.v, m->path.n), b, o, t, &r) != 0)
        r = union_elems(o, t);
    cJSON_Delete(empty);
    return r;
}

static cJSON *merge_top_key(struct jm *m, const char *key, const cJSON *b, const cJSON *o,
                            const cJSON *t)
{
    if (!strcmp(key, "updated"))
        return merge_updated(m, b, o, t);
    if (!strcmp(key, "format"))
        return merge_format(m, b, o, t);
    if (!strcmp(key, "last_snapshot") && m->snap_from)
        return dup(member(m->snap_from, key));
    if (!strcmp(key, "round") && m->round_from)
        return dup(member(m->round_from, key));
    if (!strcmp(key, "conflicts"))
        return merge_conflicts(m, b, o, t);
    return merge_value(m, b, o, t);
}

static int snap_valid(const cJSON *s)
{
    return member_str(s, "name") != NULL;
}

/* 1 when snapshot a (valid) is later than b (valid): by name, then sha256. */
static int snap_later(const cJSON *a, const cJSON *b)
{
    const char *as = member_str(a, "sha256"), *bs = member_str(b, "sha256");
    int c = strcmp(member_str(a, "name"), member_str(b, "name"));
    if (!c)
        c = strcmp(as ? as : "", bs ? bs : "");
    return c > 0;
}

/* Theirs' decision, when it is the one that landed, names theirs' measures
 * by the ids they were given. */
static void rename_conditions(const struct jm *m, const cJSON *t, cJSON *res)
{
    cJSON *d = cJSON_GetObjectItemCaseSensitive(res, "decision"), *c;
    if (!cJSON_GetArraySize(m->renamed) || !d || !same(d, member(t, "decision")))
        return;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(d, "conditions"))
        if (cJSON_IsString(c) && member_str(m->renamed, c->valuestring))
            cJSON_SetValuestring(c, member_str(m->renamed, c->valuestring));
}

/* Decides where last_snapshot and round come from (jmerge.h). */
static void plan_snapshots(struct jm *m, const cJSON *b, const cJSON *o, const cJSON *t)
{
    const cJSON *bs = member(b, "last_snapshot"), *os = member(o, "last_snapshot"),
                *ts = member(t, "last_snapshot");
    int oc = !same(bs, os), tc = !same(bs, ts);
    if (oc && tc && !same(os, ts)) {
        if (snap_valid(os) && snap_valid(ts)) {
            /* a side that closed a round (a complete snapshot) goes first */
            double orn = cJSON_GetNumberValue(member(member(o, "round"), "number"));
            double trn = cJSON_GetNumberValue(member(member(t, "round"), "number"));
            int theirs_later = orn == trn || orn != orn || trn != trn ? snap_later(ts, os) : trn > orn;
            m->snap_from = theirs_later ? t : o;
            m->snap_loser = theirs_later ? os : ts;
        } else if (snap_valid(os) && (!ts || cJSON_IsNull(ts))) {
            m->snap_from = o;
        } else if (snap_valid(ts) && (!os || cJSON_IsNull(os))) {
            m->snap_from = t;
        }
        m->round_from = m->snap_from;
    } else if (oc != tc) {
        const cJSON *side = oc ? o : t;
        if (!same(member(b, "round"), member(side, "round")))
            m->round_from = side;
    }
}

/* Adds the losing side's last_snapshot to merged_snapshots, or records it as
 * a conflict when merged_snapshots is not a keyed array everywhere or already
 * has another snapshot of that name. */
static void add_merged_snapshot(struct jm *m, const cJSON *b, const cJSON *o, const cJSON *t,
                                cJSON *res)
{
    static const char *const top[] = { "merged_snapshots" };
    const struct kspec *ks = kspec_at(top, 1);
    cJSON *arr, *e;
    if (!m->snap_loser)
        return;
    path_push(&m->path, top[0]);
    path_push(&m->path, member_str(m->snap_loser, "name"));
    if (!(arr = cJSON_GetObjectItemCaseSensitive(res, top[0])))
        arr = must(cJSON_AddArrayToObject(res, top[0]));
    if (!keyable(member(b, top[0]), ks) || !keyable(member(o, top[0]), ks)
        || !keyable(member(t, top[0]), ks) || !cJSON_IsArray(arr))
        cJSON_Delete(conflict(m, NULL, walk(res, m->path.v, m->path.n), m->snap_loser));
    else if (!(e = find_elem(arr, ks, m->path.v[1], NULL)))
        cJSON_AddItemToArray(arr, dup(m->snap_loser));
    else if (!same(e, m->snap_loser))
        cJSON_Delete(conflict(m, NULL, e, m->snap_loser));
    m->path.n -= 2;
}

/* Adds conflict c to arr (jmerge.h); 1 when it was recorded. */
static size_t add_conflict(cJSON *arr, cJSON *c)
{
    cJSON *e, *theirs;
    cJSON_ArrayForEach(e, arr) {
        if (same(member(e, "path"), member(c, "path")))
            break;
    }
    if (!e) {
        cJSON_AddItemToArray(arr, c);
        return 1;
    }
    if (!same(member(e, "ours"), member(c, "ours"))) {
        cJSON_ReplaceItemViaPointer(arr, e, c);
        return 1;
    }
    if (same(member(e, "theirs"), member(c, "theirs"))) {
        cJSON_Delete(c);
        return 0;
    }
    cJSON_DeleteItemFromObjectCaseSensitive(e, "theirs");
    if ((theirs = cJSON_DetachItemFromObjectCaseSensitive(c, "theirs")))
        cJSON_AddItemToObject(e, "theirs", theirs);
    cJSON_Delete(c);
    return 1;
}

static size_t add_new_conflicts(struct jm *m, cJSON *res)
{
    cJSON *arr = cJSON_GetObjectItemCaseSensitive(res, "conflicts"), *c;
    size_t n = 0;
    if (!m->newc->child)
        return 0;
    if (!arr)
        arr = must(cJSON_AddArrayToObject(res, "conflicts"));
    if (!cJSON_IsArray(arr))
        return 0;   /* cannot happen: the inputs' are arrays, so is their merge */
    while ((c = cJSON_DetachItemFromArray(m->newc, 0)))
        n += add_conflict(arr, c);
    return n;
}

static int check_input(const cJSON *v, const char *side, struct cc_err *err)
{
    const cJSON *c = member(v, "conflicts");
    if (!cJSON_IsObject(v))
        return cc_error(err, _("%s is not a JSON object, so it cannot be merged field by field"), side);
    if (c && !cJSON_IsArray(c))
        return cc_error(err, _("\"conflicts\" in %s is not an array, so it cannot be merged"), side);
    return 0;
}

int jmerge_assessment(const cJSON *base, const cJSON *ours, const cJSON *theirs, const char *now,
                      cJSON **out, size_t *nconflicts, struct cc_err *err)
{
    struct jm m;
    cJSON *res;
    *out = NULL;
    *nconflicts = 0;
    if ((base && check_input(base, _("the common ancestor"), err)) ||
        check_input(ours, _("this side's version"), err) ||
        check_input(theirs, _("the other side's version"), err))
        return -1;
    memset(&m, 0, sizeof(m));
    m.now = now;
    m.newc = must(cJSON_CreateArray());
    m.renamed = must(cJSON_CreateObject());
    plan_snapshots(&m, base, ours, theirs);
    res = merge_object(&m, base, ours, theirs, 1);
    add_merged_snapshot(&m, base, ours, theirs, res);
    rename_conditions(&m, theirs, res);
    cJSON_Delete(m.renamed);
    *nconflicts = add_new_conflicts(&m, res);
    jmerge_prune(res);
    cJSON_Delete(m.newc);
    free(m.path.v);
    *out = res;
    return 0;
}
