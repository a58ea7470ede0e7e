/* store_round.c — closing a round in one step, finishing a step that a crash
 * interrupted, and verify.
 *
 * A snapshot and the start of the next round touch two files: the snapshot
 * (created) and the working file (replaced).  They become one change on disk
 * through a step record, under the cooperation's write lock:
 *   1. the next round's working file is staged as assessment.next.json;
 *   2. the step record round-step.json names the snapshot and the SHA-256 of
 *      the snapshot, of the working file before the step and of the staged one;
 *   3. the snapshot is created (linked, never replacing a file);
 *   4. the staged file is renamed over assessment.json;
 *   5. the step record is removed.
 * Each write is atomic and synced (fsio.h).  Before 2 nothing has changed (a
 * staged file without a record is removed by the next writer).  From 2 to 5
 * the record says which state each file may be in, so the next writer
 * (store_w_open) completes the step when the snapshot is in place and undoes
 * it when it is not; readers see the cooperation as before the step until
 * then.  Anything that fits none of those states was changed from outside
 * and is reported, never guessed at. */
#include "store.h"
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include "afile.h"
#include "cctime.h"
#include "digest.h"
#include "fsio.h"
#include "i18n.h"
#include "officer.h"
#include "jsondoc.h"
#include "jsonval.h"

#define STEP_KIND "coopcheck-round-step"

/* ---- the step record ---- */

static char *step_format(const char *id, const struct round_step *rs, const char *who,
                         const char *now)
{
    cJSON *o = cJSON_CreateObject();
    char *text, *out;
    cJSON_AddNumberToObject(o, "format", 1);
    cJSON_AddStringToObject(o, "kind", STEP_KIND);
    cJSON_AddStringToObject(o, "cooperation", id);
    cJSON_AddStringToObject(o, "snapshot", rs->snapshot);
    cJSON_AddStringToObject(o, "snapshot_sha256", rs->snapshot_sha);
    cJSON_AddStringToObject(o, "before_sha256", rs->before_sha);
    cJSON_AddStringToObject(o, "after_sha256", rs->after_sha);
    cJSON_AddStringToObject(o, "started_at", now);
    cJSON_AddStringToObject(o, "by", who);
    text = jsondoc_print(o);
    cJSON_Delete(o);
    out = xasprintf("%s\n", text);
    free(text);
    return out;
}

static int is_sha(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return 0;
    return n == 64;
}

/* Copies the string member key of o (checked by jv before) into out. */
static void member(struct jv *v, const cJSON *o, const char *key, char *out, size_t size,
                   int (*ok)(const char *))
{
    const cJSON *n = jv_get(o, key);
    if (!cJSON_IsString(n))
        return;
    if ((ok && !ok(n->valuestring)) || strlen(n->valuestring) >= size)
        jv_error(v, n, _("\"%s\" is not a valid %s"), n->valuestring, key);
    else
        snprintf(out, size, "%s", n->valuestring);
}

static int step_parse(const char *buf, size_t len, const char *path, const char *id,
                      struct round_step *rs, struct cc_err *err)
{
    static const struct jv_key keys[] = {
        { "format", JV_NUMBER, 1 }, { "kind", JV_STRING, 1 }, { "cooperation", JV_STRING, 1 },
        { "snapshot", JV_STRING, 1 }, { "snapshot_sha256", JV_STRING, 1 },
        { "before_sha256", JV_STRING, 1 }, { "after_sha256", JV_STRING, 1 },
        { "started_at", JV_STRING, 1 }, { "by", JV_STRING, 1 },
    };
    struct jsondoc *doc = jsondoc_parse(buf, len, path, 0, err);
    struct jv v = { doc, NULL, err, 0 };
    const cJSON *root, *n;
    if (!doc)
        return -1;
    root = jsondoc_root(doc);
    if (!cJSON_IsObject(root)) {
        jv_error(&v, root, _("a snapshot step record is a JSON object"));
    } else if (jv_check_object(&v, root, _("the snapshot step record"), keys, CC_ARRAY_LEN(keys)) == 0) {
        n = jv_get(root, "format");
        if (n->valuedouble != 1)
            jv_error(&v, n, _("format %g is not one this coopcheck knows (1)"), n->valuedouble);
        n = jv_get(root, "kind");
        if (strcmp(n->valuestring, STEP_KIND) != 0)
            jv_error(&v, n, _("kind \"%s\" is not \"%s\""), n->valuestring, STEP_KIND);
        n = jv_get(root, "cooperation");
        if (strcmp(n->valuestring, id) != 0)
            jv_error(&v, n, _("the record is for cooperation \"%s\", not \"%s\""), n->valuestring, id);
        member(&v, root, "snapshot", rs->snapshot, sizeof(rs->snapshot), store_snap_name_ok);
        member(&v, root, "snapshot_sha256", rs->snapshot_sha, sizeof(rs->snapshot_sha), is_sha);
        member(&v, root, "before_sha256", rs->before_sha, sizeof(rs->before_sha), is_sha);
        member(&v, root, "after_sha256", rs->after_sha, sizeof(rs->after_sha), is_sha);
    }
    jv_finish(&v);
    jsondoc_free(doc);
    return v.nerr ? -1 : 0;
}

