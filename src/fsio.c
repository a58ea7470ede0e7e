/* fsio.c — careful file I/O: atomic replacement, no-clobber creation, bounded
 * reads, private directories.  See fsio.h.
 *
 * The system calls whose failure the tests simulate (write, fsync, rename,
 * link, close) are called directly from this file, so that the test program
 * can intercept them with the linker's --wrap (see WRAP_test_fsio in the
 * Makefile). */
#define _GNU_SOURCE   /* sync_file_range */
#include "fsio.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "proc.h"

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_DIRECTORY
#define O_DIRECTORY 0
#endif
#ifndef O_NOFOLLOW
#define O_NOFOLLOW 0
#endif

#define FILE_MODE 0600
#define DIR_MODE 0700
/* Largest single write() request; keeps every count well inside ssize_t. */
#define WRITE_CHUNK ((size_t)1 << 30)
/* Room left in a file name for the temporary name's decoration. */
#define TEMP_BASE_MAX 200

/* Splits path into its directory ("." when there is none, "/" for the root)
 * and its last component.  Both are allocated. */
static void split_path(const char *path, char **dir, char **base)
{
    const char *slash = strrchr(path, '/');

    if (!slash) {
        *dir = xstrdup(".");
        *base = xstrdup(path);
        return;
    }
    *base = xstrdup(slash + 1);
    while (slash > path && slash[-1] == '/')
        slash--;
    if (slash == path)
        *dir = xstrdup("/");
    else
        *dir = xstrndup(path, (size_t)(slash - path));
}

/* A few random-ish bits for temporary names; uniqueness is guaranteed by
 * O_EXCL, this only makes collisions unlikely. */
static uint64_t temp_seed(void)
{
    static uint64_t counter;
    struct timespec ts;
    uint64_t x;

    clock_gettime(CLOCK_REALTIME, &ts);
    x = (uint64_t)ts.tv_sec * 1000000007u ^ (uint64_t)ts.tv_nsec;
    x ^= (uint64_t)getpid() << 32;
    x += ++counter * 0x9e3779b97f4a7c15u;
    /* splitmix64 finaliser */
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    return x ^ (x >> 31);
}

/* Creates a new, empty temporary file ".BASE.tmp-PID-XXXXXXXX" in dirfd with
 * O_CREAT|O_EXCL|O_NOFOLLOW and mode 0600 (fchmod'ed, so the umask does not
 * matter).  The pid in the name lets a later writer recognise the file of a
 * process that was killed (fs_clean_temps).  Returns the descriptor and the
 * name (relative to dirfd) in *tmp, or -1 with err set; path names the target
 * in messages. */
static int open_temp(int dirfd, const char *base, const char *path, char **tmp, struct cc_err *err)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    int attempt;

    for (attempt = 0; attempt < 100; attempt++) {
        uint64_t r = temp_seed();
        char suffix[9];
        char *name;
        int fd, i;

        for (i = 0; i < 8; i++) {
            suffix[i] = alphabet[r % (sizeof(alphabet) - 1)];
            r /= sizeof(alphabet) - 1;
        }
        suffix[8] = '\0';
        name = xasprintf(".%.*s.tmp-%ld-%s", TEMP_BASE_MAX, base, (long)getpid(), suffix);
        fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, FILE_MODE);
        if (fd < 0) {
            int e = errno;
            free(name);
            if (e == EEXIST)
                continue;
            return cc_error_code(err, e, _("cannot write '%s': cannot create a temporary file beside it: %s"),
                                 path, strerror(e));
        }
        if (fchmod(fd, FILE_MODE) < 0) {
            int e = errno;
            close(fd);
            unlinkat(dirfd, name, 0);
            free(name);
            return cc_error_code(err, e, _("cannot write '%s': cannot make the temporary file private: %s"),
                                 path, strerror(e));
        }
        *tmp = name;
        return fd;
    }
    return cc_error_code(err, EEXIST,
                         _("cannot write '%s': cannot find an unused temporary file name beside it"), path);
}

