/* fsio.c — careful file I/O: atomic replacement, no-clobber creation, bounded
 * reads, private directories.  See fsio.h.
 *
 * The system calls whose failure the tests simulate (write, fsync, rename,
 * link, close) are called directly from this file, so that the test program
 * can intercept them with the linker's --wrap (see WRAP_test_fsio in the
 * Makefile). */
#include "fsio.h"

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

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_DIRECTORY
#define O_DIRECTORY 0
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

/* Creates a new, empty temporary file "DIR/.BASE.tmp-XXXXXXXX" with
 * O_CREAT|O_EXCL and mode 0600 (fchmod'ed, so the umask does not matter).
 * Returns the descriptor and the name in *tmp, or -1 with err set. */
static int open_temp(const char *path, const char *dir, const char *base, char **tmp,
                     struct cc_err *err)
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
        name = xasprintf("%s%s.%.*s.tmp-%s", dir, strcmp(dir, "/") ? "/" : "", TEMP_BASE_MAX,
                         base, suffix);
        fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, FILE_MODE);
        if (fd < 0) {
            int e = errno;
            free(name);
            if (e == EEXIST)
                continue;
            return cc_error_code(err, e, "cannot write '%s': cannot create a temporary file in '%s': %s",
                                 path, dir, strerror(e));
        }
        if (fchmod(fd, FILE_MODE) < 0) {
            int e = errno;
            close(fd);
            unlink(name);
            free(name);
            return cc_error_code(err, e, "cannot write '%s': cannot make the temporary file private: %s",
                                 path, strerror(e));
        }
        *tmp = name;
        return fd;
    }
    return cc_error_code(err, EEXIST,
                         "cannot write '%s': cannot find an unused temporary file name in '%s'", path, dir);
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
            return cc_error_code(err, e, "cannot write '%s': %s", path, strerror(e));
        }
        if (n == 0)
            return cc_error_code(err, EIO, "cannot write '%s': the system accepted no data", path);
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Creates a temporary file next to path holding data, flushed to disk and
 * closed.  On success *tmp names it; on failure nothing is left behind. */
static int write_temp(const char *path, const char *dir, const char *base, const void *data,
                      size_t len, char **tmp, struct cc_err *err)
{
    char *name = NULL;
    int fd = open_temp(path, dir, base, &name, err);

    if (fd < 0)
        return -1;
    if (write_all(fd, data, len, path, err) < 0)
        goto fail_open;
    if (fsync(fd) < 0) {
        int e = errno;
        cc_error_code(err, e, "cannot write '%s': cannot flush it to disk: %s", path, strerror(e));
        goto fail_open;
    }
    /* Delayed write errors (e.g. on network file systems) show up here.  The
     * descriptor is released even when close fails: never retry it. */
    if (close(fd) < 0) {
        int e = errno;
        cc_error_code(err, e, "cannot write '%s': %s", path, strerror(e));
        goto fail_closed;
    }
    *tmp = name;
    return 0;

fail_open:
    close(fd);
fail_closed:
    unlink(name);
    free(name);
    return -1;
}

/* Flushes a directory entry change to disk.  File systems that cannot sync a
 * directory say EINVAL (or ENOTSUP): there is nothing more to do there. */
static int sync_dir(const char *path, const char *dir, struct cc_err *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int e;

    if (fd < 0) {
        e = errno;
        return cc_error_code(err, e, "'%s' was written, but its directory '%s' cannot be opened to flush it to disk: %s",
                             path, dir, strerror(e));
    }
    if (fsync(fd) < 0) {
        e = errno;
        if (e != EINVAL && e != ENOTSUP) {
            close(fd);
            return cc_error_code(err, e, "'%s' was written, but its directory '%s' cannot be flushed to disk: %s",
                                 path, dir, strerror(e));
        }
    }
    close(fd); /* read-only: nothing to lose */
    return 0;
}

/* Common checks on a path to be written. */
static int check_target(const char *path, const char *base, struct cc_err *err)
{
    if (!*path)
        return cc_error_code(err, ENOENT, "cannot write a file with an empty name");
    if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
        return cc_error_code(err, EISDIR, "cannot write '%s': it names a directory, not a file", path);
    return 0;
}

int fs_write_atomic(const char *path, const void *data, size_t len, struct cc_err *err)
{
    char *dir, *base, *tmp = NULL;
    int ret = -1;

    split_path(path, &dir, &base);
    if (check_target(path, base, err) < 0)
        goto out;
    if (write_temp(path, dir, base, data, len, &tmp, err) < 0)
        goto out;
    if (rename(tmp, path) < 0) {
        int e = errno;
        cc_error_code(err, e, "cannot replace '%s': %s", path, strerror(e));
        unlink(tmp);
        goto out;
    }
    ret = sync_dir(path, dir, err);
out:
    free(tmp);
    free(dir);
    free(base);
    return ret;
}

