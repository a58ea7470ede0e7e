/* fuzz_jmerge.c — jmerge_assessment, the three-way merge of assessment files
 * that git's merge driver runs (`coopcheck merge-driver`, src/cmd_merge.c),
 * with jmerge_lookup, jmerge_set and jmerge_prune on its result (as
 * conflict_take_theirs uses them) and the driver's reading of the result
 * (afile_parse of the printed tree, afile_format).
 *
 * Input: base, ours and theirs as JSON text, separated by NUL bytes; an empty
 * base is NULL (both sides added the file).  Nothing is checked when ours or
 * theirs (or a base that is not empty) is not JSON.  The bundled catalogue is
 * loaded once, as in fuzz_afile.c.
 *
 * Besides the input's merge, four derived ones are checked: (x, x, x) with x
 * ours, (base, ours, ours), (base, ours, base) and (base, base, theirs), each
 * side a separate copy.  Invariants (jmerge.h), for every merge:
 *  - -1 exactly when an input is not an object or has a "conflicts" that is
 *    not an array, and then with a message and *out NULL; otherwise *out is an
 *    object; the inputs are not modified;
 *  - the result's "conflicts", when present, is a non-empty array; each of its
 *    conflicts (an object with a "path" of strings) is open: jmerge_lookup at
 *    its path gives its "ours" (absent when it has none); jmerge_prune leaves
 *    the result as it is;
 *  - a conflict of the result that is in neither ours nor theirs was recorded
 *    by this merge: there are at most *nconflicts of them;
 *  - jmerge_set of a conflict's "theirs" at its path (on a copy, for the first
 *    MAX_SET conflicts) returns -1 exactly in the cases jmerge.h lists, and
 *    then changes nothing; otherwise jmerge_lookup gives "theirs" back (or
 *    nothing when "theirs" is absent and no other node has that step);
 *  - jmerge_lookup of the empty path is the root, of a path that is not an
 *    array of strings NULL;
 *  - a top-level keyed array (but "conflicts") that every input can key
 *    (objects with their key fields, no two with one step) the result can
 *    key too: the next merge steps into it as well.
 * And on inputs without duplicate keys or infinite numbers (where cJSON_Compare
 * is the deep equality of jmerge.h):
 *  - ours equal to theirs, or one side equal to base: no conflict recorded,
 *    and the result is the other side (ours when they are equal) with its
 *    resolved conflicts pruned, except that "updated" is ours' or theirs' (the
 *    one with the later "at" when both have different ones) and "format" the
 *    larger number when both are numbers;
 *  - both sides changed last_snapshot to different snapshots: last_snapshot
 *    and round are those of the side with the higher round number, else of
 *    the later one (by name, then sha256; a snapshot beats null), and the other is in merged_snapshots or a conflict's
 *    "theirs" (not lost);
 *  - a measure id not in base that both sides added with different contents:
 *    ours' measure is in the result, theirs' under a new id of the same form
 *    (prefix, then a number of at most the result's length + 1) that no other
 *    measure has;
 *  - (the input's merge) the printed result reads back as the same tree; when
 *    afile_parse accepts it, as the driver requires, it keeps all the
 *    result's conflicts, and afile_format's text (the file the driver
 *    writes) is accepted again, with the same merged snapshots and those of
 *    the conflicts that are still open in it (kept_by_format). */
#include "fuzz.h"

#include <cjson/cJSON.h>
#include <math.h>

#include "afile.h"
#include "catalog.h"
#include "jmerge.h"
#include "model.h"

#define NOW "2026-12-02T10:00:00Z"
#define MAX_SET 32

static struct catalog_set cats;

static void release_cats(void)
{
    catalog_set_release(&cats);
}

