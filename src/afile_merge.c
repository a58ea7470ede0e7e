/* afile_merge.c — what merges of a shared store recorded in an assessment
 * file (format 5): "conflicts" and "merged_snapshots".  See model.h and
 * gitstore.h. */
#include "afile.h"
#include "afile_int.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "jmerge.h"

static char *json_text(const cJSON *n)
{
    return n ? cJSON_PrintUnformatted(n) : NULL;
}

/* 1 when the conflict is still open in root: its place holds "mine". */
static int still_open(const cJSON *root, const cJSON *path, const cJSON *mine)
{
    const cJSON *now = jmerge_lookup(root, path);
    if (!mine || !now)
        return !mine && !now;
    return cJSON_Compare(now, mine, 1);
}

void afile_add_merge(cJSON *root, const struct assessment *a)
{
    cJSON *arr = NULL;
    /* first: a conflict may be about one of these */
    if (a->nmerged) {
        cJSON *m = cJSON_AddArrayToObject(root, "merged_snapshots");
        for (size_t i = 0; i < a->nmerged; i++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "name", a->merged[i].name);
            cJSON_AddStringToObject(o, "sha256", a->merged[i].sha256);
            cJSON_AddItemToArray(m, o);
        }
    }
    for (size_t i = 0; i < a->nconflicts; i++) {
        const struct merge_conflict *c = &a->conflicts[i];
        cJSON *o = cJSON_CreateObject(), *path = cJSON_Parse(c->path);
        cJSON *base = c->base ? cJSON_Parse(c->base) : NULL, *mine = c->mine ? cJSON_Parse(c->mine) : NULL;
        cJSON *theirs = c->theirs ? cJSON_Parse(c->theirs) : NULL;
        if (!path || !still_open(root, path, mine)) {
            cJSON_Delete(path);
            cJSON_Delete(base);
            cJSON_Delete(mine);
            cJSON_Delete(theirs);
            cJSON_Delete(o);
            continue;
        }
        cJSON_AddItemToObject(o, "path", path);
        cJSON_AddStringToObject(o, "at", c->at);
        if (base)
            cJSON_AddItemToObject(o, "base", base);
        if (mine)
            cJSON_AddItemToObject(o, "ours", mine);
        if (theirs)
            cJSON_AddItemToObject(o, "theirs", theirs);
        if (!arr)
            arr = cJSON_CreateArray();
        cJSON_AddItemToArray(arr, o);
    }
    if (arr)
        cJSON_AddItemToObject(root, "conflicts", arr);
}

static const struct jv_key conflict_keys[] = {
    { "path", JV_ARRAY, 1 }, { "at", JV_STRING, 1 }, { "base", JV_ANY, 0 },
    { "ours", JV_ANY, 0 }, { "theirs", JV_ANY, 0 },
};
static const struct jv_key merged_keys[] = {
    { "name", JV_STRING, 1 }, { "sha256", JV_STRING, 1 },
};

static void read_conflict(struct jv *v, const cJSON *root, const cJSON *it, struct assessment *a)
{
    const cJSON *path, *step;
    struct merge_conflict c;
    if (jv_check_object(v, it, _("a conflict"), conflict_keys, CC_ARRAY_LEN(conflict_keys)) != 0)
        return;
    path = jv_get(it, "path");
    if (!cJSON_GetArraySize(path)) {
        jv_error(v, path, _("a conflict's \"path\" must name at least one step"));
        return;
    }
    cJSON_ArrayForEach(step, path)
        if (!cJSON_IsString(step) || !step->valuestring[0]) {
            jv_error(v, step, _("each step of a conflict's \"path\" must be a non-empty string"));
            return;
        }
    memset(&c, 0, sizeof(c));
    if (!(c.at = afile_timestamp(v, jv_get(it, "at"), _("the time of a conflict"))))
        return;
    /* resolved by an edit made outside coopcheck: not kept */
    if (!still_open(root, path, jv_get(it, "ours"))) {
        free(c.at);
        return;
    }
    c.path = json_text(path);
    c.base = json_text(jv_get(it, "base"));
    c.mine = json_text(jv_get(it, "ours"));
    c.theirs = json_text(jv_get(it, "theirs"));
    a->conflicts = xrealloc(a->conflicts, (a->nconflicts + 1) * sizeof(*a->conflicts));
    a->conflicts[a->nconflicts++] = c;
}

void afile_read_merge(struct jv *v, const cJSON *root, struct assessment *a)
{
    const cJSON *arr = jv_get(root, "conflicts"), *it;
    cJSON_ArrayForEach(it, arr) {
        if (!cJSON_IsObject(it)) {
            jv_error(v, it, _("each entry of \"conflicts\" must be an object"));
            continue;
        }
        read_conflict(v, root, it, a);
    }
    arr = jv_get(root, "merged_snapshots");
    cJSON_ArrayForEach(it, arr) {
        if (!cJSON_IsObject(it) ||
            jv_check_object(v, it, _("a merged snapshot"), merged_keys, CC_ARRAY_LEN(merged_keys)) != 0)
            continue;
        const char *sha = jv_get(it, "sha256")->valuestring;
        if (!afile_is_sha256(sha)) {
            jv_error(v, jv_get(it, "sha256"), _("\"sha256\" must be 64 lowercase hexadecimal digits"));
            continue;
        }
        a->merged = xrealloc(a->merged, (a->nmerged + 1) * sizeof(*a->merged));
        a->merged[a->nmerged].name = xstrdup(jv_get(it, "name")->valuestring);
        a->merged[a->nmerged++].sha256 = xstrdup(sha);
    }
}

/* Drops from a the conflicts that its current values resolve (an edit). */
void afile_prune_conflicts(struct assessment *a)
{
    char *text;
    cJSON *root;
    size_t k = 0;
    if (!a->nconflicts || !(text = afile_format(a)))
        return;
    root = cJSON_Parse(text);
    free(text);
    for (size_t i = 0; root && i < a->nconflicts; i++) {
        cJSON *path = cJSON_Parse(a->conflicts[i].path);
        cJSON *mine = a->conflicts[i].mine ? cJSON_Parse(a->conflicts[i].mine) : NULL;
        if (path && still_open(root, path, mine))
            a->conflicts[k++] = a->conflicts[i];
        else
            merge_conflict_release(&a->conflicts[i]);
        cJSON_Delete(path);
        cJSON_Delete(mine);
    }
    if (root)
        a->nconflicts = k;
    cJSON_Delete(root);
}