int store_step_read(int dirfd, const char *dirpath, const char *id, struct round_step *rs,
                    struct cc_err *err)
{
    char *path = fs_join(dirpath, STEP_NAME), *buf;
    size_t len;
    int rc;
    memset(rs, 0, sizeof(*rs));
    if (fs_read_at(dirfd, STEP_NAME, path, 64 * 1024, &buf, &len, err) != 0) {
        free(path);
        return err && err->code == ENOENT ? 0 : -1;
    }
    rc = step_parse(buf, len, path, id, rs, err) == 0 ? 1 : -1;
    free(buf);
    free(path);
    return rc;
}

int store_step_pending(int dirfd, const char *dirpath, const char *id, char out[32])
{
    struct round_step rs;
    struct cc_err err;
    char sha[65], *path;
    int pending = 0;
    if (store_step_read(dirfd, dirpath, id, &rs, &err) != 1)
        return 0;
    path = fs_join(dirpath, WORKING_NAME);
    if (store_file_sha(dirfd, WORKING_NAME, path, sha, &err) == 0 && strcmp(sha, rs.before_sha) == 0) {
        snprintf(out, 32, "%s", rs.snapshot);
        pending = 1;
    }
    free(path);
    return pending;
}

/* ---- recovery ---- */

/* The SHA-256 of snapshot name: 0, 1 when it does not exist, -1 on error. */
static int snapshot_sha(int dirfd, const char *dirpath, const char *name, char out[65],
                        struct cc_err *err)
{
    char *file = xasprintf("%s.json", name), *path = xasprintf("%s/%s/%s", dirpath, SNAP_DIR_NAME, file);
    int snapfd = store_open_snapdir(dirfd, dirpath, 0, err), rc;
    if (snapfd < 0) {
        rc = err && err->code == ENOENT ? 1 : -1;
    } else {
        rc = store_file_sha(snapfd, file, path, out, err);
        if (rc != 0)
            rc = err && err->code == ENOENT ? 1 : -1;
        close(snapfd);
    }
    free(path);
    free(file);
    return rc;
}

/* Removes the staged file and then the record: the step is undone. */
static int step_undo(struct store_w *w, struct cc_err *err)
{
    char *staged = fs_join(w->dir, STAGED_NAME), *rec = fs_join(w->dir, STEP_NAME);
    int rc = fs_unlink_at(w->dirfd, STAGED_NAME, staged, err);
    if (rc == 0)
        rc = fs_unlink_at(w->dirfd, STEP_NAME, rec, err);
    free(rec);
    free(staged);
    return rc;
}

/* The snapshot is in place: the staged next round becomes the working file. */
static int step_finish(struct store_w *w, const struct round_step *rs, struct cc_err *err)
{
    char sha[65], *staged = fs_join(w->dir, STAGED_NAME), *rec = fs_join(w->dir, STEP_NAME);
    struct cc_err e;
    int rc = -1;
    if (store_file_sha(w->dirfd, STAGED_NAME, staged, sha, &e) != 0 || strcmp(sha, rs->after_sha) != 0) {
        cc_error_code(err, EINVAL, _("the snapshot step of %s in '%s' cannot be completed: the next "
                         "round it staged (%s) is missing or was changed; nothing was changed (see "
                         "'coopcheck verify %s')"), rs->snapshot, w->dir, STAGED_NAME, w->id);
    } else if (renameat(w->dirfd, STAGED_NAME, w->dirfd, WORKING_NAME) != 0) {
        cc_error_code(err, errno, _("cannot complete the snapshot step of %s in '%s': %s"),
                      rs->snapshot, w->dir, strerror(errno));
    } else if (fs_sync_dir(w->dirfd, w->dir, err) == 0) {
        rc = fs_unlink_at(w->dirfd, STEP_NAME, rec, err);
    }
    free(rec);
    free(staged);
    return rc;
}

