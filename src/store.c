/* store.c — see store.h. */
#include "store.h"

#include <ctype.h>
#include <fcntl.h>
#include <signal.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "cctime.h"
#include "fsio.h"
#include "sha256.h"
#include "textutil.h"

int store_data_dir(const char *opt, char **out, struct cc_err *err)
{
    const char *env = getenv("COOPCHECK_DATA");
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    *out = NULL;
    if (opt && *opt) {
        *out = xstrdup(opt);
    } else if (env && *env) {
        *out = xstrdup(env);
    } else if (xdg && xdg[0] == '/') {
        *out = xasprintf("%s/coopcheck", xdg);
    } else if (home && *home) {
        *out = xasprintf("%s/.local/share/coopcheck", home);
    } else {
        return cc_error(err, "no data directory: HOME is not set; give one with --data DIR or "
                        "COOPCHECK_DATA");
    }
    return 0;
}

static char *coop_dir(const char *data, const char *id)
{
    return fs_join(data, id);
}

static char *assessment_path(const char *data, const char *id)
{
    return xasprintf("%s/%s/assessment.json", data, id);
}

static void set_hash(struct assessment *a, const char *text, size_t len)
{
    char hex[65];
    sha256_hex(text, len, hex);
    free(a->file_sha256);
    a->file_sha256 = xstrdup(hex);
}

int store_create(const char *data, struct assessment *a, struct cc_err *err)
{
    char *dir, *path, *text;
    int rc = -1;
    if (!coop_id_valid(a->coop.id))
        return cc_error(err, "cannot create cooperation \"%s\": %s", a->coop.id, coop_id_rule());
    if (fs_mkdir_p(data, err) != 0)
        return -1;
    dir = coop_dir(data, a->coop.id);
    if (mkdir(dir, 0700) != 0) {
        if (errno == EEXIST)
            cc_error_code(err, EEXIST, "cooperation \"%s\" exists already (%s); choose another id",
                          a->coop.id, dir);
        else
            cc_error_code(err, errno, "cannot create '%s': %s", dir, strerror(errno));
        free(dir);
        return -1;
    }
    chmod(dir, 0700);
    path = assessment_path(data, a->coop.id);
    text = afile_format(a);
    if (fs_write_new(path, text, strlen(text), err) == 0) {
        set_hash(a, text, strlen(text));
        rc = 0;
    } else {
        rmdir(dir);
    }
    free(text);
    free(path);
    free(dir);
    return rc;
}

static int load_path(const char *path, const struct catalog_set *cats, const char *expect_id,
                     struct assessment **out, struct cc_err *err)
{
    char *buf;
    size_t len;
    int rc;
    *out = NULL;
    if (fs_read_file(path, ASSESSMENT_MAX_BYTES, &buf, &len, err) != 0)
        return -1;
    rc = afile_parse_expect(buf, len, path, cats, expect_id, out, err);
    if (rc == 0)
        set_hash(*out, buf, len);
    free(buf);
    return rc;
}

int store_load_path(const char *path, const struct catalog_set *cats, struct assessment **out,
                    struct cc_err *err)
{
    return load_path(path, cats, NULL, out, err);
}

int store_load(const char *data, const char *id, const struct catalog_set *cats,
               struct assessment **out, struct cc_err *err)
{
    char *path;
    int rc;
    *out = NULL;
    if (!coop_id_valid(id))
        return cc_error(err, "\"%s\" is not a cooperation id: %s", id, coop_id_rule());
    path = assessment_path(data, id);
    rc = load_path(path, cats, id, out, err);
    if (rc != 0 && err && err->code == ENOENT)
        cc_error_code(err, ENOENT, "no cooperation \"%s\" in %s ('coopcheck list' shows them; "
                      "'coopcheck new %s' creates it)", id, data, id);
    free(path);
    return rc;
}

