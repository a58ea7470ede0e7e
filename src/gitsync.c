/* gitsync.c — sync, what is not synced yet, and the history's checks of a
 * git store.  See gitstore.h. */
#define _GNU_SOURCE
#include "gitstore.h"
#include "gitstore_int.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsio.h"
#include "i18n.h"

#define SYNC_TRIES 5

void gs_changes_release(struct gs_changes *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].id);
        strlist_release(&c->v[i].authors);
    }
    free(c->v);
    c->v = NULL;
    c->n = 0;
}

void gs_sync_release(struct gs_sync *s)
{
    free(s->remote);
    free(s->branch);
    gs_changes_release(&s->in);
    strlist_release(&s->notes);
    memset(s, 0, sizeof(*s));
}

void gs_change_authors(const struct gs_change *c, struct sbuf *out)
{
    for (size_t j = 0; j < c->authors.n; j++)
        sbuf_addf(out, "%s%s", j ? ", " : "", c->authors.v[j]);
}

static struct gs_change *change_for(struct gs_changes *c, const char *id)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->v[i].id, id) == 0)
            return &c->v[i];
    c->v = xrealloc(c->v, (c->n + 1) * sizeof(*c->v));
    memset(&c->v[c->n], 0, sizeof(c->v[0]));
    c->v[c->n].id = xstrdup(id);
    return &c->v[c->n++];
}

/* `git log --format=%x01%an --name-only --no-merges RANGE`, by cooperation. */
static int changes_in(const char *data, const char *range, struct gs_changes *c, struct cc_err *err)
{
    const char *argv[] = { "log", "--format=%x01%an", "--name-only", "--no-merges", range, "--", NULL };
    struct run_result r;
    char *author = NULL;
    struct strlist seen = { 0 };   /* the cooperations of the current commit */
    if (gs_git(data, argv, &r, err) != 0) {
        run_release(&r);
        return -1;
    }
    for (char *line = r.out.buf, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (line[0] == '\x01') {
            free(author);
            author = xstrdup(line + 1);
            strlist_release(&seen);
            continue;
        }
        char *slash = strchr(line, '/');
        if (!slash || !author)
            continue;
        *slash = '\0';
        if (gs_strlist_has(&seen, line))
            continue;
        strlist_push(&seen, line);
        struct gs_change *ch = change_for(c, line);
        ch->commits++;
        if (!gs_strlist_has(&ch->authors, author))
            strlist_push(&ch->authors, author);
    }
    free(author);
    strlist_release(&seen);
    run_release(&r);
    return 0;
}

/* The first line git printed, trimmed (into out; "" when none). */
static int git_line(const char *data, const char *const args[], char *out, size_t n)
{
    struct run_result r;
    struct cc_err e;
    int rc = gs_git(data, args, &r, &e);
    out[0] = '\0';
    if (rc == 0)
        snprintf(out, n, "%.*s", (int)strcspn(r.out.buf, "\n"), r.out.buf);
    run_release(&r);
    return rc == 0 && out[0] ? 0 : -1;
}

static int find_remote(const char *data, struct gs_sync *s, struct cc_err *err)
{
    const char *head[] = { "symbolic-ref", "--quiet", "--short", "HEAD", NULL };
    char branch[256], remote[256], key[300];
    if (git_line(data, head, branch, sizeof(branch)) != 0)
        return cc_error(err, _("the store %s is not on a branch (git's HEAD is detached): "
                               "'git -C %s switch BRANCH' first"), data, data);
    snprintf(key, sizeof(key), "branch.%s.remote", branch);
    const char *cfg[] = { "config", "--get", key, NULL }, *list[] = { "remote", NULL };
    if (git_line(data, cfg, remote, sizeof(remote)) != 0 &&
        git_line(data, list, remote, sizeof(remote)) != 0)
        return cc_error_code(err, ENOENT, _("the store %s has no remote to sync with: 'git -C %s "
                                            "remote add origin URL' adds one"), data, data);
    s->branch = xstrdup(branch);
    s->remote = xstrdup(remote);
    return 0;
}

/* Undoes what a killed sync left: a merge under way. */
static int recover(const char *data, struct gs_sync *s, struct cc_err *err)
{
    char *lock = xasprintf("%s/.git/index.lock", data), *mh = xasprintf("%s/.git/MERGE_HEAD", data);
    int rc = 0;
    if (fs_exists(lock)) {
        rc = cc_error_code(err, EBUSY, _("git's lock %s is there: another git command is working "
                                         "in the store, or one was killed.  When none is running, "
                                         "remove that file and sync again"), lock);
    } else if (fs_exists(mh)) {
        const char *abort_[] = { "merge", "--abort", NULL };
        rc = gs_git_quiet(data, abort_, err);
        if (rc == 0)
            strlist_push(&s->notes, _("a sync that was interrupted during its merge was undone; "
                                      "this sync did the merge again"));
    }
    free(lock);
    free(mh);
    return rc;
}

/* Says why the merge failed, after undoing it: the files that git could
 * not merge, and, for a snapshot, why (two snapshots under one name). */
