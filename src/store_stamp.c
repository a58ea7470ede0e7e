/* store_stamp.c — what storage remembers of the working file it read or
 * wrote (struct file_stamp, model.h), so that a save can tell whether
 * someone else changed the file since without reading it all again.
 *
 * A file's ctime changes with every change of the file and no program can
 * set it, but it only moves in steps: the file system's granule (FAT: 2 s)
 * or the kernel's coarse clock (a few ms).  A change within the step in
 * which the file was written would leave every time as it was.  So a stamp
 * is "settled" only once the file's bytes have been found unchanged at a
 * moment later than that step: from then on, any change shows in the
 * times.  Until then a save reads the file and compares its digest.
 *
 * store_settle makes that comparison once, when the step is over, at a
 * moment the caller chooses (the interface: while it waits for a key), so
 * that the next save need not. */
#include "store.h"
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include "fsio.h"

/* Longer than the granule of any file system's time stamps (FAT's 2 s): the
 * granule assumed where the file system is not known to be finer. */
#define STAMP_GRANULE_NS 2000000000LL

/* File systems that keep times in nanoseconds (their f_type, statfs(2)):
 * their times move with the kernel's coarse clock. */
static const long fine_fs[] = {
    0xEF53,       /* ext2, ext3, ext4 */
    0x58465342,   /* xfs */
    0x9123683E,   /* btrfs */
    0x01021994,   /* tmpfs */
    0xF2F52010,   /* f2fs */
    0x794c7630,   /* overlayfs (the times of the layer below) */
    0x2fc12fc1,   /* zfs */
};

long long store_stamp_clock_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}

int store_fs_local(int fd)
{
    struct statfs sf;
    if (fstatfs(fd, &sf) != 0)
        return 0;
    for (size_t i = 0; i < sizeof(fine_fs) / sizeof(fine_fs[0]); i++)
        if ((long)sf.f_type == fine_fs[i])
            return 1;
    return 0;
}

long long store_time_granule_ns(int fd)
{
    struct timespec res;
    long long g;
    if (!store_fs_local(fd) || clock_getres(CLOCK_REALTIME_COARSE, &res) != 0)
        return STAMP_GRANULE_NS;
    /* twice the coarse clock's step, and at least 10 ms */
    g = 2 * ((long long)res.tv_sec * 1000000000LL + res.tv_nsec);
    return g < 10000000LL ? 10000000LL : g;
}

static int stamp_old_enough(const struct file_stamp *s, long long now)
{
    return now - (s->ctime_s * 1000000000LL + s->ctime_ns) >= s->granule_ns;
}

void store_stamp(struct file_stamp *s, const struct stat *st, size_t len, uint64_t digest)
{
    memset(s, 0, sizeof(*s));
    s->known = 1;
    s->digest = digest;
    s->size = (long long)len;
    s->granule_ns = STAMP_GRANULE_NS;
    if (!st || st->st_ino == 0)
        return;   /* only the bytes known: the next check reads them */
    s->dev = (unsigned long long)st->st_dev;
    s->ino = (unsigned long long)st->st_ino;
    s->size = (long long)st->st_size;
    s->mtime_s = (long long)st->st_mtim.tv_sec;
    s->mtime_ns = st->st_mtim.tv_nsec;
    s->ctime_s = (long long)st->st_ctim.tv_sec;
    s->ctime_ns = st->st_ctim.tv_nsec;
    s->settled = stamp_old_enough(s, store_stamp_clock_ns());
}

void store_stamp_granule(struct file_stamp *s, int fd, long long read_ns)
{
    if (!s->known || s->ino == 0)
        return;
    s->granule_ns = store_time_granule_ns(fd);
    s->settled = stamp_old_enough(s, read_ns);
}

int store_stamp_same(const struct file_stamp *s, const struct stat *st)
{
    return s->ino != 0 && s->dev == (unsigned long long)st->st_dev &&
           s->ino == (unsigned long long)st->st_ino && s->size == (long long)st->st_size &&
           s->mtime_s == (long long)st->st_mtim.tv_sec && s->mtime_ns == st->st_mtim.tv_nsec &&
           s->ctime_s == (long long)st->st_ctim.tv_sec && s->ctime_ns == st->st_ctim.tv_nsec;
}

long store_settle(const char *data, struct assessment *a)
{
    struct file_stamp *s = &a->stamp;
    struct cc_err err;
    struct stat st;
    uint64_t dg;
    long long now = store_stamp_clock_ns(), left;
    char *dir, *path;
    int dirfd;
    if (!s->known || s->settled || s->ino == 0)
        return -1;
    left = s->ctime_s * 1000000000LL + s->ctime_ns + s->granule_ns - now;
    if (left > 0)
        return (long)(left / 1000000LL) + 1;
    fs_retired_close();   /* the files the saves replaced go now, while idle */
    dirfd = store_open_coop(data, a->coop.id, &err);
    if (dirfd < 0)
        return -1;   /* the next save says what is wrong */
    dir = fs_join(data, a->coop.id);
    path = fs_join(dir, WORKING_NAME);
    free(dir);
    if (fs_digest_at(dirfd, WORKING_NAME, path, &dg, &st, &err) == 0 &&
        store_stamp_same(s, &st) && dg == s->digest)
        s->settled = 1;
    else
        s->ino = 0;   /* changed, or unknown: the next save reads and compares */
    free(path);
    close(dirfd);
    return -1;
}