static int write_assessment(const char *path, struct assessment *a, struct cc_err *err)
{
    char *text = afile_format(a);
    size_t len = strlen(text);
    int rc = fs_write_atomic(path, text, len, err);
    if (rc == 0) {
        set_hash(a, text, len);
    } else {
        /* when only the final directory sync failed, the new file is in
         * place: remember it as ours, or the next save would see a conflict */
        char *cur;
        size_t clen;
        struct cc_err rerr;
        if (fs_read_file(path, ASSESSMENT_MAX_BYTES, &cur, &clen, &rerr) == 0) {
            if (clen == len && memcmp(cur, text, len) == 0)
                set_hash(a, text, len);
            free(cur);
        }
    }
    free(text);
    return rc;
}

/* 0 when the file on disk is the one this process last read or wrote. */
static int check_unchanged(const char *path, const struct assessment *a, struct cc_err *err)
{
    char *cur;
    size_t len;
    struct cc_err rerr;
    if (fs_read_file(path, ASSESSMENT_MAX_BYTES, &cur, &len, &rerr) == 0) {
        char hex[65];
        sha256_hex(cur, len, hex);
        free(cur);
        if (!a->file_sha256 || strcmp(hex, a->file_sha256) != 0)
            return cc_error_code(err, EBUSY, "'%s' was changed by someone else since it was "
                                 "read; nothing was saved: load it again and repeat the change",
                                 path);
    } else if (rerr.code != ENOENT) {
        if (err)
            *err = rerr;
        return -1;
    }
    return 0;
}

int store_save(const char *data, struct assessment *a, struct cc_err *err)
{
    char *path = assessment_path(data, a->coop.id);
    int rc = check_unchanged(path, a, err);
    if (rc == 0)
        rc = write_assessment(path, a, err);
    free(path);
    return rc;
}

/* ---- snapshots ---- */

static char *snap_dir(const char *data, const char *id)
{
    return xasprintf("%s/%s/snapshots", data, id);
}

/* "20261127T034521Z" from "2026-11-27T03:45:21Z" */
static void snap_base(const char *now, char out[32])
{
    size_t k = 0;
    for (const char *p = now; *p && k < 31; p++)
        if (*p != '-' && *p != ':')
            out[k++] = *p;
    out[k] = '\0';
}

static int snap_name_ok(const char *n)
{
    size_t len = strlen(n);
    if (len < 16 || len > 24)
        return 0;
    for (size_t i = 0; i < 16; i++) {
        int want_digit = !(i == 8 || i == 15);
        if (want_digit ? !isdigit((unsigned char)n[i]) : n[i] != (i == 8 ? 'T' : 'Z'))
            return 0;
    }
    if (len == 16)
        return 1;
    if (n[16] != '-' || !isdigit((unsigned char)n[17]))
        return 0;
    for (size_t i = 17; i < len; i++)
        if (!isdigit((unsigned char)n[i]))
            return 0;
    return 1;
}

static int cmp_snap(const void *x, const void *y)
{
    const char *a = *(char *const *)x, *b = *(char *const *)y;
    int c = strncmp(a, b, 16);
    if (c)
        return c;
    return (int)((a[16] ? atol(a + 17) : 1) - (b[16] ? atol(b + 17) : 1));
}

int store_snapshots(const char *data, const char *id, struct strlist *names, struct cc_err *err)
{
    char *dir = snap_dir(data, id);
    DIR *d = opendir(dir);
    struct dirent *de;
    if (!d) {
        int e = errno;
        free(dir);
        if (e == ENOENT)
            return 0;
        return cc_error_code(err, e, "cannot read the snapshots of \"%s\": %s", id, strerror(e));
    }
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        char *base;
        if (n <= 5 || strcmp(de->d_name + n - 5, ".json") != 0)
            continue;
        base = xstrndup(de->d_name, n - 5);
        if (snap_name_ok(base))
            strlist_push_owned(names, base);
        else
            free(base);
    }
    closedir(d);
    free(dir);
    if (names->n > 1)
        qsort(names->v, names->n, sizeof(*names->v), cmp_snap);
    return 0;
}