/* Writes all of data[0..len), retrying short writes and EINTR. */
static int write_all(int fd, const void *data, size_t len, const char *path, struct cc_err *err)
{
    const char *p = data;

    while (len > 0) {
        size_t want = len < WRITE_CHUNK ? len : WRITE_CHUNK;
        ssize_t n = write(fd, p, want);
        if (n < 0) {
            int e = errno;
            if (e == EINTR)
                continue;
            if (e == EFBIG)   /* a system limit, like a full disk: ENOSPC (EFBIG means
                               * a file too large to be valid when reading) */
                return cc_error_code(err, ENOSPC, _("cannot write '%s': the file would be larger "
                                        "than this process may write (ulimit -f)"), path);
            return cc_error_code(err, e, _("cannot write '%s': %s"), path, strerror(e));
        }
        if (n == 0)
            return cc_error_code(err, EIO, _("cannot write '%s': the system accepted no data"), path);
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

struct fs_out {
    int fd;
    const char *path;
    struct cc_err *err;
    int sync;                   /* an fsync comes at the end */
    off_t written, started;     /* bytes written; of them, sent to the disk */
};

/* Every MiB written of a file that will be flushed is sent on to the disk at
 * once (sync_file_range, which only starts the writing): the disk writes
 * while the rest is formatted, and the fsync at the end waits for less (a
 * save of 7 MiB: about 8 ms of fsync).  The fsync still makes it durable. */
#define FS_START_EVERY ((off_t)1 << 20)

int fs_out_write(struct fs_out *o, const void *data, size_t len)
{
    if (write_all(o->fd, data, len, o->path, o->err) != 0)
        return -1;
    o->written += (off_t)len;
    if (o->sync && o->written - o->started >= FS_START_EVERY) {
        (void)sync_file_range(o->fd, o->started, o->written - o->started, SYNC_FILE_RANGE_WRITE);
        o->started = o->written;
    }
    return 0;
}

struct buffer {
    const void *data;
    size_t len;
};

static int write_buffer(struct fs_out *o, void *arg)
{
    const struct buffer *b = arg;
    return fs_out_write(o, b->data, b->len);
}

/* Creates a temporary file in dirfd holding what fn writes, flushed to disk
 * (unless FS_NO_SYNC) and closed.  On success *tmp names it and, when keep
 * is not NULL, *keep is a second descriptor of it (for fstat after the
 * rename: see fs_replace_at; the caller closes it); on failure nothing is
 * left behind. */
static int write_temp(int dirfd, const char *base, const char *path, fs_producer fn, void *arg,
                      unsigned flags, char **tmp, int *keep, struct cc_err *err)
{
    char *name = NULL;
    int fd = open_temp(dirfd, base, path, &name, err), kept = -1;
    struct fs_out out = { fd, path, err, !(flags & FS_NO_SYNC), 0, 0 };

    if (fd < 0)
        return -1;
    if (fn(&out, arg) < 0)
        goto fail_open;
    if (!(flags & FS_NO_SYNC) && fsync(fd) < 0) {
        int e = errno;
        cc_error_code(err, e, _("cannot write '%s': cannot flush it to disk: %s"), path, strerror(e));
        goto fail_open;
    }
    if (keep && (kept = fcntl(fd, F_DUPFD_CLOEXEC, 0)) < 0) {
        int e = errno;
        cc_error_code(err, e, _("cannot write '%s': %s"), path, strerror(e));
        goto fail_open;
    }
    /* Delayed write errors (e.g. on network file systems) show up here.  The
     * descriptor is released even when close fails: never retry it. */
    if (close(fd) < 0) {
        int e = errno;
        cc_error_code(err, e, _("cannot write '%s': %s"), path, strerror(e));
        goto fail_closed;
    }
    *tmp = name;
    if (keep)
        *keep = kept;
    return 0;

fail_open:
    close(fd);
fail_closed:
    if (kept >= 0)
        close(kept);
    unlinkat(dirfd, name, 0);
    free(name);
    return -1;
}

int fs_sync_dir(int dirfd, const char *path, struct cc_err *err)
{
    /* File systems that cannot sync a directory say EINVAL (or ENOTSUP):
     * there is nothing more to do there. */
    if (fsync(dirfd) < 0) {
        int e = errno;
        if (e != EINVAL && e != ENOTSUP)
            return cc_error_code(err, e, _("'%s' was written, but its directory cannot be flushed "
                                    "to disk: %s"), path, strerror(e));
    }
    return 0;
}

/* Common checks on a name to be written in a directory: not empty, not "."
 * or "..", and not something other than a regular file (a symbolic link, a
 * FIFO, a device, a directory), which is never replaced. */
static int check_target(int dirfd, const char *base, const char *path, struct cc_err *err)
{
    struct stat st;
    if (!*path)
        return cc_error_code(err, ENOENT, _("cannot write a file with an empty name"));
    if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
        return cc_error_code(err, EISDIR, _("cannot write '%s': it names a directory, not a file"), path);
    if (fstatat(dirfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(st.st_mode))
        return cc_error_code(err, S_ISDIR(st.st_mode) ? EISDIR : EINVAL,
                             _("cannot write '%s': it is %s, not a regular file, and is not replaced"),
                             path, fs_kind(st.st_mode));
    return 0;
}

const char *fs_kind(mode_t mode)
{
    if (S_ISLNK(mode))
        return _("a symbolic link");
    if (S_ISDIR(mode))
        return _("a directory");
    if (S_ISFIFO(mode))
        return _("a FIFO");
    if (S_ISCHR(mode))
        return _("a character device");
    if (S_ISBLK(mode))
        return _("a block device");
    if (S_ISSOCK(mode))
        return _("a socket");
    return S_ISREG(mode) ? _("a regular file") : _("not a regular file");
}

int fs_replace_at(int dirfd, const char *name, const char *path, const void *data, size_t len,
                  unsigned flags, struct stat *st, struct cc_err *err)
{
    struct buffer b = { data, len };
    return fs_replace_at_with(dirfd, name, path, write_buffer, &b, flags, st, err);
}

/* Descriptors of replaced files, to be closed later (FS_KEEP_REPLACED);
 * only the main thread saves. */
static int retired[FS_RETIRED_MAX];
static size_t nretired;

static void retire(int fd)
{
    if (fd < 0)
        return;
    if (nretired == FS_RETIRED_MAX) {
        close(retired[0]);
        memmove(retired, retired + 1, (FS_RETIRED_MAX - 1) * sizeof(*retired));
        nretired--;
    }
    retired[nretired++] = fd;
}

void fs_retired_close(void)
{
    while (nretired)
        close(retired[--nretired]);
}

int fs_replace_at_with(int dirfd, const char *name, const char *path, fs_producer fn, void *arg,
                       unsigned flags, struct stat *st, struct cc_err *err)
{
    char *tmp = NULL;
    int keep = -1, ret = 0, old = -1;

    if (check_target(dirfd, name, path, err) < 0 ||
        write_temp(dirfd, name, path, fn, arg, flags, &tmp, st ? &keep : NULL, err) < 0)
        return -1;
    if (flags & FS_KEEP_REPLACED)   /* (O_NONBLOCK: never wait on a FIFO put there) */
        old = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (renameat(dirfd, tmp, dirfd, name) < 0) {
        int e = errno;
        cc_error_code(err, e, _("cannot replace '%s': %s"), path, strerror(e));
        unlinkat(dirfd, tmp, 0);
        free(tmp);
        if (keep >= 0)
            close(keep);
        if (old >= 0)
            close(old);
        return -1;
    }
    retire(old);
    free(tmp);
    if (keep >= 0) {
        /* after the rename, which sets the file's ctime on most file systems;
         * on its own descriptor, so that it is this file whatever is at name
         * by now */
        if (fstat(keep, st) != 0)
            memset(st, 0, sizeof(*st));
        close(keep);
    }
    if (!(flags & FS_NO_SYNC))
        ret = fs_sync_dir(dirfd, path, err);
    return ret;
}

int fs_write_atomic_at(int dirfd, const char *name, const char *path, const void *data, size_t len,
                       struct cc_err *err)
{
    return fs_replace_at(dirfd, name, path, data, len, 0, NULL, err);
}

int fs_write_new_at(int dirfd, const char *name, const char *path, const void *data, size_t len,
                    struct cc_err *err)
{
    char *tmp = NULL;
    struct stat st;

    if (check_target(dirfd, name, path, err) < 0)
        return -1;
    /* Fail early, without writing anything, in the common case. */
    if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
        return cc_error_code(err, EEXIST, _("cannot create '%s': the file already exists"), path);
    {
        struct buffer b = { data, len };
        if (write_temp(dirfd, name, path, write_buffer, &b, 0, &tmp, NULL, err) < 0)
            return -1;
    }
    /* link() never replaces an existing name: that is the real check. */
    if (linkat(dirfd, tmp, dirfd, name, 0) < 0) {
        int e = errno;
        if (e == EEXIST)
            cc_error_code(err, EEXIST, _("cannot create '%s': the file already exists"), path);
        else
            cc_error_code(err, e, _("cannot create '%s': %s"), path, strerror(e));
        unlinkat(dirfd, tmp, 0);
        free(tmp);
        return -1;
    }
    unlinkat(dirfd, tmp, 0);
    free(tmp);
    return fs_sync_dir(dirfd, path, err);
}

/* Opens the directory that holds path (following links: the caller named
 * it); *base is the last component (allocated). */
static int open_parent(const char *path, char **base, struct cc_err *err)
{
    char *dir;
    int fd;
    split_path(path, &dir, base);
    fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        cc_error_code(err, e, _("cannot write '%s': cannot open its directory '%s': %s"), path, dir,
                      strerror(e));
    }
    free(dir);
    return fd;
}

typedef int (*write_at_fn)(int dirfd, const char *name, const char *path, const void *data,
                           size_t len, struct cc_err *err);

/* A path-based write: the *_at function in the path's directory. */
static int write_path(write_at_fn fn, const char *path, const void *data, size_t len,
                      struct cc_err *err)
{
    char *base = NULL;
    int ret = -1, dirfd;

    if (!*path)
        return cc_error_code(err, ENOENT, _("cannot write a file with an empty name"));
    dirfd = open_parent(path, &base, err);
    if (dirfd >= 0) {
        ret = fn(dirfd, base, path, data, len, err);
        close(dirfd);
    }
    free(base);
    return ret;
}

int fs_write_atomic(const char *path, const void *data, size_t len, struct cc_err *err)
{
    return write_path(fs_write_atomic_at, path, data, len, err);
}

int fs_write_new(const char *path, const void *data, size_t len, struct cc_err *err)
{
    return write_path(fs_write_new_at, path, data, len, err);
}

int fs_open_dir_at(int dirfd, const char *name, const char *path, int create, struct cc_err *err)
{
    int fd;
    for (int attempt = 0; attempt < 2; attempt++) {
        fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
        if (fd >= 0)
            return fd;
        if (errno == ENOENT && create && attempt == 0) {
            if (mkdirat(dirfd, name, DIR_MODE) == 0 || errno == EEXIST) {
                /* 0700 whatever the umask; a failure shows in the open below */
                int nd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
                if (nd >= 0) {
                    fchmod(nd, DIR_MODE);
                    if (fs_sync_dir(dirfd, path, err) != 0) {
                        close(nd);
                        return -1;
                    }
                    return nd;
                }
            }
            continue;
        }
        break;
    }
    {
        int e = errno;
        struct stat st;
        if ((e == ELOOP || e == ENOTDIR) && fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
            if (S_ISLNK(st.st_mode))
                return cc_error_code(err, EINVAL, _("'%s' is a symbolic link; coopcheck does not follow "
                                        "links inside the data directory (they could lead its writes "
                                        "elsewhere): replace it with the directory itself"), path);
            return cc_error_code(err, ENOTDIR, _("'%s' is %s, not a directory"), path,
                                 fs_kind(st.st_mode));
        }
        return cc_error_code(err, e, _("cannot open the directory '%s': %s"), path, strerror(e));
    }
}

int fs_remove_at(int dirfd, const char *name, const char *path, unsigned flags, struct cc_err *err)
{
    if (unlinkat(dirfd, name, 0) != 0) {
        int e = errno;
        if (e == ENOENT)
            return 0;
        return cc_error_code(err, e, _("cannot remove '%s': %s"), path, strerror(e));
    }
    return flags & FS_NO_SYNC ? 0 : fs_sync_dir(dirfd, path, err);
}

int fs_unlink_at(int dirfd, const char *name, const char *path, struct cc_err *err)
{
    return fs_remove_at(dirfd, name, path, 0, err);
}

/* The pid in a temporary name ".BASE.tmp-PID-XXXXXXXX": 1 and *pid, or 0
 * when name is not one; -1 for the older form ".BASE.tmp-XXXXXXXX" (no pid). */
static int temp_name_pid(const char *name, long *pid)
{
    const char *t, *p;
    size_t n = strlen(name);
    if (name[0] != '.' || n < 15)
        return 0;
    for (size_t i = n - 8; i < n; i++)
        if (!isalnum((unsigned char)name[i]))
            return 0;
    if (n >= 13 && strncmp(name + n - 13, ".tmp-", 5) == 0)
        return -1;
    if (name[n - 9] != '-')
        return 0;
    p = name + n - 9;
    for (t = p; t > name && isdigit((unsigned char)t[-1]); t--)
        ;
    if (t == p || t - name < 6 || strncmp(t - 5, ".tmp-", 5) != 0)
        return 0;
    *pid = strtol(t, NULL, 10);
    return 1;
}

DIR *fs_opendir_dup(int dirfd)
{
    int fd = dup(dirfd);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d && fd >= 0)
        close(fd);
    if (d)
        rewinddir(d);   /* the duplicate shares the position of dirfd */
    return d;
}

size_t fs_clean_temps(int dirfd)
{
    DIR *d = fs_opendir_dup(dirfd);
    struct dirent *de;
    size_t removed = 0;
    time_t now = time(NULL);
    if (!d)
        return 0;
    while ((de = readdir(d)) != NULL) {
        struct stat st;
        time_t started;
        long pid = 0;
        int kind = temp_name_pid(de->d_name, &pid);
        int stale;
        if (kind == 0 || fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISREG(st.st_mode))
            continue;
        if (kind < 0)   /* no pid to ask: stale once it is ten minutes old */
            stale = st.st_mtime < now - 600;
        else if (pid == (long)getpid())
            stale = 0;  /* ours: we are not in the middle of a write */
        else            /* its writer is gone, or the pid now names a younger process */
            stale = proc_start_time(pid, &started) != 0 || started > st.st_mtime + 2;
        if (stale && unlinkat(dirfd, de->d_name, 0) == 0)
            removed++;
    }
    closedir(d);
    return removed;
}

int fs_mkdir_p(const char *path, struct cc_err *err)
{
    char *p;
    size_t i, end;
    int ret = 0;

    if (!*path)
        return cc_error_code(err, ENOENT, _("cannot create a directory with an empty name"));
    p = xstrdup(path);
    i = 0;
    while (p[i]) {
        struct stat st;
        char saved;

        while (p[i] == '/')
            i++;
        if (!p[i])
            break;
        end = i;
        while (p[end] && p[end] != '/')
            end++;
        saved = p[end];
        p[end] = '\0'; /* p is now the prefix up to this component */
        if (mkdir(p, DIR_MODE) == 0) {
            if (chmod(p, DIR_MODE) < 0) {
                int e = errno;
                ret = cc_error_code(err, e, _("cannot set the permissions of directory '%s': %s"), p,
                                    strerror(e));
                break;
            }
        } else {
            int e = errno;
            if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
                /* Already there: left as it is. */
            } else if (e == EEXIST) {
                ret = cc_error_code(err, ENOTDIR, _("cannot create directory '%s': '%s' exists and is not a directory"),
                                    path, p);
                break;
            } else {
                ret = cc_error_code(err, e, _("cannot create directory '%s': %s"), p, strerror(e));
                break;
            }
        }
        p[end] = saved;
        i = end;
    }
    free(p);
    return ret;
}

int fs_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

char *fs_join(const char *dir, const char *name)
{
    size_t dlen = strlen(dir);

    if (dlen == 0)
        return xstrdup(name);
    while (dlen > 0 && dir[dlen - 1] == '/')
        dlen--;
    while (*name == '/')
        name++;
    {
        size_t nlen = strlen(name);
        char *p = xmalloc(dlen + nlen + 2);   /* no printf: a path is made for every file */
        memcpy(p, dir, dlen);
        p[dlen] = '/';
        memcpy(p + dlen + 1, name, nlen + 1);
        return p;
    }
}