int store_step_recover(struct store_w *w, struct cc_err *err)
{
    struct round_step rs;
    char wsha[65], ssha[65], *wpath;
    int r = store_step_read(w->dirfd, w->dir, w->id, &rs, err), snap;
    if (r < 0) {
        cc_error_prefix(err, _("the record of an interrupted snapshot step cannot be used"));
        return -1;
    }
    if (r == 0) {   /* at most a staged file from a step that never began */
        char *staged = fs_join(w->dir, STAGED_NAME);
        r = fs_unlink_at(w->dirfd, STAGED_NAME, staged, err);
        free(staged);
        return r;
    }
    wpath = fs_join(w->dir, WORKING_NAME);
    r = store_file_sha(w->dirfd, WORKING_NAME, wpath, wsha, err);
    free(wpath);
    if (r != 0)
        return -1;
    snap = snapshot_sha(w->dirfd, w->dir, rs.snapshot, ssha, err);
    if (snap < 0)
        return -1;
    if (strcmp(wsha, rs.after_sha) == 0) {
        snprintf(w->note, sizeof(w->note), _("removed the record of snapshot %s, whose step had "
                    "finished"), rs.snapshot);
        return step_undo(w, err);   /* the staged file is gone already; the record goes */
    }
    if (snap == 1) {
        /* the snapshot was never written: whatever the working file is, the step had no effect */
        snprintf(w->note, sizeof(w->note), _("undid snapshot %s: the program taking it stopped "
                    "before it was written, so the cooperation is as before"), rs.snapshot);
        return step_undo(w, err);
    }
    if (strcmp(wsha, rs.before_sha) != 0)
        return cc_error_code(err, EINVAL, _("snapshot %s in '%s' was taken by a step that did not "
                                "finish, and the working assessment was changed since by something "
                                "other than coopcheck; nothing was changed: see 'coopcheck verify %s'"),
                             rs.snapshot, w->dir, w->id);
    if (strcmp(ssha, rs.snapshot_sha) != 0)
        return cc_error_code(err, EINVAL, _("snapshot %s in '%s' is not the one its interrupted step "
                                "wrote (its SHA-256 differs); nothing was changed: see 'coopcheck "
                                "verify %s'"), rs.snapshot, w->dir, w->id);
    if (step_finish(w, &rs, err) != 0)
        return -1;
    snprintf(w->note, sizeof(w->note), _("completed snapshot %s, whose step a stopped program had "
                "left unfinished; the next round starts from it"), rs.snapshot);
    return 0;
}

/* ---- taking a snapshot ---- */

/* "20261127T034521Z" from "2026-11-27T03:45:21Z" */
static void snap_base(const char *now, char out[32])
{
    size_t k = 0;
    for (const char *p = now; *p && k < 31; p++)
        if (*p != '-' && *p != ':')
            out[k++] = *p;
    out[k] = '\0';
}

static void snapinfo_free(struct snapinfo *s)
{
    if (!s)
        return;
    free(s->name);
    free(s->taken_at);
    free(s->taken_by);
    free(s->note);
    free(s->prev_name);
    free(s->prev_sha256);
    free(s);
}

/* What a snapshot changes in the working assessment, to put back on failure. */
struct round_undo {
    int round;
    char *started, *based_on, *based_on_sha, *last, *last_sha;
    int *review;
    int *rreview, *mreview;   /* the ratings' (questions, then overall) and measures' marks */
};

/* The snapshot name/sha becomes the chain's head; a complete one also ends
 * the round: the next begins, based on it, every answered question to review. */