int store_load_snapshot(const char *data, const char *id, const char *name,
                        const struct catalog_set *cats, struct assessment **out,
                        struct cc_err *err)
{
    char *path;
    int rc;
    if (!snap_name_ok(name))
        return cc_error(err, "\"%s\" is not a snapshot name (they look like 20261127T034521Z; "
                        "'coopcheck snapshots %s' lists them)", name, id);
    path = xasprintf("%s/%s/snapshots/%s.json", data, id, name);
    rc = store_load_path(path, cats, out, err);
    if (rc != 0 && err && err->code == ENOENT)
        cc_error_code(err, ENOENT, "cooperation \"%s\" has no snapshot \"%s\" ('coopcheck "
                      "snapshots %s' lists them)", id, name, id);
    free(path);
    return rc;
}

static int next_round(const char *data, struct assessment *a, const char *name, const char *sha,
                      const char *now, struct cc_err *err);

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

int store_snapshot(const char *data, struct assessment *a, const char *note, const char *who,
                   const char *now, char **name, struct cc_err *err)
{
    char *dir = snap_dir(data, a->coop.id), *apath = assessment_path(data, a->coop.id);
    struct strlist names = { 0 };
    struct snapinfo *s = xcalloc(1, sizeof(*s));
    char base[32], snap_sha[65];
    int rc = -1;

    *name = NULL;
    if (a->snap) {
        free(dir);
        free(apath);
        free(s);
        return cc_error(err, "a snapshot cannot be snapshotted again");
    }
    /* a snapshot of answers someone else has changed meanwhile would be wrong forever */
    if (check_unchanged(apath, a, err) != 0 || fs_mkdir_p(dir, err) != 0 ||
        store_snapshots(data, a->coop.id, &names, err) != 0)
        goto out;
    if (names.n) {
        char *prev = xasprintf("%s/%s.json", dir, names.v[names.n - 1]), *buf;
        size_t len;
        char hex[65];
        if (fs_read_file(prev, ASSESSMENT_MAX_BYTES, &buf, &len, err) != 0) {
            free(prev);
            goto out;
        }
        sha256_hex(buf, len, hex);
        free(buf);
        free(prev);
        s->prev_name = xstrdup(names.v[names.n - 1]);
        s->prev_sha256 = xstrdup(hex);
    }
    s->taken_at = xstrdup(now);
    s->taken_by = xstrdup(who);
    s->note = note && *note ? xstrdup(note) : NULL;
    snap_base(now, base);
    a->snap = s;
    for (int attempt = 1; attempt <= 1000; attempt++) {
        char *path, *text;
        free(s->name);
        s->name = attempt == 1 ? xstrdup(base) : xasprintf("%s-%d", base, attempt);
        path = xasprintf("%s/%s.json", dir, s->name);
        if (fs_exists(path)) {   /* taken: skip the formatting (fs_write_new is the real guard) */
            free(path);
            rc = cc_error_code(err, EEXIST, "every snapshot name for %s is taken", base);
            continue;
        }
        text = afile_format(a);
        rc = fs_write_new(path, text, strlen(text), err);
        if (rc == 0)
            sha256_hex(text, strlen(text), snap_sha);
        free(text);
        free(path);
        if (rc == 0 || err->code != EEXIST)
            break;
    }
    a->snap = NULL;
    if (rc != 0)
        goto out;
    *name = xstrdup(s->name);

    /* the next round starts from these answers, each to be reviewed */
    {
        struct assessment undo = *a;   /* round fields and review marks, to restore on failure */
        int *marks = xcalloc(a->cat->nquestions + 1, sizeof(*marks));
        for (size_t qi = 0; qi < a->cat->nquestions; qi++)
            marks[qi] = a->q[qi].review;
        undo.round_started = a->round_started ? xstrdup(a->round_started) : NULL;
        undo.round_based_on = a->round_based_on ? xstrdup(a->round_based_on) : NULL;
        undo.round_based_on_sha256 = a->round_based_on_sha256 ? xstrdup(a->round_based_on_sha256) : NULL;
        rc = next_round(data, a, s->name, snap_sha, now, err);
        if (rc != 0) {
            a->round = undo.round;
            free(a->round_started);
            free(a->round_based_on);
            free(a->round_based_on_sha256);
            a->round_started = undo.round_started;
            a->round_based_on = undo.round_based_on;
            a->round_based_on_sha256 = undo.round_based_on_sha256;
            for (size_t qi = 0; qi < a->cat->nquestions; qi++)
                a->q[qi].review = marks[qi];
        } else {
            free(undo.round_started);
            free(undo.round_based_on);
            free(undo.round_based_on_sha256);
        }
        free(marks);
    }
out:
    snapinfo_free(s);
    strlist_release(&names);
    free(apath);
    free(dir);
    return rc;
}