static void merge_failed(const char *data, const char *upstream, const struct cc_err *why,
                         struct cc_err *err)
{
    const char *unmerged[] = { "diff", "--name-only", "--diff-filter=U", NULL };
    const char *abort_[] = { "merge", "--abort", NULL };
    struct run_result r;
    struct cc_err e2;
    struct sbuf files;
    int snapshot = 0;
    sbuf_init(&files);
    gs_git(data, unmerged, &r, &e2);
    for (char *line = r.out.buf, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        sbuf_addf(&files, "%s%s", files.len ? ", " : "", line);
        snapshot |= strstr(line, "/snapshots/") != NULL;
    }
    gs_git_quiet(data, abort_, &e2);
    if (snapshot)
        cc_error(err, _("both sides took a snapshot under the same name (%s), in the same "
                        "second on two machines: snapshots never change, so they cannot be "
                        "merged.  Nothing was changed here.  The other side's is shared already; "
                        "this machine's is not: 'git -C %s log %s..HEAD' lists the commits only "
                        "this machine has.  To go on, note what they changed, drop them with "
                        "'git -C %s reset --keep %s', sync, and make the changes and the "
                        "snapshot again"),
                 files.buf, data, upstream, data, upstream);
    else
        cc_error(err, _("the changes of others could not be merged (%s), so nothing was changed "
                        "here; 'git -C %s log --stat HEAD..%s' lists what came in (git said: %s)"),
                 files.len ? files.buf : _("git named no file"), data, upstream, why->msg);
    sbuf_release(&files);
    run_release(&r);
}

/* Merges the remote's branch; what came in is added to s->in. */
static int integrate(const char *data, const char *upstream, struct gs_sync *s, struct cc_err *err)
{
    const char *head[] = { "rev-parse", "--verify", "--quiet", "HEAD", NULL };
    const char *merge[] = { "merge", "--quiet", "--no-edit", "-m", "sync: merge the changes of others",
                            upstream, NULL };
    char before[128], *range;
    struct cc_err e;
    int had = git_line(data, head, before, sizeof(before)) == 0;
    if (gs_git_quiet(data, merge, &e) != 0) {
        merge_failed(data, upstream, &e, err);
        return -1;
    }
    range = had ? xasprintf("%s..HEAD", before) : xstrdup("HEAD");
    int rc = changes_in(data, range, &s->in, err);
    free(range);
    return rc;
}

/* 1 when upstream has commits HEAD lacks, 0 when not. */
static int behind(const char *data, const char *upstream)
{
    const char *argv[] = { "merge-base", "--is-ancestor", upstream, "HEAD", NULL };
    struct cc_err e;
    return gs_git_status(data, argv, &e) == 1;
}

static size_t count_ahead(const char *data, const char *upstream, int has_upstream)
{
    char *range = has_upstream ? xasprintf("%s..HEAD", upstream) : xstrdup("HEAD"), n[32];
    const char *argv[] = { "rev-list", "--count", range, NULL };
    size_t c = git_line(data, argv, n, sizeof(n)) == 0 ? strtoul(n, NULL, 10) : 0;
    free(range);
    return c;
}

static int sync_once(const char *data, const char *upstream, struct gs_sync *s, int *again,
                     struct cc_err *err)
{
    const char *fetch[] = { "fetch", "--quiet", s->remote, NULL };
    const char *has[] = { "rev-parse", "--verify", "--quiet", upstream, NULL };
    char *dst = xasprintf("HEAD:refs/heads/%s", s->branch), sha[128];
    const char *push[] = { "push", "--quiet", s->remote, dst, NULL };
    struct cc_err e;
    int rc = -1, has_up;
    *again = 0;
    if (gs_git_quiet(data, fetch, err) != 0)
        goto out;
    has_up = git_line(data, has, sha, sizeof(sha)) == 0;
    if (has_up && integrate(data, upstream, s, err) != 0)
        goto out;
    size_t ahead = count_ahead(data, upstream, has_up);
    if (ahead == 0) {
        rc = 0;
        goto out;
    }
    if (gs_git_quiet(data, push, &e) == 0) {
        s->pushed += ahead;
        rc = 0;
    } else if (gs_git_quiet(data, fetch, err) == 0 && behind(data, upstream)) {
        *again = 1;   /* someone pushed first: integrate theirs and try again */
        s->retries++;
        rc = 0;
    } else {
        *err = e;
    }
out:
    free(dst);
    return rc;
}