static void round_start(struct assessment *a, const char *name, const char *sha, const char *now,
                        int complete, struct round_undo *u)
{
    u->round = a->round;
    u->started = a->round_started;
    u->based_on = a->round_based_on;
    u->based_on_sha = a->round_based_on_sha256;
    u->last = a->last_snapshot;
    u->last_sha = a->last_snapshot_sha256;
    u->review = xcalloc(a->cat->nquestions + 1, sizeof(*u->review));
    a->last_snapshot = xstrdup(name);
    a->last_snapshot_sha256 = xstrdup(sha);
    u->rreview = xcalloc(a->cat->nquestions + 1, sizeof(*u->rreview));
    u->mreview = xcalloc(a->nmeasures + 1, sizeof(*u->mreview));
    for (size_t qi = 0; qi < a->cat->nquestions; qi++) {
        u->review[qi] = a->q[qi].review;
        u->rreview[qi] = a->q[qi].risk.review;
    }
    u->rreview[a->cat->nquestions] = a->overall.review;
    for (size_t i = 0; i < a->nmeasures; i++)
        u->mreview[i] = a->measures[i].review;
    if (!complete) {
        a->round_started = u->started ? xstrdup(u->started) : NULL;
        a->round_based_on = u->based_on ? xstrdup(u->based_on) : NULL;
        a->round_based_on_sha256 = u->based_on_sha ? xstrdup(u->based_on_sha) : NULL;
        return;
    }
    a->round++;
    a->round_started = xstrdup(now);
    a->round_based_on = xstrdup(name);
    a->round_based_on_sha256 = xstrdup(sha);
    for (size_t qi = 0; qi < a->cat->nquestions; qi++)
        a->q[qi].review = assessment_qstate(a, qi) != QS_UNANSWERED;
    officer_round_start(a);
}

static void round_end(struct assessment *a, struct round_undo *u, int restore)
{
    if (restore) {
        a->round = u->round;
        free(a->round_started);
        free(a->round_based_on);
        free(a->round_based_on_sha256);
        free(a->last_snapshot);
        free(a->last_snapshot_sha256);
        a->round_started = u->started;
        a->round_based_on = u->based_on;
        a->round_based_on_sha256 = u->based_on_sha;
        a->last_snapshot = u->last;
        a->last_snapshot_sha256 = u->last_sha;
        for (size_t qi = 0; qi < a->cat->nquestions; qi++) {
            a->q[qi].review = u->review[qi];
            a->q[qi].risk.review = u->rreview[qi];
        }
        a->overall.review = u->rreview[a->cat->nquestions];
        for (size_t i = 0; i < a->nmeasures; i++)
            a->measures[i].review = u->mreview[i];
    } else {
        free(u->started);
        free(u->based_on);
        free(u->based_on_sha);
        free(u->last);
        free(u->last_sha);
    }
    free(u->review);
    free(u->rreview);
    free(u->mreview);
}

/* Picks the snapshot's name (the first free one for this second) and its
 * predecessor with that file's SHA-256. */