static int next_round(const char *data, struct assessment *a, const char *name, const char *sha,
                      const char *now, struct cc_err *err)
{
    int rc;
    a->round++;
    free(a->round_started);
    a->round_started = xstrdup(now);
    free(a->round_based_on);
    a->round_based_on = xstrdup(name);
    free(a->round_based_on_sha256);
    a->round_based_on_sha256 = xstrdup(sha);
    for (size_t qi = 0; qi < a->cat->nquestions; qi++)
        a->q[qi].review = assessment_qstate(a, qi) != QS_UNANSWERED;
    rc = store_save(data, a, err);
    if (rc != 0)
        cc_error_prefix(err, "the snapshot was taken, but the next round could not be started");
    return rc;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

int store_coops(const char *data, struct strlist *ids, struct cc_err *err)
{
    DIR *d = opendir(data);
    struct dirent *de;
    if (!d) {
        if (errno == ENOENT)
            return 0;
        return cc_error_code(err, errno, "cannot read the data directory '%s': %s", data,
                             strerror(errno));
    }
    while ((de = readdir(d)) != NULL) {
        char *p;
        if (!coop_id_valid(de->d_name))
            continue;
        p = assessment_path(data, de->d_name);
        if (fs_exists(p))
            strlist_push(ids, de->d_name);
        free(p);
    }
    closedir(d);
    if (ids->n > 1)
        qsort(ids->v, ids->n, sizeof(*ids->v), cmp_str);
    return 0;
}

/* ---- verifying the chain ---- */

static int in_list(const struct strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return 1;
    return 0;
}

int store_verify(const char *data, const char *id, const struct catalog_set *cats,
                 struct strlist *problems, size_t *nsnapshots, struct cc_err *err)
{
    struct strlist names = { 0 };
    char *dir = snap_dir(data, id), prev_sha[65] = "";
    struct assessment *cur = NULL;
    int rc = -1;

    *nsnapshots = 0;
    if (store_load(data, id, cats, &cur, err) != 0)
        goto out;
    if (store_snapshots(data, id, &names, err) != 0)
        goto out;
    *nsnapshots = names.n;
    for (size_t i = 0; i < names.n; i++) {
        char *path = xasprintf("%s/%s.json", dir, names.v[i]), *buf;
        const char *expect_prev = i ? names.v[i - 1] : NULL;
        struct assessment *s = NULL;
        struct cc_err e;
        size_t len;
        char sha[65];
        if (fs_read_file(path, ASSESSMENT_MAX_BYTES, &buf, &len, &e) != 0) {
            strlist_push_owned(problems, xasprintf("snapshot %s cannot be read: %s", names.v[i], e.msg));
            free(path);
            prev_sha[0] = '\0';
            continue;
        }
        sha256_hex(buf, len, sha);
        if (afile_parse(buf, len, path, cats, &s, &e) != 0) {
            strlist_push_owned(problems, xasprintf("snapshot %s does not load, so it was altered: %s",
                                                   names.v[i], e.msg));
        } else if (!s->snap) {
            strlist_push_owned(problems, xasprintf("%s is not a snapshot but a working assessment",
                                                   path));
        } else {
            const struct snapinfo *si = s->snap;
            if (strcmp(si->name, names.v[i]) != 0)
                strlist_push_owned(problems, xasprintf("snapshot file %s.json says it is snapshot %s: "
                                                       "it was renamed or copied", names.v[i], si->name));
            if (si->prev_name && !in_list(&names, si->prev_name))
                strlist_push_owned(problems, xasprintf("snapshot %s, which %s follows, is missing: it "
                                                       "was removed", si->prev_name, names.v[i]));
            else if (!expect_prev && si->prev_name)
                strlist_push_owned(problems, xasprintf("snapshot %s follows %s, which sorts after it",
                                                       names.v[i], si->prev_name));
            else if (expect_prev && (!si->prev_name || strcmp(si->prev_name, expect_prev) != 0))
                strlist_push_owned(problems, xasprintf("snapshot %s follows %s, but the snapshot "
                                                       "before it is %s: one was inserted or removed",
                                                       names.v[i], si->prev_name ? si->prev_name : "none",
                                                       expect_prev));
            else if (expect_prev && prev_sha[0] &&
                     (!si->prev_sha256 || strcmp(si->prev_sha256, prev_sha) != 0))
                strlist_push_owned(problems, xasprintf("snapshot %s was changed after %s was taken "
                                                       "(its SHA-256 no longer matches)", expect_prev,
                                                       names.v[i]));
        }
        assessment_free(s);
        memcpy(prev_sha, sha, sizeof(sha));
        free(buf);
        free(path);
    }
    if (cur->round_based_on) {
        if (!in_list(&names, cur->round_based_on))
            strlist_push_owned(problems, xasprintf("snapshot %s, on which the current round is based, "
                                                   "is missing: it was removed", cur->round_based_on));
        else if (strcmp(cur->round_based_on, names.v[names.n - 1]) != 0)
            strlist_push_owned(problems, xasprintf("the current round is based on snapshot %s, but "
                                                   "the newest snapshot is %s", cur->round_based_on,
                                                   names.v[names.n - 1]));
        else if (cur->round_based_on_sha256 && prev_sha[0] &&
                 strcmp(cur->round_based_on_sha256, prev_sha) != 0)
            strlist_push_owned(problems, xasprintf("snapshot %s was changed after the current round "
                                                   "started (its SHA-256 no longer matches)",
                                                   cur->round_based_on));
    } else if (names.n) {
        strlist_push_owned(problems, xasprintf("the working assessment names no snapshot, but "
                                               "there are %zu", names.n));
    }
    rc = 0;
out:
    assessment_free(cur);
    strlist_release(&names);
    free(dir);
    return rc;
}

void store_due(const struct assessment *a, const struct strlist *snaps, struct store_due *d)
{
    int y, m, day;
    char today[CC_ISO_LEN], base[11];
    d->last[0] = '\0';
    if (snaps->n) {
        const char *n = snaps->v[snaps->n - 1];   /* 20261127T034521Z */
        snprintf(d->last, sizeof(d->last), "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", n, n + 4, n + 6,
                 n + 9, n + 11, n + 13);
        snprintf(base, sizeof(base), "%.10s", d->last);
    } else {
        snprintf(base, sizeof(base), "%.10s", a->created_at ? a->created_at : "1970-01-01");
    }
    if (cc_parse_date(base, &y, &m, &day) != 0) {
        y = 1970;
        m = day = 1;
    }
    cc_add_months(&y, &m, &day, a->coop.interval_months);
    snprintf(d->next, sizeof(d->next), "%04d-%02d-%02d", y, m, day);
    cc_now(today);
    if (strncmp(d->next, today, 10) < 0) {
        d->status = "overdue";
    } else {
        int ty, tm, td;
        char soon[11];
        snprintf(soon, sizeof(soon), "%.10s", today);
        cc_parse_date(soon, &ty, &tm, &td);
        cc_add_months(&ty, &tm, &td, 1);
        snprintf(soon, sizeof(soon), "%04d-%02d-%02d", ty, tm, td);
        d->status = strcmp(d->next, soon) <= 0 ? "due" : "ok";
    }
}

/* ---- the editor's lock ---- */

struct lockinfo {
    char user[64], host[256], since[CC_ISO_LEN];
    long pid;
};

static char *lock_path(const char *data, const char *id)
{
    return xasprintf("%s/%s/lock", data, id);
}

/* Reads a lock file: "user\nhost\npid\nsince\n".  -1 when missing or unreadable. */
static int read_lock(const char *path, struct lockinfo *li)
{
    char *buf, *save = NULL, *line;
    size_t len;
    struct cc_err e;
    int n = 0;
    memset(li, 0, sizeof(*li));
    if (fs_read_file(path, 4096, &buf, &len, &e) != 0)
        return -1;
    for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
        if (n == 0)
            snprintf(li->user, sizeof(li->user), "%s", line);
        else if (n == 1)
            snprintf(li->host, sizeof(li->host), "%s", line);
        else if (n == 2)
            li->pid = strtol(line, NULL, 10);
        else if (n == 3)
            snprintf(li->since, sizeof(li->since), "%s", line);
    }
    free(buf);
    return 0;
}