static const struct catalog_set *catalogues(void)
{
    if (!cats.n) {
        struct catalog *cat = NULL;
        struct cc_err err;
        if (catalog_load_file(CC_BUILD_CATALOGDIR "/bmbf-china-2024.json", &cat, NULL, &err) != 0)
            abort();  /* cannot fuzz without it: run from a complete tree */
        cats.v = xmalloc(sizeof(*cats.v));
        cats.v[0] = cat;
        cats.n = 1;
        atexit(release_cats);
    }
    return &cats;
}

/* ---- JSON helpers -------------------------------------------------------- */

static cJSON *parse(const uint8_t *p, size_t len)
{
    char *s = fz_str(p, len);
    cJSON *v = cJSON_ParseWithLength(s, len);
    free(s);
    return v;
}

static cJSON *copy(const cJSON *v)
{
    cJSON *c = v ? cJSON_Duplicate(v, 1) : NULL;
    FZ_CHECK(!v || c);
    return c;
}

/* The unformatted text of v ("" for NULL).  Caller frees. */
static char *text(const cJSON *v)
{
    char *s = v ? cJSON_PrintUnformatted(v) : NULL, *r;
    FZ_CHECK(!v || s);
    r = xstrdup(s ? s : "");
    cJSON_free(s);
    return r;
}

/* 1 when a and b print the same (NULL only like NULL). */
static int same_text(const cJSON *a, const cJSON *b)
{
    char *x, *y;
    int r;
    if (!a || !b)
        return a == b;
    x = text(a);
    y = text(b);
    r = !strcmp(x, y);
    free(x);
    free(y);
    return r;
}

/* jmerge.h's deep equality: cJSON_Compare, absent equal only to absent. */
static int eq(const cJSON *a, const cJSON *b)
{
    if (!a || !b)
        return a == b;
    return cJSON_Compare(a, b, 1) ? 1 : 0;
}

static const cJSON *get(const cJSON *obj, const char *key)
{
    return cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
}