static int snap_prepare(struct store_w *w, int snapfd, const char *now, struct snapinfo *s,
                        struct cc_err *err)
{
    struct strlist names = { 0 };
    char base[32], *snapdir = fs_join(w->dir, SNAP_DIR_NAME);
    int rc = store_list_snapshots(w->dirfd, w->dir, w->id, &names, 1, err);
    if (rc == 0 && names.n) {
        char hex[65], *file = xasprintf("%s.json", names.v[names.n - 1]);
        char *path = fs_join(snapdir, file);
        rc = store_file_sha(snapfd, file, path, hex, err);
        if (rc == 0) {
            s->prev_name = xstrdup(names.v[names.n - 1]);
            s->prev_sha256 = xstrdup(hex);
        }
        free(path);
        free(file);
    }
    snap_base(now, base);
    for (int attempt = 1; rc == 0 && attempt <= 1000; attempt++) {
        struct stat st;
        char *file;
        free(s->name);
        s->name = attempt == 1 ? xstrdup(base) : xasprintf("%s-%d", base, attempt);
        file = xasprintf("%s.json", s->name);
        if (fstatat(snapfd, file, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            free(file);
            break;
        }
        free(file);
        if (attempt == 1000)
            rc = cc_error_code(err, EEXIST, _("every snapshot name for %s is taken"), base);
    }
    strlist_release(&names);
    free(snapdir);
    return rc;
}

/* Steps 1 to 5 of the file comment, with the texts made. */
static int step_write(struct store_w *w, int snapfd, const struct round_step *rs, const char *snap_text,
                      const char *next_text, const char *who, const char *now, struct cc_err *err)
{
    char *staged = fs_join(w->dir, STAGED_NAME), *rec = fs_join(w->dir, STEP_NAME);
    char *file = xasprintf("%s.json", rs->snapshot);
    char *spath = xasprintf("%s/%s/%s", w->dir, SNAP_DIR_NAME, file);
    char *record = step_format(w->id, rs, who, now);
    struct cc_err e;
    int rc = -1;
    if (fs_write_atomic_at(w->dirfd, STAGED_NAME, staged, next_text, strlen(next_text), err) != 0) {
        fs_unlink_at(w->dirfd, STAGED_NAME, staged, &e);
    } else if (fs_write_atomic_at(w->dirfd, STEP_NAME, rec, record, strlen(record), err) != 0) {
        step_undo(w, &e);
    } else if (fs_write_new_at(snapfd, file, spath, snap_text, strlen(snap_text), err) != 0) {
        /* the link may have happened before a later call failed: then the
         * snapshot is taken back first (or, if that fails too, the record
         * stays so that the next writer completes the step) */
        char sha[65];
        int r = err->code == EEXIST ? 1 : store_file_sha(snapfd, file, spath, sha, &e);
        if (r == 0 && strcmp(sha, rs->snapshot_sha) == 0)
            r = fs_unlink_at(snapfd, file, spath, &e) == 0 ? 1 : -1;
        else if (r != 0)
            r = err->code == EEXIST || e.code == ENOENT ? 1 : -1;
        else
            r = 1;   /* someone else's file: not ours to remove */
        if (r > 0)
            step_undo(w, &e);
    } else if (renameat(w->dirfd, STAGED_NAME, w->dirfd, WORKING_NAME) != 0) {
        cc_error_code(err, errno, _("cannot start the next round in '%s': %s"), w->dir, strerror(errno));
        /* the snapshot is nobody's yet: take it back, then the rest */
        if (fs_unlink_at(snapfd, file, spath, &e) == 0)
            step_undo(w, &e);
    } else {
        rc = 0;
        /* the step has happened; a record left behind is removed by the next writer */
        if (fs_sync_dir(w->dirfd, w->dir, &e) == 0)
            fs_unlink_at(w->dirfd, STEP_NAME, rec, &e);
    }
    free(record);
    free(spath);
    free(file);
    free(rec);
    free(staged);
    return rc;
}

int store_w_snapshot(struct store_w *w, struct assessment *a, const char *note, int complete,
                     const char *who, const char *now, char **name, struct cc_err *err)
{
    struct snapinfo *s;
    struct round_undo u;
    struct round_step rs;
    char *snap_text, *next_text;
    int snapfd, rc;

    *name = NULL;
    if (a->snap)
        return cc_error(err, _("a snapshot cannot be snapshotted again"));
    /* a snapshot of answers someone else has changed meanwhile would be wrong forever */
    if (store_w_check_unchanged(w, a, err) != 0)
        return -1;
    if (!a->stamp.known)
        return cc_error(err, _("cooperation \"%s\" has not been saved yet"), w->id);
    {
        /* the step names the working file it replaces by its SHA-256: the
         * file's, now that it is known to be the one a was read from or
         * saved as (saves no longer hash what they write) */
        char *wpath = fs_join(w->dir, WORKING_NAME), hex[65];
        int r = store_file_sha(w->dirfd, WORKING_NAME, wpath, hex, err);
        free(wpath);
        if (r != 0)
            return -1;
        free(a->file_sha256);
        a->file_sha256 = xstrdup(hex);
    }
    if ((snapfd = store_open_snapdir(w->dirfd, w->dir, 1, err)) < 0)
        return -1;
    s = xcalloc(1, sizeof(*s));
    if (snap_prepare(w, snapfd, now, s, err) != 0) {
        snapinfo_free(s);
        close(snapfd);
        return -1;
    }
    s->taken_at = xstrdup(now);
    s->taken_by = xstrdup(who);
    s->note = note && *note ? xstrdup(note) : NULL;
    s->complete = complete;
    a->snap = s;
    snap_text = afile_format(a);
    a->snap = NULL;

    memset(&rs, 0, sizeof(rs));
    snprintf(rs.snapshot, sizeof(rs.snapshot), "%s", s->name);
    store_sha(snap_text, strlen(snap_text), rs.snapshot_sha);
    snprintf(rs.before_sha, sizeof(rs.before_sha), "%s", a->file_sha256);
    round_start(a, s->name, rs.snapshot_sha, now, complete, &u);
    next_text = afile_format(a);
    store_sha(next_text, strlen(next_text), rs.after_sha);

    rc = step_write(w, snapfd, &rs, snap_text, next_text, who, now, err);
    round_end(a, &u, rc != 0);
    if (rc == 0) {
        free(a->file_sha256);
        a->file_sha256 = xstrdup(rs.after_sha);
        /* the staged file renamed into place: its bytes are known, not its
         * status (the next save reads it once) */
        store_stamp(&a->stamp, NULL, strlen(next_text), digest_of(next_text, strlen(next_text)));
        *name = xstrdup(s->name);
    } else {
        cc_error_prefix(err, _("no snapshot was taken"));
    }
    free(next_text);
    free(snap_text);
    snapinfo_free(s);
    close(snapfd);
    return rc;
}

/* ---- verifying the chain ---- */

static int in_list(const struct strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return 1;
    return 0;
}

/* What a step record says about the files: notes for an interrupted step
 * that the next write completes, problems for what does not fit.  A pending
 * snapshot is taken out of names, so that the chain is checked as the
 * cooperation stands before that step. */
static void verify_step(int dirfd, const char *dir, const struct assessment *cur, struct strlist *names,
                        struct strlist *problems, struct strlist *notes)
{
    struct round_step rs;
    struct cc_err e;
    char ssha[65];
    int r = store_step_read(dirfd, dir, cur->coop.id, &rs, &e), snap;
    const char *repair = _("'coopcheck verify --repair' or the next change completes it");
    if (r < 0) {
        strlist_push_owned(problems, xasprintf(_("the record of a snapshot step cannot be used: %s"), e.msg));
        return;
    }
    if (r == 0)
        return;
    snap = snapshot_sha(dirfd, dir, rs.snapshot, ssha, &e);
    if (cur->file_sha256 && strcmp(cur->file_sha256, rs.after_sha) == 0) {
        strlist_push_owned(notes, xasprintf(_("snapshot %s was taken; the record of its step was "
                                               "left behind (%s)"), rs.snapshot, repair));
    } else if (snap == 1) {
        strlist_push_owned(notes, xasprintf(_("a snapshot step (%s) stopped before its snapshot was "
                                               "written: the cooperation is as before it (%s)"),
                                            rs.snapshot, repair));
    } else if (!cur->file_sha256 || strcmp(cur->file_sha256, rs.before_sha) != 0) {
        strlist_push_owned(problems, xasprintf(_("snapshot %s was taken by a step that did not finish, "
                                                  "and the working assessment was changed since by "
                                                  "something other than coopcheck"), rs.snapshot));
    } else if (snap < 0 || strcmp(ssha, rs.snapshot_sha) != 0) {
        strlist_push_owned(problems, xasprintf(_("snapshot %s is not the one its interrupted step wrote "
                                                  "(%s)"), rs.snapshot, snap < 0 ? e.msg : _("its SHA-256 differs")));
        strlist_remove(names, rs.snapshot);
    } else {
        strlist_push_owned(notes, xasprintf(_("snapshot %s was written by a step that a stopped program "
                                               "left unfinished; until it is completed the cooperation "
                                               "stands as before it (%s)"), rs.snapshot, repair));
        strlist_remove(names, rs.snapshot);
    }
}

/* One snapshot's link to the one before it (expect_prev, whose file hashed
 * to prev_sha, "" when unknown). */
static void verify_link(const struct strlist *names, size_t i, const char *expect_prev,
                        const struct assessment *s, const char *prev_sha, struct strlist *problems)
{
    const struct snapinfo *si = s->snap;
    if (strcmp(si->name, names->v[i]) != 0)
        strlist_push_owned(problems, xasprintf(_("snapshot file %s.json says it is snapshot %s: "
                                                  "it was renamed or copied"), names->v[i], si->name));
    if (si->prev_name && !in_list(names, si->prev_name))
        strlist_push_owned(problems, xasprintf(_("snapshot %s, which %s follows, is missing: it "
                                                  "was removed"), si->prev_name, names->v[i]));
    else if (!expect_prev && si->prev_name)
        strlist_push_owned(problems, xasprintf(_("snapshot %s follows %s, which sorts after it"),
                                               names->v[i], si->prev_name));
    else if (expect_prev && !si->prev_name)
        strlist_push_owned(problems, xasprintf(_("snapshot %s follows none, but the snapshot "
                                                  "before it is %s: one was inserted or removed"),
                                               names->v[i], expect_prev));
    else if (expect_prev && strcmp(si->prev_name, expect_prev) != 0)
        strlist_push_owned(problems, xasprintf(_("snapshot %s follows %s, but the snapshot "
                                                  "before it is %s: one was inserted or removed"),
                                               names->v[i], si->prev_name, expect_prev));
    else if (expect_prev && prev_sha[0] && (!si->prev_sha256 || strcmp(si->prev_sha256, prev_sha) != 0))
        strlist_push_owned(problems, xasprintf(_("snapshot %s was changed after %s was taken "
                                                  "(its SHA-256 no longer matches)"), expect_prev,
                                               names->v[i]));
}

/* 1 when name is a head of a chain that a merge brought in (model.h). */
static const struct merged_snapshot *merged_head(const struct assessment *cur, const char *name)
{
    for (size_t i = 0; i < cur->nmerged; i++)
        if (strcmp(cur->merged[i].name, name) == 0)
            return &cur->merged[i];
    return NULL;
}

/* When a merge joined two chains (both sides of a shared store took
 * snapshots), the snapshots form a tree: each follows its own predecessor,
 * and every snapshot that none follows must be a head the working
 * assessment knows (its newest, or one it merged in, with that SHA-256). */
static void verify_heads(const struct assessment *cur, const struct strlist *names, char **prevs,
                         char (*shas)[65], struct strlist *problems)
{
    for (size_t i = 0; i < names->n; i++) {
        const struct merged_snapshot *m;
        int followed = 0;
        for (size_t j = i + 1; j < names->n && !followed; j++)
            followed = prevs[j] && strcmp(prevs[j], names->v[i]) == 0;
        if (followed || (cur->last_snapshot && strcmp(cur->last_snapshot, names->v[i]) == 0))
            continue;
        if (!(m = merged_head(cur, names->v[i])))
            strlist_push_owned(problems, xasprintf(_("no snapshot follows %s, and the working "
                                                      "assessment knows it neither as its newest "
                                                      "nor as one merged in: it was inserted"),
                                                   names->v[i]));
        else if (shas[i][0] && strcmp(m->sha256, shas[i]) != 0)
            strlist_push_owned(problems, xasprintf(_("snapshot %s was changed after it was merged in "
                                                      "(its SHA-256 no longer matches)"),
                                                   names->v[i]));
    }
}

static void verify_working(const struct assessment *cur, const struct strlist *names,
                           const char *prev_sha, struct strlist *problems)
{
    if (cur->round_based_on && !in_list(names, cur->round_based_on))
        strlist_push_owned(problems, xasprintf(_("snapshot %s, on which the current round is based, "
                                                  "is missing: it was removed"), cur->round_based_on));
    if (cur->last_snapshot) {
        if (!in_list(names, cur->last_snapshot))
            strlist_push_owned(problems, xasprintf(_("snapshot %s, the newest the working assessment "
                                                      "knows, is missing: it was removed"),
                                                   cur->last_snapshot));
        else if (!cur->nmerged && strcmp(cur->last_snapshot, names->v[names->n - 1]) != 0)
            strlist_push_owned(problems, xasprintf(_("the working assessment knows %s as the newest "
                                                      "snapshot, but the newest is %s"),
                                                   cur->last_snapshot, names->v[names->n - 1]));
        else if (cur->last_snapshot_sha256 && prev_sha[0] &&
                 strcmp(cur->last_snapshot_sha256, prev_sha) != 0)
            strlist_push_owned(problems, xasprintf(_("snapshot %s was changed after it was taken (its "
                                                      "SHA-256 no longer matches)"), cur->last_snapshot));
    } else if (names->n) {
        strlist_push_owned(problems, xasprintf(_("the working assessment names no snapshot, but "
                                                  "there are %zu"), names->n));
    }
}

/* The snapshot that snapshot i should follow: the one before it, or, when
 * a merge joined chains (cur->nmerged), the earlier one it names (whose
 * SHA-256 goes into prev_sha). */
static const char *tree_prev(const struct assessment *cur, const struct strlist *names, size_t i,
                             const struct assessment *s, char (*shas)[65], char *prev_sha)
{
    if (!cur->nmerged)
        return i ? names->v[i - 1] : NULL;
    if (!s->snap->prev_name)
        return NULL;   /* both sides took their first snapshot */
    for (size_t j = 0; j < i; j++)
        if (strcmp(names->v[j], s->snap->prev_name) == 0) {
            memcpy(prev_sha, shas[j], 65);
            return names->v[j];
        }
    return i ? names->v[i - 1] : NULL;
}

int store_verify(const char *data, const char *id, const struct catalog_set *cats,
                 struct strlist *problems, struct strlist *notes, size_t *nsnapshots,
                 struct cc_err *err)
{
    struct strlist names = { 0 };
    char *dir = fs_join(data, id), *snapdir = xasprintf("%s/%s", dir, SNAP_DIR_NAME), prev_sha[65] = "";
    struct assessment *cur = NULL;
    int rc = -1, dirfd, snapfd = -1;
    char **prevs = NULL, (*shas)[65] = NULL;

