/* fsio.h — careful file I/O for assessment data.
 *
 * Files written here are 0600 and directories 0700 whatever the umask.  Writes
 * are atomic: a temporary file in the same directory is written completely,
 * fsync'ed, renamed over the target and the directory fsync'ed, so a reader (or
 * a crash) sees either the old file or the new one, never a mix.  On any
 * failure the target is untouched and the temporary file is removed; a
 * temporary file left by a killed process is named so that the next writer
 * recognises and removes it (fs_clean_temps).
 */
#ifndef COOPCHECK_FSIO_H
#define COOPCHECK_FSIO_H

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "util.h"

/* Reads a whole regular file into a NUL-terminated buffer (caller frees).
 * Refuses files larger than max bytes (err->code EFBIG) and anything that is
 * not a regular file (EISDIR/EINVAL).  A missing file gives err->code ENOENT.
 * Messages name the path. */
int fs_read_file(const char *path, size_t max, char **out, size_t *len, struct cc_err *err);

/* Atomically replaces (or creates) path with data[0..len), mode 0600. */
int fs_write_atomic(const char *path, const void *data, size_t len, struct cc_err *err);

/* Creates path with data, mode 0600, but never replaces an existing file: the
 * data is written to a temporary file, fsync'ed, then link()ed to path.  When
 * path exists, returns -1 with err->code EEXIST and leaves both untouched. */
int fs_write_new(const char *path, const void *data, size_t len, struct cc_err *err);

/* The same relative to a directory descriptor: name is a single component
 * in dirfd, path is what messages call it.  The *_at functions never follow a
 * symbolic link in name: reading one is refused (EINVAL), and a symbolic
 * link, FIFO, device or directory in the way of a write is never replaced
 * (EINVAL/EISDIR) — the path-based functions above refuse that too. */
int fs_read_at(int dirfd, const char *name, const char *path, size_t max, char **out, size_t *len,
               struct cc_err *err);
/* fs_read_at, and the status of the file read (fstat of the descriptor it
 * was read through) in *st. */
int fs_read_at_st(int dirfd, const char *name, const char *path, size_t max, char **out,
                  size_t *len, struct stat *st, struct cc_err *err);
/* The digest (digest.h) of the regular file name in dirfd, read in chunks
 * (no copy of it in memory), and its status (fstat before the reading). */
int fs_digest_at(int dirfd, const char *name, const char *path, uint64_t *digest, struct stat *st,
                 struct cc_err *err);
int fs_write_atomic_at(int dirfd, const char *name, const char *path, const void *data, size_t len,
                       struct cc_err *err);
int fs_write_new_at(int dirfd, const char *name, const char *path, const void *data, size_t len,
                    struct cc_err *err);
/* Removes name from dirfd and syncs the directory; a missing name is fine. */
int fs_unlink_at(int dirfd, const char *name, const char *path, struct cc_err *err);

/* fs_write_atomic_at and fs_unlink_at with flags:
 * FS_NO_SYNC: still atomic (a reader sees the old file or the new one), but
 * nothing is flushed to disk, so after a crash of the system the old file,
 * the new one or an empty or incomplete one may be there.  Only for files
 * whose every such state is harmless (the editor's lock, store_lock.c).
 * When st is not NULL it receives the written file's status (identity,
 * size, times), taken on the file's own descriptor after the rename: the
 * file this call wrote, even when another writer has replaced it since (all
 * zero if that fstat failed). */
#define FS_NO_SYNC 0x1u
/* FS_KEEP_REPLACED: the file replaced is kept open across the rename, and
 * its descriptor goes to fs_retire (the caller closes it later: dropping the
 * last link to a file of megabytes frees its pages and blocks, 3-5 ms on
 * ext4, which then happen at the close instead of in the rename). */
#define FS_KEEP_REPLACED 0x2u
int fs_replace_at(int dirfd, const char *name, const char *path, const void *data, size_t len,
                  unsigned flags, struct stat *st, struct cc_err *err);
/* fs_replace_at with the bytes written by fn as it makes them (a save of 7
 * MiB of answers need not hold all of the text at once): fn calls
 * fs_out_write, which writes (0) or sets the error (-1, then fn returns -1
 * too); fn may also fail on its own, setting the error it was given. */
struct fs_out;
typedef int (*fs_producer)(struct fs_out *o, void *arg);
int fs_out_write(struct fs_out *o, const void *data, size_t len);
/* The files kept by FS_KEEP_REPLACED, closed now (at most FS_RETIRED_MAX
 * are held: the oldest is closed when another comes). */
#define FS_RETIRED_MAX 4
void fs_retired_close(void);
int fs_replace_at_with(int dirfd, const char *name, const char *path, fs_producer fn, void *arg,
                       unsigned flags, struct stat *st, struct cc_err *err);
int fs_remove_at(int dirfd, const char *name, const char *path, unsigned flags, struct cc_err *err);
/* Flushes dirfd's entries to disk (file systems that cannot are accepted). */
int fs_sync_dir(int dirfd, const char *path, struct cc_err *err);

/* Opens the directory name in dirfd (AT_FDCWD: relative to the working
 * directory) without following a symbolic link, which is refused with a
 * message saying why (EINVAL); with create, a missing one is made, 0700.
 * Returns the descriptor (close it) or -1. */
int fs_open_dir_at(int dirfd, const char *name, const char *path, int create, struct cc_err *err);

/* Removes the temporary files that killed writes left in dirfd: names of the
 * form ".BASE.tmp-PID-XXXXXXXX" whose process is gone or started after the
 * file was written (so the pid was reused), and the older form without a pid
 * once it is ten minutes old.  Returns how many were removed.  Call it only
 * while holding the directory's write lock. */
size_t fs_clean_temps(int dirfd);
/* A directory stream on a duplicate of dirfd (dirfd stays open, and the
 * stream starts at the first entry); NULL when it cannot be had.  Close it
 * with closedir. */
DIR *fs_opendir_dup(int dirfd);

/* "a symbolic link", "a FIFO", "a character device", ... for messages. */
const char *fs_kind(mode_t mode);

/* Creates a directory and any missing parents; the directories it creates are
 * 0700 whatever the umask.  An existing directory is accepted as it is. */
int fs_mkdir_p(const char *path, struct cc_err *err);

/* 1 when path exists (any type), 0 when not. */
int fs_exists(const char *path);

/* Joins a directory and a name with exactly one '/'; caller frees. */
char *fs_join(const char *dir, const char *name);

#endif