static const char *get_str(const cJSON *obj, const char *key)
{
    const cJSON *v = get(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* 1 when no object in v has two members of one name and every number is
 * finite: there cJSON_Compare is an equality (a tree equals its copy). */
static int clean(const cJSON *v)
{
    const cJSON *a, *b;
    if (!v)
        return 1;
    if (cJSON_IsNumber(v) && !isfinite(v->valuedouble))
        return 0;
    cJSON_ArrayForEach(a, v) {
        if (cJSON_IsObject(v))
            for (b = a->next; b; b = b->next)
                if (a->string && b->string && !strcmp(a->string, b->string))
                    return 0;
        if (!clean(a))
            return 0;
    }
    return 1;
}

/* What jmerge_assessment refuses. */
static int refused(const cJSON *v)
{
    const cJSON *c = get(v, "conflicts");
    return !cJSON_IsObject(v) || (c && !cJSON_IsArray(c));
}

/* 1 when path is an array of strings; their number in *n. */
static int str_path(const cJSON *path, size_t *n)
{
    const cJSON *s;
    *n = 0;
    if (!cJSON_IsArray(path))
        return 0;
    cJSON_ArrayForEach(s, path) {
        if (!cJSON_IsString(s))
            return 0;
        (*n)++;
    }
    return 1;
}

static size_t array_len(const cJSON *arr)
{
    return cJSON_IsArray(arr) ? (size_t)cJSON_GetArraySize(arr) : 0;
}

/* ---- Keyed arrays as jmerge.h describes them ---------------------------- */

struct keyed {
    const char *pat[3];     /* the steps to the array, "*" any */
    size_t npat;
    const char *keys[4];    /* the key fields */
    size_t nkeys;
};

static const struct keyed keyed[] = {
    { { "measures" }, 1, { "id" }, 1 },
    { { "screenings" }, 1, { "at", "by" }, 2 },
    { { "screenings", "*", "hits" }, 3, { "partner", "list", "entry" }, 3 },
    { { "approvals" }, 1, { "snapshot", "role", "name", "at" }, 4 },
    { { "conflicts" }, 1, { "path" }, 1 },
    { { "merged_snapshots" }, 1, { "name" }, 1 },
};

/* How the array reached by the first n steps of path (strings) is keyed, or
 * NULL when it is not. */
static const struct keyed *keyed_at(const cJSON *path, size_t n)
{
    for (size_t k = 0; k < CC_ARRAY_LEN(keyed); k++) {
        const cJSON *s = path->child;
        size_t i;
        if (keyed[k].npat != n)
            continue;
        for (i = 0; i < n; i++, s = s->next)
            if (strcmp(keyed[k].pat[i], "*") && strcmp(keyed[k].pat[i], s->valuestring))
                break;
        if (i == n)
            return &keyed[k];
    }
    return NULL;
}

/* The step of keyed-array element el: one key field holding a string, that
 * string; otherwise the unformatted text of the key field's value, or of the
 * array of the key fields' values.  NULL when el is not an object with all
 * the key fields.  Caller frees. */
static char *elem_step(const cJSON *el, const struct keyed *ks)
{
    const cJSON *v;
    cJSON *arr;
    char *s;
    if (!cJSON_IsObject(el))
        return NULL;
    if (ks->nkeys == 1) {
        if (!(v = get(el, ks->keys[0])))
            return NULL;
        return cJSON_IsString(v) ? xstrdup(v->valuestring) : text(v);
    }
    arr = cJSON_CreateArray();
    FZ_CHECK(arr);
    for (size_t i = 0; i < ks->nkeys; i++) {
        if (!(v = get(el, ks->keys[i]))) {
            cJSON_Delete(arr);
            return NULL;
        }
        cJSON_AddItemToArray(arr, copy(v));
    }
    s = text(arr);
    cJSON_Delete(arr);
    return s;
}

/* How many children of parent have step step (ks NULL: parent is an object). */
static size_t count_step(const cJSON *parent, const struct keyed *ks, const char *step)
{
    const cJSON *el;
    size_t n = 0;
    cJSON_ArrayForEach(el, parent) {
        if (!ks) {
            n += el->string && !strcmp(el->string, step);
        } else {
            char *s = elem_step(el, ks);
            n += s && !strcmp(s, step);
            free(s);
        }
    }
    return n;
}

/* The first element of arr with step step, or NULL. */
static const cJSON *find_step(const cJSON *arr, const struct keyed *ks, const char *step)
{
    const cJSON *el;
    cJSON_ArrayForEach(el, arr) {
        char *s = elem_step(el, ks);
        int hit = s && !strcmp(s, step);
        free(s);
        if (hit)
            return el;
    }
    return NULL;
}

/* 1 when arr is absent, or an array whose elements all have a step, each
 * once: an array that the merge steps into. */
static int keyable(const cJSON *arr, const struct keyed *ks)
{
    const cJSON *el;
    if (!arr)
        return 1;
    if (!cJSON_IsArray(arr))
        return 0;
    cJSON_ArrayForEach(el, arr) {
        char *s = elem_step(el, ks);
        size_t n = s ? count_step(arr, ks, s) : 0;
        free(s);
        if (n != 1)
            return 0;
    }
    return 1;
}

/* ---- jmerge_lookup, jmerge_set, jmerge_prune ---------------------------- */

static void check_lookup(cJSON *root)
{
    cJSON *path = cJSON_CreateArray();
    FZ_CHECK(path);
    FZ_CHECK(jmerge_lookup(root, path) == root);
    cJSON_AddItemToArray(path, cJSON_CreateNumber(1));
    FZ_CHECK(jmerge_lookup(root, path) == NULL);
    FZ_CHECK(jmerge_set(root, path, NULL) == -1);
    cJSON_Delete(path);
}

/* jmerge_set(value at path) on a copy of root, against jmerge.h. */
static void check_set(const cJSON *root, const cJSON *path, const cJSON *value)
{
    cJSON *r = copy(root);
    char *before = text(r);
    const char *last = NULL;
    size_t n, others = 0;
    int want = -1, rc;

    if (str_path(path, &n) && n > 0) {
        cJSON *ppath = copy(path);
        const cJSON *parent;
        const struct keyed *ks;
        last = cJSON_GetArrayItem(path, (int)n - 1)->valuestring;
        cJSON_DeleteItemFromArray(ppath, (int)n - 1);
        parent = jmerge_lookup(r, ppath);
        cJSON_Delete(ppath);
        if (cJSON_IsObject(parent)) {
            want = 0;
            others = count_step(parent, NULL, last);
        } else if (cJSON_IsArray(parent) && (ks = keyed_at(path, n - 1))) {
            char *vstep = value ? elem_step(value, ks) : NULL;
            want = !value || (vstep && !strcmp(vstep, last)) ? 0 : -1;
            others = count_step(parent, ks, last);
            free(vstep);
        }
    }
    rc = jmerge_set(r, path, value);
    FZ_CHECK(rc == want);
    if (rc != 0) {
        char *after = text(r);
        FZ_CHECK(!strcmp(before, after));
        free(after);
    } else if (value) {
        FZ_CHECK(same_text(jmerge_lookup(r, path), value));
    } else if (others <= 1) {
        FZ_CHECK(jmerge_lookup(r, path) == NULL);
    }
    free(before);
    cJSON_Delete(r);
}

/* 1 when el prints like an element of side's "conflicts". */
static int known_conflict(const cJSON *el, const cJSON *side)
{
    const cJSON *c;
    cJSON_ArrayForEach(c, get(side, "conflicts")) {
        if (same_text(c, el))
            return 1;
    }
    return 0;
}

/* The result's conflicts: open, recorded by this merge when new, and
 * jmerge_set of their "theirs"; jmerge_prune keeps the result. */
static void check_conflicts(const cJSON *res, const cJSON *o, const cJSON *t, size_t recorded)
{
    const cJSON *arr = get(res, "conflicts"), *c;
    size_t novel = 0, tried = 0, n;
    cJSON *r;

    FZ_CHECK(!arr || (cJSON_IsArray(arr) && arr->child));
    cJSON_ArrayForEach(c, arr) {
        const cJSON *path = get(c, "path");
        if (!known_conflict(c, o) && !known_conflict(c, t))
            novel++;
        if (!str_path(path, &n))
            continue;
        FZ_CHECK(eq(jmerge_lookup(res, path), get(c, "ours")));
        if (tried++ < MAX_SET)
            check_set(res, path, get(c, "theirs"));
    }
    FZ_CHECK(novel <= recorded);
    r = copy(res);
    FZ_CHECK(jmerge_prune(r) == array_len(arr));
    FZ_CHECK(same_text(r, res));
    cJSON_Delete(r);
}

/* ---- The merge ----------------------------------------------------------- */

/* Sets (or, v NULL, removes) obj's member key to a copy of v. */
static void put_member(cJSON *obj, const char *key, const cJSON *v)
{
    cJSON_DeleteItemFromObjectCaseSensitive(obj, key);
    if (v)
        cJSON_AddItemToObject(obj, key, copy(v));
}

/* A merge in which side (ours or theirs) carries every change: res is side
 * pruned, but for "updated" and "format". */
static void check_one_side(const cJSON *res, const cJSON *side, const cJSON *o, const cJSON *t)
{
    const cJSON *ru = get(res, "updated"), *ou = get(o, "updated"), *tu = get(t, "updated");
    const cJSON *rf = get(res, "format"), *of = get(o, "format"), *tf = get(t, "format");
    const char *oat = get_str(ou, "at"), *tat = get_str(tu, "at");
    cJSON *want;

    FZ_CHECK(eq(ru, ou) || eq(ru, tu));
    if (oat && tat && strcmp(oat, tat))
        FZ_CHECK(eq(ru, strcmp(oat, tat) > 0 ? ou : tu));
    if (cJSON_IsNumber(of) && cJSON_IsNumber(tf))
        FZ_CHECK(cJSON_IsNumber(rf) && rf->valuedouble == (tf->valuedouble > of->valuedouble
                                                               ? tf->valuedouble
                                                               : of->valuedouble));
    else
        FZ_CHECK(eq(rf, get(side, "format")));
    want = copy(side);
    put_member(want, "updated", ru);
    put_member(want, "format", rf);
    jmerge_prune(want);
    FZ_CHECK(eq(res, want));
    cJSON_Delete(want);
}

/* The top-level keyed arrays (but "conflicts") that can be keyed in every
 * input can be keyed in the result: the next merge steps into them too. */
static void check_still_keyed(const cJSON *res, const cJSON *b, const cJSON *o, const cJSON *t)
{
    for (size_t k = 0; k < CC_ARRAY_LEN(keyed); k++) {
        const char *key = keyed[k].pat[0];
        if (keyed[k].npat != 1 || !strcmp(key, "conflicts"))
            continue;
        if (keyable(get(b, key), &keyed[k]) && keyable(get(o, key), &keyed[k])
            && keyable(get(t, key), &keyed[k]))
            FZ_CHECK(keyable(get(res, key), &keyed[k]));
    }
}

/* When both sides changed last_snapshot to different values: last_snapshot
 * and round from the side with the higher round, else the side whose
 * snapshot is later (by name, then sha256), the
 * other one in merged_snapshots (or, where it cannot go there, in a conflict's
 * "theirs": never lost); a null one loses to a snapshot. */
static void check_snapshots(const cJSON *res, const cJSON *b, const cJSON *o, const cJSON *t)
{
    const cJSON *bs = get(b, "last_snapshot"), *os = get(o, "last_snapshot"),
                *ts = get(t, "last_snapshot"), *win, *lose = NULL, *c;
    const char *on = get_str(os, "name"), *tn = get_str(ts, "name");
    int found = 0;

    if (eq(bs, os) || eq(bs, ts) || eq(os, ts))
        return;
    if (on && tn) {
        const char *osha = get_str(os, "sha256"), *tsha = get_str(ts, "sha256");
        const cJSON *orn = get(get(o, "round"), "number"), *trn = get(get(t, "round"), "number");
        int cmp = strcmp(tn, on);
        if (!cmp)
            cmp = strcmp(tsha ? tsha : "", osha ? osha : "");
        /* the higher round (one a complete snapshot closed) first */
        if (cJSON_IsNumber(orn) && cJSON_IsNumber(trn) && orn->valuedouble != trn->valuedouble)
            cmp = trn->valuedouble > orn->valuedouble ? 1 : -1;
        if (!cmp)
            return;     /* a tie jmerge.h does not decide */
        win = cmp > 0 ? t : o;
        lose = cmp > 0 ? os : ts;
    } else if (on && (!ts || cJSON_IsNull(ts))) {
        win = o;
    } else if (tn && (!os || cJSON_IsNull(os))) {
        win = t;
    } else {
        return;
    }
    FZ_CHECK(eq(get(res, "last_snapshot"), get(win, "last_snapshot")));
    FZ_CHECK(eq(get(res, "round"), get(win, "round")));
    if (!lose)
        return;
    cJSON_ArrayForEach(c, get(res, "merged_snapshots")) {
        found |= eq(c, lose);
    }
    cJSON_ArrayForEach(c, get(res, "conflicts")) {
        found |= eq(get(c, "theirs"), lose);
    }
    FZ_CHECK(found);
}

/* 1 when measure r is measure m under another id of the same form: m's id
 * without its trailing digits, then a number (no leading zero) of at most
 * max. */
static int renumbered(const cJSON *r, const cJSON *m, size_t max)
{
    const char *rid = get_str(r, "id"), *mid = get_str(m, "id"), *d;
    size_t plen, v = 0;
    cJSON *want;
    int same;
    if (!rid || !mid || !strcmp(rid, mid))
        return 0;
    for (plen = strlen(mid); plen > 0 && mid[plen - 1] >= '0' && mid[plen - 1] <= '9'; plen--)
        ;
    if (strncmp(rid, mid, plen) || rid[plen] < '1' || rid[plen] > '9')
        return 0;
    for (d = rid + plen; *d >= '0' && *d <= '9' && v <= max; d++)
        v = 10 * v + (size_t)(*d - '0');
    if (*d || v > max)
        return 0;
    want = copy(m);
    put_member(want, "id", get(r, "id"));
    same = eq(want, r);
    cJSON_Delete(want);
    return same;
}

/* A measure id not in base that both sides added with different contents:
 * ours' measure is in the result, and theirs' under a new id of the same form
 * that no other measure of the result has. */
static void check_new_measures(const cJSON *res, const cJSON *b, const cJSON *o, const cJSON *t)
{
    const struct keyed *ks = &keyed[0];
    const cJSON *bm = get(b, "measures"), *om = get(o, "measures"), *tm = get(t, "measures"),
                *rm = get(res, "measures"), *te;
    if (!cJSON_IsArray(om) || !cJSON_IsArray(tm) || (bm && !cJSON_IsArray(bm))
        || !keyable(bm, ks) || !keyable(om, ks) || !keyable(tm, ks) || eq(om, tm)
        || (bm && (eq(bm, om) || eq(bm, tm))))
        return;
    cJSON_ArrayForEach(te, tm) {
        char *step = elem_step(te, ks);
        const cJSON *oe = find_step(om, ks, step), *re;
        int in = 0, again = 0;
        if (oe && !find_step(bm, ks, step) && !eq(oe, te) && cJSON_IsString(get(te, "id"))) {
            cJSON_ArrayForEach(re, rm) {
                in |= eq(re, oe);
                if (renumbered(re, te, (size_t)1 << 40))   /* one more than the highest */
                    again |= count_step(rm, ks, get_str(re, "id")) == 1;
            }
            FZ_CHECK(in && again);
        }
        free(step);
    }
}

/* How many of a's conflicts afile_format must keep: those still open in its
 * text canon (the user's edits resolve the others), but for those under
 * "conflicts", "merged_snapshots" or "snapshot", which afile_add_merge looks
 * up before it adds those keys to the tree (so it drops them when they hold
 * a value). */
static size_t kept_by_format(const struct assessment *a, const char *canon)
{
    cJSON *root = cJSON_Parse(canon);
    size_t n = 0;
    FZ_CHECK(root);
    for (size_t i = 0; i < a->nconflicts; i++) {
        cJSON *path = cJSON_Parse(a->conflicts[i].path);
        cJSON *ours = a->conflicts[i].mine ? cJSON_Parse(a->conflicts[i].mine) : NULL;
        const cJSON *first = cJSON_GetArrayItem(path, 0);
        FZ_CHECK(cJSON_IsString(first) && (ours || !a->conflicts[i].mine));
        if (strcmp(first->valuestring, "conflicts") && strcmp(first->valuestring, "merged_snapshots")
            && strcmp(first->valuestring, "snapshot"))
            n += eq(jmerge_lookup(root, path), ours);
        cJSON_Delete(path);
        cJSON_Delete(ours);
    }
    cJSON_Delete(root);
    return n;
}

/* What the merge driver does with the result: print, afile_parse, afile_format. */
static void check_driver(const cJSON *res)
{
    char *printed = cJSON_Print(res), *canon;
    cJSON *back;
    struct assessment *a = NULL, *b = NULL;
    struct cc_err err;

    FZ_CHECK(printed);
    back = cJSON_Parse(printed);
    FZ_CHECK(back && eq(back, res));
    cJSON_Delete(back);
    if (afile_parse(printed, strlen(printed), "assessment.json", catalogues(), &a, &err) == 0) {
        FZ_CHECK(a->nconflicts == array_len(get(res, "conflicts")));
        canon = afile_format(a);
        FZ_CHECK(canon != NULL);
        FZ_CHECK(afile_parse(canon, strlen(canon), "assessment.json", catalogues(), &b, &err) == 0);
        FZ_CHECK(b->nconflicts <= a->nconflicts && b->nconflicts >= kept_by_format(a, canon));
        FZ_CHECK(b->nmerged == a->nmerged);
        assessment_free(b);
        assessment_free(a);
        free(canon);
    }
    cJSON_free(printed);
}

/* v still prints as before (which it frees). */
static void unchanged(const cJSON *v, char *before)
{
    char *now = text(v);
    FZ_CHECK(!strcmp(now, before));
    free(now);
    free(before);
}

/* Merges b, o and t and checks the result; driver: also what the merge
 * driver does with it. */
static void check_merge(const cJSON *b, const cJSON *o, const cJSON *t, int driver)
{
    char *bt = text(b), *ot = text(o), *tt = text(t);
    cJSON *res = NULL;
    size_t n = 0;
    struct cc_err err;
    int bad = (b && refused(b)) || refused(o) || refused(t), tidy;
    int rc;

    err.msg[0] = '\0';
    rc = jmerge_assessment(b, o, t, NOW, &res, &n, &err);
    unchanged(b, bt);
    unchanged(o, ot);
    unchanged(t, tt);
    if (bad) {
        FZ_CHECK(rc == -1 && res == NULL && err.msg[0] != '\0');
        return;
    }
    FZ_CHECK(rc == 0 && cJSON_IsObject(res));
    check_lookup(res);
    check_conflicts(res, o, t, n);
    tidy = clean(b) && clean(o) && clean(t);
    if (tidy && eq(o, t)) {
        FZ_CHECK(n == 0);
        check_one_side(res, o, o, t);
    } else if (tidy && b && eq(b, t)) {
        FZ_CHECK(n == 0);
        check_one_side(res, o, o, t);
    } else if (tidy && b && eq(b, o)) {
        FZ_CHECK(n == 0);
        check_one_side(res, t, o, t);
    }
    check_still_keyed(res, b, o, t);
    if (tidy) {
        check_snapshots(res, b, o, t);
        check_new_measures(res, b, o, t);
    }
    if (driver && tidy)
        check_driver(res);
    cJSON_Delete(res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul1 = memchr(data, 0, size), *nul2;
    size_t blen, olen;
    cJSON *b, *o, *t, *c1, *c2;

    if (!nul1 || !(nul2 = memchr(nul1 + 1, 0, size - (size_t)(nul1 + 1 - data))))
        return 0;
    blen = (size_t)(nul1 - data);
    olen = (size_t)(nul2 - (nul1 + 1));
    b = blen ? parse(data, blen) : NULL;
    o = parse(nul1 + 1, olen);
    t = parse(nul2 + 1, size - (size_t)(nul2 + 1 - data));
    if ((blen && !b) || !o || !t) {
        cJSON_Delete(b);
        cJSON_Delete(o);
        cJSON_Delete(t);
        return 0;
    }
    check_merge(b, o, t, 1);
    c1 = copy(o);
    c2 = copy(o);
    check_merge(c1, o, c2, 0);              /* x, x, x */
    check_merge(b, o, c1, 0);               /* ours on both sides */
    cJSON_Delete(c1);
    cJSON_Delete(c2);
    if (b) {
        c1 = copy(b);
        check_merge(b, o, c1, 0);           /* theirs unchanged */
        check_merge(b, c1, t, 0);           /* ours unchanged */
        cJSON_Delete(c1);
    }
    cJSON_Delete(b);
    cJSON_Delete(o);
    cJSON_Delete(t);
    return 0;
}
