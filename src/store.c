/* store.c — see store.h: the data directory, creating, loading and saving a
 * cooperation, listing cooperations and snapshots, due dates.  The snapshot
 * step and verify are in store_round.c, the locks in store_lock.c. */
#include "store.h"
#include "store_int.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "cctime.h"
#include "diff.h"
#include "fsio.h"
#include "i18n.h"
#include "jsondoc.h"
#include "digest.h"
#include "paths.h"
#include "sha256.h"

#ifndef O_NOFOLLOW
#define O_NOFOLLOW 0
#endif

int store_data_dir(const char *opt, char **out, struct cc_err *err)
{
    const char *env = getenv("COOPCHECK_DATA");
    *out = NULL;
    if (opt && *opt) {
        *out = xstrdup(opt);
    } else if (env && *env) {
        *out = xstrdup(env);
    } else if ((*out = xdg_path(XDG_DATA, NULL)) == NULL) {
        return cc_error(err, _("no data directory: HOME is not set; give one with --data DIR or "
                           "COOPCHECK_DATA"));
    }
    return 0;
}

void store_sha(const void *data, size_t len, char out[65])
{
    sha256_hex(data, len, out);
}

int store_file_sha(int dirfd, const char *name, const char *path, char out[65], struct cc_err *err)
{
    char *buf;
    size_t len;
    if (fs_read_at(dirfd, name, path, ASSESSMENT_MAX_BYTES, &buf, &len, err) != 0)
        return -1;
    sha256_hex(buf, len, out);
    free(buf);
    return 0;
}

static int no_coop(const char *data, const char *id, struct cc_err *err)
{
    return cc_error_code(err, ENOENT, _("no cooperation \"%s\" in %s ('coopcheck list' shows them; "
                            "'coopcheck new %s' creates it)"), id, data, id);
}