int gs_sync_run(const char *data, const char *now, struct gs_sync *s, struct cc_err *err)
{
    int made, again = 1, rc = 0;
    char *upstream;
    memset(s, 0, sizeof(*s));
    snprintf(s->at, sizeof(s->at), "%s", now);
    if (!gs_enabled(data))
        return cc_error_code(err, ENOENT, _("%s is not a git store: 'coopcheck store init --git' "
                                            "makes it one, 'coopcheck store clone URL' fetches "
                                            "one"), data);
    if (recover(data, s, err) != 0 || gs_setup(data, err) != 0 || find_remote(data, s, err) != 0)
        return -1;
    if (gs_commit_pending(data, "changes not committed before a sync", &made, err) != 0)
        return -1;
    if (made)
        strlist_push(&s->notes, _("changes that were not committed yet were committed first"));
    upstream = xasprintf("refs/remotes/%s/%s", s->remote, s->branch);
    for (int i = 0; again && rc == 0; i++) {
        if (i == SYNC_TRIES) {
            rc = cc_error_code(err, EBUSY, _("the remote changed %d times while this sync "
                                             "integrated it; what was merged is kept here; sync "
                                             "again"), SYNC_TRIES);
            break;
        }
        rc = sync_once(data, upstream, s, &again, err);
    }
    free(upstream);
    return rc;
}

/* ---- what the last sync brought, for the interface ---- */

void gs_save_sync(const char *data, const struct gs_sync *s)
{
    cJSON *root = cJSON_CreateObject(), *in = cJSON_AddArrayToObject(root, "in");
    char *path = xasprintf("%s/.git/%s", data, GS_SYNC_FILE), *text;
    struct cc_err e;
    cJSON_AddStringToObject(root, "at", s->at);
    cJSON_AddStringToObject(root, "remote", s->remote ? s->remote : "");
    cJSON_AddNumberToObject(root, "pushed", (double)s->pushed);
    for (size_t i = 0; i < s->in.n; i++) {
        cJSON *o = cJSON_CreateObject(), *au = cJSON_AddArrayToObject(o, "authors");
        cJSON_AddStringToObject(o, "id", s->in.v[i].id);
        for (size_t j = 0; j < s->in.v[i].authors.n; j++)
            cJSON_AddItemToArray(au, cJSON_CreateString(s->in.v[i].authors.v[j]));
        cJSON_AddNumberToObject(o, "commits", (double)s->in.v[i].commits);
        cJSON_AddNumberToObject(o, "conflicts", (double)s->in.v[i].conflicts);
        cJSON_AddItemToArray(in, o);
    }
    text = cJSON_Print(root);
    if (text)
        fs_write_atomic(path, text, strlen(text), &e);   /* only a convenience for the interface */
    free(text);
    free(path);
    cJSON_Delete(root);
}

static const char *jstr(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : "";
}

int gs_last_sync(const char *data, struct gs_sync *s, struct cc_err *err)
{
    char *path = xasprintf("%s/.git/%s", data, GS_SYNC_FILE), *buf = NULL;
    size_t len;
    cJSON *root, *in, *o;
    memset(s, 0, sizeof(*s));
    if (!fs_exists(path) || fs_read_file(path, 1u << 24, &buf, &len, err) != 0) {
        int rc = fs_exists(path) ? -1 : 0;
        free(path);
        return rc;
    }
    root = cJSON_ParseWithLength(buf, len);
    free(buf);
    if (!root) {
        cc_error(err, _("%s does not read as JSON: the next sync writes it again"), path);
        free(path);
        return -1;
    }
    snprintf(s->at, sizeof(s->at), "%s", jstr(root, "at"));
    s->remote = xstrdup(jstr(root, "remote"));
    in = cJSON_GetObjectItemCaseSensitive(root, "in");
    cJSON_ArrayForEach(o, in) {
        const cJSON *au = cJSON_GetObjectItemCaseSensitive(o, "authors"), *a;
        if (!jstr(o, "id")[0])
            continue;
        struct gs_change *ch = change_for(&s->in, jstr(o, "id"));
        cJSON_ArrayForEach(a, au)
            if (cJSON_IsString(a))
                strlist_push(&ch->authors, a->valuestring);
        ch->commits = (size_t)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(o, "commits"));
        ch->conflicts = (size_t)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(o, "conflicts"));
    }
    cJSON_Delete(root);
    free(path);
    return 0;
}

/* ---- not synced yet ---- */

int gs_status(const char *data, struct gs_changes *out, struct gs_changes *in,
              struct strlist *pending, struct cc_err *err)
{
    struct gs_sync s = { 0 };
    int other, rc = -1;
    char sha[128];
    if (find_remote(data, &s, err) != 0 || gs_pending(data, pending, &other, err) != 0)
        goto done;
    char *up = xasprintf("refs/remotes/%s/%s", s.remote, s.branch);
    char *r_out = xasprintf("%s..HEAD", up), *r_in = xasprintf("HEAD..%s", up);
    const char *has[] = { "rev-parse", "--verify", "--quiet", up, NULL };
    const char *head[] = { "rev-parse", "--verify", "--quiet", "HEAD", NULL };
    int has_up = git_line(data, has, sha, sizeof(sha)) == 0;
    int has_head = git_line(data, head, sha, sizeof(sha)) == 0;
    rc = 0;
    if (has_head)
        rc = changes_in(data, has_up ? r_out : "HEAD", out, err);
    if (rc == 0 && has_up && has_head)
        rc = changes_in(data, r_in, in, err);
    free(r_out);
    free(r_in);
    free(up);
done:
    gs_sync_release(&s);
    return rc;
}
