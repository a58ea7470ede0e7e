/* store_lock.c — the two locks of a cooperation.
 *
 * The write lock (DATA/ID/write.lock) is an flock held for one
 * read-modify-write: every command that changes a cooperation, and every save
 * of the interface, takes it, so two writers never lose each other's change.
 * The file's content only says who holds it, for the message of one who
 * waited in vain; the flock itself is what excludes, and the kernel drops it
 * when its holder dies, so it is never stale.
 *
 * The editor's lock (DATA/ID/lock) says that an interface has the
 * cooperation open: "user\nhost\npid\nsince\nstart\nboot\n" (start: the
 * process's start in clock ticks since boot; boot: the boot id; both missing
 * in locks of older versions).  It is taken and checked under the write
 * lock.
 *
 * It is written atomically (a temporary file renamed over it) but not
 * flushed to disk, and removed without flushing the directory: the two
 * fsyncs were a fifth of the time to the interface's first frame, and the
 * lock need not survive a crash, because after a crash it is stale anyway:
 *  - a reader never sees a half-written lock: the rename replaces it whole,
 *    and every writer holds the write lock;
 *  - only a crash of the system (power, kernel) can lose what was not
 *    flushed, and after one no process that held a lock runs any more;
 *  - the lock may then be missing (nobody holds it: right), the one before
 *    or the new one (both name the boot before the crash, so lock_stale
 *    finds them stale: proc_running compares the boot id, and locks of
 *    older versions without one are checked by pid and start time), an
 *    unlink undone (the same), or empty or cut short by the file system
 *    (no complete content: stale too, see lock_complete; a running coopcheck
 *    never leaves one, so treating it as stale takes nobody's lock);
 *  - on a network file system, close and rename are stable on the server
 *    when they return, so a live holder's lock survives a crash of the
 *    server too.
 * The cooperation's data is never written this way. */
#include "store.h"
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cctime.h"
#include "fsio.h"
#include "i18n.h"
#include "proc.h"
#include "textutil.h"

#ifndef O_NOFOLLOW
#define O_NOFOLLOW 0
#endif

#define LOCK_TIMEOUT_MS 10000

/* ---- the write lock ---- */

static long lock_timeout_ms(void)
{
    const char *e = getenv("COOPCHECK_LOCK_TIMEOUT");
    char *end;
    long v;
    if (!e || !*e)
        return LOCK_TIMEOUT_MS;
    v = strtol(e, &end, 10);
    return *end || v < 0 ? LOCK_TIMEOUT_MS : v;
}

static long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void nap_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* The message for a writer that waited in vain: who holds the lock, as its
 * holder wrote it ("pid\nsince\n"). */
static int write_busy(struct store_w *w, long waited, struct cc_err *err)
{
    char buf[256] = "";
    ssize_t n = pread(w->lockfd, buf, sizeof(buf) - 1, 0);
    long pid = 0;
    char since[CC_ISO_LEN] = "?";
    if (n > 0) {
        buf[n] = '\0';
        if (sscanf(buf, "%ld\n%20s", &pid, since) < 1)
            pid = 0;
    }
    return cc_error_code(err, EBUSY, _("cooperation \"%s\" is being changed by another coopcheck "
                            "(process %ld, since %s); waited %.1f s for it to finish and changed "
                            "nothing: try again"), w->id, pid, since, (double)waited / 1000);
}

