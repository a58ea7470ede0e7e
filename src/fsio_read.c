/* fsio_read.c — bounded reads of whole files and their digest, refusing
 * links and FIFOs where a file is expected.  See fsio.h. */
#include "fsio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "digest.h"
#include "i18n.h"

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_NOFOLLOW
#define O_NOFOLLOW 0
#endif

/* Reads the open descriptor fd (of path) into a buffer; closes fd. */
static int read_fd(int fd, const char *path, size_t max, char **out, size_t *len, struct stat *stp,
                   struct cc_err *err)
{
    struct stat st;
    char *buf;
    size_t cap, n = 0; /* cap: bytes of data buf can hold (plus the NUL) */
    int e;

    if (fstat(fd, &st) < 0) {
        e = errno;
        close(fd);
        return cc_error_code(err, e, _("cannot read '%s': %s"), path, strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return cc_error_code(err, EISDIR, _("cannot read '%s': it is a directory, not a file"), path);
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return cc_error_code(err, EINVAL, _("cannot read '%s': it is %s, not a regular file"), path,
                             fs_kind(st.st_mode));
    }
    if (st.st_size < 0 || (uintmax_t)st.st_size > max) {
        close(fd);
        return cc_error_code(err, EFBIG, _("cannot read '%s': it is %jd bytes long, more than the limit of %zu bytes"),
                             path, (intmax_t)st.st_size, max);
    }

    /* buf holds cap bytes, one more (to see the end of the file in the
     * same read) and the NUL */
    cap = (size_t)st.st_size;
    buf = xmalloc(cap + 2);
    for (;;) {
        size_t want;
        ssize_t r;
        if (n == cap + 1) {
            /* more than fstat said: data appended since (still bounded by max) */
            size_t grow = cap < 4096 ? 4096 : cap;
            if (n > max) {
                close(fd);
                free(buf);
                return cc_error_code(err, EFBIG, _("cannot read '%s': it is more than the limit of %zu bytes"),
                                     path, max);
            }
            cap = grow > max - cap ? max : cap + grow;
            buf = xrealloc(buf, cap + 2);
        }
        want = cap + 1 - n;
        r = read(fd, buf + n, want);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            goto read_error;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        /* a short read of a regular file at the size fstat gave is its end:
         * no second read that returns 0 */
        if ((size_t)r < want && n == (size_t)st.st_size)
            break;
    }
    close(fd);
    buf[n] = '\0';
    *out = buf;
    if (len)
        *len = n;
    if (stp)
        *stp = st;
    return 0;

read_error:
    e = errno;
    close(fd);
    free(buf);
    return cc_error_code(err, e, _("cannot read '%s': %s"), path, strerror(e));
}

int fs_read_file(const char *path, size_t max, char **out, size_t *len, struct cc_err *err)
{
    int fd;

    *out = NULL;
    if (len)
        *len = 0;
    /* O_NONBLOCK so that a FIFO in the way is refused instead of blocking the
     * open; it has no effect on the regular files read below. */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        int e = errno;
        return cc_error_code(err, e, _("cannot open '%s': %s"), path, strerror(e));
    }
    return read_fd(fd, path, max, out, len, NULL, err);
}

/* Opens name in dirfd for reading, refusing a symbolic link (messages name
 * path): the descriptor, or -1. */
static int open_read_at(int dirfd, const char *name, const char *path, struct cc_err *err)
{
    int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
    if (fd < 0) {
        int e = errno;
        if (e == ELOOP)
            return cc_error_code(err, EINVAL, _("cannot read '%s': it is a symbolic link, which "
                                    "coopcheck does not follow inside the data directory; replace it "
                                    "with the file itself"), path);
        return cc_error_code(err, e, _("cannot open '%s': %s"), path, strerror(e));
    }
    return fd;
}

int fs_read_at_st(int dirfd, const char *name, const char *path, size_t max, char **out, size_t *len,
                  struct stat *st, struct cc_err *err)
{
    int fd;

    *out = NULL;
    if (len)
        *len = 0;
    if ((fd = open_read_at(dirfd, name, path, err)) < 0)
        return -1;
    return read_fd(fd, path, max, out, len, st, err);
}

int fs_read_at(int dirfd, const char *name, const char *path, size_t max, char **out, size_t *len,
               struct cc_err *err)
{
    return fs_read_at_st(dirfd, name, path, max, out, len, NULL, err);
}

int fs_digest_at(int dirfd, const char *name, const char *path, uint64_t *out, struct stat *st,
                 struct cc_err *err)
{
    static char chunk[1 << 16];
    struct digest *d;
    int fd = open_read_at(dirfd, name, path, err), e;
    if (fd < 0)
        return -1;
    if (fstat(fd, st) < 0) {
        e = errno;
        close(fd);
        return cc_error_code(err, e, _("cannot read '%s': %s"), path, strerror(e));
    }
    if (!S_ISREG(st->st_mode)) {
        close(fd);
        return cc_error_code(err, EINVAL, _("cannot read '%s': it is %s, not a regular file"), path,
                             fs_kind(st->st_mode));
    }
    d = digest_new();
    if (!d) {
        close(fd);
        return cc_error_code(err, ENOMEM, _("cannot read '%s': %s"), path, strerror(ENOMEM));
    }
    for (;;) {
        ssize_t r = read(fd, chunk, sizeof(chunk));
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            e = errno;
            close(fd);
            digest_free(d);
            return cc_error_code(err, e, _("cannot read '%s': %s"), path, strerror(e));
        }
        if (r == 0)
            break;
        digest_update(d, chunk, (size_t)r);
    }
    close(fd);
    *out = digest_final(d);
    digest_free(d);
    return 0;
}