/* 1 when the lock's process is gone: same host, and no such process. */
static int lock_stale(const struct lockinfo *li)
{
    char *host = cc_host();
    int stale = strcmp(host, li->host) == 0 && li->pid > 0 && kill((pid_t)li->pid, 0) != 0 &&
                errno == ESRCH;
    free(host);
    return stale;
}

static int lock_busy(const char *id, const struct lockinfo *li, struct cc_err *err)
{
    struct sbuf who;
    int rc;
    sbuf_init(&who);
    text_sanitize(&who, li->user, 0);
    sbuf_adds(&who, " on ");
    text_sanitize(&who, li->host, 0);
    rc = cc_error_code(err, EBUSY, "cooperation \"%s\" is open in another coopcheck: %s, process "
                       "%ld, since %s; wait until it is closed (or, if that program is gone, "
                       "remove the file 'lock' in the cooperation's directory)", id, who.buf,
                       li->pid, li->since[0] ? li->since : "?");
    sbuf_release(&who);
    return rc;
}

int store_check_lock(const char *data, const char *id, struct cc_err *err)
{
    char *path = lock_path(data, id);
    struct lockinfo li;
    int rc = 0;
    if (read_lock(path, &li) == 0 && li.pid != (long)getpid() && !lock_stale(&li))
        rc = lock_busy(id, &li, err);
    free(path);
    return rc;
}