static int take_write_lock(struct store_w *w, struct cc_err *err)
{
    char *path = fs_join(w->dir, WRITE_LOCK_NAME), text[64], now[CC_ISO_LEN];
    long start = mono_ms(), limit = lock_timeout_ms(), pause = 1;
    int n;
    w->lockfd = openat(w->dirfd, WRITE_LOCK_NAME, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (w->lockfd < 0) {
        int e = errno;
        if (e == ELOOP)
            cc_error_code(err, EINVAL, _("'%s' is a symbolic link; coopcheck does not follow links "
                             "inside the data directory: remove it"), path);
        else
            cc_error_code(err, e, _("cannot open the write lock '%s': %s"), path, strerror(e));
        free(path);
        return -1;
    }
    free(path);
    fchmod(w->lockfd, 0600);
    while (flock(w->lockfd, LOCK_EX | LOCK_NB) != 0) {
        long waited = mono_ms() - start;
        if (errno != EWOULDBLOCK && errno != EINTR)
            return cc_error_code(err, errno, _("cannot lock cooperation \"%s\": %s"), w->id, strerror(errno));
        if (waited >= limit)
            return write_busy(w, waited, err);
        nap_ms(pause < limit - waited ? pause : limit - waited);
        if (pause < 20)
            pause *= 2;
    }
    cc_now(now);
    /* Only informative (the flock is what counts), so written in place and
     * padded to one length: the file is then rewritten in its block, never
     * truncated (a truncation cost a tenth of a millisecond or more, on
     * every write of a cooperation). */
    n = snprintf(text, sizeof(text), "%-20ld\n%-20s\n", (long)getpid(), now);
    if (pwrite(w->lockfd, text, (size_t)n, 0) == n) {
        struct stat st;
        if (fstat(w->lockfd, &st) == 0 && st.st_size > n && ftruncate(w->lockfd, n) != 0) {
            /* a longer text of an older version: the reader stops at the first line anyway */
        }
    }
    return 0;
}

int store_w_open(const char *data, const char *id, struct store_w *w, struct cc_err *err)
{
    int snapfd;
    struct cc_err e;
    memset(w, 0, sizeof(*w));
    w->dirfd = w->lockfd = -1;
    w->data = xstrdup(data);
    w->id = xstrdup(id);
    w->dir = fs_join(data, id);
    if ((w->dirfd = store_open_coop(data, id, err)) < 0 || take_write_lock(w, err) != 0 ||
        store_step_recover(w, err) != 0 || store_rename_recover(w, err) != 0) {
        store_w_close(w);
        return -1;
    }
    fs_clean_temps(w->dirfd);
    snapfd = store_open_snapdir(w->dirfd, w->dir, 0, &e);
    if (snapfd >= 0) {
        fs_clean_temps(snapfd);
        close(snapfd);
    }
    return 0;
}

void store_w_close(struct store_w *w)
{
    if (w->lockfd >= 0)
        close(w->lockfd);   /* drops the flock */
    if (w->dirfd >= 0)
        close(w->dirfd);
    free(w->data);
    free(w->id);
    free(w->dir);
    memset(w, 0, sizeof(*w));
    w->dirfd = w->lockfd = -1;
}

/* ---- the editor's lock ---- */

struct lockinfo {
    char user[64], host[256], since[CC_ISO_LEN];
    struct proc_id proc;
    int complete;   /* every line a lock has, with a host and a pid */
};

/* A lock coopcheck wrote whole has at least the four lines of the oldest
 * version, each ended by '\n', and no NUL byte (a file system may leave a
 * lock that was not flushed empty, cut short or full of zeros after a
 * crash). */
static int lock_complete(const char *buf, size_t len)
{
    size_t lines = 0;
    if (len == 0 || strlen(buf) != len || buf[len - 1] != '\n')
        return 0;
    for (size_t i = 0; i < len; i++)
        lines += buf[i] == '\n';
    return lines >= 4;
}

/* Reads the editor's lock: 1 when there is one, 0 when not, -1 when it
 * cannot be read (err: why; a symbolic link is refused). */
static int read_lock(struct store_w *w, struct lockinfo *li, struct cc_err *err)
{
    char *buf, *save = NULL, *line, *path = fs_join(w->dir, EDIT_LOCK_NAME);
    size_t len;
    int n = 0;
    memset(li, 0, sizeof(*li));
    if (fs_read_at(w->dirfd, EDIT_LOCK_NAME, path, 4096, &buf, &len, err) != 0) {
        free(path);
        return err && err->code == ENOENT ? 0 : -1;
    }
    free(path);
    li->complete = lock_complete(buf, len);
    for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
        switch (n) {
        case 0: snprintf(li->user, sizeof(li->user), "%s", line); break;
        case 1: snprintf(li->host, sizeof(li->host), "%s", line); break;
        case 2: li->proc.pid = strtol(line, NULL, 10); break;
        case 3: snprintf(li->since, sizeof(li->since), "%s", line); break;
        case 4: li->proc.start = strtoull(line, NULL, 10); break;
        case 5: snprintf(li->proc.boot, sizeof(li->proc.boot), "%.39s", line); break;
        default: break;
        }
    }
    free(buf);
    li->complete = li->complete && li->host[0] && li->proc.pid > 0;
    return 1;
}

static int same_host(const struct lockinfo *li)
{
    char *host = cc_host();
    int same = strcmp(host, li->host) == 0;
    free(host);
    return same;
}

static int is_mine(const struct lockinfo *li)
{
    struct proc_id me;
    proc_self(&me);
    return same_host(li) && li->proc.pid == me.pid && (!li->proc.start || li->proc.start == me.start);
}

/* 1 when the lock's process is gone: same host, and not running any more;
 * or when the lock is not complete, which only a crash leaves (see the
 * comment at the top). */
static int lock_stale(const struct lockinfo *li)
{
    if (!li->complete)
        return 1;
    return same_host(li) && !proc_running(&li->proc);
}