int store_open_data(const char *data, struct cc_err *err)
{
    int fd = open(data, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        cc_error_code(err, errno, _("cannot open the data directory '%s': %s"), data, strerror(errno));
    return fd;
}

/* DATA/ID opened in datafd (-1: DATA opened for it). */
static int open_coop_at(int datafd, const char *data, const char *id, struct cc_err *err)
{
    char *path;
    int fd, own = -1;
    if (!coop_id_valid(id))
        return cc_error(err, _("\"%s\" is not a cooperation id: %s"), id, coop_id_rule());
    if (datafd < 0 && (datafd = own = store_open_data(data, err)) < 0)
        return err && err->code == ENOENT ? no_coop(data, id, err) : -1;
    path = fs_join(data, id);
    fd = fs_open_dir_at(datafd, id, path, 0, err);
    if (fd < 0 && err && err->code == ENOENT)
        no_coop(data, id, err);
    free(path);
    if (own >= 0)
        close(own);
    return fd;
}

int store_open_coop(const char *data, const char *id, struct cc_err *err)
{
    return open_coop_at(-1, data, id, err);
}

int store_open_snapdir(int dirfd, const char *dirpath, int create, struct cc_err *err)
{
    char *path = fs_join(dirpath, SNAP_DIR_NAME);
    int fd = fs_open_dir_at(dirfd, SNAP_DIR_NAME, path, create, err);
    free(path);
    return fd;
}

int store_create(const char *data, struct assessment *a, struct cc_err *err)
{
    char *dir, *path, *text;
    int rc = -1, datafd, dirfd;
    if (coop_id_refusal(a->coop.id))
        return cc_error(err, _("cannot create cooperation \"%s\": %s"), a->coop.id,
                        coop_id_refusal(a->coop.id));
    if (fs_mkdir_p(data, err) != 0)
        return -1;
    datafd = open(data, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (datafd < 0)
        return cc_error_code(err, errno, _("cannot open the data directory '%s': %s"), data,
                             strerror(errno));
    dir = fs_join(data, a->coop.id);
    if (mkdirat(datafd, a->coop.id, 0700) != 0) {
        if (errno == EEXIST)
            cc_error_code(err, EEXIST, _("cooperation \"%s\" exists already (%s); choose another id"),
                          a->coop.id, dir);
        else
            cc_error_code(err, errno, _("cannot create '%s': %s"), dir, strerror(errno));
        free(dir);
        close(datafd);
        return -1;
    }
    path = fs_join(dir, WORKING_NAME);
    dirfd = fs_open_dir_at(datafd, a->coop.id, dir, 0, err);
    if (dirfd >= 0) {
        fchmod(dirfd, 0700);
        text = afile_format(a);
        if (fs_write_new_at(dirfd, WORKING_NAME, path, text, strlen(text), err) == 0 &&
            fs_sync_dir(datafd, dir, err) == 0) {
            store_stamp(&a->stamp, NULL, strlen(text), digest_of(text, strlen(text)));
            rc = 0;
        }
        free(text);
        close(dirfd);
    }
    if (rc != 0 && unlinkat(datafd, a->coop.id, AT_REMOVEDIR) != 0) {
        /* a partly written file stays for the user to see; nothing else is lost */
    }
    free(path);
    free(dir);
    close(datafd);
    return rc;
}

/* Reads name in dirfd (dirfd < 0: path itself, links followed, as the user
 * named it) and parses it, remembering what mode asks for: LOAD_RO nothing
 * (then it can never be saved, see check_unchanged), LOAD_EDIT the file's
 * stamp (to be saved over it), LOAD_SHA its SHA-256 too (snapshots,
 * verify). */
enum load_mode { LOAD_RO, LOAD_EDIT, LOAD_SHA };

static int load_at(int dirfd, const char *name, const char *path, const struct catalog_set *cats,
                   const char *expect_id, enum load_mode mode, struct assessment **out,
                   struct cc_err *err)
{
    char *buf, sha[65];
    size_t len;
    struct stat st;
    struct jsondoc *doc;
    uint64_t dg = 0;
    long long read_ns = store_stamp_clock_ns();   /* before the bytes are read */
    int rc;
    *out = NULL;
    memset(&st, 0, sizeof(st));
    rc = dirfd >= 0 ? fs_read_at_st(dirfd, name, path, ASSESSMENT_MAX_BYTES, &buf, &len, &st, err)
                    : fs_read_file(path, ASSESSMENT_MAX_BYTES, &buf, &len, err);
    if (rc != 0)
        return -1;
    if (mode != LOAD_RO)
        dg = digest_of(buf, len);
    if (mode == LOAD_SHA)
        store_sha(buf, len, sha);
    /* the text is freed once its tree is made, before the assessment is
     * made of the tree */
    doc = jsondoc_parse(buf, len, path, JSONDOC_NO_CASE_VARIANTS, err);
    free(buf);
    if (!doc || afile_parse_doc(doc, cats, expect_id, out, err) != 0)
        return -1;
    if (mode != LOAD_RO) {
        store_stamp(&(*out)->stamp, dirfd >= 0 ? &st : NULL, len, dg);
        if (dirfd >= 0)
            store_stamp_granule(&(*out)->stamp, dirfd, read_ns);
    }
    if (mode == LOAD_SHA)
        (*out)->file_sha256 = xstrdup(sha);
    return 0;
}

int store_load_path(const char *path, const struct catalog_set *cats, struct assessment **out,
                    struct cc_err *err)
{
    return load_at(-1, NULL, path, cats, NULL, LOAD_SHA, out, err);
}

static int load_working(int dirfd, const char *data, const char *id, const struct catalog_set *cats,
                        enum load_mode hash, struct assessment **out, struct cc_err *err)
{
    char *dir = fs_join(data, id), *path = fs_join(dir, WORKING_NAME);
    struct rename_step rs;
    const char *expect = id;
    struct cc_err e;
    int rc;
    /* renamed, the file perhaps not yet updated (store_life.c): it names
     * the old id or the new one */
    if (store_rename_read(dirfd, dir, &rs, &e) == 1 && strcmp(rs.to, id) == 0)
        expect = NULL;
    rc = load_at(dirfd, WORKING_NAME, path, cats, expect, hash, out, err);
    if (rc == 0 && !expect) {
        if (strcmp((*out)->coop.id, rs.from) != 0 && strcmp((*out)->coop.id, rs.to) != 0) {
            rc = cc_error_code(err, EINVAL, _("%s names cooperation \"%s\", but it was renamed "
                                              "from %s to %s; the file was left untouched"), path,
                               (*out)->coop.id, rs.from, rs.to);
            assessment_free(*out);
            *out = NULL;
        } else {
            free((*out)->coop.id);
            (*out)->coop.id = xstrdup(id);
        }
    }
    if (rc != 0 && err && err->code == ENOENT)
        no_coop(data, id, err);
    free(dir);
    free(path);
    return rc;
}

static int load_coop(const char *data, const char *id, const struct catalog_set *cats,
                     enum load_mode hash, struct assessment **out, struct cc_err *err)
{
    int dirfd, rc;
    *out = NULL;
    if ((dirfd = store_open_coop(data, id, err)) < 0)
        return -1;
    rc = load_working(dirfd, data, id, cats, hash, out, err);
    close(dirfd);
    return rc;
}

int store_load(const char *data, const char *id, const struct catalog_set *cats,
               struct assessment **out, struct cc_err *err)
{
    return load_coop(data, id, cats, LOAD_EDIT, out, err);
}

int store_load_sha(const char *data, const char *id, const struct catalog_set *cats,
                   struct assessment **out, struct cc_err *err)
{
    return load_coop(data, id, cats, LOAD_SHA, out, err);
}

int store_load_ro(const char *data, const char *id, const struct catalog_set *cats,
                  struct assessment **out, struct cc_err *err)
{
    return load_coop(data, id, cats, LOAD_RO, out, err);
}

int store_w_load(struct store_w *w, const struct catalog_set *cats, struct assessment **out,
                 struct cc_err *err)
{
    return load_working(w->dirfd, w->data, w->id, cats, LOAD_EDIT, out, err);
}

/* 0 when the working file on disk is the one this process last read or
 * wrote (a missing one is fine: nothing to lose).
 *
 * Told by the file's stamp (model.h), not by reading and hashing all of it
 * at every save (with 7 MiB of answers that was most of the time of a save):
 * - the same identity and times (device, inode, size, mtime, ctime) as when
 *   the stamp was taken, and the stamp settled: unchanged.  Every write
 *   changes the ctime, which no program can set, and every coopcheck save
 *   makes a new inode;
 * - another size: changed;
 * - else (times changed, or the stamp taken so soon after the file's last
 *   change that a change within the same granule of its time stamps would
 *   not show: always so right after a save) the file's bytes are read and
 *   their digest compared with the stamp's: a touch or a chmod is no
 *   change, another content is. */
static int check_unchanged(struct store_w *w, const struct assessment *a, const char *path,
                           struct cc_err *err)
{
    struct stat st;
    uint64_t dg;
    struct cc_err rerr;
    if (fstatat(w->dirfd, WORKING_NAME, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT)
            return 0;
        return cc_error_code(err, errno, _("cannot read '%s': %s"), path, strerror(errno));
    }
    if (a->stamp.known && a->stamp.settled && store_stamp_same(&a->stamp, &st))
        return 0;
    if (a->stamp.known && a->stamp.size == (long long)st.st_size) {
        if (fs_digest_at(w->dirfd, WORKING_NAME, path, &dg, &st, &rerr) != 0) {
            if (rerr.code == ENOENT)
                return 0;
            if (err)
                *err = rerr;
            return -1;
        }
        if (dg == a->stamp.digest)
            return 0;
    }
    return cc_error_code(err, EBUSY, _("'%s' was changed by someone else since it was "
                            "read; nothing was saved: load it again and repeat the change"), path);
}

int store_w_check_unchanged(struct store_w *w, const struct assessment *a, struct cc_err *err)
{
    char *path = fs_join(w->dir, WORKING_NAME);
    int rc = check_unchanged(w, a, path, err);
    free(path);
    return rc;
}

/* A save's text as it is made: written to the file, counted, digested. */
struct save_out {
    struct fs_out *o;
    struct digest *d;
    size_t len;
};

static int save_emit(void *arg, const char *s, size_t n)
{
    struct save_out *so = arg;
    digest_update(so->d, s, n);
    so->len += n;
    return fs_out_write(so->o, s, n);
}

struct save_job {
    const struct assessment *a;
    struct save_out so;
};

static int save_produce(struct fs_out *o, void *arg)
{
    struct save_job *j = arg;
    j->so.o = o;
    return afile_format_stream(j->a, save_emit, &j->so);
}

int store_w_save(struct store_w *w, struct assessment *a, struct cc_err *err)
{
    char *path = fs_join(w->dir, WORKING_NAME);
    struct save_job job;
    struct stat st;
    int rc;
    if (a->snap) {
        free(path);
        return cc_error(err, _("a snapshot cannot be saved as the working assessment"));
    }
    if (strcmp(a->coop.id, w->id) != 0) {
        free(path);
        return cc_error(err, _("internal error: saving \"%s\" under the lock of \"%s\""), a->coop.id,
                        w->id);
    }
    if (check_unchanged(w, a, path, err) != 0) {
        free(path);
        return -1;
    }
    afile_prune_conflicts(a);   /* an edit of a conflicted value resolves it */
    /* written as it is formatted: 7 MiB of answers are not held twice */
    memset(&job, 0, sizeof(job));
    job.a = a;
    job.so.d = digest_new();
    if (!job.so.d) {
        rc = cc_error_code(err, ENOMEM, _("cannot save '%s': out of memory"), path);
        free(path);
        return rc;
    }
    memset(&st, 0, sizeof(st));
    /* the file replaced is closed at the next store_settle (or at exit) —
     * only on a local file system: NFS would show it as a .nfs file in the
     * directory meanwhile */
    rc = fs_replace_at_with(w->dirfd, WORKING_NAME, path, save_produce, &job,
                            store_fs_local(w->dirfd) ? FS_KEEP_REPLACED : 0, &st, err);
    /* st is the written file's, from its own descriptor after the rename
     * (inode 0 when the rename did not happen); when only the final
     * directory sync failed, the new file is in place: remember it as ours,
     * or the next save would see a conflict.  Its SHA-256 is not needed
     * (store_w_snapshot hashes the file it snapshots). */
    if (rc == 0 || st.st_ino != 0) {
        store_stamp(&a->stamp, &st, job.so.len, digest_final(job.so.d));
        store_stamp_granule(&a->stamp, w->dirfd, store_stamp_clock_ns());
        free(a->file_sha256);
        a->file_sha256 = NULL;
    }
    digest_free(job.so.d);
    free(path);
    return rc;
}

int store_save(const char *data, struct assessment *a, struct cc_err *err)
{
    struct store_w w;
    int rc;
    if (store_w_open(data, a->coop.id, &w, err) != 0)
        return -1;
    rc = store_w_save(&w, a, err);
    store_w_close(&w);
    return rc;
}

int store_snapshot(const char *data, struct assessment *a, const char *note, int complete,
                   const char *who,
                   const char *now, char **name, struct cc_err *err)
{
    struct store_w w;
    int rc;
    *name = NULL;
    if (store_w_open(data, a->coop.id, &w, err) != 0)
        return -1;
    rc = store_w_snapshot(&w, a, note, complete, who, now, name, err);
    store_w_close(&w);
    return rc;
}

int store_repair(const char *data, const char *id, char **note, struct cc_err *err)
{
    struct store_w w;
    *note = NULL;
    if (store_w_open(data, id, &w, err) != 0)
        return -1;
    *note = xstrdup(w.note);
    store_w_close(&w);
    return 0;
}

/* ---- snapshots ---- */

int store_snap_name_ok(const char *n)
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

/* Names in the snapshot directory snapfd (closed), sorted oldest first. */
static void list_snapdir(int snapfd, struct strlist *names)
{
    DIR *d = fdopendir(snapfd);   /* takes the descriptor: no dup, no rewind */
    struct dirent *de;
    if (!d) {
        close(snapfd);
        return;
    }
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        char *base;
        if (n <= 5 || strcmp(de->d_name + n - 5, ".json") != 0)
            continue;
        base = xstrndup(de->d_name, n - 5);
        if (store_snap_name_ok(base))
            strlist_push_owned(names, base);
        else
            free(base);
    }
    closedir(d);
    if (names->n > 1)
        qsort(names->v, names->n, sizeof(*names->v), cmp_snap);
}

/* The snapshots of the cooperation in dirfd as it stands: a snapshot whose
 * step a crash left unfinished is not listed (readers see the cooperation as
 * before that step; the next write completes it). */
int store_list_snapshots(int dirfd, const char *dirpath, const char *id, struct strlist *names,
                         int with_pending, struct cc_err *err)
{
    int snapfd = store_open_snapdir(dirfd, dirpath, 0, err);
    char pending[32];
    if (snapfd < 0)
        return err && err->code == ENOENT ? 0 : -1;
    list_snapdir(snapfd, names);
    if (!with_pending && names->n && store_step_pending(dirfd, dirpath, id, pending))
        strlist_remove(names, pending);
    return 0;
}

int store_snapshots(const char *data, const char *id, struct strlist *names, struct cc_err *err)
{
    char *dir = fs_join(data, id);
    int dirfd = store_open_coop(data, id, err), rc;
    if (dirfd < 0) {
        free(dir);
        return err && err->code == ENOENT ? 0 : -1;   /* no cooperation: no snapshots */
    }
    rc = store_list_snapshots(dirfd, dir, id, names, 0, err);
    if (rc != 0)
        cc_error_prefix(err, _("cannot read the snapshots"));
    close(dirfd);
    free(dir);
    return rc;
}

int store_load_ro_snapshots(int datafd, const char *data, const char *id,
                            const struct catalog_set *cats, struct assessment **out,
                            struct strlist *names, struct cc_err *err, struct cc_err *snap_err)
{
    char *dir;
    int dirfd, rc;
    *out = NULL;
    if ((dirfd = open_coop_at(datafd, data, id, err)) < 0)
        return -1;
    rc = load_working(dirfd, data, id, cats, LOAD_RO, out, err);
    if (rc == 0 && names) {
        dir = fs_join(data, id);
        if (store_list_snapshots(dirfd, dir, id, names, 0, snap_err) != 0) {
            cc_error_prefix(snap_err, _("cannot read the snapshots"));
            rc = 1;
        }
        free(dir);
    }
    close(dirfd);
    return rc;
}

int store_load_snapshot(const char *data, const char *id, const char *name,
                        const struct catalog_set *cats, struct assessment **out,
                        struct cc_err *err)
{
    char *dir, *path, *file, pending[32];
    int dirfd, snapfd, rc;
    *out = NULL;
    if (!store_snap_name_ok(name))
        return cc_error(err, _("\"%s\" is not a snapshot name (they look like 20261127T034521Z; "
                           "'coopcheck snapshots %s' lists them)"), name, id);
    if ((dirfd = store_open_coop(data, id, err)) < 0)
        return -1;
    dir = fs_join(data, id);
    path = xasprintf("%s/%s/%s.json", dir, SNAP_DIR_NAME, name);
    file = xasprintf("%s.json", name);
    if (store_step_pending(dirfd, dir, id, pending) && strcmp(pending, name) == 0)
        rc = cc_error_code(err, ENOENT, _("the snapshot step of %s is not complete"), name);
    else if ((snapfd = store_open_snapdir(dirfd, dir, 0, err)) < 0)
        rc = -1;
    else {
        rc = load_at(snapfd, file, path, cats, NULL, LOAD_SHA, out, err);
        close(snapfd);
    }
    if (rc != 0 && err && err->code == ENOENT)
        cc_error_code(err, ENOENT, _("cooperation \"%s\" has no snapshot \"%s\" ('coopcheck "
                         "snapshots %s' lists them)"), id, name, id);
    free(file);
    free(path);
    free(dir);
    close(dirfd);
    return rc;
}

int store_round_untouched(const char *data, const struct catalog_set *cats,
                          const struct assessment *a)
{
    struct assessment *snap = NULL;
    struct cc_err err;
    int same;
    if (!assessment_untouched(a))
        return 0;
    if (store_load_snapshot(data, a->coop.id, a->round_based_on, cats, &snap, &err) != 0)
        return 1;   /* a snapshot that cannot be read: as the times say */
    same = assessment_same_content(snap, a);
    assessment_free(snap);
    return same;
}

/* ---- cooperations ---- */

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

int store_has_working(int datafd, const char *id)
{
    char *p = fs_join(id, WORKING_NAME);
    struct stat st;
    int r = fstatat(datafd, p, &st, AT_SYMLINK_NOFOLLOW) == 0 ? 1 : errno == ENOENT ? 0 : -1;
    free(p);
    return r;
}

static int list_coops(const char *data, int check_file, struct strlist *ids, struct cc_err *err);

int store_coops(const char *data, struct strlist *ids, struct cc_err *err)
{
    return list_coops(data, 1, ids, err);
}

int store_coop_dirs(const char *data, struct strlist *ids, struct cc_err *err)
{
    return list_coops(data, 0, ids, err);
}

static int list_coops(const char *data, int check_file, struct strlist *ids, struct cc_err *err)
{
    DIR *d = opendir(data);
    struct dirent *de;
    if (!d) {
        if (errno == ENOENT)
            return 0;
        return cc_error_code(err, errno, _("cannot read the data directory '%s': %s"), data,
                             strerror(errno));
    }
    while ((de = readdir(d)) != NULL) {
        struct stat st;
        char *p;
        if (!coop_id_valid(de->d_name))
            continue;
        /* the entry's type, when the file system gives it, spares a stat
         * (one system call for each of 10,000 cooperations) */
        if (de->d_type == DT_UNKNOWN) {
            if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
                continue;
            de->d_type = S_ISLNK(st.st_mode) ? DT_LNK : S_ISDIR(st.st_mode) ? DT_DIR : DT_REG;
        }
        if (de->d_type == DT_LNK) {
            /* listed, so that loading it says why it is refused */
            strlist_push(ids, de->d_name);
            continue;
        }
        if (de->d_type != DT_DIR)
            continue;
        if (!check_file) {
            strlist_push(ids, de->d_name);
            continue;
        }
        p = xasprintf("%s/%s", de->d_name, WORKING_NAME);
        if (fstatat(dirfd(d), p, &st, AT_SYMLINK_NOFOLLOW) == 0)
            strlist_push(ids, de->d_name);
        free(p);
    }
    closedir(d);
    if (ids->n > 1)
        qsort(ids->v, ids->n, sizeof(*ids->v), cmp_str);
    return 0;
}

/* ---- due dates ---- */

void store_snap_time(const char *name, char out[CC_ISO_LEN])
{
    if (name && strlen(name) >= 16)
        snprintf(out, CC_ISO_LEN, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", name, name + 4, name + 6,
                 name + 9, name + 11, name + 13);
    else
        out[0] = '\0';
}

/* The first 10 characters of s (a date), or fewer when s is shorter. */
static void copy_date(char out[11], const char *s)
{
    size_t n = strnlen(s, 10);
    memcpy(out, s, n);
    out[n] = '\0';
}

static void format_date(char out[11], int y, int m, int d)
{
    if (y < 0 || y > 9999 || m < 0 || m > 99 || d < 0 || d > 99) {
        snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
        return;
    }
    /* by hand: for every cooperation of list and due, snprintf was a
     * tenth of the time */
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

void store_due(const struct assessment *a, struct store_due *d)
{
    int y, m, day;
    char today[CC_ISO_LEN], base[11];
    const char *n = a->round_based_on;   /* 20261127T034521Z: the last complete snapshot */
    memset(d, 0, sizeof(*d));
    d->interim = a->last_snapshot && (!n || strcmp(a->last_snapshot, n) != 0);
    d->never = n == NULL;
    store_snap_time(n, d->last);
    if (d->last[0]) {
        copy_date(base, d->last);
    } else {
        /* never assessed: due from the start (or the creation), not an interval later */
        copy_date(base, a->coop.start ? a->coop.start : a->created_at ? a->created_at : "1970-01-01");
    }
    if (cc_parse_date(base, &y, &m, &day) != 0) {
        y = 1970;
        m = day = 1;
    }
    if (!d->never)
        cc_add_months(&y, &m, &day, a->coop.interval_months);
    format_date(d->next, y, m, day);
    cc_now(today);
    if (strncmp(d->next, today, 10) < 0) {
        d->status = DUE_OVERDUE;
    } else {
        int ty, tm, td;
        char soon[11];
        copy_date(soon, today);
        cc_parse_date(soon, &ty, &tm, &td);
        cc_add_months(&ty, &tm, &td, 1);
        format_date(soon, ty, tm, td);
        d->status = strcmp(d->next, soon) <= 0 ? DUE_SOON : DUE_OK;
    }
}