int store_lock(const char *data, const char *id, struct cc_err *err)
{
    char *path = lock_path(data, id), *user = cc_user(), *host = cc_host(), *text;
    char now[CC_ISO_LEN];
    int rc = -1;
    cc_now(now);
    text = xasprintf("%s\n%s\n%ld\n%s\n", user, host, (long)getpid(), now);
    for (int attempt = 0; attempt < 2; attempt++) {
        struct lockinfo li;
        if (fs_write_new(path, text, strlen(text), err) == 0) {
            rc = 0;
            break;
        }
        if (err->code != EEXIST)
            break;
        if (read_lock(path, &li) != 0)
            continue;   /* removed meanwhile: try again */
        if (li.pid == (long)getpid() && strcmp(li.host, host) == 0) {
            rc = 0;     /* ours already */
            break;
        }
        if (!lock_stale(&li)) {
            lock_busy(id, &li, err);
            break;
        }
        unlink(path);   /* left by a process that is gone */
    }
    free(text);
    free(user);
    free(host);
    free(path);
    return rc;
}

void store_unlock(const char *data, const char *id)
{
    char *path = lock_path(data, id), *host = cc_host();
    struct lockinfo li;
    if (read_lock(path, &li) == 0 && li.pid == (long)getpid() && strcmp(li.host, host) == 0)
        unlink(path);
    free(host);
    free(path);
}