int fs_write_new(const char *path, const void *data, size_t len, struct cc_err *err)
{
    char *dir, *base, *tmp = NULL;
    int ret = -1;

    split_path(path, &dir, &base);
    if (check_target(path, base, err) < 0)
        goto out;
    /* Fail early, without writing anything, in the common case. */
    if (fs_exists(path)) {
        cc_error_code(err, EEXIST, "cannot create '%s': the file already exists", path);
        goto out;
    }
    if (write_temp(path, dir, base, data, len, &tmp, err) < 0)
        goto out;
    /* link() never replaces an existing name: that is the real check. */
    if (link(tmp, path) < 0) {
        int e = errno;
        if (e == EEXIST)
            cc_error_code(err, EEXIST, "cannot create '%s': the file already exists", path);
        else
            cc_error_code(err, e, "cannot create '%s': %s", path, strerror(e));
        unlink(tmp);
        goto out;
    }
    unlink(tmp);
    ret = sync_dir(path, dir, err);
out:
    free(tmp);
    free(dir);
    free(base);
    return ret;
}

int fs_read_file(const char *path, size_t max, char **out, size_t *len, struct cc_err *err)
{
    struct stat st;
    char *buf;
    size_t cap, n = 0; /* cap: bytes of data buf can hold (plus the NUL) */
    int fd, e;

    *out = NULL;
    if (len)
        *len = 0;
    /* O_NONBLOCK so that a FIFO in the way is refused instead of blocking the
     * open; it has no effect on the regular files read below. */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        e = errno;
        return cc_error_code(err, e, "cannot open '%s': %s", path, strerror(e));
    }
    if (fstat(fd, &st) < 0) {
        e = errno;
        close(fd);
        return cc_error_code(err, e, "cannot read '%s': %s", path, strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return cc_error_code(err, EISDIR, "cannot read '%s': it is a directory, not a file", path);
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return cc_error_code(err, EINVAL, "cannot read '%s': it is not a regular file", path);
    }
    if (st.st_size < 0 || (uintmax_t)st.st_size > max) {
        close(fd);
        return cc_error_code(err, EFBIG, "cannot read '%s': it is %jd bytes long, more than the limit of %zu bytes",
                             path, (intmax_t)st.st_size, max);
    }

    cap = (size_t)st.st_size;
    buf = xmalloc(cap + 1);
    for (;;) {
        ssize_t r;
        if (n == cap) {
            /* The expected size is read: check for end of file, or for data
             * appended since fstat (still bounded by max). */
            char probe;
            size_t grow;
            r = read(fd, &probe, 1);
            if (r < 0 && errno == EINTR)
                continue;
            if (r == 0)
                break;
            if (r < 0)
                goto read_error;
            if (n >= max) {
                close(fd);
                free(buf);
                return cc_error_code(err, EFBIG, "cannot read '%s': it is more than the limit of %zu bytes",
                                     path, max);
            }
            grow = cap < 4096 ? 4096 : cap;
            cap = grow > max - n ? max : cap + grow;
            buf = xrealloc(buf, cap + 1);
            buf[n++] = probe;
            continue;
        }
        r = read(fd, buf + n, cap - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            goto read_error;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    buf[n] = '\0';
    *out = buf;
    if (len)
        *len = n;
    return 0;

read_error:
    e = errno;
    close(fd);
    free(buf);
    return cc_error_code(err, e, "cannot read '%s': %s", path, strerror(e));
}

int fs_mkdir_p(const char *path, struct cc_err *err)
{
    char *p;
    size_t i, end;
    int ret = 0;

    if (!*path)
        return cc_error_code(err, ENOENT, "cannot create a directory with an empty name");
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
                ret = cc_error_code(err, e, "cannot set the permissions of directory '%s': %s", p,
                                    strerror(e));
                break;
            }
        } else {
            int e = errno;
            if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
                /* Already there: left as it is. */
            } else if (e == EEXIST) {
                ret = cc_error_code(err, ENOTDIR, "cannot create directory '%s': '%s' exists and is not a directory",
                                    path, p);
                break;
            } else {
                ret = cc_error_code(err, e, "cannot create directory '%s': %s", p, strerror(e));
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
    return xasprintf("%.*s/%s", (int)dlen, dir, name);
}