static void describe(struct sbuf *out, const struct lockinfo *li)
{
    struct sbuf user, host;
    sbuf_init(&user);
    sbuf_init(&host);
    text_sanitize(&user, li->user, 0);
    text_sanitize(&host, li->host, 0);
    /* TRANSLATORS: who holds a lock: user, host, process id, ISO time */
    sbuf_addf(out, _("%s on %s, process %ld, since %s"), user.buf, host.buf, li->proc.pid,
              li->since[0] ? li->since : "?");
    sbuf_release(&user);
    sbuf_release(&host);
}

static int lock_busy(const char *id, const struct lockinfo *li, struct cc_err *err)
{
    struct sbuf who;
    int rc;
    sbuf_init(&who);
    describe(&who, li);
    if (same_host(li))
        rc = cc_error_code(err, EBUSY, _("cooperation \"%s\" is open in another coopcheck: %s; "
                              "wait until it is closed"), id, who.buf);
    else
        rc = cc_error_code(err, EBUSY, _("cooperation \"%s\" is open in another coopcheck: %s; "
                              "wait until it is closed there (if that program is gone, 'coopcheck "
                              "unlock %s' removes its lock)"), id, who.buf, id);
    sbuf_release(&who);
    return rc;
}

int store_w_check_lock(struct store_w *w, struct cc_err *err)
{
    struct lockinfo li;
    int r = read_lock(w, &li, err);
    if (r < 0)
        return -1;
    if (r == 1 && !is_mine(&li) && !lock_stale(&li))
        return lock_busy(w->id, &li, err);
    return 0;
}

int store_check_lock(const char *data, const char *id, struct cc_err *err)
{
    struct store_w w;
    int rc;
    if (store_w_open(data, id, &w, err) != 0)
        return -1;
    rc = store_w_check_lock(&w, err);
    store_w_close(&w);
    return rc;
}

int store_lock(const char *data, const char *id, struct cc_err *err)
{
    struct store_w w;
    struct lockinfo li;
    struct proc_id me;
    char *user = cc_user(), *host = cc_host(), *text, *path, now[CC_ISO_LEN];
    int rc = -1, r;
    if (store_w_open(data, id, &w, err) != 0) {
        free(user);
        free(host);
        return -1;
    }
    proc_self(&me);
    cc_now(now);
    path = fs_join(w.dir, EDIT_LOCK_NAME);
    text = xasprintf("%s\n%s\n%ld\n%s\n%llu\n%s\n", user, host, me.pid, now, me.start, me.boot);
    r = read_lock(&w, &li, err);
    if (r == 1 && is_mine(&li))
        rc = 0;
    else if (r == 1 && !lock_stale(&li))
        lock_busy(id, &li, err);
    else if (r >= 0)   /* none, or left by a process that is gone: ours now */
        rc = fs_replace_at(w.dirfd, EDIT_LOCK_NAME, path, text, strlen(text), FS_NO_SYNC, NULL, err);
    free(text);
    free(path);
    free(user);
    free(host);
    store_w_close(&w);
    return rc;
}

void store_unlock(const char *data, const char *id)
{
    struct store_w w;
    struct lockinfo li;
    struct cc_err err;
    char *path;
    if (store_w_open(data, id, &w, &err) != 0)
        return;
    path = fs_join(w.dir, EDIT_LOCK_NAME);
    if (read_lock(&w, &li, &err) == 1 && is_mine(&li))
        fs_remove_at(w.dirfd, EDIT_LOCK_NAME, path, FS_NO_SYNC, &err);
    free(path);
    store_w_close(&w);
}

int store_lock_break(const char *data, const char *id, char **whose, struct cc_err *err)
{
    struct store_w w;
    struct lockinfo li;
    char *path;
    int r, rc = -1;
    *whose = NULL;
    if (store_w_open(data, id, &w, err) != 0)
        return -1;
    path = fs_join(w.dir, EDIT_LOCK_NAME);
    r = read_lock(&w, &li, err);
    if (r == 0) {
        rc = 0;
    } else if (r == 1 && same_host(&li) && !lock_stale(&li)) {
        struct sbuf who;
        sbuf_init(&who);
        describe(&who, &li);
        cc_error_code(err, EBUSY, _("cooperation \"%s\" is open in a coopcheck that still runs "
                         "on this host (%s); its lock is not removed: quit that program instead"),
                      id, who.buf);
        sbuf_release(&who);
    } else if (r == 1 && fs_unlink_at(w.dirfd, EDIT_LOCK_NAME, path, err) == 0) {
        struct sbuf who;
        sbuf_init(&who);
        describe(&who, &li);
        *whose = sbuf_detach(&who, NULL);
        rc = 0;
    }
    free(path);
    store_w_close(&w);
    return rc;
}