    *nsnapshots = 0;
    if ((dirfd = store_open_coop(data, id, err)) < 0)
        goto out;
    if (store_load_sha(data, id, cats, &cur, err) != 0 ||
        store_list_snapshots(dirfd, dir, id, &names, 1, err) != 0)
        goto out;
    verify_step(dirfd, dir, cur, &names, problems, notes);
    *nsnapshots = names.n;
    if (names.n && (snapfd = store_open_snapdir(dirfd, dir, 0, err)) < 0)
        goto out;
    prevs = xcalloc(names.n + 1, sizeof(*prevs));
    shas = xcalloc(names.n + 1, sizeof(*shas));
    for (size_t i = 0; i < names.n; i++) {
        char *file = xasprintf("%s.json", names.v[i]), *path = fs_join(snapdir, file), *buf;
        struct assessment *s = NULL;
        struct cc_err e;
        size_t len;
        char sha[65];
        if (fs_read_at(snapfd, file, path, ASSESSMENT_MAX_BYTES, &buf, &len, &e) != 0) {
            strlist_push_owned(problems, xasprintf(_("snapshot %s cannot be read: %s"), names.v[i], e.msg));
            prev_sha[0] = '\0';
        } else {
            store_sha(buf, len, sha);
            if (afile_parse(buf, len, path, cats, &s, &e) != 0)
                strlist_push_owned(problems, xasprintf(_("snapshot %s does not load, so it was "
                                                          "altered: %s"), names.v[i], e.msg));
            else if (!s->snap)
                strlist_push_owned(problems, xasprintf(_("%s is not a snapshot but a working "
                                                          "assessment"), path));
            else
                verify_link(&names, i, tree_prev(cur, &names, i, s, shas, prev_sha), s, prev_sha,
                            problems);
            if (s && s->snap && s->snap->prev_name)
                prevs[i] = xstrdup(s->snap->prev_name);
            assessment_free(s);
            memcpy(shas[i], sha, sizeof(sha));
            memcpy(prev_sha, sha, sizeof(sha));
            free(buf);
        }
        free(path);
        free(file);
    }
    if (cur->nmerged) {
        verify_heads(cur, &names, prevs, shas, problems);
        for (size_t i = 0; i < names.n; i++)   /* the newest of this side, for verify_working */
            if (cur->last_snapshot && strcmp(names.v[i], cur->last_snapshot) == 0)
                memcpy(prev_sha, shas[i], sizeof(prev_sha));
    }
    verify_working(cur, &names, prev_sha, problems);
    rc = 0;
out:
    for (size_t i = 0; prevs && i < names.n; i++)
        free(prevs[i]);
    free(prevs);
    free(shas);
    if (snapfd >= 0)
        close(snapfd);
    if (dirfd >= 0)
        close(dirfd);
    assessment_free(cur);
    strlist_release(&names);
    free(snapdir);
    free(dir);
    return rc;
}
